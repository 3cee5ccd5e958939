//! Links and stored sessions written by earlier builds (serde_json with derived impls until #6, then
//! the hand-written core::json until #14, serde_json again since) still read, and what is written
//! today is byte for byte what was written then.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jikgu::core::link::{decode, encode};
use jikgu::core::{Dataset, Decimal, DisplayUnit, FillRule, Growth, Lang, Partner, Scenario, Seek};

fn d(s: &str) -> Decimal {
    s.parse().expect(s)
}

/// Every kind of field, each enum in each of its shapes.
fn rich() -> Scenario {
    let mut s = Scenario {
        view: Some("kostat-revised".into()),
        year: Some(2024),
        partner: Some(Partner::China),
        dataset: Some("x\"y".into()),
        ..Scenario::default()
    };
    s.set_edit(
        "sales.china[2021]".parse().expect("cell"),
        d("3587000000000"),
    )
    .expect("edit");
    s.edits
        .insert("purchases.all[2022]".parse().expect("cell"), d("-0.5"));
    s.fills
        .insert("sales.china".parse().expect("key"), FillRule::ChainGrowth);
    s.fills.insert(
        "sales.all".parse().expect("key"),
        FillRule::Growth(d("2.5")),
    );
    s.fills.insert(
        "purchases.all".parse().expect("key"),
        FillRule::CarryForward,
    );
    s.set_fixed_rate(d("1396")).expect("rate");
    s.unit = DisplayUnit::Usd;
    s.set_horizon(2040).expect("horizon");
    s.growth.insert(
        "purchases.china".parse().expect("key"),
        Growth::Cagr {
            from: 2019,
            to: 2024,
        },
    );
    s.growth.insert(
        "sales.all".parse().expect("key"),
        Growth::Linear {
            from: 2019,
            to: 2024,
        },
    );
    s.growth.insert(
        "sales.china".parse().expect("key"),
        Growth::Fixed(d("-3.25")),
    );
    s.seek = Some(Seek::Growth {
        series: "sales.china".parse().expect("key"),
        year: 2030,
        target: Decimal::ZERO,
    });
    s
}

// Written by serde_json 1 with the derived impls, at commit 90efb5d.
const RICH: &str = r#"{"v":1,"dataset":"x\"y","view":"kostat-revised","edits":{"purchases.all[2022]":"-0.5","sales.china[2021]":"3587000000000"},"fills":{"purchases.all":"carry_forward","sales.all":{"growth":"2.5"},"sales.china":"chain_growth"},"fx":{"fixed":"1396"},"unit":"usd","year":2024,"partner":"china","horizon":2040,"growth":{"purchases.china":{"cagr":{"from":2019,"to":2024}},"sales.all":{"linear":{"from":2019,"to":2024}},"sales.china":{"fixed":"-3.25"}},"seek":{"growth":{"series":"sales.china","year":2030}}}"#;
const RATE: &str =
    r#"{"v":1,"seek":{"rate":{"partner":"all","year":2023,"target":"-4300000000"}}}"#;
const SEEK_TARGET: &str =
    r#"{"v":1,"seek":{"growth":{"series":"sales.china","year":2030,"target":"100"}}}"#;
/// The payload of a link made before there were three KOSTAT vintages; it names the view
/// `kostat-revised`, the 2024 restructuring, by the id it still has. Its tag, a hash of the data, was
/// `0393527c99eb8f82`: each data release changes the tag, so the test puts today's in front.
const LINK_PAYLOAD: &str = "eyJzIjp7InYiOjEsImRhdGFzZXQiOiJ4XCJ5IiwidmlldyI6Imtvc3RhdC1yZXZpc2VkIiwiZWRpdHMiOnsicHVyY2hhc2VzLmFsbFsyMDIyXSI6Ii0wLjUiLCJzYWxlcy5jaGluYVsyMDIxXSI6IjM1ODcwMDAwMDAwMDAifSwiZmlsbHMiOnsicHVyY2hhc2VzLmFsbCI6ImNhcnJ5X2ZvcndhcmQiLCJzYWxlcy5hbGwiOnsiZ3Jvd3RoIjoiMi41In0sInNhbGVzLmNoaW5hIjoiY2hhaW5fZ3Jvd3RoIn0sImZ4Ijp7ImZpeGVkIjoiMTM5NiJ9LCJ1bml0IjoidXNkIiwieWVhciI6MjAyNCwicGFydG5lciI6ImNoaW5hIiwiaG9yaXpvbiI6MjA0MCwiZ3Jvd3RoIjp7InB1cmNoYXNlcy5jaGluYSI6eyJjYWdyIjp7ImZyb20iOjIwMTksInRvIjoyMDI0fX0sInNhbGVzLmFsbCI6eyJsaW5lYXIiOnsiZnJvbSI6MjAxOSwidG8iOjIwMjR9fSwic2FsZXMuY2hpbmEiOnsiZml4ZWQiOiItMy4yNSJ9fSwic2VlayI6eyJncm93dGgiOnsic2VyaWVzIjoic2FsZXMuY2hpbmEiLCJ5ZWFyIjoyMDMwfX19LCJsIjoia28ifQ";

fn read(text: &str) -> Option<Scenario> {
    serde_json::from_str(text).ok()
}

fn write(s: &Scenario) -> String {
    serde_json::to_string(s).expect("a scenario always writes")
}

#[test]
fn scenarios_write_and_read_as_serde_json_did() {
    assert_eq!(write(&rich()), RICH);
    assert_eq!(read(RICH), Some(rich()));
    let rate = Scenario {
        seek: Some(Seek::Rate {
            partner: Partner::All,
            year: 2023,
            target: d("-4300000000"),
        }),
        ..Scenario::default()
    };
    assert_eq!(write(&rate), RATE);
    assert_eq!(read(RATE), Some(rate));
    let target = Scenario {
        seek: Some(Seek::Growth {
            series: "sales.china".parse().expect("key"),
            year: 2030,
            target: d("100"),
        }),
        ..Scenario::default()
    };
    assert_eq!(write(&target), SEEK_TARGET);
    assert_eq!(read(SEEK_TARGET), Some(target));
}

#[test]
fn an_old_link_opens_and_a_new_one_is_the_same() {
    let data = Dataset::embedded().expect("embedded data");
    let link = format!("v1.{}.{LINK_PAYLOAD}", jikgu::core::link::dataset_tag(data));
    let shared = decode(&link, data).expect("an old link");
    assert_eq!(shared.scenario, rich());
    assert_eq!(shared.lang, Some(Lang::Ko));
    assert_eq!(encode(data, &rich(), Some(Lang::Ko)), link);
    assert!(
        data.view_index("kostat-revised").is_some(),
        "the view the old link names is still offered"
    );
}

#[test]
fn reading_is_lenient_on_unknown_keys_and_strict_on_known_ones() {
    assert_eq!(
        read(r#"{"v":1,"someday":{"new":true},"year":2022}"#).map(|s| s.year),
        Some(Some(2022)),
        "a newer writer's key is ignored"
    );
    for bad in [
        r#"{"v":"1"}"#,
        r#"{"v":1,"year":"2022"}"#,
        r#"{"v":1,"partner":"mars"}"#,
        r#"{"v":1,"edits":{"nowhere[2022]":"1"}}"#,
        r#"{"v":1,"edits":{"sales.all[2022]":"one"}}"#,
        r#"{"v":1,"fx":"fixed"}"#,
        r#"{"v":1,"fx":{"fixed":"1","average":null}}"#,
        r#"{"v":1,"growth":{"sales.all":{"cagr":{"from":2019}}}}"#,
        r#"{"v":1,"seek":{"rate":{"partner":"all","year":2023}}}"#,
        r#"[1]"#,
    ] {
        assert_eq!(read(bad), None, "{bad} should be refused");
    }
}

#[test]
fn decimals_written_as_numbers_are_read_too() {
    let s = read(r#"{"v":1,"fx":{"fixed":1396.5}}"#).expect("a number where a string was written");
    assert_eq!(s.fx, jikgu::core::FxMode::Fixed(d("1396.5")));
    assert_eq!(
        serde_json::to_string(&d("1396.5")).expect("text"),
        r#""1396.5""#
    );
}

#[test]
fn the_new_growth_methods_have_short_names_and_old_ones_are_unchanged() {
    let mut s = Scenario::default();
    s.growth
        .insert("purchases.china".parse().expect("key"), Growth::Damped);
    s.growth
        .insert("sales.all".parse().expect("key"), Growth::Flat);
    let text = write(&s);
    assert_eq!(
        text, r#"{"v":1,"growth":{"purchases.china":"damped","sales.all":"flat"}}"#,
        "written"
    );
    assert_eq!(read(&text), Some(s), "read back");
    assert_eq!(
        read(RICH),
        Some(rich()),
        "a link from before still reads the same"
    );
}
