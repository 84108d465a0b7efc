//! Matching and ranking: `fuzzy-matcher`'s SkimMatcherV2 (see BENCHMARKS.md).
//! Scores rank a hit in the item's own texts above a hit found only in its
//! context (policy, point and recommendation); match positions are computed
//! only for what is on screen, and mapped back to the original characters.

use crate::domain::model::{ItemRef, Report};
use crate::domain::records::parallel_map;

use super::filters::Filters;
use super::index::SearchIndex;
use super::query::{Query, Term, TermKind};
use super::reading_index::Readings;
use super::ready::{Ready, ready};
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

/// The score of a term found by reading: below the same term found whole
/// in the text (so that a literal hit ranks above a reading hit of the same
/// term, even with a quarter of a context's reading hit added: 24n + 4 +
/// (24n + 4) / 4 < 32n + 16), and at the top of what a scattered match of it
/// may score (24n + 8).
pub(super) fn reading_score(term: &Term) -> i64 {
    24 * term.text.chars().count() as i64 + 4
}

/// A text to match: folded, and its readings when the index has them.
#[derive(Clone, Copy)]
pub(super) struct Text<'a> {
    pub(super) folded: &'a str,
    pub(super) reading: Option<Reading<'a>>,
}

/// A text's readings: made for it alone (a plain text), or its pieces in
/// the index's readings.
#[derive(Clone, Copy)]
pub(super) enum Reading<'a> {
    Bytes(&'a [u8]),
    Pieces(&'a [u32], &'a Readings),
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

/// What a term's search found in one context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    /// Not looked at (no candidate item of that point).
    Unknown,
    No,
    Score(i64),
}

/// What one search learnt that the next keystroke can use: every term's
/// score against the contexts it looked at. Kept by whoever searches again
/// (the board's search worker) for the same index; used only when the next
/// query narrows this one (a context that did not hold a term cannot hold
/// its extension), and otherwise ignored.
#[derive(Debug, Clone)]
pub struct Memo {
    query: Query,
    /// `[term][point]`, terms in query order.
    contexts: Vec<Vec<Ctx>>,
}

/// Whether an item is searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Candidate {
    No,
    Yes,
    /// Searched, but its own texts cannot hold the term whole.
    NotWhole,
}

/// What an item's own texts may hold of a query's one term, as far as
/// what is known before they are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Literal {
    /// The term whole, or scattered.
    Any,
    /// The term scattered, not whole.
    NotWhole,
    /// Neither: they lack one of its characters (only a reading may match).
    None,
}

/// Every item of `index` flagged `Candidate::No` but those given.
fn flags(index: &SearchIndex, given: impl Iterator<Item = (usize, Candidate)>) -> Vec<Candidate> {
    let mut flags = vec![Candidate::No; index.len()];
    for (i, flag) in given {
        if let Some(slot) = flags.get_mut(i) {
            *slot = flag;
        }
    }
    flags
}

/// The one fuzzy term of a query that has only that.
fn single_fuzzy(q: &Query) -> Option<&Term> {
    match q.groups.as_slice() {
        [group] => match group.as_slice() {
            [t] if t.kind == TermKind::Fuzzy && !t.negate => Some(t),
            _ => None,
        },
        _ => None,
    }
}

/// A hit found only in the context counts this much less.
const CONTEXT_DIVISOR: i64 = 4;

/// Searches an index. It holds no matcher: fuzzy-matcher's keeps state
/// between calls that changes later scores (see [`scattered::matcher`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Searcher {
    // Made with `Searcher::default()` everywhere; clippy objects to
    // `default()` on a unit struct.
    _private: (),
}

impl Searcher {
    pub(super) fn term_score(&self, term: &Ready, text: Text) -> Option<i64> {
        self.term_score_knowing(term, text, Literal::Any)
    }

    /// [`Searcher::term_score`], told what the text cannot hold of the
    /// term: that is not looked for.
    fn term_score_knowing(&self, term: &Ready, text: Text, literal: Literal) -> Option<i64> {
        let (text, reading) = (text.folded, text.reading);
        // The term standing whole in the text: for an exact term the match,
        // for a fuzzy one the best match there is (the matcher's score for
        // n characters is at most 24n + 8, below `exact_score`; see the test
        // `a_whole_term_outscores_any_fuzzy_match`), so the matcher is not
        // asked.
        if literal == Literal::Any && term.whole_in(text) {
            return Some(exact_score(term.term));
        }
        // Found by reading: the kana of the term in the text's readings.
        let by_reading = reading
            .is_some_and(|r| term.read_in(r))
            .then(|| reading_score(term.term));
        let scattered_possible = literal != Literal::None;
        let literal = match term.term.kind {
            // The matcher's score, computed without its copy of the text;
            // not asked for a long text the reading found: there a match
            // that is not the term whole scores at most 24n − 12 (see
            // `scattered::greedy`), below the reading's 24n + 4.
            TermKind::Fuzzy
                if scattered_possible && (by_reading.is_none() || !scattered::greedy(text)) =>
            {
                scattered::score(text, &term.scattered)
            }
            _ => None,
        };
        literal.max(by_reading)
    }

    /// Scores of every term against the contexts of `points` (each context is
    /// shared by the items of its point, so it is matched once per search):
    /// `[term][point]`, terms in query order. A context that `known` (for a
    /// query this one narrows) found without the term is not looked at again.
    /// The work is shared among the cores.
    fn context_scores(
        &self,
        index: &SearchIndex,
        terms: &[Ready],
        points: &[usize],
        known: Option<&Memo>,
    ) -> Vec<Vec<Ctx>> {
        let runs: Vec<&[usize]> = points.chunks(256).collect();
        terms
            .iter()
            .enumerate()
            .map(|(t, term)| {
                let before = known.and_then(|k| k.contexts.get(t));
                let found = parallel_map(&runs, |run| {
                    run.iter()
                        .map(|&p| match before.and_then(|b| b.get(p)) {
                            Some(Ctx::No) => Ctx::No,
                            _ => match self.term_score(term, index.context(p)) {
                                Some(s) => Ctx::Score(s),
                                None => Ctx::No,
                            },
                        })
                        .collect::<Vec<Ctx>>()
                });
                let mut v = vec![Ctx::Unknown; index.contexts.len()];
                for (&p, c) in points.iter().zip(found.into_iter().flatten()) {
                    v[p] = c;
                }
                v
            })
            .collect()
    }

    /// `literal`: what the item's own texts may hold of the query's one term
    /// (see [`Searcher::search_after`] and `Possible::literal`).
    fn item_score(
        &self,
        index: &SearchIndex,
        query: &Query,
        terms: &[Ready],
        ctx: &[Vec<Ctx>],
        i: usize,
        literal: Literal,
    ) -> Option<i64> {
        let own = index.item(i);
        let point = index.point_of[i];
        let mut total = 0;
        let mut t = 0;
        for group in &query.groups {
            let mut best: Option<i64> = None;
            for _ in group {
                let term = &terms[t];
                let in_context = match ctx[t].get(point) {
                    Some(Ctx::Score(s)) => Some(*s),
                    Some(Ctx::No) => None,
                    // Not looked at before: looked at now.
                    Some(Ctx::Unknown) | None => (point < index.contexts.len())
                        .then(|| self.term_score(term, index.context(point)))
                        .flatten(),
                };
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
                    match (self.term_score_knowing(term, own, literal), in_context) {
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
        let ctx = self.context_scores(index, &terms, &[point], None);
        self.item_score(index, query, &terms, &ctx, i, Literal::Any)
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
        let flags = candidates.map(|c| flags(index, c.iter().map(|&i| (i, Candidate::Yes))));
        self.run(index, report, query, filters, order, flags, None)
            .0
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
        self.search_remembering(
            index,
            report,
            query,
            filters,
            order,
            Some(previous),
            &mut None,
        )
    }

    /// [`Searcher::search_after`] (or a fresh search, without `previous`)
    /// that also uses and renews `memo`, what the search before learnt on
    /// the same index (None at first, or after the index is built again).
    #[allow(clippy::too_many_arguments)]
    pub fn search_remembering(
        &self,
        index: &SearchIndex,
        report: &Report,
        query: &Query,
        filters: &Filters,
        order: Order,
        previous: Option<Previous>,
        memo: &mut Option<Memo>,
    ) -> Vec<Hit> {
        let known = memo.take().filter(|m| m.query.narrows_to(query));
        let flags = previous
            .filter(|p| p.query.narrows_to(query))
            .map(|previous| {
                // When both are one fuzzy term, the score says which items
                // held the previous term whole.
                let whole = match (single_fuzzy(previous.query), single_fuzzy(query)) {
                    (Some(before), Some(_)) => Some(exact_score(before)),
                    _ => None,
                };
                flags(
                    index,
                    previous.hits.iter().map(|h| match whole {
                        Some(w) if h.score < w => (h.item, Candidate::NotWhole),
                        _ => (h.item, Candidate::Yes),
                    }),
                )
            });
        let (hits, learnt) = self.run(index, report, query, filters, order, flags, known.as_ref());
        *memo = Some(learnt);
        hits
    }

    /// Search the items flagged as candidates (all when None), using what
    /// `known` learnt for a query this one narrows.
    #[allow(clippy::too_many_arguments)]
    fn run(
        &self,
        index: &SearchIndex,
        report: &Report,
        query: &Query,
        filters: &Filters,
        order: Order,
        candidates: Option<Vec<Candidate>>,
        known: Option<&Memo>,
    ) -> (Vec<Hit>, Memo) {
        // The filters look at the items; without filters they need not be listed.
        let unfiltered = filters.is_empty();
        let items: Vec<ItemRef> = if unfiltered {
            Vec::new()
        } else {
            report.items().collect()
        };
        let possible = index.prefilter(query);
        let flag = |i: usize| {
            candidates.as_ref().map_or(Candidate::Yes, |c| {
                c.get(i).copied().unwrap_or(Candidate::No)
            })
        };
        // Kept in source order, which is also the texts' order in memory.
        let literal = |i: usize, whole: Literal| match &possible {
            Some(p) if !p.literal(i) => Literal::None,
            _ => whole,
        };
        let mut keep: Vec<(usize, Literal)> = Vec::with_capacity(index.len());
        keep.extend(
            (0..index.len())
                .filter_map(|i| match flag(i) {
                    Candidate::No => None,
                    Candidate::Yes => Some((i, literal(i, Literal::Any))),
                    Candidate::NotWhole => Some((i, literal(i, Literal::NotWhole))),
                })
                .filter(|&(i, _)| possible.as_ref().is_none_or(|p| p.may_match(index, i)))
                .filter(|&(i, _)| unfiltered || items.get(i).is_some_and(|it| filters.accepts(it))),
        );
        let mut wanted = vec![false; index.contexts.len()];
        for &(i, _) in &keep {
            wanted[index.point_of[i]] = true;
        }
        let points: Vec<usize> = (0..wanted.len()).filter(|&p| wanted[p]).collect();
        let terms = ready(query);
        let ctx = self.context_scores(index, &terms, &points, known);
        let (ctx_ref, terms_ref) = (&ctx, &terms);
        // Runs of items handed out to the cores as each finishes its last
        // (texts differ in length: halves would finish far apart).
        let runs: Vec<&[(usize, Literal)]> = keep.chunks(512).collect();
        let found = parallel_map(&runs, |run| {
            run.iter()
                .filter_map(|&(i, literal)| {
                    self.item_score(index, query, terms_ref, ctx_ref, i, literal)
                        .map(|score| Hit { item: i, score })
                })
                .collect::<Vec<Hit>>()
        });
        // Allocated once at its size: grown step by step, each step was a
        // fresh block of memory the kernel had to clear.
        let mut hits: Vec<Hit> = Vec::with_capacity(found.iter().map(Vec::len).sum());
        found.into_iter().for_each(|f| hits.extend(f));
        // The hits come in source order (the runs are taken in order, and
        // each run's items are): ranked, a stable sort by score alone keeps
        // ties in source order, and is quick on the long runs of equal
        // scores a common term gives.
        if !hits.is_sorted_by_key(|h| h.item) {
            hits.sort_unstable_by_key(|h| h.item);
        }
        if order == Order::Score {
            hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        }
        let learnt = Memo {
            query: query.clone(),
            contexts: ctx,
        };
        (hits, learnt)
    }
}
