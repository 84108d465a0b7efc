//! The score of a pattern scattered over a long text, exactly as
//! `fuzzy-matcher`'s `SkimMatcherV2` (case respected, `element_limit(256)`)
//! gives it, without its cost.
//!
//! For a text of 128 characters or more the matcher takes its greedy path
//! (`simple_match`): it copies the whole text into a `Vec<char>`, finds the
//! pattern's characters in order from the left, walks back from the last of
//! them to the tightest start, and scores the characters from there to the
//! end of the match. At 100k items that copy and the separate passes were a
//! third of a keystroke. This does the same passes over the text's bytes,
//! stops at the end of the match, and allocates nothing. It reproduces the
//! matcher's arithmetic to the point: the walk back records its start as an
//! index within the window, and the matcher then scores from that index
//! counted from the start of the text; so does this. Shorter texts go to the
//! matcher itself (its full alignment). A proptest compares both on the
//! records' own texts (`search::tests::scattered`).

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem::{Finder, FinderRev};

/// The matcher's greedy path is taken when `2 × (characters + 1)` exceeds
/// this (`element_limit`).
pub const ELEMENT_LIMIT: usize = 256;

const SCORE_MATCH: i64 = 16;
const GAP_START: i64 = -3;
const GAP_EXTENSION: i64 = -1;
const BONUS_HEAD: i64 = SCORE_MATCH / 2;
const BONUS_BREAK: i64 = SCORE_MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i64 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
const BONUS_CONSECUTIVE: i64 = -(GAP_START + GAP_EXTENSION);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Empty,
    HardSep,
    SoftSep,
    Number,
    Upper,
    Lower,
}

fn kind(c: char) -> Kind {
    match c {
        '\0' => Kind::Empty,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => Kind::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => Kind::SoftSep,
        '0'..='9' => Kind::Number,
        'A'..='Z' => Kind::Upper,
        _ => Kind::Lower,
    }
}

/// The bonus of a character for where it stands after `prev`.
fn in_place_bonus(prev: char, cur: char) -> i64 {
    match (kind(prev), kind(cur)) {
        (Kind::Empty, _) | (Kind::HardSep, _) => BONUS_HEAD,
        (Kind::SoftSep, _) => BONUS_BREAK,
        (Kind::Lower, Kind::Upper) | (Kind::Number, Kind::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// How many of the pattern's first places are kept from the first pass.
const KEPT: usize = 32;

/// The byte offset of character `n` of `text`.
fn byte_of_char(text: &str, n: usize) -> Option<usize> {
    if n == 0 {
        return Some(0);
    }
    text.char_indices().nth(n).map(|(i, _)| i)
}

/// A pattern made ready to score many texts: each character with SIMD
/// finders for its UTF-8 bytes, both ways.
pub struct Pattern {
    text: String,
    chars: Vec<(char, Finder<'static>, FinderRev<'static>)>,
}

impl Pattern {
    pub fn new(text: &str) -> Pattern {
        let chars = text
            .chars()
            .map(|c| {
                let mut buf = [0u8; 4];
                let bytes = c.encode_utf8(&mut buf).as_bytes();
                (
                    c,
                    Finder::new(bytes).into_owned(),
                    FinderRev::new(bytes).into_owned(),
                )
            })
            .collect();
        Pattern {
            text: text.to_string(),
            chars,
        }
    }
}

/// The matcher kensho scores with, made for one call.
///
/// fuzzy-matcher 0.3.7 keeps its score matrix per matcher and thread
/// between calls, and a bonus one call leaves in it can change the next
/// call's score of another text (found by a review: the same text scored
/// 167 alone and 169 after another). Its `use_cache(false)` panics. A
/// matcher made for the call scores each text alone, whatever the thread
/// scored before.
pub fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default()
        .respect_case()
        .element_limit(ELEMENT_LIMIT)
}

/// Whether the matcher scores `text` by its greedy path (this module's
/// passes) rather than by its full alignment.
///
/// On that path a pattern of n characters scores at most 24n: each
/// character 16, and a bonus of at most 8 when it follows the one before
/// at once. A character after a gap gets no bonus and pays at least 4: a
/// match that is not the pattern whole (it has such a character) scores at
/// most 24n − 12.
pub fn greedy(text: &str) -> bool {
    // A character is at most four bytes: only a text of 128 to 511 bytes
    // needs counting.
    !(text.len() < 128 || (text.len() < 512 && 2 * (text.chars().count() + 1) <= ELEMENT_LIMIT))
}

/// The score [`matcher`] gives `pattern` in `text` alone (None when the
/// pattern's characters are not all in the text in order).
pub fn score(text: &str, pattern: &Pattern) -> Option<i64> {
    let chars = &pattern.chars;
    let bytes = text.as_bytes();
    let find = |from: usize, k: usize| chars[k].1.find(&bytes[from..]).map(|i| i + from);
    let pattern_text = pattern.text.as_str();
    if chars.is_empty() {
        return Some(0);
    }
    // The matcher's own path for short texts.
    if !greedy(text) {
        return matcher().fuzzy_match(text, pattern_text);
    }
    // The pattern's characters in order from the left: the byte offset of
    // each (for a pattern of up to `KEPT` characters; a longer one is found
    // again in the last pass).
    let mut kept = [0usize; KEPT];
    let mut at = 0;
    for (k, (p, ..)) in chars.iter().enumerate() {
        let found = find(at, k)?;
        if let Some(slot) = kept.get_mut(k) {
            *slot = found;
        }
        at = found + p.len_utf8();
    }
    let (first, last) = (kept[0], at - chars[chars.len() - 1].0.len_utf8());
    if chars.len() == 1 {
        let prev = text[..first].chars().next_back().unwrap_or('\0');
        let cur = text[first..].chars().next().unwrap_or('\0');
        return Some(in_place_bonus(prev, cur));
    }
    // Walk back from the last match to the tightest start (each character
    // of the pattern, from the last, at its nearest place before): its index
    // within the window [first, last].
    let last_len = text[last..].chars().next()?.len_utf8();
    let mut before = last + last_len;
    let mut back = first;
    for (_, _, rev) in chars.iter().rev() {
        back = rev.rfind(&bytes[first..before])? + first;
        before = back;
    }
    let start = text[first..back].chars().count();
    // The matcher scores from that index counted from the text's start (as
    // if the character before it were none), up to where the pattern is
    // complete: each pattern character at its next place, each gap before
    // it costing its start and its length.
    //
    // Where that index is at or before the first match, the places are the
    // ones found above, and the first gap is the characters between; past
    // it, its byte offset is counted from the first match, and each place
    // found above still holds when it is past the one before.
    let before_first = text[..first].chars().count();
    let (mut at, first_gap) = if start <= before_first {
        (first, Some(before_first - start))
    } else {
        (
            first + byte_of_char(&text[first..], start - before_first)?,
            None,
        )
    };
    let (mut total, mut prev_bonus, mut prev) = (0, 0, '\0');
    for (k, &(p, ..)) in chars.iter().enumerate() {
        let found = match kept.get(k) {
            Some(&f) if f >= at => f,
            _ => find(at, k)?,
        };
        let gap = &text[at..found];
        let gap_chars = match (k, first_gap) {
            (0, Some(n)) => n,
            _ => gap.chars().count(),
        };
        if gap_chars > 0 {
            total += GAP_START + GAP_EXTENSION * gap_chars as i64;
            prev_bonus = 0;
            prev = if gap.is_empty() {
                text[..found].chars().next_back()?
            } else {
                gap.chars().next_back()?
            };
        }
        total += SCORE_MATCH;
        let consecutive = prev_bonus.max(in_place_bonus(prev, p).max(BONUS_CONSECUTIVE));
        prev_bonus = consecutive;
        if gap_chars == 0 {
            total += consecutive;
        }
        prev = p;
        at = found + p.len_utf8();
    }
    Some(total)
}
