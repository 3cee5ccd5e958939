//! The `[[claim]]` tables: unique ids, parts whose expressions parse and read only figures the
//! dataset has, and a comparison the checker knows.

use rust_decimal::Decimal;

use crate::core::claims::{Claim, Compare, Part};
use crate::core::expr::{Expr, Ref, parse_expr};
use crate::core::series::{Flow, SeriesKey, sort_dedup};

use super::check::FnvMap;
use super::raw::{RawClaim, RawPart, Spanned};
use super::{DatasetError, Location, Place, Problem, Repeated, View};

/// What a claim may read: the series any view has or can derive, and the story's own figures.
struct Readable<'a> {
    /// Sorted, each once.
    known: Vec<SeriesKey>,
    story: Option<&'a View>,
}

impl<'a> Readable<'a> {
    /// Series any view has, plus balances any view can derive.
    fn new(views: &'a [View], story_view: Option<usize>) -> Readable<'a> {
        let mut known: Vec<SeriesKey> = Vec::new();
        for v in views {
            known.extend(v.series().iter().copied());
        }
        sort_dedup(&mut known);
        let derivable: Vec<SeriesKey> = known
            .iter()
            .filter(|k| {
                k.flow == Flow::Purchases && known.binary_search(&k.with_flow(Flow::Sales)).is_ok()
            })
            .map(|k| k.with_flow(Flow::Balance))
            .collect();
        known.extend(derivable);
        sort_dedup(&mut known);
        Readable {
            known,
            story: story_view.and_then(|v| views.get(v)),
        }
    }

    /// Whether the dataset has what a reference reads.
    fn has(&self, r: &Ref) -> bool {
        match r {
            Ref::View(c) | Ref::ViewYoy(c) => self.known.binary_search(&c.series).is_ok(),
            Ref::Stated(c) => self.story.and_then(|v| v.level(c.series, c.year)).is_some(),
            Ref::StatedYoy(c) => self
                .story
                .and_then(|v| v.growth(c.series, c.year))
                .is_some(),
            Ref::Fx(_) => true,
        }
    }
}

/// Checks every claim, in file order.
pub(super) fn check(
    raw: &[Spanned<RawClaim>],
    views: &[View],
    story_view: Option<usize>,
) -> Result<Vec<Claim>, DatasetError> {
    let readable = Readable::new(views, story_view);
    let mut claims = Vec::with_capacity(raw.len());
    let mut claim_ids = FnvMap::default();
    for spanned in raw {
        let c = &spanned.value;
        let at = Location {
            place: Place::Claim(c.id.clone()),
            line: Some(spanned.line),
        };
        if let Some(first) = claim_ids.insert(c.id.clone(), spanned.line) {
            return Err(DatasetError::Duplicate {
                at,
                what: Repeated::Claim(c.id.clone()),
                first_line: Some(first),
            });
        }
        claims.push(claim(c, &readable, at)?);
    }
    Ok(claims)
}

/// One claim and its parts.
fn claim(c: &RawClaim, readable: &Readable, at: Location) -> Result<Claim, DatasetError> {
    let unchecked = match (&c.unchecked_ko, &c.unchecked_en) {
        (Some(ko), Some(en)) => Some((ko.clone(), en.clone())),
        (None, None) => None,
        _ => {
            return Err(DatasetError::Invalid {
                at,
                problem: Problem::UncheckedPair,
            });
        }
    };
    if c.part.is_empty() && unchecked.is_none() {
        return Err(DatasetError::Invalid {
            at,
            problem: Problem::NoParts,
        });
    }
    let mut parts = Vec::with_capacity(c.part.len());
    let mut part_lines = FnvMap::default();
    for spanned in &c.part {
        let p = &spanned.value;
        let at = Location {
            place: Place::Part(c.id.clone(), p.id.clone()),
            line: Some(spanned.line),
        };
        if let Some(first) = part_lines.insert(p.id.clone(), spanned.line) {
            return Err(DatasetError::Duplicate {
                at,
                what: Repeated::Part(p.id.clone()),
                first_line: Some(first),
            });
        }
        parts.push(part(p, readable, &at)?);
    }
    Ok(Claim {
        id: c.id.clone(),
        ko: c.ko.clone(),
        en: c.en.clone(),
        parts,
        unchecked,
        then_now: c.then_now_ko.clone().zip(c.then_now_en.clone()),
    })
}

/// Parses one of a part's expressions, saying which field it came from.
fn expr(field: &'static str, src: &str, at: &Location) -> Result<Expr, DatasetError> {
    parse_expr(src).map_err(|error| DatasetError::BadExpr {
        at: at.clone(),
        field,
        error,
    })
}

/// One part: its two expressions, its comparison, and that it reads only what the dataset has.
fn part(p: &RawPart, readable: &Readable, at: &Location) -> Result<Part, DatasetError> {
    let check = expr("check", &p.check, at)?;
    let expect = expr("expect", &p.expect, at)?;
    let compare = compare(p, at)?;
    if let Some(r) = check
        .refs()
        .iter()
        .chain(expect.refs().iter())
        .find(|r| !readable.has(r))
    {
        return Err(DatasetError::UnknownSeries {
            at: at.clone(),
            reference: r.to_string(),
        });
    }
    Ok(Part {
        id: p.id.clone(),
        ko: p.ko.clone(),
        en: p.en.clone(),
        check_text: p.check.clone(),
        expect_text: p.expect.clone(),
        check,
        expect,
        compare,
        required: p.required,
        note_ko: p.note_ko.clone(),
        note_en: p.note_en.clone(),
        say_ko: p.say_ko.clone(),
        say_en: p.say_en.clone(),
    })
}

/// The part's comparison, with the step or margin the rounding ones need.
fn compare(p: &RawPart, at: &Location) -> Result<Compare, DatasetError> {
    let constant = |field: &'static str, src: &Option<String>| -> Result<Decimal, DatasetError> {
        let src = src.as_deref().ok_or_else(|| DatasetError::Invalid {
            at: at.clone(),
            problem: Problem::MissingConstant {
                field,
                compare: p.compare.clone(),
            },
        })?;
        let value = expr(field, src, at)?
            .constant()
            .filter(|v| *v > Decimal::ZERO);
        value.ok_or_else(|| DatasetError::Invalid {
            at: at.clone(),
            problem: Problem::NotPositive {
                field,
                found: src.to_string(),
            },
        })
    };
    Ok(match p.compare.as_str() {
        "rounds_to" => Compare::RoundsTo {
            step: constant("step", &p.step)?,
        },
        "truncates" => Compare::Truncates {
            step: constant("step", &p.step)?,
        },
        "nearly" => Compare::Nearly {
            margin: constant("margin", &p.margin)?,
        },
        "above" => Compare::Above,
        "below" => Compare::Below,
        "at_least" => Compare::AtLeast,
        "at_most" => Compare::AtMost,
        other => {
            return Err(DatasetError::Unknown {
                at: at.clone(),
                field: "compare",
                value: other.to_string(),
                expected: "rounds_to, truncates, nearly, above, below, at_least, at_most".into(),
            });
        }
    })
}
