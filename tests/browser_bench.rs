//! The full recompute of `benches/recompute.rs`, timed in headless Chromium as WebAssembly.
//!
//! Not part of `make test`: `make bench` runs it at the release profile (the one shipped) with
//!
//! ```text
//! cargo test --release --target wasm32-unknown-unknown --test browser_bench -- --nocapture
//! ```
//!
//! and reads the line starting `jikgu-bench` from its output. Chromium coarsens `performance.now()`
//! (to 100 µs on a page that is not cross-origin isolated, as the test runner's is not), so each
//! sample times a batch of recomputes and divides: the median and 95th percentile are those of
//! the batches' averages, not of single recomputes.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;

use jikgu::core::{Dataset, SeekOutcome, compute};
use wasm_bindgen_test::*;

#[path = "../benches/support/mod.rs"]
mod support;

wasm_bindgen_test_configure!(run_in_browser);

/// Recomputes before timing starts (a fifth of a second or so), so the engine has compiled the
/// hot code with its optimising tier.
const WARM_UP: usize = 2000;
/// Recomputes per timed sample: at 60 to 100 µs each, a batch lasts sixty 100 µs timer ticks or more.
const BATCH: usize = 100;
/// Timed samples.
const SAMPLES: usize = 60;

#[wasm_bindgen_test]
fn full_recompute_in_the_browser() {
    let data = Dataset::embedded().expect("the embedded dataset");
    let scenario = support::full_scenario();
    let out = compute(data, &scenario);
    assert!(
        matches!(out.seek, Some(SeekOutcome::Solved { .. })),
        "the benchmark's goal seek solves: {:?}",
        out.seek
    );
    assert_eq!(out.table.last_year, 2040, "projected to 2040");
    assert!(!out.claims.is_empty(), "the claims are evaluated");

    let performance = web_sys::window()
        .and_then(|w| w.performance())
        .expect("performance");
    for _ in 0..WARM_UP {
        black_box(compute(black_box(data), black_box(&scenario)));
    }
    let mut per_recompute: Vec<f64> = (0..SAMPLES)
        .map(|_| {
            let start = performance.now();
            for _ in 0..BATCH {
                black_box(compute(black_box(data), black_box(&scenario)));
            }
            (performance.now() - start) * 1000.0 / BATCH as f64
        })
        .collect();
    per_recompute.sort_by(f64::total_cmp);
    let at = |q: f64| per_recompute[((q * SAMPLES as f64) as usize).min(SAMPLES - 1)];
    console_log!(
        "jikgu-bench browser-recompute median_us={:.1} p95_us={:.1} samples={SAMPLES} batch={BATCH}",
        at(0.5),
        at(0.95)
    );
    assert!(at(0.5) > 0.0, "the timer moved");
}

/// The uncertainty ranges (1,000 simulated paths), which the page computes in the task after the
/// frame showing a change: timed for the default view (what a reader opens) and for the
/// benchmark's full scenario (every series to 2040). One simulation lasts milliseconds, far above
/// the timer's 100 µs grain, so each sample is one run.
#[wasm_bindgen_test]
fn ranges_in_the_browser() {
    let data = Dataset::embedded().expect("the embedded dataset");
    let performance = web_sys::window()
        .and_then(|w| w.performance())
        .expect("performance");
    let mut medians = Vec::new();
    for scenario in [jikgu::core::Scenario::default(), support::full_scenario()] {
        let table = compute(data, &scenario).table;
        for _ in 0..10 {
            black_box(jikgu::core::ranges::simulate(data, &scenario, &table));
        }
        let mut ms: Vec<f64> = (0..30)
            .map(|_| {
                let start = performance.now();
                black_box(jikgu::core::ranges::simulate(
                    black_box(data),
                    black_box(&scenario),
                    black_box(&table),
                ));
                performance.now() - start
            })
            .collect();
        ms.sort_by(f64::total_cmp);
        medians.push((
            ms[ms.len() / 2],
            ms[(ms.len() * 95 / 100).min(ms.len() - 1)],
        ));
    }
    console_log!(
        "jikgu-bench browser-ranges default_median_ms={:.2} default_p95_ms={:.2} full_median_ms={:.2} full_p95_ms={:.2}",
        medians[0].0,
        medians[0].1,
        medians[1].0,
        medians[1].1
    );
    assert!(medians[0].0 > 0.0, "the timer moved");
}
