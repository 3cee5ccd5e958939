//! The projection model on the embedded data: identities in every projected year, each view's own
//! last year, published changes chained into levels, rows that cannot be projected saying so, and
//! the damped trend's defaults (issue 11).

// Tests fail by panicking: that is how they report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use jikgu::core::{
    Dataset, Decimal, Flow, Formula, Growth, Held, Partner, Projection, Provenance, Scenario,
    SeriesKey, ShareMethod, Table, compute,
};
use rust_decimal::prelude::ToPrimitive;

fn data() -> &'static Dataset {
    Dataset::embedded().expect("the embedded dataset parses")
}

fn table(view: &str, horizon: i32) -> Table {
    compute(
        data(),
        &Scenario {
            view: Some(view.into()),
            horizon: Some(horizon),
            ..Scenario::default()
        },
    )
    .table
}

fn key(s: &str) -> SeriesKey {
    s.parse().expect(s)
}

#[test]
fn each_view_ends_in_its_own_last_year() {
    let cases = [
        ("kiep-2025-07-02", 2023),
        ("alphabiz-2025-07-03", 2023),
        ("kostat-revised", 2024),
        // The 2025 first release came out on the re-based survey.
        ("kostat-first", 2025),
        ("kostat-rebased", 2025),
        ("kosis-later", 2024),
        ("fki-2024-06-17", 2023),
        ("kcs", 2024),
        ("kcci", 2023),
    ];
    for (view, last) in cases {
        assert_eq!(
            table(view, 2030).last_published_year,
            last,
            "{view}: its own last year, not the dataset's"
        );
    }
}

#[test]
fn published_changes_are_chained_and_stale_rows_say_so() {
    // The later KOSIS releases carry the levels to 2019 and the changes after it.
    let t = table("kosis-later", 2030);
    let c = t.cell(key("sales.china").at(2024)).expect("cell");
    assert!(
        matches!(
            c.provenance,
            Provenance::Derived {
                formula: Formula::ChainedYoy,
                ..
            }
        ),
        "2024 chained: {:?}",
        c.provenance
    );
    // 5,184.664 bn × 1.009 × 0.692 × 0.337 × 0.874 × 0.926, worked out with exact decimals.
    let want = ["5184664000000", "1.009", "0.692", "0.337", "0.874", "0.926"]
        .iter()
        .map(|s| Decimal::from_str_exact(s).expect(s))
        .product::<Decimal>();
    assert_eq!(c.value, Some(want), "the chained level");
    let us = t
        .row(key("sales.us"))
        .and_then(|r| r.projection)
        .expect("info");
    assert_eq!(us.stale, Some(2019), "last figure 2019: not projected");
    assert!(
        t.value(key("sales.us").at(2025)).is_none(),
        "no projection from a 2019 base"
    );
}

#[test]
fn named_partners_never_exceed_their_total_and_balances_follow_their_flows() {
    for view in data().views() {
        for horizon in [2030, 2040] {
            let t = table(&view.id, horizon);
            for year in t.last_published_year + 1..=t.last_year {
                for row in &t.rows {
                    let s = row.series;
                    let v = t.value(s.at(year));
                    if s.flow == Flow::Balance {
                        let flows = t
                            .value(s.with_flow(Flow::Sales).at(year))
                            .zip(t.value(s.with_flow(Flow::Purchases).at(year)));
                        if let Some((sales, purchases)) = flows {
                            assert_eq!(v, Some(sales - purchases), "{} {s}[{year}]", view.id);
                        }
                    } else if s.partner == Partner::All {
                        let named: Decimal = t
                            .rows
                            .iter()
                            .filter(|r| {
                                r.series.flow == s.flow
                                    && r.series.measure == s.measure
                                    && r.series.partner != Partner::All
                            })
                            .filter_map(|r| t.value(r.series.at(year)))
                            .sum();
                        if let Some(total) = v {
                            assert!(
                                named <= total,
                                "{} {s}[{year}]: partners {named} > total {total}",
                                view.id
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn kieps_total_is_china_plus_a_held_rest_of_the_world() {
    let t = table("kiep-2025-07-02", 2040);
    let all = t.row(key("balance.all")).expect("row");
    let info = all.projection.expect("projection");
    assert!(info.remainder, "the remainder is what is projected");
    for year in 2024..=2040 {
        let cell = t.cell(key("balance.all").at(year)).expect("cell");
        assert!(
            matches!(
                cell.provenance,
                Provenance::Projected {
                    method: Projection::SumOfParts,
                    ..
                }
            ),
            "{year}: {:?}",
            cell.provenance
        );
        let china = t.value(key("balance.china").at(year)).expect("china");
        let total = cell.value.expect("total");
        assert!(
            china.abs() <= total.abs() * Decimal::from(10),
            "{year}: China {china} against all {total}"
        );
    }
}

#[test]
fn the_default_is_a_damped_trend_or_a_held_level_for_short_rows() {
    let t = table("kostat-revised", 2030);
    let cases = [
        ("purchases.all", Growth::Damped, None, Some((2019, 2024))),
        ("purchases.china", Growth::Damped, None, Some((2021, 2024))),
        (
            "purchases.eu",
            Growth::Flat,
            Some(Held::ShortHistory { years: 1 }),
            None,
        ),
    ];
    for (series, assumption, held, window) in cases {
        let p = t.row(key(series)).and_then(|r| r.projection).expect(series);
        assert_eq!(
            (p.assumption, p.held, p.window, p.default),
            (assumption, held, window, true),
            "{series}"
        );
        assert!(p.spread.is_some(), "{series}: a spread for its ranges");
    }
    let fit = t
        .row(key("purchases.all"))
        .and_then(|r| r.projection)
        .and_then(|p| p.fit)
        .expect("fit");
    // Six years, 2019–2024: φ = 5/6, so the trend adds at most five of its last yearly steps.
    assert_eq!(fit.phi, Decimal::new(83, 2), "φ = (n − 1)/n");
    assert!(fit.log, "a flow is fitted on logarithms");
}

#[test]
fn a_partner_rate_the_reader_chose_is_honoured_and_the_total_follows() {
    let mut s = Scenario {
        view: Some("kostat-revised".into()),
        ..Scenario::default()
    };
    let china = SeriesKey::won(Flow::Purchases, Partner::China);
    s.set_growth(china, Growth::Fixed(Decimal::from(60)))
        .expect("valid");
    let t = compute(data(), &s).table;
    let c2030 = t.value(china.at(2030)).expect("china");
    let all2030 = t.value(key("purchases.all").at(2030)).expect("all");
    assert!(
        c2030 > Decimal::from(4_777_200_000_000_i64) * Decimal::from(16),
        "60 % a year for six years, not scaled: {c2030}"
    );
    assert!(all2030 >= c2030, "the total includes China: {all2030}");
}

/// On the current basis sales rose every year from 2022 to 2025 (₩1.856, 2.399, 2.598 and
/// 3.023 tn); the years before stand in from the old basis, a third lower in 2022's terms
/// (₩6.0 tn in 2019, 4.4 in 2021). A trend fitted on the raw levels across that join read the change
/// of basis as a collapse and projected sales falling; spliced by ratio, they keep rising.
#[test]
fn a_change_of_basis_is_not_read_as_growth() {
    let t = table("kostat-rebased", 2030);
    let at = |year: i32| t.value(key("sales.all").at(year)).expect("sales");
    assert!(
        at(2026) > at(2025) && at(2030) > at(2026),
        "sales keep rising: 2025 {} 2026 {} 2030 {}",
        at(2025),
        at(2026),
        at(2030)
    );
}

#[test]
fn a_window_starts_after_a_break_and_held_partners_keep_their_ratio_to_the_rest() {
    // The re-based view: sales more than halved from 2021 (4.341 tn, the 2024 restructuring's
    // basis standing in) to 2022 (1.856 tn), the end of the daigou trade. A trend fitted across
    // that year would carry the collapse (and its one-step error) into every projected year.
    let t = table("kostat-rebased", 2030);
    let sales = t
        .row(key("sales.all"))
        .and_then(|r| r.projection)
        .expect("projected");
    assert_eq!(sales.jump, Some(2022), "the break");
    assert_eq!(sales.window, Some((2022, 2025)), "fitted after it");
    // The partners are shares of the total: China's log-ratio to the rest of the world has a
    // trend, and Japan, held for want of history (one published year), keeps its 2024 ratio to
    // the rest of the world, in whose reference (the total less the partners with a trend) its
    // neighbours' log-ratios were fitted, rather than its level or its share of the total.
    let t = table("kostat-revised", 2030);
    let partners = [
        "purchases.china",
        "purchases.us",
        "purchases.eu",
        "purchases.japan",
        "purchases.uk",
    ];
    let share = |year: i32| -> f64 {
        let named: Decimal = partners
            .iter()
            .filter_map(|k| t.value(key(k).at(year)))
            .sum();
        let total = t.value(key("purchases.all").at(year)).expect("total");
        assert!(named <= total, "{year}: partners within the total");
        let japan = t.value(key("purchases.japan").at(year)).expect("japan");
        (japan / (total - named)).to_f64().expect("f64")
    };
    for year in 2025..=2030 {
        assert!(
            (share(year) / share(2024) - 1.0).abs() < 1e-6,
            "{year}: Japan to the rest {} against {} in 2024",
            share(year),
            share(2024)
        );
    }
    let china = t
        .row(key("purchases.china"))
        .and_then(|r| r.projection)
        .and_then(|p| p.share)
        .expect("a share");
    assert_eq!(
        (china.method, china.window),
        (ShareMethod::Trend, Some((2021, 2024))),
        "China's share: a damped trend on its log-ratio"
    );
}

/// A partner's cell the reader edits (the US in 2027) keeps its value, and the model's partners
/// divide what it leaves with the rest of the world in the same proportions: China's ratio to the
/// rest is what it is without the edit, since the log-ratio is the model, not the level.
#[test]
fn an_edited_partner_leaves_the_others_ratios_to_the_rest_as_they_were() {
    let view = Scenario {
        view: Some("kostat-rebased".into()),
        ..Scenario::default()
    };
    let mut edited = view.clone();
    let us = key("purchases.us");
    edited
        .set_edit(us.at(2027), Decimal::from(3_000_000_000_000_i64))
        .expect("valid");
    let (a, b) = (compute(data(), &view).table, compute(data(), &edited).table);
    let ratio = |t: &Table, year: i32| -> f64 {
        let all = t.value(key("purchases.all").at(year)).expect("total");
        let named: Decimal = ["purchases.china", "purchases.us", "purchases.japan"]
            .iter()
            .filter_map(|k| t.value(key(k).at(year)))
            .sum();
        let china = t.value(key("purchases.china").at(year)).expect("china");
        (china / (all - named)).to_f64().expect("f64")
    };
    assert_eq!(
        b.value(us.at(2027)),
        Some(Decimal::from(3_000_000_000_000_i64)),
        "the reader's figure"
    );
    assert!(
        b.value(key("purchases.china").at(2027)) < a.value(key("purchases.china").at(2027)),
        "China makes room for it"
    );
    for year in 2026..=2030 {
        assert!(
            (ratio(&a, year) / ratio(&b, year) - 1.0).abs() < 1e-6,
            "{year}: China to the rest {} without the edit, {} with it",
            ratio(&a, year),
            ratio(&b, year)
        );
    }
}
