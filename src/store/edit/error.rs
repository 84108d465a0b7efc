//! Why a save did not happen, put into words in the reader's language.

use std::path::PathBuf;

use crate::domain::error::{LoadErrors, io_reason, quoted};
use crate::domain::field::{Conflict, Field};
use crate::i18n::{CliMsg, Lang};
use crate::store::StoreError;

/// Why a save did not happen.
#[derive(Debug)]
pub enum EditError {
    Load(LoadErrors),
    Lock {
        path: PathBuf,
        source: std::io::Error,
    },
    UnknownItem {
        id: String,
        near: Vec<String>,
    },
    /// A field named by none of the names `kensho set` takes (`allowed`).
    UnknownField {
        name: String,
        allowed: String,
    },
    BadCode {
        field: Field,
        value: String,
        scale: String,
        allowed: Vec<String>,
    },
    Conflict(Conflict),
    Log {
        path: PathBuf,
        source: std::io::Error,
    },
    Save(StoreError),
    MeetingClosed {
        name: String,
    },
    MeetingNameTaken {
        name: String,
        other: String,
    },
    MeetingNameTooLong {
        name: String,
        max: usize,
    },
    NoSuchMeeting {
        name: String,
    },
    /// A meeting to remove that holds marks or logged changes.
    MeetingInUse {
        name: String,
        marks: usize,
        changes: usize,
    },
    /// The records hold a change the log does not tell ([`super::unlogged`]).
    Unlogged(Box<super::unlogged::Unlogged>),
}

impl EditError {
    /// The sentence in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        match self {
            EditError::Load(e) => e.say(lang),
            EditError::Lock { path, source } => CliMsg::ErrLock.fill(
                lang,
                &[
                    ("path", &path.display()),
                    ("error", &io_reason(source, lang)),
                ],
            ),
            EditError::UnknownItem { id, near } if near.is_empty() => {
                CliMsg::ErrUnknownItem.fill(lang, &[("id", &quoted(id))])
            }
            EditError::UnknownItem { id, near } => CliMsg::ErrUnknownItemNear
                .fill(lang, &[("id", &quoted(id)), ("near", &near.join(", "))]),
            EditError::UnknownField { name, allowed } => {
                CliMsg::ErrNotAField.fill(lang, &[("name", &quoted(name)), ("fields", allowed)])
            }
            EditError::BadCode {
                field,
                value,
                scale,
                allowed,
            } => CliMsg::ErrBadCode.fill(
                lang,
                &[
                    ("field", field),
                    ("value", &quoted(value)),
                    ("scale", scale),
                    ("allowed", &allowed.join(", ")),
                ],
            ),
            EditError::Conflict(c) => CliMsg::ErrConflict.fill(
                lang,
                &[
                    ("item", &c.item),
                    ("field", &c.field),
                    ("theirs", &quoted(&c.theirs)),
                    ("seen", &quoted(&c.seen)),
                    ("ours", &quoted(&c.ours)),
                ],
            ),
            EditError::Log { path, source } => CliMsg::ErrLogAppend.fill(
                lang,
                &[
                    ("path", &path.display()),
                    ("error", &io_reason(source, lang)),
                ],
            ),
            EditError::Save(e) => CliMsg::ErrNotSaved.fill(lang, &[("error", &e.say(lang))]),
            EditError::MeetingClosed { name } => {
                CliMsg::ErrMeetingClosed.fill(lang, &[("name", &quoted(name))])
            }
            EditError::MeetingNameTaken { name, other } => CliMsg::ErrMeetingNameTaken
                .fill(lang, &[("name", &quoted(name)), ("other", &quoted(other))]),
            EditError::MeetingNameTooLong { name, max } => {
                CliMsg::ErrMeetingNameTooLong.fill(lang, &[("name", &quoted(name)), ("max", max)])
            }
            EditError::NoSuchMeeting { name } => {
                CliMsg::ErrNoSuchMeeting.fill(lang, &[("name", &crate::text::visible(name))])
            }
            EditError::MeetingInUse {
                name,
                marks,
                changes,
            } => CliMsg::ErrMeetingInUse.fill(
                lang,
                &[
                    ("name", &quoted(name)),
                    ("marks", marks),
                    ("changes", changes),
                ],
            ),
            EditError::Unlogged(u) => u.say(lang),
        }
    }
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

impl std::error::Error for EditError {}
