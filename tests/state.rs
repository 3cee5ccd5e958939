//! The reducer: every action the reader can take, checked on the embedded data without a browser.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::rc::Rc;

use jikgu::core::{
    BreakEven, CellRef, Dataset, Decimal, DisplayUnit, Flow, FxMode, Growth, Lang, Partner, Seek,
    SeekOutcome, SeriesKey,
};
use jikgu::state::{Action, AppState, Field, FieldError, GrowthMode, Theme};
use jikgu::web::query::start_options;

fn fresh() -> AppState {
    AppState::new(
        Rc::new(Dataset::embedded().expect("embedded data").clone()),
        Lang::En,
    )
}

/// The shipped data opening on KIEP's 2023 figures, as it did before the page opened on today's
/// official series: the tests of checks against the story's own source read it.
fn fresh_on_kiep() -> AppState {
    let text = jikgu::core::EMBEDDED_TEXT.replacen(
        "default_view = \"kostat-rebased\"",
        "default_view = \"kiep-2025-07-02\"\ndefault_year = 2023",
        1,
    );
    AppState::new(
        Rc::new(Dataset::parse(&text).expect("KIEP as the default")),
        Lang::En,
    )
}

fn cell(flow: Flow, partner: Partner, year: i32) -> CellRef {
    SeriesKey::won(flow, partner).at(year)
}

fn verdict_of(state: &AppState, id: &str) -> String {
    let claims = state.dataset.claims();
    let result = state
        .computed
        .claims
        .iter()
        .find(|r| claims[r.claim].id == id)
        .expect("claim");
    result.verdict.label(Lang::En).to_string()
}

#[test]
fn a_valid_edit_recomputes_and_can_be_undone_and_redone() {
    let china_2023 = cell(Flow::Purchases, Partner::China, 2023);
    let before = fresh_on_kiep();
    assert_eq!(
        verdict_of(&before, "C3"),
        "holds",
        "C3 holds on KIEP's figures"
    );

    let edited = before.clone().apply(Action::EditCell {
        cell: china_2023,
        text: "4조".into(),
    });
    assert_eq!(
        edited
            .scenario
            .edits
            .get(&china_2023)
            .map(|v| v.to_string()),
        Some("4000000000000".into())
    );
    assert_eq!(
        verdict_of(&edited, "C3"),
        "fails",
        "3.23 tn no longer matches 4 tn"
    );
    assert!(edited.can_undo() && !edited.can_redo());

    let undone = edited.clone().apply(Action::Undo);
    assert_eq!(
        undone.scenario, before.scenario,
        "undo restores the published defaults"
    );
    assert_eq!(
        undone.computed, before.computed,
        "and everything computed from them"
    );
    let redone = undone.apply(Action::Redo);
    assert_eq!(
        redone.scenario, edited.scenario,
        "redo brings the edit back"
    );
}

#[test]
fn invalid_input_keeps_the_last_valid_value_and_says_why() {
    let china_2023 = cell(Flow::Purchases, Partner::China, 2023);
    let before = fresh();
    let cases = [
        ("abc", "letters"),
        ("-5", "a negative purchase"),
        ("1e400", "an exponent"),
        ("", "nothing"),
        ("$4", "dollars in a won cell"),
    ];
    for (text, what) in cases {
        let after = before.clone().apply(Action::EditCell {
            cell: china_2023,
            text: text.into(),
        });
        assert_eq!(
            after.scenario, before.scenario,
            "{what}: the scenario is untouched"
        );
        let draft = after
            .drafts
            .get(&Field::Cell(china_2023))
            .unwrap_or_else(|| panic!("{what}: a draft is kept"));
        assert_eq!(draft.text, text, "{what}: the typed text is kept");
        let message = draft.error.message(Lang::Ko);
        assert!(
            !message.is_empty() && message != draft.error.message(Lang::En),
            "{what}: localised message {message:?}"
        );
        if text == "-5" {
            assert!(
                matches!(draft.error, FieldError::Edit(_)),
                "a negative purchase parses but is refused"
            );
        }
    }
}

#[test]
fn resets_and_view_changes() {
    let a = cell(Flow::Purchases, Partner::China, 2022);
    let state = fresh()
        .apply(Action::EditCell {
            cell: a,
            text: "3".into(),
        })
        .apply(Action::EditCell {
            cell: a,
            text: "x".into(),
        });
    assert!(
        state.drafts.contains_key(&Field::Cell(a)),
        "the bad text is a draft"
    );
    let reset = state.clone().apply(Action::ResetCell(a));
    assert!(
        reset.scenario.edits.is_empty() && reset.drafts.is_empty(),
        "reset clears the edit and the draft"
    );

    let kostat = fresh().apply(Action::ChooseView("kostat-first".into()));
    assert_eq!(
        verdict_of(&kostat, "C4"),
        "fails",
        "KOSTAT's first release had the US ahead in 2022"
    );
    let back = kostat.apply(Action::ResetAll);
    assert_eq!(
        back.scenario,
        fresh().scenario,
        "reset all returns to the defaults"
    );
}

#[test]
fn unchanged_state_is_the_same_rc() {
    use yew::Reducible;
    let state = Rc::new(fresh());
    let same = state.clone().reduce(Action::SetLang(Lang::En));
    assert!(Rc::ptr_eq(&state, &same), "no change, no re-render");
    let undo_nothing = state.clone().reduce(Action::Undo);
    assert!(
        Rc::ptr_eq(&state, &undo_nothing),
        "nothing to undo, no re-render"
    );
    let changed = state.clone().reduce(Action::SetLang(Lang::Ko));
    assert!(!Rc::ptr_eq(&state, &changed), "a change re-renders");
}

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect(s)
}

fn edit(state: AppState, field: Field, text: &str) -> AppState {
    state.apply(Action::EditField {
        field,
        text: text.into(),
    })
}

/// Bad text in `field` leaves the scenario as it was, keeps the text and says why in both languages.
fn assert_refused(before: &AppState, field: Field, cases: &[(&str, &str)]) {
    for (text, what) in cases {
        let after = edit(before.clone(), field, text);
        assert_eq!(
            after.scenario, before.scenario,
            "{field:?} {what}: the last valid value stays in force"
        );
        assert_eq!(
            after.computed, before.computed,
            "{field:?} {what}: nothing is recomputed"
        );
        let draft = after
            .draft(field)
            .unwrap_or_else(|| panic!("{field:?} {what}: a draft is kept"));
        assert_eq!(draft.text, *text, "{field:?} {what}: the text is kept");
        let (ko, en) = (draft.error.message(Lang::Ko), draft.error.message(Lang::En));
        assert!(
            !ko.is_empty() && ko != en,
            "{field:?} {what}: localised message {ko:?} / {en:?}"
        );
    }
}

#[test]
fn headline_partner_and_unit_are_chosen() {
    let state = fresh().apply(Action::ChoosePartner(Partner::China));
    assert_eq!(
        state.computed.headline.series,
        SeriesKey::won(Flow::Balance, Partner::China),
        "the headline follows the partner"
    );
    assert_eq!(state.scenario.partner, Some(Partner::China));
    let usd = state.apply(Action::SetUnit(DisplayUnit::Usd));
    assert_eq!(usd.computed.headline.unit, DisplayUnit::Usd, "in dollars");
    assert!(
        usd.computed.headline.rate.is_some(),
        "with the rate it used"
    );
    let back = usd
        .apply(Action::ChoosePartner(Partner::All))
        .apply(Action::SetUnit(DisplayUnit::Won));
    assert_eq!(
        *back.scenario,
        fresh().scenario.as_ref().clone(),
        "choosing the defaults again stores nothing"
    );
    assert_eq!(back.past.len(), 4, "each choice is a step of undo");
}

#[test]
fn the_fixed_rate_takes_valid_text_and_keeps_bad_text_as_a_draft() {
    let fixed = fresh().apply(Action::UseFixedRate);
    assert!(
        matches!(fixed.scenario.fx, FxMode::Fixed(_)),
        "switching to one rate starts from the headline year's average"
    );
    let state = edit(fixed, Field::FixedRate, "1,400원/달러");
    assert_eq!(state.scenario.fx, FxMode::Fixed(d("1400")), "typed rate");
    assert_refused(
        &state,
        Field::FixedRate,
        &[
            ("abc", "letters"),
            ("0", "zero"),
            ("-1300", "a negative rate"),
            ("$1400", "dollars"),
            ("", "nothing"),
        ],
    );
    let drafted = edit(state.clone(), Field::FixedRate, "abc");
    let averages = drafted.apply(Action::UseAverageRates);
    assert_eq!(averages.scenario.fx, FxMode::Average, "back to averages");
    assert!(
        averages.draft(Field::FixedRate).is_none(),
        "the refused text goes with the fixed rate"
    );
    let again = averages.apply(Action::UseFixedRate);
    assert_eq!(
        again.scenario.fx,
        FxMode::Fixed(d("1400")),
        "the last fixed rate is remembered"
    );
}

#[test]
fn the_horizon_moves_the_projection_and_refuses_years_out_of_range() {
    let state = edit(fresh(), Field::Horizon, "2035");
    assert_eq!(state.scenario.horizon, Some(2035), "horizon");
    assert_eq!(state.computed.table.last_year, 2035, "projected to 2035");
    assert_refused(
        &state,
        Field::Horizon,
        &[
            ("2041", "after 2040"),
            ("2024", "before 2025"),
            ("2030.5", "half a year"),
            ("next year", "words"),
        ],
    );
    let default = edit(state, Field::Horizon, "2030");
    assert_eq!(
        default.scenario.horizon, None,
        "the default horizon is not stored"
    );
}

#[test]
fn growth_assumptions_change_the_break_even_year() {
    let sales = SeriesKey::won(Flow::Sales, Partner::All);
    let purchases = SeriesKey::won(Flow::Purchases, Partner::All);
    let base = fresh().apply(Action::ChooseView("kostat-revised".into()));
    let state = edit(base, Field::GrowthRate(purchases), "0");
    let state = edit(state, Field::GrowthRate(sales), "30%");
    assert_eq!(
        state.scenario.growth.get(&sales),
        Some(&Growth::Fixed(d("30"))),
        "typed growth"
    );
    assert!(
        matches!(
            state.computed.break_even,
            BreakEven::Year { year: 2030, .. }
        ),
        "sales growing 30% a year against flat purchases catch up in 2030: {:?}",
        state.computed.break_even
    );
    assert_refused(
        &state,
        Field::GrowthRate(sales),
        &[
            ("2000", "beyond 1,000%"),
            ("-100", "below -99%"),
            ("thirty", "words"),
            ("30조", "a scale word"),
        ],
    );
    let slower = edit(state.clone(), Field::GrowthRate(sales), "5");
    assert!(
        matches!(
            slower.computed.break_even,
            BreakEven::NotWithinHorizon { horizon: 2030 }
        ),
        "at 5% a year the deficit does not close by 2030: {:?}",
        slower.computed.break_even
    );

    let cagr = state.clone().apply(Action::SetGrowthMode {
        series: sales,
        mode: GrowthMode::Cagr,
    });
    let Some(Growth::Cagr { from, to }) = cagr.scenario.growth.get(&sales).copied() else {
        panic!("a CAGR window: {:?}", cagr.scenario.growth)
    };
    assert!(from < to, "a window of years");
    let narrowed = cagr.apply(Action::SetGrowthWindow {
        series: sales,
        from: 2021,
        to: 2024,
    });
    assert_eq!(
        narrowed.scenario.growth.get(&sales),
        Some(&Growth::Cagr {
            from: 2021,
            to: 2024
        }),
        "the window is chosen"
    );
    let backwards = narrowed.clone().apply(Action::SetGrowthWindow {
        series: sales,
        from: 2024,
        to: 2021,
    });
    assert_eq!(
        backwards.scenario, narrowed.scenario,
        "a window that ends before it starts is refused"
    );
    let linear = narrowed.apply(Action::SetGrowthMode {
        series: sales,
        mode: GrowthMode::Linear,
    });
    assert_eq!(
        linear.scenario.growth.get(&sales),
        Some(&Growth::Linear {
            from: 2021,
            to: 2024
        }),
        "the trend keeps the window"
    );
    let fixed = linear.apply(Action::SetGrowthMode {
        series: sales,
        mode: GrowthMode::Fixed,
    });
    assert!(
        matches!(fixed.scenario.growth.get(&sales), Some(Growth::Fixed(_))),
        "back to a fixed rate"
    );
    let flat = fixed.clone().apply(Action::SetGrowthMode {
        series: sales,
        mode: GrowthMode::Flat,
    });
    assert_eq!(
        flat.scenario.growth.get(&sales),
        Some(&Growth::Flat),
        "the last value held"
    );
    let last = flat.computed.table.last_published_year;
    assert_eq!(
        flat.computed.table.value(sales.at(last + 3)),
        flat.computed.table.value(sales.at(last)),
        "held flat"
    );
    let damped = flat.apply(Action::SetGrowthMode {
        series: sales,
        mode: GrowthMode::Damped,
    });
    assert_eq!(
        damped.scenario.growth.get(&sales),
        Some(&Growth::Damped),
        "the damped trend, chosen"
    );
    let reset = fixed.apply(Action::ResetGrowth(sales));
    assert!(
        !reset.scenario.growth.contains_key(&sales),
        "reset drops the assumption"
    );
}

#[test]
fn goal_seeks_answer_and_their_targets_are_fields() {
    let rate_seek = Seek::Rate {
        partner: Partner::All,
        year: 2023,
        target: d("-4300000000"),
    };
    let state = fresh_on_kiep().apply(Action::SetSeek(Some(rate_seek)));
    let Some(SeekOutcome::Solved { value, .. }) = state.computed.seek.clone() else {
        panic!("solved: {:?}", state.computed.seek)
    };
    assert_eq!(value.round_dp(1), d("1396.0"), "the story's implied rate");

    let target = edit(state.clone(), Field::SeekTarget, "-5");
    assert_eq!(
        target.scenario.seek,
        Some(Seek::Rate {
            partner: Partner::All,
            year: 2023,
            target: d("-5000000000")
        }),
        "a bare target is in billions of dollars"
    );
    assert_refused(
        &target,
        Field::SeekTarget,
        &[("five", "words"), ("5%", "a percentage")],
    );
    let surplus = edit(target.clone(), Field::SeekTarget, "4.3");
    assert!(
        matches!(surplus.computed.seek, Some(SeekOutcome::NoSolution { .. })),
        "a deficit never equals a surplus"
    );

    let applied = state.apply(Action::ApplySeek);
    assert_eq!(
        applied.scenario.fx,
        FxMode::Fixed(d("1396")),
        "the answer becomes the fixed rate"
    );
    assert_eq!(applied.fixed_rate, d("1396"), "and is remembered");

    let sales_china = SeriesKey::won(Flow::Sales, Partner::China);
    let growth = fresh_on_kiep().apply(Action::SetSeek(Some(Seek::Growth {
        series: sales_china,
        year: 2030,
        target: Decimal::ZERO,
    })));
    assert!(
        matches!(growth.computed.seek, Some(SeekOutcome::Solved { .. })),
        "the growth of sales to China that closes the gap: {:?}",
        growth.computed.seek
    );
    let drafted = edit(growth, Field::SeekTarget, "nope");
    let switched = drafted.apply(Action::SetSeek(Some(rate_seek)));
    assert!(
        switched.draft(Field::SeekTarget).is_none(),
        "a target typed for another question is dropped"
    );
    let applied = switched
        .apply(Action::SetSeek(Some(Seek::Growth {
            series: sales_china,
            year: 2030,
            target: Decimal::ZERO,
        })))
        .apply(Action::ApplySeek);
    let Some(Growth::Fixed(rate)) = applied.scenario.growth.get(&sales_china).copied() else {
        panic!(
            "the solved growth is applied: {:?}",
            applied.scenario.growth
        )
    };
    assert!(
        rate > Decimal::ZERO,
        "sales to China must grow to catch up: {rate}"
    );
}

#[test]
fn undo_steps_back_through_assumption_changes() {
    let start = fresh();
    let sales = SeriesKey::won(Flow::Sales, Partner::China);
    let state = start
        .clone()
        .apply(Action::UseFixedRate)
        .apply(Action::EditField {
            field: Field::FixedRate,
            text: "1500".into(),
        })
        .apply(Action::EditField {
            field: Field::Horizon,
            text: "2040".into(),
        })
        .apply(Action::EditField {
            field: Field::GrowthRate(sales),
            text: "12.5".into(),
        });
    assert_eq!(state.past.len(), 4, "four steps");
    let one = state.clone().apply(Action::Undo);
    assert!(
        !one.scenario.growth.contains_key(&sales),
        "undo removes the growth"
    );
    assert_eq!(one.scenario.horizon, Some(2040), "and only that");
    let all = one
        .apply(Action::Undo)
        .apply(Action::Undo)
        .apply(Action::Undo);
    assert_eq!(all.scenario, start.scenario, "back to the published data");
    let redone = all.apply(Action::Redo).apply(Action::Redo);
    assert_eq!(
        redone.scenario.fx,
        FxMode::Fixed(d("1500")),
        "redo brings the rate back"
    );
}

#[test]
fn a_run_of_slider_moves_is_one_step_of_undo() {
    let start = fresh();
    let slide = |state: AppState, text: &str| {
        state.apply(Action::Slide {
            field: Field::Horizon,
            text: text.into(),
        })
    };
    let state = slide(slide(slide(start.clone(), "2031"), "2032"), "2033");
    assert_eq!(
        state.scenario.horizon,
        Some(2033),
        "the last position holds"
    );
    assert_eq!(state.past.len(), 1, "one step for the whole drag");
    assert_eq!(
        state.clone().apply(Action::Undo).scenario,
        start.scenario,
        "undo returns to before the drag"
    );
    let typed = edit(state, Field::Horizon, "2036");
    let again = slide(typed, "2037");
    assert_eq!(again.past.len(), 3, "a new drag after typing is a new step");
}

#[test]
fn theme_is_a_preference_outside_the_history() {
    let state = fresh();
    assert!(!state.dark(), "light by default on a light system");
    let system_dark = state.clone().apply(Action::SetSystemDark(true));
    assert!(system_dark.dark(), "the system theme is followed");
    let light = system_dark.apply(Action::SetTheme(Theme::Light));
    assert!(!light.dark(), "the reader's choice wins");
    let dark = light.apply(Action::SetTheme(Theme::Dark));
    assert!(dark.dark() && dark.theme == Theme::Dark, "dark");
    assert!(
        !dark.can_undo(),
        "theme changes are not undone with figures"
    );
}

#[test]
fn a_loaded_data_file_replaces_the_data_and_a_bad_one_changes_nothing() {
    use jikgu::core::EMBEDDED_TEXT;
    let edited = fresh().apply(Action::EditCell {
        cell: cell(Flow::Purchases, Partner::China, 2023),
        text: "4".into(),
    });

    // The same schema with one figure changed: 2025 purchases (current basis) as 10조234억, so the
    // 2025 deficit is 3조234억 − 10조234억 = 7 trillion.
    let other = EMBEDDED_TEXT.replacen(
        "vintage = \"rebased\", flow = \"purchases\", year = 2025, value = \"85080\"",
        "vintage = \"rebased\", flow = \"purchases\", year = 2025, value = \"100234\"",
        1,
    );
    assert_ne!(other, EMBEDDED_TEXT, "the test changes a figure");
    let loaded = edited.clone().apply(Action::LoadDataset {
        name: "other.toml".into(),
        text: other,
    });
    assert_eq!(
        loaded.data_file.loaded.as_deref(),
        Some("other.toml"),
        "says which file is in use"
    );
    assert!(
        loaded.scenario.edits.is_empty() && !loaded.can_undo(),
        "edits of the old data do not carry over"
    );
    assert_eq!(
        loaded.computed.headline.won.map(|v| v.to_string()),
        Some("-7000000000000".into()),
        "the headline reads the loaded file"
    );

    let refused = loaded.clone().apply(Action::LoadDataset {
        name: "broken.toml".into(),
        text: "schema = 1\n[[source]\n".into(),
    });
    assert_eq!(
        refused.dataset, loaded.dataset,
        "a refused file leaves the data as it was"
    );
    assert_eq!(refused.scenario, loaded.scenario, "and the scenario");
    let (name, error) = refused
        .data_file
        .refused
        .clone()
        .expect("the refusal is reported");
    assert_eq!(name, "broken.toml");
    assert!(!error.to_string().is_empty(), "with the parser's reason");

    let back = refused.apply(Action::UseEmbeddedDataset(Rc::new(
        Dataset::embedded().expect("embedded").clone(),
    )));
    assert_eq!(back.data_file.loaded, None, "back to the built-in data");
    assert_eq!(
        back.computed,
        fresh().computed,
        "with its published figures"
    );
}

#[test]
fn scenarios_are_saved_opened_compared_and_deleted_by_name() {
    let china = cell(Flow::Purchases, Partner::China, 2023);
    let edited = fresh().apply(Action::EditCell {
        cell: china,
        text: "4".into(),
    });
    let saved = edited
        .clone()
        .apply(Action::SaveScenario("  four trillion  ".into()));
    assert_eq!(saved.saved.len(), 1, "saved once");
    assert_eq!(saved.saved[0].name, "four trillion", "names are trimmed");
    assert_eq!(
        *saved.saved[0].scenario, *edited.scenario,
        "it keeps the scenario as it was"
    );
    assert_eq!(
        saved
            .clone()
            .apply(Action::SaveScenario("   ".into()))
            .saved
            .len(),
        1,
        "a blank name saves nothing"
    );
    let long = saved.clone().apply(Action::SaveScenario("x".repeat(500)));
    assert_eq!(
        long.saved[1].name.chars().count(),
        jikgu::state::MAX_SCENARIO_NAME,
        "long names are cut"
    );

    let reset = saved.apply(Action::ResetAll);
    assert!(reset.scenario.edits.is_empty());
    let comparing = reset
        .clone()
        .apply(Action::CompareWith(Some("four trillion".into())));
    assert_eq!(
        comparing.compared().map(|s| s.name.as_str()),
        Some("four trillion")
    );
    assert_eq!(
        reset
            .clone()
            .apply(Action::CompareWith(Some("nope".into())))
            .compare,
        None,
        "only saved names compare"
    );

    let opened = comparing.apply(Action::OpenScenario("four trillion".into()));
    assert_eq!(
        opened.scenario.edits.len(),
        1,
        "opening brings its edits back"
    );
    let undone = opened.clone().apply(Action::Undo);
    assert!(undone.scenario.edits.is_empty(), "opening is undoable");

    let deleted = opened.apply(Action::DeleteScenario("four trillion".into()));
    assert!(
        deleted.saved.is_empty() && deleted.compare.is_none(),
        "deleting also stops comparing with it"
    );
}

#[test]
fn a_restored_session_brings_back_work_for_this_dataset_only() {
    use jikgu::core::Scenario;
    use jikgu::state::{Notice, SavedScenario, Session};
    let mut mine = Scenario::default();
    mine.edits.insert(
        cell(Flow::Balance, Partner::All, 2025),
        "-8000000000000".parse().expect("decimal"),
    );
    let mut foreign = mine.clone();
    foreign.dataset = Some("another-story".into());
    let saved = vec![
        SavedScenario {
            name: "mine".into(),
            scenario: Rc::new(mine.clone()),
        },
        SavedScenario {
            name: "foreign".into(),
            scenario: Rc::new(foreign.clone()),
        },
    ];
    let state = fresh();
    assert!(!state.restored, "nothing is written before storage is read");
    let restored = state.apply(Action::RestoreSession(Session {
        lang: None,
        current: Some(mine.clone()),
        saved,
        notice: None,
    }));
    assert!(restored.restored);
    assert_eq!(*restored.scenario, mine, "the last scenario is back");
    assert_eq!(
        restored.computed.headline.won.map(|v| v.to_string()),
        Some("-8000000000000".into())
    );
    assert_eq!(
        restored
            .saved
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        ["mine"],
        "another dataset's work is not mixed in"
    );
    assert!(!restored.can_undo(), "restoring is not an edit to undo");

    let other = fresh().apply(Action::RestoreSession(Session {
        lang: None,
        current: Some(foreign),
        saved: Vec::new(),
        notice: Some(Notice::StorageSetAside),
    }));
    assert_eq!(
        *other.scenario,
        *fresh().scenario,
        "a foreign scenario is not applied"
    );
    assert_eq!(
        other.notice,
        Some(Notice::StorageSetAside),
        "the reader is told when storage was set aside"
    );
    assert_eq!(other.apply(Action::DismissNotice).notice, None);
}

#[test]
fn the_session_found_on_opening_is_the_first_state() {
    use jikgu::core::Scenario;
    use jikgu::state::{Notice, Session};
    let mut linked = Scenario::default();
    linked.edits.insert(
        cell(Flow::Balance, Partner::All, 2025),
        "-8000000000000".parse().expect("decimal"),
    );
    let dataset = Rc::new(Dataset::embedded().expect("embedded").clone());
    let opened = start_options("?lang=en").open(dataset.clone(), Lang::En);
    let state = Session {
        lang: Some(Lang::Ko),
        current: Some(linked.clone()),
        saved: Vec::new(),
        notice: None,
    }
    .restore(opened.clone());
    assert!(state.restored, "changes from here on are written back");
    assert_eq!(
        state.lang,
        Lang::Ko,
        "a link's language wins over the query's"
    );
    assert_eq!(*state.scenario, linked);
    assert_eq!(
        state.computed.headline.won.map(|v| v.to_string()),
        Some("-8000000000000".into()),
        "and it is computed before anything is shown"
    );
    assert!(!state.can_undo(), "opening is not an edit to undo");

    let nothing = Session::default().restore(opened.clone());
    assert!(nothing.restored);
    assert_eq!(
        (nothing.lang, &nothing.scenario),
        (Lang::En, &opened.scenario)
    );
    let damaged = Session {
        notice: Some(Notice::StorageSetAside),
        ..Session::default()
    }
    .restore(opened);
    assert_eq!(damaged.notice, Some(Notice::StorageSetAside));
}

#[test]
fn the_query_string_opens_the_view_it_names_and_ignores_the_rest() {
    use jikgu::state::Theme;
    let cases = [
        (
            "?lang=ko&theme=dark&year=2022&source=kostat-revised&partner=china",
            (
                Some(Lang::Ko),
                Some(Theme::Dark),
                Some(2022),
                Some("kostat-revised"),
                Some(Partner::China),
            ),
        ),
        ("lang=en-GB", (Some(Lang::En), None, None, None, None)),
        (
            "?year=abc&theme=neon&partner=mars&source=",
            (None, None, None, None, None),
        ),
        ("?year=99999&lang=", (None, None, None, None, None)),
        ("", (None, None, None, None, None)),
    ];
    for (query, (lang, theme, year, source, partner)) in cases {
        let options = start_options(query);
        assert_eq!(
            (
                options.lang,
                options.theme,
                options.year,
                options.source.as_deref(),
                options.partner
            ),
            (lang, theme, year, source, partner),
            "{query:?}"
        );
    }

    let dataset = Rc::new(Dataset::embedded().expect("embedded").clone());
    let opened =
        start_options("?lang=ko&source=kostat-revised&year=2022").open(dataset.clone(), Lang::En);
    assert_eq!(
        opened.lang,
        Lang::Ko,
        "the query's language wins over the browser's"
    );
    assert_eq!(opened.scenario.view.as_deref(), Some("kostat-revised"));
    assert_eq!(opened.computed.headline.year, 2022);
    assert!(
        !opened.can_undo(),
        "how the page opened is not an edit to undo"
    );
    let unknown = start_options("?source=nobody").open(dataset, Lang::En);
    assert_eq!(
        unknown.scenario,
        fresh().scenario,
        "an unknown source opens the default view"
    );
}

#[test]
fn embed_options_are_read_and_a_child_id_is_sanitised() {
    let cases = [
        ("?embed&childId=story-1_a", true, Some("story-1_a")),
        ("?embed=1&childId=<script>", true, None),
        ("?embed=no&childId=", false, None),
        ("?childId=x", false, Some("x")),
    ];
    for (query, embed, child) in cases {
        let options = start_options(query);
        assert_eq!(
            (options.embed, options.child_id.as_deref()),
            (embed, child),
            "{query:?}"
        );
    }
}

#[test]
fn a_unit_slip_is_held_back_until_the_reader_chooses() {
    // KIEP's 2023 balance is −₩6.003 tn; `(4,985)` meant as 억 reads as −₩4,985 tn in a 조 column.
    let balance_2023 = cell(Flow::Balance, Partner::All, 2023);
    let before = fresh().apply(Action::ChooseView("kiep-2025-07-02".into()));
    let tn = |v: i64| Decimal::new(v, 0) * Decimal::new(1_000_000_000_000, 0);
    let typed = |state: AppState, text: &str| {
        state.apply(Action::EditCell {
            cell: balance_2023,
            text: text.into(),
        })
    };

    let held = typed(before.clone(), "(4,985)");
    assert_eq!(
        held.scenario, before.scenario,
        "nothing is applied while the slip is pending"
    );
    let draft = held.draft(Field::Cell(balance_2023)).expect("a draft");
    assert_eq!(draft.text, "(4,985)", "the typed text stays in the cell");
    let FieldError::Slip(slip) = &draft.error else {
        panic!("a slip, not {:?}", draft.error)
    };
    assert_eq!(slip.typed, -tn(4985));
    // Beside ₩6 tn figures the digits were most likely billions (4,985 십억); 억 is ten times off.
    let billions = Decimal::new(4985, 0) * Decimal::new(1_000_000_000, 0);
    assert_eq!(
        slip.suggestion,
        Some(-billions),
        "the reading nearest the figures around it"
    );
    let en = draft.error.message(Lang::En);
    assert!(en.contains("−4조 9,850억 원 = −₩4.985 trillion"), "{en}");

    // Take the suggestion: applied, undoable.
    let taken = held
        .clone()
        .apply(Action::TakeSuggestion(Field::Cell(balance_2023)));
    assert_eq!(taken.scenario.edits.get(&balance_2023), Some(&-billions));
    assert!(
        taken.draft(Field::Cell(balance_2023)).is_none(),
        "the warning goes"
    );
    let undone = taken.apply(Action::Undo);
    assert_eq!(
        undone.scenario, before.scenario,
        "undo takes the choice back"
    );

    // Keep what was typed: the guard never blocks a confirmed edit.
    let kept = held
        .clone()
        .apply(Action::KeepTyped(Field::Cell(balance_2023)));
    assert_eq!(kept.scenario.edits.get(&balance_2023), Some(&-tn(4985)));
    assert_eq!(kept.clone().apply(Action::Undo).scenario, before.scenario);

    // The same figure written with its unit, or of the same order, applies at once.
    for text in [
        "△4985억",
        "-4985억",
        "-0.4985",
        "-6.5",
        "4조 9,850억 원 적자",
    ] {
        let after = typed(before.clone(), text);
        assert!(
            after.draft(Field::Cell(balance_2023)).is_none(),
            "{text}: applied without a warning"
        );
        assert_ne!(after.scenario, before.scenario, "{text}: applied");
    }

    // Nothing pending: the choices do nothing.
    assert_eq!(
        before
            .clone()
            .apply(Action::KeepTyped(Field::Cell(balance_2023)))
            .scenario,
        before.scenario
    );
}

#[test]
fn an_approximate_figure_keeps_its_value_and_says_so_until_replaced() {
    let cell_ref = cell(Flow::Purchases, Partner::China, 2023);
    let before = fresh().apply(Action::ChooseView("kiep-2025-07-02".into()));
    let about = before.clone().apply(Action::EditCell {
        cell: cell_ref,
        text: "약 3조 3천억 원".into(),
    });
    let tn = Decimal::new(33, 1) * Decimal::new(1_000_000_000_000, 0);
    assert_eq!(
        about.scenario.edits.get(&cell_ref),
        Some(&tn),
        "the value kept exactly"
    );
    assert!(
        about.scenario.is_approximate(cell_ref),
        "and marked approximate"
    );

    // The mark travels with the scenario: a link or storage gives it back.
    let json = serde_json::to_string(&about.scenario).expect("writes");
    let back: jikgu::core::Scenario = serde_json::from_str(&json).expect("reads back");
    assert!(back.is_approximate(cell_ref), "through JSON: {json}");

    let exact = about.clone().apply(Action::EditCell {
        cell: cell_ref,
        text: "3.3".into(),
    });
    assert!(
        !exact.scenario.is_approximate(cell_ref),
        "an exact figure drops the mark"
    );
    let reset = about.clone().apply(Action::ResetCell(cell_ref));
    assert!(
        !reset.scenario.is_approximate(cell_ref),
        "a reset drops it too"
    );
    assert_eq!(
        about.apply(Action::Undo).scenario,
        before.scenario,
        "undo takes the approximate edit back"
    );
}

#[test]
fn the_address_wins_over_the_stored_session() {
    use jikgu::core::Scenario;
    use jikgu::state::Session;
    let data = Dataset::embedded().expect("embedded data");
    let cell: CellRef = "purchases.china[2023]".parse().expect("cell");
    let mut stored = Scenario {
        view: Some("kiep-2025-07-02".into()),
        ..Scenario::default()
    };
    stored
        .edits
        .insert(cell, Decimal::from(4_000_000_000_000_i64));
    let cases = [
        (
            "?source=kostat-first",
            Some("kostat-first"),
            "the view the address names",
        ),
        (
            "?source=kostat-rebased",
            None,
            "the default view, asked for by name",
        ),
        (
            "?source=nonesuch",
            Some("kiep-2025-07-02"),
            "an unknown view keeps the stored one",
        ),
        (
            "?lang=ko",
            Some("kiep-2025-07-02"),
            "no source asked: the stored view",
        ),
    ];
    for (query, want, why) in cases {
        let options = start_options(query);
        let scenario = options.over(data, stored.clone());
        assert_eq!(scenario.view.as_deref(), want, "{query}: {why}");
        assert_eq!(
            scenario.edits.get(&cell),
            stored.edits.get(&cell),
            "{query}: edits kept"
        );
        // As the page opens: the query's state, then the session restored over it.
        let state = Session {
            lang: None,
            current: Some(scenario),
            saved: Vec::new(),
            notice: None,
        }
        .restore(options.open(Rc::new(data.clone()), Lang::En));
        let shown = &data.views()[state.computed.view].id;
        assert_eq!(
            shown.as_str(),
            want.unwrap_or("kostat-rebased"),
            "{query}: the page shows it"
        );
    }
    let year = start_options("?year=2022&partner=china").over(data, stored.clone());
    assert_eq!(
        (year.year, year.partner),
        (Some(2022), Some(Partner::China))
    );
}
