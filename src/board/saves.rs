//! Changes made in the board: one store job at a time, later ones queued, a
//! failed one kept and retried, a conflict held until the user chooses; the
//! undo and redo stacks; new records from a save or from others' saves.

use std::collections::{BTreeSet, VecDeque};
use std::sync::Arc;
use std::time::Instant;

use super::action::{Effect, Job, SaveKind, SaveRequest, StoreOutcome};
use super::screen::conflict::ConflictDialog;
use super::screen::{Nav, Outcome, Screen};
use super::state::{Board, CHECK_EVERY};
use crate::domain::field::{Edit, Field};
use crate::domain::records::Records;
use crate::i18n::Msg;
use crate::store::changelog::Change;

/// The board's own changes: saved, in flight, waiting, failed.
#[derive(Debug, Clone, Default)]
pub struct Edits {
    /// Items changed since the board was opened (marked in the outline).
    pub changed: BTreeSet<String>,
    /// Saved changes that `u` can undo, newest last; each a save's changes.
    pub undo: Vec<Vec<Change>>,
    pub redo: Vec<Vec<Change>>,
    /// The job the store is working on.
    in_flight: Option<Job>,
    /// Jobs waiting for it, in order.
    queue: VecDeque<Job>,
    /// A job that failed, and when it is tried again (set at the next tick).
    failed: Option<(Job, Option<Instant>)>,
    /// A conflict waits for the user's choice.
    held: bool,
    /// `q` was pressed with changes not yet saved: the next `q` quits anyway.
    quit_armed: bool,
}

impl Edits {
    /// Nothing in flight, waiting, failed or held.
    pub fn is_idle(&self) -> bool {
        self.in_flight.is_none() && self.queue.is_empty() && self.failed.is_none() && !self.held
    }

    /// Whether the store is writing one of this board's changes.
    pub fn is_writing(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Changes asked for and not on disk yet.
    pub fn unsaved(&self) -> usize {
        self.queue.len()
            + usize::from(self.failed.is_some())
            + usize::from(self.in_flight.is_some())
    }

    /// Whether a failed save waits to be tried again.
    pub fn has_failed(&self) -> bool {
        self.failed.is_some()
    }

    /// When the failed job is tried again.
    pub fn retry_at(&self) -> Option<Instant> {
        self.failed.as_ref().and_then(|(_, t)| *t)
    }

    fn submit(&mut self, job: Job) -> Vec<Effect> {
        self.quit_armed = false;
        self.queue.push_back(job);
        self.next()
    }

    /// Start the next job when the store is free.
    fn next(&mut self) -> Vec<Effect> {
        if self.in_flight.is_some() || self.failed.is_some() || self.held {
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
                *at = Some(now + CHECK_EVERY);
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
    fn patch_waiting(&mut self, changes: &[Change]) {
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

impl Board {
    /// Ask for `request` to be saved; the data it was asked on is the data
    /// on screen.
    pub fn save(&mut self, request: SaveRequest) -> Vec<Effect> {
        let seen = Arc::clone(&self.records);
        self.edits.submit(Job::Save { request, seen })
    }

    /// Set a field of the selected item (a status key, the picker).
    pub fn edit_selected(&mut self, field: Field, value: String) -> Outcome {
        let Some(r) = self.selected_item() else {
            self.say(Msg::NoItemSelected);
            return Outcome::none();
        };
        if field.get(r.item) == value {
            return Outcome::none();
        }
        let edit = Edit {
            item: r.item.id.clone(),
            field,
            value,
        };
        self.save(SaveRequest {
            edits: vec![edit],
            reason: None,
            force: false,
            kind: SaveKind::Edit,
        })
        .into()
    }

    /// `u` / `Ctrl-r`: the newest saved change (or undone one) reversed, as a
    /// logged change of its own.
    pub fn undo_redo(&mut self, kind: SaveKind) -> Outcome {
        let stack = if kind == SaveKind::Undo {
            &self.edits.undo
        } else {
            &self.edits.redo
        };
        let Some(batch) = stack.last() else {
            self.say(if kind == SaveKind::Undo {
                Msg::NothingToUndo
            } else {
                Msg::NothingToRedo
            });
            return Outcome::none();
        };
        let edits = batch
            .iter()
            .rev()
            .map(|c| Edit {
                item: c.item.clone(),
                field: c.field,
                value: if kind == SaveKind::Undo {
                    c.old.clone()
                } else {
                    c.new.clone()
                },
            })
            .collect();
        let reason = if kind == SaveKind::Undo {
            Msg::UndoReason
        } else {
            Msg::RedoReason
        };
        self.save(SaveRequest {
            edits,
            reason: Some(self.t(reason).to_string()),
            force: false,
            kind,
        })
        .into()
    }

    /// The editor closed.
    pub fn edited(&mut self, item: String, field: Field, text: Result<String, String>) -> Outcome {
        match text {
            Ok(text) => {
                let current = self.report().item(&item).map(|r| field.get(r.item));
                if current.as_deref() == Some(text.as_str()) {
                    return Outcome::none();
                }
                let edits = vec![Edit {
                    item,
                    field,
                    value: text,
                }];
                self.save(SaveRequest {
                    edits,
                    reason: None,
                    force: false,
                    kind: SaveKind::Edit,
                })
                .into()
            }
            Err(why) => {
                self.message = Some(format!("{}: {why}", self.t(Msg::EditorFailed)));
                Outcome::none()
            }
        }
    }

    /// `m`: a reason for the newest change this board saved.
    pub fn give_reason(&mut self, reason: &str) -> Outcome {
        let reason = reason.trim();
        let last = self.edits.undo.last().and_then(|b| b.last()).cloned();
        match (last, reason.is_empty()) {
            (Some(change), false) => self
                .edits
                .submit(Job::Reason {
                    change,
                    reason: reason.to_string(),
                })
                .into(),
            _ => Outcome::none(),
        }
    }

    /// The user chose in a conflict: keep their value, or write ours over it.
    pub fn resolve_conflict(&mut self, request: SaveRequest, keep_mine: bool) -> Outcome {
        self.edits.held = false;
        if !keep_mine {
            self.say(Msg::KeptTheirs);
            return self.edits.next().into();
        }
        let seen = Arc::clone(&self.records);
        let job = Job::Save {
            request: SaveRequest {
                force: true,
                ..request
            },
            seen,
        };
        self.edits.queue.push_front(job);
        self.edits.next().into()
    }

    /// `q`: quit, unless changes are not on disk yet (then say so; a second
    /// `q` quits anyway). A save in flight is waited for by the runtime.
    pub fn quit(&mut self) -> Vec<Effect> {
        let waiting = self.edits.queue.len() + usize::from(self.edits.failed.is_some());
        if waiting == 0 || self.edits.quit_armed {
            return vec![Effect::Quit];
        }
        self.edits.quit_armed = true;
        self.message = Some(Msg::UnsavedQuit.fill(self.options.lang, &[("count", &waiting)]));
        Vec::new()
    }

    /// A store job finished.
    pub fn store_done(&mut self, job: Job, outcome: StoreOutcome) -> Outcome {
        self.edits.in_flight = None;
        match outcome {
            StoreOutcome::Saved { changes, records } => {
                let kind = match &job {
                    Job::Save { request, .. } => request.kind,
                    Job::Reason { .. } => SaveKind::Edit,
                };
                self.saved(kind, &changes);
                let mut effects = self.replace_records(*records);
                effects.extend(self.edits.next());
                effects.into()
            }
            StoreOutcome::ReasonRecorded => {
                self.say(Msg::ReasonSaved);
                self.edits.next().into()
            }
            StoreOutcome::Conflict(conflict) => match job {
                Job::Save { request, .. } => {
                    self.edits.held = true;
                    Outcome::nav(Nav::Push(Screen::Conflict(ConflictDialog {
                        request,
                        conflict,
                    })))
                }
                Job::Reason { .. } => self.edits.next().into(),
            },
            StoreOutcome::Failed(why) => {
                self.message = Some(format!(
                    "{}: {why} — {}",
                    self.t(Msg::SaveFailed),
                    self.t(Msg::Retrying)
                ));
                self.edits.failed = Some((job, None));
                Outcome::none()
            }
        }
    }

    /// The stacks, the changed marks and the message after a save.
    fn saved(&mut self, kind: SaveKind, changes: &[Change]) {
        self.edits.patch_waiting(changes);
        if !changes.is_empty() {
            let (from, to) = match kind {
                SaveKind::Edit => {
                    self.edits.undo.push(changes.to_vec());
                    self.edits.redo.clear();
                    (None, None)
                }
                SaveKind::Undo => (Some(&mut self.edits.undo), Some(&mut self.edits.redo)),
                SaveKind::Redo => (Some(&mut self.edits.redo), Some(&mut self.edits.undo)),
            };
            if let (Some(from), Some(to)) = (from, to)
                && let Some(b) = from.pop()
            {
                to.push(b);
            }
        }
        for c in changes {
            self.edits.changed.insert(c.item.clone());
        }
        let said: Vec<String> = changes
            .iter()
            .map(|c| self.change_words(&c.item, c.field, &c.old, &c.new))
            .collect();
        self.message = Some(format!("{}: {}", self.t(Msg::SavedMsg), said.join(", ")));
    }

    /// `1-1-a 実施区分: A → B` for a code, `1-1-a 実施状況` for a text.
    fn change_words(&self, item: &str, field: Field, old: &str, new: &str) -> String {
        let label = field.label(self.report(), self.options.lang);
        let v = crate::text::visible;
        if field.is_code() {
            format!("{} {label}: {} → {}", v(item), v(old), v(new))
        } else {
            format!("{} {label}", v(item))
        }
    }

    /// The files were looked at: reload what others saved, and say what changed.
    pub fn disk_checked(&mut self, fresh: Option<Box<Records>>) -> Outcome {
        let Some(fresh) = fresh else {
            return Outcome::none();
        };
        if *fresh == *self.records {
            return Outcome::none();
        }
        let mut said = Vec::new();
        for r in fresh.report.items() {
            let Some(old) = self.report().item(&r.item.id) else {
                continue;
            };
            for f in Field::ALL {
                let (a, b) = (f.get(old.item), f.get(r.item));
                if a != b {
                    said.push(self.change_words(&r.item.id, f, &a, &b));
                }
            }
        }
        self.message = Some(format!("{}: {}", self.t(Msg::ReloadedMsg), said.join(", ")));
        self.replace_records(*fresh).into()
    }

    /// New records on screen: the selection, the expanded nodes and the search
    /// are kept, and the search runs again on the new data. The selected row
    /// stays in the list even if it no longer matches, until the selection
    /// moves (it is marked so).
    fn replace_records(&mut self, records: Records) -> Vec<Effect> {
        let selected = self.selected_item().map(|r| r.item.id.clone());
        self.outline = self.outline.rebuilt(&records.report);
        self.records = Arc::new(records);
        self.departments = crate::search::all_departments(self.report());
        self.marks.clear();
        let index = selected
            .as_ref()
            .and_then(|id| self.report().items().position(|r| &r.item.id == id));
        if let Some(i) = index {
            self.outline.select_item(i);
        }
        self.search.keep = selected;
        self.search.forget_answer();
        let effects = self.request_search();
        self.outline.scroll_into_view(self.outline_height());
        effects
    }
}
