//! The page's query string (`?lang=ko&theme=dark&year=2022&source=kostat-revised&partner=china`,
//! and `embed&childId=…` inside an article's iframe), read into the state's [`StartOptions`]. Pure,
//! so it is the same on the host, where the tests read it, and in the browser.

use crate::core::{Lang, Partner};
use crate::state::{StartOptions, Theme};

/// Reads a query string, with or without its leading `?`. Values are matched exactly, so no
/// percent-decoding is needed: anything encoded is simply not a known value.
pub fn start_options(query: &str) -> StartOptions {
    let mut options = StartOptions::default();
    let query = query.strip_prefix('?').unwrap_or(query);
    for pair in query.split('&').take(32) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "lang" => options.lang = Some(Lang::from_tag(value)).filter(|_| !value.is_empty()),
            "theme" => {
                options.theme = [Theme::System, Theme::Light, Theme::Dark]
                    .into_iter()
                    .find(|t| t.id() == value)
            }
            "year" => options.year = value.parse().ok().filter(|y| (1990..=2100).contains(y)),
            "source" if !value.is_empty() && value.len() <= 64 => {
                options.source = Some(value.to_string())
            }
            "partner" => options.partner = Partner::from_id(value),
            "embed" => options.embed = matches!(value, "" | "1" | "true"),
            "childId" => {
                let fits = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
                options.child_id = Some(value.to_string())
                    .filter(|v| !v.is_empty() && v.len() <= 64 && v.chars().all(fits));
            }
            _ => {}
        }
    }
    options
}
