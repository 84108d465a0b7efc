//! The popups: filters, departments, the code picker, which text to edit,
//! and a conflict.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::Canvas;
use super::style::{check, popup, push_wrapped, reversed, symbols};
use crate::board::screen::Draw;
use crate::board::screen::confirm_edit::ConfirmEdit;
use crate::board::screen::conflict::ConflictDialog;
use crate::board::screen::departments::DepartmentPicker;
use crate::board::screen::edit_which::{EditWhich, TEXTS};
use crate::board::screen::filters::{FilterPanel, FilterRow};
use crate::board::screen::picker::CodePicker;
use crate::board::search::Filter;
use crate::board::state::Board;
use crate::domain::field::Conflict;
use crate::domain::field::Field;
use crate::domain::model::Scale;
use crate::i18n::Msg;
use crate::text::visible;
use crate::text::width::{cursor_column, pad, truncate, width};

/// A popup holding a list of `rows`, `w` columns wide.
fn list_popup(
    frame: &mut Frame,
    board: &Board,
    body: Rect,
    w: u16,
    title: Msg,
    rows: Vec<String>,
    cursor: usize,
) {
    let inner = popup(frame, board, body, w, rows.len() as u16 + 2, board.t(title));
    let lines = list(board, rows.into_iter(), cursor, inner.width as usize);
    frame.render_widget(Paragraph::new(lines), inner);
    super::focus(frame, inner, cursor);
}

/// Rows of a list, the one under the cursor reversed.
fn list<'a>(
    board: &Board,
    rows: impl Iterator<Item = String>,
    cursor: usize,
    w: usize,
) -> Vec<Line<'a>> {
    let ell = symbols(board).ellipsis;
    rows.enumerate()
        .map(|(i, text)| {
            let line = Line::from(pad(&text, w, ell));
            if i == cursor {
                line.patch_style(reversed())
            } else {
                line
            }
        })
        .collect()
}

fn code_row(scale: &Scale, code: &str, on: bool) -> String {
    let meaning = scale.meaning(code).unwrap_or_default();
    visible(&format!("{}{} {code} {meaning}", check(on), scale.name)).into_owned()
}

/// The filter panel's rows, as shown.
pub fn filter_rows(board: &Board, state: &FilterPanel) -> Vec<String> {
    let report = board.report();
    let f = board.search().filters();
    let m = board.search().meeting_filters();
    let on_off = |on: bool, msg: Msg| format!("{}{}", check(on), board.t(msg));
    let rows = state.rows.iter().map(|row| match row {
        FilterRow::Flip(Filter::Phase(c)) => code_row(&report.phase_scale, c, f.phases.contains(c)),
        FilterRow::Flip(Filter::Direction(c)) => {
            code_row(&report.direction_scale, c, f.directions.contains(c))
        }
        FilterRow::Flip(Filter::ChangedHere) => on_off(m.changed_here, Msg::FilterChangedHere),
        FilterRow::Flip(Filter::NotReviewed) => on_off(m.not_reviewed, Msg::FilterNotReviewed),
        FilterRow::Flip(Filter::SinceBase(_)) => {
            on_off(m.since_base.is_some(), Msg::FilterSinceBase)
        }
        FilterRow::Flip(Filter::HideRelisted) => on_off(f.hide_relisted, Msg::FilterHideRelisted),
        FilterRow::Flip(Filter::Department(d)) => {
            on_off(f.departments.contains(d), Msg::FilterDepartments)
        }
        FilterRow::Departments => {
            let chosen: Vec<&str> = f.departments.iter().map(String::as_str).collect();
            visible(&format!(
                "    {} {}",
                board.t(Msg::FilterDepartments),
                chosen.join(", ")
            ))
            .into_owned()
        }
    });
    rows.collect()
}

fn filters(frame: &mut Frame, board: &Board, state: &FilterPanel, body: Rect) {
    let rows = filter_rows(board, state);
    list_popup(frame, board, body, 64, Msg::FilterTitle, rows, state.cursor);
}

fn departments(frame: &mut Frame, board: &Board, state: &DepartmentPicker, body: Rect) {
    let inner = popup(
        frame,
        board,
        body,
        64,
        body.height,
        board.t(Msg::DepartmentsTitle),
    );
    if inner.height == 0 {
        return;
    }
    let iw = inner.width as usize;
    let prompt = "> ";
    let mut lines = vec![Line::from(truncate(
        &format!("{prompt}{}", state.input.text),
        iw,
        "",
    ))];
    let height = inner.height.saturating_sub(1) as usize;
    let offset = state.cursor.saturating_sub(height.saturating_sub(1));
    if state.choices.is_empty() {
        lines.push(Line::from(format!("  {}", board.t(Msg::NoMatches))));
    }
    let rows = state.choices.iter().map(|d| {
        visible(&format!(
            "{}{d}",
            check(board.search().filters().departments.contains(d))
        ))
        .into_owned()
    });
    let listed = list(board, rows, state.cursor, iw);
    lines.extend(listed.into_iter().skip(offset).take(height));
    frame.render_widget(Paragraph::new(lines), inner);
    let col = width(prompt) + cursor_column(&state.input.text, state.input.cursor);
    frame.set_cursor_position(Position::new(
        inner.x + col.min(iw.saturating_sub(1)) as u16,
        inner.y,
    ));
}

/// The code picker's rows, as shown.
pub fn picker_rows(board: &Board, state: &CodePicker) -> Vec<String> {
    let report = board.report();
    let item = board.report().item(&state.item);
    let rows = state.rows.iter().map(|(field, code)| {
        let scale = if *field == Field::Phase {
            &report.phase_scale
        } else {
            &report.direction_scale
        };
        let current = item.as_ref().is_some_and(|r| &field.get(r.item) == code);
        code_row(scale, code, current)
    });
    rows.collect()
}

fn picker(frame: &mut Frame, board: &Board, state: &CodePicker, body: Rect) {
    let rows = picker_rows(board, state);
    list_popup(frame, board, body, 64, Msg::PickerTitle, rows, state.cursor);
}

fn edit_which(frame: &mut Frame, board: &Board, state: &EditWhich, body: Rect) {
    let rows = TEXTS
        .iter()
        .map(|f| f.label(board.report(), board.options().lang));
    list_popup(
        frame,
        board,
        body,
        40,
        Msg::EditWhichTitle,
        rows.collect(),
        state.cursor,
    );
}

fn conflict(frame: &mut Frame, board: &Board, c: &Conflict, body: Rect) {
    let inner = popup(frame, board, body, 70, 12, board.t(Msg::ConflictTitle));
    let w = inner.width as usize;
    let label = c.field.label(board.report(), board.options().lang);
    let mut lines = Vec::new();
    push_wrapped(&mut lines, &visible(&format!("{} {label}", c.item)), w, 0);
    for (m, value) in [
        (Msg::ConflictSeen, &c.seen),
        (Msg::ConflictNow, &c.theirs),
        (Msg::ConflictYours, &c.ours),
    ] {
        push_wrapped(
            &mut lines,
            &visible(&format!("{}: {value}", board.t(m))),
            w,
            2,
        );
    }
    lines.push(Line::from(""));
    lines.push(Line::from(board.t(Msg::ConflictTheirs)));
    lines.push(Line::from(board.t(Msg::ConflictMine)));
    frame.render_widget(Paragraph::new(lines), inner);
    super::focus(frame, inner, 0);
}

impl Draw<Canvas<'_>> for FilterPanel {
    fn draw(&self, frame: &mut Frame, canvas: &Canvas, area: Rect) {
        filters(frame, canvas.board, self, area);
    }
}

impl Draw<Canvas<'_>> for DepartmentPicker {
    fn draw(&self, frame: &mut Frame, canvas: &Canvas, area: Rect) {
        departments(frame, canvas.board, self, area);
    }
}

impl Draw<Canvas<'_>> for CodePicker {
    fn draw(&self, frame: &mut Frame, canvas: &Canvas, area: Rect) {
        picker(frame, canvas.board, self, area);
    }
}

impl Draw<Canvas<'_>> for EditWhich {
    fn draw(&self, frame: &mut Frame, canvas: &Canvas, area: Rect) {
        edit_which(frame, canvas.board, self, area);
    }
}

impl Draw<Canvas<'_>> for ConflictDialog {
    fn draw(&self, frame: &mut Frame, canvas: &Canvas, area: Rect) {
        if let Some(held) = canvas.board.edits().held() {
            conflict(frame, canvas.board, &held.conflict, area);
        }
    }
}

/// The question before a code's key saves.
impl Draw<Canvas<'_>> for ConfirmEdit {
    fn draw(&self, frame: &mut Frame, canvas: &Canvas, area: Rect) {
        let board = canvas.board;
        let question = crate::text::visible(&self.question(board)).into_owned();
        let w = (crate::text::width::width(&question) as u16 + 4).max(20);
        let inner = super::style::popup(frame, board, area, w, 3, "");
        let line = crate::text::width::truncate(&question, inner.width as usize, "…");
        frame.render_widget(ratatui::widgets::Paragraph::new(line), inner);
        super::focus(frame, inner, 0);
    }
}
