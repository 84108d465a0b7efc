//! `m`: type the reason for the last change (the meeting's decision); it is
//! logged as a line of its own.

use super::{Nav, Outcome, edit_line, prompt_keys};
use crate::board::action::{Action, Command};
use crate::board::keymap::Binding;
use crate::board::state::Board;
use crate::i18n::Msg;
use crate::text::input::LineInput;

pub fn keys() -> Vec<Binding> {
    prompt_keys(Msg::KeyRecordReason)
}

pub fn update(input: &mut LineInput, board: &mut Board, action: Action) -> Outcome {
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
            Outcome::from(board.give_reason(&input.text)).then(Nav::Pop)
        }
        Action::Command(Command::Back) => Outcome::nav(Nav::Pop),
        _ => Outcome::none(),
    }
}
