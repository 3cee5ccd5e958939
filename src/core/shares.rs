//! Step 5's reconciliation of named partners with their flow total: the partners are projected
//! as shares of the total, the way compositional data is forecast (Aitchison's additive
//! log-ratio), not as levels of their own.
//!
//! Each flow (purchases, sales; each measure) has its total projected on its own (the longest
//! history) and its named partners (China, the US, …). Projected each on its own, a fast-growing
//! partner eats its total and squeezes the rest of the world to nothing without any model saying
//! so, and scaling it back each year compounds into a decline that accelerates. Here the rest of
//! the world R = total − named partners is the reference, and for every partner the model
//! projects:
//!
//! - a partner with a trend of its own gets a damped trend ([`forecast::fit`], the same window
//!   and break rules as a row's own) fitted on z = log(partner ÷ R'), where R' is the total less
//!   every partner with a trend (a partner held for want of history has too few years to be
//!   taken out of it); the projected z carries on from the last published year, and the shares
//!   of these partners and the rest are the softmax of the z: e^z ÷ (1 + Σ e^z);
//! - a partner held for want of history, or whose log-ratio cannot be fitted (fewer than
//!   [`forecast::MIN_YEARS`] consecutive years of it, a rest that is not positive in them), keeps
//!   its last ratio to the rest of the world ([`ShareMethod::Held`]): a weight of its base value in
//!   the softmax, beside the rest's. It is part of R′, the reference its neighbours' log-ratios were
//!   fitted against, so it moves with that reference: before, it kept its share of the total and
//!   the trends divided what was left with the rest of the world alone, a reference that in the
//!   revised view was a tenth of R′ (₩0.12 of 1.49 tn), so China's rising weight squeezed the US,
//!   whose own log-ratio to R′ rises, down to its pace bound every year (₩1.69 tn → 0.47 by 2040).
//!
//! So each share stays in (0, 1), they sum below one, each keeps its recent direction at a
//! slowing pace (a damped trend adds at most n − 1 of its last yearly steps), and nothing
//! accelerates. The partners and the rest divide what the reader's own figures leave of the total
//! (an edited cell, a partner projected by a rate or method the reader chose, which stay as they
//! are); where those alone exceed the total, the model's partners keep their own projections and
//! the total rises to the sum of the partners ([`Projection::SumOfParts`]). Where the named
//! partners leave no rest of the world in the last published year there is no ratio to take, and
//! every partner keeps its last share.
//!
//! A share is not a level, though: a partner's level moves with its share and its total, and a
//! steep trend elsewhere can move it faster than it ever moved. In the revised KOSTAT view, before
//! the held partners joined the reference and φ was tied to the window, China's log-ratio rose by
//! 0.46 a year (four years, α = 1, β* = 0.3) against a rest of the world of 1.4 % of the total, so
//! China's weight in the softmax grew half again in the first year and the US, whose own
//! log-ratio rises, fell 13.3 % in 2025 against at most 9.2 % in any of its published years.
//! So no partner moves, in any projected year, further from its figure of the year before than
//! its own largest yearly change on logs ([`pace`]: its last run of at most
//! [`forecast::WINDOW`] years after its last break, as a fit's); a partner with one figure is not
//! bounded (it keeps its share). One held at its bound stops there and the partners with a trend
//! still within theirs and the rest of the world take up the difference in proportion to their
//! model values ([`within_pace`]), so their ratios stay the model's and the shares still sum to
//! the total; the bounded partner carries on from where it stopped, by its trend, rather than
//! catching up with the unbounded path. Where the partners at their bounds alone exceed what
//! their total leaves (a total falling faster than its partners ever have), the identity wins.
//!
//! `f64` is used for the log-ratios and the shares only; each share comes back to `Decimal` rounded
//! down, and each value is the room times its share, rounded down, so the partners never exceed
//! the total.

use rust_decimal::{Decimal, RoundingStrategy};

use super::arith::Arith;
use super::forecast::{self, Drift};
use super::projection::{Fitted, PROJECTED_DP, parts_of, raise_total, spread_of, value_at};
use super::scenario::Growth;
use super::series::{Flow, Partner};
use super::table::{Projection, Provenance, Row, RowProjection, ShareFit, ShareMethod, index};

/// What the model makes of a named partner in its total's composition (`None`: the reader's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Projected by a damped trend of its own: its log-ratio to the rest gets one.
    Trend,
    /// Held for want of history: so is its ratio to the rest.
    Held,
}

/// A partner's role from its own projection: the model's damped trend (default or picked again
/// by the reader) or a level held for want of history; a rate, a window or a held level the
/// reader chose is the reader's and stays.
fn role(p: &RowProjection) -> Option<Role> {
    if p.stale.is_some() || p.issue.is_some() {
        return None;
    }
    match p.assumption {
        Growth::Damped if p.held.is_none() => Some(Role::Trend),
        Growth::Damped => Some(Role::Held),
        Growth::Flat if p.default => Some(Role::Held),
        _ => None,
    }
}

/// A partner the model projects as a share of its total.
struct Member {
    /// Its row.
    part: usize,
    /// Its value at the base year (in f64): with a trend, its weight there (e^z times the rest's).
    base: f64,
    /// The damped trend of its log-ratio, with the first year fitted; `None`: its share is held.
    fit: Option<(forecast::Fit, i32)>,
    /// The largest yearly change of its level on logs over its own last run of published years
    /// ([`pace`]): no projected year moves it further. `None` with a single figure.
    pace: Option<f64>,
}

impl Member {
    /// Its weight `h` years after the base: the base weight times e^(rise of z).
    fn weight(&self, h: u32) -> f64 {
        match self.fit {
            Some((fit, _)) => self.base * (forecast::damped_sum(fit.phi, h) * fit.trend).exp(),
            None => self.base,
        }
    }

    fn method(&self) -> ShareMethod {
        match self.fit {
            Some(_) => ShareMethod::Trend,
            None => ShareMethod::Held,
        }
    }
}

/// Projects every flow total's named partners as shares of it (see the module's documentation).
/// `fitted` holds, row by row, the series each row's own trend was fitted on.
pub(super) fn share_partners(rows: &mut [Row], fitted: &[Fitted], first: i32, last: i32, end: i32) {
    let totals: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.series.flow != Flow::Balance && r.series.partner == Partner::All)
        .map(|(i, _)| i)
        .collect();
    for t in totals {
        share_total(rows, fitted, t, (first, last, end));
    }
}

/// The partners of total `t` as shares of it, in each year after `last`.
fn share_total(rows: &mut [Row], fitted: &[Fitted], t: usize, (first, last, end): (i32, i32, i32)) {
    let Some(total_row) = rows.get(t) else {
        return;
    };
    let projected = total_row
        .projection
        .is_some_and(|p| p.stale.is_none() && p.issue.is_none());
    let Some(b) = index(first, last) else {
        return;
    };
    let total_base = value_at(rows, t, b).filter(|v| *v > Decimal::ZERO);
    let (true, Some(total_base)) = (projected, total_base) else {
        return;
    };
    let parts = parts_of(rows, total_row.series);
    let roles: Vec<Option<Role>> = parts
        .iter()
        .map(|p| {
            rows.get(*p)
                .and_then(|r| r.projection.as_ref())
                .and_then(role)
                .filter(|_| value_at(rows, *p, b).is_some())
        })
        .collect();
    if roles.iter().all(Option::is_none) {
        return;
    }
    // The rest of the world in the base year: what every named partner leaves of the total.
    let rest_base = parts
        .iter()
        .filter_map(|p| value_at(rows, *p, b).and_then(forecast::to_f64))
        .fold(forecast::to_f64(total_base).unwrap_or(0.0), |rest, v| {
            rest - v
        });
    let members = members(rows, fitted, t, (&parts, &roles), rest_base, (first, last));
    record(rows, &members);
    let rest = rest_base.max(0.0);
    // Per member, on logs, how far the bounds on its pace have moved it from the model's course:
    // a member held at its bound carries on from there.
    let mut offsets = vec![0.0; members.len()];
    for year in last.saturating_add(1)..=end {
        share_year(
            rows,
            (t, &parts),
            (&members, &mut offsets),
            rest,
            (first, last, year),
        );
    }
}

/// The partners the model projects, each with its base weight and its share method: the
/// log-ratio's damped trend where it can be fitted.
fn members(
    rows: &[Row],
    fitted: &[Fitted],
    t: usize,
    (parts, roles): (&[usize], &[Option<Role>]),
    rest_base: f64,
    (first, last): (i32, i32),
) -> Vec<Member> {
    let series = |r: usize| fitted.get(r).map_or(&[][..], Vec::as_slice);
    let with_trend: Vec<usize> = parts
        .iter()
        .zip(roles)
        .filter(|(_, r)| **r == Some(Role::Trend))
        .map(|(p, _)| *p)
        .collect();
    let total = series(t);
    let trends: Vec<&[(i32, Decimal)]> = with_trend.iter().map(|p| series(*p)).collect();
    let b = index(first, last);
    let mut members = Vec::new();
    for (p, role) in parts.iter().zip(roles) {
        let base = b
            .and_then(|b| value_at(rows, *p, b))
            .and_then(forecast::to_f64);
        let (Some(_), Some(base)) = (role, base) else {
            continue;
        };
        let fit = match with_trend.iter().position(|q| q == p) {
            Some(i) if rest_base > 0.0 => log_ratio_fit(total, &trends, i, last),
            _ => None,
        };
        members.push(Member {
            part: *p,
            base: base.max(0.0),
            fit,
            pace: b.and_then(|b| pace(rows, *p, b)),
        });
    }
    members
}

/// The damped trend of partner `i`'s log-ratio to what the partners with trends leave of the
/// total (`trends`, adjusted as for their own fits), and the first year fitted: a run of
/// consecutive years up to `last`, at most [`forecast::WINDOW`], starting after the last year in
/// which the ratio doubled or halved ([`forecast::BREAK`]). `None` below
/// [`forecast::MIN_YEARS`] years.
fn log_ratio_fit(
    total: &[(i32, Decimal)],
    trends: &[&[(i32, Decimal)]],
    i: usize,
    last: i32,
) -> Option<(forecast::Fit, i32)> {
    let at = |s: &[(i32, Decimal)], y: i32| {
        s.iter()
            .find(|(x, _)| *x == y)
            .and_then(|(_, v)| forecast::to_f64(*v))
    };
    let log_ratio = |year: i32| -> Option<f64> {
        let mut rest = at(total, year)?;
        for series in trends {
            rest -= at(series, year)?;
        }
        let part = at(trends.get(i).copied()?, year)?;
        (rest > 0.0 && part > 0.0).then(|| (part / rest).ln())
    };
    let mut zs: Vec<f64> = Vec::with_capacity(forecast::WINDOW);
    let mut year = last;
    while zs.len() < forecast::WINDOW {
        let Some(z) = log_ratio(year) else {
            break;
        };
        if zs
            .last()
            .is_some_and(|later| (later - z).abs() >= forecast::BREAK - 1e-12)
        {
            break;
        }
        zs.push(z);
        year = year.saturating_sub(1);
    }
    zs.reverse();
    let fit = forecast::fit_cached(&zs)?;
    Some((fit, year.saturating_add(1)))
}

/// The largest yearly change on logs, either way, of row `r`'s figures over its last run of
/// consecutive positive years ending at index `b` (the view's last published year): at most
/// [`forecast::WINDOW`] years, starting after the last year it doubled or halved
/// ([`forecast::BREAK`]), as a row's own trend is fitted. `None` below two years: a single figure
/// says nothing of how fast it moves.
fn pace(rows: &[Row], r: usize, b: usize) -> Option<f64> {
    let at = |i: usize| {
        value_at(rows, r, i)
            .and_then(forecast::to_f64)
            .filter(|v| *v > 0.0)
    };
    let mut later = at(b)?;
    let mut largest: Option<f64> = None;
    for back in 1..forecast::WINDOW {
        let Some(v) = b.checked_sub(back).and_then(at) else {
            break;
        };
        let step = (later / v).ln().abs();
        if step >= forecast::BREAK - 1e-12 {
            break;
        }
        largest = Some(largest.map_or(step, |l| l.max(step)));
        later = v;
    }
    largest
}

/// Records in each member's projection how its share is made.
fn record(rows: &mut [Row], members: &[Member]) {
    for m in members {
        let Some(info) = rows.get_mut(m.part).and_then(|r| r.projection.as_mut()) else {
            continue;
        };
        let to = info.base.map_or(0, |c| c.year);
        let window = m.fit.map(|(_, from)| (from, to));
        let trend = m
            .fit
            .and_then(|(fit, _)| forecast::to_decimal(fit.trend, 6));
        let own = info
            .spread
            .and_then(|s| forecast::to_f64(s.sigma))
            .unwrap_or(forecast::SIGMA_MAX);
        let spread = m.fit.and_then(|(fit, _)| {
            let sigma = fit
                .rmse
                .clamp(forecast::SIGMA_FLOOR, forecast::SIGMA_MAX)
                .min(own);
            // Every error kept in the level, as a row's own trend strays (`forecast`'s Spread).
            let drift = Drift {
                alpha: 1.0,
                beta: fit.beta,
                phi: fit.phi,
                sigma,
            };
            spread_of(drift, true)
        });
        info.share = Some(ShareFit {
            method: m.method(),
            window,
            trend,
            spread,
            held_to_pace: None,
        });
    }
}

/// One projected year of a total's composition: the members divide what the reader's own figures
/// leave of the total with the rest of the world by their weights (a held share's is its base
/// value, as the rest's is); where the
/// reader's figures leave nothing, the members keep their own projections and a projected total
/// rises to the sum. No member moves further from its figure of the year before than its own
/// history has ([`Member::pace`], see [`within_pace`]); one held at that bound carries on from it
/// (its `offsets`, on logs, grow by how far it was held from the model's share).
fn share_year(
    rows: &mut [Row],
    (t, parts): (usize, &[usize]),
    (members, offsets): (&[Member], &mut [f64]),
    rest: f64,
    (first, last, year): (i32, i32, i32),
) {
    let Some(i) = index(first, year) else {
        return;
    };
    let Some(total) = value_at(rows, t, i) else {
        return;
    };
    let h = u32::try_from(year.saturating_sub(last)).unwrap_or(0);
    // A member's cell is the model's unless the reader edited it.
    let now: Vec<(usize, &Member)> = members
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            rows.get(m.part)
                .and_then(|r| r.cells.get(i))
                .is_some_and(|c| matches!(c.provenance, Provenance::Projected { .. }))
        })
        .collect();
    let (mut named, mut fixed) = (Decimal::ZERO, Decimal::ZERO);
    for p in parts {
        let v = value_at(rows, *p, i).unwrap_or(Decimal::ZERO);
        named = named.plus(v).unwrap_or(Decimal::MAX);
        if !now.iter().any(|(_, m)| m.part == *p) {
            fixed = fixed.plus(v).unwrap_or(Decimal::MAX);
        }
    }
    let room = total.minus(fixed).unwrap_or(Decimal::ZERO);
    if room <= Decimal::ZERO {
        raise_total(rows, t, i, named);
        return;
    }
    let offset = |k: usize| offsets.get(k).copied().unwrap_or(0.0).exp();
    // The softmax: the members' weights against the rest's (a held share's weight is its base).
    let weights = now
        .iter()
        .fold(rest, |w, (k, m)| w + m.weight(h) * offset(*k));
    let room_f = forecast::to_f64(room).unwrap_or(0.0);
    let model: Vec<Model> = now
        .iter()
        .map(|(k, m)| Model {
            target: m.weight(h) * offset(*k) / weights * room_f,
            bounds: bounds(rows, m, (i, year == last.saturating_add(1))),
        })
        .collect();
    let (values, factor) = within_pace(&model, room_f);
    for (((k, m), value), model) in now.into_iter().zip(values).zip(&model) {
        // Held at a bound: how far from the model's share, which the years after carry on from.
        let moved = value / (model.target * factor);
        if let (Some(o), true) = (offsets.get_mut(k), moved.is_finite() && moved > 0.0) {
            *o += moved.ln();
        }
        let value = share_down(value / room_f)
            .and_then(|s| room.checked_mul(s))
            .map(|v| v.round_dp_with_strategy(PROJECTED_DP, RoundingStrategy::ToZero));
        let Some(row) = rows.get_mut(m.part) else {
            continue;
        };
        if (moved.ln()).abs() > 1e-9 {
            let before = i
                .checked_sub(1)
                .and_then(|j| row.cells.get(j))
                .and_then(|c| c.value);
            let rising = matches!((value, before), (Some(v), Some(b)) if v > b);
            held_to_pace(row, m, (year, rising));
        }
        let base = row.projection.and_then(|p| p.base);
        if let (Some(cell), Some(v)) = (row.cells.get_mut(i), value) {
            cell.value = Some(v);
            cell.provenance = Provenance::Projected {
                method: Projection::Share { method: m.method() },
                base,
            };
        }
    }
}

/// Records that `year` held the member to its pace: the first and last such years, and the pace in
/// per cent, as a rise or a fall as the first of them moved, so the page can say which years a
/// rule, not the model, set.
fn held_to_pace(row: &mut Row, m: &Member, (year, rising): (i32, bool)) {
    let percent = m.pace.and_then(|pace| {
        let change = if rising { pace } else { -pace };
        forecast::to_decimal((change.exp() - 1.0) * 100.0, 1)
    });
    if let (Some(share), Some(percent)) = (
        row.projection.as_mut().and_then(|p| p.share.as_mut()),
        percent,
    ) {
        share.held_to_pace = Some(match share.held_to_pace {
            Some((first, _, said)) => (first, year, said),
            None => (year, year, percent),
        });
    }
}

/// A member's value in one projected year as the model makes it, before [`within_pace`].
struct Model {
    /// Its part of the room by the model's shares.
    target: f64,
    /// The least and most it may come to: its figure of the year before times e^(∓ its pace).
    bounds: (f64, f64),
}

/// Member `m`'s bounds in the year at index `i`, from its figure of the year before: the last
/// published one (`first`: the first projected year) or the model's own. After a figure of the
/// reader's, or with a single published figure, it is not bounded.
fn bounds(rows: &[Row], m: &Member, (i, first): (usize, bool)) -> (f64, f64) {
    let before = i.checked_sub(1).and_then(|j| {
        let cell = rows.get(m.part)?.cells.get(j)?;
        let model = first
            || matches!(
                cell.provenance,
                Provenance::Projected {
                    method: Projection::Share { .. },
                    ..
                }
            );
        cell.value.filter(|_| model).and_then(forecast::to_f64)
    });
    match (before, m.pace) {
        (Some(v), Some(pace)) => (v * (-pace).exp(), v * pace.exp()),
        _ => (0.0, f64::INFINITY),
    }
}

/// The members' values in one year, each within its bounds, and the factor the other members and
/// the rest of the world were scaled by: a member that the model's shares would move beyond its
/// bounds stops at the bound, and the members still within theirs take up the difference with the
/// rest of the world, in proportion to their model values, so their ratios to one another and to
/// the rest stay the model's. Each
/// round stops at least one more member, so it ends within one round per member. Where the
/// members alone then exceed the room (a total falling faster than its partners ever have), the
/// identity wins: they are scaled down together to fill it.
fn within_pace(model: &[Model], room: f64) -> (Vec<f64>, f64) {
    let mut value: Vec<f64> = model.iter().map(|m| m.target).collect();
    if room.is_nan() || room <= 0.0 {
        return (value, 1.0);
    }
    let rest = (room - value.iter().sum::<f64>()).max(0.0);
    let mut stopped: Vec<Option<f64>> = vec![None; model.len()];
    let mut factor = 1.0;
    for _ in 0..=model.len() {
        let (mut taken, mut scaled) = (0.0, rest);
        for (m, s) in model.iter().zip(&stopped) {
            match s {
                Some(v) => taken += v,
                None => scaled += m.target,
            }
        }
        factor = if scaled > 0.0 {
            ((room - taken) / scaled).max(0.0)
        } else {
            1.0
        };
        let mut moved = false;
        for ((v, m), s) in value.iter_mut().zip(model).zip(&mut stopped) {
            let (lo, hi) = m.bounds;
            *v = s.unwrap_or(m.target * factor);
            if s.is_none() && (*v < lo || *v > hi) {
                *s = Some(v.max(lo).min(hi));
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    let sum: f64 = value.iter().sum();
    if sum > room {
        value.iter_mut().for_each(|v| *v *= room / sum);
    }
    (value, factor)
}

/// A share as a decimal rounded down to nine places, so the shares of a year never add up to
/// more than one (none where nothing has a weight: 0 ÷ 0).
fn share_down(share: f64) -> Option<Decimal> {
    let share = if share.is_nan() { 0.0 } else { share };
    let scaled = forecast::to_decimal((share.clamp(0.0, 1.0) * 1e9).floor(), 0)?;
    scaled.checked_mul(Decimal::new(1, 9))
}

#[cfg(test)]
mod tests {
    use super::{Model, within_pace};

    fn model(target: f64, bounds: (f64, f64)) -> Model {
        Model { target, bounds }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn a_member_beyond_its_pace_stops_and_the_others_and_the_rest_take_up_the_difference() {
        // Room 100: a member at 20 that may not fall below 30, another at 50, a held share at 10,
        // and the rest of the world at 20.
        let model = [
            model(20.0, (30.0, 40.0)),
            model(50.0, (0.0, f64::INFINITY)),
            model(10.0, (0.0, f64::INFINITY)),
        ];
        let (v, factor) = within_pace(&model, 100.0);
        // The 10 it takes comes from the others (50, 10) and the rest (20) by their sizes.
        assert!(close(v[0], 30.0), "{v:?}");
        assert!(close(factor, 70.0 / 80.0), "{factor}");
        assert!(close(v[1], 50.0 * 70.0 / 80.0), "{v:?}");
        assert!(close(v[2], 10.0 * 70.0 / 80.0), "{v:?}");
        let rest = 100.0 - v.iter().sum::<f64>();
        for (k, want) in [(1, 50.0 / 20.0), (2, 10.0 / 20.0)] {
            assert!(
                close(v[k] / rest, want),
                "the ratio to the rest is the model's"
            );
        }
    }

    #[test]
    fn members_within_their_pace_keep_the_model_values() {
        let model = [model(20.0, (10.0, 30.0)), model(10.0, (5.0, 15.0))];
        assert_eq!(within_pace(&model, 100.0), (vec![20.0, 10.0], 1.0));
    }

    #[test]
    fn members_at_their_bounds_beyond_the_room_are_scaled_to_fill_it() {
        // The total fell to 50; neither member may fall below 40.
        let model = [model(30.0, (40.0, 60.0)), model(15.0, (40.0, 60.0))];
        let (v, _) = within_pace(&model, 50.0);
        assert!(close(v.iter().sum::<f64>(), 50.0), "{v:?}");
        assert!(close(v[0], v[1]), "scaled together: {v:?}");
    }
}
