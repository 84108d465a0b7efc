//! A table published by `kensho export --format xlsx`, read back as the
//! earlier side of a comparison: each row's id from the hidden last column,
//! its progress, codes, self-assessment and departments from theirs
//! (departments merged over several rows hold for each of them).

use std::collections::HashSet;
use std::io::Cursor;

use calamine::{Reader, Xlsx};

use super::layout::cell_name;
use super::publish::{HEADING_ROW, ID};
use super::returned::ReturnError;
use super::returned::bounds;
use super::returned::sheet::{read_sheet, text_of};
use crate::domain::compare::{Row, Side};
use crate::i18n::{BookMsg, CompareMsg, Lang};

// The published table's columns that an item's own fields stand in.
const POINT: u32 = 0;
const PROGRESS: u32 = 4;
const PHASE: u32 = 5;
const ASSESSMENT: u32 = 6;
const DIRECTION: u32 = 7;
const DEPARTMENTS: u32 = 8;

/// Why a workbook cannot be read as a published table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BaseError {
    /// Not a workbook, or too large to read.
    Workbook(ReturnError),
    /// A workbook, but its first sheet is not the published table.
    NotPublished {
        file: String,
        cell: String,
        expected: String,
    },
    /// An id on two rows.
    Twice {
        file: String,
        cell: String,
        id: String,
    },
}

impl BaseError {
    pub fn say(&self, lang: Lang) -> String {
        match self {
            BaseError::Workbook(e) => e.say(lang),
            BaseError::NotPublished {
                file,
                cell,
                expected,
            } => CompareMsg::ErrNotPublished.fill(
                lang,
                &[("file", file), ("cell", cell), ("expected", expected)],
            ),
            BaseError::Twice { file, cell, id } => CompareMsg::ErrWorkbookRow.fill(
                lang,
                &[
                    ("file", file),
                    ("cell", cell),
                    ("id", &crate::text::visible(id)),
                ],
            ),
        }
    }
}

/// The rows of the published table `bytes` (the file `file`).
pub fn published_rows(bytes: &[u8], file: &str) -> Result<Side, BaseError> {
    let not_workbook = |zip| {
        BaseError::Workbook(ReturnError::NotWorkbook {
            file: file.to_string(),
            zip,
        })
    };
    bounds::check(bytes).map_err(|what| {
        BaseError::Workbook(ReturnError::TooLarge {
            file: file.to_string(),
            what,
        })
    })?;
    let mut book = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| not_workbook(matches!(e, calamine::XlsxError::Zip(_))))?;
    let first = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| not_workbook(false))?;
    let sheet = read_sheet(&mut book, &first).map_err(|_| not_workbook(false))?;
    let heading = |col: u32| text_of(sheet.get_value((HEADING_ROW, col))).unwrap_or_default();
    for (col, msg) in [
        (u32::from(ID), BookMsg::HeadId),
        (PROGRESS, BookMsg::HeadProgress),
    ] {
        let found = heading(col);
        if found != msg.text(Lang::Ja) && found != msg.text(Lang::En) {
            return Err(BaseError::NotPublished {
                file: file.to_string(),
                cell: format!("{first}!{}", cell_name(HEADING_ROW, col as u16)),
                expected: msg.text(Lang::Ja).to_string(),
            });
        }
    }
    let end = sheet.end().map_or(0, |(r, _)| r);
    let text = |row: u32, col: u32| text_of(sheet.get_value((row, col))).unwrap_or_default();
    let mut rows = Vec::new();
    let mut seen = HashSet::new();
    let mut departments: Vec<String> = Vec::new();
    for row in HEADING_ROW + 1..=end {
        let id = text(row, u32::from(ID));
        if id.is_empty() {
            continue;
        }
        if !seen.insert(id.clone()) {
            return Err(BaseError::Twice {
                file: file.to_string(),
                cell: format!("{first}!{}", cell_name(row, ID)),
                id,
            });
        }
        let cell = text(row, DEPARTMENTS);
        // An empty cell under a merged one, or an item's own.
        if !cell.is_empty() || !text(row, POINT).is_empty() {
            departments = cell
                .split('\n')
                .filter(|d| !d.is_empty())
                .map(str::to_string)
                .collect();
        }
        rows.push(Row {
            point: point_of(&id),
            id,
            phase: text(row, PHASE),
            direction: text(row, DIRECTION),
            progress: text(row, PROGRESS),
            assessment: text(row, ASSESSMENT),
            departments: departments.clone(),
        });
    }
    Ok(Side {
        rows,
        phase_scale: None,
        direction_scale: None,
    })
}

/// The recommendation and point an id of the usual form names (`3-4-a2`:
/// 3 and 4).
fn point_of(id: &str) -> Option<(u32, u32)> {
    let mut parts = id.split('-');
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}
