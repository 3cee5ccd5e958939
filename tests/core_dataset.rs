//! The data file as shipped: the copy on disk parses to the embedded dataset, and an edited copy
//! (another story's data) goes through the same parser.

// Tests fail by panicking: that is how they report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use jikgu::core::{Dataset, DatasetError, EMBEDDED_TEXT, Place, Scenario, compute};

fn shipped() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/static/data/jikgu.toml"
    ))
    .expect("static/data/jikgu.toml")
}

#[test]
fn the_file_on_disk_is_the_embedded_one() {
    let text = shipped();
    assert_eq!(
        text, EMBEDDED_TEXT,
        "the download is the data the app computes with"
    );
    let loaded = Dataset::parse(&text).expect("parses at run time");
    assert_eq!(
        &loaded,
        Dataset::embedded().expect("embedded"),
        "same dataset either way"
    );
}

#[test]
fn an_edited_copy_is_read_by_the_same_parser() {
    // A journalist corrects the current 2025 sales and drops the claims: everything still computes.
    let text = shipped().replace(
        r#"{ source = "kostat", vintage = "rebased", flow = "sales", year = 2025, value = "30234", unit = "억","#,
        r#"{ source = "kostat", vintage = "rebased", flow = "sales", year = 2025, value = "24080", unit = "억","#,
    );
    let text = text.split("\n[[claim]]").next().expect("head").to_string();
    let data = Dataset::parse(&text).expect("edited copy parses");
    assert!(data.claims().is_empty(), "no claims");
    let out = compute(&data, &Scenario::default());
    assert_eq!(
        out.headline.won,
        // 2조4080억 − 8조5080억 = −6조1000억
        Some(jikgu::core::Decimal::from(-6_100_000_000_000_i64)),
        "the balance from the corrected figure"
    );
}

#[test]
fn a_typo_in_a_copy_points_at_its_line() {
    let text = shipped().replacen(
        r#"value = "1.642", unit = "tn""#,
        r#"value = "1.642", unit = "tm""#,
        1,
    );
    match Dataset::parse(&text) {
        Err(DatasetError::Unknown {
            at,
            field: "unit",
            value,
            ..
        }) => {
            assert_eq!(value, "tm", "the typo");
            assert!(matches!(at.place, Place::Figure(_)), "a figure: {at}");
            let line = at.line.expect("line");
            assert!(
                text.lines()
                    .nth(line - 1)
                    .is_some_and(|l| l.contains("\"tm\"")),
                "line {line} holds the typo"
            );
        }
        other => panic!("expected an unknown unit, got {other:?}"),
    }
}

/// Every figure of FIGURES.md's "Since the story" (annual figures and rates), found in the shipped
/// file with its release date and where it was printed. Long because it is a table: one row per
/// figure, in the order FIGURES.md lists them.
#[test]
fn every_figure_since_the_story_is_there_with_its_release_and_locator() {
    use jikgu::core::{Decimal, FigureKind, Vintage};
    let data = Dataset::embedded().expect("embedded");
    let d = |s: &str| Decimal::from_str_exact(s).expect(s);
    let tn = |s: &str| d(s) * Decimal::from(1_000_000_000_000_i64);
    let pct = |s: &str| d(s);
    // (series, year, level or growth, value in base units or per cent, locator fragment)
    let rebased = [
        (
            "purchases.all",
            2025,
            FigureKind::Level,
            tn("8.508"),
            "seoul.co.kr",
        ),
        (
            "purchases.all",
            2025,
            FigureKind::YoyPct,
            pct("5.2"),
            "econotelling",
        ),
        (
            "purchases.china",
            2025,
            FigureKind::Level,
            tn("5.5742"),
            "seoul.co.kr",
        ),
        (
            "purchases.china",
            2025,
            FigureKind::YoyPct,
            pct("14.9"),
            "seoul.co.kr",
        ),
        (
            "purchases.us",
            2025,
            FigureKind::Level,
            tn("1.4157"),
            "seoul.co.kr",
        ),
        (
            "purchases.us",
            2025,
            FigureKind::YoyPct,
            pct("-17.6"),
            "seoul.co.kr",
        ),
        (
            "purchases.japan",
            2025,
            FigureKind::YoyPct,
            pct("8.8"),
            "knewsla",
        ),
        ("sales.all", 2025, FigureKind::Level, tn("3.0234"), "wowtv"),
        ("sales.all", 2025, FigureKind::YoyPct, pct("16.4"), "wowtv"),
        ("sales.all", 2024, FigureKind::Level, tn("2.5977"), "wowtv"),
        (
            "sales.all",
            2023,
            FigureKind::Level,
            tn("2.3989"),
            "knewsla",
        ),
        (
            "sales.all",
            2022,
            FigureKind::Level,
            tn("1.8559"),
            "knewsla",
        ),
        ("sales.us", 2025, FigureKind::YoyPct, pct("26.3"), "wowtv"),
        (
            "sales.china",
            2025,
            FigureKind::YoyPct,
            pct("10.9"),
            "wowtv",
        ),
        (
            "sales.japan",
            2025,
            FigureKind::YoyPct,
            pct("15.5"),
            "wowtv",
        ),
        (
            "sales.asean",
            2025,
            FigureKind::YoyPct,
            pct("-4.4"),
            "knewsla",
        ),
    ];
    for (series, year, kind, value, locator) in rebased {
        let key: jikgu::core::SeriesKey = series.parse().expect(series);
        let found = data.figures().iter().find(|f| {
            f.family == "kostat"
                && f.vintage == Some(Vintage::Rebased)
                && f.series == key
                && f.year == year
                && f.kind == kind
        });
        let f = found.unwrap_or_else(|| panic!("{series} {year} {kind:?} on the current basis"));
        assert_eq!(f.value, value, "{series} {year} value");
        assert_eq!(
            f.released.as_deref(),
            Some("2026-02-02"),
            "{series} {year} release"
        );
        assert!(
            f.locator.contains(locator),
            "{series} {year} read in {locator}: {}",
            f.locator
        );
    }
    // Customs, 2024, approximate as printed and courier-cleared only.
    let kcs = |series: &str| {
        let key: jikgu::core::SeriesKey = series.parse().expect(series);
        data.figures()
            .iter()
            .find(|f| f.family == "kcs" && f.series == key && f.year == 2024)
            .unwrap_or_else(|| panic!("customs {series} 2024"))
    };
    for (series, value, approx) in [
        ("purchases.all", tn("8.462"), true),
        ("sales.all", tn("4.091"), true),
        ("purchases.all.parcels", d("181180000"), true),
        ("purchases.china.parcels", d("134230000"), false),
        ("sales.all.parcels", d("61170000"), false),
    ] {
        let f = kcs(series);
        assert_eq!((f.value, f.approx), (value, approx), "customs {series}");
        assert!(
            f.scope
                .as_deref()
                .is_some_and(|s| s.contains("express courier")),
            "customs {series} says its scope"
        );
        assert!(
            f.locator.contains("taxtimes"),
            "customs {series}: {}",
            f.locator
        );
    }
    // The exchange rates: 2025's annual average and every quarter of 2024 and 2025.
    let quarters: Vec<(i32, Option<u8>, Decimal)> = data
        .quarter_rates()
        .map(|r| (r.year, r.quarter, r.value))
        .collect();
    let want: Vec<(i32, Option<u8>, Decimal)> = [
        (2024, 1, "1329.4"),
        (2024, 2, "1371.24"),
        (2024, 3, "1358.35"),
        (2024, 4, "1398.75"),
        (2025, 1, "1452.66"),
        (2025, 2, "1404.04"),
        (2025, 3, "1385.25"),
        (2025, 4, "1450.98"),
    ]
    .into_iter()
    .map(|(y, q, v)| (y, Some(q), d(v)))
    .collect();
    assert_eq!(quarters, want, "quarterly rates");
    assert_eq!(
        data.rate(2025).map(|r| r.value),
        Some(d("1422.16")),
        "2025 annual"
    );
    // The review's fixes: the restructured 2023 purchases from China, and 2018 sales as the
    // chamber's, not KOSTAT's.
    let china_2023 = data.figures().iter().find(|f| {
        f.vintage == Some(Vintage::Revised)
            && f.series == "purchases.china".parse().expect("key")
            && f.year == 2023
            && f.kind == FigureKind::Level
    });
    assert_eq!(china_2023.map(|f| f.value), Some(tn("3.2273")), "3.2273 tn");
    assert!(
        data.figures()
            .iter()
            .any(|f| f.family == "kcci" && f.year == 2018 && f.value == tn("3.6265")),
        "2018 sales filed under the Chamber of Commerce"
    );
    assert!(
        data.figures()
            .iter()
            .filter(|f| f.family == "kostat")
            .all(|f| f.vintage.is_some()),
        "every KOSTAT row names its vintage"
    );
}

/// The three KOSTAT vintages are three views with different numbers for the same cells.
#[test]
fn the_three_vintages_are_distinct_views() {
    let data = Dataset::embedded().expect("embedded");
    let balance = |view: &str, year: i32| {
        let s = Scenario {
            view: Some(view.into()),
            ..Scenario::default()
        };
        compute(data, &s)
            .table
            .value(format!("balance.all[{year}]").parse().expect("cell"))
    };
    let tn = |s: &str| {
        jikgu::core::Decimal::from_str_exact(s).expect(s)
            * jikgu::core::Decimal::from(1_000_000_000_000_i64)
    };
    // 2023: first release 1.6561 − 6.7567; restructured, published −4.985; re-based sales 2.3989
    // less the restructured purchases 6.6819 standing in (no current-basis level was printed).
    let cases = [
        ("kostat-first", 2023, tn("-5.1006")),
        ("kostat-revised", 2023, tn("-4.985")),
        ("kostat-rebased", 2023, tn("-4.283")),
        // 2024: first release and restructuring share 1.7225 − 7.9583 (published −6.2358); the
        // re-basing's sales are 2.5977 and its purchases 8.508 ÷ 1.052 = 8.0874524714829 (taken
        // back from 2025's level and printed change), so 2.5977 − 8.0874524714829 =
        // −5.4897524714829, whole won: the brief's −5.49.
        ("kostat-first", 2024, tn("-6.2358")),
        ("kostat-revised", 2024, tn("-6.2358")),
        ("kostat-rebased", 2024, tn("-5.489752471483")),
        // 2025 exists only on the current basis (and as its first release).
        ("kostat-rebased", 2025, tn("-5.4846")),
        ("kostat-first", 2025, tn("-5.4846")),
    ];
    for (view, year, want) in cases {
        assert_eq!(balance(view, year), Some(want), "{view} {year}");
    }
    // The restructuring ends in 2024: its 2025 is a projection, not a figure.
    let revised = compute(
        data,
        &Scenario {
            view: Some("kostat-revised".into()),
            ..Scenario::default()
        },
    );
    assert_eq!(
        revised.table.last_published_year, 2024,
        "the restructuring ends in 2024"
    );
    assert!(
        matches!(
            revised
                .table
                .cell("balance.all[2025]".parse().expect("cell"))
                .map(|c| &c.provenance),
            Some(jikgu::core::Provenance::Projected { .. }) | None
        ),
        "its 2025 is projected, never published"
    );
    let names: Vec<&str> = ["kostat-first", "kostat-revised", "kostat-rebased"]
        .iter()
        .map(|id| data.view_label(data.view_index(id).expect(id), jikgu::core::Lang::En))
        .collect();
    assert_eq!(
        names,
        [
            "KOSTAT, first releases",
            "KOSTAT, 2024 restructuring (back to 2017)",
            "KOSTAT, 2025 re-basing (current)"
        ]
    );
}

/// The five dated events of FIGURES.md, oldest first, each with where it was reported; a bad date
/// is refused with its line.
#[test]
fn context_events_are_dated_and_sourced() {
    let data = Dataset::embedded().expect("embedded");
    let dates: Vec<&str> = data.events().iter().map(|e| e.date.as_str()).collect();
    assert_eq!(
        dates,
        [
            "2024-05-16",
            "2025-07-18",
            "2025-08-29",
            "2025-09-18",
            "2026-02-02"
        ]
    );
    for e in data.events() {
        assert!(
            !e.ko.is_empty() && !e.en.is_empty() && !e.locator.is_empty(),
            "{}: both languages and a locator",
            e.date
        );
    }
    let text = shipped().replacen("date = \"2025-07-18\"", "date = \"18 July 2025\"", 1);
    let err = Dataset::parse(&text).expect_err("a bad date");
    assert!(
        err.to_string().starts_with("event ")
            && err.to_string().contains("(line ")
            && err.to_string().contains("YYYY-MM-DD"),
        "{err}"
    );
}
