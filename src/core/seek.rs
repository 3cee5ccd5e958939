//! Goal seek: "what would it take?" Solve one assumption for a target, in `Decimal`.
//!
//! [`solve`] needs a bracket whose ends give results on either side of the target; it narrows the
//! bracket by secant steps (falling back to halving) until it is narrower than the tolerance or
//! [`MAX_ITERATIONS`] is reached. When the two ends fall on the same side, there is no solution in
//! the range and the outcome says so, with the range tried and the values at its ends, rather than
//! inventing one.
//!
//! ```
//! use jikgu::core::{solve, Decimal, SeekOutcome};
//! // The rate at which 6,003 bn won is 4.3 bn dollars (amounts in billions).
//! let f = |rate: Decimal| Decimal::from(6003).checked_div(rate);
//! let target = Decimal::new(43, 1);
//! let out = solve(f, Decimal::ONE, Decimal::from(100_000), target, Decimal::new(1, 6));
//! let SeekOutcome::Solved { value, .. } = out else { panic!() };
//! assert_eq!(value.round_dp(1), Decimal::new(13960, 1));
//! ```

use super::arith::Arith;
use rust_decimal::Decimal;

use super::lang::Lang;
use super::measure::{Undefined, cap_dp};
use super::series::SeriesKey;

/// The most steps a seek makes; 100 halvings alone shrink any bracket here far below the tolerance.
pub const MAX_ITERATIONS: u32 = 100;

/// Halvings made before secant steps start: they tame a strongly curved function (compound growth
/// over a wide range of rates), after which secant steps converge in a few more.
const HALVINGS_FIRST: u32 = 10;

/// Decimal places kept for each trial point.
const MID_DP: u32 = 7;

/// Why a goal seek could not run at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeekIssue {
    /// Growth can only be solved for purchases or sales, not a balance.
    NotAFlow(SeriesKey),
    /// The series has no value to grow from in the chosen view.
    NoBase(SeriesKey),
    /// The other flow of the balance has no value in the target year.
    NoOtherFlow(SeriesKey),
    /// The target year is not a projection year (it must lie after the published years, up to the horizon).
    NotProjected(i32),
    /// The balance has no value in that year.
    NoBalance(SeriesKey, i32),
    /// The arithmetic at an end of the range is undefined.
    Undefined(Undefined),
}

impl SeekIssue {
    /// A reader's explanation.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SeekIssue::NotAFlow(s), Lang::Ko) => {
                format!("{s}: 수지가 아니라 직구나 역직구의 증가율을 찾을 수 있습니다")
            }
            (SeekIssue::NotAFlow(s), Lang::En) => format!("expected purchases or sales, found {s}"),
            (SeekIssue::NoBase(s), Lang::Ko) => {
                format!("{s}: 이 자료에는 출발점이 될 값이 없습니다")
            }
            (SeekIssue::NoBase(s), Lang::En) => {
                format!("expected a value of {s} to grow from, found none in this view")
            }
            (SeekIssue::NoOtherFlow(s), Lang::Ko) => format!("{s}: 해당 연도 값이 없습니다"),
            (SeekIssue::NoOtherFlow(s), Lang::En) => {
                format!("expected a value of {s} in the target year, found none")
            }
            (SeekIssue::NotProjected(y), Lang::Ko) => format!("{y}년은 전망 기간이 아닙니다"),
            (SeekIssue::NotProjected(y), Lang::En) => {
                format!("expected a projection year up to the horizon, found {y}")
            }
            (SeekIssue::NoBalance(s, y), Lang::Ko) => format!("{s} {y}년 값이 없습니다"),
            (SeekIssue::NoBalance(s, y), Lang::En) => {
                format!("expected a value of {s} in {y}, found none")
            }
            (SeekIssue::Undefined(u), _) => u.message(lang).to_string(),
        }
    }
}

/// The result of a goal seek.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeekOutcome {
    /// The assumption that meets the target.
    Solved {
        /// The solved assumption (a growth % a year, or won per dollar).
        value: Decimal,
        /// The result it gives (close to the target, within the tolerance of the input).
        achieved: Decimal,
        /// Steps used.
        iterations: u32,
    },
    /// No value in the range meets the target: both ends fall on the same side.
    NoSolution {
        /// Lower end of the range tried.
        low: Decimal,
        /// Upper end of the range tried.
        high: Decimal,
        /// The result at the lower end.
        at_low: Decimal,
        /// The result at the upper end.
        at_high: Decimal,
    },
    /// The seek could not be set up.
    Unavailable(SeekIssue),
}

/// Halfway between two values that are both within range of each other (bracket ends).
fn midpoint_of(low: Decimal, high: Decimal) -> Decimal {
    let half = |x: Decimal| x / Decimal::TWO;
    half(low).plus(half(high)).unwrap_or(low)
}

/// Finds `x` in `[low, high]` with `f(x)` = `target`, to within `tolerance` of `x`.
///
/// It first halves the bracket [`HALVINGS_FIRST`] times, which tames strongly curved functions such
/// as compound growth over a wide range of rates, then takes secant steps (the Illinois variant of
/// regula falsi: the stale end's value is halved so the search cannot creep in from one side),
/// falling back to the midpoint whenever the secant point is unusable. The root stays bracketed
/// throughout. It stops when the bracket, or a secant step, is narrower than `tolerance`, or after
/// [`MAX_ITERATIONS`] steps; the seeks here take about fifteen where plain bisection takes forty.
///
/// `f` returns `None` where it overflows; an end that overflows makes the seek unavailable. `f` must
/// be monotone on the range for the answer to be the only one; the seeks here are.
pub fn solve(
    f: impl Fn(Decimal) -> Option<Decimal>,
    low: Decimal,
    high: Decimal,
    target: Decimal,
    tolerance: Decimal,
) -> SeekOutcome {
    let gap = |x: Decimal| f(x).and_then(|v| v.minus(target).map(|g| (v, g)));
    let ((low, g_low), (high, g_high)) = match bracket(&gap, low, high) {
        Ok(ends) => ends,
        Err(answered) => return answered,
    };
    let (mut a, mut fa, mut b, mut fb) = (low, g_low, high, g_high);
    let mut kept: i8 = 0;
    let mut halve = true;
    let mut previous: Option<Decimal> = None;
    let mut x = a;
    let mut iterations = 0;
    while iterations < MAX_ITERATIONS {
        // Each point is worked out only when it is the one tried: a halving step needs no secant
        // point, and a secant step needs the midpoint only when its point is unusable.
        let midpoint = || a.plus(b).map(|s| cap_dp(s / Decimal::TWO, MID_DP));
        // Rounding keeps operands short (and the powers in `f` fast); the places kept are far finer
        // than any tolerance used here.
        let secant = || {
            a.times(fb)
                .zip(b.times(fa))
                .and_then(|(p, q)| p.minus(q))
                .zip(fb.minus(fa))
                .and_then(|(num, den)| num.checked_div(den))
                .map(|x| cap_dp(x, MID_DP))
                .filter(|x| *x > a && *x < b)
        };
        let secant_step = !halve;
        let candidate = if halve {
            midpoint()
        } else {
            secant().or_else(midpoint)
        };
        let Some(next) = candidate.filter(|x| *x > a && *x < b) else {
            break;
        };
        x = next;
        iterations += 1;
        // The values only steer the next secant point: capping their places keeps that cheap.
        let Some(g) = gap(x).map(|(_, g)| cap_dp(g, MID_DP)) else {
            break;
        };
        if g.is_zero() {
            a = x;
            b = x;
            break;
        }
        if g.is_sign_negative() == fb.is_sign_negative() {
            b = x;
            fb = g;
            if kept == -1 {
                fa = cap_dp(fa / Decimal::TWO, MID_DP);
            }
            kept = -1;
        } else {
            a = x;
            fa = g;
            if kept == 1 {
                fb = cap_dp(fb / Decimal::TWO, MID_DP);
            }
            kept = 1;
        }
        halve = iterations < HALVINGS_FIRST;
        let narrow = b.minus(a).is_none_or(|w| w <= tolerance);
        let still = secant_step
            && previous
                .and_then(|p| x.minus(p))
                .is_some_and(|d| d.abs() <= tolerance);
        if narrow || still {
            break;
        }
        previous = Some(x);
    }
    let value = if b.minus(a).is_some_and(|w| w <= tolerance) {
        a.plus(b).map_or(x, |s| s / Decimal::TWO)
    } else {
        x
    };
    match f(value) {
        Some(achieved) => SeekOutcome::Solved {
            value,
            achieved,
            iterations,
        },
        None => SeekOutcome::Unavailable(SeekIssue::Undefined(Undefined::Overflow)),
    }
}

/// An end of a bracket: where it is, and the gap between `f` there and the target.
type End = (Decimal, Decimal);

/// The bracket [`solve`] starts from, each end with its gap to the target (`gap` gives the value
/// of `f` and that gap). `Err` is the answer already: an end that cannot be evaluated, an end that is
/// the root, or both ends on the same side of the target.
fn bracket(
    gap: &impl Fn(Decimal) -> Option<(Decimal, Decimal)>,
    low: Decimal,
    high: Decimal,
) -> Result<(End, End), SeekOutcome> {
    // An end where `f` overflows (a thousand per cent a year for sixteen years) is pulled in towards
    // the other end until `f` can be evaluated there; the range reported is the one actually tried.
    let (mut low, mut high) = (low, high);
    let mut ends = (gap(low), gap(high));
    for _ in 0..MAX_ITERATIONS {
        match ends {
            (Some(_), Some(_)) => break,
            (None, Some(_)) => low = cap_dp(midpoint_of(low, high), MID_DP),
            (Some(_), None) => high = cap_dp(midpoint_of(low, high), MID_DP),
            (None, None) => break,
        }
        ends = (gap(low), gap(high));
    }
    let (Some((at_low, g_low)), Some((at_high, g_high))) = ends else {
        return Err(SeekOutcome::Unavailable(SeekIssue::Undefined(
            Undefined::Overflow,
        )));
    };
    if g_low.is_zero() {
        return Err(SeekOutcome::Solved {
            value: low,
            achieved: at_low,
            iterations: 0,
        });
    }
    if g_high.is_zero() {
        return Err(SeekOutcome::Solved {
            value: high,
            achieved: at_high,
            iterations: 0,
        });
    }
    if g_low.is_sign_negative() == g_high.is_sign_negative() {
        return Err(SeekOutcome::NoSolution {
            low,
            high,
            at_low,
            at_high,
        });
    }
    Ok(((low, g_low), (high, g_high)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::MathematicalOps;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).expect(s)
    }

    #[test]
    fn solves_brackets_and_reports_no_solution_honestly() {
        let square = |x: Decimal| x.times(x);
        let cases = [
            ("square root of 2", d("0"), d("2"), d("2"), Some("1.41421")),
            (
                "target at the low end",
                d("3"),
                d("5"),
                d("9"),
                Some("3.00000"),
            ),
            ("no root above the range", d("0"), d("1"), d("4"), None),
        ];
        for (what, low, high, target, want) in cases {
            match (solve(square, low, high, target, d("0.000001")), want) {
                (
                    SeekOutcome::Solved {
                        value, iterations, ..
                    },
                    Some(want),
                ) => {
                    assert_eq!(value.round_dp(5), d(want), "{what}");
                    assert!(iterations <= MAX_ITERATIONS, "{what}: iteration cap");
                }
                (
                    SeekOutcome::NoSolution {
                        low: l,
                        high: h,
                        at_low,
                        at_high,
                    },
                    None,
                ) => {
                    assert_eq!(
                        (l, h, at_low, at_high),
                        (low, high, d("0"), d("1")),
                        "{what}: range reported"
                    );
                }
                (other, _) => panic!("{what}: {other:?}"),
            }
        }
        // 2^100 is beyond a decimal: the upper end is pulled in until 2^x can be computed.
        let steep = |x: Decimal| Decimal::TWO.checked_powd(x);
        assert!(
            matches!(
                solve(steep, d("0"), d("100"), d("1024"), d("0.000001")),
                SeekOutcome::Solved { value, .. } if value.round_dp(3) == d("10")
            ),
            "an end that overflows is pulled in"
        );
        assert_eq!(
            solve(
                |x: Decimal| x.times(Decimal::MAX),
                d("-2"),
                d("2"),
                d("0"),
                d("0.1")
            ),
            SeekOutcome::Unavailable(SeekIssue::Undefined(Undefined::Overflow)),
            "overflow at an end"
        );
    }
}
