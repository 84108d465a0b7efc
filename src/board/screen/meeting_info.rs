//! `W`: the meeting's details for its minutes (place, attendees, absent,
//! secretariat, observers, public or not and why, documents, time zone),
//! one per line. `Enter` writes one on the footer's line, `e` in
//! `$VISUAL` / `$EDITOR` (a list one entry per line). Each is recorded in
//! the meeting's file at once, like a mark.

use std::borrow::Cow;

use super::{Nav, Outcome, Page, Screen, edit_line, list_keys, prompt_keys};
use crate::board::action::{Action, Command, Effect};
use crate::board::keys::{Binding, bind};
use crate::board::meeting::RoomMsg;
use crate::board::state::Board;
use crate::domain::meeting::details::{BadDetail, DetailField, Details, known_zone};
use crate::i18n::Msg;
use crate::text::input::LineInput;

/// The list of details, and the one chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingInfo {
    pub cursor: usize,
}

/// The label of a detail (with its colon, as the prompt shows it).
pub fn label(field: DetailField) -> Msg {
    match field {
        DetailField::Place => Msg::DetailPlace,
        DetailField::Attendees => Msg::DetailAttendees,
        DetailField::Absent => Msg::DetailAbsent,
        DetailField::Secretariat => Msg::DetailSecretariat,
        DetailField::Observers => Msg::DetailObservers,
        DetailField::Public => Msg::DetailPublic,
        DetailField::Reason => Msg::DetailReason,
        DetailField::Documents => Msg::DetailDocuments,
        DetailField::Zone => Msg::DetailZone,
    }
}

/// The value of `field` in the meeting the board is in, as it is typed.
pub fn value(board: &Board, field: DetailField) -> String {
    let Some(state) = board.room().state() else {
        return String::new();
    };
    match field {
        DetailField::Zone => state.meeting.zone.clone().unwrap_or_default(),
        field => state.meeting.details.get(field),
    }
}

/// Why `value` is not one `field` takes.
pub fn refusal(field: DetailField, value: &str) -> Option<Msg> {
    if field == DetailField::Zone {
        let ok = value.trim().is_empty() || known_zone(value.trim());
        return (!ok).then_some(Msg::DetailBadZone);
    }
    match Details::default().set(field, value) {
        Ok(()) => None,
        Err(BadDetail::NotANumber) => Some(Msg::DetailBadNumber),
        Err(BadDetail::NotYesNo) => Some(Msg::DetailBadYesNo),
        Err(BadDetail::UnknownZone) => Some(Msg::DetailBadZone),
    }
}

/// `value` for `field` recorded in the meeting, or why not said.
pub fn record(board: &mut Board, field: DetailField, value: String) -> Outcome {
    if let Some(why) = refusal(field, &value) {
        board.tell(why);
        return Outcome::none();
    }
    board.meeting(RoomMsg::Details(vec![(field, value)])).into()
}

/// `W`: the details of the meeting the board is in; without one, why not.
pub fn open(board: &mut Board) -> Outcome {
    if board.room().state().is_none() {
        board.tell(Msg::NoMeeting);
        return Outcome::none();
    }
    Outcome::nav(Nav::Push(Screen::MeetingInfo(MeetingInfo::default())))
}

impl MeetingInfo {
    fn field(&self) -> DetailField {
        DetailField::ALL[self.cursor.min(DetailField::ALL.len() - 1)]
    }
}

impl Page for MeetingInfo {
    fn keys(_codes: &[Binding]) -> Vec<Binding> {
        let mut keys = list_keys(Msg::KeyEditDetail);
        keys.insert(3, bind("e", Command::Editor, Msg::KeyEditDetailLong));
        keys
    }

    fn update(&mut self, board: &mut Board, action: Action) -> Outcome {
        let last = DetailField::ALL.len() - 1;
        match action {
            Action::Command(Command::Up) => self.cursor = self.cursor.saturating_sub(1),
            Action::Command(Command::Down) => self.cursor = (self.cursor + 1).min(last),
            Action::Command(Command::Confirm) => {
                let field = self.field();
                let prompt = DetailPrompt {
                    field,
                    input: LineInput::with_text(&value(board, field)),
                };
                return Outcome::nav(Nav::Push(Screen::Detail(prompt)));
            }
            Action::Command(Command::Editor) => {
                let field = self.field();
                let mut text = value(board, field);
                if field.is_list() {
                    text = text.replace('、', "\n");
                }
                return vec![Effect::EditDetail { field, text }].into();
            }
            Action::Command(Command::Back) => return Outcome::nav(Nav::Pop),
            _ => return Outcome::ignored(),
        }
        Outcome::none()
    }
}

/// One detail being written on the footer's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailPrompt {
    pub field: DetailField,
    pub input: LineInput,
}

impl Page for DetailPrompt {
    const TAKES_TEXT: bool = true;

    fn keys(_codes: &[Binding]) -> Vec<Binding> {
        prompt_keys(Msg::KeyEditDetail)
    }

    fn update(&mut self, board: &mut Board, action: Action) -> Outcome {
        if edit_line(&mut self.input, &action).is_some() {
            return Outcome::none();
        }
        match action {
            Action::Command(Command::Confirm) => {
                let outcome = record(board, self.field, self.input.text.clone());
                if refusal(self.field, &self.input.text).is_some() {
                    return outcome;
                }
                outcome.then(Nav::Pop)
            }
            Action::Command(Command::Back) => Outcome::nav(Nav::Pop),
            _ => Outcome::ignored(),
        }
    }

    fn prompt<'a>(&'a self, board: &'a Board) -> Option<(Cow<'a, str>, &'a LineInput)> {
        Some((board.t(label(self.field)).into(), &self.input))
    }
}
