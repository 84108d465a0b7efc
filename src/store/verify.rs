//! `kensho verify`: the latest logged value of every logged field is what the
//! records hold.

use std::collections::BTreeMap;

use super::changelog::{Change, LogProblem, LogStatus, never_applied};
use crate::domain::error::quoted;
use crate::domain::field::Field;
use crate::domain::model::Report;
use crate::i18n::{CliMsg, Lang};

/// A logged field whose latest logged value the records do not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub item: String,
    pub field: Field,
    /// The logged change; `None` in `now` when the item no longer exists.
    pub logged: Change,
    pub now: Option<String>,
}

impl Difference {
    pub fn say(&self, lang: Lang) -> String {
        let c = &self.logged;
        match &self.now {
            None => {
                CliMsg::VerifyNoSuchItem.fill(lang, &[("item", &self.item), ("field", &self.field)])
            }
            Some(now) => CliMsg::VerifyDiffers.fill(
                lang,
                &[
                    ("item", &self.item),
                    ("field", &self.field),
                    ("logged", &quoted(&c.new)),
                    ("when", &c.timestamp),
                    ("user", &c.user),
                    ("now", &quoted(now)),
                ],
            ),
        }
    }
}

/// What `kensho verify` found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verification {
    /// Fields whose latest logged value is not what the records hold.
    pub differences: Vec<Difference>,
    /// Problems reading the log (a torn last line is tolerated).
    pub problems: Vec<LogProblem>,
    /// A last save that was interrupted before the data was written.
    pub interrupted: bool,
    pub checked: usize,
}

/// Check that the latest logged value of every logged field equals the records.
pub fn verify(changes: &[Change], problems: Vec<LogProblem>, report: &Report) -> Verification {
    let mut latest: BTreeMap<(&str, Field), &Change> = BTreeMap::new();
    for c in changes {
        latest.insert((c.item.as_str(), c.field), c);
    }
    // The last save may have been cut between the log and the data.
    let last_txn = changes
        .last()
        .filter(|c| c.status == LogStatus::Applied)
        .map(|c| c.txn.as_str());
    let interrupted = last_txn.is_some_and(|t| {
        let txn: Vec<&Change> = changes.iter().filter(|c| c.txn == t).collect();
        never_applied(&txn, report)
    });
    let mut v = Verification {
        problems,
        interrupted,
        ..Verification::default()
    };
    for ((item, field), c) in latest {
        v.checked += 1;
        if interrupted && Some(c.txn.as_str()) == last_txn {
            continue;
        }
        let now = report.item(item).map(|r| field.get(r.item));
        if now.as_deref() != Some(c.new.as_str()) {
            v.differences.push(Difference {
                item: item.to_string(),
                field,
                logged: c.clone(),
                now,
            });
        }
    }
    v
}
