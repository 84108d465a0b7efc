//! `M`: type the name of a review meeting to start it (its agenda is what the
//! board shows now) or to resume it.

use std::borrow::Cow;

use super::{Nav, Outcome, Page, edit_line, prompt_keys};
use crate::board::action::{Action, Command};
use crate::board::keys::Binding;
use crate::board::meeting::RoomMsg;
use crate::board::state::Board;
use crate::i18n::Msg;
use crate::text::input::LineInput;

/// The name being typed, and the meetings there are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingPrompt {
    pub input: LineInput,
    /// The meetings' names, newest first, and whether each is closed
    /// (offered above the prompt; they arrive from the store worker).
    pub known: Vec<(String, bool)>,
    /// A name a slip away from an existing meeting's was confirmed once:
    /// the next Enter starts it.
    pub near: Option<String>,
}

impl MeetingPrompt {
    /// The prompt, with the name of the meeting the board is in (if any).
    pub fn new(board: &Board) -> MeetingPrompt {
        let mut input = LineInput::default();
        if let Some(name) = board.room().name() {
            input.insert(name);
        }
        MeetingPrompt {
            input,
            ..MeetingPrompt::default()
        }
    }

    /// The existing meeting the name typed is a slip away from, when it is
    /// not one itself.
    fn slip_of(&self) -> Option<String> {
        let name = self.input.text.trim();
        let names = self.known.iter().map(|(n, _)| n.as_str());
        if self.known.iter().any(|(n, _)| n == name) {
            return None;
        }
        crate::domain::meeting::names::similar(name, names).map(str::to_string)
    }
}

impl Page for MeetingPrompt {
    const TAKES_TEXT: bool = true;

    fn keys(_codes: &[Binding]) -> Vec<Binding> {
        prompt_keys(Msg::KeyStartMeeting)
    }

    fn update(&mut self, board: &mut Board, action: Action) -> Outcome {
        if edit_line(&mut self.input, &action).is_some() {
            self.near = None;
            return Outcome::none();
        }
        match action {
            Action::Command(Command::Confirm) if self.input.text.trim().is_empty() => {
                Outcome::none()
            }
            Action::Command(Command::Confirm)
                if self.near.is_none()
                    && let Some(other) = self.slip_of() =>
            {
                let other = crate::text::visible(&other).into_owned();
                board.tell_with(Msg::MeetingNear, &[("other", &other)]);
                self.near = Some(other);
                Outcome::none()
            }
            Action::Command(Command::Confirm) => {
                let start = RoomMsg::Start {
                    name: self.input.text.clone(),
                    chosen_by: Some(board.narrowing_summary()).filter(|s| !s.is_empty()),
                    items: board.agenda_now(),
                };
                Outcome::from(board.meeting(start)).then(Nav::Pop)
            }
            Action::Command(Command::Back) => Outcome::nav(Nav::Pop),
            _ => Outcome::ignored(),
        }
    }

    fn prompt<'a>(&'a self, board: &'a Board) -> Option<(Cow<'a, str>, &'a LineInput)> {
        Some((board.t(Msg::MeetingPrompt).into(), &self.input))
    }
}
