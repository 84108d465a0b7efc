//! The readings of an index's texts, made once per index (and again for
//! an item changed in place). Each text is a set of pieces
//! ([`for_each_piece`]): a piece is kept once however many texts hold it,
//! and a reading term is looked for in the distinct pieces once per search;
//! a text then matches when one of its pieces did. Per-byte sets of the
//! texts skip at once every text that lacks one of a term's kana.

use crate::domain::records::parallel_map;

use super::index::Bits;
use super::reading::pieces::{Pieces, Reader};
use super::reading::{ReadingKey, Scan};

/// The bytes a set of pieces holds, as a 256-bit set.
type ByteSet = [u64; 4];

fn byte_set(piece: &[u8]) -> ByteSet {
    let mut set = [0u64; 4];
    for &b in piece {
        set[usize::from(b >> 6)] |= 1 << (b & 63);
    }
    set
}

/// For every byte, the set of texts whose pieces hold it.
#[derive(Debug, Clone)]
pub(super) struct ByteIndex {
    len: usize,
    sets: Vec<Option<Bits>>,
}

impl ByteIndex {
    fn new(texts: &[Box<[u32]>], of_piece: &[ByteSet]) -> ByteIndex {
        let mut index = ByteIndex {
            len: texts.len(),
            sets: vec![None; 256],
        };
        for (i, ids) in texts.iter().enumerate() {
            let mut held = [0u64; 4];
            for &id in ids.iter() {
                if let Some(set) = of_piece.get(id as usize) {
                    held.iter_mut().zip(set).for_each(|(h, s)| *h |= s);
                }
            }
            index.add(i, held);
        }
        index
    }

    fn add(&mut self, i: usize, held: ByteSet) {
        for b in 0..256usize {
            if held[b >> 6] & (1 << (b & 63)) != 0 {
                let len = self.len;
                self.sets[b].get_or_insert_with(|| Bits::new(len)).set(i);
            }
        }
    }

    /// Texts that could match `key`: those that hold every byte of one of
    /// its needles.
    pub(super) fn possible(&self, key: &ReadingKey) -> Bits {
        let mut out = Bits::new(self.len);
        for bytes in Scan::needle_bytes(key) {
            let mut all = Bits::full(self.len);
            for &b in bytes {
                all.and(self.sets[usize::from(b)].as_ref());
            }
            out.or(&all);
        }
        out
    }
}

/// The readings of every item's own texts and of every context: the
/// distinct pieces, and each text's pieces (sorted, each once).
#[derive(Debug, Clone)]
pub(super) struct Readings {
    pub(super) pieces: Pieces,
    pub(super) own: Vec<Box<[u32]>>,
    pub(super) contexts: Vec<Box<[u32]>>,
    /// Built with the index's character sets.
    pub(super) bytes: Option<(ByteIndex, ByteIndex)>,
}

/// Each run of texts read by one core into pieces of its own.
type Read = (Pieces, Vec<Box<[u32]>>);

/// The pieces of `own` and `contexts`, shared among the cores (each keeps
/// the readings of the phrases it has read), then put in one set.
fn read_all(own: &[String], contexts: &[String]) -> Readings {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let runs: Vec<&[String]> = [own, contexts]
        .into_iter()
        .flat_map(|texts| texts.chunks(texts.len().div_ceil(cores).max(1)))
        .collect();
    let read: Vec<Read> = parallel_map(&runs, |run| {
        let mut reader = Reader::default();
        let ids = run.iter().map(|t| reader.read(t)).collect();
        (reader.pieces, ids)
    });
    let mut all = Pieces::default();
    let mut texts: Vec<Box<[u32]>> = Vec::with_capacity(own.len() + contexts.len());
    for (pieces, ids) in read {
        let to: Vec<u32> = pieces
            .into_iter()
            .map(|p| all.insert_full(p).0 as u32)
            .collect();
        texts.extend(ids.into_iter().map(|mut ids| {
            ids.iter_mut().for_each(|id| *id = to[*id as usize]);
            ids.sort_unstable();
            ids
        }));
    }
    let contexts = texts.split_off(own.len());
    Readings {
        pieces: all,
        own: texts,
        contexts,
        bytes: None,
    }
}

impl Readings {
    pub(super) fn new(own: &[String], contexts: &[String]) -> Readings {
        read_all(own, contexts)
    }

    pub(super) fn with_bytes(&mut self) {
        let of_piece: Vec<ByteSet> = self.pieces.iter().map(|p| byte_set(p)).collect();
        self.bytes = Some((
            ByteIndex::new(&self.own, &of_piece),
            ByteIndex::new(&self.contexts, &of_piece),
        ));
    }

    /// Item `i`'s own texts are now `text`.
    pub(super) fn reread(&mut self, i: usize, text: &str) {
        let mut reader = Reader::new(std::mem::take(&mut self.pieces));
        let ids = reader.read(text);
        self.pieces = reader.pieces;
        if let Some((own, _)) = &mut self.bytes {
            let mut held = [0u64; 4];
            for &id in ids.iter() {
                if let Some(piece) = self.pieces.get_index(id as usize) {
                    held.iter_mut()
                        .zip(byte_set(piece))
                        .for_each(|(h, s)| *h |= s);
                }
            }
            own.add(i, held);
        }
        if let Some(slot) = self.own.get_mut(i) {
            *slot = ids;
        }
    }

    /// The pieces in which `scan` finds its term (shared among the cores
    /// when there are many).
    pub(super) fn matching(&self, scan: &Scan) -> Bits {
        const RUN: usize = 1 << 14;
        let n = self.pieces.len();
        let starts: Vec<usize> = (0..n).step_by(RUN).collect();
        let found = |&from: &usize| -> Vec<usize> {
            let to = (from + RUN).min(n);
            (from..to)
                .filter(|&id| {
                    self.pieces
                        .get_index(id)
                        .is_some_and(|p| scan.find(p).is_some())
                })
                .collect()
        };
        let found: Vec<Vec<usize>> = if starts.len() > 1 {
            parallel_map(&starts, found)
        } else {
            starts.iter().map(found).collect()
        };
        let mut out = Bits::new(n);
        found.into_iter().flatten().for_each(|id| out.set(id));
        out
    }
}
