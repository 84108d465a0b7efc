//! The change lines of a save: each edit applied to its item as read fresh
//! under the lock, a field someone else changed since the board saw it
//! refused as a [`Conflict`].

use std::collections::{BTreeMap, HashMap};

use super::{EditError, Why};
use crate::domain::field::{Conflict, Edit};
use crate::domain::model::{Item, ItemRef, Report};
use crate::store::changelog::{self, Change, LogStatus};

/// Where a save finds the items it changes: the whole report, or the
/// items read from their files alone.
pub(super) trait ItemsMut {
    fn item_mut(&mut self, id: &str) -> Option<&mut Item>;
}

impl ItemsMut for HashMap<String, &mut Item> {
    fn item_mut(&mut self, id: &str) -> Option<&mut Item> {
        self.get_mut(id).map(|i| &mut **i)
    }
}

impl ItemsMut for BTreeMap<String, Item> {
    fn item_mut(&mut self, id: &str) -> Option<&mut Item> {
        self.get_mut(id)
    }
}

/// Who makes a save and under which transaction: the same for every line
/// of it, however many files its items are read from.
pub(super) struct Author {
    user: String,
    ssh_client: Option<String>,
    txn: String,
}

impl Author {
    pub(super) fn now() -> Author {
        let (user, ssh_client) = changelog::who();
        let txn = format!(
            "{}-{}",
            jiff::Timestamp::now().as_nanosecond(),
            std::process::id()
        );
        Author {
            user,
            ssh_client,
            txn,
        }
    }
}

/// The items of `seen` (the copy a board loaded) that `edits` name.
pub(super) fn seen_items<'s>(seen: Option<&'s Report>, edits: &[Edit]) -> Seen<'s> {
    let ids = edits.iter().map(|e| e.item.as_str()).collect();
    seen.map(|s| s.items_named(&ids))
}

/// See [`seen_items`].
pub(super) type Seen<'s> = Option<HashMap<&'s str, ItemRef<'s>>>;

/// Apply `edits` to the items (read fresh under the lock) and say what changed.
/// With `seen` (the copy a board loaded), a field that someone else changed
/// since is a [`Conflict`], never overwritten.
pub(super) fn changes_for(
    items: &mut impl ItemsMut,
    edits: &[Edit],
    why: Why,
    seen: Option<&Report>,
) -> Result<Vec<Change>, EditError> {
    let seen = seen_items(seen, edits);
    let changes = changes_by(&Author::now(), items, edits, why, &seen)?;
    Ok(changes.into_iter().map(|(_, c)| c).collect())
}

/// The changes of `edits` to those of their items that `items` holds (the
/// others are left for another call of the same save), each with the
/// index of the edit that made it.
pub(super) fn changes_by(
    author: &Author,
    items: &mut impl ItemsMut,
    edits: &[Edit],
    why: Why,
    seen: &Seen,
) -> Result<Vec<(usize, Change)>, EditError> {
    let mut changes = Vec::new();
    for (k, e) in edits.iter().enumerate() {
        let Some(item) = items.item_mut(&e.item) else {
            continue;
        };
        let current = e.field.get(item);
        if let Some(seen) = seen.as_ref().and_then(|s| s.get(e.item.as_str())) {
            let before = e.field.get(seen.item);
            if before != current && current != e.value {
                return Err(EditError::Conflict(Conflict {
                    item: e.item.clone(),
                    field: e.field,
                    seen: before,
                    theirs: current,
                    ours: e.value.clone(),
                }));
            }
        }
        if current == e.value {
            continue;
        }
        e.field.set(item, e.value.clone());
        changes.push((k, change(author, e, current, why)));
    }
    Ok(changes)
}

/// The log line of `e`, which changed its field from `old`.
fn change(author: &Author, e: &Edit, old: String, why: Why) -> Change {
    Change {
        timestamp: changelog::now(),
        user: author.user.clone(),
        display_name: changelog::display_name(why.display_name, &author.user),
        ssh_client: author.ssh_client.clone(),
        item: e.item.clone(),
        field: e.field,
        old,
        new: e.value.clone(),
        reason: why
            .item_reasons
            .and_then(|r| r.get(&e.item))
            .map(String::as_str)
            .or(why.reason)
            .map(str::to_string),
        meeting: why.meeting.map(str::to_string),
        department: why.department.map(str::to_string),
        txn: author.txn.clone(),
        status: LogStatus::Applied,
        version: env!("CARGO_PKG_VERSION").to_string(),
        // Filled in once every edit of the save is applied.
        state: None,
    }
}
