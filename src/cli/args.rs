//! The command line as clap parses it. Every help text comes from the
//! catalogue ([`super::help`]), in the reader's language.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::board::theme::ThemeName;
use crate::domain::export::{Format, Headers};
use crate::i18n::Lang;

#[derive(Debug, Parser)]
#[command(name = "kensho", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Records folder or file
    pub path: Option<PathBuf>,
    /// Interface language
    #[arg(long, value_enum, global = true)]
    pub lang: Option<Lang>,
    /// The configuration file
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    /// ASCII borders and symbols
    #[arg(long)]
    pub ascii: bool,
    /// Colours
    #[arg(long, value_enum)]
    pub theme: Option<ThemeName>,
    /// Present: followers see what this board shows
    #[arg(long, conflicts_with = "follow")]
    pub present: bool,
    /// Open the board read-only: nothing can be changed
    #[arg(long)]
    pub read_only: bool,
    /// Plain lines for a screen reader: no drawing, codes in words
    #[arg(long)]
    pub plain: bool,
    /// Follow the presenter, read-only
    #[arg(long, conflicts_with_all = ["meeting", "changed_in_meeting", "not_reviewed"])]
    pub follow: bool,
    /// Open the board with this search
    #[arg(long)]
    pub query: Option<String>,
    /// Start or resume this review meeting
    #[arg(long)]
    pub meeting: Option<String>,
    /// Start the meeting even when its name is close to an existing one's
    #[arg(long, requires = "meeting")]
    pub new_meeting: bool,
    /// Only the items changed in the meeting
    #[arg(long, requires = "meeting")]
    pub changed_in_meeting: bool,
    /// Only the items of the meeting's agenda not reviewed yet
    #[arg(long, requires = "meeting")]
    pub not_reviewed: bool,
    /// Only the items changed since this meeting closed (or started)
    #[arg(long, value_name = "NAME")]
    pub changed_since_meeting: Option<String>,
    /// Mark the items changed since BASE (as kensho compare takes it)
    #[arg(long, value_name = "BASE")]
    pub compare: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and validate the records, and print their counts.
    Check { path: Option<PathBuf> },
    /// Print the items matching QUERY, best first.
    Search {
        #[arg(num_args = 1..=2, required = true, value_names = ["PATH", "QUERY"])]
        args: Vec<String>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        filters: FilterArgs,
    },
    /// Write a large synthetic report.
    Generate {
        #[arg(long)]
        items: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        from: Option<PathBuf>,
        out: PathBuf,
    },
    /// Set fields of one item.
    Set {
        #[arg(num_args = 2.., required = true, value_names = ["PATH", "ID"])]
        args: Vec<String>,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Print the change log.
    Log(LogArgs),
    /// Check the log against the records.
    Verify { path: Option<PathBuf> },
    /// Log a change made to the records outside kensho, under your name.
    Adopt {
        path: Option<PathBuf>,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Print the minutes of a review meeting.
    Minutes(MinutesArgs),
    /// List the review meetings, reopen or remove one.
    Meetings(MeetingsArgs),
    /// Check the configuration file, or print the default one.
    Config {
        path: Option<PathBuf>,
        #[arg(long)]
        default: bool,
    },
    /// Print the records as JSON, CSV or Markdown, or write them as a
    /// workbook or as open data.
    Export(ExportArgs),
    /// Write one workbook per department, to fill in and send back.
    Survey(SurveyArgs),
    /// Take a department's workbook back into the records.
    Import(ImportArgs),
    /// Print a shell's completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    Man,
    /// Compare the table with an earlier one.
    Compare(CompareArgs),
    /// Say which round is open and what changed in it; start a round.
    Round(RoundArgs),
}

impl Command {
    /// The name the command is typed as.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Check { .. } => "check",
            Command::Search { .. } => "search",
            Command::Generate { .. } => "generate",
            Command::Set { .. } => "set",
            Command::Log(_) => "log",
            Command::Verify { .. } => "verify",
            Command::Adopt { .. } => "adopt",
            Command::Minutes(_) => "minutes",
            Command::Meetings(_) => "meetings",
            Command::Config { .. } => "config",
            Command::Export(_) => "export",
            Command::Survey(_) => "survey",
            Command::Import(_) => "import",
            Command::Completions { .. } => "completions",
            Command::Man => "man",
            Command::Compare(_) => "compare",
            Command::Round(_) => "round",
        }
    }
}

/// `kensho export`.
#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    pub path: Option<PathBuf>,
    #[arg(long, value_enum)]
    pub format: Format,
    /// A file; for opendata, a folder.
    #[arg(long, value_name = "FILE|DIR")]
    pub out: Option<PathBuf>,
    #[arg(long, value_enum)]
    pub headers: Option<Headers>,
    #[arg(long)]
    pub meanings: bool,
    /// CSV cells as they are, formulas included.
    #[arg(long)]
    pub raw: bool,
    /// Open data: a byte-order mark at the start of each file.
    #[arg(long)]
    pub bom: bool,
    #[arg(long)]
    pub query: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
}

/// `kensho compare`.
#[derive(Debug, Clone, clap::Args)]
pub struct CompareArgs {
    /// A git revision, a records folder or file, or a published workbook.
    pub base: String,
    pub path: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = CompareFormat::Text)]
    pub format: CompareFormat,
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// How a comparison is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareFormat {
    Text,
    Json,
    Markdown,
    /// A 新旧対照表 workbook (needs --out).
    Xlsx,
}

/// `kensho round`.
#[derive(Debug, Clone, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct RoundArgs {
    pub path: Option<PathBuf>,
    #[command(subcommand)]
    pub action: Option<RoundAction>,
}

/// What `kensho round` does.
#[derive(Debug, Clone, Subcommand)]
pub enum RoundAction {
    /// Start a new round: the table as it stands becomes its base.
    Start { name: String, path: Option<PathBuf> },
}

/// `kensho survey`.
#[derive(Debug, Clone, clap::Args)]
pub struct SurveyArgs {
    pub path: Option<PathBuf>,
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Replace workbooks already in `out` (they may hold answers).
    #[arg(long)]
    pub replace: bool,
    #[arg(long)]
    pub query: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
}

/// `kensho import`.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    pub path: Option<PathBuf>,
    #[arg(long)]
    pub apply: bool,
    #[arg(long, requires = "apply")]
    pub skip_problems: bool,
}

/// `kensho minutes`.
#[derive(Debug, Clone, clap::Args)]
pub struct MinutesArgs {
    pub path: Option<PathBuf>,
    #[arg(long)]
    pub meeting: Option<String>,
    #[arg(long, value_enum, default_value_t = MinutesFormat::Markdown)]
    pub format: MinutesFormat,
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[arg(long)]
    pub close: bool,
}

/// `kensho meetings`.
#[derive(Debug, Clone, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct MeetingsArgs {
    pub path: Option<PathBuf>,
    #[command(subcommand)]
    pub action: Option<MeetingsAction>,
}

/// What `kensho meetings` does to one meeting.
#[derive(Debug, Clone, Subcommand)]
pub enum MeetingsAction {
    /// Open a closed meeting again.
    Reopen { name: String, path: Option<PathBuf> },
    /// Set the meeting's details for its minutes: place=… attendees=…
    /// absent=… secretariat=… observers=N public=yes|no reason=…
    /// documents=… zone=Asia/Tokyo (lists separated by 、 or ,).
    Set {
        name: String,
        /// field=value …, and the records' PATH (optional).
        #[arg(required = true)]
        values: Vec<String>,
    },
    /// Remove a meeting (refused while it has marks or changes, unless --force).
    Remove {
        name: String,
        path: Option<PathBuf>,
        #[arg(long)]
        force: bool,
    },
}

/// `kensho log`.
#[derive(Debug, Clone, clap::Args)]
pub struct LogArgs {
    pub path: Option<PathBuf>,
    #[arg(long)]
    pub item: Option<String>,
    #[arg(long)]
    pub since: Option<String>,
    #[arg(long)]
    pub user: Option<String>,
    /// Only the changes of this department's answers (part of its name)
    #[arg(long)]
    pub dept: Option<String>,
    #[arg(long)]
    pub json: bool,
}

/// How the minutes are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MinutesFormat {
    Markdown,
    Json,
    /// A Word document (needs --out, or standard output that is not a terminal).
    Docx,
    /// A PDF, made from the Word document by LibreOffice.
    Pdf,
}

/// Filters given on the command line.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    #[arg(long, value_delimiter = ',')]
    pub phase: Vec<String>,
    #[arg(long, value_delimiter = ',')]
    pub direction: Vec<String>,
    #[arg(long = "dept", value_name = "TEXT")]
    pub departments: Vec<String>,
    #[arg(long)]
    pub hide_relisted: bool,
    /// Terms in romaji or kana do not match kanji by reading
    #[arg(long)]
    pub no_readings: bool,
}
