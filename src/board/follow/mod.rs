//! Follow mode: a presenter publishes what its board shows ([`View`])
//! through the presence file, and followers show the same item on the same
//! screen, each on their own terminal and in their own language. A follower
//! never changes data; when it browses on its own it is detached, and `P`
//! takes it back to the presenter.
//!
//! All of it is pure: the file is written and read by the presence worker
//! ([`worker`]); the app turns a view into screens ([`Note::Show`]).

mod role;
pub mod worker;

pub use role::{FOLLOWER_CHECK_EVERY, FollowStatus, Following, POLL_EVERY, Presenting, Role};

use std::sync::Arc;
use std::time::Instant;

use super::action::{Effect, Note};
use super::footer::Footer;
use super::work::{PresenceAnswer, PresenceRead, PresenceWork};
use crate::domain::presence::{Owner, Presence, STALE, View};
use crate::domain::records::Records;
use crate::i18n::Msg;
use crate::text::visible;

/// This board in follow mode.
#[derive(Debug, Clone, Default)]
pub struct Follow {
    role: Role,
    /// Someone else presents (said when this board asked to): `P` again
    /// takes over.
    busy_presenter: Option<Owner>,
}

/// What follow mode is asked to do, or told.
#[derive(Debug, Clone)]
pub enum FollowMsg {
    /// `P`: start or stop presenting (`view`: what this board shows); a
    /// follower goes back to the presenter.
    Present { view: View },
    /// After an update: the view before and after it, and whether the user
    /// moved on their own.
    Moved {
        before: Box<View>,
        now: Box<View>,
        by_user: bool,
    },
    /// What the presence worker answered; `on_main`: no prompt, popup or
    /// help is open on this board (a follower's view waits until it is).
    Answer {
        answer: PresenceAnswer,
        on_main: bool,
    },
    /// Time passes: a follower looks at the file.
    Tick(Instant),
    /// Become a follower: read-only, showing what the presenter shows.
    Follow,
    /// The board closes: a presenter removes its file.
    Close,
}

/// What follow mode reads and changes besides itself.
pub struct Scope<'a> {
    pub footer: &'a mut Footer,
    /// The user's display name (configuration), shown to followers.
    pub display_name: Option<&'a str>,
    /// The records on screen (a follower reads the presenter's meeting
    /// against them).
    pub records: &'a Arc<Records>,
    /// The meeting this board shows.
    pub meeting: Option<&'a str>,
}

impl Follow {
    pub fn update(&mut self, scope: Scope, msg: FollowMsg) -> Vec<Effect> {
        match msg {
            FollowMsg::Present { view } => self.present(scope, view),
            FollowMsg::Moved {
                before,
                now,
                by_user,
            } => self.moved(scope.footer, &before, *now, by_user),
            FollowMsg::Answer { answer, on_main } => self.answer(scope, answer, on_main),
            FollowMsg::Tick(now) => self.role.tick(now),
            FollowMsg::Follow => {
                self.role = Role::Follower(Following {
                    attached: true,
                    ..Following::default()
                });
                Vec::new()
            }
            FollowMsg::Close => match &self.role {
                Role::Presenter(p) => {
                    let owner = p.owner.clone();
                    self.role = Role::Alone;
                    vec![Effect::Presence(PresenceWork::Withdraw { owner })]
                }
                _ => Vec::new(),
            },
        }
    }

    pub fn role(&self) -> &Role {
        &self.role
    }

    /// When time must pass for a follower's next look at the file.
    pub fn next_tick(&self, now: Instant) -> Option<Instant> {
        self.role.next_tick(now)
    }

    /// The meeting a follower's presenter is in.
    pub fn presented_meeting(&self) -> Option<&str> {
        match &self.role {
            Role::Follower(f) => f.view.as_ref()?.meeting.as_deref(),
            _ => None,
        }
    }

    fn present(&mut self, scope: Scope, view: View) -> Vec<Effect> {
        match &mut self.role {
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
                    Some(view) => effects.push(Effect::Tell(Note::Show(Box::new(view)))),
                    None => scope.footer.tell(Msg::NoPresenter),
                }
                effects
            }
            Role::Presenter(p) => {
                let owner = p.owner.clone();
                self.role = Role::Alone;
                scope.footer.tell(Msg::PresentingStopped);
                vec![Effect::Presence(PresenceWork::Withdraw { owner })]
            }
            Role::Alone => {
                let force = self.busy_presenter.take().is_some();
                let name = scope.display_name.map(str::to_string);
                let owner = crate::store::presence::owner_now(name);
                self.role = Role::Presenter(Presenting {
                    owner: owner.clone(),
                    claimed: false,
                    published: Some(view.clone()),
                });
                vec![Effect::Presence(PresenceWork::Claim { owner, view, force })]
            }
        }
    }

    /// A presenter publishes a view that changed; a follower that moved on
    /// its own is detached.
    fn moved(
        &mut self,
        footer: &mut Footer,
        before: &View,
        now: View,
        by_user: bool,
    ) -> Vec<Effect> {
        match &mut self.role {
            Role::Presenter(p) if p.claimed && p.published.as_ref() != Some(&now) => {
                p.published = Some(now.clone());
                vec![Effect::Presence(PresenceWork::Publish {
                    owner: p.owner.clone(),
                    view: now,
                })]
            }
            Role::Follower(f) if by_user && f.attached && !same_place(before, &now) => {
                f.attached = false;
                footer.tell(Msg::Detached);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// What the presence worker answered. An answer for an owner this
    /// board no longer presents as is news no more (a claim that landed
    /// after all is withdrawn).
    fn answer(&mut self, scope: Scope, answer: PresenceAnswer, on_main: bool) -> Vec<Effect> {
        let footer = scope.footer;
        let mine = |role: &Role, o: &Owner| matches!(role, Role::Presenter(p) if p.owner == *o);
        match answer {
            PresenceAnswer::Published | PresenceAnswer::Withdrawn => Vec::new(),
            PresenceAnswer::Presenting { mine: owner } => {
                match &mut self.role {
                    Role::Presenter(p) if p.owner == owner => p.claimed = true,
                    _ => return vec![Effect::Presence(PresenceWork::Withdraw { owner })],
                }
                footer.tell(Msg::PresentingStarted);
                Vec::new()
            }
            PresenceAnswer::Busy { mine: owner, other } => {
                if mine(&self.role, &owner) {
                    self.role = Role::Alone;
                    let who = visible(&other.owner.who()).into_owned();
                    let since = visible(&other.owner.since()).into_owned();
                    footer.tell_with(Msg::PresenterBusy, &[("who", &who), ("since", &since)]);
                    self.busy_presenter = Some(other.owner);
                }
                Vec::new()
            }
            PresenceAnswer::Lost { mine: owner, other } => {
                if mine(&self.role, &owner) {
                    self.role = Role::Alone;
                    let who = visible(&other.owner.who()).into_owned();
                    footer.tell_with(Msg::PresentingTaken, &[("who", &who)]);
                }
                Vec::new()
            }
            PresenceAnswer::Failed { mine: owner, error } => {
                let error = visible(&error.say(footer.lang())).into_owned();
                footer.tell_with(Msg::PresenceFailed, &[("error", &error)]);
                // A claim that could not be written: not presenting. A publish
                // that failed is tried again with the next heartbeat.
                if let Role::Presenter(p) = &self.role
                    && Some(&p.owner) == owner.as_ref()
                    && !p.claimed
                {
                    self.role = Role::Alone;
                }
                Vec::new()
            }
            PresenceAnswer::Read { presence, at } => {
                let records = scope.records;
                self.read(footer, records, presence, at, on_main)
            }
        }
    }

    /// A follower read the presence file.
    fn read(
        &mut self,
        footer: &mut Footer,
        records: &Arc<Records>,
        presence: PresenceRead,
        at: Instant,
        on_main: bool,
    ) -> Vec<Effect> {
        let Role::Follower(f) = &mut self.role else {
            return Vec::new();
        };
        f.reading = false;
        let (gone, p) = match presence {
            Ok(Some((gone, p))) => (gone, *p),
            Ok(None) => {
                presenter_left(f, footer);
                return Vec::new();
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
                    presenter_left(f, footer);
                } else if first {
                    let error = visible(&error.say(footer.lang())).into_owned();
                    footer.tell_with(Msg::PresenceFailed, &[("error", &error)]);
                }
                return Vec::new();
            }
        };
        f.failing = false;
        let Some(new_presenter) = heard(f, footer, &p, gone, at) else {
            return Vec::new();
        };
        let view = sane(p.view);
        let data_changed = f.view.as_ref().is_some_and(|v| v.data != view.data);
        let moved = f.view.as_ref() != Some(&view) || new_presenter;
        let show = f.attached && (moved || f.waiting) && on_main;
        f.waiting = f.attached && (moved || f.waiting) && !on_main;
        f.view = Some(view.clone());
        let mut effects = Vec::new();
        if data_changed {
            effects.push(Effect::Tell(Note::CheckNow));
            // The meeting's changes and reasons, for the walkthrough.
            if let Some(name) = &view.meeting {
                effects.push(Effect::ReadMeeting {
                    name: name.clone(),
                    records: Arc::clone(records),
                });
            }
        }
        if show {
            effects.push(Effect::Tell(Note::Show(Box::new(view))));
        }
        effects
    }
}

/// A follower heard from presenter `p`: None when they are gone, else
/// whether they are new. When the presenter last wrote is judged by this
/// machine's clock (theirs may differ): the seq it wrote, and when that was
/// first seen.
fn heard(
    f: &mut Following,
    footer: &mut Footer,
    p: &Presence,
    gone: bool,
    at: Instant,
) -> Option<bool> {
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
        presenter_left(f, footer);
        return None;
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
        footer.tell_with(said, &[("who", &who)]);
    }
    Some(new_presenter)
}

/// A follower with a presenter that went away says so, once.
fn presenter_left(f: &mut Following, footer: &mut Footer) {
    if let FollowStatus::Live(owner) = &f.status {
        let who = visible(&owner.who()).into_owned();
        f.status = FollowStatus::Left(owner.clone());
        footer.tell_with(Msg::PresenterLeft, &[("who", &who)]);
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
