//! `kensho set`, `kensho log`: changes, saved and logged, and read back.

use std::path::PathBuf;
use std::process::ExitCode;

use super::output::{fail, fail_edit, fail_lines, print, warn};
use crate::domain::error::{io_reason, quoted};
use crate::domain::field::{Field, Typed};
use crate::domain::model::Report;
use crate::domain::records::{Records, default_path, folder_of};
use crate::i18n::{CliMsg, Lang, LogMsg};
use crate::store::changelog::{self, LOG_FILE, LogProblem};
use crate::store::{Why, apply_typed};
use crate::text::visible;

/// The word for a field: its name for English (what `set` takes), the
/// scale's or the catalogue's word for Japanese.
pub(super) fn field_word(field: Field, report: &Report, lang: Lang) -> String {
    match lang {
        Lang::En => field.name().to_string(),
        Lang::Ja => field.label(report, lang),
    }
}

/// The changes `ID FIELD=VALUE...` asks for, as typed: the store reads
/// each against the records (the field by any of its names, a code folded
/// as `import` folds it, the id in any case).
fn parse_edits(id: &str, assignments: &[String], lang: Lang) -> Result<Vec<Typed>, String> {
    if assignments.is_empty() {
        return Err(CliMsg::ErrNothingToSet.fill(lang, &[("fields", &Field::names())]));
    }
    let mut typed = Vec::new();
    for a in assignments {
        let Some((name, value)) = a.split_once('=') else {
            return Err(CliMsg::ErrNotAssignment.fill(lang, &[("arg", &quoted(a))]));
        };
        typed.push(Typed {
            item: id.to_string(),
            field: name.trim().to_string(),
            value: value.to_string(),
        });
    }
    Ok(typed)
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
        department: None,
        item_reasons: None,
    };
    let records = default_path(path);
    let (saved, edits) = match apply_typed(&records, &edits, why) {
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
        // The id as the records write it (`6-1-A` typed is 6-1-a).
        let item = edits.first().map_or(id.as_str(), |e| e.item.as_str());
        return print(
            lang,
            &format!(
                "{}\n",
                LogMsg::SetUnchanged.fill(lang, &[("item", &visible(item))])
            ),
        );
    }
    let report = &saved.header;
    let lines: Vec<String> = saved
        .changes
        .iter()
        .map(|c| changed_line(c, &field_word(c.field, report, lang), lang))
        .collect();
    print(lang, &format!("{}\n", lines.join("\n")))
}

/// One changed field in a line: item, `field` (its word), old → new, made
/// visible and on one line.
pub(super) fn changed_line(c: &changelog::Change, field: &str, lang: Lang) -> String {
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
}

/// The records, their log, its problems, and the files' stamps before reading.
pub(super) type RecordsAndLog = (
    Records,
    Vec<changelog::Change>,
    Vec<LogProblem>,
    std::collections::BTreeMap<String, crate::store::digests::Stamp>,
);

/// The records at `path` and their change log (read whole), with the log's
/// problems reported as warnings.
pub(super) fn records_and_log(
    path: Option<PathBuf>,
    lang: Lang,
) -> Result<RecordsAndLog, ExitCode> {
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
pub(super) fn parse_since(s: &str) -> Result<jiff::Timestamp, SinceError> {
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Ok(t);
    }
    format!("{s}T00:00:00Z")
        .parse::<jiff::Timestamp>()
        .map_err(|_| SinceError::new(s))
}
