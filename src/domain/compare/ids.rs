//! The id map: items whose ids were changed on purpose (renumbered), so
//! that a comparison matches each with its earlier self. It is a small RON
//! file beside the records, [`IDS_FILE`], written by hand and never guessed:
//!
//! ```ron
//! // 番号を付け直した項目（旧ID: 新ID）
//! IdMap(
//!     renumbered: {
//!         "7-1-b": "7-1-a2",
//!         "7-1-c": "7-1-b",
//!     },
//! )
//! ```
//!
//! An entry says: the item the earlier table calls `7-1-b` is the one this
//! table calls `7-1-a2`. Entries accumulate from round to round; one whose
//! old id is not in the earlier table or whose new id is not in this one
//! does not apply to that comparison and is left aside.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::domain::error::Location;
use crate::domain::records::line_column;
use crate::i18n::{CompareMsg, Lang};

pub use crate::domain::records::IDS_FILE;

/// Old id → new id, in the order written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdMap {
    pub renumbered: Vec<(String, String)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "IdMap")]
struct File {
    renumbered: Pairs,
}

/// A map read as the pairs written (a key written twice is seen, not
/// silently replaced).
struct Pairs(Vec<(String, String)>);

impl<'de> Deserialize<'de> for Pairs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Seen;
        impl<'de> Visitor<'de> for Seen {
            type Value = Pairs;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of old id to new id: {\"7-1-b\": \"7-1-a2\"}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs, A::Error> {
                let mut out = Vec::new();
                while let Some(pair) = map.next_entry::<String, String>()? {
                    out.push(pair);
                }
                Ok(Pairs(out))
            }
        }
        d.deserialize_map(Seen)
    }
}

/// What is wrong with an id map, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdsError {
    /// Not an `IdMap(renumbered: {...})` (ron's own words).
    Syntax {
        at: Location,
        error: String,
    },
    /// An id that is not of the allowed form.
    BadId {
        at: Location,
        id: String,
    },
    /// An old id given twice, or two old ids given one new id.
    Twice {
        at: Location,
        id: String,
    },
    /// An id mapped to itself.
    Same {
        at: Location,
        id: String,
    },
    Io {
        path: PathBuf,
        error: String,
    },
}

impl IdsError {
    pub fn say(&self, lang: Lang) -> String {
        match self {
            IdsError::Syntax { at, error } => {
                CompareMsg::ErrIdsSyntax.fill(lang, &[("at", at), ("error", error)])
            }
            IdsError::BadId { at, id } => {
                CompareMsg::ErrIdsBadId.fill(lang, &[("at", at), ("id", &shown(id))])
            }
            IdsError::Twice { at, id } => {
                CompareMsg::ErrIdsTwice.fill(lang, &[("at", at), ("id", &shown(id))])
            }
            IdsError::Same { at, id } => {
                CompareMsg::ErrIdsSame.fill(lang, &[("at", at), ("id", &shown(id))])
            }
            IdsError::Io { path, error } => {
                CompareMsg::ErrIdsIo.fill(lang, &[("path", &path.display()), ("error", error)])
            }
        }
    }
}

fn shown(id: &str) -> String {
    crate::text::visible(id).replace('\n', "\\n")
}

/// Whether `id` has the form of an item's id: 1 to 32 ASCII letters,
/// digits, `-`, `.` or `_`.
fn id_form(id: &str) -> bool {
    (1..=32).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
}

/// Where the `nth` (from 0) quoted `id` stands in `text`.
fn place(path: &Path, text: &str, id: &str, nth: usize) -> Location {
    let quoted = format!("\"{id}\"");
    let at = text.match_indices(&quoted).nth(nth).map_or(0, |(i, _)| i);
    let (line, column) = line_column(text, at);
    Location {
        path: path.to_path_buf(),
        line,
        column,
    }
}

impl IdMap {
    /// The id map of the records folder `dir`: empty when it has none.
    pub fn read(dir: &Path) -> Result<IdMap, IdsError> {
        let path = dir.join(IDS_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => IdMap::parse(&path, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(IdMap::default()),
            Err(e) => Err(IdsError::Io {
                path,
                error: e.to_string(),
            }),
        }
    }

    /// The id map in `text` (the file `path`), checked: every id of the
    /// allowed form, no old id twice, no new id twice, none to itself.
    pub fn parse(path: &Path, text: &str) -> Result<IdMap, IdsError> {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let file: File = ron::Options::default()
            .from_str(text)
            .map_err(|e| IdsError::Syntax {
                at: Location::of(path, &e),
                error: e.code.to_string(),
            })?;
        let pairs = file.renumbered.0;
        let mut olds = BTreeSet::new();
        let mut news: BTreeMap<&str, usize> = BTreeMap::new();
        let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
        for (old, new) in &pairs {
            for id in [old, new] {
                if !id_form(id) {
                    return Err(IdsError::BadId {
                        at: place(path, text, id, 0),
                        id: id.clone(),
                    });
                }
            }
            // Which occurrence of each id this entry's is, to point at it.
            let n_old = *uses.entry(old).and_modify(|n| *n += 1).or_insert(0);
            let n_new = *uses.entry(new).and_modify(|n| *n += 1).or_insert(0);
            if old == new {
                return Err(IdsError::Same {
                    at: place(path, text, old, n_old),
                    id: old.clone(),
                });
            }
            if !olds.insert(old.as_str()) {
                return Err(IdsError::Twice {
                    at: place(path, text, old, n_old),
                    id: old.clone(),
                });
            }
            if news.insert(new.as_str(), n_new).is_some() {
                return Err(IdsError::Twice {
                    at: place(path, text, new, n_new),
                    id: new.clone(),
                });
            }
        }
        Ok(IdMap { renumbered: pairs })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<IdMap, IdsError> {
        IdMap::parse(Path::new("records/ids.ron"), text)
    }

    #[test]
    fn a_map_reads_in_the_order_written() {
        let map = parse("IdMap(\n    renumbered: {\n        \"7-1-b\": \"7-1-a2\",\n        \"7-1-c\": \"7-1-b\",\n    },\n)\n").unwrap();
        assert_eq!(
            map.renumbered,
            vec![
                ("7-1-b".to_string(), "7-1-a2".to_string()),
                ("7-1-c".to_string(), "7-1-b".to_string())
            ]
        );
    }

    #[test]
    fn every_mistake_is_placed_and_said() {
        let twice = "IdMap(renumbered: {\n\"a\": \"b\",\n\"a\": \"c\",\n})";
        let e = parse(twice).unwrap_err();
        assert!(
            matches!(&e, IdsError::Twice { at, id } if id == "a" && at.line == 3 && at.column == 1),
            "{e:?}"
        );
        let same_new = "IdMap(renumbered: {\n\"a\": \"c\",\n\"b\": \"c\",\n})";
        let e = parse(same_new).unwrap_err();
        assert!(
            matches!(&e, IdsError::Twice { at, id } if id == "c" && at.line == 3 && at.column == 6),
            "{e:?}"
        );
        let bad = "IdMap(renumbered: {\"a b\": \"c\"})";
        assert!(matches!(parse(bad).unwrap_err(), IdsError::BadId { .. }));
        let e = parse("IdMap(renumbered: {\"a\": \"a\"})").unwrap_err();
        assert!(matches!(e, IdsError::Same { .. }));
        let e = parse("IdMap(renamed: {})").unwrap_err();
        let said = e.say(Lang::En);
        assert!(said.starts_with("records/ids.ron:1:7"), "{said}");
    }
}
