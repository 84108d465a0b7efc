//! `/`: the search line. Every keystroke narrows the outline; `Enter` keeps
//! the result, `Esc` clears it.

use ratatui::crossterm::event::KeyCode;

use super::{Nav, Outcome, edit_line, line_keys};
use crate::board::action::{Action, Command};
use crate::board::keymap::{Binding, When, bind, ctrl, key};
use crate::board::state::Board;
use crate::i18n::Msg;

pub fn keys() -> Vec<Binding> {
    let mut keys = vec![
        bind(&[key(KeyCode::Enter)], Command::Confirm, Msg::KeyKeepResult)
            .foot(Msg::FootConfirm, When::Always),
        bind(&[key(KeyCode::Esc)], Command::Back, Msg::KeyClearSearch)
            .foot(Msg::FootCancel, When::Always),
        bind(&[ctrl('o')], Command::ToggleOrder, Msg::KeyOrder),
    ];
    keys.extend(line_keys());
    keys
}

pub fn update(board: &mut Board, action: Action) -> Outcome {
    if let Some(changed) = edit_line(&mut board.search.input, &action) {
        return if changed {
            board.request_search().into()
        } else {
            Outcome::none()
        };
    }
    match action {
        Action::Command(Command::Confirm) => Outcome::nav(Nav::Pop),
        Action::Command(Command::Back) => {
            board.search.input.clear();
            Outcome::from(board.request_search()).then(Nav::Pop)
        }
        Action::Command(Command::ToggleOrder) => board.toggle_order().into(),
        _ => Outcome::none(),
    }
}
