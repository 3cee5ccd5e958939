//! Benchmark of a full recompute: every series of a view, the claims, a projection to 2040 and one
//! goal seek, on the embedded dataset. The UI recomputes on every edit, so this must stay far below
//! a frame (the budget is 50 µs natively).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jikgu::core::{Dataset, Decimal, Scenario, cagr, compute, grow};

mod support;
use support::full_scenario;

fn recompute(c: &mut Criterion) {
    let Ok(data) = Dataset::embedded() else {
        eprintln!("the embedded dataset does not parse: run cargo test");
        return;
    };
    let full = full_scenario();
    c.bench_function(
        "recompute: kostat-revised, claims, projection to 2040, goal seek",
        |b| b.iter(|| compute(black_box(data), black_box(&full))),
    );
    let default = Scenario::default();
    c.bench_function("recompute: default scenario", |b| {
        b.iter(|| compute(black_box(data), black_box(&default)))
    });
}

/// The pieces that dominate a recompute, to see where time goes when the total moves.
fn pieces(c: &mut Criterion) {
    let (from, to) = (Decimal::new(1642, 3), Decimal::new(79583, 4));
    c.bench_function("piece: CAGR over ten years (Newton root)", |b| {
        b.iter(|| cagr(black_box(from), black_box(to), black_box(Decimal::from(10))))
    });
    c.bench_function("piece: compound growth over eleven years", |b| {
        b.iter(|| {
            grow(
                black_box(to),
                black_box(Decimal::new(1706, 2)),
                black_box(11),
            )
        })
    });
    let Ok(data) = Dataset::embedded() else {
        return;
    };
    let mut s = full_scenario();
    s.seek = None;
    c.bench_function("piece: recompute without the goal seek", |b| {
        b.iter(|| compute(black_box(data), black_box(&s)))
    });
    s.horizon = Some(2025);
    c.bench_function("piece: recompute projecting one year only", |b| {
        b.iter(|| compute(black_box(data), black_box(&s)))
    });
}

/// The uncertainty ranges: a thousand simulated paths through the same identities. Not part of
/// the recompute budget: the page computes them after the first paint of a change (core::ranges).
fn ranges(c: &mut Criterion) {
    let Ok(data) = Dataset::embedded() else {
        return;
    };
    let full = full_scenario();
    let table = compute(data, &full).table;
    c.bench_function(
        "ranges: kostat-revised to 2040, 1,000 paths (after the first paint)",
        |b| b.iter(|| jikgu::core::ranges::simulate(black_box(data), black_box(&full), &table)),
    );
    let default = Scenario::default();
    let table = compute(data, &default).table;
    c.bench_function("ranges: default scenario, 1,000 paths", |b| {
        b.iter(|| jikgu::core::ranges::simulate(black_box(data), black_box(&default), &table))
    });
}

/// What the app does once at startup before it can draw anything: read the embedded data file.
fn startup(c: &mut Criterion) {
    c.bench_function("startup: parse the embedded dataset", |b| {
        b.iter(|| Dataset::parse(black_box(jikgu::core::EMBEDDED_TEXT)).is_ok())
    });
}

criterion_group!(benches, recompute, pieces, ranges, startup);
criterion_main!(benches);
