//! The keys that change an item, shared by every screen that shows one (the
//! board, the walkthrough).

use super::{Nav, Outcome, Screen};
use crate::board::action::{Command, SaveKind};
use crate::board::keymap::{Binding, When, bind, ch, ctrl};
use crate::board::state::Board;
use crate::domain::field::Field;
use crate::i18n::Msg;

/// The keys that change an item (the scale codes' keys apart).
pub fn edit_keys() -> Vec<Binding> {
    use Command::*;
    vec![
        bind(&[ch('s')], Picker, Msg::KeyPicker).foot(Msg::FootCodes, When::Always),
        bind(&[ch('e')], Editor, Msg::KeyEditor),
        bind(&[ch('m')], Reason, Msg::KeyReason),
        bind(&[ch('u')], Undo, Msg::KeyUndo),
        bind(&[ctrl('r')], Redo, Msg::KeyRedo),
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
        (Command::Undo, _) => board.undo_redo(SaveKind::Undo).into(),
        (Command::Redo, _) => board.undo_redo(SaveKind::Redo).into(),
        (Command::Reason, Some(item)) if !board.edits.can_give_reason(&item) => {
            board.say(Msg::NothingToGiveAReason);
            Outcome::none()
        }
        (Command::Reason, Some(item)) => {
            let prompt = super::reason::ReasonPrompt {
                item,
                input: Default::default(),
            };
            Outcome::nav(Nav::Push(Screen::Reason(prompt)))
        }
        (
            Command::SetPhase(_)
            | Command::SetDirection(_)
            | Command::Picker
            | Command::Editor
            | Command::Reason,
            None,
        ) => {
            board.say(Msg::NoItemSelected);
            Outcome::none()
        }
        (Command::SetPhase(code), Some(item)) => {
            board.edit_item(item, Field::Phase, code.clone()).into()
        }
        (Command::SetDirection(code), Some(item)) => {
            board.edit_item(item, Field::Direction, code.clone()).into()
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
