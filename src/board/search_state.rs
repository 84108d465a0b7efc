//! The search and its answer, as data.

use std::sync::Arc;

use crate::search::{Filters, Hit, Order, Query};
use crate::text::input::LineInput;

/// The search and what it found.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// What is typed on the search line.
    pub input: LineInput,
    pub query: Query,
    pub order: Order,
    /// Incremented for every search asked for; a result for an older one is dropped.
    pub generation: u64,
    /// The hits of the newest finished search (None: no search or filter).
    pub hits: Option<Arc<Vec<Hit>>>,
    /// The query and filters those hits answer, for narrowing the next search.
    pub(super) answered: Option<(Query, Filters)>,
    /// A search is running.
    pub pending: bool,
    /// The item selected when the data changed: it stays in the list until
    /// the selection moves, even if it no longer matches.
    pub keep: Option<String>,
}

impl SearchState {
    /// The data changed: the next search starts afresh.
    pub fn forget_answer(&mut self) {
        self.answered = None;
    }

    /// Whether a search or a filter narrows the outline.
    pub fn is_narrowed(&self) -> bool {
        self.hits.is_some()
    }
}
