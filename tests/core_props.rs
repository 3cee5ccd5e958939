//! Invariants of the model, checked on random scenarios over the embedded dataset.

// Tests fail by panicking: that is how they report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use jikgu::core::{
    CellRef, Dataset, Decimal, DisplayUnit, FillRule, Flow, FxMode, Growth, Partner, Provenance,
    Scenario, SeriesKey, compute,
};
use proptest::prelude::*;

fn data() -> &'static Dataset {
    Dataset::embedded().expect("the embedded dataset parses")
}

fn view_id() -> impl Strategy<Value = String> {
    (0..data().views().len()).prop_map(|i| data().views()[i].id.clone())
}

fn flow_key() -> impl Strategy<Value = SeriesKey> {
    (
        prop_oneof![Just(Flow::Purchases), Just(Flow::Sales)],
        prop::sample::select(Partner::ALL.to_vec()),
    )
        .prop_map(|(flow, partner)| SeriesKey::won(flow, partner))
}

/// A non-negative amount up to 100 tn won, in whole millions.
fn amount() -> impl Strategy<Value = Decimal> {
    (0i64..100_000_000).prop_map(|m| Decimal::from(m) * Decimal::from(1_000_000))
}

fn edits() -> impl Strategy<Value = Vec<(CellRef, Decimal)>> {
    prop::collection::vec(
        (flow_key(), 2014i32..=2024, amount()).prop_map(|(k, y, v)| (k.at(y), v)),
        0..6,
    )
}

fn fill() -> impl Strategy<Value = Option<FillRule>> {
    prop_oneof![
        Just(None),
        Just(Some(FillRule::Interpolate)),
        Just(Some(FillRule::CarryForward)),
        Just(Some(FillRule::ChainGrowth)),
        (-50i64..100).prop_map(|g| Some(FillRule::Growth(Decimal::from(g)))),
    ]
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        view_id(),
        edits(),
        flow_key(),
        fill(),
        2025i32..=2040,
        prop::option::of(1000i64..2000),
        any::<bool>(),
        prop::option::of(-20i64..60),
    )
        .prop_map(
            |(view, edits, fill_key, fill, horizon, rate, usd, growth)| {
                let mut s = Scenario {
                    view: Some(view),
                    horizon: Some(horizon),
                    ..Scenario::default()
                };
                for (c, v) in edits {
                    s.set_edit(c, v).expect("generated edits are valid");
                }
                if let Some(rule) = fill {
                    s.fills.insert(fill_key, rule);
                }
                if let Some(rate) = rate {
                    s.fx = FxMode::Fixed(Decimal::from(rate));
                }
                if usd {
                    s.unit = DisplayUnit::Usd;
                }
                if let Some(g) = growth {
                    s.growth.insert(fill_key, Growth::Fixed(Decimal::from(g)));
                }
                s
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn balance_is_sales_minus_purchases_wherever_both_exist(s in scenario()) {
        let out = compute(data(), &s);
        let t = &out.table;
        for row in t.rows.iter().filter(|r| r.series.flow == Flow::Balance) {
            for (year, cell) in t.years().zip(&row.cells) {
                let sales = t.value(row.series.with_flow(Flow::Sales).at(year));
                let purchases = t.value(row.series.with_flow(Flow::Purchases).at(year));
                if let (Some(sv), Some(pv)) = (sales, purchases) {
                    if matches!(cell.provenance, Provenance::Edited { .. }) {
                        continue;
                    }
                    let want = sv - pv;
                    let got = if year <= t.last_published_year { cell.derived_value() } else { cell.value };
                    prop_assert_eq!(got, Some(want), "{}[{}]", row.series, year);
                }
            }
        }
    }

    #[test]
    fn edit_then_reset_gives_back_the_original(s in scenario(), key in flow_key(), year in 2014i32..=2030, v in amount()) {
        let before = compute(data(), &s);
        let mut edited = s.clone();
        let had = edited.edits.get(&key.at(year)).copied();
        edited.set_edit(key.at(year), v).expect("valid");
        match had {
            Some(old) => { edited.set_edit(key.at(year), old).expect("valid"); }
            None => edited.reset_edit(key.at(year)),
        }
        prop_assert_eq!(compute(data(), &edited), before);
    }

    #[test]
    fn positive_growth_projects_an_increasing_series(view in view_id(), key in flow_key(), g in 1i64..200, horizon in 2026i32..=2040) {
        let mut s = Scenario { view: Some(view), horizon: Some(horizon), ..Scenario::default() };
        s.set_growth(key, Growth::Fixed(Decimal::from(g))).expect("valid growth");
        let out = compute(data(), &s);
        if let Some(row) = out.table.row(key) {
            let projected: Vec<Decimal> = out.table.years().zip(&row.cells)
                .filter(|(y, _)| *y > out.table.last_published_year)
                .filter_map(|(_, c)| c.value)
                .collect();
            for pair in projected.windows(2) {
                if pair[0] > Decimal::ZERO {
                    prop_assert!(pair[1] > pair[0], "{} grows at {}%: {:?}", key, g, pair);
                }
            }
        }
    }

    #[test]
    fn scenarios_round_trip_through_json(s in scenario()) {
        let json = serde_json::to_string(&s).expect("a scenario always writes");
        // Whatever we write reads back as the same scenario.
        let back = serde_json::from_str::<Scenario>(&json).ok();
        prop_assert_eq!(back, Some(s));
    }

    #[test]
    fn compute_never_panics_on_absurd_scenarios(
        mantissa in any::<i64>(), scale in 0u32..28, key in flow_key(), year in 1990i32..2100,
        horizon in any::<i32>(), rate in any::<i64>(), growth in any::<i64>(),
    ) {
        let mut s = Scenario { horizon: Some(horizon), fx: FxMode::Fixed(Decimal::from(rate)), ..Scenario::default() };
        let huge = Decimal::new(mantissa, scale).checked_mul(Decimal::from(1_000_000_000_000_i64)).unwrap_or(Decimal::MAX);
        s.edits.insert(key.at(year), huge);
        s.edits.insert(key.with_flow(Flow::Balance).at(year), Decimal::MAX);
        s.growth.insert(key, Growth::Fixed(Decimal::from(growth)));
        let _ = compute(data(), &s);
    }
}
