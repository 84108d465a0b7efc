//! The board's screens. Each is one variant of [`Screen`] owning its state,
//! with one module holding its key table and its update, and one module
//! under [`crate::board::view`] drawing it. Screens stack: a popup is pushed
//! over the screen it belongs to and `Esc` pops it.
//!
//! To add a screen: a variant here (and in [`ScreenKind`]), a module with
//! `keys` and `update`, and a view.

pub mod browse;
pub mod conflict;
pub mod departments;
pub mod edit_which;
pub mod editing;
pub mod filters;
pub mod help;
pub mod jump;
pub mod meeting_prompt;
pub mod overview;
pub mod picker;
pub mod reason;
pub mod search_line;
pub mod walkthrough;

use super::action::{Action, Command, Effect};
pub use super::keymap::ScreenKind;
use super::keymap::{Binding, KeyError, Keymap, bind, ch, code_bindings, ctrl, key};
use super::state::Board;
use crate::i18n::Msg;
use crate::text::input::{LineEdit, LineInput};
use ratatui::crossterm::event::KeyCode;

#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Browse(browse::Browse),
    Help(help::Help),
    SearchLine,
    Filters(filters::FilterPanel),
    Departments(departments::DepartmentPicker),
    Picker(picker::CodePicker),
    EditWhich(edit_which::EditWhich),
    Conflict(conflict::ConflictDialog),
    Reason(reason::ReasonPrompt),
    Jump(LineInput),
    Walkthrough(walkthrough::Walkthrough),
    Overview(overview::Overview),
    MeetingPrompt(LineInput),
}

/// Every screen's default key table; `codes` are the keys of the scale codes.
pub fn default_tables(codes: &[Binding]) -> Vec<(ScreenKind, Vec<Binding>)> {
    ScreenKind::ALL
        .iter()
        .map(|&kind| {
            let table = match kind {
                ScreenKind::Browse => browse::keys(codes),
                ScreenKind::Help => help::keys(),
                ScreenKind::SearchLine => search_line::keys(),
                ScreenKind::Filters => filters::keys(),
                ScreenKind::Departments => departments::keys(),
                ScreenKind::Picker => picker::keys(codes),
                ScreenKind::EditWhich => edit_which::keys(),
                ScreenKind::Conflict => conflict::keys(),
                ScreenKind::Reason => reason::keys(),
                ScreenKind::Jump => jump::keys(),
                ScreenKind::Walkthrough => walkthrough::keys(codes),
                ScreenKind::Overview => overview::keys(),
                ScreenKind::MeetingPrompt => meeting_prompt::keys(),
            };
            (kind, table)
        })
        .collect()
}

/// The board's keymap for `report`: the default tables with the keys of its
/// scale codes; an error when a code's key is a command's key.
pub fn default_keymap(report: &crate::domain::model::Report) -> Result<Keymap, KeyError> {
    Keymap::new(default_tables(&code_bindings(report)))
}

/// Where to go after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Nav {
    Stay,
    Push(Screen),
    Pop,
    Replace(Screen),
    /// Back to the base screen (the board).
    Base,
}

/// What an update asks for: where to go, and effects for the runtime.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub nav: Nav,
    pub effects: Vec<Effect>,
}

impl Outcome {
    pub fn none() -> Outcome {
        Outcome {
            nav: Nav::Stay,
            effects: Vec::new(),
        }
    }

    pub fn nav(nav: Nav) -> Outcome {
        Outcome {
            nav,
            effects: Vec::new(),
        }
    }

    pub fn then(mut self, nav: Nav) -> Outcome {
        self.nav = nav;
        self
    }
}

impl From<Vec<Effect>> for Outcome {
    fn from(effects: Vec<Effect>) -> Outcome {
        Outcome {
            nav: Nav::Stay,
            effects,
        }
    }
}

impl Screen {
    pub fn kind(&self) -> ScreenKind {
        match self {
            Screen::Browse(_) => ScreenKind::Browse,
            Screen::Help(_) => ScreenKind::Help,
            Screen::SearchLine => ScreenKind::SearchLine,
            Screen::Filters(_) => ScreenKind::Filters,
            Screen::Departments(_) => ScreenKind::Departments,
            Screen::Picker(_) => ScreenKind::Picker,
            Screen::EditWhich(_) => ScreenKind::EditWhich,
            Screen::Conflict(_) => ScreenKind::Conflict,
            Screen::Reason(_) => ScreenKind::Reason,
            Screen::Jump(_) => ScreenKind::Jump,
            Screen::Walkthrough(_) => ScreenKind::Walkthrough,
            Screen::Overview(_) => ScreenKind::Overview,
            Screen::MeetingPrompt(_) => ScreenKind::MeetingPrompt,
        }
    }

    /// A command or text for this screen.
    pub fn update(&mut self, board: &mut Board, action: Action) -> Outcome {
        match self {
            Screen::Browse(s) => browse::update(s, board, action),
            Screen::Help(s) => help::update(s, action),
            Screen::SearchLine => search_line::update(board, action),
            Screen::Filters(s) => filters::update(s, board, action),
            Screen::Departments(s) => departments::update(s, board, action),
            Screen::Picker(s) => picker::update(s, board, action),
            Screen::EditWhich(s) => edit_which::update(s, board, action),
            Screen::Conflict(s) => conflict::update(s, board, action),
            Screen::Reason(prompt) => reason::update(prompt, board, action),
            Screen::Jump(input) => jump::update(input, board, action),
            Screen::Walkthrough(s) => walkthrough::update(s, board, action),
            Screen::Overview(s) => overview::update(s, board, action),
            Screen::MeetingPrompt(input) => meeting_prompt::update(input, board, action),
        }
    }
}

/// Keys of a list: move, take the row, back.
fn list_keys(take: Msg) -> Vec<Binding> {
    vec![
        bind(&[key(KeyCode::Up), ch('k')], Command::Up, Msg::KeyMove)
            .foot(Msg::FootMove, super::keymap::When::Always),
        bind(&[key(KeyCode::Down), ch('j')], Command::Down, Msg::KeyMove)
            .foot(Msg::FootMove, super::keymap::When::Always),
        bind(&[key(KeyCode::Enter), ch(' ')], Command::Confirm, take)
            .foot(Msg::FootConfirm, super::keymap::When::Always),
        bind(&[key(KeyCode::Esc), ch('q')], Command::Back, Msg::KeyClose)
            .foot(Msg::FootBack, super::keymap::When::Always),
    ]
}

/// Keys of a one-line prompt: take the text, back, and the line-editing keys
/// (every other key is text).
fn prompt_keys(take: Msg) -> Vec<Binding> {
    let mut keys = vec![
        bind(&[key(KeyCode::Enter)], Command::Confirm, take)
            .foot(Msg::FootConfirm, super::keymap::When::Always),
        bind(&[key(KeyCode::Esc)], Command::Back, Msg::KeyCancel)
            .foot(Msg::FootCancel, super::keymap::When::Always),
    ];
    keys.extend(line_keys());
    keys
}

/// The line-editing keys every prompt shares.
fn line_keys() -> Vec<Binding> {
    use LineEdit::*;
    vec![
        bind(
            &[key(KeyCode::Backspace)],
            Command::Line(DeleteBack),
            Msg::KeyDeleteBack,
        ),
        bind(
            &[key(KeyCode::Left)],
            Command::Line(CursorLeft),
            Msg::KeyCursor,
        ),
        bind(
            &[key(KeyCode::Right)],
            Command::Line(CursorRight),
            Msg::KeyCursor,
        ),
        bind(
            &[key(KeyCode::Home), ctrl('a')],
            Command::Line(CursorHome),
            Msg::KeyLineEnds,
        ),
        bind(
            &[key(KeyCode::End), ctrl('e')],
            Command::Line(CursorEnd),
            Msg::KeyLineEnds,
        ),
        bind(&[ctrl('w')], Command::Line(DeleteWord), Msg::KeyDeleteWord),
        bind(&[ctrl('u')], Command::Line(Clear), Msg::KeyClearLine),
    ]
}

/// Apply typed text or a line-editing key to `input`: Some(whether the text
/// changed) when the action was one.
fn edit_line(input: &mut LineInput, action: &Action) -> Option<bool> {
    match action {
        Action::Text(t) => {
            input.insert(t);
            Some(!t.is_empty())
        }
        Action::Command(Command::Line(edit)) => Some(input.apply(*edit)),
        _ => None,
    }
}
