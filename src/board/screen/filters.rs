//! `f`: the filter panel: each phase code, each direction code, relisted
//! rows, and the department picker.

use super::{Nav, Outcome, Page, Screen};
use crate::board::action::{Action, Command};
use crate::board::keys::{Binding, When, bind};
use crate::board::search::{Filter, SearchMsg};
use crate::board::state::Board;
use crate::i18n::Msg;

/// A row of the filter panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterRow {
    /// A filter turned on and off here.
    Flip(Filter),
    /// The department picker.
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
        let phases = report
            .phase_scale
            .codes
            .iter()
            .map(|c| Filter::Phase(c.code.clone()));
        let directions = report
            .direction_scale
            .codes
            .iter()
            .map(|c| Filter::Direction(c.code.clone()));
        let mut rows: Vec<FilterRow> = phases.chain(directions).map(FilterRow::Flip).collect();
        rows.push(FilterRow::Flip(Filter::HideRelisted));
        if board.room().state().is_some() {
            rows.extend([
                FilterRow::Flip(Filter::ChangedHere),
                FilterRow::Flip(Filter::NotReviewed),
            ]);
        }
        if let Some(earlier) = board.earlier() {
            rows.push(FilterRow::Flip(Filter::SinceBase(std::sync::Arc::new(
                earlier.ids(),
            ))));
        }
        rows.push(FilterRow::Departments);
        FilterPanel { rows, cursor: 0 }
    }
}

impl Page for FilterPanel {
    fn keys(_codes: &[Binding]) -> Vec<Binding> {
        vec![
            bind("Up k", Command::Up, Msg::KeyMove).foot(Msg::FootMove, When::Always),
            bind("Down j", Command::Down, Msg::KeyMove).foot(Msg::FootMove, When::Always),
            bind("Space Enter", Command::Toggle, Msg::KeyToggleFilter)
                .foot(Msg::FootToggle, When::Always),
            bind("c F", Command::ClearFilters, Msg::KeyClearFilters)
                .foot(Msg::FootClear, When::Always),
            bind("Esc f q", Command::Back, Msg::KeyClose).foot(Msg::FootBack, When::Always),
            bind("?", Command::Help, Msg::KeyHelp),
        ]
    }

    fn update(&mut self, board: &mut Board, action: Action) -> Outcome {
        let Action::Command(command) = action else {
            return Outcome::ignored();
        };
        match command {
            Command::Up => self.cursor = self.cursor.saturating_sub(1),
            Command::Down => self.cursor = (self.cursor + 1).min(self.rows.len().saturating_sub(1)),
            Command::Back => return Outcome::nav(Nav::Pop),
            Command::ClearFilters => return board.search_msg(SearchMsg::ClearFilters).into(),
            Command::Toggle => match self.rows.get(self.cursor) {
                Some(FilterRow::Flip(filter)) => {
                    return board.search_msg(SearchMsg::Flip(filter.clone())).into();
                }
                Some(FilterRow::Departments) => {
                    let picker = super::departments::DepartmentPicker::new(board);
                    return Outcome::nav(Nav::Push(Screen::Departments(picker)));
                }
                None => {}
            },
            _ => return Outcome::ignored(),
        }
        Outcome::none()
    }
}
