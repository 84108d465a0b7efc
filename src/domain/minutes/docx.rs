//! The minutes as a Word document (docx-rs): A4, the Japanese font set for
//! East Asian text, real headings (Word's navigation pane and a PDF's
//! outline show them), the heading block and the counts as tables. The
//! bytes are made here; writing them is the store's ([`crate::store::out`]).

use docx_rs::{
    AlignmentType, Docx, Paragraph, Run, RunFonts, Style, StyleType, Table, TableCell, TableRow,
};

use super::doc::{Block, Doc};

/// A4 in twentieths of a point, and margins of 25 mm (30 mm at the top).
const A4: (u32, u32) = (11906, 16838);
const MARGIN: i32 = 1418;
const TOP: i32 = 1701;

/// The fonts: Mincho for the text, Gothic for the headings, as a city's
/// papers set them; Word and LibreOffice put their nearest font in place
/// where these are not installed.
const MINCHO: &str = "游明朝";
const GOTHIC: &str = "游ゴシック";
const LATIN: &str = "Century";

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(LATIN)
        .hi_ansi(LATIN)
}

fn heading_style(id: &str, name: &str, size: usize, level: usize) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .size(size)
        .bold()
        .fonts(fonts(GOTHIC))
        .outline_lvl(level)
}

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

fn cell(text: &str, bold: bool) -> TableCell {
    let run = Run::new().add_text(text);
    let run = if bold { run.bold() } else { run };
    TableCell::new().add_paragraph(Paragraph::new().add_run(run))
}

fn table(head: Option<&[String]>, rows: &[Vec<String>], first_bold: bool) -> Table {
    let mut out: Vec<TableRow> = Vec::new();
    if let Some(head) = head {
        out.push(TableRow::new(head.iter().map(|h| cell(h, true)).collect()));
    }
    for r in rows {
        let cells = r
            .iter()
            .enumerate()
            .map(|(i, c)| cell(c, first_bold && i == 0))
            .collect();
        out.push(TableRow::new(cells));
    }
    Table::new(out)
}

/// An entry of a list: a bullet (・) hanging so that a long entry wraps
/// under its text; `level` 1 is one step further in.
fn bullet(text: &str, level: i32) -> Paragraph {
    let left = 420 * (level + 1);
    Paragraph::new()
        .add_run(Run::new().add_text(format!("・{text}")))
        .indent(
            Some(left),
            Some(docx_rs::SpecialIndentType::Hanging(210)),
            None,
            None,
        )
}

/// `doc` as the bytes of a .docx file.
pub fn render(doc: &Doc) -> Result<Vec<u8>, std::io::Error> {
    let mut d = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            docx_rs::PageMargin::new()
                .top(TOP)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN),
        )
        .default_fonts(fonts(MINCHO))
        .default_size(21)
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .size(32)
                .bold()
                .fonts(fonts(GOTHIC))
                .align(AlignmentType::Center),
        )
        .add_style(heading_style("Heading1", "heading 1", 26, 0))
        .add_style(heading_style("Heading2", "heading 2", 23, 1))
        .add_paragraph(para(&doc.title).style("Title"));
    for block in &doc.blocks {
        d = match block {
            Block::Heading(1, title) => d.add_paragraph(para(title).style("Heading1")),
            Block::Heading(_, title) => d.add_paragraph(para(title).style("Heading2")),
            Block::Para(text) => d.add_paragraph(para(text)),
            Block::Fields(fields) => {
                let rows: Vec<Vec<String>> = fields
                    .iter()
                    .map(|(label, value)| vec![label.clone(), value.clone()])
                    .collect();
                // The labels' column narrow, the values' wide (the page's
                // width between its margins is 9,070 twips).
                d.add_table(table(None, &rows, true).set_grid(vec![2268, 6802]))
            }
            Block::List(entries) => {
                for e in entries {
                    d = d.add_paragraph(bullet(&e.text, 0));
                    for sub in &e.sub {
                        d = d.add_paragraph(bullet(sub, 1));
                    }
                }
                d
            }
            Block::Numbered(entries) => {
                for (n, e) in entries.iter().enumerate() {
                    let p = Paragraph::new()
                        .add_run(Run::new().add_text(format!("{}. {e}", n + 1)))
                        .indent(
                            Some(420),
                            Some(docx_rs::SpecialIndentType::Hanging(420)),
                            None,
                            None,
                        );
                    d = d.add_paragraph(p);
                }
                d
            }
            Block::Table { head, rows } => d.add_table(table(Some(head), rows, true)),
        };
        // Room after a table before what follows.
        if matches!(block, Block::Fields(_) | Block::Table { .. }) {
            d = d.add_paragraph(Paragraph::new());
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    d.build().pack(&mut out).map_err(std::io::Error::other)?;
    Ok(out.into_inner())
}
