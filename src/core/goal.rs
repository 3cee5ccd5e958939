//! Goal seek's defaults and its answer in words: which seeks the page offers first, and what it
//! says about an outcome. The solving is [`super::seek`]; this is what a reader reads about it, so
//! native tests reach it and the page only lays it out.

use rust_decimal::Decimal;

use super::dataset::Dataset;
use super::lang::Lang;
use super::num::{Quantity, Style, format};
use super::scenario::Seek;
use super::seek::SeekOutcome;
use super::series::{Flow, Measure, Partner, SeriesKey};
use super::table::Table;

/// The flows a growth seek can solve for: every projected won flow with a base, the `partner`'s
/// first and sales before purchases.
pub fn seekable(table: &Table, partner: Partner) -> Vec<SeriesKey> {
    let mut out: Vec<SeriesKey> = table
        .rows
        .iter()
        .filter(|r| {
            r.series.flow != Flow::Balance
                && r.series.measure == Measure::Won
                && r.projection.is_some_and(|p| p.base.is_some())
        })
        .map(|r| r.series)
        .collect();
    // Keys are unique (one won series per partner and flow), so an unstable sort orders them fully.
    let key = |s: &SeriesKey| (s.partner != partner, s.partner, s.flow != Flow::Sales);
    crate::core::sorted::sort_by(&mut out, &|a, b| key(a).cmp(&key(b)));
    out
}

/// The growth seek offered first: sales to China breaking even at the horizon, when the view
/// projects them; else the first flow it can solve for.
pub fn default_growth_seek(table: &Table, partner: Partner) -> Option<Seek> {
    let flows = seekable(table, partner);
    let china = SeriesKey::won(Flow::Sales, Partner::China);
    let series = flows
        .iter()
        .copied()
        .find(|s| *s == china)
        .or_else(|| flows.first().copied())?;
    Some(Seek::Growth {
        series,
        year: table.last_year,
        target: Decimal::ZERO,
    })
}

/// The story's dollar figure for a balance: the newest year the data file's story states one,
/// with its partner (e.g. the 2023 deficit with all partners, −$4.3 bn).
pub fn story_dollar_balance(data: &Dataset) -> Option<(Partner, i32, Decimal)> {
    let story = data.story_view()?;
    Partner::ALL.iter().find_map(|&partner| {
        let series = SeriesKey {
            flow: Flow::Balance,
            partner,
            measure: Measure::Usd,
        };
        let (year, pick) = story.levels_of(series).last()?;
        Some((partner, year, data.figure(pick.figure)?.value))
    })
}

/// The rate seek offered first: the exchange rate at which the story's dollar figure follows from
/// the view's won balance of that year (what rate the story used); where the view has no such
/// year, the headline's balance at a target of zero.
pub fn default_rate_seek(data: &Dataset, table: &Table, headline: SeriesKey, year: i32) -> Seek {
    let story = story_dollar_balance(data).filter(|(partner, year, _)| {
        table
            .value(SeriesKey::won(Flow::Balance, *partner).at(*year))
            .is_some()
            && *year <= table.last_published_year
    });
    match story {
        Some((partner, year, target)) => Seek::Rate {
            partner,
            year,
            target,
        },
        None => Seek::Rate {
            partner: headline.partner,
            year: year.min(table.last_published_year),
            target: Decimal::ZERO,
        },
    }
}

/// The hint under the rate seek's target: the story's figure in the field's unit (US$ billion).
pub fn story_target_hint(data: &Dataset, lang: Lang) -> Option<String> {
    let (_, year, value) = story_dollar_balance(data)?;
    let words = super::num::format_balance(value, Quantity::Usd, lang, Style::Compact);
    let bare = super::num::format_bare(value, &super::num::FieldUnit::usd_billions());
    Some(match lang {
        Lang::Ko => format!("기사의 {year}년 수치: {words} = {bare}"),
        Lang::En => format!("The story's {year} figure: {words} = {bare}"),
    })
}

/// How an answer went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerStatus {
    /// A value reaches the target.
    Solved,
    /// Both ends of the range fall on the same side of the target.
    NoSolution,
    /// The seek could not run.
    Unavailable,
}

impl AnswerStatus {
    /// Its id, for styles and tests.
    pub fn id(self) -> &'static str {
        match self {
            AnswerStatus::Solved => "solved",
            AnswerStatus::NoSolution => "none",
            AnswerStatus::Unavailable => "unavailable",
        }
    }

    /// Its badge.
    pub fn badge(self, lang: Lang) -> &'static str {
        match self {
            AnswerStatus::Solved => lang.pick("답", "Answer"),
            AnswerStatus::NoSolution => lang.pick("답 없음", "No answer"),
            AnswerStatus::Unavailable => lang.pick("풀 수 없음", "Cannot solve"),
        }
    }
}

/// A goal seek's answer in words: one sentence, the arithmetic, and the label of the button that
/// adopts the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// How it went.
    pub status: AnswerStatus,
    /// The answer, or why there is none.
    pub sentence: String,
    /// Its arithmetic, when solved.
    pub formula: Option<String>,
    /// The button's label, when there is something to adopt.
    pub adopt: Option<&'static str>,
}

fn won(value: Decimal, lang: Lang) -> String {
    format(value, Quantity::Won, lang, Style::Compact)
}

fn usd(value: Decimal, lang: Lang) -> String {
    format(value, Quantity::Usd, lang, Style::Compact)
}

fn pct(value: Decimal, lang: Lang) -> String {
    format(value, Quantity::Percent, lang, Style::Compact)
}

fn rate(value: Decimal, lang: Lang) -> String {
    format(value, Quantity::Rate, lang, Style::Compact)
}

/// What the page says about `outcome` of `seek` on `table`.
pub fn answer(table: &Table, seek: Seek, outcome: &SeekOutcome, lang: Lang) -> Answer {
    match (seek, outcome) {
        (
            Seek::Growth {
                series,
                year,
                target,
            },
            SeekOutcome::Solved {
                value, achieved, ..
            },
        ) => growth_answer(table, series, year, target, *value, *achieved, lang),
        (
            Seek::Rate {
                partner,
                year,
                target,
            },
            SeekOutcome::Solved {
                value, achieved, ..
            },
        ) => rate_answer(table, partner, year, target, *value, *achieved, lang),
        (
            seek,
            SeekOutcome::NoSolution {
                low,
                high,
                at_low,
                at_high,
            },
        ) => no_solution(seek, [*low, *high], [*at_low, *at_high], lang),
        (_, SeekOutcome::Unavailable(issue)) => Answer {
            status: AnswerStatus::Unavailable,
            sentence: issue.message(lang),
            formula: None,
            adopt: None,
        },
    }
}

fn growth_answer(
    table: &Table,
    series: SeriesKey,
    year: i32,
    target: Decimal,
    value: Decimal,
    achieved: Decimal,
    lang: Lang,
) -> Answer {
    let partner = series.partner;
    let base = table
        .row(series)
        .and_then(|r| r.projection)
        .and_then(|p| p.base);
    let base_value = base.and_then(|b| table.value(b));
    let other = series.with_flow(if series.flow == Flow::Sales {
        Flow::Purchases
    } else {
        Flow::Sales
    });
    let other_value = table.value(other.at(year));
    let from = base.map_or(year, |b| b.year);
    let steps = year.saturating_sub(from);
    let goal = if target.is_zero() {
        lang.pick("균형", "break even").to_string()
    } else {
        won(target, lang)
    };
    let sentence = match lang {
        Lang::Ko => format!(
            "{}: {from}년부터 매년 {}씩 늘어야 {year}년 {} 수지가 {goal}에 이릅니다.",
            series.label(lang),
            pct(value, lang),
            partner.label(lang)
        ),
        Lang::En => format!(
            "{} would have to grow {} a year from {from} for the balance with {} to {} in {year}.",
            series.label(lang),
            pct(value, lang),
            partner.label(lang),
            if target.is_zero() {
                goal
            } else {
                format!("reach {goal}")
            }
        ),
    };
    let grown = format!(
        "{} × (1 + {})^{steps}",
        base_value.map_or("?".into(), |v| won(v, lang)),
        pct(value, lang)
    );
    let other_text = other_value.map_or("?".into(), |v| won(v, lang));
    let formula = if series.flow == Flow::Sales {
        format!("{grown} − {other_text} = {}", won(achieved, lang))
    } else {
        format!("{other_text} − {grown} = {}", won(achieved, lang))
    };
    Answer {
        status: AnswerStatus::Solved,
        sentence,
        formula: Some(formula),
        adopt: Some(lang.pick("이 증가율을 가정으로 쓰기", "Use this growth rate")),
    }
}

fn rate_answer(
    table: &Table,
    partner: Partner,
    year: i32,
    target: Decimal,
    value: Decimal,
    achieved: Decimal,
    lang: Lang,
) -> Answer {
    let balance = table.value(SeriesKey::won(Flow::Balance, partner).at(year));
    let balance_text = balance.map_or("?".into(), |v| won(v, lang));
    let sentence = match lang {
        Lang::Ko => format!(
            "환율이 {}이면 {year}년 {} 수지 {balance_text}는 {}입니다.",
            rate(value, lang),
            partner.label(lang),
            usd(target, lang)
        ),
        Lang::En => format!(
            "At {}, the {year} balance with {} of {balance_text} comes to {}.",
            rate(value, lang),
            partner.label(lang),
            usd(target, lang)
        ),
    };
    let formula = match lang {
        Lang::Ko => format!(
            "환율 = {balance_text} ÷ {} = {} (확인: {})",
            usd(target, lang),
            rate(value, lang),
            usd(achieved, lang)
        ),
        Lang::En => format!(
            "rate = {balance_text} ÷ {} = {} (check: {})",
            usd(target, lang),
            rate(value, lang),
            usd(achieved, lang)
        ),
    };
    Answer {
        status: AnswerStatus::Solved,
        sentence,
        formula: Some(formula),
        adopt: Some(lang.pick("이 환율을 모든 연도에 쓰기", "Use this rate for every year")),
    }
}

fn no_solution(
    seek: Seek,
    [low, high]: [Decimal; 2],
    [at_low, at_high]: [Decimal; 2],
    lang: Lang,
) -> Answer {
    let (range, ends) = match seek {
        Seek::Growth { year, .. } => (
            match lang {
                Lang::Ko => format!("연 {}~{}", pct(low, lang), pct(high, lang)),
                Lang::En => format!("{} to {} a year", pct(low, lang), pct(high, lang)),
            },
            match lang {
                Lang::Ko => format!(
                    "{year}년 수지는 가장 낮은 증가율에서 {}, 가장 높은 증가율에서 {}입니다.",
                    won(at_low, lang),
                    won(at_high, lang)
                ),
                Lang::En => format!(
                    "the {year} balance would be {} at the lowest rate and {} at the highest.",
                    won(at_low, lang),
                    won(at_high, lang)
                ),
            },
        ),
        Seek::Rate { .. } => (
            format!("{} – {}", rate(low, lang), rate(high, lang)),
            match lang {
                Lang::Ko => format!(
                    "달러 수지는 {}에서 {}, {}에서 {}입니다.",
                    rate(low, lang),
                    usd(at_low, lang),
                    rate(high, lang),
                    usd(at_high, lang)
                ),
                Lang::En => format!(
                    "the dollar balance would be {} at {} and {} at {}.",
                    usd(at_low, lang),
                    rate(low, lang),
                    usd(at_high, lang),
                    rate(high, lang)
                ),
            },
        ),
    };
    let sentence = match lang {
        Lang::Ko => {
            format!("범위 안에 답이 없습니다 ({range}): {ends} 두 끝이 목표의 같은 쪽에 있습니다.")
        }
        Lang::En => format!(
            "No solution in range ({range}): {ends} Both ends fall on the same side of the target."
        ),
    };
    Answer {
        status: AnswerStatus::NoSolution,
        sentence,
        formula: None,
        adopt: None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

    use super::*;
    use crate::core::{Scenario, compute};

    #[test]
    fn the_rate_seek_starts_from_the_storys_own_dollar_figure() {
        let data = Dataset::embedded().expect("data");
        // The data file's story states the 2023 deficit as $4.3 bn (alphabiz-2025-07-03).
        assert_eq!(
            story_dollar_balance(data),
            Some((Partner::All, 2023, Decimal::from(-4_300_000_000_i64)))
        );
        let s = Scenario {
            view: Some("kiep-2025-07-02".into()),
            ..Scenario::default()
        };
        let out = compute(data, &s);
        let seek = default_rate_seek(data, &out.table, out.headline.series, out.headline.year);
        assert_eq!(
            seek,
            Seek::Rate {
                partner: Partner::All,
                year: 2023,
                target: Decimal::from(-4_300_000_000_i64)
            }
        );
        assert_eq!(
            story_target_hint(data, Lang::En).as_deref(),
            Some("The story's 2023 figure: a $4.3 billion deficit = −4.3")
        );
    }

    #[test]
    fn a_solved_rate_seek_reads_as_the_rate_the_story_used() {
        let data = Dataset::embedded().expect("data");
        let s = Scenario {
            view: Some("kiep-2025-07-02".into()),
            ..Scenario::default()
        };
        let out = compute(data, &s);
        let seek = default_rate_seek(data, &out.table, out.headline.series, out.headline.year);
        let solved = compute(
            data,
            &Scenario {
                seek: Some(seek),
                ..s
            },
        );
        let outcome = solved.seek.expect("a seek ran");
        let a = answer(&solved.table, seek, &outcome, Lang::En);
        assert_eq!(a.status, AnswerStatus::Solved, "{a:?}");
        // 6,003 bn won ÷ 4.3 bn dollars = ₩1,396.0 per dollar.
        assert!(a.sentence.contains("1,396"), "{}", a.sentence);
        assert!(
            a.formula.as_deref().is_some_and(|f| f.contains("÷")),
            "{a:?}"
        );
        assert_eq!(a.adopt, Some("Use this rate for every year"));
    }
}
