//! Share links: a scenario carried in a URL fragment.
//!
//! A link holds only what differs from the published defaults (a default [`Scenario`] serialises
//! to almost nothing), the reader's language, and a short tag of the dataset it was made against.
//! A link made against an earlier release still opens: its choices and edits are keyed by view id
//! and cell, so they are applied as they are, and [`Shared::changed`] tells the page to say that
//! the data changed since (and [`changed_edits`] which edited figures are now published otherwise).
//! The fragment is `v1.<tag>.<payload>`, the payload being base64url (no padding) JSON.
//!
//! Anything else in a fragment — truncated, of another version, garbage, enormous — is a
//! [`LinkError`]; decoding never panics and does no quadratic work.
//!
//! ```
//! use jikgu::core::{Dataset, Lang, Scenario, link};
//! let data = Dataset::embedded().unwrap();
//! let mut scenario = Scenario::default();
//! scenario.year = Some(2022);
//! let fragment = link::encode(data, &scenario, Some(Lang::Ko));
//! let shared = link::decode(&fragment, data).unwrap();
//! assert_eq!(shared.scenario, scenario);
//! assert_eq!(shared.lang, Some(Lang::Ko));
//! ```

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::dataset::Dataset;
use super::lang::Lang;
use super::num::{Quantity, Style, format};
use super::scenario::{SCENARIO_VERSION, Scenario};
use super::table::{Provenance, Table};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The link format's version, the fragment's first part.
pub const LINK_VERSION: &str = "v1";
/// The longest fragment read; longer ones are refused before any decoding.
pub const MAX_FRAGMENT: usize = 16 * 1024;

/// What a link restores.
#[derive(Debug, Clone, PartialEq)]
pub struct Shared {
    /// The scenario.
    pub scenario: Scenario,
    /// The language it was shared in, if it says.
    pub lang: Option<Lang>,
    /// Made against another text of the data (an earlier release): applied by key all the same.
    pub changed: bool,
}

/// Why a fragment was not opened (the page opens the default view and says so), or that it was
/// opened on other data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkError {
    /// Longer than [`MAX_FRAGMENT`].
    TooLong,
    /// Not of the form `v1.<tag>.<payload>`, or a version this build does not know.
    UnknownFormat,
    /// Made against another text of the data. [`decode`] does not refuse such a link (it sets
    /// [`Shared::changed`]); the variant is the notice the page shows when it applies one.
    OtherData,
    /// The payload is damaged (cut short, altered, not a scenario).
    Damaged,
}

impl LinkError {
    /// A message for the reader.
    pub fn message(&self, lang: Lang) -> &'static str {
        match self {
            LinkError::TooLong | LinkError::UnknownFormat | LinkError::Damaged => lang.pick(
                "링크가 손상되었거나 알 수 없는 형식이라 기본 화면을 엽니다.",
                "The link is damaged or of an unknown form, so the default view is shown.",
            ),
            LinkError::OtherData => lang.pick(
                "이 링크를 만든 뒤 자료가 새로 발표되어 바뀌었습니다. 링크의 선택과 수정은 수치별로 그대로 적용했습니다.",
                "The data has changed since this link was made (a newer release). Its choices and edits were applied figure by figure.",
            ),
        }
    }
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message(Lang::En))
    }
}

/// What a link carries: `{"s": scenario, "l": "ko" | "en"}`, the language left out when not chosen.
#[derive(Serialize, Deserialize)]
struct Payload<S> {
    s: S,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    l: Option<Lang>,
}

/// A short tag of the dataset's exact text (FNV-1a, 64 bits, as 16 hex digits): any edit to the
/// data file gives another tag. The same FNV as the data file's duplicate checks (`fnv`).
pub fn dataset_tag(dataset: &Dataset) -> String {
    text_tag(dataset.text())
}

fn text_tag(text: &str) -> String {
    use std::hash::Hasher as _;
    let mut hash = fnv::FnvHasher::default();
    hash.write(text.as_bytes());
    format!("{:016x}", hash.finish())
}

/// The SHA-256 of the dataset's exact text, in hex: what a reader compares to check that a saved
/// copy of the calculator carries the same data as the original.
pub fn dataset_sha256(dataset: &Dataset) -> String {
    sha256_hex(dataset.text().as_bytes())
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The fragment (without `#`) that restores `scenario` on `dataset`.
pub fn encode(dataset: &Dataset, scenario: &Scenario, lang: Option<Lang>) -> String {
    // Writing cannot fail: every key is a string and no value refuses to serialise.
    let json = serde_json::to_string(&Payload {
        s: scenario,
        l: lang,
    })
    .unwrap_or_default();
    format!(
        "{LINK_VERSION}.{}.{}",
        dataset_tag(dataset),
        URL_SAFE_NO_PAD.encode(json)
    )
}

/// Reads a fragment (with or without its leading `#`) made by [`encode`].
pub fn decode(fragment: &str, dataset: &Dataset) -> Result<Shared, LinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.len() > MAX_FRAGMENT {
        return Err(LinkError::TooLong);
    }
    let mut parts = fragment.splitn(3, '.');
    let (Some(LINK_VERSION), Some(tag), Some(payload)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(LinkError::UnknownFormat);
    };
    let json = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| LinkError::Damaged)?;
    let text = std::str::from_utf8(&json).map_err(|_| LinkError::Damaged)?;
    let mut shared = serde_json::from_str::<Payload<Scenario>>(text)
        .map(|p| Shared {
            scenario: p.s,
            lang: p.l,
            changed: false,
        })
        .map_err(|_| LinkError::Damaged)?;
    shared.changed = tag != dataset_tag(dataset);
    if shared.scenario.v != SCENARIO_VERSION {
        return Err(LinkError::UnknownFormat);
    }
    Ok(shared)
}

/// The reader's edits whose cell the data now publishes at another value than the edit, in
/// words: "Purchases with China (won) 2023: the link's ₩4 tn, published now ₩3.227 tn". For a
/// link made against an earlier release, so the reader sees which of their figures the new
/// release has overtaken.
pub fn changed_edits(table: &Table, lang: Lang) -> Vec<String> {
    let money = |v: Decimal| format(v, Quantity::Won, lang, Style::Compact);
    table
        .rows
        .iter()
        .flat_map(|row| table.years().zip(&row.cells).map(move |c| (row.series, c)))
        .filter_map(
            |(series, (year, cell))| match (&cell.provenance, cell.value) {
                (
                    Provenance::Edited {
                        previous: Some(published),
                        was,
                    },
                    Some(edit),
                ) if matches!(**was, Provenance::Published { .. }) && *published != edit => {
                    let (edit, published) = (money(edit), money(*published));
                    Some(match lang {
                        Lang::Ko => format!(
                            "{} {year}: 링크의 값 {edit}, 지금 발표값 {published}",
                            series.label(lang)
                        ),
                        Lang::En => format!(
                            "{} {year}: the link's {edit}, published now {published}",
                            series.label(lang)
                        ),
                    })
                }
                _ => None,
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tag_is_fnv_1a_as_links_have_always_carried_it() {
        // The published FNV-1a 64-bit test vectors: links made before the `fnv` crate read the same.
        assert_eq!(super::text_tag(""), "cbf29ce484222325");
        assert_eq!(super::text_tag("a"), "af63dc4c8601ec8c");
        assert_eq!(super::text_tag("foobar"), "85944171f73967e8");
    }
    use crate::core::{Flow, Partner, SeriesKey};

    fn data() -> &'static Dataset {
        Dataset::embedded().expect("embedded data")
    }

    #[test]
    fn round_trips_and_stays_short_for_small_changes() {
        let mut scenario = Scenario::default();
        scenario.edits.insert(
            SeriesKey::won(Flow::Purchases, Partner::China).at(2023),
            "4000000000000".parse().expect("decimal"),
        );
        scenario.view = Some("kostat-revised".into());
        let fragment = encode(data(), &scenario, Some(Lang::En));
        assert!(
            fragment.len() < 200,
            "a link with one edit stays short: {} chars",
            fragment.len()
        );
        let shared = decode(&format!("#{fragment}"), data()).expect("decodes");
        assert_eq!(
            shared,
            Shared {
                scenario,
                lang: Some(Lang::En),
                changed: false,
            }
        );
        let default = encode(data(), &Scenario::default(), None);
        assert!(
            default.len() < 40,
            "the defaults are nearly empty: {default}"
        );
    }

    #[test]
    fn the_sha256_is_of_the_exact_text() {
        // FIPS 180-2's test vector for "abc".
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            dataset_sha256(data()),
            sha256_hex(crate::core::EMBEDDED_TEXT.as_bytes()),
            "of the file as shipped"
        );
    }

    #[test]
    fn hostile_fragments_are_errors() {
        let good = encode(data(), &Scenario::default(), None);
        let tag = dataset_tag(data());
        let cases: Vec<(String, LinkError)> = vec![
            (String::new(), LinkError::UnknownFormat),
            ("garbage".into(), LinkError::UnknownFormat),
            ("v2.abc.def".into(), LinkError::UnknownFormat),
            // Another data text no longer refuses a link; a payload that is no scenario still is.
            (
                format!("v1.{}.{}", "0".repeat(16), "e30"),
                LinkError::Damaged,
            ),
            (format!("v1.{tag}.%%%"), LinkError::Damaged),
            (
                format!("v1.{tag}.{}", URL_SAFE_NO_PAD.encode("{\"s\":{\"v\":1")),
                LinkError::Damaged,
            ),
            (
                format!("v1.{tag}.{}", URL_SAFE_NO_PAD.encode("{\"s\":{\"v\":99}}")),
                LinkError::UnknownFormat,
            ),
            (
                format!("v1.{tag}.{}", URL_SAFE_NO_PAD.encode("[".repeat(5000))),
                LinkError::Damaged,
            ),
            (good[..good.len() - 3].to_string(), LinkError::Damaged),
            (
                format!("v1.{tag}.{}", "é😀\u{202e}".repeat(10)),
                LinkError::Damaged,
            ),
            ("v1.".repeat(10_000), LinkError::TooLong),
        ];
        for (fragment, want) in cases {
            let shown: String = fragment.chars().take(40).collect();
            assert_eq!(decode(&fragment, data()), Err(want), "fragment {shown:?}");
        }
    }

    #[test]
    fn a_link_made_before_a_release_still_opens_and_says_what_changed() {
        // Made by the build of 2026-11-30 against the data file it shipped (kostat-revised, 2023,
        // purchases from China typed as 4 tn), before the data file gained a line.
        let old = "v1.cb83be6a0fb75cbc.eyJzIjp7InYiOjEsInZpZXciOiJrb3N0YXQtcmV2aXNlZCIsImVkaXRzIjp7InB1cmNoYXNlcy5jaGluYVsyMDIzXSI6IjQwMDAwMDAwMDAwMDAifSwieWVhciI6MjAyM30sImwiOiJlbiJ9";
        let cell = SeriesKey::won(Flow::Purchases, Partner::China).at(2023);
        let tn = |t: i64, scale: u32| Decimal::new(t, scale) * Decimal::from(1_000_000_000_000_i64);
        let shared = decode(old, data()).expect("opens");
        assert!(
            shared.changed,
            "the data text differs from the one it was made with"
        );
        assert_eq!(shared.scenario.view.as_deref(), Some("kostat-revised"));
        assert_eq!(shared.scenario.edits.get(&cell), Some(&tn(4, 0)));
        assert_eq!(shared.lang, Some(Lang::En));

        // Today's link, opened after the data desk changes the file: the next release revises
        // the 2023 figure the edit replaced.
        let fragment = encode(data(), &shared.scenario, Some(Lang::Ko));
        assert!(
            !decode(&fragment, data()).expect("opens").changed,
            "same data: no notice"
        );
        let text = crate::core::EMBEDDED_TEXT.replace(
            r#"partner = "china", year = 2023, value = "3.2273""#,
            r#"partner = "china", year = 2023, value = "3.3000""#,
        );
        assert_ne!(
            text,
            crate::core::EMBEDDED_TEXT,
            "the test changes a figure"
        );
        let next = Dataset::parse(&text).expect("the changed file reads");
        let opened = decode(&fragment, &next).expect("opens against the next release");
        assert!(opened.changed);
        assert_eq!(opened.scenario, shared.scenario, "applied by key, as made");
        let computed = crate::core::compute(&next, &opened.scenario);
        assert_eq!(
            changed_edits(&computed.table, Lang::En),
            vec![
                "Purchases with China (won) 2023: the link's ₩4 trillion, published now ₩3.3 trillion"
                    .to_string()
            ]
        );
        assert_eq!(
            changed_edits(
                &crate::core::compute(&next, &Scenario::default()).table,
                Lang::En
            ),
            Vec::<String>::new(),
            "no edits, nothing to list"
        );
    }
}
