//! What a save is asked to do, checked against the records read under the
//! lock: edits as the board and `import` make them (ids, fields and codes as
//! the records write them), or changes as a person typed them (`kensho set`).

use std::borrow::Cow;
use std::collections::HashMap;

use super::EditError;
use crate::domain::field::{Edit, Field, Typed};
use crate::domain::model::{ItemRef, Report};

/// What a save is asked to do.
#[derive(Debug, Clone, Copy)]
pub(super) enum Asked<'a> {
    /// Exactly as the records write them.
    Exact(&'a [Edit]),
    /// As typed: read by [`Asked::edits`].
    Typed(&'a [Typed]),
}

impl<'a> Asked<'a> {
    /// The edits meant, read against `report`: its header (title, source,
    /// scales) when `whole` is false, and then ids stay as typed (an id not
    /// found as it is sends the save to the whole records); with the whole
    /// report, an id is also the one id that equals it ignoring ASCII case.
    pub(super) fn edits(self, report: &Report, whole: bool) -> Result<Cow<'a, [Edit]>, EditError> {
        match self {
            Asked::Exact(edits) => Ok(Cow::Borrowed(edits)),
            Asked::Typed(typed) => typed
                .iter()
                .map(|t| read(t, report, whole))
                .collect::<Result<Vec<_>, _>>()
                .map(Cow::Owned),
        }
    }
}

/// The edit a person meant by `typed`.
fn read(typed: &Typed, report: &Report, whole: bool) -> Result<Edit, EditError> {
    let Some(field) = Field::named(&typed.field, report) else {
        return Err(EditError::UnknownField {
            name: typed.field.clone(),
            allowed: Field::names_in(report),
        });
    };
    let value = match field.scale(report) {
        Some(scale) => scale
            .code_of(&typed.value)
            .ok_or_else(|| EditError::BadCode {
                field,
                value: typed.value.clone(),
                scale: scale.name.clone(),
                allowed: scale.code_list(),
            })?,
        None => typed.value.clone(),
    };
    let item = if whole {
        id_of(report, &typed.item)?
    } else {
        typed.item.clone()
    };
    Ok(Edit { item, field, value })
}

/// The id of the item `typed` names: the id itself, or the one id that
/// equals it ignoring ASCII case (as the board's `:` finds an item).
fn id_of(report: &Report, typed: &str) -> Result<String, EditError> {
    let mut alike = Vec::new();
    for r in report.items() {
        if r.item.id == typed {
            return Ok(typed.to_string());
        }
        if r.item.id.eq_ignore_ascii_case(typed) {
            alike.push(r.item.id.as_str());
        }
    }
    match alike.as_slice() {
        [one] => Ok((*one).to_string()),
        _ => Err(unknown_item(report, typed)),
    }
}

/// No item has id `id`: with the ids that start alike (ASCII case aside).
fn unknown_item(report: &Report, id: &str) -> EditError {
    let prefix: String = id.chars().take(3).collect::<String>().to_ascii_lowercase();
    let near: Vec<String> = report
        .items()
        .map(|r| r.item.id.clone())
        .filter(|id| id.to_ascii_lowercase().starts_with(&prefix))
        .take(8)
        .collect();
    EditError::UnknownItem {
        id: id.to_string(),
        near,
    }
}

/// An edit of an item the records hold (`known`: the edits' items found in
/// `report`), with a code of its scale.
pub(super) fn check_edit(
    report: &Report,
    known: &HashMap<&str, ItemRef>,
    edit: &Edit,
) -> Result<(), EditError> {
    if !known.contains_key(edit.item.as_str()) {
        return Err(unknown_item(report, &edit.item));
    }
    check_code(report, edit)
}

/// A code given for a phase or a direction is a code of its scale.
pub(super) fn check_code(report: &Report, edit: &Edit) -> Result<(), EditError> {
    if let Some(scale) = edit.field.scale(report)
        && scale.index(&edit.value).is_none()
    {
        return Err(EditError::BadCode {
            field: edit.field,
            value: edit.value.clone(),
            scale: scale.name.clone(),
            allowed: scale.code_list(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Report {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records");
        crate::domain::records::load(&dir).unwrap().report
    }

    fn typed(item: &str, field: &str, value: &str) -> Typed {
        Typed {
            item: item.into(),
            field: field.into(),
            value: value.into(),
        }
    }

    #[test]
    fn typed_changes_are_read_as_the_records_write_them() {
        let report = report();
        let asked = [
            typed("6-1-A", "評価区分", "ⅲ"),
            typed("6-1-a", "実施状況", " x "),
        ];
        let edits = Asked::Typed(&asked).edits(&report, true).unwrap();
        assert_eq!(
            edits.as_ref(),
            [
                Edit {
                    item: "6-1-a".into(),
                    field: Field::Direction,
                    value: "III".into(),
                },
                Edit {
                    item: "6-1-a".into(),
                    field: Field::Progress,
                    value: " x ".into(),
                },
            ]
        );
        // With the header alone, the id stays as typed.
        let edits = Asked::Typed(&asked[..1]).edits(&report, false).unwrap();
        assert_eq!(edits[0].item, "6-1-A");
    }

    #[test]
    fn an_id_is_the_one_that_equals_it_ignoring_case_or_none() {
        let mut report = report();
        let mut ids = report.items_mut();
        ids.next().unwrap().id = "1-1-ab".into();
        ids.next().unwrap().id = "1-1-AB".into();
        drop(ids);
        assert_eq!(id_of(&report, "1-1-AB").unwrap(), "1-1-AB");
        assert_eq!(id_of(&report, "1-1-ab").unwrap(), "1-1-ab");
        match id_of(&report, "1-1-Ab") {
            Err(EditError::UnknownItem { near, .. }) => {
                assert!(near.contains(&"1-1-ab".to_string()), "{near:?}");
                assert!(near.contains(&"1-1-AB".to_string()), "{near:?}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(id_of(&report, "2-1-A").unwrap(), "2-1-a");
    }
}
