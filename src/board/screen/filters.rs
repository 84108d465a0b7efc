//! `f`: the filter panel: each phase code, each direction code, relisted
//! rows, and the department picker.

use ratatui::crossterm::event::KeyCode;

use super::{Nav, Outcome, Screen};
use crate::board::action::{Action, Command};
use crate::board::keymap::{Binding, When, bind, ch, key};
use crate::board::state::Board;
use crate::i18n::Msg;

/// A row of the filter panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterRow {
    Phase(String),
    Direction(String),
    HideRelisted,
    /// In a meeting: only the items changed in it / not reviewed yet.
    ChangedHere,
    NotReviewed,
    Departments,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterPanel {
    pub rows: Vec<FilterRow>,
    pub cursor: usize,
}

impl FilterPanel {
    pub fn new(board: &Board) -> FilterPanel {
        let report = board.report();
        let mut rows: Vec<FilterRow> = report
            .phase_scale
            .codes
            .iter()
            .map(|c| FilterRow::Phase(c.code.clone()))
            .collect();
        rows.extend(
            report
                .direction_scale
                .codes
                .iter()
                .map(|c| FilterRow::Direction(c.code.clone())),
        );
        rows.push(FilterRow::HideRelisted);
        if board.meeting.is_some() {
            rows.extend([FilterRow::ChangedHere, FilterRow::NotReviewed]);
        }
        rows.push(FilterRow::Departments);
        FilterPanel { rows, cursor: 0 }
    }
}

pub fn keys() -> Vec<Binding> {
    vec![
        bind(&[key(KeyCode::Up), ch('k')], Command::Up, Msg::KeyMove)
            .foot(Msg::FootMove, When::Always),
        bind(&[key(KeyCode::Down), ch('j')], Command::Down, Msg::KeyMove)
            .foot(Msg::FootMove, When::Always),
        bind(
            &[ch(' '), key(KeyCode::Enter)],
            Command::Toggle,
            Msg::KeyToggleFilter,
        )
        .foot(Msg::FootToggle, When::Always),
        bind(
            &[ch('c'), ch('F')],
            Command::ClearFilters,
            Msg::KeyClearFilters,
        )
        .foot(Msg::FootClear, When::Always),
        bind(
            &[key(KeyCode::Esc), ch('f'), ch('q')],
            Command::Back,
            Msg::KeyClose,
        )
        .foot(Msg::FootBack, When::Always),
        bind(&[ch('?')], Command::Help, Msg::KeyHelp),
    ]
}

fn flip(set: &mut std::collections::BTreeSet<String>, code: &str) {
    if !set.remove(code) {
        set.insert(code.to_string());
    }
}

pub fn update(state: &mut FilterPanel, board: &mut Board, action: Action) -> Outcome {
    let Action::Command(command) = action else {
        return Outcome::none();
    };
    match command {
        Command::Up => state.cursor = state.cursor.saturating_sub(1),
        Command::Down => state.cursor = (state.cursor + 1).min(state.rows.len().saturating_sub(1)),
        Command::Back => return Outcome::nav(Nav::Pop),
        Command::ClearFilters => return board.clear_filters().into(),
        Command::Toggle => {
            match state.rows.get(state.cursor) {
                Some(FilterRow::Phase(c)) => flip(&mut board.filters.phases, c),
                Some(FilterRow::Direction(c)) => flip(&mut board.filters.directions, c),
                Some(FilterRow::HideRelisted) => {
                    board.filters.hide_relisted = !board.filters.hide_relisted
                }
                Some(FilterRow::ChangedHere) => {
                    board.meeting_filters.changed_here = !board.meeting_filters.changed_here
                }
                Some(FilterRow::NotReviewed) => {
                    board.meeting_filters.not_reviewed = !board.meeting_filters.not_reviewed
                }
                Some(FilterRow::Departments) => {
                    let picker = super::departments::DepartmentPicker::new(board);
                    return Outcome::nav(Nav::Push(Screen::Departments(picker)));
                }
                None => return Outcome::none(),
            }
            return board.request_search().into();
        }
        _ => {}
    }
    Outcome::none()
}
