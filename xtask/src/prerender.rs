//! The prerendered first screen: the app's default view, rendered natively by the app's own
//! components (`jikgu::ui::prerender`), put inside `#app` so the page paints it before the
//! WebAssembly arrives, and without JavaScript at all.
//!
//! What goes into `#app`, in document order:
//!
//! 1. `<template id="jk-embed">`: the compact embed layout (`?embed`), inert until wanted;
//! 2. a small script, run before anything below it is painted, that decides whether the
//!    prerendered figures are the ones this address will show (see [`decide_script`]): if not, it
//!    marks the page `jk-stale` and the stylesheet turns the figures into a neutral placeholder of
//!    the same size; with `?embed` it puts the compact layout in and posts its height to the host;
//! 3. `<noscript>`: one line, in both languages, saying that editing needs JavaScript;
//! 4. the full page, `<main … data-prerendered>`, its controls disabled until the app replaces it.

use jikgu::core::{Lang, Scenario};

/// The language prerendered: the page's own `<html lang>` and the app's language when the
/// browser states no Korean preference (see README, "Prerendered first screen", for the measure).
pub const LANG: Lang = Lang::En;

/// The two layouts of the default view, as the app renders them.
pub struct Rendered {
    /// The full calculator.
    pub full: String,
    /// The compact embed.
    pub embed: String,
}

/// Renders the default view natively, in the full and the compact layout.
pub fn render(lang: Lang) -> Result<Rendered, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("cannot start the renderer: {e}"))?;
    let local = tokio::task::LocalSet::new();
    let (full, embed) = runtime.block_on(local.run_until(async {
        (
            jikgu::ui::prerender::render(lang, false).await,
            jikgu::ui::prerender::render(lang, true).await,
        )
    }));
    if !full.contains("data-testid=\"headline\"") || !embed.contains("data-testid=\"headline\"") {
        return Err("the prerendered page has no headline".into());
    }
    Ok(Rendered { full, embed })
}

/// What `#app` holds in the built page.
pub fn app_contents(rendered: &Rendered, lang: Lang, dataset_id: &str) -> Result<String, String> {
    let full = inert(&mark(&rendered.full)?);
    let embed = inert(&mark(&rendered.embed)?);
    Ok(format!(
        "<template id=\"jk-embed\">{embed}</template>\
         <script>{script}</script>\
         <noscript><p class=\"noscript\"><span lang=\"ko\">수치를 바꿔 보려면 자바스크립트가 필요합니다.</span> \
         <span lang=\"en\">Editing the figures needs JavaScript.</span></p></noscript>\
         {full}",
        script = decide_script(lang, dataset_id),
    ))
}

/// Marks the app's `<main>` as the prerender, for the stylesheet and the app's mount.
fn mark(html: &str) -> Result<String, String> {
    let html = html.trim();
    let rest = html
        .strip_prefix("<main")
        .ok_or("the prerendered page does not start with <main>")?;
    Ok(format!("<main data-prerendered{rest}"))
}

/// Disables every control: until the app takes over nothing can be typed or chosen that the
/// takeover would lose, and the controls look it.
fn inert(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 4096);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let name_len = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(rest.len() - 1, |n| n);
        let name = &rest[1..1 + name_len];
        out.push('<');
        out.push_str(name);
        if matches!(name, "input" | "select" | "button" | "textarea") {
            out.push_str(" disabled");
        }
        rest = &rest[1 + name_len..];
    }
    out.push_str(rest);
    out
}

/// The script that decides, before the first paint, whether the prerendered figures are the ones
/// this address shows. They are not when the address carries a share link (`#…`), a source,
/// year or partner, a language other than the prerendered one (asked with `?lang=` or preferred
/// by the browser), a theme other than the system's (the prerendered charts follow the system's), or when
/// storage holds a scenario other than the default for this dataset.
/// It mirrors `web::query::start_options`, `web::preferred_lang` and `web::storage::load`.
pub fn decide_script(lang: Lang, dataset_id: &str) -> String {
    let default_scenario = serde_json::to_string(&Scenario::default()).unwrap_or_default();
    let dataset_id = dataset_id.replace(['\\', '"', '<'], "");
    format!(
        "(()=>{{const h=document.documentElement,q=new URLSearchParams(location.search),n=navigator,\
         k=t=>/^ko([-_]|$)/i.test(t||\"\")?\"ko\":\"en\",t=q.get(\"theme\"),\
         d=matchMedia(\"(prefers-color-scheme: dark)\").matches;\
         let s=location.hash.length>1||[\"source\",\"year\",\"partner\"].some(x=>q.get(x))\
         ||t===\"dark\"&&!d||t===\"light\"&&d;\
         if(k(q.get(\"lang\")||(n.languages&&n.languages[0])||n.language)!==\"{lang}\")s=1;\
         try{{const p=JSON.parse(localStorage.getItem(\"jikgu.session\"));\
         if(p&&(p.v!==1||p.dataset===\"{dataset_id}\"&&JSON.stringify(p.current)!==JSON.stringify({default_scenario})))s=1}}catch(e){{}}\
         if(s)h.classList.add(\"jk-stale\");\
         if(![\"\",\"1\",\"true\"].includes(q.get(\"embed\")))return;\
         h.classList.add(\"jk-embed\");\
         const c=document.currentScript,m=document.getElementById(\"jk-embed\").content.firstElementChild.cloneNode(true);\
         c.after(m);\
         const i=(q.get(\"childId\")||\"jikgu\").replace(/[^\\w-]/g,\"\").slice(0,64)||\"jikgu\",\
         y=Math.ceil(m.getBoundingClientRect().bottom+scrollY);\
         if(parent!==window)for(const x of[\"pymxPYMx\"+i+\"xPYMxheightxPYMx\"+y,{{sentinel:\"amp\",type:\"embed-size\",height:y}},{{\"datawrapper-height\":{{[i]:y}}}}])parent.postMessage(x,\"*\")}})()",
        lang = lang.tag(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_disabled_and_nothing_else_changes() {
        let html = "<p>a<b>b</b></p><input type=\"text\" value=\"1\"><button>x</button><select><option>o</option></select><textarea></textarea><inputs>";
        assert_eq!(
            inert(html),
            "<p>a<b>b</b></p><input disabled type=\"text\" value=\"1\"><button disabled>x</button><select disabled><option>o</option></select><textarea disabled></textarea><inputs>"
        );
    }

    #[test]
    fn the_prerender_is_the_apps_default_view_with_its_charts_drawn() {
        let rendered = render(Lang::En).expect("renders");
        let contents = app_contents(&rendered, Lang::En, "jikgu-test").expect("contents");
        // Today's official 2025 balance (tests/ssr.rs), and both charts as drawings.
        assert!(contents.contains("₩5.485 trillion"), "the headline figure");
        assert_eq!(
            rendered.full.matches("<svg viewBox=\"0 0 480 ").count(),
            2,
            "both charts drawn in the full page"
        );
        assert_eq!(
            rendered.embed.matches("<svg viewBox=\"0 0 480 ").count(),
            1,
            "the balance chart in the embed"
        );
        assert!(!contents.contains("<canvas"), "no canvas before the app");
        assert!(
            contents.find("<template").expect("template")
                < contents.find("<script").expect("script")
                && contents.find("<script").expect("script")
                    < contents.rfind("<main data-prerendered").expect("main"),
            "the embed's template, then the script that may use it, then the page"
        );
        assert!(
            !contents.contains("<input type") && contents.contains("<input disabled"),
            "controls are inert"
        );
        for verdict in ["data-verdict=\"fails\"", "data-verdict=\"unchecked\""] {
            assert!(
                contents.contains(verdict),
                "the claims' verdicts: {verdict}"
            );
        }
    }

    #[test]
    fn the_decision_knows_the_default_scenario_and_the_language() {
        let script = decide_script(Lang::En, "jikgu-x");
        assert!(script.contains("JSON.stringify({\"v\":1})"), "{script}");
        assert!(script.contains("!==\"en\""), "{script}");
        assert!(script.contains("p.dataset===\"jikgu-x\""), "{script}");
        assert!(!script.contains("</"), "nothing ends the script early");
    }
}
