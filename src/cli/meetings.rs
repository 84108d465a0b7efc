//! `kensho meetings`: the review meetings of the records, listed; one
//! reopened or removed. And the guard against a meeting started by a slip
//! of its name.

use std::path::PathBuf;
use std::process::ExitCode;

use super::args::{MeetingsAction, MeetingsArgs};
use super::output::{fail, fail_edit, fail_lines, print, warn};
use crate::domain::meeting::names::{last_activity, similar};
use crate::domain::meeting::{Meeting, list_meetings, meeting_file};
use crate::domain::minutes::short_time;
use crate::domain::records::{Records, default_path};
use crate::i18n::{CliMsg, Lang};
use crate::store::EditError;
use crate::store::changelog::{self, LOG_FILE};
use crate::store::meeting::{MeetingChange, change_meeting, remove_meeting};
use crate::text::visible;
use crate::text::width::{pad, width};

/// The existing meeting whose name `name` is close to, when `name` is not
/// a meeting yet: starting it would most likely be a slip.
pub fn near_duplicate(records: &Records, name: &str) -> Option<String> {
    let dir = records.layout.dir();
    if meeting_file(&dir, name).exists() {
        return None;
    }
    let (meetings, _) = list_meetings(&dir, &records.report);
    similar(name, meetings.iter().map(|(_, m)| m.name.as_str())).map(str::to_string)
}

/// The meetings of `records` with when each last saw activity.
pub fn with_activity(records: &Records, lang: Lang) -> Vec<(PathBuf, Meeting, String)> {
    let dir = records.layout.dir();
    let (meetings, problems) = list_meetings(&dir, &records.report);
    for e in problems.iter().flat_map(|p| &p.0) {
        warn(lang, &e.say(lang));
    }
    let (log, _) = changelog::read(&dir.join(LOG_FILE)).unwrap_or_default();
    meetings
        .into_iter()
        .map(|(file, m)| {
            let when = last_activity(&m, &log).to_string();
            (file, m, when)
        })
        .collect()
}

pub fn run(
    ask: MeetingsArgs,
    records_of: &dyn Fn(Option<PathBuf>) -> Option<PathBuf>,
    lang: Lang,
) -> ExitCode {
    let path = match &ask.action {
        None => ask.path.clone(),
        Some(MeetingsAction::Reopen { path, .. } | MeetingsAction::Remove { path, .. }) => {
            path.clone()
        }
        Some(MeetingsAction::Set { values, .. }) => {
            match super::meeting_details::parse(values, lang) {
                Ok((_, path)) => path,
                Err(said) => return super::meeting_details::refuse(lang, &said),
            }
        }
    };
    let path = default_path(records_of(path));
    let records = match crate::store::parsed::load_and_keep(&path) {
        Ok(r) => r,
        Err(e) => return fail_lines(&e.say(lang)),
    };
    match ask.action {
        None => list(&records, lang),
        Some(MeetingsAction::Reopen { name, .. }) => {
            let user = changelog::who_shown(None);
            let now = changelog::now();
            let change = MeetingChange::Reopen;
            match change_meeting(&path, &records.report, &name, &change, (&now, &user), None) {
                Ok(done) => print(
                    lang,
                    &(CliMsg::MeetingReopened.fill(
                        lang,
                        &[
                            ("name", &visible(&done.meeting.name)),
                            ("reviewed", &done.meeting.reviewed()),
                            ("items", &done.meeting.agenda.len()),
                        ],
                    ) + "\n"),
                ),
                Err(e) => not_done(&records, &name, &e, lang),
            }
        }
        Some(MeetingsAction::Set { name, values }) => {
            let Ok((set, _)) = super::meeting_details::parse(&values, lang) else {
                return ExitCode::from(super::EXIT_ERROR);
            };
            match super::meeting_details::run(&records, &name, set, lang) {
                Ok(code) => code,
                Err(e) => not_done(&records, &name, &e, lang),
            }
        }
        Some(MeetingsAction::Remove { name, force, .. }) => {
            match remove_meeting(&path, &records.report, &name, force) {
                Ok(file) => print(
                    lang,
                    &(CliMsg::MeetingRemoved.fill(
                        lang,
                        &[
                            ("name", &visible(&name)),
                            ("file", &visible(&file.display().to_string())),
                        ],
                    ) + "\n"),
                ),
                Err(e) => not_done(&records, &name, &e, lang),
            }
        }
    }
}

/// A meeting change refused: a meeting not found is said with the name it
/// was most likely meant to be.
fn not_done(records: &Records, name: &str, e: &EditError, lang: Lang) -> ExitCode {
    if matches!(e, EditError::NoSuchMeeting { .. }) {
        let (meetings, _) = list_meetings(&records.layout.dir(), &records.report);
        if let Some(near) = similar(name, meetings.iter().map(|(_, m)| m.name.as_str())) {
            let said = CliMsg::ErrNoSuchMeetingNear
                .fill(lang, &[("name", &visible(name)), ("near", &visible(near))]);
            return fail(lang, &said);
        }
    }
    fail_edit(lang, e)
}

/// The meetings, one a line: name, state, agenda, reviewed, last activity.
fn list(records: &Records, lang: Lang) -> ExitCode {
    let meetings = with_activity(records, lang);
    if meetings.is_empty() {
        return print(lang, &(CliMsg::ErrNoMeetings.text(lang).to_string() + "\n"));
    }
    let t = |m: CliMsg| m.text(lang);
    let names: Vec<String> = meetings
        .iter()
        .map(|(_, m, _)| visible(&m.name).into_owned())
        .collect();
    let name_w = names
        .iter()
        .map(|n| width(n))
        .chain([width(t(CliMsg::ColMeeting))])
        .max()
        .unwrap_or(0);
    let state_w = [
        CliMsg::MeetingOpen,
        CliMsg::MeetingClosedState,
        CliMsg::ColState,
    ]
    .iter()
    .map(|m| width(t(*m)))
    .max()
    .unwrap_or(0);
    let count_w = |m: CliMsg| width(t(m)).max(4);
    let (agenda_w, reviewed_w) = (count_w(CliMsg::ColAgenda), count_w(CliMsg::ColReviewed));
    // Numbers to the right of their column, by display width.
    let right = |s: &str, w: usize| format!("{}{s}", " ".repeat(w.saturating_sub(width(s))));
    let row = |cells: [&str; 5]| {
        format!(
            "{}  {}  {}  {}  {}\n",
            pad(cells[0], name_w, ""),
            pad(cells[1], state_w, ""),
            right(cells[2], agenda_w),
            right(cells[3], reviewed_w),
            cells[4]
        )
    };
    let mut out = row([
        t(CliMsg::ColMeeting),
        t(CliMsg::ColState),
        t(CliMsg::ColAgenda),
        t(CliMsg::ColReviewed),
        t(CliMsg::ColLastActivity),
    ]);
    for ((_, m, when), name) in meetings.iter().zip(&names) {
        let state = if m.closed.is_some() {
            CliMsg::MeetingClosedState
        } else {
            CliMsg::MeetingOpen
        };
        out.push_str(&row([
            name,
            t(state),
            &m.agenda.len().to_string(),
            &m.reviewed().to_string(),
            &short_time(when),
        ]));
    }
    print(lang, &out)
}
