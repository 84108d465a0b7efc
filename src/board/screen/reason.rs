//! `m`: type the reason for the newest change of the item on screen (the
//! meeting's decision); it is logged as a line of its own.

use super::{Nav, Outcome, edit_line, prompt_keys};
use crate::board::action::{Action, Command};
use crate::board::keymap::Binding;
use crate::board::state::Board;
use crate::i18n::Msg;
use crate::text::input::LineInput;

pub fn keys() -> Vec<Binding> {
    prompt_keys(Msg::KeyRecordReason)
}

/// The reason being typed, and the item whose newest change it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReasonPrompt {
    pub item: String,
    pub input: LineInput,
}

pub fn update(prompt: &mut ReasonPrompt, board: &mut Board, action: Action) -> Outcome {
    let ReasonPrompt { item, input } = prompt;
    if edit_line(input, &action).is_some() {
        return Outcome::none();
    }
    match action {
        // The reason goes with the newest change: wait until it is on disk.
        Action::Command(Command::Confirm) if !board.edits.is_idle() => {
            board.say(Msg::ReasonWaits);
            Outcome::none()
        }
        Action::Command(Command::Confirm) => {
            Outcome::from(board.give_reason(item, &input.text)).then(Nav::Pop)
        }
        Action::Command(Command::Back) => Outcome::nav(Nav::Pop),
        _ => Outcome::none(),
    }
}
