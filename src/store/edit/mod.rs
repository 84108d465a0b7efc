//! Edits: every change of a status or a text goes through [`apply_edits`], under
//! the folder's lock, log first and data second.

use std::io::Write;
use std::path::Path;

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::changelog::{self, Change, LOG_FILE, LogStatus};
use super::digests::{self, now_ns};
use super::own::open_own;
use super::quick::{self, Folder};
use super::seam::{self, Fault};
use super::whole::Parts;
use super::{StoreError, Written};
use crate::domain::field::{Edit, Typed};
use crate::domain::files::Access;
use crate::domain::model::{Item, Report};
use crate::domain::records::{Records, folder_of, header_of, load, state_of};
use changes::changes_for;
pub use changes::{AskedOn, Landed, SeenValues};
use streamed::Lanes;

mod adopt;
mod asked;
mod changes;
mod error;
mod lock;
mod streamed;
pub mod unlogged;

pub use adopt::{Adopted, adopt};
use asked::{Asked, check_code, check_edit};
pub use error::EditError;
use lock::with_records_lock;
pub use lock::{clean_leftovers, clean_leftovers_if_free, with_lock, with_lock_if_free};

/// The lock file beside the records: locked (flock) around every
/// read-modify-write, never renamed or removed, released by the kernel if the
/// process dies.
pub const LOCK_FILE: &str = ".kensho.lock";

/// Why a change is made: the reason (the meeting's decision) and the review
/// meeting it is made in, both written in its log line.
#[derive(Debug, Clone, Copy, Default)]
pub struct Why<'a> {
    pub reason: Option<&'a str>,
    pub meeting: Option<&'a str>,
    /// The name from the user's configuration, logged beside the login.
    pub display_name: Option<&'a str>,
    /// The department whose answer the changes take in (an import).
    pub department: Option<&'a str>,
    /// A reason of its own for the changes of some items (by id), in place
    /// of `reason` (the rows of an imported workbook).
    pub item_reasons: Option<&'a std::collections::BTreeMap<String, String>>,
}

/// What a save did.
#[derive(Debug, Clone)]
pub struct Saved {
    /// The changes made (empty when every edit already held).
    pub changes: Vec<Change>,
    /// The records as now on disk, when this save read them whole at
    /// once (a save that is refused otherwise: it says why); `None` when
    /// it read only the files it changed, or every file one at a time.
    pub records: Option<Records>,
    /// Whether this save read every file (the first save after files
    /// changed outside kensho, or before the first save).
    pub read_all: bool,
    /// The report's title, source and scales (the names of its fields).
    pub header: Report,
    /// The files this save replaced, with their stamps before and after.
    pub written: Vec<Written>,
    /// Bytes of a cut-off log line moved aside before this save's lines
    /// (see [`changelog::repair`]); 0 almost always.
    pub moved_aside: u64,
}

/// Append the lines of `changes` to the log (repaired first, if a line was
/// cut off); a write that fails takes its own partial line back, so the
/// next save never appends to a fragment. Returns the bytes moved aside.
fn append_log(dir: &Path, changes: &[Change]) -> Result<u64, EditError> {
    let path = dir.join(LOG_FILE);
    let err = |source| EditError::Log {
        path: path.clone(),
        source,
    };
    let text = changelog::lines(changes).map_err(|e| err(std::io::Error::other(e)))?;
    let moved = changelog::repair(&path).map_err(err)?;
    let mut file = open_own(&path, Access::Append).map_err(err)?;
    let before = file.metadata().map_err(err)?.len();
    let written = seam::fault(Fault::Log)
        .and_then(|()| {
            // A disk that fills halfway through the line (tests: log-partial).
            if seam::fault(Fault::LogPartial).is_err() {
                file.write_all(&text.as_bytes()[..text.len() / 2])?;
                return seam::fault(Fault::LogPartial);
            }
            file.write_all(text.as_bytes())
        })
        .and_then(|()| file.sync_data());
    if let Err(e) = written {
        let _ = file.set_len(before);
        let _ = file.sync_data();
        return Err(err(e));
    }
    Ok(moved)
}

/// If the last save in the log never reached the data (the process died
/// between the log and the records), record that it was aborted, so that the
/// log's latest values agree with the data again.
fn settle_interrupted(dir: &Path, records: &Records) -> Result<(), EditError> {
    let save = changelog::last_save(&dir.join(LOG_FILE)).map_err(|source| EditError::Log {
        path: dir.join(LOG_FILE),
        source,
    })?;
    let Some(last) = save.last() else {
        return Ok(());
    };
    if last.status != LogStatus::Applied {
        return Ok(());
    }
    let txn: Vec<&Change> = save.iter().collect();
    if !changelog::never_applied(&txn, &records.report) {
        return Ok(());
    }
    let aborted: Vec<Change> = txn
        .iter()
        .map(|c| Change {
            timestamp: changelog::now(),
            old: c.new.clone(),
            new: c.old.clone(),
            status: LogStatus::Aborted,
            // The status says what happened (`kensho log` says it in words).
            reason: None,
            state: Some(state_of(&records.report)),
            version: env!("CARGO_PKG_VERSION").to_string(),
            ..(*c).clone()
        })
        .collect();
    append_log(dir, &aborted).map(|_| ())
}

/// Apply `edits` to the records at `path`, safely:
/// 1. take the folder's lock; clean up what a killed save left;
/// 2. read the records fresh from disk (someone may have saved since): only
///    the files that hold the edited items when the digest cache vouches for
///    the others ([`quick`]), else all of them;
/// 3. when `seen` is given (what the change was asked on: the values a
///    board saw, or a copy of the records), refuse to overwrite a field
///    that someone else changed since: [`EditError::Conflict`];
/// 4. append the change lines to the log and fsync it;
/// 5. replace the changed records files atomically.
///
/// The log is written first, so no change is ever in the data without its log
/// line; a save killed between 4 and 5 is recorded as aborted at the next save.
pub fn apply_edits(
    path: &Path,
    edits: &[Edit],
    why: Why,
    seen: Option<&dyn AskedOn>,
) -> Result<Saved, EditError> {
    save(path, Asked::Exact(edits), why, seen, Lanes::Two).map(|(saved, _)| saved)
}

/// [`apply_edits`] for a board, which holds the records already: a save
/// that must read every file reads them one at a time (two at a time was
/// a fifth of the records more at the board's peak, for half the time of
/// a save that comes once in a folder's life).
pub fn apply_edits_beside(
    path: &Path,
    edits: &[Edit],
    why: Why,
    seen: Option<&dyn AskedOn>,
) -> Result<Saved, EditError> {
    save(path, Asked::Exact(edits), why, seen, Lanes::One).map(|(saved, _)| saved)
}

/// Apply changes as a person typed them (`kensho set`), as
/// [`apply_edits`] does; each is read against the records as they are under
/// the lock ([`Typed`]). The edits they were read as come back too.
pub fn apply_typed(
    path: &Path,
    typed: &[Typed],
    why: Why,
) -> Result<(Saved, Vec<Edit>), EditError> {
    save(path, Asked::Typed(typed), why, None, Lanes::Two)
        .map(|(saved, edits)| (saved, edits.into_owned()))
}

/// What a save did, and the edits it was asked for as they were read.
type SavedAs<'a> = (Saved, Cow<'a, [Edit]>);

/// The save of [`apply_edits`] and [`apply_typed`].
fn save<'a>(
    path: &Path,
    asked: Asked<'a>,
    why: Why,
    seen: Option<&dyn AskedOn>,
    lanes: Lanes,
) -> Result<SavedAs<'a>, EditError> {
    let dir = folder_of(path);
    with_records_lock(path, || {
        clean_leftovers(&dir);
        if path.is_dir() {
            if let Some(saved) = save_quickly(path, asked, why, seen)? {
                return Ok(saved);
            }
            if let Some(saved) = streamed::save_streamed(path, asked, why, seen, lanes)? {
                return Ok(saved);
            }
        }
        save_whole(path, asked, why, seen)
    })?
}

/// The save of [`quick`]: `None` when the records must be read whole.
fn save_quickly<'a>(
    path: &Path,
    asked: Asked<'a>,
    why: Why,
    seen: Option<&dyn AskedOn>,
) -> Result<Option<SavedAs<'a>>, EditError> {
    let dir = folder_of(path);
    let Some(mut folder) = Folder::known(&dir) else {
        return Ok(None);
    };
    let Some(state) = folder.state() else {
        return Ok(None);
    };
    if !quick::last_save_holds(&dir, &state) {
        return Ok(None);
    }
    let edits = asked.edits(&folder.header, false)?;
    let Some(before) = quick::current_items(&mut folder, &edits) else {
        return Ok(None);
    };
    for e in edits.iter() {
        check_code(&folder.header, e)?;
    }
    let mut after: BTreeMap<String, Item> = before
        .iter()
        .map(|(id, at)| (id.clone(), at.item.clone()))
        .collect();
    let mut changes = changes_for(&mut after, &edits, why, seen)?;
    let header = folder.header.clone();
    if changes.is_empty() {
        let saved = Saved {
            changes,
            records: None,
            read_all: false,
            header,
            written: Vec::new(),
            moved_aside: 0,
        };
        return Ok(Some((saved, edits)));
    }
    let Some(files) = quick::new_files(&mut folder, &before, &after) else {
        return Ok(None);
    };
    // Nothing is logged yet: a failure here has nothing to settle.
    disk_fault(&dir).map_err(EditError::Save)?;
    // The new files are written beside the old ones while their digests
    // are taken; the log line (which needs them) is made durable before
    // any file is put in place.
    let (prepared, hashed) = std::thread::scope(|s| {
        let prepared = s.spawn(|| quick::prepare(&folder, &files));
        let hashed = quick::state_after(&folder, &files);
        let prepared = prepared
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (prepared, hashed)
    });
    let Some((digests, state)) = hashed else {
        return Ok(None);
    };
    let prepared = prepared.map_err(EditError::Save)?;
    for c in &mut changes {
        c.state = Some(state.clone());
    }
    let moved_aside = append_log(&dir, &changes)?;
    let txn = changes[0].txn.clone();
    let written = quick::write_files(&dir, &mut folder, files, (prepared, digests), &txn);
    match written {
        Ok(written) => {
            let saved = Saved {
                changes,
                records: None,
                read_all: false,
                header,
                written,
                moved_aside,
            };
            Ok(Some((saved, edits)))
        }
        Err(e) => Err(not_written(path, e)),
    }
}

/// The records files written by `write`, unless a test injects a failing
/// disk first ([`Fault::Records`]).
fn records_written<T>(
    dir: &Path,
    write: impl FnOnce() -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    disk_fault(dir)?;
    write()
}

/// A failing disk, when a test injects one ([`Fault::Records`]).
fn disk_fault(dir: &Path) -> Result<(), StoreError> {
    seam::fault(Fault::Records).map_err(|source| StoreError::Io {
        path: dir.to_path_buf(),
        source,
    })
}

/// A save whose data could not be written: the data is as it was, and the
/// log says so too.
fn not_written(path: &Path, e: StoreError) -> EditError {
    match load(path) {
        Ok(fresh) => {
            let _ = settle_interrupted(&folder_of(path), &fresh);
            EditError::Save(e)
        }
        Err(load) => EditError::Load(load),
    }
}

/// The save that reads the records whole (and leaves the digest cache
/// describing every file, so that the next save need not).
fn save_whole<'a>(
    path: &Path,
    asked: Asked<'a>,
    why: Why,
    seen: Option<&dyn AskedOn>,
) -> Result<SavedAs<'a>, EditError> {
    let dir = folder_of(path);
    // Stamps and the time are taken before the reading, so that a file
    // changed while it is read is never vouched for.
    let read_ns = now_ns();
    let stamps = digests::stamps_of(&dir);
    // Parsed from the files themselves: a kept copy is never trusted for
    // what a save writes.
    let mut records = load(path).map_err(EditError::Load)?;
    let edits = asked.edits(&records.report, true)?;
    let touched = edits.iter().map(|e| e.item.as_str()).collect();
    // Files whose bytes make the last save's state need no rendering to be
    // known (the usual case); otherwise their state is worked out.
    let proven = unlogged::proven(&records, &stamps);
    if proven.is_none() {
        unlogged::check(&records, || {
            unlogged::state_now(&records, &stamps, &touched)
        })?;
    }
    settle_interrupted(&dir, &records)?;
    let ids = edits.iter().map(|e| e.item.as_str()).collect();
    let known = records.report.items_named(&ids);
    for e in edits.iter() {
        check_edit(&records.report, &known, e)?;
    }
    let mut items = records.report.items_named_mut(&ids);
    let mut changes = changes_for(&mut items, &edits, why, seen)?;
    let header = header_of(&records.report);
    if changes.is_empty() {
        let saved = Saved {
            changes,
            records: Some(records),
            read_all: true,
            header,
            written: Vec::new(),
            moved_aside: 0,
        };
        return Ok((saved, edits));
    }
    let parts = Parts::of(&records, &changes, &stamps, read_ns, proven.as_ref())
        .map_err(EditError::Save)?;
    let state = parts.state();
    for c in &mut changes {
        c.state = Some(state.clone());
    }
    let moved_aside = append_log(&dir, &changes)?;
    let txn = changes[0].txn.clone();
    let written = records_written(&dir, || parts.write(&dir, &txn));
    match written {
        Ok(written) => {
            let saved = Saved {
                changes,
                records: Some(records),
                read_all: true,
                header,
                written,
                moved_aside,
            };
            Ok((saved, edits))
        }
        Err(e) => Err(not_written(path, e)),
    }
}

/// Record `reason` for an earlier change: a line of its own (status `reason`,
/// same transaction, old = new = the value it set), since the log is never
/// rewritten.
pub fn add_reason(
    path: &Path,
    change: &Change,
    reason: &str,
    display_name: Option<&str>,
) -> Result<(), EditError> {
    let dir = folder_of(path);
    let (user, ssh_client) = changelog::who();
    let line = Change {
        timestamp: changelog::now(),
        display_name: changelog::display_name(display_name, &user),
        user,
        ssh_client,
        old: change.new.clone(),
        reason: Some(reason.to_string()),
        status: LogStatus::Reason,
        version: env!("CARGO_PKG_VERSION").to_string(),
        // A reason changes no data.
        state: None,
        ..change.clone()
    };
    with_records_lock(path, || append_log(&dir, &[line]).map(|_| ()))?
}
