//! Large synthetic reports for benchmarks: deterministic for a seed, with
//! Japanese text recombined from the phrases of real records.

use crate::domain::model::{
    Direction, Item, Measure, Phase, Point, Policy, Recommendation, Report,
};

/// Phrases (cut at 、 and 。) of every text in `report`, sorted and unique.
pub fn vocabulary(report: &Report) -> Vec<String> {
    let mut phrases: Vec<String> = Vec::new();
    let mut add = |text: &str| {
        let mut current = String::new();
        for c in text.chars() {
            current.push(c);
            if c == '、' || c == '。' {
                let p = current.trim().to_string();
                if p.chars().count() > 1 {
                    phrases.push(p);
                }
                current.clear();
            }
        }
    };
    for r in report.items() {
        add(&r.item.progress);
        add(&r.item.assessment);
        if let Some(t) = &r.measure.text {
            add(t);
        }
    }
    phrases.sort();
    phrases.dedup();
    phrases
}

fn sentence(rng: &mut fastrand::Rng, vocab: &[String], phrases: usize) -> String {
    let mut s = String::new();
    for _ in 0..phrases {
        if let Some(p) = rng.choice(vocab) {
            s.push_str(p);
        }
    }
    s
}

const LABELS: [&str; 6] = ["ア", "イ", "ウ", "エ", "オ", "カ"];
const LETTERS: [&str; 6] = ["a", "b", "c", "d", "e", "f"];

/// What a synthetic report is made of: the template's words, departments
/// and codes, and one random stream (the same seed, the same report).
struct Maker {
    rng: fastrand::Rng,
    vocab: Vec<String>,
    departments: Vec<String>,
    phases: Vec<String>,
    directions: Vec<String>,
}

impl Maker {
    fn text(&mut self, words: usize) -> String {
        sentence(&mut self.rng, &self.vocab, words)
    }

    /// Row `row` of measure `mi` of point `pn` of recommendation `rn`.
    fn item(&mut self, rn: usize, pn: usize, mi: usize, row: usize) -> Item {
        let letter = LETTERS[mi % LETTERS.len()];
        let further = if row == 0 {
            String::new()
        } else {
            format!("r{}", row + 1)
        };
        let id = format!(
            "{}-{}-{letter}{}{further}",
            rn + 1,
            pn + 1,
            mi / LETTERS.len()
        );
        let n = self.rng.usize(1..=3);
        let departments = self
            .rng
            .choose_multiple(&self.departments, n)
            .into_iter()
            .cloned()
            .collect();
        let progress = self.text(4);
        let phase = Phase(self.rng.choice(&self.phases).cloned().unwrap_or_default());
        let assessment = self.text(4);
        let direction = Direction(
            self.rng
                .choice(&self.directions)
                .cloned()
                .unwrap_or_default(),
        );
        Item {
            id,
            progress,
            phase,
            assessment,
            direction,
            departments,
            departments_merged: false,
            relisted: false,
            relists: None,
            note: None,
        }
    }

    /// The measures of a point, `want` items in all, one to three rows each.
    fn measures(&mut self, rn: usize, pn: usize, want: usize) -> Vec<Measure> {
        let mut measures = Vec::new();
        let mut left = want;
        let mut mi = 0;
        while left > 0 {
            let rows = self.rng.usize(1..=3).min(left);
            let items = (0..rows).map(|row| self.item(rn, pn, mi, row)).collect();
            measures.push(Measure {
                label: Some(LABELS[mi % LABELS.len()].to_string()),
                text: Some(self.text(2)),
                items,
            });
            left -= rows;
            mi += 1;
        }
        measures
    }

    fn point(&mut self, rn: usize, pn: usize, want: usize) -> Point {
        let measures = self.measures(rn, pn, want);
        Point {
            number: pn as u32 + 1,
            title: self.text(1),
            policy: Policy {
                label: LABELS[pn % LABELS.len()].to_string(),
                text: self.text(2),
                assessment: self.text(3),
                note: None,
            },
            measures,
        }
    }
}

/// A report shaped like `template` (same scales and departments) with `items`
/// items, 7 recommendations, and about 8 items per point.
pub fn generate(template: &Report, items: usize, seed: u64) -> Report {
    let mut maker = Maker {
        rng: fastrand::Rng::with_seed(seed),
        vocab: vocabulary(template),
        departments: template.departments(),
        phases: template.phase_scale.code_list(),
        directions: template.direction_scale.code_list(),
    };
    let recs = 7usize;
    let points_total = items.div_ceil(8).max(recs);
    let mut made = 0;
    let mut recommendations = Vec::new();
    for rn in 0..recs {
        let points_here = points_total / recs + usize::from(rn < points_total % recs);
        let mut points = Vec::new();
        for pn in 0..points_here {
            let last = rn == recs - 1 && pn == points_here - 1;
            let want = if last {
                items - made
            } else {
                8.min(items - made)
            };
            points.push(maker.point(rn, pn, want));
            made += want;
        }
        recommendations.push(Recommendation {
            number: rn as u32 + 1,
            title: maker.text(1),
            points,
        });
    }
    Report {
        title: format!("synthetic report: {items} items, seed {seed}"),
        source: "kensho generate".to_string(),
        // A synthetic report belongs to no body and has no date.
        organisation: None,
        organisation_code: None,
        as_of: None,
        phase_scale: template.phase_scale.clone(),
        direction_scale: template.direction_scale.clone(),
        rounds: Vec::new(),
        recommendations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::load;

    #[test]
    fn the_same_seed_gives_the_same_report_and_every_id_is_unique() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records");
        let template = load(&path).unwrap().report;
        let a = generate(&template, 1000, 1);
        let b = generate(&template, 1000, 1);
        assert_eq!(a, b);
        assert_ne!(a, generate(&template, 1000, 2));
        let ids: Vec<String> = a.items().map(|r| r.item.id.clone()).collect();
        assert_eq!(ids.len(), 1000);
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 1000);
        assert_eq!(generate(&template, 13, 1).items().count(), 13);
    }
}
