//! A save never takes in a change the log does not tell: before writing,
//! the records as read must be what the log says the last save left (or
//! what the log's saves make of them: copies merged). Otherwise the save is
//! refused with a sentence that says what differs and how to keep it
//! deliberately (`kensho adopt`, which logs it under the user's name).
//!
//! The check costs one comparison of checksums when the records are as the
//! last save left them, which is almost always; only a difference reads the
//! whole log (and, before the first save, git's last commit).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::EditError;
use crate::domain::records::{Digest, Records, state_from, state_of};
use crate::i18n::{Lang, LogMsg};
use crate::store::baseline::{self, SinceCommit};
use crate::store::changelog::{self, LOG_FILE};
use crate::store::digests::{self, Stamp};
use crate::store::verify::{Difference, StateCheck, verify_knowing};

/// Records changed outside kensho since the last save, and the log says
/// nothing of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unlogged {
    pub dir: PathBuf,
    /// Logged fields whose latest logged value is not what the records hold.
    pub differences: Vec<Difference>,
    /// The records as a whole against the log.
    pub state: StateCheck,
    /// Before the first save: the commit the records differ from, and the
    /// fields that differ from it.
    pub since_commit: Option<(String, Vec<SinceCommit>)>,
}

/// The records' state now, from the digest cache where it vouches, except
/// for the files that hold the items `touched` (a save's): those from their
/// content, whatever their stamp says.
pub fn state_now(
    records: &Records,
    stamps: &BTreeMap<String, Stamp>,
    touched: &BTreeSet<&str>,
) -> String {
    digests::parts_now(records, stamps, |rec| rec.holds_any(touched), None)
        .ok()
        .filter(|parts| !parts.is_empty())
        .map(|parts| state_from(&parts.iter().map(|p| p.digest).collect::<Vec<_>>()))
        .unwrap_or_else(|| state_of(&records.report))
}

/// The digest of each file's bytes (see [`digests::file_digests`]) when
/// they make the state the last save left: the records are as the log
/// tells, and every file is canonical. `None` otherwise, or when the log
/// has no such save (then [`check`] says more).
pub fn proven(
    records: &Records,
    stamps: &BTreeMap<String, Stamp>,
) -> Option<BTreeMap<String, Digest>> {
    let last = changelog::last_save(&records.layout.dir().join(LOG_FILE)).ok()?;
    let state = last.iter().rev().find_map(|c| c.state.clone())?;
    let files = digests::file_digests(records, stamps)?;
    let digests: Vec<Digest> = files.iter().map(|(_, d)| *d).collect();
    (state_from(&digests) == state).then(|| files.into_iter().collect())
}

/// Whether the records as read (their state, worked out by `now` when a
/// save in the log has one to compare with) are what the log tells.
pub fn check(records: &Records, now: impl FnOnce() -> String) -> Result<(), EditError> {
    let dir = records.layout.dir();
    let log = dir.join(LOG_FILE);
    let err = |source| EditError::Log {
        path: log.clone(),
        source,
    };
    let last = changelog::last_save(&log).map_err(err)?;
    let last_state = last.iter().rev().find_map(|c| c.state.clone());
    let now = last_state.as_ref().map(|_| now());
    if last_state.is_some() && last_state == now {
        return Ok(());
    }
    let (changes, problems) = changelog::read(&log).map_err(err)?;
    let v = verify_knowing(&changes, problems, &records.report, now);
    if !v.differences.is_empty() || v.state.is_difference() {
        return Err(EditError::Unlogged(Box::new(Unlogged {
            dir,
            differences: v.differences,
            state: v.state,
            since_commit: None,
        })));
    }
    // Before the first save, git's last commit is the only baseline.
    if !changes.is_empty() {
        return Ok(());
    }
    let Some(committed) = baseline::committed(&dir) else {
        return Ok(());
    };
    if state_of(&committed.records.report) == state_of(&records.report) {
        return Ok(());
    }
    let fields = baseline::fields_since(&committed.records.report, &records.report);
    Err(EditError::Unlogged(Box::new(Unlogged {
        dir,
        differences: Vec::new(),
        state: StateCheck::Unknown,
        since_commit: Some((committed.commit, fields)),
    })))
}

/// How many differences a sentence names (the rest are counted).
const NAMED: usize = 3;

impl Unlogged {
    pub fn say(&self, lang: Lang) -> String {
        let mut what: Vec<String> = self
            .differences
            .iter()
            .take(NAMED)
            .map(|d| d.say(lang))
            .collect();
        if let Some((commit, fields)) = &self.since_commit {
            what.extend(fields.iter().take(NAMED).map(|f| f.say(commit, lang)));
            if fields.is_empty() {
                what.push(LogMsg::SinceCommitOther.fill(lang, &[("commit", commit)]));
            }
        }
        let shown = what.len();
        let total = self.differences.len()
            + self
                .since_commit
                .as_ref()
                .map_or(0, |(_, f)| f.len().max(1));
        if total > shown {
            what.push(LogMsg::AndMore.fill(lang, &[("count", &(total - shown))]));
        }
        // The sentence says already that the records were changed outside
        // kensho; what the checksums add is said short.
        match &self.state {
            StateCheck::MatchesNone { last } => {
                what.push(LogMsg::UnloggedMatchesNone.fill(lang, &[("last", last)]));
            }
            s if s.is_difference() => what.extend(s.say(lang)),
            _ => {}
        }
        let dir = self.dir.display().to_string();
        LogMsg::ErrUnlogged.fill(lang, &[("what", &what.join("; ")), ("path", &dir)])
    }
}
