//! The change lines of a save: each edit applied to its item as read fresh
//! under the lock, a field someone else changed since the board saw it
//! refused as a [`Conflict`].

use std::collections::{BTreeMap, HashMap};

use super::{EditError, Why};
use crate::domain::field::{Conflict, Edit};
use crate::domain::model::{Item, Report};
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

/// What the one asking for a save saw of the fields it changes: a field
/// someone else changed since is a [`Conflict`], never overwritten.
pub trait AskedOn {
    /// For each of `edits`, in their order, the value its field had when
    /// the change was asked (`None`: not seen, so not checked).
    fn values(&self, edits: &[Edit]) -> Vec<Option<String>>;
}

/// A copy of the records (a board's, or an import's reading).
impl AskedOn for Report {
    fn values(&self, edits: &[Edit]) -> Vec<Option<String>> {
        let ids = edits.iter().map(|e| e.item.as_str()).collect();
        let items = self.items_named(&ids);
        edits
            .iter()
            .map(|e| items.get(e.item.as_str()).map(|r| e.field.get(r.item)))
            .collect()
    }
}

/// Just the values, in the order of the edits they belong to: what a
/// board keeps with a save that waits its turn. It kept a share of its
/// records, and each save that landed gave every waiting save a whole copy
/// of them with the change in it: a records' worth of memory per waiting
/// save.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SeenValues(pub Vec<Option<String>>);

/// The new value of each field that landed changes changed (the last
/// change of a field wins), to patch [`SeenValues`] with.
pub type Landed<'c> = HashMap<(&'c str, crate::domain::field::Field), &'c str>;

impl SeenValues {
    /// What `seen` holds for `edits`.
    pub fn of(seen: &impl AskedOn, edits: &[Edit]) -> SeenValues {
        SeenValues(seen.values(edits))
    }

    /// `changes`, made after these values were seen, as [`SeenValues::patch`] takes them.
    pub fn landed(changes: &[Change]) -> Landed<'_> {
        let each = changes.iter();
        each.map(|c| ((c.item.as_str(), c.field), c.new.as_str()))
            .collect()
    }

    /// `landed` changes came after these values were seen: the fields they
    /// changed are seen with their new values. A field not seen (its item
    /// not in the records it was asked on) stays unchecked.
    pub fn patch(&mut self, edits: &[Edit], landed: &Landed) {
        for (value, e) in self.0.iter_mut().zip(edits) {
            if let (Some(seen), Some(v)) = (value.as_mut(), landed.get(&(e.item.as_str(), e.field)))
            {
                *seen = v.to_string();
            }
        }
    }
}

impl AskedOn for SeenValues {
    fn values(&self, edits: &[Edit]) -> Vec<Option<String>> {
        debug_assert_eq!(self.0.len(), edits.len(), "one value per edit");
        let mut values = self.0.clone();
        values.resize(edits.len(), None);
        values
    }
}

/// The values seen of each edit's field, once per save (`None`: nothing
/// was seen, nothing is checked).
pub(super) fn seen_values(seen: Option<&dyn AskedOn>, edits: &[Edit]) -> SeenNow {
    seen.map(|s| s.values(edits))
}

/// See [`seen_values`].
pub(super) type SeenNow = Option<Vec<Option<String>>>;

/// Apply `edits` to the items (read fresh under the lock) and say what changed.
/// With `seen` (what the change was asked on: a board's values, or a copy
/// of the records), a field that someone else changed since is a
/// [`Conflict`], never overwritten.
pub(super) fn changes_for(
    items: &mut impl ItemsMut,
    edits: &[Edit],
    why: Why,
    seen: Option<&dyn AskedOn>,
) -> Result<Vec<Change>, EditError> {
    let seen = seen_values(seen, edits);
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
    seen: &SeenNow,
) -> Result<Vec<(usize, Change)>, EditError> {
    let mut changes = Vec::new();
    for (k, e) in edits.iter().enumerate() {
        let Some(item) = items.item_mut(&e.item) else {
            continue;
        };
        let current = e.field.get(item);
        if let Some(before) = seen.as_ref().and_then(|s| s.get(k)?.clone())
            && before != current
            && current != e.value
        {
            return Err(EditError::Conflict(Conflict {
                item: e.item.clone(),
                field: e.field,
                seen: before,
                theirs: current,
                ours: e.value.clone(),
            }));
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
