//! Inside an article's iframe: tell the host page how tall the calculator is, and listen to the
//! few things a host may ask.
//!
//! Height goes out on every layout change (a `ResizeObserver` on the app), in the three formats
//! news sites already listen for: Pym.js v1 (`pymxPYMx<id>xPYMxheightxPYMx<px>`), AMP
//! (`{sentinel: "amp", type: "embed-size", height}`) and Datawrapper's
//! (`{"datawrapper-height": {<id>: px}}`). From the host, only messages from the parent window are
//! read, and only `{jikgu: {lang: "ko"|"en", theme: "light"|"dark"|"system"}}`.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{Element, MessageEvent, ResizeObserver};

use yew::prelude::*;

use crate::core::Lang;
use crate::state::{Action, Theme};

/// Inside an article's iframe, from the moment the component mounts: reports the height of the
/// element `main` refers to to the host page as it changes, and hands the host's requests to
/// `on_request` as actions (none when it is `None`).
#[hook]
pub fn use_host_page(main: NodeRef, child_id: String, on_request: Option<Callback<Action>>) {
    use_effect_with((), move |_| {
        let height = main
            .cast::<Element>()
            .and_then(|element| report_height(&element, &child_id));
        let listener = on_request.map(|on_request| {
            listen_to_host(move |request| {
                on_request.emit(match request {
                    HostRequest::Lang(lang) => Action::SetLang(lang),
                    HostRequest::Theme(theme) => Action::SetTheme(theme),
                })
            })
        });
        move || {
            if let Some((observer, _)) = &height {
                observer.disconnect();
            }
            drop((height, listener));
        }
    });
}

/// What a host may ask for.
pub enum HostRequest {
    /// Read in this language.
    Lang(Lang),
    /// Use this theme.
    Theme(Theme),
}

/// Watches `element` and posts its height to the parent window whenever it changes. Returns what
/// must be kept alive for as long as the watching should go on.
pub fn report_height(
    element: &Element,
    child_id: &str,
) -> Option<(ResizeObserver, Closure<dyn FnMut()>)> {
    let window = gloo::utils::window();
    let parent = window.parent().ok().flatten()?;
    if parent == window {
        return None;
    }
    let id = child_id.to_string();
    let last = Rc::new(Cell::new(0_i32));
    let target = element.clone();
    let post = Closure::<dyn FnMut()>::new(move || {
        let rect = target.get_bounding_client_rect();
        let height =
            (rect.bottom() + gloo::utils::window().scroll_y().unwrap_or(0.0)).ceil() as i32;
        if height <= 0 || height == last.get() {
            return;
        }
        last.set(height);
        for message in height_messages(&id, height) {
            let _ = parent.post_message(&message, "*");
        }
    });
    let observer = ResizeObserver::new(post.as_ref().unchecked_ref()).ok()?;
    observer.observe(element);
    Some((observer, post))
}

fn height_messages(id: &str, height: i32) -> Vec<wasm_bindgen::JsValue> {
    let pym = wasm_bindgen::JsValue::from_str(&format!("pymxPYMx{id}xPYMxheightxPYMx{height}"));
    let amp = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&amp, &"sentinel".into(), &"amp".into());
    let _ = js_sys::Reflect::set(&amp, &"type".into(), &"embed-size".into());
    let _ = js_sys::Reflect::set(&amp, &"height".into(), &height.into());
    let inner = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&inner, &id.into(), &height.into());
    let datawrapper = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&datawrapper, &"datawrapper-height".into(), &inner);
    vec![pym, amp.into(), datawrapper.into()]
}

/// Listens for the host's documented requests; anything else, or from any other window, is ignored.
pub fn listen_to_host(on_request: impl Fn(HostRequest) + 'static) -> Option<EventListener> {
    let window = gloo::utils::window();
    let parent = window.parent().ok().flatten()?;
    if parent == window {
        return None;
    }
    Some(EventListener::new(&window, "message", move |event| {
        let Some(event) = event.dyn_ref::<MessageEvent>() else {
            return;
        };
        let from_parent = event
            .source()
            .and_then(|s| s.dyn_into::<web_sys::Window>().ok())
            .is_some_and(|s| s == parent);
        if !from_parent {
            return;
        }
        let Ok(request) = js_sys::Reflect::get(&event.data(), &"jikgu".into()) else {
            return;
        };
        if !request.is_object() {
            return;
        }
        let text = |key: &str| {
            js_sys::Reflect::get(&request, &key.into())
                .ok()
                .and_then(|v| v.as_string())
        };
        match text("lang").as_deref() {
            Some("ko") => on_request(HostRequest::Lang(Lang::Ko)),
            Some("en") => on_request(HostRequest::Lang(Lang::En)),
            _ => {}
        }
        let theme = text("theme");
        if let Some(theme) = [Theme::System, Theme::Light, Theme::Dark]
            .into_iter()
            .find(|t| Some(t.id()) == theme.as_deref())
        {
            on_request(HostRequest::Theme(theme));
        }
    }))
}

/// The address of the full calculator: this page without the embed options.
pub fn full_calculator_base() -> String {
    let location = gloo::utils::window().location();
    let path = location.pathname().unwrap_or_default();
    let query: Vec<String> = location
        .search()
        .unwrap_or_default()
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or_default();
            !pair.is_empty() && key != "embed" && key != "childId"
        })
        .map(str::to_string)
        .collect();
    if query.is_empty() {
        path
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// The folder the calculator is served from, as an absolute URL ending in `/`, for embed code.
pub fn served_folder() -> String {
    let location = gloo::utils::window().location();
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    let folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
    format!("{origin}{folder}/")
}
