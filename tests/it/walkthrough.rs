//! One place in the meeting (issue 23): `Esc` from a walkthrough comes back
//! to the item it showed, however it was opened; `:` jumps by id in the
//! walkthrough, case-insensitively; an item not on the agenda is said.

use crate::common::TestBoard;

use kensho::board::screen::Screen;
use kensho::i18n::Lang;

fn walking(b: &TestBoard) -> String {
    match b.app().top() {
        Screen::Walkthrough(w) => w.current().unwrap_or_default().to_string(),
        other => panic!("not the walkthrough: {:?}", other.kind()),
    }
}

/// A meeting over the whole table, 1-1-a to 1-1-c already reviewed, left
/// for the board, which stands on another item.
fn resumed_meeting(lang: Lang) -> TestBoard {
    let mut b = TestBoard::on_copy(lang, 100, 30);
    b.keys("M Ctrl-u");
    b.type_text("2026-12 本部会議");
    b.keys("Enter r r r Esc");
    b.jump("3-1-a");
    b.keys("p");
    b
}

#[test]
fn esc_from_a_fresh_walkthrough_lands_on_its_item() {
    let mut b = TestBoard::on_copy(Lang::Ja, 100, 30);
    b.keys("M Ctrl-u");
    b.type_text("2026-12 本部会議");
    b.keys("Enter r r r");
    // Reopened from the command line's point of view: a new board on the
    // same meeting opens at the first item not reviewed.
    let dir = b.path().to_path_buf();
    let records = kensho::domain::records::load(&dir).unwrap();
    let app = kensho::board::app::App::new(
        records,
        kensho::board::state::Options {
            ..crate::common::options(Lang::Ja)
        },
    )
    .unwrap();
    let mut fresh = TestBoard::with(app, None, 100, 30);
    fresh.keys("M Ctrl-u");
    fresh.type_text("2026-12 本部会議");
    fresh.keys("Enter");
    assert_eq!(walking(&fresh), "1-1-d", "the first item not reviewed");
    fresh.keys("Esc");
    assert_eq!(
        fresh.selected(),
        "1-1-d",
        "the board stands where the walkthrough was"
    );
}

#[test]
fn the_walkthrough_opened_from_the_board_starts_at_its_item_and_keeps_it() {
    let mut b = resumed_meeting(Lang::En);
    assert_eq!(walking(&b), "3-1-a", "p opens where the board stands");
    // Help and back: the walkthrough stays where it was.
    b.keys("Space ? Esc");
    let here = walking(&b);
    assert_ne!(here, "3-1-a");
    b.keys("Esc");
    assert_eq!(b.selected(), here);
}

#[test]
fn colon_jumps_by_id_in_the_walkthrough() {
    let mut b = resumed_meeting(Lang::Ja);
    b.keys(":");
    b.type_text("3-2-B");
    b.keys("Enter");
    assert_eq!(walking(&b), "3-2-b", "case-insensitive");
    let agenda = match b.app().top() {
        Screen::Walkthrough(w) => w.agenda.clone(),
        _ => unreachable!(),
    };
    let next = agenda.iter().position(|a| a == "3-2-b").unwrap() + 1;
    b.keys("Space");
    assert_eq!(walking(&b), agenda[next], "the walk goes on from there");
    b.keys("g");
    assert_eq!(walking(&b), "1-1-a");
    b.keys("G");
    let last = walking(&b);
    b.keys(":");
    b.type_text("9-9-z");
    b.keys("Enter");
    assert_eq!(walking(&b), last);
    assert!(
        b.message().contains("その ID の項目はありません"),
        "{}",
        b.message()
    );
}

#[test]
fn the_agenda_index_shows_reviewed_marks_and_goes_to_the_item_chosen() {
    let mut b = resumed_meeting(Lang::Ja);
    b.keys("g i");
    assert!(matches!(b.app().top(), Screen::AgendaIndex(_)));
    let screen = b.screen();
    assert!(screen.contains("議題の一覧"), "{screen}");
    let row = |id: &str| {
        screen
            .lines()
            .find(|l| l.contains(&format!(" {id} ")))
            .unwrap_or_default()
            .to_string()
    };
    assert!(row("1-1-a").contains('✓'), "{}", row("1-1-a"));
    assert!(!row("1-1-d").contains('✓'), "{}", row("1-1-d"));
    b.keys("Down Down Down Enter");
    assert_eq!(walking(&b), "1-1-d");
    b.keys("i Esc");
    assert_eq!(walking(&b), "1-1-d", "closed without choosing");
}
