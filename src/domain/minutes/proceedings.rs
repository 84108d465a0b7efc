//! The body of the minutes: the agenda by recommendation and point, what
//! became of each item reviewed (its changes with the codes' meanings and
//! reasons, or 「現状どおり」, and the remarks), the decisions in one list,
//! the phase × direction table at the start and at the close, and the
//! items not reached. Items are named as 資料2 names them (point, policy,
//! measure and the measure's first words), their ids after the names.

use std::collections::{BTreeMap, HashMap};

use super::dates::clock;
use super::doc::{Block, Entry, line, time};
use super::{Minutes, MinutesChange, Table};
use crate::domain::export::circled;
use crate::domain::field::Field;
use crate::domain::model::{ItemRef, Report};
use crate::i18n::{Lang, MinutesMsg, Msg};

/// How many characters of the measure name an item.
const WORDS: usize = 30;

/// An item as 資料2 names it: ① 取組方針ア 取組(エ)「…」（1-1-d）.
pub fn item_name(r: &ItemRef, lang: Lang) -> String {
    let text = r.measure.text.as_deref().unwrap_or(&r.item.progress);
    let text = line(text);
    let mut words: String = text.chars().take(WORDS).collect();
    if text.chars().count() > WORDS {
        words.push('…');
    }
    let point = circled(r.point.number);
    let policy = line(&r.point.policy.label);
    let id = line(&r.item.id);
    match r.measure_label() {
        Some(measure) => MinutesMsg::ItemName.fill(
            lang,
            &[
                ("point", &point),
                ("policy", &policy),
                ("measure", &line(&measure)),
                ("words", &words),
                ("id", &id),
            ],
        ),
        None => MinutesMsg::ItemNameNoMeasure.fill(
            lang,
            &[
                ("point", &point),
                ("policy", &policy),
                ("words", &words),
                ("id", &id),
            ],
        ),
    }
}

/// The name of an item by id (the id alone for one the records no longer hold).
fn name_of(by_id: &HashMap<&str, ItemRef>, id: &str, lang: Lang) -> String {
    by_id
        .get(id)
        .map_or_else(|| line(id), |r| item_name(r, lang))
}

fn recommendation_heading(r: &ItemRef, lang: Lang) -> String {
    let rec = Msg::RecommendationNumber.fill(lang, &[("number", &r.recommendation.number)]);
    format!("{rec} {}", line(&r.recommendation.title))
}

/// The agenda, by recommendation (a heading each) and point (an entry each,
/// its items under it).
pub(super) fn agenda(m: &Minutes, by_id: &HashMap<&str, ItemRef>, lang: Lang) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(1, MinutesMsg::Agenda.text(lang).to_string())];
    let mut rec = None;
    let mut entries: Vec<Entry> = Vec::new();
    let mut point = None;
    for id in &m.agenda {
        let Some(r) = by_id.get(id.as_str()) else {
            continue;
        };
        if rec != Some(r.recommendation.number) {
            if !entries.is_empty() {
                blocks.push(Block::List(std::mem::take(&mut entries)));
            }
            blocks.push(Block::Heading(2, recommendation_heading(r, lang)));
            rec = Some(r.recommendation.number);
            point = None;
        }
        if point != Some(r.point.number) {
            let title = format!("{} {}", circled(r.point.number), line(&r.point.title));
            entries.push(Entry::new(title));
            point = Some(r.point.number);
        }
        if let Some(e) = entries.last_mut() {
            e.sub.push(item_name(r, lang));
        }
    }
    if !entries.is_empty() {
        blocks.push(Block::List(entries));
    }
    blocks
}

/// A field's net change in the meeting: the value before its first change,
/// after its last, and the newest reason.
struct NetChange<'a> {
    field: Field,
    old: &'a str,
    new: &'a str,
    reason: Option<&'a str>,
}

/// The net changes of each item (changed and changed back: none).
fn net_changes(m: &Minutes) -> BTreeMap<&str, Vec<NetChange<'_>>> {
    let mut by_item: BTreeMap<&str, Vec<&MinutesChange>> = BTreeMap::new();
    for c in m.changes.iter().flat_map(|g| &g.changes) {
        by_item.entry(c.item.as_str()).or_default().push(c);
    }
    let mut out = BTreeMap::new();
    for (item, changes) in by_item {
        let mut nets = Vec::new();
        for field in Field::ALL {
            let of: Vec<&&MinutesChange> = changes.iter().filter(|c| c.field == field).collect();
            let (Some(first), Some(last)) = (of.first(), of.last()) else {
                continue;
            };
            if first.old != last.new {
                nets.push(NetChange {
                    field,
                    old: &first.old,
                    new: &last.new,
                    reason: last.reason.as_deref(),
                });
            }
        }
        if !nets.is_empty() {
            out.insert(item, nets);
        }
    }
    out
}

/// A change in words: 実施区分を D（…）から C（…）に変更（理由: …）.
fn said(c: &NetChange, report: &Report, lang: Lang) -> String {
    let field = c.field.label(report, lang);
    let scale = match c.field {
        Field::Phase => Some(&report.phase_scale),
        Field::Direction => Some(&report.direction_scale),
        _ => None,
    };
    let mut out = match scale {
        Some(s) => MinutesMsg::CodeChanged.fill(
            lang,
            &[
                ("field", &line(&field)),
                ("old", &line(c.old)),
                ("old_meaning", &line(s.meaning(c.old).unwrap_or("?"))),
                ("new", &line(c.new)),
                ("new_meaning", &line(s.meaning(c.new).unwrap_or("?"))),
            ],
        ),
        None => MinutesMsg::TextChanged.fill(lang, &[("field", &line(&field))]),
    };
    if let Some(why) = c.reason {
        out.push_str(&MinutesMsg::Because.fill(lang, &[("reason", &line(why))]));
    }
    out
}

/// What became of each item reviewed (or changed, or remarked on), by
/// recommendation; then the decisions in one list.
pub(super) fn proceedings(
    m: &Minutes,
    report: &Report,
    by_id: &HashMap<&str, ItemRef>,
    lang: Lang,
) -> Vec<Block> {
    let t = |msg: MinutesMsg| msg.text(lang).to_string();
    let nets = net_changes(m);
    let reviewed: BTreeMap<&str, bool> =
        m.reviewed.iter().map(|r| (r.item.as_str(), true)).collect();
    let mut blocks = vec![Block::Heading(1, t(MinutesMsg::Proceedings))];
    let mut decisions = Vec::new();
    let mut rec = None;
    let mut entries: Vec<Entry> = Vec::new();
    for id in &m.agenda {
        let remarks: Vec<_> = m.remarks.iter().filter(|r| &r.item == id).collect();
        let changed = nets.get(id.as_str());
        if !reviewed.contains_key(id.as_str()) && changed.is_none() && remarks.is_empty() {
            continue;
        }
        let r = by_id.get(id.as_str());
        if let Some(r) = r.filter(|r| rec != Some(r.recommendation.number)) {
            if !entries.is_empty() {
                blocks.push(Block::List(std::mem::take(&mut entries)));
            }
            blocks.push(Block::Heading(2, recommendation_heading(r, lang)));
            rec = Some(r.recommendation.number);
        }
        let name = name_of(by_id, id, lang);
        let mut entry = Entry::new(name.clone());
        let reviewed_here = reviewed.contains_key(id.as_str());
        for said in outcome(changed, r, reviewed_here, report, lang, &mut entry) {
            decisions.push(format!("{name}: {said}"));
        }
        for remark in remarks {
            let when = time(&remark.at)
                .map(|at| clock(at, &m.time_zone, lang))
                .unwrap_or_default();
            let by =
                MinutesMsg::RemarkBy.fill(lang, &[("when", &when), ("who", &line(&remark.by))]);
            entry.sub.push(format!(
                "{}: {}{by}",
                t(MinutesMsg::Remarks),
                line(&remark.text)
            ));
        }
        entries.push(entry);
    }
    if !entries.is_empty() {
        blocks.push(Block::List(entries));
    }
    if m.reviewed.is_empty() && decisions.is_empty() && m.remarks.is_empty() {
        blocks.push(Block::Para(t(MinutesMsg::NoProceedings)));
    }
    blocks.push(Block::Heading(1, t(MinutesMsg::Decisions)));
    if decisions.is_empty() {
        blocks.push(Block::Para(t(MinutesMsg::NoDecisions)));
    } else {
        blocks.push(Block::Numbered(decisions));
    }
    blocks
}

/// The outcome of an item under its entry: each change (said back, for
/// the decisions) and a revised text in full; or 「現状どおり」 for one
/// reviewed and not changed.
fn outcome(
    changed: Option<&Vec<NetChange>>,
    r: Option<&ItemRef>,
    reviewed: bool,
    report: &Report,
    lang: Lang,
    entry: &mut Entry,
) -> Vec<String> {
    let head = MinutesMsg::Outcome.text(lang);
    let mut decisions = Vec::new();
    match (changed, r) {
        (Some(nets), _) => {
            for c in nets {
                let said = said(c, report, lang);
                entry.sub.push(format!("{head}: {said}"));
                if matches!(c.field, Field::Progress | Field::Assessment) {
                    let field = line(&c.field.label(report, lang));
                    let text = line(c.new);
                    let revised =
                        MinutesMsg::Revised.fill(lang, &[("field", &field), ("text", &text)]);
                    entry.sub.push(revised);
                }
                decisions.push(said);
            }
        }
        (None, Some(r)) if reviewed => {
            let sep = if lang == Lang::Ja { "、" } else { ", " };
            let codes = format!(
                "{} {}{sep}{} {}",
                line(&report.phase_scale.name),
                line(&r.item.phase.0),
                line(&report.direction_scale.name),
                line(&r.item.direction.0)
            );
            let stands = MinutesMsg::AsItStands.fill(lang, &[("codes", &codes)]);
            entry.sub.push(format!("{head}: {stands}"));
        }
        _ => {}
    }
    decisions
}

fn table(report: &Report, t: &Table, lang: Lang) -> Block {
    let total = MinutesMsg::Total.text(lang).to_string();
    let corner = format!(
        "{} / {}",
        line(&report.phase_scale.name),
        line(&report.direction_scale.name)
    );
    let mut head = vec![corner];
    head.extend(t.directions.iter().map(|d| line(d)));
    head.push(total.clone());
    let mut rows: Vec<Vec<String>> = t
        .phases
        .iter()
        .zip(&t.counts)
        .map(|(p, row)| {
            let mut cells = vec![line(p)];
            cells.extend(row.iter().map(usize::to_string));
            cells.push(row.iter().sum::<usize>().to_string());
            cells
        })
        .collect();
    let mut last = vec![total];
    last.extend(
        (0..t.directions.len()).map(|j| t.counts.iter().map(|r| r[j]).sum::<usize>().to_string()),
    );
    last.push(t.counts.iter().flatten().sum::<usize>().to_string());
    rows.push(last);
    Block::Table { head, rows }
}

/// The phase × direction tables at the start and at the close (or now).
pub(super) fn tables(m: &Minutes, report: &Report, lang: Lang) -> Vec<Block> {
    let title = MinutesMsg::Tables.fill(
        lang,
        &[
            ("phase", &line(&report.phase_scale.name)),
            ("direction", &line(&report.direction_scale.name)),
        ],
    );
    let after = if m.closed.is_some() {
        MinutesMsg::AtClose
    } else {
        MinutesMsg::AtNow
    };
    vec![
        Block::Heading(1, title),
        Block::Heading(2, MinutesMsg::AtStart.text(lang).to_string()),
        table(report, &m.before, lang),
        Block::Heading(2, after.text(lang).to_string()),
        table(report, &m.after, lang),
    ]
}

/// The items of the agenda not reviewed, by recommendation.
pub(super) fn not_reviewed(m: &Minutes, by_id: &HashMap<&str, ItemRef>, lang: Lang) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(
        1,
        MinutesMsg::NotReviewed.text(lang).to_string(),
    )];
    if m.not_reviewed.is_empty() {
        blocks.push(Block::Para(MinutesMsg::AllReviewed.text(lang).to_string()));
        return blocks;
    }
    let mut entries: Vec<Entry> = Vec::new();
    let mut rec = None;
    for id in &m.not_reviewed {
        let Some(r) = by_id.get(id.as_str()) else {
            entries.push(Entry::new(line(id)));
            continue;
        };
        if rec != Some(r.recommendation.number) {
            entries.push(Entry::new(recommendation_heading(r, lang)));
            rec = Some(r.recommendation.number);
        }
        if let Some(e) = entries.last_mut() {
            e.sub.push(item_name(r, lang));
        }
    }
    blocks.push(Block::List(entries));
    blocks
}
