//! The parts of records read whole by a save (the first after a change made
//! outside kensho): the new text of each part the save changes, the digest
//! of every part (from the digest cache where it vouches for the file), and
//! the cache made anew for every file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::changelog::Change;
use super::digests::{self, Digests, Entry, Stamp, now_ns};
use super::{StoreError, Written, replace_file};
use crate::domain::files::{MAX_RECORDS_FILE, read_regular};
use crate::domain::records::{
    Digest, Layout, Records, digest_hex, digest_of_text, part_digests, state_from, to_ron,
};

/// The parts of records read whole, after a save's changes: the new text
/// of each part that changed, the digest of every part.
pub(super) struct Parts {
    /// Path, new text and digest of each part to write.
    changed: Vec<(PathBuf, String, Digest)>,
    digests: Vec<Digest>,
    /// The digest cache for every file of a folder (none for a single file).
    cache: Option<Digests>,
    numbers: BTreeMap<PathBuf, Option<u32>>,
}

impl Parts {
    pub(super) fn of(
        records: &Records,
        changes: &[Change],
        stamps: &BTreeMap<String, Stamp>,
        read_ns: i128,
        proven: Option<&BTreeMap<String, crate::domain::records::Digest>>,
    ) -> Result<Parts, StoreError> {
        if let Layout::SingleFile { path } = &records.layout {
            let text = to_ron(&records.report).map_err(StoreError::Render)?;
            let digest = digest_of_text(text.as_bytes());
            let digests = part_digests(&records.report).map_err(StoreError::Render)?;
            return Ok(Parts {
                changed: vec![(path.clone(), text, digest)],
                digests,
                cache: None,
                numbers: BTreeMap::new(),
            });
        }
        let touched: std::collections::BTreeSet<&str> =
            changes.iter().map(|c| c.item.as_str()).collect();
        let dir = records.layout.dir();
        let parts = digests::parts_now(records, stamps, |rec| rec.holds_any(&touched), proven)
            .map_err(StoreError::Render)?;
        let mut out = Parts {
            changed: Vec::new(),
            digests: Vec::new(),
            cache: Some(Digests::default()),
            numbers: BTreeMap::new(),
        };
        for part in parts {
            out.digests.push(part.digest);
            let path = dir.join(&part.name);
            out.numbers.insert(path.clone(), part.number);
            match part.text {
                Some(text) => out.changed.push((path, text, part.digest)),
                None => {
                    if let (Some(stamp), Some(cache)) = (stamps.get(&part.name), out.cache.as_mut())
                    {
                        let entry = Entry {
                            number: part.number,
                            stamp: *stamp,
                            read_ns,
                            digest: digest_hex(&part.digest),
                            canonical: part.canonical,
                        };
                        cache.record(&part.name, entry);
                    }
                }
            }
        }
        Ok(out)
    }

    pub(super) fn state(&self) -> String {
        state_from(&self.digests)
    }

    /// Write the changed parts, only those whose bytes differ, and the cache.
    pub(super) fn write(mut self, dir: &Path, txn: &str) -> Result<Vec<Written>, StoreError> {
        // The parts whose text changes: more than one, all or nothing
        // ([`super::undo`]).
        let changing: Vec<PathBuf> = self
            .changed
            .iter()
            .filter(|(path, text, _)| {
                read_regular(path, MAX_RECORDS_FILE).ok().as_deref() != Some(text.as_bytes())
            })
            .map(|(path, _, _)| path.clone())
            .collect();
        let undo = match changing.len() {
            0 | 1 => None,
            _ => Some(super::undo::Undo::begin(dir, txn, &changing)?),
        };
        match (self.replace_each(&changing, undo.as_ref()), undo) {
            (Ok(written), Some(undo)) => {
                undo.done()?;
                self.write_cache(dir);
                Ok(written)
            }
            (Ok(written), None) => {
                self.write_cache(dir);
                Ok(written)
            }
            (Err(e), Some(undo)) => {
                undo.roll_back()?;
                Err(e)
            }
            (Err(e), None) => Err(e),
        }
    }

    fn write_cache(&mut self, dir: &Path) {
        if let Some(cache) = self.cache.as_mut() {
            cache.write(dir);
        }
    }

    /// Replace each part in `changing`, and note every part in the cache.
    fn replace_each(
        &mut self,
        changing: &[PathBuf],
        undo: Option<&super::undo::Undo>,
    ) -> Result<Vec<Written>, StoreError> {
        let mut written = Vec::new();
        for (path, text, digest) in &self.changed {
            let before = Stamp::at(path);
            let read_ns = now_ns();
            let same = !changing.contains(path);
            if !same {
                if let (Some(undo), false) = (undo, written.is_empty()) {
                    undo.between_files();
                }
                replace_file(path, text.as_bytes())?;
            }
            let after = Stamp::at(path);
            if let (Some(cache), Some(stamp), Some(name)) = (
                self.cache.as_mut(),
                after,
                path.file_name().and_then(|n| n.to_str()),
            ) {
                let entry = Entry {
                    number: self.numbers.get(path).copied().flatten(),
                    stamp,
                    read_ns,
                    digest: digest_hex(digest),
                    canonical: true,
                };
                cache.record(name, entry);
            }
            if !same {
                written.push(Written {
                    path: path.clone(),
                    before,
                    after,
                });
            }
        }
        Ok(written)
    }
}
