//! The review meeting the board is in: start or resume it, mark items
//! reviewed, write its minutes, keep its changes at hand for the
//! walkthrough. Its writes wait their turn in the board's queue of store
//! jobs like every other ([`Note::Write`], [`crate::board::edits`]).

mod state;

pub use state::{FieldChange, MeetingState};

use std::path::PathBuf;
use std::sync::Arc;

use crate::board::state::Data;

use super::action::{Effect, Note};
use super::footer::Footer;
use super::work::Job;
use crate::domain::meeting::Meeting;
use crate::i18n::Msg;
use crate::store::changelog::Change;
use crate::store::meeting::MeetingChange;
use crate::text::visible;

/// The meeting room: the meeting the board is in, if any.
#[derive(Debug, Clone, Default)]
pub struct Room {
    state: Option<MeetingState>,
    /// The time zone meetings started here are held in (configuration).
    pub zone: Option<String>,
}

/// What the meeting room is asked to do, or told.
#[derive(Debug, Clone, PartialEq)]
pub enum RoomMsg {
    /// Start meeting `name` (or resume it, when it exists) with `items` as
    /// its agenda; `chosen_by` says how they were chosen.
    Start {
        name: String,
        chosen_by: Option<String>,
        items: Vec<String>,
    },
    /// Mark `item` reviewed in the open meeting (or not, when it was).
    Review(String),
    /// Record remark `text` on `item` in the open meeting.
    Remark { item: String, text: String },
    /// Set details of the meeting (checked already).
    Details(Vec<(crate::domain::meeting::details::DetailField, String)>),
    /// Write the minutes of the meeting the board is in.
    Minutes,
    /// A meeting file was written or read again (see [`Note::Meeting`]).
    Landed {
        file: PathBuf,
        meeting: Box<Meeting>,
        log: Option<Vec<Change>>,
        created: bool,
    },
    /// The presenter's meeting, read to be shown (a follower's board).
    Shown {
        file: PathBuf,
        meeting: Box<Meeting>,
        log: Vec<Change>,
    },
    /// Log lines of this board's saves (those made in the meeting are kept).
    Logged(Vec<Change>),
    /// Not in a meeting any more (a follower's presenter left it).
    Leave,
}

/// What the meeting room reads and changes besides itself.
pub struct Scope<'a> {
    /// The records on screen; a meeting job keeps their items' ids, made
    /// when the first job asks (not the records).
    pub data: &'a Data,
    pub footer: &'a mut Footer,
}

impl Room {
    /// Do what `msg` asks: store jobs, and notes for the rest of the board.
    pub fn update(&mut self, scope: Scope, msg: RoomMsg) -> Vec<Effect> {
        match msg {
            RoomMsg::Start {
                name,
                chosen_by,
                items,
            } => {
                let name = name.trim();
                if name.is_empty() {
                    return Vec::new();
                }
                let start = MeetingChange::Start {
                    chosen_by,
                    items,
                    zone: self.zone.clone(),
                };
                vec![job(&scope, name, start)]
            }
            RoomMsg::Review(item) => self.review(scope, &item),
            RoomMsg::Remark { item, text } => self.remark(scope, item, text),
            RoomMsg::Details(set) => self.details(scope, set),
            RoomMsg::Minutes => match &self.state {
                Some(state) => vec![Effect::Tell(Note::Write(Job::Minutes {
                    name: state.meeting.name.clone(),
                    lang: scope.footer.lang(),
                }))],
                None => {
                    scope.footer.tell(Msg::NoMeeting);
                    Vec::new()
                }
            },
            RoomMsg::Landed {
                file,
                meeting,
                log,
                created,
            } => self.landed(scope.footer, file, *meeting, log, created),
            RoomMsg::Shown { file, meeting, log } => {
                self.state = Some(MeetingState {
                    file,
                    meeting: *meeting,
                    log,
                });
                vec![Effect::Tell(Note::MeetingChanged)]
            }
            RoomMsg::Logged(changes) => {
                if let Some(state) = &mut self.state {
                    state.note(&changes);
                }
                Vec::new()
            }
            RoomMsg::Leave => {
                self.state = None;
                vec![Effect::Tell(Note::MeetingChanged)]
            }
        }
    }

    /// Mark `item` reviewed in the open meeting (or not, when it was): shown
    /// at once (a second `r` before the write lands takes it back); the file
    /// as written replaces it.
    fn review(&mut self, scope: Scope, item: &str) -> Vec<Effect> {
        let Some(state) = self.open_state(scope.footer) else {
            return Vec::new();
        };
        let reviewed = !state.meeting.is_reviewed(item);
        state.mark(item, reviewed);
        if reviewed && state.meeting.reviewed() == state.meeting.agenda.len() {
            let count = state.meeting.agenda.len();
            scope
                .footer
                .tell_with(Msg::AllReviewed, &[("count", &count)]);
        }
        let change = MeetingChange::Review {
            item: item.to_string(),
            reviewed,
        };
        let name = state.meeting.name.clone();
        vec![
            job(&scope, &name, change),
            Effect::Tell(Note::MeetingChanged),
        ]
    }

    /// Record a remark on `item` in the open meeting: shown at once, the
    /// file as written (with who and when) replaces it.
    fn remark(&mut self, scope: Scope, item: String, text: String) -> Vec<Effect> {
        let Some(state) = self.open_state(scope.footer) else {
            return Vec::new();
        };
        state.remark(&item, &text);
        let name = state.meeting.name.clone();
        vec![
            job(&scope, &name, MeetingChange::Remark { item, text }),
            Effect::Tell(Note::MeetingChanged),
        ]
    }

    /// Set details of the meeting the board is in (open or closed: the
    /// secretariat completes them after the meeting too).
    fn details(
        &mut self,
        scope: Scope,
        set: Vec<(crate::domain::meeting::details::DetailField, String)>,
    ) -> Vec<Effect> {
        use crate::domain::meeting::details::DetailField;
        let Some(state) = self.state.as_mut() else {
            scope.footer.tell(Msg::NoMeeting);
            return Vec::new();
        };
        for (field, value) in &set {
            match field {
                DetailField::Zone => {
                    let zone = value.trim();
                    state.meeting.zone = (!zone.is_empty()).then(|| zone.to_string());
                }
                field => {
                    let _ = state.meeting.details.set(*field, value);
                }
            }
        }
        scope.footer.tell(Msg::DetailSaved);
        let name = state.meeting.name.clone();
        vec![
            job(&scope, &name, MeetingChange::Details(set)),
            Effect::Tell(Note::MeetingChanged),
        ]
    }

    /// The meeting the board is in when it is open; else the footer says
    /// why there is none to change.
    fn open_state(&mut self, footer: &mut Footer) -> Option<&mut MeetingState> {
        let Some(state) = self.state.as_mut() else {
            footer.tell(Msg::NoMeeting);
            return None;
        };
        if !state.is_open() {
            let name = visible(&state.meeting.name).into_owned();
            footer.tell_with(Msg::MeetingIsClosed, &[("name", &name)]);
            return None;
        }
        Some(state)
    }

    /// A meeting file was written (or read): started or resumed just now
    /// when its log comes with it, else a mark, a close, or the file as
    /// someone else left it.
    fn landed(
        &mut self,
        footer: &mut Footer,
        file: PathBuf,
        meeting: Meeting,
        log: Option<Vec<Change>>,
        created: bool,
    ) -> Vec<Effect> {
        let changed = vec![Effect::Tell(Note::MeetingChanged)];
        let Some(log) = log else {
            if let Some(state) = self.state.as_mut().filter(|s| s.file == file) {
                let closed_now = state.meeting.closed.is_none() && meeting.closed.is_some();
                state.meeting = meeting;
                if closed_now {
                    let name = visible(&state.meeting.name).into_owned();
                    footer.tell_with(Msg::MeetingClosedMsg, &[("name", &name)]);
                }
            }
            return changed;
        };
        let name = visible(&meeting.name).into_owned();
        let count = meeting.agenda.len();
        let chosen = match meeting.chosen_by.as_deref() {
            Some(c) => visible(c).into_owned(),
            None => footer.words(Msg::WholeTable).to_string(),
        };
        match (created, meeting.closed.is_some()) {
            (_, true) => footer.tell_with(Msg::MeetingClosedMsg, &[("name", &name)]),
            (true, false) => {
                footer.tell_with(Msg::MeetingStarted, &[("name", &name), ("count", &count)])
            }
            (false, false) => footer.tell_with(
                Msg::MeetingResumed,
                &[("name", &name), ("count", &count), ("chosen", &chosen)],
            ),
        }
        self.state = Some(MeetingState { file, meeting, log });
        let mut effects = changed;
        effects.push(Effect::Tell(Note::Walk));
        effects
    }

    /// The meeting the board is in (open or closed).
    pub fn state(&self) -> Option<&MeetingState> {
        self.state.as_ref()
    }

    /// The meeting the board is in, while it is open.
    pub fn open_meeting(&self) -> Option<&Meeting> {
        self.state
            .as_ref()
            .filter(|m| m.is_open())
            .map(|m| &m.meeting)
    }

    /// The name of the meeting the board is in.
    pub fn name(&self) -> Option<&str> {
        self.state.as_ref().map(|m| m.meeting.name.as_str())
    }
}

/// A store job for meeting `name` (its items are checked against the
/// records' ids), to wait its turn in the board's queue.
fn job(scope: &Scope, name: &str, change: MeetingChange) -> Effect {
    Effect::Tell(Note::Write(Job::Meeting {
        name: name.to_string(),
        change,
        dir: scope.data.records().layout.dir(),
        ids: Arc::clone(scope.data.ids()),
    }))
}
