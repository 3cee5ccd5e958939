//! Drawing a chart model on a `<canvas>`, sharp on HiDPI screens.
//!
//! plotters draws in canvas pixels and does not scale for `devicePixelRatio` (plotters#164), so the
//! canvas's backing store is sized to its CSS box times the ratio, and [`ChartStyle::scale`] grows
//! text and strokes to match.

use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use super::{ChartStyle, PlotGeometry, record};
use crate::core::chart_model::ChartModel;

/// Sizes `canvas` for the screen, draws `model` on it with a cursor line at `cursor`, and says where
/// the plot landed in CSS pixels.
pub fn draw_on(
    canvas: &HtmlCanvasElement,
    model: &ChartModel,
    dark: bool,
    cursor: Option<i32>,
) -> Result<PlotGeometry, String> {
    let ratio = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .clamp(1.0, 4.0);
    let css_width = f64::from(canvas.client_width().max(1));
    let css_height = f64::from(canvas.client_height().max(1));
    let width = (css_width * ratio).round() as u32;
    let height = (css_height * ratio).round() as u32;
    if canvas.width() != width || canvas.height() != height {
        canvas.set_width(width);
        canvas.set_height(height);
    }
    let mut backend =
        CanvasBackend::with_canvas_object(canvas.clone()).ok_or("the canvas has no 2D context")?;
    let style = ChartStyle {
        scale: ratio,
        dark,
        cursor,
    };
    let (recording, geometry) = record(model, (width, height), &style)?;
    recording.replay(&mut backend).map_err(|e| e.to_string())?;
    Ok(geometry)
}
