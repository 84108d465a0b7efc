//! Edits in the board, through the runtime the terminal loop uses: keys in,
//! the store worker saving to real files, the results fed back.

use crate::common;

use common::TestBoard;
use kensho::board::action::{Action, Effect};
use kensho::board::screen::Screen;
use kensho::domain::field::{Edit, Field};
use kensho::domain::records::load;
use kensho::i18n::Lang;
use kensho::store::apply_edits;
use kensho::store::changelog::{self, LogStatus};

fn board() -> TestBoard {
    TestBoard::on_copy(Lang::Ja, 80, 24)
}

fn on_disk(b: &TestBoard, id: &str) -> (String, String) {
    let r = load(b.path()).unwrap();
    let i = r.report.item(id).unwrap().item.clone();
    (i.phase.0, i.direction.0)
}

fn log(b: &TestBoard) -> Vec<changelog::Change> {
    changelog::read(&b.path().join("changes.jsonl")).unwrap().0
}

fn set_elsewhere(b: &TestBoard, id: &str, field: Field, value: &str) {
    let edit = Edit {
        item: id.into(),
        field,
        value: value.into(),
    };
    let why = kensho::store::Why {
        reason: Some("other"),
        meeting: None,
        display_name: None,
        department: None,
        item_reasons: None,
    };
    apply_edits(b.path(), &[edit], why, None).unwrap();
}

#[test]
fn one_key_sets_the_phase_or_direction_and_saves_at_once() {
    let mut b = board();
    b.jump("2-1-a");
    b.keys("C");
    assert_eq!(on_disk(&b, "2-1-a"), ("C".into(), "I".into()));
    b.keys("3");
    assert_eq!(on_disk(&b, "2-1-a"), ("C".into(), "III".into()));
    let log = log(&b);
    assert_eq!(log.len(), 2);
    assert_eq!(
        (log[1].field, log[1].old.as_str(), log[1].new.as_str()),
        (Field::Direction, "I", "III")
    );
    assert!(b.app().board().edits().changed("2-1-a"));
    assert!(
        b.message().contains("2-1-a 評価区分: I → III"),
        "{}",
        b.message()
    );
    // The board shows what is on disk.
    assert_eq!(b.app().board().selected_item().unwrap().item.phase.0, "C");
}

#[test]
fn a_reason_attaches_to_the_last_change_and_undo_redo_are_logged() {
    let mut b = board();
    b.jump("3-4-d");
    b.keys("3 m");
    assert!(matches!(b.app().top(), Screen::Reason(_)));
    b.type_text("本部会議で終結と決定");
    b.keys("Enter");
    let log1 = log(&b);
    assert_eq!(log1.len(), 2);
    assert_eq!(log1[1].status, LogStatus::Reason);
    assert_eq!(log1[1].reason.as_deref(), Some("本部会議で終結と決定"));
    assert_eq!(
        log1[1].txn, log1[0].txn,
        "the reason belongs to that change"
    );
    assert_eq!(b.message(), "理由を記録しました");
    b.keys("u");
    assert_eq!(on_disk(&b, "3-4-d").1, "I");
    b.keys("Ctrl-r");
    assert_eq!(on_disk(&b, "3-4-d").1, "III");
    let log2 = log(&b);
    assert_eq!(log2.len(), 4);
    let said = |c: &changelog::Change| (c.old.clone(), c.new.clone(), c.reason.clone());
    assert_eq!(
        said(&log2[2]),
        ("III".into(), "I".into(), Some("元に戻す".into()))
    );
    assert_eq!(
        said(&log2[3]),
        ("I".into(), "III".into(), Some("やり直し".into()))
    );
    // Nothing more to redo.
    b.keys("Ctrl-r");
    assert_eq!(log(&b).len(), 4);
    assert_eq!(b.message(), "やり直す変更はありません");
    let v = kensho::store::verify::verify(&log(&b), Vec::new(), &load(b.path()).unwrap().report);
    assert!(v.differences.is_empty(), "{v:?}");
}

#[test]
fn someone_elses_change_to_the_same_field_is_shown_and_chosen_not_overwritten() {
    let mut b = board();
    b.jump("1-1-c");
    // Another person (CLI, another board) sets the same field meanwhile.
    set_elsewhere(&b, "1-1-c", Field::Direction, "III");
    b.keys("1");
    match b.app().top() {
        Screen::Conflict(_) => {
            let c = &b.app().board().edits().held().unwrap().conflict;
            assert_eq!(
                (c.seen.as_str(), c.theirs.as_str(), c.ours.as_str()),
                ("II", "III", "I")
            );
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(b.screen().contains("他の人が先に変更しました"));
    assert_eq!(on_disk(&b, "1-1-c").1, "III", "nothing overwritten yet");
    b.keys("2");
    assert_eq!(on_disk(&b, "1-1-c").1, "I");
    let log1 = log(&b);
    assert_eq!(
        (log1[1].old.as_str(), log1[1].new.as_str()),
        ("III", "I"),
        "the log says whose value was replaced"
    );
    // And keeping theirs writes nothing.
    set_elsewhere(&b, "1-1-c", Field::Direction, "II");
    b.keys("3");
    assert!(matches!(b.app().top(), Screen::Conflict(_)));
    b.keys("1");
    assert_eq!(on_disk(&b, "1-1-c").1, "II");
    assert!(matches!(b.app().top(), Screen::Browse(_)));
}

#[test]
fn a_change_to_another_field_is_applied_to_the_fresh_data() {
    let mut b = board();
    b.jump("5-1-a");
    set_elsewhere(&b, "5-1-a", Field::Phase, "B");
    b.keys("3");
    assert_eq!(
        on_disk(&b, "5-1-a"),
        ("B".into(), "III".into()),
        "their phase kept, our direction saved"
    );
}

#[test]
fn two_quick_changes_of_one_field_are_not_a_conflict_with_ourselves() {
    let mut b = board();
    b.jump("2-2-a");
    // Both keys before the first save has landed.
    b.rt.step(
        &mut b.host,
        Action::Command(kensho::board::action::Command::SetPhase("D".into())),
    )
    .unwrap();
    b.rt.step(
        &mut b.host,
        Action::Command(kensho::board::action::Command::SetPhase("C".into())),
    )
    .unwrap();
    b.settle();
    assert!(matches!(b.app().top(), Screen::Browse(_)), "no conflict");
    assert_eq!(on_disk(&b, "2-2-a").0, "C");
    let log = log(&b);
    assert_eq!(log.len(), 2);
    assert_eq!((log[1].old.as_str(), log[1].new.as_str()), ("D", "C"));
}

#[test]
fn saves_waiting_their_turn_hold_no_copy_of_the_records() {
    let mut b = board();
    b.jump("2-2-a");
    b.keys("B");
    let set = |b: &mut TestBoard, code: &str| {
        let set = kensho::board::action::Command::SetPhase(code.into());
        b.rt.step(&mut b.host, Action::Command(set)).unwrap();
    };
    let records = std::sync::Arc::as_ptr(b.app().board().records());
    let shares = std::sync::Arc::strong_count(b.app().board().records());
    // Three keys while another writer holds the folder: one save waits
    // for the lock, two behind it.
    let hold = b.hold_lock();
    set(&mut b, "D");
    set(&mut b, "C");
    set(&mut b, "A");
    // No save shares the board's records. Each did, and when one landed
    // every waiting save was given a whole copy of the records with the
    // change in it (a records' worth of memory per waiting save).
    assert_eq!(
        std::sync::Arc::strong_count(b.app().board().records()),
        shares,
        "a waiting save holds the records"
    );
    drop(hold);
    b.settle();
    // Each landing changed the board's records in place.
    assert!(
        std::ptr::eq(records, std::sync::Arc::as_ptr(b.app().board().records())),
        "the records were copied"
    );
    assert!(matches!(b.app().top(), Screen::Browse(_)), "no conflict");
    assert_eq!(on_disk(&b, "2-2-a").0, "A");
    let log = log(&b);
    let olds: Vec<(&str, &str)> = log[log.len() - 3..]
        .iter()
        .map(|c| (c.old.as_str(), c.new.as_str()))
        .collect();
    assert_eq!(olds, [("B", "D"), ("D", "C"), ("C", "A")]);
}

#[test]
fn a_waiting_save_still_refuses_to_overwrite_someone_elses_change() {
    let mut b = board();
    b.jump("2-2-a");
    let hold = b.hold_lock();
    let set = |b: &mut TestBoard, command| {
        b.rt.step(&mut b.host, Action::Command(command)).unwrap();
    };
    use kensho::board::action::Command::{SetDirection, SetPhase};
    // The first save waits for the lock; the second waits behind it.
    set(&mut b, SetPhase("D".into()));
    set(&mut b, SetDirection("II".into()));
    drop(hold);
    set_elsewhere(&b, "2-2-a", Field::Direction, "III");
    b.settle();
    assert!(
        matches!(b.app().top(), Screen::Conflict(_)),
        "{:?}",
        b.screen()
    );
    assert_eq!(on_disk(&b, "2-2-a"), ("D".into(), "III".into()));
}

#[test]
fn saves_by_others_are_loaded_within_a_tick_keeping_the_selection() {
    let mut b = board();
    b.jump("6-2-b2");
    set_elsewhere(&b, "1-1-a", Field::Phase, "D");
    // The watcher looks at the files on a tick (every half second in the loop).
    let t0 = std::time::Instant::now();
    b.act(Action::Tick(t0));
    assert_eq!(b.selected(), "6-2-b2");
    assert_eq!(
        b.app().board().report().item("1-1-a").unwrap().item.phase.0,
        "D"
    );
    assert!(
        b.message().contains("1-1-a 実施区分: A → D"),
        "{}",
        b.message()
    );
    // And the next one, on a later tick (not before half a second has passed).
    set_elsewhere(&b, "1-1-b", Field::Phase, "C");
    let phase = |b: &TestBoard| {
        b.app()
            .board()
            .report()
            .item("1-1-b")
            .unwrap()
            .item
            .phase
            .0
            .clone()
    };
    b.act(Action::Tick(t0 + std::time::Duration::from_millis(200)));
    assert_eq!(phase(&b), "A");
    b.act(Action::Tick(t0 + std::time::Duration::from_secs(3)));
    assert_eq!(phase(&b), "C");
}

#[test]
fn s_opens_both_scales_and_enter_sets_the_code() {
    let mut b = board();
    b.jump("1-2-a");
    b.keys("s");
    assert!(matches!(b.app().top(), Screen::Picker(p) if p.cursor == 0));
    // Rows: A B C D, I II III; the sixth is II.
    b.keys("j j j j j Enter");
    assert_eq!(on_disk(&b, "1-2-a"), ("A".into(), "II".into()));
    assert!(matches!(b.app().top(), Screen::Browse(_)));
}

#[test]
fn the_picker_opens_on_the_items_phase_as_it_is() {
    let mut b = board();
    // 1-1-d is in phase D, the fourth code.
    b.jump("1-1-d");
    b.keys("s");
    assert!(matches!(b.app().top(), Screen::Picker(p) if p.cursor == 3));
    b.keys("k Enter");
    assert_eq!(on_disk(&b, "1-1-d").0, "C");
}

#[test]
fn e_edits_a_text_in_the_editor_and_saves_it() {
    let mut b = board();
    b.jump("1-2-b");
    b.keys("e j");
    // The update asks for the editor; the runtime hands the terminal over.
    let effects =
        b.rt.app()
            .clone()
            .update(Action::Command(kensho::board::action::Command::Confirm));
    let text = match effects.as_slice() {
        [Effect::EditText { field, text, .. }] => {
            assert_eq!(*field, Field::Assessment);
            text.clone()
        }
        other => panic!("{other:?}"),
    };
    assert!(text.starts_with("児童相談所と各区健康・子ども課の連携により"));
    // The editor: a script that appends a sentence.
    let script = b.path().join("editor.sh");
    std::fs::write(&script, "#!/bin/sh\nprintf '追記した。\\n' >> \"$1\"\n").unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .unwrap();
    b.rt.use_editor(script.to_str().unwrap());
    b.keys("Enter");
    let r = load(b.path()).unwrap();
    assert_eq!(
        r.report.item("1-2-b").unwrap().item.assessment,
        format!("{text}\n追記した。")
    );
    assert_eq!(log(&b).last().unwrap().field, Field::Assessment);
}

/// An editor for the board: a shell script with `body`, made executable.
fn editor(b: &TestBoard, name: &str, body: &str) -> String {
    let script = b.path().join(name);
    std::fs::write(&script, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .unwrap();
    script.to_str().unwrap().to_string()
}

#[test]
fn undo_and_redo_say_so_rather_than_saved() {
    let mut b = board();
    b.jump("3-4-d");
    b.keys("3");
    assert_eq!(b.message(), "保存しました: 3-4-d 評価区分: I → III");
    b.keys("u");
    assert_eq!(on_disk(&b, "3-4-d").1, "I");
    assert_eq!(b.message(), "元に戻しました: 3-4-d 評価区分: III → I");
    b.keys("Ctrl-r");
    assert_eq!(on_disk(&b, "3-4-d").1, "III");
    assert_eq!(b.message(), "やり直しました: 3-4-d 評価区分: I → III");
    // A text: its field named, its words left out.
    b.rt.use_editor(editor(&b, "append.sh", "printf '追記。\\n' >> \"$1\""));
    b.keys("e Enter");
    assert_eq!(b.message(), "保存しました: 3-4-d 実施状況");
    b.keys("u");
    assert_eq!(b.message(), "元に戻しました: 3-4-d 実施状況");
    b.keys("Ctrl-r");
    assert_eq!(b.message(), "やり直しました: 3-4-d 実施状況");
    let log = log(&b);
    assert_eq!(log.len(), 6);
    assert_eq!(log[4].reason.as_deref(), Some("元に戻す"));
    assert_eq!(log[5].reason.as_deref(), Some("やり直し"));
}

#[test]
fn undo_and_redo_say_so_in_english() {
    let mut b = TestBoard::on_copy(Lang::En, 80, 24);
    b.jump("3-4-d");
    b.keys("3 u");
    assert_eq!(b.message(), "undone: 3-4-d 評価区分: III → I");
    b.keys("Ctrl-r");
    assert_eq!(b.message(), "redone: 3-4-d 評価区分: I → III");
}

#[test]
fn the_editor_closed_without_a_change_says_so_and_saves_nothing() {
    let mut b = board();
    b.jump("1-2-b");
    b.rt.use_editor(editor(&b, "same.sh", "true"));
    b.keys("e Enter");
    assert_eq!(b.message(), "変更はありません");
    assert!(log(&b).is_empty(), "nothing logged");
    assert!(!b.app().board().edits().changed("1-2-b"));
    // The same in English, for the assessment.
    let mut b = TestBoard::on_copy(Lang::En, 80, 24);
    b.jump("1-2-b");
    b.rt.use_editor(editor(&b, "same.sh", ":"));
    b.keys("e j Enter");
    assert_eq!(b.message(), "no change");
    assert!(log(&b).is_empty());
}

#[test]
fn q_quits_once_every_change_is_saved() {
    let mut b = board();
    b.keys("D q");
    assert!(b.rt.quitting(), "nothing pending: q quits");
}

#[test]
fn behind_the_too_small_screen_no_key_changes_data() {
    let mut b = TestBoard::on_copy(Lang::Ja, 39, 9);
    assert!(b.screen().contains("小さすぎ"), "{}", b.screen());
    let before = b.selected();
    // The issue's keys, then every other way to change a field.
    b.keys("j j D 3 s Enter e u Ctrl-r m");
    b.type_text("理由");
    b.keys("Enter");
    assert!(
        !b.path().join("changes.jsonl").exists(),
        "nothing was logged"
    );
    assert_eq!(on_disk(&b, "1-1-a"), ("A".into(), "I".into()));
    assert_eq!(b.selected(), before, "not even the selection moved");
    // Once the window is big enough, keys work again.
    b.act(kensho::board::action::Action::Resize(80, 24));
    b.keys("D");
    assert_eq!(on_disk(&b, "1-1-a"), ("D".into(), "I".into()));
}

#[test]
fn a_reload_of_many_changes_names_five_and_counts_the_rest() {
    let mut b = board();
    for id in [
        "1-2-a", "1-2-b", "1-2-c", "1-2-d", "1-2-e", "1-4-a", "1-4-b",
    ] {
        set_elsewhere(&b, id, Field::Direction, "III");
    }
    b.act(Action::Tick(std::time::Instant::now()));
    let message = b.message();
    assert!(message.contains("1-2-e 評価区分"), "{message}");
    assert!(!message.contains("1-4-a"), "{message}");
    assert!(message.contains("ほか 2 件"), "{message}");
}
