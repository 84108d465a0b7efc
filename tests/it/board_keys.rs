//! Keys as data: every screen's table dispatches its keys, generates its help
//! and its footer; a key that would do two things is refused, and a rebound
//! key shows in help and works.

use crate::common;

use common::TestBoard;
use kensho::board::action::Command;
use kensho::board::keymap::Keymap;
use kensho::board::keymap::default_keymap;
use kensho::board::keys::{Key, ch};
use kensho::board::screen::{Screen, ScreenKind};
use kensho::domain::records::load;
use kensho::i18n::Lang;
use ratatui::crossterm::event::KeyEvent;

fn event(k: &Key) -> KeyEvent {
    KeyEvent::new(k.code, k.modifiers)
}

#[test]
fn every_key_of_every_screen_dispatches_to_its_command_and_is_in_its_help() {
    let report = load(&common::records_dir()).unwrap().report;
    let keymap = default_keymap(&report).unwrap();
    for &screen in ScreenKind::ALL {
        let table = keymap.table(screen);
        assert!(!table.is_empty(), "{screen:?} has keys");
        let help = Keymap::help_lines(table, false);
        for b in table.iter().chain(keymap.global()) {
            for k in &b.keys {
                assert_eq!(
                    keymap.command(screen, &event(k)),
                    Some(b.command.clone()),
                    "{screen:?} {k:?}"
                );
            }
        }
        for b in table {
            for k in &b.keys {
                assert!(
                    help.iter()
                        .any(|(keys, m)| *m == b.help
                            && keys.split(' ').any(|l| l == k.label(false))),
                    "{screen:?}: {k:?} missing from help"
                );
            }
        }
    }
}

#[test]
fn help_shows_the_keys_of_the_screen_below_and_the_global_ones() {
    let mut b = TestBoard::bundled(Lang::En, 100, 40);
    b.keys("f ?");
    assert!(matches!(b.app().top(), Screen::Help(h) if h.of == ScreenKind::Filters));
    let screen = b.screen();
    assert!(
        screen.contains("c F") && screen.contains("clear all filters"),
        "{screen}"
    );
    assert!(
        screen.contains("On every screen") && screen.contains("Ctrl-z"),
        "{screen}"
    );
    assert!(
        !screen.contains("Search syntax"),
        "the filter panel has no search syntax: {screen}"
    );
    // F1 opens help on a screen where ? is text.
    b.keys("Esc Esc /");
    b.keys("F1");
    let screen = b.screen();
    assert!(
        screen.contains("delete a word") && screen.contains("Search syntax"),
        "{screen}"
    );
}

#[test]
fn the_footer_comes_from_the_table_of_the_screen_on_top() {
    let mut b = TestBoard::bundled(Lang::En, 100, 30);
    let last = |b: &TestBoard| b.screen().lines().last().unwrap_or_default().to_string();
    assert!(
        last(&b).contains("/ search") && last(&b).contains("q quit"),
        "{}",
        last(&b)
    );
    assert!(!last(&b).contains("n/N"), "n/N only while searching");
    b.keys("f");
    assert!(
        last(&b).contains("Space select") && last(&b).contains("c clear"),
        "{}",
        last(&b)
    );
    b.keys("Esc /");
    b.type_text("警察");
    b.keys("Enter");
    assert!(last(&b).contains("n/N next/prev"), "{}", last(&b));
}

#[test]
fn a_rebound_key_shows_in_help_and_footer_and_works() {
    let mut b = TestBoard::bundled(Lang::En, 100, 40);
    b.rt.app_mut()
        .keymap_mut()
        .rebind(ScreenKind::Browse, &Command::Search, &[ch('z')])
        .unwrap();
    b.keys("/");
    assert!(
        matches!(b.app().top(), Screen::Browse(_)),
        "/ no longer searches"
    );
    assert_eq!(b.message(), "/ does nothing here (? lists the keys)");
    b.keys("Down");
    assert!(b.screen().lines().last().unwrap().contains("z search"));
    b.keys("z");
    assert!(matches!(b.app().top(), Screen::SearchLine(_)));
    b.keys("Esc ?");
    assert!(
        b.screen()
            .contains("│z              search (narrows as you type)"),
        "{}",
        b.screen()
    );
}

#[test]
fn a_key_that_would_do_two_things_is_refused_naming_both() {
    let report = load(&common::records_dir()).unwrap().report;
    let mut keymap = default_keymap(&report).unwrap();
    let err = keymap
        .rebind(ScreenKind::Browse, &Command::Search, &[ch('q')])
        .unwrap_err();
    let kensho::board::keymap::RebindError::Twice(err) = err else {
        panic!("not a collision: {err:?}")
    };
    let said = err.say(&report, Lang::En);
    assert!(
        said.contains("board") && said.contains("quit") && said.contains("search"),
        "{said}"
    );
    let unchanged = default_keymap(&report).unwrap();
    assert_eq!(
        keymap.table(ScreenKind::Browse),
        unchanged.table(ScreenKind::Browse),
        "nothing changed"
    );
}

#[test]
fn a_scale_code_on_a_command_key_is_an_error_at_start_up() {
    // A report whose phase scale has a code G: Shift+G would set it, but G is "last".
    let mut report = load(&common::records_dir()).unwrap().report;
    report.phase_scale.codes[3].code = "G".into();
    let err = default_keymap(&report).unwrap_err();
    let said = err.say(&report, Lang::Ja);
    assert!(
        said.contains("G") && said.contains("実施区分 G") && said.contains("先頭・末尾へ"),
        "{said}"
    );
    // Codes that collide with nothing are fine, whatever they are.
    report.phase_scale.codes[3].code = "Z".into();
    assert!(default_keymap(&report).is_ok());
}

#[test]
fn keys_parse_as_help_writes_them() {
    for text in [
        "q",
        "G",
        "Ctrl-r",
        "PgDn",
        "Enter",
        "Space",
        "F1",
        "Esc",
        "Backspace",
    ] {
        let key = Key::parse(text).unwrap();
        assert_eq!(key.label(true), text, "{text}");
    }
    assert_eq!(Key::parse("Ctrl-"), None);
    assert_eq!(Key::parse("ab"), None);
}
