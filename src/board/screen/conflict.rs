//! A save found that someone else changed the same field first: both values
//! are shown, and the user keeps theirs (`1`, `Esc`) or writes this one over
//! it (`2`). Nothing is overwritten silently.

use ratatui::crossterm::event::KeyCode;

use super::{Nav, Outcome};
use crate::board::action::{Action, Command};
use crate::board::edits::HeldConflict;
use crate::board::keymap::{Binding, When, bind, ch, key};
use crate::board::state::Board;
use crate::i18n::Msg;

/// The refused save and both values.
pub type ConflictDialog = HeldConflict;

pub fn keys() -> Vec<Binding> {
    vec![
        bind(
            &[ch('1'), key(KeyCode::Esc)],
            Command::KeepTheirs,
            Msg::ConflictTheirs,
        )
        .foot(Msg::FootTheirs, When::Always),
        bind(&[ch('2')], Command::KeepMine, Msg::ConflictMine).foot(Msg::FootMine, When::Always),
    ]
}

pub fn update(_state: &mut ConflictDialog, board: &mut Board, action: Action) -> Outcome {
    let keep_mine = match action {
        Action::Command(Command::KeepTheirs) => false,
        Action::Command(Command::KeepMine) => true,
        _ => return Outcome::none(),
    };
    Outcome::from(board.resolve_conflict(keep_mine)).then(Nav::Pop)
}
