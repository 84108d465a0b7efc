//! The records model: the report and its table, as serde types.
//!
//! Names follow `GLOSSARY.md`: a [`Report`] holds [`Recommendation`]s, each with
//! [`Point`]s; a point has one [`Policy`] and its [`Measure`]s; a measure holds the
//! [`Item`]s, the rows that carry a [`Phase`] and a [`Direction`]. The two scales
//! (実施区分 and 評価区分) are data of the report, not code: another report with
//! other codes loads without a code change.
//!
//! Every struct denies unknown fields, so a misspelt field is an error instead of
//! being dropped silently. Field order here is the order written to disk.

mod item_serde;

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// The verification report whose recommendations are tracked (検証報告書).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub title: String,
    /// Where the table comes from (publisher, document).
    pub source: String,
    /// The publishing body's name (地方公共団体名), e.g. 札幌市: a column of
    /// the open data (`kensho export --format opendata`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// Its 全国地方公共団体コード: six digits, the sixth a check digit of the
    /// first five (札幌市 011002); checked when the records load.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation_code: Option<String>,
    /// The table's date (時点), `YYYY-MM-DD`: the day its progress stands at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// 実施区分: when a measure is carried out or examined.
    pub phase_scale: Scale,
    /// 評価区分: what to do next, given the self-assessment.
    pub direction_scale: Scale,
    /// The rounds of review (a year's table each), the open one last
    /// (`kensho round start`); records written before rounds have none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<Round>,
    /// Empty in the folder layout's `report.ron`, where each recommendation has
    /// its own file; filled in the single-file layout.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recommendations: Vec<Recommendation>,
}

/// A round of review: the table of one year, from the day it started, and
/// the earlier table it is compared with (`kensho round`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    /// Its label, e.g. 令和8年度.
    pub name: String,
    /// The day it started, `YYYY-MM-DD`.
    pub started: String,
    /// What it compares with, as `kensho compare` takes it: a git tag, or a
    /// folder (relative to the records) holding the table as it was.
    pub base: String,
}

/// A scale of codes with their meanings, as printed in the source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// The scale's Japanese name, e.g. 実施区分.
    pub name: String,
    /// What the scale says, e.g. 具体的な取組の実施・検討の時期.
    pub description: String,
    pub codes: Vec<ScaleCode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleCode {
    pub code: String,
    pub meaning: String,
}

impl Scale {
    /// The meaning of `code`, if it is a code of this scale.
    pub fn meaning(&self, code: &str) -> Option<&str> {
        self.codes
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.meaning.as_str())
    }

    /// The position of `code` in the scale (for ordering and colours).
    pub fn index(&self, code: &str) -> Option<usize> {
        self.codes.iter().position(|c| c.code == code)
    }

    pub fn code_list(&self) -> Vec<String> {
        self.codes.iter().map(|c| c.code.clone()).collect()
    }

    /// A code as people type it, read as the scale writes it: the code
    /// itself, or the one code that it equals once both are folded alike
    /// (NFKC, spaces trimmed, upper case: Ⅱ, ⅱ and ＩＩ are II, ｂ is B);
    /// `None` when no code, or more than one, is meant. What `kensho import`
    /// reads in a workbook's cells and `kensho set` on its command line.
    pub fn code_of(&self, typed: &str) -> Option<String> {
        if let Some(c) = self.codes.iter().find(|c| c.code == typed) {
            return Some(c.code.clone());
        }
        let fold = |s: &str| s.nfkc().collect::<String>().trim().to_uppercase();
        let wanted = fold(typed);
        let mut meant = self.codes.iter().filter(|c| fold(&c.code) == wanted);
        match (meant.next(), meant.next()) {
            (Some(c), None) => Some(c.code.clone()),
            _ => None,
        }
    }
}

/// 提言: a numbered recommendation of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    pub number: u32,
    pub title: String,
    pub points: Vec<Point>,
}

impl Recommendation {
    /// Its items, in source order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.points
            .iter()
            .flat_map(|p| &p.measures)
            .flat_map(|m| &m.items)
    }

    /// Whether it holds one of the items `ids`.
    pub fn holds_any(&self, ids: &std::collections::BTreeSet<&str>) -> bool {
        self.items().any(|item| ids.contains(item.id.as_str()))
    }
}

/// 提言の項目: a numbered point under a recommendation (①–⑤).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Point {
    pub number: u32,
    pub title: String,
    pub policy: Policy,
    pub measures: Vec<Measure>,
}

/// 取組方針: the approach taken for one point, with its self-assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Katakana label: ア イ ウ エ オ.
    pub label: String,
    pub text: String,
    /// 取組方針に対する自己評価.
    pub assessment: String,
    /// What had to be interpreted when the policy was read from the source.
    #[serde(default)]
    pub note: Option<Note>,
}

/// A note of the records: what had to be interpreted when a place of the
/// source was read, or where the source contradicts itself, in Japanese and
/// in English (the reader's language is shown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub ja: String,
    pub en: String,
}

impl Note {
    /// The note in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

/// 具体的な取組内容: a concrete measure, labelled (ア) (イ) …; some rows have none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// The katakana inside the parentheses, e.g. `ア` for (ア); `None` when the
    /// source gives the rows no measure label.
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    pub items: Vec<Item>,
}

/// One row that carries a phase and a direction: the unit that is reviewed and edited.
///
/// Its `Serialize` is written by hand ([`item_serde`]): the records leave
/// out a `departments_merged` that is false, a binary copy never does.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Short, stable, ASCII id, stored once and never recomputed (see README).
    pub id: String,
    /// 実施状況.
    pub progress: String,
    /// 実施区分 code.
    pub phase: Phase,
    /// 自己評価.
    pub assessment: String,
    /// 評価区分 code.
    pub direction: Direction,
    /// 担当部, one entry per department with its bureau prefix, e.g. `子) 児童相談所`.
    pub departments: Vec<String>,
    /// The source prints these departments in one cell with the item
    /// above's (a merged cell): the published table merges them again.
    #[serde(default)]
    pub departments_merged: bool,
    /// 【再掲】: the row repeats one listed elsewhere.
    pub relisted: bool,
    /// The id of the row this one repeats, where it could be found.
    #[serde(default)]
    pub relists: Option<String>,
    /// What had to be interpreted when the row was read from the source.
    #[serde(default)]
    pub note: Option<Note>,
}

/// A code of the report's phase scale (実施区分), e.g. `A`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Phase(pub String);

/// A code of the report's direction scale (評価区分), e.g. `III`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Direction(pub String);

impl Phase {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Direction {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One item with everything above it: what export, search and the board read.
#[derive(Debug, Clone, Copy)]
pub struct ItemRef<'a> {
    pub recommendation: &'a Recommendation,
    pub point: &'a Point,
    pub measure: &'a Measure,
    pub item: &'a Item,
}

impl Report {
    /// Every item in source order, with its context.
    pub fn items(&self) -> impl Iterator<Item = ItemRef<'_>> {
        self.recommendations.iter().flat_map(|recommendation| {
            recommendation.points.iter().flat_map(move |point| {
                point.measures.iter().flat_map(move |measure| {
                    measure.items.iter().map(move |item| ItemRef {
                        recommendation,
                        point,
                        measure,
                        item,
                    })
                })
            })
        })
    }

    /// Every item by id, for many lookups (each [`Report::item`] is a scan).
    pub fn by_id(&self) -> std::collections::HashMap<&str, ItemRef<'_>> {
        self.items().map(|r| (r.item.id.as_str(), r)).collect()
    }

    /// The items whose ids are in `ids`, found in one pass (many lookups
    /// by [`Report::item`] would each scan the report).
    pub fn items_named<'a>(
        &'a self,
        ids: &std::collections::HashSet<&str>,
    ) -> std::collections::HashMap<&'a str, ItemRef<'a>> {
        self.items()
            .filter(|r| ids.contains(r.item.id.as_str()))
            .map(|r| (r.item.id.as_str(), r))
            .collect()
    }

    /// The items whose ids are in `ids`, to change, found in one pass.
    pub fn items_named_mut(
        &mut self,
        ids: &std::collections::HashSet<&str>,
    ) -> std::collections::HashMap<String, &mut Item> {
        self.items_mut()
            .filter(|i| ids.contains(i.id.as_str()))
            .map(|i| (i.id.clone(), i))
            .collect()
    }

    pub fn item(&self, id: &str) -> Option<ItemRef<'_>> {
        self.items().find(|r| r.item.id == id)
    }

    pub fn item_mut(&mut self, id: &str) -> Option<&mut Item> {
        self.items_mut().find(|i| i.id == id)
    }

    /// Every item in source order, to change.
    pub fn items_mut(&mut self) -> impl Iterator<Item = &mut Item> {
        self.recommendations
            .iter_mut()
            .flat_map(|r| r.points.iter_mut())
            .flat_map(|p| p.measures.iter_mut())
            .flat_map(|m| m.items.iter_mut())
    }

    /// The report with only the items `keep` accepts: measures, points and
    /// recommendations left without items go too.
    pub fn retaining(&self, keep: impl Fn(ItemRef) -> bool) -> Report {
        let mut out = Report {
            title: self.title.clone(),
            source: self.source.clone(),
            organisation: self.organisation.clone(),
            organisation_code: self.organisation_code.clone(),
            as_of: self.as_of.clone(),
            phase_scale: self.phase_scale.clone(),
            direction_scale: self.direction_scale.clone(),
            rounds: self.rounds.clone(),
            recommendations: Vec::new(),
        };
        for rec in &self.recommendations {
            let mut points = Vec::new();
            for point in &rec.points {
                let mut measures = Vec::new();
                for measure in &point.measures {
                    let items: Vec<Item> = measure
                        .items
                        .iter()
                        .filter(|item| {
                            keep(ItemRef {
                                recommendation: rec,
                                point,
                                measure,
                                item,
                            })
                        })
                        .cloned()
                        .collect();
                    if !items.is_empty() {
                        measures.push(Measure {
                            label: measure.label.clone(),
                            text: measure.text.clone(),
                            items,
                        });
                    }
                }
                if !measures.is_empty() {
                    points.push(Point {
                        number: point.number,
                        title: point.title.clone(),
                        policy: point.policy.clone(),
                        measures,
                    });
                }
            }
            if !points.is_empty() {
                out.recommendations.push(Recommendation {
                    points,
                    number: rec.number,
                    title: rec.title.clone(),
                });
            }
        }
        out
    }

    /// Every department named in the report, in order of first appearance.
    pub fn departments(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in self.items() {
            for d in &r.item.departments {
                if !out.contains(d) {
                    out.push(d.clone());
                }
            }
        }
        out
    }

    pub fn point_count(&self) -> usize {
        self.recommendations.iter().map(|r| r.points.len()).sum()
    }

    /// Measures that carry a label or a text (the unlabelled, textless groups of
    /// 1-③ are rows directly under the policy, not measures).
    pub fn measure_count(&self) -> usize {
        self.recommendations
            .iter()
            .flat_map(|r| r.points.iter())
            .flat_map(|p| p.measures.iter())
            .filter(|m| m.label.is_some() || m.text.is_some())
            .count()
    }
}

impl ItemRef<'_> {
    /// The measure label as shown: `(ア)`, or `None`.
    pub fn measure_label(&self) -> Option<String> {
        self.measure.label.as_ref().map(|l| format!("({l})"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale(codes: &[&str]) -> Scale {
        Scale {
            name: "実施区分".into(),
            description: String::new(),
            codes: codes
                .iter()
                .map(|c| ScaleCode {
                    code: c.to_string(),
                    meaning: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn a_code_is_read_as_the_scale_writes_it_and_never_guessed() {
        let roman = scale(&["I", "II", "III"]);
        assert_eq!(roman.code_of("Ⅱ").as_deref(), Some("II"));
        assert_eq!(roman.code_of("ⅱ").as_deref(), Some("II"));
        assert_eq!(roman.code_of(" ii ").as_deref(), Some("II"));
        assert_eq!(roman.code_of("IV"), None);
        let letters = scale(&["A", "B", "C", "D"]);
        assert_eq!(letters.code_of("Ｂ").as_deref(), Some("B"));
        assert_eq!(letters.code_of("ｂ").as_deref(), Some("B"));
        assert_eq!(letters.code_of("E"), None);
        // A scale written in full-width or roman numerals reads its own codes.
        let wide = scale(&["Ａ", "Ⅱ"]);
        assert_eq!(wide.code_of("Ａ").as_deref(), Some("Ａ"));
        assert_eq!(wide.code_of("A").as_deref(), Some("Ａ"));
        assert_eq!(wide.code_of("II").as_deref(), Some("Ⅱ"));
        // Codes that differ only by case: the exact one, or none.
        let cased = scale(&["a", "A"]);
        assert_eq!(cased.code_of("A").as_deref(), Some("A"));
        assert_eq!(cased.code_of("a").as_deref(), Some("a"));
        assert_eq!(cased.code_of("ａ"), None);
    }
}
