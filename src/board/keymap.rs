//! Keys as data: one table per screen plus the global keys. The same tables
//! dispatch the keys, generate the `?` help and the footer, so neither can
//! drift from behaviour. Two commands on one key in one screen, or a key
//! that cannot be read, are an error at start-up that names them
//! ([`KeyError`]); [`Keymap::rebind`] changes a binding under the same check
//! (for a configuration file).

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use super::action::Command;
use super::keys::{Binding, Key, When, bind, code_bindings};
pub use super::screen::ScreenKind;
use crate::domain::model::Report;
use crate::i18n::{CliMsg, Lang, Msg};

/// Keys that work on every screen.
fn global_bindings() -> Vec<Binding> {
    vec![
        bind("F1", Command::Help, Msg::KeyHelp),
        bind("Ctrl-z", Command::Suspend, Msg::KeySuspend),
        bind("Ctrl-c", Command::Quit, Msg::KeyQuit),
    ]
}

/// The board's keymap for `report`: every screen's default table, with the
/// keys of its scale codes; an error when a code's key is a command's key.
pub fn default_keymap(report: &Report) -> Result<Keymap, KeymapError> {
    Keymap::new(default_tables(&code_bindings(report)))
}

/// Every screen's default key table; `codes` are the keys of the scale codes.
pub fn default_tables(codes: &[Binding]) -> Vec<(ScreenKind, Vec<Binding>)> {
    ScreenKind::ALL
        .iter()
        .map(|&kind| (kind, kind.default_keys(codes)))
        .collect()
}

/// Why a keymap cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapError {
    /// A key would do two things on one screen.
    Twice(KeyError),
    /// A word of a screen's key table is not a key.
    Unread {
        screen: ScreenKind,
        word: String,
        help: Msg,
    },
}

impl KeymapError {
    pub fn say(&self, report: &Report, lang: Lang) -> String {
        match self {
            KeymapError::Twice(e) => e.say(report, lang),
            KeymapError::Unread { screen, word, help } => CliMsg::ErrKeyUnread.fill(
                lang,
                &[
                    ("screen", &crate::domain::error::quoted(screen.name())),
                    ("word", &crate::domain::error::quoted(word)),
                    ("help", &help.text(lang)),
                ],
            ),
        }
    }
}

/// Two commands on one key of one screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError {
    pub screen: ScreenKind,
    pub key: Key,
    /// Each command with its help line.
    pub first: (Command, Msg),
    pub second: (Command, Msg),
}

impl KeyError {
    pub fn say(&self, report: &Report, lang: Lang) -> String {
        CliMsg::ErrKeyTwice.fill(
            lang,
            &[
                ("screen", &crate::domain::error::quoted(self.screen.name())),
                ("key", &self.key.label(true)),
                ("first", &describe(&self.first, report, lang)),
                ("second", &describe(&self.second, report, lang)),
            ],
        )
    }
}

/// A command as people read it: its help line, or the code it sets.
fn describe((command, help): &(Command, Msg), report: &Report, lang: Lang) -> String {
    match command {
        Command::SetPhase(c) => format!("{} {c}", report.phase_scale.name),
        Command::SetDirection(c) => format!("{} {c}", report.direction_scale.name),
        _ => help.text(lang).to_string(),
    }
}

/// Why a binding could not be changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RebindError {
    /// The screen has no such command.
    NotOnScreen(Command),
    Twice(KeyError),
}

/// Every screen's table and the global keys.
#[derive(Debug, Clone)]
pub struct Keymap {
    tables: Vec<(ScreenKind, Vec<Binding>)>,
    global: Vec<Binding>,
}

impl Keymap {
    /// A keymap of these tables and the global keys; an error when a word
    /// of a table is not a key, or a key would do two things on one screen.
    pub fn new(tables: Vec<(ScreenKind, Vec<Binding>)>) -> Result<Keymap, KeymapError> {
        let keymap = Keymap {
            tables,
            global: global_bindings(),
        };
        for (screen, table) in &keymap.tables {
            for b in table.iter().chain(&keymap.global) {
                if let Some(word) = b.unread.first() {
                    return Err(KeymapError::Unread {
                        screen: *screen,
                        word: word.clone(),
                        help: b.help,
                    });
                }
            }
        }
        keymap.check().map_err(KeymapError::Twice)?;
        Ok(keymap)
    }

    fn check(&self) -> Result<(), KeyError> {
        for (screen, table) in &self.tables {
            let mut seen: Vec<(Key, &Binding)> = Vec::new();
            for b in table.iter().chain(&self.global) {
                for k in &b.keys {
                    if let Some((_, first)) = seen.iter().find(|(s, _)| s == k) {
                        return Err(KeyError {
                            screen: *screen,
                            key: *k,
                            first: (first.command.clone(), first.help),
                            second: (b.command.clone(), b.help),
                        });
                    }
                    seen.push((*k, b));
                }
            }
        }
        Ok(())
    }

    /// The screen's own bindings (the global ones apart).
    pub fn table(&self, screen: ScreenKind) -> &[Binding] {
        self.tables
            .iter()
            .find(|(k, _)| *k == screen)
            .map(|(_, t)| t.as_slice())
            .unwrap_or_default()
    }

    pub fn global(&self) -> &[Binding] {
        &self.global
    }

    /// The command for a key event on `screen`, if any.
    pub fn command(&self, screen: ScreenKind, event: &KeyEvent) -> Option<Command> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        self.table(screen)
            .iter()
            .chain(&self.global)
            .find(|b| b.keys.iter().any(|k| k.matches(event)))
            .map(|b| b.command.clone())
    }

    /// Give `command` on `screen` these keys instead of its own; refused (and
    /// nothing changed) when a key would then do two things.
    pub fn rebind(
        &mut self,
        screen: ScreenKind,
        command: &Command,
        keys: &[Key],
    ) -> Result<(), RebindError> {
        self.rebind_all(screen, &[(command.clone(), keys.to_vec())])
    }

    /// Give each command on `screen` its keys, all at once (so that two
    /// commands may swap keys); refused, and nothing changed, when a command
    /// is not the screen's or a key would then do two things.
    pub fn rebind_all(
        &mut self,
        screen: ScreenKind,
        changes: &[(Command, Vec<Key>)],
    ) -> Result<(), RebindError> {
        let before = self.tables.clone();
        let Some((_, table)) = self.tables.iter_mut().find(|(k, _)| *k == screen) else {
            return Ok(());
        };
        for (command, keys) in changes {
            let mut bindings = table.iter_mut().filter(|b| &b.command == command);
            let Some(first) = bindings.next() else {
                self.tables = before;
                return Err(RebindError::NotOnScreen(command.clone()));
            };
            first.keys = keys.clone();
            // A command bound twice (with two help lines) keeps only the new keys.
            for other in bindings {
                other.keys.clear();
            }
        }
        self.check().map_err(|e| {
            self.tables = before;
            RebindError::Twice(e)
        })
    }

    /// Say `help` for `command` wherever it is bound (a follower's `P` goes
    /// back to the presenter).
    pub fn relabel(&mut self, command: &Command, help: Msg) {
        for (_, table) in &mut self.tables {
            for b in table.iter_mut().filter(|b| &b.command == command) {
                b.help = help;
            }
        }
    }

    /// Help lines for `screen`: (keys, description), bindings with the same
    /// description merged, in table order.
    pub fn help_lines(bindings: &[Binding], ascii: bool) -> Vec<(String, Msg)> {
        let mut out: Vec<(Vec<String>, Msg)> = Vec::new();
        for b in bindings {
            let labels = b.keys.iter().map(|k| k.label(ascii));
            match out.iter_mut().find(|(_, m)| *m == b.help) {
                Some((keys, _)) => keys.extend(labels),
                None => out.push((labels.collect(), b.help)),
            }
        }
        out.into_iter().map(|(k, m)| (k.join(" "), m)).collect()
    }

    /// Footer hints of `screen`: (keys, label) for the bindings that have a
    /// footer label and apply now, the same label merged (`n/N`).
    pub fn footer(
        &self,
        screen: ScreenKind,
        ascii: bool,
        applies: impl Fn(&Command, When) -> bool,
    ) -> Vec<(String, Msg)> {
        let mut out: Vec<(Vec<String>, Msg)> = Vec::new();
        for b in self.table(screen) {
            for &(label, when) in &b.foot {
                if !applies(&b.command, when) {
                    continue;
                }
                let first = b.keys.first().map(|k| k.label(ascii)).unwrap_or_default();
                match out.iter_mut().find(|(_, m)| *m == label) {
                    Some((keys, _)) => keys.push(first),
                    None => out.push((vec![first], label)),
                }
            }
        }
        out.into_iter().map(|(k, m)| (k.join("/"), m)).collect()
    }
}
