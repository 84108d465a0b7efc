//! What goes into the board's update ([`Action`]) and what comes out of it
//! ([`Effect`], and the [`Note`]s its parts tell each other): plain data,
//! so that the update stays pure and every effect is performed in one place
//! ([`crate::board::runtime`]).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::work::{EditorError, Job, PresenceAnswer, PresenceWork, SearchRequest, StoreOutcome};
use crate::domain::field::Field;
use crate::domain::meeting::Meeting;
use crate::domain::presence::View;
use crate::domain::records::Records;
use crate::search::{Filters, Hit};
use crate::store::changelog::Change;
use crate::text::input::LineEdit;

/// What a key asks for. Each command has one meaning wherever it is bound;
/// a screen's key table says which commands it takes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Command {
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    First,
    Last,
    NextRecommendation,
    PreviousRecommendation,
    NextPoint,
    PreviousPoint,
    /// Enter on the outline: toggle a recommendation or point, open an item.
    Open,
    SwitchFocus,
    /// Esc: back out of what you are in (close, cancel, clear).
    Back,
    /// Enter in a list or a prompt: take the choice or the text.
    Confirm,
    /// Space in a list: select or unselect the row.
    Toggle,
    Help,
    Quit,
    Suspend,
    Jump,
    /// The walkthrough's index of the agenda.
    AgendaIndex,
    FollowRelisted,
    Search,
    NextHit,
    PreviousHit,
    ToggleOrder,
    Filters,
    ClearFilters,
    /// Only the items changed since the earlier table (`--compare BASE`),
    /// or all again.
    ChangedSinceBase,
    SetPhase(String),
    SetDirection(String),
    Picker,
    Editor,
    Reason,
    Undo,
    Redo,
    KeepTheirs,
    KeepMine,
    Line(LineEdit),
    /// The walkthrough: the item after (before) this one on the agenda.
    NextItem,
    PreviousItem,
    /// Mark the item reviewed in the meeting (or not, when it was).
    MarkReviewed,
    /// Record a remark (発言要旨) on the item in the meeting.
    Remark,
    /// The meeting's details (place, attendees …) for its minutes.
    MeetingInfo,
    /// The walkthrough's pointer: to the next (previous) field of the item.
    NextField,
    PreviousField,
    Walkthrough,
    Overview,
    /// Start or resume a review meeting (a prompt for its name).
    Meeting,
    /// Write the minutes of the meeting.
    Minutes,
    /// Start or stop presenting; a follower: back to the presenter.
    Present,
}

impl Command {
    /// The command's name in a configuration file (`search`, `next-item`,
    /// `line-clear`); None for the keys of the scales' codes, which follow
    /// the codes.
    pub fn name(&self) -> Option<String> {
        fn unit<T: Serialize>(value: &T) -> Option<String> {
            match serde_json::to_value(value) {
                Ok(serde_json::Value::String(s)) => Some(s),
                _ => None,
            }
        }
        match self {
            Command::SetPhase(_) | Command::SetDirection(_) => None,
            Command::Line(edit) => unit(edit).map(|e| format!("line-{e}")),
            other => unit(other),
        }
    }
}

impl Command {
    /// Whether the command changes data (refused on a follower's board).
    pub fn changes_data(&self) -> bool {
        matches!(
            self,
            Command::SetPhase(_)
                | Command::SetDirection(_)
                | Command::Picker
                | Command::Editor
                | Command::Reason
                | Command::Undo
                | Command::Redo
                | Command::MarkReviewed
                | Command::Remark
                | Command::MeetingInfo
                | Command::Meeting
                | Command::Minutes
                | Command::KeepTheirs
                | Command::KeepMine
        )
    }
}

/// Everything that can happen to the board: a command, typed text, the
/// terminal's size, time passing, what came back from the workers, and its
/// opening and closing.
#[derive(Debug, Clone)]
pub enum Action {
    Command(Command),
    /// Typed or pasted text, for the screen that takes text.
    Text(String),
    /// A key that means nothing on the screen on top (as written in help):
    /// said in the footer, so that no key goes unanswered.
    Unbound(String),
    Resize(u16, u16),
    /// Time passes (pending saves are retried, the files are looked at).
    Tick(Instant),
    /// The board opens on what the command line asked for.
    Open(Opening),
    /// The board closes: nothing more is started, a presenter withdraws.
    Close,
    /// A finished search.
    SearchDone {
        generation: u64,
        hits: Vec<Hit>,
    },
    /// A store job finished.
    StoreDone {
        job: Box<Job>,
        outcome: StoreOutcome,
    },
    /// The files were looked at: here are the records, when others changed them.
    DiskChecked {
        records: Option<Box<Records>>,
        meeting: Option<(PathBuf, Box<Meeting>)>,
    },
    /// What the presence worker found or did.
    Presence(PresenceAnswer),
    /// The meetings' names, newest first, and whether each is closed (see
    /// [`Effect::ListMeetings`]).
    MeetingsListed(Vec<(String, bool)>),
    /// A meeting read to be shown (see [`Effect::ReadMeeting`]); None when
    /// it is not there (yet).
    MeetingRead {
        file: PathBuf,
        meeting: Option<Box<Meeting>>,
        log: Vec<Change>,
    },
    /// The editor closed: the text as saved there, or why it failed.
    Edited {
        item: String,
        field: Field,
        text: Result<String, EditorError>,
    },
    /// The editor closed on a meeting's detail.
    DetailEdited {
        field: crate::domain::meeting::details::DetailField,
        text: Result<String, EditorError>,
    },
}

impl From<Command> for Action {
    fn from(c: Command) -> Action {
        Action::Command(c)
    }
}

/// What the board opens on: a search, filters, a meeting to start or resume.
#[derive(Debug, Clone, Default)]
pub struct Opening {
    pub query: String,
    pub filters: Filters,
    /// Filters only a meeting can answer.
    pub meeting_filters: MeetingFilters,
    pub meeting: Option<String>,
    /// Present from the start (`--present`).
    pub present: bool,
}

/// Filters that only a meeting can answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingFilters {
    /// Items changed in the meeting the board is in.
    pub changed_here: bool,
    /// Items of its agenda not reviewed yet.
    pub not_reviewed: bool,
    /// Items changed since meeting (name) closed or started: their ids (the
    /// command line reads them from the log).
    pub since: Option<(String, BTreeSet<String>)>,
    /// Items changed since the earlier table (`--compare BASE`): their ids,
    /// while the filter is on.
    pub since_base: Option<std::sync::Arc<BTreeSet<String>>>,
}

impl MeetingFilters {
    pub fn is_empty(&self) -> bool {
        *self == MeetingFilters::default()
    }
}

/// What the runtime must do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    Suspend,
    /// Run a search (on the search worker).
    Search(SearchRequest),
    /// Write through the store (on the store worker, one job at a time:
    /// every job waits its turn in the board's queue, [`super::edits`]).
    Store(Job),
    /// Look whether others changed the files (on the store worker).
    CheckDisk {
        records: Arc<Records>,
        /// The file of the meeting the board is in (read again: someone may
        /// have marked items or closed it).
        meeting: Option<PathBuf>,
    },
    /// Follow mode: write or read the presence file (on the presence worker).
    Presence(PresenceWork),
    /// List the meetings' names (for the `M` prompt).
    ListMeetings,
    /// Read a meeting and its lines of the log, to show it (a follower is
    /// shown the presenter's meeting; nothing is written).
    ReadMeeting {
        name: String,
        records: Arc<Records>,
    },
    /// Edit a text in `$VISUAL` / `$EDITOR` (the terminal is handed over).
    EditText {
        item: String,
        field: Field,
        text: String,
    },
    /// Hand the terminal to the editor for a meeting's detail.
    EditDetail {
        field: crate::domain::meeting::details::DetailField,
        text: String,
    },
    /// A note for another part of the board: routed by the app before the
    /// effects reach the runtime, which never sees one.
    Tell(Note),
}

/// What one part of the board tells the others (see [`Effect::Tell`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// A store job, to wait its turn in the board's queue (one job at a
    /// time, in order: [`super::edits`]).
    Write(Job),
    /// This board's save is on disk: its changes, and the records as they
    /// now are when the save read them whole.
    Saved {
        changes: Vec<Change>,
        records: Option<Box<Records>>,
    },
    /// Someone else changed the files: the records as they now are.
    Reloaded(Box<Records>),
    /// A reason for a change is on disk (its line of the log).
    Reasoned(Box<Change>),
    /// A meeting file was written, or read again; `log`: its lines of the
    /// change log when it was started or resumed (`created`: started).
    Meeting {
        file: PathBuf,
        meeting: Box<Meeting>,
        log: Option<Vec<Change>>,
        created: bool,
    },
    /// The presenter's meeting, read to be shown (nothing is written).
    MeetingShown {
        file: PathBuf,
        meeting: Box<Meeting>,
        log: Vec<Change>,
    },
    /// What the meeting's filters let through may have changed.
    MeetingChanged,
    /// A meeting was started or resumed: walk its agenda.
    Walk,
    /// Show what the presenter shows (a follower).
    Show(Box<View>),
    /// Look at the files now (the presenter's data changed).
    CheckNow,
}
