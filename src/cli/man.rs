//! `kensho man`: one manual page in the reader's language, written from the
//! same sources as `--help` (every command and option) and the board's `?`
//! (the key tables), with the sections help has no room for: the meeting's
//! course, FILES, ENVIRONMENT and EXIT STATUS.
//!
//! Written by hand rather than with clap_mangen: that crate names a page
//! per subcommand (`kensho-set(1)`) that nobody installs, keeps its headings
//! in English, and gives groff Japanese lines it cannot break. Here a break
//! is allowed between Japanese characters (`\:`, never before 、。」 nor
//! after 「), so `man -l` lays the page out without a warning.

use clap::{Arg, Command};

use crate::board::keymap::{Keymap, default_tables};
use crate::board::screen::ScreenKind;
use crate::domain::meeting::MEETINGS_DIR;
use crate::i18n::{Lang, ManMsg, Msg};
use crate::store::changelog::{LOG_FILE, TORN_FILE};
use crate::store::digests::CACHE_FOLDER;

/// The page, in roff.
pub fn page(cmd: &Command, lang: Lang) -> String {
    let t = |m: ManMsg| m.text(lang);
    let mut r = Roff::default();
    r.control(&format!(
        ".TH KENSHO 1 \"\" \"kensho {}\" \"{}\"",
        env!("CARGO_PKG_VERSION"),
        t(ManMsg::Manual)
    ));
    // No hyphenation: option names must stay whole.
    r.control(".nh");
    r.heading(t(ManMsg::HeadName));
    let about = about(cmd);
    let about = about.strip_prefix("kensho: ").unwrap_or(&about);
    r.text(&format!("kensho \\- {}", escape(about)));
    r.heading(t(ManMsg::HeadSynopsis));
    r.synopsis(cmd, "kensho");
    for sub in visible_subcommands(cmd) {
        r.synopsis(sub, &format!("kensho {}", sub.get_name()));
    }
    r.heading(t(ManMsg::HeadDescription));
    r.paragraph(t(ManMsg::Description));
    r.paragraph(t(ManMsg::DescriptionBoard));
    r.heading(t(ManMsg::HeadOptions));
    r.options(cmd);
    r.heading(t(ManMsg::HeadCommands));
    commands(&mut r, cmd, "kensho");
    keys(&mut r, lang);
    r.heading(t(ManMsg::HeadMeeting));
    for step in t(ManMsg::MeetingSteps).lines() {
        r.paragraph(step);
    }
    r.heading(t(ManMsg::HeadFiles));
    for (name, m) in files() {
        r.item(&name, t(m));
    }
    r.heading(t(ManMsg::HeadEnvironment));
    for (name, m) in ENVIRONMENT {
        r.item(name, t(*m));
    }
    r.heading(t(ManMsg::HeadExit));
    for (code, m) in [
        ("0", ManMsg::Exit0),
        ("1", ManMsg::Exit1),
        ("2", ManMsg::Exit2),
    ] {
        r.item(code, t(m));
    }
    r.heading(t(ManMsg::HeadSeeAlso));
    r.paragraph(t(ManMsg::SeeAlso));
    r.out
}

const ENVIRONMENT: &[(&str, ManMsg)] = &[
    ("VISUAL, EDITOR", ManMsg::EnvEditor),
    ("NO_COLOR", ManMsg::EnvNoColor),
    ("XDG_CONFIG_HOME", ManMsg::EnvConfigHome),
    ("LC_ALL, LC_MESSAGES, LANG", ManMsg::EnvLang),
    ("TZ", ManMsg::EnvTz),
    ("SSH_CLIENT", ManMsg::EnvSsh),
    ("TERM", ManMsg::EnvTerm),
];

fn files() -> Vec<(String, ManMsg)> {
    vec![
        ("records/*.ron".into(), ManMsg::FileRecords),
        (format!("records/{LOG_FILE}"), ManMsg::FileLog),
        (format!("records/{TORN_FILE}"), ManMsg::FileTorn),
        (format!("records/{MEETINGS_DIR}/"), ManMsg::FileMeetings),
        ("records/ids.ron".into(), ManMsg::FileIds),
        (format!("records/{CACHE_FOLDER}/"), ManMsg::FileCache),
        (
            "$XDG_CONFIG_HOME/kensho/config.ron".into(),
            ManMsg::FileConfig,
        ),
    ]
}

/// The screens whose keys the page lists, with their headings.
const SCREENS: &[(ScreenKind, ManMsg)] = &[
    (ScreenKind::Browse, ManMsg::ScreenBoard),
    (ScreenKind::Walkthrough, ManMsg::ScreenWalkthrough),
    (ScreenKind::Overview, ManMsg::ScreenOverview),
    (ScreenKind::AgendaIndex, ManMsg::ScreenAgenda),
    (ScreenKind::MeetingInfo, ManMsg::ScreenMeetingInfo),
    (ScreenKind::Picker, ManMsg::ScreenPicker),
    (ScreenKind::Filters, ManMsg::ScreenFilters),
];

/// KEYS: every listed screen's table, as `?` shows it, then the keys that
/// work everywhere; the code keys in words (they come from the records).
fn keys(r: &mut Roff, lang: Lang) {
    let tables = default_tables(&[]);
    let Ok(keymap) = Keymap::new(tables) else {
        return;
    };
    r.heading(ManMsg::HeadKeys.text(lang));
    r.paragraph(ManMsg::CodeKeys.text(lang));
    let mut table = |title: ManMsg, rows: Vec<(String, Msg)>| {
        r.subheading(title.text(lang));
        for (keys, help) in rows {
            r.item(&keys, help.text(lang));
        }
    };
    for &(screen, title) in SCREENS {
        table(title, Keymap::help_lines(keymap.table(screen), false));
    }
    table(
        ManMsg::ScreenEverywhere,
        Keymap::help_lines(keymap.global(), false),
    );
}

/// COMMANDS: each command with its synopsis, what it does and its options;
/// the commands under it after it.
fn commands(r: &mut Roff, cmd: &Command, path: &str) {
    for sub in visible_subcommands(cmd) {
        let name = format!("{path} {}", sub.get_name());
        r.subheading(&name);
        r.text(&escape(&about(sub)));
        if sub.get_arguments().any(shown) {
            r.options(sub);
        }
        commands(r, sub, &name);
    }
}

fn visible_subcommands(cmd: &Command) -> impl Iterator<Item = &Command> {
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
}

fn about(cmd: &Command) -> String {
    cmd.get_about().map(|a| a.to_string()).unwrap_or_default()
}

/// An argument worth a line: not hidden, not help or version (which every
/// command has and OPTIONS lists once).
fn shown(a: &Arg) -> bool {
    !a.is_hide_set()
}

/// `--long <VALUE>`, `-s, --long`, or a positional's `[NAME]`.
fn arg_words(a: &Arg) -> String {
    let value = a
        .get_value_names()
        .map(|v| {
            v.iter()
                .map(|n| format!("<{n}>"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|_| a.get_action().takes_values());
    if a.is_positional() {
        return positional_words(a);
    }
    let mut out = match (a.get_short(), a.get_long()) {
        (Some(s), Some(l)) => format!("-{s}, --{l}"),
        (Some(s), None) => format!("-{s}"),
        (None, Some(l)) => format!("--{l}"),
        (None, None) => a.get_id().to_string(),
    };
    if let Some(v) = value {
        out.push(' ');
        out.push_str(&v);
    }
    out
}

/// A positional's names: `[PATH]`, `FILE`; for one taking several values,
/// those that may be left out in brackets (`[PATH] QUERY`).
fn positional_words(a: &Arg) -> String {
    let id = a.get_id().to_string().to_uppercase();
    let names: Vec<String> = match a.get_value_names() {
        Some(v) => v.iter().map(ToString::to_string).collect(),
        None => vec![id],
    };
    let least = a
        .get_num_args()
        .map_or(1, |r| r.min_values())
        .min(names.len());
    let optional = if a.is_required_set() {
        names.len() - least.max(1)
    } else {
        names.len()
    };
    names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            if i < optional {
                format!("[{n}]")
            } else {
                n.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where a command's positionals say less than its about text: the
/// synopsis as that text gives it.
const SYNOPSES: &[(&str, &str)] = &[("kensho set", "[PATH] ID FIELD=VALUE...")];

/// Roff being written, line by line.
#[derive(Default)]
struct Roff {
    out: String,
}

impl Roff {
    fn control(&mut self, line: &str) {
        self.out.push_str(line);
        self.out.push('\n');
    }

    /// A line of text already escaped.
    fn text(&mut self, escaped: &str) {
        if escaped.starts_with(['.', '\'']) {
            self.out.push_str("\\&");
        }
        self.control(escaped);
    }

    fn heading(&mut self, words: &str) {
        self.control(&format!(".SH \"{}\"", escape_whole(words)));
        // Left-aligned: Japanese lines are not stretched between words.
        self.control(".ad l");
    }

    fn subheading(&mut self, words: &str) {
        self.control(&format!(".SS \"{}\"", escape_whole(words)));
    }

    fn paragraph(&mut self, words: &str) {
        self.control(".PP");
        self.text(&escape(words));
    }

    /// A tagged paragraph: `tag` in bold, `words` under it.
    fn item(&mut self, tag: &str, words: &str) {
        self.control(".TP");
        self.text(&format!("\\fB{}\\fR", escape(tag)));
        self.text(&escape(words));
    }

    fn synopsis(&mut self, cmd: &Command, path: &str) {
        let fixed = SYNOPSES.iter().find(|(p, _)| *p == path).map(|(_, s)| *s);
        let args: Vec<String> = cmd
            .get_arguments()
            .filter(|a| shown(a) && !matches!(a.get_id().as_str(), "help" | "version"))
            .filter(|a| !(a.is_positional() && fixed.is_some()))
            .map(|a| {
                let w = arg_words(a);
                if a.is_positional() {
                    w
                } else {
                    format!("[{w}]")
                }
            })
            .collect();
        // A group is never split over two lines (`\ ` holds it together).
        let args: Vec<String> = fixed
            .map(str::to_string)
            .into_iter()
            .chain(args)
            .map(|w| escape(&w).replace(' ', "\\ "))
            .collect();
        self.control(".PP");
        self.text(&format!("\\fB{}\\fR {}", escape(path), args.join(" ")));
    }

    fn options(&mut self, cmd: &Command) {
        for a in cmd.get_arguments().filter(|a| shown(a)) {
            let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
            self.item(&arg_words(a), &help);
        }
    }
}

/// `s` as roff text kept on one line (a heading).
fn escape_whole(s: &str) -> String {
    s.replace('\\', "\\e").replace('-', "\\-")
}

/// `s` as roff text: backslashes and hyphens kept as they are, and a break
/// allowed between Japanese characters (groff finds no spaces there).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' => out.push_str("\\e"),
            '-' => out.push_str("\\-"),
            _ => out.push(c),
        }
        if let Some(&next) = chars.get(i + 1)
            && breaks_after(c)
            && breaks_before(next)
        {
            out.push_str("\\:");
        }
    }
    out
}

/// A CJK character or full-width punctuation, not an opening bracket.
fn breaks_after(c: char) -> bool {
    wide(c) && !"「『（［【〔".contains(c)
}

/// Anything but closing punctuation and the long-vowel mark may start a line.
fn breaks_before(c: char) -> bool {
    wide(c) && !"、。，．」』）］】〕ー・：；？！ぁぃぅぇぉっゃゅょァィゥェォッャュョ".contains(c)
}

fn wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}
