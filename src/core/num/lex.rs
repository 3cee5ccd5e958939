//! Splitting normalised input into numbers, scale words, unit words and signs.

use super::error::ParseErrorKind;

/// A unit word or symbol, grouped by what it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum UnitKind {
    /// `₩`, `원`, `KRW`, `won`.
    Won,
    /// `$`, `US$`, `달러`, `USD`, `dollar(s)`.
    Usd,
    /// `%`, `%p`, `퍼센트`, `퍼센트포인트`, `percent`, `pct`, `pp`.
    Percent,
    /// `배`, `×`, `x`, `fold`, `-fold`, `times`.
    Fold,
    /// `/` or `per`, as in `원/달러`.
    Per,
    /// `건`, `개`.
    Count,
    /// `년`.
    Year,
}

/// One piece of input. Text slices point into the normalised input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tok<'a> {
    /// A well-formed number: digits with optional comma grouping and at most one point.
    Num(&'a str),
    /// A power-of-ten word: `만`, `억`, `조`, `경`, `천`, `k`, `million`, `bn`, `trillion`, ...
    Scale {
        /// The power of ten.
        exp: u32,
        /// As typed.
        text: &'a str,
    },
    /// A unit word or symbol.
    Unit {
        /// What it names.
        kind: UnitKind,
        /// As typed.
        text: &'a str,
    },
    /// `-` (true) or `+` (false).
    Sign(bool),
    /// `(`.
    Open,
    /// `)`.
    Close,
}

/// What an ASCII word (lowercased) means.
enum Word {
    Scale(u32),
    Unit(UnitKind),
    NotANumber,
}

fn ascii_word(lower: &str) -> Option<Word> {
    Some(match lower {
        "k" | "thousand" => Word::Scale(3),
        "m" | "mn" | "mln" | "million" => Word::Scale(6),
        "b" | "bn" | "billion" => Word::Scale(9),
        "t" | "tn" | "trn" | "trillion" => Word::Scale(12),
        "krw" | "won" => Word::Unit(UnitKind::Won),
        "usd" | "dollar" | "dollars" => Word::Unit(UnitKind::Usd),
        "percent" | "pct" | "pp" => Word::Unit(UnitKind::Percent),
        "x" | "fold" | "times" => Word::Unit(UnitKind::Fold),
        "per" => Word::Unit(UnitKind::Per),
        "nan" | "inf" | "infinity" => Word::NotANumber,
        _ => return None,
    })
}

/// Korean words, longest first so that `천만` wins over `천` and `퍼센트포인트` over `퍼센트`.
const HANGUL_WORDS: &[(&str, HangulWord)] = &[
    ("퍼센트포인트", HangulWord::Unit(UnitKind::Percent)),
    ("퍼센트", HangulWord::Unit(UnitKind::Percent)),
    ("십만", HangulWord::Scale(5)),
    ("백만", HangulWord::Scale(6)),
    ("천만", HangulWord::Scale(7)),
    ("십억", HangulWord::Scale(9)),
    ("백억", HangulWord::Scale(10)),
    ("천억", HangulWord::Scale(11)),
    ("십조", HangulWord::Scale(13)),
    ("백조", HangulWord::Scale(14)),
    ("천조", HangulWord::Scale(15)),
    ("달러", HangulWord::Unit(UnitKind::Usd)),
    ("경", HangulWord::Scale(16)),
    ("조", HangulWord::Scale(12)),
    ("억", HangulWord::Scale(8)),
    ("만", HangulWord::Scale(4)),
    ("천", HangulWord::Scale(3)),
    ("원", HangulWord::Unit(UnitKind::Won)),
    ("배", HangulWord::Unit(UnitKind::Fold)),
    ("건", HangulWord::Unit(UnitKind::Count)),
    ("개", HangulWord::Unit(UnitKind::Count)),
    ("년", HangulWord::Unit(UnitKind::Year)),
];

#[derive(Clone, Copy)]
enum HangulWord {
    Scale(u32),
    Unit(UnitKind),
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// The longest unknown word quoted back is this many characters.
const MAX_QUOTED: usize = 16;

fn quote(s: &str) -> String {
    s.chars().take(MAX_QUOTED).collect()
}

/// Splits normalised input into tokens. Spaces separate tokens and are otherwise ignored.
pub(super) fn tokenise(input: &str) -> Result<Vec<Tok<'_>>, ParseErrorKind> {
    let mut toks = Vec::new();
    let mut rest = input;
    while let Some(c) = rest.chars().next() {
        let (tok, len) = match c {
            ' ' => {
                rest = &rest[1..];
                continue;
            }
            '0'..='9' | '.' | ',' => number(rest)?,
            '+' => (Tok::Sign(false), 1),
            '-' => match rest.get(1..5) {
                Some(word)
                    if word.eq_ignore_ascii_case("fold") && !starts_with_letter(&rest[5..]) =>
                {
                    (
                        Tok::Unit {
                            kind: UnitKind::Fold,
                            text: &rest[..5],
                        },
                        5,
                    )
                }
                _ => (Tok::Sign(true), 1),
            },
            '(' => (Tok::Open, 1),
            ')' => (Tok::Close, 1),
            '$' => (
                Tok::Unit {
                    kind: UnitKind::Usd,
                    text: "$",
                },
                1,
            ),
            '₩' => (
                Tok::Unit {
                    kind: UnitKind::Won,
                    text: "₩",
                },
                c.len_utf8(),
            ),
            '×' => (
                Tok::Unit {
                    kind: UnitKind::Fold,
                    text: "×",
                },
                c.len_utf8(),
            ),
            '/' => (
                Tok::Unit {
                    kind: UnitKind::Per,
                    text: "/",
                },
                1,
            ),
            '%' => {
                let len = match rest.as_bytes().get(1) {
                    Some(b'p' | b'P') if !starts_with_letter(&rest[2..]) => 2,
                    _ => 1,
                };
                (
                    Tok::Unit {
                        kind: UnitKind::Percent,
                        text: &rest[..len],
                    },
                    len,
                )
            }
            c if c.is_ascii_alphabetic() => ascii(rest)?,
            c if is_hangul(c) => hangul(rest)?,
            c => return Err(ParseErrorKind::InvalidChar(c)),
        };
        toks.push(tok);
        rest = rest.get(len..).unwrap_or_default();
    }
    Ok(toks)
}

fn starts_with_letter(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// Reads a number at the start of `s`: the run of digits, commas and points, checked for shape.
fn number(s: &str) -> Result<(Tok<'_>, usize), ParseErrorKind> {
    let len = s
        .find(|c: char| !matches!(c, '0'..='9' | '.' | ','))
        .unwrap_or(s.len());
    let text = &s[..len];
    // `1e9`, `1E-3`, `2e+5`: exponents are refused outright rather than read as a unit `e`.
    let after = &s.as_bytes()[len..];
    if let [b'e' | b'E', next, ..] = after {
        let digit_follows = next.is_ascii_digit()
            || (matches!(next, b'+' | b'-') && after.get(2).is_some_and(u8::is_ascii_digit));
        if digit_follows {
            return Err(ParseErrorKind::Exponent);
        }
    }
    if !well_formed(text) {
        return Err(ParseErrorKind::MalformedNumber(quote(text)));
    }
    Ok((Tok::Num(text), len))
}

/// Whether a run of digits, commas and points is a number: at least one digit, at most one point,
/// no commas after the point, and commas (if any) splitting the whole part into a first group of one
/// to three digits followed by groups of exactly three. `.5` and `5.` are accepted.
fn well_formed(text: &str) -> bool {
    let (whole, frac) = match text.split_once('.') {
        Some((whole, frac)) => (whole, Some(frac)),
        None => (text, None),
    };
    let frac = frac.unwrap_or_default();
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    if whole.is_empty() && frac.is_empty() {
        return false;
    }
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or_default();
    if !first.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    if whole.contains(',') {
        (1..=3).contains(&first.len())
            && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
    } else {
        true
    }
}

/// Reads an ASCII word at the start of `s`.
fn ascii(s: &str) -> Result<(Tok<'_>, usize), ParseErrorKind> {
    let len = s
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(s.len());
    let text = &s[..len];
    let lower = text.to_ascii_lowercase();
    // `US$` is one token.
    if lower == "us" && s[len..].starts_with('$') {
        return Ok((
            Tok::Unit {
                kind: UnitKind::Usd,
                text: &s[..len + 1],
            },
            len + 1,
        ));
    }
    let tok = match ascii_word(&lower) {
        Some(Word::Scale(exp)) => Tok::Scale { exp, text },
        Some(Word::Unit(kind)) => Tok::Unit { kind, text },
        Some(Word::NotANumber) => return Err(ParseErrorKind::NotANumber(quote(text))),
        None => {
            // `bnbn`: the same known word twice.
            let half = lower.len() / 2;
            if lower.len() % 2 == 0
                && lower[..half] == lower[half..]
                && ascii_word(&lower[..half]).is_some()
            {
                return Err(ParseErrorKind::RepeatedUnit(text[..half].to_owned()));
            }
            return Err(ParseErrorKind::UnknownWord(quote(text)));
        }
    };
    Ok((tok, len))
}

/// Reads a Korean word at the start of `s`.
fn hangul(s: &str) -> Result<(Tok<'_>, usize), ParseErrorKind> {
    for (word, meaning) in HANGUL_WORDS {
        if s.starts_with(word) {
            let text = &s[..word.len()];
            let tok = match meaning {
                HangulWord::Scale(exp) => Tok::Scale { exp: *exp, text },
                HangulWord::Unit(kind) => Tok::Unit { kind: *kind, text },
            };
            return Ok((tok, word.len()));
        }
    }
    let len = s.find(|c: char| !is_hangul(c)).unwrap_or(s.len());
    Err(ParseErrorKind::UnknownWord(quote(&s[..len])))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn won(text: &str) -> Tok<'_> {
        Tok::Unit {
            kind: UnitKind::Won,
            text,
        }
    }

    fn scale(exp: u32, text: &str) -> Tok<'_> {
        Tok::Scale { exp, text }
    }

    #[test]
    fn splits() {
        let table: &[(&str, Vec<Tok<'_>>)] = &[
            ("6.003", vec![Tok::Num("6.003")]),
            (
                "6조30억원",
                vec![
                    Tok::Num("6"),
                    scale(12, "조"),
                    Tok::Num("30"),
                    scale(8, "억"),
                    won("원"),
                ],
            ),
            (
                "₩6.003 trillion",
                vec![won("₩"), Tok::Num("6.003"), scale(12, "trillion")],
            ),
            (
                "US$4.3bn",
                vec![
                    Tok::Unit {
                        kind: UnitKind::Usd,
                        text: "US$",
                    },
                    Tok::Num("4.3"),
                    scale(9, "bn"),
                ],
            ),
            ("5천만", vec![Tok::Num("5"), scale(7, "천만")]),
            ("5천", vec![Tok::Num("5"), scale(3, "천")]),
            ("-5", vec![Tok::Sign(true), Tok::Num("5")]),
            ("+5", vec![Tok::Sign(false), Tok::Num("5")]),
            (
                "600-fold",
                vec![
                    Tok::Num("600"),
                    Tok::Unit {
                        kind: UnitKind::Fold,
                        text: "-fold",
                    },
                ],
            ),
            (
                "600 fold",
                vec![
                    Tok::Num("600"),
                    Tok::Unit {
                        kind: UnitKind::Fold,
                        text: "fold",
                    },
                ],
            ),
            ("5-3", vec![Tok::Num("5"), Tok::Sign(true), Tok::Num("3")]),
            (
                "53.2%p",
                vec![
                    Tok::Num("53.2"),
                    Tok::Unit {
                        kind: UnitKind::Percent,
                        text: "%p",
                    },
                ],
            ),
            (
                "1396 KRW/USD",
                vec![
                    Tok::Num("1396"),
                    won("KRW"),
                    Tok::Unit {
                        kind: UnitKind::Per,
                        text: "/",
                    },
                    Tok::Unit {
                        kind: UnitKind::Usd,
                        text: "USD",
                    },
                ],
            ),
            ("(5)", vec![Tok::Open, Tok::Num("5"), Tok::Close]),
            (".5", vec![Tok::Num(".5")]),
            ("5.", vec![Tok::Num("5.")]),
            ("6,003,000", vec![Tok::Num("6,003,000")]),
            ("  ", vec![]),
        ];
        for (input, want) in table {
            assert_eq!(tokenise(input).as_ref(), Ok(want), "tokens of {input:?}");
        }
    }

    #[test]
    fn refuses() {
        let table = [
            ("6,,003", ParseErrorKind::MalformedNumber("6,,003".into())),
            ("1,2,3", ParseErrorKind::MalformedNumber("1,2,3".into())),
            ("1.2.3", ParseErrorKind::MalformedNumber("1.2.3".into())),
            (
                "1,234.5,6",
                ParseErrorKind::MalformedNumber("1,234.5,6".into()),
            ),
            ("12,34", ParseErrorKind::MalformedNumber("12,34".into())),
            (",5", ParseErrorKind::MalformedNumber(",5".into())),
            ("6,", ParseErrorKind::MalformedNumber("6,".into())),
            (".", ParseErrorKind::MalformedNumber(".".into())),
            ("1e400", ParseErrorKind::Exponent),
            ("1E-3", ParseErrorKind::Exponent),
            ("2e+5", ParseErrorKind::Exponent),
            ("NaN", ParseErrorKind::NotANumber("NaN".into())),
            ("-Infinity", ParseErrorKind::NotANumber("Infinity".into())),
            ("4.3bnbn", ParseErrorKind::RepeatedUnit("bn".into())),
            ("4.3 eur", ParseErrorKind::UnknownWord("eur".into())),
            ("6조 정도", ParseErrorKind::UnknownWord("정도".into())),
            ("٣", ParseErrorKind::InvalidChar('٣')),
            ("5😀", ParseErrorKind::InvalidChar('😀')),
            ("5 € ", ParseErrorKind::InvalidChar('€')),
            ("600-folds", ParseErrorKind::UnknownWord("folds".into())),
        ];
        for (input, want) in table {
            assert_eq!(tokenise(input), Err(want), "tokens of {input:?}");
        }
    }
}
