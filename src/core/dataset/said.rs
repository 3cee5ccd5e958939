//! What the TOML reader said about a file, recognised so it can be told in the reader's language.
//!
//! The `toml` crate reports in English, in two families of sentences: serde's standard ones for a
//! file of the wrong shape (their wording is fixed in `serde_core`'s `de/mod.rs`: `invalid type:
//! …, expected …`, `missing field `…``, `unknown field `…`, expected one of …` and so on), and its
//! own for text that is not TOML (`<what is wrong>, expected <what may come>`). Both are taken
//! apart here with plain string splitting, never by index, so no message can make it panic; one
//! that fits no shape is kept whole and shown quoted.

use crate::core::lang::Lang;

use super::error::fill;

/// What the reader said, taken apart.
#[derive(Clone, Copy)]
#[cfg_attr(test, derive(Debug, PartialEq, Eq))]
pub(super) enum Said<'a> {
    /// `invalid type: <found>, expected <expected>`: a value of the wrong kind.
    InvalidType { found: &'a str, expected: &'a str },
    /// `invalid value: <found>, expected <expected>`: the right kind, but not a value allowed.
    InvalidValue { found: &'a str, expected: &'a str },
    /// `invalid length <n>, expected <expected>`.
    InvalidLength { length: &'a str, expected: &'a str },
    /// `unknown variant `<v>`, expected …`: a name not on the list.
    UnknownVariant {
        variant: &'a str,
        /// The names it could be, each in backticks (`None`: there are none).
        one_of: Option<&'a str>,
    },
    /// `unknown field `<f>`, expected …`: a key the table does not have (often a misspelling).
    UnknownField {
        field: &'a str,
        /// The keys it can have, each in backticks (`None`: it has none).
        one_of: Option<&'a str>,
    },
    /// `missing field `<f>``: a key the table must have.
    MissingField { field: &'a str },
    /// `duplicate field `<f>``.
    DuplicateField { field: &'a str },
    /// The TOML reader's `duplicate key`: a key or a table written twice.
    DuplicateKey,
    /// This crate's own complaint about a decimal written as a number (see [`decimal_as_text`]).
    DecimalAsText { value: &'a str },
    /// The TOML grammar: `<what is wrong>, expected <what may come, comma-separated>`.
    Grammar { what: &'a str, expected: &'a str },
    /// Anything else, as said.
    Other(&'a str),
}

/// What a decimal written as a TOML number is told, so it is read exactly.
const DECIMAL_AS_TEXT: (&str, &str) = (
    "write a decimal as a string (\"",
    "\"), so it is read exactly",
);

/// What the decimal reader expects, in serde's `expected …` slot.
pub(super) const DECIMAL_EXPECTED: &str = "a decimal written as a string, such as \"6.003\"";

/// The message for a decimal written as a TOML number (`1.5` rather than `"1.5"`).
pub(super) fn decimal_as_text(value: impl std::fmt::Display) -> String {
    [DECIMAL_AS_TEXT.0, &value.to_string(), DECIMAL_AS_TEXT.1].concat()
}

/// Takes a message apart.
pub(super) fn recognise(message: &str) -> Said<'_> {
    let m = message.trim();
    if let Some((found, expected)) = m.strip_prefix("invalid type: ").and_then(found_expected) {
        return Said::InvalidType { found, expected };
    }
    if let Some((found, expected)) = m.strip_prefix("invalid value: ").and_then(found_expected) {
        return Said::InvalidValue { found, expected };
    }
    if let Some((length, expected)) = m.strip_prefix("invalid length ").and_then(found_expected) {
        return Said::InvalidLength { length, expected };
    }
    if let Some((variant, one_of)) = m.strip_prefix("unknown variant `").and_then(named_list) {
        return Said::UnknownVariant { variant, one_of };
    }
    if let Some((field, one_of)) = m.strip_prefix("unknown field `").and_then(named_list) {
        return Said::UnknownField { field, one_of };
    }
    if let Some(field) = backticked(m, "missing field `") {
        return Said::MissingField { field };
    }
    if let Some(field) = backticked(m, "duplicate field `") {
        return Said::DuplicateField { field };
    }
    if m == "duplicate key" {
        return Said::DuplicateKey;
    }
    if let Some(value) = m
        .strip_prefix(DECIMAL_AS_TEXT.0)
        .and_then(|rest| rest.strip_suffix(DECIMAL_AS_TEXT.1))
    {
        return Said::DecimalAsText { value };
    }
    match m.rsplit_once(", expected ") {
        Some((what, expected)) if !what.is_empty() => Said::Grammar { what, expected },
        _ => Said::Other(m),
    }
}

/// `<found>, expected <expected>`. serde's `expected` names a type or a list, never containing
/// `, expected `; the found part may quote the file's own text, so the split is at the last one.
fn found_expected(rest: &str) -> Option<(&str, &str)> {
    rest.rsplit_once(", expected ")
}

/// `<name>`, expected <list>` or `<name>`, there are no …`, after the opening backtick.
fn named_list(rest: &str) -> Option<(&str, Option<&str>)> {
    let (name, list) = rest.split_once("`, ")?;
    if list.starts_with("there are no ") {
        return Some((name, None));
    }
    let list = list.strip_prefix("expected ")?;
    Some((name, Some(list.strip_prefix("one of ").unwrap_or(list))))
}

fn backticked<'a>(m: &'a str, prefix: &str) -> Option<&'a str> {
    m.strip_prefix(prefix)?.strip_suffix('`')
}

/// A list serde wrote as `` `a`, `b` `` or `` `a` or `b` ``, as a Korean list (commas only).
pub(super) fn list_ko(one_of: &str) -> String {
    one_of.replace("` or `", "`, `")
}

/// What serde found, said for a journalist: the kind of value, and the value as written.
pub(super) fn found(found: &str, lang: Lang) -> String {
    let kinds = [
        ("string ", "문자열 {}", "the string {}"),
        (
            "floating point ",
            "따옴표 없는 소수 {}",
            "the number {}, not in quotes",
        ),
        ("boolean ", "참·거짓 값 {}", "the boolean {}"),
    ];
    for (kind, ko, en) in kinds {
        if let Some(value) = found.strip_prefix(kind) {
            return fill(lang.pick(ko, en), &[value]);
        }
    }
    if let Some(number) = found.strip_prefix("integer ") {
        return match number
            .strip_suffix(" as i128")
            .or_else(|| number.strip_suffix(" as u128"))
        {
            Some(big) => fill(
                lang.pick("너무 큰 정수 {}", "the integer {}, too large"),
                &[big],
            ),
            None => fill(lang.pick("정수 {}", "the integer {}"), &[number]),
        };
    }
    match found {
        "sequence" => lang.pick("목록(`[ … ]`)", "a list (`[ … ]`)").into(),
        "map" => lang.pick("표(`{ … }`)", "a table (`{ … }`)").into(),
        other => fill("`{}`", &[other]),
    }
}

/// What serde expected, said for a journalist; a type name it gives is kept in backticks.
pub(super) fn expected(expected: &str, lang: Lang) -> String {
    let pair = |ko: &str, en: &str| lang.pick(ko, en).to_string();
    match expected {
        "i8" | "i16" | "i32" | "i64" | "i128" | "u8" | "u16" | "u32" | "u64" | "u128" => fill(
            lang.pick("정수(`{}`)", "a whole number (`{}`)"),
            &[expected],
        ),
        "a string" => pair("따옴표로 감싼 문자열", "a string in quotes"),
        "a boolean" => pair("`true` 또는 `false`", "`true` or `false`"),
        "a sequence" => pair("목록(`[ … ]`)", "a list (`[ … ]`)"),
        DECIMAL_EXPECTED => pair(
            "따옴표로 감싼 소수(예: \"6.003\")",
            "a decimal in quotes, such as \"6.003\"",
        ),
        table if table.starts_with("struct ") => pair("표(`{ … }`)", "a table (`{ … }`)"),
        other => fill("`{}`", &[other]),
    }
}

/// The TOML grammar's own complaint, in Korean where it is one of the common ones.
pub(super) fn grammar_ko(what: &str) -> Option<&'static str> {
    Some(match what {
        "key with no value" | "missing value" | "missing value for key" => "키 뒤에 값이 없습니다",
        "invalid basic string" | "invalid literal string" => {
            "문자열이 같은 줄에서 따옴표로 닫히지 않았습니다"
        }
        "unclosed table" => "표 이름의 대괄호(`]`)가 닫히지 않았습니다",
        "unclosed array" => "목록의 대괄호(`]`)가 닫히지 않았습니다",
        "missing key for inline table element" => {
            "중괄호 표 안에서 키가 와야 할 자리에 키가 없습니다"
        }
        "unclosed inline table" => "중괄호 표(`}`)가 닫히지 않았습니다",
        "missing comma between array elements" => "목록의 항목 사이에 쉼표가 없습니다",
        "missing comma between key-value pairs" => "중괄호 표의 키와 값 쌍 사이에 쉼표가 없습니다",
        "extra comma in array" => "목록에 쉼표가 하나 더 있습니다",
        "string values must be quoted" => "문자열 값은 따옴표로 감싸야 합니다",
        "invalid unquoted key" | "unquoted keys cannot be empty" => {
            "키 이름이 비었거나 따옴표 없이 쓸 수 없는 글자가 있습니다"
        }
        "invalid key-value pair" | "unexpected key or value" | "unexpected content" => {
            "이 자리에 올 수 없는 내용이 있습니다"
        }
        _ => return None,
    })
}

/// What the TOML grammar expected, comma-separated: literals stay in their backticks, its few
/// descriptive words are said in Korean.
pub(super) fn grammar_expected_ko(expected: &str) -> String {
    expected
        .split(", ")
        .map(|item| match item {
            "nothing" => "더 없음(줄 끝)".to_string(),
            "letters" | "characters" => "글자".to_string(),
            "numbers" | "digits" => "숫자".to_string(),
            "key" => "키".to_string(),
            "value" => "값".to_string(),
            literal if literal.starts_with('`') => literal.to_string(),
            other => fill("\"{}\"", &[other]),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::{Error as _, Unexpected};

    /// serde's own wording, made by serde, so a change in it fails here rather than on a page.
    fn serde_says(make: fn() -> serde::de::value::Error) -> String {
        make().to_string()
    }

    #[test]
    fn recognises_serde_messages_as_serde_writes_them() {
        type E = serde::de::value::Error;
        let cases: [(String, Said); 9] = [
            (
                serde_says(|| E::invalid_type(Unexpected::Str("2022"), &"i64")),
                Said::InvalidType {
                    found: "string \"2022\"",
                    expected: "i64",
                },
            ),
            (
                serde_says(|| E::invalid_value(Unexpected::Signed(-1), &"a positive number")),
                Said::InvalidValue {
                    found: "integer `-1`",
                    expected: "a positive number",
                },
            ),
            (
                serde_says(|| E::invalid_length(3, &"a list of 2")),
                Said::InvalidLength {
                    length: "3",
                    expected: "a list of 2",
                },
            ),
            (
                serde_says(|| E::unknown_variant("imports", &["purchases", "sales"])),
                Said::UnknownVariant {
                    variant: "imports",
                    one_of: Some("`purchases` or `sales`"),
                },
            ),
            (
                serde_says(|| E::unknown_field("unti", &["unit", "value", "year"])),
                Said::UnknownField {
                    field: "unti",
                    one_of: Some("`unit`, `value`, `year`"),
                },
            ),
            (
                serde_says(|| E::unknown_field("x", &[])),
                Said::UnknownField {
                    field: "x",
                    one_of: None,
                },
            ),
            (
                serde_says(|| E::missing_field("value")),
                Said::MissingField { field: "value" },
            ),
            (
                serde_says(|| E::duplicate_field("id")),
                Said::DuplicateField { field: "id" },
            ),
            (
                serde_says(|| E::custom(decimal_as_text(1.5))),
                Said::DecimalAsText { value: "1.5" },
            ),
        ];
        for (message, want) in &cases {
            assert_eq!(recognise(message), *want, "{message}");
        }
    }

    #[test]
    fn recognises_the_toml_grammar_and_keeps_the_rest_whole() {
        assert_eq!(recognise("duplicate key"), Said::DuplicateKey);
        assert_eq!(
            recognise("unclosed table, expected `]`"),
            Said::Grammar {
                what: "unclosed table",
                expected: "`]`"
            }
        );
        assert_eq!(
            recognise("integer number overflowed"),
            Said::Other("integer number overflowed")
        );
        // A found value quoting the file's own text cannot move the split.
        assert_eq!(
            recognise("invalid type: string \"a, expected b\", expected i64"),
            Said::InvalidType {
                found: "string \"a, expected b\"",
                expected: "i64"
            }
        );
        for broken in [
            "invalid type: ",
            "unknown field `",
            "missing field `x",
            "",
            "`, ",
        ] {
            assert!(
                matches!(recognise(broken), Said::Other(_)),
                "{broken:?} fits no shape"
            );
        }
    }

    #[test]
    fn says_found_and_expected_in_both_languages() {
        assert_eq!(expected("i64", Lang::Ko), "정수(`i64`)");
        assert_eq!(expected("i64", Lang::En), "a whole number (`i64`)");
        assert_eq!(expected("struct RawFigure", Lang::Ko), "표(`{ … }`)");
        assert_eq!(expected("something new", Lang::Ko), "`something new`");
        assert_eq!(found("string \"2022\"", Lang::Ko), "문자열 \"2022\"");
        assert_eq!(
            found("integer `99999999999999999999` as i128", Lang::Ko),
            "너무 큰 정수 `99999999999999999999`"
        );
        assert_eq!(list_ko("`a` or `b`"), "`a`, `b`");
        assert_eq!(
            grammar_expected_ko("letters, numbers, `-`, `_`"),
            "글자, 숫자, `-`, `_`"
        );
    }
}
