//! The board's own changes: saving a field, undo and redo, reasons, the
//! choice in a conflict, and quitting with changes not yet on disk. Every
//! write of the board (a meeting's too) waits its turn in one queue of store
//! jobs ([`queue`]), performed by the store worker ([`worker`]); what a job
//! did comes back to [`Edits::land`] ([`landing`]).

pub mod editor;
mod landing;
mod queue;
pub mod worker;

pub use crate::board::work::EditorError;
pub use editor::{edit_in_editor, users_editor};
pub use landing::change_words;
pub use queue::{HeldConflict, RETRY_AFTER};

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Instant;

use crate::store::SeenValues;

use super::action::Effect;
use super::footer::Footer;
use super::work::{Job, SaveKind, SaveRequest};
use crate::domain::field::{Edit, Field};
use crate::domain::records::Records;
use crate::i18n::Msg;
use crate::store::changelog::Change;
use queue::Queue;

/// The board's own changes: saved, in flight, waiting, failed, held.
#[derive(Debug, Clone, Default)]
pub struct Edits {
    /// Items changed since the board was opened (marked in the outline).
    changed: BTreeSet<String>,
    /// Saved changes that `u` can undo, newest last; each a save's changes.
    undo: Vec<Vec<Change>>,
    redo: Vec<Vec<Change>>,
    queue: Queue,
    /// `q` was pressed with changes not yet saved: the next `q` quits anyway.
    quit_armed: bool,
}

/// What the user asks of their changes.
#[derive(Debug, Clone)]
pub enum EditMsg {
    /// Save `value` into `field` of `item`, unless that is what it holds, or
    /// what a save of this board not yet on disk will make it hold.
    Set {
        item: String,
        field: Field,
        value: String,
    },
    /// The newest saved change (or undone one) reversed, as a logged change
    /// of its own.
    Undo,
    Redo,
    /// The editor closed.
    Edited {
        item: String,
        field: Field,
        text: Result<String, EditorError>,
    },
    /// A reason for the newest change of `item` this board saved.
    Reason {
        item: String,
        text: String,
    },
    /// The user chose in a conflict: keep their value, or write ours over it.
    Resolve {
        keep_mine: bool,
    },
    /// Quit, unless changes are not on disk yet (then say so; a second
    /// `Quit` quits anyway). A save in flight is waited for by the runtime.
    Quit,
    /// The board closes: nothing more is started (a save under way lands).
    Stop,
}

/// What the edits read and change besides themselves.
pub struct Scope<'a> {
    /// The records on screen: the data a change is asked on.
    pub records: &'a Arc<Records>,
    /// The open meeting a change is made in (written in its log line).
    pub meeting: Option<&'a str>,
    pub footer: &'a mut Footer,
}

impl Edits {
    /// Do what `msg` asks; the store jobs to start.
    pub fn update(&mut self, scope: Scope, msg: EditMsg) -> Vec<Effect> {
        match msg {
            EditMsg::Set { item, field, value } => self.set(scope, item, field, value),
            EditMsg::Undo => self.undo_redo(scope, SaveKind::Undo),
            EditMsg::Redo => self.undo_redo(scope, SaveKind::Redo),
            EditMsg::Edited { item, field, text } => match text {
                Ok(text) if self.current(&scope, &item, field).as_deref() == Some(&text) => {
                    // The editor closed without a change: nothing to save.
                    scope.footer.tell(Msg::NoChange);
                    Vec::new()
                }
                Ok(text) => self.set(scope, item, field, text),
                Err(why) => {
                    let why = why.say(scope.footer.lang());
                    let failed = scope.footer.words(Msg::EditorFailed);
                    scope.footer.put(format!("{failed}: {why}"));
                    Vec::new()
                }
            },
            EditMsg::Reason { item, text } => {
                let reason = text.trim();
                match self.last_change_of(&item).cloned() {
                    Some(change) if !reason.is_empty() => self.submit(Job::Reason {
                        change: Box::new(change),
                        reason: reason.to_string(),
                    }),
                    _ => Vec::new(),
                }
            }
            EditMsg::Resolve { keep_mine } => self.resolve(scope, keep_mine),
            EditMsg::Quit => self.quit(scope.footer),
            EditMsg::Stop => {
                self.queue.stopped = true;
                Vec::new()
            }
        }
    }

    /// Queue `job` behind the others; the next job when the store is free.
    pub fn submit(&mut self, job: Job) -> Vec<Effect> {
        self.quit_armed = false;
        self.queue.push(job);
        self.queue.next()
    }

    fn save(&mut self, scope: Scope, mut request: SaveRequest) -> Vec<Effect> {
        request.meeting = scope.meeting.map(str::to_string);
        self.submit(save_job(scope.records, request))
    }

    /// What `field` of `item` holds, or will hold once this board's saves
    /// not yet on disk are.
    fn current(&self, scope: &Scope, item: &str, field: Field) -> Option<String> {
        match self.intended(item, field) {
            Some(v) => Some(v.to_string()),
            None => scope.records.report.item(item).map(|r| field.get(r.item)),
        }
    }

    fn set(&mut self, scope: Scope, item: String, field: Field, value: String) -> Vec<Effect> {
        if self.current(&scope, &item, field).as_deref() == Some(value.as_str()) {
            return Vec::new();
        }
        let request = SaveRequest {
            edits: vec![Edit { item, field, value }],
            reason: None,
            force: false,
            kind: SaveKind::Edit,
            batch: Vec::new(),
            meeting: None,
        };
        self.save(scope, request)
    }

    fn undo_redo(&mut self, scope: Scope, kind: SaveKind) -> Vec<Effect> {
        let undo = kind == SaveKind::Undo;
        let stack = if undo { &mut self.undo } else { &mut self.redo };
        let Some(batch) = stack.pop() else {
            scope.footer.tell(if undo {
                Msg::NothingToUndo
            } else {
                Msg::NothingToRedo
            });
            return Vec::new();
        };
        let edits = batch
            .iter()
            .rev()
            .map(|c| Edit {
                item: c.item.clone(),
                field: c.field,
                value: if undo { c.old.clone() } else { c.new.clone() },
            })
            .collect();
        let reason = if undo {
            Msg::UndoReason
        } else {
            Msg::RedoReason
        };
        let request = SaveRequest {
            edits,
            reason: Some(scope.footer.words(reason).to_string()),
            force: false,
            kind,
            batch,
            meeting: None,
        };
        self.save(scope, request)
    }

    fn resolve(&mut self, scope: Scope, keep_mine: bool) -> Vec<Effect> {
        let Some(held) = self.queue.held.take() else {
            return Vec::new();
        };
        if !keep_mine {
            scope.footer.tell(Msg::KeptTheirs);
            self.give_back(held.request);
            return self.queue.next();
        }
        let request = SaveRequest {
            force: true,
            ..held.request
        };
        let job = save_job(scope.records, request);
        self.queue.waiting.push_front(job);
        self.queue.next()
    }

    fn quit(&mut self, footer: &mut Footer) -> Vec<Effect> {
        let waiting = self.queue.waiting_edits();
        if waiting == 0 || self.quit_armed {
            self.queue.stopped = true;
            return vec![Effect::Quit];
        }
        self.quit_armed = true;
        footer.tell_with(Msg::UnsavedQuit, &[("count", &waiting)]);
        Vec::new()
    }

    /// An undo or redo that did not happen: its changes go back on their stack.
    fn give_back(&mut self, request: SaveRequest) {
        match request.kind {
            SaveKind::Edit => {}
            SaveKind::Undo => self.undo.push(request.batch),
            SaveKind::Redo => self.redo.push(request.batch),
        }
    }

    /// Time passes: the failed job, once its time has come.
    pub fn retry_due(&mut self, now: Instant) -> Vec<Effect> {
        self.queue.retry_due(now)
    }

    /// When time must pass for a failed job to be tried again.
    pub fn next_tick(&self, now: Instant) -> Option<Instant> {
        self.queue.next_tick(now)
    }

    /// Whether `item` was changed since the board opened.
    pub fn changed(&self, item: &str) -> bool {
        self.changed.contains(item)
    }

    /// Nothing in flight, waiting, failed or held.
    pub fn is_idle(&self) -> bool {
        self.queue.is_idle()
    }

    /// Whether the store is writing one of this board's jobs.
    pub fn is_writing(&self) -> bool {
        self.queue.in_flight.is_some()
    }

    /// Whether a failed job waits to be tried again.
    pub fn has_failed(&self) -> bool {
        self.queue.failed.is_some()
    }

    /// When the failed job is tried again.
    pub fn retry_at(&self) -> Option<Instant> {
        self.queue.failed.as_ref().and_then(|(_, t)| *t)
    }

    /// The edits asked for and not on disk yet.
    pub fn unsaved(&self) -> Vec<&Edit> {
        self.queue.unsaved()
    }

    /// The refused save waiting for the user's choice, and both values.
    pub fn held(&self) -> Option<&HeldConflict> {
        self.queue.held.as_ref()
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
}

/// The save of `request`, asked on `records`: what it saw of the fields it
/// changes.
fn save_job(records: &Records, request: SaveRequest) -> Job {
    Job::Save {
        seen: SeenValues::of(&records.report, &request.edits),
        request,
    }
}
