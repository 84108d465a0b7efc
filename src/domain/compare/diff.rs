//! How a text changed: the changed part in its context for one line
//! (「…の活用を［検討→決定］した。」), and a character-level diff for the
//! 新旧対照表, where every changed character is underlined.

use std::time::Duration;

use serde::Serialize;
use similar::{Algorithm, ChangeTag, TextDiff};

/// How many characters of context stand around a changed part of a text.
const CONTEXT: usize = 8;

/// A text's change by the part that changed:
/// 「…の活用を［検討→決定］した。」. What `kensho log` and `kensho
/// compare` print for a changed progress or self-assessment.
pub fn text_change(old: &str, new: &str) -> String {
    let (a, b): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    let text = |v: &[char]| v.iter().collect::<String>();
    let lead = prefix.saturating_sub(CONTEXT);
    let tail = (suffix.min(CONTEXT)).min(a.len() - prefix);
    let before = if lead > 0 { "…" } else { "" };
    let after = if suffix > CONTEXT { "…" } else { "" };
    format!(
        "「{before}{}［{}→{}］{}{after}」",
        text(&a[lead..prefix]),
        text(&a[prefix..a.len() - suffix]),
        text(&b[prefix..b.len() - suffix]),
        text(&a[a.len() - suffix..a.len() - suffix + tail]),
    )
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

/// The longest a character diff may take before it settles for a coarser
/// (still correct) answer: a pathological pair of long texts never stalls
/// a comparison.
const DIFF_TIME: Duration = Duration::from_millis(200);

/// The character-level diff of `old` and `new` (Myers' algorithm, the
/// common prefix and suffix taken off first).
pub fn marked(old: &str, new: &str) -> Marked {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(DIFF_TIME)
        .diff_chars(old, new);
    let mut out = Marked::default();
    for change in diff.iter_all_changes() {
        let value = change.value();
        match change.tag() {
            ChangeTag::Equal => {
                push(&mut out.old, value, false);
                push(&mut out.new, value, false);
            }
            ChangeTag::Delete => push(&mut out.old, value, true),
            ChangeTag::Insert => push(&mut out.new, value, true),
        }
    }
    out
}

fn push(runs: &mut Vec<Run>, text: &str, changed: bool) {
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
