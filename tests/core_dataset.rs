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
    // A journalist corrects KIEP's 2023 balance and drops the claims: everything still computes.
    let text = shipped().replace(
        r#"{ source = "kiep-2025-07-02", flow = "balance", year = 2023, value = "-6.003", unit = "tn", note = "6조30억원, a deficit" },"#,
        r#"{ source = "kiep-2025-07-02", flow = "balance", year = 2023, value = "-6.1", unit = "tn" },"#,
    );
    let text = text.split("\n[[claim]]").next().expect("head").to_string();
    let data = Dataset::parse(&text).expect("edited copy parses");
    assert!(data.claims().is_empty(), "no claims");
    let out = compute(&data, &Scenario::default());
    assert_eq!(
        out.headline.won,
        Some(jikgu::core::Decimal::from(-6_100_000_000_000_i64)),
        "the corrected figure"
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
