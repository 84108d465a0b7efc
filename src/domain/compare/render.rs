//! A comparison in words: the terminal's text and Markdown, in the
//! reader's language. Record text is always made visible (no control
//! character reaches a terminal or a document raw).

use std::fmt::Write;

use super::diff::{Run, marked, text_change};
use super::{Alone, Changed, Comparison, FieldChange, Matrix, Which};
use crate::domain::model::{Report, Scale};
use crate::i18n::{CompareMsg, Lang};
use crate::text::visible;
use crate::text::width::{pad, width};

/// What a comparison is told with: the table now (its scales name the
/// fields and give the codes' meanings), the earlier side's scales where
/// known, both sides' names and the language.
pub struct Telling<'a> {
    pub report: &'a Report,
    pub base_phase: Option<&'a Scale>,
    pub base_direction: Option<&'a Scale>,
    pub now: &'a str,
    pub base: &'a str,
    pub lang: Lang,
}

/// Record text on one line, made visible.
fn flat(s: &str) -> String {
    visible(&s.replace("\r\n", "\n").replace('\n', "\\n")).into_owned()
}

impl Telling<'_> {
    /// The field's word: the scale's own name for a code.
    pub fn field(&self, which: Which) -> String {
        let t = |m: CompareMsg| m.text(self.lang).to_string();
        match (which, self.lang) {
            (Which::Phase, Lang::En) => "phase".to_string(),
            (Which::Direction, Lang::En) => "direction".to_string(),
            (Which::Phase, Lang::Ja) => self.report.phase_scale.name.clone(),
            (Which::Direction, Lang::Ja) => self.report.direction_scale.name.clone(),
            (Which::Progress, _) => t(CompareMsg::Progress),
            (Which::Assessment, _) => t(CompareMsg::Assessment),
            (Which::Departments, _) => t(CompareMsg::Departments),
        }
    }

    /// A code with its meaning (this table's scale, else the earlier one's).
    pub fn code(&self, which: Which, code: &str) -> String {
        let (now, base) = match which {
            Which::Phase => (&self.report.phase_scale, self.base_phase),
            _ => (&self.report.direction_scale, self.base_direction),
        };
        match now
            .meaning(code)
            .or_else(|| base.and_then(|s| s.meaning(code)))
        {
            Some(m) => {
                CompareMsg::CodeWithMeaning.fill(self.lang, &[("code", &code), ("meaning", &m)])
            }
            None => code.to_string(),
        }
    }

    /// The heading: what is compared with what, and the counts.
    pub fn heading(&self, c: &Comparison) -> (String, String) {
        let head = CompareMsg::Heading.fill(
            self.lang,
            &[("now", &flat(self.now)), ("base", &flat(self.base))],
        );
        let counts = CompareMsg::Counts.fill(
            self.lang,
            &[
                ("changed", &c.changed.len()),
                ("added", &c.added.len()),
                ("removed", &c.removed.len()),
                ("renumbered", &c.renumbered.len()),
                ("unchanged", &c.unchanged),
            ],
        );
        (head, counts)
    }

    /// An item's heading: its id, and its earlier id when renumbered.
    pub fn item_name(&self, c: &Changed) -> String {
        let mut name = flat(&c.id);
        if let Some(old) = &c.base_id {
            name.push_str(&CompareMsg::RenumberedFrom.fill(self.lang, &[("old", &flat(old))]));
        }
        name
    }

    /// One changed field on one line: codes with their meanings, a text by
    /// the part that changed.
    pub fn change_line(&self, f: &FieldChange) -> String {
        let what = match f.field {
            Which::Phase | Which::Direction => format!(
                "{} → {}",
                flat(&self.code(f.field, &f.old)),
                flat(&self.code(f.field, &f.new))
            ),
            Which::Departments => format!(
                "{} → {}",
                flat(&f.old.replace('\n', "、")),
                flat(&f.new.replace('\n', "、"))
            ),
            _ => flat(&text_change(&f.old, &f.new)),
        };
        format!("{}: {what}", self.field(f.field))
    }

    /// An item on one side only, on one line.
    fn alone_line(&self, a: &Alone) -> String {
        let first: String = a.progress.chars().take(30).collect();
        let more = if a.progress.chars().nth(30).is_some() {
            "…"
        } else {
            ""
        };
        format!(
            "{}  {} {}  {} {}  「{}{more}」",
            flat(&a.id),
            self.field(Which::Phase),
            flat(&a.phase),
            self.field(Which::Direction),
            flat(&a.direction),
            flat(&first)
        )
    }

    fn suggestion_lines(&self, c: &Comparison) -> Vec<String> {
        c.suggestions
            .iter()
            .map(|s| {
                CompareMsg::SuggestionLine.fill(
                    self.lang,
                    &[
                        ("removed", &flat(&s.removed)),
                        ("added", &flat(&s.added)),
                        ("percent", &((s.likeness * 100.0).round() as u32)),
                    ],
                )
            })
            .collect()
    }

    /// A matrix as rows of cells: the corner and codes, each earlier code
    /// with its counts and removed, then the added.
    fn matrix_cells(&self, m: &Matrix) -> Vec<Vec<String>> {
        let t = |x: CompareMsg| x.text(self.lang).to_string();
        let mut rows = Vec::new();
        let mut head = vec![t(CompareMsg::MatrixCorner)];
        head.extend(m.codes.iter().map(|c| flat(c)));
        head.push(t(CompareMsg::MatrixRemoved));
        rows.push(head);
        for (a, code) in m.codes.iter().enumerate() {
            let mut row = vec![flat(code)];
            row.extend(m.counts[a].iter().map(|n| n.to_string()));
            row.push(m.removed[a].to_string());
            rows.push(row);
        }
        let mut added = vec![t(CompareMsg::MatrixAdded)];
        added.extend(m.added.iter().map(|n| n.to_string()));
        added.push(String::new());
        rows.push(added);
        rows
    }

    /// The comparison as the terminal shows it.
    pub fn text(&self, c: &Comparison) -> String {
        let mut out = String::new();
        let (head, counts) = self.heading(c);
        let _ = writeln!(out, "{head}\n{counts}");
        if c.changed.is_empty() && c.added.is_empty() && c.removed.is_empty() {
            let _ = writeln!(out, "{}", CompareMsg::NothingChanged.text(self.lang));
        }
        for ch in &c.changed {
            let _ = writeln!(out, "\n■ {}", self.item_name(ch));
            for f in &ch.fields {
                let _ = writeln!(out, "  {}", self.change_line(f));
            }
        }
        let lists = [
            (CompareMsg::AddedHeading, &c.added),
            (CompareMsg::RemovedHeading, &c.removed),
        ];
        for (heading, list) in lists {
            if !list.is_empty() {
                let _ = writeln!(out, "\n{}", heading.text(self.lang));
                for a in list {
                    let _ = writeln!(out, "  {}", self.alone_line(a));
                }
            }
        }
        let suggestions = self.suggestion_lines(c);
        if !suggestions.is_empty() {
            let _ = writeln!(out, "\n{}", CompareMsg::SuggestionsHeading.text(self.lang));
            for s in suggestions {
                let _ = writeln!(out, "  {s}");
            }
        }
        for (which, m) in [(Which::Phase, &c.phases), (Which::Direction, &c.directions)] {
            let heading =
                CompareMsg::MatrixHeading.fill(self.lang, &[("scale", &self.field(which))]);
            let _ = writeln!(out, "\n{heading}");
            let cells = self.matrix_cells(m);
            let cols: Vec<usize> = (0..cells[0].len())
                .map(|k| {
                    cells
                        .iter()
                        .filter_map(|r| r.get(k))
                        .map(|s| width(s))
                        .max()
                        .unwrap_or(1)
                        + 2
                })
                .collect();
            for row in cells {
                let line: String = row
                    .iter()
                    .zip(&cols)
                    .map(|(cell, w)| pad(cell, *w, "…"))
                    .collect();
                let _ = writeln!(out, "  {}", line.trim_end());
            }
        }
        out
    }

    /// The comparison as a Markdown document: each changed item a table of
    /// its fields, 旧 beside 新, the changed characters marked (<del> in
    /// 旧, <ins> in 新).
    pub fn markdown(&self, c: &Comparison) -> String {
        let t = |m: CompareMsg| m.text(self.lang);
        let mut out = String::new();
        let (head, counts) = self.heading(c);
        let _ = writeln!(out, "# {}\n\n{counts}", md(&head));
        if !c.changed.is_empty() {
            let _ = writeln!(out, "\n## {}", t(CompareMsg::ChangedHeading));
        }
        for ch in &c.changed {
            let _ = writeln!(out, "\n### {}\n", md(&self.item_name(ch)));
            let _ = writeln!(
                out,
                "| {} | {} | {} |\n|---|---|---|",
                t(CompareMsg::Field),
                t(CompareMsg::New),
                t(CompareMsg::Old)
            );
            for f in &ch.fields {
                let (new, old) = self.marked_cells(f);
                let _ = writeln!(out, "| {} | {new} | {old} |", md(&self.field(f.field)));
            }
        }
        let lists = [
            (CompareMsg::AddedHeading, &c.added),
            (CompareMsg::RemovedHeading, &c.removed),
        ];
        for (heading, list) in lists {
            if !list.is_empty() {
                let _ = writeln!(out, "\n## {}\n", heading.text(self.lang));
                for a in list {
                    let _ = writeln!(out, "- {}", md(&self.alone_line(a)));
                }
            }
        }
        let suggestions = self.suggestion_lines(c);
        if !suggestions.is_empty() {
            let _ = writeln!(out, "\n## {}\n", md(t(CompareMsg::SuggestionsHeading)));
            for s in suggestions {
                let _ = writeln!(out, "- {}", md(&s));
            }
        }
        for (which, m) in [(Which::Phase, &c.phases), (Which::Direction, &c.directions)] {
            let heading =
                CompareMsg::MatrixHeading.fill(self.lang, &[("scale", &self.field(which))]);
            let _ = writeln!(out, "\n## {}\n", md(&heading));
            for (k, row) in self.matrix_cells(m).iter().enumerate() {
                let cells: Vec<String> = row.iter().map(|s| md(s)).collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
                if k == 0 {
                    let _ = writeln!(out, "|{}", "---|".repeat(row.len()));
                }
            }
        }
        out
    }

    /// The new and the old cell of a field in Markdown, what changed marked.
    fn marked_cells(&self, f: &FieldChange) -> (String, String) {
        if !f.field.is_text() {
            return (
                md(&self.code(f.field, &f.new)),
                md(&self.code(f.field, &f.old)),
            );
        }
        let m = marked(&f.old, &f.new);
        let cell = |runs: &[Run], tag: &str| -> String {
            runs.iter()
                .map(|r| {
                    let text = md(&r.text);
                    if r.changed && !text.is_empty() {
                        format!("<{tag}>{text}</{tag}>")
                    } else {
                        text
                    }
                })
                .collect()
        };
        (cell(&m.new, "ins"), cell(&m.old, "del"))
    }
}

/// Text in a Markdown table cell: visible, `|`, `<`, `>` and `&` escaped,
/// line breaks as `<br>`.
fn md(s: &str) -> String {
    let v = visible(s);
    let mut out = String::with_capacity(v.len());
    for ch in v.chars() {
        match ch {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => {}
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}
