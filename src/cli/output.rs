//! Writing to standard output and error, and the exit codes scripts rely on.

use std::io::Write;
use std::process::ExitCode;

use crate::domain::error::error_line;
use crate::i18n::{CliMsg, Lang};

/// Exit codes: 0 success, 1 no match (search) or a difference (verify),
/// 2 error (bad records, bad usage), as grep does.
pub const EXIT_ERROR: u8 = 2;

/// Print `text` on standard output.
pub fn print(lang: Lang, text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that went away (`| head`) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(lang, &CliMsg::ErrStdout.fill(lang, &[("error", &e)])),
    }
}

/// `error: {what}` on standard error; exit status 2.
pub fn fail(lang: Lang, what: &str) -> ExitCode {
    eprintln!("{}", error_line(lang, what));
    ExitCode::from(EXIT_ERROR)
}

/// Lines that already say "error:" (a set of load errors); exit status 2.
pub fn fail_lines(text: &str) -> ExitCode {
    eprintln!("{text}");
    ExitCode::from(EXIT_ERROR)
}

/// `warning: {what}` on standard error.
pub fn warn(lang: Lang, what: &str) {
    eprintln!("{}", CliMsg::WarningLine.fill(lang, &[("what", &what)]));
}
