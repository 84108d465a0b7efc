//! Width-aware text helpers: everything measured in display columns.
//!
//! Japanese text is pre-wrapped here (never by `Paragraph::wrap`), so that no line
//! is wider than its pane, no character is lost or split, and 、。」） never start
//! a line (UAX #14 line breaking through `textwrap`, which keeps closing
//! punctuation with the character before it).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::text::visible;

/// Display width of `s` in terminal columns.
pub fn width(s: &str) -> usize {
    s.width()
}

/// Characters that must not begin a line (行頭禁則).
pub const NO_LINE_START: &str = "、。，．・：；？！゛゜ヽヾゝゞ々ー）］｝」』】〕〉》’”ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ,.!?:;)]}";

/// Wrap `text` into lines of at most `max` columns.
///
/// Hard line breaks in the text are kept; spaces where a line is broken are
/// dropped (as in any wrapped paragraph); every other character appears once, in
/// order. A character wider than `max` (a full-width character at `max == 1`)
/// stands alone on its line, the one case where a line is wider than `max`.
/// Control characters are shown visibly (see [`visible`]).
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let text = visible(text);
    let options = textwrap::Options::new(max)
        .word_separator(textwrap::WordSeparator::UnicodeBreakProperties)
        .break_words(true);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let wrapped = textwrap::wrap(paragraph, &options);
        let mut para = Vec::new();
        for line in wrapped {
            // textwrap measures with unicode-width too, but splits over-long words
            // by its own rules; enforce the limit by character.
            push_fitting(&mut para, line.trim_end(), max);
        }
        if para.is_empty() {
            para.push(String::new());
        }
        fix_line_starts(&mut para, max);
        lines.extend(para);
    }
    lines
}

/// Push `line`, splitting it where it is wider than `max`.
fn push_fitting(lines: &mut Vec<String>, line: &str, max: usize) {
    let mut current = String::new();
    let mut w = 0;
    for c in line.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > max && !current.is_empty() {
            lines.push(std::mem::take(&mut current));
            w = 0;
        }
        current.push(c);
        w += cw;
    }
    lines.push(current);
}

/// Where a line would begin with a character that must not start a line, pull
/// the last character of the previous line down with it; what no longer fits
/// flows on to the next line (and is checked in turn).
fn fix_line_starts(lines: &mut Vec<String>, max: usize) {
    let mut i = 1;
    while i < lines.len() {
        let starts_bad = lines[i]
            .chars()
            .next()
            .is_some_and(|c| NO_LINE_START.contains(c));
        let prev_len = lines[i - 1].chars().count();
        if starts_bad
            && prev_len >= 2
            && let Some(last) = lines[i - 1].pop()
        {
            lines[i].insert(0, last);
        }
        if width(&lines[i]) > max {
            let fit = take_width(&lines[i], max);
            let fit = if fit.is_empty() {
                lines[i].chars().take(1).collect()
            } else {
                fit
            };
            let rest = lines[i][fit.len()..].to_string();
            lines[i] = fit;
            if !rest.is_empty() {
                if i + 1 < lines.len() {
                    lines[i + 1].insert_str(0, &rest);
                } else {
                    lines.push(rest);
                }
            }
        }
        i += 1;
    }
}

/// `text` cut to at most `max` columns, ending with `ellipsis` when cut. A wide
/// character is never cut in half.
pub fn truncate(text: &str, max: usize, ellipsis: &str) -> String {
    let text = visible(text);
    let text = text.replace('\n', " ");
    if width(&text) <= max {
        return text;
    }
    let ew = width(ellipsis);
    if max < ew {
        return take_width(&text, max);
    }
    let mut out = take_width(&text, max - ew);
    out.push_str(ellipsis);
    out
}

/// The longest prefix of `text` that fits in `max` columns.
pub fn take_width(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut w = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out
}

/// `text` padded with spaces to exactly `cols` columns (truncated if longer).
pub fn pad(text: &str, cols: usize, ellipsis: &str) -> String {
    let t = truncate(text, cols, ellipsis);
    let w = width(&t);
    format!("{t}{}", " ".repeat(cols.saturating_sub(w)))
}

/// The display column of character index `cursor` in `text` (where the terminal
/// cursor goes, so that an IME composes in place).
pub fn cursor_column(text: &str, cursor: usize) -> usize {
    text.chars()
        .take(cursor)
        .map(|c| c.width().unwrap_or(0))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SAMPLE: &str = "令和2年4月から、全区に1名ずつ母子保健相談員（会計年度任用職員）を配置し、ミドルリスク妊婦への支援を通じて虐待予防の関わりを強化している。 今後は、SSW（スクールソーシャルワーカー）の「活用」を進める。";

    fn squash(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    #[test]
    fn wraps_japanese_without_losing_a_character() {
        for w in 1..=60 {
            let lines = wrap(SAMPLE, w);
            assert_eq!(squash(&lines.concat()), squash(SAMPLE), "width {w}");
            for l in &lines {
                assert!(width(l) <= w.max(2), "width {w}: {l:?}");
            }
        }
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        for w in 4..=60 {
            for l in wrap(SAMPLE, w).iter().skip(1) {
                let first = l.chars().next().unwrap_or(' ');
                assert!(
                    !"、。」）".contains(first),
                    "width {w}: line starts with {first}: {l:?}"
                );
            }
        }
    }

    #[test]
    fn truncates_by_display_width() {
        assert_eq!(truncate("児童相談所", 6, "…"), "児童…");
        assert_eq!(width(&truncate("児童相談所", 6, "…")), 5);
        assert_eq!(truncate("児童相談所", 10, "…"), "児童相談所");
        assert_eq!(truncate("abc児童", 4, "..."), "a...");
        assert_eq!(truncate("児童", 1, "…"), "…");
        assert_eq!(pad("児童", 6, "…"), "児童  ");
    }

    #[test]
    fn the_cursor_column_counts_display_width() {
        assert_eq!(cursor_column("警察abc", 0), 0);
        assert_eq!(cursor_column("警察abc", 2), 4);
        assert_eq!(cursor_column("警察abc", 3), 5);
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        let lines = wrap("赤\u{1b}[31m字", 40);
        assert_eq!(lines, vec!["赤␛[31m字".to_string()]);
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "児童",
            "相談所",
            "、",
            "。",
            "「",
            "」",
            "（",
            "）",
            "SSW",
            "ｶﾀｶﾅ",
            "ＳＳＷ",
            " ",
            "a",
            "令和2年",
            "\n",
            "要対協",
            "ー",
            "っ",
            "①",
            "※",
            "abcdefghijklmnop",
            "😀",
            "é",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn no_line_too_wide_no_character_lost(text in text_strategy(), w in 1usize..=120) {
            let lines = wrap(&text, w);
            for l in &lines {
                let lw = width(l);
                prop_assert!(lw <= w || l.chars().count() == 1, "width {} line {:?} is {}", w, l, lw);
            }
            prop_assert_eq!(squash(&lines.concat()), squash(&text));
        }

        #[test]
        fn truncate_never_exceeds(text in text_strategy(), w in 0usize..=80) {
            let t = truncate(&text, w, "…");
            prop_assert!(width(&t) <= w);
        }
    }
}
