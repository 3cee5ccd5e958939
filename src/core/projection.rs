//! Steps 4b and 5 of [`crate::core::build_table`]: bringing rows to the view's last year, then
//! carrying them beyond it so that the table's identities hold in every projected year.
//!
//! **The view's last year** (found by `build_table` as it reads the view's figures) is the last
//! year in which the view's own source published anything (a level or a year-on-year change), not
//! the dataset's: KIEP's view ends in 2023 even though customs published 2024.
//!
//! **Bringing a row to that year.** Where a level stops early but the source kept publishing its
//! year-on-year change (KOSTAT's sales to China after 2019), the changes are chained into levels,
//! marked derived ([`Formula::ChainedYoy`]). A row whose last figure is still older than the view's
//! last year is not projected and says so: a projection from a 2019 base would carry five
//! unpublished years of guesswork into every later figure.
//!
//! **Each row's own projection** follows its [`Growth`] assumption; the default is a damped trend
//! (see [`crate::core::forecast`]), or the last level held for a row with fewer than
//! [`forecast::MIN_YEARS`] consecutive years.
//!
//! **Identities.** A balance is never projected as a trend of its own where its flows exist: it is
//! their difference in every year. "All partners" is reconciled with the named partners:
//!
//! - For purchases and sales (each measure), the total follows its own projection, which uses the
//!   longest history, and the named partners the model projects are shares of it: the damped trend
//!   is fitted on each partner's log-ratio to the rest of the world and the shares are their
//!   softmax (`core::shares`), so the rest of the world never goes below zero and no partner eats
//!   the total. So China can never be projected to buy more than Korea does. A rate or window the
//!   reader chose for a partner, and an edited cell, are honoured instead: the model's partners
//!   share what they leave, and where they alone exceed the total, the total becomes the partners'
//!   sum.
//! - A total balance published without its flows (KIEP's) is the named partners' balances, each
//!   from its flows, plus a rest-of-the-world balance: the published total minus those partners, in
//!   the years where all are known, projected by the total's assumption (usually held, having a
//!   single year). China's deficit can then differ from the total's only by that remainder.
//!
//! Everything is checked decimal arithmetic; `f64` appears only inside the fit, whose results come
//! back through [`forecast::to_decimal`].

use rust_decimal::{Decimal, RoundingStrategy};

use super::arith::Arith;
use super::forecast::{self, Drift};
use super::measure::{self, Formula, Undefined};
use super::scenario::{Growth, Scenario};
use super::series::{Flow, Partner, SeriesKey};
use super::table::{
    Cell, DampedFit, Held, Projection, Provenance, Row, RowProjection, Spread, index,
};

/// Decimal places kept in projected values: whole won (or dollars, or parcels) are far below
/// anything shown, and short operands keep each year's multiplication exact and fast.
pub(super) const PROJECTED_DP: u32 = 0;

/// A figure of the source itself: published, or chained from its published changes.
pub(super) fn from_source(p: &Provenance) -> bool {
    matches!(
        p,
        Provenance::Published { .. }
            | Provenance::Derived {
                formula: Formula::ChainedYoy,
                ..
            }
    )
}

fn year_at(first: i32, i: usize) -> Option<i32> {
    first.checked_add(i32::try_from(i).ok()?)
}

/// Chains the published year-on-year changes after a row's last level, up to `last`.
pub(super) fn chain_published_yoy(row: &mut Row, first: i32, last: i32) {
    let Some(end) = index(first, last) else {
        return;
    };
    let Some(start) = row
        .cells
        .iter()
        .take(end + 1)
        .rposition(|c| c.value.is_some())
    else {
        return;
    };
    let series = row.series;
    for i in start + 1..=end {
        let previous = row.cells.get(i - 1).and_then(|c| c.value);
        let Some(cell) = row.cells.get_mut(i) else {
            return;
        };
        let (Some(previous), Some((pct, _)), None) = (previous, cell.published_yoy, cell.value)
        else {
            return;
        };
        let (Some(year), Some(before)) = (year_at(first, i), year_at(first, i - 1)) else {
            return;
        };
        match measure::grow(previous, pct, 1) {
            Ok(v) => {
                cell.value = Some(v);
                cell.provenance = Provenance::Derived {
                    formula: Formula::ChainedYoy,
                    inputs: [series.at(before), series.at(year)],
                };
            }
            Err(_) => {
                cell.provenance = Provenance::Overflow {
                    formula: Formula::ChainedYoy,
                };
                return;
            }
        }
    }
}

/// Takes a level back one year from the next by that year's published change, where the year
/// before has no figure of the view's own vintage (a gap, or a figure standing in from another
/// basis): `next ÷ (1 + y/y % ÷ 100)`, marked derived. On the current basis 2024's purchases are
/// 8조5080억 ÷ 1.052 = 8조875억, not the old basis's 7조9583억.
pub(super) fn back_from_published_yoy(row: &mut Row, first: i32, last: i32) {
    let Some(end) = index(first, last) else {
        return;
    };
    let series = row.series;
    for i in 1..=end {
        let own_level = |c: &Cell| {
            matches!(
                c.provenance,
                Provenance::Published {
                    stands_in: false,
                    ..
                }
            )
        };
        let next = row.cells.get(i).filter(|c| own_level(c));
        let (Some(value), Some((pct, _))) = (
            next.and_then(|c| c.value),
            next.and_then(|c| c.published_yoy),
        ) else {
            continue;
        };
        let Some(year) = year_at(first, i) else {
            continue;
        };
        let Some(cell) = row.cells.get_mut(i - 1) else {
            continue;
        };
        let replaceable = cell.value.is_none()
            || matches!(
                cell.provenance,
                Provenance::Published {
                    stands_in: true,
                    ..
                }
            );
        if !replaceable {
            continue;
        }
        let factor = Decimal::ONE_HUNDRED
            .checked_add(pct)
            .and_then(|f| f.checked_div(Decimal::ONE_HUNDRED))
            .filter(|f| *f > Decimal::ZERO);
        if let Some(v) = factor.and_then(|f| value.checked_div(f)) {
            cell.value = Some(
                v.round_dp_with_strategy(PROJECTED_DP, RoundingStrategy::MidpointAwayFromZero),
            );
            cell.provenance = Provenance::Derived {
                formula: Formula::BackFromYoy,
                inputs: [series.at(year), series.at(year)],
            };
            cell.alongside = None;
        }
    }
}

/// The known values of a row up to `last`, by year.
fn known(row: &Row, first: i32, last: i32) -> Vec<(i32, Decimal)> {
    let take = index(first, last).map_or(0, |e| e + 1);
    row.cells
        .iter()
        .take(take)
        .enumerate()
        .filter_map(|(i, c)| Some((year_at(first, i)?, c.value?)))
        .collect()
}

/// The first year of the trailing block of a row's cells up to `last` that are the view's own
/// vintage: a figure standing in from another vintage of the family (an older basis, whose levels
/// differ) ends the block. A trend fitted across that join would read the change of basis as growth
/// (the 2025 re-basing raised 2024's sales by about half), so the default fit stays on one side.
fn own_vintage_from(row: &Row, first: i32, last: i32) -> i32 {
    let take = index(first, last).map_or(0, |e| e + 1);
    let mut from = last.saturating_add(1);
    for (i, cell) in row.cells.iter().take(take).enumerate().rev() {
        let stands_in = matches!(
            cell.provenance,
            Provenance::Published {
                stands_in: true,
                ..
            }
        );
        if stands_in {
            break;
        }
        if let Some(year) = year_at(first, i) {
            from = year;
        }
    }
    from
}

/// `known` with the figures standing in from another vintage (before `own_from`) rescaled to join
/// the view's own, for fitting only: a ratio splice, as statistical offices back-cast a re-based
/// series. The step across the join is taken as the view's own published change for its first year
/// where there is one, else as the mean yearly change of the other steps; the older figures keep
/// their own year-to-year changes. Shown figures are never touched.
fn splice_vintages(
    row: &Row,
    known: &[(i32, Decimal)],
    own_from: i32,
    first: i32,
) -> Vec<(i32, Decimal)> {
    let (older, own): (Vec<_>, Vec<_>) = known.iter().partition(|(y, _)| *y < own_from);
    let (Some(&(a, va)), Some(&(b, vb))) = (older.last(), own.first()) else {
        return known.to_vec();
    };
    let (Some(va), Some(vb)) = (forecast::to_f64(va), forecast::to_f64(vb)) else {
        return known.to_vec();
    };
    if va <= 0.0 || vb <= 0.0 || b <= a {
        return known.to_vec();
    }
    let published = index(first, b)
        .and_then(|i| row.cells.get(i))
        .and_then(|c| c.published_yoy)
        .and_then(|(pct, _)| forecast::to_f64(pct))
        .filter(|_| b == a + 1)
        .map(|pct| (1.0 + pct / 100.0).ln());
    let steps: Vec<f64> = older
        .windows(2)
        .chain(own.windows(2))
        .filter_map(|w| {
            let (y0, v0) = (w[0].0, forecast::to_f64(w[0].1)?);
            let (y1, v1) = (w[1].0, forecast::to_f64(w[1].1)?);
            (v0 > 0.0 && v1 > 0.0 && y1 > y0).then(|| (v1 / v0).ln() / f64::from(y1 - y0))
        })
        .collect();
    let mean = if steps.is_empty() {
        0.0
    } else {
        steps.iter().sum::<f64>() / steps.len() as f64
    };
    let join = published.unwrap_or(mean * f64::from(b - a));
    let factor = (vb.ln() - join - va.ln()).exp();
    if !factor.is_finite() {
        return known.to_vec();
    }
    let rescaled = older.iter().filter_map(|(y, v)| {
        let x = forecast::to_f64(*v)? * factor;
        Some((*y, forecast::to_decimal(x, 0)?))
    });
    rescaled.chain(own.iter().copied()).collect()
}

/// `points` (consecutive or not) rebuilt backward from the last, for fitting only: a step into a
/// year whose change the source printed takes that change, every other step keeps its own ratio.
/// A release whose level crosses a change of basis prints its change on one basis (the 2025 first
/// release: sales 1.7225 → 3.0234 tn between levels, +16.4 % as printed), and the printed change is
/// the growth; the level ratio is not.
fn by_printed_changes(row: &Row, points: &[(i32, Decimal)], first: i32) -> Vec<(i32, Decimal)> {
    let printed = |year: i32| printed_factor(row, first, year);
    let mut out: Vec<(i32, Decimal)> = Vec::with_capacity(points.len());
    let Some(&(last_year, last_value)) = points.last() else {
        return Vec::new();
    };
    let mut value = forecast::to_f64(last_value);
    out.push((last_year, last_value));
    for pair in points.windows(2).rev() {
        let (&(y0, v0), &(y1, v1)) = (&pair[0], &pair[1]);
        let ratio = match (printed(y1), y1 == y0 + 1) {
            (Some(f), true) => Some(f),
            _ => forecast::to_f64(v1)
                .zip(forecast::to_f64(v0))
                .filter(|(a, b)| *a != 0.0 && b.is_finite())
                .map(|(a, b)| a / b),
        };
        value = value.zip(ratio).map(|(v, r)| v / r);
        match value.and_then(|v| forecast::to_decimal(v, 0)) {
            Some(v) => out.push((y0, v)),
            None => return points.to_vec(),
        }
    }
    out.reverse();
    out
}

/// The last run of consecutive years of `known`, at most [`forecast::WINDOW`] long, and on logs
/// starting after the last break ([`forecast::BREAK`]): the year the run starts at when a break
/// cut it short, else `None`.
fn trailing_run(known: &[(i32, Decimal)], log: bool) -> (&[(i32, Decimal)], Option<i32>) {
    let mut start = known.len();
    let mut jump = None;
    while start > 0 && known.len() - start < forecast::WINDOW {
        let (joins, breaks) = match (known.get(start - 1), known.get(start)) {
            (Some((a, va)), Some((b, vb))) => {
                (a.checked_add(1) == Some(*b), log && is_break(*va, *vb))
            }
            _ => (true, false),
        };
        if !joins {
            break;
        }
        if breaks {
            jump = known.get(start).map(|(y, _)| *y);
            break;
        }
        start -= 1;
    }
    (known.get(start..).unwrap_or(&[]), jump)
}

/// `known` from the last break on: a step between consecutive years whose printed change (or,
/// where none was printed, whose ratio of levels) doubles or halves the flow. Also the year it
/// starts at, when a break cut it.
fn after_last_break<'a>(
    row: &Row,
    known: &'a [(i32, Decimal)],
    first: i32,
) -> (&'a [(i32, Decimal)], Option<i32>) {
    for (i, pair) in known.windows(2).enumerate().rev() {
        let (&(y0, v0), &(y1, v1)) = (&pair[0], &pair[1]);
        if y0.checked_add(1) != Some(y1) {
            continue;
        }
        let breaks = match printed_factor(row, first, y1) {
            Some(f) => f.ln().abs() >= forecast::BREAK - 1e-12,
            None => is_break(v0, v1),
        };
        if breaks {
            return (known.get(i + 1..).unwrap_or(&[]), Some(y1));
        }
    }
    (known, None)
}

/// The factor a year's printed change stands for (1.164 for +16.4 %), when the source printed
/// one and it is a factor at all.
fn printed_factor(row: &Row, first: i32, year: i32) -> Option<f64> {
    index(first, year)
        .and_then(|i| row.cells.get(i))
        .and_then(|c| c.published_yoy)
        .and_then(|(pct, _)| forecast::to_f64(pct))
        .map(|pct| 1.0 + pct / 100.0)
        .filter(|f| *f > 0.0)
}

/// A yearly step from `a` to `b` that doubles or more, or halves or less ([`forecast::BREAK`]).
fn is_break(a: Decimal, b: Decimal) -> bool {
    match (forecast::to_f64(a), forecast::to_f64(b)) {
        (Some(a), Some(b)) if a > 0.0 && b > 0.0 => (b / a).ln().abs() >= forecast::BREAK - 1e-12,
        _ => false,
    }
}

/// The yearly spread of a row's history as a random walk with drift: each change between known
/// years, over `g` years, counts as `g` yearly steps around the mean yearly change μ (σ² = Σ(Δ −
/// g·μ)²/g over the steps less one). A steady trend is the drift, not spread; with a single change
/// there is nothing to tell them apart, and the spread is [`forecast::SIGMA_UNKNOWN`]. On logs for
/// a flow.
fn history_sigma(known: &[(i32, Decimal)], log: bool, base: f64) -> f64 {
    let points: Vec<(i32, f64)> = known
        .iter()
        .filter_map(|(y, v)| {
            let x = forecast::to_f64(*v)?;
            match log {
                true if x > 0.0 => Some((*y, x.ln())),
                true => None,
                false => Some((*y, x)),
            }
        })
        .collect();
    let scale = if log { 1.0 } else { base.abs() };
    let steps: Vec<(f64, f64)> = points
        .windows(2)
        .filter_map(|w| match w {
            [(y0, a), (y1, b)] if y1 > y0 => Some((b - a, f64::from(y1 - y0))),
            _ => None,
        })
        .collect();
    let years: f64 = steps.iter().map(|s| s.1).sum();
    let sigma = if steps.len() < 2 || years <= 0.0 {
        forecast::SIGMA_UNKNOWN * scale
    } else {
        let mu = steps.iter().map(|s| s.0).sum::<f64>() / years;
        let ss: f64 = steps.iter().map(|(d, g)| (d - g * mu).powi(2) / g).sum();
        (ss / (steps.len() - 1) as f64).sqrt()
    };
    sigma.clamp(forecast::SIGMA_FLOOR * scale, forecast::SIGMA_MAX * scale)
}

pub(super) fn spread_of(drift: Drift, log: bool) -> Option<Spread> {
    let dp = if log { 6 } else { 0 };
    Some(Spread {
        alpha: forecast::to_decimal(drift.alpha, 2)?,
        beta: forecast::to_decimal(drift.beta, 2)?,
        phi: forecast::to_decimal(drift.phi, 2)?,
        sigma: forecast::to_decimal(drift.sigma, dp)?,
        log,
    })
}

/// How the values of a row are made, once its assumption is resolved.
enum Method {
    Rate(Decimal, Growth),
    Line(Decimal, Growth),
    Damped(forecast::Fit, bool),
    Flat,
}

/// A row's known figures as a trend is fitted on them: on logs from the last break on, figures
/// standing in from another basis spliced to the view's own, and steps into a printed change taken
/// from it. Also the year a break between published figures cut it at. The shares of a total
/// (`core::shares`) take their log-ratios from these same series.
fn fitting_series(
    row: &Row,
    known: &[(i32, Decimal)],
    first: i32,
    last: i32,
    log: bool,
) -> (Vec<(i32, Decimal)>, Option<i32>) {
    // A break between published figures (on their own bases, before any splicing, which would
    // smooth it into an ordinary step) starts the window; so does one in the adjusted series.
    let (recent, raw_jump) = match log {
        true => after_last_break(row, known, first),
        false => (known, None),
    };
    let spliced = splice_vintages(row, recent, own_vintage_from(row, first, last), first);
    (by_printed_changes(row, &spliced, first), raw_jump)
}

/// A row's figures as its trend is fitted on them ([`fitting_series`]), by year; empty for a row
/// not projected.
pub(super) type Fitted = Vec<(i32, Decimal)>;

/// Projects a row into the years after `last` by its own assumption (the scenario's or the
/// default), recording how in [`Row::projection`]; returns the series a trend is fitted on, which
/// the shares of its total reuse.
pub(super) fn project_row(
    row: &mut Row,
    chosen: Option<Growth>,
    first: i32,
    last: i32,
    end: i32,
) -> Fitted {
    let known = known(row, first, last);
    let mut info = RowProjection {
        assumption: chosen.unwrap_or(Growth::Damped),
        default: chosen.is_none(),
        rate: None,
        base: None,
        issue: None,
        window: None,
        fit: None,
        spread: None,
        held: None,
        stale: None,
        remainder: false,
        share: None,
        jump: None,
    };
    let Some(&(base_year, base_value)) = known.last() else {
        info.issue = Some(Undefined::NotPositive);
        row.projection = Some(info);
        return Vec::new();
    };
    info.base = Some(row.series.at(base_year));
    if base_year < last {
        info.stale = Some(base_year);
        row.projection = Some(info);
        return Vec::new();
    }
    let log = row.series.flow != Flow::Balance;
    let base_f = forecast::to_f64(base_value).unwrap_or(0.0);
    // A chained base carries many decimals; projections keep whole units (PROJECTED_DP), and a
    // short base keeps each year's multiplication in the fast 64-bit path.
    let base_value = measure::cap_dp(base_value, PROJECTED_DP);
    let (spliced, raw_jump) = fitting_series(row, &known, first, last, log);
    let (run, jump) = trailing_run(&spliced, log);
    info.jump = jump.or(raw_jump);
    let years = u8::try_from(run.len()).unwrap_or(u8::MAX);
    if chosen.is_none() && run.len() < forecast::MIN_YEARS {
        info.assumption = Growth::Flat;
        info.held = Some(Held::ShortHistory { years });
    }
    let method = match choose_method(&mut info, &known, run, base_year, log) {
        Ok(m) => m,
        Err(e) => {
            info.issue = Some(e);
            row.projection = Some(info);
            return spliced;
        }
    };
    record_method(&mut info, &method, &known, log, base_f);
    fill_years(
        row,
        &method,
        &mut info,
        (base_year, base_value),
        first,
        last.saturating_add(1)..=end,
    );
    row.projection = Some(info);
    spliced
}

/// How the row's values are made under `info`'s assumption: a rate or a line fitted to the known
/// figures (`known`), or the damped trend of the trailing `run` (held flat, saying why, when it
/// cannot be fitted); `log` for flows, fitted on their logarithms.
fn choose_method(
    info: &mut RowProjection,
    known: &[(i32, Decimal)],
    run: &[(i32, Decimal)],
    base_year: i32,
    log: bool,
) -> Result<Method, Undefined> {
    let years = u8::try_from(run.len()).unwrap_or(u8::MAX);
    match info.assumption {
        Growth::Fixed(rate) => Ok(Method::Rate(rate, info.assumption)),
        Growth::Cagr { from, to } => {
            let pts: Vec<&(i32, Decimal)> = known
                .iter()
                .filter(|(y, _)| (from..=to).contains(y))
                .collect();
            match (pts.first(), pts.last()) {
                (Some((y0, v0)), Some((y1, v1))) if y1 > y0 => {
                    measure::cagr(*v0, *v1, Decimal::from(y1.saturating_sub(*y0)))
                        .map(|r| Method::Rate(r, info.assumption))
                }
                _ => Err(Undefined::NotPositive),
            }
        }
        Growth::Linear { from, to } => {
            let pts: Vec<(i32, Decimal)> = known
                .iter()
                .filter(|(y, _)| (from..=to).contains(y))
                .copied()
                .collect();
            linear_fit(&pts, base_year).map(|s| Method::Line(s, info.assumption))
        }
        Growth::Damped => {
            let ys: Option<Vec<f64>> = run
                .iter()
                .map(|(_, v)| {
                    let x = forecast::to_f64(*v)?;
                    match log {
                        true if x > 0.0 => Some(x.ln()),
                        true => None,
                        false => Some(x),
                    }
                })
                .collect();
            match ys.as_deref().and_then(forecast::fit_cached) {
                Some(fit) => {
                    info.window = run.first().zip(run.last()).map(|(a, b)| (a.0, b.0));
                    Ok(Method::Damped(fit, log))
                }
                None => {
                    info.held = Some(if run.len() < forecast::MIN_YEARS {
                        Held::ShortHistory { years }
                    } else {
                        Held::NotPositive
                    });
                    Ok(Method::Flat)
                }
            }
        }
        Growth::Flat => Ok(Method::Flat),
    }
}

/// Records in `info` what the `method` implies beyond the values: how simulated paths stray from
/// it, the spread that gives, the yearly rate and the damped fit.
fn record_method(
    info: &mut RowProjection,
    method: &Method,
    known: &[(i32, Decimal)],
    log: bool,
    base_f: f64,
) {
    // How simulated paths stray: the fitted model's own errors for a damped trend, each kept in
    // the level (see `forecast`'s Spread), else a random walk with the spread of the row's history.
    let drift = match method {
        Method::Damped(fit, log) => Drift {
            alpha: 1.0,
            beta: fit.beta,
            phi: fit.phi,
            sigma: {
                let scale = if *log { 1.0 } else { base_f.abs() };
                fit.rmse
                    .clamp(forecast::SIGMA_FLOOR * scale, forecast::SIGMA_MAX * scale)
            },
        },
        _ => Drift::walk(history_sigma(known, log, base_f)),
    };
    info.spread = spread_of(drift, log);
    info.rate = match method {
        Method::Rate(r, _) | Method::Line(r, _) => Some(*r),
        Method::Flat => Some(Decimal::ZERO),
        Method::Damped(fit, true) => forecast::to_decimal((fit.trend.exp() - 1.0) * 100.0, 2),
        Method::Damped(_, false) => None,
    };
    if let Method::Damped(fit, log) = method {
        let dp = if *log { 6 } else { 0 };
        info.fit = info
            .window
            .and_then(|window| shown_fit(fit, window, dp, *log));
    }
}

/// A fitted damped trend rounded for showing, over the years `from`–`to`, its trend to `dp`
/// places.
pub(super) fn shown_fit(
    fit: &forecast::Fit,
    (from, to): (i32, i32),
    dp: u32,
    log: bool,
) -> Option<DampedFit> {
    Some(DampedFit {
        alpha: forecast::to_decimal(fit.alpha, 2)?,
        beta: forecast::to_decimal(fit.beta, 2)?,
        phi: forecast::to_decimal(fit.phi, 2)?,
        trend: forecast::to_decimal(fit.trend, dp)?,
        from,
        to,
        log,
    })
}

/// Fills the row's cells for `years` by `method` from `base` (the last known year and value),
/// each with its provenance; a value too large to compute leaves its cell empty and the issue in
/// `info`.
fn fill_years(
    row: &mut Row,
    method: &Method,
    info: &mut RowProjection,
    (base_year, base_value): (i32, Decimal),
    first: i32,
    years: std::ops::RangeInclusive<i32>,
) {
    let floor_at_zero = row.series.flow != Flow::Balance;
    let factor = match method {
        Method::Rate(rate, _) => rate
            .times(measure::PER_CENT)
            .and_then(|g| Decimal::ONE.plus(g)),
        _ => None,
    };
    let mut running: Option<Decimal> = None;
    for year in years {
        let Some(cell) = index(first, year).and_then(|i| row.cells.get_mut(i)) else {
            continue;
        };
        let steps = year.saturating_sub(base_year);
        let h = u32::try_from(steps).unwrap_or(0);
        let (value, projection) = match method {
            Method::Rate(rate, assumption) => {
                let v = match (running, factor) {
                    (Some(prev), Some(f)) => {
                        measure::mul_cap(prev, f, PROJECTED_DP).ok_or(Undefined::Overflow)
                    }
                    _ => measure::grow(base_value, *rate, i64::from(steps))
                        .map(|v| measure::cap_dp(v, PROJECTED_DP)),
                };
                running = v.ok();
                (
                    v,
                    Projection::Growth {
                        assumption: *assumption,
                        rate: *rate,
                    },
                )
            }
            // The line continues from the last known value with the fitted slope, so the projection
            // joins the data without a jump; a flow cannot go below zero.
            Method::Line(slope, assumption) => {
                let v = slope
                    .times(Decimal::from(steps))
                    .and_then(|d| base_value.plus(d))
                    .ok_or(Undefined::Overflow)
                    .map(|v| {
                        if floor_at_zero && v < Decimal::ZERO {
                            Decimal::ZERO
                        } else {
                            v
                        }
                    });
                (
                    v,
                    Projection::Linear {
                        assumption: *assumption,
                        slope: *slope,
                    },
                )
            }
            // The fitted trend, damped, carried on from the last figure itself rather than from the
            // smoothed level ℓ(n): the projection joins the data without a jump, so a balance
            // cannot change sign in the first projected year by an accident of smoothing. On logs
            // it is a growth factor on the base, kept to nine places.
            Method::Damped(fit, true) => {
                let rise = forecast::damped_sum(fit.phi, h) * fit.trend;
                let v = forecast::to_decimal(rise.exp(), measure::FACTOR_DP)
                    .and_then(|f| measure::mul_cap(base_value, f, PROJECTED_DP))
                    .ok_or(Undefined::Overflow);
                (v, damped(fit))
            }
            Method::Damped(fit, false) => {
                let rise = forecast::damped_sum(fit.phi, h) * fit.trend;
                let v = forecast::to_decimal(rise, PROJECTED_DP)
                    .and_then(|r| base_value.plus(r))
                    .ok_or(Undefined::Overflow);
                (v, damped(fit))
            }
            Method::Flat => (Ok(base_value), Projection::Flat),
        };
        match value {
            Ok(v) => {
                cell.value = Some(v);
                cell.provenance = Provenance::Projected {
                    method: projection,
                    base: info.base,
                };
            }
            Err(e) => {
                cell.value = None;
                cell.provenance = Provenance::Overflow {
                    formula: Formula::Cagr,
                };
                info.issue = Some(e);
            }
        }
    }
}

fn damped(fit: &forecast::Fit) -> Projection {
    Projection::Damped {
        phi: forecast::to_decimal(fit.phi, 2).unwrap_or(Decimal::ZERO),
    }
}

/// Least-squares slope per year through the known points of the window.
fn linear_fit(points: &[(i32, Decimal)], base_year: i32) -> Result<Decimal, Undefined> {
    let o = |v: Option<Decimal>| v.ok_or(Undefined::Overflow);
    if points.len() < 2 {
        return Err(Undefined::NotPositive);
    }
    let n = Decimal::from(points.len());
    let (mut sx, mut sy, mut sxy, mut sxx) =
        (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for (year, y) in points {
        let x = Decimal::from(year.saturating_sub(base_year));
        sx = o(sx.plus(x))?;
        sy = o(sy.plus(*y))?;
        sxy = o(x.times(*y).and_then(|p| sxy.plus(p)))?;
        sxx = o(x.times(x).and_then(|p| sxx.plus(p)))?;
    }
    let denominator = o(n
        .times(sxx)
        .and_then(|a| sx.times(sx).and_then(|b| a.minus(b))))?;
    if denominator.is_zero() {
        return Err(Undefined::DivisionByZero);
    }
    let numerator = o(n
        .times(sxy)
        .and_then(|a| sx.times(sy).and_then(|b| a.minus(b))))?;
    o(numerator.checked_div(denominator))
}

fn find(rows: &[Row], key: SeriesKey) -> Option<usize> {
    rows.binary_search_by(|r| r.series.cmp(&key)).ok()
}

pub(super) fn value_at(rows: &[Row], r: usize, i: usize) -> Option<Decimal> {
    rows.get(r)?.cells.get(i)?.value
}

/// The named partners' rows of a total (same flow and measure).
pub(super) fn parts_of(rows: &[Row], total: SeriesKey) -> Vec<usize> {
    rows.iter()
        .enumerate()
        .filter(|(_, r)| {
            r.series.flow == total.flow
                && r.series.measure == total.measure
                && r.series.partner != Partner::All
        })
        .map(|(i, _)| i)
        .collect()
}

/// A projected total below what the reader's own partner assumptions add up to becomes their sum
/// (the rest of the world at zero). An edited total is the reader's and stays.
pub(super) fn raise_total(rows: &mut [Row], t: usize, i: usize, sum: Decimal) {
    let Some(row) = rows.get_mut(t) else {
        return;
    };
    let base = row.projection.and_then(|p| p.base);
    if let Some(cell) = row.cells.get_mut(i) {
        if matches!(cell.provenance, Provenance::Projected { .. }) {
            cell.value = Some(sum);
            cell.provenance = Provenance::Projected {
                method: Projection::SumOfParts,
                base,
            };
        }
    }
}

/// Projected balances from projected flows, for every balance row that has both flows.
pub(super) fn balances_from_flows(rows: &mut [Row], first: i32, last: i32, end: i32) {
    for b in 0..rows.len() {
        let Some(series) = rows.get(b).map(|r| r.series) else {
            continue;
        };
        if series.flow != Flow::Balance {
            continue;
        }
        let (Some(si), Some(pi)) = (
            find(rows, series.with_flow(Flow::Sales)),
            find(rows, series.with_flow(Flow::Purchases)),
        ) else {
            continue;
        };
        for year in last.saturating_add(1)..=end {
            let Some(i) = index(first, year) else {
                continue;
            };
            let value = match (value_at(rows, si, i), value_at(rows, pi, i)) {
                (Some(s), Some(p)) => Some(measure::balance(s, p)),
                _ => None,
            };
            if let Some(cell) = rows.get_mut(b).and_then(|r| r.cells.get_mut(i)) {
                match value {
                    Some(Ok(v)) => {
                        cell.value = Some(v);
                        cell.provenance = Provenance::Projected {
                            method: Projection::FromFlows,
                            base: None,
                        };
                    }
                    Some(Err(_)) => {
                        cell.provenance = Provenance::Overflow {
                            formula: Formula::Balance,
                        }
                    }
                    None => {}
                }
            }
        }
    }
}

/// Balances published without their flows: a partner's is projected on its own; a total with
/// named partners is their sum plus a projected rest of the world.
pub(super) fn project_lone_balances(
    rows: &mut [Row],
    scenario: &Scenario,
    first: i32,
    last: i32,
    end: i32,
) {
    let lone = |rows: &[Row], b: usize| {
        rows.get(b).is_some_and(|r| {
            r.series.flow == Flow::Balance
                && (find(rows, r.series.with_flow(Flow::Sales)).is_none()
                    || find(rows, r.series.with_flow(Flow::Purchases)).is_none())
        })
    };
    // Partners first: a total is built on them.
    for b in 0..rows.len() {
        if !lone(rows, b) {
            continue;
        }
        let Some(row) = rows.get_mut(b) else {
            continue;
        };
        if row.series.partner != Partner::All {
            let chosen = scenario.growth.get(&row.series).copied();
            let _ = project_row(row, chosen, first, last, end);
        }
    }
    for b in 0..rows.len() {
        let Some(series) = rows.get(b).map(|r| r.series) else {
            continue;
        };
        if !lone(rows, b) || series.partner != Partner::All {
            continue;
        }
        let chosen = scenario.growth.get(&series).copied();
        let parts = parts_of(rows, series);
        if parts.is_empty() {
            if let Some(row) = rows.get_mut(b) {
                let _ = project_row(row, chosen, first, last, end);
            }
            continue;
        }
        sum_of_parts(rows, b, &parts, chosen, first, last, end);
    }
}

/// A total balance as its partners plus the rest of the world, the rest projected on its own.
fn sum_of_parts(
    rows: &mut [Row],
    b: usize,
    parts: &[usize],
    chosen: Option<Growth>,
    first: i32,
    last: i32,
    end: i32,
) {
    let Some(mut rest) = rows.get(b).cloned() else {
        return;
    };
    // The remainder's history: the total less every partner, where all are known.
    for (i, cell) in rest.cells.iter_mut().enumerate() {
        let named = parts
            .iter()
            .try_fold(Decimal::ZERO, |acc, p| acc.plus(value_at(rows, *p, i)?));
        cell.value = match (year_at(first, i), cell.value, named) {
            (Some(y), Some(total), Some(named)) if y <= last => total.minus(named),
            _ => None,
        };
    }
    let _ = project_row(&mut rest, chosen, first, last, end);
    let Some(mut info) = rest.projection else {
        return;
    };
    info.remainder = true;
    let base = rows
        .get(b)
        .and_then(|r| {
            r.cells
                .iter()
                .take(index(first, last).map_or(0, |e| e + 1))
                .rposition(|c| c.value.is_some())
        })
        .and_then(|i| year_at(first, i))
        .and_then(|y| rows.get(b).map(|r| r.series.at(y)));
    if info.stale.is_none() && info.issue.is_none() {
        for year in last.saturating_add(1)..=end {
            let Some(i) = index(first, year) else {
                continue;
            };
            let named = parts
                .iter()
                .try_fold(Decimal::ZERO, |acc, p| acc.plus(value_at(rows, *p, i)?));
            let remainder = rest.cells.get(i).and_then(|c| c.value);
            let Some(cell) = rows.get_mut(b).and_then(|r| r.cells.get_mut(i)) else {
                continue;
            };
            if let (Some(n), Some(r)) = (named, remainder) {
                match n.plus(r) {
                    Some(v) => {
                        cell.value = Some(v);
                        cell.provenance = Provenance::Projected {
                            method: Projection::SumOfParts,
                            base,
                        };
                    }
                    None => {
                        cell.value = None;
                        cell.provenance = Provenance::Overflow {
                            formula: Formula::Balance,
                        };
                    }
                }
            }
        }
    }
    if let Some(row) = rows.get_mut(b) {
        row.projection = Some(info);
    }
}
