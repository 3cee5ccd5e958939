//! Quarterly figures: the latest quarters with China's share, annual figures against the sum of
//! their quarters, and the next release becoming the latest quarter with no code change.

// Tests fail by panicking: that is how they report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use jikgu::core::quarters::{QuarterTable, latest_quarter, quarter_view};
use jikgu::core::{Dataset, Decimal, EMBEDDED_TEXT, Flow};

fn eok(n: i64) -> Decimal {
    Decimal::from(n) * Decimal::from(100_000_000_i64)
}

fn view(data: &Dataset, id: &str) -> usize {
    data.view_index(id).expect(id)
}

#[test]
fn the_latest_quarters_of_todays_series() {
    let data = Dataset::embedded().expect("embedded");
    assert_eq!(latest_quarter(data), Some((2025, 4)), "the newest quarter");
    assert_eq!(
        quarter_view(data),
        Some(data.default_view()),
        "the default view has quarters"
    );
    let q = QuarterTable::of(data, data.default_view(), 8).expect("quarters");
    let periods: Vec<String> = q
        .rows
        .iter()
        .map(|r| format!("{}Q{}", r.year, r.quarter))
        .collect();
    // Eight quarters back from 2025Q4 reach 2024Q1; the current basis starts at 2024Q3 (sales).
    assert_eq!(
        periods,
        ["2024Q3", "2024Q4", "2025Q1", "2025Q2", "2025Q3", "2025Q4"],
        "no gap from 2024 Q4 to 2025 Q4"
    );
    let q1 = &q.rows[2];
    assert_eq!(
        q1.sales,
        Some(eok(7333)),
        "Q1 sales as restated on 2025-08-01, not 7256"
    );
    assert_eq!(q1.purchases, Some(eok(19551)));
    // 12205 / 19551 = 62.426… %
    assert_eq!(
        q1.purchases_share().map(|s| s.round_dp(2)),
        Some(Decimal::new(6243, 2)),
        "China's share of Q1 purchases"
    );
    // 3671 / 7333 = 50.06… %
    assert_eq!(
        q1.sales_share().map(|s| s.round_dp(1)),
        Some(Decimal::new(501, 1))
    );
    assert_eq!(
        q.rows[5].purchases_share(),
        None,
        "Q4 printed only China's growth"
    );
}

/// Annual = the sum of its quarters, or the difference is shown as a revision.
#[test]
fn annual_figures_are_the_sum_of_their_quarters_or_a_shown_revision() {
    let data = Dataset::embedded().expect("embedded");
    let q = QuarterTable::of(data, view(data, "kostat-rebased"), 8).expect("quarters");
    // Purchases: 19551 + 21762 + 21224 + 22543 = 85080 = the annual 8조5080억.
    assert_eq!(q.agree, [(2025, Flow::Purchases)], "2025 purchases add up");
    // Sales: 7333 + 7388 + 6943 + 7859 = 29523 against the annual 30234: revised up 711억.
    assert_eq!(q.revisions.len(), 1, "one revision: {:?}", q.revisions);
    let r = &q.revisions[0];
    assert_eq!(
        (r.year, r.flow, r.quarters, r.annual, r.difference),
        (2025, Flow::Sales, eok(29523), eok(30234), eok(711))
    );
    // The restructured basis: 2024 sales quarters as first printed, 3991 + 4489 + 4191 + 4286 =
    // 16957, against the annual 1.7225 tn = 17225억: revised up 268억.
    let old = QuarterTable::of(data, view(data, "kostat-revised"), 8).expect("old quarters");
    assert_eq!(
        old.revisions
            .iter()
            .map(|r| (r.year, r.flow, r.difference))
            .collect::<Vec<_>>(),
        [(2024, Flow::Sales, eok(268))]
    );
    assert!(
        QuarterTable::of(data, view(data, "kiep-2025-07-02"), 8).is_none(),
        "KIEP has no quarters"
    );
}

/// The next release is a row in the file: it becomes the latest quarter, and the annual views do
/// not move.
#[test]
fn a_2026q1_row_becomes_the_latest_quarter() {
    let row = r#"  { source = "kostat", vintage = "rebased", flow = "purchases", year = 2026, quarter = 1, value = "20000", unit = "억", released = "2026-05-01", locator = "a test release" },
"#;
    let text = EMBEDDED_TEXT.replacen("figures = [\n", &format!("figures = [\n{row}"), 1);
    assert_ne!(text, EMBEDDED_TEXT, "the row went in");
    let data = Dataset::parse(&text).expect("the copy parses");
    assert_eq!(latest_quarter(&data), Some((2026, 1)));
    let q = QuarterTable::of(&data, data.default_view(), 8).expect("quarters");
    let last = q.rows.last().expect("rows");
    assert_eq!(
        (last.year, last.quarter, last.purchases),
        (2026, 1, Some(eok(20000)))
    );
    // Eight quarters back from 2026Q1 start at 2024Q2, which has nothing on the current basis.
    assert_eq!(q.rows.len(), 7, "2024Q3 to 2026Q1");
    assert_eq!(
        data.years(),
        (2014, 2025),
        "a quarter adds no annual column"
    );
    assert_eq!(
        data.default_year(),
        2025,
        "the headline stays on the last full year"
    );
}

/// Every quarterly figure of FIGURES.md "Since the story" is in the file on the current basis,
/// with the release it was printed in and where it was read.
#[test]
fn every_quarter_since_the_story_is_there_with_its_release_and_locator() {
    use jikgu::core::{FigureKind, SeriesKey, Vintage};
    let data = Dataset::embedded().expect("embedded");
    let pct = |s: &str| Decimal::from_str_exact(s).expect(s);
    let (q1, q2, q3, q4) = (
        ("2025-05-01", "stock12.mk.co.kr/news/view/737464"),
        ("2025-08-01", "youthdaily.co.kr no=191447"),
        ("2025-11-03", "fnnews.com/news/202511030949032900"),
        ("2026-02-02", "mediaknews.co.kr idx=5025"),
    );
    // (series, year, quarter, level in 억 or growth in %, (release, locator))
    let levels = [
        ("purchases.all", 2025, 1, 19551, q1),
        ("purchases.china", 2025, 1, 12205, q1),
        ("purchases.us", 2025, 1, 3588, q1),
        ("purchases.japan", 2025, 1, 1416, q1),
        ("sales.all", 2025, 1, 7256, q1),
        ("sales.china", 2025, 1, 3671, q1),
        ("sales.us", 2025, 1, 1435, q1),
        ("sales.japan", 2025, 1, 1389, q1),
        ("sales.all", 2025, 1, 7333, q2),
        ("purchases.all", 2025, 2, 21762, q2),
        ("purchases.china", 2025, 2, 14660, q2),
        ("purchases.us", 2025, 2, 3580, q2),
        ("purchases.japan", 2025, 2, 1461, q2),
        ("sales.all", 2025, 2, 7388, q2),
        ("sales.china", 2025, 2, 3479, q2),
        ("sales.us", 2025, 2, 1382, q2),
        ("sales.japan", 2025, 2, 1768, q2),
        ("purchases.all", 2025, 3, 21224, q3),
        ("purchases.china", 2025, 3, 14141, q3),
        ("purchases.us", 2025, 3, 3479, q3),
        ("purchases.japan", 2025, 3, 1503, q3),
        ("sales.all", 2025, 3, 6943, q3),
        ("sales.china", 2025, 3, 2503, q3),
        ("sales.us", 2025, 3, 1864, q3),
        ("sales.japan", 2025, 3, 1614, q3),
        ("purchases.all", 2025, 4, 22543, q4),
        ("sales.all", 2025, 4, 7859, q4),
        ("sales.all", 2024, 3, 6440, q2),
        ("sales.all", 2024, 4, 7005, q2),
    ];
    let growth = [
        ("purchases.all", 1, "5.0", q1),
        ("sales.all", 1, "28.3", q1),
        ("purchases.all", 2, "5.6", q2),
        ("sales.all", 2, "7.5", q2),
        ("purchases.all", 3, "9.2", q3),
        ("sales.all", 3, "7.8", q3),
        ("purchases.all", 4, "1.6", q4),
        ("purchases.china", 4, "6.3", q4),
        ("purchases.japan", 4, "12.7", q4),
        ("sales.all", 4, "12.2", q4),
        ("sales.us", 4, "12.8", q4),
        ("sales.japan", 4, "10.7", q4),
    ];
    let rows = levels
        .iter()
        .map(|(s, y, q, v, r)| (*s, *y, *q, FigureKind::Level, eok(*v), *r))
        .chain(
            growth
                .iter()
                .map(|(s, q, v, r)| (*s, 2025, *q, FigureKind::YoyPct, pct(v), *r)),
        );
    for (series, year, quarter, kind, value, (release, locator)) in rows {
        let key: SeriesKey = series.parse().expect(series);
        let found = data.figures().iter().find(|f| {
            f.family == "kostat"
                && f.vintage == Some(Vintage::Rebased)
                && f.series == key
                && (f.year, f.quarter) == (year, Some(quarter))
                && f.kind == kind
                && f.value == value
        });
        let f = found.unwrap_or_else(|| panic!("{series} {year}Q{quarter} {kind:?} {value}"));
        assert_eq!(
            f.released.as_deref(),
            Some(release),
            "{series} {year}Q{quarter} release"
        );
        assert!(
            f.locator.contains(locator),
            "{series} {year}Q{quarter} read in {locator}: {}",
            f.locator
        );
    }
}
