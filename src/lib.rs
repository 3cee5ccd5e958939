//! jikgu: the numbers behind a news story on Korea's cross-border e-commerce balance, recomputable in
//! the browser.
//!
//! The crate is split so that everything that computes is testable on the host:
//!
//! - [`core`] is pure Rust (no yew, web-sys or gloo): the dataset, the model, the story's claims,
//!   projections, and number parsing and formatting in Korean and English.
//! - [`chart`] turns a chart model into drawing calls on any plotters `DrawingBackend`.
//! - [`state`] is the app's one state and its verb-named actions: it calls the core, does no I/O.
//! - [`ui`] holds the yew components; it renders natively through SSR in tests.
//! - [`web`] holds the effects that talk to the browser, with stand-ins on the host.

pub mod chart;
pub mod core;
pub mod state;
pub mod ui;
pub mod web;
