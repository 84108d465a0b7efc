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
use crate::domain::minutes::short_time;
use crate::domain::minutes::{markdown, report_lang};
use crate::domain::records::{Records, default_path};
use crate::i18n::{CliMsg, Lang, MinutesMsg};
use crate::store::changelog;
use crate::store::changelog::{LOG_FILE, read};
use crate::store::meeting::{MeetingChange, change_meeting};
use crate::store::office::OfficeError;
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
    let closed_now = ask.close && meeting.closed.is_none();
    if closed_now {
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
    let made = match rendered(&minutes, &records.report, ask.format, lang) {
        Ok(made) => made,
        Err(said) => return fail(lang, &said),
    };
    let name = visible(&meeting.name).into_owned();
    deliver(
        made,
        ask.out.as_deref(),
        ask.format,
        (&name, closed_now),
        lang,
    )
}

/// The minutes made in a format: text, or a file's bytes.
enum Made {
    Text(String),
    Bytes(Vec<u8>),
}

/// The minutes in `format`, in `lang`; what went wrong, in words.
fn rendered(
    minutes: &Minutes,
    report: &crate::domain::model::Report,
    format: MinutesFormat,
    lang: Lang,
) -> Result<Made, String> {
    let docx = || {
        let doc = minutes.document(report, lang);
        crate::domain::minutes::docx::render(&doc)
            .map_err(|e| CliMsg::ErrExport.fill(lang, &[("error", &e)]))
    };
    Ok(match format {
        MinutesFormat::Markdown => Made::Text(markdown(minutes, report, lang)),
        MinutesFormat::Json => match crate::text::json::to_pretty(minutes) {
            Ok(t) => Made::Text(t + "\n"),
            Err(e) => return Err(CliMsg::ErrExport.fill(lang, &[("error", &e)])),
        },
        MinutesFormat::Docx => Made::Bytes(docx()?),
        MinutesFormat::Pdf => match crate::store::office::pdf_of_docx(&docx()?) {
            Ok(pdf) => Made::Bytes(pdf),
            Err(OfficeError::Missing) => return Err(MinutesMsg::NoOffice.text(lang).to_string()),
            Err(OfficeError::Failed(e)) => {
                return Err(MinutesMsg::OfficeFailed.fill(lang, &[("error", &e)]));
            }
        },
    })
}

/// `made` to `out` (standard output without one: a document only when it
/// is not a terminal), and what was done said on standard error.
fn deliver(
    made: Made,
    out: Option<&std::path::Path>,
    format: MinutesFormat,
    (name, closed_now): (&str, bool),
    lang: Lang,
) -> ExitCode {
    use std::io::{IsTerminal, Write};
    let written = match (&made, out) {
        (Made::Text(text), None) => return print_closed(lang, text, name, closed_now),
        (Made::Bytes(_), None) if std::io::stdout().is_terminal() => {
            let format = format!("{format:?}").to_lowercase();
            return fail(
                lang,
                &MinutesMsg::NeedsOut.fill(lang, &[("format", &format)]),
            );
        }
        (Made::Bytes(bytes), None) => {
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(bytes)
                .and_then(|()| stdout.flush())
                .is_err()
            {
                return ExitCode::from(super::EXIT_ERROR);
            }
            return ExitCode::SUCCESS;
        }
        (Made::Text(text), Some(out)) => crate::store::out::write_text(out, text),
        (Made::Bytes(bytes), Some(out)) => crate::store::out::write_bytes(out, bytes),
    };
    match (written, out) {
        (Err(e), _) => fail(lang, &e.say(lang)),
        (Ok(()), Some(out)) => {
            let files = visible(&out.display().to_string()).into_owned();
            say(&wrote(lang, name, &files, closed_now));
            ExitCode::SUCCESS
        }
        (Ok(()), None) => ExitCode::SUCCESS,
    }
}

/// The minutes printed; a close made for them said on standard error.
fn print_closed(lang: Lang, text: &str, name: &str, closed_now: bool) -> ExitCode {
    let code = print(lang, text);
    if closed_now {
        say(&CliMsg::MeetingClosedNow.fill(lang, &[("name", &name)]));
    }
    code
}

/// 「会議「X」を終了し、議事要旨を … に書きました」, or without the close.
pub fn wrote(lang: Lang, name: &str, files: &str, closed_now: bool) -> String {
    if closed_now {
        MinutesMsg::ClosedAndWrote.fill(lang, &[("name", &name), ("files", &files)])
    } else {
        MinutesMsg::Wrote.fill(lang, &[("files", &files)])
    }
}
