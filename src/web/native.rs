//! What stands in for the browser on the host (native tests, the build's prerender): the same
//! functions and hooks as in the browser, doing nothing, or what the page does before any effect
//! has run. Server rendering runs no effects and no event handlers, so most are never called.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::chart::PlotGeometry;
use crate::core::Lang;
use crate::core::chart_model::ChartModel;
use crate::state::{Action, AppState, Theme};

/// Always true: a native render is never waiting for a paint.
#[hook]
pub fn use_painted_since_mount() -> bool {
    true
}

/// `compute(&key)` at once, in the render itself (server rendering runs no effects).
#[hook]
pub fn use_after_next_paint<K, T, F>(
    key: K,
    compute: F,
    _stands_in: fn(&K, &K) -> bool,
) -> Option<Rc<T>>
where
    K: PartialEq + Clone + 'static,
    T: 'static,
    F: FnOnce(&K) -> T + 'static,
{
    Some(use_memo(key, compute))
}

/// `value` itself: a native render shows one frame only.
#[hook]
pub fn use_deferred<T: Clone + 'static>(value: T, _same: fn(&T, &T) -> bool) -> T {
    value
}

/// Always light: there is no system preference to read.
#[hook]
pub fn use_prefers_dark() -> bool {
    false
}

/// Nothing to set.
pub fn set_page_theme(_theme: Theme) {}

/// English, the language a browser without a Korean preference opens in.
pub fn preferred_lang() -> Lang {
    Lang::En
}

/// Nothing to set.
pub fn set_document_lang(_lang: Lang) {}

/// Nothing to focus.
pub fn focus_element(_id: &str) {}

/// No file can be chosen.
pub fn read_chosen_file(
    _input: &web_sys::HtmlInputElement,
    _done: impl FnOnce(String, String) + 'static,
) {
}

/// Reports the link as copied: there is no clipboard to refuse.
pub fn copy_link(_state: &AppState, done: impl FnOnce(Result<(), String>) + 'static) {
    done(Ok(()));
}

/// To standard error, the host's console.
pub fn log_error(message: &str) {
    eprintln!("{message}");
}

/// There is no address bar, and nothing is stored.
#[hook]
pub fn use_saved_after_paint(_state: &UseReducerHandle<AppState>) {}

/// There is no host page to report to or listen to.
#[hook]
pub fn use_host_page(_main: NodeRef, _child_id: String, _on_request: Option<Callback<Action>>) {}

/// The page's own folder, relative.
pub fn full_calculator_base() -> String {
    "./".to_string()
}

/// A placeholder address for the embed code.
pub fn served_folder() -> String {
    "https://example.org/jikgu/".to_string()
}

/// The Unix epoch: the host has no page clock, and nothing is downloaded here.
pub fn now_iso() -> String {
    "1970-01-01T00:00:00.000Z".to_string()
}

/// Nothing is downloaded.
pub fn save_text(_name: &str, _mime: &str, _text: &str) {}

/// Nothing is downloaded.
pub fn save_canvas_png(_canvas: &NodeRef, _name: &str) {}

/// No canvas is drawn (the build's prerender draws the chart as SVG instead).
#[hook]
pub fn use_canvas_chart(
    _canvas: NodeRef,
    _model: Rc<ChartModel>,
    _dark: bool,
    _year: Option<i32>,
    _painted: bool,
    _geometry: Rc<RefCell<PlotGeometry>>,
) -> i32 {
    0
}
