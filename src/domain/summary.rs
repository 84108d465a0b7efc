//! Counts of a set of records, as `kensho check` prints them.

use unicode_width::UnicodeWidthStr;

use crate::domain::model::{Report, Scale};
use crate::i18n::{CliMsg, Lang};
use crate::text::visible;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub title: String,
    pub recommendations: usize,
    pub points: usize,
    pub policies: usize,
    pub measures: usize,
    pub items: usize,
    pub relisted: usize,
    /// (code, meaning, count) in scale order.
    pub per_phase: Vec<(String, String, usize)>,
    pub per_direction: Vec<(String, String, usize)>,
    pub phase_name: String,
    pub direction_name: String,
}

fn tally(scale: &Scale, codes: impl Iterator<Item = String>) -> Vec<(String, String, usize)> {
    let codes: Vec<String> = codes.collect();
    scale
        .codes
        .iter()
        .map(|c| {
            let n = codes.iter().filter(|x| **x == c.code).count();
            (c.code.clone(), c.meaning.clone(), n)
        })
        .collect()
}

impl Summary {
    pub fn of(report: &Report) -> Summary {
        let items: Vec<_> = report.items().collect();
        Summary {
            title: report.title.clone(),
            recommendations: report.recommendations.len(),
            points: report.point_count(),
            policies: report.point_count(),
            measures: report.measure_count(),
            items: items.len(),
            relisted: items.iter().filter(|r| r.item.relisted).count(),
            per_phase: tally(
                &report.phase_scale,
                items.iter().map(|r| r.item.phase.0.clone()),
            ),
            per_direction: tally(
                &report.direction_scale,
                items.iter().map(|r| r.item.direction.0.clone()),
            ),
            phase_name: report.phase_scale.name.clone(),
            direction_name: report.direction_scale.name.clone(),
        }
    }
}

fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

impl Summary {
    /// The counts as `kensho check` prints them, in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let _ = writeln!(out, "{}", visible(&self.title));
        for (label, n) in [
            (CliMsg::CountRecommendations, self.recommendations),
            (CliMsg::CountPoints, self.points),
            (CliMsg::CountPolicies, self.policies),
            (CliMsg::CountMeasures, self.measures),
            (CliMsg::CountItems, self.items),
            (CliMsg::CountRelisted, self.relisted),
        ] {
            let _ = writeln!(out, "  {}{n:>4}", pad(label.text(lang), 16));
        }
        for (title, name, rows) in [
            (CliMsg::CountPerPhase, &self.phase_name, &self.per_phase),
            (
                CliMsg::CountPerDirection,
                &self.direction_name,
                &self.per_direction,
            ),
        ] {
            let _ = writeln!(out, "{}", title.fill(lang, &[("scale", &visible(name))]));
            let width = rows.iter().map(|(_, m, _)| m.width()).max().unwrap_or(0);
            for (code, meaning, n) in rows {
                let _ = writeln!(
                    out,
                    "  {}{}  {n:>4}",
                    pad(&visible(code), 4),
                    pad(&visible(meaning), width)
                );
            }
        }
        out
    }
}
