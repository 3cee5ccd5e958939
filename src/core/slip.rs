//! A guard against unit slips: a figure typed in the wrong unit is a thousand or ten thousand times
//! off, and a table of trillions takes it without a murmur.
//!
//! Journalists copy figures out of wire copy and statistical tables that write amounts in 억 or in
//! billions; typed bare into a cell that shows trillions, `4985` (meant as 4,985억) becomes
//! ₩4,985 tn, a thousand times the published figure, and every chart rescales to it. [`check`]
//! compares what was read with the figures around it (the one it replaces and the row's published
//! neighbours, see [`references`]) and, when it is more than [`SLIP_RATIO`] times larger or smaller
//! than all of them, says so and offers the reading of the same digits in another unit that lands
//! nearest. The reader takes either; nothing is applied until they do.
//!
//! ```
//! use jikgu::core::num::FieldUnit;
//! use jikgu::core::slip::check;
//! use rust_decimal::Decimal;
//!
//! let trillions = FieldUnit::won_trillions();
//! let replaced = Decimal::new(6_682, 0) * Decimal::new(100_000_000, 0); // ₩0.6682 tn
//! let typed = Decimal::new(4_985, 0) * Decimal::new(1_000_000_000_000, 0); // `4985` in 조 원
//! let slip = check(typed, &trillions, &[replaced]).expect("ten thousand times off");
//! // The likely intended reading, the one nearest the figure replaced: 4,985억 = ₩0.4985 tn.
//! assert_eq!(slip.suggestion, Some(Decimal::new(4_985, 0) * Decimal::new(100_000_000, 0)));
//! // A figure of the same order passes.
//! assert!(check(replaced * Decimal::TWO, &trillions, &[replaced]).is_none());
//! ```

use rust_decimal::Decimal;

use super::arith::Arith;
use super::lang::{Lang, object_particle, toward_particle};
use super::num::{FieldUnit, Quantity, Style, format};
use super::series::CellRef;
use super::table::{Provenance, Table};

/// How many times larger or smaller than every reference a value must be to be held back. Real
/// revisions and year-on-year moves in this story stay well within it (the largest published jump,
/// sales to China 2022, is a factor of three); a unit slip is a factor of 10³ or 10⁴.
pub const SLIP_RATIO: i64 = 100;

/// How many published neighbours on each side of a cell serve as references.
const NEIGHBOURS: usize = 2;

/// A value held back because it is far out of scale with the figures around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slip {
    /// The value as read, in base units.
    pub typed: Decimal,
    /// The figure it is compared with: the one it replaces, else the nearest published neighbour.
    pub reference: Decimal,
    /// The same digits read in the unit that lands nearest the references, when one lands within
    /// ten times of one: the reading the reader most likely meant.
    pub suggestion: Option<Decimal>,
    /// What the field holds, for writing the figures.
    pub quantity: Quantity,
}

impl Slip {
    /// Why the value was held back and what was probably meant, in the reader's language.
    pub fn message(&self, lang: Lang) -> String {
        let typed = self.show(self.typed, lang);
        let reference = self.show(self.reference, lang);
        let larger = self.typed.abs() > self.reference.abs();
        let mut text = match (lang, larger) {
            (Lang::Ko, true) => {
                format!("{typed}: 바뀌는 값({reference})의 {SLIP_RATIO}배가 넘습니다.")
            }
            (Lang::Ko, false) => {
                format!("{typed}: 바뀌는 값({reference})의 {SLIP_RATIO}분의 1도 안 됩니다.")
            }
            (Lang::En, true) => {
                format!("{typed}: over {SLIP_RATIO} times the figure it replaces ({reference}).")
            }
            (Lang::En, false) => {
                format!("{typed}: under a {SLIP_RATIO}th of the figure it replaces ({reference}).")
            }
        };
        if let Some(suggested) = self.suggestion {
            let korean = format(suggested, self.quantity, Lang::Ko, Style::Compact);
            match lang {
                Lang::Ko => {
                    let particle = object_particle(&korean);
                    text.push_str(&format!(" {korean}{particle} 뜻했나요?"));
                }
                Lang::En => {
                    let english = format(suggested, self.quantity, Lang::En, Style::Compact);
                    text.push_str(&format!(" Did you mean {korean} = {english}?"));
                }
            }
        } else {
            text.push_str(lang.pick(" 단위를 확인하세요.", " Check the unit."));
        }
        text
    }

    /// The label of the button that takes the suggestion, if there is one.
    pub fn take_label(&self, lang: Lang) -> Option<String> {
        let suggested = self.show(self.suggestion?, lang);
        Some(match lang {
            Lang::Ko => format!("{suggested}{} 고치기", toward_particle(&suggested)),
            Lang::En => format!("Use {suggested}"),
        })
    }

    /// The label of the button that keeps the value as typed.
    pub fn keep_label(&self, lang: Lang) -> String {
        let typed = self.show(self.typed, lang);
        match lang {
            Lang::Ko => format!("{typed} 그대로 쓰기"),
            Lang::En => format!("Keep {typed}"),
        }
    }

    fn show(&self, value: Decimal, lang: Lang) -> String {
        format(value, self.quantity, lang, Style::Compact)
    }
}

/// Whether `typed` is out of scale with every one of `references` (zeros among them are ignored),
/// and if so the slip with its likely intended reading. `None`: the value may be applied.
///
/// Zero is never a slip (it is zero in every unit), and nothing is held back when there is no
/// reference to compare with.
pub fn check(typed: Decimal, unit: &FieldUnit, references: &[Decimal]) -> Option<Slip> {
    let reference = references.iter().copied().find(|r| !r.is_zero())?;
    let sizes: Vec<Decimal> = references
        .iter()
        .map(|r| r.abs())
        .filter(|r| !r.is_zero())
        .collect();
    if typed.is_zero() || sizes.iter().any(|r| within(typed.abs(), *r, SLIP_RATIO)) {
        return None;
    }
    Some(Slip {
        typed,
        reference,
        suggestion: suggest(typed, unit, &sizes),
        quantity: unit.quantity,
    })
}

/// Whether `value` lies within `[reference / ratio, reference × ratio]` (both non-negative).
fn within(value: Decimal, reference: Decimal, ratio: i64) -> bool {
    let ratio = Decimal::from(ratio);
    let above_floor = value.times(ratio).is_none_or(|v| v >= reference);
    let below_ceiling = reference.times(ratio).is_none_or(|r| value <= r);
    above_floor && below_ceiling
}

/// The exponents of the units a figure of `quantity` is commonly written in: 원, 천, 만, 백만/mn,
/// 억, 십억/bn and 조/tn for won; ones, thousands, millions, billions and trillions for dollars;
/// ones, thousands, 만, millions and 억 for counts.
fn unit_exponents(quantity: Quantity) -> &'static [u32] {
    match quantity {
        Quantity::Won => &[0, 3, 4, 6, 8, 9, 12],
        Quantity::Usd => &[0, 3, 6, 8, 9, 12],
        Quantity::Count => &[0, 3, 4, 6, 8],
        _ => &[],
    }
}

/// The digits of `typed` read in another common unit, the one landing nearest a reference, provided
/// it lands within ten times of it.
fn suggest(typed: Decimal, unit: &FieldUnit, references: &[Decimal]) -> Option<Decimal> {
    let exponents = unit_exponents(unit.quantity);
    let bare = typed.checked_div(pow10(unit.bare_exponent)?)?;
    let mut best: Option<(Decimal, Decimal)> = None;
    for &exponent in exponents.iter().filter(|e| **e != unit.bare_exponent) {
        let Some(candidate) = bare.times(pow10(exponent)?) else {
            continue;
        };
        let Some(distance) = references
            .iter()
            .filter_map(|r| distance(candidate.abs(), *r))
            .min()
        else {
            continue;
        };
        if distance <= Decimal::TEN && best.is_none_or(|(_, d)| distance < d) {
            best = Some((candidate, distance));
        }
    }
    best.map(|(candidate, _)| candidate.normalize())
}

/// How many times apart two positive figures are: `max(a/b, b/a)`, at least one.
fn distance(a: Decimal, b: Decimal) -> Option<Decimal> {
    if a.is_zero() || b.is_zero() {
        return None;
    }
    let ratio = a.checked_div(b)?;
    if ratio >= Decimal::ONE {
        Some(ratio)
    } else {
        b.checked_div(a)
    }
}

fn pow10(exponent: u32) -> Option<Decimal> {
    let mut out = Decimal::ONE;
    for _ in 0..exponent {
        out = out.times(Decimal::TEN)?;
    }
    Some(out)
}

/// The figures a value typed into `at` is compared with: the one it replaces (whatever the cell
/// shows now) and up to two published figures on each side of it in the same row, nearest first.
pub fn references(table: &Table, at: CellRef) -> Vec<Decimal> {
    let Some(row) = table.row(at.series) else {
        return Vec::new();
    };
    let index = usize::try_from(at.year - table.first_year).ok();
    let mut out: Vec<Decimal> = table.value(at).into_iter().collect();
    let published = |i: usize| {
        row.cells
            .get(i)
            .filter(|c| matches!(c.provenance, Provenance::Published { .. }))
            .and_then(|c| c.value)
    };
    let Some(index) = index else {
        return out;
    };
    let before = (0..index).rev().filter_map(published).take(NEIGHBOURS);
    let after = (index + 1..row.cells.len())
        .filter_map(published)
        .take(NEIGHBOURS);
    out.extend(before);
    out.extend(after);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tn(value: &str) -> Decimal {
        value.parse::<Decimal>().unwrap() * Decimal::new(1_000_000_000_000, 0)
    }

    fn eok(value: i64) -> Decimal {
        Decimal::new(value, 0) * Decimal::new(100_000_000, 0)
    }

    #[test]
    fn held_back_or_applied() {
        let trillions = FieldUnit::won_trillions();
        let billions = FieldUnit::usd_billions();
        // (typed, references, held back?, suggestion, what it checks)
        type Row<'a> = (Decimal, &'a [Decimal], bool, Option<Decimal>, &'a str);
        let rows: &[Row] = &[
            (
                tn("4985"),
                &[tn("-6.003")],
                true,
                Some(tn("4.985")),
                "`4985` in a 조 column beside a ₩6 tn figure was meant in billions (십억)",
            ),
            (
                tn("4985"),
                &[tn("0.6")],
                true,
                Some(eok(4985)),
                "beside a ₩0.6 tn figure it was meant in 억",
            ),
            (
                tn("-4985"),
                &[tn("0.6")],
                true,
                Some(-eok(4985)),
                "`(4,985)` keeps its minus in the suggestion",
            ),
            (
                tn("3227"),
                &[tn("3.2273"), tn("2.107")],
                true,
                Some(tn("3.227")),
                "`3227` meant in 십억 (billions) lands on 3.227 tn",
            ),
            (
                tn("6.682"),
                &[tn("6.7567")],
                false,
                None,
                "a revision of the same order applies at once",
            ),
            (
                tn("0.5"),
                &[tn("6.7567")],
                false,
                None,
                "a thirteenth of the figure is a big edit, not a slip",
            ),
            (
                tn("0.00005"),
                &[tn("6.7567")],
                true,
                None,
                "a hundred-thousandth is held back; no common unit lands near it",
            ),
            (
                Decimal::ZERO,
                &[tn("6.7567")],
                false,
                None,
                "zero is zero in every unit",
            ),
            (
                tn("4985"),
                &[],
                false,
                None,
                "no reference: nothing to compare with",
            ),
            (
                tn("4985"),
                &[Decimal::ZERO],
                false,
                None,
                "a zero reference says nothing about scale",
            ),
            (
                tn("600"),
                &[tn("-0.01"), tn("-6.003")],
                false,
                None,
                "within a hundred times of one neighbour is enough",
            ),
        ];
        for (typed, references, held, suggestion, why) in rows {
            let slip = check(*typed, &trillions, references);
            assert_eq!(slip.is_some(), *held, "{why}");
            assert_eq!(slip.and_then(|s| s.suggestion), *suggestion, "{why}");
        }
        // Dollars: `4300` in a $ bn column meant as millions.
        let usd = Decimal::new(4_300_000_000, 0);
        let slip = check(usd * Decimal::new(1000, 0), &billions, &[usd]);
        assert_eq!(
            slip.and_then(|s| s.suggestion),
            Some(usd),
            "dollars: millions"
        );
    }

    #[test]
    fn messages_name_both_readings() {
        let slip = check(tn("4985"), &FieldUnit::won_trillions(), &[tn("-0.6")]).unwrap();
        let en = slip.message(Lang::En);
        assert!(en.contains("₩4,985 trillion"), "{en}");
        assert!(en.contains("4,985억 원 = ₩498.5 billion"), "{en}");
        let ko = slip.message(Lang::Ko);
        assert!(ko.contains("4,985조 원"), "{ko}");
        assert!(ko.contains("4,985억 원을 뜻했나요?"), "{ko}");
        assert_eq!(
            slip.take_label(Lang::Ko).as_deref(),
            Some("4,985억 원으로 고치기")
        );
        assert_eq!(
            slip.take_label(Lang::En).as_deref(),
            Some("Use ₩498.5 billion")
        );
        assert_eq!(slip.keep_label(Lang::Ko), "4,985조 원 그대로 쓰기");
    }

    #[test]
    fn overflow_is_not_a_panic() {
        let huge = Decimal::MAX;
        let slip = check(huge, &FieldUnit::won_trillions(), &[Decimal::ONE]);
        assert!(
            slip.is_some(),
            "the largest decimal is out of scale with one won"
        );
        let tiny = Decimal::new(1, 28);
        assert!(check(tiny, &FieldUnit::won_trillions(), &[Decimal::MAX]).is_some());
    }
}
