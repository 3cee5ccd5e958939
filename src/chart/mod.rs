//! Charts: a [`ChartModel`] drawn on any plotters `DrawingBackend`.
//!
//! The same [`draw`] paints a `<canvas>` in the browser (see `canvas`, wasm only), an SVG string in
//! native tests, and the SVG the reader downloads. Nothing here decides *what* to show: that is the
//! chart model's job, built by the core. What it decides is how to make that readable: a title and
//! unit above the plot, year labels thinned to fit, a legend below the plot that never covers data,
//! and a cursor line at the year a reader is reading out.
//!
//! Sizes are given in CSS pixels and multiplied by [`ChartStyle::scale`], so the chart looks the same
//! on every screen; [`PlotGeometry`] hands the plot's position back in CSS pixels so a pointer can be
//! mapped to a year.

#[cfg(target_arch = "wasm32")]
pub mod canvas;
pub mod record;

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use self::record::Recording;
use crate::core::chart_model::{ChartModel, PointKind, published_label};

/// The dash and gap of a stand-in's outline or line, in CSS pixels: dotted, apart from the
/// projection's longer dashes.
const DOTS: (f64, f64) = (2.0, 3.0);

/// Below this CSS width a chart lays out for a phone: smaller title, every other year labelled.
pub const NARROW: f64 = 480.0;

/// The size of an exported SVG, in CSS pixels.
pub const EXPORT_SIZE: (u32, u32) = (1200, 600);

/// How to draw: size factor, theme, and the year being read out. Everything that depends on the
/// screen or the reader's pointer, not the data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartStyle {
    /// Device pixels per CSS pixel. plotters draws in device pixels, so text and strokes scale by it
    /// to stay the same size and sharp on HiDPI screens.
    pub scale: f64,
    /// Dark theme colours.
    pub dark: bool,
    /// The year under the reader's pointer or keyboard cursor: a vertical line marks it.
    pub cursor: Option<i32>,
}

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle {
            scale: 1.0,
            dark: false,
            cursor: None,
        }
    }
}

/// Where the plot landed, in CSS pixels from the drawing's top left, and what its axes span: enough
/// to turn a pointer position into a year.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PlotGeometry {
    /// Left edge of the plot area.
    pub left: f64,
    /// Top edge of the plot area.
    pub top: f64,
    /// Right edge of the plot area.
    pub right: f64,
    /// Bottom edge of the plot area.
    pub bottom: f64,
    /// The x axis range in years (half a year of padding each side of the first and last year).
    pub x_range: (f64, f64),
    /// The y axis range in chart units.
    pub y_range: (f64, f64),
    /// The first and last year on the axis.
    pub years: (i32, i32),
}

impl PlotGeometry {
    /// The year nearest the CSS x coordinate `x`, clamped to the chart's years; `None` when the
    /// plot has no width or `x` is not a number.
    pub fn year_at(&self, x: f64) -> Option<i32> {
        let width = self.right - self.left;
        let span = self.x_range.1 - self.x_range.0;
        if !(x.is_finite() && width > 0.0 && span.is_finite() && span > 0.0) {
            return None;
        }
        let value = self.x_range.0 + (x - self.left) / width * span;
        let year = value
            .round()
            .clamp(f64::from(self.years.0), f64::from(self.years.1));
        Some(year as i32)
    }

    /// The CSS x coordinate of `year`'s centre.
    pub fn x_of(&self, year: i32) -> f64 {
        let span = self.x_range.1 - self.x_range.0;
        if span <= 0.0 {
            return self.left;
        }
        self.left + (f64::from(year) - self.x_range.0) / span * (self.right - self.left)
    }
}

/// The colours of one theme.
struct Palette {
    background: RGBColor,
    text: RGBColor,
    muted: RGBColor,
    grid: RGBColor,
    deficit: RGBColor,
    surplus: RGBColor,
    edited: RGBColor,
    reference: RGBColor,
    band: RGBColor,
    series: [RGBColor; 6],
}

const LIGHT: Palette = Palette {
    background: RGBColor(255, 255, 255),
    text: RGBColor(34, 34, 34),
    muted: RGBColor(96, 96, 96),
    grid: RGBColor(224, 224, 224),
    deficit: RGBColor(192, 57, 43),
    surplus: RGBColor(31, 119, 180),
    edited: RGBColor(230, 145, 0),
    reference: RGBColor(34, 34, 34),
    band: RGBColor(240, 240, 240),
    series: [
        RGBColor(192, 57, 43),
        RGBColor(31, 119, 180),
        RGBColor(44, 140, 44),
        RGBColor(120, 80, 160),
        RGBColor(140, 86, 75),
        RGBColor(0, 128, 128),
    ],
};

const DARK: Palette = Palette {
    background: RGBColor(24, 26, 27),
    text: RGBColor(230, 230, 230),
    muted: RGBColor(170, 170, 170),
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
        RGBColor(200, 150, 130),
        RGBColor(80, 200, 200),
    ],
};

/// What a legend entry shows before its text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Swatch {
    /// A line with its slot's colour and marker.
    Line(usize),
    /// A dashed line: projected values.
    Dashed,
    /// The edited-value marker.
    Edited,
    /// An edited bar.
    EditedBar,
    /// A hollow bar: projected or assumed.
    HollowBar,
    /// The tick of a published figure that differs from the one drawn.
    Tick,
    /// A bar of an older vintage standing in: pale, dotted outline.
    StandInBar,
    /// A line of an older vintage standing in: dotted.
    StandInLine,
    /// A stated figure: the story's star (0) or the report's cross (1).
    Mark(usize),
}

/// The legend: the lines, then whatever the drawing marks (projections, edits, published figures),
/// only for what this chart actually shows.
fn legend_entries(model: &ChartModel) -> Vec<(Swatch, String)> {
    let lang = model.lang;
    let mut entries: Vec<(Swatch, String)> = model
        .lines
        .iter()
        .map(|l| (Swatch::Line(l.slot), l.label.clone()))
        .collect();
    let kinds = || {
        model
            .bars
            .iter()
            .filter(|b| b.value.is_finite())
            .map(|b| b.kind)
            .chain(
                model
                    .lines
                    .iter()
                    .flat_map(|l| l.points.iter().filter(|p| p.1.is_finite()).map(|p| p.2)),
            )
    };
    let projected = kinds().any(|k| matches!(k, PointKind::Projected | PointKind::Assumed));
    if projected {
        let swatch = if model.lines.is_empty() {
            Swatch::HollowBar
        } else {
            Swatch::Dashed
        };
        entries.push((
            swatch,
            lang.pick("전망·가정 값", "Projected or assumed").into(),
        ));
    }
    if kinds().any(|k| k == PointKind::Edited) {
        let swatch = if model.lines.is_empty() {
            Swatch::EditedBar
        } else {
            Swatch::Edited
        };
        entries.push((swatch, lang.pick("직접 수정한 값", "Your edit").into()));
    }
    if let Some(splice) = model
        .splice
        .as_ref()
        .filter(|_| kinds().any(|k| k == PointKind::StandIn))
    {
        let swatch = if model.lines.is_empty() {
            Swatch::StandInBar
        } else {
            Swatch::StandInLine
        };
        entries.push((swatch, splice.label(lang)));
    }
    if model
        .bars
        .iter()
        .any(|b| b.value.is_finite() && b.reference.is_some_and(f64::is_finite))
    {
        let label = model.tick_label.as_deref().unwrap_or(published_label(lang));
        entries.push((Swatch::Tick, label.into()));
    }
    for (who, label) in model.mark_labels.iter().enumerate() {
        if model
            .marks
            .iter()
            .any(|m| m.who == who && m.value.is_finite())
        {
            entries.push((Swatch::Mark(who), label.clone()));
        }
    }
    entries
}

/// An estimate of a text's width in CSS pixels at `size`: wide for Hangul and other CJK characters.
/// The same on every backend, so a layout is the same on a canvas and in an SVG.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| if (c as u32) >= 0x1100 { 1.0 } else { 0.58 })
        .sum::<f64>()
        * size
}

/// A nice tick spacing for about `count` ticks over `span`.
fn nice_step(span: f64, count: f64) -> f64 {
    if !(span.is_finite() && span > 0.0 && count > 0.0) {
        return 1.0;
    }
    let rough = span / count;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * magnitude);
    if step > 0.0 { step } else { 1.0 }
}

/// Size of a legend entry's text in CSS pixels.
const LEGEND_FONT: f64 = 11.0;

/// The height of one legend row: tighter on a phone, where the legend wraps to more rows.
fn legend_row(narrow: bool) -> f64 {
    if narrow { 15.0 } else { 18.0 }
}

/// The plot's least height in CSS pixels, its axis labels and event numbers included: below it
/// the bars and lines are too flat to read. [`min_height`] adds the title and the legend.
pub const MIN_PLOT: f64 = 140.0;

/// The legend's entries laid out in rows no wider than `width`: each entry with its x offset.
fn legend_rows(entries: &[(Swatch, String)], width: f64) -> Vec<Vec<(f64, &(Swatch, String))>> {
    let mut rows: Vec<Vec<(f64, &(Swatch, String))>> = vec![Vec::new()];
    let mut x = 0.0;
    for entry in entries {
        let w = 26.0 + text_width(&entry.1, LEGEND_FONT);
        if x > 0.0 && x + w > width {
            rows.push(Vec::new());
            x = 0.0;
        }
        if let Some(row) = rows.last_mut() {
            row.push((x, entry));
        }
        x += w + 14.0;
    }
    rows.retain(|r| !r.is_empty());
    rows
}

fn legend_height(rows: usize, narrow: bool) -> f64 {
    if rows == 0 {
        0.0
    } else {
        rows as f64 * legend_row(narrow) + 8.0
    }
}

/// The title's size and the title block's height (title and unit line).
fn title_size(narrow: bool) -> f64 {
    if narrow { 13.0 } else { 15.0 }
}

/// The title block's height: the title and the unit's lines.
fn header_height(narrow: bool, unit_lines: usize) -> f64 {
    title_size(narrow) + 11.0 + 12.0 + 13.0 * unit_lines.saturating_sub(1) as f64
}

/// The unit line (`₩ trillion · shaded: …`) broken at its ` · ` where it is wider than `width`, so
/// a phone's chart does not cut it off.
fn unit_lines(unit: &str, width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for part in unit.split(" · ") {
        match lines.last_mut() {
            Some(line) if text_width(&format!("{line} · {part}"), 11.0) <= width => {
                line.push_str(" · ");
                line.push_str(part);
            }
            _ => lines.push(part.to_string()),
        }
    }
    lines
}

/// The least height, in CSS pixels, at which `model` drawn `css_width` wide keeps a plot of
/// [`MIN_PLOT`] under its title and over its legend. A box set shorter by the stylesheet (the
/// embed's, a phone's) grows to it, so a long legend never flattens the plot.
pub fn min_height(model: &ChartModel, css_width: f64) -> f64 {
    let narrow = css_width < NARROW;
    let margin = if narrow { 6.0 } else { 10.0 };
    let rows = legend_rows(&legend_entries(model), css_width - 2.0 * margin).len();
    let units = unit_lines(&model.y_unit, css_width - 2.0 * margin).len();
    header_height(narrow, units) + margin + MIN_PLOT + legend_height(rows, narrow)
}

/// Draws `model` on `root`, filling it, and says where the plot landed.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    model: &ChartModel,
    style: &ChartStyle,
) -> Result<PlotGeometry, DrawingAreaErrorKind<DB::ErrorType>> {
    let palette = if style.dark { &DARK } else { &LIGHT };
    let scale = if style.scale.is_finite() && style.scale > 0.0 {
        style.scale
    } else {
        1.0
    };
    let px = |css: f64| (css * scale).round() as i32;
    let stroke = |css: f64| px(css).max(1) as u32;
    let font = |css: f64| ("sans-serif", css * scale).into_font().color(&palette.text);
    let muted = |css: f64| {
        ("sans-serif", css * scale)
            .into_font()
            .color(&palette.muted)
    };

    root.fill(&palette.background)?;
    let (width, height) = root.dim_in_pixel();
    let css_width = f64::from(width) / scale;
    let narrow = css_width < NARROW;
    let margin = if narrow { 6.0 } else { 10.0 };

    // The legend goes below the plot, wrapped to the width, so it never sits on the data.
    let entries = legend_entries(model);
    let rows = legend_rows(&entries, css_width - 2.0 * margin);
    let legend_height = legend_height(rows.len(), narrow);

    // A title and the unit above the plot, left-aligned, as a newsroom chart has them.
    let title_size = title_size(narrow);
    let units = unit_lines(&model.y_unit, css_width - 2.0 * margin);
    let header_height = header_height(narrow, units.len());
    let (header, rest) = root.split_vertically(px(header_height + margin).max(0));
    let plot_height = (f64::from(height) / scale - header_height - margin - legend_height).max(0.0);
    let (upper, lower) = rest.split_vertically(px(plot_height).max(0));
    header.draw_text(
        &model.title,
        &font(title_size).pos(Pos::new(HPos::Left, VPos::Top)),
        (px(margin), px(margin)),
    )?;
    for (i, line) in units.iter().enumerate() {
        header.draw_text(
            line,
            &muted(11.0).pos(Pos::new(HPos::Left, VPos::Top)),
            (px(margin), px(margin + title_size + 5.0 + 13.0 * i as f64)),
        )?;
    }

    let (first, last) = model.year_span();
    let x_range = (f64::from(first) - 0.5)..(f64::from(last) + 0.5);
    let (lo, hi) = model.y_extent();
    let pad = ((hi - lo) * 0.08).max(0.1);
    let y_range = (lo - if lo < 0.0 { pad } else { 0.0 })..(hi + pad);
    let y_ticks = if narrow { 4.0 } else { 6.0 };
    let y_step = nice_step(y_range.end - y_range.start, y_ticks);
    let y_label = |v: &f64| model.y_tick_label(*v, y_step);
    let y_label_width = {
        let widest = [y_range.start, y_range.end]
            .iter()
            .map(|v| text_width(&y_label(v), 11.0))
            .fold(0.0_f64, f64::max);
        (widest + 8.0).clamp(24.0, 72.0)
    };

    let mut chart = ChartBuilder::on(&upper)
        .margin_left(px(margin))
        .margin_right(px(margin + 4.0))
        .margin_top(px(4.0))
        .x_label_area_size(px(if model.events.is_empty() { 22.0 } else { 36.0 }))
        .y_label_area_size(px(y_label_width))
        .build_cartesian_2d(x_range.clone(), y_range.clone())?;

    chart
        .configure_mesh()
        .x_labels(0)
        .y_labels(y_ticks as usize)
        .y_label_formatter(&y_label)
        .label_style(font(11.0))
        .axis_style(palette.grid.stroke_width(stroke(1.0)))
        .bold_line_style(palette.grid.stroke_width(stroke(1.0)))
        .light_line_style(TRANSPARENT)
        .disable_x_mesh()
        .draw()?;

    let (px_x, px_y) = chart.plotting_area().get_pixel_range();
    let geometry = PlotGeometry {
        left: f64::from(px_x.start) / scale,
        right: f64::from(px_x.end) / scale,
        top: f64::from(px_y.start) / scale,
        bottom: f64::from(px_y.end) / scale,
        x_range: (x_range.start, x_range.end),
        y_range: (y_range.start, y_range.end),
        years: (first, last),
    };

    // Year labels drawn here rather than by the mesh, so they are whole years and thin out to fit:
    // every other year on a phone, fewer still if the years would collide.
    let years = f64::from(last.saturating_sub(first).saturating_add(1));
    let plot_css = (geometry.right - geometry.left).max(1.0);
    let fit = (years * 38.0 / plot_css).ceil().max(1.0) as i32;
    let step = if narrow && years > 4.0 {
        fit.max(2)
    } else {
        fit
    };
    let label_style = font(11.0).pos(Pos::new(HPos::Center, VPos::Top));
    for year in (first..=last).filter(|y| (y - first) % step.max(1) == 0) {
        let (x, y) = chart.backend_coord(&(f64::from(year), y_range.start));
        upper.draw_text(
            &year.to_string(),
            &label_style,
            (
                x - upper.get_base_pixel().0,
                y - upper.get_base_pixel().1 + px(5.0),
            ),
        )?;
    }

    if let Some(from) = model.projection_from.filter(|f| *f <= last) {
        let start = f64::from(from.max(first)) - 0.5;
        chart.draw_series(std::iter::once(Rectangle::new(
            [(start, y_range.start), (x_range.end, y_range.end)],
            palette.band.filled(),
        )))?;
        chart.draw_series(std::iter::once(Text::new(
            model.lang.pick("전망", "Projection"),
            (start, y_range.end),
            muted(10.0).pos(Pos::new(HPos::Left, VPos::Top)),
        )))?;
    }
    if y_range.start < 0.0 && y_range.end > 0.0 {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x_range.start, 0.0), (x_range.end, 0.0)],
            palette.muted.stroke_width(stroke(1.0)),
        )))?;
    }

    // Values beyond the axis (see ChartModel::y_extent) are drawn at its edge and marked.
    let (y_lo, y_hi) = (y_range.start, y_range.end);
    let clip = move |v: f64| v.clamp(y_lo, y_hi);
    let clipped = move |v: f64| v < y_lo || v > y_hi;

    // The fans: the 95 % range lighter, the 80 % range darker, behind the central values.
    for fan in &model.fans {
        let colour = match fan.slot {
            Some(slot) => palette.series[slot % palette.series.len()],
            None => palette.muted,
        };
        for (outer, inner, opacity) in [(0, 3, 0.14), (1, 2, 0.28)] {
            let upper: Vec<(f64, f64)> = fan
                .points
                .iter()
                .map(|(y, b)| (f64::from(*y), clip(b[inner])))
                .collect();
            let lower = fan
                .points
                .iter()
                .rev()
                .map(|(y, b)| (f64::from(*y), clip(b[outer])));
            let outline: Vec<(f64, f64)> = upper.into_iter().chain(lower).collect();
            chart.draw_series(std::iter::once(Polygon::new(
                outline,
                colour.mix(opacity).filled(),
            )))?;
        }
    }

    let bar_half = if narrow { 0.38 } else { 0.34 };
    let bars = || model.bars.iter().filter(|bar| bar.value.is_finite());
    let bar_colour = |bar: &crate::core::chart_model::Bar| match bar.kind {
        PointKind::Edited => palette.edited,
        _ if bar.value < 0.0 => palette.deficit,
        _ => palette.surplus,
    };
    chart.draw_series(bars().map(|bar| {
        let colour = bar_colour(bar);
        let x = f64::from(bar.year);
        let shape = match bar.kind {
            // Hollow: a value we did not observe is not drawn as solid as one we did.
            PointKind::Projected | PointKind::Assumed => colour.stroke_width(stroke(1.5)),
            // Pale, and outlined in dots below: another basis standing in.
            PointKind::StandIn => pale(colour, palette.background).filled(),
            _ => colour.filled(),
        };
        Rectangle::new(
            [(x - bar_half, 0.0), (x + bar_half, clip(bar.value))],
            shape,
        )
    }))?;
    for bar in bars().filter(|b| b.kind == PointKind::StandIn) {
        let (x, v) = (f64::from(bar.year), clip(bar.value));
        let outline = vec![
            (x - bar_half, 0.0),
            (x - bar_half, v),
            (x + bar_half, v),
            (x + bar_half, 0.0),
        ];
        chart.draw_series(std::iter::once(DashedPathElement::new(
            outline,
            px(DOTS.0),
            px(DOTS.1),
            bar_colour(bar).stroke_width(stroke(1.5)),
        )))?;
    }
    // Where the view's own basis begins after years of another standing in: a dotted rule and
    // its name, so the join is never silent.
    if let Some(splice) = &model.splice
        && let Some(year) = splice.join.filter(|y| (first..=last).contains(y))
    {
        let label = splice.join_label(model.lang);
        let join_style = font(10.0).pos(Pos::new(HPos::Left, VPos::Top));
        {
            let x = f64::from(year) - 0.5;
            chart.draw_series(std::iter::once(DashedPathElement::new(
                vec![(x, y_range.start), (x, y_range.end)],
                px(DOTS.0),
                px(DOTS.1),
                palette.text.stroke_width(stroke(1.0)),
            )))?;
            let (jx, jy) = chart.backend_coord(&(x, y_range.end));
            let base = upper.get_base_pixel();
            upper.draw_text(
                &label,
                &join_style,
                (jx - base.0 + px(3.0), jy - base.1 + px(14.0)),
            )?;
        }
    }
    // An arrowhead at the edge where a value runs off the axis.
    let head = px(5.0);
    let runs_off = model
        .bars
        .iter()
        .map(|b| (b.year, b.value))
        .chain(
            model
                .lines
                .iter()
                .flat_map(|l| l.points.iter().map(|p| (p.0, p.1))),
        )
        .filter(|(_, v)| v.is_finite() && clipped(*v))
        .map(|(year, v)| {
            (
                f64::from(year),
                clip(v),
                if v > y_hi { -head } else { head },
            )
        });
    // Dated events share the shape: a tick pointing up from the time axis at the event's date.
    let events = model.events.iter().map(|(x, _)| (*x, y_lo, -head));
    chart.draw_series(runs_off.chain(events).map(|(x, y, tip)| {
        EmptyElement::at((x, y))
            + Polygon::new(vec![(0, tip), (-head, 0), (head, 0)], palette.text.filled())
    }))?;

    // A published figure that differs from the one drawn: a tick across the bar, so a changed
    // number never hides the story's own.
    chart.draw_series(bars().filter_map(|bar| {
        let reference = bar.reference.filter(|r| r.is_finite())?;
        let x = f64::from(bar.year);
        Some(PathElement::new(
            vec![
                (x - bar_half - 0.1, reference),
                (x + bar_half + 0.1, reference),
            ],
            palette.reference.stroke_width(stroke(2.5)),
        ))
    }))?;

    let width_line = stroke(2.0);
    let mut markers = Vec::new();
    for line in &model.lines {
        let colour = palette.series[line.slot % palette.series.len()];
        let points: Vec<(i32, f64, PointKind)> = line
            .points
            .iter()
            .copied()
            .filter(|p| p.1.is_finite())
            .map(|(y, v, k)| (y, clip(v), k))
            .collect();
        // Consecutive years are joined; a missing year breaks the line. A step into a projected
        // value is dashed.
        for pair in points.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if b.0.checked_sub(a.0) != Some(1) {
                continue;
            }
            let path = vec![(f64::from(a.0), a.1), (f64::from(b.0), b.1)];
            if a.2 == PointKind::StandIn || b.2 == PointKind::StandIn {
                chart.draw_series(std::iter::once(DashedPathElement::new(
                    path,
                    px(DOTS.0),
                    px(DOTS.1),
                    colour.stroke_width(width_line),
                )))?;
            } else if b.2 == PointKind::Projected || b.2 == PointKind::Assumed {
                chart.draw_series(std::iter::once(DashedPathElement::new(
                    path,
                    px(5.0),
                    px(4.0),
                    colour.stroke_width(width_line),
                )))?;
            } else {
                chart.draw_series(std::iter::once(PathElement::new(
                    path,
                    colour.stroke_width(width_line),
                )))?;
            }
        }
        let background = palette.background;
        let outline = palette.text;
        let edited = palette.edited;
        markers.extend(points.iter().map(|p| {
            let colours = Colours {
                colour,
                background,
                outline,
                edited,
            };
            let (shape, closed, fill, edge) = marker_parts(line.slot, p.2, colours, scale);
            EmptyElement::at((f64::from(p.0), p.1))
                + Polygon::new(shape, fill)
                + PathElement::new(closed, edge)
        }));
    }
    // The story's and the report's figures: their own shapes in the text colour, edged in the
    // background so they read on a bar, set a little apart when both state the same year.
    let mark_size = (6.0 * scale).round().max(3.0) as i32;
    markers.extend(model.marks.iter().filter(|m| m.value.is_finite()).map(|m| {
        let shape = mark_shape(m.who, mark_size);
        let mut closed = shape.clone();
        closed.extend(shape.first().copied());
        let x = f64::from(m.year) + if m.who == 0 { -0.14 } else { 0.14 };
        EmptyElement::at((x, clip(m.value)))
            + Polygon::new(shape, palette.text.filled())
            + PathElement::new(closed, palette.background.stroke_width(stroke(1.0)))
    }));
    chart.draw_series(markers)?;

    // Each dated event's number under the years; numbers that would touch are shown together
    // ("2,3").
    let mut groups: Vec<(i32, String)> = Vec::new();
    let base = upper.get_base_pixel();
    let axis = chart.backend_coord(&(0.0, y_lo)).1 - base.1;
    for (x, number) in &model.events {
        let ex = chart.backend_coord(&(*x, y_lo)).0 - base.0;
        match groups.last_mut() {
            Some((gx, text)) if ex - *gx < px(4.0 * text.len() as f64 + 22.0) => {
                text.push(',');
                text.push_str(&number.to_string());
            }
            _ => groups.push((ex, number.to_string())),
        }
    }
    for (x, text) in &groups {
        upper.draw_text(text, &label_style, (*x, axis + px(20.0)))?;
    }

    if let Some(year) = style.cursor.filter(|y| (first..=last).contains(y)) {
        let x = f64::from(year);
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x, y_range.start), (x, y_range.end)],
            palette.text.mix(0.7).stroke_width(stroke(1.0)),
        )))?;
    }

    // The legend, row by row below the plot.
    let text_style = font(LEGEND_FONT).pos(Pos::new(HPos::Left, VPos::Center));
    for (r, row) in rows.iter().enumerate() {
        let y = 6.0 + (r as f64 + 0.5) * legend_row(narrow);
        for (x, (swatch, label)) in row {
            let x0 = margin + x;
            draw_swatch(&lower, *swatch, (x0, y), palette, scale)?;
            lower.draw_text(label, &text_style, (px(x0 + 24.0), px(y)))?;
        }
    }

    root.present()?;
    Ok(geometry)
}

/// The colours a marker needs.
#[derive(Clone, Copy)]
struct Colours {
    colour: RGBColor,
    background: RGBColor,
    outline: RGBColor,
    edited: RGBColor,
}

/// The outline of a line's marker (circle-ish octagon, square, triangle up, triangle down), or the
/// diamond of an edited value, in device pixels around the point.
fn marker_shape(slot: usize, kind: PointKind, r: i32) -> Vec<(i32, i32)> {
    if kind == PointKind::Edited {
        let d = r + r / 2 + 1;
        return vec![(0, -d), (d, 0), (0, d), (-d, 0)];
    }
    match slot % 4 {
        0 => {
            let s = (f64::from(r) * 0.41).round() as i32;
            vec![
                (-s, -r),
                (s, -r),
                (r, -s),
                (r, s),
                (s, r),
                (-s, r),
                (-r, s),
                (-r, -s),
            ]
        }
        1 => vec![(-r, -r), (r, -r), (r, r), (-r, r)],
        2 => vec![(0, -r - 1), (r + 1, r), (-r - 1, r)],
        _ => vec![(-r - 1, -r), (r + 1, -r), (0, r + 1)],
    }
}

/// `colour` a third of the way from `background`: the fill of a value standing in.
fn pale(colour: RGBColor, background: RGBColor) -> RGBColor {
    let mix = |c: u8, b: u8| ((f64::from(c) + 2.0 * f64::from(b)) / 3.0).round() as u8;
    RGBColor(
        mix(colour.0, background.0),
        mix(colour.1, background.1),
        mix(colour.2, background.2),
    )
}

/// The outline of a stated figure's mark around its point: a five-pointed star for the story (0),
/// a cross for the report it draws on (anything else).
fn mark_shape(who: usize, r: i32) -> Vec<(i32, i32)> {
    // Unit outlines written out, so the drawing needs no trigonometry in the wasm.
    const STAR: [(f64, f64); 10] = [
        (0.00, -1.20),
        (0.29, -0.40),
        (1.14, -0.37),
        (0.48, 0.15),
        (0.71, 0.97),
        (0.00, 0.50),
        (-0.71, 0.97),
        (-0.48, 0.15),
        (-1.14, -0.37),
        (-0.29, -0.40),
    ];
    // A plus of arms 1 long and 1/3 wide, turned 45°: an ×.
    const CROSS: [(f64, f64); 12] = [
        (0.47, -0.94),
        (0.94, -0.47),
        (0.47, 0.00),
        (0.94, 0.47),
        (0.47, 0.94),
        (0.00, 0.47),
        (-0.47, 0.94),
        (-0.94, 0.47),
        (-0.47, 0.00),
        (-0.94, -0.47),
        (-0.47, -0.94),
        (0.00, -0.47),
    ];
    let r = f64::from(r);
    let unit: &[(f64, f64)] = if who == 0 { &STAR } else { &CROSS };
    unit.iter()
        .map(|(x, y)| ((x * r).round() as i32, (y * r).round() as i32))
        .collect()
}

/// A marker's outline (open and closed, in device pixels around the point), fill and edge.
type MarkerParts = (Vec<(i32, i32)>, Vec<(i32, i32)>, ShapeStyle, ShapeStyle);

/// How a point is marked: its outline in device pixels, fill and edge colours, edge width.
fn marker_parts(slot: usize, kind: PointKind, colours: Colours, scale: f64) -> MarkerParts {
    let r = (3.5 * scale).round().max(2.0) as i32;
    let shape = marker_shape(slot, kind, r);
    let mut closed = shape.clone();
    if let Some(first) = shape.first() {
        closed.push(*first);
    }
    let (fill, edge) = match kind {
        // An edit is a diamond in the edit colour with a dark edge: it differs by shape, not only hue.
        PointKind::Edited => (colours.edited, colours.outline),
        // A value nobody observed is hollow.
        PointKind::Projected | PointKind::Assumed => (colours.background, colours.colour),
        // Another basis standing in: pale.
        PointKind::StandIn => (pale(colours.colour, colours.background), colours.colour),
        _ => (colours.colour, colours.colour),
    };
    let width = (1.5 * scale).round().max(1.0) as u32;
    (shape, closed, fill.filled(), edge.stroke_width(width))
}

fn draw_swatch<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    swatch: Swatch,
    (x, y): (f64, f64),
    palette: &Palette,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |css: f64| (css * scale).round() as i32;
    let stroke = |css: f64| px(css).max(1) as u32;
    let (left, mid, right) = (px(x), px(y), px(x + 20.0));
    let colours = |colour| Colours {
        colour,
        background: palette.background,
        outline: palette.text,
        edited: palette.edited,
    };
    let at_mid = |shape: Vec<(i32, i32)>, fill: ShapeStyle, edge: ShapeStyle| {
        let centre = (px(x + 10.0), mid);
        let moved: Vec<(i32, i32)> = shape
            .iter()
            .map(|(dx, dy)| (centre.0 + dx, centre.1 + dy))
            .collect();
        let mut closed = moved.clone();
        if let Some(first) = moved.first() {
            closed.push(*first);
        }
        (Polygon::new(moved, fill), PathElement::new(closed, edge))
    };
    let r = (3.5 * scale).round().max(2.0) as i32;
    match swatch {
        Swatch::Line(slot) => {
            let colour = palette.series[slot % palette.series.len()];
            area.draw(&PathElement::new(
                vec![(left, mid), (right, mid)],
                colour.stroke_width(stroke(2.0)),
            ))?;
            let c = colours(colour);
            let (fill, edge) = at_mid(
                marker_shape(slot, PointKind::Published, r),
                c.colour.filled(),
                c.colour.stroke_width(stroke(1.5)),
            );
            area.draw(&fill)?;
            area.draw(&edge)?;
        }
        Swatch::Dashed => {
            area.draw(&DashedPathElement::new(
                vec![(left, mid), (right, mid)],
                px(5.0),
                px(3.0),
                palette.muted.stroke_width(stroke(2.0)),
            ))?;
        }
        Swatch::Edited => {
            let (fill, edge) = at_mid(
                marker_shape(0, PointKind::Edited, r),
                palette.edited.filled(),
                palette.text.stroke_width(stroke(1.5)),
            );
            area.draw(&fill)?;
            area.draw(&edge)?;
        }
        Swatch::EditedBar | Swatch::HollowBar => {
            let corners = [(px(x + 4.0), px(y - 6.0)), (px(x + 16.0), px(y + 6.0))];
            let style = if swatch == Swatch::EditedBar {
                palette.edited.filled()
            } else {
                palette.muted.stroke_width(stroke(1.5))
            };
            area.draw(&Rectangle::new(corners, style))?;
        }
        Swatch::StandInBar => {
            let corners = [(px(x + 4.0), px(y - 6.0)), (px(x + 16.0), px(y + 6.0))];
            let colour = palette.deficit;
            area.draw(&Rectangle::new(
                corners,
                pale(colour, palette.background).filled(),
            ))?;
            let (l, t, r, b) = (corners[0].0, corners[0].1, corners[1].0, corners[1].1);
            area.draw(&DashedPathElement::new(
                vec![(l, b), (l, t), (r, t), (r, b)],
                px(DOTS.0),
                px(DOTS.1),
                colour.stroke_width(stroke(1.5)),
            ))?;
        }
        Swatch::StandInLine => {
            area.draw(&DashedPathElement::new(
                vec![(left, mid), (right, mid)],
                px(DOTS.0),
                px(DOTS.1),
                palette.muted.stroke_width(stroke(2.0)),
            ))?;
        }
        Swatch::Mark(who) => {
            let (fill, edge) = at_mid(
                mark_shape(who, (5.0 * scale).round().max(3.0) as i32),
                palette.text.filled(),
                palette.background.stroke_width(stroke(1.0)),
            );
            area.draw(&fill)?;
            area.draw(&edge)?;
        }
        Swatch::Tick => {
            area.draw(&Rectangle::new(
                [(px(x + 4.0), px(y - 6.0)), (px(x + 16.0), px(y + 6.0))],
                palette.grid.filled(),
            ))?;
            area.draw(&PathElement::new(
                vec![(left, mid), (right, mid)],
                palette.reference.stroke_width(stroke(2.5)),
            ))?;
        }
    }
    Ok(())
}

/// Draws `model` once on a [`Recording`] of `size` backend pixels, to be replayed on a canvas or
/// in an SVG: the one place [`draw`] is compiled for the app.
pub fn record(
    model: &ChartModel,
    size: (u32, u32),
    style: &ChartStyle,
) -> Result<(Recording, PlotGeometry), String> {
    let recording = Recording::new(size);
    let root = recording.clone().into_drawing_area();
    let geometry = draw(&root, model, style).map_err(|e| e.to_string())?;
    Ok((recording, geometry))
}

/// Draws `model` as an SVG document of `width` × `height` CSS pixels.
pub fn to_svg(
    model: &ChartModel,
    width: u32,
    height: u32,
    style: &ChartStyle,
) -> Result<String, String> {
    let (recording, _) = record(model, (width, height), style)?;
    let mut svg = String::new();
    {
        let mut backend = SVGBackend::with_string(&mut svg, (width, height));
        recording.replay(&mut backend).map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// The SVG a reader downloads: the same drawing at [`EXPORT_SIZE`], light theme, no cursor.
pub fn export_svg(model: &ChartModel) -> Result<String, String> {
    to_svg(model, EXPORT_SIZE.0, EXPORT_SIZE.1, &ChartStyle::default())
}
