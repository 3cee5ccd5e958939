//! The reader's work in local storage: the current scenario and the saved ones survive a reload.
//!
//! One key holds a versioned JSON document. Anything that cannot be read back (another version,
//! a hand-edited value, a truncated write) is not deleted: it is moved to a key of its own and
//! the page starts clean, with a notice.

use gloo::storage::{LocalStorage, Storage};

use crate::core::Scenario;
use crate::core::json::{self, Json};
use crate::state::{AppState, Notice, SavedScenario};

/// Where the session lives.
pub const KEY: &str = "jikgu.session";
/// Where a session that could not be read is set aside.
pub const SET_ASIDE_KEY: &str = "jikgu.session.unreadable";
/// The version of the stored document; another version is set aside, never misread.
const VERSION: u32 = 1;

/// `{"v": 1, "dataset": id, "current": scenario, "saved": [{name, scenario}, …]}`.
struct Stored {
    v: u32,
    /// The dataset the scenarios were made against.
    dataset: String,
    current: Scenario,
    saved: Vec<SavedScenario>,
}

impl Stored {
    fn to_json(&self) -> Json {
        Json::Object(vec![
            ("v".into(), Json::int(self.v)),
            ("dataset".into(), Json::str(self.dataset.as_str())),
            ("current".into(), self.current.to_json()),
            (
                "saved".into(),
                Json::Array(self.saved.iter().map(SavedScenario::to_json).collect()),
            ),
        ])
    }

    fn from_text(text: &str) -> Option<Stored> {
        let json = json::parse(text).ok()?;
        let saved = match json.get("saved") {
            None => Vec::new(),
            Some(saved) => saved
                .items()?
                .iter()
                .map(SavedScenario::from_json)
                .collect::<Option<_>>()?,
        };
        Some(Stored {
            v: json.get("v")?.as_int()?,
            dataset: json.get("dataset")?.as_str()?.to_string(),
            current: Scenario::from_json(json.get("current")?)?,
            saved,
        })
    }
}

/// What storage holds for `dataset_id`, for a `state::Session`: the current scenario, the
/// saved ones, and a notice if something had to be set aside.
pub fn load(dataset_id: &str) -> (Option<Scenario>, Vec<SavedScenario>, Option<Notice>) {
    let Ok(raw) = LocalStorage::raw().get_item(KEY) else {
        return (None, Vec::new(), None);
    };
    let Some(raw) = raw else {
        return (None, Vec::new(), None);
    };
    match Stored::from_text(&raw) {
        Some(stored) if stored.v == VERSION && stored.dataset == dataset_id => {
            (Some(stored.current), stored.saved, None)
        }
        // Work made against another dataset is kept as it is, for when that data is back.
        Some(stored) if stored.v == VERSION => (None, Vec::new(), None),
        _ => {
            let storage = LocalStorage::raw();
            let _ = storage.set_item(SET_ASIDE_KEY, &raw);
            let _ = storage.remove_item(KEY);
            (None, Vec::new(), Some(Notice::StorageSetAside))
        }
    }
}

/// Writes the session, once what was stored has been read back. Failing to write (storage full
/// or disabled) loses nothing on the page, so it is only logged.
pub fn save(state: &AppState) {
    if !state.restored {
        return;
    }
    let stored = Stored {
        v: VERSION,
        dataset: state.dataset.id.clone(),
        current: (*state.scenario).clone(),
        saved: (*state.saved).clone(),
    };
    if LocalStorage::raw()
        .set_item(KEY, &stored.to_json().to_text())
        .is_err()
    {
        gloo::console::warn!("jikgu: could not save to local storage");
    }
}
