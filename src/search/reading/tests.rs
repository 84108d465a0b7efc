//! Readings of texts as the index makes them.

use super::kana::fold_str;
use super::read::read;
use super::*;

fn reading(text: &str) -> Vec<u8> {
    read(text, None, &mut Cache::default())
}

fn holds(text: &str, kana: &str) -> bool {
    let r = reading(text);
    let k = fold_str(kana);
    r.windows(k.len()).any(|w| w == k.as_slice())
}

#[test]
fn words_and_kanji_read_as_people_say_them() {
    assert!(holds("児童相談所と警察", "じどうそうだんじょ"));
    assert!(holds("児童相談所と警察", "けいさつ"));
    assert!(holds("取り組みを進める", "とりくみ"));
    assert!(holds("取組", "とりくみ"));
    assert!(holds("里親", "さとおや"));
    assert!(holds("学校", "がっこう"));
    assert!(holds("虐待防止", "ぎゃくたいぼうし"));
    // A kanji before okurigana: its kun reading's stem.
    assert!(holds("組み", "くみ"));
    assert!(!holds("警察", "じどう"));
}

#[test]
fn the_tables_have_every_kanji_of_the_records() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records");
    let report = crate::domain::records::load(&path).unwrap().report;
    let d = dict::dict();
    let mut missing: Vec<char> = Vec::new();
    for r in report.items() {
        for text in [&r.item.progress, &r.item.assessment] {
            missing.extend(
                text.chars()
                    .filter(|&c| c != '々' && dict::is_kanji(c) && !d.kanji.contains_key(&c)),
            );
        }
    }
    missing.sort_unstable();
    missing.dedup();
    assert!(missing.is_empty(), "{missing:?}");
}

#[test]
fn a_match_marks_the_kanji_read() {
    let key = key("keisatsu").unwrap();
    assert_eq!(
        positions(&key, "児童相談所と警察の連携", false, false),
        vec![6, 7]
    );
    let key = super::key("soudan").unwrap();
    let at = positions(&key, "児童相談所", false, false);
    assert_eq!(at, vec![2, 3]);
}
