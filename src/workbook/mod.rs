//! Workbooks: the table published as the source prints it
//! ([`publish::published`]), one workbook per department to fill in
//! ([`survey::survey`]), and such a workbook taken back ([`returned`]).
//!
//! Everything here is pure: workbooks are made into bytes or any writer
//! ([`publish::publish_to`]) and read from bytes; the command line reads
//! and writes the files (through [`crate::store`]).

pub mod base;
pub mod contrast;
mod latched;
mod layout;
mod pages;
pub mod publish;
pub mod returned;
mod sheets;
pub mod survey;

pub use layout::cell_name;

use crate::domain::model::Report;

/// Where `report` has a text longer than a workbook cell holds (item ids,
/// or `R-P` for a policy, `R` for a recommendation's band): such a text is
/// cut in the workbook, and in a survey its cell is locked.
pub fn cut_places(report: &Report) -> Vec<String> {
    use layout::too_long;
    let mut out = Vec::new();
    for rec in &report.recommendations {
        if too_long(&publish::band_text(rec, crate::i18n::Lang::Ja)) {
            out.push(rec.number.to_string());
        }
        for p in &rec.points {
            let policy = &p.policy;
            if too_long(&policy.text) || too_long(&policy.assessment) {
                out.push(format!("{}-{}", rec.number, p.number));
            }
        }
    }
    for r in report.items() {
        let item = r.item;
        let texts = [
            item.progress.as_str(),
            item.assessment.as_str(),
            r.measure.text.as_deref().unwrap_or_default(),
        ];
        if texts.iter().any(|t| too_long(t)) || too_long(&item.departments.join("\n")) {
            out.push(item.id.clone());
        }
    }
    out
}
