//! The app's default view rendered to HTML on the host, for the build to put in the page so the
//! first frame shows it before any script runs (`xtask inline`). The same components, data and
//! core as the browser app: only the charts differ, drawn as inline SVG where the canvases go.

use yew::prelude::*;

use crate::core::Lang;
use crate::state::StartOptions;
use crate::ui::{App, StillCharts};

/// The size the prerendered charts are drawn at, in CSS pixels. The stylesheet gives the SVG the
/// canvas's box, and the `viewBox` scales the drawing into it: between a phone's column
/// (380 × 220) and a desktop's (1168 × 340), a drawing of this size stays readable in both.
pub const STILL_SIZE: StillCharts = StillCharts {
    width: 480,
    height: 260,
};

#[derive(Properties, PartialEq)]
struct StillProps {
    lang: Lang,
    embed: bool,
}

#[component]
fn Still(props: &StillProps) -> Html {
    let options = StartOptions {
        embed: props.embed,
        ..StartOptions::default()
    };
    html! {
        <ContextProvider<StillCharts> context={STILL_SIZE}>
            <App lang={Some(props.lang)} {options} />
        </ContextProvider<StillCharts>>
    }
}

/// The default view in `lang` as HTML: the full page, or with `embed` the compact layout an
/// article's iframe shows.
pub async fn render(lang: Lang, embed: bool) -> String {
    yew::LocalServerRenderer::<Still>::with_props(StillProps { lang, embed })
        .hydratable(false)
        .render()
        .await
}
