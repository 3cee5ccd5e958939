//! The dataset parser (`Dataset::parse`) on any text, as when a reader loads a data file of their own.
//!
//! Input: the file's text (UTF-8; other bytes are skipped, as the page reads a file as text).
//!
//! Checks: parsing never panics and an error can be shown; a file that parses keeps its exact text
//! (the link tag and the SHA-256 shown are of it), and computing it, as the page does next, never
//! panics: the default scenario and its charts, then each view (up to eight) in dollars, projected
//! to the furthest horizon, which takes the file's figures through conversion and growth.
//! The target uses only the public API, so it outlives changes to the parser's internals.

#![no_main]

use jikgu::core::chart_model::{balance_chart, flows_chart};
use jikgu::core::{Dataset, DisplayUnit, HORIZON_MAX, Lang, Scenario, compute};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let dataset = match Dataset::parse(text) {
        Ok(dataset) => dataset,
        Err(error) => {
            // Both languages' messages take the TOML reader's English apart: never a panic.
            assert!(!error.to_string().is_empty(), "{error:?}");
            assert!(!error.message(Lang::Ko).is_empty(), "{error:?}");
            return;
        }
    };
    assert_eq!(
        dataset.text(),
        text,
        "the dataset keeps the text it was read from"
    );

    let computed = compute(&dataset, &Scenario::default());
    let _ = balance_chart(&computed, computed.headline.series.partner, Lang::Ko);
    let _ = flows_chart(&computed, Lang::En);
    for view in dataset.views().iter().take(8) {
        let scenario = Scenario {
            view: Some(view.id.clone()),
            unit: DisplayUnit::Usd,
            horizon: Some(HORIZON_MAX),
            ..Scenario::default()
        };
        let _ = compute(&dataset, &scenario);
    }
});
