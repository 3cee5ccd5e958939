//! The layout of the sources strip: every source's figure for the same series and year as a dot
//! on one horizontal scale, so the reader sees at once how far the sources disagree.
//!
//! Positions are percentages of the strip's width, with a 5 % margin at each end, rounded to
//! hundredths; the page only writes them out.

use rust_decimal::Decimal;

use super::arith::Arith;
use super::num::ROUNDING;
use super::sorted::{sort_by, sorted_order};

/// Dots closer than this (in per cent of the width) share one label.
const NEAR: i64 = 7;

/// Where everything on the strip goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Strip {
    /// The lowest value.
    pub low: Decimal,
    /// The highest value.
    pub high: Decimal,
    /// Each value's position, in the order the values were given.
    pub positions: Vec<Decimal>,
    /// Where the zero line goes, when zero lies between the lowest and highest values and they
    /// differ.
    pub zero: Option<Decimal>,
    /// The labels, one per group of dots close together: the values' numbers counted from 1
    /// ("1·2" for the first two) and the position the label is centred on, left to right.
    pub labels: Vec<(String, Decimal)>,
}

impl Strip {
    /// The strip for `values`, or `None` when there are none.
    pub fn of(values: &[Decimal]) -> Option<Strip> {
        let low = values.iter().copied().min()?;
        let high = values.iter().copied().max()?;
        let positions: Vec<Decimal> = values.iter().map(|v| position(*v, low, high)).collect();
        let zero_inside = low <= Decimal::ZERO && high >= Decimal::ZERO && low != high;
        Some(Strip {
            low,
            high,
            zero: zero_inside.then(|| position(Decimal::ZERO, low, high)),
            labels: clusters(&positions),
            positions,
        })
    }

    /// How far apart the lowest and highest values are.
    pub fn spread(&self) -> Decimal {
        self.high.minus(self.low).unwrap_or_default()
    }
}

/// Where `value` sits between `low` (5 %) and `high` (95 %); in the middle when they are equal.
fn position(value: Decimal, low: Decimal, high: Decimal) -> Decimal {
    let span = high.minus(low).filter(|s| !s.is_zero());
    let share = span
        .and_then(|s| value.minus(low).and_then(|d| d.checked_div(s)))
        .unwrap_or(Decimal::new(5, 1));
    Decimal::from(5)
        .plus(share.times(Decimal::from(90)).unwrap_or_default())
        .unwrap_or(Decimal::from(50))
        .round_dp_with_strategy(2, ROUNDING)
}

/// The dots grouped left to right, a dot joining the group before it when it sits within [`NEAR`]
/// of that group's last dot, each group labelled with its numbers at the mean of its positions:
/// close values (KIEP and the story, both −6.003) get one label, "1·2".
fn clusters(positions: &[Decimal]) -> Vec<(String, Decimal)> {
    let order = sorted_order(positions.len(), &|a, b| {
        (positions[a], a).cmp(&(positions[b], b))
    });
    let near = Decimal::from(NEAR);
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in order {
        let joins = groups
            .last()
            .and_then(|g| g.last())
            .and_then(|&j| positions[i].minus(positions[j]))
            .is_some_and(|gap| gap < near);
        match groups.last_mut() {
            Some(group) if joins => group.push(i),
            _ => groups.push(vec![i]),
        }
    }
    groups
        .into_iter()
        .map(|mut group| {
            sort_by(&mut group, &Ord::cmp);
            let label = group
                .iter()
                .map(|i| (i + 1).to_string())
                .collect::<Vec<_>>()
                .join("·");
            let sum = group
                .iter()
                .try_fold(Decimal::ZERO, |acc, &i| acc.plus(positions[i]));
            let mid = sum
                .and_then(|s| s.checked_div(Decimal::from(group.len())))
                .unwrap_or(Decimal::from(50))
                .round_dp_with_strategy(2, ROUNDING);
            (label, mid)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("a decimal")
    }

    #[test]
    fn the_values_span_the_strip_between_its_margins() {
        let strip = Strip::of(&[d("-4.985"), d("-6.003"), d("1")]).expect("values");
        assert_eq!((strip.low, strip.high), (d("-6.003"), d("1")));
        assert_eq!(strip.spread(), d("7.003"));
        // −4.985 is 1.018 of 7.003 along: 5 + 90 × 0.14537… = 18.08.
        assert_eq!(strip.positions, vec![d("18.08"), d("5"), d("95")]);
        // Zero is 6.003 of 7.003 along: 5 + 90 × 0.85720… = 82.15.
        assert_eq!(strip.zero, Some(d("82.15")));
    }

    #[test]
    fn equal_values_sit_in_the_middle_with_no_zero_line() {
        let strip = Strip::of(&[d("-3"), d("-3")]).expect("values");
        assert_eq!(strip.positions, vec![d("50"), d("50")]);
        assert_eq!(strip.zero, None, "no span to place zero in");
        assert_eq!(strip.labels, vec![("1·2".to_string(), d("50"))]);
        assert_eq!(Strip::of(&[]), None);
    }

    #[test]
    fn zero_outside_the_values_has_no_line() {
        let strip = Strip::of(&[d("-5"), d("-1")]).expect("values");
        assert_eq!(strip.zero, None);
    }

    #[test]
    fn close_dots_share_a_label_at_their_middle_and_labels_run_left_to_right() {
        // Positions 95, 5, 9.5 (within 7 of 5) and 50.
        let strip = Strip::of(&[d("100"), d("0"), d("5"), d("50")]).expect("values");
        assert_eq!(strip.positions, vec![d("95"), d("5"), d("9.5"), d("50")]);
        let labels: Vec<(&str, Decimal)> =
            strip.labels.iter().map(|(l, x)| (l.as_str(), *x)).collect();
        assert_eq!(
            labels,
            vec![("2·3", d("7.25")), ("4", d("50")), ("1", d("95"))]
        );
    }
}
