//! Errors that reach the user as sentences: what went wrong, where, and what is allowed.

use std::fmt;
use std::path::PathBuf;

/// A place in a records file (1-based line and column, column counted in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

/// One thing wrong with a set of records.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: DisplayPath,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: no such file or folder")]
    NotFound { path: DisplayPath },
    #[error("{path}: the file is empty; a records file holds one {expected}(...)")]
    Empty {
        path: DisplayPath,
        expected: &'static str,
    },
    #[error("{at}: the file is not valid UTF-8 (records are UTF-8 text)")]
    InvalidUtf8 { at: Location },
    #[error("{at}: {message}")]
    Syntax { at: Location, message: String },
    #[error(
        "{at}: item {id}: {field} {code:?} is not a code of {scale}; allowed: {}",
        allowed.join(", ")
    )]
    UnknownCode {
        at: Location,
        id: String,
        field: &'static str,
        code: String,
        scale: String,
        allowed: Vec<String>,
    },
    #[error("{second}: duplicate id {id:?}, first used at {first}")]
    DuplicateId {
        id: String,
        first: Location,
        second: Location,
    },
    #[error("{at}: {message}")]
    Invalid { at: Location, message: String },
    #[error(
        "{path}: no records here: a records folder holds report.ron and one .ron file per recommendation"
    )]
    NoRecords { path: DisplayPath },
    #[error(
        "{path}: refused: a symbolic link (to {target}); records files must be plain files \
         inside the records folder"
    )]
    Symlink {
        path: DisplayPath,
        target: DisplayPath,
    },
}

/// All that is wrong with a set of records (never empty).
#[derive(Debug)]
pub struct LoadErrors(pub Vec<LoadError>);

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "error: {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadErrors {}

impl From<LoadError> for LoadErrors {
    fn from(e: LoadError) -> Self {
        LoadErrors(vec![e])
    }
}

/// A path that displays itself (so error variants can hold it directly).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayPath(pub PathBuf);

impl fmt::Display for DisplayPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.display())
    }
}

impl From<&std::path::Path> for DisplayPath {
    fn from(p: &std::path::Path) -> Self {
        DisplayPath(p.to_path_buf())
    }
}

impl From<PathBuf> for DisplayPath {
    fn from(p: PathBuf) -> Self {
        DisplayPath(p)
    }
}
