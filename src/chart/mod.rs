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
pub mod paint;
pub mod record;

use std::ops::Range;

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
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

/// An estimate of a text's width in CSS pixels at `size`. The same on every backend, so a layout is
/// the same on a canvas and in an SVG (the prerender's), where no text can be measured.
///
/// Each character's advance, in ems, is rounded up from DejaVu Sans, the widest of the usual
/// sans-serif faces (Linux's; Helvetica and Arial are narrower): measured in Chromium here,
/// "first release / 2024 restructuring basis, standing in" is 278.7 px at 11 px, and this says
/// 288. The flat 0.58 em it replaces said 338, and wrapped labels that fit.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(advance).sum::<f64>() * size
}

/// One character's advance in ems (see [`text_width`]).
fn advance(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | 'I' | '\'' | '|' | '!' => 0.28,
        ' ' | '.' | ',' | ':' | ';' | '·' => 0.32,
        'f' | 't' | '/' | '-' | '(' | ')' | '[' | ']' => 0.4,
        'r' => 0.42,
        'm' => 0.98,
        'w' => 0.82,
        'M' | 'W' | '%' | '→' | '←' | '−' => 1.0,
        'a'..='z' => 0.62,
        '0'..='9' | '+' | '=' | '<' | '>' | '₩' | '$' => 0.64,
        'A'..='Z' => 0.72,
        c if (c as u32) >= 0x1100 => 1.0,
        _ => 0.7,
    }
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

/// Colours, and CSS pixels turned into device pixels: what every step of a drawing needs.
struct Pen<'p> {
    palette: &'p Palette,
    scale: f64,
}

impl Pen<'_> {
    /// `css` pixels in device pixels.
    fn px(&self, css: f64) -> i32 {
        (css * self.scale).round() as i32
    }

    /// A line `css` pixels wide, never thinner than one device pixel.
    fn stroke(&self, css: f64) -> u32 {
        self.px(css).max(1) as u32
    }

    /// Text of `css` pixels in the text colour.
    fn font(&self, css: f64) -> TextStyle<'static> {
        sans_serif(css * self.scale).color(&self.palette.text)
    }

    /// Text of `css` pixels in the muted colour.
    fn muted(&self, css: f64) -> TextStyle<'static> {
        sans_serif(css * self.scale).color(&self.palette.muted)
    }
}

/// The charts' one typeface at `size` pixels. Named by plotters' enum, not by the string
/// "sans-serif": plotters reads a family's name through `str::to_lowercase`, which costs core's
/// Unicode case tables and case mapping (17.7 KB of the wasm, 6.7 KB brotli) for a name that is
/// always this one.
fn sans_serif(size: f64) -> FontDesc<'static> {
    FontDesc::new(FontFamily::SansSerif, size, FontStyle::Normal)
}

/// What the plot spans: the years across (each year a unit wide, centred on it), the chart's unit
/// up, and whether it is laid out for a phone.
struct Axes {
    x: Range<f64>,
    y: Range<f64>,
    first: i32,
    last: i32,
    narrow: bool,
}

impl Axes {
    /// The model's years, and its values with a little room above and below (zero always in).
    fn for_model(model: &ChartModel, narrow: bool) -> Axes {
        let (first, last) = model.year_span();
        let (lo, hi) = model.y_extent();
        let pad = ((hi - lo) * 0.08).max(0.1);
        Axes {
            x: (f64::from(first) - 0.5)..(f64::from(last) + 0.5),
            y: (lo - if lo < 0.0 { pad } else { 0.0 })..(hi + pad),
            first,
            last,
            narrow,
        }
    }

    /// `v`, or the axis's edge when it runs beyond it (see `ChartModel::y_extent`).
    fn clip(&self, v: f64) -> f64 {
        v.clamp(self.y.start, self.y.end)
    }

    /// Whether `v` runs beyond the axis.
    fn clipped(&self, v: f64) -> bool {
        v < self.y.start || v > self.y.end
    }

    /// Half a bar's width, in years.
    fn bar_half(&self) -> f64 {
        if self.narrow { 0.38 } else { 0.34 }
    }
}

/// The plot: years across, the chart's unit up.
type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// What a drawing step returns.
type Drawn<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// The size of the legend's text in CSS pixels.
const LEGEND_FONT: f64 = 11.0;

/// The height of one legend row: tighter on a phone, where the legend wraps to more rows.
fn legend_row(narrow: bool) -> f64 {
    if narrow { 15.0 } else { 18.0 }
}

/// The plot's least height in CSS pixels, its axis labels and event numbers included: below it
/// the bars and lines are too flat to read. [`min_height`] adds the title and the legend.
pub const MIN_PLOT: f64 = 140.0;

/// One row of the legend: each entry's offset from the left margin, its swatch (none on the
/// second line of a label that wraps) and its text.
type LegendRow = Vec<(f64, Option<Swatch>, String)>;

/// The room a swatch takes before its label.
const SWATCH_ROOM: f64 = 24.0;

/// The legend's entries wrapped into rows that fit `css_width` between the margins. An entry too
/// long for a row of its own wraps at its spaces, its next lines under its first.
fn legend_rows(entries: &[(Swatch, String)], css_width: f64, margin: f64) -> Vec<LegendRow> {
    let room = css_width - 2.0 * margin;
    let mut rows: Vec<LegendRow> = vec![Vec::new()];
    let mut x = 0.0;
    for (swatch, label) in entries {
        let w = SWATCH_ROOM + 2.0 + text_width(label, LEGEND_FONT);
        if x > 0.0 && x + w > room {
            rows.push(Vec::new());
            x = 0.0;
        }
        if w <= room {
            if let Some(row) = rows.last_mut() {
                row.push((x, Some(*swatch), label.clone()));
            }
            x += w + 14.0;
            continue;
        }
        for (i, line) in wrap(label, room - SWATCH_ROOM, LEGEND_FONT)
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                rows.push(Vec::new());
            }
            if let Some(row) = rows.last_mut() {
                row.push((0.0, (i == 0).then_some(*swatch), line));
            }
        }
        // The next entry starts a row of its own.
        x = room;
    }
    rows.retain(|r| !r.is_empty());
    rows
}

/// `text` broken at its spaces into lines of at most `width` CSS pixels at `size` (a word wider
/// than that stays whole on its own line).
fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if text_width(&format!("{line} {word}"), size) <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

fn legend_height(rows: usize, narrow: bool) -> f64 {
    if rows == 0 {
        0.0
    } else {
        rows as f64 * legend_row(narrow) + 8.0
    }
}

/// The title's size.
fn title_size(narrow: bool) -> f64 {
    if narrow { 13.0 } else { 15.0 }
}

/// The distance between two lines of the title.
fn title_leading(narrow: bool) -> f64 {
    title_size(narrow) + 3.0
}

/// The title block's height: the title's and the unit's lines.
fn header_height(narrow: bool, title_lines: usize, unit_lines: usize) -> f64 {
    title_size(narrow)
        + title_leading(narrow) * title_lines.saturating_sub(1) as f64
        + 11.0
        + 12.0
        + 13.0 * unit_lines.saturating_sub(1) as f64
}

/// The unit line (`₩ trillion · shaded: …`) broken at its ` · ` where it is wider than `width`, so
/// a phone's chart does not cut it off, and a part still too wide broken at its spaces.
fn unit_lines(unit: &str, width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for part in unit.split(" · ") {
        match lines.last_mut() {
            Some(line) if text_width(&format!("{line} · {part}"), 11.0) <= width => {
                line.push_str(" · ");
                line.push_str(part);
            }
            _ if text_width(part, 11.0) > width => lines.extend(wrap(part, width, 11.0)),
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
    let rows = legend_rows(&legend_entries(model), css_width, margin).len();
    let room = css_width - 2.0 * margin;
    let titles = wrap(&model.title, room, title_size(narrow)).len();
    let units = unit_lines(&model.y_unit, room).len();
    header_height(narrow, titles, units) + margin + MIN_PLOT + legend_height(rows, narrow)
}

/// Draws `model` on `root`, filling it, and says where the plot landed. Each layer is drawn by a
/// step of its own, in order from the back: the axes, the projection's band, the fans, the bars,
/// the markings on them, the lines and marks, the cursor, then the legend below.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    model: &ChartModel,
    style: &ChartStyle,
) -> Result<PlotGeometry, DrawingAreaErrorKind<DB::ErrorType>> {
    let pen = Pen {
        palette: if style.dark { &DARK } else { &LIGHT },
        scale: if style.scale.is_finite() && style.scale > 0.0 {
            style.scale
        } else {
            1.0
        },
    };

    root.fill(&pen.palette.background)?;
    let (width, height) = root.dim_in_pixel();
    let css_width = f64::from(width) / pen.scale;
    let narrow = css_width < NARROW;
    let margin = if narrow { 6.0 } else { 10.0 };

    // The legend goes below the plot, wrapped to the width, so it never sits on the data.
    let entries = legend_entries(model);
    let rows = legend_rows(&entries, css_width, margin);
    let legend_height = legend_height(rows.len(), narrow);

    // A title and the unit above the plot, left-aligned, as a newsroom chart has them.
    let title_size = title_size(narrow);
    let titles = wrap(&model.title, css_width - 2.0 * margin, title_size);
    let units = unit_lines(&model.y_unit, css_width - 2.0 * margin);
    let header_height = header_height(narrow, titles.len(), units.len());
    let (header, rest) = root.split_vertically(pen.px(header_height + margin).max(0));
    let plot_height =
        (f64::from(height) / pen.scale - header_height - margin - legend_height).max(0.0);
    let (upper, lower) = rest.split_vertically(pen.px(plot_height).max(0));
    for (i, line) in titles.iter().enumerate() {
        header.draw_text(
            line,
            &pen.font(title_size).pos(Pos::new(HPos::Left, VPos::Top)),
            (
                pen.px(margin),
                pen.px(margin + title_leading(narrow) * i as f64),
            ),
        )?;
    }
    let units_top =
        margin + title_size + 5.0 + title_leading(narrow) * (titles.len().max(1) - 1) as f64;
    for (i, line) in units.iter().enumerate() {
        header.draw_text(
            line,
            &pen.muted(11.0).pos(Pos::new(HPos::Left, VPos::Top)),
            (pen.px(margin), pen.px(units_top + 13.0 * i as f64)),
        )?;
    }

    let axes = Axes::for_model(model, narrow);
    let (mut chart, geometry) = plot(&upper, model, &axes, &pen, margin)?;
    draw_years(&chart, &upper, &axes, &geometry, &pen)?;
    draw_backdrop(&mut chart, model, &axes, &pen)?;
    draw_fans(&mut chart, model, &axes, &pen)?;
    draw_bars(&mut chart, model, &axes, &pen)?;
    draw_splice(&mut chart, &upper, model, &axes, &pen)?;
    draw_arrowheads(&mut chart, model, &axes, &pen)?;
    draw_references(&mut chart, model, &axes, &pen)?;
    draw_lines_and_marks(&mut chart, model, &axes, &pen)?;
    draw_event_numbers(&chart, &upper, model, &axes, &pen)?;
    if let Some(year) = style
        .cursor
        .filter(|y| (axes.first..=axes.last).contains(y))
    {
        let x = f64::from(year);
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x, axes.y.start), (x, axes.y.end)],
            pen.palette.text.mix(0.7).stroke_width(pen.stroke(1.0)),
        )))?;
    }
    draw_legend(&lower, &rows, margin, legend_row(narrow), &pen)?;

    root.present()?;
    Ok(geometry)
}

/// The plot on `upper`: the value axis with its labels and grid (no year grid: the years are
/// labelled by [`draw_years`]), and where it landed.
fn plot<'a, DB: DrawingBackend>(
    upper: &'a DrawingArea<DB, Shift>,
    model: &ChartModel,
    axes: &Axes,
    pen: &Pen<'_>,
    margin: f64,
) -> Result<(Plot<'a, DB>, PlotGeometry), DrawingAreaErrorKind<DB::ErrorType>> {
    let y_ticks = if axes.narrow { 4.0 } else { 6.0 };
    let y_step = nice_step(axes.y.end - axes.y.start, y_ticks);
    let y_label = |v: &f64| model.y_tick_label(*v, y_step);
    let y_label_width = {
        // The ends and the ticks between them: a tick's label can be the widest ("0.05" on an
        // axis from 0 to 0.06).
        let first = (axes.y.start / y_step).ceil();
        let ticks = (0..=32)
            .map(|k| (first + f64::from(k)) * y_step)
            .take_while(|v| *v <= axes.y.end);
        let widest = [axes.y.start, axes.y.end]
            .into_iter()
            .chain(ticks)
            .map(|v| text_width(&y_label(&v), 11.0))
            .fold(0.0_f64, f64::max);
        (widest + 8.0).clamp(24.0, 72.0)
    };

    let mut chart = ChartBuilder::on(upper)
        .margin_left(pen.px(margin))
        .margin_right(pen.px(margin + 4.0))
        .margin_top(pen.px(4.0))
        .x_label_area_size(pen.px(if model.events.is_empty() { 22.0 } else { 36.0 }))
        .y_label_area_size(pen.px(y_label_width))
        .build_cartesian_2d(axes.x.clone(), axes.y.clone())?;

    chart
        .configure_mesh()
        .x_labels(0)
        .y_labels(y_ticks as usize)
        .y_label_formatter(&y_label)
        .label_style(pen.font(11.0))
        .axis_style(pen.palette.grid.stroke_width(pen.stroke(1.0)))
        .bold_line_style(pen.palette.grid.stroke_width(pen.stroke(1.0)))
        .light_line_style(TRANSPARENT)
        .disable_x_mesh()
        .draw()?;

    let (px_x, px_y) = chart.plotting_area().get_pixel_range();
    let geometry = PlotGeometry {
        left: f64::from(px_x.start) / pen.scale,
        right: f64::from(px_x.end) / pen.scale,
        top: f64::from(px_y.start) / pen.scale,
        bottom: f64::from(px_y.end) / pen.scale,
        x_range: (axes.x.start, axes.x.end),
        y_range: (axes.y.start, axes.y.end),
        years: (axes.first, axes.last),
    };
    Ok((chart, geometry))
}

/// Year labels drawn here rather than by the mesh, so they are whole years and thin out to fit:
/// every other year on a phone, fewer still if the years would collide.
fn draw_years<DB: DrawingBackend>(
    chart: &Plot<'_, DB>,
    upper: &DrawingArea<DB, Shift>,
    axes: &Axes,
    geometry: &PlotGeometry,
    pen: &Pen<'_>,
) -> Drawn<DB> {
    let (first, last) = (axes.first, axes.last);
    let years = f64::from(last.saturating_sub(first).saturating_add(1));
    let plot_css = (geometry.right - geometry.left).max(1.0);
    let fit = (years * 38.0 / plot_css).ceil().max(1.0) as i32;
    let step = if axes.narrow && years > 4.0 {
        fit.max(2)
    } else {
        fit
    };
    let label_style = pen.font(11.0).pos(Pos::new(HPos::Center, VPos::Top));
    for year in (first..=last).filter(|y| (y - first) % step.max(1) == 0) {
        let (x, y) = chart.backend_coord(&(f64::from(year), axes.y.start));
        upper.draw_text(
            &year.to_string(),
            &label_style,
            (
                x - upper.get_base_pixel().0,
                y - upper.get_base_pixel().1 + pen.px(5.0),
            ),
        )?;
    }
    Ok(())
}

/// Behind everything: the shaded band of the projected years, and the zero line.
fn draw_backdrop<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    model: &ChartModel,
    axes: &Axes,
    pen: &Pen<'_>,
) -> Drawn<DB> {
    if let Some(from) = model.projection_from.filter(|f| *f <= axes.last) {
        let start = f64::from(from.max(axes.first)) - 0.5;
        chart.draw_series(std::iter::once(Rectangle::new(
            [(start, axes.y.start), (axes.x.end, axes.y.end)],
            pen.palette.band.filled(),
        )))?;
        chart.draw_series(std::iter::once(Text::new(
            model.lang.pick("전망", "Projection"),
            (start, axes.y.end),
            pen.muted(10.0).pos(Pos::new(HPos::Left, VPos::Top)),
        )))?;
    }
    if axes.y.start < 0.0 && axes.y.end > 0.0 {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(axes.x.start, 0.0), (axes.x.end, 0.0)],
            pen.palette.muted.stroke_width(pen.stroke(1.0)),
        )))?;
    }
    Ok(())
}

/// The fans: the 95 % range lighter, the 80 % range darker, behind the central values.
fn draw_fans<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    model: &ChartModel,
    axes: &Axes,
    pen: &Pen<'_>,
) -> Drawn<DB> {
    let palette = pen.palette;
    for fan in &model.fans {
        let colour = match fan.slot {
            Some(slot) => palette.series[slot % palette.series.len()],
            None => palette.muted,
        };
        for (outer, inner, opacity) in [(0, 3, 0.14), (1, 2, 0.28)] {
            let top: Vec<(f64, f64)> = fan
                .points
                .iter()
                .map(|(y, b)| (f64::from(*y), axes.clip(b[inner])))
                .collect();
            let bottom = fan
                .points
                .iter()
                .rev()
                .map(|(y, b)| (f64::from(*y), axes.clip(b[outer])));
            let outline: Vec<(f64, f64)> = top.into_iter().chain(bottom).collect();
            chart.draw_series(std::iter::once(Polygon::new(
                outline,
                colour.mix(opacity).filled(),
            )))?;
        }
    }
    Ok(())
}

/// The colour of `bar`: edited, else a deficit's or a surplus's.
fn bar_colour(bar: &crate::core::chart_model::Bar, palette: &Palette) -> RGBColor {
    match bar.kind {
        PointKind::Edited => palette.edited,
        _ if bar.value < 0.0 => palette.deficit,
        _ => palette.surplus,
    }
}

/// The bars that can be drawn (a value too large for `f64` cannot).
fn finite_bars(model: &ChartModel) -> impl Iterator<Item = &crate::core::chart_model::Bar> {
    model.bars.iter().filter(|bar| bar.value.is_finite())
}

/// The bars, filled by provenance, and the dotted outline of each stand-in.
fn draw_bars<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    model: &ChartModel,
    axes: &Axes,
    pen: &Pen<'_>,
) -> Drawn<DB> {
    let (palette, bar_half) = (pen.palette, axes.bar_half());
    chart.draw_series(finite_bars(model).map(|bar| {
        let colour = bar_colour(bar, palette);
        let x = f64::from(bar.year);
        let shape = match bar.kind {
            // Hollow: a value we did not observe is not drawn as solid as one we did.
            PointKind::Projected | PointKind::Assumed => colour.stroke_width(pen.stroke(1.5)),
            // Pale, and outlined in dots below: another basis standing in.
            PointKind::StandIn => pale(colour, palette.background).filled(),
            _ => colour.filled(),
        };
        Rectangle::new(
            [(x - bar_half, 0.0), (x + bar_half, axes.clip(bar.value))],
            shape,
        )
    }))?;
    for bar in finite_bars(model).filter(|b| b.kind == PointKind::StandIn) {
        let (x, v) = (f64::from(bar.year), axes.clip(bar.value));
        let outline = vec![
            (x - bar_half, 0.0),
            (x - bar_half, v),
            (x + bar_half, v),
            (x + bar_half, 0.0),
        ];
        chart.draw_series(std::iter::once(DashedPathElement::new(
            outline,
            pen.px(DOTS.0),
            pen.px(DOTS.1),
            bar_colour(bar, palette).stroke_width(pen.stroke(1.5)),
        )))?;
    }
    Ok(())
}

/// Where the view's own basis begins after years of another standing in: a dotted rule and its
/// name, so the join is never silent.
fn draw_splice<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    upper: &DrawingArea<DB, Shift>,
    model: &ChartModel,
    axes: &Axes,
    pen: &Pen<'_>,
) -> Drawn<DB> {
    let Some(splice) = &model.splice else {
        return Ok(());
    };
    let Some(year) = splice.join.filter(|y| (axes.first..=axes.last).contains(y)) else {
        return Ok(());
    };
    let label = splice.join_label(model.lang);
    let x = f64::from(year) - 0.5;
    chart.draw_series(std::iter::once(DashedPathElement::new(
        vec![(x, axes.y.start), (x, axes.y.end)],
        pen.px(DOTS.0),
        pen.px(DOTS.1),
        pen.palette.text.stroke_width(pen.stroke(1.0)),
    )))?;
    let (jx, jy) = chart.backend_coord(&(x, axes.y.end));
    let base = upper.get_base_pixel();
    // After the line, or before it where the label would run off the right edge.
    let room_after = f64::from(upper.dim_in_pixel().0) - f64::from(jx - base.0 + pen.px(3.0));
    let (anchor, dx) = if room_after >= text_width(&label, 10.0) * pen.scale {
        (HPos::Left, pen.px(3.0))
    } else {
        (HPos::Right, -pen.px(3.0))
    };
    upper.draw_text(
        &label,
        &pen.font(10.0).pos(Pos::new(anchor, VPos::Top)),
        (jx - base.0 + dx, jy - base.1 + pen.px(14.0)),
    )?;
    Ok(())
}

/// An arrowhead at the edge where a value runs off the axis; dated events share the shape, a
/// tick pointing up from the time axis at the event's date.
fn draw_arrowheads<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    model: &ChartModel,
    axes: &Axes,
    pen: &Pen<'_>,
) -> Drawn<DB> {
    let head = pen.px(5.0);
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
        .filter(|(_, v)| v.is_finite() && axes.clipped(*v))
        .map(|(year, v)| {
            (
                f64::from(year),
                axes.clip(v),
                if v > axes.y.end { -head } else { head },
            )
        });
    let events = model.events.iter().map(|(x, _)| (*x, axes.y.start, -head));
    chart.draw_series(runs_off.chain(events).map(|(x, y, tip)| {
        EmptyElement::at((x, y))
            + Polygon::new(
                vec![(0, tip), (-head, 0), (head, 0)],
                pen.palette.text.filled(),
            )
    }))?;
    Ok(())
}

/// A published figure that differs from the one drawn: a tick across the bar, so a changed number
/// never hides the story's own.
fn draw_references<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    model: &ChartModel,
    axes: &Axes,
    pen: &Pen<'_>,
) -> Drawn<DB> {
    let bar_half = axes.bar_half();
    chart.draw_series(finite_bars(model).filter_map(|bar| {
        let reference = bar.reference.filter(|r| r.is_finite())?;
        let x = f64::from(bar.year);
        Some(PathElement::new(
            vec![
                (x - bar_half - 0.1, reference),
                (x + bar_half + 0.1, reference),
            ],
            pen.palette.reference.stroke_width(pen.stroke(2.5)),
        ))
    }))?;
    Ok(())
}

/// The lines, then every marker on top of them: each line's points, and the story's and the
/// report's figures.
fn draw_lines_and_marks<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    model: &ChartModel,
    axes: &Axes,
    pen: &Pen<'_>,
) -> Drawn<DB> {
    let palette = pen.palette;
    let width_line = pen.stroke(2.0);
    let mut markers = Vec::new();
    for line in &model.lines {
        let colour = palette.series[line.slot % palette.series.len()];
        let points: Vec<(i32, f64, PointKind)> = line
            .points
            .iter()
            .copied()
            .filter(|p| p.1.is_finite())
            .map(|(y, v, k)| (y, axes.clip(v), k))
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
                    pen.px(DOTS.0),
                    pen.px(DOTS.1),
                    colour.stroke_width(width_line),
                )))?;
            } else if b.2 == PointKind::Projected || b.2 == PointKind::Assumed {
                chart.draw_series(std::iter::once(DashedPathElement::new(
                    path,
                    pen.px(5.0),
                    pen.px(4.0),
                    colour.stroke_width(width_line),
                )))?;
            } else {
                chart.draw_series(std::iter::once(PathElement::new(
                    path,
                    colour.stroke_width(width_line),
                )))?;
            }
        }
        let colours = Colours {
            colour,
            background: palette.background,
            outline: palette.text,
            edited: palette.edited,
        };
        markers.extend(points.iter().map(|p| {
            let (shape, closed, fill, edge) = marker_parts(line.slot, p.2, colours, pen.scale);
            EmptyElement::at((f64::from(p.0), p.1))
                + Polygon::new(shape, fill)
                + PathElement::new(closed, edge)
        }));
    }
    // The story's and the report's figures: their own shapes in the text colour, edged in the
    // background so they read on a bar, set a little apart when both state the same year.
    let mark_size = (6.0 * pen.scale).round().max(3.0) as i32;
    markers.extend(model.marks.iter().filter(|m| m.value.is_finite()).map(|m| {
        let shape = mark_shape(m.who, mark_size);
        let mut closed = shape.clone();
        closed.extend(shape.first().copied());
        let x = f64::from(m.year) + if m.who == 0 { -0.14 } else { 0.14 };
        EmptyElement::at((x, axes.clip(m.value)))
            + Polygon::new(shape, palette.text.filled())
            + PathElement::new(closed, palette.background.stroke_width(pen.stroke(1.0)))
    }));
    chart.draw_series(markers)?;
    Ok(())
}

/// Each dated event's number under the years; numbers that would touch are shown together
/// ("2,3").
fn draw_event_numbers<DB: DrawingBackend>(
    chart: &Plot<'_, DB>,
    upper: &DrawingArea<DB, Shift>,
    model: &ChartModel,
    axes: &Axes,
    pen: &Pen<'_>,
) -> Drawn<DB> {
    let mut groups: Vec<(i32, String)> = Vec::new();
    let base = upper.get_base_pixel();
    let axis = chart.backend_coord(&(0.0, axes.y.start)).1 - base.1;
    for (x, number) in &model.events {
        let ex = chart.backend_coord(&(*x, axes.y.start)).0 - base.0;
        match groups.last_mut() {
            Some((gx, text)) if ex - *gx < pen.px(4.0 * text.len() as f64 + 22.0) => {
                text.push(',');
                text.push_str(&number.to_string());
            }
            _ => groups.push((ex, number.to_string())),
        }
    }
    let label_style = pen.font(11.0).pos(Pos::new(HPos::Center, VPos::Top));
    for (x, text) in &groups {
        upper.draw_text(text, &label_style, (*x, axis + pen.px(20.0)))?;
    }
    Ok(())
}

/// The legend, row by row below the plot.
fn draw_legend<DB: DrawingBackend>(
    lower: &DrawingArea<DB, Shift>,
    rows: &[LegendRow],
    margin: f64,
    row_height: f64,
    pen: &Pen<'_>,
) -> Drawn<DB> {
    let text_style = pen
        .font(LEGEND_FONT)
        .pos(Pos::new(HPos::Left, VPos::Center));
    for (r, row) in rows.iter().enumerate() {
        let y = 6.0 + (r as f64 + 0.5) * row_height;
        for (x, swatch, label) in row {
            let x0 = margin + x;
            if let Some(swatch) = swatch {
                draw_swatch(lower, *swatch, (x0, y), pen.palette, pen.scale)?;
            }
            lower.draw_text(label, &text_style, (pen.px(x0 + SWATCH_ROOM), pen.px(y)))?;
        }
    }
    Ok(())
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
