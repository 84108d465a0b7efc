//! What the types cannot check: codes belong to their scales, ids are unique
//! and typeable, numbers are unique, relisted links point at real items. Every
//! problem is reported at its file and line:column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Layout, REPORT_FILE, Records};
use crate::domain::error::{LoadError, LoadErrors, Location, Problem};
use crate::domain::field::Field;
use crate::domain::model::Scale;

/// Where each line of a text starts: offsets become line:column in
/// logarithmic time, so that reporting many errors stays linear in the text.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and column (in characters) of byte offset `at`.
    pub fn line_column(&self, text: &str, at: usize) -> (usize, usize) {
        let at = at.min(text.len());
        let line = self.starts.partition_point(|&s| s <= at);
        let start = self.starts[line - 1];
        let column = text.get(start..at).map_or(0, |t| t.chars().count()) + 1;
        (line, column)
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i)
}

/// 1-based line and column (in characters) of byte offset `at` in `text`
/// (one lookup; many go through a [`LineIndex`]).
pub fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, column)
}

/// The location of the first occurrence of `needle` (or the file's start).
pub(super) fn find(path: &Path, text: &str, needle: &str) -> Location {
    find_from(path, text, needle, 0).0
}

fn find_from(path: &Path, text: &str, needle: &str, from: usize) -> (Location, usize) {
    let offset = text
        .get(from..)
        .and_then(|t| t.find(needle))
        .map(|o| o + from);
    let at = offset.unwrap_or(from.min(text.len()));
    let (line, column) = line_column(text, at);
    (
        Location {
            path: path.to_path_buf(),
            line,
            column,
        },
        offset.map(|o| o + needle.len()).unwrap_or(from),
    )
}

/// Where each item's fields stand in the files (byte offsets), found by reading
/// the texts in item order. Offsets become line:column only for an error, so
/// that loading stays linear in the size of the records.
struct ItemPlace {
    path: usize,
    id: usize,
    phase: usize,
    direction: usize,
    relists: usize,
}

struct Places<'a> {
    records: &'a Records,
    paths: Vec<PathBuf>,
    texts: &'a BTreeMap<PathBuf, String>,
    /// Found at the first error: sound records never search their texts.
    items: std::cell::OnceCell<Vec<ItemPlace>>,
    /// Line starts of each file, made at its first error.
    lines: std::cell::RefCell<BTreeMap<PathBuf, std::rc::Rc<LineIndex>>>,
}

impl Places<'_> {
    fn at(&self, item: usize, field: fn(&ItemPlace) -> usize) -> Location {
        let items = self
            .items
            .get_or_init(|| item_places(self.records, &self.paths, self.texts));
        let Some(place) = items.get(item) else {
            return Location {
                path: self.paths.first().cloned().unwrap_or_default(),
                line: 1,
                column: 1,
            };
        };
        let path = &self.paths[place.path];
        let text = self.texts.get(path).map(String::as_str).unwrap_or_default();
        let index = std::rc::Rc::clone(
            self.lines
                .borrow_mut()
                .entry(path.clone())
                .or_insert_with(|| std::rc::Rc::new(LineIndex::new(text))),
        );
        let (line, column) = index.line_column(text, field(place));
        Location {
            path: path.clone(),
            line,
            column,
        }
    }
}

fn offset_of(text: &str, needle: &str, from: usize) -> (usize, usize) {
    match text.get(from..).and_then(|t| t.find(needle)) {
        Some(o) => (from + o, from + o + needle.len()),
        None => (from.min(text.len()), from),
    }
}

impl<'a> Places<'a> {
    fn new(records: &'a Records, texts: &'a BTreeMap<PathBuf, String>) -> Places<'a> {
        let paths: Vec<PathBuf> = match &records.layout {
            Layout::SingleFile { path } => {
                vec![path.clone(); records.report.recommendations.len()]
            }
            Layout::Folder { dir, files } => files.iter().map(|f| dir.join(f)).collect(),
        };
        Places {
            records,
            paths,
            texts,
            items: std::cell::OnceCell::new(),
            lines: Default::default(),
        }
    }
}

/// Where every item's fields stand, by reading the texts in item order.
fn item_places(
    records: &Records,
    paths: &[PathBuf],
    texts: &BTreeMap<PathBuf, String>,
) -> Vec<ItemPlace> {
    let mut cursors: BTreeMap<usize, usize> = BTreeMap::new();
    let mut items = Vec::new();
    for (file, rec) in records.report.recommendations.iter().enumerate() {
        let text = paths
            .get(file)
            .and_then(|p| texts.get(p))
            .map(String::as_str)
            .unwrap_or_default();
        // In the single-file layout every recommendation shares one cursor.
        let key = match records.layout {
            Layout::SingleFile { .. } => 0,
            Layout::Folder { .. } => file,
        };
        for point in &rec.points {
            for measure in &point.measures {
                for item in &measure.items {
                    let cursor = cursors.entry(key).or_insert(0);
                    let (id, after) = offset_of(text, &format!("{:?}", item.id), *cursor);
                    *cursor = after;
                    items.push(ItemPlace {
                        path: file,
                        id,
                        phase: offset_of(text, "phase:", after).0,
                        direction: offset_of(text, "direction:", after).0,
                        relists: offset_of(text, "relists:", after).0,
                    });
                }
            }
        }
    }
    items
}

fn is_valid_id(id: &str) -> bool {
    let ends = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    ends(id.chars().next())
        && ends(id.chars().last())
        && id.len() <= 32
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_')
}

fn check_scale(scale: &Scale, field: &'static str, at: Location, errors: &mut Vec<LoadError>) {
    if scale.codes.is_empty() {
        errors.push(LoadError::Invalid {
            at: at.clone(),
            problem: Problem::EmptyScale { scale: field },
        });
    }
    let mut seen = Vec::new();
    for c in &scale.codes {
        if c.code.trim().is_empty() || seen.contains(&c.code) {
            errors.push(LoadError::Invalid {
                at: at.clone(),
                problem: Problem::BadScaleCode {
                    scale: field,
                    code: c.code.clone(),
                },
            });
        }
        seen.push(c.code.clone());
    }
}

/// Check what the types cannot: codes belong to their scales, ids are unique
/// and typeable, numbers are unique, relisted links point at real items.
pub(super) fn validate(
    records: &Records,
    texts: &BTreeMap<PathBuf, String>,
) -> Result<(), LoadErrors> {
    let report = &records.report;
    let mut errors = Vec::new();
    let report_path = match &records.layout {
        Layout::SingleFile { path } => path.clone(),
        Layout::Folder { dir, .. } => dir.join(REPORT_FILE),
    };
    let report_text = texts
        .get(&report_path)
        .map(String::as_str)
        .unwrap_or_default();
    for (scale, name) in [
        (&report.phase_scale, "phase_scale"),
        (&report.direction_scale, "direction_scale"),
    ] {
        check_scale(
            scale,
            name,
            find(&report_path, report_text, name),
            &mut errors,
        );
    }
    super::metadata::check(report, &report_path, report_text, &mut errors);
    check_numbers(records, texts, &mut errors);
    let places = Places::new(records, texts);
    let ids = check_items(records, &places, &mut errors);
    check_relists(records, &places, &ids, &mut errors);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(LoadErrors(errors))
    }
}

/// Recommendation numbers, and point numbers within a recommendation, are
/// unique and start at 1, and every recommendation has points. Each problem
/// is reported in the recommendation's own file, at its number or point.
fn check_numbers(
    records: &Records,
    texts: &BTreeMap<PathBuf, String>,
    errors: &mut Vec<LoadError>,
) {
    let mut numbers = Vec::new();
    // In one file (single-file layout) the search goes on from the last find.
    let mut cursor: BTreeMap<PathBuf, usize> = BTreeMap::new();
    for (i, rec) in records.report.recommendations.iter().enumerate() {
        let path = match &records.layout {
            Layout::SingleFile { path } => path.clone(),
            Layout::Folder { dir, files } => {
                files.get(i).map_or_else(|| dir.clone(), |f| dir.join(f))
            }
        };
        let text = texts.get(&path).map(String::as_str).unwrap_or_default();
        let from = cursor.get(&path).copied().unwrap_or(0);
        // Offsets only; line:column is counted for an error alone.
        let (rec_at, after) = offset_of(text, "Recommendation(", from);
        let (number_at, after) = offset_of(text, "number:", after.max(from));
        let mut invalid = |at: usize, problem| {
            let (line, column) = line_column(text, at);
            errors.push(LoadError::Invalid {
                at: Location {
                    path: path.clone(),
                    line,
                    column,
                },
                problem,
            })
        };
        if numbers.contains(&rec.number) {
            invalid(
                number_at,
                Problem::DuplicateRecommendation { number: rec.number },
            );
        }
        if rec.number == 0 {
            invalid(number_at, Problem::ZeroNumber { point: false });
        }
        if rec.points.is_empty() {
            invalid(rec_at, Problem::NoPoints { number: rec.number });
        }
        numbers.push(rec.number);
        let mut points = Vec::new();
        let mut next = after;
        for p in &rec.points {
            let (point_at, after) = offset_of(text, "Point(", next);
            next = after;
            if points.contains(&p.number) {
                invalid(
                    point_at,
                    Problem::DuplicatePoint {
                        recommendation: rec.number,
                        point: p.number,
                    },
                );
            }
            if p.number == 0 {
                invalid(point_at, Problem::ZeroNumber { point: true });
            }
            let id = || format!("{}-{}", rec.number, p.number);
            if let Some(lang) = p.policy.note.as_ref().and_then(missing_language) {
                invalid(point_at, Problem::NoteLanguage { id: id(), lang });
            }
            if p.measures.is_empty() {
                invalid(point_at, Problem::NoMeasures { id: id() });
            }
            if p.measures.iter().any(|m| m.items.is_empty()) {
                invalid(point_at, Problem::NoItems { id: id() });
            }
            points.push(p.number);
        }
        cursor.insert(path, next);
    }
}

/// The language a note lacks (each note is written in both).
fn missing_language(note: &crate::domain::model::Note) -> Option<&'static str> {
    if note.ja.trim().is_empty() {
        Some("ja")
    } else if note.en.trim().is_empty() {
        Some("en")
    } else {
        None
    }
}

/// A code field of an item: which, its scale, its value, where it stands.
type CodeCheck<'a> = (Field, &'a Scale, &'a str, fn(&ItemPlace) -> usize);

/// Ids are typeable and unique, codes belong to their scales. Returns where
/// each id was first seen.
fn check_items<'a>(
    records: &'a Records,
    places: &Places,
    errors: &mut Vec<LoadError>,
) -> BTreeMap<&'a str, usize> {
    let report = &records.report;
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for (n, r) in report.items().enumerate() {
        let item = r.item;
        if !is_valid_id(&item.id) {
            errors.push(LoadError::Invalid {
                at: places.at(n, |p| p.id),
                problem: Problem::BadId {
                    id: item.id.clone(),
                },
            });
        }
        if let Some(&first) = ids.get(item.id.as_str()) {
            errors.push(LoadError::DuplicateId {
                id: item.id.clone(),
                first: places.at(first, |p| p.id),
                second: places.at(n, |p| p.id),
            });
        } else {
            ids.insert(&item.id, n);
        }
        if item.departments.iter().all(|d| d.trim().is_empty()) {
            errors.push(LoadError::Invalid {
                at: places.at(n, |p| p.id),
                problem: Problem::NoDepartments {
                    id: item.id.clone(),
                },
            });
        }
        if let Some(lang) = item.note.as_ref().and_then(missing_language) {
            errors.push(LoadError::Invalid {
                at: places.at(n, |p| p.id),
                problem: Problem::NoteLanguage {
                    id: item.id.clone(),
                    lang,
                },
            });
        }
        let codes: [CodeCheck; 2] = [
            (
                Field::Phase,
                &report.phase_scale,
                item.phase.as_str(),
                |p| p.phase,
            ),
            (
                Field::Direction,
                &report.direction_scale,
                item.direction.as_str(),
                |p| p.direction,
            ),
        ];
        for (field, scale, code, at) in codes {
            if scale.index(code).is_none() {
                errors.push(LoadError::UnknownCode {
                    at: places.at(n, at),
                    id: item.id.clone(),
                    field,
                    code: code.to_string(),
                    scale: scale.name.clone(),
                    allowed: scale.code_list(),
                });
            }
        }
    }
    ids
}

/// A relisted row names an item that exists, is not itself, and is marked relisted.
fn check_relists(
    records: &Records,
    places: &Places,
    ids: &BTreeMap<&str, usize>,
    errors: &mut Vec<LoadError>,
) {
    for (n, r) in records.report.items().enumerate() {
        let Some(target) = &r.item.relists else {
            continue;
        };
        let id = r.item.id.clone();
        let problem = if target == &r.item.id {
            Problem::RelistsItself { id }
        } else if !ids.contains_key(target.as_str()) {
            Problem::RelistsUnknown {
                id,
                target: target.clone(),
            }
        } else if !r.item.relisted {
            Problem::RelistsUnmarked { id }
        } else {
            continue;
        };
        errors.push(LoadError::Invalid {
            at: places.at(n, |p| p.relists),
            problem,
        });
    }
}
