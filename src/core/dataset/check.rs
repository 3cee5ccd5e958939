//! Checks every part of the file shares: decimals, years, dates, names from a fixed list.

use std::fmt;

use rust_decimal::Decimal;

use crate::core::series::{YEAR_MAX, YEAR_MIN};

use super::{DatasetError, Location, Problem};

/// The maps the parser checks duplicates with: a few hundred short keys a file, hashed with FNV-1a
/// (the `fnv` crate). The standard SipHash spent about a thousand instructions a key here; its
/// defence against crafted collisions is not needed for a file the reader opens in their own
/// browser.
pub(super) type FnvMap<K, V> = fnv::FnvHashMap<K, V>;

pub(super) fn names<T: fmt::Display>(all: &[T]) -> String {
    all.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads a decimal written as published: ASCII digits, an optional leading minus and decimal point.
pub(super) fn plain_decimal(text: &str) -> Option<Decimal> {
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

pub(super) fn year_in_range(
    year: i64,
    field: &'static str,
    at: &Location,
) -> Result<i32, DatasetError> {
    i32::try_from(year)
        .ok()
        .filter(|y| (YEAR_MIN..=YEAR_MAX).contains(y))
        .ok_or_else(|| DatasetError::YearOutOfRange {
            at: at.clone(),
            field,
            year,
        })
}

/// Every figure must say where it was read, so a reader can check it against the publication.
pub(super) fn no_locator(at: Location) -> DatasetError {
    DatasetError::Invalid {
        at,
        problem: Problem::NoLocator,
    }
}

/// `YYYY-MM-DD` with plausible month and day; enough to catch a transposed or truncated date.
pub(super) fn is_date(text: &str) -> bool {
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

pub(super) fn parse_enum<T: Copy + fmt::Display>(
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
