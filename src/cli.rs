//! The command line: what `main` parses and hands to the library.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::app::{App, ColorMode, Options};
use crate::export::{Format, export};
use crate::i18n::Lang;
use crate::model::Report;
use crate::records::{default_path, load};
use crate::search::{
    Filters, Order, Query, SearchIndex, Searcher, all_departments, best_text, departments_matching,
    excerpt,
};
use crate::summary::Summary;

/// kensho: a keyboard-driven review board for the progress table of a
/// verification report (検証報告書の提言に対する具体的な取組の内容及び実施状況).
#[derive(Debug, Parser)]
#[command(name = "kensho", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Records folder or file [default: records]
    pub path: Option<PathBuf>,
    /// Interface language [default: from LC_ALL / LANG: ja_* is Japanese]
    #[arg(long, value_enum, global = true)]
    pub lang: Option<Lang>,
    /// ASCII borders and symbols, for terminals that draw East-Asian ambiguous
    /// characters double width
    #[arg(long, global = true)]
    pub ascii: bool,
    /// Open the board with this search (fzf syntax)
    #[arg(long)]
    pub query: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and validate the records, and print their counts.
    Check {
        /// Records folder or file [default: records]
        path: Option<PathBuf>,
    },
    /// Print the items matching QUERY (fzf syntax), best first; exit 1 when
    /// nothing matches.
    Search {
        /// [PATH] QUERY: records folder or file (default: records), and the query
        #[arg(num_args = 1..=2, required = true, value_names = ["PATH", "QUERY"])]
        args: Vec<String>,
        /// Print at most N hits
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// JSON output: one object per hit
        #[arg(long)]
        json: bool,
    },
    /// Write a large synthetic report (for benchmarks) to the folder OUT.
    Generate {
        /// Number of items
        #[arg(long)]
        items: usize,
        /// Seed: the same seed gives the same report
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Records whose scales, departments and phrases are used [default: records]
        #[arg(long)]
        from: Option<PathBuf>,
        /// The folder to write (created; must not hold records already)
        out: PathBuf,
    },
    /// Set fields of one item: kensho set [PATH] ID phase=B direction=III [--reason TEXT]
    Set {
        /// [PATH] ID FIELD=VALUE...: fields are phase, direction, progress, assessment
        #[arg(num_args = 2.., required = true, value_names = ["PATH", "ID"])]
        args: Vec<String>,
        /// Why (the meeting's decision); stored in the change log
        #[arg(long)]
        reason: Option<String>,
    },
    /// Print the change log.
    Log {
        /// Records folder or file [default: records]
        path: Option<PathBuf>,
        /// Only this item
        #[arg(long)]
        item: Option<String>,
        /// Only changes on or after this date (YYYY-MM-DD) or time (RFC 3339)
        #[arg(long)]
        since: Option<String>,
        /// Only this user
        #[arg(long)]
        user: Option<String>,
        /// One JSON object per line, as stored
        #[arg(long)]
        json: bool,
    },
    /// Check that the latest logged value of every logged field equals the records.
    Verify {
        /// Records folder or file [default: records]
        path: Option<PathBuf>,
    },
    /// Print the records as JSON, CSV or Markdown on standard output.
    Export {
        /// Records folder or file [default: records]
        path: Option<PathBuf>,
        #[arg(long, value_enum)]
        format: Format,
    },
}

/// Filters given on the command line.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Only items at these phases (実施区分), e.g. C,D
    #[arg(long, value_delimiter = ',', global = true)]
    pub phase: Vec<String>,
    /// Only items with these directions (評価区分), e.g. III
    #[arg(long, value_delimiter = ',', global = true)]
    pub direction: Vec<String>,
    /// Only items of departments whose name or bureau contains TEXT (repeatable)
    #[arg(long = "dept", value_name = "TEXT", global = true)]
    pub departments: Vec<String>,
    /// Hide relisted (【再掲】) rows
    #[arg(long, global = true)]
    pub hide_relisted: bool,
}

impl FilterArgs {
    /// The filters, checked against the report's scales and departments.
    pub fn to_filters(&self, report: &Report) -> Result<Filters, String> {
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
                    return Err(format!(
                        "error: {flag} {code:?} is not a code of {}; allowed: {}",
                        scale.name,
                        scale.code_list().join(", ")
                    ));
                };
                set.insert(known.code.clone());
            }
        }
        for text in &self.departments {
            let found = departments_matching(report, text);
            if found.is_empty() {
                return Err(format!(
                    "error: --dept {text:?} matches no department; there are: {}",
                    all_departments(report).join(", ")
                ));
            }
            f.departments.extend(found);
        }
        Ok(f)
    }
}

/// Exit codes: 0 success, 1 no match (search), 2 error (bad records, bad
/// usage), as grep does.
pub const EXIT_ERROR: u8 = 2;

fn print(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that went away (`| head`) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(EXIT_ERROR)
}

fn check(path: Option<PathBuf>) -> ExitCode {
    let path = default_path(path);
    match load(&path) {
        Ok(records) => print(&format!(
            "{}: ok\n{}",
            path.display(),
            Summary::of(&records.report)
        )),
        Err(e) => fail(e),
    }
}

fn search(args: Vec<String>, limit: usize, json: bool, filter_args: &FilterArgs) -> ExitCode {
    let (path, query) = match args.as_slice() {
        [q] => (None, q.clone()),
        [p, q] => (Some(PathBuf::from(p)), q.clone()),
        _ => return fail("error: give [PATH] QUERY"),
    };
    let records = match load(&default_path(path)) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let report = &records.report;
    let filters = match filter_args.to_filters(report) {
        Ok(f) => f,
        Err(e) => return fail(e),
    };
    let index = SearchIndex::new(report);
    let searcher = Searcher::default();
    let query = Query::parse(&query);
    let hits = searcher.search(&index, report, &query, &filters, Order::Score, None);
    if hits.is_empty() {
        return ExitCode::from(1);
    }
    let items: Vec<_> = report.items().collect();
    use std::io::IsTerminal;
    let styled = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let (open, close) = if styled {
        ("\u{1b}[1;7m", "\u{1b}[0m")
    } else {
        ("[", "]")
    };
    let mut out = String::new();
    for hit in hits.iter().take(limit) {
        let Some(r) = items.get(hit.item) else {
            continue;
        };
        let best = best_text(&searcher, &query, r);
        if json {
            let (field, text, positions) = best.unwrap_or(("", String::new(), Vec::new()));
            let line = serde_json::json!({
                "id": r.item.id,
                "score": hit.score,
                "field": field,
                "text": text,
                "positions": positions,
            });
            out.push_str(&line.to_string());
            out.push('\n');
        } else {
            let shown = match best {
                Some((field, text, positions)) => {
                    format!("{field}: {}", excerpt(&text, &positions, 60, open, close))
                }
                None => crate::textwidth::truncate(&r.item.progress, 60, "…"),
            };
            out.push_str(&format!("{}\t{}\t{}\n", r.item.id, hit.score, shown));
        }
    }
    print(&out)
}

fn set(args: Vec<String>, reason: Option<String>) -> ExitCode {
    // [PATH] ID FIELD=VALUE...: the first argument is a path when the second is the id.
    let (path, rest) = if args.len() >= 2 && !args[1].contains('=') {
        (Some(PathBuf::from(&args[0])), &args[1..])
    } else {
        (None, &args[..])
    };
    let Some((id, assignments)) = rest.split_first() else {
        return fail("error: give [PATH] ID FIELD=VALUE...");
    };
    if assignments.is_empty() {
        return fail(
            "error: nothing to set; give FIELD=VALUE (fields: phase, direction, progress, assessment)",
        );
    }
    let mut edits = Vec::new();
    for a in assignments {
        let Some((name, value)) = a.split_once('=') else {
            return fail(format!("error: {a:?} is not FIELD=VALUE"));
        };
        let Some(field) = crate::store::Field::parse(name.trim()) else {
            return fail(format!(
                "error: {name:?} is not a field that can be set; allowed: phase, direction, progress, assessment"
            ));
        };
        edits.push(crate::store::Edit {
            item: id.clone(),
            field,
            value: value.to_string(),
        });
    }
    let path = default_path(path);
    match crate::store::apply_edits(&path, &edits, reason.as_deref(), None) {
        Ok(saved) if saved.changes.is_empty() => print(&format!("{id}: unchanged\n")),
        Ok(saved) => {
            let lines: Vec<String> = saved
                .changes
                .iter()
                .map(|c| format!("{} {}: {} -> {}", c.item, c.field, c.old, c.new))
                .collect();
            print(&format!("{}\n", lines.join("\n")))
        }
        Err(e) => fail(format!("error: {e}")),
    }
}

fn log_path(path: Option<PathBuf>) -> Result<(crate::records::Records, PathBuf), ExitCode> {
    let records = load(&default_path(path)).map_err(fail)?;
    let log = records.layout.dir().join(crate::changelog::LOG_FILE);
    Ok((records, log))
}

fn log(
    path: Option<PathBuf>,
    item: Option<String>,
    since: Option<String>,
    user: Option<String>,
    json: bool,
) -> ExitCode {
    let (_, log_file) = match log_path(path) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let since = match since.as_deref().map(parse_since).transpose() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let (changes, problems) = match crate::changelog::read(&log_file) {
        Ok(x) => x,
        Err(e) => return fail(format!("error: {}: {e}", log_file.display())),
    };
    for p in &problems {
        eprintln!("warning: {p}");
    }
    let mut out = String::new();
    for c in changes.iter().filter(|c| {
        item.as_ref().is_none_or(|i| &c.item == i)
            && user.as_ref().is_none_or(|u| &c.user == u)
            && since.is_none_or(|s| c.timestamp.parse::<jiff::Timestamp>().is_ok_and(|t| t >= s))
    }) {
        if json {
            out.push_str(&crate::changelog::lines(std::slice::from_ref(c)).unwrap_or_default());
        } else {
            let who = match &c.ssh_client {
                Some(a) => format!("{} ({a})", c.user),
                None => c.user.clone(),
            };
            let reason = c
                .reason
                .as_deref()
                .map(|r| format!("  -- {r}"))
                .unwrap_or_default();
            let aborted = match c.status.as_str() {
                "applied" => "",
                "reason" => " [reason]",
                _ => " [aborted]",
            };
            let line = format!(
                "{}  {who}  {} {}: {} -> {}{aborted}{reason}",
                c.timestamp, c.item, c.field, c.old, c.new
            );
            // Record text is shown, never sent raw to the terminal.
            out.push_str(&crate::text::visible(&line.replace('\n', "\\n")));
            out.push('\n');
        }
    }
    print(&out)
}

/// A date (start of that day, UTC) or an RFC 3339 time.
fn parse_since(s: &str) -> Result<jiff::Timestamp, String> {
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Ok(t);
    }
    format!("{s}T00:00:00Z")
        .parse::<jiff::Timestamp>()
        .map_err(|_| format!("error: --since {s:?}: give a date (2026-11-24) or an RFC 3339 time"))
}

fn verify(path: Option<PathBuf>) -> ExitCode {
    let (records, log_file) = match log_path(path) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let (changes, problems) = match crate::changelog::read(&log_file) {
        Ok(x) => x,
        Err(e) => return fail(format!("error: {}: {e}", log_file.display())),
    };
    let v = crate::changelog::verify(&changes, problems, &records.report);
    for p in &v.problems {
        eprintln!("warning: {p}");
    }
    if v.interrupted {
        eprintln!(
            "note: the last save was interrupted before the data was written; it will be recorded as aborted at the next save"
        );
    }
    let damaged = v
        .problems
        .iter()
        .any(|p| matches!(p, crate::changelog::LogProblem::Damaged { .. }));
    if v.differences.is_empty() && !damaged {
        print(&format!(
            "ok: {} logged fields agree with the records ({} changes)\n",
            v.checked,
            changes.len()
        ))
    } else {
        for d in &v.differences {
            eprintln!("differs: {d}");
        }
        ExitCode::from(1)
    }
}

fn generate(items: usize, seed: u64, from: Option<PathBuf>, out: PathBuf) -> ExitCode {
    let template = match load(&default_path(from)) {
        Ok(r) => r.report,
        Err(e) => return fail(e),
    };
    if out.join(crate::records::REPORT_FILE).exists() {
        return fail(format!(
            "error: {} already holds records; choose an empty folder",
            out.display()
        ));
    }
    if let Err(e) = std::fs::create_dir_all(&out) {
        return fail(format!("error: {}: {e}", out.display()));
    }
    let report = crate::generate::generate(&template, items, seed);
    let files = report
        .recommendations
        .iter()
        .map(|r| crate::records::recommendation_file_name(r.number))
        .collect();
    let records = crate::records::Records {
        report,
        layout: crate::records::Layout::Folder { dir: out, files },
    };
    match crate::store::write_records(&records) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => fail(format!("error: {e}")),
    }
}

/// Open the board; without a terminal (a pipe, CI) print the summary instead.
fn board(
    path: Option<PathBuf>,
    lang: Option<Lang>,
    ascii: bool,
    query: Option<String>,
    filter_args: &FilterArgs,
) -> ExitCode {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return check(path);
    }
    // Records are loaded and validated before the terminal is touched: a bad
    // file prints its error on a normal screen.
    let records = match load(&default_path(path)) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let options = Options {
        lang: lang.unwrap_or_else(Lang::from_env),
        ascii,
        color: if no_color {
            ColorMode::None
        } else {
            ColorMode::Ansi16
        },
    };
    let filters = match filter_args.to_filters(&records.report) {
        Ok(f) => f,
        Err(e) => return fail(e),
    };
    // What a killed save left behind is cleaned up at the next start.
    let dir = records.layout.dir();
    let _ = crate::store::with_lock(&dir, || crate::store::clean_leftovers(&dir));
    let mut app = App::new(records, options);
    let initial = app.start_with(query.as_deref().unwrap_or_default(), filters);
    match crate::tui::run(app, initial) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(format!("error: terminal: {e}")),
    }
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Check { path }) => check(path),
        Some(Command::Export { path, format }) => match load(&default_path(path)) {
            Ok(records) => match export(&records.report, format) {
                Ok(text) => print(&text),
                Err(e) => fail(format!("error: cannot export: {e}")),
            },
            Err(e) => fail(e),
        },
        Some(Command::Search { args, limit, json }) => search(args, limit, json, &cli.filters),
        Some(Command::Generate {
            items,
            seed,
            from,
            out,
        }) => generate(items, seed, from, out),
        Some(Command::Set { args, reason }) => set(args, reason),
        Some(Command::Log {
            path,
            item,
            since,
            user,
            json,
        }) => log(path, item, since, user, json),
        Some(Command::Verify { path }) => verify(path),
        None => board(cli.path, cli.lang, cli.ascii, cli.query, &cli.filters),
    }
}
