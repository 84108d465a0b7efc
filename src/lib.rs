//! kensho: a keyboard-driven terminal review board for the progress table of a
//! verification report. The binary is a thin shell over this library.

pub mod cli;
pub mod error;
pub mod export;
pub mod model;
pub mod records;
pub mod store;
pub mod summary;
pub mod text;
pub mod textwidth;
