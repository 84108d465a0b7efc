//! The filters a user turns on and off: each code of both scales, relisted
//! rows, departments, and those only a meeting can answer.

use std::collections::BTreeSet;

use crate::board::action::MeetingFilters;
use crate::board::meeting::MeetingState;
use crate::search::{Filters, Query, Searcher};

/// The items the meeting's filters let through (None: all).
pub fn meeting_items(
    filters: &MeetingFilters,
    meeting: Option<&MeetingState>,
) -> Option<BTreeSet<String>> {
    let mut sets: Vec<BTreeSet<String>> = Vec::new();
    if filters.changed_here {
        sets.push(meeting.map(MeetingState::changed_items).unwrap_or_default());
    }
    if filters.not_reviewed {
        let open = meeting.map(|m| &m.meeting.agenda);
        let ids = open
            .into_iter()
            .flatten()
            .filter(|e| e.reviewed.is_none())
            .map(|e| e.item.clone());
        sets.push(ids.collect());
    }
    if let Some((_, ids)) = &filters.since {
        sets.push(ids.clone());
    }
    if let Some(ids) = &filters.since_base {
        sets.push(ids.as_ref().clone());
    }
    sets.into_iter()
        .reduce(|a, b| a.intersection(&b).cloned().collect())
}

/// One filter the filter panel turns on or off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    Phase(String),
    Direction(String),
    HideRelisted,
    Department(String),
    /// In a meeting: only the items changed in it / not reviewed yet.
    ChangedHere,
    NotReviewed,
    /// Only the items changed since the earlier table (their ids).
    SinceBase(std::sync::Arc<BTreeSet<String>>),
}

impl Filter {
    /// Turn it on when it is off, off when it is on.
    pub fn flip(&self, filters: &mut Filters, meeting: &mut MeetingFilters) {
        fn flip_in(set: &mut BTreeSet<String>, code: &str) {
            if !set.remove(code) {
                set.insert(code.to_string());
            }
        }
        match self {
            Filter::Phase(c) => flip_in(&mut filters.phases, c),
            Filter::Direction(c) => flip_in(&mut filters.directions, c),
            Filter::Department(d) => flip_in(&mut filters.departments, d),
            Filter::HideRelisted => filters.hide_relisted = !filters.hide_relisted,
            Filter::ChangedHere => meeting.changed_here = !meeting.changed_here,
            Filter::NotReviewed => meeting.not_reviewed = !meeting.not_reviewed,
            Filter::SinceBase(ids) => {
                meeting.since_base = match meeting.since_base {
                    Some(_) => None,
                    None => Some(ids.clone()),
                }
            }
        }
    }
}

/// Of `departments`, those matching the picker's narrowing `text`, best first.
pub fn department_choices(departments: &[String], text: &str) -> Vec<String> {
    if text.trim().is_empty() {
        return departments.to_vec();
    }
    let searcher = Searcher::default();
    let query = Query::parse(text);
    let mut scored: Vec<(i64, usize, &String)> = departments
        .iter()
        .enumerate()
        .filter_map(|(i, d)| searcher.text_score(&query, d).map(|s| (s, i, d)))
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, d)| d.clone()).collect()
}
