//! Charts drawn natively on plotters' SVG backend: the same drawing code as the browser's canvas.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jikgu::chart::{ChartStyle, to_svg};
use jikgu::core::chart_model::{Bar, ChartModel, Line, PointKind};

fn balance_model() -> ChartModel {
    let bar = |year, value, kind| Bar {
        year,
        value,
        kind,
        reference: None,
    };
    ChartModel {
        title: "Balance".into(),
        y_unit: "₩ trillion".into(),
        years: (2019, 2024),
        bars: vec![
            bar(2019, 2.3686, PointKind::Published),
            bar(2021, -0.849, PointKind::Published),
            Bar {
                reference: Some(-6.003),
                ..bar(2023, -4.985, PointKind::Edited)
            },
            bar(2024, -6.2358, PointKind::Projected),
        ],
        ..ChartModel::default()
    }
}

fn count(svg: &str, needle: &str) -> usize {
    svg.matches(needle).count()
}

/// The text of every `<text>` element (plotters writes it on its own line).
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            Some(
                t.split_once('>')?
                    .1
                    .split("</text>")
                    .next()?
                    .trim()
                    .to_string(),
            )
        })
        .collect()
}

#[test]
fn bars_are_drawn_in_their_provenance_colours() {
    let svg = to_svg(&balance_model(), 640, 320, &ChartStyle::default()).expect("draws");
    assert!(svg.starts_with("<svg"), "an SVG document");
    assert!(
        svg.contains("#C0392B") || svg.contains("#c0392b"),
        "a deficit bar in the deficit colour"
    );
    assert!(
        svg.contains("#1F77B4") || svg.contains("#1f77b4"),
        "the 2019 surplus bar in the surplus colour"
    );
    assert!(
        svg.contains("#E69100") || svg.contains("#e69100"),
        "the edited bar marked apart"
    );
    let labels = texts(&svg);
    assert!(
        labels.iter().any(|t| t == "₩ trillion"),
        "the axis names its unit: {labels:?}"
    );
    for year in ["2019", "2023", "2024"] {
        assert!(
            labels.iter().any(|t| t == year),
            "{year} labels the x axis: {labels:?}"
        );
    }
    assert!(
        !labels
            .iter()
            .any(|t| t.contains('.') && t.starts_with("20")),
        "no fractional years: {labels:?}"
    );
    assert_eq!(
        count(&svg, "<rect"),
        1 + 4,
        "the background and one rect per bar"
    );
}

#[test]
fn dark_theme_changes_the_background() {
    let light = to_svg(&balance_model(), 320, 200, &ChartStyle::default()).expect("light");
    let dark = to_svg(
        &balance_model(),
        320,
        200,
        &ChartStyle {
            dark: true,
            ..ChartStyle::default()
        },
    )
    .expect("dark");
    assert!(
        light.contains("#FFFFFF") || light.contains("#ffffff"),
        "light background"
    );
    assert!(
        dark.contains("#181A1B") || dark.contains("#181a1b"),
        "dark background"
    );
}

#[test]
fn lines_and_projections_draw_with_a_legend() {
    let model = ChartModel {
        bars: vec![],
        lines: vec![Line {
            label: "Purchases from China".into(),
            slot: 1,
            points: vec![
                (2022, 2.107, PointKind::Published),
                (2023, 3.227, PointKind::Published),
                (2024, 4.0, PointKind::Projected),
                (2025, 4.9, PointKind::Projected),
            ],
        }],
        projection_from: Some(2024),
        ..balance_model()
    };
    let svg = to_svg(&model, 640, 320, &ChartStyle::default()).expect("draws");
    assert!(
        svg.contains("Purchases from China"),
        "the legend names the line"
    );
    assert!(
        count(&svg, "<polyline") + count(&svg, "<path") >= 2,
        "observed and projected segments:\n{svg}"
    );
}

#[test]
fn degenerate_models_draw_without_panicking() {
    let cases = [
        ChartModel::default(),
        ChartModel {
            years: (2024, 2019),
            ..balance_model()
        },
        ChartModel {
            bars: vec![Bar {
                year: 2020,
                value: f64::NAN,
                kind: PointKind::Published,
                reference: Some(f64::INFINITY),
            }],
            ..balance_model()
        },
    ];
    for (i, model) in cases.iter().enumerate() {
        // Too small to lay out is an error to report, not a crash.
        let _ = to_svg(model, 1, 1, &ChartStyle::default());
        let svg = to_svg(
            model,
            320,
            200,
            &ChartStyle {
                scale: 3.0,
                dark: true,
            },
        );
        assert!(
            svg.is_ok_and(|svg| !svg.contains("NaN")),
            "case {i} draws, leaving out what is not finite"
        );
    }
}
