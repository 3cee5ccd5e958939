//! Reading what a person typed into a field as an exact `Decimal` in base units.

use crate::core::arith::Arith;
use rust_decimal::Decimal;

use super::error::{ParseError, ParseErrorKind};
use super::field::{FieldUnit, Limits, Quantity};
use super::lex::{Tok, UnitKind, tokenise};
use super::normalise::normalise;

/// The longest input accepted, in characters after trimming. The longest real figure,
/// `−1,000,000,000,000,000,000.0000원`, is well under this.
pub const MAX_INPUT_CHARS: usize = 64;

/// A figure read from a field: its value and what the reader said about it besides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// The value in base units, exact and normalised.
    pub value: Decimal,
    /// The reader marked the figure as approximate (`약 6조`, `about ₩6tn`, `~6`, `ca. 6`,
    /// `6조 원 가량`). The value is kept exactly as typed: the field notes "approximate" beside it
    /// rather than the parser guessing a range.
    pub approximate: bool,
    /// No unit or scale word was typed, so the number was read in the field's display unit
    /// ([`FieldUnit::bare_exponent`]): `4985` in a 조 원 field is ₩4,985 trillion. These are the
    /// readings a unit slip hides in; a number typed with its unit (`4985억`) says what it means.
    pub bare: bool,
}

/// Reads `input` as a value for a field of `unit`, in base units (won, dollars, percentage points,
/// fold, won per dollar, count or year).
///
/// A number with no unit is read in the field's display unit (`unit.bare_exponent`); any unit or
/// scale word typed makes the number read by that instead. See the [module docs](super) for what is
/// accepted. The result is exact and normalised (no trailing zeros). Never panics: anything odd,
/// however long or large, is an error. [`parse_reading`] says besides whether the figure was typed
/// as approximate and whether it was bare.
pub fn parse(input: &str, unit: &FieldUnit) -> Result<Decimal, ParseError> {
    parse_reading(input, unit).map(|reading| reading.value)
}

/// Reads `input` as [`parse`] does, keeping what the reader said besides the value: whether they
/// marked it approximate, and whether the number was bare (read in the field's display unit).
pub fn parse_reading(input: &str, unit: &FieldUnit) -> Result<Reading, ParseError> {
    read(input, *unit).map_err(|kind| ParseError::new(kind, *unit))
}

fn read(input: &str, field: FieldUnit) -> Result<Reading, ParseErrorKind> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(ParseErrorKind::Empty);
    }
    if trimmed.chars().nth(MAX_INPUT_CHARS).is_some() {
        return Err(ParseErrorKind::TooLong {
            max_chars: MAX_INPUT_CHARS,
        });
    }
    let normalised = normalise(trimmed);
    let toks = tokenise(&normalised)?;
    if toks.is_empty() {
        return Err(ParseErrorKind::Empty);
    }
    interpret(&toks, field)
}

/// The words around a figure that are neither its number nor its unit.
struct Words<'a> {
    /// `약`, `about`, `~`...
    approximate: bool,
    /// `적자`/`deficit` (true) or `흑자`/`surplus` (false), as typed.
    balance: Option<(bool, &'a str)>,
    /// Every other token, in order.
    rest: Vec<Tok<'a>>,
}

/// Whether a token is part of the number itself.
fn numeric(tok: &Tok<'_>) -> bool {
    matches!(
        tok,
        Tok::Num(_) | Tok::Digit { .. } | Tok::Small { .. } | Tok::Scale { .. }
    )
}

/// Takes out the approximate and balance words, each checked to stand in its place: `약`, `about`,
/// `~` before the number, `가량`, `정도` after it, a balance word on either side (`적자 6조`,
/// `6조 원 적자`, `deficit of ₩6tn`, `a ₩6tn deficit`). Once each.
fn words<'a>(toks: &[Tok<'a>]) -> Result<Words<'a>, ParseErrorKind> {
    let first = toks.iter().position(numeric);
    let last = toks.iter().rposition(numeric);
    let balance_after = last.is_some_and(|last| {
        toks.get(last..)
            .unwrap_or_default()
            .iter()
            .any(|t| matches!(t, Tok::Balance { .. }))
    });
    let mut out = Words {
        approximate: false,
        balance: None,
        rest: Vec::with_capacity(toks.len()),
    };
    let mut article = false;
    for (k, tok) in toks.iter().enumerate() {
        let before = first.is_none_or(|first| k < first);
        let after = last.is_some_and(|last| k > last);
        match *tok {
            Tok::Approx {
                after: goes_after,
                text,
            } => {
                let in_place = if goes_after { after } else { before };
                if out.approximate || !in_place {
                    return Err(ParseErrorKind::MisplacedWord(text.to_owned()));
                }
                out.approximate = true;
            }
            Tok::Balance { deficit, text } => {
                if out.balance.is_some() {
                    return Err(ParseErrorKind::SignTwice(text.to_owned()));
                }
                if !before && !after {
                    return Err(ParseErrorKind::MisplacedWord(text.to_owned()));
                }
                out.balance = Some((deficit, text));
            }
            // `a`/`an` and `of` are words only in a balance phrase; anywhere else they are unknown,
            // as they always were.
            Tok::Article(text) => {
                if article || !before || !balance_after {
                    return Err(ParseErrorKind::UnknownWord(text.to_owned()));
                }
                article = true;
            }
            Tok::Of(text) => {
                let after_balance = k
                    .checked_sub(1)
                    .and_then(|p| toks.get(p))
                    .is_some_and(|t| matches!(t, Tok::Balance { .. }));
                if !before || !after_balance {
                    return Err(ParseErrorKind::UnknownWord(text.to_owned()));
                }
            }
            other => out.rest.push(other),
        }
    }
    Ok(out)
}

/// One number of a figure with the power of ten it stands for: `3조 2천270억` is 3 × 10¹²,
/// 2 × 10¹¹ and 270 × 10⁸.
struct Part<'a> {
    /// Digits as typed, or a hangul digit's value.
    num: &'a str,
    /// The power of ten it is multiplied by.
    exp: u32,
    /// The unit word that gave it its place (named if the place repeats), or the number itself.
    word: &'a str,
    /// Multiplied by 십, 백 or 천, so it must be a single digit: `2천`, not `20천`.
    small: bool,
    /// The group it belongs to: a run of parts closed by a large scale word, or the last run.
    group: usize,
}

/// The number of a figure.
struct Body<'a> {
    parts: Vec<Part<'a>>,
    /// Each group as typed (without spaces), to quote in messages: `2천270억`, `2 trillion`.
    groups: Vec<String>,
    /// Whether any scale word was typed, so the number is not in the field's display unit.
    scaled: bool,
    /// The index of the first token after it.
    end: usize,
}

/// Reads the number starting at token `i`: groups of digits and hangul numerals, each optionally
/// multiplied by 십/백/천 and closed by a large scale word (만, 억, 조, 경, thousand, million...),
/// which multiplies the whole group: `5천5백만` is (5천 + 5백) × 만. A small unit or 만 with no
/// number before it counts one (`천만`, `십팔억`, `만 원`), as Korean writes them.
fn body<'a>(toks: &[Tok<'a>], mut i: usize) -> Result<Body<'a>, ParseErrorKind> {
    let mut parts: Vec<Part<'a>> = Vec::new();
    let mut groups = vec![String::new()];
    let mut open = 0;
    let mut pending: Option<&'a str> = None;
    let mut scaled = false;
    while let Some(tok) = toks.get(i) {
        let group = groups.len() - 1;
        let (num, text) = match *tok {
            Tok::Num(text) => (Some(text), text),
            Tok::Digit { value, text } => (Some(value), text),
            Tok::Small { text, .. } | Tok::Scale { text, .. } => (None, text),
            _ => break,
        };
        if let Some(num) = num {
            if pending.is_some() {
                return Err(ParseErrorKind::ExtraNumber(text.to_owned()));
            }
            pending = Some(num);
        } else if let Tok::Small { exp, text } = *tok {
            parts.push(Part {
                num: pending.take().unwrap_or("1"),
                exp,
                word: text,
                small: true,
                group,
            });
            scaled = true;
        } else if let Tok::Scale { exp, text } = *tok {
            if let Some(num) = pending.take() {
                parts.push(Part {
                    num,
                    exp: 0,
                    word: text,
                    small: false,
                    group,
                });
            } else if parts.len() == open {
                let previous = i.checked_sub(1).and_then(|p| toks.get(p));
                match previous {
                    Some(Tok::Scale { exp: prev, .. }) if *prev == exp => {
                        return Err(ParseErrorKind::RepeatedUnit(text.to_owned()));
                    }
                    Some(Tok::Scale { .. }) => {
                        return Err(ParseErrorKind::MisplacedUnit(text.to_owned()));
                    }
                    _ if text == "만" => parts.push(Part {
                        num: "1",
                        exp: 0,
                        word: text,
                        small: false,
                        group,
                    }),
                    _ => return Err(ParseErrorKind::MisplacedUnit(text.to_owned())),
                }
            }
            for part in parts.get_mut(open..).unwrap_or_default() {
                part.exp = part.exp.saturating_add(exp);
            }
            open = parts.len();
            scaled = true;
        }
        if let Some(current) = groups.last_mut() {
            if text.starts_with(|c: char| c.is_ascii_alphabetic()) && !current.is_empty() {
                current.push(' ');
            }
            current.push_str(text);
        }
        if matches!(tok, Tok::Scale { .. }) {
            groups.push(String::new());
        }
        i += 1;
    }
    if let Some(num) = pending {
        parts.push(Part {
            num,
            exp: 0,
            word: num,
            small: false,
            group: groups.len() - 1,
        });
    }
    Ok(Body {
        parts,
        groups,
        scaled,
        end: i,
    })
}

/// Whether a number is a single digit before any decimal point: `2`, `1.5`, not `20`.
fn single_digit(num: &str) -> bool {
    let whole = num.split('.').next().unwrap_or_default();
    whole
        .chars()
        .filter(|c| *c != ',')
        .skip_while(|c| *c == '0')
        .count()
        <= 1
}

/// Refuses a last group written with 천, 백 or 십 straight after 억, 조 or 경: `1억 3천` is
/// 100,003,000 read strictly, but Korean writers drop the 만 and mean 1억 3천만 as often, a slip of
/// ten thousand times. The reader is shown both spellings; digits (`1억 3,000`) and a group after
/// 만 (`12만8천`) are not ambiguous and read as they are.
fn check_dropped_unit(body: &Body<'_>, limits: &Limits) -> Result<(), ParseErrorKind> {
    let last = body.groups.len() - 1;
    let ones: Vec<&Part<'_>> = body.parts.iter().filter(|p| p.group == last).collect();
    if !ones.iter().any(|p| p.small) {
        return Ok(());
    }
    let Some(previous) = last.checked_sub(1).and_then(|g| body.groups.get(g)) else {
        return Ok(());
    };
    let dropped = match previous.chars().last() {
        Some('억') => "만",
        Some('조') => "억",
        Some('경') => "조",
        _ => return Ok(()),
    };
    let mut value = Decimal::ZERO;
    for part in ones {
        value = value
            .plus(group_value(part.num, part.exp, limits)?)
            .ok_or_else(|| out_of_range(limits))?;
    }
    let typed = body.groups.get(last).cloned().unwrap_or_default();
    let before = body.groups.get(..last).unwrap_or_default().join(" ");
    Err(ParseErrorKind::DroppedUnit {
        with_unit: format!("{before} {typed}{dropped}"),
        in_ones: format!(
            "{before} {}",
            super::format::group_digits(&value.normalize().to_string())
        ),
        typed,
    })
}

/// Adds up the parts, each in its place: places go from the largest down, each part smaller than
/// the place before it (`6조 30000억` is a slip), and a digit before 십/백/천 is single. A lone
/// part with no scale word is in the field's display unit when `bare_exponent` says so.
fn add_up(
    body: &Body<'_>,
    bare_exponent: Option<u32>,
    limits: &Limits,
) -> Result<Decimal, ParseErrorKind> {
    let mut total = Decimal::ZERO;
    let mut previous: Option<u32> = None;
    for part in &body.parts {
        let group =
            || ParseErrorKind::UnitOrder(body.groups.get(part.group).cloned().unwrap_or_default());
        let exp = bare_exponent.unwrap_or(part.exp);
        if part.small && !single_digit(part.num) {
            return Err(group());
        }
        if let Some(prev) = previous {
            if exp == prev {
                return Err(ParseErrorKind::RepeatedUnit(part.word.to_owned()));
            }
            if exp > prev {
                return Err(group());
            }
        }
        let value = group_value(part.num, exp, limits)?;
        if let Some(prev) = previous {
            let bound = super::field::pow10(prev).ok_or_else(|| out_of_range(limits))?;
            if value >= bound {
                return Err(group());
            }
        }
        total = total.plus(value).ok_or_else(|| out_of_range(limits))?;
        previous = Some(exp);
    }
    Ok(total)
}

fn interpret(toks: &[Tok<'_>], field: FieldUnit) -> Result<Reading, ParseErrorKind> {
    let quantity = field.quantity;
    let limits = quantity.limits();
    check_fit(toks, field)?;
    let words = words(toks)?;
    let toks = words.rest.as_slice();

    // Accounting parentheses wrap the whole figure or are not there at all.
    let (in_parens, toks) = match toks {
        [Tok::Open, inner @ .., Tok::Close] => (true, inner),
        _ => (false, toks),
    };
    if toks.iter().any(|t| matches!(t, Tok::Open | Tok::Close)) {
        return Err(ParseErrorKind::UnbalancedParen);
    }
    if !toks.iter().any(starts_a_number) {
        return Err(ParseErrorKind::MissingNumber);
    }
    let head = head(toks, quantity, in_parens)?;
    let negative = match words.balance {
        Some((_, text)) if head.signed => return Err(ParseErrorKind::SignTwice(text.to_owned())),
        Some((deficit, _)) => deficit,
        None => head.negative,
    };
    let body = body(toks, head.end)?;
    if body.parts.is_empty() {
        return Err(ParseErrorKind::MissingNumber);
    }
    let suffix = tail(toks.get(body.end..).unwrap_or_default())?;
    check_suffix(quantity, head.prefix, &suffix)?;

    // A lone bare number is in the field's display unit; with any unit typed, it is in base units.
    let explicit = head.prefix.is_some() || !suffix.is_empty();
    let bare = body.parts.len() == 1 && !body.scaled && !explicit;
    let mut total = add_up(&body, bare.then_some(field.bare_exponent), &limits)?;
    check_dropped_unit(&body, &limits)?;
    if negative {
        total = Decimal::ZERO
            .minus(total)
            .ok_or_else(|| out_of_range(&limits))?;
    }
    if total < limits.min || total > limits.max {
        return Err(out_of_range(&limits));
    }
    Ok(Reading {
        value: total.normalize(),
        approximate: words.approximate,
        bare,
    })
}

/// Names the first word that cannot belong to this field at all: a unit of another quantity, a
/// scale word or hangul numeral where only plain numbers go, a balance word where there is no
/// balance. It is the most useful thing to say, so it is said before anything about order.
fn check_fit(toks: &[Tok<'_>], field: FieldUnit) -> Result<(), ParseErrorKind> {
    let quantity = field.quantity;
    for tok in toks {
        match tok {
            Tok::Unit { kind, text } if !fits(quantity, *kind) => {
                return Err(ParseErrorKind::WrongUnit((*text).to_owned()));
            }
            Tok::Scale { text, .. } | Tok::Small { text, .. } | Tok::Digit { text, .. }
                if !quantity.takes_scales() =>
            {
                return Err(ParseErrorKind::WrongUnit((*text).to_owned()));
            }
            Tok::Balance { text, .. } if !field.balance => {
                return Err(ParseErrorKind::NotABalance((*text).to_owned()));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Whether a token can start the number: digits, a hangul digit, 십/백/천, or 만 (which counts one).
fn starts_a_number(tok: &Tok<'_>) -> bool {
    matches!(tok, Tok::Num(_) | Tok::Digit { .. } | Tok::Small { .. })
        || matches!(tok, Tok::Scale { text: "만", .. })
}

/// What comes before the number.
struct Head<'a> {
    /// A minus sign or parentheses.
    negative: bool,
    /// Any sign or parentheses, so a balance word would give the sign twice.
    signed: bool,
    /// A currency symbol or code before the number.
    prefix: Option<(UnitKind, &'a str)>,
    /// The index of the number's first token.
    end: usize,
}

/// Reads what comes before the number: at most one sign and at most one prefix unit, in either
/// order.
fn head<'a>(
    toks: &[Tok<'a>],
    quantity: Quantity,
    in_parens: bool,
) -> Result<Head<'a>, ParseErrorKind> {
    let mut head = Head {
        negative: in_parens,
        signed: in_parens,
        prefix: None,
        end: 0,
    };
    while let Some(tok) = toks.get(head.end) {
        match *tok {
            ref tok if starts_a_number(tok) => break,
            Tok::Sign(minus) => {
                if head.signed {
                    return Err(ParseErrorKind::MisplacedSign);
                }
                head.signed = true;
                head.negative = minus;
            }
            Tok::Unit { kind, text } => {
                if head.prefix.is_some_and(|(seen, _)| seen == kind) {
                    return Err(ParseErrorKind::RepeatedUnit(text.to_owned()));
                }
                if head.prefix.is_some() || !prefix_allowed(quantity, kind, text) {
                    return Err(ParseErrorKind::MisplacedUnit(text.to_owned()));
                }
                head.prefix = Some((kind, text));
            }
            Tok::Scale { text, .. } => {
                return Err(ParseErrorKind::MisplacedUnit(text.to_owned()));
            }
            _ => break,
        }
        head.end += 1;
    }
    Ok(head)
}

/// Reads what comes after the number: only unit words, checked against the field's patterns by
/// [`check_suffix`].
fn tail<'a>(rest: &[Tok<'a>]) -> Result<Vec<(UnitKind, &'a str)>, ParseErrorKind> {
    let mut suffix: Vec<(UnitKind, &'a str)> = Vec::new();
    for tok in rest {
        match *tok {
            Tok::Sign(_) => return Err(ParseErrorKind::MisplacedSign),
            Tok::Unit { kind, text } => suffix.push((kind, text)),
            Tok::Scale { text, .. } => {
                return Err(ParseErrorKind::MisplacedUnit(text.to_owned()));
            }
            // A number after a unit word: the unit word is the thing out of place.
            Tok::Num(text) | Tok::Digit { text, .. } | Tok::Small { text, .. } => {
                let unit = suffix.first().map_or(text, |(_, unit)| *unit);
                return Err(ParseErrorKind::MisplacedUnit(unit.to_owned()));
            }
            Tok::Open | Tok::Close => return Err(ParseErrorKind::UnbalancedParen),
            // Taken out by `words` before; named if one ever gets here.
            Tok::Approx { text, .. }
            | Tok::Balance { text, .. }
            | Tok::Article(text)
            | Tok::Of(text) => {
                return Err(ParseErrorKind::MisplacedWord(text.to_owned()));
            }
        }
    }
    Ok(suffix)
}

fn out_of_range(limits: &Limits) -> ParseErrorKind {
    ParseErrorKind::OutOfRange {
        min: limits.min,
        max: limits.max,
    }
}

/// Whether a unit word belongs in a field of this quantity at all.
fn fits(quantity: Quantity, kind: UnitKind) -> bool {
    match quantity {
        Quantity::Won => kind == UnitKind::Won,
        Quantity::Usd => kind == UnitKind::Usd,
        Quantity::Percent => kind == UnitKind::Percent,
        Quantity::Fold => kind == UnitKind::Fold,
        Quantity::Rate => matches!(kind, UnitKind::Won | UnitKind::Per | UnitKind::Usd),
        Quantity::Count => kind == UnitKind::Count,
        Quantity::Year => kind == UnitKind::Year,
    }
}

/// Whether a unit may come before the number: `₩5`, `KRW 5`, `$4.3bn`, `×600`, `₩1,396 per $`.
/// Only symbols and codes go first; words such as `원` or `dollars` go after.
fn prefix_allowed(quantity: Quantity, kind: UnitKind, text: &str) -> bool {
    let symbol_or_code = ["₩", "$", "US$", "KRW", "USD", "×", "x"]
        .iter()
        .any(|form| form.eq_ignore_ascii_case(text));
    symbol_or_code
        && matches!(
            (quantity, kind),
            (Quantity::Won, UnitKind::Won)
                | (Quantity::Usd, UnitKind::Usd)
                | (Quantity::Fold, UnitKind::Fold)
                | (Quantity::Rate, UnitKind::Won)
        )
}

/// Checks the unit words after the number against what the field allows.
fn check_suffix(
    quantity: Quantity,
    prefix: Option<(UnitKind, &str)>,
    suffix: &[(UnitKind, &str)],
) -> Result<(), ParseErrorKind> {
    let kinds: Vec<UnitKind> = suffix.iter().map(|(kind, _)| *kind).collect();
    let ok = match (quantity, prefix.is_some()) {
        (Quantity::Rate, false) => matches!(
            kinds.as_slice(),
            [] | [UnitKind::Won]
                | [UnitKind::Won, UnitKind::Per, UnitKind::Usd]
                | [UnitKind::Per, UnitKind::Usd]
        ),
        (Quantity::Rate, true) => matches!(kinds.as_slice(), [] | [UnitKind::Per, UnitKind::Usd]),
        (_, true) => kinds.is_empty(),
        (_, false) => kinds.len() <= 1,
    };
    if ok {
        return Ok(());
    }
    // Name a unit that appears twice (counting the prefix), or else the first one out of place.
    let mut seen: Vec<UnitKind> = prefix.map(|(kind, _)| kind).into_iter().collect();
    for (kind, text) in suffix {
        if seen.contains(kind) {
            return Err(ParseErrorKind::RepeatedUnit((*text).to_owned()));
        }
        seen.push(*kind);
    }
    let first = suffix.first().map(|(_, text)| *text).unwrap_or_default();
    Err(ParseErrorKind::MisplacedUnit(first.to_owned()))
}

/// The exact value of one number times `10^exp`, checked against the field's limits.
fn group_value(num: &str, exp: u32, limits: &Limits) -> Result<Decimal, ParseErrorKind> {
    let (whole, frac) = num.split_once('.').unwrap_or((num, ""));
    let whole: String = whole.chars().filter(|c| *c != ',').collect();
    let whole = whole.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    if whole.is_empty() && frac.is_empty() {
        return Ok(Decimal::ZERO);
    }
    let out_of_range = || out_of_range(limits);
    let largest = limits.max.abs().max(limits.min.abs());
    // Forty digits is far past every limit and past what an i128 holds.
    let exp_digits = usize::try_from(exp).unwrap_or(usize::MAX);
    if !whole.is_empty() && whole.len().saturating_add(exp_digits) > 40 {
        return Err(out_of_range());
    }
    let whole: i128 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| out_of_range())?
    };
    let frac_digits = u32::try_from(frac.len()).map_err(|_| out_of_range())?;
    let pow = |n: u32| 10_i128.checked_pow(n).ok_or_else(out_of_range);
    // Read only once the precision check has passed: a fraction with more than 38 significant
    // digits is then past every limit, so overflow here means out of range.
    let frac_value = || -> Result<i128, ParseErrorKind> {
        if frac.is_empty() {
            Ok(0)
        } else {
            frac.parse().map_err(|_| out_of_range())
        }
    };

    let (mantissa, scale) = if exp >= frac_digits {
        // A whole number of base units: whole × 10^exp + frac × 10^(exp − digits).
        let whole_part = whole.checked_mul(pow(exp)?).ok_or_else(out_of_range)?;
        let frac_part = frac_value()?
            .checked_mul(pow(exp - frac_digits)?)
            .ok_or_else(out_of_range)?;
        (
            whole_part.checked_add(frac_part).ok_or_else(out_of_range)?,
            0,
        )
    } else {
        let scale = frac_digits - exp;
        if scale > limits.max_decimals {
            // Say "out of range" rather than "too precise" when both apply.
            let whole_part = whole.checked_mul(pow(exp)?).ok_or_else(out_of_range)?;
            if Decimal::try_from_i128_with_scale(whole_part, 0).map_or(true, |w| w > largest) {
                return Err(out_of_range());
            }
            return Err(ParseErrorKind::TooPrecise {
                max_decimals: limits.max_decimals,
            });
        }
        let whole_part = whole
            .checked_mul(pow(frac_digits)?)
            .ok_or_else(out_of_range)?;
        (
            whole_part
                .checked_add(frac_value()?)
                .ok_or_else(out_of_range)?,
            scale,
        )
    };
    let value = Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| out_of_range())?;
    if value > largest {
        return Err(out_of_range());
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dec(s: &str) -> Decimal {
        s.parse()
            .unwrap_or_else(|e| panic!("bad test decimal {s:?}: {e}"))
    }

    const TN: FieldUnit = FieldUnit::won_trillions();
    const WON: FieldUnit = FieldUnit::won();
    const USD_BN: FieldUnit = FieldUnit::usd_billions();
    const USD: FieldUnit = FieldUnit::usd();
    const PCT: FieldUnit = FieldUnit::percent();
    const FOLD: FieldUnit = FieldUnit::fold();
    const RATE: FieldUnit = FieldUnit::rate();
    const COUNT: FieldUnit = FieldUnit::count();
    const YEAR: FieldUnit = FieldUnit::year();

    // Long because it is a table: one row per case, read top to bottom.
    #[test]
    fn accepts() {
        let table: &[(&str, FieldUnit, &str)] = &[
            // KIEP's 2023 deficit, 6.003 trillion won, every way it gets typed.
            ("6.003", TN, "6003000000000"),
            ("6,003,000,000,000", WON, "6003000000000"),
            ("6조 30억", TN, "6003000000000"),
            ("6조30억원", WON, "6003000000000"),
            ("6조 30억 원", FieldUnit::won_eok(), "6003000000000"),
            ("₩6.003 trillion", WON, "6003000000000"),
            ("6.003 tn", TN, "6003000000000"),
            ("6.003trn", WON, "6003000000000"),
            ("6 trillion 3 billion", TN, "6003000000000"),
            ("KRW 6.003tn", TN, "6003000000000"),
            ("６조 ３０억", TN, "6003000000000"),
            ("6조\u{a0}30억\u{2009}원", TN, "6003000000000"),
            ("  6.003\t", TN, "6003000000000"),
            ("6,003,000,000,000원", TN, "6003000000000"),
            ("￦6,003,000,000,000", TN, "6003000000000"),
            // The 2019 deficit, 10 billion won.
            ("100억원", TN, "10000000000"),
            ("100억 원", WON, "10000000000"),
            ("0.01", TN, "10000000000"),
            ("₩10 billion", TN, "10000000000"),
            // Other years' figures.
            ("3조 2,270억 원", TN, "3227000000000"),
            ("3.227", TN, "3227000000000"),
            ("2조 1070억", TN, "2107000000000"),
            ("1조 9,990억 원", TN, "1999000000000"),
            ("5.201조", WON, "5201000000000"),
            ("1.056", TN, "1056000000000"),
            ("1조 560억", TN, "1056000000000"),
            ("1.05조", TN, "1050000000000"),
            ("4조 9850억원", TN, "4985000000000"),
            ("6.2358", TN, "6235800000000"),
            ("6조 2,358억", TN, "6235800000000"),
            ("3,187억 5,200만 원", TN, "318752000000"),
            ("318,752 million", TN, "318752000000"),
            ("600억", TN, "60000000000"),
            ("1만", WON, "10000"),
            ("5천만 원", WON, "50000000"),
            ("3천억", TN, "300000000000"),
            ("1억 3,144만 3,000", WON, "131443000"),
            ("1억 20000", WON, "100020000"),
            ("1경", WON, "10000000000000000"),
            ("5000원", TN, "5000"),
            ("₩850,000", TN, "850000"),
            ("₩12.5", WON, "12.5"),
            ("0.0001원", WON, "0.0001"),
            // Signs.
            ("\u{2212}5", WON, "-5"),
            ("-5", WON, "-5"),
            ("+5", WON, "5"),
            ("(5)", WON, "-5"),
            ("(₩6.003 trillion)", WON, "-6003000000000"),
            ("−6조 30억 원", WON, "-6003000000000"),
            ("-₩6.003 trillion", WON, "-6003000000000"),
            ("₩-6.003 trillion", WON, "-6003000000000"),
            ("-0", WON, "0"),
            // Dollars.
            ("4.3", USD_BN, "4300000000"),
            ("$4.3 billion", USD, "4300000000"),
            ("US$4.3bn", USD, "4300000000"),
            ("4.3bn", USD, "4300000000"),
            ("4.3 billion", USD, "4300000000"),
            ("4.3B", USD, "4300000000"),
            ("43억 달러", USD, "4300000000"),
            ("43억달러", USD_BN, "4300000000"),
            ("27억 5,500만 달러", USD, "2755000000"),
            ("$2.755 billion", USD_BN, "2755000000"),
            ("850m", USD, "850000000"),
            ("850 million", USD, "850000000"),
            ("850 mn", USD, "850000000"),
            ("USD 850m", USD, "850000000"),
            ("850m dollars", USD, "850000000"),
            ("4.5k", USD, "4500"),
            ("$4.50", USD_BN, "4.5"),
            ("＄４．３ｂｎ", USD, "4300000000"),
            // Percentages.
            ("53.2%", PCT, "53.2"),
            ("53.2 %", PCT, "53.2"),
            ("53.2", PCT, "53.2"),
            ("53.2퍼센트", PCT, "53.2"),
            ("53.2 percent", PCT, "53.2"),
            ("−79.7%", PCT, "-79.7"),
            ("+53.2%", PCT, "53.2"),
            ("5%p", PCT, "5"),
            ("５３．２％", PCT, "53.2"),
            // Fold.
            ("600배", FOLD, "600"),
            ("600x", FOLD, "600"),
            ("600 X", FOLD, "600"),
            ("600-fold", FOLD, "600"),
            ("600 fold", FOLD, "600"),
            ("×600", FOLD, "600"),
            ("600×", FOLD, "600"),
            ("x600", FOLD, "600"),
            ("600.3 times", FOLD, "600.3"),
            // Exchange rates.
            ("1,396.0원/달러", RATE, "1396"),
            ("1396 KRW/USD", RATE, "1396"),
            ("₩1,396.0 per $", RATE, "1396"),
            ("₩1,306/$", RATE, "1306"),
            ("1306 won per dollar", RATE, "1306"),
            ("1,306원", RATE, "1306"),
            ("1306", RATE, "1306"),
            ("1,306.5 per $", RATE, "1306.5"),
            // Counts.
            ("131,443,000", COUNT, "131443000"),
            ("1억 3,144만", COUNT, "131440000"),
            ("131.443 million", COUNT, "131443000"),
            ("131.443m건", COUNT, "131443000"),
            ("1,000개", COUNT, "1000"),
            // Years.
            ("2023", YEAR, "2023"),
            ("2023년", YEAR, "2023"),
            // Odd but well-formed numbers.
            (".5", PCT, "0.5"),
            ("5.", PCT, "5"),
            ("007", PCT, "7"),
            ("1,234.5", PCT, "1234.5"),
            ("0.000000", WON, "0"),
        ];
        for (input, unit, want) in table {
            assert_eq!(
                parse(input, unit),
                Ok(dec(want)),
                "parsing {input:?} as {unit:?}"
            );
        }
    }

    #[test]
    fn refuses() {
        use ParseErrorKind as K;
        let long = "9".repeat(65);
        let table: Vec<(&str, FieldUnit, ParseErrorKind)> = vec![
            ("", TN, K::Empty),
            ("   \u{a0}", TN, K::Empty),
            ("\u{200b}", TN, K::Empty),
            (&long, WON, K::TooLong { max_chars: 64 }),
            ("٣", WON, K::InvalidChar('٣')),
            ("5😀", WON, K::InvalidChar('😀')),
            ("5 € ", WON, K::InvalidChar('€')),
            ("NaN", WON, K::NotANumber("NaN".into())),
            ("Infinity", WON, K::NotANumber("Infinity".into())),
            ("-inf", WON, K::NotANumber("inf".into())),
            ("1e400", WON, K::Exponent),
            ("1e5", WON, K::Exponent),
            ("6,,003", WON, K::MalformedNumber("6,,003".into())),
            ("1,2,3", WON, K::MalformedNumber("1,2,3".into())),
            ("1.2.3", WON, K::MalformedNumber("1.2.3".into())),
            ("abc", WON, K::UnknownWord("abc".into())),
            ("4.3bnbn", USD, K::RepeatedUnit("bn".into())),
            ("6억억", WON, K::RepeatedUnit("억".into())),
            ("6억 3억", WON, K::RepeatedUnit("억".into())),
            ("6억 3조", WON, K::UnitOrder("3조".into())),
            ("6조 30000억", WON, K::UnitOrder("30000억".into())),
            (
                "1 billion 2 trillion",
                WON,
                K::UnitOrder("2 trillion".into()),
            ),
            ("6조 5만 3억", WON, K::UnitOrder("3억".into())),
            ("6억조", WON, K::MisplacedUnit("조".into())),
            ("5-", WON, K::MisplacedSign),
            ("--5", WON, K::MisplacedSign),
            ("5-3", WON, K::MisplacedSign),
            ("+-5", WON, K::MisplacedSign),
            ("(-5)", WON, K::MisplacedSign),
            ("6조 -30억", WON, K::MisplacedSign),
            ("(5", WON, K::UnbalancedParen),
            ("5)", WON, K::UnbalancedParen),
            ("((5))", WON, K::UnbalancedParen),
            ("6 003", WON, K::ExtraNumber("003".into())),
            ("조", WON, K::MissingNumber),
            ("₩", WON, K::MissingNumber),
            ("-", WON, K::MissingNumber),
            ("()", WON, K::MissingNumber),
            ("조 6", WON, K::MisplacedUnit("조".into())),
            ("원 5", WON, K::MisplacedUnit("원".into())),
            ("6조 원 30억", WON, K::MisplacedUnit("원".into())),
            ("5 원 조", WON, K::MisplacedUnit("조".into())),
            ("₩5원", WON, K::RepeatedUnit("원".into())),
            ("5원원", WON, K::RepeatedUnit("원".into())),
            ("₩₩5", WON, K::RepeatedUnit("₩".into())),
            ("%5", PCT, K::MisplacedUnit("%".into())),
            ("×600x", FOLD, K::RepeatedUnit("x".into())),
            ("1396 달러/원", RATE, K::MisplacedUnit("달러".into())),
            ("$1396", RATE, K::MisplacedUnit("$".into())),
            ("$4.3", WON, K::WrongUnit("$".into())),
            ("43억 달러", WON, K::WrongUnit("달러".into())),
            ("53%", WON, K::WrongUnit("%".into())),
            ("5원", PCT, K::WrongUnit("원".into())),
            ("5조%", PCT, K::WrongUnit("조".into())),
            ("5 billion", RATE, K::WrongUnit("billion".into())),
            ("2천년", YEAR, K::WrongUnit("천".into())),
            (
                "1001조",
                USD,
                K::OutOfRange {
                    min: dec("-1000000000000000"),
                    max: dec("1000000000000000"),
                },
            ),
        ];
        for (input, unit, want) in table {
            let got = parse(input, &unit).map_err(|e| e.kind().clone());
            assert_eq!(got, Err(want), "parsing {input:?} as {unit:?}");
        }
    }

    const TN_BALANCE: FieldUnit = FieldUnit::won_trillions().with_balance(true);
    const USD_BN_BALANCE: FieldUnit = FieldUnit::usd_billions().with_balance(true);

    /// Issue #15: figures as Korean newsrooms and statistical tables write them. Long because it
    /// is a table: one row per case, read top to bottom.
    #[test]
    fn reads_newsroom_forms() {
        // (input, field, value, approximate, what the row checks)
        let table: &[(&str, FieldUnit, &str, bool, &str)] = &[
            // 천, 백 and 십 inside a group that a larger unit closes.
            (
                "3조2천270억원",
                TN,
                "3227000000000",
                false,
                "Yonhap: 2천270억 is 2,270억",
            ),
            (
                "1조9천990억원",
                TN,
                "1999000000000",
                false,
                "Yonhap: 9천990억",
            ),
            (
                "5조5천742억원",
                TN,
                "5574200000000",
                false,
                "Yonhap: 5천742억",
            ),
            ("5천5백만원", WON, "55000000", false, "천 and 백 under 만"),
            (
                "7십팔만 6천원",
                WON,
                "786000",
                false,
                "십 with a hangul digit after it",
            ),
            (
                "12만8천",
                WON,
                "128000",
                false,
                "천 after 만 counts in ones",
            ),
            (
                "3조 2천 270억 원",
                TN,
                "3227000000000",
                false,
                "spaces inside a group",
            ),
            (
                "4천9백85억",
                TN,
                "498500000000",
                false,
                "천, 백 and digits under 억",
            ),
            (
                "천만",
                WON,
                "10000000",
                false,
                "천 with no digit counts one",
            ),
            ("만 원", WON, "10000", false, "만 with no digit counts one"),
            (
                "만",
                TN,
                "10000",
                false,
                "a scale word is never in the field's unit",
            ),
            ("3억 천만", WON, "310000000", false, "천만 after 억"),
            ("1.5천만", COUNT, "15000000", false, "a decimal before 천"),
            ("1만5천 건", COUNT, "15000", false, "a count in 만 and 천"),
            ("2천만 달러", USD_BN, "20000000", false, "dollars in 천만"),
            (
                "$3천만",
                USD,
                "30000000",
                false,
                "a currency sign before 천만",
            ),
            (
                "5천만 원",
                WON,
                "50000000",
                false,
                "what 천만 read as before",
            ),
            // Hangul numerals.
            ("이백", WON, "200", false, "two hundred"),
            ("삼천", WON, "3000", false, "three thousand"),
            (
                "일억 이천삼백사십오만",
                WON,
                "123450000",
                false,
                "hangul with a space",
            ),
            (
                "일억이천삼백사십오만",
                WON,
                "123450000",
                false,
                "hangul without spaces",
            ),
            (
                "십팔억",
                WON,
                "1800000000",
                false,
                "십 with no digit before it",
            ),
            ("십", WON, "10", false, "십 alone"),
            (
                "구천구백구십구만 구천구백구십구",
                WON,
                "99999999",
                false,
                "every place",
            ),
            (
                "오조 오천칠백사십이억 원",
                TN,
                "5574200000000",
                false,
                "a published figure in hangul",
            ),
            (
                "칠십팔만 육천원",
                WON,
                "786000",
                false,
                "hangul ones after 만",
            ),
            ("천사", WON, "1004", false, "천 then a digit"),
            ("백만 달러", USD, "1000000", false, "백만 in dollars"),
            ("삼십억 달러", USD_BN, "3000000000", false, "hangul dollars"),
            (
                "이천이십삼만 건",
                COUNT,
                "20230000",
                false,
                "a hangul count",
            ),
            (
                "삼",
                TN,
                "3000000000000",
                false,
                "a lone hangul digit is bare, in the field's unit",
            ),
            ("영", TN, "0", false, "영 is zero"),
            ("공", WON, "0", false, "공 is zero"),
            // △ is a minus in Korean tables.
            ("△4,985억원", TN, "-498500000000", false, "△ as minus"),
            (
                "△4,985억원",
                WON,
                "-498500000000",
                false,
                "△ as minus, won field",
            ),
            ("▵5", WON, "-5", false, "the small white triangle"),
            (
                "△ 6조 30억 원",
                WON,
                "-6003000000000",
                false,
                "△ and a space",
            ),
            ("₩△5", WON, "-5", false, "△ after the currency sign"),
            // Approximate figures keep their exact value.
            ("약 6조", TN, "6000000000000", true, "약"),
            ("약6조30억원", TN, "6003000000000", true, "약 with no space"),
            ("about ₩6 trillion", WON, "6000000000000", true, "about"),
            (
                "approx. 6.003",
                TN,
                "6003000000000",
                true,
                "approx. with a bare number",
            ),
            (
                "Approx 6.003",
                TN,
                "6003000000000",
                true,
                "approx without its period",
            ),
            ("~6", TN, "6000000000000", true, "a tilde"),
            ("～6", TN, "6000000000000", true, "a full-width tilde"),
            ("≈ 6", TN, "6000000000000", true, "almost equal to"),
            ("ca. $4.3bn", USD, "4300000000", true, "ca."),
            ("circa 4.3", USD_BN, "4300000000", true, "circa"),
            ("around 4.3", USD_BN, "4300000000", true, "around"),
            (
                "6조 원 가량",
                TN,
                "6000000000000",
                true,
                "가량 after the figure",
            ),
            (
                "6조 정도",
                TN,
                "6000000000000",
                true,
                "정도 after the figure",
            ),
            (
                "약 1억 3,144만 건",
                COUNT,
                "131440000",
                true,
                "an approximate count",
            ),
            (
                "약 −6조",
                TN,
                "-6000000000000",
                true,
                "approximate and negative",
            ),
            ("(약 5)", WON, "-5", true, "약 inside parentheses"),
            // Balance words in a balance field.
            (
                "6조30억원 적자",
                TN_BALANCE,
                "-6003000000000",
                false,
                "적자 after",
            ),
            (
                "6조 30억 원 적자",
                TN_BALANCE,
                "-6003000000000",
                false,
                "format_balance's Korean",
            ),
            (
                "적자 6조30억원",
                TN_BALANCE,
                "-6003000000000",
                false,
                "적자 before",
            ),
            (
                "100억 원 흑자",
                TN_BALANCE,
                "10000000000",
                false,
                "흑자 after",
            ),
            (
                "흑자 100억원",
                TN_BALANCE,
                "10000000000",
                false,
                "흑자 before",
            ),
            (
                "6.003 deficit",
                TN_BALANCE,
                "-6003000000000",
                false,
                "a bare number and deficit",
            ),
            (
                "deficit of ₩6 tn",
                TN_BALANCE,
                "-6000000000000",
                false,
                "deficit of",
            ),
            (
                "Deficit ₩6tn",
                TN_BALANCE,
                "-6000000000000",
                false,
                "deficit first, no of",
            ),
            (
                "a ₩6.003 trillion deficit",
                TN_BALANCE,
                "-6003000000000",
                false,
                "format_balance's English",
            ),
            (
                "an ₩8 trillion deficit",
                TN_BALANCE,
                "-8000000000000",
                false,
                "an",
            ),
            (
                "a ₩10 billion surplus",
                TN_BALANCE,
                "10000000000",
                false,
                "surplus",
            ),
            (
                "surplus of 4.3",
                USD_BN_BALANCE,
                "4300000000",
                false,
                "dollars, surplus of",
            ),
            (
                "an $11 billion deficit",
                USD_BN_BALANCE,
                "-11000000000",
                false,
                "dollars, deficit",
            ),
            (
                "43억 달러 적자",
                USD_BN_BALANCE,
                "-4300000000",
                false,
                "dollars, 적자",
            ),
            (
                "이백만원 흑자",
                TN_BALANCE,
                "2000000",
                false,
                "hangul and 흑자",
            ),
            (
                "약 6조 적자",
                TN_BALANCE,
                "-6000000000000",
                true,
                "approximate deficit",
            ),
            (
                "about a ₩6 trillion deficit",
                TN_BALANCE,
                "-6000000000000",
                true,
                "about a … deficit",
            ),
            (
                "△4,985억원",
                TN_BALANCE,
                "-498500000000",
                false,
                "△ in a balance field",
            ),
            (
                "-5",
                TN_BALANCE,
                "-5000000000000",
                false,
                "a sign alone in a balance field",
            ),
        ];
        for (input, unit, want, approximate, why) in table {
            let got = parse_reading(input, unit).map(|r| (r.value, r.approximate));
            assert_eq!(
                got,
                Ok((dec(want), *approximate)),
                "{why}: parsing {input:?} as {unit:?}"
            );
        }
    }

    /// Every dash a pasted figure may carry is read as a minus.
    #[test]
    fn reads_every_dash_as_minus() {
        for dash in [
            '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}',
            '\u{FE58}', '\u{FE63}', '\u{FF0D}',
        ] {
            let typed = format!("{dash}6조 30억 원");
            assert_eq!(
                parse(&typed, &WON),
                Ok(dec("-6003000000000")),
                "U+{:04X} before a figure",
                u32::from(dash)
            );
            let twice = format!("{dash}{dash}5");
            assert_eq!(
                parse(&twice, &WON).map_err(|e| e.kind().clone()),
                Err(ParseErrorKind::MisplacedSign),
                "U+{:04X} twice",
                u32::from(dash)
            );
        }
    }

    #[test]
    fn says_whether_the_number_was_bare() {
        let table: &[(&str, FieldUnit, bool, &str)] = &[
            ("4985", TN, true, "digits alone are in the field's unit"),
            ("(4,985)", TN, true, "parentheses add no unit"),
            ("약 4985", TN, true, "nor does 약"),
            ("4985 적자", TN_BALANCE, true, "nor does 적자"),
            ("삼", TN, true, "a hangul digit alone"),
            ("4985억", TN, false, "a scale word"),
            ("4985원", TN, false, "a unit"),
            ("₩4985", TN, false, "a currency sign"),
            ("삼천", TN, false, "천 is a scale word"),
        ];
        for (input, unit, bare, why) in table {
            assert_eq!(
                parse_reading(input, unit).map(|r| r.bare),
                Ok(*bare),
                "{why}: {input:?}"
            );
        }
    }

    // Long because it is a table: one row per case, read top to bottom.
    #[test]
    fn refuses_newsroom_slips() {
        use ParseErrorKind as K;
        let table: Vec<(&str, FieldUnit, ParseErrorKind, &str)> = vec![
            (
                "▲4,985억원",
                TN,
                K::AmbiguousTriangle('▲'),
                "▲ may mean a rise",
            ),
            ("▼5", WON, K::AmbiguousTriangle('▼'), "▼ may mean a fall"),
            (
                "6조 적자",
                TN,
                K::NotABalance("적자".into()),
                "purchases are never a deficit",
            ),
            (
                "deficit of 6",
                USD_BN,
                K::NotABalance("deficit".into()),
                "nor are dollar flows",
            ),
            (
                "5 surplus",
                COUNT,
                K::NotABalance("surplus".into()),
                "nor counts",
            ),
            (
                "53% 흑자",
                PCT,
                K::NotABalance("흑자".into()),
                "nor percentages",
            ),
            (
                "-6조 적자",
                TN_BALANCE,
                K::SignTwice("적자".into()),
                "minus and 적자",
            ),
            (
                "(6조) 적자",
                TN_BALANCE,
                K::SignTwice("적자".into()),
                "parentheses and 적자",
            ),
            (
                "△6조 적자",
                TN_BALANCE,
                K::SignTwice("적자".into()),
                "△ and 적자",
            ),
            (
                "+6조 흑자",
                TN_BALANCE,
                K::SignTwice("흑자".into()),
                "plus and 흑자",
            ),
            (
                "적자 6조 흑자",
                TN_BALANCE,
                K::SignTwice("흑자".into()),
                "two balance words",
            ),
            (
                "6조 적자 30억",
                TN_BALANCE,
                K::MisplacedWord("적자".into()),
                "적자 inside the figure",
            ),
            (
                "6조 약",
                TN,
                K::MisplacedWord("약".into()),
                "약 after the figure",
            ),
            ("약 약 6조", TN, K::MisplacedWord("약".into()), "약 twice"),
            (
                "약 6조 가량",
                TN,
                K::MisplacedWord("가량".into()),
                "approximate twice",
            ),
            (
                "가량 6조",
                TN,
                K::MisplacedWord("가량".into()),
                "가량 before the figure",
            ),
            (
                "6~7조",
                TN,
                K::MisplacedWord("~".into()),
                "a range is not a figure",
            ),
            ("5 ~", TN, K::MisplacedWord("~".into()), "a tilde after"),
            (
                "a 6tn",
                TN_BALANCE,
                K::UnknownWord("a".into()),
                "an article with no balance word",
            ),
            (
                "6 of",
                TN_BALANCE,
                K::UnknownWord("of".into()),
                "of with no balance word",
            ),
            (
                "20천",
                WON,
                K::UnitOrder("20천".into()),
                "a single digit goes before 천",
            ),
            (
                "1억 20천",
                WON,
                K::UnitOrder("20천".into()),
                "a malformed group is named before a dropped unit",
            ),
            (
                "2천1500억",
                WON,
                K::UnitOrder("2천1500억".into()),
                "ones as large as 천",
            ),
            (
                "5백2천만",
                WON,
                K::UnitOrder("5백2천만".into()),
                "백 before 천",
            ),
            (
                "12만8천만",
                WON,
                K::UnitOrder("8천만".into()),
                "만 twice, the later larger",
            ),
            (
                "2천 3천억",
                WON,
                K::RepeatedUnit("천".into()),
                "천 twice in a group",
            ),
            ("3천천", WON, K::RepeatedUnit("천".into()), "천 doubled"),
            (
                "이삼",
                WON,
                K::ExtraNumber("삼".into()),
                "two hangul digits",
            ),
            (
                "3삼",
                WON,
                K::ExtraNumber("삼".into()),
                "a digit and a hangul digit",
            ),
            (
                "6억 만",
                WON,
                K::MisplacedUnit("만".into()),
                "만 straight after 억",
            ),
            ("억", WON, K::MissingNumber, "억 needs a number"),
            ("약", WON, K::MissingNumber, "약 alone"),
            ("적자", TN_BALANCE, K::MissingNumber, "적자 alone"),
            (
                "삼%",
                PCT,
                K::WrongUnit("삼".into()),
                "hangul numerals are for amounts and counts",
            ),
            (
                "이천이십삼년",
                YEAR,
                K::WrongUnit("이".into()),
                "not for years",
            ),
            (
                "6조 이상",
                TN,
                K::UnknownWord("이상".into()),
                "이상 is a word, not 2",
            ),
            (
                "구천경",
                WON,
                K::OutOfRange {
                    min: dec("-1000000000000000000"),
                    max: dec("1000000000000000000"),
                },
                "a huge hangul numeral",
            ),
            (
                "구천구백구십구경구천구백구십구조구천구백구십구억구천구백구십구만구천구백구십구",
                WON,
                K::OutOfRange {
                    min: dec("-1000000000000000000"),
                    max: dec("1000000000000000000"),
                },
                "every place at nine",
            ),
            (
                "구천구백구십구경",
                COUNT,
                K::OutOfRange {
                    min: dec("-1000000000000000"),
                    max: dec("1000000000000000"),
                },
                "a huge count",
            ),
        ];
        for (input, unit, want, why) in table {
            let got = parse(input, &unit).map_err(|e| e.kind().clone());
            assert_eq!(got, Err(want), "{why}: parsing {input:?} as {unit:?}");
        }
    }

    // Long because it is a table: one row per case, read top to bottom.
    #[test]
    fn limits() {
        use ParseErrorKind as K;
        let won = K::OutOfRange {
            min: dec("-1000000000000000000"),
            max: dec("1000000000000000000"),
        };
        let table: Vec<(String, FieldUnit, Result<Decimal, ParseErrorKind>)> = vec![
            ("100경".into(), WON, Ok(dec("1000000000000000000"))),
            ("-100경".into(), WON, Ok(dec("-1000000000000000000"))),
            ("100.0001경".into(), WON, Err(won.clone())),
            ("1,000,000,000,000,000,001".into(), WON, Err(won.clone())),
            ("1000000".into(), TN, Ok(dec("1000000000000000000"))),
            ("1000001".into(), TN, Err(won.clone())),
            (format!("1{}", "0".repeat(40)), WON, Err(won.clone())),
            (format!("1{}", "0".repeat(60)), WON, Err(won.clone())),
            (
                format!("0.{}1", "0".repeat(60)),
                WON,
                Err(K::TooPrecise { max_decimals: 4 }),
            ),
            (format!("0.{}", "0".repeat(60)), WON, Ok(Decimal::ZERO)),
            (format!("{}5", "0".repeat(60)), WON, Ok(dec("5"))),
            (
                "99999999999999999999999999999999999999999".into(),
                WON,
                Err(won.clone()),
            ),
            (
                "9999999999999999999999999999999999999999.5".into(),
                WON,
                Err(won.clone()),
            ),
            ("9999999999999999999999.12345".into(), WON, Err(won.clone())),
            (
                "1.23456".into(),
                WON,
                Err(K::TooPrecise { max_decimals: 4 }),
            ),
            // Forty significant decimals: too precise, even though they overflow an i128.
            (
                "0.1234567890123456789012345678901234567890".into(),
                WON,
                Err(K::TooPrecise { max_decimals: 4 }),
            ),
            ("1.2345".into(), WON, Ok(dec("1.2345"))),
            ("1.23450000".into(), WON, Ok(dec("1.2345"))),
            ("0.0000000000000001".into(), TN, Ok(dec("0.0001"))),
            (
                "0.00000000000000001".into(),
                TN,
                Err(K::TooPrecise { max_decimals: 4 }),
            ),
            ("1.5".into(), COUNT, Err(K::TooPrecise { max_decimals: 0 })),
            ("1.5만".into(), COUNT, Ok(dec("15000"))),
            (
                "2023.5".into(),
                YEAR,
                Err(K::TooPrecise { max_decimals: 0 }),
            ),
            (
                "0".into(),
                YEAR,
                Err(K::OutOfRange {
                    min: dec("1"),
                    max: dec("9999"),
                }),
            ),
            (
                "10000".into(),
                YEAR,
                Err(K::OutOfRange {
                    min: dec("1"),
                    max: dec("9999"),
                }),
            ),
            (
                "-5".into(),
                FOLD,
                Err(K::OutOfRange {
                    min: dec("0"),
                    max: dec("1000000"),
                }),
            ),
            (
                "-1".into(),
                RATE,
                Err(K::OutOfRange {
                    min: dec("0"),
                    max: dec("1000000"),
                }),
            ),
            (
                "1000001%".into(),
                PCT,
                Err(K::OutOfRange {
                    min: dec("-1000000"),
                    max: dec("1000000"),
                }),
            ),
            ("1,000,000%".into(), PCT, Ok(dec("1000000"))),
            (
                "5".into(),
                FieldUnit::new(Quantity::Won, 200),
                Err(won.clone()),
            ),
            (
                "0".into(),
                FieldUnit::new(Quantity::Won, 200),
                Ok(Decimal::ZERO),
            ),
            (
                "0.5".into(),
                FieldUnit::new(Quantity::Won, 200),
                Err(won.clone()),
            ),
            (
                "5원".into(),
                FieldUnit::new(Quantity::Won, 200),
                Ok(dec("5")),
            ),
        ];
        for (input, unit, want) in table {
            let got = parse(&input, &unit).map_err(|e| e.kind().clone());
            assert_eq!(got, want, "parsing {input:?} as {unit:?}");
        }
    }

    #[test]
    fn refuses_a_huge_input_quickly() {
        let huge = "9".repeat(10_000);
        let start = std::time::Instant::now();
        for input in [
            huge.clone(),
            format!("{huge}조"),
            "조".repeat(5_000),
            format!("5{}", " ".repeat(10_000)) + "5",
        ] {
            let got = parse(&input, &WON).map_err(|e| e.kind().clone());
            assert_eq!(
                got,
                Err(ParseErrorKind::TooLong { max_chars: 64 }),
                "a 10 KB input should be refused"
            );
        }
        let padded = format!("{0}5{0}", " ".repeat(10_000));
        assert_eq!(
            parse(&padded, &WON),
            Ok(Decimal::from(5)),
            "spaces around a number do not count"
        );
        assert!(
            start.elapsed().as_millis() < 500,
            "refusing huge inputs took {:?}",
            start.elapsed()
        );
    }

    /// How a group of four digits is written, for the round trips below.
    #[derive(Debug, Clone, Copy)]
    enum Written {
        /// `이천이백칠십`.
        Hangul,
        /// `2천2백7십`.
        DigitsAndUnits,
        /// Yonhap's: the thousands digit with 천, the rest in digits, `2천270`.
        Yonhap,
        /// `2,270`.
        Digits,
    }

    /// One group of four digits (1..=9999) written as `how` says.
    fn group_text(group: u64, how: Written) -> String {
        const HANGUL: [&str; 10] = ["", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"];
        const PLACES: [&str; 4] = ["천", "백", "십", ""];
        let digits = [group / 1000, group / 100 % 10, group / 10 % 10, group % 10];
        match how {
            Written::Digits => super::super::format::group_digits(&group.to_string()),
            Written::Yonhap if group >= 1000 => match group % 1000 {
                0 => format!("{}천", digits[0]),
                rest => format!("{}천{rest}", digits[0]),
            },
            Written::Yonhap => group.to_string(),
            Written::Hangul | Written::DigitsAndUnits => {
                let mut out = String::new();
                for (place, digit) in digits.iter().enumerate() {
                    let digit = usize::try_from(*digit).unwrap_or_default();
                    if digit == 0 {
                        continue;
                    }
                    // Korean drops 일 before 십, 백 and 천: 천만, 십팔억.
                    match how {
                        Written::Hangul if digit == 1 && place < 3 => {}
                        Written::Hangul => out.push_str(HANGUL[digit]),
                        _ => out.push_str(&digit.to_string()),
                    }
                    out.push_str(PLACES[place]);
                }
                out
            }
        }
    }

    /// `n` written in groups of four under 경, 조, 억 and 만, each group as `how` says.
    fn korean(n: u64, how: Written, spaced: bool) -> String {
        if n == 0 {
            return match how {
                Written::Hangul => "영".to_owned(),
                _ => "0".to_owned(),
            };
        }
        let mut parts = Vec::new();
        for (exp, unit) in [(16, "경"), (12, "조"), (8, "억"), (4, "만"), (0, "")] {
            let group = n / 10_u64.pow(exp) % 10_000;
            // Ones straight after 억 or larger go in digits: `1억 3천` would mean 1억 3천만.
            let skipped_man = exp == 0 && n >= 100_000_000 && n / 10_000 % 10_000 == 0;
            let how = if skipped_man { Written::Digits } else { how };
            if group != 0 {
                parts.push(format!("{}{unit}", group_text(group, how)));
            }
        }
        parts.join(if spaced { " " } else { "" })
    }

    #[test]
    fn writes_korean_as_people_do() {
        let table = [
            (3_227_000_000_000, Written::Yonhap, false, "3조2천270억"),
            (55_000_000, Written::DigitsAndUnits, false, "5천5백만"),
            (123_450_000, Written::Hangul, true, "일억 이천삼백사십오만"),
            (1_800_000_000, Written::Hangul, false, "십팔억"),
            (10_010_000, Written::Hangul, false, "천일만"),
            (3_227_000_000_000, Written::Digits, true, "3조 2,270억"),
        ];
        for (n, how, spaced, want) in table {
            assert_eq!(korean(n, how, spaced), want, "{n} written {how:?}");
        }
    }

    proptest! {
        // Failures are pinned as table cases instead of files outside this module.
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn never_panics(s in ".*") {
            for unit in [TN, WON, USD, PCT, FOLD, RATE, COUNT, YEAR] {
                let _ = parse(&s, &unit);
            }
        }

        #[test]
        fn never_panics_on_near_misses(s in "[-+ ,.0-9()$%×₩조억만경천원달러배kmbtnKMBTN]{0,30}") {
            for unit in [TN, WON, USD, PCT, FOLD, RATE, COUNT] {
                let _ = parse(&s, &unit);
            }
        }

        #[test]
        fn reads_any_i64(n in any::<i64>()) {
            let unit = FieldUnit::new(Quantity::Won, 0);
            let got = parse(&n.to_string(), &unit);
            if Decimal::from(n).abs() <= dec("1000000000000000000") {
                prop_assert_eq!(got, Ok(Decimal::from(n)));
            } else {
                let is_range = matches!(got.as_ref().map_err(ParseError::kind), Err(ParseErrorKind::OutOfRange { .. }));
                prop_assert!(is_range, "{} gave {:?}", n, got);
            }
        }

        /// Any amount up to the won limit, written in hangul, in digits with 천/백/십, Yonhap's
        /// way or in digits, with or without spaces, reads back; so does it with △ or a minus,
        /// with 약 (marked approximate), and with 적자 in a balance field.
        #[test]
        fn reads_korean_amounts_back(
            n in 0_u64..=1_000_000_000_000_000_000,
            how in prop_oneof![
                Just(Written::Hangul),
                Just(Written::DigitsAndUnits),
                Just(Written::Yonhap),
                Just(Written::Digits),
            ],
            spaced in any::<bool>(),
            dressing in 0_u8..5,
        ) {
            let plain = korean(n, how, spaced);
            let value = Decimal::from(n);
            let (text, unit, want, approximate) = match dressing {
                0 => (format!("{plain}원"), WON, value, false),
                1 => (format!("△{plain}"), WON, -value, false),
                2 => (format!("\u{2212}{plain} 원"), TN, -value, false),
                3 => (format!("약 {plain}"), WON, value, true),
                _ => (format!("{plain}원 적자"), TN_BALANCE, -value, false),
            };
            let got = parse_reading(&text, &unit).map(|r| (r.value, r.approximate));
            prop_assert_eq!(got, Ok((want, approximate)), "{}", text);
        }

        #[test]
        fn reads_any_i64_as_a_percent(n in -1_000_000_i64..=1_000_000) {
            prop_assert_eq!(parse(&n.to_string(), &PCT), Ok(Decimal::from(n)));
        }
    }
}
