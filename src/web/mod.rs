//! Effects that talk to the browser. Only compiled for wasm32; the core and the reducer never call
//! into here.

pub mod download;
pub mod embed;
pub mod link;
mod mount;
mod page;
mod paint;
pub mod storage;

pub use mount::{mount, start};
pub use page::{
    focus_element, preferred_lang, read_chosen_file, set_document_lang, use_prefers_dark,
};
pub use paint::{
    after_next_paint, starts_below_the_screen, use_after_first_paint, use_element_width,
};
