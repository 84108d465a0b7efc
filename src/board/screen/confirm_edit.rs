//! A code's key asks before it saves, when the configuration says so
//! (`confirm_edits: true`): 「1-1-a 評価区分 I → II に変更しますか (y/n)」.

use super::{Nav, Outcome, Page, Screen};
use crate::board::action::{Action, Command};
use crate::board::edits::EditMsg;
use crate::board::keys::{Binding, When, bind};
use crate::board::state::Board;
use crate::domain::field::Field;
use crate::i18n::Msg;

/// The edit asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmEdit {
    pub item: String,
    pub field: Field,
    pub value: String,
}

impl ConfirmEdit {
    /// The edit of `field` of `item` to `value`: asked first when the
    /// board is set to ask, else saved at once.
    pub fn ask_or_save(board: &mut Board, item: String, field: Field, value: String) -> Outcome {
        if board.options().confirm_edits {
            let ask = ConfirmEdit { item, field, value };
            return Outcome::nav(Nav::Push(Screen::ConfirmEdit(ask)));
        }
        board.edit(EditMsg::Set { item, field, value }).into()
    }

    /// The question, in the board's language.
    pub fn question(&self, board: &Board) -> String {
        let old = board
            .report()
            .item(&self.item)
            .map(|r| self.field.get(r.item))
            .unwrap_or_default();
        let field = self.field.label(board.report(), board.options().lang);
        // Read aloud, a code goes with its meaning.
        let said = |c: &str| match self.field.scale(board.report()).and_then(|s| s.meaning(c)) {
            Some(meaning) if board.options().spoken => format!("{c} {meaning}"),
            _ => c.to_string(),
        };
        let (old, new) = (said(&old), said(&self.value));
        Msg::ConfirmEdit.fill(
            board.options().lang,
            &[
                ("id", &self.item),
                ("field", &field),
                ("old", &old),
                ("new", &new),
            ],
        )
    }
}

impl Page for ConfirmEdit {
    fn keys(_codes: &[Binding]) -> Vec<Binding> {
        vec![
            bind("y Enter", Command::Confirm, Msg::KeyConfirmYes)
                .foot(Msg::FootConfirm, When::Always),
            bind("n Esc", Command::Back, Msg::KeyConfirmNo).foot(Msg::FootCancel, When::Always),
        ]
    }

    fn update(&mut self, board: &mut Board, action: Action) -> Outcome {
        match action {
            Action::Command(Command::Confirm) => {
                let set = EditMsg::Set {
                    item: self.item.clone(),
                    field: self.field,
                    value: self.value.clone(),
                };
                Outcome::from(board.edit(set)).then(Nav::Pop)
            }
            Action::Command(Command::Back) => {
                board.tell(Msg::EditNotMade);
                Outcome::nav(Nav::Pop)
            }
            _ => Outcome::ignored(),
        }
    }
}
