//! `:`: type an id and go to it.

use std::borrow::Cow;

use super::{Nav, Outcome, Page, edit_line, prompt_keys};
use crate::board::action::{Action, Command};
use crate::board::keys::Binding;
use crate::board::state::Board;
use crate::i18n::Msg;
use crate::text::input::LineInput;

/// The id being typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JumpPrompt(pub LineInput);

impl Page for JumpPrompt {
    const TAKES_TEXT: bool = true;

    fn keys(_codes: &[Binding]) -> Vec<Binding> {
        prompt_keys(Msg::KeyGoToId)
    }

    fn update(&mut self, board: &mut Board, action: Action) -> Outcome {
        if edit_line(&mut self.0, &action).is_some() {
            return Outcome::none();
        }
        match action {
            Action::Command(Command::Confirm) => {
                Outcome::from(board.select_id(&self.0.text)).then(Nav::Pop)
            }
            Action::Command(Command::Back) => Outcome::nav(Nav::Pop),
            _ => Outcome::ignored(),
        }
    }

    fn prompt<'a>(&'a self, board: &'a Board) -> Option<(Cow<'a, str>, &'a LineInput)> {
        Some((board.t(Msg::JumpPrompt).into(), &self.0))
    }
}
