//! "Embed this": the code a newsroom pastes into an article to show the calculator in this state.

use yew::prelude::*;

use crate::core::Lang;
use crate::ui::AppContext;

/// The iframe and the host snippet, for the view as it is now.
pub fn embed_code(folder: &str, lang: Lang, fragment: Option<&str>) -> String {
    let hash = fragment.map(|f| format!("#{f}")).unwrap_or_default();
    let title = lang.pick(
        "해외직구 적자 계산기",
        "Korea's cross-border e-commerce deficit, recomputed",
    );
    format!(
        "<iframe data-jikgu src=\"{folder}?embed&childId=jikgu&lang={}{hash}\" title=\"{title}\" \
         style=\"width:100%;height:640px;border:0\" loading=\"lazy\"></iframe>\n\
         <script src=\"{folder}embed.js\" async></script>",
        lang.tag()
    )
}

/// A disclosure with the embed code, ready to copy.
#[component]
pub fn EmbedCode() -> Html {
    let folder = use_memo((), |_| crate::web::served_folder());
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let lang = state.lang;
    let fragment = state.link_fragment();
    let code = embed_code(&folder, lang, fragment.as_deref());
    html! {
        <details class="embed-code">
            <summary>{ lang.pick("기사에 넣기 (임베드 코드)", "Embed this in an article") }</summary>
            <p class="note">{ lang.pick(
                "아래 코드를 기사에 붙여 넣으면 지금 화면 그대로 들어갑니다. iframe 높이는 내용에 맞춰 자동으로 바뀝니다.",
                "Paste this into an article to show the calculator as it is now. The iframe's height follows its content.",
            ) }</p>
            <label for="embed-code-text" class="visually-hidden">{ lang.pick("임베드 코드", "Embed code") }</label>
            <textarea id="embed-code-text" readonly=true rows="4" value={code} data-testid="embed-code" />
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_names_the_embed_options_and_the_host_snippet() {
        let code = embed_code("https://news.example/jikgu/", Lang::Ko, Some("v1.abc.def"));
        for part in [
            "src=\"https://news.example/jikgu/?embed&childId=jikgu&lang=ko#v1.abc.def\"",
            "data-jikgu",
            "<script src=\"https://news.example/jikgu/embed.js\" async></script>",
        ] {
            assert!(code.contains(part), "{part} in {code}");
        }
        assert!(
            !embed_code("https://x/", Lang::En, None).contains('#'),
            "no fragment for the defaults"
        );
    }
}
