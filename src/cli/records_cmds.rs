//! `kensho check`, `kensho generate`: the records as a whole.

use std::path::PathBuf;
use std::process::ExitCode;

use super::output::{fail, fail_lines, print};
use crate::domain::error::io_reason;
use crate::domain::generate::generate as synthesize;
use crate::domain::records::{REPORT_FILE, Records, default_path, load};
use crate::domain::summary::Summary;
use crate::i18n::{CliMsg, Lang};
use crate::store::write_records;

/// Load, validate, print the counts.
pub fn check(path: Option<PathBuf>, lang: Lang) -> ExitCode {
    let path = default_path(path);
    if path.is_dir() {
        crate::store::undo::put_back_if_killed(&path);
    }
    match load(&path) {
        Ok(records) => {
            let ok = CliMsg::CheckOk.fill(lang, &[("path", &path.display())]);
            print(
                lang,
                &format!("{ok}\n{}", Summary::of(&records.report).say(lang)),
            )
        }
        Err(e) => fail_lines(&e.say(lang)),
    }
}

/// A large synthetic report in a new folder (for benchmarks).
pub fn generate(
    items: usize,
    seed: u64,
    from: Option<PathBuf>,
    out: PathBuf,
    lang: Lang,
) -> ExitCode {
    let template = match load(&default_path(from)) {
        Ok(r) => r.report,
        Err(e) => return fail_lines(&e.say(lang)),
    };
    if out.join(REPORT_FILE).exists() {
        return fail(
            lang,
            &CliMsg::ErrHoldsRecords.fill(lang, &[("path", &out.display())]),
        );
    }
    if let Err(e) = std::fs::create_dir_all(&out) {
        let what = CliMsg::ErrCannotCreate.fill(
            lang,
            &[("path", &out.display()), ("error", &io_reason(&e, lang))],
        );
        return fail(lang, &what);
    }
    let report = synthesize(&template, items, seed);
    match write_records(&Records::in_new_folder(report, out)) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => fail(lang, &e.say(lang)),
    }
}
