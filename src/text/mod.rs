//! Text as people read and type it: display width, wrapping with kinsoku,
//! Japanese folding for search, control characters made visible, and the
//! one-line input of prompts.

pub mod input;
pub mod json;
pub mod normalize;
pub mod visible;
pub mod width;

pub use visible::{terminal_safe, visible};
