//! The command line: what `main` parses and hands to the library.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::app::{App, ColorMode, Options};
use crate::export::{Format, export};
use crate::i18n::Lang;
use crate::records::{default_path, load};
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
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and validate the records, and print their counts.
    Check {
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

/// Exit codes: 0 success, 2 error (bad records, bad usage), as grep does.
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

/// Open the board; without a terminal (a pipe, CI) print the summary instead.
fn board(path: Option<PathBuf>, lang: Option<Lang>, ascii: bool) -> ExitCode {
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
    match crate::tui::run(App::new(records, options)) {
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
        None => board(cli.path, cli.lang, cli.ascii),
    }
}
