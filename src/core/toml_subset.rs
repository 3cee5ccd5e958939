//! A reader for the part of TOML that data files use, into a small tree that remembers lines.
//!
//! The data file is TOML so a journalist can edit it in any text editor. A general TOML crate with
//! serde derives cost about a sixth of the app's wasm (the generic deserialiser is instantiated once
//! per shape of row), so the dataset reads this tree by hand instead (see `dataset.rs`).
//!
//! What it reads, as TOML 1.0 defines it: comments; bare, quoted and dotted keys; `[table]` and
//! `[[array.of.tables]]` headers; basic, literal and multi-line strings with every escape; decimal
//! integers with `_` separators; booleans; arrays and inline tables, which may span lines and end
//! with a comma (as TOML 1.1 allows). Floats, dates and times are refused with a message that says
//! how the schema writes numbers instead (as strings). Everything else TOML forbids is refused too:
//! a key given twice, a table defined twice, a value where a table is expected. It never panics,
//! and nests at most [`MAX_DEPTH`] arrays or inline tables deep.

use std::fmt;

/// How deeply arrays and inline tables may nest (the schema needs two).
pub const MAX_DEPTH: usize = 32;

/// A value, as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Any kind of string, escapes resolved.
    String(String),
    /// A decimal integer.
    Integer(i64),
    /// `true` or `false`.
    Boolean(bool),
    /// `[ … ]`: each element with its line.
    Array(Vec<Item>),
    /// A `[table]`, an inline `{ … }` table or a table made by a dotted key.
    Table(Table),
    /// The tables of `[[name]]` headers, in order.
    Tables(Vec<Table>),
}

impl Value {
    /// What kind of value this is, for messages ("expected a string, found an integer").
    pub fn kind(&self) -> &'static str {
        match self {
            Value::String(_) => "a string",
            Value::Integer(_) => "an integer",
            Value::Boolean(_) => "a boolean",
            Value::Array(_) => "an array",
            Value::Table(_) | Value::Tables(_) => "a table",
        }
    }
}

/// A value and the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The value.
    pub value: Value,
    /// Where it starts.
    pub line: usize,
}

/// A table: its entries in the order written, and the line that opened it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Keys and values, in order.
    pub entries: Vec<(String, Item)>,
    /// The line of its header, its `{`, or its first key.
    pub line: usize,
    /// Made by a header or written inline, so it cannot be opened again.
    closed: bool,
}

impl Table {
    /// The value under `key`, if any.
    pub fn get(&self, key: &str) -> Option<&Item> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut Item> {
        self.entries
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }
}

/// Why the text is not TOML this reader takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong, saying what was expected.
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Reads a whole document into its root table.
pub fn parse(text: &str) -> Result<Table, SyntaxError> {
    let mut reader = Reader {
        text,
        at: 0,
        line: 1,
    };
    let mut root = Table {
        line: 1,
        ..Table::default()
    };
    // The path of the table that keys go into, from the root; `[[x]]` steps into x's last table.
    let mut current: Vec<String> = Vec::new();
    loop {
        reader.skip_blank_lines()?;
        match reader.peek() {
            None => return Ok(root),
            Some(b'[') => {
                let line = reader.line;
                let array = reader.text.as_bytes().get(reader.at + 1) == Some(&b'[');
                reader.at += if array { 2 } else { 1 };
                reader.skip_spaces();
                let path = reader.key_path()?;
                let close = if array { "]]" } else { "]" };
                if !reader.rest().starts_with(close) {
                    return Err(reader.error(format!("expected `{close}` to end the header")));
                }
                reader.at += close.len();
                reader.end_of_line()?;
                open_header(&mut root, &path, array, line)
                    .map_err(|message| SyntaxError { line, message })?;
                current = path;
            }
            Some(_) => {
                let line = reader.line;
                let (path, item) = reader.key_value(0)?;
                reader.end_of_line()?;
                let table = table_at(&mut root, &current)
                    .ok_or_else(|| reader.error("the table of this key is gone".into()))?;
                insert(table, &path, item).map_err(|message| SyntaxError { line, message })?;
            }
        }
    }
}

/// Opens `[path]` or `[[path]]`.
fn open_header(root: &mut Table, path: &[String], array: bool, line: usize) -> Result<(), String> {
    let Some((last, parents)) = path.split_last() else {
        return Err("expected a table name".into());
    };
    let mut table = root;
    for key in parents {
        table = descend(table, key, line)?;
    }
    match table.get_mut(last) {
        None => {
            let new = Table {
                line,
                closed: true,
                ..Table::default()
            };
            let value = if array {
                Value::Tables(vec![new])
            } else {
                Value::Table(new)
            };
            table.entries.push((last.clone(), Item { value, line }));
            Ok(())
        }
        Some(Item {
            value: Value::Tables(tables),
            ..
        }) if array => {
            tables.push(Table {
                line,
                closed: true,
                ..Table::default()
            });
            Ok(())
        }
        Some(Item {
            value: Value::Table(existing),
            ..
        }) if !array && !existing.closed => {
            // Made implicitly by an earlier `[last.child]`: this defines it, once.
            existing.closed = true;
            existing.line = line;
            Ok(())
        }
        Some(item) => Err(format!(
            "`{}` is already defined on line {}",
            path.join("."),
            item.line
        )),
    }
}

/// Steps into `key` of `table` while following a header's path, making an implicit table if needed.
fn descend<'t>(table: &'t mut Table, key: &str, line: usize) -> Result<&'t mut Table, String> {
    if table.get(key).is_none() {
        table.entries.push((
            key.to_string(),
            Item {
                value: Value::Table(Table {
                    line,
                    ..Table::default()
                }),
                line,
            },
        ));
    }
    match table.get_mut(key) {
        Some(Item {
            value: Value::Table(inner),
            ..
        }) => Ok(inner),
        Some(Item {
            value: Value::Tables(tables),
            line: first,
        }) => {
            let first = *first;
            tables
                .last_mut()
                .ok_or_else(|| format!("`{key}` (line {first}) has no table to add to"))
        }
        Some(item) => Err(format!(
            "`{key}` is {} (line {}), not a table",
            item.value.kind(),
            item.line
        )),
        None => Err(format!("`{key}` could not be made")),
    }
}

/// The table at `path` from the root, stepping into the last table of arrays of tables.
fn table_at<'t>(root: &'t mut Table, path: &[String]) -> Option<&'t mut Table> {
    let mut table = root;
    for key in path {
        table = match &mut table.get_mut(key)?.value {
            Value::Table(inner) => inner,
            Value::Tables(tables) => tables.last_mut()?,
            _ => return None,
        };
    }
    Some(table)
}

/// Puts `item` under a (possibly dotted) key, making the tables a dotted key implies.
fn insert(table: &mut Table, path: &[String], item: Item) -> Result<(), String> {
    let Some((last, parents)) = path.split_last() else {
        return Err("expected a key".into());
    };
    let mut table = table;
    for key in parents {
        if table.get(key).is_none() {
            table.entries.push((
                key.clone(),
                Item {
                    value: Value::Table(Table {
                        line: item.line,
                        ..Table::default()
                    }),
                    line: item.line,
                },
            ));
        }
        let open = matches!(
            table.get(key),
            Some(Item { value: Value::Table(inner), .. }) if !inner.closed
        );
        if !open {
            let line = table.get(key).map_or(item.line, |existing| existing.line);
            return Err(format!("`{key}` is already defined on line {line}"));
        }
        table = match table.get_mut(key) {
            Some(Item {
                value: Value::Table(inner),
                ..
            }) => inner,
            _ => return Err(format!("`{key}` could not be made")),
        };
    }
    if let Some(existing) = table.get(last) {
        return Err(format!(
            "`{}` is already defined on line {}",
            path.join("."),
            existing.line
        ));
    }
    table.entries.push((last.clone(), item));
    Ok(())
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
    line: usize,
}

impl Reader<'_> {
    fn rest(&self) -> &str {
        self.text.get(self.at..).unwrap_or("")
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn error(&self, message: String) -> SyntaxError {
        SyntaxError {
            line: self.line,
            message,
        }
    }

    /// What the reader is looking at, for messages: the next character or the end of the file.
    fn found(&self) -> String {
        match self.rest().chars().next() {
            None => "the end of the file".into(),
            Some('\n') | Some('\r') => "the end of the line".into(),
            Some(c) => format!("`{}`", c.escape_debug()),
        }
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.at += 1;
        }
    }

    /// A comment runs to the end of the line; it may hold anything but control characters.
    fn skip_comment(&mut self) -> Result<(), SyntaxError> {
        if self.peek() != Some(b'#') {
            return Ok(());
        }
        let end = self
            .rest()
            .find('\n')
            .map_or(self.text.len(), |i| self.at + i);
        let comment = self.text.get(self.at..end).unwrap_or("");
        let comment = comment.strip_suffix('\r').unwrap_or(comment);
        if comment.chars().any(|c| c != '\t' && c.is_control()) {
            return Err(self.error("expected no control characters in a comment".into()));
        }
        self.at += comment.len();
        Ok(())
    }

    /// Consumes a line break (`\n` or `\r\n`), if there is one.
    fn newline(&mut self) -> bool {
        if self.rest().starts_with("\r\n") {
            self.at += 2;
        } else if self.peek() == Some(b'\n') {
            self.at += 1;
        } else {
            return false;
        }
        self.line += 1;
        true
    }

    fn skip_blank_lines(&mut self) -> Result<(), SyntaxError> {
        loop {
            self.skip_spaces();
            self.skip_comment()?;
            if !self.newline() {
                return Ok(());
            }
        }
    }

    /// Spaces, comments and line breaks, as allowed inside arrays.
    fn skip_blank(&mut self) -> Result<(), SyntaxError> {
        self.skip_blank_lines()
    }

    fn end_of_line(&mut self) -> Result<(), SyntaxError> {
        self.skip_spaces();
        self.skip_comment()?;
        if self.peek().is_none() || self.newline() {
            Ok(())
        } else {
            Err(self.error(format!(
                "expected the end of the line, found {}",
                self.found()
            )))
        }
    }

    /// `a`, `"a b"`, `a.b.'c'`: the parts of a key.
    fn key_path(&mut self) -> Result<Vec<String>, SyntaxError> {
        let mut path = vec![self.key()?];
        loop {
            self.skip_spaces();
            if self.peek() != Some(b'.') {
                return Ok(path);
            }
            self.at += 1;
            self.skip_spaces();
            path.push(self.key()?);
        }
    }

    fn key(&mut self) -> Result<String, SyntaxError> {
        match self.peek() {
            Some(b'"') | Some(b'\'') => {
                if self.rest().starts_with("\"\"\"") || self.rest().starts_with("'''") {
                    return Err(self.error("expected a one-line key".into()));
                }
                self.string()
            }
            _ => {
                let len = self
                    .rest()
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
                    .count();
                if len == 0 {
                    return Err(self.error(format!("expected a key, found {}", self.found())));
                }
                let key = self.rest().get(..len).unwrap_or("").to_string();
                self.at += len;
                Ok(key)
            }
        }
    }

    /// `key = value`; `depth` counts the arrays and inline tables it is inside.
    fn key_value(&mut self, depth: usize) -> Result<(Vec<String>, Item), SyntaxError> {
        let path = self.key_path()?;
        self.skip_spaces();
        if self.peek() != Some(b'=') {
            return Err(self.error(format!(
                "expected `=` after `{}`, found {}",
                path.join("."),
                self.found()
            )));
        }
        self.at += 1;
        self.skip_spaces();
        let item = self.value(depth)?;
        Ok((path, item))
    }

    fn value(&mut self, depth: usize) -> Result<Item, SyntaxError> {
        let line = self.line;
        let value = match self.peek() {
            Some(b'"') | Some(b'\'') => Value::String(self.string()?),
            Some(b'[') => self.array(depth + 1)?,
            Some(b'{') => Value::Table(self.inline_table(depth + 1)?),
            Some(b't') if self.rest().starts_with("true") => {
                self.at += 4;
                Value::Boolean(true)
            }
            Some(b'f') if self.rest().starts_with("false") => {
                self.at += 5;
                Value::Boolean(false)
            }
            Some(b'+' | b'-' | b'0'..=b'9' | b'i' | b'n') => self.number()?,
            _ => {
                return Err(self.error(format!("expected a value, found {}", self.found())));
            }
        };
        Ok(Item { value, line })
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let len = self
            .rest()
            .bytes()
            .take_while(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'_' | b'+' | b'-' | b'.' | b':')
            })
            .count();
        let word = self.rest().get(..len).unwrap_or("");
        let digits = word.strip_prefix(['+', '-']).unwrap_or(word);
        let well_formed = !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit() || b == b'_')
            && !digits.starts_with('_')
            && !digits.ends_with('_')
            && !digits.contains("__")
            && (digits == "0" || !digits.starts_with('0'));
        if !well_formed {
            let hint =
                if word.contains(['.', 'e', 'E']) || word.ends_with("inf") || word.ends_with("nan")
                {
                    "this file has no floats: write a decimal as a string, e.g. value = \"2.5\""
                } else if word.contains([':', 'T']) || word.matches('-').count() >= 2 {
                    "this file has no dates: write a date as a string, e.g. date = \"2025-07-03\""
                } else {
                    "expected a decimal integer such as 2023"
                };
            return Err(self.error(format!("`{word}`: {hint}")));
        }
        let plain: String = word.chars().filter(|c| *c != '_').collect();
        let value = plain
            .parse::<i64>()
            .map_err(|_| self.error(format!("`{word}` is too large an integer")))?;
        self.at += len;
        Ok(Value::Integer(value))
    }

    fn array(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error(format!("expected at most {MAX_DEPTH} levels of nesting")));
        }
        self.at += 1; // [
        let mut items = Vec::new();
        loop {
            self.skip_blank()?;
            if self.peek() == Some(b']') {
                self.at += 1;
                return Ok(Value::Array(items));
            }
            items.push(self.value(depth)?);
            self.skip_blank()?;
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {}
                _ => {
                    return Err(self.error(format!(
                        "expected `,` or `]` in an array, found {}",
                        self.found()
                    )));
                }
            }
        }
    }

    fn inline_table(&mut self, depth: usize) -> Result<Table, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error(format!("expected at most {MAX_DEPTH} levels of nesting")));
        }
        let mut table = Table {
            line: self.line,
            ..Table::default()
        };
        self.at += 1; // {
        loop {
            self.skip_blank()?;
            if self.peek() == Some(b'}') {
                self.at += 1;
                table.closed = true;
                return Ok(table);
            }
            let line = self.line;
            let (path, item) = self.key_value(depth)?;
            insert(&mut table, &path, item).map_err(|message| SyntaxError { line, message })?;
            self.skip_blank()?;
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {}
                _ => {
                    return Err(self.error(format!(
                        "expected `,` or `}}` in an inline table, found {}",
                        self.found()
                    )));
                }
            }
        }
    }

    /// Any of the four kinds of string, at the opening quote.
    fn string(&mut self) -> Result<String, SyntaxError> {
        let literal = self.peek() == Some(b'\'');
        let quote = if literal { b'\'' } else { b'"' };
        let triple = [quote; 3];
        let multi = self.rest().as_bytes().starts_with(&triple);
        self.at += if multi { 3 } else { 1 };
        if multi {
            // A line break right after the opening quotes is not part of the string.
            self.newline();
        }
        let mut out = String::new();
        loop {
            // A run of printable ASCII that is neither the quote nor an escape is copied whole.
            let rest = self.rest();
            let run = rest
                .bytes()
                .take_while(|&b| {
                    (b == b'\t' || (b' '..=b'~').contains(&b))
                        && b != quote
                        && (literal || b != b'\\')
                })
                .count();
            if run > 0 {
                out.push_str(rest.get(..run).unwrap_or(""));
                self.at += run;
                continue;
            }
            let Some(c) = rest.chars().next() else {
                return Err(self.error("expected the string to be closed".into()));
            };
            if multi && rest.as_bytes().starts_with(&triple) {
                // Up to two more quotes may belong to the string: `""""` ends with one in it.
                let quotes = rest.bytes().take_while(|b| *b == quote).count();
                let extra = quotes.saturating_sub(3).min(2);
                for _ in 0..extra {
                    out.push(char::from(quote));
                }
                self.at += 3 + extra;
                return Ok(out);
            }
            if !multi && c == char::from(quote) {
                self.at += 1;
                return Ok(out);
            }
            match c {
                '\n' | '\r' if multi => {
                    if !self.newline() {
                        return Err(self.error("expected `\\n` after `\\r`".into()));
                    }
                    out.push('\n');
                }
                '\n' | '\r' => {
                    return Err(self.error("expected the string to end on its line".into()));
                }
                '\\' if !literal => {
                    self.at += 1;
                    self.escape(multi, &mut out)?;
                }
                c if c != '\t' && c.is_control() => {
                    return Err(self.error(format!(
                        "expected no control character (U+{:04X}) in a string; write it as an escape",
                        u32::from(c)
                    )));
                }
                c => {
                    out.push(c);
                    self.at += c.len_utf8();
                }
            }
        }
    }

    /// After a backslash in a basic string.
    fn escape(&mut self, multi: bool, out: &mut String) -> Result<(), SyntaxError> {
        let Some(c) = self.rest().chars().next() else {
            return Err(self.error("expected an escape after `\\`".into()));
        };
        let simple = match c {
            'b' => Some('\u{8}'),
            't' => Some('\t'),
            'n' => Some('\n'),
            'f' => Some('\u{c}'),
            'r' => Some('\r'),
            'e' => Some('\u{1b}'),
            '"' => Some('"'),
            '\\' => Some('\\'),
            _ => None,
        };
        if let Some(s) = simple {
            out.push(s);
            self.at += 1;
            return Ok(());
        }
        match c {
            'u' | 'U' => {
                let len = if c == 'u' { 4 } else { 8 };
                let hex = self.text.get(self.at + 1..self.at + 1 + len).unwrap_or("");
                let code = (hex.len() == len && hex.bytes().all(|b| b.is_ascii_hexdigit()))
                    .then(|| u32::from_str_radix(hex, 16).ok())
                    .flatten()
                    .and_then(char::from_u32)
                    .ok_or_else(|| {
                        self.error(format!(
                            "expected {len} hex digits of a Unicode scalar after `\\{c}`"
                        ))
                    })?;
                out.push(code);
                self.at += 1 + len;
                Ok(())
            }
            ' ' | '\t' | '\r' | '\n' if multi => {
                // A backslash at the end of a line drops the line break and the blanks after it.
                self.skip_spaces();
                if !self.newline() {
                    return Err(self.error("expected only blanks after a line-ending `\\`".into()));
                }
                loop {
                    self.skip_spaces();
                    if !self.newline() {
                        return Ok(());
                    }
                }
            }
            c => Err(self.error(format!("`\\{}` is not an escape", c.escape_debug()))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Value {
        Value::String(v.into())
    }

    fn value<'t>(table: &'t Table, path: &[&str]) -> &'t Value {
        let mut t = table;
        let (last, parents) = path.split_last().expect("a path");
        for k in parents {
            t = match &t.get(k).expect(k).value {
                Value::Table(inner) => inner,
                Value::Tables(all) => all.last().expect("a table"),
                other => panic!("{k} is {other:?}"),
            };
        }
        &t.get(last).expect(last).value
    }

    #[test]
    fn reads_what_the_schema_uses() {
        let doc = parse(
            "# head\nschema = 1 # trailing\nid = \"kr\"\n\n[[source]]\nid = 'a'\nflag = true\n\n[[source]]\nid = \"b\"\n\n[data]\nfigures = [\n  { source = \"a\", year = 2_023, value = \"-1.5\" }, # note\n  { source = \"b\", year = 2022, value = \"2\" },\n]\n[[claim]]\nid = \"C1\"\n[[claim.part]]\nid = \"p1\"\n[[claim.part]]\nid = \"p2\"\n",
        )
        .expect("parses");
        assert_eq!(value(&doc, &["schema"]), &Value::Integer(1));
        assert_eq!(value(&doc, &["id"]), &s("kr"));
        let Value::Tables(sources) = value(&doc, &["source"]) else {
            panic!("sources")
        };
        assert_eq!(sources.len(), 2);
        assert_eq!((sources[0].line, sources[1].line), (5, 9));
        assert_eq!(
            sources[0].get("flag").map(|i| &i.value),
            Some(&Value::Boolean(true))
        );
        let Value::Array(figures) = value(&doc, &["data", "figures"]) else {
            panic!("figures")
        };
        assert_eq!(figures.iter().map(|f| f.line).collect::<Vec<_>>(), [14, 15]);
        let Value::Table(first) = &figures[0].value else {
            panic!("inline table")
        };
        assert_eq!(
            first.get("year").map(|i| &i.value),
            Some(&Value::Integer(2023))
        );
        assert_eq!(first.get("value").map(|i| &i.value), Some(&s("-1.5")));
        let Value::Tables(parts) = value(&doc, &["claim", "part"]) else {
            panic!("parts")
        };
        assert_eq!(parts.len(), 2, "[[claim.part]] goes into the last claim");
    }

    #[test]
    fn strings_of_every_kind() {
        let doc = parse(concat!(
            "a = \"tab\\tq\\\"u\\u00e9\\U0001F4B8\"\n",
            "b = 'C:\\path'\n",
            "c = \"\"\"\nline one\n  line two\\\n     joined\"\"\"\n",
            "d = '''\nraw \\n'''\n",
            "e = \"한국 \\\\\"\n",
            "f = \"\"\"ends with a quote\"\"\"\"\n",
            "\"quoted key\" = 1\n",
            "g.h = 2\n",
        ))
        .expect("parses");
        assert_eq!(value(&doc, &["a"]), &s("tab\tq\"u\u{e9}\u{1F4B8}"));
        assert_eq!(value(&doc, &["b"]), &s("C:\\path"));
        assert_eq!(value(&doc, &["c"]), &s("line one\n  line twojoined"));
        assert_eq!(value(&doc, &["d"]), &s("raw \\n"));
        assert_eq!(value(&doc, &["e"]), &s("한국 \\"));
        assert_eq!(value(&doc, &["f"]), &s("ends with a quote\""));
        assert_eq!(value(&doc, &["quoted key"]), &Value::Integer(1));
        assert_eq!(value(&doc, &["g", "h"]), &Value::Integer(2));
        assert!(parse("a = 1\r\nb = 2\r\n").is_ok(), "CRLF line ends");
    }

    #[test]
    fn refuses_what_toml_forbids_and_says_where() {
        let cases = [
            ("a = 1\na = 2\n", 2, "already defined on line 1"),
            ("[t]\nx = 1\n[t]\n", 3, "already defined"),
            ("a = 1\n[a]\n", 2, "already defined"),
            ("a = 1.5\n", 1, "no floats"),
            ("a = 1e3\n", 1, "no floats"),
            ("a = nan\n", 1, "no floats"),
            ("d = 2025-07-03\n", 1, "no dates"),
            ("a = 012\n", 1, "decimal integer"),
            ("a = 99999999999999999999\n", 1, "too large"),
            ("a = \"open\n", 1, "end on its line"),
            ("a = \"\\q\"\n", 1, "not an escape"),
            ("a = \"\\uD800\"\n", 1, "Unicode scalar"),
            ("a = [1, 2\nb = 3\n", 2, "`,` or `]`"),
            ("a = { b = 1 c = 2 }\n", 1, "`,` or `}`"),
            ("a = 1 b = 2\n", 1, "end of the line"),
            ("= 1\n", 1, "expected a key"),
            ("a 1\n", 1, "expected `=`"),
            ("a =\n", 1, "expected a value"),
            ("[a\n", 1, "`]`"),
            ("x = \"a\u{7}\"\n", 1, "control character"),
            ("a = { b = 1 }\n[a]\n", 2, "already defined"),
            ("a = [ ]\n[[a]]\n", 2, "already defined"),
        ];
        for (text, line, says) in cases {
            let err = parse(text).expect_err(text);
            assert_eq!(err.line, line, "{text:?}: {err}");
            assert!(err.message.contains(says), "{text:?}: {err}");
        }
    }

    #[test]
    fn tables_defined_by_parts() {
        let doc = parse("[a.b]\nx = 1\n[a]\ny = 2\n").expect("a defined after a.b");
        assert_eq!(value(&doc, &["a", "b", "x"]), &Value::Integer(1));
        assert_eq!(value(&doc, &["a", "y"]), &Value::Integer(2));
        assert!(parse("[a]\n[a.b]\n[a]\n").is_err(), "a defined twice");
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!(
            "a = {}{}\n",
            "[".repeat(MAX_DEPTH + 1),
            "]".repeat(MAX_DEPTH + 1)
        );
        assert!(
            parse(&deep)
                .expect_err("too deep")
                .message
                .contains("nesting")
        );
        let fine = format!("a = {}{}\n", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn the_embedded_file_reads() {
        let doc = parse(super::super::dataset::EMBEDDED_TEXT).expect("the shipped data");
        assert_eq!(value(&doc, &["schema"]), &Value::Integer(1));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,200}") {
            let _ = parse(&text);
        }

        #[test]
        fn strings_round_trip(v in "\\PC{0,40}") {
            let escaped: String = v.chars().flat_map(|c| match c {
                '"' => "\\\"".chars().collect::<Vec<_>>(),
                '\\' => "\\\\".chars().collect(),
                c if c.is_control() => format!("\\U{:08X}", u32::from(c)).chars().collect(),
                c => vec![c],
            }).collect();
            let doc = parse(&format!("k = \"{escaped}\"\n")).expect("an escaped string");
            proptest::prop_assert_eq!(value(&doc, &["k"]), &Value::String(v));
        }

        #[test]
        fn literal_and_multi_line_strings_round_trip(v in "[a-z \t'\"\\\\한é€]{0,40}") {
            // Printable ASCII runs (copied whole) mixed with tabs, quotes, backslashes and
            // characters outside ASCII (taken one at a time).
            let literal: String = v.chars().filter(|c| *c != '\'').collect();
            let doc = parse(&format!("k = '{literal}'\n")).expect("a literal string");
            proptest::prop_assert_eq!(value(&doc, &["k"]), &Value::String(literal.clone()));
            let raw = v.replace("'''", "");
            if !raw.ends_with('\'') && !raw.contains("'''") {
                let doc = parse(&format!("k = '''\n{raw}'''\n")).expect("a multi-line literal");
                proptest::prop_assert_eq!(value(&doc, &["k"]), &Value::String(raw));
            }
        }
    }
}
