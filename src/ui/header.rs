//! The page header: title, language, theme and source.

use yew::prelude::*;

use crate::core::Lang;
use crate::state::{Action, Theme};
use crate::ui::{AppContext, ShareButton};

/// Title, language and theme switches, and the source the view uses.
///
/// It also keeps the theme in step with the browser: it reports the system's colour preference to
/// the state (so [`crate::state::AppState::dark`] is right for charts) and sets `<html data-theme>`.
#[component]
pub fn Header() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    {
        let system_dark = crate::web::use_prefers_dark();
        let dispatch = state.dispatcher();
        use_effect_with(system_dark, move |dark| {
            dispatch.dispatch(Action::SetSystemDark(*dark))
        });
        use_effect_with(state.theme, |theme| crate::web::set_page_theme(*theme));
    }
    let lang = state.lang;
    let set_theme = |to: Theme| {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::SetTheme(to)))
    };
    let set_lang = |to: Lang| {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::SetLang(to)))
    };
    let on_view = {
        let dispatch = state.dispatcher();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                dispatch.dispatch(Action::ChooseView(select.value()));
            }
        })
    };
    let current = state.computed.view;
    html! {
        <header class="top">
            <div class="title">
                <h1>{ lang.pick("해외직구 적자 계산기", "Korea's cross-border e-commerce deficit, recomputed") }</h1>
                <p class="dek">{ lang.pick(
                    "기사 속 숫자를 출처와 함께 다시 계산해 보세요. 모든 계산은 브라우저 안에서 이뤄집니다.",
                    "Recompute the story's numbers from their sources. Everything runs in your browser.",
                ) }</p>
            </div>
            <div class="controls">
                <ShareButton />
                <div class="lang" role="group" aria-label={lang.pick("언어", "Language")}>
                    <button type="button" aria-pressed={(lang == Lang::Ko).to_string()} onclick={set_lang(Lang::Ko)} lang="ko">{ "한국어" }</button>
                    <button type="button" aria-pressed={(lang == Lang::En).to_string()} onclick={set_lang(Lang::En)} lang="en">{ "English" }</button>
                </div>
                <div class="theme" role="group" aria-label={lang.pick("화면 테마", "Colour theme")}>
                    { for Theme::ALL.into_iter().map(|theme| html! {
                        <button key={theme.id()} type="button" data-theme-choice={theme.id()} aria-pressed={(state.theme == theme).to_string()} onclick={set_theme(theme)}>
                            <span aria-hidden="true">{ match theme { Theme::System => "◐ ", Theme::Light => "☀ ", Theme::Dark => "☾ " } }</span>
                            { theme_label(theme, lang) }
                        </button>
                    }) }
                </div>
                <label class="source">
                    <span>{ lang.pick("출처", "Source") }</span>
                    <select onchange={on_view}>
                        { for state.dataset.source_views().map(|(i, view)| html! {
                            <option key={view.id.clone()} value={view.id.clone()} selected={i == current}>
                                { state.dataset.view_label(i, lang).to_string() }
                            </option>
                        }) }
                    </select>
                </label>
            </div>
        </header>
    }
}

/// A theme's short name on its switch.
fn theme_label(theme: Theme, lang: Lang) -> &'static str {
    match theme {
        Theme::System => lang.pick("시스템", "System"),
        Theme::Light => lang.pick("밝게", "Light"),
        Theme::Dark => lang.pick("어둡게", "Dark"),
    }
}
