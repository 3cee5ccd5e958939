//! Splitting normalised input into numbers, scale words, unit words and signs.
//!
//! Korean amounts are written with digits, hangul numerals or both: `3조2천270억`, `일억 이천삼백사십오만`,
//! `7십팔만`. The tokeniser only names the pieces (a number, a hangul digit, a small unit 십/백/천
//! that multiplies within a group of four digits, a large scale 만/억/조/경 or an English scale);
//! [`super::parse`] decides what they add up to.

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
    /// A hangul digit, `일` to `구`, or `영`/`공` for zero.
    Digit {
        /// The ASCII digit it stands for.
        value: &'static str,
        /// As typed.
        text: &'a str,
    },
    /// A small Korean unit, `십` 10, `백` 100 or `천` 1000: it multiplies the digit before it (or 1)
    /// within a group that a large scale word may then multiply, as in `5천5백만`.
    Small {
        /// The power of ten, 1 to 3.
        exp: u32,
        /// As typed.
        text: &'a str,
    },
    /// A large power-of-ten word closing a group: `만`, `억`, `조`, `경`, `k`, `million`, `bn`,
    /// `trillion`, ...
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
    /// `-` (true) or `+` (false); `△` is a minus.
    Sign(bool),
    /// A word saying the figure is approximate: `약`, `about`, `approx.`, `~`, `ca.` before the
    /// number, `가량` or `정도` after it.
    Approx {
        /// Whether it goes after the number rather than before.
        after: bool,
        /// As typed.
        text: &'a str,
    },
    /// `적자`/`deficit` (true) or `흑자`/`surplus` (false): the sign of a balance, in words.
    Balance {
        /// Whether it says deficit.
        deficit: bool,
        /// As typed.
        text: &'a str,
    },
    /// `a` or `an`, as in `a ₩6 trillion deficit`; read only before a figure ending in a balance word.
    Article(&'a str),
    /// `of`, as in `deficit of ₩6 trillion`; read only straight after a balance word.
    Of(&'a str),
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
    /// Approximate, before the number.
    Approx,
    /// A balance word; true for a deficit.
    Balance(bool),
    Article,
    Of,
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
        "about" | "approx" | "approximately" | "around" | "roughly" | "ca" | "circa" => {
            Word::Approx
        }
        "deficit" => Word::Balance(true),
        "surplus" => Word::Balance(false),
        "a" | "an" => Word::Article,
        "of" => Word::Of,
        _ => return None,
    })
}

/// Korean words, longest first so that `퍼센트포인트` wins over `퍼센트`. Single syllables that are
/// numerals come last: a longer word never starts with one of them today, but if one is added it
/// must be matched whole.
const HANGUL_WORDS: &[(&str, HangulWord)] = &[
    ("퍼센트포인트", HangulWord::Unit(UnitKind::Percent)),
    ("퍼센트", HangulWord::Unit(UnitKind::Percent)),
    ("달러", HangulWord::Unit(UnitKind::Usd)),
    ("적자", HangulWord::Balance(true)),
    ("흑자", HangulWord::Balance(false)),
    ("가량", HangulWord::ApproxAfter),
    ("정도", HangulWord::ApproxAfter),
    ("약", HangulWord::ApproxBefore),
    ("경", HangulWord::Scale(16)),
    ("조", HangulWord::Scale(12)),
    ("억", HangulWord::Scale(8)),
    ("만", HangulWord::Scale(4)),
    ("천", HangulWord::Small(3)),
    ("백", HangulWord::Small(2)),
    ("십", HangulWord::Small(1)),
    ("원", HangulWord::Unit(UnitKind::Won)),
    ("배", HangulWord::Unit(UnitKind::Fold)),
    ("건", HangulWord::Unit(UnitKind::Count)),
    ("개", HangulWord::Unit(UnitKind::Count)),
    ("년", HangulWord::Unit(UnitKind::Year)),
    ("일", HangulWord::Digit("1")),
    ("이", HangulWord::Digit("2")),
    ("삼", HangulWord::Digit("3")),
    ("사", HangulWord::Digit("4")),
    ("오", HangulWord::Digit("5")),
    ("육", HangulWord::Digit("6")),
    ("칠", HangulWord::Digit("7")),
    ("팔", HangulWord::Digit("8")),
    ("구", HangulWord::Digit("9")),
    ("영", HangulWord::Digit("0")),
    ("공", HangulWord::Digit("0")),
];

#[derive(Clone, Copy)]
enum HangulWord {
    Scale(u32),
    Small(u32),
    Digit(&'static str),
    Unit(UnitKind),
    Balance(bool),
    ApproxBefore,
    ApproxAfter,
}

/// Whether a syllable is a hangul digit. An unknown word is quoted with the digits just before it,
/// so `이상` ("or more") is named whole rather than as a `2` followed by `상`.
fn is_hangul_digit(c: char) -> bool {
    "일이삼사오육칠팔구영공".contains(c)
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
            // Korean statistical tables write a negative figure with a white triangle: `△4,985억원`.
            '△' | '▵' => (Tok::Sign(true), c.len_utf8()),
            // A black triangle means a rise (▲) or a fall (▼) as often as a sign: refused, not guessed.
            '▲' | '▼' | '▴' | '▾' => return Err(ParseErrorKind::AmbiguousTriangle(c)),
            '~' | '≈' | '∼' | '〜' => (
                Tok::Approx {
                    after: false,
                    text: &rest[..c.len_utf8()],
                },
                c.len_utf8(),
            ),
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
            c if is_hangul(c) => match hangul(rest) {
                Some(found) => found,
                None => return Err(unknown_hangul(input, input.len() - rest.len())),
            },
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
        // `approx.` and `ca.` keep their period, which would otherwise read as a malformed number.
        Some(Word::Approx) if s[len..].starts_with('.') => {
            return Ok((
                Tok::Approx {
                    after: false,
                    text: &s[..len + 1],
                },
                len + 1,
            ));
        }
        Some(Word::Approx) => Tok::Approx { after: false, text },
        Some(Word::Balance(deficit)) => Tok::Balance { deficit, text },
        Some(Word::Article) => Tok::Article(text),
        Some(Word::Of) => Tok::Of(text),
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

/// Reads a Korean word at the start of `s`, if it is one the reader knows.
fn hangul(s: &str) -> Option<(Tok<'_>, usize)> {
    let (word, meaning) = HANGUL_WORDS.iter().find(|(word, _)| s.starts_with(word))?;
    let text = &s[..word.len()];
    let tok = match *meaning {
        HangulWord::Scale(exp) => Tok::Scale { exp, text },
        HangulWord::Small(exp) => Tok::Small { exp, text },
        HangulWord::Digit(value) => Tok::Digit { value, text },
        HangulWord::Unit(kind) => Tok::Unit { kind, text },
        HangulWord::Balance(deficit) => Tok::Balance { deficit, text },
        HangulWord::ApproxBefore => Tok::Approx { after: false, text },
        HangulWord::ApproxAfter => Tok::Approx { after: true, text },
    };
    Some((tok, word.len()))
}

/// The unknown Korean word at byte `at` of `input`, quoted from the hangul digits just before it
/// (`이상`, `사과`, `삼성`) to the end of its run of hangul.
fn unknown_hangul(input: &str, at: usize) -> ParseErrorKind {
    let before = input.get(..at).unwrap_or_default();
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_hangul_digit(*c))
        .last()
        .map_or(at, |(i, _)| i);
    let word = input.get(start..).unwrap_or_default();
    let len = word.find(|c: char| !is_hangul(c)).unwrap_or(word.len());
    ParseErrorKind::UnknownWord(quote(&word[..len]))
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

    fn small(exp: u32, text: &str) -> Tok<'_> {
        Tok::Small { exp, text }
    }

    fn digit<'a>(value: &'static str, text: &'a str) -> Tok<'a> {
        Tok::Digit { value, text }
    }

    fn approx(text: &str) -> Tok<'_> {
        Tok::Approx { after: false, text }
    }

    // Long because it is a table: one row per case, read top to bottom.
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
            // 천, 백 and 십 multiply within a group that 만, 억, 조 or 경 then closes.
            ("5천만", vec![Tok::Num("5"), small(3, "천"), scale(4, "만")]),
            ("5천", vec![Tok::Num("5"), small(3, "천")]),
            (
                "3조2천270억원",
                vec![
                    Tok::Num("3"),
                    scale(12, "조"),
                    Tok::Num("2"),
                    small(3, "천"),
                    Tok::Num("270"),
                    scale(8, "억"),
                    won("원"),
                ],
            ),
            ("이백", vec![digit("2", "이"), small(2, "백")]),
            (
                "십팔억",
                vec![small(1, "십"), digit("8", "팔"), scale(8, "억")],
            ),
            (
                "7십팔만",
                vec![
                    Tok::Num("7"),
                    small(1, "십"),
                    digit("8", "팔"),
                    scale(4, "만"),
                ],
            ),
            ("영", vec![digit("0", "영")]),
            ("공", vec![digit("0", "공")]),
            // A white triangle is a minus in Korean tables.
            ("△4,985", vec![Tok::Sign(true), Tok::Num("4,985")]),
            ("▵5", vec![Tok::Sign(true), Tok::Num("5")]),
            ("약 6조", vec![approx("약"), Tok::Num("6"), scale(12, "조")]),
            ("~6", vec![approx("~"), Tok::Num("6")]),
            ("≈6", vec![approx("≈"), Tok::Num("6")]),
            ("approx. 6", vec![approx("approx."), Tok::Num("6")]),
            ("ca.6", vec![approx("ca."), Tok::Num("6")]),
            ("About 6", vec![approx("About"), Tok::Num("6")]),
            (
                "6조 가량",
                vec![
                    Tok::Num("6"),
                    scale(12, "조"),
                    Tok::Approx {
                        after: true,
                        text: "가량",
                    },
                ],
            ),
            (
                "6조 적자",
                vec![
                    Tok::Num("6"),
                    scale(12, "조"),
                    Tok::Balance {
                        deficit: true,
                        text: "적자",
                    },
                ],
            ),
            (
                "a 6tn Surplus",
                vec![
                    Tok::Article("a"),
                    Tok::Num("6"),
                    scale(12, "tn"),
                    Tok::Balance {
                        deficit: false,
                        text: "Surplus",
                    },
                ],
            ),
            (
                "deficit of 6",
                vec![
                    Tok::Balance {
                        deficit: true,
                        text: "deficit",
                    },
                    Tok::Of("of"),
                    Tok::Num("6"),
                ],
            ),
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
            ("6조 유로", ParseErrorKind::UnknownWord("유로".into())),
            // An unknown word is quoted with the hangul digits it starts with.
            ("6조 이상", ParseErrorKind::UnknownWord("이상".into())),
            ("사과", ParseErrorKind::UnknownWord("사과".into())),
            ("원삼성", ParseErrorKind::UnknownWord("삼성".into())),
            ("▲5", ParseErrorKind::AmbiguousTriangle('▲')),
            ("▼5", ParseErrorKind::AmbiguousTriangle('▼')),
            ("5▴", ParseErrorKind::AmbiguousTriangle('▴')),
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
