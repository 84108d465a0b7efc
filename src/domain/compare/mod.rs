//! The table compared with an earlier version of itself (a git revision,
//! another records folder, a published workbook): per item, each field
//! that changed; the items added and removed; the phase and direction
//! transitions; items renumbered on purpose (through the id map, [`ids`])
//! and items that only seem renamed (a suggestion, never a match).
//!
//! Pure: both sides come in as [`Side`]s (rows of an item's own fields),
//! and the comparison is one pass over each side plus a diff of each text
//! that changed, so its cost grows with the items (linear) and with the
//! changed texts' lengths.

pub mod diff;
pub mod ids;
pub mod matrix;
pub mod pieces;
pub mod render;

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::domain::field::Field;
use crate::domain::model::{Report, Scale};
pub use diff::text_change;
pub use ids::{IDS_FILE, IdMap, IdsError};
pub use matrix::Matrix;

/// One item's own fields, as one side of a comparison holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    /// Its recommendation and point, where known (rename suggestions are
    /// looked for within a point).
    pub point: Option<(u32, u32)>,
    pub phase: String,
    pub direction: String,
    pub progress: String,
    pub assessment: String,
    pub departments: Vec<String>,
}

/// One side of a comparison: its rows in table order and, where known,
/// its scales (a published workbook carries codes, not scales).
#[derive(Debug, Clone, Default)]
pub struct Side {
    pub rows: Vec<Row>,
    pub phase_scale: Option<Scale>,
    pub direction_scale: Option<Scale>,
}

impl Side {
    /// The items of `report`.
    pub fn of(report: &Report) -> Side {
        let rows = report
            .items()
            .map(|r| Row {
                id: r.item.id.clone(),
                point: Some((r.recommendation.number, r.point.number)),
                phase: r.item.phase.as_str().to_string(),
                direction: r.item.direction.as_str().to_string(),
                progress: r.item.progress.clone(),
                assessment: r.item.assessment.clone(),
                departments: r.item.departments.clone(),
            })
            .collect();
        Side {
            rows,
            phase_scale: Some(report.phase_scale.clone()),
            direction_scale: Some(report.direction_scale.clone()),
        }
    }
}

/// Which field of an item changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Which {
    Phase,
    Direction,
    Progress,
    Assessment,
    Departments,
}

impl Which {
    /// The field as edits name it (departments are not edited in kensho).
    pub fn field(self) -> Option<Field> {
        match self {
            Which::Phase => Some(Field::Phase),
            Which::Direction => Some(Field::Direction),
            Which::Progress => Some(Field::Progress),
            Which::Assessment => Some(Field::Assessment),
            Which::Departments => None,
        }
    }

    /// Whether the field is a text (shown by the part that changed).
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Which::Progress | Which::Assessment | Which::Departments
        )
    }
}

/// A field that changed: what it held, what it holds (departments one a
/// line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: Which,
    pub old: String,
    pub new: String,
}

/// An item found on both sides with a field changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changed {
    pub id: String,
    /// Its id on the earlier side, when it was renumbered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_id: Option<String>,
    pub fields: Vec<FieldChange>,
}

/// An item on one side only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alone {
    pub id: String,
    pub phase: String,
    pub direction: String,
    pub progress: String,
    pub assessment: String,
}

impl Alone {
    fn of(row: &Row) -> Alone {
        Alone {
            id: row.id.clone(),
            phase: row.phase.clone(),
            direction: row.direction.clone(),
            progress: row.progress.clone(),
            assessment: row.assessment.clone(),
        }
    }
}

/// An item renumbered through the id map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Renumbered {
    pub old: String,
    pub new: String,
}

/// A removed item and an added one whose texts are nearly the same: maybe
/// one item given a new id. Said, never matched: add it to the id map if
/// it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub removed: String,
    pub added: String,
    /// How alike their progress and self-assessment are, 0 to 1.
    pub likeness: f32,
}

/// What changed between the earlier side (the base) and this one.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Comparison {
    pub changed: Vec<Changed>,
    pub added: Vec<Alone>,
    pub removed: Vec<Alone>,
    pub renumbered: Vec<Renumbered>,
    pub suggestions: Vec<Suggestion>,
    /// Items on both sides with nothing changed.
    pub unchanged: usize,
    pub phases: Matrix,
    pub directions: Matrix,
}

/// What a board marks of a comparison: per item changed, what each changed
/// field held before; the items added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Earlier {
    /// The base, as it was given.
    pub base: String,
    pub changed: HashMap<String, Vec<FieldChange>>,
    pub added: HashSet<String>,
}

impl Earlier {
    pub fn of(c: &Comparison, base: &str) -> Earlier {
        Earlier {
            base: base.to_string(),
            changed: c
                .changed
                .iter()
                .map(|ch| (ch.id.clone(), ch.fields.clone()))
                .collect(),
            added: c.added.iter().map(|a| a.id.clone()).collect(),
        }
    }

    /// The items changed or added since the base.
    pub fn ids(&self) -> std::collections::BTreeSet<String> {
        self.changed.keys().chain(&self.added).cloned().collect()
    }

    /// Whether item `id` changed (or is new) since the base.
    pub fn marks(&self, id: &str) -> bool {
        self.changed.contains_key(id) || self.added.contains(id)
    }

    /// What `which` of item `id` held in the base, when it changed.
    pub fn old(&self, id: &str, which: Which) -> Option<&str> {
        self.changed
            .get(id)?
            .iter()
            .find(|f| f.field == which)
            .map(|f| f.old.as_str())
    }
}

/// How alike a removed and an added item must be to be suggested as one.
const SUGGEST_FROM: f32 = 0.75;
/// The most pairs looked at within one point for suggestions (a point
/// rewritten whole is not worth a quadratic look).
const SUGGEST_PAIRS: usize = 400;

/// Compare `base` (the earlier side) with `now`, items renumbered as `map`
/// says.
pub fn compare(base: &Side, now: &Side, map: &IdMap) -> Comparison {
    let base_at: HashMap<&str, usize> = base
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let now_ids: HashSet<&str> = now.rows.iter().map(|r| r.id.as_str()).collect();
    // The entries that apply: the old id on the earlier side, the new one here.
    let applies: Vec<&(String, String)> = map
        .renumbered
        .iter()
        .filter(|(old, new)| base_at.contains_key(old.as_str()) && now_ids.contains(new.as_str()))
        .collect();
    let from_old: HashMap<&str, &str> = applies
        .iter()
        .map(|(o, n)| (n.as_str(), o.as_str()))
        .collect();
    let olds_taken: HashSet<&str> = applies.iter().map(|(o, _)| o.as_str()).collect();
    let mut out = Comparison {
        phases: Matrix::new(codes(base, now, |s| &s.phase_scale, |r| &r.phase)),
        directions: Matrix::new(codes(base, now, |s| &s.direction_scale, |r| &r.direction)),
        ..Comparison::default()
    };
    let mut matched = vec![false; base.rows.len()];
    for row in &now.rows {
        let base_id = match from_old.get(row.id.as_str()) {
            Some(old) => Some(*old),
            None if olds_taken.contains(row.id.as_str()) => None,
            None => Some(row.id.as_str()),
        };
        let Some(&at) = base_id.and_then(|id| base_at.get(id)) else {
            out.phases.added(&row.phase);
            out.directions.added(&row.direction);
            out.added.push(Alone::of(row));
            continue;
        };
        matched[at] = true;
        let old = &base.rows[at];
        out.phases.moved(&old.phase, &row.phase);
        out.directions.moved(&old.direction, &row.direction);
        let renumbered = (old.id != row.id).then(|| old.id.clone());
        if let Some(o) = &renumbered {
            out.renumbered.push(Renumbered {
                old: o.clone(),
                new: row.id.clone(),
            });
        }
        let fields = changes(old, row);
        if fields.is_empty() && renumbered.is_none() {
            out.unchanged += 1;
        } else {
            out.changed.push(Changed {
                id: row.id.clone(),
                base_id: renumbered,
                fields,
            });
        }
    }
    for (row, _) in base.rows.iter().zip(&matched).filter(|(_, m)| !**m) {
        out.phases.removed(&row.phase);
        out.directions.removed(&row.direction);
        out.removed.push(Alone::of(row));
    }
    out.suggestions = suggestions(base, now, &out);
    out
}

/// The fields of `old` and `new` that differ.
fn changes(old: &Row, new: &Row) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let mut field = |which, a: &str, b: &str| {
        if a != b {
            out.push(FieldChange {
                field: which,
                old: a.to_string(),
                new: b.to_string(),
            });
        }
    };
    field(Which::Phase, &old.phase, &new.phase);
    field(Which::Progress, &old.progress, &new.progress);
    field(Which::Assessment, &old.assessment, &new.assessment);
    field(Which::Direction, &old.direction, &new.direction);
    if old.departments != new.departments {
        field(
            Which::Departments,
            &old.departments.join("\n"),
            &new.departments.join("\n"),
        );
    }
    out
}

/// The codes of a scale in its order (this side's, then the earlier side's
/// codes it lacks), then any code the rows hold that no scale has.
fn codes(
    base: &Side,
    now: &Side,
    scale: impl Fn(&Side) -> &Option<Scale>,
    code: impl Fn(&Row) -> &String,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut add = |c: &str| {
        if seen.insert(c.to_string()) {
            out.push(c.to_string());
        }
    };
    for side in [now, base] {
        for c in scale(side).iter().flat_map(|s| &s.codes) {
            add(&c.code);
        }
    }
    for side in [now, base] {
        for r in &side.rows {
            add(code(r));
        }
    }
    out
}

/// Removed and added items of one point that read nearly alike, best first.
fn suggestions(base: &Side, now: &Side, found: &Comparison) -> Vec<Suggestion> {
    if found.removed.is_empty() || found.added.is_empty() {
        return Vec::new();
    }
    let point_of = |side: &Side| -> HashMap<String, Option<(u32, u32)>> {
        side.rows.iter().map(|r| (r.id.clone(), r.point)).collect()
    };
    let (base_points, now_points) = (point_of(base), point_of(now));
    let mut by_point: HashMap<Option<(u32, u32)>, Vec<&Alone>> = HashMap::new();
    for a in &found.added {
        let point = now_points.get(&a.id).copied().flatten();
        by_point.entry(point).or_default().push(a);
    }
    let mut out = Vec::new();
    for r in &found.removed {
        let point = base_points.get(&r.id).copied().flatten();
        let Some(candidates) = by_point.get(&point) else {
            continue;
        };
        if candidates.len() > SUGGEST_PAIRS {
            continue;
        }
        let text = |a: &Alone| format!("{}\n{}", a.progress, a.assessment);
        let best = candidates
            .iter()
            .map(|a| (a, diff::likeness(&text(r), &text(a))))
            .filter(|(_, l)| *l >= SUGGEST_FROM)
            .max_by(|x, y| x.1.total_cmp(&y.1));
        if let Some((a, likeness)) = best {
            out.push(Suggestion {
                removed: r.id.clone(),
                added: a.id.clone(),
                likeness,
            });
        }
    }
    out.sort_by(|x, y| y.likeness.total_cmp(&x.likeness));
    out
}

#[cfg(test)]
mod tests;
