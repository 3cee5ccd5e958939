//! Saying where a number came from, in the reader's language.

use crate::core::num::{Quantity, Style, format};
use crate::core::{Dataset, Lang, Provenance};

/// A one-line account of a value's provenance: its source, formula, rule or edit.
pub fn describe(provenance: &Provenance, dataset: &Dataset, lang: Lang) -> String {
    match provenance {
        Provenance::Gap => lang
            .pick(
                "이 출처에는 이 해의 수치가 없습니다",
                "this source has no figure for this year",
            )
            .to_string(),
        Provenance::Published {
            source,
            approximate,
            stands_in,
            vintage,
            ..
        } => {
            let name = dataset
                .source(*source)
                .map(|s| s.name(lang).to_string())
                .unwrap_or_default();
            let mut text = match lang {
                Lang::Ko => format!("발표값: {name}"),
                Lang::En => format!("published by {name}"),
            };
            if *approximate {
                text.push_str(lang.pick(" (어림값)", " (approximate)"));
            }
            if *stands_in {
                let bits = vintage.map_or(8, |v| 1 << (v as u8));
                text.push_str(&format!(
                    " ({})",
                    crate::core::chart_model::stand_in_note(bits, lang)
                ));
            }
            text
        }
        Provenance::Derived { formula, .. } => match lang {
            Lang::Ko => format!("계산값: {}", formula.describe(lang)),
            Lang::En => format!("derived: {}", formula.describe(lang)),
        },
        Provenance::Assumed { rule, .. } => match lang {
            Lang::Ko => format!("가정: {}", rule.describe(lang)),
            Lang::En => format!("assumed: {}", rule.describe(lang)),
        },
        Provenance::Edited { previous, .. } => {
            let was = previous
                .map(|v| format(v, Quantity::Won, lang, Style::Compact))
                .unwrap_or_else(|| lang.pick("값 없음", "no value").to_string());
            match lang {
                Lang::Ko => format!("직접 수정한 값 (원래 {was})"),
                Lang::En => format!("your edit (was {was})"),
            }
        }
        // A projected value says how: the method (and, for a scaled partner, the factor).
        Provenance::Projected { method, base } => match (lang, base) {
            (Lang::Ko, Some(b)) => {
                format!("전망값: {} ({}년 값에서)", method.describe(lang), b.year)
            }
            (Lang::Ko, None) => format!("전망값: {}", method.describe(lang)),
            (Lang::En, Some(b)) => {
                format!("projected: {} (from {})", method.describe(lang), b.year)
            }
            (Lang::En, None) => format!("projected: {}", method.describe(lang)),
        },
        Provenance::Overflow { .. } => lang
            .pick("값이 너무 커서 계산할 수 없습니다", "too large to compute")
            .to_string(),
    }
}
