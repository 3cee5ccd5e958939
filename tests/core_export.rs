//! The CSV and JSON exports: what they say they are, exact values, provenance, quoting, Korean.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jikgu::core::export::{COLUMNS, Export, csv_field, to_csv, to_json};
use jikgu::core::{CellRef, Dataset, Decimal, Lang, Scenario, compute};

fn export(scenario: &Scenario, lang: Lang) -> (String, String) {
    let dataset = Dataset::embedded().unwrap();
    let computed = compute(dataset, scenario);
    let e = Export {
        dataset,
        computed: &computed,
        lang,
        generated: "2025-07-10T09:00:00Z",
        ranges: None,
    };
    (to_csv(&e), to_json(&e))
}

/// KIEP's view: the figures these tests were written against (the page opens on KOSTAT's).
fn kiep() -> Scenario {
    Scenario {
        view: Some("kiep-2025-07-02".into()),
        ..Scenario::default()
    }
}

/// The CSV's records after the BOM, header lines included.
fn lines(csv: &str) -> Vec<&str> {
    csv.trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .collect()
}

fn edited() -> Scenario {
    let mut s = kiep();
    let at: CellRef = "balance.all[2023]".parse().unwrap();
    s.edits.insert(at, Decimal::new(-7_123_456_789_012_345, 3));
    s
}

#[test]
fn csv_says_what_it_is_before_the_figures() {
    let (csv, _) = export(&kiep(), Lang::En);
    assert!(csv.starts_with('\u{feff}'), "a UTF-8 BOM for spreadsheets");
    assert!(
        !csv.replace("\r\n", "").contains('\n'),
        "every line ends CRLF (RFC 4180)"
    );
    let lines = lines(&csv);
    let version = &Dataset::embedded().unwrap().version;
    for (key, want) in [
        ("# dataset", "kr-cross-border-ecommerce"),
        ("# version", version.as_str()),
        ("# view", "kiep-2025-07-02"),
        ("# generated", "2025-07-10T09:00:00Z"),
        ("# display_unit", "KRW"),
    ] {
        assert!(
            lines.contains(&format!("{key},{want}").as_str()),
            "header line {key},{want} in {lines:#?}"
        );
    }
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("# source,kiep-2025-07-02,")),
        "the view's source is listed"
    );
    let columns = lines.iter().position(|l| *l == COLUMNS.join(","));
    let first_figure = lines.iter().position(|l| !l.starts_with('#'));
    assert_eq!(
        columns, first_figure,
        "column names come right after the header"
    );
}

#[test]
fn every_figure_carries_its_exact_value_and_provenance() {
    let (csv, _) = export(&edited(), Lang::En);
    let cases = [
        (
            "purchases.china,purchases,china,won,2023,3227000000000,KRW,3227000000000,KRW,published,kiep-2025-07-02,,",
            "a published figure names its source",
        ),
        (
            "balance.all,balance,all,won,2023,-7123456789012.345,KRW,-7123456789012.345,KRW,edited,kiep-2025-07-02,-6003000000000,your edit (was ",
            "an edit keeps every digit and the value it replaced",
        ),
        (
            "balance.china,balance,china,won,2023,-2171000000000,KRW,-2171000000000,KRW,derived,,,",
            "a derived balance",
        ),
    ];
    for (prefix, why) in cases {
        assert!(
            lines(&csv).iter().any(|l| l.starts_with(prefix)),
            "{why}: no line starting {prefix}\n{csv}"
        );
    }
    let projected = lines(&csv)
        .into_iter()
        .find(|l| l.starts_with("purchases.china,purchases,china,won,2026,"))
        .expect("a projected year");
    assert!(projected.contains(",projected,"), "{projected}");
    assert!(
        !csv.contains("e+") && !csv.contains("E+"),
        "no float notation anywhere"
    );
}

#[test]
fn fields_are_quoted_as_rfc_4180_asks() {
    let cases = [
        ("plain", "plain"),
        ("a, b", "\"a, b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("직구", "직구"),
    ];
    for (input, want) in cases {
        assert_eq!(csv_field(input), want, "{input:?}");
    }
    let (csv, _) = export(&kiep(), Lang::En);
    let derived = lines(&csv)
        .into_iter()
        .find(|l| l.starts_with("balance.china,") && l.contains(",derived,"))
        .expect("a derived balance");
    assert!(
        // The page's provenance sentence, then the method and four bounds, empty for a figure not
        // projected.
        derived.ends_with(",derived: sales minus purchases,,,,,"),
        "the detail is the page's sentence: {derived}"
    );
}

#[test]
fn korean_export_keeps_korean_text_intact() {
    let (csv, json) = export(&kiep(), Lang::Ko);
    assert!(
        csv.contains("대외경제정책연구원 (KIEP)"),
        "the source's Korean name"
    );
    assert!(csv.contains("# view_name,대외경제정책연구원 (KIEP)"));
    assert!(json.contains("대외경제정책연구원 (KIEP)"));
    assert!(
        csv.contains("series,flow,partner"),
        "column names stay the same in every language"
    );
}

#[test]
fn json_has_the_same_figures_as_strings() {
    let (csv, json) = export(&edited(), Lang::En);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(doc["about"]["dataset"], "kr-cross-border-ecommerce");
    assert_eq!(doc["about"]["generated"], "2025-07-10T09:00:00Z");
    let figures = doc["figures"].as_array().expect("figures");
    let csv_rows = lines(&csv).iter().filter(|l| !l.starts_with('#')).count() - 1;
    assert_eq!(figures.len(), csv_rows, "the same figures in both files");
    let edit = figures
        .iter()
        .find(|f| f["series"] == "balance.all" && f["year"] == 2023)
        .expect("the edited cell");
    assert_eq!(edit["value"], "-7123456789012.345", "a string, every digit");
    assert_eq!(edit["provenance"], "edited");
    assert_eq!(edit["previous_value"], "-6003000000000");
    assert!(
        doc["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["id"] == "kiep-2025-07-02"),
        "the sources are listed"
    );
}

#[test]
fn projected_values_carry_their_method_and_bounds() {
    let dataset = Dataset::embedded().expect("embedded");
    let s = jikgu::core::Scenario {
        view: Some("kostat-revised".into()),
        ..jikgu::core::Scenario::default()
    };
    let computed = compute(dataset, &s);
    let ranges = jikgu::core::ranges::simulate(dataset, &s, &computed.table);
    let e = Export {
        dataset,
        computed: &computed,
        lang: Lang::En,
        generated: "2026-11-30T00:00:00Z",
        ranges: Some(&ranges),
    };
    let csv = to_csv(&e);
    let line = csv
        .lines()
        .find(|l| l.starts_with("balance.all,") && l.contains(",2030,"))
        .expect("the 2030 balance");
    assert!(line.contains(",from_flows,"), "its method: {line}");
    let fields: Vec<&str> = line.split(',').collect();
    let bounds: Vec<Decimal> = fields[fields.len() - 4..]
        .iter()
        .map(|f| f.parse().expect("a bound"))
        .collect();
    assert!(
        bounds.windows(2).all(|w| w[0] <= w[1]),
        "ordered bounds: {bounds:?}"
    );
    let json = to_json(&e);
    assert!(json.contains("\"method\": \"damped\""), "damped rows named");
    assert!(json.contains("\"high_95\""), "bounds in the JSON");
}
