//! `kensho export --format opendata`: the two tables pass their own check
//! (read back from the files as written, with and without a byte-order
//! mark), the check finds every rule broken, hostile record text stays
//! data, and the report's metadata is held to its rules when it loads.

use std::path::{Path, PathBuf};

use crate::common::{self, kensho_in};

use kensho::domain::opendata::check::{Kind, check, check_files};
use kensho::domain::opendata::rules::item_no;
use kensho::domain::records::load;

/// `kensho --lang en export DIR --format opendata --out OUT [extra]`: the
/// exit code, the output and the two files written.
fn export(dir: &Path, out: &Path, extra: &[&str]) -> (i32, String, PathBuf, PathBuf) {
    let mut args = vec![
        "--lang",
        "en",
        "export",
        dir.to_str().unwrap(),
        "--format",
        "opendata",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = kensho_in(dir, &args);
    (
        code,
        format!("{stdout}{stderr}"),
        out.join("011002_progress.csv"),
        out.join("011002_progress_departments.csv"),
    )
}

/// The rows of a CSV file (the heading first), a byte-order mark aside.
fn rows(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

fn column(rows: &[Vec<String>], name: &str) -> Vec<String> {
    let at = rows[0].iter().position(|h| h == name).unwrap();
    rows[1..].iter().map(|r| r[at].clone()).collect()
}

#[test]
fn the_open_data_of_the_bundled_records_passes_its_own_check() {
    let tmp = common::copy_records();
    let out = tempfile::tempdir().unwrap();
    // A folder that is not there yet is made.
    let out = out.path().join("公開").join("2021");
    let (code, said, items, departments) = export(tmp.path(), &out, &[]);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("rows: 88"), "{said}");
    assert!(said.contains("no date"), "the missing date is said: {said}");
    assert_eq!(check_files(&items, &departments).unwrap(), vec![]);
    let bytes = std::fs::read(&items).unwrap();
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "no BOM unless asked");
    assert!(std::str::from_utf8(&bytes).is_ok());
    let table = rows(&items);
    assert_eq!(table.len(), 89);
    assert_eq!(
        table[0][..5],
        [
            "全国地方公共団体コード",
            "NO",
            "地方公共団体名",
            "時点",
            "ID"
        ]
    );
    assert!(
        column(&table, "全国地方公共団体コード")
            .iter()
            .all(|c| c == "011002")
    );
    assert!(
        column(&table, "地方公共団体名")
            .iter()
            .all(|c| c == "札幌市")
    );
    // Codes and names apart, numbers as numbers, a flag as 0 or 1.
    assert_eq!(column(&table, "実施区分コード")[0], "A");
    assert_eq!(column(&table, "実施区分名")[0], "既に取り組んでいる項目");
    assert_eq!(column(&table, "評価区分コード")[0], "I");
    assert_eq!(column(&table, "該当提言番号")[3], "1");
    assert_eq!(column(&table, "取組方針記号")[0], "ア");
    // The policy on every row of its point, not only the first.
    let policies = column(&table, "取組方針");
    assert_eq!(policies[0], policies[4]);
    assert!(!policies[4].is_empty());
    // The NO comes from the id.
    let report = load(tmp.path()).unwrap().report;
    let ids = column(&table, "ID");
    let nos = column(&table, "NO");
    for (id, no) in ids.iter().zip(&nos) {
        assert_eq!(no, &item_no(id).unwrap().to_string());
    }
    assert_eq!(nos[0], "1010101");
    let relisted: Vec<(String, String)> = column(&table, "再掲フラグ")
        .into_iter()
        .zip(column(&table, "再掲元NO"))
        .collect();
    assert!(relisted.iter().all(|(f, _)| f == "0" || f == "1"));
    assert_eq!(
        relisted.iter().filter(|(f, _)| f == "1").count(),
        report.items().filter(|r| r.item.relisted).count()
    );
    // One row per item and department.
    let depts = rows(&departments);
    let all: usize = report.items().map(|r| r.item.departments.len()).sum();
    assert_eq!(depts.len(), all + 1);
    assert_eq!(
        depts[1],
        [
            "011002",
            "1010101",
            "札幌市",
            "1-1-a",
            "1",
            "子",
            "児童相談所"
        ]
    );
}

#[test]
fn a_bom_is_written_when_asked_and_the_check_accepts_it() {
    let tmp = common::copy_records();
    let out = tempfile::tempdir().unwrap();
    let (code, said, items, departments) = export(tmp.path(), out.path(), &["--bom"]);
    assert_eq!(code, 0, "{said}");
    for file in [&items, &departments] {
        let bytes = std::fs::read(file).unwrap();
        assert!(
            bytes.starts_with(b"\xEF\xBB\xBF\xE5\x85\xA8"),
            "BOM, then 全"
        );
        assert_eq!(bytes.windows(3).filter(|w| w == b"\xEF\xBB\xBF").count(), 1);
    }
    assert_eq!(check_files(&items, &departments).unwrap(), vec![]);
}

#[test]
fn the_no_of_an_item_does_not_depend_on_the_filters_or_on_its_place() {
    let tmp = common::copy_records();
    let out = tempfile::tempdir().unwrap();
    let (_, _, items, _) = export(tmp.path(), out.path(), &[]);
    let whole = rows(&items);
    let (code, said, items, departments) = export(
        tmp.path(),
        out.path(),
        &["--phase", "C,D", "--hide-relisted"],
    );
    assert_eq!(code, 0, "{said}");
    assert_eq!(check_files(&items, &departments).unwrap(), vec![]);
    let part = rows(&items);
    assert!(part.len() > 1 && part.len() < whole.len());
    for row in &part[1..] {
        assert!(whole.contains(row), "{row:?}");
    }
    // An item removed from the records takes its NO with it: the next one
    // keeps its own.
    let file = tmp.path().join("recommendation-1.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    let start = text
        .find("                Measure(\n                    label: Some(\"イ\")")
        .unwrap();
    let end = text[start..]
        .find("                Measure(\n                    label: Some(\"ウ\")")
        .unwrap();
    std::fs::write(&file, format!("{}{}", &text[..start], &text[start + end..])).unwrap();
    let (code, said, items, _) = export(tmp.path(), out.path(), &[]);
    assert_eq!(code, 0, "{said}");
    let after = rows(&items);
    assert_eq!(after.len(), whole.len() - 1);
    assert_eq!(after[2][..5], whole[3][..5], "1-1-c keeps 1010301");
    assert_eq!(after[2][1], "1010301");
}

/// A file of rows, each a line of cells separated by `|`, written as they
/// are (the check reads bytes).
fn csv_of(rows: &[&str]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for row in rows {
        w.write_record(row.split('|')).unwrap();
    }
    w.into_inner().unwrap()
}

/// A finding expected: file, row, column, kind.
type Expected = (&'static str, usize, Option<&'static str>, Kind);

/// Files that break every rule once, and what the check must find: (file,
/// row, column, kind).
fn broken() -> (Vec<u8>, Vec<u8>, Vec<Expected>) {
    let items = csv_of(&[
        "全国地方公共団体コード|NO|地方公共団体名|時点|実施区分コード|実施区分名|再掲フラグ|取組方針",
        "011002|1|札幌市|2021-06-30|A|既に|0|方針",
        "011003|1|札幌市|2021-02-30|A 既に|既に|2|方針",
        "011002|01|011002|令和3年|B|B|1|",
        "011002|3|札幌市||C|速やかに|0|一行目\n二行目",
        "011002|4|札幌市",
        "011002|5|札幌市||C|速やかに|0|\u{1b}[2J",
    ]);
    let departments = csv_of(&[
        "全国地方公共団体コード|NO|地方公共団体名|担当部の順番",
        "011002|1|札幌市|1",
        "011002|9|札幌市|x",
    ]);
    let v = |s: &str| s.to_string();
    let (i, d) = ("items.csv", "departments.csv");
    let want = vec![
        (i, 3, Some(CODE), Kind::Code { value: v("011003") }),
        (
            i,
            3,
            Some("NO"),
            Kind::DuplicateNo {
                value: v("1"),
                first: 2,
            },
        ),
        (
            i,
            3,
            Some("時点"),
            Kind::Date {
                value: v("2021-02-30"),
            },
        ),
        (
            i,
            3,
            Some("実施区分コード"),
            Kind::NotCode {
                value: v("A 既に")
            },
        ),
        (i, 3, Some("再掲フラグ"), Kind::Flag { value: v("2") }),
        (i, 4, Some("NO"), Kind::Number { value: v("01") }),
        (i, 4, Some(CODE), Kind::NameIsCode),
        (i, 4, Some("実施区分コード"), Kind::NameIsCode),
        (
            i,
            4,
            Some("時点"),
            Kind::Date {
                value: v("令和3年"),
            },
        ),
        (i, 4, Some("取組方針"), Kind::Blank),
        (i, 5, Some("取組方針"), Kind::LineBreak),
        (
            i,
            6,
            None,
            Kind::Ragged {
                cells: 3,
                expected: 8,
            },
        ),
        (i, 7, Some("取組方針"), Kind::Control),
        (
            d,
            3,
            Some("NO"),
            Kind::UnknownNo {
                value: v("9"),
                file: v(i),
            },
        ),
        (d, 3, Some("担当部の順番"), Kind::Number { value: v("x") }),
    ];
    (items, departments, want)
}

const CODE: &str = "全国地方公共団体コード";

#[test]
fn the_check_finds_every_rule_broken() {
    let (items, departments, want) = broken();
    let found = check(("items.csv", &items), ("departments.csv", &departments));
    let got: Vec<(&str, usize, Option<&str>, Kind)> = found
        .iter()
        .map(|f| (f.file.as_str(), f.row, f.column.as_deref(), f.kind.clone()))
        .collect();
    for w in &want {
        assert!(got.contains(w), "{w:?} not found in {got:#?}");
    }
    assert_eq!(got.len(), want.len(), "{got:#?}");
    // Every finding is said in both languages, naming its place.
    for f in &found {
        assert!(f.say(kensho::i18n::Lang::Ja).contains("行目"), "{f:?}");
        assert!(f.say(kensho::i18n::Lang::En).contains("row"), "{f:?}");
    }
    // Not UTF-8, and a missing column.
    let latin1 = b"\xEF\xBB\xBF\xfc\r\n".to_vec();
    let found = check(("a.csv", &latin1), ("b.csv", &csv_of(&["x", "1"])));
    assert!(
        found.iter().any(|f| f.kind == Kind::NotUtf8 { at: 3 }),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.kind == Kind::NoColumn && f.file == "b.csv")
    );
}

/// Records whose first item's texts are hostile: control characters, a
/// formula, quotes, commas and line breaks.
const HOSTILE: &str = "=cmd|' /C calc'!A0 \\\"引用\\\", 読点,カンマ\\r\\n改行\\u{1b}[2J\\u{7}";

#[test]
fn hostile_record_text_stays_data_in_the_csv_and_the_open_data() {
    let tmp = common::copy_records();
    let file = tmp.path().join("recommendation-1.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text
        .replacen(
            "progress: \"令和2年4月から、全区",
            &format!("progress: \"{HOSTILE}"),
            1,
        )
        .replacen("\"子) 児童相談所\"", &format!("\"子) {HOSTILE}\""), 1);
    std::fs::write(&file, text).unwrap();
    let shown = "'=cmd|' /C calc'!A0 \"引用\", 読点,カンマ 改行␛[2J␇";
    let out = tempfile::tempdir().unwrap();
    let (code, said, items, departments) = export(tmp.path(), out.path(), &[]);
    assert_eq!(code, 0, "{said}");
    assert_eq!(check_files(&items, &departments).unwrap(), vec![]);
    let progress = column(&rows(&items), "実施状況");
    assert!(progress[0].starts_with(shown), "{}", progress[0]);
    let names = column(&rows(&departments), "担当部名");
    // The department's name stands alone in its cell: made text there too.
    assert_eq!(names[0], shown);
    for file in [&items, &departments] {
        let bytes = std::fs::read(file).unwrap();
        assert!(!bytes.iter().any(|b| matches!(b, 0x1b | 0x07)), "{file:?}");
    }
    // The CSV too.
    let d = tmp.path().to_str().unwrap();
    let (code, csv, err) = kensho_in(tmp.path(), &["export", d, "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let first = reader.records().next().unwrap().unwrap();
    assert!(first[11].starts_with(shown), "{}", &first[11]);
    assert!(
        first[15].starts_with(&format!("子) {}", &shown[1..])),
        "{}",
        &first[15]
    );
    assert!(!csv.contains(['\u{1b}', '\u{7}']));
}

#[test]
fn opendata_needs_a_folder_and_refuses_the_options_of_other_formats() {
    let tmp = common::copy_records();
    let d = tmp.path().to_str().unwrap();
    for (lang, word) in [("ja", "フォルダ"), ("en", "folder")] {
        let (code, _, err) = kensho_in(
            tmp.path(),
            &["--lang", lang, "export", d, "--format", "opendata"],
        );
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("--out DIR") && err.contains(word), "{err}");
    }
    let refused: [&[&str]; 3] = [
        &["--format", "csv", "--bom"],
        &["--format", "opendata", "--out", "x", "--headers", "en"],
        &["--format", "opendata", "--out", "x", "--meanings"],
    ];
    for extra in refused {
        let mut args = vec!["--lang", "en", "export", d];
        args.extend_from_slice(extra);
        let (code, _, err) = kensho_in(tmp.path(), &args);
        assert_eq!(code, 2, "{extra:?}: {err}");
        assert!(err.contains("does not apply to --format"), "{err}");
    }
    assert!(!tmp.path().join("x").exists());
}

/// The bundled report header with `change` made to its text.
fn header_changed(dir: &Path, change: impl Fn(String) -> String) {
    let file = dir.join("report.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, change(text)).unwrap();
}

#[test]
fn open_data_needs_the_body_and_its_code_in_the_records() {
    let tmp = common::copy_records();
    header_changed(tmp.path(), |t| {
        t.replace("    organisation_code: Some(\"011002\"),\n", "")
    });
    let out = tempfile::tempdir().unwrap();
    let (code, said, ..) = export(tmp.path(), out.path(), &[]);
    assert_eq!(code, 2, "{said}");
    assert!(said.contains("missing: organisation_code"), "{said}");
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}

#[test]
fn the_report_metadata_is_checked_where_it_stands() {
    let tmp = common::copy_records();
    let d = tmp.path().to_str().unwrap();
    let check_says = |lang: &str| {
        let (code, out, err) = kensho_in(tmp.path(), &["--lang", lang, "check", d]);
        (code, format!("{out}{err}"))
    };
    header_changed(tmp.path(), |t| t.replace("\"011002\"", "\"011003\""));
    let (code, said) = check_says("en");
    assert_eq!(code, 2, "{said}");
    assert!(
        said.contains("report.ron:5:5:") && said.contains("should be 2"),
        "{said}"
    );
    let (_, said) = check_says("ja");
    assert!(
        said.contains("report.ron:5:5:") && said.contains("検査数字"),
        "{said}"
    );
    header_changed(tmp.path(), |t| {
        t.replace("\"011003\"", "\"11002\"").replace(
            "    phase_scale",
            "    as_of: Some(\"2021-02-30\"),\n    phase_scale",
        )
    });
    let (code, said) = check_says("en");
    assert_eq!(code, 2, "{said}");
    assert!(
        said.contains("report.ron:5:5:") && said.contains("6 digits"),
        "{said}"
    );
    assert!(
        said.contains("report.ron:6:5:") && said.contains("YYYY-MM-DD"),
        "{said}"
    );
    // A date that exists goes into every row.
    header_changed(tmp.path(), |t| {
        t.replace("\"11002\"", "\"011002\"")
            .replace("2021-02-30", "2021-06-30")
    });
    let out = tempfile::tempdir().unwrap();
    let (code, said, items, departments) = export(tmp.path(), out.path(), &[]);
    assert_eq!(code, 0, "{said}");
    assert!(!said.contains("no date"), "{said}");
    assert_eq!(check_files(&items, &departments).unwrap(), vec![]);
    assert!(
        column(&rows(&items), "時点")
            .iter()
            .all(|c| c == "2021-06-30")
    );
    // Records written before these fields existed load as they did.
    header_changed(tmp.path(), |t| {
        t.lines()
            .filter(|l| !l.contains("organisation") && !l.contains("as_of"))
            .map(|l| format!("{l}\n"))
            .collect()
    });
    let (code, said) = check_says("en");
    assert_eq!(code, 0, "{said}");
    assert!(load(tmp.path()).unwrap().report.organisation.is_none());
}

#[test]
fn open_data_is_never_written_into_kenshos_own_folders() {
    let tmp = common::copy_records();
    let inside = tmp.path().join(".kensho-cache").join("open");
    let (code, said, ..) = export(tmp.path(), &inside, &[]);
    assert_eq!(code, 2, "{said}");
    assert!(said.contains("kensho keeps for itself"), "{said}");
    assert!(!inside.exists());
}
