//! Opening the page: mounting the app with what the address and storage hold, and the service
//! worker that keeps an offline copy.

use super::{link, storage};

/// Mounts the app on `#app`, or on `<body>` if the page has no such element.
pub fn start() {
    register_service_worker();
    let document = gloo::utils::document();
    let root = document
        .get_element_by_id("app")
        .or_else(|| document.body().map(Into::into));
    if let Some(root) = root {
        // A page saved with "Save page as… complete" holds the rendered app inside #app;
        // yew empties its root before mounting, so the app replaces the copy, never joins it
        // (tests/e2e: "a saved page mounts once").
        mount(root);
    }
}

/// Mounts the app on `root` as the page opens it: the query string's options, and the session
/// that local storage and the share link hold, read here so the first render already shows it.
pub fn mount(root: web_sys::Element) {
    let query = gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default();
    let options = super::query::start_options(&query);
    let props = crate::ui::AppProps {
        lang: None,
        session: crate::core::Dataset::embedded()
            .ok()
            .map(|d| read_session(d, &options)),
        options,
        kept: kept_sections(&root),
    };
    yew::Renderer::<crate::ui::App>::with_root_and_props(root, props).render();
}

/// The build's prerendered page (xtask/src/prerender.rs) is replaced as yew empties the root, in
/// the same task as the app's first render: one frame, one mount. The sections that render leaves
/// for after the first paint are kept from it and shown in their places until then, unless the
/// page marked the prerender stale (it shows other figures than the address asks for).
fn kept_sections(root: &web_sys::Element) -> Option<crate::ui::Kept> {
    let has_class = |element: &web_sys::Element, name: &str| {
        element
            .get_attribute("class")
            .is_some_and(|classes| classes.split_whitespace().any(|c| c == name))
    };
    let document = gloo::utils::document();
    let stale = document
        .document_element()
        .is_some_and(|html| has_class(&html, "jk-stale"));
    let main = root
        .query_selector("main[data-prerendered]")
        .ok()
        .flatten()?;
    if stale || has_class(&main, "embed") {
        return None;
    }
    let (mut above, mut below) = (Vec::new(), Vec::new());
    let mut past_charts = false;
    let mut past_assumptions = false;
    let mut next = main.first_element_child();
    while let Some(child) = next {
        next = child.next_element_sibling();
        if has_class(&child, "charts") {
            past_charts = true;
        } else if child.get_attribute("data-testid").as_deref() == Some("assumptions") {
            past_assumptions = true;
        } else if past_assumptions {
            below.push(child.into());
        } else if past_charts {
            above.push(child.into());
        }
    }
    Some(crate::ui::Kept {
        above: std::rc::Rc::new(above),
        below: std::rc::Rc::new(below),
    })
}

/// What storage holds for `dataset`, unless the address has a share link, which names exactly
/// the view to show and so wins over the last session; without one, the query's choices
/// (`?source=…`) are laid over the stored scenario: the address wins over what was kept.
fn read_session(
    dataset: &crate::core::Dataset,
    options: &crate::state::StartOptions,
) -> crate::state::Session {
    let (stored, saved, stored_notice) = storage::load(&dataset.id);
    let (lang, current, notice) = match link::read(dataset) {
        // A link made against an earlier release opens all the same, saying the data changed.
        Some(Ok(shared)) => (
            shared.lang,
            Some(shared.scenario),
            shared
                .changed
                .then_some(crate::state::Notice::Link(
                    crate::core::link::LinkError::OtherData,
                ))
                .or(stored_notice),
        ),
        Some(Err(kind)) => (None, None, Some(crate::state::Notice::Link(kind))),
        None => (
            None,
            stored.map(|s| options.over(dataset, s)),
            stored_notice,
        ),
    };
    crate::state::Session {
        lang,
        current,
        saved,
        notice,
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
