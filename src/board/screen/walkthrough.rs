//! `p`: the walkthrough. The item on the agenda fills the screen, readable
//! from the back of a room; `Space` goes on, status keys, `m` and undo work
//! as on the board, `r` marks the item reviewed in the meeting.

use ratatui::crossterm::event::KeyCode;

use super::{Nav, Outcome, Screen};
use crate::board::action::{Action, Command};
use crate::board::keymap::{Binding, When, bind, ch, key};
use crate::board::state::Board;
use crate::domain::model::ItemRef;
use crate::i18n::Msg;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walkthrough {
    /// The ids of the items to walk, in source order.
    pub agenda: Vec<String>,
    /// The place on the agenda.
    pub pos: usize,
    /// How far the item's text is scrolled.
    pub scroll: usize,
    /// On a follower's board: the place on the presenter's agenda (1-based)
    /// and its length, shown instead of this board's own.
    pub shown_place: Option<(usize, usize)>,
}

impl Walkthrough {
    /// The open meeting's agenda, at its first item not yet reviewed; without
    /// a meeting what the board shows (its search and filters), at the
    /// selected item.
    pub fn new(board: &Board) -> Walkthrough {
        // A closed meeting is still walked on its own agenda (to read it).
        let (agenda, pos) = match board.meeting.as_ref().map(|s| &s.meeting) {
            Some(m) => {
                let agenda: Vec<String> = m.agenda.iter().map(|e| e.item.clone()).collect();
                let pos = m
                    .agenda
                    .iter()
                    .position(|e| e.reviewed.is_none())
                    .unwrap_or(0);
                (agenda, pos)
            }
            None => {
                let agenda = board.agenda_now();
                let selected = board.selected_item().map(|r| r.item.id.clone());
                let pos = agenda
                    .iter()
                    .position(|id| Some(id) == selected.as_ref())
                    .unwrap_or(0);
                (agenda, pos)
            }
        };
        Walkthrough {
            agenda,
            pos,
            scroll: 0,
            shown_place: None,
        }
    }

    /// The place on the agenda (1-based) and its length, as shown.
    pub fn place(&self) -> Option<(usize, usize)> {
        self.shown_place
            .or_else(|| (!self.agenda.is_empty()).then(|| (self.pos + 1, self.agenda.len())))
    }

    /// The id of the item on screen.
    pub fn current(&self) -> Option<&str> {
        self.agenda.get(self.pos).map(String::as_str)
    }

    pub fn item<'a>(&self, board: &'a Board) -> Option<ItemRef<'a>> {
        board.report().item(self.current()?)
    }

    fn go(&mut self, board: &mut Board, pos: usize) {
        self.pos = pos.min(self.agenda.len().saturating_sub(1));
        self.scroll = 0;
        self.shown_place = None;
        // The board follows, so that Esc comes back to the same item.
        if let Some(id) = self.current().map(str::to_string) {
            let index = board.report().items().position(|r| r.item.id == id);
            if let Some(i) = index.filter(|&i| board.outline.is_shown_item(i)) {
                board.select(|o| {
                    o.select_item(i);
                });
            }
        }
    }

    /// The first item of the next (or previous) recommendation on the agenda.
    fn recommendation_step(&self, board: &Board, forward: bool) -> usize {
        let number = |id: &str| board.report().item(id).map(|r| r.recommendation.number);
        let here = self.current().and_then(number);
        let positions: Vec<usize> = if forward {
            (self.pos + 1..self.agenda.len()).collect()
        } else {
            (0..self.pos).rev().collect()
        };
        let next = positions
            .into_iter()
            .find(|&p| number(&self.agenda[p]) != here);
        match (next, forward) {
            (Some(p), true) => p,
            // Back: to the first item of that recommendation.
            (Some(p), false) => {
                let that = number(&self.agenda[p]);
                (0..=p)
                    .rev()
                    .take_while(|&q| number(&self.agenda[q]) == that)
                    .last()
                    .unwrap_or(p)
            }
            (None, _) => self.pos,
        }
    }
}

pub fn keys(codes: &[Binding]) -> Vec<Binding> {
    use Command::*;
    let mut table = vec![
        bind(
            &[ch(' '), key(KeyCode::Right), key(KeyCode::PageDown)],
            NextItem,
            Msg::KeyNextItem,
        )
        .foot(Msg::FootNextItem, When::Always),
        bind(
            &[key(KeyCode::Left), key(KeyCode::PageUp)],
            PreviousItem,
            Msg::KeyPreviousItem,
        )
        .foot(Msg::FootPreviousItem, When::Always),
        bind(&[ch(']')], NextRecommendation, Msg::KeyRecommendation),
        bind(&[ch('[')], PreviousRecommendation, Msg::KeyRecommendation),
        bind(&[ch('g'), key(KeyCode::Home)], First, Msg::KeyFirstLast),
        bind(&[ch('G'), key(KeyCode::End)], Last, Msg::KeyFirstLast),
        bind(&[key(KeyCode::Up), ch('k')], Up, Msg::KeyScroll),
        bind(&[key(KeyCode::Down), ch('j')], Down, Msg::KeyScroll),
        bind(&[ch('r')], MarkReviewed, Msg::KeyMarkReviewed).foot(Msg::FootReviewed, When::Always),
        bind(&[ch('w')], Minutes, Msg::KeyMinutes),
        bind(&[ch('o')], Overview, Msg::KeyOverview),
        bind(&[ch('P')], Present, Msg::KeyPresent),
    ];
    table.extend(codes.iter().cloned());
    table.extend(super::editing::edit_keys());
    table.extend([
        bind(&[key(KeyCode::Esc)], Back, Msg::KeyBackToBoard).foot(Msg::FootBoard, When::Always),
        bind(&[ch('?')], Help, Msg::KeyHelp).foot(Msg::FootHelp, When::Always),
        bind(&[ch('q')], Quit, Msg::KeyQuit),
    ]);
    table
}

pub fn update(state: &mut Walkthrough, board: &mut Board, action: Action) -> Outcome {
    let Action::Command(command) = action else {
        return Outcome::none();
    };
    let target = state.current().map(str::to_string);
    if let Some(outcome) = super::editing::edit_command(board, &command, target.clone()) {
        return outcome;
    }
    let last = state.agenda.len().saturating_sub(1);
    match command {
        Command::NextItem => state.go(board, state.pos + 1),
        Command::PreviousItem => state.go(board, state.pos.saturating_sub(1)),
        Command::NextRecommendation => state.go(board, state.recommendation_step(board, true)),
        Command::PreviousRecommendation => state.go(board, state.recommendation_step(board, false)),
        Command::First => state.go(board, 0),
        Command::Last => state.go(board, last),
        Command::Up => state.scroll = state.scroll.saturating_sub(1),
        Command::Down => state.scroll += 1,
        Command::MarkReviewed => {
            let Some(id) = target else {
                return Outcome::none();
            };
            let was = board.open_meeting().is_some_and(|m| m.is_reviewed(&id));
            let effects = board.toggle_reviewed(&id);
            // Marked: on to the next item.
            if !effects.is_empty() && !was {
                state.go(board, (state.pos + 1).min(last));
            }
            return effects.into();
        }
        Command::Overview => {
            let overview = super::overview::Overview::new(board);
            return Outcome::nav(Nav::Push(Screen::Overview(overview)));
        }
        Command::Minutes => return board.write_minutes().into(),
        Command::Back => return Outcome::nav(Nav::Pop),
        _ => {}
    }
    Outcome::none()
}
