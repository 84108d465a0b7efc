//! The board's base screen: the outline, and the detail of the selected node.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Canvas;
use super::detail;
use super::style::{
    Symbols, block, bold, direction_badge, group_spans, phase_badge, recommendation_label,
    reversed, symbols,
};
use crate::board::outline::{NodeKind, ShownState};
use crate::board::screen::Draw;
use crate::board::screen::browse::{Browse, Focus};
use crate::board::state::Board;
use crate::domain::model::ItemRef;
use crate::i18n::Msg;
use crate::text::visible;
use crate::text::width::{pad, take_width, truncate, width};

pub use detail::detail_lines;

fn draw(frame: &mut Frame, board: &Board, state: &Browse, body: Rect) {
    if board.is_wide() {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(body);
        draw_outline(frame, board, state, left);
        detail::draw(frame, board, state, right);
    } else if state.detail_full(board) {
        detail::draw(frame, board, state, body);
    } else {
        draw_outline(frame, board, state, body);
    }
}

fn draw_outline(frame: &mut Frame, board: &Board, state: &Browse, area: Rect) {
    // The focused pane is marked only when both are on screen.
    let b = block(
        board,
        board.t(Msg::Outline),
        state.focus == Focus::Outline && board.is_wide(),
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let visible = board.outline().rows();
    let w = inner.width as usize;
    if visible.is_empty() {
        let line = Line::from(Span::styled(
            format!("  {}", board.t(Msg::NoMatches)),
            bold(),
        ));
        frame.render_widget(Paragraph::new(line), inner);
        super::focus(frame, inner, 0);
        return;
    }
    let height = inner.height as usize;
    let offset = board
        .outline()
        .offset()
        .min(visible.len().saturating_sub(height));
    let sym = symbols(board);
    let lines: Vec<Line> = visible
        .iter()
        .skip(offset)
        .take(height)
        .map(|&n| outline_row(board, n, w, &sym))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    // The cursor on the selected row, where a screen reader looks.
    if state.focus == Focus::Outline {
        let row = board.outline().selected_row().saturating_sub(offset);
        super::focus(frame, inner, row);
    }
}

/// One row: the selection mark, then the recommendation, point or item.
fn outline_row<'a>(board: &Board, n: usize, w: usize, sym: &Symbols) -> Line<'a> {
    let node = &board.outline().nodes()[n];
    let selected = n == board.outline().selected();
    let state = board.outline().shown_state(n);
    let mark = if selected { sym.selected } else { " " };
    let fold = if !board.outline().is_expandable(n) {
        " "
    } else if board.outline().is_collapsed(n) {
        sym.collapsed
    } else {
        sym.expanded
    };
    let report = board.report();
    let rec = &report.recommendations[node.recommendation];
    let rest = w.saturating_sub(2);
    let body = match node.kind {
        NodeKind::Recommendation => {
            let text = format!(
                "{fold} {} {}",
                recommendation_label(board, rec.number),
                visible(&rec.title)
            );
            Line::from(Span::styled(pad(&text, rest, sym.ellipsis), bold()))
        }
        NodeKind::Point => {
            let point = &rec.points[node.point.unwrap_or(0)];
            let text = format!(
                "  {fold} {}-{} {}",
                rec.number,
                point.number,
                visible(&point.title)
            );
            Line::from(Span::styled(pad(&text, rest, sym.ellipsis), bold()))
        }
        NodeKind::Item => match node.item.and_then(|i| board.item_ref(i).map(|r| (i, r))) {
            Some((i, r)) => item_row(board, i, &r, rest, sym, state == ShownState::Kept),
            None => Line::from(""),
        },
    };
    let mut spans = vec![Span::raw(format!("{mark} "))];
    spans.extend(body.spans);
    let line = Line::from(spans);
    let line = match state {
        ShownState::Context | ShownState::Kept => line.patch_style(super::style::muted(board)),
        _ => line,
    };
    if selected {
        line.patch_style(reversed())
    } else {
        line
    }
}

/// `  + 1-1-a    (ア) 令和2年4月から、…   A  I  `
fn item_row<'a>(
    board: &Board,
    i: usize,
    r: &ItemRef,
    w: usize,
    sym: &Symbols,
    kept: bool,
) -> Line<'a> {
    let report = board.report();
    let code_width = |codes: &[crate::domain::model::ScaleCode]| {
        codes.iter().map(|c| width(&c.code)).max().unwrap_or(1) + 2
    };
    let (pw, dw) = (
        code_width(&report.phase_scale.codes),
        code_width(&report.direction_scale.codes),
    );
    let label = r.measure_label().unwrap_or_default();
    let relisted = if r.item.relisted { "*" } else { " " };
    let changed = if kept {
        sym.stale
    } else if board.edits().changed(&r.item.id) {
        "+"
    } else if board.earlier().is_some_and(|e| e.marks(&r.item.id)) {
        // Changed since the earlier table (`--compare BASE`).
        "~"
    } else {
        " "
    };
    let head = format!(
        "  {changed} {} {relisted}{} ",
        pad(&visible(&r.item.id), 7, sym.ellipsis),
        pad(&label, 4, "")
    );
    let mut spans = vec![Span::raw(truncate(&head, w, ""))];
    let text_w = w.saturating_sub(width(&head) + pw + dw + 1);
    if w > width(&head) + pw + dw + 1 {
        spans.extend(excerpt(board, i, r, text_w, sym.ellipsis));
        spans.push(Span::raw(" "));
        spans.push(phase_badge(board, r.item.phase.as_str()));
        spans.push(direction_badge(board, r.item.direction.as_str()));
    }
    Line::from(spans)
}

/// The row's excerpt: while searching, the text with a match (prepared with
/// the hits); otherwise the progress, or the measure where there is none.
fn excerpt<'a>(board: &Board, i: usize, r: &ItemRef, cols: usize, ellipsis: &str) -> Vec<Span<'a>> {
    let (text, positions): (String, &[usize]) = match board.search().marks().row(i) {
        Some((text, positions)) => (text.clone(), positions),
        None if r.item.progress.trim().is_empty() => {
            (r.measure.text.clone().unwrap_or_default(), &[])
        }
        None => (r.item.progress.clone(), &[]),
    };
    let full = pad(&text, cols, ellipsis);
    if positions.is_empty() {
        return vec![Span::raw(full)];
    }
    let kept = take_width(&visible(&text).replace('\n', " "), cols)
        .chars()
        .count();
    let marks = full
        .chars()
        .enumerate()
        .map(|(k, c)| (c, k < kept && positions.binary_search(&k).is_ok()));
    group_spans(board, marks)
}

impl Draw<Canvas<'_>> for Browse {
    fn draw(&self, frame: &mut Frame, canvas: &Canvas, area: Rect) {
        draw(frame, canvas.board, self, area);
    }
}
