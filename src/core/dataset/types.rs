//! What a validated data file holds: sources, figures, rates, events and the views over them.

use rust_decimal::Decimal;

use crate::core::lang::Lang;
use crate::core::measure::Measured;
use crate::core::scenario::Growth;
use crate::core::series::{Flow, Partner, SeriesKey, Vintage};
use crate::core::sorted::SortedMap;

/// The position of a source in [`Dataset::sources`](super::Dataset::sources).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceRef(pub usize);

/// The position of a figure in [`Dataset::figures`](super::Dataset::figures).
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
    pub(super) levels: SortedMap<(SeriesKey, i32), Pick>,
    pub(super) growth: SortedMap<(SeriesKey, i32), Pick>,
    pub(super) default_cagr: SortedMap<SeriesKey, (Growth, Measured)>,
    pub(super) series: Vec<SeriesKey>,
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
            .starting_at(move |(s, _)| *s < series)
            .take_while(move |((s, _), _)| *s == series)
            .map(|((_, y), p)| (*y, *p))
    }

    /// Every published growth figure of one series, by year.
    pub fn growth_of(&self, series: SeriesKey) -> impl Iterator<Item = (i32, Pick)> + '_ {
        self.growth
            .starting_at(move |(s, _)| *s < series)
            .take_while(move |((s, _), _)| *s == series)
            .map(|((_, y), p)| (*y, *p))
    }
}

/// One source's value for a series-year, for showing sources side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceValue {
    /// Index into [`Dataset::views`](super::Dataset::views).
    pub view: usize,
    /// What the view's source published for the cell.
    pub published: Option<(Decimal, Pick)>,
    /// For a balance: sales minus purchases from the view's published flows.
    pub derived: Option<Decimal>,
}
