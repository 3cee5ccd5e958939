//! What a chart shows, independent of how it is drawn.
//!
//! The core builds a [`ChartModel`] from computed figures; `crate::chart` draws it on any plotters
//! backend (a canvas in the browser, SVG in tests and for export). This is the one place where money
//! leaves `Decimal`: a chart needs `f64` coordinates, and nothing computed from them flows back.

use super::arith::Arith;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::compute::Computed;
use super::dataset::Dataset;
use super::lang::Lang;
use super::num::{FieldUnit, Quantity};
use super::ranges::Ranges;
use super::scenario::DisplayUnit;
use super::series::{Flow, Measure, Partner, SeriesKey, Vintage};
use super::table::{Cell, Provenance, Table};

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
    /// Published in (or computed from) an older vintage standing in for the view's own: drawn
    /// apart, so two bases are never joined silently.
    StandIn,
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

/// The 80 % and 95 % ranges of a projected series, drawn as two shaded bands around its central
/// path (a fan).
#[derive(Debug, Clone, PartialEq)]
pub struct Fan {
    /// The line's palette slot, or `None` for the bars.
    pub slot: Option<usize>,
    /// Per projected year: the 2.5th, 10th, 90th and 97.5th percentiles in chart units.
    pub points: Vec<(i32, [f64; 4])>,
}

/// How far past the largest published figure a chart's axis may reach: beyond it a value is drawn
/// at the edge with a marker, so one runaway projection cannot flatten the history. With the
/// drawing's 8 % headroom (of the whole span, both sides) the axis stays within 3× the largest
/// published figure.
pub const AXIS_REACH: f64 = 2.5;

/// One column of the figures a chart draws, exact, for readouts, the data-table alternative and
/// exports: what the pixels show, said in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The series' name, already localised (the same as its legend entry).
    pub label: String,
    /// What the figures are, for formatting (won or dollars).
    pub quantity: Quantity,
    /// A balance is read out as a deficit or surplus rather than a signed amount.
    pub balance: bool,
    /// One entry per year of [`ChartModel::years`]: the value in base units (`None` for a gap) and
    /// where it came from.
    pub cells: Vec<(i32, Option<Decimal>, Provenance)>,
    /// The years whose value rests on an older vintage standing in, with those vintages as
    /// [`stand_in_bits`] (the table alternative and readouts name them).
    pub stand_in: Vec<(i32, u8)>,
}

impl Column {
    /// The value and provenance of `year`, if the column has that year.
    pub fn at(&self, year: i32) -> Option<(Option<Decimal>, &Provenance)> {
        self.cells
            .iter()
            .find(|c| c.0 == year)
            .map(|(_, value, provenance)| (*value, provenance))
    }
}

/// A complete chart: labels are already in the reader's language and unit.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartModel {
    /// The reader's language, for the legend entries the drawing adds (projected, edited, published).
    pub lang: Lang,
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
    /// How a y value (in chart units) is written on the axis: the field unit whose bare numbers are
    /// chart units, so ticks go through the core's formatting. `None` writes plain numbers.
    pub y_field: Option<FieldUnit>,
    /// The exact figures drawn, one column per bar series or line (then the ranges' bounds).
    pub columns: Vec<Column>,
    /// The uncertainty fans of projected series, once the ranges are computed.
    pub fans: Vec<Fan>,
    /// The series drawn: the balance's, or each line's in slot order.
    pub series: Vec<SeriesKey>,
    /// Where older vintages stand in for the view's own, and where its own basis begins.
    pub splice: Option<Splice>,
    /// The label of the published-figure tick, when it is not the view's own publication.
    pub tick_label: Option<String>,
    /// Figures of the story and of the report it draws on, marked as points of their own.
    pub marks: Vec<Mark>,
    /// Whose figures the marks are (by [`Mark::who`]), as the legend names them.
    pub mark_labels: Vec<String>,
    /// Dated events on the time axis: the x position (in years) and the event's number in the
    /// list under the charts.
    pub events: Vec<(f64, usize)>,
}

/// Where a chart joins two bases: older vintages standing in before, the view's own after.
#[derive(Debug, Clone, PartialEq)]
pub struct Splice {
    /// The vintages standing in, as [`stand_in_bits`].
    pub bits: u8,
    /// The first year from which every series drawn is on the view's own basis, if it has one.
    pub join: Option<i32>,
    /// The view's own vintage, for the label at the join.
    pub own: Option<Vintage>,
}

/// A figure the story (or the report it draws on) states, marked at its year.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// The year.
    pub year: i32,
    /// The stated value in chart units.
    pub value: f64,
    /// Whose: 0 the story, 1 the report it draws on.
    pub who: usize,
}

/// The older vintages a value rests on, one bit per [`Vintage`] (bit 3: not recorded): a published
/// figure standing in, or a derived one with such an input. Zero for the view's own basis.
pub fn stand_in_bits(table: &Table, cell: &Cell) -> u8 {
    fn walk(table: &Table, cell: &Cell, depth: u8) -> u8 {
        match &cell.provenance {
            Provenance::Published {
                stands_in: true,
                vintage,
                ..
            } => vintage.map_or(8, |v| 1 << (v as u8)),
            Provenance::Derived { inputs, .. } if depth < 3 => inputs
                .iter()
                .filter_map(|c| table.cell(*c))
                .fold(0, |acc, c| acc | walk(table, c, depth + 1)),
            _ => 0,
        }
    }
    walk(table, cell, 0)
}

/// The vintages of `bits` named for a reader: "first release / 2024 restructuring basis".
pub fn stand_in_note(bits: u8, lang: Lang) -> String {
    let names: Vec<&str> = Vintage::ALL
        .iter()
        .filter(|v| bits & (1 << (**v as u8)) != 0)
        .map(|v| v.label(lang))
        .chain((bits & 8 != 0).then(|| lang.pick("다른 발표 시점", "another vintage")))
        .collect();
    match lang {
        Lang::Ko => format!("{} 기준 (대신 씀)", names.join("·")),
        Lang::En => format!("{} basis, standing in", names.join(" / ")),
    }
}

impl Splice {
    /// The legend entry of the stand-in years.
    pub fn label(&self, lang: Lang) -> String {
        stand_in_note(self.bits, lang)
    }

    /// The short label at a join: the basis that begins there.
    pub fn join_label(&self, lang: Lang) -> String {
        let own = self
            .own
            .map_or(lang.pick("현행", "current"), |v| v.label(lang));
        format!("{own} →")
    }
}

impl ChartModel {
    /// The y range of the axis, always spanning zero: the published history, the projections
    /// and their 80 % ranges, but never further than [`AXIS_REACH`] times the largest published
    /// value either way, so the history stays readable (the drawing marks what it clips).
    pub fn y_extent(&self) -> (f64, f64) {
        let fans = self
            .fans
            .iter()
            .flat_map(|f| f.points.iter().flat_map(|(_, b)| [b[1], b[2]]));
        let values = self
            .bars
            .iter()
            .flat_map(|b| std::iter::once(b.value).chain(b.reference))
            .chain(self.lines.iter().flat_map(|l| l.points.iter().map(|p| p.1)))
            .chain(self.marks.iter().map(|m| m.value))
            .chain(fans)
            .filter(|v| v.is_finite());
        let (lo, hi) = values.fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        match self.reach() {
            Some(reach) => (lo.max(-reach), hi.min(reach)),
            None => (lo, hi),
        }
    }

    /// Whether there is nothing to draw: no bar, no point on a line and no mark (a source with no
    /// figures for the partner shown). The page says so instead of drawing empty axes.
    pub fn is_empty(&self) -> bool {
        self.bars.is_empty()
            && self.lines.iter().all(|l| l.points.is_empty())
            && self.marks.is_empty()
    }

    /// The largest magnitude the axis may show: [`AXIS_REACH`] × the largest value not projected.
    pub fn reach(&self) -> Option<f64> {
        let observed = |kind: PointKind| kind != PointKind::Projected;
        let largest = self
            .bars
            .iter()
            .filter(|b| observed(b.kind))
            .map(|b| b.value.abs())
            .chain(
                self.lines
                    .iter()
                    .flat_map(|l| l.points.iter().filter(|p| observed(p.2)).map(|p| p.1.abs())),
            )
            .filter(|v| v.is_finite())
            .fold(0.0_f64, f64::max);
        (largest > 0.0).then_some(largest * AXIS_REACH)
    }

    /// The first and last year, in order.
    pub fn year_span(&self) -> (i32, i32) {
        (
            self.years.0.min(self.years.1),
            self.years.0.max(self.years.1),
        )
    }

    /// Writes a y-axis tick (in chart units) through the core's number formatting: grouped digits,
    /// a U+2212 minus, no more decimals than the tick step needs.
    pub fn y_tick_label(&self, tick: f64, step: f64) -> String {
        axis_label(tick, step, self.y_field)
    }

    /// A sentence for the table alternative: which years rest on which older basis, and where the
    /// view's own begins.
    pub fn splice_note(&self) -> Option<String> {
        let splice = self.splice.as_ref()?;
        let label = splice.label(self.lang);
        let own = splice.join_label(self.lang);
        Some(match (self.lang, splice.join) {
            (Lang::Ko, Some(y)) => format!("{label}: 따로 표시. {y}년부터 {own}"),
            (Lang::En, Some(y)) => format!("{label}: drawn apart. From {y}: {own}"),
            (Lang::Ko, None) => format!("{label}: 따로 표시"),
            (Lang::En, None) => format!("{label}: drawn apart"),
        })
    }
}

/// Writes an axis value `tick` in chart units, rounded to the decimals the tick spacing `step` needs.
pub fn axis_label(tick: f64, step: f64, field: Option<FieldUnit>) -> String {
    if !tick.is_finite() {
        return String::new();
    }
    let decimals = if step.is_finite() && step > 0.0 && step < 1.0 {
        // 0.5 needs one decimal, 0.25 two: enough to tell neighbouring ticks apart.
        (-step.log10()).ceil().clamp(0.0, 6.0) as u32
    } else {
        0
    };
    let Some(value) = Decimal::from_f64_retain(tick) else {
        return String::new();
    };
    let value = value
        .round_dp_with_strategy(decimals, super::num::ROUNDING)
        .normalize();
    let unit = field.unwrap_or(FieldUnit::new(Quantity::Count, 0));
    match unit.bare_scale().and_then(|s| value.times(s)) {
        Some(base) if value.fract().is_zero() || unit.quantity != Quantity::Count => {
            super::num::format_bare(base, &unit)
        }
        // Counts keep no decimals in the core; a fractional tick of a plain axis is written as is.
        _ => {
            let text = value.abs().to_string();
            if value.is_sign_negative() && !value.is_zero() {
                format!("{}{text}", super::num::MINUS)
            } else {
                text
            }
        }
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

/// The field unit whose bare numbers are the chart units of [`money_axis`].
pub fn money_field(unit: DisplayUnit, lang: Lang) -> FieldUnit {
    match (unit, lang) {
        (DisplayUnit::Won, _) => FieldUnit::new(Quantity::Won, 12),
        (DisplayUnit::Usd, Lang::Ko) => FieldUnit::new(Quantity::Usd, 8),
        (DisplayUnit::Usd, Lang::En) => FieldUnit::new(Quantity::Usd, 9),
    }
}

fn quantity_of(unit: DisplayUnit) -> Quantity {
    match unit {
        DisplayUnit::Won => Quantity::Won,
        DisplayUnit::Usd => Quantity::Usd,
    }
}

/// The years from the first to the last with a value in any of `rows` (the table's years if none),
/// so a chart does not spend its width on empty years.
fn data_span(table: &Table, rows: &[SeriesKey]) -> (i32, i32) {
    let years_with_values = rows
        .iter()
        .filter_map(|key| table.row(*key))
        .flat_map(|row| {
            table
                .years()
                .zip(&row.cells)
                .filter(|(_, c)| c.display.is_some())
                .map(|(y, _)| y)
        });
    let span = years_with_values.fold(None, |acc: Option<(i32, i32)>, y| {
        Some(acc.map_or((y, y), |(lo, hi)| (lo.min(y), hi.max(y))))
    });
    span.unwrap_or((table.first_year, table.last_year))
}

fn column_of(table: &Table, key: SeriesKey, label: String, span: (i32, i32)) -> Column {
    let cells = (span.0..=span.1)
        .map(|year| match table.cell(key.at(year)) {
            Some(cell) => (year, cell.display, cell.provenance.clone()),
            None => (year, None, Provenance::Gap),
        })
        .collect();
    let stand_in = (span.0..=span.1)
        .filter_map(|year| {
            let bits = stand_in_bits(table, table.cell(key.at(year))?);
            (bits != 0).then_some((year, bits))
        })
        .collect();
    Column {
        label,
        quantity: quantity_of(table.unit),
        balance: key.flow == Flow::Balance,
        cells,
        stand_in,
    }
}

/// The published figure a drawn balance differs from: the source's own number kept beside a derived
/// one, or the number an edit replaced.
fn published_beside(cell: &Cell) -> Option<Decimal> {
    if let Some(a) = cell
        .alongside
        .as_ref()
        .filter(|a| matches!(a.provenance, Provenance::Published { .. }))
    {
        return Some(a.value);
    }
    match &cell.provenance {
        Provenance::Edited {
            previous: Some(previous),
            was,
        } if matches!(**was, Provenance::Published { .. }) && Some(*previous) != cell.value => {
            Some(*previous)
        }
        _ => None,
    }
}

fn kind_of(table: &Table, cell: &Cell) -> PointKind {
    match cell.provenance {
        Provenance::Edited { .. } => PointKind::Edited,
        Provenance::Projected { .. } => PointKind::Projected,
        Provenance::Assumed { .. } => PointKind::Assumed,
        _ if stand_in_bits(table, cell) != 0 => PointKind::StandIn,
        Provenance::Derived { .. } => PointKind::Derived,
        _ => PointKind::Published,
    }
}

/// The splice of a chart's series: the vintages standing in, and the year after the last value
/// resting on one when the view's own basis has a value there (from it on, every series is on
/// its own basis); `None` when nothing stands in.
fn splice_of(table: &Table, keys: &[SeriesKey]) -> Option<Splice> {
    let (mut bits, mut last, mut own) = (0, None, None);
    // Every row, for the view's own vintage (a balance row may be all derived); the chart's rows
    // for what stands in.
    for row in &table.rows {
        let drawn = keys.contains(&row.series);
        for (year, cell) in table.years().zip(&row.cells) {
            let b = stand_in_bits(table, cell);
            if b != 0 && drawn {
                bits |= b;
                last = last.max(Some(year));
            } else if let Provenance::Published {
                vintage: Some(v),
                stands_in: false,
                ..
            } = cell.provenance
            {
                own = Some(v);
            }
        }
    }
    let join = last.map(|y| y.saturating_add(1)).filter(|y| {
        keys.iter().any(|k| {
            table.cell(k.at(*y)).is_some_and(|c| {
                matches!(
                    c.provenance,
                    Provenance::Published { .. } | Provenance::Derived { .. }
                )
            })
        })
    });
    (bits != 0).then_some(Splice { bits, join, own })
}

/// The balance with `partner` by year, as bars: a deficit below zero, projections hollow, and the
/// published figure marked wherever the value drawn differs from it.
pub fn balance_chart(computed: &Computed, partner: Partner, lang: Lang) -> ChartModel {
    balance_chart_with(computed, partner, lang, None)
}

/// [`balance_chart`] with the projection's fan and the bounds' columns, once the ranges are ready.
pub fn balance_chart_with(
    computed: &Computed,
    partner: Partner,
    lang: Lang,
    ranges: Option<&Ranges>,
) -> ChartModel {
    let table = &computed.table;
    let (scale, y_unit) = money_axis(table.unit, lang);
    let series = SeriesKey::won(Flow::Balance, partner);
    let span = data_span(table, &[series]);
    let won_scale = scale_for_won(table.unit, scale);
    let mut bars = Vec::new();
    let mut published = Vec::new();
    if let Some(row) = table.row(series) {
        for (year, cell) in table.years().zip(&row.cells) {
            let shown = cell.display.and_then(|v| to_chart_value(v, scale));
            let beside = published_beside(cell).filter(|_| won_scale.is_some());
            let reference = beside
                .zip(won_scale)
                .and_then(|(v, s)| to_chart_value(v, s));
            if let Some(value) = shown {
                bars.push(Bar {
                    year,
                    value,
                    kind: kind_of(table, cell),
                    reference,
                });
            }
            if let Some(value) = beside.filter(|_| reference.is_some() && shown.is_some()) {
                published.push((year, value));
            }
        }
    }
    let title = match lang {
        Lang::Ko => format!("전자상거래 수지: {}", partner.label(lang)),
        Lang::En => format!("E-commerce balance with {}", partner.label(lang)),
    };
    let mut columns = vec![column_of(
        table,
        series,
        lang.pick("수지", "Balance").to_string(),
        span,
    )];
    let mut tick_label = None;
    if !published.is_empty() {
        let source = table
            .row(series)
            .into_iter()
            .flat_map(|r| r.cells.iter())
            .find_map(|c| match (&c.provenance, c.alongside.as_deref()) {
                (Provenance::Edited { was, .. }, _) => Some((**was).clone()),
                (_, Some(a)) => Some(a.provenance.clone()),
                _ => None,
            })
            .unwrap_or(Provenance::Gap);
        // A published balance of an older vintage is named by it: the two bases side by side.
        tick_label = match source {
            Provenance::Published {
                stands_in: true,
                vintage: Some(v),
                ..
            } => Some(format!("{} ({})", published_label(lang), v.label(lang))),
            _ => None,
        };
        columns.push(Column {
            label: tick_label
                .clone()
                .unwrap_or_else(|| published_label(lang).to_string()),
            stand_in: Vec::new(),
            quantity: Quantity::Won,
            balance: true,
            cells: (span.0..=span.1)
                .map(|y| {
                    let value = published.iter().find(|p| p.0 == y).map(|p| p.1);
                    let provenance = if value.is_some() {
                        source.clone()
                    } else {
                        Provenance::Gap
                    };
                    (y, value, provenance)
                })
                .collect(),
        });
    }
    let mut fans = Vec::new();
    if let Some(ranges) = ranges {
        fans.extend(fan_of(table, ranges, series, None, scale));
        columns.extend(bound_columns(
            table,
            ranges,
            series,
            lang.pick("수지", "Balance"),
            span,
            lang,
        ));
    }
    ChartModel {
        y_unit: with_fan_note(y_unit, &fans, lang),
        fans,
        lang,
        title,
        years: span,
        bars,
        lines: Vec::new(),
        projection_from: projection_from(table, span),
        y_field: Some(money_field(table.unit, lang)),
        columns,
        splice: splice_of(table, &[series]),
        series: vec![series],
        tick_label,
        ..ChartModel::default()
    }
}

/// Two scenarios' balance on one chart: the `current` one as [`balance_chart`] draws it (bars),
/// and the `other` one, named `other_name`, as a line over the same years, in the current chart's
/// unit and partner.
pub fn comparison_chart(
    current: &Computed,
    other: &Computed,
    other_name: &str,
    lang: Lang,
) -> ChartModel {
    let partner = current.headline.series.partner;
    let mut chart = balance_chart(current, partner, lang);
    let (scale, _) = money_axis(current.table.unit, lang);
    if let Some(row) = other.table.row(SeriesKey::won(Flow::Balance, partner)) {
        let points = other
            .table
            .years()
            .zip(&row.cells)
            .filter_map(|(year, cell)| {
                Some((
                    year,
                    to_chart_value(cell.display?, scale)?,
                    PointKind::Derived,
                ))
            })
            .collect();
        chart.lines.push(Line {
            label: other_name.to_string(),
            slot: 1,
            points,
        });
    }
    chart.title = match lang {
        Lang::Ko => format!("지금 상태(막대)와 ‘{other_name}’(선)"),
        Lang::En => format!("Current (bars) and “{other_name}” (line)"),
    };
    chart
}

/// Adds what the dataset sets beside the view's figures: the story's stated figures and those of
/// the report it draws on, as marks of their own with a column each in the table (never blended
/// into the view's), and the dated events as numbered marks on the time axis. `view` is the view
/// drawn, whose own figures are not marked twice.
pub fn annotate(model: &mut ChartModel, dataset: &Dataset, view: usize) {
    let lang = model.lang;
    let span = model.year_span();
    let won = model.y_field.is_some_and(|f| f.quantity == Quantity::Won);
    let scale = money_axis(DisplayUnit::Won, lang).0;
    let whose = [Some(dataset.story), dataset.draws_on];
    for (who, source) in whose.iter().enumerate() {
        let Some(source) = source.filter(|_| won) else {
            continue;
        };
        let Some((index, found)) = dataset
            .views()
            .iter()
            .enumerate()
            .find(|(_, v)| v.source == source)
        else {
            continue;
        };
        if index == view {
            continue;
        }
        let name = dataset
            .source(source)
            .map_or_else(String::new, |s| match &s.date {
                Some(date) => format!("{}, {date}", s.name(lang)),
                None => s.name(lang).to_string(),
            });
        let mut any = false;
        for key in model.series.clone() {
            let cells: Vec<(i32, Option<Decimal>, Provenance)> = (span.0..=span.1)
                .map(|year| {
                    let figure = found
                        .level(key, year)
                        .and_then(|p| Some((p.figure, dataset.figure(p.figure)?)));
                    match figure {
                        Some((r, f)) => (
                            year,
                            Some(f.value),
                            Provenance::Published {
                                source,
                                figure: r,
                                vintage: f.vintage,
                                approximate: f.approx,
                                stands_in: false,
                            },
                        ),
                        None => (year, None, Provenance::Gap),
                    }
                })
                .collect();
            let marks: Vec<Mark> = cells
                .iter()
                .filter_map(|(year, v, _)| {
                    Some(Mark {
                        year: *year,
                        value: to_chart_value((*v)?, scale)?,
                        who,
                    })
                })
                .collect();
            if marks.is_empty() {
                continue;
            }
            any = true;
            model.marks.extend(marks);
            let label = if model.series.len() > 1 {
                format!("{name}: {}", flow_label(key.flow, key.partner, lang))
            } else {
                name.clone()
            };
            model.columns.push(Column {
                label,
                quantity: Quantity::Won,
                balance: key.flow == Flow::Balance,
                cells,
                stand_in: Vec::new(),
            });
        }
        if any {
            model.mark_labels.resize(who + 1, String::new());
            if let Some(slot) = model.mark_labels.get_mut(who) {
                *slot = name;
            }
        }
    }
    let (lo, hi) = (f64::from(span.0) - 0.5, f64::from(span.1) + 0.5);
    model.events = dataset
        .events()
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some((date_position(&e.date)?, i + 1)))
        .filter(|(x, _)| (lo..hi).contains(x))
        .collect();
}

/// A `YYYY-MM-DD` date as a position on a year axis, whose year `y` spans `y − 0.5` to `y + 0.5`.
pub fn date_position(date: &str) -> Option<f64> {
    let mut parts = date.splitn(3, '-').map(str::parse::<u16>);
    let (y, m, d) = (
        parts.next()?.ok()?,
        parts.next()?.ok()?,
        parts.next()?.ok()?,
    );
    let day = f64::from(m.clamp(1, 12) - 1) * 30.44 + f64::from(d.clamp(1, 31) - 1);
    Some(f64::from(y) - 0.5 + day / 365.25)
}

/// The legend entry of the published-figure tick.
pub fn published_label(lang: Lang) -> &'static str {
    lang.pick("발표 수치", "Published figure")
}

fn projection_from(table: &Table, span: (i32, i32)) -> Option<i32> {
    (span.1 > table.last_published_year).then_some(table.last_published_year.saturating_add(1))
}

/// The name of a flow with a partner, as a legend says it: "Purchases from China", "중국 직구(구매)".
pub fn flow_label(flow: Flow, partner: Partner, lang: Lang) -> String {
    match (lang, flow, partner) {
        (Lang::Ko, _, _) => format!("{} {}", partner.label(lang), flow.label(lang)),
        (Lang::En, Flow::Purchases, Partner::All) => "Purchases, all partners".into(),
        (Lang::En, Flow::Sales, Partner::All) => "Sales, all partners".into(),
        (Lang::En, Flow::Purchases, p) => format!("Purchases from {}", p.label(lang)),
        (Lang::En, Flow::Sales, p) => format!("Sales to {}", p.label(lang)),
        (Lang::En, Flow::Balance, p) => format!("Balance with {}", p.label(lang)),
    }
}

/// Purchases and sales by partner as lines, in the display unit: one line per flow and partner with
/// any value, projections dashed, edited points marked, gaps left open.
pub fn flows_chart(computed: &Computed, lang: Lang) -> ChartModel {
    flows_chart_with(computed, lang, None)
}

/// [`flows_chart`] with each projected line's fan and the bounds' columns, once the ranges are
/// ready.
pub fn flows_chart_with(computed: &Computed, lang: Lang, ranges: Option<&Ranges>) -> ChartModel {
    let table = &computed.table;
    let (scale, y_unit) = money_axis(table.unit, lang);
    let keys: Vec<SeriesKey> = table
        .rows
        .iter()
        .map(|r| r.series)
        .filter(|k| k.measure == Measure::Won && matches!(k.flow, Flow::Purchases | Flow::Sales))
        .filter(|k| {
            table
                .row(*k)
                .is_some_and(|r| r.cells.iter().any(|c| c.display.is_some()))
        })
        .collect();
    let span = data_span(table, &keys);
    let mut lines = Vec::new();
    let mut columns = Vec::new();
    let (mut fans, mut bounds) = (Vec::new(), Vec::new());
    for (slot, key) in keys.iter().enumerate() {
        let Some(row) = table.row(*key) else {
            continue;
        };
        let label = flow_label(key.flow, key.partner, lang);
        let points = table
            .years()
            .zip(&row.cells)
            .filter_map(|(year, cell)| {
                Some((
                    year,
                    to_chart_value(cell.display?, scale)?,
                    kind_of(table, cell),
                ))
            })
            .collect();
        columns.push(column_of(table, *key, label.clone(), span));
        if let Some(ranges) = ranges {
            fans.extend(fan_of(table, ranges, *key, Some(slot), scale));
            bounds.extend(bound_columns(table, ranges, *key, &label, span, lang));
        }
        lines.push(Line {
            label,
            slot,
            points,
        });
    }
    columns.extend(bounds);
    ChartModel {
        y_unit: with_fan_note(y_unit, &fans, lang),
        fans,
        lang,
        title: lang
            .pick(
                "해외 직구(구매)와 역직구(판매)",
                "Cross-border online purchases and sales",
            )
            .to_string(),
        years: span,
        bars: Vec::new(),
        lines,
        projection_from: projection_from(table, span),
        y_field: Some(money_field(table.unit, lang)),
        columns,
        splice: splice_of(table, &keys),
        series: keys,
        ..ChartModel::default()
    }
}

/// The axis unit, with a word on the shading when the chart has fans.
fn with_fan_note(unit: &str, fans: &[Fan], lang: Lang) -> String {
    if fans.is_empty() {
        unit.to_string()
    } else {
        format!(
            "{unit} · {}",
            lang.pick(
                "음영: 80%·95% 범위 (모의 경로 1,000개)",
                "shaded: 80 % and 95 % ranges (1,000 simulated paths)"
            )
        )
    }
}

/// The fan of a projected series in chart units, starting from its last figure before the
/// projection (a point), so the bands open out of the data.
fn fan_of(
    table: &Table,
    ranges: &Ranges,
    key: SeriesKey,
    slot: Option<usize>,
    scale: Decimal,
) -> Option<Fan> {
    let last = table.last_published_year;
    let mut points = Vec::new();
    if let Some(v) = table
        .cell(key.at(last))
        .and_then(|c| c.display)
        .and_then(|v| to_chart_value(v, scale))
    {
        points.push((last, [v; 4]));
    }
    for year in last.saturating_add(1)..=table.last_year {
        let Some(b) = ranges.display_band(key.at(year)) else {
            continue;
        };
        let c = |v: Decimal| to_chart_value(v, scale);
        if let (Some(a), Some(b80), Some(c80), Some(d)) =
            (c(b.lo95), c(b.lo80), c(b.hi80), c(b.hi95))
        {
            points.push((year, [a, b80, c80, d]));
        }
    }
    (points.len() > 1).then_some(Fan { slot, points })
}

/// The four bounds of a series' ranges as columns of the chart's table (empty outside the
/// projection), each value with the provenance of the central cell it bounds.
fn bound_columns(
    table: &Table,
    ranges: &Ranges,
    key: SeriesKey,
    label: &str,
    span: (i32, i32),
    lang: Lang,
) -> Vec<Column> {
    let names: [(&str, &str); 4] = [
        ("95% 하한", "95 % low"),
        ("80% 하한", "80 % low"),
        ("80% 상한", "80 % high"),
        ("95% 상한", "95 % high"),
    ];
    let any = (span.0..=span.1).any(|y| ranges.display_band(key.at(y)).is_some());
    if !any {
        return Vec::new();
    }
    names
        .iter()
        .enumerate()
        .map(|(i, (ko, en))| Column {
            label: format!("{label}: {}", lang.pick(ko, en)),
            stand_in: Vec::new(),
            quantity: quantity_of(table.unit),
            balance: key.flow == Flow::Balance,
            cells: (span.0..=span.1)
                .map(|y| {
                    let band = ranges.display_band(key.at(y));
                    let value = band.map(|b| match i {
                        0 => b.lo95,
                        1 => b.lo80,
                        2 => b.hi80,
                        _ => b.hi95,
                    });
                    let provenance = match (value, table.cell(key.at(y))) {
                        (Some(_), Some(c)) => c.provenance.clone(),
                        _ => Provenance::Gap,
                    };
                    (y, value, provenance)
                })
                .collect(),
        })
        .collect()
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

    #[test]
    fn a_comparison_draws_the_other_scenario_as_a_named_line_over_the_current_bars() {
        use crate::core::compute::compute;
        use crate::core::scenario::Scenario;
        let dataset = crate::core::dataset::fixture_2026_11_28();
        let current = compute(dataset, &Scenario::default());
        let in_dollars = Scenario {
            unit: DisplayUnit::Usd,
            ..Scenario::default()
        };
        let other = compute(dataset, &in_dollars);
        let partner = current.headline.series.partner;
        let alone = balance_chart(&current, partner, Lang::En);
        let chart = comparison_chart(&current, &other, "in dollars", Lang::En);
        assert_eq!(
            chart.bars, alone.bars,
            "the current scenario's bars, as drawn alone"
        );
        assert_eq!(chart.lines.len(), alone.lines.len() + 1, "one line more");
        let line = chart.lines.last().expect("the other scenario's line");
        assert_eq!((line.label.as_str(), line.slot), ("in dollars", 1));
        // The other scenario shows dollars; its balance in won is drawn on the current (won) axis.
        let (scale, _) = money_axis(current.table.unit, Lang::En);
        let row = other
            .table
            .row(SeriesKey::won(Flow::Balance, partner))
            .expect("a balance row");
        let want: Vec<(i32, f64, PointKind)> = other
            .table
            .years()
            .zip(&row.cells)
            .filter_map(|(year, cell)| {
                Some((
                    year,
                    to_chart_value(cell.display?, scale)?,
                    PointKind::Derived,
                ))
            })
            .collect();
        assert!(want.len() > 3, "the fixture has years of balance");
        assert_eq!(line.points, want);
        assert_eq!(chart.title, "Current (bars) and “in dollars” (line)");
        assert_eq!(
            comparison_chart(&current, &other, "달러", Lang::Ko).title,
            "지금 상태(막대)와 ‘달러’(선)"
        );
    }
}
