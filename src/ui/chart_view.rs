//! A chart on a `<canvas>` that can be read without seeing it: a year cursor moved by pointer or
//! keyboard, a live readout of that year's figures, a data table, and PNG and SVG downloads.

use std::rc::Rc;

use yew::prelude::*;

use crate::chart::PlotGeometry;
use crate::core::Lang;
use crate::core::chart_model::ChartModel;
use crate::core::num::{Style, format};

/// The year a reader is reading out, and the span it moves in. UI-only: it never reaches AppState.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CursorState {
    /// The year under the cursor, if any.
    pub year: Option<i32>,
}

/// How the cursor moves.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CursorAction {
    /// Move by `by` years within `span` (from nothing, → starts at the first year and ← at the last).
    Step {
        /// Years to move; negative is back.
        by: i32,
        /// The first and last year.
        span: (i32, i32),
    },
    /// Go to a year, or clear the cursor.
    Set(Option<i32>),
}

impl Reducible for CursorState {
    type Action = CursorAction;

    fn reduce(self: Rc<Self>, action: CursorAction) -> Rc<Self> {
        let year = match action {
            CursorAction::Set(year) => year,
            CursorAction::Step { by, span: (lo, hi) } => Some(match self.year {
                Some(y) => y.saturating_add(by).clamp(lo.min(hi), hi.max(lo)),
                None if by < 0 => hi,
                None => lo,
            }),
        };
        if year == self.year {
            // The same Rc: yew 0.23 does not re-render.
            self
        } else {
            Rc::new(CursorState { year })
        }
    }
}

/// A chart's year cursor: the year, and the keys and pointer positions that move it.
#[derive(Clone, PartialEq)]
pub struct ChartCursor {
    /// The year being read out.
    pub year: Option<i32>,
    dispatch: UseReducerDispatcher<CursorState>,
}

impl ChartCursor {
    /// Moves the cursor for a key press within `span`; true if the key was one of the cursor's
    /// (←/→, Home/End, Escape), so the caller can stop the page from scrolling.
    pub fn key(&self, key: &str, span: (i32, i32)) -> bool {
        let action = match key {
            "ArrowRight" | "ArrowUp" => CursorAction::Step { by: 1, span },
            "ArrowLeft" | "ArrowDown" => CursorAction::Step { by: -1, span },
            "Home" => CursorAction::Set(Some(span.0)),
            "End" => CursorAction::Set(Some(span.1)),
            "Escape" => CursorAction::Set(None),
            _ => return false,
        };
        self.dispatch.dispatch(action);
        true
    }

    /// Puts the cursor on `year`, or clears it.
    pub fn set(&self, year: Option<i32>) {
        self.dispatch.dispatch(CursorAction::Set(year));
    }
}

/// The year cursor of one chart.
#[hook]
pub fn use_chart_cursor() -> ChartCursor {
    let state = use_reducer_eq(CursorState::default);
    ChartCursor {
        year: state.year,
        dispatch: state.dispatcher(),
    }
}

/// Props of [`ChartView`].
#[derive(Properties, PartialEq)]
pub struct ChartViewProps {
    /// What to draw.
    pub model: Rc<ChartModel>,
    /// A short id, unique on the page, for element ids and file names (`balance`, `flows`).
    pub id: AttrValue,
    /// The accessible name of the chart, read by screen readers instead of the pixels.
    pub label: AttrValue,
    /// The dataset the figures come from, for the readout's sources (see `charts::readout`);
    /// without it the readout gives the year alone.
    #[prop_or_default]
    pub dataset: Option<Rc<crate::core::Dataset>>,
    /// The reader's language.
    pub lang: Lang,
    /// Dark theme colours (the page's theme, `AppState::dark`).
    pub dark: bool,
    /// No downloads and no table alternative (the compact embed links to the full calculator,
    /// which has both), and a one-line hint.
    #[prop_or_default]
    pub compact: bool,
}

/// A chart drawn with plotters on a canvas sized for the screen's pixel ratio, with a keyboard and
/// pointer readout, a data-table alternative and image downloads.
#[component]
pub fn ChartView(props: &ChartViewProps) -> Html {
    let canvas = use_node_ref();
    let cursor = use_chart_cursor();
    let geometry = use_mut_ref(PlotGeometry::default);
    let span = props.model.year_span();
    let lang = props.lang;
    let painted = crate::ui::use_calculator_painted();
    // The table alternative sits in a closed disclosure: in the browser it is built when the
    // reader opens it, and only kept up to date while open, so an edit does not rebuild two hidden
    // tables of formatted figures. Rendered natively (the prerender, the server-side tests) it is
    // always there.
    let table_open = use_state_eq(|| false);
    let table_ready = painted && (*table_open || !crate::web::IN_BROWSER);
    let on_toggle = {
        let table_open = table_open.clone();
        Callback::from(move |e: Event| {
            if let Some(details) = e.target_dyn_into::<web_sys::Element>() {
                table_open.set(details.has_attribute("open"));
            }
        })
    };
    let width = crate::web::use_canvas_chart(
        canvas.clone(),
        props.model.clone(),
        props.dark,
        cursor.year,
        painted,
        geometry.clone(),
    );
    // The build's prerender draws the chart as inline SVG where the canvas will be (same box,
    // same model), so the first screen shows it before any script runs.
    let still_size = use_context::<crate::ui::StillCharts>();
    let still = still_size.and_then(|size| still_svg(&props.model, size, &props.label));
    // The box's width as measured in the browser, or the prerender's drawing width: a legend that
    // wraps to many rows grows the box rather than flattening the plot.
    let width = still_size.map_or(width, |s| s.width as i32);
    let min_height = (width > 0).then(|| {
        format!(
            "min-height:{}px",
            crate::chart::min_height(&props.model, f64::from(width)).ceil()
        )
    });

    let on_keydown = {
        let cursor = cursor.clone();
        Callback::from(move |e: KeyboardEvent| {
            if !(e.ctrl_key() || e.meta_key() || e.alt_key()) && cursor.key(&e.key(), span) {
                e.prevent_default();
            }
        })
    };
    let on_pointermove = {
        let (cursor, geometry) = (cursor.clone(), geometry.clone());
        Callback::from(move |e: PointerEvent| {
            let year = geometry.borrow().year_at(f64::from(e.offset_x()));
            if year.is_some() {
                cursor.set(year);
            }
        })
    };
    let on_pointerleave = {
        let cursor = cursor.clone();
        Callback::from(move |_: PointerEvent| cursor.set(None))
    };
    let readout_id = format!("chart-{}-readout", props.id);
    let readout = readout_text(props, cursor.year);
    let keys_hint = lang.pick(
        "← → 연도 이동, Home/End 처음/끝",
        "← → move by year, Home/End first/last",
    );

    html! {
        <figure class="chart-figure">
            <div
                class="chart"
                data-testid="chart"
                tabindex="0"
                role="group"
                aria-label={format!("{}. {keys_hint}", props.label)}
                aria-describedby={readout_id.clone()}
                onkeydown={on_keydown}
            >
                if let Some(svg) = still {
                    { Html::from_html_unchecked(svg.into()) }
                } else {
                    <canvas
                        ref={canvas.clone()}
                        style={min_height}
                        role="img"
                        aria-label={props.label.clone()}
                        onpointermove={on_pointermove}
                        onpointerleave={on_pointerleave}
                    ></canvas>
                }
            </div>
            <p id={readout_id} class="chart-readout" aria-live="polite" data-testid="chart-readout">
                { readout }
            </p>
            if !props.compact {
                { downloads(props, &canvas) }
                { data_table(&props.model, lang, table_ready, on_toggle) }
            }
        </figure>
    }
}

/// What the readout under the chart says: the figures of the year pointed at, or how to point.
fn readout_text(props: &ChartViewProps, year: Option<i32>) -> String {
    let lang = props.lang;
    match year {
        Some(year) => match &props.dataset {
            Some(dataset) => crate::ui::readout(&props.model, dataset, lang, year),
            None => format!("{year}: {}", lang.pick("자료 없음", "no data")),
        },
        None if props.compact => lang
            .pick("← → 또는 포인터로 연도별 수치 읽기", "Point, or press ← →, for each year's figures")
            .to_string(),
        None => lang
            .pick(
                "그래프 위에 포인터를 올리거나, 그래프를 선택하고 ← → 키로 연도별 수치를 읽을 수 있습니다.",
                "Point at the chart, or focus it and press ← → to read each year's figures.",
            )
            .to_string(),
    }
}

/// The chart's PNG (the canvas as drawn) and SVG (the same drawing at the export size) downloads.
fn downloads(props: &ChartViewProps, canvas: &NodeRef) -> Html {
    let lang = props.lang;
    let on_png = {
        let (canvas, id) = (canvas.clone(), props.id.clone());
        Callback::from(move |_: MouseEvent| {
            crate::web::save_canvas_png(&canvas, &format!("jikgu-{id}.png"))
        })
    };
    let on_svg = {
        let (model, id) = (props.model.clone(), props.id.clone());
        Callback::from(
            move |_: MouseEvent| match crate::chart::export_svg(&model) {
                Ok(svg) => crate::web::save_text(&format!("jikgu-{id}.svg"), "image/svg+xml", &svg),
                Err(error) => crate::web::log_error(&format!("svg export: {error}")),
            },
        )
    };
    html! {
        <div class="chart-actions" role="group" aria-label={lang.pick("그래프 내려받기", "Download the chart")}>
            <button type="button" onclick={on_png}>{ lang.pick("PNG 이미지", "PNG image") }</button>
            <button type="button" onclick={on_svg}>{ lang.pick("SVG 이미지", "SVG image") }</button>
        </div>
    }
}

/// Without `ssr` (the browser's build), nothing: only the build's prerender, which has it, asks for
/// a still drawing, and this keeps the SVG writing out of the wasm.
#[cfg(not(feature = "ssr"))]
fn still_svg(_model: &ChartModel, _size: crate::ui::StillCharts, _label: &str) -> Option<String> {
    None
}

/// `model` drawn as an SVG element to sit where the canvas goes: the light theme, scaled to the
/// canvas's box by its `viewBox`, named like the canvas for screen readers.
#[cfg(feature = "ssr")]
fn still_svg(model: &ChartModel, size: crate::ui::StillCharts, label: &str) -> Option<String> {
    let style = crate::chart::ChartStyle::default();
    // Drawn no shorter than its legend needs; the `viewBox` scales it into the stylesheet's box.
    let least = crate::chart::min_height(model, f64::from(size.width)).ceil() as u32;
    let size = crate::ui::StillCharts {
        height: size.height.max(least),
        ..size
    };
    let svg = crate::chart::to_svg(model, size.width, size.height, &style).ok()?;
    // plotters opens with `<svg width=… height=… viewBox=… xmlns=…>`: keep only the viewBox, so
    // the stylesheet sizes it as it sizes the canvas.
    let open_end = svg.find('>')?;
    let body = &svg[open_end + 1..];
    let label = label
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    // What the page weighs: `opacity="1"` is the default, text needs no line breaks around it
    // (SVG collapses them), and a font size needs no sixteen decimals.
    let mut compact = String::with_capacity(body.len());
    for line in body.trim().replace(" opacity=\"1\"", "").lines() {
        compact.push_str(&round_font_size(line.trim()));
        compact.push('\n');
    }
    Some(format!(
        "<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{label}\">{compact}",
        size.width, size.height,
    ))
}

/// `line` with a `font-size="…"` rounded to a tenth of a pixel.
#[cfg(feature = "ssr")]
fn round_font_size(line: &str) -> String {
    const KEY: &str = "font-size=\"";
    let Some(at) = line.find(KEY).map(|i| i + KEY.len()) else {
        return line.to_string();
    };
    let Some(end) = line[at..].find('"').map(|i| i + at) else {
        return line.to_string();
    };
    match line[at..end].parse::<f64>() {
        Ok(size) => format!("{}{:.1}{}", &line[..at], size, &line[end..]),
        Err(_) => line.to_string(),
    }
}

/// The figures drawn, as a table inside a disclosure: years down, series across. Without
/// `ready`, only the disclosure's summary. `on_toggle` hears it opened and closed.
fn data_table(model: &ChartModel, lang: Lang, ready: bool, on_toggle: Callback<Event>) -> Html {
    if !ready {
        return html! {
            <details class="chart-table" ontoggle={on_toggle}>
                <summary>{ lang.pick("표로 보기", "Show as table") }</summary>
            </details>
        };
    }
    let (first, last) = model.year_span();
    let years: Vec<i32> = (first..=last)
        .filter(|y| {
            model
                .columns
                .iter()
                .any(|c| c.at(*y).is_some_and(|(v, _)| v.is_some()))
        })
        .collect();
    let cell = |year: i32, column: &crate::core::chart_model::Column| -> String {
        match column.at(year) {
            Some((Some(value), provenance)) => {
                let number = format(value, column.quantity, lang, Style::Compact);
                let basis = column
                    .stand_in
                    .iter()
                    .find(|s| s.0 == year)
                    .map(|s| crate::core::chart_model::stand_in_note(s.1, lang));
                match (provenance, basis) {
                    (_, Some(basis)) => format!("{number} ({basis})"),
                    (crate::core::Provenance::Published { .. }, None) => number,
                    (other, None) => format!("{number} ({})", other.label(lang)),
                }
            }
            _ => "–".to_string(),
        }
    };
    let mut caption = format!("{} ({})", model.title, model.y_unit);
    if let Some(note) = model.splice_note() {
        caption = format!("{caption}. {note}");
    }
    html! {
        <details class="chart-table" ontoggle={on_toggle}>
            <summary>{ lang.pick("표로 보기", "Show as table") }</summary>
            <div class="scroll">
                <table class="data">
                    <caption>{ caption }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ lang.pick("연도", "Year") }</th>
                            { for model.columns.iter().map(|c| html! {
                                <th scope="col" key={c.label.clone()}>{ c.label.clone() }</th>
                            }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for years.iter().map(|year| html! {
                            <tr key={*year}>
                                <th scope="row">{ year }</th>
                                { for model.columns.iter().map(|c| html! {
                                    <td key={c.label.clone()}>{ cell(*year, c) }</td>
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_steps_within_the_span() {
        let span = (2019, 2024);
        let cases = [
            (
                None,
                CursorAction::Step { by: 1, span },
                Some(2019),
                "→ from nothing: first year",
            ),
            (
                None,
                CursorAction::Step { by: -1, span },
                Some(2024),
                "← from nothing: last year",
            ),
            (
                Some(2020),
                CursorAction::Step { by: 1, span },
                Some(2021),
                "→ one year on",
            ),
            (
                Some(2024),
                CursorAction::Step { by: 1, span },
                Some(2024),
                "→ stops at the end",
            ),
            (
                Some(2019),
                CursorAction::Step { by: -1, span },
                Some(2019),
                "← stops at the start",
            ),
            (Some(2022), CursorAction::Set(None), None, "cleared"),
        ];
        for (from, action, want, why) in cases {
            let state = Rc::new(CursorState { year: from }).reduce(action);
            assert_eq!(state.year, want, "{why}");
        }
        let same = Rc::new(CursorState { year: Some(2024) });
        let after = same.clone().reduce(CursorAction::Step { by: 1, span });
        assert!(
            Rc::ptr_eq(&same, &after),
            "no change keeps the Rc: no re-render"
        );
    }
}
