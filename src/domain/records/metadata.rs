//! The report's metadata in its header (`report.ron`): the body's
//! 全国地方公共団体コード and the table's date, each optional and, when
//! given, held to the open data's rules ([`crate::domain::opendata::rules`]).
//! A problem is reported at the field's line:column.

use std::path::Path;

use super::validate::find;
use crate::domain::error::{LoadError, Problem};
use crate::domain::model::Report;
use crate::domain::opendata::rules::{CodeFault, code_fault, is_date};

/// The header's code and date, checked; `text` is the header file's.
pub(super) fn check(report: &Report, path: &Path, text: &str, errors: &mut Vec<LoadError>) {
    if let Some(code) = &report.organisation_code
        && let Some(fault) = code_fault(code)
    {
        let problem = match fault {
            CodeFault::Shape => Problem::OrganisationCode {
                code: code.clone(),
                expected: None,
            },
            CodeFault::CheckDigit { expected } => Problem::OrganisationCode {
                code: code.clone(),
                expected: Some(expected),
            },
        };
        errors.push(LoadError::Invalid {
            at: find(path, text, "organisation_code"),
            problem,
        });
    }
    if let Some(date) = &report.as_of
        && !is_date(date)
    {
        errors.push(LoadError::Invalid {
            at: find(path, text, "as_of"),
            problem: Problem::AsOf { date: date.clone() },
        });
    }
}
