//! The table of a view: every series by year, each cell with its value and where it came from.
//!
//! Building a table follows a fixed order so the result is explainable cell by cell:
//!
//! 1. **Published** levels of the chosen view (a vintage's view marks figures standing in for a
//!    missing vintage), with any published year-on-year % attached to the cell.
//! 2. **Edited** cells replace what was there and remember it.
//! 3. **Assumed** values fill gaps in the published years, only for series the scenario gives a
//!    [`FillRule`]; otherwise a gap stays a gap.
//! 4. **Derived** balances: sales − purchases wherever both flows have a value. Where the source also
//!    published a balance, the cell shows the published one and keeps the derived one beside it with
//!    the difference, unless an input flow was edited or filled, or the published balance only stands
//!    in from another vintage: then the arithmetic is shown and the published figure moves beside it.
//!    A balance can itself be edited or filled.
//! 5. **Projected** values for the years after the last published one, up to the horizon (see
//!    [`crate::core::Growth`]); a balance whose flows are projected is their difference.
//! 6. Display values (won converted to dollars when asked). Year-on-year changes are computed on
//!    demand by [`Table::year_change`]: a division per cell is the costliest part of a table, and the
//!    page shows only a few.
//!
//! All arithmetic is checked; a value too large to hold leaves the cell empty with
//! [`Provenance::Overflow`] rather than panicking.

use super::arith::Arith;
use std::ops::RangeInclusive;

use rust_decimal::Decimal;

use super::dataset::{Dataset, FigureKind, FigureRef, Pick, SourceRef, View};
use super::lang::Lang;
use super::measure::{self, Formula, Undefined, YearChange};
use super::projection;
use super::scenario::{DisplayUnit, FillRule, FxMode, Growth, Scenario};
use super::series::{CellRef, Flow, Measure, Partner, SeriesKey, Vintage, sort_dedup};
use super::shares;

/// Where a cell's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provenance {
    /// No value: the sources have none and no rule fills it.
    Gap,
    /// Published by the view's source.
    Published {
        /// The view's source.
        source: SourceRef,
        /// The figure shown.
        figure: FigureRef,
        /// The figure's vintage (`None`: the only value found, counting for every vintage).
        vintage: Option<Vintage>,
        /// Given as "about".
        approximate: bool,
        /// The figure belongs to another vintage of the family and stands in for this one.
        stands_in: bool,
    },
    /// Computed from other cells.
    Derived {
        /// Which formula.
        formula: Formula,
        /// The cells it read (every formula in a table reads two: sales and purchases).
        inputs: [CellRef; 2],
    },
    /// Filled by a rule the reader chose.
    Assumed {
        /// The rule.
        rule: FillRule,
        /// The known cells it started from.
        from: Vec<CellRef>,
    },
    /// Typed in by the reader.
    Edited {
        /// The value it replaced.
        previous: Option<Decimal>,
        /// Where the replaced value came from.
        was: Box<Provenance>,
    },
    /// Carried beyond the published years.
    Projected {
        /// How.
        method: Projection,
        /// The last known cell it grew from, if any.
        base: Option<CellRef>,
    },
    /// The formula overflowed (an absurd edit): shown as empty.
    Overflow {
        /// Which formula.
        formula: Formula,
    },
}

impl Provenance {
    /// A stable identifier of the kind of provenance: for CSS classes, CSV columns and tests.
    pub fn id(&self) -> &'static str {
        match self {
            Provenance::Gap => "gap",
            Provenance::Published { .. } => "published",
            Provenance::Derived { .. } => "derived",
            Provenance::Assumed { .. } => "assumed",
            Provenance::Edited { .. } => "edited",
            Provenance::Projected { .. } => "projected",
            Provenance::Overflow { .. } => "overflow",
        }
    }

    /// A short label for a legend.
    pub fn label(&self, lang: Lang) -> &'static str {
        match self {
            Provenance::Gap => lang.pick("자료 없음", "no data"),
            Provenance::Published {
                stands_in: true, ..
            } => lang.pick("발표값(다른 발표 시점)", "published (other vintage)"),
            Provenance::Published { .. } => lang.pick("발표값", "published"),
            Provenance::Derived { .. } => lang.pick("계산값", "derived"),
            Provenance::Assumed { .. } => lang.pick("가정", "assumed"),
            Provenance::Edited { .. } => lang.pick("수정값", "edited"),
            Provenance::Projected { .. } => lang.pick("전망", "projected"),
            Provenance::Overflow { .. } => lang.pick("계산 불가", "too large"),
        }
    }
}

/// How a projected value was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Projection {
    /// Compound growth at `rate` % a year from the base.
    Growth {
        /// The assumption it came from.
        assumption: Growth,
        /// The rate applied, % a year.
        rate: Decimal,
    },
    /// A straight line: value = intercept + slope × (year − base year).
    Linear {
        /// The assumption it came from.
        assumption: Growth,
        /// Change per year.
        slope: Decimal,
    },
    /// Projected sales minus projected purchases.
    FromFlows,
    /// A damped trend (the row's [`RowProjection::fit`] has its parameters).
    Damped {
        /// The damping φ.
        phi: Decimal,
    },
    /// The last known value, held.
    Flat,
    /// A named partner as a share of its total's projection (see `core::shares`): the
    /// partners and the rest of the world divide what the reader's own figures leave of the total.
    Share {
        /// How the share is carried on.
        method: ShareMethod,
    },
    /// A total that is the sum of its named partners plus the rest of the world: for a balance
    /// published without flows, the partners' balances plus a projected remainder; for a flow,
    /// where the reader's own partner assumptions add up to more than the total's projection.
    SumOfParts,
}

impl Projection {
    /// A stable code of the method, for exports.
    pub fn id(&self) -> &'static str {
        match self {
            Projection::Growth { .. } => "growth",
            Projection::Linear { .. } => "linear",
            Projection::FromFlows => "from_flows",
            Projection::Damped { .. } => "damped",
            Projection::Flat => "flat",
            Projection::Share { .. } => "share",
            Projection::SumOfParts => "sum_of_parts",
        }
    }

    /// A reader's description of the method, in a language.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (Projection::Growth { assumption, rate }, Lang::Ko) => {
                format!("연 {rate}% 성장 ({})", assumption.describe(lang))
            }
            (Projection::Growth { assumption, rate }, Lang::En) => {
                format!("{rate}% a year ({})", assumption.describe(lang))
            }
            (Projection::Linear { assumption, slope }, Lang::Ko) => {
                format!("연 {slope} 선형 증감 ({})", assumption.describe(lang))
            }
            (Projection::Linear { assumption, slope }, Lang::En) => {
                format!("linear, {slope} a year ({})", assumption.describe(lang))
            }
            (Projection::FromFlows, _) => lang
                .pick(
                    "전망한 역직구(판매) − 전망한 직구(구매)",
                    "projected sales − projected purchases",
                )
                .into(),
            (Projection::Damped { phi }, Lang::Ko) => format!("감쇠 추세 (φ = {phi})"),
            (Projection::Damped { phi }, Lang::En) => format!("damped trend (φ = {phi})"),
            (Projection::Flat, _) => lang.pick("마지막 값 유지", "last value held").into(),
            (Projection::Share { method }, _) => format!(
                "{}: {}",
                lang.pick("전체 대비 몫", "share of the total"),
                method.describe(lang)
            ),
            (Projection::SumOfParts, _) => lang
                .pick(
                    "상대국별 전망 합 + 나머지 지역",
                    "named partners' projections + the rest of the world",
                )
                .into(),
        }
    }
}

/// How a named partner's share of its total is carried beyond the published years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareMethod {
    /// A damped trend fitted on the logarithm of its ratio to the rest of the world.
    Trend,
    /// Its last ratio to the rest of the world held (too few years, or no trend of its own, to fit
    /// one on), or, with no rest of the world to take a ratio to, its last share.
    Held,
}

impl ShareMethod {
    /// A reader's description, in a language.
    pub fn describe(&self, lang: Lang) -> &'static str {
        match self {
            ShareMethod::Trend => lang.pick(
                "나머지 지역 대비 로그비에 감쇠 추세",
                "damped trend on its log-ratio to the rest of the world",
            ),
            ShareMethod::Held => lang.pick(
                "나머지 지역 대비 비율 유지",
                "ratio to the rest of the world held",
            ),
        }
    }
}

/// A named partner projected as a share of its total: how, with the trend fitted on its
/// log-ratio to the rest of the world when there is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShareFit {
    /// How the share is carried on.
    pub method: ShareMethod,
    /// The years the log-ratio's damped trend was fitted on ([`ShareMethod::Trend`]).
    pub window: Option<(i32, i32)>,
    /// Its trend at the last fitted year: a change of the log-ratio a year.
    pub trend: Option<Decimal>,
    /// How the log-ratio strays in the simulated paths: the errors of its damped trend, their
    /// spread no larger than the partner's own (the rest of the world is a difference of rows
    /// adjusted each on its own, and its noise is not the partner's); `None`: the row's own.
    pub spread: Option<Spread>,
    /// The first and last projected years the partner was held to its largest published yearly
    /// change rather than the share the model gave it (`core::shares`' pace), with that change in
    /// per cent, a rise or a fall as the first of those years moved; `None` when the model's
    /// shares stayed within it.
    pub held_to_pace: Option<(i32, i32, Decimal)>,
}

/// The fitted damped trend of a row, rounded for showing (the projection used full precision).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DampedFit {
    /// Level smoothing α.
    pub alpha: Decimal,
    /// Trend smoothing β*.
    pub beta: Decimal,
    /// Damping φ.
    pub phi: Decimal,
    /// The trend at the last fitted year: a change of the logarithm a year for a flow, an amount a
    /// year for a balance.
    pub trend: Decimal,
    /// First year fitted.
    pub from: i32,
    /// Last year fitted.
    pub to: i32,
    /// Fitted on logarithms (flows) rather than levels (balances).
    pub log: bool,
}

/// How a row's simulated paths stray from its central projection, for the uncertainty ranges
/// ([`crate::core::ranges`]): a damped-trend error model (a random walk is α = 1, β* = 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spread {
    /// Level smoothing of the errors.
    pub alpha: Decimal,
    /// Trend smoothing of the errors.
    pub beta: Decimal,
    /// Damping of the errors' trend.
    pub phi: Decimal,
    /// The yearly spread: of the logarithm for a flow, in the row's unit for a balance.
    pub sigma: Decimal,
    /// On logarithms (a flow's paths are the central one times e^deviation).
    pub log: bool,
}

/// Why a row holds its last level although its method would do more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// Fewer than [`crate::core::forecast::MIN_YEARS`] consecutive years to fit a trend on.
    ShortHistory {
        /// How many there are.
        years: u8,
    },
    /// A flow with a zero value in its window has no logarithm to fit.
    NotPositive,
}

/// The other balance figure, kept beside the one shown: published beside derived, or the reverse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alongside {
    /// Its value.
    pub value: Decimal,
    /// Where it came from.
    pub provenance: Provenance,
    /// The shown value minus this one.
    pub difference: Option<Decimal>,
}

/// One cell of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The value in the series' measure (won, dollars, parcels), full precision.
    pub value: Option<Decimal>,
    /// Where it came from.
    pub provenance: Provenance,
    /// For a balance: the published or derived figure not shown.
    pub alongside: Option<Box<Alongside>>,
    /// A year-on-year % the source published for this cell.
    pub published_yoy: Option<(Decimal, FigureRef)>,
    /// The value in the scenario's display currency (won series converted to dollars when asked).
    pub display: Option<Decimal>,
}

impl Cell {
    fn gap() -> Cell {
        Cell {
            value: None,
            provenance: Provenance::Gap,
            alongside: None,
            published_yoy: None,
            display: None,
        }
    }

    /// The balance as sales − purchases, whichever of published and derived is shown.
    pub fn derived_value(&self) -> Option<Decimal> {
        if matches!(
            self.provenance,
            Provenance::Derived {
                formula: Formula::Balance,
                ..
            }
        ) {
            return self.value;
        }
        match self.alongside.as_deref() {
            Some(Alongside {
                value,
                provenance: Provenance::Derived { .. },
                ..
            }) => Some(*value),
            _ => None,
        }
    }
}

/// The assumption a row is projected with, and why not when it is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowProjection {
    /// The growth assumption used.
    pub assumption: Growth,
    /// True when the scenario did not choose it (the series' default).
    pub default: bool,
    /// The rate in % a year (fixed or CAGR; for a damped trend on logs, the fitted trend at the
    /// base; zero when held), or the slope per year for a linear trend.
    pub rate: Option<Decimal>,
    /// The cell projections grow from.
    pub base: Option<CellRef>,
    /// Why the row could not be projected.
    pub issue: Option<Undefined>,
    /// The years a damped trend was fitted on.
    pub window: Option<(i32, i32)>,
    /// The fitted damped trend.
    pub fit: Option<DampedFit>,
    /// How its uncertainty ranges are drawn.
    pub spread: Option<Spread>,
    /// Why it is held at its last level, when it is.
    pub held: Option<Held>,
    /// The year of its last figure, when that is before the view's last year: not projected.
    pub stale: Option<i32>,
    /// A total balance without flows: the assumption projects its rest-of-the-world remainder
    /// (total − named partners); the total is the partners plus that remainder.
    pub remainder: bool,
    /// For a named partner of a flow total: its values are a share of the total, projected so
    /// (the row's own trend is then not what is shown).
    pub share: Option<ShareFit>,
    /// The year the fitting window starts at because the year before it was a break (the flow
    /// doubled or halved), when one cut the window short.
    pub jump: Option<i32>,
}

/// One series over the years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Which series.
    pub series: SeriesKey,
    /// One cell per year of [`Table::years`].
    pub cells: Vec<Cell>,
    /// How the row is carried beyond the published years (`None` when it is not projected itself,
    /// e.g. a balance derived from projected flows).
    pub projection: Option<RowProjection>,
}

/// A view's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Index of the view in [`Dataset::views`].
    pub view: usize,
    /// First column.
    pub first_year: i32,
    /// The view's own last year with published figures (levels or year-on-year changes), not the
    /// dataset's; later columns are projections.
    pub last_published_year: i32,
    /// Last column.
    pub last_year: i32,
    /// The currency of [`Cell::display`].
    pub unit: DisplayUnit,
    /// Every series, purchases first, then sales, then balances; partners in a fixed order.
    pub rows: Vec<Row>,
}

impl Table {
    /// The years, one per column.
    pub fn years(&self) -> RangeInclusive<i32> {
        self.first_year..=self.last_year
    }

    /// A row by series.
    pub fn row(&self, series: SeriesKey) -> Option<&Row> {
        self.rows
            .binary_search_by(|r| r.series.cmp(&series))
            .ok()
            .and_then(|i| self.rows.get(i))
    }

    /// A cell.
    pub fn cell(&self, at: CellRef) -> Option<&Cell> {
        let i = usize::try_from(at.year.checked_sub(self.first_year)?).ok()?;
        self.row(at.series)?.cells.get(i)
    }

    /// A cell's value.
    pub fn value(&self, at: CellRef) -> Option<Decimal> {
        self.cell(at).and_then(|c| c.value)
    }

    /// A partner's share of a flow's all-partner total in a year, in per cent.
    pub fn share(&self, at: CellRef) -> Option<Decimal> {
        let whole = SeriesKey {
            partner: Partner::All,
            ..at.series
        }
        .at(at.year);
        measure::share(self.value(at)?, self.value(whole)?).ok()
    }

    /// The won-per-dollar rate implied where a source gives a flow in both won and dollars (customs).
    pub fn implied_rate(&self, at: CellRef) -> Option<Decimal> {
        let won = SeriesKey {
            measure: Measure::Won,
            ..at.series
        }
        .at(at.year);
        let usd = SeriesKey {
            measure: Measure::Usd,
            ..at.series
        }
        .at(at.year);
        measure::implied_rate(self.value(won)?, self.value(usd)?).ok()
    }

    /// The change of a cell from the year before (both must have values).
    pub fn year_change(&self, at: CellRef) -> Option<YearChange> {
        let previous = self.value(at.series.at(at.year.checked_sub(1)?))?;
        measure::year_change(previous, self.value(at)?)
    }
}

/// Exchange rates in the scenario's mode.
#[derive(Debug, Clone, Copy)]
pub struct Rates<'a> {
    /// Where annual averages come from.
    pub dataset: &'a Dataset,
    /// Average or fixed.
    pub mode: FxMode,
}

impl Rates<'_> {
    /// Won per dollar in `year`: the fixed rate, or that year's published average.
    pub fn rate(&self, year: i32) -> Option<Decimal> {
        match self.mode {
            FxMode::Fixed(r) if r > Decimal::ZERO => Some(r),
            FxMode::Fixed(_) => None,
            FxMode::Average => self.dataset.rate(year).map(|r| r.value),
        }
    }
}

pub(super) fn index(first: i32, year: i32) -> Option<usize> {
    usize::try_from(year.checked_sub(first)?).ok()
}

fn from_pick(dataset: &Dataset, view: &View, pick: Pick) -> Option<(Decimal, Provenance)> {
    let f = dataset.figure(pick.figure)?;
    (f.kind == FigureKind::Level).then_some({
        (
            f.value,
            Provenance::Published {
                source: view.source,
                figure: pick.figure,
                vintage: f.vintage,
                approximate: f.approx,
                stands_in: pick.stands_in,
            },
        )
    })
}

/// Applies the scenario's edits of `row` in `years`. `edited` lists every series the scenario
/// edits, so the rows it does not touch (most of them) skip the look-up in the map of edits.
fn apply_edits(
    row: &mut Row,
    scenario: &Scenario,
    edited: &[SeriesKey],
    first: i32,
    years: &RangeInclusive<i32>,
) {
    if !edited.contains(&row.series) {
        return;
    }
    let from = row.series.at(*years.start());
    let to = row.series.at(*years.end());
    for (at, value) in scenario.edits.range(&from, &to) {
        if let Some(cell) = index(first, at.year).and_then(|i| row.cells.get_mut(i)) {
            let was = std::mem::replace(&mut cell.provenance, Provenance::Gap);
            cell.provenance = Provenance::Edited {
                previous: cell.value,
                was: Box::new(was),
            };
            cell.value = Some(*value);
        }
    }
}

/// Fills gaps in `[first, last]` with the rule; returns nothing, marking each filled cell assumed.
fn apply_fill(row: &mut Row, rule: FillRule, first: i32, last: i32) {
    let key = row.series;
    let Some(end) = index(first, last) else {
        return;
    };
    let known: Vec<(usize, Decimal)> = row
        .cells
        .iter()
        .enumerate()
        .take(end + 1)
        .filter_map(|(i, c)| c.value.map(|v| (i, v)))
        .collect();
    let year_at = |i: usize| first.saturating_add(i32::try_from(i).unwrap_or(i32::MAX));
    for i in 0..=end {
        let Some(cell) = row.cells.get(i) else {
            continue;
        };
        if cell.value.is_some() {
            continue;
        }
        let before = known.iter().rev().find(|(k, _)| *k < i).copied();
        let after = known.iter().find(|(k, _)| *k > i).copied();
        let filled: Option<(Decimal, Vec<CellRef>)> = match rule {
            FillRule::Interpolate => match (before, after) {
                (Some((a, va)), Some((b, vb))) => {
                    let span = Decimal::from(b.saturating_sub(a));
                    let step = Decimal::from(i.saturating_sub(a));
                    vb.minus(va)
                        .and_then(|d| d.times(step))
                        .and_then(|d| d.checked_div(span))
                        .and_then(|d| va.plus(d))
                        .map(|v| (v, vec![key.at(year_at(a)), key.at(year_at(b))]))
                }
                _ => None,
            },
            FillRule::CarryForward => before.map(|(a, va)| (va, vec![key.at(year_at(a))])),
            // Chained and fixed growth build on the previous year, which may itself have just been filled.
            FillRule::ChainGrowth | FillRule::Growth(_) => {
                let prev = i
                    .checked_sub(1)
                    .and_then(|p| row.cells.get(p))
                    .and_then(|c| c.value);
                let rate = match rule {
                    FillRule::Growth(r) => Some(r),
                    _ => cell.published_yoy.map(|(r, _)| r),
                };
                match (prev, rate, i.checked_sub(1)) {
                    (Some(p), Some(r), Some(pi)) => measure::grow(p, r, 1)
                        .ok()
                        .map(|v| (v, vec![key.at(year_at(pi))])),
                    _ => None,
                }
            }
        };
        if let (Some((value, from)), Some(cell)) = (filled, row.cells.get_mut(i)) {
            cell.value = Some(value);
            cell.provenance = Provenance::Assumed { rule, from };
        }
    }
}

/// Builds the table of `view` under `scenario` (validated values only: see [`crate::core::compute`]).
pub fn build_table(
    dataset: &Dataset,
    view_index: usize,
    scenario: &Scenario,
    rates: Rates<'_>,
    horizon: i32,
) -> Table {
    let (first, dataset_last) = dataset.years();
    // Columns run to the horizon or the dataset's last year; the view's own last year (read with
    // its figures below) decides where its projections start.
    let end = horizon.max(dataset_last);
    let years = first..=end;
    let width = index(first, end).map_or(0, |i| i + 1);
    let Some(view) = dataset.views().get(view_index) else {
        return Table {
            view: view_index,
            first_year: first,
            last_published_year: dataset_last,
            last_year: end,
            unit: scenario.unit,
            rows: Vec::new(),
        };
    };

    // Edits sort by series, then year.
    let mut edited: Vec<SeriesKey> = scenario.edits.keys().map(|c| c.series).collect();
    edited.dedup();
    let keys = row_keys(view, scenario, &years);
    let (mut rows, view_last) = published_rows(dataset, view, &keys, first, width);
    let last = view_last.unwrap_or(dataset_last).clamp(first, end);
    for row in rows.iter_mut().filter(|r| r.series.flow != Flow::Balance) {
        apply_edits(row, scenario, &edited, first, &years);
        if let Some(rule) = scenario.fills.get(&row.series) {
            apply_fill(row, *rule, first, last);
        }
        projection::chain_published_yoy(row, first, last);
        projection::back_from_published_yoy(row, first, last);
    }

    // Balances, from the flows (which sort before them) and the published figures.
    for b in 0..rows.len() {
        let Some(series) = derive_balance(&mut rows, b, dataset, view, &years, last) else {
            continue;
        };
        if let Some(row) = rows.get_mut(b) {
            apply_edits(row, scenario, &edited, first, &years);
            if let Some(rule) = scenario.fills.get(&series) {
                apply_fill(row, *rule, first, last);
            }
        }
    }

    if end > last {
        project(&mut rows, scenario, &edited, first, last, end);
    }
    set_display(&mut rows, scenario.unit, &rates, first);

    Table {
        view: view_index,
        first_year: first,
        last_published_year: last,
        last_year: end,
        unit: scenario.unit,
        rows,
    }
}

/// The table's series in order: the view's own, those the scenario edits within `years`, and a
/// balance for every pair of flows.
fn row_keys(view: &View, scenario: &Scenario, years: &RangeInclusive<i32>) -> Vec<SeriesKey> {
    // A sorted, deduplicated vector rather than a set: the unstable sort of series keys is
    // already in the wasm (the views use it), a set's code is not.
    let mut keys: Vec<SeriesKey> = view.series().to_vec();
    keys.extend(
        scenario
            .edits
            .keys()
            .filter(|c| years.contains(&c.year))
            .map(|c| c.series),
    );
    sort_dedup(&mut keys);
    let flows: Vec<SeriesKey> = keys
        .iter()
        .filter(|k| {
            k.flow == Flow::Purchases && keys.binary_search(&k.with_flow(Flow::Sales)).is_ok()
        })
        .copied()
        .collect();
    keys.extend(flows.iter().map(|k| k.with_flow(Flow::Balance)));
    sort_dedup(&mut keys);
    keys
}

/// A row for each of `keys`, `width` years from `first`, with the view's published levels (not
/// balances, placed by [`derive_balance`]) and its published year-on-year changes; and the last
/// year the view has a figure for.
fn published_rows(
    dataset: &Dataset,
    view: &View,
    keys: &[SeriesKey],
    first: i32,
    width: usize,
) -> (Vec<Row>, Option<i32>) {
    let mut rows: Vec<Row> = Vec::with_capacity(keys.len());
    // The view's own last year: another source's later figures must not open a gap column here.
    let mut view_last: Option<i32> = None;
    let mut saw = |year: i32| view_last = Some(view_last.map_or(year, |l| l.max(year)));
    for &series in keys {
        let mut cells: Vec<Cell> = (0..width).map(|_| Cell::gap()).collect();
        for (year, pick) in view.levels_of(series) {
            saw(year);
            if series.flow == Flow::Balance {
                // Published balances are placed beside the derived ones below.
                continue;
            }
            if let (Some(cell), Some((value, provenance))) = (
                index(first, year).and_then(|i| cells.get_mut(i)),
                from_pick(dataset, view, pick),
            ) {
                cell.value = Some(value);
                cell.provenance = provenance;
            }
        }
        for (year, pick) in view.growth_of(series) {
            saw(year);
            if let (Some(cell), Some(f)) = (
                index(first, year).and_then(|i| cells.get_mut(i)),
                dataset.figure(pick.figure),
            ) {
                cell.published_yoy = Some((f.value, pick.figure));
            }
        }
        rows.push(Row {
            series,
            cells,
            projection: None,
        });
    }
    (rows, view_last)
}

/// Fills the balance row at `b`, when it has flows, year by year: the balance its flows imply
/// and the one the view publishes, the one shown and the other beside it. Says which series it
/// was.
fn derive_balance(
    rows: &mut [Row],
    b: usize,
    dataset: &Dataset,
    view: &View,
    years: &RangeInclusive<i32>,
    last: i32,
) -> Option<SeriesKey> {
    let (series, sales_row, purchases_row) = balance_and_flows(rows, b)?;
    // The balance row's cells are taken out while the flows are read, so nothing is cloned.
    let mut cells = rows
        .get_mut(b)
        .map(|r| std::mem::take(&mut r.cells))
        .unwrap_or_default();
    let mut published_years = view.levels_of(series).peekable();
    for ((i, year), cell) in years.clone().enumerate().zip(cells.iter_mut()) {
        let flow_cell = |r: Option<usize>| r.and_then(|r| rows.get(r)).and_then(|r| r.cells.get(i));
        let (s, p) = (flow_cell(sales_row), flow_cell(purchases_row));
        let derived = match (s.and_then(|c| c.value), p.and_then(|c| c.value)) {
            (Some(sv), Some(pv)) if year <= last => Some(measure::balance(sv, pv)),
            _ => None,
        };
        let inputs_changed = [s, p]
            .iter()
            .any(|c| c.is_some_and(|c| !projection::from_source(&c.provenance)));
        let derived_prov = || Provenance::Derived {
            formula: Formula::Balance,
            inputs: [
                series.with_flow(Flow::Sales).at(year),
                series.with_flow(Flow::Purchases).at(year),
            ],
        };
        // The published balances come in year order, like the columns: merge rather than look up.
        while published_years.peek().is_some_and(|(y, _)| *y < year) {
            published_years.next();
        }
        let pub_val = match published_years.peek() {
            Some((y, pick)) if *y == year && year <= last => from_pick(dataset, view, *pick),
            _ => None,
        };
        place_balance(cell, derived, pub_val, inputs_changed, derived_prov);
    }
    if let Some(row) = rows.get_mut(b) {
        row.cells = cells;
    }
    Some(series)
}

/// Puts a balance in its `cell`: the `derived` one (from the flows) or the `published` one, and
/// the other beside it. The published figure is shown unless a flow is not as its source gives
/// it (`inputs_changed`) or the figure stands in from another vintage.
fn place_balance(
    cell: &mut Cell,
    derived: Option<Result<Decimal, Undefined>>,
    published: Option<(Decimal, Provenance)>,
    inputs_changed: bool,
    derived_prov: impl Fn() -> Provenance,
) {
    match (derived, published) {
        (Some(Ok(dv)), Some((pv, pp))) => {
            // A balance standing in from another vintage yields to the view's own flows.
            let stand_in = matches!(
                pp,
                Provenance::Published {
                    stands_in: true,
                    ..
                }
            );
            let (shown, shown_prov, other, other_prov) = if inputs_changed || stand_in {
                (dv, derived_prov(), pv, pp)
            } else {
                (pv, pp, dv, derived_prov())
            };
            cell.value = Some(shown);
            cell.provenance = shown_prov;
            cell.alongside = Some(Box::new(Alongside {
                value: other,
                provenance: other_prov,
                difference: shown.minus(other),
            }));
        }
        (Some(Ok(dv)), None) => {
            cell.value = Some(dv);
            cell.provenance = derived_prov();
        }
        (Some(Err(_)), pv) => {
            cell.value = None;
            cell.provenance = Provenance::Overflow {
                formula: Formula::Balance,
            };
            if let Some((pv, pp)) = pv {
                cell.alongside = Some(Box::new(Alongside {
                    value: pv,
                    provenance: pp,
                    difference: None,
                }));
            }
        }
        (None, Some((pv, pp))) => {
            cell.value = Some(pv);
            cell.provenance = pp;
        }
        (None, None) => {}
    }
}

/// Projections: each flow by its own assumption, named partners fitted within their totals,
/// balances from their flows, then balances published without flows (see core::projection).
fn project(
    rows: &mut [Row],
    scenario: &Scenario,
    edited: &[SeriesKey],
    first: i32,
    last: i32,
    end: i32,
) {
    // Edits in projection years override a projection before anything is built on it.
    let projected_years = last.saturating_add(1)..=end;
    let mut fitted = Vec::with_capacity(rows.len());
    for row in rows.iter_mut() {
        if row.series.flow == Flow::Balance {
            fitted.push(Vec::new());
            continue;
        }
        let chosen = scenario.growth.get(&row.series).copied();
        fitted.push(projection::project_row(row, chosen, first, last, end));
        apply_edits(row, scenario, edited, first, &projected_years);
    }
    shares::share_partners(rows, &fitted, first, last, end);
    projection::balances_from_flows(rows, first, last, end);
    projection::project_lone_balances(rows, scenario, first, last, end);
    for row in rows.iter_mut().filter(|r| r.series.flow == Flow::Balance) {
        apply_edits(row, scenario, edited, first, &projected_years);
    }
}

/// Display values: won shown in dollars at each year's rate when `unit` asks for them (other
/// measures are shown as they are).
fn set_display(rows: &mut [Row], unit: DisplayUnit, rates: &Rates<'_>, first: i32) {
    for row in rows {
        let convert = row.series.measure == Measure::Won && unit == DisplayUnit::Usd;
        for (i, cell) in row.cells.iter_mut().enumerate() {
            cell.display = match (cell.value, convert) {
                (Some(v), true) => i32::try_from(i)
                    .ok()
                    .and_then(|i| first.checked_add(i))
                    .and_then(|year| rates.rate(year))
                    .and_then(|r| measure::to_usd(v, r).ok()),
                (v, false) => v,
                (None, true) => None,
            };
        }
    }
}

/// For the balance row at `b`: its series and the rows of its sales and purchases, if the table
/// has them. Rows sort flows before balances, so both are found by binary search.
fn balance_and_flows(rows: &[Row], b: usize) -> Option<(SeriesKey, Option<usize>, Option<usize>)> {
    let series = rows
        .get(b)
        .map(|r| r.series)
        .filter(|s| s.flow == Flow::Balance)?;
    let find = |flow: Flow| {
        rows.binary_search_by(|r| r.series.cmp(&series.with_flow(flow)))
            .ok()
    };
    Some((series, find(Flow::Sales), find(Flow::Purchases)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).expect(s)
    }

    fn tn(s: &str) -> Decimal {
        d(s) * Decimal::from(1_000_000_000_000_i64)
    }

    fn data() -> &'static Dataset {
        crate::core::dataset::fixture_2026_11_28()
    }

    fn table(view: &str, scenario: &Scenario) -> Table {
        let data = data();
        let rates = Rates {
            dataset: data,
            mode: scenario.fx,
        };
        build_table(
            data,
            data.view_index(view).expect(view),
            scenario,
            rates,
            scenario.horizon(),
        )
    }

    fn cell(s: &str) -> CellRef {
        s.parse().expect(s)
    }

    #[test]
    fn published_derived_and_gaps() {
        let s = Scenario::default();
        let kostat = table("kostat-revised", &s);
        let kiep = table("kiep-2025-07-02", &s);
        let cases: Vec<(&str, &Table, &str, Option<Decimal>, &str)> = vec![
            (
                "KIEP published balance",
                &kiep,
                "balance.all[2023]",
                Some(tn("-6.003")),
                "published",
            ),
            (
                "KIEP has no 2021 balance",
                &kiep,
                "balance.all[2021]",
                None,
                "no data",
            ),
            (
                "KIEP China balance derived",
                &kiep,
                "balance.china[2023]",
                Some(tn("-2.171")),
                "derived",
            ),
            (
                "KOSTAT published balance shown",
                &kostat,
                "balance.all[2023]",
                Some(tn("-4.985")),
                "published",
            ),
            (
                "KOSTAT derived balance where none published",
                &kostat,
                "balance.all[2020]",
                Some(tn("1.8607")),
                "derived",
            ),
            (
                "KOSTAT 2015 purchases missing: balance gap",
                &kostat,
                "balance.all[2015]",
                None,
                "no data",
            ),
            (
                "KOSTAT 2014 purchases: first release stands in",
                &kostat,
                "purchases.all[2014]",
                Some(tn("1.642")),
                "published (other vintage)",
            ),
            (
                "KOSTAT sales to China after 2019: chained from the published y/y changes \
                 (5,184.664 bn × 1.009 × 0.692)",
                &kostat,
                "sales.china[2021]",
                Some(d("3620077575392")),
                "derived",
            ),
            (
                "KIEP's view ends in 2023, its own last year: 2024 is projected, not a gap",
                &kiep,
                "balance.all[2024]",
                Some(tn("-6.003")),
                "projected",
            ),
        ];
        for (what, t, at, want, label) in cases {
            let c = t
                .cell(cell(at))
                .unwrap_or_else(|| panic!("{what}: no cell"));
            assert_eq!(
                (c.value, c.provenance.label(Lang::En)),
                (want, label),
                "{what}"
            );
        }
        let first = table("kostat-first", &s);
        let c = first.cell(cell("balance.all[2023]")).expect("cell");
        assert_eq!(
            (c.value, c.alongside.as_ref().map(|a| a.value)),
            (Some(tn("-5.1006")), Some(tn("-4.985"))),
            "first release: own flows shown, the revised balance beside"
        );
        let c = kostat.cell(cell("balance.all[2023]")).expect("cell");
        assert_eq!(
            c.alongside.as_ref().map(|a| (a.value, a.difference)),
            Some((tn("-4.9847"), Some(tn("-0.0003")))),
            "derived kept beside"
        );
        assert_eq!(c.derived_value(), Some(tn("-4.9847")), "derived value");
    }

    #[test]
    fn editing_a_flow_moves_the_balance_and_keeps_the_published_one_beside() {
        let mut s = Scenario::default();
        s.set_edit(cell("purchases.all[2023]"), tn("7"))
            .expect("edit");
        let t = table("kostat-revised", &s);
        let p = t.cell(cell("purchases.all[2023]")).expect("purchases");
        assert_eq!(
            p.provenance,
            Provenance::Edited {
                previous: Some(tn("6.6819")),
                was: Box::new(published_prov(&t, "purchases.all[2023]"))
            },
            "edit remembers"
        );
        let b = t.cell(cell("balance.all[2023]")).expect("balance");
        assert_eq!(b.value, Some(tn("-5.3028")), "balance follows the edit");
        assert_eq!(
            b.alongside.as_ref().map(|a| a.value),
            Some(tn("-4.985")),
            "published beside"
        );
    }

    fn published_prov(t: &Table, at: &str) -> Provenance {
        let data = data();
        let view = &data.views()[t.view];
        let pick = view
            .level(cell(at).series, cell(at).year)
            .expect("published");
        from_pick(data, view, pick).expect("published").1
    }

    #[test]
    fn fill_rules_fill_only_when_asked_and_say_so() {
        let key: SeriesKey = "sales.china".parse().expect("key");
        let cases = [
            (
                FillRule::ChainGrowth,
                "sales.china[2020]",
                Some(d("5231325976000")),
            ),
            (
                FillRule::ChainGrowth,
                "sales.china[2024]",
                Some(d("987347878642.149037696")),
            ),
            (
                FillRule::CarryForward,
                "sales.china[2022]",
                Some(d("5184664000000")),
            ),
            (
                FillRule::Growth(d("10")),
                "sales.china[2020]",
                Some(d("5703130400000")),
            ),
            // Nothing after 2019 to interpolate to: the published changes chain it instead.
            (
                FillRule::Interpolate,
                "sales.china[2021]",
                Some(d("3620077575392")),
            ),
        ];
        for (rule, at, want) in cases {
            let mut s = Scenario::default();
            s.fills.insert(key, rule);
            let t = table("kostat-revised", &s);
            let c = t.cell(cell(at)).expect("cell");
            assert_eq!(c.value, want, "{rule:?} at {at}");
            if want.is_some() && rule != FillRule::Interpolate {
                assert!(
                    matches!(c.provenance, Provenance::Assumed { rule: r, .. } if r == rule),
                    "{rule:?} marked assumed"
                );
            }
        }
        let mut s = Scenario::default();
        s.fills.insert(
            SeriesKey::won(Flow::Balance, Partner::All),
            FillRule::Interpolate,
        );
        let t = table("kiep-2025-07-02", &s);
        assert_eq!(
            t.value(cell("balance.all[2021]")),
            Some(tn("-3.0065")),
            "KIEP balance interpolated halfway"
        );
    }

    #[test]
    fn projections_follow_the_assumption() {
        let mut s = Scenario::default();
        s.set_growth("purchases.all".parse().expect("k"), Growth::Fixed(d("10")))
            .expect("growth");
        s.set_growth("sales.all".parse().expect("k"), Growth::Fixed(d("0")))
            .expect("growth");
        let t = table("kostat-revised", &s);
        assert_eq!(t.last_year, 2030, "default horizon");
        assert_eq!(
            t.value(cell("purchases.all[2025]")),
            Some(tn("8.75413")),
            "one year at 10 %"
        );
        assert_eq!(
            t.value(cell("sales.all[2030]")),
            Some(tn("1.7225")),
            "flat sales"
        );
        assert_eq!(
            t.value(cell("balance.all[2025]")),
            Some(tn("-7.03163")),
            "balance from projected flows"
        );
        let info = t
            .row("purchases.all".parse().expect("k"))
            .and_then(|r| r.projection)
            .expect("projection");
        assert_eq!(
            (info.default, info.base),
            (false, Some(cell("purchases.all[2024]"))),
            "chosen assumption from the last value"
        );
        let sales = t
            .row("sales.china".parse().expect("k"))
            .and_then(|r| r.projection)
            .expect("default");
        assert_eq!(
            (sales.assumption, sales.default, sales.held, sales.base),
            (
                Growth::Flat,
                true,
                Some(Held::ShortHistory { years: 3 }),
                Some(cell("sales.china[2024]"))
            ),
            "default: the chained 2024 level held, three years since the break being too few \
             for a trend (forecast::MIN_YEARS)"
        );
        // Sales to China more than halved into 2022 (the printed change), so the run starts
        // there rather than six years back.
        assert_eq!(sales.jump, Some(2022), "the break that starts the window");
        let kiep = table("kiep-2025-07-02", &Scenario::default());
        let b = kiep
            .row("balance.all".parse().expect("k"))
            .and_then(|r| r.projection)
            .expect("balance");
        assert_eq!(
            (b.assumption, b.remainder, b.held),
            (Growth::Flat, true, Some(Held::ShortHistory { years: 1 })),
            "a total without flows: China from its flows plus the rest of the world, held"
        );
        for year in 2024..=2030 {
            let china = kiep.value(SeriesKey::won(Flow::Balance, Partner::China).at(year));
            let all = kiep.value(SeriesKey::won(Flow::Balance, Partner::All).at(year));
            // 2023: all −6.003, China −2.171 (3.227 bought, 1.056 sold): the rest is −3.832.
            assert_eq!(
                all.zip(china).and_then(|(a, c)| a.checked_sub(c)),
                Some(tn("-3.832")),
                "{year}: the rest of the world is held"
            );
        }
    }

    #[test]
    fn shares_and_implied_rates() {
        let kostat = table("kostat-revised", &Scenario::default());
        let kcs = table("kcs", &Scenario::default());
        let cases = [
            (
                "China's share of purchases 2024",
                kostat.share(cell("purchases.china[2024]")),
                "60.0",
            ),
            (
                "US share of purchases 2014",
                kostat.share(cell("purchases.us[2014]")),
                "72.7",
            ),
            (
                "customs import rate 2024",
                kcs.implied_rate(cell("purchases.all[2024]")),
                "1410.1",
            ),
            (
                "customs export rate 2024",
                kcs.implied_rate(cell("sales.all[2024]")),
                "1409.2",
            ),
        ];
        for (what, got, want) in cases {
            assert_eq!(
                got.map(|v| measure::round_for_display(v, 1)),
                Some(d(want)),
                "{what}"
            );
        }
        assert_eq!(
            kostat.share(cell("purchases.china[2015]")),
            None,
            "no share without both values"
        );
    }

    #[test]
    fn an_edited_projected_flow_moves_the_projected_balance() {
        let mut s = Scenario::default();
        s.set_growth("purchases.all".parse().expect("k"), Growth::Fixed(d("0")))
            .expect("growth");
        s.set_edit(cell("sales.all[2027]"), tn("9")).expect("edit");
        let t = table("kostat-revised", &s);
        assert_eq!(
            t.value(cell("balance.all[2027]")),
            Some(tn("1.0417")),
            "9 − 7.9583"
        );
    }

    #[test]
    fn the_cached_default_growth_equals_the_computed_one() {
        let default = table("kostat-revised", &Scenario::default());
        for row in default
            .rows
            .iter()
            .filter(|r| r.series.flow != Flow::Balance)
        {
            let Some(info) = row.projection else { continue };
            // A level the reader holds is the reader's; one the model holds for want of history
            // keeps its ratio to the rest of the world instead (core::shares).
            if info.assumption == Growth::Flat && info.share.is_some() {
                continue;
            }
            let mut s = Scenario::default();
            s.growth.insert(row.series, info.assumption);
            let chosen = table("kostat-revised", &s);
            let other = chosen
                .row(row.series)
                .and_then(|r| r.projection)
                .expect("projection");
            assert_eq!(
                (info.default, other.default),
                (true, false),
                "{}",
                row.series
            );
            assert_eq!(info.rate, other.rate, "{}: same rate", row.series);
            assert_eq!(
                chosen.row(row.series).map(|r| &r.cells),
                Some(&row.cells),
                "{}: same cells",
                row.series
            );
        }
    }

    #[test]
    fn dollars_are_shown_at_the_chosen_rate() {
        let mut s = Scenario {
            unit: DisplayUnit::Usd,
            ..Scenario::default()
        };
        let t = table("kiep-2025-07-02", &s);
        let c = t.cell(cell("balance.all[2023]")).expect("cell");
        assert_eq!(
            c.display.map(|v| measure::round_for_display(v, 0)),
            Some(d("-4596477795")),
            "at the 2023 average"
        );
        s.fx = FxMode::Fixed(d("1396"));
        let t = table("kiep-2025-07-02", &s);
        let c = t.cell(cell("balance.all[2023]")).expect("cell");
        assert_eq!(
            c.display
                .map(|v| measure::round_for_display(v / d("1000000000"), 2)),
            Some(d("-4.30")),
            "at 1,396"
        );
    }

    #[test]
    fn absurd_edits_overflow_into_a_marked_cell_not_a_panic() {
        let mut s = Scenario::default();
        s.edits.insert(cell("sales.all[2023]"), Decimal::MAX);
        s.edits.insert(cell("purchases.all[2023]"), Decimal::MIN);
        let t = table("kostat-revised", &s);
        let b = t.cell(cell("balance.all[2023]")).expect("cell");
        assert_eq!(
            (b.value, &b.provenance),
            (
                None,
                &Provenance::Overflow {
                    formula: Formula::Balance
                }
            ),
            "overflow marked"
        );
    }
}
