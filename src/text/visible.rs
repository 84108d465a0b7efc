//! Text helpers that every output path shares.

use std::borrow::Cow;

/// `s` with control characters made visible, so that escape sequences stored in
/// record text never reach a terminal raw. Newlines and tabs are kept; other C0
/// controls become their Unicode control pictures (ESC → ␛), DEL becomes ␡, and
/// C1 controls become `<U+009B>`.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            '\u{0}'..='\u{1f}' => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?'));
            }
            '\u{7f}' => out.push('\u{2421}'),
            '\u{80}'..='\u{9f}' => out.push_str(&format!("<U+{:04X}>", c as u32)),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || c == '\u{7f}'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(visible("a\u{1b}[31mb"), "a␛[31mb");
        assert_eq!(visible("改行\nタブ\t"), "改行\nタブ\t");
        assert_eq!(visible("x\u{9b}y\u{7f}"), "x<U+009B>y␡");
        assert!(matches!(visible("児童相談所"), Cow::Borrowed(_)));
    }
}
