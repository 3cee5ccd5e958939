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

use std::collections::BTreeMap;
use std::rc::Rc;

use rust_decimal::prelude::ToPrimitive;
use yew::Reducible;

use crate::core::num::{FieldUnit, ParseError, ParseErrorKind, ROUNDING, parse_reading};
use crate::core::slip::{self, Slip};
use crate::core::{
    CellRef, Computed, DEFAULT_HORIZON, Dataset, DatasetError, Decimal, DisplayUnit, EditError,
    EditTarget, Flow, FxMode, GROWTH_MAX, GROWTH_MIN, Growth, Lang, Measure, Partner, Scenario,
    Seek, SeekOutcome, SeriesKey, compute, edit_range, validate_edit,
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
#[derive(Debug, Clone, PartialEq)]
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

    /// A short name for the switch.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Theme::System => lang.pick("시스템", "System"),
            Theme::Light => lang.pick("밝게", "Light"),
            Theme::Dark => lang.pick("어둡게", "Dark"),
        }
    }
}

/// How a series is projected, without its parameters: what the mode picker chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GrowthMode {
    /// A fixed % a year.
    Fixed,
    /// The compound annual growth rate of a historical window.
    Cagr,
    /// The linear trend of a historical window.
    Linear,
    /// The damped trend (the default).
    Damped,
    /// The last value held.
    Flat,
}

impl GrowthMode {
    /// Every mode, in the order the picker shows them.
    pub const ALL: [GrowthMode; 5] = [
        GrowthMode::Damped,
        GrowthMode::Cagr,
        GrowthMode::Fixed,
        GrowthMode::Linear,
        GrowthMode::Flat,
    ];

    /// The mode of an assumption.
    pub fn of(growth: &Growth) -> GrowthMode {
        match growth {
            Growth::Fixed(_) => GrowthMode::Fixed,
            Growth::Cagr { .. } => GrowthMode::Cagr,
            Growth::Linear { .. } => GrowthMode::Linear,
            Growth::Damped => GrowthMode::Damped,
            Growth::Flat => GrowthMode::Flat,
        }
    }

    /// A stable identifier for a `<select>` value.
    pub fn id(self) -> &'static str {
        match self {
            GrowthMode::Fixed => "fixed",
            GrowthMode::Cagr => "cagr",
            GrowthMode::Linear => "linear",
            GrowthMode::Damped => "damped",
            GrowthMode::Flat => "flat",
        }
    }

    /// Reads [`GrowthMode::id`].
    pub fn from_id(id: &str) -> Option<GrowthMode> {
        GrowthMode::ALL.into_iter().find(|m| m.id() == id)
    }

    /// A reader's name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            GrowthMode::Fixed => lang.pick("연 고정 증가율", "Fixed % a year"),
            GrowthMode::Cagr => lang.pick("기간 연평균 증가율(CAGR)", "CAGR of a period"),
            GrowthMode::Linear => lang.pick("기간 선형 추세", "Linear trend of a period"),
            GrowthMode::Damped => lang.pick("감쇠 추세 (기본)", "Damped trend (default)"),
            GrowthMode::Flat => lang.pick("마지막 값 유지", "Hold the last value"),
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

/// What the page found when it opened, read by the browser glue before the first render: the
/// last session kept in local storage, or the view a share link names (which wins over it).
/// Restoring it in the first state, not in an effect after, means a returning reader or a link
/// never sees the defaults flash first, and the page is not rendered twice before it settles.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Session {
    /// The language a link names.
    pub lang: Option<Lang>,
    /// The scenario to show.
    pub current: Option<Scenario>,
    /// The named scenarios.
    pub saved: Vec<SavedScenario>,
    /// Why something could not be restored, if it could not.
    pub notice: Option<Notice>,
}

impl Session {
    /// `state` with this session restored. After it, changes are written back to storage.
    pub fn restore(self, state: AppState) -> AppState {
        state.apply(Action::RestoreSession(self))
    }
}

/// How the page was asked to open, from its query string (`?lang=ko&theme=dark&year=2022&
/// source=kostat-revised&partner=china`, and `embed&childId=…` inside an article's iframe).
/// Unknown keys and values that do not fit are ignored, so a bad query opens the defaults.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StartOptions {
    /// `lang=ko|en`.
    pub lang: Option<Lang>,
    /// `theme=light|dark|system`.
    pub theme: Option<Theme>,
    /// `year=2023`.
    pub year: Option<i32>,
    /// `source=<view id>`.
    pub source: Option<String>,
    /// `partner=china`.
    pub partner: Option<Partner>,
    /// `embed`: the compact layout for an article column, sizing its host's iframe.
    pub embed: bool,
    /// `childId=…` (Pym.js's name for the iframe), echoed in the height messages; letters, digits,
    /// `-` and `_` only.
    pub child_id: Option<String>,
}

impl StartOptions {
    /// Reads a query string, with or without its leading `?`. Values are matched exactly, so no
    /// percent-decoding is needed: anything encoded is simply not a known value.
    pub fn from_query(query: &str) -> StartOptions {
        let mut options = StartOptions::default();
        let query = query.strip_prefix('?').unwrap_or(query);
        for pair in query.split('&').take(32) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "lang" => options.lang = Some(Lang::from_tag(value)).filter(|_| !value.is_empty()),
                "theme" => {
                    options.theme = [Theme::System, Theme::Light, Theme::Dark]
                        .into_iter()
                        .find(|t| t.id() == value)
                }
                "year" => options.year = value.parse().ok().filter(|y| (1990..=2100).contains(y)),
                "source" if !value.is_empty() && value.len() <= 64 => {
                    options.source = Some(value.to_string())
                }
                "partner" => options.partner = Partner::from_id(value),
                "embed" => options.embed = matches!(value, "" | "1" | "true"),
                "childId" => {
                    let fits = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
                    options.child_id = Some(value.to_string())
                        .filter(|v| !v.is_empty() && v.len() <= 64 && v.chars().all(fits));
                }
                _ => {}
            }
        }
        options
    }

    /// A state on `dataset` opened as asked: the query's choices are the starting point, not
    /// edits, so they are not in the undo history.
    pub fn open(&self, dataset: Rc<Dataset>, lang: Lang) -> AppState {
        let mut state = AppState::new(dataset, self.lang.unwrap_or(lang));
        if let Some(theme) = self.theme {
            state.theme = theme;
        }
        if let Some(source) = &self.source
            && state.dataset.view_index(source).is_some()
        {
            state = state.apply(Action::ChooseView(source.clone()));
        }
        if let Some(partner) = self.partner {
            state = state.apply(Action::ChoosePartner(partner));
        }
        if let Some(year) = self.year {
            let (first, last) = state.dataset.years();
            if (first..=last.max(DEFAULT_HORIZON)).contains(&year) {
                state = state.apply(Action::ChooseYear(year));
            }
        }
        state.past.clear();
        state
    }
}

/// A scenario the reader kept under a name; local storage keeps it as `{"name": …, "scenario": …}`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SavedScenario {
    /// The reader's name for it.
    pub name: String,
    /// What it changes.
    pub scenario: Rc<Scenario>,
}

/// The longest scenario name kept; longer names are cut.
pub const MAX_SCENARIO_NAME: usize = 60;

/// Which data file the page shows, and why the last one offered was refused.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataFile {
    /// The loaded file's name; `None` for the dataset built into the app.
    pub loaded: Option<String>,
    /// The last file refused, with the parser's reason (its line where it has one).
    pub refused: Option<(String, DatasetError)>,
}

/// Everything the page shows, and the history of how it got here.
#[derive(Debug, Clone, PartialEq)]
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
    pub drafts: Rc<BTreeMap<Field, Draft>>,
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
    /// The link opened could not be applied (damaged, or made with other data).
    Link(LinkErrorKind),
}

/// Which way a link failed, for its notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkErrorKind {
    /// Damaged or of an unknown form.
    Damaged,
    /// Made against other data.
    OtherData,
}

impl Notice {
    /// The message in the reader's language.
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            Notice::StorageSetAside => lang.pick(
                "이 브라우저에 저장된 작업을 읽을 수 없어 따로 보관하고 새로 시작했습니다.",
                "Work saved in this browser could not be read; it was set aside and the page started clean.",
            ),
            Notice::Link(LinkErrorKind::Damaged) => crate::core::link::LinkError::Damaged.message(lang),
            Notice::Link(LinkErrorKind::OtherData) => {
                crate::core::link::LinkError::OtherData { link: String::new(), ours: String::new() }.message(lang)
            }
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

/// A rate rounded for a field and kept within what the field accepts.
fn tidy_growth(rate: Decimal) -> Decimal {
    rate.round_dp_with_strategy(1, ROUNDING)
        .clamp(Decimal::from(GROWTH_MIN), Decimal::from(GROWTH_MAX))
        .normalize()
}

/// Which question a seek asks, ignoring its parameters: a target typed for one kind is no use
/// for the other.
fn seek_kind(seek: Option<Seek>) -> Option<GrowthOrRate> {
    seek.map(|s| match s {
        Seek::Growth { .. } => GrowthOrRate::Growth,
        Seek::Rate { .. } => GrowthOrRate::Rate,
    })
}

#[derive(PartialEq)]
enum GrowthOrRate {
    Growth,
    Rate,
}

impl AppState {
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

    /// Whether there is a change to undo.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether there is an undone change to redo.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
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

    fn with_draft(mut self, field: Field, draft: Option<Draft>) -> AppState {
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
    fn edit_target(field: Field) -> EditTarget {
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
    fn validate(&self, field: Field, value: Decimal) -> Result<(), EditError> {
        validate_edit(AppState::edit_target(field), value)
    }

    /// A number too large to read is told the field's own range (2025 to 2040 for the horizon), not
    /// the widest its quantity allows (any year from 1 to 9999).
    fn narrow_range(field: Field, error: ParseError) -> ParseError {
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
    fn with_value(&self, field: Field, value: Decimal, approximate: bool) -> Scenario {
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

    fn edit_field(self, field: Field, text: String) -> AppState {
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
    fn apply_value(self, field: Field, value: Decimal, approximate: bool) -> AppState {
        let scenario = self.with_value(field, value, approximate);
        let mut state = self.with_draft(field, None);
        if field == Field::FixedRate {
            state.fixed_rate = value;
        }
        state.change(scenario)
    }

    /// A table cell's value far out of scale with the figure it replaces and its published
    /// neighbours. Other fields have their own ranges and no figure to compare with.
    fn slip(&self, field: Field, value: Decimal) -> Option<Slip> {
        let Field::Cell(cell) = field else {
            return None;
        };
        let references = slip::references(&self.computed.table, cell);
        slip::check(value, &cell_unit(cell), &references)
    }

    /// Applies a held-back value: as typed, or as the warning suggests.
    fn resolve_slip(self, field: Field, suggested: bool) -> AppState {
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

    /// The assumption a series is projected with now, from the computed table.
    fn growth_now(&self, series: SeriesKey) -> Option<Growth> {
        self.scenario.growth.get(&series).copied().or_else(|| {
            self.computed
                .table
                .row(series)
                .and_then(|r| r.projection)
                .map(|p| p.assumption)
        })
    }

    /// A growth rate in % a year to start a fixed assumption from: the current rate, else the
    /// view's default CAGR, else zero.
    fn growth_rate_now(&self, series: SeriesKey) -> Decimal {
        let projection = self.computed.table.row(series).and_then(|r| r.projection);
        let current = projection
            .filter(|p| !matches!(p.assumption, Growth::Linear { .. }))
            .and_then(|p| p.rate);
        let default = || {
            self.dataset
                .views()
                .get(self.computed.view)
                .and_then(|v| v.default_cagr(series))
                .and_then(|(_, rate)| rate.ok())
        };
        current.or_else(default).map_or(Decimal::ZERO, tidy_growth)
    }

    /// A window to start a CAGR or trend from: the current one, else the default's, else the
    /// published years.
    fn window_now(&self, series: SeriesKey) -> (i32, i32) {
        let window = |g: Growth| match g {
            Growth::Cagr { from, to } | Growth::Linear { from, to } => Some((from, to)),
            Growth::Fixed(_) | Growth::Damped | Growth::Flat => None,
        };
        self.growth_now(series)
            .and_then(window)
            .or_else(|| {
                self.dataset
                    .views()
                    .get(self.computed.view)
                    .and_then(|v| v.default_cagr(series))
                    .and_then(|(g, _)| window(*g))
            })
            .unwrap_or((
                self.computed.table.first_year,
                self.computed.table.last_published_year,
            ))
    }

    fn set_growth_mode(self, series: SeriesKey, mode: GrowthMode) -> AppState {
        if self.growth_now(series).map(|g| GrowthMode::of(&g)) == Some(mode) {
            return self;
        }
        let growth = match mode {
            GrowthMode::Fixed => Growth::Fixed(self.growth_rate_now(series)),
            GrowthMode::Cagr => {
                let (from, to) = self.window_now(series);
                Growth::Cagr { from, to }
            }
            GrowthMode::Linear => {
                let (from, to) = self.window_now(series);
                Growth::Linear { from, to }
            }
            GrowthMode::Damped => Growth::Damped,
            GrowthMode::Flat => Growth::Flat,
        };
        let mut scenario = (*self.scenario).clone();
        scenario.growth.insert(series, growth);
        self.with_draft(Field::GrowthRate(series), None)
            .change(scenario)
    }

    fn set_growth_window(self, series: SeriesKey, from: i32, to: i32) -> AppState {
        if from >= to {
            return self;
        }
        let growth = match self.growth_now(series) {
            Some(Growth::Linear { .. }) => Growth::Linear { from, to },
            _ => Growth::Cagr { from, to },
        };
        let mut scenario = (*self.scenario).clone();
        scenario.growth.insert(series, growth);
        self.change(scenario)
    }

    fn apply_seek(self) -> AppState {
        let (Some(seek), Some(SeekOutcome::Solved { value, .. })) =
            (self.scenario.seek, self.computed.seek.as_ref())
        else {
            return self;
        };
        let mut scenario = (*self.scenario).clone();
        match seek {
            Seek::Growth { series, .. } => {
                let rate = value.round_dp_with_strategy(2, ROUNDING).normalize();
                if validate_edit(EditTarget::GrowthRate, rate).is_err() {
                    return self;
                }
                scenario.growth.insert(series, Growth::Fixed(rate));
                self.with_draft(Field::GrowthRate(series), None)
                    .change(scenario)
            }
            Seek::Rate { .. } => {
                let rate = value.round_dp_with_strategy(1, ROUNDING).normalize();
                if validate_edit(EditTarget::FixedRate, rate).is_err() {
                    return self;
                }
                scenario.fx = FxMode::Fixed(rate);
                let mut state = self.with_draft(Field::FixedRate, None);
                state.fixed_rate = rate;
                state.change(scenario)
            }
        }
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

    fn slide(mut self, field: Field, text: String) -> AppState {
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

    fn act(self, action: Action) -> AppState {
        match action {
            Action::SetLang(lang) => AppState { lang, ..self },
            Action::SetTheme(theme) => AppState { theme, ..self },
            Action::SetSystemDark(system_dark) => AppState {
                system_dark,
                ..self
            },
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
            Action::ChoosePartner(partner) => {
                let mut scenario = (*self.scenario).clone();
                scenario.partner = (partner != self.dataset.default_partner()).then_some(partner);
                self.change(scenario)
            }
            Action::SetUnit(unit) => {
                let mut scenario = (*self.scenario).clone();
                scenario.unit = unit;
                self.change(scenario)
            }
            Action::EditCell { cell, text } => self.edit_field(Field::Cell(cell), text),
            Action::EditField { field, text } => self.edit_field(field, text),
            Action::Slide { field, text } => self.slide(field, text),
            Action::KeepTyped(field) => self.resolve_slip(field, false),
            Action::TakeSuggestion(field) => self.resolve_slip(field, true),
            Action::ResetCell(cell) => {
                let mut scenario = (*self.scenario).clone();
                scenario.reset_edit(cell);
                self.with_draft(Field::Cell(cell), None).change(scenario)
            }
            Action::UseAverageRates => {
                let mut scenario = (*self.scenario).clone();
                scenario.fx = FxMode::Average;
                self.with_draft(Field::FixedRate, None).change(scenario)
            }
            Action::UseFixedRate => {
                let mut scenario = (*self.scenario).clone();
                if matches!(scenario.fx, FxMode::Fixed(_)) {
                    return self;
                }
                scenario.fx = FxMode::Fixed(self.fixed_rate);
                self.change(scenario)
            }
            Action::SetGrowthMode { series, mode } => self.set_growth_mode(series, mode),
            Action::SetGrowthWindow { series, from, to } => {
                self.set_growth_window(series, from, to)
            }
            Action::ResetGrowth(series) => {
                let mut scenario = (*self.scenario).clone();
                scenario.growth.remove(&series);
                self.with_draft(Field::GrowthRate(series), None)
                    .change(scenario)
            }
            Action::SetSeek(seek) => {
                let kind_changed = seek_kind(self.scenario.seek) != seek_kind(seek);
                let mut scenario = (*self.scenario).clone();
                scenario.seek = seek;
                let state = if kind_changed {
                    self.with_draft(Field::SeekTarget, None)
                } else {
                    self
                };
                state.change(scenario)
            }
            Action::ApplySeek => self.apply_seek(),
            Action::LoadDataset { name, text } => match Dataset::parse(&text) {
                Ok(dataset) => self.switch_dataset(Rc::new(dataset), Some(name)),
                Err(error) => {
                    let mut state = self;
                    let loaded = state.data_file.loaded.clone();
                    state.data_file = Rc::new(DataFile {
                        loaded,
                        refused: Some((name, error)),
                    });
                    state
                }
            },
            Action::UseEmbeddedDataset(dataset) => {
                if self.data_file.loaded.is_none() && Rc::ptr_eq(&dataset, &self.dataset) {
                    return self;
                }
                self.switch_dataset(dataset, None)
            }
            Action::SaveScenario(name) => {
                let name: String = name.trim().chars().take(MAX_SCENARIO_NAME).collect();
                if name.is_empty() {
                    return self;
                }
                let mut state = self;
                let entry = SavedScenario {
                    name: name.clone(),
                    scenario: state.scenario.clone(),
                };
                let saved = Rc::make_mut(&mut state.saved);
                match saved.iter_mut().find(|s| s.name == name) {
                    Some(existing) => *existing = entry,
                    None => saved.push(entry),
                }
                state
            }
            Action::OpenScenario(name) => match self.saved.iter().find(|s| s.name == name) {
                Some(saved) => {
                    let scenario = (*saved.scenario).clone();
                    let mut state = self.change(scenario);
                    state.drafts = Rc::default();
                    state
                }
                None => self,
            },
            Action::DeleteScenario(name) => {
                if !self.saved.iter().any(|s| s.name == name) {
                    return self;
                }
                let mut state = self;
                Rc::make_mut(&mut state.saved).retain(|s| s.name != name);
                if state.compare.as_deref() == Some(name.as_str()) {
                    state.compare = None;
                }
                state
            }
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
            Action::RestoreSession(Session {
                lang,
                current,
                saved,
                notice,
            }) => {
                let mut state = self;
                state.restored = true;
                if let Some(lang) = lang {
                    state.lang = lang;
                }
                state.notice = notice;
                // Scenarios made against another dataset would point at cells it may not have.
                let ours = |s: &Scenario| {
                    s.dataset.is_none() || s.dataset.as_deref() == Some(state.dataset.id.as_str())
                };
                let saved: Vec<SavedScenario> =
                    saved.into_iter().filter(|s| ours(&s.scenario)).collect();
                if !saved.is_empty() {
                    state.saved = Rc::new(saved);
                }
                match current.filter(|c| ours(c)) {
                    Some(current) if current != *state.scenario => {
                        state.scenario = Rc::new(current);
                        state.recompute()
                    }
                    _ => state,
                }
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
            && after.theme == before.theme
            && after.system_dark == before.system_dark
            && after.fixed_rate == before.fixed_rate
            && Rc::ptr_eq(&after.scenario, &before.scenario)
            && Rc::ptr_eq(&after.computed, &before.computed)
            && Rc::ptr_eq(&after.drafts, &before.drafts)
            && Rc::ptr_eq(&after.dataset, &before.dataset)
            && Rc::ptr_eq(&after.data_file, &before.data_file)
            && Rc::ptr_eq(&after.saved, &before.saved)
            && after.compare == before.compare
            && after.restored == before.restored
            && after.notice == before.notice
            && after.past.len() == before.past.len()
            && after.future.len() == before.future.len();
        if unchanged { before } else { Rc::new(after) }
    }
}
