//! The board's store jobs, one at a time: the job the store worker is on,
//! the ones waiting in order, a failed one kept and retried, and a refused
//! save held until the user chooses in the conflict.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use crate::board::action::Effect;
use crate::board::work::{Job, SaveRequest};
use crate::domain::field::{Conflict, Edit};
use crate::store::SeenValues;
use crate::store::changelog::Change;

/// How long a failed job waits before it is tried again.
pub const RETRY_AFTER: Duration = Duration::from_secs(2);

/// A save refused because someone else changed the field first, waiting for
/// the user's choice (the conflict screen shows it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldConflict {
    /// The save that was refused.
    pub request: SaveRequest,
    pub conflict: Conflict,
}

#[derive(Debug, Clone, Default)]
pub struct Queue {
    /// The job the store is working on.
    pub(super) in_flight: Option<Job>,
    /// Jobs waiting for it, in order.
    pub(super) waiting: VecDeque<Job>,
    /// A job that failed, and when it is tried again (set at the next tick).
    pub(super) failed: Option<(Job, Option<Instant>)>,
    /// A refused save waits for the user's choice.
    pub(super) held: Option<HeldConflict>,
    /// The board closes: nothing more is started.
    pub(super) stopped: bool,
}

impl Queue {
    /// Nothing in flight, waiting, failed or held.
    pub fn is_idle(&self) -> bool {
        self.in_flight.is_none()
            && self.waiting.is_empty()
            && self.failed.is_none()
            && self.held.is_none()
    }

    /// Every save asked for and not on disk yet, in the order they run.
    fn pending(&self) -> impl Iterator<Item = &SaveRequest> {
        let jobs = self
            .in_flight
            .iter()
            .chain(self.failed.iter().map(|(j, _)| j))
            .chain(&self.waiting);
        jobs.filter_map(|j| match j {
            Job::Save { request, .. } => Some(request),
            Job::Reason { .. } | Job::Meeting { .. } | Job::Minutes { .. } => None,
        })
        .chain(self.held.as_ref().map(|h| &h.request))
    }

    /// The edits asked for and not on disk yet.
    pub fn unsaved(&self) -> Vec<&Edit> {
        self.pending().flat_map(|r| &r.edits).collect()
    }

    /// The changes not on disk yet that no job is writing now (a job under
    /// way is waited for when the board quits): each edit of a save waiting,
    /// and each other job waiting (a meeting's mark, a reason, the minutes).
    pub fn waiting_edits(&self) -> usize {
        let writing = match &self.in_flight {
            Some(Job::Save { request, .. }) => request.edits.len(),
            _ => 0,
        };
        let others = self
            .waiting
            .iter()
            .chain(self.failed.iter().map(|(j, _)| j))
            .filter(|j| !matches!(j, Job::Save { .. }))
            .count();
        self.unsaved().len() - writing + others
    }

    /// Queue `job` behind the others.
    pub fn push(&mut self, job: Job) {
        self.waiting.push_back(job);
    }

    /// The next job, when the store is free and nothing holds the queue.
    pub fn next(&mut self) -> Vec<Effect> {
        if self.in_flight.is_some() || self.failed.is_some() || self.held.is_some() || self.stopped
        {
            return Vec::new();
        }
        let Some(job) = self.waiting.pop_front() else {
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
                self.waiting.push_front(job);
                self.next()
            }
            _ => Vec::new(),
        }
    }

    /// When the board needs time to pass for the failed job: now (to set
    /// its time) or at its time.
    pub fn next_tick(&self, now: Instant) -> Option<Instant> {
        self.failed.as_ref().map(|(_, at)| at.unwrap_or(now))
    }

    /// A save of this board landed: the jobs still waiting were asked on data
    /// without it, so their view of the data gets it (it is not someone
    /// else's change to refuse).
    pub fn patch_waiting(&mut self, changes: &[Change]) {
        let landed = SeenValues::landed(changes);
        for job in &mut self.waiting {
            if let Job::Save { request, seen, .. } = job {
                seen.patch(&request.edits, &landed);
            }
        }
    }
}
