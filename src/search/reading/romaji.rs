//! A query term as a reading: romaji (Hepburn, kunrei, and as typed into an
//! input method: `n` or `nn` for ん, doubled consonants for っ, long vowels
//! written or not), hiragana or katakana, folded to one kana form.

use std::sync::OnceLock;

use super::kana::{Folder, fold_str};

/// What a term stands for as a reading: one or two needles (`nn` before a
/// vowel is read both as ん + the vowel, as an input method reads it, and as
/// ん + な行, as Hepburn writes it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadingKey {
    pub needles: Vec<Needle>,
}

/// Folded kana to find, and what must follow it when the term ends in a
/// syllable begun but not finished (`jid`: じ, then だ ぢ づ で ど or っ).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needle {
    pub bytes: Vec<u8>,
    /// The bytes one of which must follow (sorted); empty: anything.
    pub next: Vec<u8>,
}

/// Romaji syllables and their kana.
fn syllables() -> &'static [(String, String)] {
    static TABLE: OnceLock<Vec<(String, String)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: Vec<(String, String)> = Vec::new();
        let rows: [(&str, [&str; 5]); 16] = [
            ("", ["あ", "い", "う", "え", "お"]),
            ("k", ["か", "き", "く", "け", "こ"]),
            ("g", ["が", "ぎ", "ぐ", "げ", "ご"]),
            ("s", ["さ", "し", "す", "せ", "そ"]),
            ("z", ["ざ", "じ", "ず", "ぜ", "ぞ"]),
            ("t", ["た", "ち", "つ", "て", "と"]),
            ("d", ["だ", "ぢ", "づ", "で", "ど"]),
            ("n", ["な", "に", "ぬ", "ね", "の"]),
            ("h", ["は", "ひ", "ふ", "へ", "ほ"]),
            ("b", ["ば", "び", "ぶ", "べ", "ぼ"]),
            ("p", ["ぱ", "ぴ", "ぷ", "ぺ", "ぽ"]),
            ("m", ["ま", "み", "む", "め", "も"]),
            ("r", ["ら", "り", "る", "れ", "ろ"]),
            ("l", ["ら", "り", "る", "れ", "ろ"]),
            ("f", ["ふぁ", "ふぃ", "ふ", "ふぇ", "ふぉ"]),
            ("v", ["ゔぁ", "ゔぃ", "ゔ", "ゔぇ", "ゔぉ"]),
        ];
        for (c, kana) in rows {
            for (v, k) in ["a", "i", "u", "e", "o"].iter().zip(kana) {
                t.push((format!("{c}{v}"), k.to_string()));
            }
        }
        let more = [
            ("ya", "や"),
            ("yu", "ゆ"),
            ("yo", "よ"),
            ("wa", "わ"),
            ("wo", "を"),
            ("wi", "うぃ"),
            ("we", "うぇ"),
            ("shi", "し"),
            ("chi", "ち"),
            ("tsu", "つ"),
            ("ji", "じ"),
            ("thi", "てぃ"),
            ("dhi", "でぃ"),
            ("xtu", "っ"),
            ("ltu", "っ"),
            ("xtsu", "っ"),
            ("ltsu", "っ"),
        ];
        t.extend(more.iter().map(|(r, k)| (r.to_string(), k.to_string())));
        let y_rows = [
            ("ky", "き"),
            ("gy", "ぎ"),
            ("sy", "し"),
            ("sh", "し"),
            ("zy", "じ"),
            ("jy", "じ"),
            ("j", "じ"),
            ("ty", "ち"),
            ("cy", "ち"),
            ("ch", "ち"),
            ("dy", "ぢ"),
            ("ny", "に"),
            ("hy", "ひ"),
            ("by", "び"),
            ("py", "ぴ"),
            ("my", "み"),
            ("ry", "り"),
            ("ly", "り"),
        ];
        for (c, k) in y_rows {
            for (v, small) in [("a", "ゃ"), ("u", "ゅ"), ("o", "ょ"), ("e", "ぇ")] {
                t.push((format!("{c}{v}"), format!("{k}{small}")));
            }
        }
        t
    })
}

/// Macron and circumflex vowels (Hepburn's and kunrei's long vowels).
fn long_vowel(c: char) -> Option<char> {
    Some(match c {
        'ā' | 'â' => 'a',
        'ī' | 'î' => 'i',
        'ū' | 'û' => 'u',
        'ē' | 'ê' => 'e',
        'ō' | 'ô' => 'o',
        _ => return None,
    })
}

/// Kana for `text`, and the completions of a syllable begun at its end.
/// `ime_nn`: `nn` before a vowel is ん + the vowel (else ん + な行).
fn to_kana(text: &[char], ime_nn: bool) -> Option<(String, Vec<String>)> {
    let mut out = String::new();
    let mut i = 0;
    let vowel_or_y = |c: Option<&char>| c.is_some_and(|c| "aiueoy".contains(*c));
    while i < text.len() {
        let c = text[i];
        let next = text.get(i + 1);
        if super::kana::is_kana(c) {
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '\'' => i += 1,
            '-' => {
                out.push('ー');
                i += 1;
            }
            'n' if next == Some(&'n') => {
                out.push('ん');
                let hepburn = !ime_nn && vowel_or_y(text.get(i + 2));
                i += if hepburn { 1 } else { 2 };
            }
            'n' if next == Some(&'\'') => {
                out.push('ん');
                i += 2;
            }
            'n' if next.is_some() && !vowel_or_y(next) => {
                out.push('ん');
                i += 1;
            }
            'm' if matches!(next, Some('b' | 'p' | 'm')) => {
                out.push('ん');
                i += 1;
            }
            't' if next == Some(&'c') => {
                out.push('っ');
                i += 1;
            }
            _ if next == Some(&c) && c.is_ascii_alphabetic() && !"aiueon".contains(c) => {
                out.push('っ');
                i += 1;
            }
            _ => {
                let rest: String = text[i..].iter().take(4).collect();
                match (1..=rest.chars().count()).rev().find_map(|n| {
                    let head: String = rest.chars().take(n).collect();
                    syllable(&head).map(|k| (n, k))
                }) {
                    Some((n, k)) => {
                        out.push_str(k);
                        i += n;
                    }
                    None => {
                        let tail: String = text[i..].iter().collect();
                        return Some((out, completions(&tail)?));
                    }
                }
            }
        }
    }
    Some((out, Vec::new()))
}

fn syllable(romaji: &str) -> Option<&'static str> {
    syllables()
        .iter()
        .find(|(r, _)| r == romaji)
        .map(|(_, k)| k.as_str())
}

/// The kana a syllable begun as `tail` may become (None: no syllable
/// begins so, and the term is not romaji).
fn completions(tail: &str) -> Option<Vec<String>> {
    if !tail.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    let mut all: Vec<String> = syllables()
        .iter()
        .filter(|(r, _)| r.len() > tail.len() && r.starts_with(tail))
        .map(|(_, k)| k.clone())
        .collect();
    match tail {
        "n" => all.push("ん".into()),
        // A consonant typed once may be the first of two (っ).
        t if t.len() == 1 && !"aiueo".contains(t) => all.push("っ".into()),
        _ => {}
    }
    (!all.is_empty()).then_some(all)
}

/// The reading `term` (a folded query term) stands for: romaji, kana or
/// both mixed. None when it is anything else (kanji, digits, a word that
/// is not romaji such as `ssw`), or holds no whole kana yet (`k`).
pub fn key(term: &str) -> Option<ReadingKey> {
    // A macron's vowel is the vowel and a long mark (jidō: jido-).
    let chars: Vec<char> = term
        .chars()
        .flat_map(|c| match long_vowel(c) {
            Some(v) => vec![v, '-'],
            None => vec![c],
        })
        .collect();
    let fits = |c: &char| {
        c.is_ascii_lowercase()
            || matches!(c, '\'' | '-')
            || long_vowel(*c).is_some()
            || super::kana::is_kana(*c)
    };
    if chars.is_empty() || !chars.iter().all(fits) {
        return None;
    }
    let both_ways = chars
        .windows(3)
        .any(|w| w[0] == 'n' && w[1] == 'n' && "aiueoy".contains(w[2]));
    let mut needles: Vec<Needle> = Vec::new();
    for ime_nn in [false, true]
        .into_iter()
        .take(if both_ways { 2 } else { 1 })
    {
        let (kana, begun) = to_kana(&chars, ime_nn)?;
        let needle = needle(&kana, &begun);
        if !needle.bytes.is_empty() && !needles.contains(&needle) {
            needles.push(needle);
        }
    }
    (!needles.is_empty()).then_some(ReadingKey { needles })
}

/// The needle for `kana` followed by one of `begun` (a syllable begun): the
/// part they share joins the needle, the byte after it is what must follow.
fn needle(kana: &str, begun: &[String]) -> Needle {
    let mut bytes = Vec::new();
    let mut folder = Folder::default();
    for c in kana.chars() {
        folder.push(&mut bytes, c);
    }
    let after: Vec<Vec<u8>> = begun
        .iter()
        .map(|k| {
            let mut f = folder;
            let mut b = Vec::new();
            k.chars().for_each(|c| {
                f.push(&mut b, c);
            });
            b
        })
        .collect();
    let Some(first) = after.first() else {
        return Needle {
            bytes,
            next: Vec::new(),
        };
    };
    let shared = (0..first.len())
        .take_while(|&n| after.iter().all(|a| a.get(n) == first.get(n)))
        .count();
    bytes.extend_from_slice(&first[..shared]);
    let mut next: Vec<u8> = Vec::new();
    for a in &after {
        match a.get(shared) {
            Some(&b) => next.push(b),
            // One completion is the shared part itself: anything may follow.
            None => {
                return Needle {
                    bytes,
                    next: Vec::new(),
                };
            }
        }
    }
    next.sort_unstable();
    next.dedup();
    Needle { bytes, next }
}

/// `text` as kana, folded (for tests and tables).
pub fn folded(text: &str) -> Vec<u8> {
    fold_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(term: &str) -> Vec<u8> {
        let k = key(term).unwrap();
        assert_eq!(k.needles.len(), 1, "{term}: {k:?}");
        assert!(k.needles[0].next.is_empty(), "{term}: {k:?}");
        k.needles[0].bytes.clone()
    }

    #[test]
    fn hepburn_kunrei_and_long_vowels_meet() {
        let jidou = folded("じどう");
        for t in [
            "jidou",
            "jido",
            "zidou",
            "jidoo",
            "jidō",
            "じどう",
            "ジドウ",
            "じどー",
            "zido",
        ] {
            assert_eq!(one(t), jidou, "{t}");
        }
        assert_eq!(one("keisatsu"), folded("けいさつ"));
        assert_eq!(one("keisatu"), folded("けいさつ"));
        assert_eq!(one("soudanjo"), folded("そうだんじょ"));
        assert_eq!(one("soudanzyo"), folded("そうだんじょ"));
        assert_eq!(one("gakkou"), folded("がっこう"));
        assert_eq!(one("shimbunn"), folded("しんぶん"));
        assert_eq!(one("kann"), folded("かん"));
        assert_eq!(one("kan'i"), folded("かんい"));
        assert_eq!(one("matcha"), folded("まっちゃ"));
    }

    #[test]
    fn nn_before_a_vowel_is_read_both_ways() {
        let k = key("konnichi").unwrap();
        let got: Vec<Vec<u8>> = k.needles.iter().map(|n| n.bytes.clone()).collect();
        assert_eq!(got, vec![folded("こんにち"), folded("こんいち")]);
    }

    #[test]
    fn a_syllable_begun_says_what_may_follow() {
        let k = key("jid").unwrap();
        assert_eq!(k.needles[0].bytes, folded("じ"));
        let mut want: Vec<u8> = "だじずでどっ"
            .chars()
            .map(super::super::kana::byte)
            .collect();
        want.sort_unstable();
        assert_eq!(k.needles[0].next, want);
        // sh: し and its small-kana forms: し is shared, anything may follow.
        let k = key("sh").unwrap();
        assert_eq!(k.needles[0].bytes, folded("し"));
        assert!(k.needles[0].next.is_empty());
        // A last n: ん, or a syllable of な行 begun.
        let k = key("soudan").unwrap();
        assert_eq!(k.needles[0].bytes, folded("そうだ"));
        assert!(k.needles[0].next.contains(&super::super::kana::byte('ん')));
        // A lone consonant is not a reading yet; words that are not romaji neither.
        assert!(key("k").is_none());
        for t in ["ssw", "dv", "pdca", "児童", "2024", "sns"] {
            assert!(key(t).is_none(), "{t}");
        }
    }
}
