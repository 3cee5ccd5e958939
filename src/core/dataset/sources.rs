//! The `[[source]]` tables: unique ids, and families whose members are one vintage each.

use crate::core::series::Vintage;
use crate::core::sorted::SortedMap;

use super::check::{FnvMap, parse_enum};
use super::raw::{RawSource, Spanned};
use super::{DatasetError, Location, Place, Problem, Repeated, Source, SourceRef};

/// The file's sources, checked, with what the rows after them look sources up by.
pub(super) struct Sources {
    /// Every source, in file order.
    pub(super) list: Vec<Source>,
    /// Each source id with its position and line.
    ids: FnvMap<String, (usize, usize)>,
    /// Each family's members: their vintage and position in `list`.
    pub(super) families: SortedMap<String, Vec<(Vintage, usize)>>,
}

impl Sources {
    /// Checks every source and family.
    pub(super) fn check(raw: &[Spanned<RawSource>]) -> Result<Sources, DatasetError> {
        let mut all = Sources {
            list: Vec::with_capacity(raw.len()),
            ids: FnvMap::default(),
            families: SortedMap::new(),
        };
        for (i, spanned) in raw.iter().enumerate() {
            let source = all.add(i, spanned)?;
            all.list.push(source);
        }
        for family in all.families.keys() {
            if let Some((i, line)) = all.ids.get(family) {
                return Err(DatasetError::Invalid {
                    at: Location {
                        place: Place::Source(*i),
                        line: Some(*line),
                    },
                    problem: Problem::IdIsFamily {
                        family: family.clone(),
                    },
                });
            }
        }
        Ok(all)
    }

    /// Checks the `i`-th source against the ones before it and registers its id and family.
    fn add(&mut self, i: usize, spanned: &Spanned<RawSource>) -> Result<Source, DatasetError> {
        let line = spanned.line;
        let at = Location {
            place: Place::Source(i),
            line: Some(line),
        };
        let s = &spanned.value;
        if s.id.is_empty() {
            return Err(DatasetError::Invalid {
                at,
                problem: Problem::EmptyId,
            });
        }
        if let Some((_, first)) = self.ids.insert(s.id.clone(), (i, line)) {
            return Err(DatasetError::Duplicate {
                at,
                what: Repeated::Source(s.id.clone()),
                first_line: Some(first),
            });
        }
        let vintage = s
            .vintage
            .as_deref()
            .map(|v| parse_enum(v, Vintage::from_id, Vintage::ALL, "vintage", &at))
            .transpose()?;
        match (&s.family, vintage) {
            (Some(family), Some(v)) => {
                let members = self.families.get_or_insert_with(family.clone(), Vec::new);
                if members.iter().any(|(mv, _)| *mv == v) {
                    return Err(DatasetError::Duplicate {
                        at,
                        what: Repeated::Vintage {
                            vintage: v.to_string(),
                            family: family.clone(),
                        },
                        first_line: None,
                    });
                }
                members.push((v, i));
            }
            (None, None) => {}
            _ => {
                return Err(DatasetError::Invalid {
                    at,
                    problem: Problem::FamilyWithoutVintage,
                });
            }
        }
        Ok(Source {
            id: s.id.clone(),
            family: s.family.clone(),
            vintage,
            name_ko: s.name_ko.clone(),
            name_en: s.name_en.clone(),
            publisher: s.publisher.clone(),
            title: s.title.clone(),
            author: s.author.clone(),
            date: s.date.clone(),
            url: s.url.clone(),
            locator: s.locator.clone(),
            scope: s.scope.clone(),
            note: s.note.clone(),
        })
    }

    /// The source a row names in `field`, or an error listing the sources and families there are.
    pub(super) fn find(
        &self,
        id: &str,
        field: &'static str,
        at: &Location,
    ) -> Result<SourceRef, DatasetError> {
        self.ids
            .get(id)
            .map(|(i, _)| SourceRef(*i))
            .ok_or_else(|| DatasetError::Unknown {
                at: at.clone(),
                field,
                value: id.to_string(),
                expected: self.names(),
            })
    }

    /// Every source id, then every family name.
    fn names(&self) -> String {
        let mut all: Vec<&str> = self.list.iter().map(|s| s.id.as_str()).collect();
        all.extend(self.families.keys().map(String::as_str));
        all.join(", ")
    }

    /// A source by position.
    pub(super) fn get(&self, r: SourceRef) -> Option<&Source> {
        self.list.get(r.0)
    }

    /// Whether the source gives its figures a locator of its own (a `url` or `locator`).
    pub(super) fn has_locator(&self, r: SourceRef) -> bool {
        self.get(r)
            .is_some_and(|s| s.url.is_some() || s.locator.is_some())
    }
}
