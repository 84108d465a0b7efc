//! Highlights of the current search, prepared for the view: the excerpt and
//! matched characters of every item row on screen, and the matched
//! characters of each text of the selected node. Computed after an update
//! (only for what is on screen, only once per search), so that drawing never
//! searches.

use std::collections::BTreeMap;

use crate::search::Query;

/// A text of the selected node, as the detail pane shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Spot {
    PolicyText,
    PolicyAssessment,
    PolicyNote,
    MeasureText,
    Progress,
    Assessment,
    Department(usize),
    Note,
}

#[derive(Debug, Clone, Default)]
pub struct Marks {
    /// The query these marks are for.
    query: Query,
    /// Per item on screen: the excerpt to show and its matched characters.
    rows: BTreeMap<usize, (String, Vec<usize>)>,
    /// For the selected node: matched characters of each text.
    detail: Option<(usize, BTreeMap<Spot, Vec<usize>>)>,
}

impl Marks {
    /// The excerpt and matches of item `i`'s row, while searching.
    pub fn row(&self, i: usize) -> Option<&(String, Vec<usize>)> {
        self.rows.get(&i)
    }

    /// Marks for `query`: kept when they are for it already, else started afresh.
    pub fn for_query(&mut self, query: &Query) {
        if self.query != *query {
            *self = Marks {
                query: query.clone(),
                ..Marks::default()
            };
        }
    }

    pub fn has_row(&self, i: usize) -> bool {
        self.rows.contains_key(&i)
    }

    pub fn set_row(&mut self, i: usize, found: (String, Vec<usize>)) {
        self.rows.insert(i, found);
    }

    /// Whether the detail's marks are for `node`.
    pub fn has_detail(&self, node: usize) -> bool {
        self.detail.as_ref().is_some_and(|(n, _)| *n == node)
    }

    pub fn set_detail(&mut self, node: usize, spots: BTreeMap<Spot, Vec<usize>>) {
        self.detail = Some((node, spots));
    }

    /// Forget everything (the data changed).
    pub fn clear(&mut self) {
        *self = Marks::default();
    }

    /// Matched characters of a text of the selected node (empty: none).
    pub fn spot(&self, node: usize, spot: Spot) -> &[usize] {
        match &self.detail {
            Some((n, spots)) if *n == node => {
                spots.get(&spot).map(Vec::as_slice).unwrap_or_default()
            }
            _ => &[],
        }
    }
}
