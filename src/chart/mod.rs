//! Charts: a [`ChartModel`] drawn on any plotters `DrawingBackend`.
//!
//! The same [`draw`] paints a `<canvas>` in the browser (see `canvas`, wasm only), an SVG string in
//! native tests, and the SVG the reader downloads. Nothing here decides *what* to show: that is the
//! chart model's job, built by the core.

#[cfg(target_arch = "wasm32")]
pub mod canvas;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::core::chart_model::{ChartModel, PointKind};

/// How to draw: size factor, theme and font. Everything that depends on the screen, not the data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartStyle {
    /// Device pixels per CSS pixel. plotters draws in device pixels, so text and strokes scale by it
    /// to stay the same size and sharp on HiDPI screens.
    pub scale: f64,
    /// Dark theme colours.
    pub dark: bool,
}

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle {
            scale: 1.0,
            dark: false,
        }
    }
}

/// The colours of one theme.
struct Palette {
    background: RGBColor,
    text: RGBColor,
    grid: RGBColor,
    deficit: RGBColor,
    surplus: RGBColor,
    edited: RGBColor,
    reference: RGBColor,
    band: RGBColor,
    series: [RGBColor; 4],
}

const LIGHT: Palette = Palette {
    background: RGBColor(255, 255, 255),
    text: RGBColor(34, 34, 34),
    grid: RGBColor(224, 224, 224),
    deficit: RGBColor(192, 57, 43),
    surplus: RGBColor(31, 119, 180),
    edited: RGBColor(230, 145, 0),
    reference: RGBColor(34, 34, 34),
    band: RGBColor(240, 240, 240),
    series: [
        RGBColor(192, 57, 43),
        RGBColor(31, 119, 180),
        RGBColor(44, 160, 44),
        RGBColor(120, 80, 160),
    ],
};

const DARK: Palette = Palette {
    background: RGBColor(24, 26, 27),
    text: RGBColor(230, 230, 230),
    grid: RGBColor(60, 63, 65),
    deficit: RGBColor(239, 108, 94),
    surplus: RGBColor(100, 170, 230),
    edited: RGBColor(255, 180, 60),
    reference: RGBColor(230, 230, 230),
    band: RGBColor(40, 43, 45),
    series: [
        RGBColor(239, 108, 94),
        RGBColor(100, 170, 230),
        RGBColor(110, 200, 110),
        RGBColor(180, 140, 220),
    ],
};

/// Draws `model` on `root`, filling it.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    model: &ChartModel,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let palette = if style.dark { &DARK } else { &LIGHT };
    let px = |css: f64| (css * style.scale).round() as i32;
    let font = |css: f64| {
        ("sans-serif", css * style.scale)
            .into_font()
            .color(&palette.text)
    };

    root.fill(&palette.background)?;
    let (first, last) = (
        model.years.0.min(model.years.1),
        model.years.0.max(model.years.1),
    );
    let x_range = (f64::from(first) - 0.5)..(f64::from(last) + 0.5);
    let (lo, hi) = model.y_extent();
    let pad = ((hi - lo) * 0.08).max(0.1);
    let y_range = (lo - if lo < 0.0 { pad } else { 0.0 })..(hi + pad);

    let mut chart = ChartBuilder::on(root)
        .caption(&model.title, font(15.0))
        .margin(px(8.0))
        .x_label_area_size(px(24.0))
        .y_label_area_size(px(44.0))
        .build_cartesian_2d(x_range, y_range)?;

    let year_label = |x: &f64| {
        let year = x.round();
        if (x - year).abs() < 1e-6 {
            format!("{year:.0}")
        } else {
            String::new()
        }
    };
    chart
        .configure_mesh()
        .x_labels(usize::try_from((last - first + 1).clamp(1, 12)).unwrap_or(12))
        .x_label_formatter(&year_label)
        .y_desc(&model.y_unit)
        .label_style(font(11.0))
        .axis_desc_style(font(11.0))
        .axis_style(palette.text.stroke_width(px(1.0).max(1) as u32))
        .bold_line_style(palette.grid.stroke_width(px(1.0).max(1) as u32))
        .light_line_style(TRANSPARENT)
        .disable_x_mesh()
        .draw()?;

    if let Some(from) = model.projection_from {
        chart.draw_series(std::iter::once(Rectangle::new(
            [
                (f64::from(from) - 0.5, chart.y_range().start),
                (f64::from(last) + 0.5, chart.y_range().end),
            ],
            palette.band.filled(),
        )))?;
    }

    let bar_half = 0.34;
    let bars = || model.bars.iter().filter(|bar| bar.value.is_finite());
    chart.draw_series(bars().map(|bar| {
        let colour = match bar.kind {
            PointKind::Edited => palette.edited,
            _ if bar.value < 0.0 => palette.deficit,
            _ => palette.surplus,
        };
        let x = f64::from(bar.year);
        let shape = if bar.kind == PointKind::Projected || bar.kind == PointKind::Assumed {
            // Hollow: a value we did not observe is not drawn as solid as one we did.
            colour.stroke_width(px(1.5).max(1) as u32)
        } else {
            colour.filled()
        };
        Rectangle::new([(x - bar_half, 0.0), (x + bar_half, bar.value)], shape)
    }))?;

    // A published figure that differs from the one drawn: a tick across the bar, so a changed
    // number never hides the story's own.
    chart.draw_series(bars().filter_map(|bar| {
        let reference = bar.reference.filter(|r| r.is_finite())?;
        let x = f64::from(bar.year);
        Some(PathElement::new(
            vec![
                (x - bar_half - 0.08, reference),
                (x + bar_half + 0.08, reference),
            ],
            palette.reference.stroke_width(px(2.0).max(1) as u32),
        ))
    }))?;

    for line in &model.lines {
        let colour = palette.series[line.slot % palette.series.len()];
        let width = px(2.0).max(1) as u32;
        let finite = || line.points.iter().filter(|p| p.1.is_finite());
        let observed: Vec<(f64, f64)> = finite()
            .filter(|p| p.2 != PointKind::Projected)
            .map(|p| (f64::from(p.0), p.1))
            .collect();
        chart
            .draw_series(LineSeries::new(observed, colour.stroke_width(width)))?
            .label(line.label.clone())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 16, y)], colour.stroke_width(width))
            });
        // Projections continue from the last observed point, dashed.
        let last_observed = finite().rfind(|p| p.2 != PointKind::Projected);
        let projected: Vec<(f64, f64)> = last_observed
            .into_iter()
            .chain(finite().filter(|p| p.2 == PointKind::Projected))
            .map(|p| (f64::from(p.0), p.1))
            .collect();
        if projected.len() > 1 {
            chart.draw_series(DashedLineSeries::new(
                projected,
                px(6.0),
                px(4.0),
                colour.stroke_width(width),
            ))?;
        }
    }
    if !model.lines.is_empty() {
        chart
            .configure_series_labels()
            .label_font(font(11.0))
            .background_style(palette.background.mix(0.85))
            .border_style(palette.grid)
            .position(SeriesLabelPosition::UpperLeft)
            .draw()?;
    }
    root.present()
}

/// Draws `model` as an SVG document of `width` × `height` CSS pixels.
pub fn to_svg(
    model: &ChartModel,
    width: u32,
    height: u32,
    style: &ChartStyle,
) -> Result<String, String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        draw(&root, model, style).map_err(|e| e.to_string())?;
    }
    Ok(svg)
}
