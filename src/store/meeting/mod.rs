//! Writing meeting files: started, items marked reviewed, closed. Like the
//! records: under the folder's lock, read fresh, replaced atomically.

mod splice;

use std::path::{Path, PathBuf};

use super::changelog::{LOG_FILE, read};
use super::digests::Stamp;
use super::edit::{EditError, with_lock};
use super::{StoreError, replace_file};
use crate::domain::meeting::{
    Entry, Meeting, Review, load_meeting, meeting_file, parse_meeting, read_meeting,
};
use crate::domain::minutes::Minutes;
use crate::domain::minutes_text::markdown;
use crate::domain::model::Report;
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
    },
    /// Mark an item reviewed, or not reviewed; an item not on the agenda is
    /// added to it.
    Review {
        item: String,
        reviewed: bool,
    },
    Close,
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
/// bytes and its stamp. A change given the meeting with the same checksum
/// as on disk need not parse the file again (a meeting of a million items
/// is 80 MB); one whose stamp is unchanged need not be read again to be
/// shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub digest: Digest,
    pub stamp: Option<Stamp>,
}

impl Seen {
    /// The file `path` with `bytes`, stamped as it is now.
    fn of(path: &Path, bytes: &[u8]) -> Seen {
        Seen {
            digest: digest_of_text(bytes),
            stamp: Stamp::at(path),
        }
    }

    /// Whether the file at `path` may have changed since: its stamp differs
    /// (or cannot be taken).
    pub fn stale(&self, path: &Path) -> bool {
        self.stamp.is_none() || Stamp::at(path) != self.stamp
    }
}

/// Read meeting `file` with what is needed to change it later.
pub fn read_seen(file: &Path, report: &Report) -> Result<(Meeting, Seen), EditError> {
    let stamp = Stamp::at(file);
    let bytes = read_meeting(file).map_err(EditError::Load)?;
    let digest = digest_of_text(&bytes);
    let meeting = parse_meeting(file, bytes, report).map_err(EditError::Load)?;
    Ok((meeting, Seen { digest, stamp }))
}

/// The meeting `name` in `file`, checked: its stored name is `name` (two
/// names can map to one file name).
fn existing(file: &Path, name: &str, report: &Report) -> Result<Meeting, EditError> {
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

fn apply(
    meeting: &mut Meeting,
    change: &MeetingChange,
    (now, by): (&str, &str),
) -> Result<(), EditError> {
    match change {
        MeetingChange::Start { .. } => {}
        MeetingChange::Review { .. } if meeting.closed.is_some() => {
            return Err(EditError::MeetingClosed {
                name: meeting.name.clone(),
            });
        }
        MeetingChange::Review { item, reviewed } => {
            let reviewed = reviewed.then(|| Review {
                at: now.to_string(),
                by: by.to_string(),
            });
            match meeting.agenda.iter_mut().find(|e| &e.item == item) {
                Some(entry) => entry.reviewed = reviewed,
                None => meeting.agenda.push(Entry {
                    item: item.clone(),
                    reviewed,
                }),
            }
        }
        MeetingChange::Close => {
            meeting.closed.get_or_insert_with(|| now.to_string());
        }
    }
    Ok(())
}

/// Apply `change` to meeting `name` of the records at `path`. `known` is
/// the meeting as the caller last had it (from a [`MeetingDone`] or
/// [`read_seen`]): when the file's bytes still have its checksum, they are
/// not parsed again, and a mark replaces only its entry's lines.
pub fn change_meeting(
    path: &Path,
    report: &Report,
    name: &str,
    change: &MeetingChange,
    now_by: (&str, &str),
    known: Option<(&Meeting, &Seen)>,
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
        let on_disk = file
            .exists()
            .then(|| read_meeting(&file).map_err(EditError::Load))
            .transpose()?;
        let created = on_disk.is_none();
        let mut meeting = match (&on_disk, change) {
            (Some(bytes), _) => as_on_disk(&file, bytes, name, report, known)?,
            (None, MeetingChange::Start { chosen_by, items }) => {
                Meeting::new(name, now_by.0.to_string(), chosen_by.clone(), items.clone())
            }
            (None, _) => Meeting::new(name, now_by.0.to_string(), None, Vec::new()),
        };
        let before = meeting.clone();
        apply(&mut meeting, change, now_by)?;
        let bytes = match on_disk {
            Some(bytes) if meeting == before => bytes,
            on_disk => {
                let text = new_text(on_disk.as_deref(), &before, &meeting, change)?;
                write(&file, &text)?;
                text
            }
        };
        Ok(MeetingDone {
            seen: Seen::of(&file, &bytes),
            file: file.clone(),
            meeting,
            created,
        })
    })?
}

/// The meeting in `bytes` (meeting `name`'s file): `known`'s when the bytes
/// are the ones it was read from, else parsed and checked.
fn as_on_disk(
    file: &Path,
    bytes: &[u8],
    name: &str,
    report: &Report,
    known: Option<(&Meeting, &Seen)>,
) -> Result<Meeting, EditError> {
    let meeting = match known {
        Some((meeting, seen)) if seen.digest == digest_of_text(bytes) => meeting.clone(),
        _ => parse_meeting(file, bytes.to_vec(), report).map_err(EditError::Load)?,
    };
    named(meeting, name)
}

/// The meeting file's new bytes: a mark of an item on the agenda replaces
/// its entry's lines in `old` (the bytes on disk); anything else, or a file
/// not in the canonical form, is written whole.
fn new_text(
    old: Option<&[u8]>,
    before: &Meeting,
    after: &Meeting,
    change: &MeetingChange,
) -> Result<Vec<u8>, EditError> {
    if let (Some(old), MeetingChange::Review { item, .. }) = (old, change)
        && before.agenda.len() == after.agenda.len()
        && let Some(i) = before.agenda.iter().position(|e| &e.item == item)
        && let Some(text) = splice::with_entry(old, &before.agenda[i], &after.agenda[i])
    {
        return Ok(text);
    }
    after
        .render()
        .map(String::into_bytes)
        .map_err(|e| EditError::Save(StoreError::Render(e)))
}

/// Write the minutes of meeting `name` (Markdown, in `lang`) beside its file:
/// `meetings/NAME.minutes.md`, from the records and the log as on disk now.
/// The file written.
pub fn write_minutes(path: &Path, name: &str, lang: Lang) -> Result<PathBuf, EditError> {
    let dir = folder_of(path);
    let file = meeting_file(&dir, name);
    let out = file.with_extension("minutes.md");
    with_lock(&dir, || {
        let records = load(path).map_err(EditError::Load)?;
        let meeting = existing(&file, name, &records.report)?;
        let log_file = dir.join(LOG_FILE);
        let (log, _) = read(&log_file).map_err(|source| EditError::Log {
            path: log_file,
            source,
        })?;
        let minutes = Minutes::of(&records.report, &meeting, &log);
        let text = markdown(&minutes, &records.report, lang);
        // Through the terminal's filter, as every text file kensho writes.
        let text = crate::text::terminal_safe(&text);
        replace_file(&out, text.as_bytes()).map_err(EditError::Save)
    })??;
    Ok(out)
}
