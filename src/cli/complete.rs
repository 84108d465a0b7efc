//! Completion that knows the records: the shell asks kensho itself
//! (clap_complete's dynamic completion), and kensho offers the scale codes
//! for `--phase` and `--direction`, the departments for `--dept`, the
//! meetings' names, and item ids, fields and codes for `kensho set`. The
//! records are those named on the command line being completed, else the
//! configuration's, else `records`.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use clap::Command;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate, ValueCompleter};
use clap_complete::env::{CompleteEnv, EnvCompleter};

use crate::domain::field::Field;
use crate::domain::meeting::list_meetings;
use crate::domain::records::{REPORT_FILE, Records, default_path, folder_of, load};
use crate::i18n::Lang;

/// The variable the shell's script sets when it asks for completions.
pub const VAR: &str = "COMPLETE";

/// When the shell is asking, answer it and exit; otherwise return.
pub fn answer_if_asked(lang: Lang) {
    CompleteEnv::with_factory(move || {
        with_completers(super::help::localize(
            <super::Cli as clap::CommandFactory>::command(),
            lang,
        ))
    })
    .var(VAR)
    .complete();
}

/// The script that registers kensho's completion in `shell`.
pub fn registration(shell: clap_complete::Shell) -> std::io::Result<Vec<u8>> {
    use clap_complete::env::{Bash, Elvish, Fish, Powershell, Zsh};
    let completer: &dyn EnvCompleter = match shell {
        clap_complete::Shell::Bash => &Bash,
        clap_complete::Shell::Zsh => &Zsh,
        clap_complete::Shell::Fish => &Fish,
        clap_complete::Shell::Elvish => &Elvish,
        _ => &Powershell,
    };
    // The program as it was run: the shell calls it back by that name.
    let program = std::env::args_os()
        .next()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kensho".to_string());
    let mut out = Vec::new();
    completer.write_registration(VAR, "kensho", "kensho", &program, &mut out)?;
    Ok(out)
}

/// What each argument is completed with.
#[derive(Debug, Clone, Copy)]
enum Offer {
    Phases,
    Directions,
    Departments,
    Meetings,
    Ids,
    /// `kensho set [PATH] ID FIELD=VALUE…`.
    SetWords,
}

impl ValueCompleter for Offer {
    fn complete(&self, current: &OsStr) -> Vec<CompletionCandidate> {
        let typed = current.to_string_lossy();
        let Some((records, dir)) = records_of(&std::env::args_os().collect::<Vec<_>>()) else {
            return Vec::new();
        };
        let words = match self {
            Offer::Phases => codes(&records, false),
            Offer::Directions => codes(&records, true),
            Offer::Departments => departments(&records),
            Offer::Meetings => meetings(&records, &dir),
            Offer::Ids => ids(&records),
            Offer::SetWords => set_words(&records, &typed),
        };
        words
            .into_iter()
            .filter(|(w, _)| w.starts_with(typed.as_ref()))
            .map(|(w, help)| {
                let help = help.map(|h| crate::text::visible(&h).into_owned().into());
                CompletionCandidate::new(w).help(help)
            })
            .collect()
    }
}

/// `cmd` and every command under it, with the completers attached.
/// (`mut_args`, not `mut_arg`: the latter moves the argument to the end,
/// and a positional would change places.)
fn with_completers(cmd: Command) -> Command {
    let name = cmd.get_name().to_string();
    let holds = |id: &str| cmd.get_arguments().any(|a| a.get_id() == id);
    // `kensho set`'s words, and a meeting's name under `kensho meetings`.
    let set_words = name == "set" && holds("args");
    let meeting_name =
        matches!(name.as_str(), "reopen" | "remove") || (name == "set" && holds("values"));
    let mut cmd = cmd.mut_args(|a| {
        let offer = match a.get_id().as_str() {
            "phase" => Some(Offer::Phases),
            "direction" => Some(Offer::Directions),
            "departments" | "dept" => Some(Offer::Departments),
            "meeting" | "changed_since_meeting" => Some(Offer::Meetings),
            "item" => Some(Offer::Ids),
            "args" if set_words => Some(Offer::SetWords),
            "name" if meeting_name => Some(Offer::Meetings),
            _ => None,
        };
        match offer {
            Some(offer) => a.add(ArgValueCompleter::new(offer)),
            None => a,
        }
    });
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subs {
        cmd = cmd.mut_subcommand(sub, with_completers);
    }
    cmd
}

/// The records the command line being completed names (a folder holding
/// records, or a `.ron` file), else the configuration's, else `records`.
fn records_of(args: &[OsString]) -> Option<(Records, PathBuf)> {
    let words: Vec<&OsString> = match args.iter().position(|a| a == "--") {
        Some(i) => args[i + 1..].iter().collect(),
        None => args.iter().collect(),
    };
    let named = words.iter().skip(1).map(PathBuf::from).find(|p| {
        (p.is_dir() && holds_records(p)) || p.extension().is_some_and(|x| x == "ron") && p.is_file()
    });
    let path = named.or_else(|| {
        let config = config_named(&words);
        super::config::load(config.as_deref()).ok()?.records
    });
    let path = default_path(path);
    let records = load(&path).ok()?;
    Some((records, folder_of(&path)))
}

/// A records folder has its report's header (a meetings folder, which
/// also holds `.ron` files, has not).
fn holds_records(dir: &Path) -> bool {
    dir.join(REPORT_FILE).is_file()
}

fn config_named(words: &[&OsString]) -> Option<PathBuf> {
    let i = words.iter().position(|w| *w == "--config")?;
    words.get(i + 1).map(PathBuf::from)
}

type Words = Vec<(String, Option<String>)>;

fn codes(records: &Records, directions: bool) -> Words {
    let report = &records.report;
    let scale = if directions {
        &report.direction_scale
    } else {
        &report.phase_scale
    };
    scale
        .codes
        .iter()
        .map(|c| (c.code.clone(), Some(c.meaning.clone())))
        .collect()
}

/// Each department by its name without the bureau's mark (`子) 児童相談所`
/// is offered as 児童相談所: `--dept` takes part of a name).
fn departments(records: &Records) -> Words {
    let mut names: Vec<String> = records
        .report
        .items()
        .flat_map(|r| r.item.departments.iter())
        .map(|d| {
            d.split_once(") ")
                .map_or(d.as_str(), |(_, n)| n)
                .to_string()
        })
        .collect();
    names.sort();
    names.dedup();
    names.into_iter().map(|n| (n, None)).collect()
}

fn meetings(records: &Records, dir: &Path) -> Words {
    list_meetings(dir, &records.report)
        .0
        .into_iter()
        .rev()
        .map(|(_, m)| (m.name, None))
        .collect()
}

fn ids(records: &Records) -> Words {
    records
        .report
        .items()
        .map(|r| {
            let text: String = r.item.progress.chars().take(40).collect();
            (r.item.id.clone(), Some(text))
        })
        .collect()
}

/// For `set`: ids first (after an optional PATH), then `field=` and, after
/// a field, its codes. `typed` is the word being completed.
fn set_words(records: &Records, typed: &str) -> Words {
    let looks_like_id = |w: &str| records.report.item(w).is_some();
    // The words after `set`, the one being typed last.
    let mut after: Vec<String> = std::env::args()
        .skip_while(|a| a != "set")
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    after.pop();
    if !after.iter().any(|w| looks_like_id(w)) {
        return ids(records);
    }
    let report = &records.report;
    if let Some((name, _)) = typed.split_once('=') {
        return Field::named(name, report)
            .and_then(|f| f.scale(report))
            .map(|scale| {
                scale
                    .codes
                    .iter()
                    .map(|c| (format!("{name}={}", c.code), Some(c.meaning.clone())))
                    .collect()
            })
            .unwrap_or_default();
    }
    // Both the English names and the Japanese ones (実施区分=, …).
    Field::ALL
        .into_iter()
        .flat_map(|f| [f.name().to_string(), f.label(report, Lang::Ja)])
        .map(|n| (format!("{n}="), None))
        .collect()
}
