//! `kensho export --format opendata`: the table as two machine-readable
//! CSV files for a city's open-data portal, by 総務省's rules for
//! machine-readable tables (one datum per cell, no merged or
//! blank-for-repeat cells, no line breaks for layout, 西暦 dates, codes and
//! names in columns of their own) and the habits of the 自治体標準データセット
//! (the 全国地方公共団体コード and a NO first, `YYYY-MM-DD` dates):
//!
//! - the items: one row per item, with its recommendation, point, policy and
//!   measure repeated on every row;
//! - the departments: one row per item and department.
//!
//! The column names are the data sets' Japanese names, not words of the
//! interface: they are the same whatever the reader's language.
//! [`check`] reads the files back and checks them against these rules.

pub mod check;
pub mod rules;

use crate::domain::export::cell;
use crate::domain::model::{ItemRef, Report};
use crate::i18n::{BookMsg, Lang};
use rules::item_no;

pub const CODE: &str = "全国地方公共団体コード";
pub const NO: &str = "NO";
pub const ORGANISATION: &str = "地方公共団体名";
/// The table's date (時点): blank where the records give none.
pub const AS_OF: &str = "時点";
const ID: &str = "ID";
const POLICY_NOTE: &str = "取組方針の備考";
const MEASURE_LABEL: &str = "取組記号";
const MEASURE: &str = "具体的な取組内容";
const PROGRESS: &str = "実施状況";
const ASSESSMENT: &str = "自己評価";
const RELISTS_NO: &str = "再掲元NO";
const RELISTS_ID: &str = "再掲元ID";
const NOTE: &str = "備考";
const BUREAU: &str = "局の略称";

/// The columns that may be blank: where an item has no such value (a
/// measure without a label, a row without progress, no note), never a
/// value left out because the row above has it.
pub const MAY_BE_BLANK: &[&str] = &[
    AS_OF,
    POLICY_NOTE,
    MEASURE_LABEL,
    MEASURE,
    PROGRESS,
    ASSESSMENT,
    RELISTS_NO,
    RELISTS_ID,
    NOTE,
    BUREAU,
];

/// One table: its file name, its column names and its rows (each cell
/// on one line, visible, defused unless asked otherwise).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub file: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The two tables of the open data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenData {
    pub items: Table,
    pub departments: Table,
}

/// Why the open data could not be made.
#[derive(Debug)]
pub enum OpenDataError {
    /// The records' header lacks these fields (`organisation`,
    /// `organisation_code`).
    NoOrganisation {
        missing: Vec<&'static str>,
    },
    /// These ids give no NO ([`rules::item_no`]).
    NoNumber {
        ids: Vec<String>,
    },
    Csv(csv::Error),
}

impl OpenDataError {
    pub fn say(&self, lang: Lang) -> String {
        match self {
            OpenDataError::NoOrganisation { missing } => {
                BookMsg::ErrNoOrganisation.fill(lang, &[("missing", &missing.join(", "))])
            }
            OpenDataError::NoNumber { ids } => {
                let ids: Vec<String> = ids.iter().map(|i| format!("{i:?}")).collect();
                BookMsg::ErrNoNumber.fill(lang, &[("ids", &ids.join(", "))])
            }
            OpenDataError::Csv(e) => crate::i18n::CliMsg::ErrExport.fill(lang, &[("error", e)]),
        }
    }
}

/// The file names in the 推奨データセット's way: the code, then the data.
pub fn file_names(code: &str) -> (String, String) {
    (
        format!("{code}_progress.csv"),
        format!("{code}_progress_departments.csv"),
    )
}

/// The body's name and code from the records, or which of them is missing.
fn organisation(report: &Report) -> Result<(&str, &str), OpenDataError> {
    fn given(v: &Option<String>) -> Option<&str> {
        v.as_deref().filter(|s| !s.trim().is_empty())
    }
    match (
        given(&report.organisation),
        given(&report.organisation_code),
    ) {
        (Some(name), Some(code)) => Ok((name, code)),
        (name, code) => Err(OpenDataError::NoOrganisation {
            missing: [
                (name.is_none(), "organisation"),
                (code.is_none(), "organisation_code"),
            ]
            .into_iter()
            .filter_map(|(gone, field)| gone.then_some(field))
            .collect(),
        }),
    }
}

/// The ids (items' and those they relist) that give no NO, each once.
fn ids_without_no(report: &Report) -> Vec<String> {
    let mut bad: Vec<String> = Vec::new();
    for r in report.items() {
        for id in std::iter::once(&r.item.id).chain(r.item.relists.iter()) {
            if item_no(id).is_none() && !bad.contains(id) {
                bad.push(id.clone());
            }
        }
    }
    bad
}

/// A department as the source writes it, `子) 児童相談所`: the bureau's
/// short name (the prefix before `)`) and the department's name.
pub fn split_department(department: &str) -> (&str, &str) {
    let at = department.find([')', '）']);
    if let Some(at) = at {
        let (bureau, rest) = department.split_at(at);
        let close = rest.chars().next().map_or(1, char::len_utf8);
        let bureau = bureau.trim();
        if !bureau.is_empty() && bureau.chars().count() <= 3 {
            return (bureau, rest[close..].trim());
        }
    }
    ("", department.trim())
}

fn no_of(id: &str) -> String {
    item_no(id).map(|n| n.to_string()).unwrap_or_default()
}

fn items_header(report: &Report) -> Vec<String> {
    let phase = &report.phase_scale.name;
    let direction = &report.direction_scale.name;
    [
        CODE,
        NO,
        ORGANISATION,
        AS_OF,
        ID,
        "提言番号",
        "提言名",
        "該当提言番号",
        "該当提言名",
        "取組方針記号",
        "取組方針",
        "取組方針に対する自己評価",
        POLICY_NOTE,
        MEASURE_LABEL,
        MEASURE,
        PROGRESS,
        &format!("{phase}コード"),
        &format!("{phase}名"),
        ASSESSMENT,
        &format!("{direction}コード"),
        &format!("{direction}名"),
        "再掲フラグ",
        RELISTS_NO,
        RELISTS_ID,
        NOTE,
    ]
    .iter()
    .map(|c| c.to_string())
    .collect()
}

/// What every row of both tables begins with, and the item's own.
struct Lead<'a> {
    code: &'a str,
    name: &'a str,
    as_of: &'a str,
}

fn item_row(report: &Report, lead: &Lead, r: ItemRef, lang: Lang) -> Vec<String> {
    let (item, policy) = (r.item, &r.point.policy);
    let note = |n: Option<&crate::domain::model::Note>| n.map(|n| n.text(lang).to_string());
    vec![
        lead.code.to_string(),
        no_of(&item.id),
        lead.name.to_string(),
        lead.as_of.to_string(),
        item.id.clone(),
        r.recommendation.number.to_string(),
        r.recommendation.title.clone(),
        r.point.number.to_string(),
        r.point.title.clone(),
        policy.label.clone(),
        policy.text.clone(),
        policy.assessment.clone(),
        note(policy.note.as_ref()).unwrap_or_default(),
        r.measure.label.clone().unwrap_or_default(),
        r.measure.text.clone().unwrap_or_default(),
        item.progress.clone(),
        item.phase.as_str().to_string(),
        report
            .phase_scale
            .meaning(item.phase.as_str())
            .unwrap_or_default()
            .to_string(),
        item.assessment.clone(),
        item.direction.as_str().to_string(),
        report
            .direction_scale
            .meaning(item.direction.as_str())
            .unwrap_or_default()
            .to_string(),
        u8::from(item.relisted).to_string(),
        item.relists.as_deref().map(no_of).unwrap_or_default(),
        item.relists.clone().unwrap_or_default(),
        note(item.note.as_ref()).unwrap_or_default(),
    ]
}

/// The open data of `report` (the notes in `lang`); cells defused for
/// spreadsheets unless `raw`.
pub fn tables(report: &Report, lang: Lang, raw: bool) -> Result<OpenData, OpenDataError> {
    let (name, code) = organisation(report)?;
    let bad = ids_without_no(report);
    if !bad.is_empty() {
        return Err(OpenDataError::NoNumber { ids: bad });
    }
    let lead = Lead {
        code,
        name,
        as_of: report.as_of.as_deref().unwrap_or_default(),
    };
    let cells = |row: Vec<String>| row.iter().map(|c| cell(c, raw)).collect::<Vec<_>>();
    let mut items = Vec::new();
    let mut departments = Vec::new();
    for r in report.items() {
        items.push(cells(item_row(report, &lead, r, lang)));
        for (n, department) in r.item.departments.iter().enumerate() {
            let (bureau, department) = split_department(department);
            departments.push(cells(vec![
                lead.code.to_string(),
                no_of(&r.item.id),
                lead.name.to_string(),
                r.item.id.clone(),
                (n + 1).to_string(),
                bureau.to_string(),
                department.to_string(),
            ]));
        }
    }
    let (items_file, departments_file) = file_names(&cell(code, true));
    let header = |h: Vec<String>| h.iter().map(|c| cell(c, true)).collect::<Vec<_>>();
    Ok(OpenData {
        items: Table {
            file: items_file,
            header: header(items_header(report)),
            rows: items,
        },
        departments: Table {
            file: departments_file,
            header: [
                CODE,
                NO,
                ORGANISATION,
                ID,
                "担当部の順番",
                BUREAU,
                "担当部名",
            ]
            .iter()
            .map(|c| c.to_string())
            .collect(),
            rows: departments,
        },
    })
}

impl Table {
    /// The table as CSV: UTF-8 (with a byte-order mark when `bom`), CRLF
    /// line ends, a cell quoted only where it holds a comma or a quote.
    pub fn text(&self, bom: bool) -> Result<String, OpenDataError> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice("\u{feff}".as_bytes());
        }
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        writer
            .write_record(&self.header)
            .map_err(OpenDataError::Csv)?;
        for row in &self.rows {
            writer.write_record(row).map_err(OpenDataError::Csv)?;
        }
        let bytes = writer
            .into_inner()
            .map_err(|e| OpenDataError::Csv(csv::Error::from(e.into_error())))?;
        // Written from strings: UTF-8 throughout.
        Ok(String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_department_splits_into_its_bureau_and_its_name() {
        assert_eq!(split_department("子) 児童相談所"), ("子", "児童相談所"));
        assert_eq!(split_department("保）保健所"), ("保", "保健所"));
        assert_eq!(split_department("児童相談所"), ("", "児童相談所"));
        assert_eq!(
            split_department("とても長い局の名前) 課"),
            ("", "とても長い局の名前) 課")
        );
    }
}
