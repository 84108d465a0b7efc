//! How many items went from one code to another (D to C, II to I, …), with
//! the items added (from nothing) and removed (to nothing).

use std::collections::HashMap;

use serde::Serialize;

/// Transitions between the codes of one scale: `counts[from][to]`, the
/// codes in the scale's order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Matrix {
    pub codes: Vec<String>,
    pub counts: Vec<Vec<usize>>,
    /// Items added, by their code.
    pub added: Vec<usize>,
    /// Items removed, by the code they had.
    pub removed: Vec<usize>,
    #[serde(skip)]
    index: HashMap<String, usize>,
}

impl Matrix {
    /// An empty matrix of `codes` (every code either side can hold).
    pub fn new(codes: Vec<String>) -> Matrix {
        let n = codes.len();
        let index = codes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.clone(), i))
            .collect();
        Matrix {
            codes,
            counts: vec![vec![0; n]; n],
            added: vec![0; n],
            removed: vec![0; n],
            index,
        }
    }

    fn at(&self, code: &str) -> Option<usize> {
        self.index.get(code).copied()
    }

    /// An item that had `from` and has `to`.
    pub fn moved(&mut self, from: &str, to: &str) {
        if let (Some(a), Some(b)) = (self.at(from), self.at(to)) {
            self.counts[a][b] += 1;
        }
    }

    pub fn added(&mut self, code: &str) {
        if let Some(b) = self.at(code) {
            self.added[b] += 1;
        }
    }

    pub fn removed(&mut self, code: &str) {
        if let Some(a) = self.at(code) {
            self.removed[a] += 1;
        }
    }

    /// The items that went from `from` to `to` (0 for a code not known).
    pub fn count(&self, from: &str, to: &str) -> usize {
        match (self.at(from), self.at(to)) {
            (Some(a), Some(b)) => self.counts[a][b],
            _ => 0,
        }
    }

    /// The transitions that changed a code, as (from, to, how many), in
    /// the scale's order.
    pub fn moves(&self) -> Vec<(&str, &str, usize)> {
        let mut out = Vec::new();
        for (a, row) in self.counts.iter().enumerate() {
            for (b, &n) in row.iter().enumerate() {
                if a != b && n > 0 {
                    out.push((self.codes[a].as_str(), self.codes[b].as_str(), n));
                }
            }
        }
        out
    }
}
