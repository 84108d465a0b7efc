//! Department workbooks changed the way another program saves them and
//! taken back with `kensho import`, and every error of a returned workbook.
//! (Workbooks saved by LibreOffice and openpyxl: tests/machine.)

use crate::common;

use calamine::Reader;
use common::books::*;
use common::{copy_records, kensho, snapshot};

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
    department_in_the_log(dir.path(), &log, &ids[0]);
    // The same workbook again changes nothing.
    let (code, out, _) = import(dir.path(), &file, &["--apply"]);
    assert_eq!(code, 0);
    assert!(out.contains("取り込む変更はありません"), "{out}");
    assert_eq!(log_lines(dir.path()).len(), 2);
    let (code, _, err) = kensho(&["verify", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
}

/// The department the workbook was made for is logged beside the account
/// (from its hidden sheet, whatever the file is called); `log --dept`
/// shows its changes, a text change by what changed, a reason as a reason.
fn department_in_the_log(dir: &std::path::Path, log: &[serde_json::Value], first: &str) {
    assert_eq!(log[0]["department"], "子) 児童相談所");
    let d = dir.to_str().unwrap();
    let (_, shown, _) = kensho(&["--lang", "ja", "log", d, "--dept", "児童相談所"]);
    assert_eq!(
        shown.matches("（子) 児童相談所の回答）").count(),
        2,
        "{shown}"
    );
    let (_, other, _) = kensho(&["--lang", "ja", "log", d, "--dept", "保健所"]);
    assert!(!other.contains(first), "{other}");
    assert!(
        shown.contains("自己評価: 「")
            && shown.contains("→テスト: 自己評価を書き直した。\\n二行目］"),
        "{shown}"
    );
    assert!(shown.contains("\n    理由: 審議会で決定"), "{shown}");
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
    // The table's sheet holds its strings in its cells (written row by row).
    let strings = part(&out, "xl/worksheets/sheet1.xml");
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
    // (No row is that department's any more: each is a problem, and the
    // name is said on one line.)
    let (code, out, _) = import(dir.path(), &file, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("の担当ではありません"), "{out}");
    assert!(
        !out.lines().any(|l| l.starts_with("1-1-a 実施区分")),
        "{out}"
    );
}
