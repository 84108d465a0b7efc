//! Preparing the search's highlights for the view, after an update.

use std::collections::BTreeMap;

use super::marks::Spot;
use super::state::Board;
use crate::domain::model::ItemRef;
use crate::search::{Query, Searcher, best_text};
use crate::text::visible;

impl Board {
    /// Bring the marks up to date with the query, the data and what is on screen.
    pub fn prepare_marks(&mut self) {
        self.marks.for_query(&self.search.query);
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
            if self.marks.has_row(i) {
                continue;
            }
            let Some(r) = self.item_ref(i) else { continue };
            if let Some(found) = found_excerpt(&searcher, &self.search.query, &r, ellipsis) {
                self.marks.set_row(i, found);
            }
        }
        let node = self.outline.selected;
        if !self.marks.has_detail(node) {
            let spots = self.detail_spots(&searcher, node);
            self.marks.set_detail(node, spots);
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
            put(Spot::PolicyNote, note.text(self.options.lang));
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
                put(Spot::Note, note.text(self.options.lang));
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
