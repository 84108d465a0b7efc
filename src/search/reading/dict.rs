//! The reading tables, checked in under `data/readings/` (made by
//! `tools/readings_tables.py` from Debian's unicode-data and mecab-ipadic;
//! see THIRD-PARTY): per-kanji on and kun readings, and common words of two
//! kanji or more. Unpacked once, the first time a reading is needed.

use foldhash::HashMap;
use std::io::Read;
use std::sync::OnceLock;

pub const KANJI_GZ: &[u8] = include_bytes!("../../../data/readings/kanji.tsv.gz");
pub const WORDS_GZ: &[u8] = include_bytes!("../../../data/readings/words.tsv.gz");
pub const MANIFEST: &str = include_str!("../../../data/readings/MANIFEST");

/// A kanji's readings (hiragana).
#[derive(Debug, Default)]
pub struct Kanji {
    pub on: Vec<Box<str>>,
    pub kun: Vec<Box<str>>,
}

#[derive(Debug, Default)]
pub struct Dict {
    pub kanji: HashMap<char, Kanji>,
    pub words: Words,
}

/// The word list as it is unpacked (lines `surface TAB readings`, sorted by
/// surface), found by binary search among the lines that start with the
/// same character: nothing to build but the lines' starts.
#[derive(Debug, Default)]
pub struct Words {
    text: String,
    starts: Vec<u32>,
    /// The lines of each first character.
    first: HashMap<char, (u32, u32)>,
}

/// What the word list says of a surface.
pub struct Found<'a> {
    /// Its readings (comma-separated, most frequent first), when it is a word.
    pub readings: Option<&'a str>,
    /// A longer word starts with it.
    pub longer: bool,
}

impl Words {
    fn new(text: String) -> Words {
        let mut starts = vec![0u32];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32 + 1));
        starts.pop_if(|&mut s| s as usize >= text.len());
        let mut first: HashMap<char, (u32, u32)> = HashMap::default();
        for (k, &s) in starts.iter().enumerate() {
            if let Some(c) = text[s as usize..].chars().next() {
                let k = k as u32;
                first.entry(c).or_insert((k, k)).1 = k + 1;
            }
        }
        Words {
            text,
            starts,
            first,
        }
    }

    fn line(&self, k: usize) -> &[u8] {
        let from = self.starts[k] as usize;
        let to = self
            .starts
            .get(k + 1)
            .map_or(self.text.len(), |&e| e as usize - 1);
        &self.text.as_bytes()[from..to]
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Whether `surface` is a word, and whether a longer one starts with it.
    pub fn find(&self, surface: &str) -> Found<'_> {
        let none = Found {
            readings: None,
            longer: false,
        };
        let Some(c) = surface.chars().next() else {
            return none;
        };
        let Some(&(lo, hi)) = self.first.get(&c) else {
            return none;
        };
        let s = surface.as_bytes();
        // The first line not below `surface TAB` (a tab sorts below every
        // character of a surface, so the lines are in that order too).
        let (mut k, mut hi) = (lo as usize, hi as usize);
        let end = hi;
        while k < hi {
            let mid = (k + hi) / 2;
            let line = self.line(mid);
            let below = match line.get(..s.len()) {
                Some(head) => head < s || (head == s && line.get(s.len()) < Some(&b'\t')),
                None => line < s,
            };
            if below {
                k = mid + 1;
            } else {
                hi = mid;
            }
        }
        let exact =
            k < end && self.line(k).starts_with(s) && self.line(k).get(s.len()) == Some(&b'\t');
        let readings = exact
            .then(|| std::str::from_utf8(&self.line(k)[s.len() + 1..]).ok())
            .flatten();
        let next = if exact { k + 1 } else { k };
        let longer = next < end && self.line(next).starts_with(s);
        Found { readings, longer }
    }
}

/// The text of a gzip-compressed table (empty if it cannot be read: then
/// no reading is found, and the manifest's test fails).
pub fn unpack(gz: &[u8]) -> String {
    let mut text = String::new();
    match flate2::read::GzDecoder::new(gz).read_to_string(&mut text) {
        Ok(_) => text,
        Err(_) => String::new(),
    }
}

fn list(field: Option<&str>) -> Vec<Box<str>> {
    field
        .unwrap_or_default()
        .split(',')
        .filter(|r| !r.is_empty())
        .map(Box::from)
        .collect()
}

impl Dict {
    fn load() -> Dict {
        let mut dict = Dict::default();
        for line in unpack(KANJI_GZ).lines() {
            let mut fields = line.split('\t');
            let Some(c) = fields.next().and_then(|f| f.chars().next()) else {
                continue;
            };
            let on = list(fields.next());
            let kun = list(fields.next());
            dict.kanji.insert(c, Kanji { on, kun });
        }
        dict.words = Words::new(unpack(WORDS_GZ));
        dict
    }
}

/// The tables, unpacked at the first call.
pub fn dict() -> &'static Dict {
    static DICT: OnceLock<Dict> = OnceLock::new();
    DICT.get_or_init(Dict::load)
}

/// Whether `c` is read through the tables (a kanji, or 々 repeating one).
pub fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '々')
}
