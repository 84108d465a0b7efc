//! Whether this board presents, follows, or neither, and what it knows of
//! the presenter, as data.

use std::time::{Duration, Instant};

use crate::board::action::Effect;
use crate::board::work::PresenceWork;
use crate::domain::presence::{Owner, View};

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
    /// The last read of the file failed (said once).
    pub failing: bool,
    /// A view not shown yet (a prompt or popup was open).
    pub waiting: bool,
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

impl Role {
    pub fn is_follower(&self) -> bool {
        matches!(self, Role::Follower(_))
    }

    /// When time must pass for a follower's next look at the file.
    pub fn next_tick(&self, now: Instant) -> Option<Instant> {
        match self {
            Role::Follower(f) if !f.reading => Some(f.next_poll.unwrap_or(now)),
            _ => None,
        }
    }

    /// Time passes: a follower looks at the file (a presenter's heartbeat is
    /// the presence worker's own).
    pub fn tick(&mut self, now: Instant) -> Vec<Effect> {
        match self {
            Role::Follower(f) if !f.reading && f.next_poll.is_none_or(|t| now >= t) => {
                f.next_poll = Some(now + POLL_EVERY);
                f.reading = true;
                vec![Effect::Presence(PresenceWork::Read)]
            }
            _ => Vec::new(),
        }
    }
}
