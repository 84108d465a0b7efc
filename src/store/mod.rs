//! The one module that writes files, and reads them back for the board.
//!
//! Every write of records goes through [`write_records`]: each file is replaced
//! atomically (temporary file in the same folder, fsync, rename, fsync of the
//! folder; mode and group kept), and only files whose bytes change are touched.
//! Every change of a field goes through [`apply_edits`] (lock, fresh read, log
//! line, then the data); [`changelog`] is the log's format, [`verify`] checks
//! the log against the data, [`watch`] notices saves made by others.

pub mod baseline;
pub mod changelog;
pub mod digests;
mod edit;
pub mod git;
pub mod meeting;
pub mod office;
pub mod out;
pub mod own;
pub mod parsed;
pub mod presence;
mod quick;
pub mod rounds;
pub mod seam;
pub mod undo;
pub mod verify;
mod vouched;
pub mod watch;
mod whole;

pub use edit::{
    Adopted, AskedOn, EditError, LOCK_FILE, Landed, Saved, SeenValues, Why, add_reason, adopt,
    apply_edits, apply_edits_beside, apply_typed, clean_leftovers, clean_leftovers_if_free,
    unlogged, with_lock,
};

use std::io::Write;
use std::path::{Path, PathBuf};

use atomic_write_file::AtomicWriteFile;

use crate::domain::error::io_reason;
use crate::domain::records::{Digest, Records, render, write_rendering};
use crate::i18n::{CliMsg, Lang};

/// A records file a save replaced: its stamp just before and just after
/// (so that a board can tell its own save from someone else's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    pub before: Option<digests::Stamp>,
    pub after: Option<digests::Stamp>,
}

/// A file could not be written.
#[derive(Debug)]
pub enum StoreError {
    Render(ron::Error),
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl StoreError {
    pub fn say(&self, lang: Lang) -> String {
        match self {
            StoreError::Render(e) => CliMsg::ErrRender.fill(lang, &[("error", e)]),
            StoreError::Io { path, source } => CliMsg::ErrCannotSave.fill(
                lang,
                &[
                    ("path", &path.display()),
                    ("error", &io_reason(source, lang)),
                ],
            ),
        }
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

impl std::error::Error for StoreError {}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Replace `path` with `contents` atomically: afterwards the file holds either
/// its old bytes or all of the new ones, whatever happens in between.
pub fn replace_file(path: &Path, contents: &[u8]) -> Result<(), StoreError> {
    prepare_file(path, contents)?.commit()
}

/// The new bytes of a file, written beside it and on the disk, waiting for
/// [`Prepared::commit`] to put them in its place (dropped, they are removed).
/// Several files can be prepared at once, so that their writes to the disk
/// overlap.
pub struct Prepared {
    file: AtomicWriteFile,
    path: PathBuf,
}

/// Write `contents` beside `path` and to the disk, without replacing it yet.
pub fn prepare_file(path: &Path, contents: &[u8]) -> Result<Prepared, StoreError> {
    prepare_pieces(path, &[contents])
}

/// Like [`prepare_file`], the contents given as pieces written one after
/// the other (a large file with a few lines changed is never copied whole).
pub fn prepare_pieces(path: &Path, pieces: &[&[u8]]) -> Result<Prepared, StoreError> {
    prepare_with(path, |out| {
        pieces.iter().try_for_each(|piece| out.write_all(piece))
    })
    .map(|(prepared, ())| prepared)
}

/// Like [`prepare_file`], the contents the canonical text of `value`,
/// written as it is made (never held whole), with its digest.
pub fn prepare_rendering<T: serde::Serialize>(
    path: &Path,
    value: &T,
) -> Result<(Prepared, Digest), StoreError> {
    prepare_with(path, |out| write_rendering(value, out))
}

/// Where [`replace_file_with`] has its contents written: the new file,
/// buffered.
pub type Sink<'a> = std::io::BufWriter<&'a mut AtomicWriteFile>;

/// Like [`replace_file`], the contents written by `write` as they are made
/// (never held whole); what `write` returns is returned.
pub fn replace_file_with<R>(
    path: &Path,
    write: impl FnOnce(&mut Sink<'_>) -> std::io::Result<R>,
) -> Result<R, StoreError> {
    let (prepared, made) = prepare_with(path, write)?;
    prepared.commit()?;
    Ok(made)
}

/// The new file beside `path`, its contents written by `write`, synced.
fn prepare_with<R>(
    path: &Path,
    write: impl FnOnce(&mut Sink<'_>) -> std::io::Result<R>,
) -> Result<(Prepared, R), StoreError> {
    let mut file = AtomicWriteFile::open(path).map_err(io(path))?;
    // A new file takes the folder's group and permissions; an existing one
    // keeps its own (atomic-write-file copies them).
    if !path.exists()
        && let Some(dir) = path.parent()
    {
        own::give_folder_access(file.as_file(), dir);
    }
    // Small pieces gathered, large ones written as they are.
    let mut out = std::io::BufWriter::with_capacity(1 << 20, &mut file);
    let made = write(&mut out).map_err(io(path))?;
    out.flush().map_err(io(path))?;
    drop(out);
    file.as_file().sync_all().map_err(io(path))?;
    let prepared = Prepared {
        file,
        path: path.to_path_buf(),
    };
    Ok((prepared, made))
}

impl Prepared {
    /// Put the new bytes in the file's place (one rename, made durable).
    pub fn commit(self) -> Result<(), StoreError> {
        self.file.commit().map_err(io(&self.path))
    }

    /// [`Prepared::commit`] the records file `name` (recommendation
    /// `number`, whose canonical text has `digest`), with its stamps just
    /// before and after, and its entry in `cache` made anew (or dropped
    /// when its stamp cannot be read).
    pub fn commit_noted(
        self,
        name: &str,
        number: Option<u32>,
        digest: &Digest,
        cache: &mut digests::Digests,
    ) -> Result<Written, StoreError> {
        let path = self.path.clone();
        let before = digests::Stamp::at(&path);
        let read_ns = digests::now_ns();
        self.commit()?;
        let after = digests::Stamp::at(&path);
        match after {
            Some(stamp) => {
                let entry = digests::Entry {
                    number,
                    stamp,
                    read_ns,
                    digest: crate::domain::records::digest_hex(digest),
                    canonical: true,
                };
                cache.record(name, entry);
            }
            None => {
                cache.files.remove(name);
            }
        }
        Ok(Written {
            path,
            before,
            after,
        })
    }
}

/// Like [`replace_file`]; a file created now gets the permission bits and
/// group of `like` (so that whoever may read the records may read it).
pub fn replace_file_like(path: &Path, contents: &[u8], like: &Path) -> Result<(), StoreError> {
    replace_file_like_with(path, like, |out| out.write_all(contents))
}

/// Like [`replace_file_like`], the contents written by `write` as they are
/// made (never held whole).
pub fn replace_file_like_with(
    path: &Path,
    like: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), StoreError> {
    let mut file = AtomicWriteFile::open(path).map_err(io(path))?;
    if !path.exists() {
        copy_access(file.as_file(), like);
    }
    // Small pieces gathered (a kept copy is encoded field by field); a
    // piece larger than the buffer goes straight through.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, &mut file);
    write(&mut out).map_err(io(path))?;
    out.flush().map_err(io(path))?;
    drop(out);
    file.commit().map_err(io(path))?;
    Ok(())
}

/// Give `file` the read/write bits and the group of `like`, as far as this
/// user may (a group they are not in is left as it is).
#[cfg(unix)]
fn copy_access(file: &std::fs::File, like: &Path) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Ok(meta) = std::fs::metadata(like) else {
        return;
    };
    let _ = std::os::unix::fs::fchown(file, None, Some(meta.gid()));
    let mode = meta.permissions().mode() & 0o666;
    let _ = file.set_permissions(std::fs::Permissions::from_mode(mode));
}

#[cfg(not(unix))]
fn copy_access(_file: &std::fs::File, _like: &Path) {}

/// Write every file of `records` whose canonical text differs from what is on
/// disk. Returns the files written.
pub fn write_records(records: &Records) -> Result<Vec<PathBuf>, StoreError> {
    let mut written = Vec::new();
    for (path, text) in render(records).map_err(StoreError::Render)? {
        if std::fs::read(&path).ok().as_deref() == Some(text.as_bytes()) {
            continue;
        }
        replace_file(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}
