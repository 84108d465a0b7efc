//! `--help` in the reader's language: every about and argument text, the
//! headings, and clap's own errors, from the catalogue, as far as clap lets
//! them be replaced (the value names such as PATH stay as they are).

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

use crate::i18n::{BookMsg, CliMsg, CompareMsg, Lang, LogMsg, ReadingMsg};

use super::output::EXIT_ERROR;

/// The about text of each subcommand ("" is the program).
const ABOUTS: &[(&str, CliMsg)] = &[
    ("", CliMsg::AboutKensho),
    ("check", CliMsg::AboutCheck),
    ("search", CliMsg::AboutSearch),
    ("generate", CliMsg::AboutGenerate),
    ("set", CliMsg::AboutSet),
    ("log", CliMsg::AboutLog),
    ("verify", CliMsg::AboutVerify),
    ("adopt", CliMsg::AboutAdopt),
    ("export", CliMsg::AboutExport),
    ("minutes", CliMsg::AboutMinutes),
    ("meetings", CliMsg::AboutMeetings),
    ("meetings reopen", CliMsg::AboutMeetingsReopen),
    ("meetings remove", CliMsg::AboutMeetingsRemove),
    ("meetings set", CliMsg::AboutMeetingsSet),
    ("config", CliMsg::AboutConfig),
    ("survey", CliMsg::AboutSurvey),
    ("import", CliMsg::AboutImport),
    ("completions", CliMsg::AboutCompletions),
    ("man", CliMsg::AboutMan),
];

/// The about text of the subcommands whose words are in the comparisons'
/// catalogue, as [`ABOUTS`].
const COMPARE_ABOUTS: &[(&str, CompareMsg)] = &[
    ("compare", CompareMsg::AboutCompare),
    ("round", CompareMsg::AboutRound),
    ("round start", CompareMsg::AboutRoundStart),
];

/// What follows the arguments in a subcommand's help.
const AFTERS: &[(&str, LogMsg)] = &[("set", LogMsg::SetForms)];

/// The help of each argument: (subcommand, argument id, text); "" is the
/// program, "*" any command.
pub const ARGS: &[(&str, &str, CliMsg)] = &[
    ("*", "help", CliMsg::ArgHelp),
    ("*", "version", CliMsg::ArgVersion),
    ("*", "lang", CliMsg::ArgLang),
    ("*", "path", CliMsg::ArgPath),
    ("*", "phase", CliMsg::ArgPhase),
    ("*", "direction", CliMsg::ArgDirection),
    ("*", "departments", CliMsg::ArgDept),
    ("*", "hide_relisted", CliMsg::ArgHideRelisted),
    ("*", "json", CliMsg::ArgJson),
    ("*", "config", CliMsg::ArgConfig),
    ("", "theme", CliMsg::ArgTheme),
    ("", "present", CliMsg::ArgPresent),
    ("", "follow", CliMsg::ArgFollow),
    ("config", "default", CliMsg::ArgConfigDefault),
    ("", "ascii", CliMsg::ArgAscii),
    ("", "query", CliMsg::ArgQuery),
    ("search", "args", CliMsg::ArgSearchArgs),
    ("search", "limit", CliMsg::ArgLimit),
    ("generate", "items", CliMsg::ArgItems),
    ("generate", "seed", CliMsg::ArgSeed),
    ("generate", "from", CliMsg::ArgFrom),
    ("generate", "out", CliMsg::ArgOut),
    ("set", "args", CliMsg::ArgSetArgs),
    ("set", "reason", CliMsg::ArgReason),
    ("adopt", "reason", CliMsg::ArgAdoptReason),
    ("log", "item", CliMsg::ArgItem),
    ("log", "since", CliMsg::ArgSince),
    ("log", "user", CliMsg::ArgUser),
    ("export", "format", CliMsg::ArgFormat),
    ("export", "out", CliMsg::ArgExportOut),
    ("export", "headers", CliMsg::ArgHeaders),
    ("export", "meanings", CliMsg::ArgMeanings),
    ("export", "raw", CliMsg::ArgRaw),
    ("export", "query", CliMsg::ArgExportQuery),
    ("survey", "query", CliMsg::ArgExportQuery),
    ("survey", "out", CliMsg::ArgSurveyOut),
    ("survey", "replace", CliMsg::ArgReplace),
    ("import", "file", CliMsg::ArgImportFile),
    ("import", "apply", CliMsg::ArgApply),
    ("import", "skip_problems", CliMsg::ArgSkipProblems),
    ("completions", "shell", CliMsg::ArgShell),
    ("", "meeting", CliMsg::ArgMeeting),
    ("", "changed_in_meeting", CliMsg::ArgChangedInMeeting),
    ("", "not_reviewed", CliMsg::ArgNotReviewed),
    ("", "changed_since_meeting", CliMsg::ArgChangedSinceMeeting),
    ("minutes", "meeting", CliMsg::ArgMinutesMeeting),
    ("minutes", "format", CliMsg::ArgMinutesFormat),
    ("minutes", "out", CliMsg::ArgMinutesOut),
    ("minutes", "close", CliMsg::ArgMinutesClose),
    ("", "new_meeting", CliMsg::ArgNewMeeting),
    ("", "read_only", CliMsg::ArgReadOnly),
    ("", "plain", CliMsg::ArgPlain),
    ("log", "dept", CliMsg::ArgLogDept),
    ("meetings reopen", "name", CliMsg::ArgMeetingName),
    ("meetings remove", "name", CliMsg::ArgMeetingName),
    ("meetings remove", "force", CliMsg::ArgForce),
    ("meetings set", "name", CliMsg::ArgMeetingName),
    ("meetings set", "values", CliMsg::ArgMeetingValues),
];

/// The help of the arguments whose words are in the workbooks' and open
/// data's catalogue, as [`ARGS`].
pub const BOOK_ARGS: &[(&str, &str, BookMsg)] = &[("export", "bom", BookMsg::ArgBom)];

/// The help of the arguments whose words are in the comparisons' catalogue.
pub const COMPARE_ARGS: &[(&str, &str, CompareMsg)] = &[
    ("compare", "base", CompareMsg::ArgBase),
    ("compare", "format", CompareMsg::ArgCompareFormat),
    ("compare", "out", CompareMsg::ArgCompareOut),
    ("round start", "name", CompareMsg::ArgRoundName),
    ("", "compare", CompareMsg::ArgBoardCompare),
];

/// The help of the arguments whose words are in the readings' catalogue
/// (every command that takes a query: any subcommand), as [`ARGS`].
pub const READING_ARGS: &[(&str, &str, ReadingMsg)] =
    &[("*", "no_readings", ReadingMsg::ArgNoReadings)];

/// The help text of argument `id` of subcommand `sub`, in `lang`.
pub fn arg_help(sub: &str, id: &str, lang: Lang) -> Option<&'static str> {
    let book = BOOK_ARGS
        .iter()
        .find(|(s, a, _)| *s == sub && *a == id)
        .map(|(_, _, m)| m.text(lang))
        .or_else(|| {
            COMPARE_ARGS
                .iter()
                .find(|(s, a, _)| *s == sub && *a == id)
                .map(|(_, _, m)| m.text(lang))
        });
    let reading = READING_ARGS
        .iter()
        .find(|(_, a, _)| *a == id)
        .map(|(_, _, m)| m.text(lang));
    book.or(reading).or_else(|| {
        ARGS.iter()
            .find(|(s, a, _)| *s == sub && *a == id)
            .or_else(|| ARGS.iter().find(|(s, a, _)| *s == "*" && *a == id))
            .map(|(_, _, m)| m.text(lang))
    })
}

/// `cmd` (the program, or subcommand `sub`) with every text in `lang`.
fn localize_one(mut cmd: Command, sub: &str, lang: Lang) -> Command {
    let t = |m: CliMsg| m.text(lang);
    if let Some((_, m)) = ABOUTS.iter().find(|(s, _)| *s == sub) {
        cmd = cmd.about(t(*m)).long_about(None);
    } else if let Some((_, m)) = COMPARE_ABOUTS.iter().find(|(s, _)| *s == sub) {
        cmd = cmd.about(m.text(lang)).long_about(None);
    }
    if let Some((_, m)) = AFTERS.iter().find(|(s, _)| *s == sub) {
        cmd = cmd.after_help(m.text(lang));
    }
    cmd = cmd
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help),
        )
        .help_template(t(CliMsg::HelpTemplate))
        .subcommand_help_heading(t(CliMsg::HeadingCommands));
    if sub.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version),
        );
    }
    let ids: Vec<(String, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    for (id, positional) in ids {
        let help = arg_help(sub, &id, lang).unwrap_or_default();
        let heading = if positional {
            CliMsg::HeadingArguments
        } else {
            CliMsg::HeadingOptions
        };
        cmd = cmd.mut_arg(id.as_str(), |a| {
            let a = a.help(help).help_heading(t(heading));
            // Only an argument that takes a value has these to hide.
            if a.get_action().takes_values() {
                a.hide_default_value(true).hide_possible_values(true)
            } else {
                a
            }
        });
    }
    // A subcommand's own subcommands (`meetings reopen`).
    if !sub.is_empty() {
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        for name in names {
            let key = format!("{sub} {name}");
            cmd = cmd.mut_subcommand(name.as_str(), |s| localize_one(s, &key, lang));
        }
    }
    cmd
}

/// The whole command line in `lang`.
pub fn localize(cmd: Command, lang: Lang) -> Command {
    let mut cmd = localize_one(cmd, "", lang).disable_help_subcommand(true);
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name.as_str(), |s| localize_one(s, &name, lang));
    }
    cmd
}

/// Print clap's answer: help and version as they are; an error said in
/// `lang`, with the usage and where to look further. Exit status 2 on errors.
pub fn report(e: clap::Error, lang: Lang, usage: &str) -> ExitCode {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    if lang == Lang::En {
        // clap's own words, but what was typed is shown visibly.
        let text = e.render().to_string();
        eprint!("{}", crate::text::terminal_safe(&text));
        return ExitCode::from(EXIT_ERROR);
    }
    let value = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        _ => String::new(),
    };
    let arg = value(ContextKind::InvalidArg);
    let what = match e.kind() {
        ErrorKind::UnknownArgument => CliMsg::ClapUnknownArgument.fill(lang, &[("arg", &arg)]),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => CliMsg::ClapInvalidValue.fill(
            lang,
            &[
                ("arg", &arg),
                ("value", &value(ContextKind::InvalidValue)),
                ("allowed", &value(ContextKind::ValidValue)),
            ],
        ),
        ErrorKind::MissingRequiredArgument => CliMsg::ClapMissing.fill(lang, &[("arg", &arg)]),
        ErrorKind::ArgumentConflict => CliMsg::ClapConflict.fill(
            lang,
            &[("arg", &arg), ("other", &value(ContextKind::PriorArg))],
        ),
        ErrorKind::InvalidSubcommand => CliMsg::ClapUnknownCommand.fill(lang, &[("arg", &arg)]),
        _ => CliMsg::ClapOther.fill(lang, &[("detail", &e.kind())]),
    };
    super::output::say(&crate::domain::error::error_line(lang, &what));
    super::output::say("");
    // The usage of the subcommand at fault, when clap says which.
    let usage = match e.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(u)) => {
            let u = u.to_string();
            u.split_once(": ")
                .map(|(_, rest)| rest.trim().to_string())
                .unwrap_or(u)
        }
        _ => usage.to_string(),
    };
    super::output::say(&CliMsg::ClapUsage.fill(lang, &[("usage", &usage)]));
    ExitCode::from(EXIT_ERROR)
}
