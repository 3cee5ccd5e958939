//! The file's rows as written, parsed by the `toml` crate and read through serde from its tree (see
//! [`super::tree`]): names and types only, checked against each other by the modules beside this one.
//!
//! Every table refuses keys the schema does not have (`deny_unknown_fields`), so a misspelt key is
//! an error rather than silently ignored. A row keeps the line it starts on, for the messages of
//! the checks that follow.

use std::ops::Range;

use serde::Deserialize;

use super::said::{self, DECIMAL_EXPECTED, Said, decimal_as_text};
use super::tree::Node;
use super::{DatasetError, SCHEMA_VERSION};

/// Reads the file's TOML and its rows, after checking it is of the schema this parser reads.
pub(super) fn read(text: &str) -> Result<RawFile, DatasetError> {
    let schema = schema(text);
    if schema != Some(SCHEMA_VERSION) {
        return Err(DatasetError::Schema { found: schema });
    }
    let root =
        toml::de::DeTable::parse(text).map_err(|e| syntax(text, e.span(), e.message(), &[]))?;
    let span = root.span();
    let root = toml::de::DeValue::Table(root.into_inner());
    let mut raw = RawFile::deserialize(Node::new(&root, span.clone())).map_err(|e| {
        let said = e.said();
        syntax(text, said.span.or(Some(span)), &said.message, &said.keys)
    })?;
    raw.number_lines(&Lines::new(text));
    Ok(raw)
}

/// The header's `schema = N`, read before anything else: a file of another schema is refused as
/// such, not for the keys this schema does not know.
fn schema(text: &str) -> Option<i64> {
    text.lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with('['))
        .find_map(|l| {
            let value = l.strip_prefix("schema")?.trim_start().strip_prefix('=')?;
            let value = value.split('#').next()?.trim();
            Some(value.parse::<i64>().ok())
        })
        .flatten()
}

/// The reader's complaint, with the line and column of `span` and the keys (from the top of the
/// file down) of the value it is about.
fn syntax(text: &str, span: Option<Range<usize>>, message: &str, keys: &[String]) -> DatasetError {
    let at = span
        .as_ref()
        .map(|span| Lines::new(text).position(span.start));
    let path = (!keys.is_empty()).then(|| keys.join("."));
    // A key written twice is found while the text is read, before there is a path: its span
    // points at the second one, which is read from the text, and the first is looked for above.
    let twice = span
        .filter(|_| message == "duplicate key")
        .and_then(|span| Some((span.start, key_at(text.get(span.start..)?)?)));
    let first_line = twice.and_then(|(offset, key)| first_written(text, offset, key));
    DatasetError::Syntax {
        line: at.map(|(line, _)| line),
        column: at.map(|(_, column)| column),
        key: path.or_else(|| twice.map(|(_, key)| key.to_string())),
        first_line,
        message: float_as_decimal(message).unwrap_or_else(|| message.to_string()),
    }
}

/// A decimal written as a TOML float, which the reader refuses as a value of the wrong kind, told
/// as what to write instead: the number as written, in quotes.
fn float_as_decimal(message: &str) -> Option<String> {
    match said::recognise(message) {
        Said::InvalidType {
            found,
            expected: DECIMAL_EXPECTED,
        } => {
            let float = found.strip_prefix("floating point `")?.strip_suffix('`')?;
            Some(decimal_as_text(float))
        }
        _ => None,
    }
}

/// Where a key written twice, whose second copy starts at `offset`, was first written: in the
/// same inline table on its line, or on a line above within the same table (up to its header);
/// for a table header written twice, the same header above. `None` where it is not that simple
/// (dotted or quoted keys), rather than a guess.
fn first_written(text: &str, offset: usize, key: &str) -> Option<usize> {
    let lines = Lines::new(text);
    let line = lines.line(offset);
    let before = text.get(..offset)?;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let here = before.get(start..)?.trim_start();
    let assigns = |segment: &str| {
        segment
            .trim_start()
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    if here.contains('{') && !here.starts_with('[') {
        let inline = here.rsplit('{').next()?;
        return inline.split(',').any(assigns).then_some(line);
    }
    let above: Vec<&str> = text.lines().take(line.saturating_sub(1)).collect();
    if here.starts_with('[') {
        // `[data]` or `[[claim]]` again: the same header on a line above.
        let header = code(text.get(start..)?.lines().next()?);
        return above.iter().rposition(|t| code(t) == header).map(|i| i + 1);
    }
    for (i, t) in above.iter().enumerate().rev() {
        if t.trim_start().starts_with('[') {
            return None;
        }
        if assigns(t) {
            return Some(i + 1);
        }
    }
    None
}

/// A line without its comment or surrounding blanks.
fn code(line: &str) -> &str {
    line.split('#').next().unwrap_or_default().trim()
}

/// The key that `text` starts with: bare (`source`) or quoted (`"source"`), without the quotes.
fn key_at(text: &str) -> Option<&str> {
    let key = match text.strip_prefix(['"', '\'']) {
        Some(quoted) => quoted.split(['"', '\'', '\n']).next(),
        None => text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .next(),
    };
    key.filter(|k| !k.is_empty())
}

/// A decimal as published: a string, so it is read exactly (a TOML float is binary, and `0.1` in it
/// is not one tenth). A float is refused by the reader ([`super::tree`]) and told as
/// [`decimal_as_text`] by [`syntax`], with the number as written.
fn decimal_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct Text;
    impl serde::de::Visitor<'_> for Text {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str(DECIMAL_EXPECTED)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<String, E> {
            Err(E::custom(decimal_as_text(v)))
        }
    }
    d.deserialize_any(Text)
}

/// Where each line of the text starts, to turn byte offsets into lines and columns.
pub(super) struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        let breaks = text.match_indices('\n').map(|(i, _)| i + 1);
        Lines {
            text,
            starts: std::iter::once(0).chain(breaks).collect(),
        }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|start| *start <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..offset.min(self.text.len()))
            .map_or(0, |s| s.chars().count());
        (line, column + 1)
    }

    /// The 1-based line of a byte offset.
    fn line(&self, offset: usize) -> usize {
        self.position(offset).0
    }
}

/// A row of the file and the line it starts on.
pub(super) struct Spanned<T> {
    /// Byte offset of the row, as the reader gave it; turned into `line` once the file is read.
    offset: usize,
    pub(super) line: usize,
    pub(super) value: T,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Spanned<T>, D::Error> {
        let spanned = toml::Spanned::<T>::deserialize(d)?;
        Ok(Spanned {
            offset: spanned.span().start,
            line: 0,
            value: spanned.into_inner(),
        })
    }
}

fn number<T>(rows: &mut [Spanned<T>], lines: &Lines) {
    for row in rows {
        row.line = lines.line(row.offset);
    }
}

/// The keys of the header (the lines before the first `[table]`) with their 1-based lines.
fn header_keys(text: &str) -> Vec<(String, usize)> {
    text.lines()
        .enumerate()
        .take_while(|(_, l)| !l.trim_start().starts_with('['))
        .filter_map(|(i, l)| {
            let (key, _) = l.split_once('=')?;
            let key = key.trim();
            let bare = !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            bare.then(|| (key.to_string(), i + 1))
        })
        .collect()
}

/// `true`, for keys that default to it.
fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    /// Checked before the rest is read; here so the key is known.
    #[allow(dead_code)]
    schema: i64,
    pub(super) id: String,
    pub(super) version: String,
    pub(super) released: String,
    pub(super) title_ko: String,
    pub(super) title_en: String,
    pub(super) story: String,
    #[serde(rename = "story_draws_on")]
    pub(super) draws_on: Option<String>,
    pub(super) currency: String,
    pub(super) default_view: String,
    pub(super) then_view: Option<String>,
    pub(super) default_year: Option<i64>,
    pub(super) default_partner: String,
    #[serde(default)]
    pub(super) source: Vec<Spanned<RawSource>>,
    #[serde(default)]
    pub(super) data: RawData,
    #[serde(default)]
    pub(super) claim: Vec<Spanned<RawClaim>>,
    #[serde(default)]
    pub(super) event: Vec<Spanned<RawEvent>>,
    /// The line of each of the header's keys, for the messages of the header's checks.
    #[serde(skip)]
    header_lines: Vec<(String, usize)>,
}

impl RawFile {
    /// The line `key` is written on in the header (before the first table), if it is.
    pub(super) fn header_line(&self, key: &str) -> Option<usize> {
        self.header_lines
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, line)| *line)
    }

    fn number_lines(&mut self, lines: &Lines) {
        self.header_lines = header_keys(lines.text);
        number(&mut self.source, lines);
        number(&mut self.data.rates, lines);
        number(&mut self.data.figures, lines);
        number(&mut self.event, lines);
        number(&mut self.claim, lines);
        for claim in &mut self.claim {
            number(&mut claim.value.part, lines);
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEvent {
    pub(super) date: String,
    pub(super) ko: String,
    pub(super) en: String,
    pub(super) locator: String,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawData {
    #[serde(default)]
    pub(super) rates: Vec<Spanned<RawRate>>,
    #[serde(default)]
    pub(super) figures: Vec<Spanned<RawFigure>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSource {
    pub(super) id: String,
    pub(super) family: Option<String>,
    pub(super) vintage: Option<String>,
    pub(super) name_ko: String,
    pub(super) name_en: String,
    pub(super) publisher: String,
    pub(super) title: String,
    pub(super) author: Option<String>,
    pub(super) date: Option<String>,
    pub(super) url: Option<String>,
    pub(super) locator: Option<String>,
    pub(super) scope: Option<String>,
    pub(super) note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRate {
    pub(super) source: String,
    pub(super) year: i64,
    pub(super) quarter: Option<i64>,
    #[serde(deserialize_with = "decimal_text")]
    pub(super) value: String,
    #[serde(default)]
    pub(super) approx: bool,
    pub(super) locator: Option<String>,
    pub(super) note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFigure {
    pub(super) source: String,
    pub(super) vintage: Option<String>,
    pub(super) flow: String,
    pub(super) partner: Option<String>,
    pub(super) measure: Option<String>,
    pub(super) year: i64,
    pub(super) quarter: Option<i64>,
    #[serde(deserialize_with = "decimal_text")]
    pub(super) value: String,
    pub(super) unit: Option<String>,
    #[serde(default)]
    pub(super) approx: bool,
    pub(super) scope: Option<String>,
    pub(super) locator: Option<String>,
    pub(super) released: Option<String>,
    pub(super) cite: Option<String>,
    pub(super) note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawClaim {
    pub(super) id: String,
    pub(super) ko: String,
    pub(super) en: String,
    #[serde(default)]
    pub(super) part: Vec<Spanned<RawPart>>,
    pub(super) unchecked_ko: Option<String>,
    pub(super) unchecked_en: Option<String>,
    pub(super) then_now_ko: Option<String>,
    pub(super) then_now_en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPart {
    pub(super) id: String,
    pub(super) ko: String,
    pub(super) en: String,
    pub(super) check: String,
    pub(super) compare: String,
    pub(super) expect: String,
    pub(super) step: Option<String>,
    pub(super) margin: Option<String>,
    #[serde(default = "yes")]
    pub(super) required: bool,
    pub(super) note_ko: Option<String>,
    pub(super) note_en: Option<String>,
    pub(super) say_ko: Option<String>,
    pub(super) say_en: Option<String>,
}
