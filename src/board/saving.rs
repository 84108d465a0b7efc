//! Changes made in the board: saving, undo and redo, reasons, conflicts, and
//! new records from a save or from others' saves.

use std::sync::Arc;

use super::action::{Effect, Job, SaveKind, SaveRequest, StoreOutcome};
use super::edits::{HeldConflict, Show};
use super::state::Board;
use crate::domain::field::{Edit, Field};
use crate::domain::records::Records;
use crate::i18n::Msg;
use crate::store::changelog::Change;

impl Board {
    /// Ask for `request` to be saved; the data it was asked on is the data
    /// on screen.
    pub fn save(&mut self, mut request: SaveRequest) -> Vec<Effect> {
        request.meeting = self.open_meeting().map(|m| m.name.clone());
        let seen = Arc::clone(&self.records);
        self.edits.submit(Job::Save { request, seen })
    }

    /// Save `value` into `field` of `item`, unless that is what it holds, or
    /// what a save of this board not yet on disk will make it hold.
    pub fn edit_item(&mut self, item: String, field: Field, value: String) -> Vec<Effect> {
        let on_screen = self.report().item(&item).map(|r| field.get(r.item));
        let current = match self.edits.intended(&item, field) {
            Some(v) => Some(v.to_string()),
            None => on_screen,
        };
        if current.as_deref() == Some(value.as_str()) {
            return Vec::new();
        }
        let edits = vec![Edit { item, field, value }];
        self.save(SaveRequest {
            edits,
            reason: None,
            force: false,
            kind: SaveKind::Edit,
            batch: Vec::new(),
            meeting: None,
        })
    }

    /// `u` / `Ctrl-r`: the newest saved change (or undone one) reversed, as a
    /// logged change of its own.
    pub fn undo_redo(&mut self, kind: SaveKind) -> Vec<Effect> {
        let stack = if kind == SaveKind::Undo {
            &mut self.edits.undo
        } else {
            &mut self.edits.redo
        };
        let Some(batch) = stack.pop() else {
            self.say(if kind == SaveKind::Undo {
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
            batch,
            meeting: None,
        })
    }

    /// The editor closed.
    pub fn edited(
        &mut self,
        item: String,
        field: Field,
        text: Result<String, String>,
    ) -> Vec<Effect> {
        match text {
            Ok(text) => self.edit_item(item, field, text),
            Err(why) => {
                self.message = Some(format!("{}: {why}", self.t(Msg::EditorFailed)));
                Vec::new()
            }
        }
    }

    /// `m`: a reason for the newest change of `item` this board saved (the
    /// prompt waits while a save is not on disk yet, so the reason goes with it).
    pub fn give_reason(&mut self, item: &str, reason: &str) -> Vec<Effect> {
        let reason = reason.trim();
        let last = self.edits.last_change_of(item).cloned();
        match (last, reason.is_empty()) {
            (Some(change), false) => self.edits.submit(Job::Reason {
                change: Box::new(change),
                reason: reason.to_string(),
            }),
            _ => Vec::new(),
        }
    }

    /// The user chose in a conflict: keep their value, or write ours over it.
    pub fn resolve_conflict(&mut self, keep_mine: bool) -> Vec<Effect> {
        let Some(request) = self.edits.held.take() else {
            return Vec::new();
        };
        if !keep_mine {
            self.say(Msg::KeptTheirs);
            self.give_back(request);
            return self.edits.next();
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
        self.edits.next()
    }

    /// `q`: quit, unless changes are not on disk yet (then say so; a second
    /// `q` quits anyway). A save in flight is waited for by the runtime.
    pub fn quit(&mut self) -> Vec<Effect> {
        let waiting = self.edits.waiting();
        if waiting == 0 || self.edits.quit_armed {
            self.edits.quitting = true;
            return vec![Effect::Quit];
        }
        self.edits.quit_armed = true;
        self.message = Some(Msg::UnsavedQuit.fill(self.options.lang, &[("count", &waiting)]));
        Vec::new()
    }

    /// A store job finished; a screen it calls for, if any (a conflict to
    /// choose in, a meeting to walk).
    pub fn store_done(&mut self, job: Job, outcome: StoreOutcome) -> (Vec<Effect>, Option<Show>) {
        match (job, outcome) {
            (Job::Save { request, .. }, StoreOutcome::Conflict(conflict)) => {
                self.edits.in_flight = None;
                self.edits.held = Some(request.clone());
                (
                    Vec::new(),
                    Some(Show::Conflict(Box::new(HeldConflict { request, conflict }))),
                )
            }
            (
                _,
                StoreOutcome::Meeting {
                    file,
                    meeting,
                    log,
                    created,
                },
            ) => {
                self.edits.in_flight = None;
                let started = self.meeting_done(file, *meeting, log, created);
                let mut effects = self.edits.next();
                // What the meeting filters let through may have changed.
                if !self.meeting_filters.is_empty() {
                    effects.extend(self.request_search());
                }
                (effects, started.then_some(Show::Walkthrough))
            }
            (job, outcome) => (self.store_answer(job, outcome), None),
        }
    }

    fn store_answer(&mut self, job: Job, outcome: StoreOutcome) -> Vec<Effect> {
        self.edits.in_flight = None;
        match outcome {
            StoreOutcome::Saved { changes, records } => {
                // The job's copy of the records goes first: the board's own
                // is then changed in place, not copied.
                if let Job::Save { request, seen } = job {
                    drop(seen);
                    self.saved(request, &changes);
                }
                let mut effects = match records {
                    Some(records) => self.replace_records(*records),
                    None => self.apply_own(&changes),
                };
                effects.extend(self.edits.next());
                effects
            }
            // Answered in store_done.
            StoreOutcome::Meeting { .. } => self.edits.next(),
            StoreOutcome::Written(file) => {
                let path = crate::text::visible(&file.display().to_string()).into_owned();
                self.message =
                    Some(Msg::MinutesWritten.fill(self.options.lang, &[("path", &path)]));
                self.edits.next()
            }
            StoreOutcome::ReasonRecorded => {
                if let Job::Reason { change, reason } = job {
                    let line = Change {
                        status: crate::store::changelog::LogStatus::Reason,
                        reason: Some(reason),
                        ..*change
                    };
                    self.note_meeting_changes(&[line]);
                }
                self.say(Msg::ReasonSaved);
                self.edits.next()
            }
            // A reason is a line of its own: nobody else's change conflicts with it.
            StoreOutcome::Conflict(_) => self.edits.next(),
            StoreOutcome::Rejected(why) => {
                self.message = Some(format!("{}: {why}", self.t(Msg::SaveRejected)));
                if let Job::Save { request, .. } = job {
                    self.give_back(request);
                }
                self.edits.next()
            }
            StoreOutcome::Failed(why) => {
                self.message = Some(format!(
                    "{}: {why} — {}",
                    self.t(Msg::SaveFailed),
                    self.t(Msg::Retrying)
                ));
                self.edits.failed = Some((job, None));
                Vec::new()
            }
        }
    }

    /// An undo or redo that did not happen: its changes go back on their stack.
    fn give_back(&mut self, request: SaveRequest) {
        match request.kind {
            SaveKind::Edit => {}
            SaveKind::Undo => self.edits.undo.push(request.batch),
            SaveKind::Redo => self.edits.redo.push(request.batch),
        }
    }

    /// The stacks, the changed marks and the message after a save.
    fn saved(&mut self, request: SaveRequest, changes: &[Change]) {
        self.edits.patch_waiting(changes);
        self.note_meeting_changes(changes);
        match request.kind {
            SaveKind::Edit if !changes.is_empty() => {
                self.edits.undo.push(changes.to_vec());
                self.edits.redo.clear();
            }
            SaveKind::Edit => {}
            SaveKind::Undo => self.edits.redo.push(request.batch),
            SaveKind::Redo => self.edits.undo.push(request.batch),
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
    pub fn disk_checked(&mut self, fresh: Option<Box<Records>>) -> Vec<Effect> {
        let Some(fresh) = fresh else {
            return Vec::new();
        };
        if *fresh == *self.records {
            return Vec::new();
        }
        // Each item looked up once by id: linear in the records.
        let old: std::collections::HashMap<&str, &crate::domain::model::Item> = self
            .report()
            .items()
            .map(|r| (r.item.id.as_str(), r.item))
            .collect();
        let mut changed = Vec::new();
        for r in fresh.report.items() {
            let Some(old) = old.get(r.item.id.as_str()) else {
                continue;
            };
            for f in Field::ALL {
                let (a, b) = (f.get(old), f.get(r.item));
                if a != b {
                    changed.push((r.item.id.as_str(), f, a, b));
                }
            }
        }
        drop(old);
        // A few changes are named; many are counted.
        const NAMED: usize = 5;
        let mut said: Vec<String> = changed
            .iter()
            .take(NAMED)
            .map(|(id, f, a, b)| self.change_words(id, *f, a, b))
            .collect();
        if changed.len() > NAMED {
            let more = changed.len() - NAMED;
            said.push(Msg::ReloadedMore.fill(self.options.lang, &[("count", &more)]));
        }
        self.message = Some(format!("{}: {}", self.t(Msg::ReloadedMsg), said.join(", ")));
        self.replace_records(*fresh)
    }

    /// New records on screen: the selection, the expanded nodes and the search
    /// are kept, and the search runs again on the new data. The selected row
    /// stays in the list even if it no longer matches, until the selection
    /// moves (it is marked so).
    /// Our own save's changes, applied to the board's records in place (a
    /// copy is made only while another thread still reads them).
    fn apply_own(&mut self, changes: &[crate::store::changelog::Change]) -> Vec<Effect> {
        let records = Arc::make_mut(&mut self.records);
        self.data_generation += 1;
        let generation = self.data_generation;
        let mut touched = Vec::new();
        for c in changes {
            let found = records
                .report
                .items_mut()
                .enumerate()
                .find(|(_, item)| item.id == c.item);
            if let Some((i, item)) = found {
                c.field.set(item, c.new.clone());
                touched.push((generation, i));
            }
        }
        Arc::make_mut(&mut self.data_version.touched).extend(touched);
        self.data_version.now = generation;
        self.marks.clear();
        let selected = self.selected_item().map(|r| r.item.id.clone());
        self.search.forget_answer();
        let effects = self.request_search();
        if !effects.is_empty() {
            self.search.keep = selected;
        }
        effects
    }

    fn replace_records(&mut self, records: Records) -> Vec<Effect> {
        let selected = self.selected_item().map(|r| r.item.id.clone());
        self.outline = self.outline.rebuilt(&records.report);
        self.records = Arc::new(records);
        self.data_generation += 1;
        self.data_version = super::action::DataVersion {
            base: self.data_generation,
            now: self.data_generation,
            touched: Default::default(),
        };
        self.departments = crate::search::all_departments(self.report());
        self.marks.clear();
        let index = selected
            .as_ref()
            .and_then(|id| self.report().items().position(|r| &r.item.id == id));
        if let Some(i) = index {
            self.outline.select_item(i);
        }
        self.search.forget_answer();
        let effects = self.request_search();
        // The selected row stays while the new answer comes, even if it no
        // longer matches (request_search forgot any older row kept).
        if !effects.is_empty() {
            self.search.keep = selected;
        }
        self.outline.scroll_into_view(self.outline_height());
        effects
    }
}
