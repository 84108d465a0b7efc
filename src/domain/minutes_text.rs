//! The minutes as a Markdown document, in Japanese or English.

use std::fmt::Write;

use crate::domain::minutes::{Minutes, Table};
use crate::domain::model::Report;
use crate::i18n::{CliMsg, Lang, Msg};
use crate::text::visible;

/// `2026-11-24 10:12` of an RFC 3339 time.
pub fn short_time(t: &str) -> String {
    t.get(..16).unwrap_or(t).replace('T', " ")
}

/// A text as a Markdown table cell: visible, on one line, `|` escaped.
fn cell(s: &str) -> String {
    visible(s).replace('\n', " ").replace('|', "\\|")
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

fn table(out: &mut String, report: &Report, t: &Table, lang: Lang) {
    let total = CliMsg::MinutesTotal.text(lang);
    let _ = writeln!(
        out,
        "| {} \\ {} | {} | {total} |",
        cell(&report.phase_scale.name),
        cell(&report.direction_scale.name),
        t.directions
            .iter()
            .map(|d| cell(d))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(out, "|---|{}---|", "---|".repeat(t.directions.len()));
    for (p, row) in t.phases.iter().zip(&t.counts) {
        let counts: Vec<String> = row.iter().map(usize::to_string).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(p),
            counts.join(" | "),
            row.iter().sum::<usize>()
        );
    }
    let columns: Vec<String> = (0..t.directions.len())
        .map(|j| t.counts.iter().map(|r| r[j]).sum::<usize>().to_string())
        .collect();
    let all: usize = t.counts.iter().flatten().sum();
    let _ = writeln!(out, "| {total} | {} | {all} |", columns.join(" | "));
}

fn head(out: &mut String, m: &Minutes, lang: Lang) {
    let t = |msg: CliMsg| msg.text(lang);
    let _ = writeln!(
        out,
        "# {}\n",
        CliMsg::MinutesTitle.fill(lang, &[("name", &cell(&m.name))])
    );
    let _ = writeln!(
        out,
        "- {}: {}",
        t(CliMsg::MinutesStarted),
        short_time(&m.started)
    );
    let closed = m
        .closed
        .as_deref()
        .map(short_time)
        .unwrap_or_else(|| t(CliMsg::MinutesStillOpen).to_string());
    let _ = writeln!(out, "- {}: {closed}", t(CliMsg::MinutesClosed));
    let chosen = m
        .chosen_by
        .as_deref()
        .map(|c| format!(" ({})", cell(c)))
        .unwrap_or_default();
    let agenda = CliMsg::MinutesAgendaCount.fill(lang, &[("count", &m.agenda.len())]);
    let _ = writeln!(out, "- {}: {agenda}{chosen}", t(CliMsg::MinutesAgenda));
    let reviewed = format!("{} / {}", m.reviewed.len(), m.agenda.len());
    let _ = writeln!(out, "- {}: {reviewed}\n", t(CliMsg::MinutesReviewed));
}

fn changes(out: &mut String, report: &Report, m: &Minutes, lang: Lang) {
    let t = |msg: CliMsg| msg.text(lang);
    let _ = writeln!(out, "## {}\n", t(CliMsg::MinutesChanges));
    if m.changes.is_empty() {
        let _ = writeln!(out, "{}\n", t(CliMsg::MinutesNoChanges));
    }
    let columns = [
        CliMsg::MinutesItem,
        CliMsg::MinutesField,
        CliMsg::MinutesOld,
        CliMsg::MinutesNew,
        CliMsg::MinutesReason,
        CliMsg::MinutesWho,
        CliMsg::MinutesWhen,
    ];
    for g in &m.changes {
        let rec = Msg::RecommendationNumber.fill(lang, &[("number", &g.recommendation)]);
        let point = crate::domain::export::circled(g.point);
        let _ = writeln!(
            out,
            "### {rec} {} / {point} {}\n",
            cell(&g.recommendation_title),
            cell(&g.point_title)
        );
        let _ = writeln!(out, "| {} |", columns.map(t).join(" | "));
        let _ = writeln!(out, "|{}", "---|".repeat(columns.len()));
        for c in &g.changes {
            let reason = c.reason.as_deref().map(cell).unwrap_or_default();
            let field = c.field.label(report, lang);
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {reason} | {} | {} |",
                cell(&c.item),
                cell(&field),
                cell(&c.old),
                cell(&c.new),
                cell(&c.user),
                short_time(&c.timestamp)
            );
        }
        out.push('\n');
    }
}

fn item_lists(out: &mut String, report: &Report, m: &Minutes, lang: Lang) {
    let t = |msg: CliMsg| msg.text(lang);
    let _ = writeln!(out, "## {}\n", t(CliMsg::MinutesReviewedItems));
    if m.reviewed.is_empty() {
        let _ = writeln!(out, "{}", t(CliMsg::MinutesNone));
    }
    for r in &m.reviewed {
        let outcome = if r.unchanged {
            CliMsg::OutcomeUnchanged
        } else {
            CliMsg::OutcomeChanged
        };
        let _ = writeln!(
            out,
            "- {} {} ({}, {})",
            cell(&r.item),
            t(outcome),
            cell(&r.by),
            short_time(&r.at)
        );
    }
    remarks(out, m, lang);
    let _ = writeln!(out, "\n## {}\n", t(CliMsg::MinutesNotReviewed));
    if m.not_reviewed.is_empty() {
        let _ = writeln!(out, "{}", t(CliMsg::MinutesNone));
    }
    // One line per recommendation: the list can be long.
    let mut lines: Vec<(Option<u32>, Vec<String>)> = Vec::new();
    let items = report.by_id();
    for id in &m.not_reviewed {
        let number = items.get(id.as_str()).map(|r| r.recommendation.number);
        match lines.last_mut() {
            Some((n, ids)) if *n == number => ids.push(cell(id)),
            _ => lines.push((number, vec![cell(id)])),
        }
    }
    for (number, ids) in lines {
        let rec = number
            .map(|n| Msg::RecommendationNumber.fill(lang, &[("number", &n)]))
            .unwrap_or_default();
        let _ = writeln!(out, "- {rec}: {}", ids.join(", "));
    }
}

/// What was said about the items (発言要旨), when anything was recorded:
/// each remark under its item, with who recorded it and when.
fn remarks(out: &mut String, m: &Minutes, lang: Lang) {
    if m.remarks.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## {}\n", CliMsg::MinutesRemarks.text(lang));
    let mut last: Option<&str> = None;
    for r in &m.remarks {
        if last != Some(r.item.as_str()) {
            let _ = writeln!(out, "- {}", cell(&r.item));
            last = Some(&r.item);
        }
        let _ = writeln!(
            out,
            "  - {} ({}, {})",
            cell(&r.text),
            cell(&r.by),
            short_time(&r.at)
        );
    }
}

/// The minutes as Markdown, in `lang`.
pub fn markdown(m: &Minutes, report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    head(&mut out, m, lang);
    changes(&mut out, report, m, lang);
    let (phase, direction) = (&report.phase_scale.name, &report.direction_scale.name);
    let title = CliMsg::MinutesTables.fill(lang, &[("phase", phase), ("direction", direction)]);
    let _ = writeln!(out, "## {}\n", cell(&title));
    let _ = writeln!(out, "### {}\n", CliMsg::MinutesBefore.text(lang));
    table(&mut out, report, &m.before, lang);
    let _ = writeln!(out, "\n### {}\n", CliMsg::MinutesAfter.text(lang));
    table(&mut out, report, &m.after, lang);
    out.push('\n');
    item_lists(&mut out, report, m, lang);
    out
}
