//! load → write → load gives equal data and byte-identical files; one phase change
//! is one changed line.

use crate::common;

use kensho::domain::records::{load, render};
use kensho::store::write_records;

#[test]
fn the_bundled_files_are_canonical() {
    let records = load(&common::records_dir()).unwrap();
    for (path, text) in render(&records).unwrap() {
        let on_disk = std::fs::read_to_string(&path).unwrap();
        assert!(
            on_disk == text,
            "{} is not in canonical form",
            path.display()
        );
        assert!(text.ends_with(")\n"));
    }
}

#[test]
fn load_write_load_is_identity() {
    let tmp = common::copy_records();
    let before = common::snapshot(tmp.path());
    let records = load(tmp.path()).unwrap();
    let written = write_records(&records).unwrap();
    assert!(
        written.is_empty(),
        "canonical files are not rewritten: {written:?}"
    );
    let again = load(tmp.path()).unwrap();
    assert_eq!(records, again);
    assert_eq!(before, common::snapshot(tmp.path()));

    // Writing into an empty folder gives the same bytes.
    let other = tempfile::tempdir().unwrap();
    let mut moved = records.clone();
    if let kensho::domain::records::Layout::Folder { dir, .. } = &mut moved.layout {
        *dir = other.path().to_path_buf();
    }
    write_records(&moved).unwrap();
    let a: Vec<_> = common::snapshot(tmp.path());
    let b: Vec<_> = common::snapshot(other.path());
    assert_eq!(a, b);
    assert_eq!(load(other.path()).unwrap().report, records.report);
}

fn diff_lines(a: &str, b: &str) -> Vec<(usize, String, String)> {
    assert_eq!(a.lines().count(), b.lines().count());
    a.lines()
        .zip(b.lines())
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(n, (x, y))| (n + 1, x.to_string(), y.to_string()))
        .collect()
}

#[test]
fn changing_one_phase_or_direction_changes_one_line() {
    let tmp = common::copy_records();
    let file = tmp.path().join("recommendation-3.ron");
    let before = std::fs::read_to_string(&file).unwrap();
    let mut records = load(tmp.path()).unwrap();
    records.report.item_mut("3-4-d").unwrap().phase.0 = "D".into();
    write_records(&records).unwrap();
    let after = std::fs::read_to_string(&file).unwrap();
    let changed = diff_lines(&before, &after);
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0].1.trim(), "phase: \"C\",");
    assert_eq!(changed[0].2.trim(), "phase: \"D\",");

    records.report.item_mut("3-4-d").unwrap().direction.0 = "III".into();
    write_records(&records).unwrap();
    let changed = diff_lines(&after, &std::fs::read_to_string(&file).unwrap());
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0].2.trim(), "direction: \"III\",");
    // The other files were not touched.
    for n in [1, 2, 4, 5, 6, 7] {
        let name = format!("recommendation-{n}.ron");
        assert_eq!(
            std::fs::read(tmp.path().join(&name)).unwrap(),
            std::fs::read(common::records_dir().join(&name)).unwrap()
        );
    }
}

#[test]
fn text_with_newlines_and_escapes_stays_on_one_line() {
    let tmp = common::copy_records();
    let mut records = load(tmp.path()).unwrap();
    let lines_before = std::fs::read_to_string(tmp.path().join("recommendation-1.ron"))
        .unwrap()
        .lines()
        .count();
    records.report.item_mut("1-1-a").unwrap().progress =
        "一行目\n二行目\u{1b}[31m「引用」\"quote\" \\".into();
    write_records(&records).unwrap();
    let text = std::fs::read_to_string(tmp.path().join("recommendation-1.ron")).unwrap();
    assert_eq!(text.lines().count(), lines_before);
    let again = load(tmp.path()).unwrap();
    assert_eq!(again.report, records.report);
}

#[test]
fn a_single_file_report_loads_and_round_trips() {
    let records = load(&common::records_dir()).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("whole.ron");
    let single = kensho::domain::records::Records {
        report: records.report.clone(),
        layout: kensho::domain::records::Layout::SingleFile { path: path.clone() },
    };
    write_records(&single).unwrap();
    let again = load(&path).unwrap();
    assert_eq!(again.report, records.report);
    let bytes = std::fs::read(&path).unwrap();
    write_records(&again).unwrap();
    assert_eq!(bytes, std::fs::read(&path).unwrap());
}

#[test]
fn a_single_records_file_of_any_name_can_be_saved() {
    let records = load(&common::records_dir()).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    // No `.ron` in the folder: the file given is the records all the same.
    let path = tmp.path().join("table.txt");
    let single = kensho::domain::records::Records {
        report: records.report.clone(),
        layout: kensho::domain::records::Layout::SingleFile { path: path.clone() },
    };
    write_records(&single).unwrap();
    let edit = kensho::domain::field::Edit {
        item: "1-1-a".into(),
        field: kensho::domain::field::Field::Phase,
        value: "B".into(),
    };
    let why = kensho::store::Why {
        reason: None,
        meeting: None,
        display_name: None,
        department: None,
        item_reasons: None,
    };
    kensho::store::apply_edits(&path, &[edit], why, None).unwrap();
    let again = load(&path).unwrap();
    assert_eq!(again.report.item("1-1-a").unwrap().item.phase.0, "B");
    assert!(tmp.path().join("changes.jsonl").exists());
}
