//! What goes into the board's update ([`Action`]) and what comes out of it
//! ([`Effect`]): plain data, so that the update stays pure and every effect is
//! performed in one place ([`crate::board::runtime`]).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::domain::field::{Conflict, Edit, Field};
use crate::domain::meeting::Meeting;
use crate::domain::presence::{Owner, Presence, View};
use crate::domain::records::Records;
use crate::search::{Filters, Hit, Order, Query};
use crate::store::changelog::Change;
use crate::store::meeting::MeetingChange;
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
    FollowRelisted,
    Search,
    NextHit,
    PreviousHit,
    ToggleOrder,
    Filters,
    ClearFilters,
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

/// Everything that can happen to the board: a command, typed text, the
/// terminal's size, time passing, and what came back from the workers.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Command(Command),
    /// Typed or pasted text, for the screen that takes text.
    Text(String),
    Resize(u16, u16),
    /// Time passes (pending saves are retried, the files are looked at).
    Tick(Instant),
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
    /// What the presence worker found or did; `asked`: the answer to a
    /// piece of work sent (else the worker's own heartbeat).
    Presence {
        answer: PresenceAnswer,
        asked: bool,
    },
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
        text: Result<String, String>,
    },
}

impl From<Command> for Action {
    fn from(c: Command) -> Action {
        Action::Command(c)
    }
}

/// What the runtime must do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    Suspend,
    /// Run a search (on the search worker).
    Search(SearchRequest),
    /// Write through the store (on the store worker, one job at a time).
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
}

/// Work on the presence file.
#[derive(Debug, Clone, PartialEq)]
pub enum PresenceWork {
    /// Start presenting; `force`: even over a presenter who is still there.
    Claim {
        owner: Owner,
        view: View,
        force: bool,
    },
    /// Write the view (and so the heartbeat) again.
    Publish { owner: Owner, view: View },
    /// Read the file (a follower).
    Read,
    /// Stop presenting: remove the file if it is still ours.
    Withdraw { owner: Owner },
}

/// What the presence worker answers. The answers to a board's claim and
/// publishes name the owner they were for (the board may have stopped
/// presenting since).
#[derive(Debug, Clone, PartialEq)]
pub enum PresenceAnswer {
    /// The claim is written: `mine` presents.
    Presenting { mine: Owner },
    /// The view is written.
    Published,
    /// Someone else presents and is still there: not taken over.
    Busy { mine: Owner, other: Box<Presence> },
    /// Someone else took over: `mine` presents no more.
    Lost { mine: Owner, other: Box<Presence> },
    /// The file as read (None: nobody presents), with whether its
    /// presenter's process is known to have ended; `at`: when it was read.
    Read {
        presence: Result<Option<(bool, Box<Presence>)>, String>,
        at: Instant,
    },
    /// The file could not be written.
    Failed { mine: Option<Owner>, error: String },
}

/// A search to run. It carries the records it must answer from, so a result
/// never comes from other data than the board's.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    pub generation: u64,
    pub records: Arc<Records>,
    /// Which records these are: the generation of their last replacement
    /// as a whole, the generation now, and the items changed in place since
    /// that replacement, each with the generation it was changed at (the
    /// worker's index refolds those instead of being built anew).
    pub data: DataVersion,
    pub query: Query,
    pub filters: Filters,
    pub order: Order,
    /// The previous query and its hits, when this query only adds
    /// characters to it (typing on narrows the previous result).
    /// Shared, not copied: at 100k items a copy was 1.5 MB per keystroke.
    pub after: Option<(Query, Arc<Vec<Hit>>)>,
}

/// See [`SearchRequest::data`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataVersion {
    pub base: u64,
    pub now: u64,
    pub touched: Arc<Vec<(u64, usize)>>,
}

/// Why a save is made (for the undo and redo stacks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveKind {
    Edit,
    Undo,
    Redo,
}

/// Fields to change, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveRequest {
    pub edits: Vec<Edit>,
    pub reason: Option<String>,
    /// Overwrite even if someone else changed the field since it was seen.
    pub force: bool,
    pub kind: SaveKind,
    /// For an undo or a redo: the saved changes it reverses or repeats (off
    /// their stack while the save is under way; back on it if it is refused).
    pub batch: Vec<Change>,
    /// The review meeting the change is made in (written in its log line).
    pub meeting: Option<String>,
}

/// A write for the store worker.
#[derive(Debug, Clone, PartialEq)]
pub enum Job {
    /// Save edits. `seen` is the data the change was asked on (with this
    /// board's own earlier saves applied): a field someone else changed since
    /// is a conflict, never overwritten.
    Save {
        request: SaveRequest,
        seen: Arc<Records>,
    },
    /// Record a reason for an earlier change (a line of its own in the log).
    Reason { change: Box<Change>, reason: String },
    /// Start, resume or close a review meeting, or mark an item reviewed;
    /// the agenda is checked against `records`.
    Meeting {
        name: String,
        change: MeetingChange,
        records: Arc<Records>,
    },
    /// Write the minutes of a meeting beside its file.
    Minutes { name: String, records: Arc<Records> },
}

/// What came of a store job.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreOutcome {
    /// Saved: with the records as now on disk when the save read them
    /// whole; without, the board applies the changes to its own.
    Saved {
        changes: Vec<Change>,
        records: Option<Box<Records>>,
    },
    ReasonRecorded,
    /// A file was written (the minutes).
    Written(PathBuf),
    /// The meeting as now on disk; with its lines of the change log when it
    /// was started or resumed.
    Meeting {
        file: PathBuf,
        meeting: Box<Meeting>,
        log: Option<Vec<Change>>,
        /// Started just now (else resumed).
        created: bool,
    },
    Conflict(Conflict),
    /// Why it failed, in the board's language; trying again may work.
    Failed(String),
    /// Why it can never be saved (the item is gone, the code is not in the
    /// scale any more), in the board's language.
    Rejected(String),
}
