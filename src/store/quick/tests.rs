//! The quick save's rewriting of items in a file's bytes.
use super::*;
use crate::domain::records::{load, to_ron};

fn bundled() -> crate::domain::records::Records {
    load(Path::new("records")).expect("bundled records")
}

/// `text` with item `id`'s block rewritten from `was` to `item`, as a
/// save finds and rewrites it.
fn rewrite_item(text: &[u8], id: &str, was: &Item, item: &Item) -> Option<Vec<u8>> {
    let at = IdLines::of(text).find(id)??;
    let block = block_at(text, at)?;
    if parse_item(&text[block.start..block.end]).as_ref() != Some(was) {
        return None;
    }
    let blocks = in_order(vec![(block, new_block(text, block, was, item)?)])?;
    Some(pieces(text, &blocks).concat())
}

#[test]
fn a_rewritten_item_is_the_canonical_text_of_the_changed_records() {
    let records = bundled();
    let rec = &records.report.recommendations[0];
    let text = to_ron(rec).expect("render").into_bytes();
    let mut changed = rec.clone();
    let item = &mut changed.points[0].measures[0].items[0];
    let was = item.clone();
    item.phase.0 = "D".into();
    item.progress = "改行\nと \"引用\" と\tタブ、😀".into();
    let now = item.clone();
    let new = rewrite_item(&text, &was.id, &was, &now).expect("rewritten");
    assert_eq!(new, to_ron(&changed).expect("render").into_bytes());
}

#[test]
fn many_items_rewritten_at_once_are_the_canonical_text() {
    let records = bundled();
    let rec = &records.report.recommendations[0];
    let text = to_ron(rec).expect("render").into_bytes();
    let ids = IdLines::of(&text);
    let mut changed = rec.clone();
    let mut blocks = Vec::new();
    for measure in changed
        .points
        .iter_mut()
        .flat_map(|p| p.measures.iter_mut())
    {
        for item in &mut measure.items {
            let was = item.clone();
            item.phase.0 = if was.phase.0 == "D" { "A" } else { "D" }.into();
            item.progress.push_str("（追記）");
            let block =
                block_at(&text, ids.find(&was.id).expect("one").expect("found")).expect("block");
            blocks.push((block, new_block(&text, block, &was, item).expect("new")));
        }
    }
    assert!(blocks.len() > 3);
    // One search finds each where the index does.
    for item in rec.items() {
        assert_eq!(find_id_line(&text, &item.id), ids.find(&item.id));
        assert!(find_id_line(&text, &item.id).flatten().is_some());
    }
    assert_eq!(find_id_line(&text, "9-9-z"), Some(None));
    // In any order: the splice sorts them.
    blocks.reverse();
    let new = pieces(&text, &in_order(blocks).expect("in order")).concat();
    assert_eq!(new, to_ron(&changed).expect("render").into_bytes());
}

#[test]
fn an_item_not_in_canonical_form_is_not_rewritten() {
    let records = bundled();
    let rec = &records.report.recommendations[0];
    let text = to_ron(rec).expect("render");
    let was = rec.points[0].measures[0].items[0].clone();
    let mut now = was.clone();
    now.phase.0 = "D".into();
    // Indented differently by hand: not found where the format puts it.
    let hand = text.replace("                            id: ", "      id: ");
    assert!(rewrite_item(hand.as_bytes(), &was.id, &was, &now).is_none());
    // The block does not hold what the caller believes.
    let mut other = was.clone();
    other.progress.push_str("（別）");
    assert!(rewrite_item(text.as_bytes(), &was.id, &other, &now).is_none());
    // Two id lines for one item: neither is trusted.
    let twice = text.replacen(
        &format!("id: \"{}\",", was.id),
        &format!("id: \"{}\",\n    id: \"{}\",", was.id, was.id),
        1,
    );
    assert!(IdLines::of(twice.as_bytes()).find(&was.id).is_none());
}
