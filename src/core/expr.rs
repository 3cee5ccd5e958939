//! A tiny expression language for checking a story's claims against the data.
//!
//! A claim part such as "purchases from China grew 53.2 %" is written as an expression over cells of
//! the current view and the story's own stated figures, then compared with what the story said. The
//! language is small on purpose so a journalist can read and write it in the data file:
//!
//! - references: `balance.all[2023]` (a cell of the chosen view, after edits and fill rules),
//!   `purchases.china.yoy[2023]` (a published year-on-year %, not computed), `stated.balance.all[2019]`
//!   (what the story itself stated), `fx[2023]` (won per dollar in the chosen exchange-rate mode), and
//!   ranges `sales.china[2014..2024]` inside `max()` and `min()`;
//! - decimal literals with an optional scale: `6.003tn`, `100bn`, `5mn`, `3k`, `6조`, `100억`, `5만`,
//!   `53.2%` (a per cent is just the number: `53.2% = 53.2`);
//! - `+ - * /` (also `− × ÷`), unary minus, parentheses;
//! - functions `abs(x)`, `pct_change(a, b)`, `fold(a, b)`, `cagr(a, b, years)`, `usd(won, year)`,
//!   `won(usd, year)`, `max(...)`, `min(...)`.
//!
//! The parser is hand-written recursive descent. It never panics: input longer than
//! [`MAX_EXPR_LEN`] characters or nested deeper than [`MAX_DEPTH`] is an error with its position.
//!
//! ```
//! use jikgu::core::parse_expr;
//! let e = parse_expr("fold(stated.balance.all[2019], stated.balance.all[2023])").unwrap();
//! assert_eq!(e.refs().len(), 2);
//! assert!(parse_expr("fold(1, ").is_err());
//! ```

use super::arith::Arith;
use super::lang::{Lang, quoted};
use std::fmt;

use rust_decimal::Decimal;

use super::measure::{self, Undefined};
use super::series::{CellRef, Flow, Measure, Partner, SeriesKey, YEAR_MAX, YEAR_MIN};

/// Longest expression accepted, in characters.
pub const MAX_EXPR_LEN: usize = 2000;
/// Deepest nesting of parentheses, unary minus and calls accepted.
pub const MAX_DEPTH: usize = 32;
/// Longest year range accepted in `series[from..to]`.
pub const MAX_RANGE: i32 = 60;

/// What an expression reference reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ref {
    /// A cell of the current view's table, after edits, fill rules and projections.
    View(CellRef),
    /// The year-on-year % the view's source published for a cell (not computed from levels).
    ViewYoy(CellRef),
    /// A figure the story itself stated.
    Stated(CellRef),
    /// A year-on-year % the story itself stated.
    StatedYoy(CellRef),
    /// Won per dollar in a year, in the scenario's exchange-rate mode.
    Fx(i32),
}

impl Ref {
    /// The table cell this reference points at, when it reads the current view (for linking).
    pub fn view_cell(&self) -> Option<CellRef> {
        match self {
            Ref::View(c) | Ref::ViewYoy(c) => Some(*c),
            _ => None,
        }
    }
}

impl fmt::Display for Ref {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ref::View(c) => write!(f, "{c}"),
            Ref::ViewYoy(c) => write!(f, "{}.yoy[{}]", c.series, c.year),
            Ref::Stated(c) => write!(f, "stated.{c}"),
            Ref::StatedYoy(c) => write!(f, "stated.{}.yoy[{}]", c.series, c.year),
            Ref::Fx(y) => write!(f, "fx[{y}]"),
        }
    }
}

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Addition.
    Add,
    /// Subtraction.
    Sub,
    /// Multiplication.
    Mul,
    /// Division.
    Div,
}

/// A function an expression may call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    /// `abs(x)`: magnitude.
    Abs,
    /// `pct_change(a, b)`: (b − a) / |a| × 100.
    PctChange,
    /// `fold(a, b)`: b / a, same sign only.
    Fold,
    /// `cagr(a, b, years)`: compound annual growth in per cent.
    Cagr,
    /// `usd(won, year)`: won to dollars at that year's rate.
    Usd,
    /// `won(usd, year)`: dollars to won at that year's rate.
    Won,
    /// `max(...)`: the largest of its arguments and ranges.
    Max,
    /// `min(...)`: the smallest of its arguments and ranges.
    Min,
}

impl Func {
    fn from_name(name: &str) -> Option<(Func, usize, usize)> {
        Some(match name {
            "abs" => (Func::Abs, 1, 1),
            "pct_change" => (Func::PctChange, 2, 2),
            "fold" => (Func::Fold, 2, 2),
            "cagr" => (Func::Cagr, 3, 3),
            "usd" => (Func::Usd, 2, 2),
            "won" => (Func::Won, 2, 2),
            "max" => (Func::Max, 1, 64),
            "min" => (Func::Min, 1, 64),
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Func::Abs => "abs",
            Func::PctChange => "pct_change",
            Func::Fold => "fold",
            Func::Cagr => "cagr",
            Func::Usd => "usd",
            Func::Won => "won",
            Func::Max => "max",
            Func::Min => "min",
        }
    }
}

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A literal, already scaled (`6.003tn` is 6,003,000,000,000).
    Num(Decimal),
    /// A reference to a cell, a stated figure or a rate.
    Ref(Ref),
    /// Every year of a series from `from` to `to` inclusive (only inside `max`/`min`).
    Range {
        /// Whether the range reads the story's stated figures.
        stated: bool,
        /// The series.
        series: SeriesKey,
        /// First year.
        from: i32,
        /// Last year.
        to: i32,
    },
    /// Unary minus.
    Neg(Box<Expr>),
    /// A binary operation.
    Bin(Op, Box<Expr>, Box<Expr>),
    /// A function call.
    Call(Func, Vec<Expr>),
}

/// Why an expression could not be parsed: where, what was expected, what came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    /// Character offset (0-based) where the problem starts.
    pub position: usize,
    /// What the parser expected there.
    pub expected: Expected,
    /// What it found instead.
    pub found: Found,
}

/// What the parser expected where it stopped, said in either language by [`Expected::describe`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// An expression no longer than [`MAX_EXPR_LEN`] characters.
    Shorter,
    /// A known scale after a number.
    Scale,
    /// A number of at most 28 digits.
    FewerDigits,
    /// A number whose scaled value fits a decimal.
    SmallerNumber,
    /// Any token: the character starts none.
    Token,
    /// Parentheses, minus signs and calls at most [`MAX_DEPTH`] deep.
    ShallowerNesting,
    /// A year between [`YEAR_MIN`] and [`YEAR_MAX`].
    Year,
    /// What can start an operand.
    Operand,
    /// A known function's name.
    Function,
    /// A series, as the first argument of a range.
    Series,
    /// A name after a dot.
    NameAfterDot,
    /// A flow after `stated.`.
    FlowAfterStated,
    /// A flow's name.
    Flow,
    /// A partner after the flow.
    PartnerAfterFlow,
    /// A partner's name.
    Partner,
    /// A measure or `yoy`.
    MeasureOrYoy,
    /// A range where one is allowed: inside `max()` or `min()`.
    RangeOnlyInMaxMin,
    /// One year, not a range, for a year-on-year reference.
    SingleYearForYoy,
    /// A range of increasing years at most [`MAX_RANGE`] long.
    IncreasingRange,
    /// So many arguments to a function.
    Arguments {
        /// The function's name.
        name: &'static str,
        /// Fewest.
        min: usize,
        /// Most.
        max: usize,
    },
    /// A binary operator or the end.
    OperatorOrEnd,
    /// `)`.
    CloseParen,
    /// `,` or `)` in a call.
    CommaOrCloseParen,
    /// `[` after `fx`.
    BracketAfterFx,
    /// `[` and a year after a series.
    BracketAndYear,
    /// `]`.
    CloseBracket,
}

impl Expected {
    /// What was expected, as a phrase of `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let fixed = |ko: &str, en: &str| lang.pick(ko, en).to_string();
        match self {
            Expected::Shorter => match lang {
                Lang::Ko => format!("{MAX_EXPR_LEN}자 이하의 식"),
                Lang::En => format!("at most {MAX_EXPR_LEN} characters"),
            },
            Expected::Scale => fixed(
                "숫자 뒤의 단위(tn, bn, mn, k, 조, 억, 만, %)",
                "a scale after the number (tn, bn, mn, k, 조, 억, 만 or %)",
            ),
            Expected::FewerDigits => fixed("28자리 이하의 수", "a number with at most 28 digits"),
            Expected::SmallerNumber => fixed(
                "계산할 수 있는 크기의 수",
                "a number small enough to compute with",
            ),
            Expected::Token => fixed(
                "수, 이름, 연산자나 괄호",
                "a number, a name, an operator or a bracket",
            ),
            Expected::ShallowerNesting => match lang {
                Lang::Ko => format!("{MAX_DEPTH}단계 이하의 괄호·부호·함수"),
                Lang::En => format!("nesting at most {MAX_DEPTH} deep"),
            },
            Expected::Year => match lang {
                Lang::Ko => format!("{YEAR_MIN}년부터 {YEAR_MAX}년 사이의 연도"),
                Lang::En => format!("a year from {YEAR_MIN} to {YEAR_MAX}"),
            },
            Expected::Operand => fixed(
                "수, 수치 참조, 함수나 \"(\"",
                "a number, a reference, a function or \"(\"",
            ),
            Expected::Function => fixed(
                "함수(abs, pct_change, fold, cagr, usd, won, max, min)",
                "a function (abs, pct_change, fold, cagr, usd, won, max, min)",
            ),
            Expected::Series => fixed("계열", "a series"),
            Expected::NameAfterDot => fixed("\".\" 뒤의 이름", "a name after \".\""),
            Expected::FlowAfterStated => fixed("stated. 뒤의 흐름", "a flow after stated."),
            Expected::Flow => fixed(
                "흐름(purchases, sales, balance), fx나 함수",
                "a flow (purchases, sales, balance), fx or a function",
            ),
            Expected::PartnerAfterFlow => fixed("흐름 뒤의 상대국", "a partner after the flow"),
            Expected::Partner => fixed(
                "상대국(all, china, us, eu, japan, uk, asean)",
                "a partner (all, china, us, eu, japan, uk, asean)",
            ),
            Expected::MeasureOrYoy => fixed(
                "단위(won, usd, parcels)나 yoy",
                "a measure (won, usd, parcels) or yoy",
            ),
            Expected::RangeOnlyInMaxMin => fixed(
                "max()나 min()의 인수로만 쓰는 기간",
                "a range only as an argument of max() or min()",
            ),
            Expected::SingleYearForYoy => fixed(
                "yoy 참조에는 기간이 아닌 한 해",
                "a single year for a yoy reference",
            ),
            Expected::IncreasingRange => match lang {
                Lang::Ko => format!("앞 연도가 더 이른, {MAX_RANGE}년 이하의 기간"),
                Lang::En => format!("a range of increasing years at most {MAX_RANGE} long"),
            },
            Expected::Arguments { name, min, max } => match (lang, min == max) {
                (Lang::Ko, true) => format!("{name}()의 인수 {min}개"),
                (Lang::Ko, false) => format!("{name}()의 인수 {min}~{max}개"),
                (Lang::En, true) => format!("{min} argument(s) to {name}()"),
                (Lang::En, false) => format!("{min} to {max} arguments to {name}()"),
            },
            Expected::OperatorOrEnd => fixed(
                "연산자나 식의 끝",
                "an operator or the end of the expression",
            ),
            Expected::CloseParen => "\")\"".into(),
            Expected::CommaOrCloseParen => fixed("\",\"나 \")\"", "\",\" or \")\""),
            Expected::BracketAfterFx => fixed("fx 뒤의 \"[\"", "\"[\" after fx"),
            Expected::BracketAndYear => fixed("\"[\"와 연도", "\"[\" and a year"),
            Expected::CloseBracket => "\"]\"".into(),
        }
    }
}

/// What the parser found instead, said in either language by [`Found::describe`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A number.
    Number(Decimal),
    /// A name, a scale or a character, as written.
    Text(String),
    /// A punctuation mark or operator.
    Mark(&'static str),
    /// Two years with `..` between them.
    Range(i32, i32),
    /// A number written with its scale, too large to compute with.
    Written(String),
    /// An expression this many characters long.
    Characters(usize),
    /// This many arguments.
    Count(usize),
    /// A year too large for any calendar.
    HugeNumber,
    /// Nesting deeper than [`MAX_DEPTH`].
    DeeperNesting,
    /// Nothing at all.
    Nothing,
    /// The end of the expression.
    End,
}

impl Found {
    /// What was found, as a phrase of `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Found::Number(d) => match lang {
                Lang::Ko => format!("수 {d}"),
                Lang::En => format!("the number {d}"),
            },
            Found::Text(t) => quoted(t),
            Found::Mark(m) => quoted(m),
            Found::Range(from, to) => match lang {
                Lang::Ko => format!("기간 {from}..{to}"),
                Lang::En => format!("{from}..{to}"),
            },
            Found::Written(t) => t.clone(),
            Found::Characters(n) => match lang {
                Lang::Ko => format!("{n}자"),
                Lang::En => format!("{n} characters"),
            },
            Found::Count(n) => match lang {
                Lang::Ko => format!("{n}개"),
                Lang::En => n.to_string(),
            },
            Found::HugeNumber => lang.pick("아주 큰 수", "a huge number").into(),
            Found::DeeperNesting => lang.pick("더 깊은 중첩", "deeper nesting").into(),
            Found::Nothing => lang.pick("아무것도 없음", "nothing").into(),
            Found::End => lang.pick("식의 끝", "the end of the expression").into(),
        }
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "at character {}: expected {}, found {}",
            self.position + 1,
            self.expected.describe(Lang::En),
            self.found.describe(Lang::En)
        )
    }
}

impl std::error::Error for ExprError {}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(Decimal),
    Int(i64),
    Ident(String),
    Dot,
    DotDot,
    LBracket,
    RBracket,
    LParen,
    RParen,
    Comma,
    Plus,
    Minus,
    Star,
    Slash,
    End,
}

impl Tok {
    fn found(&self) -> Found {
        match self {
            Tok::Num(d) => Found::Number(*d),
            Tok::Int(i) => Found::Number(Decimal::from(*i)),
            Tok::Ident(s) => Found::Text(s.clone()),
            Tok::Dot => Found::Mark("."),
            Tok::DotDot => Found::Mark(".."),
            Tok::LBracket => Found::Mark("["),
            Tok::RBracket => Found::Mark("]"),
            Tok::LParen => Found::Mark("("),
            Tok::RParen => Found::Mark(")"),
            Tok::Comma => Found::Mark(","),
            Tok::Plus => Found::Mark("+"),
            Tok::Minus => Found::Mark("-"),
            Tok::Star => Found::Mark("*"),
            Tok::Slash => Found::Mark("/"),
            Tok::End => Found::End,
        }
    }
}

fn err(position: usize, expected: Expected, found: Found) -> ExprError {
    ExprError {
        position,
        expected,
        found,
    }
}

fn scale_of(suffix: &str) -> Option<Decimal> {
    Some(match suffix {
        "" | "%" => Decimal::ONE,
        "k" => Decimal::from(1_000),
        "만" => Decimal::from(10_000),
        "mn" => Decimal::from(1_000_000),
        "억" => Decimal::from(100_000_000),
        "bn" => Decimal::from(1_000_000_000_i64),
        "tn" | "조" => Decimal::from(1_000_000_000_000_i64),
        _ => return None,
    })
}

fn lex(input: &str) -> Result<Vec<(usize, Tok)>, ExprError> {
    let chars: Vec<char> = input.chars().collect();
    if chars.len() > MAX_EXPR_LEN {
        return Err(err(
            MAX_EXPR_LEN,
            Expected::Shorter,
            Found::Characters(chars.len()),
        ));
    }
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let start = i;
        let simple = match c {
            '[' => Some(Tok::LBracket),
            ']' => Some(Tok::RBracket),
            '(' => Some(Tok::LParen),
            ')' => Some(Tok::RParen),
            ',' => Some(Tok::Comma),
            '+' => Some(Tok::Plus),
            '-' | '−' => Some(Tok::Minus),
            '*' | '×' => Some(Tok::Star),
            '/' | '÷' => Some(Tok::Slash),
            _ => None,
        };
        if let Some(tok) = simple {
            out.push((start, tok));
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '.' {
            if chars.get(i + 1) == Some(&'.') {
                out.push((start, Tok::DotDot));
                i += 2;
            } else {
                out.push((start, Tok::Dot));
                i += 1;
            }
        } else if c.is_ascii_digit() {
            let mut text = String::new();
            while let Some(&d) = chars.get(i).filter(|d| d.is_ascii_digit()) {
                text.push(d);
                i += 1;
            }
            let mut fraction = false;
            if chars.get(i) == Some(&'.') && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()) {
                fraction = true;
                text.push('.');
                i += 1;
                while let Some(&d) = chars.get(i).filter(|d| d.is_ascii_digit()) {
                    text.push(d);
                    i += 1;
                }
            }
            let mut suffix = String::new();
            while let Some(&s) = chars.get(i).filter(|s| s.is_alphabetic() || **s == '%') {
                suffix.push(s);
                i += 1;
            }
            let scale = scale_of(&suffix).ok_or_else(|| {
                err(
                    start + text.chars().count(),
                    Expected::Scale,
                    Found::Text(suffix.clone()),
                )
            })?;
            let value = Decimal::from_str_exact(&text)
                .map_err(|_| err(start, Expected::FewerDigits, Found::Text(text.clone())))?;
            let value = value.times(scale).ok_or_else(|| {
                err(
                    start,
                    Expected::SmallerNumber,
                    Found::Written(format!("{text}{suffix}")),
                )
            })?;
            if !fraction && suffix.is_empty() {
                match text.parse::<i64>() {
                    Ok(int) => out.push((start, Tok::Int(int))),
                    Err(_) => out.push((start, Tok::Num(value))),
                }
            } else {
                out.push((start, Tok::Num(value)));
            }
        } else if c.is_ascii_alphabetic() || c == '_' {
            let mut text = String::new();
            while let Some(&d) = chars
                .get(i)
                .filter(|d| d.is_ascii_alphanumeric() || **d == '_')
            {
                text.push(d);
                i += 1;
            }
            out.push((start, Tok::Ident(text)));
        } else {
            return Err(err(start, Expected::Token, Found::Text(c.to_string())));
        }
    }
    out.push((chars.len(), Tok::End));
    Ok(out)
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> &Tok {
        self.toks.get(self.pos).map_or(&Tok::End, |(_, t)| t)
    }

    fn at(&self) -> usize {
        self.toks.get(self.pos).map_or(0, |(p, _)| *p)
    }

    fn next(&mut self) -> Tok {
        let tok = self.peek().clone();
        self.pos += 1;
        tok
    }

    fn consume(&mut self, want: Tok, expected: Expected) -> Result<(), ExprError> {
        if *self.peek() == want {
            self.pos += 1;
            Ok(())
        } else {
            Err(err(self.at(), expected, self.peek().found()))
        }
    }

    fn guard(&self, depth: usize) -> Result<(), ExprError> {
        if depth > MAX_DEPTH {
            Err(err(
                self.at(),
                Expected::ShallowerNesting,
                Found::DeeperNesting,
            ))
        } else {
            Ok(())
        }
    }

    fn expr(&mut self, depth: usize) -> Result<Expr, ExprError> {
        self.guard(depth)?;
        let mut left = self.term(depth)?;
        loop {
            let op = match self.peek() {
                Tok::Plus => Op::Add,
                Tok::Minus => Op::Sub,
                _ => return Ok(left),
            };
            self.pos += 1;
            let right = self.term(depth)?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
    }

    fn term(&mut self, depth: usize) -> Result<Expr, ExprError> {
        let mut left = self.unary(depth)?;
        loop {
            let op = match self.peek() {
                Tok::Star => Op::Mul,
                Tok::Slash => Op::Div,
                _ => return Ok(left),
            };
            self.pos += 1;
            let right = self.unary(depth)?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
    }

    fn unary(&mut self, depth: usize) -> Result<Expr, ExprError> {
        self.guard(depth)?;
        if *self.peek() == Tok::Minus {
            self.pos += 1;
            return Ok(Expr::Neg(Box::new(self.unary(depth + 1)?)));
        }
        self.atom(depth)
    }

    fn year(&mut self) -> Result<i32, ExprError> {
        let at = self.at();
        match self.next() {
            Tok::Int(y) if (i64::from(YEAR_MIN)..=i64::from(YEAR_MAX)).contains(&y) => {
                i32::try_from(y).map_err(|_| err(at, Expected::Year, Found::HugeNumber))
            }
            other => Err(err(at, Expected::Year, other.found())),
        }
    }

    fn atom(&mut self, depth: usize) -> Result<Expr, ExprError> {
        let at = self.at();
        match self.next() {
            Tok::Num(d) => Ok(Expr::Num(d)),
            Tok::Int(i) => Ok(Expr::Num(Decimal::from(i))),
            Tok::LParen => {
                let inner = self.expr(depth + 1)?;
                self.consume(Tok::RParen, Expected::CloseParen)?;
                Ok(inner)
            }
            Tok::Ident(name) => {
                if *self.peek() == Tok::LParen {
                    return self.call(at, &name, depth);
                }
                self.reference(at, name, false)
            }
            other => Err(err(at, Expected::Operand, other.found())),
        }
    }

    fn call(&mut self, at: usize, name: &str, depth: usize) -> Result<Expr, ExprError> {
        let (func, min, max) = Func::from_name(name)
            .ok_or_else(|| err(at, Expected::Function, Found::Text(name.to_string())))?;
        self.pos += 1; // "("
        let mut args = Vec::new();
        if *self.peek() != Tok::RParen {
            loop {
                let arg = if matches!(func, Func::Max | Func::Min) && self.looks_like_range() {
                    let at = self.at();
                    match self.next() {
                        Tok::Ident(first) => self.reference(at, first, true)?,
                        other => return Err(err(at, Expected::Series, other.found())),
                    }
                } else {
                    self.expr(depth + 1)?
                };
                args.push(arg);
                if *self.peek() == Tok::Comma {
                    self.pos += 1;
                } else {
                    break;
                }
            }
        }
        self.consume(Tok::RParen, Expected::CommaOrCloseParen)?;
        if args.len() < min || args.len() > max {
            let want = Expected::Arguments {
                name: func.name(),
                min,
                max,
            };
            return Err(err(at, want, Found::Count(args.len())));
        }
        Ok(Expr::Call(func, args))
    }

    /// Whether the next tokens are `name(.name)*[year..`: a range, allowed only as a max/min argument.
    fn looks_like_range(&self) -> bool {
        let mut i = self.pos;
        let tok = |i: usize| self.toks.get(i).map(|(_, t)| t);
        while matches!(tok(i), Some(Tok::Ident(_) | Tok::Dot)) {
            i += 1;
        }
        i > self.pos
            && matches!(tok(i), Some(Tok::LBracket))
            && matches!(tok(i + 1), Some(Tok::Int(_)))
            && matches!(tok(i + 2), Some(Tok::DotDot))
    }

    fn reference(
        &mut self,
        at: usize,
        first: String,
        allow_range: bool,
    ) -> Result<Expr, ExprError> {
        if first == "fx" {
            self.consume(Tok::LBracket, Expected::BracketAfterFx)?;
            let year = self.year()?;
            self.consume(Tok::RBracket, Expected::CloseBracket)?;
            return Ok(Expr::Ref(Ref::Fx(year)));
        }
        let mut names = vec![(at, first)];
        while *self.peek() == Tok::Dot {
            self.pos += 1;
            let at = self.at();
            match self.next() {
                Tok::Ident(n) => names.push((at, n)),
                other => return Err(err(at, Expected::NameAfterDot, other.found())),
            }
        }
        let stated = names.first().is_some_and(|(_, n)| n == "stated");
        let mut rest = names.iter().skip(usize::from(stated));
        let (flow_at, flow) = rest
            .next()
            .ok_or_else(|| err(at, Expected::FlowAfterStated, Found::Nothing))?;
        let flow = Flow::from_id(flow)
            .ok_or_else(|| err(*flow_at, Expected::Flow, Found::Text(flow.clone())))?;
        let (partner_at, partner) = rest
            .next()
            .ok_or_else(|| err(self.at(), Expected::PartnerAfterFlow, self.peek().found()))?;
        let partner = Partner::from_id(partner)
            .ok_or_else(|| err(*partner_at, Expected::Partner, Found::Text(partner.clone())))?;
        let mut measure = Measure::Won;
        let mut yoy = false;
        for (i, (n_at, n)) in rest.enumerate() {
            match (i, n.as_str()) {
                (0, m) if Measure::from_id(m).is_some() => {
                    measure = Measure::from_id(m).unwrap_or_default()
                }
                (0 | 1, "yoy") if !yoy => yoy = true,
                _ => {
                    return Err(err(*n_at, Expected::MeasureOrYoy, Found::Text(n.clone())));
                }
            }
        }
        let series = SeriesKey {
            flow,
            partner,
            measure,
        };
        self.consume(Tok::LBracket, Expected::BracketAndYear)?;
        let year_at = self.at();
        let from = self.year()?;
        if *self.peek() == Tok::DotDot {
            self.pos += 1;
            let to = self.year()?;
            self.consume(Tok::RBracket, Expected::CloseBracket)?;
            if !allow_range {
                return Err(err(
                    year_at,
                    Expected::RangeOnlyInMaxMin,
                    Found::Range(from, to),
                ));
            }
            if yoy {
                return Err(err(
                    year_at,
                    Expected::SingleYearForYoy,
                    Found::Range(from, to),
                ));
            }
            if to < from || to - from > MAX_RANGE {
                return Err(err(
                    year_at,
                    Expected::IncreasingRange,
                    Found::Range(from, to),
                ));
            }
            return Ok(Expr::Range {
                stated,
                series,
                from,
                to,
            });
        }
        self.consume(Tok::RBracket, Expected::CloseBracket)?;
        let cell = series.at(from);
        Ok(Expr::Ref(match (stated, yoy) {
            (false, false) => Ref::View(cell),
            (false, true) => Ref::ViewYoy(cell),
            (true, false) => Ref::Stated(cell),
            (true, true) => Ref::StatedYoy(cell),
        }))
    }
}

/// Parses an expression, or says where and why it cannot.
pub fn parse_expr(input: &str) -> Result<Expr, ExprError> {
    let toks = lex(input)?;
    let mut parser = Parser { toks, pos: 0 };
    let expr = parser.expr(0)?;
    match parser.peek() {
        Tok::End => Ok(expr),
        other => Err(err(parser.at(), Expected::OperatorOrEnd, other.found())),
    }
}

/// Where an evaluation reads its numbers from.
pub trait Resolve {
    /// The value a reference points at, if there is one.
    fn resolve(&self, r: &Ref) -> Option<Decimal>;
}

/// The result of evaluating an expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Eval {
    /// A number.
    Value(Decimal),
    /// Some references had no value: all of them are listed so a reader can fill them in.
    Missing(Vec<Ref>),
    /// The arithmetic is undefined (division by zero, a fold across a change of sign, overflow).
    Undefined(Undefined),
}

fn combine(results: Vec<Eval>) -> Result<Vec<Decimal>, Eval> {
    let mut values = Vec::with_capacity(results.len());
    let mut missing = Vec::new();
    let mut undefined = None;
    for r in results {
        match r {
            Eval::Value(v) => values.push(v),
            Eval::Missing(m) => missing.extend(m),
            Eval::Undefined(u) => undefined = undefined.or(Some(u)),
        }
    }
    if !missing.is_empty() {
        super::sorted::sort_by(&mut missing, &Ord::cmp);
        missing.dedup();
        return Err(Eval::Missing(missing));
    }
    match undefined {
        Some(u) => Err(Eval::Undefined(u)),
        None => Ok(values),
    }
}

fn from_measured(m: measure::Measured) -> Eval {
    match m {
        Ok(v) => Eval::Value(v),
        Err(u) => Eval::Undefined(u),
    }
}

fn year_of(value: Decimal) -> Option<i32> {
    use rust_decimal::prelude::ToPrimitive;
    if !value.fract().is_zero() {
        return None;
    }
    value.to_i32().filter(|y| (YEAR_MIN..=YEAR_MAX).contains(y))
}

impl Expr {
    /// Evaluates against the given resolver. Never panics: overflow and nonsense are [`Eval::Undefined`].
    pub fn eval(&self, r: &impl Resolve) -> Eval {
        match self {
            Expr::Num(d) => Eval::Value(*d),
            Expr::Ref(x) => match r.resolve(x) {
                Some(v) => Eval::Value(v),
                None => Eval::Missing(vec![*x]),
            },
            Expr::Range { .. } => match combine(self.range_values(r)) {
                Ok(values) => values
                    .into_iter()
                    .max()
                    .map_or(Eval::Undefined(Undefined::BadYear), Eval::Value),
                Err(e) => e,
            },
            Expr::Neg(inner) => match inner.eval(r) {
                Eval::Value(v) => Eval::Value(-v),
                other => other,
            },
            Expr::Bin(op, a, b) => {
                let (x, y) = match (a.eval(r), b.eval(r)) {
                    // Two numbers, the common case, need no list.
                    (Eval::Value(x), Eval::Value(y)) => (x, y),
                    (a, b) => {
                        return match combine(vec![a, b]) {
                            Err(e) => e,
                            Ok(_) => Eval::Undefined(Undefined::Overflow),
                        };
                    }
                };
                let out = match op {
                    Op::Add => x.plus(y),
                    Op::Sub => x.minus(y),
                    Op::Mul => x.times(y),
                    Op::Div if y.is_zero() => return Eval::Undefined(Undefined::DivisionByZero),
                    Op::Div => x.checked_div(y),
                };
                out.map_or(Eval::Undefined(Undefined::Overflow), Eval::Value)
            }
            Expr::Call(func, args) => self.call(*func, args, r),
        }
    }

    fn range_values(&self, r: &impl Resolve) -> Vec<Eval> {
        match self {
            Expr::Range {
                stated,
                series,
                from,
                to,
            } => (*from..=*to)
                .map(|year| {
                    let x = if *stated {
                        Ref::Stated(series.at(year))
                    } else {
                        Ref::View(series.at(year))
                    };
                    r.resolve(&x)
                        .map_or_else(|| Eval::Missing(vec![x]), Eval::Value)
                })
                .collect(),
            other => vec![other.eval(r)],
        }
    }

    fn call(&self, func: Func, args: &[Expr], r: &impl Resolve) -> Eval {
        if matches!(func, Func::Max | Func::Min) {
            let values = match combine(args.iter().flat_map(|a| a.range_values(r)).collect()) {
                Ok(v) => v,
                Err(e) => return e,
            };
            let pick = if func == Func::Max {
                values.into_iter().max()
            } else {
                values.into_iter().min()
            };
            return pick.map_or(Eval::Undefined(Undefined::BadYear), Eval::Value);
        }
        if matches!(func, Func::Usd | Func::Won) {
            let amount = args
                .first()
                .map_or(Eval::Undefined(Undefined::Overflow), |a| a.eval(r));
            let year = match args.get(1).map(|a| a.eval(r)) {
                Some(Eval::Value(y)) => match year_of(y) {
                    Some(y) => y,
                    None => return Eval::Undefined(Undefined::BadYear),
                },
                Some(other) => return other,
                None => return Eval::Undefined(Undefined::BadYear),
            };
            let rate = match r.resolve(&Ref::Fx(year)) {
                Some(rate) => Eval::Value(rate),
                None => Eval::Missing(vec![Ref::Fx(year)]),
            };
            let values = match combine(vec![amount, rate]) {
                Ok(v) => v,
                Err(e) => return e,
            };
            let (Some(&x), Some(&rate)) = (values.first(), values.get(1)) else {
                return Eval::Undefined(Undefined::Overflow);
            };
            return from_measured(if func == Func::Usd {
                measure::to_usd(x, rate)
            } else {
                measure::to_won(x, rate)
            });
        }
        let values = match combine(args.iter().map(|a| a.eval(r)).collect()) {
            Ok(v) => v,
            Err(e) => return e,
        };
        let arg = |i: usize| values.get(i).copied().unwrap_or_default();
        from_measured(match func {
            Func::Abs => Ok(arg(0).abs()),
            Func::PctChange => measure::pct_change(arg(0), arg(1)),
            Func::Fold => measure::fold(arg(0), arg(1)),
            Func::Cagr => measure::cagr(arg(0), arg(1), arg(2)),
            Func::Usd | Func::Won | Func::Max | Func::Min => Err(Undefined::Overflow),
        })
    }

    /// Every reference the expression reads, in order of appearance, without repeats (ranges are
    /// expanded, and `usd(x, 2023)` with a literal year adds `fx[2023]`).
    pub fn refs(&self) -> Vec<Ref> {
        let mut out = Vec::new();
        self.collect_refs(&mut out);
        // Few references: a linear look back is cheaper in the wasm than a set's code.
        let mut unique: Vec<Ref> = Vec::with_capacity(out.len());
        for r in out {
            if !unique.contains(&r) {
                unique.push(r);
            }
        }
        unique
    }

    fn collect_refs(&self, out: &mut Vec<Ref>) {
        match self {
            Expr::Num(_) => {}
            Expr::Ref(r) => out.push(*r),
            Expr::Range {
                stated,
                series,
                from,
                to,
            } => out.extend((*from..=*to).map(|y| {
                if *stated {
                    Ref::Stated(series.at(y))
                } else {
                    Ref::View(series.at(y))
                }
            })),
            Expr::Neg(e) => e.collect_refs(out),
            Expr::Bin(_, a, b) => {
                a.collect_refs(out);
                b.collect_refs(out);
            }
            Expr::Call(func, args) => {
                for a in args {
                    a.collect_refs(out);
                }
                if let (Func::Usd | Func::Won, Some(Expr::Num(y))) = (func, args.get(1)) {
                    if let Some(y) = year_of(*y) {
                        out.push(Ref::Fx(y));
                    }
                }
            }
        }
    }

    /// The value of an expression with no references (a tolerance such as `0.001tn`).
    pub fn constant(&self) -> Option<Decimal> {
        struct NoRefs;
        impl Resolve for NoRefs {
            fn resolve(&self, _: &Ref) -> Option<Decimal> {
                None
            }
        }
        match self.eval(&NoRefs) {
            Eval::Value(v) => Some(v),
            _ => None,
        }
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Num(d) => write!(f, "{d}"),
            Expr::Ref(r) => write!(f, "{r}"),
            Expr::Range {
                stated,
                series,
                from,
                to,
            } => {
                write!(
                    f,
                    "{}{series}[{from}..{to}]",
                    if *stated { "stated." } else { "" }
                )
            }
            Expr::Neg(e) => write!(f, "-({e})"),
            Expr::Bin(op, a, b) => {
                let sym = match op {
                    Op::Add => "+",
                    Op::Sub => "-",
                    Op::Mul => "*",
                    Op::Div => "/",
                };
                write!(f, "({a} {sym} {b})")
            }
            Expr::Call(func, args) => {
                write!(f, "{}(", func.name())?;
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{a}")?;
                }
                f.write_str(")")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).expect(s)
    }

    struct Cells(BTreeMap<Ref, Decimal>);

    impl Resolve for Cells {
        fn resolve(&self, r: &Ref) -> Option<Decimal> {
            self.0.get(r).copied()
        }
    }

    fn cells() -> Cells {
        let mut m = BTreeMap::new();
        m.insert(parse_ref("balance.all[2019]"), d("-10000000000"));
        m.insert(parse_ref("balance.all[2023]"), d("-6003000000000"));
        m.insert(parse_ref("stated.balance.all[2019]"), d("-100000000000"));
        m.insert(parse_ref("stated.balance.all[2023]"), d("-6003000000000"));
        m.insert(parse_ref("stated.purchases.china.yoy[2023]"), d("53.2"));
        m.insert(Ref::Fx(2023), d("1306"));
        Cells(m)
    }

    fn parse_ref(s: &str) -> Ref {
        match parse_expr(s) {
            Ok(Expr::Ref(r)) => r,
            other => panic!("{s} is not a reference: {other:?}"),
        }
    }

    #[test]
    fn evaluates_hand_worked_expressions() {
        let r = cells();
        let cases = [
            ("1 + 2 * 3", "7"),
            ("(1 + 2) * 3", "9"),
            ("-2 - -3", "1"),
            ("6 ÷ 4 × 2 − 1", "2"),
            ("6.003tn / 100bn", "60.03"),
            ("100억", "10000000000"),
            ("6조", "6000000000000"),
            ("53.2%", "53.2"),
            ("fold(balance.all[2019], balance.all[2023])", "600.3"),
            (
                "fold(stated.balance.all[2019], stated.balance.all[2023])",
                "60.03",
            ),
            ("abs(balance.all[2023]) / 1bn", "6003"),
            ("pct_change(100, 80)", "-20"),
            ("max(1, 5, 3)", "5"),
            ("min(4, -2)", "-2"),
            ("1 + stated.purchases.china.yoy[2023] / 100", "1.532"),
            ("fx[2023]", "1306"),
        ];
        for (text, want) in cases {
            let e = parse_expr(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(e.eval(&r), Eval::Value(d(want)), "{text}");
        }
        let usd = parse_expr("usd(balance.all[2023], 2023)").expect("usd");
        let Eval::Value(v) = usd.eval(&r) else {
            panic!("usd should evaluate")
        };
        assert_eq!(
            v.round_dp(3),
            d("-4596477794.793"),
            "KIEP 2023 deficit in dollars at 1,306"
        );
    }

    #[test]
    fn missing_and_undefined_are_reported_not_panicked() {
        let r = cells();
        let cases = [
            (
                "balance.all[2020] + balance.all[2021]",
                Eval::Missing(vec![
                    parse_ref("balance.all[2020]"),
                    parse_ref("balance.all[2021]"),
                ]),
            ),
            (
                "usd(balance.all[2023], 2019)",
                Eval::Missing(vec![Ref::Fx(2019)]),
            ),
            (
                "max(balance.all[2019..2020])",
                Eval::Missing(vec![parse_ref("balance.all[2020]")]),
            ),
            ("1 / 0", Eval::Undefined(Undefined::DivisionByZero)),
            ("fold(1, -1)", Eval::Undefined(Undefined::OppositeSigns)),
            (
                "79228162514264337593543950335 * 10",
                Eval::Undefined(Undefined::Overflow),
            ),
            ("usd(1, 2023.5)", Eval::Undefined(Undefined::BadYear)),
        ];
        for (text, want) in cases {
            let e = parse_expr(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(e.eval(&r), want, "{text}");
        }
    }

    #[test]
    fn parse_errors_have_positions() {
        let cases = [
            ("", 0, "a number, a reference, a function or \"(\""),
            ("1 +", 3, "a number, a reference, a function or \"(\""),
            ("(1", 2, "\")\""),
            ("1 2", 2, "an operator or the end of the expression"),
            (
                "balance.mars[2023]",
                8,
                "a partner (all, china, us, eu, japan, uk, asean)",
            ),
            (
                "imports.all[2023]",
                0,
                "a flow (purchases, sales, balance), fx or a function",
            ),
            ("balance.all[1800]", 12, "a year from 1990 to 2100"),
            ("balance.all", 11, "\"[\" and a year"),
            (
                "sqrt(4)",
                0,
                "a function (abs, pct_change, fold, cagr, usd, won, max, min)",
            ),
            ("fold(1)", 0, "2 argument(s) to fold()"),
            (
                "abs(balance.all[2019..2023])",
                16,
                "a range only as an argument of max() or min()",
            ),
            (
                "balance.all[2019..2023]",
                12,
                "a range only as an argument of max() or min()",
            ),
            (
                "max(1 + balance.all[2019..2023])",
                20,
                "a range only as an argument of max() or min()",
            ),
            (
                "5xyz",
                1,
                "a scale after the number (tn, bn, mn, k, 조, 억, 만 or %)",
            ),
            ("1 # 2", 2, "a number, a name, an operator or a bracket"),
            (
                "max(balance.all[2023..2019])",
                16,
                "a range of increasing years at most 60 long",
            ),
        ];
        for (text, position, expected) in cases {
            let e = parse_expr(text).expect_err(text);
            assert_eq!(
                (e.position, e.expected.describe(Lang::En)),
                (position, expected.to_string()),
                "{text}: {e}"
            );
        }
    }

    #[test]
    fn parse_errors_read_in_korean_too() {
        let hangul = |t: &str| t.chars().any(|c| ('가'..='힣').contains(&c));
        for text in [
            "",
            "1 2",
            "balance.mars[2023]",
            "imports.all[2023]",
            "balance.all[1800]",
            "balance.all",
            "sqrt(4)",
            "fold(1)",
            "max(1, 2",
            "balance.all[2019..2023]",
            "max(balance.all.yoy[2019..2023])",
            "5xyz",
            "1 # 2",
            "stated[2023]",
            "balance.all.won.euro[2023]",
            &"(".repeat(40),
        ] {
            let e = parse_expr(text).expect_err(text);
            let (ko, en) = (e.expected.describe(Lang::Ko), e.expected.describe(Lang::En));
            assert!(hangul(&ko), "{text:?}: expected {ko:?} is not Korean");
            assert_ne!(ko, en, "{text:?}");
            let found = e.found.describe(Lang::Ko);
            assert!(
                !found.contains("the ") && !found.contains("nothing"),
                "{text:?}: found {found:?} is English"
            );
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        for text in [
            "(".repeat(10_000) + "1" + &")".repeat(10_000),
            "-".repeat(10_000) + "1",
            "abs(".repeat(500) + "1" + &")".repeat(500),
        ] {
            let e = parse_expr(&text).expect_err("too deep");
            assert!(
                matches!(e.expected, Expected::ShallowerNesting | Expected::Shorter),
                "{e}"
            );
        }
        assert!(
            parse_expr(&("(".repeat(20) + "1" + &")".repeat(20))).is_ok(),
            "moderate nesting is fine"
        );
    }

    #[test]
    fn refs_lists_every_reference_once() {
        let e = parse_expr(
            "usd(balance.all[2023], 2023) + balance.all[2023] + max(sales.china[2019..2020])",
        )
        .expect("parse");
        let refs: Vec<String> = e.refs().iter().map(ToString::to_string).collect();
        assert_eq!(
            refs,
            [
                "balance.all[2023]",
                "fx[2023]",
                "sales.china[2019]",
                "sales.china[2020]"
            ],
            "refs"
        );
    }

    #[test]
    fn display_reparses_to_the_same_expression() {
        for text in [
            "fold(stated.balance.all[2019], stated.balance.all[2023])",
            "-pct_change(sales.china[2020], sales.china[2023])",
            "max(sales.china[2014..2024])",
            "1 - 2 - 3",
            "purchases.china.yoy[2023] / 100 + fx[2023]",
        ] {
            let e = parse_expr(text).expect(text);
            assert_eq!(parse_expr(&e.to_string()), Ok(e.clone()), "{text} → {e}");
        }
    }

    proptest::proptest! {
        #[test]
        fn parser_never_panics(s in "\\PC{0,80}") {
            let _ = parse_expr(&s);
        }

        #[test]
        fn parser_never_panics_on_grammar_soup(s in "[a-z0-9_.\\[\\]()+\\-*/, %억조]{0,80}") {
            if let Ok(e) = parse_expr(&s) {
                let _ = e.eval(&cells());
                let _ = e.refs();
            }
        }
    }
}
