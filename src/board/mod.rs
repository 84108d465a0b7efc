//! The review board: the terminal interface.
//!
//! A key press becomes an [`action::Action`] through the top screen's key
//! table ([`keymap`]); [`app::App::update`] (pure) changes the state and
//! returns [`action::Effect`]s; [`runtime::Runtime::step`] performs them
//! (searches and saves on [`workers`], off the input path) and feeds their
//! results back as actions; [`view::render`] draws the state. See
//! ARCHITECTURE.md.

pub mod action;
pub mod app;
mod editor;
pub mod edits;
pub mod keymap;
mod lean;
mod marking;
pub mod marks;
mod meeting;
pub mod meeting_state;
pub mod outline;
pub mod presence;
pub mod presence_state;
mod presence_worker;
pub mod runtime;
mod saving;
pub mod screen;
pub mod search_state;
mod searching;
pub mod state;
pub mod terminal;
pub mod theme;
pub mod view;
mod workers;

pub use editor::edit_in_editor;
pub use edits::Edits;
pub use search_state::SearchState;
