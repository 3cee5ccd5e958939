//! The number parser (`jikgu::core::num::parse`) on anything a reader might type.
//!
//! Input: two header bytes, then the text (UTF-8; other bytes are skipped, as a field only ever holds
//! a string).
//!
//! - Byte 0 picks the field's quantity and the language values are written back in: `w` won, `d`
//!   dollars, `p` percent, `f` fold, `r` rate, `c` count, `y` year, and `b` won or `u` dollars in a
//!   field declared a balance (where `적자`/`deficit` set the sign), lower case for Korean and upper
//!   case for English; any other byte picks both from its value (odd values of the top bit's
//!   complement also declare a balance).
//! - Byte 1 picks the field's bare exponent: an ASCII digit picks one of 0, 3, 4, 6, 8, 9, 12, 15, 18
//!   or 28; any other byte is the exponent itself (so 29 to 255, past what a `Decimal` holds, too).
//!
//! Beyond "never panics", a value that parses must be what the module documents: within the
//! quantity's range and decimal places, normalised, written back exactly by `Style::Full`, stable
//! through `Style::Compact` and `Style::Short` (format, parse, format gives the same text), and
//! given back by `format_bare` whenever the quotient is exact. In a balance field `format_balance`
//! text reads back too (exactly from `Style::Full`, stably from the others). `parse` and
//! `parse_reading` agree, and a bare reading is one with no unit or scale word. An error must have
//! a message in both languages.

#![no_main]

use jikgu::core::Decimal;
use jikgu::core::lang::Lang;
use jikgu::core::num::{
    FieldUnit, Quantity, Style, format, format_balance, format_bare, parse, parse_reading,
};
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
    let (quantity, lang, balance) = match kind.to_ascii_lowercase() {
        b'w' => (Quantity::Won, None, false),
        b'd' => (Quantity::Usd, None, false),
        b'b' => (Quantity::Won, None, true),
        b'u' => (Quantity::Usd, None, true),
        b'p' => (Quantity::Percent, None, false),
        b'f' => (Quantity::Fold, None, false),
        b'r' => (Quantity::Rate, None, false),
        b'c' => (Quantity::Count, None, false),
        b'y' => (Quantity::Year, None, false),
        _ => (
            QUANTITIES[usize::from(kind) % QUANTITIES.len()],
            Some(if kind & 0x80 == 0 { Lang::Ko } else { Lang::En }),
            kind & 0x40 != 0,
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
    (
        FieldUnit::new(quantity, exponent).with_balance(balance),
        lang,
    )
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

    let reading = parse_reading(text, &unit);
    assert_eq!(
        parse(text, &unit),
        reading.clone().map(|r| r.value),
        "{text:?} in {unit:?}: parse and parse_reading disagree"
    );
    let reading = match reading {
        Ok(reading) => reading,
        Err(error) => {
            assert!(!error.message(Lang::Ko).is_empty(), "{error:?}");
            assert!(!error.message(Lang::En).is_empty(), "{error:?}");
            return;
        }
    };
    let value = reading.value;
    let quantity = unit.quantity;
    if reading.bare {
        // A bare number has no scale word: the same text in a field of another display unit
        // reads as the same number times the other unit.
        let other = FieldUnit::new(quantity, 0).with_balance(unit.balance);
        let ones = parse(text, &other);
        let scaled = ones
            .as_ref()
            .ok()
            .zip(unit.bare_scale())
            .and_then(|(ones, scale)| ones.checked_mul(scale));
        if let Some(scaled) = scaled {
            assert_eq!(
                scaled, value,
                "{text:?} in {unit:?} is bare but {ones:?} in ones"
            );
        }
    }

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

    if unit.balance && matches!(quantity, Quantity::Won | Quantity::Usd) {
        let balanced = compact_field(quantity).with_balance(true);
        for style in [Style::Full, Style::Compact, Style::Short] {
            let once = format_balance(value, quantity, lang, style);
            if once == lang.pick("균형", "balanced") {
                continue;
            }
            let back = parse(&once, &balanced);
            if style == Style::Full {
                assert_eq!(back, Ok(value), "{text:?} gave {value}, written {once:?}");
            } else {
                assert!(
                    back.is_ok(),
                    "{text:?} gave {value}, written {once:?}: {back:?}"
                );
                if let Ok(back) = back {
                    assert_eq!(
                        format_balance(back, quantity, lang, style),
                        once,
                        "{text:?} gave {value}, written {once:?} ({style:?}), read back as {back}"
                    );
                }
            }
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
