//! The records as last parsed, so that opening them costs a parse only for
//! the files that changed since: each recommendation file's data is kept in
//! `.kensho-cache/parsed/NAME.bin` (postcard), with the file's stamp and the
//! SHA-256 of the bytes it was parsed from.
//!
//! A kept copy is used only when its own checksum holds (a copy changed in
//! any way is never used), the file's stamp is the one it was made from and
//! old enough to trust (the rule of [`super::digests`]), or, when too
//! young, when the file's bytes have the same SHA-256. A save never uses a
//! copy: it parses the files it writes from themselves. Anything else (no
//! copy, another stamp, a copy that does not decode) means the file is
//! parsed, and its copy made anew. The records are then validated whole as
//! always; when they are not sound, they are read again with
//! [`load`] so that every problem is reported at its line and column.
//! Writing the copies is best effort: a reader without write access to the
//! folder simply parses every time.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::digests::{CACHE_FOLDER, Stamp, now_ns, records_files};
use super::vouched::Seen;
use crate::domain::error::LoadErrors;
use crate::domain::files::{MAX_RECORDS_FILE, read_regular};
use crate::domain::model::{Recommendation, Report};
use crate::domain::records::{
    REPORT_FILE, Records, digest_of_text, from_parts, load, parallel_map,
};

/// The folder of kept copies, inside the cache folder.
const PARSED_FOLDER: &str = "parsed";

const VERSION: u32 = 3;

/// What is kept of one file.
#[derive(Serialize, Deserialize)]
struct Kept<R> {
    version: u32,
    stamp: Stamp,
    read_ns: i128,
    /// SHA-256 of the bytes parsed.
    bytes: [u8; 32],
    /// SHA-256 of the recommendation's encoding, which follows: a copy
    /// changed in any way after it was written is never used.
    payload: [u8; 32],
    recommendation: R,
}

/// The recommendation of a copy whose checksum holds.
fn payload_of(kept: &Kept<Vec<u8>>) -> Option<Recommendation> {
    (digest_of_text(&kept.recommendation) == kept.payload)
        .then(|| postcard::from_bytes(&kept.recommendation).ok())
        .flatten()
}

/// Load the records at `path` as [`load`] does, taking each recommendation
/// file from its kept copy when the copy is that file's. The same records,
/// the same errors; only faster when little has changed. The copies of the
/// files that had to be parsed are written by [`Keeping::write`], when the
/// caller has the time (after a board's first frame, after a command's
/// output).
pub fn load_known(path: &Path) -> Result<(Records, Keeping), LoadErrors> {
    let nothing = || Keeping {
        dir: PathBuf::new(),
        fresh: Vec::new(),
        seen: Vec::new(),
    };
    if !path.is_dir() {
        return load(path).map(|r| (r, nothing()));
    }
    // A save killed between its files is put back before anything is read.
    super::undo::put_back_if_killed(path);
    match known(path) {
        Some(found) => Ok(found),
        None => load(path).map(|r| (r, nothing())),
    }
}

/// [`load_known`] for a command: the copies of the files that had to be
/// parsed are written before it returns.
pub fn load_and_keep(path: &Path) -> Result<Records, LoadErrors> {
    let (records, keeping) = load_known(path)?;
    keeping.write(&records);
    Ok(records)
}

/// The copies still to write after [`load_known`].
pub struct Keeping {
    dir: PathBuf,
    fresh: Vec<(String, Kept<()>)>,
    /// Every records file as it was read, to vouch for it in the digest
    /// cache ([`super::vouched`]).
    seen: Vec<(String, Seen)>,
}

impl Keeping {
    /// Write the copies (best effort), from `records` as loaded; and when
    /// the files are what the last save left, tell the digest cache so
    /// (the next save then reads only the files it changes).
    pub fn write(self, records: &Records) {
        if !self.fresh.is_empty() {
            keep(&self.dir, records, &self.fresh);
        }
        if !self.seen.is_empty() {
            super::vouched::vouch(&self.dir, records, &self.seen);
        }
    }

    /// Write the copies on a thread of their own (a board's first frame does
    /// not wait for them), from the records the board shares with it (no
    /// copy of them is made); join the handle before the process ends.
    pub fn write_behind(
        self,
        records: &std::sync::Arc<Records>,
    ) -> Option<std::thread::JoinHandle<()>> {
        if self.fresh.is_empty() {
            return None;
        }
        let records = std::sync::Arc::clone(records);
        Some(super::seam::spawn(move || self.write(&records)))
    }

    /// Leave out the files at `paths` (a save changed them since).
    pub fn without(mut self, paths: &[PathBuf]) -> Keeping {
        self.fresh
            .retain(|(name, _)| !paths.iter().any(|p| p.file_name() == Some(name.as_ref())));
        self
    }
}

/// Room a copy never takes: what stays free on the disk after the copies
/// are written (a cache must not take the space a save needs).
const SPARE: u64 = 256 * 1024 * 1024;

/// The disk of `dir` has `bytes` to give a cache and still [`SPARE`].
fn room_for(dir: &Path, bytes: u64) -> bool {
    rustix::fs::statvfs(dir)
        .is_ok_and(|v| v.f_bavail.saturating_mul(v.f_frsize) > bytes.saturating_add(SPARE))
}

/// One recommendation file, from its copy or parsed, and whether its copy
/// is to be written anew.
struct Got {
    name: String,
    recommendation: Recommendation,
    fresh: Option<Kept<()>>,
    /// The file as it was read (or as its copy says it was).
    seen: Seen,
}

fn known(dir: &Path) -> Option<(Records, Keeping)> {
    let files = records_files(dir)?;
    let (_, report_path) = files.iter().find(|(n, _)| n == REPORT_FILE)?;
    let header_stamp = Stamp::at(report_path)?;
    let header_read = now_ns();
    let header_bytes = read_regular(report_path, MAX_RECORDS_FILE).ok()?;
    let mut seen = vec![(
        REPORT_FILE.to_string(),
        Seen {
            stamp: header_stamp,
            read_ns: header_read,
            bytes: digest_of_text(&header_bytes),
        },
    )];
    let header: Report = parse_bytes(header_bytes)?;
    if !header.recommendations.is_empty() {
        return None;
    }
    let parsed = dir.join(CACHE_FOLDER).join(PARSED_FOLDER);
    let recs: Vec<&(String, PathBuf)> = files.iter().filter(|(n, _)| n != REPORT_FILE).collect();
    // The workers read the store's clock as this thread does.
    let seams = super::seam::current();
    let got: Vec<Option<Got>> = parallel_map(&recs, |(name, path)| {
        let _seams = seams.as_ref().map(super::seam::install);
        let kept = parsed.join(format!("{name}.bin"));
        one_file(name, path, &kept)
    });
    let got: Vec<Got> = got.into_iter().collect::<Option<_>>()?;
    let fresh: Vec<(String, Kept<()>)> = got
        .iter()
        .filter_map(|g| g.fresh.as_ref().map(|k| (g.name.clone(), k.clone_empty())))
        .collect();
    seen.extend(got.iter().map(|g| (g.name.clone(), g.seen)));
    let parts: Vec<(String, Recommendation)> = got
        .into_iter()
        .map(|g| (g.name, g.recommendation))
        .collect();
    let records = from_parts(dir, header, parts)?;
    let keeping = Keeping {
        dir: dir.to_path_buf(),
        fresh,
        seen,
    };
    Some((records, keeping))
}

impl Kept<()> {
    fn clone_empty(&self) -> Kept<()> {
        Kept {
            version: self.version,
            stamp: self.stamp,
            read_ns: self.read_ns,
            bytes: self.bytes,
            payload: self.payload,
            recommendation: (),
        }
    }
}

/// The recommendation in the file `path`: from its copy `kept` when that
/// copy is the file's, else parsed (`None` when it cannot be: the full load
/// says why).
fn one_file(name: &str, path: &Path, kept: &Path) -> Option<Got> {
    let stamp = Stamp::at(path)?;
    let copy = read_regular(kept, MAX_RECORDS_FILE)
        .ok()
        .and_then(|bytes| postcard::from_bytes::<Kept<Vec<u8>>>(&bytes).ok())
        .filter(|k| k.version == VERSION && k.stamp == stamp)
        .and_then(|k| Some((k.read_ns, k.bytes, payload_of(&k)?)));
    if let Some((read_ns, _, _)) = &copy
        && super::digests::old_enough(&stamp, *read_ns)
    {
        return copy.map(|(read_ns, bytes, recommendation)| Got {
            name: name.to_string(),
            recommendation,
            fresh: None,
            seen: Seen {
                stamp,
                read_ns,
                bytes,
            },
        });
    }
    let read_ns = now_ns();
    let bytes = read_regular(path, MAX_RECORDS_FILE).ok()?;
    let digest = digest_of_text(&bytes);
    // Too young to trust by its stamp, but the very bytes it was made from.
    let recommendation = match copy {
        Some((_, made_from, recommendation)) if made_from == digest => recommendation,
        _ => parse_bytes(bytes)?,
    };
    Some(Got {
        name: name.to_string(),
        recommendation,
        seen: Seen {
            stamp,
            read_ns,
            bytes: digest,
        },
        fresh: Some(Kept {
            version: VERSION,
            stamp,
            read_ns,
            bytes: digest,
            payload: [0; 32],
            recommendation: (),
        }),
    })
}

/// The value in a records file's bytes (a byte order mark is not part of
/// the text, as for [`load`]).
fn parse_bytes<T: serde::de::DeserializeOwned>(bytes: Vec<u8>) -> Option<T> {
    let text = String::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    ron::Options::default().from_str(text).ok()
}

/// Write the copies of the files in `fresh` (best effort, each atomically),
/// one at a time, each written as it is encoded: no copy is ever held in
/// memory (a recommendation of a large report encodes to tens of MB).
fn keep(dir: &Path, records: &Records, fresh: &[(String, Kept<()>)]) {
    let crate::domain::records::Layout::Folder { files, .. } = &records.layout else {
        return;
    };
    let mut folder = None;
    for (name, kept) in fresh {
        let Some(recommendation) = files
            .iter()
            .position(|f| f == name)
            .and_then(|i| records.report.recommendations.get(i))
        else {
            continue;
        };
        let Some((head, size)) = head_of(recommendation, kept) else {
            continue;
        };
        if !room_for(dir, size) {
            return;
        }
        if folder.is_none() {
            folder = parsed_folder(dir);
        }
        let Some(folder) = &folder else {
            return;
        };
        let _ = super::replace_file_like_with(
            &folder.join(format!("{name}.bin")),
            &dir.join(super::LOCK_FILE),
            |out| {
                out.write_all(&head)?;
                postcard::to_io(recommendation, out)
                    .map(|_| ())
                    .map_err(std::io::Error::other)
            },
        );
    }
}

/// Counts and hashes the bytes written to it.
#[derive(Default)]
struct Measured {
    len: usize,
    hash: Sha256,
}

impl std::io::Write for Measured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.len += buf.len();
        self.hash.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What comes before the encoding of `recommendation` in its kept copy
/// (the fields of [`Kept`], its checksum among them, then the encoding's
/// length as postcard writes a sequence's), and the copy's whole size. The
/// recommendation is encoded once to measure it, and again as it is written.
fn head_of(recommendation: &Recommendation, kept: &Kept<()>) -> Option<(Vec<u8>, u64)> {
    let measured = postcard::to_io(recommendation, Measured::default()).ok()?;
    let head = Kept {
        version: kept.version,
        stamp: kept.stamp,
        read_ns: kept.read_ns,
        bytes: kept.bytes,
        payload: measured.hash.finalize().into(),
        recommendation: (),
    };
    let mut head = postcard::to_stdvec(&head).ok()?;
    head.extend(postcard::to_stdvec(&measured.len).ok()?);
    let size = (head.len() + measured.len) as u64;
    Some((head, size))
}

/// The folder of the parsed copies, made if need be.
fn parsed_folder(dir: &Path) -> Option<PathBuf> {
    let cache = super::digests::make_cache_folder(dir)?;
    let folder = cache.join(PARSED_FOLDER);
    (super::own::make_folder(&folder).is_ok() && folder.is_dir()).then_some(folder)
}
