//! A key as matched and as written (`j`, `Ctrl-r`, `PgDn`), and a binding:
//! keys, the command they give, the help line that says so and a footer
//! label. Key tables are written as key strings, read by [`Key::parse`]
//! (the same reading a configuration file gets).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Command;
use crate::domain::model::Report;
use crate::i18n::Msg;

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
    /// While the board compares with an earlier table (`--compare BASE`)
    /// and shows more than what changed (once it shows only that, the
    /// header says so, and the room goes to the keys that follow).
    Comparing,
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
    /// Words of its key string that are not keys (an error when the keymap
    /// is made).
    pub unread: Vec<String>,
}

/// `command` on the keys written in `keys` (as help writes them, separated
/// by spaces: `"Up k"`, `"Esc q"`, `"Ctrl-r"`), described by `help`. A key
/// that cannot be read is kept aside and refused when the keymap is made.
pub fn bind(keys: &str, command: Command, help: Msg) -> Binding {
    let mut binding = Binding {
        keys: Vec::new(),
        command,
        help,
        foot: Vec::new(),
        unread: Vec::new(),
    };
    for word in keys.split_whitespace() {
        match Key::parse(word) {
            Some(k) => binding.keys.push(k),
            None => binding.unread.push(word.to_string()),
        }
    }
    binding
}

/// `command` on exactly `keys`.
pub fn bind_keys(keys: &[Key], command: Command, help: Msg) -> Binding {
    Binding {
        keys: keys.to_vec(),
        command,
        help,
        foot: Vec::new(),
        unread: Vec::new(),
    }
}

impl Binding {
    /// Also shown in the footer as `label`, `when` it applies.
    pub fn foot(mut self, label: Msg, when: When) -> Binding {
        self.foot.push((label, when));
        self
    }
}

/// One key per code of the report's scales: Shift + the code's letter for the
/// phase (A..D), the code's position for the direction (1, 2, 3).
pub fn code_bindings(report: &Report) -> Vec<Binding> {
    let mut out = Vec::new();
    for c in &report.phase_scale.codes {
        if let Some(k) = c.code.chars().next().filter(char::is_ascii_alphabetic) {
            let command = Command::SetPhase(c.code.clone());
            out.push(bind_keys(
                &[ch(k.to_ascii_uppercase())],
                command,
                Msg::KeySetPhase,
            ));
        }
    }
    for (i, c) in report.direction_scale.codes.iter().enumerate().take(9) {
        if let Some(k) = char::from_digit(i as u32 + 1, 10) {
            let command = Command::SetDirection(c.code.clone());
            out.push(bind_keys(&[ch(k)], command, Msg::KeySetDirection));
        }
    }
    out
}
