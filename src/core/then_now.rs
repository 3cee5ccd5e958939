//! The story, then and now: every claim checked on the official figures published by the story's
//! date and on today's, side by side, for journalists updating the story.
//!
//! "Then" is the view the data file names as `then_view` (for jikgu, KOSTAT's series as it stood on
//! 2025-07-03, the 2024 restructuring); "now" is the default view (the current basis). Both are
//! computed on the published figures alone, with none of the reader's edits or assumptions.

use super::claims::fill_in;
use super::compute::{Computed, compute};
use super::dataset::Dataset;
use super::lang::Lang;
use super::scenario::Scenario;
use super::series::CellRef;

/// The claims computed on the two views.
#[derive(Debug, Clone, PartialEq)]
pub struct ThenAndNow {
    /// The figures as published by the story's date.
    pub then: Computed,
    /// Today's figures.
    pub now: Computed,
    /// The story's date (its source's `date`).
    pub date: String,
}

impl ThenAndNow {
    /// Computes both, or `None` when the data file names no `then_view`.
    pub fn of(dataset: &Dataset) -> Option<ThenAndNow> {
        let then = dataset.then_view()?;
        let on = |view: usize| {
            let scenario = Scenario {
                view: dataset.views().get(view).map(|v| v.id.clone()),
                ..Scenario::default()
            };
            compute(dataset, &scenario)
        };
        Some(ThenAndNow {
            then: on(then),
            now: on(dataset.default_view()),
            date: dataset
                .source(dataset.story)
                .and_then(|s| s.date.clone())
                .unwrap_or_default(),
        })
    }

    /// A claim's sentence on what changed, with `{cell}` read today and `{then:cell}` then.
    pub fn sentence(&self, dataset: &Dataset, claim: usize, lang: Lang) -> Option<String> {
        let (ko, en) = dataset.claims().get(claim)?.then_now.as_ref()?;
        Some(fill_in(lang.pick(ko, en), lang, &|name| {
            let (table, cell) = match name.strip_prefix("then:") {
                Some(cell) => (&self.then.table, cell),
                None => (&self.now.table, name),
            };
            cell.parse::<CellRef>().ok().and_then(|c| table.value(c))
        }))
    }
}

/// The story's own figure for a balance beside the view's figure for the same year: the story's
/// headline number, whose source it names, next to what the open view says about that year. `None`
/// when the story states no won balance with `partner`.
pub fn story_beside(
    dataset: &Dataset,
    table: &super::table::Table,
    partner: super::series::Partner,
    lang: Lang,
) -> Option<String> {
    use super::num::{Quantity, Style, format_balance};
    use super::series::{Flow, SeriesKey};
    let series = SeriesKey::won(Flow::Balance, partner);
    let (year, pick) = dataset.story_view()?.levels_of(series).last()?;
    let stated = dataset.figure(pick.figure)?.value;
    let story = dataset.source(dataset.story)?;
    let whose = dataset
        .draws_on
        .and_then(|s| dataset.source(s))
        .map(|s| s.name(lang).to_string());
    let f = |v| format_balance(v, Quantity::Won, lang, Style::Compact);
    let date = story.date.as_deref().unwrap_or("");
    let ours = table.value(series.at(year)).map(f);
    Some(match (lang, whose, ours) {
        (Lang::Ko, Some(w), Some(o)) => format!(
            "{} {date} 보도: {year}년 {} ({w} 인용). 이 출처로는 {o}입니다.",
            story.name(lang),
            f(stated)
        ),
        (Lang::Ko, None, Some(o)) => format!(
            "{} {date} 보도: {year}년 {}. 이 출처로는 {o}입니다.",
            story.name(lang),
            f(stated)
        ),
        (Lang::Ko, _, None) => format!("{} {date} 보도: {year}년 {}.", story.name(lang), f(stated)),
        (Lang::En, Some(w), Some(o)) => format!(
            "{}, {date}, reported {} for {year}, citing {w}; this source has {o}.",
            story.name(lang),
            f(stated)
        ),
        (Lang::En, None, Some(o)) => format!(
            "{}, {date}, reported {} for {year}; this source has {o}.",
            story.name(lang),
            f(stated)
        ),
        (Lang::En, _, None) => format!(
            "{}, {date}, reported {} for {year}.",
            story.name(lang),
            f(stated)
        ),
    })
}

#[cfg(test)]
mod story_tests {
    #![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

    use super::*;
    use crate::core::series::Partner;

    #[test]
    fn the_storys_headline_figure_sits_beside_the_views_own() {
        let data = Dataset::embedded().expect("data");
        let now = compute(data, &Scenario::default());
        // The story's 2023 deficit, ₩6.003 tn, is KIEP's; the 2025 re-basing has ₩4.283 tn.
        let text = story_beside(data, &now.table, Partner::All, Lang::En).expect("stated");
        assert!(
            text.contains("a ₩6.003 trillion deficit for 2023"),
            "{text}"
        );
        assert!(text.contains("KIEP"), "names whose figure: {text}");
        assert!(
            text.starts_with("The story (Alpha Biz), 2025-07-03, reported"),
            "the source's own name, once: {text}"
        );
        assert!(
            text.contains("this source has a ₩4.283 trillion deficit"),
            "{text}"
        );
        let ko = story_beside(data, &now.table, Partner::All, Lang::Ko).expect("stated");
        assert!(ko.contains("6조 30억 원 적자"), "{ko}");
    }
}
