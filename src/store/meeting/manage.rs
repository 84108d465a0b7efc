//! Removing a meeting: a stray one, started by a slip of a name.

use std::path::{Path, PathBuf};

use super::{existing, journal};
use crate::domain::meeting::{ItemIds, meeting_file};
use crate::domain::records::folder_of;
use crate::store::StoreError;
use crate::store::changelog::{LOG_FILE, read};
use crate::store::edit::{EditError, with_lock};

/// Remove meeting `name` of the records at `path`: its file and its
/// journal (minutes already written stay). Refused while it holds marks or
/// changes logged in it, unless `force`. The file removed.
pub fn remove_meeting(
    path: &Path,
    report: &dyn ItemIds,
    name: &str,
    force: bool,
) -> Result<PathBuf, EditError> {
    let dir = folder_of(path);
    let file = meeting_file(&dir, name);
    with_lock(&dir, || {
        if !file.exists() {
            return Err(EditError::NoSuchMeeting {
                name: name.to_string(),
            });
        }
        let meeting = existing(&file, name, report)?;
        let log_file = dir.join(LOG_FILE);
        let (log, _) = read(&log_file).map_err(|source| EditError::Log {
            path: log_file,
            source,
        })?;
        let changes = log
            .iter()
            .filter(|c| c.meeting.as_deref() == Some(meeting.name.as_str()))
            .count();
        let marks = meeting.reviewed();
        if (marks > 0 || changes > 0) && !force {
            return Err(EditError::MeetingInUse {
                name: meeting.name,
                marks,
                changes,
            });
        }
        journal::remove(&file)?;
        std::fs::remove_file(&file).map_err(|source| {
            EditError::Save(StoreError::Io {
                path: file.clone(),
                source,
            })
        })?;
        Ok(file.clone())
    })?
}
