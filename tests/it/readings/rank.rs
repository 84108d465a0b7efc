//! A literal hit never ranks below a reading-only hit of lower quality.

use std::collections::BTreeMap;

use kensho::search::{Filters, Order, Query, Searcher};

use super::{index, pairs, report};

#[test]
fn no_literal_hit_ranks_below_a_reading_only_hit() {
    let report = report();
    let index = index(&report);
    let s = Searcher::default();
    let mut queries: Vec<String> = pairs::WORDS
        .iter()
        .flat_map(|&(_, kana, romaji)| [kana.to_string(), romaji.to_string()])
        .collect();
    // Kana that stand in the records as kana too, and romaji in the notes.
    queries
        .extend(["こども", "ケース", "すくーる", "まにゅある", "line", "note"].map(String::from));
    let mut both = 0;
    for q in &queries {
        let on = s.search(
            &index,
            &report,
            &Query::parse(q),
            &Filters::default(),
            Order::Score,
            None,
        );
        let off = Query::parse_with(q, false);
        let literal: BTreeMap<usize, i64> = s
            .search(
                &index,
                &report,
                &off,
                &Filters::default(),
                Order::Score,
                None,
            )
            .iter()
            .map(|h| (h.item, h.score))
            .collect();
        let whole: i64 = off
            .groups
            .iter()
            .map(|g| 32 * g[0].text.chars().count() as i64 + 16)
            .sum();
        let rank: BTreeMap<usize, (usize, i64)> = on
            .iter()
            .enumerate()
            .map(|(r, h)| (h.item, (r, h.score)))
            .collect();
        // Readings never lower a literal hit, nor lose it.
        for (item, score) in &literal {
            let (_, now) = rank[item];
            assert!(now >= *score, "{q}: item {item} {score} → {now}");
        }
        let reading_only: Vec<(usize, i64)> = on
            .iter()
            .filter(|h| !literal.contains_key(&h.item))
            .map(|h| (h.item, h.score))
            .collect();
        if !literal.is_empty() && !reading_only.is_empty() {
            both += 1;
        }
        // A literal hit as good as the term standing whole ranks above
        // every hit found only by reading.
        for (item, score) in literal.iter().filter(|(_, s)| **s >= whole) {
            let (r, _) = rank[item];
            for (other, _) in &reading_only {
                assert!(
                    r < rank[other].0,
                    "{q}: literal {item} ({score}) below reading {other}"
                );
            }
        }
    }
    assert!(
        both > 0,
        "no query had both kinds of hit: the test would prove nothing"
    );
}

/// `^` and `$` hold for readings as for text: a field that only holds
/// 児童 in its middle is not found by `^jidou`, though its other readings
/// (相談所 read one by one) begin with じどう. Each query is checked against
/// the same query in kanji, in the items' own texts.
#[test]
fn anchored_readings_find_only_where_a_field_begins_or_ends() {
    let mut report = report();
    let mut texts = report
        .recommendations
        .iter_mut()
        .flat_map(|r| &mut r.points)
        .flat_map(|p| &mut p.measures)
        .flat_map(|m| &mut m.items);
    let first = texts.next().unwrap();
    first.progress = "まず、児童相談所と連携".into();
    let id = first.id.clone();
    let second = texts.next().unwrap();
    second.progress = "児童相談所と連携する。".into();
    let second_id = second.id.clone();
    let index = index(&report);
    let hits = |q: &str| super::ids(&report, &index, &Query::parse(q));
    assert!(hits("jidou").contains(&id), "{id} holds 児童");
    assert!(
        !hits("^jidou").contains(&id),
        "{id}: no field of it begins with 児童"
    );
    assert!(hits("^jidou").contains(&second_id));
    assert!(
        hits("renkei$").contains(&id),
        "{id}: its progress ends with 連携"
    );
    assert!(!hits("renkei$").contains(&second_id));
}
