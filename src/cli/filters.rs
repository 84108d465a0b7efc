//! Filters given on the command line, checked against the report.

use super::args::FilterArgs;
use crate::domain::model::Report;
use crate::i18n::{CliMsg, Lang};
use crate::search::{Filters, all_departments, departments_matching};
use crate::text::visible;

impl FilterArgs {
    /// The filters, checked against the report's scales and departments; an
    /// unknown code or department is an error that lists what there is.
    pub fn to_filters(&self, report: &Report, lang: Lang) -> Result<Filters, String> {
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
                    return Err(CliMsg::ErrFilterCode.fill(
                        lang,
                        &[
                            ("flag", &flag),
                            ("code", &format!("{code:?}")),
                            ("scale", &visible(&scale.name)),
                            ("allowed", &visible(&scale.code_list().join(", "))),
                        ],
                    ));
                };
                set.insert(known.code.clone());
            }
        }
        for text in &self.departments {
            let found = departments_matching(report, text);
            if found.is_empty() {
                return Err(CliMsg::ErrFilterDept.fill(
                    lang,
                    &[
                        ("text", &format!("{text:?}")),
                        ("all", &visible(&all_departments(report).join(", "))),
                    ],
                ));
            }
            f.departments.extend(found);
        }
        Ok(f)
    }
}
