//! The records in git, for comparisons and rounds: the files of a folder at
//! a revision (read with `git cat-file`, never checked out), whether the
//! records have changes not committed, and a tag for the start of a round.
//! Git runs without a terminal and never asks anything.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::domain::records::is_records_name;
use crate::i18n::{CompareMsg, Lang};

/// What git could not do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitError {
    /// `path` is not in a git repository (git's own words).
    NotInRepo {
        path: PathBuf,
        rev: String,
        error: String,
    },
    /// The revision is not known, or holds no records at `path`.
    Revision {
        rev: String,
        path: String,
        error: String,
    },
    /// git could not be run.
    Run { error: String },
    /// The tag could not be made.
    Tag { tag: String, error: String },
}

impl GitError {
    pub fn say(&self, lang: Lang) -> String {
        let v = |s: &str| crate::text::visible(s).replace('\n', " ");
        match self {
            GitError::NotInRepo { path, rev, error } => CompareMsg::ErrNotInGit.fill(
                lang,
                &[
                    ("path", &v(&path.display().to_string())),
                    ("base", &v(rev)),
                    ("error", &v(error)),
                ],
            ),
            GitError::Revision { rev, path, error } => CompareMsg::ErrGitRevision.fill(
                lang,
                &[("base", &v(rev)), ("path", &v(path)), ("error", &v(error))],
            ),
            GitError::Run { error } => CompareMsg::ErrGitRun.fill(lang, &[("error", &v(error))]),
            GitError::Tag { tag, error } => {
                CompareMsg::ErrRoundTag.fill(lang, &[("tag", &v(tag)), ("error", &v(error))])
            }
        }
    }
}

/// `git -C dir ARGS`: its standard output, or its standard error's first
/// line.
pub(super) fn git(dir: &Path, args: &[&str]) -> Result<Result<Vec<u8>, String>, GitError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| GitError::Run {
            error: e.to_string(),
        })?;
    if out.status.success() {
        return Ok(Ok(out.stdout));
    }
    let err = String::from_utf8_lossy(&out.stderr);
    Ok(Err(err
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()))
}

/// Whether the folder `dir` is in a git repository (its path inside, as
/// `records/`, when it is).
pub fn prefix_in_repo(dir: &Path) -> Option<String> {
    let out = git(dir, &["rev-parse", "--show-prefix"]).ok()?.ok()?;
    Some(String::from_utf8_lossy(&out).trim().to_string())
}

/// The files of the records folder `dir` at revision `rev` (each name and
/// text), and how a problem in them is placed: `HEAD~1:records`.
pub fn files_at(dir: &Path, rev: &str) -> Result<(PathBuf, Vec<(String, String)>), GitError> {
    let prefix =
        git(dir, &["rev-parse", "--show-prefix"])?.map_err(|error| GitError::NotInRepo {
            path: dir.to_path_buf(),
            rev: rev.to_string(),
            error,
        })?;
    let prefix = String::from_utf8_lossy(&prefix)
        .trim()
        .trim_end_matches('/')
        .to_string();
    let place = if prefix.is_empty() {
        ".".to_string()
    } else {
        prefix
    };
    let revision = |error: String| GitError::Revision {
        rev: rev.to_string(),
        path: place.clone(),
        error,
    };
    // A revision is never read as an option of git's.
    if rev.starts_with('-') || rev.is_empty() {
        return Err(revision(String::new()));
    }
    let commit = git(
        dir,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &format!("{rev}^{{commit}}"),
        ],
    )?
    .map_err(revision)?;
    let commit = String::from_utf8_lossy(&commit).trim().to_string();
    if commit.is_empty() {
        return Err(revision(String::new()));
    }
    let names =
        git(dir, &["ls-tree", "-z", "--name-only", &commit, "--", "./"])?.map_err(revision)?;
    let names: Vec<String> = names
        .split(|&b| b == 0)
        .filter_map(|n| std::str::from_utf8(n).ok())
        .filter(|n| !n.contains('/') && is_records_name(n))
        .map(str::to_string)
        .collect();
    let mut files = Vec::new();
    for name in names {
        let bytes =
            git(dir, &["cat-file", "blob", &format!("{commit}:./{name}")])?.map_err(revision)?;
        files.push((name, String::from_utf8_lossy(&bytes).into_owned()));
    }
    Ok((PathBuf::from(format!("{rev}:{place}")), files))
}

/// The records files of `dir` (and its id map) with changes not committed,
/// untracked ones included.
pub fn uncommitted(dir: &Path) -> Result<Vec<String>, GitError> {
    let out = git(dir, &["status", "--porcelain", "-z", "--", "./"])?
        .map_err(|error| GitError::Run { error })?;
    Ok(out
        .split(|&b| b == 0)
        .filter_map(|entry| std::str::from_utf8(entry).ok())
        .filter(|entry| entry.len() > 3)
        .map(|entry| entry[3..].to_string())
        .filter(|path| {
            let name = path.rsplit('/').next().unwrap_or(path);
            is_records_name(name) || name == crate::domain::records::IDS_FILE
        })
        .collect())
}

/// Whether the tag `tag` exists.
pub fn has_tag(dir: &Path, tag: &str) -> bool {
    matches!(
        git(
            dir,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("refs/tags/{tag}")
            ]
        ),
        Ok(Ok(_))
    )
}

/// Tag `HEAD` as `tag` (a lightweight tag: no identity needed).
pub fn tag_head(dir: &Path, tag: &str) -> Result<(), GitError> {
    git(dir, &["tag", "--", tag, "HEAD"])?.map_err(|error| GitError::Tag {
        tag: tag.to_string(),
        error,
    })?;
    Ok(())
}
