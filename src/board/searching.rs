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
        self.filters.items = self.meeting_filters.items(self.meeting.as_ref());
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
        let after = match (&self.search.answered, &self.search.hits) {
            (Some((q, f)), Some(hits))
                if *f == self.filters && q.narrows_to(&self.search.query) =>
            {
                Some((q.clone(), Arc::clone(hits)))
            }
            _ => None,
        };
        self.search.pending = true;
        vec![Effect::Search(SearchRequest {
            generation: self.search.generation,
            records: Arc::clone(&self.records),
            data: self.data_version.clone(),
            query: self.search.query.clone(),
            filters: self.filters.clone(),
            order: self.search.order,
            after,
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
        self.search.hits = Some(Arc::new(hits));
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
        self.meeting_filters = Default::default();
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

    /// What narrows the board, for the header and a meeting's agenda: query,
    /// filters, order.
    pub fn narrowing_summary(&self) -> String {
        let report = self.report();
        let mut parts = Vec::new();
        if !self.search.input.text.trim().is_empty() {
            parts.push(format!("/{}", self.search.input.text.trim()));
        }
        let f = &self.filters;
        let joined = |set: &std::collections::BTreeSet<String>| {
            set.iter().map(String::as_str).collect::<Vec<_>>().join(",")
        };
        if !f.recommendations.is_empty() {
            let numbers: Vec<String> = f.recommendations.iter().map(u32::to_string).collect();
            parts.push(format!(
                "{}:{}",
                self.t(Msg::Recommendation),
                numbers.join(",")
            ));
        }
        for (set, name) in [
            (&f.phases, &report.phase_scale.name),
            (&f.directions, &report.direction_scale.name),
        ] {
            if !set.is_empty() {
                parts.push(format!("{name}:{}", joined(set)));
            }
        }
        if !f.departments.is_empty() {
            parts.push(format!(
                "{}:{}",
                self.t(Msg::Departments),
                joined(&f.departments)
            ));
        }
        if f.hide_relisted {
            parts.push(self.t(Msg::FilterHideRelisted).to_string());
        }
        let m = &self.meeting_filters;
        for (on, msg) in [
            (m.changed_here, Msg::FilterChangedHere),
            (m.not_reviewed, Msg::FilterNotReviewed),
        ] {
            if on {
                parts.push(self.t(msg).to_string());
            }
        }
        if let Some((name, _)) = &m.since {
            parts.push(Msg::FilterChangedSince.fill(self.options.lang, &[("name", name)]));
        }
        if self.search.is_narrowed() && !self.search.query.is_empty() {
            let order = match self.search.order {
                Order::Score => Msg::OrderScore,
                Order::Source => Msg::OrderSource,
            };
            parts.push(self.t(order).to_string());
        }
        crate::text::visible(&parts.join(" | ")).into_owned()
    }

    /// The board on one segment of the overview: the items of one
    /// recommendation (or all) at one code of a scale.
    pub fn show_segment(
        &mut self,
        recommendation: Option<usize>,
        field: crate::domain::field::Field,
        code: usize,
    ) -> Vec<Effect> {
        let report = self.report();
        let (scale, codes) = match field {
            crate::domain::field::Field::Direction => (&report.direction_scale, 1),
            _ => (&report.phase_scale, 0),
        };
        let Some(code) = scale.codes.get(code).map(|c| c.code.clone()) else {
            return Vec::new();
        };
        let number = recommendation
            .and_then(|r| report.recommendations.get(r))
            .map(|r| r.number);
        self.search.input.clear();
        self.meeting_filters = Default::default();
        self.filters = Filters::default();
        self.filters.recommendations.extend(number);
        if codes == 0 {
            self.filters.phases.insert(code);
        } else {
            self.filters.directions.insert(code);
        }
        self.request_search()
    }
}
