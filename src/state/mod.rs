//! The app's one state and the verbs that change it.
//!
//! [`AppState`] sits behind yew's `use_reducer`; each [`Action`] names what the reader did. The
//! reducer parses and validates through the core, recomputes, and does no I/O: storage, the URL and
//! messages to a host page are effects in `crate::web` that watch this state.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::Reducible;

use crate::core::num::{FieldUnit, ParseError, parse};
use crate::core::{
    CellRef, Computed, Dataset, EditError, EditTarget, Lang, Measure, Scenario, compute,
    validate_edit,
};

/// How many steps undo remembers.
const HISTORY: usize = 100;

/// Why a field's text was not taken. Kept at the field; the last valid value stays in force.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldError {
    /// The text is not a number of the field's kind.
    Parse(ParseError),
    /// The number is not allowed there (a negative purchase, an absurd size).
    Edit(EditError),
}

impl FieldError {
    /// The message in the reader's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            FieldError::Parse(e) => e.message(lang),
            FieldError::Edit(e) => e.message(lang),
        }
    }
}

/// Text typed into a cell that is not (yet) a valid figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// What the reader typed, kept so nothing is lost.
    pub text: String,
    /// Why it was not taken.
    pub error: FieldError,
}

/// What the reader did.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Read in another language.
    SetLang(Lang),
    /// Use another source or vintage for the view.
    ChooseView(String),
    /// Lead with another year.
    ChooseYear(i32),
    /// Type into a cell: parsed in the cell's unit, validated, then applied or kept as a draft.
    EditCell {
        /// Which cell.
        cell: CellRef,
        /// The text as typed.
        text: String,
    },
    /// Put one cell back to its published value.
    ResetCell(CellRef),
    /// Put every figure and assumption back to the published defaults.
    ResetAll,
    /// Step back one change.
    Undo,
    /// Step forward again.
    Redo,
}

/// Everything the page shows, and the history of how it got here.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// The dataset in use.
    pub dataset: Rc<Dataset>,
    /// The reader's language.
    pub lang: Lang,
    /// What the reader changed.
    pub scenario: Rc<Scenario>,
    /// The result of computing the scenario: recomputed on every change, never in render.
    pub computed: Rc<Computed>,
    /// Cells whose typed text was refused, with why.
    pub drafts: Rc<BTreeMap<CellRef, Draft>>,
    /// Earlier scenarios, most recent last.
    pub past: Vec<Rc<Scenario>>,
    /// Scenarios undone, most recent last.
    pub future: Vec<Rc<Scenario>>,
}

/// The unit a cell's bare numbers are read in: the one its column shows.
pub fn cell_unit(cell: CellRef) -> FieldUnit {
    match cell.series.measure {
        Measure::Won => FieldUnit::won_trillions(),
        Measure::Usd => FieldUnit::usd_billions(),
        Measure::Parcels => FieldUnit::count(),
    }
}

impl AppState {
    /// A fresh state on `dataset` with the published defaults.
    pub fn new(dataset: Rc<Dataset>, lang: Lang) -> AppState {
        let scenario = Rc::new(Scenario::default());
        let computed = Rc::new(compute(&dataset, &scenario));
        AppState {
            dataset,
            lang,
            scenario,
            computed,
            drafts: Rc::default(),
            past: Vec::new(),
            future: Vec::new(),
        }
    }

    /// Whether there is a change to undo.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether there is an undone change to redo.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// Moves to `scenario`, remembering the current one for undo.
    fn change(mut self, scenario: Scenario) -> AppState {
        if scenario == *self.scenario {
            return self;
        }
        let previous = std::mem::replace(&mut self.scenario, Rc::new(scenario));
        self.past.push(previous);
        if self.past.len() > HISTORY {
            self.past.remove(0);
        }
        self.future.clear();
        self.recompute()
    }

    fn recompute(mut self) -> AppState {
        self.computed = Rc::new(compute(&self.dataset, &self.scenario));
        self
    }

    fn with_draft(mut self, cell: CellRef, draft: Option<Draft>) -> AppState {
        let current = self.drafts.get(&cell);
        if current == draft.as_ref() {
            return self;
        }
        let drafts = Rc::make_mut(&mut self.drafts);
        match draft {
            Some(draft) => drafts.insert(cell, draft),
            None => drafts.remove(&cell),
        };
        self
    }

    fn edit_cell(self, cell: CellRef, text: String) -> AppState {
        let value = parse(&text, &cell_unit(cell))
            .map_err(FieldError::Parse)
            .and_then(|v| {
                validate_edit(EditTarget::Cell(cell), v)
                    .map(|()| v)
                    .map_err(FieldError::Edit)
            });
        match value {
            Ok(value) => {
                let mut scenario = (*self.scenario).clone();
                scenario.edits.insert(cell, value);
                self.with_draft(cell, None).change(scenario)
            }
            Err(error) => self.with_draft(cell, Some(Draft { text, error })),
        }
    }

    /// Applies one action. Pure: the same state and action always give the same result.
    pub fn apply(self, action: Action) -> AppState {
        match action {
            Action::SetLang(lang) => AppState { lang, ..self },
            Action::ChooseView(id) => {
                let mut scenario = (*self.scenario).clone();
                scenario.view = (self.dataset.view_index(&id) != Some(self.dataset.default_view()))
                    .then_some(id);
                self.change(scenario)
            }
            Action::ChooseYear(year) => {
                let mut scenario = (*self.scenario).clone();
                scenario.year = (year != self.dataset.default_year()).then_some(year);
                self.change(scenario)
            }
            Action::EditCell { cell, text } => self.edit_cell(cell, text),
            Action::ResetCell(cell) => {
                let mut scenario = (*self.scenario).clone();
                scenario.edits.remove(&cell);
                self.with_draft(cell, None).change(scenario)
            }
            Action::ResetAll => {
                let mut state = self.change(Scenario::default());
                state.drafts = Rc::default();
                state
            }
            Action::Undo => {
                let mut state = self;
                match state.past.pop() {
                    Some(previous) => {
                        let current = std::mem::replace(&mut state.scenario, previous);
                        state.future.push(current);
                        state.drafts = Rc::default();
                        state.recompute()
                    }
                    None => state,
                }
            }
            Action::Redo => {
                let mut state = self;
                match state.future.pop() {
                    Some(next) => {
                        let current = std::mem::replace(&mut state.scenario, next);
                        state.past.push(current);
                        state.drafts = Rc::default();
                        state.recompute()
                    }
                    None => state,
                }
            }
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let before = self.clone();
        let after = Rc::unwrap_or_clone(self).apply(action);
        // Returning the same Rc tells yew 0.23 nothing changed, so it skips the re-render. Every
        // change replaces an Rc, so pointer comparisons suffice.
        let unchanged = after.lang == before.lang
            && Rc::ptr_eq(&after.scenario, &before.scenario)
            && Rc::ptr_eq(&after.computed, &before.computed)
            && Rc::ptr_eq(&after.drafts, &before.drafts)
            && after.past.len() == before.past.len()
            && after.future.len() == before.future.len();
        if unchanged { before } else { Rc::new(after) }
    }
}
