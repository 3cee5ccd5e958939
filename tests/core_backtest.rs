//! The backtest behind the default projection's damping and ranges (`core::forecast`'s module
//! documentation and the README's Projections section quote its figures): every flow series of
//! the shipped data, once each, fitted on the years up to t and forecast one to three years ahead
//! where year t+h was published. The window is the fit's own rule on the table's figures: the last
//! run of at most six consecutive years up to t, starting after the last doubling or halving, of at
//! least four years.
//!
//! Run with `cargo test --test core_backtest -- --nocapture` to see the figures.

// Tests fail by panicking: that is how they report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use jikgu::core::forecast::{self, Drift};
use jikgu::core::{Dataset, Flow, Scenario, compute};

/// Every flow series of the shipped data on logs, (year, ln value), each distinct series once.
fn series() -> Vec<Vec<(i32, f64)>> {
    let data = Dataset::embedded().expect("the embedded dataset parses");
    let mut out: Vec<Vec<(i32, f64)>> = Vec::new();
    for view in data.views() {
        let s = Scenario {
            view: Some(view.id.clone()),
            ..Scenario::default()
        };
        let t = compute(data, &s).table;
        for row in t.rows.iter().filter(|r| r.series.flow != Flow::Balance) {
            let points: Vec<(i32, f64)> = (t.first_year..=t.last_published_year)
                .filter_map(|y| {
                    let v = forecast::to_f64(t.value(row.series.at(y))?)?;
                    (v > 0.0).then(|| (y, v.ln()))
                })
                .collect();
            if !out.contains(&points) {
                out.push(points);
            }
        }
    }
    out
}

/// The window ending at point `o`, by the fit's rules; `None` below four years.
fn window(points: &[(i32, f64)], o: usize) -> Option<Vec<f64>> {
    let mut start = o;
    while start > 0
        && o - start + 1 < forecast::WINDOW
        && points[start - 1].0 + 1 == points[start].0
        && (points[start].1 - points[start - 1].1).abs() < forecast::BREAK
    {
        start -= 1;
    }
    let w: Vec<f64> = points[start..=o].iter().map(|p| p.1).collect();
    (w.len() >= forecast::MIN_YEARS).then_some(w)
}

/// The grid fit with a given φ, as `forecast::fit` makes it: (α, β*, trend, SSE).
fn fit_with(y: &[f64], phi: f64) -> (f64, f64, f64, f64) {
    let mut best = (0.0, 0.0, 0.0, f64::INFINITY);
    for beta in forecast::BETA_GRID {
        for alpha in forecast::ALPHA_GRID {
            let (_, trend, sse) = forecast::run(y, alpha, beta, phi).expect("runs");
            if sse < best.3 * (1.0 - 1e-12) {
                best = (alpha, beta, trend, sse);
            }
        }
    }
    best
}

/// Per horizon 1–3: forecasts made, the sums of |log errors| and of their squares of φ = 0.9, of
/// the shipped fit, of φ = 0.8 and of holding the last level, and how many outcomes the 80 % and
/// 95 % ranges held, before and now.
#[derive(Default, Debug)]
struct Scores {
    n: [usize; 3],
    abs_old: [f64; 3],
    abs_new: [f64; 3],
    abs_08: [f64; 3],
    abs_hold: [f64; 3],
    sq_old: [f64; 3],
    sq_new: [f64; 3],
    in80_old: [usize; 3],
    in80_new: [usize; 3],
    in95_old: [usize; 3],
    in95_new: [usize; 3],
}

fn backtest() -> Scores {
    let (z80, z95) = (1.2816, 1.96);
    let mut s = Scores::default();
    for points in series() {
        for o in 0..points.len() {
            let Some(w) = window(&points, o) else {
                continue;
            };
            let (last, errors) = (w[w.len() - 1], (w.len() - 1) as f64);
            // Before: φ = 0.9, the paths by the fitted α, the spread over all the errors.
            let (alpha, beta, trend, sse) = fit_with(&w, 0.9);
            let (_, _, trend_08, _) = fit_with(&w, 0.8);
            let old = Drift {
                alpha,
                beta,
                phi: 0.9,
                sigma: (sse / errors)
                    .sqrt()
                    .clamp(forecast::SIGMA_FLOOR, forecast::SIGMA_MAX),
            };
            // Now: the shipped fit, the paths with every error kept in the level.
            let fit = forecast::fit(&w).expect("four years or more");
            let new = Drift {
                alpha: 1.0,
                beta: fit.beta,
                phi: fit.phi,
                sigma: fit.rmse.clamp(forecast::SIGMA_FLOOR, forecast::SIGMA_MAX),
            };
            for h in 1..=3_u32 {
                let Some(&(_, actual)) = points.iter().find(|p| p.0 == points[o].0 + h as i32)
                else {
                    continue;
                };
                let k = h as usize - 1;
                let e_old = last + forecast::damped_sum(0.9, h) * trend - actual;
                let e_new = last + forecast::damped_sum(fit.phi, h) * fit.trend - actual;
                s.n[k] += 1;
                s.abs_old[k] += e_old.abs();
                s.abs_new[k] += e_new.abs();
                s.abs_08[k] += (last + forecast::damped_sum(0.8, h) * trend_08 - actual).abs();
                s.abs_hold[k] += (last - actual).abs();
                s.sq_old[k] += e_old * e_old;
                s.sq_new[k] += e_new * e_new;
                s.in80_old[k] += usize::from(e_old.abs() <= z80 * old.sd(h));
                s.in80_new[k] += usize::from(e_new.abs() <= z80 * new.sd(h));
                s.in95_old[k] += usize::from(e_old.abs() <= z95 * old.sd(h));
                s.in95_new[k] += usize::from(e_new.abs() <= z95 * new.sd(h));
            }
        }
    }
    s
}

#[test]
fn the_window_damping_and_the_wider_ranges_do_better_on_the_datasets_own_series() {
    let s = backtest();
    let mean = |sum: [f64; 3]| -> [f64; 3] { std::array::from_fn(|k| sum[k] / s.n[k] as f64) };
    let (old, new, hold) = (mean(s.abs_old), mean(s.abs_new), mean(s.abs_hold));
    let rms =
        |sum: [f64; 3]| -> [f64; 3] { std::array::from_fn(|k| (sum[k] / s.n[k] as f64).sqrt()) };
    println!("forecasts {:?}", s.n);
    println!(
        "mean |log error| φ = 0.9 {old:.3?}, φ = (n − 1)/n {new:.3?}, φ = 0.8 {:.3?}, held {hold:.3?}",
        mean(s.abs_08)
    );
    println!(
        "root mean square φ = 0.9 {:.3?}, φ = (n − 1)/n {:.3?}",
        rms(s.sq_old),
        rms(s.sq_new)
    );
    println!(
        "in the 80 % range: before {:?}, now {:?}",
        s.in80_old, s.in80_new
    );
    println!(
        "in the 95 % range: before {:?}, now {:?}",
        s.in95_old, s.in95_new
    );
    assert_eq!(s.n, [17, 14, 10], "the forecasts the documentation counts");
    assert!(
        new[2] < old[2] && new[2] < hold[2],
        "three years ahead the window's damping beats φ = 0.9 and holding: {new:?} {old:?} {hold:?}"
    );
    assert!(
        (new[0] - old[0]).abs() < 0.01,
        "one year ahead about the same"
    );
    for k in 0..3 {
        assert!(
            s.in80_new[k] >= s.in80_old[k],
            "{} years ahead the 80 % range holds at least as many: {:?} {:?}",
            k + 1,
            s.in80_new,
            s.in80_old
        );
    }
    assert!(
        s.in80_new[2] * 10 >= s.n[2] * 6,
        "three years ahead the 80 % range holds most outcomes: {:?}",
        s.in80_new
    );
}
