//! The minutes as Markdown: the document ([`super::doc`]) in plain text a
//! secretariat can hand out, paste into a mail, or convert.

use std::fmt::Write;

use super::Minutes;
use super::doc::{Block, Doc};
use crate::domain::model::Report;
use crate::i18n::Lang;

/// `2026-11-24 10:12` of an RFC 3339 time (as written: for the command
/// line's own lines, not the minutes).
pub fn short_time(t: &str) -> String {
    t.get(..16).unwrap_or(t).replace('T', " ")
}

/// Whether a report is written in Japanese (its title has kana or kanji):
/// then its minutes are too, unless asked otherwise.
pub fn report_lang(report: &Report) -> Lang {
    let japanese = report
        .title
        .chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'));
    if japanese { Lang::Ja } else { Lang::En }
}

/// A text in running Markdown: what would start a heading, a list or a
/// table, or emphasise, is escaped.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn table(out: &mut String, head: &[String], rows: &[Vec<String>]) {
    let row = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| text(c)).collect();
        format!("| {} |", cells.join(" | "))
    };
    let _ = writeln!(out, "{}", row(head));
    let _ = writeln!(out, "|{}", "---|".repeat(head.len()));
    for r in rows {
        let _ = writeln!(out, "{}", row(r));
    }
    out.push('\n');
}

/// `doc` as Markdown.
pub fn render(doc: &Doc) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", text(&doc.title));
    for block in &doc.blocks {
        match block {
            Block::Heading(level, title) => {
                let marks = "#".repeat(usize::from(*level) + 1);
                let _ = writeln!(out, "{marks} {}\n", text(title));
            }
            Block::Para(p) => {
                let _ = writeln!(out, "{}\n", text(p));
            }
            Block::Fields(fields) => {
                for (label, value) in fields {
                    let _ = writeln!(out, "- {}: {}", text(label), text(value));
                }
                out.push('\n');
            }
            Block::List(entries) => {
                for e in entries {
                    let _ = writeln!(out, "- {}", text(&e.text));
                    for sub in &e.sub {
                        let _ = writeln!(out, "  - {}", text(sub));
                    }
                }
                out.push('\n');
            }
            Block::Numbered(entries) => {
                for (n, e) in entries.iter().enumerate() {
                    let _ = writeln!(out, "{}. {}", n + 1, text(e));
                }
                out.push('\n');
            }
            Block::Table { head, rows } => table(&mut out, head, rows),
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The minutes as Markdown, in `lang`.
pub fn markdown(m: &Minutes, report: &Report, lang: Lang) -> String {
    render(&m.document(report, lang))
}
