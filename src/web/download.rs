//! Handing a file made in the page to the browser as a download: a `Blob`, an object URL and a
//! clicked `<a download>`. Also the clock an export's header needs, which the core does not have.

use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlCanvasElement, Url};

#[wasm_bindgen]
extern "C" {
    /// JavaScript's `Date`, for the one call that needs it.
    type Date;
    #[wasm_bindgen(constructor)]
    fn new() -> Date;
    #[wasm_bindgen(method, js_name = toISOString)]
    fn to_iso_string(this: &Date) -> String;
}

/// The time now as an ISO 8601 UTC timestamp, e.g. `2025-07-10T09:00:00.000Z`.
pub fn now_iso() -> String {
    Date::new().to_iso_string()
}

/// Saves `blob` as `name` through a temporary link; the object URL is released afterwards.
fn save(blob: &Blob, name: &str) -> Result<(), JsValue> {
    let url = Url::create_object_url_with_blob(blob)?;
    let document = gloo::utils::document();
    let link: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.set_attribute("hidden", "")?;
    let body = document.body().ok_or("no <body>")?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    // Some browsers start the download after the click returns: release the URL on the next turn.
    gloo::timers::callback::Timeout::new(0, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Downloads `text` as a file `name` of type `mime` (UTF-8); a failure goes to the console.
pub fn save_text(name: &str, mime: &str, text: &str) {
    if let Err(error) = download_text(name, mime, text) {
        gloo::console::error!(format!("download {name}:"), error);
    }
}

/// Downloads what the canvas `canvas` refers to shows as a PNG file `name` (at the canvas's full
/// device resolution); a failure goes to the console.
pub fn save_canvas_png(canvas: &yew::NodeRef, name: &str) {
    let Some(canvas) = canvas.cast::<HtmlCanvasElement>() else {
        return;
    };
    if let Err(error) = download_canvas_png(&canvas, name) {
        gloo::console::error!(format!("download {name}:"), error);
    }
}

fn download_text(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let parts = JsValue::from(vec![JsValue::from_str(text)]);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    save(&blob, name)
}

fn download_canvas_png(canvas: &HtmlCanvasElement, name: &str) -> Result<(), JsValue> {
    let name = name.to_string();
    let done = Closure::once_into_js(move |blob: Option<Blob>| {
        let saved = blob
            .ok_or_else(|| JsValue::from_str("the canvas gave no image"))
            .and_then(|b| save(&b, &name));
        if let Err(error) = saved {
            gloo::console::error!("png export:", error);
        }
    });
    canvas.to_blob(done.unchecked_ref())
}
