//! One row of a returned workbook's answers, read against the row as it was
//! sent and the records now: the changes it asks for, or its problems, each
//! named by its cell (typed here, put into words where they are shown).

use std::collections::{BTreeMap, HashMap};

use super::sheet::{Sheet, text_of};
use super::{Plan, Planned, Problem, one_line, quoted_short, same_text};
use crate::domain::field::Field;
use crate::domain::model::{ItemRef, Report};
use crate::i18n::{BookMsg, Lang};
use crate::workbook::survey::Col;

/// What is wrong with one row, at one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trouble {
    /// A value that is not text (a date, an error value).
    NotText { cell: String, value: String },
    /// Entries, but no id.
    NoId { cell: String },
    /// The id stands on an earlier row too.
    DuplicateId {
        cell: String,
        id: String,
        first: String,
    },
    /// A formula where kensho reads a value.
    Formula { cell: String },
    /// An item of another department than the workbook's.
    OtherDepartment {
        cell: String,
        id: String,
        department: String,
    },
    /// An id this workbook was not sent with.
    UnknownId { cell: String, id: String },
    /// An id the records no longer have.
    GoneId { cell: String, id: String },
    /// A locked cell changed.
    LockedEdited {
        cell: String,
        column: Col,
        old: String,
        new: String,
    },
    /// A code not in its scale.
    BadCode {
        cell: String,
        value: String,
        field: Field,
    },
    /// The records changed since the workbook was sent: never overwritten.
    Conflict {
        cell: String,
        item: String,
        field: Field,
        seen: String,
        theirs: String,
        ours: String,
    },
}

impl Trouble {
    /// The sentence in `lang` (the columns' and scales' names from `report`).
    pub fn say(&self, report: &Report, lang: Lang) -> String {
        match self {
            Trouble::NotText { cell, value } => {
                BookMsg::ErrNotText.fill(lang, &[("cell", cell), ("value", value)])
            }
            Trouble::NoId { cell } => BookMsg::ErrNoId.fill(lang, &[("cell", cell)]),
            Trouble::Formula { cell } => BookMsg::ErrFormula.fill(lang, &[("cell", cell)]),
            Trouble::OtherDepartment {
                cell,
                id,
                department,
            } => BookMsg::ErrOtherDepartment.fill(
                lang,
                &[("cell", cell), ("id", id), ("department", department)],
            ),
            Trouble::DuplicateId { cell, id, first } => {
                BookMsg::ErrDuplicateId.fill(lang, &[("cell", cell), ("id", id), ("first", first)])
            }
            Trouble::UnknownId { cell, id } => {
                BookMsg::ErrUnknownId.fill(lang, &[("cell", cell), ("id", id)])
            }
            Trouble::GoneId { cell, id } => {
                BookMsg::ErrGoneId.fill(lang, &[("cell", cell), ("id", id)])
            }
            Trouble::LockedEdited {
                cell,
                column,
                old,
                new,
            } => BookMsg::ErrProtectedEdited.fill(
                lang,
                &[
                    ("cell", cell),
                    ("column", &quoted_short(&column.heading(report, lang))),
                    ("old", old),
                    ("new", new),
                ],
            ),
            Trouble::BadCode { cell, value, field } => {
                let scale = match field {
                    Field::Phase => &report.phase_scale,
                    _ => &report.direction_scale,
                };
                BookMsg::ErrBadCode.fill(
                    lang,
                    &[
                        ("cell", cell),
                        ("value", value),
                        ("scale", &scale.name),
                        ("codes", &scale.code_list().join(", ")),
                    ],
                )
            }
            Trouble::Conflict {
                cell,
                item,
                field,
                seen,
                theirs,
                ours,
            } => BookMsg::ConflictLine.fill(
                lang,
                &[
                    ("cell", cell),
                    ("item", item),
                    ("field", &field.label(report, lang)),
                    ("seen", seen),
                    ("theirs", theirs),
                    ("ours", ours),
                ],
            ),
        }
    }
}

/// What every row is read against.
pub struct Context<'a> {
    pub answers: &'a Sheet,
    /// The department the workbook was sent to.
    pub department: &'a str,
    pub report: &'a Report,
    pub items: HashMap<&'a str, ItemRef<'a>>,
    /// The rows as sent, by id.
    pub sent: &'a BTreeMap<String, Vec<String>>,
    /// A cell's name on the sheet of answers (`回答!G7`).
    pub at: &'a dyn Fn(u32, u16) -> String,
}

/// Read row `row` of the answers into `plan`; `seen_at`: the row each id
/// was first seen on.
pub fn read_row(ctx: &Context, row: u32, seen_at: &mut HashMap<String, u32>, plan: &mut Plan) {
    let (values, mut problems) = cells(ctx, row);
    if problems.is_empty() && values.iter().all(|v| v.trim().is_empty()) {
        return;
    }
    let id = values[0].trim().to_string();
    let push = |plan: &mut Plan, problems: Vec<Trouble>, item: Option<&str>| {
        let item = item.map(str::to_string);
        plan.problems
            .extend(problems.into_iter().map(|trouble| Problem {
                item: item.clone(),
                trouble,
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
fn cells(ctx: &Context, row: u32) -> (Vec<String>, Vec<Trouble>) {
    let mut problems = Vec::new();
    let mut values = Vec::new();
    for c in Col::ALL {
        let at = (row, u32::from(c.index()));
        if ctx.answers.formula_at(at) {
            problems.push(Trouble::Formula {
                cell: (ctx.at)(row, c.index()),
            });
            values.push(String::new());
            continue;
        }
        match text_of(ctx.answers.get_value(at)) {
            Ok(v) => values.push(v),
            Err(what) => {
                problems.push(Trouble::NotText {
                    cell: (ctx.at)(row, c.index()),
                    value: format!("{what:?}"),
                });
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
) -> Result<(&'a Vec<String>, &'a ItemRef<'a>), Trouble> {
    let cell = (ctx.at)(row, Col::Id.index());
    if id.is_empty() {
        return Err(Trouble::NoId { cell });
    }
    let shown = one_line(id);
    if let Some(first) = seen_at.get(id) {
        let first = (ctx.at)(*first, Col::Id.index());
        return Err(Trouble::DuplicateId {
            cell,
            id: shown,
            first,
        });
    }
    seen_at.insert(id.to_string(), row);
    let Some(sent_row) = ctx.sent.get(id) else {
        return Err(Trouble::UnknownId { cell, id: shown });
    };
    let Some(current) = ctx.items.get(id) else {
        return Err(Trouble::GoneId { cell, id: shown });
    };
    // The rows sent are the department's; a hidden sheet that says
    // otherwise was made or changed elsewhere.
    if !current.item.departments.iter().any(|d| d == ctx.department) {
        return Err(Trouble::OtherDepartment {
            cell,
            id: shown,
            department: one_line(ctx.department),
        });
    }
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
    ) -> Result<Option<(Field, String, String)>, Trouble> {
        let Some(field) = self.col.field() else {
            if !self.col.open() && self.given != self.was {
                return Err(Trouble::LockedEdited {
                    cell: self.cell.clone(),
                    column: self.col,
                    old: quoted_short(self.was),
                    new: quoted_short(self.given),
                });
            }
            return Ok(None);
        };
        // An answer as sent changes nothing (whatever the scale says now).
        if same_text(self.given, self.was) {
            return Ok(None);
        }
        let answer = self.read_as(field, ctx.report)?;
        let now = field.get(current.item);
        if same_text(&answer, self.was) || same_text(&now, &answer) {
            return Ok(None);
        }
        if !same_text(&now, self.was) {
            return Err(Trouble::Conflict {
                cell: self.cell.clone(),
                item: one_line(id),
                field,
                seen: quoted_short(self.was),
                theirs: quoted_short(&now),
                ours: quoted_short(&answer),
            });
        }
        Ok(Some((field, now, answer)))
    }

    /// The answer as `field` holds it: a code as its scale writes it.
    fn read_as(&self, field: Field, report: &Report) -> Result<String, Trouble> {
        let Some(scale) = field.scale(report) else {
            return Ok(self.given.to_string());
        };
        scale.code_of(self.given).ok_or_else(|| Trouble::BadCode {
            cell: self.cell.clone(),
            value: quoted_short(self.given),
            field,
        })
    }
}
