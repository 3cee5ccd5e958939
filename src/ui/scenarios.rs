//! Named scenarios: keep the current one, switch between them, compare two side by side.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::chart_model::comparison_chart;
use crate::core::num::{Quantity, Style, format_balance};
use crate::core::{BreakEven, Computed, DisplayUnit, Lang, compute};
use crate::state::{Action, MAX_SCENARIO_NAME};
use crate::ui::{AppContext, ChartView};

fn headline_text(computed: &Computed, lang: Lang) -> String {
    let quantity = match computed.headline.unit {
        DisplayUnit::Won => Quantity::Won,
        DisplayUnit::Usd => Quantity::Usd,
    };
    computed
        .headline
        .value
        .map(|v| format_balance(v, quantity, lang, Style::Compact))
        .unwrap_or_else(|| lang.pick("자료 없음", "no data").to_string())
}

fn break_even_text(computed: &Computed, lang: Lang) -> String {
    match &computed.break_even {
        BreakEven::Year { year, .. } => match lang {
            Lang::Ko => format!("{year}년"),
            Lang::En => year.to_string(),
        },
        BreakEven::NotWithinHorizon { horizon } => match lang {
            Lang::Ko => format!("{horizon}년까지 없음"),
            Lang::En => format!("not by {horizon}"),
        },
        BreakEven::NoProjection => lang.pick("전망 없음", "no projection").to_string(),
    }
}

/// Save, open, delete and compare named scenarios.
#[component]
pub fn Scenarios() -> Html {
    let name = use_state(String::new);
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let lang = state.lang;
    let dispatch = state.dispatcher();
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                name.set(input.value());
            }
        })
    };
    let on_save = {
        let (name, dispatch) = (name.clone(), dispatch.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            dispatch.dispatch(Action::SaveScenario((*name).clone()));
            name.set(String::new());
        })
    };
    let button = |label: String, action: Action, pressed: Option<bool>| {
        let dispatch = dispatch.clone();
        html! {
            <button type="button" aria-pressed={pressed.map(|p| p.to_string())}
                onclick={Callback::from(move |_: MouseEvent| dispatch.dispatch(action.clone()))}>{ label }</button>
        }
    };
    let item = |saved: &crate::state::SavedScenario| {
        let n = saved.name.clone();
        let comparing = state.compare.as_deref() == Some(n.as_str());
        html! {
            <li key={n.clone()}>
                <span class="scenario-name">{ n.clone() }</span>
                { button(lang.pick("열기", "Open").to_string(), Action::OpenScenario(n.clone()), None) }
                { button(lang.pick("비교", "Compare").to_string(), Action::CompareWith((!comparing).then(|| n.clone())), Some(comparing)) }
                { button(lang.pick("삭제", "Delete").to_string(), Action::DeleteScenario(n.clone()), None) }
            </li>
        }
    };
    html! {
        <section class="panel scenarios" aria-labelledby="scenarios-title" data-testid="scenarios">
            <h2 id="scenarios-title">{ lang.pick("시나리오", "Scenarios") }</h2>
            <form class="save-scenario" onsubmit={on_save}>
                <label for="scenario-name">{ lang.pick("지금 상태를 이름 붙여 저장", "Save the current view under a name") }</label>
                <input id="scenario-name" type="text" maxlength={MAX_SCENARIO_NAME.to_string()} value={(*name).clone()} oninput={on_name}
                    placeholder={lang.pick("예: 환율 1,400원", "e.g. rate at 1,400")} />
                <button type="submit" disabled={name.trim().is_empty()}>{ lang.pick("저장", "Save") }</button>
            </form>
            if state.saved.is_empty() {
                <p class="note">{ lang.pick("저장한 시나리오가 없습니다. 이 브라우저에만 저장됩니다.", "No saved scenarios yet. They are kept in this browser only.") }</p>
            } else {
                <ul class="scenario-list">{ for state.saved.iter().map(item) }</ul>
            }
            <Comparison />
        </section>
    }
}

/// The current scenario beside the saved one chosen for comparison: key figures, verdicts, the
/// differences between them, and both balances on one chart.
#[component]
fn Comparison() -> Html {
    let context = use_context::<AppContext>();
    let other = context.as_ref().and_then(|s| s.compared().cloned());
    let other_computed = use_memo(
        (
            context.as_ref().map(|s| s.dataset.clone()),
            other.as_ref().map(|o| o.scenario.clone()),
        ),
        |(dataset, scenario)| match (dataset, scenario) {
            (Some(dataset), Some(scenario)) => Some(Rc::new(compute(dataset, scenario))),
            _ => None,
        },
    );
    let (Some(state), Some(other), Some(other_computed)) =
        (context, other, (*other_computed).clone())
    else {
        return Html::default();
    };
    let lang = state.lang;
    let current = &state.computed;
    let chart = comparison_chart(current, &other_computed, &other.name, lang);
    let claims = state.dataset.claims();
    let changes = state.scenario.diff(&other.scenario);
    html! {
        <div class="comparison" data-testid="comparison">
            <h3>{ match lang { Lang::Ko => format!("‘{}’과 비교", other.name), Lang::En => format!("Compared with “{}”", other.name) } }</h3>
            <table class="compare">
                <thead><tr>
                    <th scope="col">{ "" }</th>
                    <th scope="col">{ lang.pick("지금", "Current") }</th>
                    <th scope="col">{ other.name.clone() }</th>
                </tr></thead>
                <tbody>
                    <tr>
                        <th scope="row">{ match lang { Lang::Ko => format!("{}년 수지", current.headline.year), Lang::En => format!("Balance, {}", current.headline.year) } }</th>
                        <td>{ headline_text(current, lang) }</td>
                        <td>{ headline_text(&other_computed, lang) }</td>
                    </tr>
                    <tr>
                        <th scope="row">{ lang.pick("흑자 전환", "Balance turns") }</th>
                        <td>{ break_even_text(current, lang) }</td>
                        <td>{ break_even_text(&other_computed, lang) }</td>
                    </tr>
                    { for current.claims.iter().zip(&other_computed.claims).filter_map(|(a, b)| {
                        let claim = claims.get(a.claim)?;
                        Some(html! {
                            <tr key={claim.id.clone()} class={classes!((a.verdict.label(lang) != b.verdict.label(lang)).then_some("differs"))}>
                                <th scope="row">{ claim.id.clone() }</th>
                                <td>{ a.verdict.label(lang) }</td>
                                <td>{ b.verdict.label(lang) }</td>
                            </tr>
                        })
                    }) }
                </tbody>
            </table>
            <h4>{ lang.pick("바뀐 점 (지금 → 비교 대상)", "What differs (current → compared)") }</h4>
            if changes.is_empty() {
                <p class="note">{ lang.pick("두 시나리오는 같습니다.", "The two scenarios are the same.") }</p>
            } else {
                <ul class="changes">{ for changes.iter().map(|c| html! { <li>{ c.describe(lang) }</li> }) }</ul>
            }
            <ChartView id="compare" model={Rc::new(chart)} {lang} dark={state.dark()}
                label={lang.pick("두 시나리오의 수지 비교 그래프", "Chart comparing the balance in both scenarios")} />
        </div>
    }
}
