//! The headline: the balance for the chosen year and partner, and one plain sentence about it.

use yew::prelude::*;

use crate::core::lang::with_particle;
use crate::core::num::{Quantity, Style, format, format_balance};
use crate::core::{DisplayUnit, Lang, Partner};
use crate::ui::AppContext;
use crate::ui::provenance::describe;

/// The main figure and its sentence, updated on every change.
#[component]
pub fn HeadlineView() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let lang = state.lang;
    let headline = &state.computed.headline;
    let quantity = match headline.unit {
        DisplayUnit::Won => Quantity::Won,
        DisplayUnit::Usd => Quantity::Usd,
    };
    let partner = headline.series.partner;
    let year = headline.year;
    let (figure, sentence) = match headline.value {
        Some(value) => (
            format_balance(value, quantity, lang, Style::Compact),
            sentence(value, quantity, partner, year, lang),
        ),
        None => (
            lang.pick("자료 없음", "no data").to_string(),
            match lang {
                Lang::Ko => format!("이 출처에는 {year}년 수지가 없습니다."),
                Lang::En => format!("This source has no balance for {year}."),
            },
        ),
    };
    let kicker = match lang {
        Lang::Ko => format!("{year}년 해외 온라인 거래 수지 · {}", partner.label(lang)),
        Lang::En => format!(
            "Cross-border online trade balance, {year} · {}",
            partner.label(lang)
        ),
    };
    html! {
        <section class="headline-box" aria-labelledby="headline-kicker">
            <p id="headline-kicker" class="kicker">{ kicker }</p>
            <p class="figure" data-testid="headline" aria-live="polite">{ figure }</p>
            <p class="sentence">{ sentence }</p>
            <p class="provenance">{ describe(&headline.provenance, &state.dataset, lang) }</p>
        </section>
    }
}

fn sentence(
    value: rust_decimal::Decimal,
    quantity: Quantity,
    partner: Partner,
    year: i32,
    lang: Lang,
) -> String {
    let amount = format(value.abs(), quantity, lang, Style::Compact);
    let deficit = value.is_sign_negative() && !value.is_zero();
    let with = match partner {
        Partner::All => String::new(),
        other => match lang {
            Lang::Ko => format!(
                "{}{}의 거래에서 ",
                other.label(lang),
                with_particle(other.label(lang))
            ),
            Lang::En => format!(" with {}", other.label(lang)),
        },
    };
    match (lang, deficit) {
        (Lang::Ko, true) => format!(
            "{year}년 {with}한국 소비자가 해외 온라인몰에서 산 금액이 한국 기업이 해외에 온라인으로 판 금액보다 {amount} 많았습니다."
        ),
        (Lang::Ko, false) => format!(
            "{year}년 {with}한국 기업이 해외에 온라인으로 판 금액이 한국 소비자가 해외 온라인몰에서 산 금액보다 {amount} 많았습니다."
        ),
        (Lang::En, true) => format!(
            "In {year}, Korean shoppers bought {amount} more online from abroad{with} than Korean sellers sold there."
        ),
        (Lang::En, false) => format!(
            "In {year}, Korean sellers sold {amount} more online abroad{with} than Korean shoppers bought there."
        ),
    }
}
