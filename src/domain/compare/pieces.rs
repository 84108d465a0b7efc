//! A character diff as a reader takes it in: what stayed and what changed,
//! in order. Myers' diff (the `similar` crate) finds a shortest edit; two
//! steps then make it read naturally, as diff-match-patch's semantic
//! cleanup does for English:
//!
//! - a character or two that only happen to be alike inside a rewritten
//!   phrase (the 「と」 of 「機関と連携」→「団体と協議」) go with the change,
//!   rather than breaking it into confetti;
//! - an insertion or a deletion that could stand in several places (「令和2年」
//!   → 「令和7年度も令和2年」 inserts 「令和7年度も」, or 「7年度も令和」 two
//!   characters on) is put where it starts and ends on the best boundaries:
//!   the ends of the text, after a sentence, after punctuation, between a
//!   particle and the next word — never just before a 、 or 。.

use std::time::Duration;

use similar::{Algorithm, ChangeTag, TextDiff};

/// What stayed, or what was taken out (`old`) and put in (`new`) in its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Same(Vec<char>),
    Changed { old: Vec<char>, new: Vec<char> },
}

/// The longest a character diff may take before it settles for a coarser
/// (still correct) answer: a pathological pair of long texts never stalls
/// a comparison.
pub const DIFF_TIME: Duration = Duration::from_millis(200);

/// `old` to `new` as pieces, kept and changed by turns (never two of a kind
/// side by side, never an empty one).
pub fn pieces(old: &str, new: &str) -> Vec<Piece> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(DIFF_TIME)
        .diff_chars(old, new);
    let mut raw = Vec::new();
    for change in diff.iter_all_changes() {
        let chars = change.value().chars();
        match change.tag() {
            ChangeTag::Equal => push(&mut raw, Piece::Same(chars.collect())),
            ChangeTag::Delete => push(
                &mut raw,
                Piece::Changed {
                    old: chars.collect(),
                    new: Vec::new(),
                },
            ),
            ChangeTag::Insert => push(
                &mut raw,
                Piece::Changed {
                    old: Vec::new(),
                    new: chars.collect(),
                },
            ),
        }
    }
    // Kept text, empty, at both ends: every change has kept text on each
    // side to move within.
    let mut out = vec![Piece::Same(Vec::new())];
    out.extend(absorb(raw));
    out.push(Piece::Same(Vec::new()));
    for i in 1..out.len() - 1 {
        slide(&mut out, i);
    }
    out.into_iter().fold(Vec::new(), |mut acc, p| {
        push(&mut acc, p);
        acc
    })
}

impl Piece {
    fn is_empty(&self) -> bool {
        match self {
            Piece::Same(s) => s.is_empty(),
            Piece::Changed { old, new } => old.is_empty() && new.is_empty(),
        }
    }

    /// How long a change is (the longer of its sides).
    fn weight(&self) -> usize {
        match self {
            Piece::Same(_) => 0,
            Piece::Changed { old, new } => old.len().max(new.len()),
        }
    }
}

/// `p` after `out`, joined to the last piece when it is of the same kind.
fn push(out: &mut Vec<Piece>, p: Piece) {
    if p.is_empty() {
        return;
    }
    match (out.last_mut(), p) {
        (Some(Piece::Same(a)), Piece::Same(b)) => a.extend(b),
        (Some(Piece::Changed { old, new }), Piece::Changed { old: o, new: n }) => {
            old.extend(o);
            new.extend(n);
        }
        (_, p) => out.push(p),
    }
}

/// What stayed between two changes goes with them when it is shorter than
/// each (a particle that only happens to be alike inside a rewritten phrase).
fn absorb(raw: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(raw.len());
    for mut p in raw {
        // The change, grown, may take in the piece before it too.
        while let Piece::Changed { old: o, new: n } = &p {
            let short = match out.as_slice() {
                [.., before @ Piece::Changed { .. }, Piece::Same(s)] => {
                    s.len() < before.weight() && s.len() < p.weight()
                }
                _ => false,
            };
            if !short {
                break;
            }
            let (Some(Piece::Same(s)), Some(Piece::Changed { mut old, mut new })) =
                (out.pop(), out.pop())
            else {
                break;
            };
            old.extend(&s);
            old.extend(o);
            new.extend(&s);
            new.extend(n);
            p = Piece::Changed { old, new };
        }
        push(&mut out, p);
    }
    out
}

/// Piece `i`, when it only puts in or only takes out, moved within the
/// kept pieces on either side of it to the place with the best boundaries.
fn slide(pieces: &mut [Piece], i: usize) {
    let (old_side, len) = match &pieces[i] {
        Piece::Changed { old, new } if new.is_empty() => (true, old.len()),
        Piece::Changed { old, new } if old.is_empty() => (false, new.len()),
        _ => return,
    };
    let (Some(Piece::Same(before)), Some(Piece::Same(after))) = (
        i.checked_sub(1).and_then(|k| pieces.get(k)),
        pieces.get(i + 1),
    ) else {
        return;
    };
    let edit = match &pieces[i] {
        Piece::Changed { old, new } if old_side => old,
        Piece::Changed { new, .. } => new,
        Piece::Same(_) => return,
    };
    let text: Vec<char> = [before.as_slice(), edit, after].concat();
    let here = before.len();
    let mut start = here;
    while start > 0 && text[start - 1] == text[start + len - 1] {
        start -= 1;
    }
    let score = |s: usize| {
        boundary(s.checked_sub(1).map(|k| text[k]), text.get(s).copied())
            + boundary(text.get(s + len - 1).copied(), text.get(s + len).copied())
    };
    let (mut best, mut best_score) = (start, score(start));
    while start + len < text.len() && text[start] == text[start + len] {
        start += 1;
        let s = score(start);
        // Ties go right, as the common prefix would put them.
        if s >= best_score {
            (best, best_score) = (start, s);
        }
    }
    if best == here {
        return;
    }
    let moved = text[best..best + len].to_vec();
    pieces[i - 1] = Piece::Same(text[..best].to_vec());
    pieces[i + 1] = Piece::Same(text[best + len..].to_vec());
    pieces[i] = if old_side {
        Piece::Changed {
            old: moved,
            new: Vec::new(),
        }
    } else {
        Piece::Changed {
            old: Vec::new(),
            new: moved,
        }
    };
}

/// What kind of character `c` is, for telling where a word may end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Hiragana,
    Katakana,
    Kanji,
    Digit,
    Letter,
    Space,
    /// Ends a sentence: 。．！？
    Stop,
    /// Closes or separates: 、」）…
    Close,
    /// Opens: 「（【…
    Open,
    Other,
}

fn kind(c: char) -> Kind {
    match c {
        '。' | '．' | '！' | '？' | '!' | '?' => Kind::Stop,
        '、' | '，' | ',' | '」' | '』' | '）' | ')' | '】' | '］' | ']' | '〕' | '・' | '：'
        | ':' | '；' | ';' => Kind::Close,
        '「' | '『' | '（' | '(' | '【' | '［' | '[' | '〔' => Kind::Open,
        c if c.is_whitespace() => Kind::Space,
        '\u{3041}'..='\u{309F}' => Kind::Hiragana,
        '\u{30A0}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}' => {
            Kind::Katakana
        }
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々' | '〆' => Kind::Kanji,
        c if c.is_ascii_digit() || ('０'..='９').contains(&c) => Kind::Digit,
        c if c.is_alphabetic() => Kind::Letter,
        _ => Kind::Other,
    }
}

/// How good a place between `left` and `right` is for a change to begin or
/// end: the ends of the text best, then after a sentence or a line, after
/// punctuation or before an opening bracket, between a particle and the
/// next word; never before punctuation.
fn boundary(left: Option<char>, right: Option<char>) -> u32 {
    let (Some(l), Some(r)) = (left, right) else {
        return 6;
    };
    let (l, r) = (kind(l), kind(r));
    match (l, r) {
        (Kind::Stop, _) => 5,
        (Kind::Space, _) | (_, Kind::Space) | (Kind::Close, _) | (_, Kind::Open) => 4,
        (_, Kind::Stop | Kind::Close) => 0,
        (Kind::Hiragana, Kind::Kanji | Kind::Katakana | Kind::Digit | Kind::Letter) => 3,
        (Kind::Kanji, Kind::Hiragana) | (Kind::Digit, Kind::Kanji) | (Kind::Kanji, Kind::Digit) => {
            1
        }
        (a, b) if a != b => 2,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(p: &[Piece]) -> String {
        p.iter()
            .map(|p| match p {
                Piece::Same(s) => s.iter().collect(),
                Piece::Changed { old, new } => format!(
                    "［{}→{}］",
                    old.iter().collect::<String>(),
                    new.iter().collect::<String>()
                ),
            })
            .collect()
    }

    #[test]
    fn an_insertion_starts_where_the_new_words_start() {
        assert_eq!(
            shown(&pieces("令和2年4月から", "令和7年度も令和2年4月から")),
            "［→令和7年度も］令和2年4月から"
        );
        assert_eq!(
            shown(&pieces("令和7年度も令和2年4月から", "令和2年4月から")),
            "［令和7年度も→］令和2年4月から"
        );
        // A sentence put in between two: whole, after the first one's 。.
        assert_eq!(
            shown(&pieces(
                "実施した。継続する。",
                "実施した。研修を実施した。継続する。"
            )),
            "実施した。［→研修を実施した。］継続する。"
        );
        // A sentence added at the end keeps its own 。.
        assert_eq!(
            shown(&pieces("支援している。", "支援している。対象を拡充した。")),
            "支援している。［→対象を拡充した。］"
        );
    }

    #[test]
    fn a_particle_alike_by_chance_goes_with_the_rewritten_phrase() {
        assert_eq!(
            shown(&pieces("関係機関と連携する。", "関係団体と協議する。")),
            "関係［機関と連携→団体と協議］する。"
        );
        // Kept between two changes of one character each: stays kept.
        assert_eq!(
            shown(&pieces("年2回開催した", "年4回実施した")),
            "年［2→4］回［開催→実施］した"
        );
    }

    /// Both texts put back together from `p`, and whether its pieces take
    /// turns and none is empty.
    fn both_sides(p: &[Piece]) -> (String, String, bool) {
        let turns = p
            .windows(2)
            .all(|w| matches!(w[0], Piece::Same(_)) != matches!(w[1], Piece::Same(_)))
            && p.iter().all(|x| !x.is_empty());
        let (mut o, mut n) = (String::new(), String::new());
        for piece in p {
            match piece {
                Piece::Same(s) => {
                    o.extend(s);
                    n.extend(s);
                }
                Piece::Changed { old, new } => {
                    o.extend(old);
                    n.extend(new);
                }
            }
        }
        (o, n, turns)
    }

    #[test]
    fn pieces_take_turns_and_keep_every_character() {
        for (old, new) in [
            ("", ""),
            ("", "新しい文"),
            ("古い文", ""),
            ("同じ", "同じ"),
            ("ああああ", "あああああ"),
            (
                "研修を年2回実施した。関係機関と連携する。",
                "研修を年4回実施した。関係機関と密に連携する。",
            ),
        ] {
            let p = pieces(old, new);
            let (o, n, turns) = both_sides(&p);
            assert!(turns, "{p:?}");
            assert_eq!((o.as_str(), n.as_str()), (old, new));
        }
    }

    proptest::proptest! {
        #[test]
        fn any_two_texts_come_back_whole(
            old in "[令和年度もの2。、「」 aあ]{0,24}",
            new in "[令和年度もの27。、「」 aあ]{0,24}",
        ) {
            let p = pieces(&old, &new);
            let (o, n, turns) = both_sides(&p);
            proptest::prop_assert!(turns, "{:?}", p);
            proptest::prop_assert_eq!((o, n), (old, new));
        }
    }
}
