//! The records and what can be said about them: the model (named as in the
//! glossary), the fields an edit can change, loading and validation, errors,
//! summaries, exports (the open data among them) and synthetic reports. Nothing here draws or writes.

pub mod change;
pub mod compare;
pub mod error;
pub mod export;
pub mod field;
pub mod files;
pub mod generate;
pub mod meeting;
pub mod minutes;
pub mod model;
pub mod opendata;
pub mod presence;
pub mod records;
pub mod summary;
