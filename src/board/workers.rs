//! The threads that keep slow work off the input path: the search worker
//! (newest request wins; its index is rebuilt whenever a request carries
//! other records) and the store worker (saves, reasons and looks at the
//! files, one at a time, in order). Both answer with [`Action`]s; follow
//! mode's worker is [`super::presence_worker`].

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use super::action::{Action, Job, SearchRequest, StoreOutcome};
use crate::domain::meeting::load_meeting;
use crate::domain::records::Records;
use crate::i18n::Lang;
use crate::search::{Memo, Previous, SearchIndex, Searcher};
use crate::store::changelog::{self, Change};
use crate::store::meeting::{MeetingChange, change_meeting, is_open, write_minutes};
use crate::store::watch::Watcher;
use crate::store::{EditError, Why, Written, add_reason, apply_edits};

/// Work for the store worker.
pub enum StoreWork {
    Job(Box<Job>),
    Check(Arc<Records>, Option<PathBuf>),
    /// Read a meeting and its log lines, to show it.
    ReadMeeting(String, Arc<Records>),
}

/// Answer searches on a thread of their own. When requests come faster than
/// searches, only the newest is run.
pub fn spawn_search_worker(results: Sender<Action>) -> Sender<SearchRequest> {
    let (requests, inbox) = channel::<SearchRequest>();
    crate::store::seam::spawn(move || search_loop(&inbox, &results));
    requests
}

fn search_loop(inbox: &Receiver<SearchRequest>, results: &Sender<Action>) {
    let searcher = Searcher::default();
    // The index and the data version it answers for (see DataVersion).
    let mut index: Option<(u64, u64, SearchIndex)> = None;
    // What the last search learnt, for the index as it is.
    let mut memo: Option<Memo> = None;
    while let Ok(mut request) = inbox.recv() {
        while let Ok(newer) = inbox.try_recv() {
            request = newer;
        }
        // The index answers for exactly the records the request carries:
        // items changed in place since it was built are folded again, other
        // records get an index of their own.
        let data = &request.data;
        let report = &request.records.report;
        match &mut index {
            Some((base, now, built)) if *base == data.base => {
                if *now != data.now {
                    let changed: Vec<usize> = data
                        .touched
                        .iter()
                        .filter(|(g, _)| *g > *now)
                        .map(|&(_, i)| i)
                        .collect();
                    built.refold(report, &changed);
                    *now = data.now;
                }
            }
            _ => {
                let built = SearchIndex::new(report).with_char_index();
                index = Some((data.base, data.now, built));
                memo = None;
            }
        }
        let Some((_, _, built)) = &index else {
            continue;
        };
        // Only the index was asked for (the board opening).
        if request.query.is_empty() && request.filters.is_empty() && request.after.is_none() {
            continue;
        }
        let previous = request.after.as_ref().map(|(query, hits)| Previous {
            query,
            hits: hits.as_slice(),
        });
        let hits = searcher.search_remembering(
            built,
            report,
            &request.query,
            &request.filters,
            request.order,
            previous,
            &mut memo,
        );
        let done = Action::SearchDone {
            generation: request.generation,
            hits,
        };
        if results.send(done).is_err() {
            break;
        }
    }
}

/// Perform store work on a thread of its own, in order; each piece of work
/// gets exactly one answer.
pub fn spawn_store_worker(
    path: PathBuf,
    lang: Lang,
    display_name: Option<String>,
    watcher: Watcher,
    results: Sender<Action>,
) -> Sender<StoreWork> {
    let (requests, inbox) = channel::<StoreWork>();
    crate::store::seam::spawn(move || {
        let mut watcher = watcher;
        while let Ok(work) = inbox.recv() {
            let answer = match work {
                StoreWork::Job(job) => {
                    let (outcome, own) = perform_job(&path, &job, lang, display_name.as_deref());
                    // Our own save is no news to the watcher.
                    match (&outcome, own) {
                        (
                            StoreOutcome::Saved {
                                records: Some(records),
                                ..
                            },
                            Some(OwnSave::Whole),
                        ) => {
                            watcher = Watcher::new(records).keeping(true);
                        }
                        (_, Some(OwnSave::Files(written))) => watcher.saved(&written),
                        _ => {}
                    }
                    Action::StoreDone { job, outcome }
                }
                StoreWork::Check(current, meeting) => {
                    let records = watcher.changed(&current).map(Box::new);
                    let report = &records.as_deref().unwrap_or(&current).report;
                    let meeting = meeting.and_then(|file| {
                        let m = load_meeting(&file, report).ok()?;
                        Some((file, Box::new(m)))
                    });
                    Action::DiskChecked { records, meeting }
                }
                StoreWork::ReadMeeting(name, records) => {
                    let dir = records.layout.dir();
                    let file = crate::domain::meeting::meeting_file(&dir, &name);
                    match load_meeting(&file, &records.report) {
                        Ok(meeting) => Action::MeetingRead {
                            log: meeting_log(&records, &name),
                            file,
                            meeting: Some(Box::new(meeting)),
                        },
                        // Not there (yet): the walkthrough shows the item alone.
                        Err(_) => Action::MeetingRead {
                            file,
                            meeting: None,
                            log: Vec::new(),
                        },
                    }
                }
            };
            if results.send(answer).is_err() {
                break;
            }
        }
    });
    requests
}

/// The lines of the change log made in meeting `name` (a log that cannot be
/// read gives none: the board still works, the minutes say more).
fn meeting_log(records: &Records, name: &str) -> Vec<Change> {
    let file = records.layout.dir().join(changelog::LOG_FILE);
    let (changes, _) = changelog::read(&file).unwrap_or_default();
    changes
        .into_iter()
        .filter(|c| c.meeting.as_deref() == Some(name))
        .collect()
}

/// What the watcher learns from our own save.
enum OwnSave {
    /// The records were read whole: they are the files as they now are.
    Whole,
    /// Only these files were read and replaced.
    Files(Vec<Written>),
}

/// Save, record a reason or write a meeting, and say what came of it.
fn perform_job(
    path: &std::path::Path,
    job: &Job,
    lang: Lang,
    display_name: Option<&str>,
) -> (StoreOutcome, Option<OwnSave>) {
    if let Job::Save { request, seen } = job {
        // A change belongs to a meeting only while it is open on disk
        // (someone may have closed it meanwhile).
        let meeting = request
            .meeting
            .as_deref()
            .filter(|name| is_open(path, &seen.report, name));
        let why = Why {
            reason: request.reason.as_deref(),
            meeting,
            display_name,
            item_reasons: None,
        };
        let outcome = match apply_edits(
            path,
            &request.edits,
            why,
            (!request.force).then_some(&seen.report),
        ) {
            Ok(saved) => {
                // Read only the files it changed: the board applies the
                // changes to its own records (no copy of them is made).
                let own = match &saved.records {
                    Some(_) => OwnSave::Whole,
                    None => OwnSave::Files(saved.written),
                };
                return (
                    StoreOutcome::Saved {
                        changes: saved.changes,
                        records: saved.records.map(Box::new),
                    },
                    Some(own),
                );
            }
            Err(EditError::Conflict(c)) => StoreOutcome::Conflict(c),
            Err(e @ (EditError::UnknownItem { .. } | EditError::BadCode { .. })) => {
                StoreOutcome::Rejected(e.say(lang))
            }
            Err(e) => StoreOutcome::Failed(e.say(lang)),
        };
        return (outcome, None);
    }
    (perform_other(path, job, lang, display_name), None)
}

/// Record a reason or write a meeting, and say what came of it.
fn perform_other(
    path: &std::path::Path,
    job: &Job,
    lang: Lang,
    display_name: Option<&str>,
) -> StoreOutcome {
    match job {
        // Answered in perform_job.
        Job::Save { .. } => StoreOutcome::Failed(String::new()),
        Job::Reason { change, reason } => match add_reason(path, change, reason, display_name) {
            Ok(()) => StoreOutcome::ReasonRecorded,
            Err(e) => StoreOutcome::Failed(e.say(lang)),
        },
        // Meeting files and minutes: a failure is said, not retried (the
        // user presses again once it is mended).
        Job::Minutes { name, .. } => match write_minutes(path, name, lang) {
            Ok(file) => StoreOutcome::Written(file),
            Err(e) => StoreOutcome::Rejected(e.say(lang)),
        },
        Job::Meeting {
            name,
            change,
            records,
        } => {
            let user = changelog::who_shown(display_name);
            let now = changelog::now();
            match change_meeting(path, &records.report, name, change, (&now, &user)) {
                Ok(done) => {
                    let start = matches!(change, MeetingChange::Start { .. });
                    let log = start.then(|| meeting_log(records, &done.meeting.name));
                    StoreOutcome::Meeting {
                        file: done.file,
                        meeting: Box::new(done.meeting),
                        log,
                        created: done.created,
                    }
                }
                Err(e) => StoreOutcome::Rejected(e.say(lang)),
            }
        }
    }
}
