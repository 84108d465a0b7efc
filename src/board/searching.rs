//! The search and the filters of the board: every change of the query, the
//! filters, the order or the data asks the worker for a search of the records
//! on screen; the newest answer wins.

use std::sync::Arc;

use super::action::{Effect, SearchRequest};
use super::state::Board;
use crate::i18n::Msg;
use crate::search::{Filters, Hit, Order, Query, Searcher};

impl Board {
    /// Ask for a search of the current query and filters (or show everything).
    pub fn request_search(&mut self) -> Vec<Effect> {
        // A row kept by an earlier change of the data is not kept any longer.
        self.search.keep = None;
        self.search.query = Query::parse(&self.search.input.text);
        self.search.generation += 1;
        if self.search.query.is_empty() && self.filters.is_empty() {
            self.search.hits = None;
            self.search.answered = None;
            self.search.pending = false;
            self.search.keep = None;
            self.outline.show(None, false);
            self.outline.scroll_into_view(self.outline_height());
            return Vec::new();
        }
        let within = match (&self.search.answered, &self.search.hits) {
            (Some((q, f)), Some(hits))
                if *f == self.filters && q.narrows_to(&self.search.query) =>
            {
                Some(hits.iter().map(|h| h.item).collect())
            }
            _ => None,
        };
        self.search.pending = true;
        vec![Effect::Search(SearchRequest {
            generation: self.search.generation,
            records: Arc::clone(&self.records),
            query: self.search.query.clone(),
            filters: self.filters.clone(),
            order: self.search.order,
            within,
        })]
    }

    /// A search finished; an older one than the newest asked for is dropped.
    pub fn search_done(&mut self, generation: u64, hits: Vec<Hit>) {
        if generation != self.search.generation {
            return;
        }
        self.search.pending = false;
        let flat = self.search.order == Order::Score && !self.search.query.is_empty();
        let selected = self.outline.selected_item();
        let keep = self.search.keep.take().and_then(|id| {
            (0..self.outline.items.len())
                .find(|&i| self.item_ref(i).is_some_and(|r| r.item.id == id))
        });
        // Kept only while it is still the selected row.
        let keep = keep.filter(|k| Some(*k) == selected);
        let kept = keep.filter(|k| !hits.iter().any(|h| h.item == *k));
        self.outline
            .show_keeping(hits.iter().map(|h| h.item).collect(), flat, kept);
        // Ranked, the best hit is selected (as in fzf), unless the data
        // changed under a selected row; in source order the selection stays
        // where it was when it is still shown.
        if flat
            && keep.is_none()
            && let Some(best) = hits.first()
        {
            self.outline.select_item(best.item);
        }
        self.search.answered = Some((self.search.query.clone(), self.filters.clone()));
        self.search.hits = Some(hits);
        self.outline.scroll_into_view(self.outline_height());
    }

    /// Start with a query and filters (from the command line).
    pub fn start_with(&mut self, query: &str, filters: Filters) -> Vec<Effect> {
        self.search.input.clear();
        self.search.input.insert(query);
        self.filters = filters;
        self.request_search()
    }

    pub fn toggle_order(&mut self) -> Vec<Effect> {
        self.search.order = self.search.order.toggled();
        self.request_search()
    }

    pub fn clear_filters(&mut self) -> Vec<Effect> {
        self.filters = Filters::default();
        self.request_search()
    }

    /// `n` / `N`: the next or previous hit, and where it stands among them.
    pub fn step_hit(&mut self, forward: bool) {
        self.select(|o| o.next_shown(forward));
        let Some(hits) = &self.search.hits else {
            return;
        };
        let Some(i) = self.outline.selected_shown_item() else {
            return;
        };
        if let Some(at) = hits.iter().position(|h| h.item == i) {
            self.message = Some(Msg::HitPosition.fill(
                self.options.lang,
                &[("at", &(at + 1)), ("count", &hits.len())],
            ));
        }
    }

    /// Departments matching the picker's narrowing text, best first.
    pub fn department_choices(&self, text: &str) -> Vec<String> {
        if text.trim().is_empty() {
            return self.departments.clone();
        }
        let searcher = Searcher::default();
        let query = Query::parse(text);
        let mut scored: Vec<(i64, usize, &String)> = self
            .departments
            .iter()
            .enumerate()
            .filter_map(|(i, d)| searcher.text_score(&query, d).map(|s| (s, i, d)))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, _, d)| d.clone()).collect()
    }
}
