//! Charts drawn natively on plotters' SVG backend: the same drawing code as the browser's canvas.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jikgu::chart::{ChartStyle, PlotGeometry, draw, export_svg, to_svg};
use jikgu::core::chart_model::{Bar, ChartModel, Line, PointKind, balance_chart, flows_chart};
use jikgu::core::{CellRef, Dataset, Decimal, Lang, Partner, Scenario, compute};
use plotters::prelude::{IntoDrawingArea, SVGBackend};

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
        1 + 4 + 3,
        "the background, one rect per bar, and legend swatches for hollow, edited and published"
    );
    assert!(
        labels.iter().any(|t| t == "Published figure"),
        "the reference tick is explained in the legend: {labels:?}"
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
                cursor: Some(2020),
            },
        );
        assert!(
            svg.is_ok_and(|svg| !svg.contains("NaN")),
            "case {i} draws, leaving out what is not finite"
        );
    }
}

fn computed(scenario: &Scenario) -> jikgu::core::Computed {
    compute(Dataset::embedded().expect("embedded"), scenario)
}

/// The `points` of every polyline stroked in `colour` (upper-case hex, as plotters writes it).
fn strokes<'a>(svg: &'a str, colour: &str) -> Vec<&'a str> {
    svg.lines()
        .filter(|l| l.starts_with("<polyline") && l.contains(&format!("stroke=\"{colour}\"")))
        .filter_map(|l| l.split("points=\"").nth(1)?.split('"').next())
        .collect()
}

fn line_model(points: Vec<(i32, f64, PointKind)>) -> ChartModel {
    ChartModel {
        title: "Flows".into(),
        y_unit: "₩ trillion".into(),
        years: (2018, 2026),
        lines: vec![Line {
            label: "Purchases from China".into(),
            slot: 0,
            points,
        }],
        projection_from: Some(2025),
        ..ChartModel::default()
    }
}

#[test]
fn a_missing_year_breaks_the_line_and_projections_are_dashed() {
    use PointKind::*;
    let joined = line_model(vec![
        (2018, 1.0, Published),
        (2019, 1.5, Published),
        (2020, 2.0, Published),
        (2021, 2.5, Published),
    ]);
    let gapped = line_model(vec![
        (2018, 1.0, Published),
        (2019, 1.5, Published),
        (2021, 2.5, Published),
        (2022, 3.0, Published),
    ]);
    let solid = |m: &ChartModel| {
        let svg = to_svg(m, 640, 320, &ChartStyle::default()).expect("draws");
        // Two-point segments between points are the line; markers are closed outlines.
        strokes(&svg, "#C0392B")
            .into_iter()
            .filter(|p| p.split_whitespace().count() == 2)
            .count()
    };
    // Plus one: the legend's sample of the line.
    assert_eq!(
        solid(&joined),
        3 + 1,
        "four consecutive years: three segments"
    );
    assert_eq!(
        solid(&gapped),
        2 + 1,
        "2020 missing: 2018–2019 and 2021–2022, nothing across the gap"
    );

    let projected = line_model(vec![
        (2023, 3.0, Published),
        (2024, 3.5, Published),
        (2025, 5.0, Projected),
    ]);
    let svg = to_svg(&projected, 640, 320, &ChartStyle::default()).expect("draws");
    let dashes = strokes(&svg, "#C0392B")
        .into_iter()
        .filter(|p| p.split_whitespace().count() == 2)
        .count();
    assert!(
        dashes >= 4,
        "2024–2025 drawn as several dashes plus the solid 2023–2024: {dashes}"
    );
    let labels = texts(&svg);
    assert!(
        labels.iter().any(|t| t == "Projected or assumed"),
        "the dashes are explained: {labels:?}"
    );
}

#[test]
fn edited_points_have_their_own_marker_and_legend_entry() {
    use PointKind::*;
    let model = line_model(vec![(2022, 2.0, Published), (2023, 4.0, Edited)]);
    let svg = to_svg(&model, 640, 320, &ChartStyle::default()).expect("draws");
    // The edited diamond: filled in the edit colour, outlined in the text colour (4 corners + close).
    let diamonds = svg
        .lines()
        .filter(|l| l.starts_with("<polygon") && l.contains("#E69100"))
        .count();
    assert_eq!(diamonds, 2, "one on the point and one in the legend");
    let outlines = strokes(&svg, "#222222")
        .into_iter()
        .filter(|p| p.split_whitespace().count() == 5)
        .count();
    assert!(
        outlines >= 2,
        "diamonds are outlined, not told by hue alone"
    );
    assert!(texts(&svg).iter().any(|t| t == "Your edit"));
    let plain = to_svg(
        &line_model(vec![(2022, 2.0, Published), (2023, 4.0, Published)]),
        640,
        320,
        &ChartStyle::default(),
    )
    .expect("draws");
    assert!(!plain.contains("#E69100"), "no edit marker without an edit");
    assert!(!texts(&plain).iter().any(|t| t == "Your edit"));
}

#[test]
fn flows_chart_from_the_data_speaks_the_readers_language() {
    // KIEP's view: the one with levels of sales to China and purchases from the US.
    let kiep = Scenario {
        view: Some("kiep-2025-07-02".into()),
        ..Scenario::default()
    };
    let c = computed(&kiep);
    let cases = [
        (
            Lang::En,
            "₩ trillion",
            [
                "Purchases from China",
                "Sales to China",
                "Purchases from the US",
            ],
        ),
        (
            Lang::Ko,
            "조 원",
            ["중국 직구(구매)", "중국 역직구(판매)", "미국 직구(구매)"],
        ),
    ];
    for (lang, unit, legends) in cases {
        let model = flows_chart(&c, lang);
        let svg = to_svg(&model, 800, 400, &ChartStyle::default()).expect("draws");
        let labels = texts(&svg);
        assert!(
            labels.iter().any(|t| t == unit),
            "{lang:?} unit: {labels:?}"
        );
        for legend in legends {
            assert!(
                labels.iter().any(|t| t == legend),
                "{lang:?} legend {legend}: {labels:?}"
            );
        }
        assert_eq!(model.columns.len(), model.lines.len(), "a column per line");
    }
    let usd = Scenario {
        unit: jikgu::core::DisplayUnit::Usd,
        ..kiep
    };
    let model = flows_chart(&computed(&usd), Lang::En);
    assert_eq!(
        model.y_unit, "$ billion",
        "dollars when the scenario shows dollars"
    );
    assert_eq!(flows_chart(&computed(&usd), Lang::Ko).y_unit, "억 달러");
}

#[test]
fn negative_ticks_use_the_minus_sign() {
    let model = balance_chart(&computed(&Scenario::default()), Partner::All, Lang::En);
    let labels = texts(&to_svg(&model, 640, 320, &ChartStyle::default()).expect("draws"));
    assert!(
        labels.iter().any(|t| t.starts_with('\u{2212}')),
        "a deficit axis has U+2212 ticks: {labels:?}"
    );
    assert!(
        !labels.iter().any(|t| t.starts_with('-')),
        "no hyphen-minus: {labels:?}"
    );
}

#[test]
fn the_published_figure_stays_beside_an_edit() {
    let mut scenario = Scenario {
        view: Some("kiep-2025-07-02".into()),
        ..Scenario::default()
    };
    let at: CellRef = "balance.all[2023]".parse().expect("cell");
    scenario.edits.insert(
        at,
        Decimal::new(-4_985, 3) * Decimal::from(1_000_000_000_000_i64),
    );
    let model = balance_chart(&computed(&scenario), Partner::All, Lang::En);
    let bar = model.bars.iter().find(|b| b.year == 2023).expect("2023");
    assert_eq!(bar.kind, PointKind::Edited);
    assert_eq!(bar.reference, Some(-6.003), "KIEP's figure beside the edit");
    let svg = export_svg(&model).expect("draws");
    assert!(svg.contains("width=\"1200\" height=\"600\""), "export size");
    assert!(texts(&svg).iter().any(|t| t == "Published figure"));
    assert_eq!(
        model.columns.last().map(|c| c.label.as_str()),
        Some("Published figure"),
        "the table alternative has the published figure too"
    );
}

#[test]
fn narrow_charts_label_every_other_year() {
    let years = |width| {
        texts(&to_svg(&balance_model(), width, 300, &ChartStyle::default()).expect("draws"))
            .into_iter()
            .filter(|t| t.len() == 4 && t.starts_with("20"))
            .count()
    };
    assert_eq!(years(800), 6, "every year from 2019 to 2024 when wide");
    assert_eq!(years(320), 3, "2019, 2021, 2023 at 320 px");
}

#[test]
fn the_cursor_draws_a_line_and_geometry_maps_pixels_to_years() {
    let with = |cursor| {
        let mut svg = String::new();
        let geometry: PlotGeometry = {
            let root = SVGBackend::with_string(&mut svg, (600, 300)).into_drawing_area();
            draw(
                &root,
                &balance_model(),
                &ChartStyle {
                    cursor,
                    ..ChartStyle::default()
                },
            )
            .expect("draws")
        };
        (svg, geometry)
    };
    let (none, geometry) = with(None);
    let (at_2021, _) = with(Some(2021));
    assert_eq!(geometry.years, (2019, 2024));
    let x = geometry.x_of(2021);
    // The cursor is the one vertical line drawn translucent, in the text colour, where the
    // geometry puts the year: within 2 px (plotters floors its coordinates; years are 80 px apart).
    let vertical = |svg: &str| {
        svg.lines()
            .filter(|l| l.starts_with("<polyline") && l.contains("opacity=\"0.7\""))
            .filter_map(|l| {
                l.split("points=\"")
                    .nth(1)?
                    .split('"')
                    .next()
                    .map(String::from)
            })
            .filter(|p| {
                let xs: Vec<f64> = p
                    .split_whitespace()
                    .filter_map(|xy| xy.split(',').next()?.parse().ok())
                    .collect();
                xs.len() == 2 && xs[0] == xs[1] && (xs[0] - x).abs() <= 2.0
            })
            .count()
    };
    assert_eq!(vertical(&none), 0, "no cursor, no line at 2021");
    assert_eq!(
        vertical(&at_2021),
        1,
        "a vertical line at 2021's x = {x}: {:?}",
        at_2021
            .lines()
            .filter(|l| l.contains("opacity=\"0.7\""))
            .collect::<Vec<_>>()
    );
    for (year, want) in [(2019, 2019), (2021, 2021), (2024, 2024)] {
        assert_eq!(geometry.year_at(geometry.x_of(year) + 3.0), Some(want));
    }
    assert_eq!(
        geometry.year_at(-50.0),
        Some(2019),
        "left of the plot clamps"
    );
    assert_eq!(
        geometry.year_at(5000.0),
        Some(2024),
        "right of the plot clamps"
    );
    assert_eq!(geometry.year_at(f64::NAN), None);
    assert_eq!(
        PlotGeometry::default().year_at(10.0),
        None,
        "no plot, no year"
    );
}

/// The app draws each chart once on a recording and replays it (chart::record); what reaches the SVG
/// must be exactly what drawing on the SVG backend directly gives, in both themes and with a cursor.
#[test]
fn a_replayed_recording_is_the_same_drawing() {
    let data = Dataset::embedded().expect("data");
    let computed = compute(data, &Scenario::default());
    for (model, style) in [
        (balance_model(), ChartStyle::default()),
        (
            flows_chart(&computed, Lang::Ko),
            ChartStyle {
                dark: true,
                cursor: Some(2022),
                scale: 2.0,
            },
        ),
    ] {
        let mut direct = String::new();
        let direct_geometry = {
            let root = SVGBackend::with_string(&mut direct, (640, 320)).into_drawing_area();
            draw(&root, &model, &style).expect("draws")
        };
        let replayed = to_svg(&model, 640, 320, &style).expect("replays");
        assert_eq!(replayed, direct);
        let (recording, geometry) =
            jikgu::chart::record(&model, (640, 320), &style).expect("records");
        assert_eq!(geometry, direct_geometry);
        assert!(
            recording.len() > 20,
            "a chart is many primitives: {}",
            recording.len()
        );
    }
}

/// The fan charts of issue 11: in every view, with partner all and China, the axis stays within
/// 3× the largest published figure shown, the fans are drawn light and dark, and the chart's table
/// carries the bounds.
#[test]
fn fans_are_drawn_and_the_axis_keeps_the_history_readable() {
    use jikgu::core::chart_model::{balance_chart_with, flows_chart_with};
    use jikgu::core::ranges::simulate;
    let data = Dataset::embedded().expect("embedded");
    for view in data.views() {
        for partner in [Partner::All, Partner::China] {
            for horizon in [2030, 2040] {
                let s = Scenario {
                    view: Some(view.id.clone()),
                    partner: Some(partner),
                    horizon: Some(horizon),
                    ..Scenario::default()
                };
                let out = compute(data, &s);
                let ranges = simulate(data, &s, &out.table);
                let flows = flows_chart_with(&out, Lang::En, Some(&ranges));
                let balance = balance_chart_with(&out, partner, Lang::En, Some(&ranges));
                for (name, model) in [("flows", &flows), ("balance", &balance)] {
                    let published = model
                        .lines
                        .iter()
                        .flat_map(|l| l.points.iter())
                        .filter(|p| p.2 != PointKind::Projected)
                        .map(|p| p.1.abs())
                        .chain(
                            model
                                .bars
                                .iter()
                                .filter(|b| b.kind != PointKind::Projected)
                                .map(|b| b.value.abs()),
                        )
                        .fold(0.0_f64, f64::max);
                    let geometry = draw(
                        &SVGBackend::with_string(&mut String::new(), (640, 360))
                            .into_drawing_area(),
                        model,
                        &ChartStyle::default(),
                    )
                    .expect("draws");
                    let (lo, hi) = geometry.y_range;
                    if published > 0.0 {
                        assert!(
                            hi <= 3.0 * published && lo >= -3.0 * published,
                            "{} {partner:?} {horizon} {name}: axis {lo}..{hi} for a largest published {published}",
                            view.id
                        );
                    }
                }
                if out.table.last_year > out.table.last_published_year && !flows.lines.is_empty() {
                    assert!(
                        !flows.fans.is_empty(),
                        "{}: a projected line has its fan",
                        view.id
                    );
                    assert!(
                        flows.columns.iter().any(|c| c.label.contains("95 % high")),
                        "{}: the table alternative has the bounds",
                        view.id
                    );
                }
            }
        }
    }
    let s = Scenario {
        view: Some("kostat-revised".into()),
        ..Scenario::default()
    };
    let out = compute(data, &s);
    let ranges = simulate(data, &s, &out.table);
    let model = flows_chart_with(&out, Lang::En, Some(&ranges));
    for dark in [false, true] {
        let style = ChartStyle {
            dark,
            ..ChartStyle::default()
        };
        let with = to_svg(&model, 640, 360, &style).expect("draws");
        let without = to_svg(&flows_chart(&out, Lang::En), 640, 360, &style).expect("draws");
        assert!(
            count(&with, "<polygon") >= count(&without, "<polygon") + 2 * model.fans.len(),
            "dark={dark}: two shaded bands per fan"
        );
        assert!(
            with.contains("opacity"),
            "dark={dark}: bands are translucent"
        );
    }
    assert!(
        export_svg(&model).expect("exports").contains("<polygon"),
        "the SVG export has the fans"
    );
}

/// The default view (the 2025 re-basing) with its story and report marks and events, as the page
/// draws it.
fn annotated_balance(view: &str, lang: Lang) -> ChartModel {
    use jikgu::core::chart_model::annotate;
    let scenario = Scenario {
        view: Some(view.into()),
        ..Scenario::default()
    };
    let out = computed(&scenario);
    let mut model = balance_chart(&out, Partner::All, lang);
    annotate(&mut model, Dataset::embedded().expect("data"), out.view);
    model
}

#[test]
fn older_vintages_standing_in_are_drawn_apart_with_the_join_marked() {
    let model = annotated_balance("kostat-rebased", Lang::En);
    let kind = |year| model.bars.iter().find(|b| b.year == year).map(|b| b.kind);
    // 2014–2021: both flows from older vintages; 2022–2023: re-based sales less older purchases;
    // 2024: both on the current basis (purchases stepped back from 2025 by its printed change).
    for year in [2014, 2019, 2021, 2022, 2023] {
        assert_eq!(
            kind(year),
            Some(PointKind::StandIn),
            "{year} rests on an older basis"
        );
    }
    for year in [2024, 2025] {
        assert_ne!(
            kind(year),
            Some(PointKind::StandIn),
            "{year} is current basis"
        );
    }
    let splice = model.splice.as_ref().expect("a splice");
    assert_eq!(splice.join, Some(2024), "the current basis begins in 2024");
    assert_eq!(
        splice.label(Lang::En),
        "first release / 2024 restructuring basis, standing in"
    );
    assert_eq!(
        splice.label(Lang::Ko),
        "최초 발표·2024년 개편 기준 (대신 씀)"
    );
    let balance = &model.columns[0];
    assert!(
        balance.stand_in.iter().any(|(y, _)| *y == 2023)
            && !balance.stand_in.iter().any(|(y, _)| *y == 2024),
        "the table alternative knows which years stand in: {:?}",
        balance.stand_in
    );
    assert!(
        model
            .splice_note()
            .is_some_and(|n| n.contains("From 2024: 2025 re-basing →")),
        "{:?}",
        model.splice_note()
    );
    assert_eq!(
        model.tick_label.as_deref(),
        Some("Published figure (2024 restructuring)"),
        "the older vintage's published balance is named as such"
    );
    for dark in [false, true] {
        let svg = to_svg(
            &model,
            1000,
            420,
            &ChartStyle {
                dark,
                ..ChartStyle::default()
            },
        )
        .expect("draws");
        let labels = texts(&svg);
        for want in [
            "first release / 2024 restructuring basis, standing in",
            "2025 re-basing →",
            "Published figure (2024 restructuring)",
        ] {
            assert!(labels.iter().any(|t| t == want), "{want} in {labels:?}");
        }
        // The dotted outline is many short strokes in the bar's colour; the same bars drawn as
        // ordinary ones have none.
        let deficit = if dark { "#EF6C5E" } else { "#C0392B" };
        let mut plain = model.clone();
        for bar in &mut plain.bars {
            if bar.kind == PointKind::StandIn {
                bar.kind = PointKind::Published;
            }
        }
        let style = ChartStyle {
            dark,
            ..ChartStyle::default()
        };
        let plain_svg = to_svg(&plain, 1000, 420, &style).expect("draws");
        let dots = strokes(&svg, deficit).len();
        let none = strokes(&plain_svg, deficit).len();
        assert!(
            dots > none + 20,
            "stand-in bars are outlined in dots: {dots} against {none}"
        );
    }
    let ko = annotated_balance("kostat-rebased", Lang::Ko);
    let labels = texts(&to_svg(&ko, 1000, 420, &ChartStyle::default()).expect("draws"));
    assert!(
        labels.iter().any(|t| t == "2025년 기준 개편 →"),
        "{labels:?}"
    );
    // The first releases' own view has nothing standing in.
    assert!(annotated_balance("kostat-first", Lang::En).splice.is_none());
}

#[test]
fn the_story_and_its_report_are_marked_points_of_their_own() {
    let model = annotated_balance("kostat-rebased", Lang::En);
    let at = |who, year| {
        model
            .marks
            .iter()
            .find(|m| m.who == who && m.year == year)
            .map(|m| m.value)
    };
    assert_eq!(at(0, 2023), Some(-6.003), "the story's 2023 deficit");
    assert_eq!(
        at(0, 2019),
        Some(-0.1),
        "the story's 2019 base, as written (100 billion)"
    );
    assert_eq!(at(1, 2019), Some(-0.01), "KIEP's 100억");
    assert_eq!(
        model.mark_labels,
        vec![
            "The story (Alpha Biz), 2025-07-03".to_string(),
            "KIEP (2025 report), 2025-07-02".to_string()
        ]
    );
    let story = model
        .columns
        .iter()
        .find(|c| c.label.starts_with("The story"))
        .expect("a column");
    assert_eq!(
        story.at(2023).and_then(|c| c.0),
        Some(Decimal::new(-6_003_000_000_000, 0))
    );
    let bar = model.bars.iter().find(|b| b.year == 2023).expect("2023");
    assert!(
        (bar.value + 4.283).abs() < 1e-9,
        "the bar stays the view's own figure: {}",
        bar.value
    );
    let labels = texts(&export_svg(&model).expect("draws"));
    assert!(
        labels
            .iter()
            .any(|t| t == "The story (Alpha Biz), 2025-07-03"),
        "{labels:?}"
    );
    assert!(
        labels.iter().any(|t| t == "KIEP (2025 report), 2025-07-02"),
        "{labels:?}"
    );
    // In KIEP's own view its figures are the bars: only the story is marked.
    let kiep = annotated_balance("kiep-2025-07-02", Lang::En);
    assert!(kiep.marks.iter().all(|m| m.who == 0) && !kiep.marks.is_empty());
    // The flows chart marks the story's purchases from China where the view has that line.
    let out = computed(&Scenario::default());
    let mut flows = flows_chart(&out, Lang::En);
    jikgu::core::chart_model::annotate(&mut flows, Dataset::embedded().expect("data"), out.view);
    assert!(
        flows
            .marks
            .iter()
            .any(|m| m.who == 0 && m.year == 2023 && (m.value - 3.23).abs() < 1e-9),
        "{:?}",
        flows.marks
    );
    assert!(
        flows
            .columns
            .iter()
            .any(|c| c.label == "The story (Alpha Biz), 2025-07-03: Purchases from China")
    );
}

#[test]
fn dated_events_are_numbered_on_the_time_axis() {
    let model = annotated_balance("kostat-rebased", Lang::En);
    let numbers: Vec<usize> = model.events.iter().map(|e| e.1).collect();
    assert_eq!(
        numbers,
        vec![1, 2, 3, 4, 5],
        "every event of the file, in its order"
    );
    // 2024-05-16 lies in 2024's slot (2023.5 to 2024.5), a little before its middle.
    let x = model.events[0].0;
    assert!(x > 2023.8 && x < 2024.0, "{x}");
    let labels = texts(&export_svg(&model).expect("draws"));
    assert!(labels.iter().any(|t| t == "1"), "{labels:?}");
    assert!(
        labels
            .iter()
            .any(|t| t.starts_with('2') && t.contains(",3")),
        "close events together: {labels:?}"
    );
}

/// Both charts of every view of the source picker, for all partners, China and the US, in both
/// languages, as the page draws them, each named for a failure message.
fn every_chart() -> Vec<(String, ChartModel)> {
    use jikgu::core::chart_model::{annotate, balance_chart_with, flows_chart_with};
    let data = Dataset::embedded().expect("embedded");
    let mut charts = Vec::new();
    for view in data.views() {
        for partner in [Partner::All, Partner::China, Partner::Us] {
            for lang in [Lang::Ko, Lang::En] {
                let s = Scenario {
                    view: Some(view.id.clone()),
                    partner: Some(partner),
                    ..Scenario::default()
                };
                let out = compute(data, &s);
                let mut balance = balance_chart_with(&out, partner, lang, None);
                annotate(&mut balance, data, out.view);
                let flows = flows_chart_with(&out, lang, None);
                let name = format!("{} {partner:?} {lang:?}", view.id);
                charts.push((name.clone(), balance));
                charts.push((name, flows));
            }
        }
    }
    charts
}

/// At a phone's and an embed's width, a chart drawn at `chart::min_height` keeps a readable plot
/// whatever its legend wraps to: in every view, for all partners, China and the US, both charts,
/// both languages. Drawn at the embed's old fixed 200 px instead, the default view's balance chart kept
/// a plot too flat to read under its legend.
#[test]
fn a_long_legend_grows_the_chart_instead_of_flattening_the_plot() {
    use jikgu::chart::{MIN_PLOT, min_height};
    let plot = |model: &ChartModel, width: u32, height: u32| {
        let g = draw(
            &SVGBackend::with_string(&mut String::new(), (width, height)).into_drawing_area(),
            model,
            &ChartStyle::default(),
        )
        .expect("draws");
        g.bottom - g.top
    };
    let mut checked = 0;
    for (name, model) in &every_chart() {
        for width in [320_u32, 344, 480, 720] {
            let height = min_height(model, f64::from(width)).ceil() as u32;
            let tall = plot(model, width, height);
            // The plot area proper, without its axis labels and event numbers.
            assert!(
                tall >= MIN_PLOT - 50.0,
                "{name} '{}' at {width}×{height}: plot {tall} px",
                model.title
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} charts checked");
    let default = annotated_balance("kostat-rebased", Lang::Ko);
    assert!(
        plot(&default, 344, 200) < MIN_PLOT - 50.0,
        "the old embed box flattened it"
    );
    assert!(
        min_height(&default, 344.0) <= 280.0,
        "the embed's box (style.css) fits it"
    );
}

/// A unit line wider than a phone's chart breaks at its ` · ` instead of running off the edge.
#[test]
fn a_long_unit_line_breaks_on_a_phone() {
    let mut model = balance_model();
    model.y_unit = "₩ trillion · shaded: 80 % and 95 % ranges (1,000 simulated paths)".into();
    let narrow = to_svg(&model, 344, 300, &ChartStyle::default()).unwrap();
    let wide = to_svg(&model, 720, 300, &ChartStyle::default()).unwrap();
    let lines = |svg: &str| {
        texts(svg)
            .into_iter()
            .filter(|t| t.contains("₩ trillion") || t.starts_with("shaded"))
            .count()
    };
    assert_eq!(lines(&wide), 1, "{:?}", texts(&wide));
    assert_eq!(lines(&narrow), 2, "{:?}", texts(&narrow));
    assert!(
        texts(&narrow)
            .iter()
            .any(|t| t == "shaded: 80 % and 95 % ranges (1,000 simulated paths)")
    );
}

/// Text in a drawn chart aligned to one side as (x, nominal size, text, whether it runs left from
/// x): plotters' SVG writes a font size of the nominal one over 1.24. Centred text (axis labels)
/// is left out.
fn aligned_texts(svg: &str) -> Vec<(f64, f64, String, bool)> {
    let attr = |t: &str, name: &str| -> Option<String> {
        Some(
            t.split(&format!(" {name}=\""))
                .nth(1)?
                .split('"')
                .next()?
                .to_string(),
        )
    };
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let (open, rest) = t.split_once('>')?;
            let text = rest.split("</text>").next()?.trim().to_string();
            let leftward = match attr(open, "text-anchor")?.as_str() {
                "start" => false,
                "end" => true,
                _ => return None,
            };
            let x: f64 = attr(open, "x")?.parse().ok()?;
            let size: f64 = attr(open, "font-size")?.parse().ok()?;
            Some((x, size * 1.24, text, leftward))
        })
        .collect()
}

/// On the narrowest phones (an embed in a 320 px column is about 290 px wide) no title, unit line,
/// legend label or label in the plot runs past the chart's edges: a label too long for a row wraps
/// under itself, the vintage line's label goes before the line where there is no room after it.
/// Before, "first release / 2024 restructuring basis, standing in" and the ranges' unit line were
/// cut off at 320 px in English.
#[test]
fn no_label_runs_off_a_narrow_chart() {
    use jikgu::chart::{min_height, text_width};
    let mut checked = 0;
    for (name, model) in &every_chart() {
        for width in [280_u32, 292, 320, 344] {
            let height = min_height(model, f64::from(width)).ceil() as u32;
            let svg = to_svg(model, width, height, &ChartStyle::default()).expect("draws");
            for (x, size, text, leftward) in aligned_texts(&svg) {
                let (left, right) = if leftward {
                    (x - text_width(&text, size), x)
                } else {
                    (x, x + text_width(&text, size))
                };
                assert!(
                    left >= 0.0 && right <= f64::from(width),
                    "{name} at {width} px: {text:?} spans {left:.0} to {right:.0}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "{checked} labels checked");
}
