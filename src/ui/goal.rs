//! Goal seek: "what would it take?" The reader picks a target and the assumption to solve for; the
//! core solves it and this panel shows the answer with its arithmetic, or why there is none.

use yew::prelude::*;

use crate::core::num::{Quantity, Style, format};
use crate::core::{
    Decimal, Flow, Lang, Partner, Seek, SeekOutcome, SeriesKey, partners_with_balance,
};
use crate::state::{Action, AppState, Field};
use crate::ui::AppContext;
use crate::ui::assumptions::seekable;
use crate::ui::field::NumberField;

/// The story's dollar figure for the 2023 deficit, the default target of a rate seek: $4.3 bn.
fn story_dollar_deficit() -> Decimal {
    Decimal::from(-4_300_000_000_i64)
}

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

/// Sales to China to break even at the horizon, when the view projects them; else the first
/// flow it can solve for.
fn default_growth_seek(state: &AppState) -> Option<Seek> {
    let flows = seekable(state);
    let china = SeriesKey::won(Flow::Sales, Partner::China);
    let series = flows
        .iter()
        .copied()
        .find(|s| *s == china)
        .or_else(|| flows.first().copied())?;
    Some(Seek::Growth {
        series,
        year: state.computed.table.last_year,
        target: Decimal::ZERO,
    })
}

/// The rate at which the headline year's balance (2023 by default) equals the story's $4.3 bn deficit.
fn default_rate_seek(state: &AppState) -> Seek {
    let table = &state.computed.table;
    let year = state.computed.headline.year.min(table.last_published_year);
    Seek::Rate {
        partner: state.computed.headline.series.partner,
        year,
        target: story_dollar_deficit(),
    }
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
    let flows = seekable(state);
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
                hint={AttrValue::from(lang.pick("기사의 수치: 43억 달러 적자 = −4.3", "The story's figure: a $4.3 billion deficit = −4.3"))}
            />
        </fieldset>
    }
}

fn won(value: Decimal, lang: Lang) -> String {
    format(value, Quantity::Won, lang, Style::Compact)
}

fn usd(value: Decimal, lang: Lang) -> String {
    format(value, Quantity::Usd, lang, Style::Compact)
}

fn pct(value: Decimal, lang: Lang) -> String {
    format(value, Quantity::Percent, lang, Style::Compact)
}

fn rate(value: Decimal, lang: Lang) -> String {
    format(value, Quantity::Rate, lang, Style::Compact)
}

/// The answer, its arithmetic and a button to adopt it; or why there is none.
fn answer(state: &AppContext, seek: Seek, outcome: &SeekOutcome) -> Html {
    let lang = state.lang;
    let table = &state.computed.table;
    let dispatch = state.dispatcher();
    let apply = Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ApplySeek));
    let (status, sentence, formula, button) = match (seek, outcome) {
        (
            Seek::Growth {
                series,
                year,
                target,
            },
            SeekOutcome::Solved {
                value, achieved, ..
            },
        ) => {
            let partner = series.partner;
            let base = table
                .row(series)
                .and_then(|r| r.projection)
                .and_then(|p| p.base);
            let base_value = base.and_then(|b| table.value(b));
            let other = series.with_flow(if series.flow == Flow::Sales {
                Flow::Purchases
            } else {
                Flow::Sales
            });
            let other_value = table.value(other.at(year));
            let from = base.map_or(year, |b| b.year);
            let steps = year.saturating_sub(from);
            let goal = if target.is_zero() {
                lang.pick("균형", "break even").to_string()
            } else {
                won(target, lang)
            };
            let sentence = match lang {
                Lang::Ko => format!(
                    "{}: {from}년부터 매년 {}씩 늘어야 {year}년 {} 수지가 {goal}에 이릅니다.",
                    series.label(lang),
                    pct(*value, lang),
                    partner.label(lang)
                ),
                Lang::En => format!(
                    "{} would have to grow {} a year from {from} for the balance with {} to {} in {year}.",
                    series.label(lang),
                    pct(*value, lang),
                    partner.label(lang),
                    if target.is_zero() {
                        goal
                    } else {
                        format!("reach {goal}")
                    }
                ),
            };
            let grown = format!(
                "{} × (1 + {})^{steps}",
                base_value.map_or("?".into(), |v| won(v, lang)),
                pct(*value, lang)
            );
            let other_text = other_value.map_or("?".into(), |v| won(v, lang));
            let formula = if series.flow == Flow::Sales {
                format!("{grown} − {other_text} = {}", won(*achieved, lang))
            } else {
                format!("{other_text} − {grown} = {}", won(*achieved, lang))
            };
            let button = lang.pick("이 증가율을 가정으로 쓰기", "Use this growth rate");
            ("solved", sentence, Some(formula), Some(button))
        }
        (
            Seek::Rate {
                partner,
                year,
                target,
            },
            SeekOutcome::Solved {
                value, achieved, ..
            },
        ) => {
            let balance = table.value(SeriesKey::won(Flow::Balance, partner).at(year));
            let balance_text = balance.map_or("?".into(), |v| won(v, lang));
            let sentence = match lang {
                Lang::Ko => format!(
                    "환율이 {}이면 {year}년 {} 수지 {balance_text}는 {}입니다.",
                    rate(*value, lang),
                    partner.label(lang),
                    usd(target, lang)
                ),
                Lang::En => format!(
                    "At {}, the {year} balance with {} of {balance_text} comes to {}.",
                    rate(*value, lang),
                    partner.label(lang),
                    usd(target, lang)
                ),
            };
            let formula = match lang {
                Lang::Ko => format!(
                    "환율 = {balance_text} ÷ {} = {} (확인: {})",
                    usd(target, lang),
                    rate(*value, lang),
                    usd(*achieved, lang)
                ),
                Lang::En => format!(
                    "rate = {balance_text} ÷ {} = {} (check: {})",
                    usd(target, lang),
                    rate(*value, lang),
                    usd(*achieved, lang)
                ),
            };
            let button = lang.pick("이 환율을 모든 연도에 쓰기", "Use this rate for every year");
            ("solved", sentence, Some(formula), Some(button))
        }
        (
            seek,
            SeekOutcome::NoSolution {
                low,
                high,
                at_low,
                at_high,
            },
        ) => {
            let (range, ends) = match seek {
                Seek::Growth { year, .. } => (
                    match lang {
                        Lang::Ko => format!("연 {}~{}", pct(*low, lang), pct(*high, lang)),
                        Lang::En => format!("{} to {} a year", pct(*low, lang), pct(*high, lang)),
                    },
                    match lang {
                        Lang::Ko => format!(
                            "{year}년 수지는 가장 낮은 증가율에서 {}, 가장 높은 증가율에서 {}입니다.",
                            won(*at_low, lang),
                            won(*at_high, lang)
                        ),
                        Lang::En => format!(
                            "the {year} balance would be {} at the lowest rate and {} at the highest.",
                            won(*at_low, lang),
                            won(*at_high, lang)
                        ),
                    },
                ),
                Seek::Rate { .. } => (
                    format!("{} – {}", rate(*low, lang), rate(*high, lang)),
                    match lang {
                        Lang::Ko => format!(
                            "달러 수지는 {}에서 {}, {}에서 {}입니다.",
                            rate(*low, lang),
                            usd(*at_low, lang),
                            rate(*high, lang),
                            usd(*at_high, lang)
                        ),
                        Lang::En => format!(
                            "the dollar balance would be {} at {} and {} at {}.",
                            usd(*at_low, lang),
                            rate(*low, lang),
                            usd(*at_high, lang),
                            rate(*high, lang)
                        ),
                    },
                ),
            };
            let sentence = match lang {
                Lang::Ko => format!(
                    "범위 안에 답이 없습니다 ({range}): {ends} 두 끝이 목표의 같은 쪽에 있습니다."
                ),
                Lang::En => format!(
                    "No solution in range ({range}): {ends} Both ends fall on the same side of the target."
                ),
            };
            ("none", sentence, None, None)
        }
        (_, SeekOutcome::Unavailable(issue)) => ("unavailable", issue.message(lang), None, None),
    };
    html! {
        <div class={classes!("answer", status)} data-testid="goal-answer" data-status={status} aria-live="polite">
            <p class="answer-text">
                <span class="badge-text">{ match status {
                    "solved" => lang.pick("답", "Answer"),
                    "none" => lang.pick("답 없음", "No answer"),
                    _ => lang.pick("풀 수 없음", "Cannot solve"),
                } }</span>
                { " " }{ sentence }
            </p>
            if let Some(formula) = formula {
                <p class="formula">{ formula }</p>
            }
            if let Some(label) = button {
                <button type="button" class="action" onclick={apply}>{ label }</button>
            }
        </div>
    }
}
