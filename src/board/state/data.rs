//! The records on screen, and which records they are: the generation of
//! their last replacement as a whole, the generation now, and the items
//! changed in place since (the search worker's index refolds just those).

use std::sync::{Arc, OnceLock};

use crate::board::work::DataVersion;
use crate::domain::meeting::IdSet;
use crate::domain::records::Records;
use crate::store::changelog::Change;

#[derive(Debug, Clone)]
pub struct Data {
    records: Arc<Records>,
    version: DataVersion,
    /// Every department of the report, for the picker.
    departments: Vec<String>,
    /// The items' ids, made when a meeting job first asks (a job keeps
    /// these instead of the records: see [`IdSet`]).
    ids: OnceLock<Arc<IdSet>>,
}

impl Data {
    /// The records on screen: owned, or shared with a thread that still
    /// reads them (the first change then copies them).
    pub fn new(records: impl Into<Arc<Records>>) -> Data {
        let records = records.into();
        let departments = crate::search::all_departments(&records.report);
        Data {
            records,
            version: DataVersion::default(),
            departments,
            ids: OnceLock::new(),
        }
    }

    pub fn records(&self) -> &Arc<Records> {
        &self.records
    }

    pub fn version(&self) -> &DataVersion {
        &self.version
    }

    pub fn departments(&self) -> &[String] {
        &self.departments
    }

    /// The ids of the items on screen (changes in place keep them).
    pub fn ids(&self) -> &Arc<IdSet> {
        self.ids
            .get_or_init(|| Arc::new(IdSet::of(&self.records.report)))
    }

    /// This board's own changes, applied in place (a copy is made only
    /// while another thread still reads the records).
    pub fn apply(&mut self, changes: &[Change]) {
        let records = Arc::make_mut(&mut self.records);
        let generation = self.version.now + 1;
        let mut touched = Vec::new();
        for c in changes {
            let found = records
                .report
                .items_mut()
                .enumerate()
                .find(|(_, item)| item.id == c.item);
            if let Some((i, item)) = found {
                c.field.set(item, c.new.clone());
                touched.push((generation, i));
            }
        }
        Arc::make_mut(&mut self.version.touched).extend(touched);
        self.version.now = generation;
    }

    /// Other records on screen, as a whole.
    pub fn replace(&mut self, records: Records) {
        let generation = self.version.now + 1;
        self.departments = crate::search::all_departments(&records.report);
        self.ids = OnceLock::new();
        self.records = Arc::new(records);
        self.version = DataVersion {
            base: generation,
            now: generation,
            touched: Arc::default(),
        };
    }
}
