//! Why a data file was refused, and where in it, in the reader's language.
//!
//! Every message names the place (a line, and a column where the TOML reader gives one), the key,
//! and what was expected there; keys, values and type names are kept as written, in backticks or
//! quotes, so the reader can search the file for them. [`DatasetError::message`] says it in Korean
//! or English; `Display` is the English, for logs and tests.

use std::fmt;

use crate::core::expr::ExprError;
use crate::core::lang::{Lang, quoted};
use crate::core::series::{YEAR_MAX, YEAR_MIN};

use super::SCHEMA_VERSION;
use super::said::{self, Said};

/// Where in the data file something is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The file as a whole or its header.
    Header,
    /// The n-th `[[source]]` (0-based).
    Source(usize),
    /// The n-th row of `figures` (0-based).
    Figure(usize),
    /// The n-th row of `rates` (0-based).
    Rate(usize),
    /// The n-th `[[event]]` (0-based).
    Event(usize),
    /// A claim, by id.
    Claim(String),
    /// A part of a claim, by ids.
    Part(String, String),
}

/// A place in the data file with its line, when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Which item.
    pub place: Place,
    /// 1-based line number.
    pub line: Option<usize>,
}

impl Location {
    /// The place, and its line when known, in the reader's language: "figure 2 (line 21)",
    /// "2번째 수치(figures) (줄 21)".
    pub fn describe(&self, lang: Lang) -> String {
        let place = match (lang, &self.place) {
            (Lang::En, Place::Header) => "the header".to_string(),
            (Lang::En, Place::Source(i)) => format!("source {}", i + 1),
            (Lang::En, Place::Figure(i)) => format!("figure {}", i + 1),
            (Lang::En, Place::Rate(i)) => format!("rate {}", i + 1),
            (Lang::En, Place::Event(i)) => format!("event {}", i + 1),
            (Lang::En, Place::Claim(c)) => format!("claim {c}"),
            (Lang::En, Place::Part(c, p)) => format!("claim {c} part {p}"),
            (Lang::Ko, Place::Header) => "파일 머리말".to_string(),
            (Lang::Ko, Place::Source(i)) => format!("{}번째 출처([[source]])", i + 1),
            (Lang::Ko, Place::Figure(i)) => format!("{}번째 수치(figures)", i + 1),
            (Lang::Ko, Place::Rate(i)) => format!("{}번째 환율(rates)", i + 1),
            (Lang::Ko, Place::Event(i)) => format!("{}번째 사건([[event]])", i + 1),
            (Lang::Ko, Place::Claim(c)) => format!("주장 {c}"),
            (Lang::Ko, Place::Part(c, p)) => format!("주장 {c}의 부분 {p}"),
        };
        match (lang, self.line) {
            (Lang::En, Some(line)) => format!("{place} (line {line})"),
            (Lang::Ko, Some(line)) => format!("{place} (줄 {line})"),
            (_, None) => place,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

/// Why a data file was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatasetError {
    /// The TOML itself, or its shape, is wrong.
    Syntax {
        /// 1-based line, when known.
        line: Option<usize>,
        /// 1-based column (in characters), when known.
        column: Option<usize>,
        /// The key it is about (a dotted path such as `data.figures.year`), when known.
        key: Option<String>,
        /// What the TOML reader said, in English (see [`said`] for how it is read).
        message: String,
    },
    /// The file is for another schema version.
    Schema {
        /// What `schema =` said, if anything.
        found: Option<i64>,
    },
    /// A name that is not one of the known ones.
    Unknown {
        /// Where.
        at: Location,
        /// Which field.
        field: &'static str,
        /// What it said.
        value: String,
        /// What it could have said.
        expected: String,
    },
    /// The same thing given twice.
    Duplicate {
        /// Where the second one is.
        at: Location,
        /// What is repeated.
        what: Repeated,
        /// Line of the first one.
        first_line: Option<usize>,
    },
    /// A value that is not a plain decimal.
    BadDecimal {
        /// Where.
        at: Location,
        /// Which field.
        field: &'static str,
        /// What it said.
        value: String,
    },
    /// A year outside 1990–2100.
    YearOutOfRange {
        /// Where.
        at: Location,
        /// Which field.
        field: &'static str,
        /// What it said.
        year: i64,
    },
    /// A claim expression that does not parse.
    BadExpr {
        /// Where.
        at: Location,
        /// Which field (`check`, `expect`, `step`, `margin`).
        field: &'static str,
        /// The parser's error.
        error: ExprError,
    },
    /// A claim reads a series or stated figure the dataset does not have.
    UnknownSeries {
        /// Where.
        at: Location,
        /// The reference.
        reference: String,
    },
    /// Anything else that is inconsistent.
    Invalid {
        /// Where.
        at: Location,
        /// What is wrong.
        problem: Problem,
    },
}

/// What is given twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repeated {
    /// A source id.
    Source(String),
    /// A vintage within a family of sources.
    Vintage {
        /// The vintage.
        vintage: String,
        /// The family.
        family: String,
    },
    /// The rate for a period (`2024` or `2024Q1`).
    Rate(String),
    /// A figure: its family or source, series and period, and whether it is a growth rate.
    Figure {
        /// Family or source id.
        family: String,
        /// The series (`balance.all`).
        series: String,
        /// `2023` or `2023Q2`.
        period: String,
        /// A year-on-year growth rate rather than a level.
        growth: bool,
    },
    /// A figure given both with and without a vintage.
    FigureVintage {
        /// Family or source id.
        family: String,
        /// The series.
        series: String,
        /// The year.
        year: i32,
    },
    /// A claim id.
    Claim(String),
    /// A part id within its claim.
    Part(String),
}

impl Repeated {
    fn describe(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::En, Repeated::Source(id)) => format!("source {}", quoted(id)),
            (Lang::Ko, Repeated::Source(id)) => format!("출처 {}", quoted(id)),
            (Lang::En, Repeated::Vintage { vintage, family }) => {
                format!("vintage {vintage} of family {}", quoted(family))
            }
            (Lang::Ko, Repeated::Vintage { vintage, family }) => {
                format!("계열 {}의 vintage {vintage}", quoted(family))
            }
            (Lang::En, Repeated::Rate(period)) => format!("the rate for {period}"),
            (Lang::Ko, Repeated::Rate(period)) => format!("{period}의 환율"),
            (
                lang,
                Repeated::Figure {
                    family,
                    series,
                    period,
                    growth,
                },
            ) => {
                let growth = match (growth, lang) {
                    (false, _) => "",
                    (true, Lang::En) => " (growth)",
                    (true, Lang::Ko) => " (증감률)",
                };
                format!("{family} {series} {period}{growth}")
            }
            (
                Lang::En,
                Repeated::FigureVintage {
                    family,
                    series,
                    year,
                },
            ) => format!("{family} {series} {year} both with and without a vintage"),
            (
                Lang::Ko,
                Repeated::FigureVintage {
                    family,
                    series,
                    year,
                },
            ) => format!("{family} {series} {year} (`vintage`를 적은 행과 적지 않은 행 둘 다)"),
            (Lang::En, Repeated::Claim(id)) => format!("claim {}", quoted(id)),
            (Lang::Ko, Repeated::Claim(id)) => format!("주장 {}", quoted(id)),
            (Lang::En, Repeated::Part(id)) => format!("part {}", quoted(id)),
            (Lang::Ko, Repeated::Part(id)) => format!("부분 {}", quoted(id)),
        }
    }
}

/// What is inconsistent in a row, beyond its types and names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A figure or rate with no locator of its own or from its source.
    NoLocator,
    /// A source with an empty `id`.
    EmptyId,
    /// A source id that is also a family's name.
    IdIsFamily {
        /// The name.
        family: String,
    },
    /// A source with `family` but no `vintage`, or the reverse.
    FamilyWithoutVintage,
    /// A figure's vintage that no source of its family has.
    VintageNotInFamily {
        /// The family (the row's `source`).
        family: String,
        /// The vintage given.
        vintage: String,
    },
    /// A figure's vintage that differs from its source's own.
    VintageNotOwn {
        /// The source.
        source: String,
    },
    /// A source found by id that could not be read back (a fault of the parser, not the file).
    SourceVanished,
    /// A date that is not `YYYY-MM-DD`.
    BadDate {
        /// Which field.
        field: &'static str,
        /// What it said.
        found: String,
    },
    /// A quarter other than 1–4.
    QuarterOutOfRange {
        /// What it said.
        found: i64,
    },
    /// A rate of zero or below.
    RateNotPositive {
        /// What it said.
        found: String,
    },
    /// A value too large to compute with once scaled by its unit.
    TooLarge {
        /// What it said.
        found: String,
    },
    /// A negative purchases or sales amount.
    Negative {
        /// The flow (`purchases`, `sales`).
        flow: String,
        /// What it said.
        found: String,
    },
    /// `unchecked_ko` without `unchecked_en`, or the reverse.
    UncheckedPair,
    /// A claim with no parts and no reason it cannot be checked.
    NoParts,
    /// A comparison that needs a `step` or `margin` the part does not give.
    MissingConstant {
        /// `step` or `margin`.
        field: &'static str,
        /// The comparison.
        compare: String,
    },
    /// A `step` or `margin` that is not a number above zero.
    NotPositive {
        /// `step` or `margin`.
        field: &'static str,
        /// What it said.
        found: String,
    },
}

impl Problem {
    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.english(),
            Lang::Ko => self.korean(),
        }
    }

    fn english(&self) -> String {
        match self {
            Problem::NoLocator => {
                "expected a locator: give the row a `locator`, or its source a `url` or `locator`"
                    .into()
            }
            Problem::EmptyId => "expected a non-empty id".into(),
            Problem::IdIsFamily { family } => format!(
                "expected a source id different from the family name {}",
                quoted(family)
            ),
            Problem::FamilyWithoutVintage => {
                "expected family and vintage together, or neither".into()
            }
            Problem::VintageNotInFamily { family, vintage } => format!(
                "expected a vintage that family {} has, found {vintage}",
                quoted(family)
            ),
            Problem::VintageNotOwn { source } => format!(
                "expected no vintage, or the source's own, for source {}",
                quoted(source)
            ),
            Problem::SourceVanished => "source vanished".into(),
            Problem::BadDate { field, found } => {
                format!("expected `{field}` as YYYY-MM-DD, found {}", quoted(found))
            }
            Problem::QuarterOutOfRange { found } => {
                format!("expected a quarter from 1 to 4, found {found}")
            }
            Problem::RateNotPositive { found } => {
                format!("expected a rate above zero, found {found}")
            }
            Problem::TooLarge { found } => {
                format!("expected a value small enough to compute with, found {found}")
            }
            Problem::Negative { flow, found } => {
                format!("expected a non-negative amount for {flow}, found {found}")
            }
            Problem::UncheckedPair => "expected unchecked_ko and unchecked_en together".into(),
            Problem::NoParts => {
                "expected at least one part, or a reason it cannot be checked".into()
            }
            Problem::MissingConstant { field, compare } => {
                format!("expected a `{field}` for compare = {}", quoted(compare))
            }
            Problem::NotPositive { field, found } => format!(
                "expected `{field}` to be a number above zero, found {}",
                quoted(found)
            ),
        }
    }

    fn korean(&self) -> String {
        match self {
            Problem::NoLocator => "어디서 읽은 수치인지 적혀 있지 않습니다. 이 행에 `locator`를 적거나, 출처에 `url`이나 `locator`를 적어 주세요.".into(),
            Problem::EmptyId => "`id`가 비어 있습니다. 출처마다 이름(`id`)을 적어 주세요.".into(),
            Problem::IdIsFamily { family } => format!(
                "출처의 `id`는 계열(`family`) 이름과 달라야 합니다. 겹치는 이름: {}",
                quoted(family)
            ),
            Problem::FamilyWithoutVintage => {
                "`family`와 `vintage`는 둘 다 적거나 둘 다 빼야 합니다.".into()
            }
            Problem::VintageNotInFamily { family, vintage } => format!(
                "계열 {}의 출처에 없는 `vintage`입니다: {vintage}. 그 계열의 출처에 적힌 `vintage` 가운데 하나를 적어 주세요.",
                quoted(family)
            ),
            Problem::VintageNotOwn { source } => format!(
                "출처 {}의 수치에는 `vintage`를 적지 않거나, 그 출처의 `vintage`와 같게 적어야 합니다.",
                quoted(source)
            ),
            Problem::SourceVanished => {
                "찾은 출처를 다시 읽지 못했습니다(파일이 아니라 읽는 프로그램의 잘못입니다).".into()
            }
            Problem::BadDate { field, found } => format!(
                "`{field}`에는 2025-07-02처럼 YYYY-MM-DD 꼴의 날짜가 와야 합니다. 적힌 값: {}",
                quoted(found)
            ),
            Problem::QuarterOutOfRange { found } => {
                format!("`quarter`에는 1부터 4까지의 분기가 와야 합니다. 적힌 값: {found}")
            }
            Problem::RateNotPositive { found } => {
                format!("환율(`value`)은 0보다 커야 합니다. 적힌 값: {found}")
            }
            Problem::TooLarge { found } => format!(
                "`value`가 단위를 곱하면 계산할 수 있는 크기를 넘습니다. 적힌 값: {found}"
            ),
            Problem::Negative { flow, found } => format!(
                "`flow = {}`인 수치의 `value`는 0 이상이어야 합니다(음수는 `balance`에만 씁니다). 적힌 값: {found}",
                quoted(flow)
            ),
            Problem::UncheckedPair => {
                "`unchecked_ko`와 `unchecked_en`은 함께 적어야 합니다.".into()
            }
            Problem::NoParts => "점검할 부분(`[[claim.part]]`)이 하나 이상 있거나, 점검할 수 없는 까닭(`unchecked_ko`·`unchecked_en`)이 적혀 있어야 합니다.".into(),
            Problem::MissingConstant { field, compare } => format!(
                "`compare = {}`로 비교하려면 `{field}`도 적어야 합니다.",
                quoted(compare)
            ),
            Problem::NotPositive { field, found } => format!(
                "`{field}`에는 0보다 큰 수가 와야 합니다. 적힌 값: {}",
                quoted(found)
            ),
        }
    }
}

impl DatasetError {
    /// Why the file was refused, in the reader's language: where (line, and column when known),
    /// which key, what was expected there and what was found.
    pub fn message(&self, lang: Lang) -> String {
        let ko = lang == Lang::Ko;
        match self {
            DatasetError::Syntax {
                line,
                column,
                key,
                message,
            } => syntax(*line, *column, key.as_deref(), message, lang),
            DatasetError::Schema { found: Some(v) } if ko => format!(
                "이 파일의 형식은 schema = {v}입니다. 읽을 수 있는 형식: 파일 맨 위의 schema = {SCHEMA_VERSION}"
            ),
            DatasetError::Schema { found: Some(v) } => {
                format!("expected schema = {SCHEMA_VERSION}, found schema = {v}")
            }
            DatasetError::Schema { found: None } if ko => {
                format!("파일 맨 위에 `schema = {SCHEMA_VERSION}` 줄이 있어야 하는데 없습니다.")
            }
            DatasetError::Schema { found: None } => format!(
                "expected schema = {SCHEMA_VERSION} at the top of the file, found no schema"
            ),
            DatasetError::Unknown {
                at,
                field,
                value,
                expected,
            } => match (lang, expected.is_empty()) {
                (Lang::Ko, false) => format!(
                    "{}: `{field}`에 알 수 없는 이름이 적혀 있습니다: {}. 쓸 수 있는 이름: {expected}",
                    at.describe(lang),
                    quoted(value)
                ),
                (Lang::Ko, true) => format!(
                    "{}: `{field}`에 알 수 없는 이름이 적혀 있습니다: {}. 이 파일에는 쓸 수 있는 이름이 없습니다.",
                    at.describe(lang),
                    quoted(value)
                ),
                (Lang::En, false) => format!(
                    "{at}: unknown `{field}` {}, expected {expected}",
                    quoted(value)
                ),
                (Lang::En, true) => format!(
                    "{at}: unknown `{field}` {}, and the file has nothing it could name",
                    quoted(value)
                ),
            },
            DatasetError::Duplicate {
                at,
                what,
                first_line,
            } => {
                let (at, what) = (at.describe(lang), what.describe(lang));
                match (lang, first_line) {
                    (Lang::Ko, Some(l)) => {
                        format!("{at}: 같은 것이 두 번 적혀 있습니다: {what}. 처음 적힌 곳: 줄 {l}")
                    }
                    (Lang::Ko, None) => format!("{at}: 같은 것이 두 번 적혀 있습니다: {what}"),
                    (Lang::En, Some(l)) => format!("{at}: {what} is already given on line {l}"),
                    (Lang::En, None) => format!("{at}: {what} is given twice"),
                }
            }
            DatasetError::BadDecimal { at, field, value } => match lang {
                Lang::Ko => format!(
                    "{}: `{field}`에는 \"6.003\"이나 \"-100\"처럼 쉼표나 지수 없이 쓴 소수가 와야 합니다. 적힌 값: {}",
                    at.describe(lang),
                    quoted(value)
                ),
                Lang::En => format!(
                    "{at}: expected `{field}` to be a plain decimal such as \"6.003\" or \"-100\", found {}",
                    quoted(value)
                ),
            },
            DatasetError::YearOutOfRange { at, field, year } => match lang {
                Lang::Ko => format!(
                    "{}: `{field}`에는 {YEAR_MIN}년부터 {YEAR_MAX}년 사이의 연도가 와야 합니다. 적힌 값: {year}",
                    at.describe(lang)
                ),
                Lang::En => format!(
                    "{at}: expected `{field}` to be a year from {YEAR_MIN} to {YEAR_MAX}, found {year}"
                ),
            },
            DatasetError::BadExpr { at, field, error } => match lang {
                // The expression parser describes tokens in English; they are quoted as its words.
                Lang::Ko => format!(
                    "{}: `{field}` 식의 {}번째 글자를 읽을 수 없습니다. 와야 할 것: {}, 적힌 것: {}",
                    at.describe(lang),
                    error.position + 1,
                    error.expected,
                    error.found
                ),
                Lang::En => format!("{at}: in `{field}`: {error}"),
            },
            DatasetError::UnknownSeries { at, reference } => match lang {
                Lang::Ko => format!(
                    "{}: 이 자료에 없는 수치를 읽는 식입니다: {reference}",
                    at.describe(lang)
                ),
                Lang::En => format!("{at}: {reference} reads a figure the dataset does not have"),
            },
            DatasetError::Invalid { at, problem } => {
                format!("{}: {}", at.describe(lang), problem.message(lang))
            }
        }
    }
}

/// The TOML reader's complaint: where, which key, and what it said, recognised where it can be.
fn syntax(
    line: Option<usize>,
    column: Option<usize>,
    key: Option<&str>,
    message: &str,
    lang: Lang,
) -> String {
    let at = match (lang, line, column) {
        (Lang::En, Some(l), Some(c)) => format!("line {l}, column {c}: "),
        (Lang::En, Some(l), None) => format!("line {l}: "),
        (Lang::Ko, Some(l), Some(c)) => format!("줄 {l}, 열 {c}: "),
        (Lang::Ko, Some(l), None) => format!("줄 {l}: "),
        (_, None, _) => String::new(),
    };
    let said = said::recognise(message);
    let body = match lang {
        Lang::En => syntax_en(key, said),
        Lang::Ko => syntax_ko(key, said),
    };
    format!("{at}{body}")
}

fn syntax_en(key: Option<&str>, said: Said) -> String {
    let body = match said {
        Said::InvalidType { found, expected } | Said::InvalidValue { found, expected } => format!(
            "expected {}, found {}",
            said::expected(expected, Lang::En),
            said::found(found, Lang::En)
        ),
        Said::InvalidLength { length, expected } => {
            format!("expected {expected}, found {length} items")
        }
        Said::UnknownVariant { variant, one_of } => match one_of {
            Some(list) => format!("unknown value `{variant}`, expected {list}"),
            None => format!("unknown value `{variant}`"),
        },
        Said::UnknownField { field, one_of } => match one_of {
            Some(list) => format!("unknown key `{field}` (misspelt?), expected one of {list}"),
            None => format!("unknown key `{field}`: this table has no keys"),
        },
        Said::MissingField { field } => format!("missing key `{field}`"),
        Said::DuplicateField { field } => format!("the key `{field}` is given twice"),
        Said::DuplicateKey => {
            return match key {
                Some(key) => format!("`{key}` is given twice; a key or table is written once"),
                None => "a key or table is given twice; each is written once".into(),
            };
        }
        Said::DecimalAsText { value } => said::decimal_as_text(value),
        Said::Grammar { what, expected } => format!("{what}, expected {expected}"),
        Said::Other(text) => text.to_string(),
    };
    match key {
        Some(key) => format!("`{key}`: {body}"),
        None => body,
    }
}

fn syntax_ko(key: Option<&str>, said: Said) -> String {
    // Where the complaint is about a table (a missing or unknown key), the table is named; the
    // top of the file has no name of its own.
    let table = key.map_or_else(|| "파일 머리말".to_string(), |k| format!("`{k}`"));
    let the_key = key.map_or_else(String::new, |k| format!("`{k}` 키의 "));
    match said {
        Said::InvalidType { found, expected } => format!(
            "{the_key}값 형식이 맞지 않습니다. 와야 할 값: {}, 적힌 값: {}",
            said::expected(expected, Lang::Ko),
            said::found(found, Lang::Ko)
        ),
        Said::InvalidValue { found, expected } => format!(
            "{the_key}값을 쓸 수 없습니다. 와야 할 값: {}, 적힌 값: {}",
            said::expected(expected, Lang::Ko),
            said::found(found, Lang::Ko)
        ),
        Said::InvalidLength { length, expected } => format!(
            "{the_key}항목 수가 맞지 않습니다. 와야 할 것: {}, 적힌 항목: {length}개",
            said::expected(expected, Lang::Ko)
        ),
        Said::UnknownVariant { variant, one_of } => match one_of {
            Some(list) => format!(
                "{the_key}값으로 쓸 수 없는 이름입니다: `{variant}`. 쓸 수 있는 이름: {}",
                said::list_ko(list)
            ),
            None => format!("{the_key}값으로 쓸 수 없는 이름입니다: `{variant}`"),
        },
        Said::UnknownField { field, one_of } => match one_of {
            Some(list) => format!(
                "{table}에 쓸 수 없는 키입니다: `{field}`. 철자를 확인해 주세요. 쓸 수 있는 키: {}",
                said::list_ko(list)
            ),
            None => format!("{table}에는 키를 쓸 수 없습니다: `{field}`"),
        },
        Said::MissingField { field } => {
            format!("{table}에 꼭 있어야 하는 키가 빠졌습니다: `{field}`")
        }
        Said::DuplicateField { field } => {
            format!("{table}에 같은 키가 두 번 적혀 있습니다: `{field}`")
        }
        Said::DuplicateKey => match key {
            Some(key) => format!("같은 키나 표 이름이 두 번 적혀 있습니다: `{key}`"),
            None => "같은 키나 표 이름이 두 번 적혀 있습니다.".into(),
        },
        Said::DecimalAsText { value } => format!(
            "{the_key}소수는 정확히 읽히도록 따옴표로 감싸 적어야 합니다. 이렇게: \"{value}\""
        ),
        Said::Grammar { what, expected } => {
            let what = match said::grammar_ko(what) {
                Some(ko) => ko.to_string(),
                None => format!("TOML 읽기 도구의 설명(영어): {}", quoted(what)),
            };
            format!(
                "TOML 문법에 맞지 않습니다. {what}. 이 자리에 와야 할 것: {}",
                said::grammar_expected_ko(expected)
            )
        }
        Said::Other(text) => format!(
            "{the_key}값을 읽지 못했습니다. TOML 읽기 도구의 설명(영어): {}",
            quoted(text)
        ),
    }
}

impl fmt::Display for DatasetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for DatasetError {}
