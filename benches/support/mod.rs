//! The scenario every recompute benchmark times, natively (`benches/recompute.rs`) and in the
//! browser (`tests/browser_bench.rs`), so both measure the same work.

use jikgu::core::{Decimal, Flow, Growth, Partner, Scenario, Seek, SeriesKey};

/// A full recompute as the issue counts it: KOSTAT's revised view (the most series, so every
/// series of the table), the claims (always evaluated), one edit, one chosen growth window, a
/// projection to 2040 and one goal seek, "what growth of sales closes the 2030 gap".
pub fn full_scenario() -> Scenario {
    let mut s = Scenario {
        view: Some("kostat-revised".into()),
        horizon: Some(2040),
        ..Scenario::default()
    };
    s.growth.insert(
        SeriesKey::won(Flow::Purchases, Partner::China),
        Growth::Cagr {
            from: 2021,
            to: 2024,
        },
    );
    s.edits.insert(
        SeriesKey::won(Flow::Purchases, Partner::All).at(2023),
        Decimal::from(6_700_000_000_000_i64),
    );
    s.seek = Some(Seek::Growth {
        series: SeriesKey::won(Flow::Sales, Partner::All),
        year: 2030,
        target: Decimal::ZERO,
    });
    s
}
