//! The application: the first screen proving the pipeline from embedded data to a drawn chart.

use std::rc::Rc;

use rust_decimal::Decimal;
use yew::prelude::*;

use crate::core::chart_model::{Bar, ChartModel, PointKind, to_chart_value};
use crate::ui::ChartView;

/// KOSTAT's revised annual totals (trillion won), the first data the pipeline carries. Replaced by
/// the full dataset in `static/data/` as the core lands.
const FIRST_DATA: &str = "year,purchases,sales\n2019,3.6360,6.0046\n2021,5.1404,4.3915\n2022,5.3240,1.8417\n2023,6.6819,1.6972\n2024,7.9583,1.7225\n";

fn balances() -> Vec<(i32, Decimal)> {
    let trillion = Decimal::from(1_000_000_000_000_i64);
    FIRST_DATA
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut fields = line.split(',');
            let year = fields.next()?.parse().ok()?;
            let purchases: Decimal = fields.next()?.parse().ok()?;
            let sales: Decimal = fields.next()?.parse().ok()?;
            Some((year, sales.checked_sub(purchases)?.checked_mul(trillion)?))
        })
        .collect()
}

/// The whole calculator.
#[component]
pub fn App() -> Html {
    let balances = use_memo((), |_| balances());
    let trillion = Decimal::from(1_000_000_000_000_i64);
    let chart = use_memo(balances.clone(), move |balances| {
        Rc::new(ChartModel {
            title: "Cross-border e-commerce balance".into(),
            y_unit: "₩ trillion".into(),
            years: (2019, 2024),
            bars: balances
                .iter()
                .filter_map(|(year, value)| {
                    Some(Bar {
                        year: *year,
                        value: to_chart_value(*value, trillion)?,
                        kind: PointKind::Published,
                        reference: None,
                    })
                })
                .collect(),
            ..ChartModel::default()
        })
    });
    let headline = balances
        .iter()
        .find(|(year, _)| *year == 2023)
        .map(|(_, v)| *v);
    html! {
        <main class="jikgu">
            <h1>{ "jikgu" }</h1>
            <p class="headline" data-testid="headline">
                { headline.map(|v| format!("₩{} trillion", (v / trillion).round_dp(3))).unwrap_or_default() }
            </p>
            <ChartView model={(*chart).clone()} label="Balance by year" />
        </main>
    }
}
