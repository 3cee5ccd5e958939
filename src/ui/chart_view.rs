//! A chart on a `<canvas>`, redrawn when its model, theme or size changes.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::chart_model::ChartModel;

/// Props of [`ChartView`].
#[derive(Properties, PartialEq)]
pub struct ChartViewProps {
    /// What to draw.
    pub model: Rc<ChartModel>,
    /// Dark theme colours; `None` follows the reader's system preference.
    #[prop_or_default]
    pub dark: Option<bool>,
    /// The accessible name of the chart, read by screen readers instead of the pixels.
    pub label: AttrValue,
}

/// A chart drawn with plotters on a canvas sized for the screen's pixel ratio.
#[component]
pub fn ChartView(props: &ChartViewProps) -> Html {
    let canvas = use_node_ref();
    #[cfg(target_arch = "wasm32")]
    {
        let size = crate::web::use_element_width(canvas.clone());
        let system_dark = crate::web::use_prefers_dark();
        let dark = props.dark.unwrap_or(system_dark);
        use_effect_with(
            (props.model.clone(), dark, size, canvas.clone()),
            |(model, dark, _, canvas)| {
                if let Some(element) = canvas.cast::<web_sys::HtmlCanvasElement>() {
                    if let Err(error) = crate::chart::canvas::draw_on(&element, model, *dark) {
                        gloo::console::error!(format!("chart: {error}"));
                    }
                }
            },
        );
    }
    html! {
        <div class="chart" data-testid="chart">
            <canvas ref={canvas} role="img" aria-label={props.label.clone()}></canvas>
        </div>
    }
}
