//! A line of the change log: one changed field of one item, who changed it,
//! when and why. The log's file is read and written by
//! [`crate::store::changelog`].

use serde::{Deserialize, Serialize};

use crate::domain::field::Field;
use crate::domain::model::Report;

/// One changed field of one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// RFC 3339 with offset.
    pub timestamp: String,
    /// Login name.
    pub user: String,
    /// The name the user gave in their configuration, beside the login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// The SSH client's address, when the change came over SSH.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssh_client: Option<String>,
    pub item: String,
    pub field: Field,
    pub old: String,
    pub new: String,
    #[serde(default)]
    pub reason: Option<String>,
    /// The review meeting the change was made in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<String>,
    /// The department whose answer the change takes in (an imported
    /// workbook's, from its hidden sheet), beside the account that saved it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// The save this change belongs to (one save may change several fields).
    pub txn: String,
    /// The checksum of the records after the save ([`crate::domain::records::state_of`]):
    /// `kensho verify` tells from it which save the data matches. None in
    /// lines that change no data (a reason) and in older logs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(default)]
    pub status: LogStatus,
    pub version: String,
}

impl Change {
    /// Who made the change as people read it: the login name, and the
    /// display name beside it when there is one (`sato (佐藤 花子)`).
    pub fn who(&self) -> String {
        match &self.display_name {
            Some(name) => format!("{} ({name})", self.user),
            None => self.user.clone(),
        }
    }
}

/// What a line of the log records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogStatus {
    /// A change of a field (old → new).
    #[default]
    Applied,
    /// A save that was interrupted before the data was written: the change
    /// never happened (new = the value kept).
    Aborted,
    /// A reason given later for an earlier change (old = new = the value it set).
    Reason,
    /// The records as they are were taken in as changed outside kensho
    /// (`kensho adopt`): no item (its field says nothing), old and new are
    /// the records' checksums before and after, and its `state` is the one
    /// the log continues from.
    Adopted,
}

/// Whether the changes of one save never reached the data: every field still
/// holds its old value (the process died between the log and the records).
pub fn never_applied(txn: &[&Change], report: &Report) -> bool {
    let ids = txn.iter().map(|c| c.item.as_str()).collect();
    let items = report.items_named(&ids);
    !txn.is_empty()
        && txn.iter().all(|c| {
            c.old != c.new
                && items
                    .get(c.item.as_str())
                    .is_some_and(|r| c.field.get(r.item) == c.old)
        })
}

/// The changes of `log` that really happened: applied lines whose save was
/// not interrupted (an `aborted` line of the same save says it never
/// reached the data), oldest first.
pub fn happened(log: &[Change]) -> Vec<&Change> {
    let aborted: std::collections::BTreeSet<&str> = log
        .iter()
        .filter(|c| c.status == LogStatus::Aborted)
        .map(|c| c.txn.as_str())
        .collect();
    log.iter()
        .filter(|c| c.status == LogStatus::Applied && !aborted.contains(c.txn.as_str()))
        .collect()
}
