//! Follow mode on the board: a presenter publishes what its board shows
//! ([`View`]) through the presence file, and followers show the same item on
//! the same screen, each on their own terminal and in their own language.
//! A follower never changes data; when it browses on its own it is
//! detached, and `P` takes it back to the presenter.
//!
//! All of it is pure: the file is written and read by the presence worker
//! ([`super::workers`]), which answers with [`PresenceAnswer`]s.

use std::time::{Duration, Instant};

use super::action::{Command, Effect, PresenceAnswer, PresenceWork};
use super::app::App;
use super::screen::browse::{Browse, Focus};
use super::screen::overview::Overview;
use super::screen::walkthrough::Walkthrough;
use super::screen::{Outcome, Screen};
use super::state::Board;
use crate::domain::presence::{HEARTBEAT, Owner, Presence, STALE, Shown, View};
use crate::i18n::Msg;
use crate::text::visible;

/// How often a follower reads the presence file.
pub const POLL_EVERY: Duration = Duration::from_millis(200);
/// How often a follower looks at the data (a presenter's save shows within
/// this, or at once when the presence file says the data changed).
pub const FOLLOWER_CHECK_EVERY: Duration = Duration::from_millis(500);

/// What this board is in follow mode.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Role {
    #[default]
    Alone,
    Presenter(Presenting),
    Follower(Following),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Presenting {
    pub owner: Owner,
    /// The file is ours (the claim was written).
    pub claimed: bool,
    /// The view last published.
    pub published: Option<View>,
    pub next_beat: Option<Instant>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Following {
    /// Showing what the presenter shows (else browsing on its own).
    pub attached: bool,
    pub status: FollowStatus,
    /// The presenter's last view.
    pub view: Option<View>,
    /// The presenter's last seq, and when it was first seen.
    pub seen: Option<(u64, Instant)>,
    pub next_poll: Option<Instant>,
    /// A read is under way.
    pub reading: bool,
}

/// Whether a follower has a presenter to follow.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum FollowStatus {
    /// No presenter yet.
    #[default]
    Waiting,
    Live(Owner),
    /// The presenter stopped, quit or crashed.
    Left(Owner),
}

impl Command {
    /// Whether the command changes data (refused on a follower's board).
    pub fn changes_data(&self) -> bool {
        matches!(
            self,
            Command::SetPhase(_)
                | Command::SetDirection(_)
                | Command::Picker
                | Command::Editor
                | Command::Reason
                | Command::Undo
                | Command::Redo
                | Command::MarkReviewed
                | Command::Meeting
                | Command::Minutes
                | Command::KeepTheirs
                | Command::KeepMine
        )
    }
}

impl Board {
    pub fn is_follower(&self) -> bool {
        matches!(self.role, Role::Follower(_))
    }

    /// Time passes: a presenter's heartbeat, a follower's look at the file.
    pub fn presence_tick(&mut self, now: Instant) -> Vec<Effect> {
        match &mut self.role {
            Role::Presenter(p) if p.claimed && p.next_beat.is_none_or(|t| now >= t) => {
                p.next_beat = Some(now + HEARTBEAT);
                let view = p.published.clone().unwrap_or_default();
                vec![Effect::Presence(PresenceWork::Publish {
                    owner: p.owner.clone(),
                    view,
                })]
            }
            Role::Follower(f) if !f.reading && f.next_poll.is_none_or(|t| now >= t) => {
                f.next_poll = Some(now + POLL_EVERY);
                f.reading = true;
                vec![Effect::Presence(PresenceWork::Read)]
            }
            _ => Vec::new(),
        }
    }

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
            data: board.data_generation,
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
                    next_beat: None,
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

    /// What the presence worker answered.
    pub fn presence_answer(&mut self, answer: PresenceAnswer) -> Outcome {
        let lang = self.board.options.lang;
        match answer {
            PresenceAnswer::Published => Outcome::none(),
            PresenceAnswer::Presenting => {
                if let Role::Presenter(p) = &mut self.board.role {
                    p.claimed = true;
                    p.next_beat = None;
                }
                self.board.say(Msg::PresentingStarted);
                Outcome::none()
            }
            PresenceAnswer::Busy(other) => {
                self.board.role = Role::Alone;
                let (who, since) = (
                    visible(&other.owner.who()).into_owned(),
                    other.owner.since(),
                );
                self.board.message =
                    Some(Msg::PresenterBusy.fill(lang, &[("who", &who), ("since", &since)]));
                self.board.busy_presenter = Some(other.owner);
                Outcome::none()
            }
            PresenceAnswer::Lost(other) => {
                if matches!(self.board.role, Role::Presenter(_)) {
                    self.board.role = Role::Alone;
                    let who = visible(&other.owner.who()).into_owned();
                    self.board.message = Some(Msg::PresentingTaken.fill(lang, &[("who", &who)]));
                }
                Outcome::none()
            }
            PresenceAnswer::Failed(why) => {
                let why = visible(&why).into_owned();
                self.board.message = Some(Msg::PresenceFailed.fill(lang, &[("error", &why)]));
                if let Role::Presenter(_) = self.board.role {
                    self.board.role = Role::Alone;
                }
                if let Role::Follower(f) = &mut self.board.role {
                    f.reading = false;
                }
                Outcome::none()
            }
            PresenceAnswer::Read { presence, gone, at } => {
                self.presence_read(presence.map(|p| *p), gone, at)
            }
        }
    }

    /// A follower read the presence file.
    fn presence_read(&mut self, presence: Option<Presence>, gone: bool, at: Instant) -> Outcome {
        let Role::Follower(f) = &mut self.board.role else {
            return Outcome::none();
        };
        f.reading = false;
        let Some(p) = presence else {
            self.board.presenter_left();
            return Outcome::none();
        };
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
        let data_changed = f.view.as_ref().is_some_and(|v| v.data != p.view.data);
        let moved = f.view.as_ref() != Some(&p.view);
        let attached = f.attached;
        f.view = Some(p.view.clone());
        let mut effects = Vec::new();
        if data_changed {
            effects.extend(self.board.check_now());
        }
        if attached && (moved || new_presenter) {
            effects.extend(self.show_view(&p.view).effects);
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
        // The item must be on the follower's list: its own search and
        // filters give way.
        let index = view
            .item
            .as_ref()
            .and_then(|id| self.board.report().items().position(|r| &r.item.id == id));
        if let Some(i) = index
            && !self.board.outline.is_shown_item(i)
        {
            self.board.meeting_filters = Default::default();
            effects.extend(self.board.start_with("", Default::default()));
        }
        match index {
            Some(i) => self.board.select(|o| {
                o.select_item(i);
            }),
            None if view.node < self.board.outline.nodes.len() => {
                self.board.select(|o| o.selected = view.node);
            }
            None => {}
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

/// Whether two views show the same place (the data and the meeting aside).
fn same_place(a: &View, b: &View) -> bool {
    (a.screen, &a.item, a.node, a.detail, a.place, a.cursor)
        == (b.screen, &b.item, b.node, b.detail, b.place, b.cursor)
}
