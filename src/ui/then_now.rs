//! The story, then and now: each claim's verdict on the official figures published by the story's
//! date beside its verdict on today's, with one sentence on what changed, for journalists updating
//! the story. Both columns ignore the reader's edits: they are about what was published.

use yew::prelude::*;

use crate::core::{ThenAndNow, Verdict};
use crate::ui::AppContext;

fn verdict_id(verdict: &Verdict) -> &'static str {
    match verdict {
        Verdict::Holds { .. } => "holds",
        Verdict::Fails { .. } => "fails",
        Verdict::Unchecked { .. } => "unchecked",
    }
}

/// The then-and-now table; nothing when the data file names no view for "then".
#[component]
pub fn ThenNow() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    // Two full computations on the published data: once per dataset, not per edit.
    let both = use_memo(state.dataset.clone(), |d| ThenAndNow::of(d));
    let Some(both) = both.as_ref() else {
        return Html::default();
    };
    let lang = state.lang;
    let data = &state.dataset;
    let label = |view: usize| data.view_label(view, lang).to_string();
    let row = |(i, claim): (usize, &crate::core::Claim)| {
        let (Some(then), Some(now)) = (both.then.claims.get(i), both.now.claims.get(i)) else {
            return Html::default();
        };
        html! {
            <tr key={claim.id.clone()} data-claim={claim.id.clone()}>
                <th scope="row">{ claim.id.clone() }</th>
                <td class={verdict_id(&then.verdict)} data-verdict={verdict_id(&then.verdict)}>{ then.verdict.label(lang) }</td>
                <td class={verdict_id(&now.verdict)} data-verdict={verdict_id(&now.verdict)}>{ now.verdict.label(lang) }</td>
                <td>{ both.sentence(data, i, lang).unwrap_or_default() }</td>
            </tr>
        }
    };
    html! {
        <section class="then-now" data-testid="then-now" aria-labelledby="then-now-title">
            <h2 id="then-now-title">{ lang.pick("기사, 그때와 지금", "The story, then and now") }</h2>
            <p>{ match lang {
                crate::core::Lang::Ko => format!("기사가 나온 {}까지 발표된 공식 통계({})와 오늘의 공식 통계({})로 본 판정. 독자가 바꾼 값은 반영하지 않는다.", both.date, label(both.then.view), label(both.now.view)),
                crate::core::Lang::En => format!("Each claim on the official figures published by the story's date, {} ({}), and on today's ({}). Your edits are left out.", both.date, label(both.then.view), label(both.now.view)),
            } }</p>
            <table>
                <thead><tr>
                    <th scope="col">{ lang.pick("주장", "Claim") }</th>
                    <th scope="col">{ lang.pick("그때", "Then") }</th>
                    <th scope="col">{ lang.pick("지금", "Now") }</th>
                    <th scope="col">{ lang.pick("달라진 점", "What changed") }</th>
                </tr></thead>
                <tbody>{ for data.claims().iter().enumerate().map(row) }</tbody>
            </table>
        </section>
    }
}
