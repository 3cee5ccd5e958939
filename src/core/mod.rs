//! The computation core: pure Rust, no UI or browser crates, exercised in full by `cargo test`.

pub mod chart_model;
pub mod lang;
pub mod num;
