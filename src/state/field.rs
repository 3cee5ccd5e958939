//! Fields a reader types into: their names, the text kept when it is refused and why, and how
//! the state takes, validates or holds back what was typed (including a likely unit slip).

use super::*;

/// Why a field's text was not taken. Kept at the field; the last valid value stays in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    /// The text is not a number of the field's kind.
    Parse(ParseError),
    /// The number is not allowed there (a negative purchase, an absurd size).
    Edit(EditError),
    /// The number is far out of scale with the figures around it, likely typed in another unit:
    /// held back until the reader keeps it or takes the suggested reading.
    Slip(Slip),
}

impl FieldError {
    /// The message in the reader's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            FieldError::Parse(e) => e.message(lang),
            FieldError::Edit(e) => e.message(lang),
            FieldError::Slip(s) => s.message(lang),
        }
    }
}

/// Text typed into a field that is not (yet) a valid value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// What the reader typed, kept so nothing is lost.
    pub text: String,
    /// Why it was not taken.
    pub error: FieldError,
}

/// Every field a reader can type a number into: the key of a [`Draft`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// A figure in the data table.
    Cell(CellRef),
    /// The one exchange rate used for every year, in won per dollar.
    FixedRate,
    /// The last projected year.
    Horizon,
    /// A series' fixed growth rate, in % a year.
    GrowthRate(SeriesKey),
    /// The balance the goal seek aims at: won for a growth seek, dollars for a rate seek.
    SeekTarget,
}

impl From<CellRef> for Field {
    fn from(cell: CellRef) -> Field {
        Field::Cell(cell)
    }
}

impl Field {
    /// A stable DOM id for the input, from which its error message's id is made.
    pub fn dom_id(self) -> String {
        match self {
            Field::Cell(cell) => format!("cell-{}-{}", cell.series, cell.year),
            Field::FixedRate => "field-fixed-rate".into(),
            Field::Horizon => "field-horizon".into(),
            Field::GrowthRate(series) => format!("field-growth-{series}"),
            Field::SeekTarget => "field-seek-target".into(),
        }
    }
}

/// The unit a cell's bare numbers are read in: the one its column shows.
pub fn cell_unit(cell: CellRef) -> FieldUnit {
    match cell.series.measure {
        Measure::Won => FieldUnit::won_trillions(),
        Measure::Usd => FieldUnit::usd_billions(),
        Measure::Parcels => FieldUnit::count(),
    }
    .with_balance(cell.series.flow == Flow::Balance)
}

impl AppState {
    /// The refused text of a field, if any.
    pub fn draft(&self, field: Field) -> Option<&Draft> {
        self.drafts.get(&field)
    }

    /// The unit a field's bare numbers are read in.
    pub fn field_unit(&self, field: Field) -> FieldUnit {
        match field {
            Field::Cell(cell) => cell_unit(cell),
            Field::FixedRate => FieldUnit::rate(),
            Field::Horizon => FieldUnit::year(),
            Field::GrowthRate(_) => FieldUnit::percent(),
            Field::SeekTarget => match self.scenario.seek {
                Some(Seek::Rate { .. }) => FieldUnit::usd_billions(),
                _ => FieldUnit::won_trillions(),
            }
            .with_balance(true),
        }
    }

    pub(super) fn with_draft(mut self, field: Field, draft: Option<Draft>) -> AppState {
        let current = self.drafts.get(&field);
        if current == draft.as_ref() {
            return self;
        }
        let drafts = Rc::make_mut(&mut self.drafts);
        match draft {
            Some(draft) => drafts.insert(field, draft),
            None => drafts.remove(&field),
        };
        self
    }

    /// What a field's value is checked as.
    pub(super) fn edit_target(field: Field) -> EditTarget {
        match field {
            Field::Cell(cell) => EditTarget::Cell(cell),
            Field::FixedRate => EditTarget::FixedRate,
            Field::Horizon => EditTarget::Horizon,
            Field::GrowthRate(_) => EditTarget::GrowthRate,
            // A target is a balance (either sign); a dollar target is held to the same size limit.
            Field::SeekTarget => {
                let balance = SeriesKey::won(Flow::Balance, Partner::All);
                EditTarget::Cell(balance.at(DEFAULT_HORIZON))
            }
        }
    }

    /// Checks a parsed value against what the field allows.
    pub(super) fn validate(&self, field: Field, value: Decimal) -> Result<(), EditError> {
        validate_edit(AppState::edit_target(field), value)
    }

    /// A number too large to read is told the field's own range (2025 to 2040 for the horizon), not
    /// the widest its quantity allows (any year from 1 to 9999).
    pub(super) fn narrow_range(field: Field, error: ParseError) -> ParseError {
        let ParseErrorKind::OutOfRange { min, max } = *error.kind() else {
            return error;
        };
        let (low, high) = edit_range(AppState::edit_target(field));
        let kind = ParseErrorKind::OutOfRange {
            min: min.max(low),
            max: max.min(high),
        };
        ParseError::new(kind, error.field())
    }

    /// The scenario with a field's valid value in force; a cell's value may be marked approximate.
    pub(super) fn with_value(&self, field: Field, value: Decimal, approximate: bool) -> Scenario {
        let mut scenario = (*self.scenario).clone();
        match field {
            Field::Cell(cell) => {
                scenario.edits.insert(cell, value);
                if approximate {
                    scenario.approximate.insert(cell);
                } else {
                    scenario.approximate.remove(&cell);
                }
            }
            Field::FixedRate => scenario.fx = FxMode::Fixed(value),
            Field::Horizon => {
                // Validated as a whole year from 2025 to 2040, so it fits an i32.
                let year = value.to_i32().unwrap_or(DEFAULT_HORIZON);
                scenario.horizon = (year != DEFAULT_HORIZON).then_some(year);
            }
            Field::GrowthRate(series) => {
                scenario.growth.insert(series, Growth::Fixed(value));
            }
            Field::SeekTarget => match &mut scenario.seek {
                Some(Seek::Growth { target, .. }) | Some(Seek::Rate { target, .. }) => {
                    *target = value;
                }
                None => {}
            },
        }
        scenario
    }

    pub(super) fn edit_field(self, field: Field, text: String) -> AppState {
        let reading = parse_reading(&text, &self.field_unit(field));
        let approximate = reading.as_ref().is_ok_and(|r| r.approximate);
        let value = reading
            .map(|r| r.value)
            .map_err(|e| FieldError::Parse(AppState::narrow_range(field, e)))
            .and_then(|v| {
                self.validate(field, v)
                    .map(|()| v)
                    .map_err(FieldError::Edit)
            });
        let value = value.and_then(|v| match self.slip(field, v) {
            Some(slip) => Err(FieldError::Slip(slip)),
            None => Ok(v),
        });
        match value {
            Ok(value) => self.apply_value(field, value, approximate),
            Err(error) => self.with_draft(field, Some(Draft { text, error })),
        }
    }

    /// Puts a valid value in force and clears the field's draft.
    pub(super) fn apply_value(self, field: Field, value: Decimal, approximate: bool) -> AppState {
        let scenario = self.with_value(field, value, approximate);
        let mut state = self.with_draft(field, None);
        if field == Field::FixedRate {
            state.fixed_rate = value;
        }
        state.change(scenario)
    }

    /// A table cell's value far out of scale with the figure it replaces and its published
    /// neighbours. Other fields have their own ranges and no figure to compare with.
    pub(super) fn slip(&self, field: Field, value: Decimal) -> Option<Slip> {
        let Field::Cell(cell) = field else {
            return None;
        };
        let references = slip::references(&self.computed.table, cell);
        slip::check(value, &cell_unit(cell), &references)
    }

    /// Applies a held-back value: as typed, or as the warning suggests.
    pub(super) fn resolve_slip(self, field: Field, suggested: bool) -> AppState {
        let Some(Draft {
            error: FieldError::Slip(slip),
            text,
        }) = self.draft(field)
        else {
            return self;
        };
        // `약 4985` held back is still approximate whichever reading the reader takes.
        let approximate = parse_reading(text, &self.field_unit(field)).is_ok_and(|r| r.approximate);
        let value = if suggested {
            slip.suggestion
        } else {
            Some(slip.typed)
        };
        match value {
            Some(value) if self.validate(field, value).is_ok() => {
                self.apply_value(field, value, approximate)
            }
            _ => self,
        }
    }

    pub(super) fn slide(mut self, field: Field, text: String) -> AppState {
        let merge = self.sliding == Some(field) && !self.past.is_empty();
        // Merging: forget the scenario of the previous move, so undo returns to the one before
        // the slider was first moved.
        let previous = merge.then(|| self.past.pop()).flatten();
        let before = self.past.len();
        let state = self.edit_field(field, text);
        match previous {
            Some(previous) if state.past.len() == before => {
                // The move changed nothing: put the remembered step back.
                let mut state = state;
                state.past.push(previous);
                state
            }
            Some(previous) => {
                let mut state = state;
                if let Some(last) = state.past.last_mut() {
                    *last = previous;
                }
                state
            }
            None => state,
        }
    }
}
