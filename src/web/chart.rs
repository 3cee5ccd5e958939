//! A chart model drawn on a `<canvas>`, redrawn when what it shows or its width changes.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::chart::PlotGeometry;
use crate::core::chart_model::ChartModel;

/// Draws `model` on the canvas `canvas` refers to (`dark` colours, a cursor line at `year`) and
/// keeps it drawn as its width changes; where the plot landed goes into `geometry`, for mapping a
/// pointer to a year. Until the page has been `painted` once, a canvas that starts below the
/// window waits, so the chart the reader sees is drawn first. Returns the canvas's width in CSS
/// pixels as last measured (0 before it is).
#[hook]
pub fn use_canvas_chart(
    canvas: NodeRef,
    model: Rc<ChartModel>,
    dark: bool,
    year: Option<i32>,
    painted: bool,
    geometry: Rc<RefCell<PlotGeometry>>,
) -> i32 {
    let size = super::use_element_width(canvas.clone());
    let last = use_mut_ref(|| None::<crate::chart::canvas::LastDraw>);
    use_effect_with(
        (model, dark, size, canvas, year, painted),
        move |(model, dark, _, canvas, year, painted)| {
            if let Some(element) = canvas.cast::<web_sys::HtmlCanvasElement>() {
                // A chart that starts below the first screen is drawn after the first paint,
                // so the one the reader sees gets there first.
                if !*painted && super::starts_below_the_screen(&element) {
                    return;
                }
                let drawn = crate::chart::canvas::draw_on(
                    &element,
                    model,
                    *dark,
                    *year,
                    &mut last.borrow_mut(),
                );
                match drawn {
                    Ok(drawn) => {
                        // What the axis spans and the largest figure not projected, in
                        // thousandths of the chart's unit (integers: formatting an f64 would
                        // bring float printing into the wasm), for the end-to-end check that
                        // no projection flattens the history.
                        let milli = |v: f64| (v * 1000.0).round() as i64;
                        let largest = model
                            .reach()
                            .map_or(0.0, |r| r / crate::core::chart_model::AXIS_REACH);
                        let _ = element.set_attribute(
                            "data-y-range",
                            &format!("{} {}", milli(drawn.y_range.0), milli(drawn.y_range.1)),
                        );
                        let _ = element
                            .set_attribute("data-largest-observed", &milli(largest).to_string());
                        *geometry.borrow_mut() = drawn;
                    }
                    Err(error) => gloo::console::error!(format!("chart: {error}")),
                }
            }
        },
    );
    size
}
