//! The one-line prompts: the footer shows them (see `render_footer`); the
//! screen under them stays as it is.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Canvas;
use crate::board::screen::Draw;
use crate::board::screen::jump::JumpPrompt;
use crate::board::screen::meeting_prompt::MeetingPrompt;
use crate::board::screen::reason::ReasonPrompt;
use crate::board::screen::search_line::SearchLine;

impl Draw<Canvas<'_>> for SearchLine {
    fn draw(&self, _frame: &mut Frame, _canvas: &Canvas, _area: Rect) {}
}

impl Draw<Canvas<'_>> for ReasonPrompt {
    fn draw(&self, _frame: &mut Frame, _canvas: &Canvas, _area: Rect) {}
}

impl Draw<Canvas<'_>> for JumpPrompt {
    fn draw(&self, _frame: &mut Frame, _canvas: &Canvas, _area: Rect) {}
}

impl Draw<Canvas<'_>> for MeetingPrompt {
    fn draw(&self, _frame: &mut Frame, _canvas: &Canvas, _area: Rect) {}
}
