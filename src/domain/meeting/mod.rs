//! A review meeting (本部会議): its name, date, agenda, which items were
//! reviewed and when it was closed. One small RON file per meeting in
//! `records/meetings/`, written like the records (lock, atomic replace; see
//! [`crate::store::meeting`]). Each agenda entry spans lines of its own, so
//! two people marking different items merge cleanly in git. Marks made
//! while the meeting is open go to its journal beside it ([`marks`]).

pub mod details;
pub mod marks;
pub mod names;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::error::{LoadError, LoadErrors, Location, Problem};
use crate::domain::model::Report;
use crate::domain::records::{LineIndex, to_ron};
pub use details::Details;

/// The folder of the meeting files, in the records folder.
pub const MEETINGS_DIR: &str = "meetings";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// As typed when it was started, e.g. 「2026-11 本部会議」.
    pub name: String,
    /// When it was started (RFC 3339 with offset).
    pub started: String,
    /// How the agenda was chosen (the search and filters), as shown then.
    #[serde(default)]
    pub chosen_by: Option<String>,
    /// The items to review, in source order.
    pub agenda: Vec<Entry>,
    /// When it was closed (RFC 3339), if it was.
    #[serde(default)]
    pub closed: Option<String>,
    /// The time zone its times are read in (an IANA name), recorded when
    /// it started; `None` for a meeting started by an older kensho (its
    /// start's offset is then used).
    #[serde(default)]
    pub zone: Option<String>,
    /// What the minutes say of it besides the agenda (place, attendees …).
    #[serde(default, skip_serializing_if = "Details::is_empty")]
    pub details: Details,
}

/// One item of the agenda, and whether it was reviewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub item: String,
    #[serde(default)]
    pub reviewed: Option<Review>,
    /// What was said about the item in the meeting (発言要旨), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remarks: Vec<Remark>,
}

/// A remark recorded on an item in the meeting: what was said, by whom it
/// was recorded, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Remark {
    pub at: String,
    pub by: String,
    pub text: String,
}

/// Who marked an item reviewed, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub at: String,
    pub by: String,
}

impl Meeting {
    pub fn new(
        name: &str,
        started: String,
        chosen_by: Option<String>,
        items: Vec<String>,
    ) -> Meeting {
        Meeting {
            name: name.to_string(),
            started,
            chosen_by,
            agenda: items
                .into_iter()
                .map(|item| Entry {
                    item,
                    reviewed: None,
                    remarks: Vec::new(),
                })
                .collect(),
            closed: None,
            zone: None,
            details: Details::default(),
        }
    }

    /// The time zone of the meeting's times: its own, else the offset its
    /// start was written with, else this machine's.
    pub fn time_zone(&self) -> jiff::tz::TimeZone {
        if let Some(tz) = self
            .zone
            .as_deref()
            .and_then(|z| jiff::tz::TimeZone::get(z).ok())
        {
            return tz;
        }
        offset_of(&self.started)
            .filter(|_| self.started.parse::<jiff::Timestamp>().is_ok())
            .map(jiff::tz::TimeZone::fixed)
            .unwrap_or_else(jiff::tz::TimeZone::system)
    }

    /// How many items of the agenda were reviewed.
    pub fn reviewed(&self) -> usize {
        self.agenda.iter().filter(|e| e.reviewed.is_some()).count()
    }

    /// The remarks recorded on `item`.
    pub fn remarks_of(&self, item: &str) -> &[Remark] {
        self.agenda
            .iter()
            .find(|e| e.item == item)
            .map_or(&[], |e| e.remarks.as_slice())
    }

    pub fn is_reviewed(&self, item: &str) -> bool {
        self.agenda
            .iter()
            .any(|e| e.item == item && e.reviewed.is_some())
    }

    /// The date part of `started` (YYYY-MM-DD).
    pub fn date(&self) -> &str {
        self.started.get(..10).unwrap_or(&self.started)
    }

    /// The canonical text of the file.
    pub fn render(&self) -> Result<String, ron::Error> {
        to_ron(self)
    }
}

/// The offset an RFC 3339 time is written with (`+09:00`, `Z`).
fn offset_of(time: &str) -> Option<jiff::tz::Offset> {
    let tail = time.get(19..)?;
    let tail = tail.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    if tail == "Z" || tail == "z" {
        return Some(jiff::tz::Offset::UTC);
    }
    let sign: i32 = match tail.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let hours: i32 = tail.get(1..3)?.parse().ok()?;
    let minutes: i32 = tail.get(4..6)?.parse().ok()?;
    jiff::tz::Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()
}

/// The file that holds meeting `name` in the records folder `dir`: the name
/// with what a file name cannot hold replaced (`/`, control characters, a
/// leading dot), spaces as `_`.
pub fn meeting_file(dir: &Path, name: &str) -> PathBuf {
    let mut stem: String = name
        .trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' => '-',
            c if c.is_control() => '-',
            c if c.is_whitespace() => '_',
            c => c,
        })
        .collect();
    while stem.starts_with('.') {
        stem.remove(0);
    }
    if stem.is_empty() {
        stem.push_str("meeting");
    }
    dir.join(MEETINGS_DIR).join(format!("{stem}.ron"))
}

/// The largest meeting file read: as large as a records file (an agenda of
/// a million items is about 80 MB).
pub const MAX_MEETING_FILE: u64 = crate::domain::files::MAX_RECORDS_FILE;

/// Read meeting file `path` and its journal of marks, checked against
/// `report`: each parses, and every agenda item is an item of the report.
/// Errors say where, as for records.
pub fn load_meeting(path: &Path, report: &dyn ItemIds) -> Result<Meeting, LoadErrors> {
    // The journal first: a fold of it into the file between the two
    // readings then finds its marks in the file.
    let journal = marks::marks_file(path);
    let marks = marks::read_marks(&journal, 0)?;
    let mut meeting = parse_meeting(path, read_meeting(path)?, report)?;
    if let Some(bytes) = marks {
        let marks = marks::parse_marks(&journal, &bytes, 1)?;
        marks::apply_marks(&mut meeting, marks, report)?;
    }
    Ok(meeting)
}

/// The error of an agenda item, at `at`, that the records do not have.
fn unknown_item(at: Location, id: &str) -> LoadError {
    LoadError::Invalid {
        at,
        problem: Problem::UnknownAgendaItem { id: id.to_string() },
    }
}

/// The bytes of meeting file `path`.
pub fn read_meeting(path: &Path) -> Result<Vec<u8>, LoadErrors> {
    crate::domain::files::read_regular(path, MAX_MEETING_FILE).map_err(|source| {
        LoadErrors::from(LoadError::Io {
            path: path.to_path_buf(),
            source,
        })
    })
}

/// What a meeting's item ids are checked against: the records, or just the
/// ids of their items (what a board's waiting job keeps instead of the
/// records: a job holding them made the board copy them at its next change).
pub trait ItemIds {
    /// Those of `ids` that are items.
    fn known<'a>(&self, ids: &HashSet<&'a str>) -> HashSet<&'a str>;
}

impl ItemIds for Report {
    fn known<'a>(&self, ids: &HashSet<&'a str>) -> HashSet<&'a str> {
        let named = self.items_named(ids);
        ids.iter()
            .copied()
            .filter(|id| named.contains_key(id))
            .collect()
    }
}

/// The ids of every item of a report.
#[derive(Debug, Default, PartialEq)]
pub struct IdSet(HashSet<Box<str>>);

impl IdSet {
    pub fn of(report: &Report) -> IdSet {
        IdSet(report.items().map(|r| r.item.id.as_str().into()).collect())
    }
}

impl ItemIds for IdSet {
    fn known<'a>(&self, ids: &HashSet<&'a str>) -> HashSet<&'a str> {
        ids.iter()
            .copied()
            .filter(|id| self.0.contains(*id))
            .collect()
    }
}

/// What a meeting file says of itself: its name and whether it is closed,
/// read without its agenda being checked against the records (a save only
/// asks whether the meeting it is made in is still open).
#[derive(Debug, Deserialize)]
#[serde(rename = "Meeting")]
pub struct MeetingHead {
    pub name: String,
    #[serde(default)]
    pub closed: Option<String>,
}

/// The head of meeting file `path` ([`MeetingHead`]).
pub fn read_head(path: &Path) -> Result<MeetingHead, LoadErrors> {
    let bytes = read_meeting(path)?;
    let text = std::str::from_utf8(&bytes).map_err(|e| LoadError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
    })?;
    let head = ron::Options::default().from_str(text);
    Ok(head.map_err(|e| LoadError::Syntax {
        at: Location::of(path, &e),
        code: e.code,
    })?)
}

/// The meeting in `bytes` (read from `path`), checked against `report`, in
/// one pass over each (however many items are unknown).
pub fn parse_meeting(
    path: &Path,
    bytes: Vec<u8>,
    report: &dyn ItemIds,
) -> Result<Meeting, LoadErrors> {
    let text = String::from_utf8(bytes).map_err(|e| LoadError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, e.utf8_error()),
    })?;
    let meeting: Meeting =
        ron::Options::default()
            .from_str(&text)
            .map_err(|e| LoadError::Syntax {
                at: Location::of(path, &e),
                code: e.code,
            })?;
    let mut errors = Vec::new();
    let mut from = 0;
    let ids = meeting.agenda.iter().map(|e| e.item.as_str()).collect();
    let items = report.known(&ids);
    // Made at the first error: many errors cost one pass over the text.
    let mut lines = None;
    for entry in &meeting.agenda {
        let needle = format!("{:?}", entry.item);
        let at = text
            .get(from..)
            .and_then(|t| t.find(&needle))
            .map(|o| o + from)
            .unwrap_or(from);
        from = (at + needle.len()).min(text.len());
        if !items.contains(entry.item.as_str()) {
            let (line, column) = lines
                .get_or_insert_with(|| LineIndex::new(&text))
                .line_column(&text, at);
            let at = Location {
                path: path.to_path_buf(),
                line,
                column,
            };
            errors.push(unknown_item(at, &entry.item));
        }
    }
    if errors.is_empty() {
        Ok(meeting)
    } else {
        Err(LoadErrors(errors))
    }
}

/// Every meeting file in the records folder `dir`, read: the meetings
/// oldest first (by when they started), and the files that could not be read.
pub fn list_meetings(dir: &Path, report: &Report) -> (Vec<(PathBuf, Meeting)>, Vec<LoadErrors>) {
    let Ok(entries) = std::fs::read_dir(dir.join(MEETINGS_DIR)) else {
        return (Vec::new(), Vec::new());
    };
    let mut meetings = Vec::new();
    let mut problems = Vec::new();
    for path in entries.flatten().map(|e| e.path()) {
        let is_meeting = path.extension().is_some_and(|x| x == "ron")
            && !path.to_string_lossy().ends_with(".minutes.ron")
            && path.is_file();
        if !is_meeting {
            continue;
        }
        match load_meeting(&path, report) {
            Ok(m) => meetings.push((path, m)),
            Err(e) => problems.push(e),
        }
    }
    // Times carry each writer's offset: compare them as instants.
    let started = |m: &Meeting| m.started.parse::<jiff::Timestamp>().ok();
    meetings.sort_by(|a, b| {
        started(&a.1)
            .cmp(&started(&b.1))
            .then(a.1.name.cmp(&b.1.name))
    });
    (meetings, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_the_name_readable_and_safe() {
        let dir = Path::new("records");
        assert_eq!(
            meeting_file(dir, "2026-11 本部会議"),
            Path::new("records/meetings/2026-11_本部会議.ron")
        );
        assert_eq!(
            meeting_file(dir, "../../etc/passwd"),
            Path::new("records/meetings/-..-etc-passwd.ron")
        );
        assert_eq!(
            meeting_file(dir, "..."),
            Path::new("records/meetings/meeting.ron")
        );
    }

    #[test]
    fn each_entry_stands_on_lines_of_its_own() {
        let mut m = Meeting::new(
            "m",
            "2026-11-24T10:00:00+09:00".into(),
            None,
            vec!["1-1-a".into(), "1-1-b".into()],
        );
        m.agenda[1].reviewed = Some(Review {
            at: "t".into(),
            by: "sato".into(),
        });
        let text = m.render().unwrap();
        assert!(text.contains("        Entry(\n            item: \"1-1-a\",\n            reviewed: None,\n        ),"), "{text}");
        let back: Meeting = ron::from_str(&text).unwrap();
        assert_eq!(back, m);
        assert_eq!(back.reviewed(), 1);
        assert_eq!(m.date(), "2026-11-24");
    }
}
