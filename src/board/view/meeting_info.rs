//! The meeting's details, one per line, the chosen one marked `▶` and
//! reversed; a value too long for the window is cut with `…` (the
//! minutes hold it whole).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Canvas;
use super::style::popup;
use crate::board::screen::Draw;
use crate::board::screen::meeting_info::{DetailPrompt, MeetingInfo, label, value};
use crate::domain::meeting::details::DetailField;
use crate::i18n::Msg;
use crate::text::visible;
use crate::text::width::{truncate, width};

impl Draw<Canvas<'_>> for MeetingInfo {
    fn draw(&self, frame: &mut Frame, canvas: &Canvas, area: Rect) {
        let board = canvas.board;
        let labels: Vec<&str> = DetailField::ALL
            .iter()
            .map(|&f| board.t(label(f)))
            .collect();
        let label_w = labels.iter().map(|l| width(l)).max().unwrap_or(0);
        let rows = DetailField::ALL.len() as u16;
        let title = board.t(Msg::MeetingInfoTitle);
        let w = area.width.saturating_sub(4).max(20);
        let inner = popup(frame, board, area, w, rows + 2, title);
        let mark = if board.options().ascii { "> " } else { "▶ " };
        let lines: Vec<Line> = DetailField::ALL
            .iter()
            .zip(&labels)
            .enumerate()
            .map(|(i, (&field, name))| {
                let chosen = i == self.cursor;
                let head = format!("{}{}", if chosen { mark } else { "  " }, name);
                let pad = label_w.saturating_sub(width(name));
                let room = (inner.width as usize).saturating_sub(width(&head) + pad);
                let shown = visible(&value(board, field)).replace('\n', " ");
                let text = format!("{head}{}{}", " ".repeat(pad), truncate(&shown, room, "…"));
                let style = if chosen {
                    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
                } else {
                    Style::new()
                };
                Line::from(Span::styled(text, style))
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
        super::focus(frame, inner, self.cursor);
    }
}

/// The detail being written is on the footer's line; the list stays.
impl Draw<Canvas<'_>> for DetailPrompt {
    fn draw(&self, _frame: &mut Frame, _canvas: &Canvas, _area: Rect) {}
}
