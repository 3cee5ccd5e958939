//! Checked decimal addition, subtraction and multiplication, each compiled once.
//!
//! rust_decimal marks `checked_add`, `checked_sub`, `checked_mul` and their saturating forms
//! `#[inline(always)]`, down to the 96-bit arithmetic itself, so every call site got its own copy of
//! the whole operation: about a tenth of the app's wasm was copies of these three. The core calls
//! them through this trait instead, whose methods are never inlined: one copy each, for the price of
//! a call. Division and rounding are already out of line in rust_decimal and are called directly.

use rust_decimal::Decimal;

/// Out-of-line checked arithmetic on [`Decimal`]: `None` (or the bound, when saturating) on overflow.
pub trait Arith: Sized {
    /// `self + other`, or `None` on overflow.
    fn plus(self, other: Self) -> Option<Self>;
    /// `self - other`, or `None` on overflow.
    fn minus(self, other: Self) -> Option<Self>;
    /// `self × other`, or `None` on overflow.
    fn times(self, other: Self) -> Option<Self>;
    /// `self + other`, held at the largest or smallest decimal on overflow.
    fn plus_saturating(self, other: Self) -> Self;
    /// `self - other`, held at the largest or smallest decimal on overflow.
    fn minus_saturating(self, other: Self) -> Self;
}

impl Arith for Decimal {
    #[inline(never)]
    fn plus(self, other: Decimal) -> Option<Decimal> {
        self.checked_add(other)
    }

    #[inline(never)]
    fn minus(self, other: Decimal) -> Option<Decimal> {
        self.checked_sub(other)
    }

    #[inline(never)]
    fn times(self, other: Decimal) -> Option<Decimal> {
        self.checked_mul(other)
    }

    #[inline(never)]
    fn plus_saturating(self, other: Decimal) -> Decimal {
        self.saturating_add(other)
    }

    #[inline(never)]
    fn minus_saturating(self, other: Decimal) -> Decimal {
        self.saturating_sub(other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_answers_as_rust_decimal() {
        let a = Decimal::new(12345, 2);
        let b = Decimal::new(-678, 1);
        assert_eq!(a.plus(b), Some(Decimal::new(5565, 2)));
        assert_eq!(a.minus(b), Some(Decimal::new(19125, 2)));
        assert_eq!(a.times(b), Some(Decimal::new(-8369910, 3)));
        assert_eq!(Decimal::MAX.plus(Decimal::ONE), None);
        assert_eq!(Decimal::MIN.minus(Decimal::ONE), None);
        assert_eq!(Decimal::MAX.times(Decimal::TWO), None);
        assert_eq!(Decimal::MAX.plus_saturating(Decimal::ONE), Decimal::MAX);
        assert_eq!(Decimal::MIN.minus_saturating(Decimal::ONE), Decimal::MIN);
    }
}
