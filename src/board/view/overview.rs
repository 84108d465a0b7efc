//! The overview: per recommendation, the items by phase and by direction as
//! stacked bars. Every segment is drawn with its code's letter and the counts
//! stand in columns beside the bar, so colour is never the only carrier.
//! (ratatui's BarChart draws side-by-side bars, not stacked ones, so the bars
//! are spans here.)

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Canvas;
use super::style::{block, bold, color, heading, recommendation_label, reversed};
use crate::board::screen::Draw;
use crate::board::screen::overview::{Overview, Row};
use crate::board::state::Board;
use crate::board::theme::Badge;
use crate::domain::field::Field;
use crate::domain::model::Scale;
use crate::i18n::Msg;
use crate::text::visible;
use crate::text::width::{pad, width};

/// Items per code of `scale` in recommendation `rec` (all when None).
fn counts(board: &Board, field: Field, rec: Option<usize>) -> Vec<usize> {
    let report = board.report();
    let scale = scale_of(board, field);
    let mut out = vec![0; scale.codes.len()];
    let recs = report
        .recommendations
        .iter()
        .enumerate()
        .filter(|(i, _)| rec.is_none_or(|r| r == *i));
    for (_, rec) in recs {
        for item in rec.items() {
            if let Some(i) = scale.index(&field.get(item)) {
                out[i] += 1;
            }
        }
    }
    out
}

fn scale_of(board: &Board, field: Field) -> &Scale {
    match field {
        Field::Direction => &board.report().direction_scale,
        _ => &board.report().phase_scale,
    }
}

/// Changed and reviewed items of recommendation `rec` (all when None), in
/// the meeting the board is in.
fn meeting_counts(board: &Board, rec: Option<usize>) -> Option<(usize, usize, usize)> {
    let state = board.room().state()?;
    let number = rec
        .and_then(|r| board.report().recommendations.get(r))
        .map(|r| r.number);
    let in_rec = |id: &str| {
        board
            .report()
            .item(id)
            .is_some_and(|r| number.is_none_or(|n| r.recommendation.number == n))
    };
    let changed = state.changed_items().iter().filter(|id| in_rec(id)).count();
    let agenda: Vec<_> = state
        .meeting
        .agenda
        .iter()
        .filter(|e| in_rec(&e.item))
        .collect();
    let reviewed = agenda.iter().filter(|e| e.reviewed.is_some()).count();
    Some((changed, reviewed, agenda.len()))
}

/// The width of each segment: proportional, every non-empty code at least
/// one cell (when there is room), `w` cells in all.
fn segments(counts: &[usize], w: usize, total: usize) -> Vec<usize> {
    let mut cells: Vec<usize> = counts.iter().map(|&n| n * w / total).collect();
    for (c, &n) in cells.iter_mut().zip(counts) {
        if n > 0 && *c == 0 {
            *c = 1;
        }
    }
    let widest = |cells: &[usize]| (0..cells.len()).max_by_key(|&i| cells[i]).unwrap_or(0);
    while cells.iter().sum::<usize>() > w && cells.iter().any(|&c| c > 1) {
        let i = widest(&cells);
        cells[i] -= 1;
    }
    // More codes in use than cells: the smallest give way.
    while cells.iter().sum::<usize>() > w {
        let Some(i) = (0..cells.len())
            .filter(|&i| cells[i] > 0)
            .min_by_key(|&i| counts[i])
        else {
            break;
        };
        cells[i] = 0;
    }
    let most = (0..counts.len()).max_by_key(|&i| counts[i]).unwrap_or(0);
    let sum: usize = cells.iter().sum();
    if sum < w && counts.iter().any(|&n| n > 0) {
        cells[most] += w - sum;
    }
    cells
}

/// A stacked bar of `counts` in `w` columns: each segment its code's letter
/// on its code's colour (left out when the segment is narrower than the
/// code: the count columns still say it); the segment under the cursor
/// bold and underlined, between brackets when they fit, so that it shows
/// in every theme and without colour.
fn bar<'a>(
    board: &Board,
    field: Field,
    counts: &[usize],
    w: usize,
    cursor: Option<usize>,
) -> Vec<Span<'a>> {
    let scale = scale_of(board, field);
    let total: usize = counts.iter().sum::<usize>().max(1);
    let palette: &[Badge] = if field == Field::Direction {
        &board.theme().direction
    } else {
        &board.theme().phase
    };
    let cells = segments(counts, w, total);
    let used: usize = cells.iter().sum();
    let mut spans = Vec::new();
    for (i, (&cells, c)) in cells.iter().zip(&scale.codes).enumerate() {
        let mut style = palette[i % palette.len()].style();
        let selected = cursor == Some(i);
        if selected {
            style = style.add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
        }
        let text = segment_text(&visible(&c.code), cells, selected);
        spans.push(Span::styled(text, color(board, style)));
    }
    if used < w {
        spans.push(Span::raw(" ".repeat(w - used)));
    }
    spans
}

/// A segment of `cells` columns: its code at its start, so that the
/// segments can be told apart without colour, or nothing when the code
/// does not fit (never a code cut short: 「III」 is not 「I」); a selected
/// segment between brackets when they fit too.
fn segment_text(code: &str, cells: usize, selected: bool) -> String {
    let code = if width(code) <= cells { code } else { "" };
    if selected && cells >= width(code) + 2 {
        return format!("[{}]", pad(code, cells - 2, ""));
    }
    pad(code, cells, "")
}

fn row_line<'a>(
    board: &Board,
    row: Row,
    cursor: Option<usize>,
    label_w: usize,
    bar_w: usize,
) -> Line<'a> {
    let n = counts(board, row.field, row.recommendation);
    let label = match row.recommendation {
        Some(r) => recommendation_label(board, board.report().recommendations[r].number),
        None => board.t(Msg::Total).to_string(),
    };
    let mut spans = vec![Span::styled(pad(&label, label_w, "…"), bold())];
    spans.extend(bar(board, row.field, &n, bar_w, cursor));
    for (i, count) in n.iter().enumerate() {
        let text = format!("{count:>5}");
        spans.push(if cursor == Some(i) {
            Span::styled(text, reversed())
        } else {
            Span::raw(text)
        });
    }
    if let Some((changed, reviewed, agenda)) =
        meeting_counts(board, row.recommendation).filter(|_| row.field == Field::Phase)
    {
        let (cw, rw) = meeting_widths(board);
        let done = format!("{reviewed}/{agenda}");
        spans.push(Span::raw(format!("  {changed:>cw$}  {done:>rw$}")));
    }
    Line::from(spans)
}

/// The widths of the meeting's two columns (changed, reviewed).
fn meeting_widths(board: &Board) -> (usize, usize) {
    let c = width(board.t(Msg::ChangedShort)).max(4);
    let r = width(board.t(Msg::ReviewedShort)).max(7);
    (c, r)
}

fn pad_left(s: &str, w: usize) -> String {
    format!("{}{s}", " ".repeat(w.saturating_sub(width(s))))
}

fn header_line<'a>(board: &Board, field: Field, label_w: usize, bar_w: usize) -> Line<'a> {
    let scale = scale_of(board, field);
    let name = visible(&scale.name);
    let mut text = format!(
        "{name}{}",
        " ".repeat((label_w + bar_w).saturating_sub(width(&name)))
    );
    for c in &scale.codes {
        text.push_str(&format!("{:>5}", visible(&c.code)));
    }
    if board.room().state().is_some() && field == Field::Phase {
        let (cw, rw) = meeting_widths(board);
        let (c, r) = (board.t(Msg::ChangedShort), board.t(Msg::ReviewedShort));
        text.push_str(&format!("  {}  {}", pad_left(c, cw), pad_left(r, rw)));
    }
    heading(board, text)
}

/// The widths of the label column and of the bars.
fn widths(board: &Board, rows: &[Row], inner: usize) -> (usize, usize) {
    let label_w = rows
        .iter()
        .filter_map(|r| r.recommendation)
        .map(|r| {
            width(&recommendation_label(
                board,
                board.report().recommendations[r].number,
            ))
        })
        .max()
        .unwrap_or(4)
        .max(width(board.t(Msg::Total)))
        + 1;
    let codes = board
        .report()
        .phase_scale
        .codes
        .len()
        .max(board.report().direction_scale.codes.len());
    let meeting_w = if board.room().state().is_some() {
        let (c, r) = meeting_widths(board);
        c + r + 4
    } else {
        0
    };
    let bar_w = inner
        .saturating_sub(label_w + 5 * codes + meeting_w + 1)
        .max(4);
    (label_w, bar_w)
}

fn draw(frame: &mut Frame, board: &Board, state: &Overview, body: Rect) {
    super::style::clear(frame, board, body);
    let b = block(board, board.t(Msg::OverviewTitle), true);
    let inner = b.inner(body);
    frame.render_widget(b, body);
    let rows = Overview::rows(board);
    let (label_w, bar_w) = widths(board, &rows, inner.width as usize);
    // On a projector each bar is two rows high.
    let tall = inner.height as usize >= 2 * rows.len() + 8;
    let mut lines = Vec::new();
    let mut cursor_line = 0;
    for (i, row) in rows.iter().enumerate() {
        let first_of_scale = i == 0 || rows[i - 1].field != row.field;
        if first_of_scale {
            if i > 0 {
                lines.push(Line::from(""));
            }
            lines.push(header_line(board, row.field, label_w, bar_w));
        }
        let cursor = (i == state.row).then_some(state.col);
        if cursor.is_some() {
            cursor_line = lines.len();
        }
        let line = row_line(board, *row, cursor, label_w, bar_w);
        if tall {
            // The same bar again, without its words.
            let n = counts(board, row.field, row.recommendation);
            let mut spans = vec![Span::raw(" ".repeat(label_w))];
            spans.extend(
                bar(board, row.field, &n, bar_w, cursor)
                    .into_iter()
                    .map(|s| {
                        let blank = " ".repeat(width(&s.content));
                        Span::styled(blank, s.style)
                    }),
            );
            lines.push(line);
            lines.push(Line::from(spans));
        } else {
            lines.push(line);
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        board.t(Msg::OverviewHint).to_string(),
        super::style::muted(board),
    )));
    // Keep the cursor's row in view on a short screen.
    let skip = cursor_line.saturating_sub(inner.height.saturating_sub(1) as usize);
    let shown: Vec<Line> = lines.into_iter().skip(skip).collect();
    frame.render_widget(Paragraph::new(shown), inner);
    // The cursor at the start of the selected segment (at its count when
    // the segment has no cell).
    if let Some(row) = rows.get(state.row) {
        let n = counts(board, row.field, row.recommendation);
        let total = n.iter().sum::<usize>().max(1);
        let cells = segments(&n, bar_w, total);
        let col = match cells.get(state.col) {
            Some(&c) if c > 0 => label_w + cells[..state.col].iter().sum::<usize>(),
            _ => label_w + bar_w + 5 * state.col,
        };
        let at = Rect {
            x: inner.x + (col as u16).min(inner.width.saturating_sub(1)),
            ..inner
        };
        super::focus(frame, at, cursor_line - skip);
    }
}

impl Draw<Canvas<'_>> for Overview {
    fn draw(&self, frame: &mut Frame, canvas: &Canvas, area: Rect) {
        draw(frame, canvas.board, self, area);
    }
}
