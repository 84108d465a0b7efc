//! Files written where the user says (`--out`): never one of kensho's own
//! files, and text always through the same visibility filter as the
//! terminal (a file is `cat` on a terminal one day).

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use super::changelog::{LOG_FILE, TORN_FILE};
use super::digests::CACHE_FOLDER;
use super::own::holds_records;
use super::undo::UNDO_FOLDER;
use super::{LOCK_FILE, StoreError};
use crate::domain::meeting::MEETINGS_DIR;
use crate::domain::presence::PRESENCE_FILE;
use crate::i18n::{CliMsg, Lang};
use crate::text::terminal_safe;

/// Which of kensho's own files a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Own {
    Records,
    Log,
    Meeting,
    Internal,
}

/// Why an output was not written.
#[derive(Debug)]
pub enum OutError {
    /// `path` is (or leads to) one of kensho's own files.
    Own {
        path: PathBuf,
        own: Own,
    },
    Write(StoreError),
    /// The folder `path` could not be made.
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl OutError {
    pub fn say(&self, lang: Lang) -> String {
        match self {
            OutError::Own { path, own } => {
                let what = match own {
                    Own::Records => CliMsg::OwnRecords,
                    Own::Log => CliMsg::OwnLog,
                    Own::Meeting => CliMsg::OwnMeeting,
                    Own::Internal => CliMsg::OwnInternal,
                };
                let path = crate::text::visible(&path.display().to_string()).into_owned();
                CliMsg::ErrOwnFile.fill(lang, &[("path", &path), ("what", &what.text(lang))])
            }
            OutError::Write(e) => e.say(lang),
            OutError::Folder { path, source } => CliMsg::ErrCannotCreate.fill(
                lang,
                &[
                    ("path", &crate::text::visible(&path.display().to_string())),
                    ("error", &crate::domain::error::io_reason(source, lang)),
                ],
            ),
        }
    }
}

/// Whether the file `name` in the folder `dir` (both as they really are,
/// links resolved) is one of kensho's own.
fn own_in(dir: &Path, name: &str) -> Option<Own> {
    let parts: Vec<String> = dir
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if parts.iter().any(|p| p == CACHE_FOLDER || p == UNDO_FOLDER) {
        return Some(Own::Internal);
    }
    if dir.file_name().is_some_and(|n| n == MEETINGS_DIR) && dir.parent().is_some_and(holds_records)
    {
        return Some(Own::Meeting);
    }
    let records_here = holds_records(dir);
    if name.ends_with(".ron") && (records_here || dir.join(name).exists()) {
        return Some(Own::Records);
    }
    if !records_here {
        return None;
    }
    match name {
        LOG_FILE | TORN_FILE => Some(Own::Log),
        LOCK_FILE | PRESENCE_FILE => Some(Own::Internal),
        _ => None,
    }
}

/// Refuse `path` when it is one of kensho's own files: as written, and as
/// it resolves (a link to the log is the log).
pub fn refuse_own(path: &Path) -> Result<(), OutError> {
    let refuse = |own| OutError::Own {
        path: path.to_path_buf(),
        own,
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if let Ok(dir) = parent.canonicalize()
        && let Some(own) = own_in(&dir, &name)
    {
        return Err(refuse(own));
    }
    if let Ok(real) = path.canonicalize()
        && let (Some(dir), Some(name)) = (real.parent(), real.file_name())
        && let Some(own) = own_in(dir, &name.to_string_lossy())
    {
        return Err(refuse(own));
    }
    Ok(())
}

/// Write `text` to `path` (atomically), made safe for a terminal.
pub fn write_text(path: &Path, text: &str) -> Result<(), OutError> {
    write_bytes(path, terminal_safe(text).as_bytes())
}

/// Write `bytes` to `path` (atomically): a file that is not text.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<(), OutError> {
    write_with(path, |out| out.write_all(bytes))
}

/// Write `path` (atomically) with what `write` writes as it is made: a
/// large file that is not text, never held whole. A path that is a device,
/// a pipe or a socket (`/dev/stdout`, a named pipe) is written into, never
/// replaced (as the administrator, a rename would put a file where
/// `/dev/null` was).
pub fn write_with(
    path: &Path,
    write: impl FnOnce(&mut (dyn Write + Send)) -> std::io::Result<()>,
) -> Result<(), OutError> {
    refuse_own(path)?;
    let failed = |source| {
        OutError::Write(StoreError::Io {
            path: path.to_path_buf(),
            source,
        })
    };
    let special = std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir());
    if !special {
        return super::replace_file_with(path, |out| write(out)).map_err(OutError::Write);
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(failed)?;
    let mut out = std::io::BufWriter::new(&mut file);
    write(&mut out).and_then(|()| out.flush()).map_err(failed)
}

/// Make the folder `dir` (and those above it) for outputs: never inside
/// kensho's cache or undo folders, nor its meetings folder.
pub fn make_folder(dir: &Path) -> Result<(), OutError> {
    let refuse = |own| OutError::Own {
        path: dir.to_path_buf(),
        own,
    };
    let internal = dir
        .components()
        .any(|c| matches!(c, Component::Normal(s) if s == CACHE_FOLDER || s == UNDO_FOLDER));
    if internal {
        return Err(refuse(Own::Internal));
    }
    std::fs::create_dir_all(dir).map_err(|source| OutError::Folder {
        path: dir.to_path_buf(),
        source,
    })?;
    match dir.canonicalize().ok().and_then(|real| own_in(&real, "")) {
        Some(own) => Err(refuse(own)),
        None => Ok(()),
    }
}
