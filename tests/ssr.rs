//! The app rendered natively through yew's server-side renderer: what a reader sees before any
//! effect runs, and what the automation contract promises to find.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jikgu::core::Lang;
use jikgu::ui::{App, AppProps};

async fn render(lang: Lang) -> String {
    yew::LocalServerRenderer::<App>::with_props(AppProps {
        lang: Some(lang),
        ..AppProps::default()
    })
    .hydratable(false)
    .render()
    .await
}

/// The text inside the first element carrying `data-testid="{id}"`.
fn text_of(html: &str, id: &str) -> String {
    let start = html
        .find(&format!("data-testid=\"{id}\""))
        .unwrap_or_else(|| panic!("no {id} in:\n{html}"));
    let open_end = start + html[start..].find('>').expect("tag closes");
    let close = open_end + html[open_end..].find("</").expect("element closes");
    html[open_end + 1..close].to_string()
}

#[tokio::test]
async fn first_screen_keeps_the_automation_contract() {
    let html = render(Lang::En).await;
    for needle in [
        "data-testid=\"headline\"",
        "data-testid=\"chart\"",
        "<canvas",
        "data-testid=\"claim\"",
        "data-testid=\"cell\"",
    ] {
        assert!(html.contains(needle), "{needle} missing from the page");
    }
    assert_eq!(
        html.matches("data-testid=\"claim\"").count(),
        7,
        "the story's seven claims"
    );
    // Today's official series holds none of the story's checked claims; KIEP's view holds several
    // (tests/core_claims.rs).
    for verdict in ["data-verdict=\"fails\"", "data-verdict=\"unchecked\""] {
        assert!(
            html.contains(verdict),
            "the default view has a claim with {verdict}"
        );
    }
    assert!(
        html.contains("data-series=\"purchases.china\" data-year=\"2023\""),
        "cells say which series and year"
    );
}

#[tokio::test]
async fn headline_is_the_default_views_latest_balance_in_each_language() {
    // 3조234억 − 8조5080억 = −5조4846억, today's official 2025 balance.
    let cases = [(Lang::En, "₩5.485 trillion"), (Lang::Ko, "5조 4,846억 원")];
    for (lang, figure) in cases {
        let html = render(lang).await;
        let headline = text_of(&html, "headline");
        assert!(
            headline.contains(figure),
            "{lang:?} headline shows the 2025 deficit {figure}: {headline}"
        );
        assert!(
            headline.contains(lang.pick("적자", "deficit")),
            "{lang:?} says it is a deficit: {headline}"
        );
    }
}

#[tokio::test]
async fn korean_page_is_korean() {
    let html = render(Lang::Ko).await;
    assert!(html.contains("lang=\"ko\""), "the page declares Korean");
    assert!(
        html.contains("기사 속 주장 점검"),
        "section titles are Korean"
    );
    assert!(
        !html.contains("The story's claims"),
        "no English section title leaks in"
    );
}

mod panels {
    //! The assumptions, goal-seek and sources panels, rendered from a state reached by actions.

    use std::rc::Rc;

    use jikgu::core::{Dataset, Decimal, Lang, Partner, Seek};
    use jikgu::state::{Action, AppState, Field};
    use jikgu::ui::{AppContext, Assumptions, GoalSeek, Header, HeadlineView, Sources};
    use yew::prelude::*;

    #[derive(Properties, PartialEq)]
    struct HarnessProps {
        lang: Lang,
        actions: Vec<Action>,
    }

    /// Supplies the app's context in the state the actions lead to, and renders the panels.
    #[component]
    fn Harness(props: &HarnessProps) -> Html {
        let state = {
            let (lang, actions) = (props.lang, props.actions.clone());
            use_reducer(move || {
                let dataset = Rc::new(Dataset::embedded().expect("embedded").clone());
                actions
                    .into_iter()
                    .fold(AppState::new(dataset, lang), AppState::apply)
            })
        };
        let ranges = jikgu::ui::RangesContext(Some(Rc::new(jikgu::core::ranges::simulate(
            &state.dataset,
            &state.scenario,
            &state.computed.table,
        ))));
        html! {
            <ContextProvider<AppContext> context={AppContext::of(&state)}>
                <ContextProvider<jikgu::ui::RangesContext> context={ranges}>
                    <Header />
                    <HeadlineView />
                    <jikgu::ui::ChartsPanel />
                    <Assumptions />
                    <GoalSeek />
                    <Sources />
                </ContextProvider<jikgu::ui::RangesContext>>
            </ContextProvider<AppContext>>
        }
    }

    #[tokio::test]
    async fn a_projected_headline_gives_its_range_and_the_chance_of_a_turn() {
        let actions = vec![
            Action::ChooseView("kostat-revised".into()),
            Action::ChooseYear(2030),
        ];
        for (lang, range, chance) in [
            (Lang::En, "80 % range", "simulated paths"),
            (Lang::Ko, "80% 범위", "모의 경로"),
        ] {
            let html = render(lang, actions.clone()).await;
            let at = html
                .find("data-testid=\"headline-range\"")
                .expect("a range");
            assert!(html[at..].contains(range), "{lang:?}: range in words");
            let at = html
                .find("data-testid=\"break-even-chance\"")
                .expect("a chance");
            assert!(html[at..].contains(chance), "{lang:?}: chance in words");
        }
        let html = render(Lang::En, vec![]).await;
        assert!(
            !html.contains("data-testid=\"headline-range\""),
            "a published year has no range"
        );
    }

    async fn render(lang: Lang, actions: Vec<Action>) -> String {
        yew::LocalServerRenderer::<Harness>::with_props(HarnessProps { lang, actions })
            .hydratable(false)
            .render()
            .await
    }

    fn rate_seek() -> Action {
        Action::SetSeek(Some(Seek::Rate {
            partner: Partner::All,
            year: 2023,
            target: Decimal::from(-4_300_000_000_i64),
        }))
    }

    /// The start tag of the element with `id`.
    fn tag_with_id<'a>(html: &'a str, id: &str) -> &'a str {
        let at = html
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("no #{id} in:\n{html}"));
        let start = html[..at].rfind('<').expect("tag opens");
        let end = at + html[at..].find('>').expect("tag closes");
        &html[start..=end]
    }

    fn text_of_id(html: &str, id: &str) -> String {
        let tag = tag_with_id(html, id);
        let start = html.find(tag).expect("tag") + tag.len();
        let end = start + html[start..].find("</").expect("closes");
        html[start..end].to_string()
    }

    #[tokio::test]
    async fn panels_speak_each_language() {
        let cases = [
            (
                Lang::En,
                [
                    "Assumptions",
                    "Exchange rate (won per dollar)",
                    "Projection horizon",
                    "Goal seek",
                    "Where the sources disagree",
                    "In use",
                    "Use this source",
                    "Projection:",
                    "Colour theme",
                ],
            ),
            (
                Lang::Ko,
                [
                    "가정",
                    "환율 (원/달러)",
                    "전망 기간",
                    "목표값 찾기",
                    "출처별 차이",
                    "사용 중",
                    "이 출처 쓰기",
                    "전망:",
                    "화면 테마",
                ],
            ),
        ];
        for (lang, needles) in cases {
            let html = render(lang, vec![]).await;
            for needle in needles {
                assert!(html.contains(needle), "{lang:?}: {needle:?} missing");
            }
        }
        let ko = render(Lang::Ko, vec![rate_seek()]).await;
        for english in [
            "Assumptions",
            "Goal seek",
            "Where the sources",
            "Use this",
            "Answer",
        ] {
            assert!(
                !ko.contains(english),
                "no English {english:?} on the Korean page"
            );
        }
    }

    #[tokio::test]
    async fn sources_show_every_value_with_a_citation_and_the_one_in_use() {
        let opening = render(Lang::En, vec![]).await;
        assert!(
            opening.contains("data-view=\"kostat-rebased\" aria-current=\"true\""),
            "today's official series drives the default view"
        );
        let html = render(
            Lang::En,
            vec![
                Action::ChooseView("kiep-2025-07-02".into()),
                Action::ChooseYear(2023),
            ],
        )
        .await;
        let count = html.matches("data-testid=\"source\"").count();
        assert!(count >= 5, "KIEP, KOSTAT twice, FKI, customs…: {count}");
        assert_eq!(
            html.matches("aria-current=\"true\"").count(),
            1,
            "exactly one source is in use"
        );
        assert!(
            html.contains("data-view=\"kiep-2025-07-02\" aria-current=\"true\""),
            "KIEP drives the view once chosen"
        );
        assert!(html.contains("₩6.003 trillion"), "KIEP's 2023 deficit");
        assert!(
            html.contains("about "),
            "FKI's rounded figure is marked as such"
        );
        assert!(html.contains("<cite>"), "titles are cited");
        assert!(
            html.contains("<svg") && html.contains("class=\"strip\""),
            "the values on one strip"
        );
        let kostat = render(
            Lang::En,
            vec![
                Action::ChooseView("kostat-revised".into()),
                Action::ChooseYear(2023),
            ],
        )
        .await;
        assert!(
            kostat.contains("data-view=\"kostat-revised\" aria-current=\"true\""),
            "the highlight follows the view"
        );
    }

    #[tokio::test]
    async fn an_invalid_field_is_marked_and_points_at_its_message() {
        let actions = vec![
            Action::UseFixedRate,
            Action::EditField {
                field: Field::FixedRate,
                text: "1,400".into(),
            },
            Action::EditField {
                field: Field::FixedRate,
                text: "천사백".into(),
            },
        ];
        for lang in [Lang::En, Lang::Ko] {
            let html = render(lang, actions.clone()).await;
            let input = tag_with_id(&html, "field-fixed-rate");
            assert!(input.contains("aria-invalid=\"true\""), "{lang:?}: {input}");
            assert!(
                input.contains("aria-describedby=\"field-fixed-rate-error field-fixed-rate-hint\""),
                "{lang:?}: {input}"
            );
            assert!(
                input.contains("value=\"천사백\""),
                "{lang:?}: the text is kept: {input}"
            );
            let message = text_of_id(&html, "field-fixed-rate-error");
            assert!(message.len() > 10, "{lang:?}: a message: {message}");
            let slider = tag_with_id(&html, "field-fixed-rate-slider");
            assert!(
                slider.contains("value=\"1400\""),
                "{lang:?}: the slider holds the last valid rate: {slider}"
            );
        }
        let en = render(Lang::En, actions.clone()).await;
        let ko = render(Lang::Ko, actions).await;
        assert_ne!(
            text_of_id(&en, "field-fixed-rate-error"),
            text_of_id(&ko, "field-fixed-rate-error"),
            "the message is localised"
        );
    }

    #[tokio::test]
    async fn goal_seek_shows_its_answer_and_formula_or_why_not() {
        let kiep = Action::ChooseView("kiep-2025-07-02".into());
        let html = render(Lang::En, vec![kiep, rate_seek()]).await;
        assert!(html.contains("data-status=\"solved\""), "solved");
        assert!(
            html.contains("At ₩1,396.0 per $"),
            "the story's implied rate"
        );
        assert!(html.contains("rate = "), "with its formula");
        assert!(
            html.contains("Use this rate for every year"),
            "and a way to adopt it"
        );
        let surplus = render(
            Lang::Ko,
            vec![
                rate_seek(),
                Action::EditField {
                    field: Field::SeekTarget,
                    text: "4.3".into(),
                },
            ],
        )
        .await;
        assert!(surplus.contains("data-status=\"none\""), "no solution");
        assert!(
            surplus.contains("범위 안에 답이 없습니다"),
            "said in Korean"
        );
    }

    #[tokio::test]
    async fn headline_pickers_follow_the_state() {
        let html = render(
            Lang::En,
            vec![
                Action::ChoosePartner(Partner::China),
                Action::SetUnit(jikgu::core::DisplayUnit::Usd),
            ],
        )
        .await;
        assert!(
            html.contains("<option value=\"china\" selected"),
            "China chosen"
        );
        assert!(
            tag_with_id(&html, "unit-usd").contains("checked"),
            "dollars chosen"
        );
        assert!(html.contains("Converted at"), "the rate used is said");
        assert!(html.contains("Cross-border online trade balance, 2025 · China"));
    }

    /// A source that never gives a balance with the partner shown says so and what to pick, rather
    /// than that it has no figure for the year.
    #[tokio::test]
    async fn a_source_without_the_partner_says_so() {
        let actions = || {
            vec![
                Action::ChoosePartner(Partner::China),
                Action::ChooseView("kcs".into()),
            ]
        };
        let en = render(Lang::En, actions()).await;
        assert!(
            en.contains("publishes no balance with China: choose all partners or another source."),
            "English"
        );
        let ko = render(Lang::Ko, actions()).await;
        assert!(
            ko.contains("중국과의 수지가 없습니다. 상대를 ‘전체’로 바꾸거나 다른 출처를 고르세요."),
            "Korean"
        );
        // Nor are empty axes drawn for it, which would read as a balance of zero.
        assert!(
            en.contains("this source has no figures to draw")
                && en.contains("data-testid=\"chart-empty\""),
            "the balance chart says it has nothing"
        );
        assert!(
            ko.contains("이 출처에는 그릴 수치가 없습니다"),
            "in Korean too"
        );
        let default = render(Lang::En, vec![Action::ChoosePartner(Partner::China)]).await;
        assert!(
            !default.contains("chart-empty"),
            "the default view draws China's balance"
        );
        // A source with China's balance but not for the year chosen keeps the year's sentence.
        let year = render(
            Lang::En,
            vec![
                Action::ChoosePartner(Partner::China),
                Action::ChooseYear(2013),
            ],
        )
        .await;
        assert!(
            !year.contains("publishes no balance with"),
            "a year without a figure"
        );
    }
}

#[tokio::test]
async fn charts_panel_has_two_readable_charts_and_downloads() {
    let cases = [
        (
            Lang::En,
            "Show as table",
            "Published figure",
            "Download the current figures",
        ),
        (Lang::Ko, "표로 보기", "발표 수치", "수치와 출처 내려받기"),
    ];
    for (lang, summary, _, downloads) in cases {
        let html = render(lang).await;
        assert_eq!(
            html.matches("data-testid=\"chart\"").count(),
            2,
            "{lang:?}: the balance and the flows"
        );
        for needle in [
            "tabindex=\"0\"",
            "role=\"group\"",
            "aria-live=\"polite\"",
            "data-testid=\"chart-readout\"",
            "<details class=\"chart-table\"",
            ">PNG",
            ">SVG",
            ">CSV<",
            ">JSON<",
        ] {
            assert!(html.contains(needle), "{lang:?}: {needle} missing");
        }
        assert_eq!(
            html.matches(summary).count(),
            2,
            "{lang:?}: each chart has its table"
        );
        assert!(html.contains(downloads), "{lang:?}: {downloads}");
    }
}

#[tokio::test]
async fn chart_tables_hold_the_figures_drawn() {
    let html = render(Lang::En).await;
    let tables: Vec<&str> = html
        .split("<details class=\"chart-table\"")
        .skip(1)
        .collect();
    assert_eq!(tables.len(), 2);
    let balance = tables[0];
    assert!(
        balance.contains("−₩5.485 trillion"),
        "the 2025 balance with a U+2212 minus"
    );
    assert!(balance.contains("(projected)"), "projections say so");
    let flows = tables[1];
    for header in ["Purchases from China", "Purchases from the US"] {
        assert!(flows.contains(header), "flows table column {header}");
    }
    assert!(
        flows.contains("₩3.227 trillion"),
        "2023 purchases from China"
    );
    let ko = render(Lang::Ko).await;
    assert!(ko.contains("중국 직구(구매)"), "Korean column names");
    assert!(ko.contains("−5조 4,846억 원"), "Korean figures");
}

#[tokio::test]
async fn claim_parts_name_the_figures_they_use_and_about_offers_the_data() {
    let html = render(Lang::En).await;
    assert!(
        html.contains("Figures used (go to the cell)"),
        "claim parts list their figures"
    );
    assert!(
        html.contains("Balance with all partners (won) 2023: −₩4.283 trillion"),
        "each figure with its value"
    );
    assert!(
        html.contains("id=\"data-file-input\"") && html.contains("type=\"file\""),
        "another data file can be loaded"
    );
    assert!(
        html.contains(">jikgu.toml</button>"),
        "the data file downloads from memory, so offline too"
    );
}

#[tokio::test]
async fn about_shows_the_datasets_version_date_and_sha256() {
    let html = render(Lang::En).await;
    let version = text_of(&html, "dataset-version");
    assert!(
        version.contains("version 2026.11.30") && version.contains("released 2026-11-30"),
        "{version}"
    );
    let sha = jikgu::core::link::dataset_sha256(jikgu::core::Dataset::embedded().expect("data"));
    assert!(
        html.contains(&sha),
        "the SHA-256 is shown so a copy can be checked"
    );
}

/// Every button whose visible text has letters has an accessible name containing that text, so a
/// voice command naming what is on screen reaches it (WCAG 2.5.3, Lighthouse's
/// "label-content-name-mismatch").
#[tokio::test]
async fn every_buttons_name_contains_its_visible_label() {
    for lang in [Lang::En, Lang::Ko] {
        let html = render(lang).await;
        let mut checked = 0;
        let mut rest = html.as_str();
        while let Some(start) = rest.find("<button") {
            rest = &rest[start..];
            let open_end = rest.find('>').expect("tag closes");
            let tag = &rest[..open_end];
            let close = rest.find("</button>").expect("button closes");
            // Visible text: the content without its tags.
            let mut visible = String::new();
            let mut inside = false;
            for c in rest[open_end + 1..close].chars() {
                match c {
                    '<' => inside = true,
                    '>' => inside = false,
                    c if !inside => visible.push(c),
                    _ => {}
                }
            }
            let visible = visible.trim();
            if let Some(at) = tag.find("aria-label=\"") {
                let label = &tag[at + 12..];
                let label = &label[..label.find('"').expect("attribute closes")];
                if visible.chars().any(char::is_alphanumeric) {
                    assert!(
                        label.contains(visible),
                        "{lang:?}: the button shown as {visible:?} is named {label:?}"
                    );
                    checked += 1;
                }
            }
            rest = &rest[close..];
        }
        assert!(checked >= 1, "{lang:?}: some labelled buttons were checked");
    }
}

#[tokio::test]
async fn the_story_is_the_reference_not_a_source_and_then_and_now_renders() {
    for lang in [Lang::En, Lang::Ko] {
        let html = render(lang).await;
        assert!(
            !html.contains("option value=\"alphabiz-2025-07-03\""),
            "{lang:?}: the story is not in the view picker"
        );
        assert!(
            !html.contains("data-view=\"alphabiz-2025-07-03\""),
            "{lang:?}: nor among the sources compared"
        );
        assert!(
            html.contains("data-testid=\"then-now\""),
            "{lang:?}: then and now"
        );
        assert!(
            html.contains(lang.pick("기사, 그때와 지금", "The story, then and now")),
            "{lang:?}: its title"
        );
        assert!(
            html.contains(lang.pick("기사의 수치:", "The story's figures:")),
            "{lang:?}: the story's figures beside each claim"
        );
    }
    let html = render(Lang::En).await;
    // C1's won part on today's view: the view's figure is named by the view, the story's by it.
    assert!(
        html.contains("<span class=\"detail\">KOSTAT, 2025 re-basing (current) "),
        "the source named on its side"
    );
    assert!(
        !html.contains("· story "),
        "no source's figure is labelled the story's"
    );
    assert!(
        html.contains("This verdict rests on figures standing in from another release"),
        "a verdict on a stand-in says so"
    );
    assert!(
        html.contains(
            "The 2023 balance here is −₩4.283 trillion; the story says −₩6.003 trillion. That does not hold."
        ),
        "the arithmetic in words"
    );
}

#[tokio::test]
async fn the_latest_quarters_show_with_their_revision() {
    let html = render(Lang::En).await;
    assert!(
        html.contains("data-testid=\"quarters\""),
        "the quarterly table"
    );
    for q in ["2024Q4", "2025Q1", "2025Q2", "2025Q3", "2025Q4"] {
        assert!(html.contains(&format!("data-row=\"{q}\"")), "{q}");
    }
    assert!(
        html.contains("2025 sales: the four quarters as printed add up to"),
        "the revision is shown"
    );
    let ko = render(Lang::Ko).await;
    assert!(
        ko.contains("최근 분기") && ko.contains("상향 수정"),
        "in Korean too"
    );
}

#[tokio::test]
async fn context_events_are_listed_in_each_language() {
    let en = render(Lang::En).await;
    assert!(en.contains("data-testid=\"events\""), "the list");
    assert!(en.contains("de minimis"), "an event in English");
    assert!(en.contains("data-row=\"2025-08-29\""), "dated");
    let ko = render(Lang::Ko).await;
    assert!(
        ko.contains("그 사이 있었던 일") && ko.contains("공정거래위원회"),
        "in Korean"
    );
}

#[tokio::test]
async fn a_partner_stopped_by_its_bound_says_which_years_and_the_change() {
    // The first releases' Japan has one published change, +8.8 %: in 2026 its share of the total
    // would move it further, and the bound holds it. Its assumption names the year and the change.
    for (lang, said) in [
        (
            Lang::En,
            "In 2026 it moves only as far as its largest published yearly change (8.8%), not to the model's share.",
        ),
        (
            Lang::Ko,
            "2026년 값은 모형의 몫 대신, 공개된 해 가운데 가장 큰 연간 변화(8.8%)만큼만 움직였습니다.",
        ),
    ] {
        let html = yew::LocalServerRenderer::<App>::with_props(AppProps {
            lang: Some(lang),
            options: jikgu::state::StartOptions {
                source: Some("kostat-first".into()),
                ..Default::default()
            },
            ..AppProps::default()
        })
        .hydratable(false)
        .render()
        .await;
        assert!(html.contains(said), "{lang:?}: {said}");
        assert_eq!(html.matches(said).count(), 1, "{lang:?}: Japan alone");
    }
}

#[tokio::test]
async fn a_projected_years_headline_is_told_as_a_projection_not_as_what_happened() {
    let page = |lang: Lang, source: &'static str| {
        yew::LocalServerRenderer::<App>::with_props(AppProps {
            lang: Some(lang),
            options: jikgu::state::StartOptions {
                source: Some(source.into()),
                ..Default::default()
            },
            ..AppProps::default()
        })
        .hydratable(false)
        .render()
    };
    // The revised series ends in 2024: its view opens on 2025, projected.
    let en = page(Lang::En, "kostat-revised").await;
    assert!(
        en.contains("On these projections, in 2025 Korean shoppers would buy"),
        "{en}"
    );
    assert!(
        !en.contains("In 2025, Korean shoppers bought"),
        "no projection told as past"
    );
    let ko = page(Lang::Ko, "kostat-revised").await;
    assert!(
        ko.contains("전망대로라면 2025년 한국 소비자가 해외 온라인몰에서 사는 금액이"),
        "{ko}"
    );
    assert!(!ko.contains("많았습니다"), "no projection told as past");
    // The re-based series publishes 2025: told as what happened.
    let published = page(Lang::En, "kostat-rebased").await;
    assert!(
        published.contains("In 2025, Korean shoppers bought ₩5.485 trillion more"),
        "{published}"
    );
}
