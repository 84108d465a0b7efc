//! Highlights of the current search, prepared for the view: the excerpt and
//! matched characters of every item row on screen, and the matched
//! characters of each text of the selected node. Computed after an update
//! (only for what is on screen, only once per search), so that drawing never
//! searches.

use std::collections::BTreeMap;

use super::state::Board;
use crate::domain::model::ItemRef;
use crate::search::{Query, Searcher, best_text};
use crate::text::visible;

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

impl Board {
    /// Bring the marks up to date with the query, the data and what is on screen.
    pub fn prepare_marks(&mut self) {
        if self.marks.query != self.search.query {
            self.marks = Marks {
                query: self.search.query.clone(),
                ..Marks::default()
            };
        }
        if self.search.query.is_empty() {
            return;
        }
        let searcher = Searcher::default();
        let ellipsis = if self.options.ascii { "..." } else { "…" };
        let visible = self.outline.visible();
        let height = self.outline_height().max(1);
        let on_screen: Vec<usize> = visible
            .iter()
            .skip(self.outline.offset)
            .take(height)
            .filter_map(|&n| self.outline.nodes[n].item)
            .collect();
        for i in on_screen {
            if self.marks.rows.contains_key(&i) {
                continue;
            }
            let Some(r) = self.item_ref(i) else { continue };
            if let Some(found) = found_excerpt(&searcher, &self.search.query, &r, ellipsis) {
                self.marks.rows.insert(i, found);
            }
        }
        let node = self.outline.selected;
        if self.marks.detail.as_ref().is_none_or(|(n, _)| *n != node) {
            let spots = self.detail_spots(&searcher, node);
            self.marks.detail = Some((node, spots));
        }
    }

    /// The matched characters of every text the detail pane shows for `node`.
    fn detail_spots(&self, searcher: &Searcher, node: usize) -> BTreeMap<Spot, Vec<usize>> {
        let mut out = BTreeMap::new();
        let Some(n) = self.outline.nodes.get(node) else {
            return out;
        };
        let Some(point) = n.point.and_then(|p| {
            self.report()
                .recommendations
                .get(n.recommendation)?
                .points
                .get(p)
        }) else {
            return out;
        };
        let q = &self.search.query;
        let mut put = |spot: Spot, text: &str| {
            let positions = searcher.highlight(q, &visible(text));
            if !positions.is_empty() {
                out.insert(spot, positions);
            }
        };
        put(Spot::PolicyText, &point.policy.text);
        put(Spot::PolicyAssessment, &point.policy.assessment);
        if let Some(note) = &point.policy.note {
            put(Spot::PolicyNote, note);
        }
        if let Some(r) = n.item.and_then(|i| self.item_ref(i)) {
            if let Some(t) = &r.measure.text {
                put(Spot::MeasureText, t);
            }
            put(Spot::Progress, &r.item.progress);
            put(Spot::Assessment, &r.item.assessment);
            for (k, d) in r.item.departments.iter().enumerate() {
                put(Spot::Department(k), d);
            }
            if let Some(note) = &r.item.note {
                put(Spot::Note, note);
            }
        }
        out
    }
}

/// The row's excerpt while searching: the first text of the item with a
/// match, starting a little before the match, with the matched characters.
fn found_excerpt(
    searcher: &Searcher,
    query: &Query,
    r: &ItemRef,
    ellipsis: &str,
) -> Option<(String, Vec<usize>)> {
    let (_, text, positions) = best_text(searcher, query, r)?;
    let first = positions.first().copied().unwrap_or(0);
    let start = first.saturating_sub(6);
    if start == 0 {
        return Some((text, positions));
    }
    let lead = ellipsis.chars().count();
    let shown: String = ellipsis.chars().chain(text.chars().skip(start)).collect();
    let shifted = positions
        .iter()
        .filter(|&&p| p >= start)
        .map(|&p| p - start + lead)
        .collect();
    Some((shown, shifted))
}
