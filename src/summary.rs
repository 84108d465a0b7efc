//! Counts of a set of records, as `kensho check` prints them.

use std::fmt;

use unicode_width::UnicodeWidthStr;

use crate::model::{Report, Scale};

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

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.title)?;
        for (label, n) in [
            ("recommendations", self.recommendations),
            ("points", self.points),
            ("policies", self.policies),
            ("measures", self.measures),
            ("items", self.items),
            ("relisted items", self.relisted),
        ] {
            writeln!(f, "  {label:<16}{n:>4}")?;
        }
        for (title, rows) in [
            (format!("phase ({})", self.phase_name), &self.per_phase),
            (
                format!("direction ({})", self.direction_name),
                &self.per_direction,
            ),
        ] {
            writeln!(f, "{title}")?;
            let width = rows.iter().map(|(_, m, _)| m.width()).max().unwrap_or(0);
            for (code, meaning, n) in rows {
                writeln!(f, "  {:<4}{}  {n:>4}", code, pad(meaning, width))?;
            }
        }
        Ok(())
    }
}
