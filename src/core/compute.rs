//! The one entry point the UI calls on every change: [`compute`].
//!
//! It never fails. A scenario value that is out of range (say, from a hand-edited link) is ignored
//! and listed in [`Computed::warnings`]; a figure that is missing leaves a gap; arithmetic that
//! overflows marks its cell; a claim that cannot be checked says why. The page always has something
//! honest to show.
//!
//! ```
//! use jikgu::core::{compute, Dataset, Scenario};
//! let data = Dataset::embedded().unwrap();
//! let out = compute(data, &Scenario::default());
//! assert_eq!(out.headline.year, 2025);
//! assert_eq!(out.claims.len(), 7);
//! ```

use super::arith::Arith;
use super::lang::quoted;
use std::fmt;

use rust_decimal::Decimal;

use super::claims::{ClaimResult, evaluate_claims};
use super::dataset::{Dataset, FigureKind, SourceValue};
use super::expr::{Ref, Resolve};
use super::lang::Lang;
use super::measure::{self, YearChange};
use super::scenario::{
    DisplayUnit, EditError, EditTarget, FxMode, Growth, Scenario, Seek, validate_edit,
};
use super::seek::{SeekIssue, SeekOutcome, solve};
use super::series::{CellRef, Flow, HORIZON_MAX, HORIZON_MIN, Partner, SeriesKey};
use super::table::{Provenance, Rates, Table, build_table};

/// Something in the scenario that was ignored or adjusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// The scenario names a view this dataset does not have; the default view is shown.
    UnknownView(String),
    /// The scenario was made for another dataset.
    OtherDataset(String),
    /// An edit was out of range and ignored.
    InvalidEdit(CellRef, EditError),
    /// An edit names a year outside the table.
    EditOutsideTable(CellRef),
    /// The horizon was out of range; the nearest allowed year is used.
    Horizon(i32),
    /// The fixed rate was invalid; annual averages are used.
    FixedRate(EditError),
    /// A growth assumption was invalid and ignored.
    Growth(SeriesKey, EditError),
    /// A fill rule's growth rate was invalid and ignored.
    Fill(SeriesKey, EditError),
}

impl Warning {
    /// A reader's explanation.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Warning::UnknownView(v), Lang::Ko) => {
                format!("자료 {}이(가) 없어 기본 자료를 보여 줍니다", quoted(v))
            }
            (Warning::UnknownView(v), Lang::En) => {
                format!(
                    "expected a source of this dataset, found {}; showing the default",
                    quoted(v)
                )
            }
            (Warning::OtherDataset(d), Lang::Ko) => format!("다른 데이터({d})용 설정입니다"),
            (Warning::OtherDataset(d), Lang::En) => {
                format!("this scenario was made for dataset {}", quoted(d))
            }
            (Warning::InvalidEdit(c, e), _) => format!("{c}: {}", e.message(lang)),
            (Warning::EditOutsideTable(c), Lang::Ko) => {
                format!("{c}: 표에 없는 연도라 무시했습니다")
            }
            (Warning::EditOutsideTable(c), Lang::En) => {
                format!("{c}: expected a year inside the table, ignored")
            }
            (Warning::Horizon(h), Lang::Ko) => {
                format!("전망 연도는 {HORIZON_MIN}~{HORIZON_MAX}년이어야 합니다 (입력: {h})")
            }
            (Warning::Horizon(h), Lang::En) => {
                format!("expected a horizon from {HORIZON_MIN} to {HORIZON_MAX}, found {h}")
            }
            (Warning::FixedRate(e), _) => e.message(lang),
            (Warning::Growth(s, e), _) | (Warning::Fill(s, e), _) => {
                format!("{s}: {}", e.message(lang))
            }
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// The balance the page leads with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline {
    /// The balance series (won) for the chosen partner.
    pub series: SeriesKey,
    /// The chosen year.
    pub year: i32,
    /// The currency of `value` and `previous`.
    pub unit: DisplayUnit,
    /// The balance in the display currency.
    pub value: Option<Decimal>,
    /// The balance in won.
    pub won: Option<Decimal>,
    /// The won-per-dollar rate used, when converting.
    pub rate: Option<Decimal>,
    /// Where the won figure came from.
    pub provenance: Provenance,
    /// The previous year's balance in the display currency.
    pub previous: Option<Decimal>,
    /// The change from the previous year (in the display currency).
    pub change: Option<YearChange>,
}

/// When the balance crosses zero in the projection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BreakEven {
    /// The first projected year on the other side of zero, and the balance then.
    Year {
        /// The year.
        year: i32,
        /// The balance in won.
        value: Decimal,
    },
    /// The balance stays on the same side of zero up to the horizon.
    NotWithinHorizon {
        /// The last projected year.
        horizon: i32,
    },
    /// No projection of the balance exists in this view (no base or no years to project).
    NoProjection,
}

/// Everything the page shows, recomputed from a dataset and a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Computed {
    /// Index of the view shown, in [`Dataset::views`].
    pub view: usize,
    /// The view's table, published years then projections.
    pub table: Table,
    /// The headline balance.
    pub headline: Headline,
    /// Each claim's verdict, in dataset order.
    pub claims: Vec<ClaimResult>,
    /// When the headline balance crosses zero.
    pub break_even: BreakEven,
    /// The scenario's goal seek, if it asks for one.
    pub seek: Option<SeekOutcome>,
    /// Every source's value for the headline series and year (before the reader's edits).
    pub sources: Vec<SourceValue>,
    /// Scenario values that were ignored or adjusted.
    pub warnings: Vec<Warning>,
}

/// Reads expression references from a computed table, the story's figures and the rates.
struct Lookup<'a> {
    dataset: &'a Dataset,
    table: &'a Table,
    rates: Rates<'a>,
}

impl Resolve for Lookup<'_> {
    fn resolve(&self, r: &Ref) -> Option<Decimal> {
        let stated = |c: &CellRef, kind: FigureKind| {
            let story = self.dataset.story_view()?;
            let pick = if kind == FigureKind::Level {
                story.level(c.series, c.year)
            } else {
                story.growth(c.series, c.year)
            }?;
            self.dataset.figure(pick.figure).map(|f| f.value)
        };
        match r {
            Ref::View(c) => self.table.value(*c),
            Ref::ViewYoy(c) => self
                .table
                .cell(*c)
                .and_then(|cell| cell.published_yoy)
                .map(|(v, _)| v),
            Ref::Stated(c) => stated(c, FigureKind::Level),
            Ref::StatedYoy(c) => stated(c, FigureKind::YoyPct),
            Ref::Fx(year) => self.rates.rate(*year),
        }
    }
}

/// Keeps only the valid parts of a scenario, listing what was dropped.
fn sanitise(
    dataset: &Dataset,
    scenario: &Scenario,
    warnings: &mut Vec<Warning>,
) -> (Scenario, i32) {
    let mut s = scenario.clone();
    if let Some(d) = &s.dataset {
        if *d != dataset.id {
            warnings.push(Warning::OtherDataset(d.clone()));
        }
    }
    let horizon = s.horizon();
    let clamped = horizon.clamp(HORIZON_MIN, HORIZON_MAX);
    if clamped != horizon {
        warnings.push(Warning::Horizon(horizon));
    }
    let (first, _) = dataset.years();
    s.edits.retain(|cell, value| {
        if cell.year < first || cell.year > clamped {
            warnings.push(Warning::EditOutsideTable(*cell));
            return false;
        }
        match validate_edit(EditTarget::Cell(*cell), *value) {
            Ok(()) => true,
            Err(e) => {
                warnings.push(Warning::InvalidEdit(*cell, e));
                false
            }
        }
    });
    if let FxMode::Fixed(rate) = s.fx {
        if let Err(e) = validate_edit(EditTarget::FixedRate, rate) {
            warnings.push(Warning::FixedRate(e));
            s.fx = FxMode::Average;
        }
    }
    s.growth.retain(|series, g| match g {
        Growth::Fixed(rate) => match validate_edit(EditTarget::GrowthRate, *rate) {
            Ok(()) => true,
            Err(e) => {
                warnings.push(Warning::Growth(*series, e));
                false
            }
        },
        Growth::Cagr { from, to } | Growth::Linear { from, to } => from < to,
        Growth::Damped | Growth::Flat => true,
    });
    s.fills.retain(|series, rule| match rule {
        super::scenario::FillRule::Growth(rate) => {
            match validate_edit(EditTarget::GrowthRate, *rate) {
                Ok(()) => true,
                Err(e) => {
                    warnings.push(Warning::Fill(*series, e));
                    false
                }
            }
        }
        _ => true,
    });
    (s, clamped)
}

/// Recomputes everything for a scenario. Fast enough to run on every keystroke (see the bench).
pub fn compute(dataset: &Dataset, scenario: &Scenario) -> Computed {
    let mut warnings = Vec::new();
    let (scenario, horizon) = sanitise(dataset, scenario, &mut warnings);
    let view = match &scenario.view {
        Some(id) => dataset.view_index(id).unwrap_or_else(|| {
            warnings.push(Warning::UnknownView(id.clone()));
            dataset.default_view()
        }),
        None => dataset.default_view(),
    };
    let rates = Rates {
        dataset,
        mode: scenario.fx,
    };
    let table = build_table(dataset, view, &scenario, rates, horizon);

    let year = scenario.year.unwrap_or_else(|| dataset.default_year());
    let partner = scenario
        .partner
        .unwrap_or_else(|| dataset.default_partner());
    let headline = headline(
        &table,
        rates,
        SeriesKey::won(Flow::Balance, partner),
        year,
        scenario.unit,
    );
    let lookup = Lookup {
        dataset,
        table: &table,
        rates,
    };
    let claims = evaluate_claims(dataset.claims(), &lookup);
    let break_even = break_even(&table, SeriesKey::won(Flow::Balance, partner));
    let seek = scenario.seek.map(|s| run_seek(&table, s));
    let sources = dataset.compare(headline.series, year);
    Computed {
        view,
        table,
        headline,
        claims,
        break_even,
        seek,
        sources,
        warnings,
    }
}

fn headline(
    table: &Table,
    rates: Rates<'_>,
    series: SeriesKey,
    year: i32,
    unit: DisplayUnit,
) -> Headline {
    let cell = table.cell(series.at(year));
    let won = cell.and_then(|c| c.value);
    let previous_won = year.checked_sub(1).and_then(|y| table.value(series.at(y)));
    let in_unit = |won: Option<Decimal>, y: i32| match unit {
        DisplayUnit::Won => won,
        DisplayUnit::Usd => won
            .zip(rates.rate(y))
            .and_then(|(w, r)| measure::to_usd(w, r).ok()),
    };
    let value = in_unit(won, year);
    let previous = year.checked_sub(1).and_then(|y| in_unit(previous_won, y));
    let change = value
        .zip(previous)
        .and_then(|(v, p)| measure::year_change(p, v));
    Headline {
        series,
        year,
        unit,
        value,
        won,
        rate: if unit == DisplayUnit::Usd {
            rates.rate(year)
        } else {
            None
        },
        provenance: cell.map_or(Provenance::Gap, |c| c.provenance.clone()),
        previous,
        change,
    }
}

fn break_even(table: &Table, series: SeriesKey) -> BreakEven {
    let last = table.last_published_year;
    let Some(row) = table.row(series) else {
        return BreakEven::NoProjection;
    };
    let start = table
        .years()
        .zip(&row.cells)
        .filter(|(y, c)| *y <= last && c.value.is_some())
        .last()
        .and_then(|(_, c)| c.value);
    let Some(start) = start else {
        return BreakEven::NoProjection;
    };
    let mut projected_any = false;
    for (year, cell) in table.years().zip(&row.cells).filter(|(y, _)| *y > last) {
        let Some(v) = cell.value else { continue };
        projected_any = true;
        let crossed = if start.is_sign_negative() {
            v >= Decimal::ZERO
        } else {
            v < Decimal::ZERO
        };
        if crossed && !start.is_zero() {
            return BreakEven::Year { year, value: v };
        }
    }
    if projected_any {
        BreakEven::NotWithinHorizon {
            horizon: table.last_year,
        }
    } else {
        BreakEven::NoProjection
    }
}

/// The tolerance of a seek on its input: a millionth of a percentage point, or of a won per dollar.
fn tolerance() -> Decimal {
    Decimal::new(1, 6)
}

/// Runs a goal seek on the computed table. A growth seek keeps the other flow at its projection
/// and regrows only the chosen flow, so each trial costs one compounding, not a whole table.
fn run_seek(table: &Table, seek: Seek) -> SeekOutcome {
    match seek {
        Seek::Growth {
            series,
            year,
            target,
        } => {
            if series.flow == Flow::Balance {
                return SeekOutcome::Unavailable(SeekIssue::NotAFlow(series));
            }
            if year <= table.last_published_year || year > table.last_year {
                return SeekOutcome::Unavailable(SeekIssue::NotProjected(year));
            }
            let Some(base) = table
                .row(series)
                .and_then(|r| r.projection)
                .and_then(|p| p.base)
            else {
                return SeekOutcome::Unavailable(SeekIssue::NoBase(series));
            };
            let Some(base_value) = table.value(base) else {
                return SeekOutcome::Unavailable(SeekIssue::NoBase(series));
            };
            let other = series.with_flow(if series.flow == Flow::Sales {
                Flow::Purchases
            } else {
                Flow::Sales
            });
            let Some(other_value) = table.value(other.at(year)) else {
                return SeekOutcome::Unavailable(SeekIssue::NoOtherFlow(other));
            };
            let steps = i64::from(year.saturating_sub(base.year));
            let is_sales = series.flow == Flow::Sales;
            let f = |rate: Decimal| {
                let grown = measure::grow(base_value, rate, steps).ok()?;
                if is_sales {
                    grown.minus(other_value)
                } else {
                    other_value.minus(grown)
                }
            };
            solve(
                f,
                Decimal::from(super::scenario::GROWTH_MIN),
                Decimal::from(super::scenario::GROWTH_MAX),
                target,
                tolerance(),
            )
        }
        Seek::Rate {
            partner,
            year,
            target,
        } => {
            let series = SeriesKey::won(Flow::Balance, partner);
            let Some(won) = table.value(series.at(year)) else {
                return SeekOutcome::Unavailable(SeekIssue::NoBalance(series, year));
            };
            let f = |rate: Decimal| measure::to_usd(won, rate).ok();
            solve(f, Decimal::ONE, Decimal::from(100_000), target, tolerance())
        }
    }
}

/// Which partners have a balance in a computed table (for a partner picker).
pub fn partners_with_balance(table: &Table) -> Vec<Partner> {
    table
        .rows
        .iter()
        .filter(|r| {
            r.series.flow == Flow::Balance && r.series.measure == super::series::Measure::Won
        })
        .map(|r| r.series.partner)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::MathematicalOps;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).expect(s)
    }

    fn tn(s: &str) -> Decimal {
        d(s) * Decimal::from(1_000_000_000_000_i64)
    }

    fn data() -> &'static Dataset {
        crate::core::dataset::fixture_2026_11_28()
    }

    #[test]
    fn the_default_headline_is_kieps_2023_deficit() {
        let out = compute(data(), &Scenario::default());
        assert_eq!(
            data().views()[out.view].id,
            "kiep-2025-07-02",
            "default view"
        );
        assert_eq!(
            (out.headline.year, out.headline.won),
            (2023, Some(tn("-6.003"))),
            "headline"
        );
        assert!(
            matches!(
                out.headline.provenance,
                Provenance::Published {
                    approximate: false,
                    ..
                }
            ),
            "published"
        );
        assert!(out.warnings.is_empty(), "no warnings: {:?}", out.warnings);
        assert!(out.sources.len() >= 5, "sources side by side");
    }

    #[test]
    fn headline_in_dollars_with_year_on_year() {
        let s = Scenario {
            view: Some("kostat-revised".into()),
            unit: DisplayUnit::Usd,
            ..Scenario::default()
        };
        let out = compute(data(), &s);
        let h = &out.headline;
        assert_eq!(h.rate, Some(d("1306")), "2023 rate");
        assert_eq!(
            h.value
                .map(|v| measure::round_for_display(v / d("1000000000"), 3)),
            Some(d("-3.817")),
            "−4.985 tn at 1,306"
        );
        assert_eq!(
            h.previous
                .map(|v| measure::round_for_display(v / d("1000000000"), 3)),
            Some(d("-3.165")),
            "−4.089 tn at 1,292"
        );
        assert!(
            h.change.is_some_and(|c| c.abs < Decimal::ZERO),
            "deficit deepened"
        );
    }

    #[test]
    fn break_even_and_goal_seeks() {
        let mut s = Scenario {
            view: Some("kostat-revised".into()),
            partner: Some(Partner::All),
            ..Scenario::default()
        };
        s.set_growth("purchases.all".parse().expect("k"), Growth::Fixed(d("0")))
            .expect("g");
        s.set_growth("sales.all".parse().expect("k"), Growth::Fixed(d("30")))
            .expect("g");
        let out = compute(data(), &s);
        // Sales 1.7225 × 1.3^n against flat purchases of 7.9583: 1.3^6 = 4.83 → 8.32 tn in 2030.
        assert_eq!(
            out.break_even,
            BreakEven::Year {
                year: 2030,
                value: d("1.7225") * d("1.3").powi(6) * d("1000000000000") - tn("7.9583")
            },
            "break-even"
        );

        s.growth.clear();
        s.seek = Some(Seek::Growth {
            series: "sales.all".parse().expect("k"),
            year: 2030,
            target: Decimal::ZERO,
        });
        let out = compute(data(), &s);
        let Some(SeekOutcome::Solved {
            value, achieved, ..
        }) = out.seek
        else {
            panic!("seek: {:?}", out.seek)
        };
        // Purchases follow their 2014–2024 CAGR (17.06 %) to 2030; sales must match them.
        let purchases_2030 = out
            .table
            .value("purchases.all[2030]".parse().expect("c"))
            .expect("projected");
        let need = measure::cagr(tn("1.7225"), purchases_2030, d("6")).expect("cagr");
        assert_eq!(
            value.round_dp(4),
            need.round_dp(4),
            "growth that closes the gap"
        );
        assert!(
            achieved.abs() < tn("0.000001"),
            "balance near zero: {achieved}"
        );

        let s = Scenario {
            seek: Some(Seek::Rate {
                partner: Partner::All,
                year: 2023,
                target: d("-4300000000"),
            }),
            ..Scenario::default()
        };
        let Some(SeekOutcome::Solved { value, .. }) = compute(data(), &s).seek else {
            panic!("rate seek")
        };
        assert_eq!(
            measure::round_for_display(value, 1),
            d("1396.0"),
            "the rate the story's dollar figure implies"
        );

        let s = Scenario {
            seek: Some(Seek::Rate {
                partner: Partner::All,
                year: 2023,
                target: d("4300000000"),
            }),
            ..Scenario::default()
        };
        assert!(
            matches!(
                compute(data(), &s).seek,
                Some(SeekOutcome::NoSolution { .. })
            ),
            "a deficit never equals a surplus"
        );
        let s = Scenario {
            seek: Some(Seek::Growth {
                series: "balance.all".parse().expect("k"),
                year: 2030,
                target: Decimal::ZERO,
            }),
            ..Scenario::default()
        };
        assert!(
            matches!(
                compute(data(), &s).seek,
                Some(SeekOutcome::Unavailable(SeekIssue::NotAFlow(_)))
            ),
            "balance is not a flow"
        );
        // From KOSTAT's 2019 base, 1,000 % a year to 2035 overflows: the range is pulled in, not abandoned.
        let s = Scenario {
            view: Some("kostat-revised".into()),
            horizon: Some(2035),
            seek: Some(Seek::Growth {
                series: "sales.china".parse().expect("k"),
                year: 2035,
                target: Decimal::ZERO,
            }),
            ..Scenario::default()
        };
        assert!(
            matches!(compute(data(), &s).seek, Some(SeekOutcome::Solved { .. })),
            "solved: {:?}",
            compute(data(), &s).seek
        );
    }

    #[test]
    fn invalid_scenario_values_become_warnings() {
        let mut s = Scenario {
            view: Some("nope".into()),
            horizon: Some(2100),
            fx: FxMode::Fixed(d("-1")),
            ..Scenario::default()
        };
        s.edits
            .insert("purchases.all[2023]".parse().expect("c"), d("-5"));
        s.edits
            .insert("purchases.all[2090]".parse().expect("c"), d("5"));
        s.growth
            .insert("sales.all".parse().expect("k"), Growth::Fixed(d("5000")));
        let out = compute(data(), &s);
        assert_eq!(out.warnings.len(), 6, "{:?}", out.warnings);
        assert_eq!(out.table.last_year, 2040, "horizon clamped");
        for w in &out.warnings {
            assert!(
                !w.message(Lang::Ko).is_empty() && !w.message(Lang::En).is_empty(),
                "{w:?}"
            );
        }
    }
}
