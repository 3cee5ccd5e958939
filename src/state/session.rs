//! How the page opens: the stored session, the query string's options, the named scenarios kept
//! in the browser, and which data file is in use.

use super::*;

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
    /// The address's choices laid over a scenario kept from the last visit: a returning reader
    /// who opens `?source=…` (or `year`, `partner`) gets the view the address asks for, with
    /// their edits kept. Choices the data cannot show are ignored, as in [`Self::open`].
    pub fn over(&self, dataset: &Dataset, mut scenario: Scenario) -> Scenario {
        if let Some(source) = &self.source
            && let Some(view) = dataset.view_index(source)
        {
            scenario.view = (view != dataset.default_view()).then(|| source.clone());
        }
        if let Some(partner) = self.partner {
            scenario.partner = (partner != dataset.default_partner()).then_some(partner);
        }
        if let Some(year) = self.year {
            let (first, last) = dataset.years();
            if (first..=last.max(DEFAULT_HORIZON)).contains(&year) {
                scenario.year = (year != dataset.default_year()).then_some(year);
            }
        }
        scenario
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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SavedScenario {
    /// The reader's name for it.
    pub name: String,
    /// What it changes.
    pub scenario: Rc<Scenario>,
}

/// Which data file the page shows, and why the last one offered was refused.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DataFile {
    /// The loaded file's name; `None` for the dataset built into the app.
    pub loaded: Option<String>,
    /// The last file refused, with the parser's reason (its line where it has one).
    pub refused: Option<(String, DatasetError)>,
}

impl AppState {
    /// Reads a data file the reader chose; a file that is refused leaves the data in use as it
    /// was and says why.
    pub(super) fn load_dataset(mut self, name: String, text: &str) -> AppState {
        match Dataset::parse(text) {
            Ok(dataset) => self.switch_dataset(Rc::new(dataset), Some(name)),
            Err(error) => {
                let loaded = self.data_file.loaded.clone();
                self.data_file = Rc::new(DataFile {
                    loaded,
                    refused: Some((name, error)),
                });
                self
            }
        }
    }

    /// Keeps the current scenario under `name` (trimmed, cut to [`MAX_SCENARIO_NAME`]), replacing
    /// one of the same name.
    pub(super) fn save_scenario(mut self, name: &str) -> AppState {
        let name: String = name.trim().chars().take(MAX_SCENARIO_NAME).collect();
        if name.is_empty() {
            return self;
        }
        let entry = SavedScenario {
            name: name.clone(),
            scenario: self.scenario.clone(),
        };
        let saved = Rc::make_mut(&mut self.saved);
        match saved.iter_mut().find(|s| s.name == name) {
            Some(existing) => *existing = entry,
            None => saved.push(entry),
        }
        self
    }

    /// Opens the scenario kept under `name`, as a change that can be undone.
    pub(super) fn open_scenario(self, name: &str) -> AppState {
        match self.saved.iter().find(|s| s.name == name) {
            Some(saved) => {
                let scenario = (*saved.scenario).clone();
                let mut state = self.change(scenario);
                state.drafts = Rc::default();
                state
            }
            None => self,
        }
    }

    /// Forgets the scenario kept under `name`, and stops comparing with it.
    pub(super) fn delete_scenario(mut self, name: &str) -> AppState {
        if !self.saved.iter().any(|s| s.name == name) {
            return self;
        }
        Rc::make_mut(&mut self.saved).retain(|s| s.name != name);
        if self.compare.as_deref() == Some(name) {
            self.compare = None;
        }
        self
    }

    /// Restores what the page found when it opened. Scenarios made against another dataset are
    /// left out: they would point at cells it may not have.
    pub(super) fn restore_session(mut self, session: Session) -> AppState {
        let Session {
            lang,
            current,
            saved,
            notice,
        } = session;
        self.restored = true;
        if let Some(lang) = lang {
            self.lang = lang;
        }
        self.notice = notice;
        let id = self.dataset.id.clone();
        let ours = |s: &Scenario| s.dataset.is_none() || s.dataset.as_deref() == Some(id.as_str());
        let saved: Vec<SavedScenario> = saved.into_iter().filter(|s| ours(&s.scenario)).collect();
        if !saved.is_empty() {
            self.saved = Rc::new(saved);
        }
        match current.filter(|c| ours(c)) {
            Some(current) if current != *self.scenario => {
                self.scenario = Rc::new(current);
                self.recompute()
            }
            _ => self,
        }
    }
}
