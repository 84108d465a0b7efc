//! Large synthetic reports for benchmarks: deterministic for a seed, with
//! Japanese text recombined from the phrases of real records.

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

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

fn sentence(rng: &mut ChaCha8Rng, vocab: &[String], phrases: usize) -> String {
    let mut s = String::new();
    for _ in 0..phrases {
        if let Some(p) = vocab.choose(rng) {
            s.push_str(p);
        }
    }
    s
}

const LABELS: [&str; 6] = ["ア", "イ", "ウ", "エ", "オ", "カ"];
const LETTERS: [&str; 6] = ["a", "b", "c", "d", "e", "f"];

/// A report shaped like `template` (same scales and departments) with `items`
/// items, 7 recommendations, and about 8 items per point.
pub fn generate(template: &Report, items: usize, seed: u64) -> Report {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let vocab = vocabulary(template);
    let departments = crate::search::all_departments(template);
    let phases = template.phase_scale.code_list();
    let directions = template.direction_scale.code_list();
    let recs = 7usize;
    let points_total = items.div_ceil(8).max(recs);
    let mut made = 0;
    let mut recommendations = Vec::new();
    for rn in 0..recs {
        let points_here = points_total / recs + usize::from(rn < points_total % recs);
        let mut points = Vec::new();
        for pn in 0..points_here {
            let mut measures = Vec::new();
            let want = if rn == recs - 1 && pn == points_here - 1 {
                items - made
            } else {
                8.min(items - made)
            };
            let mut left = want;
            let mut mi = 0;
            while left > 0 {
                let rows = rng.random_range(1..=3).min(left);
                let mut its = Vec::new();
                for row in 0..rows {
                    let letter = LETTERS[mi % LETTERS.len()];
                    let id = format!(
                        "{}-{}-{letter}{}{}",
                        rn + 1,
                        pn + 1,
                        mi / LETTERS.len(),
                        if row == 0 {
                            String::new()
                        } else {
                            format!("r{}", row + 1)
                        }
                    );
                    let n = rng.random_range(1..=3);
                    let deps: Vec<String> =
                        departments.choose_multiple(&mut rng, n).cloned().collect();
                    its.push(Item {
                        id,
                        progress: sentence(&mut rng, &vocab, 4),
                        phase: Phase(phases.choose(&mut rng).cloned().unwrap_or_default()),
                        assessment: sentence(&mut rng, &vocab, 4),
                        direction: Direction(
                            directions.choose(&mut rng).cloned().unwrap_or_default(),
                        ),
                        departments: deps,
                        relisted: false,
                        relists: None,
                        note: None,
                    });
                }
                measures.push(Measure {
                    label: Some(LABELS[mi % LABELS.len()].to_string()),
                    text: Some(sentence(&mut rng, &vocab, 2)),
                    items: its,
                });
                left -= rows;
                mi += 1;
            }
            made += want;
            points.push(Point {
                number: pn as u32 + 1,
                title: sentence(&mut rng, &vocab, 1),
                policy: Policy {
                    label: LABELS[pn % LABELS.len()].to_string(),
                    text: sentence(&mut rng, &vocab, 2),
                    assessment: sentence(&mut rng, &vocab, 3),
                    note: None,
                },
                measures,
            });
        }
        recommendations.push(Recommendation {
            number: rn as u32 + 1,
            title: sentence(&mut rng, &vocab, 1),
            points,
        });
    }
    Report {
        title: format!("synthetic report: {items} items, seed {seed}"),
        source: "kensho generate".to_string(),
        phase_scale: template.phase_scale.clone(),
        direction_scale: template.direction_scale.clone(),
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
