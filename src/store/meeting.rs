//! Writing meeting files: started, items marked reviewed, closed. Like the
//! records: under the folder's lock, read fresh, replaced atomically.

use std::path::{Path, PathBuf};

use super::changelog::{LOG_FILE, read};
use super::edit::{EditError, with_lock};
use super::{StoreError, replace_file};
use crate::domain::meeting::{Meeting, Review, load_meeting, meeting_file};
use crate::domain::minutes::Minutes;
use crate::domain::minutes_text::markdown;
use crate::domain::model::Report;
use crate::domain::records::folder_of;
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
        std::fs::create_dir_all(folder).map_err(|source| {
            EditError::Save(StoreError::Io {
                path: folder.to_path_buf(),
                source,
            })
        })?;
    }
    replace_file(path, text.as_bytes()).map_err(EditError::Save)
}

/// Apply `change` to meeting `name` of the records at `path`; the meeting
/// as now on disk, and its file.
pub fn change_meeting(
    path: &Path,
    report: &Report,
    name: &str,
    change: &MeetingChange,
    (now, by): (&str, &str),
) -> Result<(PathBuf, Meeting), EditError> {
    let dir = folder_of(path);
    let file = meeting_file(&dir, name);
    with_lock(&dir, || {
        let existing = file.exists();
        let mut meeting = if existing {
            load_meeting(&file, report).map_err(EditError::Load)?
        } else {
            match change {
                MeetingChange::Start { chosen_by, items } => {
                    Meeting::new(name, now.to_string(), chosen_by.clone(), items.clone())
                }
                _ => Meeting::new(name, now.to_string(), None, Vec::new()),
            }
        };
        let before = meeting.clone();
        match change {
            MeetingChange::Start { .. } => {}
            MeetingChange::Review { item, reviewed } => {
                let reviewed = reviewed.then(|| Review {
                    at: now.to_string(),
                    by: by.to_string(),
                });
                match meeting.agenda.iter_mut().find(|e| &e.item == item) {
                    Some(entry) => entry.reviewed = reviewed,
                    None => meeting.agenda.push(crate::domain::meeting::Entry {
                        item: item.clone(),
                        reviewed,
                    }),
                }
            }
            MeetingChange::Close => meeting.closed = Some(now.to_string()),
        }
        if !existing || meeting != before {
            write(&file, &meeting)?;
        }
        Ok((file.clone(), meeting))
    })?
}

/// Write the minutes of meeting `name` (Markdown, in `lang`) beside its file:
/// `meetings/NAME.minutes.md`. The file written.
pub fn write_minutes(
    path: &Path,
    report: &Report,
    name: &str,
    lang: Lang,
) -> Result<PathBuf, EditError> {
    let dir = folder_of(path);
    let file = meeting_file(&dir, name);
    let meeting = load_meeting(&file, report).map_err(EditError::Load)?;
    let log_file = dir.join(LOG_FILE);
    let (log, _) = read(&log_file).map_err(|source| EditError::Log {
        path: log_file,
        source,
    })?;
    let minutes = Minutes::of(report, &meeting, &log);
    let text = markdown(&minutes, report, lang);
    let out = file.with_extension("minutes.md");
    with_lock(&dir, || {
        replace_file(&out, text.as_bytes()).map_err(EditError::Save)
    })??;
    Ok(out)
}
