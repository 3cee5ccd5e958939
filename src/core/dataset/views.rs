//! The views: one per plain source with figures, one per vintage of a family with figures, each
//! with the figure it shows for every series-year and its default growth assumptions.

use rust_decimal::Decimal;

use crate::core::measure;
use crate::core::scenario::Growth;
use crate::core::series::{Flow, SeriesKey, Vintage, sort_dedup};
use crate::core::sorted::SortedMap;

use super::{Figure, FigureKind, FigureRef, Pick, Source, SourceRef, View};

/// Every view the figures give, in file order of their sources.
pub(super) fn build(sources: &[Source], figures: &[Figure]) -> Vec<View> {
    // A loop rather than `filter_map`: the adapter inlined `view` into an iterator instance of its
    // own, 3 KB more wasm than the loop.
    let mut views = Vec::new();
    for (i, s) in sources.iter().enumerate() {
        views.extend(view(SourceRef(i), s, figures));
    }
    views
}

/// The order in which a view takes the vintages of its family: its own first, then unspecified,
/// then the other vintages standing in, the nearest first and, between two as near, the older (the
/// restructured series borrows a first release before it borrows from the re-based one).
fn vintage_order(own: Option<Vintage>) -> &'static [Option<Vintage>] {
    match own {
        None => &[None],
        Some(Vintage::First) => &[
            Some(Vintage::First),
            None,
            Some(Vintage::Revised),
            Some(Vintage::Rebased),
        ],
        Some(Vintage::Revised) => &[
            Some(Vintage::Revised),
            None,
            Some(Vintage::First),
            Some(Vintage::Rebased),
        ],
        Some(Vintage::Rebased) => &[
            Some(Vintage::Rebased),
            None,
            Some(Vintage::Revised),
            Some(Vintage::First),
        ],
    }
}

type Picks = SortedMap<(SeriesKey, i32), Pick>;

/// A source's view, or `None` when no figure is its.
fn view(source: SourceRef, s: &Source, figures: &[Figure]) -> Option<View> {
    let family = s.family.clone().unwrap_or_else(|| s.id.clone());
    let mut levels = Picks::new();
    let mut growth = Picks::new();
    // A vintage borrows only for years it covers: a superseded series is not extended past its own
    // end by a newer basis.
    let own_end = figures
        .iter()
        .filter(|f| f.family == family && f.vintage == s.vintage && f.quarter.is_none())
        .map(|f| f.year)
        .max();
    for (pass, wanted) in vintage_order(s.vintage).iter().enumerate() {
        for (fi, f) in figures.iter().enumerate() {
            if f.family != family || f.quarter.is_some() || (pass > 0 && Some(f.year) > own_end) {
                continue;
            }
            if f.vintage == *wanted {
                let map = if f.kind == FigureKind::Level {
                    &mut levels
                } else {
                    &mut growth
                };
                map.get_or_insert_with((f.series, f.year), || Pick {
                    figure: FigureRef(fi),
                    stands_in: pass >= 2,
                });
            }
        }
    }
    if levels.is_empty() && growth.is_empty() {
        return None;
    }
    // Sorted and deduplicated in place: an unstable sort of plain keys is enough, and saves the
    // wasm a stable sort's code (collecting into a set sorts stably).
    let mut series: Vec<SeriesKey> = levels
        .keys()
        .chain(growth.keys())
        .map(|(s, _)| *s)
        .collect();
    sort_dedup(&mut series);
    Some(View {
        default_cagr: default_cagrs(&levels, figures),
        series,
        id: s.id.clone(),
        source,
        vintage: s.vintage,
        levels,
        growth,
    })
}

/// Each flow's growth over its published window (first to last year), as a CAGR; balances have
/// none (they follow from the flows).
fn default_cagrs(
    levels: &Picks,
    figures: &[Figure],
) -> SortedMap<SeriesKey, (Growth, measure::Measured)> {
    let mut default_cagr = SortedMap::new();
    let mut firsts: SortedMap<SeriesKey, (i32, Decimal)> = SortedMap::new();
    let mut lasts: SortedMap<SeriesKey, (i32, Decimal)> = SortedMap::new();
    for ((series, year), pick) in levels.iter() {
        if let Some(f) = figures.get(pick.figure.0) {
            firsts.get_or_insert_with(*series, || (*year, f.value));
            lasts.insert(*series, (*year, f.value));
        }
    }
    for (series, (from, v0)) in firsts.iter() {
        if let (Some((to, v1)), false) = (lasts.get(series), series.flow == Flow::Balance) {
            if to > from {
                let rate = measure::cagr(*v0, *v1, Decimal::from(to.saturating_sub(*from)));
                default_cagr.insert(
                    *series,
                    (
                        Growth::Cagr {
                            from: *from,
                            to: *to,
                        },
                        rate,
                    ),
                );
            }
        }
    }
    default_cagr
}
