//! The reducer: every action the reader can take, checked on the embedded data without a browser.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::rc::Rc;

use jikgu::core::{CellRef, Dataset, Flow, Lang, Partner, SeriesKey};
use jikgu::state::{Action, AppState, FieldError};

fn fresh() -> AppState {
    AppState::new(
        Rc::new(Dataset::embedded().expect("embedded data").clone()),
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
    let before = fresh();
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
            .get(&china_2023)
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
    assert!(state.drafts.contains_key(&a), "the bad text is a draft");
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
