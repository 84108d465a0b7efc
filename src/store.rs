//! The one module that writes files.
//!
//! Every write of records goes through [`write_records`]: each file is replaced
//! atomically (temporary file in the same folder, fsync, rename, fsync of the
//! folder; mode and group kept), and only files whose bytes change are touched.

use std::io::Write;
use std::path::{Path, PathBuf};

use atomic_write_file::AtomicWriteFile;

use crate::records::{Records, render};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot render the records as RON: {0}")]
    Render(#[from] ron::Error),
    #[error("{path}: cannot save: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Replace `path` with `contents` atomically: afterwards the file holds either
/// its old bytes or all of the new ones, whatever happens in between.
pub fn replace_file(path: &Path, contents: &[u8]) -> Result<(), StoreError> {
    let mut file = AtomicWriteFile::open(path).map_err(io(path))?;
    file.write_all(contents).map_err(io(path))?;
    file.commit().map_err(io(path))?;
    Ok(())
}

/// Write every file of `records` whose canonical text differs from what is on
/// disk. Returns the files written.
pub fn write_records(records: &Records) -> Result<Vec<PathBuf>, StoreError> {
    let mut written = Vec::new();
    for (path, text) in render(records)? {
        if std::fs::read(&path).ok().as_deref() == Some(text.as_bytes()) {
            continue;
        }
        replace_file(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

// ---------------------------------------------------------------------------
// Edits: every change of a status or text goes through `apply_edits`.

use std::fs::{File, OpenOptions};

use crate::changelog::{self, Change, LOG_FILE};
use crate::error::LoadErrors;
use crate::records::load;

/// The lock file beside the records: locked (flock) around every
/// read-modify-write, never renamed or removed, released by the kernel if the
/// process dies.
pub const LOCK_FILE: &str = ".kensho.lock";

/// A field an edit can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Phase,
    Direction,
    Progress,
    Assessment,
}

impl Field {
    pub const ALL: [Field; 4] = [
        Field::Phase,
        Field::Direction,
        Field::Progress,
        Field::Assessment,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Phase => "phase",
            Field::Direction => "direction",
            Field::Progress => "progress",
            Field::Assessment => "assessment",
        }
    }

    pub fn parse(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    pub fn get(self, item: &crate::model::Item) -> String {
        match self {
            Field::Phase => item.phase.0.clone(),
            Field::Direction => item.direction.0.clone(),
            Field::Progress => item.progress.clone(),
            Field::Assessment => item.assessment.clone(),
        }
    }

    fn set(self, item: &mut crate::model::Item, value: String) {
        match self {
            Field::Phase => item.phase.0 = value,
            Field::Direction => item.direction.0 = value,
            Field::Progress => item.progress = value,
            Field::Assessment => item.assessment = value,
        }
    }
}

/// One field of one item set to a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub item: String,
    pub field: Field,
    pub value: String,
}

#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("{0}")]
    Load(LoadErrors),
    #[error("{path}: cannot lock the records: {source}")]
    Lock {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("no item has id {id:?}{}", if near.is_empty() { String::new() } else { format!("; did you mean {}?", near.join(", ")) })]
    UnknownItem { id: String, near: Vec<String> },
    #[error("{field} {value:?} is not a code of {scale}; allowed: {}", allowed.join(", "))]
    BadCode {
        field: &'static str,
        value: String,
        scale: String,
        allowed: Vec<String>,
    },
    #[error(
        "{item} {field} was changed by someone else since you loaded it: it is now {theirs:?} \
         (you saw {seen:?} and want {ours:?}); nothing was saved"
    )]
    Conflict {
        item: String,
        field: &'static str,
        seen: String,
        theirs: String,
        ours: String,
    },
    #[error("{path}: cannot append to the change log: {source}; nothing was saved")]
    Log {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}; the records are as they were, the change is not saved")]
    Save(StoreError),
}

/// What a save did.
#[derive(Debug, Clone)]
pub struct Saved {
    /// The changes made (empty when every edit already held).
    pub changes: Vec<Change>,
    /// The records as now on disk.
    pub records: crate::records::Records,
}

/// Faults injected by tests (`KENSHO_INJECT_FAULT=log|records`), to prove that
/// a failing disk loses nothing. Unset in normal use.
fn injected(what: &str) -> std::io::Result<()> {
    match std::env::var("KENSHO_INJECT_FAULT") {
        Ok(v) if v == what => Err(std::io::Error::other(format!(
            "injected fault: no space left on device ({what})"
        ))),
        _ => Ok(()),
    }
}

fn open_private(path: &Path, append: bool) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true);
    if append {
        options.append(true);
    } else {
        options.read(true).write(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Group may write (a shared folder); others never (umask may narrow it).
        options.mode(0o660);
    }
    options.open(path)
}

/// Hold the records folder's lock while `f` runs.
pub fn with_lock<T>(dir: &Path, f: impl FnOnce() -> T) -> Result<T, EditError> {
    let path = dir.join(LOCK_FILE);
    let lock_err = |source| EditError::Lock {
        path: path.display().to_string(),
        source,
    };
    let file = open_private(&path, false).map_err(lock_err)?;
    file.lock().map_err(lock_err)?;
    let out = f();
    let _ = file.unlock();
    Ok(out)
}

/// Remove temporary files left by a save that was killed halfway
/// (`.NAME.ron.XXXXXX`). Call with the lock held.
pub fn clean_leftovers(dir: &Path) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return removed;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(rest) = name.strip_prefix('.') else {
            continue;
        };
        let Some((base, suffix)) = rest.rsplit_once('.') else {
            continue;
        };
        let temp = base.ends_with(".ron")
            && suffix.len() == 6
            && suffix.chars().all(|c| c.is_ascii_alphanumeric());
        if temp
            && entry.file_type().is_ok_and(|t| t.is_file())
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed.push(entry.path());
        }
    }
    removed
}

fn append_log(dir: &Path, changes: &[Change]) -> Result<(), EditError> {
    let path = dir.join(LOG_FILE);
    let err = |source| EditError::Log {
        path: path.display().to_string(),
        source,
    };
    let text = changelog::lines(changes).map_err(|e| err(std::io::Error::other(e)))?;
    injected("log").map_err(err)?;
    let mut file = open_private(&path, true).map_err(err)?;
    file.write_all(text.as_bytes()).map_err(err)?;
    file.sync_data().map_err(err)?;
    Ok(())
}

/// If the last save in the log never reached the data (the process died
/// between the log and the records), record that it was aborted, so that the
/// log's latest values agree with the data again.
fn settle_interrupted(dir: &Path, records: &crate::records::Records) -> Result<(), EditError> {
    let (log, _) = changelog::read(&dir.join(LOG_FILE)).map_err(|source| EditError::Log {
        path: dir.join(LOG_FILE).display().to_string(),
        source,
    })?;
    let Some(last) = log.last() else {
        return Ok(());
    };
    if last.status != "applied" {
        return Ok(());
    }
    let txn: Vec<&Change> = log.iter().filter(|c| c.txn == last.txn).collect();
    let current = |c: &Change| {
        let field = Field::parse(&c.field)?;
        records.report.item(&c.item).map(|r| field.get(r.item))
    };
    let unapplied = txn
        .iter()
        .all(|c| current(c).as_deref() == Some(c.old.as_str()) && c.old != c.new);
    if !unapplied {
        return Ok(());
    }
    let aborted: Vec<Change> = txn
        .iter()
        .map(|c| Change {
            timestamp: changelog::now(),
            old: c.new.clone(),
            new: c.old.clone(),
            status: "aborted".to_string(),
            reason: Some("the save was interrupted before the data was written".to_string()),
            version: env!("CARGO_PKG_VERSION").to_string(),
            ..(*c).clone()
        })
        .collect();
    append_log(dir, &aborted)
}

fn check_edit(report: &crate::model::Report, edit: &Edit) -> Result<(), EditError> {
    if report.item(&edit.item).is_none() {
        let prefix: String = edit.item.chars().take(3).collect();
        let near: Vec<String> = report
            .items()
            .map(|r| r.item.id.clone())
            .filter(|id| id.starts_with(&prefix))
            .take(8)
            .collect();
        return Err(EditError::UnknownItem {
            id: edit.item.clone(),
            near,
        });
    }
    let scale = match edit.field {
        Field::Phase => Some((&report.phase_scale, "phase")),
        Field::Direction => Some((&report.direction_scale, "direction")),
        _ => None,
    };
    if let Some((scale, field)) = scale
        && scale.index(&edit.value).is_none()
    {
        return Err(EditError::BadCode {
            field,
            value: edit.value.clone(),
            scale: scale.name.clone(),
            allowed: scale.code_list(),
        });
    }
    Ok(())
}

/// Apply `edits` to the records at `path`, safely:
/// 1. take the folder's lock; clean up what a killed save left;
/// 2. read the records fresh from disk (someone may have saved since);
/// 3. when `seen` is given (the copy a board loaded), refuse to overwrite a
///    field that someone else changed since: [`EditError::Conflict`];
/// 4. append the change lines to the log and fsync it;
/// 5. replace the records files atomically.
///
/// The log is written first, so no change is ever in the data without its log
/// line; a save killed between 4 and 5 is recorded as aborted at the next save.
pub fn apply_edits(
    path: &Path,
    edits: &[Edit],
    reason: Option<&str>,
    seen: Option<&crate::model::Report>,
) -> Result<Saved, EditError> {
    let dir = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    with_lock(&dir, || {
        clean_leftovers(&dir);
        let mut records = load(path).map_err(EditError::Load)?;
        settle_interrupted(&dir, &records)?;
        for e in edits {
            check_edit(&records.report, e)?;
        }
        let (user, ssh_client) = changelog::who();
        let txn = format!(
            "{}-{}",
            jiff::Timestamp::now().as_nanosecond(),
            std::process::id()
        );
        let mut changes = Vec::new();
        for e in edits {
            let Some(item) = records.report.item_mut(&e.item) else {
                continue;
            };
            let current = e.field.get(item);
            if let Some(seen) = seen.and_then(|s| s.item(&e.item)) {
                let before = e.field.get(seen.item);
                if before != current && current != e.value {
                    return Err(EditError::Conflict {
                        item: e.item.clone(),
                        field: e.field.name(),
                        seen: before,
                        theirs: current,
                        ours: e.value.clone(),
                    });
                }
            }
            if current == e.value {
                continue;
            }
            e.field.set(item, e.value.clone());
            changes.push(Change {
                timestamp: changelog::now(),
                user: user.clone(),
                ssh_client: ssh_client.clone(),
                item: e.item.clone(),
                field: e.field.name().to_string(),
                old: current,
                new: e.value.clone(),
                reason: reason.map(str::to_string),
                txn: txn.clone(),
                status: "applied".to_string(),
                version: env!("CARGO_PKG_VERSION").to_string(),
            });
        }
        if changes.is_empty() {
            return Ok(Saved { changes, records });
        }
        append_log(&dir, &changes)?;
        let written = injected("records")
            .map_err(|source| StoreError::Io {
                path: dir.display().to_string(),
                source,
            })
            .and_then(|()| write_records(&records));
        if let Err(e) = written {
            // The data is as it was: say so in the log too.
            let fresh = load(path).map_err(EditError::Load)?;
            let _ = settle_interrupted(&dir, &fresh);
            return Err(EditError::Save(e));
        }
        Ok(Saved { changes, records })
    })?
}

/// Record `reason` for an earlier change: a line of its own (status `reason`,
/// same transaction, old = new = the value it set), since the log is never
/// rewritten.
pub fn add_reason(path: &Path, change: &Change, reason: &str) -> Result<(), EditError> {
    let dir = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let (user, ssh_client) = changelog::who();
    let line = Change {
        timestamp: changelog::now(),
        user,
        ssh_client,
        old: change.new.clone(),
        reason: Some(reason.to_string()),
        status: "reason".to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        ..change.clone()
    };
    with_lock(&dir, || append_log(&dir, &[line]))?
}
