//! Workbooks: the table published as the source prints it
//! ([`publish::published`]), one workbook per department to fill in
//! ([`survey::survey`]), and such a workbook taken back ([`returned`]).
//!
//! Everything here is pure: workbooks are made into bytes and read from
//! bytes; the command line reads and writes the files (through
//! [`crate::store`]).

mod layout;
pub mod publish;
pub mod returned;
pub mod survey;

pub use layout::cell_name;
