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

/// How projections and their ranges are made, with every constant the page uses.
fn projection_method(lang: Lang) -> String {
    // The f64 constants are written out rather than formatted: formatting an f64 would bring the
    // float printing code into the wasm for three numbers (forecast's tests check they agree).
    use crate::core::forecast::{BETA_MAX as beta_max, MIN_YEARS, PATHS, SEED, WINDOW};
    let (floor, max) = crate::core::forecast::STATED;
    match lang {
        Lang::Ko => format!(
            "전망: 각 출처의 마지막 발표 연도 뒤부터입니다. 수준이 일찍 끊겼지만 전년 대비 증감률이 발표된 계열은 그 증감률로 이어 붙입니다(계산값). 그래도 마지막 연도에 닿지 못하는 계열은 전망하지 않습니다. 기본 방법은 감쇠 추세(Gardner–McKenzie, Hyndman·Athanasopoulos 『Forecasting: Principles and Practice』 8.2절의 ETS(A,Ad,N))로, 흐름은 로그 값에, 흐름 없이 발표된 수지는 값에 맞춥니다. 최근 연속된 최대 {WINDOW}개 연도에 맞추되, 한 해에 두 배 이상 늘거나 절반 이하로 준 해가 있으면 그 해부터 맞춥니다(그 앞은 다른 시장입니다). n개 연도에 맞춘 추세는 φ = (n − 1)/n으로 감쇠해 잰 햇수만큼만 이어가며, α와 β*(최대 {beta_max})는 한 해 앞 예측 오차 제곱합이 가장 작은 값을 격자에서 고릅니다. 전망은 마지막 발표값에서 이어집니다. 연속 연도가 {MIN_YEARS}개 미만이면 마지막 값을 유지합니다. 수지는 언제나 판매 − 구매입니다. 상대국은 전체 대비 몫으로 전망합니다(Aitchison의 가법 로그비): 나머지 지역 대비 비율의 로그에 같은 감쇠 추세를 맞춰 몫으로 되돌리므로 상대국 합은 전체를 넘지 않고 어느 몫도 빨라지지 않습니다. 그 비율의 연속 연도가 {MIN_YEARS}개 미만이면 그 비율을 유지합니다. 다만 어느 상대국도 한 해에 단절 뒤 최근 {WINDOW}개 발표 연도의 어느 해보다 빨리 늘거나 줄지 않으며, 그 차이는 추세가 있는 다른 상대국과 나머지 지역이 나눠 맡습니다. 직접 고친 값과 고른 증가율은 지키고, 그것이 전체를 넘으면 전체를 늘립니다. 흐름 없이 발표된 전체 수지는 상대국 수지 + 나머지 지역입니다. 범위: 모의 경로 {PATHS}개(SplitMix64, 시드 {SEED:#x})로 계열별 오차(감쇠 추세의 한 해 앞 오차를 모두 수준에 남김(α = 1), 그 밖에는 과거 변화가 평균 변화에서 벗어난 크기로 정한 확률보행, 변화가 하나뿐이면 가정한 연 20%; 연 {floor}~{max}, 로그 기준)를 같은 항등식에 통과시킨 10~90번째(80%)와 2.5~97.5번째(95%) 백분위수입니다. 같은 설정이면 언제나 같은 범위가 나옵니다. 추세를 맞추기 전에, 다른 기준의 값이 대신 들어간 연도는 이 자료의 기준에 이어지도록 비율로 맞추고, 출처가 증감률을 발표한 해는 두 수준의 비율 대신 그 증감률을 씁니다. 통계 기준이 바뀐 것을 성장으로 읽지 않기 위해서입니다."
        ),
        Lang::En => format!(
            "Projections start after each source's own last published year. A level that stops early but whose year-on-year change the source kept publishing is chained from those changes (marked derived); a row that still cannot reach that year is not projected. The default method is a damped trend (Gardner–McKenzie; ETS(A,Ad,N) in Hyndman and Athanasopoulos, Forecasting: Principles and Practice, §8.2), fitted on the logarithms of a flow, or on the levels of a balance published without its flows, over its last run of at most {WINDOW} consecutive years, starting after the last year in which it doubled or halved (the years before describe another market), with the damping φ = (n − 1)/n for n years (a trend goes on for as many years as it was measured over) and α and β* (at most {beta_max}) chosen from a grid by least squares of one-step errors; it carries on from the last published figure. A row with fewer than {MIN_YEARS} consecutive years holds its last level. A balance is always sales − purchases. Partners are shares of their total (Aitchison's additive log-ratio): the same damped trend, fitted on the log of each partner's ratio to the rest of the world and turned back into shares, keeps them within their total with no share accelerating; with fewer than {MIN_YEARS} years of that ratio a partner keeps its last ratio. No partner rises or falls in a year faster than in any of its last {WINDOW} published years since a break; the other partners with a trend and the rest of the world take up the difference. Figures you edit and rates you choose are kept, and the total rises if they exceed it; a total balance published without flows is its partners plus the rest of the world. Ranges: {PATHS} simulated paths (SplitMix64, seed {SEED:#x}), each row straying by its own errors (the damped trend's one-step errors, each kept in the level (α = 1); otherwise a random walk with the spread of its history around its mean change, or an assumed 20 % a year with a single change; {floor} to {max} a year on logs), passed through the same identities; the 80 % range is the 10th to 90th percentile, the 95 % range the 2.5th to 97.5th. The same settings always give the same ranges. Before a trend is fitted, years standing in from another basis are rescaled to join the view's own, and a step into a year whose change the source printed takes that change rather than the ratio of two levels, so a change of basis is never read as growth."
        ),
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
            crate::web::save_text("jikgu.toml", "text/plain;charset=utf-8", &text)
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
                    "모든 수치는 발표된 그대로 출처와 함께 저장되어 있고, 계산은 모두 이 브라우저 안에서 소수 연산(부동소수점 아님)으로 이뤄집니다. 수지는 역직구(판매)에서 직구(구매)를 뺀 값입니다. 출처마다 정의와 범위가 달라 한 화면에는 한 출처만 쓰며, 서로 섞지 않습니다. 빈 해는 직접 채우거나 규칙(보간, 이월)을 고르기 전까지 비어 있습니다. 전망 방법은 아래에 적었습니다.",
                    "Every figure is stored as published, with its source, and every calculation runs in this browser in decimal arithmetic (no floating point for money). The balance is sales abroad minus purchases from abroad. Sources define and scope the trade differently, so a view uses one source at a time and never mixes them. A missing year stays empty until you fill it or choose a rule (interpolate, carry forward). Projections are described below.",
                ) }</p>
                <p data-testid="about-projection">{ projection_method(lang) }</p>
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
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                let dispatch = dispatch.clone();
                crate::web::read_chosen_file(&input, move |name, text| {
                    dispatch.dispatch(Action::LoadDataset { name, text })
                });
            }
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
                        Lang::Ko => format!("{name} 파일을 쓸 수 없습니다 (지금 자료는 그대로입니다): {}", error.message(lang)),
                        Lang::En => format!("{name} was not loaded (the current data stays): {}", error.message(lang)),
                    } }
                </p>
            }
        </div>
    }
}
