//! The key table: one list that both dispatches keys and generates the `?` help,
//! so that help can never drift from behaviour.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{Action, Mode};
use crate::i18n::Msg;

/// One key, as matched and as shown in help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

impl Key {
    /// How the key is written in help: `j`, `Ctrl-d`, `PgDn`, `←`.
    pub fn label(&self, ascii: bool) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => if ascii { "Up" } else { "↑" }.to_string(),
            KeyCode::Down => if ascii { "Down" } else { "↓" }.to_string(),
            KeyCode::Left => if ascii { "Left" } else { "←" }.to_string(),
            KeyCode::Right => if ascii { "Right" } else { "→" }.to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::Backspace => "Backspace".to_string(),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

/// Keys, what they do, and the help line that says so.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: Msg,
}

fn bind(keys: Vec<Key>, action: Action, help: Msg) -> Binding {
    Binding { keys, action, help }
}

/// The board's keys in normal mode, in the order help lists them. Where two
/// actions share a help line (j/k), they are listed as separate bindings with
/// the same message and help merges them.
pub fn normal_bindings(report: &crate::model::Report) -> Vec<Binding> {
    use Action::*;
    let mut edits = Vec::new();
    // One key per code: Shift + the code's letter for the phase (A..D), the
    // code's position for the direction (1, 2, 3).
    for c in &report.phase_scale.codes {
        if let Some(k) = c.code.chars().next().filter(|k| k.is_ascii_alphabetic()) {
            edits.push(bind(
                vec![ch(k.to_ascii_uppercase())],
                SetPhase(c.code.clone()),
                Msg::KeySetPhase,
            ));
        }
    }
    for (i, c) in report.direction_scale.codes.iter().enumerate().take(9) {
        if let Some(k) = char::from_digit(i as u32 + 1, 10) {
            edits.push(bind(
                vec![ch(k)],
                SetDirection(c.code.clone()),
                Msg::KeySetDirection,
            ));
        }
    }
    let mut table = vec![
        bind(vec![key(KeyCode::Up), ch('k')], Up, Msg::KeyMove),
        bind(vec![key(KeyCode::Down), ch('j')], Down, Msg::KeyMove),
        bind(vec![key(KeyCode::Left), ch('h')], Left, Msg::KeyCollapse),
        bind(vec![key(KeyCode::Right), ch('l')], Right, Msg::KeyExpand),
        bind(vec![key(KeyCode::Enter)], Enter, Msg::KeyToggle),
        bind(vec![key(KeyCode::PageUp)], PageUp, Msg::KeyPage),
        bind(vec![key(KeyCode::PageDown)], PageDown, Msg::KeyPage),
        bind(vec![ctrl('u')], HalfPageUp, Msg::KeyHalfPage),
        bind(vec![ctrl('d')], HalfPageDown, Msg::KeyHalfPage),
        bind(vec![ch('g'), key(KeyCode::Home)], First, Msg::KeyFirstLast),
        bind(vec![ch('G'), key(KeyCode::End)], Last, Msg::KeyFirstLast),
        Binding {
            keys: vec![ch(']')],
            action: NextRecommendation,
            help: Msg::KeyRecommendation,
        },
        bind(
            vec![ch('[')],
            PreviousRecommendation,
            Msg::KeyRecommendation,
        ),
        bind(vec![ch('}')], NextPoint, Msg::KeyPoint),
        bind(vec![ch('{')], PreviousPoint, Msg::KeyPoint),
        bind(vec![key(KeyCode::Tab)], SwitchFocus, Msg::KeyFocus),
        bind(vec![ch('/')], OpenSearch, Msg::KeySearch),
        bind(vec![ch('n')], NextHit, Msg::KeyHit),
        bind(vec![ch('N')], PreviousHit, Msg::KeyHit),
        bind(vec![ch('o')], ToggleOrder, Msg::KeyOrder),
        bind(vec![ch('f')], OpenFilters, Msg::KeyFilters),
        bind(vec![ch('F')], ClearFilters, Msg::KeyClearFilters),
        bind(vec![ch(':')], OpenJump, Msg::KeyJump),
        bind(vec![ch('r')], FollowRelisted, Msg::KeyRelisted),
        bind(vec![key(KeyCode::Esc)], Back, Msg::KeyBack),
        bind(vec![ch('?')], OpenHelp, Msg::KeyHelp),
        bind(vec![ctrl('z')], Suspend, Msg::KeySuspend),
        bind(vec![ch('s')], OpenPicker, Msg::KeyPicker),
        bind(vec![ch('e')], OpenEditor, Msg::KeyEditor),
        bind(vec![ch('m')], OpenReason, Msg::KeyReason),
        bind(vec![ch('u')], Undo, Msg::KeyUndo),
        bind(vec![ctrl('r')], Redo, Msg::KeyRedo),
        bind(vec![ch('q'), ctrl('c')], Quit, Msg::KeyQuit),
    ];
    table.splice(0..0, edits);
    table
}

/// Keys of the filter panel.
fn filter_bindings() -> Vec<Binding> {
    use Action::*;
    vec![
        bind(vec![key(KeyCode::Up), ch('k')], Up, Msg::KeyMove),
        bind(vec![key(KeyCode::Down), ch('j')], Down, Msg::KeyMove),
        bind(
            vec![ch(' '), key(KeyCode::Enter)],
            ToggleRow,
            Msg::KeyToggleFilter,
        ),
        bind(vec![ch('c'), ch('F')], ClearFilters, Msg::KeyClearFilters),
        bind(
            vec![key(KeyCode::Esc), ch('f'), ch('q')],
            Back,
            Msg::KeyBack,
        ),
        bind(vec![ctrl('c')], Quit, Msg::KeyQuit),
        bind(vec![ctrl('z')], Suspend, Msg::KeySuspend),
    ]
}

/// Keys of the help screen.
fn help_bindings() -> Vec<Binding> {
    use Action::*;
    vec![
        bind(vec![key(KeyCode::Up), ch('k')], Up, Msg::KeyMove),
        bind(vec![key(KeyCode::Down), ch('j')], Down, Msg::KeyMove),
        bind(
            vec![key(KeyCode::Esc), ch('?'), ch('q')],
            Back,
            Msg::KeyBack,
        ),
        bind(vec![ctrl('c')], Quit, Msg::KeyQuit),
        bind(vec![ctrl('z')], Suspend, Msg::KeySuspend),
    ]
}

fn matches(k: &Key, event: &KeyEvent) -> bool {
    if k.code != event.code {
        return false;
    }
    // Shifted characters arrive as the character itself (G, ?, {); ignore SHIFT
    // for them, but never confuse Ctrl-d with d.
    let relevant = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    relevant == k.modifiers
}

/// The action for a key event in `mode`, if any.
pub fn dispatch(mode: &Mode, event: &KeyEvent, report: &crate::model::Report) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    match mode {
        Mode::Jump(_) | Mode::Search => prompt_action(event),
        Mode::Departments(..) => match event.code {
            KeyCode::Up => Some(Action::Up),
            KeyCode::Down => Some(Action::Down),
            _ => prompt_action(event),
        },
        Mode::Filter(_) => filter_bindings()
            .into_iter()
            .find(|b| b.keys.iter().any(|k| matches(k, event)))
            .map(|b| b.action),
        Mode::Help => help_bindings()
            .into_iter()
            .find(|b| b.keys.iter().any(|k| matches(k, event)))
            .map(|b| b.action),
        Mode::Conflict { .. } => match event.code {
            KeyCode::Char('1') => Some(Action::KeepTheirs),
            KeyCode::Char('2') => Some(Action::KeepMine),
            KeyCode::Esc => Some(Action::KeepTheirs),
            _ => None,
        },
        Mode::Reason(_) => prompt_action(event),
        Mode::Picker(_) | Mode::EditWhich(_) => match event.code {
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
            KeyCode::Enter | KeyCode::Char(' ') => Some(Action::Enter),
            KeyCode::Esc | KeyCode::Char('q') => Some(Action::Back),
            KeyCode::Char('c') if event.modifiers.contains(KeyModifiers::CONTROL) => {
                Some(Action::Quit)
            }
            _ => normal_bindings(report)
                .into_iter()
                .find(|b| {
                    matches!(b.action, Action::SetPhase(_) | Action::SetDirection(_))
                        && b.keys.iter().any(|k| matches(k, event))
                })
                .map(|b| b.action),
        },
        Mode::Normal => normal_bindings(report)
            .into_iter()
            .find(|b| b.keys.iter().any(|k| matches(k, event)))
            .map(|b| b.action),
    }
}

/// Keys of a text prompt: everything printable is text.
pub fn prompt_action(event: &KeyEvent) -> Option<Action> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    Some(match event.code {
        KeyCode::Char('c') if ctrl => Action::Quit,
        KeyCode::Char('z') if ctrl => Action::Suspend,
        KeyCode::Char('w') if ctrl => Action::DeleteWord,
        KeyCode::Char('u') if ctrl => Action::ClearInput,
        KeyCode::Char('o') if ctrl => Action::ToggleOrder,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char(c) => Action::Insert(c.to_string()),
        KeyCode::Backspace => Action::Backspace,
        KeyCode::Left => Action::CursorLeft,
        KeyCode::Right => Action::CursorRight,
        KeyCode::Enter => Action::Enter,
        KeyCode::Esc => Action::Back,
        _ => return None,
    })
}

/// Help lines: (keys, description), bindings with the same message merged.
pub fn help_lines(ascii: bool, report: &crate::model::Report) -> Vec<(String, Msg)> {
    let mut out: Vec<(Vec<String>, Msg)> = Vec::new();
    for b in normal_bindings(report) {
        let labels: Vec<String> = b.keys.iter().map(|k| k.label(ascii)).collect();
        match out.iter_mut().find(|(_, m)| *m == b.help) {
            Some((keys, _)) => keys.extend(labels),
            None => out.push((labels, b.help)),
        }
    }
    out.into_iter().map(|(k, m)| (k.join(" "), m)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::LineInput;

    fn report() -> crate::model::Report {
        crate::records::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records"))
            .unwrap()
            .report
    }

    fn ev(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn every_binding_dispatches_to_its_action_and_appears_in_help() {
        let report =
            crate::records::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records"))
                .unwrap()
                .report;
        let help = help_lines(false, &report);
        for b in normal_bindings(&report) {
            for k in &b.keys {
                let got = dispatch(&Mode::Normal, &ev(k.code, k.modifiers), &report);
                assert_eq!(got.as_ref(), Some(&b.action), "{k:?}");
                assert!(
                    help.iter()
                        .any(|(keys, m)| *m == b.help && keys.contains(&k.label(false)))
                );
            }
        }
    }

    #[test]
    fn ctrl_d_is_not_d_and_shift_is_ignored_for_symbols() {
        assert_eq!(
            dispatch(
                &Mode::Normal,
                &ev(KeyCode::Char('d'), KeyModifiers::CONTROL),
                &report()
            ),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            dispatch(
                &Mode::Normal,
                &ev(KeyCode::Char('d'), KeyModifiers::NONE),
                &report()
            ),
            None
        );
        assert_eq!(
            dispatch(
                &Mode::Normal,
                &ev(KeyCode::Char('G'), KeyModifiers::SHIFT),
                &report()
            ),
            Some(Action::Last)
        );
    }

    #[test]
    fn in_a_prompt_letters_are_text() {
        let mode = Mode::Jump(LineInput::default());
        assert_eq!(
            dispatch(
                &mode,
                &ev(KeyCode::Char('q'), KeyModifiers::NONE),
                &report()
            ),
            Some(Action::Insert("q".into()))
        );
        assert_eq!(
            dispatch(
                &mode,
                &ev(KeyCode::Char('w'), KeyModifiers::CONTROL),
                &report()
            ),
            Some(Action::DeleteWord)
        );
    }
}
