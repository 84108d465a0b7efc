//! Follow mode's worker: writes and reads the presence file on a thread of
//! its own. Of the views waiting to be published only the newest is
//! written; while this board presents, the worker itself rewrites the file
//! every heartbeat (so an editor or a slow frame never makes the presenter
//! look gone). Every claim, publish and withdrawal reads, checks and writes
//! under the records folder's lock, so that a takeover and a publish, or
//! two claims, never cross. Every piece of work gets exactly one answer.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Instant;

use crate::board::action::Action;
use crate::board::inbox::{Answers, WorkId};
use crate::board::work::{PresenceAnswer, PresenceFailure, PresenceWork};
use crate::domain::presence::{Owner, Presence, View};
use crate::store::presence::PresenceError;
use crate::store::{changelog, presence, seam, with_lock};

/// Start the worker for the records in `dir`; `like` is the records file
/// whose mode and group a new presence file takes. It stops when the board
/// drops the sender.
pub fn spawn(
    dir: PathBuf,
    like: PathBuf,
    answers: Answers,
) -> (Sender<(WorkId, PresenceWork)>, std::thread::JoinHandle<()>) {
    let (requests, inbox) = channel();
    let thread = seam::spawn(move || {
        let mut worker = Worker {
            dir,
            like,
            seq: 0,
            current: None,
        };
        worker.run(&inbox, &answers);
    });
    (requests, thread)
}

struct Worker {
    dir: PathBuf,
    like: PathBuf,
    seq: u64,
    /// What this board presents now (the file is ours).
    current: Option<(Owner, View)>,
}

/// What came of a write under the lock.
enum Written {
    Ok,
    /// The file is someone else's, and was left as it is.
    Other(Box<Presence>),
    Failed(PresenceFailure),
}

impl Worker {
    fn run(&mut self, inbox: &Receiver<(WorkId, PresenceWork)>, answers: &Answers) {
        let send = |id, answer| answers.send(id, Some(Action::Presence(answer)));
        loop {
            // Only a presenter has a heartbeat to keep; otherwise the worker
            // sleeps until it is given work.
            let next = match &self.current {
                Some(_) => inbox.recv_timeout(seam::heartbeat()),
                None => inbox.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            let first = match next {
                Ok(w) => w,
                Err(RecvTimeoutError::Timeout) => {
                    if let Some(answer) = self.heartbeat()
                        && !send(None, answer)
                    {
                        return;
                    }
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return,
            };
            let mut work = vec![first];
            work.extend(inbox.try_iter());
            let newest = work
                .iter()
                .rposition(|(_, w)| matches!(w, PresenceWork::Publish { .. }));
            for (i, (id, w)) in work.into_iter().enumerate() {
                let answer = match w {
                    // An older view than one waiting: not written, answered.
                    PresenceWork::Publish { .. } if Some(i) != newest => PresenceAnswer::Published,
                    w => self.perform(w),
                };
                if !send(Some(id), answer) {
                    return;
                }
            }
        }
    }

    fn perform(&mut self, work: PresenceWork) -> PresenceAnswer {
        match work {
            PresenceWork::Claim { owner, view, force } => self.claim(owner, view, force),
            PresenceWork::Publish { owner, view } => self.publish(owner, view),
            PresenceWork::Read => {
                let at = Instant::now();
                let presence = presence::read(&self.dir)
                    .map(|p| p.map(|p| (presence::gone(&p), Box::new(p))))
                    .map_err(PresenceFailure::new);
                PresenceAnswer::Read { presence, at }
            }
            PresenceWork::Withdraw { owner } => {
                if self.current.as_ref().is_some_and(|(o, _)| *o == owner) {
                    self.current = None;
                }
                let dir = &self.dir;
                let _ = with_lock(dir, || presence::withdraw(dir, &owner));
                PresenceAnswer::Withdrawn
            }
        }
    }

    /// Start presenting, unless someone else presents and is still there
    /// (`force`: even then).
    fn claim(&mut self, owner: Owner, view: View, force: bool) -> PresenceAnswer {
        // Who presents now, judged outside the lock (it may take a heartbeat).
        let gone = match presence::read(&self.dir) {
            Ok(Some(p)) if p.owner != owner && !force => {
                if still_there(&self.dir, &p) {
                    return PresenceAnswer::Busy {
                        mine: owner,
                        other: Box::new(p),
                    };
                }
                Some(p.owner)
            }
            _ => None,
        };
        // Under the lock, only that presenter's file may be replaced (or any,
        // taking over): someone who claimed meanwhile keeps theirs.
        let may_replace = |other: &Owner| force || gone.as_ref() == Some(other);
        match self.write(&owner, &view, &may_replace) {
            Written::Ok => {
                self.current = Some((owner.clone(), view));
                PresenceAnswer::Presenting { mine: owner }
            }
            Written::Other(other) => PresenceAnswer::Busy { mine: owner, other },
            Written::Failed(error) => PresenceAnswer::Failed {
                mine: Some(owner),
                error,
            },
        }
    }

    /// Write the view; someone else's file means ours was taken over.
    fn publish(&mut self, owner: Owner, view: View) -> PresenceAnswer {
        match self.write(&owner, &view, &|_| false) {
            Written::Ok => {
                self.current = Some((owner, view));
                PresenceAnswer::Published
            }
            Written::Other(other) => {
                self.current = None;
                PresenceAnswer::Lost { mine: owner, other }
            }
            Written::Failed(error) => PresenceAnswer::Failed {
                mine: Some(owner),
                error,
            },
        }
    }

    /// The heartbeat: the same view written again (a failure is tried again
    /// at the next beat); news only when the file was taken over.
    fn heartbeat(&mut self) -> Option<PresenceAnswer> {
        let (owner, view) = self.current.clone()?;
        match self.publish(owner, view) {
            PresenceAnswer::Lost { mine, other } => Some(PresenceAnswer::Lost { mine, other }),
            _ => None,
        }
    }

    /// Write `owner`'s view under the lock, unless the file is someone
    /// else's that `may_replace` does not allow.
    fn write(
        &mut self,
        owner: &Owner,
        view: &View,
        may_replace: &dyn Fn(&Owner) -> bool,
    ) -> Written {
        let (dir, like) = (&self.dir, &self.like);
        let seq = &mut self.seq;
        let result = with_lock(dir, || {
            if let Ok(Some(p)) = presence::read(dir)
                && p.owner != *owner
                && !may_replace(&p.owner)
            {
                return Written::Other(Box::new(p));
            }
            *seq += 1;
            let p = Presence {
                owner: owner.clone(),
                heartbeat: changelog::now(),
                seq: *seq,
                view: view.clone(),
            };
            match presence::write(dir, like, &p) {
                Ok(()) => Written::Ok,
                Err(e) => Written::Failed(PresenceFailure::new(e)),
            }
        });
        result.unwrap_or_else(|e| Written::Failed(PresenceFailure::new(PresenceError::Lock(e))))
    }
}

/// Whether the presenter of `p` is still there: on this host, its process
/// runs and its heartbeat is recent; on another, its file changes within a
/// heartbeat and a half (so that the two machines' clocks need not agree).
fn still_there(dir: &Path, p: &Presence) -> bool {
    if p.owner.host == presence::hostname() {
        return presence::alive(p);
    }
    let beat = seam::heartbeat();
    std::thread::sleep(beat + beat / 2);
    matches!(presence::read(dir), Ok(Some(now)) if now.owner == p.owner && now.seq != p.seq)
}
