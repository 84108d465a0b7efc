//! The review board: the terminal interface.
//!
//! A key press becomes an [`action::Action`] through the top screen's key
//! table ([`keymap`]); [`app::App::update`] (pure) hands it to the part it is
//! for — the [`search`], the [`edits`], the [`meeting`] room, [`follow`]
//! mode, each a home of its own under the [`state::Board`] that routes
//! between them — and returns [`action::Effect`]s; [`runtime::Runtime::step`]
//! performs them (searches, saves and the presence file on the parts'
//! workers, off the input path) and feeds their answers back through one
//! inbox; [`view::render`] draws the state. See ARCHITECTURE.md.

pub mod action;
pub mod app;
/// The themes' colours measured in the SSH clients (their test).
#[cfg(test)]
mod contrast;
pub mod edits;
pub mod follow;
pub mod footer;
pub mod inbox;
pub mod keymap;
pub mod keys;
mod lean;
pub mod meeting;
pub mod outline;
pub mod plain;
pub mod runtime;
pub mod screen;
pub mod search;
pub mod state;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod work;
