//! What the board does in a review meeting: start or resume it, mark items
//! reviewed, keep its changes at hand for the walkthrough.

use std::path::PathBuf;
use std::sync::Arc;

use super::action::{Effect, Job};
use super::meeting_state::MeetingState;
use super::state::Board;
use crate::domain::meeting::Meeting;
use crate::i18n::Msg;
use crate::store::changelog::Change;
use crate::store::meeting::MeetingChange;

impl Board {
    /// The meeting the board is in, while it is open.
    pub fn open_meeting(&self) -> Option<&Meeting> {
        self.meeting
            .as_ref()
            .filter(|m| m.is_open())
            .map(|m| &m.meeting)
    }

    /// The items of the agenda a meeting started now would have: what the
    /// search and filters show, in source order, or the whole table.
    pub fn agenda_now(&self) -> Vec<String> {
        let mut shown: Vec<usize> = match &self.search.hits {
            Some(hits) => hits.iter().map(|h| h.item).collect(),
            None => (0..self.outline.items.len()).collect(),
        };
        shown.sort_unstable();
        shown
            .into_iter()
            .filter_map(|i| self.item_ref(i).map(|r| r.item.id.clone()))
            .collect()
    }

    /// Start meeting `name` (or resume it, when it exists) with `items` as its
    /// agenda; `chosen_by` says how they were chosen.
    pub fn start_meeting(
        &mut self,
        name: &str,
        chosen_by: Option<String>,
        items: Vec<String>,
    ) -> Vec<Effect> {
        let name = name.trim();
        if name.is_empty() {
            return Vec::new();
        }
        self.meeting_job(name, MeetingChange::Start { chosen_by, items })
    }

    /// Mark `item` reviewed in the open meeting (or not, when it was).
    pub fn toggle_reviewed(&mut self, item: &str) -> Vec<Effect> {
        let Some(m) = self.open_meeting() else {
            self.say(Msg::NoMeeting);
            return Vec::new();
        };
        let reviewed = !m.is_reviewed(item);
        let name = m.name.clone();
        let change = MeetingChange::Review {
            item: item.to_string(),
            reviewed,
        };
        self.meeting_job(&name, change)
    }

    fn meeting_job(&mut self, name: &str, change: MeetingChange) -> Vec<Effect> {
        let records = Arc::clone(&self.records);
        self.edits.submit(Job::Meeting {
            name: name.to_string(),
            change,
            records,
        })
    }

    /// `w`: write the minutes of the meeting the board is in.
    pub fn write_minutes(&mut self) -> Vec<Effect> {
        let Some(state) = &self.meeting else {
            self.say(Msg::NoMeeting);
            return Vec::new();
        };
        let name = state.meeting.name.clone();
        let records = Arc::clone(&self.records);
        self.edits.submit(Job::Minutes { name, records })
    }

    /// A meeting file was written. Whether the meeting was started (or
    /// resumed) just now.
    pub fn meeting_done(
        &mut self,
        file: PathBuf,
        meeting: Meeting,
        log: Option<Vec<Change>>,
    ) -> bool {
        let started = log.is_some();
        match (&mut self.meeting, log) {
            (Some(state), None) if state.file == file => state.meeting = meeting,
            (_, log) => {
                let msg = if meeting.closed.is_some() {
                    Msg::MeetingClosedMsg
                } else {
                    Msg::MeetingOpened
                };
                self.message = Some(msg.fill(
                    self.options.lang,
                    &[("name", &crate::text::visible(&meeting.name))],
                ));
                self.meeting = Some(MeetingState {
                    file,
                    meeting,
                    log: log.unwrap_or_default(),
                });
            }
        }
        started
    }

    /// The log lines of this board's saves made in the meeting.
    pub fn note_meeting_changes(&mut self, changes: &[Change]) {
        if let Some(state) = &mut self.meeting {
            state.note(changes);
        }
    }
}
