//! Typing on narrows the previous result to exactly what a fresh search finds.

use super::*;
use proptest::prelude::*;

/// The bundled records and a generated report of 1,000 items.
fn reports() -> &'static [(Report, SearchIndex)] {
    static REPORTS: std::sync::OnceLock<Vec<(Report, SearchIndex)>> = std::sync::OnceLock::new();
    REPORTS.get_or_init(|| {
        let bundled = report();
        let generated = crate::domain::generate::generate(&bundled, 1000, 7);
        [bundled, generated]
            .into_iter()
            .map(|r| {
                let index = SearchIndex::new(&r).with_char_index();
                (r, index)
            })
            .collect()
    })
}

/// A query typed one character at a time: a start taken from the
/// records' own texts (or kana and width variants of it), extended by
/// the characters that follow it there, with fzf's operators around.
fn typing() -> impl Strategy<Value = (usize, Vec<String>)> {
    let texts: Vec<String> = report()
        .items()
        .flat_map(|r| [r.item.progress.clone(), r.item.departments.join(" ")])
        .filter(|t| t.chars().count() > 12)
        .collect();
    (
        0..2usize,
        proptest::sample::select(texts),
        any::<prop::sample::Index>(),
        1..10usize,
        proptest::sample::select(vec!["", "'", "^", "!", "'!"]),
        proptest::sample::select(vec!["", "$"]),
        proptest::sample::select(vec!["", "支援 ", "!研修 ", "児童 | ", "ｼﾞﾄﾞｳ "]),
        any::<bool>(),
    )
        .prop_map(|(which, text, at, len, op, end, before, katakana)| {
            let chars: Vec<char> = text.chars().collect();
            let start = at.index(chars.len().saturating_sub(len).max(1));
            let mut typed = Vec::new();
            for k in 1..=len.min(chars.len() - start) {
                let mut word: String = chars[start..start + k].iter().collect();
                if katakana {
                    word = word
                        .chars()
                        .map(|c| match c {
                            'ぁ'..='ゖ' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
                            c => c,
                        })
                        .collect();
                }
                typed.push(format!("{before}{op}{word}{end}"));
            }
            (which, typed)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Each keystroke searched over the previous keystroke's hits (when
    /// the query allows it, as the board does) gives exactly the hits, in
    /// the same order with the same scores, of a search over every item.
    #[test]
    fn a_narrowed_search_is_a_fresh_search(
        (which, typed) in typing(),
        source in any::<bool>(),
        superseded in any::<bool>(),
    ) {
        let (report, index) = &reports()[which];
        let searcher = Searcher::default();
        let filters = Filters::default();
        let order = if source { Order::Source } else { Order::Score };
        let mut previous: Option<(Query, Vec<Hit>)> = None;
        // What the board's search worker keeps between searches.
        let mut memo: Option<Memo> = None;
        // Typed, then taken back a character at a time.
        for text in typed.iter().chain(typed.iter().rev().skip(1)) {
            let query = Query::parse(text);
            let fresh = searcher.search(index, report, &query, &filters, order, None);
            if superseded && let Some((before, _)) = &previous {
                // A search the board asked for and then dropped (the
                // filters changed and back): the worker learnt from it
                // with other filters, looking at fewer contexts.
                let mut only_d = Filters::default();
                only_d.phases.insert("D".to_string());
                searcher.search_remembering(index, report, before, &only_d, order, None, &mut memo);
            }
            // As the board's worker does it: the previous answer when it
            // narrows, and what the last search learnt.
            let asked = previous
                .as_ref()
                .filter(|(before, _)| before.narrows_to(&query))
                .map(|(before, hits)| Previous { query: before, hits });
            let remembered =
                searcher.search_remembering(index, report, &query, &filters, order, asked, &mut memo);
            prop_assert_eq!(&remembered, &fresh, "{:?} after {:?} (remembering)", text, previous.as_ref().map(|p| &p.0));
            if let Some((before, hits)) = &previous
                && before.narrows_to(&query)
            {
                let within: Vec<usize> = hits.iter().map(|h| h.item).collect();
                let narrowed =
                    searcher.search(index, report, &query, &filters, order, Some(&within));
                prop_assert_eq!(&narrowed, &fresh, "{:?} after {:?}", text, before);
                // As the board does it: the previous hits with their
                // scores, which tell where the term cannot stand whole.
                let previous = Previous { query: before, hits };
                let after = searcher.search_after(index, report, &query, &filters, order, previous);
                prop_assert_eq!(&after, &fresh, "{:?} after {:?} (search_after)", text, before);
            }
            previous = Some((query, fresh));
        }
    }
}

/// The bundled records and a generated report, each with its readings
/// indexed twice: with the character sets a board's search skips by, and
/// without (every text read).
fn read_twice() -> &'static [(Report, SearchIndex, SearchIndex)] {
    static REPORTS: std::sync::OnceLock<Vec<(Report, SearchIndex, SearchIndex)>> =
        std::sync::OnceLock::new();
    REPORTS.get_or_init(|| {
        reports()
            .iter()
            .map(|(r, _)| {
                let every = SearchIndex::new(r).with_readings();
                (r.clone(), every.clone().with_char_index(), every)
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// What the character sets let a search skip (an item whose own texts
    /// lack a character of the term is matched by reading only) changes
    /// no answer: the same hits, order and scores as reading every text.
    #[test]
    fn skipping_by_the_character_sets_changes_no_answer(
        (which, typed) in typing(),
        word in proptest::sample::select(vec![
            "jidou", "soudan", "keisatsu", "けいさつ", "れんけい", "kyouiku", "gakkou",
            "shien", "ジドウ", "satooya", "kodomo", "renkei", "児童 soudan", "^jidou",
        ]),
        length in 1..9usize,
    ) {
        let (report, skipping, reading_all) = &read_twice()[which];
        let searcher = Searcher::default();
        let filters = Filters::default();
        let typed_word: String = word.chars().take(length).collect();
        for text in typed.iter().chain([&typed_word]) {
            let query = Query::parse(text);
            let skipped =
                searcher.search(skipping, report, &query, &filters, Order::Score, None);
            let read = searcher.search(reading_all, report, &query, &filters, Order::Score, None);
            prop_assert_eq!(&skipped, &read, "{:?}", text);
        }
    }
}
