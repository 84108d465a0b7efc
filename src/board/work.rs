//! The work the board gives its workers and what they answer: searches,
//! store jobs and follow mode's presence file. Plain data, so that the
//! update stays pure; failures stay typed ([`StoreFailure`],
//! [`PresenceFailure`]) until the board puts them into words, in its
//! language, where it shows them.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::domain::error::io_reason;
use crate::domain::field::{Conflict, Edit};
use crate::domain::meeting::{IdSet, Meeting};
use crate::domain::presence::{Owner, Presence, View};
use crate::domain::records::Records;
use crate::i18n::{Lang, Msg};
use crate::search::{Filters, Hit, Order, Query};
use crate::store::changelog::Change;
use crate::store::meeting::MeetingChange;
use crate::store::presence::PresenceError;
use crate::store::{EditError, SeenValues};

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
    /// The index holds the texts' readings (made once, with the index).
    pub readings: bool,
}

impl SearchRequest {
    /// Whether it asks only for the index to be built (the board opening):
    /// nothing to search, nothing to answer.
    pub fn only_indexes(&self) -> bool {
        self.query.is_empty() && self.filters.is_empty() && self.after.is_none()
    }
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
    /// Save edits. `seen` holds the values of the edited fields as the
    /// change was asked (with this board's own earlier saves applied): a
    /// field someone else changed since is a conflict, never overwritten.
    /// It holds no share of the board's records: a waiting save that held
    /// them would make the board copy them when it changes them.
    Save {
        request: SaveRequest,
        seen: SeenValues,
    },
    /// Record a reason for an earlier change (a line of its own in the log).
    Reason { change: Box<Change>, reason: String },
    /// Start, resume or close a review meeting, or mark an item reviewed,
    /// in the records folder `dir`; the meeting's items are checked
    /// against the records' `ids` (a job waiting with the records would
    /// make the board copy them when a save before it lands).
    Meeting {
        name: String,
        change: MeetingChange,
        dir: PathBuf,
        ids: Arc<IdSet>,
    },
    /// Write the minutes of a meeting beside its file, in `lang` (the
    /// minutes are made from the files, so the job holds no records).
    Minutes { name: String, lang: Lang },
}

/// Why store work did not happen: the store's own error, shared (an answer
/// can be cloned) and put into words where it is shown.
#[derive(Debug, Clone)]
pub struct StoreFailure(Arc<EditError>);

impl StoreFailure {
    pub fn new(error: EditError) -> StoreFailure {
        StoreFailure(Arc::new(error))
    }

    pub fn error(&self) -> &EditError {
        &self.0
    }

    /// The sentence in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        self.0.say(lang)
    }
}

/// What came of a store job.
#[derive(Debug, Clone)]
pub enum StoreOutcome {
    /// Saved: with the records as now on disk when the save read them
    /// whole; without, the board applies the changes to its own.
    Saved {
        changes: Vec<Change>,
        records: Option<Box<Records>>,
    },
    ReasonRecorded,
    /// A file was written (the minutes).
    Written(Vec<PathBuf>),
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
    /// It failed; trying again may work.
    Failed(StoreFailure),
    /// It can never be done (the item is gone, the code is not in the scale
    /// any more, the meeting is closed).
    Rejected(StoreFailure),
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

/// Why the presence file could not be read or written, shared (an answer
/// can be cloned) and put into words where it is shown.
#[derive(Debug, Clone)]
pub struct PresenceFailure(Arc<PresenceError>);

impl PresenceFailure {
    pub fn new(error: PresenceError) -> PresenceFailure {
        PresenceFailure(Arc::new(error))
    }

    /// The sentence in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        self.0.say(lang)
    }
}

/// The presence file as a follower read it: None when nobody presents;
/// else whether its presenter's process is known to have ended, and the file.
pub type PresenceRead = Result<Option<(bool, Box<Presence>)>, PresenceFailure>;

/// What the presence worker answers. The answers to a board's claim and
/// publishes name the owner they were for (the board may have stopped
/// presenting since).
#[derive(Debug, Clone)]
pub enum PresenceAnswer {
    /// The claim is written: `mine` presents.
    Presenting { mine: Owner },
    /// The view is written.
    Published,
    /// Someone else presents and is still there: not taken over.
    Busy { mine: Owner, other: Box<Presence> },
    /// Someone else took over: `mine` presents no more.
    Lost { mine: Owner, other: Box<Presence> },
    /// The file as read; `at`: when it was read.
    Read { presence: PresenceRead, at: Instant },
    /// The file could not be written.
    Failed {
        mine: Option<Owner>,
        error: PresenceFailure,
    },
    /// Our file is removed (or was not ours any more).
    Withdrawn,
}

/// Why a text could not be edited.
#[derive(Debug, Clone)]
pub enum EditorError {
    /// The temporary file could not be written or read back.
    File(std::sync::Arc<std::io::Error>),
    /// The editor could not be started.
    Start {
        editor: String,
        source: std::sync::Arc<std::io::Error>,
    },
    /// The editor ended with an error (its exit status, as the system says it).
    Failed { editor: String, status: String },
}

impl EditorError {
    /// The sentence in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        match self {
            EditorError::File(e) => Msg::EditorFile.fill(lang, &[("error", &io_reason(e, lang))]),
            EditorError::Start { editor, source } => Msg::EditorStart.fill(
                lang,
                &[("editor", editor), ("error", &io_reason(source, lang))],
            ),
            EditorError::Failed { editor, status } => {
                Msg::EditorExit.fill(lang, &[("editor", editor), ("status", status)])
            }
        }
    }
}
