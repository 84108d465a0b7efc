//! kensho: a keyboard-driven terminal review board for the progress table of a
//! verification report. The binary is a thin shell over this library.
//!
//! Layers, from the bottom: [`i18n`] (every word, in Japanese and English),
//! [`text`] (width, wrapping, folding, input), [`domain`] (the records, their
//! loading and validation), [`search`], [`store`] (the one module that writes
//! files), [`workbook`] (workbooks made and read back, as bytes), [`board`]
//! (the terminal interface) and [`cli`] (the commands).

// kensho has no unsafe code of its own (system calls go through rustix and uzers).
#![forbid(unsafe_code)]

pub mod board;
pub mod cli;
pub mod domain;
pub mod i18n;
pub mod search;
pub mod store;
pub mod text;
pub mod workbook;
