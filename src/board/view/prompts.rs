//! The one-line prompts: the footer shows them (see `render_footer`); the
//! screen under them stays as it is.

use ratatui::Frame;
use ratatui::layout::Rect;

use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::Canvas;
use super::style::popup;
use crate::board::screen::Draw;
use crate::board::screen::jump::JumpPrompt;
use crate::board::screen::meeting_prompt::MeetingPrompt;
use crate::board::screen::reason::ReasonPrompt;
use crate::board::screen::remark::RemarkPrompt;
use crate::board::screen::search_line::SearchLine;
use crate::i18n::Msg;
use crate::text::visible;
use crate::text::width::{truncate, width};

impl Draw<Canvas<'_>> for SearchLine {
    fn draw(&self, _frame: &mut Frame, _canvas: &Canvas, _area: Rect) {}
}

impl Draw<Canvas<'_>> for ReasonPrompt {
    fn draw(&self, _frame: &mut Frame, _canvas: &Canvas, _area: Rect) {}
}

impl Draw<Canvas<'_>> for RemarkPrompt {
    fn draw(&self, _frame: &mut Frame, _canvas: &Canvas, _area: Rect) {}
}

impl Draw<Canvas<'_>> for JumpPrompt {
    fn draw(&self, _frame: &mut Frame, _canvas: &Canvas, _area: Rect) {}
}

/// The `M` prompt offers the meetings there are (newest first), so that a
/// meeting is resumed by its exact name rather than started again by a
/// slip of it.
impl Draw<Canvas<'_>> for MeetingPrompt {
    fn draw(&self, frame: &mut Frame, canvas: &Canvas, area: Rect) {
        if self.known.is_empty() {
            return;
        }
        let board = canvas.board;
        let closed = board.t(Msg::MeetingClosedMark);
        let rows: Vec<String> = self
            .known
            .iter()
            .take(8)
            .map(|(name, is_closed)| {
                let mark = if *is_closed { closed } else { "" };
                format!("{}{mark}", visible(name))
            })
            .collect();
        let w = rows.iter().map(|r| width(r)).max().unwrap_or(0) as u16 + 4;
        let title = board.t(Msg::MeetingsKnown);
        let inner = popup(frame, board, area, w.max(20), rows.len() as u16 + 2, title);
        let lines: Vec<Line> = rows
            .iter()
            .map(|r| Line::from(truncate(r, inner.width as usize, "…")))
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
