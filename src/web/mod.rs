//! Effects that talk to the browser. Only compiled for wasm32; the core and the reducer never call
//! into here.

pub mod download;
pub mod embed;
pub mod link;
pub mod storage;

use gloo::events::EventListener;
use yew::prelude::*;

/// The CSS width of `node`, updated when the window resizes, so a chart can redraw at its new size.
#[hook]
pub fn use_element_width(node: NodeRef) -> i32 {
    let width = use_state_eq(|| 0);
    {
        let width = width.clone();
        use_effect_with(node, move |node| {
            let measure = {
                let node = node.clone();
                move || {
                    node.cast::<web_sys::Element>()
                        .map(|e| e.client_width())
                        .unwrap_or(0)
                }
            };
            width.set(measure());
            let listener = web_sys::window()
                .map(|window| EventListener::new(&window, "resize", move |_| width.set(measure())));
            move || drop(listener)
        });
    }
    *width
}

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

/// Mounts the app on `#app`, or on `<body>` if the page has no such element.
pub fn start() {
    register_service_worker();
    let document = gloo::utils::document();
    let query = gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default();
    let props = crate::ui::AppProps {
        lang: None,
        options: crate::state::StartOptions::from_query(&query),
    };
    match document.get_element_by_id("app") {
        Some(root) => {
            // A page saved with "Save page as… complete" holds the rendered app inside #app;
            // yew empties its root before mounting, so the app replaces the copy, never joins it
            // (tests/e2e: "a saved page mounts once").
            yew::Renderer::<crate::ui::App>::with_root_and_props(root, props).render();
        }
        None => {
            yew::Renderer::<crate::ui::App>::with_props(props).render();
        }
    }
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

/// Reads the first file chosen in `input` as text and hands its name and text to `done`.
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

/// Registers `sw.js` (written by the build) so the calculator opens offline after a first visit.
/// Only over HTTP(S) and where the browser offers service workers (not from `file://`, not in an
/// insecure context); a failure only means no offline copy, so it is a warning.
fn register_service_worker() {
    let window = gloo::utils::window();
    let protocol = window.location().protocol().unwrap_or_default();
    if protocol != "http:" && protocol != "https:" {
        return;
    }
    let navigator = window.navigator();
    let offered = js_sys::Reflect::get(&navigator, &"serviceWorker".into())
        .is_ok_and(|v| !v.is_undefined() && !v.is_null());
    if !offered {
        return;
    }
    let registering = navigator.service_worker().register("./sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        if wasm_bindgen_futures::JsFuture::from(registering)
            .await
            .is_err()
        {
            gloo::console::warn!("jikgu: no offline copy (the service worker did not register)");
        }
    });
}
