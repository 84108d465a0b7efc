//! `M`: type the name of a review meeting to start it (its agenda is what the
//! board shows now) or to resume it.

use super::{Nav, Outcome, Page, edit_line, prompt_keys};
use crate::board::action::{Action, Command};
use crate::board::keys::Binding;
use crate::board::meeting::RoomMsg;
use crate::board::state::Board;
use crate::i18n::Msg;
use crate::text::input::LineInput;

/// The name being typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingPrompt(pub LineInput);

impl MeetingPrompt {
    /// The prompt, with the name of the meeting the board is in (if any).
    pub fn new(board: &Board) -> MeetingPrompt {
        let mut input = LineInput::default();
        if let Some(name) = board.room().name() {
            input.insert(name);
        }
        MeetingPrompt(input)
    }
}

impl Page for MeetingPrompt {
    const TAKES_TEXT: bool = true;

    fn keys(_codes: &[Binding]) -> Vec<Binding> {
        prompt_keys(Msg::KeyStartMeeting)
    }

    fn update(&mut self, board: &mut Board, action: Action) -> Outcome {
        if edit_line(&mut self.0, &action).is_some() {
            return Outcome::none();
        }
        match action {
            Action::Command(Command::Confirm) if self.0.text.trim().is_empty() => Outcome::none(),
            Action::Command(Command::Confirm) => {
                let start = RoomMsg::Start {
                    name: self.0.text.clone(),
                    chosen_by: Some(board.narrowing_summary()).filter(|s| !s.is_empty()),
                    items: board.agenda_now(),
                };
                Outcome::from(board.meeting(start)).then(Nav::Pop)
            }
            Action::Command(Command::Back) => Outcome::nav(Nav::Pop),
            _ => Outcome::ignored(),
        }
    }

    fn prompt<'a>(&'a self, _board: &'a Board) -> Option<(Msg, &'a LineInput)> {
        Some((Msg::MeetingPrompt, &self.0))
    }
}
