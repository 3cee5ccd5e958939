//! The app rendered natively through yew's server-side renderer: what a reader sees before any
//! effect runs, and what the automation contract promises to find.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jikgu::core::Lang;
use jikgu::ui::{App, AppProps};

async fn render(lang: Lang) -> String {
    yew::LocalServerRenderer::<App>::with_props(AppProps { lang: Some(lang) })
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
        6,
        "the story's six claims"
    );
    for verdict in [
        "data-verdict=\"holds\"",
        "data-verdict=\"fails\"",
        "data-verdict=\"unchecked\"",
    ] {
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
async fn headline_is_the_default_views_2023_balance_in_each_language() {
    let cases = [(Lang::En, "₩6.003 trillion"), (Lang::Ko, "6조 30억 원")];
    for (lang, figure) in cases {
        let html = render(lang).await;
        let headline = text_of(&html, "headline");
        assert!(
            headline.contains(figure),
            "{lang:?} headline shows KIEP's 2023 deficit {figure}: {headline}"
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
