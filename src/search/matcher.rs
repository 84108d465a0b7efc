//! Matching and ranking: `fuzzy-matcher`'s SkimMatcherV2 (see BENCHMARKS.md).
//! Scores rank a hit in the item's own texts above a hit found only in its
//! context (policy, point and recommendation); match positions are computed
//! only for what is on screen, and mapped back to the original characters.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::domain::model::{ItemRef, Report};
use crate::domain::records::parallel_map;
use crate::text::normalize::fold;

use super::filters::Filters;
use super::index::{SearchIndex, blob};
use super::query::{Query, Term, TermKind};
use super::scattered;

/// One matching item: its index in source order and its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub item: usize,
    pub score: i64,
}

/// The score of a term found whole and contiguous: above any scattered match
/// of the same term.
fn exact_score(term: &Term) -> i64 {
    32 * term.text.chars().count() as i64 + 16
}

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    #[default]
    Score,
    Source,
}

impl Order {
    pub fn toggled(self) -> Order {
        match self {
            Order::Score => Order::Source,
            Order::Source => Order::Score,
        }
    }
}

/// The answer to the query typed before, for [`Searcher::search_after`].
#[derive(Debug, Clone, Copy)]
pub struct Previous<'a> {
    pub query: &'a Query,
    pub hits: &'a [Hit],
}

/// A hit found only in the context counts this much less.
const CONTEXT_DIVISOR: i64 = 4;

pub struct Searcher {
    matcher: SkimMatcherV2,
}

impl Default for Searcher {
    fn default() -> Self {
        Searcher {
            matcher: SkimMatcherV2::default()
                .respect_case()
                .element_limit(scattered::ELEMENT_LIMIT),
        }
    }
}

/// A term made ready to match many texts: the substring it stands for
/// (with the field separators of `^`, `$`), searched with a prebuilt
/// `memchr::memmem` finder.
pub(super) struct Ready<'q> {
    term: &'q Term,
    finder: memchr::memmem::Finder<'static>,
    scattered: scattered::Pattern,
}

impl<'q> Ready<'q> {
    pub(super) fn new(term: &'q Term) -> Ready<'q> {
        let needle = match term.kind {
            TermKind::Fuzzy | TermKind::Exact => term.text.clone(),
            TermKind::Prefix => format!("\n{}", term.text),
            TermKind::Suffix => format!("{}\n", term.text),
            TermKind::Whole => format!("\n{}\n", term.text),
        };
        Ready {
            term,
            finder: memchr::memmem::Finder::new(needle.as_bytes()).into_owned(),
            scattered: scattered::Pattern::new(&term.text),
        }
    }

    fn whole_in(&self, text: &str) -> bool {
        self.finder.find(text.as_bytes()).is_some()
    }
}

/// Every term of `query` made ready, in query order.
pub(super) fn ready(query: &Query) -> Vec<Ready<'_>> {
    query.groups.iter().flatten().map(Ready::new).collect()
}

impl Searcher {
    fn term_score(&self, term: &Ready, text: &str) -> Option<i64> {
        self.term_score_knowing(term, text, true)
    }

    /// [`Searcher::term_score`], told when the term cannot stand whole in
    /// the text (`whole_possible` false): then it is not looked for.
    fn term_score_knowing(&self, term: &Ready, text: &str, whole_possible: bool) -> Option<i64> {
        // The term standing whole in the text: for an exact term the match,
        // for a fuzzy one the best match there is (the matcher's score for
        // n characters is at most 24n + 8, below `exact_score`; see the test
        // `a_whole_term_outscores_any_fuzzy_match`), so the matcher is not
        // asked.
        if whole_possible && term.whole_in(text) {
            return Some(exact_score(term.term));
        }
        match term.term.kind {
            // The matcher's score, computed without its copy of the text.
            TermKind::Fuzzy => scattered::score(&self.matcher, text, &term.scattered),
            _ => None,
        }
    }

    /// Scores of every term against the contexts of `points` (each context is
    /// shared by the items of its point, so it is matched once per search):
    /// `[term][point]`, terms in query order.
    fn context_scores(
        &self,
        index: &SearchIndex,
        terms: &[Ready],
        points: &[usize],
    ) -> Vec<Vec<Option<i64>>> {
        terms
            .iter()
            .map(|term| {
                let mut v = vec![None; index.contexts.len()];
                for &p in points {
                    v[p] = self.term_score(term, &index.contexts[p]);
                }
                v
            })
            .collect()
    }

    /// `whole_possible` false: the query is one fuzzy term that cannot stand
    /// whole in the item's own texts (see [`Searcher::search_after`]).
    fn item_score(
        &self,
        index: &SearchIndex,
        query: &Query,
        terms: &[Ready],
        ctx: &[Vec<Option<i64>>],
        i: usize,
        whole_possible: bool,
    ) -> Option<i64> {
        let own = &index.own[i];
        let point = index.point_of[i];
        let mut total = 0;
        let mut t = 0;
        for group in &query.groups {
            let mut best: Option<i64> = None;
            for _ in group {
                let term = &terms[t];
                let in_context = ctx[t][point];
                t += 1;
                let s = if term.term.negate {
                    let present = in_context.is_some() || self.term_score(term, own).is_some();
                    (!present).then_some(0)
                } else {
                    // The item's own texts count fully; its context adds a
                    // quarter (so an item whose policy is about the term ranks
                    // above one that mentions it in passing), and alone ranks
                    // below any own hit.
                    let in_context = in_context.map(|s| (s / CONTEXT_DIVISOR).max(1));
                    match (
                        self.term_score_knowing(term, own, whole_possible),
                        in_context,
                    ) {
                        (Some(o), c) => Some(o + c.unwrap_or(0)),
                        (None, c) => c,
                    }
                };
                best = best.max(s);
            }
            total += best?;
        }
        Some(total)
    }

    /// The score of `query` for item `i`, or None when it does not match.
    pub fn score(&self, index: &SearchIndex, query: &Query, i: usize) -> Option<i64> {
        let point = *index.point_of.get(i)?;
        let terms = ready(query);
        let ctx = self.context_scores(index, &terms, &[point]);
        self.item_score(index, query, &terms, &ctx, i, true)
    }

    /// Items among `candidates` (all when None) that pass `filters` and match
    /// `query`, ordered by `order` (ties and `Order::Source` in source order).
    /// The work is shared among the machine's cores.
    pub fn search(
        &self,
        index: &SearchIndex,
        report: &Report,
        query: &Query,
        filters: &Filters,
        order: Order,
        candidates: Option<&[usize]>,
    ) -> Vec<Hit> {
        self.run(index, report, query, filters, order, candidates, None)
    }

    /// [`Searcher::search`] typing on: when `query` only adds characters to
    /// the previous query, only the previous hits are searched; and when
    /// both are one fuzzy term, an item whose own texts did not hold the
    /// previous term whole cannot hold this one whole, so that is not looked
    /// for (its previous score says so: a whole term scores at least
    /// `exact_score`, anything else less). Otherwise a fresh search.
    pub fn search_after(
        &self,
        index: &SearchIndex,
        report: &Report,
        query: &Query,
        filters: &Filters,
        order: Order,
        previous: Previous,
    ) -> Vec<Hit> {
        if !previous.query.narrows_to(query) {
            return self.search(index, report, query, filters, order, None);
        }
        let items: Vec<usize> = previous.hits.iter().map(|h| h.item).collect();
        let single_fuzzy = |q: &Query| match q.groups.as_slice() {
            [group] => match group.as_slice() {
                [t] if t.kind == TermKind::Fuzzy && !t.negate => Some(t.clone()),
                _ => None,
            },
            _ => None,
        };
        let not_whole = match (single_fuzzy(previous.query), single_fuzzy(query)) {
            (Some(before), Some(_)) => {
                let mut not = vec![false; index.len()];
                let whole = exact_score(&before);
                for h in previous.hits.iter().filter(|h| h.score < whole) {
                    if let Some(slot) = not.get_mut(h.item) {
                        *slot = true;
                    }
                }
                Some(not)
            }
            _ => None,
        };
        self.run(
            index,
            report,
            query,
            filters,
            order,
            Some(&items),
            not_whole.as_deref(),
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn run(
        &self,
        index: &SearchIndex,
        report: &Report,
        query: &Query,
        filters: &Filters,
        order: Order,
        candidates: Option<&[usize]>,
        not_whole: Option<&[bool]>,
    ) -> Vec<Hit> {
        // The filters look at the items; without filters they need not be listed.
        let items: Vec<ItemRef> = if filters.is_empty() {
            Vec::new()
        } else {
            report.items().collect()
        };
        let possible = index.prefilter(query);
        let all: Vec<usize>;
        let candidates = match candidates {
            Some(c) => c,
            None => {
                all = (0..index.len()).collect();
                &all
            }
        };
        let keep: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| possible.as_ref().is_none_or(|p| p.get(i)))
            .filter(|&i| filters.is_empty() || items.get(i).is_some_and(|it| filters.accepts(it)))
            .collect();
        let mut points: Vec<usize> = keep.iter().map(|&i| index.point_of[i]).collect();
        points.dedup();
        let terms = ready(query);
        let ctx = self.context_scores(index, &terms, &points);
        let (ctx, terms) = (&ctx, &terms);
        // Runs of items handed out to the cores as each finishes its last
        // (texts differ in length: halves would finish far apart).
        let runs: Vec<&[usize]> = keep.chunks(512).collect();
        let mut hits: Vec<Hit> = parallel_map(&runs, |run| {
            run.iter()
                .filter_map(|&i| {
                    let whole_possible =
                        not_whole.is_none_or(|n| !n.get(i).copied().unwrap_or(false));
                    self.item_score(index, query, terms, ctx, i, whole_possible)
                        .map(|score| Hit { item: i, score })
                })
                .collect::<Vec<Hit>>()
        })
        .into_iter()
        .flatten()
        .collect();
        match order {
            Order::Source => hits.sort_by_key(|h| h.item),
            Order::Score => hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.item.cmp(&b.item))),
        }
        hits
    }

    /// The score of `query` against one plain text (the department picker).
    pub fn text_score(&self, query: &Query, text: &str) -> Option<i64> {
        let folded = blob([text]);
        let mut total = 0;
        for group in &query.groups {
            let mut best: Option<i64> = None;
            for term in group {
                let s = match self.term_score(&Ready::new(term), &folded) {
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
        let mut positions = Vec::new();
        for term in query.groups.iter().flatten().filter(|t| !t.negate) {
            let found: Vec<usize> = match term.kind {
                // Where the term stands whole, that is the match shown.
                TermKind::Fuzzy => match folded.text.find(&term.text) {
                    Some(byte) => {
                        let start = folded.text[..byte].chars().count();
                        (start..start + term.text.chars().count()).collect()
                    }
                    None => self
                        .matcher
                        .fuzzy_indices(&folded.text, &term.text)
                        .map(|(_, idx)| idx)
                        .unwrap_or_default(),
                },
                TermKind::Exact | TermKind::Prefix | TermKind::Suffix | TermKind::Whole => {
                    let at = match term.kind {
                        TermKind::Prefix | TermKind::Whole => {
                            folded.text.starts_with(&term.text).then_some(0)
                        }
                        TermKind::Suffix => folded
                            .text
                            .ends_with(&term.text)
                            .then(|| folded.text.len() - term.text.len()),
                        _ => folded.text.find(&term.text),
                    };
                    match at {
                        Some(byte) => {
                            let start = folded.text[..byte].chars().count();
                            (start..start + term.text.chars().count()).collect()
                        }
                        None => Vec::new(),
                    }
                }
            };
            positions.extend(folded.to_original(&found));
        }
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}
