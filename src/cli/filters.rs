//! Filters given on the command line, checked against the report.

use super::args::FilterArgs;
use crate::domain::model::Report;
use crate::i18n::{CliMsg, Lang};
use crate::search::{
    Filters, Order, Query, SearchIndex, Searcher, all_departments, departments_matching,
};
use crate::text::visible;

/// A filter of the command line that the report does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.say(Lang::En))]
pub enum FilterError {
    /// A code not in its scale (`flag`: `--phase` or `--direction`).
    Code {
        flag: &'static str,
        code: String,
        scale: String,
        allowed: Vec<String>,
    },
    /// A department text that names no department.
    Department { text: String, all: Vec<String> },
}

impl FilterError {
    /// The sentence in `lang`, with what there is.
    pub fn say(&self, lang: Lang) -> String {
        match self {
            FilterError::Code {
                flag,
                code,
                scale,
                allowed,
            } => CliMsg::ErrFilterCode.fill(
                lang,
                &[
                    ("flag", flag),
                    ("code", &format!("{code:?}")),
                    ("scale", &visible(scale)),
                    ("allowed", &visible(&allowed.join(", "))),
                ],
            ),
            FilterError::Department { text, all } => CliMsg::ErrFilterDept.fill(
                lang,
                &[
                    ("text", &format!("{text:?}")),
                    ("all", &visible(&all.join(", "))),
                ],
            ),
        }
    }
}

impl FilterArgs {
    /// The filters, checked against the report's scales and departments; an
    /// unknown code or department is an error that lists what there is.
    pub fn to_filters(&self, report: &Report) -> Result<Filters, FilterError> {
        let mut f = Filters {
            hide_relisted: self.hide_relisted,
            ..Filters::default()
        };
        for (codes, scale, set, flag) in [
            (&self.phase, &report.phase_scale, &mut f.phases, "--phase"),
            (
                &self.direction,
                &report.direction_scale,
                &mut f.directions,
                "--direction",
            ),
        ] {
            for code in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
                let Some(known) = scale
                    .codes
                    .iter()
                    .find(|c| c.code.eq_ignore_ascii_case(code))
                else {
                    return Err(FilterError::Code {
                        flag,
                        code: code.to_string(),
                        scale: scale.name.clone(),
                        allowed: scale.code_list(),
                    });
                };
                set.insert(known.code.clone());
            }
        }
        for text in &self.departments {
            let found = departments_matching(report, text);
            if found.is_empty() {
                return Err(FilterError::Department {
                    text: text.clone(),
                    all: all_departments(report),
                });
            }
            f.departments.extend(found);
        }
        Ok(f)
    }
}

/// `report` narrowed to the items that pass `filters` and match `query`
/// (`None` or blank: every item), in source order: what an export writes.
pub fn narrowed(report: Report, filters: &Filters, query: Option<&str>) -> Report {
    let query = Query::parse(query.unwrap_or_default());
    if query.is_empty() {
        // Nothing to narrow: the records themselves, not a copy of them.
        if filters.is_empty() {
            return report;
        }
        return report.retaining(|r| filters.accepts(&r));
    }
    let mut index = SearchIndex::new(&report);
    if query.has_readings() {
        index.add_readings();
    }
    let hits = Searcher::default().search(&index, &report, &query, filters, Order::Source, None);
    let wanted: std::collections::HashSet<usize> = hits.iter().map(|h| h.item).collect();
    let ids: std::collections::HashSet<&str> = report
        .items()
        .enumerate()
        .filter(|(i, _)| wanted.contains(i))
        .map(|(_, r)| r.item.id.as_str())
        .collect();
    report.retaining(|r| ids.contains(r.item.id.as_str()))
}
