//! Items' blocks in a canonical records file: where each stands (one pass
//! over the file, so that finding many items costs one read, not one per
//! item) and the file's new bytes with some of them rewritten (one copy,
//! whatever their number).
//!
//! In the canonical format a string is always one line (its line breaks are
//! escaped), so a line that starts, after its indentation, with `id: ` is an
//! id field and nothing else.

use std::collections::HashMap;

use crate::domain::field::Field;
use crate::domain::model::Item;
use crate::domain::records::value_text;

/// The id lines of a canonical file: each line's text after its indentation
/// (`id: "1-1-a",\n`), with where that text starts, for every line that
/// holds an id field.
pub(super) struct IdLines {
    at: HashMap<Vec<u8>, Vec<usize>>,
}

impl IdLines {
    /// Every id line of `text`, in one pass.
    pub fn of(text: &[u8]) -> IdLines {
        let mut at: HashMap<Vec<u8>, Vec<usize>> = HashMap::new();
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', text).chain(std::iter::once(text.len())) {
            let line = &text[start..end];
            let indent = line.iter().take_while(|&&b| b == b' ').count();
            if line[indent..].starts_with(b"id: ") {
                let tail = text[start + indent..(end + 1).min(text.len())].to_vec();
                at.entry(tail).or_default().push(start + indent);
            }
            start = end + 1;
        }
        IdLines { at }
    }

    /// Where the id line of item `id` stands: `Some(None)` when no line is
    /// its id line, `None` when more than one is.
    pub fn find(&self, id: &str) -> Option<Option<usize>> {
        let needle = id_line(id)?;
        match self.at.get(needle.as_bytes()).map(Vec::as_slice) {
            None | Some([]) => Some(None),
            Some([one]) => Some(Some(*one)),
            Some(_) => None,
        }
    }
}

/// Where the id line of item `id` stands in `text`, by one search of the
/// text (cheaper than [`IdLines::of`] for a few items): as
/// [`IdLines::find`].
pub(super) fn find_id_line(text: &[u8], id: &str) -> Option<Option<usize>> {
    let needle = id_line(id)?;
    let mut lines = memchr::memmem::find_iter(text, needle.as_bytes()).filter(|&at| {
        let start = text[..at]
            .iter()
            .rposition(|&b| b != b' ')
            .map_or(0, |i| i + 1);
        start == 0 || text[start - 1] == b'\n'
    });
    match (lines.next(), lines.next()) {
        (None, _) => Some(None),
        (Some(at), None) => Some(Some(at)),
        (Some(_), Some(_)) => None,
    }
}

/// The text that ends an item's id line, after its indentation.
fn id_line(id: &str) -> Option<String> {
    Some(format!("id: {},\n", value_text(id).ok()?))
}

/// An item's block in a canonical file: the `Item(` line to its `)`.
#[derive(Clone, Copy)]
pub(super) struct Block {
    pub start: usize,
    pub end: usize,
    /// The indentation of the item's fields.
    indent: usize,
}

/// The block of the item whose id line starts at `at` in `text`.
pub(super) fn block_at(text: &[u8], at: usize) -> Option<Block> {
    let line_start = text[..at].iter().rposition(|&b| b == b'\n')? + 1;
    let indent = at - line_start;
    if indent < 4 || text[line_start..at].iter().any(|&b| b != b' ') {
        return None;
    }
    let opener = format!("{}Item(\n", " ".repeat(indent - 4));
    let start = line_start.checked_sub(opener.len())?;
    if &text[start..line_start] != opener.as_bytes() || (start > 0 && text[start - 1] != b'\n') {
        return None;
    }
    let closer = format!("\n{})", " ".repeat(indent - 4));
    let end = at + memchr::memmem::find(&text[at..], closer.as_bytes())? + closer.len();
    Some(Block { start, end, indent })
}

/// The item a block holds.
pub(super) fn parse_item(text: &[u8]) -> Option<Item> {
    ron::Options::default()
        .from_str::<Item>(std::str::from_utf8(text).ok()?)
        .ok()
}

/// The block `block` of `text`, which holds `was` (the caller parsed it
/// from there), with the item's fields set as in `item`; `None` unless the
/// result parses to exactly `item`, only its changed lines differing.
pub(super) fn new_block(text: &[u8], block: Block, was: &Item, item: &Item) -> Option<Vec<u8>> {
    let old_block = &text[block.start..block.end];
    let mut new_block = old_block.to_vec();
    for field in Field::ALL {
        let value = field.get(item);
        if value == field.get(was) {
            continue;
        }
        let head = format!("\n{}{}: ", " ".repeat(block.indent), field.name());
        let from = memchr::memmem::find(&new_block, head.as_bytes())? + head.len();
        let to = from + new_block[from..].iter().position(|&b| b == b'\n')?;
        if new_block.get(to - 1) != Some(&b',') {
            return None;
        }
        new_block.splice(from..to - 1, value_text(&value).ok()?.into_bytes());
    }
    (parse_item(&new_block).as_ref() == Some(item)).then_some(new_block)
}

/// `blocks` in the order of the text; `None` when two overlap.
pub(super) fn in_order(mut blocks: Vec<(Block, Vec<u8>)>) -> Option<Vec<(Block, Vec<u8>)>> {
    blocks.sort_by_key(|(b, _)| b.start);
    let overlap = blocks.windows(2).any(|w| w[1].0.start < w[0].0.end);
    (!overlap).then_some(blocks)
}

/// The pieces of `text` with each of `blocks` (in order, see [`in_order`])
/// replaced by its new bytes: written and hashed one after the other, they
/// are the new file, which is never copied whole.
pub(super) fn pieces<'a>(text: &'a [u8], blocks: &'a [(Block, Vec<u8>)]) -> Vec<&'a [u8]> {
    let mut out = Vec::with_capacity(2 * blocks.len() + 1);
    let mut from = 0;
    for (block, new) in blocks {
        out.push(&text[from..block.start]);
        out.push(new.as_slice());
        from = block.end;
    }
    out.push(&text[from..]);
    out
}
