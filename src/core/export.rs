//! The current figures as files a reader can take away: CSV and JSON, each saying what it is.
//!
//! Both list every figure of the view's table (gaps left out) with its exact value, its unit and its
//! provenance: published (with the source's id), derived (with the formula), assumed (with the rule),
//! edited (with the value it replaced) or projected (with the method). A header names the dataset and
//! its version, the source view, the display unit and when the file was made. That date comes from
//! the caller: the core does no I/O and has no clock.
//!
//! Values are written from their `Decimal`s as exact strings, never through `f64`. The CSV follows
//! RFC 4180 (CRLF line ends, fields with commas, quotes or line breaks quoted, quotes doubled) and
//! starts with a UTF-8 byte-order mark so spreadsheet programs read Korean text correctly. Its header
//! lines start with `#`, which most CSV readers can be told to skip as comments.
//!
//! ```
//! use jikgu::core::export::{Export, to_csv};
//! use jikgu::core::{Dataset, Lang, Scenario, compute};
//! let dataset = Dataset::embedded().unwrap();
//! let computed = compute(dataset, &Scenario::default());
//! let csv = to_csv(&Export { dataset, computed: &computed, lang: Lang::En, generated: "2025-07-10", ranges: None });
//! // Today's official series: 3조234억 − 8조5080억 in 2025.
//! assert!(csv.contains("balance.all,balance,all,won,2025,-5484600000000,KRW"));
//! ```

use super::compute::Computed;
use super::dataset::Dataset;
use super::lang::Lang;
use super::ranges::Ranges;
use super::scenario::DisplayUnit;
use super::series::Measure;
use super::table::Provenance;
use rust_decimal::Decimal;
use serde::Serialize;

/// What to export, and the context a header needs.
#[derive(Debug, Clone, Copy)]
pub struct Export<'a> {
    /// The dataset the figures come from (for its id, version and sources).
    pub dataset: &'a Dataset,
    /// The figures.
    pub computed: &'a Computed,
    /// The language of names and explanations (column names and codes stay English).
    pub lang: Lang,
    /// When the file was made, as the caller's clock says (e.g. an ISO 8601 timestamp).
    pub generated: &'a str,
    /// The projection's uncertainty ranges, when computed: each projected value then carries its
    /// 80 % and 95 % bounds.
    pub ranges: Option<&'a Ranges>,
}

/// The columns of the CSV, in order; also the keys of each JSON figure.
pub const COLUMNS: [&str; 18] = [
    "series",
    "flow",
    "partner",
    "measure",
    "year",
    "value",
    "unit",
    "display_value",
    "display_unit",
    "provenance",
    "source",
    "previous_value",
    "detail",
    "method",
    "low_95",
    "low_80",
    "high_80",
    "high_95",
];

/// One figure as exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The series' key, e.g. `purchases.china`.
    pub series: String,
    /// `purchases`, `sales` or `balance`.
    pub flow: String,
    /// The partner's id.
    pub partner: String,
    /// `won`, `usd` or `parcels`.
    pub measure: String,
    /// The year.
    pub year: i32,
    /// The value in the series' measure, exact.
    pub value: String,
    /// `KRW`, `USD` or `parcels`.
    pub unit: String,
    /// The value in the display currency, exact (the same as `value` when no conversion applies).
    pub display_value: String,
    /// The unit of `display_value`.
    pub display_unit: String,
    /// `published`, `derived`, `assumed`, `edited`, `projected` or `overflow`.
    pub provenance: String,
    /// The source's id, for a published figure or an edit of one.
    pub source: String,
    /// For an edit: the value it replaced, exact.
    pub previous_value: String,
    /// Where the figure came from, in the export's language: the sentence the page shows for it
    /// (`core::provenance::describe`).
    pub detail: String,
    /// For a projected value, the method's code (`damped`, `flat`, `growth`, `linear`,
    /// `from_flows`, `share`, `sum_of_parts`).
    pub method: String,
    /// For a projected value, its 95 % and 80 % bounds in the display currency, exact: the 2.5th,
    /// 10th, 90th and 97.5th percentiles of the simulated paths.
    pub low_95: String,
    /// The 10th percentile (see `low_95`).
    pub low_80: String,
    /// The 90th percentile (see `low_95`).
    pub high_80: String,
    /// The 97.5th percentile (see `low_95`).
    pub high_95: String,
}

/// A source named in the export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceInfo {
    /// Its id, as in the `source` column.
    pub id: String,
    /// Its name in the export's language.
    pub name: String,
    /// Who published it.
    pub publisher: String,
    /// The publication.
    pub title: String,
    /// When, if known.
    pub date: Option<String>,
    /// Where, if online.
    pub url: Option<String>,
}

/// What the file is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct About {
    /// A sentence saying what the file holds.
    pub description: String,
    /// The dataset's id.
    pub dataset: String,
    /// The dataset's version.
    pub version: String,
    /// When the dataset was released.
    pub released: String,
    /// The view: the source id whose figures these are.
    pub view: String,
    /// The view's name in the export's language.
    pub view_name: String,
    /// The display currency.
    pub display_unit: String,
    /// When the file was made.
    pub generated: String,
    /// How to read the values.
    pub units: String,
}

/// The JSON document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    /// What the file is.
    pub about: About,
    /// Every source a figure names, and the view's.
    pub sources: Vec<SourceInfo>,
    /// The figures.
    pub figures: Vec<Row>,
}

fn exact(value: Decimal) -> String {
    value.normalize().to_string()
}

fn unit_code(measure: Measure) -> &'static str {
    match measure {
        Measure::Won => "KRW",
        Measure::Usd => "USD",
        Measure::Parcels => "parcels",
    }
}

fn display_code(unit: DisplayUnit) -> &'static str {
    match unit {
        DisplayUnit::Won => "KRW",
        DisplayUnit::Usd => "USD",
    }
}

fn source_id(dataset: &Dataset, provenance: &Provenance) -> String {
    match provenance {
        Provenance::Published { source, .. } => dataset
            .source(*source)
            .map(|s| s.id.clone())
            .unwrap_or_default(),
        Provenance::Edited { was, .. } => source_id(dataset, was),
        _ => String::new(),
    }
}

/// Every figure of the view's table, in table order (series, then year), gaps left out.
pub fn rows(export: &Export<'_>) -> Vec<Row> {
    let table = &export.computed.table;
    let display_unit = display_code(table.unit);
    table
        .rows
        .iter()
        .flat_map(|row| {
            table
                .years()
                .zip(&row.cells)
                .filter_map(move |(year, cell)| {
                    let value = cell.value?;
                    let key = row.series;
                    let (display_value, display_unit) = match cell.display {
                        Some(d) if key.measure == Measure::Won => (exact(d), display_unit),
                        _ => (exact(value), unit_code(key.measure)),
                    };
                    let previous_value = match &cell.provenance {
                        Provenance::Edited {
                            previous: Some(p), ..
                        } => exact(*p),
                        _ => String::new(),
                    };
                    let method = match &cell.provenance {
                        Provenance::Projected { method, .. } => method.id().to_string(),
                        _ => String::new(),
                    };
                    let band = export
                        .ranges
                        .and_then(|r| r.display_band(key.at(year)))
                        .filter(|_| matches!(cell.provenance, Provenance::Projected { .. }));
                    let [low_95, low_80, high_80, high_95] = band.map_or(Default::default(), |b| {
                        [exact(b.lo95), exact(b.lo80), exact(b.hi80), exact(b.hi95)]
                    });
                    Some(Row {
                        method,
                        low_95,
                        low_80,
                        high_80,
                        high_95,
                        series: key.to_string(),
                        flow: key.flow.id().to_string(),
                        partner: key.partner.id().to_string(),
                        measure: key.measure.id().to_string(),
                        year,
                        value: exact(value),
                        unit: unit_code(key.measure).to_string(),
                        display_value,
                        display_unit: display_unit.to_string(),
                        provenance: cell.provenance.id().to_string(),
                        source: source_id(export.dataset, &cell.provenance),
                        previous_value,
                        detail: super::provenance::describe(
                            &cell.provenance,
                            export.dataset,
                            export.lang,
                        ),
                    })
                })
        })
        .collect()
}

/// The header of an export.
pub fn about(export: &Export<'_>) -> About {
    let lang = export.lang;
    let dataset = export.dataset;
    let view = dataset.views().get(export.computed.view);
    let title = lang.pick(&dataset.title_ko, &dataset.title_en);
    About {
        description: match lang {
            Lang::Ko => format!("jikgu 계산기에서 내보낸 수치: {title}"),
            Lang::En => format!("Figures exported from the jikgu calculator: {title}"),
        },
        dataset: dataset.id.clone(),
        version: dataset.version.clone(),
        released: dataset.released.clone(),
        view: view.map(|v| v.id.clone()).unwrap_or_default(),
        view_name: dataset
            .view_label(export.computed.view, lang)
            .to_string(),
        display_unit: display_code(export.computed.table.unit).to_string(),
        generated: export.generated.to_string(),
        units: lang
            .pick(
                "value는 계열 단위(KRW는 원, USD는 달러, parcels는 건)의 정확한 10진수; display_value는 표시 통화로 환산한 값",
                "value is exact, in the series' unit (KRW: won, USD: dollars, parcels: count); display_value is in the display currency",
            )
            .to_string(),
    }
}

/// The sources a figure names, plus the view's, in the dataset's order.
pub fn sources(export: &Export<'_>, rows: &[Row]) -> Vec<SourceInfo> {
    let dataset = export.dataset;
    let view_source = dataset
        .views()
        .get(export.computed.view)
        .and_then(|v| dataset.source(v.source))
        .map(|s| s.id.as_str());
    dataset
        .sources()
        .iter()
        .filter(|s| Some(s.id.as_str()) == view_source || rows.iter().any(|r| r.source == s.id))
        .map(|s| SourceInfo {
            id: s.id.clone(),
            name: s.name(export.lang).to_string(),
            publisher: s.publisher.clone(),
            title: s.title.clone(),
            date: s.date.clone(),
            url: s.url.clone(),
        })
        .collect()
}

/// Quotes a CSV field when RFC 4180 needs it: a comma, a double quote or a line break inside.
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn record<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    let mut line = fields
        .into_iter()
        .map(csv_field)
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// The figures as CSV: a byte-order mark, `#` header lines, the column names, one line per figure.
pub fn to_csv(export: &Export<'_>) -> String {
    let rows = rows(export);
    let about = about(export);
    let mut out = String::from('\u{feff}');
    let header = [
        ("# about", about.description.as_str()),
        ("# dataset", about.dataset.as_str()),
        ("# version", about.version.as_str()),
        ("# released", about.released.as_str()),
        ("# view", about.view.as_str()),
        ("# view_name", about.view_name.as_str()),
        ("# display_unit", about.display_unit.as_str()),
        ("# generated", about.generated.as_str()),
        ("# units", about.units.as_str()),
    ];
    for (key, value) in header {
        out.push_str(&record([key, value]));
    }
    for s in sources(export, &rows) {
        out.push_str(&record([
            "# source",
            s.id.as_str(),
            s.name.as_str(),
            s.publisher.as_str(),
            s.title.as_str(),
            s.date.as_deref().unwrap_or(""),
            s.url.as_deref().unwrap_or(""),
        ]));
    }
    out.push_str(&record(COLUMNS));
    for r in &rows {
        let year = r.year.to_string();
        out.push_str(&record([
            r.series.as_str(),
            r.flow.as_str(),
            r.partner.as_str(),
            r.measure.as_str(),
            year.as_str(),
            r.value.as_str(),
            r.unit.as_str(),
            r.display_value.as_str(),
            r.display_unit.as_str(),
            r.provenance.as_str(),
            r.source.as_str(),
            r.previous_value.as_str(),
            r.detail.as_str(),
            r.method.as_str(),
            r.low_95.as_str(),
            r.low_80.as_str(),
            r.high_80.as_str(),
            r.high_95.as_str(),
        ]));
    }
    out
}

/// The figures as a JSON document: `about`, `sources` and `figures`, values as exact strings.
pub fn to_json(export: &Export<'_>) -> String {
    let figures = rows(export);
    let document = Document {
        about: about(export),
        sources: sources(export, &figures),
        figures,
    };
    // Writing cannot fail: every key is a string and no value refuses to serialise.
    serde_json::to_string_pretty(&document).unwrap_or_default()
}
