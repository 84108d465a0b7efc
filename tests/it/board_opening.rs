//! Opening and closing as actions of the board: keys typed while the board
//! opens wait until it has opened (the meeting's agenda is what the opening
//! asked for), and keys typed while it closes do nothing.

use std::time::Duration;

use crate::common::TestBoard;
use kensho::board::action::{Action, Command, Opening};
use kensho::board::inbox::Input;
use kensho::domain::presence::PRESENCE_FILE;
use kensho::i18n::Lang;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// A key as the terminal's reader puts it in the inbox.
fn typed(c: char) -> Input {
    let shift = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    Input::Event(Event::Key(KeyEvent::new(KeyCode::Char(c), shift)))
}

#[test]
fn keys_typed_while_the_board_closes_do_nothing() {
    let mut b = TestBoard::on_copy(Lang::En, 80, 24);
    b.jump("1-1-a");
    let lock = b.hold_lock();
    // `D` is saved (the store waits for the lock), then `q`.
    b.rt.step(&mut b.host, Command::SetPhase("D".into()))
        .unwrap();
    b.rt.step(&mut b.host, Command::Quit).unwrap();
    assert!(b.rt.quitting());
    // While the board closes, the user presses P and C.
    let inbox = b.rt.sender();
    inbox.send(typed('P')).unwrap();
    inbox.send(typed('C')).unwrap();
    let unlock = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        lock.unlock().unwrap();
    });
    let saved = b.rt.close(&mut b.host, Duration::from_secs(5)).unwrap();
    unlock.join().unwrap();
    assert!(saved, "the save under way landed");
    let board = b.app().board();
    assert!(board.edits().unsaved().is_empty(), "C was not taken");
    assert!(!board.follow().role().is_follower());
    assert!(matches!(
        board.follow().role(),
        kensho::board::follow::Role::Alone
    ));
    assert!(!b.path().join(PRESENCE_FILE).exists(), "P was not taken");
    let on_disk = kensho::domain::records::load(b.path()).unwrap();
    assert_eq!(on_disk.report.item("1-1-a").unwrap().item.phase.0, "D");
}

#[test]
fn a_meeting_opened_on_a_search_takes_its_agenda_whatever_is_typed_meanwhile() {
    let mut b = TestBoard::on_copy(Lang::En, 80, 24);
    let opening = Opening {
        query: "警察".into(),
        meeting: Some("m1".into()),
        ..Default::default()
    };
    // Opened as the terminal loop opens it (without waiting), and the user
    // types before the opening's search has answered.
    b.rt.step(&mut b.host, Action::Open(opening)).unwrap();
    b.rt.step(&mut b.host, Command::Search).unwrap();
    b.rt.step(&mut b.host, Action::Text("x".into())).unwrap();
    b.rt.step(&mut b.host, Command::NextItem).unwrap();
    b.settle();
    let state = b.app().board().room().state().expect("the meeting");
    assert_eq!(state.meeting.agenda.len(), 4, "{:?}", state.meeting.agenda);
    assert_eq!(state.meeting.chosen_by.as_deref(), Some("/警察 | by score"));
    // The keys were then taken, in order, by the walkthrough the meeting
    // opened: `/` and the text are not its keys; Space goes on.
    assert_eq!(b.app().board().search().input().text, "警察");
    match b.app().top() {
        kensho::board::screen::Screen::Walkthrough(w) => assert_eq!(w.pos, 1),
        other => panic!("{other:?}"),
    }
}

#[test]
fn q_asks_again_when_a_meeting_mark_waits_behind_a_save() {
    let mut b = TestBoard::on_copy(Lang::En, 80, 24);
    b.keys("M");
    b.type_text("m1");
    b.keys("Enter");
    assert!(matches!(
        b.app().top(),
        kensho::board::screen::Screen::Walkthrough(_)
    ));
    let lock = b.hold_lock();
    // A save in flight (the store waits for the lock), a mark behind it.
    b.rt.step(&mut b.host, Command::SetPhase("D".into()))
        .unwrap();
    b.rt.step(&mut b.host, Command::MarkReviewed).unwrap();
    b.rt.step(&mut b.host, Command::Quit).unwrap();
    assert!(!b.rt.quitting(), "the mark waits: q asks once more");
    assert!(b.message().contains("1"), "{}", b.message());
    lock.unlock().unwrap();
    b.settle();
    b.keys("q");
    assert!(b.rt.quitting(), "everything landed: q quits");
}
