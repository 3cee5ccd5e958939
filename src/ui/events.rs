//! Dated context under the charts: rules and market changes a reader may want beside the figures,
//! each with where it was reported. (Markers on the charts' time axis are left for the chart code.)

use yew::prelude::*;

use crate::ui::AppContext;

/// The list of events; nothing when the data file has none.
#[component]
pub fn Events() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let events = state.dataset.events();
    if events.is_empty() {
        return Html::default();
    }
    let lang = state.lang;
    html! {
        <section class="events" data-testid="events" aria-labelledby="events-title">
            <h2 id="events-title">{ lang.pick("그 사이 있었던 일", "Meanwhile") }</h2>
            <ul>
                { for events.iter().map(|e| html! {
                    <li key={e.date.clone()}>
                        <time datetime={e.date.clone()}>{ e.date.clone() }</time>
                        { " " }{ lang.pick(&e.ko, &e.en).to_string() }
                        { " " }<cite class="locator">{ e.locator.clone() }</cite>
                    </li>
                }) }
            </ul>
        </section>
    }
}
