//! A text's readings as pieces, for the index: one piece per run of kanji
//! and kana: its other readings, each closed by
//! [`ALTERNATIVE`](super::kana::ALTERNATIVE), then its own reading between
//! the bytes around it in the text ([`FIELD`] or [`OTHER`]), so that `^` and
//! `$` find only where a field begins or ends. A reading term never holds
//! [`OTHER`], so it matches inside one run: a text's readings match a term
//! exactly when one of its pieces does, and a piece that repeats across the
//! texts (phrases do) is kept and searched once.

use foldhash::HashMap;
use indexmap::IndexSet;

use super::dict::{dict, is_kanji};
use super::kana::{FIELD, OTHER, is_kana};
use super::read::run_readings;

/// The distinct pieces, each named by its place.
pub type Pieces = IndexSet<Box<[u8]>, foldhash::fast::RandomState>;

/// A run read before: its readings, and the places of its pieces (one for
/// each way the bytes around it can be, [`NONE`] until met).
struct Run {
    own: Vec<u8>,
    alts: Vec<u8>,
    places: [u32; 4],
}

const NONE: u32 = u32::MAX;

/// Reads texts into pieces of one set, each run read once (phrases
/// repeat: reading one is most of the work).
#[derive(Default)]
pub struct Reader {
    pub pieces: Pieces,
    runs: HashMap<Box<str>, Run>,
}

impl Reader {
    /// A reader adding to `pieces`.
    pub fn new(pieces: Pieces) -> Reader {
        Reader {
            pieces,
            runs: HashMap::default(),
        }
    }

    /// The places of the pieces of the folded text `text`, sorted, each once.
    pub fn read(&mut self, text: &str) -> Box<[u32]> {
        let mut ids: Vec<u32> = Vec::new();
        let mut from: Option<usize> = None;
        let mut before = OTHER;
        for (at, c) in text.char_indices() {
            // Nothing below 々 is read (ASCII, most punctuation).
            if c >= '々' && (is_kanji(c) || is_kana(c)) {
                from.get_or_insert(at);
                continue;
            }
            let b = if c == '\n' { FIELD } else { OTHER };
            if let Some(start) = from.take() {
                ids.push(self.piece(&text[start..at], before, b));
            }
            before = b;
        }
        if let Some(start) = from {
            ids.push(self.piece(&text[start..], before, OTHER));
        }
        ids.sort_unstable();
        ids.dedup();
        ids.into_boxed_slice()
    }

    /// The place of the piece of `run` with `before` and `after` around it.
    fn piece(&mut self, run: &str, before: u8, after: u8) -> u32 {
        let way = usize::from(before == FIELD) * 2 + usize::from(after == FIELD);
        let known = match self.runs.get(run) {
            Some(r) if r.places[way] != NONE => return r.places[way],
            Some(_) => true,
            None => false,
        };
        if !known {
            let chars: Vec<char> = run.chars().collect();
            let (own, alts) = run_readings(dict(), &chars);
            let places = [NONE; 4];
            self.runs.insert(run.into(), Run { own, alts, places });
        }
        let Some(r) = self.runs.get_mut(run) else {
            return NONE;
        };
        let mut bytes = Vec::with_capacity(r.alts.len() + r.own.len() + 2);
        bytes.extend_from_slice(&r.alts);
        bytes.push(before);
        bytes.extend_from_slice(&r.own);
        bytes.push(after);
        let place = self.pieces.insert_full(bytes.into_boxed_slice()).0 as u32;
        r.places[way] = place;
        place
    }
}
