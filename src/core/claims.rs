//! The story's claims and their verdicts against the current view.
//!
//! A [`Claim`] is a paraphrase of something the story asserts, split into [`Part`]s. Each part is a
//! `check` expression compared with an `expect` expression (see [`crate::core::parse_expr`]) in a way
//! that matches how the story rounds: "3.23 trillion" holds for anything that rounds to 3.23, "nearly
//! 80 %" holds for a little under 80. The verdict is computed live from the table the reader is
//! looking at, so editing any figure re-evaluates every claim.
//!
//! A claim fails if any part fails; it is unchecked if none fails but a required part could not be
//! checked (a figure it needs is missing, or the arithmetic is undefined); otherwise it holds.

use super::arith::Arith;
use rust_decimal::Decimal;

use super::expr::{Eval, Expr, Ref, Resolve};
use super::lang::Lang;
use super::measure::Undefined;
use super::num;
use super::series::CellRef;
use super::table::{Provenance, Table};

/// How a part's computed value is compared with what the story stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compare {
    /// The story rounded to `step`: holds when |computed − expected| ≤ step / 2.
    RoundsTo {
        /// The unit of the story's last digit (0.001 tn for "6.003 trillion").
        step: Decimal,
    },
    /// The story cut digits off: holds when |expected| ≤ |computed| < |expected| + step, same sign.
    Truncates {
        /// The unit of the story's last digit.
        step: Decimal,
    },
    /// "Nearly": a little under, expected − margin ≤ computed ≤ expected.
    Nearly {
        /// How far under still counts as "nearly".
        margin: Decimal,
    },
    /// computed > expected.
    Above,
    /// computed < expected.
    Below,
    /// computed ≥ expected.
    AtLeast,
    /// computed ≤ expected.
    AtMost,
}

impl Compare {
    /// The comparison in symbols, for showing beside the formula.
    pub fn symbol(self) -> &'static str {
        match self {
            Compare::RoundsTo { .. } => "≈",
            Compare::Truncates { .. } => "≈↓",
            Compare::Nearly { .. } => "≲",
            Compare::Above => ">",
            Compare::Below => "<",
            Compare::AtLeast => "≥",
            Compare::AtMost => "≤",
        }
    }

    /// Whether `computed` satisfies the comparison with `expected`.
    pub fn holds(self, computed: Decimal, expected: Decimal) -> bool {
        match self {
            Compare::RoundsTo { step } => {
                let half = step / Decimal::TWO;
                computed
                    .minus(expected)
                    .is_some_and(|diff| diff.abs() <= half)
            }
            Compare::Truncates { step } => {
                let same_sign = computed.is_sign_negative() == expected.is_sign_negative()
                    || expected.is_zero();
                same_sign
                    && computed.abs() >= expected.abs()
                    && expected
                        .abs()
                        .plus(step)
                        .is_some_and(|top| computed.abs() < top)
            }
            Compare::Nearly { margin } => {
                computed <= expected && expected.minus(margin).is_some_and(|low| computed >= low)
            }
            Compare::Above => computed > expected,
            Compare::Below => computed < expected,
            Compare::AtLeast => computed >= expected,
            Compare::AtMost => computed <= expected,
        }
    }
}

/// One checkable part of a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// Identifier within the claim.
    pub id: String,
    /// What the part checks, in Korean.
    pub ko: String,
    /// What the part checks, in English.
    pub en: String,
    /// The computed side.
    pub check: Expr,
    /// The computed side as written in the data file.
    pub check_text: String,
    /// What the story said (often a stated figure or a literal).
    pub expect: Expr,
    /// The expected side as written.
    pub expect_text: String,
    /// How the two are compared.
    pub compare: Compare,
    /// When false, an unchecked part does not make the claim unchecked (it is context).
    pub required: bool,
    /// An explanation in Korean.
    pub note_ko: Option<String>,
    /// An explanation in English.
    pub note_en: Option<String>,
    /// The check said in words, Korean: `{check}`, `{expect}` and cells such as
    /// `{sales.china[2020]}` are replaced by their values.
    pub say_ko: Option<String>,
    /// The check said in words, English, with the same placeholders.
    pub say_en: Option<String>,
}

/// Whose figure one side of a part is, so the panel names it rightly: "the story says" only for the
/// story's own figures, a source by its name, a threshold as a threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The story's stated figures, or a number the story wrote (600, 80).
    Story,
    /// Figures of the view being read.
    View,
    /// A bar the check sets itself (a deficit is below 0), not anybody's figure.
    Threshold,
}

impl Part {
    /// Whose figure the computed side is.
    pub fn check_side(&self) -> Side {
        side(&self.check, self.compare)
    }

    /// Whose figure the expected side is.
    pub fn expect_side(&self) -> Side {
        side(&self.expect, self.compare)
    }

    /// The part in words, with the values the reader sees in place of its placeholders; `None`
    /// when the data file gives no wording.
    pub fn say(&self, lang: Lang, verdict: &Verdict, table: &Table) -> Option<String> {
        let template = lang.pick(self.say_ko.as_deref()?, self.say_en.as_deref()?);
        let (computed, expected) = match verdict {
            Verdict::Holds { computed, expected }
            | Verdict::Fails {
                computed, expected, ..
            } => (Some(*computed), Some(*expected)),
            // An unchecked part says why instead: its sentence would be mostly blanks.
            Verdict::Unchecked { .. } => return None,
        };
        Some(fill_in(template, lang, &|name| match name {
            "check" => computed,
            "expect" => expected,
            cell => cell.parse::<CellRef>().ok().and_then(|c| table.value(c)),
        }))
    }

    /// The view's cells this part read that only stand in for its vintage (directly, or as an
    /// input of a derived balance): a verdict resting on them has to say so.
    pub fn stand_ins(&self, table: &Table) -> Vec<CellRef> {
        let mut out = Vec::new();
        let mut visit = |c: CellRef| {
            if let Some(Provenance::Published {
                stands_in: true, ..
            }) = table.cell(c).map(|x| &x.provenance)
            {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        };
        for r in self.refs() {
            let Some(c) = r.view_cell() else { continue };
            visit(c);
            if let Some(Provenance::Derived { inputs, .. }) = table.cell(c).map(|x| &x.provenance) {
                inputs.iter().copied().for_each(&mut visit);
            }
        }
        out
    }
    /// The part's formula, e.g. `fold(…) ≈ 600`.
    pub fn formula(&self) -> String {
        format!(
            "{} {} {}",
            self.check_text,
            self.compare.symbol(),
            self.expect_text
        )
    }

    /// Every reference the part reads (for linking each figure to its cell).
    pub fn refs(&self) -> Vec<Ref> {
        let mut refs = self.check.refs();
        for r in self.expect.refs() {
            if !refs.contains(&r) {
                refs.push(r);
            }
        }
        refs
    }

    /// The note in a language.
    pub fn note(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Ko => self.note_ko.as_deref(),
            Lang::En => self.note_en.as_deref(),
        }
    }

    /// Evaluates the part against a view.
    pub fn evaluate(&self, r: &impl Resolve) -> Verdict {
        let computed = self.check.eval(r);
        let expected = self.expect.eval(r);
        match (computed, expected) {
            (Eval::Value(computed), Eval::Value(expected)) => {
                if self.compare.holds(computed, expected) {
                    Verdict::Holds { computed, expected }
                } else {
                    let by = computed.minus(expected).unwrap_or(Decimal::MAX);
                    let by_relative = if expected.is_zero() {
                        None
                    } else {
                        by.checked_div(expected.abs())
                            .and_then(|x| x.times(Decimal::ONE_HUNDRED))
                    };
                    Verdict::Fails {
                        computed,
                        expected,
                        by,
                        by_relative,
                    }
                }
            }
            (a, b) => {
                let mut missing = Vec::new();
                let mut undefined = None;
                for e in [a, b] {
                    match e {
                        Eval::Missing(m) => missing.extend(m),
                        Eval::Undefined(u) => undefined = undefined.or(Some(u)),
                        Eval::Value(_) => {}
                    }
                }
                let reason = if missing.is_empty() {
                    undefined.map_or(Unchecked::Missing, Unchecked::Undefined)
                } else {
                    Unchecked::Missing
                };
                Verdict::Unchecked { missing, reason }
            }
        }
    }
}

fn side(e: &Expr, compare: Compare) -> Side {
    let refs = e.refs();
    if refs.iter().any(|r| r.view_cell().is_some()) {
        Side::View
    } else if !refs.is_empty() {
        Side::Story
    } else if matches!(
        compare,
        Compare::Above | Compare::Below | Compare::AtLeast | Compare::AtMost
    ) {
        Side::Threshold
    } else {
        Side::Story
    }
}

/// Replaces each `{name}` in a sentence of the data file (`{check}`, `{sales.china[2020]}`…) by the
/// value `lookup` gives for it, written for readers; "(none)" where there is none. `{name|usd}`,
/// `{name|pct}` and `{name|fold}` say what the number is; without, an amount is in won.
pub fn fill_in(template: &str, lang: Lang, lookup: &dyn Fn(&str) -> Option<Decimal>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let Some(close) = after.find('}') else {
            out.push_str(after);
            rest = "";
            break;
        };
        let inner = after.get(1..close).unwrap_or_default();
        let (name, kind) = inner.split_once('|').unwrap_or((inner, ""));
        let quantity = match kind {
            "usd" => Some(num::Quantity::Usd),
            "pct" => Some(num::Quantity::Percent),
            "fold" => Some(num::Quantity::Fold),
            _ => None,
        };
        out.push_str(&lookup(name).map_or_else(
            || lang.pick("(없음)", "(none)").to_string(),
            |v| match quantity {
                Some(q) => num::format(v, q, lang, num::Style::Compact),
                None => words_value(v, lang),
            },
        ));
        rest = after.get(close + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// A value in a sentence: amounts in the reader's scale words, small numbers (per cent, folds) with
/// one decimal.
fn words_value(v: Decimal, lang: Lang) -> String {
    if v.abs() >= Decimal::from(10_000) {
        num::format(v, num::Quantity::Won, lang, num::Style::Compact)
    } else {
        v.round_dp_with_strategy(1, num::ROUNDING)
            .normalize()
            .to_string()
            .replace('-', "\u{2212}")
    }
}

/// A claim of the story, with its parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Identifier (C1…C6).
    pub id: String,
    /// Our paraphrase in Korean.
    pub ko: String,
    /// Our paraphrase in English.
    pub en: String,
    /// What is checked.
    pub parts: Vec<Part>,
    /// Why the claim cannot be checked at all (Korean, English): a context figure.
    pub unchecked: Option<(String, String)>,
    /// What changed between the figures published by the story's date and today's (Korean,
    /// English), one sentence with the same placeholders as a part's wording.
    pub then_now: Option<(String, String)>,
}

impl Claim {
    /// The paraphrase in a language.
    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.ko, &self.en)
    }
}

/// Why a verdict is unchecked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unchecked {
    /// Some cells it needs have no value in this view (listed in the verdict).
    Missing,
    /// The arithmetic is undefined, e.g. a fold from a surplus to a deficit.
    Undefined(Undefined),
    /// The dataset holds nothing to check it against (Korean, English reason).
    Context(String, String),
}

impl Unchecked {
    /// A reader's explanation.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Unchecked::Missing => lang
                .pick(
                    "이 자료에 필요한 수치가 없습니다",
                    "this view lacks a figure it needs",
                )
                .to_string(),
            Unchecked::Undefined(u) => u.message(lang).to_string(),
            Unchecked::Context(ko, en) => lang.pick(ko, en).to_string(),
        }
    }
}

/// Whether a claim or part holds against the current view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The data agree with the story (within its rounding).
    Holds {
        /// The computed side.
        computed: Decimal,
        /// What the story said.
        expected: Decimal,
    },
    /// The data disagree.
    Fails {
        /// The computed side.
        computed: Decimal,
        /// What the story said.
        expected: Decimal,
        /// computed − expected.
        by: Decimal,
        /// (computed − expected) / |expected| × 100, when expected is not zero.
        by_relative: Option<Decimal>,
    },
    /// It cannot be checked here.
    Unchecked {
        /// The references that had no value (empty unless the reason is [`Unchecked::Missing`]).
        missing: Vec<Ref>,
        /// Why.
        reason: Unchecked,
    },
}

impl Verdict {
    /// A short label.
    pub fn label(&self, lang: Lang) -> &'static str {
        match self {
            Verdict::Holds { .. } => lang.pick("사실", "holds"),
            Verdict::Fails { .. } => lang.pick("사실과 다름", "fails"),
            Verdict::Unchecked { .. } => lang.pick("확인 불가", "unchecked"),
        }
    }

    /// True for [`Verdict::Holds`].
    pub fn holds(&self) -> bool {
        matches!(self, Verdict::Holds { .. })
    }

    /// True for [`Verdict::Fails`].
    pub fn fails(&self) -> bool {
        matches!(self, Verdict::Fails { .. })
    }
}

/// The verdict of one part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartResult {
    /// Index of the part within its claim.
    pub part: usize,
    /// Its verdict.
    pub verdict: Verdict,
}

/// The verdict of a claim and of each of its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimResult {
    /// Index into [`crate::core::Dataset::claims`].
    pub claim: usize,
    /// The aggregate verdict: fails if any part fails, else unchecked if a required part is, else holds.
    pub verdict: Verdict,
    /// Each part's verdict, in order.
    pub parts: Vec<PartResult>,
}

/// How many claims hold, fail and cannot be checked: the one-line summary of the compact embed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// Claims whose every part holds.
    pub holds: usize,
    /// Claims with a part that fails.
    pub fails: usize,
    /// Claims that cannot be checked here.
    pub unchecked: usize,
}

impl Tally {
    /// Counts the verdicts of `results`.
    pub fn of(results: &[ClaimResult]) -> Tally {
        results.iter().fold(Tally::default(), |mut t, r| {
            match r.verdict {
                Verdict::Holds { .. } => t.holds += 1,
                Verdict::Fails { .. } => t.fails += 1,
                Verdict::Unchecked { .. } => t.unchecked += 1,
            }
            t
        })
    }

    /// "Of the story's 6 claims, on these figures 3 hold, 2 fail and 1 cannot be checked."
    pub fn sentence(self, lang: Lang) -> String {
        let total = self.holds + self.fails + self.unchecked;
        match lang {
            Lang::Ko => format!(
                "기사의 주장 {total}개를 이 수치로 따져 보면 사실 {}개, 사실과 다름 {}개, 확인 불가 {}개입니다.",
                self.holds, self.fails, self.unchecked
            ),
            Lang::En => {
                let verb = |n: usize, one: &'static str, many: &'static str| {
                    if n == 1 { one } else { many }
                };
                format!(
                    "Of the story's {total} claims, on these figures {} {}, {} {} and {} cannot be checked.",
                    self.holds,
                    verb(self.holds, "holds", "hold"),
                    self.fails,
                    verb(self.fails, "fails", "fail"),
                    self.unchecked,
                )
            }
        }
    }
}

/// Evaluates every claim against a resolver (the computed view).
pub fn evaluate_claims(claims: &[Claim], r: &impl Resolve) -> Vec<ClaimResult> {
    claims
        .iter()
        .enumerate()
        .map(|(i, c)| evaluate_claim(i, c, r))
        .collect()
}

fn evaluate_claim(index: usize, claim: &Claim, r: &impl Resolve) -> ClaimResult {
    let parts: Vec<PartResult> = claim
        .parts
        .iter()
        .enumerate()
        .map(|(i, p)| PartResult {
            part: i,
            verdict: p.evaluate(r),
        })
        .collect();
    let verdict = if let Some((ko, en)) = &claim.unchecked {
        Verdict::Unchecked {
            missing: Vec::new(),
            reason: Unchecked::Context(ko.clone(), en.clone()),
        }
    } else if let Some(failed) = parts.iter().find(|p| p.verdict.fails()) {
        failed.verdict.clone()
    } else if let Some(open) = parts
        .iter()
        .find(|p| !p.verdict.holds() && claim.parts.get(p.part).is_some_and(|x| x.required))
    {
        open.verdict.clone()
    } else {
        match parts.iter().find(|p| p.verdict.holds()) {
            Some(p) => p.verdict.clone(),
            None => Verdict::Unchecked {
                missing: Vec::new(),
                reason: Unchecked::Missing,
            },
        }
    };
    ClaimResult {
        claim: index,
        verdict,
        parts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tally_counts_and_says_each_verdict() {
        let v = |verdict| ClaimResult {
            claim: 0,
            verdict,
            parts: Vec::new(),
        };
        let one = Decimal::ONE;
        let results = [
            v(Verdict::Holds {
                computed: one,
                expected: one,
            }),
            v(Verdict::Holds {
                computed: one,
                expected: one,
            }),
            v(Verdict::Fails {
                computed: one,
                expected: Decimal::TWO,
                by: -one,
                by_relative: None,
            }),
            v(Verdict::Unchecked {
                missing: Vec::new(),
                reason: Unchecked::Missing,
            }),
        ];
        let tally = Tally::of(&results);
        assert_eq!((tally.holds, tally.fails, tally.unchecked), (2, 1, 1));
        assert_eq!(
            tally.sentence(Lang::En),
            "Of the story's 4 claims, on these figures 2 hold, 1 fails and 1 cannot be checked."
        );
        assert_eq!(
            tally.sentence(Lang::Ko),
            "기사의 주장 4개를 이 수치로 따져 보면 사실 2개, 사실과 다름 1개, 확인 불가 1개입니다."
        );
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).expect(s)
    }

    #[test]
    fn comparisons_match_how_stories_round() {
        let cases = [
            (
                "6.003 rounds to 6.003",
                Compare::RoundsTo { step: d("0.001") },
                "6.003",
                "6.003",
                true,
            ),
            (
                "6.0034 rounds to 6.003",
                Compare::RoundsTo { step: d("0.001") },
                "6.0034",
                "6.003",
                true,
            ),
            (
                "6.0035 is the edge",
                Compare::RoundsTo { step: d("0.001") },
                "6.0035",
                "6.003",
                true,
            ),
            (
                "4.985 is not 6.003",
                Compare::RoundsTo { step: d("0.001") },
                "4.985",
                "6.003",
                false,
            ),
            (
                "53.156 rounds to 53.2",
                Compare::RoundsTo { step: d("0.1") },
                "53.156",
                "53.2",
                true,
            ),
            (
                "121.25 is not 53.2",
                Compare::RoundsTo { step: d("0.1") },
                "121.25",
                "53.2",
                false,
            ),
            (
                "1.056 truncates to 1.05",
                Compare::Truncates { step: d("0.01") },
                "1.056",
                "1.05",
                true,
            ),
            (
                "1.06 does not truncate to 1.05",
                Compare::Truncates { step: d("0.01") },
                "1.06",
                "1.05",
                false,
            ),
            (
                "-6.0039 truncates to -6.003",
                Compare::Truncates { step: d("0.001") },
                "-6.0039",
                "-6.003",
                true,
            ),
            (
                "79.7 is nearly 80",
                Compare::Nearly { margin: d("5") },
                "79.7",
                "80",
                true,
            ),
            (
                "80.2 is not nearly 80",
                Compare::Nearly { margin: d("5") },
                "80.2",
                "80",
                false,
            ),
            (
                "70 is not nearly 80",
                Compare::Nearly { margin: d("5") },
                "70",
                "80",
                false,
            ),
            ("2.107 above 1.999", Compare::Above, "2.107", "1.999", true),
            (
                "1.4858 not above 2.0046",
                Compare::Above,
                "1.4858",
                "2.0046",
                false,
            ),
            ("equal is at least", Compare::AtLeast, "1", "1", true),
            ("equal is not below", Compare::Below, "1", "1", false),
            ("equal is at most", Compare::AtMost, "1", "1", true),
        ];
        for (what, compare, computed, expected, want) in cases {
            assert_eq!(compare.holds(d(computed), d(expected)), want, "{what}");
        }
    }
}
