//! The charts of the page: the balance by year and the flows by partner, each readable by keyboard
//! and as a table, with the current figures downloadable as CSV and JSON.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::chart_model::{
    ChartModel, annotate, balance_chart_with, flows_chart_with, stand_in_note,
};
use crate::core::num::{Style, format, format_balance};
use crate::core::provenance::describe;
use crate::core::{Dataset, Lang};
use crate::ui::{AppContext, ChartView};

/// What a chart's readout says for each of its years: every drawn figure with where it came from,
/// e.g. "2023: a ₩6.003 trillion deficit — published by KIEP (2025 report)".
pub fn readouts(model: &ChartModel, dataset: &Dataset, lang: Lang) -> Vec<(i32, String)> {
    let (first, last) = model.year_span();
    (first..=last)
        .map(|year| (year, readout(model, dataset, lang, year)))
        .collect()
}

/// What a chart's readout says for `year` (see [`readouts`]); "no data" for a year it does not
/// draw. Made when the reader points at a year, not for every year on every edit.
pub fn readout(model: &ChartModel, dataset: &Dataset, lang: Lang, year: i32) -> String {
    let parts: Vec<String> = model
        .columns
        .iter()
        .filter_map(|column| {
            let (value, provenance) = column.at(year)?;
            let value = value?;
            let mut source = describe(provenance, dataset, lang);
            if let Some((_, bits)) = column.stand_in.iter().find(|s| s.0 == year) {
                source = format!("{source}; {}", stand_in_note(*bits, lang));
            }
            Some(if column.balance && model.columns.len() == 1 {
                let figure = format_balance(value, column.quantity, lang, Style::Compact);
                format!("{figure} — {source}")
            } else {
                let figure = format(value, column.quantity, lang, Style::Compact);
                format!("{} {figure} ({source})", column.label)
            })
        })
        .collect();
    let text = if parts.is_empty() {
        lang.pick("자료 없음", "no data").to_string()
    } else {
        parts.join("; ")
    };
    format!("{year}: {text}")
}

/// Props of [`ChartsPanel`].
#[derive(Properties, PartialEq, Default)]
pub struct ChartsPanelProps {
    /// Only the balance chart, without downloads or its table: the compact embed under an article.
    #[prop_or_default]
    pub compact: bool,
}

/// The two charts and the figure downloads (or, compact, the balance chart alone).
#[component]
pub fn ChartsPanel(props: &ChartsPanelProps) -> Html {
    let ranges = crate::ui::use_ranges();
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let lang = state.lang;
    // The page's theme choice (light, dark or the system's), so the canvas matches the page.
    let dark = state.dark();
    let partner = state.computed.headline.series.partner;
    // The fans join the charts once the ranges are ready, one frame after the central figures.
    let balance = use_memo(
        (
            state.computed.clone(),
            partner,
            lang,
            ranges.clone(),
            state.dataset.clone(),
        ),
        |(computed, partner, lang, ranges, dataset)| {
            let mut model = balance_chart_with(computed, *partner, *lang, ranges.as_deref());
            annotate(&mut model, dataset, computed.view);
            Rc::new(model)
        },
    );
    let flows = use_memo(
        (
            state.computed.clone(),
            lang,
            ranges.clone(),
            state.dataset.clone(),
        ),
        |(computed, lang, ranges, dataset)| {
            let mut model = flows_chart_with(computed, *lang, ranges.as_deref());
            annotate(&mut model, dataset, computed.view);
            Rc::new(model)
        },
    );
    let on_csv = use_callback(
        (
            state.computed.clone(),
            state.dataset.clone(),
            ranges.clone(),
            lang,
        ),
        |_: MouseEvent, (computed, dataset, ranges, lang)| {
            download_figures(dataset, computed, ranges.as_deref(), *lang, Format::Csv)
        },
    );
    let on_json = use_callback(
        (
            state.computed.clone(),
            state.dataset.clone(),
            ranges.clone(),
            lang,
        ),
        |_: MouseEvent, (computed, dataset, ranges, lang)| {
            download_figures(dataset, computed, ranges.as_deref(), *lang, Format::Json)
        },
    );

    let balance_view = if balance.is_empty() {
        // Empty axes would read as a balance of zero: say there is none, and what to pick.
        html! {
            <p class="chart-empty" data-testid="chart-empty">
                { match lang {
                    Lang::Ko => format!(
                        "{} 수지: 이 출처에는 그릴 수치가 없습니다. 상대를 ‘전체’로 바꾸거나 다른 출처를 고르세요.",
                        partner.label(lang)
                    ),
                    Lang::En => format!(
                        "The balance with {}: this source has no figures to draw. Choose all partners or another source.",
                        partner.label(lang)
                    ),
                } }
            </p>
        }
    } else {
        html! {
        <ChartView
            id="balance"
            model={(*balance).clone()}
            dataset={state.dataset.clone()}
            {lang}
            {dark}
            compact={props.compact}
            label={lang.pick("연도별 전자상거래 수지 막대그래프", "Bar chart of the e-commerce balance by year")}
        />
        }
    };
    if props.compact {
        return html! {
            <section class="charts compact" aria-label={lang.pick("그래프", "Charts")}>
                { balance_view }
            </section>
        };
    }
    html! {
        <section class="charts" aria-labelledby="charts-title">
            <h2 id="charts-title">{ lang.pick("그래프", "Charts") }</h2>
            { balance_view }
            <ChartView
                id="flows"
                model={(*flows).clone()}
                dataset={state.dataset.clone()}
                {lang}
                {dark}
                label={lang.pick("상대국별 직구(구매)와 역직구(판매) 꺾은선그래프", "Line chart of purchases and sales by partner")}
            />
            <div class="chart-actions figures" role="group" aria-label={lang.pick("수치 내려받기", "Download the figures")}>
                <span>{ lang.pick("지금 보이는 수치와 출처 내려받기:", "Download the current figures with their sources:") }</span>
                <button type="button" onclick={on_csv}>{ "CSV" }</button>
                <button type="button" onclick={on_json}>{ "JSON" }</button>
            </div>
        </section>
    }
}

/// Which file of figures.
#[derive(Clone, Copy)]
enum Format {
    Csv,
    Json,
}

/// Writes the figures and hands them to the browser; the date in the header is read here, in the
/// effect, because the core has no clock.
fn download_figures(
    dataset: &Dataset,
    computed: &crate::core::Computed,
    ranges: Option<&crate::core::ranges::Ranges>,
    lang: Lang,
    kind: Format,
) {
    use crate::core::export::{Export, to_csv, to_json};
    let generated = crate::web::now_iso();
    let export = Export {
        dataset,
        computed,
        lang,
        generated: &generated,
        ranges,
    };
    match kind {
        Format::Csv => crate::web::save_text(
            "jikgu-figures.csv",
            "text/csv;charset=utf-8",
            &to_csv(&export),
        ),
        Format::Json => {
            crate::web::save_text("jikgu-figures.json", "application/json", &to_json(&export))
        }
    }
}
