//! Benchmark of a full recompute. (Being written with the core.)
fn main() {}
