//! The computation core: the dataset, the model, the story's claims, projections and goal seeks.
//!
//! Pure Rust with no UI or browser crates, so all of it runs and is tested natively. The flow is:
//!
//! 1. [`Dataset::embedded`] (or [`Dataset::parse`] on a file loaded at run time) reads and validates
//!    the TOML data: sources, every published figure as published, exchange rates, and the story's
//!    claims as expressions.
//! 2. A [`Scenario`] holds what the reader changed: which source's [`View`], edits, fill rules, the
//!    exchange-rate mode, growth assumptions, a goal seek. `Scenario::default()` is the published data.
//! 3. [`compute`] turns the two into a [`Computed`]: the view's [`Table`] (each [`Cell`] with its
//!    [`Provenance`]), the headline balance, every claim's [`Verdict`], the break-even year, the goal
//!    seek's answer and every source's value side by side. It never fails.
//!
//! Money is always [`Decimal`]; derived measures keep full precision and round only for display, with
//! a named rule ([`DISPLAY_ROUNDING`]).
//!
//! ```
//! use jikgu::core::{compute, Dataset, Scenario, Verdict};
//! let data = Dataset::embedded().unwrap();
//! let out = compute(data, &Scenario::default());
//! // C1 on today's official series: the 2023 deficit is far smaller than the story's 6.003 tn.
//! let c1 = &out.claims[0];
//! assert!(matches!(c1.parts[0].verdict, Verdict::Fails { .. }));
//! ```

pub mod chart_model;
pub mod export;
pub mod forecast;
pub mod goal;
pub mod lang;
pub mod link;
pub mod num;
pub mod provenance;
pub mod quarters;
pub mod ranges;
pub mod slip;
pub mod source_strip;

pub mod arith;
mod claims;
mod compute;
mod dataset;
mod expr;
mod measure;
mod projection;
mod scenario;
mod seek;
mod serde_text;
mod series;
mod shares;
mod sorted;
mod table;
mod then_now;

pub use claims::{
    Claim, ClaimResult, Compare, Part, PartResult, Side, Tally, Unchecked, Verdict,
    evaluate_claims, fill_in,
};
pub use compute::{BreakEven, Computed, Headline, Warning, compute, partners_with_balance};
pub use dataset::{
    Dataset, DatasetError, EMBEDDED_TEXT, Event, Figure, FigureKind, FigureRef, Location, Pick,
    Place, Problem, Rate, Repeated, SCHEMA_VERSION, Source, SourceRef, SourceValue, Unit, View,
};
pub use expr::{
    Eval, Expected, Expr, ExprError, Found, MAX_DEPTH, MAX_EXPR_LEN, Ref, Resolve, parse_expr,
};
pub use lang::Lang;
pub use measure::{
    DISPLAY_ROUNDING, Formula, Measured, Undefined, YearChange, balance, cagr, fold, grow,
    implied_rate, pct_change, round_for_display, share, to_usd, to_won, year_change,
};
pub use rust_decimal::{Decimal, RoundingStrategy};
pub use scenario::{
    Change, DEFAULT_HORIZON, DisplayUnit, EditError, EditTarget, FillRule, FxMode, GROWTH_MAX,
    GROWTH_MIN, Growth, SCENARIO_VERSION, Scenario, Seek, edit_range, max_amount, validate_edit,
};
pub use seek::{MAX_ITERATIONS, SeekIssue, SeekOutcome, solve};
pub use series::{
    CellRef, Flow, HORIZON_MAX, HORIZON_MIN, KeyError, Measure, Partner, SeriesKey, Vintage,
    YEAR_MAX, YEAR_MIN,
};
pub use sorted::{SortedMap, SortedSet, sort_by, sorted_order};
pub use table::{
    Alongside, Cell, DampedFit, Held, Projection, Provenance, Rates, Row, RowProjection, ShareFit,
    ShareMethod, Spread, Table, build_table,
};
pub use then_now::{ThenAndNow, story_beside};
