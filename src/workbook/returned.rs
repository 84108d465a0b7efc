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

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use unicode_normalization::UnicodeNormalization;

use super::layout::cell_name;
use super::survey::{
    Col, FORMAT_VERSION, KEY_COPY_ROW, KEY_DEPARTMENT, KEY_HEADING_ROW, KEY_REPORT, KEY_SHEET,
    KEY_SOURCE, META_MARK, META_SHEET,
};
use crate::domain::field::Field;
use crate::domain::model::{ItemRef, Report, Scale};
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

/// A problem of one row, said in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub item: Option<String>,
    pub text: String,
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

/// A cell's value as text, or what it holds when it is not text.
fn text_of(data: Option<&Data>) -> Result<String, String> {
    Ok(match data {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.replace("\r\n", "\n"),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Float(f)) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Bool(b)) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Some(other) => return Err(format!("{other:?}")),
    })
}

/// A code as typed, read as the scale writes it: the code itself, or the
/// one code that it equals once both are folded alike (Ⅱ and ＩＩ are II, a
/// is A); None when no code, or more than one, is meant.
fn code_of(scale: &Scale, typed: &str) -> Option<String> {
    if let Some(c) = scale.codes.iter().find(|c| c.code == typed) {
        return Some(c.code.clone());
    }
    let fold = |s: &str| s.nfkc().collect::<String>().trim().to_uppercase();
    let wanted = fold(typed);
    let mut meant = scale.codes.iter().filter(|c| fold(&c.code) == wanted);
    match (meant.next(), meant.next()) {
        (Some(c), None) => Some(c.code.clone()),
        _ => None,
    }
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

/// The cells of a sheet that kensho reads: the first columns only, kept
/// sparse. (calamine's `worksheet_range` allocates every cell of the sheet's
/// extent: one cell written at XFD1048576 asked for 550 GB.)
struct Sheet {
    cells: HashMap<(u32, u32), Data>,
    last_row: Option<u32>,
}

/// Columns read: the survey's, and a few to spare.
const COLUMNS_READ: u32 = 16;
/// Cells read at most (a department's rows are a few thousand).
const CELLS_READ: usize = 4_000_000;

impl Sheet {
    fn get_value(&self, at: (u32, u32)) -> Option<&Data> {
        self.cells.get(&at)
    }

    /// The last row holding a cell read (calamine's `Range::end` shape).
    fn end(&self) -> Option<(u32, u32)> {
        self.last_row.map(|r| (r, 0))
    }
}

fn read_sheet<R: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<R>,
    name: &str,
) -> Result<Sheet, calamine::XlsxError> {
    let mut reader = book.worksheet_cells_reader(name)?;
    let mut sheet = Sheet {
        cells: HashMap::new(),
        last_row: None,
    };
    while let Some(cell) = reader.next_cell()? {
        let (row, col) = cell.get_position();
        if col >= COLUMNS_READ {
            continue;
        }
        let value: Data = cell.get_value().clone().into();
        if value == Data::Empty {
            continue;
        }
        if sheet.cells.len() >= CELLS_READ {
            return Err(calamine::XlsxError::Unexpected("too many cells"));
        }
        sheet.last_row = Some(sheet.last_row.map_or(row, |r| r.max(row)));
        sheet.cells.insert((row, col), value);
    }
    Ok(sheet)
}

/// The facts of the hidden sheet, by key.
fn facts(meta: &Sheet) -> HashMap<String, String> {
    (0..9)
        .filter_map(|row| {
            let key = text_of(meta.get_value((row, 0))).ok()?;
            let value = text_of(meta.get_value((row, 1))).ok()?;
            Some((key, value))
        })
        .collect()
}

/// Read the survey workbook `bytes` (from the file named `file`) against
/// `report`: the plan, or the error that stops it whole.
pub fn plan(bytes: &[u8], file: &str, report: &Report, lang: Lang) -> Result<Plan, String> {
    let file_shown = visible(file).into_owned();
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        let why = match e {
            calamine::XlsxError::Zip(_) => BookMsg::WhyNotZip,
            _ => BookMsg::WhyBadContent,
        };
        BookMsg::ErrNotWorkbook.fill(lang, &[("file", &file_shown), ("error", &why.text(lang))])
    })?;
    let not_survey = || BookMsg::ErrNotSurvey.fill(lang, &[("file", &file_shown)]);
    if !book.sheet_names().iter().any(|s| s == META_SHEET) {
        return Err(not_survey());
    }
    let meta = read_sheet(&mut book, META_SHEET).map_err(|_| not_survey())?;
    let facts = facts(&meta);
    let version: u32 = facts
        .get(META_MARK)
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(not_survey)?;
    if version > FORMAT_VERSION {
        return Err(BookMsg::ErrSurveyVersion.fill(
            lang,
            &[
                ("file", &file_shown),
                ("version", &version),
                ("known", &FORMAT_VERSION),
            ],
        ));
    }
    let fact = |key: &str| facts.get(key).cloned().unwrap_or_default();
    let title = visible(&report.title).into_owned();
    let source = visible(&report.source).into_owned();
    if fact(KEY_REPORT) != title || fact(KEY_SOURCE) != source {
        // The hidden sheet's row that differs.
        let (key, ours) = if fact(KEY_REPORT) != title {
            (KEY_REPORT, &report.title)
        } else {
            (KEY_SOURCE, &report.source)
        };
        let row = (0..9u32)
            .find(|r| text_of(meta.get_value((*r, 0))).is_ok_and(|k| k == key))
            .unwrap_or(0);
        return Err(BookMsg::ErrOtherReport.fill(
            lang,
            &[
                ("file", &file_shown),
                ("cell", &format!("{META_SHEET}!{}", cell_name(row, 1))),
                ("theirs", &quoted_short(&fact(key))),
                ("ours", &quoted_short(ours)),
            ],
        ));
    }
    let sheet = fact(KEY_SHEET);
    let row_of = |key: &str| -> Result<u32, String> {
        fact(key)
            .trim()
            .parse::<u32>()
            .ok()
            .and_then(|r| r.checked_sub(1))
            .ok_or_else(not_survey)
    };
    let (heading_row, copy_row) = (row_of(KEY_HEADING_ROW)?, row_of(KEY_COPY_ROW)?);
    if !book.sheet_names().contains(&sheet) {
        return Err(BookMsg::ErrSheetMissing
            .fill(lang, &[("file", &file_shown), ("sheet", &one_line(&sheet))]));
    }
    let answers = read_sheet(&mut book, &sheet).map_err(|_| {
        BookMsg::ErrNotWorkbook.fill(
            lang,
            &[
                ("file", &file_shown),
                ("error", &BookMsg::WhyBadContent.text(lang)),
            ],
        )
    })?;
    let at = |row: u32, col: u16| format!("{}!{}", one_line(&sheet), cell_name(row, col));
    // The columns must stand where they were sent.
    for c in Col::ALL {
        let col = u32::from(c.index());
        let expected = text_of(meta.get_value((copy_row, col))).unwrap_or_default();
        let found = text_of(answers.get_value((heading_row, col))).unwrap_or_default();
        if expected != found {
            return Err(BookMsg::ErrHeadingMoved.fill(
                lang,
                &[
                    ("cell", &at(heading_row, c.index())),
                    ("expected", &quoted_short(&expected)),
                    ("found", &quoted_short(&found)),
                ],
            ));
        }
    }
    // The rows as sent, by id.
    let mut sent: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut sent_order = Vec::new();
    let copy_end = meta.end().map_or(0, |(r, _)| r);
    for row in copy_row + 1..=copy_end {
        let values: Vec<String> = Col::ALL
            .iter()
            .map(|c| text_of(meta.get_value((row, u32::from(c.index())))).unwrap_or_default())
            .collect();
        if values[0].is_empty() {
            continue;
        }
        sent_order.push(values[0].clone());
        sent.insert(values[0].clone(), values);
    }
    let mut plan = Plan {
        department: one_line(&fact(KEY_DEPARTMENT)),
        ..Plan::default()
    };
    let mut seen_at: HashMap<String, u32> = HashMap::new();
    let end = answers.end().map_or(0, |(r, _)| r);
    let ctx = Context {
        answers: &answers,
        report,
        items: report.by_id(),
        sent: &sent,
        at: &at,
        lang,
    };
    for row in heading_row + 1..=end {
        read_row(&ctx, row, &mut seen_at, &mut plan);
    }
    plan.missing = sent_order
        .into_iter()
        .filter(|id| !seen_at.contains_key(id))
        .map(|id| one_line(&id))
        .collect();
    Ok(plan)
}

/// What every row is read against.
struct Context<'a> {
    answers: &'a Sheet,
    report: &'a Report,
    items: HashMap<&'a str, ItemRef<'a>>,
    sent: &'a BTreeMap<String, Vec<String>>,
    at: &'a dyn Fn(u32, u16) -> String,
    lang: Lang,
}

/// Read row `row` of the answers into `plan`.
fn read_row(ctx: &Context, row: u32, seen_at: &mut HashMap<String, u32>, plan: &mut Plan) {
    let Context {
        answers,
        report,
        sent,
        at,
        lang,
        ..
    } = *ctx;
    let mut problems: Vec<String> = Vec::new();
    let mut values = Vec::new();
    for c in Col::ALL {
        match text_of(answers.get_value((row, u32::from(c.index())))) {
            Ok(v) => values.push(v),
            Err(what) => {
                problems.push(
                    BookMsg::ErrNotText
                        .fill(lang, &[("cell", &at(row, c.index())), ("value", &what)]),
                );
                values.push(String::new());
            }
        }
    }
    if problems.is_empty() && values.iter().all(|v| v.trim().is_empty()) {
        return;
    }
    let id = values[0].trim().to_string();
    let id_cell = at(row, Col::Id.index());
    let push = |plan: &mut Plan, problems: Vec<String>, item: Option<&str>| {
        plan.problems
            .extend(problems.into_iter().map(|text| Problem {
                item: item.map(str::to_string),
                text,
            }));
    };
    if id.is_empty() {
        problems.push(BookMsg::ErrNoId.fill(lang, &[("cell", &id_cell)]));
        push(plan, problems, None);
        return;
    }
    if let Some(first) = seen_at.get(&id) {
        problems.push(BookMsg::ErrDuplicateId.fill(
            lang,
            &[
                ("cell", &id_cell),
                ("id", &one_line(&id)),
                ("first", &at(*first, Col::Id.index())),
            ],
        ));
        push(plan, problems, Some(&id));
        return;
    }
    seen_at.insert(id.clone(), row);
    let Some(sent_row) = sent.get(&id) else {
        problems
            .push(BookMsg::ErrUnknownId.fill(lang, &[("cell", &id_cell), ("id", &one_line(&id))]));
        push(plan, problems, Some(&id));
        return;
    };
    let Some(current) = ctx.items.get(id.as_str()) else {
        problems.push(BookMsg::ErrGoneId.fill(lang, &[("cell", &id_cell), ("id", &one_line(&id))]));
        push(plan, problems, Some(&id));
        return;
    };
    let reason = values[Col::Reason.index() as usize].trim().to_string();
    let reason = (!reason.is_empty()).then_some(reason);
    let mut changes = Vec::new();
    for c in Col::ALL {
        let k = c.index() as usize;
        let (answer, was) = (&values[k], &sent_row[k]);
        let cell = at(row, c.index());
        let Some(field) = c.field() else {
            if !c.open() && answer != was {
                problems.push(BookMsg::ErrProtectedEdited.fill(
                    lang,
                    &[
                        ("cell", &cell),
                        ("column", &quoted_short(&sent_heading(c, report, lang))),
                        ("old", &quoted_short(was)),
                        ("new", &quoted_short(answer)),
                    ],
                ));
            }
            continue;
        };
        // An answer as sent changes nothing (whatever the scale says now).
        if same_text(answer, was) {
            continue;
        }
        let answer = if field.is_code() {
            let scale = match field {
                Field::Phase => &report.phase_scale,
                _ => &report.direction_scale,
            };
            match code_of(scale, answer) {
                Some(code) => code,
                None => {
                    problems.push(BookMsg::ErrBadCode.fill(
                        lang,
                        &[
                            ("cell", &cell),
                            ("value", &quoted_short(answer)),
                            ("scale", &scale.name),
                            ("codes", &scale.code_list().join(", ")),
                        ],
                    ));
                    continue;
                }
            }
        } else {
            answer.clone()
        };
        if same_text(&answer, was) {
            continue;
        }
        let now = field.get(current.item);
        if same_text(&now, &answer) {
            continue;
        }
        if !same_text(&now, was) {
            problems.push(BookMsg::ConflictLine.fill(
                lang,
                &[
                    ("cell", &cell),
                    ("item", &one_line(&id)),
                    ("field", &field.label(report, lang)),
                    ("seen", &quoted_short(was)),
                    ("theirs", &quoted_short(&now)),
                    ("ours", &quoted_short(&answer)),
                ],
            ));
            continue;
        }
        changes.push(Planned {
            item: id.clone(),
            field,
            cell,
            old: now,
            new: answer,
            reason: reason.clone(),
        });
    }
    if problems.is_empty() {
        plan.changes.extend(changes);
    } else {
        plan.held.extend(changes);
        push(plan, problems, Some(&id));
    }
}

fn sent_heading(c: Col, report: &Report, lang: Lang) -> String {
    c.heading(report, lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::ScaleCode;

    fn scale(codes: &[&str]) -> Scale {
        Scale {
            name: "実施区分".into(),
            description: String::new(),
            codes: codes
                .iter()
                .map(|c| ScaleCode {
                    code: c.to_string(),
                    meaning: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn a_code_is_read_as_the_scale_writes_it_and_never_guessed() {
        let roman = scale(&["I", "II", "III"]);
        assert_eq!(code_of(&roman, "Ⅱ").as_deref(), Some("II"));
        assert_eq!(code_of(&roman, " ii ").as_deref(), Some("II"));
        assert_eq!(code_of(&roman, "IV"), None);
        // A scale written in full-width or roman numerals reads its own codes.
        let wide = scale(&["Ａ", "Ⅱ"]);
        assert_eq!(code_of(&wide, "Ａ").as_deref(), Some("Ａ"));
        assert_eq!(code_of(&wide, "A").as_deref(), Some("Ａ"));
        assert_eq!(code_of(&wide, "II").as_deref(), Some("Ⅱ"));
        // Codes that differ only by case: the exact one, or none.
        let cased = scale(&["a", "A"]);
        assert_eq!(code_of(&cased, "A").as_deref(), Some("A"));
        assert_eq!(code_of(&cased, "a").as_deref(), Some("a"));
        assert_eq!(code_of(&cased, "ａ"), None);
    }
}
