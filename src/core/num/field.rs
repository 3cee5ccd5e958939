//! What an input field holds: the quantity, the unit a bare number is read in, and the limits a
//! plausible value stays within.

use crate::core::arith::Arith;
use rust_decimal::Decimal;

use crate::core::lang::Lang;

use super::format::group_digits;

/// The kind of figure a field holds. It decides which units may be typed, the plausible range, and
/// how the value is written back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quantity {
    /// South Korean won (base unit: one won).
    Won,
    /// US dollars (base unit: one dollar).
    Usd,
    /// A percentage, in percentage points: 53.2% is `53.2`.
    Percent,
    /// A multiple, such as a 600-fold rise: `600`.
    Fold,
    /// An exchange rate in won per US dollar: `1396`.
    Rate,
    /// A count of things, such as parcels: `131443000`.
    Count,
    /// A calendar year: `2023`.
    Year,
}

/// The limits a parsed value of one quantity must respect.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    /// The smallest value accepted, in base units.
    pub min: Decimal,
    /// The largest value accepted, in base units.
    pub max: Decimal,
    /// How many decimal places of the base unit are kept.
    pub max_decimals: u32,
}

impl Quantity {
    /// The plausibility limits. Every bound times `10^max_decimals` stays well inside the 28 digits a
    /// `Decimal` holds, so a value within them is always exact.
    pub(super) fn limits(self) -> Limits {
        let (min, max, max_decimals) = match self {
            // ±10^18 won (100경) is a thousand times Korea's GDP: anything larger is a typo.
            Quantity::Won => (-E18, E18, 4),
            Quantity::Usd => (-E15, E15, 6),
            Quantity::Percent => (-E6, E6, 10),
            Quantity::Fold => (0, E6, 10),
            Quantity::Rate => (0, E6, 10),
            Quantity::Count => (-E15, E15, 0),
            Quantity::Year => (1, 9999, 0),
        };
        Limits {
            min: Decimal::from(min),
            max: Decimal::from(max),
            max_decimals,
        }
    }

    /// Whether scale words (만, 억, 조, billion, ...) make sense for this quantity.
    pub(super) fn takes_scales(self) -> bool {
        matches!(self, Quantity::Won | Quantity::Usd | Quantity::Count)
    }

    /// A representative published figure, used to build examples.
    pub(super) fn sample(self) -> Decimal {
        match self {
            Quantity::Won => Decimal::new(6_003_000_000_000, 0),
            Quantity::Usd => Decimal::new(4_300_000_000, 0),
            Quantity::Percent => Decimal::new(532, 1),
            Quantity::Fold => Decimal::new(600, 0),
            Quantity::Rate => Decimal::new(1_396, 0),
            Quantity::Count => Decimal::new(131_443_000, 0),
            Quantity::Year => Decimal::new(2023, 0),
        }
    }
}

const E6: i64 = 1_000_000;
const E15: i64 = 1_000_000_000_000_000;
const E18: i64 = 1_000_000_000_000_000_000;

/// `10^exp` as a `Decimal`, or `None` past what a `Decimal` holds (exp > 28).
pub(super) fn pow10(exp: u32) -> Option<Decimal> {
    let mut out = Decimal::ONE;
    for _ in 0..exp {
        out = out.times(Decimal::TEN)?;
    }
    Some(out)
}

/// What an input field holds and how a bare number typed into it is read.
///
/// A number typed without any unit is taken in the field's display unit: in a field showing
/// trillions of won (조 원), `6.003` means 6.003 × 10^12 won. A number with a unit (`600억`,
/// `₩4.3bn`, `5000원`) is read by that unit whatever the field shows.
///
/// A field holding a trade balance says so with [`FieldUnit::with_balance`]: only there may the sign
/// be typed in words (`6조 30억 원 적자`, `a ₩10 billion surplus`), because only a balance can be a
/// deficit. Elsewhere those words are refused with the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldUnit {
    /// What the field holds.
    pub quantity: Quantity,
    /// A bare number is multiplied by `10^bare_exponent` to get base units.
    pub bare_exponent: u32,
    /// Whether the field holds a balance (sales minus purchases, or a target for one), where
    /// `적자`/`deficit` make the value negative and `흑자`/`surplus` keep it positive.
    pub balance: bool,
}

impl FieldUnit {
    /// A field of `quantity` whose bare numbers are in units of `10^bare_exponent`.
    pub const fn new(quantity: Quantity, bare_exponent: u32) -> FieldUnit {
        FieldUnit {
            quantity,
            bare_exponent,
            balance: false,
        }
    }

    /// The same field holding a balance (`true`) or a flow (`false`): see [`FieldUnit::balance`].
    pub const fn with_balance(self, balance: bool) -> FieldUnit {
        FieldUnit { balance, ..self }
    }

    /// Won, bare numbers in won (원).
    pub const fn won() -> FieldUnit {
        FieldUnit::new(Quantity::Won, 0)
    }

    /// Won, bare numbers in hundreds of millions (억 원).
    pub const fn won_eok() -> FieldUnit {
        FieldUnit::new(Quantity::Won, 8)
    }

    /// Won, bare numbers in trillions (조 원).
    pub const fn won_trillions() -> FieldUnit {
        FieldUnit::new(Quantity::Won, 12)
    }

    /// US dollars, bare numbers in dollars.
    pub const fn usd() -> FieldUnit {
        FieldUnit::new(Quantity::Usd, 0)
    }

    /// US dollars, bare numbers in billions.
    pub const fn usd_billions() -> FieldUnit {
        FieldUnit::new(Quantity::Usd, 9)
    }

    /// A percentage (bare numbers in percentage points).
    pub const fn percent() -> FieldUnit {
        FieldUnit::new(Quantity::Percent, 0)
    }

    /// A multiple (fold).
    pub const fn fold() -> FieldUnit {
        FieldUnit::new(Quantity::Fold, 0)
    }

    /// An exchange rate in won per US dollar.
    pub const fn rate() -> FieldUnit {
        FieldUnit::new(Quantity::Rate, 0)
    }

    /// A count, bare numbers in ones.
    pub const fn count() -> FieldUnit {
        FieldUnit::new(Quantity::Count, 0)
    }

    /// A calendar year.
    pub const fn year() -> FieldUnit {
        FieldUnit::new(Quantity::Year, 0)
    }

    /// The multiplier for a bare number, `10^bare_exponent`; `None` if it does not fit a `Decimal`.
    pub fn bare_scale(&self) -> Option<Decimal> {
        pow10(self.bare_exponent)
    }

    /// The unit to show beside the field, such as `조 원` / `₩ trillion`, `%`, `원/달러` / `₩ per $`.
    pub fn label(&self, lang: Lang) -> String {
        let (ko_unit, en_symbol) = match self.quantity {
            Quantity::Won => ("원", "₩"),
            Quantity::Usd => ("달러", "$"),
            Quantity::Count => ("건", ""),
            Quantity::Percent => return "%".to_owned(),
            Quantity::Fold => return lang.pick("배", "-fold").to_owned(),
            Quantity::Rate => return lang.pick("원/달러", "₩ per $").to_owned(),
            Quantity::Year => return lang.pick("년", "year").to_owned(),
        };
        let Some((ko_scale, en_scale)) = scale_name(self.bare_exponent) else {
            let power = format!("×10^{}", self.bare_exponent);
            return match lang {
                Lang::Ko => format!("{power} {ko_unit}"),
                Lang::En => format!("{en_symbol} {power}").trim().to_owned(),
            };
        };
        match lang {
            Lang::Ko if ko_scale.is_empty() => ko_unit.to_owned(),
            Lang::Ko => format!("{ko_scale} {ko_unit}"),
            Lang::En if en_scale.is_empty() && en_symbol.is_empty() => "count".to_owned(),
            Lang::En => format!("{en_symbol} {en_scale}").trim().to_owned(),
        }
    }

    /// A few ways to type a value into this field, for hints and error messages, such as
    /// `6.003, 6조 30억, 600억 원` in a 조 원 field.
    pub fn example(&self, lang: Lang) -> String {
        let bare = self.bare_example();
        let with_units = match (self.quantity, lang) {
            (Quantity::Won, Lang::Ko) => "6조 30억, 600억 원",
            (Quantity::Won, Lang::En) => "6 trillion 3 billion, 600억 or ₩4.3bn",
            (Quantity::Usd, Lang::Ko) => "43억 달러, $4.3bn",
            (Quantity::Usd, Lang::En) => "$4.3 billion, 4.3bn or 43억 달러",
            (Quantity::Percent, _) => "53.2%, −79.7%",
            (Quantity::Fold, Lang::Ko) => "600배, ×600",
            (Quantity::Fold, Lang::En) => "600-fold or ×600",
            (Quantity::Rate, Lang::Ko) => "1,396.0원/달러",
            (Quantity::Rate, Lang::En) => "₩1,396.0 per $ or 1396 KRW/USD",
            (Quantity::Count, Lang::Ko) => "1억 3,144만",
            (Quantity::Count, Lang::En) => "131.4 million",
            (Quantity::Year, Lang::Ko) => "2023년",
            (Quantity::Year, Lang::En) => "",
        };
        match bare {
            Some(bare) if with_units.is_empty() => bare,
            Some(bare) => format!("{bare}, {with_units}"),
            None => with_units.to_owned(),
        }
    }

    /// The sample figure written as a bare number in this field's display unit.
    fn bare_example(&self) -> Option<String> {
        if self.quantity == Quantity::Year {
            return Some(self.quantity.sample().to_string());
        }
        let bare = self
            .quantity
            .sample()
            .checked_div(self.bare_scale()?)?
            .normalize();
        // A sample that shrinks below a thousandth in this unit makes a poor example.
        if bare < Decimal::new(1, 3) {
            return None;
        }
        Some(group_digits(&bare.to_string()))
    }
}

/// The Korean and English names of a power of ten used as a display unit.
pub(super) fn scale_name(exp: u32) -> Option<(&'static str, &'static str)> {
    Some(match exp {
        0 => ("", ""),
        3 => ("천", "thousand"),
        4 => ("만", "ten thousand"),
        6 => ("백만", "million"),
        8 => ("억", "hundred million"),
        9 => ("십억", "billion"),
        12 => ("조", "trillion"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        let table = [
            (FieldUnit::won(), "원", "₩"),
            (FieldUnit::won_eok(), "억 원", "₩ hundred million"),
            (FieldUnit::won_trillions(), "조 원", "₩ trillion"),
            (FieldUnit::usd(), "달러", "$"),
            (FieldUnit::usd_billions(), "십억 달러", "$ billion"),
            (FieldUnit::new(Quantity::Usd, 6), "백만 달러", "$ million"),
            (FieldUnit::new(Quantity::Won, 7), "×10^7 원", "₩ ×10^7"),
            (FieldUnit::percent(), "%", "%"),
            (FieldUnit::fold(), "배", "-fold"),
            (FieldUnit::rate(), "원/달러", "₩ per $"),
            (FieldUnit::count(), "건", "count"),
            (FieldUnit::new(Quantity::Count, 6), "백만 건", "million"),
            (FieldUnit::year(), "년", "year"),
        ];
        for (unit, ko, en) in table {
            assert_eq!(unit.label(Lang::Ko), ko, "Korean label of {unit:?}");
            assert_eq!(unit.label(Lang::En), en, "English label of {unit:?}");
        }
    }

    #[test]
    fn examples() {
        let table = [
            (
                FieldUnit::won_trillions(),
                Lang::Ko,
                "6.003, 6조 30억, 600억 원",
            ),
            (
                FieldUnit::won_trillions(),
                Lang::En,
                "6.003, 6 trillion 3 billion, 600억 or ₩4.3bn",
            ),
            (
                FieldUnit::won(),
                Lang::Ko,
                "6,003,000,000,000, 6조 30억, 600억 원",
            ),
            (FieldUnit::won_eok(), Lang::Ko, "60,030, 6조 30억, 600억 원"),
            (
                FieldUnit::usd_billions(),
                Lang::En,
                "4.3, $4.3 billion, 4.3bn or 43억 달러",
            ),
            (FieldUnit::percent(), Lang::En, "53.2, 53.2%, −79.7%"),
            (FieldUnit::rate(), Lang::Ko, "1,396, 1,396.0원/달러"),
            (FieldUnit::year(), Lang::En, "2023"),
            (FieldUnit::year(), Lang::Ko, "2023, 2023년"),
            // A scale too large to give a sensible bare number falls back to the unit forms.
            (
                FieldUnit::new(Quantity::Won, 40),
                Lang::Ko,
                "6조 30억, 600억 원",
            ),
            (
                FieldUnit::new(Quantity::Fold, 9),
                Lang::En,
                "600-fold or ×600",
            ),
        ];
        for (unit, lang, want) in table {
            assert_eq!(unit.example(lang), want, "example for {unit:?} in {lang:?}");
        }
    }

    #[test]
    fn limits_fit_a_decimal_exactly() {
        for quantity in [
            Quantity::Won,
            Quantity::Usd,
            Quantity::Percent,
            Quantity::Fold,
            Quantity::Rate,
            Quantity::Count,
            Quantity::Year,
        ] {
            let limits = quantity.limits();
            let digits = limits.max.abs().max(limits.min.abs()).to_string().len() as u32;
            assert!(
                digits + limits.max_decimals <= 28,
                "{quantity:?} needs {digits} + {} digits",
                limits.max_decimals
            );
            assert!(limits.min < limits.max, "{quantity:?} has an empty range");
        }
    }

    #[test]
    fn bare_scale() {
        for (exp, want) in [
            (0, Some(Decimal::ONE)),
            (12, Some(Decimal::new(1_000_000_000_000, 0))),
            (28, pow10(28)),
            (29, None),
        ] {
            assert_eq!(
                FieldUnit::new(Quantity::Won, exp).bare_scale(),
                want,
                "10^{exp}"
            );
        }
    }
}
