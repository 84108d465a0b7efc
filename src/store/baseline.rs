//! The records as last committed to git: the only record of what they were
//! before the first save, when the log has nothing yet (a fresh clone).
//! Read with the `git` program, when there is one and the records folder
//! is in a repository; `None` otherwise, and on any failure of git's.

use std::path::Path;

use crate::domain::field::Field;
use crate::domain::model::{Recommendation, Report};
use crate::domain::records::{
    Digest, REPORT_FILE, Records, digest_of_rendering, load, parse_part, state_from,
};

/// The records at git's `HEAD`, and that commit's short name.
pub struct Committed {
    pub commit: String,
    pub records: Records,
}

/// `git -C dir ARGS`: its output when it succeeds. Git never asks anything
/// (no terminal, no input).
fn git(dir: &Path, args: &[&str]) -> Option<Vec<u8>> {
    super::git::git(dir, args).ok()?.ok()
}

/// `HEAD`'s short name and the records files of the folder `dir` in it.
fn head(dir: &Path) -> Option<(String, Vec<String>)> {
    let commit = git(dir, &["rev-parse", "--short", "HEAD"])?;
    let commit = String::from_utf8(commit).ok()?.trim().to_string();
    let names = git(dir, &["ls-tree", "-z", "--name-only", "HEAD", "./"])?;
    let names: Vec<String> = names
        .split(|&b| b == 0)
        .filter_map(|n| std::str::from_utf8(n).ok())
        .filter(|n| !n.contains('/') && crate::domain::records::is_records_name(n))
        .map(str::to_string)
        .collect();
    (!names.is_empty()).then_some((commit, names))
}

/// The bytes of the file `name` of the folder `dir` at `HEAD`.
fn show(dir: &Path, name: &str) -> Option<Vec<u8>> {
    git(dir, &["show", &format!("HEAD:./{name}")])
}

/// The records of the folder `dir` as committed at `HEAD` (each `.ron`
/// file of the folder in that commit), read into a temporary folder.
pub fn committed(dir: &Path) -> Option<Committed> {
    let (commit, names) = head(dir)?;
    let copy = tempfile::tempdir().ok()?;
    for name in &names {
        std::fs::write(copy.path().join(name), show(dir, name)?).ok()?;
    }
    let records = load(copy.path()).ok()?;
    Some(Committed { commit, records })
}

/// What git's last commit holds of the records of a folder, known one file
/// at a time (never the whole records at once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommittedState {
    /// No commit to compare with (no git, not in a repository, no records
    /// committed): [`committed`] is `None` too.
    Nothing,
    /// The state of the committed records (see `records::state`).
    State(String),
    /// A committed file could not be read or parsed: [`committed`] says
    /// more.
    Unknown,
}

/// The state of the records of the folder `dir` at `HEAD`, each file
/// shown by git, parsed and hashed in turn.
pub fn committed_state(dir: &Path) -> CommittedState {
    let Some((_, names)) = head(dir) else {
        return CommittedState::Nothing;
    };
    let mut parts: Vec<(Option<u32>, Digest)> = Vec::new();
    for name in &names {
        let Some(bytes) = show(dir, name) else {
            return CommittedState::Unknown;
        };
        let digest = if name == REPORT_FILE {
            parse_part::<Report>(&bytes).map(|r| (None, digest_of_rendering(&r, NONE)))
        } else {
            parse_part::<Recommendation>(&bytes)
                .map(|r| (Some(r.number), digest_of_rendering(&r, NONE)))
        };
        match digest {
            Some((number, Ok((digest, _)))) => parts.push((number, digest)),
            _ => return CommittedState::Unknown,
        }
    }
    // The state's order: the header, then by number.
    parts.sort_by_key(|(n, _)| (n.is_some(), *n));
    let digests: Vec<Digest> = parts.into_iter().map(|(_, d)| d).collect();
    CommittedState::State(state_from(&digests))
}

/// No file to compare a rendering with.
const NONE: Option<std::io::Empty> = None;

/// A field of an item whose value differs from the one committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SinceCommit {
    pub item: String,
    pub field: Field,
    pub committed: String,
    pub now: String,
}

impl SinceCommit {
    /// The difference in words: the field of the item, as in commit
    /// `commit` and now.
    pub fn say(&self, commit: &str, lang: crate::i18n::Lang) -> String {
        crate::i18n::LogMsg::SinceCommitField.fill(
            lang,
            &[
                ("item", &self.item),
                ("field", &self.field),
                ("commit", &commit),
                ("committed", &crate::domain::error::quoted(&self.committed)),
                ("now", &crate::domain::error::quoted(&self.now)),
            ],
        )
    }
}

/// The fields of `now`'s items that differ from `committed` (items in both).
pub fn fields_since(committed: &Report, now: &Report) -> Vec<SinceCommit> {
    let mut out = Vec::new();
    for r in now.items() {
        let Some(was) = committed.item(&r.item.id) else {
            continue;
        };
        for field in Field::ALL {
            let (old, new) = (field.get(was.item), field.get(r.item));
            if old != new {
                out.push(SinceCommit {
                    item: r.item.id.clone(),
                    field,
                    committed: old,
                    now: new,
                });
            }
        }
    }
    out
}
