//! `M`: type the name of a review meeting to start it (its agenda is what the
//! board shows now) or to resume it.

use super::{Nav, Outcome, edit_line, prompt_keys};
use crate::board::action::{Action, Command};
use crate::board::keymap::Binding;
use crate::board::state::Board;
use crate::i18n::Msg;
use crate::text::input::LineInput;

pub fn keys() -> Vec<Binding> {
    prompt_keys(Msg::KeyStartMeeting)
}

/// The prompt, with the name of the meeting the board is in (if any).
pub fn new(board: &Board) -> LineInput {
    let mut input = LineInput::default();
    if let Some(m) = &board.meeting {
        input.insert(&m.meeting.name);
    }
    input
}

pub fn update(input: &mut LineInput, board: &mut Board, action: Action) -> Outcome {
    if edit_line(input, &action).is_some() {
        return Outcome::none();
    }
    match action {
        Action::Command(Command::Confirm) if input.text.trim().is_empty() => Outcome::none(),
        Action::Command(Command::Confirm) => {
            let chosen_by = Some(board.narrowing_summary()).filter(|s| !s.is_empty());
            let items = board.agenda_now();
            Outcome::from(board.start_meeting(&input.text, chosen_by, items)).then(Nav::Pop)
        }
        Action::Command(Command::Back) => Outcome::nav(Nav::Pop),
        _ => Outcome::none(),
    }
}
