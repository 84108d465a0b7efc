//! `kensho set`, `kensho log`, `kensho verify`: changes, saved and logged,
//! read back and checked.

use std::path::PathBuf;
use std::process::ExitCode;

use super::output::{fail, fail_edit, fail_lines, print, say, warn};
use crate::domain::error::{io_reason, quoted};
use crate::domain::field::{Edit, Field};
use crate::domain::model::Report;
use crate::domain::records::{Records, default_path, folder_of, state_from};
use crate::i18n::{CliMsg, Lang, LogMsg};
use crate::store::changelog::{self, LOG_FILE, LogProblem, LogStatus};
use crate::store::verify::verify_knowing as check_log;
use crate::store::{Why, apply_edits};
use crate::text::visible;

/// The word for a field: its name for English (what `set` takes), the
/// scale's or the catalogue's word for Japanese.
fn field_word(field: Field, report: &Report, lang: Lang) -> String {
    match lang {
        Lang::En => field.name().to_string(),
        Lang::Ja => field.label(report, lang),
    }
}

/// The edits `ID FIELD=VALUE...` asks for.
fn parse_edits(id: &str, assignments: &[String], lang: Lang) -> Result<Vec<Edit>, String> {
    if assignments.is_empty() {
        return Err(CliMsg::ErrNothingToSet.fill(lang, &[("fields", &Field::names())]));
    }
    let mut edits = Vec::new();
    for a in assignments {
        let Some((name, value)) = a.split_once('=') else {
            return Err(CliMsg::ErrNotAssignment.fill(lang, &[("arg", &quoted(a))]));
        };
        let Some(field) = Field::parse(name.trim()) else {
            return Err(CliMsg::ErrNotAField.fill(
                lang,
                &[("name", &quoted(name)), ("fields", &Field::names())],
            ));
        };
        edits.push(Edit {
            item: id.to_string(),
            field,
            value: value.to_string(),
        });
    }
    Ok(edits)
}

pub fn set(
    args: Vec<String>,
    reason: Option<String>,
    configured: Option<PathBuf>,
    display_name: Option<String>,
    lang: Lang,
) -> ExitCode {
    // [PATH] ID FIELD=VALUE...: the first argument is a path when the second is the id.
    let (path, rest) = if args.len() >= 2 && !args[1].contains('=') {
        (Some(PathBuf::from(&args[0])), &args[1..])
    } else {
        (configured, &args[..])
    };
    let Some((id, assignments)) = rest.split_first() else {
        return fail(lang, CliMsg::ErrSetUsage.text(lang));
    };
    let edits = match parse_edits(id, assignments, lang) {
        Ok(e) => e,
        Err(e) => return fail(lang, &e),
    };
    let why = Why {
        reason: reason.as_deref(),
        meeting: None,
        display_name: display_name.as_deref(),
        item_reasons: None,
    };
    let records = default_path(path);
    let saved = match apply_edits(&records, &edits, why, None) {
        Ok(saved) => saved,
        Err(e) => return fail_edit(lang, &e),
    };
    if saved.moved_aside > 0 {
        let file = folder_of(&records).join(changelog::TORN_FILE);
        let file = visible(&file.display().to_string()).into_owned();
        warn(
            lang,
            &LogMsg::SetMovedAside.fill(lang, &[("bytes", &saved.moved_aside), ("file", &file)]),
        );
    }
    if saved.changes.is_empty() {
        return print(
            lang,
            &format!(
                "{}\n",
                LogMsg::SetUnchanged.fill(lang, &[("item", &visible(id))])
            ),
        );
    }
    let report = &saved.header;
    let lines: Vec<String> = saved
        .changes
        .iter()
        .map(|c| {
            let field = field_word(c.field, report, lang);
            let text = LogMsg::SetChanged.fill(
                lang,
                &[
                    ("item", &c.item),
                    ("field", &field),
                    ("old", &c.old),
                    ("new", &c.new),
                ],
            );
            visible(&text.replace('\n', "\\n")).into_owned()
        })
        .collect();
    print(lang, &format!("{}\n", lines.join("\n")))
}

/// The records, their log, its problems, and the files' stamps before reading.
type RecordsAndLog = (
    Records,
    Vec<changelog::Change>,
    Vec<LogProblem>,
    std::collections::BTreeMap<String, crate::store::digests::Stamp>,
);

/// The records at `path` and their change log (read whole), with the log's
/// problems reported as warnings.
fn records_and_log(path: Option<PathBuf>, lang: Lang) -> Result<RecordsAndLog, ExitCode> {
    let path = default_path(path);
    // Taken before the reading, so that the digest cache may vouch for a file.
    let stamps = crate::store::digests::stamps_of(&folder_of(&path));
    let records =
        crate::store::parsed::load_and_keep(&path).map_err(|e| fail_lines(&e.say(lang)))?;
    let file = records.layout.dir().join(LOG_FILE);
    let (changes, problems) = changelog::read(&file).map_err(|e| {
        let what = CliMsg::ErrCannotRead.fill(
            lang,
            &[("path", &file.display()), ("error", &io_reason(&e, lang))],
        );
        fail(lang, &what)
    })?;
    for p in &problems {
        warn(lang, &p.say(lang));
    }
    Ok((records, changes, problems, stamps))
}

/// `--since` is neither a date nor a time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.say(Lang::En))]
pub struct SinceError(String);

impl SinceError {
    /// `value` given to `--since`.
    pub fn new(value: &str) -> SinceError {
        SinceError(value.to_string())
    }

    /// The sentence in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        CliMsg::ErrSince.fill(lang, &[("value", &quoted(&self.0))])
    }
}

/// A date (start of that day, UTC) or an RFC 3339 time.
fn parse_since(s: &str) -> Result<jiff::Timestamp, SinceError> {
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Ok(t);
    }
    format!("{s}T00:00:00Z")
        .parse::<jiff::Timestamp>()
        .map_err(|_| SinceError::new(s))
}

pub fn log(
    path: Option<PathBuf>,
    item: Option<String>,
    since: Option<String>,
    user: Option<String>,
    json: bool,
    lang: Lang,
) -> ExitCode {
    let since = match since.as_deref().map(parse_since).transpose() {
        Ok(s) => s,
        Err(e) => return fail(lang, &e.say(lang)),
    };
    let (records, changes, _, _) = match records_and_log(path, lang) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let mut out = String::new();
    for c in changes.iter().filter(|c| {
        item.as_ref().is_none_or(|i| &c.item == i)
            && user
                .as_ref()
                .is_none_or(|u| &c.user == u || c.display_name.as_ref() == Some(u))
            && since.is_none_or(|s| c.timestamp.parse::<jiff::Timestamp>().is_ok_and(|t| t >= s))
    }) {
        if json {
            out.push_str(&changelog::lines(std::slice::from_ref(c)).unwrap_or_default());
            continue;
        }
        let who = match &c.ssh_client {
            Some(a) => format!("{} ({a})", c.who()),
            None => c.who(),
        };
        let status = match c.status {
            LogStatus::Applied => String::new(),
            LogStatus::Reason => format!(" [{}]", LogMsg::LogReasonMark.text(lang)),
            LogStatus::Aborted => format!(" [{}]", LogMsg::LogAbortedMark.text(lang)),
        };
        let reason = c
            .reason
            .as_deref()
            .map(|r| format!("  -- {r}"))
            .unwrap_or_default();
        let field = field_word(c.field, &records.report, lang);
        let line = format!(
            "{}  {who}  {} {field}: {} -> {}{status}{reason}",
            c.timestamp, c.item, c.old, c.new
        );
        // Record text is shown, never sent raw to the terminal.
        out.push_str(&visible(&line.replace('\n', "\\n")));
        out.push('\n');
    }
    print(lang, &out)
}

pub fn verify(path: Option<PathBuf>, lang: Lang) -> ExitCode {
    // Loading puts back a save killed between its files (when it can).
    let killed = crate::store::undo::pending(&folder_of(&default_path(path.clone())));
    let (records, changes, problems, stamps) = match records_and_log(path, lang) {
        Ok(x) => x,
        Err(code) => return code,
    };
    if let Some(txn) = killed {
        let dir = records.layout.dir();
        let still = crate::store::undo::pending(&dir).is_some();
        let save = changes.iter().find(|c| c.txn == txn);
        let when = save.map_or(txn.clone(), |c| c.timestamp.clone());
        let user = save.map(changelog::Change::who).unwrap_or_default();
        let words: [(&str, &dyn std::fmt::Display); 2] = [("when", &when), ("user", &user)];
        if still {
            say(&visible(&LogMsg::VerifyUndoPending.fill(lang, &words)));
            return ExitCode::from(1);
        }
        say(&visible(&LogMsg::VerifyRolledBack.fill(lang, &words)));
    }
    let parts = crate::store::digests::parts_now(&records, &stamps, |_| false).ok();
    let state = parts
        .filter(|p| !p.is_empty())
        .map(|p| state_from(&p.iter().map(|p| p.digest).collect::<Vec<_>>()));
    let v = check_log(&changes, problems, &records.report, state);
    if v.interrupted {
        say(LogMsg::VerifyInterrupted.text(lang));
    }
    let torn = records.layout.dir().join(changelog::TORN_FILE);
    if let Ok(meta) = std::fs::metadata(&torn) {
        let file = visible(&torn.display().to_string()).into_owned();
        say(&LogMsg::VerifyTorn.fill(lang, &[("bytes", &meta.len()), ("file", &file)]));
    }
    let damaged = v
        .problems
        .iter()
        .any(|p| matches!(p, LogProblem::Damaged { .. }));
    let state = v.state.say(lang).unwrap_or_default();
    if v.differences.is_empty() && !damaged && !v.state.is_difference() {
        let ok =
            LogMsg::VerifyOk.fill(lang, &[("fields", &v.checked), ("changes", &changes.len())]);
        return print(lang, &format!("{ok}\n{}\n", visible(&state)));
    }
    for d in &v.differences {
        say(&LogMsg::VerifyDiffersLine.fill(lang, &[("what", &d.say(lang))]));
    }
    if v.state.is_difference() {
        say(&LogMsg::VerifyDiffersLine.fill(lang, &[("what", &state)]));
    }
    ExitCode::from(1)
}
