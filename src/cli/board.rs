//! `kensho [PATH]`: the review board. Records are loaded and validated, and
//! the keys checked, before the terminal is touched: a problem prints on a
//! normal screen.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::process::ExitCode;

use super::args::Cli;
use super::config::Config;
use super::output::{fail, fail_lines};
use super::records_cmds::check;
use crate::board::action::Opening;
use crate::board::app::App;
use crate::board::keymap::default_keymap;
use crate::board::search::MeetingFilters;
use crate::board::state::{ColorMode, Options};
use crate::domain::change::happened;
use crate::domain::meeting::{load_meeting, meeting_file};
use crate::domain::records::{Records, default_path};
use crate::i18n::{CliMsg, Lang};
use crate::store::{changelog, clean_leftovers_if_free};
use crate::text::visible;

/// The items changed since meeting `name` closed (or started, while it is
/// open), from the change log.
fn changed_since(records: &Records, name: &str, lang: Lang) -> Result<BTreeSet<String>, String> {
    let dir = records.layout.dir();
    let file = meeting_file(&dir, name);
    let meeting = load_meeting(&file, &records.report).map_err(|e| {
        if file.exists() {
            e.say(lang)
        } else {
            CliMsg::ErrNoSuchMeeting.fill(lang, &[("name", &visible(name))])
        }
    })?;
    let since: Option<jiff::Timestamp> = meeting
        .closed
        .as_deref()
        .unwrap_or(&meeting.started)
        .parse()
        .ok();
    let (log, _) = changelog::read(&dir.join(changelog::LOG_FILE)).unwrap_or_default();
    Ok(happened(&log)
        .into_iter()
        .filter(|c| {
            since.is_none_or(|s| c.timestamp.parse::<jiff::Timestamp>().is_ok_and(|t| t > s))
        })
        .map(|c| c.item.clone())
        .collect())
}

/// A sentence on standard error.
fn warn_plain(text: &str) {
    super::output::say(text);
}

/// Why no board can open here (a pipe, CI), said on standard error; the
/// check of the records is printed instead.
fn no_board_here(path: Option<std::path::PathBuf>, lang: Lang) -> Option<ExitCode> {
    // Without a terminal, say why no board opened, then
    // print what a script can use: the check of the records.
    let not_terminal = if !std::io::stdin().is_terminal() {
        Some(CliMsg::StandardInput)
    } else if !std::io::stdout().is_terminal() {
        Some(CliMsg::StandardOutput)
    } else {
        None
    };
    if let Some(which) = not_terminal {
        warn_plain(&CliMsg::NoBoardNotTerminal.fill(lang, &[("which", &which.text(lang))]));
        return Some(check(path, lang));
    }
    None
}

/// How the board looks: language, ASCII, colours, theme.
fn options(cli: &Cli, config: &Config, lang: Lang) -> Options {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    Options {
        lang,
        ascii: cli.ascii,
        color: if no_color {
            ColorMode::None
        } else {
            ColorMode::Ansi16
        },
        theme: cli.theme.or(config.theme).unwrap_or_default(),
        read_only: cli.read_only || config.read_only,
        confirm_edits: config.confirm_edits,
        readings: !cli.filters.no_readings && !config.no_readings,
        spoken: plain_chosen(cli, config),
    }
}

/// The plain board: `--plain`, the configuration's `plain`, or a terminal
/// that cannot draw (`TERM=dumb`).
fn plain_chosen(cli: &Cli, config: &Config) -> bool {
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    cli.plain || config.plain || dumb
}

/// What the board opens on: the search, the filters, the meeting.
fn opening(cli: &Cli, records: &Records, lang: Lang) -> Result<Opening, ExitCode> {
    let filters = cli
        .filters
        .to_filters(&records.report)
        .map_err(|e| fail(lang, &e.say(lang)))?;
    let since = match &cli.changed_since_meeting {
        Some(name) => match changed_since(records, name, lang) {
            Ok(ids) => Some((name.clone(), ids)),
            Err(e) => return Err(fail(lang, &e)),
        },
        None => None,
    };
    if let Some(name) = &cli.meeting
        && !cli.new_meeting
        && let Some(other) = super::meetings::near_duplicate(records, name)
    {
        return Err(fail(
            lang,
            &CliMsg::ErrMeetingNear.fill(
                lang,
                &[("name", &visible(name)), ("other", &visible(&other))],
            ),
        ));
    }
    Ok(Opening {
        query: cli.query.clone().unwrap_or_default(),
        filters,
        meeting_filters: MeetingFilters {
            changed_here: cli.changed_in_meeting,
            not_reviewed: cli.not_reviewed,
            since,
            since_base: None,
        },
        meeting: cli.meeting.clone(),
        present: cli.present,
    })
}

/// The board on `records`, with the keys of the report and the
/// configuration checked before the terminal is touched.
fn app(
    cli: &Cli,
    config: &Config,
    records: std::sync::Arc<Records>,
    lang: Lang,
) -> Result<App, ExitCode> {
    let report = &records.report;
    let mut keymap = default_keymap(report).map_err(|e| fail(lang, &e.say(report, lang)))?;
    config
        .apply_keys(&mut keymap, report, lang)
        .map_err(|e| fail(lang, &e.say(lang)))?;
    let Ok(app) = App::new(records, options(cli, config, lang)) else {
        return Err(ExitCode::from(super::EXIT_ERROR));
    };
    let mut app = app
        .with_keymap(keymap)
        .with_display_name(config.display_name.clone())
        .with_zone(config.zone.clone());
    if cli.follow {
        app.follow();
    }
    Ok(app)
}

/// Open the board; without a terminal (a pipe, CI) print the summary instead.
pub fn run(cli: &Cli, config: &Config, lang: Lang) -> ExitCode {
    if let Some(code) = no_board_here(cli.path.clone(), lang) {
        return code;
    }
    let (records, keeping) = match crate::store::parsed::load_known(&default_path(cli.path.clone()))
    {
        Ok((records, keeping)) => (std::sync::Arc::new(records), keeping),
        Err(e) => return fail_lines(&e.say(lang)),
    };
    // The copies of the files that had to be parsed, written while the
    // board runs (not by a follower: it writes nothing).
    let keeping = if cli.follow {
        None
    } else {
        keeping.write_behind(&records)
    };
    let opening = match opening(cli, &records, lang) {
        Ok(o) => o,
        Err(code) => return code,
    };
    // What a killed save left behind is cleaned up at the next start (not by
    // a follower: it writes nothing).
    if !cli.follow {
        clean_leftovers_if_free(&records.layout.dir());
    }
    // What changed since an earlier table, before the terminal is touched.
    let earlier = match &cli.compare {
        Some(base) => match super::compare::compared(base, &records.layout.path(), lang) {
            Ok(done) => Some(crate::domain::compare::Earlier::of(&done.comparison, base)),
            Err(said) => return said.fail(lang),
        },
        None => None,
    };
    let app = match app(cli, config, records, lang) {
        Ok(app) => app.with_earlier(earlier),
        Err(code) => return code,
    };
    let ended = if plain_chosen(cli, config) {
        crate::board::terminal::run_plain(app, opening)
    } else {
        crate::board::terminal::run(app, opening)
    };
    if let Some(keeping) = keeping {
        let _ = keeping.join();
    }
    match ended {
        Ok(ended) => exit_code(ended, lang),
        Err(e) => fail(lang, &CliMsg::ErrTerminal.fill(lang, &[("error", &e)])),
    }
}

/// How the board ended, as the shell sees it: changes not saved are said
/// and an error; ended by a signal: 128 + its number.
fn exit_code(ended: crate::board::terminal::Ended, lang: Lang) -> ExitCode {
    let code = if ended.unsaved.is_empty() {
        ExitCode::SUCCESS
    } else {
        let unsaved = ended.unsaved;
        let list: Vec<String> = unsaved
            .iter()
            .map(|e| format!("{} {}={}", e.item, e.field, e.value))
            .collect();
        let what = CliMsg::ErrNotSavedOnQuit.fill(
            lang,
            &[("count", &unsaved.len()), ("edits", &list.join(", "))],
        );
        fail(lang, &crate::text::visible(&what))
    };
    match ended.signal {
        Some(signal) => ExitCode::from(128u8.saturating_add(signal as u8)),
        None => code,
    }
}
