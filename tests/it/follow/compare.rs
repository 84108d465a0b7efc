//! A presenter that compares with an earlier table (`--compare BASE`) and
//! shows only what changed (`=`): a follower with a comparison of its own
//! shows the same list, its own 旧 lines and marks; a follower that
//! compares with nothing cannot answer that filter, so it shows every item
//! the rest of the presenter's list lets through, never an empty list,
//! says why and how to compare, and shows no 旧 line.

use super::Clock;
use crate::common::TestBoard;
use crate::compare_board::{CHANGED, changed_copy, comparing};

use kensho::board::screen::Screen;
use kensho::domain::presence::{PRESENCE_FILE, Presence};
use kensho::i18n::Lang;

fn catch_up(f: &mut TestBoard, clock: &mut Clock) {
    clock.tick(f);
    f.settle();
}

fn published(p: &TestBoard) -> Presence {
    let text = std::fs::read_to_string(p.path().join(PRESENCE_FILE)).unwrap();
    Presence::parse(&text).unwrap()
}

/// A presenter comparing, with `=` on, and a follower on the same records
/// comparing (`own`) or not.
fn presenting_changes(own: bool) -> (TestBoard, TestBoard, Clock, tempfile::TempDir) {
    let (dir, earlier) = changed_copy();
    let mut p = comparing(dir.path(), Some(earlier.clone()), Lang::Ja, 100, 30);
    p.keys("P =");
    assert_eq!(p.shown_ids(), CHANGED);
    let mut f = comparing(dir.path(), own.then_some(earlier), Lang::En, 80, 24);
    f.rt.app_mut().follow();
    let mut clock = Clock::new();
    catch_up(&mut f, &mut clock);
    (p, f, clock, dir)
}

#[test]
fn the_presenter_publishes_its_filter_of_the_changes_with_its_base() {
    let (mut p, _f, _clock, _dir) = presenting_changes(false);
    assert_eq!(
        published(&p).view.list.since_base.as_deref(),
        Some("HEAD~1")
    );
    p.keys("=");
    assert_eq!(published(&p).view.list.since_base, None);
    // Left out of the file while off, as an older follower reads it.
    let text = std::fs::read_to_string(p.path().join(PRESENCE_FILE)).unwrap();
    assert!(!text.contains("since_base"), "{text}");
}

#[test]
fn a_follower_that_compares_shows_the_same_changes_and_its_own_old_lines() {
    let (mut p, mut f, mut clock, _dir) = presenting_changes(true);
    assert_eq!(f.shown_ids(), CHANGED);
    assert_eq!(f.selected(), p.selected());
    assert!(!f.message().contains("--compare"), "{}", f.message());
    p.keys("p");
    catch_up(&mut f, &mut clock);
    assert!(matches!(f.app().top(), Screen::Walkthrough(_)));
    let screen = f.screen();
    assert!(screen.contains("was: A"), "{screen}");
    // Off on the presenter: off on the follower.
    p.keys("Esc =");
    catch_up(&mut f, &mut clock);
    assert_eq!(f.shown_ids().len(), 88);
}

#[test]
fn a_follower_that_compares_with_nothing_shows_every_item_and_says_why() {
    let (mut p, mut f, mut clock, _dir) = presenting_changes(false);
    assert_eq!(f.shown_ids().len(), 88, "not an empty list");
    assert_eq!(f.selected(), p.selected());
    let said = f.message();
    assert!(
        said.contains("HEAD~1") && said.contains("--compare HEAD~1"),
        "{said}"
    );
    // The presenter's other filters still reach it.
    p.keys("f j j j j Space Esc");
    catch_up(&mut f, &mut clock);
    let narrowed = f.shown_ids();
    assert!(!narrowed.is_empty() && narrowed.len() < 88, "{narrowed:?}");
    assert!(p.shown_ids().iter().all(|id| narrowed.contains(id)));
    // The presenter's walkthrough, on an item that changed: no 旧 line here.
    p.keys("p");
    catch_up(&mut f, &mut clock);
    assert!(matches!(f.app().top(), Screen::Walkthrough(_)));
    assert_eq!(f.selected(), p.selected());
    let screen = f.screen();
    assert!(
        !screen.contains("was:") && !screen.contains("旧:"),
        "{screen}"
    );
    assert!(p.screen().contains("旧:"), "{}", p.screen());
}
