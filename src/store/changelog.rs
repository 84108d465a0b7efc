//! The change log beside the data (`changes.jsonl`): one JSON object per line,
//! append-only, readable with jq, VisiData or pandas.

use std::path::Path;

use crate::i18n::{Lang, LogMsg};

/// The change log's file name, in the records folder.
pub const LOG_FILE: &str = "changes.jsonl";

pub use crate::domain::change::{Change, LogStatus, never_applied};

/// Who is making a change: the account of the process's real user id (from
/// the system's user database, never from the environment, so nobody logs a
/// change as someone else), and the SSH client address if any.
pub fn who() -> (String, Option<String>) {
    let user = uzers::get_current_username()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| format!("uid {}", uzers::get_current_uid()));
    let ssh = std::env::var("SSH_CLIENT")
        .ok()
        .and_then(|v| v.split_whitespace().next().map(str::to_string));
    (user, ssh)
}

/// Who, as shown in meeting files: "account (display name)" or "account".
pub fn who_shown(given: Option<&str>) -> String {
    let (user, _) = who();
    match display_name(given, &user) {
        Some(name) => format!("{user} ({name})"),
        None => user,
    }
}

/// A display name to log beside the account: the one given (configuration,
/// `--as`), else `LOGNAME`/`USER` when they name someone other than the
/// account (a shared login); it is shown as "account (name)", never instead.
pub fn display_name(given: Option<&str>, account: &str) -> Option<String> {
    if let Some(name) = given {
        return Some(name.to_string());
    }
    ["LOGNAME", "USER"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .filter(|v| v != account)
        .map(|v| v.chars().take(60).collect())
}

/// Now, by the store's clock, in RFC 3339 with the local offset.
pub fn now() -> String {
    super::seam::now()
        .to_zoned_datetime(local_zone().clone())
        .strftime("%Y-%m-%dT%H:%M:%S%.3f%:z")
        .to_string()
}

/// The local time zone, looked up once per process: `/etc/localtime` read
/// as it is (asking the time-zone database for it by name would list the
/// whole database folder first), unless `TZ` names another.
fn local_zone() -> &'static jiff::tz::TimeZone {
    use jiff::tz::TimeZone;
    static ZONE: std::sync::OnceLock<TimeZone> = std::sync::OnceLock::new();
    ZONE.get_or_init(|| {
        if std::env::var_os("TZ").is_some() {
            return TimeZone::system();
        }
        std::fs::read("/etc/localtime")
            .ok()
            .and_then(|bytes| TimeZone::tzif("localtime", &bytes).ok())
            .unwrap_or_else(TimeZone::system)
    })
}

/// A problem found while reading the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogProblem {
    /// The last line has no newline or is not a whole object: a save was cut
    /// off. It is ignored.
    TornLastLine { line: usize },
    /// A line in the middle that is not a change; the others are still read.
    Damaged { line: usize, error: String },
}

impl LogProblem {
    pub fn say(&self, lang: Lang) -> String {
        match self {
            LogProblem::TornLastLine { line } => {
                LogMsg::LogTornLine.fill(lang, &[("file", &LOG_FILE), ("line", line)])
            }
            LogProblem::Damaged { line, error } => LogMsg::LogDamagedLine.fill(
                lang,
                &[("file", &LOG_FILE), ("line", line), ("error", error)],
            ),
        }
    }
}

impl std::fmt::Display for LogProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

/// Every readable change of the log at `path` (none when it does not exist),
/// and what could not be read.
pub fn read(path: &Path) -> std::io::Result<(Vec<Change>, Vec<LogProblem>)> {
    let bytes = match crate::domain::files::read_regular(path, u64::MAX) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Vec::new(), Vec::new())),
        Err(e) => return Err(e),
    };
    Ok(parse(&bytes))
}

/// The lines of the log's last save (its last txn), read from the end of the
/// file: a save costs what the last save wrote, not the whole log. A cut-off
/// last line is left out, as [`read`] does.
pub fn last_save(path: &Path) -> std::io::Result<Vec<Change>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file =
        match crate::domain::files::open_regular(path, crate::domain::files::Access::Read) {
            Ok((f, _)) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
    let mut start = file.metadata()?.len();
    let mut tail: Vec<u8> = Vec::new();
    let mut block = 64 * 1024u64;
    while start > 0 {
        let from = start.saturating_sub(block);
        let mut bytes = vec![0u8; (start - from) as usize];
        file.seek(SeekFrom::Start(from))?;
        file.read_exact(&mut bytes)?;
        bytes.extend_from_slice(&tail);
        tail = bytes;
        start = from;
        // Twice as far back each time: linear however long the last save.
        block = block.saturating_mul(2);
        // Whole lines only: the first is cut unless the file starts there.
        let whole = match (start, tail.iter().position(|&b| b == b'\n')) {
            (0, _) => &tail[..],
            (_, Some(i)) => &tail[i + 1..],
            (_, None) => continue,
        };
        let (changes, _) = parse(whole);
        let Some(last) = changes.last() else {
            continue;
        };
        if start == 0 || changes.iter().any(|c| c.txn != last.txn) {
            let txn = last.txn.clone();
            let mut save: Vec<Change> = changes
                .into_iter()
                .rev()
                .take_while(|c| c.txn == txn)
                .collect();
            save.reverse();
            return Ok(save);
        }
    }
    Ok(parse(&tail).0)
}

pub fn parse(bytes: &[u8]) -> (Vec<Change>, Vec<LogProblem>) {
    let mut changes = Vec::new();
    let mut problems = Vec::new();
    let ends_with_newline = bytes.last() == Some(&b'\n');
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    // split leaves an empty piece after a final newline.
    let count = if ends_with_newline {
        lines.len() - 1
    } else {
        lines.len()
    };
    for (n, line) in lines.iter().take(count).enumerate() {
        let last = n + 1 == count;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Change>(line) {
            Ok(c) if !last || ends_with_newline => changes.push(c),
            Ok(_) => problems.push(LogProblem::TornLastLine { line: n + 1 }),
            Err(_) if last => problems.push(LogProblem::TornLastLine { line: n + 1 }),
            Err(e) => problems.push(LogProblem::Damaged {
                line: n + 1,
                error: e.to_string(),
            }),
        }
    }
    (changes, problems)
}

/// Where a cut-off last line of the log is moved aside, beside the log.
pub const TORN_FILE: &str = "changes.jsonl.torn";

/// Make the log at `path` end with a whole line before anything is appended
/// to it: the bytes after its last newline (a line cut off by a full disk or
/// a kill) are appended to [`TORN_FILE`] with when they were moved, then cut
/// from the log. Call with the folder's lock held. Returns how many bytes
/// were moved (0: the log was whole). Only the log's tail is read.
pub fn repair(path: &Path) -> std::io::Result<u64> {
    use std::io::{Read, Seek, SeekFrom, Write};
    let mut file = match super::own::open_own(path, crate::domain::files::Access::Update) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let len = file.metadata()?.len();
    // Back from the end, a block at a time, to the last newline.
    let mut end = len;
    let mut cut = 0;
    let mut block = vec![0u8; 64 * 1024];
    'search: while end > 0 {
        let start = end.saturating_sub(block.len() as u64);
        let n = (end - start) as usize;
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(&mut block[..n])?;
        if end == len && block[n - 1] == b'\n' {
            return Ok(0);
        }
        if let Some(i) = block[..n].iter().rposition(|&b| b == b'\n') {
            cut = start + i as u64 + 1;
            break 'search;
        }
        end = start;
    }
    let mut fragment = Vec::new();
    file.seek(SeekFrom::Start(cut))?;
    file.read_to_end(&mut fragment)?;
    let torn = path.with_file_name(TORN_FILE);
    let mut aside = super::own::open_own(&torn, crate::domain::files::Access::Append)?;
    let header = serde_json::json!({ "moved_aside": now(), "bytes": fragment.len() });
    aside.write_all(format!("{header}\n").as_bytes())?;
    aside.write_all(&fragment)?;
    aside.write_all(b"\n")?;
    aside.sync_data()?;
    file.set_len(cut)?;
    file.sync_data()?;
    Ok(fragment.len() as u64)
}

/// The lines to append for `changes` (each a JSON object and a newline).
/// serde_json escapes control characters, so no line breaks inside a record.
pub fn lines(changes: &[Change]) -> Result<String, serde_json::Error> {
    let mut out = String::new();
    for c in changes {
        out.push_str(&crate::text::json::to_line(c)?);
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::field::Field;

    fn change(item: &str, old: &str, new: &str) -> Change {
        Change {
            timestamp: now(),
            user: "tester".into(),
            display_name: None,
            ssh_client: None,
            item: item.into(),
            field: Field::Phase,
            old: old.into(),
            new: new.into(),
            reason: Some("会議で決定".into()),
            meeting: None,
            department: None,
            txn: "t1".into(),
            state: None,
            status: LogStatus::Applied,
            version: "0.1.0".into(),
        }
    }

    #[test]
    fn the_last_save_is_read_from_the_end_of_the_log() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(LOG_FILE);
        let in_txn = |txn: &str, n: usize| -> Vec<Change> {
            (0..n)
                .map(|i| Change {
                    txn: txn.into(),
                    ..change(&format!("1-1-{i}"), "A", "B")
                })
                .collect()
        };
        let ids = |c: Vec<Change>| -> Vec<(String, String)> {
            c.into_iter().map(|c| (c.txn, c.item)).collect()
        };
        assert!(last_save(&path).unwrap().is_empty(), "no log");
        let mut all = in_txn("t1", 3);
        // A save far longer than one block read from the end.
        all.extend(in_txn("t2", 2000));
        std::fs::write(&path, lines(&all).unwrap()).unwrap();
        assert!(ids(last_save(&path).unwrap()) == ids(in_txn("t2", 2000)));
        all.extend(in_txn("t3", 1));
        let mut text = lines(&all).unwrap();
        text.push_str("{\"cut off");
        std::fs::write(&path, &text).unwrap();
        assert!(ids(last_save(&path).unwrap()) == ids(in_txn("t3", 1)));
        // One save only.
        std::fs::write(&path, lines(&in_txn("t9", 2)).unwrap()).unwrap();
        assert!(ids(last_save(&path).unwrap()) == ids(in_txn("t9", 2)));
    }

    #[test]
    fn lines_round_trip_and_a_torn_last_line_is_reported_not_fatal() {
        let a = change("1-1-a", "A", "B");
        let b = change("1-1-b", "A", "C");
        let text = lines(&[a.clone(), b.clone()]).unwrap();
        assert_eq!(text.lines().count(), 2);
        assert_eq!(parse(text.as_bytes()), (vec![a.clone(), b.clone()], vec![]));
        let torn = format!("{text}{}", &lines(std::slice::from_ref(&a)).unwrap()[..30]);
        let (read, problems) = parse(torn.as_bytes());
        assert_eq!(read, vec![a.clone(), b.clone()]);
        assert_eq!(problems, vec![LogProblem::TornLastLine { line: 3 }]);
    }

    #[test]
    fn a_damaged_middle_line_is_reported_with_its_number() {
        let a = change("1-1-a", "A", "B");
        let text = format!(
            "{}garbage\n{}",
            lines(std::slice::from_ref(&a)).unwrap(),
            lines(std::slice::from_ref(&a)).unwrap()
        );
        let (read, problems) = parse(text.as_bytes());
        assert_eq!(read.len(), 2);
        assert!(matches!(
            problems.as_slice(),
            [LogProblem::Damaged { line: 2, .. }]
        ));
    }

    #[test]
    fn timestamps_are_rfc3339_with_an_offset() {
        let t = now();
        assert!(t.parse::<jiff::Timestamp>().is_ok(), "{t}");
        assert!(t.contains('+') || t.contains('-'), "{t}");
    }
}
