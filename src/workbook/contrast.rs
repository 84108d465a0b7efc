//! The 新旧対照表 of a comparison: one row per item changed, added or
//! removed, 新 beside 旧 (新 on the left, as a Japanese 新旧対照表 sets
//! them), each changed field under its name, the characters that changed
//! underlined (新: put in; 旧: taken out). A second sheet holds the
//! transitions of both scales. Printed on A4 landscape, one page wide, the
//! headings on every page.

use rust_xlsxwriter::{Format, FormatUnderline, Worksheet, XlsxError};

use super::layout::{self, CELL_LIMIT, lines_in, row_points};
use super::sheets::print_setup_with;
use crate::domain::compare::diff::{Run, marked};
use crate::domain::compare::render::Telling;
use crate::domain::compare::{Alone, Changed, Comparison, Which};
use crate::i18n::CompareMsg;
use crate::text::visible;

const ITEM: u16 = 0;
const NEW: u16 = 1;
const OLD: u16 = 2;
const WIDTHS: [f64; 3] = [14.0, 70.0, 70.0];
const HEADING_ROW: u32 = 2;

/// A cell's text as runs, each marked or not.
type Runs = Vec<(String, bool)>;

/// The workbook of `c`, told as `t` tells it.
pub fn contrast(c: &Comparison, t: &Telling) -> Result<Vec<u8>, XlsxError> {
    let mut book = layout::book()?;
    let sheet = book.add_worksheet();
    sheet.set_name(CompareMsg::SheetContrast.text(t.lang))?;
    table(sheet, c, t)?;
    let sheet = book.add_worksheet();
    sheet.set_name(CompareMsg::SheetMatrix.text(t.lang))?;
    matrices(sheet, c, t)?;
    book.save_to_buffer()
}

fn table(sheet: &mut Worksheet, c: &Comparison, t: &Telling) -> Result<(), XlsxError> {
    let lang = t.lang;
    for (col, w) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(col as u16, *w)?;
    }
    let title = CompareMsg::ContrastTitle.fill(lang, &[("base", &visible(t.base))]);
    sheet.write_string_with_format(0, 0, fit(&title), &layout::title())?;
    let (_, counts) = t.heading(c);
    let note = format!("{counts}　{}", CompareMsg::ContrastNote.text(lang));
    sheet.write_string_with_format(1, 0, fit(&note), &layout::line())?;
    let head = layout::heading();
    for (col, m) in [
        (ITEM, CompareMsg::Item),
        (NEW, CompareMsg::New),
        (OLD, CompareMsg::Old),
    ] {
        sheet.write_string_with_format(HEADING_ROW, col, m.text(lang), &head)?;
    }
    let mut row = HEADING_ROW + 1;
    for ch in &c.changed {
        let (new, old) = changed_runs(ch, t);
        write_row(sheet, row, &t.item_name(ch), &new, &old)?;
        row += 1;
    }
    for a in &c.added {
        let mark = vec![(CompareMsg::ContrastAddedMark.text(lang).to_string(), false)];
        write_row(sheet, row, &a.id, &alone_runs(a, t), &mark)?;
        row += 1;
    }
    for a in &c.removed {
        let mark = vec![(
            CompareMsg::ContrastRemovedMark.text(lang).to_string(),
            false,
        )];
        write_row(sheet, row, &a.id, &mark, &alone_runs(a, t))?;
        row += 1;
    }
    sheet.set_freeze_panes(HEADING_ROW + 1, 0)?;
    sheet.set_repeat_rows(HEADING_ROW, HEADING_ROW)?;
    print_setup_with(sheet, CompareMsg::Footer.text(lang));
    Ok(())
}

/// The 新 and 旧 cells of a changed item: each changed field under its
/// name, what changed marked.
fn changed_runs(ch: &Changed, t: &Telling) -> (Runs, Runs) {
    let (mut new, mut old): (Runs, Runs) = (Vec::new(), Vec::new());
    for (k, f) in ch.fields.iter().enumerate() {
        let name = format!(
            "{}【{}】\n",
            if k > 0 { "\n" } else { "" },
            t.field(f.field)
        );
        new.push((name.clone(), false));
        old.push((name, false));
        if f.field.is_text() {
            let m = marked(&f.old, &f.new);
            let runs = |r: &[Run]| {
                r.iter()
                    .map(|x| (x.text.clone(), x.changed))
                    .collect::<Runs>()
            };
            new.extend(runs(&m.new));
            old.extend(runs(&m.old));
        } else {
            new.push((t.code(f.field, &f.new), true));
            old.push((t.code(f.field, &f.old), true));
        }
    }
    (new, old)
}

/// Every field of an item on one side only, unmarked.
fn alone_runs(a: &Alone, t: &Telling) -> Runs {
    let fields = [
        (Which::Phase, t.code(Which::Phase, &a.phase)),
        (Which::Progress, a.progress.clone()),
        (Which::Assessment, a.assessment.clone()),
        (Which::Direction, t.code(Which::Direction, &a.direction)),
    ];
    let mut out = Vec::new();
    for (k, (which, text)) in fields.into_iter().enumerate() {
        let gap = if k > 0 { "\n" } else { "" };
        out.push((format!("{gap}【{}】\n{text}", t.field(which)), false));
    }
    out
}

/// One row: the item, then 新 and 旧 as rich text, tall enough for both.
fn write_row(
    sheet: &mut Worksheet,
    row: u32,
    item: &str,
    new: &Runs,
    old: &Runs,
) -> Result<(), XlsxError> {
    let body = layout::body();
    let joined = |r: &Runs| {
        r.iter()
            .map(|(s, _)| visible(s).into_owned())
            .collect::<String>()
    };
    let lines = lines_in(&joined(new), WIDTHS[1]).max(lines_in(&joined(old), WIDTHS[2]));
    sheet.set_row_height(row, row_points(lines))?;
    sheet.write_string_with_format(row, ITEM, fit(item), &body)?;
    rich(sheet, row, NEW, new, &body)?;
    rich(sheet, row, OLD, old, &body)?;
    Ok(())
}

/// `runs` in the cell as a rich string: marked runs underlined (bold too,
/// so that a copy in black and white shows them), record text made visible,
/// cut where the cell is full.
fn rich(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    runs: &Runs,
    cell: &Format,
) -> Result<(), XlsxError> {
    let plain = layout::line();
    let mark = layout::line()
        .set_underline(FormatUnderline::Single)
        .set_bold();
    let mut room = CELL_LIMIT - 16;
    let mut parts: Vec<(&Format, String)> = Vec::new();
    for (text, marked) in runs {
        let shown = visible(text);
        let take: String = shown.chars().take(room).collect();
        room -= take.chars().count();
        if !take.is_empty() {
            parts.push((if *marked { &mark } else { &plain }, take));
        }
        if room == 0 {
            parts.push((&plain, "…".to_string()));
            break;
        }
    }
    if parts.is_empty() {
        sheet.write_blank(row, col, cell)?;
        return Ok(());
    }
    let segments: Vec<(&Format, &str)> = parts.iter().map(|(f, s)| (*f, s.as_str())).collect();
    sheet.write_rich_string_with_format(row, col, &segments, cell)?;
    Ok(())
}

fn fit(s: &str) -> String {
    layout::cell_text(s).into_owned()
}

/// Both scales' transitions, a table each: earlier codes down, codes now
/// across, the removed in the last column, the added in the last row.
fn matrices(sheet: &mut Worksheet, c: &Comparison, t: &Telling) -> Result<(), XlsxError> {
    let head = layout::heading();
    let code = layout::code();
    let mut row = 0u32;
    sheet.set_column_width(0, 12)?;
    for (which, m) in [(Which::Phase, &c.phases), (Which::Direction, &c.directions)] {
        let title = CompareMsg::MatrixHeading.fill(t.lang, &[("scale", &t.field(which))]);
        sheet.write_string_with_format(row, 0, fit(&title), &layout::line().set_bold())?;
        row += 1;
        sheet.write_string_with_format(row, 0, CompareMsg::MatrixCorner.text(t.lang), &head)?;
        let n = m.codes.len() as u16;
        for (k, code_name) in m.codes.iter().enumerate() {
            sheet.write_string_with_format(row, 1 + k as u16, fit(code_name), &head)?;
        }
        sheet.write_string_with_format(
            row,
            1 + n,
            CompareMsg::MatrixRemoved.text(t.lang),
            &head,
        )?;
        for (a, from) in m.codes.iter().enumerate() {
            let r = row + 1 + a as u32;
            sheet.write_string_with_format(r, 0, fit(from), &head)?;
            for (b, count) in m.counts[a].iter().enumerate() {
                sheet.write_number_with_format(r, 1 + b as u16, *count as f64, &code)?;
            }
            sheet.write_number_with_format(r, 1 + n, m.removed[a] as f64, &code)?;
        }
        let r = row + 1 + u32::from(n);
        sheet.write_string_with_format(r, 0, CompareMsg::MatrixAdded.text(t.lang), &head)?;
        for (b, count) in m.added.iter().enumerate() {
            sheet.write_number_with_format(r, 1 + b as u16, *count as f64, &code)?;
        }
        row = r + 2;
    }
    print_setup_with(sheet, CompareMsg::Footer.text(t.lang));
    Ok(())
}
