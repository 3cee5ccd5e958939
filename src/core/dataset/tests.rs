//! The parser's tests: the shipped file, a minimal one, and one mistake of each kind.

use super::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

use crate::core::lang::Lang;
use crate::core::series::{Flow, SeriesKey};

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect(s)
}

fn data() -> &'static Dataset {
    match Dataset::embedded() {
        Ok(d) => d,
        Err(e) => panic!("embedded dataset: {e}"),
    }
}

#[test]
fn embedded_dataset_parses_with_every_figure() {
    let data = data();
    assert_eq!(data.figures().len(), 193, "figures");
    assert_eq!(data.sources().len(), 14, "sources");
    assert_eq!(data.rates().count(), 8, "annual rates, 2024's derived");
    assert_eq!(data.quarter_rates().count(), 8, "quarterly rates");
    assert_eq!(data.claims().len(), 7, "claims");
    assert_eq!(
        data.claims().iter().map(|c| c.parts.len()).sum::<usize>(),
        14,
        "claim parts"
    );
    assert_eq!(data.years(), (2014, 2025), "published years");
    assert_eq!(data.default_year(), 2025, "the newest year opens the page");
    let ids: Vec<&str> = data.source_views().map(|(_, v)| v.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "kiep-2025-07-02",
            "kostat-first",
            "kostat-revised",
            "kostat-rebased",
            "kosis-later",
            "fki-2024-06-17",
            "kcs",
            "kcci",
            "herald-2024-06-21"
        ],
        "views a reader can pick: the story is not one of them"
    );
    assert_eq!(
        data.views()[data.default_view()].id,
        "kostat-rebased",
        "the page opens on today's official series"
    );
    assert_eq!(data.text(), EMBEDDED_TEXT, "raw text kept for hashing");
    for id in [
        "alphabiz-2025-07-03",
        "kiep-2025-07-02",
        "kostat-first",
        "kostat-revised",
        "fki-2024-06-17",
        "kcs",
        "bok-fx",
    ] {
        assert!(
            data.sources().iter().any(|s| s.id == id),
            "source {id} from FIGURES.md"
        );
    }
}

#[test]
fn figures_are_scaled_from_their_published_units() {
    let data = data();
    let kiep = &data.views()[data.view_index("kiep-2025-07-02").expect("kiep")];
    let balance = SeriesKey::won(Flow::Balance, Partner::All);
    let value = |view: &View, key: SeriesKey, year| {
        view.level(key, year)
            .and_then(|p| data.figure(p.figure))
            .map(|f| f.value)
    };
    let cases = [
        (
            "KIEP 2019 balance (100억)",
            value(kiep, balance, 2019),
            d("-10000000000"),
        ),
        (
            "KIEP 2023 balance (6.003 tn)",
            value(kiep, balance, 2023),
            d("-6003000000000"),
        ),
        (
            "KOSIS sales to China 2014 (million won)",
            value(
                &data.views()[data.view_index("kosis-later").expect("kosis")],
                SeriesKey::won(Flow::Sales, Partner::China),
                2014,
            ),
            d("318752000000"),
        ),
    ];
    for (what, got, want) in cases {
        assert_eq!(got, Some(want), "{what}");
    }
    assert_eq!(
        data.rate(2023).map(|r| (r.value, r.approx)),
        Some((d("1306"), true)),
        "2023 rate is approximate"
    );
    // (1329.4 + 1371.24 + 1358.35 + 1398.75) / 4 = 5457.74 / 4 = 1364.435
    assert_eq!(
        data.rate(2024).map(|r| (r.value, r.derived)),
        Some((d("1364.435"), true)),
        "2024 rate is the mean of its quarters, marked derived"
    );
    assert_eq!(
        data.rate(2025).map(|r| (r.value, r.derived)),
        Some((d("1422.16"), false)),
        "a published annual rate wins over the mean of its quarters"
    );
}

#[test]
fn vintages_pick_their_own_value_and_say_when_another_stands_in() {
    let data = data();
    let first = &data.views()[data.view_index("kostat-first").expect("first")];
    let revised = &data.views()[data.view_index("kostat-revised").expect("revised")];
    let purchases = SeriesKey::won(Flow::Purchases, Partner::All);
    let pick = |v: &View, year| {
        v.level(purchases, year)
            .map(|p| (data.figures()[p.figure.0].value, p.stands_in))
    };
    let rebased = &data.views()[data.view_index("kostat-rebased").expect("rebased")];
    let sales = SeriesKey::won(Flow::Sales, Partner::All);
    let pick_sales = |v: &View, year| {
        v.level(sales, year)
            .map(|p| (data.figures()[p.figure.0].value, p.stands_in))
    };
    let cases = [
        (
            "first 2023",
            pick(first, 2023),
            Some((d("6756700000000"), false)),
        ),
        (
            "revised 2023",
            pick(revised, 2023),
            Some((d("6681900000000"), false)),
        ),
        (
            "re-based 2023 purchases: the restructured series stands in",
            pick(rebased, 2023),
            Some((d("6681900000000"), true)),
        ),
        (
            "first-release 2019 stands in for the restructuring",
            pick(revised, 2019),
            Some((d("3636000000000"), true)),
        ),
        (
            "re-based 2019 borrows the nearer vintage, then the first release",
            pick(rebased, 2019),
            Some((d("3636000000000"), true)),
        ),
        (
            "re-based 2025 is its own",
            pick(rebased, 2025),
            Some((d("8508000000000"), false)),
        ),
        (
            "restructured 2020 is its own",
            pick(revised, 2020),
            Some((d("4067700000000"), false)),
        ),
        ("nothing for 2015", pick(revised, 2015), None),
        (
            "sales 2024, first release",
            pick_sales(first, 2024),
            Some((d("1722500000000"), false)),
        ),
        (
            "sales 2024, 2024 restructuring",
            pick_sales(revised, 2024),
            Some((d("1722500000000"), false)),
        ),
        (
            "sales 2024, 2025 re-basing",
            pick_sales(rebased, 2024),
            Some((d("2597700000000"), false)),
        ),
        (
            "sales 2023, three vintages, three values (first)",
            pick_sales(first, 2023),
            Some((d("1656100000000"), false)),
        ),
        (
            "sales 2023 (restructuring)",
            pick_sales(revised, 2023),
            Some((d("1697200000000"), false)),
        ),
        (
            "sales 2023 (re-basing)",
            pick_sales(rebased, 2023),
            Some((d("2398900000000"), false)),
        ),
    ];
    for (what, got, want) in cases {
        assert_eq!(got, want, "{what}");
    }
}

#[test]
fn sources_side_by_side_for_the_2023_balance() {
    let data = data();
    let rows = data.compare(SeriesKey::won(Flow::Balance, Partner::All), 2023);
    let by_id: BTreeMap<&str, (Option<Decimal>, Option<Decimal>)> = rows
        .iter()
        .map(|r| {
            (
                data.views()[r.view].id.as_str(),
                (r.published.map(|p| p.0), r.derived),
            )
        })
        .collect();
    let tn = |s: &str| d(s) * Decimal::from(1_000_000_000_000_i64);
    assert_eq!(
        by_id.get("kiep-2025-07-02"),
        Some(&(Some(tn("-6.003")), None)),
        "KIEP"
    );
    assert_eq!(
        by_id.get("kostat-revised"),
        Some(&(Some(tn("-4.985")), Some(tn("-4.9847")))),
        "KOSTAT revised"
    );
    assert_eq!(
        by_id.get("kostat-first"),
        Some(&(Some(tn("-4.985")), Some(tn("-5.1006")))),
        "KOSTAT first, revised balance standing in"
    );
    assert_eq!(
        by_id.get("fki-2024-06-17"),
        Some(&(Some(tn("-5.1")), None)),
        "FKI"
    );
    assert_eq!(by_id.get("kcci"), Some(&(None, Some(tn("-5.0")))), "KCCI");
    assert_eq!(
        by_id.get("herald-2024-06-21"),
        Some(&(Some(tn("-5.9290")), None)),
        "Herald"
    );
}

const HEAD: &str = r#"schema = 1
id = "t"
version = "1"
released = "2025-01-01"
title_ko = "t"
title_en = "t"
story = "st"
currency = "KRW"
default_view = "s"
default_partner = "all"
[[source]]
id = "s"
name_ko = "s"
name_en = "s"
publisher = "p"
title = "t"
url = "u"
"#;

/// The story, a source of its own after the body so the lines above stay where the tests say.
const STORY: &str = "[[source]]\nid = \"st\"\nname_ko = \"st\"\nname_en = \"st\"\npublisher = \"p\"\ntitle = \"t\"\n";

fn with(body: &str) -> String {
    format!("{HEAD}{body}{STORY}")
}

fn fig(row: &str) -> String {
    with(&format!(
        "[data]\nfigures = [\n  {{ source = \"s\", flow = \"balance\", year = 2023, value = \"-1\", unit = \"tn\" }},\n  {row},\n]\n"
    ))
}

#[test]
fn a_minimal_file_parses() {
    let data = Dataset::parse(&fig(
        r#"{ source = "s", flow = "sales", year = 2022, value = "1" }"#,
    ))
    .expect("minimal");
    assert_eq!(data.figures().len(), 2, "figures");
    assert_eq!(data.views().len(), 1, "one view");
}

#[test]
fn malformed_files_fail_with_the_right_error() {
    let figure_2 = |line| Location {
        place: Place::Figure(1),
        line: Some(line),
    };
    let cases: Vec<(String, DatasetError)> = vec![
        (
            "schema = 2\n".to_string(),
            DatasetError::Schema { found: Some(2) },
        ),
        ("x = 1\n".to_string(), DatasetError::Schema { found: None }),
        (
            fig(r#"{ source = "nope", flow = "sales", year = 2022, value = "1" }"#),
            DatasetError::Unknown {
                at: figure_2(21),
                field: "source",
                value: "nope".into(),
                expected: "s, st".into(),
            },
        ),
        (
            fig(r#"{ source = "s", flow = "balance", year = 2023, value = "-2", unit = "tn" }"#),
            DatasetError::Duplicate {
                at: figure_2(21),
                what: Repeated::Figure {
                    family: "s".into(),
                    series: "balance.all".into(),
                    period: "2023".into(),
                    growth: false,
                },
                first_line: Some(20),
            },
        ),
        (
            fig(r#"{ source = "s", flow = "sales", year = 2022, value = "1,5" }"#),
            DatasetError::BadDecimal {
                at: figure_2(21),
                field: "value",
                value: "1,5".into(),
            },
        ),
        (
            fig(r#"{ source = "s", flow = "sales", year = 2022, value = "1e5" }"#),
            DatasetError::BadDecimal {
                at: figure_2(21),
                field: "value",
                value: "1e5".into(),
            },
        ),
        (
            fig(r#"{ source = "s", flow = "sales", year = 2022, value = "1", unit = "lakh" }"#),
            DatasetError::Unknown {
                at: figure_2(21),
                field: "unit",
                value: "lakh".into(),
                expected: "one, k, 만, mn, 억, bn, tn, 조, pct".into(),
            },
        ),
        (
            fig(r#"{ source = "s", flow = "sales", year = 2022, value = "1" }"#)
                .replace("default_view = \"s\"", "default_view = \"nope\""),
            DatasetError::Unknown {
                at: Location {
                    place: Place::Header,
                    line: Some(9),
                },
                field: "default_view",
                value: "nope".into(),
                expected: "s".into(),
            },
        ),
        (
            fig(r#"{ source = "s", flow = "sales", year = 2022, value = "1" }"#)
                .replace("default_partner = \"all\"", "default_partner = \"mars\""),
            DatasetError::Unknown {
                at: Location {
                    place: Place::Header,
                    line: Some(10),
                },
                field: "default_partner",
                value: "mars".into(),
                expected: "all, china, us, eu, japan, uk, asean".into(),
            },
        ),
        (
            fig(r#"{ source = "s", flow = "sales", year = 1889, value = "1" }"#),
            DatasetError::YearOutOfRange {
                at: figure_2(21),
                field: "year",
                year: 1889,
            },
        ),
        (
            fig(r#"{ source = "s", flow = "imports", year = 2022, value = "1" }"#),
            DatasetError::Unknown {
                at: figure_2(21),
                field: "flow",
                value: "imports".into(),
                expected: "purchases, sales, balance".into(),
            },
        ),
        (
            fig(r#"{ source = "s", flow = "sales", year = 2022, value = "-1" }"#),
            DatasetError::Invalid {
                at: figure_2(21),
                problem: Problem::Negative {
                    flow: "sales".into(),
                    found: "-1".into(),
                },
            },
        ),
        (
            fig(r#"{ source = "s", vintage = "first", flow = "sales", year = 2022, value = "1" }"#),
            DatasetError::Invalid {
                at: figure_2(21),
                problem: Problem::VintageNotOwn { source: "s".into() },
            },
        ),
    ];
    for (text, want) in cases {
        assert_eq!(Dataset::parse(&text), Err(want.clone()), "{want}");
    }
}

#[test]
fn malformed_claims_fail_with_the_right_error() {
    let claim = |check: &str, compare: &str| {
        fig(r#"{ source = "s", flow = "sales", year = 2022, value = "1" }"#)
            + &format!(
                "[[claim]]\nid = \"C\"\nko = \"k\"\nen = \"e\"\n[[claim.part]]\nid = \"p\"\nko = \"k\"\nen = \"e\"\ncheck = \"{check}\"\n{compare}\nexpect = \"0\"\n"
            )
    };
    // A part is located at its own `[[claim.part]]` header (line 33), not its claim's (29).
    let at = Location {
        place: Place::Part("C".into(), "p".into()),
        line: Some(33),
    };
    type Check = fn(&DatasetError) -> bool;
    let cases: Vec<(String, Check)> = vec![
        (
            claim("purchases.china[2023]", "compare = \"above\""),
            |e| matches!(e, DatasetError::UnknownSeries { reference, .. } if reference == "purchases.china[2023]"),
        ),
        (
            claim("stated.sales.all[2021]", "compare = \"above\""),
            |e| matches!(e, DatasetError::UnknownSeries { reference, .. } if reference == "stated.sales.all[2021]"),
        ),
        (claim("balance.all[2023] +", "compare = \"above\""), |e| {
            matches!(e, DatasetError::BadExpr { field: "check", .. })
        }),
        (claim("balance.all[2023]", "compare = \"about\""), |e| {
            matches!(
                e,
                DatasetError::Unknown {
                    field: "compare",
                    ..
                }
            )
        }),
        (claim("balance.all[2023]", "compare = \"rounds_to\""), |e| {
            matches!(
                e,
                DatasetError::Invalid {
                    problem: Problem::MissingConstant { field: "step", .. },
                    ..
                }
            )
        }),
        (
            claim(
                "balance.all[2023]",
                "compare = \"rounds_to\"\nstep = \"balance.all[2023]\"",
            ),
            |e| {
                matches!(
                    e,
                    DatasetError::Invalid {
                        problem: Problem::NotPositive { field: "step", .. },
                        ..
                    }
                )
            },
        ),
    ];
    for (text, check) in cases {
        match Dataset::parse(&text) {
            Err(e) => {
                assert!(check(&e), "unexpected error: {e}");
                if !matches!(e, DatasetError::BadExpr { .. }) {
                    assert!(
                        e.to_string().starts_with(&at.to_string()),
                        "location in {e}"
                    );
                }
            }
            Ok(_) => panic!("should fail: {text}"),
        }
    }
    assert!(
        Dataset::parse(&claim("balance.all[2023]", "compare = \"below\"")).is_ok(),
        "a valid claim parses"
    );
}

#[test]
fn a_figure_without_a_locator_is_refused() {
    let text = fig(r#"{ source = "st", flow = "sales", year = 2022, value = "1" }"#);
    assert_eq!(
        Dataset::parse(&text).map(|_| ()),
        Err(DatasetError::Invalid {
            at: Location {
                place: Place::Figure(1),
                line: Some(21),
            },
            problem: Problem::NoLocator,
        }),
        "the story source has neither url nor locator"
    );
    let text =
        fig(r#"{ source = "st", flow = "sales", year = 2022, value = "1", locator = "p. 3" }"#);
    let data = Dataset::parse(&text).expect("a row's own locator is enough");
    assert_eq!(data.figures()[1].locator, "p. 3", "row locator");
    assert_eq!(data.figures()[0].locator, "u", "source url");
    for f in data
        .figures()
        .iter()
        .chain(Dataset::embedded().expect("e").figures())
    {
        assert!(!f.locator.trim().is_empty(), "line {}: a locator", f.line);
    }
}

#[test]
fn quarterly_rates_give_a_derived_year_and_are_checked() {
    let rates = |rows: &str| {
        with(&format!(
            "[data]\nrates = [\n{rows}]\nfigures = [ {{ source = \"s\", flow = \"balance\", year = 2023, value = \"-1\" }} ]\n"
        ))
    };
    let four = (1..=4)
        .map(|q| format!("{{ source = \"s\", year = 2024, quarter = {q}, value = \"100{q}\" }},\n"))
        .collect::<String>();
    let data = Dataset::parse(&rates(&four)).expect("four quarters");
    // (1001 + 1002 + 1003 + 1004) / 4 = 1002.5
    assert_eq!(
        data.rate(2024).map(|r| (r.value, r.derived)),
        Some((d("1002.5"), true)),
        "mean of four quarters"
    );
    let three: String = four.lines().take(3).map(|l| format!("{l}\n")).collect();
    assert!(
        Dataset::parse(&rates(&three))
            .expect("three quarters")
            .rate(2024)
            .is_none(),
        "no annual mean from three quarters"
    );
    let bad = "{ source = \"s\", year = 2024, quarter = 5, value = \"1\" },\n";
    assert!(
        Dataset::parse(&rates(bad))
            .err()
            .is_some_and(|e| e.to_string().contains("quarter from 1 to 4")),
        "quarter 5"
    );
    let twice = format!("{four}{}", four.lines().next().unwrap_or_default());
    assert!(
        Dataset::parse(&rates(&twice))
            .err()
            .is_some_and(|e| e.to_string().contains("the rate for 2024Q1")),
        "a quarter given twice"
    );
}

#[test]
fn syntax_errors_carry_a_line() {
    let err =
        Dataset::parse(&with("[data]\nfigures = [ { source = \"s\" \n")).expect_err("bad toml");
    assert!(
        matches!(err, DatasetError::Syntax { line: Some(_), .. }),
        "{err:?}"
    );
    let err = Dataset::parse(&with(
        "[data]\nfigures = [ { source = \"s\", flow = \"sales\", year = 2022 } ]\n",
    ))
    .expect_err("missing value");
    assert!(err.to_string().contains("value"), "{err}");
    // A misspelt key is refused, not ignored, and a value of the wrong type says what it wanted.
    let err = Dataset::parse(&fig(
        r#"{ source = "s", flow = "sales", year = 2022, value = "1", unti = "tn" }"#,
    ))
    .expect_err("misspelt key");
    assert_eq!(
        err.to_string(),
        "line 21, column 61: `data.figures`: unknown key `unti` (misspelt?), expected one of \
         `source`, `vintage`, `flow`, `partner`, `measure`, `year`, `quarter`, `value`, `unit`, \
         `approx`, `scope`, `locator`, `released`, `cite`, `note`"
    );
    let err = Dataset::parse(&fig(
        r#"{ source = "s", flow = "sales", year = "2022", value = "1" }"#,
    ))
    .expect_err("year as a string");
    assert_eq!(
        err.to_string(),
        "line 21, column 42: `data.figures.year`: expected a whole number (`i64`), found the \
         string \"2022\""
    );
    let err = Dataset::parse(&fig(
        r#"{ source = "s", flow = "sales", year = 2022, value = 1.5 }"#,
    ))
    .expect_err("a float");
    assert!(
        err.to_string().contains("write a decimal as a string"),
        "{err}"
    );
}

#[test]
fn a_float_is_quoted_as_written() {
    // The reader never turns a float into an `f64` (core::dataset::tree): the advice quotes the
    // number as the file has it, trailing zero and exponent kept, ready to be put in quotes.
    for (written, quoted) in [("1.50", "(\"1.50\")"), ("2e3", "(\"2e3\")")] {
        let err = Dataset::parse(&fig(&format!(
            r#"{{ source = "s", flow = "sales", year = 2022, value = {written} }}"#
        )))
        .expect_err(written);
        assert!(
            err.to_string()
                .contains(&format!("write a decimal as a string {quoted}")),
            "{written}: {err}"
        );
    }
    let err = Dataset::parse(&fig(
        r#"{ source = "s", flow = "sales", year = 2022.0, value = "1" }"#,
    ))
    .expect_err("a year with a point");
    let (en, ko) = (err.message(Lang::En), err.message(Lang::Ko));
    assert!(
        en.contains("`data.figures.year`") && en.contains("2022.0") && ko.contains("2022.0"),
        "{en} / {ko}"
    );
}

proptest::proptest! {
    #[test]
    fn parser_never_panics_on_mangled_data(cut in 0usize..4000, junk in "\\PC{0,20}") {
        let text = EMBEDDED_TEXT;
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) { at -= 1; }
        let mangled = format!("{}{}{}", &text[..at], junk, &text[at..]);
        if let Err(e) = Dataset::parse(&mangled) {
            // The messages take the reader's English apart; no text may make that panic.
            proptest::prop_assert!(!e.message(Lang::Ko).is_empty() && !e.to_string().is_empty());
        }
    }
}

/// Whether `text` has any Hangul syllable: a Korean message, not an English one passed through.
fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('가'..='힣').contains(&c))
}

/// The line a marker starts on, counted the way a text editor numbers lines.
fn line_of(text: &str, marker: &str) -> usize {
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in the file"));
    text[..at].matches('\n').count() + 1
}

#[test]
fn broken_files_are_explained_with_line_key_and_expectation_in_both_languages() {
    struct Case {
        why: &'static str,
        text: String,
        line: usize,
        /// The key as both languages name it.
        key: &'static str,
        /// What was expected (and found), as each language says it.
        en: &'static [&'static str],
        ko: &'static [&'static str],
    }
    let event = format!(
        "{}[[event]]\ndate = \"18 July 2025\"\nko = \"k\"\nen = \"e\"\nlocator = \"l\"\n",
        fig(r#"{ source = "s", flow = "sales", year = 2022, value = "1" }"#)
    );
    let cases = [
        Case {
            why: "a year written as a string",
            text: fig(r#"{ source = "s", flow = "sales", year = "2022", value = "1" }"#),
            line: 21,
            key: "`data.figures.year`",
            en: &["a whole number (`i64`)", "the string \"2022\"", "column 42"],
            ko: &["정수(`i64`)", "문자열 \"2022\"", "열 42"],
        },
        Case {
            why: "a row without its value",
            text: with("[data]\nfigures = [ { source = \"s\", flow = \"sales\", year = 2022 } ]\n"),
            line: 19,
            key: "`value`",
            en: &["missing key", "`data.figures`"],
            ko: &["빠졌습니다", "`data.figures`"],
        },
        Case {
            why: "a misspelt key",
            text: fig(r#"{ source = "s", flow = "sales", year = 2022, value = "1", unti = "tn" }"#),
            line: 21,
            key: "`unti`",
            en: &["unknown key", "`unit`", "`data.figures`"],
            ko: &["철자", "`unit`", "`data.figures`"],
        },
        Case {
            why: "a key written twice",
            text: fig(
                r#"{ source = "s", source = "st", flow = "sales", year = 2022, value = "1" }"#,
            ),
            line: 21,
            key: "`source`",
            en: &[
                "given twice",
                "written once",
                "column 19",
                "(first on line 21)",
            ],
            ko: &["두 번", "열 19", "(처음 적힌 곳: 줄 21)"],
        },
        Case {
            why: "a source that is not in the file",
            text: fig(r#"{ source = "nope", flow = "sales", year = 2022, value = "1" }"#),
            line: 21,
            key: "`source`",
            en: &["\"nope\"", "expected s, st"],
            ko: &["\"nope\"", "쓸 수 있는 이름: s, st"],
        },
        Case {
            why: "a decimal with a comma",
            text: fig(r#"{ source = "s", flow = "sales", year = 2022, value = "1,5" }"#),
            line: 21,
            key: "`value`",
            en: &["\"6.003\"", "found \"1,5\""],
            ko: &["\"6.003\"", "적힌 값: \"1,5\""],
        },
        Case {
            why: "a decimal written as a TOML number",
            text: fig(r#"{ source = "s", flow = "sales", year = 2022, value = 1.5 }"#),
            line: 21,
            key: "`data.figures.value`",
            en: &["as a string (\"1.5\")"],
            ko: &["따옴표", "\"1.5\""],
        },
        Case {
            why: "a date of the wrong form",
            // An event is placed at its `[[event]]`, as every row is at its start.
            line: line_of(&event, "[[event]]"),
            text: event,
            key: "`date`",
            en: &["YYYY-MM-DD", "\"18 July 2025\"", "event 1"],
            ko: &["YYYY-MM-DD", "\"18 July 2025\"", "1번째 사건"],
        },
    ];
    for case in &cases {
        let err = Dataset::parse(&case.text).expect_err(case.why);
        let (en, ko) = (err.message(Lang::En), err.message(Lang::Ko));
        assert_eq!(en, err.to_string(), "{}: Display is the English", case.why);
        let (line_en, line_ko) = (format!("line {}", case.line), format!("줄 {}", case.line));
        for (lang, message, line, says) in [
            ("en", &en, &line_en, case.en),
            ("ko", &ko, &line_ko, case.ko),
        ] {
            for part in [line.as_str(), case.key].iter().chain(says) {
                assert!(
                    message.contains(part),
                    "{}, {lang}: {part:?} in {message}",
                    case.why
                );
            }
        }
        assert!(has_hangul(&ko), "{}: Korean: {ko}", case.why);
        for english in ["expected", "found", "line ", "(영어)"] {
            assert!(!ko.contains(english), "{}: {english:?} in {ko}", case.why);
        }
    }
    // TOML that is not TOML: the column, and the character that had to come.
    let err = Dataset::parse(&with("[data\n")).expect_err("an unclosed table name");
    assert_eq!(
        (err.message(Lang::En), err.message(Lang::Ko)),
        (
            "line 18, column 6: unclosed table, expected `]`".to_string(),
            "줄 18, 열 6: TOML 문법에 맞지 않습니다. 표 이름의 대괄호(`]`)가 닫히지 않았습니다. \
             이 자리에 와야 할 것: `]`"
                .to_string()
        )
    );
}

#[test]
fn a_key_written_twice_says_where_it_was_first() {
    let header = with("").replacen("version = \"1\"\n", "version = \"1\"\nversion = \"2\"\n", 1);
    let source = with("").replacen(
        "title = \"t\"\nurl",
        "title = \"t\"\npublisher = \"q\"\nurl",
        1,
    );
    let table = with("[data]\nrates = []\n[data]\n");
    let cases = [
        (&header, "version = \"1\"", "version = \"2\"", "version"),
        (
            &source,
            "publisher = \"p\"",
            "publisher = \"q\"",
            "publisher",
        ),
        (&table, "[data]", "rates = []\n[data]", "data"),
    ];
    for (text, first, second, key) in cases {
        let (first, second) = (
            line_of(text, first),
            line_of(text, second) + second.matches('\n').count(),
        );
        match Dataset::parse(text) {
            Err(DatasetError::Syntax {
                line,
                key: Some(k),
                first_line,
                ..
            }) => {
                assert_eq!(
                    (line, k.as_str(), first_line),
                    (Some(second), key, Some(first)),
                    "{text}"
                );
            }
            other => panic!("{key} twice: {other:?}"),
        }
    }
    // A dotted key above names the table in another way: no first line rather than a guess.
    let dotted = with("[data]\nrates = []\n").replacen(
        "default_partner = \"all\"\n",
        "default_partner = \"all\"\ndata.rates = []\n",
        1,
    );
    let err = Dataset::parse(&dotted).expect_err("rates twice");
    assert!(
        matches!(
            &err,
            DatasetError::Syntax {
                first_line: None,
                ..
            }
        ),
        "{err:?}"
    );
}

/// One of each error the parser makes, in every form: adding a variant to [`DatasetError`],
/// [`Problem`], [`Repeated`] or [`Place`] stops [`kind`] compiling until it is listed here.
fn one_of_each() -> Vec<DatasetError> {
    use serde::de::{Error as _, Unexpected};
    type E = serde::de::value::Error;
    let at = |place| Location {
        place,
        line: Some(7),
    };
    let syntax = |key: Option<&str>, message: String| DatasetError::Syntax {
        line: Some(7),
        column: Some(3),
        key: key.map(str::to_string),
        first_line: None,
        message,
    };
    let mut all = vec![
        syntax(
            Some("data.figures.year"),
            E::invalid_type(Unexpected::Str("x"), &"i64").to_string(),
        ),
        syntax(
            Some("data.figures.year"),
            E::invalid_value(Unexpected::Signed(-1), &"a year").to_string(),
        ),
        syntax(
            Some("data.figures"),
            E::invalid_length(3, &"two items").to_string(),
        ),
        syntax(
            Some("data.figures.flow"),
            E::unknown_variant("imports", &["sales"]).to_string(),
        ),
        syntax(
            Some("data"),
            E::unknown_field("x", &["figures"]).to_string(),
        ),
        syntax(None, E::unknown_field("x", &[]).to_string()),
        syntax(Some("claim"), E::missing_field("id").to_string()),
        syntax(Some("claim"), E::duplicate_field("id").to_string()),
        syntax(Some("id"), "duplicate key".into()),
        syntax(None, "duplicate key".into()),
        syntax(
            Some("data.rates.value"),
            super::said::decimal_as_text("1.5"),
        ),
        syntax(None, "unclosed array, expected `]`".into()),
        DatasetError::Syntax {
            line: Some(7),
            column: None,
            key: None,
            first_line: Some(2),
            message: "a message of no known shape".into(),
        },
        DatasetError::Schema { found: Some(2) },
        DatasetError::Schema { found: None },
        DatasetError::Unknown {
            at: at(Place::Header),
            field: "default_view",
            value: "x".into(),
            expected: "a, b".into(),
        },
        DatasetError::Unknown {
            at: at(Place::Rate(0)),
            field: "source",
            value: "x".into(),
            expected: String::new(),
        },
        DatasetError::BadDecimal {
            at: at(Place::Figure(0)),
            field: "value",
            value: "1,5".into(),
        },
        DatasetError::YearOutOfRange {
            at: at(Place::Figure(0)),
            field: "year",
            year: 1889,
        },
        DatasetError::BadExpr {
            at: at(Place::Part("C".into(), "p".into())),
            field: "check",
            error: crate::core::expr::ExprError {
                position: 3,
                expected: crate::core::expr::Expected::Series,
                found: crate::core::expr::Found::Mark("+"),
            },
        },
        DatasetError::UnknownSeries {
            at: at(Place::Claim("C".into())),
            reference: "purchases.china[2023]".into(),
        },
    ];
    let repeated = [
        Repeated::Source("s".into()),
        Repeated::Vintage {
            vintage: "first".into(),
            family: "kostat".into(),
        },
        Repeated::Rate("2024Q1".into()),
        Repeated::Figure {
            family: "s".into(),
            series: "balance.all".into(),
            period: "2023".into(),
            growth: true,
        },
        Repeated::FigureVintage {
            family: "s".into(),
            series: "balance.all".into(),
            year: 2023,
        },
        Repeated::Claim("C".into()),
        Repeated::Part("p".into()),
    ];
    for (i, what) in repeated.into_iter().enumerate() {
        all.push(DatasetError::Duplicate {
            at: at(Place::Source(1)),
            what,
            first_line: (i % 2 == 0).then_some(3),
        });
    }
    let problems = [
        Problem::NoLocator,
        Problem::EmptyId,
        Problem::IdIsFamily {
            family: "kostat".into(),
        },
        Problem::FamilyWithoutVintage,
        Problem::VintageNotInFamily {
            family: "kostat".into(),
            vintage: "first".into(),
        },
        Problem::VintageNotOwn { source: "s".into() },
        Problem::SourceVanished,
        Problem::BadDate {
            field: "released",
            found: "2025".into(),
        },
        Problem::QuarterOutOfRange { found: 5 },
        Problem::RateNotPositive { found: "0".into() },
        Problem::TooLarge {
            found: "1e30".into(),
        },
        Problem::Negative {
            flow: "sales".into(),
            found: "-1".into(),
        },
        Problem::UncheckedPair,
        Problem::NoParts,
        Problem::MissingConstant {
            field: "step",
            compare: "rounds_to".into(),
        },
        Problem::NotPositive {
            field: "margin",
            found: "0".into(),
        },
    ];
    for problem in problems {
        all.push(DatasetError::Invalid {
            at: at(Place::Event(0)),
            problem,
        });
    }
    all
}

/// The name of a form of error, exhaustively: a new variant must be named, and listed above.
fn kind(e: &DatasetError) -> String {
    let place = |at: &Location| match at.place {
        Place::Header => "header",
        Place::Source(_) => "source",
        Place::Figure(_) => "figure",
        Place::Rate(_) => "rate",
        Place::Event(_) => "event",
        Place::Claim(_) => "claim",
        Place::Part(..) => "part",
    };
    let repeated = |what: &Repeated| match what {
        Repeated::Source(_) => "source",
        Repeated::Vintage { .. } => "vintage",
        Repeated::Rate(_) => "rate",
        Repeated::Figure { .. } => "figure",
        Repeated::FigureVintage { .. } => "figure vintage",
        Repeated::Claim(_) => "claim",
        Repeated::Part(_) => "part",
    };
    let problem = |p: &Problem| match p {
        Problem::NoLocator => "no locator",
        Problem::EmptyId => "empty id",
        Problem::IdIsFamily { .. } => "id is family",
        Problem::FamilyWithoutVintage => "family without vintage",
        Problem::VintageNotInFamily { .. } => "vintage not in family",
        Problem::VintageNotOwn { .. } => "vintage not own",
        Problem::SourceVanished => "source vanished",
        Problem::BadDate { .. } => "bad date",
        Problem::QuarterOutOfRange { .. } => "quarter",
        Problem::RateNotPositive { .. } => "rate not positive",
        Problem::TooLarge { .. } => "too large",
        Problem::Negative { .. } => "negative",
        Problem::UncheckedPair => "unchecked pair",
        Problem::NoParts => "no parts",
        Problem::MissingConstant { .. } => "missing constant",
        Problem::NotPositive { .. } => "not positive",
    };
    match e {
        DatasetError::Syntax { message, .. } => {
            format!("syntax {:?}", super::said::recognise(message))
                .split([' ', '{', '('])
                .take(2)
                .collect::<Vec<_>>()
                .join(" ")
        }
        DatasetError::Schema { .. } => "schema".into(),
        DatasetError::Unknown { at, .. } => format!("unknown at {}", place(at)),
        DatasetError::Duplicate { what, .. } => format!("duplicate {}", repeated(what)),
        DatasetError::BadDecimal { at, .. } => format!("decimal at {}", place(at)),
        DatasetError::YearOutOfRange { .. } => "year".into(),
        DatasetError::BadExpr { at, .. } => format!("expr at {}", place(at)),
        DatasetError::UnknownSeries { at, .. } => format!("series at {}", place(at)),
        DatasetError::Invalid { at, problem: p } => {
            format!("invalid {} at {}", problem(p), place(at))
        }
    }
}

#[test]
fn every_error_has_a_korean_message() {
    let all = one_of_each();
    let kinds: std::collections::BTreeSet<String> = all.iter().map(kind).collect();
    // 11 forms of Syntax (one per shape said.rs knows), then Schema, Unknown (in the header and
    // in a rate), BadDecimal, YearOutOfRange, BadExpr, UnknownSeries, 7 Duplicate and 16 Invalid.
    assert_eq!(kinds.len(), 11 + 7 + 7 + 16, "{kinds:#?}");
    for e in &all {
        let (en, ko) = (e.message(Lang::En), e.message(Lang::Ko));
        assert!(has_hangul(&ko), "{e:?}: no Korean in {ko}");
        assert_ne!(ko, en, "{e:?}");
        assert!(!en.is_empty() && !has_hangul(&en), "{e:?}: English {en}");
        // The original English is quoted only when it fits no shape said.rs knows.
        let unknown_shape = matches!(
            e,
            DatasetError::Syntax { message, .. } if matches!(
                super::said::recognise(message),
                super::said::Said::Other(_)
            )
        );
        assert_eq!(ko.contains("(영어)"), unknown_shape, "{ko}");
        for english in ["expected", "found", "line ", "column "] {
            assert!(!ko.contains(english), "{english:?} in {ko}");
        }
        if let Some(line) = match e {
            DatasetError::Syntax { line, .. } => *line,
            DatasetError::Schema { .. } => None,
            DatasetError::Unknown { at, .. }
            | DatasetError::Duplicate { at, .. }
            | DatasetError::BadDecimal { at, .. }
            | DatasetError::YearOutOfRange { at, .. }
            | DatasetError::BadExpr { at, .. }
            | DatasetError::UnknownSeries { at, .. }
            | DatasetError::Invalid { at, .. } => at.line,
        } {
            assert!(ko.contains(&format!("줄 {line}")), "line in {ko}");
            assert!(en.contains(&format!("line {line}")), "line in {en}");
        }
    }
    for place in [
        Place::Header,
        Place::Source(0),
        Place::Figure(0),
        Place::Rate(0),
        Place::Event(0),
        Place::Claim("C".into()),
        Place::Part("C".into(), "p".into()),
    ] {
        let at = Location { place, line: None };
        assert!(has_hangul(&at.describe(Lang::Ko)), "{at}");
        assert_eq!(at.describe(Lang::En), at.to_string());
    }
}
