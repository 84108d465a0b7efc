//! The spreadsheet route: the published workbook read back with calamine,
//! department workbooks changed the way another program saves them and
//! taken back with `kensho import`, every error of a returned workbook, the
//! exports' filters and CSV headings, and LibreOffice's PDF of the table.

mod common;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use calamine::{Data, Dimensions, Range, Reader, Xlsx};
use common::{copy_records, kensho, snapshot};
use kensho::domain::export::circled;
use kensho::domain::model::Report;
use kensho::domain::records::load;
use kensho::workbook::publish::measure_cell;

fn text(range: &Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    calamine::open_workbook(path).unwrap()
}

/// The text a cell shows: a merged range's text is in its first cell.
fn shown(range: &Range<Data>, merges: &[Dimensions], row: u32, col: u32) -> String {
    let (r, c) = merges
        .iter()
        .find(|d| d.start.0 <= row && row <= d.end.0 && d.start.1 <= col && col <= d.end.1)
        .map_or((row, col), |d| d.start);
    text(range, r, c)
}

fn report_of(dir: &Path) -> Report {
    load(dir).unwrap().report
}

/// A file of the workbook (its XML).
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// `kensho export DIR --format xlsx --out OUT`: (exit code, stdout, stderr).
fn publish(dir: &Path, out: &Path) -> (i32, String, String) {
    kensho(&[
        "export",
        dir.to_str().unwrap(),
        "--format",
        "xlsx",
        "--out",
        out.to_str().unwrap(),
    ])
}

#[test]
fn the_published_workbook_holds_every_item_in_its_cells_merged_as_the_source() {
    let dir = copy_records();
    let out = dir.path().join("table.xlsx");
    let (code, _, err) = publish(dir.path(), &out);
    assert_eq!(code, 0, "{err}");
    let report = report_of(dir.path());
    let mut book = open(&out);
    assert_eq!(book.sheet_names(), vec!["実施状況", "凡例"]);
    let table = book.worksheet_range("実施状況").unwrap();
    let merges = book.merge_cells_by_sheet_name("実施状況").unwrap();
    // The source's headings, the policy's over two columns.
    let heading = |c| shown(&table, &merges, 2, c);
    assert_eq!(
        (0..9).map(heading).collect::<Vec<_>>(),
        [
            "該当提言",
            "取組方針",
            "取組方針",
            "具体的な取組内容（想定を含む）",
            "実施状況",
            "実施区分",
            "自己評価",
            "評価区分",
            "担当部"
        ]
    );
    assert_eq!(text(&table, 2, 9), "ID");
    // Every item by its id in the hidden column.
    let end = table.end().unwrap().0;
    let rows: HashMap<String, u32> = (3..=end)
        .map(|r| (text(&table, r, 9), r))
        .filter(|(id, _)| !id.is_empty())
        .collect();
    assert_eq!(rows.len(), report.items().count());
    for r in report.items() {
        let row = rows[&r.item.id];
        let at = |c| shown(&table, &merges, row, c);
        assert_eq!(at(0), circled(r.point.number), "{}", r.item.id);
        assert_eq!(at(1), r.point.policy.label);
        assert_eq!(at(2), r.point.policy.text);
        assert_eq!(
            at(3),
            measure_cell(r.measure.label.as_deref(), r.measure.text.as_deref())
        );
        assert_eq!(at(4), r.item.progress);
        assert_eq!(at(5), r.item.phase.as_str());
        assert_eq!(at(6), r.item.assessment);
        assert_eq!(at(7), r.item.direction.as_str());
        assert_eq!(at(8), r.item.departments.join("\n"));
    }
    let merged = |first: u32, col: u32, last: u32| {
        merges
            .iter()
            .any(|d| d.start == (first, col) && d.end == (last, col))
    };
    for rec in &report.recommendations {
        for point in &rec.points {
            let ids: Vec<&str> = point
                .measures
                .iter()
                .flat_map(|m| m.items.iter().map(|i| i.id.as_str()))
                .collect();
            let first = rows[ids[0]];
            let last_item = rows[ids[ids.len() - 1]];
            // The policy's self-assessment is the row under the items.
            let own = last_item + 1;
            assert_eq!(shown(&table, &merges, own, 3), "取組方針に対する自己評価");
            assert_eq!(shown(&table, &merges, own, 5), point.policy.assessment);
            assert!(
                merged(first, 0, own),
                "point {} spans its rows",
                point.number
            );
            assert!(merged(first, 1, own) && merged(first, 2, own));
            for m in point.measures.iter().filter(|m| m.items.len() > 1) {
                let (a, b) = (rows[&m.items[0].id], rows[&m.items[m.items.len() - 1].id]);
                assert!(merged(a, 3, b), "measure {:?} spans its items", m.label);
            }
        }
    }
    // Each recommendation opens with a band of its title and points.
    for rec in &report.recommendations {
        let band = (3..=end)
            .map(|r| text(&table, r, 0))
            .find(|t| t.starts_with(&format!("提言{}　", rec.number)))
            .unwrap_or_else(|| panic!("no band for recommendation {}", rec.number));
        assert!(band.contains(&rec.title));
        for p in &rec.points {
            assert!(band.contains(&p.title));
        }
    }
    let legend = book.worksheet_range("凡例").unwrap();
    let cells: Vec<String> = legend.cells().map(|(_, _, d)| d.to_string()).collect();
    for scale in [&report.phase_scale, &report.direction_scale] {
        assert!(cells.iter().any(|c| c.contains(&scale.name)));
        for code in &scale.codes {
            assert!(cells.contains(&code.code) && cells.contains(&code.meaning));
        }
    }
    // Frozen heading, repeated on every page, A4 landscape fitted to the
    // width, the id column hidden.
    let sheet = part(&out, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"ySplit="3""#), "frozen below the headings");
    assert!(sheet.contains(r#"paperSize="9""#) && sheet.contains(r#"orientation="landscape""#));
    assert!(
        sheet.contains(r#"fitToHeight="0""#) && sheet.contains("<pageSetUpPr fitToPage=\"1\"/>")
    );
    assert!(sheet.contains(r#"<col min="10" max="10""#) && sheet.contains(r#"hidden="1""#));
    assert!(
        sheet.contains("<rowBreaks"),
        "a recommendation starts a page"
    );
    let workbook = part(&out, "xl/workbook.xml");
    assert!(workbook.contains("_xlnm.Print_Titles"), "{workbook}");
    assert!(
        workbook.contains("$3:$3"),
        "the heading row repeats: {workbook}"
    );
}

/// The department workbook of `department`, made from the records in `dir`.
fn survey_of(dir: &Path, department: &str) -> PathBuf {
    let out = dir.join("out");
    let (code, stdout, err) = kensho(&[
        "--lang",
        "ja",
        "survey",
        dir.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--dept",
        department,
    ]);
    assert_eq!(code, 0, "{err}");
    let name = kensho::workbook::survey::file_name(department);
    assert!(stdout.contains(&name), "{stdout}");
    out.join(name)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Change cells of the sheet of answers as another program saves them: each
/// cell rewritten as an inline string (`[("G4", "B")]`), the rest of the
/// file as it was.
fn edit_cells(path: &Path, edits: &[(&str, &str)]) {
    edit_part(path, "xl/worksheets/sheet1.xml", edits);
}

/// Rewrite one part of the workbook (its XML) with `change`, the rest of
/// the file as it was.
fn rewrite_part(path: &Path, name: &str, change: impl Fn(String) -> String) {
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let entry = file.name().unwrap().to_string();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        if entry == name {
            content = change(String::from_utf8(content).unwrap()).into_bytes();
        }
        out.start_file(entry, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&content).unwrap();
    }
    std::fs::write(path, out.finish().unwrap().into_inner()).unwrap();
}

fn edit_part(path: &Path, name: &str, edits: &[(&str, &str)]) {
    rewrite_part(path, name, |mut xml| {
        for (cell, value) in edits {
            let start = xml
                .find(&format!("<c r=\"{cell}\""))
                .unwrap_or_else(|| panic!("no cell {cell}"));
            let open_end = start + xml[start..].find('>').unwrap();
            let (attrs, end) = if xml[..open_end].ends_with('/') {
                (&xml[start + 2..open_end - 1], open_end + 1)
            } else {
                let close = open_end + xml[open_end..].find("</c>").unwrap();
                (&xml[start + 2..open_end], close + 4)
            };
            let attrs: Vec<&str> = attrs
                .split_whitespace()
                .filter(|a| !a.starts_with("t="))
                .collect();
            let new = format!(
                "<c {} t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                attrs.join(" "),
                escape(value)
            );
            xml.replace_range(start..end, &new);
        }
        xml
    });
}

/// The ids in rows 4, 5, … of the sheet of answers.
fn survey_ids(path: &Path) -> Vec<String> {
    let mut book = open(path);
    let answers = book.worksheet_range("回答").unwrap();
    (3..=answers.end().unwrap().0)
        .map(|r| text(&answers, r, 0))
        .collect()
}

fn import(dir: &Path, file: &Path, more: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        "--lang",
        "ja",
        "import",
        file.to_str().unwrap(),
        dir.to_str().unwrap(),
    ];
    args.extend_from_slice(more);
    kensho(&args)
}

fn log_lines(dir: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(dir.join("changes.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A code of the phase scale other than `code`.
fn other_phase(report: &Report, code: &str) -> String {
    report
        .phase_scale
        .codes
        .iter()
        .map(|c| c.code.clone())
        .find(|c| c != code)
        .unwrap()
}

#[test]
fn a_department_changes_two_cells_and_exactly_those_reach_the_records_and_the_log() {
    let dir = copy_records();
    let file = survey_of(dir.path(), "子) 児童相談所");
    let before = report_of(dir.path());
    let ids = survey_ids(&file);
    assert_eq!(ids.len(), 49);
    let first = before.item(&ids[0]).unwrap().item.clone();
    let new_phase = other_phase(&before, first.phase.as_str());
    let new_assessment = "テスト: 自己評価を書き直した。\n二行目。";
    edit_cells(
        &file,
        &[
            ("G4", &new_phase),
            ("H5", new_assessment),
            ("K4", "審議会で決定"),
        ],
    );
    let untouched = snapshot(dir.path());
    // Shown first, nothing written.
    let (code, out, err) = import(dir.path(), &file, &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("2 件の変更（2 項目）、問題 0 件"), "{out}");
    assert!(
        out.contains(&format!(
            "{} 実施区分: 「{}」→「{}」",
            ids[0],
            first.phase.as_str(),
            new_phase
        )),
        "{out}"
    );
    assert!(out.contains("理由: 審議会で決定"), "{out}");
    assert!(out.contains("--apply"), "{out}");
    assert_eq!(snapshot(dir.path()), untouched, "a dry run writes nothing");
    // Written and logged.
    let (code, out, err) = import(dir.path(), &file, &["--apply"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("2 件の変更を書き"), "{out}");
    let after = report_of(dir.path());
    for r in before.items() {
        let now = after.item(&r.item.id).unwrap().item;
        if r.item.id == ids[0] {
            assert_eq!(now.phase.as_str(), new_phase);
            assert_eq!(now.assessment, r.item.assessment);
        } else if r.item.id == ids[1] {
            assert_eq!(now.assessment, new_assessment);
            assert_eq!(now.phase, r.item.phase);
        } else {
            assert_eq!(now, r.item, "{} changed", r.item.id);
        }
    }
    let log = log_lines(dir.path());
    assert_eq!(log.len(), 2, "{log:?}");
    let name = file.file_name().unwrap().to_str().unwrap();
    assert_eq!(log[0]["item"], ids[0].as_str());
    assert_eq!(log[0]["field"], "phase");
    assert_eq!(log[0]["new"], new_phase.as_str());
    assert_eq!(
        log[0]["reason"],
        format!("審議会で決定（{name} から取り込み）")
    );
    assert_eq!(log[1]["item"], ids[1].as_str());
    assert_eq!(log[1]["field"], "assessment");
    assert_eq!(log[1]["reason"], format!("{name} から取り込み"));
    assert_eq!(log[0]["txn"], log[1]["txn"], "one save");
    // The same workbook again changes nothing.
    let (code, out, _) = import(dir.path(), &file, &["--apply"]);
    assert_eq!(code, 0);
    assert!(out.contains("取り込む変更はありません"), "{out}");
    assert_eq!(log_lines(dir.path()).len(), 2);
    let (code, _, err) = kensho(&["verify", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
}

/// Import `edits` of a fresh workbook of 子) 児童相談所: (exit code, stdout,
/// records snapshot unchanged by `--apply`).
fn problem(edits: &[(&str, &str)]) -> (i32, String, Vec<String>) {
    let dir = copy_records();
    let file = survey_of(dir.path(), "子) 児童相談所");
    let ids = survey_ids(&file);
    edit_cells(&file, edits);
    let untouched = snapshot(dir.path());
    let (code, out, err) = import(dir.path(), &file, &[]);
    let (apply, applied, _) = import(dir.path(), &file, &["--apply"]);
    assert_eq!(apply, code, "{applied}");
    assert!(
        applied.contains("問題があるので何も書いていません"),
        "{applied}"
    );
    assert_eq!(snapshot(dir.path()), untouched, "nothing applied");
    (code, format!("{out}{err}"), ids)
}

#[test]
fn an_unknown_id_is_a_problem_naming_its_cell_and_nothing_is_applied() {
    let (code, out, _) = problem(&[("A4", "9-9-z"), ("H5", "ほかの行の変更")]);
    assert_eq!(code, 1);
    assert!(
        out.contains("回答!A4: ID「9-9-z」はこのブックで送った項目ではありません"),
        "{out}"
    );
}

#[test]
fn a_code_not_in_the_scale_is_a_problem_and_full_width_and_roman_codes_are_read() {
    let (code, out, _) = problem(&[("G4", "E")]);
    assert_eq!(code, 1);
    assert!(
        out.contains("回答!G4: 「E」は実施区分の区分ではありません（使えるのは A, B, C, D）"),
        "{out}"
    );
    let dir = copy_records();
    let file = survey_of(dir.path(), "子) 児童相談所");
    edit_cells(&file, &[("G4", "Ｄ"), ("I4", "Ⅲ")]);
    let ids = survey_ids(&file);
    let (code, out, _) = import(dir.path(), &file, &["--apply"]);
    assert_eq!(code, 0, "{out}");
    let item = report_of(dir.path()).item(&ids[0]).unwrap().item.clone();
    assert_eq!((item.phase.as_str(), item.direction.as_str()), ("D", "III"));
}

#[test]
fn an_edited_protected_cell_is_a_problem() {
    let (code, out, _) = problem(&[("E4", "書き換えた取組内容"), ("G4", "D")]);
    assert_eq!(code, 1);
    assert!(
        out.contains("回答!E4: 保護された欄（具体的な取組内容（想定を含む））が変更されています"),
        "{out}"
    );
}

#[test]
fn a_field_changed_in_kensho_since_the_workbook_was_sent_is_a_conflict_never_overwritten() {
    let dir = copy_records();
    let file = survey_of(dir.path(), "子) 児童相談所");
    let ids = survey_ids(&file);
    let (code, _, err) = kensho(&[
        "set",
        dir.path().to_str().unwrap(),
        &ids[0],
        "progress=審議の後に kensho で書いた実施状況",
    ]);
    assert_eq!(code, 0, "{err}");
    edit_cells(
        &file,
        &[("F4", "部署が書いた実施状況"), ("H5", "別の行の自己評価")],
    );
    let (code, out, _) = import(dir.path(), &file, &["--apply"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("回答!F4"), "{out}");
    assert!(out.contains("このブックを送った後に kensho で"), "{out}");
    let report = report_of(dir.path());
    assert_eq!(
        report.item(&ids[0]).unwrap().item.progress,
        "審議の後に kensho で書いた実施状況"
    );
    assert_ne!(
        report.item(&ids[1]).unwrap().item.assessment,
        "別の行の自己評価"
    );
    // Only the rows without problems, when asked.
    let (code, out, _) = import(dir.path(), &file, &["--apply", "--skip-problems"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("問題のある 1 行は書きませんでした"), "{out}");
    let report = report_of(dir.path());
    assert_eq!(
        report.item(&ids[1]).unwrap().item.assessment,
        "別の行の自己評価"
    );
    assert_eq!(
        report.item(&ids[0]).unwrap().item.progress,
        "審議の後に kensho で書いた実施状況"
    );
}

#[test]
fn a_workbook_for_another_report_a_moved_column_or_not_a_survey_stops_the_import() {
    let dir = copy_records();
    let file = survey_of(dir.path(), "保) 保健所");
    // Another report: same items, another title.
    let other = copy_records();
    let report_file = other.path().join("report.ron");
    let text = std::fs::read_to_string(&report_file).unwrap();
    std::fs::write(&report_file, text.replacen("title: \"", "title: \"別の", 1)).unwrap();
    let (code, _, err) = import(other.path(), &file, &["--apply"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("は別の報告書のブックです（kensho!B2）"),
        "{err}"
    );
    // A column inserted before the answers moves the headings.
    let moved = dir.path().join("moved.xlsx");
    std::fs::copy(&file, &moved).unwrap();
    edit_cells(&moved, &[("F3", "備考")]);
    let (code, _, err) = import(dir.path(), &moved, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("回答!F3: 見出しは「実施状況」のはずが「備考」です"),
        "{err}"
    );
    // The published table is not a survey; a text file is not a workbook.
    let table = dir.path().join("table.xlsx");
    let (code, _, _) = publish(dir.path(), &table);
    assert_eq!(code, 0);
    let (code, _, err) = import(dir.path(), &table, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("kensho survey"), "{err}");
    let (code, _, err) = import(dir.path(), &dir.path().join("report.ron"), &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("Excel のブック（.xlsx）として読めません"),
        "{err}"
    );
    let (code, _, err) = import(dir.path(), &dir.path().join("missing.xlsx"), &[]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.xlsx"), "{err}");
}

#[test]
fn a_survey_never_replaces_a_workbook_already_there_unless_asked() {
    let dir = copy_records();
    let file = survey_of(dir.path(), "保) 保健所");
    // The department's answer, saved back into the same folder.
    edit_cells(&file, &[("G4", "D")]);
    let answered = std::fs::read(&file).unwrap();
    let out = dir.path().join("out");
    let args = [
        "--lang",
        "ja",
        "survey",
        dir.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let (code, _, err) = kensho(&args);
    assert_eq!(code, 2);
    assert!(
        err.contains("すでにあるブックは置き換えません") && err.contains("保_保健所.xlsx"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&file).unwrap(),
        answered,
        "the answer is kept"
    );
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        1,
        "nothing else was written"
    );
    let mut replace = args.to_vec();
    replace.push("--replace");
    let (code, out_text, err) = kensho(&replace);
    assert_eq!(code, 0, "{err}");
    assert!(out_text.contains("子_児童相談所.xlsx"));
    assert_ne!(std::fs::read(&file).unwrap(), answered);
}

#[test]
fn a_survey_holds_only_its_department_with_answer_cells_open_and_codes_as_lists() {
    let dir = copy_records();
    let file = survey_of(dir.path(), "保) 保健所");
    let report = report_of(dir.path());
    let ids = survey_ids(&file);
    let expected: Vec<String> = report
        .items()
        .filter(|r| r.item.departments.iter().any(|d| d == "保) 保健所"))
        .map(|r| r.item.id.clone())
        .collect();
    assert_eq!(ids, expected);
    let sheet = part(&file, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<sheetProtection"), "the sheet is protected");
    assert!(
        sheet.contains(r#"<formula1>"A,B,C,D"</formula1>"#),
        "{sheet}"
    );
    assert!(sheet.contains(r#"<formula1>"I,II,III"</formula1>"#));
    let styles = part(&file, "xl/styles.xml");
    assert!(
        styles.contains(r#"locked="0""#),
        "answer cells are unlocked"
    );
    let workbook = part(&file, "xl/workbook.xml");
    assert!(
        workbook.contains(r#"name="kensho" sheetId="2" state="hidden""#),
        "{workbook}"
    );
}

#[test]
fn filters_and_a_query_apply_to_every_export_format() {
    let dir = copy_records();
    let d = dir.path().to_str().unwrap();
    let report = report_of(dir.path());
    let in_d: Vec<&str> = report
        .items()
        .filter(|r| r.item.phase.as_str() == "D")
        .map(|r| r.item.id.as_str())
        .collect();
    let (code, csv, _) = kensho(&["export", d, "--format", "csv", "--phase", "D"]);
    assert_eq!(code, 0);
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let ids: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    assert_eq!(ids, in_d);
    let (_, json, _) = kensho(&["export", d, "--format", "json", "--phase", "D"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ids: Vec<&str> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, in_d);
    let (_, md, _) = kensho(&["export", d, "--format", "markdown", "--phase", "D"]);
    assert_eq!(md.matches("\n#### ").count(), in_d.len(), "{md}");
    let out = dir.path().join("d.xlsx");
    let (code, _, _) = kensho(&[
        "export",
        d,
        "--format",
        "xlsx",
        "--phase",
        "D",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let table = open(&out).worksheet_range("実施状況").unwrap();
    let ids: Vec<String> = (3..=table.end().unwrap().0)
        .map(|r| text(&table, r, 9))
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(ids, in_d);
    // A query and the other filters too.
    let (_, csv, _) = kensho(&[
        "export",
        d,
        "--format",
        "csv",
        "--headers",
        "en",
        "--query",
        "'SSW",
        "--hide-relisted",
    ]);
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let found: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    assert!(!found.is_empty());
    for id in &found {
        let r = report.item(id).unwrap();
        assert!(!r.item.relisted);
        let texts = [&r.item.progress, &r.item.assessment];
        let own = texts.iter().any(|t| t.contains("SSW"));
        let measure = r
            .measure
            .text
            .as_deref()
            .unwrap_or_default()
            .contains("SSW");
        let context =
            r.point.policy.text.contains("SSW") || r.point.policy.assessment.contains("SSW");
        assert!(own || measure || context, "{id}");
    }
    // An option a subcommand lists works there: a bad code is refused.
    let (code, _, err) = kensho(&["export", d, "--format", "csv", "--direction", "IV"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn csv_headings_are_japanese_for_a_japanese_report_and_english_keys_when_asked() {
    let (code, csv, _) = kensho(&["export", "records", "--format", "csv"]);
    assert_eq!(code, 0);
    let first = csv.lines().next().unwrap().trim_start_matches('\u{feff}');
    assert_eq!(
        first,
        "ID,提言,該当提言,取組方針,取組の記号,具体的な取組内容（想定を含む）,実施状況,実施区分,自己評価,評価区分,担当部,再掲,再掲元,注"
    );
    let (_, csv, _) = kensho(&["export", "records", "--format", "csv", "--headers", "en"]);
    let first = csv.lines().next().unwrap().trim_start_matches('\u{feff}');
    assert_eq!(first, kensho::domain::export::CSV_COLUMNS.join(","));
    let (_, csv, _) = kensho(&["export", "records", "--format", "csv", "--meanings"]);
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[7], "実施区分");
    assert_eq!(&headers[8], "実施区分の意味");
    assert_eq!(&headers[10], "評価区分");
    assert_eq!(&headers[11], "評価区分の意味");
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[7], "A");
    assert_eq!(&row[8], "既に取り組んでいる項目");
}

#[test]
fn an_xlsx_is_never_written_onto_a_terminal_but_goes_to_a_file_or_a_pipe() {
    // Standard output is a pipe here: the bytes go there.
    let (code, out, _) = kensho(&["export", "records", "--format", "xlsx"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("PK"), "a zip file");
}

#[test]
fn libreoffice_prints_the_published_table_readably() {
    let Some(soffice) = ["soffice", "libreoffice"].into_iter().find(|p| {
        std::process::Command::new(p)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }) else {
        println!("NOT RUN: LibreOffice (soffice) is not installed");
        return;
    };
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_err()
    {
        println!("NOT RUN: pdftotext (poppler-utils) is not installed");
        return;
    }
    let dir = copy_records();
    let out = dir.path().join("table.xlsx");
    let (code, _, _) = publish(dir.path(), &out);
    assert_eq!(code, 0);
    let profile = dir.path().join("lo-profile");
    let status = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&out)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let pdf = dir.path().join("table.pdf");
    let text = std::process::Command::new("pdftotext")
        .args(["-l", "1"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let page: String = String::from_utf8_lossy(&text.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let report = report_of(dir.path());
    for expected in [
        report.title.as_str(),
        "該当提言",
        "実施状況",
        "具体的な取組内容（想定を含む）",
    ] {
        assert!(page.contains(expected), "page 1 lacks {expected}: {page}");
    }
    let first = report.items().next().unwrap();
    let start: String = first.item.progress.chars().take(20).collect();
    assert!(
        page.contains(&start),
        "page 1 lacks the first progress: {page}"
    );
    println!("RUN: LibreOffice printed page 1 of the table");
}

#[test]
fn global_options_work_before_or_after_the_subcommand() {
    for args in [
        vec!["--lang", "ja", "check", "records"],
        vec!["check", "records", "--lang", "ja"],
        vec!["--lang=ja", "check", "records"],
    ] {
        let (code, out, err) = kensho(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(out.contains("問題なし"), "{args:?}: {out}");
    }
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config.ron");
    std::fs::write(&config, "(lang: Some(\"en\"))").unwrap();
    let c = config.to_str().unwrap();
    for args in [
        vec!["--config", c, "check", "records"],
        vec!["check", "records", "--config", c],
    ] {
        let (code, out, err) = kensho(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(out.contains("records: ok"), "{args:?}: {out}");
    }
    // The board's options before a command are refused, not ignored.
    for args in [
        vec!["--phase", "D", "check", "records"],
        vec!["records", "check"],
        vec!["--ascii", "export", "records", "--format", "csv"],
    ] {
        let (code, _, err) = kensho(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("options of the board"), "{args:?}: {err}");
    }
}

#[test]
fn completions_for_three_shells_and_a_manual_page() {
    for (shell, mark) in [
        ("bash", "complete"),
        ("zsh", "#compdef"),
        ("fish", "complete -c kensho"),
    ] {
        let (code, out, err) = kensho(&["completions", shell]);
        assert_eq!(code, 0, "{err}");
        assert!(
            out.contains(mark) && out.contains("survey") && out.contains("import"),
            "{shell}"
        );
    }
    let (code, out, _) = kensho(&["--lang", "en", "man"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(".ie") || out.contains(".TH kensho"),
        "{out}"
    );
    assert!(out.contains("survey") && out.contains("import"));
    let (_, ja, _) = kensho(&["--lang", "ja", "man"]);
    assert!(ja.contains("部署ごとに回答用のブック"), "{ja}");
}

#[test]
fn without_a_terminal_the_board_says_why_it_did_not_open() {
    let (code, out, err) = kensho(&["--lang", "en", "records"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("no board opened: standard input is not a terminal"),
        "{err}"
    );
    assert!(out.contains("items") && out.contains("88"), "{out}");
}

#[test]
fn control_characters_in_records_or_answers_never_reach_the_terminal_or_the_xml_raw() {
    let dir = copy_records();
    let file = dir.path().join("recommendation-1.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    // An escape sequence pasted into a progress text by mistake.
    let text = text.replacen("progress: \"", "progress: \"\\u{1b}[31m", 1);
    std::fs::write(&file, text).unwrap();
    let out = dir.path().join("t.xlsx");
    let (code, _, err) = publish(dir.path(), &out);
    assert_eq!(code, 0, "{err}");
    let strings = part(&out, "xl/sharedStrings.xml");
    assert!(
        !strings.contains('\u{1b}'),
        "no raw ESC in the workbook's XML"
    );
    assert!(strings.contains("␛[31m"), "shown as a visible symbol");
    let survey = survey_of(dir.path(), "子) 児童相談所");
    // An answer holding an escape, as Excel writes one (_x001B_).
    edit_cells(&survey, &[("H5", "_x001B_]0;title\u{7}答え")]);
    let (code, out, err) = import(dir.path(), &survey, &[]);
    assert!(code == 0 || code == 1, "{err}");
    assert!(
        !out.contains('\u{1b}') && !err.contains('\u{1b}'),
        "{out:?}"
    );
    assert!(!out.contains('\u{7}'), "{out:?}");
}

/// A program run for a test, or None when it is not installed.
fn available(program: &str, args: &[&str]) -> bool {
    std::process::Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn a_workbook_saved_by_openpyxl_or_libreoffice_comes_back_with_exactly_its_edits() {
    let dir = copy_records();
    let file = survey_of(dir.path(), "保) 保健所");
    let ids = survey_ids(&file);
    // LibreOffice opening and saving it changes nothing.
    if available("soffice", &["--version"]) {
        let profile = dir.path().join("lo-profile");
        let out = std::process::Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args([
                "--headless",
                "--convert-to",
                "xlsx:Calc MS Excel 2007 XML",
                "--outdir",
            ])
            .arg(dir.path().join("resaved"))
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let resaved = dir.path().join("resaved").join(file.file_name().unwrap());
        let (code, out, err) = import(dir.path(), &resaved, &[]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("0 件の変更（0 項目）、問題 0 件"), "{out}");
        println!("RUN: LibreOffice re-save");
    } else {
        println!("NOT RUN: LibreOffice (soffice) is not installed");
    }
    // openpyxl (Python) changing two cells and a reason.
    if !available("python3", &["-c", "import openpyxl"]) {
        println!("NOT RUN: python3 with openpyxl is not installed");
        return;
    }
    let edited = dir.path().join("edited.xlsx");
    let script = format!(
        "import openpyxl\nwb = openpyxl.load_workbook({src:?})\nws = wb['回答']\nws['G4'] = 'C'\nws['H6'] = 'openpyxl で書いた自己評価'\nws['K4'] = '部会で変更'\nwb.save({dst:?})\n",
        src = file.to_str().unwrap(),
        dst = edited.to_str().unwrap()
    );
    let out = std::process::Command::new("python3")
        .args(["-c", &script])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let (code, out, err) = import(dir.path(), &edited, &["--apply"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("2 件の変更（2 項目）、問題 0 件"), "{out}");
    let report = report_of(dir.path());
    assert_eq!(report.item(&ids[0]).unwrap().item.phase.as_str(), "C");
    assert_eq!(
        report.item(&ids[2]).unwrap().item.assessment,
        "openpyxl で書いた自己評価"
    );
    let log = log_lines(dir.path());
    assert_eq!(log.len(), 2);
    assert!(log[0]["reason"].as_str().unwrap().starts_with("部会で変更"));
    println!("RUN: openpyxl edits");
}

#[test]
fn a_text_longer_than_a_cell_holds_is_cut_with_a_warning_and_its_survey_cell_locked() {
    let dir = copy_records();
    let file = dir.path().join("recommendation-2.ron");
    let ron = std::fs::read_to_string(&file).unwrap();
    let long = "長".repeat(40_000);
    std::fs::write(
        &file,
        ron.replacen("progress: \"", &format!("progress: \"{long}"), 1),
    )
    .unwrap();
    let report = report_of(dir.path());
    let first = report.recommendations[1].points[0].measures[0].items[0]
        .id
        .clone();
    let out = dir.path().join("t.xlsx");
    let (code, _, err) = publish(dir.path(), &out);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("32,767") && err.contains(&first), "{err}");
    let table = open(&out).worksheet_range("実施状況").unwrap();
    let row = (3..=table.end().unwrap().0)
        .find(|r| text(&table, *r, 9) == first)
        .unwrap();
    let cell = text(&table, row, 4);
    assert!(cell.chars().count() <= 32_767);
    assert!(
        cell.starts_with("長長長") && cell.contains("…［+"),
        "{}",
        &cell[cell.len() - 40..]
    );
    // The survey: the cut cell is locked, and the unchanged workbook changes nothing.
    let dept = report.item(&first).unwrap().item.departments[0].clone();
    let book = survey_of(dir.path(), &dept);
    let (code, out, err) = import(dir.path(), &book, &["--apply"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("取り込む変更はありません"), "{out}");
}

/// Add `cells` (`[("XFD1048576", "x")]`, in increasing rows after the
/// sheet's own) to a part of the workbook, as inline strings.
fn add_cells(path: &Path, name: &str, cells: &[(&str, u32, &str)]) {
    rewrite_part(path, name, |mut xml| {
        let rows: String = cells
            .iter()
            .map(|(cell, row, value)| {
                format!(
                    "<row r=\"{row}\"><c r=\"{cell}\" t=\"inlineStr\"><is><t>{}</t></is></c></row>",
                    escape(value)
                )
            })
            .collect();
        let at = xml.find("</sheetData>").unwrap();
        xml.insert_str(at, &rows);
        xml
    });
}

#[test]
fn a_cell_at_the_far_corner_of_a_sheet_is_read_without_asking_for_its_whole_extent() {
    let dir = copy_records();
    let file = survey_of(dir.path(), "保) 保健所");
    // calamine's dense read would ask for 550 GB for these.
    add_cells(
        &file,
        "xl/worksheets/sheet1.xml",
        &[("XFD1048576", 1_048_576, "x")],
    );
    add_cells(
        &file,
        "xl/worksheets/sheet2.xml",
        &[("XFD1048576", 1_048_576, "x")],
    );
    let (code, out, err) = import(dir.path(), &file, &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("取り込む変更はありません"), "{out}");
    // A row far down in the read columns is read, and named where it stands.
    add_cells(
        &file,
        "xl/worksheets/sheet1.xml",
        &[("A1048575", 1_048_575, "9-9-z")],
    );
    let (code, out, _) = import(dir.path(), &file, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("回答!A1048575: ID「9-9-z」"), "{out}");
}

#[test]
fn tabs_invisible_and_control_characters_of_a_record_survive_an_answer_to_it() {
    let dir = copy_records();
    let file = dir.path().join("recommendation-1.ron");
    let ron = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        ron.replacen(
            "progress: \"",
            "progress: \"\\t見出し\\u{200b}\\u{1b}[1m",
            1,
        ),
    )
    .unwrap();
    let report = report_of(dir.path());
    let first = report.items().next().unwrap().item.clone();
    assert!(first.progress.starts_with("\t見出し\u{200b}\u{1b}[1m"));
    let book = survey_of(dir.path(), &first.departments[0]);
    assert_eq!(survey_ids(&book)[0], first.id);
    // Untouched, it changes nothing.
    let (code, out, _) = import(dir.path(), &book, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("取り込む変更はありません"), "{out}");
    // The department adds a sentence to what the cell holds: the rest of
    // the text stays byte for byte (Excel writes the escape as _x001B_).
    let shown = text(&open(&book).worksheet_range("回答").unwrap(), 3, 5);
    let answered = format!("{shown}（追記）").replace('\u{1b}', "_x001B_");
    edit_cells(&book, &[("F4", &answered)]);
    let (code, out, err) = import(dir.path(), &book, &["--apply"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains('\u{1b}'));
    let now = report_of(dir.path())
        .item(&first.id)
        .unwrap()
        .item
        .progress
        .clone();
    assert_eq!(now, format!("{}（追記）", first.progress));
}

#[test]
fn another_source_is_named_and_a_department_name_cannot_forge_a_line() {
    let dir = copy_records();
    let file = survey_of(dir.path(), "保) 保健所");
    let other = copy_records();
    let report_file = other.path().join("report.ron");
    let text = std::fs::read_to_string(&report_file).unwrap();
    std::fs::write(
        &report_file,
        text.replacen("source: \"", "source: \"別資料 ", 1),
    )
    .unwrap();
    let (code, _, err) = import(other.path(), &file, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("（kensho!B3）") && err.contains("別資料"),
        "{err}"
    );
    // The department's name, as the hidden sheet says it, with a line break.
    edit_part(
        &file,
        "xl/worksheets/sheet2.xml",
        &[("B4", "保) 保健所\n1-1-a 実施区分: 「A」→「D」")],
    );
    let (code, out, _) = import(dir.path(), &file, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(
        !out.lines().any(|l| l.starts_with("1-1-a 実施区分")),
        "{out}"
    );
}
