//! What a chart shows, independent of how it is drawn.
//!
//! The core builds a [`ChartModel`] from computed figures; `crate::chart` draws it on any plotters
//! backend (a canvas in the browser, SVG in tests and for export). This is the one place where money
//! leaves `Decimal`: a chart needs `f64` coordinates, and nothing computed from them flows back.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::compute::Computed;
use super::lang::Lang;
use super::scenario::DisplayUnit;
use super::series::{Flow, Partner, SeriesKey};
use super::table::{Cell, Provenance};

/// Where a plotted value came from, so the drawing can mark edited and projected values apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointKind {
    /// As published by a source.
    Published,
    /// Computed from other figures.
    Derived,
    /// Filled by an explicit rule (interpolation, carry forward).
    Assumed,
    /// Typed in by the user.
    Edited,
    /// Beyond the last data year, from a growth assumption.
    Projected,
}

/// One bar: a year's value.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The calendar year on the x axis.
    pub year: i32,
    /// The value in the chart's unit (already scaled, e.g. trillions of won).
    pub value: f64,
    /// Its provenance, drawn as a fill style.
    pub kind: PointKind,
    /// A value the story or source published for the same bar, when it differs from `value`.
    pub reference: Option<f64>,
}

/// One line: a series over years.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The legend label, already localised.
    pub label: String,
    /// The palette slot; the drawing picks the colour and a dash pattern so colour is not the only cue.
    pub slot: usize,
    /// The points in year order; a gap year is simply absent.
    pub points: Vec<(i32, f64, PointKind)>,
}

/// A complete chart: labels are already in the reader's language and unit.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartModel {
    /// A title above the plot.
    pub title: String,
    /// The unit of the y axis, e.g. "조 원" or "₩ trillion".
    pub y_unit: String,
    /// The first and last year on the x axis, inclusive.
    pub years: (i32, i32),
    /// Bars, e.g. the balance by year (a deficit below zero).
    pub bars: Vec<Bar>,
    /// Lines, e.g. purchases and sales by partner.
    pub lines: Vec<Line>,
    /// The first projected year, when the chart shows a projection: it is shaded from here on.
    pub projection_from: Option<i32>,
}

impl ChartModel {
    /// The smallest and largest y value drawn (bars, their references and lines), always spanning zero.
    pub fn y_extent(&self) -> (f64, f64) {
        let values = self
            .bars
            .iter()
            .flat_map(|b| std::iter::once(b.value).chain(b.reference))
            .chain(self.lines.iter().flat_map(|l| l.points.iter().map(|p| p.1)))
            .filter(|v| v.is_finite());
        values.fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)))
    }
}

/// Converts a figure to a chart coordinate in a unit of `scale` (e.g. 10^12 for trillions).
///
/// Returns `None` for a zero scale or a value too large for `f64`, which the chart then leaves out.
pub fn to_chart_value(value: Decimal, scale: Decimal) -> Option<f64> {
    value.checked_div(scale)?.to_f64()
}

/// The scale and axis label of money in a chart, as each language counts it: trillions of won (조),
/// and dollars in 억 (10^8) for Korean readers, billions for English ones.
pub fn money_axis(unit: DisplayUnit, lang: Lang) -> (Decimal, &'static str) {
    match (unit, lang) {
        (DisplayUnit::Won, _) => (
            Decimal::from(1_000_000_000_000_i64),
            lang.pick("조 원", "₩ trillion"),
        ),
        (DisplayUnit::Usd, Lang::Ko) => (Decimal::from(100_000_000_i64), "억 달러"),
        (DisplayUnit::Usd, Lang::En) => (Decimal::from(1_000_000_000_i64), "$ billion"),
    }
}

fn kind_of(cell: &Cell) -> PointKind {
    match cell.provenance {
        Provenance::Edited { .. } => PointKind::Edited,
        Provenance::Projected { .. } => PointKind::Projected,
        Provenance::Assumed { .. } => PointKind::Assumed,
        Provenance::Derived { .. } => PointKind::Derived,
        _ => PointKind::Published,
    }
}

/// The balance with `partner` by year, as bars: a deficit below zero, projections hollow, and the
/// published figure marked wherever the value drawn differs from it.
pub fn balance_chart(computed: &Computed, partner: Partner, lang: Lang) -> ChartModel {
    let table = &computed.table;
    let (scale, y_unit) = money_axis(table.unit, lang);
    let series = SeriesKey::won(Flow::Balance, partner);
    let bars = table
        .row(series)
        .map(|row| {
            table
                .years()
                .zip(&row.cells)
                .filter_map(|(year, cell)| {
                    let value = to_chart_value(cell.display?, scale)?;
                    let reference = cell
                        .alongside
                        .as_ref()
                        .filter(|a| matches!(a.provenance, Provenance::Published { .. }))
                        .and_then(|a| to_chart_value(a.value, scale_for_won(table.unit, scale)?));
                    Some(Bar {
                        year,
                        value,
                        kind: kind_of(cell),
                        reference,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let title = match lang {
        Lang::Ko => format!("전자상거래 수지: {}", partner.label(lang)),
        Lang::En => format!("E-commerce balance with {}", partner.label(lang)),
    };
    ChartModel {
        title,
        y_unit: y_unit.to_string(),
        years: (table.first_year, table.last_year),
        bars,
        lines: Vec::new(),
        projection_from: (table.last_year > table.last_published_year)
            .then_some(table.last_published_year + 1),
    }
}

/// A published won figure can only be marked on a won chart: it has no dollar value of its own.
fn scale_for_won(unit: DisplayUnit, scale: Decimal) -> Option<Decimal> {
    (unit == DisplayUnit::Won).then_some(scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extent_spans_zero_and_references() {
        let model = ChartModel {
            bars: vec![
                Bar {
                    year: 2019,
                    value: 2.0,
                    kind: PointKind::Published,
                    reference: None,
                },
                Bar {
                    year: 2023,
                    value: -4.985,
                    kind: PointKind::Published,
                    reference: Some(-6.003),
                },
            ],
            ..ChartModel::default()
        };
        assert_eq!(model.y_extent(), (-6.003, 2.0));
        assert_eq!(
            ChartModel::default().y_extent(),
            (0.0, 0.0),
            "an empty chart still has a zero line"
        );
    }

    #[test]
    fn converts_at_the_boundary_only() {
        let tn = Decimal::from(1_000_000_000_000_i64);
        let cases = [
            (Decimal::new(-6_003_000_000_000, 0), tn, Some(-6.003)),
            (Decimal::new(1, 0), Decimal::ZERO, None),
        ];
        for (value, scale, want) in cases {
            assert_eq!(to_chart_value(value, scale), want, "{value} / {scale}");
        }
    }
}
