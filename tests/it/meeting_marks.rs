//! A mark costs what it changes (issue 22): one line appended to the
//! meeting's journal, nothing read again when the caller's copy is the
//! files'; never a lost mark when someone else marked in between; the
//! journal folded into the file at the close (or once it outgrows it); a
//! torn last line never taken for a mark; meetings larger than a small
//! file; every unknown agenda item named at its line, in one pass.

use crate::common;

use kensho::domain::meeting::marks::marks_file;
use kensho::domain::meeting::{Meeting, Review, load_meeting, meeting_file};
use kensho::domain::records::load;
use kensho::store::meeting::{MeetingChange, MeetingDone, change_meeting, read_now, read_seen};

const NAME: &str = "2026-12 本部会議";

fn mark(dir: &std::path::Path, item: &str, by: &str, known: Option<&MeetingDone>) -> MeetingDone {
    mark_as(dir, item, by, true, known)
}

fn mark_as(
    dir: &std::path::Path,
    item: &str,
    by: &str,
    reviewed: bool,
    known: Option<&MeetingDone>,
) -> MeetingDone {
    let records = load(dir).unwrap();
    let change = MeetingChange::Review {
        item: item.to_string(),
        reviewed,
    };
    let now_by = ("2026-12-04T10:05:00+09:00", by);
    let known = known.map(|d| (d.meeting.clone(), d.seen.clone()));
    change_meeting(dir, &records.report, NAME, &change, now_by, known).unwrap()
}

fn start(dir: &std::path::Path, items: &[&str]) -> MeetingDone {
    let records = load(dir).unwrap();
    let change = MeetingChange::Start {
        chosen_by: Some("/警察".into()),
        items: items.iter().map(|s| s.to_string()).collect(),
        zone: None,
    };
    let now_by = ("2026-12-04T10:00:00+09:00", "事務局");
    change_meeting(dir, &records.report, NAME, &change, now_by, None).unwrap()
}

fn close(dir: &std::path::Path, known: Option<&MeetingDone>) -> MeetingDone {
    let records = load(dir).unwrap();
    let now_by = ("2026-12-04T11:00:00+09:00", "事務局");
    let known = known.map(|d| (d.meeting.clone(), d.seen.clone()));
    change_meeting(
        dir,
        &records.report,
        NAME,
        &MeetingChange::Close,
        now_by,
        known,
    )
    .unwrap()
}

#[test]
fn a_mark_is_a_line_of_the_journal_and_keeps_what_others_marked_meanwhile() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let started = start(dir, &["1-1-a", "1-1-b", "1-1-c"]);
    let file = meeting_file(dir, NAME);
    let journal = marks_file(&file);
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        std::fs::read(&journal).unwrap(),
        b"",
        "made with the meeting"
    );
    let mine = mark(dir, "1-1-a", "佐藤", Some(&started));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        text,
        "the file is not written"
    );
    let lines = std::fs::read_to_string(&journal).unwrap();
    assert_eq!(lines.lines().count(), 1, "{lines}");
    assert!(
        lines.contains("\"1-1-a\"") && lines.contains("佐藤"),
        "{lines}"
    );
    // Someone else marks 1-1-b; my copy is now out of date, and my next mark
    // must not lose theirs.
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
    // A mark that changes nothing writes nothing.
    let same = mark(dir, "1-1-c", "佐藤", Some(&again));
    assert_eq!(
        std::fs::read_to_string(&journal).unwrap().lines().count(),
        3
    );
    // What the mark returns is what a reader of the files gets.
    let (read, seen) = read_seen(&file, &load(dir).unwrap().report).unwrap();
    assert_eq!(read, same.meeting);
    assert_eq!(seen.journal, same.seen.journal);
    // The close folds the journal into the file and leaves it empty (git
    // still tracks it; a reopened meeting marks into it again).
    let closed = close(dir, Some(&same));
    assert_eq!(std::fs::read(&journal).unwrap(), b"");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        closed.meeting.render().unwrap()
    );
    assert_eq!(closed.meeting.reviewed(), 3);
    let gitattributes = std::fs::read_to_string(file.parent().unwrap().join(".gitattributes"));
    assert!(gitattributes.unwrap().contains("*.marks merge=union"));
}

#[test]
fn a_follower_reads_only_the_new_lines_and_names_a_bad_one_at_its_line() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let report = load(dir).unwrap().report;
    let started = start(dir, &["1-1-a", "1-1-b"]);
    let file = meeting_file(dir, NAME);
    let follower = read_seen(&file, &report).unwrap();
    let marked = mark(dir, "1-1-a", "佐藤", Some(&started));
    let unmarked = mark_as(dir, "1-1-a", "佐藤", false, Some(&marked));
    let follower = read_now(&file, &report, Some(follower)).unwrap();
    assert_eq!(follower.0, unmarked.meeting, "marked, then unmarked");
    assert_eq!(follower.1.journal, unmarked.seen.journal);
    // A third line naming an item the records do not have, after what the
    // follower read: said at its line of the journal.
    let journal = marks_file(&file);
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&journal)
        .unwrap();
    std::io::Write::write_all(&mut f, b"(item:\"9-9-z\",reviewed:None)\n").unwrap();
    let err = read_now(&file, &report, Some(follower)).unwrap_err();
    let said = err.say(kensho::i18n::Lang::En);
    assert!(said.contains("2026-12_本部会議.marks:3:1"), "{said}");
    assert!(said.contains("9-9-z"), "{said}");
}

#[test]
fn a_torn_last_line_is_no_mark_and_the_next_mark_writes_over_it() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let started = start(dir, &["1-1-a", "1-1-b"]);
    let file = meeting_file(dir, NAME);
    let journal = marks_file(&file);
    let marked = mark(dir, "1-1-a", "佐藤", Some(&started));
    // A write cut short: half a line, no line end.
    let whole = std::fs::read(&journal).unwrap();
    let mut torn = whole.clone();
    torn.extend_from_slice(b"(item:\"1-1-b\",reviewed:Some((at:\"2026");
    std::fs::write(&journal, &torn).unwrap();
    let report = load(dir).unwrap().report;
    assert_eq!(load_meeting(&file, &report).unwrap(), marked.meeting);
    // Both the writer that kept its copy and one that reads afresh.
    for known in [Some(&marked), None] {
        std::fs::write(&journal, &torn).unwrap();
        let again = mark(dir, "1-1-b", "鈴木", known);
        let text = std::fs::read_to_string(&journal).unwrap();
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(!text.contains("(at:\"2026\n"), "{text}");
        assert_eq!(load_meeting(&file, &report).unwrap(), again.meeting);
        assert_eq!(again.meeting.reviewed(), 2);
    }
}

#[test]
fn a_journal_that_outgrows_its_file_is_folded_into_it() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let mut done = start(dir, &["1-1-a"]);
    let file = meeting_file(dir, NAME);
    let journal = marks_file(&file);
    // Long names make long lines: past the 1 MiB a journal may grow to.
    let names = ["佐".repeat(60_000), "鈴".repeat(60_000)];
    for i in 0..5 {
        done = mark(dir, "1-1-a", &names[i % 2], Some(&done));
    }
    let text = std::fs::read_to_string(&journal).unwrap();
    assert_eq!(text.lines().count(), 5, "not folded yet");
    assert!(text.len() + text.len() / 5 > 1 << 20, "{}", text.len());
    done = mark(dir, "1-1-a", &names[1], Some(&done));
    assert_eq!(std::fs::metadata(&journal).unwrap().len(), 0, "folded");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        done.meeting.render().unwrap()
    );
    assert_eq!(
        done.meeting.agenda[0].reviewed.as_ref().unwrap().by,
        names[1]
    );
    // And marks go on in the journal.
    let next = mark_as(dir, "1-1-a", "佐藤", false, Some(&done));
    let report = load(dir).unwrap().report;
    assert_eq!(load_meeting(&file, &report).unwrap(), next.meeting);
    assert_eq!(
        std::fs::read_to_string(&journal).unwrap().lines().count(),
        1
    );
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
