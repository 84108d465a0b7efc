//! A department's workbook: its rows to fill in and send back.
//!
//! The sheet of answers lists one row per item of the department, flat (no
//! merged cells, so that rows can be read back one by one). The cells the
//! department answers (実施状況, 実施区分, 自己評価, 評価区分, and a reason) are
//! unlocked and yellow; the others are locked and the sheet is protected (no
//! password: protection prevents slips, and [`super::returned`] notices an
//! edited locked cell anyway). Phase and direction are drop-down lists of
//! the scale's codes. A hidden, protected sheet `kensho` says which report,
//! department and sheet the workbook is for, and holds a copy of every row
//! as it was sent: what the answers are compared with when they come back.

use rust_xlsxwriter::{Color, DataValidation, Format, ProtectionOptions, Worksheet, XlsxError};

use super::layout::{self, cell_text, fit_cell, lines_in, row_points, too_long};
use super::publish::measure_cell;
use crate::domain::export::circled;
use crate::domain::field::Field;
use crate::domain::model::{ItemRef, Report, Scale};
use crate::i18n::{BookMsg, Lang};

/// The name of the hidden sheet that makes a workbook a survey.
pub const META_SHEET: &str = "kensho";
/// The first cell of that sheet.
pub const META_MARK: &str = "kensho survey";
/// The survey format this kensho writes (and the newest it reads).
pub const FORMAT_VERSION: u32 = 1;
/// Keys of the hidden sheet's first rows (column A; the value in B).
pub const KEY_REPORT: &str = "report";
pub const KEY_SOURCE: &str = "source";
pub const KEY_DEPARTMENT: &str = "department";
pub const KEY_SHEET: &str = "sheet";
pub const KEY_HEADING_ROW: &str = "heading row";
pub const KEY_MADE: &str = "made";
pub const KEY_COPY_ROW: &str = "copy heading row";
/// Where the copy of the rows starts on the hidden sheet (its heading row).
const COPY_HEADING_ROW: u32 = 9;
/// The row of headings on the sheet of answers (from 0).
pub const HEADING_ROW: u32 = 2;

/// The columns of the sheet of answers, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Id,
    Recommendation,
    Point,
    Policy,
    Measure,
    Progress,
    Phase,
    Assessment,
    Direction,
    Departments,
    Reason,
}

impl Col {
    pub const ALL: [Col; 11] = [
        Col::Id,
        Col::Recommendation,
        Col::Point,
        Col::Policy,
        Col::Measure,
        Col::Progress,
        Col::Phase,
        Col::Assessment,
        Col::Direction,
        Col::Departments,
        Col::Reason,
    ];

    pub fn index(self) -> u16 {
        Col::ALL.iter().position(|c| *c == self).unwrap_or(0) as u16
    }

    /// The field of the item a department answers in this column.
    pub fn field(self) -> Option<Field> {
        match self {
            Col::Progress => Some(Field::Progress),
            Col::Phase => Some(Field::Phase),
            Col::Assessment => Some(Field::Assessment),
            Col::Direction => Some(Field::Direction),
            _ => None,
        }
    }

    /// Whether the department may write in it.
    pub fn open(self) -> bool {
        self.field().is_some() || self == Col::Reason
    }

    fn width(self) -> f64 {
        match self {
            Col::Id => 10.0,
            Col::Recommendation => 5.0,
            Col::Point => 16.0,
            Col::Policy => 24.0,
            Col::Measure => 30.0,
            Col::Progress | Col::Assessment => 44.0,
            Col::Phase | Col::Direction => 8.0,
            Col::Departments => 16.0,
            Col::Reason => 28.0,
        }
    }

    /// The heading people read.
    pub fn heading(self, report: &Report, lang: Lang) -> String {
        let t = |m: BookMsg| m.text(lang).to_string();
        match self {
            Col::Id => t(BookMsg::HeadId),
            Col::Recommendation => t(BookMsg::HeadRecommendation),
            Col::Point => t(BookMsg::HeadPoint),
            Col::Policy => t(BookMsg::HeadPolicy),
            Col::Measure => t(BookMsg::HeadMeasure),
            Col::Progress => t(BookMsg::HeadProgress),
            Col::Phase => report.phase_scale.name.clone(),
            Col::Assessment => t(BookMsg::HeadAssessment),
            Col::Direction => report.direction_scale.name.clone(),
            Col::Departments => t(BookMsg::HeadDepartments),
            Col::Reason => t(BookMsg::HeadReason),
        }
    }

    /// The cell's text for an item, as the records hold it (cut only when
    /// written).
    fn value(self, r: &ItemRef) -> String {
        match self {
            Col::Id => r.item.id.clone(),
            Col::Recommendation => r.recommendation.number.to_string(),
            Col::Point => format!("{}　{}", circled(r.point.number), r.point.title),
            Col::Policy => format!("{}　{}", r.point.policy.label, r.point.policy.text),
            Col::Measure => measure_cell(r.measure.label.as_deref(), r.measure.text.as_deref()),
            Col::Progress => r.item.progress.clone(),
            Col::Phase => r.item.phase.0.clone(),
            Col::Assessment => r.item.assessment.clone(),
            Col::Direction => r.item.direction.0.clone(),
            Col::Departments => r.item.departments.join("\n"),
            Col::Reason => String::new(),
        }
    }
}

/// The items of `department` in `report`, in source order.
pub fn items_of<'a>(report: &'a Report, department: &str) -> Vec<ItemRef<'a>> {
    report
        .items()
        .filter(|r| r.item.departments.iter().any(|d| d == department))
        .collect()
}

/// A file name for the department's workbook: its name with the characters
/// file systems refuse (and spaces) replaced.
pub fn file_name(department: &str) -> String {
    let mut name = String::new();
    for c in department.trim().chars() {
        let bad = c.is_control()
            || c.is_whitespace()
            || matches!(
                c,
                '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | ')' | '('
            );
        if bad {
            if !name.ends_with('_') && !name.is_empty() {
                name.push('_');
            }
        } else {
            name.push(c);
        }
    }
    let name = name.trim_matches(|c| c == '_' || c == '.').to_string();
    let name = if name.is_empty() {
        "department".to_string()
    } else {
        name
    };
    format!("{}.xlsx", cut_to_bytes(&name, MAX_STEM_BYTES))
}

/// The most bytes of a workbook's name before `.xlsx`: room is left for a
/// number (`-2`) and the temporary file of its writing, within the 255
/// bytes a file system holds (about 66 Japanese characters).
const MAX_STEM_BYTES: usize = 200;

/// `s` cut to at most `max` bytes, at a character's boundary.
fn cut_to_bytes(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// What the drop-down of a scale's cells says and allows.
fn code_list(scale: &Scale, lang: Lang) -> Result<DataValidation, XlsxError> {
    let codes = scale.code_list();
    let mut help: String = scale
        .codes
        .iter()
        .map(|c| format!("{}：{}", c.code, c.meaning))
        .collect::<Vec<_>>()
        .join("\n");
    // Excel allows 255 characters.
    if help.chars().count() > 250 {
        help = help.chars().take(249).collect::<String>() + "…";
    }
    let title: String = BookMsg::CodeInputTitle
        .fill(lang, &[("scale", &scale.name)])
        .chars()
        .take(32)
        .collect();
    let error_title: String = BookMsg::CodeErrorTitle
        .fill(lang, &[("scale", &scale.name)])
        .chars()
        .take(32)
        .collect();
    DataValidation::new()
        .allow_list_strings(&codes)?
        .set_input_title(title)?
        .set_input_message(help)?
        .set_error_title(error_title)?
        .set_error_message(BookMsg::CodeErrorMessage.fill(lang, &[("codes", &codes.join(", "))]))
}

/// The survey workbook of `department`: its items of `report`, its words in
/// `lang`, stamped `made` (when it was made). None when the department has
/// no item.
pub fn survey(
    report: &Report,
    department: &str,
    lang: Lang,
    made: &str,
) -> Result<Option<(Vec<u8>, usize)>, XlsxError> {
    let items = items_of(report, department);
    if items.is_empty() {
        return Ok(None);
    }
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|r| Col::ALL.iter().map(|c| c.value(r)).collect())
        .collect();
    let headings: Vec<String> = Col::ALL.iter().map(|c| c.heading(report, lang)).collect();
    let answers_name = BookMsg::SheetAnswers.text(lang);
    let mut book = super::layout::book()?;
    let sheet = book.add_worksheet();
    sheet.set_name(answers_name)?;
    answers(sheet, report, department, &headings, &rows, lang)?;
    let meta = book.add_worksheet();
    meta.set_name(META_SHEET)?;
    let facts = [
        (META_MARK, FORMAT_VERSION.to_string()),
        (KEY_REPORT, report.title.clone()),
        (KEY_SOURCE, report.source.clone()),
        (KEY_DEPARTMENT, department.to_string()),
        (KEY_SHEET, answers_name.to_string()),
        (KEY_HEADING_ROW, (HEADING_ROW + 1).to_string()),
        (KEY_MADE, made.to_string()),
        (KEY_COPY_ROW, (COPY_HEADING_ROW + 1).to_string()),
    ];
    for (row, (key, value)) in facts.iter().enumerate() {
        meta.write_string(row as u32, 0, *key)?;
        meta.write_string(row as u32, 1, cell_text(value))?;
    }
    for (col, h) in headings.iter().enumerate() {
        meta.write_string(COPY_HEADING_ROW, col as u16, cell_text(h))?;
    }
    for (k, row) in rows.iter().enumerate() {
        for (col, v) in row.iter().enumerate() {
            meta.write_string(COPY_HEADING_ROW + 1 + k as u32, col as u16, fit_cell(v))?;
        }
    }
    meta.set_hidden(true);
    meta.protect();
    Ok(Some((book.save_to_buffer()?, items.len())))
}

fn answers(
    sheet: &mut Worksheet,
    report: &Report,
    department: &str,
    headings: &[String],
    rows: &[Vec<String>],
    lang: Lang,
) -> Result<(), XlsxError> {
    let last_col = Col::Reason.index();
    for c in Col::ALL {
        sheet.set_column_width(c.index(), c.width())?;
    }
    let title = BookMsg::SurveyTitle.fill(
        lang,
        &[("title", &report.title), ("department", &department)],
    );
    sheet.write_string_with_format(0, 0, cell_text(&title), &layout::title())?;
    let how_to = BookMsg::SurveyHowTo.text(lang);
    sheet.merge_range(1, 0, 1, last_col, how_to, &layout::plain())?;
    let width: f64 = Col::ALL.iter().map(|c| c.width()).sum();
    sheet.set_row_height(1, row_points(lines_in(how_to, width)))?;
    let head = layout::heading();
    for (c, h) in Col::ALL.iter().zip(headings) {
        sheet.write_string_with_format(HEADING_ROW, c.index(), cell_text(h), &head)?;
    }
    let locked = layout::body();
    let locked_code = layout::code();
    let yellow = Color::RGB(0xFFF2CC);
    // Text the department types stays text (a leading = is not a formula).
    let open_text = layout::body()
        .set_unlocked()
        .set_background_color(yellow)
        .set_num_format("@");
    let open_code = layout::code()
        .set_unlocked()
        .set_background_color(yellow)
        .set_num_format("@");
    for (k, row) in rows.iter().enumerate() {
        let r = HEADING_ROW + 1 + k as u32;
        let mut lines = 1;
        for (c, v) in Col::ALL.iter().zip(row) {
            // A text cut to fit a cell cannot be answered in it.
            let open = c.open() && !too_long(v);
            let format: &Format = match (open, c.field().is_some_and(Field::is_code)) {
                (true, true) => &open_code,
                (true, false) => &open_text,
                (false, _) if *c == Col::Recommendation => &locked_code,
                (false, _) => &locked,
            };
            sheet.write_string_with_format(r, c.index(), fit_cell(v), format)?;
            lines = lines.max(lines_in(v, c.width()));
        }
        sheet.set_row_height(r, row_points(lines))?;
    }
    let (first, last) = (HEADING_ROW + 1, HEADING_ROW + rows.len() as u32);
    for (col, scale) in [
        (Col::Phase, &report.phase_scale),
        (Col::Direction, &report.direction_scale),
    ] {
        let list = code_list(scale, lang)?;
        sheet.add_data_validation(first, col.index(), last, col.index(), &list)?;
    }
    sheet.set_freeze_panes(HEADING_ROW + 1, 1)?;
    sheet.set_repeat_rows(HEADING_ROW, HEADING_ROW)?;
    sheet
        .set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_footer(format!("&C{}", BookMsg::PageFooter.text(lang)));
    sheet.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_the_department_and_drop_what_file_systems_refuse() {
        assert_eq!(file_name("子) 児童相談所"), "子_児童相談所.xlsx");
        assert_eq!(file_name("区) 保健福祉部"), "区_保健福祉部.xlsx");
        assert_eq!(
            file_name("a/b\\c:d*e?f\"g<h>i|j"),
            "a_b_c_d_e_f_g_h_i_j.xlsx"
        );
        assert_eq!(file_name(" ../ "), "department.xlsx");
        assert_eq!(file_name("\u{1b}[31m"), "[31m.xlsx");
        // A long name is cut to what a file system holds, whole characters.
        let long = file_name(&"部".repeat(85));
        assert!(long.len() <= MAX_STEM_BYTES + 5, "{}", long.len());
        assert!(long.starts_with(&"部".repeat(66)) && long.ends_with(".xlsx"));
    }
}
