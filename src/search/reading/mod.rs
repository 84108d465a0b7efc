//! Search by reading: a query term in romaji, hiragana or katakana finds
//! kanji text whose reading holds it (`jidou`, 「じどう」 and 「ジドウ」 find
//! 児童). Each text's readings are made once per index ([`read`]), from the
//! tables of [`dict`]; a term is made one folded kana form ([`romaji`]), and a
//! search is a scan of bytes, as for the texts themselves.

pub mod dict;
pub mod kana;
pub mod pieces;
pub mod read;
pub mod romaji;

use memchr::memmem::Finder;

pub use read::{Cache, Origin};
pub use romaji::{Needle, ReadingKey, key};

use kana::FIELD;

/// A reading key made ready to scan many readings: each needle's finder
/// (with the field separators of `^` and `$`), and what must follow it.
pub struct Scan {
    needles: Vec<(Finder<'static>, [bool; 256], bool, bool)>,
}

impl Scan {
    /// `start`, `end`: the match must begin, end a field (`^`, `$`).
    pub fn new(key: &ReadingKey, start: bool, end: bool) -> Scan {
        let needles = key
            .needles
            .iter()
            .map(|n| {
                let mut bytes = Vec::with_capacity(n.bytes.len() + 2);
                if start {
                    bytes.push(FIELD);
                }
                bytes.extend_from_slice(&n.bytes);
                let finish = end && n.next.is_empty();
                if finish {
                    bytes.push(FIELD);
                }
                let mut next = [n.next.is_empty(); 256];
                for &b in &n.next {
                    next[usize::from(b)] = true;
                }
                (
                    Finder::new(&bytes).into_owned(),
                    next,
                    !n.next.is_empty(),
                    end && !finish,
                )
            })
            .collect();
        Scan { needles }
    }

    /// The first match in `reading`: its byte range.
    pub fn find(&self, reading: &[u8]) -> Option<(usize, usize)> {
        self.needles
            .iter()
            .filter_map(|(finder, next, begun, end)| {
                let len = finder.needle().len();
                finder.find_iter(reading).find_map(|at| {
                    if !begun {
                        return Some((at, at + len));
                    }
                    let b = *reading.get(at + len)?;
                    let ends_field = !end || reading.get(at + len + 1) == Some(&FIELD);
                    (next[usize::from(b)] && ends_field).then_some((at, at + len + 1))
                })
            })
            .min()
    }

    /// Every byte the needle of some way of reading needs (for the
    /// per-byte sets of the index): each needle's bytes.
    pub fn needle_bytes(key: &ReadingKey) -> impl Iterator<Item = &[u8]> {
        key.needles.iter().map(|n| n.bytes.as_slice())
    }
}

/// The readings of the folded text `text` (see [`read::read`]).
pub fn reading_of(text: &str, cache: &mut Cache) -> Box<[u8]> {
    read::read(text, None, cache).into_boxed_slice()
}

/// The original characters (of `text` as shown) that a reading match of
/// `key` covers, or nothing.
pub fn positions(key: &ReadingKey, text: &str, start: bool, end: bool) -> Vec<usize> {
    let folded = crate::text::normalize::fold(text);
    // Read as one field, so that ^ and $ find its ends.
    let field = format!("\n{}\n", folded.text);
    let mut origin = Origin::new();
    let reading = read::read(&field, Some(&mut origin), &mut Cache::default());
    let Some((a, b)) = Scan::new(key, start, end).find(&reading) else {
        return Vec::new();
    };
    let len = folded.len();
    let mut chars: Vec<usize> = Vec::new();
    for &(from, to) in origin.get(a..b).unwrap_or_default() {
        // Less the separator put before: the folded text's characters.
        chars.extend((from as usize..to as usize).filter_map(|i| i.checked_sub(1)));
    }
    chars.retain(|&i| i < len);
    chars.sort_unstable();
    chars.dedup();
    folded.to_original(&chars)
}

#[cfg(test)]
mod tests;
