//! Derived measures: the arithmetic the app does on published figures, all in `Decimal`.
//!
//! Every function here takes full-precision values and returns a full-precision result (rust_decimal
//! keeps 28 significant digits and rounds the last one of a quotient). Nothing is rounded until it is
//! shown: [`round_for_display`] names its rounding ([`DISPLAY_ROUNDING`], half away from zero, the way
//! statistics offices and newspapers round) rather than rust_decimal's default banker's rounding.
//!
//! Operations that make no sense (a fold change across a change of sign, a growth rate from zero)
//! return an [`Undefined`] instead of a number, and an overflow is an [`Undefined::Overflow`], never a
//! panic, because every input here may have been typed by a reader.
//!
//! ```
//! use jikgu::core::{pct_change, Decimal};
//! // KIEP: sales to China fell from 5.201 tn won (2020) to 1.056 tn (2023).
//! let drop = pct_change(Decimal::new(5201, 3), Decimal::new(1056, 3)).unwrap();
//! assert_eq!(jikgu::core::round_for_display(drop, 1), Decimal::new(-797, 1));
//! ```

use super::arith::Arith;
use std::fmt;

use rust_decimal::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};

use super::lang::Lang;

/// The rounding used whenever a value is shown: half away from zero (2.45 → 2.5, −2.45 → −2.5).
pub const DISPLAY_ROUNDING: RoundingStrategy = RoundingStrategy::MidpointAwayFromZero;

/// Rounds a value for display to `dp` decimal places with [`DISPLAY_ROUNDING`].
pub fn round_for_display(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, DISPLAY_ROUNDING)
}

/// Why a derived measure has no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Undefined {
    /// A ratio with zero below the line.
    DivisionByZero,
    /// A fold change or growth rate between a negative and a positive value (a surplus turning into a
    /// deficit has no "how many times").
    OppositeSigns,
    /// A rate, a number of years or an exchange rate that must be above zero was not.
    NotPositive,
    /// The result is beyond what a decimal can hold (about 7.9 × 10^28).
    Overflow,
    /// A year given to a function was not a whole year in range.
    BadYear,
}

impl Undefined {
    /// A reader's explanation.
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            Undefined::DivisionByZero => lang.pick("0으로 나눌 수 없습니다", "division by zero"),
            Undefined::OppositeSigns => lang.pick(
                "부호가 다른 두 값(흑자와 적자) 사이의 배수나 증가율은 정의되지 않습니다",
                "a fold change or growth rate between values of opposite sign is undefined",
            ),
            Undefined::NotPositive => lang.pick(
                "0보다 커야 하는 값이 0 이하입니다",
                "a value that must be above zero is not",
            ),
            Undefined::Overflow => lang.pick(
                "값이 너무 커서 계산할 수 없습니다",
                "the result is too large to compute",
            ),
            Undefined::BadYear => lang.pick(
                "연도가 올바르지 않습니다",
                "expected a whole year from 1990 to 2100",
            ),
        }
    }
}

impl fmt::Display for Undefined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message(Lang::En))
    }
}

/// The result of a derived measure.
pub type Measured = Result<Decimal, Undefined>;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// 0.01, exactly: multiplying by it turns a per cent into a fraction without a (slower) division.
pub(crate) const PER_CENT: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

fn of(v: Option<Decimal>) -> Measured {
    v.ok_or(Undefined::Overflow)
}

/// The balance: sales minus purchases (negative is a deficit).
pub fn balance(sales: Decimal, purchases: Decimal) -> Measured {
    of(sales.minus(purchases))
}

/// The change from `from` to `to` in per cent of `from`'s size: (to − from) / |from| × 100.
///
/// Dividing by the magnitude keeps the sign meaningful for balances: a deficit that deepens from
/// −10 to −15 is a change of −50 %.
pub fn pct_change(from: Decimal, to: Decimal) -> Measured {
    if from.is_zero() {
        return Err(Undefined::DivisionByZero);
    }
    let diff = of(to.minus(from))?;
    of(diff.checked_div(from.abs()).and_then(|r| r.times(HUNDRED)))
}

/// How many times `to` is `from` ("600-fold"). Both must be on the same side of zero.
pub fn fold(from: Decimal, to: Decimal) -> Measured {
    if from.is_zero() {
        return Err(Undefined::DivisionByZero);
    }
    if to.is_sign_negative() != from.is_sign_negative() && !to.is_zero() {
        return Err(Undefined::OppositeSigns);
    }
    of(to.checked_div(from))
}

/// The compound annual growth rate, in per cent, that takes `from` to `to` in `years` years.
///
/// Computed as ((to / from)^(1 / years) − 1) × 100. For whole years the root is found by Newton's
/// method to 9 decimal places of the growth factor ([`FACTOR_DP`]); fractional years use rust_decimal's
/// `checked_powd` (exp of a logarithm). Both values must share a sign.
pub fn cagr(from: Decimal, to: Decimal, years: Decimal) -> Measured {
    if years <= Decimal::ZERO {
        return Err(Undefined::NotPositive);
    }
    let ratio = fold(from, to)?;
    if ratio.is_zero() {
        return Ok(-HUNDRED);
    }
    let whole_years = if years.fract().is_zero() {
        years.to_u32()
    } else {
        None
    };
    let root = match whole_years.and_then(|n| nth_root(ratio, n)) {
        Some(root) => root,
        None => of(Decimal::ONE
            .checked_div(years)
            .and_then(|e| ratio.checked_powd(e)))?,
    };
    of(root.minus(Decimal::ONE).and_then(|g| g.times(HUNDRED)))
}

/// Decimal places kept in growth factors (roots and compounded powers): 10^-9 of a factor moves a
/// 16-year projection of 10 trillion won by well under a million won, far below the 억 (10^8) that
/// is the finest unit shown, and operands this short keep each product exact inside a decimal's
/// 96 bits, with one cheap division to round it back.
pub const FACTOR_DP: u32 = 9;

/// Most Newton steps tried before falling back to the slower exp-and-logarithm route.
const ROOT_STEPS: u32 = 200;

/// Caps the decimal places of an intermediate value at `dp`, rounding half away from zero.
///
/// Used to keep intermediate operands short, never for display ([`round_for_display`] does that).
/// A value with fewer places is returned as it is (rescaling up would only lengthen it).
///
/// The result is bit for bit `Decimal::rescale(dp)` (the sign of a value that rounds to zero is
/// kept too), but the 96-bit mantissa is divided once as a `u128` where `rescale` divides word by
/// word in chunks of nine digits: every compounded power and every projected cell passes through
/// here, so it is the hottest arithmetic of a recompute.
pub(crate) fn cap_dp(value: Decimal, dp: u32) -> Decimal {
    let scale = value.scale();
    if scale <= dp {
        return value;
    }
    let magnitude = value.mantissa().unsigned_abs();
    round_magnitude(magnitude, value.is_sign_negative(), scale, dp).unwrap_or_else(|| {
        let mut capped = value;
        capped.rescale(dp);
        capped
    })
}

/// `a × b` with its places capped at `dp`: bit for bit `cap_dp(a.times(b)?, dp)`.
///
/// When both mantissas fit in 64 bits and the product in a decimal's 96 (growth factors, powers
/// and projected values all do), `checked_mul` is exact, so the product is taken and rounded once
/// in a `u128`; anything else goes through `checked_mul` and [`cap_dp`].
pub(crate) fn mul_cap(a: Decimal, b: Decimal, dp: u32) -> Option<Decimal> {
    let scale = a.scale().saturating_add(b.scale());
    let factors = u64::try_from(a.mantissa().unsigned_abs())
        .ok()
        .zip(u64::try_from(b.mantissa().unsigned_abs()).ok());
    if let Some((x, y)) = factors {
        let product = u128::from(x) * u128::from(y);
        if product != 0 && product >> 96 == 0 && scale <= Decimal::MAX_SCALE {
            let negative = a.is_sign_negative() != b.is_sign_negative();
            if let Some(capped) = round_magnitude(product, negative, scale, dp) {
                return Some(capped);
            }
        }
    }
    Some(cap_dp(a.times(b)?, dp))
}

/// The decimal `±magnitude × 10^-scale` (`magnitude` below 2^96, `scale` at most 28) with at most
/// `dp` places, rounded half away from zero as `Decimal::rescale` does, the sign kept even when
/// the value rounds to zero. `None` only if the arguments are out of those ranges.
fn round_magnitude(magnitude: u128, negative: bool, scale: u32, dp: u32) -> Option<Decimal> {
    // 10^0 to 10^19, every power of ten a u64 holds (a table: `u128::pow` loops on every call).
    const POWERS_OF_TEN: [u64; 20] = {
        let mut powers = [1u64; 20];
        let mut i = 1;
        while i < powers.len() {
            powers[i] = powers[i - 1] * 10;
            i += 1;
        }
        powers
    };
    let (rounded, places) = if scale <= dp {
        (magnitude, scale)
    } else {
        let drop = scale - dp;
        let divisor = match POWERS_OF_TEN.get(drop as usize) {
            Some(p) => u128::from(*p),
            None => 10u128.checked_pow(drop)?,
        };
        let quotient = magnitude / divisor;
        let remainder = magnitude - quotient * divisor;
        // Half away from zero: the dropped digits are at least half the divisor.
        if remainder >= divisor - remainder {
            (quotient + 1, dp)
        } else {
            (quotient, dp)
        }
    };
    let mut out = Decimal::try_from_i128_with_scale(i128::try_from(rounded).ok()?, places).ok()?;
    out.set_sign_negative(negative);
    Some(out)
}

fn pow_rounded(x: Decimal, mut exp: u32) -> Option<Decimal> {
    let (mut base, mut acc) = (x, Decimal::ONE);
    while exp > 0 {
        if exp & 1 == 1 {
            acc = mul_cap(acc, base, FACTOR_DP)?;
        }
        exp >>= 1;
        if exp > 0 {
            base = mul_cap(base, base, FACTOR_DP)?;
        }
    }
    Some(acc)
}

/// The positive `n`-th root of a positive `ratio`, by Newton's method.
///
/// It starts from Bernoulli's bound 1 + (ratio − 1) / n, which is never below the root, so the steps
/// fall monotonically onto it; it stops when a step no longer lowers the estimate (at [`FACTOR_DP`]
/// places). Much faster than `checked_powd`, which matters because every projected series takes one
/// root on every recompute. Returns `None` where it cannot work, and the caller falls back.
fn nth_root(ratio: Decimal, n: u32) -> Option<Decimal> {
    if ratio <= Decimal::ZERO || n == 0 {
        return None;
    }
    if n == 1 {
        return Some(ratio);
    }
    let nd = Decimal::from(n);
    let mut x = cap_dp(
        ratio
            .minus(Decimal::ONE)?
            .checked_div(nd)?
            .plus(Decimal::ONE)?,
        FACTOR_DP,
    );
    for _ in 0..ROOT_STEPS {
        let below = pow_rounded(x, n - 1)?;
        let value = below.times(x)?;
        let slope = nd.times(below)?;
        if slope.is_zero() {
            return None;
        }
        let next = cap_dp(x.minus(value.minus(ratio)?.checked_div(slope)?)?, FACTOR_DP);
        if next >= x || next <= Decimal::ZERO {
            return Some(x);
        }
        x = next;
    }
    None
}

/// A part's share of a whole, in per cent (China's share of all purchases).
pub fn share(part: Decimal, whole: Decimal) -> Measured {
    if whole.is_zero() {
        return Err(Undefined::DivisionByZero);
    }
    of(part.checked_div(whole).and_then(|r| r.times(HUNDRED)))
}

/// The won-per-dollar rate implied by the same amount given in both currencies.
pub fn implied_rate(won: Decimal, usd: Decimal) -> Measured {
    if usd.is_zero() {
        return Err(Undefined::DivisionByZero);
    }
    let rate = of(won.checked_div(usd))?;
    if rate <= Decimal::ZERO {
        return Err(Undefined::OppositeSigns);
    }
    Ok(rate)
}

/// Won to dollars at `rate` won per dollar.
pub fn to_usd(won: Decimal, rate: Decimal) -> Measured {
    if rate <= Decimal::ZERO {
        return Err(Undefined::NotPositive);
    }
    of(won.checked_div(rate))
}

/// Dollars to won at `rate` won per dollar.
pub fn to_won(usd: Decimal, rate: Decimal) -> Measured {
    if rate <= Decimal::ZERO {
        return Err(Undefined::NotPositive);
    }
    of(usd.times(rate))
}

/// `base` grown by `pct` per cent a year for `years` years (compounded).
///
/// The growth factor and its powers are kept to [`FACTOR_DP`] places.
pub fn grow(base: Decimal, pct: Decimal, years: i64) -> Measured {
    let factor = of(pct.times(PER_CENT).and_then(|g| Decimal::ONE.plus(g)))?;
    if factor < Decimal::ZERO {
        return Err(Undefined::NotPositive);
    }
    let power = match u32::try_from(years) {
        Ok(n) => of(pow_rounded(cap_dp(factor, FACTOR_DP), n))?,
        Err(_) => of(factor.checked_powi(years))?,
    };
    of(base.times(power))
}

/// A year-on-year change: the difference and, where defined, the percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearChange {
    /// This year minus last year, in the series' measure.
    pub abs: Decimal,
    /// The change in per cent of last year's size; `None` when last year was zero.
    pub pct: Option<Decimal>,
}

/// The change from last year's value to this year's.
pub fn year_change(previous: Decimal, current: Decimal) -> Option<YearChange> {
    let abs = current.minus(previous)?;
    Some(YearChange {
        abs,
        pct: pct_change(previous, current).ok(),
    })
}

/// A formula the app applied, named so a reader can see it in words and in symbols.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Formula {
    /// Balance from the two flows.
    Balance,
    /// Won converted to dollars at a rate.
    ToUsd,
    /// Dollars converted to won at a rate.
    ToWon,
    /// A percentage change between two years.
    PctChange,
    /// A fold change between two years.
    Fold,
    /// A compound annual growth rate.
    Cagr,
    /// A share of a total.
    Share,
    /// An exchange rate implied by a won/dollar pair.
    ImpliedRate,
    /// A level carried on from the year before by the source's published year-on-year change,
    /// where the source stopped publishing the level but kept publishing the change.
    ChainedYoy,
    /// A level taken back from the year after by that year's published year-on-year change, where
    /// the source printed a level and its change but not the year before on the same basis (the
    /// 2025 re-basing printed 2025's purchases, +5.2 %, and no 2024 level).
    BackFromYoy,
}

impl Formula {
    /// The formula in symbols, the same in both languages.
    pub fn plain(self) -> &'static str {
        match self {
            Formula::Balance => "sales − purchases",
            Formula::ToUsd => "won ÷ won per dollar",
            Formula::ToWon => "dollars × won per dollar",
            Formula::PctChange => "(b − a) ÷ |a| × 100",
            Formula::Fold => "b ÷ a",
            Formula::Cagr => "((b ÷ a)^(1 ÷ years) − 1) × 100",
            Formula::Share => "part ÷ whole × 100",
            Formula::ImpliedRate => "won ÷ dollars",
            Formula::ChainedYoy => "previous year × (1 + y/y % ÷ 100)",
            Formula::BackFromYoy => "next year ÷ (1 + its y/y % ÷ 100)",
        }
    }

    /// The formula in words.
    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            Formula::Balance => lang.pick("역직구(판매) − 직구(구매)", "sales minus purchases"),
            Formula::ToUsd => lang.pick(
                "원화 금액을 환율로 나눈 달러 금액",
                "won divided by the won-per-dollar rate",
            ),
            Formula::ToWon => lang.pick(
                "달러 금액에 환율을 곱한 원화 금액",
                "dollars times the won-per-dollar rate",
            ),
            Formula::PctChange => lang.pick("증감률", "percentage change"),
            Formula::Fold => lang.pick("배수", "fold change"),
            Formula::Cagr => lang.pick("연평균 증가율", "compound annual growth rate"),
            Formula::Share => lang.pick("비중", "share of the total"),
            Formula::ImpliedRate => lang.pick(
                "원화 ÷ 달러로 본 환율",
                "exchange rate implied by won and dollars",
            ),
            Formula::ChainedYoy => lang.pick(
                "전년 값에 출처가 발표한 전년 대비 증감률을 적용해 이은 값",
                "the year before carried on by the source's published year-on-year change",
            ),
            Formula::BackFromYoy => lang.pick(
                "다음 해 값을 출처가 발표한 그해의 전년 대비 증감률로 되돌려 구한 값",
                "the year after, taken back by its published year-on-year change",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).expect(s)
    }

    #[test]
    fn hand_worked_measures_from_the_brief() {
        // (what, computed, expected after display rounding, decimal places)
        let cases: Vec<(&str, Measured, &str, u32)> = vec![
            (
                "KIEP 2023 deficit at 1,306 won/$ in $bn",
                to_usd(d("-6003"), d("1306")),
                "-4.596",
                3,
            ),
            (
                "implied rate 6.003 tn / 4.3 bn",
                implied_rate(d("6003"), d("4.3")),
                "1396.0",
                1,
            ),
            (
                "KIEP sales to China 5.201 → 1.056",
                pct_change(d("5.201"), d("1.056")),
                "-79.7",
                1,
            ),
            (
                "KIEP purchases from China 2.107 → 3.227",
                pct_change(d("2.107"), d("3.227")),
                "53.16",
                2,
            ),
            (
                "KOSTAT first 1.4858 → 3.2873",
                pct_change(d("1.4858"), d("3.2873")),
                "121.2",
                1,
            ),
            (
                "KIEP balance fold 10 bn → 6,003 bn",
                fold(d("-10"), d("-6003")),
                "600.3",
                1,
            ),
            (
                "the story's own fold 100 bn → 6,003 bn",
                fold(d("-100"), d("-6003")),
                "60.03",
                2,
            ),
            (
                "deficit deepening −10 → −15",
                pct_change(d("-10"), d("-15")),
                "-50",
                0,
            ),
            (
                "KOSTAT purchases CAGR 2014–2024",
                cagr(d("1.642"), d("7.9583"), d("10")),
                "17.1",
                1,
            ),
            (
                "KIEP sales to China CAGR 2020–2023",
                cagr(d("5.201"), d("1.056"), d("3")),
                "-41.2",
                1,
            ),
            (
                "China's share of purchases 2024",
                share(d("4.7772"), d("7.9583")),
                "60.0",
                1,
            ),
            (
                "US share of purchases 2014",
                share(d("1.1932"), d("1.642")),
                "72.7",
                1,
            ),
            (
                "KCS 2024 import rate 8.462 tn / 6.001 bn",
                implied_rate(d("8462"), d("6.001")),
                "1410.1",
                1,
            ),
            (
                "KOSTAT revised 2023 balance",
                balance(d("1.6972"), d("6.6819")),
                "-4.9847",
                4,
            ),
            ("dollars to won", to_won(d("4.3"), d("1306")), "5615.8", 1),
            (
                "two years of 10 % growth",
                grow(d("100"), d("10"), 2),
                "121",
                0,
            ),
        ];
        for (what, got, want, dp) in cases {
            let got = got.unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(round_for_display(got, dp), d(want), "{what}: got {got}");
        }
    }

    #[test]
    fn newton_roots_agree_with_powd() {
        for (ratio, n) in [
            ("4.8467", 10),
            ("0.203038", 3),
            ("1", 5),
            ("600.3", 4),
            ("0.0001", 16),
            ("123456789", 2),
            ("2", 1),
        ] {
            let r = d(ratio);
            let newton = nth_root(r, n).unwrap_or_else(|| panic!("root of {ratio}"));
            let powd = r
                .checked_powd(Decimal::ONE / Decimal::from(n))
                .expect("powd");
            assert!(
                (newton - powd).abs() < d("0.000001") * powd,
                "{ratio}^(1/{n}): {newton} vs {powd}"
            );
        }
    }

    #[test]
    fn undefined_measures_say_why() {
        let cases: Vec<(&str, Measured, Undefined)> = vec![
            (
                "fold across a change of sign",
                fold(d("2.3686"), d("-4.985")),
                Undefined::OppositeSigns,
            ),
            (
                "fold from zero",
                fold(d("0"), d("1")),
                Undefined::DivisionByZero,
            ),
            (
                "growth from zero",
                pct_change(d("0"), d("1")),
                Undefined::DivisionByZero,
            ),
            (
                "CAGR over no years",
                cagr(d("1"), d("2"), d("0")),
                Undefined::NotPositive,
            ),
            (
                "conversion at a zero rate",
                to_usd(d("1"), d("0")),
                Undefined::NotPositive,
            ),
            (
                "overflow",
                grow(Decimal::MAX, d("100"), 2),
                Undefined::Overflow,
            ),
            (
                "share of nothing",
                share(d("1"), d("0")),
                Undefined::DivisionByZero,
            ),
            (
                "implied rate of opposite signs",
                implied_rate(d("-1"), d("1")),
                Undefined::OppositeSigns,
            ),
        ];
        for (what, got, want) in cases {
            assert_eq!(got, Err(want), "{what}");
        }
    }

    #[test]
    fn cap_dp_and_mul_cap_are_rescale_bit_for_bit() {
        let rescaled = |v: Decimal, dp: u32| {
            let mut r = v;
            if r.scale() > dp {
                r.rescale(dp);
            }
            r
        };
        let mut values: Vec<Decimal> = [
            "0",
            "-0.0004",
            "0.5",
            "-0.5",
            "0.45",
            "2.5",
            "-2.5",
            "1.999999999999",
            "123.456",
            "-7.0000000005",
            "0.0000000000000000000000000005",
        ]
        .iter()
        .map(|s| d(s))
        .collect();
        values.extend([
            Decimal::MAX,
            Decimal::MIN,
            Decimal::ONE,
            Decimal::NEGATIVE_ONE,
        ]);
        // Mantissas spread over all 96 bits, at every scale, from a fixed linear congruential sequence.
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            seed
        };
        for _ in 0..2000 {
            let bits = u128::from(next()) << 64 | u128::from(next());
            let width = next() % 97;
            let mantissa = i128::try_from(bits >> (128 - width.max(1))).expect("96 bits");
            let scale = u32::try_from(next() % 29).expect("scale");
            let mut v = Decimal::from_i128_with_scale(mantissa, scale);
            v.set_sign_negative(next() % 2 == 0);
            values.push(v);
        }
        for v in &values {
            for dp in 0..=28 {
                assert_eq!(
                    cap_dp(*v, dp).serialize(),
                    rescaled(*v, dp).serialize(),
                    "{v} to {dp} places"
                );
            }
        }
        // The fused product agrees with checked_mul then cap_dp, overflow included.
        for (i, a) in values.iter().enumerate() {
            for b in values.iter().skip(i % 7).step_by(37) {
                for dp in [0, 7, 9, 28] {
                    assert_eq!(
                        mul_cap(*a, *b, dp).map(|d| d.serialize()),
                        a.times(*b).map(|p| cap_dp(p, dp).serialize()),
                        "{a} × {b} to {dp} places"
                    );
                }
            }
        }
    }

    #[test]
    fn display_rounding_is_half_away_from_zero() {
        for (value, dp, want) in [
            ("2.45", 1, "2.5"),
            ("-2.45", 1, "-2.5"),
            ("2.44", 1, "2.4"),
            ("0.5", 0, "1"),
        ] {
            assert_eq!(
                round_for_display(d(value), dp),
                d(want),
                "{value} to {dp} places"
            );
        }
    }
}
