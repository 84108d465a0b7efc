//! What narrows the board, in words: for the header and for the agenda of a
//! meeting started on it.

use std::collections::BTreeSet;

use super::Search;
use crate::domain::model::Report;
use crate::i18n::{Lang, Msg};
use crate::search::Order;

impl Search {
    /// Query, filters and order, as the header shows them (empty: nothing
    /// narrows the board).
    pub fn summary(&self, report: &Report, lang: Lang) -> String {
        let t = |m: Msg| m.text(lang);
        let mut parts = Vec::new();
        if !self.input.text.trim().is_empty() {
            parts.push(format!("/{}", self.input.text.trim()));
        }
        let f = &self.filters;
        let joined =
            |set: &BTreeSet<String>| set.iter().map(String::as_str).collect::<Vec<_>>().join(",");
        if !f.recommendations.is_empty() {
            let numbers: Vec<String> = f.recommendations.iter().map(u32::to_string).collect();
            parts.push(format!("{}:{}", t(Msg::Recommendation), numbers.join(",")));
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
                t(Msg::Departments),
                joined(&f.departments)
            ));
        }
        if f.hide_relisted {
            parts.push(t(Msg::FilterHideRelisted).to_string());
        }
        let m = &self.meeting_filters;
        for (on, msg) in [
            (m.changed_here, Msg::FilterChangedHere),
            (m.not_reviewed, Msg::FilterNotReviewed),
        ] {
            if on {
                parts.push(t(msg).to_string());
            }
        }
        if m.since_base.is_some() {
            parts.push(t(Msg::FilterSinceBase).to_string());
        }
        if let Some((name, _)) = &m.since {
            parts.push(Msg::FilterChangedSince.fill(lang, &[("name", name)]));
        }
        if self.is_narrowed() && !self.query.is_empty() {
            let order = match self.order {
                Order::Score => Msg::OrderScore,
                Order::Source => Msg::OrderSource,
            };
            parts.push(t(order).to_string());
        }
        crate::text::visible(&parts.join(" | ")).into_owned()
    }
}
