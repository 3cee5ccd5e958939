//! The dataset: sourced figures, exchange rates and the story's claims, read from a TOML file.
//!
//! The embedded file is `static/data/jikgu.toml`; its schema is described in `static/data/SCHEMA.md`.
//! [`Dataset::parse`] validates everything a journalist might get wrong when editing it (an unknown
//! source, a figure given twice, a bad decimal, an unknown unit, a year out of range, a claim that
//! reads a series no source has) and says where, so the same parser can serve a file loaded at run
//! time. It never panics.
//!
//! Sources that publish in vintages (KOSTAT first release and revised series) are one *family*; a
//! [`View`] is one plain source or one vintage of a family, and nothing is blended across views. In a
//! vintage's view, a figure published with no vintage, or known only in the other vintage, stands in
//! for the missing one, and its provenance says so.
//!
//! ```
//! use jikgu::core::Dataset;
//! let data = Dataset::embedded().unwrap();
//! assert!(data.views().iter().any(|v| v.id == "kostat-revised"));
//! ```

// A `DatasetError` carries the location and the offending text so a journalist can fix the file; it
// is built at most once per file read, so its size costs nothing and boxing it would only make
// matching on it clumsier.
#![allow(clippy::result_large_err)]

use super::arith::Arith;
use super::lang::quoted;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use rust_decimal::Decimal;

use super::claims::{Claim, Compare, Part};
use super::expr::{ExprError, Ref, parse_expr};
use super::lang::Lang;
use super::measure::{self, Measured};
use super::scenario::Growth;
use super::series::{Flow, Measure, Partner, SeriesKey, Vintage, YEAR_MAX, YEAR_MIN};
use super::toml_subset::{self, Item, Table, Value};

/// The schema version this parser reads.
pub const SCHEMA_VERSION: i64 = 1;

/// The text of the embedded dataset, exactly as shipped (hash it to identify the data).
pub const EMBEDDED_TEXT: &str = include_str!("../../static/data/jikgu.toml");

static EMBEDDED: LazyLock<Result<Dataset, DatasetError>> =
    LazyLock::new(|| Dataset::parse(EMBEDDED_TEXT));

/// The data file as shipped on 2026-11-28, for unit tests of the model whose numbers should not move
/// each time the data desk adds a release.
#[cfg(test)]
pub(crate) fn fixture_2026_11_28() -> &'static Dataset {
    static FIXTURE: LazyLock<Result<Dataset, DatasetError>> = LazyLock::new(|| {
        Dataset::parse(include_str!("../../tests/fixtures/jikgu-2026-11-28.toml"))
    });
    match FIXTURE.as_ref() {
        Ok(d) => d,
        Err(e) => panic!("fixture: {e}"),
    }
}

/// FNV-1a, for the maps the parser checks duplicates with: a few hundred short keys a file.
/// The standard SipHash spent about a thousand instructions a key here; its defence against
/// crafted collisions is not needed for a file the reader opens in their own browser.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// The position of a source in [`Dataset::sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceRef(pub usize);

/// The position of a figure in [`Dataset::figures`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FigureRef(pub usize);

/// A publication figures come from, with its citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Stable identifier used by figures, views and scenario links.
    pub id: String,
    /// The family of releases this source belongs to, when it is one vintage of a series.
    pub family: Option<String>,
    /// Which vintage of its family this source is.
    pub vintage: Option<Vintage>,
    /// Short Korean name, used as the view's label.
    pub name_ko: String,
    /// Short English name, used as the view's label.
    pub name_en: String,
    /// Who published it.
    pub publisher: String,
    /// The publication's title.
    pub title: String,
    /// The author, when named.
    pub author: Option<String>,
    /// Publication date (YYYY-MM-DD), when known.
    pub date: Option<String>,
    /// Where to read it.
    pub url: Option<String>,
    /// Where its figures were read when that is not a web address (a publication's own locator,
    /// such as an article number), and the default for its figures.
    pub locator: Option<String>,
    /// What its figures cover, when a reader could assume more (e.g. customs: express-courier
    /// clearance only); a figure's own `scope` overrides it.
    pub scope: Option<String>,
    /// What a reader should know about it, in our words.
    pub note: Option<String>,
}

impl Source {
    /// The short name in a language.
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_ko, &self.name_en)
    }
}

/// How a published value is scaled; the data file writes values as published, with their unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Units (no scale).
    One,
    /// Thousands (`k`).
    Thousand,
    /// 만 (10^4).
    Man,
    /// Millions (`mn`).
    Million,
    /// 억 (10^8).
    Eok,
    /// Billions (`bn`, 10^9).
    Billion,
    /// Trillions (`tn`, 10^12).
    Trillion,
    /// 조 (10^12).
    Jo,
    /// A published year-on-year change in per cent (`pct`).
    Pct,
}

impl Unit {
    /// Every unit with its identifier in the data file.
    pub const ALL: &'static [(Unit, &'static str)] = &[
        (Unit::One, "one"),
        (Unit::Thousand, "k"),
        (Unit::Man, "만"),
        (Unit::Million, "mn"),
        (Unit::Eok, "억"),
        (Unit::Billion, "bn"),
        (Unit::Trillion, "tn"),
        (Unit::Jo, "조"),
        (Unit::Pct, "pct"),
    ];

    /// Reads a unit identifier.
    pub fn from_id(id: &str) -> Option<Unit> {
        Unit::ALL.iter().find(|(_, s)| *s == id).map(|(u, _)| *u)
    }

    /// The identifier in the data file.
    pub fn id(self) -> &'static str {
        Unit::ALL
            .iter()
            .find(|(u, _)| *u == self)
            .map_or("one", |(_, s)| s)
    }

    /// What one of this unit is worth in base units (per cent stays a per cent).
    pub fn scale(self) -> Decimal {
        match self {
            Unit::One | Unit::Pct => Decimal::ONE,
            Unit::Thousand => Decimal::from(1_000),
            Unit::Man => Decimal::from(10_000),
            Unit::Million => Decimal::from(1_000_000),
            Unit::Eok => Decimal::from(100_000_000),
            Unit::Billion => Decimal::from(1_000_000_000_i64),
            Unit::Trillion | Unit::Jo => Decimal::from(1_000_000_000_000_i64),
        }
    }
}

/// Whether a figure is a level or a published growth rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FigureKind {
    /// An amount for the year.
    Level,
    /// The year-on-year change in per cent, as published (used where only growth was found).
    YoyPct,
}

/// One published number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// The source id or family as written in the file.
    pub origin: String,
    /// The family (for a plain source, its own id): figures of one family never mix with another's.
    pub family: String,
    /// Which release, when the family publishes in vintages and the coverage said which.
    pub vintage: Option<Vintage>,
    /// The series.
    pub series: SeriesKey,
    /// The year it describes.
    pub year: i32,
    /// The quarter (1–4) for a quarterly figure. Quarterly figures are kept out of the views' annual
    /// series and read by `core::quarters`.
    pub quarter: Option<u8>,
    /// Level or published growth.
    pub kind: FigureKind,
    /// The value in base units (won, dollars, parcels) or in per cent for growth.
    pub value: Decimal,
    /// The value as published, before scaling.
    pub published: String,
    /// The unit it was published in.
    pub unit: Unit,
    /// Given as "about": a rounded figure.
    pub approx: bool,
    /// A different scope from the series' usual one (e.g. excluding duty-free sales), or the
    /// source's scope when the row gives none.
    pub scope: Option<String>,
    /// Where the figure was read: the row's own `locator`, else the cited coverage's or the
    /// source's `url` or `locator`. Never empty: a figure nobody can look up is refused.
    pub locator: String,
    /// When it was published (YYYY-MM-DD): the row's `released`, else its source's `date`.
    pub released: Option<String>,
    /// The press coverage the figure was read in, when not the source's own citation.
    pub cite: Option<SourceRef>,
    /// A note in our words.
    pub note: Option<String>,
    /// Line in the data file (1-based), for pointing a journalist at it.
    pub line: usize,
}

/// A won-per-dollar annual average.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rate {
    /// Who published it.
    pub source: SourceRef,
    /// The year.
    pub year: i32,
    /// The quarter (1–4) for a quarterly average; `None` for the year's.
    pub quarter: Option<u8>,
    /// Won per dollar.
    pub value: Decimal,
    /// Found only rounded.
    pub approx: bool,
    /// The year's rate is the mean of its four published quarterly averages, computed when the
    /// file is read: no annual figure was published, and a stored mean would be a derived number
    /// posing as a published one.
    pub derived: bool,
    /// A note in our words.
    pub note: Option<String>,
}

/// A dated event a reader may want beside the figures (a rule announced, a market change): context,
/// not a number for the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// When, `YYYY-MM-DD`.
    pub date: String,
    /// What happened, in Korean (our words).
    pub ko: String,
    /// What happened, in English (our words).
    pub en: String,
    /// Where it was reported.
    pub locator: String,
}

/// Which figure a view shows for a series-year, and whether it stands in for a missing vintage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pick {
    /// The figure shown.
    pub figure: FigureRef,
    /// True when the figure belongs to another vintage of the family (the only value known).
    pub stands_in: bool,
}

/// One way of reading the data: a single source, or a single vintage of a family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// The source id (for a vintage, the vintage's own source id).
    pub id: String,
    /// The source.
    pub source: SourceRef,
    /// Which vintage, for a family member.
    pub vintage: Option<Vintage>,
    levels: BTreeMap<(SeriesKey, i32), Pick>,
    growth: BTreeMap<(SeriesKey, i32), Pick>,
    default_cagr: BTreeMap<SeriesKey, (Growth, Measured)>,
    series: Vec<SeriesKey>,
}

impl View {
    /// The default growth assumption of a flow (the CAGR of its published window) and its rate,
    /// computed once when the dataset is read: roots are the slowest arithmetic in a recompute.
    pub fn default_cagr(&self, series: SeriesKey) -> Option<&(Growth, Measured)> {
        self.default_cagr.get(&series)
    }

    /// The level figure this view shows for a series-year.
    pub fn level(&self, series: SeriesKey, year: i32) -> Option<Pick> {
        self.levels.get(&(series, year)).copied()
    }

    /// The published year-on-year % this view has for a series-year.
    pub fn growth(&self, series: SeriesKey, year: i32) -> Option<Pick> {
        self.growth.get(&(series, year)).copied()
    }

    /// Every series with at least one figure (level or growth) in this view, in display order.
    pub fn series(&self) -> &[SeriesKey] {
        &self.series
    }

    /// The newest year with a balance for a partner: published, or both flows to derive it from.
    pub fn latest_balance_year(&self, partner: Partner) -> Option<i32> {
        let key = |flow| SeriesKey::won(flow, partner);
        let derived = self
            .levels_of(key(Flow::Sales))
            .map(|(y, _)| y)
            .filter(|y| self.level(key(Flow::Purchases), *y).is_some())
            .last();
        let published = self.levels_of(key(Flow::Balance)).map(|(y, _)| y).last();
        derived.max(published)
    }

    /// Every level figure of one series, by year.
    pub fn levels_of(&self, series: SeriesKey) -> impl Iterator<Item = (i32, Pick)> + '_ {
        self.levels
            .range((series, i32::MIN)..=(series, i32::MAX))
            .map(|((_, y), p)| (*y, *p))
    }

    /// Every published growth figure of one series, by year.
    pub fn growth_of(&self, series: SeriesKey) -> impl Iterator<Item = (i32, Pick)> + '_ {
        self.growth
            .range((series, i32::MIN)..=(series, i32::MAX))
            .map(|((_, y), p)| (*y, *p))
    }
}

/// One source's value for a series-year, for showing sources side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceValue {
    /// Index into [`Dataset::views`].
    pub view: usize,
    /// What the view's source published for the cell.
    pub published: Option<(Decimal, Pick)>,
    /// For a balance: sales minus purchases from the view's published flows.
    pub derived: Option<Decimal>,
}

/// Where in the data file something is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The file as a whole or its header.
    Header,
    /// The n-th `[[source]]` (0-based).
    Source(usize),
    /// The n-th row of `figures` (0-based).
    Figure(usize),
    /// The n-th row of `rates` (0-based).
    Rate(usize),
    /// A claim, by id.
    Claim(String),
    /// A part of a claim, by ids.
    Part(String, String),
}

/// A place in the data file with its line, when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Which item.
    pub place: Place,
    /// 1-based line number.
    pub line: Option<usize>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.place {
            Place::Header => f.write_str("the header")?,
            Place::Source(i) => write!(f, "source {}", i + 1)?,
            Place::Figure(i) => write!(f, "figure {}", i + 1)?,
            Place::Rate(i) => write!(f, "rate {}", i + 1)?,
            Place::Claim(c) => write!(f, "claim {c}")?,
            Place::Part(c, p) => write!(f, "claim {c} part {p}")?,
        }
        if let Some(line) = self.line {
            write!(f, " (line {line})")?;
        }
        Ok(())
    }
}

/// Why a data file was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatasetError {
    /// The TOML itself, or its shape, is wrong.
    Syntax {
        /// 1-based line, when known.
        line: Option<usize>,
        /// What the TOML reader said.
        message: String,
    },
    /// The file is for another schema version.
    Schema {
        /// What `schema =` said, if anything.
        found: Option<i64>,
    },
    /// A name that is not one of the known ones.
    Unknown {
        /// Where.
        at: Location,
        /// Which field.
        field: &'static str,
        /// What it said.
        value: String,
        /// What it could have said.
        expected: String,
    },
    /// The same thing given twice.
    Duplicate {
        /// Where the second one is.
        at: Location,
        /// What is repeated.
        what: String,
        /// Line of the first one.
        first_line: Option<usize>,
    },
    /// A value that is not a plain decimal.
    BadDecimal {
        /// Where.
        at: Location,
        /// What it said.
        value: String,
    },
    /// A year outside 1990–2100.
    YearOutOfRange {
        /// Where.
        at: Location,
        /// What it said.
        year: i64,
    },
    /// A claim expression that does not parse.
    BadExpr {
        /// Where.
        at: Location,
        /// Which field (`check`, `expect`, `step`, `margin`).
        field: &'static str,
        /// The parser's error.
        error: ExprError,
    },
    /// A claim reads a series or stated figure the dataset does not have.
    UnknownSeries {
        /// Where.
        at: Location,
        /// The reference.
        reference: String,
    },
    /// Anything else that is inconsistent.
    Invalid {
        /// Where.
        at: Location,
        /// What is wrong, saying what was expected.
        message: String,
    },
}

impl fmt::Display for DatasetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatasetError::Syntax {
                line: Some(line),
                message,
            } => write!(f, "line {line}: {}", message.trim()),
            DatasetError::Syntax {
                line: None,
                message,
            } => f.write_str(message.trim()),
            DatasetError::Schema { found: Some(v) } => {
                write!(f, "expected schema = {SCHEMA_VERSION}, found schema = {v}")
            }
            DatasetError::Schema { found: None } => write!(
                f,
                "expected schema = {SCHEMA_VERSION} at the top of the file, found no schema"
            ),
            DatasetError::Unknown {
                at,
                field,
                value,
                expected,
            } => write!(
                f,
                "{at}: unknown {field} {}, expected {expected}",
                quoted(value)
            ),
            DatasetError::Duplicate {
                at,
                what,
                first_line: Some(l),
            } => write!(f, "{at}: {what} is already given on line {l}"),
            DatasetError::Duplicate {
                at,
                what,
                first_line: None,
            } => write!(f, "{at}: {what} is given twice"),
            DatasetError::BadDecimal { at, value } => {
                write!(
                    f,
                    "{at}: expected a plain decimal such as \"6.003\" or \"-100\", found {}",
                    quoted(value)
                )
            }
            DatasetError::YearOutOfRange { at, year } => write!(
                f,
                "{at}: expected a year from {YEAR_MIN} to {YEAR_MAX}, found {year}"
            ),
            DatasetError::BadExpr { at, field, error } => write!(f, "{at}: in {field}: {error}"),
            DatasetError::UnknownSeries { at, reference } => write!(
                f,
                "{at}: {reference} reads a figure the dataset does not have"
            ),
            DatasetError::Invalid { at, message } => write!(f, "{at}: {message}"),
        }
    }
}

impl std::error::Error for DatasetError {}

/// The whole dataset, validated.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// Stable identifier of the dataset (scenarios are keyed to it).
    pub id: String,
    /// The dataset's own version.
    pub version: String,
    /// Release date (YYYY-MM-DD).
    pub released: String,
    /// Korean title.
    pub title_ko: String,
    /// English title.
    pub title_en: String,
    /// The source id of the story the dataset checks.
    pub story: SourceRef,
    /// The source whose figures the story reports (`story_draws_on`), marked beside the story's.
    pub draws_on: Option<SourceRef>,
    /// Base currency code (KRW).
    pub currency: String,
    default_view: usize,
    then_view: Option<usize>,
    default_year: i32,
    default_partner: Partner,
    sources: Vec<Source>,
    figures: Vec<Figure>,
    rates: BTreeMap<i32, Rate>,
    quarter_rates: Vec<Rate>,
    claims: Vec<Claim>,
    events: Vec<Event>,
    views: Vec<View>,
    story_view: Option<usize>,
    first_year: i32,
    last_year: i32,
    text: String,
}

/// Two datasets are the same when their text is: parsing is deterministic, so nothing else can
/// differ, and comparing one string is cheaper (in time and in wasm) than every figure.
impl PartialEq for Dataset {
    fn eq(&self, other: &Dataset) -> bool {
        self.text == other.text
    }
}

/// Text equality is an equivalence; being `Eq` also lets `Rc<Dataset>` compare pointers first.
impl Eq for Dataset {}

// ---- raw shapes, read from the TOML tree -------------------------------------------------------

/// A row of the file and the line it starts on.
struct Spanned<T> {
    line: usize,
    value: T,
}

struct RawFile {
    id: String,
    version: String,
    released: String,
    title_ko: String,
    title_en: String,
    story: String,
    draws_on: Option<String>,
    currency: String,
    default_view: String,
    then_view: Option<String>,
    default_year: Option<i64>,
    default_partner: String,
    source: Vec<Spanned<RawSource>>,
    data: RawData,
    claim: Vec<Spanned<RawClaim>>,
    event: Vec<Spanned<RawEvent>>,
}

struct RawEvent {
    date: String,
    ko: String,
    en: String,
    locator: String,
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
struct RawData {
    rates: Vec<Spanned<RawRate>>,
    figures: Vec<Spanned<RawFigure>>,
}

struct RawSource {
    id: String,
    family: Option<String>,
    vintage: Option<String>,
    name_ko: String,
    name_en: String,
    publisher: String,
    title: String,
    author: Option<String>,
    date: Option<String>,
    url: Option<String>,
    locator: Option<String>,
    scope: Option<String>,
    note: Option<String>,
}

struct RawRate {
    source: String,
    year: i64,
    quarter: Option<i64>,
    value: String,
    approx: bool,
    locator: Option<String>,
    note: Option<String>,
}

struct RawFigure {
    source: String,
    vintage: Option<String>,
    flow: String,
    partner: Option<String>,
    measure: Option<String>,
    year: i64,
    quarter: Option<i64>,
    value: String,
    unit: Option<String>,
    approx: bool,
    scope: Option<String>,
    locator: Option<String>,
    released: Option<String>,
    cite: Option<String>,
    note: Option<String>,
}

struct RawClaim {
    id: String,
    ko: String,
    en: String,
    part: Vec<Spanned<RawPart>>,
    unchecked_ko: Option<String>,
    unchecked_en: Option<String>,
    then_now_ko: Option<String>,
    then_now_en: Option<String>,
}

struct RawPart {
    id: String,
    ko: String,
    en: String,
    check: String,
    compare: String,
    expect: String,
    step: Option<String>,
    margin: Option<String>,
    required: bool,
    note_ko: Option<String>,
    note_en: Option<String>,
    say_ko: Option<String>,
    say_en: Option<String>,
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
    fn read(t: &Table) -> Result<RawFile, DatasetError> {
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

// ---- parsing helpers ----------------------------------------------------------------------------

fn names<T: fmt::Display>(all: &[T]) -> String {
    all.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads a decimal written as published: ASCII digits, an optional leading minus and decimal point.
fn plain_decimal(text: &str) -> Option<Decimal> {
    let body = text.strip_prefix('-').unwrap_or(text);
    let mut parts = body.split('.');
    let int = parts.next()?;
    let frac = parts.next();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some() || !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    Decimal::from_str_exact(text).ok()
}

fn year_in_range(year: i64, at: &Location) -> Result<i32, DatasetError> {
    i32::try_from(year)
        .ok()
        .filter(|y| (YEAR_MIN..=YEAR_MAX).contains(y))
        .ok_or_else(|| DatasetError::YearOutOfRange {
            at: at.clone(),
            year,
        })
}

fn quarter_in_range(quarter: i64, at: &Location) -> Result<u8, DatasetError> {
    u8::try_from(quarter)
        .ok()
        .filter(|q| (1..=4).contains(q))
        .ok_or_else(|| DatasetError::Invalid {
            at: at.clone(),
            message: format!("expected a quarter from 1 to 4, found {quarter}"),
        })
}

/// A year, or a quarter written the way the data file's readers know it (`2025Q3`).
fn period(year: i32, quarter: Option<u8>) -> String {
    match quarter {
        Some(q) => format!("{year}Q{q}"),
        None => year.to_string(),
    }
}

/// Every figure must say where it was read, so a reader can check it against the publication.
fn no_locator(at: Location) -> DatasetError {
    DatasetError::Invalid {
        at,
        message: "expected a locator: give the row a `locator`, or its source a `url` or `locator`"
            .into(),
    }
}

/// `YYYY-MM-DD` with plausible month and day; enough to catch a transposed or truncated date.
fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    let num = |r: std::ops::Range<usize>| {
        text.get(r)
            .filter(|s| s.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|s| s.parse::<u32>().ok())
    };
    b.len() == 10
        && b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && num(0..4).is_some()
        && num(5..7).is_some_and(|m| (1..=12).contains(&m))
        && num(8..10).is_some_and(|d| (1..=31).contains(&d))
}

fn parse_enum<T: Copy + fmt::Display>(
    value: &str,
    from: fn(&str) -> Option<T>,
    all: &[T],
    field: &'static str,
    at: &Location,
) -> Result<T, DatasetError> {
    from(value).ok_or_else(|| DatasetError::Unknown {
        at: at.clone(),
        field,
        value: value.to_string(),
        expected: names(all),
    })
}

impl Dataset {
    /// The dataset compiled into the app, parsed once.
    pub fn embedded() -> Result<&'static Dataset, &'static DatasetError> {
        EMBEDDED.as_ref()
    }

    /// Parses and validates a data file.
    pub fn parse(text: &str) -> Result<Dataset, DatasetError> {
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
        let raw = RawFile::read(&root)?;
        let header = Location {
            place: Place::Header,
            line: None,
        };

        // Sources and families.
        let mut sources = Vec::with_capacity(raw.source.len());
        let mut source_ids: FnvMap<String, (usize, usize)> = FnvMap::default();
        let mut families: BTreeMap<String, Vec<(Vintage, usize)>> = BTreeMap::new();
        for (i, spanned) in raw.source.iter().enumerate() {
            let line = spanned.line;
            let at = Location {
                place: Place::Source(i),
                line: Some(line),
            };
            let s = &spanned.value;
            if s.id.is_empty() {
                return Err(DatasetError::Invalid {
                    at,
                    message: "expected a non-empty id".into(),
                });
            }
            if let Some((_, first)) = source_ids.insert(s.id.clone(), (i, line)) {
                return Err(DatasetError::Duplicate {
                    at,
                    what: format!("source {}", quoted(&s.id)),
                    first_line: Some(first),
                });
            }
            let vintage = s
                .vintage
                .as_deref()
                .map(|v| parse_enum(v, Vintage::from_id, Vintage::ALL, "vintage", &at))
                .transpose()?;
            match (&s.family, vintage) {
                (Some(family), Some(v)) => {
                    let members = families.entry(family.clone()).or_default();
                    if members.iter().any(|(mv, _)| *mv == v) {
                        return Err(DatasetError::Duplicate {
                            at,
                            what: format!("vintage {v} of family {}", quoted(family)),
                            first_line: None,
                        });
                    }
                    members.push((v, i));
                }
                (None, None) => {}
                _ => {
                    return Err(DatasetError::Invalid {
                        at,
                        message: "expected family and vintage together, or neither".into(),
                    });
                }
            }
            sources.push(Source {
                id: s.id.clone(),
                family: s.family.clone(),
                vintage,
                name_ko: s.name_ko.clone(),
                name_en: s.name_en.clone(),
                publisher: s.publisher.clone(),
                title: s.title.clone(),
                author: s.author.clone(),
                date: s.date.clone(),
                url: s.url.clone(),
                locator: s.locator.clone(),
                scope: s.scope.clone(),
                note: s.note.clone(),
            });
        }
        for family in families.keys() {
            if let Some((i, line)) = source_ids.get(family) {
                return Err(DatasetError::Invalid {
                    at: Location {
                        place: Place::Source(*i),
                        line: Some(*line),
                    },
                    message: format!(
                        "expected a source id different from the family name {}",
                        quoted(family)
                    ),
                });
            }
        }
        let source_list = || {
            let mut all: Vec<&str> = sources.iter().map(|s| s.id.as_str()).collect();
            all.extend(families.keys().map(String::as_str));
            all.join(", ")
        };
        let find_source = |id: &str, field: &'static str, at: &Location| {
            source_ids
                .get(id)
                .map(|(i, _)| SourceRef(*i))
                .ok_or_else(|| DatasetError::Unknown {
                    at: at.clone(),
                    field,
                    value: id.to_string(),
                    expected: source_list(),
                })
        };

        // Rates: annual averages, and quarterly ones from which a year without a published annual
        // average gets the mean of its four quarters.
        let mut rates = BTreeMap::new();
        // In file order: a handful of rows, read whole; no second map type in the wasm for them.
        let mut quarter_rates: Vec<Rate> = Vec::new();
        let mut rate_lines = FnvMap::default();
        for (i, spanned) in raw.data.rates.iter().enumerate() {
            let line = spanned.line;
            let at = Location {
                place: Place::Rate(i),
                line: Some(line),
            };
            let r = &spanned.value;
            let source = find_source(&r.source, "source", &at)?;
            let year = year_in_range(r.year, &at)?;
            let quarter = r.quarter.map(|q| quarter_in_range(q, &at)).transpose()?;
            let value = plain_decimal(&r.value).ok_or_else(|| DatasetError::BadDecimal {
                at: at.clone(),
                value: r.value.clone(),
            })?;
            if value <= Decimal::ZERO {
                return Err(DatasetError::Invalid {
                    at,
                    message: format!("expected a rate above zero, found {value}"),
                });
            }
            let has_locator = r.locator.is_some()
                || sources
                    .get(source.0)
                    .is_some_and(|s| s.url.is_some() || s.locator.is_some());
            if !has_locator {
                return Err(no_locator(at));
            }
            if let Some(first) = rate_lines.insert((year, quarter), line) {
                return Err(DatasetError::Duplicate {
                    at,
                    what: format!("the rate for {}", period(year, quarter)),
                    first_line: Some(first),
                });
            }
            let rate = Rate {
                source,
                year,
                quarter,
                value,
                approx: r.approx,
                derived: false,
                note: r.note.clone(),
            };
            match quarter {
                Some(_) => quarter_rates.push(rate),
                None => {
                    rates.insert(year, rate);
                }
            }
        }
        for first in &quarter_rates {
            let year = &first.year;
            if rates.contains_key(year) {
                continue;
            }
            // Duplicates are refused above, so four rows of a year are its four quarters.
            let four: Vec<&Rate> = quarter_rates.iter().filter(|r| r.year == *year).collect();
            let sum = four
                .iter()
                .try_fold(Decimal::ZERO, |acc, r| acc.plus(r.value));
            if let (4, Some(sum)) = (four.len(), sum) {
                rates.insert(
                    *year,
                    Rate {
                        source: first.source,
                        year: *year,
                        quarter: None,
                        value: sum / Decimal::from(4),
                        approx: four.iter().any(|r| r.approx),
                        derived: true,
                        note: None,
                    },
                );
            }
        }

        // Figures.
        let mut figures = Vec::with_capacity(raw.data.figures.len());
        // A quarter is often printed again, revised, in a later release: each printing is kept,
        // keyed by its release, and the newest is the one shown.
        type Seen = (
            String,
            Option<Vintage>,
            SeriesKey,
            i32,
            Option<u8>,
            Option<String>,
            FigureKind,
        );
        let mut seen: FnvMap<Seen, usize> = FnvMap::default();
        seen.reserve(raw.data.figures.len());
        for (i, spanned) in raw.data.figures.iter().enumerate() {
            let line = spanned.line;
            let at = Location {
                place: Place::Figure(i),
                line: Some(line),
            };
            let f = &spanned.value;
            let vintage = f
                .vintage
                .as_deref()
                .map(|v| parse_enum(v, Vintage::from_id, Vintage::ALL, "vintage", &at))
                .transpose()?;
            let (family, vintage) = if let Some(members) = families.get(&f.source) {
                if let Some(v) = vintage {
                    if !members.iter().any(|(mv, _)| *mv == v) {
                        return Err(DatasetError::Invalid {
                            at,
                            message: format!(
                                "expected a vintage that family {} has, found {v}",
                                quoted(&f.source)
                            ),
                        });
                    }
                }
                (f.source.clone(), vintage)
            } else {
                let source = find_source(&f.source, "source", &at)?;
                let s = sources.get(source.0).ok_or_else(|| DatasetError::Invalid {
                    at: at.clone(),
                    message: "source vanished".into(),
                })?;
                match (&s.family, s.vintage, vintage) {
                    (Some(family), Some(sv), None) => (family.clone(), Some(sv)),
                    (Some(family), Some(sv), Some(v)) if v == sv => (family.clone(), Some(sv)),
                    (None, _, None) => (s.id.clone(), None),
                    _ => {
                        return Err(DatasetError::Invalid {
                            at,
                            message: format!(
                                "expected no vintage, or the source's own, for source {}",
                                quoted(&s.id)
                            ),
                        });
                    }
                }
            };
            let flow = parse_enum(&f.flow, Flow::from_id, Flow::ALL, "flow", &at)?;
            let partner = parse_enum(
                f.partner.as_deref().unwrap_or("all"),
                Partner::from_id,
                Partner::ALL,
                "partner",
                &at,
            )?;
            let measure = parse_enum(
                f.measure.as_deref().unwrap_or("won"),
                Measure::from_id,
                Measure::ALL,
                "measure",
                &at,
            )?;
            let year = year_in_range(f.year, &at)?;
            let quarter = f.quarter.map(|q| quarter_in_range(q, &at)).transpose()?;
            let unit_text = f.unit.as_deref().unwrap_or("one");
            let unit = Unit::from_id(unit_text).ok_or_else(|| DatasetError::Unknown {
                at: at.clone(),
                field: "unit",
                value: unit_text.to_string(),
                expected: Unit::ALL
                    .iter()
                    .map(|(_, s)| *s)
                    .collect::<Vec<_>>()
                    .join(", "),
            })?;
            let published = plain_decimal(&f.value).ok_or_else(|| DatasetError::BadDecimal {
                at: at.clone(),
                value: f.value.clone(),
            })?;
            let value = published
                .times(unit.scale())
                .ok_or_else(|| DatasetError::Invalid {
                    at: at.clone(),
                    message: format!(
                        "expected a value small enough to compute with, found {}",
                        f.value
                    ),
                })?
                // Whole won carry no decimal places: equal scales keep later sums cheap.
                .normalize();
            let kind = if unit == Unit::Pct {
                FigureKind::YoyPct
            } else {
                FigureKind::Level
            };
            if kind == FigureKind::Level && flow != Flow::Balance && value.is_sign_negative() {
                return Err(DatasetError::Invalid {
                    at,
                    message: format!(
                        "expected a non-negative amount for {flow}, found {}",
                        f.value
                    ),
                });
            }
            let cite = f
                .cite
                .as_deref()
                .map(|c| find_source(c, "cite", &at))
                .transpose()?;
            // The source a row belongs to: its own, or for a family the vintage's source.
            // A family row with no vintage belongs to every member; the first one's citation serves.
            let home = sources.iter().find(|s| {
                s.id == f.source
                    || (s.family.as_deref() == Some(&family)
                        && (vintage.is_none() || s.vintage == vintage))
            });
            let cited = cite.and_then(|c| sources.get(c.0));
            let locator = f
                .locator
                .clone()
                .or_else(|| cited.and_then(|s| s.url.clone().or_else(|| s.locator.clone())))
                .or_else(|| home.and_then(|s| s.url.clone().or_else(|| s.locator.clone())))
                .filter(|l| !l.trim().is_empty())
                .ok_or_else(|| no_locator(at.clone()))?;
            let released = f
                .released
                .clone()
                .or_else(|| home.and_then(|s| s.date.clone()));
            if let Some(date) = f.released.as_deref().filter(|d| !is_date(d)) {
                return Err(DatasetError::Invalid {
                    at,
                    message: format!("expected released as YYYY-MM-DD, found {}", quoted(date)),
                });
            }
            let scope = f
                .scope
                .clone()
                .or_else(|| home.and_then(|s| s.scope.clone()));
            let series = SeriesKey {
                flow,
                partner,
                measure,
            };
            let other_vintages: &[Option<Vintage>] = match vintage {
                None => &[
                    Some(Vintage::First),
                    Some(Vintage::Revised),
                    Some(Vintage::Rebased),
                ],
                Some(_) => &[None],
            };
            let printing = quarter.and(released.clone());
            for other in std::iter::once(&vintage).chain(other_vintages) {
                let key = (
                    family.clone(),
                    *other,
                    series,
                    year,
                    quarter,
                    printing.clone(),
                    kind,
                );
                if let Some(first) = seen.get(&key) {
                    let what = if *other == vintage {
                        format!(
                            "{} {series} {}{}",
                            family,
                            period(year, quarter),
                            if kind == FigureKind::YoyPct {
                                " (growth)"
                            } else {
                                ""
                            }
                        )
                    } else {
                        format!("{family} {series} {year} both with and without a vintage")
                    };
                    return Err(DatasetError::Duplicate {
                        at,
                        what,
                        first_line: figures.get(*first).map(|f: &Figure| f.line),
                    });
                }
            }
            seen.insert(
                (
                    family.clone(),
                    vintage,
                    series,
                    year,
                    quarter,
                    printing,
                    kind,
                ),
                i,
            );
            figures.push(Figure {
                origin: f.source.clone(),
                family,
                vintage,
                series,
                year,
                quarter,
                kind,
                value,
                published: f.value.clone(),
                unit,
                approx: f.approx,
                scope,
                locator,
                released,
                cite,
                note: f.note.clone(),
                line,
            });
        }

        // Views: one per plain source with figures, one per vintage of a family with figures.
        let mut views = Vec::new();
        for (i, s) in sources.iter().enumerate() {
            let family = s.family.clone().unwrap_or_else(|| s.id.clone());
            let mut levels = BTreeMap::new();
            let mut growth = BTreeMap::new();
            // Own vintage first, then unspecified, then the other vintages standing in: the nearest
            // first and, between two as near, the older (the restructured series borrows a first
            // release before it borrows from the re-based one).
            let order: &[Option<Vintage>] = match s.vintage {
                None => &[None],
                Some(Vintage::First) => &[
                    Some(Vintage::First),
                    None,
                    Some(Vintage::Revised),
                    Some(Vintage::Rebased),
                ],
                Some(Vintage::Revised) => &[
                    Some(Vintage::Revised),
                    None,
                    Some(Vintage::First),
                    Some(Vintage::Rebased),
                ],
                Some(Vintage::Rebased) => &[
                    Some(Vintage::Rebased),
                    None,
                    Some(Vintage::Revised),
                    Some(Vintage::First),
                ],
            };
            // A vintage borrows only for years it covers: a superseded series is not extended
            // past its own end by a newer basis.
            let own_end = figures
                .iter()
                .filter(|f| f.family == family && f.vintage == s.vintage && f.quarter.is_none())
                .map(|f| f.year)
                .max();
            for (pass, wanted) in order.iter().enumerate() {
                for (fi, f) in figures.iter().enumerate() {
                    if f.family != family
                        || f.quarter.is_some()
                        || (pass > 0 && Some(f.year) > own_end)
                    {
                        continue;
                    }
                    if f.vintage == *wanted {
                        let map = if f.kind == FigureKind::Level {
                            &mut levels
                        } else {
                            &mut growth
                        };
                        map.entry((f.series, f.year)).or_insert(Pick {
                            figure: FigureRef(fi),
                            stands_in: pass >= 2,
                        });
                    }
                }
            }
            let mut default_cagr = BTreeMap::new();
            let mut firsts: BTreeMap<SeriesKey, (i32, Decimal)> = BTreeMap::new();
            let mut lasts: BTreeMap<SeriesKey, (i32, Decimal)> = BTreeMap::new();
            for ((series, year), pick) in &levels {
                if let Some(f) = figures.get(pick.figure.0) {
                    firsts.entry(*series).or_insert((*year, f.value));
                    lasts.insert(*series, (*year, f.value));
                }
            }
            for (series, (from, v0)) in &firsts {
                if let (Some((to, v1)), false) = (lasts.get(series), series.flow == Flow::Balance) {
                    if to > from {
                        let rate = measure::cagr(*v0, *v1, Decimal::from(to.saturating_sub(*from)));
                        default_cagr.insert(
                            *series,
                            (
                                Growth::Cagr {
                                    from: *from,
                                    to: *to,
                                },
                                rate,
                            ),
                        );
                    }
                }
            }
            if !levels.is_empty() || !growth.is_empty() {
                // Sorted and deduplicated in place: an unstable sort of plain keys is enough, and
                // saves the wasm a stable sort's code (collecting into a set sorts stably).
                let mut series: Vec<SeriesKey> = levels
                    .keys()
                    .chain(growth.keys())
                    .map(|(s, _)| *s)
                    .collect();
                series.sort_unstable();
                series.dedup();
                views.push(View {
                    default_cagr,
                    series,
                    id: s.id.clone(),
                    source: SourceRef(i),
                    vintage: s.vintage,
                    levels,
                    growth,
                });
            }
        }

        let story = find_source(&raw.story, "story", &header)?;
        let draws_on = match &raw.draws_on {
            Some(id) => Some(find_source(id, "story_draws_on", &header)?),
            None => None,
        };
        let story_view = views.iter().position(|v| v.source == story);
        // The page opens on a source's figures; the story is what they are checked against.
        let pickable = || views.iter().filter(|v| v.source != story);
        let default_view = views
            .iter()
            .position(|v| v.id == raw.default_view && v.source != story)
            .ok_or_else(|| DatasetError::Unknown {
                at: header.clone(),
                field: "default_view",
                value: raw.default_view.clone(),
                expected: names(&pickable().map(|v| v.id.as_str()).collect::<Vec<_>>()),
            })?;
        let then_view = raw
            .then_view
            .as_deref()
            .map(|id| {
                pickable()
                    .position(|v| v.id == id)
                    .and_then(|_| views.iter().position(|v| v.id == id))
                    .ok_or_else(|| DatasetError::Unknown {
                        at: header.clone(),
                        field: "then_view",
                        value: id.to_string(),
                        expected: names(&pickable().map(|v| v.id.as_str()).collect::<Vec<_>>()),
                    })
            })
            .transpose()?;
        let default_partner = parse_enum(
            &raw.default_partner,
            Partner::from_id,
            Partner::ALL,
            "default_partner",
            &header,
        )?;
        let annual = || figures.iter().filter(|f| f.quarter.is_none());
        let latest = annual().map(|f| f.year).max();
        // Without `default_year` the page opens on the newest year the default view has a balance
        // for, so adding the next release to the file moves the headline with no code change.
        let default_year = match raw.default_year {
            Some(year) => year_in_range(year, &header)?,
            None => views
                .get(default_view)
                .and_then(|v| v.latest_balance_year(default_partner))
                .or(latest)
                .unwrap_or(YEAR_MIN),
        };
        let first_year = annual().map(|f| f.year).min().unwrap_or(default_year);
        let last_year = latest.unwrap_or(default_year);

        // Series any view has, plus balances any view can derive: what claims may read.
        let mut known: BTreeSet<SeriesKey> = BTreeSet::new();
        for v in &views {
            known.extend(v.series().iter().copied());
        }
        let derivable: Vec<SeriesKey> = known
            .iter()
            .filter(|k| k.flow == Flow::Purchases && known.contains(&k.with_flow(Flow::Sales)))
            .map(|k| k.with_flow(Flow::Balance))
            .collect();
        known.extend(derivable);

        let mut claims = Vec::with_capacity(raw.claim.len());
        let mut claim_ids = FnvMap::default();
        for spanned in &raw.claim {
            let line = spanned.line;
            let c = &spanned.value;
            let at = Location {
                place: Place::Claim(c.id.clone()),
                line: Some(line),
            };
            if let Some(first) = claim_ids.insert(c.id.clone(), line) {
                return Err(DatasetError::Duplicate {
                    at,
                    what: format!("claim {}", quoted(&c.id)),
                    first_line: Some(first),
                });
            }
            let unchecked = match (&c.unchecked_ko, &c.unchecked_en) {
                (Some(ko), Some(en)) => Some((ko.clone(), en.clone())),
                (None, None) => None,
                _ => {
                    return Err(DatasetError::Invalid {
                        at,
                        message: "expected unchecked_ko and unchecked_en together".into(),
                    });
                }
            };
            if c.part.is_empty() && unchecked.is_none() {
                return Err(DatasetError::Invalid {
                    at,
                    message: "expected at least one part, or a reason it cannot be checked".into(),
                });
            }
            let mut parts = Vec::with_capacity(c.part.len());
            let mut part_lines = FnvMap::default();
            for spanned in &c.part {
                let p = &spanned.value;
                let at = Location {
                    place: Place::Part(c.id.clone(), p.id.clone()),
                    line: Some(spanned.line),
                };
                if let Some(first) = part_lines.insert(p.id.clone(), spanned.line) {
                    return Err(DatasetError::Duplicate {
                        at,
                        what: format!("part {}", quoted(&p.id)),
                        first_line: Some(first),
                    });
                }
                let expr = |field: &'static str, src: &str| {
                    parse_expr(src).map_err(|error| DatasetError::BadExpr {
                        at: at.clone(),
                        field,
                        error,
                    })
                };
                let check = expr("check", &p.check)?;
                let expect = expr("expect", &p.expect)?;
                let constant = |field: &'static str,
                                src: &Option<String>|
                 -> Result<Decimal, DatasetError> {
                    let src = src.as_deref().ok_or_else(|| DatasetError::Invalid {
                        at: at.clone(),
                        message: format!("expected a {field} for compare = {}", quoted(&p.compare)),
                    })?;
                    let value = expr(field, src)?.constant().filter(|v| *v > Decimal::ZERO);
                    value.ok_or_else(|| DatasetError::Invalid {
                        at: at.clone(),
                        message: format!(
                            "expected {field} to be a number above zero, found {}",
                            quoted(src)
                        ),
                    })
                };
                let compare = match p.compare.as_str() {
                    "rounds_to" => Compare::RoundsTo {
                        step: constant("step", &p.step)?,
                    },
                    "truncates" => Compare::Truncates {
                        step: constant("step", &p.step)?,
                    },
                    "nearly" => Compare::Nearly {
                        margin: constant("margin", &p.margin)?,
                    },
                    "above" => Compare::Above,
                    "below" => Compare::Below,
                    "at_least" => Compare::AtLeast,
                    "at_most" => Compare::AtMost,
                    other => {
                        return Err(DatasetError::Unknown {
                            at,
                            field: "compare",
                            value: other.to_string(),
                            expected:
                                "rounds_to, truncates, nearly, above, below, at_least, at_most"
                                    .into(),
                        });
                    }
                };
                for r in check.refs().iter().chain(expect.refs().iter()) {
                    let ok = match r {
                        Ref::View(c) | Ref::ViewYoy(c) => known.contains(&c.series),
                        Ref::Stated(c) => story_view
                            .and_then(|v| views.get(v))
                            .and_then(|v| v.level(c.series, c.year))
                            .is_some(),
                        Ref::StatedYoy(c) => story_view
                            .and_then(|v| views.get(v))
                            .and_then(|v| v.growth(c.series, c.year))
                            .is_some(),
                        Ref::Fx(_) => true,
                    };
                    if !ok {
                        return Err(DatasetError::UnknownSeries {
                            at,
                            reference: r.to_string(),
                        });
                    }
                }
                parts.push(Part {
                    id: p.id.clone(),
                    ko: p.ko.clone(),
                    en: p.en.clone(),
                    check_text: p.check.clone(),
                    expect_text: p.expect.clone(),
                    check,
                    expect,
                    compare,
                    required: p.required,
                    note_ko: p.note_ko.clone(),
                    note_en: p.note_en.clone(),
                    say_ko: p.say_ko.clone(),
                    say_en: p.say_en.clone(),
                });
            }
            claims.push(Claim {
                id: c.id.clone(),
                ko: c.ko.clone(),
                en: c.en.clone(),
                parts,
                unchecked,
                then_now: c.then_now_ko.clone().zip(c.then_now_en.clone()),
            });
        }

        let mut events = Vec::with_capacity(raw.event.len());
        for spanned in &raw.event {
            let e = &spanned.value;
            if !is_date(&e.date) {
                return Err(DatasetError::Syntax {
                    line: Some(spanned.line),
                    message: format!(
                        "expected an event date as YYYY-MM-DD, found {}",
                        quoted(&e.date)
                    ),
                });
            }
            events.push(Event {
                date: e.date.clone(),
                ko: e.ko.clone(),
                en: e.en.clone(),
                locator: e.locator.clone(),
            });
        }

        Ok(Dataset {
            id: raw.id,
            version: raw.version,
            released: raw.released,
            title_ko: raw.title_ko,
            title_en: raw.title_en,
            story,
            draws_on,
            currency: raw.currency,
            default_view,
            then_view,
            default_year,
            default_partner,
            sources,
            figures,
            rates,
            quarter_rates,
            claims,
            events,
            views,
            story_view,
            first_year,
            last_year,
            text: text.to_string(),
        })
    }

    /// The file's text exactly as read: the input for a content hash shown beside the data.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Every source, in file order.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// A source by position.
    pub fn source(&self, r: SourceRef) -> Option<&Source> {
        self.sources.get(r.0)
    }

    /// Every figure, in file order.
    pub fn figures(&self) -> &[Figure] {
        &self.figures
    }

    /// A figure by position.
    pub fn figure(&self, r: FigureRef) -> Option<&Figure> {
        self.figures.get(r.0)
    }

    /// Every won-per-dollar annual average, by year.
    pub fn rates(&self) -> impl Iterator<Item = &Rate> {
        self.rates.values()
    }

    /// The annual average rate for a year, if published.
    pub fn rate(&self, year: i32) -> Option<&Rate> {
        self.rates.get(&year)
    }

    /// The story's claims, in file order.
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    /// The dated context events, in file order (the shipped file lists them oldest first).
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Every view a reader can pick, in file order of their sources.
    pub fn views(&self) -> &[View] {
        &self.views
    }

    /// The position of a view by id.
    pub fn view_index(&self, id: &str) -> Option<usize> {
        self.views.iter().position(|v| v.id == id)
    }

    /// A view's label in a language (the source's short name).
    pub fn view_label(&self, view: usize, lang: Lang) -> &str {
        self.views
            .get(view)
            .and_then(|v| self.source(v.source))
            .map_or("", |s| s.name(lang))
    }

    /// The view shown first.
    pub fn default_view(&self) -> usize {
        self.default_view
    }

    /// The view of the figures published by the story's date, for "then and now".
    pub fn then_view(&self) -> Option<usize> {
        self.then_view
    }

    /// The headline year shown first.
    pub fn default_year(&self) -> i32 {
        self.default_year
    }

    /// The headline partner shown first.
    pub fn default_partner(&self) -> Partner {
        self.default_partner
    }

    /// Whether a view is the story's own figures: the reference the claims check, kept out of the
    /// view picker and the sources' comparison.
    pub fn is_story_view(&self, view: usize) -> bool {
        self.story_view == Some(view)
    }

    /// The views a reader can pick: every source's but the story's.
    pub fn source_views(&self) -> impl Iterator<Item = (usize, &View)> {
        self.views
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.is_story_view(*i))
    }

    /// The quarterly won-per-dollar averages, in order.
    pub fn quarter_rates(&self) -> impl Iterator<Item = &Rate> {
        self.quarter_rates.iter()
    }

    /// A figure the story stated (`stated.…` in a claim), as a value; `None` for anything else.
    pub fn stated(&self, r: &Ref) -> Option<Decimal> {
        let story = self.story_view()?;
        let pick = match r {
            Ref::Stated(c) => story.level(c.series, c.year),
            Ref::StatedYoy(c) => story.growth(c.series, c.year),
            _ => None,
        }?;
        self.figure(pick.figure).map(|f| f.value)
    }

    /// The view holding the story's own figures.
    pub fn story_view(&self) -> Option<&View> {
        self.story_view.and_then(|i| self.views.get(i))
    }

    /// First and last year any figure describes: the table's published columns.
    pub fn years(&self) -> (i32, i32) {
        (self.first_year, self.last_year)
    }

    /// Every view's value for one series-year, side by side ("sources disagree").
    ///
    /// For a balance, `derived` is sales minus purchases from the view's own published flows, so a
    /// reader sees both what each source published and what its flows imply.
    pub fn compare(&self, series: SeriesKey, year: i32) -> Vec<SourceValue> {
        let mut out = Vec::new();
        for (i, view) in self.views.iter().enumerate() {
            // The story is what the sources are compared against, not one of them.
            if Some(i) == self.story_view {
                continue;
            }
            let level = |k: SeriesKey| {
                view.level(k, year)
                    .and_then(|p| self.figure(p.figure).map(|f| (f.value, p)))
            };
            let published = level(series);
            let derived = if series.flow == Flow::Balance {
                match (
                    level(series.with_flow(Flow::Sales)),
                    level(series.with_flow(Flow::Purchases)),
                ) {
                    (Some((s, _)), Some((p, _))) => s.minus(p),
                    _ => None,
                }
            } else {
                None
            };
            if published.is_some() || derived.is_some() {
                out.push(SourceValue {
                    view: i,
                    published,
                    derived,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).expect(s)
    }

    fn data() -> &'static Dataset {
        match Dataset::embedded() {
            Ok(d) => d,
            Err(e) => panic!("embedded dataset: {e}"),
        }
    }

    #[test]
    fn embedded_dataset_parses_with_every_figure() {
        let data = data();
        assert_eq!(data.figures().len(), 193, "figures");
        assert_eq!(data.sources().len(), 14, "sources");
        assert_eq!(data.rates().count(), 8, "annual rates, 2024's derived");
        assert_eq!(data.quarter_rates().count(), 8, "quarterly rates");
        assert_eq!(data.claims().len(), 7, "claims");
        assert_eq!(
            data.claims().iter().map(|c| c.parts.len()).sum::<usize>(),
            14,
            "claim parts"
        );
        assert_eq!(data.years(), (2014, 2025), "published years");
        assert_eq!(data.default_year(), 2025, "the newest year opens the page");
        let ids: Vec<&str> = data.source_views().map(|(_, v)| v.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "kiep-2025-07-02",
                "kostat-first",
                "kostat-revised",
                "kostat-rebased",
                "kosis-later",
                "fki-2024-06-17",
                "kcs",
                "kcci",
                "herald-2024-06-21"
            ],
            "views a reader can pick: the story is not one of them"
        );
        assert_eq!(
            data.views()[data.default_view()].id,
            "kostat-rebased",
            "the page opens on today's official series"
        );
        assert_eq!(data.text(), EMBEDDED_TEXT, "raw text kept for hashing");
        for id in [
            "alphabiz-2025-07-03",
            "kiep-2025-07-02",
            "kostat-first",
            "kostat-revised",
            "fki-2024-06-17",
            "kcs",
            "bok-fx",
        ] {
            assert!(
                data.sources().iter().any(|s| s.id == id),
                "source {id} from FIGURES.md"
            );
        }
    }

    #[test]
    fn figures_are_scaled_from_their_published_units() {
        let data = data();
        let kiep = &data.views()[data.view_index("kiep-2025-07-02").expect("kiep")];
        let balance = SeriesKey::won(Flow::Balance, Partner::All);
        let value = |view: &View, key: SeriesKey, year| {
            view.level(key, year)
                .and_then(|p| data.figure(p.figure))
                .map(|f| f.value)
        };
        let cases = [
            (
                "KIEP 2019 balance (100억)",
                value(kiep, balance, 2019),
                d("-10000000000"),
            ),
            (
                "KIEP 2023 balance (6.003 tn)",
                value(kiep, balance, 2023),
                d("-6003000000000"),
            ),
            (
                "KOSIS sales to China 2014 (million won)",
                value(
                    &data.views()[data.view_index("kosis-later").expect("kosis")],
                    SeriesKey::won(Flow::Sales, Partner::China),
                    2014,
                ),
                d("318752000000"),
            ),
        ];
        for (what, got, want) in cases {
            assert_eq!(got, Some(want), "{what}");
        }
        assert_eq!(
            data.rate(2023).map(|r| (r.value, r.approx)),
            Some((d("1306"), true)),
            "2023 rate is approximate"
        );
        // (1329.4 + 1371.24 + 1358.35 + 1398.75) / 4 = 5457.74 / 4 = 1364.435
        assert_eq!(
            data.rate(2024).map(|r| (r.value, r.derived)),
            Some((d("1364.435"), true)),
            "2024 rate is the mean of its quarters, marked derived"
        );
        assert_eq!(
            data.rate(2025).map(|r| (r.value, r.derived)),
            Some((d("1422.16"), false)),
            "a published annual rate wins over the mean of its quarters"
        );
    }

    #[test]
    fn vintages_pick_their_own_value_and_say_when_another_stands_in() {
        let data = data();
        let first = &data.views()[data.view_index("kostat-first").expect("first")];
        let revised = &data.views()[data.view_index("kostat-revised").expect("revised")];
        let purchases = SeriesKey::won(Flow::Purchases, Partner::All);
        let pick = |v: &View, year| {
            v.level(purchases, year)
                .map(|p| (data.figures()[p.figure.0].value, p.stands_in))
        };
        let rebased = &data.views()[data.view_index("kostat-rebased").expect("rebased")];
        let sales = SeriesKey::won(Flow::Sales, Partner::All);
        let pick_sales = |v: &View, year| {
            v.level(sales, year)
                .map(|p| (data.figures()[p.figure.0].value, p.stands_in))
        };
        let cases = [
            (
                "first 2023",
                pick(first, 2023),
                Some((d("6756700000000"), false)),
            ),
            (
                "revised 2023",
                pick(revised, 2023),
                Some((d("6681900000000"), false)),
            ),
            (
                "re-based 2023 purchases: the restructured series stands in",
                pick(rebased, 2023),
                Some((d("6681900000000"), true)),
            ),
            (
                "first-release 2019 stands in for the restructuring",
                pick(revised, 2019),
                Some((d("3636000000000"), true)),
            ),
            (
                "re-based 2019 borrows the nearer vintage, then the first release",
                pick(rebased, 2019),
                Some((d("3636000000000"), true)),
            ),
            (
                "re-based 2025 is its own",
                pick(rebased, 2025),
                Some((d("8508000000000"), false)),
            ),
            (
                "restructured 2020 is its own",
                pick(revised, 2020),
                Some((d("4067700000000"), false)),
            ),
            ("nothing for 2015", pick(revised, 2015), None),
            (
                "sales 2024, first release",
                pick_sales(first, 2024),
                Some((d("1722500000000"), false)),
            ),
            (
                "sales 2024, 2024 restructuring",
                pick_sales(revised, 2024),
                Some((d("1722500000000"), false)),
            ),
            (
                "sales 2024, 2025 re-basing",
                pick_sales(rebased, 2024),
                Some((d("2597700000000"), false)),
            ),
            (
                "sales 2023, three vintages, three values (first)",
                pick_sales(first, 2023),
                Some((d("1656100000000"), false)),
            ),
            (
                "sales 2023 (restructuring)",
                pick_sales(revised, 2023),
                Some((d("1697200000000"), false)),
            ),
            (
                "sales 2023 (re-basing)",
                pick_sales(rebased, 2023),
                Some((d("2398900000000"), false)),
            ),
        ];
        for (what, got, want) in cases {
            assert_eq!(got, want, "{what}");
        }
    }

    #[test]
    fn sources_side_by_side_for_the_2023_balance() {
        let data = data();
        let rows = data.compare(SeriesKey::won(Flow::Balance, Partner::All), 2023);
        let by_id: BTreeMap<&str, (Option<Decimal>, Option<Decimal>)> = rows
            .iter()
            .map(|r| {
                (
                    data.views()[r.view].id.as_str(),
                    (r.published.map(|p| p.0), r.derived),
                )
            })
            .collect();
        let tn = |s: &str| d(s) * Decimal::from(1_000_000_000_000_i64);
        assert_eq!(
            by_id.get("kiep-2025-07-02"),
            Some(&(Some(tn("-6.003")), None)),
            "KIEP"
        );
        assert_eq!(
            by_id.get("kostat-revised"),
            Some(&(Some(tn("-4.985")), Some(tn("-4.9847")))),
            "KOSTAT revised"
        );
        assert_eq!(
            by_id.get("kostat-first"),
            Some(&(Some(tn("-4.985")), Some(tn("-5.1006")))),
            "KOSTAT first, revised balance standing in"
        );
        assert_eq!(
            by_id.get("fki-2024-06-17"),
            Some(&(Some(tn("-5.1")), None)),
            "FKI"
        );
        assert_eq!(by_id.get("kcci"), Some(&(None, Some(tn("-5.0")))), "KCCI");
        assert_eq!(
            by_id.get("herald-2024-06-21"),
            Some(&(Some(tn("-5.9290")), None)),
            "Herald"
        );
    }

    const HEAD: &str = r#"schema = 1
id = "t"
version = "1"
released = "2025-01-01"
title_ko = "t"
title_en = "t"
story = "st"
currency = "KRW"
default_view = "s"
default_partner = "all"
[[source]]
id = "s"
name_ko = "s"
name_en = "s"
publisher = "p"
title = "t"
url = "u"
"#;

    /// The story, a source of its own after the body so the lines above stay where the tests say.
    const STORY: &str = "[[source]]\nid = \"st\"\nname_ko = \"st\"\nname_en = \"st\"\npublisher = \"p\"\ntitle = \"t\"\n";

    fn with(body: &str) -> String {
        format!("{HEAD}{body}{STORY}")
    }

    fn fig(row: &str) -> String {
        with(&format!(
            "[data]\nfigures = [\n  {{ source = \"s\", flow = \"balance\", year = 2023, value = \"-1\", unit = \"tn\" }},\n  {row},\n]\n"
        ))
    }

    #[test]
    fn a_minimal_file_parses() {
        let data = Dataset::parse(&fig(
            r#"{ source = "s", flow = "sales", year = 2022, value = "1" }"#,
        ))
        .expect("minimal");
        assert_eq!(data.figures().len(), 2, "figures");
        assert_eq!(data.views().len(), 1, "one view");
    }

    #[test]
    fn malformed_files_fail_with_the_right_error() {
        let figure_2 = |line| Location {
            place: Place::Figure(1),
            line: Some(line),
        };
        let cases: Vec<(String, DatasetError)> = vec![
            (
                "schema = 2\n".to_string(),
                DatasetError::Schema { found: Some(2) },
            ),
            ("x = 1\n".to_string(), DatasetError::Schema { found: None }),
            (
                fig(r#"{ source = "nope", flow = "sales", year = 2022, value = "1" }"#),
                DatasetError::Unknown {
                    at: figure_2(21),
                    field: "source",
                    value: "nope".into(),
                    expected: "s, st".into(),
                },
            ),
            (
                fig(
                    r#"{ source = "s", flow = "balance", year = 2023, value = "-2", unit = "tn" }"#,
                ),
                DatasetError::Duplicate {
                    at: figure_2(21),
                    what: "s balance.all 2023".into(),
                    first_line: Some(20),
                },
            ),
            (
                fig(r#"{ source = "s", flow = "sales", year = 2022, value = "1,5" }"#),
                DatasetError::BadDecimal {
                    at: figure_2(21),
                    value: "1,5".into(),
                },
            ),
            (
                fig(r#"{ source = "s", flow = "sales", year = 2022, value = "1e5" }"#),
                DatasetError::BadDecimal {
                    at: figure_2(21),
                    value: "1e5".into(),
                },
            ),
            (
                fig(r#"{ source = "s", flow = "sales", year = 2022, value = "1", unit = "lakh" }"#),
                DatasetError::Unknown {
                    at: figure_2(21),
                    field: "unit",
                    value: "lakh".into(),
                    expected: "one, k, 만, mn, 억, bn, tn, 조, pct".into(),
                },
            ),
            (
                fig(r#"{ source = "s", flow = "sales", year = 1889, value = "1" }"#),
                DatasetError::YearOutOfRange {
                    at: figure_2(21),
                    year: 1889,
                },
            ),
            (
                fig(r#"{ source = "s", flow = "imports", year = 2022, value = "1" }"#),
                DatasetError::Unknown {
                    at: figure_2(21),
                    field: "flow",
                    value: "imports".into(),
                    expected: "purchases, sales, balance".into(),
                },
            ),
            (
                fig(r#"{ source = "s", flow = "sales", year = 2022, value = "-1" }"#),
                DatasetError::Invalid {
                    at: figure_2(21),
                    message: "expected a non-negative amount for sales, found -1".into(),
                },
            ),
            (
                fig(
                    r#"{ source = "s", vintage = "first", flow = "sales", year = 2022, value = "1" }"#,
                ),
                DatasetError::Invalid {
                    at: figure_2(21),
                    message: "expected no vintage, or the source's own, for source \"s\"".into(),
                },
            ),
        ];
        for (text, want) in cases {
            assert_eq!(Dataset::parse(&text), Err(want.clone()), "{want}");
        }
    }

    #[test]
    fn malformed_claims_fail_with_the_right_error() {
        let claim = |check: &str, compare: &str| {
            fig(r#"{ source = "s", flow = "sales", year = 2022, value = "1" }"#)
                + &format!(
                    "[[claim]]\nid = \"C\"\nko = \"k\"\nen = \"e\"\n[[claim.part]]\nid = \"p\"\nko = \"k\"\nen = \"e\"\ncheck = \"{check}\"\n{compare}\nexpect = \"0\"\n"
                )
        };
        // A part is located at its own `[[claim.part]]` header (line 33), not its claim's (29).
        let at = Location {
            place: Place::Part("C".into(), "p".into()),
            line: Some(33),
        };
        type Check = fn(&DatasetError) -> bool;
        let cases: Vec<(String, Check)> = vec![
            (
                claim("purchases.china[2023]", "compare = \"above\""),
                |e| matches!(e, DatasetError::UnknownSeries { reference, .. } if reference == "purchases.china[2023]"),
            ),
            (
                claim("stated.sales.all[2021]", "compare = \"above\""),
                |e| matches!(e, DatasetError::UnknownSeries { reference, .. } if reference == "stated.sales.all[2021]"),
            ),
            (claim("balance.all[2023] +", "compare = \"above\""), |e| {
                matches!(e, DatasetError::BadExpr { field: "check", .. })
            }),
            (claim("balance.all[2023]", "compare = \"about\""), |e| {
                matches!(
                    e,
                    DatasetError::Unknown {
                        field: "compare",
                        ..
                    }
                )
            }),
            (
                claim("balance.all[2023]", "compare = \"rounds_to\""),
                |e| matches!(e, DatasetError::Invalid { message, .. } if message.contains("step")),
            ),
            (
                claim(
                    "balance.all[2023]",
                    "compare = \"rounds_to\"\nstep = \"balance.all[2023]\"",
                ),
                |e| matches!(e, DatasetError::Invalid { message, .. } if message.contains("above zero")),
            ),
        ];
        for (text, check) in cases {
            match Dataset::parse(&text) {
                Err(e) => {
                    assert!(check(&e), "unexpected error: {e}");
                    if !matches!(e, DatasetError::BadExpr { .. }) {
                        assert!(
                            e.to_string().starts_with(&at.to_string()),
                            "location in {e}"
                        );
                    }
                }
                Ok(_) => panic!("should fail: {text}"),
            }
        }
        assert!(
            Dataset::parse(&claim("balance.all[2023]", "compare = \"below\"")).is_ok(),
            "a valid claim parses"
        );
    }

    #[test]
    fn a_figure_without_a_locator_is_refused() {
        let text = fig(r#"{ source = "st", flow = "sales", year = 2022, value = "1" }"#);
        assert_eq!(
            Dataset::parse(&text).map(|_| ()),
            Err(DatasetError::Invalid {
                at: Location {
                    place: Place::Figure(1),
                    line: Some(21),
                },
                message:
                    "expected a locator: give the row a `locator`, or its source a `url` or `locator`"
                        .into(),
            }),
            "the story source has neither url nor locator"
        );
        let text =
            fig(r#"{ source = "st", flow = "sales", year = 2022, value = "1", locator = "p. 3" }"#);
        let data = Dataset::parse(&text).expect("a row's own locator is enough");
        assert_eq!(data.figures()[1].locator, "p. 3", "row locator");
        assert_eq!(data.figures()[0].locator, "u", "source url");
        for f in data
            .figures()
            .iter()
            .chain(Dataset::embedded().expect("e").figures())
        {
            assert!(!f.locator.trim().is_empty(), "line {}: a locator", f.line);
        }
    }

    #[test]
    fn quarterly_rates_give_a_derived_year_and_are_checked() {
        let rates = |rows: &str| {
            with(&format!(
                "[data]\nrates = [\n{rows}]\nfigures = [ {{ source = \"s\", flow = \"balance\", year = 2023, value = \"-1\" }} ]\n"
            ))
        };
        let four = (1..=4)
            .map(|q| {
                format!("{{ source = \"s\", year = 2024, quarter = {q}, value = \"100{q}\" }},\n")
            })
            .collect::<String>();
        let data = Dataset::parse(&rates(&four)).expect("four quarters");
        // (1001 + 1002 + 1003 + 1004) / 4 = 1002.5
        assert_eq!(
            data.rate(2024).map(|r| (r.value, r.derived)),
            Some((d("1002.5"), true)),
            "mean of four quarters"
        );
        let three: String = four.lines().take(3).map(|l| format!("{l}\n")).collect();
        assert!(
            Dataset::parse(&rates(&three))
                .expect("three quarters")
                .rate(2024)
                .is_none(),
            "no annual mean from three quarters"
        );
        let bad = "{ source = \"s\", year = 2024, quarter = 5, value = \"1\" },\n";
        assert!(
            Dataset::parse(&rates(bad))
                .err()
                .is_some_and(|e| e.to_string().contains("quarter from 1 to 4")),
            "quarter 5"
        );
        let twice = format!("{four}{}", four.lines().next().unwrap_or_default());
        assert!(
            Dataset::parse(&rates(&twice))
                .err()
                .is_some_and(|e| e.to_string().contains("the rate for 2024Q1")),
            "a quarter given twice"
        );
    }

    #[test]
    fn syntax_errors_carry_a_line() {
        let err =
            Dataset::parse(&with("[data]\nfigures = [ { source = \"s\" \n")).expect_err("bad toml");
        assert!(
            matches!(err, DatasetError::Syntax { line: Some(_), .. }),
            "{err:?}"
        );
        let err = Dataset::parse(&with(
            "[data]\nfigures = [ { source = \"s\", flow = \"sales\", year = 2022 } ]\n",
        ))
        .expect_err("missing value");
        assert!(err.to_string().contains("value"), "{err}");
        // A misspelt key is refused, not ignored, and a value of the wrong type says what it wanted.
        let err = Dataset::parse(&fig(
            r#"{ source = "s", flow = "sales", year = 2022, value = "1", unti = "tn" }"#,
        ))
        .expect_err("misspelt key");
        assert_eq!(
            err.to_string(),
            "line 21: a figure has no key `unti`; its keys are source, vintage, flow, partner, \
             measure, year, quarter, value, unit, approx, scope, locator, released, cite, note"
        );
        let err = Dataset::parse(&fig(
            r#"{ source = "s", flow = "sales", year = "2022", value = "1" }"#,
        ))
        .expect_err("year as a string");
        assert_eq!(
            err.to_string(),
            "line 21: `year` of a figure: expected an integer, found a string"
        );
        let err = Dataset::parse(&fig(
            r#"{ source = "s", flow = "sales", year = 2022, value = 1.5 }"#,
        ))
        .expect_err("a float");
        assert!(
            err.to_string().contains("write a decimal as a string"),
            "{err}"
        );
    }

    proptest::proptest! {
        #[test]
        fn parser_never_panics_on_mangled_data(cut in 0usize..4000, junk in "\\PC{0,20}") {
            let text = EMBEDDED_TEXT;
            let mut at = cut.min(text.len());
            while !text.is_char_boundary(at) { at -= 1; }
            let mangled = format!("{}{}{}", &text[..at], junk, &text[at..]);
            let _ = Dataset::parse(&mangled);
        }
    }
}
