//! The header's references into the rest of the file: the story, the views and year the page opens
//! on, and the years the figures span.

use crate::core::series::{Partner, YEAR_MIN};

use super::check::{names, parse_enum, year_in_range};
use super::raw::RawFile;
use super::sources::Sources;
use super::{DatasetError, Figure, Location, Place, SourceRef, View};

/// What the header picks, checked against the sources and views.
pub(super) struct Header {
    pub(super) story: SourceRef,
    pub(super) draws_on: Option<SourceRef>,
    pub(super) story_view: Option<usize>,
    pub(super) default_view: usize,
    pub(super) then_view: Option<usize>,
    pub(super) default_partner: Partner,
    pub(super) default_year: i32,
    pub(super) first_year: i32,
    pub(super) last_year: i32,
}

impl Header {
    /// Checks the header's references, and finds the opening year when the file leaves it out.
    pub(super) fn check(
        raw: &RawFile,
        sources: &Sources,
        views: &[View],
        figures: &[Figure],
    ) -> Result<Header, DatasetError> {
        // Each key's message says the line it is written on.
        let at = |key: &str| Location {
            place: Place::Header,
            line: raw.header_line(key),
        };
        let story = sources.find(&raw.story, "story", &at("story"))?;
        let draws_on = match &raw.draws_on {
            Some(id) => Some(sources.find(id, "story_draws_on", &at("story_draws_on"))?),
            None => None,
        };
        let story_view = views.iter().position(|v| v.source == story);
        // The page opens on a source's figures; the story is what they are checked against.
        let pickable = || views.iter().filter(|v| v.source != story);
        let unknown_view = |field: &'static str, id: &str| DatasetError::Unknown {
            at: at(field),
            field,
            value: id.to_string(),
            expected: names(&pickable().map(|v| v.id.as_str()).collect::<Vec<_>>()),
        };
        let default_view = views
            .iter()
            .position(|v| v.id == raw.default_view && v.source != story)
            .ok_or_else(|| unknown_view("default_view", &raw.default_view))?;
        let then_view = raw
            .then_view
            .as_deref()
            .map(|id| {
                pickable()
                    .position(|v| v.id == id)
                    .and_then(|_| views.iter().position(|v| v.id == id))
                    .ok_or_else(|| unknown_view("then_view", id))
            })
            .transpose()?;
        let default_partner = parse_enum(
            &raw.default_partner,
            Partner::from_id,
            Partner::ALL,
            "default_partner",
            &at("default_partner"),
        )?;
        let annual = || figures.iter().filter(|f| f.quarter.is_none());
        let latest = annual().map(|f| f.year).max();
        // Without `default_year` the page opens on the newest year the default view has a balance
        // for, so adding the next release to the file moves the headline with no code change.
        let default_year = match raw.default_year {
            Some(year) => year_in_range(year, "default_year", &at("default_year"))?,
            None => views
                .get(default_view)
                .and_then(|v| v.latest_balance_year(default_partner))
                .or(latest)
                .unwrap_or(YEAR_MIN),
        };
        Ok(Header {
            story,
            draws_on,
            story_view,
            default_view,
            then_view,
            default_partner,
            default_year,
            first_year: annual().map(|f| f.year).min().unwrap_or(default_year),
            last_year: latest.unwrap_or(default_year),
        })
    }
}
