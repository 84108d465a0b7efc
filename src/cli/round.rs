//! `kensho round`: which round is open and what changed in it (the
//! records compared with the round's base); `kensho round start NAME`
//! starts the next one, the table as it stands becoming its base (a git
//! tag `round/NAME` when the records are in git, else a copy in
//! `rounds/NAME/`). Texts and codes carry over unchanged: departments
//! update them during the round.

use std::path::PathBuf;
use std::process::ExitCode;

use super::args::{RoundAction, RoundArgs};
use super::output::{fail, fail_lines, print};
use crate::domain::minutes::dates::wareki;
use crate::domain::model::Round;
use crate::domain::records::{default_path, load};
use crate::i18n::{CompareMsg, Lang};
use crate::store::git;
use crate::text::visible;

pub(super) fn run(
    ask: RoundArgs,
    records_of: &dyn Fn(Option<PathBuf>) -> Option<PathBuf>,
    lang: Lang,
) -> ExitCode {
    match ask.action {
        None => show(default_path(records_of(ask.path)), lang),
        Some(RoundAction::Start { name, path }) => {
            start(&name, default_path(records_of(path)), lang)
        }
    }
}

/// A date `YYYY-MM-DD` as the reader writes it: 和暦 in Japanese.
fn date_shown(date: &str, lang: Lang) -> String {
    match (lang, date.parse::<jiff::civil::Date>()) {
        (Lang::Ja, Ok(d)) => wareki(d),
        _ => date.to_string(),
    }
}

fn show(path: PathBuf, lang: Lang) -> ExitCode {
    let records = match load(&path) {
        Ok(r) => r,
        Err(e) => return fail_lines(&e.say(lang)),
    };
    let Some(round) = records.report.rounds.last().cloned() else {
        return print(lang, &format!("{}\n", CompareMsg::RoundNone.text(lang)));
    };
    let head = CompareMsg::RoundOpen.fill(
        lang,
        &[
            ("name", &visible(&round.name)),
            ("date", &date_shown(&round.started, lang)),
            ("base", &visible(&round.base)),
        ],
    );
    let done = match super::compare::compared(&round.base, &path, lang) {
        Ok(d) => d,
        Err(said) => return said.fail(lang),
    };
    let now = path.display().to_string();
    let text = done.telling(&now, lang).text(&done.comparison);
    print(lang, &format!("{head}\n\n{text}"))
}

/// Whether `name` can name a round (and a git tag, and a folder).
fn name_allowed(name: &str) -> bool {
    let count = name.chars().count();
    (1..=40).contains(&count)
        && !name.starts_with(['.', '-'])
        && !name.ends_with('.')
        && !name.contains("..")
        && !name.contains("@{")
        && !name.chars().any(|c| {
            c.is_control()
                || c.is_whitespace()
                || crate::text::visible::needs_escape(c)
                || "/\\:*?\"<>|~^[".contains(c)
        })
}

fn start(name: &str, path: PathBuf, lang: Lang) -> ExitCode {
    if !name_allowed(name) {
        return fail(
            lang,
            &CompareMsg::ErrRoundName.fill(lang, &[("name", &visible(name))]),
        );
    }
    let records = match load(&path) {
        Ok(r) => r,
        Err(e) => return fail_lines(&e.say(lang)),
    };
    if let Some(r) = records.report.rounds.iter().find(|r| r.name == name) {
        let date = date_shown(&r.started, lang);
        return fail(
            lang,
            &CompareMsg::ErrRoundExists.fill(lang, &[("name", &name), ("date", &date)]),
        );
    }
    let dir = records.layout.dir();
    let mut said = Vec::new();
    let base = if git::prefix_in_repo(&dir).is_some() {
        match tag_base(&dir, name, lang) {
            Ok(tag) => {
                said.push(CompareMsg::RoundTagged.fill(lang, &[("tag", &tag)]));
                tag
            }
            Err(code) => return code,
        }
    } else {
        match crate::store::rounds::keep_base(&dir, name) {
            Ok(folder) => folder,
            Err(e) => return fail(lang, &e.say(lang)),
        }
    };
    let started = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::system())
        .date()
        .to_string();
    let round = Round {
        name: name.to_string(),
        started,
        base: base.clone(),
    };
    if let Err(e) = crate::store::rounds::add_round(&dir, round) {
        return fail(lang, &e.say(lang));
    }
    let mut out = vec![CompareMsg::RoundStarted.fill(lang, &[("name", &name), ("base", &base)])];
    out.extend(said);
    if git::prefix_in_repo(&dir).is_some() {
        out.push(CompareMsg::RoundCommitHint.text(lang).to_string());
    }
    print(lang, &format!("{}\n", out.join("\n")))
}

/// Tag the records' last commit `round/NAME`: refused while the records
/// have changes not committed (the tag would not hold them).
fn tag_base(dir: &std::path::Path, name: &str, lang: Lang) -> Result<String, ExitCode> {
    let dirty = git::uncommitted(dir).map_err(|e| fail(lang, &e.say(lang)))?;
    if !dirty.is_empty() {
        let files = visible(&dirty.join(", ")).into_owned();
        return Err(fail(
            lang,
            &CompareMsg::ErrRoundDirty.fill(lang, &[("files", &files)]),
        ));
    }
    let tag = format!("round/{name}");
    if !git::has_tag(dir, &tag) {
        git::tag_head(dir, &tag).map_err(|e| fail(lang, &e.say(lang)))?;
    }
    Ok(tag)
}
