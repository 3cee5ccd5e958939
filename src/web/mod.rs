//! Effects that talk to the browser. Only compiled for wasm32; the core and the reducer never call
//! into here.

pub mod download;
pub mod embed;
pub mod link;
pub mod storage;

use gloo::events::EventListener;
use wasm_bindgen::JsCast as _;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

/// The CSS width of `node`, updated whenever it changes size (the window resizing, a scrollbar
/// appearing, the layout around it changing), so a chart can redraw at its new size.
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
            let changed = Closure::<dyn FnMut()>::new(move || width.set(measure()));
            let observer = web_sys::ResizeObserver::new(changed.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(element)) = (&observer, node.cast::<web_sys::Element>()) {
                observer.observe(&element);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(changed);
            }
        });
    }
    *width
}

/// False until the page has been painted once after this component mounted, then true. The
/// calculator holds it and hands it down as `crate::ui::FirstPaint`.
#[hook]
pub fn use_after_first_paint() -> bool {
    let painted = use_state_eq(|| false);
    {
        let painted = painted.clone();
        use_effect_with((), move |_| {
            // The next frame comes after every effect of this render, the charts' drawing
            // included. A frame callback runs before that frame is painted; a task queued from
            // it runs after.
            let show = painted.clone();
            let after_paint = Closure::once_into_js(move || {
                gloo::timers::callback::Timeout::new(0, move || show.set(true)).forget();
            });
            let asked = web_sys::window()
                .map(|window| window.request_animation_frame(after_paint.unchecked_ref()));
            if !matches!(asked, Some(Ok(_))) {
                painted.set(true);
            }
        });
    }
    *painted
}

/// Runs `f` in the task after the next frame is painted (a frame callback, then a task queued from
/// it), or at once when the browser offers no frames: for work the frame being prepared must not
/// wait for, such as the uncertainty ranges of a change.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    let slot = std::rc::Rc::new(std::cell::RefCell::new(Some(f)));
    let queued = slot.clone();
    let after_paint = Closure::once_into_js(move || {
        gloo::timers::callback::Timeout::new(0, move || {
            if let Some(f) = queued.borrow_mut().take() {
                f();
            }
        })
        .forget();
    });
    let asked =
        web_sys::window().map(|window| window.request_animation_frame(after_paint.unchecked_ref()));
    if !matches!(asked, Some(Ok(_))) {
        if let Some(f) = slot.borrow_mut().take() {
            f();
        }
    }
}

/// Whether `element`'s top edge is below the bottom of the window (it cannot be seen yet).
pub fn starts_below_the_screen(element: &web_sys::Element) -> bool {
    let bottom = gloo::utils::window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(f64::INFINITY);
    element.get_bounding_client_rect().top() >= bottom
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
    let options = crate::state::StartOptions::from_query(&query);
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
