//! The walkthrough, for a projector: the item on the agenda in a calm layout,
//! its phase and direction large with their meanings (and how they changed in
//! the meeting), and where the meeting stands.

mod codes;

use super::detail::old_lines;
use crate::domain::compare::Which;
use codes::{code_lines, draw_codes};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Canvas;
use super::style::{bold, color, heading, push_wrapped, recommendation_label};
use crate::board::screen::Draw;
use crate::board::screen::walkthrough::Walkthrough;
use crate::board::state::Board;
use crate::domain::export::circled;
use crate::domain::field::Field;
use crate::domain::model::ItemRef;
use crate::domain::presence::Pointed;
use crate::i18n::Msg;
use crate::text::visible;
use crate::text::width::{pad, truncate, width};

/// Side by side from this width: the texts on the left, the codes on the right.
const TWO_COLUMNS: u16 = 100;

fn draw(frame: &mut Frame, board: &Board, state: &Walkthrough, body: Rect) {
    super::style::clear(frame, board, body);
    let Some(r) = state.item(board) else {
        let said = match state.current() {
            Some(id) => Msg::AgendaItemGone.fill(board.options().lang, &[("id", &visible(id))]),
            None => board.t(Msg::AgendaEmpty).to_string(),
        };
        let line = Line::from(Span::styled(format!("  {said}"), bold()));
        frame.render_widget(Paragraph::new(line), body);
        return;
    };
    let [top, main, bottom] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(body);
    draw_top(frame, board, &r, top);
    // The cursor on the item's title line, or on the field pointed at.
    super::focus(frame, top.inner(ratatui::layout::Margin::new(1, 0)), 0);
    draw_progress(frame, board, state, bottom);
    let inner = Rect {
        x: main.x + 1,
        width: main.width.saturating_sub(2),
        ..main
    };
    let pointer = state.pointer;
    if inner.width >= TWO_COLUMNS {
        // Lines of text no longer than a reader's eye can follow on a wall.
        let left_w = (inner.width * 3 / 5).min(96);
        let [left, _, right] = Layout::horizontal([
            Constraint::Length(left_w),
            Constraint::Length(4),
            Constraint::Min(20),
        ])
        .areas(inner);
        let w = left.width as usize;
        let mut lines = Pointing::new(pointer);
        text_lines(&mut lines, board, &r, w);
        remark_lines(&mut lines, board, &r, w);
        lines.show(frame, state.scroll, left);
        draw_codes(frame, board, &r, pointer, right);
    } else {
        let w = inner.width as usize;
        let mut lines = Pointing::new(pointer);
        code_lines(&mut lines, board, &r, w);
        lines.blank();
        text_lines(&mut lines, board, &r, w);
        lines.blank();
        department_lines(&mut lines, board, &r, w);
        remark_lines(&mut lines, board, &r, w);
        lines.show(frame, state.scroll, inner);
    }
}

/// The lines of a column, and where the field pointed at starts.
struct Pointing<'a> {
    lines: Vec<Line<'a>>,
    pointer: Option<Pointed>,
    anchor: Option<usize>,
}

impl<'a> Pointing<'a> {
    fn new(pointer: Option<Pointed>) -> Pointing<'a> {
        Pointing {
            lines: Vec::new(),
            pointer,
            anchor: None,
        }
    }

    fn blank(&mut self) {
        self.lines.push(Line::from(""));
    }

    /// A field's title: the field pointed at is marked with `▶` (`>` in
    /// ASCII) and drawn reversed, so that it shows without colour too.
    fn title(&mut self, board: &Board, field: Pointed, spans: Vec<Span<'a>>) {
        if self.pointer != Some(field) {
            self.lines.push(Line::from(spans));
            return;
        }
        self.anchor = Some(self.lines.len());
        self.lines.push(pointed_line(board, spans));
    }

    /// Drawn in `area`, scrolled by `by` unless that hides the field
    /// pointed at: then from it.
    fn show(mut self, frame: &mut Frame, by: usize, area: Rect) {
        let height = area.height as usize;
        let by = match self.anchor {
            Some(a) if a < by || a >= by + height => a,
            _ => by,
        };
        let by = by.min(self.lines.len().saturating_sub(height));
        self.lines.drain(..by);
        frame.render_widget(Paragraph::new(self.lines), area);
        if let Some(a) = self.anchor.filter(|a| *a >= by && *a < by + height) {
            super::focus(frame, area, a - by);
        }
    }
}

/// `spans` as the title of the field pointed at.
fn pointed_line<'a>(board: &Board, spans: Vec<Span<'a>>) -> Line<'a> {
    let marker = if board.options().ascii { "> " } else { "▶ " };
    let mark = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
    let mut out = vec![Span::styled(marker, bold())];
    out.extend(spans.into_iter().map(|s| {
        let style = s.style.patch(mark);
        s.style(style)
    }));
    Line::from(out)
}

/// The breadcrumb (提言 3 › ④ › 方針 エ › 取組 (イ)), the item's id and
/// whether it was reviewed; the recommendation's and point's titles.
fn draw_top(frame: &mut Frame, board: &Board, r: &ItemRef, area: Rect) {
    let w = area.width as usize;
    let sep = if board.options().ascii {
        " > "
    } else {
        " › "
    };
    let mut crumbs = vec![
        recommendation_label(board, r.recommendation.number),
        circled(r.point.number),
        format!(
            "{} {}",
            board.t(Msg::Policy),
            visible(&r.point.policy.label)
        ),
    ];
    if let Some(label) = r.measure_label() {
        crumbs.push(format!(
            "{} {}",
            board.t(Msg::MeasureShort),
            visible(&label)
        ));
    }
    let reviewed = board
        .room()
        .open_meeting()
        .is_some_and(|m| m.is_reviewed(&r.item.id));
    let mark = if reviewed {
        board.t(Msg::ReviewedMark)
    } else {
        ""
    };
    // The place on the agenda is the progress line's, once.
    let right = format!("{mark}  {} ", visible(&r.item.id));
    let left = format!(" {}", crumbs.join(sep));
    let left_w = w.saturating_sub(width(&right));
    let first = Line::from(vec![
        Span::styled(pad(&left, left_w, "…"), bold()),
        Span::styled(right, color(board, board.theme().accent)),
    ]);
    let dim = super::style::muted(board);
    let titles = [
        format!(
            " {} {}",
            recommendation_label(board, r.recommendation.number),
            visible(&r.recommendation.title)
        ),
        format!(" {} {}", circled(r.point.number), visible(&r.point.title)),
    ];
    let mut lines = vec![first];
    lines.extend(
        titles
            .iter()
            .map(|t| Line::from(Span::styled(truncate(t, w, "…"), dim))),
    );
    frame.render_widget(Paragraph::new(lines), area);
}

/// Measure, progress and self-assessment, wrapped, with room around them.
fn text_lines(out: &mut Pointing, board: &Board, r: &ItemRef, w: usize) {
    let label = r
        .measure_label()
        .map(|l| format!(" {}", visible(&l)))
        .unwrap_or_default();
    let measure = r
        .measure
        .text
        .clone()
        .unwrap_or_else(|| board.t(Msg::NoMeasure).to_string());
    let or_empty = |s: &str| {
        if s.trim().is_empty() {
            board.t(Msg::Empty).to_string()
        } else {
            s.to_string()
        }
    };
    let changed = |field| {
        let c = board
            .room()
            .state()
            .and_then(|m| m.change_of(&r.item.id, field));
        c.map(|_| format!("  ({})", board.t(Msg::ChangedInMeeting)))
            .unwrap_or_default()
    };
    let parts = [
        (
            Pointed::Measure,
            format!("{}{label}", board.t(Msg::Measure)),
            measure,
        ),
        (
            Pointed::Progress,
            format!("{}{}", board.t(Msg::Progress), changed(Field::Progress)),
            or_empty(&r.item.progress),
        ),
        (
            Pointed::Assessment,
            format!("{}{}", board.t(Msg::Assessment), changed(Field::Assessment)),
            or_empty(&r.item.assessment),
        ),
    ];
    for (i, (field, title, text)) in parts.into_iter().enumerate() {
        if i > 0 {
            out.blank();
        }
        out.title(board, field, heading(board, title).spans);
        push_wrapped(&mut out.lines, &text, w, 2);
        let which = match field {
            Pointed::Progress => Which::Progress,
            Pointed::Assessment => Which::Assessment,
            _ => continue,
        };
        old_lines(&mut out.lines, board, &r.item.id, which, w);
    }
}

fn department_lines(out: &mut Pointing, board: &Board, r: &ItemRef, w: usize) {
    let title = heading(board, board.t(Msg::Departments).to_string());
    out.title(board, Pointed::Departments, title.spans);
    for d in &r.item.departments {
        push_wrapped(&mut out.lines, d, w, 2);
    }
}

/// What was said about the item in the meeting (発言要旨), each with when
/// and who recorded it: only in a meeting.
fn remark_lines(out: &mut Pointing, board: &Board, r: &ItemRef, w: usize) {
    let Some(state) = board.room().state() else {
        return;
    };
    out.blank();
    let title = heading(board, board.t(Msg::Remarks).to_string());
    out.title(board, Pointed::Remarks, title.spans);
    let remarks = state.meeting.remarks_of(&r.item.id);
    if remarks.is_empty() {
        push_wrapped(&mut out.lines, board.t(Msg::NoRemarks), w, 2);
    }
    for remark in remarks {
        let when = remark.at.get(11..16).unwrap_or_default();
        let who = visible(&remark.by);
        let said = match (when.is_empty(), who.is_empty()) {
            (true, true) => visible(&remark.text).into_owned(),
            _ => format!("{when} {who}: {}", visible(&remark.text)),
        };
        push_wrapped(&mut out.lines, &said, w, 2);
    }
}

/// Where the walk stands on the agenda: a bar, and the place in words
/// (「議題 3 / 88」). How many items were reviewed is the header's, once.
fn draw_progress(frame: &mut Frame, board: &Board, state: &Walkthrough, area: Rect) {
    let (at, of) = state.place().unwrap_or((0, 0));
    let total = of.max(1);
    let place = Msg::AgendaPlace.fill(board.options().lang, &[("at", &at), ("of", &of)]);
    let right = format!(" {place} ");
    let bar_w = (area.width as usize).saturating_sub(width(&right) + 2);
    let done = at.min(total).saturating_mul(bar_w) / total;
    let (full, empty) = if board.options().ascii {
        ("#", "-")
    } else {
        ("█", "░")
    };
    // The whole bar on its own background, the rest of the way muted.
    let bar = board.theme().bar;
    let line = Line::from(vec![
        Span::raw(" "),
        Span::styled(full.repeat(done), color(board, bar)),
        Span::styled(
            empty.repeat(bar_w - done),
            color(board, bar.patch(board.theme().muted)),
        ),
        Span::raw(" "),
        Span::styled(right, bold()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

impl Draw<Canvas<'_>> for Walkthrough {
    fn draw(&self, frame: &mut Frame, canvas: &Canvas, area: Rect) {
        draw(frame, canvas.board, self, area);
    }
}
