//! What the workbooks share: cell names, how text goes into a cell, how
//! tall a row must be for its text, and the cell formats.

use std::borrow::Cow;

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

use crate::text::visible;

/// The name of a cell as a spreadsheet shows it: `E7` for row 6, column 4
/// (both counted from 0).
pub fn cell_name(row: u32, col: u16) -> String {
    let mut letters = Vec::new();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// The most characters a cell holds (Excel's limit).
pub const CELL_LIMIT: usize = 32_767;

/// Whether `s` is longer than a cell holds.
pub fn too_long(s: &str) -> bool {
    s.chars().nth(CELL_LIMIT).is_some()
}

/// Record text as it goes into a cell: line breaks kept, control and
/// invisible characters shown visibly (as everywhere kensho shows text);
/// a text longer than a cell holds is cut, ending with how many characters
/// were left out (`…［+1234］`).
pub fn cell_text(s: &str) -> Cow<'_, str> {
    match visible(s) {
        Cow::Borrowed(b) => fit_cell(b),
        Cow::Owned(o) => Cow::Owned(fit_cell(&o).into_owned()),
    }
}

/// Text as it goes into a cell to be answered (a survey): exactly as the
/// records hold it, so that what comes back compares with them (the
/// workbook's XML holds control characters as `_xHHHH_`, which Excel and
/// calamine read back), cut only when longer than a cell holds.
pub fn fit_cell(shown: &str) -> Cow<'_, str> {
    if !too_long(shown) {
        return Cow::Borrowed(shown);
    }
    let total = shown.chars().count();
    let keep = CELL_LIMIT - 24;
    let mut cut: String = shown.chars().take(keep).collect();
    cut.push_str(&format!("…［+{}］", total - keep));
    Cow::Owned(cut)
}

/// The font of every cell: the one Japanese Windows uses by default
/// (LibreOffice substitutes a Japanese font it has).
pub const FONT: &str = "游ゴシック";
const FONT_SIZE: f64 = 10.0;
/// Points per line of text at [`FONT_SIZE`] (游ゴシック sets lines wide apart).
const LINE_POINTS: f64 = 15.0;
/// Excel's largest row height.
const MAX_ROW_POINTS: f64 = 409.0;

/// How much of a column's width (in Excel's units: the default font's
/// digits) a character of the table's font takes: a wide one about 1.6 at
/// 10 points against 游ゴシック 11's digits, a narrow one under one.
/// Estimated on the generous side, so that Excel never hides a line.
const WIDE_UNITS: f64 = 1.6;
const NARROW_UNITS: f64 = 0.9;

/// The lines `text` takes in a column `width` units wide, every line
/// break kept.
pub fn lines_in(text: &str, width: f64) -> usize {
    let per_line = (width - 1.0).max(2.0);
    text.split('\n')
        .map(|line| {
            let w: f64 = line
                .chars()
                .map(|c| match unicode_width::UnicodeWidthChar::width(c) {
                    Some(2) => WIDE_UNITS,
                    Some(0) => 0.0,
                    _ => NARROW_UNITS,
                })
                .sum();
            ((w / per_line).ceil() as usize).max(1)
        })
        .sum()
}

/// The height in points of a row of `lines` lines.
pub fn row_points(lines: usize) -> f64 {
    (lines as f64 * LINE_POINTS + 4.0).min(MAX_ROW_POINTS)
}

/// A workbook whose default format is Japanese (游ゴシック 11, the
/// Japanese character set), as Excel in Japan makes one: LibreOffice then
/// takes Japanese glyph forms, never Chinese ones, for text without a
/// format of its own.
pub fn book() -> Result<rust_xlsxwriter::Workbook, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let default = Format::new()
        .set_font_name(FONT)
        .set_font_size(11)
        .set_font_charset(128);
    book.set_default_format(&default, 18, 72)?;
    Ok(book)
}

/// A cell of the table: wrapped, top-aligned, with thin borders.
pub fn body() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_charset(128)
        .set_font_size(FONT_SIZE)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
}

/// A code cell (実施区分, 評価区分): centred.
pub fn code() -> Format {
    body().set_align(FormatAlign::Center)
}

/// A heading cell: bold, centred, shaded.
pub fn heading() -> Format {
    body()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xD9E1F2))
}

/// A band across the table (a recommendation): bold on a darker shade.
pub fn band() -> Format {
    body()
        .set_bold()
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xB4C6E7))
}

/// A title above the table.
pub fn title() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_charset(128)
        .set_font_size(14)
        .set_bold()
}

/// One line of text outside the table (it runs on over the next cells).
pub fn line() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_charset(128)
        .set_font_size(FONT_SIZE)
}

/// Plain wrapped text outside the table (the legend, the how-to).
pub fn plain() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_charset(128)
        .set_font_size(FONT_SIZE)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 4), "E7");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(0, 701), "ZZ1");
        assert_eq!(cell_name(0, 702), "AAA1");
    }

    #[test]
    fn a_text_longer_than_a_cell_is_cut_with_what_was_left_out() {
        let long = "児".repeat(CELL_LIMIT + 100);
        let cut = cell_text(&long);
        assert!(cut.chars().count() <= CELL_LIMIT);
        assert!(
            cut.ends_with(&format!("…［+{}］", 100 + 24)),
            "{}",
            &cut[cut.len() - 30..]
        );
        let fits = "児".repeat(CELL_LIMIT);
        assert_eq!(cell_text(&fits), fits);
    }

    #[test]
    fn lines_count_wide_characters_as_they_print_and_keep_breaks() {
        assert_eq!(lines_in("", 10.0), 1);
        // Nine units a line: nine narrow characters are 8.1, eleven go on.
        assert_eq!(lines_in("abcdefghi", 10.0), 1);
        assert_eq!(lines_in("abcdefghijk", 10.0), 2);
        // 児童相談所 is 8.0 units; six wide characters are 9.6.
        assert_eq!(lines_in("児童相談所", 10.0), 1);
        assert_eq!(lines_in("児童相談所長", 10.0), 2);
        assert_eq!(lines_in("a\nb\nc", 10.0), 3);
    }
}
