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
        // Shown at once (a second `r` before the write lands takes it back);
        // the file as written replaces it.
        if let Some(state) = &mut self.meeting {
            state.mark(item, reviewed);
        }
        let change = MeetingChange::Review {
            item: item.to_string(),
            reviewed,
        };
        let mut effects = self.meeting_job(&name, change);
        if self.meeting_filters.not_reviewed {
            effects.extend(self.request_search());
        }
        effects
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

    /// A meeting file was written (or read). Whether the meeting was
    /// started or resumed just now.
    pub fn meeting_done(
        &mut self,
        file: PathBuf,
        meeting: Meeting,
        log: Option<Vec<Change>>,
        created: bool,
    ) -> bool {
        let Some(log) = log else {
            // A mark, a close, or the file as someone else left it.
            if let Some(state) = self.meeting.as_mut().filter(|s| s.file == file) {
                let closed_now = state.meeting.closed.is_none() && meeting.closed.is_some();
                state.meeting = meeting;
                if closed_now {
                    let name = crate::text::visible(&state.meeting.name).into_owned();
                    self.message =
                        Some(Msg::MeetingClosedMsg.fill(self.options.lang, &[("name", &name)]));
                }
            }
            return false;
        };
        let name = crate::text::visible(&meeting.name).into_owned();
        let count = meeting.agenda.len();
        let chosen = match meeting.chosen_by.as_deref() {
            Some(c) => crate::text::visible(c).into_owned(),
            None => self.t(Msg::WholeTable).to_string(),
        };
        let lang = self.options.lang;
        self.message = Some(match (created, meeting.closed.is_some()) {
            (_, true) => Msg::MeetingClosedMsg.fill(lang, &[("name", &name)]),
            (true, false) => Msg::MeetingStarted.fill(lang, &[("name", &name), ("count", &count)]),
            (false, false) => Msg::MeetingResumed.fill(
                lang,
                &[("name", &name), ("count", &count), ("chosen", &chosen)],
            ),
        });
        self.meeting = Some(MeetingState { file, meeting, log });
        true
    }

    /// A meeting read to be shown (a follower's: the presenter's meeting).
    pub fn meeting_read(&mut self, file: PathBuf, meeting: Meeting, log: Vec<Change>) {
        self.meeting = Some(MeetingState { file, meeting, log });
    }

    /// The log lines of this board's saves made in the meeting.
    pub fn note_meeting_changes(&mut self, changes: &[Change]) {
        if let Some(state) = &mut self.meeting {
            state.note(changes);
        }
    }
}
