//! A drawing recorded once and played back on any backend.
//!
//! [`super::draw`] is generic over plotters' `DrawingBackend`, and plotters' chart machinery (mesh,
//! series, text layout) is generic all the way down, so drawing on a canvas and drawing the SVG
//! export compiled that machinery twice (about 20 KB of wasm). Instead the chart is drawn once on a
//! [`Recording`], which keeps the primitives plotters asks for, and [`Recording::replay`] hands them
//! to the real backend: only the small replay is compiled per backend.
//!
//! Text is laid out while recording exactly as the canvas and SVG backends lay it out: neither
//! overrides `estimate_text_size`, so all three measure through the font's own `layout_box`.

use std::cell::RefCell;
use std::convert::Infallible;
use std::rc::Rc;

use plotters::prelude::*;
use plotters::style::text_anchor::Pos;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

/// A colour and a stroke width, as a backend receives them.
#[derive(Clone, Copy)]
pub struct Stroke {
    pub(crate) color: BackendColor,
    pub(crate) width: u32,
}

impl Stroke {
    fn of(style: &impl BackendStyle) -> Stroke {
        Stroke {
            color: style.color(),
            width: style.stroke_width(),
        }
    }
}

impl BackendStyle for Stroke {
    fn color(&self) -> BackendColor {
        self.color
    }

    fn stroke_width(&self) -> u32 {
        self.width
    }
}

/// A text style, as a backend receives it.
#[derive(Clone)]
pub struct Text {
    pub(crate) family: String,
    pub(crate) size: f64,
    pub(crate) style: FontStyle,
    pub(crate) color: BackendColor,
    pub(crate) anchor: Pos,
    pub(crate) transform: FontTransform,
}

impl BackendTextStyle for Text {
    type FontError = FontError;

    fn color(&self) -> BackendColor {
        self.color
    }

    fn size(&self) -> f64 {
        self.size
    }

    fn transform(&self) -> FontTransform {
        self.transform.clone()
    }

    fn style(&self) -> FontStyle {
        self.style
    }

    fn anchor(&self) -> Pos {
        self.anchor
    }

    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name(&self.family)
    }

    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), FontError> {
        FontDesc::new(FontFamily::Name(&self.family), self.size, self.style)
            .layout_box(text)
            .map_err(|e| FontError(e.to_string()))
    }

    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        _text: &str,
        _pos: BackendCoord,
        _draw: F,
    ) -> Result<Result<(), E>, FontError> {
        // Only a backend that rasterises text itself calls this; canvas and SVG draw text natively.
        Err(FontError(
            "text cannot be rasterised from a recording".into(),
        ))
    }
}

/// Why a recorded text style could not be measured.
#[derive(Debug, Clone)]
pub struct FontError(String);

impl std::fmt::Display for FontError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FontError {}

/// One primitive as plotters asked for it.
#[derive(Clone)]
pub enum Op {
    /// One pixel.
    Pixel(BackendCoord, BackendColor),
    /// A straight line from one point to another.
    Line(BackendCoord, BackendCoord, Stroke),
    /// A rectangle by its corners, filled or outlined.
    Rect(BackendCoord, BackendCoord, Stroke, bool),
    /// A polyline, stroked.
    Path(Vec<BackendCoord>, Stroke),
    /// A circle by its centre and radius, filled or outlined.
    Circle(BackendCoord, u32, Stroke, bool),
    /// A polygon, filled.
    Polygon(Vec<BackendCoord>, Stroke),
    /// A text at a point.
    Text(String, Text, BackendCoord),
}

/// The primitives of one drawing, in order, on a surface of a given size. Clones share the same
/// primitives, so one clone can be handed to plotters as its backend and the other replayed.
#[derive(Clone)]
pub struct Recording {
    size: (u32, u32),
    ops: Rc<RefCell<Vec<Op>>>,
}

impl Recording {
    /// An empty drawing of `size` backend pixels.
    pub fn new(size: (u32, u32)) -> Recording {
        Recording {
            size,
            ops: Rc::default(),
        }
    }

    /// How many primitives it holds.
    pub fn len(&self) -> usize {
        self.ops.borrow().len()
    }

    /// Whether nothing was drawn.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The primitives, in order.
    pub fn ops(&self) -> std::cell::Ref<'_, Vec<Op>> {
        self.ops.borrow()
    }

    fn push(&self, op: Op) {
        self.ops.borrow_mut().push(op);
    }

    /// Draws every primitive on `backend`, in order, then presents it.
    pub fn replay<DB: DrawingBackend>(
        &self,
        backend: &mut DB,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        backend.ensure_prepared()?;
        for op in self.ops.borrow().iter() {
            match op {
                Op::Pixel(at, color) => backend.draw_pixel(*at, *color)?,
                Op::Line(from, to, s) => backend.draw_line(*from, *to, s)?,
                Op::Rect(a, b, s, fill) => backend.draw_rect(*a, *b, s, *fill)?,
                Op::Path(points, s) => backend.draw_path(points.iter().copied(), s)?,
                Op::Circle(c, r, s, fill) => backend.draw_circle(*c, *r, s, *fill)?,
                Op::Polygon(points, s) => backend.fill_polygon(points.iter().copied(), s)?,
                Op::Text(text, style, at) => backend.draw_text(text, style, *at)?,
            }
        }
        backend.present()
    }
}

impl DrawingBackend for Recording {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.push(Op::Pixel(point, color));
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.push(Op::Line(from, to, Stroke::of(style)));
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.push(Op::Rect(upper_left, bottom_right, Stroke::of(style), fill));
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.push(Op::Path(path.into_iter().collect(), Stroke::of(style)));
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.push(Op::Circle(center, radius, Stroke::of(style), fill));
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.push(Op::Polygon(vert.into_iter().collect(), Stroke::of(style)));
        Ok(())
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let recorded = Text {
            family: style.family().as_str().to_string(),
            size: style.size(),
            style: style.style(),
            color: style.color(),
            anchor: style.anchor(),
            transform: style.transform(),
        };
        self.push(Op::Text(text.to_string(), recorded, pos));
        Ok(())
    }
}
