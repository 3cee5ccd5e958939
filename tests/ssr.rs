//! The app rendered natively through yew's server-side renderer: what a reader sees before any
//! effect runs, and what the automation contract promises to find.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jikgu::ui::App;

async fn render_app() -> String {
    yew::LocalServerRenderer::<App>::new()
        .hydratable(false)
        .render()
        .await
}

#[tokio::test]
async fn first_screen_shows_the_headline_and_a_chart() {
    let html = render_app().await;
    for needle in [
        "data-testid=\"headline\"",
        "data-testid=\"chart\"",
        "<canvas",
        "role=\"img\"",
    ] {
        assert!(html.contains(needle), "{needle} missing from:\n{html}");
    }
}

#[tokio::test]
async fn headline_is_computed_from_the_data() {
    let html = render_app().await;
    let start = html.find("data-testid=\"headline\"").expect("headline");
    let text = &html[start..html[start..].find("</").map(|e| start + e).expect("closed")];
    assert!(
        text.chars().any(|c| c.is_ascii_digit()),
        "the headline shows a figure: {text}"
    );
}
