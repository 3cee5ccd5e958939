//! `check FILE`: reads a data file with the app's own parser and prints, for each view, its latest
//! figures and the story's claims' verdicts, so the data desk sees what a new release changes
//! before building. An invalid file prints the parser's message (with its line) and fails.

use jikgu::core::num::{Quantity, Style, format};
use jikgu::core::quarters::{QuarterTable, quarter_view};
use jikgu::core::{
    Computed, Dataset, Flow, Lang, Partner, Provenance, Scenario, SeriesKey, Verdict, compute,
};

/// Checks the file; `Err` carries what to print.
pub fn check(path: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let data = Dataset::parse(&text).map_err(|e| format!("{path}: {e}"))?;
    let (first, last) = data.years();
    println!(
        "{path}: dataset {} version {} released {}, figures {first}-{last}, {} views, {} claims",
        data.id,
        data.version,
        data.released,
        data.source_views().count(),
        data.claims().len()
    );
    let default = data.default_view();
    println!(
        "opens on {} ({}), {}\n",
        data.views().get(default).map_or("", |v| v.id.as_str()),
        data.default_year(),
        data.default_partner().label(Lang::En)
    );
    let claims: Vec<&str> = data.claims().iter().map(|c| c.id.as_str()).collect();
    let mut rows = vec![
        ["view", "year", "purchases", "sales", "balance", "verdicts"]
            .map(String::from)
            .to_vec(),
    ];
    for (i, view) in data.source_views() {
        let scenario = Scenario {
            view: Some(view.id.clone()),
            ..Scenario::default()
        };
        let out = compute(&data, &scenario);
        let year = latest(&out, last);
        let cell = |flow| {
            year.and_then(|y| out.table.value(SeriesKey::won(flow, Partner::All).at(y)))
                .map_or_else(
                    || "-".to_string(),
                    |v| format(v, Quantity::Won, Lang::En, Style::Compact),
                )
        };
        let marker = if i == default { " *" } else { "" };
        rows.push(vec![
            format!("{}{marker}", view.id),
            year.map_or_else(|| "-".into(), |y| y.to_string()),
            cell(Flow::Purchases),
            cell(Flow::Sales),
            cell(Flow::Balance),
            out.claims
                .iter()
                .zip(&claims)
                .map(|(c, id)| format!("{id}:{}", letter(&c.verdict)))
                .collect::<Vec<_>>()
                .join(" "),
        ]);
    }
    print_table(&rows);
    println!("\n* the default view. H holds, F fails, U unchecked.");
    quarters(&data);
    Ok(())
}

/// The quarterly view's latest quarter and any year whose quarters and annual figure differ.
fn quarters(data: &Dataset) {
    let Some(q) = quarter_view(data).and_then(|v| QuarterTable::of(data, v, 8)) else {
        return;
    };
    let won = |v| format(v, Quantity::Won, Lang::En, Style::Compact);
    let view = data.views().get(q.view).map_or("", |v| v.id.as_str());
    if let Some(r) = q.rows.last() {
        let show = |v: Option<jikgu::core::Decimal>| v.map_or_else(|| "-".into(), won);
        println!(
            "\nlatest quarter ({view}): {}Q{}, purchases {}, sales {}",
            r.year,
            r.quarter,
            show(r.purchases),
            show(r.sales)
        );
    }
    for (year, flow) in &q.agree {
        println!("{year} {flow}: the four quarters add up to the annual figure");
    }
    for r in &q.revisions {
        println!(
            "{} {}: quarters {} against the annual {}, revised by {}",
            r.year,
            r.flow,
            won(r.quarters),
            won(r.annual),
            won(r.difference)
        );
    }
}

/// The newest published year (not projected, not filled by a rule) with any national total.
fn latest(out: &Computed, last: i32) -> Option<i32> {
    let shown = |year: i32| {
        [Flow::Purchases, Flow::Sales, Flow::Balance]
            .iter()
            .any(|flow| {
                out.table
                    .cell(SeriesKey::won(*flow, Partner::All).at(year))
                    .is_some_and(|c| {
                        c.value.is_some()
                            && matches!(
                                c.provenance,
                                Provenance::Published { .. } | Provenance::Derived { .. }
                            )
                    })
            })
    };
    (out.table.first_year..=last).rev().find(|y| shown(*y))
}

fn letter(v: &Verdict) -> char {
    match v {
        Verdict::Holds { .. } => 'H',
        Verdict::Fails { .. } => 'F',
        Verdict::Unchecked { .. } => 'U',
    }
}

fn print_table(rows: &[Vec<String>]) {
    let width = |col: usize| {
        rows.iter()
            .filter_map(|r| r.get(col))
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..rows.first().map_or(0, Vec::len)).map(width).collect();
    for row in rows {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (s, w))| {
                let pad = w.saturating_sub(s.chars().count());
                // Numbers right-aligned, names and verdicts left-aligned.
                if (1..=4).contains(&i) {
                    format!("{}{s}", " ".repeat(pad))
                } else {
                    format!("{s}{}", " ".repeat(pad))
                }
            })
            .collect();
        println!("{}", line.join("  ").trim_end());
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::check;

    #[test]
    fn the_shipped_file_checks_and_a_typo_fails_with_its_line() {
        let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/../static/data/jikgu.toml");
        assert_eq!(check(shipped), Ok(()), "the shipped file");
        let text = std::fs::read_to_string(shipped).expect("read");
        let broken = text.replacen("unit = \"tn\"", "unit = \"tm\"", 1);
        let path = std::env::temp_dir().join(format!("jikgu-check-{}.toml", std::process::id()));
        std::fs::write(&path, broken).expect("write");
        let err = check(path.to_str().expect("utf-8")).expect_err("a typo");
        let _ = std::fs::remove_file(&path);
        assert!(err.contains("(line ") && err.contains("\"tm\""), "{err}");
        assert!(check("/nonexistent/jikgu.toml").is_err(), "a missing file");
    }
}
