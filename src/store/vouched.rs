//! The digest cache learns of files that no save wrote: when a command or
//! the board has read every records file and their bytes make the state the
//! last save left (a fresh clone of a repository whose log is committed, a
//! cache deleted), each file is that save's canonical text, and the cache
//! can vouch for it. The next save then reads only the files it changes,
//! instead of reading, parsing and rendering all of them again.
//!
//! The entries are checked as every entry is: by the file's stamp, and by
//! its content while the stamp is too young to tell. Nothing is vouched for
//! when the log has no state to compare with: before the first save, the
//! save must compare the records with git's last commit.

use std::collections::BTreeMap;
use std::path::Path;

use super::changelog::{self, LOG_FILE};
use super::digests::{Digests, Entry, Stamp};
use crate::domain::records::{Digest, Layout, REPORT_FILE, Records, digest_hex, state_from};

/// A records file as it was read: its stamp then, when, and the SHA-256 of
/// the bytes read.
#[derive(Debug, Clone, Copy)]
pub struct Seen {
    pub stamp: Stamp,
    pub read_ns: i128,
    pub bytes: Digest,
}

/// Vouch in the digest cache of `dir` for the files `seen` (every records
/// file, as `records` were loaded from them) when they are what the last
/// save left. Best effort, under the folder's lock when it is free; a cache that already
/// knows every file (a save wrote it meanwhile) is left as it is.
pub fn vouch(dir: &Path, records: &Records, seen: &[(String, Seen)]) {
    let Layout::Folder { files, .. } = &records.layout else {
        return;
    };
    let seen: BTreeMap<&str, Seen> = seen.iter().map(|(n, s)| (n.as_str(), *s)).collect();
    // The state's order: the header, then each recommendation.
    let order: Vec<(&str, Option<u32>)> = std::iter::once((REPORT_FILE, None))
        .chain(
            files
                .iter()
                .zip(&records.report.recommendations)
                .map(|(f, r)| (f.as_str(), Some(r.number))),
        )
        .collect();
    let Some(parts): Option<Vec<(&str, Option<u32>, Seen)>> = order
        .iter()
        .map(|&(name, number)| Some((name, number, *seen.get(name)?)))
        .collect()
    else {
        return;
    };
    // The usual case: a save wrote the cache, and it knows every file.
    let knows_all = |cache: &Digests| {
        parts
            .iter()
            .all(|(name, ..)| cache.files.contains_key(*name))
    };
    if knows_all(&Digests::read(dir)) {
        return;
    }
    let Ok(last) = changelog::last_save(&dir.join(LOG_FILE)) else {
        return;
    };
    let Some(state) = last.iter().rev().find_map(|c| c.state.clone()) else {
        return;
    };
    let digests: Vec<Digest> = parts.iter().map(|(_, _, s)| s.bytes).collect();
    if state_from(&digests) != state {
        return;
    }
    // Best effort: never waits for a save (whose cache is newer anyway).
    super::edit::with_lock_if_free(dir, || {
        let mut cache = Digests::read(dir);
        if knows_all(&cache) {
            return;
        }
        for (name, number, s) in &parts {
            // A file changed since it was read is left out (and so is the
            // cache's use: it must know every file).
            if Stamp::at(&dir.join(name)) != Some(s.stamp) {
                return;
            }
            let entry = Entry {
                number: *number,
                stamp: s.stamp,
                read_ns: s.read_ns,
                digest: digest_hex(&s.bytes),
                canonical: true,
            };
            cache.record(name, entry);
        }
        cache.write(dir);
    });
}
