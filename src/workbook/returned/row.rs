//! One row of a returned workbook's answers, read against the row as it was
//! sent and the records now: the changes it asks for, or its problems, each
//! named by its cell.

use std::collections::{BTreeMap, HashMap};

use super::sheet::{Sheet, text_of};
use super::{Plan, Planned, Problem, code_of, one_line, quoted_short, same_text};
use crate::domain::field::Field;
use crate::domain::model::{ItemRef, Report};
use crate::i18n::{BookMsg, Lang};
use crate::workbook::survey::Col;

/// What every row is read against.
pub struct Context<'a> {
    pub answers: &'a Sheet,
    pub report: &'a Report,
    pub items: HashMap<&'a str, ItemRef<'a>>,
    /// The rows as sent, by id.
    pub sent: &'a BTreeMap<String, Vec<String>>,
    /// A cell's name on the sheet of answers (`回答!G7`).
    pub at: &'a dyn Fn(u32, u16) -> String,
    pub lang: Lang,
}

/// Read row `row` of the answers into `plan`; `seen_at`: the row each id
/// was first seen on.
pub fn read_row(ctx: &Context, row: u32, seen_at: &mut HashMap<String, u32>, plan: &mut Plan) {
    let (values, mut problems) = cells(ctx, row);
    if problems.is_empty() && values.iter().all(|v| v.trim().is_empty()) {
        return;
    }
    let id = values[0].trim().to_string();
    let push = |plan: &mut Plan, problems: Vec<String>, item: Option<&str>| {
        let item = item.map(str::to_string);
        plan.problems
            .extend(problems.into_iter().map(|text| Problem {
                item: item.clone(),
                text,
            }));
    };
    let (sent_row, current) = match identify(ctx, row, &id, seen_at) {
        Ok(found) => found,
        Err(problem) => {
            problems.push(problem);
            let item = (!id.is_empty()).then_some(id.as_str());
            push(plan, problems, item);
            return;
        }
    };
    let reason = values[Col::Reason.index() as usize].trim().to_string();
    let reason = (!reason.is_empty()).then_some(reason);
    let mut changes = Vec::new();
    for c in Col::ALL {
        let k = c.index() as usize;
        let answer = Answer {
            col: c,
            cell: (ctx.at)(row, c.index()),
            given: &values[k],
            was: &sent_row[k],
        };
        match answer.change(ctx, &id, current) {
            Ok(Some((field, old, new))) => changes.push(Planned {
                item: id.clone(),
                field,
                cell: answer.cell,
                old,
                new,
                reason: reason.clone(),
            }),
            Ok(None) => {}
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        plan.changes.extend(changes);
    } else {
        plan.held.extend(changes);
        push(plan, problems, Some(&id));
    }
}

/// The row's cells as text; a cell that is not text is a problem.
fn cells(ctx: &Context, row: u32) -> (Vec<String>, Vec<String>) {
    let mut problems = Vec::new();
    let mut values = Vec::new();
    for c in Col::ALL {
        match text_of(ctx.answers.get_value((row, u32::from(c.index())))) {
            Ok(v) => values.push(v),
            Err(what) => {
                let cell = (ctx.at)(row, c.index());
                let value = format!("{what:?}");
                problems.push(
                    BookMsg::ErrNotText.fill(ctx.lang, &[("cell", &cell), ("value", &value)]),
                );
                values.push(String::new());
            }
        }
    }
    (values, problems)
}

/// The row of item `id` as sent and the item now, or the problem with the
/// id (none, twice, never sent, gone from the records).
fn identify<'a>(
    ctx: &'a Context,
    row: u32,
    id: &str,
    seen_at: &mut HashMap<String, u32>,
) -> Result<(&'a Vec<String>, &'a ItemRef<'a>), String> {
    let lang = ctx.lang;
    let cell = (ctx.at)(row, Col::Id.index());
    let shown = one_line(id);
    if id.is_empty() {
        return Err(BookMsg::ErrNoId.fill(lang, &[("cell", &cell)]));
    }
    if let Some(first) = seen_at.get(id) {
        let first = (ctx.at)(*first, Col::Id.index());
        return Err(BookMsg::ErrDuplicateId
            .fill(lang, &[("cell", &cell), ("id", &shown), ("first", &first)]));
    }
    seen_at.insert(id.to_string(), row);
    let Some(sent_row) = ctx.sent.get(id) else {
        return Err(BookMsg::ErrUnknownId.fill(lang, &[("cell", &cell), ("id", &shown)]));
    };
    let Some(current) = ctx.items.get(id) else {
        return Err(BookMsg::ErrGoneId.fill(lang, &[("cell", &cell), ("id", &shown)]));
    };
    Ok((sent_row, current))
}

/// One answer of a row, with what was sent in its cell.
struct Answer<'a> {
    col: Col,
    cell: String,
    given: &'a str,
    was: &'a str,
}

impl Answer<'_> {
    /// The change this answer asks of item `id` (its field, old and new
    /// value), none, or its problem: a locked cell edited, a code not in
    /// the scale, a conflict with a change made since the workbook was sent.
    fn change(
        &self,
        ctx: &Context,
        id: &str,
        current: &ItemRef,
    ) -> Result<Option<(Field, String, String)>, String> {
        let (report, lang) = (ctx.report, ctx.lang);
        let Some(field) = self.col.field() else {
            if !self.col.open() && self.given != self.was {
                let column = self.col.heading(report, lang);
                return Err(BookMsg::ErrProtectedEdited.fill(
                    lang,
                    &[
                        ("cell", &self.cell),
                        ("column", &quoted_short(&column)),
                        ("old", &quoted_short(self.was)),
                        ("new", &quoted_short(self.given)),
                    ],
                ));
            }
            return Ok(None);
        };
        // An answer as sent changes nothing (whatever the scale says now).
        if same_text(self.given, self.was) {
            return Ok(None);
        }
        let answer = self.read_as(field, ctx)?;
        let now = field.get(current.item);
        if same_text(&answer, self.was) || same_text(&now, &answer) {
            return Ok(None);
        }
        if !same_text(&now, self.was) {
            return Err(BookMsg::ConflictLine.fill(
                lang,
                &[
                    ("cell", &self.cell),
                    ("item", &one_line(id)),
                    ("field", &field.label(report, lang)),
                    ("seen", &quoted_short(self.was)),
                    ("theirs", &quoted_short(&now)),
                    ("ours", &quoted_short(&answer)),
                ],
            ));
        }
        Ok(Some((field, now, answer)))
    }

    /// The answer as `field` holds it: a code as its scale writes it.
    fn read_as(&self, field: Field, ctx: &Context) -> Result<String, String> {
        if !field.is_code() {
            return Ok(self.given.to_string());
        }
        let scale = match field {
            Field::Phase => &ctx.report.phase_scale,
            _ => &ctx.report.direction_scale,
        };
        code_of(scale, self.given).ok_or_else(|| {
            BookMsg::ErrBadCode.fill(
                ctx.lang,
                &[
                    ("cell", &self.cell),
                    ("value", &quoted_short(self.given)),
                    ("scale", &scale.name),
                    ("codes", &scale.code_list().join(", ")),
                ],
            )
        })
    }
}
