//! The command line: what `main` hands to the library. One module per
//! subcommand; every word in the reader's language ([`crate::i18n`]).

pub mod args;
mod board;
mod compare;
mod complete;
pub mod config;
pub mod config_cmd;
mod filters;
pub mod help;
mod log_cmd;
mod man;
mod meeting_details;
mod meetings;
mod minutes;
mod opendata;
mod output;
mod records_cmds;
mod round;
mod search;
mod set;
mod verify;
mod workbooks;

pub use args::{Cli, Command, FilterArgs};
pub use filters::FilterError;
pub use minutes::NoMeeting;
pub use output::EXIT_ERROR;
pub use set::SinceError;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use std::path::PathBuf;

use crate::i18n::{CliMsg, Lang};
use config::{Config, ConfigError};

/// Parse `args` (the program's name first) and run what they ask for.
pub fn main_with(args: Vec<OsString>) -> ExitCode {
    let raw: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    // The configuration is read before anything else: it may set the language
    // in which even the command line's errors are said.
    let config = config::load(config_in_args(&raw).as_deref());
    let config_lang = config.as_ref().ok().and_then(|c| c.lang);
    let lang = Lang::in_args(&raw)
        .or(config_lang)
        .unwrap_or_else(Lang::from_env);
    let mut command = help::localize(Cli::command(), lang);
    let usage = command.render_usage().to_string();
    let usage = usage
        .split_once(": ")
        .map(|(_, u)| u.to_string())
        .unwrap_or(usage);
    let parsed = command
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => run(cli, config),
        Err(e) => help::report(e, lang, &usage),
    }
}

/// The file `--config FILE` names, if it does.
fn config_in_args(args: &[String]) -> Option<PathBuf> {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.strip_prefix("--config") {
            Some("") => return it.next().map(PathBuf::from),
            Some(rest) if rest.starts_with('=') => return Some(PathBuf::from(&rest[1..])),
            _ => {}
        }
    }
    None
}

/// The program's own arguments.
pub fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    // A shell asking for completions is answered here, and kensho exits.
    let raw: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    complete::answer_if_asked(Lang::in_args(&raw).unwrap_or_else(Lang::from_env));
    main_with(args)
}

/// The options given that belong to the board alone (before a command's
/// name they would be ignored).
fn board_options(cli: &Cli) -> Vec<String> {
    let f = &cli.filters;
    [
        (cli.path.is_some(), "PATH"),
        (cli.ascii, "--ascii"),
        (cli.theme.is_some(), "--theme"),
        (cli.present, "--present"),
        (cli.follow, "--follow"),
        (cli.query.is_some(), "--query"),
        (cli.meeting.is_some(), "--meeting"),
        (cli.changed_in_meeting, "--changed-in-meeting"),
        (cli.not_reviewed, "--not-reviewed"),
        (
            cli.changed_since_meeting.is_some(),
            "--changed-since-meeting",
        ),
        (cli.compare.is_some(), "--compare"),
        (!f.phase.is_empty(), "--phase"),
        (!f.direction.is_empty(), "--direction"),
        (!f.departments.is_empty(), "--dept"),
        (f.hide_relisted, "--hide-relisted"),
        (f.no_readings, "--no-readings"),
    ]
    .into_iter()
    .filter(|(given, _)| *given)
    .map(|(_, name)| name.to_string())
    .collect()
}

/// Run the command `cli` asks for, with `config` (or its error, which stops
/// every command but `config --default`).
/// The board's own options before a command would do nothing there: said,
/// and kensho stops.
fn board_options_refused(cli: &Cli, lang: Lang) -> Option<ExitCode> {
    let command = cli.command.as_ref()?;
    let given = board_options(cli);
    if given.is_empty() {
        return None;
    }
    let name = command.name();
    Some(output::fail(
        lang,
        &CliMsg::ErrBoardOption.fill(lang, &[("options", &given.join(", ")), ("command", &name)]),
    ))
}

pub fn run(mut cli: Cli, config: Result<Config, ConfigError>) -> ExitCode {
    let config_lang = config.as_ref().ok().and_then(|c| c.lang);
    let lang = cli.lang.or(config_lang).unwrap_or_else(Lang::from_env);
    if let Some(refused) = board_options_refused(&cli, lang) {
        return refused;
    }
    if let Some(Command::Config { default: true, .. }) = cli.command {
        return output::print(lang, &config_cmd::default_text(lang));
    }
    let config = match config {
        Ok(c) => c,
        Err(e) => return output::fail(lang, &e.say(lang)),
    };
    // The records of the configuration, where the command line names none.
    let records = |p: Option<PathBuf>| p.or_else(|| config.records.clone());
    match cli.command.take() {
        Some(Command::Config { path, .. }) => config_cmd::check(&config, records(path), lang),
        Some(Command::Check { path }) => records_cmds::check(records(path), lang),
        Some(Command::Export(mut ask)) => {
            ask.path = records(ask.path);
            workbooks::export(ask, cli.lang, lang)
        }
        Some(Command::Survey(mut ask)) => {
            ask.path = records(ask.path);
            workbooks::survey(ask, cli.lang, lang)
        }
        Some(Command::Import(mut ask)) => {
            ask.path = records(ask.path);
            workbooks::import(ask, config.display_name.clone(), lang)
        }
        Some(Command::Completions { shell }) => workbooks::completions(shell, lang),
        Some(Command::Man) => workbooks::man(lang),
        Some(Command::Search {
            args,
            limit,
            json,
            filters,
        }) => {
            let readings = !filters.no_readings && !config.no_readings;
            search::run(args, limit, json, &filters, records(None), readings, lang)
        }
        Some(Command::Generate {
            items,
            seed,
            from,
            out,
        }) => records_cmds::generate(items, seed, from, out, lang),
        Some(Command::Set { args, reason }) => set::set(
            args,
            reason,
            config.records.clone(),
            config.display_name.clone(),
            lang,
        ),
        Some(Command::Log(mut ask)) => {
            ask.path = records(ask.path);
            log_cmd::log(ask, config.zone.as_deref(), lang)
        }
        Some(Command::Verify { path }) => verify::verify(records(path), lang),
        Some(Command::Adopt { path, reason }) => {
            verify::adopt(records(path), reason, config.display_name.clone(), lang)
        }
        Some(Command::Meetings(ask)) => meetings::run(ask, &records, lang),
        Some(Command::Compare(mut ask)) => {
            ask.path = records(ask.path);
            compare::run(ask, lang)
        }
        Some(Command::Round(ask)) => round::run(ask, &records, lang),
        Some(Command::Minutes(mut ask)) => {
            ask.path = records(ask.path);
            // The minutes are in the report's language unless --lang says.
            minutes::run(ask, cli.lang)
        }
        None => {
            cli.path = records(cli.path.take());
            board::run(&cli, &config, lang)
        }
    }
}
