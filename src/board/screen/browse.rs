//! The board's base screen: the outline and the detail of the selected node,
//! side by side from [`crate::board::state::WIDE`] columns, one at a time below.

use ratatui::crossterm::event::KeyCode;

use super::{Nav, Outcome, Screen};
use crate::board::action::{Action, Command};
use crate::board::keymap::{Binding, When, bind, ch, ctrl, key};
use crate::board::outline::NodeKind;
use crate::board::state::Board;
use crate::i18n::Msg;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Outline,
    /// The detail has the keys (below [`crate::board::state::WIDE`] columns
    /// it takes the whole screen).
    Detail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Browse {
    pub focus: Focus,
    /// How far the detail is scrolled, and for which node (another node
    /// starts at the top).
    pub scroll: (usize, usize),
}

impl Browse {
    /// The detail's scroll for the selected node.
    pub fn detail_scroll(&self, board: &Board) -> usize {
        if self.scroll.0 == board.outline.selected {
            self.scroll.1
        } else {
            0
        }
    }

    fn scroll_by(&mut self, board: &Board, delta: isize) {
        let now = self.detail_scroll(board) as isize;
        self.scroll = (board.outline.selected, (now + delta).max(0) as usize);
    }

    /// Whether the detail takes the whole screen (a narrow terminal).
    pub fn detail_full(&self, board: &Board) -> bool {
        !board.is_wide() && self.focus == Focus::Detail
    }
}

/// The board's keys, in the order help lists them; `codes` set the phase and
/// the direction of the selected item.
pub fn keys(codes: &[Binding]) -> Vec<Binding> {
    use Command::*;
    let mut table = vec![
        bind(&[key(KeyCode::Up), ch('k')], Up, Msg::KeyMove)
            .foot(Msg::FootMove, When::Outline)
            .foot(Msg::FootScroll, When::Detail),
        bind(&[key(KeyCode::Down), ch('j')], Down, Msg::KeyMove)
            .foot(Msg::FootMove, When::Outline)
            .foot(Msg::FootScroll, When::Detail),
        bind(&[key(KeyCode::Left), ch('h')], Left, Msg::KeyCollapse),
        bind(&[key(KeyCode::Right), ch('l')], Right, Msg::KeyExpand),
        bind(&[key(KeyCode::Enter)], Open, Msg::KeyToggle).foot(Msg::FootOpen, When::Outline),
        bind(&[key(KeyCode::PageUp)], PageUp, Msg::KeyPage),
        bind(&[key(KeyCode::PageDown)], PageDown, Msg::KeyPage),
        bind(&[ctrl('u')], HalfPageUp, Msg::KeyHalfPage),
        bind(&[ctrl('d')], HalfPageDown, Msg::KeyHalfPage),
        bind(&[ch('g'), key(KeyCode::Home)], First, Msg::KeyFirstLast),
        bind(&[ch('G'), key(KeyCode::End)], Last, Msg::KeyFirstLast),
        bind(&[ch(']')], NextRecommendation, Msg::KeyRecommendation),
        bind(&[ch('[')], PreviousRecommendation, Msg::KeyRecommendation),
        bind(&[ch('}')], NextPoint, Msg::KeyPoint),
        bind(&[ch('{')], PreviousPoint, Msg::KeyPoint),
        bind(&[key(KeyCode::Tab)], SwitchFocus, Msg::KeyFocus),
        bind(&[ch('/')], Search, Msg::KeySearch).foot(Msg::FootSearch, When::Always),
        bind(&[ch('n')], NextHit, Msg::KeyHit).foot(Msg::FootNext, When::Searching),
        bind(&[ch('N')], PreviousHit, Msg::KeyHit).foot(Msg::FootNext, When::Searching),
        bind(&[ch('O')], ToggleOrder, Msg::KeyOrder),
        bind(&[ch('f')], Filters, Msg::KeyFilters).foot(Msg::FootFilter, When::Always),
        bind(&[ch('F')], ClearFilters, Msg::KeyClearFilters),
        bind(&[ch(':')], Jump, Msg::KeyJump),
        bind(&[ch('r')], FollowRelisted, Msg::KeyRelisted),
        bind(&[ch('p')], Walkthrough, Msg::KeyWalkthrough).foot(Msg::FootWalkthrough, When::Always),
        bind(&[ch('o')], Overview, Msg::KeyOverview),
        bind(&[ch('M')], Meeting, Msg::KeyMeeting),
        bind(&[ch('w')], Minutes, Msg::KeyMinutes),
        bind(&[ch('P')], Present, Msg::KeyPresent),
        bind(&[key(KeyCode::Esc)], Back, Msg::KeyBack).foot(Msg::FootBack, When::Detail),
    ];
    table.extend(codes.iter().cloned());
    table.extend(super::editing::edit_keys());
    table.extend([
        bind(&[ch('?')], Help, Msg::KeyHelp).foot(Msg::FootHelp, When::Always),
        bind(&[ch('q')], Quit, Msg::KeyQuit).foot(Msg::FootQuit, When::Always),
    ]);
    table
}

/// The commands that search and filter.
fn search_command(board: &mut Board, command: &Command) -> Option<Outcome> {
    Some(match command {
        Command::Search => Outcome::nav(Nav::Push(Screen::SearchLine)),
        Command::NextHit => {
            board.step_hit(true);
            Outcome::none()
        }
        Command::PreviousHit => {
            board.step_hit(false);
            Outcome::none()
        }
        Command::ToggleOrder => board.toggle_order().into(),
        Command::Filters => Outcome::nav(Nav::Push(Screen::Filters(
            super::filters::FilterPanel::new(board),
        ))),
        Command::ClearFilters => board.clear_filters().into(),
        Command::Jump => Outcome::nav(Nav::Push(Screen::Jump(Default::default()))),
        Command::Walkthrough => {
            let walk = super::walkthrough::Walkthrough::new(board);
            Outcome::nav(Nav::Push(Screen::Walkthrough(walk)))
        }
        Command::Overview => {
            let overview = super::overview::Overview::new(board);
            Outcome::nav(Nav::Push(Screen::Overview(overview)))
        }
        Command::Meeting => {
            let input = super::meeting_prompt::new(board);
            Outcome::nav(Nav::Push(Screen::MeetingPrompt(input)))
        }
        Command::Minutes => board.write_minutes().into(),
        _ => return None,
    })
}

pub fn update(state: &mut Browse, board: &mut Board, action: Action) -> Outcome {
    let Action::Command(command) = action else {
        return Outcome::none();
    };
    let target = board.selected_item().map(|r| r.item.id.clone());
    if let Some(outcome) = super::editing::edit_command(board, &command, target)
        .or_else(|| search_command(board, &command))
    {
        return outcome;
    }
    let detail_keys = state.focus == Focus::Detail;
    let page = board.outline_height().max(1) as isize;
    match command {
        Command::Up if detail_keys => state.scroll_by(board, -1),
        Command::Down if detail_keys => state.scroll_by(board, 1),
        Command::PageUp | Command::HalfPageUp if detail_keys => state.scroll_by(board, -page / 2),
        Command::PageDown | Command::HalfPageDown if detail_keys => {
            state.scroll_by(board, page / 2)
        }
        Command::SwitchFocus => {
            state.focus = match state.focus {
                Focus::Outline => Focus::Detail,
                Focus::Detail => Focus::Outline,
            }
        }
        Command::Back if state.focus == Focus::Detail => state.focus = Focus::Outline,
        Command::Back if board.search.is_narrowed() && !board.search.input.text.is_empty() => {
            board.search.input.clear();
            return board.request_search().into();
        }
        Command::Open if board.selected_item().is_some() => state.focus = Focus::Detail,
        Command::Open => board.select(|o| o.toggle()),
        Command::FollowRelisted => {
            let target = board.selected_item().and_then(|r| r.item.relists.clone());
            if let Some(target) = target {
                return board.select_id(&target).into();
            }
        }
        other => move_selection(board, &other, page),
    }
    Outcome::none()
}

fn move_selection(board: &mut Board, command: &Command, page: isize) {
    use Command::*;
    match command {
        Up => board.select(|o| o.move_by(-1)),
        Down => board.select(|o| o.move_by(1)),
        PageUp => board.select(|o| o.move_by(-page)),
        PageDown => board.select(|o| o.move_by(page)),
        HalfPageUp => board.select(|o| o.move_by(-(page / 2).max(1))),
        HalfPageDown => board.select(|o| o.move_by((page / 2).max(1))),
        First => board.select(|o| o.first()),
        Last => board.select(|o| o.last()),
        Left => board.select(|o| o.collapse()),
        Right => board.select(|o| o.expand()),
        NextRecommendation => board.select(|o| o.jump_kind(NodeKind::Recommendation, true)),
        PreviousRecommendation => board.select(|o| o.jump_kind(NodeKind::Recommendation, false)),
        NextPoint => board.select(|o| o.jump_kind(NodeKind::Point, true)),
        PreviousPoint => board.select(|o| o.jump_kind(NodeKind::Point, false)),
        _ => {}
    }
}
