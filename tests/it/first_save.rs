//! A save that must read every file (a folder never saved: no log, no
//! cache) reads them one at a time and hands back only its changes, never
//! a second whole report; every promise of the whole reading holds: a
//! hand edit since git's last commit is refused, a field someone else
//! changed is a conflict, a save of two files is all or nothing and logged
//! in the order of its edits.

use crate::common;
use common::run::{git, verify_ok};

use std::path::Path;

use kensho::domain::field::{Edit, Field};
use kensho::domain::records::load;
use kensho::store::{EditError, SeenValues, Why, apply_edits, apply_edits_beside};

fn edit(item: &str, field: Field, value: &str) -> Edit {
    Edit {
        item: item.into(),
        field,
        value: value.into(),
    }
}

/// Every file of the folder (hidden ones too) but the lock, with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    common::snapshot(dir)
        .into_iter()
        .filter(|(n, _)| !n.starts_with(".kensho.lock"))
        .collect()
}

#[test]
fn a_never_saved_folder_is_read_one_file_at_a_time_and_only_the_changes_come_back() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let board = load(dir).unwrap();
    let edits = [
        edit("2-1-a", Field::Phase, "D"),
        edit("1-1-a", Field::Direction, "III"),
    ];
    let saved = apply_edits(dir, &edits, Why::default(), Some(&board.report)).unwrap();
    assert!(saved.read_all, "every file is read");
    assert!(saved.records.is_none(), "no second report handed back");
    let written: Vec<_> = saved.written.iter().map(|w| w.path.clone()).collect();
    assert_eq!(
        written,
        [
            dir.join("recommendation-1.ron"),
            dir.join("recommendation-2.ron")
        ]
    );
    // Logged in the order of the edits, one transaction.
    let items: Vec<_> = saved.changes.iter().map(|c| c.item.as_str()).collect();
    assert_eq!(items, ["2-1-a", "1-1-a"]);
    assert_eq!(saved.changes[0].txn, saved.changes[1].txn);
    // The board's copy with the changes applied is the data on disk.
    let mut mine = board.report.clone();
    for e in &edits {
        e.field
            .set(mine.item_mut(&e.item).unwrap(), e.value.clone());
    }
    assert_eq!(load(dir).unwrap().report, mine);
    verify_ok(dir);
    // The cache now knows every file: the next save reads only its own.
    let next = apply_edits(
        dir,
        &[edit("3-1-a", Field::Phase, "C")],
        Why::default(),
        None,
    );
    assert!(!next.unwrap().read_all);
    verify_ok(dir);
}

#[test]
fn a_boards_save_that_reads_every_file_saves_what_a_commands_save_does() {
    let edits = [
        edit("2-1-a", Field::Phase, "D"),
        edit("1-1-a", Field::Direction, "III"),
        edit("6-1-a", Field::Progress, "一つずつ読んで保存"),
    ];
    let (command, board) = (common::copy_records(), common::copy_records());
    let report = load(board.path()).unwrap().report;
    let by_command = apply_edits(command.path(), &edits, Why::default(), Some(&report)).unwrap();
    // What a board keeps with its save: the values it saw, not the records.
    let seen = SeenValues::of(&report, &edits);
    let by_board = apply_edits_beside(board.path(), &edits, Why::default(), Some(&seen)).unwrap();
    assert!(by_board.read_all && by_board.records.is_none());
    let said = |s: &kensho::store::Saved| -> Vec<(String, String, String)> {
        let c = s.changes.iter();
        c.map(|c| (c.item.clone(), c.old.clone(), c.new.clone()))
            .collect()
    };
    assert_eq!(said(&by_board), said(&by_command));
    assert_eq!(by_board.changes.len(), 3);
    let ron = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        let all = common::snapshot(dir).into_iter();
        all.filter(|(n, _)| n.ends_with(".ron")).collect()
    };
    assert_eq!(ron(board.path()), ron(command.path()));
    verify_ok(board.path());
    // On a folder never saved, a field changed since the board saw it is
    // refused the same way.
    let fresh = common::copy_records();
    set_in_file(fresh.path(), "2-1-a", "D");
    let again = [edit("2-1-a", Field::Phase, "B")];
    let stale = SeenValues::of(&report, &again);
    match apply_edits_beside(fresh.path(), &again, Why::default(), Some(&stale)) {
        Err(EditError::Conflict(c)) => {
            assert_eq!((c.item.as_str(), c.theirs.as_str()), ("2-1-a", "D"))
        }
        other => panic!("no conflict: {other:?}"),
    }
}

/// Item `id`'s phase set to `code` in its file, by hand (no log line).
fn set_in_file(dir: &Path, id: &str, code: &str) {
    let path = dir.join(format!("recommendation-{}.ron", &id[..1]));
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find(&format!("id: \"{id}\"")).unwrap();
    let phase = at + text[at..].find("phase: \"").unwrap() + "phase: \"".len();
    let end = phase + text[phase..].find('"').unwrap();
    std::fs::write(&path, format!("{}{code}{}", &text[..phase], &text[end..])).unwrap();
}

#[test]
fn a_hand_edit_in_a_never_logged_file_is_refused_on_the_first_save() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-qm", "records"]);
    let board = load(dir).unwrap();
    // A text of a file that no save will touch, changed by hand.
    let path = dir.join("recommendation-6.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find("progress: \"").unwrap() + "progress: \"".len();
    std::fs::write(&path, format!("{}手で{}", &text[..at], &text[at..])).unwrap();
    let before = files(dir);
    let edits = [edit("1-1-a", Field::Phase, "D")];
    match apply_edits(dir, &edits, Why::default(), Some(&board.report)) {
        Err(EditError::Unlogged(u)) => {
            let said = u.say(kensho::i18n::Lang::En);
            assert!(said.contains("progress"), "{said}");
            assert!(said.contains("kensho adopt"), "{said}");
        }
        other => panic!("not refused: {other:?}"),
    }
    assert_eq!(files(dir), before, "a refused save writes nothing");
}

#[test]
fn a_field_changed_by_someone_else_is_a_conflict_and_nothing_is_left_behind() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let board = load(dir).unwrap();
    // Someone else's change, in the file, never logged by this board.
    let path = dir.join("recommendation-2.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find("id: \"2-1-a\"").unwrap();
    let phase = at + text[at..].find("phase: \"").unwrap() + "phase: \"".len();
    let theirs = if &text[phase..phase + 1] == "C" {
        "D"
    } else {
        "C"
    };
    let edited = format!("{}{theirs}{}", &text[..phase], &text[phase + 1..]);
    std::fs::write(&path, edited).unwrap();
    let before = files(dir);
    let edits = [
        edit("1-1-a", Field::Direction, "III"),
        edit("2-1-a", Field::Phase, "B"),
    ];
    match apply_edits(dir, &edits, Why::default(), Some(&board.report)) {
        Err(EditError::Conflict(c)) => assert_eq!(c.item, "2-1-a"),
        other => panic!("no conflict: {other:?}"),
    }
    // Not even the new text of the file read before the conflict.
    assert_eq!(files(dir), before);
}
