//! The app's one state and the verbs that change it.
//!
//! [`AppState`] sits behind yew's `use_reducer`; each [`Action`] names what the reader did. The
//! reducer parses and validates through the core, recomputes, and does no I/O: storage, the URL and
//! messages to a host page are effects in `crate::web` that watch this state.
//!
//! Every field a reader types into is named by a [`Field`]. Text that does not parse or validate is
//! kept as a [`Draft`] under that key, with a localised [`FieldError`], while the last valid value
//! stays in force: one mechanism for table cells, the exchange rate, the horizon, growth rates and
//! goal-seek targets.

use std::rc::Rc;

use rust_decimal::prelude::ToPrimitive;
use yew::Reducible;

use crate::core::link::{self, LinkError};
use crate::core::num::{FieldUnit, ParseError, ParseErrorKind, ROUNDING, parse_reading};
use crate::core::slip::{self, Slip};
use crate::core::{
    CellRef, Computed, DEFAULT_HORIZON, Dataset, DatasetError, Decimal, DisplayUnit, EditError,
    EditTarget, Flow, FxMode, GROWTH_MAX, GROWTH_MIN, Growth, Lang, Measure, Partner, Scenario,
    Seek, SeekOutcome, SeriesKey, SortedMap, compute, edit_range, validate_edit,
};

mod field;
mod growth;
mod history;
mod session;

pub use field::{Draft, Field, FieldError, cell_unit};
pub use growth::GrowthMode;
pub use session::{DataFile, SavedScenario, Session, StartOptions};

/// How many steps undo remembers.
const HISTORY: usize = 100;

/// The reader's colour preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow the system's `prefers-color-scheme`.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// Every choice, in the order the switch shows them.
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The value of `<html data-theme>`.
    pub fn id(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// What the reader did.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Read in another language.
    SetLang(Lang),
    /// Prefer a colour theme.
    SetTheme(Theme),
    /// The system's colour preference changed (reported by an effect, read for [`Theme::System`]).
    SetSystemDark(bool),
    /// Use another source or vintage for the view.
    ChooseView(String),
    /// Lead with another year.
    ChooseYear(i32),
    /// Lead with another partner's balance.
    ChoosePartner(Partner),
    /// Show amounts in won or in dollars.
    SetUnit(DisplayUnit),
    /// Type into a cell: parsed in the cell's unit, validated, then applied or kept as a draft.
    EditCell {
        /// Which cell.
        cell: CellRef,
        /// The text as typed.
        text: String,
    },
    /// Type into any field (or move its slider): parsed in the field's unit, validated, then
    /// applied or kept as a draft.
    EditField {
        /// Which field.
        field: Field,
        /// The text as typed (a slider sends its exact position as text).
        text: String,
    },
    /// Move a field's slider: like [`Action::EditField`], but a run of moves of the same slider
    /// is one step of undo rather than one per pixel.
    Slide {
        /// Which field.
        field: Field,
        /// The slider's exact position as text (its `value`, e.g. `1350` or `12.5`).
        text: String,
    },
    /// Apply a value held back as a likely unit slip, as typed (undoable like any edit).
    KeepTyped(Field),
    /// Apply the reading a unit-slip warning suggests instead of what was typed.
    TakeSuggestion(Field),
    /// Put one cell back to its published value.
    ResetCell(CellRef),
    /// Convert with each year's published average rate.
    UseAverageRates,
    /// Convert every year at one rate: the last one the reader set, or the headline year's average.
    UseFixedRate,
    /// Project a series another way, keeping what can be kept of its current parameters.
    SetGrowthMode {
        /// Which series.
        series: SeriesKey,
        /// How.
        mode: GrowthMode,
    },
    /// Choose the historical window a CAGR or trend is taken over.
    SetGrowthWindow {
        /// Which series.
        series: SeriesKey,
        /// First year.
        from: i32,
        /// Last year (after `from`).
        to: i32,
    },
    /// Put a series back to its default projection.
    ResetGrowth(SeriesKey),
    /// Ask another "what would it take?" question, or none.
    SetSeek(Option<Seek>),
    /// Take the goal seek's answer as an assumption (the growth rate or the fixed exchange rate).
    ApplySeek,
    /// Put every figure and assumption back to the published defaults.
    ResetAll,
    /// Step back one change.
    Undo,
    /// Step forward again.
    Redo,
    /// Use a data file the reader loaded: parsed and validated by the core's parser, the same one
    /// that reads the embedded file. A file that is refused leaves everything as it was.
    LoadDataset {
        /// The file's name, to say which file was read or refused.
        name: String,
        /// Its text.
        text: String,
    },
    /// Go back to the dataset built into the app.
    UseEmbeddedDataset(Rc<Dataset>),
    /// Keep the current scenario under a name (replacing one of the same name).
    SaveScenario(String),
    /// Make a saved scenario the current one (undoable like any change).
    OpenScenario(String),
    /// Forget a saved scenario.
    DeleteScenario(String),
    /// Compare the current scenario with a saved one side by side, or stop comparing.
    CompareWith(Option<String>),
    /// What storage and the address held when the page opened (see [`Session`]).
    RestoreSession(Session),
    /// Close the notice.
    DismissNotice,
}

/// The longest scenario name kept; longer names are cut.
pub const MAX_SCENARIO_NAME: usize = 60;

/// Everything the page shows, and the history of how it got here. `Eq`, so an `Rc<AppState>` (the
/// context every component reads) compares by pointer before walking the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppState {
    /// The dataset in use.
    pub dataset: Rc<Dataset>,
    /// The reader's language.
    pub lang: Lang,
    /// The reader's colour preference.
    pub theme: Theme,
    /// Whether the system prefers dark colours (kept up to date by an effect).
    pub system_dark: bool,
    /// What the reader changed.
    pub scenario: Rc<Scenario>,
    /// The result of computing the scenario: recomputed on every change, never in render.
    pub computed: Rc<Computed>,
    /// Fields whose typed text was refused, with why.
    pub drafts: Rc<SortedMap<Field, Draft>>,
    /// The fixed exchange rate to return to when the reader switches from averages to one rate.
    pub fixed_rate: Decimal,
    /// The slider moved by the last action, whose moves merge into one undo step.
    sliding: Option<Field>,
    /// Earlier scenarios, most recent last.
    pub past: Vec<Rc<Scenario>>,
    /// Scenarios undone, most recent last.
    pub future: Vec<Rc<Scenario>>,
    /// Which data file is in use, and the last one refused.
    pub data_file: Rc<DataFile>,
    /// Scenarios the reader saved, in the order saved.
    pub saved: Rc<Vec<SavedScenario>>,
    /// The saved scenario shown beside the current one, by name.
    pub compare: Option<String>,
    /// Whether what storage held has been read back: until then nothing is written over it.
    pub restored: bool,
    /// A message for the reader about something that happened outside their edits.
    pub notice: Option<Notice>,
}

/// Something the reader should know that no field of theirs caused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// Saved work in the browser could not be read; it was kept aside under another key and the
    /// page started clean.
    StorageSetAside,
    /// The link opened could not be applied (damaged), or was made with other data.
    Link(LinkError),
}

impl Notice {
    /// The message in the reader's language.
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            Notice::StorageSetAside => lang.pick(
                "이 브라우저에 저장된 작업을 읽을 수 없어 따로 보관하고 새로 시작했습니다.",
                "Work saved in this browser could not be read; it was set aside and the page started clean.",
            ),
            Notice::Link(error) => error.message(lang),
        }
    }
}

impl AppState {
    /// Whether the last action moved a slider (its run of moves is one change for undo, and one
    /// write of the link).
    pub fn is_sliding(&self) -> bool {
        self.sliding.is_some()
    }

    /// The share link's fragment (without `#`) for this view in the reader's language; `None` for
    /// the published default, whose link is the bare page.
    pub fn link_fragment(&self) -> Option<String> {
        (*self.scenario != Scenario::default())
            .then(|| link::encode(&self.dataset, &self.scenario, Some(self.lang)))
    }

    /// A fresh state on `dataset` with the published defaults.
    pub fn new(dataset: Rc<Dataset>, lang: Lang) -> AppState {
        let scenario = Rc::new(Scenario::default());
        let computed = Rc::new(compute(&dataset, &scenario));
        let fixed_rate = dataset
            .rate(dataset.default_year())
            .map_or(Decimal::from(1300), |r| r.value);
        AppState {
            dataset,
            lang,
            theme: Theme::System,
            system_dark: false,
            scenario,
            computed,
            drafts: Rc::default(),
            fixed_rate,
            sliding: None,
            past: Vec::new(),
            future: Vec::new(),
            data_file: Rc::default(),
            saved: Rc::default(),
            compare: None,
            restored: false,
            notice: None,
        }
    }

    /// The saved scenario being compared with the current one, if any.
    pub fn compared(&self) -> Option<&SavedScenario> {
        let name = self.compare.as_deref()?;
        self.saved.iter().find(|s| s.name == name)
    }

    /// A fresh state on another dataset, keeping the reader's language and theme. Edits and
    /// history belong to the old data's cells, so they do not carry over.
    fn switch_dataset(self, dataset: Rc<Dataset>, loaded: Option<String>) -> AppState {
        let mut fresh = AppState::new(dataset, self.lang);
        fresh.theme = self.theme;
        fresh.system_dark = self.system_dark;
        fresh.data_file = Rc::new(DataFile {
            loaded,
            refused: None,
        });
        fresh
    }

    /// Whether the page is drawn dark: the reader's choice, or the system's when they chose none.
    /// Charts read this so they redraw when either changes.
    pub fn dark(&self) -> bool {
        match self.theme {
            Theme::System => self.system_dark,
            Theme::Light => false,
            Theme::Dark => true,
        }
    }

    fn recompute(mut self) -> AppState {
        self.computed = Rc::new(compute(&self.dataset, &self.scenario));
        self
    }

    /// Applies one action. Pure: the same state and action always give the same result.
    pub fn apply(self, action: Action) -> AppState {
        let slid = match &action {
            Action::Slide { field, .. } => Some(*field),
            _ => None,
        };
        let mut state = self.act(action);
        state.sliding = slid;
        state
    }

    fn act(self, action: Action) -> AppState {
        match action {
            Action::SetLang(lang) => AppState { lang, ..self },
            Action::SetTheme(theme) => AppState { theme, ..self },
            Action::SetSystemDark(system_dark) => AppState {
                system_dark,
                ..self
            },
            Action::ChooseView(id) => {
                let default = self.dataset.view_index(&id) == Some(self.dataset.default_view());
                self.change_with(|s| s.view = (!default).then_some(id))
            }
            Action::ChooseYear(year) => {
                let default = year == self.dataset.default_year();
                self.change_with(|s| s.year = (!default).then_some(year))
            }
            Action::ChoosePartner(partner) => {
                let default = partner == self.dataset.default_partner();
                self.change_with(|s| s.partner = (!default).then_some(partner))
            }
            Action::SetUnit(unit) => self.change_with(|s| s.unit = unit),
            Action::EditCell { cell, text } => self.edit_field(Field::Cell(cell), text),
            Action::EditField { field, text } => self.edit_field(field, text),
            Action::Slide { field, text } => self.slide(field, text),
            Action::KeepTyped(field) => self.resolve_slip(field, false),
            Action::TakeSuggestion(field) => self.resolve_slip(field, true),
            Action::ResetCell(cell) => self
                .with_draft(Field::Cell(cell), None)
                .change_with(|s| s.reset_edit(cell)),
            Action::UseAverageRates => self
                .with_draft(Field::FixedRate, None)
                .change_with(|s| s.fx = FxMode::Average),
            Action::UseFixedRate => {
                if matches!(self.scenario.fx, FxMode::Fixed(_)) {
                    return self;
                }
                let rate = self.fixed_rate;
                self.change_with(|s| s.fx = FxMode::Fixed(rate))
            }
            Action::SetGrowthMode { series, mode } => self.set_growth_mode(series, mode),
            Action::SetGrowthWindow { series, from, to } => {
                self.set_growth_window(series, from, to)
            }
            Action::ResetGrowth(series) => self
                .with_draft(Field::GrowthRate(series), None)
                .change_with(|s| {
                    s.growth.remove(&series);
                }),
            Action::SetSeek(seek) => self.set_seek(seek),
            Action::ApplySeek => self.apply_seek(),
            Action::LoadDataset { name, text } => self.load_dataset(name, &text),
            Action::UseEmbeddedDataset(dataset) => {
                if self.data_file.loaded.is_none() && Rc::ptr_eq(&dataset, &self.dataset) {
                    return self;
                }
                self.switch_dataset(dataset, None)
            }
            Action::SaveScenario(name) => self.save_scenario(&name),
            Action::OpenScenario(name) => self.open_scenario(&name),
            Action::DeleteScenario(name) => self.delete_scenario(&name),
            Action::CompareWith(name) => {
                let name = name.filter(|n| self.saved.iter().any(|s| &s.name == n));
                AppState {
                    compare: name,
                    ..self
                }
            }
            Action::DismissNotice => AppState {
                notice: None,
                ..self
            },
            Action::RestoreSession(session) => self.restore_session(session),
            Action::ResetAll => {
                let mut state = self.change(Scenario::default());
                state.drafts = Rc::default();
                state
            }
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
        }
    }
}

impl AppState {
    /// Whether `self` would render exactly as `other`: every change replaces an `Rc` or a small
    /// value, so pointers and values suffice. Both are taken apart field by field with no `..`, so
    /// a field added to the state does not compile until it is decided here whether it renders.
    fn renders_as(&self, other: &AppState) -> bool {
        let AppState {
            dataset,
            lang,
            theme,
            system_dark,
            scenario,
            computed,
            drafts,
            fixed_rate,
            sliding: _,
            past,
            future,
            data_file,
            saved,
            compare,
            restored,
            notice,
        } = self;
        let AppState {
            dataset: dataset_was,
            lang: lang_was,
            theme: theme_was,
            system_dark: system_dark_was,
            scenario: scenario_was,
            computed: computed_was,
            drafts: drafts_was,
            fixed_rate: fixed_rate_was,
            // Which slider merges its moves into one undo step: nothing on the page shows it.
            sliding: _,
            past: past_was,
            future: future_was,
            data_file: data_file_was,
            saved: saved_was,
            compare: compare_was,
            restored: restored_was,
            notice: notice_was,
        } = other;
        Rc::ptr_eq(dataset, dataset_was)
            && lang == lang_was
            && theme == theme_was
            && system_dark == system_dark_was
            && Rc::ptr_eq(scenario, scenario_was)
            && Rc::ptr_eq(computed, computed_was)
            && Rc::ptr_eq(drafts, drafts_was)
            && fixed_rate == fixed_rate_was
            && past.len() == past_was.len()
            && future.len() == future_was.len()
            && Rc::ptr_eq(data_file, data_file_was)
            && Rc::ptr_eq(saved, saved_was)
            && compare == compare_was
            && restored == restored_was
            && notice == notice_was
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let before = self.clone();
        let after = Rc::unwrap_or_clone(self).apply(action);
        // Returning the same Rc tells yew 0.23 nothing changed, so it skips the re-render.
        let unchanged = after.renders_as(&before);
        if unchanged { before } else { Rc::new(after) }
    }
}
