//! The review meeting the board is in, as data: the meeting file's contents
//! and the meeting's lines of the change log.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::domain::change::{Change, happened};
use crate::domain::field::Field;
use crate::domain::meeting::{Entry, Meeting, Remark, Review};

#[derive(Debug, Clone, PartialEq)]
pub struct MeetingState {
    pub file: PathBuf,
    pub meeting: Meeting,
    /// The changes made in this meeting, and their reasons, oldest first.
    pub log: Vec<Change>,
}

/// How a field changed in the meeting: the value before it, the value now,
/// and the newest reason given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub before: String,
    pub after: String,
    pub reason: Option<String>,
}

impl MeetingState {
    pub fn is_open(&self) -> bool {
        self.meeting.closed.is_none()
    }

    /// Mark `item` reviewed (or not) on screen, before the file says so.
    pub fn mark(&mut self, item: &str, reviewed: bool) {
        self.entry(item).reviewed = reviewed.then(|| Review {
            at: String::new(),
            by: String::new(),
        });
    }

    /// A remark on `item` on screen, before the file says so (who and when
    /// come with it).
    pub fn remark(&mut self, item: &str, text: &str) {
        self.entry(item).remarks.push(Remark {
            at: String::new(),
            by: String::new(),
            text: text.trim().to_string(),
        });
    }

    /// The agenda's entry of `item` (joining the agenda when it is not on it).
    fn entry(&mut self, item: &str) -> &mut Entry {
        let agenda = &mut self.meeting.agenda;
        let at = match agenda.iter().position(|e| e.item == item) {
            Some(at) => at,
            None => {
                agenda.push(Entry {
                    item: item.to_string(),
                    reviewed: None,
                    remarks: Vec::new(),
                });
                agenda.len() - 1
            }
        };
        &mut agenda[at]
    }

    /// Add the log lines of this board's saves made in the meeting.
    pub fn note(&mut self, changes: &[Change]) {
        let name = &self.meeting.name;
        self.log.extend(
            changes
                .iter()
                .filter(|c| c.meeting.as_deref() == Some(name))
                .cloned(),
        );
    }

    /// How `field` of `item` changed in this meeting, if it did.
    pub fn change_of(&self, item: &str, field: Field) -> Option<FieldChange> {
        let happened: Vec<&Change> = happened(&self.log)
            .into_iter()
            .filter(|c| c.item == item && c.field == field)
            .collect();
        let (first, last) = (happened.first()?, happened.last()?);
        // Changed and changed back (undone): no change.
        if first.old == last.new {
            return None;
        }
        // The newest reason: of the last change, or given for it later.
        let reason = self
            .log
            .iter()
            .rev()
            .filter(|c| c.item == item && c.field == field && c.txn == last.txn)
            .find_map(|c| c.reason.clone());
        Some(FieldChange {
            before: first.old.clone(),
            after: last.new.clone(),
            reason,
        })
    }

    /// The items changed in this meeting (and not changed back).
    pub fn changed_items(&self) -> BTreeSet<String> {
        happened(&self.log)
            .into_iter()
            .map(|c| c.item.as_str())
            .collect::<BTreeSet<&str>>()
            .into_iter()
            .filter(|id| Field::ALL.iter().any(|&f| self.change_of(id, f).is_some()))
            .map(str::to_string)
            .collect()
    }
}
