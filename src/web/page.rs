//! The reader's browser and the page it shows: language, theme, focus, a chosen file, the
//! clipboard and the console.

use gloo::events::EventListener;
use yew::prelude::*;

/// Whether the reader's system prefers a dark theme, updated when that preference changes.
#[hook]
pub fn use_prefers_dark() -> bool {
    let query = use_memo((), |_| {
        web_sys::window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
    });
    let dark = use_state_eq(|| query.as_ref().as_ref().is_some_and(|q| q.matches()));
    {
        let dark = dark.clone();
        use_effect_with(query, move |query| {
            let listener = query.as_ref().as_ref().map(|q| {
                let q2 = q.clone();
                EventListener::new(q, "change", move |_| dark.set(q2.matches()))
            });
            move || drop(listener)
        });
    }
    *dark
}

/// The reader's language from the browser's preferences: Korean if any preferred language is.
pub fn preferred_lang() -> crate::core::Lang {
    let navigator = gloo::utils::window().navigator();
    let first_korean = navigator
        .languages()
        .iter()
        .filter_map(|l| l.as_string())
        .chain(navigator.language())
        .map(|tag| crate::core::Lang::from_tag(&tag))
        .next();
    first_korean.unwrap_or_default()
}

/// Sets `<html lang>` to the reader's language, for screen readers and fonts.
pub fn set_document_lang(lang: crate::core::Lang) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// Reads the first file chosen in `input` as text and hands its name and text to `done`, then
/// empties the input, so choosing the same file again loads it again.
///
/// Reading happens off the reducer, here in the browser glue; a file that cannot be read is
/// reported to `done` as an empty text, which the core's parser then refuses with a clear message.
pub fn read_chosen_file(
    input: &web_sys::HtmlInputElement,
    done: impl FnOnce(String, String) + 'static,
) {
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return;
    };
    let name = file.name();
    input.set_value("");
    wasm_bindgen_futures::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|value| value.as_string())
            .unwrap_or_default();
        done(name, text);
    });
}

/// Scrolls the element with `id` into view and focuses it (a claim's figure → its table cell).
pub fn focus_element(id: &str) {
    use wasm_bindgen::JsCast;
    let Some(element) = gloo::utils::document().get_element_by_id(id) else {
        return;
    };
    element.scroll_into_view_with_bool(false);
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// Sets `<html data-theme>`, which the stylesheet's colours follow.
pub fn set_page_theme(theme: crate::state::Theme) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.set_attribute("data-theme", theme.id());
    }
}

/// Copies the address of `state`'s view to the clipboard and tells `done`: `Err` with the address
/// when the clipboard refused (no permission, or not a secure context), for copying by hand.
pub fn copy_link(state: &crate::state::AppState, done: impl FnOnce(Result<(), String>) + 'static) {
    let url = super::link::current_url(state);
    let clipboard = gloo::utils::window().navigator().clipboard();
    wasm_bindgen_futures::spawn_local(async move {
        let result = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&url)).await;
        done(result.map(|_| ()).map_err(|_| url));
    });
}

/// Writes `message` to the console as an error: for failures a reader cannot act on.
pub fn log_error(message: &str) {
    gloo::console::error!(message);
}
