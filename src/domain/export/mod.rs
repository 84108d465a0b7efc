//! `kensho export`: the records as JSON (for scripts), CSV (for Excel) and
//! Markdown; the open data is [`crate::domain::opendata`].

mod csv_file;

use std::borrow::Cow;

use serde::Serialize;

pub use csv_file::{
    CSV_COLUMNS, CsvStyle, Headers, cell, department_separator, relisted_mark, to_csv,
};

use crate::domain::model::{ItemRef, Report, Scale};
use crate::i18n::Lang;
use crate::text::visible;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Csv,
    Markdown,
    /// A workbook laid out like the source ([`crate::workbook::publish`]).
    Xlsx,
    /// Two machine-readable tables for an open-data portal, written into a
    /// folder ([`crate::domain::opendata`]).
    Opendata,
}

/// A cell a spreadsheet would run as a formula (it starts with `=`, `+`,
/// `-` or `@`, or a tab or carriage return), made text by a leading `'`:
/// the rule OWASP gives against CSV injection. Every other cell as it is.
pub fn defused(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// `text` on one line: each line break (CRLF, CR or LF) becomes a space.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.contains(['\r', '\n']) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", " ").replace(['\r', '\n'], " "))
}

/// One item, flattened with its context: the shape scripts depend on.
#[derive(Debug, Serialize)]
pub struct ExportItem<'a> {
    pub id: &'a str,
    pub recommendation: u32,
    pub point: u32,
    pub policy: &'a str,
    pub measure: Option<&'a str>,
    pub measure_text: Option<&'a str>,
    pub progress: &'a str,
    pub phase: &'a str,
    pub assessment: &'a str,
    pub direction: &'a str,
    pub departments: &'a [String],
    pub relisted: bool,
    pub relists: Option<&'a str>,
    pub note: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct ExportPolicy<'a> {
    pub recommendation: u32,
    pub point: u32,
    pub label: &'a str,
    pub text: &'a str,
    pub assessment: &'a str,
    pub note: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct ExportPoint<'a> {
    number: u32,
    title: &'a str,
}

#[derive(Debug, Serialize)]
struct ExportRecommendation<'a> {
    number: u32,
    title: &'a str,
    points: Vec<ExportPoint<'a>>,
}

#[derive(Debug, Serialize)]
struct ExportDocument<'a> {
    title: &'a str,
    source: &'a str,
    phase_scale: &'a Scale,
    direction_scale: &'a Scale,
    recommendations: Vec<ExportRecommendation<'a>>,
    policies: Vec<ExportPolicy<'a>>,
    items: Vec<ExportItem<'a>>,
}

impl<'a> ExportItem<'a> {
    /// The item `r` with its context, its note in `lang`.
    pub fn of(r: ItemRef<'a>, lang: Lang) -> Self {
        ExportItem {
            id: &r.item.id,
            recommendation: r.recommendation.number,
            point: r.point.number,
            policy: &r.point.policy.label,
            measure: r.measure.label.as_deref(),
            measure_text: r.measure.text.as_deref(),
            progress: &r.item.progress,
            phase: r.item.phase.as_str(),
            assessment: &r.item.assessment,
            direction: r.item.direction.as_str(),
            departments: &r.item.departments,
            relisted: r.item.relisted,
            relists: r.item.relists.as_deref(),
            note: r.item.note.as_ref().map(|n| n.text(lang)),
        }
    }
}

/// Every policy, its note in `lang`.
pub fn policies(report: &Report, lang: Lang) -> Vec<ExportPolicy<'_>> {
    report
        .recommendations
        .iter()
        .flat_map(|r| {
            r.points.iter().map(move |p| ExportPolicy {
                recommendation: r.number,
                point: p.number,
                label: &p.policy.label,
                text: &p.policy.text,
                assessment: &p.policy.assessment,
                note: p.policy.note.as_ref().map(|n| n.text(lang)),
            })
        })
        .collect()
}

/// Why the records could not be put into a text format.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.say(Lang::En))]
pub enum ExportError {
    Json(#[source] serde_json::Error),
    Csv(#[source] csv::Error),
    /// A workbook is not text: [`crate::workbook`] makes it; nor is a
    /// folder of open data ([`crate::domain::opendata`]).
    NotText(Format),
}

impl ExportError {
    /// The sentence in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        let error = match self {
            ExportError::Json(e) => e.to_string(),
            ExportError::Csv(e) => e.to_string(),
            ExportError::NotText(format) => format!("{format:?}"),
        };
        crate::i18n::CliMsg::ErrExport.fill(lang, &[("error", &error)])
    }
}

impl From<csv::Error> for ExportError {
    fn from(e: csv::Error) -> ExportError {
        ExportError::Csv(e)
    }
}

/// The records in a text `format` (the workbook is made by
/// [`crate::workbook`], the open data by [`crate::domain::opendata`]), as
/// the text to print; the notes in `lang`.
pub fn export(
    report: &Report,
    format: Format,
    csv: CsvStyle,
    lang: Lang,
) -> Result<String, ExportError> {
    match format {
        Format::Json => to_json(report, lang),
        Format::Csv => to_csv(report, csv, lang),
        Format::Markdown => Ok(to_markdown(report, lang)),
        Format::Xlsx | Format::Opendata => Err(ExportError::NotText(format)),
    }
}

pub fn to_json(report: &Report, lang: Lang) -> Result<String, ExportError> {
    let doc = ExportDocument {
        title: &report.title,
        source: &report.source,
        phase_scale: &report.phase_scale,
        direction_scale: &report.direction_scale,
        recommendations: report
            .recommendations
            .iter()
            .map(|r| ExportRecommendation {
                number: r.number,
                title: &r.title,
                points: r
                    .points
                    .iter()
                    .map(|p| ExportPoint {
                        number: p.number,
                        title: &p.title,
                    })
                    .collect(),
            })
            .collect(),
        policies: policies(report, lang),
        items: report.items().map(|r| ExportItem::of(r, lang)).collect(),
    };
    // serde_json escapes every control character, so nothing raw reaches a terminal.
    crate::text::json::to_pretty_in(&doc, room_for(report)).map_err(ExportError::Json)
}

/// An empty buffer with room for an export of `report`: about twice its
/// text, and some for each item's names and marks. Room never written is
/// never in memory; a buffer that grows would copy itself (for a moment
/// twice its size).
fn room_for(report: &Report) -> Vec<u8> {
    let text: usize = report
        .items()
        .map(|r| {
            let i = r.item;
            let measure = r.measure.text.as_ref().map_or(0, String::len);
            i.progress.len() + i.assessment.len() + measure + r.point.title.len()
        })
        .sum();
    Vec::with_capacity(2 * text + 1024 * report.items().count())
}

/// ① for 1, ② for 2 … (the source's point numbers).
pub fn circled(n: u32) -> String {
    match n {
        1..=20 => char::from_u32(0x2460 + n - 1)
            .map(String::from)
            .unwrap_or_else(|| n.to_string()),
        _ => format!("({n})"),
    }
}

fn scale_line(scale: &Scale, code: &str) -> String {
    match scale.meaning(code) {
        Some(m) => format!("{code}（{m}）"),
        None => code.to_string(),
    }
}

/// A readable document: recommendation → point → policy → items.
pub fn to_markdown(report: &Report, lang: Lang) -> String {
    let v = |s: &str| visible(s).into_owned();
    let mut out = String::new();
    out.push_str(&format!(
        "# {}\n\n{}\n",
        v(&report.title),
        v(&report.source)
    ));
    for scale in [&report.phase_scale, &report.direction_scale] {
        out.push_str(&format!(
            "\n**{}**: {}\n\n",
            v(&scale.name),
            v(&scale.description)
        ));
        for c in &scale.codes {
            out.push_str(&format!("- {}：{}\n", v(&c.code), v(&c.meaning)));
        }
    }
    for rec in &report.recommendations {
        out.push_str(&format!("\n## 提言{} {}\n", rec.number, v(&rec.title)));
        for point in &rec.points {
            let policy = &point.policy;
            out.push_str(&format!(
                "\n### {} {}\n\n**取組方針 {}** {}\n\n**取組方針に対する自己評価** {}\n",
                circled(point.number),
                v(&point.title),
                v(&policy.label),
                v(&policy.text),
                v(&policy.assessment)
            ));
            if let Some(note) = &policy.note {
                out.push_str(&format!("\n> 注: {}\n", v(note.text(lang))));
            }
            for measure in &point.measures {
                for item in &measure.items {
                    let heading = match (&measure.label, &measure.text) {
                        (Some(l), _) => format!("({})", v(l)),
                        (None, Some(_)) => "（取組内容）".to_string(),
                        (None, None) => "（取組内容なし）".to_string(),
                    };
                    out.push_str(&format!("\n#### {} {}\n\n", item.id, heading));
                    if let Some(text) = &measure.text {
                        out.push_str(&format!("- 具体的な取組内容: {}\n", v(text)));
                    }
                    out.push_str(&format!("- 実施状況: {}\n", v(&item.progress)));
                    out.push_str(&format!(
                        "- {}: {}\n",
                        v(&report.phase_scale.name),
                        v(&scale_line(&report.phase_scale, item.phase.as_str()))
                    ));
                    out.push_str(&format!("- 自己評価: {}\n", v(&item.assessment)));
                    out.push_str(&format!(
                        "- {}: {}\n",
                        v(&report.direction_scale.name),
                        v(&scale_line(
                            &report.direction_scale,
                            item.direction.as_str()
                        ))
                    ));
                    out.push_str(&format!("- 担当部: {}\n", v(&item.departments.join("、"))));
                    if item.relisted {
                        match &item.relists {
                            Some(t) => out.push_str(&format!("- 【再掲】 {}\n", v(t))),
                            None => out.push_str("- 【再掲】\n"),
                        }
                    }
                    if let Some(note) = &item.note {
                        out.push_str(&format!("- 注: {}\n", v(note.text(lang))));
                    }
                }
            }
        }
    }
    out
}
