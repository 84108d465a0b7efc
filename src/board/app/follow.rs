//! The app's side of follow mode: the view this board shows (what a
//! presenter publishes), and a presenter's view shown on a follower's
//! board. Each main screen says what it is in a view ([`Page::publish`],
//! [`Page::open_for`]); follow mode itself is [`crate::board::follow`].
//!
//! [`Page::publish`]: crate::board::screen::Page::publish
//! [`Page::open_for`]: crate::board::screen::Page::open_for

use std::sync::Arc;

use super::App;
use crate::board::action::{Command, Effect};
use crate::board::follow::{FollowMsg, Role};
use crate::board::meeting::RoomMsg;
use crate::board::screen::Screen;
use crate::board::search::{MeetingFilters, SearchMsg};
use crate::board::state::Board;
use crate::domain::presence::{ListView, View};
use crate::i18n::Msg;
use crate::search::{Filters, Order};
use crate::text::visible;

impl App {
    /// The view this board shows, as a presenter would publish it. A board
    /// that neither presents nor follows leaves out its list and folds:
    /// the view is taken twice per update, and a list of many items (an
    /// overview segment at 100k) would be copied for nobody.
    pub fn view(&self) -> View {
        let shared = !matches!(self.board.follow().role(), Role::Alone);
        self.view_with(shared)
    }

    /// The view, with its list and folds when `shared`.
    fn view_with(&self, shared: bool) -> View {
        let board = &self.board;
        let room = board.room();
        let mut view = View {
            meeting: room.name().map(str::to_string),
            // Saves and reloads, and the meeting's changes and reasons.
            data: board.data_generation() + room.state().map_or(0, |m| m.log.len() as u64),
            ..View::default()
        };
        if let Some(main) = self.screens.iter().rev().find(|s| s.is_main()) {
            main.publish(board, &mut view);
        }
        if shared {
            view.list = list_of(board);
            view.folded = board.outline().folded();
        }
        view
    }

    /// Make this board a follower: read-only, showing what the presenter
    /// shows; its `P` goes back to the presenter.
    pub fn follow(&mut self) {
        let _ = self.board.follow_msg(FollowMsg::Follow);
        self.keymap.relabel(&Command::Present, Msg::KeyRejoin);
    }

    /// `P`: start or stop presenting; on a follower's board, go back to the
    /// presenter.
    pub(super) fn present(&mut self) -> Vec<Effect> {
        let view = self.view_with(true);
        self.board.follow_msg(FollowMsg::Present { view })
    }

    /// Show what the presenter shows: the same screen, the same item.
    pub(super) fn show_view(&mut self, view: &View) -> Vec<Effect> {
        let mut effects = Vec::new();
        let board = &mut self.board;
        // The meeting the presenter is in, read (never written) here.
        if view.meeting.as_deref() != board.room().name() {
            match &view.meeting {
                Some(name) => effects.push(Effect::ReadMeeting {
                    name: name.clone(),
                    records: Arc::clone(board.records()),
                }),
                None => effects.extend(board.meeting(RoomMsg::Leave)),
            }
        }
        // The presenter's list: its search, filters and order (the search
        // runs, and the item is selected once its results are in).
        effects.extend(mirror(board, &view.list));
        if board.outline().folded() != view.folded {
            board.select(|o| o.set_folded(&view.folded));
        }
        // The item, or for a recommendation's or point's row, the row.
        let index = view.item.as_ref().and_then(|id| board.item_index(id));
        let row = view
            .item
            .is_none()
            .then_some(view.node)
            .filter(|&n| n < board.outline().nodes().len());
        match (index, row) {
            (Some(i), _) => board.select(|o| {
                o.select_item(i);
            }),
            (None, Some(n)) => board.select(|o| {
                o.select_node(n);
            }),
            _ => {}
        }
        self.screens.truncate(1);
        if let Some(base) = self.screens.first_mut() {
            base.follow(view);
        }
        if let Some(screen) = Screen::open_for(view, &self.board) {
            self.screens.push(screen);
        }
        effects
    }
}

/// The list `board` shows, as a presenter publishes it.
fn list_of(board: &Board) -> ListView {
    let search = board.search();
    let f = search.filters();
    let m = search.meeting_filters();
    ListView {
        query: search.input().text.clone(),
        phases: f.phases.iter().cloned().collect(),
        directions: f.directions.iter().cloned().collect(),
        departments: f.departments.iter().cloned().collect(),
        hide_relisted: f.hide_relisted,
        recommendations: f.recommendations.iter().copied().collect(),
        items: f.items.as_ref().map(|i| i.iter().cloned().collect()),
        changed_here: m.changed_here,
        not_reviewed: m.not_reviewed,
        by_source: search.order() == Order::Source,
        since_base: m
            .since_base
            .as_ref()
            .and(board.earlier())
            .map(|e| e.base.clone()),
    }
}

/// Make a follower's `board` show the presenter's `list` (its search and
/// highlights come with it); nothing when it already does. A filter of the
/// changes since another meeting is not shared (its ids come from the
/// presenter's command line). The presenter's filter of the changes since
/// its earlier table is answered by this board's own comparison (its own
/// ids, its own 旧 lines); a board that compares with nothing cannot answer
/// it, shows every item the rest lets through, and says why.
fn mirror(board: &mut Board, list: &ListView) -> Vec<Effect> {
    let mut effects = Vec::new();
    let own = board.earlier().map(|e| e.base.clone());
    let wanted = ListView {
        since_base: list.since_base.as_ref().and(own.clone()),
        ..list.clone()
    };
    if list_of(board) == wanted {
        return effects;
    }
    if let (Some(base), None) = (&list.since_base, &own) {
        board.tell_with(Msg::PresenterCompares, &[("base", &visible(base))]);
    }
    let filters = Filters {
        phases: list.phases.iter().cloned().collect(),
        directions: list.directions.iter().cloned().collect(),
        departments: list.departments.iter().cloned().collect(),
        hide_relisted: list.hide_relisted,
        recommendations: list.recommendations.iter().copied().collect(),
        items: list.items.as_ref().map(|i| i.iter().cloned().collect()),
    };
    let meeting_filters = MeetingFilters {
        changed_here: list.changed_here,
        not_reviewed: list.not_reviewed,
        since: None,
        since_base: wanted
            .since_base
            .and(board.earlier())
            .map(|e| Arc::new(e.ids())),
    };
    if (board.search().order() == Order::Source) != list.by_source {
        effects.extend(board.search_msg(SearchMsg::ToggleOrder));
    }
    effects.extend(board.search_msg(SearchMsg::Show {
        query: list.query.clone(),
        filters,
        meeting_filters,
    }));
    effects
}
