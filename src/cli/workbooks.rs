//! `kensho export`, `kensho survey`, `kensho import`: the table as text or a
//! workbook, one workbook per department, and a department's answers taken
//! back into the records.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::args::{ExportArgs, FilterArgs, ImportArgs, SurveyArgs};
use super::filters::narrowed;
use super::output::{fail, fail_edit, fail_lines, print, warn};
use crate::domain::error::io_reason;
use crate::domain::export::{self as exporting, CsvStyle, Format, Headers};
use crate::domain::field::Edit;
use crate::domain::minutes::report_lang;
use crate::domain::model::Report;
use crate::domain::records::default_path;
use crate::i18n::{BookMsg, CliMsg, Lang};
use crate::search::Filters;
use crate::store::parsed::load_and_keep;
use crate::store::{Why, apply_edits, changelog};
use crate::text::visible;
use crate::workbook::{publish, returned, survey};

/// The records loaded and narrowed by the filters and query.
fn narrowed_records(
    path: Option<PathBuf>,
    filters: &FilterArgs,
    query: Option<&str>,
    lang: Lang,
) -> Result<(Filters, Report), ExitCode> {
    let records = load_and_keep(&default_path(path)).map_err(|e| fail_lines(&e.say(lang)))?;
    let filters = filters
        .to_filters(&records.report)
        .map_err(|e| fail(lang, &e.say(lang)))?;
    let report = narrowed(records.report, &filters, query);
    if report.items().next().is_none() {
        warn(lang, BookMsg::ErrNoItems.text(lang));
    }
    Ok((filters, report))
}

/// Say where a text is longer than a workbook cell holds (it is cut there).
fn warn_cut(report: &Report, lang: Lang) {
    let places = crate::workbook::cut_places(report);
    if places.is_empty() {
        return;
    }
    let mut shown: Vec<String> = places
        .iter()
        .take(10)
        .map(|p| visible(p).into_owned())
        .collect();
    if places.len() > 10 {
        shown.push(format!("… ({})", places.len()));
    }
    warn(
        lang,
        &BookMsg::WarnCut.fill(lang, &[("places", &shown.join(", "))]),
    );
}

/// Standard output, noting whether the reader went away.
struct Piped {
    out: std::io::Stdout,
    gone: bool,
}

impl Write for Piped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.out.write(buf);
        self.gone |= written
            .as_ref()
            .is_err_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe);
        written
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The published workbook of `report` written to `out` (atomically; never
/// one of kensho's own files) or to standard output, as it is made.
fn deliver_workbook(report: Report, words: Lang, out: Option<&Path>, lang: Lang) -> ExitCode {
    let workbook_failed =
        |e: &dyn std::fmt::Display| fail(lang, &BookMsg::ErrWorkbook.fill(lang, &[("error", e)]));
    let Some(path) = out else {
        let mut piped = Piped {
            out: std::io::stdout(),
            gone: false,
        };
        let mut buffered = std::io::BufWriter::new(&mut piped);
        let written = publish::publish_to(report, words, &mut buffered)
            .map_err(|e| e.to_string())
            .and_then(|()| buffered.flush().map_err(|e| e.to_string()));
        drop(buffered);
        return match written {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) if piped.gone => ExitCode::SUCCESS,
            Err(e) => workbook_failed(&e),
        };
    };
    let mut failed = None;
    let written = crate::store::out::write_with(path, |sink| {
        publish::publish_to(report, words, sink).map_err(|e| {
            let io = std::io::Error::other(e.to_string());
            failed = Some(e);
            io
        })
    });
    match (failed, written) {
        (Some(e), _) => workbook_failed(&e),
        (None, Ok(())) => ExitCode::SUCCESS,
        (None, Err(e)) => fail(lang, &e.say(lang)),
    }
}

/// Write `bytes` to `out` (atomically; never one of kensho's own files),
/// or to standard output.
fn deliver(bytes: &[u8], out: Option<&Path>, lang: Lang) -> ExitCode {
    match out {
        Some(out) => match crate::store::out::write_bytes(out, bytes) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(lang, &e.say(lang)),
        },
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => fail(lang, &CliMsg::ErrStdout.fill(lang, &[("error", &e)])),
            }
        }
    }
}

pub fn export(ask: ExportArgs, lang_given: Option<Lang>, lang: Lang) -> ExitCode {
    if let Err(code) = super::opendata::refuse_options(&ask, lang) {
        return code;
    }
    let path = ask.path.clone();
    let (_, report) = match narrowed_records(path, &ask.filters, ask.query.as_deref(), lang) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let words = lang_given.unwrap_or_else(|| report_lang(&report));
    if let (Format::Opendata, Some(dir)) = (ask.format, &ask.out) {
        return super::opendata::export(&ask, dir, &report, words, lang);
    }
    if ask.format == Format::Xlsx {
        warn_cut(&report, lang);
        // A binary file is never written onto a terminal.
        if ask.out.is_none() && std::io::stdout().is_terminal() {
            return fail(lang, BookMsg::ErrXlsxOut.text(lang));
        }
        return deliver_workbook(report, words, ask.out.as_deref(), lang);
    }
    let style = CsvStyle {
        headers: ask.headers.unwrap_or(match report_lang(&report) {
            Lang::Ja => Headers::Ja,
            Lang::En => Headers::En,
        }),
        meanings: ask.meanings,
        raw: ask.raw,
    };
    match exporting::export(&report, ask.format, style, words) {
        Ok(text) => match ask.out {
            None => print(lang, &text),
            Some(out) => match crate::store::out::write_text(&out, &text) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(lang, &e.say(lang)),
            },
        },
        Err(e) => fail(lang, &e.say(lang)),
    }
}

/// `kensho survey`: one workbook per department (those `--dept` names, or
/// every one) in the folder `out`. A workbook already there is never
/// replaced unless asked: it may be a department's answer.
pub fn survey(ask: SurveyArgs, lang_given: Option<Lang>, lang: Lang) -> ExitCode {
    let (filters, report) =
        match narrowed_records(ask.path, &ask.filters, ask.query.as_deref(), lang) {
            Ok(r) => r,
            Err(code) => return code,
        };
    // `--dept` chooses the departments; without it, every one.
    let departments: Vec<String> = report
        .departments()
        .into_iter()
        .filter(|d| filters.departments.is_empty() || filters.departments.contains(d))
        .collect();
    let words = lang_given.unwrap_or_else(|| report_lang(&report));
    warn_cut(&report, lang);
    let out = ask.out;
    // Every workbook first, each with its file name (two departments whose
    // names differ only in what a file name cannot hold get a number).
    let made = changelog::now();
    let mut books: Vec<(PathBuf, String, Vec<u8>, usize)> = Vec::new();
    for department in departments {
        let (bytes, count) = match survey::survey(&report, &department, words, &made) {
            Ok(Some(made)) => made,
            Ok(None) => continue,
            Err(e) => return fail(lang, &BookMsg::ErrWorkbook.fill(lang, &[("error", &e)])),
        };
        let mut name = survey::file_name(&department);
        let stem = name.trim_end_matches(".xlsx").to_string();
        let mut n = 2;
        while books
            .iter()
            .any(|(f, ..)| f.file_name() == Some(name.as_ref()))
        {
            name = format!("{stem}-{n}.xlsx");
            n += 1;
        }
        books.push((out.join(&name), department, bytes, count));
    }
    let there: Vec<String> = books
        .iter()
        .filter(|(f, ..)| f.symlink_metadata().is_ok())
        .map(|(f, ..)| f.display().to_string())
        .collect();
    if !there.is_empty() && !ask.replace {
        let what = BookMsg::ErrSurveyExists.fill(lang, &[("files", &there.join(", "))]);
        return fail(lang, &visible(&what));
    }
    if let Err(e) = std::fs::create_dir_all(&out) {
        let what = CliMsg::ErrCannotCreate.fill(
            lang,
            &[("path", &out.display()), ("error", &io_reason(&e, lang))],
        );
        return fail(lang, &what);
    }
    // Every place checked before any workbook is written.
    for (file, ..) in &books {
        if let Err(e) = crate::store::out::refuse_own(file) {
            return fail(lang, &e.say(lang));
        }
    }
    let mut lines = Vec::new();
    for (file, department, bytes, count) in books {
        if let Err(e) = crate::store::out::write_bytes(&file, &bytes) {
            return fail(lang, &e.say(lang));
        }
        lines.push(BookMsg::SurveyWrote.fill(
            lang,
            &[
                ("file", &file.display()),
                ("department", &department),
                ("items", &count),
            ],
        ));
    }
    print(lang, &format!("{}\n", visible(&lines.join("\n"))))
}

/// The largest workbook read (a department's answers are far smaller).
const LARGEST_WORKBOOK: u64 = 256 << 20;

/// The returned workbook's bytes and its file name, or why it cannot be read.
pub(super) fn read_workbook(file: &Path, lang: Lang) -> Result<(Vec<u8>, String), ExitCode> {
    let bytes = crate::domain::files::read_regular(file, LARGEST_WORKBOOK).map_err(|e| {
        let what = CliMsg::ErrCannotRead.fill(
            lang,
            &[
                ("path", &visible(&file.display().to_string())),
                ("error", &io_reason(&e, lang)),
            ],
        );
        fail(lang, &what)
    })?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.display().to_string());
    Ok((bytes, name))
}

/// What the workbook would change, in lines: the summary, each change with
/// its reason, the rows missing, the problems.
fn plan_lines(plan: &returned::Plan, file_name: &str, report: &Report, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let items: std::collections::BTreeSet<&str> =
        plan.changes.iter().map(|c| c.item.as_str()).collect();
    out.push(BookMsg::ImportSummary.fill(
        lang,
        &[
            ("file", &file_name),
            ("department", &plan.department),
            ("changes", &plan.changes.len()),
            ("items", &items.len()),
            ("problems", &plan.problems.len()),
        ],
    ));
    for c in &plan.changes {
        out.push(BookMsg::ChangeLine.fill(
            lang,
            &[
                ("item", &c.item),
                ("field", &c.field.label(report, lang)),
                ("old", &c.old.replace('\n', "\\n")),
                ("new", &c.new.replace('\n', "\\n")),
            ],
        ));
        if let Some(reason) = &c.reason {
            out.push(BookMsg::ReasonLine.fill(lang, &[("reason", &reason.replace('\n', " "))]));
        }
    }
    for id in &plan.missing {
        out.push(BookMsg::RowMissing.fill(lang, &[("item", id)]));
    }
    if !plan.problems.is_empty() {
        out.push(BookMsg::ImportProblems.text(lang).to_string());
        out.extend(
            plan.problems
                .iter()
                .map(|p| format!("  {}", p.say(report, lang))),
        );
    }
    out
}

/// The plan's changes saved and logged, each with its row's reason and
/// where it came from; the records as read are what was seen (a field
/// someone changes from here on is a conflict, never overwritten).
fn apply_plan(
    path: &Path,
    plan: &returned::Plan,
    from: &str,
    display_name: Option<&str>,
    report: &Report,
) -> Result<crate::store::Saved, crate::store::EditError> {
    let reasons: BTreeMap<String, String> = plan
        .changes
        .iter()
        .filter_map(|c| {
            let r = c.reason.as_ref()?;
            Some((c.item.clone(), format!("{r}（{from}）")))
        })
        .collect();
    let edits: Vec<Edit> = plan
        .changes
        .iter()
        .map(|c| Edit {
            item: c.item.clone(),
            field: c.field,
            value: c.new.clone(),
        })
        .collect();
    let department = plan.department.trim();
    let why = Why {
        reason: Some(from),
        meeting: None,
        display_name,
        department: (!department.is_empty()).then_some(department),
        item_reasons: Some(&reasons),
    };
    apply_edits(path, &edits, why, Some(report))
}

/// `kensho import`: what the workbook would change; with `--apply`, those
/// changes saved and logged like any other.
pub fn import(ask: ImportArgs, display_name: Option<String>, lang: Lang) -> ExitCode {
    let path = default_path(ask.path);
    let records = match load_and_keep(&path) {
        Ok(r) => r,
        Err(e) => return fail_lines(&e.say(lang)),
    };
    let (bytes, file_name) = match read_workbook(&ask.file, lang) {
        Ok(read) => read,
        Err(code) => return code,
    };
    let report = &records.report;
    let plan = match returned::plan(&bytes, &file_name, report) {
        Ok(p) => p,
        Err(e) => return fail(lang, &e.say(lang)),
    };
    let mut out = plan_lines(&plan, &file_name, report, lang);
    let show = |lines: &[String]| visible(&lines.join("\n")).into_owned() + "\n";
    let problems = !plan.problems.is_empty();
    // Problems stop it (unless skipped); nothing to change, or a dry run,
    // ends here too.
    let blocked = problems && !ask.skip_problems;
    let last = if blocked {
        Some(BookMsg::ImportBlocked)
    } else if plan.changes.is_empty() {
        Some(BookMsg::ImportNothing)
    } else if !ask.apply {
        Some(BookMsg::ImportDryRun)
    } else {
        None
    };
    if let Some(last) = last {
        out.push(last.text(lang).to_string());
        let code = print(lang, &show(&out));
        return if blocked { ExitCode::from(1) } else { code };
    }
    let from = BookMsg::ImportedFrom.fill(lang, &[("file", &file_name)]);
    // What the save checks for conflicts is the items it changes, as read:
    // the rest of the records is let go, so that the save has its memory.
    let named: std::collections::HashSet<&str> =
        plan.changes.iter().map(|c| c.item.as_str()).collect();
    let seen = report.retaining(|r| named.contains(r.item.id.as_str()));
    drop(records);
    let saved = match apply_plan(&path, &plan, &from, display_name.as_deref(), &seen) {
        Ok(s) => s,
        Err(e) => {
            let _ = print(lang, &show(&out));
            return fail_edit(lang, &e);
        }
    };
    out.push(BookMsg::ImportApplied.fill(lang, &[("changes", &saved.changes.len())]));
    if problems {
        let rows: std::collections::BTreeSet<Option<&str>> =
            plan.problems.iter().map(|p| p.item.as_deref()).collect();
        out.push(BookMsg::ImportSkipped.fill(lang, &[("rows", &rows.len())]));
    }
    print(lang, &show(&out))
}

/// `kensho completions SHELL`: the script that has the shell ask kensho
/// itself, so that ids, codes, departments and meetings are offered from
/// the records.
pub fn completions(shell: clap_complete::Shell, lang: Lang) -> ExitCode {
    match super::complete::registration(shell) {
        Ok(bytes) => deliver(&bytes, None, lang),
        Err(e) => fail(lang, &CliMsg::ErrStdout.fill(lang, &[("error", &e)])),
    }
}

/// `kensho man`: the manual page, in roff.
pub fn man(lang: Lang) -> ExitCode {
    let cmd = super::help::localize(<super::Cli as clap::CommandFactory>::command(), lang);
    deliver(super::man::page(&cmd, lang).as_bytes(), None, lang)
}
