//! The search time of each keystroke of a query (児童相談所との連携 unless one
//! is given) at 100k items, as the board runs it (each keystroke over the
//! previous one's hits, the texts' readings indexed as the board does): one
//! quick pass for BENCHMARKS.md (the criterion bench `search -- keystroke` is
//! the careful one).
//!
//! cargo run --release --example keystrokes [QUERY [ROUNDS]]
//!
//! Rounds before the last warm up (two unless told; more for a profiler).
//! With `KEY_GAP_MS=200` each keystroke waits that long first, as a person
//! types (the caches go cold between keys, as in the board).
// Tests and benchmarks may stop at the first surprise.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kensho::domain::generate::generate;
use kensho::domain::records::load;
use kensho::search::{Filters, Hit, Memo, Order, Previous, Query, SearchIndex, Searcher};
use std::path::Path;

// The allocator of the kensho binary (src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let template = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("records"))
        .unwrap()
        .report;
    let report = generate(&template, 100_000, 1);
    let index = SearchIndex::new(&report).with_readings().with_char_index();
    let typed = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "児童相談所との連携".to_string());
    let searcher = Searcher::default();
    let chars: Vec<char> = typed.chars().collect();
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let gap = std::env::var("KEY_GAP_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(std::time::Duration::from_millis);
    // The last round printed.
    for round in 0..rounds {
        let mut prev: Option<(Query, Vec<Hit>)> = None;
        // What each search learnt, as the board's search worker keeps it.
        let mut memo: Option<Memo> = None;
        for k in 1..=chars.len() {
            let q = Query::parse(&chars[..k].iter().collect::<String>());
            let filters = Filters::default();
            if let Some(gap) = gap {
                std::thread::sleep(gap);
            }
            let t = std::time::Instant::now();
            let previous = prev.as_ref().map(|(before, hits)| Previous {
                query: before,
                hits,
            });
            let hits = searcher.search_remembering(
                &index,
                &report,
                &q,
                &filters,
                Order::Score,
                previous,
                &mut memo,
            );
            let el = t.elapsed();
            if round + 1 == rounds {
                println!(
                    "{k} {:>7} hits {:>6.1} ms (after {:?} hits)",
                    hits.len(),
                    el.as_secs_f64() * 1e3,
                    prev.as_ref().map(|p| p.1.len())
                );
            }
            prev = Some((q, hits));
        }
    }
}
