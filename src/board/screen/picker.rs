//! `s`: both scales with their meanings; choose a code for the selected item.

use super::{Nav, Outcome, Page, list_keys};
use crate::board::action::{Action, Command};
use crate::board::edits::EditMsg;
use crate::board::keys::{Binding, bind};
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
        let phases = report
            .phase_scale
            .codes
            .iter()
            .map(|c| (Field::Phase, c.code.clone()));
        let directions = report
            .direction_scale
            .codes
            .iter()
            .map(|c| (Field::Direction, c.code.clone()));
        let rows: Vec<(Field, String)> = phases.chain(directions).collect();
        // The cursor starts on the item's phase as it is: one move away from
        // the codes next to it, and Enter keeps it.
        let now = board
            .item_index(&item)
            .and_then(|i| board.item_ref(i))
            .map(|r| r.item.phase.as_str().to_string());
        let cursor = rows
            .iter()
            .position(|(f, c)| *f == Field::Phase && Some(c) == now.as_ref())
            .unwrap_or(0);
        CodePicker { item, rows, cursor }
    }
}

impl Page for CodePicker {
    /// The list's keys, and the code keys of the board to choose at once.
    fn keys(codes: &[Binding]) -> Vec<Binding> {
        let mut keys = list_keys(Msg::KeySetThisCode);
        keys.extend(codes.iter().cloned());
        keys.push(bind("s", Command::Back, Msg::KeyClose));
        keys
    }

    fn update(&mut self, board: &mut Board, action: Action) -> Outcome {
        let Action::Command(command) = action else {
            return Outcome::ignored();
        };
        let chosen = match command {
            Command::Up => {
                self.cursor = self.cursor.saturating_sub(1);
                return Outcome::none();
            }
            Command::Down => {
                self.cursor = (self.cursor + 1).min(self.rows.len().saturating_sub(1));
                return Outcome::none();
            }
            Command::Back => return Outcome::nav(Nav::Pop),
            Command::Confirm => self.rows.get(self.cursor).cloned(),
            Command::SetPhase(code) => Some((Field::Phase, code)),
            Command::SetDirection(code) => Some((Field::Direction, code)),
            _ => return Outcome::ignored(),
        };
        match chosen {
            Some((field, value)) => {
                let set = EditMsg::Set {
                    item: self.item.clone(),
                    field,
                    value,
                };
                Outcome::from(board.edit(set)).then(Nav::Pop)
            }
            None => Outcome::none(),
        }
    }
}
