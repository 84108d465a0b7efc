//! Reading a records folder or file: every file read and parsed (on all cores),
//! every problem collected, then the whole set validated.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::validate::{find, line_column, validate};
use super::{Layout, REPORT_FILE, Records};
use crate::domain::error::{LoadError, LoadErrors, Location, Problem};
use crate::domain::files::{MAX_RECORDS_FILE, NotRegular, file_kind, read_regular};
use crate::domain::model::{Recommendation, Report};

/// Load and validate the records at `path` (a records folder or a single file).
pub fn load(path: &Path) -> Result<Records, LoadErrors> {
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(LoadError::NotFound {
                path: path.to_path_buf(),
            }
            .into());
        }
        Err(source) => {
            return Err(LoadError::Io {
                path: path.to_path_buf(),
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
        return Err(LoadError::NoRecords {
            path: path.to_path_buf(),
        }
        .into());
    }
    let records = Records {
        report,
        layout: Layout::SingleFile {
            path: path.to_path_buf(),
        },
    };
    drop(text);
    validated(records, std::slice::from_ref(&path.to_path_buf()))
}

/// `records` when sound. Sound records need no text to be checked, so the
/// texts are let go once parsed (a large report's records are read while
/// the board holds a copy of its own); problems are said at their
/// line:column from the `paths` read again.
fn validated(records: Records, paths: &[PathBuf]) -> Result<Records, LoadErrors> {
    let Err(first) = validate(&records, &BTreeMap::new()) else {
        return Ok(records);
    };
    let texts: BTreeMap<PathBuf, String> = paths
        .iter()
        .filter_map(|p| read_text(p, "").ok().map(|t| (p.clone(), t)))
        .collect();
    // Files changed since they were parsed: the first reading's problems.
    Err(validate(&records, &texts).err().unwrap_or(first))
}

/// The `.ron` files directly in a folder, in name order; symbolic links refused.
fn folder_entries(dir: &Path) -> Result<Vec<PathBuf>, LoadErrors> {
    let entries = fs::read_dir(dir).map_err(|source| LoadError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut errors = Vec::new();
    let mut paths = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(source) => {
                errors.push(LoadError::Io {
                    path: dir.to_path_buf(),
                    source,
                });
                continue;
            }
        };
        let path = entry.path();
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !super::is_records_name(name) {
            continue;
        }
        let file_type = match entry.file_type() {
            Ok(t) => t,
            Err(source) => {
                errors.push(LoadError::Io {
                    path: path.to_path_buf(),
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
        } else {
            // A FIFO, a device or a folder named like records: said, not
            // skipped in silence.
            let kind = entry.metadata().ok().and_then(|m| file_kind(&m));
            errors.push(LoadError::Io {
                path: path.to_path_buf(),
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    NotRegular(kind.unwrap_or(crate::domain::files::FileKind::Other)),
                ),
            });
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
            return Err(LoadError::NoRecords {
                path: dir.to_path_buf(),
            }
            .into());
        }
        return Err(LoadError::Invalid {
            at: Location {
                path: report_path,
                line: 1,
                column: 1,
            },
            problem: Problem::MissingReportFile,
        }
        .into());
    }
    let mut errors = Vec::new();
    let mut header = None;
    let mut recs: Vec<(Recommendation, String)> = Vec::new();
    // Files are read and parsed on all cores (a large report is mostly parsing).
    let results = parallel_map(&paths, |path| load_file(path, path == &report_path));
    for (path, parsed) in paths.iter().zip(results) {
        match parsed {
            Ok(Parsed::Report(r)) => header = Some(*r),
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
    }
    if !errors.is_empty() {
        return Err(LoadErrors(errors));
    }
    let Some(report) = header else {
        return Err(LoadError::NoRecords {
            path: dir.to_path_buf(),
        }
        .into());
    };
    if recs.is_empty() {
        return Err(LoadError::NoRecords {
            path: dir.to_path_buf(),
        }
        .into());
    }
    let records = in_folder(report, recs, dir);
    validated(records, &paths)
}

/// `report` with its recommendations in their order, each from its file
/// in `dir`.
fn in_folder(mut report: Report, mut recs: Vec<(Recommendation, String)>, dir: &Path) -> Records {
    recs.sort_by_key(|(r, _)| r.number);
    let files = recs.iter().map(|(_, n)| n.clone()).collect();
    report.recommendations = recs.into_iter().map(|(r, _)| r).collect();
    Records {
        report,
        layout: Layout::Folder {
            dir: dir.to_path_buf(),
            files,
        },
    }
}

/// The records of a folder given as texts (each file's name and text, as
/// read from a git revision): parsed and validated as [`load`] does, each
/// problem placed at `dir`/name, line:column.
pub fn from_texts(dir: &Path, files: Vec<(String, String)>) -> Result<Records, LoadErrors> {
    let mut errors = Vec::new();
    let mut header = None;
    let mut recs: Vec<(Recommendation, String)> = Vec::new();
    let mut texts = BTreeMap::new();
    for (name, text) in files {
        let path = dir.join(&name);
        let text = text
            .strip_prefix('\u{FEFF}')
            .map(str::to_string)
            .unwrap_or(text);
        if name == REPORT_FILE {
            match parse::<Report>(&path, &text) {
                Ok(r) => header = Some(r),
                Err(e) => errors.extend(e.0),
            }
        } else {
            match parse::<Recommendation>(&path, &text) {
                Ok(r) => recs.push((r, name)),
                Err(e) => errors.extend(e.0),
            }
        }
        texts.insert(path, text);
    }
    if !errors.is_empty() {
        return Err(LoadErrors(errors));
    }
    let (Some(report), false) = (header, recs.is_empty()) else {
        return Err(LoadError::NoRecords {
            path: dir.to_path_buf(),
        }
        .into());
    };
    let records = in_folder(report, recs, dir);
    validate(&records, &texts)?;
    Ok(records)
}

/// A records file parsed: the header (boxed, being the larger by far) or a
/// recommendation.
enum Parsed {
    Report(Box<Report>),
    Recommendation(Recommendation),
}

/// Read and parse one file of a records folder: what it holds (its text is
/// let go once parsed).
fn load_file(path: &Path, is_report: bool) -> Result<Parsed, LoadErrors> {
    let expected = if is_report {
        "Report"
    } else {
        "Recommendation"
    };
    let text = read_text(path, expected)?;
    if is_report {
        match parse::<Report>(path, &text) {
            Ok(r) if !r.recommendations.is_empty() => Err(LoadError::Invalid {
                at: find(path, &text, "recommendations:"),
                problem: Problem::RecommendationsInReport,
            }
            .into()),
            Ok(r) => Ok(Parsed::Report(Box::new(r))),
            Err(e) => Err(e),
        }
    } else {
        parse::<Recommendation>(path, &text).map(Parsed::Recommendation)
    }
}

/// `f` over `items` on all cores, results in order.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
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
            // A worker's panic is the caller's: its results are not
            // silently missing (callers line results up with their items).
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, r)| r).collect()
}

fn symlink(path: &Path) -> LoadError {
    let target = fs::read_link(path).unwrap_or_default();
    LoadError::Symlink {
        path: path.to_path_buf(),
        target,
    }
}

fn read_text(path: &Path, expected: &'static str) -> Result<String, LoadErrors> {
    let bytes = read_regular(path, MAX_RECORDS_FILE).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty {
            path: path.to_path_buf(),
            expected,
        }
        .into());
    }
    // A byte order mark (some Windows editors write one) is not part of the text.
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
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
            at: Location::of(path, &e),
            code: e.code,
        }
        .into()
    })
}
