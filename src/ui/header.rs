//! The page header: title, language and source.

use yew::prelude::*;

use crate::core::Lang;
use crate::state::Action;
use crate::ui::AppContext;

/// Title, language switch and the source the view uses.
#[component]
pub fn Header() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let lang = state.lang;
    let set_lang = |to: Lang| {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::SetLang(to)))
    };
    let on_view = {
        let dispatch = state.dispatcher();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                dispatch.dispatch(Action::ChooseView(select.value()));
            }
        })
    };
    let current = state.computed.view;
    html! {
        <header class="top">
            <div class="title">
                <h1>{ lang.pick("해외직구 적자 계산기", "Korea's cross-border e-commerce deficit, recomputed") }</h1>
                <p class="dek">{ lang.pick(
                    "기사 속 숫자를 출처와 함께 다시 계산해 보세요. 모든 계산은 브라우저 안에서 이뤄집니다.",
                    "Recompute the story's numbers from their sources. Everything runs in your browser.",
                ) }</p>
            </div>
            <div class="controls">
                <div class="lang" role="group" aria-label={lang.pick("언어", "Language")}>
                    <button type="button" aria-pressed={(lang == Lang::Ko).to_string()} onclick={set_lang(Lang::Ko)} lang="ko">{ "한국어" }</button>
                    <button type="button" aria-pressed={(lang == Lang::En).to_string()} onclick={set_lang(Lang::En)} lang="en">{ "English" }</button>
                </div>
                <label class="source">
                    <span>{ lang.pick("출처", "Source") }</span>
                    <select onchange={on_view}>
                        { for state.dataset.views().iter().enumerate().map(|(i, view)| html! {
                            <option key={view.id.clone()} value={view.id.clone()} selected={i == current}>
                                { state.dataset.view_label(i, lang).to_string() }
                            </option>
                        }) }
                    </select>
                </label>
            </div>
        </header>
    }
}
