//! Scores of plain texts and the characters a query marks in a text as
//! shown: where a term stands whole, else where its reading falls (on the
//! kanji read), else its scattered characters.

use fuzzy_matcher::FuzzyMatcher;

use crate::text::normalize::fold;

use super::index::blob;
use super::matcher::{Reading, Searcher, Text};
use super::query::{Query, TermKind};
use super::reading::{Cache, positions, reading_of};
use super::ready::{Ready, anchors};
use super::scattered;

impl Searcher {
    /// The score of `query` against one plain text (the department picker).
    pub fn text_score(&self, query: &Query, text: &str) -> Option<i64> {
        let folded = blob([text]);
        let reading = query
            .has_readings()
            .then(|| reading_of(&folded, &mut Cache::default()));
        let text = Text {
            folded: &folded,
            reading: reading.as_deref().map(Reading::Bytes),
        };
        let mut total = 0;
        for group in &query.groups {
            let mut best: Option<i64> = None;
            for term in group {
                let s = match self.term_score(&Ready::new(term), text) {
                    Some(_) if term.negate => None,
                    None if term.negate => Some(0),
                    other => other,
                };
                best = best.max(s);
            }
            total += best?;
        }
        Some(total)
    }

    /// Original character positions matched by `query` in `text` (a text of an
    /// item or its context as shown), for highlighting.
    pub fn highlight(&self, query: &Query, text: &str) -> Vec<usize> {
        let folded = fold(text);
        let mut positions_found = Vec::new();
        for term in query.groups.iter().flatten().filter(|t| !t.negate) {
            let whole = |at: Option<usize>| match at {
                Some(byte) => {
                    let start = folded.text[..byte].chars().count();
                    (start..start + term.text.chars().count()).collect()
                }
                None => Vec::new(),
            };
            let at = match term.kind {
                TermKind::Fuzzy | TermKind::Exact => folded.text.find(&term.text),
                TermKind::Prefix | TermKind::Whole => {
                    folded.text.starts_with(&term.text).then_some(0)
                }
                TermKind::Suffix => folded
                    .text
                    .ends_with(&term.text)
                    .then(|| folded.text.len() - term.text.len()),
            };
            let found: Vec<usize> = whole(at);
            if !found.is_empty() {
                positions_found.extend(folded.to_original(&found));
                continue;
            }
            // Where its reading falls: the kanji read (already original).
            if let Some(key) = &term.reading {
                let (start, end) = anchors(term.kind);
                let read = positions(key, text, start, end);
                if !read.is_empty() {
                    positions_found.extend(read);
                    continue;
                }
            }
            if term.kind == TermKind::Fuzzy {
                let scattered = scattered::matcher()
                    .fuzzy_indices(&folded.text, &term.text)
                    .map(|(_, idx)| idx)
                    .unwrap_or_default();
                positions_found.extend(folded.to_original(&scattered));
            }
        }
        positions_found.sort_unstable();
        positions_found.dedup();
        positions_found
    }
}
