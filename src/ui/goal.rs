//! Goal seek: "what would it take?" The reader picks a target and the assumption to solve for; the
//! core solves it and this panel shows the answer with its arithmetic, or why there is none.

use yew::prelude::*;

use crate::core::{Flow, Partner, Seek, SeekOutcome, partners_with_balance};
use crate::state::{Action, AppState, Field};
use crate::ui::AppContext;
use crate::ui::field::NumberField;

/// The goal-seek panel.
#[component]
pub fn GoalSeek() -> Html {
    let ranges = crate::ui::use_ranges();
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let lang = state.lang;
    let seek = state.scenario.seek;
    let growth_seek = default_growth_seek(&state);
    let rate_seek = default_rate_seek(&state);
    let dispatch = state.dispatcher();
    let choose = |to: Option<Seek>| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: Event| dispatch.dispatch(Action::SetSeek(to)))
    };
    let kind = match seek {
        None => "none",
        Some(Seek::Growth { .. }) => "growth",
        Some(Seek::Rate { .. }) => "rate",
    };
    let option = |id: &'static str, label: &'static str, to: Option<Seek>| {
        let input_id = format!("seek-kind-{id}");
        html! {
            <label for={input_id.clone()}>
                <input type="radio" id={input_id} name="seek-kind" value={id} checked={kind == id} onchange={choose(to)} disabled={id == "growth" && growth_seek.is_none()} />
                { label }
            </label>
        }
    };
    html! {
        <section class="panel goal" aria-labelledby="goal-title" data-testid="goal">
            <h2 id="goal-title">{ lang.pick("목표값 찾기", "Goal seek: what would it take?") }</h2>
            <fieldset class="group">
                <legend>{ lang.pick("무엇을 풀까요?", "Solve for") }</legend>
                <div class="choices">
                    { option("none", lang.pick("풀지 않음", "Nothing"), None) }
                    { option("growth", lang.pick("수지를 목표에 맞추는 연 증가율", "The yearly growth that brings a balance to a target"), growth_seek) }
                    { option("rate", lang.pick("달러 수지를 목표에 맞추는 고정 환율", "The fixed exchange rate that gives a dollar balance"), Some(rate_seek)) }
                </div>
            </fieldset>
            { match seek {
                Some(seek @ Seek::Growth { .. }) => growth_controls(&state, seek),
                Some(seek @ Seek::Rate { .. }) => rate_controls(&state, seek),
                None => html! {},
            } }
            if let (Some(seek), Some(outcome)) = (seek, state.computed.seek.as_ref()) {
                { answer(&state, seek, outcome) }
            }
            if let Some(note) = seek.and_then(|s| plausibility_note(&state, s, ranges.as_deref())) {
                <p class="hint implausible" data-testid="goal-plausibility">{ note }</p>
            }
        </section>
    }
}

/// Whether a growth seek's target lies beyond the 95 % range of the balance it aims at.
fn plausibility_note(
    state: &AppState,
    seek: Seek,
    ranges: Option<&crate::core::ranges::Ranges>,
) -> Option<String> {
    let Seek::Growth {
        series,
        year,
        target,
    } = seek
    else {
        return None;
    };
    let balance = series.with_flow(Flow::Balance).at(year);
    ranges?
        .plausibility(balance, target)?
        .warning(crate::core::num::Quantity::Won, state.lang)
}

fn default_growth_seek(state: &AppState) -> Option<Seek> {
    crate::core::goal::default_growth_seek(
        &state.computed.table,
        state.computed.headline.series.partner,
    )
}

fn default_rate_seek(state: &AppState) -> Seek {
    crate::core::goal::default_rate_seek(
        &state.dataset,
        &state.computed.table,
        state.computed.headline.series,
        state.computed.headline.year,
    )
}

fn select_i32(
    dispatch: UseReducerDispatcher<AppState>,
    make: impl Fn(i32) -> Option<Seek> + 'static,
) -> Callback<Event> {
    Callback::from(move |e: Event| {
        if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
            if let Ok(value) = select.value().parse::<i32>() {
                dispatch.dispatch(Action::SetSeek(make(value)));
            }
        }
    })
}

fn growth_controls(state: &AppContext, seek: Seek) -> Html {
    let Seek::Growth {
        series,
        year,
        target,
    } = seek
    else {
        return Html::default();
    };
    let lang = state.lang;
    let table = &state.computed.table;
    let dispatch = state.dispatcher();
    let flows = crate::core::goal::seekable(
        &state.computed.table,
        state.computed.headline.series.partner,
    );
    let on_series = {
        let dispatch = dispatch.clone();
        let flows = flows.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                if let Some(series) = flows.iter().find(|s| s.to_string() == select.value()) {
                    dispatch.dispatch(Action::SetSeek(Some(Seek::Growth {
                        series: *series,
                        year,
                        target,
                    })));
                }
            }
        })
    };
    let on_year = select_i32(dispatch, move |year| {
        Some(Seek::Growth {
            series,
            year,
            target,
        })
    });
    html! {
        <fieldset class="group seek-params">
            <legend>{ lang.pick("조건", "The question") }</legend>
            <label class="picker">
                <span>{ lang.pick("증가율을 풀 계열", "Solve the growth of") }</span>
                <select id="seek-series" onchange={on_series}>
                    { for flows.iter().map(|s| html! {
                        <option key={s.to_string()} value={s.to_string()} selected={*s == series}>{ s.label(lang) }</option>
                    }) }
                </select>
            </label>
            <label class="picker">
                <span>{ lang.pick("목표 연도", "Target year") }</span>
                <select id="seek-year" onchange={on_year}>
                    { for (table.last_published_year + 1..=table.last_year).map(|y| html! {
                        <option key={y} value={y.to_string()} selected={y == year}>{ y }</option>
                    }) }
                </select>
            </label>
            <NumberField
                field={Field::SeekTarget}
                label={lang.pick("목표 수지 (조 원, 0 = 균형)", "Balance to reach (₩ trillion; 0 = break even)")}
                value={Some(target)}
            />
        </fieldset>
    }
}

fn rate_controls(state: &AppContext, seek: Seek) -> Html {
    let Seek::Rate {
        partner,
        year,
        target,
    } = seek
    else {
        return Html::default();
    };
    let lang = state.lang;
    let table = &state.computed.table;
    let dispatch = state.dispatcher();
    let partners = partners_with_balance(table);
    let on_partner = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                if let Some(partner) = Partner::from_id(&select.value()) {
                    dispatch.dispatch(Action::SetSeek(Some(Seek::Rate {
                        partner,
                        year,
                        target,
                    })));
                }
            }
        })
    };
    let on_year = select_i32(dispatch, move |year| {
        Some(Seek::Rate {
            partner,
            year,
            target,
        })
    });
    html! {
        <fieldset class="group seek-params">
            <legend>{ lang.pick("조건", "The question") }</legend>
            <label class="picker">
                <span>{ lang.pick("상대", "Partner") }</span>
                <select id="seek-partner" onchange={on_partner}>
                    { for partners.iter().map(|p| html! {
                        <option key={p.id()} value={p.id()} selected={*p == partner}>{ p.label(lang) }</option>
                    }) }
                </select>
            </label>
            <label class="picker">
                <span>{ lang.pick("연도", "Year") }</span>
                <select id="seek-year" onchange={on_year}>
                    { for (table.first_year..=table.last_published_year).map(|y| html! {
                        <option key={y} value={y.to_string()} selected={y == year}>{ y }</option>
                    }) }
                </select>
            </label>
            <NumberField
                field={Field::SeekTarget}
                label={lang.pick("목표 달러 수지 (십억 달러, 적자는 음수)", "Dollar balance wanted (US$ billion; a deficit is negative)")}
                value={Some(target)}
                hint={crate::core::goal::story_target_hint(&state.dataset, lang).map(AttrValue::from)}
            />
        </fieldset>
    }
}

/// The answer, its arithmetic and a button to adopt it; or why there is none (worded by
/// `core::goal::answer`).
fn answer(state: &AppContext, seek: Seek, outcome: &SeekOutcome) -> Html {
    let lang = state.lang;
    let dispatch = state.dispatcher();
    let apply = Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ApplySeek));
    let a = crate::core::goal::answer(&state.computed.table, seek, outcome, lang);
    let status = a.status.id();
    html! {
        <div class={classes!("answer", status)} data-testid="goal-answer" data-status={status} aria-live="polite">
            <p class="answer-text">
                <span class="badge-text">{ a.status.badge(lang) }</span>
                { " " }{ a.sentence }
            </p>
            if let Some(formula) = a.formula {
                <p class="formula">{ formula }</p>
            }
            if let Some(label) = a.adopt {
                <button type="button" class="action" onclick={apply}>{ label }</button>
            }
        </div>
    }
}
