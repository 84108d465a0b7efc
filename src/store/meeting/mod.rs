//! Writing meeting files: started, items marked reviewed, closed. Like the
//! records: under the folder's lock, read fresh, replaced atomically.

mod journal;
mod manage;
mod splice;

pub use journal::{JournalSeen, read_now};
pub use manage::remove_meeting;

use std::path::{Path, PathBuf};

use super::changelog::{LOG_FILE, read};
use super::digests::{Stamp, now_ns};
use super::edit::{EditError, with_lock};
use super::{StoreError, replace_file};
use crate::domain::meeting::details::{DetailField, known_zone};
use crate::domain::meeting::marks::{line_of, marks_file};
use crate::domain::meeting::{
    Entry, ItemIds, Meeting, Remark, Review, load_meeting, meeting_file, read_meeting,
};
use crate::domain::minutes::Minutes;
use crate::domain::records::{Digest, digest_of_text, folder_of, load};
use crate::i18n::Lang;

/// What to do to a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeetingChange {
    /// Start it with this agenda (how it was chosen, the items in order), or
    /// resume it when it exists.
    Start {
        chosen_by: Option<String>,
        items: Vec<String>,
        /// Its time zone (an IANA name); `None`: this machine's.
        zone: Option<String>,
    },
    /// Mark an item reviewed, or not reviewed; an item not on the agenda is
    /// added to it.
    Review {
        item: String,
        reviewed: bool,
    },
    /// Record a remark (発言要旨) on an item; an item not on the agenda
    /// is added to it.
    Remark {
        item: String,
        text: String,
    },
    /// Set details of the meeting (values checked by the caller; an empty
    /// one clears its field).
    Details(Vec<(DetailField, String)>),
    Close,
    /// Open a closed meeting again (its agenda and marks as they were).
    Reopen,
}

/// Write `text`, the meeting file `path`'s new bytes, in its place.
fn write(path: &Path, text: &[u8]) -> Result<(), EditError> {
    if let Some(folder) = path.parent() {
        let made = !folder.exists();
        super::own::make_folder(folder).map_err(|source| {
            EditError::Save(StoreError::Io {
                path: folder.to_path_buf(),
                source,
            })
        })?;
        // The meetings are committed; a write cut short is not (the next
        // save or opening removes it).
        if made {
            let _ = replace_file(&folder.join(".gitignore"), IGNORE_LEFTOVERS);
        }
    }
    replace_file(path, text).map_err(EditError::Save)
}

/// The meetings folder's `.gitignore`: the temporary files of a write.
const IGNORE_LEFTOVERS: &[u8] =
    b"# kensho: the temporary file of a write cut short (removed at the next save)\n.*.ron.*\n.*.md.*\n";

/// The longest name a meeting may have (in characters): it is also a file name.
pub const MAX_NAME: usize = 60;
/// And in bytes (60 Japanese characters): its file, the minutes' and their
/// temporary files' names stay within what a file system holds (255 bytes).
pub const MAX_NAME_BYTES: usize = 180;

/// What a meeting job did: the meeting as now on disk, its file, and
/// whether it was created just now (else it existed: resumed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingDone {
    pub file: PathBuf,
    pub meeting: Meeting,
    pub created: bool,
    /// The meeting as written, for the next change ([`Seen`]).
    pub seen: Seen,
}

/// A meeting file as someone last read or wrote it: the checksum of its
/// bytes, its stamp, when they were known, and what was known of its
/// journal. A caller that hands it back with the meeting spares the next
/// change or look reading what did not change (a meeting of a million
/// items is 80 MB).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub digest: Digest,
    pub stamp: Option<Stamp>,
    /// When the file's bytes were known (read, written or checked): its
    /// stamp alone vouches for them once older than that by a margin.
    pub known_ns: i128,
    pub journal: Option<JournalSeen>,
}

impl Seen {
    /// The file `path` just written with `bytes`, and its journal.
    fn of(path: &Path, bytes: &[u8], known_ns: i128, journal: Option<JournalSeen>) -> Seen {
        Seen {
            digest: digest_of_text(bytes),
            stamp: Stamp::at(path),
            known_ns,
            journal,
        }
    }

    /// Whether the meeting file `path` or its journal may have changed
    /// since: a stamp differs (or cannot be taken).
    pub fn stale(&self, path: &Path) -> bool {
        let journal = Stamp::at(&marks_file(path));
        self.stamp.is_none()
            || Stamp::at(path) != self.stamp
            || journal != self.journal.map(|j| j.stamp)
    }
}

/// Read meeting `file` and its journal with what is needed to change it
/// later.
pub fn read_seen(file: &Path, report: &dyn ItemIds) -> Result<(Meeting, Seen), EditError> {
    journal::read_whole(file, report)
}

/// The meeting `name` in `file`, checked: its stored name is `name` (two
/// names can map to one file name).
fn existing(file: &Path, name: &str, report: &dyn ItemIds) -> Result<Meeting, EditError> {
    named(load_meeting(file, report).map_err(EditError::Load)?, name)
}

/// `meeting`, when its stored name is `name`.
fn named(meeting: Meeting, name: &str) -> Result<Meeting, EditError> {
    if meeting.name != name.trim() {
        return Err(EditError::MeetingNameTaken {
            name: name.to_string(),
            other: meeting.name,
        });
    }
    Ok(meeting)
}

/// What a change did to a meeting.
enum Applied {
    Nothing,
    /// An item marked: its entry before (`None`: it joined the agenda) and
    /// after.
    Marked {
        was: Option<Entry>,
        now: Entry,
    },
    Closed,
    Reopened,
    /// Its details changed: written whole.
    Rewritten,
}

fn apply(
    meeting: &mut Meeting,
    change: &MeetingChange,
    (now, by): (&str, &str),
) -> Result<Applied, EditError> {
    match change {
        MeetingChange::Start { .. } => Ok(Applied::Nothing),
        MeetingChange::Review { .. } | MeetingChange::Remark { .. } if meeting.closed.is_some() => {
            Err(EditError::MeetingClosed {
                name: meeting.name.clone(),
            })
        }
        MeetingChange::Review { item, reviewed } => {
            let reviewed = reviewed.then(|| Review {
                at: now.to_string(),
                by: by.to_string(),
            });
            Ok(change_entry(meeting, item, |entry| {
                if entry.reviewed == reviewed {
                    return false;
                }
                entry.reviewed = reviewed;
                true
            }))
        }
        MeetingChange::Remark { item, text } => {
            let remark = Remark {
                at: now.to_string(),
                by: by.to_string(),
                text: text.trim().to_string(),
            };
            Ok(change_entry(meeting, item, |entry| {
                if remark.text.is_empty() {
                    return false;
                }
                entry.remarks.push(remark);
                true
            }))
        }
        MeetingChange::Details(set) => {
            let before = (meeting.details.clone(), meeting.zone.clone());
            for (field, value) in set {
                match field {
                    DetailField::Zone if value.trim().is_empty() => meeting.zone = None,
                    DetailField::Zone if known_zone(value.trim()) => {
                        meeting.zone = Some(value.trim().to_string());
                    }
                    field => {
                        let _ = meeting.details.set(*field, value);
                    }
                }
            }
            let after = (meeting.details.clone(), meeting.zone.clone());
            Ok(if before == after {
                Applied::Nothing
            } else {
                Applied::Rewritten
            })
        }
        MeetingChange::Reopen if meeting.closed.is_none() => Ok(Applied::Nothing),
        MeetingChange::Reopen => {
            meeting.closed = None;
            Ok(Applied::Reopened)
        }
        MeetingChange::Close if meeting.closed.is_some() => Ok(Applied::Nothing),
        MeetingChange::Close => {
            meeting.closed = Some(now.to_string());
            Ok(Applied::Closed)
        }
    }
}

/// `change` made to the agenda's entry of `item` (the entry joins the
/// agenda when the item is not on it); it says whether it changed it.
fn change_entry(
    meeting: &mut Meeting,
    item: &str,
    change: impl FnOnce(&mut Entry) -> bool,
) -> Applied {
    let at = meeting.agenda.iter().position(|e| e.item == item);
    let mut entry = match at {
        Some(i) => meeting.agenda[i].clone(),
        None => Entry {
            item: item.to_string(),
            reviewed: None,
            remarks: Vec::new(),
        },
    };
    if !change(&mut entry) {
        return Applied::Nothing;
    }
    let was = match at {
        Some(i) => Some(std::mem::replace(&mut meeting.agenda[i], entry.clone())),
        None => {
            meeting.agenda.push(entry.clone());
            None
        }
    };
    Applied::Marked { was, now: entry }
}

/// Apply `change` to meeting `name` of the records at `path`. `known` is
/// the meeting as the caller last had it (from a [`MeetingDone`] or
/// [`read_seen`]): what has not changed since is not read again, and a
/// mark is one line appended to the meeting's journal.
pub fn change_meeting(
    path: &Path,
    report: &dyn ItemIds,
    name: &str,
    change: &MeetingChange,
    now_by: (&str, &str),
    known: Option<(Meeting, Seen)>,
) -> Result<MeetingDone, EditError> {
    let name = name.trim();
    if name.chars().count() > MAX_NAME || name.len() > MAX_NAME_BYTES {
        return Err(EditError::MeetingNameTooLong {
            name: name.to_string(),
            max: MAX_NAME,
        });
    }
    let dir = folder_of(path);
    let file = meeting_file(&dir, name);
    with_lock(&dir, || {
        if !file.exists() {
            if matches!(change, MeetingChange::Reopen | MeetingChange::Details(_)) {
                return Err(EditError::NoSuchMeeting {
                    name: name.to_string(),
                });
            }
            return start(&file, name, change, now_by);
        }
        let (meeting, seen) = journal::read_now(&file, report, known)?;
        let mut meeting = named(meeting, name)?;
        let applied = apply(&mut meeting, change, now_by)?;
        let seen = written(&file, &meeting, applied, seen)?;
        Ok(MeetingDone {
            file: file.clone(),
            meeting,
            created: false,
            seen,
        })
    })?
}

/// Meeting `name` made in `file`, with its empty journal.
fn start(
    file: &Path,
    name: &str,
    change: &MeetingChange,
    now_by: (&str, &str),
) -> Result<MeetingDone, EditError> {
    let mut meeting = match change {
        MeetingChange::Start {
            chosen_by,
            items,
            zone,
        } => {
            let mut m = Meeting::new(name, now_by.0.to_string(), chosen_by.clone(), items.clone());
            m.zone = zone.clone();
            m
        }
        _ => Meeting::new(name, now_by.0.to_string(), None, Vec::new()),
    };
    if meeting.zone.is_none() {
        meeting.zone = jiff::tz::TimeZone::system().iana_name().map(str::to_string);
    }
    let applied = apply(&mut meeting, change, now_by)?;
    let closed = matches!(applied, Applied::Closed);
    let known_ns = now_ns();
    let text = whole_text(&meeting)?;
    write(file, &text)?;
    let journal = if closed {
        None
    } else {
        if let Some(folder) = file.parent() {
            journal::merge_by_lines(folder);
        }
        Some(journal::empty(file)?)
    };
    Ok(MeetingDone {
        seen: Seen::of(file, &text, known_ns, journal),
        file: file.to_path_buf(),
        meeting,
        created: true,
    })
}

/// Write what `applied` did to `meeting` (as `seen` describes it on disk):
/// a mark appended to its journal (the journal folded into the file once
/// it outgrows it), a meeting closed written whole with its journal
/// emptied. A meeting without a journal (started by an older kensho) has
/// its mark replace only the entry's lines of the file. What is then known.
fn written(
    file: &Path,
    meeting: &Meeting,
    applied: Applied,
    seen: Seen,
) -> Result<Seen, EditError> {
    match (applied, seen.journal) {
        (Applied::Nothing, _) => Ok(seen),
        (Applied::Marked { now, .. }, Some(had)) => {
            let line = line_of(&now).map_err(|e| EditError::Save(StoreError::Render(e)))?;
            let journal = journal::append(file, had, line.as_bytes())?;
            let file_size = seen.stamp.map_or(0, |s| s.size);
            if journal.complete <= file_size.max(FOLD_AT) {
                return Ok(Seen {
                    journal: Some(journal),
                    ..seen
                });
            }
            let known_ns = now_ns();
            let text = whole_text(meeting)?;
            write(file, &text)?;
            Ok(Seen::of(file, &text, known_ns, Some(journal::empty(file)?)))
        }
        (Applied::Marked { was, now }, None) => {
            let known_ns = now_ns();
            let old = read_meeting(file).map_err(EditError::Load)?;
            let text = match was.and_then(|was| splice::with_entry(&old, &was, &now)) {
                Some(text) => text,
                None => whole_text(meeting)?,
            };
            write(file, &text)?;
            Ok(Seen::of(file, &text, known_ns, None))
        }
        // Written whole; the journal, emptied at the close, stays (a file
        // git tracks, which `git commit -a` must keep taking when the
        // meeting is reopened). A meeting without one does not get one: it
        // would be a file nobody added.
        (Applied::Reopened, journal) => {
            let known_ns = now_ns();
            let text = whole_text(meeting)?;
            write(file, &text)?;
            Ok(Seen::of(file, &text, known_ns, journal))
        }
        (Applied::Closed | Applied::Rewritten, journal) => {
            let known_ns = now_ns();
            let text = whole_text(meeting)?;
            write(file, &text)?;
            let journal = journal.map(|_| journal::empty(file)).transpose()?;
            Ok(Seen::of(file, &text, known_ns, journal))
        }
    }
}

/// A journal is folded into its meeting's file once larger than the file
/// and than this.
const FOLD_AT: u64 = 1 << 20;

fn whole_text(meeting: &Meeting) -> Result<Vec<u8>, EditError> {
    meeting
        .render()
        .map(String::into_bytes)
        .map_err(|e| EditError::Save(StoreError::Render(e)))
}

/// Write the minutes of meeting `name` (in `lang`) beside its file, as
/// Markdown and as a Word document: `meetings/NAME.minutes.md` and
/// `meetings/NAME.minutes.docx`, from the records and the log as on disk
/// now. The files written.
pub fn write_minutes(path: &Path, name: &str, lang: Lang) -> Result<Vec<PathBuf>, EditError> {
    let dir = folder_of(path);
    let file = meeting_file(&dir, name);
    let md = file.with_extension("minutes.md");
    let docx = file.with_extension("minutes.docx");
    with_lock(&dir, || {
        let records = load(path).map_err(EditError::Load)?;
        let meeting = existing(&file, name, &records.report)?;
        let log_file = dir.join(LOG_FILE);
        let (log, _) = read(&log_file).map_err(|source| EditError::Log {
            path: log_file,
            source,
        })?;
        let minutes = Minutes::of(&records.report, &meeting, &log);
        let doc = minutes.document(&records.report, lang);
        let word = crate::domain::minutes::docx::render(&doc).map_err(|e| {
            EditError::Save(StoreError::Io {
                path: docx.clone(),
                source: e,
            })
        })?;
        // Through the terminal's filter, as every text file kensho writes.
        let text = crate::domain::minutes::markdown::render(&doc);
        let text = crate::text::terminal_safe(&text);
        replace_file(&md, text.as_bytes()).map_err(EditError::Save)?;
        replace_file(&docx, &word).map_err(EditError::Save)
    })??;
    Ok(vec![md, docx])
}
