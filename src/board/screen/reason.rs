//! `m`: type the reason for the newest change of the item on screen (the
//! meeting's decision); it is logged as a line of its own.

use super::{Nav, Outcome, Page, edit_line, prompt_keys};
use crate::board::action::{Action, Command};
use crate::board::edits::EditMsg;
use crate::board::keys::Binding;
use crate::board::state::Board;
use crate::i18n::Msg;
use crate::text::input::LineInput;

/// The reason being typed, and the item whose newest change it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReasonPrompt {
    pub item: String,
    pub input: LineInput,
}

impl Page for ReasonPrompt {
    const TAKES_TEXT: bool = true;

    fn keys(_codes: &[Binding]) -> Vec<Binding> {
        prompt_keys(Msg::KeyRecordReason)
    }

    fn update(&mut self, board: &mut Board, action: Action) -> Outcome {
        if edit_line(&mut self.input, &action).is_some() {
            return Outcome::none();
        }
        match action {
            // The reason goes with the newest change: wait until it is on disk.
            Action::Command(Command::Confirm) if !board.edits().is_idle() => {
                board.tell(Msg::ReasonWaits);
                Outcome::none()
            }
            Action::Command(Command::Confirm) => {
                let reason = EditMsg::Reason {
                    item: self.item.clone(),
                    text: self.input.text.clone(),
                };
                Outcome::from(board.edit(reason)).then(Nav::Pop)
            }
            Action::Command(Command::Back) => Outcome::nav(Nav::Pop),
            _ => Outcome::ignored(),
        }
    }

    fn prompt<'a>(&'a self, _board: &'a Board) -> Option<(Msg, &'a LineInput)> {
        Some((Msg::ReasonPrompt, &self.input))
    }
}
