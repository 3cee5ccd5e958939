//! Uncertainty ranges of every projected value, by a seeded, deterministic Monte Carlo.
//!
//! Each row projected on its own (see [`crate::core::build_table`]) strays from its central path by
//! its own error model ([`Spread`]): the fitted damped trend's one-step errors for the default
//! method, each kept in the level (α = 1, so a range widens at least as σ√h; see
//! [`crate::core::forecast`]), a random walk with the spread of the row's history otherwise. [`PATHS`] paths are drawn
//! from [`SplitMix64`] seeded with [`SEED`], rows in table order, so the same scenario always gives
//! the same ranges. Every path then goes through the same identities as the central projection:
//! partners as shares of their totals (each partner's log-ratio to the rest of the world strays by
//! the errors of its own damped trend, and the shares are taken again from the strayed ratios, so
//! the central path is the path with no error), balances as sales − purchases, a total published
//! without flows as its partners plus the rest of the world. The ranges of balances and dollars are
//! therefore those of the flows they come from, not guesses of their own.
//!
//! A range is the 10th–90th percentile of the paths (80 %) and the 2.5th–97.5th (95 %), widened
//! where needed to contain the central value (the central path is the model's point forecast,
//! which a sample's percentile can miss by a hair).
//!
//! This is far costlier than a recompute (a thousand tables' worth of projection), so it is not
//! part of [`crate::core::compute`]: the page calls [`simulate`] after the first paint of a change,
//! memoised on the scenario, and the central figures never wait for it. Its cost is in
//! `benches/recompute.rs` ("ranges: …").
//!
//! ```
//! use jikgu::core::{compute, Dataset, Scenario, ranges};
//! let data = Dataset::embedded().unwrap();
//! let s = Scenario { view: Some("kostat-revised".into()), ..Scenario::default() };
//! let out = compute(data, &s);
//! let r = ranges::simulate(data, &s, &out.table);
//! let band = r.band("balance.all[2030]".parse().unwrap()).unwrap();
//! let central = out.table.value("balance.all[2030]".parse().unwrap()).unwrap();
//! assert!(band.lo95 <= band.lo80 && band.lo80 <= central && central <= band.hi80);
//! ```

use rust_decimal::Decimal;

use super::dataset::Dataset;
use super::forecast::{self, Drift, SplitMix64};
pub use super::forecast::{PATHS, SEED};
use super::lang::Lang;
use super::measure;
use super::num::{Quantity, Style, format};
use super::projection::parts_of;
use super::scenario::{DisplayUnit, Scenario};
use super::series::{CellRef, Flow, Measure, Partner, SeriesKey};
use super::table::{Projection, Provenance, Rates, Row, Spread, Table, index};

/// The 80 % and 95 % range of one projected value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    /// 2.5th percentile.
    pub lo95: Decimal,
    /// 10th percentile.
    pub lo80: Decimal,
    /// 90th percentile.
    pub hi80: Decimal,
    /// 97.5th percentile.
    pub hi95: Decimal,
}

impl Band {
    /// The band divided by a won-per-dollar rate (dollars from won).
    pub fn to_usd(self, rate: Decimal) -> Option<Band> {
        let f = |v: Decimal| measure::to_usd(v, rate).ok();
        Some(Band {
            lo95: f(self.lo95)?,
            lo80: f(self.lo80)?,
            hi80: f(self.hi80)?,
            hi95: f(self.hi95)?,
        })
    }
}

/// The ranges of one row, one entry per year of the table (`None` outside the projection).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowRanges {
    /// Which series.
    pub series: SeriesKey,
    /// Per year: the band in the row's measure.
    pub bands: Vec<Option<Band>>,
    /// Per year: the band in the display currency (won rows in dollars when asked).
    pub display: Vec<Option<Band>>,
    /// For a balance: per year, how many paths have crossed zero by then (from the sign of its last
    /// known value).
    pub crossed_by: Vec<u32>,
}

/// Every range of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranges {
    /// Paths simulated.
    pub paths: usize,
    /// The generator's seed.
    pub seed: u64,
    /// First year of [`RowRanges::bands`] (the table's first column).
    pub first_year: i32,
    /// One per table row, in the same order.
    pub rows: Vec<RowRanges>,
}

impl Ranges {
    /// Whether ranges simulated for `made_for` can stand in for `now`'s while `now`'s are being
    /// simulated: the same view, currency, years and series, so every band lands on the cell it
    /// was made for (only the figures differ, by the reader's last change). A new view, horizon or
    /// currency shows no ranges until its own are ready.
    pub fn carry_over(made_for: &Table, now: &Table) -> bool {
        made_for.view == now.view
            && made_for.unit == now.unit
            && made_for.first_year == now.first_year
            && made_for.last_published_year == now.last_published_year
            && made_for.last_year == now.last_year
            && made_for.rows.len() == now.rows.len()
            && made_for
                .rows
                .iter()
                .zip(&now.rows)
                .all(|(a, b)| a.series == b.series)
    }

    /// The band of a cell, in its measure.
    pub fn band(&self, at: CellRef) -> Option<Band> {
        let i = index(self.first_year, at.year)?;
        self.row(at.series)?.bands.get(i).copied().flatten()
    }

    /// The band of a cell in the display currency.
    pub fn display_band(&self, at: CellRef) -> Option<Band> {
        let i = index(self.first_year, at.year)?;
        self.row(at.series)?.display.get(i).copied().flatten()
    }

    /// A row's ranges.
    pub fn row(&self, series: SeriesKey) -> Option<&RowRanges> {
        self.rows
            .binary_search_by(|r| r.series.cmp(&series))
            .ok()
            .and_then(|i| self.rows.get(i))
    }

    /// How many of the paths have the balance `at.series` on the other side of zero by `at.year`.
    pub fn crossed_by(&self, at: CellRef) -> Option<u32> {
        let i = index(self.first_year, at.year)?;
        self.row(at.series)?.crossed_by.get(i).copied()
    }
}

/// How a row's projected years are made in every path.
#[derive(Debug, Clone)]
enum Rule {
    /// Not projected (or published only).
    None,
    /// Its own central path, strayed from by its drift.
    Own { drift: Drift, log: bool },
    /// Sales − purchases (row indices).
    FromFlows { sales: usize, purchases: usize },
    /// Named partners' balances plus a remainder strayed from by its own drift (on levels: a
    /// balance can change sign).
    Parts { parts: Vec<usize>, drift: Drift },
}

fn to_drift(s: &Spread) -> Option<Drift> {
    Some(Drift {
        alpha: forecast::to_f64(s.alpha)?,
        beta: forecast::to_f64(s.beta)?,
        phi: forecast::to_f64(s.phi)?,
        sigma: forecast::to_f64(s.sigma)?,
    })
}

/// A simulated value of row `r` in year `k` of the paths' table, NaN where there is none.
fn sim(out: &[Vec<f64>], r: usize, k: usize) -> f64 {
    out.get(r)
        .and_then(|o| o.get(k))
        .copied()
        .unwrap_or(f64::NAN)
}

fn find(rows: &[Row], key: SeriesKey) -> Option<usize> {
    rows.binary_search_by(|r| r.series.cmp(&key)).ok()
}

/// The plan of a simulation: per row, its rule and the central values it strays from.
struct Plan {
    rules: Vec<Rule>,
    /// Per row, per projected year: the central value (NaN: none).
    central: Vec<Vec<f64>>,
    /// Per row, per projected year: the value is the reader's (edited) and does not move.
    fixed: Vec<Vec<bool>>,
    /// Per row, per projected year: the value is a share of its total (`core::shares`); its
    /// path, strayed on logs, is its weight against the rest of the world's central value.
    shares: Vec<Vec<bool>>,
    /// The flow totals with their partners.
    totals: Vec<(usize, Vec<usize>)>,
}

fn plan(table: &Table) -> Plan {
    let rows = &table.rows;
    let last = table.last_published_year;
    let years: Vec<usize> = (last.saturating_add(1)..=table.last_year)
        .filter_map(|y| index(table.first_year, y))
        .collect();
    let mut rules = Vec::with_capacity(rows.len());
    let mut central = Vec::with_capacity(rows.len());
    let mut fixed = Vec::with_capacity(rows.len());
    let mut shares = Vec::with_capacity(rows.len());
    for row in rows {
        let rule = rule_of(rows, row);
        let mut c = Vec::with_capacity(years.len());
        let mut f = Vec::with_capacity(years.len());
        let mut sh = Vec::with_capacity(years.len());
        for &i in &years {
            let cell = row.cells.get(i);
            let value = cell.and_then(|c| c.value).and_then(forecast::to_f64);
            let provenance = cell.map(|c| &c.provenance);
            c.push(value.unwrap_or(f64::NAN));
            f.push(!matches!(provenance, Some(Provenance::Projected { .. })));
            sh.push(matches!(
                provenance,
                Some(Provenance::Projected {
                    method: Projection::Share { .. },
                    ..
                })
            ));
        }
        shares.push(sh);
        // A remainder's central path: the total less its partners, both central.
        if let Rule::Parts { parts, .. } = &rule {
            for (k, &i) in years.iter().enumerate() {
                let named: f64 = parts
                    .iter()
                    .map(|p| {
                        rows.get(*p)
                            .and_then(|r| r.cells.get(i))
                            .and_then(|c| c.value)
                            .and_then(forecast::to_f64)
                            .unwrap_or(f64::NAN)
                    })
                    .sum();
                if let (Some(slot), Some(false)) = (c.get_mut(k), f.get(k)) {
                    *slot -= named;
                }
            }
        }
        rules.push(rule);
        central.push(c);
        fixed.push(f);
    }
    let totals: Vec<(usize, Vec<usize>)> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.series.flow != Flow::Balance && r.series.partner == Partner::All)
        .map(|(t, r)| (t, parts_of(rows, r.series)))
        .collect();
    Plan {
        rules,
        central,
        fixed,
        shares,
        totals,
    }
}

/// How a row's projected years are made in every path.
fn rule_of(rows: &[Row], row: &Row) -> Rule {
    let s = row.series;
    let usable = row
        .projection
        .filter(|p| p.stale.is_none() && p.issue.is_none());
    let own = usable.and_then(|p| p.spread.as_ref().and_then(to_drift).map(|d| (p, d)));
    // A share's log-ratio strays by the errors of its damped trend, or, held, as the row's own
    // level would.
    let share = usable.and_then(|p| {
        let share = p.share?;
        share.spread.or(p.spread).as_ref().and_then(to_drift)
    });
    let flows = (
        find(rows, s.with_flow(Flow::Sales)),
        find(rows, s.with_flow(Flow::Purchases)),
    );
    match (s.flow, flows, own, share) {
        (Flow::Balance, (Some(sales), Some(purchases)), _, _) => {
            Rule::FromFlows { sales, purchases }
        }
        (_, _, _, Some(drift)) => Rule::Own { drift, log: true },
        (_, _, Some((p, drift)), _) if p.remainder => Rule::Parts {
            parts: parts_of(rows, s),
            drift,
        },
        (_, _, Some((p, drift)), _) => Rule::Own {
            drift,
            log: p.spread.is_some_and(|s| s.log),
        },
        _ => Rule::None,
    }
}

/// One path: every row's projected values, `out[row][year]`, by the plan and its random draws.
fn path(plan: &Plan, rng: &mut SplitMix64, deviation: &mut [f64], out: &mut [Vec<f64>]) {
    evaluate(plan, &mut |_, drift, d| drift.path(rng, d), deviation, out);
}

/// Every row's projected values given each own-projected row's deviations, which `deviate`
/// writes (row index, its drift, the deviations to fill): random for a path, fixed for a
/// sensitivity.
fn evaluate(
    plan: &Plan,
    deviate: &mut dyn FnMut(usize, &Drift, &mut [f64]),
    deviation: &mut [f64],
    out: &mut [Vec<f64>],
) {
    stray_own(plan, deviate, deviation, out);
    let years = deviation.len();
    shares_of_totals(plan, years, out);
    derive_rows(plan, years, out);
}

/// The rows projected by their own assumption, each strayed from its central path by the
/// deviations `deviate` writes; cells the reader fixed, and rows made otherwise, stay central.
fn stray_own(
    plan: &Plan,
    deviate: &mut dyn FnMut(usize, &Drift, &mut [f64]),
    deviation: &mut [f64],
    out: &mut [Vec<f64>],
) {
    let strayed = |central: f64, d: f64, log: bool| {
        if log { central * d.exp() } else { central + d }
    };
    // Own projections, rows in table order (the draws' order is part of the seed's meaning).
    for (r, rule) in plan.rules.iter().enumerate() {
        let (Some(o), Some(c), Some(fx)) = (out.get_mut(r), plan.central.get(r), plan.fixed.get(r))
        else {
            continue;
        };
        match rule {
            Rule::Own { drift, log } => {
                deviate(r, drift, deviation);
                for (((slot, central), d), fixed) in o.iter_mut().zip(c).zip(&*deviation).zip(fx) {
                    *slot = if *fixed {
                        *central
                    } else {
                        strayed(*central, *d, *log)
                    };
                }
            }
            Rule::Parts { drift, .. } => {
                deviate(r, drift, deviation);
                for (((slot, central), d), fixed) in o.iter_mut().zip(c).zip(&*deviation).zip(fx) {
                    *slot = if *fixed { *central } else { central + d };
                }
            }
            _ => o.copy_from_slice(c),
        }
    }
}

/// Partners as shares of their totals, as in `core::shares`, for each of the `years`: what the
/// other partners leave of the total's path, divided among the shares by their strayed values
/// (e^deviation times the central, so e^(z + deviation) in units of the rest's) and the rest of
/// the world by its central value. With no deviation each gets its central value back. Where
/// the reader's partners fill the total, the model's get nothing and a projected total rises to
/// them.
fn shares_of_totals(plan: &Plan, years: usize, out: &mut [Vec<f64>]) {
    let is_share = |p: usize, k: usize| {
        plan.shares
            .get(p)
            .and_then(|s| s.get(k))
            .copied()
            .unwrap_or(false)
    };
    for (t, parts) in &plan.totals {
        for k in 0..years {
            let total = sim(out, *t, k);
            if total.is_nan() || !parts.iter().any(|p| is_share(*p, k)) {
                continue;
            }
            let (mut fixed, mut weights, mut rest) = (0.0, 0.0, sim(&plan.central, *t, k));
            for p in parts {
                let (v, c) = (sim(out, *p, k), sim(&plan.central, *p, k));
                if !c.is_nan() {
                    rest -= c;
                }
                match (is_share(*p, k), v.is_nan()) {
                    (true, _) => weights += v,
                    (false, false) => fixed += v,
                    (false, true) => {}
                }
            }
            let room = (total - fixed).max(0.0);
            let total_fixed = plan
                .fixed
                .get(*t)
                .and_then(|f| f.get(k))
                .copied()
                .unwrap_or(true);
            if let (false, true, Some(slot)) = (
                total_fixed,
                room <= 0.0,
                out.get_mut(*t).and_then(|o| o.get_mut(k)),
            ) {
                *slot = fixed;
            }
            let denominator = weights + rest.max(0.0);
            for p in parts.iter().filter(|p| is_share(**p, k)) {
                if let Some(slot) = out.get_mut(*p).and_then(|o| o.get_mut(k)) {
                    *slot = if denominator > 0.0 {
                        room * *slot / denominator
                    } else {
                        0.0
                    };
                }
            }
        }
    }
}

/// Rows made from others, for each of the `years`: balances from their flows, then totals from
/// their partners (partners first: table order puts a partner's balance after the total's, so two
/// passes).
fn derive_rows(plan: &Plan, years: usize, out: &mut [Vec<f64>]) {
    for pass in 0..2 {
        for (r, rule) in plan.rules.iter().enumerate() {
            let fixed = |k: usize| {
                plan.fixed
                    .get(r)
                    .and_then(|f| f.get(k))
                    .copied()
                    .unwrap_or(true)
            };
            match (pass, rule) {
                (0, Rule::FromFlows { sales, purchases }) => {
                    for k in 0..years {
                        let s = out.get(*sales).and_then(|o| o.get(k)).copied();
                        let p = out.get(*purchases).and_then(|o| o.get(k)).copied();
                        if let (false, Some(s), Some(p), Some(slot)) =
                            (fixed(k), s, p, out.get_mut(r).and_then(|o| o.get_mut(k)))
                        {
                            *slot = s - p;
                        }
                    }
                }
                (1, Rule::Parts { parts, .. }) => {
                    for k in 0..years {
                        let named: f64 = parts.iter().map(|p| sim(out, *p, k)).sum();
                        if let (false, Some(slot)) =
                            (fixed(k), out.get_mut(r).and_then(|o| o.get_mut(k)))
                        {
                            *slot += named;
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// The 80 % and 95 % ranges of every projected value of `table` (built from `scenario`), and how
/// often each balance crosses zero. Deterministic: [`PATHS`] paths from [`SEED`].
pub fn simulate(dataset: &Dataset, scenario: &Scenario, table: &Table) -> Ranges {
    let plan = plan(table);
    let last = table.last_published_year;
    let horizon = plan.central.first().map_or(0, Vec::len);
    let n_rows = table.rows.len();
    let mut rng = SplitMix64::new(SEED);
    let mut deviation = vec![0.0_f64; horizon];
    let mut out: Vec<Vec<f64>> = vec![vec![f64::NAN; horizon]; n_rows];
    // samples[row][year * PATHS + path]
    let mut samples: Vec<Vec<f64>> = vec![Vec::with_capacity(horizon * PATHS); n_rows];
    for s in &mut samples {
        s.resize(horizon * PATHS, f64::NAN);
    }
    // Balances: the sign each path must leave to count as crossing.
    let starts: Vec<Option<bool>> = table
        .rows
        .iter()
        .map(|row| {
            if row.series.flow != Flow::Balance {
                return None;
            }
            let take = index(table.first_year, last).map_or(0, |e| e + 1);
            let v = row.cells.iter().take(take).rev().find_map(|c| c.value)?;
            (!v.is_zero()).then_some(v.is_sign_negative())
        })
        .collect();
    let mut crossed: Vec<Vec<u32>> = vec![vec![0; horizon]; n_rows];
    for p in 0..PATHS {
        path(&plan, &mut rng, &mut deviation, &mut out);
        for (r, values) in out.iter().enumerate() {
            if let Some(s) = samples.get_mut(r) {
                for (k, v) in values.iter().enumerate() {
                    if let Some(slot) = s.get_mut(k * PATHS + p) {
                        *slot = *v;
                    }
                }
            }
            if let (Some(Some(negative)), Some(c)) = (starts.get(r), crossed.get_mut(r)) {
                if let Some(k) = values
                    .iter()
                    .position(|v| if *negative { *v >= 0.0 } else { *v < 0.0 })
                {
                    for slot in c.iter_mut().skip(k) {
                        *slot += 1;
                    }
                }
            }
        }
    }
    let rates = Rates {
        dataset,
        mode: scenario.fx,
    };
    let width = index(table.first_year, table.last_year).map_or(0, |i| i + 1);
    let offset = index(table.first_year, last.saturating_add(1)).unwrap_or(width);
    let rows = table
        .rows
        .iter()
        .zip(samples.iter_mut())
        .zip(crossed)
        .map(|((row, s), c)| {
            let mut bands = vec![None; width];
            let mut display = vec![None; width];
            let mut crossed_by = vec![0; width];
            let dp = 0;
            for k in 0..horizon {
                let i = offset + k;
                let central = row.cells.get(i).and_then(|c| c.value);
                let fixed = row
                    .cells
                    .get(i)
                    .is_some_and(|c| !matches!(c.provenance, Provenance::Projected { .. }));
                let band = match (central, fixed, s.get_mut(k * PATHS..(k + 1) * PATHS)) {
                    (Some(central), false, Some(values)) => band_of(values, central, dp),
                    _ => None,
                };
                if let Some(slot) = bands.get_mut(i) {
                    *slot = band;
                }
                let converted = match (band, row.series.measure, scenario.unit) {
                    (Some(b), Measure::Won, DisplayUnit::Usd) => {
                        let year = table
                            .first_year
                            .saturating_add(i32::try_from(i).unwrap_or(0));
                        rates.rate(year).and_then(|r| b.to_usd(r))
                    }
                    (b, _, _) => b,
                };
                if let Some(slot) = display.get_mut(i) {
                    *slot = converted;
                }
                if let (Some(slot), Some(n)) = (crossed_by.get_mut(i), c.get(k)) {
                    *slot = *n;
                }
            }
            RowRanges {
                series: row.series,
                bands,
                display,
                crossed_by,
            }
        })
        .collect();
    Ranges {
        paths: PATHS,
        seed: SEED,
        first_year: table.first_year,
        rows,
    }
}

/// The band of one cell's paths, containing its central value.
fn band_of(values: &mut [f64], central: Decimal, dp: u32) -> Option<Band> {
    if values.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let q = |values: &mut [f64], p: f64| {
        forecast::quantile(values, p).and_then(|v| forecast::to_decimal(v, dp))
    };
    let lo95 = q(values, 0.025)?;
    let lo80 = q(values, 0.10)?;
    let hi80 = q(values, 0.90)?;
    let hi95 = q(values, 0.975)?;
    let lo80 = lo80.min(central);
    let hi80 = hi80.max(central);
    Some(Band {
        lo95: lo95.min(lo80),
        lo80,
        hi80,
        hi95: hi95.max(hi80),
    })
}

/// How often a balance changes sign by a year, over the simulated paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chance {
    /// The year counted up to (the horizon).
    pub by: i32,
    /// Paths on the other side of zero at some year up to `by`.
    pub crossed: u32,
    /// Paths simulated.
    pub paths: u32,
    /// The balance starts in deficit, so crossing means turning positive.
    pub to_surplus: bool,
    /// The balance or a flow behind it is held at its last level for want of published years:
    /// its spread is assumed, not measured ([`forecast::SIGMA_UNKNOWN`] with one figure), and the
    /// share says how little one or two years tell, not where the trend goes.
    pub assumed: bool,
}

impl Chance {
    /// The share in whole per cent (at least 1 when any path crossed, at most 99 when not all did).
    pub fn percent(&self) -> u32 {
        if self.paths == 0 {
            return 0;
        }
        let pct = (self.crossed * 100 + self.paths / 2) / self.paths;
        match (self.crossed, pct) {
            (0, _) => 0,
            (_, 0) => 1,
            (c, 100) if c < self.paths => 99,
            (_, p) => p,
        }
    }

    /// "The balance with China turns positive by 2030 in 12 % of 1,000 simulated paths", or "in
    /// none", in a language; `whose` is the balance's name ("The balance with China").
    pub fn describe(&self, whose: &str, lang: Lang) -> String {
        let caveat = match (self.assumed, lang) {
            (false, _) => "",
            (true, Lang::Ko) => {
                " 다만 마지막 값을 유지한 계열의 변동폭은 가정한 값이라 전망이 아닙니다."
            }
            (true, Lang::En) => {
                " A series behind it is held at its last level with an assumed spread: not a forecast."
            }
        };
        let mut text = self.sentence(whose, lang);
        text.push_str(caveat);
        text
    }

    fn sentence(&self, whose: &str, lang: Lang) -> String {
        let (by, paths) = (self.by, self.paths);
        let paths_text = format(Decimal::from(paths), Quantity::Count, lang, Style::Full);
        match (lang, self.to_surplus, self.crossed) {
            (Lang::Ko, true, 0) => {
                format!("모의 경로 {paths_text}개 중 {by}년까지 흑자로 돌아서는 경로는 없습니다.")
            }
            (Lang::Ko, false, 0) => {
                format!("모의 경로 {paths_text}개 중 {by}년까지 적자로 돌아서는 경로는 없습니다.")
            }
            (Lang::Ko, true, _) => format!(
                "{whose}는 모의 경로 {paths_text}개 중 {}%에서 {by}년까지 흑자로 돌아섭니다.",
                self.percent()
            ),
            (Lang::Ko, false, _) => format!(
                "{whose}는 모의 경로 {paths_text}개 중 {}%에서 {by}년까지 적자로 돌아섭니다.",
                self.percent()
            ),
            (Lang::En, true, 0) => {
                format!("{whose} turns positive by {by} in none of {paths_text} simulated paths.")
            }
            (Lang::En, false, 0) => format!(
                "{whose} turns into a deficit by {by} in none of {paths_text} simulated paths."
            ),
            (Lang::En, true, _) => format!(
                "{whose} turns positive by {by} in {} % of {paths_text} simulated paths.",
                self.percent()
            ),
            (Lang::En, false, _) => format!(
                "{whose} turns into a deficit by {by} in {} % of {paths_text} simulated paths.",
                self.percent()
            ),
        }
    }
}

impl Ranges {
    /// How often the balance `series` crosses zero by the table's last year.
    pub fn chance(&self, table: &Table, series: SeriesKey) -> Option<Chance> {
        let by = table.last_year;
        if by <= table.last_published_year {
            return None;
        }
        let row = table.row(series)?;
        let take = index(table.first_year, table.last_published_year).map_or(0, |e| e + 1);
        let start = row.cells.iter().take(take).rev().find_map(|c| c.value)?;
        if start.is_zero() {
            return None;
        }
        // Only a balance with a range was simulated at all.
        self.band(series.at(by))?;
        let held = |key: SeriesKey| {
            table
                .row(key)
                .and_then(|r| r.projection.as_ref())
                .is_some_and(|p| p.held.is_some())
        };
        let assumed = held(series)
            || held(series.with_flow(Flow::Sales))
            || held(series.with_flow(Flow::Purchases));
        Some(Chance {
            by,
            crossed: self.crossed_by(series.at(by))?,
            paths: u32::try_from(self.paths).unwrap_or(u32::MAX),
            to_surplus: start.is_sign_negative(),
            assumed,
        })
    }
}

/// A projected value's ranges in words: "between −₩7.6tn and −₩4.1tn (80 % range; 95 %: …)".
pub fn band_words(band: Band, quantity: Quantity, lang: Lang) -> String {
    let f = |v: Decimal| format(v, quantity, lang, Style::Compact);
    let paths = format(Decimal::from(PATHS), Quantity::Count, lang, Style::Full);
    match lang {
        Lang::Ko => format!(
            "80% 범위 {}~{} (95% 범위 {}~{}, 모의 경로 {paths}개)",
            f(band.lo80),
            f(band.hi80),
            f(band.lo95),
            f(band.hi95)
        ),
        Lang::En => format!(
            "between {} and {}, 80 % range (95 %: {} to {}; {paths} simulated paths)",
            f(band.lo80),
            f(band.hi80),
            f(band.lo95),
            f(band.hi95)
        ),
    }
}

/// One assumption's pull on a projected figure: the figure with that assumption at the low and
/// the high end of its 80 % range, everything else central.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Driver {
    /// What moves: a series' growth, or the exchange rate.
    pub what: DriverKind,
    /// The figure at the assumption's low end (display currency).
    pub low: Decimal,
    /// The figure at the assumption's high end (display currency).
    pub high: Decimal,
}

/// What a [`Driver`] moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DriverKind {
    /// A row's growth across its own 80 % range (for a total published without flows, its
    /// rest-of-the-world remainder).
    Series(SeriesKey),
    /// The rest-of-the-world remainder of a total balance published without flows.
    Remainder(SeriesKey),
    /// The won-per-dollar rate ±5 % (moves dollar figures only).
    ExchangeRate,
}

impl Driver {
    /// How far apart the two ends are.
    pub fn swing(&self) -> Decimal {
        self.high
            .checked_sub(self.low)
            .map_or(Decimal::MAX, |d| d.abs())
    }
}

impl DriverKind {
    /// A reader's name for it.
    pub fn label(&self, lang: Lang) -> String {
        match self {
            DriverKind::Series(key) => match lang {
                Lang::Ko => format!("{} 증가 (80% 범위)", key.label(lang)),
                Lang::En => format!("Growth of {} (its 80 % range)", key.label(lang)),
            },
            DriverKind::Remainder(_) => lang
                .pick(
                    "나머지 지역 수지 (80% 범위)",
                    "Balance with the rest of the world (its 80 % range)",
                )
                .to_string(),
            DriverKind::ExchangeRate => lang.pick("환율 ±5%", "Exchange rate ±5 %").to_string(),
        }
    }
}

/// The z value of the 10th and 90th percentiles of a normal distribution.
const Z80: f64 = 1.281_551_565_545;

/// What moves the projected `series` in `year` most: each own-projected row's growth across its
/// 80 % range (deviations of ±z·sd(h) in every year up to `year`), and the exchange rate ±5 %,
/// largest swing first. Empty for a year that is not projected.
pub fn drivers(
    dataset: &Dataset,
    scenario: &Scenario,
    table: &Table,
    series: SeriesKey,
    year: i32,
) -> Vec<Driver> {
    let plan = plan(table);
    let horizon = plan.central.first().map_or(0, Vec::len);
    let (Some(target), Some(k)) = (
        find(&table.rows, series),
        year.checked_sub(table.last_published_year)
            .and_then(|h| usize::try_from(h).ok())
            .and_then(|h| h.checked_sub(1))
            .filter(|k| *k < horizon),
    ) else {
        return Vec::new();
    };
    let rates = Rates {
        dataset,
        mode: scenario.fx,
    };
    let rate = match (scenario.unit, series.measure) {
        (DisplayUnit::Usd, Measure::Won) => match rates.rate(year) {
            Some(r) => Some(r),
            None => return Vec::new(),
        },
        _ => None,
    };
    let shown = |won: f64| {
        let v = forecast::to_decimal(won, 0)?;
        match rate {
            Some(r) => measure::to_usd(v, r).ok(),
            None => Some(v),
        }
    };
    let mut deviation = vec![0.0_f64; horizon];
    let mut out: Vec<Vec<f64>> = vec![vec![f64::NAN; horizon]; table.rows.len()];
    let mut at = |moved: Option<(usize, f64)>| {
        evaluate(
            &plan,
            &mut |r, drift, d| {
                for (h, slot) in d.iter_mut().enumerate() {
                    *slot = match moved {
                        Some((m, z)) if m == r => z * drift.sd(u32::try_from(h + 1).unwrap_or(0)),
                        _ => 0.0,
                    };
                }
            },
            &mut deviation,
            &mut out,
        );
        out.get(target).and_then(|o| o.get(k)).copied()
    };
    let mut list = Vec::new();
    for (r, rule) in plan.rules.iter().enumerate() {
        if !matches!(rule, Rule::Own { .. } | Rule::Parts { .. }) {
            continue;
        }
        let (Some(lo), Some(hi)) = (at(Some((r, -Z80))), at(Some((r, Z80)))) else {
            continue;
        };
        let (Some(low), Some(high), Some(row)) = (shown(lo), shown(hi), table.rows.get(r)) else {
            continue;
        };
        if low != high {
            list.push(Driver {
                what: if matches!(rule, Rule::Parts { .. }) {
                    DriverKind::Remainder(row.series)
                } else {
                    DriverKind::Series(row.series)
                },
                low,
                high,
            });
        }
    }
    // The exchange rate: a dearer dollar (more won per dollar) shrinks a dollar figure.
    if let (Some(r), Some(central)) = (rate, table.value(series.at(year))) {
        let moved = |f: Decimal| {
            r.checked_mul(f)
                .and_then(|r| measure::to_usd(central, r).ok())
        };
        if let (Some(low), Some(high)) = (moved(Decimal::new(105, 2)), moved(Decimal::new(95, 2))) {
            list.push(Driver {
                what: DriverKind::ExchangeRate,
                low,
                high,
            });
        }
    }
    // A handful of entries: an insertion sort by hand keeps a generic sort's code out of the wasm.
    for i in 1..list.len() {
        let mut j = i;
        while j > 0 && list.get(j - 1).map(Driver::swing) < list.get(j).map(Driver::swing) {
            list.swap(j - 1, j);
            j -= 1;
        }
    }
    list
}

/// Whether a goal is within what a row's history makes plausible: inside its 95 % range in that
/// year, or beyond it on one side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plausibility {
    /// Within the 95 % range.
    Within(Band),
    /// Below the 2.5th percentile.
    Below(Band),
    /// Above the 97.5th percentile.
    Above(Band),
}

impl Ranges {
    /// Where `target` falls against the 95 % range of the cell `at` (in its measure).
    pub fn plausibility(&self, at: CellRef, target: Decimal) -> Option<Plausibility> {
        let band = self.band(at)?;
        Some(if target < band.lo95 {
            Plausibility::Below(band)
        } else if target > band.hi95 {
            Plausibility::Above(band)
        } else {
            Plausibility::Within(band)
        })
    }
}

impl Plausibility {
    /// A reader's sentence, the range in `quantity`; `None` when the target is within it.
    pub fn warning(&self, quantity: Quantity, lang: Lang) -> Option<String> {
        let band = match self {
            Plausibility::Within(_) => return None,
            Plausibility::Below(b) | Plausibility::Above(b) => b,
        };
        let f = |v: Decimal| format(v, quantity, lang, Style::Compact);
        let paths = format(Decimal::from(PATHS), Quantity::Count, lang, Style::Full);
        Some(match lang {
            Lang::Ko => format!(
                "이 목표는 과거 자료로 볼 때 그럴듯한 범위를 벗어납니다: 모의 경로 {paths}개의 95% 범위는 {}~{}입니다.",
                f(band.lo95),
                f(band.hi95)
            ),
            Lang::En => format!(
                "This target is beyond what the history makes plausible: the 95 % range of {paths} simulated paths is {} to {}.",
                f(band.lo95),
                f(band.hi95)
            ),
        })
    }
}
