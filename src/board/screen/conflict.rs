//! A save found that someone else changed the same field first: both values
//! are shown, and the user keeps theirs (`1`, `Esc`) or writes this one over
//! it (`2`). Nothing is overwritten silently. The conflict itself is held
//! by the edits, once; this screen shows it.

use super::{Nav, Outcome, Page};
use crate::board::action::{Action, Command};
use crate::board::edits::EditMsg;
use crate::board::keys::{Binding, When, bind};
use crate::board::state::Board;
use crate::i18n::Msg;

/// The choice in the conflict the edits hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConflictDialog;

impl Page for ConflictDialog {
    fn keys(_codes: &[Binding]) -> Vec<Binding> {
        vec![
            bind("1 Esc", Command::KeepTheirs, Msg::ConflictTheirs)
                .foot(Msg::FootTheirs, When::Always),
            bind("2", Command::KeepMine, Msg::ConflictMine).foot(Msg::FootMine, When::Always),
        ]
    }

    fn update(&mut self, board: &mut Board, action: Action) -> Outcome {
        let keep_mine = match action {
            Action::Command(Command::KeepTheirs) => false,
            Action::Command(Command::KeepMine) => true,
            _ => return Outcome::ignored(),
        };
        Outcome::from(board.edit(EditMsg::Resolve { keep_mine })).then(Nav::Pop)
    }
}
