//! `o`: the overview. Per recommendation, the items by phase and by
//! direction as stacked bars with their counts, the totals, and in a meeting
//! how many items were changed and reviewed. `Enter` on a segment opens the
//! board on those items.

use ratatui::crossterm::event::KeyCode;

use super::{Nav, Outcome};
use crate::board::action::{Action, Command};
use crate::board::keymap::{Binding, When, bind, ch, key};
use crate::board::state::Board;
use crate::domain::field::Field;
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

pub fn keys() -> Vec<Binding> {
    use Command::*;
    vec![
        bind(&[key(KeyCode::Up), ch('k')], Up, Msg::KeyMove).foot(Msg::FootMove, When::Always),
        bind(&[key(KeyCode::Down), ch('j')], Down, Msg::KeyMove).foot(Msg::FootMove, When::Always),
        bind(&[key(KeyCode::Left), ch('h')], Left, Msg::KeySegment),
        bind(&[key(KeyCode::Right), ch('l')], Right, Msg::KeySegment),
        bind(&[key(KeyCode::Enter)], Confirm, Msg::KeyOpenSegment)
            .foot(Msg::FootShowItems, When::Always),
        bind(&[key(KeyCode::Esc), ch('o')], Back, Msg::KeyClose).foot(Msg::FootBack, When::Always),
        bind(&[ch('P')], Present, Msg::KeyPresent),
        bind(&[ch('?')], Help, Msg::KeyHelp).foot(Msg::FootHelp, When::Always),
        bind(&[ch('q')], Quit, Msg::KeyQuit),
    ]
}

pub fn update(state: &mut Overview, board: &mut Board, action: Action) -> Outcome {
    let Action::Command(command) = action else {
        return Outcome::none();
    };
    let rows = Overview::rows(board);
    let width = |row: usize| {
        rows.get(row)
            .map(|r| Overview::codes(board, r.field))
            .unwrap_or(1)
    };
    match command {
        Command::Up => state.row = state.row.saturating_sub(1),
        Command::Down => state.row = (state.row + 1).min(rows.len().saturating_sub(1)),
        Command::Left => state.col = state.col.saturating_sub(1),
        Command::Right => state.col += 1,
        Command::Back => return Outcome::nav(Nav::Pop),
        Command::Confirm => {
            let Some(row) = rows.get(state.row).copied() else {
                return Outcome::none();
            };
            let col = state.col.min(width(state.row).saturating_sub(1));
            return Outcome::from(board.show_segment(row.recommendation, row.field, col))
                .then(Nav::Base);
        }
        _ => {}
    }
    state.col = state.col.min(width(state.row).saturating_sub(1));
    Outcome::none()
}
