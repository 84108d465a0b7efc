//! The minutes of a review meeting, from its file and the change log: the
//! agenda and what was reviewed, every change grouped by recommendation and
//! point, the phase × direction table before and after, and the items of the
//! agenda not reviewed; drawn as a document ([`doc`]) in Markdown
//! ([`markdown`]) or Word ([`docx`]).

pub mod dates;
pub mod doc;
pub mod docx;
pub mod markdown;
mod proceedings;

pub use markdown::{markdown, report_lang, short_time};
pub use proceedings::item_name;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::change::{Change, LogStatus, happened};
use crate::domain::field::Field;
use crate::domain::meeting::{Details, Meeting};
use crate::domain::model::Report;
use crate::i18n::{Lang, MinutesMsg};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Minutes {
    pub name: String,
    pub started: String,
    pub closed: Option<String>,
    /// The time zone its times are shown in (named once in the minutes).
    pub zone: String,
    #[serde(skip)]
    pub time_zone: jiff::tz::TimeZone,
    /// Place, attendees, public or not … as entered for the meeting.
    pub details: Details,
    pub chosen_by: Option<String>,
    pub agenda: Vec<String>,
    pub reviewed: Vec<Reviewed>,
    pub not_reviewed: Vec<String>,
    /// What was said about the items (発言要旨), in agenda order.
    pub remarks: Vec<MinutesRemark>,
    pub changes: Vec<Group>,
    /// Items per phase (rows) and direction (columns), in scale order.
    pub before: Table,
    pub after: Table,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reviewed {
    pub item: String,
    pub at: String,
    pub by: String,
    /// Reviewed and left as it was: no change to it was made in the meeting
    /// (its outcome is 「現状どおり」).
    pub unchanged: bool,
}

/// A remark recorded on an item in the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MinutesRemark {
    pub item: String,
    pub at: String,
    pub by: String,
    pub text: String,
}

/// The changes made to the items of one point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub recommendation: u32,
    pub recommendation_title: String,
    pub point: u32,
    pub point_title: String,
    pub changes: Vec<MinutesChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MinutesChange {
    pub item: String,
    pub field: Field,
    pub old: String,
    pub new: String,
    pub reason: Option<String>,
    pub user: String,
    pub timestamp: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    pub phases: Vec<String>,
    pub directions: Vec<String>,
    /// `counts[phase][direction]`.
    pub counts: Vec<Vec<usize>>,
}

fn time(s: &str) -> Option<jiff::Timestamp> {
    s.parse().ok()
}

/// The phase × direction table of `report` as it was at `at`: the changes
/// logged after `at` undone, newest first.
fn table_at(report: &Report, changes: &[&Change], at: Option<jiff::Timestamp>) -> Table {
    let mut values: BTreeMap<&str, (String, String)> = report
        .items()
        .map(|r| {
            (
                r.item.id.as_str(),
                (r.item.phase.0.clone(), r.item.direction.0.clone()),
            )
        })
        .collect();
    if let Some(at) = at {
        for c in changes
            .iter()
            .rev()
            .filter(|c| time(&c.timestamp).is_some_and(|t| t > at))
        {
            if let Some(v) = values.get_mut(c.item.as_str()) {
                match c.field {
                    Field::Phase => v.0 = c.old.clone(),
                    Field::Direction => v.1 = c.old.clone(),
                    Field::Progress | Field::Assessment => {}
                }
            }
        }
    }
    let phases = report.phase_scale.code_list();
    let directions = report.direction_scale.code_list();
    let mut counts = vec![vec![0; directions.len()]; phases.len()];
    for (p, d) in values.values() {
        if let (Some(i), Some(j)) = (report.phase_scale.index(p), report.direction_scale.index(d)) {
            counts[i][j] += 1;
        }
    }
    Table {
        phases,
        directions,
        counts,
    }
}

/// The newest reason given for `c`: its own, or a reason line of its save.
fn reason_of(c: &Change, log: &[Change]) -> Option<String> {
    log.iter()
        .rev()
        .find(|r| {
            r.status == LogStatus::Reason
                && r.txn == c.txn
                && r.item == c.item
                && r.field == c.field
        })
        .and_then(|r| r.reason.clone())
        .or_else(|| c.reason.clone())
}

/// The changes made in the meeting, grouped by recommendation and point in
/// source order.
fn groups(report: &Report, meeting: &Meeting, log: &[Change], happened: &[&Change]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let order: BTreeMap<&str, usize> = report
        .items()
        .enumerate()
        .map(|(i, r)| (r.item.id.as_str(), i))
        .collect();
    // Made in the meeting, and before it closed.
    let closed = meeting.closed.as_deref().and_then(time);
    let mut mine: Vec<&&Change> = happened
        .iter()
        .filter(|c| c.meeting.as_deref() == Some(meeting.name.as_str()))
        .filter(|c| closed.is_none_or(|end| time(&c.timestamp).is_none_or(|t| t <= end)))
        .collect();
    mine.sort_by_key(|c| order.get(c.item.as_str()).copied().unwrap_or(usize::MAX));
    let items = report.by_id();
    for c in mine {
        let Some(&r) = items.get(c.item.as_str()) else {
            continue;
        };
        let change = MinutesChange {
            item: c.item.clone(),
            field: c.field,
            old: c.old.clone(),
            new: c.new.clone(),
            reason: reason_of(c, log),
            user: c.who(),
            timestamp: c.timestamp.clone(),
        };
        let (rn, pn) = (r.recommendation.number, r.point.number);
        match groups.last_mut() {
            Some(g) if g.recommendation == rn && g.point == pn => g.changes.push(change),
            _ => groups.push(Group {
                recommendation: rn,
                recommendation_title: r.recommendation.title.clone(),
                point: pn,
                point_title: r.point.title.clone(),
                changes: vec![change],
            }),
        }
    }
    groups
}

impl Minutes {
    /// The minutes as a document (議事要旨) in `lang`: the heading block,
    /// the agenda, the proceedings and decisions, the tables, the items not
    /// reviewed.
    pub fn document(&self, report: &Report, lang: Lang) -> doc::Doc {
        let by_id = report.by_id();
        let mut blocks = vec![doc::heading_block(self, lang)];
        blocks.extend(proceedings::agenda(self, &by_id, lang));
        blocks.extend(proceedings::proceedings(self, report, &by_id, lang));
        blocks.extend(proceedings::tables(self, report, lang));
        blocks.extend(proceedings::not_reviewed(self, &by_id, lang));
        doc::Doc {
            title: MinutesMsg::Title.fill(lang, &[("name", &doc::line(&self.name))]),
            blocks,
        }
    }

    /// The minutes of `meeting` on `report` as it is now, from the whole change log.
    pub fn of(report: &Report, meeting: &Meeting, log: &[Change]) -> Minutes {
        let happened = happened(log);
        let started = time(&meeting.started);
        let closed = meeting.closed.as_deref().and_then(time);
        let changed_here: std::collections::HashSet<&str> = happened
            .iter()
            .filter(|c| c.meeting.as_deref() == Some(meeting.name.as_str()))
            .map(|c| c.item.as_str())
            .collect();
        let reviewed = meeting
            .agenda
            .iter()
            .filter_map(|e| {
                let r = e.reviewed.as_ref()?;
                Some(Reviewed {
                    item: e.item.clone(),
                    at: r.at.clone(),
                    by: r.by.clone(),
                    unchanged: !changed_here.contains(e.item.as_str()),
                })
            })
            .collect();
        let time_zone = meeting.time_zone();
        let at = started.unwrap_or_else(jiff::Timestamp::now);
        Minutes {
            name: meeting.name.clone(),
            started: meeting.started.clone(),
            closed: meeting.closed.clone(),
            zone: time_zone.iana_name().map_or_else(
                || dates::zone_name(&time_zone, at, Lang::En),
                str::to_string,
            ),
            time_zone,
            details: meeting.details.clone(),
            chosen_by: meeting.chosen_by.clone(),
            agenda: meeting.agenda.iter().map(|e| e.item.clone()).collect(),
            reviewed,
            not_reviewed: meeting
                .agenda
                .iter()
                .filter(|e| e.reviewed.is_none())
                .map(|e| e.item.clone())
                .collect(),
            remarks: meeting
                .agenda
                .iter()
                .flat_map(|e| {
                    e.remarks.iter().map(|r| MinutesRemark {
                        item: e.item.clone(),
                        at: r.at.clone(),
                        by: r.by.clone(),
                        text: r.text.clone(),
                    })
                })
                .collect(),
            changes: groups(report, meeting, log, &happened),
            // Before: as it was when the meeting started; after: when it
            // closed (or now, while it is open).
            before: table_at(report, &happened, started.or(Some(jiff::Timestamp::MIN))),
            after: table_at(report, &happened, closed),
        }
    }
}
