//! The file's rows as written, read from the TOML tree key by key: types and names only, checked
//! against each other by the modules beside this one.

use crate::core::toml_subset::{self, Item, Table, Value};

use super::{DatasetError, SCHEMA_VERSION};

/// Reads the file's TOML and its rows, after checking it is of the schema this parser reads.
pub(super) fn read(text: &str) -> Result<RawFile, DatasetError> {
    let root = toml_subset::parse(text).map_err(|e| DatasetError::Syntax {
        line: Some(e.line),
        message: e.message,
    })?;
    let schema = match root.get("schema").map(|i| &i.value) {
        Some(Value::Integer(n)) => Some(*n),
        _ => None,
    };
    if schema != Some(SCHEMA_VERSION) {
        return Err(DatasetError::Schema { found: schema });
    }
    RawFile::read_table(&root)
}

/// A row of the file and the line it starts on.
pub(super) struct Spanned<T> {
    pub(super) line: usize,
    pub(super) value: T,
}

pub(super) struct RawFile {
    pub(super) id: String,
    pub(super) version: String,
    pub(super) released: String,
    pub(super) title_ko: String,
    pub(super) title_en: String,
    pub(super) story: String,
    pub(super) draws_on: Option<String>,
    pub(super) currency: String,
    pub(super) default_view: String,
    pub(super) then_view: Option<String>,
    pub(super) default_year: Option<i64>,
    pub(super) default_partner: String,
    pub(super) source: Vec<Spanned<RawSource>>,
    pub(super) data: RawData,
    pub(super) claim: Vec<Spanned<RawClaim>>,
    pub(super) event: Vec<Spanned<RawEvent>>,
}

pub(super) struct RawEvent {
    pub(super) date: String,
    pub(super) ko: String,
    pub(super) en: String,
    pub(super) locator: String,
}

impl RawEvent {
    fn read(t: &Table) -> Result<RawEvent, DatasetError> {
        let mut k = Keys::new(t, "an [[event]]");
        let raw = RawEvent {
            date: k.string("date")?,
            ko: k.string("ko")?,
            en: k.string("en")?,
            locator: k.string("locator")?,
        };
        k.finish()?;
        Ok(raw)
    }
}

#[derive(Default)]
pub(super) struct RawData {
    pub(super) rates: Vec<Spanned<RawRate>>,
    pub(super) figures: Vec<Spanned<RawFigure>>,
}

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

pub(super) struct RawRate {
    pub(super) source: String,
    pub(super) year: i64,
    pub(super) quarter: Option<i64>,
    pub(super) value: String,
    pub(super) approx: bool,
    pub(super) locator: Option<String>,
    pub(super) note: Option<String>,
}

pub(super) struct RawFigure {
    pub(super) source: String,
    pub(super) vintage: Option<String>,
    pub(super) flow: String,
    pub(super) partner: Option<String>,
    pub(super) measure: Option<String>,
    pub(super) year: i64,
    pub(super) quarter: Option<i64>,
    pub(super) value: String,
    pub(super) unit: Option<String>,
    pub(super) approx: bool,
    pub(super) scope: Option<String>,
    pub(super) locator: Option<String>,
    pub(super) released: Option<String>,
    pub(super) cite: Option<String>,
    pub(super) note: Option<String>,
}

pub(super) struct RawClaim {
    pub(super) id: String,
    pub(super) ko: String,
    pub(super) en: String,
    pub(super) part: Vec<Spanned<RawPart>>,
    pub(super) unchecked_ko: Option<String>,
    pub(super) unchecked_en: Option<String>,
    pub(super) then_now_ko: Option<String>,
    pub(super) then_now_en: Option<String>,
}

pub(super) struct RawPart {
    pub(super) id: String,
    pub(super) ko: String,
    pub(super) en: String,
    pub(super) check: String,
    pub(super) compare: String,
    pub(super) expect: String,
    pub(super) step: Option<String>,
    pub(super) margin: Option<String>,
    pub(super) required: bool,
    pub(super) note_ko: Option<String>,
    pub(super) note_en: Option<String>,
    pub(super) say_ko: Option<String>,
    pub(super) say_en: Option<String>,
}

/// Reads the keys of one table of the file: each by name and type, then refuses any key left over,
/// so a misspelt key is an error rather than silently ignored.
struct Keys<'a> {
    table: &'a Table,
    what: &'static str,
    known: Vec<&'static str>,
}

impl<'a> Keys<'a> {
    fn new(table: &'a Table, what: &'static str) -> Self {
        Keys {
            table,
            what,
            known: Vec::new(),
        }
    }

    fn error(&self, line: usize, message: String) -> DatasetError {
        DatasetError::Syntax {
            line: Some(line),
            message,
        }
    }

    fn item(&mut self, key: &'static str) -> Option<&'a Item> {
        self.known.push(key);
        self.table.get(key)
    }

    fn wrong_type(&self, key: &str, item: &Item, expected: &str) -> DatasetError {
        self.error(
            item.line,
            format!(
                "`{key}` of {}: expected {expected}, found {}",
                self.what,
                item.value.kind()
            ),
        )
    }

    fn missing(&self, key: &str) -> DatasetError {
        self.error(self.table.line, format!("{} is missing `{key}`", self.what))
    }

    fn opt_string(&mut self, key: &'static str) -> Result<Option<String>, DatasetError> {
        match self.item(key) {
            None => Ok(None),
            Some(Item {
                value: Value::String(s),
                ..
            }) => Ok(Some(s.clone())),
            Some(item) => Err(self.wrong_type(key, item, "a string")),
        }
    }

    fn string(&mut self, key: &'static str) -> Result<String, DatasetError> {
        self.opt_string(key)?.ok_or_else(|| self.missing(key))
    }

    fn integer(&mut self, key: &'static str) -> Result<i64, DatasetError> {
        self.opt_integer(key)?.ok_or_else(|| self.missing(key))
    }

    fn opt_integer(&mut self, key: &'static str) -> Result<Option<i64>, DatasetError> {
        match self.item(key) {
            None => Ok(None),
            Some(Item {
                value: Value::Integer(n),
                ..
            }) => Ok(Some(*n)),
            Some(item) => Err(self.wrong_type(key, item, "an integer")),
        }
    }

    fn boolean(&mut self, key: &'static str, default: bool) -> Result<bool, DatasetError> {
        match self.item(key) {
            None => Ok(default),
            Some(Item {
                value: Value::Boolean(b),
                ..
            }) => Ok(*b),
            Some(item) => Err(self.wrong_type(key, item, "true or false")),
        }
    }

    /// A list of tables: `[[key]]` headers or an array of inline tables. Absent means none.
    fn tables(&mut self, key: &'static str) -> Result<Vec<&'a Table>, DatasetError> {
        match self.item(key) {
            None => Ok(Vec::new()),
            Some(Item {
                value: Value::Tables(all),
                ..
            }) => Ok(all.iter().collect()),
            Some(Item {
                value: Value::Array(items),
                ..
            }) => items
                .iter()
                .map(|item| match &item.value {
                    Value::Table(t) => Ok(t),
                    _ => Err(self.wrong_type(key, item, "a list of tables")),
                })
                .collect(),
            Some(item) => Err(self.wrong_type(key, item, "a list of tables")),
        }
    }

    fn table(&mut self, key: &'static str) -> Result<Option<&'a Table>, DatasetError> {
        match self.item(key) {
            None => Ok(None),
            Some(Item {
                value: Value::Table(t),
                ..
            }) => Ok(Some(t)),
            Some(item) => Err(self.wrong_type(key, item, "a table")),
        }
    }

    /// Refuses keys the schema does not have.
    fn finish(self) -> Result<(), DatasetError> {
        match self
            .table
            .entries
            .iter()
            .find(|(key, _)| !self.known.contains(&key.as_str()))
        {
            None => Ok(()),
            Some((key, item)) => Err(self.error(
                item.line,
                format!(
                    "{} has no key `{key}`; its keys are {}",
                    self.what,
                    self.known.join(", ")
                ),
            )),
        }
    }
}

/// Reads each table as a row, keeping its line.
fn rows<T>(
    tables: Vec<&Table>,
    read: fn(&Table) -> Result<T, DatasetError>,
) -> Result<Vec<Spanned<T>>, DatasetError> {
    let mut out = Vec::with_capacity(tables.len());
    for table in tables {
        out.push(Spanned {
            line: table.line,
            value: read(table)?,
        });
    }
    Ok(out)
}

impl RawFile {
    fn read_table(t: &Table) -> Result<RawFile, DatasetError> {
        let mut k = Keys::new(t, "the header");
        k.integer("schema")?;
        let data = match k.table("data")? {
            None => RawData::default(),
            Some(d) => {
                let mut dk = Keys::new(d, "[data]");
                let data = RawData {
                    rates: rows(dk.tables("rates")?, RawRate::read)?,
                    figures: rows(dk.tables("figures")?, RawFigure::read)?,
                };
                dk.finish()?;
                data
            }
        };
        let raw = RawFile {
            id: k.string("id")?,
            version: k.string("version")?,
            released: k.string("released")?,
            title_ko: k.string("title_ko")?,
            title_en: k.string("title_en")?,
            story: k.string("story")?,
            draws_on: k.opt_string("story_draws_on")?,
            currency: k.string("currency")?,
            default_view: k.string("default_view")?,
            then_view: k.opt_string("then_view")?,
            default_year: k.opt_integer("default_year")?,
            default_partner: k.string("default_partner")?,
            source: rows(k.tables("source")?, RawSource::read)?,
            data,
            claim: rows(k.tables("claim")?, RawClaim::read)?,
            event: rows(k.tables("event")?, RawEvent::read)?,
        };
        k.finish()?;
        Ok(raw)
    }
}

impl RawSource {
    fn read(t: &Table) -> Result<RawSource, DatasetError> {
        let mut k = Keys::new(t, "a [[source]]");
        let raw = RawSource {
            id: k.string("id")?,
            family: k.opt_string("family")?,
            vintage: k.opt_string("vintage")?,
            name_ko: k.string("name_ko")?,
            name_en: k.string("name_en")?,
            publisher: k.string("publisher")?,
            title: k.string("title")?,
            author: k.opt_string("author")?,
            date: k.opt_string("date")?,
            url: k.opt_string("url")?,
            locator: k.opt_string("locator")?,
            scope: k.opt_string("scope")?,
            note: k.opt_string("note")?,
        };
        k.finish()?;
        Ok(raw)
    }
}

impl RawRate {
    fn read(t: &Table) -> Result<RawRate, DatasetError> {
        let mut k = Keys::new(t, "a rate");
        let raw = RawRate {
            source: k.string("source")?,
            year: k.integer("year")?,
            quarter: k.opt_integer("quarter")?,
            value: k.string("value")?,
            approx: k.boolean("approx", false)?,
            locator: k.opt_string("locator")?,
            note: k.opt_string("note")?,
        };
        k.finish()?;
        Ok(raw)
    }
}

impl RawFigure {
    fn read(t: &Table) -> Result<RawFigure, DatasetError> {
        let mut k = Keys::new(t, "a figure");
        let raw = RawFigure {
            source: k.string("source")?,
            vintage: k.opt_string("vintage")?,
            flow: k.string("flow")?,
            partner: k.opt_string("partner")?,
            measure: k.opt_string("measure")?,
            year: k.integer("year")?,
            quarter: k.opt_integer("quarter")?,
            value: k.string("value")?,
            unit: k.opt_string("unit")?,
            approx: k.boolean("approx", false)?,
            scope: k.opt_string("scope")?,
            locator: k.opt_string("locator")?,
            released: k.opt_string("released")?,
            cite: k.opt_string("cite")?,
            note: k.opt_string("note")?,
        };
        k.finish()?;
        Ok(raw)
    }
}

impl RawClaim {
    fn read(t: &Table) -> Result<RawClaim, DatasetError> {
        let mut k = Keys::new(t, "a [[claim]]");
        let raw = RawClaim {
            id: k.string("id")?,
            ko: k.string("ko")?,
            en: k.string("en")?,
            part: rows(k.tables("part")?, RawPart::read)?,
            unchecked_ko: k.opt_string("unchecked_ko")?,
            unchecked_en: k.opt_string("unchecked_en")?,
            then_now_ko: k.opt_string("then_now_ko")?,
            then_now_en: k.opt_string("then_now_en")?,
        };
        k.finish()?;
        Ok(raw)
    }
}

impl RawPart {
    fn read(t: &Table) -> Result<RawPart, DatasetError> {
        let mut k = Keys::new(t, "a [[claim.part]]");
        let raw = RawPart {
            id: k.string("id")?,
            ko: k.string("ko")?,
            en: k.string("en")?,
            check: k.string("check")?,
            compare: k.string("compare")?,
            expect: k.string("expect")?,
            step: k.opt_string("step")?,
            margin: k.opt_string("margin")?,
            required: k.boolean("required", true)?,
            note_ko: k.opt_string("note_ko")?,
            note_en: k.opt_string("note_en")?,
            say_ko: k.opt_string("say_ko")?,
            say_en: k.opt_string("say_en")?,
        };
        k.finish()?;
        Ok(raw)
    }
}
