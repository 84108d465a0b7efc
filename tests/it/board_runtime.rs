//! The runtime: search and filters always answer from the data on screen,
//! after saves, reloads, undo and redo; saves never hold up the keys.

use crate::common;

use std::time::Instant;

use common::TestBoard;
use kensho::board::action::{Action, Command};
use kensho::board::outline::ShownState;
use kensho::i18n::Lang;

fn set_with_the_cli(b: &TestBoard, args: &[&str]) {
    let mut all = vec!["set", b.path().to_str().unwrap()];
    all.extend_from_slice(args);
    let (code, _, err) = common::kensho(&all);
    assert_eq!(code, 0, "{err}");
}

/// The board opened on an agenda, as `kensho records --phase C,D` does.
fn agenda(phases: &str) -> TestBoard {
    let mut b = TestBoard::on_copy(Lang::Ja, 100, 30);
    let filters = kensho::cli::FilterArgs {
        phase: phases.split(',').map(str::to_string).collect(),
        ..Default::default()
    }
    .to_filters(b.app().board().report())
    .unwrap();
    let opening = kensho::board::action::Opening {
        filters,
        ..Default::default()
    };
    b.act(Action::Open(opening));
    b
}

#[test]
fn the_filtered_list_follows_every_change_of_the_data() {
    let mut b = agenda("C,D");
    assert_eq!(b.shown_ids(), vec!["1-1-d", "1-1-e", "3-4-d"]);
    // Saved here: 3-4-d C → A. It no longer matches, but stays (marked) while selected.
    b.jump("3-4-d");
    b.keys("A");
    assert_eq!(b.app().board().search().hits().unwrap().len(), 2);
    assert_eq!(b.shown_ids(), vec!["1-1-d", "1-1-e", "3-4-d"]);
    let o = &b.app().board().outline();
    assert_eq!(o.shown_state(o.selected()), ShownState::Kept);
    assert!(
        b.screen()
            .contains("この項目は今の検索・絞り込みに当てはまりません")
    );
    // Moving on drops it.
    b.keys("k");
    assert_eq!(b.shown_ids(), vec!["1-1-d", "1-1-e"]);
    // Saved by someone else (the command line): 1-1-e D → A, noticed on a tick.
    set_with_the_cli(&b, &["1-1-e", "phase=A"]);
    b.act(Action::Tick(Instant::now()));
    assert!(
        b.message().contains("他の人の変更を読み込みました"),
        "{}",
        b.message()
    );
    assert_eq!(b.shown_ids(), vec!["1-1-d"]);
    // The filter toggled off and on again asks the worker afresh: same answer.
    b.keys("f j j Space Space Esc");
    assert_eq!(b.shown_ids(), vec!["1-1-d"]);
    let header = common::row_text(&b.draw(), 0);
    assert!(
        header.contains("1 / 1") && header.contains("88"),
        "{header}"
    );
}

#[test]
fn undo_and_redo_bring_items_back_into_the_results() {
    let mut b = agenda("D");
    assert_eq!(b.shown_ids(), vec!["1-1-d", "1-1-e"]);
    b.jump("1-1-d");
    b.keys("A k");
    assert_eq!(b.shown_ids(), vec!["1-1-e"]);
    b.keys("u");
    assert_eq!(b.shown_ids(), vec!["1-1-d", "1-1-e"], "undone: D again");
    b.keys("Ctrl-r");
    assert_eq!(
        b.app().board().search().hits().unwrap().len(),
        1,
        "redone: A again"
    );
}

#[test]
fn a_search_answers_from_the_saved_text() {
    let mut b = TestBoard::on_copy(Lang::Ja, 100, 30);
    b.keys("/");
    b.type_text("'審議会で決定した新方針");
    b.keys("Enter");
    assert!(b.shown_ids().is_empty());
    // The text changes on disk (another person's editor), and the board reloads it.
    set_with_the_cli(
        &b,
        &["2-1-a", "progress=審議会で決定した新方針に基づき実施した。"],
    );
    b.act(Action::Tick(Instant::now()));
    assert_eq!(b.shown_ids(), vec!["2-1-a"]);
}

#[test]
fn keys_are_taken_while_a_save_waits_for_the_disk() {
    let mut b = TestBoard::on_copy(Lang::Ja, 80, 24);
    b.jump("1-1-a");
    // Someone holds the records' lock: the save has to wait for it.
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(b.path().join(".kensho.lock"))
        .unwrap();
    lock.lock().unwrap();
    b.rt.step(&mut b.host, Command::SetPhase("D".into()))
        .unwrap();
    // The keys go on while the save waits.
    for _ in 0..6 {
        b.rt.step(&mut b.host, Command::Down).unwrap();
    }
    assert_eq!(b.selected(), "1-2-a", "moved while the save waited");
    assert!(b.rt.saving(), "the save is still waiting");
    assert!(
        common::row_text(&b.draw(), 0).contains("保存中…"),
        "the header says so"
    );
    let dir = b.path().to_path_buf();
    let on_disk = || {
        kensho::domain::records::load(&dir)
            .unwrap()
            .report
            .item("1-1-a")
            .unwrap()
            .item
            .phase
            .0
            .clone()
    };
    assert_eq!(on_disk(), "A");
    lock.unlock().unwrap();
    b.settle();
    assert_eq!(on_disk(), "D");
    assert!(
        b.message().contains("1-1-a 実施区分: A → D"),
        "{}",
        b.message()
    );
    assert_eq!(
        b.selected(),
        "1-2-a",
        "the selection stayed where the keys put it"
    );
}

/// Keys without waiting for the workers (as a fast typist's).
fn quick(b: &mut TestBoard, commands: &[Command]) {
    for c in commands {
        b.rt.step(&mut b.host, c.clone()).unwrap();
    }
}

fn on_disk(b: &TestBoard, id: &str) -> (String, String) {
    let r = kensho::domain::records::load(b.path()).unwrap();
    let i = r.report.item(id).unwrap().item.clone();
    (i.phase.0, i.direction.0)
}

#[test]
fn a_change_back_while_the_first_is_not_saved_is_not_lost() {
    let mut b = TestBoard::on_copy(Lang::Ja, 80, 24);
    b.jump("1-1-a");
    let lock = b.hold_lock();
    quick(
        &mut b,
        &[Command::SetPhase("D".into()), Command::SetPhase("A".into())],
    );
    lock.unlock().unwrap();
    b.settle();
    assert_eq!(on_disk(&b, "1-1-a").0, "A", "the second key counts");
}

#[test]
fn undo_takes_the_change_it_undoes_off_the_stack_at_once() {
    let mut b = TestBoard::on_copy(Lang::Ja, 80, 24);
    b.jump("1-1-a");
    b.keys("D");
    let lock = b.hold_lock();
    quick(
        &mut b,
        &[
            Command::SetDirection("III".into()),
            Command::Undo,
            Command::Undo,
        ],
    );
    lock.unlock().unwrap();
    b.settle();
    // Undo (of the phase) and undo (of nothing left: the direction was not on
    // the stack yet) -- the direction stays, the phase is back to A.
    assert_eq!(on_disk(&b, "1-1-a"), ("A".into(), "III".into()));
    b.keys("u");
    assert_eq!(
        on_disk(&b, "1-1-a"),
        ("A".into(), "I".into()),
        "the direction can still be undone"
    );
    b.keys("Ctrl-r Ctrl-r");
    assert_eq!(
        on_disk(&b, "1-1-a"),
        ("D".into(), "III".into()),
        "and both redone"
    );
}

#[test]
fn a_conflict_waits_until_no_prompt_has_the_keys() {
    let mut b = TestBoard::on_copy(Lang::Ja, 80, 24);
    b.jump("1-1-c");
    set_with_the_cli(&b, &["1-1-c", "direction=III"]);
    let lock = b.hold_lock();
    quick(&mut b, &[Command::SetDirection("I".into()), Command::Jump]);
    lock.unlock().unwrap();
    b.settle();
    // The conflict came while the id prompt was open: a "2" typed there is text.
    b.type_text("2");
    assert!(matches!(
        b.app().top(),
        kensho::board::screen::Screen::Jump(_)
    ));
    assert_eq!(on_disk(&b, "1-1-c").1, "III", "nothing overwritten");
    b.keys("Esc");
    assert!(matches!(
        b.app().top(),
        kensho::board::screen::Screen::Conflict(_)
    ));
    b.keys("1");
    assert_eq!(on_disk(&b, "1-1-c").1, "III");
}

#[test]
fn quitting_with_a_conflict_open_asks_first() {
    let mut b = TestBoard::on_copy(Lang::En, 80, 24);
    b.jump("1-1-c");
    set_with_the_cli(&b, &["1-1-c", "direction=III"]);
    b.keys("1");
    assert!(matches!(
        b.app().top(),
        kensho::board::screen::Screen::Conflict(_)
    ));
    b.keys("Ctrl-c");
    assert!(!b.rt.quitting());
    assert!(b.message().contains("press q again"), "{}", b.message());
    assert_eq!(b.app().board().edits().unsaved().len(), 1);
}

#[test]
fn a_save_that_can_never_succeed_is_dropped_and_the_next_goes_on() {
    let mut b = TestBoard::on_copy(Lang::En, 80, 24);
    b.jump("1-1-a");
    let lock = b.hold_lock();
    quick(
        &mut b,
        &[
            Command::SetPhase("D".into()),
            Command::Down,
            Command::SetPhase("C".into()),
        ],
    );
    // Meanwhile someone takes 1-1-a out of the records by hand (its id
    // given to a new item: a measure is never left without items).
    let file = b.path().join("recommendation-1.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("id: \"1-1-a\"", "id: \"1-1-new\"", 1)).unwrap();
    assert!(kensho::domain::records::load(b.path()).is_ok());
    lock.unlock().unwrap();
    b.settle();
    assert!(b.app().board().edits().is_idle(), "nothing stuck");
    assert!(
        b.message().contains("1-1-b"),
        "the next one is saved: {}",
        b.message()
    );
    assert_eq!(on_disk(&b, "1-1-b").0, "C");
}

#[test]
fn a_reason_waits_for_its_change_to_be_saved() {
    let mut b = TestBoard::on_copy(Lang::Ja, 80, 24);
    b.jump("1-1-a");
    b.keys("D");
    let lock = b.hold_lock();
    quick(
        &mut b,
        &[Command::SetDirection("III".into()), Command::Reason],
    );
    for c in "終結".chars() {
        b.rt.step(&mut b.host, Action::Text(c.to_string())).unwrap();
    }
    b.rt.step(&mut b.host, Command::Confirm).unwrap();
    assert!(
        matches!(b.app().top(), kensho::board::screen::Screen::Reason(_)),
        "the prompt stays"
    );
    assert!(b.screen().contains("保存が終わるまで"), "{}", b.screen());
    lock.unlock().unwrap();
    b.settle();
    b.keys("Enter");
    let (log, _) = kensho::store::changelog::read(&b.path().join("changes.jsonl")).unwrap();
    let last = log.last().unwrap();
    assert_eq!(
        (last.field.name(), last.reason.as_deref()),
        ("direction", Some("終結"))
    );
}

#[test]
fn a_new_query_forgets_the_row_kept_by_a_change() {
    let mut b = agenda("C,D");
    b.jump("3-4-d");
    let lock = b.hold_lock();
    quick(&mut b, &[Command::SetPhase("A".into())]);
    lock.unlock().unwrap();
    // The save lands, and before its re-search answers the user searches anew.
    b.rt.settle(&mut b.host, std::time::Duration::from_secs(10))
        .unwrap();
    b.keys("/");
    b.type_text("協働");
    b.keys("Enter");
    let o = &b.app().board().outline();
    assert!(
        o.rows()
            .iter()
            .all(|&n| o.shown_state(n) != ShownState::Kept)
    );
}
