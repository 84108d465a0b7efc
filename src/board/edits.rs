//! The board's own changes as data: one store job at a time, later ones
//! queued, a failed one kept and retried, a conflict held until the user
//! chooses; the undo and redo stacks.

use std::collections::{BTreeSet, VecDeque};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::action::{Effect, Job, SaveRequest};
use crate::domain::field::{Conflict, Edit, Field};
use crate::store::changelog::Change;

/// A screen a store answer calls for (the app shows it when the board has
/// the keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Show {
    /// Someone else changed a field first: the user chooses.
    Conflict(Box<HeldConflict>),
    /// A meeting was started or resumed: walk its agenda.
    Walkthrough,
}

/// How long a failed save waits before it is tried again.
pub const RETRY_AFTER: Duration = Duration::from_secs(2);

/// A save refused because someone else changed the field first, waiting for
/// the user's choice (the conflict screen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldConflict {
    /// The save that was refused.
    pub request: SaveRequest,
    pub conflict: Conflict,
}

/// The board's own changes: saved, in flight, waiting, failed.
#[derive(Debug, Clone, Default)]
pub struct Edits {
    /// Items changed since the board was opened (marked in the outline).
    pub changed: BTreeSet<String>,
    /// Saved changes that `u` can undo, newest last; each a save's changes.
    pub undo: Vec<Vec<Change>>,
    pub redo: Vec<Vec<Change>>,
    /// The job the store is working on.
    pub(super) in_flight: Option<Job>,
    /// Jobs waiting for it, in order.
    pub(super) queue: VecDeque<Job>,
    /// A job that failed, and when it is tried again (set at the next tick).
    pub(super) failed: Option<(Job, Option<Instant>)>,
    /// A refused save waits for the user's choice in a conflict.
    pub(super) held: Option<SaveRequest>,
    /// The board quits: nothing more is started.
    pub(super) quitting: bool,
    /// `q` was pressed with changes not yet saved: the next `q` quits anyway.
    pub(super) quit_armed: bool,
}

impl Edits {
    /// Nothing in flight, waiting, failed or held.
    pub fn is_idle(&self) -> bool {
        self.in_flight.is_none()
            && self.queue.is_empty()
            && self.failed.is_none()
            && self.held.is_none()
    }

    /// The board quits: nothing more is started (a save under way lands).
    pub fn stop(&mut self) {
        self.quitting = true;
    }

    /// Whether the store is writing one of this board's changes.
    pub fn is_writing(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Every save asked for and not on disk yet, in the order they run.
    fn pending(&self) -> impl Iterator<Item = &SaveRequest> {
        let jobs = self
            .in_flight
            .iter()
            .chain(self.failed.iter().map(|(j, _)| j))
            .chain(&self.queue);
        jobs.filter_map(|j| match j {
            Job::Save { request, .. } => Some(request),
            Job::Reason { .. } | Job::Meeting { .. } | Job::Minutes { .. } => None,
        })
        .chain(&self.held)
    }

    /// The edits asked for and not on disk yet.
    pub fn unsaved(&self) -> Vec<&Edit> {
        self.pending().flat_map(|r| &r.edits).collect()
    }

    /// The edits not on disk yet that no save is writing now (a save under
    /// way is waited for when the board quits).
    pub fn waiting(&self) -> usize {
        let writing = match &self.in_flight {
            Some(Job::Save { request, .. }) => request.edits.len(),
            _ => 0,
        };
        self.unsaved().len() - writing
    }

    /// The newest change of `item` this board saved (and did not undo).
    pub fn last_change_of(&self, item: &str) -> Option<&Change> {
        self.undo
            .iter()
            .rev()
            .flat_map(|b| b.iter().rev())
            .find(|c| c.item == item)
    }

    /// Whether `item` has a change this board can give a reason for: saved,
    /// or on its way to disk.
    pub fn can_give_reason(&self, item: &str) -> bool {
        self.last_change_of(item).is_some() || self.unsaved().iter().any(|e| e.item == item)
    }

    /// The value this board last asked `field` of `item` to take, while that
    /// save is not on disk yet.
    pub fn intended(&self, item: &str, field: Field) -> Option<&str> {
        self.unsaved()
            .into_iter()
            .rev()
            .find(|e| e.item == item && e.field == field)
            .map(|e| e.value.as_str())
    }

    /// Whether a failed save waits to be tried again.
    pub fn has_failed(&self) -> bool {
        self.failed.is_some()
    }

    /// When the failed job is tried again.
    pub fn retry_at(&self) -> Option<Instant> {
        self.failed.as_ref().and_then(|(_, t)| *t)
    }

    pub(super) fn submit(&mut self, job: Job) -> Vec<Effect> {
        self.quit_armed = false;
        self.queue.push_back(job);
        self.next()
    }

    /// Start the next job when the store is free.
    pub(super) fn next(&mut self) -> Vec<Effect> {
        if self.in_flight.is_some() || self.failed.is_some() || self.held.is_some() || self.quitting
        {
            return Vec::new();
        }
        let Some(job) = self.queue.pop_front() else {
            return Vec::new();
        };
        self.in_flight = Some(job.clone());
        vec![Effect::Store(job)]
    }

    /// The failed job, once its time has come.
    pub fn retry_due(&mut self, now: Instant) -> Vec<Effect> {
        match &mut self.failed {
            Some((_, at @ None)) => {
                *at = Some(now + RETRY_AFTER);
                Vec::new()
            }
            Some((_, Some(at))) if now >= *at => {
                let Some((job, _)) = self.failed.take() else {
                    return Vec::new();
                };
                self.queue.push_front(job);
                self.next()
            }
            _ => Vec::new(),
        }
    }

    /// A save of this board landed: the jobs still waiting were asked on data
    /// without it, so their view of the data gets it (it is not someone
    /// else's change to refuse).
    pub(super) fn patch_waiting(&mut self, changes: &[Change]) {
        for job in &mut self.queue {
            let Job::Save { seen, .. } = job else {
                continue;
            };
            let mut records = (**seen).clone();
            for c in changes {
                if let Some(item) = records.report.item_mut(&c.item) {
                    c.field.set(item, c.new.clone());
                }
            }
            *seen = Arc::new(records);
        }
    }
}
