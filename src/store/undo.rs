//! A save that replaces more than one file, all or nothing.
//!
//! Each file is replaced atomically (a new file renamed over the old one),
//! but a save that replaces two files could be killed between the two
//! renames, leaving one changed and one not while the log says both. So
//! before its first rename such a save keeps every file it is about to
//! replace — a hard link to each, which costs no copy — and writes down
//! their names, in an undo record (`.kensho-undo/`, fsynced) under the
//! records' lock. After its last rename it removes the record. A save killed
//! in between leaves the record behind, and the next save (or a board
//! opening) puts every file back as it was before the killed save
//! ([`recover`]); the log then says that save never reached the data
//! (`aborted` lines, as for a save killed between the log and the data).
//! This is the write-ahead undo log of databases, one save at a time.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::StoreError;
use super::seam::{self, Fault};

/// The undo record's folder, in the records folder.
pub const UNDO_FOLDER: &str = ".kensho-undo";
/// The list of files, in it.
const LIST: &str = "files.ron";

/// What the undo record lists.
#[derive(Debug, Serialize, Deserialize)]
struct List {
    /// The save (its log lines' `txn`).
    txn: String,
    /// Each file the save replaces (its name in the records folder), and
    /// whether it existed before (a file that did not is removed again).
    files: Vec<(String, bool)>,
}

/// A save's undo record, while its files are being replaced.
#[derive(Debug)]
pub struct Undo {
    folder: PathBuf,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Flush a folder's entries to disk (a rename or a new name in it).
fn sync_folder(dir: &Path) -> Result<(), StoreError> {
    std::fs::File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(io(dir))
}

impl Undo {
    /// Keep every file of `files` (paths in the records folder `dir`) as it
    /// is now, and write the list down, before save `txn` replaces them.
    pub fn begin(dir: &Path, txn: &str, files: &[PathBuf]) -> Result<Undo, StoreError> {
        let folder = dir.join(UNDO_FOLDER);
        // A record left by a killed save is for the next save to put back,
        // never to be written over: the caller recovers first.
        if folder.exists() {
            recover(dir)?;
        }
        super::own::make_folder(&folder).map_err(io(&folder))?;
        // Never committed with the records, should a killed save leave it.
        super::replace_file(&folder.join(".gitignore"), b"*\n")?;
        let mut list = List {
            txn: txn.to_string(),
            files: Vec::new(),
        };
        for path in files {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let existed = path.exists();
            if existed {
                std::fs::hard_link(path, folder.join(name)).map_err(io(path))?;
            }
            list.files.push((name.to_string(), existed));
        }
        let text = ron::to_string(&list).map_err(StoreError::Render)?;
        super::replace_file(&folder.join(LIST), text.as_bytes())?;
        sync_folder(&folder)?;
        sync_folder(dir)?;
        Ok(Undo { folder })
    }

    /// Between two files of the save (tests kill the process here).
    pub fn between_files(&self) {
        seam::die_at(Fault::KillBetweenFiles);
    }

    /// The save's last file is replaced: the record goes.
    pub fn done(self) -> Result<(), StoreError> {
        let dir = self.folder.parent().map(Path::to_path_buf);
        remove_record(&self.folder)?;
        match dir {
            Some(dir) => sync_folder(&dir),
            None => Ok(()),
        }
    }

    /// A file could not be replaced: every file back as it was.
    pub fn roll_back(self) -> Result<(), StoreError> {
        let Some(dir) = self.folder.parent() else {
            return Ok(());
        };
        recover(dir).map(|_| ())
    }
}

/// Replace the files at `paths` with `replace`: one file as it is, more
/// than one all or nothing (an [`Undo`] record first, every file back as it
/// was when one cannot be replaced).
pub fn all_or_nothing<T>(
    dir: &Path,
    txn: &str,
    paths: &[PathBuf],
    replace: impl FnOnce(Option<&Undo>) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let undo = match paths.len() {
        0 | 1 => None,
        _ => Some(Undo::begin(dir, txn, paths)?),
    };
    let replaced = replace(undo.as_ref());
    match (replaced, undo) {
        (Ok(done), Some(undo)) => undo.done().map(|()| done),
        (Ok(done), None) => Ok(done),
        (Err(e), Some(undo)) => {
            undo.roll_back()?;
            Err(e)
        }
        (Err(e), None) => Err(e),
    }
}

/// Remove the record's folder and what it holds: the list first (and
/// flushed), so that a kill while removing the rest never leaves a list
/// whose kept files are partly gone.
fn remove_record(folder: &Path) -> Result<(), StoreError> {
    let list = folder.join(LIST);
    match std::fs::remove_file(&list) {
        Ok(()) => sync_folder(folder)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(&list)(e)),
    }
    if let Ok(entries) = std::fs::read_dir(folder) {
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_file()) {
                std::fs::remove_file(&path).map_err(io(&path))?;
            }
        }
    }
    match std::fs::remove_dir(folder) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io(folder)(e)),
    }
}

/// A save that was killed between its files, put back: the save (its
/// `txn`) and the files restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    pub txn: String,
    pub files: Vec<String>,
}

/// With the lock held: put back every file of an undo record left by a
/// killed save (None when there is none). A record whose list was never
/// written is from a save killed before its first rename: nothing to put
/// back.
pub fn recover(dir: &Path) -> Result<Option<Recovered>, StoreError> {
    let folder = dir.join(UNDO_FOLDER);
    if !folder.is_dir() {
        return Ok(None);
    }
    let list = std::fs::read_to_string(folder.join(LIST))
        .ok()
        .and_then(|text| ron::from_str::<List>(&text).ok());
    let Some(list) = list else {
        remove_record(&folder)?;
        sync_folder(dir)?;
        return Ok(None);
    };
    let mut restored = Vec::new();
    for (name, existed) in &list.files {
        // A name is a file of the records folder, never a path.
        if name.contains('/') || name.starts_with('.') {
            continue;
        }
        let target = dir.join(name);
        if *existed {
            let kept = folder.join(name);
            if kept.exists() {
                std::fs::rename(&kept, &target).map_err(io(&target))?;
                restored.push(name.clone());
            }
        } else if target.exists() {
            std::fs::remove_file(&target).map_err(io(&target))?;
            restored.push(name.clone());
        }
    }
    sync_folder(dir)?;
    remove_record(&folder)?;
    sync_folder(dir)?;
    Ok(Some(Recovered {
        txn: list.txn,
        files: restored,
    }))
}

/// Whether a killed save's undo record waits in `dir` (read only).
pub fn pending(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join(UNDO_FOLDER).join(LIST)).ok()?;
    ron::from_str::<List>(&text).ok().map(|l| l.txn)
}

/// Put back a save killed between its files in `dir`, if one waits and
/// nobody holds the lock (every command and the board call this before
/// reading the records).
pub fn put_back_if_killed(dir: &Path) {
    if dir.join(UNDO_FOLDER).exists() {
        super::edit::clean_leftovers_if_free(dir);
    }
}
