//! `?`: the keys of the screen below, the search syntax where it applies,
//! and the keys that work everywhere.

use super::{Nav, Outcome, Page, ScreenKind};
use crate::board::action::{Action, Command};
use crate::board::keys::{Binding, When, bind};
use crate::board::state::Board;
use crate::i18n::Msg;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Help {
    /// The screen whose keys are shown.
    pub of: ScreenKind,
    pub scroll: usize,
}

impl Page for Help {
    fn keys(_codes: &[Binding]) -> Vec<Binding> {
        vec![
            bind("Up k", Command::Up, Msg::KeyScroll).foot(Msg::FootScroll, When::Always),
            bind("Down j", Command::Down, Msg::KeyScroll).foot(Msg::FootScroll, When::Always),
            bind("PgUp", Command::PageUp, Msg::KeyPage),
            bind("PgDn", Command::PageDown, Msg::KeyPage),
            bind("Esc ? q", Command::Back, Msg::KeyClose).foot(Msg::FootBack, When::Always),
        ]
    }

    fn update(&mut self, _board: &mut Board, action: Action) -> Outcome {
        match action {
            Action::Command(Command::Up) => self.scroll = self.scroll.saturating_sub(1),
            Action::Command(Command::Down) => self.scroll += 1,
            Action::Command(Command::PageUp) => self.scroll = self.scroll.saturating_sub(10),
            Action::Command(Command::PageDown) => self.scroll += 10,
            Action::Command(Command::Back) => return Outcome::nav(Nav::Pop),
            _ => return Outcome::ignored(),
        }
        Outcome::none()
    }
}
