//! The yew interface: one component per file, each with its `Props` beside it.
//!
//! Components render natively through yew's SSR in tests; browser effects live in `crate::web`.

mod about;
mod app;
mod assumptions;
mod chart_view;
mod charts;
mod claims;
mod embed_code;
mod field;
mod goal;
mod header;
mod headline;
mod provenance;
mod scenarios;
mod share;
mod sources;
mod table;

pub use about::About;
pub use app::{App, AppContext, AppProps};
pub use assumptions::Assumptions;
pub use chart_view::{ChartCursor, ChartView, use_chart_cursor};
pub use charts::{ChartsPanel, readouts};
pub use claims::ClaimList;
pub use embed_code::{EmbedCode, embed_code};
pub use field::{NumberField, Slider};
pub use goal::GoalSeek;
pub use header::Header;
pub use headline::HeadlineView;
pub use scenarios::Scenarios;
pub use share::ShareButton;
pub use sources::Sources;
pub use table::DataTable;
