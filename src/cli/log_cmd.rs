//! `kensho log`: the change log as people read it — times in the reader's
//! zone (named once), who made each change and for which department, the
//! meeting, a reason as a reason, and a changed text shown by the part that
//! changed. `--json` prints the lines as stored.

use std::process::ExitCode;

use super::args::LogArgs;
use super::output::{fail, print};
use super::set::{field_word, parse_since, records_and_log};
use crate::domain::change::Change;
use crate::domain::compare::text_change;
use crate::domain::field::Field;
use crate::domain::minutes::dates::zone_name;
use crate::domain::model::Report;
use crate::i18n::{Lang, LogMsg};
use crate::store::changelog::{self, LogStatus};
use crate::text::visible;

/// The time of a log line in `tz`: 2026-12-04 22:52.
fn when(c: &Change, tz: &jiff::tz::TimeZone) -> String {
    match c.timestamp.parse::<jiff::Timestamp>() {
        Ok(t) => t
            .to_zoned_datetime(tz.clone())
            .strftime("%Y-%m-%d %H:%M")
            .to_string(),
        Err(_) => c.timestamp.clone(),
    }
}

/// One change as a line (and its reason on the next).
fn line(c: &Change, report: &Report, tz: &jiff::tz::TimeZone, lang: Lang) -> String {
    let mut who = c.who();
    if let Some(a) = &c.ssh_client {
        who.push_str(&format!(" ({a})"));
    }
    if let Some(d) = &c.department {
        who.push_str(&LogMsg::LogForDepartment.fill(lang, &[("department", d)]));
    }
    let field = field_word(c.field, report, lang);
    let what = match (c.status, c.field) {
        (LogStatus::Reason, _) => LogMsg::LogReasonGiven.text(lang).to_string(),
        (_, Field::Progress | Field::Assessment) => text_change(&c.old, &c.new),
        _ => format!("{} → {}", c.old, c.new),
    };
    let mut out = format!("{}  {who}  {} {field}: {what}", when(c, tz), c.item);
    if c.status == LogStatus::Aborted {
        out.push_str(&format!(" [{}]", LogMsg::LogAbortedMark.text(lang)));
    }
    if let Some(m) = &c.meeting {
        out.push_str(&LogMsg::LogInMeeting.fill(lang, &[("name", m)]));
    }
    if let Some(r) = &c.reason {
        out.push_str(&format!("\n    {}: {r}", LogMsg::LogReasonMark.text(lang)));
    }
    out
}

pub fn log(ask: LogArgs, zone: Option<&str>, lang: Lang) -> ExitCode {
    let since = match ask.since.as_deref().map(parse_since).transpose() {
        Ok(s) => s,
        Err(e) => return fail(lang, &e.say(lang)),
    };
    let (records, changes, _, _) = match records_and_log(ask.path, lang) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let tz = zone
        .and_then(|z| jiff::tz::TimeZone::get(z).ok())
        .unwrap_or_else(jiff::tz::TimeZone::system);
    let shown: Vec<&Change> = changes
        .iter()
        .filter(|c| {
            ask.item
                .as_ref()
                .is_none_or(|i| c.item.eq_ignore_ascii_case(i))
                && ask
                    .user
                    .as_ref()
                    .is_none_or(|u| &c.user == u || c.display_name.as_ref() == Some(u))
                && ask.dept.as_ref().is_none_or(|d| {
                    c.department
                        .as_ref()
                        .is_some_and(|x| x.contains(d.as_str()))
                })
                && since
                    .is_none_or(|s| c.timestamp.parse::<jiff::Timestamp>().is_ok_and(|t| t >= s))
        })
        .collect();
    let mut out = String::new();
    if ask.json {
        for c in shown {
            out.push_str(&changelog::lines(std::slice::from_ref(c)).unwrap_or_default());
        }
        return print(lang, &out);
    }
    if !shown.is_empty() {
        let zone = zone_name(&tz, jiff::Timestamp::now(), lang);
        out.push_str(&LogMsg::LogZone.fill(lang, &[("zone", &zone)]));
        out.push('\n');
    }
    for c in shown {
        let text = if c.status == LogStatus::Adopted {
            LogMsg::LogAdoptedLine.fill(
                lang,
                &[
                    ("when", &when(c, &tz)),
                    ("who", &c.who()),
                    ("reason", &c.reason.as_deref().unwrap_or("-")),
                ],
            )
        } else {
            line(c, &records.report, &tz, lang)
        };
        // Record text is shown, never sent raw to the terminal; a line
        // break in a text cannot make a line of its own.
        let text: Vec<String> = text
            .split("\n    ")
            .map(|l| visible(&l.replace('\n', "\\n")).into_owned())
            .collect();
        out.push_str(&text.join("\n    "));
        out.push('\n');
    }
    print(lang, &out)
}
