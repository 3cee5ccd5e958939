//! The `[[event]]` tables: dated context, each date a real `YYYY-MM-DD`.

use super::check::is_date;
use super::raw::{RawEvent, Spanned};
use super::{DatasetError, Event, Location, Place, Problem};

/// Checks every event, in file order.
pub(super) fn check(raw: &[Spanned<RawEvent>]) -> Result<Vec<Event>, DatasetError> {
    let mut events = Vec::with_capacity(raw.len());
    for (i, spanned) in raw.iter().enumerate() {
        let e = &spanned.value;
        if !is_date(&e.date) {
            return Err(DatasetError::Invalid {
                at: Location {
                    place: Place::Event(i),
                    line: Some(spanned.line),
                },
                problem: Problem::BadDate {
                    field: "date",
                    found: e.date.clone(),
                },
            });
        }
        events.push(Event {
            date: e.date.clone(),
            ko: e.ko.clone(),
            en: e.en.clone(),
            locator: e.locator.clone(),
        });
    }
    Ok(events)
}
