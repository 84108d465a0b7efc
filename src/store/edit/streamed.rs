//! The save that must read every file (no digest cache vouches for them: a
//! folder never saved, a cache lost, a file changed outside kensho and
//! adopted) reads them two at a time for a command, one at a time beside a
//! board ([`Lanes`]), and takes them in order: each file is parsed, hashed,
//! checked as loading checks it ([`Soundness`]), given its edits and, when
//! they change it, written beside itself as its new text is made; then it
//! is let go. So the save never holds a second whole report beside the
//! board's, and hands back only its changes (the board applies them to its
//! own records).
//!
//! Every promise of the whole reading holds: the records must be what the
//! last save left (its `state`), or, before the first save, what git's last
//! commit holds; the log line is made durable before any file is put in
//! place; a save of more than one file is all or nothing ([`Undo`]); a
//! field someone else changed since the board saw it is a conflict. Whenever
//! the files are not sound, an edit names an item no file holds, or the
//! records are not what the log (or git) says, nothing is written and the
//! answer is `None`: the whole reading ([`super::save_whole`]) then says
//! what is wrong, in the same words as before.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::asked::Asked;
use super::changes::{AskedOn, Author, SeenNow, changes_by, seen_values};
use super::{EditError, Saved, SavedAs, Why, append_log, check_code, not_written, records_written};
use crate::domain::field::{Conflict, Edit};
use crate::domain::model::{Item, Recommendation, Report};
use crate::domain::records::{
    Digest, REPORT_FILE, Soundness, digest_hex, digest_of_rendering, read_part, state_from,
};
use crate::store::baseline::{CommittedState, committed_state};
use crate::store::changelog::{self, Change, LOG_FILE};
use crate::store::digests::{Digests, Entry, Stamp, now_ns, records_files};
use crate::store::undo::{Undo, all_or_nothing};
use crate::store::{Prepared, StoreError, Written, prepare_rendering};

/// No file to compare a rendering with.
const NONE: Option<std::io::Empty> = None;

/// One records file as the save read it.
struct Part {
    name: String,
    path: PathBuf,
    number: Option<u32>,
    /// Its stamp, and the time, just before it was read.
    stamp: Stamp,
    read_ns: i128,
    /// The digest of its canonical text as read, and whether its bytes are
    /// that text.
    digest: Digest,
    canonical: bool,
    /// Its new text, written beside it, and that text's digest.
    new: Option<(Prepared, Digest)>,
}

/// What reading every file found: the header, every part in the order of
/// the state, and the changes (each with the index of its edit); or the
/// first edit (in their order) whose field someone else changed since the
/// board saw it, said only once the records are known to be as logged.
struct Reading {
    header: Report,
    parts: Vec<Part>,
    changes: Vec<(usize, Change)>,
    conflict: Option<(usize, Conflict)>,
}

/// The save of this module: `None` when the records must be read whole.
pub(super) fn save_streamed<'a>(
    dir: &Path,
    asked: Asked<'a>,
    why: Why,
    seen: Option<&dyn AskedOn>,
    lanes: Lanes,
) -> Result<Option<SavedAs<'a>>, EditError> {
    let Some((header, head)) = header_part(dir) else {
        return Ok(None);
    };
    // An edit that cannot be read against the header alone is said by the
    // whole reading, after what is wrong with the files, if anything.
    let Ok(edits) = asked.edits(&header, false) else {
        return Ok(None);
    };
    let seen = seen_values(seen, &edits);
    let Some(reading) = read_each(dir, header, head, &edits, (why, &seen), lanes)? else {
        return Ok(None);
    };
    if !as_logged(dir, &reading.parts)? {
        return Ok(None);
    }
    for e in edits.iter() {
        check_code(&reading.header, e)?;
    }
    if let Some((_, conflict)) = reading.conflict {
        return Err(EditError::Conflict(conflict));
    }
    let saved = write(dir, reading)?;
    Ok(Some((saved, edits)))
}

/// The header (`report.ron`) read, and its part.
fn header_part(dir: &Path) -> Option<(Report, Part)> {
    let path = dir.join(REPORT_FILE);
    let stamp = Stamp::at(&path)?;
    let read_ns = now_ns();
    let (header, bytes) = read_part::<Report>(&path)?;
    let (digest, _) = digest_of_rendering(&header, NONE).ok()?;
    let part = Part {
        name: REPORT_FILE.to_string(),
        path,
        number: None,
        stamp,
        read_ns,
        digest,
        canonical: digest == bytes,
        new: None,
    };
    Some((header, part))
}

/// A recommendation file as read ahead: its stamp and the time, just
/// before it was read, then what it holds, the digest of its canonical
/// text and the digest of its bytes.
struct Ahead {
    name: String,
    path: PathBuf,
    stamp: Option<Stamp>,
    read_ns: i128,
    got: Option<(Recommendation, Digest, Digest)>,
}

/// How many files are read (parsed and their canonical text hashed) at
/// once, each on a core of its own, while the save takes them in order:
/// two for a command (quicker), one beside a board (which holds the
/// records already: each lane holds a file's text and what it parses to).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lanes {
    One = 1,
    Two = 2,
}

/// Read the files `names` in turn, each handed over once the one before
/// has been taken (one file more in memory, not the records).
fn read_ahead(names: Vec<(String, PathBuf)>, to: &std::sync::mpsc::SyncSender<Ahead>) {
    for (name, path) in names {
        let stamp = Stamp::at(&path);
        let read_ns = now_ns();
        let got = stamp
            .and_then(|_| read_part::<Recommendation>(&path))
            .and_then(|(rec, bytes)| {
                let (digest, _) = digest_of_rendering(&rec, NONE).ok()?;
                Some((rec, digest, bytes))
            });
        let ahead = Ahead {
            name,
            path,
            stamp,
            read_ns,
            got,
        };
        // The save stopped taking them: it has found what it needed.
        if to.send(ahead).is_err() {
            return;
        }
    }
}

/// Every recommendation file read, checked and given its edits in turn;
/// `None` when the records are not sound or an edit names an item that no
/// file holds. A conflict stops the save. The files are read [`Lanes`] at
/// a time (rendering a file to hash its canonical text is most of the
/// work), and taken in their order.
fn read_each(
    dir: &Path,
    header: Report,
    head: Part,
    edits: &[Edit],
    (why, seen): (Why, &SeenNow),
    lanes: Lanes,
) -> Result<Option<Reading>, EditError> {
    let lanes = lanes as usize;
    let Some(names) = records_files(dir) else {
        return Ok(None);
    };
    let names: Vec<(String, PathBuf)> = names
        .into_iter()
        .filter(|(n, _)| n != REPORT_FILE)
        .collect();
    let count = names.len();
    let seams = crate::store::seam::current();
    std::thread::scope(|scope| {
        let mut from = Vec::new();
        for lane in 0..lanes {
            let (to, taken) = std::sync::mpsc::sync_channel(0);
            from.push(taken);
            let mine: Vec<(String, PathBuf)> =
                names.iter().skip(lane).step_by(lanes).cloned().collect();
            let seams = seams.clone();
            scope.spawn(move || {
                let _seams = seams.as_ref().map(crate::store::seam::install);
                read_ahead(mine, &to);
            });
        }
        let files = (0..count).map(|i| from[i % lanes].recv().ok());
        take_each(dir, header, head, files, edits, why, seen)
    })
}

/// [`read_each`]'s files, as they come, checked and given their edits
/// (`None` for a file that never came: the save is not plain then).
fn take_each(
    dir: &Path,
    header: Report,
    head: Part,
    files: impl Iterator<Item = Option<Ahead>>,
    edits: &[Edit],
    why: Why,
    seen: &SeenNow,
) -> Result<Option<Reading>, EditError> {
    let author = Author::now();
    let wanted: HashSet<&str> = edits.iter().map(|e| e.item.as_str()).collect();
    let mut found: HashSet<String> = HashSet::new();
    let mut sound = Soundness::new(dir, header.clone());
    let mut parts = vec![head];
    let mut changes = Vec::new();
    let mut conflict = None;
    for ahead in files {
        let Some(Ahead {
            name,
            path,
            stamp: Some(stamp),
            read_ns,
            got: Some((rec, digest, bytes)),
        }) = ahead
        else {
            return Ok(None);
        };
        let Some(mut rec) = sound.check(&name, rec) else {
            return Ok(None);
        };
        let mut items = items_named(&mut rec, &wanted);
        found.extend(items.keys().cloned());
        let mine = match changes_by(&author, &mut items, edits, why, seen) {
            Err(EditError::Conflict(c)) => {
                first_conflict(&mut conflict, edits, c);
                Vec::new()
            }
            other => other?,
        };
        drop(items);
        // Written beside the file as it is made; put in place only once
        // the log tells it.
        let new = match mine.is_empty() || conflict.is_some() {
            true => None,
            false => Some(prepare_rendering(&path, &rec).map_err(EditError::Save)?),
        };
        changes.extend(mine);
        parts.push(Part {
            name,
            path,
            number: Some(rec.number),
            stamp,
            read_ns,
            digest,
            canonical: digest == bytes,
            new,
        });
    }
    if !sound.sound() || wanted.iter().any(|id| !found.contains(*id)) {
        return Ok(None);
    }
    // The state's order: the header, then by number; the lines in the
    // order of the edits.
    parts.sort_by_key(|p| (p.number.is_some(), p.number));
    changes.sort_by_key(|(k, _)| *k);
    Ok(Some(Reading {
        header,
        parts,
        changes,
        conflict,
    }))
}

/// Keep `c` when its edit comes before the conflict kept so far.
fn first_conflict(kept: &mut Option<(usize, Conflict)>, edits: &[Edit], c: Conflict) {
    let k = edits
        .iter()
        .position(|e| e.item == c.item && e.field == c.field)
        .unwrap_or(usize::MAX);
    if kept.as_ref().is_none_or(|(first, _)| k < *first) {
        *kept = Some((k, c));
    }
}

/// The items of `rec` whose ids are in `ids`, to change.
fn items_named<'r>(
    rec: &'r mut Recommendation,
    ids: &HashSet<&str>,
) -> HashMap<String, &'r mut Item> {
    rec.points
        .iter_mut()
        .flat_map(|p| p.measures.iter_mut())
        .flat_map(|m| m.items.iter_mut())
        .filter(|i| ids.contains(i.id.as_str()))
        .map(|i| (i.id.clone(), i))
        .collect()
}

/// Whether the records read are what the log says the last save left, or,
/// before the first save (an empty log, or none), what git's last commit
/// holds (or there is no commit to compare with). Anything else is for
/// the whole reading to say.
fn as_logged(dir: &Path, parts: &[Part]) -> Result<bool, EditError> {
    let log = dir.join(LOG_FILE);
    let last = changelog::last_save(&log).map_err(|source| EditError::Log {
        path: log.clone(),
        source,
    })?;
    let digests: Vec<Digest> = parts.iter().map(|p| p.digest).collect();
    let now = state_from(&digests);
    if let Some(state) = last.iter().rev().find_map(|c| c.state.as_deref()) {
        // That save reached the data: nothing to settle either.
        return Ok(state == now);
    }
    // Lines with no state (an older kensho), or lines that cannot be read.
    let empty = match std::fs::metadata(&log) {
        Ok(meta) => meta.len() == 0,
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    };
    if !last.is_empty() || !empty {
        return Ok(false);
    }
    Ok(match committed_state(dir) {
        CommittedState::Nothing => true,
        CommittedState::State(state) => state == now,
        CommittedState::Unknown => false,
    })
}

/// Log the changes, then put the new files in place (all or nothing) and
/// leave the digest cache describing every file.
fn write(dir: &Path, reading: Reading) -> Result<Saved, EditError> {
    let Reading {
        header,
        parts,
        changes,
        ..
    } = reading;
    let mut changes: Vec<Change> = changes.into_iter().map(|(_, c)| c).collect();
    let mut saved = Saved {
        changes: Vec::new(),
        records: None,
        read_all: true,
        header,
        written: Vec::new(),
        moved_aside: 0,
    };
    let Some(txn) = changes.first().map(|c| c.txn.clone()) else {
        return Ok(saved);
    };
    let digests: Vec<Digest> = parts
        .iter()
        .map(|p| p.new.as_ref().map_or(p.digest, |(_, d)| *d))
        .collect();
    let state = state_from(&digests);
    for c in &mut changes {
        c.state = Some(state.clone());
    }
    saved.moved_aside = append_log(dir, &changes)?;
    saved.changes = changes;
    match records_written(dir, || put_in_place(dir, parts, &txn)) {
        Ok(written) => {
            saved.written = written;
            Ok(saved)
        }
        Err(e) => Err(not_written(dir, e)),
    }
}

/// Put each new file in place, more than one all or nothing ([`Undo`]),
/// and write the digest cache.
fn put_in_place(dir: &Path, parts: Vec<Part>, txn: &str) -> Result<Vec<Written>, StoreError> {
    let paths: Vec<PathBuf> = parts
        .iter()
        .filter(|p| p.new.is_some())
        .map(|p| p.path.clone())
        .collect();
    let mut cache = Digests::default();
    let written = all_or_nothing(dir, txn, &paths, |undo| {
        replace_each(parts, undo, &mut cache)
    })?;
    cache.write(dir);
    Ok(written)
}

/// Replace each part that has a new text; note every part in the cache.
fn replace_each(
    parts: Vec<Part>,
    undo: Option<&Undo>,
    cache: &mut Digests,
) -> Result<Vec<Written>, StoreError> {
    let mut written = Vec::new();
    for part in parts {
        let Some((prepared, digest)) = part.new else {
            let entry = Entry {
                number: part.number,
                stamp: part.stamp,
                read_ns: part.read_ns,
                digest: digest_hex(&part.digest),
                canonical: part.canonical,
            };
            cache.record(&part.name, entry);
            continue;
        };
        if let (Some(undo), false) = (undo, written.is_empty()) {
            undo.between_files();
        }
        written.push(prepared.commit_noted(&part.name, part.number, &digest, cache)?);
    }
    Ok(written)
}
