//! Status edits in the board: the update logic with its effects performed by
//! the same code the terminal loop uses, on real files.

mod common;

use kensho::app::{Action, App, ColorMode, Effect, Mode, Options};
use kensho::changelog;
use kensho::i18n::Lang;
use kensho::records::load;
use kensho::store::{Edit, Field, apply_edits};

struct Board {
    app: App,
    dir: tempfile::TempDir,
}

impl Board {
    fn new() -> Board {
        let dir = common::copy_records();
        let mut app = App::new(
            load(dir.path()).unwrap(),
            Options {
                lang: Lang::Ja,
                ascii: false,
                color: ColorMode::Ansi16,
            },
        );
        app.update(Action::Resize(80, 24));
        Board { app, dir }
    }

    fn act(&mut self, action: Action) {
        let effects = self.app.update(action);
        self.perform(effects);
    }

    fn perform(&mut self, effects: Vec<Effect>) {
        for e in effects {
            if matches!(e, Effect::Search(_)) {
                continue;
            }
            for a in kensho::tui::perform(&self.app, e) {
                let more = self.app.update(a);
                self.perform(more);
            }
        }
    }

    fn jump(&mut self, id: &str) {
        self.act(Action::OpenJump);
        self.act(Action::Insert(id.into()));
        self.act(Action::Enter);
    }

    fn on_disk(&self, id: &str) -> (String, String) {
        let r = load(self.dir.path()).unwrap();
        let i = r.report.item(id).unwrap().item.clone();
        (i.phase.0, i.direction.0)
    }

    fn log(&self) -> Vec<changelog::Change> {
        changelog::read(&self.dir.path().join("changes.jsonl"))
            .unwrap()
            .0
    }
}

#[test]
fn one_key_sets_the_phase_or_direction_and_saves_at_once() {
    let mut b = Board::new();
    b.jump("2-1-a");
    b.act(Action::SetPhase("C".into()));
    assert_eq!(b.on_disk("2-1-a"), ("C".into(), "I".into()));
    b.act(Action::SetDirection("III".into()));
    assert_eq!(b.on_disk("2-1-a"), ("C".into(), "III".into()));
    let log = b.log();
    assert_eq!(log.len(), 2);
    assert_eq!(
        (
            log[1].field.as_str(),
            log[1].old.as_str(),
            log[1].new.as_str()
        ),
        ("direction", "I", "III")
    );
    assert!(b.app.changed.contains("2-1-a"));
    assert!(
        b.app
            .message
            .as_deref()
            .unwrap()
            .contains("2-1-a 評価区分: I → III")
    );
    // The board shows what is on disk.
    assert_eq!(b.app.selected_item().unwrap().item.phase.0, "C");
}

#[test]
fn the_keys_are_shift_letter_and_digit() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let b = Board::new();
    let report = b.app.report();
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT);
    assert_eq!(
        kensho::keys::dispatch(&Mode::Normal, &key('D'), report),
        Some(Action::SetPhase("D".into()))
    );
    let digit = KeyEvent::new(KeyCode::Char('2'), KeyModifiers::NONE);
    assert_eq!(
        kensho::keys::dispatch(&Mode::Normal, &digit, report),
        Some(Action::SetDirection("II".into()))
    );
}

#[test]
fn a_reason_attaches_to_the_last_change_and_undo_redo_are_logged() {
    let mut b = Board::new();
    b.jump("3-4-d");
    b.act(Action::SetDirection("III".into()));
    b.act(Action::OpenReason);
    assert!(matches!(b.app.mode, Mode::Reason(_)));
    b.act(Action::Insert("本部会議で終結と決定".into()));
    b.act(Action::Enter);
    let log = b.log();
    assert_eq!(log.len(), 2);
    assert_eq!(log[1].status, "reason");
    assert_eq!(log[1].reason.as_deref(), Some("本部会議で終結と決定"));
    assert_eq!(log[1].txn, log[0].txn, "the reason belongs to that change");
    b.act(Action::Undo);
    assert_eq!(b.on_disk("3-4-d").1, "I");
    b.act(Action::Redo);
    assert_eq!(b.on_disk("3-4-d").1, "III");
    let log = b.log();
    assert_eq!(log.len(), 4);
    assert_eq!(
        (
            log[2].old.as_str(),
            log[2].new.as_str(),
            log[2].reason.as_deref()
        ),
        ("III", "I", Some("undo"))
    );
    assert_eq!(
        (
            log[3].old.as_str(),
            log[3].new.as_str(),
            log[3].reason.as_deref()
        ),
        ("I", "III", Some("redo"))
    );
    // Nothing more to redo.
    b.act(Action::Redo);
    assert_eq!(b.log().len(), 4);
    let v = changelog::verify(&b.log(), Vec::new(), &load(b.dir.path()).unwrap().report);
    assert!(v.differences.is_empty(), "{v:?}");
}

#[test]
fn someone_elses_change_to_the_same_field_is_shown_and_chosen_not_overwritten() {
    let mut b = Board::new();
    b.jump("1-1-c");
    // Another person (CLI, another board) sets the same field meanwhile.
    let theirs = Edit {
        item: "1-1-c".into(),
        field: Field::Direction,
        value: "III".into(),
    };
    apply_edits(b.dir.path(), &[theirs], Some("other"), None).unwrap();
    b.act(Action::SetDirection("I".into()));
    match &b.app.mode {
        Mode::Conflict {
            seen, theirs, ours, ..
        } => {
            assert_eq!(
                (seen.as_str(), theirs.as_str(), ours.as_str()),
                ("II", "III", "I")
            );
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(b.on_disk("1-1-c").1, "III", "nothing overwritten yet");
    b.act(Action::KeepMine);
    assert_eq!(b.on_disk("1-1-c").1, "I");
    let log = b.log();
    assert_eq!(
        (log[1].old.as_str(), log[1].new.as_str()),
        ("III", "I"),
        "the log says whose value was replaced"
    );
    // And keeping theirs writes nothing.
    apply_edits(
        b.dir.path(),
        &[Edit {
            item: "1-1-c".into(),
            field: Field::Direction,
            value: "II".into(),
        }],
        None,
        None,
    )
    .unwrap();
    b.act(Action::SetDirection("III".into()));
    assert!(matches!(b.app.mode, Mode::Conflict { .. }));
    b.act(Action::KeepTheirs);
    assert_eq!(b.on_disk("1-1-c").1, "II");
}

#[test]
fn a_change_to_another_field_is_applied_to_the_fresh_data() {
    let mut b = Board::new();
    b.jump("5-1-a");
    apply_edits(
        b.dir.path(),
        &[Edit {
            item: "5-1-a".into(),
            field: Field::Phase,
            value: "B".into(),
        }],
        None,
        None,
    )
    .unwrap();
    b.act(Action::SetDirection("III".into()));
    assert_eq!(
        b.on_disk("5-1-a"),
        ("B".into(), "III".into()),
        "their phase kept, our direction saved"
    );
}

#[test]
fn saves_by_others_are_loaded_keeping_the_selection() {
    let mut b = Board::new();
    b.jump("6-2-b2");
    apply_edits(
        b.dir.path(),
        &[Edit {
            item: "1-1-a".into(),
            field: Field::Phase,
            value: "D".into(),
        }],
        None,
        None,
    )
    .unwrap();
    let fresh = load(b.dir.path()).unwrap();
    b.act(Action::Reloaded(Box::new(fresh)));
    assert_eq!(b.app.selected_item().unwrap().item.id, "6-2-b2");
    assert_eq!(b.app.report().item("1-1-a").unwrap().item.phase.0, "D");
    assert!(
        b.app
            .message
            .as_deref()
            .unwrap()
            .contains("1-1-a 実施区分: A → D"),
        "{:?}",
        b.app.message
    );
}

#[test]
fn s_opens_both_scales_and_enter_sets_the_code() {
    let mut b = Board::new();
    b.jump("1-2-a");
    b.act(Action::OpenPicker);
    assert!(matches!(b.app.mode, Mode::Picker(0)));
    // Rows: A B C D, I II III; the sixth is II.
    for _ in 0..5 {
        b.act(Action::Down);
    }
    b.act(Action::Enter);
    assert_eq!(b.on_disk("1-2-a"), ("A".into(), "II".into()));
    assert_eq!(b.app.mode, Mode::Normal);
}

#[test]
fn e_edits_a_text_in_the_editor_and_saves_it() {
    let mut b = Board::new();
    b.jump("1-2-b");
    b.act(Action::OpenEditor);
    b.act(Action::Down); // assessment
    let effects = b.app.update(Action::Enter);
    let (item, field, text) = match effects.as_slice() {
        [Effect::EditText { item, field, text }] => (item.clone(), *field, text.clone()),
        other => panic!("{other:?}"),
    };
    assert_eq!(field, Field::Assessment);
    assert!(text.starts_with("児童相談所と各区健康・子ども課の連携により"));
    // The editor the loop runs: here a script that appends a sentence.
    let script = b.dir.path().join("editor.sh");
    std::fs::write(&script, "#!/bin/sh\nprintf '追記した。\\n' >> \"$1\"\n").unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .unwrap();
    // SAFETY: the variable is read only by edit_in_editor, in this thread.
    unsafe { std::env::set_var("VISUAL", &script) };
    let edited = kensho::tui::edit_in_editor(&text);
    unsafe { std::env::remove_var("VISUAL") };
    let edited = edited.unwrap();
    assert_eq!(edited, format!("{text}\n追記した。"));
    b.act(Action::Edited {
        item,
        field,
        text: Ok(edited.clone()),
    });
    let r = load(b.dir.path()).unwrap();
    assert_eq!(r.report.item("1-2-b").unwrap().item.assessment, edited);
    assert_eq!(b.log().last().unwrap().field, "assessment");
}
