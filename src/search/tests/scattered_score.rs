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
}
