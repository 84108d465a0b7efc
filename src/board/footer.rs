//! The footer's message: one short sentence in the board's language, shown
//! until the next key. Every part of the board tells the user what it did
//! through it.

use std::fmt::Display;

use crate::i18n::{Lang, Msg};

#[derive(Debug, Clone)]
pub struct Footer {
    text: Option<String>,
    lang: Lang,
    spoken: bool,
}

impl Footer {
    pub fn new(lang: Lang) -> Footer {
        Footer {
            text: None,
            lang,
            spoken: false,
        }
    }

    /// The same footer, saying every code with its meaning (`--plain`).
    pub fn spoken(mut self, spoken: bool) -> Footer {
        self.spoken = spoken;
        self
    }

    /// Codes are said with their meanings.
    pub fn is_spoken(&self) -> bool {
        self.spoken
    }

    /// The language the board speaks.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message shown, if any.
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// The words of `m` in the board's language.
    pub fn words(&self, m: Msg) -> &'static str {
        m.text(self.lang)
    }

    /// Show `m`.
    pub fn tell(&mut self, m: Msg) {
        self.text = Some(self.words(m).to_string());
    }

    /// Show `m` with its placeholders filled.
    pub fn tell_with(&mut self, m: Msg, args: &[(&str, &dyn Display)]) {
        self.text = Some(m.fill(self.lang, args));
    }

    /// Show `text`, already in the board's language.
    pub fn put(&mut self, text: String) {
        self.text = Some(text);
    }

    /// Nothing shown (a key was pressed).
    pub fn clear(&mut self) {
        self.text = None;
    }
}
