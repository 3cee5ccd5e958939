//! The default projection method, a damped trend, and the random numbers its ranges are drawn with.
//!
//! The model is Gardner and McKenzie's damped additive trend, in Hyndman and Athanasopoulos,
//! *Forecasting: Principles and Practice* (3rd ed.), §8.2, written there in error-correction form:
//!
//! ```text
//! ŷ(t | t−1) = ℓ(t−1) + φ·b(t−1)                      one-step forecast
//! ℓ(t)       = α·y(t) + (1 − α)·(ℓ(t−1) + φ·b(t−1))    level
//! b(t)       = β*·(ℓ(t) − ℓ(t−1)) + (1 − β*)·φ·b(t−1)  trend
//! ŷ(n+h | n) = ℓ(n) + (φ + φ² + … + φ^h)·b(n)          forecast h years ahead
//! ```
//!
//! A flow (purchases, sales, parcels) is fitted on the logarithm of its levels, so the trend is a
//! growth rate and a projection can never go below zero (ETS(A,Ad,N) on logs); a balance published
//! without its flows can change sign and is fitted on its levels.
//!
//! Choices, stated on the page (About) and checked in the tests below:
//!
//! - **Window**: the row's last run of consecutive yearly figures, at most [`WINDOW`] years (the
//!   base year and the five before), starting after the last break (a flow that doubled or
//!   halved in a year, [`BREAK`]). Older years describe another market, and a gap breaks the
//!   yearly recursion.
//! - **Damping** φ = (n − 1)/n for a window of n years ([`damping`]: 0.75 with four, 0.83 with
//!   six), fixed, not fitted: with three to six figures φ cannot be told apart from the trend. A
//!   damped trend adds at most φ/(1 − φ) times its last yearly step however long the horizon, so
//!   this carries a trend on for at most as many years as it was measured over (n − 1 steps). A
//!   fixed φ = 0.9 carried a trend fitted on three steps after the 2022 break nine steps' worth
//!   (the default view's sales ×3.5 by 2040, ₩3.0 → 10.5 tn). In a backtest over the dataset's own
//!   series (`tests/core_backtest.rs`: fit on the years up to t, forecast t+1 to t+3: 17, 14 and
//!   10 forecasts) the mean absolute log error three years ahead fell from 0.79 to 0.70 (root mean
//!   square 1.11 → 1.02), and one year ahead was unchanged (0.211 → 0.213).
//! - **Smoothing** α and β* are fitted by least squares of the one-step errors over a grid
//!   ([`ALPHA_GRID`] × [`BETA_GRID`], β* at most [`BETA_MAX`]), starting from ℓ(1) = y(1), b(1) = y(2) − y(1). Ties go to the
//!   smoother trend (smaller β*, then smaller α).
//! - **From the last figure**: the table carries the fitted, damped trend on from the last
//!   published figure, y(n) + (φ + … + φ^h)·b(n), not from the smoothed level ℓ(n), so a projection
//!   joins the data without a jump ([`Fit::forecast`] is the textbook's, for the tests).
//! - **Fewer than [`MIN_YEARS`]** figures in the window: no trend is fitted; the row holds its last
//!   level unless the reader picks a method.
//! - **Spread** σ: the one-step errors' √(SSE ÷ (errors − 2)), the two fitted parameters taken
//!   from their count ([`FITTED`]), never below [`SIGMA_FLOOR`] (no
//!   series of this market is known to within 5 % a year) nor above [`SIGMA_MAX`]. The simulated
//!   paths keep every error in the level (α = 1 in [`Drift`], with the fit's β* and φ), whatever α
//!   the fit chose: a small α says a year's surprise mostly fades, which three to five errors
//!   cannot show, and the backtest's errors grew from 1 to 3 years ahead as fast as a random
//!   walk's or faster (root mean square 0.35, 0.68, 1.11), while an α = 0.2 model's spread grew 2 %.
//!   So a range widens at least as σ√h. In the backtest the 80 % ranges held 13 of 17, 8 of 14
//!   and 7 of 10 outcomes 1, 2 and 3 years ahead (before: 8, 7 and 2; the 95 % ranges 15, 12, 7
//!   against 12, 8, 3); the misses left are the market's breaks (2022, 2023), which no fit on the
//!   years before them foresees.
//!   A row held or projected by the reader's own method strays as a random walk with the spread of
//!   its history (each change between known years over `g` years counting as `g` yearly steps),
//!   bounded the same way, or [`SIGMA_UNKNOWN`] with a single figure. On a balance's levels the
//!   bounds scale with the size of its last value.
//!
//! `f64` is used inside the fit and the simulation only; results go back to `Decimal` through
//! [`to_decimal`], which rounds and never panics.
//!
//! ```
//! use jikgu::core::forecast::{fit, Fit};
//! // 100, 110, 121, 133.1: ten per cent a year, on logs.
//! let logs: Vec<f64> = [100.0_f64, 110.0, 121.0, 133.1].iter().map(|v| v.ln()).collect();
//! let f: Fit = fit(&logs).unwrap();
//! let in_two_years = (f.forecast(2) - logs[3]).exp();
//! assert!(in_two_years > 1.0 && in_two_years < 1.1 * 1.1);
//! ```

use rust_decimal::{Decimal, RoundingStrategy};

/// Most years a damped trend is fitted on.
pub const WINDOW: usize = 6;

/// Fewest consecutive years a damped trend is fitted on; below it a row holds its last level.
pub const MIN_YEARS: usize = 4;

/// The damping of a trend fitted on `years` figures: (n − 1)/n, so that it adds at most n − 1
/// times its last yearly step (φ/(1 − φ)), as many steps as it was measured over.
pub fn damping(years: usize) -> f64 {
    let n = years.max(2) as f64;
    (n - 1.0) / n
}

/// The level smoothing values tried.
pub const ALPHA_GRID: [f64; 5] = [0.2, 0.4, 0.6, 0.8, 1.0];

/// The trend smoothing values tried: at most [`BETA_MAX`]. With three to six yearly figures a larger
/// β* tends to win the least squares (it lets the trend copy each year's change, so the next error
/// is small), and it is close to the naive compounding of the last step the damped trend
/// replaces: in the simulation its errors compound into ranges spanning orders of magnitude.
pub const BETA_GRID: [f64; 3] = [0.1, 0.2, 0.3];

/// Parameters fitted to the one-step errors (α and β*), taken from their count for the spread, as
/// a regression's residual variance is: the least squares makes its own errors small, and with
/// three errors (four years) the spread would otherwise count as measured what was chosen to fit.
pub const FITTED: usize = 2;

/// The largest trend smoothing tried, as the page states it.
pub const BETA_MAX: &str = "0.3";

/// A yearly change of a flow at least this large on logs (a doubling or a halving) is a break: the
/// fitting window starts after it. Growth before a jump of that size describes another market
/// (sales before the daigou trade ended in 2022; purchases before Temu entered in 2023), and its
/// one-step error would set the spread of every later year.
pub const BREAK: f64 = std::f64::consts::LN_2;

/// The smallest yearly spread a range is drawn with (on logs: about ±5 % a year).
pub const SIGMA_FLOOR: f64 = 0.05;

/// The yearly spread on logs of a row with a single figure: nothing to measure, so a wide ±20 %.
pub const SIGMA_UNKNOWN: f64 = 0.2;

/// The largest yearly spread a range is drawn with (on logs: about ±35 % a year). One-off breaks
/// in short histories (sales to China fell 80 % in three years when the daigou trade ended) would
/// otherwise make every later range span three orders of magnitude, which tells a reader nothing.
pub const SIGMA_MAX: f64 = 0.3;

/// The spread's floor and its ceiling as the page states them (checked against the constants).
pub const STATED: (&str, &str) = ("0.05", "0.3");

/// Simulated paths behind every range.
pub const PATHS: usize = 1000;

/// The seed of the simulation: the same scenario always gives the same ranges.
pub const SEED: u64 = 0x6a69_6b67_7531_3131;

/// A fitted damped trend.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    /// Level smoothing.
    pub alpha: f64,
    /// Trend smoothing (β* in FPP).
    pub beta: f64,
    /// Damping.
    pub phi: f64,
    /// The level at the last year of the window.
    pub level: f64,
    /// The trend at the last year of the window.
    pub trend: f64,
    /// The spread of the one-step errors (before the floor): √(SSE ÷ (errors − [`FITTED`])).
    pub rmse: f64,
}

impl Fit {
    /// The point forecast `h` years after the last year of the window.
    pub fn forecast(&self, h: u32) -> f64 {
        self.level + damped_sum(self.phi, h) * self.trend
    }
}

/// φ + φ² + … + φ^h.
pub fn damped_sum(phi: f64, h: u32) -> f64 {
    let mut sum = 0.0;
    let mut power = 1.0;
    for _ in 0..h {
        power *= phi;
        sum += power;
    }
    sum
}

/// Runs the recursion with given parameters: the last level and trend and the sum of squared
/// one-step errors. `None` for fewer than two values or a value that is not finite.
pub fn run(y: &[f64], alpha: f64, beta: f64, phi: f64) -> Option<(f64, f64, f64)> {
    let (&first, rest) = y.split_first()?;
    let &second = rest.first()?;
    let mut level = first;
    let mut trend = second - first;
    let mut sse = 0.0;
    for &value in rest {
        let forecast = level + phi * trend;
        let error = value - forecast;
        sse += error * error;
        let new_level = alpha * value + (1.0 - alpha) * forecast;
        trend = beta * (new_level - level) + (1.0 - beta) * phi * trend;
        level = new_level;
    }
    (level.is_finite() && trend.is_finite() && sse.is_finite()).then_some((level, trend, sse))
}

/// Fits α and β* over the grid with φ = [`damping`] of its length; `None` below [`MIN_YEARS`]
/// values.
pub fn fit(y: &[f64]) -> Option<Fit> {
    if y.len() < MIN_YEARS {
        return None;
    }
    let phi = damping(y.len());
    let mut best: Option<Fit> = None;
    let mut best_sse = f64::INFINITY;
    for beta in BETA_GRID {
        for alpha in ALPHA_GRID {
            let Some((level, trend, sse)) = run(y, alpha, beta, phi) else {
                continue;
            };
            // Strictly better only: ties keep the smoother parameters tried first.
            if best.is_none() || sse < best_sse * (1.0 - 1e-12) {
                best_sse = sse;
                // Degrees of freedom: the errors less the two parameters fitted to them.
                let freedom = y.len().saturating_sub(1 + FITTED).max(1) as f64;
                best = Some(Fit {
                    alpha,
                    beta,
                    phi,
                    level,
                    trend,
                    rmse: (sse / freedom).sqrt(),
                });
            }
        }
    }
    best
}

/// [`fit`], remembering the last few fits by their exact inputs: a recompute on every keystroke
/// refits the same published years again and again, and the grid is most of a row's projection
/// cost. The answer is the same either way (the inputs are compared bit for bit).
pub fn fit_cached(y: &[f64]) -> Option<Fit> {
    use std::cell::RefCell;
    const KEEP: usize = 32;
    type Entry = (Vec<u64>, Option<Fit>);
    thread_local! {
        static FITS: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
    }
    let key: Vec<u64> = y.iter().map(|v| v.to_bits()).collect();
    let hit = FITS.with(|f| {
        f.borrow()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, fit)| *fit)
    });
    if let Some(fit) = hit {
        return fit;
    }
    let fitted = fit(y);
    FITS.with(|f| {
        let mut f = f.borrow_mut();
        if f.len() >= KEEP {
            f.remove(0);
        }
        f.push((key, fitted));
    });
    fitted
}

/// How far a simulated path strays from the central one: the linear part of the damped-trend
/// model driven by its errors, `d(h) = e(h) + Σ_j<h c(h−j)·e(j)`, run step by step. A random
/// walk is the case α = 1, β* = 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Drift {
    /// Level smoothing.
    pub alpha: f64,
    /// Trend smoothing.
    pub beta: f64,
    /// Damping.
    pub phi: f64,
    /// The yearly spread of the errors.
    pub sigma: f64,
}

impl Drift {
    /// A random walk with spread `sigma`.
    pub fn walk(sigma: f64) -> Drift {
        Drift {
            alpha: 1.0,
            beta: 0.0,
            phi: 0.0,
            sigma,
        }
    }

    /// The deviations of one path for `years` years ahead, drawing standard normals from `rng`.
    pub fn path(&self, rng: &mut SplitMix64, out: &mut [f64]) {
        let (mut level, mut trend) = (0.0_f64, 0.0_f64);
        for slot in out.iter_mut() {
            let error = self.sigma * rng.normal();
            let step = level + self.phi * trend;
            *slot = step + error;
            level = step + self.alpha * error;
            trend = self.phi * trend + self.alpha * self.beta * error;
        }
    }

    /// The standard deviation of the deviation `h` years ahead (closed form of [`Drift::path`]):
    /// σ·√(1 + Σ_{j=1}^{h−1} c_j²) with c_j = α·(1 + β*·(φ + … + φ^j)).
    pub fn sd(&self, h: u32) -> f64 {
        let mut var = 1.0;
        for j in 1..h {
            let c = self.alpha * (1.0 + self.beta * damped_sum(self.phi, j));
            var += c * c;
        }
        self.sigma * var.sqrt()
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): a few lines, good enough for a thousand paths of
/// normal draws, and no crate in the wasm (the page is within a few KB of its size budget).
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
    spare: Option<f64>,
}

impl SplitMix64 {
    /// A generator from a seed.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64 {
            state: seed,
            spare: None,
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A uniform draw in (0, 1): never zero, so its logarithm is finite.
    pub fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// A standard normal draw: Marsaglia's polar method, both halves used. Unlike Box–Muller it
    /// needs no sine or cosine, whose code the wasm would otherwise carry only for this.
    pub fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare.take() {
            return z;
        }
        loop {
            let u = 2.0 * self.uniform() - 1.0;
            let v = 2.0 * self.uniform() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                let k = (-2.0 * s.ln() / s).sqrt();
                self.spare = Some(v * k);
                return u * k;
            }
        }
    }
}

/// An `f64` back to `Decimal`, rounded to `dp` places (half away from zero); `None` when it is
/// not finite or too large for a decimal.
pub fn to_decimal(x: f64, dp: u32) -> Option<Decimal> {
    if !x.is_finite() {
        return None;
    }
    // The common case, a scaled value well inside an i64, takes one multiplication and one
    // rounding (f64::round is half away from zero); `from_f64_retain` carries every binary digit
    // and was most of a recompute's time.
    const POWERS: [f64; 13] = [
        1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
    ];
    if let Some(power) = POWERS.get(dp as usize) {
        let scaled = x * power;
        if scaled.abs() < 9.0e15 {
            // Half away from zero; the cast truncates toward zero.
            let rounded = (scaled + 0.5_f64.copysign(scaled)) as i64;
            return Some(Decimal::new(rounded, dp));
        }
    }
    Decimal::from_f64_retain(x)
        .map(|d| d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero))
}

/// A `Decimal` as `f64` for the fit (`None` only for values no amount reaches).
pub fn to_f64(d: Decimal) -> Option<f64> {
    use rust_decimal::prelude::ToPrimitive;
    d.to_f64().filter(|x| x.is_finite())
}

/// The value at quantile `q` (0 to 1) of `values`, which it reorders: the nearest-rank sample.
/// A hand-written quickselect (Hoare's FIND): the standard library's selection would bring a
/// generic pattern-defeating sort into the wasm for this one use.
pub fn quantile(values: &mut [f64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let last = values.len() - 1;
    let rank = ((q * last as f64).round() as usize).min(last);
    let (mut lo, mut hi) = (0, last);
    while lo < hi {
        let pivot = *values.get((lo + hi) / 2)?;
        let (mut i, mut j) = (lo, hi);
        while i <= j {
            while values.get(i).is_some_and(|v| *v < pivot) {
                i += 1;
            }
            while values.get(j).is_some_and(|v| *v > pivot) {
                j = j.checked_sub(1)?;
            }
            if i <= j {
                values.swap(i, j);
                i += 1;
                match j.checked_sub(1) {
                    Some(k) => j = k,
                    None => break,
                }
            }
        }
        if rank <= j {
            hi = j;
        } else if rank >= i {
            lo = i;
        } else {
            break;
        }
    }
    values.get(rank).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    /// Worked by hand from FPP3 §8.2's equations (α = β* = 0.5, φ = 0.9, ℓ1 = y1, b1 = y2 − y1):
    /// t=2: ŷ = 1 + 0.9·1 = 1.9, e = 0.1, ℓ = 0.5·2 + 0.5·1.9 = 1.95, b = 0.5·0.95 + 0.5·0.9·1 = 0.925;
    /// t=3: ŷ = 1.95 + 0.8325 = 2.7825, e = 1.2175, ℓ = 3.39125, b = 0.720625 + 0.41625 = 1.136875;
    /// t=4: ŷ = 3.39125 + 1.0231875 = 4.4144375, e = 0.5855625, ℓ = 4.70721875,
    ///      b = 0.657984375 + 0.51159375 = 1.169578125;
    /// ŷ(4+2) = 4.70721875 + (0.9 + 0.81)·1.169578125 = 6.70719734375.
    #[test]
    fn the_recursion_matches_the_textbook_equations_worked_by_hand() {
        let y = [1.0, 2.0, 4.0, 5.0];
        let (level, trend, sse) = run(&y, 0.5, 0.5, 0.9).expect("runs");
        let cases = [
            ("level ℓ4", level, 4.707_218_75),
            ("trend b4", trend, 1.169_578_125),
            (
                "sum of squared errors 0.1² + 1.2175² + 0.5855625²",
                sse,
                0.01 + 1.482_306_25 + 0.342_883_441_406_25,
            ),
        ];
        for (what, got, want) in cases {
            assert!(close(got, want), "{what}: {got} against {want}");
        }
        let f = Fit {
            alpha: 0.5,
            beta: 0.5,
            phi: 0.9,
            level,
            trend,
            rmse: 0.0,
        };
        assert!(
            close(f.forecast(2), 6.707_197_343_75),
            "two years ahead: {}",
            f.forecast(2)
        );
        assert!(close(damped_sum(0.9, 3), 0.9 + 0.81 + 0.729), "φ+φ²+φ³");
    }

    #[test]
    fn a_straight_line_is_fitted_with_the_full_trend_and_damped_ahead() {
        // y = 1, 2, 3, 4, 5: with α = 1 and β* = 1 every one-step error after the first is
        // (1 − φ)·1 = 0.1... the grid's best is the one with the smallest sum; whatever it picks,
        // the forecast rises and by less than the undamped line.
        let y = [1.0, 2.0, 3.0, 4.0, 5.0];
        let f = fit(&y).expect("fits");
        let ahead = f.forecast(5);
        assert!(ahead > 5.0 && ahead < 10.0, "damped rise: {ahead} ({f:?})");
        assert!(fit(&y[..2]).is_none(), "two years: no fit");
    }

    #[test]
    fn the_drift_spread_matches_its_closed_form_and_widens() {
        let d = Drift {
            alpha: 0.6,
            beta: 0.3,
            phi: 0.9,
            sigma: 0.1,
        };
        let mut rng = SplitMix64::new(SEED);
        let n = 20_000;
        let mut sums = [0.0_f64; 5];
        let mut out = [0.0_f64; 5];
        for _ in 0..n {
            d.path(&mut rng, &mut out);
            for (s, x) in sums.iter_mut().zip(out) {
                *s += x * x;
            }
        }
        for (h, s) in sums.iter().enumerate() {
            let sd = (s / n as f64).sqrt();
            let want = d.sd(h as u32 + 1);
            assert!(
                (sd - want).abs() < 0.03 * want,
                "h={}: {sd} vs {want}",
                h + 1
            );
        }
        assert!(d.sd(5) > d.sd(1), "widens");
        assert!(close(Drift::walk(0.1).sd(4), 0.2), "random walk: σ√h");
    }

    #[test]
    fn the_generator_is_deterministic_and_roughly_normal() {
        let mut a = SplitMix64::new(7);
        let mut b = SplitMix64::new(7);
        let xs: Vec<f64> = (0..1000).map(|_| a.normal()).collect();
        let ys: Vec<f64> = (0..1000).map(|_| b.normal()).collect();
        assert_eq!(xs, ys, "same seed, same draws");
        let mean = xs.iter().sum::<f64>() / 1000.0;
        let var = xs.iter().map(|x| x * x).sum::<f64>() / 1000.0;
        assert!(mean.abs() < 0.1 && (var - 1.0).abs() < 0.15, "{mean} {var}");
        // SplitMix64's first output from seed 0, as published with the algorithm.
        assert_eq!(
            SplitMix64::new(0).next_u64(),
            0xe220_a839_7b1d_cdaf,
            "reference value"
        );
    }

    #[test]
    fn a_cached_fit_is_the_fit() {
        let series: Vec<Vec<f64>> = (0..40)
            .map(|k| (0..5).map(|i| f64::from(i * (k % 7) + k)).collect())
            .collect();
        for y in series.iter().chain(series.iter().rev()) {
            assert_eq!(fit_cached(y), fit(y), "{y:?}");
        }
    }

    #[test]
    fn the_stated_constants_are_the_ones_used() {
        let (floor, max) = STATED;
        let read = |s: &str| s.parse::<f64>().expect(s);
        assert_eq!(
            (read(floor), read(max)),
            (SIGMA_FLOOR, SIGMA_MAX),
            "About says what the model does"
        );
        let largest = BETA_GRID.iter().copied().fold(f64::MIN, f64::max);
        assert_eq!(read(BETA_MAX), largest, "About states the largest β* tried");
        assert_eq!(
            SIGMA_UNKNOWN, 0.2,
            "About says 20 % a year with a single change"
        );
    }

    #[test]
    fn a_trend_is_carried_on_for_as_many_steps_as_it_was_measured_over() {
        for n in MIN_YEARS..=WINDOW {
            let phi = damping(n);
            let steps = (n - 1) as f64;
            // φ/(1 − φ): what the damped sum tends to, in last yearly steps.
            assert!(close(phi / (1.0 - phi), steps), "{n} years: φ = {phi}");
            assert!(damped_sum(phi, 100) < steps && damped_sum(phi, 100) > steps - 1e-6);
        }
        assert!(close(damping(4), 0.75) && close(damping(6), 5.0 / 6.0));
        let y: Vec<f64> = (0..4).map(|k| f64::from(k) * 0.2).collect();
        assert_eq!(fit(&y).map(|f| f.phi), Some(0.75), "the fit uses it");
    }

    #[test]
    fn decimals_come_back_rounded_and_never_panic() {
        let cases = [
            (1.234_567_f64, 2, Some(Decimal::new(123, 2))),
            (f64::NAN, 2, None),
            (f64::INFINITY, 0, None),
            (1e40, 0, None),
        ];
        for (x, dp, want) in cases {
            assert_eq!(to_decimal(x, dp), want, "{x}");
        }
        let mut v = vec![5.0, 1.0, 3.0, 2.0, 4.0];
        assert_eq!(quantile(&mut v, 0.5), Some(3.0), "median");
        let mut rng = SplitMix64::new(3);
        for n in [1usize, 2, 3, 10, 999] {
            let xs: Vec<f64> = (0..n).map(|_| (rng.uniform() * 20.0).floor()).collect();
            let mut sorted = xs.clone();
            sorted.sort_by(f64::total_cmp);
            for q in [0.0, 0.025, 0.1, 0.5, 0.9, 0.975, 1.0] {
                let rank = ((q * (n - 1) as f64).round() as usize).min(n - 1);
                let mut work = xs.clone();
                assert_eq!(quantile(&mut work, q), Some(sorted[rank]), "n={n} q={q}");
            }
        }
        assert_eq!(quantile(&mut [], 0.5), None, "empty");
    }
}
