//! Every failure the board or a command can meet is said in the reader's
//! language: each kind, put into words in Japanese (no English sentence)
//! and in English (no Japanese word of the interface's own). The values in
//! them are ASCII here, so any Japanese in an English sentence is chrome.

use std::path::PathBuf;
use std::sync::Arc;

use super::assert_japanese;
use crate::common;
use kensho::board::keymap::{KeymapError, ScreenKind};
use kensho::board::work::{EditorError, PresenceFailure, StoreFailure};
use kensho::cli::{FilterError, NoMeeting, SinceError};
use kensho::domain::export::{ExportError, Format};
use kensho::domain::field::{Conflict, Field};
use kensho::i18n::{Lang, Msg};
use kensho::store::baseline::SinceCommit;
use kensho::store::presence::PresenceError;
use kensho::store::unlogged::Unlogged;
use kensho::store::verify::StateCheck;
use kensho::store::{EditError, StoreError};
use kensho::workbook::returned::{ReturnError, TooLarge, Trouble};
use kensho::workbook::survey::Col;

pub(super) fn io(kind: std::io::ErrorKind) -> std::io::Error {
    std::io::Error::from(kind)
}

pub(super) fn path() -> PathBuf {
    PathBuf::from("/records/x.ron")
}

fn japanese_in(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| matches!(*c as u32, 0x3040..=0x30FF | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF))
        .collect()
}

/// `text` without what the system said, which follows the Japanese in
/// full-width parentheses as the system said it.
fn without_system_words(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '（' => depth += 1,
            '）' if depth > 0 => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Said in both languages as it should be.
pub(super) fn both(what: &str, say: impl Fn(Lang) -> String) {
    let ja = say(Lang::Ja);
    assert_japanese(what, &without_system_words(&ja));
    assert!(!japanese_in(&ja).is_empty(), "{what}: no Japanese in {ja}");
    let en = say(Lang::En);
    assert!(japanese_in(&en).is_empty(), "{what}: Japanese in {en}");
    assert!(!en.trim().is_empty(), "{what}");
}

fn edit_errors() -> Vec<(&'static str, EditError)> {
    let lock = || EditError::Lock {
        path: path(),
        source: io(std::io::ErrorKind::PermissionDenied),
    };
    vec![
        ("lock", lock()),
        (
            "log",
            EditError::Log {
                path: path(),
                source: io(std::io::ErrorKind::StorageFull),
            },
        ),
        (
            "save",
            EditError::Save(StoreError::Io {
                path: path(),
                source: io(std::io::ErrorKind::ReadOnlyFilesystem),
            }),
        ),
        (
            "unknown item",
            EditError::UnknownItem {
                id: "9-9-z".into(),
                near: vec!["1-1-a".into()],
            },
        ),
        (
            "bad code",
            EditError::BadCode {
                field: Field::Phase,
                value: "E".into(),
                scale: "phase".into(),
                allowed: vec!["A".into(), "B".into()],
            },
        ),
        (
            "conflict",
            EditError::Conflict(Conflict {
                item: "1-1-a".into(),
                field: Field::Phase,
                seen: "A".into(),
                theirs: "B".into(),
                ours: "C".into(),
            }),
        ),
        (
            "meeting closed",
            EditError::MeetingClosed { name: "M1".into() },
        ),
        (
            "meeting name taken",
            EditError::MeetingNameTaken {
                name: "M1".into(),
                other: "M2".into(),
            },
        ),
        (
            "meeting name too long",
            EditError::MeetingNameTooLong {
                name: "M1".into(),
                max: 100,
            },
        ),
        (
            "no such meeting",
            EditError::NoSuchMeeting { name: "M1".into() },
        ),
        (
            "meeting in use",
            EditError::MeetingInUse {
                name: "M1".into(),
                marks: 2,
                changes: 3,
            },
        ),
    ]
    .into_iter()
    .chain(unlogged_errors())
    .collect()
}

fn unlogged_errors() -> Vec<(&'static str, EditError)> {
    vec![
        (
            "changed outside kensho",
            EditError::Unlogged(Box::new(Unlogged {
                dir: path(),
                differences: Vec::new(),
                state: StateCheck::MatchesNone {
                    last: "2026-12-04T10:00:00+09:00".into(),
                },
                since_commit: None,
            })),
        ),
        (
            "changed since the last commit",
            EditError::Unlogged(Box::new(Unlogged {
                dir: path(),
                differences: Vec::new(),
                state: StateCheck::Unknown,
                since_commit: Some((
                    "abc1234".into(),
                    vec![SinceCommit {
                        item: "1-1-a".into(),
                        field: Field::Phase,
                        committed: "A".into(),
                        now: "B".into(),
                    }],
                )),
            })),
        ),
        (
            "changed since the last commit, outside the fields",
            EditError::Unlogged(Box::new(Unlogged {
                dir: path(),
                differences: Vec::new(),
                state: StateCheck::Unknown,
                since_commit: Some(("abc1234".into(), Vec::new())),
            })),
        ),
    ]
}

#[test]
fn every_failure_of_the_store_and_the_presence_file_is_said_in_both_languages() {
    for (what, e) in edit_errors() {
        let failure = StoreFailure::new(e);
        both(what, |lang| failure.say(lang));
    }
    let presence = [
        PresenceError::Read {
            path: path(),
            source: io(std::io::ErrorKind::PermissionDenied),
        },
        PresenceError::NotText { path: path() },
        PresenceError::NotPresence {
            path: path(),
            at: "1:2".into(),
            error: "Expected".into(),
        },
        PresenceError::Write(StoreError::Io {
            path: path(),
            source: io(std::io::ErrorKind::StorageFull),
        }),
        PresenceError::Lock(EditError::MeetingClosed { name: "M1".into() }),
    ];
    for e in presence {
        let what = format!("{e:?}");
        let failure = PresenceFailure::new(e);
        both(&what, |lang| failure.say(lang));
        // As the board shows it, in its footer.
        both(&what, |lang| {
            Msg::PresenceFailed.fill(lang, &[("error", &failure.say(lang))])
        });
    }
    let editor = [
        EditorError::File(Arc::new(io(std::io::ErrorKind::StorageFull))),
        EditorError::Start {
            editor: "vi".into(),
            source: Arc::new(io(std::io::ErrorKind::NotFound)),
        },
        EditorError::Failed {
            editor: "vi".into(),
            status: "1".into(),
        },
    ];
    for e in editor {
        both(&format!("{e:?}"), |lang| e.say(lang));
    }
}

#[test]
fn every_failure_of_a_returned_workbook_is_said_in_both_languages() {
    let file = "x.xlsx".to_string();
    let whole = [
        ReturnError::NotWorkbook {
            file: file.clone(),
            zip: true,
        },
        ReturnError::NotWorkbook {
            file: file.clone(),
            zip: false,
        },
        ReturnError::NotSurvey { file: file.clone() },
        ReturnError::NewerFormat {
            file: file.clone(),
            version: 9,
        },
        ReturnError::OtherReport {
            file: file.clone(),
            cell: "A1".into(),
            theirs: "T".into(),
            ours: "O".into(),
        },
        ReturnError::SheetMissing {
            file: file.clone(),
            sheet: "S".into(),
        },
        ReturnError::HeadingMoved {
            cell: "A3".into(),
            expected: "E".into(),
            found: "F".into(),
        },
        ReturnError::TooLarge {
            file: file.clone(),
            what: TooLarge::Total,
        },
        ReturnError::TooLarge {
            file: file.clone(),
            what: TooLarge::Part {
                part: "xl/sharedStrings.xml".into(),
            },
        },
        ReturnError::TooLarge {
            file: file.clone(),
            what: TooLarge::String {
                part: "xl/sharedStrings.xml".into(),
            },
        },
        ReturnError::TooLarge {
            file: file.clone(),
            what: TooLarge::Parts,
        },
    ];
    for e in whole {
        both(&format!("{e:?}"), |lang| e.say(lang));
    }
}

#[test]
fn every_problem_of_a_returned_row_is_said_in_japanese() {
    let report = kensho::domain::records::load(&common::records_dir())
        .unwrap()
        .report;
    let cell = || "S!G4".to_string();
    let rows = [
        Trouble::NotText {
            cell: cell(),
            value: "DateTime".into(),
        },
        Trouble::NoId { cell: cell() },
        Trouble::Formula { cell: cell() },
        Trouble::OtherDepartment {
            cell: cell(),
            id: "1-1-a".into(),
            department: "保) 保健所".into(),
        },
        Trouble::DuplicateId {
            cell: cell(),
            id: "1-1-a".into(),
            first: "S!A4".into(),
        },
        Trouble::UnknownId {
            cell: cell(),
            id: "9-9-z".into(),
        },
        Trouble::GoneId {
            cell: cell(),
            id: "9-9-z".into(),
        },
        Trouble::BadCode {
            cell: cell(),
            value: "E".into(),
            field: Field::Phase,
        },
        Trouble::Conflict {
            cell: cell(),
            item: "1-1-a".into(),
            field: Field::Progress,
            seen: "a".into(),
            theirs: "b".into(),
            ours: "c".into(),
        },
    ];
    for t in rows {
        // The scales' and fields' names come from the records (Japanese):
        // only the Japanese sentence is checked.
        assert_japanese(&format!("{t:?}"), &t.say(&report, Lang::Ja));
    }
    let locked = Trouble::LockedEdited {
        cell: cell(),
        column: Col::Id,
        old: "a".into(),
        new: "b".into(),
    };
    assert_japanese("locked cell", &locked.say(&report, Lang::Ja));
}

#[test]
fn every_failure_of_the_command_line_is_said_in_both_languages() {
    let filters = [
        FilterError::Code {
            flag: "--phase",
            code: "E".into(),
            scale: "phase".into(),
            allowed: vec!["A".into()],
        },
        FilterError::Department {
            text: "X1".into(),
            all: vec!["Y2".into()],
        },
    ];
    for e in filters {
        both(&format!("{e:?}"), |lang| e.say(lang));
    }
    both("since", |lang| SinceError::new("Q9").say(lang));
    both("no meeting", |lang| {
        NoMeeting::Named("M1".into(), None).say(lang)
    });
    both("no meeting, a near one", |lang| {
        NoMeeting::Named("M1".into(), Some("M2".into())).say(lang)
    });
    both("no meetings", |lang| NoMeeting::None.say(lang));
    both("not text", |lang| {
        ExportError::NotText(Format::Xlsx).say(lang)
    });
    let unread = KeymapError::Unread {
        screen: ScreenKind::Browse,
        word: "Ctrl-".into(),
        help: Msg::KeyMove,
    };
    let report = kensho::domain::records::load(&common::records_dir())
        .unwrap()
        .report;
    both("unread key", |lang| unread.say(&report, lang));
}
