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

//!
//! The module is laid out in the order a file is read: [`raw`] reads the TOML into rows as written
//! (`toml` parses, [`tree`] hands its tree to the rows' derived readers);
//! then `sources`, `rates` (with `quarters`), `figures`, `views`, `header`, `claims` and `events`
//! each check their part against what came before; `types` holds what the checked file becomes,
//! `query` what the rest of the app asks of it, and `error` why a file is refused.

// A `DatasetError` carries the location and the offending text so a journalist can fix the file; it
// is built at most once per file read, so its size costs nothing and boxing it would only make
// matching on it clumsier.
#![allow(clippy::result_large_err)]

mod check;
mod claims;
mod error;
mod events;
mod figures;
mod header;
mod quarters;
mod query;
mod rates;
mod raw;
mod said;
mod sources;
#[cfg(test)]
mod tests;
mod tree;
mod types;
mod views;

use std::sync::LazyLock;

use crate::core::claims::Claim;
use crate::core::series::Partner;
use crate::core::sorted::SortedMap;

pub use error::{DatasetError, Location, Place, Problem, Repeated};
pub use types::{
    Event, Figure, FigureKind, FigureRef, Pick, Rate, Source, SourceRef, SourceValue, Unit, View,
};

/// The schema version this parser reads.
pub const SCHEMA_VERSION: i64 = 1;

/// The text of the embedded dataset, exactly as shipped (hash it to identify the data).
pub const EMBEDDED_TEXT: &str = include_str!("../../../static/data/jikgu.toml");

static EMBEDDED: LazyLock<Result<Dataset, DatasetError>> =
    LazyLock::new(|| Dataset::parse(EMBEDDED_TEXT));

/// The data file as shipped on 2026-11-28, for unit tests of the model whose numbers should not move
/// each time the data desk adds a release.
#[cfg(test)]
pub(crate) fn fixture_2026_11_28() -> &'static Dataset {
    static FIXTURE: LazyLock<Result<Dataset, DatasetError>> = LazyLock::new(|| {
        Dataset::parse(include_str!(
            "../../../tests/fixtures/jikgu-2026-11-28.toml"
        ))
    });
    match FIXTURE.as_ref() {
        Ok(d) => d,
        Err(e) => panic!("fixture: {e}"),
    }
}

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
    rates: SortedMap<i32, Rate>,
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

impl Dataset {
    /// Parses and validates a data file: every part is checked against the parts before it, in the
    /// order of the modules' list above, and the first mistake is the error.
    pub fn parse(text: &str) -> Result<Dataset, DatasetError> {
        let raw = raw::read(text)?;
        let sources = sources::Sources::check(&raw.source)?;
        let rates = rates::Rates::check(&raw.data.rates, &sources)?;
        let figures = figures::check(&raw.data.figures, &sources)?;
        let views = views::build(&sources.list, &figures);
        let header = header::Header::check(&raw, &sources, &views, &figures)?;
        let claims = claims::check(&raw.claim, &views, header.story_view)?;
        let events = events::check(&raw.event)?;
        Ok(Dataset {
            id: raw.id,
            version: raw.version,
            released: raw.released,
            title_ko: raw.title_ko,
            title_en: raw.title_en,
            story: header.story,
            draws_on: header.draws_on,
            currency: raw.currency,
            default_view: header.default_view,
            then_view: header.then_view,
            default_year: header.default_year,
            default_partner: header.default_partner,
            sources: sources.list,
            figures,
            rates: rates.annual,
            quarter_rates: rates.quarterly,
            claims,
            events,
            views,
            story_view: header.story_view,
            first_year: header.first_year,
            last_year: header.last_year,
            text: text.to_string(),
        })
    }
}
