//! `kensho minutes`: the minutes of a review meeting, from its file and the
//! change log, in Markdown or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use super::args::MinutesArgs;
use super::args::MinutesFormat;
use super::output::{fail, fail_lines, print, say};
use crate::domain::meeting::names::similar;
use crate::domain::meeting::{load_meeting, meeting_file};
use crate::domain::minutes::Minutes;
use crate::domain::minutes_text::short_time;
use crate::domain::minutes_text::{markdown, report_lang};
use crate::domain::records::{Records, default_path};
use crate::i18n::{CliMsg, Lang};
use crate::store::changelog;
use crate::store::changelog::{LOG_FILE, read};
use crate::store::meeting::{MeetingChange, change_meeting};
use crate::text::visible;

/// No meeting to write the minutes of.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.say(Lang::En))]
pub enum NoMeeting {
    /// No meeting of this name (and the name it was most likely meant to be).
    Named(String, Option<String>),
    /// No meeting at all.
    None,
}

impl NoMeeting {
    /// The sentence in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        match self {
            NoMeeting::Named(n, None) => {
                CliMsg::ErrNoSuchMeeting.fill(lang, &[("name", &visible(n))])
            }
            NoMeeting::Named(n, Some(near)) => CliMsg::ErrNoSuchMeetingNear
                .fill(lang, &[("name", &visible(n)), ("near", &visible(near))]),
            NoMeeting::None => CliMsg::ErrNoMeetings.text(lang).to_string(),
        }
    }
}

/// The file of meeting `name`, or of the meeting with the latest activity
/// (said on standard error, so that nobody hands out another meeting's
/// minutes by mistake); a meeting file that cannot be read is said, in
/// `lang`.
fn which(records: &Records, name: Option<&str>, lang: Lang) -> Result<PathBuf, NoMeeting> {
    let dir = records.layout.dir();
    match name {
        Some(n) if meeting_file(&dir, n).is_file() => Ok(meeting_file(&dir, n)),
        Some(n) => {
            let (meetings, _) = crate::domain::meeting::list_meetings(&dir, &records.report);
            let near = similar(n, meetings.iter().map(|(_, m)| m.name.as_str()));
            Err(NoMeeting::Named(n.to_string(), near.map(str::to_string)))
        }
        None => {
            let meetings = super::meetings::with_activity(records, lang);
            let latest = meetings
                .into_iter()
                .max_by_key(|(_, _, when)| when.parse::<jiff::Timestamp>().ok());
            let (file, meeting, when) = latest.ok_or(NoMeeting::None)?;
            say(&CliMsg::MinutesOfLatest.fill(
                lang,
                &[
                    ("name", &visible(&meeting.name)),
                    ("when", &short_time(&when)),
                ],
            ));
            Ok(file)
        }
    }
}

pub fn run(ask: MinutesArgs, lang: Option<Lang>) -> ExitCode {
    let cli_lang = lang.unwrap_or_else(Lang::from_env);
    let records = match crate::store::parsed::load_and_keep(&default_path(ask.path)) {
        Ok(r) => r,
        Err(e) => return fail_lines(&e.say(cli_lang)),
    };
    // Japanese minutes for a Japanese report, unless --lang says otherwise.
    let lang = lang.unwrap_or_else(|| report_lang(&records.report));
    let file = match which(&records, ask.meeting.as_deref(), lang) {
        Ok(f) => f,
        Err(e) => return fail(lang, &e.say(lang)),
    };
    let mut meeting = match load_meeting(&file, &records.report) {
        Ok(m) => m,
        Err(e) => return fail_lines(&e.say(lang)),
    };
    if ask.close && meeting.closed.is_none() {
        let user = changelog::who_shown(None);
        let now = changelog::now();
        let path = records.layout.path();
        match change_meeting(
            &path,
            &records.report,
            &meeting.name,
            &MeetingChange::Close,
            (&now, &user),
            None,
        ) {
            Ok(done) => meeting = done.meeting,
            Err(e) => return super::output::fail_edit(lang, &e),
        }
    }
    let log_file = records.layout.dir().join(LOG_FILE);
    let (log, _) = match read(&log_file) {
        Ok(x) => x,
        Err(e) => {
            return fail(
                lang,
                &CliMsg::ErrCannotRead.fill(lang, &[("path", &log_file.display()), ("error", &e)]),
            );
        }
    };
    let minutes = Minutes::of(&records.report, &meeting, &log);
    let text = match ask.format {
        MinutesFormat::Markdown => markdown(&minutes, &records.report, lang),
        MinutesFormat::Json => match crate::text::json::to_pretty(&minutes) {
            Ok(t) => t + "\n",
            Err(e) => return fail(lang, &CliMsg::ErrExport.fill(lang, &[("error", &e)])),
        },
    };
    match ask.out {
        None => print(lang, &text),
        Some(out) => match crate::store::out::write_text(&out, &text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(lang, &e.say(lang)),
        },
    }
}
