//! Random use through the runtime users run: keys of every screen (some
//! typed before the workers have answered the one before), typed Japanese,
//! resizes from 1x1 up and time passing, on a copy of the records, with the
//! real workers. Whatever happens, the board never panics, its screen stack
//! is never empty, the selected row is on screen, every frame draws, and at
//! the end every save asked for is on disk, the board shows what the disk
//! holds, and the log says so (`verify`).

use std::time::{Duration, Instant};

use crate::common::TestBoard;
use kensho::board::action::Action;
use kensho::domain::records::load;
use kensho::i18n::Lang;
use kensho::store::changelog;
use kensho::store::verify::{StateCheck, verify};
use proptest::prelude::*;

/// Keys of every screen, as help writes them.
const KEYS: &[&str] = &[
    "j",
    "k",
    "h",
    "l",
    "Enter",
    "Esc",
    "Tab",
    "/",
    "n",
    "N",
    "O",
    "f",
    "F",
    ":",
    "r",
    "p",
    "o",
    "M",
    "w",
    "P",
    "A",
    "B",
    "C",
    "D",
    "1",
    "2",
    "3",
    "s",
    "e",
    "m",
    "u",
    "Ctrl-r",
    "?",
    "Space",
    "Up",
    "Down",
    "Left",
    "Right",
    "PgUp",
    "PgDn",
    "g",
    "G",
    "[",
    "]",
    "{",
    "}",
    "c",
    "Backspace",
    "Ctrl-u",
    "Ctrl-w",
    "Ctrl-d",
    "Home",
    "End",
    "F1",
    "Ctrl-z",
    "Ctrl-o",
    "x",
];

/// Text as an IME commits it (the search line, prompts).
const TEXT: &[&str] = &["警察", "児童", "1-1", "会議", "ａ", "\u{1b}[31m"];

#[derive(Debug, Clone)]
enum Step {
    Key(&'static str),
    /// A key typed before the workers have answered.
    Quick(&'static str),
    Text(&'static str),
    Resize(u16, u16),
    /// Time passes, in milliseconds.
    Wait(u64),
    Quit,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        30 => proptest::sample::select(KEYS).prop_map(Step::Key),
        15 => proptest::sample::select(KEYS).prop_map(Step::Quick),
        4 => proptest::sample::select(TEXT).prop_map(Step::Text),
        3 => (1u16..200, 1u16..60).prop_map(|(w, h)| Step::Resize(w, h)),
        4 => (0u64..3000).prop_map(Step::Wait),
        1 => Just(Step::Quit),
    ]
}

/// What must hold after every step.
fn holds(b: &TestBoard) -> Result<(), TestCaseError> {
    let app = b.app();
    prop_assert!(!app.screens().is_empty());
    let board = app.board();
    let outline = board.outline();
    let height = board.outline_height();
    if !board.too_small() && height > 0 && outline.has_row(outline.selected()) {
        let row = outline.selected_row();
        prop_assert!(
            outline.offset() <= row && row < outline.offset() + height,
            "row {row} off screen: offset {}, height {height}",
            outline.offset()
        );
    }
    // Every frame draws, at every size.
    let _ = b.draw();
    Ok(())
}

/// The records on disk are exactly what the log says.
fn logged_right(b: &TestBoard) -> Result<(), TestCaseError> {
    let records = load(b.path()).unwrap();
    let (changes, problems) = changelog::read(&b.path().join(changelog::LOG_FILE)).unwrap();
    let v = verify(&changes, problems, &records.report);
    let no_save = changes.is_empty() && v.state == StateCheck::Unknown;
    prop_assert!(
        v.differences.is_empty() && (no_save || matches!(v.state, StateCheck::Matches(_))),
        "{v:?}"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn random_use_keeps_every_promise(steps in proptest::collection::vec(step(), 1..150)) {
        let mut b = TestBoard::on_copy(Lang::Ja, 80, 24);
        // The editor appends a line (the real one would wait for a person).
        b.rt.use_editor("printf '追記\\n' >>");
        let mut now = Instant::now();
        for s in steps {
            match s {
                Step::Key(k) => b.keys(k),
                Step::Quick(k) => b.press(k),
                Step::Text(t) => b.act(Action::Text(t.to_string())),
                Step::Resize(w, h) => b.act(Action::Resize(w, h)),
                Step::Wait(ms) => {
                    now += Duration::from_millis(ms);
                    b.act(Action::Tick(now));
                }
                Step::Quit => b.keys("q q"),
            }
            holds(&b)?;
            if b.rt.quitting() {
                break;
            }
        }
        b.settle();
        if !b.rt.quitting() {
            // Every save asked for landed, and the board shows the disk.
            let board = b.app().board();
            prop_assert!(board.edits().unsaved().is_empty(), "{:?}", board.edits().unsaved());
            let on_disk = load(b.path()).unwrap();
            prop_assert!(board.records().report == on_disk.report, "the board's records are not the disk's");
        }
        let closed = b.rt.close(&mut b.host, Duration::from_secs(20)).unwrap();
        prop_assert!(closed, "every save under way landed");
        logged_right(&b)?;
    }
}
