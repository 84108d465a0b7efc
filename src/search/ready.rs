//! A term made ready to match many texts: the substring it stands for
//! (with the field separators of `^`, `$`) searched with a prebuilt
//! `memchr::memmem` finder, its scattered pattern, and its reading's scan.

use std::sync::OnceLock;

use super::index::Bits;
use super::matcher::Reading;
use super::query::{Query, Term, TermKind};
use super::reading::Scan;
use super::scattered;

pub(super) struct Ready<'q> {
    pub(super) term: &'q Term,
    finder: memchr::memmem::Finder<'static>,
    pub(super) scattered: scattered::Pattern,
    /// The reading's scan, when the term has a reading.
    pub(super) reading: Option<Scan>,
    /// The index's pieces that hold the reading, found at its first use.
    matched: OnceLock<Bits>,
}

/// Whether a term of this kind must begin, end a field.
pub(super) fn anchors(kind: TermKind) -> (bool, bool) {
    match kind {
        TermKind::Fuzzy | TermKind::Exact => (false, false),
        TermKind::Prefix => (true, false),
        TermKind::Suffix => (false, true),
        TermKind::Whole => (true, true),
    }
}

impl<'q> Ready<'q> {
    pub(super) fn new(term: &'q Term) -> Ready<'q> {
        let needle = match term.kind {
            TermKind::Fuzzy | TermKind::Exact => term.text.clone(),
            TermKind::Prefix => format!("\n{}", term.text),
            TermKind::Suffix => format!("{}\n", term.text),
            TermKind::Whole => format!("\n{}\n", term.text),
        };
        let (start, end) = anchors(term.kind);
        Ready {
            term,
            finder: memchr::memmem::Finder::new(needle.as_bytes()).into_owned(),
            scattered: scattered::Pattern::new(&term.text),
            reading: term.reading.as_ref().map(|k| Scan::new(k, start, end)),
            matched: OnceLock::new(),
        }
    }

    pub(super) fn whole_in(&self, text: &str) -> bool {
        self.finder.find(text.as_bytes()).is_some()
    }

    /// Whether the term's reading is found in `reading` (a term is made
    /// ready for one index: its pieces are searched once, at first).
    pub(super) fn read_in(&self, reading: Reading) -> bool {
        let Some(scan) = &self.reading else {
            return false;
        };
        match reading {
            Reading::Bytes(bytes) => scan.find(bytes).is_some(),
            Reading::Pieces(ids, readings) => {
                let matched = self.matched.get_or_init(|| readings.matching(scan));
                ids.iter().any(|&id| matched.get(id as usize))
            }
        }
    }
}

/// Every term of `query` made ready, in query order.
pub(super) fn ready(query: &Query) -> Vec<Ready<'_>> {
    query.groups.iter().flatten().map(Ready::new).collect()
}
