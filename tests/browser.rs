//! Browser tests: the app mounted in headless Chromium through wasm-bindgen-test.
//!
//! Run with `make test-browser` (chromedriver drives Debian's chromium; see `webdriver.json`).
//! Tests await yew's scheduler (`yew::scheduler::flush`) rather than sleeping.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh app in its own element and waits until it has rendered and run its effects.
async fn mount() -> Element {
    let document = gloo::utils::document();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    yew::Renderer::<jikgu::ui::App>::with_root(host.clone()).render();
    yew::scheduler::flush().await;
    host
}

fn by_testid(root: &Element, id: &str) -> Element {
    root.query_selector(&format!("[data-testid=\"{id}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no [data-testid={id}] in {}", root.inner_html()))
}

#[wasm_bindgen_test]
async fn headline_shows_a_computed_figure() {
    let app = mount().await;
    let text = by_testid(&app, "headline")
        .text_content()
        .unwrap_or_default();
    assert!(
        text.chars().any(|c| c.is_ascii_digit()),
        "headline shows a number: {text:?}"
    );
}

#[wasm_bindgen_test]
async fn chart_canvas_has_ink_at_the_screen_pixel_ratio() {
    let app = mount().await;
    let canvas: HtmlCanvasElement = by_testid(&app, "chart")
        .query_selector("canvas")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let ratio = gloo::utils::window().device_pixel_ratio();
    assert_eq!(
        f64::from(canvas.width()),
        (f64::from(canvas.client_width()) * ratio).round(),
        "the backing store is sized for devicePixelRatio"
    );
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let pixels = context
        .get_image_data(
            0.0,
            0.0,
            f64::from(canvas.width()),
            f64::from(canvas.height()),
        )
        .unwrap()
        .data();
    let inked = pixels
        .chunks(4)
        .filter(|p| p[3] > 0 && (p[0] < 200 || p[1] < 200 || p[2] < 200))
        .count();
    assert!(inked > 100, "the chart drew something: {inked} dark pixels");
}
