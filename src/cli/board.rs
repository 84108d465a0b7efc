//! `kensho [PATH]`: the review board. Records are loaded and validated, and
//! the keys checked, before the terminal is touched: a problem prints on a
//! normal screen.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use super::args::FilterArgs;
use super::output::{fail, fail_lines};
use super::records_cmds::check;
use crate::board::app::App;
use crate::board::screen::default_keymap;
use crate::board::state::{ColorMode, Options};
use crate::domain::records::{default_path, load};
use crate::i18n::{CliMsg, Lang};
use crate::store::clean_leftovers_if_free;

/// Open the board; without a terminal (a pipe, CI) print the summary instead.
pub fn run(
    path: Option<PathBuf>,
    lang: Lang,
    ascii: bool,
    query: Option<String>,
    filter_args: &FilterArgs,
) -> ExitCode {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return check(path, lang);
    }
    let records = match load(&default_path(path)) {
        Ok(r) => r,
        Err(e) => return fail_lines(&e.say(lang)),
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let options = Options {
        lang,
        ascii,
        color: if no_color {
            ColorMode::None
        } else {
            ColorMode::Ansi16
        },
    };
    let filters = match filter_args.to_filters(&records.report, lang) {
        Ok(f) => f,
        Err(e) => return fail(lang, &e),
    };
    // What a killed save left behind is cleaned up at the next start.
    let dir = records.layout.dir();
    clean_leftovers_if_free(&dir);
    if let Err(e) = default_keymap(&records.report) {
        return fail(lang, &e.say(&records.report, lang));
    }
    let Ok(app) = App::new(records, options) else {
        return ExitCode::from(super::EXIT_ERROR);
    };
    match crate::board::terminal::run(app, query.as_deref().unwrap_or_default(), filters) {
        Ok(unsaved) if unsaved.is_empty() => ExitCode::SUCCESS,
        Ok(unsaved) => {
            let list: Vec<String> = unsaved
                .iter()
                .map(|e| format!("{} {}={}", e.item, e.field, e.value))
                .collect();
            let what = CliMsg::ErrNotSavedOnQuit.fill(
                lang,
                &[("count", &unsaved.len()), ("edits", &list.join(", "))],
            );
            fail(lang, &crate::text::visible(&what))
        }
        Err(e) => fail(lang, &CliMsg::ErrTerminal.fill(lang, &[("error", &e)])),
    }
}
