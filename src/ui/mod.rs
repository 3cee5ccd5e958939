//! The yew interface: one component per file, each with its `Props` beside it.
//!
//! Components render natively through yew's SSR in tests; browser effects live in `crate::web`.

mod app;
mod chart_view;

pub use app::App;
pub use chart_view::ChartView;
