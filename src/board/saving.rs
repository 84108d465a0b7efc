//! Changes made in the board: saving, undo and redo, reasons, conflicts, and
//! new records from a save or from others' saves.

use std::sync::Arc;

use super::action::{Effect, Job, SaveKind, SaveRequest, StoreOutcome};
use super::edits::HeldConflict;
use super::state::Board;
use crate::domain::field::{Edit, Field};
use crate::domain::records::Records;
use crate::i18n::Msg;
use crate::store::changelog::Change;

impl Board {
    /// Ask for `request` to be saved; the data it was asked on is the data
    /// on screen.
    pub fn save(&mut self, request: SaveRequest) -> Vec<Effect> {
        let seen = Arc::clone(&self.records);
        self.edits.submit(Job::Save { request, seen })
    }

    /// Set a field of the selected item (a status key, the picker).
    pub fn edit_selected(&mut self, field: Field, value: String) -> Vec<Effect> {
        let Some(r) = self.selected_item() else {
            self.say(Msg::NoItemSelected);
            return Vec::new();
        };
        if field.get(r.item) == value {
            return Vec::new();
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
    }

    /// `u` / `Ctrl-r`: the newest saved change (or undone one) reversed, as a
    /// logged change of its own.
    pub fn undo_redo(&mut self, kind: SaveKind) -> Vec<Effect> {
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
            Ok(text) => {
                let current = self.report().item(&item).map(|r| field.get(r.item));
                if current.as_deref() == Some(text.as_str()) {
                    return Vec::new();
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
            }
            Err(why) => {
                self.message = Some(format!("{}: {why}", self.t(Msg::EditorFailed)));
                Vec::new()
            }
        }
    }

    /// `m`: a reason for the newest change this board saved.
    pub fn give_reason(&mut self, reason: &str) -> Vec<Effect> {
        let reason = reason.trim();
        let last = self.edits.undo.last().and_then(|b| b.last()).cloned();
        match (last, reason.is_empty()) {
            (Some(change), false) => self.edits.submit(Job::Reason {
                change,
                reason: reason.to_string(),
            }),
            _ => Vec::new(),
        }
    }

    /// The user chose in a conflict: keep their value, or write ours over it.
    pub fn resolve_conflict(&mut self, request: SaveRequest, keep_mine: bool) -> Vec<Effect> {
        self.edits.held = false;
        if !keep_mine {
            self.say(Msg::KeptTheirs);
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
        let waiting = self.edits.queue.len() + usize::from(self.edits.failed.is_some());
        if waiting == 0 || self.edits.quit_armed {
            return vec![Effect::Quit];
        }
        self.edits.quit_armed = true;
        self.message = Some(Msg::UnsavedQuit.fill(self.options.lang, &[("count", &waiting)]));
        Vec::new()
    }

    /// A store job finished; a conflict to put before the user, if it was one.
    pub fn store_done(
        &mut self,
        job: Job,
        outcome: StoreOutcome,
    ) -> (Vec<Effect>, Option<HeldConflict>) {
        match (job, outcome) {
            (Job::Save { request, .. }, StoreOutcome::Conflict(conflict)) => {
                self.edits.in_flight = None;
                self.edits.held = true;
                (Vec::new(), Some(HeldConflict { request, conflict }))
            }
            (job, outcome) => (self.store_answer(job, outcome), None),
        }
    }

    fn store_answer(&mut self, job: Job, outcome: StoreOutcome) -> Vec<Effect> {
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
                effects
            }
            StoreOutcome::ReasonRecorded => {
                self.say(Msg::ReasonSaved);
                self.edits.next()
            }
            // A reason is a line of its own: nobody else's change conflicts with it.
            StoreOutcome::Conflict(_) => self.edits.next(),
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
    pub fn disk_checked(&mut self, fresh: Option<Box<Records>>) -> Vec<Effect> {
        let Some(fresh) = fresh else {
            return Vec::new();
        };
        if *fresh == *self.records {
            return Vec::new();
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
        self.replace_records(*fresh)
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
