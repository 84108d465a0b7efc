//! The department picker: typing narrows the list, `Space` selects.

use ratatui::crossterm::event::KeyCode;

use super::{Nav, Outcome, edit_line, line_keys};
use crate::board::action::{Action, Command};
use crate::board::keymap::{Binding, When, bind, ch, key};
use crate::board::state::Board;
use crate::i18n::Msg;
use crate::text::input::LineInput;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentPicker {
    /// The narrowing text.
    pub input: LineInput,
    /// The departments it matches, best first.
    pub choices: Vec<String>,
    pub cursor: usize,
}

impl DepartmentPicker {
    pub fn new(board: &Board) -> DepartmentPicker {
        DepartmentPicker {
            input: LineInput::default(),
            choices: board.department_choices(""),
            cursor: 0,
        }
    }
}

/// Department names hold spaces but the narrowing text does not need them,
/// so `Space` selects.
pub fn keys() -> Vec<Binding> {
    let mut keys = vec![
        bind(&[key(KeyCode::Up)], Command::Up, Msg::KeyMove).foot(Msg::FootMove, When::Always),
        bind(&[key(KeyCode::Down)], Command::Down, Msg::KeyMove).foot(Msg::FootMove, When::Always),
        bind(
            &[ch(' '), key(KeyCode::Enter)],
            Command::Toggle,
            Msg::KeyToggleFilter,
        )
        .foot(Msg::FootToggle, When::Always),
        bind(&[key(KeyCode::Esc)], Command::Back, Msg::KeyClose).foot(Msg::FootBack, When::Always),
    ];
    keys.extend(line_keys());
    keys
}

pub fn update(state: &mut DepartmentPicker, board: &mut Board, action: Action) -> Outcome {
    if let Some(changed) = edit_line(&mut state.input, &action) {
        if changed {
            state.choices = board.department_choices(&state.input.text);
            state.cursor = 0;
        }
        return Outcome::none();
    }
    match action {
        Action::Command(Command::Up) => state.cursor = state.cursor.saturating_sub(1),
        Action::Command(Command::Down) => {
            state.cursor = (state.cursor + 1).min(state.choices.len().saturating_sub(1))
        }
        Action::Command(Command::Back) => return Outcome::nav(Nav::Pop),
        Action::Command(Command::Toggle) => {
            let Some(d) = state.choices.get(state.cursor) else {
                return Outcome::none();
            };
            if !board.filters.departments.remove(d) {
                board.filters.departments.insert(d.clone());
            }
            return board.request_search().into();
        }
        _ => {}
    }
    Outcome::none()
}
