//! The `[[event]]` tables: dated context, each date a real `YYYY-MM-DD`.

use crate::core::lang::quoted;

use super::check::is_date;
use super::raw::{RawEvent, Spanned};
use super::{DatasetError, Event};

/// Checks every event, in file order.
pub(super) fn check(raw: &[Spanned<RawEvent>]) -> Result<Vec<Event>, DatasetError> {
    let mut events = Vec::with_capacity(raw.len());
    for spanned in raw {
        let e = &spanned.value;
        if !is_date(&e.date) {
            return Err(DatasetError::Syntax {
                line: Some(spanned.line),
                column: None,
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
    Ok(events)
}
