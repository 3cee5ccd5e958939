//! Numbers in and out, in Korean and English: reading what a reader types into a field, and writing
//! figures the way the story's sources write them.
//!
//! Every value is an exact [`Decimal`](rust_decimal::Decimal) in base units: won, US dollars,
//! percentage points (53.2% is `53.2`), fold (`600`), won per dollar, a count, or a year. A
//! [`FieldUnit`] says what a field holds and what a bare number in it means; [`parse`] reads input for
//! it and [`format`] writes a value back in a [`Style`].
//!
//! ```
//! use jikgu::core::lang::Lang;
//! use jikgu::core::num::{FieldUnit, Quantity, Style, format, format_balance, parse, parse_reading};
//! use rust_decimal::Decimal;
//!
//! // In a field showing trillions of won, all of these are KIEP's 2023 deficit.
//! let field = FieldUnit::won_trillions();
//! let deficit = Decimal::new(6_003_000_000_000, 0);
//! for typed in ["6.003", "6조 30억", "6조30억원", "₩6.003 trillion", "6,003,000,000,000원"] {
//!     assert_eq!(parse(typed, &field), Ok(deficit));
//! }
//!
//! assert_eq!(format(deficit, Quantity::Won, Lang::Ko, Style::Compact), "6조 30억 원");
//! assert_eq!(format(deficit, Quantity::Won, Lang::En, Style::Compact), "₩6.003 trillion");
//! assert_eq!(format(deficit, Quantity::Won, Lang::Ko, Style::Full), "6,003,000,000,000원");
//! assert_eq!(format_balance(-deficit, Quantity::Won, Lang::En, Style::Compact), "a ₩6.003 trillion deficit");
//!
//! // A balance field reads the sign in words too; `parse_reading` keeps what else was said.
//! let balance = FieldUnit::won_trillions().with_balance(true);
//! assert_eq!(parse("6조30억원 적자", &balance), Ok(-deficit));
//! let about = parse_reading("약 3조2천270억원", &field).unwrap();
//! assert_eq!((about.value, about.approximate), (Decimal::new(3_227_000_000_000, 0), true));
//!
//! // Mistakes come back as a sentence with examples in the field's unit.
//! let error = parse("6억 3조", &field).unwrap_err();
//! assert!(error.message(Lang::Ko).contains("(예: 6.003, 6조 30억, 600억 원)"));
//! ```
//!
//! # What `parse` accepts
//!
//! - **Digits**: ASCII or full-width (`６조`, `１２３．４`). Commas group thousands and must do so
//!   properly: `6,003,000` is read, `6,,003`, `1,2,3` and `12,34` are refused. One decimal point;
//!   `.5` and `5.` are read as 0.5 and 5. Arabic-Indic and other digits are refused as invalid
//!   characters; exponents (`1e9`), `NaN` and `Infinity` are refused.
//! - **Scales** (won, dollars and counts only), each after its own number, which may have decimals:
//!   Korean 만 10⁴, 억 10⁸, 조 10¹², 경 10¹⁶; English k/thousand, m/mn/mln/million, b/bn/billion,
//!   t/tn/trn/trillion, in any case. Parts add up (`6조 30억`, `6 trillion 3 billion`) and must go
//!   from largest to smallest, each part smaller than the unit before it (`6조 30000억` is refused).
//!   A last part without a scale counts in ones: `1억 3,144만 3,000`.
//! - **천, 백, 십** multiply the single digit before them inside a group that a larger scale closes,
//!   as Yonhap writes amounts: `3조2천270억원` is 3조 2,270억, `5천5백만원` is 5,500만, `7십팔만 6천원`
//!   is 786,000, `12만8천` is 128,000. With no digit before them they count one (`천만`, `십팔억`),
//!   and so does 만 at the start (`만 원`); 억, 조 and 경 need a number.
//! - **Hangul numerals** (won, dollars and counts): 일 이 삼 사 오 육 칠 팔 구, with 영 or 공 for zero,
//!   under the same units, with or without spaces: `이백`, `삼천`, `일억 이천삼백사십오만`, `십팔억`,
//!   mixed with digits too (`7십팔만`). A lone hangul digit is a bare number, like a lone digit.
//! - **Units**: won `₩`, `￦`, `KRW` before the number or `원`, `KRW`, `won` after; dollars `$`, `US$`,
//!   `USD` before or `달러`, `USD`, `dollar(s)` after; percent `%`, `%p`, `퍼센트`, `percent`, `pct`,
//!   `pp` after; fold `×`/`x` before or `배`, `x`, `×`, `-fold`, `fold`, `times` after; rate `₩`
//!   before and `원`, `원/달러`, `KRW/USD`, `per $`, `/$`, `won per dollar` after; counts `건`, `개`;
//!   years `년`. A unit from another quantity (`$` or `%` in a won field) is refused.
//! - **The bare scale**: a number with no unit and no scale word is in the field's display unit
//!   ([`FieldUnit::bare_exponent`]). Any unit or scale word typed overrides it: `5000원` and `₩5000`
//!   are five thousand won even in a 조 원 field.
//! - **Signs**: one `+` or minus at the start, or just after a leading currency symbol (`₩-5`); or
//!   accounting parentheses around the whole figure, `(5)` for −5. A minus is `-`, `−` (U+2212), any
//!   dash pasted text puts there (U+2010 to U+2015, U+FE58, U+FE63, U+FF0D), or `△` (U+25B3, and
//!   the small U+25B5), which Korean statistical tables use: `△4,985억원`. `▲` and `▼` are refused:
//!   those tables use them for a rise and a fall as often as for a sign.
//! - **Approximate figures**: `약`, `about`, `approx.`, `approximately`, `around`, `roughly`, `ca.`,
//!   `circa`, `~` or `≈` before the number, or `가량`, `정도` after it, once. The value is kept exact;
//!   [`parse_reading`] marks the [`Reading`] approximate so the field can say so. `6~7조` is refused:
//!   a range is not a figure.
//! - **Balances in words**: in a field declared a balance ([`FieldUnit::with_balance`]), `적자` or
//!   `deficit` makes the value negative and `흑자` or `surplus` keeps it positive, before or after the
//!   figure: `6조30억원 적자`, `적자 6조`, `deficit of ₩6tn`, `a ₩6.003 trillion deficit`,
//!   `이백만원 흑자`. With a sign or parentheses as well the sign is given twice, and refused. In any
//!   other field (purchases, sales, counts, percentages) these words are refused with the reason.
//! - **Spaces**: any Unicode spaces (NBSP, thin, ideographic) around and between parts, none needed.
//! - **Limits**: at most [`MAX_INPUT_CHARS`] characters after trimming; per quantity a plausible range
//!   (won within ±10¹⁸, dollars and counts within ±10¹⁵, percent within ±10⁶, fold and rate within
//!   0..=10⁶, year 1..=9999) and a number of decimal places kept (won 4, dollars 6, percent, fold and
//!   rate 10, counts and years 0). Values are exact: nothing is rounded while reading.

mod error;
mod field;
mod format;
mod lex;
mod normalise;
mod parse;

pub use error::{ParseError, ParseErrorKind};
pub use field::{FieldUnit, Quantity};
pub use format::{MINUS, ROUNDING, Style, format, format_balance, format_bare, format_change};
pub use parse::{MAX_INPUT_CHARS, Reading, parse, parse_reading};
