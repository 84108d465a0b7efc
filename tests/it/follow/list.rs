//! Follow shares the view, not just the item (issue 23): the presenter's
//! search (with its highlights), an overview's segment, the order, the
//! scroll in the detail and the outline's folds reach the follower, drawn
//! at its own size and in its own language.

use super::{Clock, presenter_and_follower};
use crate::common::TestBoard;

use kensho::board::screen::Screen;

fn catch_up(f: &mut TestBoard, clock: &mut Clock) {
    clock.tick(f);
    f.settle();
}

#[test]
fn a_follower_shows_the_presenters_search_and_its_highlights() {
    let (mut p, mut f, mut clock) = presenter_and_follower();
    p.keys("/");
    p.type_text("警察");
    p.keys("Enter");
    catch_up(&mut f, &mut clock);
    let shown = p.shown_ids();
    assert!(shown.len() >= 3 && shown.len() < 20, "{shown:?}");
    assert_eq!(f.shown_ids(), shown);
    assert_eq!(f.selected(), p.selected());
    assert_eq!(f.app().board().search().input().text, "警察");
    // The highlights: the query's characters marked on the follower's rows.
    let styled = crate::common::styled_text(&f.draw());
    assert!(f.screen().contains("警察"), "{}", f.screen());
    assert!(styled.contains("+bold"), "{styled}");
    // Moving down the hits moves the follower too.
    p.keys("n");
    catch_up(&mut f, &mut clock);
    assert_eq!(f.selected(), p.selected());
    // The order, toggled.
    p.keys("O");
    catch_up(&mut f, &mut clock);
    assert_eq!(f.shown_ids(), p.shown_ids());
    assert_eq!(
        f.app().board().search().order(),
        p.app().board().search().order()
    );
}

#[test]
fn a_follower_shows_the_list_an_overview_segment_opened_and_the_scroll() {
    let (mut p, mut f, mut clock) = presenter_and_follower();
    // 提言1's phase D items, from the overview.
    p.keys("o Right Right Right Enter");
    catch_up(&mut f, &mut clock);
    let shown = p.shown_ids();
    assert!(!shown.is_empty() && shown.len() < 10, "{shown:?}");
    assert_eq!(f.shown_ids(), shown);
    // The detail scrolled on the presenter's board.
    p.keys("Tab Down Down");
    catch_up(&mut f, &mut clock);
    let scroll = |b: &TestBoard| match &b.app().screens()[0] {
        Screen::Browse(browse) => browse.detail_scroll(b.app().board()),
        _ => unreachable!(),
    };
    assert_eq!(scroll(&p), 2);
    assert_eq!(scroll(&f), 2);
    // Cleared on the presenter: cleared on the follower.
    p.keys("Tab F");
    catch_up(&mut f, &mut clock);
    assert_eq!(f.shown_ids().len(), 88);
}

#[test]
fn a_follower_folds_what_the_presenter_folds() {
    let (mut p, mut f, mut clock) = presenter_and_follower();
    // 提言1 folded on the presenter's board (← on its row).
    p.keys("g Left");
    let folded = p.app().board().outline().folded();
    assert!(!folded.is_empty());
    catch_up(&mut f, &mut clock);
    assert_eq!(f.app().board().outline().folded(), folded);
    assert_eq!(
        f.app().board().outline().rows(),
        p.app().board().outline().rows()
    );
    // Unfolded: unfolded.
    p.keys("Right");
    catch_up(&mut f, &mut clock);
    assert!(f.app().board().outline().folded().is_empty());
}
