//! Quarterly figures: the latest quarters of purchases and sales with China's share, and where four
//! printed quarters and a published annual figure disagree, the difference shown as a revision.
//!
//! Kept apart from the annual [`crate::core::Table`] on purpose: quarters are read as published, in
//! one view's own vintage (no stand-ins, no edits, no projections), and the annual model does not
//! see them. The newest quarter in the file is the latest shown, so the next release needs no code.
//!
//! ```
//! use jikgu::core::{Dataset, quarters::QuarterTable};
//! let data = Dataset::embedded().unwrap();
//! let q = QuarterTable::of(data, data.default_view(), 8).unwrap();
//! assert_eq!(q.rows.last().map(|r| (r.year, r.quarter)), Some((2025, 4)));
//! ```

use rust_decimal::Decimal;

use super::arith::Arith;
use super::dataset::{Dataset, Figure, FigureKind};
use super::series::{Flow, Partner, SeriesKey};

/// One quarter's figures in a view, each the newest printing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarterRow {
    /// The year.
    pub year: i32,
    /// The quarter, 1–4.
    pub quarter: u8,
    /// Direct purchases, all partners.
    pub purchases: Option<Decimal>,
    /// Direct purchases from China.
    pub purchases_china: Option<Decimal>,
    /// Direct sales, all partners.
    pub sales: Option<Decimal>,
    /// Direct sales to China.
    pub sales_china: Option<Decimal>,
}

impl QuarterRow {
    /// China's share of purchases, in per cent.
    pub fn purchases_share(&self) -> Option<Decimal> {
        share(self.purchases_china?, self.purchases?)
    }

    /// China's share of sales, in per cent.
    pub fn sales_share(&self) -> Option<Decimal> {
        share(self.sales_china?, self.sales?)
    }
}

fn share(part: Decimal, whole: Decimal) -> Option<Decimal> {
    part.times(Decimal::ONE_HUNDRED)?.checked_div(whole)
}

/// A year whose four printed quarters do not add up to its published annual figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// The year.
    pub year: i32,
    /// Purchases or sales.
    pub flow: Flow,
    /// The four quarters as printed, added up.
    pub quarters: Decimal,
    /// The annual figure as published.
    pub annual: Decimal,
    /// Annual minus quarters: positive when the annual release revised the quarters up.
    pub difference: Decimal,
}

/// A view's latest quarters and its revisions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarterTable {
    /// The view the figures come from.
    pub view: usize,
    /// The latest quarters, oldest first, up to the number asked for; quarters with no figure
    /// between two with figures are kept as empty rows, so a gap shows.
    pub rows: Vec<QuarterRow>,
    /// Years where the quarters and the annual figure differ.
    pub revisions: Vec<Revision>,
    /// Years where four quarters add up exactly to the annual figure, by flow.
    pub agree: Vec<(i32, Flow)>,
}

impl QuarterTable {
    /// The latest `count` quarters of a view, or `None` when it has no quarterly figure.
    pub fn of(dataset: &Dataset, view: usize, count: usize) -> Option<QuarterTable> {
        let v = dataset.views().get(view)?;
        let family = dataset
            .source(v.source)
            .map(|s| s.family.clone().unwrap_or_else(|| s.id.clone()))?;
        let mine = |f: &&Figure| {
            f.family == family && f.vintage == v.vintage && f.kind == FigureKind::Level
        };
        let quarterly: Vec<&Figure> = dataset
            .figures()
            .iter()
            .filter(mine)
            .filter(|f| f.quarter.is_some())
            .collect();
        let (last_year, last_q) = quarterly
            .iter()
            .filter_map(|f| Some((f.year, f.quarter?)))
            .max()?;
        // The newest printing of a quarter wins: releases are dates, so they sort as text.
        let value = |series: SeriesKey, year: i32, quarter: u8| {
            quarterly
                .iter()
                .filter(|f| f.series == series && f.year == year && f.quarter == Some(quarter))
                .max_by(|a, b| a.released.cmp(&b.released))
                .map(|f| f.value)
        };
        let key = SeriesKey::won;
        let mut rows = Vec::with_capacity(count);
        let (mut year, mut quarter) = (last_year, last_q);
        while rows.len() < count {
            rows.push(QuarterRow {
                year,
                quarter,
                purchases: value(key(Flow::Purchases, Partner::All), year, quarter),
                purchases_china: value(key(Flow::Purchases, Partner::China), year, quarter),
                sales: value(key(Flow::Sales, Partner::All), year, quarter),
                sales_china: value(key(Flow::Sales, Partner::China), year, quarter),
            });
            (year, quarter) = if quarter == 1 {
                (year - 1, 4)
            } else {
                (year, quarter - 1)
            };
        }
        rows.reverse();
        // Leading quarters with nothing at all are not a gap, just before the series starts.
        let start = rows
            .iter()
            .position(|r| r.purchases.or(r.sales).is_some())
            .unwrap_or(rows.len());
        rows.drain(..start);

        let mut revisions = Vec::new();
        let mut agree = Vec::new();
        let first_year = quarterly.iter().map(|f| f.year).min().unwrap_or(last_year);
        for y in first_year..=last_year {
            for flow in [Flow::Purchases, Flow::Sales] {
                let series = key(flow, Partner::All);
                let four: Option<Decimal> = (1..=4)
                    .map(|q| value(series, y, q))
                    .try_fold(Decimal::ZERO, |acc, v| acc.plus(v?));
                let annual = v
                    .level(series, y)
                    .filter(|p| !p.stands_in)
                    .and_then(|p| dataset.figure(p.figure))
                    .map(|f| f.value);
                if let (Some(quarters), Some(annual)) = (four, annual) {
                    match annual.minus(quarters) {
                        Some(d) if d.is_zero() => agree.push((y, flow)),
                        Some(difference) => revisions.push(Revision {
                            year: y,
                            flow,
                            quarters,
                            annual,
                            difference,
                        }),
                        None => {}
                    }
                }
            }
        }
        Some(QuarterTable {
            view,
            rows,
            revisions,
            agree,
        })
    }
}

/// The newest quarter any figure of the file describes: the page's latest quarter.
pub fn latest_quarter(dataset: &Dataset) -> Option<(i32, u8)> {
    dataset
        .figures()
        .iter()
        .filter_map(|f| Some((f.year, f.quarter?)))
        .max()
}

/// The first view, default first, that has quarterly figures.
pub fn quarter_view(dataset: &Dataset) -> Option<usize> {
    let has = |i: usize| QuarterTable::of(dataset, i, 1).is_some();
    std::iter::once(dataset.default_view())
        .chain(dataset.source_views().map(|(i, _)| i))
        .find(|i| has(*i))
}
