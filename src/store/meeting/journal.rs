//! The journal of marks on disk (see [`crate::domain::meeting::marks`]):
//! a meeting read as it is now from what the caller last had, a mark
//! appended, the journal made with its meeting, emptied when folded into
//! the meeting's file (once it outgrows it, and at the close), removed
//! with its meeting (`kensho meetings remove`).

use std::io::Write;
use std::path::Path;

use super::Seen;
use crate::domain::files::Access;
use crate::domain::meeting::marks::{apply_marks, marks_file, parse_marks, read_marks};
use crate::domain::meeting::{ItemIds, Meeting, parse_meeting, read_meeting};
use crate::domain::records::digest_of_text;
use crate::store::digests::{Stamp, now_ns, old_enough};
use crate::store::edit::EditError;
use crate::store::own::open_own;
use crate::store::{StoreError, replace_file};

/// What a reader last knew of a meeting's journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JournalSeen {
    /// Its stamp when read or written.
    pub stamp: Stamp,
    /// The bytes of its complete lines, all applied.
    pub complete: u64,
    /// How many lines those are.
    pub lines: usize,
}

/// The meeting in `file` as it is now, checked against `report`, from
/// `known` (what the caller last had) while that still describes it:
/// nothing read when neither the file nor its journal changed, only the
/// journal's new lines when lines were added, else both read whole.
pub fn read_now(
    file: &Path,
    report: &dyn ItemIds,
    known: Option<(Meeting, Seen)>,
) -> Result<(Meeting, Seen), EditError> {
    if let Some((meeting, seen)) = known
        && let Some(seen) = file_unchanged(file, seen)
        && let Some(now) = journal_since(file, report, meeting, seen)?
    {
        return Ok(now);
    }
    read_whole(file, report)
}

/// `seen`, when the meeting's file is still the one it describes: its stamp
/// is the same and old enough to vouch alone, or its bytes have the same
/// checksum (then checked now).
fn file_unchanged(file: &Path, seen: Seen) -> Option<Seen> {
    let now = now_ns();
    let stamp = Stamp::at(file)?;
    if seen.stamp != Some(stamp) {
        return None;
    }
    if old_enough(&stamp, seen.known_ns) {
        return Some(seen);
    }
    let bytes = read_meeting(file).ok()?;
    (digest_of_text(&bytes) == seen.digest).then_some(Seen {
        known_ns: now,
        ..seen
    })
}

/// `meeting` (as `seen` describes it, its file unchanged) with the lines
/// added to its journal since; `None` when the journal was made, emptied or
/// removed since (the caller reads it whole).
fn journal_since(
    file: &Path,
    report: &dyn ItemIds,
    mut meeting: Meeting,
    seen: Seen,
) -> Result<Option<(Meeting, Seen)>, EditError> {
    let path = marks_file(file);
    let stamp = Stamp::at(&path);
    let had = match (seen.journal, stamp) {
        (None, None) => return Ok(Some((meeting, seen))),
        (Some(j), Some(s)) if j.stamp == s => return Ok(Some((meeting, seen))),
        (Some(j), Some(s)) if s.size > j.complete => j,
        _ => return Ok(None),
    };
    let Some(bytes) = read_marks(&path, had.complete).map_err(EditError::Load)? else {
        return Ok(None);
    };
    let marks = parse_marks(&path, &bytes, had.lines + 1).map_err(EditError::Load)?;
    let journal = stamp.map(|stamp| JournalSeen {
        stamp,
        complete: had.complete + marks.complete,
        lines: had.lines + marks.lines,
    });
    apply_marks(&mut meeting, marks, report).map_err(EditError::Load)?;
    Ok(Some((meeting, Seen { journal, ..seen })))
}

/// The meeting in `file` and its journal, read whole.
pub fn read_whole(file: &Path, report: &dyn ItemIds) -> Result<(Meeting, Seen), EditError> {
    let known_ns = now_ns();
    // The journal first (see `load_meeting`).
    let path = marks_file(file);
    let journal_stamp = Stamp::at(&path);
    let journal = read_marks(&path, 0).map_err(EditError::Load)?;
    let stamp = Stamp::at(file);
    let bytes = read_meeting(file).map_err(EditError::Load)?;
    let digest = digest_of_text(&bytes);
    let mut meeting = parse_meeting(file, bytes, report).map_err(EditError::Load)?;
    let journal = match (journal, journal_stamp) {
        (Some(bytes), Some(stamp)) => {
            let marks = parse_marks(&path, &bytes, 1).map_err(EditError::Load)?;
            let seen = JournalSeen {
                stamp,
                complete: marks.complete,
                lines: marks.lines,
            };
            apply_marks(&mut meeting, marks, report).map_err(EditError::Load)?;
            Some(seen)
        }
        _ => None,
    };
    let seen = Seen {
        digest,
        stamp,
        known_ns,
        journal,
    };
    Ok((meeting, seen))
}

fn io_error(path: &Path) -> impl Fn(std::io::Error) -> EditError + '_ {
    move |source| {
        EditError::Save(StoreError::Io {
            path: path.to_path_buf(),
            source,
        })
    }
}

/// Append `line` to the journal of meeting `file`, whose complete lines are
/// `had`'s (a torn last line after them is written over); a write that
/// fails takes its part back. What is then known of the journal.
pub fn append(file: &Path, had: JournalSeen, line: &[u8]) -> Result<JournalSeen, EditError> {
    let path = marks_file(file);
    let err = io_error(&path);
    let mut journal = open_own(&path, Access::Append).map_err(&err)?;
    if journal.metadata().map_err(&err)?.len() > had.complete {
        journal.set_len(had.complete).map_err(&err)?;
    }
    let written = journal.write_all(line).and_then(|()| journal.sync_data());
    if let Err(e) = written {
        let _ = journal.set_len(had.complete);
        let _ = journal.sync_data();
        return Err(err(e));
    }
    Ok(JournalSeen {
        stamp: Stamp::of(&journal.metadata().map_err(&err)?),
        complete: had.complete + line.len() as u64,
        lines: had.lines + 1,
    })
}

/// Make the journal of meeting `file` empty (new, or its marks folded into
/// the file just written). What is then known of it.
pub fn empty(file: &Path) -> Result<JournalSeen, EditError> {
    let path = marks_file(file);
    let err = io_error(&path);
    let journal = open_own(&path, Access::Append).map_err(&err)?;
    journal
        .set_len(0)
        .and_then(|()| journal.sync_data())
        .map_err(&err)?;
    Ok(JournalSeen {
        stamp: Stamp::of(&journal.metadata().map_err(&err)?),
        complete: 0,
        lines: 0,
    })
}

/// Remove the journal of meeting `file` (the meeting is removed).
pub fn remove(file: &Path) -> Result<(), EditError> {
    let path = marks_file(file);
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_error(&path)(e)),
        _ => Ok(()),
    }
}

/// The meetings folder's `.gitattributes`: two people's marks made in two
/// clones are merged line by line, both kept (the later line of an item
/// wins when the journal is read).
pub const MERGE_UNION: &[u8] =
    b"# kensho: marks made in two clones are both kept when merged\n*.marks merge=union\n";

/// Give the meetings folder `dir` its `.gitattributes` when it has none.
pub fn merge_by_lines(dir: &Path) {
    let path = dir.join(".gitattributes");
    if std::fs::symlink_metadata(&path).is_err() {
        let _ = replace_file(&path, MERGE_UNION);
    }
}
