//! A save that costs what it changes: only the files that hold the edited
//! items are read and written; the others are known by their digests
//! ([`super::digests`]).
//!
//! A status change is one line of its file in the canonical format, so the
//! new file is the old bytes with that line replaced. Before anything is
//! written the replacement is checked: the item's block is parsed before
//! and after, and must be exactly the item as it was with the new value.
//! Whenever the cache cannot vouch for every file (a file changed outside
//! kensho, a new file, a cache never written), or the last save is not what
//! the data holds, or an item is not where the canonical format puts it,
//! [`quick_save`] answers `None` and the save reads the records whole.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod block;

use self::block::{Block, IdLines, block_at, find_id_line, new_block, parse_item, spliced};
use super::Written;
use super::changelog::{self, LOG_FILE};
use super::digests::{Digests, Entry, Stamp, now_ns, records_files};
use crate::domain::field::Edit;
use crate::domain::files::{MAX_RECORDS_FILE, read_regular};
use crate::domain::model::{Item, Report};
use crate::domain::records::{
    Digest, REPORT_FILE, digest_hex, digest_of_text, parallel_map, state_from,
};

/// A records file as this save sees it.
struct Known {
    name: String,
    path: PathBuf,
    entry: Entry,
    /// Its bytes, once read (and checked against the entry's digest).
    bytes: Option<Vec<u8>>,
    /// Its id lines, once looked for.
    ids: Option<IdLines>,
}

/// The records folder as the cache knows it, every file vouched for.
pub(super) struct Folder {
    files: Vec<Known>,
    cache: Digests,
    /// The report's header (title, source, scales).
    pub header: Report,
    /// Whether the save names many items: each file's id lines are then
    /// indexed once, rather than searched for each item.
    many: bool,
}

/// How many items a save names before its files' id lines are indexed.
const FEW: usize = 8;

impl Folder {
    /// The folder `dir` as the cache knows it, or `None` when the cache
    /// cannot vouch for every `.ron` file in it.
    pub fn known(dir: &Path) -> Option<Folder> {
        let names = records_files(dir)?;
        let mut cache = Digests::read(dir);
        if names.len() != cache.files.len() {
            return None;
        }
        let mut files = Vec::with_capacity(names.len());
        for (name, path) in names {
            let mut entry = cache.files.get(&name)?.clone();
            let stamp = Stamp::at(&path)?;
            let mut bytes = None;
            if !entry.trusted(&stamp) {
                // Written within the last second (by the last save, most
                // likely): vouched for by its content instead.
                if entry.stamp != stamp || !entry.canonical {
                    return None;
                }
                let read_ns = now_ns();
                let read = read_regular(&path, MAX_RECORDS_FILE).ok()?;
                if Some(digest_of_text(&read)) != entry.digest() {
                    return None;
                }
                entry.read_ns = read_ns;
                cache.record(&name, entry.clone());
                bytes = Some(read);
            }
            files.push(Known {
                name,
                path,
                entry,
                bytes,
                ids: None,
            });
        }
        let report = files.iter_mut().find(|f| f.name == REPORT_FILE)?;
        // A report.ron formatted by hand is vouched for by its stamp (it is
        // never rewritten by a save, so it would stay so).
        let bytes = if report.entry.canonical {
            checked_bytes(report)?.to_vec()
        } else {
            read_regular(&report.path, MAX_RECORDS_FILE).ok()?
        };
        let text = String::from_utf8(bytes).ok()?;
        let header: Report = ron::Options::default().from_str(&text).ok()?;
        if !header.recommendations.is_empty() {
            return None;
        }
        // Parts in the order of the state: the header, then by number.
        files.sort_by_key(|f| (f.entry.number.is_some(), f.entry.number));
        let numbers: Vec<Option<u32>> = files.iter().map(|f| f.entry.number).collect();
        if numbers.iter().skip(1).any(Option::is_none) || numbers.windows(2).any(|w| w[0] == w[1]) {
            return None;
        }
        Some(Folder {
            files,
            cache,
            header,
            many: false,
        })
    }

    /// The state of the records as they are (every part's digest, in order).
    pub fn state(&self) -> Option<String> {
        let digests: Option<Vec<Digest>> = self.files.iter().map(|f| f.entry.digest()).collect();
        Some(state_from(&digests?))
    }

    /// The file that holds item `id` and where its id line starts, trying
    /// first the recommendation its id names. `None` when no file holds it
    /// in the canonical form (the full path then says what is wrong).
    fn locate(&mut self, id: &str) -> Option<(usize, usize)> {
        let named: Option<u32> = id.split('-').next().and_then(|n| n.parse().ok());
        let mut order: Vec<usize> = (0..self.files.len())
            .filter(|&i| self.files[i].entry.number.is_some())
            .collect();
        order.sort_by_key(|&i| self.files[i].entry.number != named);
        for i in order {
            // A file formatted by hand cannot be rewritten line by line; the
            // ids are unique (the records were valid when the cache was
            // written), so the item is in it only if it is in no other.
            if !self.files[i].entry.canonical {
                continue;
            }
            let file = &mut self.files[i];
            let at = if self.many {
                id_lines(file)?.find(id)?
            } else {
                find_id_line(checked_bytes(file)?, id)?
            };
            if let Some(at) = at {
                return Some((i, at));
            }
        }
        None
    }
}

/// The id lines of a known file, found once.
fn id_lines(file: &mut Known) -> Option<&IdLines> {
    if file.ids.is_none() {
        let ids = IdLines::of(checked_bytes(file)?);
        file.ids = Some(ids);
    }
    file.ids.as_ref()
}

/// The bytes of a known file, read once and checked against its digest:
/// a file a save rewrites is vouched for by its content, never by its stamp
/// alone.
fn checked_bytes(file: &mut Known) -> Option<&[u8]> {
    if file.bytes.is_none() {
        let bytes = read_regular(&file.path, MAX_RECORDS_FILE).ok()?;
        if !file.entry.canonical || Some(digest_of_text(&bytes)) != file.entry.digest() {
            return None;
        }
        file.bytes = Some(bytes);
    }
    file.bytes.as_deref()
}

/// The items named by `edits`, as they are now, with the file that holds
/// each (`None`: not all of them are where the canonical format puts them).
pub(super) fn current_items(folder: &mut Folder, edits: &[Edit]) -> Option<BTreeMap<String, At>> {
    let mut items = BTreeMap::new();
    folder.many = edits.len() > FEW;
    for e in edits {
        if items.contains_key(&e.item) {
            continue;
        }
        let (file, at) = folder.locate(&e.item)?;
        let bytes = checked_bytes(&mut folder.files[file])?;
        let block = block_at(bytes, at)?;
        let item = parse_item(&bytes[block.start..block.end])?;
        if item.id != e.item {
            return None;
        }
        items.insert(e.item.clone(), At { file, block, item });
    }
    Some(items)
}

/// An item as it is now, with the file and the block that hold it.
pub(super) struct At {
    file: usize,
    block: Block,
    pub item: Item,
}

/// The new bytes of every file that holds a changed item, and the state the
/// records will have once they are written. `before` and `after` hold the
/// changed items as they were and as they will be.
pub(super) fn new_files(
    folder: &mut Folder,
    before: &BTreeMap<String, At>,
    after: &BTreeMap<String, Item>,
) -> Option<(Vec<NewFile>, String)> {
    let mut by_file: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (id, at) in before {
        if after.get(id) != Some(&at.item) {
            by_file.entry(at.file).or_default().push(id);
        }
    }
    let mut out = Vec::new();
    let mut digests: Vec<Digest> = folder
        .files
        .iter()
        .map(|f| f.entry.digest())
        .collect::<Option<_>>()?;
    for (file, ids) in by_file {
        let old = checked_bytes(&mut folder.files[file])?;
        let mut blocks = Vec::with_capacity(ids.len());
        for id in ids {
            let at = before.get(id)?;
            blocks.push((
                at.block,
                new_block(old, at.block, &at.item, after.get(id)?)?,
            ));
        }
        let text = spliced(old, blocks)?;
        // The old bytes are not needed any more: their memory serves the
        // next file's.
        folder.files[file].bytes = None;
        folder.files[file].ids = None;
        digests[file] = digest_of_text(&text);
        out.push(NewFile {
            file,
            text,
            digest: digests[file],
        });
    }
    Some((out, state_from(&digests)))
}

/// A file's new bytes and their digest.
pub(super) struct NewFile {
    file: usize,
    text: Vec<u8>,
    digest: Digest,
}

/// Whether the last save in the log is what the data holds (or the log has
/// no save that could be unfinished), so nothing needs settling.
pub(super) fn last_save_holds(dir: &Path, state: &str) -> bool {
    let Ok(save) = changelog::last_save(&dir.join(LOG_FILE)) else {
        return false;
    };
    // The state the last save left (an aborted save's lines say the state
    // it kept); none in a log that has no save yet.
    match save.iter().rev().find_map(|c| c.state.as_deref()) {
        Some(last) => last == state,
        None => save.is_empty(),
    }
}

/// Write the new files (each atomically), remember them in the cache and
/// say what was written.
pub(super) fn write_files(
    dir: &Path,
    folder: &mut Folder,
    files: Vec<NewFile>,
    txn: &str,
) -> Result<Vec<Written>, super::StoreError> {
    // More than one file: all or nothing ([`super::undo`]).
    let paths: Vec<PathBuf> = files
        .iter()
        .map(|f| folder.files[f.file].path.clone())
        .collect();
    let undo = match paths.len() {
        0 | 1 => None,
        _ => Some(super::undo::Undo::begin(dir, txn, &paths)?),
    };
    let replaced = replace_each(folder, files, undo.as_ref());
    let written = match (replaced, undo) {
        (Ok(written), Some(undo)) => undo.done().map(|()| written)?,
        (Ok(written), None) => written,
        (Err(e), Some(undo)) => {
            undo.roll_back()?;
            return Err(e);
        }
        (Err(e), None) => return Err(e),
    };
    folder.cache.write(dir);
    Ok(written)
}

/// Replace each file, keeping the cache's entry for it up to date.
fn replace_each(
    folder: &mut Folder,
    files: Vec<NewFile>,
    undo: Option<&super::undo::Undo>,
) -> Result<Vec<Written>, super::StoreError> {
    // Every file written to the disk at once (their writes overlap), then
    // put in place one by one.
    // One that cannot be written stops them all before any is in place.
    let prepared = parallel_map(&files, |f| {
        super::prepare_file(&folder.files[f.file].path, &f.text)
    })
    .into_iter()
    .collect::<Result<Vec<_>, _>>()?;
    let mut written = Vec::new();
    for (k, (NewFile { file, digest, .. }, prepared)) in files.into_iter().zip(prepared).enumerate()
    {
        if let (Some(undo), true) = (undo, k > 0) {
            undo.between_files();
        }
        let known = &mut folder.files[file];
        let before = Stamp::at(&known.path);
        let read_ns = now_ns();
        prepared.commit()?;
        let after = Stamp::at(&known.path);
        if let Some(stamp) = after {
            let entry = Entry {
                number: known.entry.number,
                stamp,
                read_ns,
                digest: digest_hex(&digest),
                canonical: true,
            };
            folder.cache.record(&known.name, entry);
        } else {
            folder.cache.files.remove(&known.name);
        }
        written.push(Written {
            path: known.path.clone(),
            before,
            after,
        });
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
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
        spliced(text, vec![(block, new_block(text, block, was, item)?)])
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
                let block = block_at(&text, ids.find(&was.id).expect("one").expect("found"))
                    .expect("block");
                blocks.push((block, new_block(&text, block, &was, item).expect("new")));
            }
        }
        assert!(blocks.len() > 3);
        // One search finds each where the index does.
        for item in rec
            .points
            .iter()
            .flat_map(|p| &p.measures)
            .flat_map(|m| &m.items)
        {
            assert_eq!(find_id_line(&text, &item.id), ids.find(&item.id));
            assert!(find_id_line(&text, &item.id).flatten().is_some());
        }
        assert_eq!(find_id_line(&text, "9-9-z"), Some(None));
        // In any order: the splice sorts them.
        blocks.reverse();
        let new = spliced(&text, blocks).expect("spliced");
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
}
