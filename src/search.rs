//! Search: fzf's query syntax over every text of an item and its context,
//! with Japanese-aware folding ([`crate::normalize`]) and filters.
//!
//! Matcher: `fuzzy-matcher`'s SkimMatcherV2 (see BENCHMARKS.md). Scores rank
//! a hit in the item's own texts above a hit found only in its context (policy,
//! point and recommendation); match positions are computed only for what is on
//! screen, and mapped back to the original characters.

use std::collections::BTreeSet;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::{Item, Report};
use crate::normalize::{fold, fold_query};

/// How a term matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// `abc`: the characters in order, anywhere.
    Fuzzy,
    /// `'abc`: the exact text anywhere.
    Exact,
    /// `^abc`: a text starts with it.
    Prefix,
    /// `abc$`: a text ends with it.
    Suffix,
    /// `^abc$`: a whole text.
    Whole,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub kind: TermKind,
    /// Folded text of the term.
    pub text: String,
    /// `!term`: must not match.
    pub negate: bool,
}

/// A query: every group must match; a group matches when any of its terms does
/// (`a | b`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub groups: Vec<Vec<Term>>,
}

fn parse_term(token: &str) -> Option<Term> {
    let (negate, rest) = match token.strip_prefix('!') {
        Some(r) => (true, r),
        None => (false, token),
    };
    let (exact, rest) = match rest.strip_prefix('\'') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let (prefix, rest) = match rest.strip_prefix('^') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let (suffix, rest) = match rest.strip_suffix('$') {
        Some(r) if !r.is_empty() => (true, r),
        _ => (false, rest),
    };
    let text = fold_query(rest);
    if text.is_empty() {
        return None;
    }
    let kind = match (prefix, suffix) {
        (true, true) => TermKind::Whole,
        (true, false) => TermKind::Prefix,
        (false, true) => TermKind::Suffix,
        // As in fzf, a negated term is matched exactly.
        (false, false) if exact || negate => TermKind::Exact,
        (false, false) => TermKind::Fuzzy,
    };
    Some(Term { kind, text, negate })
}

impl Query {
    /// Parse fzf syntax: space-separated terms all match; `'t` exact; `^t`
    /// prefix; `t$` suffix; `!t` must not match; `a | b` either.
    pub fn parse(input: &str) -> Query {
        let mut groups: Vec<Vec<Term>> = Vec::new();
        let mut join = false;
        for token in input.split_whitespace() {
            if token == "|" {
                join = !groups.is_empty();
                continue;
            }
            let Some(term) = parse_term(token) else {
                continue;
            };
            match groups.last_mut() {
                Some(g) if join => g.push(term),
                _ => groups.push(vec![term]),
            }
            join = false;
        }
        Query { groups }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Whether every item matching `self` also matches `other` is guaranteed
    /// because `other` only adds characters to terms (typing on): then the next
    /// search may start from this one's hits.
    pub fn narrows_to(&self, other: &Query) -> bool {
        if self.groups.len() > other.groups.len() || self.is_empty() {
            return false;
        }
        self.groups.iter().zip(&other.groups).all(|(a, b)| {
            a.len() == 1
                && b.len() == 1
                && !a[0].negate
                && !b[0].negate
                && a[0].kind == b[0].kind
                && match a[0].kind {
                    TermKind::Fuzzy => b[0].text.starts_with(&a[0].text),
                    TermKind::Exact => b[0].text.contains(&a[0].text),
                    TermKind::Prefix => b[0].text.starts_with(&a[0].text),
                    TermKind::Suffix => b[0].text.ends_with(&a[0].text),
                    TermKind::Whole => a[0].text == b[0].text,
                }
        })
    }
}

/// Which text of an item (or of its context) a field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FieldKind {
    Id,
    MeasureText,
    Progress,
    Assessment,
    Departments,
    Note,
    PolicyText,
    PolicyAssessment,
    PointTitle,
    RecommendationTitle,
}

/// The departments of an item as one searchable text (and as shown in the
/// detail pane, one per line).
pub fn departments_text(item: &Item) -> String {
    item.departments.join("\n")
}

/// A set of items (or points) as a bitset.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Bits(Vec<u64>);

impl Bits {
    fn new(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }
    fn full(n: usize) -> Bits {
        let mut b = Bits(vec![u64::MAX; n.div_ceil(64)]);
        if !n.is_multiple_of(64)
            && let Some(last) = b.0.last_mut()
        {
            *last = (1u64 << (n % 64)) - 1;
        }
        b
    }
    fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }
    fn get(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
    fn and(&mut self, other: Option<&Bits>) {
        match other {
            Some(o) => self.0.iter_mut().zip(&o.0).for_each(|(a, b)| *a &= b),
            None => self.0.iter_mut().for_each(|a| *a = 0),
        }
    }
}

/// For every character, the set of texts (items or points) that contain it.
#[derive(Debug, Clone)]
struct CharIndex {
    len: usize,
    sets: std::collections::HashMap<char, Bits>,
}

impl CharIndex {
    fn new(texts: &[String]) -> CharIndex {
        let mut sets: std::collections::HashMap<char, Bits> = std::collections::HashMap::new();
        let mut distinct: Vec<char> = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            distinct.clear();
            distinct.extend(t.chars());
            distinct.sort_unstable();
            distinct.dedup();
            for &c in &distinct {
                sets.entry(c)
                    .or_insert_with(|| Bits::new(texts.len()))
                    .set(i);
            }
        }
        CharIndex {
            len: texts.len(),
            sets,
        }
    }

    /// Texts that contain every character of `term` (a necessary condition
    /// for any kind of match).
    fn containing_all(&self, term: &str) -> Bits {
        let mut out = Bits::full(self.len);
        for c in term.chars() {
            out.and(self.sets.get(&c));
        }
        out
    }
}

/// Folded texts of every item and context, built once per load. Each item's
/// own texts are one string, fields separated (and surrounded) by newlines, so
/// that one matcher call covers them and `^`/`$` find field starts and ends.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    own: Vec<String>,
    point_of: Vec<usize>,
    contexts: Vec<String>,
    /// Built by [`SearchIndex::with_char_index`] for repeated searches (the
    /// board); a one-shot search does better without it.
    chars: Option<(CharIndex, CharIndex)>,
}

fn blob<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut s = String::from("\n");
    for t in texts {
        s.push_str(&fold(&t.replace('\n', " ")).text);
        s.push('\n');
    }
    s
}

impl SearchIndex {
    pub fn new(report: &Report) -> SearchIndex {
        let mut own = Vec::new();
        let mut point_of = Vec::new();
        let mut contexts = Vec::new();
        for rec in &report.recommendations {
            for point in &rec.points {
                let context = contexts.len();
                contexts.push(blob([
                    point.policy.text.as_str(),
                    point.policy.assessment.as_str(),
                    point.title.as_str(),
                    rec.title.as_str(),
                ]));
                for measure in &point.measures {
                    for item in &measure.items {
                        let mut texts = vec![
                            item.id.as_str(),
                            item.progress.as_str(),
                            item.assessment.as_str(),
                        ];
                        texts.extend(item.departments.iter().map(String::as_str));
                        texts.extend(measure.text.as_deref());
                        texts.extend(item.note.as_deref());
                        own.push(blob(texts));
                        point_of.push(context);
                    }
                }
            }
        }
        SearchIndex {
            chars: None,
            own,
            point_of,
            contexts,
        }
    }

    /// Add the per-character sets that let a search skip, at once, every
    /// item that lacks a character of a term.
    pub fn with_char_index(mut self) -> SearchIndex {
        self.chars = Some((CharIndex::new(&self.own), CharIndex::new(&self.contexts)));
        self
    }

    pub fn len(&self) -> usize {
        self.own.len()
    }

    pub fn is_empty(&self) -> bool {
        self.own.is_empty()
    }

    /// Items that could match every positive single-term group of `query`
    /// (None when the query has no such group).
    fn prefilter(&self, query: &Query) -> Option<Bits> {
        let (own_chars, context_chars) = self.chars.as_ref()?;
        let mut possible: Option<Bits> = None;
        for group in &query.groups {
            if let [term] = group.as_slice()
                && !term.negate
            {
                // An item passes a term through its own texts or its context.
                let mut pass = own_chars.containing_all(&term.text);
                let context = context_chars.containing_all(&term.text);
                for (i, p) in self.point_of.iter().enumerate() {
                    if context.get(*p) {
                        pass.set(i);
                    }
                }
                match &mut possible {
                    Some(bits) => bits.and(Some(&pass)),
                    None => possible = Some(pass),
                }
            }
        }
        possible
    }
}

/// Active filters; an empty set lets everything through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub phases: BTreeSet<String>,
    pub directions: BTreeSet<String>,
    pub departments: BTreeSet<String>,
    pub hide_relisted: bool,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    pub fn accepts(&self, item: &Item) -> bool {
        (self.phases.is_empty() || self.phases.contains(item.phase.as_str()))
            && (self.directions.is_empty() || self.directions.contains(item.direction.as_str()))
            && (self.departments.is_empty()
                || item
                    .departments
                    .iter()
                    .any(|d| self.departments.contains(d)))
            && !(self.hide_relisted && item.relisted)
    }
}

/// Every department present in the report, in order of first appearance.
pub fn all_departments(report: &Report) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in report.items() {
        for d in &r.item.departments {
            if !out.contains(d) {
                out.push(d.clone());
            }
        }
    }
    out
}

/// Departments whose name or bureau prefix contains `text` (folded).
pub fn departments_matching(report: &Report, text: &str) -> Vec<String> {
    let wanted = fold_query(text.trim());
    all_departments(report)
        .into_iter()
        .filter(|d| fold_query(d).contains(&wanted))
        .collect()
}

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

/// Whether the characters of `pattern` appear in `text` in order.
fn holds_in_order(text: &str, pattern: &str) -> bool {
    let mut rest = text;
    for c in pattern.chars() {
        match rest.find(c) {
            Some(at) => rest = &rest[at + c.len_utf8()..],
            None => return false,
        }
    }
    true
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

/// A hit found only in the context counts this much less.
const CONTEXT_DIVISOR: i64 = 4;

pub struct Searcher {
    matcher: SkimMatcherV2,
}

impl Default for Searcher {
    fn default() -> Self {
        Searcher {
            matcher: SkimMatcherV2::default().respect_case().element_limit(256),
        }
    }
}

impl Searcher {
    fn term_score(&self, term: &Term, text: &str) -> Option<i64> {
        let found = match term.kind {
            // A cheap test first (str::find is memchr-fast): most texts
            // do not hold the characters in order and never reach the matcher.
            TermKind::Fuzzy => {
                if !holds_in_order(text, &term.text) {
                    return None;
                }
                // The whole term standing together is the best fuzzy match
                // there is; the matcher's greedy path for long texts can score
                // a scattered match higher, so contiguity is scored here.
                let fuzzy = self.matcher.fuzzy_match(text, &term.text);
                let contiguous = text.contains(&term.text).then(|| exact_score(term));
                return fuzzy.max(contiguous);
            }
            TermKind::Exact => text.contains(&term.text),
            TermKind::Prefix => text.contains(&format!("\n{}", term.text)),
            TermKind::Suffix => text.contains(&format!("{}\n", term.text)),
            TermKind::Whole => text.contains(&format!("\n{}\n", term.text)),
        };
        found.then(|| exact_score(term))
    }

    /// Scores of every term against the contexts of `points` (each context is
    /// shared by the items of its point, so it is matched once per search):
    /// `[term][point]`, terms in query order.
    fn context_scores(
        &self,
        index: &SearchIndex,
        query: &Query,
        points: &[usize],
    ) -> Vec<Vec<Option<i64>>> {
        query
            .groups
            .iter()
            .flatten()
            .map(|term| {
                let mut v = vec![None; index.contexts.len()];
                for &p in points {
                    v[p] = self.term_score(term, &index.contexts[p]);
                }
                v
            })
            .collect()
    }

    fn item_score(
        &self,
        index: &SearchIndex,
        query: &Query,
        ctx: &[Vec<Option<i64>>],
        i: usize,
    ) -> Option<i64> {
        let own = &index.own[i];
        let point = index.point_of[i];
        let mut total = 0;
        let mut t = 0;
        for group in &query.groups {
            let mut best: Option<i64> = None;
            for term in group {
                let in_context = ctx[t][point];
                t += 1;
                let s = if term.negate {
                    let present = in_context.is_some() || self.term_score(term, own).is_some();
                    (!present).then_some(0)
                } else {
                    // The item's own texts count fully; its context adds a
                    // quarter (so an item whose policy is about the term ranks
                    // above one that mentions it in passing), and alone ranks
                    // below any own hit.
                    let in_context = in_context.map(|s| (s / CONTEXT_DIVISOR).max(1));
                    match (self.term_score(term, own), in_context) {
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
        let ctx = self.context_scores(index, query, &[point]);
        self.item_score(index, query, &ctx, i)
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
        let items: Vec<&Item> = report.items().map(|r| r.item).collect();
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
            .filter(|&i| items.get(i).is_some_and(|it| filters.accepts(it)))
            .collect();
        let mut points: Vec<usize> = keep.iter().map(|&i| index.point_of[i]).collect();
        points.dedup();
        let ctx = self.context_scores(index, query, &points);
        let ctx = &ctx;
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(keep.len() / 256 + 1);
        let chunk = keep.len().div_ceil(threads.max(1)).max(1);
        let mut hits: Vec<Hit> = std::thread::scope(|scope| {
            let workers: Vec<_> = keep
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .filter_map(|&i| {
                                self.item_score(index, query, ctx, i)
                                    .map(|score| Hit { item: i, score })
                            })
                            .collect::<Vec<Hit>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().unwrap_or_default())
                .collect()
        });
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
                let s = match self.term_score(term, &folded) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::load;

    fn report() -> Report {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records");
        load(&path).unwrap().report
    }

    fn ids(report: &Report, query: &str, filters: &Filters, order: Order) -> Vec<String> {
        let index = SearchIndex::new(report);
        let items: Vec<String> = report.items().map(|r| r.item.id.clone()).collect();
        Searcher::default()
            .search(&index, report, &Query::parse(query), filters, order, None)
            .iter()
            .map(|h| items[h.item].clone())
            .collect()
    }

    fn t(kind: TermKind, text: &str, negate: bool) -> Term {
        Term {
            kind,
            text: text.into(),
            negate,
        }
    }

    #[test]
    fn the_query_syntax_parses_as_fzf() {
        let q = Query::parse("警察 'ssw ^令和 する。$ !再掲 a | b");
        assert_eq!(
            q.groups,
            vec![
                vec![t(TermKind::Fuzzy, "警察", false)],
                vec![t(TermKind::Exact, "ssw", false)],
                vec![t(TermKind::Prefix, "令和", false)],
                vec![t(TermKind::Suffix, "する。", false)],
                vec![t(TermKind::Exact, "再掲", true)],
                vec![
                    t(TermKind::Fuzzy, "a", false),
                    t(TermKind::Fuzzy, "b", false)
                ],
            ]
        );
        assert_eq!(
            Query::parse("^全文$").groups,
            vec![vec![t(TermKind::Whole, "全文", false)]]
        );
        assert!(Query::parse("  ").is_empty());
        assert!(Query::parse("| !").is_empty());
    }

    #[test]
    fn every_operator_finds_what_it_should() {
        let r = report();
        let none = Filters::default();
        let police = ids(&r, "警察", &none, Order::Source);
        assert!(police.contains(&"4-2-a".to_string()), "{police:?}");
        // Exact: ハンドブック (the handbook of 1-⑤ and the 会議ハンドブック of 3-④).
        let exact = ids(&r, "'ハンドブック", &none, Order::Source);
        assert_eq!(exact, vec!["1-5-a", "1-5-b", "3-4-d"]);
        // Prefix: progress texts that start with 令和3年度から.
        let prefix = ids(&r, "^令和3年度から", &none, Order::Source);
        assert!(prefix.contains(&"6-1-a".to_string()), "{prefix:?}");
        assert!(!prefix.contains(&"1-1-a".to_string()));
        // Suffix: a text that ends with 【再掲】.
        let suffix = ids(&r, "【再掲】$", &none, Order::Source);
        assert_eq!(suffix.len(), 13, "{suffix:?}");
        // Negation: everything but the relisted rows.
        let not = ids(&r, "!【再掲】", &none, Order::Source);
        assert_eq!(not.len(), 88 - 13);
        // Or.
        let either = ids(&r, "'ビジネスチャット | 'デートDV", &none, Order::Source);
        assert_eq!(either, vec!["3-4-d", "6-3-b"]);
        // And: both terms.
        let both = ids(&r, "警察 '法医学", &none, Order::Source);
        assert_eq!(both, vec!["4-2-a"]);
    }

    #[test]
    fn kana_width_and_case_do_not_matter() {
        let r = report();
        let none = Filters::default();
        let katakana = ids(&r, "'スクールソーシャルワーカー", &none, Order::Source);
        assert!(!katakana.is_empty());
        assert_eq!(
            ids(&r, "'すくーるそーしゃるわーかー", &none, Order::Source),
            katakana
        );
        assert_eq!(ids(&r, "'ｽｸｰﾙｿｰｼｬﾙﾜｰｶｰ", &none, Order::Source), katakana);
        let ssw = ids(&r, "'ssw", &none, Order::Source);
        assert!(!ssw.is_empty());
        assert_eq!(ids(&r, "'ＳＳＷ", &none, Order::Source), ssw);
        assert_eq!(ids(&r, "'SSW", &none, Order::Source), ssw);
    }

    #[test]
    fn ids_are_searchable_and_own_hits_rank_above_context_hits() {
        let r = report();
        let none = Filters::default();
        let by_id = ids(&r, "'4-2-a", &none, Order::Score);
        assert_eq!(by_id.first().map(String::as_str), Some("4-2-a"));
        // 思春期 appears only in recommendation 6's titles: every item there is a
        // (context) hit, and nothing else.
        let ctx = ids(&r, "'思春期", &none, Order::Score);
        assert!(
            ctx.iter().all(|i| i.starts_with("6-")) && ctx.len() == 11,
            "{ctx:?}"
        );
        // 児童相談所と警察 stands in 4-2-a's own texts and in the policy of 4-2
        // (context of the same item): the own hit ranks first.
        let index = SearchIndex::new(&r);
        let s = Searcher::default();
        let q = Query::parse("'児童相談所と警察");
        let hits = s.search(&index, &r, &q, &none, Order::Score, None);
        let items: Vec<_> = r.items().map(|x| x.item.id.clone()).collect();
        assert_eq!(items[hits[0].item], "4-2-a");
        // 子ども家庭総合支援拠点 is in the policy of 1-① (context of all its items)
        // and in the own measure text of 1-1-d: 1-1-d ranks above 1-1-a.
        let q = Query::parse("'子ども家庭総合支援拠点");
        let hits = s.search(&index, &r, &q, &none, Order::Score, None);
        let pos = |id: &str| hits.iter().position(|h| items[h.item] == id).unwrap();
        assert!(pos("1-1-d") < pos("1-1-a"));
        assert!(hits[pos("1-1-d")].score > hits[pos("1-1-a")].score);
        let own = ["1-1-d", "1-2-e", "3-1-c", "4-4-a"];
        let own_positions: Vec<usize> = own.iter().map(|id| pos(id)).collect();
        assert!(
            own_positions.iter().all(|&p| p < own.len()),
            "{own_positions:?}"
        );
    }

    #[test]
    fn the_whole_term_together_ranks_above_scattered_characters() {
        let r = report();
        let none = Filters::default();
        let top = ids(&r, "すくーる", &none, Order::Score);
        // リスク評価…データ…する holds す く ー る scattered; スクール holds them together.
        let mut first_three = top[..3].to_vec();
        first_three.sort();
        assert_eq!(first_three, vec!["1-4-a", "1-4-b", "6-2-a"], "{top:?}");
    }

    #[test]
    fn ranking_is_stable() {
        let r = report();
        let none = Filters::default();
        let a = ids(&r, "支援", &none, Order::Score);
        let b = ids(&r, "支援", &none, Order::Score);
        assert_eq!(a, b);
        assert!(a.len() > 50);
        let source = ids(&r, "支援", &none, Order::Source);
        let mut sorted = source.clone();
        sorted.sort_by_key(|id| r.items().position(|x| &x.item.id == id));
        assert_eq!(source, sorted);
    }

    #[test]
    fn filters_combine_with_each_other_and_with_search() {
        let r = report();
        let mut f = Filters::default();
        f.phases.insert("D".into());
        assert_eq!(ids(&r, "", &f, Order::Source), vec!["1-1-d", "1-1-e"]);
        f.directions.insert("III".into());
        assert_eq!(ids(&r, "", &f, Order::Source), vec!["1-1-d"]);
        let mut f = Filters::default();
        f.phases.extend(["C".to_string(), "D".to_string()]);
        assert_eq!(ids(&r, "", &f, Order::Source).len(), 3);
        let mut f = Filters::default();
        f.departments.insert("市) 男女共同参画室".into());
        assert_eq!(
            ids(&r, "", &f, Order::Source),
            vec!["6-3-a", "6-3-b", "6-3-c", "6-3-d"]
        );
        assert_eq!(ids(&r, "心理", &f, Order::Source), vec!["6-3-c"]);
        let mut f = Filters {
            hide_relisted: true,
            ..Filters::default()
        };
        assert_eq!(ids(&r, "", &f, Order::Source).len(), 75);
        f.directions.insert("III".into());
        assert_eq!(ids(&r, "", &f, Order::Source), vec!["1-1-d", "6-1-b"]);
    }

    #[test]
    fn departments_match_by_name_or_bureau() {
        let r = report();
        assert_eq!(
            departments_matching(&r, "児童相談所"),
            vec!["子) 児童相談所"]
        );
        let bureau = departments_matching(&r, "総)");
        assert!(
            bureau.len() >= 3 && bureau.iter().all(|d| d.starts_with("総)")),
            "{bureau:?}"
        );
        assert!(departments_matching(&r, "消防").is_empty());
    }

    #[test]
    fn highlights_land_on_the_original_characters() {
        let s = Searcher::default();
        let text = "令和2年に、ｽｸｰﾙソーシャルワーカー（ＳＳＷ）と警察が連携";
        let chars: Vec<char> = text.chars().collect();
        let pick = |p: &[usize]| p.iter().map(|&i| chars[i]).collect::<String>();
        assert_eq!(pick(&s.highlight(&Query::parse("'ssw"), text)), "ＳＳＷ");
        assert_eq!(pick(&s.highlight(&Query::parse("警察"), text)), "警察");
        assert_eq!(pick(&s.highlight(&Query::parse("'すくーる"), text)), "ｽｸｰﾙ");
        assert_eq!(pick(&s.highlight(&Query::parse("^令和"), text)), "令和");
        assert_eq!(pick(&s.highlight(&Query::parse("連携$"), text)), "連携");
        assert!(s.highlight(&Query::parse("!警察"), text).is_empty());
        // Fuzzy: the matched characters, in order.
        assert_eq!(pick(&s.highlight(&Query::parse("警連"), text)), "警連");
    }

    #[test]
    fn the_character_index_changes_nothing_but_speed() {
        let r = report();
        let plain = SearchIndex::new(&r);
        let indexed = SearchIndex::new(&r).with_char_index();
        let s = Searcher::default();
        let none = Filters::default();
        for q in [
            "警察",
            "'ハンドブック",
            "^令和3",
            "再掲】$",
            "!支援",
            "児童 相談",
            "a | 警",
            "思春期",
            "zzz",
        ] {
            let q = Query::parse(q);
            assert_eq!(
                s.search(&plain, &r, &q, &none, Order::Score, None),
                s.search(&indexed, &r, &q, &none, Order::Score, None),
                "{q:?}"
            );
        }
        // And it does skip: a term with a character no text holds leaves nothing to score.
        assert!(indexed.prefilter(&Query::parse("警察")).is_some());
        assert!(plain.prefilter(&Query::parse("警察")).is_none());
    }

    #[test]
    fn typing_on_narrows_the_previous_result() {
        let a = Query::parse("警");
        assert!(a.narrows_to(&Query::parse("警察")));
        assert!(a.narrows_to(&Query::parse("警察 支援")));
        assert!(!a.narrows_to(&Query::parse("察")));
        assert!(!Query::parse("!警").narrows_to(&Query::parse("!警察")));
        assert!(!Query::parse("a | b").narrows_to(&Query::parse("a | bc")));
        // Narrowing gives the same hits as a full search.
        let r = report();
        let index = SearchIndex::new(&r);
        let s = Searcher::default();
        let none = Filters::default();
        let first = s.search(&index, &r, &Query::parse("支"), &none, Order::Source, None);
        let from: Vec<usize> = first.iter().map(|h| h.item).collect();
        let narrowed = s.search(
            &index,
            &r,
            &Query::parse("支援"),
            &none,
            Order::Source,
            Some(&from),
        );
        let full = s.search(
            &index,
            &r,
            &Query::parse("支援"),
            &none,
            Order::Source,
            None,
        );
        assert_eq!(narrowed, full);
    }
}

/// The texts of an item as shown, own texts first, then context, with their
/// names (for excerpts and highlighting).
pub fn item_texts<'a>(r: &crate::model::ItemRef<'a>) -> Vec<(&'static str, String)> {
    let mut out = vec![
        ("id", r.item.id.clone()),
        ("progress", r.item.progress.clone()),
        ("assessment", r.item.assessment.clone()),
        ("departments", r.item.departments.join(" ")),
    ];
    if let Some(t) = &r.measure.text {
        out.push(("measure_text", t.clone()));
    }
    if let Some(n) = &r.item.note {
        out.push(("note", n.clone()));
    }
    out.extend([
        ("policy_text", r.point.policy.text.clone()),
        ("policy_assessment", r.point.policy.assessment.clone()),
        ("point_title", r.point.title.clone()),
        ("recommendation_title", r.recommendation.title.clone()),
    ]);
    out
}

/// The first text of the item where `query` matches, with the matched
/// character positions: (field name, text, positions).
pub fn best_text(
    searcher: &Searcher,
    query: &Query,
    r: &crate::model::ItemRef<'_>,
) -> Option<(&'static str, String, Vec<usize>)> {
    item_texts(r).into_iter().find_map(|(name, text)| {
        let text = crate::text::visible(&text).into_owned();
        let positions = searcher.highlight(query, &text);
        (!positions.is_empty()).then_some((name, text, positions))
    })
}

/// A window of `text` around its first match, at most `width` columns, with the
/// matched runs wrapped in `open`/`close`.
pub fn excerpt(text: &str, positions: &[usize], width: usize, open: &str, close: &str) -> String {
    use unicode_width::UnicodeWidthChar;
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let first = positions.first().copied().unwrap_or(0);
    // Start a little before the first match.
    let mut start = first;
    let mut before = 0;
    while start > 0 && before < width / 4 {
        start -= 1;
        before += chars[start].width().unwrap_or(0);
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut used = 0;
    let mut in_match = false;
    let mut end = start;
    for (i, &c) in chars.iter().enumerate().skip(start) {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        let hit = positions.binary_search(&i).is_ok();
        if hit && !in_match {
            out.push_str(open);
        } else if !hit && in_match {
            out.push_str(close);
        }
        in_match = hit;
        out.push(c);
        used += w;
        end = i + 1;
    }
    if in_match {
        out.push_str(close);
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}
