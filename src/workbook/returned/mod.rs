//! A survey workbook come back: what it would change in the records, and
//! every problem found in it, each named by its sheet and cell.
//!
//! Each answer is compared with the copy of the row as it was sent (the
//! hidden sheet) and with the records now:
//! - the same as sent: the department changed nothing there;
//! - changed, and the records still hold what was sent: a change;
//! - changed, and the records already hold the answer: nothing to do;
//! - changed, and the records changed too since the workbook was sent: a
//!   conflict, never overwritten.
//!
//! A row with a problem (an unknown id, a code not in the scale, an edited
//! locked cell, a conflict) gives no change; a problem with the whole
//! workbook (not a survey, another report, a moved column) is an error.

pub(crate) mod bounds;
mod row;
pub(crate) mod sheet;

pub use bounds::TooLarge;
pub use row::Trouble;

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;

use calamine::{Reader, Xlsx};

use sheet::{Sheet, facts, read_sheet, text_of};

use super::layout::cell_name;
use super::survey::{
    Col, FORMAT_VERSION, KEY_COPY_ROW, KEY_DEPARTMENT, KEY_HEADING_ROW, KEY_REPORT, KEY_SHEET,
    KEY_SOURCE, META_MARK, META_SHEET,
};
use crate::domain::field::Field;
use crate::domain::model::Report;
use crate::i18n::{BookMsg, Lang};
use crate::text::visible;

/// A change the workbook asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub item: String,
    pub field: Field,
    /// Where the answer stands (`回答!G7`).
    pub cell: String,
    pub old: String,
    pub new: String,
    /// The row's reason, when the department gave one.
    pub reason: Option<String>,
}

/// A problem of one row (of item `item`, when its id is known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub item: Option<String>,
    pub trouble: Trouble,
}

impl Problem {
    /// The sentence in `lang` (the columns' and scales' names from `report`).
    pub fn say(&self, report: &Report, lang: Lang) -> String {
        self.trouble.say(report, lang)
    }
}

/// What a returned workbook would do.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub department: String,
    /// Changes of the rows without problems.
    pub changes: Vec<Planned>,
    pub problems: Vec<Problem>,
    /// Changes of rows that have problems (written only once fixed).
    pub held: Vec<Planned>,
    /// Items sent whose rows are no longer in the workbook.
    pub missing: Vec<String>,
}

/// Whether two texts are the same once line ends are (spreadsheets may
/// write CRLF for a line break).
fn same_text(a: &str, b: &str) -> bool {
    a == b || a.replace("\r\n", "\n") == b.replace("\r\n", "\n")
}

/// A text from the workbook on one line, made visible: what is printed of
/// ids, names and department (a line break in them could forge a line).
fn one_line(s: &str) -> String {
    visible(s).replace('\n', " ")
}

fn quoted_short(s: &str) -> String {
    let one_line = visible(s).replace('\n', " ");
    if one_line.chars().count() > 40 {
        one_line.chars().take(39).collect::<String>() + "…"
    } else {
        one_line
    }
}

/// Why a returned workbook cannot be taken in at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReturnError {
    /// Not an Excel workbook (`zip`: not even a ZIP file).
    NotWorkbook { file: String, zip: bool },
    /// Not a workbook made by `kensho survey`.
    NotSurvey { file: String },
    /// Made by a newer kensho.
    NewerFormat { file: String, version: u32 },
    /// Made for another report (`cell`: the hidden sheet's cell that says so).
    OtherReport {
        file: String,
        cell: String,
        theirs: String,
        ours: String,
    },
    /// The sheet of answers is gone.
    SheetMissing { file: String, sheet: String },
    /// A column was moved, added or removed.
    HeadingMoved {
        cell: String,
        expected: String,
        found: String,
    },
    /// It would unpack to more than kensho ever reads.
    TooLarge {
        file: String,
        what: bounds::TooLarge,
    },
}

impl ReturnError {
    /// The sentence in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        match self {
            ReturnError::NotWorkbook { file, zip } => {
                let why = if *zip {
                    BookMsg::WhyNotZip
                } else {
                    BookMsg::WhyBadContent
                };
                BookMsg::ErrNotWorkbook.fill(lang, &[("file", file), ("error", &why.text(lang))])
            }
            ReturnError::NotSurvey { file } => BookMsg::ErrNotSurvey.fill(lang, &[("file", file)]),
            ReturnError::NewerFormat { file, version } => BookMsg::ErrSurveyVersion.fill(
                lang,
                &[
                    ("file", file),
                    ("version", version),
                    ("known", &FORMAT_VERSION),
                ],
            ),
            ReturnError::OtherReport {
                file,
                cell,
                theirs,
                ours,
            } => BookMsg::ErrOtherReport.fill(
                lang,
                &[
                    ("file", file),
                    ("cell", cell),
                    ("theirs", theirs),
                    ("ours", ours),
                ],
            ),
            ReturnError::SheetMissing { file, sheet } => {
                BookMsg::ErrSheetMissing.fill(lang, &[("file", file), ("sheet", sheet)])
            }
            ReturnError::HeadingMoved {
                cell,
                expected,
                found,
            } => BookMsg::ErrHeadingMoved.fill(
                lang,
                &[("cell", cell), ("expected", expected), ("found", found)],
            ),
            ReturnError::TooLarge { file, what } => too_large(file, what, lang),
        }
    }
}

fn too_large(file: &str, what: &bounds::TooLarge, lang: Lang) -> String {
    use bounds::TooLarge;
    let part_mib = bounds::MAX_PART >> 20;
    match what {
        TooLarge::Total => BookMsg::ErrTooLargeTotal.fill(
            lang,
            &[("file", &file), ("mib", &(bounds::MAX_TOTAL >> 20))],
        ),
        TooLarge::Part { part } => BookMsg::ErrTooLargePart.fill(
            lang,
            &[
                ("file", &file),
                ("part", &one_line(part)),
                ("mib", &part_mib),
            ],
        ),
        TooLarge::String { part } => BookMsg::ErrTooLongString.fill(
            lang,
            &[
                ("file", &file),
                ("part", &one_line(part)),
                ("chars", &bounds::MAX_STRING),
            ],
        ),
        TooLarge::Parts => {
            BookMsg::ErrTooManyParts.fill(lang, &[("file", &file), ("parts", &bounds::MAX_PARTS)])
        }
    }
}

/// The hidden sheet of a survey: its facts and the copy of the rows sent.
struct Sent {
    meta: Sheet,
    facts: HashMap<String, String>,
}

impl Sent {
    fn fact(&self, key: &str) -> String {
        self.facts.get(key).cloned().unwrap_or_default()
    }

    /// The 0-based row a fact names (the facts count from 1).
    fn row(&self, key: &str) -> Option<u32> {
        self.fact(key).trim().parse::<u32>().ok()?.checked_sub(1)
    }

    /// The rows as sent, by id, and the ids in the order sent.
    fn rows(&self, copy_row: u32) -> (BTreeMap<String, Vec<String>>, Vec<String>) {
        let mut sent = BTreeMap::new();
        let mut order = Vec::new();
        let end = self.meta.end().map_or(0, |(r, _)| r);
        for row in copy_row + 1..=end {
            let values: Vec<String> = Col::ALL
                .iter()
                .map(|c| {
                    text_of(self.meta.get_value((row, u32::from(c.index())))).unwrap_or_default()
                })
                .collect();
            if values[0].is_empty() {
                continue;
            }
            order.push(values[0].clone());
            sent.insert(values[0].clone(), values);
        }
        (sent, order)
    }
}

/// The hidden sheet of the survey workbook `book`, checked: a survey, of a
/// format this kensho reads, made for `report`.
fn hidden_sheet<R: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<R>,
    file: &str,
    report: &Report,
) -> Result<Sent, ReturnError> {
    let not_survey = || ReturnError::NotSurvey {
        file: file.to_string(),
    };
    if !book.sheet_names().iter().any(|s| s == META_SHEET) {
        return Err(not_survey());
    }
    let meta = read_sheet(book, META_SHEET).map_err(|_| not_survey())?;
    let sent = Sent {
        facts: facts(&meta),
        meta,
    };
    let version: u32 = sent
        .fact(META_MARK)
        .trim()
        .parse()
        .map_err(|_| not_survey())?;
    if version > FORMAT_VERSION {
        let file = file.to_string();
        return Err(ReturnError::NewerFormat { file, version });
    }
    let title = visible(&report.title).into_owned();
    let source = visible(&report.source).into_owned();
    let (key, ours) = if sent.fact(KEY_REPORT) != title {
        (KEY_REPORT, &report.title)
    } else if sent.fact(KEY_SOURCE) != source {
        (KEY_SOURCE, &report.source)
    } else {
        return Ok(sent);
    };
    // The hidden sheet's row that differs.
    let row = (0..9u32)
        .find(|r| text_of(sent.meta.get_value((*r, 0))).is_ok_and(|k| k == key))
        .unwrap_or(0);
    Err(ReturnError::OtherReport {
        file: file.to_string(),
        cell: format!("{META_SHEET}!{}", cell_name(row, 1)),
        theirs: quoted_short(&sent.fact(key)),
        ours: quoted_short(ours),
    })
}

/// Every heading of the answers where it was sent (row `copy_row` of the
/// hidden sheet).
fn check_headings(
    sent: &Sent,
    answers: &Sheet,
    heading_row: u32,
    copy_row: u32,
    at: &dyn Fn(u32, u16) -> String,
) -> Result<(), ReturnError> {
    for c in Col::ALL {
        let col = u32::from(c.index());
        let expected = text_of(sent.meta.get_value((copy_row, col))).unwrap_or_default();
        let found = text_of(answers.get_value((heading_row, col))).unwrap_or_default();
        if expected != found {
            return Err(ReturnError::HeadingMoved {
                cell: at(heading_row, c.index()),
                expected: quoted_short(&expected),
                found: quoted_short(&found),
            });
        }
    }
    Ok(())
}

/// Read the survey workbook `bytes` (from the file named `file`) against
/// `report`: the plan, or why it cannot be taken in at all.
pub fn plan(bytes: &[u8], file: &str, report: &Report) -> Result<Plan, ReturnError> {
    let file = visible(file).into_owned();
    bounds::check(bytes).map_err(|what| ReturnError::TooLarge {
        file: file.clone(),
        what,
    })?;
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| ReturnError::NotWorkbook {
        file: file.clone(),
        zip: matches!(e, calamine::XlsxError::Zip(_)),
    })?;
    let sent = hidden_sheet(&mut book, &file, report)?;
    let not_survey = || ReturnError::NotSurvey { file: file.clone() };
    let heading_row = sent.row(KEY_HEADING_ROW).ok_or_else(not_survey)?;
    let copy_row = sent.row(KEY_COPY_ROW).ok_or_else(not_survey)?;
    let sheet = sent.fact(KEY_SHEET);
    if !book.sheet_names().contains(&sheet) {
        let sheet = one_line(&sheet);
        return Err(ReturnError::SheetMissing { file, sheet });
    }
    let answers = read_sheet(&mut book, &sheet).map_err(|_| ReturnError::NotWorkbook {
        file: file.clone(),
        zip: false,
    })?;
    let at = |row: u32, col: u16| format!("{}!{}", one_line(&sheet), cell_name(row, col));
    // The columns must stand where they were sent.
    check_headings(&sent, &answers, heading_row, copy_row, &at)?;
    let (rows_sent, order) = sent.rows(copy_row);
    let mut plan = Plan {
        department: one_line(&sent.fact(KEY_DEPARTMENT)),
        ..Plan::default()
    };
    let mut seen_at: HashMap<String, u32> = HashMap::new();
    let end = answers.end().map_or(0, |(r, _)| r);
    let department = sent.fact(KEY_DEPARTMENT);
    let ctx = row::Context {
        answers: &answers,
        department: &department,
        report,
        items: report.by_id(),
        sent: &rows_sent,
        at: &at,
    };
    for r in heading_row + 1..=end {
        row::read_row(&ctx, r, &mut seen_at, &mut plan);
    }
    plan.missing = order
        .into_iter()
        .filter(|id| !seen_at.contains_key(id))
        .map(|id| one_line(&id))
        .collect();
    Ok(plan)
}
