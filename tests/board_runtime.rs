//! The runtime: search and filters always answer from the data on screen,
//! after saves, reloads, undo and redo; saves never hold up the keys.

mod common;

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
    .to_filters(b.app().board.report(), Lang::Ja)
    .unwrap();
    b.rt.start_with(&mut b.host, "", filters).unwrap();
    b.settle();
    b
}

#[test]
fn the_filtered_list_follows_every_change_of_the_data() {
    let mut b = agenda("C,D");
    assert_eq!(b.shown_ids(), vec!["1-1-d", "1-1-e", "3-4-d"]);
    // Saved here: 3-4-d C → A. It no longer matches, but stays (marked) while selected.
    b.jump("3-4-d");
    b.keys("A");
    assert_eq!(b.app().board.search.hits.as_ref().unwrap().len(), 2);
    assert_eq!(b.shown_ids(), vec!["1-1-d", "1-1-e", "3-4-d"]);
    let o = &b.app().board.outline;
    assert_eq!(o.shown_state(o.selected), ShownState::Kept);
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
    assert!(header.contains("1 / 88"), "{header}");
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
        b.app().board.search.hits.as_ref().unwrap().len(),
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
