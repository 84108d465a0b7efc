//! The readings of an index's texts, made once per index (and again for
//! an item changed in place), with per-byte sets of the texts that hold
//! each kana, so that a reading term skips at once every text that lacks
//! one of its kana.

use crate::domain::records::parallel_map;

use super::index::Bits;
use super::reading::{Cache, ReadingKey, Scan, reading_of};

/// For every byte, the set of readings that contain it.
#[derive(Debug, Clone)]
pub(super) struct ByteIndex {
    len: usize,
    sets: Vec<Option<Bits>>,
}

impl ByteIndex {
    fn new(readings: &[Box<[u8]>]) -> ByteIndex {
        let mut index = ByteIndex {
            len: readings.len(),
            sets: vec![None; 256],
        };
        for (i, r) in readings.iter().enumerate() {
            index.add(i, r);
        }
        index
    }

    pub(super) fn add(&mut self, i: usize, reading: &[u8]) {
        let mut seen = [false; 256];
        for &b in reading {
            seen[usize::from(b)] = true;
        }
        for (b, _) in seen.iter().enumerate().filter(|(_, s)| **s) {
            let len = self.len;
            self.sets[b].get_or_insert_with(|| Bits::new(len)).set(i);
        }
    }

    /// Readings that could match `key`: those that hold every byte of one
    /// of its needles.
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

/// The readings of every item's own texts and of every context.
#[derive(Debug, Clone)]
pub(super) struct Readings {
    pub(super) own: Vec<Box<[u8]>>,
    pub(super) contexts: Vec<Box<[u8]>>,
    /// Built with the index's character sets.
    pub(super) bytes: Option<(ByteIndex, ByteIndex)>,
}

/// The readings of `texts`, shared among the cores; each core keeps the
/// readings of the phrases it has read (phrases repeat: reading one is
/// most of the work), so each takes one run of the texts.
fn read_all(texts: &[String]) -> Vec<Box<[u8]>> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let runs: Vec<&[String]> = texts.chunks(texts.len().div_ceil(cores).max(1)).collect();
    parallel_map(&runs, |run| {
        let mut cache = Cache::default();
        run.iter()
            .map(|t| reading_of(t, &mut cache))
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

impl Readings {
    pub(super) fn new(own: &[String], contexts: &[String]) -> Readings {
        Readings {
            own: read_all(own),
            contexts: read_all(contexts),
            bytes: None,
        }
    }

    pub(super) fn with_bytes(&mut self) {
        self.bytes = Some((ByteIndex::new(&self.own), ByteIndex::new(&self.contexts)));
    }

    /// Item `i`'s own texts are now `text`.
    pub(super) fn reread(&mut self, i: usize, text: &str) {
        let reading = reading_of(text, &mut Cache::default());
        if let Some((own, _)) = &mut self.bytes {
            own.add(i, &reading);
        }
        if let Some(slot) = self.own.get_mut(i) {
            *slot = reading;
        }
    }
}
