//! `kensho meetings set NAME field=value …`: a meeting's details for its
//! minutes (place, attendees, absent, secretariat, observers, public or
//! not and why, documents, its time zone), with the `field=value` habit
//! of `kensho set`.

use std::path::PathBuf;
use std::process::ExitCode;

use super::output::{fail, print};
use crate::domain::meeting::details::{BadDetail, DetailField, DetailSet, Details, known_zone};
use crate::domain::records::Records;
use crate::i18n::{Lang, MinutesMsg};
use crate::store::changelog;
use crate::store::meeting::{MeetingChange, change_meeting};
use crate::text::visible;

/// The values of `meetings set`: each `field=value` checked, and the one
/// argument without `=`, the records' path.
pub fn parse(values: &[String], lang: Lang) -> Result<(DetailSet, Option<PathBuf>), String> {
    let mut set = Vec::new();
    let mut path = None;
    for arg in values {
        let Some((field, value)) = arg.split_once('=') else {
            if path.is_some() {
                return Err(MinutesMsg::ErrDetailForm.fill(lang, &[("arg", &visible(arg))]));
            }
            path = Some(PathBuf::from(arg));
            continue;
        };
        let Some(field) = DetailField::parse(field) else {
            let allowed: Vec<&str> = DetailField::ALL.iter().map(|f| f.name()).collect();
            return Err(MinutesMsg::ErrDetailField.fill(
                lang,
                &[("field", &visible(field)), ("allowed", &allowed.join(", "))],
            ));
        };
        check(field, value, lang)?;
        set.push((field, value.to_string()));
    }
    Ok((set, path))
}

/// Whether `value` is one `field` takes; else why not.
fn check(field: DetailField, value: &str, lang: Lang) -> Result<(), String> {
    let shown = visible(value).into_owned();
    if field == DetailField::Zone {
        if value.trim().is_empty() || known_zone(value.trim()) {
            return Ok(());
        }
        return Err(MinutesMsg::ErrZone.fill(lang, &[("value", &shown)]));
    }
    match Details::default().set(field, value) {
        Ok(()) => Ok(()),
        Err(BadDetail::NotANumber) => {
            Err(MinutesMsg::ErrObservers.fill(lang, &[("value", &shown)]))
        }
        Err(BadDetail::NotYesNo) => Err(MinutesMsg::ErrPublic.fill(lang, &[("value", &shown)])),
        Err(BadDetail::UnknownZone) => Err(MinutesMsg::ErrZone.fill(lang, &[("value", &shown)])),
    }
}

/// Set the details `set` of meeting `name`, and say what changed.
pub fn run(
    records: &Records,
    name: &str,
    set: DetailSet,
    lang: Lang,
) -> Result<ExitCode, crate::store::EditError> {
    let user = changelog::who_shown(None);
    let now = changelog::now();
    let fields: Vec<&str> = set.iter().map(|(f, _)| f.name()).collect();
    let fields = fields.join(", ");
    let before = crate::domain::meeting::load_meeting(
        &crate::domain::meeting::meeting_file(&records.layout.dir(), name),
        &records.report,
    )
    .ok();
    let change = MeetingChange::Details(set);
    let path = records.layout.path();
    let done = change_meeting(&path, &records.report, name, &change, (&now, &user), None)?;
    let shown = visible(&done.meeting.name).into_owned();
    let same =
        before.is_some_and(|b| b.details == done.meeting.details && b.zone == done.meeting.zone);
    let said = if same {
        MinutesMsg::DetailsUnchanged.fill(lang, &[("name", &shown)])
    } else {
        MinutesMsg::DetailsSet.fill(lang, &[("name", &shown), ("fields", &fields)])
    };
    Ok(print(lang, &(said + "\n")))
}

/// A refusal of `meetings set`'s values.
pub fn refuse(lang: Lang, said: &str) -> ExitCode {
    fail(lang, said)
}
