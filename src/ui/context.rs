//! The sections under the charts that set the figures in context: dated events, the latest quarters
//! (with revisions between printed quarters and the annual figure), and the story then and now.
//!
//! They share one small table renderer, [`listing`], and one component: each section is a plain
//! function from the state to rows of text, so the page carries one table's code, not three.

use yew::prelude::*;

use crate::core::num::{Quantity, Style, format};
use crate::core::quarters::{QuarterTable, Revision, quarter_view};
use crate::core::{Dataset, Decimal, Flow, Lang, ThenAndNow, Verdict};
use crate::ui::AppContext;

/// How many quarters the table shows: two years.
const QUARTERS: usize = 8;

/// One section's table: a title, a line of context, a header row and rows of cells, each cell with
/// a kind (`data-kind`, e.g. a verdict) for styling and tests; then notes. A header cell has the
/// kind of its column: a `text` column holds sentences, read from the left and wrapped, where the
/// figures are right-aligned on one line. A `locator` cell (where a sentence was reported) has no
/// column: it is set under the cell before it, so a phone's narrow column never breaks an address
/// every few letters.
struct Listing {
    testid: &'static str,
    title: &'static str,
    intro: String,
    head: Vec<(&'static str, &'static str)>,
    rows: Vec<(String, Vec<(String, &'static str)>)>,
    notes: Vec<String>,
}

fn listing(l: Listing) -> Html {
    html! {
        <section class={classes!("context", l.testid)} data-testid={l.testid} aria-labelledby={format!("{}-title", l.testid)}>
            <h2 id={format!("{}-title", l.testid)}>{ l.title }</h2>
            <p>{ l.intro }</p>
            // A table wider than a phone scrolls in its own box, not the page.
            <div class="scroll" tabindex="0" role="region" aria-labelledby={format!("{}-title", l.testid)}>
            <table class="data">
                <thead><tr>{ for l.head.iter().map(|(h, kind)| html! { <th scope="col" data-kind={*kind}>{ *h }</th> }) }</tr></thead>
                <tbody>
                    { for l.rows.into_iter().map(|(key, cells)| html! {
                        <tr key={key.clone()} data-row={key}>
                            { for with_citations(cells).into_iter().map(|(text, kind, cite)| html! {
                                <td data-kind={kind}>{ text }
                                    if let Some(cite) = cite { <span class="cite">{ cite }</span> }
                                </td>
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            if !l.notes.is_empty() {
                <ul class="notes">{ for l.notes.into_iter().map(|n| html! { <li>{ n }</li> }) }</ul>
            }
        </section>
    }
}

/// A row's cells with each `locator` cell folded into the cell before it, as its citation.
fn with_citations(
    cells: Vec<(String, &'static str)>,
) -> Vec<(String, &'static str, Option<String>)> {
    let mut out: Vec<(String, &'static str, Option<String>)> = Vec::with_capacity(cells.len());
    for (text, kind) in cells {
        match (kind, out.last_mut()) {
            ("locator", Some(before)) => before.2 = Some(text),
            _ => out.push((text, kind, None)),
        }
    }
    out
}

fn amount(v: Option<Decimal>, lang: Lang) -> String {
    v.map_or_else(
        || "–".into(),
        |v| format(v, Quantity::Won, lang, Style::Compact),
    )
}

fn pct(v: Option<Decimal>, lang: Lang) -> String {
    v.map_or_else(
        || "–".into(),
        |v| format(v, Quantity::Percent, lang, Style::Compact),
    )
}

fn events(data: &Dataset, lang: Lang) -> Option<Listing> {
    (!data.events().is_empty()).then(|| Listing {
        testid: "events",
        title: lang.pick("그 사이 있었던 일", "Meanwhile"),
        intro: lang
            .pick(
                "수치 곁에 둘 만한 일들과 보도된 곳. 번호는 그래프 시간축의 표시입니다.",
                "Events a reader may want beside the figures, and where they were reported; each number marks its date on the charts' time axis.",
            )
            .into(),
        head: vec![
            ("#", "number"),
            (lang.pick("날짜", "Date"), "date"),
            (lang.pick("일과 보도", "What happened, where reported"), "text"),
        ],
        rows: data
            .events()
            .iter()
            .enumerate()
            .map(|(i, e)| {
                (
                    e.date.clone(),
                    vec![
                        ((i + 1).to_string(), "number"),
                        (e.date.clone(), "date"),
                        (lang.pick(&e.ko, &e.en).to_string(), "text"),
                        (e.locator.clone(), "locator"),
                    ],
                )
            })
            .collect(),
        notes: Vec::new(),
    })
}

fn revision(r: &Revision, lang: Lang) -> String {
    let (q, a, d) = (
        amount(Some(r.quarters), lang),
        amount(Some(r.annual), lang),
        amount(Some(r.difference.abs()), lang),
    );
    let up = r.difference > Decimal::ZERO;
    match lang {
        Lang::Ko => format!(
            "{}년 {}: 분기 발표값의 합은 {q}, 연간 발표는 {a}. 연간 발표에서 {d} {}됐다.",
            r.year,
            if r.flow == Flow::Purchases {
                "직구"
            } else {
                "역직구"
            },
            if up { "상향 수정" } else { "하향 수정" }
        ),
        Lang::En => format!(
            "{} {}: the four quarters as printed add up to {q}; the annual release has {a}, revised {} by {d}.",
            r.year,
            r.flow,
            if up { "up" } else { "down" }
        ),
    }
}

fn quarters(data: &Dataset, q: &QuarterTable, lang: Lang) -> Listing {
    Listing {
        testid: "quarters",
        title: lang.pick("최근 분기", "The latest quarters"),
        intro: data.view_label(q.view, lang).to_string(),
        head: vec![
            (lang.pick("분기", "Quarter"), "quarter"),
            (lang.pick("직구(구매)", "Purchases"), ""),
            (lang.pick("중국 비중", "China's share"), ""),
            (lang.pick("역직구(판매)", "Sales"), ""),
            (lang.pick("중국 비중", "China's share"), ""),
        ],
        rows: q
            .rows
            .iter()
            .map(|r| {
                (
                    format!("{}Q{}", r.year, r.quarter),
                    vec![
                        (format!("{} Q{}", r.year, r.quarter), "quarter"),
                        (amount(r.purchases, lang), ""),
                        (pct(r.purchases_share(), lang), ""),
                        (amount(r.sales, lang), ""),
                        (pct(r.sales_share(), lang), ""),
                    ],
                )
            })
            .collect(),
        notes: q.revisions.iter().map(|r| revision(r, lang)).collect(),
    }
}

fn verdict_kind(v: &Verdict) -> &'static str {
    match v {
        Verdict::Holds { .. } => "holds",
        Verdict::Fails { .. } => "fails",
        Verdict::Unchecked { .. } => "unchecked",
    }
}

fn then_and_now(data: &Dataset, both: &ThenAndNow, lang: Lang) -> Listing {
    let (then, now) = (
        data.view_label(both.then.view, lang),
        data.view_label(both.now.view, lang),
    );
    Listing {
        testid: "then-now",
        title: lang.pick("기사, 그때와 지금", "The story, then and now"),
        intro: match lang {
            Lang::Ko => format!(
                "기사가 나온 {}까지 발표된 공식 통계({then})와 오늘의 공식 통계({now})로 본 판정. 독자가 바꾼 값은 반영하지 않는다.",
                both.date
            ),
            Lang::En => format!(
                "Each claim on the official figures published by the story's date, {} ({then}), and on today's ({now}). Your edits are left out.",
                both.date
            ),
        },
        head: vec![
            (lang.pick("주장", "Claim"), "claim"),
            (lang.pick("그때", "Then"), ""),
            (lang.pick("지금", "Now"), ""),
            (lang.pick("달라진 점", "What changed"), "text"),
        ],
        rows: data
            .claims()
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let (t, n) = (both.then.claims.get(i)?, both.now.claims.get(i)?);
                Some((
                    c.id.clone(),
                    vec![
                        (c.id.clone(), "claim"),
                        (t.verdict.label(lang).to_string(), verdict_kind(&t.verdict)),
                        (n.verdict.label(lang).to_string(), verdict_kind(&n.verdict)),
                        (both.sentence(data, i, lang).unwrap_or_default(), "text"),
                    ],
                ))
            })
            .collect(),
        notes: Vec::new(),
    }
}

/// Which sections a [`Context`] shows.
#[derive(Properties, PartialEq)]
pub struct ContextProps {
    /// The story then and now (placed after the claims) rather than the events and the latest
    /// quarters (placed under the charts).
    #[prop_or_default]
    pub then_now: bool,
}

/// Events and the latest quarters, or the story then and now, each shown when the data has it.
#[component]
pub fn Context(props: &ContextProps) -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    // Quarters and two full computations on the published data: once per dataset, not per edit.
    let derived = use_memo(state.dataset.clone(), |d| {
        (
            quarter_view(d).and_then(|v| QuarterTable::of(d, v, QUARTERS)),
            ThenAndNow::of(d),
        )
    });
    let (lang, data) = (state.lang, &state.dataset);
    let (q, both) = &*derived;
    if props.then_now {
        return both
            .as_ref()
            .map(|b| listing(then_and_now(data, b, lang)))
            .unwrap_or_default();
    }
    html! {
        <>
            { for events(data, lang).map(listing) }
            { for q.as_ref().map(|q| listing(quarters(data, q, lang))) }
        </>
    }
}
