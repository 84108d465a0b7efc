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

use self::block::{
    Block, IdLines, block_at, find_id_line, in_order, new_block, parse_item, pieces,
};
use super::Written;
use super::changelog::{self, LOG_FILE};
use super::digests::{Digests, Entry, Stamp, now_ns, records_files};
use crate::domain::field::Edit;
use crate::domain::files::{MAX_RECORDS_FILE, read_regular};
use crate::domain::model::{Item, Report};
use crate::domain::records::{
    Digest, REPORT_FILE, digest_of_pieces, digest_of_text, parallel_map, state_from,
};

/// A records file as this save sees it.
struct Known {
    name: String,
    path: PathBuf,
    entry: Entry,
    /// Its bytes, once read.
    bytes: Option<Vec<u8>>,
    /// Whether the bytes were checked against the entry's digest (a file a
    /// save rewrites is checked before anything is written; the check runs
    /// beside the rewriting).
    verified: bool,
    /// Whether its stamp is too recent to vouch for it: checked by its
    /// content even if the save does not rewrite it.
    recheck: bool,
    /// When its bytes were read.
    read_ns: i128,
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
        let cache = Digests::read(dir);
        if names.len() != cache.files.len() {
            return None;
        }
        let mut files = Vec::with_capacity(names.len());
        for (name, path) in names {
            let entry = cache.files.get(&name)?.clone();
            let stamp = Stamp::at(&path)?;
            // Written within the last second (by the last save, most
            // likely): vouched for by its content instead, before anything
            // is written ([`new_files`]).
            let recheck = !entry.trusted(&stamp);
            if recheck && (entry.stamp != stamp || !entry.canonical) {
                return None;
            }
            files.push(Known {
                name,
                path,
                entry,
                bytes: None,
                verified: false,
                recheck,
                read_ns: 0,
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

    /// Check file `i` by its content, and remember in the cache when it was
    /// read (so that a later save may trust its stamp).
    fn vouch(&mut self, i: usize) -> Option<()> {
        checked_bytes(&mut self.files[i])?;
        let file = &mut self.files[i];
        file.entry.read_ns = file.read_ns;
        self.cache.record(&file.name, file.entry.clone());
        Some(())
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
                find_id_line(read_bytes(file)?, id)?
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
        let ids = IdLines::of(read_bytes(file)?);
        file.ids = Some(ids);
    }
    file.ids.as_ref()
}

/// The bytes of a known canonical file, read once (not yet checked).
fn read_bytes(file: &mut Known) -> Option<&[u8]> {
    if file.bytes.is_none() {
        if !file.entry.canonical {
            return None;
        }
        file.read_ns = now_ns();
        file.bytes = Some(read_regular(&file.path, MAX_RECORDS_FILE).ok()?);
        file.verified = false;
    }
    file.bytes.as_deref()
}

/// Whether `bytes` are what the cache's entry describes.
fn described(entry: &Entry, bytes: &[u8]) -> bool {
    Some(digest_of_text(bytes)) == entry.digest()
}

/// The bytes of a known canonical file, read once and checked against its
/// digest: a file a save rewrites is vouched for by its content, never by
/// its stamp alone.
fn checked_bytes(file: &mut Known) -> Option<&[u8]> {
    read_bytes(file)?;
    if !file.verified {
        file.verified = described(&file.entry, file.bytes.as_deref()?);
    }
    file.verified.then_some(file.bytes.as_deref()?)
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
        let bytes = read_bytes(&mut folder.files[file])?;
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
) -> Option<Vec<NewFile>> {
    let mut by_file: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (id, at) in before {
        if after.get(id) != Some(&at.item) {
            by_file.entry(at.file).or_default().push(id);
        }
    }
    // A file the save does not rewrite, whose stamp is too recent to vouch
    // for it, is checked by its content now (and the cache learns when).
    for i in 0..folder.files.len() {
        if folder.files[i].recheck && !by_file.contains_key(&i) {
            folder.vouch(i)?;
        }
    }
    let mut out = Vec::new();
    for (file, ids) in by_file {
        let known = &mut folder.files[file];
        let verified = known.verified;
        let entry = &known.entry;
        let old = known.bytes.as_deref()?;
        // The old bytes are checked on one core while they are rewritten on
        // the other.
        let blocks = std::thread::scope(|s| {
            let check = (!verified).then(|| s.spawn(|| described(entry, old)));
            let blocks = rewritten(old, &ids, before, after);
            let sound = check.is_none_or(|c| c.join().unwrap_or(false));
            blocks.filter(|_| sound)
        })?;
        known.ids = None;
        out.push(NewFile {
            file,
            old: known.bytes.take()?,
            blocks,
        });
    }
    Some(out)
}

/// The digest of each new file (on all cores), and the state the records
/// will have once they are written.
pub(super) fn state_after(folder: &Folder, files: &[NewFile]) -> Option<(Vec<Digest>, String)> {
    let mut digests: Vec<Digest> = folder
        .files
        .iter()
        .map(|f| f.entry.digest())
        .collect::<Option<_>>()?;
    let new = parallel_map(files, |f| digest_of_pieces(&f.pieces()));
    for (f, digest) in files.iter().zip(&new) {
        digests[f.file] = *digest;
    }
    Some((new, state_from(&digests)))
}

/// Each new file written beside the one it replaces, and synced (on all
/// cores, so that their writes overlap): nothing is replaced yet, so this
/// can go on while the log line is made. One that cannot be written stops
/// them all, before anything is logged.
pub(super) fn prepare(
    folder: &Folder,
    files: &[NewFile],
) -> Result<Vec<super::Prepared>, super::StoreError> {
    parallel_map(files, |f| {
        super::prepare_pieces(&folder.files[f.file].path, &f.pieces())
    })
    .into_iter()
    .collect()
}

/// The new blocks of the items `ids` in `old`, rewritten from `before` to
/// `after`, in order.
fn rewritten(
    old: &[u8],
    ids: &[&str],
    before: &BTreeMap<String, At>,
    after: &BTreeMap<String, Item>,
) -> Option<Vec<(Block, Vec<u8>)>> {
    let mut blocks = Vec::with_capacity(ids.len());
    for id in ids {
        let at = before.get(*id)?;
        let block = new_block(old, at.block, &at.item, after.get(*id)?)?;
        blocks.push((at.block, block));
    }
    in_order(blocks)
}

/// A file's new bytes, as its old bytes with some blocks replaced.
pub(super) struct NewFile {
    file: usize,
    old: Vec<u8>,
    blocks: Vec<(Block, Vec<u8>)>,
}

impl NewFile {
    /// The new bytes, piece by piece.
    fn pieces(&self) -> Vec<&[u8]> {
        pieces(&self.old, &self.blocks)
    }
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
    written: (Vec<super::Prepared>, Vec<Digest>),
    txn: &str,
) -> Result<Vec<Written>, super::StoreError> {
    // More than one file: all or nothing ([`super::undo`]).
    let paths: Vec<PathBuf> = files
        .iter()
        .map(|f| folder.files[f.file].path.clone())
        .collect();
    let written = super::undo::all_or_nothing(dir, txn, &paths, |undo| {
        replace_each(folder, files, written, undo)
    })?;
    folder.cache.write(dir);
    Ok(written)
}

/// Replace each file, keeping the cache's entry for it up to date.
fn replace_each(
    folder: &mut Folder,
    files: Vec<NewFile>,
    (prepared, digests): (Vec<super::Prepared>, Vec<Digest>),
    undo: Option<&super::undo::Undo>,
) -> Result<Vec<Written>, super::StoreError> {
    // Each file written and synced already ([`prepare`]): put in place one
    // by one.
    let mut written = Vec::new();
    let each = files.into_iter().zip(prepared).zip(digests);
    for (k, ((NewFile { file, .. }, prepared), digest)) in each.enumerate() {
        if let (Some(undo), true) = (undo, k > 0) {
            undo.between_files();
        }
        let known = &folder.files[file];
        let noted =
            prepared.commit_noted(&known.name, known.entry.number, &digest, &mut folder.cache)?;
        written.push(noted);
    }
    Ok(written)
}

#[cfg(test)]
mod tests;
