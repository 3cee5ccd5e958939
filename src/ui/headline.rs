//! The headline: the balance for the chosen year and partner, and one plain sentence about it.

use yew::prelude::*;

use crate::core::lang::{capitalise, with_particle};
use crate::core::num::{Quantity, Style, format, format_balance};
use crate::core::provenance::describe;
use crate::core::{DisplayUnit, FxMode, Lang, Partner, partners_with_balance};
use crate::state::{Action, AppState};
use crate::ui::AppContext;

/// The year, partner and currency pickers above the figure.
fn pickers(state: &AppContext) -> Html {
    let lang = state.lang;
    let table = &state.computed.table;
    let headline = &state.computed.headline;
    let dispatch = state.dispatcher();
    let on_year = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                if let Ok(year) = select.value().parse::<i32>() {
                    dispatch.dispatch(Action::ChooseYear(year));
                }
            }
        })
    };
    let on_partner = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                if let Some(partner) = Partner::from_id(&select.value()) {
                    dispatch.dispatch(Action::ChoosePartner(partner));
                }
            }
        })
    };
    let set_unit = |unit: DisplayUnit| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: Event| dispatch.dispatch(Action::SetUnit(unit)))
    };
    // The partner shown stays in the list even where this source has no balance with it (KOSIS's
    // later releases print sales only), so the picker never shows a blank choice.
    let mut partners = partners_with_balance(table);
    if !partners.contains(&headline.series.partner) {
        partners.insert(0, headline.series.partner);
    }
    let unit_choice = |unit: DisplayUnit, label: &'static str| {
        let id = match unit {
            DisplayUnit::Won => "unit-won",
            DisplayUnit::Usd => "unit-usd",
        };
        html! {
            <label for={id}>
                <input type="radio" id={id} name="headline-unit" checked={headline.unit == unit} onchange={set_unit(unit)} />
                { label }
            </label>
        }
    };
    html! {
        <div class="pickers" data-testid="headline-pickers">
            <label class="picker">
                <span>{ lang.pick("연도", "Year") }</span>
                <select data-testid="pick-year" onchange={on_year}>
                    { for table.years().map(|year| {
                        let projected = year > table.last_published_year;
                        let text = match (projected, lang) {
                            (false, _) => year.to_string(),
                            (true, Lang::Ko) => format!("{year} (전망)"),
                            (true, Lang::En) => format!("{year} (projected)"),
                        };
                        html! { <option key={year} value={year.to_string()} selected={year == headline.year}>{ text }</option> }
                    }) }
                </select>
            </label>
            <label class="picker">
                <span>{ lang.pick("상대", "Partner") }</span>
                <select data-testid="pick-partner" onchange={on_partner}>
                    { for partners.iter().map(|p| html! {
                        <option key={p.id()} value={p.id()} selected={*p == headline.series.partner}>{ capitalise(p.label(lang)) }</option>
                    }) }
                </select>
            </label>
            <fieldset class="picker unit-choice">
                <legend>{ lang.pick("단위", "Unit") }</legend>
                { unit_choice(DisplayUnit::Won, lang.pick("원", "Won")) }
                { unit_choice(DisplayUnit::Usd, lang.pick("달러", "US$")) }
            </fieldset>
        </div>
    }
}

/// Which rate turned won into dollars, when the headline is in dollars.
fn rate_note(state: &AppState) -> Option<String> {
    let lang = state.lang;
    let headline = &state.computed.headline;
    let rate = headline.rate?;
    let shown = format(rate, Quantity::Rate, lang, Style::Compact);
    let year = headline.year;
    let source = state
        .dataset
        .rate(year)
        .and_then(|r| state.dataset.source(r.source))
        .map_or("", |s| s.name(lang));
    Some(match (state.scenario.fx, lang) {
        (FxMode::Average, Lang::Ko) => format!("환산 환율: {shown} ({year}년 평균, {source})"),
        (FxMode::Average, Lang::En) => format!("Converted at {shown} ({year} average, {source})"),
        (FxMode::Fixed(_), Lang::Ko) => format!("환산 환율: {shown} (직접 정한 고정 환율)"),
        (FxMode::Fixed(_), Lang::En) => format!("Converted at {shown} (your fixed rate)"),
    })
}

/// Why there is no figure: this source never gives a balance with `partner` (say so, and what to
/// pick instead), or it has none for `year`.
fn no_balance(state: &AppState, partner: Partner, year: i32, lang: Lang) -> String {
    let table = &state.computed.table;
    let series = state.computed.headline.series;
    let any_year = table.years().any(|y| table.value(series.at(y)).is_some());
    let source = state.dataset.view_label(state.computed.view, lang);
    match (any_year, lang) {
        (true, Lang::Ko) => format!("이 출처에는 {year}년 수지가 없습니다."),
        (true, Lang::En) => format!("This source has no balance for {year}."),
        (false, Lang::Ko) => format!(
            "이 출처({source})에는 {}{}의 수지가 없습니다. 상대를 ‘전체’로 바꾸거나 다른 출처를 고르세요.",
            partner.label(lang),
            with_particle(partner.label(lang))
        ),
        (false, Lang::En) => format!(
            "{source} publishes no balance with {}: choose all partners or another source.",
            partner.label(lang)
        ),
    }
}

/// The main figure and its sentence, updated on every change.
#[component]
pub fn HeadlineView() -> Html {
    let ranges = crate::ui::use_ranges();
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let lang = state.lang;
    let headline = &state.computed.headline;
    let quantity = match headline.unit {
        DisplayUnit::Won => Quantity::Won,
        DisplayUnit::Usd => Quantity::Usd,
    };
    let partner = headline.series.partner;
    let year = headline.year;
    let projected = year > state.computed.table.last_published_year;
    let (figure, sentence) = match headline.value {
        Some(value) => (
            format_balance(value, quantity, lang, Style::Compact),
            sentence(value, quantity, partner, (year, projected), lang),
        ),
        None => (
            lang.pick("자료 없음", "no data").to_string(),
            no_balance(&state, partner, year, lang),
        ),
    };
    // The projected year's ranges, once simulated (after the frame with the central figure).
    let range = ranges
        .as_deref()
        .and_then(|r| r.display_band(headline.series.at(year)))
        .map(|band| crate::core::ranges::band_words(band, quantity, lang));
    let chance = projected
        .then(|| crate::ui::assumptions::chance(&state, ranges.as_deref()))
        .flatten();
    let kicker = match lang {
        Lang::Ko => format!("{year}년 해외 온라인 거래 수지 · {}", partner.label(lang)),
        Lang::En => format!(
            "Cross-border online trade balance, {year} · {}",
            partner.label(lang)
        ),
    };
    html! {
        <section class="headline-box" aria-labelledby="headline-kicker">
            { pickers(&state) }
            <p id="headline-kicker" class="kicker">{ kicker }</p>
            <p class="figure" data-testid="headline" aria-live="polite">{ figure }</p>
            <p class="sentence">{ sentence }</p>
            <p class="provenance">{ describe(&headline.provenance, &state.dataset, lang) }</p>
            if let Some(words) = range {
                <p class="range" data-testid="headline-range">{ words }</p>
            }
            if let Some(chance) = chance {
                <p class="range chance" data-testid="headline-chance">{ chance }</p>
            }
            if let Some(story) = crate::core::story_beside(&state.dataset, &state.computed.table, partner, lang) {
                <p class="provenance story-beside" data-testid="story-beside">{ story }</p>
            }
            if let Some(note) = rate_note(&state) {
                <p class="provenance rate-note">{ note }</p>
            }
        </section>
    }
}

/// The headline's sentence: what was bought and sold, or, for a projected year, what the
/// projections come to, never told as something that happened.
fn sentence(
    value: rust_decimal::Decimal,
    quantity: Quantity,
    partner: Partner,
    (year, projected): (i32, bool),
    lang: Lang,
) -> String {
    let amount = format(value.abs(), quantity, lang, Style::Compact);
    let deficit = value.is_sign_negative() && !value.is_zero();
    let with = match partner {
        Partner::All => String::new(),
        other => match lang {
            Lang::Ko => format!(
                "{}{}의 거래에서 ",
                other.label(lang),
                with_particle(other.label(lang))
            ),
            Lang::En => format!(" with {}", other.label(lang)),
        },
    };
    match (lang, deficit, projected) {
        (Lang::Ko, true, false) => format!(
            "{year}년 {with}한국 소비자가 해외 온라인몰에서 산 금액이 한국 기업이 해외에 온라인으로 판 금액보다 {amount} 많았습니다."
        ),
        (Lang::Ko, false, false) => format!(
            "{year}년 {with}한국 기업이 해외에 온라인으로 판 금액이 한국 소비자가 해외 온라인몰에서 산 금액보다 {amount} 많았습니다."
        ),
        (Lang::Ko, true, true) => format!(
            "전망대로라면 {year}년 {with}한국 소비자가 해외 온라인몰에서 사는 금액이 한국 기업이 해외에 온라인으로 파는 금액보다 {amount} 많게 됩니다."
        ),
        (Lang::Ko, false, true) => format!(
            "전망대로라면 {year}년 {with}한국 기업이 해외에 온라인으로 파는 금액이 한국 소비자가 해외 온라인몰에서 사는 금액보다 {amount} 많게 됩니다."
        ),
        (Lang::En, true, false) => format!(
            "In {year}, Korean shoppers bought {amount} more online from abroad{with} than Korean sellers sold there."
        ),
        (Lang::En, false, false) => format!(
            "In {year}, Korean sellers sold {amount} more online abroad{with} than Korean shoppers bought there."
        ),
        (Lang::En, true, true) => format!(
            "On these projections, in {year} Korean shoppers would buy {amount} more online from abroad{with} than Korean sellers would sell there."
        ),
        (Lang::En, false, true) => format!(
            "On these projections, in {year} Korean sellers would sell {amount} more online abroad{with} than Korean shoppers would buy there."
        ),
    }
}
