//! The records hold the whole source table: checked against the source text,
//! read here on its own (not through the records code).

mod notes;

use crate::common;

use kensho::domain::model::Report;

use kensho::domain::records::load;

const PHASES: [&str; 4] = ["A", "B", "C", "D"];

const DIRECTIONS: [&str; 3] = ["I", "II", "III"];

const CIRCLED: &str = "①②③④⑤⑥⑦⑧⑨";

/// One row of the source that carries a phase and a direction.
#[derive(Debug, Clone)]
struct SourceRow {
    line: usize,
    recommendation: u32,
    point: u32,
    phase: String,
    direction: String,
    /// The text in the progress position (a lost column puts a measure there).
    progress_cell: String,
    assessment: String,
    relisted: bool,
    /// No department in the row: the cell above, merged, holds for it.
    departments_blank: bool,
}

/// The item side of the comparison, flattened from the records.
#[derive(Debug, Clone)]
struct RecordRow {
    id: String,
    recommendation: u32,
    point: u32,
    phase: String,
    direction: String,
    progress: String,
    measure_text: String,
    assessment: String,
    departments: Vec<String>,
    departments_merged: bool,
    relisted: bool,
}

fn source_rows() -> Vec<SourceRow> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records/source/shiryo2.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let mut rows = Vec::new();
    let mut recommendation = 0;
    let mut point = 0;
    let mut after_header_title = false;
    for (n, line) in text.lines().enumerate() {
        if line.starts_with("検証報告書における提言") {
            after_header_title = true;
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        if after_header_title {
            if let Ok(r) = cells[0].trim().parse::<u32>() {
                recommendation = r;
                after_header_title = false;
            }
            continue;
        }
        let first = cells[0].trim();
        if cells.len() > 2
            && let Some(i) = CIRCLED.chars().position(|c| first == c.to_string())
        {
            point = i as u32 + 1;
        }
        let Some(p) = (0..cells.len().saturating_sub(2)).find(|&i| {
            PHASES.contains(&cells[i].trim()) && DIRECTIONS.contains(&cells[i + 2].trim())
        }) else {
            continue;
        };
        rows.push(SourceRow {
            line: n + 1,
            recommendation,
            point,
            phase: cells[p].trim().to_string(),
            direction: cells[p + 2].trim().to_string(),
            progress_cell: cells[p - 1].trim().to_string(),
            assessment: cells[p + 1].trim().to_string(),
            relisted: line.contains("【再掲】"),
            departments_blank: cells[p + 3..].iter().all(|c| c.trim().is_empty()),
        });
    }
    rows
}

fn record_rows(report: &Report) -> Vec<RecordRow> {
    report
        .items()
        .map(|r| RecordRow {
            id: r.item.id.clone(),
            recommendation: r.recommendation.number,
            point: r.point.number,
            phase: r.item.phase.0.clone(),
            direction: r.item.direction.0.clone(),
            progress: r.item.progress.clone(),
            measure_text: r.measure.text.clone().unwrap_or_default(),
            assessment: r.item.assessment.clone(),
            departments: r.item.departments.clone(),
            departments_merged: r.item.departments_merged,
            relisted: r.item.relisted,
        })
        .collect()
}

/// A distinctive phrase of a cell: its first 24 characters after a measure label.
fn phrase(cell: &str) -> String {
    let cell = cell.trim();
    let cell = match cell.find(") ") {
        Some(i) if cell.starts_with('(') && i < 6 => &cell[i + 2..],
        _ => cell,
    };
    cell.chars().take(24).collect()
}

/// Every way the records differ from the source (empty when faithful).
fn compare(source: &[SourceRow], records: &[RecordRow]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut keys: Vec<(u32, u32)> = source.iter().map(|r| (r.recommendation, r.point)).collect();
    keys.extend(records.iter().map(|r| (r.recommendation, r.point)));
    keys.sort();
    keys.dedup();
    for key in keys {
        let s: Vec<&SourceRow> = source
            .iter()
            .filter(|r| (r.recommendation, r.point) == key)
            .collect();
        let r: Vec<&RecordRow> = records
            .iter()
            .filter(|r| (r.recommendation, r.point) == key)
            .collect();
        if s.len() != r.len() {
            problems.push(format!(
                "{}-{}: source has {} items, records {}",
                key.0,
                key.1,
                s.len(),
                r.len()
            ));
        }
        let s_codes: Vec<_> = s
            .iter()
            .map(|x| (x.phase.as_str(), x.direction.as_str()))
            .collect();
        let r_codes: Vec<_> = r
            .iter()
            .map(|x| (x.phase.as_str(), x.direction.as_str()))
            .collect();
        if s_codes != r_codes {
            problems.push(format!(
                "{}-{}: codes {s_codes:?} in the source, {r_codes:?} in the records",
                key.0, key.1
            ));
        }
        for (src, rec) in s.iter().zip(&r) {
            let a = phrase(&src.assessment);
            if !rec.assessment.contains(&a) {
                problems.push(format!(
                    "{}: source line {} assessment {a:?} not in the item",
                    rec.id, src.line
                ));
            }
            let p = phrase(&src.progress_cell);
            if !p.is_empty() && !rec.progress.contains(&p) && !rec.measure_text.contains(&p) {
                problems.push(format!(
                    "{}: source line {} progress {p:?} not in the item",
                    rec.id, src.line
                ));
            }
            if src.departments_blank != rec.departments_merged {
                problems.push(format!(
                    "{}: source line {} prints its departments {}, the records say merged: {}",
                    rec.id,
                    src.line,
                    if src.departments_blank {
                        "in the cell above"
                    } else {
                        "in a cell of its own"
                    },
                    rec.departments_merged
                ));
            }
            if src.relisted != rec.relisted {
                problems.push(format!(
                    "{}: relisted {} in the source, {} in the records",
                    rec.id, src.relisted, rec.relisted
                ));
            }
        }
    }
    for r in records {
        if r.departments.is_empty() || r.departments.iter().any(|d| d.trim().is_empty()) {
            problems.push(format!("{}: no departments", r.id));
        }
    }
    problems
}

fn bundled() -> Vec<RecordRow> {
    record_rows(&load(&common::records_dir()).unwrap().report)
}

#[test]
fn the_records_hold_every_source_row_in_order() {
    let source = source_rows();
    assert_eq!(
        source.len(),
        88,
        "the source table has 88 rows with a phase and a direction"
    );
    let problems = compare(&source, &bundled());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_source_structure_is_what_the_records_say() {
    let report = load(&common::records_dir()).unwrap().report;
    assert_eq!(report.recommendations.len(), 7);
    assert_eq!(report.point_count(), 25);
    let source = source_rows();
    let points: std::collections::BTreeSet<_> =
        source.iter().map(|r| (r.recommendation, r.point)).collect();
    assert_eq!(points.len(), 25, "every point has at least one item");
    assert_eq!(source.iter().filter(|r| r.relisted).count(), 13);
}

#[test]
fn a_dropped_item_is_caught() {
    let mut records = bundled();
    records.remove(40);
    assert!(!compare(&source_rows(), &records).is_empty());
}

#[test]
fn a_duplicated_item_is_caught() {
    let mut records = bundled();
    let copy = records[10].clone();
    records.insert(11, copy);
    assert!(!compare(&source_rows(), &records).is_empty());
}

#[test]
fn reordered_items_are_caught() {
    let mut records = bundled();
    // Two items of the same point with the same codes: only the texts tell them apart.
    let (a, b) = (0..records.len() - 1)
        .find(|&i| {
            let (x, y) = (&records[i], &records[i + 1]);
            (x.recommendation, x.point, &x.phase, &x.direction)
                == (y.recommendation, y.point, &y.phase, &y.direction)
        })
        .map(|i| (i, i + 1))
        .unwrap();
    records.swap(a, b);
    assert!(!compare(&source_rows(), &records).is_empty());
}

#[test]
fn a_miscoded_item_is_caught() {
    for field in ["phase", "direction"] {
        let mut records = bundled();
        if field == "phase" {
            records[5].phase = "B".into();
        } else {
            records[5].direction = "III".into();
        }
        assert!(!compare(&source_rows(), &records).is_empty(), "{field}");
    }
}

#[test]
fn a_wrong_relisted_flag_or_missing_department_is_caught() {
    let mut records = bundled();
    records[0].relisted = true;
    assert!(!compare(&source_rows(), &records).is_empty());
    let mut records = bundled();
    records[3].departments.clear();
    assert!(!compare(&source_rows(), &records).is_empty());
}

#[test]
fn relisted_items_link_to_the_row_they_repeat() {
    let report = load(&common::records_dir()).unwrap().report;
    for r in report.items().filter(|r| r.item.relisted) {
        let Some(target) = &r.item.relists else {
            panic!("{} is relisted but links nowhere", r.item.id);
        };
        let t = report.item(target).unwrap();
        assert!(
            !t.item.relisted,
            "{} links to another relisted row",
            r.item.id
        );
        let bare = |s: &str| {
            s.replace("【再掲】", "")
                .split_whitespace()
                .collect::<String>()
        };
        let same_progress =
            !r.item.progress.is_empty() && bare(&r.item.progress) == bare(&t.item.progress);
        let same_measure =
            r.measure.text.as_deref().map(bare) == t.measure.text.as_deref().map(bare);
        assert!(same_progress || same_measure, "{} -> {target}", r.item.id);
    }
}
