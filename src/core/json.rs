//! JSON for what the app keeps and shares: scenarios in links and local storage, and the export.
//!
//! A small tree, a strict reader (RFC 8259) and a writer. serde_json with derived impls did the same
//! work for about a tenth of the app's wasm, most of it generic code instantiated per type; the
//! documents here are a handful of small shapes, read and written by hand in their own modules.
//! Numbers keep their text, so a decimal goes through exactly. The reader never panics, bounds
//! nesting at [`MAX_DEPTH`], and refuses duplicate keys and anything after the document.

use std::fmt::Write as _;

use rust_decimal::Decimal;

/// How deeply arrays and objects may nest (scenarios need four levels).
pub const MAX_DEPTH: usize = 32;

/// A JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written (already checked to be a JSON number).
    Number(String),
    /// A string, escapes resolved.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, keys in the order written (no key twice).
    Object(Vec<(String, Json)>),
}

impl Json {
    /// A string value.
    pub fn str(text: impl Into<String>) -> Json {
        Json::String(text.into())
    }

    /// An integer value.
    pub fn int(n: impl Into<i64>) -> Json {
        Json::Number(n.into().to_string())
    }

    /// A decimal, written as a string so no reader turns it into a float.
    pub fn decimal(d: Decimal) -> Json {
        Json::String(d.to_string())
    }

    /// The value under `key`, for an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// An integer value that fits `T`.
    pub fn as_int<T: TryFrom<i64>>(&self) -> Option<T> {
        match self {
            Json::Number(n) => n.parse::<i64>().ok().and_then(|n| T::try_from(n).ok()),
            _ => None,
        }
    }

    /// A decimal, from a string (as written here) or a number (as another writer might).
    pub fn as_decimal(&self) -> Option<Decimal> {
        let text = match self {
            Json::String(s) | Json::Number(s) => s.as_str(),
            _ => return None,
        };
        Decimal::from_str_exact(text)
            .ok()
            .or_else(|| Decimal::from_scientific(text).ok())
    }

    /// The entries of an object.
    pub fn entries(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items of an array.
    pub fn items(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// Compact text, as in a link or local storage.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None, 0);
        out
    }

    /// Text indented by two spaces, one value per line, for a file a person may read.
    pub fn to_pretty_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(2), 0);
        out
    }

    fn write(&self, out: &mut String, indent: Option<usize>, depth: usize) {
        let newline = |out: &mut String, depth: usize| {
            if let Some(step) = indent {
                out.push('\n');
                out.extend(std::iter::repeat_n(' ', step * depth));
            }
        };
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::String(s) => write_string(out, s),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(entries) if entries.is_empty() => out.push_str("{}"),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, depth + 1);
                    item.write(out, indent, depth + 1);
                }
                newline(out, depth);
                out.push(']');
            }
            Json::Object(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, depth + 1);
                    write_string(out, key);
                    out.push(':');
                    if indent.is_some() {
                        out.push(' ');
                    }
                    value.write(out, indent, depth + 1);
                }
                newline(out, depth);
                out.push('}');
            }
        }
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Why text is not a JSON document. Links and storage only need to know that it is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonError {
    /// The byte offset where reading stopped.
    pub at: usize,
}

/// Reads one JSON document; whitespace may surround it, nothing else may follow it.
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        at: 0,
    };
    let value = reader.value(0)?;
    reader.blank();
    if reader.at == reader.bytes.len() {
        Ok(value)
    } else {
        Err(reader.error())
    }
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn error(&self) -> JsonError {
        JsonError { at: self.at }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn blank(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn consume(&mut self, byte: u8) -> Result<(), JsonError> {
        self.blank();
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error())
        }
    }

    fn word(&mut self, word: &str, value: Json) -> Result<Json, JsonError> {
        if self.bytes.get(self.at..self.at + word.len()) == Some(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error())
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error());
        }
        self.blank();
        match self.peek() {
            Some(b'n') => self.word("null", Json::Null),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.blank();
                if self.peek() == Some(b']') {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.blank();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b']') => {
                            self.at += 1;
                            return Ok(Json::Array(items));
                        }
                        _ => return Err(self.error()),
                    }
                }
            }
            Some(b'{') => {
                self.at += 1;
                let mut entries: Vec<(String, Json)> = Vec::new();
                self.blank();
                if self.peek() == Some(b'}') {
                    self.at += 1;
                    return Ok(Json::Object(entries));
                }
                loop {
                    self.blank();
                    if self.peek() != Some(b'"') {
                        return Err(self.error());
                    }
                    let key = self.string()?;
                    if entries.iter().any(|(k, _)| *k == key) {
                        return Err(self.error());
                    }
                    self.consume(b':')?;
                    let value = self.value(depth + 1)?;
                    entries.push((key, value));
                    self.blank();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b'}') => {
                            self.at += 1;
                            return Ok(Json::Object(entries));
                        }
                        _ => return Err(self.error()),
                    }
                }
            }
            _ => Err(self.error()),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let first = self.peek();
        let int = self.digits();
        if int == 0 || (first == Some(b'0') && int > 1) {
            return Err(self.error());
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.error());
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.error());
            }
        }
        let text = self.text.get(start..self.at).ok_or_else(|| self.error())?;
        Ok(Json::Number(text.to_string()))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let hex = self
            .text
            .get(self.at..self.at + 4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.error())?;
        let code = u32::from_str_radix(hex, 16).map_err(|_| self.error())?;
        self.at += 4;
        Ok(code)
    }

    /// At the opening quote.
    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let rest = self.text.get(self.at..).ok_or_else(|| self.error())?;
            // Copy the plain run up to the next quote, backslash or control character at once.
            let plain = rest
                .find(|c: char| c == '"' || c == '\\' || u32::from(c) < 0x20)
                .ok_or(JsonError {
                    at: self.text.len(),
                })?;
            out.push_str(rest.get(..plain).unwrap_or(""));
            self.at += plain;
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escape = self.peek().ok_or_else(|| self.error())?;
                    self.at += 1;
                    let c = match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let high = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&high) {
                                // A surrogate pair: the low half must follow as another \u escape.
                                if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                                    return Err(self.error());
                                }
                                self.at += 2;
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return Err(self.error());
                                }
                                0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                high
                            };
                            char::from_u32(code).ok_or_else(|| self.error())?
                        }
                        _ => return Err(self.error()),
                    };
                    out.push(c);
                }
                _ => return Err(self.error()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_the_same_document() {
        let text = r#"{"v":1,"s":"a\"b\\c\n\u00e9\ud83d\udcb8","n":-12.5e3,"a":[true,false,null,[]],"o":{}}"#;
        let doc = parse(text).expect("valid");
        assert_eq!(doc.get("v").and_then(Json::as_int::<u32>), Some(1));
        assert_eq!(
            doc.get("s").and_then(Json::as_str),
            Some("a\"b\\c\n\u{e9}\u{1F4B8}")
        );
        assert_eq!(doc.get("n"), Some(&Json::Number("-12.5e3".into())));
        let again = parse(&doc.to_text()).expect("own output reads");
        assert_eq!(again, doc);
        assert_eq!(
            doc.to_text(),
            "{\"v\":1,\"s\":\"a\\\"b\\\\c\\n\u{e9}\u{1F4B8}\",\"n\":-12.5e3,\"a\":[true,false,null,[]],\"o\":{}}"
        );
    }

    #[test]
    fn pretty_text_indents_by_two() {
        let doc = Json::Object(vec![
            ("a".into(), Json::Array(vec![Json::int(1), Json::str("x")])),
            ("b".into(), Json::Object(vec![])),
        ]);
        assert_eq!(
            doc.to_pretty_text(),
            "{\n  \"a\": [\n    1,\n    \"x\"\n  ],\n  \"b\": {}\n}"
        );
    }

    #[test]
    fn refuses_what_is_not_json() {
        for bad in [
            "",
            " ",
            "{",
            "}",
            "[1,]",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{a:1}",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "NaN",
            "Infinity",
            "'a'",
            "\"a",
            "\"\\x\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\u{1}\"",
            "tru",
            "nul",
            "{\"a\":1,\"a\":2}",
            "1 2",
            "[1] x",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should be refused");
        }
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 2), "]".repeat(MAX_DEPTH + 2));
        assert!(parse(&deep).is_err(), "too deep");
        let fine = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn decimals_go_through_exactly() {
        let d: Decimal = "-4300000000.125".parse().expect("decimal");
        let text = Json::decimal(d).to_text();
        assert_eq!(text, "\"-4300000000.125\"");
        assert_eq!(parse(&text).ok().and_then(|j| j.as_decimal()), Some(d));
        assert_eq!(
            parse("1396").ok().and_then(|j| j.as_decimal()),
            Some(Decimal::from(1396)),
            "a number is read as a decimal too"
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,64}") {
            let _ = parse(&text);
        }

        #[test]
        fn strings_round_trip(s in "\\PC{0,40}|[\\x00-\\x1f\"\\\\]{0,8}") {
            let text = Json::str(s.clone()).to_text();
            proptest::prop_assert_eq!(parse(&text), Ok(Json::String(s)));
        }
    }
}
