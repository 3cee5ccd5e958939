//! Quarters in the file: the range of a `quarter`, how a quarter is named in messages, and the
//! annual rate a year with only quarterly rates gets.

use rust_decimal::Decimal;

use crate::core::arith::Arith;
use crate::core::sorted::SortedMap;

use super::{DatasetError, Location, Problem, Rate};

pub(super) fn quarter_in_range(quarter: i64, at: &Location) -> Result<u8, DatasetError> {
    u8::try_from(quarter)
        .ok()
        .filter(|q| (1..=4).contains(q))
        .ok_or_else(|| DatasetError::Invalid {
            at: at.clone(),
            problem: Problem::QuarterOutOfRange { found: quarter },
        })
}

/// A year, or a quarter written the way the data file's readers know it (`2025Q3`).
pub(super) fn period(year: i32, quarter: Option<u8>) -> String {
    match quarter {
        Some(q) => format!("{year}Q{q}"),
        None => year.to_string(),
    }
}

/// Gives each year that has its four quarterly rates and no annual one their mean, marked derived.
pub(super) fn add_annual_means(annual: &mut SortedMap<i32, Rate>, quarterly: &[Rate]) {
    for first in quarterly {
        let year = &first.year;
        if annual.contains_key(year) {
            continue;
        }
        // Duplicates are refused when rates are read, so four rows of a year are its four quarters.
        let four: Vec<&Rate> = quarterly.iter().filter(|r| r.year == *year).collect();
        let sum = four
            .iter()
            .try_fold(Decimal::ZERO, |acc, r| acc.plus(r.value));
        if let (4, Some(sum)) = (four.len(), sum) {
            annual.insert(
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
}
