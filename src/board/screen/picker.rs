//! `s`: both scales with their meanings; choose a code for the selected item.

use super::{Nav, Outcome, list_keys};
use crate::board::action::{Action, Command};
use crate::board::keymap::{Binding, bind, ch};
use crate::board::state::Board;
use crate::domain::field::Field;
use crate::i18n::Msg;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodePicker {
    /// The item whose code is chosen.
    pub item: String,
    /// Every phase code, then every direction code.
    pub rows: Vec<(Field, String)>,
    pub cursor: usize,
}

impl CodePicker {
    pub fn new(board: &Board, item: String) -> CodePicker {
        let report = board.report();
        let rows = (report
            .phase_scale
            .codes
            .iter()
            .map(|c| (Field::Phase, c.code.clone())))
        .chain(
            report
                .direction_scale
                .codes
                .iter()
                .map(|c| (Field::Direction, c.code.clone())),
        )
        .collect();
        CodePicker {
            item,
            rows,
            cursor: 0,
        }
    }
}

/// The list's keys, and the code keys of the board to choose at once.
pub fn keys(codes: &[Binding]) -> Vec<Binding> {
    let mut keys = list_keys(Msg::KeySetThisCode);
    keys.extend(codes.iter().cloned());
    keys.push(bind(&[ch('s')], Command::Back, Msg::KeyClose));
    keys
}

pub fn update(state: &mut CodePicker, board: &mut Board, action: Action) -> Outcome {
    let Action::Command(command) = action else {
        return Outcome::none();
    };
    let chosen = match command {
        Command::Up => {
            state.cursor = state.cursor.saturating_sub(1);
            return Outcome::none();
        }
        Command::Down => {
            state.cursor = (state.cursor + 1).min(state.rows.len().saturating_sub(1));
            return Outcome::none();
        }
        Command::Back => return Outcome::nav(Nav::Pop),
        Command::Confirm => state.rows.get(state.cursor).cloned(),
        Command::SetPhase(code) => Some((Field::Phase, code)),
        Command::SetDirection(code) => Some((Field::Direction, code)),
        _ => None,
    };
    match chosen {
        Some((field, code)) => {
            Outcome::from(board.edit_item(state.item.clone(), field, code)).then(Nav::Pop)
        }
        None => Outcome::none(),
    }
}
