//! Loading, validating and rendering a set of records.
//!
//! Two layouts are accepted:
//! - a **folder** (the bundled one): `report.ron` holds the report's title, source and
//!   scales; every other `*.ron` file directly in the folder holds one
//!   `Recommendation(...)`. Other files (the change log, the `source/` copy of the
//!   PDF text, hidden temporary files) are not records and are ignored.
//! - a **single file** holding the whole `Report(...)` with its `recommendations`.
//!
//! Loading ([`load`]) is all or nothing: every file is read and validated
//! ([`validate`]), every problem is reported with its file and line:column, and
//! nothing is returned unless the whole set is sound. Rendering is pure (data
//! in, file texts out); writing the texts is the business of [`crate::store`].

mod load;
mod metadata;
mod one_by_one;
mod state;
mod validate;

pub use load::{from_texts, load, parallel_map};
pub use one_by_one::{Soundness, parse_part, read_part};
pub use state::{
    Digest, STATE_PREFIX, digest_from_hex, digest_hex, digest_of_pieces, digest_of_rendering,
    digest_of_text, part_digests, state_from, state_of, state_of_json, write_rendering,
};
pub use validate::{LineIndex, line_column};

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::domain::model::Report;

/// The name of the report file in the folder layout.
pub const REPORT_FILE: &str = "report.ron";

/// The id map beside the records (items renumbered on purpose, read by
/// `kensho compare`): a `.ron` file of the folder that is not a
/// recommendation.
pub const IDS_FILE: &str = "ids.ron";

/// Whether a file of a records folder named `name` holds records: a
/// `.ron` file, not hidden, not the id map.
pub fn is_records_name(name: &str) -> bool {
    !name.starts_with('.') && name.ends_with(".ron") && name != IDS_FILE
}

/// A loaded, validated set of records and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Records {
    /// The whole report, recommendations included, in source order.
    pub report: Report,
    pub layout: Layout,
}

impl Records {
    /// `report` laid out as a new records folder `dir`: report.ron and one
    /// file per recommendation.
    pub fn in_new_folder(report: Report, dir: PathBuf) -> Records {
        let files = report
            .recommendations
            .iter()
            .map(|r| recommendation_file_name(r.number))
            .collect();
        Records {
            report,
            layout: Layout::Folder { dir, files },
        }
    }
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
            Layout::SingleFile { path } => folder_of(path),
        }
    }

    /// Every file the records were read from.
    pub fn files(&self) -> Vec<PathBuf> {
        match self {
            Layout::SingleFile { path } => vec![path.clone()],
            Layout::Folder { dir, files } => std::iter::once(dir.join(REPORT_FILE))
                .chain(files.iter().map(|f| dir.join(f)))
                .collect(),
        }
    }
}

/// The folder of a records path: the path itself when it is a folder, else
/// the folder that holds the file.
pub fn folder_of(path: &Path) -> PathBuf {
    if path.is_dir() {
        return path.to_path_buf();
    }
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The canonical text of a value: pretty RON, four-space indent, struct names,
/// Japanese unescaped, control characters escaped (so every field stays on one
/// line), trailing newline. The same data always gives the same bytes.
pub fn to_ron<T: Serialize>(value: &T) -> Result<String, ron::Error> {
    let mut text = ron::ser::to_string_pretty(value, ron_config())?;
    text.push('\n');
    Ok(text)
}

/// The serializer settings of the canonical text.
fn ron_config() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ".to_string())
        .new_line("\n".to_string())
        .separator(" ".to_string())
}

/// The canonical text of a string field's value, as it stands after
/// `name: ` on its line (quoted and escaped; always one line).
pub fn value_text(value: &str) -> Result<String, ron::Error> {
    ron::ser::to_string_pretty(value, ron_config())
}

/// The parts of a report as they are written in the folder layout: the
/// header (report.ron: title, source, scales) and each recommendation.
pub fn header_of(report: &Report) -> Report {
    Report {
        title: report.title.clone(),
        source: report.source.clone(),
        organisation: report.organisation.clone(),
        organisation_code: report.organisation_code.clone(),
        as_of: report.as_of.clone(),
        phase_scale: report.phase_scale.clone(),
        direction_scale: report.direction_scale.clone(),
        rounds: report.rounds.clone(),
        recommendations: Vec::new(),
    }
}

/// The records of the folder `dir` made of its header (`report.ron`) and
/// its recommendations (each with its file's name), validated whole; `None`
/// when they are not sound (loading the files says where and why).
pub fn from_parts(
    dir: &Path,
    header: Report,
    mut recommendations: Vec<(String, crate::domain::model::Recommendation)>,
) -> Option<Records> {
    if recommendations.is_empty() || !header.recommendations.is_empty() {
        return None;
    }
    recommendations.sort_by_key(|(_, r)| r.number);
    let files = recommendations.iter().map(|(n, _)| n.clone()).collect();
    let report = Report {
        recommendations: recommendations.into_iter().map(|(_, r)| r).collect(),
        ..header
    };
    let records = Records {
        report,
        layout: Layout::Folder {
            dir: dir.to_path_buf(),
            files,
        },
    };
    validate::validate(&records, &std::collections::BTreeMap::new()).ok()?;
    Some(records)
}

/// The files that make up `records`, with their canonical contents.
pub fn render(records: &Records) -> Result<Vec<(PathBuf, String)>, ron::Error> {
    match &records.layout {
        Layout::SingleFile { path } => Ok(vec![(path.clone(), to_ron(&records.report)?)]),
        Layout::Folder { dir, files } => {
            let mut out = vec![(dir.join(REPORT_FILE), to_ron(&header_of(&records.report))?)];
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

/// Records given by a path on the command line, or `records` in the current folder.
pub fn default_path(path: Option<PathBuf>) -> PathBuf {
    path.unwrap_or_else(|| PathBuf::from("records"))
}
