//! The integration tests, as one crate: each file of this folder is a module
//! (one binary to build and link, not one per file). The tests that need
//! something of the machine (root, LibreOffice, openpyxl) are in
//! `tests/machine/`, where they show as ignored, with the reason, when it
//! is missing.
// Tests and benchmarks may stop at the first surprise.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

mod all_or_nothing;
mod bad_input;
mod board_edits;
mod board_fault;
mod board_keys;
mod board_opening;
mod board_runtime;
mod board_search;
mod chrome;
mod cli;
mod compare;
mod compare_board;
mod compare_out;
mod config;
mod csv_rebuild;
#[cfg(unix)]
mod e2e;
mod edits;
mod edits_git;
mod edits_hard;
mod fidelity;
mod first_save;
mod follow;
mod hostile;
mod keys_answer;
mod limits;
mod log_golden;
mod meeting_marks;
mod meeting_names;
mod meetings;
mod minutes_doc;
mod opendata;
mod out_files;
mod overview;
mod own_files;
mod proof;
mod random_use;
mod read_only;
mod readings;
mod remarks;
mod roundtrip;
mod save_files;
mod screens;
mod set_forms;
mod shell;
mod unlogged;
mod walkthrough;
mod words;
mod workbook_bounds;
mod workbook_in;
mod workbook_out;
mod workbook_pages;
mod workbook_stream;
