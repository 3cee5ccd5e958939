//! The story's claims, each with a live verdict and the arithmetic behind it.

use yew::prelude::*;

use rust_decimal::Decimal;

use crate::core::CellRef;
use crate::core::num::{Quantity, ROUNDING, Style, format};
use crate::core::{ClaimResult, Lang, Verdict};
use crate::state::Field;
use crate::ui::AppContext;

fn verdict_id(verdict: &Verdict) -> &'static str {
    match verdict {
        Verdict::Holds { .. } => "holds",
        Verdict::Fails { .. } => "fails",
        Verdict::Unchecked { .. } => "unchecked",
    }
}

/// A number in a claim's arithmetic. Parts mix won, dollars, per cent and folds, so large values
/// are counted in the reader's scale words without a currency (6조 30억 / 6.003 trillion) and small
/// ones keep up to two decimals.
fn plain(value: Decimal, lang: Lang) -> String {
    if value.abs() >= Decimal::from(10_000) {
        format(value, Quantity::Count, lang, Style::Compact)
    } else {
        let rounded = value.round_dp_with_strategy(2, ROUNDING).normalize();
        rounded.to_string().replace('-', "\u{2212}")
    }
}

fn verdict_detail(verdict: &Verdict, lang: Lang) -> String {
    match verdict {
        Verdict::Holds { computed, expected } => match lang {
            Lang::Ko => format!(
                "계산값 {} · 기사 {}",
                plain(*computed, lang),
                plain(*expected, lang)
            ),
            Lang::En => format!(
                "computed {} · story {}",
                plain(*computed, lang),
                plain(*expected, lang)
            ),
        },
        Verdict::Fails {
            computed,
            expected,
            by_relative,
            ..
        } => {
            let off = by_relative
                .map(|r| format!(" ({})", format(r, Quantity::Percent, lang, Style::Compact)))
                .unwrap_or_default();
            match lang {
                Lang::Ko => format!(
                    "계산값 {} · 기사 {}{off}",
                    plain(*computed, lang),
                    plain(*expected, lang)
                ),
                Lang::En => format!(
                    "computed {} · story {}{off}",
                    plain(*computed, lang),
                    plain(*expected, lang)
                ),
            }
        }
        Verdict::Unchecked { reason, .. } => reason.message(lang),
    }
}

#[derive(Properties, PartialEq)]
struct FiguresUsedProps {
    /// The table cells a claim part reads.
    cells: Vec<CellRef>,
}

/// The figures a claim part reads, each a button that takes the reader to its cell in the table.
#[component]
fn FiguresUsed(props: &FiguresUsedProps) -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    if props.cells.is_empty() {
        return Html::default();
    }
    let lang = state.lang;
    let table = &state.computed.table;
    let figure = |cell: &CellRef| {
        let cell = *cell;
        let value = table
            .value(cell)
            .map(|v| format(v, Quantity::Won, lang, Style::Compact))
            .unwrap_or_else(|| lang.pick("값 없음", "no value").to_string());
        let label = format!("{} {}: {value}", cell.series.label(lang), cell.year);
        let target = Field::Cell(cell).dom_id();
        let onclick = Callback::from(move |_: MouseEvent| {
            #[cfg(target_arch = "wasm32")]
            crate::web::focus_element(&target);
            #[cfg(not(target_arch = "wasm32"))]
            let _ = &target;
        });
        html! { <li key={cell.to_string()}><button type="button" class="link" {onclick}>{ label }</button></li> }
    };
    html! {
        <div class="figures-used">
            <span>{ lang.pick("쓰인 수치 (누르면 표의 칸으로):", "Figures used (go to the cell):") }</span>
            <ul>{ for props.cells.iter().map(figure) }</ul>
        </div>
    }
}

/// Every claim of the story with its verdict under the current view and edits.
#[component]
pub fn ClaimList() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let lang = state.lang;
    let claims = state.dataset.claims();
    let item = |result: &ClaimResult| {
        let Some(claim) = claims.get(result.claim) else {
            return Html::default();
        };
        let verdict = verdict_id(&result.verdict);
        html! {
            <li key={claim.id.clone()} class={classes!("claim", verdict)} data-testid="claim" data-claim={claim.id.clone()} data-verdict={verdict}>
                <span class="badge" aria-hidden="false">{ result.verdict.label(lang) }</span>
                <span class="claim-text"><span class="claim-id">{ format!("{} ", claim.id) }</span>{ claim.text(lang).to_string() }</span>
                <details>
                    <summary>{ lang.pick("계산 보기", "Show the arithmetic") }</summary>
                    <ul class="parts">
                        { for result.parts.iter().filter_map(|p| Some((claims.get(result.claim)?.parts.get(p.part)?, p))).map(|(part, outcome)| html! {
                            <li key={part.id.clone()} class={classes!("part", verdict_id(&outcome.verdict))}>
                                <span class="badge">{ outcome.verdict.label(lang) }</span>
                                <span>{ lang.pick(&part.ko, &part.en).to_string() }</span>
                                <code class="formula">{ part.formula() }</code>
                                <span class="detail">{ verdict_detail(&outcome.verdict, lang) }</span>
                                <FiguresUsed cells={part.refs().iter().filter_map(|r| r.view_cell()).collect::<Vec<_>>()} />
                                if let Some(note) = lang.pick(part.note_ko.as_deref().unwrap_or_default(), part.note_en.as_deref().unwrap_or_default()).get(..).filter(|n| !n.is_empty()) {
                                    <p class="note">{ note.to_string() }</p>
                                }
                            </li>
                        }) }
                    </ul>
                </details>
            </li>
        }
    };
    html! {
        <section class="claims-box" aria-labelledby="claims-title">
            <h2 id="claims-title">{ lang.pick("기사 속 주장 점검", "The story's claims, checked") }</h2>
            <ol class="claims">{ for state.computed.claims.iter().map(item) }</ol>
        </section>
    }
}
