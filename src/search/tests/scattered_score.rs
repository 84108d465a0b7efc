//! The scattered score equals fuzzy-matcher's on the records' texts.

use super::*;
use fuzzy_matcher::FuzzyMatcher;
use proptest::prelude::*;

fn texts() -> &'static [Vec<char>] {
    static TEXTS: std::sync::OnceLock<Vec<Vec<char>>> = std::sync::OnceLock::new();
    TEXTS.get_or_init(|| {
        let report = report();
        let index = SearchIndex::new(&report);
        let mut out: Vec<Vec<char>> = index.own.iter().map(|t| t.chars().collect()).collect();
        out.extend(index.contexts.iter().map(|t| t.chars().collect()));
        // Short texts (the matcher's full alignment) and ASCII with
        // separators and capitals (the bonuses).
        out.extend(
            [
                "ssw の配置",
                "Off-JT 研修/OJT",
                "a_b-c.d/E(f)G h",
                "児童相談所",
            ]
            .iter()
            .map(|t| t.chars().collect()),
        );
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn on_the_records_texts(
        which in 0usize..10_000,
        picks in proptest::collection::vec(0usize..100_000, 1..10),
        contiguous in any::<bool>(),
        foreign in proptest::option::of(proptest::sample::select(vec!['x', 'Q', '-', '無', 'ー', ' '])),
    ) {
        let texts = texts();
        let text = &texts[which % texts.len()];
        prop_assume!(!text.is_empty());
        let mut pattern: Vec<char> = if contiguous {
            let start = picks[0] % text.len();
            text[start..(start + picks.len()).min(text.len())].to_vec()
        } else {
            let mut at: Vec<usize> = picks.iter().map(|p| p % text.len()).collect();
            at.sort_unstable();
            at.iter().map(|&i| text[i]).collect()
        };
        if let Some(c) = foreign {
            let at = picks[0] % (pattern.len() + 1);
            pattern.insert(at, c);
        }
        let text: String = text.iter().collect();
        let pattern: String = pattern.iter().collect();
        let matcher = fuzzy_matcher::skim::SkimMatcherV2::default()
            .respect_case()
            .element_limit(super::super::scattered::ELEMENT_LIMIT);
        prop_assert_eq!(
            super::super::scattered::score(
                &text,
                &super::super::scattered::Pattern::new(&pattern)
            ),
            matcher.fuzzy_match(&text, &pattern),
            "{:?} in {:?}", pattern, text
        );
    }

    /// The bound that lets a term found by reading skip its scattered score
    /// (`scattered::greedy`): in a long text, a match that is not the
    /// pattern whole scores at most 24n − 12, below a reading hit's 24n + 4.
    #[test]
    fn a_scattered_match_in_a_long_text_scores_below_a_reading_hit(
        which in 0usize..10_000,
        picks in proptest::collection::vec(0usize..100_000, 2..10),
    ) {
        use super::super::scattered::{Pattern, greedy, score};
        let texts = texts();
        let chars = &texts[which % texts.len()];
        let text: String = chars.iter().collect();
        prop_assume!(greedy(&text));
        let mut at: Vec<usize> = picks.iter().map(|p| p % chars.len()).collect();
        at.sort_unstable();
        at.dedup();
        let pattern: String = at.iter().map(|&i| chars[i]).collect();
        let n = pattern.chars().count() as i64;
        prop_assume!(n >= 2 && !text.contains(&pattern));
        let found = score(&text, &Pattern::new(&pattern));
        prop_assert!(found.is_some(), "{:?} in {:?}", pattern, text);
        let term = Term {
            kind: TermKind::Fuzzy,
            text: pattern.clone(),
            negate: false,
            reading: None,
        };
        prop_assert!(found < Some(super::super::matcher::reading_score(&term)));
        prop_assert!(found <= Some(24 * n - 12), "{:?} scored {:?}", pattern, found);
    }
}
