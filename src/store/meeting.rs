//! Writing meeting files: started, items marked reviewed, closed. Like the
//! records: under the folder's lock, read fresh, replaced atomically.

use std::path::{Path, PathBuf};

use super::changelog::{LOG_FILE, read};
use super::edit::{EditError, with_lock};
use super::{StoreError, replace_file};
use crate::domain::meeting::{Entry, Meeting, Review, load_meeting, meeting_file};
use crate::domain::minutes::Minutes;
use crate::domain::minutes_text::markdown;
use crate::domain::model::Report;
use crate::domain::records::{folder_of, load};
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

fn write(path: &Path, meeting: &Meeting) -> Result<(), EditError> {
    let text = meeting
        .render()
        .map_err(|e| EditError::Save(StoreError::Render(e)))?;
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
    replace_file(path, text.as_bytes()).map_err(EditError::Save)
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
}

/// The meeting `name` in `file`, checked: its stored name is `name` (two
/// names can map to one file name).
fn existing(file: &Path, name: &str, report: &Report) -> Result<Meeting, EditError> {
    let meeting = load_meeting(file, report).map_err(EditError::Load)?;
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

/// Apply `change` to meeting `name` of the records at `path`.
pub fn change_meeting(
    path: &Path,
    report: &Report,
    name: &str,
    change: &MeetingChange,
    now_by: (&str, &str),
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
        let created = !file.exists();
        let mut meeting = match (created, change) {
            (false, _) => existing(&file, name, report)?,
            (true, MeetingChange::Start { chosen_by, items }) => {
                Meeting::new(name, now_by.0.to_string(), chosen_by.clone(), items.clone())
            }
            (true, _) => Meeting::new(name, now_by.0.to_string(), None, Vec::new()),
        };
        let before = meeting.clone();
        apply(&mut meeting, change, now_by)?;
        if created || meeting != before {
            write(&file, &meeting)?;
        }
        Ok(MeetingDone {
            file: file.clone(),
            meeting,
            created,
        })
    })?
}

/// Whether meeting `name` is open: a change made now belongs to it.
pub fn is_open(path: &Path, report: &Report, name: &str) -> bool {
    let file = meeting_file(&folder_of(path), name);
    existing(&file, name, report).is_ok_and(|m| m.closed.is_none())
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
