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
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SavedScenario {
    /// The reader's name for it.
    pub name: String,
    /// What it changes.
    pub scenario: Rc<Scenario>,
}

/// Which data file the page shows, and why the last one offered was refused.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataFile {
    /// The loaded file's name; `None` for the dataset built into the app.
    pub loaded: Option<String>,
    /// The last file refused, with the parser's reason (its line where it has one).
    pub refused: Option<(String, DatasetError)>,
}
