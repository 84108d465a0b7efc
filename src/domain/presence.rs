//! Follow mode's small file beside the data (`.kensho-presenter`): who
//! presents, since when, and what their board shows. The presenter rewrites
//! it when the view changes and about once a second; followers read it.
//! Written by [`crate::store::presence`]; never committed.

use serde::{Deserialize, Serialize};

/// The file's name, in the records folder.
pub const PRESENCE_FILE: &str = ".kensho-presenter";

/// How often a presenter rewrites the file when nothing moves.
pub const HEARTBEAT: std::time::Duration = std::time::Duration::from_secs(1);

/// A presenter whose file has not changed for this long is gone (crashed,
/// or cut off): a follower says so, another board may present without
/// asking.
pub const STALE: std::time::Duration = std::time::Duration::from_secs(4);

/// The file's contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Presence {
    pub owner: Owner,
    /// When the presenter last wrote the file (RFC 3339).
    pub heartbeat: String,
    /// Counts the presenter's writes: a follower sees the presenter alive
    /// while it grows.
    pub seq: u64,
    pub view: View,
}

/// Who presents: enough to tell them apart and to say who they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    pub user: String,
    #[serde(default)]
    pub display_name: Option<String>,
    pub host: String,
    pub pid: u32,
    /// When they started presenting (RFC 3339).
    pub started: String,
}

impl Owner {
    /// As people read it: `佐藤 花子 (sato@host)` or `sato@host`.
    pub fn who(&self) -> String {
        match &self.display_name {
            Some(name) => format!("{name} ({}@{})", self.user, self.host),
            None => format!("{}@{}", self.user, self.host),
        }
    }

    /// The time presenting started, as `HH:MM` on the presenter's clock (or
    /// as written, when it is not an RFC 3339 time).
    pub fn since(&self) -> String {
        match (
            self.started.parse::<jiff::Timestamp>(),
            self.started.get(11..16),
        ) {
            (Ok(_), Some(hm)) => hm.to_string(),
            _ => self.started.clone(),
        }
    }
}

/// What the presenter's board shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    pub screen: Shown,
    /// The item shown or selected (None: a recommendation or point row).
    #[serde(default)]
    pub item: Option<String>,
    /// The outline's selected row, for a recommendation or point.
    #[serde(default)]
    pub node: usize,
    /// On the board: whether the item's detail has the screen.
    #[serde(default)]
    pub detail: bool,
    /// The meeting the presenter is in.
    #[serde(default)]
    pub meeting: Option<String>,
    /// In the walkthrough: the place on the agenda (1-based) and its length.
    #[serde(default)]
    pub place: Option<(usize, usize)>,
    /// In the overview: the cursor (row, column).
    #[serde(default)]
    pub cursor: (usize, usize),
    /// Counts the presenter's saves and reloads and its meeting's changes
    /// and reasons: a follower that sees it change looks at the data (and
    /// reads the meeting) at once.
    #[serde(default)]
    pub data: u64,
    /// The list the presenter's board shows: its search, filters and order.
    #[serde(default)]
    pub list: ListView,
    /// How far the item's text is scrolled (the board's detail, the
    /// walkthrough).
    #[serde(default)]
    pub scroll: usize,
    /// The outline's folded rows (node numbers).
    #[serde(default)]
    pub folded: Vec<usize>,
    /// In the walkthrough: the field the presenter points at.
    #[serde(default)]
    pub pointer: Option<Pointed>,
}

/// A field of the item on screen that the presenter can point at, in the
/// order the pointer visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pointed {
    Measure,
    Progress,
    Assessment,
    Phase,
    Direction,
    Departments,
    Remarks,
}

impl Pointed {
    pub const ALL: [Pointed; 7] = [
        Pointed::Measure,
        Pointed::Progress,
        Pointed::Assessment,
        Pointed::Phase,
        Pointed::Direction,
        Pointed::Departments,
        Pointed::Remarks,
    ];

    /// The field after (`forward`) or before `from`: from none the first
    /// (last), past the ends none. The remarks only `in_meeting`.
    pub fn step(from: Option<Pointed>, forward: bool, in_meeting: bool) -> Option<Pointed> {
        let fields: Vec<Pointed> = Pointed::ALL
            .into_iter()
            .filter(|&p| in_meeting || p != Pointed::Remarks)
            .collect();
        let at = from.and_then(|p| fields.iter().position(|&f| f == p));
        match (at, forward) {
            (None, true) => fields.first().copied(),
            (None, false) => fields.last().copied(),
            (Some(i), true) => fields.get(i + 1).copied(),
            (Some(i), false) => i.checked_sub(1).map(|i| fields[i]),
        }
    }
}

/// The search, the filters and the order of a presenter's list, so that
/// followers show the same items, highlighted the same way.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ListView {
    pub query: String,
    pub phases: Vec<String>,
    pub directions: Vec<String>,
    pub departments: Vec<String>,
    pub hide_relisted: bool,
    pub recommendations: Vec<u32>,
    /// Only these items, when set (an overview's segment).
    pub items: Option<Vec<String>>,
    /// The meeting's own filters: changed in it, not reviewed yet.
    pub changed_here: bool,
    pub not_reviewed: bool,
    /// In source order rather than best first.
    pub by_source: bool,
    /// Only the items changed since the presenter's earlier table: its
    /// base, as the presenter's `--compare` gave it. A follower applies it
    /// only with a comparison of its own (left out while off, so that an
    /// older follower reads the file as before).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since_base: Option<String>,
}

/// Which of the three screens a follower can be shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shown {
    #[default]
    Board,
    Walkthrough,
    Overview,
}

impl Presence {
    pub fn render(&self) -> Result<String, ron::Error> {
        crate::domain::records::to_ron(self)
    }

    pub fn parse(text: &str) -> Result<Presence, ron::error::SpannedError> {
        ron::from_str(text)
    }
}
