//! `kensho export --format opendata --out DIR`: the two tables of the open
//! data, checked by their own check before anything is written, then
//! written into DIR (made if missing) through the store.

use std::path::Path;
use std::process::ExitCode;

use super::args::ExportArgs;
use super::output::{fail, print, warn};
use crate::domain::export::Format;
use crate::domain::model::Report;
use crate::domain::opendata::{self, check};
use crate::i18n::{BookMsg, Lang};
use crate::text::visible;

/// The options that do not go with the format asked for, said before the
/// records are read: `--bom` belongs to opendata alone, `--headers` and
/// `--meanings` not to it (its columns are the data sets' and it always
/// names each code), and opendata needs `--out`.
pub fn refuse_options(ask: &ExportArgs, lang: Lang) -> Result<(), ExitCode> {
    let opendata = ask.format == Format::Opendata;
    let format = clap::ValueEnum::to_possible_value(&ask.format)
        .map(|v| v.get_name().to_string())
        .unwrap_or_default();
    let not_for = |option: &str| {
        let what = BookMsg::ErrNotForFormat.fill(lang, &[("option", &option), ("format", &format)]);
        Err(fail(lang, &what))
    };
    if ask.bom && !opendata {
        return not_for("--bom");
    }
    if opendata && ask.headers.is_some() {
        return not_for("--headers");
    }
    if opendata && ask.meanings {
        return not_for("--meanings");
    }
    if opendata && ask.out.is_none() {
        return Err(fail(lang, BookMsg::ErrOpenDataOut.text(lang)));
    }
    Ok(())
}

/// Write the open data of `report` (notes in `words`) into `dir`.
pub fn export(ask: &ExportArgs, dir: &Path, report: &Report, words: Lang, lang: Lang) -> ExitCode {
    let data = match opendata::tables(report, words, ask.raw) {
        Ok(data) => data,
        Err(e) => return fail(lang, &visible(&e.say(lang))),
    };
    if report.as_of.is_none() {
        warn(lang, BookMsg::WarnNoDate.text(lang));
    }
    let mut files = Vec::new();
    for table in [&data.items, &data.departments] {
        match table.text(ask.bom) {
            Ok(text) => files.push((dir.join(&table.file), text, table.rows.len())),
            Err(e) => return fail(lang, &e.say(lang)),
        }
    }
    // The files as they will be written, held to the rules first.
    let [(items, items_text, _), (departments, departments_text, _)] = files.as_slice() else {
        return ExitCode::SUCCESS;
    };
    let findings = check::check(
        (&items.display().to_string(), items_text.as_bytes()),
        (
            &departments.display().to_string(),
            departments_text.as_bytes(),
        ),
    );
    if !findings.is_empty() {
        let lines: Vec<String> = findings.iter().map(|f| f.say(lang)).collect();
        let what = BookMsg::ErrOwnCheck.fill(lang, &[("findings", &lines.join("\n"))]);
        return fail(lang, &visible(&what));
    }
    if let Err(e) = crate::store::out::make_folder(dir) {
        return fail(lang, &e.say(lang));
    }
    // Every place checked before either file is written.
    for (file, ..) in &files {
        if let Err(e) = crate::store::out::refuse_own(file) {
            return fail(lang, &e.say(lang));
        }
    }
    let mut lines = Vec::new();
    for (file, text, rows) in &files {
        if let Err(e) = crate::store::out::write_text(file, text) {
            return fail(lang, &e.say(lang));
        }
        let file = file.display();
        lines.push(BookMsg::OpenDataWrote.fill(lang, &[("file", &file), ("rows", rows)]));
    }
    print(lang, &format!("{}\n", visible(&lines.join("\n"))))
}
