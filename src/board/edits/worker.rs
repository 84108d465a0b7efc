//! The store worker: saves, reasons, meeting files and minutes, and looks
//! at the files for others' saves, one at a time and in order, on a thread
//! of its own, so that typing never waits for the disk. Every piece of work
//! gets exactly one answer.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::board::action::Action;
use crate::board::inbox::{Answers, WorkId};
use crate::board::work::{Job, StoreFailure, StoreOutcome};
use crate::domain::meeting::{ItemIds, Meeting, meeting_file, read_head};
use crate::domain::model::Report;
use crate::domain::records::Records;
use crate::store::changelog::{self, Change};
use crate::store::digests::Stamp;
use crate::store::meeting::{MeetingChange, Seen, change_meeting, read_now, write_minutes};
use crate::store::watch::Watcher;
use crate::store::{AskedOn, EditError, Why, add_reason, apply_edits_beside};

/// Work for the store worker.
#[derive(Debug)]
pub enum StoreWork {
    Job(Box<Job>),
    /// Look whether others changed the records (and the meeting's file).
    Check(Arc<Records>, Option<PathBuf>),
    /// Read a meeting and its log lines, to show it.
    ReadMeeting(String, Arc<Records>),
    /// The names of the meetings, for the `M` prompt to offer.
    ListMeetings(PathBuf),
}

/// Start the worker for the records at `path`; it stops when the board
/// drops the sender.
pub fn spawn(
    path: PathBuf,
    display_name: Option<String>,
    watcher: Watcher,
    answers: Answers,
) -> Sender<(WorkId, StoreWork)> {
    let (requests, inbox) = channel();
    crate::store::seam::spawn(move || {
        let mut worker = Worker {
            path,
            display_name,
            watcher,
            meeting: None,
            meeting_shown: false,
        };
        worker.run(&inbox, &answers);
    });
    requests
}

struct Worker {
    path: PathBuf,
    display_name: Option<String>,
    /// What is known of the files, to notice others' saves.
    watcher: Watcher,
    /// The meeting file last read or written, as it was then: read again
    /// only once its stamp changes, parsed again only once its bytes do.
    meeting: Option<(PathBuf, Box<Meeting>, Seen)>,
    /// Whether the board has the meeting kept (it learns of a meeting read
    /// for a save at the next look at the files).
    meeting_shown: bool,
}

impl Worker {
    fn run(&mut self, inbox: &Receiver<(WorkId, StoreWork)>, answers: &Answers) {
        while let Ok((id, work)) = inbox.recv() {
            let answer = match work {
                StoreWork::Job(job) => self.job(job),
                StoreWork::Check(current, meeting) => self.check(&current, meeting),
                StoreWork::ReadMeeting(name, records) => read_meeting(&name, &records),
                StoreWork::ListMeetings(dir) => {
                    Action::MeetingsListed(crate::domain::meeting::names::meeting_heads(&dir))
                }
            };
            if !answers.send(Some(id), Some(answer)) {
                break;
            }
        }
    }

    fn job(&mut self, job: Box<Job>) -> Action {
        let outcome = match &*job {
            Job::Save { request, seen } => {
                // A change belongs to a meeting only while it is open on
                // disk (someone may have closed it meanwhile).
                let open = request
                    .meeting
                    .as_deref()
                    .filter(|name| self.meeting_open(name));
                let meeting = open.map(str::to_string);
                let meeting = meeting.as_deref();
                let why = Why {
                    reason: request.reason.as_deref(),
                    meeting,
                    display_name: self.display_name.as_deref(),
                    department: None,
                    item_reasons: None,
                };
                let seen = (!request.force).then_some(seen as &dyn AskedOn);
                self.save(apply_edits_beside(&self.path, &request.edits, why, seen))
            }
            Job::Reason { change, reason } => {
                match add_reason(&self.path, change, reason, self.display_name.as_deref()) {
                    Ok(()) => StoreOutcome::ReasonRecorded,
                    Err(e) => StoreOutcome::Failed(StoreFailure::new(e)),
                }
            }
            // Meeting files and minutes: a failure is said, not retried (the
            // user presses again once it is mended).
            Job::Minutes { name, lang, .. } => match write_minutes(&self.path, name, *lang) {
                Ok(files) => StoreOutcome::Written(files),
                Err(e) => StoreOutcome::Rejected(StoreFailure::new(e)),
            },
            Job::Meeting {
                name,
                change,
                dir,
                ids,
            } => self.meeting(name, change, dir, &**ids),
        };
        Action::StoreDone { job, outcome }
    }

    /// What came of a save; the watcher learns of it (our own save is no
    /// news to it).
    fn save(&mut self, saved: Result<crate::store::Saved, EditError>) -> StoreOutcome {
        match saved {
            Ok(saved) => {
                match &saved.records {
                    Some(records) => self.watcher = Watcher::new(records).keeping(true),
                    None => self.watcher.saved(&saved.written),
                }
                // Read only the files it changed: the board applies the
                // changes to its own records (no copy of them is made).
                StoreOutcome::Saved {
                    changes: saved.changes,
                    records: saved.records.map(Box::new),
                }
            }
            Err(EditError::Conflict(c)) => StoreOutcome::Conflict(c),
            Err(
                e @ (EditError::UnknownItem { .. }
                | EditError::UnknownField { .. }
                | EditError::BadCode { .. }),
            ) => StoreOutcome::Rejected(StoreFailure::new(e)),
            Err(e) => StoreOutcome::Failed(StoreFailure::new(e)),
        }
    }

    fn meeting(
        &mut self,
        name: &str,
        change: &MeetingChange,
        dir: &Path,
        ids: &dyn ItemIds,
    ) -> StoreOutcome {
        let user = changelog::who_shown(self.display_name.as_deref());
        let now = changelog::now();
        let file = meeting_file(dir, name);
        // The meeting kept goes to the change (which hands it back changed).
        let known = match self.meeting.take() {
            Some((f, m, seen)) if f == file => Some((*m, seen)),
            other => {
                self.meeting = other;
                None
            }
        };
        let done = change_meeting(&self.path, ids, name, change, (&now, &user), known);
        if let Ok(done) = &done {
            let kept = (
                done.file.clone(),
                Box::new(done.meeting.clone()),
                done.seen.clone(),
            );
            self.meeting = Some(kept);
            self.meeting_shown = true;
        }
        match done {
            Ok(done) => {
                let start = matches!(change, MeetingChange::Start { .. });
                let log = start.then(|| meeting_log(dir, &done.meeting.name));
                StoreOutcome::Meeting {
                    file: done.file,
                    meeting: Box::new(done.meeting),
                    log,
                    created: done.created,
                }
            }
            Err(e) => StoreOutcome::Rejected(StoreFailure::new(e)),
        }
    }

    fn check(&mut self, current: &Records, meeting: Option<PathBuf>) -> Action {
        let records = self.watcher.changed(current).map(Box::new);
        if records.is_some() {
            // Its items are checked against the records again.
            self.meeting = None;
        }
        let report = &records.as_deref().unwrap_or(current).report;
        let meeting = meeting.and_then(|file| {
            self.meeting_now(&file, report)?;
            let shown = std::mem::replace(&mut self.meeting_shown, true);
            let m = self.meeting.as_ref().filter(|_| !shown)?.1.clone();
            Some((file, m))
        });
        Action::DiskChecked { records, meeting }
    }

    /// Whether meeting `name` is open now: the meeting kept says so while
    /// its file is unchanged (marks go to the journal), else the file's own
    /// head (read without the records: the save holds none).
    fn meeting_open(&self, name: &str) -> bool {
        let dir = crate::domain::records::folder_of(&self.path);
        let file = meeting_file(&dir, name);
        let kept = self.meeting.as_ref().filter(|(f, _, seen)| {
            *f == file && seen.stamp.is_some() && Stamp::at(f) == seen.stamp
        });
        let (stored, closed) = match kept {
            Some((_, m, _)) => (m.name.clone(), m.closed.is_some()),
            None => match read_head(&file) {
                Ok(head) => (head.name, head.closed.is_some()),
                Err(_) => return false,
            },
        };
        stored == name.trim() && !closed
    }

    /// The meeting in `file` as it is now: the one kept while neither its
    /// file nor its journal changed, else brought up to date (only the
    /// journal's new lines read when only those were added).
    fn meeting_now(&mut self, file: &Path, report: &Report) -> Option<&Meeting> {
        let stale = self
            .meeting
            .as_ref()
            .is_none_or(|(f, _, seen)| f != file || seen.stale(f));
        if stale {
            let known = match self.meeting.take() {
                Some((f, m, seen)) if f == file => Some((*m, seen)),
                _ => None,
            };
            self.meeting_shown = false;
            let (m, seen) = read_now(file, report, known).ok()?;
            self.meeting = Some((file.to_path_buf(), Box::new(m), seen));
        }
        self.meeting.as_ref().map(|(_, m, _)| &**m)
    }
}

/// Meeting `name` and its lines of the log, to show it; not there (yet):
/// the walkthrough shows the item alone.
fn read_meeting(name: &str, records: &Records) -> Action {
    let file = meeting_file(&records.layout.dir(), name);
    match crate::domain::meeting::load_meeting(&file, &records.report) {
        Ok(meeting) => Action::MeetingRead {
            log: meeting_log(&records.layout.dir(), name),
            file,
            meeting: Some(Box::new(meeting)),
        },
        Err(_) => Action::MeetingRead {
            file,
            meeting: None,
            log: Vec::new(),
        },
    }
}

/// The lines of the change log made in meeting `name` (a log that cannot be
/// read gives none: the board still works, the minutes say more).
fn meeting_log(dir: &Path, name: &str) -> Vec<Change> {
    let file = dir.join(changelog::LOG_FILE);
    let (changes, _) = changelog::read(&file).unwrap_or_default();
    changes
        .into_iter()
        .filter(|c| c.meeting.as_deref() == Some(name))
        .collect()
}

/// The records file whose mode and group a new file beside the records
/// takes (the presence file): `report.ron` in a folder, or the one file.
pub fn like_file(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.join(crate::domain::records::REPORT_FILE)
    } else {
        path.to_path_buf()
    }
}
