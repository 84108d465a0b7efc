//! A records folder read one file at a time: each file parsed on its own
//! and checked as loading checks it ([`validate`]: the file with the
//! header), what spans the files (recommendation numbers, item ids, the
//! items a relisted row points at) kept as ids only, so that nothing but
//! the file at hand is held whole. A save reads a large report so while a
//! board holds a copy of its own.
//!
//! It answers only whether the records are sound: where and why they are
//! not is said by [`super::load`], which reads them whole.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::validate::validate;
use super::{Digest, Layout, Records, digest_of_text};
use crate::domain::error::{LoadError, Problem};
use crate::domain::files::{MAX_RECORDS_FILE, read_regular};
use crate::domain::model::{Recommendation, Report};

/// A records file read and parsed, and the SHA-256 of its bytes; `None`
/// when it cannot be (loading the folder says why).
pub fn read_part<T: DeserializeOwned>(path: &Path) -> Option<(T, Digest)> {
    let bytes = read_regular(path, MAX_RECORDS_FILE).ok()?;
    let digest = digest_of_text(&bytes);
    Some((parse_part(&bytes)?, digest))
}

/// The value a records file's `bytes` hold, as loading reads it (a byte
/// order mark aside); `None` when they hold none.
pub fn parse_part<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    ron::Options::default().from_str::<T>(text).ok()
}

/// The soundness of a folder's records, learnt one recommendation at a time.
pub struct Soundness {
    dir: PathBuf,
    header: Report,
    numbers: HashSet<u32>,
    ids: HashSet<String>,
    /// Items of one file relisting an item of another: the item pointed
    /// at, and whether the row is marked relisted.
    elsewhere: Vec<(String, bool)>,
    sound: bool,
}

impl Soundness {
    /// Begin with the header (`report.ron` of `dir`): it must hold no
    /// recommendations, and its scales and metadata must be sound.
    pub fn new(dir: &Path, header: Report) -> Soundness {
        let records = Records {
            report: header,
            layout: Layout::Folder {
                dir: dir.to_path_buf(),
                files: Vec::new(),
            },
        };
        let sound = records.report.recommendations.is_empty()
            && validate(&records, &BTreeMap::new()).is_ok();
        Soundness {
            dir: dir.to_path_buf(),
            header: records.report,
            numbers: HashSet::new(),
            ids: HashSet::new(),
            elsewhere: Vec::new(),
            sound,
        }
    }

    /// Check the recommendation read from the file `name`, with the header,
    /// as loading checks it; what spans the files is kept for [`Self::sound`].
    /// The recommendation is handed back.
    pub fn check(&mut self, name: &str, rec: Recommendation) -> Option<Recommendation> {
        let mut records = Records {
            report: Report {
                recommendations: vec![rec],
                ..self.header.clone()
            },
            layout: Layout::Folder {
                dir: self.dir.clone(),
                files: vec![name.to_string()],
            },
        };
        self.spanning(&records.report);
        if let Err(errors) = validate(&records, &BTreeMap::new()) {
            // A row relisting an item of another file is unknown to this
            // one: checked once every file is read ([`Self::spanning`]).
            let other = errors.0.iter().any(|e| {
                !matches!(
                    e,
                    LoadError::Invalid {
                        problem: Problem::RelistsUnknown { .. },
                        ..
                    }
                )
            });
            self.sound &= !other;
        }
        records.report.recommendations.pop()
    }

    /// Keep what spans the files: the recommendation's number, its ids, the
    /// items of other files its rows relist.
    fn spanning(&mut self, one: &Report) {
        let own: HashSet<&str> = one.items().map(|r| r.item.id.as_str()).collect();
        for rec in &one.recommendations {
            self.sound &= self.numbers.insert(rec.number);
        }
        for r in one.items() {
            self.sound &= self.ids.insert(r.item.id.clone());
            if let Some(target) = &r.item.relists
                && !own.contains(target.as_str())
            {
                self.elsewhere.push((target.clone(), r.item.relisted));
            }
        }
    }

    /// Whether the records read are sound: at least one recommendation,
    /// each sound with the header, numbers and ids unique across the files,
    /// every relisted row pointing at an item that exists and marked so.
    pub fn sound(&self) -> bool {
        self.sound
            && !self.numbers.is_empty()
            && self
                .elsewhere
                .iter()
                .all(|(target, marked)| *marked && self.ids.contains(target))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::{load, render};

    /// The bundled records, each file's text by name.
    fn files() -> Vec<(String, String)> {
        let records = load(Path::new("records")).expect("bundled records");
        render(&records)
            .expect("render")
            .into_iter()
            .map(|(p, t)| (p.file_name().unwrap().to_str().unwrap().to_string(), t))
            .collect()
    }

    /// Sound as [`Soundness`] learns it, one file's bytes at a time: each
    /// recommendation is parsed from its own bytes, checked, and let go.
    fn sound_one_by_one(files: &[(String, String)]) -> bool {
        let dir = Path::new("records");
        let header = files.iter().find(|(n, _)| n == "report.ron").unwrap();
        let header: Report = parse_part(header.1.as_bytes()).unwrap();
        let mut soundness = Soundness::new(dir, header);
        for (name, text) in files.iter().filter(|(n, _)| n != "report.ron") {
            let rec: Recommendation = parse_part(text.as_bytes()).unwrap();
            let back = soundness.check(name, rec.clone());
            assert_eq!(back.as_ref(), Some(&rec), "handed back as it was");
        }
        soundness.sound()
    }

    /// Sound as loading the whole folder says.
    fn sound_whole(files: &[(String, String)]) -> bool {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        load(dir.path()).is_ok()
    }

    #[test]
    fn one_file_at_a_time_is_as_sound_as_the_whole_folder() {
        let bundled = files();
        assert!(sound_one_by_one(&bundled) && sound_whole(&bundled));
        // Each change breaks a rule within one file or across files.
        let changes: [(&str, &str, &str); 7] = [
            // An id of recommendation 1 again in recommendation 2.
            ("recommendation-2.ron", "id: \"2-1-a\"", "id: \"1-1-a\""),
            // A relisted row pointing at no item (in another file).
            (
                "recommendation-3.ron",
                "relists: Some(\"1-2-c\")",
                "relists: Some(\"1-9-z\")",
            ),
            // The item relisted in another file, the row not marked so.
            ("recommendation-3.ron", "relisted: true", "relisted: false"),
            // Two files with one number.
            ("recommendation-2.ron", "number: 2,", "number: 1,"),
            // A code not in its scale.
            ("recommendation-4.ron", "phase: \"A\"", "phase: \"Z\""),
            // An id that cannot be typed.
            ("recommendation-5.ron", "id: \"5-1-a\"", "id: \"5 1 a\""),
            // A scale with one code twice.
            ("report.ron", "code: \"B\"", "code: \"A\""),
        ];
        for (file, from, to) in changes {
            let mut broken = bundled.clone();
            let text = &mut broken.iter_mut().find(|(n, _)| n == file).unwrap().1;
            assert!(text.contains(from), "{file}: {from}");
            *text = text.replacen(from, to, 1);
            assert!(!sound_whole(&broken), "{file}: {to} loads");
            assert!(
                !sound_one_by_one(&broken),
                "{file}: {to} is sound one by one"
            );
        }
    }
}
