//! Loading, validating and rendering a set of records.
//!
//! Two layouts are accepted:
//! - a **folder** (the bundled one): `report.ron` holds the report's title, source and
//!   scales; every other `*.ron` file directly in the folder holds one
//!   `Recommendation(...)`. Other files (the change log, the `source/` copy of the
//!   PDF text, hidden temporary files) are not records and are ignored.
//! - a **single file** holding the whole `Report(...)` with its `recommendations`.
//!
//! Loading is all or nothing: every file is read and validated, every problem is
//! reported with its file and line:column, and nothing is returned unless the whole
//! set is sound. Rendering is pure (data in, file texts out); writing the texts is
//! the business of [`crate::store`].

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{LoadError, LoadErrors, Location};
use crate::model::{Recommendation, Report, Scale};

/// The name of the report file in the folder layout.
pub const REPORT_FILE: &str = "report.ron";

/// A loaded, validated set of records and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Records {
    /// The whole report, recommendations included, in source order.
    pub report: Report,
    pub layout: Layout,
}

/// Where the records live on disk, so that they are written back the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// `dir/report.ron` plus one file per recommendation (`files[i]` holds
    /// `report.recommendations[i]`).
    Folder { dir: PathBuf, files: Vec<String> },
    /// One file holding everything.
    SingleFile { path: PathBuf },
}

impl Layout {
    /// The path the records were loaded from (folder or file).
    pub fn path(&self) -> PathBuf {
        match self {
            Layout::Folder { dir, .. } => dir.clone(),
            Layout::SingleFile { path } => path.clone(),
        }
    }

    /// The folder that holds the records (and the change log beside them).
    pub fn dir(&self) -> PathBuf {
        match self {
            Layout::Folder { dir, .. } => dir.clone(),
            Layout::SingleFile { path } => path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from(".")),
        }
    }
}

/// The canonical text of a value: pretty RON, four-space indent, struct names,
/// Japanese unescaped, control characters escaped (so every field stays on one
/// line), trailing newline. The same data always gives the same bytes.
pub fn to_ron<T: Serialize>(value: &T) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ".to_string())
        .new_line("\n".to_string())
        .separator(" ".to_string());
    let mut text = ron::ser::to_string_pretty(value, config)?;
    text.push('\n');
    Ok(text)
}

/// The files that make up `records`, with their canonical contents.
pub fn render(records: &Records) -> Result<Vec<(PathBuf, String)>, ron::Error> {
    match &records.layout {
        Layout::SingleFile { path } => Ok(vec![(path.clone(), to_ron(&records.report)?)]),
        Layout::Folder { dir, files } => {
            let header = Report {
                recommendations: Vec::new(),
                ..records.report.clone()
            };
            let mut out = vec![(dir.join(REPORT_FILE), to_ron(&header)?)];
            for (i, rec) in records.report.recommendations.iter().enumerate() {
                let name = files
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| recommendation_file_name(rec.number));
                out.push((dir.join(name), to_ron(rec)?));
            }
            Ok(out)
        }
    }
}

/// The file name given to a recommendation in a new folder.
pub fn recommendation_file_name(number: u32) -> String {
    format!("recommendation-{number}.ron")
}

/// Load and validate the records at `path` (a records folder or a single file).
pub fn load(path: &Path) -> Result<Records, LoadErrors> {
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(LoadError::NotFound { path: path.into() }.into());
        }
        Err(source) => {
            return Err(LoadError::Io {
                path: path.into(),
                source,
            }
            .into());
        }
    };
    if meta.file_type().is_symlink() {
        // A symlinked folder (e.g. a home-directory shortcut to a shared folder)
        // is followed; a symlinked records file is refused.
        if fs::metadata(path).map(|m| m.is_file()).unwrap_or(true) {
            return Err(symlink(path).into());
        }
    }
    if fs::metadata(path).map(|m| m.is_dir()).unwrap_or(false) {
        load_folder(path)
    } else {
        load_single(path)
    }
}

fn load_single(path: &Path) -> Result<Records, LoadErrors> {
    let text = read_text(path, "Report")?;
    let report: Report = parse(path, &text)?;
    if report.recommendations.is_empty() {
        return Err(LoadError::NoRecords { path: path.into() }.into());
    }
    let records = Records {
        report,
        layout: Layout::SingleFile {
            path: path.to_path_buf(),
        },
    };
    let mut texts = BTreeMap::new();
    texts.insert(path.to_path_buf(), text);
    validate(&records, &texts)?;
    Ok(records)
}

/// The `.ron` files directly in a folder, in name order; symbolic links refused.
fn folder_entries(dir: &Path) -> Result<Vec<PathBuf>, LoadErrors> {
    let entries = fs::read_dir(dir).map_err(|source| LoadError::Io {
        path: dir.into(),
        source,
    })?;
    let mut errors = Vec::new();
    let mut paths = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(source) => {
                errors.push(LoadError::Io {
                    path: dir.into(),
                    source,
                });
                continue;
            }
        };
        let path = entry.path();
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.starts_with('.') || !name.ends_with(".ron") {
            continue;
        }
        let file_type = match entry.file_type() {
            Ok(t) => t,
            Err(source) => {
                errors.push(LoadError::Io {
                    path: path.into(),
                    source,
                });
                continue;
            }
        };
        // A link could lead out of the folder (or to a file someone else
        // controls): refused, wherever it points.
        if file_type.is_symlink() {
            errors.push(symlink(&path));
            continue;
        }
        if file_type.is_file() {
            paths.push(path);
        }
    }
    if !errors.is_empty() {
        return Err(LoadErrors(errors));
    }
    paths.sort();
    Ok(paths)
}

fn load_folder(dir: &Path) -> Result<Records, LoadErrors> {
    let paths = folder_entries(dir)?;
    let report_path = dir.join(REPORT_FILE);
    if paths.is_empty() || !paths.contains(&report_path) {
        if paths.is_empty() {
            return Err(LoadError::NoRecords { path: dir.into() }.into());
        }
        return Err(LoadError::Invalid {
            at: Location {
                path: report_path,
                line: 1,
                column: 1,
            },
            message:
                "missing: a records folder needs report.ron (title, source and the two scales)"
                    .to_string(),
        }
        .into());
    }
    let mut errors = Vec::new();
    let mut texts = BTreeMap::new();
    let mut header = None;
    let mut recs: Vec<(Recommendation, String)> = Vec::new();
    // Files are read and parsed on all cores (a large report is mostly parsing).
    let results = parallel_map(&paths, |path| load_file(path, path == &report_path));
    for (path, (text, parsed)) in paths.iter().zip(results) {
        match parsed {
            Ok(Parsed::Report(r)) => header = Some(r),
            Ok(Parsed::Recommendation(r)) => {
                let name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default()
                    .to_string();
                recs.push((r, name));
            }
            Err(e) => errors.extend(e.0),
        }
        if let Some(text) = text {
            texts.insert(path.clone(), text);
        }
    }
    if !errors.is_empty() {
        return Err(LoadErrors(errors));
    }
    let Some(mut report) = header else {
        return Err(LoadError::NoRecords { path: dir.into() }.into());
    };
    if recs.is_empty() {
        return Err(LoadError::NoRecords { path: dir.into() }.into());
    }
    recs.sort_by_key(|(r, _)| r.number);
    let files = recs.iter().map(|(_, n)| n.clone()).collect();
    report.recommendations = recs.into_iter().map(|(r, _)| r).collect();
    let records = Records {
        report,
        layout: Layout::Folder {
            dir: dir.to_path_buf(),
            files,
        },
    };
    validate(&records, &texts)?;
    Ok(records)
}

enum Parsed {
    Report(Report),
    Recommendation(Recommendation),
}

/// Read and parse one file of a records folder: its text (when it could be
/// read) and what it holds.
fn load_file(path: &Path, is_report: bool) -> (Option<String>, Result<Parsed, LoadErrors>) {
    let expected = if is_report {
        "Report"
    } else {
        "Recommendation"
    };
    let text = match read_text(path, expected) {
        Ok(t) => t,
        Err(e) => return (None, Err(e)),
    };
    let parsed = if is_report {
        match parse::<Report>(path, &text) {
            Ok(r) if !r.recommendations.is_empty() => Err(LoadError::Invalid {
                at: find(path, &text, "recommendations:"),
                message: "report.ron in a records folder holds no recommendations; they go in \
                          their own files"
                    .to_string(),
            }
            .into()),
            Ok(r) => Ok(Parsed::Report(r)),
            Err(e) => Err(e),
        }
    } else {
        parse::<Recommendation>(path, &text).map(Parsed::Recommendation)
    };
    (Some(text), parsed)
}

/// `f` over `items` on all cores, results in order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(items.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let mut out: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        done.push((i, f(item)));
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, r)| r).collect()
}

fn symlink(path: &Path) -> LoadError {
    let target = fs::read_link(path).unwrap_or_default();
    LoadError::Symlink {
        path: path.into(),
        target: target.into(),
    }
}

fn read_text(path: &Path, expected: &'static str) -> Result<String, LoadErrors> {
    let bytes = fs::read(path).map_err(|source| LoadError::Io {
        path: path.into(),
        source,
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty {
            path: path.into(),
            expected,
        }
        .into());
    }
    match String::from_utf8(bytes) {
        Ok(t) => Ok(t),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = String::from_utf8_lossy(valid);
            let (line, column) = line_column(&valid, valid.len());
            Err(LoadError::InvalidUtf8 {
                at: Location {
                    path: path.to_path_buf(),
                    line,
                    column,
                },
            }
            .into())
        }
    }
}

fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, LoadErrors> {
    ron::Options::default().from_str::<T>(text).map_err(|e| {
        LoadError::Syntax {
            at: Location {
                path: path.to_path_buf(),
                line: e.span.start.line,
                column: e.span.start.col,
            },
            message: describe_ron_error(&e.code),
        }
        .into()
    })
}

/// ron's error, said as a sentence that names what was expected.
fn describe_ron_error(code: &ron::Error) -> String {
    let text = code.to_string();
    match code {
        ron::Error::Eof => "unexpected end of file: a bracket or quote is not closed".to_string(),
        _ => text,
    }
}

/// 1-based line and column (in characters) of byte offset `at` in `text`.
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
fn find(path: &Path, text: &str, needle: &str) -> Location {
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
    paths: Vec<PathBuf>,
    texts: &'a BTreeMap<PathBuf, String>,
    items: Vec<ItemPlace>,
}

impl Places<'_> {
    fn at(&self, item: usize, field: fn(&ItemPlace) -> usize) -> Location {
        let place = &self.items[item];
        let path = &self.paths[place.path];
        let text = self.texts.get(path).map(String::as_str).unwrap_or_default();
        let (line, column) = line_column(text, field(place));
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

fn item_places<'a>(records: &Records, texts: &'a BTreeMap<PathBuf, String>) -> Places<'a> {
    let paths: Vec<PathBuf> = match &records.layout {
        Layout::SingleFile { path } => vec![path.clone(); records.report.recommendations.len()],
        Layout::Folder { dir, files } => files.iter().map(|f| dir.join(f)).collect(),
    };
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
    Places {
        paths,
        texts,
        items,
    }
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 32
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_')
}

fn check_scale(scale: &Scale, field: &str, at: Location, errors: &mut Vec<LoadError>) {
    if scale.codes.is_empty() {
        errors.push(LoadError::Invalid {
            at: at.clone(),
            message: format!("{field} has no codes; a scale needs at least one"),
        });
    }
    let mut seen = Vec::new();
    for c in &scale.codes {
        if c.code.trim().is_empty() || seen.contains(&c.code) {
            errors.push(LoadError::Invalid {
                at: at.clone(),
                message: format!("{field}: code {:?} is empty or listed twice", c.code),
            });
        }
        seen.push(c.code.clone());
    }
}

/// Check what the types cannot: codes belong to their scales, ids are unique
/// and typeable, numbers are unique, relisted links point at real items.
fn validate(records: &Records, texts: &BTreeMap<PathBuf, String>) -> Result<(), LoadErrors> {
    let report = &records.report;
    let mut errors = Vec::new();
    let report_path = match &records.layout {
        Layout::SingleFile { path } => path.clone(),
        Layout::Folder { dir, .. } => dir.join(REPORT_FILE),
    };
    let empty = String::new();
    let report_text = texts.get(&report_path).unwrap_or(&empty);
    check_scale(
        &report.phase_scale,
        "phase_scale",
        find(&report_path, report_text, "phase_scale"),
        &mut errors,
    );
    check_scale(
        &report.direction_scale,
        "direction_scale",
        find(&report_path, report_text, "direction_scale"),
        &mut errors,
    );

    let mut numbers: BTreeMap<u32, ()> = BTreeMap::new();
    for rec in &report.recommendations {
        if numbers.insert(rec.number, ()).is_some() {
            errors.push(LoadError::Invalid {
                at: Location {
                    path: report_path.clone(),
                    line: 1,
                    column: 1,
                },
                message: format!("recommendation {} appears twice", rec.number),
            });
        }
        let mut points = Vec::new();
        for p in &rec.points {
            if points.contains(&p.number) {
                errors.push(LoadError::Invalid {
                    at: Location {
                        path: report_path.clone(),
                        line: 1,
                        column: 1,
                    },
                    message: format!(
                        "recommendation {}: point {} appears twice",
                        rec.number, p.number
                    ),
                });
            }
            points.push(p.number);
        }
    }

    let places = item_places(records, texts);
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    let items: Vec<_> = report.items().collect();
    for (n, r) in items.iter().enumerate() {
        let item = r.item;
        if !is_valid_id(&item.id) {
            errors.push(LoadError::Invalid {
                at: places.at(n, |p| p.id),
                message: format!(
                    "id {:?} is not allowed: ids are 1 to 32 ASCII letters, digits, '-', '.' or '_'",
                    item.id
                ),
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
        if report.phase_scale.index(item.phase.as_str()).is_none() {
            errors.push(LoadError::UnknownCode {
                at: places.at(n, |p| p.phase),
                id: item.id.clone(),
                field: "phase",
                code: item.phase.0.clone(),
                scale: report.phase_scale.name.clone(),
                allowed: report.phase_scale.code_list(),
            });
        }
        if report
            .direction_scale
            .index(item.direction.as_str())
            .is_none()
        {
            errors.push(LoadError::UnknownCode {
                at: places.at(n, |p| p.direction),
                id: item.id.clone(),
                field: "direction",
                code: item.direction.0.clone(),
                scale: report.direction_scale.name.clone(),
                allowed: report.direction_scale.code_list(),
            });
        }
    }
    for (n, r) in items.iter().enumerate() {
        if let Some(target) = &r.item.relists {
            let message = if target == &r.item.id {
                Some(format!("item {} relists itself", r.item.id))
            } else if !ids.contains_key(target.as_str()) {
                Some(format!(
                    "item {} relists {target:?}, which is not an item id",
                    r.item.id
                ))
            } else if !r.item.relisted {
                Some(format!(
                    "item {} names the row it relists but is not marked relisted: true",
                    r.item.id
                ))
            } else {
                None
            };
            if let Some(message) = message {
                errors.push(LoadError::Invalid {
                    at: places.at(n, |p| p.relists),
                    message,
                });
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(LoadErrors(errors))
    }
}

/// Records given by a path on the command line, or `records` in the current folder.
pub fn default_path(path: Option<PathBuf>) -> PathBuf {
    path.unwrap_or_else(|| PathBuf::from("records"))
}
