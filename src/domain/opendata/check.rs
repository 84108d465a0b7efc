//! The open data's own check: the two files read back as they were written
//! and held to the rules (see [`super`]). What a column must hold is told by
//! its name, as the data sets name them:
//!
//! - every row has as many cells as the heading, and no cell holds a line
//!   break or a control character;
//! - the files are UTF-8, with or without a byte-order mark;
//! - 全国地方公共団体コード: six digits, the sixth their check digit;
//! - NO, …番号, …順番: a number (1 or more, digits only); NO is unique in the
//!   items and every NO of the departments is an item's; …NO (再掲元NO) is a
//!   number where it is not blank;
//! - 時点: a date `YYYY-MM-DD` where it is not blank;
//! - …フラグ: 0 or 1;
//! - …コード: a code (letters and digits), its name in the column …名, which
//!   is not the code itself;
//! - no cell is blank but in the columns of [`super::MAY_BE_BLANK`].

use std::collections::BTreeMap;
use std::path::Path;

use super::rules::{code_fault, is_date};
use super::{AS_OF, CODE, MAY_BE_BLANK, NO, ORGANISATION};
use crate::i18n::{BookMsg, Lang};

/// One rule a file breaks, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub file: String,
    /// 1-based, the heading being row 1 (a row of the file, not a line).
    pub row: usize,
    pub column: Option<String>,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    NotUtf8 {
        at: usize,
    },
    /// The column named in [`Finding::column`] is missing.
    NoColumn,
    Ragged {
        cells: usize,
        expected: usize,
    },
    LineBreak,
    Control,
    Blank,
    Code {
        value: String,
    },
    Date {
        value: String,
    },
    Number {
        value: String,
    },
    Flag {
        value: String,
    },
    NotCode {
        value: String,
    },
    NameIsCode,
    DuplicateNo {
        value: String,
        first: usize,
    },
    UnknownNo {
        value: String,
        file: String,
    },
}

impl Finding {
    /// The finding as a sentence in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        let value = |v: &str| format!("{v:?}");
        let what = match &self.kind {
            Kind::NotUtf8 { at } => {
                return BookMsg::FindingNotUtf8.fill(lang, &[("file", &self.file), ("at", at)]);
            }
            Kind::NoColumn => BookMsg::FindingNoColumn.fill(
                lang,
                &[("column", &self.column.clone().unwrap_or_default())],
            ),
            Kind::Ragged { cells, expected } => {
                BookMsg::FindingRagged.fill(lang, &[("cells", cells), ("expected", expected)])
            }
            Kind::LineBreak => BookMsg::FindingLineBreak.text(lang).to_string(),
            Kind::Control => BookMsg::FindingControl.text(lang).to_string(),
            Kind::Blank => BookMsg::FindingBlank.text(lang).to_string(),
            Kind::Code { value: v } => BookMsg::FindingCode.fill(lang, &[("value", &value(v))]),
            Kind::Date { value: v } => BookMsg::FindingDate.fill(lang, &[("value", &value(v))]),
            Kind::Number { value: v } => BookMsg::FindingNumber.fill(lang, &[("value", &value(v))]),
            Kind::Flag { value: v } => BookMsg::FindingFlag.fill(lang, &[("value", &value(v))]),
            Kind::NotCode { value: v } => {
                BookMsg::FindingNotCode.fill(lang, &[("value", &value(v))])
            }
            Kind::NameIsCode => BookMsg::FindingNameIsCode.text(lang).to_string(),
            Kind::DuplicateNo { value: v, first } => {
                BookMsg::FindingDuplicateNo.fill(lang, &[("value", v), ("first", first)])
            }
            Kind::UnknownNo { value: v, file } => {
                BookMsg::FindingUnknownNo.fill(lang, &[("value", v), ("file", file)])
            }
        };
        let what = crate::text::visible(&what).into_owned();
        match &self.column {
            Some(column) if self.kind != Kind::NoColumn => BookMsg::FindingAt.fill(
                lang,
                &[
                    ("file", &self.file),
                    ("row", &self.row),
                    ("column", column),
                    ("what", &what),
                ],
            ),
            _ => BookMsg::FindingRow.fill(
                lang,
                &[("file", &self.file), ("row", &self.row), ("what", &what)],
            ),
        }
    }
}

/// A file read as CSV: its rows, the heading first.
struct Parsed {
    file: String,
    rows: Vec<Vec<String>>,
}

impl Parsed {
    fn header(&self) -> &[String] {
        self.rows.first().map_or(&[], Vec::as_slice)
    }

    fn at(&self, column: &str) -> Option<usize> {
        self.header().iter().position(|c| c == column)
    }
}

/// `bytes` read as CSV (a byte-order mark at the start allowed), or why not.
fn parse(file: &str, bytes: &[u8], findings: &mut Vec<Finding>) -> Option<Parsed> {
    let bom = b"\xEF\xBB\xBF";
    let body = bytes.strip_prefix(bom).unwrap_or(bytes);
    let skipped = bytes.len() - body.len();
    let not_utf8 = |at: usize| Finding {
        file: file.to_string(),
        row: 1,
        column: None,
        kind: Kind::NotUtf8 { at: at + skipped },
    };
    if let Err(e) = std::str::from_utf8(body) {
        findings.push(not_utf8(e.valid_up_to()));
        return None;
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => rows.push(r.iter().map(String::from).collect()),
            Err(e) => {
                findings.push(not_utf8(e.position().map_or(0, |p| p.byte() as usize)));
                return None;
            }
        }
    }
    Some(Parsed {
        file: file.to_string(),
        rows,
    })
}

/// What breaks a line, wherever a program reads it.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The rule a cell of the column `column` breaks, if any (blank cells are
/// judged apart).
fn cell_fault(column: &str, value: &str) -> Option<Kind> {
    let owned = || value.to_string();
    let number =
        |v: &str| v.bytes().all(|b| b.is_ascii_digit()) && !v.starts_with('0') && !v.is_empty();
    if value.chars().any(is_line_break) {
        return Some(Kind::LineBreak);
    }
    if value
        .chars()
        .any(|c| c == '\t' || crate::text::visible::needs_escape(c))
    {
        return Some(Kind::Control);
    }
    if value.trim().is_empty() {
        return None;
    }
    let numbered = column == NO || column.ends_with("番号") || column.ends_with("順番");
    if column == CODE {
        code_fault(value).map(|_| Kind::Code { value: owned() })
    } else if numbered || column.ends_with("NO") {
        (!number(value)).then(|| Kind::Number { value: owned() })
    } else if column == AS_OF {
        (!is_date(value)).then(|| Kind::Date { value: owned() })
    } else if column.ends_with("フラグ") {
        (value != "0" && value != "1").then(|| Kind::Flag { value: owned() })
    } else if column.ends_with("コード") {
        let code = value.len() <= 8 && value.bytes().all(|b| b.is_ascii_alphanumeric());
        (!code).then(|| Kind::NotCode { value: owned() })
    } else {
        None
    }
}

/// The name column of a code column, if the file has it.
fn name_of(parsed: &Parsed, code_column: &str) -> Option<usize> {
    if code_column == CODE {
        return parsed.at(ORGANISATION);
    }
    let stem = code_column.strip_suffix("コード")?;
    parsed.at(&format!("{stem}名"))
}

/// The rules of every row and cell of one file.
fn check_cells(parsed: &Parsed, findings: &mut Vec<Finding>) {
    let header = parsed.header();
    for column in [CODE, NO, ORGANISATION] {
        if parsed.at(column).is_none() {
            findings.push(finding(parsed, 1, Some(column), Kind::NoColumn));
        }
    }
    for (i, row) in parsed.rows.iter().enumerate() {
        let n = i + 1;
        if row.len() != header.len() {
            let kind = Kind::Ragged {
                cells: row.len(),
                expected: header.len(),
            };
            findings.push(finding(parsed, n, None, kind));
        }
        for (k, value) in row.iter().enumerate() {
            let column = header.get(k).map_or("", String::as_str);
            let fault = match i {
                // The heading is held to the cells' first two rules only.
                0 => cell_fault("", value).filter(|f| matches!(f, Kind::LineBreak | Kind::Control)),
                _ if value.trim().is_empty() && !MAY_BE_BLANK.contains(&column) => {
                    Some(Kind::Blank)
                }
                _ => cell_fault(column, value).or_else(|| {
                    let name = name_of(parsed, column).and_then(|at| row.get(at))?;
                    let same = name == value || name.bytes().all(|b| b.is_ascii_digit());
                    (same && !name.is_empty()).then_some(Kind::NameIsCode)
                }),
            };
            if let Some(kind) = fault {
                findings.push(finding(parsed, n, Some(column), kind));
            }
        }
    }
}

fn finding(parsed: &Parsed, row: usize, column: Option<&str>, kind: Kind) -> Finding {
    Finding {
        file: parsed.file.clone(),
        row,
        column: column.map(str::to_string),
        kind,
    }
}

/// NO is unique among the items (row of each), and every NO of the
/// departments is an item's.
fn check_numbers(items: &Parsed, departments: &Parsed, findings: &mut Vec<Finding>) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    if let Some(at) = items.at(NO) {
        for (i, row) in items.rows.iter().enumerate().skip(1) {
            let Some(no) = row.get(at).filter(|v| !v.is_empty()) else {
                continue;
            };
            if let Some(&first) = seen.get(no.as_str()) {
                let kind = Kind::DuplicateNo {
                    value: no.clone(),
                    first,
                };
                findings.push(finding(items, i + 1, Some(NO), kind));
            } else {
                seen.insert(no, i + 1);
            }
        }
    }
    if let Some(at) = departments.at(NO) {
        for (i, row) in departments.rows.iter().enumerate().skip(1) {
            let Some(no) = row.get(at).filter(|v| !v.is_empty()) else {
                continue;
            };
            if !seen.contains_key(no.as_str()) {
                let kind = Kind::UnknownNo {
                    value: no.clone(),
                    file: items.file.clone(),
                };
                findings.push(finding(departments, i + 1, Some(NO), kind));
            }
        }
    }
}

/// Everything the items file `(name, bytes)` and the departments file
/// break; none when both keep every rule.
pub fn check(items: (&str, &[u8]), departments: (&str, &[u8])) -> Vec<Finding> {
    let mut findings = Vec::new();
    let items = parse(items.0, items.1, &mut findings);
    let departments = parse(departments.0, departments.1, &mut findings);
    for parsed in items.iter().chain(departments.iter()) {
        check_cells(parsed, &mut findings);
    }
    if let (Some(items), Some(departments)) = (&items, &departments) {
        check_numbers(items, departments, &mut findings);
    }
    findings
}

/// [`check`] of the two files at these paths.
pub fn check_files(items: &Path, departments: &Path) -> std::io::Result<Vec<Finding>> {
    let name = |p: &Path| p.display().to_string();
    Ok(check(
        (&name(items), &std::fs::read(items)?),
        (&name(departments), &std::fs::read(departments)?),
    ))
}
