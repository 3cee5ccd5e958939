//! The story's claims C1–C7 under each source view, edits that flip them, who each side of a
//! comparison speaks for, and the story then and now.

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
    // C1 parts: won, usd. C2: premise (the 2019 base), own arithmetic, deficit in 2019, fold.
    // C3: level, growth, implied 2022. C4: overtook. C5: 2020 level, 2023 level, drop, peak
    // (optional). C6 and C7: context, no parts.
    let cases = [
        // KIEP: C2's premise fails (its 2019 is -10 bn, the story's -100 bn) while the fold from
        // KIEP's own base holds (600.3); C5's 2023 level fails now that 1.056 must round to 1.05
        // like every other level (it rounds to 1.06).
        ("kiep-2025-07-02", "F:HF F:FFHH H:HHH H:H F:HFHU U: U:"),
        ("kostat-first", "F:FF F:FFFU F:FFF F:F U:UUUU U: U:"),
        // The restructured series has the 3.2273 tn of 2023 and its +53.2 %, so its own 2022 is
        // 3.2273 ÷ 1.532 = 2.1066 tn (KIEP prints 2.107), not the first release's 1.4858: C3 holds
        // (level and growth), and C4 too (2.1066 against the US's 2.0046, the first release
        // standing in; KIEP's own 1.999 would give the same).
        ("kostat-revised", "F:FF F:FFFU H:HHH H:H U:UUUU U: U:"),
        ("kostat-rebased", "F:FF F:FFFU F:HFF F:F U:UUUU U: U:"),
        // Chained from the 2019 level by the published changes: 2020 ₩5.23 tn (the peak, 5.2
        // holds), 2023 ₩1.07 tn (1.05 does not round to it), a drop of 79.4 % (about 80 % holds).
        ("kosis-later", "U:UU F:UFUU U:UUU U:U F:HFHH U: U:"),
        // FKI printed about 3.3 tn with +121.2 %: its 2022 is 3.3 ÷ 2.212 = 1.49 tn, so the
        // story's 53.2 % and the 2.108 tn it implies both fail against FKI.
        ("fki-2024-06-17", "F:FF F:UFUU F:FFF U:U U:UUUU U: U:"),
        ("kcs", "U:UU F:UFUU U:UUU U:U U:UUUU U: U:"),
        ("kcci", "F:FF F:UFUU U:UUU U:U U:UUUU U: U:"),
        ("herald-2024-06-21", "F:FF F:FFHF U:UUU U:U U:UUUU U: U:"),
        // The story's own figures still compute through an old link, though no picker offers them.
        // Its 3.23 tn with +53.2 % give its own 2022, 2.108 tn: C3 is consistent with itself.
        ("alphabiz-2025-07-03", "F:HF F:HFHF H:HHH U:U H:HHHU U: U:"),
    ];
    for (id, want) in cases {
        assert_eq!(summary(&view(id)), want, "claims in view {id}");
    }
}

#[test]
fn c1_turns_on_the_exchange_rate() {
    let mut s = view("kiep-2025-07-02");
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
fn c2_fails_on_its_premise_and_its_arithmetic_and_on_a_surplus() {
    let kiep = claims(&view("kiep-2025-07-02"));
    let Verdict::Fails {
        computed, expected, ..
    } = &kiep[1].parts[0].verdict
    else {
        panic!("premise")
    };
    assert_eq!(
        (*computed, *expected),
        (
            Decimal::from(-10_000_000_000_i64),
            Decimal::from(-100_000_000_000_i64)
        ),
        "KIEP's 100억 is 10 bn; the story's base is ten times it"
    );
    let Verdict::Fails { computed, .. } = &kiep[1].parts[1].verdict else {
        panic!("own arithmetic")
    };
    assert_eq!(
        computed.round_dp(2),
        Decimal::new(6003, 2),
        "6.003 tn / 100 bn = 60.03, not 600"
    );
    assert!(
        kiep[1].parts[3].verdict.holds(),
        "KIEP's base of 10 bn gives 600.3"
    );
    let kostat = claims(&view("kostat-revised"));
    assert!(
        kostat[1].parts[2].verdict.fails(),
        "KOSTAT has a 2019 surplus"
    );
    assert!(
        matches!(
            &kostat[1].parts[3].verdict,
            Verdict::Unchecked {
                reason: Unchecked::Undefined(_),
                ..
            }
        ),
        "no fold across a change of sign: {:?}",
        kostat[1].parts[3].verdict
    );
}

#[test]
fn c6_says_why_it_is_unchecked() {
    let c6 = &claims(&view("kiep-2025-07-02"))[5];
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
        let mut s = view("kosis-later");
        s.fills
            .insert("sales.china".parse().expect("key"), FillRule::ChainGrowth);
        s
    };
    // (what, scenario, claim index, expected summary of that claim)
    let cases: Vec<(&str, Scenario, usize, &str)> = vec![
        (
            "C3 fails when 2023 purchases from China are 4 tn",
            edit(view("kiep-2025-07-02"), "purchases.china[2023]", tn("4")),
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
            edit(view("kiep-2025-07-02"), "purchases.us[2022]", tn("2.2")),
            3,
            "F:F",
        ),
        (
            "C2 fails in KIEP with a 2019 surplus",
            edit(view("kiep-2025-07-02"), "balance.all[2019]", tn("1")),
            1,
            "F:FFFU",
        ),
        (
            "C5 fails in KIEP when 2023 sales to China are 2 tn",
            edit(view("kiep-2025-07-02"), "sales.china[2023]", tn("2")),
            4,
            "F:HFFU",
        ),
        (
            "C5 in the KOSIS view with growth chained from its published rates",
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

#[test]
fn c7_is_unchecked_with_its_reason() {
    let c7 = &claims(&view("kostat-rebased"))[6];
    assert_eq!(data().claims()[6].id, "C7");
    let Verdict::Unchecked { reason, .. } = &c7.verdict else {
        panic!("C7 cannot be checked")
    };
    assert!(
        reason.message(Lang::En).contains("world market"),
        "{}",
        reason.message(Lang::En)
    );
    assert!(
        reason.message(Lang::Ko).contains("세계 시장"),
        "{}",
        reason.message(Lang::Ko)
    );
}

/// "The story says" only for the story's own figures; a source's figure is the view's.
#[test]
fn each_side_of_a_part_says_whose_figure_it_is() {
    use jikgu::core::Side;
    let part = |claim: usize, id: &str| {
        data().claims()[claim]
            .parts
            .iter()
            .find(|p| p.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let cases = [
        ("C1 won", part(0, "won"), Side::View, Side::Story),
        ("C2 premise", part(1, "premise"), Side::View, Side::Story),
        (
            "C2 own arithmetic",
            part(1, "own-arithmetic"),
            Side::Story,
            Side::Story,
        ),
        (
            "C2 deficit in 2019",
            part(1, "deficit-2019"),
            Side::View,
            Side::Threshold,
        ),
        (
            "C3 implied 2022",
            part(2, "implied-2022"),
            Side::Story,
            Side::View,
        ),
        (
            "C4 overtook: both the source's",
            part(3, "overtook"),
            Side::View,
            Side::View,
        ),
        ("C5 drop", part(4, "drop"), Side::View, Side::Story),
    ];
    for (what, p, check, expect) in cases {
        assert_eq!((p.check_side(), p.expect_side()), (check, expect), "{what}");
    }
}

/// Each part says its check in words, and a verdict resting on a stand-in says which figures.
#[test]
fn parts_speak_in_words_and_name_their_stand_ins() {
    let s = view("kiep-2025-07-02");
    let out = compute(data(), &s);
    let drop = &data().claims()[4].parts[2];
    assert_eq!(
        drop.say(Lang::En, &out.claims[4].parts[2].verdict, &out.table)
            .as_deref(),
        Some(
            "₩5.201 trillion in 2020 to ₩1.056 trillion in 2023 is a drop of 79.7%; the story says nearly 80 %."
        ),
        "C5's drop in words"
    );
    let rebased = compute(data(), &view("kostat-rebased"));
    let growth = &data().claims()[2].parts[1];
    assert_eq!(
        growth
            .stand_ins(&rebased.table)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["purchases.china[2022]", "purchases.china[2023]"],
        "C3's growth on today's view rests on older releases"
    );
    let won = &data().claims()[0].parts[0];
    assert_eq!(
        won.stand_ins(&rebased.table)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["purchases.all[2023]"],
        "C1's 2023 balance is derived from current-basis sales and stand-in purchases"
    );
    assert!(
        won.stand_ins(&out.table).is_empty(),
        "KIEP's own balance stands in for nothing"
    );
}

/// The story then (the official series as published by 2025-07-03: the 2024 restructuring) and
/// now (the 2025 re-basing, through 2025), every verdict worked out by hand.
#[test]
fn then_and_now_verdicts_worked_out_by_hand() {
    use jikgu::core::ThenAndNow;
    let both = ThenAndNow::of(data()).expect("the data names a then view");
    assert_eq!(both.date, "2025-07-03");
    assert_eq!(data().views()[both.then.view].id, "kostat-revised");
    assert_eq!(data().views()[both.now.view].id, "kostat-rebased");
    let letters = |c: &jikgu::core::Computed| {
        c.claims
            .iter()
            .map(|r| letter(&r.verdict))
            .collect::<String>()
    };
    // C1 then: the restructured 2023 balance, published, is -4.985 tn; |-4.985 - (-6.003)| = 1.018
    //    > 0.0005: fails. Now: re-based sales 2.3989 - purchases 6.6819 (restructured, standing in)
    //    = -4.283 tn: fails.
    // C2 then: premise: 2019 is +2.3686 tn against the story's -0.1 tn: fails (and a surplus, so
    //    "deficit in 2019" fails and the fold is undefined). Now: 2019 derived from the first
    //    release standing in, 5.9995 - 3.6360 = +2.3635 tn: fails the same way.
    // C3 then: level 3.2273 rounds to 3.23: holds; the restructuring printed +53.2 % with it, so
    //    its 2022 is 3.2273 ÷ 1.532 = 2.1066 tn (taken back from 2023, marked derived): growth
    //    53.2 holds. Now: 2022 and 2023 stand in from older releases (1.4858 first release, then
    //    3.2273): +117.2 %, fails.
    // C4 then: 2022 China 2.1066 (as above) > US 2.0046 (first release, standing in): holds.
    //    Now: China 1.4858 < US 2.0046, both standing in: fails.
    // C5 then and now: no level of sales to China after 2019 in KOSTAT's series (growth rates
    //    only): unchecked.
    // C6, C7: context, unchecked.
    assert_eq!(letters(&both.then), "FFHHUUU", "then");
    assert_eq!(letters(&both.now), "FFFFUUU", "now");
    let tn = |s: &str| tn(s);
    assert_eq!(
        both.then.table.value(cell("balance.all[2023]")),
        Some(tn("-4.985")),
        "then: the restructured 2023 balance"
    );
    assert_eq!(
        both.now.table.value(cell("balance.all[2023]")),
        Some(tn("-4.283")),
        "now: 2.3989 - 6.6819"
    );
    assert_eq!(
        both.now.table.value(cell("balance.all[2025]")),
        Some(tn("-5.4846")),
        "now: 2025, 3.0234 - 8.508"
    );
    for lang in [Lang::Ko, Lang::En] {
        for i in 0..data().claims().len() {
            let sentence = both
                .sentence(data(), i, lang)
                .expect("a sentence per claim");
            assert!(
                !sentence.contains("(none)") && !sentence.contains("(없음)"),
                "{lang:?} C{}: {sentence}",
                i + 1
            );
        }
    }
    assert_eq!(
        both.sentence(data(), 0, Lang::En).as_deref(),
        Some(
            "The 2023 deficit the story reports, 6.003 trillion won (KIEP), was −₩4.985 trillion in the \
             official series of the story's day and is −₩4.283 trillion on today's basis (2023 sales \
             re-based, purchases standing in from the older basis). The 2025 balance is −₩5.485 trillion."
        )
    );
}
