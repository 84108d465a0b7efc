//! The published workbook read back with calamine, the exports' filters and
//! CSV headings, department surveys as made, and the command line around
//! them. (LibreOffice's PDF of the table: tests/machine.)

use crate::common;

use std::collections::HashMap;

use calamine::Reader;
use common::books::*;
use common::{copy_records, kensho};
use kensho::domain::export::circled;
use kensho::workbook::publish::measure_cell;

#[test]
fn the_published_workbook_holds_every_item_in_its_cells_merged_as_the_source() {
    let dir = copy_records();
    let out = dir.path().join("table.xlsx");
    let (code, _, err) = publish(dir.path(), &out);
    assert_eq!(code, 0, "{err}");
    let report = report_of(dir.path());
    let mut book = open(&out);
    assert_eq!(book.sheet_names(), vec!["実施状況", "凡例", "注記"]);
    let table = book.worksheet_range("実施状況").unwrap();
    let merges = book.merge_cells_by_sheet_name("実施状況").unwrap();
    // Both scales on lines of their own above the headings, printed on
    // every page with them.
    assert!(text(&table, 2, 0).starts_with("【実施区分】A：既に取り組んでいる項目"));
    assert!(text(&table, 3, 0).starts_with("【評価区分】I：更なる取組の推進を図る項目"));
    // The source's headings, the policy's over two columns.
    let heading = |c| shown(&table, &merges, 4, c);
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
    assert_eq!(text(&table, 4, 9), "ID");
    // Every item by its id in the hidden column.
    let end = table.end().unwrap().0;
    let rows: HashMap<String, u32> = (5..=end)
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
    spans_as_the_source(&report, &table, &merges, &rows);
}

/// The point, the policy, the measures and the departments span the rows
/// the source's cells do (again on each page a point goes on to).
fn spans_as_the_source(
    report: &kensho::domain::model::Report,
    table: &calamine::Range<calamine::Data>,
    merges: &[calamine::Dimensions],
    rows: &HashMap<String, u32>,
) {
    let merged = |first: u32, col: u32, last: u32| {
        merges
            .iter()
            .any(|d| d.start == (first, col) && d.end == (last, col))
    };
    // The departments merge exactly where the source's cells do: an item
    // marked merged shares the cell above, any other starts its own (3-4-a2
    // has 3-4-a's departments, printed apart in the source).
    let items: Vec<_> = report.items().collect();
    for pair in items.windows(2) {
        let (above, here) = (rows[&pair[0].item.id], rows[&pair[1].item.id]);
        // A page between them (the band repeated): each page has its cell.
        if here != above + 1 {
            continue;
        }
        let together = merges
            .iter()
            .any(|d| d.start.1 == 8 && d.start.0 <= above && d.end.0 >= here);
        assert_eq!(
            together, pair[1].item.departments_merged,
            "{}: departments merged with the row above",
            pair[1].item.id
        );
    }
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
            assert_eq!(shown(table, merges, own, 3), "取組方針に対する自己評価");
            assert_eq!(shown(table, merges, own, 5), point.policy.assessment);
            // The point and its policy span its rows: on one page, or
            // again on each page it goes on to (under the band repeated).
            let spans: Vec<_> = merges
                .iter()
                .filter(|d| d.start.1 == 0 && d.end.1 == 0 && d.start.0 >= first && d.end.0 <= own)
                .collect();
            let covered: u32 = spans.iter().map(|d| d.end.0 - d.start.0 + 1).sum();
            let bands = spans.len() as u32 - 1;
            assert_eq!(
                covered + bands,
                own - first + 1,
                "point {} spans its rows",
                point.number
            );
            for d in &spans {
                assert!(merged(d.start.0, 1, d.end.0) && merged(d.start.0, 2, d.end.0));
            }
            if spans.len() > 1 {
                continue;
            }
            for m in point.measures.iter().filter(|m| m.items.len() > 1) {
                let (a, b) = (rows[&m.items[0].id], rows[&m.items[m.items.len() - 1].id]);
                assert!(merged(a, 3, b), "measure {:?} spans its items", m.label);
            }
        }
    }
}

#[test]
fn the_published_workbook_has_bands_a_legend_and_prints_on_a4() {
    let dir = copy_records();
    let out = dir.path().join("table.xlsx");
    let (code, _, err) = publish(dir.path(), &out);
    assert_eq!(code, 0, "{err}");
    let report = report_of(dir.path());
    let mut book = open(&out);
    let table = book.worksheet_range("実施状況").unwrap();
    let end = table.end().unwrap().0;
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
    assert!(sheet.contains(r#"ySplit="5""#), "frozen below the headings");
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
        workbook.contains("$3:$5"),
        "the heading row repeats: {workbook}"
    );
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
    let ids: Vec<String> = (5..=table.end().unwrap().0)
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
        "ID,提言,提言名,該当提言,該当提言名,取組方針の記号,取組方針,取組方針に対する自己評価,取組方針の注,取組の記号,具体的な取組内容（想定を含む）,実施状況,実施区分,自己評価,評価区分,担当部,再掲,再掲元,注"
    );
    let (_, csv, _) = kensho(&["export", "records", "--format", "csv", "--headers", "en"]);
    let first = csv.lines().next().unwrap().trim_start_matches('\u{feff}');
    assert_eq!(first, kensho::domain::export::CSV_COLUMNS.join(","));
    let (_, csv, _) = kensho(&["export", "records", "--format", "csv", "--meanings"]);
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[12], "実施区分");
    assert_eq!(&headers[13], "実施区分の意味");
    assert_eq!(&headers[15], "評価区分");
    assert_eq!(&headers[16], "評価区分の意味");
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[12], "A");
    assert_eq!(&row[13], "既に取り組んでいる項目");
    assert_eq!(&row[15], "I");
    assert_eq!(&row[16], "更なる取組の推進を図る項目");
}

#[test]
fn an_xlsx_is_never_written_onto_a_terminal_but_goes_to_a_file_or_a_pipe() {
    // Standard output is a pipe here: the bytes go there.
    let (code, out, _) = kensho(&["export", "records", "--format", "xlsx"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("PK"), "a zip file");
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
