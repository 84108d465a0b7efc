//! Writing to standard output and error, and the exit codes scripts rely on.

use std::io::Write;
use std::process::ExitCode;

use crate::domain::error::error_line;
use crate::i18n::{CliMsg, Lang};
use crate::text::terminal_safe;

/// One line on standard error, made safe for the terminal. A standard
/// error that is gone (a terminal that hung up) is no reason to stop.
pub fn say(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{}", terminal_safe(line));
}

/// Exit codes: 0 success, 1 no match (search) or a difference (verify),
/// 2 error (bad records, bad usage), as grep does.
pub const EXIT_ERROR: u8 = 2;

/// Print `text` on standard output. Like everything this module writes, it
/// goes through [`terminal_safe`]: whatever the records hold, no control
/// character reaches the terminal raw.
pub fn print(lang: Lang, text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out
        .write_all(terminal_safe(text).as_bytes())
        .and_then(|_| out.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that went away (`| head`) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(lang, &CliMsg::ErrStdout.fill(lang, &[("error", &e)])),
    }
}

/// `text` on standard output as it is: only for lines whose record text
/// is made visible already and whose escapes are kensho's own marks.
pub fn print_marked(lang: Lang, text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(lang, &CliMsg::ErrStdout.fill(lang, &[("error", &e)])),
    }
}

/// `error: {what}` on standard error; exit status 2.
pub fn fail(lang: Lang, what: &str) -> ExitCode {
    say(&error_line(lang, what));
    ExitCode::from(EXIT_ERROR)
}

/// A save that did not happen; load errors already say "error:" on each line.
pub fn fail_edit(lang: Lang, e: &crate::store::EditError) -> ExitCode {
    match e {
        crate::store::EditError::Load(errors) => fail_lines(&errors.say(lang)),
        other => fail(lang, &other.say(lang)),
    }
}

/// Lines that already say "error:" (a set of load errors); exit status 2.
pub fn fail_lines(text: &str) -> ExitCode {
    say(text);
    ExitCode::from(EXIT_ERROR)
}

/// `warning: {what}` on standard error.
pub fn warn(lang: Lang, what: &str) {
    say(&CliMsg::WarningLine.fill(lang, &[("what", &what)]));
}
