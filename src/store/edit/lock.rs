//! The records folder's lock, and cleaning up what a killed save left.

use std::path::{Path, PathBuf};

use super::{EditError, LOCK_FILE};
use crate::domain::error::LoadError;
use crate::domain::files::Access;
use crate::domain::records::folder_of;
use crate::store::own::{holds_records, open_own};

/// Hold the records folder's lock while `f` runs.
pub fn with_lock<T>(dir: &Path, f: impl FnOnce() -> T) -> Result<T, EditError> {
    lock_in(dir, false, f)
}

/// The lock of the records at `records` (a folder, or one records file of
/// any name: its folder holds records even without a `.ron` file).
pub(super) fn with_records_lock<T>(records: &Path, f: impl FnOnce() -> T) -> Result<T, EditError> {
    lock_in(&folder_of(records), records.is_file(), f)
}

fn lock_in<T>(dir: &Path, holds_records_file: bool, f: impl FnOnce() -> T) -> Result<T, EditError> {
    let path = dir.join(LOCK_FILE);
    let lock_err = |source| EditError::Lock {
        path: path.clone(),
        source,
    };
    // Nothing is created in a folder that holds no records (`set /etc`).
    if !path.exists() && !holds_records_file && !holds_records(dir) {
        return Err(EditError::Load(
            LoadError::NoRecords {
                path: dir.to_path_buf(),
            }
            .into(),
        ));
    }
    let file = open_own(&path, Access::ReadWrite).map_err(lock_err)?;
    file.lock().map_err(lock_err)?;
    let out = f();
    let _ = file.unlock();
    Ok(out)
}

/// Clean what a killed save left, when nobody holds the lock now (a board
/// starting never waits for someone else's save: the next save cleans up).
/// Run `f` under the lock of the records folder `dir` when nobody holds it
/// now (`None` when someone does, or it cannot be taken): for work that may
/// be skipped, never worth waiting for a save.
pub fn with_lock_if_free<T>(dir: &Path, f: impl FnOnce() -> T) -> Option<T> {
    let lock = dir.join(LOCK_FILE);
    // Nothing is created in a folder that holds no records.
    if !lock.exists() && !holds_records(dir) {
        return None;
    }
    let file = open_own(&lock, Access::ReadWrite).ok()?;
    file.try_lock().ok()?;
    let done = f();
    let _ = file.unlock();
    Some(done)
}

pub fn clean_leftovers_if_free(dir: &Path) {
    let lock = dir.join(LOCK_FILE);
    if !lock.exists() && !holds_records(dir) {
        return;
    }
    let Ok(file) = open_own(&lock, Access::ReadWrite) else {
        return;
    };
    if file.try_lock().is_ok() {
        clean_leftovers(dir);
        let _ = file.unlock();
    }
}

/// Put back what a save killed between its files changed ([`undo`]), and
/// remove temporary files left by a save that was killed halfway
/// (`.NAME.ron.XXXXXX`). Call with the lock held.
///
/// [`undo`]: crate::store::undo
pub fn clean_leftovers(dir: &Path) -> Vec<PathBuf> {
    // The files it put back are said by the log (the next save records the
    // save as aborted): nothing to report here.
    let _ = crate::store::undo::recover(dir);
    let mut removed = Vec::new();
    remove_leftovers(dir, &mut removed);
    // And the meetings' (a mark or the minutes cut short), never through a
    // link.
    let meetings = dir.join(crate::domain::meeting::MEETINGS_DIR);
    if std::fs::symlink_metadata(&meetings).is_ok_and(|m| m.is_dir()) {
        remove_leftovers(&meetings, &mut removed);
    }
    removed
}

fn remove_leftovers(folder: &Path, removed: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if is_leftover(name)
            && entry.file_type().is_ok_and(|t| t.is_file())
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed.push(entry.path());
        }
    }
}

/// `.NAME.ron.XXXXXX` (or `.NAME.md.XXXXXX`, minutes): the temporary file
/// of an atomic replacement.
fn is_leftover(name: &str) -> bool {
    let Some((base, suffix)) = name.strip_prefix('.').and_then(|r| r.rsplit_once('.')) else {
        return false;
    };
    (base.ends_with(".ron") || base.ends_with(".md"))
        && suffix.len() == 6
        && suffix.chars().all(|c| c.is_ascii_alphanumeric())
}
