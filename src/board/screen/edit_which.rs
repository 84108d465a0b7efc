//! `e`: which text to edit in `$VISUAL` / `$EDITOR`.

use super::{Nav, Outcome, Page, list_keys};
use crate::board::action::{Action, Command, Effect};
use crate::board::keys::Binding;
use crate::board::state::Board;
use crate::domain::field::Field;
use crate::i18n::Msg;

/// The texts that can be edited, in the order shown.
pub const TEXTS: [Field; 2] = [Field::Progress, Field::Assessment];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditWhich {
    /// The item whose text is edited.
    pub item: String,
    pub cursor: usize,
}

impl Page for EditWhich {
    fn keys(_codes: &[Binding]) -> Vec<Binding> {
        list_keys(Msg::KeyEditThis)
    }

    fn update(&mut self, board: &mut Board, action: Action) -> Outcome {
        match action {
            Action::Command(Command::Up) => self.cursor = self.cursor.saturating_sub(1),
            Action::Command(Command::Down) => self.cursor = (self.cursor + 1).min(TEXTS.len() - 1),
            Action::Command(Command::Confirm) => {
                let field = TEXTS[self.cursor.min(TEXTS.len() - 1)];
                let Some(r) = board.report().item(&self.item) else {
                    return Outcome::nav(Nav::Pop);
                };
                let effect = Effect::EditText {
                    item: r.item.id.clone(),
                    field,
                    text: field.get(r.item),
                };
                return Outcome::from(vec![effect]).then(Nav::Pop);
            }
            Action::Command(Command::Back) => return Outcome::nav(Nav::Pop),
            _ => return Outcome::ignored(),
        }
        Outcome::none()
    }
}
