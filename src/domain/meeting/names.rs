//! Telling meetings apart: two names that differ only in spaces, in width
//! (全角/半角) or by a slip of a character or two are one meeting mistyped,
//! not two meetings; and when a meeting last saw activity.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use super::{MEETINGS_DIR, Meeting};
use crate::domain::change::Change;

/// `name` folded for comparison: compatibility forms (full-width letters
/// and digits as half-width), no white space, lower case.
pub fn folded(name: &str) -> String {
    name.nfkc()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The first of `names` that `name` is close to without being it: the
/// same once folded, or one character away (two for a name of eight
/// characters or more).
pub fn similar<'a>(name: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mine = folded(name);
    let slips = if mine.chars().count() >= 8 { 2 } else { 1 };
    names
        .into_iter()
        .find(|other| *other != name.trim() && strsim::levenshtein(&mine, &folded(other)) <= slips)
}

/// When `meeting` last saw activity: its start, a mark, its close, or a
/// change logged in it (`log`), whichever came last (RFC 3339, as written).
pub fn last_activity<'a>(meeting: &'a Meeting, log: &'a [Change]) -> &'a str {
    let marks = meeting.agenda.iter().filter_map(|e| e.reviewed.as_ref());
    let changes = log
        .iter()
        .filter(|c| c.meeting.as_deref() == Some(meeting.name.as_str()));
    std::iter::once(meeting.started.as_str())
        .chain(marks.map(|r| r.at.as_str()))
        .chain(meeting.closed.as_deref())
        .chain(changes.map(|c| c.timestamp.as_str()))
        .max_by_key(|t| t.parse::<jiff::Timestamp>().ok())
        .unwrap_or(&meeting.started)
}

/// The names of the meetings in the records folder `dir`, newest file
/// first, each with whether it is closed: read from the head and the tail
/// of each file only (a meeting of a million items is 80 MB), for a prompt
/// to offer them. A file not in kensho's form is left out.
pub fn meeting_heads(dir: &Path) -> Vec<(String, bool)> {
    let Ok(entries) = std::fs::read_dir(dir.join(MEETINGS_DIR)) else {
        return Vec::new();
    };
    let mut heads: Vec<(std::time::SystemTime, String, bool)> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .filter(|p| !p.to_string_lossy().ends_with(".minutes.ron"))
        .filter_map(|p| {
            let (name, closed) = head_of(&p)?;
            let modified = std::fs::symlink_metadata(&p).ok()?.modified().ok()?;
            Some((modified, name, closed))
        })
        .collect();
    heads.sort_by_key(|h| std::cmp::Reverse(h.0));
    heads.into_iter().map(|(_, n, c)| (n, c)).collect()
}

/// A meeting file's name (its `name:` line near the start) and whether
/// its `closed:` near the end is set.
fn head_of(path: &Path) -> Option<(String, bool)> {
    let (mut file, _) =
        crate::domain::files::open_regular(path, crate::domain::files::Access::Read).ok()?;
    let mut head = vec![0; 4096];
    let n = file.read(&mut head).ok()?;
    let head = String::from_utf8_lossy(&head[..n]).into_owned();
    let line = head.lines().find_map(|l| l.trim().strip_prefix("name: "))?;
    let name: String = ron::from_str(line.trim_end_matches(',')).ok()?;
    let len = file.metadata().ok()?.len();
    file.seek(SeekFrom::Start(len.saturating_sub(512))).ok()?;
    let mut tail = String::new();
    file.read_to_string(&mut tail).ok()?;
    Some((name, tail.contains("closed: Some(")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slip_of_a_space_a_width_or_a_character_is_the_same_meeting() {
        let names = ["2026-12 本部会議", "2027-06 本部会議"];
        let near = |n: &str| similar(n, names);
        assert_eq!(near("2026-12本部会議"), Some("2026-12 本部会議"));
        assert_eq!(near("２０２６－１２　本部会議"), Some("2026-12 本部会議"));
        assert_eq!(near("2026-12 本部会"), Some("2026-12 本部会議"));
        assert_eq!(near("2026-12 本部会議"), None, "the meeting itself");
        assert_eq!(near("2026-09 臨時会議"), None);
        assert_eq!(similar("ab", ["cd"]), None, "short names: one slip");
        assert_eq!(similar("ab", ["ac"]), Some("ac"));
    }

    #[test]
    fn the_last_activity_is_the_latest_of_every_kind_of_time() {
        let mut m = Meeting::new(
            "m",
            "2026-12-04T10:00:00+09:00".into(),
            None,
            vec!["1".into()],
        );
        assert_eq!(last_activity(&m, &[]), "2026-12-04T10:00:00+09:00");
        m.agenda[0].reviewed = Some(super::super::Review {
            at: "2026-12-04T01:30:00Z".into(),
            by: "x".into(),
        });
        // 01:30Z is 10:30+09:00: later, whatever the offset says.
        assert_eq!(last_activity(&m, &[]), "2026-12-04T01:30:00Z");
        m.closed = Some("2026-12-04T10:20:00+09:00".into());
        assert_eq!(last_activity(&m, &[]), "2026-12-04T01:30:00Z");
    }
}
