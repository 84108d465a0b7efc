//! Follow mode on the board: a presenter publishes what its board shows
//! ([`View`]) through the presence file, and followers show the same item on
//! the same screen, each on their own terminal and in their own language.
//! A follower never changes data; when it browses on its own it is
//! detached, and `P` takes it back to the presenter.
//!
//! All of it is pure: the file is written and read by the presence worker
//! ([`super::workers`]), which answers with [`PresenceAnswer`]s.

use std::time::Instant;

use super::action::{Command, Effect, PresenceAnswer, PresenceWork};
use super::app::App;
use super::presence_state::{FollowStatus, Following, Presenting, Role};
use super::screen::browse::{Browse, Focus};
use super::screen::overview::Overview;
use super::screen::walkthrough::Walkthrough;
use super::screen::{Outcome, Screen};
use super::state::Board;
use crate::domain::presence::{Owner, Presence, STALE, Shown, View};
use crate::i18n::Msg;
use crate::text::visible;

impl Board {
    /// A follower with a presenter that went away says so, once.
    fn presenter_left(&mut self) {
        if let Role::Follower(f) = &mut self.role
            && let FollowStatus::Live(owner) = &f.status
        {
            let who = visible(&owner.who()).into_owned();
            f.status = FollowStatus::Left(owner.clone());
            self.message = Some(Msg::PresenterLeft.fill(self.options.lang, &[("who", &who)]));
        }
    }
}

impl App {
    /// The view this board shows, as a presenter would publish it.
    pub fn view(&self) -> View {
        let board = &self.board;
        let main = self.screens.iter().rev().find(|s| {
            matches!(
                s,
                Screen::Browse(_) | Screen::Walkthrough(_) | Screen::Overview(_)
            )
        });
        let mut view = View {
            meeting: board.meeting.as_ref().map(|m| m.meeting.name.clone()),
            // Saves and reloads, and the meeting's changes and reasons.
            data: board.data_generation + board.meeting.as_ref().map_or(0, |m| m.log.len() as u64),
            ..View::default()
        };
        match main {
            Some(Screen::Walkthrough(w)) => {
                view.screen = Shown::Walkthrough;
                view.item = w.current().map(str::to_string);
                view.place = w.place();
            }
            Some(Screen::Overview(o)) => {
                view.screen = Shown::Overview;
                view.cursor = (o.row, o.col);
            }
            _ => {
                view.item = board.selected_item().map(|r| r.item.id.clone());
                view.node = board.outline.selected;
                view.detail = matches!(
                    self.screens.first(),
                    Some(Screen::Browse(Browse {
                        focus: Focus::Detail,
                        ..
                    }))
                );
            }
        }
        view
    }

    /// Make this board a follower: read-only, showing what the presenter
    /// shows; its `P` goes back to the presenter.
    pub fn follow(&mut self) {
        self.board.role = Role::Follower(Following {
            attached: true,
            ..Following::default()
        });
        self.keymap.relabel(&Command::Present, Msg::KeyRejoin);
    }

    /// The meeting a follower's presenter is in.
    pub fn presented_meeting(&self) -> Option<&str> {
        match &self.board.role {
            Role::Follower(f) => f.view.as_ref()?.meeting.as_deref(),
            _ => None,
        }
    }

    /// `P`: start or stop presenting; on a follower's board, go back to the
    /// presenter.
    pub fn present(&mut self) -> Outcome {
        match &mut self.board.role {
            Role::Follower(f) => {
                f.attached = true;
                // The newest view is asked for at once; the last one known
                // is shown meanwhile.
                let mut effects = Vec::new();
                if !f.reading {
                    f.reading = true;
                    effects.push(Effect::Presence(PresenceWork::Read));
                }
                match f.view.clone() {
                    Some(view) => effects.extend(self.show_view(&view).effects),
                    None => self.board.say(Msg::NoPresenter),
                }
                effects.into()
            }
            Role::Presenter(p) => {
                let owner = p.owner.clone();
                self.board.role = Role::Alone;
                self.board.say(Msg::PresentingStopped);
                vec![Effect::Presence(PresenceWork::Withdraw { owner })].into()
            }
            Role::Alone => {
                let force = self.board.busy_presenter.take().is_some();
                let owner = crate::store::presence::owner_now(self.board.display_name.clone());
                let view = self.view();
                self.board.role = Role::Presenter(Presenting {
                    owner: owner.clone(),
                    claimed: false,
                    published: Some(view.clone()),
                });
                vec![Effect::Presence(PresenceWork::Claim { owner, view, force })].into()
            }
        }
    }

    /// After an update: a presenter publishes a view that changed; a
    /// follower that moved on its own is detached.
    pub fn after_update(&mut self, view_before: &View, by_user: bool) -> Vec<Effect> {
        let now = self.view();
        match &mut self.board.role {
            Role::Presenter(p) if p.claimed && p.published.as_ref() != Some(&now) => {
                p.published = Some(now.clone());
                vec![Effect::Presence(PresenceWork::Publish {
                    owner: p.owner.clone(),
                    view: now,
                })]
            }
            Role::Follower(f) if by_user && f.attached && !same_place(view_before, &now) => {
                f.attached = false;
                self.board.say(Msg::Detached);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// What the presence worker answered. An answer for an owner this
    /// board no longer presents as is news no more (a claim that landed
    /// after all is withdrawn).
    pub fn presence_answer(&mut self, answer: PresenceAnswer) -> Outcome {
        let lang = self.board.options.lang;
        let mine =
            |role: &Role, owner: &Owner| matches!(role, Role::Presenter(p) if p.owner == *owner);
        match answer {
            PresenceAnswer::Published => Outcome::none(),
            PresenceAnswer::Presenting { mine: owner } => {
                let Role::Presenter(p) = &mut self.board.role else {
                    return vec![Effect::Presence(PresenceWork::Withdraw { owner })].into();
                };
                if p.owner != owner {
                    return vec![Effect::Presence(PresenceWork::Withdraw { owner })].into();
                }
                p.claimed = true;
                self.board.say(Msg::PresentingStarted);
                Outcome::none()
            }
            PresenceAnswer::Busy { mine: owner, other } => {
                if mine(&self.board.role, &owner) {
                    self.board.role = Role::Alone;
                    let who = visible(&other.owner.who()).into_owned();
                    let since = visible(&other.owner.since()).into_owned();
                    self.board.message =
                        Some(Msg::PresenterBusy.fill(lang, &[("who", &who), ("since", &since)]));
                    self.board.busy_presenter = Some(other.owner);
                }
                Outcome::none()
            }
            PresenceAnswer::Lost { mine: owner, other } => {
                if mine(&self.board.role, &owner) {
                    self.board.role = Role::Alone;
                    let who = visible(&other.owner.who()).into_owned();
                    self.board.message = Some(Msg::PresentingTaken.fill(lang, &[("who", &who)]));
                }
                Outcome::none()
            }
            PresenceAnswer::Failed { mine: owner, error } => {
                let error = visible(&error).into_owned();
                self.board.message = Some(Msg::PresenceFailed.fill(lang, &[("error", &error)]));
                // A claim that could not be written: not presenting. A publish
                // that failed is tried again with the next heartbeat.
                if let Role::Presenter(p) = &self.board.role
                    && Some(&p.owner) == owner.as_ref()
                    && !p.claimed
                {
                    self.board.role = Role::Alone;
                }
                Outcome::none()
            }
            PresenceAnswer::Read { presence, at } => self.presence_read(presence, at),
        }
    }

    /// A follower read the presence file.
    fn presence_read(
        &mut self,
        presence: Result<Option<(bool, Box<Presence>)>, String>,
        at: Instant,
    ) -> Outcome {
        // While the follower has a prompt, a popup or help open, the view
        // waits: typing never lands on the board.
        let on_main = matches!(
            self.top(),
            Screen::Browse(_) | Screen::Walkthrough(_) | Screen::Overview(_)
        );
        let Role::Follower(f) = &mut self.board.role else {
            return Outcome::none();
        };
        f.reading = false;
        let (gone, p) = match presence {
            Ok(Some((gone, p))) => (gone, *p),
            Ok(None) => {
                self.board.presenter_left();
                return Outcome::none();
            }
            // A file that cannot be read: said once; a presenter whose file
            // stays unreadable is gone like one whose file stays the same.
            Err(error) => {
                let first = !f.failing;
                f.failing = true;
                let silent = f
                    .seen
                    .is_none_or(|(_, since)| at.duration_since(since) > STALE);
                if silent {
                    self.board.presenter_left();
                } else if first {
                    let error = visible(&error).into_owned();
                    self.board.message = Some(
                        Msg::PresenceFailed.fill(self.board.options.lang, &[("error", &error)]),
                    );
                }
                return Outcome::none();
            }
        };
        f.failing = false;
        // When the presenter last wrote, by this machine's clock (theirs may
        // differ): the seq it wrote, and when it was first seen.
        let known = matches!(
            &f.status,
            FollowStatus::Live(o) | FollowStatus::Left(o) if *o == p.owner
        );
        let beat = match f.seen {
            Some((seq, since)) if known && seq == p.seq => since,
            _ => at,
        };
        f.seen = Some((p.seq, beat));
        if gone || at.duration_since(beat) > STALE {
            self.board.presenter_left();
            return Outcome::none();
        }
        let new_presenter = !matches!(&f.status, FollowStatus::Live(o) if *o == p.owner);
        if new_presenter {
            let who = visible(&p.owner.who()).into_owned();
            f.status = FollowStatus::Live(p.owner.clone());
            let said = if f.attached {
                Msg::Following
            } else {
                Msg::PresenterNow
            };
            self.board.message = Some(said.fill(self.board.options.lang, &[("who", &who)]));
        }
        let view = sane(p.view);
        let data_changed = f.view.as_ref().is_some_and(|v| v.data != view.data);
        let moved = f.view.as_ref() != Some(&view) || new_presenter;
        let show = f.attached && (moved || f.waiting) && on_main;
        f.waiting = f.attached && (moved || f.waiting) && !on_main;
        f.view = Some(view.clone());
        let mut effects = Vec::new();
        if data_changed {
            effects.extend(self.board.check_now());
            // The meeting's changes and reasons, for the walkthrough.
            if let Some(name) = &view.meeting {
                effects.push(Effect::ReadMeeting {
                    name: name.clone(),
                    records: std::sync::Arc::clone(&self.board.records),
                });
            }
        }
        if show {
            effects.extend(self.show_view(&view).effects);
        }
        effects.into()
    }

    /// Show what the presenter shows: the same screen, the same item.
    fn show_view(&mut self, view: &View) -> Outcome {
        let mut effects = Vec::new();
        // The meeting the presenter is in, read (never written) here.
        let in_meeting = self.board.meeting.as_ref().map(|m| m.meeting.name.as_str());
        if view.meeting.as_deref() != in_meeting {
            match &view.meeting {
                Some(name) => effects.push(Effect::ReadMeeting {
                    name: name.clone(),
                    records: std::sync::Arc::clone(&self.board.records),
                }),
                None => self.board.meeting = None,
            }
        }
        // The item (or, for a recommendation's or point's row, the row) must
        // be on the follower's list: its own search and filters give way.
        let index = view
            .item
            .as_ref()
            .and_then(|id| self.board.report().items().position(|r| &r.item.id == id));
        let row = view
            .item
            .is_none()
            .then_some(view.node)
            .filter(|&n| n < self.board.outline.nodes.len());
        let hidden = match (index, row) {
            (Some(i), _) => !self.board.outline.is_shown_item(i),
            (None, Some(n)) => self.board.search.is_narrowed() && !self.board.outline.is_visible(n),
            _ => false,
        };
        if hidden {
            self.board.meeting_filters = Default::default();
            effects.extend(self.board.start_with("", Default::default()));
        }
        match (index, row) {
            (Some(i), _) => self.board.select(|o| {
                o.select_item(i);
            }),
            (None, Some(n)) => self.board.select(|o| {
                o.select_node(n);
            }),
            _ => {}
        }
        let height = self.board.outline_height();
        self.board.outline.scroll_into_view(height);
        self.screens.truncate(1);
        if let Some(Screen::Browse(b)) = self.screens.first_mut() {
            b.focus = if view.detail && view.screen == Shown::Board {
                Focus::Detail
            } else {
                Focus::Outline
            };
        }
        match view.screen {
            Shown::Board => {}
            Shown::Walkthrough => {
                let mut walk = Walkthrough::new(&self.board);
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
                self.screens.push(Screen::Walkthrough(walk));
            }
            Shown::Overview => {
                let rows = Overview::rows(&self.board).len();
                let mut o = Overview::new(&self.board);
                o.row = view.cursor.0.min(rows.saturating_sub(1));
                o.col = view.cursor.1;
                self.screens.push(Screen::Overview(o));
            }
        }
        effects.into()
    }
}

/// A view from the file, within bounds (the file is anyone's to write).
fn sane(mut view: View) -> View {
    const MOST: usize = 10_000_000;
    view.place = view.place.map(|(at, of)| {
        let of = of.clamp(1, MOST);
        (at.clamp(1, of), of)
    });
    view.cursor = (view.cursor.0.min(MOST), view.cursor.1.min(MOST));
    view.node = view.node.min(MOST);
    view
}

/// Whether two views show the same place (the data and the meeting aside).
fn same_place(a: &View, b: &View) -> bool {
    (a.screen, &a.item, a.node, a.detail, a.place, a.cursor)
        == (b.screen, &b.item, b.node, b.detail, b.place, b.cursor)
}
