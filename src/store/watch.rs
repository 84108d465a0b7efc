//! Noticing saves made by others: the records files' size and time, then their
//! content.

use std::path::PathBuf;
use std::time::SystemTime;

use crate::domain::records::Records;

type Stamp = Option<(u64, SystemTime)>;

fn stamp(path: &std::path::Path) -> Stamp {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?))
}

/// The size and modification time of every records file, as last seen.
#[derive(Debug, Clone)]
pub struct Watcher {
    seen: Vec<(PathBuf, Stamp)>,
    /// Write kept copies of the files it parses (see `store::parsed`).
    keep: bool,
}

impl Watcher {
    pub fn new(records: &Records) -> Watcher {
        Watcher {
            keep: true,
            seen: records
                .layout
                .files()
                .into_iter()
                .map(|p| {
                    let s = stamp(&p);
                    (p, s)
                })
                .collect(),
        }
    }

    /// Whether the files it parses are kept (a follower writes nothing).
    pub fn keeping(mut self, keep: bool) -> Watcher {
        self.keep = keep;
        self
    }

    /// Our own save replaced `written`: a file nobody else changed since we
    /// last looked is taken as seen; one that someone else changed too is
    /// left to be read at the next look.
    pub fn saved(&mut self, written: &[crate::store::Written]) {
        let as_seen = |s: &crate::store::digests::Stamp| -> Stamp {
            let ns = u64::try_from(s.mtime_ns).ok()?;
            Some((
                s.size,
                std::time::UNIX_EPOCH + std::time::Duration::from_nanos(ns),
            ))
        };
        for w in written {
            let Some((_, seen)) = self.seen.iter_mut().find(|(p, _)| *p == w.path) else {
                continue;
            };
            if w.before.as_ref().and_then(as_seen) == *seen {
                *seen = w.after.as_ref().and_then(as_seen);
            }
        }
    }

    /// Fresh records when the files on disk differ from `current` (None when
    /// they do not, or when they cannot be read whole: the board keeps what it
    /// has until the files change again).
    pub fn changed(&mut self, current: &Records) -> Option<Records> {
        let moved = self.seen.iter().any(|(p, s)| stamp(p) != *s);
        if !moved {
            return None;
        }
        let keep = self.keep;
        *self = Watcher::new(current).keeping(keep);
        let (fresh, keeping) = crate::store::parsed::load_known(&current.layout.path()).ok()?;
        if keep {
            keeping.write(&fresh);
        }
        *self = Watcher::new(&fresh).keeping(keep);
        (fresh != *current).then_some(fresh)
    }
}
