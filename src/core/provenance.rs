//! Saying where a number came from, in the reader's language: the one-line account the page
//! shows beside a figure (the headline, a chart's readout, a table cell).

use super::dataset::Dataset;
use super::lang::Lang;
use super::num::{Quantity, Style, format};
use super::table::Provenance;

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
                    super::chart_model::stand_in_note(bits, lang)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::compute::compute;
    use crate::core::scenario::Scenario;

    #[test]
    fn a_published_figure_names_its_source_in_both_languages() {
        let dataset = crate::core::dataset::fixture_2026_11_28();
        let computed = compute(dataset, &Scenario::default());
        let provenance = computed
            .table
            .rows
            .iter()
            .flat_map(|row| &row.cells)
            .map(|cell| &cell.provenance)
            .find(|p| {
                matches!(
                    p,
                    Provenance::Published {
                        approximate: false,
                        stands_in: false,
                        ..
                    }
                )
            })
            .expect("a published figure");
        let Provenance::Published { source, .. } = provenance else {
            unreachable!("found as published")
        };
        let source = dataset.source(*source).expect("a listed source");
        assert_eq!(
            describe(provenance, dataset, Lang::En),
            format!("published by {}", source.name(Lang::En))
        );
        assert_eq!(
            describe(provenance, dataset, Lang::Ko),
            format!("발표값: {}", source.name(Lang::Ko))
        );
    }

    #[test]
    fn an_edit_says_what_it_replaced_and_a_gap_says_there_is_none() {
        let dataset = crate::core::dataset::fixture_2026_11_28();
        let edited = |previous| Provenance::Edited {
            previous,
            was: Box::new(Provenance::Gap),
        };
        let was = "-6003000000000".parse().expect("a decimal");
        let text = describe(&edited(Some(was)), dataset, Lang::En);
        let shown = format(was, Quantity::Won, Lang::En, Style::Compact);
        assert_eq!(text, format!("your edit (was {shown})"));
        assert_eq!(
            describe(&edited(None), dataset, Lang::Ko),
            "직접 수정한 값 (원래 값 없음)"
        );
        assert_eq!(
            describe(&Provenance::Gap, dataset, Lang::En),
            "this source has no figure for this year"
        );
    }
}
