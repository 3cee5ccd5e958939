//! The share link in the address bar: read once when the page opens, kept in step after.

use crate::core::{Dataset, Scenario, link};
use crate::state::{AppState, LinkErrorKind};

/// The link in the page's fragment: `None` when there is none, else what it restores or why not.
pub fn read(dataset: &Dataset) -> Option<Result<link::Shared, LinkErrorKind>> {
    let hash = gloo::utils::window().location().hash().ok()?;
    let fragment = hash.strip_prefix('#').unwrap_or(&hash);
    if fragment.is_empty() {
        return None;
    }
    Some(
        link::decode(fragment, dataset).map_err(|error| match error {
            link::LinkError::OtherData { .. } => LinkErrorKind::OtherData,
            _ => LinkErrorKind::Damaged,
        }),
    )
}

/// Replaces the fragment with the current view's link (no new history entry per edit), or clears
/// it when the view is the published default. Waits until the session has been restored, so the
/// link the page was opened with is read before it is rewritten.
pub fn write(state: &AppState) {
    if !state.restored {
        return;
    }
    let location = gloo::utils::window().location();
    let base = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let url = if *state.scenario == Scenario::default() {
        base
    } else {
        format!(
            "{base}#{}",
            link::encode(&state.dataset, &state.scenario, Some(state.lang))
        )
    };
    if let Ok(history) = gloo::utils::window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The full address of the current view, to copy.
pub fn current_url() -> String {
    gloo::utils::window().location().href().unwrap_or_default()
}
