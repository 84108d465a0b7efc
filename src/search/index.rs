//! Folded texts of every item and of its context, built once per load, and
//! per-character bitsets that let a search skip items at once.

use crate::domain::model::{Item, Measure, Report};
use crate::domain::records::parallel_map;
use crate::text::normalize::fold_onto;

use super::matcher::Reading;
use super::query::Query;
use super::reading_index::Readings;

/// A set of items (or points) as a bitset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Bits(Vec<u64>);

impl Bits {
    pub(super) fn new(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }
    pub(super) fn full(n: usize) -> Bits {
        let mut b = Bits(vec![u64::MAX; n.div_ceil(64)]);
        if !n.is_multiple_of(64)
            && let Some(last) = b.0.last_mut()
        {
            *last = (1u64 << (n % 64)) - 1;
        }
        b
    }
    pub(super) fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }
    pub(super) fn get(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
    pub(super) fn and(&mut self, other: Option<&Bits>) {
        match other {
            Some(o) => self.0.iter_mut().zip(&o.0).for_each(|(a, b)| *a &= b),
            None => self.0.iter_mut().for_each(|a| *a = 0),
        }
    }
    pub(super) fn or(&mut self, other: &Bits) {
        self.0.iter_mut().zip(&other.0).for_each(|(a, b)| *a |= b);
    }
}

/// For every character, the set of texts (items or points) that contain it.
#[derive(Debug, Clone)]
struct CharIndex {
    len: usize,
    sets: foldhash::HashMap<char, Bits>,
}

impl CharIndex {
    fn new(texts: &[String]) -> CharIndex {
        let mut sets: foldhash::HashMap<char, Bits> = foldhash::HashMap::default();
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

    /// Text `i` holds the characters of `text` (too).
    fn add(&mut self, i: usize, text: &str) {
        for c in text.chars() {
            let len = self.len;
            self.sets.entry(c).or_insert_with(|| Bits::new(len)).set(i);
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
    pub(super) own: Vec<String>,
    pub(super) point_of: Vec<usize>,
    pub(super) contexts: Vec<String>,
    /// Built by [`SearchIndex::with_char_index`] for repeated searches (the
    /// board); a one-shot search does better without it.
    chars: Option<(CharIndex, CharIndex)>,
    /// The texts' readings, for terms that match by reading (made by
    /// [`SearchIndex::with_readings`]).
    pub(super) readings: Option<Readings>,
}

pub(super) fn blob<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let texts: Vec<&str> = texts.into_iter().collect();
    // Folding keeps a text's length but for rare characters: reserved at
    // once, the text is not copied as it grows.
    let mut s = String::with_capacity(texts.iter().map(|t| t.len() + 1).sum::<usize>() + 8);
    s.push('\n');
    for t in texts {
        fold_onto(&mut s, t);
        s.push('\n');
    }
    s
}

/// The folded own texts of an item (with its measure's text).
fn own_blob(measure: &Measure, item: &Item) -> String {
    let mut texts = vec![
        item.id.as_str(),
        item.progress.as_str(),
        item.assessment.as_str(),
    ];
    texts.extend(item.departments.iter().map(String::as_str));
    texts.extend(measure.text.as_deref());
    if let Some(note) = &item.note {
        texts.extend([note.ja.as_str(), note.en.as_str()]);
    }
    blob(texts)
}

impl SearchIndex {
    pub fn new(report: &Report) -> SearchIndex {
        let mut measures: Vec<(&Measure, &Item)> = Vec::new();
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
                        measures.push((measure, item));
                        point_of.push(context);
                    }
                }
            }
        }
        // Folding is most of the work: shared among the cores, in runs of
        // items large enough that handing them out costs nothing.
        let runs: Vec<&[(&Measure, &Item)]> = measures.chunks(512).collect();
        let own = parallel_map(&runs, |run| {
            run.iter()
                .map(|(measure, item)| own_blob(measure, item))
                .collect::<Vec<String>>()
        })
        .into_iter()
        .flatten()
        .collect();
        SearchIndex {
            chars: None,
            readings: None,
            own,
            point_of,
            contexts,
        }
    }

    /// Fold again the items `changed` (indices in source order), changed in
    /// place in `report` since the index was built (the report's shape is
    /// the same). Their characters are added to the character sets; a
    /// character an item no longer holds stays in its set, which only lets
    /// the matcher look at it (the sets are a necessary condition).
    pub fn refold(&mut self, report: &Report, changed: &[usize]) {
        if changed.is_empty() {
            return;
        }
        let mut wanted: Vec<usize> = changed.to_vec();
        wanted.sort_unstable();
        wanted.dedup();
        let mut next = wanted.iter().peekable();
        for (i, r) in report.items().enumerate() {
            if next.peek() != Some(&&i) {
                continue;
            }
            next.next();
            if let Some(slot) = self.own.get_mut(i) {
                *slot = own_blob(r.measure, r.item);
                if let Some((chars, _)) = &mut self.chars {
                    chars.add(i, slot);
                }
                // Typed text is found by its reading at once.
                if let Some(readings) = &mut self.readings {
                    readings.reread(i, slot);
                }
            }
            if next.peek().is_none() {
                break;
            }
        }
    }

    /// Add the per-character sets that let a search skip, at once, every
    /// item that lacks a character of a term.
    pub fn with_char_index(mut self) -> SearchIndex {
        self.chars = Some((CharIndex::new(&self.own), CharIndex::new(&self.contexts)));
        if let Some(r) = &mut self.readings {
            r.with_bytes();
        }
        self
    }

    /// Add the readings of every text, so that a term in romaji or kana
    /// finds kanji by reading (nothing is done when they are there).
    pub fn with_readings(mut self) -> SearchIndex {
        self.add_readings();
        self
    }

    /// [`SearchIndex::with_readings`] in place.
    pub fn add_readings(&mut self) {
        if self.readings.is_some() {
            return;
        }
        let mut r = Readings::new(&self.own, &self.contexts);
        if self.chars.is_some() {
            r.with_bytes();
        }
        self.readings = Some(r);
    }

    /// Whether the texts' readings are there.
    pub fn has_readings(&self) -> bool {
        self.readings.is_some()
    }

    /// Item `i`'s own texts, to match.
    pub(super) fn item(&self, i: usize) -> super::matcher::Text<'_> {
        super::matcher::Text {
            folded: &self.own[i],
            reading: self.own_reading(i),
        }
    }

    /// Context `p`'s texts, to match.
    pub(super) fn context(&self, p: usize) -> super::matcher::Text<'_> {
        super::matcher::Text {
            folded: &self.contexts[p],
            reading: self.context_reading(p),
        }
    }

    /// Item `i`'s reading (when the index has readings).
    pub(super) fn own_reading(&self, i: usize) -> Option<Reading<'_>> {
        let r = self.readings.as_ref()?;
        Some(Reading::Pieces(r.own.get(i)?, r))
    }

    /// Context `p`'s reading (when the index has readings).
    pub(super) fn context_reading(&self, p: usize) -> Option<Reading<'_>> {
        let r = self.readings.as_ref()?;
        Some(Reading::Pieces(r.contexts.get(p)?, r))
    }

    pub fn len(&self) -> usize {
        self.own.len()
    }

    pub fn is_empty(&self) -> bool {
        self.own.is_empty()
    }

    /// What could match every positive single-term group of `query` (None
    /// when the query has no such group).
    pub(super) fn prefilter(&self, query: &Query) -> Option<Possible> {
        let (own_chars, context_chars) = self.chars.as_ref()?;
        // A query of one term: the items whose own texts hold all of its
        // characters (the others can match it only by reading).
        let literal = match query.groups.as_slice() {
            [group] => match group.as_slice() {
                [term] if !term.negate => Some(own_chars.containing_all(&term.text)),
                _ => None,
            },
            _ => None,
        };
        let groups: Vec<(Bits, Bits)> = query
            .groups
            .iter()
            .filter_map(|group| match group.as_slice() {
                // An item passes a term through its own texts or its context.
                [term] if !term.negate => {
                    let mut own = own_chars.containing_all(&term.text);
                    let mut context = context_chars.containing_all(&term.text);
                    // Or what holds every kana of its reading.
                    let bytes = self.readings.as_ref().and_then(|r| r.bytes.as_ref());
                    if let (Some(key), Some((own_bytes, context_bytes))) = (&term.reading, bytes) {
                        own.or(&own_bytes.possible(key));
                        context.or(&context_bytes.possible(key));
                    }
                    Some((own, context))
                }
                _ => None,
            })
            .collect();
        (!groups.is_empty()).then_some(Possible { groups, literal })
    }
}

/// Items that could match a query: for each of its positive single-term
/// groups, the items and the contexts that hold all of the term's characters.
pub(super) struct Possible {
    groups: Vec<(Bits, Bits)>,
    /// For a query of one term: the items whose own texts hold all of its
    /// characters.
    literal: Option<Bits>,
}

impl Possible {
    /// Whether the query's one term may stand (whole or scattered) in item
    /// `item`'s own texts: not when they lack one of its characters (the
    /// sets only grow when texts change, so this stays a necessary
    /// condition). Always, for a query of more terms.
    pub(super) fn literal(&self, item: usize) -> bool {
        self.literal.as_ref().is_none_or(|bits| bits.get(item))
    }

    pub(super) fn may_match(&self, index: &SearchIndex, item: usize) -> bool {
        let point = index.point_of.get(item).copied();
        self.groups
            .iter()
            .all(|(own, context)| own.get(item) || point.is_some_and(|p| context.get(p)))
    }
}
