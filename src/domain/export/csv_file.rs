//! `kensho export --format csv`: one row per item with everything above it,
//! so that the whole table (recommendations and points with their titles,
//! policies with label, text and self-assessment, measures, items) can be
//! built again from the file. A cell never holds a line break.

use super::{ExportError, ExportItem, circled, defused, one_line, room_for};
use crate::domain::model::{ItemRef, Report};
use crate::i18n::{BookMsg, Lang};
use crate::text::visible;

/// The headings of a CSV: the source's words (Japanese) or the English keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Headers {
    Ja,
    En,
}

/// How a CSV is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvStyle {
    pub headers: Headers,
    /// A column with the meaning beside each code.
    pub meanings: bool,
    /// Cells as they are, even those a spreadsheet would run as a formula
    /// (see [`defused`]).
    pub raw: bool,
}

/// CSV columns, in order (the English headings).
pub const CSV_COLUMNS: [&str; 19] = [
    "id",
    "recommendation",
    "recommendation_title",
    "point",
    "point_title",
    "policy",
    "policy_text",
    "policy_assessment",
    "policy_note",
    "measure",
    "measure_text",
    "progress",
    "phase",
    "assessment",
    "direction",
    "departments",
    "relisted",
    "relists",
    "note",
];

/// Where the phase and the direction stand in [`CSV_COLUMNS`]: a meaning
/// column goes after each.
const PHASE_AT: usize = 12;
const DIRECTION_AT: usize = 14;

/// How departments are joined in one cell: 、 in a Japanese file, `; ` in
/// an English one (no department name holds either in the source).
pub fn department_separator(headers: Headers) -> &'static str {
    match headers {
        Headers::Ja => "、",
        Headers::En => "; ",
    }
}

/// The mark of a relisted row: ○ in a Japanese file (the mark a Japanese
/// table puts in a column that applies, the cell left empty where it does
/// not), `yes` / `no` in an English one.
pub fn relisted_mark(relisted: bool, headers: Headers) -> &'static str {
    match (headers, relisted) {
        (Headers::Ja, true) => "○",
        (Headers::Ja, false) => "",
        (Headers::En, true) => "yes",
        (Headers::En, false) => "no",
    }
}

/// The CSV headings in the source's words, column by column as
/// [`CSV_COLUMNS`] (the scales' names from the records).
fn japanese_headings(report: &Report) -> [String; 19] {
    let t = |m: BookMsg| m.text(Lang::Ja).to_string();
    [
        t(BookMsg::HeadId),
        t(BookMsg::HeadRecommendation),
        t(BookMsg::HeadRecommendationTitle),
        t(BookMsg::HeadPoint),
        t(BookMsg::HeadPointTitle),
        t(BookMsg::HeadPolicyLabel),
        t(BookMsg::HeadPolicy),
        t(BookMsg::HeadPolicyAssessment),
        t(BookMsg::HeadPolicyNote),
        t(BookMsg::HeadMeasureLabel),
        t(BookMsg::HeadMeasure),
        t(BookMsg::HeadProgress),
        report.phase_scale.name.clone(),
        t(BookMsg::HeadAssessment),
        report.direction_scale.name.clone(),
        t(BookMsg::HeadDepartments),
        t(BookMsg::HeadRelisted),
        t(BookMsg::HeadRelists),
        t(BookMsg::HeadNote),
    ]
}

/// The headings of a CSV in `style`.
fn headings(report: &Report, style: CsvStyle) -> Vec<String> {
    let mut headings: Vec<String> = match style.headers {
        Headers::Ja => japanese_headings(report).to_vec(),
        Headers::En => CSV_COLUMNS.iter().map(|c| c.to_string()).collect(),
    };
    if style.meanings {
        let scales = [
            (DIRECTION_AT, &report.direction_scale, "direction_meaning"),
            (PHASE_AT, &report.phase_scale, "phase_meaning"),
        ];
        // The later one first, so that the earlier place still holds.
        for (at, scale, key) in scales {
            let heading = match style.headers {
                Headers::Ja => BookMsg::HeadMeaning.fill(Lang::Ja, &[("scale", &scale.name)]),
                Headers::En => key.to_string(),
            };
            headings.insert(at + 1, heading);
        }
    }
    headings
}

/// One item's cells, as [`headings`] names them (before they are made
/// one line, visible and defused).
fn row(report: &Report, r: ItemRef, style: CsvStyle, lang: Lang) -> Vec<String> {
    let e = ExportItem::of(r, lang);
    let policy = &r.point.policy;
    let point = match style.headers {
        Headers::Ja => circled(e.point),
        Headers::En => e.point.to_string(),
    };
    let mut row = vec![
        e.id.to_string(),
        e.recommendation.to_string(),
        r.recommendation.title.clone(),
        point,
        r.point.title.clone(),
        e.policy.to_string(),
        policy.text.clone(),
        policy.assessment.clone(),
        policy
            .note
            .as_ref()
            .map(|n| n.text(lang).to_string())
            .unwrap_or_default(),
        e.measure.unwrap_or_default().to_string(),
        e.measure_text.unwrap_or_default().to_string(),
        e.progress.to_string(),
        e.phase.to_string(),
        e.assessment.to_string(),
        e.direction.to_string(),
        e.departments.join(department_separator(style.headers)),
        relisted_mark(e.relisted, style.headers).to_string(),
        e.relists.unwrap_or_default().to_string(),
        e.note.unwrap_or_default().to_string(),
    ];
    if style.meanings {
        let direction = report.direction_scale.meaning(e.direction);
        row.insert(DIRECTION_AT + 1, direction.unwrap_or_default().to_string());
        let phase = report.phase_scale.meaning(e.phase);
        row.insert(PHASE_AT + 1, phase.unwrap_or_default().to_string());
    }
    row
}

/// A cell as it is written: on one line, control characters visible and,
/// unless `raw`, made text where a spreadsheet would run it.
pub fn cell(text: &str, raw: bool) -> String {
    let shown = visible(&one_line(text)).into_owned();
    match raw {
        true => shown,
        false => defused(&shown).into_owned(),
    }
}

/// UTF-8 with a byte-order mark and CRLF line ends, so that Excel on a Japanese
/// Windows PC opens it as UTF-8. No cell holds a line break: departments are
/// joined on one line, a line break inside a text is written as a space.
/// With `style.meanings`, a column after each code holds its meaning.
pub fn to_csv(report: &Report, style: CsvStyle, lang: Lang) -> Result<String, ExportError> {
    // A byte order mark first, so that Excel reads the file as UTF-8.
    let mut out = room_for(report);
    out.extend_from_slice("\u{feff}".as_bytes());
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let headings = headings(report, style);
    writer.write_record(headings.iter().map(|h| cell(h, true)))?;
    for r in report.items() {
        let cells = row(report, r, style, lang);
        writer.write_record(cells.iter().map(|c| cell(c, style.raw)))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    // Written from strings: UTF-8 throughout.
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_one_line_visible_and_defused() {
        assert_eq!(cell("a\r\nb\nc\rd", false), "a b c d");
        assert_eq!(cell("=cmd|' /C calc'!A0", false), "'=cmd|' /C calc'!A0");
        assert_eq!(cell("=1+1", true), "=1+1");
        assert_eq!(cell("\u{1b}[2J", false), "␛[2J");
    }

    #[test]
    fn marks_and_separators_follow_the_file_language() {
        assert_eq!(relisted_mark(true, Headers::Ja), "○");
        assert_eq!(relisted_mark(false, Headers::Ja), "");
        assert_eq!(relisted_mark(true, Headers::En), "yes");
        assert_eq!(relisted_mark(false, Headers::En), "no");
        assert_eq!(department_separator(Headers::Ja), "、");
        assert_eq!(department_separator(Headers::En), "; ");
    }
}
