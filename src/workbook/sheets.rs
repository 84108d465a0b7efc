//! The published workbook's sheets besides the table: the two scales'
//! legends, and every note of the records on a sheet that prints (a cell
//! comment does not).

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::layout::{self, cell_text, lines_in, row_points};
use crate::domain::export::circled;
use crate::domain::model::{Report, Scale};
use crate::i18n::{BookMsg, Lang};

/// Set `sheet` up for printing on A4 landscape, one page wide, with the
/// page footer.
pub(super) fn print_setup(sheet: &mut Worksheet, lang: Lang) {
    print_setup_with(sheet, BookMsg::PageFooter.text(lang));
}

/// [`print_setup`] with the page footer `footer` (`&P` the page, `&N` the
/// pages).
pub(super) fn print_setup_with(sheet: &mut Worksheet, footer: &str) {
    sheet
        .set_paper_size(9) // A4
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true)
        .set_footer(format!("&C{footer}"));
}

/// A scale on one line, as the source's page header prints it:
/// 「【実施区分】A：既に取り組んでいる項目　B：…」.
pub fn legend_line(scale: &Scale, lang: Lang) -> String {
    let sep = if lang == Lang::Ja { "：" } else { ": " };
    let gap = if lang == Lang::Ja { "　" } else { "   " };
    let codes: Vec<String> = scale
        .codes
        .iter()
        .map(|c| format!("{}{sep}{}", c.code, c.meaning))
        .collect();
    BookMsg::LegendLine.fill(lang, &[("name", &scale.name), ("codes", &codes.join(gap))])
}

/// The legends of the two scales, as the source's header block prints them:
/// each heading across both columns (never wrapped into the codes' narrow
/// one), then its codes with their meanings.
pub(super) fn legends(sheet: &mut Worksheet, report: &Report, lang: Lang) -> Result<(), XlsxError> {
    sheet.set_column_width(0, 6)?;
    sheet.set_column_width(1, 60)?;
    let bold = layout::plain().set_bold();
    let plain = layout::plain();
    let mut row = 0;
    let scales: [&Scale; 2] = [&report.phase_scale, &report.direction_scale];
    for scale in scales {
        let heading = BookMsg::LegendHeading.fill(
            lang,
            &[("name", &scale.name), ("description", &scale.description)],
        );
        sheet.merge_range(row, 0, row, 1, &cell_text(&heading), &bold)?;
        row += 1;
        for c in &scale.codes {
            sheet.write_string_with_format(row, 0, cell_text(&c.code), &plain)?;
            sheet.write_string_with_format(row, 1, cell_text(&c.meaning), &plain)?;
            row += 1;
        }
        row += 1;
    }
    print_setup(sheet, lang);
    Ok(())
}

/// Every note of the records with where it belongs (an item by its id and
/// place, a policy by its recommendation and point), in source order.
pub(super) fn note_rows(report: &Report, lang: Lang) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    for rec in &report.recommendations {
        for point in &rec.points {
            if let Some(note) = &point.policy.note {
                let place = BookMsg::WherePolicy.fill(
                    lang,
                    &[
                        ("recommendation", &rec.number),
                        ("point", &circled(point.number)),
                        ("label", &point.policy.label),
                    ],
                );
                rows.push((place, note.text(lang).to_string()));
            }
            for m in &point.measures {
                for item in &m.items {
                    let Some(note) = &item.note else { continue };
                    let label = m
                        .label
                        .as_deref()
                        .map(|l| format!(" ({l})"))
                        .unwrap_or_default();
                    let place = format!("{}　{}{label}", item.id, circled(point.number));
                    rows.push((place, note.text(lang).to_string()));
                }
            }
        }
    }
    rows
}

/// The notes' sheet: `rows` under their headings, printed with the table.
pub(super) fn notes(
    sheet: &mut Worksheet,
    rows: &[(String, String)],
    lang: Lang,
) -> Result<(), XlsxError> {
    const WHERE: f64 = 28.0;
    const NOTE: f64 = 100.0;
    sheet.set_column_width(0, WHERE)?;
    sheet.set_column_width(1, NOTE)?;
    sheet.merge_range(0, 0, 0, 1, BookMsg::NotesIntro.text(lang), &layout::line())?;
    let head = layout::heading();
    sheet.write_string_with_format(1, 0, BookMsg::HeadWhere.text(lang), &head)?;
    sheet.write_string_with_format(1, 1, BookMsg::HeadNote.text(lang), &head)?;
    let body = layout::body();
    for (k, (place, text)) in rows.iter().enumerate() {
        let row = 2 + k as u32;
        let lines = lines_in(text, NOTE).max(lines_in(place, WHERE));
        sheet.set_row_height(row, row_points(lines))?;
        sheet.write_string_with_format(row, 0, cell_text(place), &body)?;
        sheet.write_string_with_format(row, 1, cell_text(text), &body)?;
    }
    sheet.set_repeat_rows(1, 1)?;
    print_setup(sheet, lang);
    Ok(())
}
