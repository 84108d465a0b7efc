//! Meetings as things you can see (issue 23): `kensho meetings` lists them,
//! reopens and removes one; a name a slip away from an existing meeting's
//! is not started without `--new-meeting`; `minutes` without `--meeting`
//! takes the meeting with the latest activity and says which.

use crate::common::{self, kensho_in};

use kensho::domain::meeting::meeting_file;
use kensho::domain::records::load;
use kensho::store::meeting::{MeetingChange, change_meeting};

const NAME: &str = "2026-12 本部会議";

fn meeting(dir: &std::path::Path, name: &str, change: MeetingChange, at: &str) {
    let report = load(dir).unwrap().report;
    change_meeting(dir, &report, name, &change, (at, "事務局"), None).unwrap();
}

fn start(dir: &std::path::Path, name: &str, items: &[&str], at: &str) {
    let change = MeetingChange::Start {
        chosen_by: None,
        items: items.iter().map(|s| s.to_string()).collect(),
        zone: None,
    };
    meeting(dir, name, change, at);
}

fn mark(dir: &std::path::Path, name: &str, item: &str, at: &str) {
    let change = MeetingChange::Review {
        item: item.into(),
        reviewed: true,
    };
    meeting(dir, name, change, at);
}

/// Two meetings: 2026-12 本部会議 (1-1-a reviewed, closed at 11:00) and a
/// stray 2026-12本部会議 started by a slip at 10:05, nothing marked.
fn two_meetings(dir: &std::path::Path) {
    start(dir, NAME, &["1-1-a", "1-1-b"], "2026-12-04T10:00:00+09:00");
    mark(dir, NAME, "1-1-a", "2026-12-04T10:30:00+09:00");
    meeting(dir, NAME, MeetingChange::Close, "2026-12-04T11:00:00+09:00");
    let stray_at = "2026-12-04T10:05:00+09:00";
    start(dir, "2026-12本部会議", &["1-1-a"], stray_at);
}

#[test]
fn meetings_are_listed_and_one_is_reopened() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let d = dir.to_str().unwrap();
    let (code, out, _) = kensho_in(dir, &["meetings", d, "--lang", "ja"]);
    assert_eq!(code, 0);
    assert!(out.contains("会議がまだありません"), "{out}");
    two_meetings(dir);
    let (code, out, err) = kensho_in(dir, &["meetings", d, "--lang", "ja"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].contains("状態") && lines[0].contains("最終活動"),
        "{out}"
    );
    let row = lines.iter().find(|l| l.starts_with(NAME)).unwrap();
    assert!(
        row.contains("終了") && row.contains("2026-12-04 11:00"),
        "{row}"
    );
    let cols: Vec<&str> = row.split_whitespace().collect();
    assert!(
        cols.windows(2).any(|w| w == ["2", "1"]),
        "agenda 2, reviewed 1: {row}"
    );
    // Reopened: open again, marks kept, and marks go on.
    let (code, out, err) = kensho_in(dir, &["meetings", "reopen", NAME, d, "--lang", "ja"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("再開しました") && out.contains("審議済み 1"),
        "{out}"
    );
    mark(dir, NAME, "1-1-b", "2026-12-04T11:10:00+09:00");
    let report = load(dir).unwrap().report;
    let file = meeting_file(dir, NAME);
    let m = kensho::domain::meeting::load_meeting(&file, &report).unwrap();
    assert_eq!((m.closed.as_deref(), m.reviewed()), (None, 2));
    // The journal emptied at the close takes the new mark.
    let journal = std::fs::read_to_string(file.with_extension("marks")).unwrap();
    assert_eq!(journal.lines().count(), 1, "{journal}");
    assert!(journal.contains("1-1-b"), "{journal}");
    // A meeting not there is said with the name it was most likely meant to be.
    let (code, _, err) = kensho_in(
        dir,
        &["meetings", "reopen", "2026-12 本部会", d, "--lang", "ja"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("もしかして「2026-12 本部会議」"), "{err}");
}

#[test]
fn the_latest_meeting_has_the_minutes_and_a_stray_one_is_removed() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let d = dir.to_str().unwrap();
    two_meetings(dir);
    // The minutes without --meeting: the meeting with the latest activity,
    // said on standard error (the stray one started later, but 2026-12
    // 本部会議 was closed last).
    let (code, out, err) = kensho_in(dir, &["minutes", d, "--lang", "ja"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("会議「2026-12 本部会議」の議事要旨です"),
        "{err}"
    );
    assert!(out.contains("# 2026-12 本部会議 議事要旨"), "{out}");
    // Removed: refused while it holds marks, unless --force.
    let file = meeting_file(dir, NAME);
    let (code, _, err) = kensho_in(dir, &["meetings", "remove", NAME, d, "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("1 item(s) marked reviewed") && err.contains("--force"),
        "{err}"
    );
    assert!(file.exists());
    // The stray meeting, with no marks and no changes, is removed.
    let stray = meeting_file(dir, "2026-12本部会議");
    assert!(stray.exists() && stray.with_extension("marks").exists());
    let (code, out, err) = kensho_in(dir, &["meetings", "remove", "2026-12本部会議", d]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("removed") || out.contains("削除しました"),
        "{out}"
    );
    assert!(!stray.exists() && !stray.with_extension("marks").exists());
    let (code, _, err) = kensho_in(dir, &["meetings", "remove", NAME, d, "--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(!file.exists() && !file.with_extension("marks").exists());
}

#[test]
fn the_m_prompt_offers_the_meetings_and_asks_before_a_near_duplicate() {
    use crate::common::TestBoard;
    use kensho::board::screen::Screen;
    use kensho::i18n::Lang;
    let mut b = TestBoard::on_copy(Lang::Ja, 100, 30);
    b.keys("M Ctrl-u");
    b.type_text(NAME);
    b.keys("Enter Esc M");
    let screen = b.screen();
    assert!(screen.contains("会議") && screen.contains(NAME), "{screen}");
    b.keys("Ctrl-u");
    b.type_text("2026-12本部会議");
    b.keys("Enter");
    assert!(
        matches!(b.app().top(), Screen::MeetingPrompt(_)),
        "not started yet"
    );
    assert!(
        b.message().contains("似た名前の会議「2026-12 本部会議」"),
        "{}",
        b.message()
    );
    assert!(!meeting_file(b.path(), "2026-12本部会議").exists());
    b.keys("Enter");
    assert!(matches!(b.app().top(), Screen::Walkthrough(_)));
    assert!(
        meeting_file(b.path(), "2026-12本部会議").exists(),
        "confirmed: started"
    );
    // The exact name resumes without a question.
    b.keys("Esc M Ctrl-u");
    b.type_text(NAME);
    b.keys("Enter");
    assert!(matches!(b.app().top(), Screen::Walkthrough(_)));
}
