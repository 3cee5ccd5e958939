//! Drawing a chart model on a `<canvas>`, sharp on HiDPI screens.
//!
//! plotters draws in canvas pixels and does not scale for `devicePixelRatio` (plotters#164), so the
//! canvas's backing store is sized to its CSS box times the ratio, and [`ChartStyle::scale`] grows
//! text and strokes to match.
//!
//! The first chart drawn leaves a `performance.mark` named [`FIRST_CHART_MARK`], so a benchmark can
//! time the page from navigation to its first chart (`tests/e2e/bench/first-chart.mjs`).

use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::paint::{Call, Sink, plan_into};
use super::record::Recording;
use super::{ChartStyle, PlotGeometry, record};
use crate::core::chart_model::ChartModel;

/// What a canvas was last drawn with, so the same picture is not drawn again: on the page's first
/// render each chart's effect runs a second time once its width is known, with nothing else changed,
/// and an edit can rebuild a model equal to the one drawn.
pub struct LastDraw {
    model: Rc<ChartModel>,
    dark: bool,
    cursor: Option<i32>,
    size: (u32, u32),
    geometry: PlotGeometry,
    /// How many times the canvas was drawn.
    draws: u32,
}

/// Sizes `canvas` for the screen, draws `model` on it with a cursor line at `cursor`, and says where
/// the plot landed in CSS pixels. `css` is the canvas's box as last measured (`clientWidth`,
/// `clientHeight`), read from the canvas itself only while unmeasured: reading it here would make
/// the browser lay the page out in the middle of the frame. Skips the drawing when `last` shows
/// this canvas already holds it.
pub fn draw_on(
    canvas: &HtmlCanvasElement,
    model: &Rc<ChartModel>,
    dark: bool,
    cursor: Option<i32>,
    css: (i32, i32),
    last: &mut Option<LastDraw>,
) -> Result<PlotGeometry, String> {
    let ratio = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .clamp(1.0, 4.0);
    let (css_width, css_height) = match css {
        (w, h) if w > 0 && h > 0 => (w, h),
        _ => (canvas.client_width(), canvas.client_height()),
    };
    let css_width = f64::from(css_width.max(1));
    let css_height = f64::from(css_height.max(1));
    let width = (css_width * ratio).round() as u32;
    let height = (css_height * ratio).round() as u32;
    if canvas.width() != width || canvas.height() != height {
        canvas.set_width(width);
        canvas.set_height(height);
    } else if let Some(previous) = last.as_ref().filter(|l| {
        (Rc::ptr_eq(&l.model, model) || l.model == *model)
            && l.dark == dark
            && l.cursor == cursor
            && l.size == (width, height)
    }) {
        return Ok(previous.geometry);
    }
    let context = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        .ok_or("the canvas has no 2D context")?;
    let style = ChartStyle {
        scale: ratio,
        dark,
        cursor,
    };
    let (recording, drawn) = record(model, (width, height), &style)?;
    paint_recording(&context, &recording).map_err(|e| format!("{e:?}"))?;
    // How many times this canvas was drawn, so a test can see that an edit which leaves a chart's
    // model as it was does not redraw it.
    let draws = last.as_ref().map_or(0, |l| l.draws).saturating_add(1);
    let _ = canvas.set_attribute("data-draws", &draws.to_string());
    *last = Some(LastDraw {
        model: model.clone(),
        dark,
        cursor,
        size: (width, height),
        geometry: drawn,
        draws,
    });
    if !FIRST_CHART_MARKED.swap(true, Ordering::Relaxed) {
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            // A mark that cannot be made only costs the benchmark its reading.
            let _ = performance.mark(FIRST_CHART_MARK);
        }
    }
    Ok(drawn)
}

/// Draws `recording` on `context`, setting only the styles that change (see [`super::paint`]).
pub fn paint_recording(
    context: &CanvasRenderingContext2d,
    recording: &Recording,
) -> Result<(), JsValue> {
    let mut canvas = Context {
        context,
        failed: None,
    };
    plan_into(&recording.ops(), &mut canvas);
    canvas.failed.map_or(Ok(()), Err)
}

/// A 2D context taking a plan's calls as they come; the first that fails is kept.
struct Context<'c> {
    context: &'c CanvasRenderingContext2d,
    failed: Option<JsValue>,
}

impl<'a> Sink<'a> for Context<'_> {
    fn call(&mut self, call: Call<'a>) {
        let context = self.context;
        let done = match call {
            Call::Circle(x, y, r) => context.arc(x, y, r, 0.0, std::f64::consts::TAU),
            Call::FillText(text, x, y) => context.fill_text(text, x, y),
            Call::Translate(x, y) => context.translate(x, y),
            Call::Rotate(angle) => context.rotate(angle),
            call => {
                match call {
                    Call::FillStyle(color) => context.set_fill_style_str(&color),
                    Call::StrokeStyle(color) => context.set_stroke_style_str(&color),
                    Call::LineWidth(width) => context.set_line_width(width),
                    Call::Font(font) => context.set_font(&font),
                    Call::TextAlign(align) => context.set_text_align(align),
                    Call::TextBaseline(baseline) => context.set_text_baseline(baseline),
                    Call::FillRect(x, y, w, h) => context.fill_rect(x, y, w, h),
                    Call::StrokeRect(x, y, w, h) => context.stroke_rect(x, y, w, h),
                    Call::BeginPath => context.begin_path(),
                    Call::MoveTo(x, y) => context.move_to(x, y),
                    Call::LineTo(x, y) => context.line_to(x, y),
                    Call::ClosePath => context.close_path(),
                    Call::Fill => context.fill(),
                    Call::Stroke => context.stroke(),
                    Call::Save => context.save(),
                    Call::Restore => context.restore(),
                    // Made above, where they can fail.
                    Call::Circle(..)
                    | Call::FillText(..)
                    | Call::Translate(..)
                    | Call::Rotate(..) => {}
                }
                Ok(())
            }
        };
        if let Err(error) = done
            && self.failed.is_none()
        {
            self.failed = Some(error);
        }
    }
}

/// The name of the `performance.mark` left when the page's first chart has been drawn.
pub const FIRST_CHART_MARK: &str = "jikgu:first-chart";

static FIRST_CHART_MARKED: AtomicBool = AtomicBool::new(false);
