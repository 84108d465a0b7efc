//! How an [`Item`] is written. In the records (RON, and any other format
//! meant to be read by people) a `departments_merged` that is false is left
//! out, as the source table is mostly unmerged. A binary format such as the
//! parsed copies' postcard has no field names: there a field left out would
//! shift every field after it, so every field is always written.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::Item;

impl Serialize for Item {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let skip_merged = serializer.is_human_readable() && !self.departments_merged;
        let fields = if skip_merged { 9 } else { 10 };
        let mut s = serializer.serialize_struct("Item", fields)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("progress", &self.progress)?;
        s.serialize_field("phase", &self.phase)?;
        s.serialize_field("assessment", &self.assessment)?;
        s.serialize_field("direction", &self.direction)?;
        s.serialize_field("departments", &self.departments)?;
        if skip_merged {
            s.skip_field("departments_merged")?;
        } else {
            s.serialize_field("departments_merged", &self.departments_merged)?;
        }
        s.serialize_field("relisted", &self.relisted)?;
        s.serialize_field("relists", &self.relists)?;
        s.serialize_field("note", &self.note)?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::model::Recommendation;

    fn bundled() -> Vec<Recommendation> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records");
        crate::domain::records::load(&dir)
            .unwrap()
            .report
            .recommendations
    }

    /// The parsed copies' format gives back every item as it was, merged
    /// departments or not (a field left out used to shift the rest, and
    /// every copy was refused).
    #[test]
    fn a_binary_copy_gives_back_every_item() {
        let recommendations = bundled();
        let merged: Vec<bool> = recommendations
            .iter()
            .flat_map(Recommendation::items)
            .map(|i| i.departments_merged)
            .collect();
        assert!(merged.contains(&true) && merged.contains(&false));
        for r in &recommendations {
            let bytes = postcard::to_stdvec(r).unwrap();
            let back: Recommendation = postcard::from_bytes(&bytes).unwrap();
            assert_eq!(&back, r);
        }
    }

    /// The records still leave out a `departments_merged` that is false.
    #[test]
    fn the_records_leave_out_an_unmerged_flag() {
        let recommendations = bundled();
        let item = recommendations
            .iter()
            .flat_map(Recommendation::items)
            .find(|i| !i.departments_merged)
            .unwrap();
        let text = ron::to_string(item).unwrap();
        assert!(!text.contains("departments_merged"), "{text}");
        let merged = recommendations
            .iter()
            .flat_map(Recommendation::items)
            .find(|i| i.departments_merged)
            .unwrap();
        assert!(
            ron::to_string(merged)
                .unwrap()
                .contains("departments_merged:true")
        );
    }
}
