//! `o`: the overview. Per recommendation, the items by phase and by
//! direction as stacked bars with their counts, the totals, and in a meeting
//! how many items were changed and reviewed. `Enter` on a segment opens the
//! board on those items.

use super::{Nav, Outcome, Page};
use crate::board::action::{Action, Command};
use crate::board::keys::{Binding, When, bind};
use crate::board::state::Board;
use crate::domain::field::Field;
use crate::domain::presence::{Shown, View};
use crate::i18n::Msg;

/// The place of the cursor: a row (a recommendation of one scale, or the
/// total) and a code of that scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overview {
    /// Rows: every recommendation and the total for the phase, then the same
    /// for the direction.
    pub row: usize,
    pub col: usize,
}

/// What a row of the overview shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub field: Field,
    /// The recommendation's place in the report; None for the total.
    pub recommendation: Option<usize>,
}

impl Overview {
    pub fn new(_board: &Board) -> Overview {
        Overview { row: 0, col: 0 }
    }

    /// Every row, in the order shown.
    pub fn rows(board: &Board) -> Vec<Row> {
        let recs = board.report().recommendations.len();
        [Field::Phase, Field::Direction]
            .into_iter()
            .flat_map(|field| {
                (0..recs)
                    .map(Some)
                    .chain(std::iter::once(None))
                    .map(move |recommendation| Row {
                        field,
                        recommendation,
                    })
            })
            .collect()
    }

    fn codes(board: &Board, field: Field) -> usize {
        match field {
            Field::Direction => board.report().direction_scale.codes.len(),
            _ => board.report().phase_scale.codes.len(),
        }
    }

    /// The row under the cursor.
    pub fn current(&self, board: &Board) -> Option<Row> {
        Overview::rows(board).get(self.row).copied()
    }
}

impl Page for Overview {
    const SHOWN: Option<Shown> = Some(Shown::Overview);

    fn keys(_codes: &[Binding]) -> Vec<Binding> {
        use Command::*;
        vec![
            bind("Up k", Up, Msg::KeyMove).foot(Msg::FootMove, When::Always),
            bind("Down j", Down, Msg::KeyMove).foot(Msg::FootMove, When::Always),
            bind("Left h", Left, Msg::KeySegment),
            bind("Right l", Right, Msg::KeySegment),
            bind("Enter", Confirm, Msg::KeyOpenSegment).foot(Msg::FootShowItems, When::Always),
            bind("Esc o", Back, Msg::KeyClose).foot(Msg::FootBack, When::Always),
            bind("P", Present, Msg::KeyPresent),
            bind("?", Help, Msg::KeyHelp).foot(Msg::FootHelp, When::Always),
            bind("q", Quit, Msg::KeyQuit),
        ]
    }

    fn update(&mut self, board: &mut Board, action: Action) -> Outcome {
        let Action::Command(command) = action else {
            return Outcome::ignored();
        };
        let rows = Overview::rows(board);
        let width = |row: usize| {
            rows.get(row)
                .map(|r| Overview::codes(board, r.field))
                .unwrap_or(1)
        };
        match command {
            Command::Up => self.row = self.row.saturating_sub(1),
            Command::Down => self.row = (self.row + 1).min(rows.len().saturating_sub(1)),
            Command::Left => self.col = self.col.saturating_sub(1),
            Command::Right => self.col += 1,
            Command::Back => return Outcome::nav(Nav::Pop),
            Command::Confirm => {
                let Some(row) = rows.get(self.row).copied() else {
                    return Outcome::none();
                };
                let col = self.col.min(width(self.row).saturating_sub(1));
                return Outcome::from(board.show_segment(row.recommendation, row.field, col))
                    .then(Nav::Base);
            }
            _ => return Outcome::ignored(),
        }
        self.col = self.col.min(width(self.row).saturating_sub(1));
        Outcome::none()
    }

    fn publish(&self, _board: &Board, view: &mut View) {
        view.screen = Shown::Overview;
        view.cursor = (self.row, self.col);
    }

    fn open_for(view: &View, board: &Board) -> Option<Overview> {
        let rows = Overview::rows(board).len();
        Some(Overview {
            row: view.cursor.0.min(rows.saturating_sub(1)),
            col: view.cursor.1,
        })
    }
}
