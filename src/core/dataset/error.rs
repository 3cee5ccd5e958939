//! Why a data file was refused, and where in it.

use std::fmt;

use crate::core::expr::ExprError;
use crate::core::lang::quoted;
use crate::core::series::{YEAR_MAX, YEAR_MIN};

use super::SCHEMA_VERSION;

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
        /// 1-based column (in characters), when known.
        column: Option<usize>,
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
                column: Some(column),
                message,
            } => write!(f, "line {line}, column {column}: {}", message.trim()),
            DatasetError::Syntax {
                line: Some(line),
                column: None,
                message,
            } => write!(f, "line {line}: {}", message.trim()),
            DatasetError::Syntax {
                line: None,
                message,
                ..
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
