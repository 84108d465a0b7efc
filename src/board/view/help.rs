//! `?`: generated from the key tables: the keys of the screen below, the
//! search syntax where searching applies, and the keys that work everywhere.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Canvas;
use super::style::{block, bold, clear_with_edges, heading, push_wrapped};
use crate::board::keymap::Keymap;
use crate::board::screen::Draw;
use crate::board::screen::ScreenKind;
use crate::board::screen::help::Help;
use crate::board::state::Board;
use crate::i18n::Msg;
use crate::text::width::{pad, width, wrap};

/// Every line of the help for `state.of`, wrapped to `w` columns.
pub fn help_lines<'a>(canvas: &Canvas, of: ScreenKind, w: usize) -> Vec<Line<'a>> {
    let board = canvas.board;
    let ascii = board.options().ascii;
    let mut lines = Vec::new();
    let own = Keymap::help_lines(canvas.keymap.table(of), ascii);
    let global = Keymap::help_lines(canvas.keymap.global(), ascii);
    let key_w = own
        .iter()
        .chain(&global)
        .map(|(k, _)| width(k))
        .max()
        .unwrap_or(0)
        .min(w / 2);
    key_lines(&mut lines, board, &own, key_w, w);
    if of.takes_text() {
        key_lines(
            &mut lines,
            board,
            &[(board.t(Msg::KeyAnyText).to_string(), Msg::KeyTypeText)],
            key_w,
            w,
        );
    }
    if matches!(of, ScreenKind::Browse | ScreenKind::SearchLine) {
        lines.push(Line::from(""));
        lines.push(heading(board, board.t(Msg::SyntaxTitle).to_string()));
        for m in [
            Msg::SyntaxAnd,
            Msg::SyntaxExact,
            Msg::SyntaxPrefix,
            Msg::SyntaxSuffix,
            Msg::SyntaxNot,
            Msg::SyntaxOr,
        ] {
            push_wrapped(&mut lines, board.t(m), w, 2);
        }
        mark_lines(&mut lines, board, key_w, w);
    }
    lines.push(Line::from(""));
    lines.push(heading(board, board.t(Msg::HelpEverywhere).to_string()));
    key_lines(&mut lines, board, &global, key_w, w);
    lines
}

/// What the marks before an outline row mean (`+`, `*`, `~`, the stale mark).
fn mark_lines<'a>(lines: &mut Vec<Line<'a>>, board: &Board, key_w: usize, w: usize) {
    lines.push(Line::from(""));
    lines.push(heading(board, board.t(Msg::MarksTitle).to_string()));
    let stale = super::style::symbols(board).stale;
    let rows = [
        ("+".to_string(), Msg::MarkChanged),
        ("*".to_string(), Msg::MarkRelisted),
        ("~".to_string(), Msg::MarkSinceBase),
        (stale.to_string(), Msg::MarkStale),
    ];
    key_lines(lines, board, &rows, key_w, w);
}

/// `keys  what they do`, the description wrapped beside the keys.
fn key_lines<'a>(
    lines: &mut Vec<Line<'a>>,
    board: &Board,
    rows: &[(String, Msg)],
    key_w: usize,
    w: usize,
) {
    let text_w = w.saturating_sub(key_w + 2).max(1);
    for (keys, msg) in rows {
        for (i, l) in wrap(board.t(*msg), text_w).into_iter().enumerate() {
            let k = if i == 0 {
                pad(keys, key_w, "")
            } else {
                " ".repeat(key_w)
            };
            lines.push(Line::from(vec![
                Span::styled(k, bold()),
                Span::raw("  "),
                Span::raw(l),
            ]));
        }
    }
}

fn draw(frame: &mut Frame, canvas: &Canvas, state: &Help, body: Rect) {
    let board = canvas.board;
    let w = body.width.saturating_sub(4).min(76);
    let area = Rect {
        x: body.x + (body.width - w) / 2,
        y: body.y,
        width: w,
        height: body.height,
    };
    clear_with_edges(frame, board, area);
    let b = block(board, board.t(Msg::HelpTitle), true);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let lines = help_lines(canvas, state.of, inner.width as usize);
    let height = inner.height as usize;
    let scroll = state.scroll.min(lines.len().saturating_sub(height));
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(shown), inner);
    super::focus(frame, inner, 0);
}

impl Draw<Canvas<'_>> for Help {
    fn draw(&self, frame: &mut Frame, canvas: &Canvas, area: Rect) {
        draw(frame, canvas, self, area);
    }
}
