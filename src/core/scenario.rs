//! A scenario: everything a reader has changed, as a small serialisable value.
//!
//! The published defaults are `Scenario::default()`: every field is empty or `None`, meaning "what the
//! dataset says" (its default view, year, partner). A scenario therefore serialises to almost nothing
//! until the reader changes something, which keeps links and stored state short. It is versioned
//! (`v`), keyed to a dataset by id, and knows nothing of the UI's language or theme.
//!
//! Edits are validated by [`validate_edit`] before they enter a scenario; [`crate::core::compute`]
//! still ignores (and reports) any invalid value that arrives by another route, such as a hand-made
//! link.
//!
//! ```
//! use jikgu::core::{Scenario, CellRef, Decimal};
//! let mut s = Scenario::default();
//! let cell: CellRef = "purchases.china[2023]".parse().unwrap();
//! s.set_edit(cell, Decimal::new(35, 1) * Decimal::from(1_000_000_000_000_i64)).unwrap();
//! let json = serde_json::to_string(&s).unwrap();
//! assert_eq!(json, r#"{"v":1,"edits":{"purchases.china[2023]":"3500000000000.0"}}"#);
//! assert_eq!(s.diff(&Scenario::default()).len(), 1);
//! ```

use std::fmt;

use rust_decimal::Decimal;

use super::lang::Lang;
use super::num::{Quantity, Style, format};
use super::series::{
    CellRef, Flow, HORIZON_MAX, HORIZON_MIN, Measure, Partner, SeriesKey, YEAR_MIN,
};
use super::sorted::{SortedMap, SortedSet};
use serde::{Deserialize, Serialize};

/// The scenario format version.
pub const SCENARIO_VERSION: u32 = 1;

/// The horizon used when a scenario does not choose one.
pub const DEFAULT_HORIZON: i32 = 2030;

/// Largest magnitude an edited amount may have (10^18 won, a million times Korea's GDP): beyond it an
/// edit is a typo, and refusing it keeps every later sum well inside what a decimal can hold.
pub fn max_amount() -> Decimal {
    Decimal::from(1_000_000_000_000_000_000_i64)
}

/// Bounds on a growth rate, in per cent a year.
pub const GROWTH_MIN: i64 = -99;
/// Upper bound on a growth rate, in per cent a year.
pub const GROWTH_MAX: i64 = 1000;

/// How a gap in a series is filled, when the reader asks for it. Filled values are marked assumed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FillRule {
    /// A straight line between the nearest known years on either side.
    Interpolate,
    /// The last known value, repeated.
    CarryForward,
    /// The last known value grown by the source's published year-on-year % for each missing year.
    ChainGrowth,
    /// The last known value grown by a fixed % a year.
    Growth(Decimal),
}

impl FillRule {
    /// A reader's description.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            FillRule::Interpolate => lang
                .pick(
                    "앞뒤 연도 사이 직선 보간",
                    "interpolated between the known years",
                )
                .into(),
            FillRule::CarryForward => lang
                .pick("직전 값 유지", "last known value carried forward")
                .into(),
            FillRule::ChainGrowth => lang
                .pick(
                    "발표된 전년 대비 증감률로 연결",
                    "chained from the published year-on-year change",
                )
                .into(),
            FillRule::Growth(r) => match lang {
                Lang::Ko => format!("직전 값에서 연 {r}% 성장 가정"),
                Lang::En => format!("grown {r}% a year from the last known value"),
            },
        }
    }
}

/// How a series is carried beyond the published years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Growth {
    /// A fixed % a year from the last known value.
    Fixed(Decimal),
    /// The compound annual growth rate of the window `[from, to]`, from the last known value.
    Cagr {
        /// First year of the window.
        from: i32,
        /// Last year of the window.
        to: i32,
    },
    /// A straight line: the least-squares slope of the known values of the window `[from, to]`,
    /// continued from the last known value (so the projection joins the data without a jump).
    /// A projected flow never goes below zero.
    Linear {
        /// First year of the window.
        from: i32,
        /// Last year of the window.
        to: i32,
    },
    /// The default: a damped trend (Gardner–McKenzie, ETS(A,Ad,N)) fitted on the logarithm of a
    /// flow's recent levels, or on a balance's levels; see [`crate::core::forecast`] for the window,
    /// the damping and how α and β* are fitted. A row with fewer than
    /// [`crate::core::forecast::MIN_YEARS`] consecutive years holds its last level instead, and
    /// says so. A named partner of a flow total is then shown as a share of the total, its
    /// log-ratio to the rest of the world carried on by the same damped trend.
    Damped,
    /// The last known value, held.
    Flat,
}

impl Growth {
    /// A reader's description.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (Growth::Fixed(r), Lang::Ko) => format!("연 {r}% 성장"),
            (Growth::Fixed(r), Lang::En) => format!("{r}% a year"),
            (Growth::Cagr { from, to }, Lang::Ko) => format!("{from}~{to}년 연평균 증가율"),
            (Growth::Cagr { from, to }, Lang::En) => {
                format!("the {from}–{to} compound annual growth rate")
            }
            (Growth::Linear { from, to }, Lang::Ko) => format!("{from}~{to}년 선형 추세"),
            (Growth::Linear { from, to }, Lang::En) => format!("the {from}–{to} linear trend"),
            (Growth::Damped, Lang::Ko) => "감쇠 추세(최근 연속 연도 n개, φ = (n − 1)/n)".into(),
            (Growth::Damped, Lang::En) => {
                "a damped trend (the last n consecutive years, φ = (n − 1)/n)".into()
            }
            (Growth::Flat, Lang::Ko) => "마지막 값 유지".into(),
            (Growth::Flat, Lang::En) => "the last value held".into(),
        }
    }
}

/// Which won-per-dollar rate converts between currencies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FxMode {
    /// Each year's published annual average.
    #[default]
    Average,
    /// One rate for every year, chosen by the reader.
    Fixed(Decimal),
}

/// The currency amounts are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisplayUnit {
    /// Korean won.
    #[default]
    Won,
    /// US dollars, converted in the scenario's [`FxMode`].
    Usd,
}

/// A "what would it take?" question: solve one assumption for a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Seek {
    /// The fixed annual growth of `series` (a flow) that brings the balance with its partner to `target`
    /// won in `year`, the other flow following its own projection.
    Growth {
        /// The flow whose growth is solved for (e.g. `sales.china`).
        series: SeriesKey,
        /// The year the balance must reach the target.
        year: i32,
        /// The balance wanted, in won (zero for break-even, which links leave out).
        #[serde(default, skip_serializing_if = "Decimal::is_zero")]
        target: Decimal,
    },
    /// The fixed exchange rate at which the balance with `partner` in `year` equals `target` dollars.
    Rate {
        /// Which balance.
        partner: Partner,
        /// Which year.
        year: i32,
        /// The dollar amount wanted (e.g. −4.3 bn).
        target: Decimal,
    },
}

/// Everything a reader changed. `Default` is the published data as the dataset presents it.
///
/// As JSON (links and local storage), a field at its default is left out, so the default scenario
/// is `{"v":1}` and a link carries only what the reader changed; enums are their snake_case name,
/// or a one-key object `{name: value}` when they carry data; decimals are strings. Reading takes a
/// missing field as its default, ignores keys it does not know (a newer writer's) and refuses a
/// known key with a value of the wrong shape. Values are not validated when read:
/// [`crate::core::compute`] ignores and reports invalid ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
// The derived code is reached through the impls below, which take a scenario from an object only
// (a derived struct would also read an array of its fields in order).
#[serde(default, remote = "Self")]
pub struct Scenario {
    /// Format version.
    pub v: u32,
    /// The dataset id the scenario was made against; `None` means the embedded one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dataset: Option<String>,
    /// The view (source id); `None` means the dataset's default view.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub view: Option<String>,
    /// Figures the reader typed in, replacing or filling cells.
    #[serde(skip_serializing_if = "SortedMap::is_empty")]
    pub edits: SortedMap<CellRef, Decimal>,
    /// Edited cells the reader marked as approximate (`약 6조`, `about ₩6tn`): the value is kept
    /// exactly as typed, and the cell says it is approximate wherever it is shown.
    #[serde(rename = "approx", skip_serializing_if = "SortedSet::is_empty")]
    pub approximate: SortedSet<CellRef>,
    /// Gap-filling rules per series.
    #[serde(skip_serializing_if = "SortedMap::is_empty")]
    pub fills: SortedMap<SeriesKey, FillRule>,
    /// Exchange-rate mode.
    #[serde(skip_serializing_if = "FxMode::is_average")]
    pub fx: FxMode,
    /// Display currency.
    #[serde(skip_serializing_if = "DisplayUnit::is_won")]
    pub unit: DisplayUnit,
    /// The headline year; `None` means the dataset's default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The headline partner; `None` means the dataset's default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partner: Option<Partner>,
    /// Last projected year; `None` means [`DEFAULT_HORIZON`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub horizon: Option<i32>,
    /// Growth assumptions per series; a series without one uses its default (see the projection docs).
    #[serde(skip_serializing_if = "SortedMap::is_empty")]
    pub growth: SortedMap<SeriesKey, Growth>,
    /// The goal seek to run, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seek: Option<Seek>,
}

impl Serialize for Scenario {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Scenario::serialize(self, s)
    }
}

impl<'de> Deserialize<'de> for Scenario {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Scenario, D::Error> {
        struct Object;
        impl<'de> serde::de::Visitor<'de> for Object {
            type Value = Scenario;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a scenario object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Scenario, A::Error> {
                Scenario::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(Object)
    }
}

impl FxMode {
    fn is_average(&self) -> bool {
        *self == FxMode::Average
    }
}

impl DisplayUnit {
    fn is_won(&self) -> bool {
        *self == DisplayUnit::Won
    }
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            v: SCENARIO_VERSION,
            dataset: None,
            view: None,
            edits: SortedMap::new(),
            approximate: SortedSet::new(),
            fills: SortedMap::new(),
            fx: FxMode::Average,
            unit: DisplayUnit::Won,
            year: None,
            partner: None,
            horizon: None,
            growth: SortedMap::new(),
            seek: None,
        }
    }
}

/// What a reader may edit, for validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditTarget {
    /// A figure in the table.
    Cell(CellRef),
    /// The fixed exchange rate.
    FixedRate,
    /// The projection horizon (a year).
    Horizon,
    /// A growth rate in per cent a year (projection or fill rule).
    GrowthRate,
    /// The headline year.
    Year,
}

/// Why an edit was refused; the UI keeps the last valid value and shows [`EditError::message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// A purchase or sale below zero.
    Negative {
        /// The flow edited.
        flow: Flow,
        /// What it is counted in, to write the value back as the reader typed it.
        measure: Measure,
        /// What was typed.
        got: Decimal,
    },
    /// A rate that must be above zero.
    NotPositive {
        /// What was typed.
        got: Decimal,
    },
    /// A number outside its allowed range.
    OutOfRange {
        /// Smallest allowed.
        min: Decimal,
        /// Largest allowed.
        max: Decimal,
        /// What was typed.
        got: Decimal,
    },
    /// A year that is not a whole number.
    NotAYear {
        /// What was typed.
        got: Decimal,
    },
}

impl EditError {
    /// The message in a language, saying what was expected and what came.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            // A cell's value is in won, dollars or parcels, typed in trillions or billions: say it
            // in those words, not as the bare count of won.
            (EditError::Negative { flow, measure, got }, Lang::Ko) => format!(
                "{} 값은 0 이상이어야 합니다 (입력: {})",
                flow.label(lang),
                format(*got, measure_quantity(*measure), lang, Style::Compact)
            ),
            (EditError::Negative { flow, measure, got }, Lang::En) => format!(
                "expected {flow} of zero or more, found {}",
                format(*got, measure_quantity(*measure), lang, Style::Compact)
            ),
            (EditError::NotPositive { got }, Lang::Ko) => {
                format!("0보다 큰 값이어야 합니다 (입력: {got})")
            }
            (EditError::NotPositive { got }, Lang::En) => {
                format!("expected a value above zero, found {got}")
            }
            (EditError::OutOfRange { min, max, got }, Lang::Ko) => {
                format!("{min}부터 {max} 사이여야 합니다 (입력: {got})")
            }
            (EditError::OutOfRange { min, max, got }, Lang::En) => {
                format!("expected a value from {min} to {max}, found {got}")
            }
            (EditError::NotAYear { got }, Lang::Ko) => {
                format!("연도는 정수여야 합니다 (입력: {got})")
            }
            (EditError::NotAYear { got }, Lang::En) => {
                format!("expected a whole year, found {got}")
            }
        }
    }
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for EditError {}

/// The quantity a measure's figures are written as.
fn measure_quantity(measure: Measure) -> Quantity {
    match measure {
        Measure::Won => Quantity::Won,
        Measure::Usd => Quantity::Usd,
        Measure::Parcels => Quantity::Count,
    }
}

fn whole_year(value: Decimal, min: i32, max: i32) -> Result<i32, EditError> {
    use rust_decimal::prelude::ToPrimitive;
    if !value.fract().is_zero() {
        return Err(EditError::NotAYear { got: value });
    }
    value
        .to_i32()
        .filter(|y| (min..=max).contains(y))
        .ok_or(EditError::OutOfRange {
            min: Decimal::from(min),
            max: Decimal::from(max),
            got: value,
        })
}

/// The range [`validate_edit`] names for `target` when a value falls outside it, so that a number
/// typed far beyond it (too large even to read) is told the field's own range rather than the widest
/// one its quantity allows.
pub fn edit_range(target: EditTarget) -> (Decimal, Decimal) {
    match target {
        EditTarget::Cell(cell) if cell.series.flow == Flow::Balance => {
            (-max_amount(), max_amount())
        }
        EditTarget::Cell(_) => (Decimal::ZERO, max_amount()),
        EditTarget::FixedRate => (Decimal::ONE, Decimal::from(100_000)),
        EditTarget::Horizon => (Decimal::from(HORIZON_MIN), Decimal::from(HORIZON_MAX)),
        EditTarget::Year => (Decimal::from(YEAR_MIN), Decimal::from(HORIZON_MAX)),
        EditTarget::GrowthRate => (Decimal::from(GROWTH_MIN), Decimal::from(GROWTH_MAX)),
    }
}

/// Checks a value a reader typed before it enters a scenario.
///
/// Purchases and sales must be zero or more, a balance may have either sign, every amount is within
/// ±10^18, a fixed rate is above zero (and below 100,000 won per dollar), a horizon is a whole year
/// from 2025 to 2040, a growth rate is from −99 % to +1,000 % a year.
pub fn validate_edit(target: EditTarget, value: Decimal) -> Result<(), EditError> {
    match target {
        EditTarget::Cell(cell) => {
            let (min, max) = edit_range(target);
            if cell.series.flow != Flow::Balance && value.is_sign_negative() && !value.is_zero() {
                return Err(EditError::Negative {
                    flow: cell.series.flow,
                    measure: cell.series.measure,
                    got: value,
                });
            }
            if value.abs() > max {
                return Err(EditError::OutOfRange {
                    min,
                    max,
                    got: value,
                });
            }
            Ok(())
        }
        EditTarget::FixedRate => {
            if value <= Decimal::ZERO {
                return Err(EditError::NotPositive { got: value });
            }
            let (min, max) = edit_range(target);
            if value > max {
                return Err(EditError::OutOfRange {
                    min,
                    max,
                    got: value,
                });
            }
            Ok(())
        }
        EditTarget::Horizon => whole_year(value, HORIZON_MIN, HORIZON_MAX).map(|_| ()),
        EditTarget::Year => whole_year(value, YEAR_MIN, HORIZON_MAX).map(|_| ()),
        EditTarget::GrowthRate => {
            let (min, max) = edit_range(target);
            if value < min || value > max {
                return Err(EditError::OutOfRange {
                    min,
                    max,
                    got: value,
                });
            }
            Ok(())
        }
    }
}

/// One difference between two scenarios.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A different view.
    View(Option<String>),
    /// A cell edited (`Some`) or an edit removed (`None`).
    Edit(CellRef, Option<Decimal>),
    /// A fill rule set or removed.
    Fill(SeriesKey, Option<FillRule>),
    /// Another exchange-rate mode.
    Fx(FxMode),
    /// Another display currency.
    Unit(DisplayUnit),
    /// Another headline year.
    Year(Option<i32>),
    /// Another headline partner.
    Partner(Option<Partner>),
    /// Another horizon.
    Horizon(Option<i32>),
    /// A growth assumption set or removed.
    Growth(SeriesKey, Option<Growth>),
    /// A goal seek set or removed.
    Seek(Option<Seek>),
    /// Made against another dataset.
    Dataset(Option<String>),
}

impl Change {
    /// A one-line description for a "what you changed" list.
    pub fn describe(&self, lang: Lang) -> String {
        let ko = lang == Lang::Ko;
        match self {
            Change::View(Some(v)) => {
                if ko {
                    format!("자료: {v}")
                } else {
                    format!("source: {v}")
                }
            }
            Change::View(None) => lang
                .pick("기본 자료로", "back to the default source")
                .into(),
            Change::Edit(c, Some(v)) => {
                if ko {
                    format!("{c} 값을 {v}(으)로 수정")
                } else {
                    format!("{c} set to {v}")
                }
            }
            Change::Edit(c, None) => {
                if ko {
                    format!("{c} 수정 취소")
                } else {
                    format!("{c} back to published")
                }
            }
            Change::Fill(s, Some(r)) => format!("{s}: {}", r.describe(lang)),
            Change::Fill(s, None) => {
                if ko {
                    format!("{s}: 빈 연도 채우지 않음")
                } else {
                    format!("{s}: gaps left as gaps")
                }
            }
            Change::Fx(FxMode::Average) => lang
                .pick("환율: 연평균", "exchange rate: annual averages")
                .into(),
            Change::Fx(FxMode::Fixed(r)) => {
                if ko {
                    format!("환율: 달러당 {r}원 고정")
                } else {
                    format!("exchange rate fixed at {r} won per dollar")
                }
            }
            Change::Unit(DisplayUnit::Won) => lang.pick("원화로 표시", "amounts in won").into(),
            Change::Unit(DisplayUnit::Usd) => lang.pick("달러로 표시", "amounts in dollars").into(),
            Change::Year(y) => match y {
                Some(y) => {
                    if ko {
                        format!("기준 연도 {y}")
                    } else {
                        format!("headline year {y}")
                    }
                }
                None => lang.pick("기본 기준 연도", "default headline year").into(),
            },
            Change::Partner(p) => match p {
                Some(p) => {
                    if ko {
                        format!("상대: {}", p.label(lang))
                    } else {
                        format!("partner: {}", p.label(lang))
                    }
                }
                None => lang.pick("기본 상대", "default partner").into(),
            },
            Change::Horizon(h) => {
                let h = h.unwrap_or(DEFAULT_HORIZON);
                if ko {
                    format!("전망 {h}년까지")
                } else {
                    format!("projected to {h}")
                }
            }
            Change::Growth(s, Some(g)) => format!("{s}: {}", g.describe(lang)),
            Change::Growth(s, None) => {
                if ko {
                    format!("{s}: 기본 성장 가정")
                } else {
                    format!("{s}: default growth")
                }
            }
            Change::Seek(Some(_)) => lang.pick("목표값 찾기 설정", "goal seek set").into(),
            Change::Seek(None) => lang.pick("목표값 찾기 없음", "no goal seek").into(),
            Change::Dataset(d) => {
                if ko {
                    format!("데이터: {}", d.as_deref().unwrap_or("내장"))
                } else {
                    format!("dataset: {}", d.as_deref().unwrap_or("embedded"))
                }
            }
        }
    }
}

fn diff_maps<K: Ord + Copy, V: PartialEq + Copy>(
    new: &SortedMap<K, V>,
    old: &SortedMap<K, V>,
    make: fn(K, Option<V>) -> Change,
    out: &mut Vec<Change>,
) {
    for (k, v) in new {
        if old.get(k) != Some(v) {
            out.push(make(*k, Some(*v)));
        }
    }
    for k in old.keys() {
        if !new.contains_key(k) {
            out.push(make(*k, None));
        }
    }
}

impl Scenario {
    /// Validates and records an edit of a cell.
    pub fn set_edit(&mut self, cell: CellRef, value: Decimal) -> Result<(), EditError> {
        validate_edit(EditTarget::Cell(cell), value)?;
        self.edits.insert(cell, value);
        Ok(())
    }

    /// Removes an edit, putting the published (or derived) value back.
    pub fn reset_edit(&mut self, cell: CellRef) {
        self.edits.remove(&cell);
        self.approximate.remove(&cell);
    }

    /// Whether the reader marked the edit of `cell` as approximate.
    pub fn is_approximate(&self, cell: CellRef) -> bool {
        self.edits.contains_key(&cell) && self.approximate.contains(&cell)
    }

    /// Validates and sets a fixed exchange rate.
    pub fn set_fixed_rate(&mut self, rate: Decimal) -> Result<(), EditError> {
        validate_edit(EditTarget::FixedRate, rate)?;
        self.fx = FxMode::Fixed(rate);
        Ok(())
    }

    /// Validates and sets the projection horizon.
    pub fn set_horizon(&mut self, year: i32) -> Result<(), EditError> {
        validate_edit(EditTarget::Horizon, Decimal::from(year))?;
        self.horizon = Some(year);
        Ok(())
    }

    /// Validates and sets a series' growth assumption (a fixed rate is range-checked).
    pub fn set_growth(&mut self, series: SeriesKey, growth: Growth) -> Result<(), EditError> {
        if let Growth::Fixed(rate) = growth {
            validate_edit(EditTarget::GrowthRate, rate)?;
        }
        self.growth.insert(series, growth);
        Ok(())
    }

    /// The horizon in force.
    pub fn horizon(&self) -> i32 {
        self.horizon.unwrap_or(DEFAULT_HORIZON)
    }

    /// What differs from `base` (usually `Scenario::default()`), in a stable order.
    pub fn diff(&self, base: &Scenario) -> Vec<Change> {
        let mut out = Vec::new();
        if self.dataset != base.dataset {
            out.push(Change::Dataset(self.dataset.clone()));
        }
        if self.view != base.view {
            out.push(Change::View(self.view.clone()));
        }
        diff_maps(&self.edits, &base.edits, Change::Edit, &mut out);
        diff_maps(&self.fills, &base.fills, Change::Fill, &mut out);
        if self.fx != base.fx {
            out.push(Change::Fx(self.fx));
        }
        if self.unit != base.unit {
            out.push(Change::Unit(self.unit));
        }
        if self.year != base.year {
            out.push(Change::Year(self.year));
        }
        if self.partner != base.partner {
            out.push(Change::Partner(self.partner));
        }
        if self.horizon != base.horizon {
            out.push(Change::Horizon(self.horizon));
        }
        diff_maps(&self.growth, &base.growth, Change::Growth, &mut out);
        if self.seek != base.seek {
            out.push(Change::Seek(self.seek));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).expect(s)
    }

    fn cell(s: &str) -> CellRef {
        s.parse().expect(s)
    }

    #[test]
    fn the_default_scenario_serialises_to_its_version_only() {
        assert_eq!(
            serde_json::to_string(&Scenario::default()).expect("text"),
            r#"{"v":1}"#,
            "compact default"
        );
        assert_eq!(
            serde_json::from_str::<Scenario>("{}").expect("empty"),
            Scenario::default(),
            "missing fields are defaults"
        );
    }

    #[test]
    fn scenarios_round_trip_through_json() {
        let mut s = Scenario {
            view: Some("kostat-revised".into()),
            year: Some(2024),
            partner: Some(Partner::China),
            ..Scenario::default()
        };
        s.set_edit(cell("sales.china[2021]"), d("3587000000000"))
            .expect("edit");
        s.fills
            .insert("sales.china".parse().expect("key"), FillRule::ChainGrowth);
        s.set_fixed_rate(d("1396")).expect("rate");
        s.unit = DisplayUnit::Usd;
        s.set_horizon(2040).expect("horizon");
        s.set_growth(
            "purchases.china".parse().expect("key"),
            Growth::Cagr {
                from: 2019,
                to: 2024,
            },
        )
        .expect("growth");
        s.seek = Some(Seek::Growth {
            series: "sales.china".parse().expect("key"),
            year: 2030,
            target: Decimal::ZERO,
        });
        let json = serde_json::to_string(&s).expect("text");
        assert_eq!(
            serde_json::from_str::<Scenario>(&json).expect("back"),
            s,
            "round trip of {json}"
        );
        assert!(json.contains(r#""fx":{"fixed":"1396"}"#), "fx in {json}");
    }

    #[test]
    fn edits_are_validated_with_messages_in_both_languages() {
        let cases: Vec<(EditTarget, &str, Result<(), EditError>)> = vec![
            (
                EditTarget::Cell(cell("purchases.all[2023]")),
                "-1",
                Err(EditError::Negative {
                    flow: Flow::Purchases,
                    measure: Measure::Won,
                    got: d("-1"),
                }),
            ),
            (EditTarget::Cell(cell("purchases.all[2023]")), "0", Ok(())),
            (
                EditTarget::Cell(cell("balance.all[2023]")),
                "-6003000000000",
                Ok(()),
            ),
            (
                EditTarget::Cell(cell("balance.all[2023]")),
                "10000000000000000000000000000",
                Err(EditError::OutOfRange {
                    min: -max_amount(),
                    max: max_amount(),
                    got: d("10000000000000000000000000000"),
                }),
            ),
            (
                EditTarget::FixedRate,
                "0",
                Err(EditError::NotPositive { got: d("0") }),
            ),
            (EditTarget::FixedRate, "1396", Ok(())),
            (
                EditTarget::Horizon,
                "2041",
                Err(EditError::OutOfRange {
                    min: d("2025"),
                    max: d("2040"),
                    got: d("2041"),
                }),
            ),
            (
                EditTarget::Horizon,
                "2030.5",
                Err(EditError::NotAYear { got: d("2030.5") }),
            ),
            (EditTarget::Horizon, "2040", Ok(())),
            (
                EditTarget::GrowthRate,
                "-99.5",
                Err(EditError::OutOfRange {
                    min: d("-99"),
                    max: d("1000"),
                    got: d("-99.5"),
                }),
            ),
            (EditTarget::GrowthRate, "1000", Ok(())),
            (
                EditTarget::Year,
                "1989",
                Err(EditError::OutOfRange {
                    min: d("1990"),
                    max: d("2040"),
                    got: d("1989"),
                }),
            ),
        ];
        for (target, value, want) in cases {
            let got = validate_edit(target, d(value));
            assert_eq!(got, want, "{target:?} = {value}");
            if let Err(e) = got {
                assert!(
                    !e.message(Lang::Ko).is_empty() && e.message(Lang::En).starts_with("expected"),
                    "messages for {e:?}"
                );
            }
        }
    }

    #[test]
    fn diff_lists_each_change_against_the_defaults() {
        let base = Scenario::default();
        let mut s = base.clone();
        assert!(s.diff(&base).is_empty(), "no changes");
        s.view = Some("kostat-first".into());
        s.set_edit(cell("purchases.china[2023]"), d("1"))
            .expect("edit");
        s.fx = FxMode::Fixed(d("1396"));
        let changes = s.diff(&base);
        assert_eq!(
            changes,
            vec![
                Change::View(Some("kostat-first".into())),
                Change::Edit(cell("purchases.china[2023]"), Some(d("1"))),
                Change::Fx(FxMode::Fixed(d("1396")))
            ],
            "changes"
        );
        assert_eq!(
            base.diff(&s)[1],
            Change::Edit(cell("purchases.china[2023]"), None),
            "reverse diff removes the edit"
        );
        let en: Vec<String> = changes.iter().map(|c| c.describe(Lang::En)).collect();
        assert_eq!(
            en,
            [
                "source: kostat-first",
                "purchases.china[2023] set to 1",
                "exchange rate fixed at 1396 won per dollar"
            ],
            "descriptions"
        );
    }
}
