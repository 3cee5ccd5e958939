//! What drives a projected headline: each assumption across its 80 % range, largest swing first,
//! as a small tornado of bars and the same figures as a table.

use yew::prelude::*;

use crate::core::num::{Quantity, Style, format};
use crate::core::ranges::drivers;
use crate::core::{Decimal, DisplayUnit, Lang};
use crate::ui::AppContext;

/// The tornado for the headline's projected year; nothing for a published year or before the
/// ranges are ready (it follows them, after the frame with the central figure).
#[component]
pub fn Drivers() -> Html {
    let ranges = crate::ui::use_ranges();
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let headline = &state.computed.headline;
    let table = &state.computed.table;
    if ranges.is_none() || headline.year <= table.last_published_year {
        return Html::default();
    }
    let list = drivers(
        &state.dataset,
        &state.scenario,
        table,
        headline.series,
        headline.year,
    );
    let Some(central) = headline.value else {
        return Html::default();
    };
    if list.is_empty() {
        return Html::default();
    }
    let lang = state.lang;
    let quantity = match headline.unit {
        DisplayUnit::Won => Quantity::Won,
        DisplayUnit::Usd => Quantity::Usd,
    };
    let f = |v: Decimal| format(v, quantity, lang, Style::Compact);
    // Bars on one scale: the widest reach from the central figure spans half the width.
    let reach = list
        .iter()
        .flat_map(|d| [d.low.checked_sub(central), d.high.checked_sub(central)])
        .flatten()
        .map(|d| d.abs())
        .max()
        .unwrap_or(Decimal::ONE)
        .max(Decimal::new(1, 6));
    let pct = |v: Decimal| -> Decimal {
        v.checked_sub(central)
            .and_then(|d| d.checked_div(reach))
            .and_then(|d| d.checked_mul(Decimal::from(50)))
            .map_or(Decimal::ZERO, |d| d.round_dp(1))
    };
    let title = match lang {
        Lang::Ko => format!("{}년 전망을 움직이는 가정", headline.year),
        Lang::En => format!("What moves the {} projection", headline.year),
    };
    html! {
        <div class="drivers" data-testid="drivers">
            <h3>{ title }</h3>
            <p class="hint">{ match lang {
                Lang::Ko => format!("가정 하나씩 80% 범위의 양 끝으로 옮기고 나머지는 중앙값에 둔 값입니다. 중앙값: {}.", f(central)),
                Lang::En => format!("Each assumption moved to either end of its 80 % range, the others held central. Central figure: {}.", f(central)),
            } }</p>
            <ul class="tornado" aria-hidden="true">
                { for list.iter().enumerate().map(|(i, d)| {
                    let (lo, hi) = if d.low <= d.high { (d.low, d.high) } else { (d.high, d.low) };
                    // SVG attributes, not inline styles: the page's CSP allows no style attributes.
                    let (x, width) = (pct(lo), pct(hi) - pct(lo));
                    html! {
                        <li key={i}>
                            <span class="name">{ d.what.label(lang) }</span>
                            <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none">
                                <rect x={(x + Decimal::from(50)).to_string()} y="1" width={width.max(Decimal::new(5, 1)).to_string()} height="8" />
                                <line x1="50" x2="50" y1="0" y2="10" />
                            </svg>
                        </li>
                    }
                }) }
            </ul>
            <table class="drivers-table">
                <caption>{ lang.pick("가정별 영향 (큰 순서)", "Each assumption's effect, largest first") }</caption>
                <thead><tr>
                    <th scope="col">{ lang.pick("가정", "Assumption") }</th>
                    <th scope="col">{ lang.pick("낮은 쪽", "Low end") }</th>
                    <th scope="col">{ lang.pick("높은 쪽", "High end") }</th>
                    <th scope="col">{ lang.pick("폭", "Swing") }</th>
                </tr></thead>
                <tbody>
                    { for list.iter().enumerate().map(|(i, d)| html! {
                        <tr key={i}>
                            <th scope="row">{ d.what.label(lang) }</th>
                            <td>{ f(d.low) }</td>
                            <td>{ f(d.high) }</td>
                            <td>{ f(d.swing()) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
