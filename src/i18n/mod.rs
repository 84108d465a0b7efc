//! Every word kensho shows, in Japanese and English.
//!
//! Catalogues: [`Msg`] for the board, [`CliMsg`] for the command line and
//! for errors (which both show), [`LogMsg`] for saves and the change log,
//! [`BookMsg`] for workbooks, [`MinutesMsg`] for the minutes, [`CompareMsg`] for
//! comparisons and rounds, [`ReadingMsg`] for search by reading, [`ManMsg`]
//! for the manual page. Domain words (実施区分, 評価区分 and the
//! scale meanings) come from the records, not from here. A message may hold
//! `{name}` placeholders, filled by [`fill`]; both languages hold the same ones
//! (a test checks).

mod board;
mod book;
mod cli;
mod compare;
mod log;
mod man;
mod minutes;
mod plain;
mod reading;

pub use board::Msg;
pub use book::BookMsg;
pub use cli::CliMsg;
pub use compare::CompareMsg;
pub use log::LogMsg;
pub use man::ManMsg;
pub use minutes::MinutesMsg;
pub use plain::PlainMsg;
pub use reading::ReadingMsg;

use std::fmt::Display;

/// The language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    /// Japanese when `LC_ALL`, `LC_MESSAGES` or `LANG` (the first one set) says `ja…`.
    pub fn from_env() -> Lang {
        Self::from_locale(
            ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .filter_map(|k| std::env::var(k).ok())
                .find(|v| !v.is_empty())
                .as_deref(),
        )
    }

    pub fn from_locale(locale: Option<&str>) -> Lang {
        match locale {
            Some(l) if l.starts_with("ja") => Lang::Ja,
            _ => Lang::En,
        }
    }

    /// The language asked for by `--lang` among raw command-line arguments
    /// (before they are parsed: the help text itself must be in it), or the
    /// locale's.
    /// `ja` or `en`.
    pub fn parse(name: &str) -> Option<Lang> {
        match name {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn from_args<S: AsRef<str>>(args: &[S]) -> Lang {
        Self::in_args(args).unwrap_or_else(Self::from_env)
    }

    /// The language `--lang` asks for, if it does.
    pub fn in_args<S: AsRef<str>>(args: &[S]) -> Option<Lang> {
        let mut it = args.iter().map(AsRef::as_ref);
        while let Some(a) = it.next() {
            let value = match a.strip_prefix("--lang") {
                Some("") => it.next(),
                Some(rest) => rest.strip_prefix('='),
                None => None,
            };
            if let Some(lang) = value.and_then(Lang::parse) {
                return Some(lang);
            }
        }
        None
    }
}

/// Declares a catalogue: an enum of messages, each with its Japanese and
/// English text, the list of all of them and their names (for the tests).
macro_rules! catalogue {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => ($ja:expr, $en:expr $(,)?),)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant,)*
        }

        impl $name {
            /// Every message of the catalogue.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The message in `lang`.
            pub fn text(self, lang: $crate::i18n::Lang) -> &'static str {
                let (ja, en) = match self {
                    $($name::$variant => ($ja, $en),)*
                };
                match lang {
                    $crate::i18n::Lang::Ja => ja,
                    $crate::i18n::Lang::En => en,
                }
            }

            /// The message's name in the code (for the test that every entry is used).
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => stringify!($variant),)*
                }
            }

            /// The message in `lang` with its placeholders filled.
            pub fn fill(self, lang: $crate::i18n::Lang, args: &[(&str, &dyn std::fmt::Display)]) -> String {
                $crate::i18n::fill(self.text(lang), args)
            }
        }
    };
}
pub(crate) use catalogue;

/// `template` with every `{name}` replaced by the value given for `name`.
/// A placeholder without a value is left as it is.
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(&value.to_string()),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}` placeholders of a template, sorted.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_chooses_the_language() {
        assert_eq!(Lang::from_locale(Some("ja_JP.UTF-8")), Lang::Ja);
        assert_eq!(Lang::from_locale(Some("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(Some("C")), Lang::En);
        assert_eq!(Lang::from_locale(None), Lang::En);
    }

    #[test]
    fn lang_is_found_among_raw_arguments() {
        assert_eq!(
            Lang::from_args(&["kensho", "--lang", "ja", "check"]),
            Lang::Ja
        );
        assert_eq!(Lang::from_args(&["kensho", "check", "--lang=en"]), Lang::En);
    }

    #[test]
    fn placeholders_are_filled_by_name() {
        let s = fill(
            "{path}:{line}: {what} {unknown}",
            &[("path", &"a.ron"), ("line", &3), ("what", &"x")],
        );
        assert_eq!(s, "a.ron:3: x {unknown}");
        assert_eq!(placeholders("{b} {a} {b}"), vec!["a", "b"]);
    }

    fn check_catalogue(entries: &[(&'static str, &'static str, &'static str)]) {
        for (name, ja, en) in entries {
            assert!(
                !ja.trim().is_empty() && !en.trim().is_empty(),
                "{name}: a language is empty"
            );
            assert_eq!(
                placeholders(ja),
                placeholders(en),
                "{name}: placeholders differ"
            );
            // The Japanese text is Japanese (key names and codes aside).
            let ascii_only = ja.is_ascii();
            assert!(
                !ascii_only || ja == en,
                "{name}: the Japanese text is {ja:?}"
            );
        }
    }

    /// Each catalogue by the name the code calls it, with its entries'
    /// names and their Japanese and English words.
    fn catalogues() -> Vec<(&'static str, Rows)> {
        macro_rules! rows {
            ($($t:ident),*) => {
                vec![$((
                    stringify!($t),
                    $t::ALL
                        .iter()
                        .map(|m| (m.name(), m.text(Lang::Ja), m.text(Lang::En)))
                        .collect(),
                )),*]
            };
        }
        rows!(
            Msg, CliMsg, BookMsg, LogMsg, CompareMsg, ManMsg, ReadingMsg, PlainMsg, MinutesMsg
        )
    }

    type Rows = Vec<(&'static str, &'static str, &'static str)>;

    #[test]
    fn every_message_exists_in_both_languages_with_the_same_placeholders() {
        for (_, rows) in catalogues() {
            check_catalogue(&rows);
        }
    }

    /// Every entry is used somewhere outside the catalogue (an unused entry is
    /// a word nobody sees, or a word shown from somewhere else).
    #[test]
    fn every_message_is_used() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut code = String::new();
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs")
                    && p.parent().is_none_or(|d| !d.ends_with("i18n"))
                {
                    code.push_str(&std::fs::read_to_string(&p).unwrap());
                }
            }
        }
        let used = |prefix: &str, name: &str| {
            let word = format!("{prefix}::{name}");
            code.match_indices(&word).any(|(i, _)| {
                !code[i + word.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
            })
        };
        for (catalogue, rows) in catalogues() {
            let unused: Vec<&str> = rows
                .iter()
                .map(|(name, _, _)| *name)
                .filter(|n| !used(catalogue, n))
                .collect();
            assert!(unused.is_empty(), "{catalogue}: never used: {unused:?}");
        }
    }
}
