//! `/`: the search line. Every keystroke narrows the outline; `Enter` keeps
//! the result, `Esc` clears it. What is typed is the search's own
//! ([`crate::board::search`]).

use std::borrow::Cow;

use super::{Nav, Outcome, Page, line_keys};
use crate::board::action::{Action, Command};
use crate::board::keys::{Binding, When, bind};
use crate::board::search::SearchMsg;
use crate::board::state::Board;
use crate::i18n::Msg;
use crate::text::input::LineInput;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SearchLine;

impl Page for SearchLine {
    const TAKES_TEXT: bool = true;

    fn keys(_codes: &[Binding]) -> Vec<Binding> {
        let mut keys = vec![
            bind("Enter", Command::Confirm, Msg::KeyKeepResult)
                .foot(Msg::FootConfirm, When::Always),
            bind("Esc", Command::Back, Msg::KeyClearSearch).foot(Msg::FootCancel, When::Always),
            bind("Ctrl-o", Command::ToggleOrder, Msg::KeyOrder),
        ];
        keys.extend(line_keys());
        keys
    }

    fn update(&mut self, board: &mut Board, action: Action) -> Outcome {
        match action {
            Action::Text(text) => board.search_msg(SearchMsg::Type(text)).into(),
            Action::Command(Command::Line(edit)) => board.search_msg(SearchMsg::Line(edit)).into(),
            Action::Command(Command::Confirm) => Outcome::nav(Nav::Pop),
            Action::Command(Command::Back) => {
                Outcome::from(board.search_msg(SearchMsg::Clear)).then(Nav::Pop)
            }
            Action::Command(Command::ToggleOrder) => {
                board.search_msg(SearchMsg::ToggleOrder).into()
            }
            _ => Outcome::ignored(),
        }
    }

    fn prompt<'a>(&'a self, board: &'a Board) -> Option<(Cow<'a, str>, &'a LineInput)> {
        Some((board.t(Msg::SearchPrompt).into(), board.search().input()))
    }
}
