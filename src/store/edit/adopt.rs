//! `kensho adopt`: a change made to the records outside kensho, taken in
//! deliberately. Every field it can name is logged as a change under the
//! user's name (a logged field whose value is not its latest logged one;
//! before the first save, a field that differs from git's last commit),
//! and one `adopted` line records that the records as they are now are the
//! ones the log continues from (its `state`). Saves then go on as usual.

use std::path::Path;

use super::unlogged::check;
use super::{EditError, append_log, clean_leftovers, with_records_lock};
use crate::domain::field::Field;
use crate::domain::records::{Records, folder_of, load, state_of};
use crate::store::changelog::{self, Change, LOG_FILE, LogStatus};

/// What `kensho adopt` logged: the named changes and the `adopted` line;
/// nothing when the records are what the log says.
#[derive(Debug, Clone, Default)]
pub struct Adopted {
    pub changes: Vec<Change>,
}

/// Log what changed outside kensho in the records at `path`.
pub fn adopt(
    path: &Path,
    reason: Option<&str>,
    display_name: Option<&str>,
) -> Result<Adopted, EditError> {
    let dir = folder_of(path);
    with_records_lock(path, || {
        clean_leftovers(&dir);
        let records = load(path).map_err(EditError::Load)?;
        // From the content of every file: what is adopted is what is there.
        let now = state_of(&records.report);
        let unlogged = match check(&records, || now.clone()) {
            Ok(()) => return Ok(Adopted::default()),
            Err(EditError::Unlogged(u)) => u,
            Err(e) => return Err(e),
        };
        let named: Vec<(String, Field, String, String)> = unlogged
            .differences
            .iter()
            .filter_map(|d| {
                let now = d.now.clone()?;
                Some((d.item.clone(), d.field, d.logged.new.clone(), now))
            })
            .chain(unlogged.since_commit.iter().flat_map(|(_, fields)| {
                fields
                    .iter()
                    .map(|f| (f.item.clone(), f.field, f.committed.clone(), f.now.clone()))
            }))
            .collect();
        let changes = lines(&records, named, reason, display_name, &now);
        append_log(&dir, &changes)?;
        Ok(Adopted { changes })
    })?
}

/// The log lines of an adoption: one per named field, then the `adopted`
/// line (no item; old and new are the records' checksums before and now).
fn lines(
    records: &Records,
    named: Vec<(String, Field, String, String)>,
    reason: Option<&str>,
    display_name: Option<&str>,
    now: &str,
) -> Vec<Change> {
    let (user, ssh_client) = changelog::who();
    let txn = format!(
        "{}-{}",
        jiff::Timestamp::now().as_nanosecond(),
        std::process::id()
    );
    let last = changelog::last_save(&records.layout.dir().join(LOG_FILE))
        .ok()
        .and_then(|save| save.iter().rev().find_map(|c| c.state.clone()))
        .unwrap_or_default();
    let line = |item: String, field: Field, old: String, new: String, status| Change {
        timestamp: changelog::now(),
        user: user.clone(),
        display_name: changelog::display_name(display_name, &user),
        ssh_client: ssh_client.clone(),
        item,
        field,
        old,
        new,
        reason: reason.map(str::to_string),
        meeting: None,
        department: None,
        txn: txn.clone(),
        state: Some(now.to_string()),
        status,
        version: env!("CARGO_PKG_VERSION").to_string(),
    };
    let mut out: Vec<Change> = named
        .into_iter()
        .map(|(item, field, old, new)| line(item, field, old, new, LogStatus::Applied))
        .collect();
    out.push(line(
        String::new(),
        Field::Progress,
        last,
        now.to_string(),
        LogStatus::Adopted,
    ));
    out
}
