//! A chart model drawn on a `<canvas>`, redrawn when what it shows or its width changes.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::chart::PlotGeometry;
use crate::core::chart_model::ChartModel;

/// Draws `model` on the canvas `canvas` refers to (`dark` colours, a cursor line at `year`) and
/// keeps it drawn as its size changes; where the plot landed goes into `geometry`, for mapping a
/// pointer to a year. Until the page has been `painted` once, a canvas that starts below the
/// window waits, so the chart the reader sees is drawn first; after that, a canvas out of the
/// window is redrawn in the task after the next frame, so an edit's frame draws only the charts the
/// reader can see. Returns the canvas's width in CSS pixels as last measured (0 before it is).
#[hook]
pub fn use_canvas_chart(
    canvas: NodeRef,
    model: Rc<ChartModel>,
    dark: bool,
    year: Option<i32>,
    painted: bool,
    geometry: Rc<RefCell<PlotGeometry>>,
) -> i32 {
    let size = super::use_element_size(canvas.clone());
    let on_screen = super::use_on_screen(canvas.clone());
    let last = use_mut_ref(|| None::<crate::chart::canvas::LastDraw>);
    // Which request to draw is the newest: one left for after the frame gives way to a later one.
    let newest = use_mut_ref(|| 0_u32);
    use_effect_with(
        (model, dark, size, canvas, year, painted),
        move |(model, dark, size, canvas, year, painted)| {
            let Some(element) = canvas.cast::<web_sys::HtmlCanvasElement>() else {
                return;
            };
            // A chart that starts below the first screen is drawn after the first paint,
            // so the one the reader sees gets there first.
            if !*painted && super::starts_below_the_screen(&element) {
                return;
            }
            let ticket = {
                let mut newest = newest.borrow_mut();
                *newest = newest.wrapping_add(1);
                *newest
            };
            let (model, dark, size, year) = (model.clone(), *dark, *size, *year);
            let draw = move || {
                if *newest.borrow() == ticket {
                    draw(&element, &model, dark, size, year, &last, &geometry);
                }
            };
            if on_screen.get() {
                draw();
            } else {
                super::after_next_paint(draw);
            }
        },
    );
    size.0
}

/// Draws `model` on `element` (see [`use_canvas_chart`]) at its measured CSS `size`, and notes
/// what the axis spans for the end-to-end checks.
fn draw(
    element: &web_sys::HtmlCanvasElement,
    model: &Rc<ChartModel>,
    dark: bool,
    size: (i32, i32),
    year: Option<i32>,
    last: &RefCell<Option<crate::chart::canvas::LastDraw>>,
    geometry: &RefCell<PlotGeometry>,
) {
    match crate::chart::canvas::draw_on(element, model, dark, year, size, &mut last.borrow_mut()) {
        Ok(drawn) => {
            // What the axis spans and the largest figure not projected, in thousandths of the
            // chart's unit (integers: formatting an f64 would bring float printing into the
            // wasm), for the end-to-end check that no projection flattens the history.
            let milli = |v: f64| (v * 1000.0).round() as i64;
            let largest = model
                .reach()
                .map_or(0.0, |r| r / crate::core::chart_model::AXIS_REACH);
            let _ = element.set_attribute(
                "data-y-range",
                &format!("{} {}", milli(drawn.y_range.0), milli(drawn.y_range.1)),
            );
            let _ = element.set_attribute("data-largest-observed", &milli(largest).to_string());
            *geometry.borrow_mut() = drawn;
        }
        Err(error) => gloo::console::error!(format!("chart: {error}")),
    }
}
