//! Bad input in every field a reader can type into (issue #6), through the reducer, in Korean and
//! English: each is refused with a clear message in the reader's language, the last valid value
//! stays in force, the typed text is kept, and nothing panics.
//!
//! The fields are not listed by hand: they are read from the embedded dataset, view by view, the
//! way the page lays them out (every cell of the table, the fixed rate, the horizon, the growth rate
//! of every projected series, the goal-seek target of both kinds of question).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;

use jikgu::core::num::MAX_INPUT_CHARS;
use jikgu::core::{Dataset, Decimal, Flow, Lang, Measure, Partner, Seek};
use jikgu::state::{Action, AppState, Field, GrowthMode};

/// What a piece of input should come to.
#[derive(Clone, Copy)]
enum Want {
    /// Refused with a message; nothing changes.
    Refused,
    /// Read exactly as this ASCII text is: full-width forms are what a Korean IME types, and the
    /// number reader folds them on purpose (`core::num` docs), so `３．５` is 3.5 wherever 3.5 is.
    SameAs(&'static str),
}

/// The bad inputs of the issue, and their relatives.
fn inputs() -> Vec<(&'static str, String, Want)> {
    use Want::{Refused, SameAs};
    let ten_to_40 = format!("1{}", "0".repeat(40));
    vec![
        ("nothing", String::new(), Refused),
        ("spaces", "   ".into(), Refused),
        ("wide spaces", "\u{3000}\u{a0}\t".into(), Refused),
        ("letters", "abc".into(), Refused),
        ("a word after a number", "3 apples".into(), Refused),
        ("NaN", "NaN".into(), Refused),
        ("Infinity", "Infinity".into(), Refused),
        ("minus Infinity", "-Infinity".into(), Refused),
        ("inf", "inf".into(), Refused),
        ("1e400", "1e400".into(), Refused),
        ("an exponent with a sign", "2e+5".into(), Refused),
        ("10^40", ten_to_40.clone(), Refused),
        ("minus 10^40", format!("-{ten_to_40}"), Refused),
        (
            "10^40 with commas",
            format!("10{}", ",000".repeat(13)),
            Refused,
        ),
        ("a lone minus", "-".into(), Refused),
        ("a lone plus", "+".into(), Refused),
        ("plus minus", "+-3".into(), Refused),
        ("a trailing minus", "3-".into(), Refused),
        ("a trailing plus", "3+".into(), Refused),
        ("two minuses", "--3".into(), Refused),
        ("a minus between numbers", "5-3".into(), Refused),
        ("an open parenthesis", "(3".into(), Refused),
        ("a decimal comma", "3,5".into(), Refused),
        ("Arabic-Indic digits", "٣٫٥".into(), Refused),
        ("Persian digits", "۳.۵".into(), Refused),
        ("Devanagari digits", "३".into(), Refused),
        ("full-width digits", "３．５".into(), SameAs("3.5")),
        ("full-width grouping", "１，２３４".into(), SameAs("1,234")),
        ("a full-width minus", "－３".into(), SameAs("-3")),
        ("조 twice", "3조조".into(), Refused),
        ("tn twice", "3tn tn".into(), Refused),
        ("₩ twice", "₩₩3".into(), Refused),
        ("$ twice", "$$3".into(), Refused),
        ("% twice", "3%%".into(), Refused),
        ("억 in two parts", "3억 3억".into(), Refused),
        ("an emoji", "💸".into(), Refused),
        ("a number and an emoji", "3💸".into(), Refused),
        ("a keycap emoji", "3\u{fe0f}\u{20e3}".into(), Refused),
        ("10,000 digits", "9".repeat(10_000), Refused),
        ("10 KB of Hangul", "조".repeat(3_500), Refused),
        ("a NUL", "\u{0}".into(), Refused),
        ("a number and a NUL", "3\u{0}".into(), Refused),
        ("a right-to-left mark", "\u{200f}3".into(), Refused),
        ("a left-to-right mark", "3\u{200e}".into(), Refused),
        ("a right-to-left override", "\u{202e}3.5".into(), Refused),
        ("an Arabic letter mark", "\u{61c}3".into(), Refused),
        ("a directional isolate", "\u{2067}3\u{2069}".into(), Refused),
        ("a combining accent", "3\u{301}".into(), Refused),
        ("a combining accent first", "\u{301}3".into(), Refused),
        // Issue #15: every dash-like sign is a minus, and so is the white triangle of Korean
        // tables; 약 and ~ mark a figure approximate without changing it.
        ("a hyphen", "\u{2010}3".into(), SameAs("-3")),
        ("a non-breaking hyphen", "\u{2011}3".into(), SameAs("-3")),
        ("a figure dash", "\u{2012}3".into(), SameAs("-3")),
        ("an em dash", "\u{2014}3".into(), SameAs("-3")),
        ("a small hyphen-minus", "\u{fe63}3".into(), SameAs("-3")),
        ("a white triangle", "△3".into(), SameAs("-3")),
        ("약", "약 3".into(), SameAs("3")),
        ("a tilde", "~3".into(), SameAs("3")),
        ("approx.", "approx. 3".into(), SameAs("3")),
        ("a black triangle", "▲3".into(), Refused),
        ("a black down triangle", "▼3".into(), Refused),
        ("a range", "3~4".into(), Refused),
        ("약 twice", "약 약 3".into(), Refused),
        ("a minus and 적자", "-3 적자".into(), Refused),
        ("적자 twice", "3 적자 적자".into(), Refused),
        ("deficit inside the figure", "3 deficit 3".into(), Refused),
        ("two hangul digits", "이삼".into(), Refused),
        ("two digits before 천", "20천".into(), Refused),
    ]
}

fn dataset() -> Rc<Dataset> {
    Rc::new(Dataset::embedded().expect("embedded data").clone())
}

/// A field as the page shows it: the state it is shown in, and a valid text for it that is not the
/// value already there (so the "last valid value" is one the reader typed).
struct Place {
    field: Field,
    state: AppState,
    valid: &'static str,
}

/// Every field of every view of the embedded data, each in a state where the page shows it.
fn places(lang: Lang) -> Vec<Place> {
    let data = dataset();
    let mut out = Vec::new();
    let ids: Vec<String> = data.views().iter().map(|v| v.id.clone()).collect();
    for id in ids {
        let view = AppState::new(data.clone(), lang).apply(Action::ChooseView(id));
        let table = view.computed.table.clone();
        let published = table.first_year..=table.last_published_year;
        for row in &table.rows {
            // The table leaves out a row with no figure at all.
            if !row.cells.iter().any(|c| c.value.is_some()) {
                continue;
            }
            for (i, year) in published.clone().enumerate() {
                if row.cells.get(i).is_some() {
                    // Of the order of the row's figures, so the unit-slip guard lets it through.
                    let valid = match row.series.measure {
                        Measure::Parcels => "100000000",
                        Measure::Won | Measure::Usd => "1",
                    };
                    out.push(Place {
                        field: Field::Cell(row.series.at(year)),
                        state: view.clone(),
                        valid,
                    });
                }
            }
            // Growth assumptions are offered for projected amounts in won; the box shows for a
            // fixed % a year.
            if row.projection.is_some() && row.series.measure == Measure::Won {
                let series = row.series;
                out.push(Place {
                    field: Field::GrowthRate(series),
                    state: view.clone().apply(Action::SetGrowthMode {
                        series,
                        mode: GrowthMode::Fixed,
                    }),
                    valid: "7.5",
                });
            }
        }
        out.push(Place {
            field: Field::Horizon,
            state: view.clone(),
            valid: "2033",
        });
        out.push(Place {
            field: Field::FixedRate,
            state: view.clone().apply(Action::UseFixedRate),
            valid: "1234",
        });
        let headline = &view.computed.headline;
        let rate_seek = Seek::Rate {
            partner: headline.series.partner,
            year: headline.year.min(table.last_published_year),
            target: Decimal::from(-4_300_000_000_i64),
        };
        out.push(Place {
            field: Field::SeekTarget,
            state: view.clone().apply(Action::SetSeek(Some(rate_seek))),
            valid: "2",
        });
        // A growth seek solves for a projected flow in won that has a value to grow from.
        let flow = table.rows.iter().find(|r| {
            r.series.flow != Flow::Balance
                && r.series.measure == Measure::Won
                && r.projection.is_some_and(|p| p.base.is_some())
        });
        if let Some(row) = flow {
            let seek = Seek::Growth {
                series: row.series,
                year: table.last_year,
                target: Decimal::ZERO,
            };
            out.push(Place {
                field: Field::SeekTarget,
                state: view.clone().apply(Action::SetSeek(Some(seek))),
                valid: "1",
            });
        }
    }
    out
}

fn type_into(state: &AppState, field: Field, text: &str) -> AppState {
    state.clone().apply(Action::EditField {
        field,
        text: text.to_string(),
    })
}

/// Formatting characters that show nothing: directional marks, overrides and isolates, zero-width
/// characters, variation selectors.
fn invisible(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}')
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}')
}

/// The checks on one refusal's message, in the reader's language. Returns what is wrong, if any.
fn message_problem(message: &str, other: &str, lang: Lang, typed: &str) -> Option<String> {
    if message.trim().is_empty() {
        return Some("the message is empty".into());
    }
    if message == other {
        return Some("the message is the same in both languages".into());
    }
    // A reader's sentence, not a Rust value printed for a developer.
    for debug in [
        "Parse(", "Edit(", "Kind", "Some(", "None", "Err(", "{", "}", "\"", "\\u",
    ] {
        if message.contains(debug) {
            return Some(format!("the message looks like debug output ({debug})"));
        }
    }
    // Short enough to read beside a field, however long the input was.
    if message.chars().count() > 300 {
        return Some(format!(
            "the message is {} characters long",
            message.chars().count()
        ));
    }
    let head: String = typed.chars().take(MAX_INPUT_CHARS).collect();
    if typed.chars().count() > MAX_INPUT_CHARS && message.contains(&head) {
        return Some("the message echoes the long input".into());
    }
    // An invisible character is named by its code point: quoted raw, a directional override would
    // turn the rest of the message around, and a mark would show as empty quotes.
    if let Some(c) = message.chars().find(|c| c.is_control() || invisible(*c)) {
        return Some(format!("the message holds U+{:04X} raw", u32::from(c)));
    }
    // A combining mark quoted on its own sits on the quotation mark unless it has a base.
    if message.contains("‘\u{301}") || message.contains("‘\u{20e3}") {
        return Some("a combining mark sits on the quotation mark".into());
    }
    // What the message quotes back from the input (‘…’) is not in the message's own language.
    let mut own = String::new();
    let mut quoted = false;
    for c in message.chars() {
        match c {
            '‘' => quoted = true,
            '’' => quoted = false,
            c if !quoted => own.push(c),
            _ => {}
        }
    }
    match lang {
        Lang::Ko => {
            if !own.contains("입력하세요") && !own.contains("합니다") {
                return Some("the Korean message is not a Korean sentence".into());
            }
            // No English word: at most the two-letter scales of the examples (`$4.3bn`).
            let longest = own
                .split(|c: char| !c.is_ascii_alphabetic())
                .map(str::len)
                .max()
                .unwrap_or(0);
            if longest > 2 {
                return Some("the Korean message has an English word".into());
            }
        }
        Lang::En => {
            if !own.contains("expected") {
                return Some("the English message does not say what is expected".into());
            }
            // Hangul only where an example shows how a Korean figure may be typed (`600억`).
            let hangul: Vec<char> = own.chars().filter(|c| is_hangul(*c)).collect();
            if hangul.iter().any(|c| !"억달러".contains(*c)) {
                return Some(format!("the English message has Korean in it: {hangul:?}"));
            }
        }
    }
    None
}

/// Applies every input to one field in one language; returns the failures found.
fn check_place(place: &Place, lang: Lang, inputs: &[(&'static str, String, Want)]) -> Vec<String> {
    let field = place.field;
    let mut failures = Vec::new();
    let mut fail = |what: &str, problem: String| {
        failures.push(format!("{field:?} in {lang:?}, {what}: {problem}"));
    };
    let base = type_into(&place.state, field, place.valid);
    if base.draft(field).is_some() || base.scenario == place.state.scenario {
        fail("the valid text", format!("{:?} was not taken", place.valid));
        return failures;
    }
    for (what, text, want) in inputs {
        let after = match catch_unwind(AssertUnwindSafe(|| type_into(&base, field, text))) {
            Ok(after) => after,
            Err(_) => {
                fail(what, "the reducer panicked".into());
                continue;
            }
        };
        match want {
            Want::Refused => {
                // The last valid value stays in force: nothing computed again, no step of undo.
                if !Rc::ptr_eq(&after.scenario, &base.scenario)
                    || !Rc::ptr_eq(&after.computed, &base.computed)
                {
                    fail(what, "the scenario changed".into());
                }
                if after.past.len() != base.past.len() {
                    fail(what, "a step of undo was added".into());
                }
                let Some(draft) = after.draft(field) else {
                    fail(what, "no draft was kept".into());
                    continue;
                };
                if draft.text != *text {
                    fail(what, "the typed text was not kept as typed".into());
                }
                let message = draft.error.message(lang);
                let other = draft.error.message(match lang {
                    Lang::Ko => Lang::En,
                    Lang::En => Lang::Ko,
                });
                if let Some(problem) = message_problem(&message, &other, lang, text) {
                    fail(what, format!("{problem}: {message:?}"));
                }
                // Typing the valid value again clears the error.
                let fixed = type_into(&after, field, place.valid);
                if fixed.draft(field).is_some() || fixed.scenario != base.scenario {
                    fail(what, "the valid value typed again did not clear it".into());
                }
            }
            Want::SameAs(ascii) => {
                let plain = type_into(&base, field, ascii);
                // `약 3` is 3, marked approximate: the same scenario but for that mark.
                let mut unmarked = (*after.scenario).clone();
                unmarked.approximate.clear();
                if unmarked != *plain.scenario {
                    fail(what, format!("not read as {ascii:?}"));
                }
                match (after.draft(field), plain.draft(field)) {
                    (None, None) => {}
                    (Some(a), Some(p)) if a.error == p.error && a.text == *text => {}
                    (a, p) => fail(what, format!("refused unlike {ascii:?}: {a:?} / {p:?}")),
                }
            }
        }
    }
    failures
}

#[test]
fn every_field_refuses_bad_input_in_both_languages_and_keeps_its_value() {
    let inputs = inputs();
    let mut failures = Vec::new();
    for lang in [Lang::Ko, Lang::En] {
        let places = places(lang);
        // Enumerated, not listed: the embedded data must offer every kind of field.
        let count = |kind: fn(&Field) -> bool| places.iter().filter(|p| kind(&p.field)).count();
        let cells = count(|f| matches!(f, Field::Cell(_)));
        let growth = count(|f| matches!(f, Field::GrowthRate(_)));
        let seeks = count(|f| matches!(f, Field::SeekTarget));
        assert!(cells >= 50, "{cells} cells found");
        assert!(growth >= 2, "{growth} growth rates found");
        assert!(count(|f| *f == Field::Horizon) >= 1 && count(|f| *f == Field::FixedRate) >= 1);
        assert!(seeks >= 2, "{seeks} goal-seek targets found");
        for place in &places {
            failures.extend(check_place(place, lang, &inputs));
        }
        println!(
            "{lang:?}: {} fields ({cells} cells, {growth} growth rates, {seeks} seek targets, the horizon and the fixed rate of each view) × {} inputs",
            places.len(),
            inputs.len()
        );
    }
    assert!(
        failures.is_empty(),
        "{} failures, the first 40:\n{}",
        failures.len(),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The refusal of one text in one field, in both languages.
fn refusal(state: &AppState, field: Field, text: &str) -> (String, String) {
    let after = type_into(state, field, text);
    assert!(
        Rc::ptr_eq(&after.scenario, &state.scenario),
        "{text:?} in {field:?} changed the scenario"
    );
    let draft = after
        .draft(field)
        .unwrap_or_else(|| panic!("{text:?} in {field:?} kept no draft"));
    (draft.error.message(Lang::Ko), draft.error.message(Lang::En))
}

#[test]
fn a_number_too_large_to_read_is_told_the_range_of_its_field() {
    let state = AppState::new(dataset(), Lang::En);
    let huge = format!("1{}", "0".repeat(40));
    let purchases =
        Field::Cell(jikgu::core::SeriesKey::won(Flow::Purchases, Partner::All).at(2023));
    let fixed = state.clone().apply(Action::UseFixedRate);
    let cases = [
        // The quantity alone would allow any year from 1 to 9999.
        (
            &state,
            Field::Horizon,
            "(2025 ~ 2040)",
            "(from 2025 to 2040)",
        ),
        (
            &state,
            purchases,
            "(0원 ~ 100경 원)",
            "(from ₩0 to ₩1,000,000 trillion)",
        ),
        (
            &fixed,
            Field::FixedRate,
            "(1.0원/달러 ~ 100,000.0원/달러)",
            "(from ₩1.0 per $ to ₩100,000.0 per $)",
        ),
    ];
    for (state, field, ko, en) in cases {
        for text in [huge.clone(), format!("-{huge}")] {
            let (got_ko, got_en) = refusal(state, field, &text);
            assert!(got_ko.contains(ko), "{field:?}: {got_ko}");
            assert!(got_en.contains(en), "{field:?}: {got_en}");
        }
    }
    let sales = jikgu::core::SeriesKey::won(Flow::Sales, Partner::China);
    let growth = state.clone().apply(Action::SetGrowthMode {
        series: sales,
        mode: GrowthMode::Fixed,
    });
    let (ko, en) = refusal(&growth, Field::GrowthRate(sales), &huge);
    assert!(ko.contains("(−99.0% ~ 1,000.0%)"), "{ko}");
    assert!(en.contains("(from −99.0% to 1,000.0%)"), "{en}");
}

#[test]
fn a_negative_purchase_is_said_in_the_unit_it_was_typed_in() {
    let state = AppState::new(dataset(), Lang::En);
    let won = Field::Cell(jikgu::core::SeriesKey::won(Flow::Purchases, Partner::China).at(2023));
    // A cell in trillions of won: −3 is −₩3 trillion, not −3000000000000.
    for text in ["-3", "－３"] {
        let (ko, en) = refusal(&state, won, text);
        assert_eq!(ko, "직구(구매) 값은 0 이상이어야 합니다 (입력: −3조 원)");
        assert_eq!(en, "expected purchases of zero or more, found −₩3 trillion");
    }
}

/// Issue #15: `적자`/`deficit` and `흑자`/`surplus` set the sign of a balance (a cell or the
/// goal-seek target), and are refused with the reason in purchases, sales and counts.
#[test]
fn balance_words_set_the_sign_in_balance_fields_only() {
    // KIEP's view: its 2019 balance (−100억) and 2023 balance (−6조 30억) make every figure below
    // one of the row's order, so the unit-slip guard lets each through.
    let state =
        AppState::new(dataset(), Lang::Ko).apply(Action::ChooseView("kiep-2025-07-02".into()));
    let balance = Field::Cell(jikgu::core::SeriesKey::won(Flow::Balance, Partner::All).at(2023));
    let purchases =
        Field::Cell(jikgu::core::SeriesKey::won(Flow::Purchases, Partner::All).at(2023));
    for (text, same_as) in [
        ("6조30억원 적자", "-6.003"),
        ("적자 6조 30억", "-6.003"),
        ("a ₩6.003 trillion deficit", "-6.003"),
        ("deficit of 6.003", "-6.003"),
        ("100억 원 흑자", "0.01"),
        // Of the order of the figure it replaces, or the unit-slip guard holds it back.
        ("이조 오천억 원 흑자", "2.5"),
    ] {
        let worded = type_into(&state, balance, text);
        let plain = type_into(&state, balance, same_as);
        assert!(worded.draft(balance).is_none(), "{text:?} was refused");
        assert_eq!(worded.scenario, plain.scenario, "{text:?} is not {same_as}");
    }
    for text in ["6조 적자", "deficit of 6", "1조 흑자"] {
        let (ko, en) = refusal(&state, purchases, text);
        assert!(ko.contains("수지 칸에만"), "{text:?}: {ko}");
        assert!(en.contains("fits only a balance"), "{text:?}: {en}");
    }
    let (ko, en) = refusal(&state, balance, "-6조 적자");
    assert!(ko.contains("부호를 두 번"), "{ko}");
    assert!(en.contains("the sign is given twice"), "{en}");
}
