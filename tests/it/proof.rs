//! The log is a proof of the data: a cut-off line is repaired before the next
//! save, a failed write takes its own partial line back, and `verify` finds a
//! change made outside kensho, logged field or not.

use crate::common;
use common::run::{kensho_faulty, set, text, verify};

use std::path::Path;

use kensho::store::changelog;

fn logged(dir: &Path) -> Vec<(String, String)> {
    let (changes, problems) = changelog::read(&dir.join("changes.jsonl")).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    changes
        .into_iter()
        .map(|c| (c.item, c.new))
        .collect::<Vec<_>>()
}

#[test]
fn a_cut_off_line_is_moved_aside_before_the_next_save_and_never_glued_to_it() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    assert!(set(dir, &["1-1-a", "phase=B"]).status.success());
    // A save that died halfway through its line (a full disk, a kill -9 of
    // an older kensho): the log no longer ends with a newline.
    let log = dir.join("changes.jsonl");
    let mut bytes = std::fs::read(&log).unwrap();
    let fragment = br#"{"timestamp":"2026-11-24T10:00:00+09:00","user":"x","item":"1-1-b","fi"#;
    bytes.extend_from_slice(fragment);
    std::fs::write(&log, &bytes).unwrap();

    let out = set(dir, &["1-2-a", "direction=III"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("moved aside"),
        "the save says what it did: {}",
        text(&out)
    );
    // Both saves are in the log, each on a line of its own.
    let log_text = std::fs::read_to_string(&log).unwrap();
    assert!(log_text.ends_with('\n'));
    assert_eq!(
        logged(dir),
        vec![
            ("1-1-a".to_string(), "B".to_string()),
            ("1-2-a".to_string(), "III".to_string())
        ]
    );
    let shown = kensho_faulty(dir, &["--lang", "en", "log", dir.to_str().unwrap()], None);
    assert!(text(&shown).contains("1-2-a"), "{}", text(&shown));
    // The fragment is kept beside the log, not lost.
    let torn = std::fs::read(dir.join(changelog::TORN_FILE)).unwrap();
    assert!(
        torn.windows(fragment.len()).any(|w| w == fragment),
        "{}",
        String::from_utf8_lossy(&torn)
    );
    let v = verify(dir);
    assert!(v.status.success(), "{}", text(&v));
    assert!(text(&v).contains("moved aside"), "{}", text(&v));
}

#[test]
fn a_log_write_that_fails_halfway_takes_its_partial_line_back() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    assert!(set(dir, &["1-1-a", "phase=B"]).status.success());
    let before = std::fs::read(dir.join("changes.jsonl")).unwrap();
    let path = dir.to_str().unwrap();
    let out = kensho_faulty(
        dir,
        &["--lang", "en", "set", path, "1-2-a", "phase=C"],
        Some("log-partial"),
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("no space left"), "{}", text(&out));
    assert_eq!(
        std::fs::read(dir.join("changes.jsonl")).unwrap(),
        before,
        "the log is as before the failed save"
    );
    assert!(set(dir, &["1-3-1", "phase=C"]).status.success());
    assert_eq!(logged(dir).len(), 2);
    assert!(!dir.join(changelog::TORN_FILE).exists());
    let v = verify(dir);
    assert!(v.status.success(), "{}", text(&v));
}

fn edit_by_hand(dir: &Path, from: &str, to: &str) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "ron") {
            let t = std::fs::read_to_string(&p).unwrap();
            if t.contains(from) {
                std::fs::write(&p, t.replacen(from, to, 1)).unwrap();
                return;
            }
        }
    }
    panic!("{from} is in no records file");
}

#[test]
fn verify_finds_a_field_changed_by_hand_that_no_save_ever_logged() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    assert!(set(dir, &["1-1-a", "phase=B"]).status.success());
    let v = verify(dir);
    assert!(v.status.success(), "{}", text(&v));
    assert!(text(&v).contains("as the last save"), "{}", text(&v));
    // A department name of another item: never logged by any save.
    let records = kensho::domain::records::load(dir).unwrap();
    let item = records.report.item("3-1-a").unwrap().item;
    let dept = item.departments[0].clone();
    edit_by_hand(dir, &format!("\"{dept}\""), "\"手で書き換えた部\"");
    let v = verify(dir);
    assert_eq!(v.status.code(), Some(1), "{}", text(&v));
    assert!(text(&v).contains("changed outside kensho"), "{}", text(&v));
}

#[test]
fn verify_says_when_the_data_went_back_to_an_earlier_save() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    assert!(set(dir, &["1-1-a", "phase=B"]).status.success());
    let after_first = common::snapshot(dir);
    assert!(set(dir, &["1-2-a", "phase=C"]).status.success());
    assert!(set(dir, &["1-1-a", "phase=C"]).status.success());
    // Someone restores the files as they were after the first save. (Undoing
    // only the last save looks like a save killed before it wrote the data,
    // which verify reports as interrupted.)
    for (name, bytes) in &after_first {
        if name.ends_with(".ron") {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
    }
    let v = verify(dir);
    assert_eq!(v.status.code(), Some(1), "{}", text(&v));
    assert!(text(&v).contains("undone outside kensho"), "{}", text(&v));
}
