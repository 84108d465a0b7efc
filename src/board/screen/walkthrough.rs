//! `p`: the walkthrough. The item on the agenda fills the screen, readable
//! from the back of a room; `Space` goes on, status keys, `m` and undo work
//! as on the board, `r` marks the item reviewed in the meeting.

use super::{Nav, Outcome, Page, Screen};
use crate::board::action::{Action, Command};
use crate::board::keys::{Binding, When, bind};
use crate::board::meeting::RoomMsg;
use crate::board::state::Board;
use crate::domain::model::ItemRef;
use crate::domain::presence::{Pointed, Shown, View};
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
    /// The field pointed at (`Tab`), marked on every follower's screen too.
    pub pointer: Option<Pointed>,
}

impl Walkthrough {
    /// The open meeting's agenda, at its first item not yet reviewed; without
    /// a meeting what the board shows (its search and filters), at the
    /// selected item.
    pub fn new(board: &Board) -> Walkthrough {
        // A closed meeting is still walked on its own agenda (to read it).
        let (agenda, pos) = match board.room().state().map(|s| &s.meeting) {
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
            pointer: None,
        }
    }

    /// A walkthrough opened now: as [`Walkthrough::new`], the board's
    /// selection on its item.
    pub fn opened(board: &mut Board) -> Walkthrough {
        let walk = Walkthrough::new(board);
        walk.sync(board);
        walk
    }

    /// `p` on the board: the walkthrough at the board's item when it is on
    /// the agenda (the board and the walkthrough stand on one place), else
    /// as [`Walkthrough::opened`].
    pub fn at_board(board: &mut Board) -> Walkthrough {
        let mut walk = Walkthrough::new(board);
        let selected = board.selected_item().map(|r| r.item.id.clone());
        if let Some(pos) = walk
            .agenda
            .iter()
            .position(|a| Some(a) == selected.as_ref())
        {
            walk.pos = pos;
        }
        walk.sync(board);
        walk
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
        self.pointer = None;
        self.sync(board);
    }

    /// The board's selection follows the item on screen, so that `Esc`
    /// comes back to the same item (a walkthrough opens at the meeting's
    /// first item not reviewed, wherever the board stood).
    fn sync(&self, board: &mut Board) {
        let selected = board.selected_item().map(|r| r.item.id.clone());
        if self.current().is_none() || self.current() == selected.as_deref() {
            return;
        }
        if let Some(id) = self.current().map(str::to_string) {
            let index = board.item_index(&id);
            if let Some(i) = index.filter(|&i| board.outline().is_shown_item(i)) {
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

impl Page for Walkthrough {
    const SHOWN: Option<Shown> = Some(Shown::Walkthrough);

    fn keys(codes: &[Binding]) -> Vec<Binding> {
        use Command::*;
        let mut table = vec![
            bind("Space Right PgDn", NextItem, Msg::KeyNextItem)
                .foot(Msg::FootNextItem, When::Always),
            bind("Left PgUp", PreviousItem, Msg::KeyPreviousItem)
                .foot(Msg::FootPreviousItem, When::Always),
            bind("]", NextRecommendation, Msg::KeyRecommendation),
            bind("[", PreviousRecommendation, Msg::KeyRecommendation),
            bind("g Home", First, Msg::KeyFirstLast),
            bind("G End", Last, Msg::KeyFirstLast),
            bind(":", Jump, Msg::KeyJump),
            bind("i", AgendaIndex, Msg::KeyAgendaIndex),
            bind("Tab", NextField, Msg::KeyPointer),
            bind("BackTab", PreviousField, Msg::KeyPointer),
            bind("Up k", Up, Msg::KeyScroll),
            bind("Down j", Down, Msg::KeyScroll),
            bind("r", MarkReviewed, Msg::KeyMarkReviewed).foot(Msg::FootReviewed, When::Always),
            bind("w", Minutes, Msg::KeyMinutes),
            bind("W", MeetingInfo, Msg::KeyMeetingInfo),
            bind("o", Overview, Msg::KeyOverview),
            bind("P", Present, Msg::KeyPresent),
        ];
        table.extend(codes.iter().cloned());
        table.extend(super::editing::edit_keys());
        table.extend([
            bind("Esc", Back, Msg::KeyBackToBoard).foot(Msg::FootBoard, When::Always),
            bind("?", Help, Msg::KeyHelp).foot(Msg::FootHelp, When::Always),
            bind("q", Quit, Msg::KeyQuit),
        ]);
        table
    }

    fn update(&mut self, board: &mut Board, action: Action) -> Outcome {
        let Action::Command(command) = action else {
            return Outcome::ignored();
        };
        self.sync(board);
        let target = self.current().map(str::to_string);
        // A remark is typed with everyone looking at the remarks.
        if command == Command::Remark && board.room().open_meeting().is_some() {
            self.pointer = Some(Pointed::Remarks);
        }
        if let Some(outcome) = super::editing::edit_command(board, &command, target.clone()) {
            return outcome;
        }
        let last = self.agenda.len().saturating_sub(1);
        match command {
            Command::NextItem => self.go(board, self.pos + 1),
            Command::PreviousItem => self.go(board, self.pos.saturating_sub(1)),
            Command::NextRecommendation => self.go(board, self.recommendation_step(board, true)),
            Command::PreviousRecommendation => {
                self.go(board, self.recommendation_step(board, false))
            }
            Command::First => self.go(board, 0),
            Command::Last => self.go(board, last),
            Command::Up => self.scroll = self.scroll.saturating_sub(1),
            Command::Down => self.scroll += 1,
            Command::NextField | Command::PreviousField => {
                let forward = command == Command::NextField;
                let in_meeting = board.room().state().is_some();
                self.pointer = Pointed::step(self.pointer, forward, in_meeting);
            }
            Command::MarkReviewed => return self.mark(board, target),
            Command::Overview => {
                let overview = super::overview::Overview::new(board);
                return Outcome::nav(Nav::Push(Screen::Overview(overview)));
            }
            Command::Minutes => return board.meeting(RoomMsg::Minutes).into(),
            Command::MeetingInfo => return super::meeting_info::open(board),
            Command::Jump => return Outcome::nav(Nav::Push(Screen::Jump(Default::default()))),
            Command::AgendaIndex => {
                let index = super::agenda::AgendaIndex {
                    agenda: self.agenda.clone(),
                    cursor: self.pos,
                };
                return Outcome::nav(Nav::Push(Screen::AgendaIndex(index)));
            }
            Command::Back => return Outcome::nav(Nav::Pop),
            _ => return Outcome::ignored(),
        }
        Outcome::none()
    }

    fn publish(&self, _board: &Board, view: &mut View) {
        view.screen = Shown::Walkthrough;
        view.item = self.current().map(str::to_string);
        view.place = self.place();
        view.scroll = self.scroll;
        view.pointer = self.pointer;
    }

    /// Back from `:` (or another prompt) that chose an item on the board:
    /// the walkthrough goes to it when it is on the agenda, else says so.
    fn resumed(&mut self, board: &mut Board) {
        let Some(id) = board.selected_item().map(|r| r.item.id.clone()) else {
            return;
        };
        if self.current() == Some(id.as_str()) {
            return;
        }
        match self.agenda.iter().position(|a| *a == id) {
            Some(pos) => {
                self.pos = pos;
                self.scroll = 0;
                self.shown_place = None;
                self.pointer = None;
            }
            None => board.tell(Msg::NotOnAgenda),
        }
    }

    fn open_for(view: &View, board: &Board) -> Option<Walkthrough> {
        let mut walk = Walkthrough::new(board);
        if let Some(id) = &view.item {
            match walk.agenda.iter().position(|a| a == id) {
                Some(pos) => walk.pos = pos,
                None => {
                    walk.agenda = vec![id.clone()];
                    walk.pos = 0;
                }
            }
        }
        walk.shown_place = view.place;
        walk.scroll = view.scroll;
        walk.pointer = view.pointer;
        Some(walk)
    }
}

impl Walkthrough {
    /// `r`: mark the item on screen reviewed (or not, when it was); marked,
    /// the walkthrough goes on to the next item.
    fn mark(&mut self, board: &mut Board, target: Option<String>) -> Outcome {
        let Some(id) = target else {
            return Outcome::none();
        };
        let was = board.room().open_meeting().map(|m| m.is_reviewed(&id));
        let effects = board.meeting(RoomMsg::Review(id));
        if was == Some(false) {
            let last = self.agenda.len().saturating_sub(1);
            self.go(board, (self.pos + 1).min(last));
        }
        effects.into()
    }
}
