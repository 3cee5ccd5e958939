//! Folding the many ways a keyboard or a pasted headline writes digits, signs and spaces into one.

use std::borrow::Cow;

/// Rewrites full-width forms (`６`, `．`, `，`, `％`, `＄`, `￦`), the minus sign and every dash a
/// pasted figure uses as one (see [`is_dash`]) and every kind of space (NBSP, thin, ideographic)
/// into plain ASCII.
/// Everything else is left for the tokeniser to judge. Borrows when nothing changes.
pub(super) fn normalise(input: &str) -> Cow<'_, str> {
    if input.chars().all(|c| fold(c) == c) {
        return Cow::Borrowed(input);
    }
    Cow::Owned(input.chars().map(fold).collect())
}

/// The plain form of one character.
fn fold(c: char) -> char {
    match c {
        // Full-width ASCII (U+FF01..=U+FF5E) sits at a fixed offset from ASCII.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{FFE6}' => '₩',
        c if is_dash(c) => '-',
        c if c != ' ' && c.is_whitespace() => ' ',
        // Zero-width spaces and joiners are invisible in a pasted figure; treat them as spaces too.
        '\u{200B}' | '\u{2060}' | '\u{FEFF}' => ' ',
        c => c,
    }
}

/// Dashes that word processors, wire copy and spreadsheets put where a minus belongs: hyphen,
/// non-breaking hyphen, figure dash, en and em dash, horizontal bar, the minus sign itself, and their
/// small and full-width forms. A figure has no other use for a dash before it, so each reads as a
/// minus (and a misplaced one is refused as a misplaced sign).
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds() {
        let table = [
            ("６조", "6조"),
            ("１２３．４", "123.4"),
            ("1，234", "1,234"),
            ("53.2％", "53.2%"),
            ("＄4.3", "$4.3"),
            ("￦600억", "₩600억"),
            ("\u{2212}5", "-5"),
            ("\u{2013}5", "-5"),
            ("\u{2010}5", "-5"),
            ("\u{2011}5", "-5"),
            ("\u{2012}5", "-5"),
            ("\u{2014}5", "-5"),
            ("\u{2015}5", "-5"),
            ("\u{FE58}5", "-5"),
            ("\u{FE63}5", "-5"),
            ("\u{FF0D}5", "-5"),
            ("△5", "△5"),
            ("6조\u{a0}30억", "6조 30억"),
            ("6\u{2009}tn", "6 tn"),
            ("6\u{202f}tn", "6 tn"),
            ("6\u{3000}조", "6 조"),
            ("6\u{200b}조", "6 조"),
            ("\t6\n", " 6 "),
            ("６００억 원", "600억 원"),
            ("٣", "٣"),
            ("×600", "×600"),
        ];
        for (input, want) in table {
            assert_eq!(normalise(input), want, "normalising {input:?}");
        }
    }

    #[test]
    fn borrows_when_already_plain() {
        for input in ["6.003", "6조 30억 원", "₩6.003 trillion", ""] {
            assert!(
                matches!(normalise(input), Cow::Borrowed(_)),
                "{input:?} should not be copied"
            );
        }
    }
}
