//! Follow mode's file on disk: the presenter writes `.kensho-presenter`
//! (atomically, with the records' mode and group, so that everyone who may
//! read the records may read it), followers read it, and the presenter
//! removes it when it stops, if it is still theirs.

use std::path::{Path, PathBuf};

use super::{EditError, StoreError};
use crate::domain::error::io_reason;
use crate::domain::presence::{Owner, PRESENCE_FILE, Presence, STALE};
use crate::i18n::{CliMsg, Lang};

/// The largest presence file read.
const MAX_BYTES: u64 = 64 * 1024;

/// The presence file of the records folder `dir`.
pub fn file(dir: &Path) -> PathBuf {
    dir.join(PRESENCE_FILE)
}

/// Why the presence file could not be read or written.
#[derive(Debug)]
pub enum PresenceError {
    /// It could not be read (not a regular file, too large, no access).
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// It is not UTF-8 text.
    NotText { path: PathBuf },
    /// It is not a presence file (`at`: the line and column).
    NotPresence {
        path: PathBuf,
        at: String,
        error: String,
    },
    /// It could not be written.
    Write(StoreError),
    /// The records folder could not be locked to write it.
    Lock(EditError),
}

impl PresenceError {
    /// The sentence in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        match self {
            PresenceError::Read { path, source } => CliMsg::ErrPresenceRead.fill(
                lang,
                &[
                    ("path", &path.display()),
                    ("error", &io_reason(source, lang)),
                ],
            ),
            PresenceError::NotText { path } => {
                CliMsg::ErrPresenceNotText.fill(lang, &[("path", &path.display())])
            }
            PresenceError::NotPresence { path, at, error } => CliMsg::ErrPresenceNotPresence.fill(
                lang,
                &[("path", &path.display()), ("at", at), ("error", error)],
            ),
            PresenceError::Write(e) => e.say(lang),
            PresenceError::Lock(e) => e.say(lang),
        }
    }
}

/// The file's contents; None when nobody presents (no file).
pub fn read(dir: &Path) -> Result<Option<Presence>, PresenceError> {
    let path = file(dir);
    // A presenter writes well under a kilobyte; anything bigger is not theirs.
    let bytes = match crate::domain::files::read_regular(&path, MAX_BYTES) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(PresenceError::Read { path, source }),
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(PresenceError::NotText { path });
    };
    Presence::parse(&text)
        .map(Some)
        .map_err(|e| PresenceError::NotPresence {
            at: format!("{}:{}", e.span.start.line, e.span.start.col),
            error: e.code.to_string(),
            path,
        })
}

/// Write `presence` for everyone to read: replaced atomically, with the
/// mode and group of `like` (a records file) when it is created.
pub fn write(dir: &Path, like: &Path, presence: &Presence) -> Result<(), PresenceError> {
    let path = file(dir);
    let text = presence
        .render()
        .map_err(|e| PresenceError::Write(StoreError::Render(e)))?;
    super::replace_file_like(&path, text.as_bytes(), like).map_err(PresenceError::Write)
}

/// Remove the file if `owner` still owns it (someone may have taken over).
pub fn withdraw(dir: &Path, owner: &Owner) {
    if let Ok(Some(p)) = read(dir)
        && p.owner == *owner
    {
        let _ = std::fs::remove_file(file(dir));
    }
}

/// Whether the presenter of `presence`, on this machine, is still there:
/// its process runs and its last heartbeat is recent. (For a presenter on
/// another machine the clocks may differ: see the presence worker, which
/// watches the file change instead.)
pub fn alive(presence: &Presence) -> bool {
    if presence.owner.host == hostname() && !process_runs(presence.owner.pid) {
        return false;
    }
    let Ok(beat) = presence.heartbeat.parse::<jiff::Timestamp>() else {
        return false;
    };
    let age = jiff::Timestamp::now().duration_since(beat);
    age.unsigned_abs() < STALE
}

/// Whether the presenter of a file read by a follower is known to be gone:
/// its process ended (same host), or its heartbeat is a minute old (which
/// no clock difference between two machines explains). Anything shorter is
/// judged by the follower's own clock, from how long the file stays the same.
pub fn gone(presence: &Presence) -> bool {
    if presence.owner.host == hostname() && !process_runs(presence.owner.pid) {
        return true;
    }
    presence
        .heartbeat
        .parse::<jiff::Timestamp>()
        .is_ok_and(|beat| {
            jiff::Timestamp::now()
                .duration_since(beat)
                .unsigned_abs()
                .as_secs()
                > 60
        })
}

/// Who this process is, as a presenter starting now.
pub fn owner_now(display_name: Option<String>) -> Owner {
    let (user, _) = super::changelog::who();
    Owner {
        user,
        display_name,
        host: hostname(),
        pid: std::process::id(),
        started: super::changelog::now(),
    }
}

/// This machine's name.
pub fn hostname() -> String {
    #[cfg(unix)]
    {
        let name = rustix::system::uname();
        let name = name.nodename().to_string_lossy();
        if !name.is_empty() {
            return name.into_owned();
        }
    }
    "localhost".to_string()
}

/// Whether process `pid` runs on this machine.
fn process_runs(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return false;
        };
        // Signal 0: whether the process exists; nothing is sent.
        match rustix::process::test_kill_process(pid) {
            Ok(()) => true,
            Err(e) => e == rustix::io::Errno::PERM,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}
