//! The yew interface: one component per file, each with its `Props` beside it.
//!
//! Components render natively through yew's SSR in tests; browser effects live in `crate::web`.

mod about;
mod app;
mod assumptions;
mod chart_view;
mod charts;
mod claims;
mod context;
mod drivers;
mod embed_code;
mod field;
mod goal;
mod header;
mod headline;
#[cfg(feature = "ssr")]
pub mod prerender;
mod ranges;
mod scenarios;
mod share;
mod sources;
mod table;

pub use about::About;
pub use app::{App, AppContext, AppProps, Kept};
pub use assumptions::Assumptions;
pub use chart_view::{ChartCursor, ChartView, use_chart_cursor};
pub use charts::{ChartsPanel, readout, readouts};
pub use claims::ClaimList;
pub use context::Context;
pub use drivers::Drivers;
pub use embed_code::{EmbedCode, embed_code};
pub use field::{NumberField, Slider};
pub use goal::GoalSeek;
pub use header::Header;
pub use headline::HeadlineView;
pub use ranges::{RangesContext, use_ranges};
pub use scenarios::Scenarios;
pub use share::ShareButton;
pub use sources::Sources;
pub use table::DataTable;

use yew::prelude::*;

/// Natively, the size in CSS pixels to draw the charts at as inline SVG instead of canvases: the
/// build's prerendered first screen provides it (`ui::prerender`). Never provided in the browser.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StillCharts {
    /// Width of the drawing.
    pub width: u32,
    /// Height of the drawing.
    pub height: u32,
}

/// Whether the page has been painted once since the calculator mounted. The calculator provides
/// it, so one frame callback and one state change serve every part that waits for it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FirstPaint(pub bool);

/// Whether the calculator has been painted once, as the calculator shares it ([`FirstPaint`]; the
/// one watch behind it is `web::use_painted_since_mount`). False in the browser's first render,
/// true from the task right after the page has first been painted (always true when rendered
/// natively, or outside the calculator). What cannot be seen
/// at first (the parts below the first screen, the insides of closed disclosures, a chart below
/// the window) waits for it, so the headline and the first chart reach the screen sooner; it all
/// follows one frame later.
#[hook]
pub fn use_calculator_painted() -> bool {
    use_context::<FirstPaint>().is_none_or(|painted| painted.0)
}
