//! Search: fzf's query syntax over every text of an item and its context,
//! with Japanese-aware folding ([`crate::text::normalize`]) and filters.

mod excerpt;
mod filters;
mod highlight;
mod index;
mod matcher;
mod query;
pub mod reading;
mod reading_index;
mod ready;
mod scattered;
#[cfg(test)]
mod tests;

pub use excerpt::{TextKind, best_text, excerpt, item_texts};
pub use filters::{Filters, all_departments, departments_matching};
pub use index::SearchIndex;
pub use matcher::{Hit, Memo, Order, Previous, Searcher};
pub use query::{Query, Term, TermKind};
