//! Which source drives the view, and how far the sources disagree on the headline figure: every
//! source's value for the same series and year on one strip, each with its citation and a button to
//! switch the view to it.

use yew::prelude::*;

use crate::core::arith::Arith;
use crate::core::num::{Quantity, Style, format, format_change};
use crate::core::source_strip::Strip;
use crate::core::{Dataset, Decimal, Lang, Source, SourceValue};
use crate::state::{Action, AppState};
use crate::ui::AppContext;

/// One source's figure, ready to show.
struct Entry<'a> {
    /// Index of the view in the dataset.
    view: usize,
    /// Its id, for `ChooseView` and keys.
    id: &'a str,
    /// The short label.
    label: &'a str,
    /// The figure compared: the published balance, else the one its flows imply.
    value: Decimal,
    /// Whether `value` is the balance its flows imply rather than a published one.
    derived_only: bool,
    /// The other figure, when both exist and differ.
    implied: Option<Decimal>,
    /// Published as "about".
    approximate: bool,
    /// Where to read it: the figure's press citation, else the view's source.
    cite: Option<&'a Source>,
}

fn entries<'a>(dataset: &'a Dataset, values: &[SourceValue]) -> Vec<Entry<'a>> {
    values
        .iter()
        .filter_map(|sv| {
            let view = dataset.views().get(sv.view)?;
            let figure = sv
                .published
                .and_then(|(_, pick)| dataset.figure(pick.figure));
            let value = sv.published.map(|(v, _)| v).or(sv.derived)?;
            let cite = figure
                .and_then(|f| f.cite)
                .and_then(|c| dataset.source(c))
                .or_else(|| dataset.source(view.source));
            Some(Entry {
                view: sv.view,
                id: &view.id,
                label: dataset.view_label(sv.view, Lang::En),
                value,
                derived_only: sv.published.is_none(),
                implied: sv
                    .published
                    .and(sv.derived)
                    .filter(|d| Some(*d) != sv.published.map(|(v, _)| v)),
                approximate: figure.is_some_and(|f| f.approx),
                cite,
            })
        })
        .collect()
}

fn percent(position: Decimal) -> String {
    format!("{}%", position.normalize())
}

fn won(value: Decimal, lang: Lang) -> String {
    format(value, Quantity::Won, lang, Style::Compact)
}

/// The sources panel.
#[component]
pub fn Sources() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let lang = state.lang;
    let dataset = &state.dataset;
    let headline = &state.computed.headline;
    let list = entries(dataset, &state.computed.sources);
    let current = state.computed.view;
    let in_use = list.iter().find(|e| e.view == current).map(|e| e.value);
    let values: Vec<Decimal> = list.iter().map(|e| e.value).collect();
    let strip = Strip::of(&values);
    let series = headline.series;
    let year = headline.year;
    let title = match lang {
        Lang::Ko => format!("출처별 차이: {} {year}년", series.label(lang)),
        Lang::En => format!("Where the sources disagree: {}, {year}", series.label(lang)),
    };
    let spread = strip.as_ref().filter(|_| list.len() > 1).map(|strip| {
        let (low, high, gap) = (strip.low, strip.high, strip.spread());
        match lang {
            Lang::Ko => format!(
                "{}개 출처, {}부터 {}까지: 차이 {}",
                list.len(),
                won(low, lang),
                won(high, lang),
                won(gap, lang)
            ),
            Lang::En => format!(
                "{} sources, from {} to {}: a spread of {}",
                list.len(),
                won(low, lang),
                won(high, lang),
                won(gap, lang)
            ),
        }
    });
    let dispatch = state.dispatcher();
    html! {
        <section class="panel sources" aria-labelledby="sources-title" data-testid="sources">
            <h2 id="sources-title">{ title }</h2>
            if list.is_empty() {
                <p>{ lang.pick("이 연도에는 비교할 출처가 없습니다.", "No source has a figure for this year.") }</p>
            } else {
                if let Some(spread) = spread {
                    <p class="spread">{ spread }</p>
                }
                { strip_view(&list, strip.as_ref(), current, lang) }
                <ol class="source-values">
                    { for list.iter().enumerate().map(|(i, entry)| item(&state, dispatch.clone(), i, entry, in_use)) }
                </ol>
                <p class="hint">{ lang.pick(
                    "각 출처가 발표한 값(수정 전)입니다. ◎ 표시가 지금 계산에 쓰는 출처입니다.",
                    "Each source's own figure, before your edits. The ringed ◎ one drives the page.",
                ) }</p>
            }
        </section>
    }
}

/// The values on one horizontal strip: a ring for the source in use, dots for the others, each
/// numbered as in the list below.
fn strip_view(list: &[Entry<'_>], strip: Option<&Strip>, current: usize, lang: Lang) -> Html {
    let Some(strip) = strip else {
        return Html::default();
    };
    html! {
        <svg class="strip" role="img" aria-label={lang.pick("출처별 값 분포", "Each source's value on one scale")} height="60" width="100%">
            <line x1="5%" x2="95%" y1="34" y2="34" class="axis" />
            if let Some(zero) = strip.zero.map(percent) {
                <line x1={zero.clone()} x2={zero} y1="22" y2="46" class="zero" />
            }
            { for list.iter().zip(&strip.positions).map(|(entry, x)| {
                let x = percent(*x);
                let used = entry.view == current;
                html! {
                    <g key={entry.id.to_string()} class={classes!("dot", used.then_some("in-use"))}>
                        <title>{ format!("{} · {}", entry.label, won(entry.value, lang)) }</title>
                        if used {
                            <circle cx={x.clone()} cy="34" r="8" class="ring" />
                        }
                        <circle cx={x} cy="34" r="4" />
                    </g>
                }
            }) }
            // Labels alternate above and below the line so neighbouring groups stay apart.
            { for strip.labels.iter().enumerate().map(|(i, (label, x))| html! {
                <text key={label.clone()} x={percent(*x)} y={if i % 2 == 0 { "16" } else { "58" }} text-anchor="middle">{ label }</text>
            }) }
        </svg>
    }
}

fn item(
    state: &AppContext,
    dispatch: UseReducerDispatcher<AppState>,
    index: usize,
    entry: &Entry<'_>,
    in_use: Option<Decimal>,
) -> Html {
    let lang = state.lang;
    let used = entry.view == state.computed.view;
    let name = state.dataset.view_label(entry.view, lang).to_string();
    let about = if entry.approximate {
        lang.pick("약 ", "about ")
    } else {
        ""
    };
    let value = won(entry.value, lang);
    let kind = if entry.derived_only {
        lang.pick(" (직구·역직구에서 계산)", " (sales minus purchases)")
    } else {
        ""
    };
    let implied = entry.implied.map(|d| match lang {
        Lang::Ko => format!("직구·역직구로 계산하면 {}", won(d, lang)),
        Lang::En => format!("its flows imply {}", won(d, lang)),
    });
    let difference = in_use
        .filter(|_| !used)
        .and_then(|u| entry.value.minus(u))
        .map(|d| match lang {
            _ if d.is_zero() => lang
                .pick("사용 중인 출처와 같음", "the same as the one in use")
                .to_string(),
            Lang::Ko => format!(
                "사용 중인 출처와 {}",
                format_change(d, Quantity::Won, lang, Style::Compact)
            ),
            Lang::En => format!(
                "{} against the one in use",
                format_change(d, Quantity::Won, lang, Style::Compact)
            ),
        });
    let id = entry.id.to_string();
    let on_use =
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ChooseView(id.clone())));
    let cite = entry.cite.map(|s| {
        let title = html! { <cite>{ s.title.clone() }</cite> };
        html! {
            <p class="cite">
                { format!("{} · ", s.publisher) }
                if let Some(url) = &s.url {
                    <a href={url.clone()} rel="noopener" target="_blank">{ title }</a>
                } else {
                    { title }
                }
                if let Some(date) = &s.date {
                    { format!(" · {date}") }
                }
            </p>
        }
    });
    html! {
        <li key={entry.id.to_string()} class={classes!("source-item", used.then_some("in-use"))} data-testid="source" data-view={entry.id.to_string()} aria-current={used.then_some("true")}>
            <div class="source-head">
                <span class="num" aria-hidden="true">{ format!("{}", index + 1) }</span>
                <span class="name">{ name }</span>
                if used {
                    <span class="tag">{ lang.pick("◎ 사용 중", "◎ In use") }</span>
                }
            </div>
            <p class="value"><strong>{ format!("{about}{value}") }</strong>{ kind }</p>
            if let Some(implied) = implied {
                <p class="note">{ implied }</p>
            }
            if let Some(difference) = difference {
                <p class="note">{ difference }</p>
            }
            { for cite }
            if !used {
                <button type="button" class="action" onclick={on_use} aria-label={match lang {
                    // The visible words first, so a voice command naming them finds the button
                    // (WCAG 2.5.3, Label in Name).
                    Lang::Ko => format!("이 출처 쓰기: {}", state.dataset.view_label(entry.view, lang)),
                    Lang::En => format!("Use this source: {}", state.dataset.view_label(entry.view, lang)),
                }}>{ lang.pick("이 출처 쓰기", "Use this source") }</button>
            }
        </li>
    }
}
