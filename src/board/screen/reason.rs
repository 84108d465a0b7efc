//! `m`: type the reason for the newest change of the item on screen (the
//! meeting's decision); it is logged as a line of its own.

use std::borrow::Cow;

use super::{Nav, Outcome, Page, edit_line, prompt_keys};
use crate::board::action::{Action, Command};
use crate::board::edits::EditMsg;
use crate::board::edits::change_words;
use crate::board::keys::Binding;
use crate::board::state::Board;
use crate::i18n::Msg;
use crate::text::input::LineInput;

/// The reason being typed, and the item whose newest change it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReasonPrompt {
    pub item: String,
    pub input: LineInput,
    /// The prompt, naming the change the reason goes with
    /// (「理由（1-1-a 実施区分: A → B）: 」).
    pub label: String,
}

impl ReasonPrompt {
    /// The prompt for `item`'s newest change: one this board saved, or one
    /// still on its way to disk.
    pub fn open(board: &Board, item: String) -> ReasonPrompt {
        let footer = board.footer();
        let report = board.report();
        let saved = board
            .edits()
            .last_change_of(&item)
            .map(|c| change_words(report, footer, &c.item, c.field, &c.old, &c.new));
        let waiting = || {
            let edit = board
                .edits()
                .unsaved()
                .into_iter()
                .rev()
                .find(|e| e.item == item)?;
            let now = board.item_index(&item).and_then(|i| board.item_ref(i))?;
            let old = edit.field.get(now.item);
            Some(change_words(
                report,
                footer,
                &item,
                edit.field,
                &old,
                &edit.value,
            ))
        };
        let label = match saved.or_else(waiting) {
            Some(change) => board.t(Msg::ReasonPromptFor).replace("{change}", &change),
            None => board.t(Msg::ReasonPrompt).to_string(),
        };
        ReasonPrompt {
            item,
            input: LineInput::default(),
            label,
        }
    }
}

impl Page for ReasonPrompt {
    const TAKES_TEXT: bool = true;

    fn keys(_codes: &[Binding]) -> Vec<Binding> {
        prompt_keys(Msg::KeyRecordReason)
    }

    fn update(&mut self, board: &mut Board, action: Action) -> Outcome {
        if edit_line(&mut self.input, &action).is_some() {
            return Outcome::none();
        }
        match action {
            // The reason goes with the newest change: wait until it is on disk.
            Action::Command(Command::Confirm) if !board.edits().is_idle() => {
                board.tell(Msg::ReasonWaits);
                Outcome::none()
            }
            Action::Command(Command::Confirm) => {
                let reason = EditMsg::Reason {
                    item: self.item.clone(),
                    text: self.input.text.clone(),
                };
                Outcome::from(board.edit(reason)).then(Nav::Pop)
            }
            Action::Command(Command::Back) => Outcome::nav(Nav::Pop),
            _ => Outcome::ignored(),
        }
    }

    fn prompt<'a>(&'a self, _board: &'a Board) -> Option<(Cow<'a, str>, &'a LineInput)> {
        Some((self.label.as_str().into(), &self.input))
    }
}
