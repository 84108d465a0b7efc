//! The board's search: the search line, the query, the filters and the
//! order; every change asks the search worker for a search of the records
//! on screen, the newest answer wins and is shown on the outline; the
//! highlights of the rows on screen are prepared from it ([`marks`]).

mod filters;
pub mod marks;
mod summary;
pub mod worker;

pub use super::action::MeetingFilters;
pub use filters::{Filter, department_choices};

use std::sync::Arc;

use super::action::Effect;
use super::meeting::MeetingState;
use super::outline::Outline;
use super::work::{DataVersion, SearchRequest};
use crate::domain::records::Records;
use crate::search::{Filters, Hit, Order, Query};
use crate::text::input::{LineEdit, LineInput};
use marks::Marks;

/// The search and what it found.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// What is typed on the search line.
    input: LineInput,
    query: Query,
    order: Order,
    filters: Filters,
    /// Filters only a meeting can answer.
    meeting_filters: MeetingFilters,
    /// Incremented for every search asked for; a result for an older one is dropped.
    generation: u64,
    /// The hits of the newest finished search (None: no search or filter).
    hits: Option<Arc<Vec<Hit>>>,
    /// The query and filters those hits answer, for narrowing the next search.
    answered: Option<(Query, Filters)>,
    /// A search is running.
    pending: bool,
    /// The item selected when the data changed: it stays in the list until
    /// the selection moves, even if it no longer matches.
    keep: Option<String>,
    /// Highlights of the current search, prepared for the view.
    marks: Marks,
    /// Terms are not matched by reading (`--no-readings`).
    no_readings: bool,
}

/// What the search is asked to do.
#[derive(Debug, Clone, PartialEq)]
pub enum SearchMsg {
    /// Text typed on the search line.
    Type(String),
    /// A line-editing key on the search line.
    Line(LineEdit),
    /// The search line emptied (the filters stay).
    Clear,
    ToggleOrder,
    /// A filter turned on or off.
    Flip(Filter),
    ClearFilters,
    /// Show what this query and these filters let through, and nothing else
    /// (the command line, an overview's segment, an item outside the results).
    Show {
        query: String,
        filters: Filters,
        meeting_filters: MeetingFilters,
    },
    /// A search finished.
    Done {
        generation: u64,
        hits: Vec<Hit>,
    },
    /// The records on screen changed: the next answer starts afresh, and
    /// `keep` (the selected item) stays listed until the selection moves.
    DataChanged {
        keep: Option<String>,
    },
    /// What the meeting lets through may have changed.
    MeetingChanged,
    /// Build the index, so that the first key typed finds it ready (the
    /// board opening).
    Index,
}

/// What a search reads and changes besides itself.
pub struct Scope<'a> {
    /// The records on screen, and which they are.
    pub records: &'a Arc<Records>,
    pub data: &'a DataVersion,
    /// The meeting the board is in (for the meeting's filters).
    pub meeting: Option<&'a MeetingState>,
    /// The outline, which shows the answer.
    pub outline: &'a mut Outline,
    /// Rows of the outline on screen.
    pub height: usize,
}

impl Search {
    /// A search whose terms in romaji or kana match by reading, or not.
    pub fn reading(readings: bool) -> Search {
        Search {
            no_readings: !readings,
            ..Search::default()
        }
    }

    /// Do what `msg` asks; the searches to run.
    pub fn update(&mut self, scope: Scope, msg: SearchMsg) -> Vec<Effect> {
        match msg {
            SearchMsg::Type(text) => {
                self.input.insert(&text);
                if text.is_empty() {
                    return Vec::new();
                }
            }
            SearchMsg::Line(edit) => {
                if !self.input.apply(edit) {
                    return Vec::new();
                }
            }
            SearchMsg::Clear => self.input.clear(),
            SearchMsg::ToggleOrder => self.order = self.order.toggled(),
            SearchMsg::Flip(filter) => filter.flip(&mut self.filters, &mut self.meeting_filters),
            SearchMsg::ClearFilters => {
                self.filters = Filters::default();
                self.meeting_filters = MeetingFilters::default();
            }
            SearchMsg::Show {
                query,
                filters,
                meeting_filters,
            } => {
                self.input.clear();
                self.input.insert(&query);
                self.filters = filters;
                self.meeting_filters = meeting_filters;
            }
            SearchMsg::Done { generation, hits } => {
                self.done(scope, generation, hits);
                return Vec::new();
            }
            SearchMsg::DataChanged { keep } => {
                self.marks.clear();
                self.answered = None;
                let effects = self.request(scope);
                // The selected row stays while the new answer comes, even if
                // it no longer matches (request forgot any older row kept).
                if !effects.is_empty() {
                    self.keep = keep;
                }
                return effects;
            }
            SearchMsg::MeetingChanged => {
                // Asked again only when what the meeting lets through changed.
                if filters::meeting_items(&self.meeting_filters, scope.meeting)
                    == self.filters.items
                {
                    return Vec::new();
                }
            }
            SearchMsg::Index => {
                return vec![Effect::Search(SearchRequest {
                    generation: 0,
                    records: Arc::clone(scope.records),
                    data: scope.data.clone(),
                    query: Query::default(),
                    filters: Filters::default(),
                    order: Order::default(),
                    after: None,
                    readings: !self.no_readings,
                })];
            }
        }
        self.request(scope)
    }

    /// Ask for a search of the current query and filters (or show everything).
    fn request(&mut self, scope: Scope) -> Vec<Effect> {
        // A row kept by an earlier change of the data is not kept any longer.
        self.keep = None;
        self.filters.items = filters::meeting_items(&self.meeting_filters, scope.meeting);
        self.query = Query::parse_with(&self.input.text, !self.no_readings);
        self.generation += 1;
        if self.query.is_empty() && self.filters.is_empty() {
            self.hits = None;
            self.answered = None;
            self.pending = false;
            scope.outline.show(None, false);
            scope.outline.scroll_into_view(scope.height);
            return Vec::new();
        }
        let after = match (&self.answered, &self.hits) {
            (Some((q, f)), Some(hits)) if *f == self.filters && q.narrows_to(&self.query) => {
                Some((q.clone(), Arc::clone(hits)))
            }
            _ => None,
        };
        self.pending = true;
        vec![Effect::Search(SearchRequest {
            generation: self.generation,
            records: Arc::clone(scope.records),
            data: scope.data.clone(),
            query: self.query.clone(),
            filters: self.filters.clone(),
            order: self.order,
            after,
            readings: !self.no_readings,
        })]
    }

    /// A search finished; an older one than the newest asked for is dropped.
    fn done(&mut self, scope: Scope, generation: u64, hits: Vec<Hit>) {
        if generation != self.generation {
            return;
        }
        self.pending = false;
        let outline = scope.outline;
        let flat = self.order == Order::Score && !self.query.is_empty();
        let selected = outline.selected_item();
        let report = &scope.records.report;
        let keep = self
            .keep
            .take()
            .and_then(|id| report.items().position(|r| r.item.id == id));
        // Kept only while it is still the selected row.
        let keep = keep.filter(|k| Some(*k) == selected);
        let kept = keep.filter(|k| !hits.iter().any(|h| h.item == *k));
        outline.show_keeping(hits.iter().map(|h| h.item).collect(), flat, kept);
        // Ranked, the best hit is selected (as in fzf), unless the data
        // changed under a selected row; in source order the selection stays
        // where it was when it is still shown.
        if flat
            && keep.is_none()
            && let Some(best) = hits.first()
        {
            outline.select_item(best.item);
        }
        self.answered = Some((self.query.clone(), self.filters.clone()));
        self.hits = Some(Arc::new(hits));
        outline.scroll_into_view(scope.height);
    }

    /// What is typed on the search line.
    pub fn input(&self) -> &LineInput {
        &self.input
    }

    pub fn query(&self) -> &Query {
        &self.query
    }

    pub fn order(&self) -> Order {
        self.order
    }

    pub fn filters(&self) -> &Filters {
        &self.filters
    }

    pub fn meeting_filters(&self) -> &MeetingFilters {
        &self.meeting_filters
    }

    /// The hits of the newest answer (None: nothing narrows the outline).
    pub fn hits(&self) -> Option<&Arc<Vec<Hit>>> {
        self.hits.as_ref()
    }

    /// Which search is the newest asked for.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// A search is running.
    pub fn is_pending(&self) -> bool {
        self.pending
    }

    /// Whether a search or a filter narrows the outline.
    pub fn is_narrowed(&self) -> bool {
        self.hits.is_some()
    }

    /// Where item `item` stands among the hits (1-based), and how many there are.
    pub fn hit_position(&self, item: usize) -> Option<(usize, usize)> {
        let hits = self.hits.as_ref()?;
        let at = hits.iter().position(|h| h.item == item)?;
        Some((at + 1, hits.len()))
    }

    pub fn marks(&self) -> &Marks {
        &self.marks
    }

    /// Bring the highlights up to date with the query, the data and what
    /// is on screen (after an update, so that drawing never searches).
    pub fn prepare_marks(&mut self, on: marks::OnScreen) {
        self.marks.prepare(&self.query, on);
    }
}
