//! The outline as plain data, on the bundled records.

use super::*;
use crate::domain::records::load;

fn outline() -> (Report, Outline) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records");
    let report = load(&path).unwrap().report;
    let o = Outline::new(&report);
    (report, o)
}

#[test]
fn all_nodes_are_listed_and_the_first_item_selected() {
    let (_, o) = outline();
    assert_eq!(o.nodes.len(), 7 + 25 + 88);
    assert_eq!(o.items.len(), 88);
    assert_eq!(o.selected_item(), Some(0));
    assert_eq!(o.position(), (1, 88));
}

#[test]
fn walking_down_reaches_every_item() {
    let (_, mut o) = outline();
    o.first();
    let mut seen = Vec::new();
    for _ in 0..200 {
        if let Some(i) = o.selected_item()
            && seen.last() != Some(&i)
        {
            seen.push(i);
        }
        o.move_by(1);
    }
    assert_eq!(seen, (0..88).collect::<Vec<_>>());
}

#[test]
fn collapse_hides_children_and_left_goes_to_the_parent() {
    let (_, mut o) = outline();
    // Selected: first item; ← goes to its point, ← again collapses it.
    o.collapse();
    assert_eq!(o.selected_node().unwrap().kind, NodeKind::Point);
    let before = o.visible().len();
    o.collapse();
    assert_eq!(o.visible().len(), before - 5);
    o.expand();
    assert_eq!(o.visible().len(), before);
    o.expand();
    assert_eq!(o.selected_item(), Some(0));
}

#[test]
fn jumps_by_recommendation_and_point_reveal_hidden_nodes() {
    let (report, mut o) = outline();
    o.first();
    o.toggle(); // collapse recommendation 1
    o.jump_kind(NodeKind::Recommendation, true);
    assert_eq!(o.selected_node().unwrap().recommendation, 1);
    o.jump_kind(NodeKind::Recommendation, false);
    assert_eq!(o.selected_node().unwrap().recommendation, 0);
    o.jump_kind(NodeKind::Point, true);
    assert_eq!(o.selected_node().unwrap().point, Some(0));
    assert!(
        !o.is_collapsed(0),
        "jumping into a collapsed recommendation opens it"
    );
    assert_eq!(report.recommendations[0].points.len(), 5);
}

#[test]
fn select_item_and_position() {
    let (_, mut o) = outline();
    assert!(o.select_item(22));
    assert_eq!(o.position(), (23, 88));
    assert!(!o.select_item(88));
}

#[test]
fn the_view_follows_the_selection() {
    let (_, mut o) = outline();
    o.last();
    o.scroll_into_view(10);
    assert_eq!(o.offset, o.visible().len() - 10);
    o.first();
    o.scroll_into_view(10);
    assert_eq!(o.offset, 0);
}

#[test]
fn a_kept_item_stays_until_the_selection_leaves_it() {
    let (_, mut o) = outline();
    o.select_item(5);
    o.show(Some(vec![2, 3, 7]), false);
    o.select_item(5);
    o.show_keeping(vec![2, 7], false, Some(5));
    let n = o.selected;
    assert_eq!(o.shown_state(n), ShownState::Kept);
    assert_eq!(o.selected_shown_item(), Some(5));
    let items: Vec<usize> = o
        .visible()
        .iter()
        .filter_map(|&n| o.nodes[n].item)
        .collect();
    assert_eq!(items, vec![2, 5, 7], "kept in source order");
    o.move_by(1);
    o.drop_kept();
    let items: Vec<usize> = o
        .visible()
        .iter()
        .filter_map(|&n| o.nodes[n].item)
        .collect();
    assert_eq!(items, vec![2, 7]);
    assert_eq!(o.shown_state(n), ShownState::Hidden);
}
