//! The keys that change an item, shared by every screen that shows one (the
//! board, the walkthrough).

use super::{Nav, Outcome, Screen};
use crate::board::action::Command;
use crate::board::edits::EditMsg;
use crate::board::keys::{Binding, When, bind};
use crate::board::state::Board;
use crate::domain::field::Field;
use crate::i18n::Msg;

/// The keys that change an item (the scale codes' keys apart).
pub fn edit_keys() -> Vec<Binding> {
    use Command::*;
    vec![
        bind("s", Picker, Msg::KeyPicker).foot(Msg::FootCodes, When::Always),
        bind("e", Editor, Msg::KeyEditor),
        bind("m", Reason, Msg::KeyReason),
        bind("c", Remark, Msg::KeyRemark),
        bind("u", Undo, Msg::KeyUndo),
        bind("Ctrl-r", Redo, Msg::KeyRedo),
    ]
}

/// The commands that change `target` (the item on screen), on any screen
/// that has them; None for another command.
pub fn edit_command(
    board: &mut Board,
    command: &Command,
    target: Option<String>,
) -> Option<Outcome> {
    Some(match (command, target) {
        (Command::Undo, _) => board.edit(EditMsg::Undo).into(),
        (Command::Redo, _) => board.edit(EditMsg::Redo).into(),
        (Command::Reason, Some(item)) if !board.edits().can_give_reason(&item) => {
            board.tell(Msg::NothingToGiveAReason);
            Outcome::none()
        }
        (Command::Reason, Some(item)) => {
            let prompt = super::reason::ReasonPrompt::open(board, item);
            Outcome::nav(Nav::Push(Screen::Reason(prompt)))
        }
        (Command::Remark, Some(item)) => super::remark::RemarkPrompt::open(board, item),
        (
            Command::SetPhase(_)
            | Command::SetDirection(_)
            | Command::Picker
            | Command::Editor
            | Command::Reason
            | Command::Remark,
            None,
        ) => {
            board.tell(Msg::NoItemSelected);
            Outcome::none()
        }
        (Command::SetPhase(code), Some(item)) => {
            super::confirm_edit::ConfirmEdit::ask_or_save(board, item, Field::Phase, code.clone())
        }
        (Command::SetDirection(code), Some(item)) => {
            let code = code.clone();
            super::confirm_edit::ConfirmEdit::ask_or_save(board, item, Field::Direction, code)
        }
        (Command::Picker, Some(item)) => Outcome::nav(Nav::Push(Screen::Picker(
            super::picker::CodePicker::new(board, item),
        ))),
        (Command::Editor, Some(item)) => {
            Outcome::nav(Nav::Push(Screen::EditWhich(super::edit_which::EditWhich {
                item,
                cursor: 0,
            })))
        }
        _ => return None,
    })
}
