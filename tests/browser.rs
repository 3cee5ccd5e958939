//! Browser tests: the app mounted in headless Chromium through wasm-bindgen-test.
//!
//! Run with `make test-browser` (chromedriver drives Debian's chromium; see `webdriver.json`).
//! Tests await yew's scheduler (`yew::scheduler::flush`) and the frames after a change (`settled`)
//! rather than sleeping.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh app in its own element and waits until it has rendered and run its effects.
async fn mount() -> Element {
    // Each test starts from the published defaults, not from what an earlier test left saved
    // in storage or in the address bar's share link.
    let _ = gloo::utils::window()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear();
    clear_link();
    mount_keeping_storage().await
}

/// Mounts a fresh app opened on KIEP's 2023 figures through the query options, as a link from an
/// article quoting KIEP would: the page itself opens on today's official series.
async fn mount_on_kiep() -> Element {
    let _ = gloo::utils::window()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear();
    let window = gloo::utils::window();
    let path = window.location().pathname().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}?source=kiep-2025-07-02&year=2023")),
        )
        .unwrap();
    let app = mount_keeping_storage().await;
    clear_link();
    app
}

/// Removes the share link an earlier app wrote into this page's address.
fn clear_link() {
    let window = gloo::utils::window();
    let path = window.location().pathname().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .unwrap();
}

/// Mounts a fresh app over whatever local storage holds, as a reload would, and waits until it
/// has settled: rendered, painted once, and the parts that follow the first paint rendered too.
async fn mount_keeping_storage() -> Element {
    let document = gloo::utils::document();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    jikgu::web::mount(host.clone());
    settled().await;
    host
}

/// Waits until the app has settled after a change: rendered, and what follows the frame showing it
/// done too (the sections that follow an edit one frame later, a chart out of the window, the
/// session written to storage), twice over, so whatever the first round started is finished.
async fn settled() {
    for _ in 0..2 {
        yew::scheduler::flush().await;
        after_next_paint().await;
    }
    yew::scheduler::flush().await;
}

/// Resolves in the task after the next frame is painted (a timeout queued from a frame callback),
/// after the app's own wait for its first paint, which was queued first.
async fn after_next_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let later = wasm_bindgen::closure::Closure::once_into_js(move || {
            gloo::utils::window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .unwrap();
        });
        gloo::utils::window()
            .request_animation_frame(later.unchecked_ref())
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
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

/// The canvas's 2D context, which every canvas the tests make or find has.
fn context_2d(canvas: &HtmlCanvasElement) -> CanvasRenderingContext2d {
    canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap()
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
    let context = context_2d(&canvas);
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

/// The app paints a chart with only the style changes it needs and runs of lines as one path
/// (`chart::paint`); the pixels must be those plotters' own canvas backend draws, call by call
/// (to within a few steps of 255 at the anti-aliased edges where two subpaths meet).
#[wasm_bindgen_test]
fn a_chart_painted_with_fewer_calls_has_plotters_pixels() {
    use jikgu::chart::{ChartStyle, record};
    use jikgu::core::chart_model::{annotate, balance_chart_with, flows_chart_with};
    use jikgu::core::{Dataset, Lang, Partner, Scenario, compute};
    let data = Dataset::embedded().unwrap();
    let out = compute(data, &Scenario::default());
    let mut balance = balance_chart_with(&out, Partner::All, Lang::Ko, None);
    annotate(&mut balance, data, out.view);
    let flows = flows_chart_with(&out, Lang::En, None);
    let document = gloo::utils::document();
    let canvas = |width: u32, height: u32| {
        let canvas: HtmlCanvasElement = document
            .create_element("canvas")
            .unwrap()
            .dyn_into()
            .unwrap();
        canvas.set_width(width);
        canvas.set_height(height);
        let context = context_2d(&canvas);
        (canvas, context)
    };
    for (model, dark) in [(&balance, false), (&flows, true), (&balance, true)] {
        let (width, height) = (1000, 600);
        let style = ChartStyle {
            scale: 2.0,
            dark,
            cursor: Some(2019),
        };
        let (recording, _) = record(model, (width, height), &style).unwrap();
        let (ours, ours_context) = canvas(width, height);
        jikgu::chart::canvas::paint_recording(&ours_context, &recording).unwrap();
        let (theirs, theirs_context) = canvas(width, height);
        let mut backend = plotters_canvas::CanvasBackend::with_canvas_object(theirs).unwrap();
        recording.replay(&mut backend).unwrap();
        let pixels = |context: &CanvasRenderingContext2d| {
            context
                .get_image_data(0.0, 0.0, f64::from(width), f64::from(height))
                .unwrap()
                .data()
                .to_vec()
        };
        let (a, b) = (pixels(&ours_context), pixels(&theirs_context));
        let inked = a.chunks(4).filter(|p| p[3] > 0).count();
        assert!(inked > 10_000, "{}: drawn ({inked} pixels)", model.title);
        // Subpaths of one colour stroked together blend their anti-aliased edges where they meet
        // (a line and its dashed projection) in one pass, not two: a few steps of 255 apart
        // there (1 in the balance chart, 9 in the flows chart when written), nowhere else.
        let worst = a
            .iter()
            .zip(&b)
            .map(|(x, y)| x.abs_diff(*y))
            .max()
            .unwrap_or(0);
        assert!(
            worst <= 16,
            "{} (dark {dark}): pixels {worst}/255 unlike plotters' own",
            model.title
        );
        let differing = a.chunks(4).zip(b.chunks(4)).filter(|(x, y)| x != y).count();
        assert!(
            differing * 100 < inked,
            "{} (dark {dark}): {differing} of {inked} pixels unlike plotters' own",
            model.title
        );
        drop(ours);
    }
}

fn input(root: &Element, selector: &str) -> web_sys::HtmlInputElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into()
        .unwrap()
}

fn fire(target: &web_sys::HtmlInputElement, kind: &str) {
    let event = web_sys::Event::new_with_event_init_dict(kind, &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    target.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn the_horizon_slider_and_field_stay_in_step() {
    let app = mount().await;
    let slider = input(&app, "#field-horizon-slider");
    let field = input(&app, "#field-horizon");
    assert_eq!(field.value(), "2030", "the default horizon");

    slider.set_value("2036");
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    slider.dispatch_event(&event).unwrap();
    settled().await;
    assert_eq!(field.value(), "2036", "the field follows the slider");

    field.set_value("2033");
    fire(&field, "change");
    settled().await;
    assert_eq!(slider.value(), "2033", "the slider follows the field");

    field.set_value("2050");
    fire(&field, "change");
    settled().await;
    assert_eq!(field.value(), "2050", "refused text stays in the field");
    assert_eq!(
        field.get_attribute("aria-invalid").as_deref(),
        Some("true"),
        "and is marked invalid"
    );
    assert_eq!(slider.value(), "2033", "the last valid horizon holds");
    let message = app
        .query_selector("#field-horizon-error")
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert!(
        message.contains("2040"),
        "the message gives the range: {message}"
    );
}

#[wasm_bindgen_test]
async fn choosing_a_rate_seek_shows_the_storys_implied_rate() {
    let app = mount_on_kiep().await;
    let radio = input(&app, "#seek-kind-rate");
    radio.set_checked(true);
    fire(&radio, "change");
    settled().await;
    let answer = by_testid(&app, "goal-answer");
    assert_eq!(
        answer.get_attribute("data-status").as_deref(),
        Some("solved")
    );
    let text = answer.text_content().unwrap_or_default();
    assert!(text.contains("1,396.0"), "₩1,396.0 per $: {text}");
}

#[wasm_bindgen_test]
async fn arrow_keys_on_a_focused_chart_read_out_a_year() {
    use web_sys::{HtmlElement, KeyboardEvent, KeyboardEventInit};
    let app = mount().await;
    let chart: HtmlElement = by_testid(&app, "chart").dyn_into().unwrap();
    let figure = chart.parent_element().unwrap();
    let readout = || {
        by_testid(&figure, "chart-readout")
            .text_content()
            .unwrap_or_default()
    };
    chart.focus().unwrap();
    let before = readout();
    let press = |key: &str| {
        let init = KeyboardEventInit::new();
        init.set_key(key);
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        chart.dispatch_event(&event).unwrap();
    };
    press("ArrowRight");
    settled().await;
    let first = readout();
    assert_ne!(first, before, "→ puts the cursor on a year");
    assert!(
        first.starts_with("20"),
        "the readout starts with the year: {first}"
    );
    press("ArrowRight");
    settled().await;
    let second = readout();
    assert_ne!(second, first, "→ again moves to the next year: {second}");
    press("End");
    settled().await;
    assert!(
        readout().starts_with("2030"),
        "End goes to the last year: {}",
        readout()
    );
}

#[wasm_bindgen_test]
async fn edits_survive_a_reload_and_unreadable_storage_is_set_aside() {
    use wasm_bindgen::JsCast;
    let app = mount().await;
    let input: web_sys::HtmlInputElement = app
        .query_selector(
            "[data-testid=\"cell\"][data-series=\"balance.all\"][data-year=\"2025\"] input",
        )
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_value("-8");
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settled().await;

    // Reopened, the page shows the edit (the session is part of its first state: see
    // tests/state.rs), and what lies below the first screen follows the first paint.
    let reloaded = {
        let document = gloo::utils::document();
        let host = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&host).unwrap();
        jikgu::web::mount(host.clone());
        yew::scheduler::flush().await;
        host
    };
    let headline = by_testid(&reloaded, "headline")
        .text_content()
        .unwrap_or_default();
    assert!(
        headline.contains("8 trillion"),
        "the edit came back after a reload: {headline}"
    );
    let claims = |root: &Element| {
        root.query_selector_all("[data-testid=\"claim\"]")
            .unwrap()
            .length()
    };
    assert_eq!(claims(&reloaded), 0, "the claims wait for the first paint");
    after_next_paint().await;
    settled().await;
    assert!(claims(&reloaded) > 0, "and are there right after it");

    let storage = gloo::utils::window().local_storage().unwrap().unwrap();
    storage.set_item("jikgu.session", "{not json").unwrap();
    clear_link();
    let clean = mount_keeping_storage().await;
    settled().await;
    let headline = by_testid(&clean, "headline")
        .text_content()
        .unwrap_or_default();
    assert!(
        headline.contains("5.485 trillion"),
        "unreadable storage: the page starts clean on the 2025 balance: {headline}"
    );
    assert_eq!(
        storage
            .get_item("jikgu.session.unreadable")
            .unwrap()
            .as_deref(),
        Some("{not json"),
        "what could not be read is set aside, not deleted"
    );
    assert!(
        clean
            .text_content()
            .unwrap_or_default()
            .contains("set aside"),
        "and the reader is told"
    );
}

/// Types `text` into a table cell and commits it as Enter or leaving the field would.
async fn edit_cell(
    app: &Element,
    series: &str,
    year: i32,
    text: &str,
) -> web_sys::HtmlInputElement {
    use wasm_bindgen::JsCast;
    let input: web_sys::HtmlInputElement = app
        .query_selector(&format!(
            "[data-testid=\"cell\"][data-series=\"{series}\"][data-year=\"{year}\"] input"
        ))
        .unwrap()
        .unwrap_or_else(|| panic!("no cell {series} {year}"))
        .dyn_into()
        .unwrap();
    input.set_value(text);
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settled().await;
    input
}

fn verdict(app: &Element, claim: &str) -> String {
    app.query_selector(&format!("[data-testid=\"claim\"][data-claim=\"{claim}\"]"))
        .unwrap()
        .unwrap()
        .get_attribute("data-verdict")
        .unwrap_or_default()
}

fn click(app: &Element, selector: &str) {
    use wasm_bindgen::JsCast;
    let element: web_sys::HtmlElement = app
        .query_selector(selector)
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    element.click();
}

#[wasm_bindgen_test]
async fn edit_flips_a_verdict_and_reset_and_undo_bring_it_back() {
    let app = mount_on_kiep().await;
    assert_eq!(verdict(&app, "C3"), "holds", "C3 holds on KIEP's figures");

    let input = edit_cell(&app, "purchases.china", 2023, "4조").await;
    assert_eq!(
        verdict(&app, "C3"),
        "fails",
        "3.23 trillion no longer matches an edit of 4 trillion"
    );
    assert_eq!(input.value(), "4", "the cell shows the edit in its unit");

    click(
        &app,
        "[data-series=\"purchases.china\"][data-year=\"2023\"] button.reset",
    );
    settled().await;
    assert_eq!(
        verdict(&app, "C3"),
        "holds",
        "resetting the cell restores the published figure"
    );

    click(&app, ".toolbar button:first-child");
    settled().await;
    assert_eq!(verdict(&app, "C3"), "fails", "undo brings the edit back");
    let keyboard = web_sys::KeyboardEventInit::new();
    keyboard.set_key("z");
    keyboard.set_ctrl_key(true);
    keyboard.set_shift_key(true);
    keyboard.set_bubbles(true);
    let redo =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &keyboard).unwrap();
    input.dispatch_event(&redo).unwrap();
    settled().await;
    assert_eq!(
        verdict(&app, "C3"),
        "holds",
        "Ctrl+Shift+Z redoes the reset"
    );

    let bad = edit_cell(&app, "purchases.china", 2023, "four").await;
    assert_eq!(
        bad.get_attribute("aria-invalid").as_deref(),
        Some("true"),
        "bad input is flagged"
    );
    let message_id = bad.get_attribute("aria-describedby").unwrap();
    let message = gloo::utils::document()
        .get_element_by_id(&message_id)
        .unwrap()
        .text_content()
        .unwrap_or_default();
    assert!(!message.is_empty(), "and explained: {message}");
    assert_eq!(
        verdict(&app, "C3"),
        "holds",
        "the last valid value stays in force"
    );
}
