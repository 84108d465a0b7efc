//! The table as the source prints it (資料2), for printing and publishing.
//!
//! One sheet holds the whole table, as the source is one table: a banded row
//! opens each recommendation (its title and its points, as the source's
//! page header lists them), and each recommendation starts a new printed
//! page. Every page prints both scales and the headings, and starts at a
//! point; a point too long for one page goes on on the next under its
//! recommendation's band again, its point, policy and measure repeated
//! ([`pages`](super::pages)). The point, the policy and the measure span their rows as merged
//! cells, the policy's self-assessment stands in a row of its own under the
//! point, and the departments span the rows the source prints them in one
//! cell for (the items' `departments_merged`). A second
//! sheet holds the two scales' legends, a third every note (a cell comment
//! does not print). Each row's id stands in a hidden last column.

use rust_xlsxwriter::{Format, FormatAlign, Note, Worksheet, XlsxError};

use super::latched::Latched;
use super::layout::{self, cell_text, lines_in, row_points};
use super::{pages, sheets};
use crate::domain::export::circled;
use crate::domain::model::{Item, Point, Recommendation, Report};
use crate::i18n::{BookMsg, Lang};

// The columns of the table.
const POINT: u16 = 0;
const POLICY_LABEL: u16 = 1;
const POLICY: u16 = 2;
const MEASURE: u16 = 3;
const PROGRESS: u16 = 4;
const PHASE: u16 = 5;
const ASSESSMENT: u16 = 6;
const DIRECTION: u16 = 7;
const DEPARTMENTS: u16 = 8;
/// The hidden column of ids.
pub const ID: u16 = 9;
/// Widths in characters (a wide character counts two).
const WIDTHS: [f64; 10] = [6.0, 4.0, 24.0, 30.0, 44.0, 6.0, 44.0, 6.0, 16.0, 10.0];
/// The rows of the scales' legends, printed on every page (from 0).
const LEGEND_ROWS: [u32; 2] = [2, 3];
/// The row of headings (from 0).
pub const HEADING_ROW: u32 = 4;

/// The measure's cell: its label as the source prints it, then its text.
pub fn measure_cell(label: Option<&str>, text: Option<&str>) -> String {
    match (label, text) {
        (Some(l), Some(t)) => format!("({l}) {t}"),
        (Some(l), None) => format!("({l})"),
        (None, Some(t)) => t.to_string(),
        (None, None) => String::new(),
    }
}

/// The recommendation's band: its number and title, then its points.
pub fn band_text(rec: &Recommendation, lang: Lang) -> String {
    band_of(rec, lang, false)
}

/// The band, its title marked 「（続き）」 on a page that goes on with it.
fn band_of(rec: &Recommendation, lang: Lang, continued: bool) -> String {
    let mut text = BookMsg::RecommendationHeading
        .fill(lang, &[("number", &rec.number), ("title", &rec.title)]);
    if continued {
        text.push_str(BookMsg::Continued.text(lang));
    }
    for p in &rec.points {
        text.push_str(&format!("\n{}　{}", circled(p.number), p.title));
    }
    text
}

/// The published workbook of `report` (already narrowed to the items to
/// show), its words in `lang`, as bytes (see [`publish_to`]).
pub fn published(report: Report, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut bytes = Vec::new();
    publish_to(report, lang, &mut bytes)?;
    Ok(bytes)
}

/// The published workbook of `report`, written to `out` as the zip is made
/// (never held whole). The table's sheet is written row by row in the
/// workbook's constant-memory mode (each row goes to a temporary file once
/// it is complete), and each recommendation is let go once its rows are
/// written, so the export holds little more than the records.
pub fn publish_to(
    mut report: Report,
    lang: Lang,
    out: impl std::io::Write + Send,
) -> Result<(), XlsxError> {
    let mut book = layout::book()?;
    // The notes are taken from the records before they are let go.
    let notes = sheets::note_rows(&report, lang);
    let recommendations = std::mem::take(&mut report.recommendations);
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name(BookMsg::SheetTable.text(lang))?;
    table(sheet, &report, recommendations, lang)?;
    let legend = book.add_worksheet();
    legend.set_name(BookMsg::SheetLegend.text(lang))?;
    sheets::legends(legend, &report, lang)?;
    let sheet = book.add_worksheet();
    sheet.set_name(BookMsg::SheetNotes.text(lang))?;
    sheets::notes(sheet, &notes, lang)?;
    book.save_to_writer(Latched::new(out))
}

/// The table's sheet: the heading rows from `report`, then the rows of
/// `recommendations`, in the order of rows (the constant-memory mode
/// cannot go back to a row once the next has begun).
fn table(
    sheet: &mut Worksheet,
    report: &Report,
    recommendations: Vec<Recommendation>,
    lang: Lang,
) -> Result<(), XlsxError> {
    heading(sheet, report, lang)?;
    let mut page = Page {
        row: HEADING_ROW + 1,
        used: 0.0,
        breaks: Vec::new(),
    };
    for (i, rec) in recommendations.into_iter().enumerate() {
        if i > 0 {
            page.new_page();
        }
        // Made once: a band is written again on every page its
        // recommendation goes on to.
        let band = Band::new(&band_text(&rec, lang));
        let again = Band::new(&band_of(&rec, lang, true));
        page.band(sheet, &band)?;
        for point in &rec.points {
            let rows = plan(point);
            let heights: Vec<f64> = rows.lines.iter().map(|&l| row_points(l)).collect();
            let total: f64 = heights.iter().sum();
            // A point that does not fit what is left of the page, but fits
            // a page, starts one.
            if page.used + total > pages::PAGE_POINTS && total + band.height <= pages::PAGE_POINTS {
                page.new_page();
                page.band(sheet, &again)?;
            }
            let chunks = pages::split(
                &heights,
                pages::PAGE_POINTS - page.used,
                pages::PAGE_POINTS - band.height,
            );
            for (c, range) in chunks.iter().enumerate() {
                if c > 0 {
                    page.new_page();
                    page.band(sheet, &again)?;
                }
                let done = point_rows(sheet, point, &rows, range.clone(), page.row, lang)?;
                page.used += heights[range.clone()].iter().sum::<f64>();
                page.row = done;
            }
        }
    }
    // Excel keeps at most 1,023 page breaks a sheet: a longer table breaks
    // its later pages by itself (its headings still repeat on every page).
    let kept = page.breaks.len().min(MAX_PAGE_BREAKS);
    sheet.set_page_breaks(&page.breaks[..kept])?;
    Ok(())
}

/// The page breaks a worksheet may hold (Excel's limit).
pub const MAX_PAGE_BREAKS: usize = 1023;

/// Where the table stands: its next row, how much of the printed page is
/// used (in the sheet's points), and the page breaks so far.
struct Page {
    row: u32,
    used: f64,
    breaks: Vec<u32>,
}

impl Page {
    fn new_page(&mut self) {
        self.breaks.push(self.row);
        self.used = 0.0;
    }

    /// A recommendation's band across the table.
    fn band(&mut self, sheet: &mut Worksheet, band: &Band) -> Result<(), XlsxError> {
        sheet.set_row_height(self.row, band.height)?;
        sheet.merge_range(
            self.row,
            POINT,
            self.row,
            DEPARTMENTS,
            &band.cell,
            &layout::band(),
        )?;
        self.row += 1;
        self.used += band.height;
        Ok(())
    }
}

/// A recommendation's band (its title and its points) as it goes into the
/// sheet: its cell's text and its row's height.
struct Band {
    cell: String,
    height: f64,
}

impl Band {
    fn new(text: &str) -> Band {
        let full: f64 = WIDTHS[..ID as usize].iter().sum();
        Band {
            cell: cell_text(text).into_owned(),
            height: row_points(lines_in(text, full)),
        }
    }
}

/// The title, the source and the row of headings, with the page set up
/// for printing.
fn heading(sheet: &mut Worksheet, report: &Report, lang: Lang) -> Result<(), XlsxError> {
    for (col, w) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(col as u16, *w)?;
    }
    sheet.set_column_hidden(ID)?;
    sheet.write_string_with_format(0, 0, cell_text(&report.title), &layout::title())?;
    sheet.write_string_with_format(1, 0, cell_text(&report.source), &layout::line())?;
    // Both scales on every page, as the source prints them.
    let full = WIDTHS[..ID as usize].iter().sum();
    for (row, scale) in LEGEND_ROWS
        .into_iter()
        .zip([&report.phase_scale, &report.direction_scale])
    {
        let text = sheets::legend_line(scale, lang);
        sheet.set_row_height(row, row_points(lines_in(&text, full)))?;
        sheet.merge_range(
            row,
            POINT,
            row,
            DEPARTMENTS,
            &cell_text(&text),
            &layout::plain(),
        )?;
    }
    let head = layout::heading();
    let t = |m: BookMsg| m.text(lang);
    let heading_lines = [
        (t(BookMsg::HeadMeasure), WIDTHS[MEASURE as usize]),
        (report.phase_scale.name.as_str(), WIDTHS[PHASE as usize]),
    ]
    .iter()
    .map(|(text, w)| lines_in(text, *w))
    .max()
    .unwrap_or(1);
    sheet.set_row_height(HEADING_ROW, row_points(heading_lines))?;
    for (col, text) in [
        (POINT, t(BookMsg::HeadPoint)),
        (MEASURE, t(BookMsg::HeadMeasure)),
        (PROGRESS, t(BookMsg::HeadProgress)),
        (PHASE, report.phase_scale.name.as_str()),
        (ASSESSMENT, t(BookMsg::HeadAssessment)),
        (DIRECTION, report.direction_scale.name.as_str()),
        (DEPARTMENTS, t(BookMsg::HeadDepartments)),
        (ID, t(BookMsg::HeadId)),
    ] {
        sheet.write_string_with_format(HEADING_ROW, col, cell_text(text), &head)?;
    }
    sheet.merge_range(
        HEADING_ROW,
        POLICY_LABEL,
        HEADING_ROW,
        POLICY,
        t(BookMsg::HeadPolicy),
        &head,
    )?;
    sheet.set_freeze_panes(HEADING_ROW + 1, 0)?;
    sheet.set_repeat_rows(LEGEND_ROWS[0], HEADING_ROW)?;
    sheets::print_setup(sheet, lang);
    Ok(())
}

/// Write `text` into the cells `first..=last` of column `col` (merged when
/// more than one row).
fn span(
    sheet: &mut Worksheet,
    col: u16,
    first: u32,
    last: u32,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    let text = cell_text(text);
    if last > first {
        sheet.merge_range(first, col, last, col, &text, format)?;
    } else {
        sheet.write_string_with_format(first, col, text, format)?;
    }
    Ok(())
}

/// Make rows `first..=last` together tall enough for `lines` lines: what
/// is missing goes to the last row.
fn fit(heights: &mut [usize], first: usize, last: usize, lines: usize) {
    let have: usize = heights[first..=last].iter().sum();
    if have < lines {
        heights[last] += lines - have;
    }
}

/// A cell that spans rows of a point: its first and last row (counted from
/// the point's first row) and its text.
struct Spanned {
    first: usize,
    last: usize,
    text: String,
}

/// One point's rows, worked out before any is written: its items, the
/// measures and the runs of shared departments that span them, and the
/// lines each row needs (the last row is the policy's self-assessment).
struct PointRows<'a> {
    items: Vec<&'a Item>,
    measures: Vec<Spanned>,
    departments: Vec<Spanned>,
    lines: Vec<usize>,
}

fn width(col: u16) -> f64 {
    WIDTHS[col as usize]
}

fn plan(point: &Point) -> PointRows<'_> {
    let items: Vec<&Item> = point.measures.iter().flat_map(|m| &m.items).collect();
    let mut lines: Vec<usize> = items
        .iter()
        .map(|item| {
            lines_in(&item.progress, width(PROGRESS))
                .max(lines_in(&item.assessment, width(ASSESSMENT)))
        })
        .collect();
    let assessment_width = width(PHASE) + width(ASSESSMENT) + width(DIRECTION) + width(DEPARTMENTS);
    lines.push(lines_in(&point.policy.assessment, assessment_width));
    let n = lines.len() - 1;
    fit(
        &mut lines,
        0,
        n,
        lines_in(&point.policy.text, width(POLICY)),
    );
    let mut measures = Vec::new();
    let mut at = 0;
    for m in point.measures.iter().filter(|m| !m.items.is_empty()) {
        let text = measure_cell(m.label.as_deref(), m.text.as_deref());
        let last = at + m.items.len() - 1;
        fit(&mut lines, at, last, lines_in(&text, width(MEASURE)));
        measures.push(Spanned {
            first: at,
            last,
            text,
        });
        at = last + 1;
    }
    let mut departments = Vec::new();
    let mut start = 0;
    for (k, item) in items.iter().enumerate() {
        // A run goes on only where the source merged the cells (and the
        // departments are the same): equal neighbours the source printed
        // apart stay apart.
        let run_ends = items
            .get(k + 1)
            .is_none_or(|next| !next.departments_merged || next.departments != item.departments);
        if run_ends {
            let text = items[start].departments.join("\n");
            fit(&mut lines, start, k, lines_in(&text, width(DEPARTMENTS)));
            departments.push(Spanned {
                first: start,
                last: k,
                text,
            });
            start = k + 1;
        }
    }
    PointRows {
        items,
        measures,
        departments,
        lines,
    }
}

/// The rows `range` of one point (its items, then, as the last, the
/// policy's self-assessment) from sheet row `first`: the point, the policy,
/// each measure and each run of shared departments spanning their rows of
/// the range (repeated on a page that goes on with the point). Returns the
/// next free row.
fn point_rows(
    sheet: &mut Worksheet,
    point: &Point,
    rows: &PointRows,
    range: std::ops::Range<usize>,
    first: u32,
    lang: Lang,
) -> Result<u32, XlsxError> {
    let n = rows.items.len();
    let (lo, hi) = (range.start, range.end);
    let at = |k: usize| first + (k - lo) as u32;
    let last = at(hi - 1);
    let body = layout::body();
    let code = layout::code();
    // The lines of this range's rows, made enough for what spans them here.
    let mut lines = rows.lines.clone();
    fit(
        &mut lines,
        lo,
        hi - 1,
        lines_in(&point.policy.text, width(POLICY)),
    );
    let mut spans: Vec<(u16, usize, usize, &str)> = Vec::new();
    for (col, list) in [(MEASURE, &rows.measures), (DEPARTMENTS, &rows.departments)] {
        for s in list.iter().filter(|s| s.first < hi.min(n) && s.last >= lo) {
            let (a, b) = (s.first.max(lo), s.last.min(hi.min(n) - 1));
            fit(&mut lines, a, b, lines_in(&s.text, width(col)));
            spans.push((col, a, b, &s.text));
        }
    }
    span(sheet, POINT, first, last, &circled(point.number), &code)?;
    span(sheet, POLICY_LABEL, first, last, &point.policy.label, &code)?;
    span(sheet, POLICY, first, last, &point.policy.text, &body)?;
    for (k, &height) in lines.iter().enumerate().take(hi).skip(lo) {
        sheet.set_row_height(at(k), row_points(height))?;
        if k == n {
            assessment_row(sheet, point, at(k), lang)?;
            continue;
        }
        for &(col, a, b, text) in spans.iter().filter(|s| s.1 == k) {
            span(sheet, col, at(a), at(b), text, &body)?;
        }
        item_cells(sheet, rows.items[k], at(k), lang)?;
    }
    Ok(last + 1)
}

/// An item's own cells, on row `row`.
fn item_cells(sheet: &mut Worksheet, item: &Item, row: u32, lang: Lang) -> Result<(), XlsxError> {
    let body = layout::body();
    let code = layout::code();
    sheet.write_string_with_format(row, PROGRESS, cell_text(&item.progress), &body)?;
    sheet.write_string_with_format(row, PHASE, cell_text(item.phase.as_str()), &code)?;
    sheet.write_string_with_format(row, ASSESSMENT, cell_text(&item.assessment), &body)?;
    sheet.write_string_with_format(row, DIRECTION, cell_text(item.direction.as_str()), &code)?;
    sheet.write_string(row, ID, cell_text(&item.id))?;
    if let Some(note) = &item.note {
        sheet.insert_note(row, PROGRESS, &note_of(note.text(lang)))?;
    }
    Ok(())
}

/// The policy's self-assessment, on row `row` under the point's items.
fn assessment_row(
    sheet: &mut Worksheet,
    point: &Point,
    row: u32,
    lang: Lang,
) -> Result<(), XlsxError> {
    let head = layout::body()
        .set_bold()
        .set_align(FormatAlign::VerticalCenter);
    sheet.merge_range(
        row,
        MEASURE,
        row,
        PROGRESS,
        BookMsg::HeadPolicyAssessment.text(lang),
        &head,
    )?;
    sheet.merge_range(
        row,
        PHASE,
        row,
        DEPARTMENTS,
        &cell_text(&point.policy.assessment),
        &layout::body(),
    )?;
    if let Some(note) = &point.policy.note {
        sheet.insert_note(row, MEASURE, &note_of(note.text(lang)))?;
    }
    Ok(())
}

fn note_of(text: &str) -> Note {
    Note::new(cell_text(text))
        .set_author("kensho")
        .set_width(320)
        .set_height(120)
}
