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
