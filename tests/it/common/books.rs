//! Workbooks in tests: kensho's own made and taken back as a process, and
//! read or changed the way other programs read and save them.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use calamine::{Data, Dimensions, Range, Reader, Xlsx};
use kensho::domain::model::Report;
use kensho::domain::records::load;

use super::kensho;

pub fn text(range: &Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

pub fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    calamine::open_workbook(path).unwrap()
}

/// The text a cell shows: a merged range's text is in its first cell.
pub fn shown(range: &Range<Data>, merges: &[Dimensions], row: u32, col: u32) -> String {
    let (r, c) = merges
        .iter()
        .find(|d| d.start.0 <= row && row <= d.end.0 && d.start.1 <= col && col <= d.end.1)
        .map_or((row, col), |d| d.start);
    text(range, r, c)
}

pub fn report_of(dir: &Path) -> Report {
    load(dir).unwrap().report
}

/// A file of the workbook (its XML).
pub fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// `kensho export DIR --format xlsx --out OUT`: (exit code, stdout, stderr).
pub fn publish(dir: &Path, out: &Path) -> (i32, String, String) {
    kensho(&[
        "export",
        dir.to_str().unwrap(),
        "--format",
        "xlsx",
        "--out",
        out.to_str().unwrap(),
    ])
}

/// The department workbook of `department`, made from the records in `dir`.
pub fn survey_of(dir: &Path, department: &str) -> PathBuf {
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

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Change cells of the sheet of answers as another program saves them: each
/// cell rewritten as an inline string (`[("G4", "B")]`), the rest of the
/// file as it was.
pub fn edit_cells(path: &Path, edits: &[(&str, &str)]) {
    edit_part(path, "xl/worksheets/sheet1.xml", edits);
}

/// Rewrite one part of the workbook (its XML) with `change`, the rest of
/// the file as it was.
pub fn rewrite_part(path: &Path, name: &str, change: impl Fn(String) -> String) {
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

pub fn edit_part(path: &Path, name: &str, edits: &[(&str, &str)]) {
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
pub fn survey_ids(path: &Path) -> Vec<String> {
    let mut book = open(path);
    let answers = book.worksheet_range("回答").unwrap();
    (3..=answers.end().unwrap().0)
        .map(|r| text(&answers, r, 0))
        .collect()
}

pub fn import(dir: &Path, file: &Path, more: &[&str]) -> (i32, String, String) {
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

pub fn log_lines(dir: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(dir.join("changes.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A code of the phase scale other than `code`.
pub fn other_phase(report: &Report, code: &str) -> String {
    report
        .phase_scale
        .codes
        .iter()
        .map(|c| c.code.clone())
        .find(|c| c != code)
        .unwrap()
}

/// Add `cells` (`[("XFD1048576", "x")]`, in increasing rows after the
/// sheet's own) to a part of the workbook, as inline strings.
pub fn add_cells(path: &Path, name: &str, cells: &[(&str, u32, &str)]) {
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

/// Whether `program` runs here (with `args`, successfully).
pub fn available(program: &str, args: &[&str]) -> bool {
    std::process::Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}
