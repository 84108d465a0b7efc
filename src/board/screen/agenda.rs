//! The walkthrough's index of the agenda (`i`): every item of it, reviewed
//! or not, with its codes and first words; the arrows choose one, `Enter`
//! goes to it.

use super::{Nav, Outcome, Page};
use crate::board::action::{Action, Command};
use crate::board::keys::{Binding, bind};
use crate::board::state::Board;
use crate::i18n::Msg;

/// The agenda as the walkthrough has it, and the row under the cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgendaIndex {
    pub agenda: Vec<String>,
    pub cursor: usize,
}

impl Page for AgendaIndex {
    fn keys(_codes: &[Binding]) -> Vec<Binding> {
        use Command::*;
        vec![
            bind("Up k", Up, Msg::KeyMove),
            bind("Down j", Down, Msg::KeyMove),
            bind("PgUp", PageUp, Msg::KeyPage),
            bind("PgDn", PageDown, Msg::KeyPage),
            bind("g Home", First, Msg::KeyFirstLast),
            bind("G End", Last, Msg::KeyFirstLast),
            bind("Enter", Confirm, Msg::KeyGoToAgendaItem),
            bind("Esc i q", Back, Msg::KeyClose),
        ]
    }

    fn update(&mut self, board: &mut Board, action: Action) -> Outcome {
        let Action::Command(command) = action else {
            return Outcome::ignored();
        };
        let last = self.agenda.len().saturating_sub(1);
        let page = 10;
        self.cursor = match command {
            Command::Up => self.cursor.saturating_sub(1),
            Command::Down => (self.cursor + 1).min(last),
            Command::PageUp => self.cursor.saturating_sub(page),
            Command::PageDown => (self.cursor + page).min(last),
            Command::First => 0,
            Command::Last => last,
            Command::Confirm => {
                // The board's selection moves; the walkthrough follows it
                // when it is on top again.
                return match self.agenda.get(self.cursor) {
                    Some(id) => Outcome::from(board.select_id(id)).then(Nav::Pop),
                    None => Outcome::nav(Nav::Pop),
                };
            }
            Command::Back => return Outcome::nav(Nav::Pop),
            _ => return Outcome::ignored(),
        };
        Outcome::none()
    }
}
