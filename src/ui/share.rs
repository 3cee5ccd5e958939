//! "Copy link": the address of exactly this view, to send to someone.

use yew::prelude::*;

use crate::ui::AppContext;

/// What the last copy did.
#[derive(Clone, PartialEq)]
enum Copied {
    Not,
    Yes,
    /// The clipboard refused (no permission, or not a secure context): show the link to copy by hand.
    ByHand(String),
}

/// A button that copies the link of the current view: the page's address with the view in its
/// fragment (an effect in the app also puts it in the address bar, a moment after each change).
#[component]
pub fn ShareButton() -> Html {
    let copied = use_state(|| Copied::Not);
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let lang = state.lang;
    let onclick = {
        let (copied, state) = (copied.clone(), state.clone());
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            crate::web::copy_link(&state, move |result| {
                copied.set(match result {
                    Ok(()) => Copied::Yes,
                    Err(url) => Copied::ByHand(url),
                })
            });
        })
    };
    html! {
        <div class="share">
            <button type="button" {onclick}>{ lang.pick("링크 복사", "Copy link") }</button>
            <span role="status" class="share-status">{
                match &*copied {
                    Copied::Not => Html::default(),
                    Copied::Yes => html! { lang.pick("복사했습니다", "Copied") },
                    Copied::ByHand(url) => html! {
                        <input type="text" readonly=true value={url.clone()} aria-label={lang.pick("이 화면의 링크", "Link to this view")} />
                    },
                }
            }</span>
        </div>
    }
}
