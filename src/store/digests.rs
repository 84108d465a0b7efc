//! What kensho knows of the records files it last read or wrote, so that a
//! save need not read the files it does not change: for each file, its
//! identity on disk (device, inode, size, modification and change times)
//! and the digest of its canonical text (see `records::state`).
//!
//! Kept in `.kensho-cache/digests.json` beside the records, written under
//! the lock; the folder ignores itself for git (its `.gitignore` says `*`),
//! so the cache is never committed or merged. It is a cache and nothing more: when it is missing, unreadable or does
//! not describe a file exactly, the save reads the records whole, as it
//! always could. An entry is trusted only when the file's change time is
//! more than a second older than the moment its content was read (the
//! change time moves on every write and cannot be set back by hand, and the
//! margin covers coarse file-system clocks: git's "racy clean" rule); an
//! entry too young to trust is confirmed by hashing the file's bytes.

use std::collections::BTreeMap;
use std::fs::Metadata;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::files::{Access, MAX_RECORDS_FILE, MAX_SMALL_FILE, open_regular, read_regular};
use crate::domain::model::Recommendation;
use crate::domain::records::{
    Digest, Layout, REPORT_FILE, Records, digest_from_hex, digest_of_rendering, digest_of_text,
    header_of, parallel_map, to_ron,
};

/// The cache's folder, beside the records.
pub const CACHE_FOLDER: &str = ".kensho-cache";

/// The cache's file in that folder.
pub const DIGESTS_FILE: &str = "digests.json";

/// The cache folder of the records folder `dir`, when it is a real folder
/// (a symbolic link there is not followed).
fn cache_folder(dir: &Path) -> Option<PathBuf> {
    let path = dir.join(CACHE_FOLDER);
    std::fs::symlink_metadata(&path)
        .ok()
        .filter(Metadata::is_dir)
        .map(|_| path)
}

/// How much older than its reading a file's change time must be for its
/// entry to be trusted on identity alone.
const MARGIN_NS: i128 = 1_000_000_000;

/// A file's identity on disk: any write changes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub dev: u64,
    pub ino: u64,
    pub size: u64,
    pub mtime_ns: i128,
    pub ctime_ns: i128,
}

impl Stamp {
    #[cfg(unix)]
    pub fn of(meta: &Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            dev: meta.dev(),
            ino: meta.ino(),
            size: meta.size(),
            mtime_ns: i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()),
            ctime_ns: i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
        }
    }

    #[cfg(not(unix))]
    pub fn of(meta: &Metadata) -> Stamp {
        let ns = |t: std::io::Result<std::time::SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128)
        };
        Stamp {
            dev: 0,
            ino: 0,
            size: meta.len(),
            mtime_ns: ns(meta.modified()),
            ctime_ns: ns(meta.modified()),
        }
    }

    /// The stamp of the file at `path` (not following a link).
    pub fn at(path: &Path) -> Option<Stamp> {
        std::fs::symlink_metadata(path)
            .ok()
            .filter(Metadata::is_file)
            .map(|m| Stamp::of(&m))
    }
}

/// Now, in nanoseconds since the epoch (the moment a reading starts), by
/// the store's clock.
pub fn now_ns() -> i128 {
    super::seam::now_ns()
}

/// What is known of one records file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The recommendation the file holds; `None` for `report.ron`.
    pub number: Option<u32>,
    pub stamp: Stamp,
    /// When the content was read (before the reading began).
    pub read_ns: i128,
    /// The digest of the file's canonical text, in hex.
    pub digest: String,
    /// The file's bytes are its canonical text (kensho wrote it, or it is
    /// formatted exactly so): the digest is then the digest of the bytes.
    pub canonical: bool,
}

impl Entry {
    pub fn digest(&self) -> Option<Digest> {
        digest_from_hex(&self.digest)
    }

    /// The entry describes the file at `path` (whose stamp is `stamp`): on
    /// identity alone when old enough, else by the digest of its bytes.
    pub fn vouches(&self, stamp: &Stamp, path: &Path) -> bool {
        self.trusted(stamp)
            || (self.stamp == *stamp
                && self.canonical
                && read_regular(path, MAX_RECORDS_FILE)
                    .is_ok_and(|bytes| Some(digest_of_text(&bytes)) == self.digest()))
    }

    /// The entry describes the file with `stamp` and is old enough to trust
    /// on identity alone.
    pub fn trusted(&self, stamp: &Stamp) -> bool {
        self.stamp == *stamp && old_enough(stamp, self.read_ns)
    }
}

/// A file with `stamp`, whose content was read at `read_ns`, was last
/// written long enough before that reading for the stamp to tell any later
/// write.
pub fn old_enough(stamp: &Stamp, read_ns: i128) -> bool {
    stamp.ctime_ns.max(stamp.mtime_ns) + MARGIN_NS < read_ns
}

/// The cache folder of `dir`, made (with its `.gitignore`) if need be;
/// `None` when it cannot be, or something else stands there.
pub fn make_cache_folder(dir: &Path) -> Option<PathBuf> {
    super::own::make_folder(&dir.join(CACHE_FOLDER)).ok()?;
    let folder = cache_folder(dir)?;
    let ignore = folder.join(".gitignore");
    if !ignore.exists() {
        let _ = super::replace_file_like(&ignore, IGNORE_ALL, &dir.join(super::LOCK_FILE));
    }
    Some(folder)
}

/// The cache of a records folder: file name → entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Digests {
    pub version: u32,
    pub files: BTreeMap<String, Entry>,
}

const VERSION: u32 = 1;

/// The cache folder's `.gitignore`: everything in it, itself included.
const IGNORE_ALL: &[u8] =
    b"# kensho's cache of what it knows of the records files; never committed.\n*\n";

impl Digests {
    /// The cache of `dir`; empty when there is none or it cannot be read.
    pub fn read(dir: &Path) -> Digests {
        cache_folder(dir)
            .and_then(|folder| read_regular(&folder.join(DIGESTS_FILE), MAX_SMALL_FILE).ok())
            .and_then(|bytes| serde_json::from_slice::<Digests>(&bytes).ok())
            .filter(|d| d.version == VERSION)
            .unwrap_or_default()
    }

    /// Write the cache (under the lock). A cache that cannot be written is
    /// no loss: the next save reads the records whole.
    pub fn write(&mut self, dir: &Path) {
        self.version = VERSION;
        let Ok(text) = serde_json::to_vec(self) else {
            return;
        };
        let Some(folder) = make_cache_folder(dir) else {
            return;
        };
        let _ = super::replace_file_like(
            &folder.join(DIGESTS_FILE),
            &text,
            &dir.join(super::LOCK_FILE),
        );
    }

    /// Remember `entry` for the file `name`.
    pub fn record(&mut self, name: &str, entry: Entry) {
        self.files.insert(name.to_string(), entry);
    }

    /// Forget every file not in `names`.
    pub fn keep_only(&mut self, names: &[String]) {
        self.files.retain(|n, _| names.contains(n));
    }
}

/// One part of a records folder, as it is now.
pub struct Part {
    /// Its file's name.
    pub name: String,
    pub number: Option<u32>,
    pub digest: Digest,
    /// The file's bytes are its canonical text.
    pub canonical: bool,
    /// Its canonical text, when it was asked for as changed.
    pub text: Option<String>,
}

/// The digest of every part of the folder `records` (header first, then
/// each recommendation): taken from the cache for a file it vouches for
/// (with the stamp in `stamps`, taken before the records were read, and
/// still the same now), else worked out from the data, on all cores. A
/// part for which `changed` says yes is rendered whatever the cache says,
/// and its text kept.
pub fn parts_now(
    records: &Records,
    stamps: &BTreeMap<String, Stamp>,
    changed: impl Fn(&Recommendation) -> bool + Sync,
    proven: Option<&BTreeMap<String, Digest>>,
) -> Result<Vec<Part>, ron::Error> {
    let Layout::Folder { dir, files } = &records.layout else {
        return Ok(Vec::new());
    };
    let cache = Digests::read(dir);
    let report = &records.report;
    let mut names: Vec<(String, Option<u32>)> = vec![(REPORT_FILE.to_string(), None)];
    for (i, rec) in report.recommendations.iter().enumerate() {
        names.push((files.get(i).cloned().unwrap_or_default(), Some(rec.number)));
    }
    let indices: Vec<usize> = (0..names.len()).collect();
    let results = parallel_map(&indices, |&i| {
        let (name, number) = &names[i];
        let rec = i.checked_sub(1).and_then(|r| report.recommendations.get(r));
        let changed = rec.is_some_and(&changed);
        let path = dir.join(name);
        let known = stamps
            .get(name)
            .filter(|s| !changed && Stamp::at(&path).as_ref() == Some(*s))
            .and_then(|s| cache.files.get(name).filter(|e| e.vouches(s, &path)))
            .and_then(|e| Some((e.digest()?, e.canonical)));
        let part = |digest, canonical, text| Part {
            name: name.clone(),
            number: *number,
            digest,
            canonical,
            text,
        };
        if let Some((digest, canonical)) = known {
            return Ok(part(digest, canonical, None));
        }
        // Its bytes are its canonical text (see [`file_digests`]).
        if let (false, Some(digest)) = (changed, proven.and_then(|p| p.get(name))) {
            return Ok(part(*digest, true, None));
        }
        if changed {
            let text = match rec {
                None => to_ron(&header_of(report)),
                Some(rec) => to_ron(rec),
            }?;
            return Ok(part(digest_of_text(text.as_bytes()), true, Some(text)));
        }
        // Hashed and compared with the file as it is rendered, never held.
        let disk = open_regular(&path, Access::Read)
            .ok()
            .map(|(f, _)| std::io::BufReader::with_capacity(1 << 16, f));
        let (digest, canonical) = match rec {
            None => digest_of_rendering(&header_of(report), disk),
            Some(rec) => digest_of_rendering(rec, disk),
        }?;
        Ok(part(digest, canonical, None))
    });
    results.into_iter().collect()
}

/// The digest of each records file's bytes, in the order of the state (the
/// header, then each recommendation), when every file is still as its stamp
/// in `stamps` (taken before the records were read) says: the bytes are the
/// ones that were parsed. When these digests make the state the last save
/// left, each file is that save's canonical text (a save writes nothing
/// else), and need not be rendered to know its digest.
pub fn file_digests(
    records: &Records,
    stamps: &BTreeMap<String, Stamp>,
) -> Option<Vec<(String, Digest)>> {
    let Layout::Folder { dir, files } = &records.layout else {
        return None;
    };
    let names = std::iter::once(REPORT_FILE.to_string()).chain(files.iter().cloned());
    let names: Vec<String> = names.collect();
    parallel_map(&names, |name| {
        let path = dir.join(name);
        let bytes = read_regular(&path, MAX_RECORDS_FILE).ok()?;
        let same = Stamp::at(&path).is_some_and(|s| stamps.get(name) == Some(&s));
        same.then(|| (name.clone(), digest_of_text(&bytes)))
    })
    .into_iter()
    .collect()
}

/// The stamps of the records files of `dir` now (take them before reading
/// the records, for [`parts_now`]).
pub fn stamps_of(dir: &Path) -> BTreeMap<String, Stamp> {
    records_files(dir)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(name, path)| Some((name, Stamp::at(&path)?)))
        .collect()
}

/// The `.ron` files directly in `dir` (names, sorted), as loading sees
/// them; `None` when something other than a regular file is named so (the
/// full load then says what).
pub fn records_files(dir: &Path) -> Option<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).ok()? {
        let entry = entry.ok()?;
        let name = entry.file_name().into_string().ok()?;
        if !crate::domain::records::is_records_name(&name) {
            continue;
        }
        if !entry.file_type().ok()?.is_file() {
            return None;
        }
        out.push((name, entry.path()));
    }
    out.sort();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_trusted_only_when_old_enough_and_the_same() {
        let stamp = Stamp {
            dev: 1,
            ino: 2,
            size: 3,
            mtime_ns: 10_000_000_000,
            ctime_ns: 10_000_000_000,
        };
        let entry = Entry {
            number: Some(1),
            stamp,
            read_ns: 12_000_000_000,
            digest: String::new(),
            canonical: true,
        };
        assert!(entry.trusted(&stamp));
        assert!(!entry.trusted(&Stamp { size: 4, ..stamp }));
        assert!(!entry.trusted(&Stamp {
            ctime_ns: 10_000_000_001,
            ..stamp
        }));
        // Read within a second of the last write: not on identity alone.
        let young = Entry {
            read_ns: 10_500_000_000,
            ..entry
        };
        assert!(!young.trusted(&stamp));
    }

    #[test]
    fn a_missing_or_broken_cache_is_empty() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(Digests::read(dir.path()), Digests::default());
        std::fs::create_dir(dir.path().join(CACHE_FOLDER)).expect("mkdir");
        std::fs::write(
            dir.path().join(CACHE_FOLDER).join(DIGESTS_FILE),
            b"{not json",
        )
        .expect("write");
        assert_eq!(Digests::read(dir.path()), Digests::default());
    }
}
