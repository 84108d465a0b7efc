//! The minutes as a document (議事要旨), written once and drawn in each
//! format (Markdown, Word): a title, the heading block, then sections of
//! paragraphs, lists and tables. Every text in it comes from the records,
//! the meeting and the log made visible ([`crate::text::visible`]): a
//! control character in a name never reaches a reader's program raw.

use jiff::Timestamp;

use super::Minutes;
use super::dates::{clock, day, same_day, western, zone_name};
use crate::domain::meeting::Details;
use crate::i18n::{Lang, MinutesMsg};
use crate::text::visible;

/// A document: its title and blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A section's heading: 1 for a section, 2 for a part of one.
    Heading(u8, String),
    Para(String),
    /// Labelled values (the heading block): label, value.
    Fields(Vec<(String, String)>),
    /// A list; each entry may have entries of its own, one level down.
    List(Vec<Entry>),
    /// A numbered list.
    Numbered(Vec<String>),
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub text: String,
    pub sub: Vec<String>,
}

impl Entry {
    pub fn new(text: String) -> Entry {
        Entry {
            text,
            sub: Vec::new(),
        }
    }
}

/// A text from the records or the meeting, as the document shows it: its
/// control characters visible, on one line.
pub fn line(text: &str) -> String {
    visible(text)
        .split(['\n', '\r'])
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn time(s: &str) -> Option<Timestamp> {
    s.parse().ok()
}

/// The meeting's date and times: 令和8年12月4日（金）14時27分～15時40分
/// （西暦2026年12月4日）（時刻は Asia/Tokyo による）.
fn when(m: &Minutes, lang: Lang) -> String {
    let tz = &m.time_zone;
    let Some(start) = time(&m.started) else {
        return line(&m.started);
    };
    let gap = if lang == Lang::Ja { "" } else { " " };
    let mut out = format!("{}{gap}{}", day(start, tz, lang), clock(start, tz, lang));
    out.push_str(if lang == Lang::Ja { "～" } else { "–" });
    match m.closed.as_deref().and_then(time) {
        Some(end) if same_day(start, end, tz) => out.push_str(&clock(end, tz, lang)),
        Some(end) => out.push_str(&format!(
            "{}{gap}{}",
            day(end, tz, lang),
            clock(end, tz, lang)
        )),
        None => out.push_str(MinutesMsg::StillOpen.text(lang)),
    }
    if lang == Lang::Ja {
        out.push_str(&format!("（{}）", western(start, tz)));
    } else {
        out.push(' ');
    }
    let zone = zone_name(tz, start, lang);
    out.push_str(&MinutesMsg::Zone.fill(lang, &[("zone", &zone)]));
    out
}

/// A list of names or documents, or 「（未記入）」.
fn names(list: &[String], lang: Lang) -> String {
    if list.is_empty() {
        return MinutesMsg::NotEntered.text(lang).to_string();
    }
    let sep = if lang == Lang::Ja { "、" } else { ", " };
    list.iter().map(|n| line(n)).collect::<Vec<_>>().join(sep)
}

fn or_not_entered(value: Option<String>, lang: Lang) -> String {
    value.unwrap_or_else(|| MinutesMsg::NotEntered.text(lang).to_string())
}

/// The heading block: name, date and times, place, public or not,
/// attendees, absent, secretariat, observers, documents, how the agenda was
/// chosen and how much of it was reviewed.
pub(super) fn heading_block(m: &Minutes, lang: Lang) -> Block {
    let t = |msg: MinutesMsg| msg.text(lang).to_string();
    let d: &Details = &m.details;
    let public = d.public.map(|open| match (open, d.reason.as_deref()) {
        (true, _) => t(MinutesMsg::IsPublic),
        (false, Some(why)) => MinutesMsg::IsPrivate.fill(lang, &[("reason", &line(why))]),
        (false, None) => t(MinutesMsg::IsPrivateNoReason),
    });
    let observers = d
        .observers
        .map(|n| MinutesMsg::ObserverCount.fill(lang, &[("count", &n)]));
    let chosen = m
        .chosen_by
        .as_deref()
        .map(line)
        .unwrap_or_else(|| t(MinutesMsg::WholeTable));
    let reviewed = MinutesMsg::ReviewedCount.fill(
        lang,
        &[("count", &m.agenda.len()), ("reviewed", &m.reviewed.len())],
    );
    Block::Fields(vec![
        (t(MinutesMsg::Name), line(&m.name)),
        (t(MinutesMsg::When), when(m, lang)),
        (
            t(MinutesMsg::Place),
            or_not_entered(d.place.as_deref().map(line), lang),
        ),
        (t(MinutesMsg::Public), or_not_entered(public, lang)),
        (t(MinutesMsg::Attendees), names(&d.attendees, lang)),
        (t(MinutesMsg::Absent), names(&d.absent, lang)),
        (t(MinutesMsg::Secretariat), names(&d.secretariat, lang)),
        (t(MinutesMsg::Observers), or_not_entered(observers, lang)),
        (t(MinutesMsg::Documents), names(&d.documents, lang)),
        (t(MinutesMsg::ChosenBy), chosen),
        (t(MinutesMsg::Reviewed), reviewed),
    ])
}
