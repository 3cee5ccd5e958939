//! The queries the model and the page ask of a [`Dataset`].

use rust_decimal::Decimal;

use crate::core::arith::Arith;
use crate::core::expr::Ref;
use crate::core::lang::Lang;
use crate::core::series::{Flow, Partner, SeriesKey};

use super::{Dataset, Event, Figure, FigureRef, Rate, Source, SourceRef, SourceValue, View};
use crate::core::claims::Claim;

impl Dataset {
    /// The dataset compiled into the app, parsed once.
    pub fn embedded() -> Result<&'static Dataset, &'static super::DatasetError> {
        super::EMBEDDED.as_ref()
    }

    /// The file's text exactly as read: the input for a content hash shown beside the data.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Every source, in file order.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// A source by position.
    pub fn source(&self, r: SourceRef) -> Option<&Source> {
        self.sources.get(r.0)
    }

    /// Every figure, in file order.
    pub fn figures(&self) -> &[Figure] {
        &self.figures
    }

    /// A figure by position.
    pub fn figure(&self, r: FigureRef) -> Option<&Figure> {
        self.figures.get(r.0)
    }

    /// Every won-per-dollar annual average, by year.
    pub fn rates(&self) -> impl Iterator<Item = &Rate> {
        self.rates.values()
    }

    /// The annual average rate for a year, if published.
    pub fn rate(&self, year: i32) -> Option<&Rate> {
        self.rates.get(&year)
    }

    /// The story's claims, in file order.
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    /// The dated context events, in file order (the shipped file lists them oldest first).
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Every view a reader can pick, in file order of their sources.
    pub fn views(&self) -> &[View] {
        &self.views
    }

    /// The position of a view by id.
    pub fn view_index(&self, id: &str) -> Option<usize> {
        self.views.iter().position(|v| v.id == id)
    }

    /// A view's label in a language (the source's short name).
    pub fn view_label(&self, view: usize, lang: Lang) -> &str {
        self.views
            .get(view)
            .and_then(|v| self.source(v.source))
            .map_or("", |s| s.name(lang))
    }

    /// The view shown first.
    pub fn default_view(&self) -> usize {
        self.default_view
    }

    /// The view of the figures published by the story's date, for "then and now".
    pub fn then_view(&self) -> Option<usize> {
        self.then_view
    }

    /// The headline year shown first.
    pub fn default_year(&self) -> i32 {
        self.default_year
    }

    /// The headline partner shown first.
    pub fn default_partner(&self) -> Partner {
        self.default_partner
    }

    /// Whether a view is the story's own figures: the reference the claims check, kept out of the
    /// view picker and the sources' comparison.
    pub fn is_story_view(&self, view: usize) -> bool {
        self.story_view == Some(view)
    }

    /// The views a reader can pick: every source's but the story's.
    pub fn source_views(&self) -> impl Iterator<Item = (usize, &View)> {
        self.views
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.is_story_view(*i))
    }

    /// The quarterly won-per-dollar averages, in order.
    pub fn quarter_rates(&self) -> impl Iterator<Item = &Rate> {
        self.quarter_rates.iter()
    }

    /// A figure the story stated (`stated.…` in a claim), as a value; `None` for anything else.
    pub fn stated(&self, r: &Ref) -> Option<Decimal> {
        let story = self.story_view()?;
        let pick = match r {
            Ref::Stated(c) => story.level(c.series, c.year),
            Ref::StatedYoy(c) => story.growth(c.series, c.year),
            _ => None,
        }?;
        self.figure(pick.figure).map(|f| f.value)
    }

    /// The view holding the story's own figures.
    pub fn story_view(&self) -> Option<&View> {
        self.story_view.and_then(|i| self.views.get(i))
    }

    /// First and last year any figure describes: the table's published columns.
    pub fn years(&self) -> (i32, i32) {
        (self.first_year, self.last_year)
    }

    /// Every view's value for one series-year, side by side ("sources disagree").
    ///
    /// For a balance, `derived` is sales minus purchases from the view's own published flows, so a
    /// reader sees both what each source published and what its flows imply.
    pub fn compare(&self, series: SeriesKey, year: i32) -> Vec<SourceValue> {
        let mut out = Vec::new();
        for (i, view) in self.views.iter().enumerate() {
            // The story is what the sources are compared against, not one of them.
            if Some(i) == self.story_view {
                continue;
            }
            let level = |k: SeriesKey| {
                view.level(k, year)
                    .and_then(|p| self.figure(p.figure).map(|f| (f.value, p)))
            };
            let published = level(series);
            let derived = if series.flow == Flow::Balance {
                match (
                    level(series.with_flow(Flow::Sales)),
                    level(series.with_flow(Flow::Purchases)),
                ) {
                    (Some((s, _)), Some((p, _))) => s.minus(p),
                    _ => None,
                }
            } else {
                None
            };
            if published.is_some() || derived.is_some() {
                out.push(SourceValue {
                    view: i,
                    published,
                    derived,
                });
            }
        }
        out
    }
}
