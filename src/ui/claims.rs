//! The story's claims, each with a live verdict and the arithmetic behind it.

use yew::prelude::*;

use rust_decimal::Decimal;

use crate::core::CellRef;
use crate::core::num::{Quantity, ROUNDING, Style, format};
use crate::core::{Claim, ClaimResult, Dataset, Lang, Measure, Part, Ref, Side, Verdict};
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

/// Who a side of a part speaks for: the story only for its own figures, a source by its name.
fn side_label(side: Side, view: &str, lang: Lang) -> String {
    match side {
        Side::Story => lang.pick("기사", "the story says").to_string(),
        Side::View => view.to_string(),
        Side::Threshold => lang.pick("기준", "against").to_string(),
    }
}

fn verdict_detail(part: &Part, verdict: &Verdict, view: &str, lang: Lang) -> String {
    let (computed, expected) = match verdict {
        Verdict::Holds { computed, expected }
        | Verdict::Fails {
            computed, expected, ..
        } => (*computed, *expected),
        Verdict::Unchecked { reason, .. } => return reason.message(lang),
    };
    let off = match verdict {
        Verdict::Fails {
            by_relative: Some(r),
            ..
        } => format!(" ({})", format(*r, Quantity::Percent, lang, Style::Compact)),
        _ => String::new(),
    };
    format!(
        "{} {} · {} {}{off}",
        side_label(part.check_side(), view, lang),
        plain(computed, lang),
        side_label(part.expect_side(), view, lang),
        plain(expected, lang)
    )
}

/// The story's own figures a claim reads, each with its value, shown beside the claim: the story is
/// the reference the sources are checked against.
fn stated_line(claim: &Claim, dataset: &Dataset, lang: Lang) -> Option<String> {
    let mut seen: Vec<Ref> = Vec::new();
    for part in &claim.parts {
        for r in part.refs() {
            if matches!(r, Ref::Stated(_) | Ref::StatedYoy(_)) && !seen.contains(&r) {
                seen.push(r);
            }
        }
    }
    let items: Vec<String> = seen
        .iter()
        .filter_map(|r| {
            let value = dataset.stated(r)?;
            let (cell, quantity) = match r {
                Ref::StatedYoy(c) => (c, Quantity::Percent),
                Ref::Stated(c) if c.series.measure == Measure::Usd => (c, Quantity::Usd),
                Ref::Stated(c) => (c, Quantity::Won),
                _ => return None,
            };
            Some(format!(
                "{} {}: {}",
                cell.series.label(lang),
                cell.year,
                format(value, quantity, lang, Style::Compact)
            ))
        })
        .collect();
    (!items.is_empty()).then(|| {
        format!(
            "{} {}",
            lang.pick("기사의 수치:", "The story's figures:"),
            items.join(" · ")
        )
    })
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
        let onclick = Callback::from(move |_: MouseEvent| crate::web::focus_element(&target));
        html! { <li key={cell.to_string()}><button type="button" class="link" {onclick}>{ label }</button></li> }
    };
    html! {
        <div class="figures-used">
            <span>{ lang.pick("쓰인 수치 (누르면 표의 칸으로):", "Figures used (go to the cell):") }</span>
            <ul>{ for props.cells.iter().map(figure) }</ul>
        </div>
    }
}

/// Every claim of the story with its verdict under the current view and edits. It counts its
/// renders in `data-renders`, so a test can see that it follows an edit one frame later.
#[component]
pub fn ClaimList() -> Html {
    let renders = use_mut_ref(|| 0_u32);
    *renders.borrow_mut() += 1;
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let lang = state.lang;
    let claims = state.dataset.claims();
    let view = state.dataset.view_label(state.computed.view, lang);
    let table = &state.computed.table;
    let stand_in_note = |part: &Part| {
        let cells = part.stand_ins(table);
        (!cells.is_empty()).then(|| {
            let list = cells
                .iter()
                .map(|c| format!("{} {}", c.series.label(lang), c.year))
                .collect::<Vec<_>>()
                .join(", ");
            match lang {
                Lang::Ko => {
                    format!("이 판정은 다른 발표본의 수치로 대신 채운 값에 기대고 있다: {list}")
                }
                Lang::En => format!(
                    "This verdict rests on figures standing in from another release: {list}"
                ),
            }
        })
    };
    let item = |result: &ClaimResult| {
        let Some(claim) = claims.get(result.claim) else {
            return Html::default();
        };
        let verdict = verdict_id(&result.verdict);
        html! {
            <li key={claim.id.clone()} class={classes!("claim", verdict)} data-testid="claim" data-claim={claim.id.clone()} data-verdict={verdict}>
                <span class="badge" aria-hidden="false">{ result.verdict.label(lang) }</span>
                <span class="claim-text"><span class="claim-id">{ format!("{} ", claim.id) }</span>{ claim.text(lang).to_string() }</span>
                if let Some(line) = stated_line(claim, &state.dataset, lang) {
                    <p class="stated">{ line }</p>
                }
                if let Some((ko, en)) = &claim.unchecked {
                    <p class="note">{ lang.pick(ko, en).to_string() }</p>
                }
                <details>
                    <summary>{ lang.pick("계산 보기", "Show the arithmetic") }</summary>
                    <ul class="parts">
                        { for result.parts.iter().filter_map(|p| Some((claims.get(result.claim)?.parts.get(p.part)?, p))).map(|(part, outcome)| html! {
                            <li key={part.id.clone()} class={classes!("part", verdict_id(&outcome.verdict))}>
                                <span class="badge">{ outcome.verdict.label(lang) }</span>
                                <span>{ lang.pick(&part.ko, &part.en).to_string() }</span>
                                if let Some(words) = part.say(lang, &outcome.verdict, table) {
                                    <p class="says">{ format!("{words} {}", match (&outcome.verdict, lang) {
                                        (Verdict::Holds { .. }, Lang::Ko) => "기사와 맞는다.",
                                        (Verdict::Holds { .. }, Lang::En) => "That holds.",
                                        (_, Lang::Ko) => "기사와 맞지 않는다.",
                                        (_, Lang::En) => "That does not hold.",
                                    }) }</p>
                                }
                                <span class="detail">{ verdict_detail(part, &outcome.verdict, view, lang) }</span>
                                if let Some(note) = stand_in_note(part) {
                                    <p class="note stand-in">{ note }</p>
                                }
                                <details class="expr">
                                    <summary>{ lang.pick("식으로 보기", "As an expression") }</summary>
                                    <code class="formula">{ part.formula() }</code>
                                </details>
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
        <section class="claims-box" aria-labelledby="claims-title" data-renders={renders.borrow().to_string()}>
            <h2 id="claims-title">{ lang.pick("기사 속 주장 점검", "The story's claims, checked") }</h2>
            <ol class="claims">{ for state.computed.claims.iter().map(item) }</ol>
        </section>
    }
}
