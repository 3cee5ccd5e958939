//! The number parser (`jikgu::core::num::parse`) on anything a reader might type.
//!
//! Input: two header bytes, then the text (UTF-8; other bytes are skipped, as a field only ever holds
//! a string).
//!
//! - Byte 0 picks the field's quantity and the language values are written back in: `w` won, `d`
//!   dollars, `p` percent, `f` fold, `r` rate, `c` count, `y` year, lower case for Korean and upper
//!   case for English; any other byte picks both from its value.
//! - Byte 1 picks the field's bare exponent: an ASCII digit picks one of 0, 3, 4, 6, 8, 9, 12, 15, 18
//!   or 28; any other byte is the exponent itself (so 29 to 255, past what a `Decimal` holds, too).
//!
//! Beyond "never panics", a value that parses must be what the module documents: within the
//! quantity's range and decimal places, normalised, written back exactly by `Style::Full`, stable
//! through `Style::Compact` and `Style::Short` (format, parse, format gives the same text), and
//! given back by `format_bare` whenever the quotient is exact. An error must have a message in both
//! languages.

#![no_main]

use jikgu::core::Decimal;
use jikgu::core::lang::Lang;
use jikgu::core::num::{FieldUnit, Quantity, Style, format, format_bare, parse};
use libfuzzer_sys::fuzz_target;

const QUANTITIES: [Quantity; 7] = [
    Quantity::Won,
    Quantity::Usd,
    Quantity::Percent,
    Quantity::Fold,
    Quantity::Rate,
    Quantity::Count,
    Quantity::Year,
];

const EXPONENTS: [u32; 10] = [0, 3, 4, 6, 8, 9, 12, 15, 18, 28];

fn header(kind: u8, exp: u8) -> (FieldUnit, Lang) {
    let (quantity, lang) = match kind.to_ascii_lowercase() {
        b'w' => (Quantity::Won, None),
        b'd' => (Quantity::Usd, None),
        b'p' => (Quantity::Percent, None),
        b'f' => (Quantity::Fold, None),
        b'r' => (Quantity::Rate, None),
        b'c' => (Quantity::Count, None),
        b'y' => (Quantity::Year, None),
        _ => (
            QUANTITIES[usize::from(kind) % QUANTITIES.len()],
            Some(if kind & 0x80 == 0 { Lang::Ko } else { Lang::En }),
        ),
    };
    let lang = lang.unwrap_or(if kind.is_ascii_uppercase() {
        Lang::En
    } else {
        Lang::Ko
    });
    let exponent = if exp.is_ascii_digit() {
        EXPONENTS[usize::from(exp - b'0')]
    } else {
        u32::from(exp)
    };
    (FieldUnit::new(quantity, exponent), lang)
}

/// The documented range and decimal places of each quantity (module docs of `jikgu::core::num`).
fn limits(quantity: Quantity) -> (Decimal, Decimal, u32) {
    let e = |n: u32| Decimal::from(10_i64.pow(n));
    match quantity {
        Quantity::Won => (-e(18), e(18), 4),
        Quantity::Usd => (-e(15), e(15), 6),
        Quantity::Percent => (-e(6), e(6), 10),
        Quantity::Fold | Quantity::Rate => (Decimal::ZERO, e(6), 10),
        Quantity::Count => (-e(15), e(15), 0),
        Quantity::Year => (Decimal::ONE, Decimal::from(9999), 0),
    }
}

/// A field in which `Style::Full` text reads back: counts and years carry no unit word, so their
/// bare number must be in ones; every other quantity writes its unit, which overrides the field's.
fn full_field(unit: FieldUnit) -> FieldUnit {
    match unit.quantity {
        Quantity::Count | Quantity::Year => FieldUnit::new(unit.quantity, 0),
        _ => unit,
    }
}

/// The field the format module's own round-trip tests read compact text back in.
fn compact_field(quantity: Quantity) -> FieldUnit {
    FieldUnit::new(quantity, if quantity == Quantity::Won { 12 } else { 0 })
}

fuzz_target!(|data: &[u8]| {
    let [kind, exp, rest @ ..] = data else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (unit, lang) = header(*kind, *exp);
    let _ = unit.label(lang);
    let _ = unit.example(lang);

    let value = match parse(text, &unit) {
        Ok(value) => value,
        Err(error) => {
            assert!(!error.message(Lang::Ko).is_empty(), "{error:?}");
            assert!(!error.message(Lang::En).is_empty(), "{error:?}");
            return;
        }
    };
    let quantity = unit.quantity;

    let (min, max, decimals) = limits(quantity);
    assert!(
        min <= value && value <= max,
        "{text:?} in {unit:?} gave {value}, outside {min}..={max}"
    );
    assert_eq!(
        value.serialize(),
        value.normalize().serialize(),
        "{text:?} in {unit:?} gave {value}, not normalised"
    );
    assert!(
        value.scale() <= decimals,
        "{text:?} in {unit:?} gave {value}, more than {decimals} decimals"
    );

    let full = format(value, quantity, lang, Style::Full);
    assert_eq!(
        parse(&full, &full_field(unit)),
        Ok(value),
        "{text:?} in {unit:?} gave {value}, written {full:?}"
    );

    for style in [Style::Compact, Style::Short] {
        let once = format(value, quantity, lang, style);
        let back = parse(&once, &compact_field(quantity));
        assert!(
            back.is_ok(),
            "{text:?} gave {value}, written {once:?} ({style:?}), read back as {back:?}"
        );
        if let Ok(back) = back {
            assert_eq!(
                format(back, quantity, lang, style),
                once,
                "{text:?} gave {value}, written {once:?} ({style:?}), read back as {back}"
            );
        }
    }

    let exact = unit
        .bare_scale()
        .and_then(|scale| Some((value.checked_div(scale)?, scale)))
        .is_some_and(|(bare, scale)| bare.checked_mul(scale) == Some(value));
    if exact {
        let bare = format_bare(value, &unit);
        assert_eq!(
            parse(&bare, &unit),
            Ok(value),
            "{text:?} in {unit:?} gave {value}, written bare as {bare:?}"
        );
    }
});
