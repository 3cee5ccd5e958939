//! The share link in the address bar: read once when the page opens, kept in step after.

use std::cell::RefCell;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::core::Dataset;
use crate::core::link::{self, LinkError};
use crate::state::AppState;

/// How long after a slider's last change the address bar's link is rewritten: long enough for a
/// slider's run of changes to write it once.
pub const WRITE_DELAY_MS: u32 = 250;

/// The link in the page's fragment: `None` when there is none, else what it restores or why not.
pub fn read(dataset: &Dataset) -> Option<Result<link::Shared, LinkError>> {
    let hash = gloo::utils::window().location().hash().ok()?;
    let fragment = hash.strip_prefix('#').unwrap_or(&hash);
    if fragment.is_empty() {
        return None;
    }
    Some(link::decode(fragment, dataset))
}

/// Replaces the fragment with the current view's link (no new history entry per edit), or clears
/// it when the view is the published default. Waits until the session has been restored, so the
/// link the page was opened with is read before it is rewritten.
pub fn write(state: &AppState) {
    if !state.restored {
        return;
    }
    let location = gloo::utils::window().location();
    let fragment = state
        .link_fragment()
        .map_or_else(String::new, |f| format!("#{f}"));
    // Nothing to do when the address already says it (as when the page has just opened).
    if location.hash().unwrap_or_default() == fragment {
        return;
    }
    let url = format!(
        "{}{}{fragment}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = gloo::utils::window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Keeps the address bar's link and the session in local storage in step with the view: both
/// written after the frame showing a change is painted, or [`WRITE_DELAY_MS`] after the last
/// change of a slider's run, or at once if the reader leaves the page before that.
/// `history.replaceState` takes several milliseconds in Chromium, and serialising the session and
/// storing it a few tenths: done at once, they held up the frame showing every edit.
#[hook]
pub fn use_saved_after_paint(state: &UseReducerHandle<AppState>) {
    // The state whose link is not in the address bar yet.
    let unwritten = use_mut_ref(|| None::<UseReducerHandle<AppState>>);
    {
        let unwritten = unwritten.clone();
        use_effect_with((), move |_| {
            let leaving = web_sys::window()
                .map(|window| EventListener::new(&window, "pagehide", move |_| flush(&unwritten)));
            move || drop(leaving)
        });
    }
    let deps = (
        state.scenario.clone(),
        state.saved.clone(),
        state.restored,
        state.lang,
    );
    let state = state.clone();
    use_effect_with(deps, move |_| {
        let sliding = state.is_sliding();
        *unwritten.borrow_mut() = Some(state);
        if sliding {
            // A slider's run of changes writes its link once, after the last. Dropping the timeout
            // cancels it: the next change writes its own link.
            let later = Timeout::new(WRITE_DELAY_MS, move || flush(&unwritten));
            Box::new(move || drop(later)) as Box<dyn FnOnce()>
        } else {
            // Any other change is in the address once the frame showing it is painted, so a
            // reload right after it (a reader's, or a test's) opens what the page showed.
            super::after_next_paint(move || flush(&unwritten));
            Box::new(|| ())
        }
    });
}

fn flush(unwritten: &RefCell<Option<UseReducerHandle<AppState>>>) {
    let state = unwritten.borrow_mut().take();
    if let Some(state) = state {
        write(&state);
        super::storage::save(&state);
    }
}

/// The full address of the current view, to copy: the page's address with the view's link, which
/// may not be in the address bar yet ([`use_saved_after_paint`]).
pub fn current_url(state: &AppState) -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    let page = href.split('#').next().unwrap_or_default();
    match state.link_fragment() {
        Some(fragment) => format!("{page}#{fragment}"),
        None => page.to_string(),
    }
}
