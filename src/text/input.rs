//! A one-line text input (the search line, the jump and reason prompts, the
//! department picker): edits by character, never by byte, with the cursor as a
//! character index.

use serde::{Deserialize, Serialize};

/// The line-editing keys every prompt shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LineEdit {
    /// Backspace: the character before the cursor.
    DeleteBack,
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    /// Ctrl-w: the word before the cursor.
    DeleteWord,
    /// Ctrl-u: everything.
    Clear,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    pub text: String,
    /// Cursor position in characters.
    pub cursor: usize,
}

impl LineInput {
    /// A line holding `text`, the cursor at its end (a value to change).
    pub fn with_text(text: &str) -> LineInput {
        LineInput {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map(|(b, _)| b)
            .unwrap_or(self.text.len())
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    pub fn insert(&mut self, s: &str) {
        // Pasted text may hold newlines or controls: keep it on one line.
        let clean: String = s
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
    }

    /// Apply a line-editing key; whether the text changed (a cursor move does not).
    pub fn apply(&mut self, edit: LineEdit) -> bool {
        let before = self.text.len();
        match edit {
            LineEdit::DeleteBack => self.backspace(),
            LineEdit::CursorLeft => self.left(),
            LineEdit::CursorRight => self.right(),
            LineEdit::CursorHome => self.cursor = 0,
            LineEdit::CursorEnd => self.cursor = self.len(),
            LineEdit::DeleteWord => self.delete_word(),
            LineEdit::Clear => self.clear(),
        }
        self.text.len() != before
    }

    pub fn backspace(&mut self) {
        if self.cursor == 0 {
            return;
        }
        let at = self.byte_at(self.cursor - 1);
        self.text.remove(at);
        self.cursor -= 1;
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.len());
    }

    /// Ctrl-w: delete the word before the cursor (and the spaces after it).
    pub fn delete_word(&mut self) {
        let chars: Vec<char> = self.text.chars().collect();
        let mut start = self.cursor;
        while start > 0 && chars[start - 1].is_whitespace() {
            start -= 1;
        }
        while start > 0 && !chars[start - 1].is_whitespace() {
            start -= 1;
        }
        let (a, b) = (self.byte_at(start), self.byte_at(self.cursor));
        self.text.replace_range(a..b, "");
        self.cursor = start;
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_by_character() {
        let mut i = LineInput::default();
        i.insert("警察");
        i.insert("との");
        assert_eq!((i.text.as_str(), i.cursor), ("警察との", 4));
        i.backspace();
        assert_eq!(i.text, "警察と");
        i.left();
        i.left();
        i.insert("x");
        assert_eq!((i.text.as_str(), i.cursor), ("警x察と", 2));
        i.right();
        i.right();
        i.right();
        assert_eq!(i.cursor, 4, "the cursor stops at the end");
        i.insert(" 児童 相談");
        i.delete_word();
        assert_eq!(i.text, "警x察と 児童 ");
        i.delete_word();
        assert_eq!(i.text, "警x察と ");
        i.insert("a\nb");
        assert_eq!(i.text, "警x察と a b");
        assert!(!i.apply(LineEdit::CursorHome));
        assert_eq!(i.cursor, 0);
        assert!(!i.apply(LineEdit::CursorEnd));
        assert!(i.apply(LineEdit::DeleteBack));
        assert!(i.apply(LineEdit::Clear));
        assert_eq!((i.text.as_str(), i.cursor), ("", 0));
    }
}
