//! Keys as data: one table per screen plus the global keys. The same tables
//! dispatch the keys, generate the `?` help and the footer, so neither can
//! drift from behaviour. Two commands on one key in one screen are an error
//! at start-up that names both ([`KeyError`]); [`Keymap::rebind`] changes a
//! binding under the same check (for a configuration file).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Command;
use crate::domain::model::Report;
use crate::i18n::{CliMsg, Lang, Msg};

/// One key, as matched and as shown in help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

pub const fn key(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

pub const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

pub const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

impl Key {
    /// How the key is written in help: `j`, `Ctrl-d`, `PgDn`, `←`.
    pub fn label(&self, ascii: bool) -> String {
        let arrow = |fancy: &str, plain: &str| if ascii { plain } else { fancy }.to_string();
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => arrow("↑", "Up"),
            KeyCode::Down => arrow("↓", "Down"),
            KeyCode::Left => arrow("←", "Left"),
            KeyCode::Right => arrow("→", "Right"),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }

    /// A key as written in help (and in a configuration file): `q`, `G`,
    /// `Ctrl-r`, `PgDn`, `Enter`, `Space`, `F1`.
    pub fn parse(text: &str) -> Option<Key> {
        if let Some(rest) = text.strip_prefix("Ctrl-") {
            let mut chars = rest.chars();
            let c = chars.next()?;
            return chars
                .next()
                .is_none()
                .then_some(ctrl(c.to_ascii_lowercase()));
        }
        let named = match text {
            "Space" => KeyCode::Char(' '),
            "Up" | "↑" => KeyCode::Up,
            "Down" | "↓" => KeyCode::Down,
            "Left" | "←" => KeyCode::Left,
            "Right" | "→" => KeyCode::Right,
            "PgUp" => KeyCode::PageUp,
            "PgDn" => KeyCode::PageDown,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" => KeyCode::Tab,
            "Backspace" => KeyCode::Backspace,
            "BackTab" => KeyCode::BackTab,
            "Delete" => KeyCode::Delete,
            "Insert" => KeyCode::Insert,
            f if f.starts_with('F') && f.len() > 1 => {
                let n: u8 = f[1..].parse().ok()?;
                KeyCode::F((1..=12).contains(&n).then_some(n)?)
            }
            _ => {
                let mut chars = text.chars();
                let c = chars.next()?;
                return chars.next().is_none().then_some(ch(c));
            }
        };
        Some(key(named))
    }

    /// Whether typing text makes this key: a character without Ctrl (Space
    /// aside: the department picker takes it to select).
    pub fn is_typed(&self) -> bool {
        matches!(self.code, KeyCode::Char(c) if c != ' ')
            && !self.modifiers.contains(KeyModifiers::CONTROL)
    }

    /// Whether `event` is this key. Shifted characters arrive as the
    /// character itself (G, ?, {), so SHIFT is not compared; Ctrl and Alt are.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let relevant = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        self.code == event.code && relevant == self.modifiers
    }
}

/// Which screen: names its key table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScreenKind {
    Browse,
    Help,
    SearchLine,
    Filters,
    Departments,
    Picker,
    EditWhich,
    Conflict,
    Reason,
    Jump,
    Walkthrough,
    Overview,
    MeetingPrompt,
}

impl ScreenKind {
    pub const ALL: [ScreenKind; 13] = [
        ScreenKind::Browse,
        ScreenKind::Help,
        ScreenKind::SearchLine,
        ScreenKind::Filters,
        ScreenKind::Departments,
        ScreenKind::Picker,
        ScreenKind::EditWhich,
        ScreenKind::Conflict,
        ScreenKind::Reason,
        ScreenKind::Jump,
        ScreenKind::Walkthrough,
        ScreenKind::Overview,
        ScreenKind::MeetingPrompt,
    ];

    /// The name of the screen's key table (in messages and configuration).
    pub fn name(self) -> &'static str {
        match self {
            ScreenKind::Browse => "board",
            ScreenKind::Help => "help",
            ScreenKind::SearchLine => "search",
            ScreenKind::Filters => "filters",
            ScreenKind::Departments => "departments",
            ScreenKind::Picker => "picker",
            ScreenKind::EditWhich => "edit",
            ScreenKind::Conflict => "conflict",
            ScreenKind::Reason => "reason",
            ScreenKind::Jump => "jump",
            ScreenKind::Walkthrough => "walkthrough",
            ScreenKind::Overview => "overview",
            ScreenKind::MeetingPrompt => "meeting",
        }
    }

    /// Whether typed text goes to the screen (keys not in its table are text).
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            ScreenKind::SearchLine
                | ScreenKind::Departments
                | ScreenKind::Reason
                | ScreenKind::Jump
                | ScreenKind::MeetingPrompt
        )
    }
}

/// When a binding is shown in the footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    /// While the outline has the focus.
    Outline,
    /// While the detail has the focus.
    Detail,
    /// While a search or filter narrows the outline.
    Searching,
}

/// Keys, the command they give, the help line that says so, and (for the
/// most used) a short footer label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub command: Command,
    pub help: Msg,
    /// Footer labels, and when each applies.
    pub foot: Vec<(Msg, When)>,
}

pub fn bind(keys: &[Key], command: Command, help: Msg) -> Binding {
    Binding {
        keys: keys.to_vec(),
        command,
        help,
        foot: Vec::new(),
    }
}

impl Binding {
    /// Also shown in the footer as `label`, `when` it applies.
    pub fn foot(mut self, label: Msg, when: When) -> Binding {
        self.foot.push((label, when));
        self
    }
}

/// Keys that work on every screen.
fn global_bindings() -> Vec<Binding> {
    vec![
        bind(&[key(KeyCode::F(1))], Command::Help, Msg::KeyHelp),
        bind(&[ctrl('z')], Command::Suspend, Msg::KeySuspend),
        bind(&[ctrl('c')], Command::Quit, Msg::KeyQuit),
    ]
}

/// One key per code of the report's scales: Shift + the code's letter for the
/// phase (A..D), the code's position for the direction (1, 2, 3).
pub fn code_bindings(report: &Report) -> Vec<Binding> {
    let mut out = Vec::new();
    for c in &report.phase_scale.codes {
        if let Some(k) = c.code.chars().next().filter(char::is_ascii_alphabetic) {
            let command = Command::SetPhase(c.code.clone());
            out.push(bind(
                &[ch(k.to_ascii_uppercase())],
                command,
                Msg::KeySetPhase,
            ));
        }
    }
    for (i, c) in report.direction_scale.codes.iter().enumerate().take(9) {
        if let Some(k) = char::from_digit(i as u32 + 1, 10) {
            let command = Command::SetDirection(c.code.clone());
            out.push(bind(&[ch(k)], command, Msg::KeySetDirection));
        }
    }
    out
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
    /// A keymap of these tables and the global keys; an error when a key
    /// would do two things on one screen.
    pub fn new(tables: Vec<(ScreenKind, Vec<Binding>)>) -> Result<Keymap, KeyError> {
        let keymap = Keymap {
            tables,
            global: global_bindings(),
        };
        keymap.check()?;
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
        applies: impl Fn(When) -> bool,
    ) -> Vec<(String, Msg)> {
        let mut out: Vec<(Vec<String>, Msg)> = Vec::new();
        for b in self.table(screen) {
            for &(label, when) in &b.foot {
                if !applies(when) {
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
