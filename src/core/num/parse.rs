//! Reading what a person typed into a field as an exact `Decimal` in base units.

use crate::core::arith::Arith;
use rust_decimal::Decimal;

use super::error::{ParseError, ParseErrorKind};
use super::field::{FieldUnit, Limits, Quantity};
use super::lex::{Tok, UnitKind, tokenise};
use super::normalise::normalise;

/// The longest input accepted, in characters after trimming. The longest real figure,
/// `−1,000,000,000,000,000,000.0000원`, is well under this.
pub const MAX_INPUT_CHARS: usize = 64;

/// Reads `input` as a value for a field of `unit`, in base units (won, dollars, percentage points,
/// fold, won per dollar, count or year).
///
/// A number with no unit is read in the field's display unit (`unit.bare_exponent`); any unit or
/// scale word typed makes the number read by that instead. See the [module docs](super) for what is
/// accepted. The result is exact and normalised (no trailing zeros). Never panics: anything odd,
/// however long or large, is an error.
pub fn parse(input: &str, unit: &FieldUnit) -> Result<Decimal, ParseError> {
    read(input, *unit).map_err(|kind| ParseError::new(kind, *unit))
}

fn read(input: &str, field: FieldUnit) -> Result<Decimal, ParseErrorKind> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(ParseErrorKind::Empty);
    }
    if trimmed.chars().nth(MAX_INPUT_CHARS).is_some() {
        return Err(ParseErrorKind::TooLong {
            max_chars: MAX_INPUT_CHARS,
        });
    }
    let normalised = normalise(trimmed);
    let toks = tokenise(&normalised)?;
    if toks.is_empty() {
        return Err(ParseErrorKind::Empty);
    }
    interpret(&toks, field)
}

/// One number with the scale word after it, if any: `30억`, `4.3 bn`, `6.003`.
struct Group<'a> {
    num: &'a str,
    scale: Option<(u32, &'a str)>,
}

impl Group<'_> {
    fn text(&self) -> String {
        match self.scale {
            Some((_, text)) if text.starts_with(|c: char| c.is_ascii_alphabetic()) => {
                format!("{} {text}", self.num)
            }
            Some((_, text)) => format!("{}{text}", self.num),
            None => self.num.to_owned(),
        }
    }
}

fn interpret(toks: &[Tok<'_>], field: FieldUnit) -> Result<Decimal, ParseErrorKind> {
    let quantity = field.quantity;
    let limits = quantity.limits();

    // Units that cannot belong to this field are named first: it is the most useful thing to say.
    for tok in toks {
        match tok {
            Tok::Unit { kind, text } if !fits(quantity, *kind) => {
                return Err(ParseErrorKind::WrongUnit((*text).to_owned()));
            }
            Tok::Scale { text, .. } if !quantity.takes_scales() => {
                return Err(ParseErrorKind::WrongUnit((*text).to_owned()));
            }
            _ => {}
        }
    }

    // Accounting parentheses wrap the whole figure or are not there at all.
    let (in_parens, toks) = match toks {
        [Tok::Open, inner @ .., Tok::Close] => (true, inner),
        _ => (false, toks),
    };
    if toks.iter().any(|t| matches!(t, Tok::Open | Tok::Close)) {
        return Err(ParseErrorKind::UnbalancedParen);
    }
    if !toks.iter().any(|t| matches!(t, Tok::Num(_))) {
        return Err(ParseErrorKind::MissingNumber);
    }

    // Before the first number: at most one sign and at most one prefix unit, in either order.
    let mut i = 0;
    let mut negative = in_parens;
    let mut signed = in_parens;
    let mut prefix: Option<(UnitKind, &str)> = None;
    loop {
        match toks.get(i) {
            Some(Tok::Sign(minus)) => {
                if signed {
                    return Err(ParseErrorKind::MisplacedSign);
                }
                signed = true;
                negative = *minus;
            }
            Some(Tok::Unit { kind, text }) => {
                if prefix.is_some_and(|(seen, _)| seen == *kind) {
                    return Err(ParseErrorKind::RepeatedUnit((*text).to_owned()));
                }
                if prefix.is_some() || !prefix_allowed(quantity, *kind, text) {
                    return Err(ParseErrorKind::MisplacedUnit((*text).to_owned()));
                }
                prefix = Some((*kind, text));
            }
            Some(Tok::Scale { text, .. }) => {
                return Err(ParseErrorKind::MisplacedUnit((*text).to_owned()));
            }
            _ => break,
        }
        i += 1;
    }

    // The body: numbers, each with an optional scale word; a number without one ends the body.
    let mut groups: Vec<Group<'_>> = Vec::new();
    while let Some(Tok::Num(num)) = toks.get(i) {
        i += 1;
        if let Some(Tok::Scale { exp, text }) = toks.get(i) {
            i += 1;
            groups.push(Group {
                num,
                scale: Some((*exp, text)),
            });
            if let Some(Tok::Scale {
                exp: next,
                text: next_text,
            }) = toks.get(i)
            {
                return Err(if next == exp {
                    ParseErrorKind::RepeatedUnit((*next_text).to_owned())
                } else {
                    ParseErrorKind::MisplacedUnit((*next_text).to_owned())
                });
            }
        } else {
            groups.push(Group { num, scale: None });
            if let Some(Tok::Num(extra)) = toks.get(i) {
                return Err(ParseErrorKind::ExtraNumber((*extra).to_owned()));
            }
            break;
        }
    }

    // After the body only unit words may follow, in one of the field's patterns.
    let rest = toks.get(i..).unwrap_or_default();
    let mut suffix: Vec<(UnitKind, &str)> = Vec::new();
    for tok in rest {
        match tok {
            Tok::Sign(_) => return Err(ParseErrorKind::MisplacedSign),
            Tok::Unit { kind, text } => suffix.push((*kind, text)),
            Tok::Scale { text, .. } => {
                return Err(ParseErrorKind::MisplacedUnit((*text).to_owned()));
            }
            // A number after a unit word: the unit word is the thing out of place.
            Tok::Num(num) => {
                let unit = suffix.first().map_or(*num, |(_, text)| *text);
                return Err(ParseErrorKind::MisplacedUnit(unit.to_owned()));
            }
            Tok::Open | Tok::Close => return Err(ParseErrorKind::UnbalancedParen),
        }
    }
    check_suffix(quantity, prefix, &suffix)?;

    // A lone bare number is in the field's display unit; with any unit typed, it is in base units.
    let explicit = prefix.is_some() || !suffix.is_empty();
    let mut total = Decimal::ZERO;
    let mut previous: Option<u32> = None;
    for group in &groups {
        let exp = match group.scale {
            Some((exp, _)) => exp,
            None if groups.len() == 1 && !explicit => field.bare_exponent,
            None => 0,
        };
        if let Some(prev) = previous {
            if exp == prev {
                return Err(ParseErrorKind::RepeatedUnit(
                    group.scale.map(|(_, t)| t).unwrap_or(group.num).to_owned(),
                ));
            }
            if exp > prev {
                return Err(ParseErrorKind::UnitOrder(group.text()));
            }
        }
        let value = group_value(group.num, exp, &limits)?;
        // Each later part must be smaller than the unit before it: `6조 30000억` is a slip.
        if let Some(prev) = previous {
            let bound = super::field::pow10(prev).ok_or_else(|| out_of_range(&limits))?;
            if value >= bound {
                return Err(ParseErrorKind::UnitOrder(group.text()));
            }
        }
        total = total.plus(value).ok_or_else(|| out_of_range(&limits))?;
        previous = Some(exp);
    }
    if negative {
        total = Decimal::ZERO
            .minus(total)
            .ok_or_else(|| out_of_range(&limits))?;
    }
    if total < limits.min || total > limits.max {
        return Err(out_of_range(&limits));
    }
    Ok(total.normalize())
}

fn out_of_range(limits: &Limits) -> ParseErrorKind {
    ParseErrorKind::OutOfRange {
        min: limits.min,
        max: limits.max,
    }
}

/// Whether a unit word belongs in a field of this quantity at all.
fn fits(quantity: Quantity, kind: UnitKind) -> bool {
    match quantity {
        Quantity::Won => kind == UnitKind::Won,
        Quantity::Usd => kind == UnitKind::Usd,
        Quantity::Percent => kind == UnitKind::Percent,
        Quantity::Fold => kind == UnitKind::Fold,
        Quantity::Rate => matches!(kind, UnitKind::Won | UnitKind::Per | UnitKind::Usd),
        Quantity::Count => kind == UnitKind::Count,
        Quantity::Year => kind == UnitKind::Year,
    }
}

/// Whether a unit may come before the number: `₩5`, `KRW 5`, `$4.3bn`, `×600`, `₩1,396 per $`.
/// Only symbols and codes go first; words such as `원` or `dollars` go after.
fn prefix_allowed(quantity: Quantity, kind: UnitKind, text: &str) -> bool {
    let symbol_or_code = ["₩", "$", "US$", "KRW", "USD", "×", "x"]
        .iter()
        .any(|form| form.eq_ignore_ascii_case(text));
    symbol_or_code
        && matches!(
            (quantity, kind),
            (Quantity::Won, UnitKind::Won)
                | (Quantity::Usd, UnitKind::Usd)
                | (Quantity::Fold, UnitKind::Fold)
                | (Quantity::Rate, UnitKind::Won)
        )
}

/// Checks the unit words after the number against what the field allows.
fn check_suffix(
    quantity: Quantity,
    prefix: Option<(UnitKind, &str)>,
    suffix: &[(UnitKind, &str)],
) -> Result<(), ParseErrorKind> {
    let kinds: Vec<UnitKind> = suffix.iter().map(|(kind, _)| *kind).collect();
    let ok = match (quantity, prefix.is_some()) {
        (Quantity::Rate, false) => matches!(
            kinds.as_slice(),
            [] | [UnitKind::Won]
                | [UnitKind::Won, UnitKind::Per, UnitKind::Usd]
                | [UnitKind::Per, UnitKind::Usd]
        ),
        (Quantity::Rate, true) => matches!(kinds.as_slice(), [] | [UnitKind::Per, UnitKind::Usd]),
        (_, true) => kinds.is_empty(),
        (_, false) => kinds.len() <= 1,
    };
    if ok {
        return Ok(());
    }
    // Name a unit that appears twice (counting the prefix), or else the first one out of place.
    let mut seen: Vec<UnitKind> = prefix.map(|(kind, _)| kind).into_iter().collect();
    for (kind, text) in suffix {
        if seen.contains(kind) {
            return Err(ParseErrorKind::RepeatedUnit((*text).to_owned()));
        }
        seen.push(*kind);
    }
    let first = suffix.first().map(|(_, text)| *text).unwrap_or_default();
    Err(ParseErrorKind::MisplacedUnit(first.to_owned()))
}

/// The exact value of one number times `10^exp`, checked against the field's limits.
fn group_value(num: &str, exp: u32, limits: &Limits) -> Result<Decimal, ParseErrorKind> {
    let (whole, frac) = num.split_once('.').unwrap_or((num, ""));
    let whole: String = whole.chars().filter(|c| *c != ',').collect();
    let whole = whole.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    if whole.is_empty() && frac.is_empty() {
        return Ok(Decimal::ZERO);
    }
    let out_of_range = || out_of_range(limits);
    let largest = limits.max.abs().max(limits.min.abs());
    // Forty digits is far past every limit and past what an i128 holds.
    let exp_digits = usize::try_from(exp).unwrap_or(usize::MAX);
    if !whole.is_empty() && whole.len().saturating_add(exp_digits) > 40 {
        return Err(out_of_range());
    }
    let whole: i128 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| out_of_range())?
    };
    let frac_digits = u32::try_from(frac.len()).map_err(|_| out_of_range())?;
    let pow = |n: u32| 10_i128.checked_pow(n).ok_or_else(out_of_range);
    // Read only once the precision check has passed: a fraction with more than 38 significant
    // digits is then past every limit, so overflow here means out of range.
    let frac_value = || -> Result<i128, ParseErrorKind> {
        if frac.is_empty() {
            Ok(0)
        } else {
            frac.parse().map_err(|_| out_of_range())
        }
    };

    let (mantissa, scale) = if exp >= frac_digits {
        // A whole number of base units: whole × 10^exp + frac × 10^(exp − digits).
        let whole_part = whole.checked_mul(pow(exp)?).ok_or_else(out_of_range)?;
        let frac_part = frac_value()?
            .checked_mul(pow(exp - frac_digits)?)
            .ok_or_else(out_of_range)?;
        (
            whole_part.checked_add(frac_part).ok_or_else(out_of_range)?,
            0,
        )
    } else {
        let scale = frac_digits - exp;
        if scale > limits.max_decimals {
            // Say "out of range" rather than "too precise" when both apply.
            let whole_part = whole.checked_mul(pow(exp)?).ok_or_else(out_of_range)?;
            if Decimal::try_from_i128_with_scale(whole_part, 0).map_or(true, |w| w > largest) {
                return Err(out_of_range());
            }
            return Err(ParseErrorKind::TooPrecise {
                max_decimals: limits.max_decimals,
            });
        }
        let whole_part = whole
            .checked_mul(pow(frac_digits)?)
            .ok_or_else(out_of_range)?;
        (
            whole_part
                .checked_add(frac_value()?)
                .ok_or_else(out_of_range)?,
            scale,
        )
    };
    let value = Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| out_of_range())?;
    if value > largest {
        return Err(out_of_range());
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dec(s: &str) -> Decimal {
        s.parse()
            .unwrap_or_else(|e| panic!("bad test decimal {s:?}: {e}"))
    }

    const TN: FieldUnit = FieldUnit::won_trillions();
    const WON: FieldUnit = FieldUnit::won();
    const USD_BN: FieldUnit = FieldUnit::usd_billions();
    const USD: FieldUnit = FieldUnit::usd();
    const PCT: FieldUnit = FieldUnit::percent();
    const FOLD: FieldUnit = FieldUnit::fold();
    const RATE: FieldUnit = FieldUnit::rate();
    const COUNT: FieldUnit = FieldUnit::count();
    const YEAR: FieldUnit = FieldUnit::year();

    #[test]
    fn accepts() {
        let table: &[(&str, FieldUnit, &str)] = &[
            // KIEP's 2023 deficit, 6.003 trillion won, every way it gets typed.
            ("6.003", TN, "6003000000000"),
            ("6,003,000,000,000", WON, "6003000000000"),
            ("6조 30억", TN, "6003000000000"),
            ("6조30억원", WON, "6003000000000"),
            ("6조 30억 원", FieldUnit::won_eok(), "6003000000000"),
            ("₩6.003 trillion", WON, "6003000000000"),
            ("6.003 tn", TN, "6003000000000"),
            ("6.003trn", WON, "6003000000000"),
            ("6 trillion 3 billion", TN, "6003000000000"),
            ("KRW 6.003tn", TN, "6003000000000"),
            ("６조 ３０억", TN, "6003000000000"),
            ("6조\u{a0}30억\u{2009}원", TN, "6003000000000"),
            ("  6.003\t", TN, "6003000000000"),
            ("6,003,000,000,000원", TN, "6003000000000"),
            ("￦6,003,000,000,000", TN, "6003000000000"),
            // The 2019 deficit, 10 billion won.
            ("100억원", TN, "10000000000"),
            ("100억 원", WON, "10000000000"),
            ("0.01", TN, "10000000000"),
            ("₩10 billion", TN, "10000000000"),
            // Other years' figures.
            ("3조 2,270억 원", TN, "3227000000000"),
            ("3.227", TN, "3227000000000"),
            ("2조 1070억", TN, "2107000000000"),
            ("1조 9,990억 원", TN, "1999000000000"),
            ("5.201조", WON, "5201000000000"),
            ("1.056", TN, "1056000000000"),
            ("1조 560억", TN, "1056000000000"),
            ("1.05조", TN, "1050000000000"),
            ("4조 9850억원", TN, "4985000000000"),
            ("6.2358", TN, "6235800000000"),
            ("6조 2,358억", TN, "6235800000000"),
            ("3,187억 5,200만 원", TN, "318752000000"),
            ("318,752 million", TN, "318752000000"),
            ("600억", TN, "60000000000"),
            ("1만", WON, "10000"),
            ("5천만 원", WON, "50000000"),
            ("3천억", TN, "300000000000"),
            ("1억 3,144만 3,000", WON, "131443000"),
            ("1억 20000", WON, "100020000"),
            ("1경", WON, "10000000000000000"),
            ("5000원", TN, "5000"),
            ("₩850,000", TN, "850000"),
            ("₩12.5", WON, "12.5"),
            ("0.0001원", WON, "0.0001"),
            // Signs.
            ("\u{2212}5", WON, "-5"),
            ("-5", WON, "-5"),
            ("+5", WON, "5"),
            ("(5)", WON, "-5"),
            ("(₩6.003 trillion)", WON, "-6003000000000"),
            ("−6조 30억 원", WON, "-6003000000000"),
            ("-₩6.003 trillion", WON, "-6003000000000"),
            ("₩-6.003 trillion", WON, "-6003000000000"),
            ("-0", WON, "0"),
            // Dollars.
            ("4.3", USD_BN, "4300000000"),
            ("$4.3 billion", USD, "4300000000"),
            ("US$4.3bn", USD, "4300000000"),
            ("4.3bn", USD, "4300000000"),
            ("4.3 billion", USD, "4300000000"),
            ("4.3B", USD, "4300000000"),
            ("43억 달러", USD, "4300000000"),
            ("43억달러", USD_BN, "4300000000"),
            ("27억 5,500만 달러", USD, "2755000000"),
            ("$2.755 billion", USD_BN, "2755000000"),
            ("850m", USD, "850000000"),
            ("850 million", USD, "850000000"),
            ("850 mn", USD, "850000000"),
            ("USD 850m", USD, "850000000"),
            ("850m dollars", USD, "850000000"),
            ("4.5k", USD, "4500"),
            ("$4.50", USD_BN, "4.5"),
            ("＄４．３ｂｎ", USD, "4300000000"),
            // Percentages.
            ("53.2%", PCT, "53.2"),
            ("53.2 %", PCT, "53.2"),
            ("53.2", PCT, "53.2"),
            ("53.2퍼센트", PCT, "53.2"),
            ("53.2 percent", PCT, "53.2"),
            ("−79.7%", PCT, "-79.7"),
            ("+53.2%", PCT, "53.2"),
            ("5%p", PCT, "5"),
            ("５３．２％", PCT, "53.2"),
            // Fold.
            ("600배", FOLD, "600"),
            ("600x", FOLD, "600"),
            ("600 X", FOLD, "600"),
            ("600-fold", FOLD, "600"),
            ("600 fold", FOLD, "600"),
            ("×600", FOLD, "600"),
            ("600×", FOLD, "600"),
            ("x600", FOLD, "600"),
            ("600.3 times", FOLD, "600.3"),
            // Exchange rates.
            ("1,396.0원/달러", RATE, "1396"),
            ("1396 KRW/USD", RATE, "1396"),
            ("₩1,396.0 per $", RATE, "1396"),
            ("₩1,306/$", RATE, "1306"),
            ("1306 won per dollar", RATE, "1306"),
            ("1,306원", RATE, "1306"),
            ("1306", RATE, "1306"),
            ("1,306.5 per $", RATE, "1306.5"),
            // Counts.
            ("131,443,000", COUNT, "131443000"),
            ("1억 3,144만", COUNT, "131440000"),
            ("131.443 million", COUNT, "131443000"),
            ("131.443m건", COUNT, "131443000"),
            ("1,000개", COUNT, "1000"),
            // Years.
            ("2023", YEAR, "2023"),
            ("2023년", YEAR, "2023"),
            // Odd but well-formed numbers.
            (".5", PCT, "0.5"),
            ("5.", PCT, "5"),
            ("007", PCT, "7"),
            ("1,234.5", PCT, "1234.5"),
            ("0.000000", WON, "0"),
        ];
        for (input, unit, want) in table {
            assert_eq!(
                parse(input, unit),
                Ok(dec(want)),
                "parsing {input:?} as {unit:?}"
            );
        }
    }

    #[test]
    fn refuses() {
        use ParseErrorKind as K;
        let long = "9".repeat(65);
        let table: Vec<(&str, FieldUnit, ParseErrorKind)> = vec![
            ("", TN, K::Empty),
            ("   \u{a0}", TN, K::Empty),
            ("\u{200b}", TN, K::Empty),
            (&long, WON, K::TooLong { max_chars: 64 }),
            ("٣", WON, K::InvalidChar('٣')),
            ("5😀", WON, K::InvalidChar('😀')),
            ("5 € ", WON, K::InvalidChar('€')),
            ("NaN", WON, K::NotANumber("NaN".into())),
            ("Infinity", WON, K::NotANumber("Infinity".into())),
            ("-inf", WON, K::NotANumber("inf".into())),
            ("1e400", WON, K::Exponent),
            ("1e5", WON, K::Exponent),
            ("6,,003", WON, K::MalformedNumber("6,,003".into())),
            ("1,2,3", WON, K::MalformedNumber("1,2,3".into())),
            ("1.2.3", WON, K::MalformedNumber("1.2.3".into())),
            ("abc", WON, K::UnknownWord("abc".into())),
            ("4.3bnbn", USD, K::RepeatedUnit("bn".into())),
            ("6억억", WON, K::RepeatedUnit("억".into())),
            ("6억 3억", WON, K::RepeatedUnit("억".into())),
            ("6억 3조", WON, K::UnitOrder("3조".into())),
            ("6조 30000억", WON, K::UnitOrder("30000억".into())),
            (
                "1 billion 2 trillion",
                WON,
                K::UnitOrder("2 trillion".into()),
            ),
            ("6조 5만 3억", WON, K::UnitOrder("3억".into())),
            ("6억조", WON, K::MisplacedUnit("조".into())),
            ("5-", WON, K::MisplacedSign),
            ("--5", WON, K::MisplacedSign),
            ("5-3", WON, K::MisplacedSign),
            ("+-5", WON, K::MisplacedSign),
            ("(-5)", WON, K::MisplacedSign),
            ("6조 -30억", WON, K::MisplacedSign),
            ("(5", WON, K::UnbalancedParen),
            ("5)", WON, K::UnbalancedParen),
            ("((5))", WON, K::UnbalancedParen),
            ("6 003", WON, K::ExtraNumber("003".into())),
            ("조", WON, K::MissingNumber),
            ("₩", WON, K::MissingNumber),
            ("-", WON, K::MissingNumber),
            ("()", WON, K::MissingNumber),
            ("조 6", WON, K::MisplacedUnit("조".into())),
            ("원 5", WON, K::MisplacedUnit("원".into())),
            ("6조 원 30억", WON, K::MisplacedUnit("원".into())),
            ("5 원 조", WON, K::MisplacedUnit("조".into())),
            ("₩5원", WON, K::RepeatedUnit("원".into())),
            ("5원원", WON, K::RepeatedUnit("원".into())),
            ("₩₩5", WON, K::RepeatedUnit("₩".into())),
            ("%5", PCT, K::MisplacedUnit("%".into())),
            ("×600x", FOLD, K::RepeatedUnit("x".into())),
            ("1396 달러/원", RATE, K::MisplacedUnit("달러".into())),
            ("$1396", RATE, K::MisplacedUnit("$".into())),
            ("$4.3", WON, K::WrongUnit("$".into())),
            ("43억 달러", WON, K::WrongUnit("달러".into())),
            ("53%", WON, K::WrongUnit("%".into())),
            ("5원", PCT, K::WrongUnit("원".into())),
            ("5조%", PCT, K::WrongUnit("조".into())),
            ("5 billion", RATE, K::WrongUnit("billion".into())),
            ("2천년", YEAR, K::WrongUnit("천".into())),
            (
                "1001조",
                USD,
                K::OutOfRange {
                    min: dec("-1000000000000000"),
                    max: dec("1000000000000000"),
                },
            ),
        ];
        for (input, unit, want) in table {
            let got = parse(input, &unit).map_err(|e| e.kind().clone());
            assert_eq!(got, Err(want), "parsing {input:?} as {unit:?}");
        }
    }

    #[test]
    fn limits() {
        use ParseErrorKind as K;
        let won = K::OutOfRange {
            min: dec("-1000000000000000000"),
            max: dec("1000000000000000000"),
        };
        let table: Vec<(String, FieldUnit, Result<Decimal, ParseErrorKind>)> = vec![
            ("100경".into(), WON, Ok(dec("1000000000000000000"))),
            ("-100경".into(), WON, Ok(dec("-1000000000000000000"))),
            ("100.0001경".into(), WON, Err(won.clone())),
            ("1,000,000,000,000,000,001".into(), WON, Err(won.clone())),
            ("1000000".into(), TN, Ok(dec("1000000000000000000"))),
            ("1000001".into(), TN, Err(won.clone())),
            (format!("1{}", "0".repeat(40)), WON, Err(won.clone())),
            (format!("1{}", "0".repeat(60)), WON, Err(won.clone())),
            (
                format!("0.{}1", "0".repeat(60)),
                WON,
                Err(K::TooPrecise { max_decimals: 4 }),
            ),
            (format!("0.{}", "0".repeat(60)), WON, Ok(Decimal::ZERO)),
            (format!("{}5", "0".repeat(60)), WON, Ok(dec("5"))),
            (
                "99999999999999999999999999999999999999999".into(),
                WON,
                Err(won.clone()),
            ),
            (
                "9999999999999999999999999999999999999999.5".into(),
                WON,
                Err(won.clone()),
            ),
            ("9999999999999999999999.12345".into(), WON, Err(won.clone())),
            (
                "1.23456".into(),
                WON,
                Err(K::TooPrecise { max_decimals: 4 }),
            ),
            // Forty significant decimals: too precise, even though they overflow an i128.
            (
                "0.1234567890123456789012345678901234567890".into(),
                WON,
                Err(K::TooPrecise { max_decimals: 4 }),
            ),
            ("1.2345".into(), WON, Ok(dec("1.2345"))),
            ("1.23450000".into(), WON, Ok(dec("1.2345"))),
            ("0.0000000000000001".into(), TN, Ok(dec("0.0001"))),
            (
                "0.00000000000000001".into(),
                TN,
                Err(K::TooPrecise { max_decimals: 4 }),
            ),
            ("1.5".into(), COUNT, Err(K::TooPrecise { max_decimals: 0 })),
            ("1.5만".into(), COUNT, Ok(dec("15000"))),
            (
                "2023.5".into(),
                YEAR,
                Err(K::TooPrecise { max_decimals: 0 }),
            ),
            (
                "0".into(),
                YEAR,
                Err(K::OutOfRange {
                    min: dec("1"),
                    max: dec("9999"),
                }),
            ),
            (
                "10000".into(),
                YEAR,
                Err(K::OutOfRange {
                    min: dec("1"),
                    max: dec("9999"),
                }),
            ),
            (
                "-5".into(),
                FOLD,
                Err(K::OutOfRange {
                    min: dec("0"),
                    max: dec("1000000"),
                }),
            ),
            (
                "-1".into(),
                RATE,
                Err(K::OutOfRange {
                    min: dec("0"),
                    max: dec("1000000"),
                }),
            ),
            (
                "1000001%".into(),
                PCT,
                Err(K::OutOfRange {
                    min: dec("-1000000"),
                    max: dec("1000000"),
                }),
            ),
            ("1,000,000%".into(), PCT, Ok(dec("1000000"))),
            (
                "5".into(),
                FieldUnit::new(Quantity::Won, 200),
                Err(won.clone()),
            ),
            (
                "0".into(),
                FieldUnit::new(Quantity::Won, 200),
                Ok(Decimal::ZERO),
            ),
            (
                "0.5".into(),
                FieldUnit::new(Quantity::Won, 200),
                Err(won.clone()),
            ),
            (
                "5원".into(),
                FieldUnit::new(Quantity::Won, 200),
                Ok(dec("5")),
            ),
        ];
        for (input, unit, want) in table {
            let got = parse(&input, &unit).map_err(|e| e.kind().clone());
            assert_eq!(got, want, "parsing {input:?} as {unit:?}");
        }
    }

    #[test]
    fn refuses_a_huge_input_quickly() {
        let huge = "9".repeat(10_000);
        let start = std::time::Instant::now();
        for input in [
            huge.clone(),
            format!("{huge}조"),
            "조".repeat(5_000),
            format!("5{}", " ".repeat(10_000)) + "5",
        ] {
            let got = parse(&input, &WON).map_err(|e| e.kind().clone());
            assert_eq!(
                got,
                Err(ParseErrorKind::TooLong { max_chars: 64 }),
                "a 10 KB input should be refused"
            );
        }
        let padded = format!("{0}5{0}", " ".repeat(10_000));
        assert_eq!(
            parse(&padded, &WON),
            Ok(Decimal::from(5)),
            "spaces around a number do not count"
        );
        assert!(
            start.elapsed().as_millis() < 500,
            "refusing huge inputs took {:?}",
            start.elapsed()
        );
    }

    proptest! {
        // Failures are pinned as table cases instead of files outside this module.
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn never_panics(s in ".*") {
            for unit in [TN, WON, USD, PCT, FOLD, RATE, COUNT, YEAR] {
                let _ = parse(&s, &unit);
            }
        }

        #[test]
        fn never_panics_on_near_misses(s in "[-+ ,.0-9()$%×₩조억만경천원달러배kmbtnKMBTN]{0,30}") {
            for unit in [TN, WON, USD, PCT, FOLD, RATE, COUNT] {
                let _ = parse(&s, &unit);
            }
        }

        #[test]
        fn reads_any_i64(n in any::<i64>()) {
            let unit = FieldUnit::new(Quantity::Won, 0);
            let got = parse(&n.to_string(), &unit);
            if Decimal::from(n).abs() <= dec("1000000000000000000") {
                prop_assert_eq!(got, Ok(Decimal::from(n)));
            } else {
                let is_range = matches!(got.as_ref().map_err(ParseError::kind), Err(ParseErrorKind::OutOfRange { .. }));
                prop_assert!(is_range, "{} gave {:?}", n, got);
            }
        }

        #[test]
        fn reads_any_i64_as_a_percent(n in -1_000_000_i64..=1_000_000) {
            prop_assert_eq!(parse(&n.to_string(), &PCT), Ok(Decimal::from(n)));
        }
    }
}
