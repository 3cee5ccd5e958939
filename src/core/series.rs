//! Names for what a figure measures: the flow of trade, the partner, the measure, and a cell address.
//!
//! A series is one line of numbers over the years, such as "purchases from China, in won". Its key
//! has a text form used in the data file, in claim expressions, in scenario links and in the UI:
//! `purchases.china` (won is the default measure), `sales.all.usd`, `purchases.all.parcels`. A cell is
//! a series and a year: `balance.all[2023]`.

use std::fmt;
use std::str::FromStr;

use super::lang::{Lang, capitalise, quoted};

/// Earliest year a figure, edit or claim may name; anything older is a typo in this story's data.
pub const YEAR_MIN: i32 = 1990;
/// Latest year a figure may name; projections stop earlier, at [`HORIZON_MAX`].
pub const YEAR_MAX: i32 = 2100;
/// Latest year a projection may reach: beyond it growth assumptions say nothing useful.
pub const HORIZON_MAX: i32 = 2040;
/// Earliest projection horizon a scenario may ask for.
pub const HORIZON_MIN: i32 = 2025;

/// The direction of trade a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Flow {
    /// Korean consumers buying from sellers abroad (direct purchases, 직구): imports.
    Purchases,
    /// Korean sellers selling to consumers abroad (direct sales, 역직구): exports.
    Sales,
    /// Sales minus purchases; negative is a deficit.
    Balance,
}

/// The trading partner a figure is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Partner {
    /// Every partner together: the national total.
    All,
    /// China (mainland platforms such as AliExpress and Temu on the purchase side).
    China,
    /// The United States.
    Us,
    /// The European Union.
    Eu,
    /// Japan.
    Japan,
    /// The United Kingdom.
    Uk,
    /// The ASEAN countries.
    Asean,
}

/// What a series counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Measure {
    /// Korean won: the base currency and the default.
    #[default]
    Won,
    /// US dollars, as customs and the story's bracketed figures give them.
    Usd,
    /// Number of parcels cleared through customs.
    Parcels,
}

/// A release of a series published in vintages: KOSTAT restructured its survey in 2024 (revising back
/// to 2017) and re-based it again from March 2025, and figures of different bases must never be set
/// against each other unmarked. Declared oldest first: a missing figure is looked for in the nearest
/// vintage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Vintage {
    /// Each year's value as first announced.
    First,
    /// The series after the 2024 restructuring, revised back to 2017. The id stays `revised` so
    /// data files, links and query options written before there were three vintages still read.
    Revised,
    /// The series on the basis introduced with the January 2025 release (published 2025-03-05):
    /// the current official basis.
    Rebased,
}

macro_rules! named {
    ($ty:ty { $($variant:ident => $id:literal, $ko:literal, $en:literal;)* }) => {
        impl $ty {
            /// Every value, in display order.
            pub const ALL: &'static [$ty] = &[$(<$ty>::$variant),*];

            /// The identifier used in the data file, expressions and links.
            pub fn id(self) -> &'static str {
                match self { $(<$ty>::$variant => $id),* }
            }

            /// Reads the identifier written by [`Self::id`].
            pub fn from_id(id: &str) -> Option<Self> {
                match id { $($id => Some(<$ty>::$variant),)* _ => None }
            }

            /// A short name for readers.
            pub fn label(self, lang: Lang) -> &'static str {
                match self { $(<$ty>::$variant => lang.pick($ko, $en)),* }
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.id())
            }
        }
    };
}

named!(Flow {
    Purchases => "purchases", "직구(구매)", "purchases";
    Sales => "sales", "역직구(판매)", "sales";
    Balance => "balance", "수지", "balance";
});

named!(Partner {
    All => "all", "전체", "all partners";
    China => "china", "중국", "China";
    Us => "us", "미국", "the US";
    Eu => "eu", "EU", "the EU";
    Japan => "japan", "일본", "Japan";
    Uk => "uk", "영국", "the UK";
    Asean => "asean", "아세안", "ASEAN";
});

super::serde_text::serde_as_text!(Partner, Partner::from_id, "a partner such as china");
super::serde_text::serde_as_text!(
    SeriesKey,
    |s| s.parse().ok(),
    "a series such as sales.china"
);
super::serde_text::serde_as_text!(
    CellRef,
    |s| s.parse().ok(),
    "a cell such as sales.china[2023]"
);

named!(Measure {
    Won => "won", "원", "won";
    Usd => "usd", "달러", "US dollars";
    Parcels => "parcels", "건", "parcels";
});

named!(Vintage {
    First => "first", "최초 발표", "first release";
    Revised => "revised", "2024년 개편", "2024 restructuring";
    Rebased => "rebased", "2025년 기준 개편", "2025 re-basing";
});

/// One line of numbers over the years: which flow, with whom, counted how.
///
/// Keys sort by flow, then partner, then measure, each in declaration order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SeriesKey {
    /// Purchases, sales or the balance.
    pub flow: Flow,
    /// The trading partner.
    pub partner: Partner,
    /// Won, dollars or parcels.
    pub measure: Measure,
}

/// Sorts series keys and drops repeats, for every set of series built (a `BTreeSet` would compile
/// its own code).
pub(crate) fn sort_dedup(keys: &mut Vec<SeriesKey>) {
    crate::core::sorted::sort_by(keys, &Ord::cmp);
    keys.dedup();
}

impl SeriesKey {
    /// A series counted in won, the common case.
    pub const fn won(flow: Flow, partner: Partner) -> SeriesKey {
        SeriesKey {
            flow,
            partner,
            measure: Measure::Won,
        }
    }

    /// The same partner and measure with another flow: how a balance finds its two flows.
    pub const fn with_flow(self, flow: Flow) -> SeriesKey {
        SeriesKey { flow, ..self }
    }

    /// The cell of this series in `year`.
    pub const fn at(self, year: i32) -> CellRef {
        CellRef { series: self, year }
    }

    /// The three fields packed into one number that sorts as they do, one after the other. Keys
    /// are compared in every table look-up and map search, so one comparison beats three.
    const fn rank(self) -> u32 {
        (self.flow as u32) << 16 | (self.partner as u32) << 8 | self.measure as u32
    }

    /// A reader's name for the series, such as "China purchases (won)".
    pub fn label(self, lang: Lang) -> String {
        match lang {
            Lang::Ko => format!(
                "{} {} ({})",
                self.partner.label(lang),
                self.flow.label(lang),
                self.measure.label(lang)
            ),
            Lang::En => format!(
                "{} with {} ({})",
                capitalise(self.flow.label(lang)),
                self.partner.label(lang),
                self.measure.label(lang)
            ),
        }
    }
}

impl fmt::Display for SeriesKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.flow, self.partner)?;
        if self.measure != Measure::Won {
            write!(f, ".{}", self.measure)?;
        }
        Ok(())
    }
}

/// Why a series or cell name could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError {
    /// The text that was given.
    pub text: String,
    /// What was expected instead.
    pub expected: &'static str,
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "expected {}, found {}",
            self.expected,
            quoted(&self.text)
        )
    }
}

impl std::error::Error for KeyError {}

impl FromStr for SeriesKey {
    type Err = KeyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = |expected| KeyError {
            text: s.to_string(),
            expected,
        };
        let mut parts = s.split('.');
        let flow = parts
            .next()
            .and_then(Flow::from_id)
            .ok_or_else(|| err("a flow (purchases, sales or balance)"))?;
        let partner = parts.next().and_then(Partner::from_id).ok_or_else(|| {
            err("a partner after the flow (all, china, us, eu, japan, uk, asean)")
        })?;
        let measure = match parts.next() {
            None => Measure::Won,
            Some(m) => Measure::from_id(m)
                .ok_or_else(|| err("a measure after the partner (won, usd, parcels)"))?,
        };
        if parts.next().is_some() {
            return Err(err("at most three dotted names (flow.partner.measure)"));
        }
        Ok(SeriesKey {
            flow,
            partner,
            measure,
        })
    }
}

impl Ord for SeriesKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.rank().cmp(&other.rank())
    }
}

impl PartialOrd for SeriesKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// The address of one cell in a view's table: a series and a year, written `purchases.china[2023]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellRef {
    /// The series (row).
    pub series: SeriesKey,
    /// The year (column).
    pub year: i32,
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.series, self.year)
    }
}

impl FromStr for CellRef {
    type Err = KeyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = |expected| KeyError {
            text: s.to_string(),
            expected,
        };
        let (series, rest) = s
            .split_once('[')
            .ok_or_else(|| err("a cell such as purchases.china[2023]"))?;
        let year = rest
            .strip_suffix(']')
            .ok_or_else(|| err("a closing ] after the year"))?;
        let year: i32 = year
            .parse()
            .map_err(|_| err("a four-digit year in brackets"))?;
        if !(YEAR_MIN..=YEAR_MAX).contains(&year) {
            return Err(err("a year from 1990 to 2100"));
        }
        Ok(CellRef {
            series: series.parse()?,
            year,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_keys_round_trip_through_text() {
        let cases = [
            (
                "purchases.china",
                SeriesKey::won(Flow::Purchases, Partner::China),
            ),
            ("balance.all", SeriesKey::won(Flow::Balance, Partner::All)),
            (
                "sales.all.usd",
                SeriesKey {
                    flow: Flow::Sales,
                    partner: Partner::All,
                    measure: Measure::Usd,
                },
            ),
            (
                "purchases.all.parcels",
                SeriesKey {
                    flow: Flow::Purchases,
                    partner: Partner::All,
                    measure: Measure::Parcels,
                },
            ),
        ];
        for (text, key) in cases {
            assert_eq!(text.parse::<SeriesKey>(), Ok(key), "parse {text}");
            assert_eq!(key.to_string(), text, "display {text}");
        }
    }

    #[test]
    fn series_keys_sort_by_flow_then_partner_then_measure() {
        let mut keys = Vec::new();
        for &flow in Flow::ALL {
            for &partner in Partner::ALL {
                for &measure in Measure::ALL {
                    keys.push(SeriesKey {
                        flow,
                        partner,
                        measure,
                    });
                }
            }
        }
        for a in &keys {
            for b in &keys {
                assert_eq!(
                    a.cmp(b),
                    (a.flow, a.partner, a.measure).cmp(&(b.flow, b.partner, b.measure)),
                    "{a} against {b}"
                );
                assert_eq!(a.partial_cmp(b), Some(a.cmp(b)), "{a} against {b}");
            }
        }
    }

    #[test]
    fn bad_series_keys_say_what_was_expected() {
        for (text, expected) in [
            ("", "a flow (purchases, sales or balance)"),
            ("imports.china", "a flow (purchases, sales or balance)"),
            (
                "sales",
                "a partner after the flow (all, china, us, eu, japan, uk, asean)",
            ),
            (
                "sales.mars",
                "a partner after the flow (all, china, us, eu, japan, uk, asean)",
            ),
            (
                "sales.all.yen",
                "a measure after the partner (won, usd, parcels)",
            ),
            (
                "sales.all.won.x",
                "at most three dotted names (flow.partner.measure)",
            ),
        ] {
            let err = text.parse::<SeriesKey>().expect_err(text);
            assert_eq!(err.expected, expected, "error for {text:?}");
        }
    }

    #[test]
    fn cell_refs_round_trip_and_reject_bad_years() {
        let cell: CellRef = "balance.all[2023]".parse().expect("cell");
        assert_eq!(
            cell,
            SeriesKey::won(Flow::Balance, Partner::All).at(2023),
            "parsed cell"
        );
        assert_eq!(cell.to_string(), "balance.all[2023]", "displayed cell");
        for bad in [
            "balance.all",
            "balance.all[20x3]",
            "balance.all[1800]",
            "balance.all[2023",
        ] {
            assert!(bad.parse::<CellRef>().is_err(), "{bad} should not parse");
        }
    }
}
