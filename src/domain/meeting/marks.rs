//! A meeting's journal of marks: `NAME.marks` beside its file `NAME.ron`,
//! one line per mark, appended under the folder's lock (see
//! [`crate::store::meeting`]), so that a mark costs what it changes however
//! long the agenda is. Each line is an agenda entry as it stands after the
//! mark; a meeting is its file with its journal's lines applied in order,
//! and a line applied twice changes nothing, so a fold of the journal into
//! the file cut short between its two writes loses nothing. The journal is
//! made with the meeting, so that whoever commits the meeting's file commits
//! it too; it is folded into the file when the meeting is closed.
//!
//! A last line without its line end (a write cut short) is not a mark: it
//! is left out, and the next mark writes over it.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::{Entry, MAX_MEETING_FILE, Meeting, unknown_item};
use crate::domain::error::{LoadError, LoadErrors, Location};

/// The journal's extension: `meetings/NAME.marks`.
pub const MARKS_EXTENSION: &str = "marks";

/// The journal of the meeting whose file is `meeting_file`.
pub fn marks_file(meeting_file: &Path) -> PathBuf {
    meeting_file.with_extension(MARKS_EXTENSION)
}

/// A mark's line: the entry on one line (a line end in a name is written
/// `\n`), ending in its line end.
pub fn line_of(entry: &Entry) -> Result<String, ron::Error> {
    let mut line = ron::to_string(entry)?;
    line.push('\n');
    Ok(line)
}

/// The journal `path`'s bytes from byte `from` on; `None` when the meeting
/// has no journal.
pub fn read_marks(path: &Path, from: u64) -> Result<Option<Vec<u8>>, LoadErrors> {
    match crate::domain::files::read_regular_from(path, from, MAX_MEETING_FILE) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(LoadError::Io {
            path: path.to_path_buf(),
            source,
        }
        .into()),
    }
}

/// The marks read from the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marks {
    /// The journal they come from.
    pub path: PathBuf,
    /// Each mark with its line.
    pub entries: Vec<(usize, Entry)>,
    /// The bytes of the complete lines read (a torn last line left out).
    pub complete: u64,
    /// How many complete lines were read.
    pub lines: usize,
}

/// The marks in `bytes`, read from the journal `path` from its line
/// `first_line`; errors say where.
pub fn parse_marks(path: &Path, bytes: &[u8], first_line: usize) -> Result<Marks, LoadErrors> {
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in bytes[..complete].split(|&b| b == b'\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        let text = match std::str::from_utf8(line) {
            Ok(text) => text,
            Err(e) => {
                let source = std::io::Error::new(std::io::ErrorKind::InvalidData, e);
                errors.push(LoadError::Io {
                    path: path.to_path_buf(),
                    source,
                });
                continue;
            }
        };
        match ron::Options::default().from_str::<Entry>(text) {
            Ok(entry) => entries.push((first_line + n, entry)),
            Err(e) => errors.push(LoadError::Syntax {
                at: Location {
                    path: path.to_path_buf(),
                    line: first_line + n + e.span.start.line - 1,
                    column: e.span.start.col,
                },
                code: e.code,
            }),
        }
    }
    if !errors.is_empty() {
        return Err(LoadErrors(errors));
    }
    Ok(Marks {
        path: path.to_path_buf(),
        entries,
        complete: complete as u64,
        lines: memchr::memchr_iter(b'\n', &bytes[..complete]).count(),
    })
}

/// `meeting` with `marks` applied in order: each replaces the agenda's
/// entry of its item, or joins the agenda (an item marked that was not on
/// it, which must be an item of `report`: else nothing is applied, and the
/// errors say where).
pub fn apply_marks(
    meeting: &mut Meeting,
    marks: Marks,
    report: &dyn super::ItemIds,
) -> Result<(), LoadErrors> {
    let places = places(meeting, &marks.entries);
    // Only items joining the agenda are looked up in the records (those on
    // it were checked when the meeting was read), all in one pass.
    let joining: HashSet<&str> = marks
        .entries
        .iter()
        .zip(&places)
        .filter(|(_, place)| place.is_none())
        .map(|((_, e), _)| e.item.as_str())
        .collect();
    if !joining.is_empty() {
        let known = report.known(&joining);
        let errors: Vec<LoadError> = marks
            .entries
            .iter()
            .filter(|(_, e)| joining.contains(e.item.as_str()) && !known.contains(e.item.as_str()))
            .map(|(line, e)| {
                let at = Location {
                    path: marks.path.clone(),
                    line: *line,
                    column: 1,
                };
                unknown_item(at, &e.item)
            })
            .collect();
        if !errors.is_empty() {
            return Err(LoadErrors(errors));
        }
    }
    let mut joined: HashMap<String, usize> = HashMap::new();
    for ((_, mark), place) in marks.entries.into_iter().zip(places) {
        let place = place.or_else(|| joined.get(&mark.item).copied());
        match place {
            Some(i) => {
                let was = std::mem::replace(&mut meeting.agenda[i], mark);
                keep_remarks(&mut meeting.agenda[i], was.remarks);
            }
            None => {
                joined.insert(mark.item.clone(), meeting.agenda.len());
                meeting.agenda.push(mark);
            }
        }
    }
    Ok(())
}

/// The remarks an entry had that a mark's line does not hold, kept: two
/// clones' journals merged line by line each tell remarks the other's lines
/// do not, and none may be lost. Oldest first; one told twice is kept once.
fn keep_remarks(entry: &mut Entry, had: Vec<super::Remark>) {
    let missing: Vec<super::Remark> = had
        .into_iter()
        .filter(|r| !entry.remarks.contains(r))
        .collect();
    if missing.is_empty() {
        return;
    }
    entry.remarks.extend(missing);
    entry.remarks.sort_by(|a, b| a.at.cmp(&b.at));
}

/// Where on `meeting`'s agenda each mark's item stands: a few marks look
/// theirs up, many index the agenda once.
fn places(meeting: &Meeting, marks: &[(usize, Entry)]) -> Vec<Option<usize>> {
    if marks.len() <= 8 {
        let find = |item: &str| meeting.agenda.iter().position(|e| e.item == item);
        return marks.iter().map(|(_, m)| find(&m.item)).collect();
    }
    let index: HashMap<&str, usize> = meeting
        .agenda
        .iter()
        .enumerate()
        .map(|(i, e)| (e.item.as_str(), i))
        .collect();
    marks
        .iter()
        .map(|(_, m)| index.get(m.item.as_str()).copied())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meeting::Review;

    fn entry(item: &str, by: Option<&str>) -> Entry {
        Entry {
            item: item.into(),
            reviewed: by.map(|by| Review {
                at: "2026-12-04T10:05:00+09:00".into(),
                by: by.into(),
            }),
            remarks: Vec::new(),
        }
    }

    #[test]
    fn a_mark_is_one_line_whatever_its_names_hold() {
        let e = entry("1-1-a", Some("佐藤\n\"事務局\"\u{1b}[31m"));
        let line = line_of(&e).unwrap();
        assert_eq!(line.matches('\n').count(), 1);
        assert!(line.ends_with('\n') && !line.contains('\u{1b}'), "{line}");
        let back: Entry = ron::from_str(line.trim_end()).unwrap();
        assert_eq!(back, e);
    }

    fn marks(entries: &[Entry]) -> Marks {
        let text: String = entries.iter().map(|e| line_of(e).unwrap()).collect();
        parse_marks(Path::new("m.marks"), text.as_bytes(), 1).unwrap()
    }

    fn bundled() -> crate::domain::model::Report {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("records");
        crate::domain::records::load(&dir).unwrap().report
    }

    #[test]
    fn marks_apply_in_order_and_twice_change_nothing() {
        let report = bundled();
        let ids: Vec<String> = report.items().map(|r| r.item.id.clone()).take(6).collect();
        let mut m = Meeting::new("m", "t".into(), None, ids[..2].to_vec());
        let list = [
            entry(&ids[0], Some("x")),
            entry(&ids[2], Some("y")),
            entry(&ids[0], None),
        ];
        apply_marks(&mut m, marks(&list), &report).unwrap();
        let once = m.clone();
        apply_marks(&mut m, marks(&list), &report).unwrap();
        assert_eq!(m, once);
        assert_eq!(m.agenda.len(), 3);
        assert_eq!(m.reviewed(), 1, "marked then unmarked; one joined");
        // Many marks (the agenda indexed) do the same as a few.
        let mut few = Meeting::new("m", "t".into(), None, ids[..1].to_vec());
        let mut many = few.clone();
        let list: Vec<Entry> = (0..20)
            .map(|i| entry(&ids[i % 5], Some(&i.to_string())))
            .collect();
        for e in &list {
            apply_marks(&mut few, marks(std::slice::from_ref(e)), &report).unwrap();
        }
        apply_marks(&mut many, marks(&list), &report).unwrap();
        assert_eq!(few, many);
        assert_eq!(few.agenda.len(), 5);
    }

    #[test]
    fn an_item_the_records_do_not_have_is_named_at_its_line_and_nothing_applied() {
        let report = bundled();
        let id = report.items().next().unwrap().item.id.clone();
        let mut m = Meeting::new("m", "t".into(), None, vec![id.clone()]);
        let before = m.clone();
        let list = [entry(&id, Some("x")), entry("9-9-z", Some("y"))];
        let errors = apply_marks(&mut m, marks(&list), &report).unwrap_err();
        assert_eq!(m, before);
        let said = errors.say(crate::i18n::Lang::En);
        assert!(
            said.contains("m.marks:2:1") && said.contains("9-9-z"),
            "{said}"
        );
        // A torn last line is no mark; a bad line is said where it is.
        let first = line_of(&list[0]).unwrap();
        let torn = format!("{first}(item:");
        let read = parse_marks(Path::new("m.marks"), torn.as_bytes(), 1).unwrap();
        assert_eq!((read.entries.len(), read.complete), (1, first.len() as u64));
        let bad = format!("{first}(item:\n");
        let said = parse_marks(Path::new("m.marks"), bad.as_bytes(), 4).unwrap_err();
        assert!(
            said.say(crate::i18n::Lang::En).contains("m.marks:5:"),
            "{said:?}"
        );
    }
}
