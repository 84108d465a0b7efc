//! How a text changed: the changed parts in their context on one line
//! (「…の活用を［検討→決定］した。」), and a character-level diff for the
//! 新旧対照表, where every changed character is underlined. Both read the
//! same [`pieces`].

use serde::Serialize;
use similar::{Algorithm, TextDiff};

use super::pieces::{DIFF_TIME, Piece, pieces};

/// How many characters of context stand around a changed part of a text.
const CONTEXT: usize = 8;

/// A text's change by the parts that changed, each in its context:
/// 「…の活用を［検討→決定］した。」; kept text between two changes far apart
/// is shortened in its middle (「…関係…関係機関と…」). What `kensho log`
/// and `kensho compare` print for a changed progress or self-assessment.
pub fn text_change(old: &str, new: &str) -> String {
    let text = |v: &[char]| v.iter().collect::<String>();
    let p = pieces(old, new);
    let last = p.len().saturating_sub(1);
    let mut out = String::from("「");
    for (k, piece) in p.iter().enumerate() {
        match piece {
            // Before the first change: its end.
            Piece::Same(s) if k == 0 && s.len() > CONTEXT => {
                out.push('…');
                out.push_str(&text(&s[s.len() - CONTEXT..]));
            }
            // After the last change: its start.
            Piece::Same(s) if k == last && k > 0 && s.len() > CONTEXT => {
                out.push_str(&text(&s[..CONTEXT]));
                out.push('…');
            }
            // Between two changes: both ends.
            Piece::Same(s) if k > 0 && k < last && s.len() > 2 * CONTEXT + 1 => {
                out.push_str(&text(&s[..CONTEXT]));
                out.push('…');
                out.push_str(&text(&s[s.len() - CONTEXT..]));
            }
            Piece::Same(s) => out.push_str(&text(s)),
            Piece::Changed { old, new } => {
                out.push_str(&format!("［{}→{}］", text(old), text(new)));
            }
        }
    }
    if !p.iter().any(|x| matches!(x, Piece::Changed { .. })) {
        out.push_str("［→］");
    }
    out.push('」');
    out
}

/// A run of characters of one side: kept, or changed (deleted from the
/// old text, inserted into the new).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run {
    pub text: String,
    pub changed: bool,
}

/// Both sides of a changed text as runs: the old text with what was taken
/// out marked, the new with what was put in marked.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Marked {
    pub old: Vec<Run>,
    pub new: Vec<Run>,
}

/// The character-level diff of `old` and `new`, as [`pieces`] reads it.
pub fn marked(old: &str, new: &str) -> Marked {
    let mut out = Marked::default();
    for piece in pieces(old, new) {
        match piece {
            Piece::Same(s) => {
                let s: String = s.into_iter().collect();
                push(&mut out.old, &s, false);
                push(&mut out.new, &s, false);
            }
            Piece::Changed { old, new } => {
                push(&mut out.old, &old.into_iter().collect::<String>(), true);
                push(&mut out.new, &new.into_iter().collect::<String>(), true);
            }
        }
    }
    out
}

fn push(runs: &mut Vec<Run>, text: &str, changed: bool) {
    if text.is_empty() {
        return;
    }
    match runs.last_mut() {
        Some(last) if last.changed == changed => last.text.push_str(text),
        _ => runs.push(Run {
            text: text.to_string(),
            changed,
        }),
    }
}

/// How alike two texts are, from 0 (nothing shared) to 1 (the same), by
/// their characters.
pub fn likeness(a: &str, b: &str) -> f32 {
    if a == b {
        return 1.0;
    }
    TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(DIFF_TIME)
        .diff_chars(a, b)
        .ratio()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_change_shows_the_part_that_changed_in_its_context() {
        let old = "国の事業の活用を検討する。今後も継続して取り組む。";
        let new = "国の事業の活用を決定した。今後も継続して取り組む。";
        assert_eq!(
            text_change(old, new),
            "「国の事業の活用を［検討する→決定した］。今後も継続して…」"
        );
        assert_eq!(text_change("", "新しい文"), "「［→新しい文］」");
        let long = "前置きの長い文章でこの部分は見せなくてよい。国の事業の活用を検討する。";
        assert!(text_change(long, &long.replace("検討", "決定")).starts_with("「…"));
        assert_eq!(text_change("同じ", "同じ"), "「同じ［→］」");
    }

    #[test]
    fn a_text_change_starts_where_the_new_words_start() {
        // Not 「令和［→7年度も令和］2年4月から」.
        assert_eq!(
            text_change(
                "令和2年4月から実施している。",
                "令和7年度も令和2年4月から実施している。"
            ),
            "「［→令和7年度も］令和2年4月から…」"
        );
    }

    #[test]
    fn each_change_is_shown_alone_with_the_text_between_shortened() {
        let old = "研修を年2回実施した。関係機関と連携する。";
        let new = "研修を年4回実施した。関係機関と密に連携する。";
        assert_eq!(
            text_change(old, new),
            "「研修を年［2→4］回実施した。関係機関と［→密に］連携する。」"
        );
        let old =
            "研修を年2回実施した。この間、各区の担当者会議で事例を共有し、関係機関と連携する。";
        let new = old.replace("2回", "4回").replace("と連携", "と密に連携");
        assert_eq!(
            text_change(old, &new),
            "「研修を年［2→4］回実施した。この…有し、関係機関と［→密に］連携する。」"
        );
    }

    #[test]
    fn the_marked_diff_keeps_every_character_of_both_sides() {
        let old = "研修を年2回実施した。関係機関と連携する。";
        let new = "研修を年4回実施した。関係機関と密に連携する。";
        let m = marked(old, new);
        let join = |runs: &[Run]| runs.iter().map(|r| r.text.as_str()).collect::<String>();
        assert_eq!(join(&m.old), old);
        assert_eq!(join(&m.new), new);
        let changed = |runs: &[Run]| {
            runs.iter()
                .filter(|r| r.changed)
                .map(|r| r.text.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(changed(&m.old), vec!["2"]);
        assert_eq!(changed(&m.new), vec!["4", "密に"]);
    }

    #[test]
    fn likeness_is_one_for_the_same_and_low_for_strangers() {
        assert_eq!(likeness("同じ文", "同じ文"), 1.0);
        assert!(likeness("研修を実施した。", "研修を実施する。") >= 0.75);
        assert!(likeness("研修を実施した。", "予算を確保") < 0.3);
    }
}
