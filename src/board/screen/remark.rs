//! `c`: type a remark (発言要旨) on the item on screen; it is recorded in
//! the open meeting (who and when with it), shown in the walkthrough and
//! written in the minutes.

use std::borrow::Cow;

use super::{Nav, Outcome, Page, Screen, edit_line, prompt_keys};
use crate::board::action::{Action, Command};
use crate::board::keys::Binding;
use crate::board::meeting::RoomMsg;
use crate::board::state::Board;
use crate::i18n::Msg;
use crate::text::input::LineInput;

/// The remark being typed, and the item it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemarkPrompt {
    pub item: String,
    pub input: LineInput,
}

impl RemarkPrompt {
    /// The prompt for a remark on `item`, when a meeting is open to record
    /// it in; else the footer says why not.
    pub fn open(board: &mut Board, item: String) -> Outcome {
        let closed = board
            .room()
            .state()
            .filter(|s| !s.is_open())
            .map(|s| crate::text::visible(&s.meeting.name).into_owned());
        match (board.room().open_meeting(), closed) {
            (Some(_), _) => {
                let prompt = RemarkPrompt {
                    item,
                    input: LineInput::default(),
                };
                Outcome::nav(Nav::Push(Screen::Remark(prompt)))
            }
            (None, Some(name)) => {
                board.tell_with(Msg::MeetingIsClosed, &[("name", &name)]);
                Outcome::none()
            }
            (None, None) => {
                board.tell(Msg::NoMeeting);
                Outcome::none()
            }
        }
    }
}

impl Page for RemarkPrompt {
    const TAKES_TEXT: bool = true;

    fn keys(_codes: &[Binding]) -> Vec<Binding> {
        prompt_keys(Msg::KeyRecordRemark)
    }

    fn update(&mut self, board: &mut Board, action: Action) -> Outcome {
        if edit_line(&mut self.input, &action).is_some() {
            return Outcome::none();
        }
        match action {
            Action::Command(Command::Confirm) if self.input.text.trim().is_empty() => {
                board.tell(Msg::RemarkEmpty);
                Outcome::nav(Nav::Pop)
            }
            Action::Command(Command::Confirm) => {
                let remark = RoomMsg::Remark {
                    item: self.item.clone(),
                    text: self.input.text.clone(),
                };
                Outcome::from(board.meeting(remark)).then(Nav::Pop)
            }
            Action::Command(Command::Back) => Outcome::nav(Nav::Pop),
            _ => Outcome::ignored(),
        }
    }

    fn prompt<'a>(&'a self, board: &'a Board) -> Option<(Cow<'a, str>, &'a LineInput)> {
        Some((board.t(Msg::RemarkPrompt).into(), &self.input))
    }
}
