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
    let before = o.rows().len();
    o.collapse();
    assert_eq!(o.rows().len(), before - 5);
    o.expand();
    assert_eq!(o.rows().len(), before);
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
    assert_eq!(o.offset, o.rows().len() - 10);
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
    let items: Vec<usize> = o.rows().iter().filter_map(|&n| o.nodes[n].item).collect();
    assert_eq!(items, vec![2, 5, 7], "kept in source order");
    o.move_by(1);
    o.drop_kept();
    let items: Vec<usize> = o.rows().iter().filter_map(|&n| o.nodes[n].item).collect();
    assert_eq!(items, vec![2, 7]);
    assert_eq!(o.shown_state(n), ShownState::Hidden);
}

mod rows {
    use super::*;
    use proptest::prelude::*;

    /// The rows worked out from scratch, as the outline was before it kept
    /// them: every node, in order, that the search lets through and no
    /// collapsed parent hides.
    fn rows_from_scratch(o: &Outline) -> Vec<usize> {
        let hidden = |n: usize| {
            let mut p = o.nodes[n].parent;
            while let Some(i) = p {
                if o.collapsed[i] {
                    return true;
                }
                p = o.nodes[i].parent;
            }
            false
        };
        let in_tree = |s: &Shown, n: usize| {
            // A node stands in the tree when it is a shown item or has one
            // under it.
            let under = |m: usize| {
                let mut x = Some(m);
                while let Some(y) = x {
                    if y == n {
                        return true;
                    }
                    x = o.nodes[y].parent;
                }
                false
            };
            (0..o.nodes.len())
                .any(|m| under(m) && o.nodes[m].item.is_some_and(|i| s.items.contains(&i)))
        };
        match &o.shown {
            None => (0..o.nodes.len()).filter(|&n| !hidden(n)).collect(),
            Some(s) if s.flat => s.items.iter().map(|&i| o.item_node[i]).collect(),
            Some(s) => (0..o.nodes.len())
                .filter(|&n| in_tree(s, n) && !hidden(n))
                .collect(),
        }
    }

    #[derive(Debug, Clone)]
    enum Op {
        Show(Vec<usize>, bool),
        ShowAll,
        Keeping(Vec<usize>, bool),
        DropKept,
        Move(isize),
        Collapse,
        Expand,
        Toggle,
        Select(usize),
        Next(bool),
        Jump(bool),
    }

    fn op() -> impl Strategy<Value = Op> {
        let items = proptest::collection::vec(0..88usize, 0..30).prop_map(|mut v| {
            v.dedup();
            let mut seen = std::collections::BTreeSet::new();
            v.retain(|i| seen.insert(*i));
            v
        });
        prop_oneof![
            (items.clone(), any::<bool>()).prop_map(|(v, f)| Op::Show(v, f)),
            Just(Op::ShowAll),
            (items, any::<bool>()).prop_map(|(v, f)| Op::Keeping(v, f)),
            Just(Op::DropKept),
            (-5isize..5).prop_map(Op::Move),
            Just(Op::Collapse),
            Just(Op::Expand),
            Just(Op::Toggle),
            (0..88usize).prop_map(Op::Select),
            any::<bool>().prop_map(Op::Next),
            any::<bool>().prop_map(Op::Jump),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// Whatever is done to the outline, the rows it keeps are the rows
        /// worked out from scratch, and the selection's row and position
        /// are where they stand among them.
        #[test]
        fn the_rows_kept_are_the_rows_worked_out(ops in proptest::collection::vec(op(), 1..25)) {
            let (_, mut o) = outline();
            for op in ops {
                match op.clone() {
                    Op::Show(v, flat) => o.show(Some(v), flat),
                    Op::ShowAll => o.show(None, false),
                    Op::Keeping(mut v, flat) => {
                        let kept = o.selected_item().filter(|i| !v.contains(i));
                        if !flat {
                            v.sort_unstable();
                        }
                        o.show_keeping(v, flat, kept);
                    }
                    Op::DropKept => o.drop_kept(),
                    Op::Move(d) => o.move_by(d),
                    Op::Collapse => o.collapse(),
                    Op::Expand => o.expand(),
                    Op::Toggle => o.toggle(),
                    Op::Select(i) => {
                        o.select_item(i);
                    }
                    Op::Next(f) => o.next_shown(f),
                    Op::Jump(f) => o.jump_kind(NodeKind::Point, f),
                }
                o.scroll_into_view(10);
                let rows = rows_from_scratch(&o);
                prop_assert_eq!(o.rows(), &rows[..], "after {:?}", op);
                let row = rows.iter().position(|&n| n == o.selected).unwrap_or(0);
                prop_assert_eq!(o.selected_row(), row, "after {:?}", op);
                for n in 0..o.nodes.len() {
                    prop_assert_eq!(o.has_row(n), rows.contains(&n));
                }
                let before = o.nodes[..=o.selected].iter().filter(|n| n.kind == NodeKind::Item).count();
                prop_assert_eq!(o.position(), (before.max(1), 88), "after {:?}", op);
                if let Some(s) = &o.shown {
                    for i in 0..88 {
                        prop_assert_eq!(o.is_shown_item(i), s.items.contains(&i));
                    }
                }
            }
        }
    }
}
