//! The command line: what `main` hands to the library. One module per
//! subcommand; every word in the reader's language ([`crate::i18n`]).

pub mod args;
mod board;
mod filters;
pub mod help;
mod minutes;
mod output;
mod records_cmds;
mod search;
mod set;

pub use args::{Cli, Command, FilterArgs};
pub use output::EXIT_ERROR;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::i18n::Lang;

/// Parse `args` (the program's name first) and run what they ask for.
pub fn main_with(args: Vec<OsString>) -> ExitCode {
    let raw: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let lang = Lang::from_args(&raw);
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
        Ok(cli) => run(cli),
        Err(e) => help::report(e, lang, &usage),
    }
}

/// The program's own arguments.
pub fn main() -> ExitCode {
    main_with(std::env::args_os().collect())
}

pub fn run(cli: Cli) -> ExitCode {
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    match cli.command {
        Some(Command::Check { path }) => records_cmds::check(path, lang),
        Some(Command::Export { path, format }) => records_cmds::export(path, format, lang),
        Some(Command::Search {
            args,
            limit,
            json,
            filters,
        }) => search::run(args, limit, json, &filters, lang),
        Some(Command::Generate {
            items,
            seed,
            from,
            out,
        }) => records_cmds::generate(items, seed, from, out, lang),
        Some(Command::Set { args, reason }) => set::set(args, reason, lang),
        Some(Command::Log {
            path,
            item,
            since,
            user,
            json,
        }) => set::log(path, item, since, user, json, lang),
        Some(Command::Verify { path }) => set::verify(path, lang),
        Some(Command::Minutes {
            path,
            meeting,
            format,
            out,
            close,
        }) => {
            let ask = minutes::Ask {
                path,
                meeting,
                format,
                out,
                close,
            };
            minutes::run(ask, cli.lang)
        }
        None => board::run(&cli, lang),
    }
}
