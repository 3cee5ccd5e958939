//! The rows of `[data] figures`: each published number with its source, series, value as printed,
//! and where a reader can look it up; and no number given twice.

use rust_decimal::Decimal;

use crate::core::arith::Arith;
use crate::core::series::{Flow, Measure, Partner, SeriesKey, Vintage};

use super::check::{FnvMap, is_date, no_locator, parse_enum, plain_decimal, year_in_range};
use super::quarters::{period, quarter_in_range};
use super::raw::{RawFigure, Spanned};
use super::sources::Sources;
use super::{DatasetError, Figure, FigureKind, Location, Place, Problem, Repeated, Source, Unit};

/// Checks every figure row, in file order.
pub(super) fn check(
    raw: &[Spanned<RawFigure>],
    sources: &Sources,
) -> Result<Vec<Figure>, DatasetError> {
    let mut figures = Vec::with_capacity(raw.len());
    let mut seen = Seen::default();
    seen.reserve(raw.len());
    for (i, spanned) in raw.iter().enumerate() {
        let at = Location {
            place: Place::Figure(i),
            line: Some(spanned.line),
        };
        let figure = figure(&spanned.value, spanned.line, sources, &at)?;
        refuse_repeat(&seen, &figure, &figures, at)?;
        seen.insert(printing_key(&figure, figure.vintage), i);
        figures.push(figure);
    }
    Ok(figures)
}

/// One row, checked on its own.
fn figure(
    f: &RawFigure,
    line: usize,
    sources: &Sources,
    at: &Location,
) -> Result<Figure, DatasetError> {
    let vintage = f
        .vintage
        .as_deref()
        .map(|v| parse_enum(v, Vintage::from_id, Vintage::ALL, "vintage", at))
        .transpose()?;
    let (family, vintage) = family_and_vintage(f, vintage, sources, at)?;
    let series = series(f, at)?;
    let year = year_in_range(f.year, "year", at)?;
    let quarter = f.quarter.map(|q| quarter_in_range(q, at)).transpose()?;
    let (value, unit, kind) = amount(f, series.flow, at)?;
    let cite = f
        .cite
        .as_deref()
        .map(|c| sources.find(c, "cite", at))
        .transpose()?;
    // The source a row belongs to: its own, or for a family the vintage's source.
    // A family row with no vintage belongs to every member; the first one's citation serves.
    let home = sources.list.iter().find(|s| {
        s.id == f.source
            || (s.family.as_deref() == Some(&family) && (vintage.is_none() || s.vintage == vintage))
    });
    let cited = cite.and_then(|c| sources.get(c));
    let own_locator = |s: &Source| s.url.clone().or_else(|| s.locator.clone());
    let locator = f
        .locator
        .clone()
        .or_else(|| cited.and_then(own_locator))
        .or_else(|| home.and_then(own_locator))
        .filter(|l| !l.trim().is_empty())
        .ok_or_else(|| no_locator(at.clone()))?;
    let released = f
        .released
        .clone()
        .or_else(|| home.and_then(|s| s.date.clone()));
    if let Some(date) = f.released.as_deref().filter(|d| !is_date(d)) {
        return Err(DatasetError::Invalid {
            at: at.clone(),
            problem: Problem::BadDate {
                field: "released",
                found: date.to_string(),
            },
        });
    }
    let scope = f
        .scope
        .clone()
        .or_else(|| home.and_then(|s| s.scope.clone()));
    Ok(Figure {
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
    })
}

/// The family a row belongs to and its vintage: a row names a family (and may name one of its
/// vintages) or a source (whose own vintage it takes).
fn family_and_vintage(
    f: &RawFigure,
    vintage: Option<Vintage>,
    sources: &Sources,
    at: &Location,
) -> Result<(String, Option<Vintage>), DatasetError> {
    if let Some(members) = sources.families.get(&f.source) {
        if let Some(v) = vintage {
            if !members.iter().any(|(mv, _)| *mv == v) {
                return Err(DatasetError::Invalid {
                    at: at.clone(),
                    problem: Problem::VintageNotInFamily {
                        family: f.source.clone(),
                        vintage: v.to_string(),
                    },
                });
            }
        }
        return Ok((f.source.clone(), vintage));
    }
    let source = sources.find(&f.source, "source", at)?;
    let s = sources.get(source).ok_or_else(|| DatasetError::Invalid {
        at: at.clone(),
        problem: Problem::SourceVanished,
    })?;
    match (&s.family, s.vintage, vintage) {
        (Some(family), Some(sv), None) => Ok((family.clone(), Some(sv))),
        (Some(family), Some(sv), Some(v)) if v == sv => Ok((family.clone(), Some(sv))),
        (None, _, None) => Ok((s.id.clone(), None)),
        _ => Err(DatasetError::Invalid {
            at: at.clone(),
            problem: Problem::VintageNotOwn {
                source: s.id.clone(),
            },
        }),
    }
}

/// The row's flow, partner (all by default) and measure (won by default).
fn series(f: &RawFigure, at: &Location) -> Result<SeriesKey, DatasetError> {
    let flow = parse_enum(&f.flow, Flow::from_id, Flow::ALL, "flow", at)?;
    let partner = parse_enum(
        f.partner.as_deref().unwrap_or("all"),
        Partner::from_id,
        Partner::ALL,
        "partner",
        at,
    )?;
    let measure = parse_enum(
        f.measure.as_deref().unwrap_or("won"),
        Measure::from_id,
        Measure::ALL,
        "measure",
        at,
    )?;
    Ok(SeriesKey {
        flow,
        partner,
        measure,
    })
}

/// The value in base units, the unit it was printed in, and whether it is a level or a growth rate.
fn amount(
    f: &RawFigure,
    flow: Flow,
    at: &Location,
) -> Result<(Decimal, Unit, FigureKind), DatasetError> {
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
        field: "value",
        value: f.value.clone(),
    })?;
    let value = published
        .times(unit.scale())
        .ok_or_else(|| DatasetError::Invalid {
            at: at.clone(),
            problem: Problem::TooLarge {
                found: f.value.clone(),
            },
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
            at: at.clone(),
            problem: Problem::Negative {
                flow: flow.to_string(),
                found: f.value.clone(),
            },
        });
    }
    Ok((value, unit, kind))
}

/// What makes one printing of a figure: its family and vintage, series, period, kind, and for a
/// quarter the release it was printed in. A quarter is often printed again, revised, in a later
/// release: each printing is kept, keyed by its release, and the newest is the one shown.
type PrintingKey = (
    String,
    Option<Vintage>,
    SeriesKey,
    i32,
    Option<u8>,
    Option<String>,
    FigureKind,
);

/// The printings read so far, with their positions.
type Seen = FnvMap<PrintingKey, usize>;

/// The key of a figure's printing as if it had `vintage`.
fn printing_key(f: &Figure, vintage: Option<Vintage>) -> PrintingKey {
    (
        f.family.clone(),
        vintage,
        f.series,
        f.year,
        f.quarter,
        f.quarter.and(f.released.clone()),
        f.kind,
    )
}

/// Refuses a figure printed twice, or given both with a vintage and without one.
fn refuse_repeat(
    seen: &Seen,
    figure: &Figure,
    figures: &[Figure],
    at: Location,
) -> Result<(), DatasetError> {
    let vintage = figure.vintage;
    let other_vintages: &[Option<Vintage>] = match vintage {
        None => &[
            Some(Vintage::First),
            Some(Vintage::Revised),
            Some(Vintage::Rebased),
        ],
        Some(_) => &[None],
    };
    for other in std::iter::once(&vintage).chain(other_vintages) {
        let Some(first) = seen.get(&printing_key(figure, *other)) else {
            continue;
        };
        let (family, series, year) = (&figure.family, figure.series, figure.year);
        let what = if *other == vintage {
            Repeated::Figure {
                family: family.clone(),
                series: series.to_string(),
                period: period(year, figure.quarter),
                growth: figure.kind == FigureKind::YoyPct,
            }
        } else {
            Repeated::FigureVintage {
                family: family.clone(),
                series: series.to_string(),
                year,
            }
        };
        return Err(DatasetError::Duplicate {
            at,
            what,
            first_line: figures.get(*first).map(|f| f.line),
        });
    }
    Ok(())
}
