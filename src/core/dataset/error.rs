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
        let (template, name) = match &self.place {
            Place::Header => (lang.pick("파일 머리말", "the header"), String::new()),
            Place::Source(i) => (lang.pick("{}번째 출처([[source]])", "source {}"), nth(*i)),
            Place::Figure(i) => (lang.pick("{}번째 수치(figures)", "figure {}"), nth(*i)),
            Place::Rate(i) => (lang.pick("{}번째 환율(rates)", "rate {}"), nth(*i)),
            Place::Event(i) => (lang.pick("{}번째 사건([[event]])", "event {}"), nth(*i)),
            Place::Claim(c) => (lang.pick("주장 {}", "claim {}"), c.clone()),
            Place::Part(c, p) => {
                let place = fill(lang.pick("주장 {}의 부분 {}", "claim {} part {}"), &[c, p]);
                return self.with_line(place, lang);
            }
        };
        self.with_line(fill(template, &[&name]), lang)
    }

    fn with_line(&self, place: String, lang: Lang) -> String {
        match self.line {
            Some(line) => fill(
                lang.pick("{} (줄 {})", "{} (line {})"),
                &[&place, &line.to_string()],
            ),
            None => place,
        }
    }
}

/// The 1-based number of a 0-based index.
fn nth(i: usize) -> String {
    i.saturating_add(1).to_string()
}

/// `template` with each `{}` replaced by the next of `args`, in order.
///
/// Every message goes through this one function rather than a `format!` each: the messages are
/// written twice (Korean and English) and each `format!` costs its own formatting code in the
/// wasm. Templates only ever hold `{}` as a placeholder (a literal `{ … }` has spaces).
pub(super) fn fill(template: &str, args: &[&str]) -> String {
    let mut out =
        String::with_capacity(template.len() + args.iter().map(|a| a.len()).sum::<usize>());
    let mut args = args.iter();
    let mut rest = template;
    while let Some((head, tail)) = rest.split_once("{}") {
        out.push_str(head);
        out.push_str(args.next().map_or("", |a| a));
        rest = tail;
    }
    out.push_str(rest);
    out
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
        /// For a key or table written twice, the line of the first, when found.
        first_line: Option<usize>,
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
        match self {
            Repeated::Source(id) => fill(lang.pick("출처 {}", "source {}"), &[&quoted(id)]),
            Repeated::Vintage { vintage, family } => match lang {
                Lang::Ko => fill("계열 {}의 vintage {}", &[&quoted(family), vintage]),
                Lang::En => fill("vintage {} of family {}", &[vintage, &quoted(family)]),
            },
            Repeated::Rate(period) => fill(lang.pick("{}의 환율", "the rate for {}"), &[period]),
            Repeated::Figure {
                family,
                series,
                period,
                growth,
            } => {
                let growth = match growth {
                    true => lang.pick(" (증감률)", " (growth)"),
                    false => "",
                };
                fill("{} {} {}{}", &[family, series, period, growth])
            }
            Repeated::FigureVintage {
                family,
                series,
                year,
            } => fill(
                lang.pick(
                    "{} {} {} (`vintage`를 적은 행과 적지 않은 행 둘 다)",
                    "{} {} {} both with and without a vintage",
                ),
                &[family, series, &year.to_string()],
            ),
            Repeated::Claim(id) => fill(lang.pick("주장 {}", "claim {}"), &[&quoted(id)]),
            Repeated::Part(id) => fill(lang.pick("부분 {}", "part {}"), &[&quoted(id)]),
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
    /// What is wrong, in the reader's language; keys in backticks, values as written.
    fn message(&self, lang: Lang) -> String {
        // Values are quoted by the templates, and borrowed: one `fill` for all, no allocation per arm.
        let number;
        let (ko, en, args): (&str, &str, [&str; 2]) = match self {
            Problem::NoLocator => (
                "수치를 읽은 곳이 없습니다. 이 행의 `locator`나 출처의 `url`·`locator`를 적어 주세요.",
                "expected a locator: give the row a `locator`, or its source a `url` or `locator`",
                ["", ""],
            ),
            Problem::EmptyId => (
                "`id`가 비어 있습니다.",
                "expected a non-empty `id`",
                ["", ""],
            ),
            Problem::IdIsFamily { family } => (
                "출처 `id`가 계열(`family`) 이름과 같습니다: \"{}\"",
                "expected a source `id` different from the `family` name \"{}\"",
                [family, ""],
            ),
            Problem::FamilyWithoutVintage => (
                "`family`와 `vintage`는 둘 다 적거나 둘 다 빼야 합니다.",
                "expected `family` and `vintage` together, or neither",
                ["", ""],
            ),
            Problem::VintageNotInFamily { family, vintage } => (
                "계열 \"{}\"에 없는 `vintage`입니다: {}",
                "expected a `vintage` that family \"{}\" has, found {}",
                [family, vintage],
            ),
            Problem::VintageNotOwn { source } => (
                "출처 \"{}\"의 수치에는 `vintage`를 빼거나 출처의 것과 같게 적어야 합니다.",
                "expected no `vintage`, or the source's own, for source \"{}\"",
                [source, ""],
            ),
            Problem::SourceVanished => (
                "출처를 다시 찾지 못했습니다(프로그램 오류).",
                "source vanished",
                ["", ""],
            ),
            Problem::BadDate { field, found } => (
                "`{}`에는 YYYY-MM-DD 꼴의 날짜가 와야 합니다. 적힌 값: \"{}\"",
                "expected `{}` as YYYY-MM-DD, found \"{}\"",
                [field, found],
            ),
            Problem::QuarterOutOfRange { found } => (
                "`quarter`에는 1부터 4까지의 분기가 와야 합니다. 적힌 값: {}",
                "expected `quarter` to be a quarter from 1 to 4, found {}",
                {
                    number = found.to_string();
                    [&number, ""]
                },
            ),
            Problem::RateNotPositive { found } => (
                "환율(`value`)은 0보다 커야 합니다. 적힌 값: {}",
                "expected a rate (`value`) above zero, found {}",
                [found, ""],
            ),
            Problem::TooLarge { found } => (
                "`value`가 계산할 수 있는 크기를 넘습니다. 적힌 값: {}",
                "expected a `value` small enough to compute with, found {}",
                [found, ""],
            ),
            Problem::Negative { flow, found } => (
                "`flow = \"{}\"`의 `value`는 0 이상이어야 합니다. 적힌 값: {}",
                "expected a non-negative `value` for flow = \"{}\", found {}",
                [flow, found],
            ),
            Problem::UncheckedPair => (
                "`unchecked_ko`와 `unchecked_en`은 함께 적어야 합니다.",
                "expected `unchecked_ko` and `unchecked_en` together",
                ["", ""],
            ),
            Problem::NoParts => (
                "`[[claim.part]]`나 점검할 수 없는 까닭(`unchecked_ko`·`unchecked_en`)이 있어야 합니다.",
                "expected at least one part, or a reason it cannot be checked",
                ["", ""],
            ),
            Problem::MissingConstant { field, compare } => (
                "`compare = \"{}\"`로 비교하려면 `{}`도 적어야 합니다.",
                "expected a `{}` for compare = \"{}\"",
                match lang {
                    Lang::Ko => [compare, field],
                    Lang::En => [field, compare],
                },
            ),
            Problem::NotPositive { field, found } => (
                "`{}`에는 0보다 큰 수가 와야 합니다. 적힌 값: \"{}\"",
                "expected `{}` to be a number above zero, found \"{}\"",
                [field, found],
            ),
        };
        fill(lang.pick(ko, en), &args)
    }
}

impl DatasetError {
    /// Why the file was refused, in the reader's language: where (line, and column when known),
    /// which key, what was expected there and what was found.
    pub fn message(&self, lang: Lang) -> String {
        let pick = |ko, en| lang.pick(ko, en);
        match self {
            DatasetError::Syntax {
                line,
                column,
                key,
                first_line,
                message,
            } => syntax(*line, *column, key.as_deref(), *first_line, message, lang),
            DatasetError::Schema { found } => {
                let version = SCHEMA_VERSION.to_string();
                match found {
                    Some(v) => fill(
                        pick(
                            "이 파일의 형식은 schema = {}입니다. 읽을 수 있는 형식: 파일 맨 위의 schema = {}",
                            "found schema = {}, expected schema = {}",
                        ),
                        &[&v.to_string(), &version],
                    ),
                    None => fill(
                        pick(
                            "파일 맨 위에 `schema = {}` 줄이 있어야 하는데 없습니다.",
                            "expected schema = {} at the top of the file, found no schema",
                        ),
                        &[&version],
                    ),
                }
            }
            DatasetError::Unknown {
                at,
                field,
                value,
                expected,
            } => fill(
                match expected.is_empty() {
                    false => pick(
                        "{}: `{}`에 알 수 없는 이름이 적혀 있습니다: {}. 쓸 수 있는 이름: {}",
                        "{}: unknown `{}` {}, expected {}",
                    ),
                    true => pick(
                        "{}: `{}`에 알 수 없는 이름이 적혀 있습니다: {}. 이 파일에는 쓸 수 있는 이름이 없습니다.",
                        "{}: unknown `{}` {}, and the file has nothing it could name",
                    ),
                },
                &[&at.describe(lang), field, &quoted(value), expected],
            ),
            DatasetError::Duplicate {
                at,
                what,
                first_line,
            } => fill(
                match first_line {
                    Some(_) => pick(
                        "{}: 같은 것이 두 번 적혀 있습니다: {}. 처음 적힌 곳: 줄 {}",
                        "{}: {} is already given on line {}",
                    ),
                    None => pick(
                        "{}: 같은 것이 두 번 적혀 있습니다: {}",
                        "{}: {} is given twice",
                    ),
                },
                &[
                    &at.describe(lang),
                    &what.describe(lang),
                    &first_line.map(|l| l.to_string()).unwrap_or_default(),
                ],
            ),
            DatasetError::BadDecimal { at, field, value } => fill(
                pick(
                    "{}: `{}`에는 \"6.003\"이나 \"-100\"처럼 쉼표나 지수 없이 쓴 소수가 와야 합니다. 적힌 값: {}",
                    "{}: expected `{}` to be a plain decimal such as \"6.003\" or \"-100\", found {}",
                ),
                &[&at.describe(lang), field, &quoted(value)],
            ),
            DatasetError::YearOutOfRange { at, field, year } => fill(
                pick(
                    "{}: `{}`에는 {}년부터 {}년 사이의 연도가 와야 합니다. 적힌 값: {}",
                    "{}: expected `{}` to be a year from {} to {}, found {}",
                ),
                &[
                    &at.describe(lang),
                    field,
                    &YEAR_MIN.to_string(),
                    &YEAR_MAX.to_string(),
                    &year.to_string(),
                ],
            ),
            DatasetError::BadExpr { at, field, error } => fill(
                pick(
                    "{}: `{}` 식의 {}번째 글자를 읽을 수 없습니다. 와야 할 것: {}, 적힌 것: {}",
                    "{}: in `{}`: at character {}: expected {}, found {}",
                ),
                &[
                    &at.describe(lang),
                    field,
                    &error.position.saturating_add(1).to_string(),
                    &error.expected.describe(lang),
                    &error.found.describe(lang),
                ],
            ),
            DatasetError::UnknownSeries { at, reference } => fill(
                pick(
                    "{}: 이 자료에 없는 수치를 읽는 식입니다: {}",
                    "{}: {} reads a figure the dataset does not have",
                ),
                &[&at.describe(lang), reference],
            ),
            DatasetError::Invalid { at, problem } => {
                fill("{}: {}", &[&at.describe(lang), &problem.message(lang)])
            }
        }
    }
}

/// The TOML reader's complaint: where, which key, and what it said, recognised where it can be.
fn syntax(
    line: Option<usize>,
    column: Option<usize>,
    key: Option<&str>,
    first_line: Option<usize>,
    message: &str,
    lang: Lang,
) -> String {
    let at = match (line, column) {
        (Some(l), Some(c)) => fill(
            lang.pick("줄 {}, 열 {}: ", "line {}, column {}: "),
            &[&l.to_string(), &c.to_string()],
        ),
        (Some(l), None) => fill(lang.pick("줄 {}: ", "line {}: "), &[&l.to_string()]),
        (None, _) => String::new(),
    };
    let said = said::recognise(message);
    let body = match lang {
        Lang::En => syntax_en(key, said),
        Lang::Ko => syntax_ko(key, said),
    };
    let first = match (said, first_line) {
        (Said::DuplicateKey, Some(first)) => fill(
            lang.pick(" (처음 적힌 곳: 줄 {})", " (first on line {})"),
            &[&first.to_string()],
        ),
        _ => String::new(),
    };
    at + &body + &first
}

fn syntax_en(key: Option<&str>, said: Said) -> String {
    let (template, args): (&str, [&str; 2]) = match said {
        Said::InvalidType { found, expected } | Said::InvalidValue { found, expected } => {
            let (expected, found) = (
                said::expected(expected, Lang::En),
                said::found(found, Lang::En),
            );
            return with_key(key, fill("expected {}, found {}", &[&expected, &found]));
        }
        Said::InvalidLength { length, expected } => {
            ("expected {}, found {} items", [expected, length])
        }
        Said::UnknownVariant { variant, one_of } => match one_of {
            Some(list) => ("unknown value `{}`, expected {}", [variant, list]),
            None => ("unknown value `{}`", [variant, ""]),
        },
        Said::UnknownField { field, one_of } => match one_of {
            Some(list) => (
                "unknown key `{}` (misspelt?), expected one of {}",
                [field, list],
            ),
            None => ("unknown key `{}`: this table has no keys", [field, ""]),
        },
        Said::MissingField { field } => ("missing key `{}`", [field, ""]),
        Said::DuplicateField { field } => ("the key `{}` is given twice", [field, ""]),
        Said::DuplicateKey => {
            return match key {
                Some(key) => fill(
                    "`{}` is given twice; a key or table is written once",
                    &[key],
                ),
                None => "a key or table is given twice; each is written once".into(),
            };
        }
        Said::DecimalAsText { value } => return with_key(key, said::decimal_as_text(value)),
        Said::Grammar { what, expected } => ("{}, expected {}", [what, expected]),
        Said::Other(text) => ("{}", [text, ""]),
    };
    with_key(key, fill(template, &args))
}

/// "`key`: body", in English, when the key is known.
fn with_key(key: Option<&str>, body: String) -> String {
    match key {
        Some(key) => fill("`{}`: {}", &[key, &body]),
        None => body,
    }
}

fn syntax_ko(key: Option<&str>, said: Said) -> String {
    // Where the complaint is about a table (a missing or unknown key), the table is named; the
    // top of the file has no name of its own.
    let table = key.map_or_else(|| "파일 머리말".to_string(), |k| fill("`{}`", &[k]));
    let the_key = key.map_or_else(String::new, |k| fill("`{}` 키의 ", &[k]));
    // What the arms below say in Korean, kept here so the arguments can borrow them.
    let (expected_ko, found_ko, list, what);
    let (template, args): (&str, [&str; 3]) = match said {
        Said::InvalidType { found, expected } | Said::InvalidValue { found, expected } => {
            expected_ko = said::expected(expected, Lang::Ko);
            found_ko = said::found(found, Lang::Ko);
            let template = match said {
                Said::InvalidType { .. } => {
                    "{}값 형식이 맞지 않습니다. 와야 할 값: {}, 적힌 값: {}"
                }
                _ => "{}값을 쓸 수 없습니다. 와야 할 값: {}, 적힌 값: {}",
            };
            (template, [&the_key, &expected_ko, &found_ko])
        }
        Said::InvalidLength { length, expected } => {
            expected_ko = said::expected(expected, Lang::Ko);
            (
                "{}항목 수가 맞지 않습니다. 와야 할 것: {}, 적힌 항목: {}개",
                [&the_key, &expected_ko, length],
            )
        }
        Said::UnknownVariant { variant, one_of } => {
            list = one_of.map(said::list_ko).unwrap_or_default();
            let template = match one_of {
                Some(_) => "{}값으로 쓸 수 없는 이름입니다: `{}`. 쓸 수 있는 이름: {}",
                None => "{}값으로 쓸 수 없는 이름입니다: `{}`",
            };
            (template, [&the_key, variant, &list])
        }
        Said::UnknownField { field, one_of } => {
            list = one_of.map(said::list_ko).unwrap_or_default();
            let template = match one_of {
                Some(_) => {
                    "{}에 쓸 수 없는 키입니다: `{}`. 철자를 확인해 주세요. 쓸 수 있는 키: {}"
                }
                None => "{}에는 키를 쓸 수 없습니다: `{}`",
            };
            (template, [&table, field, &list])
        }
        Said::MissingField { field } => (
            "{}에 꼭 있어야 하는 키가 빠졌습니다: `{}`",
            [&table, field, ""],
        ),
        Said::DuplicateField { field } => (
            "{}에 같은 키가 두 번 적혀 있습니다: `{}`",
            [&table, field, ""],
        ),
        Said::DuplicateKey => match key {
            Some(key) => (
                "같은 키나 표 이름이 두 번 적혀 있습니다: `{}`",
                [key, "", ""],
            ),
            None => ("같은 키나 표 이름이 두 번 적혀 있습니다.", ["", "", ""]),
        },
        Said::DecimalAsText { value } => (
            "{}소수는 정확히 읽히도록 따옴표로 감싸 적어야 합니다. 이렇게: \"{}\"",
            [&the_key, value, ""],
        ),
        Said::Grammar {
            what: said_what,
            expected,
        } => {
            what = said::grammar_ko(said_what).map_or_else(
                || fill("TOML 읽기 도구의 설명(영어): \"{}\"", &[said_what]),
                str::to_string,
            );
            expected_ko = said::grammar_expected_ko(expected);
            (
                "TOML 문법에 맞지 않습니다. {}. 이 자리에 와야 할 것: {}",
                [&what, &expected_ko, ""],
            )
        }
        Said::Other(text) => (
            "{}값을 읽지 못했습니다. TOML 읽기 도구의 설명(영어): \"{}\"",
            [&the_key, text, ""],
        ),
    };
    fill(template, &args)
}

impl fmt::Display for DatasetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for DatasetError {}
