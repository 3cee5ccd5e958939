//! The latest quarters of purchases and sales with China's share, in the first view that has
//! quarterly figures (the default view when it does), and each year whose printed quarters differ
//! from its annual figure, shown as a revision rather than silently one or the other.

use yew::prelude::*;

use crate::core::num::{Quantity, Style, format};
use crate::core::quarters::{QuarterTable, quarter_view};
use crate::core::{Decimal, Flow, Lang};
use crate::ui::AppContext;

/// How many quarters the table shows: two years.
const QUARTERS: usize = 8;

fn amount(v: Option<Decimal>, lang: Lang) -> String {
    v.map_or_else(
        || "–".to_string(),
        |v| format(v, Quantity::Won, lang, Style::Compact),
    )
}

fn pct(v: Option<Decimal>, lang: Lang) -> String {
    v.map_or_else(
        || "–".to_string(),
        |v| format(v, Quantity::Percent, lang, Style::Compact),
    )
}

/// The quarterly table; nothing when no view has quarterly figures.
#[component]
pub fn Quarters() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let table = use_memo(state.dataset.clone(), |d| {
        quarter_view(d).and_then(|v| QuarterTable::of(d, v, QUARTERS))
    });
    let Some(q) = table.as_ref() else {
        return Html::default();
    };
    let lang = state.lang;
    let view = state.dataset.view_label(q.view, lang).to_string();
    let revision = |r: &crate::core::quarters::Revision| {
        let flow = match (r.flow, lang) {
            (Flow::Purchases, Lang::Ko) => "직구",
            (Flow::Purchases, Lang::En) => "purchases",
            (_, Lang::Ko) => "역직구",
            (_, Lang::En) => "sales",
        };
        let (q, a, d) = (
            amount(Some(r.quarters), lang),
            amount(Some(r.annual), lang),
            amount(Some(r.difference.abs()), lang),
        );
        let up = r.difference > Decimal::ZERO;
        let text = match lang {
            Lang::Ko => format!(
                "{}년 {flow}: 분기 발표값의 합은 {q}, 연간 발표는 {a}. 연간 발표에서 {d} {}됐다.",
                r.year,
                if up { "상향 수정" } else { "하향 수정" }
            ),
            Lang::En => format!(
                "{} {flow}: the four quarters as printed add up to {q}; the annual release has {a}, revised {} by {d}.",
                r.year,
                if up { "up" } else { "down" }
            ),
        };
        html! { <li key={format!("{}-{}", r.year, r.flow)}>{ text }</li> }
    };
    html! {
        <section class="quarters" data-testid="quarters" aria-labelledby="quarters-title">
            <h2 id="quarters-title">{ lang.pick("최근 분기", "The latest quarters") }</h2>
            <p>{ view }</p>
            <div class="scroll" tabindex="0" role="region" aria-labelledby="quarters-title">
            <table class="data">
                <thead><tr>
                    <th scope="col">{ lang.pick("분기", "Quarter") }</th>
                    <th scope="col">{ lang.pick("직구(구매)", "Purchases") }</th>
                    <th scope="col">{ lang.pick("중국 비중", "China's share") }</th>
                    <th scope="col">{ lang.pick("역직구(판매)", "Sales") }</th>
                    <th scope="col">{ lang.pick("중국 비중", "China's share") }</th>
                </tr></thead>
                <tbody>
                    { for q.rows.iter().map(|r| html! {
                        <tr key={format!("{}Q{}", r.year, r.quarter)} data-quarter={format!("{}Q{}", r.year, r.quarter)}>
                            <th scope="row">{ format!("{} Q{}", r.year, r.quarter) }</th>
                            <td>{ amount(r.purchases, lang) }</td>
                            <td>{ pct(r.purchases_share(), lang) }</td>
                            <td>{ amount(r.sales, lang) }</td>
                            <td>{ pct(r.sales_share(), lang) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            if !q.revisions.is_empty() {
                <ul class="revisions">{ for q.revisions.iter().map(revision) }</ul>
            }
        </section>
    }
}
