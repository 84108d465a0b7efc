//! The board's base screen: the outline and the detail of the selected node,
//! side by side from [`crate::board::state::WIDE`] columns, one at a time below.

use super::{Nav, Outcome, Page, Screen};
use crate::board::action::{Action, Command};
use crate::board::keys::{Binding, When, bind};
use crate::board::outline::NodeKind;
use crate::board::search::{Filter, SearchMsg};
use crate::board::state::Board;
use crate::domain::presence::{Shown, View};
use crate::i18n::{CompareMsg, Msg};

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
        if self.scroll.0 == board.outline().selected() {
            self.scroll.1
        } else {
            0
        }
    }

    fn scroll_by(&mut self, board: &Board, delta: isize) {
        let now = self.detail_scroll(board) as isize;
        self.scroll = (board.outline().selected(), (now + delta).max(0) as usize);
    }

    /// Whether the detail takes the whole screen (a narrow terminal).
    pub fn detail_full(&self, board: &Board) -> bool {
        !board.is_wide() && self.focus == Focus::Detail
    }
}

/// The commands that search and filter, and open another screen.
fn search_command(board: &mut Board, command: &Command) -> Option<Outcome> {
    Some(match command {
        Command::Search => Outcome::nav(Nav::Push(Screen::SearchLine(Default::default()))),
        Command::NextHit => {
            board.step_hit(true);
            Outcome::none()
        }
        Command::PreviousHit => {
            board.step_hit(false);
            Outcome::none()
        }
        Command::ToggleOrder => board.search_msg(SearchMsg::ToggleOrder).into(),
        Command::Filters => Outcome::nav(Nav::Push(Screen::Filters(
            super::filters::FilterPanel::new(board),
        ))),
        Command::ClearFilters => board.search_msg(SearchMsg::ClearFilters).into(),
        Command::ChangedSinceBase => since_base(board),
        Command::Jump => Outcome::nav(Nav::Push(Screen::Jump(Default::default()))),
        Command::Walkthrough => {
            let walk = super::walkthrough::Walkthrough::at_board(board);
            Outcome::nav(Nav::Push(Screen::Walkthrough(walk)))
        }
        Command::Overview => {
            let overview = super::overview::Overview::new(board);
            Outcome::nav(Nav::Push(Screen::Overview(overview)))
        }
        Command::Meeting => {
            let prompt = super::meeting_prompt::MeetingPrompt::new(board);
            let list = vec![crate::board::action::Effect::ListMeetings];
            Outcome::from(list).then(Nav::Push(Screen::MeetingPrompt(prompt)))
        }
        Command::Minutes => board
            .meeting(crate::board::meeting::RoomMsg::Minutes)
            .into(),
        Command::MeetingInfo => super::meeting_info::open(board),
        _ => return None,
    })
}

/// `=`: only the items changed since the earlier table, or all again; on a
/// board that compares with nothing, how to compare.
fn since_base(board: &mut Board) -> Outcome {
    let Some(earlier) = board.earlier() else {
        board.tell(Msg::CompareNotOpen);
        return Outcome::none();
    };
    let ids = earlier.ids();
    let on = board.search().meeting_filters().since_base.is_some();
    if ids.is_empty() && !on {
        // Not an empty list: nothing changed.
        let said = CompareMsg::NothingChanged.text(board.options().lang);
        board.say(said.to_string());
        return Outcome::none();
    }
    let filter = Filter::SinceBase(std::sync::Arc::new(ids));
    board.search_msg(SearchMsg::Flip(filter)).into()
}

impl Page for Browse {
    const SHOWN: Option<Shown> = Some(Shown::Board);

    /// The board's keys, in the order help lists them; `codes` set the phase and
    /// the direction of the selected item.
    fn keys(codes: &[Binding]) -> Vec<Binding> {
        use Command::*;
        let mut table = vec![
            bind("Up k", Up, Msg::KeyMove)
                .foot(Msg::FootMove, When::Outline)
                .foot(Msg::FootScroll, When::Detail),
            bind("Down j", Down, Msg::KeyMove)
                .foot(Msg::FootMove, When::Outline)
                .foot(Msg::FootScroll, When::Detail),
            bind("Left h", Left, Msg::KeyCollapse),
            bind("Right l", Right, Msg::KeyExpand),
            bind("Enter", Open, Msg::KeyToggle).foot(Msg::FootOpen, When::Outline),
            bind("PgUp", PageUp, Msg::KeyPage),
            bind("PgDn", PageDown, Msg::KeyPage),
            bind("Ctrl-u", HalfPageUp, Msg::KeyHalfPage),
            bind("Ctrl-d", HalfPageDown, Msg::KeyHalfPage),
            bind("g Home", First, Msg::KeyFirstLast),
            bind("G End", Last, Msg::KeyFirstLast),
            bind("]", NextRecommendation, Msg::KeyRecommendation),
            bind("[", PreviousRecommendation, Msg::KeyRecommendation),
            bind("}", NextPoint, Msg::KeyPoint),
            bind("{", PreviousPoint, Msg::KeyPoint),
            bind("Tab", SwitchFocus, Msg::KeyFocus),
            bind("/", Search, Msg::KeySearch).foot(Msg::FootSearch, When::Always),
            bind("n", NextHit, Msg::KeyHit).foot(Msg::FootNext, When::Searching),
            bind("N", PreviousHit, Msg::KeyHit).foot(Msg::FootNext, When::Searching),
            bind("O", ToggleOrder, Msg::KeyOrder),
            bind("f", Filters, Msg::KeyFilters).foot(Msg::FootFilter, When::Always),
            bind("F", ClearFilters, Msg::KeyClearFilters),
            bind("=", ChangedSinceBase, Msg::KeySinceBase)
                .foot(Msg::FootSinceBase, When::Comparing),
            bind(":", Jump, Msg::KeyJump),
            bind("r", FollowRelisted, Msg::KeyRelisted),
            bind("p", Walkthrough, Msg::KeyWalkthrough).foot(Msg::FootWalkthrough, When::Always),
            bind("o", Overview, Msg::KeyOverview),
            bind("M", Meeting, Msg::KeyMeeting),
            bind("w", Minutes, Msg::KeyMinutes),
            bind("W", MeetingInfo, Msg::KeyMeetingInfo),
            bind("P", Present, Msg::KeyPresent),
            bind("Esc", Back, Msg::KeyBack).foot(Msg::FootBack, When::Detail),
        ];
        table.extend(codes.iter().cloned());
        table.extend(super::editing::edit_keys());
        table.extend([
            bind("?", Help, Msg::KeyHelp).foot(Msg::FootHelp, When::Always),
            bind("q", Quit, Msg::KeyQuit).foot(Msg::FootQuit, When::Always),
        ]);
        table
    }

    fn update(&mut self, board: &mut Board, action: Action) -> Outcome {
        let Action::Command(command) = action else {
            return Outcome::ignored();
        };
        let target = board.selected_item().map(|r| r.item.id.clone());
        if let Some(outcome) = super::editing::edit_command(board, &command, target)
            .or_else(|| search_command(board, &command))
        {
            return outcome;
        }
        self.command(board, command)
    }

    fn publish(&self, board: &Board, view: &mut View) {
        view.screen = Shown::Board;
        view.item = board.selected_item().map(|r| r.item.id.clone());
        view.node = board.outline().selected();
        view.detail = self.focus == Focus::Detail;
        view.scroll = self.detail_scroll(board);
    }

    fn follow(&mut self, view: &View) {
        self.focus = if view.detail && view.screen == Shown::Board {
            Focus::Detail
        } else {
            Focus::Outline
        };
        self.scroll = (view.node, view.scroll);
    }
}

impl Browse {
    /// The board's own commands: focus, scrolling the detail, moving.
    fn command(&mut self, board: &mut Board, command: Command) -> Outcome {
        let detail_keys = self.focus == Focus::Detail;
        let page = board.outline_height().max(1) as isize;
        match command {
            Command::Up if detail_keys => self.scroll_by(board, -1),
            Command::Down if detail_keys => self.scroll_by(board, 1),
            Command::PageUp | Command::HalfPageUp if detail_keys => {
                self.scroll_by(board, -page / 2)
            }
            Command::PageDown | Command::HalfPageDown if detail_keys => {
                self.scroll_by(board, page / 2)
            }
            Command::SwitchFocus => {
                self.focus = match self.focus {
                    Focus::Outline => Focus::Detail,
                    Focus::Detail => Focus::Outline,
                }
            }
            Command::Back if self.focus == Focus::Detail => self.focus = Focus::Outline,
            Command::Back
                if board.search().is_narrowed() && !board.search().input().text.is_empty() =>
            {
                return board.search_msg(SearchMsg::Clear).into();
            }
            Command::Back => {}
            Command::Open if board.selected_item().is_some() => self.focus = Focus::Detail,
            Command::Open => board.select(|o| o.toggle()),
            Command::FollowRelisted => {
                let target = board.selected_item().and_then(|r| r.item.relists.clone());
                if let Some(target) = target {
                    return board.select_id(&target).into();
                }
                board.tell(Msg::NotRelisted);
            }
            other => return move_selection(board, &other, page),
        }
        Outcome::none()
    }
}

fn move_selection(board: &mut Board, command: &Command, page: isize) -> Outcome {
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
        _ => return Outcome::ignored(),
    }
    Outcome::none()
}
