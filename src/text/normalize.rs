//! Japanese-aware normalization for search, with a map back to the original.
//!
//! Both the query and the searched text are folded the same way: NFKC (ＳＳＷ →
//! SSW, ２ → 2, half-width ｶﾀｶﾅ → カタカナ), katakana → hiragana (so すくーる finds
//! スクール), and lower case. Folding changes lengths (ｶﾞ is two characters,
//! ガ one), so every folded character remembers the original character it came
//! from: highlights land on the right characters of the text as shown.

use unicode_normalization::UnicodeNormalization;

/// Folded text and, for each of its characters, the index of the original
/// character it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    pub origin: Vec<u32>,
}

const VOICED: char = '\u{3099}';
const SEMI_VOICED: char = '\u{309A}';

fn fold_kana(c: char) -> char {
    match c {
        // Katakana ァ..ヶ → hiragana ぁ..ゖ.
        '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

/// Fold `text` for matching.
pub fn fold(text: &str) -> Folded {
    let mut out = Folded {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
    };
    fold_chars(text, &mut out.text, Some(&mut out.origin), false);
    out
}

/// Fold `text` onto the end of `out`, a line break read as a space: the
/// texts of a search index, which need no map back.
pub fn fold_onto(out: &mut String, text: &str) {
    fold_chars(text, out, None, true);
}

fn fold_chars(text: &str, out: &mut String, mut origin: Option<&mut Vec<u32>>, breaks: bool) {
    let mut buf = [0u8; 4];
    for (i, c) in text.chars().enumerate() {
        let i = i as u32;
        let mut keep = |out: &mut String, c: char| {
            out.push(c);
            if let Some(o) = origin.as_deref_mut() {
                o.push(i);
            }
        };
        if c.is_ascii() {
            let c = if breaks && c == '\n' { ' ' } else { c };
            keep(out, c.to_ascii_lowercase());
            continue;
        }
        // Most characters (kanji, kana, punctuation) are their own NFKC form
        // and have no case: skip the normalizer for them.
        if matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30F6}' | '\u{4E00}'..='\u{9FFF}' | '、' | '。' | '「' | '」' | 'ー')
        {
            keep(out, fold_kana(c));
            continue;
        }
        for n in c.encode_utf8(&mut buf).nfkc() {
            // A (half-width) voiced sound mark joins the kana before it: ｶﾞ → が.
            if (n == VOICED || n == SEMI_VOICED)
                && let Some(prev) = out.pop()
            {
                let joined: String = [prev, n].iter().collect::<String>().nfc().collect();
                let mut it = joined.chars();
                match (it.next(), it.next()) {
                    (Some(j), None) => {
                        out.push(fold_kana(j));
                        continue;
                    }
                    _ => out.push(prev),
                }
            }
            for l in n.to_lowercase() {
                keep(out, fold_kana(l));
            }
        }
    }
}

/// Fold a query term (no map needed).
pub fn fold_query(text: &str) -> String {
    fold(text).text
}

impl Folded {
    /// Original character indices for folded character indices (sorted, unique).
    pub fn to_original(&self, folded: &[usize]) -> Vec<usize> {
        let mut v: Vec<usize> = folded
            .iter()
            .filter_map(|&i| self.origin.get(i).map(|&o| o as usize))
            .collect();
        v.dedup();
        v
    }

    /// Folded character count.
    pub fn len(&self) -> usize {
        self.origin.len()
    }

    pub fn is_empty(&self) -> bool {
        self.origin.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_letters_and_digits_fold_to_ascii() {
        assert_eq!(fold("ＳＳＷ２名").text, "ssw2名");
    }

    #[test]
    fn half_width_katakana_folds_to_hiragana() {
        assert_eq!(fold("ｶﾀｶﾅ").text, "かたかな");
        assert_eq!(fold("ｶﾞｲﾄﾞ").text, "がいど");
        assert_eq!(fold("ﾊﾟﾊﾟ").text, "ぱぱ");
    }

    #[test]
    fn katakana_and_hiragana_meet() {
        assert_eq!(fold("スクール").text, fold("すくーる").text);
        assert_eq!(fold("シングルママ").text, "しんぐるまま");
    }

    #[test]
    fn case_folds() {
        assert_eq!(fold("Off-JT").text, "off-jt");
    }

    #[test]
    fn the_map_points_back_to_the_original_characters() {
        // ｶﾞ (two characters) folds to が (one): both map back to index 0..1.
        let f = fold("aｶﾞｲﾄﾞ警察");
        assert_eq!(f.text, "aがいど警察");
        assert_eq!(f.origin, vec![0, 1, 3, 4, 6, 7]);
        // 警察 is at folded 4..6 and original 6..8.
        assert_eq!(f.to_original(&[4, 5]), vec![6, 7]);
        // ㈱ expands to (株): three folded characters from one original.
        let g = fold("x㈱y");
        assert_eq!(g.text, "x(株)y");
        assert_eq!(g.to_original(&[1, 2, 3]), vec![1]);
        assert_eq!(g.to_original(&[4]), vec![2]);
    }

    proptest::proptest! {
        /// Folding onto a text (the search index) gives what folding the
        /// text alone gives, line breaks read as spaces, after the index's
        /// separators or plain letters (a voiced mark first must not join
        /// them).
        #[test]
        fn folding_onto_a_text_folds_as_alone(
            before in "[\\na-zｱ-ﾝ]{0,2}",
            text in "[\\n a-zA-Zａ-ｚＡ-Ｚ０-９ｱ-ﾝﾞﾟア-ンあ-ん児童相談所㈱、。]{0,24}",
        ) {
            let mut onto = before.clone();
            fold_onto(&mut onto, &text);
            let alone = format!("{before}{}", fold(&text.replace('\n', " ")).text);
            proptest::prop_assert_eq!(onto, alone);
        }
    }
}
