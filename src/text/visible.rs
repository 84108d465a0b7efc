//! Making text safe for a terminal: the one place that decides what of a
//! record's text may reach a screen as it is.
//!
//! Kept: printable characters and newlines. Shown visibly instead:
//! - C0 controls as their Unicode control pictures (ESC → ␛, BEL → ␇, CR → ␍);
//! - DEL as ␡;
//! - C1 controls (U+0080–U+009F), bidirectional controls (U+202E, U+2066…),
//!   zero-width and other invisible format characters (U+200B–U+200D, U+2060,
//!   U+FEFF, tags…) and line/paragraph separators as `<U+XXXX>`: they either
//!   steer the terminal or have a width that terminals disagree on, which
//!   breaks the board's borders;
//! - a tab in record text as spaces to the next column that is a multiple of
//!   four (whole outputs keep the tabs they use as separators).

use std::borrow::Cow;
use std::fmt::Write;

/// Record text made safe to show: see the module's comment. Tabs are expanded.
pub fn visible(s: &str) -> Cow<'_, str> {
    safe(s, true)
}

/// A whole output (a report, a TSV line, a CSV, an error) made safe for the
/// terminal; tabs, newlines, CRLF line ends and a byte order mark at the
/// very start (a CSV for Excel) are kept: none of them steers a terminal.
pub fn terminal_safe(s: &str) -> Cow<'_, str> {
    safe(s, false)
}

fn safe(s: &str, expand_tabs: bool) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| needs_escape(c) || (expand_tabs && c == '\t'))
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    // The column within the line, for tab stops.
    let mut column = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let before = out.len();
        let whole_output = !expand_tabs;
        match c {
            '\r' if whole_output && chars.peek().is_some_and(|&(_, n)| n == '\n') => out.push(c),
            '\u{FEFF}' if whole_output && i == 0 => out.push(c),
            '\n' => {
                out.push(c);
                column = 0;
                continue;
            }
            '\t' if expand_tabs => {
                let spaces = 4 - column % 4;
                out.extend(std::iter::repeat_n(' ', spaces));
            }
            '\t' => out.push(c),
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
            '\u{7f}' => out.push('\u{2421}'),
            c if needs_escape(c) => {
                let _ = write!(out, "<U+{:04X}>", c as u32);
            }
            c => out.push(c),
        }
        column += unicode_width::UnicodeWidthStr::width(&out[before..]);
    }
    Cow::Owned(out)
}

/// Whether `c` may not reach a terminal as it is (tabs and newlines aside).
pub fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_invisible_format(c)
}

/// Invisible format characters (Unicode category Cf and the separators Zl,
/// Zp) that steer text direction, join or hide characters: a terminal draws
/// them at a width of its own choosing.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{0600}'..='\u{0605}'
        | '\u{061C}'
        | '\u{06DD}'
        | '\u{070F}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{2028}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{E0001}'
        | '\u{E0020}'..='\u{E007F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(visible("a\u{1b}[31mb"), "a␛[31mb");
        assert_eq!(visible("改行\nタブ"), "改行\nタブ");
        assert_eq!(visible("x\u{9b}y\u{7f}"), "x<U+009B>y␡");
        assert_eq!(visible("\u{1b}]52;c;eA==\u{7}"), "␛]52;c;eA==␇");
        assert!(matches!(visible("児童相談所"), Cow::Borrowed(_)));
    }

    #[test]
    fn direction_and_zero_width_characters_become_visible() {
        assert_eq!(visible("abc\u{202E}fed"), "abc<U+202E>fed");
        assert_eq!(visible("👨\u{200D}👩"), "👨<U+200D>👩");
        assert_eq!(visible("\u{FEFF}表"), "<U+FEFF>表");
        assert_eq!(visible("a\u{2028}b"), "a<U+2028>b");
    }

    #[test]
    fn tabs_go_to_the_next_stop_of_four_columns_in_record_text() {
        assert_eq!(visible("a\tb"), "a   b");
        assert_eq!(visible("児童\tx"), "児童    x");
        assert_eq!(visible("x\n\ty"), "x\n    y");
        assert_eq!(terminal_safe("id\t1\t\u{1b}"), "id\t1\t␛");
        assert_eq!(
            terminal_safe("\u{FEFF}a\r\nb\rc\u{FEFF}"),
            "\u{FEFF}a\r\nb␍c<U+FEFF>"
        );
    }
}
