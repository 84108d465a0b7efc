//! `kensho verify`, `kensho adopt`: the records checked against the log,
//! and a change made outside kensho taken in deliberately.

use std::path::PathBuf;
use std::process::ExitCode;

use super::output::{fail_edit, print, say};
use super::set::{field_word, records_and_log};
use crate::domain::records::{Records, default_path, folder_of, state_of};
use crate::i18n::{Lang, LogMsg};
use crate::store::baseline::fields_since;
use crate::store::changelog::{self, LogProblem, LogStatus};
use crate::store::unlogged::state_now;
use crate::store::verify::{StateCheck, verify_knowing as check_log};
use crate::text::visible;

/// Put back a save killed between its files (loading does, when it can)
/// and say so: `Err` when it still waits.
fn killed_save(
    killed: Option<String>,
    records: &Records,
    changes: &[changelog::Change],
    lang: Lang,
) -> Result<(), ExitCode> {
    let Some(txn) = killed else {
        return Ok(());
    };
    let still = crate::store::undo::pending(&records.layout.dir()).is_some();
    let save = changes.iter().find(|c| c.txn == txn);
    let when = save.map_or(txn.clone(), |c| c.timestamp.clone());
    let user = save.map(changelog::Change::who).unwrap_or_default();
    let words: [(&str, &dyn std::fmt::Display); 2] = [("when", &when), ("user", &user)];
    if still {
        say(&visible(&LogMsg::VerifyUndoPending.fill(lang, &words)));
        return Err(ExitCode::from(1));
    }
    say(&visible(&LogMsg::VerifyRolledBack.fill(lang, &words)));
    Ok(())
}

/// Before the first save: the records against git's last commit, or a
/// plain word that nothing can be checked yet. `Err` on a difference.
fn before_first_save(records: &Records, lang: Lang) -> Result<String, ExitCode> {
    let Some(committed) = crate::store::baseline::committed(&records.layout.dir()) else {
        return Ok(LogMsg::VerifyNothingYet.text(lang).to_string());
    };
    let commit = &committed.commit;
    if state_of(&committed.records.report) == state_of(&records.report) {
        return Ok(LogMsg::VerifyAsCommitted.fill(lang, &[("commit", commit)]));
    }
    let fields = fields_since(&committed.records.report, &records.report);
    for f in &fields {
        let what = f.say(commit, lang);
        say(&visible(
            &LogMsg::VerifyDiffersLine.fill(lang, &[("what", &what)]),
        ));
    }
    if fields.is_empty() {
        let what = LogMsg::SinceCommitOther.fill(lang, &[("commit", commit)]);
        say(&LogMsg::VerifyDiffersLine.fill(lang, &[("what", &what)]));
    }
    say(LogMsg::VerifyUnloggedSinceCommit.text(lang));
    Err(ExitCode::from(1))
}

pub fn verify(path: Option<PathBuf>, lang: Lang) -> ExitCode {
    let killed = crate::store::undo::pending(&folder_of(&default_path(path.clone())));
    let (records, changes, problems, stamps) = match records_and_log(path, lang) {
        Ok(x) => x,
        Err(code) => return code,
    };
    if let Err(code) = killed_save(killed, &records, &changes, lang) {
        return code;
    }
    let state = state_now(&records, &stamps, &Default::default());
    let v = check_log(&changes, problems, &records.report, Some(state));
    if v.interrupted {
        say(LogMsg::VerifyInterrupted.text(lang));
    }
    let torn = records.layout.dir().join(changelog::TORN_FILE);
    if let Ok(meta) = std::fs::metadata(&torn) {
        let file = visible(&torn.display().to_string()).into_owned();
        say(&LogMsg::VerifyTorn.fill(lang, &[("bytes", &meta.len()), ("file", &file)]));
    }
    let damaged = v
        .problems
        .iter()
        .any(|p| matches!(p, LogProblem::Damaged { .. }));
    let state = match &v.state {
        StateCheck::Unknown if changes.is_empty() => match before_first_save(&records, lang) {
            Ok(said) => said,
            Err(code) => return code,
        },
        other => other.say(lang).unwrap_or_default(),
    };
    if v.differences.is_empty() && !damaged && !v.state.is_difference() {
        let ok =
            LogMsg::VerifyOk.fill(lang, &[("fields", &v.checked), ("changes", &changes.len())]);
        return print(lang, &format!("{ok}\n{}\n", visible(&state)));
    }
    for d in &v.differences {
        say(&LogMsg::VerifyDiffersLine.fill(lang, &[("what", &d.say(lang))]));
    }
    if v.state.is_difference() {
        say(&LogMsg::VerifyDiffersLine.fill(lang, &[("what", &state)]));
        say(&LogMsg::VerifyHowToAdopt.fill(lang, &[("path", &records.layout.dir().display())]));
    }
    ExitCode::from(1)
}

/// `kensho adopt`: log what changed outside kensho, under the user's name.
pub fn adopt(
    path: Option<PathBuf>,
    reason: Option<String>,
    display_name: Option<String>,
    lang: Lang,
) -> ExitCode {
    let path = default_path(path);
    let adopted = match crate::store::adopt(&path, reason.as_deref(), display_name.as_deref()) {
        Ok(a) => a,
        Err(e) => return fail_edit(lang, &e),
    };
    if adopted.changes.is_empty() {
        return print(lang, &format!("{}\n", LogMsg::AdoptNothing.text(lang)));
    }
    let fields: Vec<&changelog::Change> = adopted
        .changes
        .iter()
        .filter(|c| c.status == LogStatus::Applied)
        .collect();
    let report = load_header(&path);
    let mut out = String::new();
    for c in &fields {
        let field = report.as_ref().map_or_else(
            || c.field.name().to_string(),
            |r| field_word(c.field, r, lang),
        );
        out.push_str(&super::set::changed_line(c, &field, lang));
        out.push('\n');
    }
    out.push_str(&LogMsg::AdoptDone.fill(lang, &[("fields", &fields.len())]));
    out.push('\n');
    print(lang, &out)
}

/// The report's header (scales' names), for the fields' words.
fn load_header(path: &std::path::Path) -> Option<crate::domain::model::Report> {
    crate::domain::records::load(path)
        .ok()
        .map(|r| crate::domain::records::header_of(&r.report))
}
