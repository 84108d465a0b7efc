//! Noticing saves made by others: the records files' size and time, then their
//! content.

use std::path::PathBuf;
use std::time::SystemTime;

use crate::domain::records::{Records, load};

type Stamp = Option<(u64, SystemTime)>;

fn stamp(path: &std::path::Path) -> Stamp {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?))
}

/// The size and modification time of every records file, as last seen.
#[derive(Debug, Clone)]
pub struct Watcher {
    seen: Vec<(PathBuf, Stamp)>,
}

impl Watcher {
    pub fn new(records: &Records) -> Watcher {
        Watcher {
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

    /// Fresh records when the files on disk differ from `current` (None when
    /// they do not, or when they cannot be read whole: the board keeps what it
    /// has until the files change again).
    pub fn changed(&mut self, current: &Records) -> Option<Records> {
        let moved = self.seen.iter().any(|(p, s)| stamp(p) != *s);
        if !moved {
            return None;
        }
        *self = Watcher::new(current);
        let fresh = load(&current.layout.path()).ok()?;
        *self = Watcher::new(&fresh);
        (fresh != *current).then_some(fresh)
    }
}
