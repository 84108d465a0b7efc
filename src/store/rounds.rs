//! The start of a round, written: the records as they stand kept as the
//! round's base (a folder beside them, when they are not in git; git keeps
//! them otherwise), and the round added to the report's header, under the
//! records' lock.

use std::path::Path;

use super::{EditError, StoreError, with_lock, write_records};
use crate::domain::model::Round;
use crate::domain::records::{Records, load};

/// The folder, in the records folder, that holds each round's base when
/// the records are not in git.
pub const ROUNDS_FOLDER: &str = "rounds";

/// Keep the records of `dir` as they are now in `dir/rounds/NAME/` (a
/// records folder of its own).
pub fn keep_base(dir: &Path, name: &str) -> Result<String, EditError> {
    let records = load(dir).map_err(EditError::Load)?;
    let relative = format!("{ROUNDS_FOLDER}/{name}");
    let folder = dir.join(ROUNDS_FOLDER).join(name);
    std::fs::create_dir_all(&folder).map_err(|source| {
        EditError::Save(StoreError::Io {
            path: folder.clone(),
            source,
        })
    })?;
    let copy = Records::in_new_folder(records.report, folder);
    write_records(&copy).map_err(EditError::Save)?;
    Ok(relative)
}

/// Add `round` to the header of the records of `dir` (read afresh under
/// the lock; only `report.ron` changes).
pub fn add_round(dir: &Path, round: Round) -> Result<(), EditError> {
    with_lock(dir, || {
        let mut records = load(dir).map_err(EditError::Load)?;
        records.report.rounds.push(round);
        write_records(&records).map_err(EditError::Save)?;
        Ok(())
    })?
}
