//! A mark costs what it changes (issue 22): the one entry's lines replaced,
//! the file not parsed again when the caller's copy has its checksum; never
//! a lost mark when someone else marked in between; meetings larger than a
//! small file; every unknown agenda item named at its line, in one pass.

use crate::common;

use kensho::domain::meeting::{Meeting, Review, load_meeting, meeting_file};
use kensho::domain::records::load;
use kensho::store::meeting::{MeetingChange, MeetingDone, change_meeting, read_seen};

const NAME: &str = "2026-12 本部会議";

fn mark(dir: &std::path::Path, item: &str, by: &str, known: Option<&MeetingDone>) -> MeetingDone {
    let records = load(dir).unwrap();
    let change = MeetingChange::Review {
        item: item.to_string(),
        reviewed: true,
    };
    let now_by = ("2026-12-04T10:05:00+09:00", by);
    let known = known.map(|d| (&d.meeting, &d.seen));
    change_meeting(dir, &records.report, NAME, &change, now_by, known).unwrap()
}

fn start(dir: &std::path::Path, items: &[&str]) -> MeetingDone {
    let records = load(dir).unwrap();
    let change = MeetingChange::Start {
        chosen_by: Some("/警察".into()),
        items: items.iter().map(|s| s.to_string()).collect(),
    };
    let now_by = ("2026-12-04T10:00:00+09:00", "事務局");
    change_meeting(dir, &records.report, NAME, &change, now_by, None).unwrap()
}

#[test]
fn a_mark_writes_the_canonical_file_and_keeps_what_others_marked_meanwhile() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let started = start(dir, &["1-1-a", "1-1-b", "1-1-c"]);
    let mine = mark(dir, "1-1-a", "佐藤", Some(&started));
    let file = meeting_file(dir, NAME);
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        text,
        mine.meeting.render().unwrap(),
        "canonical after a mark"
    );
    // Someone else marks 1-1-b; my copy is now out of date, and my next mark
    // must not write it back over theirs.
    let theirs = mark(dir, "1-1-b", "鈴木", None);
    assert_eq!(theirs.meeting.reviewed(), 2);
    let again = mark(dir, "1-1-c", "佐藤", Some(&mine));
    let on_disk = load_meeting(&file, &load(dir).unwrap().report).unwrap();
    assert_eq!(on_disk, again.meeting);
    assert_eq!(on_disk.reviewed(), 3, "{on_disk:?}");
    assert_eq!(
        on_disk.agenda[1].reviewed.as_ref().map(|r| r.by.as_str()),
        Some("鈴木")
    );
    // What the mark returns is what a reader of the file gets.
    let (read, seen) = read_seen(&file, &load(dir).unwrap().report).unwrap();
    assert_eq!(read, again.meeting);
    assert_eq!(seen.digest, again.seen.digest);
}

#[test]
fn a_copy_whose_checksum_is_not_the_files_is_never_trusted() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let started = start(dir, &["1-1-a", "1-1-b"]);
    // The file rewritten by hand with a mark of the same length, so that
    // only its content tells.
    let file = meeting_file(dir, NAME);
    let mut hand: Meeting = started.meeting.clone();
    hand.agenda[1].reviewed = Some(Review {
        at: "2026-12-04T10:01:00+09:00".into(),
        by: "手".into(),
    });
    std::fs::write(&file, hand.render().unwrap()).unwrap();
    let done = mark(dir, "1-1-a", "佐藤", Some(&started));
    assert_eq!(done.meeting.reviewed(), 2, "the hand mark is kept");
}

#[test]
fn a_meeting_file_larger_than_a_small_file_is_read_and_marked() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let records = load(dir).unwrap();
    let ids: Vec<String> = records.report.items().map(|r| r.item.id.clone()).collect();
    let mut m = Meeting::new(NAME, "2026-12-04T10:00:00+09:00".into(), None, ids);
    // 17 MiB of how the agenda was chosen: past the 16 MiB of a small file.
    m.chosen_by = Some("警".repeat((17 << 20) / 3));
    let file = meeting_file(dir, NAME);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, m.render().unwrap()).unwrap();
    assert!(std::fs::metadata(&file).unwrap().len() > 16 << 20);
    let last = records.report.items().last().unwrap().item.id.clone();
    let done = mark(dir, &last, "佐藤", None);
    assert_eq!(done.meeting.reviewed(), 1);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        done.meeting.render().unwrap()
    );
}

#[test]
fn every_unknown_agenda_item_is_named_at_its_line() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let records = load(dir).unwrap();
    // Known and unknown items in turn, many of them.
    let items: Vec<String> = (0..2000)
        .map(|i| {
            if i % 2 == 0 {
                "1-1-a".to_string()
            } else {
                format!("9-9-{i}")
            }
        })
        .collect();
    let m = Meeting::new(NAME, "2026-12-04T10:00:00+09:00".into(), None, items);
    let file = meeting_file(dir, NAME);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let text = m.render().unwrap();
    std::fs::write(&file, &text).unwrap();
    let errors = load_meeting(&file, &records.report).unwrap_err();
    assert_eq!(errors.0.len(), 1000);
    let said = errors.say(kensho::i18n::Lang::En);
    // Each at the line of its item.
    for i in [1, 999, 1999] {
        let id = format!("\"9-9-{i}\"");
        let line = text.lines().position(|l| l.contains(&id)).unwrap() + 1;
        assert!(said.contains(&format!(":{line}:")), "{i} at {line}");
    }
}
