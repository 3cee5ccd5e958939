//! The reader's work in local storage: the current scenario and the saved ones survive a reload.
//!
//! One key holds a versioned JSON document. Anything that cannot be read back (another version,
//! a hand-edited value, a truncated write) is not deleted: it is moved to a key of its own and
//! the page starts clean, with a notice.

use gloo::storage::{LocalStorage, Storage};

use crate::core::Scenario;
use serde::{Deserialize, Serialize};

use crate::state::{AppState, Notice, SavedScenario};

/// Where the session lives.
pub const KEY: &str = "jikgu.session";
/// Where a session that could not be read is set aside.
pub const SET_ASIDE_KEY: &str = "jikgu.session.unreadable";
/// The version of the stored document; another version is set aside, never misread.
const VERSION: u32 = 1;

/// `{"v": 1, "dataset": id, "current": scenario, "saved": [{name, scenario}, …]}`.
#[derive(Serialize, Deserialize)]
struct Stored {
    v: u32,
    /// The dataset the scenarios were made against.
    dataset: String,
    current: Scenario,
    #[serde(default)]
    saved: Vec<SavedScenario>,
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
    match serde_json::from_str::<Stored>(&raw).ok() {
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
    // Writing cannot fail: every key is a string and no value refuses to serialise.
    let text = serde_json::to_string(&stored).unwrap_or_default();
    if LocalStorage::raw().set_item(KEY, &text).is_err() {
        gloo::console::warn!("jikgu: could not save to local storage");
    }
}
