//! Review meetings: started and resumed, items marked reviewed (kept across a
//! restart and a crash), changes logged with the meeting's name, the filters
//! of a meeting, the meeting file in git, bad meeting files, the minutes.

use crate::common;

use std::path::Path;

use common::TestBoard;
use kensho::board::screen::Screen;
use kensho::domain::meeting::{load_meeting, meeting_file};
use kensho::domain::minutes::Minutes;
use kensho::domain::records::load;
use kensho::i18n::Lang;
use kensho::store::changelog;

const NAME: &str = "2026-11 本部会議";

/// Start (or resume) the meeting from the board: `M`, its name, Enter.
fn start(b: &mut TestBoard) {
    b.keys("M Ctrl-u");
    b.type_text(NAME);
    b.keys("Enter");
}

fn meeting_of(dir: &Path) -> kensho::domain::meeting::Meeting {
    let report = load(dir).unwrap().report;
    load_meeting(&meeting_file(dir, NAME), &report).unwrap()
}

#[test]
fn a_meeting_walks_its_agenda_logs_its_changes_and_keeps_its_place() {
    let mut b = TestBoard::on_copy(Lang::Ja, 100, 30);
    // The agenda: what the board shows (phase D: 1-1-d, 1-1-e).
    b.keys("f j j j Space Esc");
    start(&mut b);
    assert!(matches!(b.app().top(), Screen::Walkthrough(w) if w.agenda == ["1-1-d", "1-1-e"]));
    b.keys("C m");
    b.type_text("速やかに検討");
    b.keys("Enter r");
    let m = meeting_of(b.path());
    assert_eq!(m.reviewed(), 1);
    assert_eq!(
        m.agenda[0].reviewed.as_ref().map(|r| r.by.is_empty()),
        Some(false)
    );
    assert_eq!(m.chosen_by.as_deref(), Some("実施区分:D"));
    let (log, _) = changelog::read(&b.path().join("changes.jsonl")).unwrap();
    assert!(
        log.iter().all(|c| c.meeting.as_deref() == Some(NAME)),
        "{log:?}"
    );
    // A restart resumes it at the first item not reviewed yet.
    let dir = b.path().to_path_buf();
    let mut again = TestBoard::on_dir(&dir, Lang::Ja, 100, 30);
    start(&mut again);
    match again.app().top() {
        Screen::Walkthrough(w) => assert_eq!((w.current(), w.agenda.len()), (Some("1-1-e"), 2)),
        other => panic!("{other:?}"),
    }
    assert!(
        again.screen().contains("審議済み 1 / 2"),
        "{}",
        again.screen()
    );
    drop(b);
}

#[test]
fn the_filters_of_a_meeting() {
    let mut b = TestBoard::on_copy(Lang::En, 100, 30);
    b.keys("f j j Space j Space Esc");
    start(&mut b);
    b.keys("B r Esc F");
    // Filter rows in a meeting: ..., hide relisted (7), changed here (8), not reviewed (9).
    b.keys("f j j j j j j j j Space Esc");
    assert_eq!(b.shown_ids(), vec!["1-1-d"], "changed in this meeting");
    b.keys("f j j j j j j j j Space j Space Esc");
    assert_eq!(b.shown_ids(), vec!["1-1-e", "3-4-d"], "not reviewed yet");
    assert!(common::row_text(&b.draw(), 0).contains("not reviewed yet"));
}

fn git(dir: &Path, args: &[&str]) {
    common::run::git(dir, args);
}

#[test]
fn two_people_marking_neighbouring_items_merge_cleanly_in_git() {
    let root = tempfile::tempdir().unwrap();
    let origin = root.path().join("origin");
    std::fs::create_dir(&origin).unwrap();
    for e in std::fs::read_dir(common::records_dir()).unwrap().flatten() {
        if e.file_name().to_string_lossy().ends_with(".ron") {
            std::fs::copy(e.path(), origin.join(e.file_name())).unwrap();
        }
    }
    let mut b = TestBoard::on_dir(&origin, Lang::En, 80, 24);
    start(&mut b);
    drop(b);
    git(&origin, &["init", "-q", "-b", "main"]);
    git(&origin, &["add", "."]);
    git(&origin, &["commit", "-qm", "meeting"]);
    let (a, c) = (root.path().join("a"), root.path().join("c"));
    for clone in [&a, &c] {
        git(
            root.path(),
            &[
                "clone",
                "-q",
                origin.to_str().unwrap(),
                clone.to_str().unwrap(),
            ],
        );
    }
    // A marks the first item, C the second: neighbours in the file.
    for (clone, steps) in [(&a, ""), (&c, "Space")] {
        let mut b = TestBoard::on_dir(clone, Lang::En, 80, 24);
        start(&mut b);
        b.keys(steps);
        b.keys("r");
        drop(b);
        git(clone, &["commit", "-qam", "marked"]);
    }
    git(&a, &["push", "-q", "origin", "main:other"]);
    git(&c, &["pull", "-q", "--no-rebase", "origin", "other"]);
    let m = meeting_of(&c);
    assert!(
        m.agenda[0].reviewed.is_some() && m.agenda[1].reviewed.is_some(),
        "{m:?}"
    );
}

#[test]
fn bad_meeting_files_are_clear_errors() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    std::fs::create_dir(dir.join("meetings")).unwrap();
    let file = dir.join("meetings").join("bad.ron");
    std::fs::write(&file, "Meeting(\n    name: \"bad\",\n    started: \"2026-11-24T10:00:00+09:00\",\n    agenda: [\n        Entry(item: \"9-9-z\", reviewed: None),\n    ],\n)\n").unwrap();
    let (code, _, err) = common::kensho_in(dir, &["minutes", ".", "--meeting", "bad"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("meetings/bad.ron:5:") && err.contains("\"9-9-z\""),
        "{err}"
    );
    std::fs::write(
        &file,
        "Meeting(\n    name: \"bad\",\n    agenda: [],\n    stray: 1,\n)\n",
    )
    .unwrap();
    let (code, _, err) = common::kensho_in(dir, &["minutes", ".", "--meeting", "bad"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("meetings/bad.ron:") && err.contains("stray"),
        "{err}"
    );
    let (code, _, err) = common::kensho_in(dir, &["minutes", ".", "--meeting", "no such"]);
    assert_eq!(code, 2);
    // A Japanese report's minutes (and their errors) are in Japanese.
    assert!(err.contains("会議「no such」はありません"), "{err}");
}

#[test]
fn the_minutes_group_changes_and_count_before_and_after() {
    let mut b = TestBoard::on_copy(Lang::En, 100, 30);
    b.keys("f j j j Space Esc");
    start(&mut b);
    b.keys("C 2 m");
    b.type_text("decided");
    b.keys("Enter r");
    let dir = b.path().to_path_buf();
    let records = load(&dir).unwrap();
    let (log, _) = changelog::read(&dir.join("changes.jsonl")).unwrap();
    let m = Minutes::of(&records.report, &meeting_of(&dir), &log);
    assert_eq!(m.changes.len(), 1);
    let g = &m.changes[0];
    assert_eq!((g.recommendation, g.point, g.changes.len()), (1, 1, 2));
    assert_eq!(
        g.changes[1].reason.as_deref(),
        Some("decided"),
        "the reason given after"
    );
    // 1-1-d was D / III, now C / II.
    let at = |t: &kensho::domain::minutes::Table, p: &str, d: &str| {
        let i = t.phases.iter().position(|x| x == p).unwrap();
        let j = t.directions.iter().position(|x| x == d).unwrap();
        t.counts[i][j]
    };
    assert_eq!(
        (at(&m.before, "D", "III"), at(&m.after, "D", "III")),
        (1, 0)
    );
    assert_eq!(at(&m.after, "C", "II") - at(&m.before, "C", "II"), 1);
    assert_eq!(
        (m.reviewed.len(), m.not_reviewed.clone()),
        (1, vec!["1-1-e".to_string()])
    );
}

#[test]
fn a_meeting_closed_elsewhere_takes_no_more_changes_or_marks() {
    let mut b = TestBoard::on_copy(Lang::En, 100, 30);
    b.keys("f j j j Space Esc");
    start(&mut b);
    // Closed from another terminal while the board walks it.
    let dir = b.path().to_str().unwrap().to_string();
    let (code, _, err) = common::kensho(&["minutes", &dir, "--meeting", NAME, "--close"]);
    assert_eq!(code, 0, "{err}");
    b.keys("C");
    let (log, _) = changelog::read(&b.path().join("changes.jsonl")).unwrap();
    assert_eq!(
        log.last().unwrap().meeting,
        None,
        "a change after the close is not the meeting's"
    );
    b.keys("r");
    assert!(b.message().contains("closed"), "{}", b.message());
    assert_eq!(
        meeting_of(b.path()).reviewed(),
        0,
        "no mark in a closed meeting"
    );
    // The board learns it on its next look at the files.
    b.act(kensho::board::action::Action::Tick(
        std::time::Instant::now(),
    ));
    assert!(common::row_text(&b.draw(), 0).contains("(closed)"));
}

#[test]
fn saves_and_marks_waiting_in_a_meeting_hold_no_copy_of_the_records() {
    let mut b = TestBoard::on_copy(Lang::En, 100, 30);
    b.keys("f j j j Space Esc");
    start(&mut b);
    let shares = std::sync::Arc::strong_count(b.app().board().records());
    let set = |b: &mut TestBoard, code: &str| {
        let set = kensho::board::action::Command::SetPhase(code.into());
        let action = kensho::board::action::Action::Command(set);
        b.rt.step(&mut b.host, action).unwrap();
    };
    let now = b
        .app()
        .board()
        .selected_item()
        .unwrap()
        .item
        .phase
        .0
        .clone();
    let [first, second] = match now.as_str() {
        "A" | "B" => ["C", "D"],
        _ => ["A", "B"],
    };
    // Two keys while another writer holds the folder: both saves wait.
    let hold = b.hold_lock();
    set(&mut b, first);
    set(&mut b, second);
    // And the item marked reviewed: the mark waits behind the saves.
    b.press("r");
    // The meeting's open state is read from its file, its items checked
    // against the records' ids: no waiting job holds the records.
    assert_eq!(
        std::sync::Arc::strong_count(b.app().board().records()),
        shares
    );
    drop(hold);
    b.settle();
    let (log, _) = changelog::read(&b.path().join("changes.jsonl")).unwrap();
    let last: Vec<_> = log[log.len() - 2..]
        .iter()
        .map(|c| (c.new.as_str(), c.meeting.as_deref()))
        .collect();
    assert_eq!(last, [(first, Some(NAME)), (second, Some(NAME))]);
    assert_eq!(meeting_of(b.path()).reviewed(), 1, "the mark landed");
}

#[test]
fn a_reason_goes_with_the_change_of_the_item_on_screen() {
    let mut b = TestBoard::on_copy(Lang::Ja, 100, 30);
    b.keys("f j j j Space Esc");
    start(&mut b);
    b.keys("C Space m");
    assert!(
        b.message()
            .contains("この項目にはこの画面で保存した変更がありません"),
        "{}",
        b.message()
    );
    b.keys("Left m");
    b.type_text("速やかに検討");
    b.keys("Enter");
    let (log, _) = changelog::read(&b.path().join("changes.jsonl")).unwrap();
    let last = log.last().unwrap();
    assert_eq!(
        (last.item.as_str(), last.reason.as_deref()),
        ("1-1-d", Some("速やかに検討"))
    );
}

#[test]
fn names_that_would_share_a_file_or_are_too_long_are_refused() {
    let mut b = TestBoard::on_copy(Lang::En, 100, 30);
    start(&mut b);
    b.keys("Esc M Ctrl-u");
    b.type_text("2026-11_本部会議");
    // A slip of an existing name: asked first, then refused (one file).
    b.keys("Enter");
    assert!(
        b.message().contains("with a name like this"),
        "{}",
        b.message()
    );
    b.keys("Enter");
    assert!(
        b.message().contains("used by another meeting"),
        "{}",
        b.message()
    );
    assert_eq!(
        meeting_of(b.path()).name,
        NAME,
        "the other meeting's file is untouched"
    );
    b.keys("Esc M Ctrl-u");
    b.type_text(&"会".repeat(61));
    b.keys("Enter");
    assert!(b.message().contains("too long"), "{}", b.message());
    // 60 emoji are 60 characters, but too long a file name for the minutes.
    b.keys("Esc M Ctrl-u");
    b.type_text(&"🎌".repeat(60));
    b.keys("Enter");
    assert!(b.message().contains("too long"), "{}", b.message());
    // 60 Japanese characters make a meeting whose minutes can be written.
    let longest = "会".repeat(60);
    b.keys("Esc M Ctrl-u");
    b.type_text(&longest);
    b.keys("Enter");
    let dir = b.path().to_str().unwrap().to_string();
    let (code, _, err) = common::kensho(&["minutes", &dir, "--meeting", &longest, "--close"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn the_minutes_leave_out_what_came_after_the_close() {
    let report = load(&common::records_dir()).unwrap().report;
    let mut meeting = kensho::domain::meeting::Meeting::new(
        NAME,
        "2026-11-24T10:00:00+09:00".into(),
        None,
        vec!["1-1-a".into()],
    );
    meeting.closed = Some("2026-11-24T12:00:00+09:00".into());
    let change = |at: &str, new: &str, txn: &str| changelog::Change {
        timestamp: at.into(),
        user: "sato".into(),
        display_name: None,
        ssh_client: None,
        item: "1-1-a".into(),
        field: kensho::domain::field::Field::Phase,
        old: "A".into(),
        new: new.into(),
        reason: None,
        meeting: Some(NAME.into()),
        department: None,
        txn: txn.into(),
        state: None,
        status: changelog::LogStatus::Applied,
        version: "0".into(),
    };
    let mut aborted = change("2026-11-24T11:30:00+09:00", "C", "t3");
    aborted.status = changelog::LogStatus::Aborted;
    let log = vec![
        change("2026-11-24T11:00:00+09:00", "B", "t1"),
        change("2026-11-24T11:20:00+09:00", "C", "t3"),
        aborted,
        change("2026-11-24T13:00:00+09:00", "D", "t2"),
    ];
    let m = Minutes::of(&report, &meeting, &log);
    let news: Vec<&str> = m
        .changes
        .iter()
        .flat_map(|g| &g.changes)
        .map(|c| c.new.as_str())
        .collect();
    assert_eq!(
        news,
        vec!["B"],
        "the aborted save and the change after the close are left out"
    );
}

#[test]
fn two_boards_in_one_meeting_see_each_others_marks() {
    let mut a = TestBoard::on_copy(Lang::Ja, 100, 30);
    a.keys("f j j j Space Esc");
    start(&mut a);
    let mut b = TestBoard::on_dir(a.path(), Lang::Ja, 100, 30);
    start(&mut b);
    assert!(
        b.message().contains("再開しました") && b.message().contains("実施区分:D"),
        "{}",
        b.message()
    );
    a.keys("r");
    b.act(kensho::board::action::Action::Tick(
        std::time::Instant::now(),
    ));
    assert!(
        common::row_text(&b.draw(), 0).contains("審議済み 1 / 2"),
        "{}",
        b.screen()
    );
    // And b takes the mark back (it knows the item is marked).
    b.keys("Left r");
    assert_eq!(meeting_of(b.path()).reviewed(), 0);
}

#[test]
fn a_mark_cut_short_leaves_nothing_behind_and_git_ignores_it_meanwhile() {
    let mut b = TestBoard::on_copy(Lang::En, 100, 30);
    start(&mut b);
    let meetings = b.path().join("meetings");
    let ignore = std::fs::read_to_string(meetings.join(".gitignore")).unwrap();
    assert!(ignore.contains(".*.ron.*"), "{ignore}");
    // What a mark killed halfway leaves: the temporary file of its write.
    let left = meetings.join(".2026-11_本部会議.ron.Ab12Cd");
    std::fs::write(&left, "Meeting(").unwrap();
    let minutes_left = meetings.join(".2026-11_本部会議.minutes.md.Zz99Yy");
    std::fs::write(&minutes_left, "#").unwrap();
    let dir = b.path().to_path_buf();
    let out = common::run::set(&dir, &["1-1-a", "phase=B"]);
    assert!(out.status.success());
    assert!(!left.exists() && !minutes_left.exists());
    assert!(meetings.join("2026-11_本部会議.ron").exists());
}

#[test]
fn an_item_reviewed_and_left_as_it_was_has_the_outcome_as_it_stands() {
    let mut b = TestBoard::on_copy(Lang::Ja, 100, 30);
    start(&mut b);
    // 1-1-a reviewed as it is; 1-1-b changed, then reviewed.
    b.keys("r C r");
    let dir = b.path().to_str().unwrap().to_string();
    let (code, out, err) = common::kensho_in(b.path(), &["minutes", &dir, "--meeting", NAME]);
    assert_eq!(code, 0, "{err}");
    let summary = out.split("## 議事概要").nth(1).expect(&out);
    let items: Vec<&str> = summary.split("\n- ").skip(1).collect();
    assert!(
        items[0].contains("（1-1-a）")
            && items[0].contains("結果: 現状どおり（実施区分 A、評価区分 I）"),
        "{out}"
    );
    assert!(
        items[1].contains("（1-1-b）")
            && items[1].contains("結果: 実施区分を A（既に取り組んでいる項目）から C"),
        "{out}"
    );
}
