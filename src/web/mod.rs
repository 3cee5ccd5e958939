//! Effects that talk to the browser, offered to `ui` as plain functions and hooks: mounting, frames
//! and sizes, theme, language and focus, storage, the share link in the address, the host page of
//! an embed, downloads, reading a chosen file, drawing on a canvas. The core and the reducer never
//! call into here.
//!
//! Each has a stand-in on the host (`native.rs`, the same names), so `ui` calls them without
//! asking which target it is built for, and renders natively in tests and the build's prerender.

#[cfg(target_arch = "wasm32")]
mod chart;
#[cfg(target_arch = "wasm32")]
pub mod download;
#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod link;
#[cfg(target_arch = "wasm32")]
mod mount;
#[cfg(target_arch = "wasm32")]
mod page;
#[cfg(target_arch = "wasm32")]
mod paint;
pub mod query;
#[cfg(target_arch = "wasm32")]
pub mod storage;

#[cfg(target_arch = "wasm32")]
pub use self::{
    chart::use_canvas_chart,
    download::{now_iso, save_canvas_png, save_text},
    embed::{full_calculator_base, served_folder, use_host_page},
    link::use_saved_after_paint,
    mount::{mount, start},
    page::{
        copy_link, focus_element, log_error, preferred_lang, read_chosen_file, set_document_lang,
        set_page_theme, use_prefers_dark,
    },
    paint::{
        after_next_paint, starts_below_the_screen, use_after_next_paint, use_deferred,
        use_element_size, use_on_screen, use_painted_since_mount,
    },
};

/// Whether this build runs in the browser (the wasm) rather than natively (tests, the prerender):
/// for the few choices that differ, such as building a closed table only once it is opened.
pub const IN_BROWSER: bool = cfg!(target_arch = "wasm32");

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
pub use native::*;
