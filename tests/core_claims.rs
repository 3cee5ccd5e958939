//! The story's claims C1–C6 under each source view, and edits that flip them.

// Tests fail by panicking: that is how they report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use jikgu::core::{
    CellRef, ClaimResult, Dataset, Decimal, FillRule, FxMode, Lang, Scenario, Unchecked, Verdict,
    compute,
};

fn data() -> &'static Dataset {
    Dataset::embedded().expect("the embedded dataset parses")
}

fn tn(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect(s) * Decimal::from(1_000_000_000_000_i64)
}

fn cell(s: &str) -> CellRef {
    s.parse().expect(s)
}

/// A verdict in one letter: H holds, F fails, U unchecked.
fn letter(v: &Verdict) -> char {
    match v {
        Verdict::Holds { .. } => 'H',
        Verdict::Fails { .. } => 'F',
        Verdict::Unchecked { .. } => 'U',
    }
}

fn claims(s: &Scenario) -> Vec<ClaimResult> {
    compute(data(), s).claims
}

/// Claim verdicts C1..C6 as a string, then each claim's parts after a colon.
fn summary(s: &Scenario) -> String {
    claims(s)
        .iter()
        .map(|c| {
            format!(
                "{}:{}",
                letter(&c.verdict),
                c.parts
                    .iter()
                    .map(|p| letter(&p.verdict))
                    .collect::<String>()
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn view(id: &str) -> Scenario {
    Scenario {
        view: Some(id.to_string()),
        ..Scenario::default()
    }
}

#[test]
fn verdicts_under_each_source_view() {
    // C1 parts: won, usd. C2: own arithmetic, deficit in 2019, fold. C3: level, growth, implied 2022.
    // C4: overtook. C5: 2020 level, 2023 level, drop, peak (optional). C6: context, no parts.
    let cases = [
        ("kiep-2025-07-02", "F:HF F:FHH H:HHH H:H H:HHHU U:"),
        // KOSTAT stopped publishing sales to China after 2019 but kept publishing their yearly
        // change: chained, 2020 is ₩5.23 tn (the story's 5.2 holds, and it is the peak), 2023
        // ₩1.07 tn (the story's 1.05 does not round to it), the drop −79.6 % (about 80 % holds).
        ("kostat-first", "F:FF F:FFU F:FFF F:F F:HFHH U:"),
        ("kostat-revised", "F:FF F:FFU F:FFF F:F F:HFHH U:"),
        ("fki-2024-06-17", "F:FF F:FUU F:FUU U:U U:UUUU U:"),
        ("alphabiz-2025-07-03", "F:HF F:FHF U:HUU U:U H:HHHU U:"),
        ("kcci", "F:FF F:FUU U:UUU U:U U:UUUU U:"),
    ];
    for (id, want) in cases {
        assert_eq!(summary(&view(id)), want, "claims in view {id}");
    }
}

#[test]
fn c1_turns_on_the_exchange_rate() {
    let mut s = Scenario::default();
    let Verdict::Fails {
        computed, expected, ..
    } = &claims(&s)[0].parts[1].verdict
    else {
        panic!("C1 dollars should fail at the average")
    };
    assert_eq!(
        (computed.round_dp(0), *expected),
        (
            Decimal::from(-4_596_477_795_i64),
            Decimal::from(-4_300_000_000_i64)
        ),
        "$4.6 bn against $4.3 bn"
    );
    s.fx = FxMode::Fixed(Decimal::from(1396));
    assert!(
        claims(&s)[0].verdict.holds(),
        "at 1,396 won per dollar C1 holds"
    );
}

#[test]
fn c2_fails_on_its_own_arithmetic_and_on_a_surplus() {
    let kiep = claims(&Scenario::default());
    let Verdict::Fails { computed, .. } = &kiep[1].parts[0].verdict else {
        panic!("own arithmetic")
    };
    assert_eq!(
        computed.round_dp(2),
        Decimal::new(6003, 2),
        "6.003 tn / 100 bn = 60.03, not 600"
    );
    assert!(
        kiep[1].parts[2].verdict.holds(),
        "KIEP's base of 10 bn gives 600.3"
    );
    let kostat = claims(&view("kostat-revised"));
    assert!(
        kostat[1].parts[1].verdict.fails(),
        "KOSTAT has a 2019 surplus"
    );
    assert!(
        matches!(
            &kostat[1].parts[2].verdict,
            Verdict::Unchecked {
                reason: Unchecked::Undefined(_),
                ..
            }
        ),
        "no fold across a change of sign: {:?}",
        kostat[1].parts[2].verdict
    );
}

#[test]
fn c6_says_why_it_is_unchecked() {
    let c6 = &claims(&Scenario::default())[5];
    let Verdict::Unchecked { reason, missing } = &c6.verdict else {
        panic!("C6 is context")
    };
    assert!(missing.is_empty(), "nothing missing, nothing to check");
    assert!(
        reason.message(Lang::En).contains("context"),
        "{}",
        reason.message(Lang::En)
    );
}

#[test]
fn missing_figures_are_listed_for_the_reader() {
    // (KOSTAT's 2020 sales to China are now chained from its published changes: KCCI has none.)
    let c5 = &claims(&view("kcci"))[4];
    let Verdict::Unchecked { missing, .. } = &c5.parts[0].verdict else {
        panic!("no 2020 sales to China in KCCI")
    };
    assert_eq!(
        missing.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["sales.china[2020]"],
        "the cell a reader could fill"
    );
}

#[test]
fn edits_and_fill_rules_flip_verdicts() {
    let edit = |base: Scenario, at: &str, value: Decimal| {
        let mut s = base;
        s.set_edit(cell(at), value).expect("valid edit");
        s
    };
    let chained = {
        let mut s = view("kostat-revised");
        s.fills
            .insert("sales.china".parse().expect("key"), FillRule::ChainGrowth);
        s
    };
    // (what, scenario, claim index, expected summary of that claim)
    let cases: Vec<(&str, Scenario, usize, &str)> = vec![
        (
            "C3 fails when 2023 purchases from China are 4 tn",
            edit(Scenario::default(), "purchases.china[2023]", tn("4")),
            2,
            "F:FFH",
        ),
        (
            "C4 holds in KOSTAT once China's 2022 figure tops the US",
            edit(view("kostat-first"), "purchases.china[2022]", tn("2.1")),
            3,
            "H:H",
        ),
        (
            "C4 fails in KIEP when the US figure is raised",
            edit(Scenario::default(), "purchases.us[2022]", tn("2.2")),
            3,
            "F:F",
        ),
        (
            "C2 premise fails in KIEP with a 2019 surplus",
            edit(Scenario::default(), "balance.all[2019]", tn("1")),
            1,
            "F:FFU",
        ),
        (
            "C5 fails in KIEP when 2023 sales to China are 2 tn",
            edit(Scenario::default(), "sales.china[2023]", tn("2")),
            4,
            "F:HFFU",
        ),
        (
            "C5 in KOSTAT with growth chained from KOSIS rates",
            chained.clone(),
            4,
            "F:HFHH",
        ),
        (
            "C1 holds in KOSTAT if the 2023 balance is KIEP's",
            edit(
                edit(view("kostat-revised"), "balance.all[2023]", tn("-6.003")),
                "balance.all[2019]",
                tn("-0.01"),
            ),
            0,
            "F:HF",
        ),
    ];
    for (what, s, claim, want) in cases {
        let c = &claims(&s)[claim];
        let got = format!(
            "{}:{}",
            letter(&c.verdict),
            c.parts
                .iter()
                .map(|p| letter(&p.verdict))
                .collect::<String>()
        );
        assert_eq!(got, want, "{what}");
    }
}

#[test]
fn each_part_exposes_its_formula_and_the_cells_it_read() {
    let part = &data().claims()[2].parts[1];
    assert_eq!(
        part.formula(),
        "pct_change(purchases.china[2022], purchases.china[2023]) ≈ stated.purchases.china.yoy[2023]",
        "formula"
    );
    let refs: Vec<String> = part.refs().iter().map(ToString::to_string).collect();
    assert_eq!(
        refs,
        [
            "purchases.china[2022]",
            "purchases.china[2023]",
            "stated.purchases.china.yoy[2023]"
        ],
        "refs"
    );
    assert!(
        part.refs()
            .iter()
            .filter_map(|r| r.view_cell())
            .all(|c| c.year >= 2022),
        "view cells to link"
    );
}
