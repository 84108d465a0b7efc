//! The query: fzf's syntax, each term folded like the texts it is matched against.

use crate::text::normalize::fold_query;

use super::reading::{self, ReadingKey};

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
    /// The reading it stands for, when it is romaji or kana and readings
    /// are searched (`jidou`, `じどう`: 児童).
    pub reading: Option<ReadingKey>,
}

/// A query: every group must match; a group matches when any of its terms does
/// (`a | b`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub groups: Vec<Vec<Term>>,
}

fn parse_term(token: &str, readings: bool) -> Option<Term> {
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
    let reading = if readings { reading::key(&text) } else { None };
    Some(Term {
        kind,
        text,
        negate,
        reading,
    })
}

impl Query {
    /// Parse fzf syntax: space-separated terms all match; `'t` exact; `^t`
    /// prefix; `t$` suffix; `!t` must not match; `a | b` either. A term in
    /// romaji or kana also matches by reading.
    pub fn parse(input: &str) -> Query {
        Query::parse_with(input, true)
    }

    /// [`Query::parse`]; `readings` false: no term matches by reading
    /// (`--no-readings`, `readings: false` in the configuration).
    pub fn parse_with(input: &str, readings: bool) -> Query {
        let mut groups: Vec<Vec<Term>> = Vec::new();
        let mut join = false;
        for token in input.split_whitespace() {
            if token == "|" {
                join = !groups.is_empty();
                continue;
            }
            let Some(term) = parse_term(token, readings) else {
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

    /// Whether a term of it matches by reading (the index then needs the
    /// texts' readings).
    pub fn has_readings(&self) -> bool {
        self.groups.iter().flatten().any(|t| t.reading.is_some())
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
                // A term that became a reading (`t`, then `ts`) finds what
                // the shorter one could not.
                && (a[0].reading.is_some() || b[0].reading.is_none())
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
