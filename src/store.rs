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
