//! A [`Recording`](super::record::Recording) turned into the calls a 2D canvas context needs, and no more.
//!
//! plotters' canvas backend sets every style before every primitive: a chart's labels each set the
//! fill colour, font, alignment and baseline again, each a colour or font string formatted in the
//! wasm and decoded by the browser, and every line and every dash of a dashed line is its own path
//! (the default balance chart: 422 primitives, 295 of them dashes, 2,210 calls). [`plan`] keeps
//! what the context already holds and sets only what changes, and strokes a run of opaque lines and
//! polylines of one style as one path of many subpaths (that chart: 923 calls);
//! `canvas::draw_on` makes the calls. What it draws is what
//! plotters' canvas backend draws, primitive for primitive, except where two subpaths of one colour
//! meet, whose anti-aliased edges blend once instead of twice (a browser test compares the pixels).

use plotters::style::FontTransform;
use plotters::style::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord};

use super::record::{Op, Stroke, Text};

/// One call on a 2D canvas context.
#[derive(Debug, Clone, PartialEq)]
pub enum Call<'a> {
    /// `fillStyle`, as `rgba(r,g,b,a)`.
    FillStyle(String),
    /// `strokeStyle`, as `rgba(r,g,b,a)`.
    StrokeStyle(String),
    /// `lineWidth`.
    LineWidth(f64),
    /// `font`, as `style sizepx family`.
    Font(String),
    /// `textAlign`.
    TextAlign(&'static str),
    /// `textBaseline`.
    TextBaseline(&'static str),
    /// `fillRect(x, y, width, height)`.
    FillRect(f64, f64, f64, f64),
    /// `strokeRect(x, y, width, height)`.
    StrokeRect(f64, f64, f64, f64),
    /// `beginPath()`.
    BeginPath,
    /// `moveTo(x, y)`.
    MoveTo(f64, f64),
    /// `lineTo(x, y)`.
    LineTo(f64, f64),
    /// `closePath()`.
    ClosePath,
    /// A full circle, `arc(x, y, radius, 0, 2π)`.
    Circle(f64, f64, f64),
    /// `fill()`.
    Fill,
    /// `stroke()`.
    Stroke,
    /// `fillText(text, x, y)`.
    FillText(&'a str, f64, f64),
    /// `save()`.
    Save,
    /// `restore()`.
    Restore,
    /// `translate(x, y)`.
    Translate(f64, f64),
    /// `rotate(radians)`.
    Rotate(f64),
}

/// What the context holds, as far as the calls so far set it (`None`: not known, set it).
#[derive(Clone, Default)]
struct Held {
    fill: Option<BackendColor>,
    stroke: Option<BackendColor>,
    width: Option<u32>,
    font: Option<(String, f64, String)>,
    align: Option<&'static str>,
    baseline: Option<&'static str>,
}

fn same_color(a: BackendColor, b: BackendColor) -> bool {
    a.rgb == b.rgb && a.alpha == b.alpha
}

fn css(color: BackendColor) -> String {
    let (r, g, b) = color.rgb;
    format!("rgba({r},{g},{b},{})", color.alpha)
}

/// Where a plan's calls go: a list (tests) or straight to a canvas context (`chart::canvas`).
pub trait Sink<'a> {
    /// Takes the next call.
    fn call(&mut self, call: Call<'a>);
}

impl<'a> Sink<'a> for Vec<Call<'a>> {
    fn call(&mut self, call: Call<'a>) {
        self.push(call);
    }
}

struct Planner<'a, 's, S: Sink<'a>> {
    sink: &'s mut S,
    texts: std::marker::PhantomData<&'a str>,
    held: Held,
}

impl<'a, S: Sink<'a>> Planner<'a, '_, S> {
    fn fill(&mut self, color: BackendColor) {
        if !self.held.fill.is_some_and(|c| same_color(c, color)) {
            self.sink.call(Call::FillStyle(css(color)));
            self.held.fill = Some(color);
        }
    }

    fn line(&mut self, stroke: &Stroke) {
        if !self
            .held
            .stroke
            .is_some_and(|c| same_color(c, stroke.color))
        {
            self.sink.call(Call::StrokeStyle(css(stroke.color)));
            self.held.stroke = Some(stroke.color);
        }
        if self.held.width != Some(stroke.width) {
            self.sink.call(Call::LineWidth(f64::from(stroke.width)));
            self.held.width = Some(stroke.width);
        }
    }

    fn text(&mut self, text: &'a str, style: &'a Text, at: BackendCoord) {
        let angle = match style.transform {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 90.0,
            FontTransform::Rotate180 => 180.0,
            FontTransform::Rotate270 => 270.0,
        } / 180.0
            * std::f64::consts::PI;
        let (mut x, mut y) = (f64::from(at.0), f64::from(at.1));
        // Turned text is drawn inside save and restore, which puts back what the context held.
        let before = (angle != 0.0).then(|| self.held.clone());
        if before.is_some() {
            self.sink.call(Call::Save);
            self.sink.call(Call::Translate(x, y));
            self.sink.call(Call::Rotate(angle));
            (x, y) = (0.0, 0.0);
        }
        let baseline = match style.anchor.v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        if self.held.baseline != Some(baseline) {
            self.sink.call(Call::TextBaseline(baseline));
            self.held.baseline = Some(baseline);
        }
        let align = match style.anchor.h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        if self.held.align != Some(align) {
            self.sink.call(Call::TextAlign(align));
            self.held.align = Some(align);
        }
        self.fill(style.color);
        let held = self.held.font.as_ref();
        if !held.is_some_and(|(family, size, kind)| {
            *family == style.family && *size == style.size && *kind == style.style.as_str()
        }) {
            let kind = style.style.as_str();
            self.sink.call(Call::Font(format!(
                "{kind} {}px {}",
                style.size, style.family
            )));
            self.held.font = Some((style.family.clone(), style.size, kind.to_string()));
        }
        self.sink.call(Call::FillText(text, x, y));
        if let Some(before) = before {
            self.sink.call(Call::Restore);
            self.held = before;
        }
    }
}

/// A line's ends moved half a pixel when it is horizontal or vertical, so a one-pixel line covers
/// one row or column of pixels instead of two half-covered ones (as plotters' canvas backend does).
fn crisp(from: BackendCoord, to: BackendCoord) -> ((f64, f64), (f64, f64)) {
    let (mut a, mut b) = (
        (f64::from(from.0), f64::from(from.1)),
        (f64::from(to.0), f64::from(to.1)),
    );
    if from.0 == to.0 {
        a.0 -= 0.5;
        b.0 -= 0.5;
    }
    if from.1 == to.1 {
        a.1 -= 0.5;
        b.1 -= 0.5;
    }
    (a, b)
}

/// The canvas calls that draw `ops`, in order, on a context whose state is not known.
pub fn plan(ops: &[Op]) -> Vec<Call<'_>> {
    let mut calls = Vec::with_capacity(ops.len() * 3);
    plan_into(ops, &mut calls);
    calls
}

/// [`plan`], each call handed to `sink` as it is made.
pub fn plan_into<'a>(ops: &'a [Op], sink: &mut impl Sink<'a>) {
    let mut p = Planner {
        sink,
        texts: std::marker::PhantomData,
        held: Held::default(),
    };
    // A run of opaque lines and polylines of one stroke is stroked as one path of many subpaths;
    // `open` is that stroke. (Dashed lines are a polyline per dash: hundreds in one chart.)
    let mut open: Option<Stroke> = None;
    for op in ops {
        let subpath: Option<(Vec<(f64, f64)>, &Stroke)> = match op {
            Op::Line(from, to, stroke) => {
                let (a, b) = crisp(*from, *to);
                Some((vec![a, b], stroke))
            }
            Op::Path(points, stroke) => Some((
                points
                    .iter()
                    .map(|p| (f64::from(p.0), f64::from(p.1)))
                    .collect(),
                stroke,
            )),
            _ => None,
        };
        if let Some((points, stroke)) = subpath {
            // Nothing to draw: invisible, or a polyline without points.
            if stroke.color.alpha == 0.0 || points.is_empty() {
                continue;
            }
            let opaque = stroke.color.alpha >= 1.0;
            let joins = opaque
                && open
                    .is_some_and(|o| same_color(o.color, stroke.color) && o.width == stroke.width);
            if !joins {
                if open.take().is_some() {
                    p.sink.call(Call::Stroke);
                }
                p.line(stroke);
                p.sink.call(Call::BeginPath);
            }
            if let Some(((x, y), rest)) = points.split_first() {
                p.sink.call(Call::MoveTo(*x, *y));
                for (x, y) in rest {
                    p.sink.call(Call::LineTo(*x, *y));
                }
            }
            if opaque {
                open = Some(*stroke);
            } else {
                // Half-transparent strokes overlapping in one path would not darken where they
                // cross, as two strokes do: each is its own.
                p.sink.call(Call::Stroke);
            }
            continue;
        }
        if open.take().is_some() {
            p.sink.call(Call::Stroke);
        }
        match op {
            Op::Line(..) | Op::Path(..) => {}
            Op::Pixel(at, color) => {
                if color.alpha != 0.0 {
                    p.fill(*color);
                    p.sink
                        .call(Call::FillRect(f64::from(at.0), f64::from(at.1), 1.0, 1.0));
                }
            }
            Op::Rect(a, b, stroke, fill) => {
                if stroke.color.alpha == 0.0 {
                    continue;
                }
                let (x, y) = (f64::from(a.0), f64::from(a.1));
                let (w, h) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
                if *fill {
                    p.fill(stroke.color);
                    p.sink.call(Call::FillRect(x, y, w, h));
                } else {
                    p.line(stroke);
                    p.sink.call(Call::StrokeRect(x, y, w, h));
                }
            }
            Op::Polygon(points, stroke) => {
                if stroke.color.alpha == 0.0 {
                    continue;
                }
                p.sink.call(Call::BeginPath);
                if let Some((first, rest)) = points.split_first() {
                    p.fill(stroke.color);
                    p.sink
                        .call(Call::MoveTo(f64::from(first.0), f64::from(first.1)));
                    for point in rest {
                        p.sink
                            .call(Call::LineTo(f64::from(point.0), f64::from(point.1)));
                    }
                    p.sink.call(Call::ClosePath);
                }
                p.sink.call(Call::Fill);
            }
            Op::Circle(centre, radius, stroke, fill) => {
                if stroke.color.alpha == 0.0 {
                    continue;
                }
                if *fill {
                    p.fill(stroke.color);
                } else {
                    p.line(stroke);
                }
                p.sink.call(Call::BeginPath);
                p.sink.call(Call::Circle(
                    f64::from(centre.0),
                    f64::from(centre.1),
                    f64::from(*radius),
                ));
                p.sink.call(if *fill { Call::Fill } else { Call::Stroke });
            }
            Op::Text(text, style, at) => {
                if style.color.alpha != 0.0 {
                    p.text(text, style, *at);
                }
            }
        }
    }
    if open.is_some() {
        p.sink.call(Call::Stroke);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::record::Recording;
    use crate::chart::{ChartStyle, record};
    use crate::core::chart_model::{annotate, balance_chart_with, flows_chart_with};
    use crate::core::{Dataset, Lang, Partner, Scenario, compute};
    use plotters::style::text_anchor::Pos;
    use plotters::style::{FontStyle, FontTransform};
    use plotters_backend::DrawingBackend;

    /// What reaches the canvas: a stroked or filled subpath, a rectangle or a text, with the style
    /// in force when it was drawn.
    #[derive(Debug, PartialEq)]
    enum Mark {
        Stroke(String, f64, Vec<(f64, f64)>),
        Fill(String, Vec<(f64, f64)>),
        Circle(bool, String, f64, (f64, f64, f64)),
        FillRect(String, [f64; 4]),
        StrokeRect(String, f64, [f64; 4]),
        Text(
            String,
            (f64, f64),
            String,
            String,
            &'static str,
            &'static str,
            Vec<String>,
        ),
    }

    /// A 2D context, as far as the marks go: makes `calls` and says what they drew.
    fn simulate(calls: &[Call<'_>]) -> Vec<Mark> {
        #[derive(Clone, Default)]
        struct State {
            fill: String,
            stroke: String,
            width: f64,
            font: String,
            align: &'static str,
            baseline: &'static str,
            transform: Vec<String>,
        }
        let mut state = State::default();
        let mut saved = Vec::new();
        let mut path: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut circles = Vec::new();
        let mut marks = Vec::new();
        for call in calls {
            match call {
                Call::FillStyle(c) => state.fill = c.clone(),
                Call::StrokeStyle(c) => state.stroke = c.clone(),
                Call::LineWidth(w) => state.width = *w,
                Call::Font(f) => state.font = f.clone(),
                Call::TextAlign(a) => state.align = a,
                Call::TextBaseline(b) => state.baseline = b,
                Call::FillRect(x, y, w, h) => {
                    marks.push(Mark::FillRect(state.fill.clone(), [*x, *y, *w, *h]))
                }
                Call::StrokeRect(x, y, w, h) => marks.push(Mark::StrokeRect(
                    state.stroke.clone(),
                    state.width,
                    [*x, *y, *w, *h],
                )),
                Call::BeginPath => {
                    path.clear();
                    circles.clear();
                }
                Call::MoveTo(x, y) => path.push(vec![(*x, *y)]),
                Call::LineTo(x, y) => match path.last_mut() {
                    Some(sub) => sub.push((*x, *y)),
                    None => path.push(vec![(*x, *y)]),
                },
                Call::ClosePath => {}
                Call::Circle(x, y, r) => circles.push((*x, *y, *r)),
                Call::Fill => {
                    marks.extend(
                        path.iter()
                            .map(|sub| Mark::Fill(state.fill.clone(), sub.clone())),
                    );
                    marks.extend(
                        circles
                            .iter()
                            .map(|c| Mark::Circle(true, state.fill.clone(), 0.0, *c)),
                    );
                }
                Call::Stroke => {
                    marks.extend(
                        path.iter().map(|sub| {
                            Mark::Stroke(state.stroke.clone(), state.width, sub.clone())
                        }),
                    );
                    marks.extend(
                        circles
                            .iter()
                            .map(|c| Mark::Circle(false, state.stroke.clone(), state.width, *c)),
                    );
                }
                Call::FillText(t, x, y) => marks.push(Mark::Text(
                    t.to_string(),
                    (*x, *y),
                    state.fill.clone(),
                    state.font.clone(),
                    state.align,
                    state.baseline,
                    state.transform.clone(),
                )),
                Call::Save => saved.push(state.clone()),
                Call::Restore => state = saved.pop().expect("a save before each restore"),
                Call::Translate(x, y) => state.transform.push(format!("translate {x} {y}")),
                Call::Rotate(a) => state.transform.push(format!("rotate {a}")),
            }
        }
        marks
    }

    /// The marks of `ops` as plotters' canvas backend draws them: every style set before every
    /// primitive, each line its own path.
    fn one_by_one(ops: &[Op]) -> Vec<Mark> {
        // A plan of one primitive on a context of unknown state sets every style it uses.
        let calls: Vec<Call<'_>> = ops
            .iter()
            .flat_map(|op| plan(std::slice::from_ref(op)))
            .collect();
        simulate(&calls)
    }

    fn charts() -> Vec<crate::core::chart_model::ChartModel> {
        let data = Dataset::embedded().expect("embedded");
        let mut models = Vec::new();
        for partner in [Partner::All, Partner::China] {
            let s = Scenario {
                partner: Some(partner),
                ..Scenario::default()
            };
            let out = compute(data, &s);
            let mut balance = balance_chart_with(&out, partner, Lang::Ko, None);
            annotate(&mut balance, data, out.view);
            models.push(balance);
            models.push(flows_chart_with(&out, Lang::En, None));
        }
        models
    }

    #[test]
    fn a_chart_planned_draws_what_each_primitive_drawn_alone_draws_with_fewer_calls() {
        for model in charts() {
            for dark in [false, true] {
                let style = ChartStyle {
                    scale: 2.0,
                    dark,
                    cursor: Some(2020),
                };
                let (recording, _) = record(&model, (1200, 640), &style).expect("records");
                let ops = recording.ops();
                let calls = plan(&ops);
                assert_eq!(simulate(&calls), one_by_one(&ops), "{}", model.title);
                let styles = |calls: &[Call<'_>]| {
                    calls
                        .iter()
                        .filter(|c| {
                            matches!(
                                c,
                                Call::FillStyle(_)
                                    | Call::StrokeStyle(_)
                                    | Call::Font(_)
                                    | Call::TextAlign(_)
                                    | Call::TextBaseline(_)
                                    | Call::LineWidth(_)
                            )
                        })
                        .count()
                };
                let alone: Vec<Call<'_>> = ops
                    .iter()
                    .flat_map(|op| plan(std::slice::from_ref(op)))
                    .collect();
                assert!(
                    styles(&calls) * 3 < styles(&alone),
                    "{}: {} style calls against {} one by one",
                    model.title,
                    styles(&calls),
                    styles(&alone)
                );
                assert!(calls.len() < alone.len());
            }
        }
    }

    fn stroke(rgb: (u8, u8, u8), alpha: f64, width: u32) -> Stroke {
        Stroke {
            color: BackendColor { rgb, alpha },
            width,
        }
    }

    #[test]
    fn opaque_lines_and_polylines_of_one_stroke_share_a_path_and_others_do_not() {
        let mut r = Recording::new((100, 100));
        let black = stroke((0, 0, 0), 1.0, 1);
        let faint = stroke((0, 0, 0), 0.5, 1);
        r.draw_line((0, 10), (100, 10), &black).expect("records");
        r.draw_line((0, 20), (100, 20), &black).expect("records");
        r.draw_path([(0, 25), (50, 25), (100, 28)], &black)
            .expect("records");
        r.draw_path([], &black).expect("records");
        r.draw_line((0, 30), (100, 30), &stroke((0, 0, 0), 1.0, 2))
            .expect("records");
        r.draw_line((0, 40), (100, 40), &faint).expect("records");
        r.draw_line((0, 50), (100, 50), &faint).expect("records");
        r.draw_line((0, 60), (100, 60), &stroke((0, 0, 0), 0.0, 1))
            .expect("records");
        let ops = r.ops();
        let calls = plan(&ops);
        let strokes = calls.iter().filter(|c| **c == Call::Stroke).count();
        // One for the two black lines and the black polyline, one for the wider line, one for each half-transparent line
        // (overlapping in one path, they would not darken where they cross); none for the invisible.
        assert_eq!(strokes, 4, "{calls:?}");
        let paths = calls.iter().filter(|c| **c == Call::BeginPath).count();
        assert_eq!(paths, 4, "{calls:?}");
        assert_eq!(simulate(&calls), one_by_one(&ops));
        // Horizontal lines sit on half pixels, crisp at one pixel wide.
        assert_eq!(
            calls.iter().find(|c| matches!(c, Call::MoveTo(..))),
            Some(&Call::MoveTo(0.0, 9.5))
        );
    }

    #[test]
    fn turned_text_puts_back_what_the_context_held() {
        let mut r = Recording::new((100, 100));
        let text = |transform| Text {
            family: "sans-serif".into(),
            size: 12.0,
            style: FontStyle::Normal,
            color: BackendColor {
                rgb: (1, 2, 3),
                alpha: 1.0,
            },
            anchor: Pos::new(HPos::Left, VPos::Top),
            transform,
        };
        r.draw_text("a", &text(FontTransform::None), (1, 1))
            .expect("records");
        let mut turned = text(FontTransform::Rotate270);
        turned.color = BackendColor {
            rgb: (9, 9, 9),
            alpha: 1.0,
        };
        turned.size = 20.0;
        r.draw_text("b", &turned, (5, 50)).expect("records");
        r.draw_text("c", &text(FontTransform::None), (1, 90))
            .expect("records");
        let ops = r.ops();
        let calls = plan(&ops);
        assert_eq!(simulate(&calls), one_by_one(&ops));
        // After the restore the context holds the first text's style again: nothing is set for "c".
        let after = calls
            .iter()
            .position(|c| *c == Call::Restore)
            .expect("restores");
        assert_eq!(
            calls[after + 1],
            Call::FillText("c", 1.0, 90.0),
            "{calls:?}"
        );
    }
}
