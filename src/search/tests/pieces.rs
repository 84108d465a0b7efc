//! The index keeps a text's readings as pieces (each run of kanji and kana
//! once): a term found in them is found in the text's whole reading, and
//! the other way round.

use super::report;
use crate::search::SearchIndex;
use crate::search::reading::read::read;
use crate::search::reading::{Cache, Scan, key};

#[test]
fn pieces_find_a_reading_exactly_where_the_whole_reading_does() {
    let report = report();
    let index = SearchIndex::new(&report).with_readings();
    let readings = index.readings.as_ref().unwrap();
    let mut cache = Cache::default();
    let whole: Vec<Vec<u8>> = index
        .own
        .iter()
        .chain(&index.contexts)
        .map(|t| read(t, None, &mut cache))
        .collect();
    let ids: Vec<&[u32]> = readings
        .own
        .iter()
        .chain(&readings.contexts)
        .map(|b| &b[..])
        .collect();
    let terms = [
        "jidou",
        "soudanjo",
        "keisatsu",
        "renkei",
        "kodomo",
        "gyakutai",
        "shien",
        "kyouiku",
        "ka",
        "shi",
        "じどうそうだんじょ",
        "ケイサツ",
        "さとおや",
        "とりくみ",
        "がっこう",
    ];
    let mut found = 0;
    for term in terms {
        let scan = Scan::new(&key(term).unwrap(), false, false);
        let matched = readings.matching(&scan);
        for (bytes, ids) in whole.iter().zip(&ids) {
            let by_pieces = ids.iter().any(|&id| matched.get(id as usize));
            assert_eq!(scan.find(bytes).is_some(), by_pieces, "{term}");
            found += usize::from(by_pieces);
        }
    }
    assert!(found > 500, "the terms are in the records: {found}");
    // Far fewer pieces than texts' runs: phrases repeat.
    let runs: usize = ids.iter().map(|i| i.len()).sum();
    assert!(
        readings.pieces.len() < runs,
        "{} {runs}",
        readings.pieces.len()
    );
}

/// Text typed on the board is found by its reading at once: an index whose
/// items were read again answers as one made afresh.
#[test]
fn a_reread_item_is_found_by_its_new_reading() {
    use crate::search::{Filters, Order, Query, Searcher};
    let mut report = report();
    let mut index = SearchIndex::new(&report).with_readings().with_char_index();
    let changed = vec![2, 50];
    for (n, item) in report.items_mut().enumerate() {
        if changed.contains(&n) {
            item.progress = format!("里親の登録を{n}件進めた。");
        }
    }
    index.refold(&report, &changed);
    let fresh = SearchIndex::new(&report).with_readings().with_char_index();
    let search = |index: &SearchIndex, q: &str| {
        Searcher::default().search(
            index,
            &report,
            &Query::parse(q),
            &Filters::default(),
            Order::Score,
            None,
        )
    };
    for q in ["satooya", "さとおや", "^satooya", "とうろく", "jidou"] {
        assert_eq!(search(&index, q), search(&fresh, q), "{q}");
    }
    let found: Vec<usize> = search(&index, "satooya").iter().map(|h| h.item).collect();
    assert!(changed.iter().all(|n| found.contains(n)), "{found:?}");
}
