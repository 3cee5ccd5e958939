//! The won-per-dollar rates of `[data] rates`: annual averages, and quarterly ones.

use rust_decimal::Decimal;

use crate::core::sorted::SortedMap;

use super::check::{FnvMap, no_locator, plain_decimal, year_in_range};
use super::quarters::{self, period, quarter_in_range};
use super::raw::{RawRate, Spanned};
use super::sources::Sources;
use super::{DatasetError, Location, Place, Problem, Rate, Repeated};

/// The rates, checked: annual averages by year (with the years only quarters give, as their mean),
/// and the quarterly averages in file order.
pub(super) struct Rates {
    /// One rate a year.
    pub(super) annual: SortedMap<i32, Rate>,
    /// In file order: a handful of rows, read whole; no second map type in the wasm for them.
    pub(super) quarterly: Vec<Rate>,
}

impl Rates {
    /// Checks every rate row; a year with four quarters and no annual average gets their mean.
    pub(super) fn check(
        raw: &[Spanned<RawRate>],
        sources: &Sources,
    ) -> Result<Rates, DatasetError> {
        let mut rates = Rates {
            annual: SortedMap::new(),
            quarterly: Vec::new(),
        };
        let mut lines = FnvMap::default();
        for (i, spanned) in raw.iter().enumerate() {
            let at = Location {
                place: Place::Rate(i),
                line: Some(spanned.line),
            };
            let rate = rate(&spanned.value, sources, &at)?;
            if let Some(first) = lines.insert((rate.year, rate.quarter), spanned.line) {
                return Err(DatasetError::Duplicate {
                    at,
                    what: Repeated::Rate(period(rate.year, rate.quarter)),
                    first_line: Some(first),
                });
            }
            match rate.quarter {
                Some(_) => rates.quarterly.push(rate),
                None => {
                    rates.annual.insert(rate.year, rate);
                }
            }
        }
        quarters::add_annual_means(&mut rates.annual, &rates.quarterly);
        Ok(rates)
    }
}

/// One row of `rates`, checked on its own.
fn rate(r: &RawRate, sources: &Sources, at: &Location) -> Result<Rate, DatasetError> {
    let source = sources.find(&r.source, "source", at)?;
    let year = year_in_range(r.year, "year", at)?;
    let quarter = r.quarter.map(|q| quarter_in_range(q, at)).transpose()?;
    let value = plain_decimal(&r.value).ok_or_else(|| DatasetError::BadDecimal {
        at: at.clone(),
        field: "value",
        value: r.value.clone(),
    })?;
    if value <= Decimal::ZERO {
        return Err(DatasetError::Invalid {
            at: at.clone(),
            problem: Problem::RateNotPositive {
                found: value.to_string(),
            },
        });
    }
    if r.locator.is_none() && !sources.has_locator(source) {
        return Err(no_locator(at.clone()));
    }
    Ok(Rate {
        source,
        year,
        quarter,
        value,
        approx: r.approx,
        derived: false,
        note: r.note.clone(),
    })
}
