//! The department picker: typing narrows the list, `Space` selects.

use super::{Nav, Outcome, Page, edit_line, line_keys};
use crate::board::action::{Action, Command};
use crate::board::keys::{Binding, When, bind};
use crate::board::search::{Filter, SearchMsg, department_choices};
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
            choices: department_choices(board.departments(), ""),
            cursor: 0,
        }
    }
}

impl Page for DepartmentPicker {
    const TAKES_TEXT: bool = true;

    /// Department names hold spaces but the narrowing text does not need
    /// them, so `Space` selects.
    fn keys(_codes: &[Binding]) -> Vec<Binding> {
        let mut keys = vec![
            bind("Up", Command::Up, Msg::KeyMove).foot(Msg::FootMove, When::Always),
            bind("Down", Command::Down, Msg::KeyMove).foot(Msg::FootMove, When::Always),
            bind("Space Enter", Command::Toggle, Msg::KeyToggleFilter)
                .foot(Msg::FootToggle, When::Always),
            bind("Esc", Command::Back, Msg::KeyClose).foot(Msg::FootBack, When::Always),
        ];
        keys.extend(line_keys());
        keys
    }

    fn update(&mut self, board: &mut Board, action: Action) -> Outcome {
        if let Some(changed) = edit_line(&mut self.input, &action) {
            if changed {
                self.choices = department_choices(board.departments(), &self.input.text);
                self.cursor = 0;
            }
            return Outcome::none();
        }
        match action {
            Action::Command(Command::Up) => self.cursor = self.cursor.saturating_sub(1),
            Action::Command(Command::Down) => {
                self.cursor = (self.cursor + 1).min(self.choices.len().saturating_sub(1))
            }
            Action::Command(Command::Back) => return Outcome::nav(Nav::Pop),
            Action::Command(Command::Toggle) => {
                let Some(d) = self.choices.get(self.cursor) else {
                    return Outcome::none();
                };
                let flip = SearchMsg::Flip(Filter::Department(d.clone()));
                return board.search_msg(flip).into();
            }
            _ => return Outcome::ignored(),
        }
        Outcome::none()
    }
}
