//! kensho: a keyboard-driven terminal review board for the progress table of a
//! verification report. The binary is a thin shell over this library.

pub mod app;
pub mod changelog;
pub mod cli;
pub mod error;
pub mod export;
pub mod generate;
pub mod i18n;
pub mod input;
pub mod keys;
pub mod model;
pub mod normalize;
pub mod outline;
pub mod records;
pub mod search;
pub mod store;
pub mod summary;
pub mod text;
pub mod textwidth;
pub mod tui;
pub mod ui;
