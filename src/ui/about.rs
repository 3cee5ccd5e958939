//! About: the method in plain words, every source with its link, the dataset's version, how to
//! cite the calculator, and what it does not do.

use yew::prelude::*;

use std::rc::Rc;

use crate::core::{Dataset, Lang, Source};
use crate::state::Action;
use crate::ui::{AppContext, EmbedCode};

fn citation(source: &Source) -> Html {
    let mut parts = vec![source.publisher.clone()];
    if let Some(author) = &source.author {
        parts.push(author.clone());
    }
    parts.push(format!("“{}”", source.title));
    if let Some(date) = &source.date {
        parts.push(date.clone());
    }
    html! {
        <li key={source.id.clone()} id={format!("source-{}", source.id)}>
            { parts.join(", ") }
            if let Some(url) = &source.url {
                { " · " }<a href={url.clone()} rel="noopener noreferrer" target="_blank">{ url.clone() }</a>
            }
            if let Some(note) = &source.note {
                <p class="note">{ note.clone() }</p>
            }
        </li>
    }
}

/// The method, the sources and the limits, for readers who want to check the checker.
#[component]
pub fn About() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let lang = state.lang;
    let data = &state.dataset;
    let sha256 = use_memo(data.clone(), |data| crate::core::link::dataset_sha256(data));
    // The file is written from the dataset in memory, so it downloads from the single offline
    // file too, where there is no data/ folder beside the page.
    let on_download = {
        let text = data.text().to_string();
        Callback::from(move |_: MouseEvent| {
            #[cfg(target_arch = "wasm32")]
            if let Err(error) =
                crate::web::download::download_text("jikgu.toml", "text/plain;charset=utf-8", &text)
            {
                gloo::console::error!(error);
            }
            #[cfg(not(target_arch = "wasm32"))]
            let _ = &text;
        })
    };
    let cite = match lang {
        Lang::Ko => format!(
            "jikgu 계산기, 자료 {} 버전 {} ({})",
            data.id, data.version, data.released
        ),
        Lang::En => format!(
            "jikgu calculator, dataset {} version {} ({})",
            data.id, data.version, data.released
        ),
    };
    html! {
        <section class="about" aria-labelledby="about-title">
            <h2 id="about-title">{ lang.pick("이 계산기에 대하여", "About this calculator") }</h2>
            <details>
                <summary>{ lang.pick("계산 방법", "How it works") }</summary>
                <p>{ lang.pick(
                    "모든 수치는 발표된 그대로 출처와 함께 저장되어 있고, 계산은 모두 이 브라우저 안에서 소수 연산(부동소수점 아님)으로 이뤄집니다. 수지는 역직구(판매)에서 직구(구매)를 뺀 값입니다. 출처마다 정의와 범위가 달라 한 화면에는 한 출처만 쓰며, 서로 섞지 않습니다. 빈 해는 직접 채우거나 규칙(보간, 이월)을 고르기 전까지 비어 있습니다. 전망은 고른 성장 가정을 따른 계산일 뿐 예측이 아닙니다.",
                    "Every figure is stored as published, with its source, and every calculation runs in this browser in decimal arithmetic (no floating point for money). The balance is sales abroad minus purchases from abroad. Sources define and scope the trade differently, so a view uses one source at a time and never mixes them. A missing year stays empty until you fill it or choose a rule (interpolate, carry forward). Projections follow the growth assumption you choose; they are arithmetic, not forecasts.",
                ) }</p>
                <p>{ lang.pick(
                    "기사 속 주장은 각 부분마다 검사식과 기사의 반올림에 맞춘 허용 오차를 가지고, 수치를 고칠 때마다 다시 평가됩니다.",
                    "Each of the story's claims is split into parts, each with a check and a tolerance matching how the story rounds; every edit re-evaluates them.",
                ) }</p>
            </details>
            <details>
                <summary>{ lang.pick("출처", "Sources") }</summary>
                <ul class="sources-list">{ for data.sources().iter().map(citation) }</ul>
            </details>
            <details>
                <summary>{ lang.pick("인용과 자료", "Citing, and the data") }</summary>
                <p>{ lang.pick("인용: ", "Cite as: ") }<cite>{ cite }</cite></p>
                <p class="dataset-id" data-testid="dataset-version">
                    { match lang {
                        Lang::Ko => format!("자료 {} · 버전 {} · 발행 {} · 수치는 {}년까지", data.id, data.version, data.released, data.years().1),
                        Lang::En => format!("Dataset {} · version {} · released {} · figures up to {}", data.id, data.version, data.released, data.years().1),
                    } }
                    <br />
                    { "SHA-256 " }<code class="sha">{ (*sha256).clone() }</code>
                </p>
                <p>
                    { lang.pick("자료 파일(TOML, 편집 가능): ", "The data file (TOML, editable): ") }
                    <button type="button" class="link" onclick={on_download}>{ "jikgu.toml" }</button>
                </p>
                <DataFilePicker />
            </details>
            <EmbedCode />
            <details>
                <summary>{ lang.pick("이 계산기가 하지 않는 것", "What it does not do") }</summary>
                <ul>
                    <li>{ lang.pick("새 통계를 만들지 않습니다. 발표된 수치와 그 산술만 다룹니다.", "It makes no new statistics: only published figures and their arithmetic.") }</li>
                    <li>{ lang.pick("출처 간 차이를 맞추거나 평균 내지 않습니다.", "It does not reconcile or average sources that disagree.") }</li>
                    <li>{ lang.pick("전망은 가정의 결과일 뿐, 미래를 예측하지 않습니다.", "Its projections show what an assumption implies, not what will happen.") }</li>
                    <li>{ lang.pick("서버가 없습니다. 입력한 내용은 이 브라우저 밖으로 나가지 않습니다.", "There is no server: nothing you type leaves this browser.") }</li>
                </ul>
            </details>
        </section>
    }
}

/// Load another data file of the same schema from disk, or go back to the built-in one.
#[component]
fn DataFilePicker() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let lang = state.lang;
    let on_file = {
        let dispatch = state.dispatcher();
        Callback::from(move |e: Event| {
            #[cfg(target_arch = "wasm32")]
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                let dispatch = dispatch.clone();
                crate::web::read_chosen_file(&input, move |name, text| {
                    dispatch.dispatch(Action::LoadDataset { name, text })
                });
                // Choosing the same file again should load it again.
                input.set_value("");
            }
            #[cfg(not(target_arch = "wasm32"))]
            let _ = (&e, &dispatch);
        })
    };
    let on_builtin = {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| {
            if let Ok(dataset) = Dataset::embedded() {
                dispatch.dispatch(Action::UseEmbeddedDataset(Rc::new(dataset.clone())));
            }
        })
    };
    let file = &state.data_file;
    html! {
        <div class="data-file">
            <label for="data-file-input">{ lang.pick("다른 자료 파일 불러오기 (같은 형식의 TOML)", "Load another data file (TOML, same schema)") }</label>
            <input id="data-file-input" type="file" accept=".toml,text/plain" onchange={on_file}
                aria-describedby={file.refused.is_some().then_some("data-file-error")} />
            if let Some(name) = &file.loaded {
                <p class="note" role="status">
                    { match lang {
                        Lang::Ko => format!("지금 쓰는 자료: {name} (버전 {})", state.dataset.version),
                        Lang::En => format!("Using {name} (version {})", state.dataset.version),
                    } }
                    { " " }
                    <button type="button" class="link" onclick={on_builtin}>{ lang.pick("내장 자료로 돌아가기", "Back to the built-in data") }</button>
                </p>
            }
            if let Some((name, error)) = &file.refused {
                <p id="data-file-error" class="error" role="alert">
                    { match lang {
                        Lang::Ko => format!("{name} 파일을 쓸 수 없습니다 (지금 자료는 그대로입니다): {error}"),
                        Lang::En => format!("{name} was not loaded (the current data stays): {error}"),
                    } }
                </p>
            }
        </div>
    }
}
