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
//! use jikgu::core::num::{FieldUnit, Quantity, Style, format, format_balance, parse};
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
//!   Korean 만 10⁴, 억 10⁸, 조 10¹², 경 10¹⁶, and 천 10³ with the compounds 십만, 백만, 천만, 십억,
//!   백억, 천억, 십조, 백조, 천조 (`5천만`, `3천억`); English k/thousand, m/mn/mln/million,
//!   b/bn/billion, t/tn/trn/trillion, in any case. Parts add up (`6조 30억`, `6 trillion 3 billion`)
//!   and must go from largest to smallest, each part smaller than the unit before it (`6조 30000억`
//!   is refused). A last part without a scale counts in ones: `1억 3,144만 3,000`.
//! - **Units**: won `₩`, `￦`, `KRW` before the number or `원`, `KRW`, `won` after; dollars `$`, `US$`,
//!   `USD` before or `달러`, `USD`, `dollar(s)` after; percent `%`, `%p`, `퍼센트`, `percent`, `pct`,
//!   `pp` after; fold `×`/`x` before or `배`, `x`, `×`, `-fold`, `fold`, `times` after; rate `₩`
//!   before and `원`, `원/달러`, `KRW/USD`, `per $`, `/$`, `won per dollar` after; counts `건`, `개`;
//!   years `년`. A unit from another quantity (`$` or `%` in a won field) is refused.
//! - **The bare scale**: a number with no unit and no scale word is in the field's display unit
//!   ([`FieldUnit::bare_exponent`]). Any unit or scale word typed overrides it: `5000원` and `₩5000`
//!   are five thousand won even in a 조 원 field.
//! - **Signs**: one `-`, `−` (U+2212), `–` or `+` at the start, or just after a leading currency
//!   symbol (`₩-5`); or accounting parentheses around the whole figure, `(5)` for −5.
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
pub use parse::{MAX_INPUT_CHARS, parse};
