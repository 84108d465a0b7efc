//! A save that fails in the board: said on screen, nothing reported saved,
//! the change kept pending and retried until it is on disk.

mod common;

use kensho::app::{Action, App, ColorMode, Effect, Options};
use kensho::i18n::Lang;
use kensho::records::load;

#[test]
fn a_failed_save_is_pending_and_retried() {
    let dir = common::copy_records();
    let mut app = App::new(
        load(dir.path()).unwrap(),
        Options {
            lang: Lang::En,
            ascii: false,
            color: ColorMode::Ansi16,
        },
    );
    app.update(Action::Resize(80, 24));
    let before = common::snapshot(dir.path());
    // SAFETY: this test binary has this one test; no other thread reads the environment.
    unsafe { std::env::set_var("KENSHO_INJECT_FAULT", "records") };
    let mut run = |app: &mut App, effects: Vec<Effect>| {
        for e in effects {
            for a in kensho::tui::perform(app, e) {
                app.update(a);
            }
        }
    };
    let effects = app.update(Action::SetPhase("B".into()));
    run(&mut app, effects);
    let message = app.message.clone().unwrap();
    assert!(
        message.contains("not saved") && message.contains("retried"),
        "{message}"
    );
    assert!(app.pending.is_some());
    let after: Vec<_> = common::snapshot(dir.path())
        .into_iter()
        .filter(|(n, _)| n.ends_with(".ron"))
        .collect();
    let before: Vec<_> = before
        .into_iter()
        .filter(|(n, _)| n.ends_with(".ron"))
        .collect();
    assert_eq!(before, after, "records untouched");
    assert_eq!(
        load(dir.path())
            .unwrap()
            .report
            .item("1-1-a")
            .unwrap()
            .item
            .phase
            .0,
        "A"
    );
    // Still failing: retried, still pending.
    for _ in 0..11 {
        let e = app.update(Action::Tick);
        run(&mut app, e);
    }
    assert!(app.pending.is_some());
    // The disk recovers: the next retry saves it.
    unsafe { std::env::remove_var("KENSHO_INJECT_FAULT") };
    for _ in 0..11 {
        let e = app.update(Action::Tick);
        run(&mut app, e);
    }
    assert!(app.pending.is_none());
    assert_eq!(
        load(dir.path())
            .unwrap()
            .report
            .item("1-1-a")
            .unwrap()
            .item
            .phase
            .0,
        "B"
    );
    let (log, _) = kensho::changelog::read(&dir.path().join("changes.jsonl")).unwrap();
    let v = kensho::changelog::verify(&log, Vec::new(), &load(dir.path()).unwrap().report);
    assert!(v.differences.is_empty(), "{v:?}");
}
