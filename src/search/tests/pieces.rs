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
