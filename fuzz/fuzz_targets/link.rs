//! The share-link decoder (`jikgu::core::link::decode`) on hostile fragments, against the embedded
//! dataset.
//!
//! Input: one mode byte, then the rest. A random fragment almost never carries the dataset's tag, so
//! two of the three modes supply it, which lets the fuzzer reach the payload and the JSON reader:
//!
//! - mode 0 (`'0'`, or any byte ≡ 0 mod 3): the rest is the whole fragment;
//! - mode 1 (`'1'`): the fragment is `v1.<our tag>.` followed by the rest as text (base64url);
//! - mode 2 (`'2'`): the fragment is `v1.<our tag>.` followed by the rest encoded as base64url, so the
//!   rest is the JSON payload itself (`{"s":{"v":1,...},"l":"ko"}`).
//!
//! Checks: decoding never panics; a link that decodes encodes again to a link that decodes to the
//! same scenario and language; and the page's next step, computing the scenario and drawing its
//! charts, never panics either, since a link goes straight to `compute`.

#![no_main]

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jikgu::core::chart_model::{balance_chart, flows_chart};
use jikgu::core::{Dataset, Lang, compute, link};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(dataset) = Dataset::embedded() else {
        return;
    };
    let [mode, rest @ ..] = data else {
        return;
    };
    let fragment = match mode % 3 {
        0 => match std::str::from_utf8(rest) {
            Ok(text) => text.to_owned(),
            Err(_) => return,
        },
        1 => match std::str::from_utf8(rest) {
            Ok(text) => format!("v1.{}.{text}", link::dataset_tag(dataset)),
            Err(_) => return,
        },
        _ => format!(
            "v1.{}.{}",
            link::dataset_tag(dataset),
            URL_SAFE_NO_PAD.encode(rest)
        ),
    };

    let shared = match link::decode(&fragment, dataset) {
        Ok(shared) => shared,
        Err(error) => {
            assert!(!error.message(Lang::Ko).is_empty(), "{error:?}");
            return;
        }
    };

    let again = link::encode(dataset, &shared.scenario, shared.lang);
    assert_eq!(
        link::decode(&again, dataset).as_ref(),
        Ok(&shared),
        "{fragment:?} decoded, was encoded as {again:?}, which did not decode the same"
    );

    let computed = compute(dataset, &shared.scenario);
    let lang = shared.lang.unwrap_or_default();
    // The page draws the headline partner's balance.
    let _ = balance_chart(&computed, computed.headline.series.partner, lang);
    let _ = flows_chart(&computed, lang);
});
