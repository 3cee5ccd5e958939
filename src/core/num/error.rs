//! Why a typed number was not accepted, said so a reader can fix it.

use std::fmt;

use rust_decimal::Decimal;

use crate::core::lang::Lang;

use super::field::{FieldUnit, Quantity};
use super::format::{Style, format, format_balance};

/// What went wrong while reading a typed number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// Nothing but spaces was typed.
    Empty,
    /// The input is longer than any sensible figure.
    TooLong {
        /// The most characters accepted (after trimming).
        max_chars: usize,
    },
    /// A character that has no place in a number, such as an emoji or an Arabic-Indic digit.
    InvalidChar(char),
    /// A word that is neither a unit nor a scale, such as `eur` or `정도`.
    UnknownWord(String),
    /// `NaN`, `inf` or `Infinity`.
    NotANumber(String),
    /// Exponent notation such as `1e9` or `1E-3`.
    Exponent,
    /// Digits, commas and points that do not make a number, such as `6,,003`, `1,2,3` or `1.2.3`.
    MalformedNumber(String),
    /// Units or signs without any digits, such as `조` or `$`.
    MissingNumber,
    /// A number directly after another with no unit between, such as the `003` in `6 003`.
    ExtraNumber(String),
    /// A sign that is not a single one at the start, as in `5-`, `--5` or `5-3`.
    MisplacedSign,
    /// A parenthesis that does not wrap the whole figure.
    UnbalancedParen,
    /// The same unit twice, as in `억억`, `6억 3억` or `4.3bnbn`.
    RepeatedUnit(String),
    /// Units not in descending order, or a part as large as the unit before it: the `3조` in `6억 3조`,
    /// the `30000억` in `6조 30000억`.
    UnitOrder(String),
    /// A unit where no unit can go, such as the `원` in `원 5` or the `조` in `5원 조`.
    MisplacedUnit(String),
    /// A unit that does not fit the field: `$` in a won field, `%` in a won field, `원` in a percent field.
    WrongUnit(String),
    /// The value is outside the plausible range for the field.
    OutOfRange {
        /// The smallest value accepted, in base units.
        min: Decimal,
        /// The largest value accepted, in base units.
        max: Decimal,
    },
    /// More decimal places than the field keeps.
    TooPrecise {
        /// How many decimal places of the base unit are kept.
        max_decimals: u32,
    },
    /// `▲` or `▼`: Korean tables use them for a rise and a fall as often as for a sign, so the reader
    /// is asked rather than guessed at.
    AmbiguousTriangle(char),
    /// `적자`, `흑자`, `deficit` or `surplus` in a field that is not a balance: purchases, sales and
    /// counts are never a deficit.
    NotABalance(String),
    /// A balance word together with a sign or parentheses, or two balance words: the sign is given
    /// twice, as in `−6조 적자`.
    SignTwice(String),
    /// `약`, `about`, `~`, `a` or `of` somewhere other than its one place, or repeated.
    MisplacedWord(String),
    /// A last part with 천, 백 or 십 straight after 억, 조 or 경, as in `1억 3천`: strictly
    /// 100,003,000, but as often meant as 1억 3천만.
    DroppedUnit {
        /// The part as typed: `3천`.
        typed: String,
        /// The figure with the unit that was likely dropped: `1억 3천만`.
        with_unit: String,
        /// The figure with the part in digits, read as ones: `1억 3,000`.
        in_ones: String,
    },
}

/// A number that could not be read, with the field it was typed into so that the message can give an
/// example in that field's unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    kind: ParseErrorKind,
    field: FieldUnit,
}

impl ParseError {
    /// An error of `kind` for input typed into `field`.
    pub fn new(kind: ParseErrorKind, field: FieldUnit) -> ParseError {
        ParseError { kind, field }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ParseErrorKind {
        &self.kind
    }

    /// The field the input was typed into.
    pub fn field(&self) -> FieldUnit {
        self.field
    }

    /// A sentence for the reader, in `lang`, saying what was wrong and what is expected, with
    /// examples in the field's unit.
    pub fn message(&self, lang: Lang) -> String {
        let hint = hint(self.field, lang);
        let Some(problem) = self.problem(lang) else {
            return hint;
        };
        match lang {
            Lang::Ko => format!("{problem}. {hint}"),
            Lang::En => format!("{problem}: {hint}"),
        }
    }

    /// The problem alone, without the hint; `None` when the hint says it all.
    ///
    /// Long because it is one arm per kind of error and language, each kind's Korean and English
    /// side by side where a translator reads them together; split, it would be the same match.
    fn problem(&self, lang: Lang) -> Option<String> {
        let quantity = self.field.quantity;
        let text = match (&self.kind, lang) {
            (ParseErrorKind::Empty, _) => return None,
            (ParseErrorKind::TooLong { max_chars }, Lang::Ko) => {
                format!("입력이 너무 깁니다 (최대 {max_chars}자)")
            }
            (ParseErrorKind::TooLong { max_chars }, Lang::En) => {
                format!("input is too long (at most {max_chars} characters)")
            }
            (ParseErrorKind::InvalidChar(c), Lang::Ko) if invisible(*c) => {
                format!("보이지 않는 문자가 섞여 있습니다: {}", code_point(*c))
            }
            (ParseErrorKind::InvalidChar(c), Lang::En) if invisible(*c) => {
                format!("unexpected invisible character {}", code_point(*c))
            }
            (ParseErrorKind::InvalidChar(c), Lang::Ko) => {
                format!("쓸 수 없는 문자가 있습니다: {}", show_char(*c))
            }
            (ParseErrorKind::InvalidChar(c), Lang::En) => {
                format!("unexpected character {}", show_char(*c))
            }
            (ParseErrorKind::UnknownWord(w), Lang::Ko) => format!("알 수 없는 단위입니다: ‘{w}’"),
            (ParseErrorKind::UnknownWord(w), Lang::En) => format!("unknown word ‘{w}’"),
            (ParseErrorKind::NotANumber(w), Lang::Ko) => format!("숫자가 아닙니다: ‘{w}’"),
            (ParseErrorKind::NotANumber(w), Lang::En) => format!("‘{w}’ is not a number"),
            (ParseErrorKind::Exponent, Lang::Ko) => "지수 표기(1e9 등)는 쓸 수 없습니다".to_owned(),
            (ParseErrorKind::Exponent, Lang::En) => {
                "exponent notation such as 1e9 is not accepted".to_owned()
            }
            (ParseErrorKind::MalformedNumber(n), Lang::Ko) => {
                format!("숫자 형식이 잘못되었습니다: ‘{n}’ (쉼표는 세 자리마다, 소수점은 한 번만)")
            }
            (ParseErrorKind::MalformedNumber(n), Lang::En) => {
                format!(
                    "‘{n}’ is not a well-formed number (commas go between groups of three digits, with at most one decimal point)"
                )
            }
            (ParseErrorKind::MissingNumber, Lang::Ko) => "숫자가 없습니다".to_owned(),
            (ParseErrorKind::MissingNumber, Lang::En) => "no number found".to_owned(),
            (ParseErrorKind::ExtraNumber(n), Lang::Ko) => {
                format!("단위 없이 숫자가 이어집니다: ‘{n}’ (자릿수는 쉼표로 구분하세요)")
            }
            (ParseErrorKind::ExtraNumber(n), Lang::En) => format!(
                "unexpected number ‘{n}’ (group digits with commas, or put a unit such as 억 or billion between numbers)"
            ),
            (ParseErrorKind::MisplacedSign, Lang::Ko) => {
                "부호(+, −)는 맨 앞에 한 번만 쓸 수 있습니다".to_owned()
            }
            (ParseErrorKind::MisplacedSign, Lang::En) => {
                "a sign (+ or −) may appear only once, at the start".to_owned()
            }
            (ParseErrorKind::UnbalancedParen, Lang::Ko) => {
                "괄호는 숫자 전체를 감싸야 합니다".to_owned()
            }
            (ParseErrorKind::UnbalancedParen, Lang::En) => {
                "parentheses must wrap the whole figure".to_owned()
            }
            (ParseErrorKind::RepeatedUnit(u), Lang::Ko) => {
                format!("같은 단위를 두 번 썼습니다: ‘{u}’")
            }
            (ParseErrorKind::RepeatedUnit(u), Lang::En) => format!("unit ‘{u}’ is repeated"),
            (ParseErrorKind::UnitOrder(part), Lang::Ko) => {
                format!("단위는 큰 것부터 차례로, 앞 단위보다 작게 써야 합니다: ‘{part}’")
            }
            (ParseErrorKind::UnitOrder(part), Lang::En) => format!(
                "units out of order at ‘{part}’ (write the largest first, each part smaller than the unit before it)"
            ),
            (ParseErrorKind::MisplacedUnit(u), Lang::Ko) => {
                format!("단위의 위치가 잘못되었습니다: ‘{u}’")
            }
            (ParseErrorKind::MisplacedUnit(u), Lang::En) => {
                format!("unit ‘{u}’ is in the wrong place")
            }
            (ParseErrorKind::WrongUnit(u), Lang::Ko) => {
                format!("이 칸에 맞지 않는 단위입니다: ‘{u}’")
            }
            (ParseErrorKind::WrongUnit(u), Lang::En) => format!("‘{u}’ does not fit this field"),
            (ParseErrorKind::OutOfRange { min, max }, Lang::Ko) => format!(
                "범위를 벗어났습니다 ({} ~ {})",
                format(*min, quantity, lang, Style::Compact),
                format(*max, quantity, lang, Style::Compact)
            ),
            (ParseErrorKind::OutOfRange { min, max }, Lang::En) => format!(
                "out of range (from {} to {})",
                format(*min, quantity, lang, Style::Compact),
                format(*max, quantity, lang, Style::Compact)
            ),
            (ParseErrorKind::TooPrecise { max_decimals }, _) => {
                let step = Decimal::try_new(1, *max_decimals).unwrap_or(Decimal::ONE);
                let step = format(step, quantity, lang, Style::Full);
                match lang {
                    Lang::Ko => format!("소수점 아래가 너무 깁니다 (최소 단위 {step})"),
                    Lang::En => format!("too precise (the smallest step is {step})"),
                }
            }
            (ParseErrorKind::AmbiguousTriangle(c), Lang::Ko) => format!(
                "{}는 뜻이 모호합니다: 표에서 ▲는 증가, ▼는 감소를 뜻하기도 합니다 (음수는 − 또는 △로 쓰세요)",
                show_char(*c)
            ),
            (ParseErrorKind::AmbiguousTriangle(c), Lang::En) => format!(
                "{} is ambiguous: Korean tables use ▲ for a rise and ▼ for a fall as often as for a sign (type − or △ for a negative figure)",
                show_char(*c)
            ),
            (ParseErrorKind::NotABalance(w), Lang::Ko) => format!(
                "수지 칸에만 쓸 수 있는 말입니다: ‘{w}’ (구매액, 판매액, 건수는 적자나 흑자가 될 수 없습니다)"
            ),
            (ParseErrorKind::NotABalance(w), Lang::En) => format!(
                "‘{w}’ fits only a balance (purchases, sales and counts are never a deficit or a surplus)"
            ),
            (ParseErrorKind::SignTwice(w), _) => {
                let sample = self.field.quantity.sample();
                let worded = format_balance(-sample, quantity, lang, Style::Compact);
                let signed = format(-sample, quantity, lang, Style::Compact);
                match lang {
                    Lang::Ko => format!(
                        "부호를 두 번 썼습니다: ‘{w}’ (‘{worded}’ 또는 ‘{signed}’처럼 하나만 쓰세요)"
                    ),
                    Lang::En => format!(
                        "the sign is given twice, by ‘{w}’ and by a sign, parentheses or another balance word (write ‘{worded}’ or ‘{signed}’)"
                    ),
                }
            }
            (
                ParseErrorKind::DroppedUnit {
                    typed,
                    with_unit,
                    in_ones,
                },
                Lang::Ko,
            ) => format!(
                "‘{typed}’ 뒤에 단위가 없어 뜻이 모호합니다 (‘{with_unit}’ 또는 끝자리라면 ‘{in_ones}’처럼 쓰세요)"
            ),
            (
                ParseErrorKind::DroppedUnit {
                    typed,
                    with_unit,
                    in_ones,
                },
                Lang::En,
            ) => format!(
                "‘{typed}’ has no unit after a larger one and could mean either (write ‘{with_unit}’, or ‘{in_ones}’ for ones)"
            ),
            (ParseErrorKind::MisplacedWord(w), _) => {
                let about = format(self.field.quantity.sample(), quantity, lang, Style::Compact);
                match (lang, w.as_str()) {
                    (Lang::Ko, "~") => format!(
                        "범위는 하나의 값이 아닙니다: ‘~’ (‘~{about}’처럼 숫자 앞에 쓰면 ‘약’으로 읽습니다)"
                    ),
                    (Lang::En, "~") => format!(
                        "a range is not one figure: ‘~’ (before a number, as in ‘~{about}’, it reads as about)"
                    ),
                    (Lang::Ko, _) => format!(
                        "위치가 잘못되었습니다: ‘{w}’ (약, 가량, 적자 같은 말은 숫자 전체의 앞이나 뒤에 한 번만 씁니다: ‘약 {about}’)"
                    ),
                    (Lang::En, _) => format!(
                        "‘{w}’ is in the wrong place (words such as about or deficit go once, before or after the whole figure, as in ‘about {about}’)"
                    ),
                }
            }
        };
        Some(text)
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ParseError {}

/// "Type a …" for the field, with examples.
fn hint(field: FieldUnit, lang: Lang) -> String {
    let example = field.example(lang);
    match lang {
        Lang::Ko => {
            let what = match field.quantity {
                Quantity::Won | Quantity::Usd => "금액을",
                Quantity::Percent => "백분율을",
                Quantity::Fold => "배수를",
                Quantity::Rate => "환율을",
                Quantity::Count => "수를",
                Quantity::Year => "연도를",
            };
            format!("{what} 입력하세요 (예: {example})")
        }
        Lang::En => {
            let what = match field.quantity {
                Quantity::Won | Quantity::Usd => "an amount",
                Quantity::Percent => "a percentage",
                Quantity::Fold => "a multiple",
                Quantity::Rate => "an exchange rate",
                Quantity::Count => "a number",
                Quantity::Year => "a year",
            };
            format!("expected {what} such as {example}")
        }
    }
}

/// A character quoted, with its code point when it is not plain ASCII (so a look-alike character
/// can be identified). A combining mark is shown on a dotted circle, as character charts do, so it
/// does not sit on the quotation mark.
fn show_char(c: char) -> String {
    if c.is_ascii_graphic() {
        format!("‘{c}’")
    } else if combining(c) {
        format!("‘\u{25CC}{c}’ ({})", code_point(c))
    } else {
        format!("‘{c}’ ({})", code_point(c))
    }
}

/// `U+202E`.
fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Whether a character shows nothing of its own: controls, and the formatting characters Unicode
/// says to ignore when they cannot be shown (zero-width and directional marks, variation
/// selectors, tags). Quoted, it would be invisible or, for a directional override, turn the rest of
/// the message around; it is named by its code point alone.
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{AD}'
                | '\u{34F}'
                | '\u{61C}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFF0}'..='\u{FFF8}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Whether a character is a combining mark of the general blocks (accents, enclosing marks).
fn combining(c: char) -> bool {
    matches!(
        c,
        '\u{300}'..='\u{36F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(kind: ParseErrorKind, field: FieldUnit) -> ParseError {
        ParseError::new(kind, field)
    }

    #[test]
    fn messages() {
        let won = FieldUnit::won_trillions();
        let table = [
            (
                err(ParseErrorKind::Empty, won),
                "금액을 입력하세요 (예: 6.003, 6조 30억, 600억 원)",
                "expected an amount such as 6.003, 6 trillion 3 billion, 600억 or ₩4.3bn",
            ),
            (
                err(ParseErrorKind::UnknownWord("bnbn".into()), won),
                "알 수 없는 단위입니다: ‘bnbn’. 금액을 입력하세요 (예: 6.003, 6조 30억, 600억 원)",
                "unknown word ‘bnbn’: expected an amount such as 6.003, 6 trillion 3 billion, 600억 or ₩4.3bn",
            ),
            (
                err(ParseErrorKind::InvalidChar('٣'), FieldUnit::percent()),
                "쓸 수 없는 문자가 있습니다: ‘٣’ (U+0663). 백분율을 입력하세요 (예: 53.2, 53.2%, −79.7%)",
                "unexpected character ‘٣’ (U+0663): expected a percentage such as 53.2, 53.2%, −79.7%",
            ),
            (
                err(
                    ParseErrorKind::OutOfRange {
                        min: Decimal::from(-1_000_000_000_000_000_000_i64),
                        max: Decimal::from(1_000_000_000_000_000_000_i64),
                    },
                    won,
                ),
                "범위를 벗어났습니다 (−100경 원 ~ 100경 원). 금액을 입력하세요 (예: 6.003, 6조 30억, 600억 원)",
                "out of range (from −₩1,000,000 trillion to ₩1,000,000 trillion): expected an amount such as 6.003, 6 trillion 3 billion, 600억 or ₩4.3bn",
            ),
            (
                err(
                    ParseErrorKind::TooPrecise { max_decimals: 4 },
                    FieldUnit::won(),
                ),
                "소수점 아래가 너무 깁니다 (최소 단위 0.0001원). 금액을 입력하세요 (예: 6,003,000,000,000, 6조 30억, 600억 원)",
                "too precise (the smallest step is ₩0.0001): expected an amount such as 6,003,000,000,000, 6 trillion 3 billion, 600억 or ₩4.3bn",
            ),
            (
                err(ParseErrorKind::WrongUnit("$".into()), FieldUnit::won()),
                "이 칸에 맞지 않는 단위입니다: ‘$’. 금액을 입력하세요 (예: 6,003,000,000,000, 6조 30억, 600억 원)",
                "‘$’ does not fit this field: expected an amount such as 6,003,000,000,000, 6 trillion 3 billion, 600억 or ₩4.3bn",
            ),
            (
                err(
                    ParseErrorKind::TooPrecise { max_decimals: 0 },
                    FieldUnit::year(),
                ),
                "소수점 아래가 너무 깁니다 (최소 단위 1). 연도를 입력하세요 (예: 2023, 2023년)",
                "too precise (the smallest step is 1): expected a year such as 2023",
            ),
            (
                err(ParseErrorKind::InvalidChar('\u{7}'), FieldUnit::rate()),
                "보이지 않는 문자가 섞여 있습니다: U+0007. 환율을 입력하세요 (예: 1,396, 1,396.0원/달러)",
                "unexpected invisible character U+0007: expected an exchange rate such as 1,396, ₩1,396.0 per $ or 1396 KRW/USD",
            ),
            (
                // A right-to-left override quoted would turn the rest of the message around.
                err(
                    ParseErrorKind::InvalidChar('\u{202E}'),
                    FieldUnit::percent(),
                ),
                "보이지 않는 문자가 섞여 있습니다: U+202E. 백분율을 입력하세요 (예: 53.2, 53.2%, −79.7%)",
                "unexpected invisible character U+202E: expected a percentage such as 53.2, 53.2%, −79.7%",
            ),
            (
                err(ParseErrorKind::InvalidChar('\u{301}'), FieldUnit::percent()),
                "쓸 수 없는 문자가 있습니다: ‘◌\u{301}’ (U+0301). 백분율을 입력하세요 (예: 53.2, 53.2%, −79.7%)",
                "unexpected character ‘◌\u{301}’ (U+0301): expected a percentage such as 53.2, 53.2%, −79.7%",
            ),
        ];
        for (error, ko, en) in table {
            assert_eq!(error.message(Lang::Ko), ko, "Korean message for {error:?}");
            assert_eq!(error.message(Lang::En), en, "English message for {error:?}");
            assert_eq!(error.to_string(), en, "Display for {error:?}");
        }
    }

    /// Issue #15: the refusals of the new forms name what was wrong, with an example in the
    /// field's own unit.
    #[test]
    fn messages_for_newsroom_forms() {
        let won = FieldUnit::won_trillions();
        let balance = won.with_balance(true);
        let dollars = FieldUnit::usd_billions().with_balance(true);
        let table = [
            (
                err(ParseErrorKind::AmbiguousTriangle('▲'), won),
                "‘▲’ (U+25B2)는 뜻이 모호합니다: 표에서 ▲는 증가, ▼는 감소를 뜻하기도 합니다 (음수는 − 또는 △로 쓰세요). 금액을 입력하세요 (예: 6.003, 6조 30억, 600억 원)",
                "‘▲’ (U+25B2) is ambiguous: Korean tables use ▲ for a rise and ▼ for a fall as often as for a sign (type − or △ for a negative figure): expected an amount such as 6.003, 6 trillion 3 billion, 600억 or ₩4.3bn",
            ),
            (
                err(
                    ParseErrorKind::NotABalance("deficit".into()),
                    FieldUnit::count(),
                ),
                "수지 칸에만 쓸 수 있는 말입니다: ‘deficit’ (구매액, 판매액, 건수는 적자나 흑자가 될 수 없습니다). 수를 입력하세요 (예: 131,443,000, 1억 3,144만)",
                "‘deficit’ fits only a balance (purchases, sales and counts are never a deficit or a surplus): expected a number such as 131,443,000, 131.4 million",
            ),
            (
                err(ParseErrorKind::SignTwice("적자".into()), balance),
                "부호를 두 번 썼습니다: ‘적자’ (‘6조 30억 원 적자’ 또는 ‘−6조 30억 원’처럼 하나만 쓰세요). 금액을 입력하세요 (예: 6.003, 6조 30억, 600억 원)",
                "the sign is given twice, by ‘적자’ and by a sign, parentheses or another balance word (write ‘a ₩6.003 trillion deficit’ or ‘−₩6.003 trillion’): expected an amount such as 6.003, 6 trillion 3 billion, 600억 or ₩4.3bn",
            ),
            (
                // In the field's own unit: dollars in a dollar field.
                err(ParseErrorKind::SignTwice("deficit".into()), dollars),
                "부호를 두 번 썼습니다: ‘deficit’ (‘43억 달러 적자’ 또는 ‘−43억 달러’처럼 하나만 쓰세요). 금액을 입력하세요 (예: 4.3, 43억 달러, $4.3bn)",
                "the sign is given twice, by ‘deficit’ and by a sign, parentheses or another balance word (write ‘a $4.3 billion deficit’ or ‘−$4.3 billion’): expected an amount such as 4.3, $4.3 billion, 4.3bn or 43억 달러",
            ),
            (
                err(ParseErrorKind::MisplacedWord("약".into()), won),
                "위치가 잘못되었습니다: ‘약’ (약, 가량, 적자 같은 말은 숫자 전체의 앞이나 뒤에 한 번만 씁니다: ‘약 6조 30억 원’). 금액을 입력하세요 (예: 6.003, 6조 30억, 600억 원)",
                "‘약’ is in the wrong place (words such as about or deficit go once, before or after the whole figure, as in ‘about ₩6.003 trillion’): expected an amount such as 6.003, 6 trillion 3 billion, 600억 or ₩4.3bn",
            ),
            (
                err(ParseErrorKind::MisplacedWord("~".into()), won),
                "범위는 하나의 값이 아닙니다: ‘~’ (‘~6조 30억 원’처럼 숫자 앞에 쓰면 ‘약’으로 읽습니다). 금액을 입력하세요 (예: 6.003, 6조 30억, 600억 원)",
                "a range is not one figure: ‘~’ (before a number, as in ‘~₩6.003 trillion’, it reads as about): expected an amount such as 6.003, 6 trillion 3 billion, 600억 or ₩4.3bn",
            ),
        ];
        for (error, ko, en) in table {
            assert_eq!(error.message(Lang::Ko), ko, "Korean message for {error:?}");
            assert_eq!(error.message(Lang::En), en, "English message for {error:?}");
        }
        let dropped = err(
            ParseErrorKind::DroppedUnit {
                typed: "3천".into(),
                with_unit: "1억 3천만".into(),
                in_ones: "1억 3,000".into(),
            },
            FieldUnit::won(),
        );
        assert_eq!(
            dropped.message(Lang::Ko),
            "‘3천’ 뒤에 단위가 없어 뜻이 모호합니다 (‘1억 3천만’ 또는 끝자리라면 ‘1억 3,000’처럼 쓰세요). 금액을 입력하세요 (예: 6,003,000,000,000, 6조 30억, 600억 원)",
            "a dropped 만, in Korean"
        );
        assert_eq!(
            dropped.message(Lang::En),
            "‘3천’ has no unit after a larger one and could mean either (write ‘1억 3천만’, or ‘1억 3,000’ for ones): expected an amount such as 6,003,000,000,000, 6 trillion 3 billion, 600억 or ₩4.3bn",
            "a dropped 만, in English"
        );
    }

    #[test]
    fn every_kind_has_lowercase_english_without_a_final_period() {
        let kinds = [
            ParseErrorKind::Empty,
            ParseErrorKind::TooLong { max_chars: 64 },
            ParseErrorKind::InvalidChar('😀'),
            ParseErrorKind::UnknownWord("eur".into()),
            ParseErrorKind::NotANumber("NaN".into()),
            ParseErrorKind::Exponent,
            ParseErrorKind::MalformedNumber("6,,003".into()),
            ParseErrorKind::MissingNumber,
            ParseErrorKind::ExtraNumber("003".into()),
            ParseErrorKind::MisplacedSign,
            ParseErrorKind::UnbalancedParen,
            ParseErrorKind::RepeatedUnit("억".into()),
            ParseErrorKind::UnitOrder("3조".into()),
            ParseErrorKind::MisplacedUnit("원".into()),
            ParseErrorKind::WrongUnit("%".into()),
            ParseErrorKind::OutOfRange {
                min: Decimal::ZERO,
                max: Decimal::ONE,
            },
            ParseErrorKind::TooPrecise { max_decimals: 2 },
            ParseErrorKind::AmbiguousTriangle('▲'),
            ParseErrorKind::NotABalance("deficit".into()),
            ParseErrorKind::SignTwice("적자".into()),
            ParseErrorKind::MisplacedWord("약".into()),
            ParseErrorKind::DroppedUnit {
                typed: "3천".into(),
                with_unit: "1억 3천만".into(),
                in_ones: "1억 3,000".into(),
            },
        ];
        for kind in kinds {
            for field in [
                FieldUnit::won(),
                FieldUnit::usd_billions(),
                FieldUnit::fold(),
                FieldUnit::count(),
            ] {
                let error = err(kind.clone(), field);
                let en = error.message(Lang::En);
                let first = en.chars().next().unwrap_or(' ');
                assert!(
                    !first.is_uppercase(),
                    "{kind:?} starts with a capital: {en}"
                );
                assert!(!en.ends_with('.'), "{kind:?} ends with a period: {en}");
                assert!(
                    en.contains("expected"),
                    "{kind:?} says nothing of what was expected: {en}"
                );
                let ko = error.message(Lang::Ko);
                assert!(
                    ko.contains("입력하세요 (예: "),
                    "{kind:?} has no Korean hint: {ko}"
                );
            }
        }
    }
}
