//! The assumptions behind every converted and projected figure: the exchange rate, the horizon,
//! and how each series grows beyond the published years, with the break-even year they imply.

use yew::prelude::*;

use crate::core::num::{Quantity, Style, format, format_change};
use crate::core::{
    BreakEven, DEFAULT_HORIZON, Decimal, FxMode, Growth, HORIZON_MAX, HORIZON_MIN, Lang, Measure,
    Row, RowProjection,
};
use crate::state::{Action, AppState, Field, GrowthMode};
use crate::ui::AppContext;
use crate::ui::field::{NumberField, Slider};

/// The exchange rate, horizon and growth assumptions, and the break-even year.
#[component]
pub fn Assumptions() -> Html {
    // The other partners' series are inside a closed disclosure: filled in after the first paint.
    let others_ready = crate::ui::use_calculator_painted();
    let ranges = crate::ui::use_ranges();
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let lang = state.lang;
    let partner = state.computed.headline.series.partner;
    let projected: Vec<&Row> = state
        .computed
        .table
        .rows
        .iter()
        // A balance projected from its flows has no projection of its own; one a source publishes
        // without its flows (KIEP's) is projected itself and has an assumption to set.
        .filter(|r| r.projection.is_some() && r.series.measure == Measure::Won)
        .collect();
    let (mine, others): (Vec<&Row>, Vec<&Row>) = projected
        .into_iter()
        .partition(|r| r.series.partner == partner);
    html! {
        <section class="panel assumptions" aria-labelledby="assumptions-title" data-testid="assumptions">
            <h2 id="assumptions-title">{ lang.pick("가정", "Assumptions") }</h2>
            <p class="break-even" data-testid="break-even" aria-live="polite">{ break_even(&state) }</p>
            if let Some(chance) = chance(&state, ranges.as_deref()) {
                <p class="break-even chance" data-testid="break-even-chance">{ chance }</p>
            }
            <crate::ui::Drivers />
            { exchange_rate(&state) }
            <fieldset class="group">
                <legend>{ lang.pick("전망 기간", "Projection horizon") }</legend>
                <NumberField
                    field={Field::Horizon}
                    label={lang.pick("마지막 전망 연도", "Last projected year")}
                    value={Some(Decimal::from(state.scenario.horizon()))}
                    slider={Slider::new(HORIZON_MIN.to_string(), HORIZON_MAX.to_string(), "1")}
                    hint={AttrValue::from(match lang {
                        Lang::Ko => format!("{HORIZON_MIN}~{HORIZON_MAX}년 (기본 {DEFAULT_HORIZON}년)"),
                        Lang::En => format!("{HORIZON_MIN} to {HORIZON_MAX} (default {DEFAULT_HORIZON})"),
                    })}
                />
            </fieldset>
            <div class="growths">
                <h3>{ lang.pick("계열별 성장 가정", "Growth of each series") }</h3>
                { for mine.iter().map(|row| growth(&state, row)) }
                if !others.is_empty() {
                    <details class="more-growth">
                        <summary>{ match lang {
                            Lang::Ko => format!("다른 상대의 계열 {}개", others.len()),
                            Lang::En => format!("{} series of other partners", others.len()),
                        } }</summary>
                        if others_ready {
                            { for others.iter().map(|row| growth(&state, row)) }
                        }
                    </details>
                }
            </div>
        </section>
    }
}

/// How often the headline balance changes sign in the simulated paths, beside the central year.
pub fn chance(state: &AppState, ranges: Option<&crate::core::ranges::Ranges>) -> Option<String> {
    let lang = state.lang;
    let series = state.computed.headline.series;
    let chance = ranges?.chance(&state.computed.table, series)?;
    let whose = match lang {
        Lang::Ko => format!("{} 수지", series.partner.label(lang)),
        Lang::En => format!("The balance with {}", series.partner.label(lang)),
    };
    Some(chance.describe(&whose, lang))
}

/// One plain sentence on when the headline balance changes sign.
pub fn break_even(state: &AppState) -> String {
    let lang = state.lang;
    let partner = state.computed.headline.series.partner;
    let whose = match lang {
        Lang::Ko => format!("{} 수지", partner.label(lang)),
        Lang::En => format!("The balance with {}", partner.label(lang)),
    };
    match (&state.computed.break_even, lang) {
        (BreakEven::Year { year, value }, Lang::Ko) => {
            let turn = if value.is_sign_negative() {
                "적자로"
            } else {
                "흑자로"
            };
            format!("전망: {whose}는 {year}년에 {turn} 돌아섭니다.")
        }
        (BreakEven::Year { year, value }, Lang::En) => {
            let turn = if value.is_sign_negative() {
                "turns into a deficit"
            } else {
                "turns positive"
            };
            format!("Projection: {whose} {turn} in {year}.")
        }
        (BreakEven::NotWithinHorizon { horizon }, Lang::Ko) => {
            format!("전망: {whose}는 전망 기간({horizon}년까지) 안에 부호가 바뀌지 않습니다.")
        }
        (BreakEven::NotWithinHorizon { horizon }, Lang::En) => {
            format!("Projection: {whose} does not change sign within the horizon ({horizon}).")
        }
        (BreakEven::NoProjection, Lang::Ko) => {
            format!("전망: 이 출처로는 {whose}를 전망할 수 없습니다.")
        }
        (BreakEven::NoProjection, Lang::En) => {
            format!(
                "Projection: this source has no projection of the balance with {}.",
                partner.label(lang)
            )
        }
    }
}

fn exchange_rate(state: &AppContext) -> Html {
    let lang = state.lang;
    let dispatch = state.dispatcher();
    let fixed = match state.scenario.fx {
        FxMode::Fixed(rate) => Some(rate),
        FxMode::Average => None,
    };
    let on_average = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: Event| dispatch.dispatch(Action::UseAverageRates))
    };
    let on_fixed = Callback::from(move |_: Event| dispatch.dispatch(Action::UseFixedRate));
    let year = state.computed.headline.year;
    let average = state
        .dataset
        .rate(year)
        .or_else(|| state.dataset.rates().last());
    let citation = average.map(|rate| {
        let source = state.dataset.source(rate.source);
        let name = source.map_or("", |s| s.name(lang));
        let shown = format(rate.value, Quantity::Rate, lang, Style::Compact);
        let about = if rate.approx {
            lang.pick("약 ", "about ")
        } else {
            ""
        };
        let text = match lang {
            Lang::Ko => format!("{}년 평균 {about}{shown} · 출처: {name}", rate.year),
            Lang::En => format!("{} average {about}{shown} · source: {name}", rate.year),
        };
        match source.and_then(|s| s.url.clone()) {
            Some(url) => html! { <a href={url} rel="noopener" target="_blank">{ text }</a> },
            None => html! { { text } },
        }
    });
    html! {
        <fieldset class="group fx" data-testid="fx">
            <legend>{ lang.pick("환율 (원/달러)", "Exchange rate (won per dollar)") }</legend>
            <div class="choices">
                <label>
                    <input type="radio" name="fx-mode" value="average" checked={fixed.is_none()} onchange={on_average} />
                    { lang.pick("연도별 평균 환율", "Each year's average rate") }
                </label>
                <label>
                    <input type="radio" name="fx-mode" value="fixed" checked={fixed.is_some()} onchange={on_fixed} />
                    { lang.pick("모든 연도에 한 환율", "One fixed rate for every year") }
                </label>
            </div>
            if let Some(citation) = citation {
                <p class="hint cite">{ citation }</p>
            }
            if fixed.is_some() {
                <NumberField
                    field={Field::FixedRate}
                    label={lang.pick("고정 환율 (원/달러)", "Fixed rate (won per dollar)")}
                    value={fixed}
                    slider={Slider::new("1000", "1600", "1")}
                    hint={AttrValue::from(lang.pick("예: 1,396 또는 1396원/달러", "e.g. 1,396 or ₩1,396 per $"))}
                />
            }
        </fieldset>
    }
}

/// How a series is projected: mode, value, and what it comes to.
fn growth(state: &AppContext, row: &Row) -> Html {
    let lang = state.lang;
    let series = row.series;
    let Some(projection) = row.projection else {
        return Html::default();
    };
    let table = &state.computed.table;
    let mode = GrowthMode::of(&projection.assumption);
    let dispatch = state.dispatcher();
    let on_mode = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                if let Some(mode) = GrowthMode::from_id(&select.value()) {
                    dispatch.dispatch(Action::SetGrowthMode { series, mode });
                }
            }
        })
    };
    let on_reset = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ResetGrowth(series)))
    };
    let key = series.to_string();
    let mode_id = format!("growth-mode-{key}");
    let body = match projection.assumption {
        // The damped trend's window and damping are fixed and stated, not chosen.
        Growth::Damped | Growth::Flat => html! {
            <p class="hint method" data-testid="method-note">{ method_note(&projection, lang) }</p>
        },
        Growth::Fixed(rate) => html! {
            <NumberField
                field={Field::GrowthRate(series)}
                label={lang.pick("연 증가율 (%)", "Growth a year (%)")}
                value={Some(rate)}
                slider={Slider::new("-30", "60", "0.5")}
            />
        },
        Growth::Cagr { from, to } | Growth::Linear { from, to } => {
            let window = |which: &'static str, selected: i32| {
                let dispatch = dispatch.clone();
                let is_from = which == "from";
                let on_change = Callback::from(move |e: Event| {
                    if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                        if let Ok(year) = select.value().parse::<i32>() {
                            let (from, to) = if is_from { (year, to) } else { (from, year) };
                            dispatch.dispatch(Action::SetGrowthWindow { series, from, to });
                        }
                    }
                });
                let years = table.first_year..=table.last_published_year;
                let allowed = move |y: &i32| if is_from { *y < to } else { *y > from };
                html! {
                    <label class="picker">
                        <span>{ if is_from { lang.pick("시작", "From") } else { lang.pick("끝", "To") } }</span>
                        <select id={format!("growth-{which}-{key}")} onchange={on_change}>
                            { for years.filter(allowed).map(|y| html! {
                                <option key={y} value={y.to_string()} selected={y == selected}>{ y }</option>
                            }) }
                        </select>
                    </label>
                }
            };
            html! {
                <div class="window" role="group" aria-label={lang.pick("기준 기간", "Window")}>
                    { window("from", from) }
                    { window("to", to) }
                </div>
            }
        }
    };
    html! {
        <fieldset key={key.clone()} class="group growth" data-series={key.clone()}>
            <legend>{ series.label(lang) }</legend>
            <label class="picker">
                <span>{ lang.pick("방식", "Method") }</span>
                <select id={mode_id} onchange={on_mode}>
                    { for GrowthMode::ALL.into_iter().map(|m| html! {
                        <option key={m.id()} value={m.id()} selected={m == mode}>{ mode_label(m, lang) }</option>
                    }) }
                </select>
            </label>
            { body }
            <p class="outcome">{ outcome(&projection, lang) }</p>
            if !projection.default {
                <button type="button" class="link" onclick={on_reset}>
                    { lang.pick("기본 가정으로", "Back to the default") }
                </button>
            }
        </fieldset>
    }
}

/// How the default method works for this row: the window and damping, or why it is held.
pub fn method_note(projection: &RowProjection, lang: Lang) -> String {
    use crate::core::Held;
    use crate::core::forecast::MIN_YEARS;
    // A partner shown as a share holds its share, not its level (the note after says so).
    let level = match (projection.share.is_some(), lang) {
        (true, _) => "",
        (false, Lang::Ko) => " 마지막 값을 유지합니다.",
        (false, Lang::En) => " held at its last level,",
    };
    let held = match (projection.held, lang) {
        (Some(Held::ShortHistory { years }), Lang::Ko) => Some(format!(
            "연속된 연도가 {years}개뿐이라({MIN_YEARS}개 미만) 추세가 없습니다.{level}"
        )),
        (Some(Held::ShortHistory { years }), Lang::En) => Some(format!(
            "Only {years} consecutive {} (fewer than {MIN_YEARS}):{level} no trend.",
            if years == 1 { "year" } else { "years" }
        )),
        (Some(Held::NotPositive), Lang::Ko) => {
            Some("0인 값이 있어 로그 추세를 맞출 수 없어 마지막 값을 유지합니다.".to_string())
        }
        (Some(Held::NotPositive), Lang::En) => {
            Some("A zero in its years leaves no logarithm to fit: held at its last level.".into())
        }
        (None, _) => None,
    };
    let scaled = share_note(projection, lang);
    let remainder = if projection.remainder {
        lang.pick(
            " 출처가 흐름 없이 발표한 전체 수지는 상대국별 수지(흐름에서 계산) + 나머지 지역이며, 이 가정은 나머지 지역에 적용됩니다.",
            " A total published without its flows is the named partners' balances (from their flows) plus the rest of the world; this assumption projects the rest.",
        )
    } else {
        ""
    };
    let jump = match (projection.jump, lang) {
        (Some(y), Lang::Ko) => format!(
            " {}→{y}년에 두 배 넘게 변해 그 앞은 맞추지 않았습니다.",
            y - 1
        ),
        (Some(y), Lang::En) => format!(
            " It doubled or halved from {} to {y}: earlier years are left out.",
            y - 1
        ),
        (None, _) => String::new(),
    };
    if let Some(held) = held {
        return format!("{held}{jump}{scaled}{remainder}");
    }
    match (projection.fit, lang) {
        (Some(f), Lang::Ko) => format!(
            "{}~{}년 {}에 맞춘 감쇠 추세: φ = {}, α = {}, β* = {} (한 해 앞 예측 오차 제곱합 최소). 추세는 해마다 φ배로 줄어듭니다.{jump}{scaled}{remainder}",
            f.from,
            f.to,
            if f.log { "로그 값" } else { "값" },
            f.phi,
            f.alpha,
            f.beta
        ),
        (Some(f), Lang::En) => format!(
            "Damped trend fitted on the {} of {}–{}: φ = {}, α = {}, β* = {} (least squares of one-step errors). The trend shrinks by φ each year.{jump}{scaled}{remainder}",
            if f.log { "logarithms" } else { "levels" },
            f.from,
            f.to,
            f.phi,
            f.alpha,
            f.beta
        ),
        (None, _) => format!(
            "{}{scaled}{remainder}",
            lang.pick("마지막 값을 유지합니다.", "The last value is held.")
        ),
    }
}

/// How a partner's values are made as a share of its total, when they are: what the page shows
/// for it is its share's projection, not its own trend's.
fn share_note(projection: &RowProjection, lang: Lang) -> String {
    let Some(share) = projection.share else {
        return String::new();
    };
    let window = share
        .window
        .map(|(from, to)| format!(" ({from}–{to})"))
        .unwrap_or_default();
    let held = share
        .held_to_pace
        .map(|(from, to, pace)| {
            let years = if from == to {
                from.to_string()
            } else {
                format!("{from}–{to}")
            };
            let pace = format(pace, Quantity::Percent, lang, Style::Compact);
            match lang {
                Lang::Ko => format!(
                    " {years}년 값은 모형의 몫 대신, 공개된 해 가운데 가장 큰 연간 변화({pace})만큼만 움직였습니다."
                ),
                Lang::En => format!(
                    " In {years} it moves only as far as its largest published yearly change ({pace}), not to the model's share."
                ),
            }
        })
        .unwrap_or_default();
    format!(
        " {}: {}{window}.{held}",
        lang.pick(
            "보이는 값은 전체 대비 몫",
            "Shown as its share of the total"
        ),
        share.method.describe(lang)
    )
}

/// What the assumption comes to, and whether it is the default.
fn outcome(projection: &RowProjection, lang: Lang) -> String {
    let default = if projection.default {
        lang.pick(" (기본 가정)", " (default)")
    } else {
        ""
    };
    if let Some(last) = projection.stale {
        return match lang {
            Lang::Ko => format!("마지막 값이 {last}년이라 전망하지 않습니다"),
            Lang::En => format!("last figure {last}, not projected"),
        };
    }
    if let Some(issue) = projection.issue {
        return format!("{}{default}", issue.message(lang));
    }
    if projection.share.is_some() {
        return format!(
            "{}{default}",
            lang.pick(
                "= 전체 전망에서 차지하는 몫",
                "= a share of the total's projection"
            )
        );
    }
    let Some(rate) = projection.rate else {
        return match projection.assumption {
            Growth::Damped => format!("{}{default}", lang.pick("= 감쇠 추세", "= damped trend")),
            _ => lang
                .pick("전망할 수 없습니다", "cannot be projected")
                .to_string(),
        };
    };
    let from = projection.base.map(|b| b.year);
    let since = match (from, lang) {
        (Some(y), Lang::Ko) => format!("{y}년 값에서 "),
        (Some(y), Lang::En) => format!(" from {y}"),
        (None, _) => String::new(),
    };
    match (projection.assumption, lang) {
        (Growth::Flat, Lang::Ko) => format!("= {since}그대로{default}"),
        (Growth::Flat, Lang::En) => format!("= held{since}{default}"),
        (Growth::Damped, Lang::Ko) => format!(
            "= {since}현재 추세 연 {}, 해마다 감쇠{default}",
            format_change(rate, Quantity::Percent, lang, Style::Compact)
        ),
        (Growth::Damped, Lang::En) => format!(
            "= a trend of {} a year now{since}, damped each year{default}",
            format_change(rate, Quantity::Percent, lang, Style::Compact)
        ),
        (Growth::Linear { .. }, Lang::Ko) => format!(
            "= {since}매년 {}{default}",
            format_change(rate, Quantity::Won, lang, Style::Short)
        ),
        (Growth::Linear { .. }, Lang::En) => format!(
            "= {} a year{since}{default}",
            format_change(rate, Quantity::Won, lang, Style::Short)
        ),
        (_, Lang::Ko) => format!(
            "= {since}연 {}{default}",
            format_change(rate, Quantity::Percent, lang, Style::Compact)
        ),
        (_, Lang::En) => format!(
            "= {} a year{since}{default}",
            format_change(rate, Quantity::Percent, lang, Style::Compact)
        ),
    }
}

/// A growth method's name in the method picker.
fn mode_label(mode: GrowthMode, lang: Lang) -> &'static str {
    match mode {
        GrowthMode::Fixed => lang.pick("연 고정 증가율", "Fixed % a year"),
        GrowthMode::Cagr => lang.pick("기간 연평균 증가율(CAGR)", "CAGR of a period"),
        GrowthMode::Linear => lang.pick("기간 선형 추세", "Linear trend of a period"),
        GrowthMode::Damped => lang.pick("감쇠 추세 (기본)", "Damped trend (default)"),
        GrowthMode::Flat => lang.pick("마지막 값 유지", "Hold the last value"),
    }
}
