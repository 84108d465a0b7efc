//! A mark written as what it changes: the one agenda entry's lines of the
//! meeting file replaced in its bytes, the rest copied as it is, so that a
//! mark in a meeting of a million items neither parses nor renders the
//! others.

use crate::domain::meeting::Entry;
use crate::domain::records::{to_ron, value_text};

/// The indentation of an agenda entry in the canonical file.
const ENTRY_INDENT: &str = "        ";

/// `bytes` (a meeting file) with the entry of `was.item`, which must read
/// `was`, replaced by `now`; `None` when the entry is not exactly once where
/// the canonical format puts it, or does not read `was` (the caller then
/// writes the file whole).
pub(super) fn with_entry(bytes: &[u8], was: &Entry, now: &Entry) -> Option<Vec<u8>> {
    let head = format!(
        "\n{ENTRY_INDENT}Entry(\n{ENTRY_INDENT}    item: {},\n",
        value_text(&was.item).ok()?
    );
    let mut hits = memchr::memmem::find_iter(bytes, head.as_bytes());
    let at = hits.next()? + 1;
    if hits.next().is_some() {
        return None;
    }
    let closer = format!("\n{ENTRY_INDENT}),\n");
    let end = at + memchr::memmem::find(&bytes[at..], closer.as_bytes())? + closer.len() - 1;
    let old = &bytes[at..end];
    if entry_of(old).as_ref() != Some(was) {
        return None;
    }
    let new = indented(&to_ron(now).ok()?);
    if entry_of(new.as_bytes()).as_ref() != Some(now) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() + new.len());
    out.extend_from_slice(&bytes[..at]);
    out.extend_from_slice(new.as_bytes());
    out.extend_from_slice(&bytes[end..]);
    Some(out)
}

/// An entry's canonical text at its place: every line indented, ending in
/// the comma of a list's element.
fn indented(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.lines() {
        out.push_str(ENTRY_INDENT);
        out.push_str(line);
        out.push('\n');
    }
    out.pop();
    out.push(',');
    out
}

fn entry_of(text: &[u8]) -> Option<Entry> {
    let text = std::str::from_utf8(text).ok()?;
    ron::Options::default()
        .from_str(text.trim_end().trim_end_matches(','))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meeting::{Meeting, Review};

    fn meeting(reviewed: &[bool]) -> Meeting {
        let mut m = Meeting::new(
            "2026-12 本部会議",
            "2026-12-04T10:00:00+09:00".into(),
            Some("/警察".into()),
            (0..reviewed.len()).map(|i| format!("1-1-{i}")).collect(),
        );
        for (e, &r) in m.agenda.iter_mut().zip(reviewed) {
            e.reviewed = r.then(|| Review {
                at: "2026-12-04T10:05:00+09:00".into(),
                by: "佐藤 \"事務局\"".into(),
            });
        }
        m
    }

    #[test]
    fn a_spliced_mark_is_the_canonical_text_of_the_marked_meeting() {
        let before = meeting(&[false, true, false]);
        let bytes = before.render().unwrap().into_bytes();
        for (i, to) in [(0, true), (1, false), (2, true)] {
            let mut after = before.clone();
            after.agenda[i].reviewed = meeting(&[true]).agenda[0].reviewed.clone().filter(|_| to);
            let spliced = with_entry(&bytes, &before.agenda[i], &after.agenda[i]).unwrap();
            assert_eq!(String::from_utf8(spliced).unwrap(), after.render().unwrap());
        }
    }

    #[test]
    fn an_entry_not_as_believed_or_not_canonical_is_not_spliced() {
        let m = meeting(&[false, false]);
        let text = m.render().unwrap();
        let mut marked = m.agenda[0].clone();
        marked.reviewed = meeting(&[true]).agenda[0].reviewed.clone();
        // Believed unreviewed, but it is reviewed on disk.
        assert!(with_entry(text.as_bytes(), &marked, &m.agenda[0]).is_none());
        // Indented by hand.
        let hand = text.replace("        Entry(\n", "  Entry(\n");
        assert!(with_entry(hand.as_bytes(), &m.agenda[0], &marked).is_none());
        // Twice on the agenda.
        let twice = text.replacen("\"1-1-1\"", "\"1-1-0\"", 1);
        assert!(with_entry(twice.as_bytes(), &m.agenda[0], &marked).is_none());
    }
}
