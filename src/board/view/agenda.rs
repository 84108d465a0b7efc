//! The agenda's index over the walkthrough: one row per item, reviewed ones
//! marked (a mark, not a colour), the codes, the id and the first words of
//! its measure; the row under the cursor reversed, kept in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::Canvas;
use super::style::{popup, reversed, symbols};
use crate::board::screen::Draw;
use crate::board::screen::agenda::AgendaIndex;
use crate::board::state::Board;
use crate::i18n::Msg;
use crate::text::visible;
use crate::text::width::pad;

/// The row of agenda item `id`.
fn row(board: &Board, id: &str) -> String {
    let reviewed = board
        .room()
        .state()
        .is_some_and(|m| m.meeting.is_reviewed(id));
    let mark = match (reviewed, board.options().ascii) {
        (true, true) => "x",
        (true, false) => "✓",
        (false, _) => " ",
    };
    let Some(r) = board.report().item(id) else {
        return format!("{mark} {}", visible(id));
    };
    let words = r.measure.text.as_deref().unwrap_or(&r.item.progress);
    format!(
        "{mark} {:<8} {:<2} {:<4} {}",
        visible(id),
        visible(r.item.phase.as_str()),
        visible(r.item.direction.as_str()),
        visible(words).replace('\n', " ")
    )
}

impl Draw<Canvas<'_>> for AgendaIndex {
    fn draw(&self, frame: &mut Frame, canvas: &Canvas, area: Rect) {
        let board = canvas.board;
        let h = (self.agenda.len() as u16 + 2)
            .min(area.height.saturating_sub(2))
            .max(3);
        let w = area.width.saturating_sub(4).min(90);
        let inner = popup(frame, board, area, w, h, board.t(Msg::AgendaIndexTitle));
        let rows = inner.height as usize;
        // The cursor in view, as near the middle as the ends allow.
        let first = self
            .cursor
            .saturating_sub(rows / 2)
            .min(self.agenda.len().saturating_sub(rows));
        let ell = symbols(board).ellipsis;
        let lines: Vec<Line> = self
            .agenda
            .iter()
            .enumerate()
            .skip(first)
            .take(rows)
            .map(|(i, id)| {
                let line = Line::from(pad(&row(board, id), inner.width as usize, ell));
                if i == self.cursor {
                    line.patch_style(reversed())
                } else {
                    line
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
        super::focus(frame, inner, self.cursor.saturating_sub(first));
    }
}
