//! `?`: the keys of the screen below, the search syntax where it applies,
//! and the keys that work everywhere.

use ratatui::crossterm::event::KeyCode;

use super::{Nav, Outcome, ScreenKind};
use crate::board::action::{Action, Command};
use crate::board::keymap::{Binding, When, bind, ch, key};
use crate::i18n::Msg;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Help {
    /// The screen whose keys are shown.
    pub of: ScreenKind,
    pub scroll: usize,
}

pub fn keys() -> Vec<Binding> {
    vec![
        bind(&[key(KeyCode::Up), ch('k')], Command::Up, Msg::KeyScroll)
            .foot(Msg::FootScroll, When::Always),
        bind(
            &[key(KeyCode::Down), ch('j')],
            Command::Down,
            Msg::KeyScroll,
        )
        .foot(Msg::FootScroll, When::Always),
        bind(&[key(KeyCode::PageUp)], Command::PageUp, Msg::KeyPage),
        bind(&[key(KeyCode::PageDown)], Command::PageDown, Msg::KeyPage),
        bind(
            &[key(KeyCode::Esc), ch('?'), ch('q')],
            Command::Back,
            Msg::KeyClose,
        )
        .foot(Msg::FootBack, When::Always),
    ]
}

pub fn update(state: &mut Help, action: Action) -> Outcome {
    match action {
        Action::Command(Command::Up) => state.scroll = state.scroll.saturating_sub(1),
        Action::Command(Command::Down) => state.scroll += 1,
        Action::Command(Command::PageUp) => state.scroll = state.scroll.saturating_sub(10),
        Action::Command(Command::PageDown) => state.scroll += 10,
        Action::Command(Command::Back) => return Outcome::nav(Nav::Pop),
        _ => {}
    }
    Outcome::none()
}
