//! Filters: phase, direction, departments, relisted rows, recommendations,
//! and a set of items (what a meeting changed or has not reviewed yet).

use std::collections::BTreeSet;

use crate::domain::model::{ItemRef, Report};
use crate::text::normalize::fold_query;

/// Active filters; an empty set lets everything through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub phases: BTreeSet<String>,
    pub directions: BTreeSet<String>,
    pub departments: BTreeSet<String>,
    pub hide_relisted: bool,
    /// Recommendation numbers.
    pub recommendations: BTreeSet<u32>,
    /// Only these items (by id), when set.
    pub items: Option<BTreeSet<String>>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        // Each field named, so that a new one is not forgotten here.
        let Filters {
            phases,
            directions,
            departments,
            hide_relisted,
            recommendations,
            items,
        } = self;
        phases.is_empty()
            && directions.is_empty()
            && departments.is_empty()
            && !hide_relisted
            && recommendations.is_empty()
            && items.is_none()
    }

    pub fn accepts(&self, r: &ItemRef) -> bool {
        let item = r.item;
        (self.recommendations.is_empty() || self.recommendations.contains(&r.recommendation.number))
            && self.items.as_ref().is_none_or(|ids| ids.contains(&item.id))
            && (self.phases.is_empty() || self.phases.contains(item.phase.as_str()))
            && (self.directions.is_empty() || self.directions.contains(item.direction.as_str()))
            && (self.departments.is_empty()
                || item
                    .departments
                    .iter()
                    .any(|d| self.departments.contains(d)))
            && !(self.hide_relisted && item.relisted)
    }
}

/// Every department present in the report, in order of first appearance.
pub fn all_departments(report: &Report) -> Vec<String> {
    report.departments()
}

/// Departments whose name or bureau prefix contains `text` (folded).
pub fn departments_matching(report: &Report, text: &str) -> Vec<String> {
    let wanted = fold_query(text.trim());
    all_departments(report)
        .into_iter()
        .filter(|d| fold_query(d).contains(&wanted))
        .collect()
}
