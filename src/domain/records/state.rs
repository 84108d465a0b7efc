//! The checksum of the records' contents, written in every log line of a
//! save (`state`), so that `kensho verify` can tell whether the data is what
//! the last save left.
//!
//! It is built from one digest per part of the report, in the order of the
//! folder layout: the header (title, source, scales: `report.ron`) and then
//! each recommendation by number. A part's digest is the SHA-256 of its
//! canonical text ([`super::to_ron`]), so formatting a file differently never
//! changes it, and a file that kensho wrote (which is canonical) has the
//! digest of its bytes: a save that rewrites one file hashes that file and
//! takes the others' digests from what it knows of them, without reading
//! them (see `store::digests`). The state is `2:` and the hex SHA-256 of the
//! parts' digests one after the other.
//!
//! Logs written before this scheme carry the SHA-256 of the whole report as
//! compact JSON ([`state_of_json`]); `verify` still checks those.

use sha2::{Digest as _, Sha256};

use super::{header_of, load::parallel_map};
use crate::domain::model::Report;

/// The SHA-256 of a part's canonical text.
pub type Digest = [u8; 32];

/// What every state of this scheme starts with.
pub const STATE_PREFIX: &str = "2:";

/// The digest of a canonical text.
pub fn digest_of_text(text: &[u8]) -> Digest {
    Sha256::digest(text).into()
}

/// The digest of `value`'s canonical text (as [`to_ron`] makes it), and
/// whether `disk`, read as the text is made, holds exactly that text: the
/// text itself is never held (a recommendation of a large report renders
/// to tens of megabytes).
pub fn digest_of_rendering<T: serde::Serialize>(
    value: &T,
    disk: Option<impl std::io::Read>,
) -> Result<(Digest, bool), ron::Error> {
    let mut check = Rendering {
        hasher: Sha256::new(),
        same: disk.is_some(),
        disk,
        buf: Vec::new(),
    };
    ron::ser::to_writer_pretty(&mut check, value, super::ron_config())?;
    std::fmt::Write::write_str(&mut check, "\n").map_err(|_| ron::Error::Fmt)?;
    let mut ended = [0u8; 1];
    let same = check.same
        && check
            .disk
            .as_mut()
            .is_some_and(|d| matches!(d.read(&mut ended), Ok(0)));
    Ok((check.hasher.finalize().into(), same))
}

/// A text as it is rendered: hashed, and compared with what a file holds.
struct Rendering<R> {
    hasher: Sha256,
    disk: Option<R>,
    same: bool,
    buf: Vec<u8>,
}

impl<R: std::io::Read> std::fmt::Write for Rendering<R> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.hasher.update(s.as_bytes());
        if let (true, Some(disk)) = (self.same, self.disk.as_mut()) {
            self.buf.resize(s.len(), 0);
            self.same = disk.read_exact(&mut self.buf).is_ok() && self.buf == s.as_bytes();
        }
        Ok(())
    }
}

/// Write `value`'s canonical text (as [`to_ron`] makes it) to `out` as it
/// is made, and return its digest: the text itself is never held.
pub fn write_rendering<T: serde::Serialize, W: std::io::Write + ?Sized>(
    value: &T,
    out: &mut W,
) -> std::io::Result<Digest> {
    struct Writing<'w, W: ?Sized> {
        hasher: Sha256,
        out: &'w mut W,
        failed: Option<std::io::Error>,
    }
    impl<W: std::io::Write + ?Sized> std::fmt::Write for Writing<'_, W> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.hasher.update(s.as_bytes());
            self.out.write_all(s.as_bytes()).map_err(|e| {
                self.failed = Some(e);
                std::fmt::Error
            })
        }
    }
    let mut writing = Writing {
        hasher: Sha256::new(),
        out,
        failed: None,
    };
    let made = ron::ser::to_writer_pretty(&mut writing, value, super::ron_config())
        .map_err(std::io::Error::other)
        .and_then(|()| {
            std::fmt::Write::write_str(&mut writing, "\n").map_err(std::io::Error::other)
        });
    match (writing.failed.take(), made) {
        (Some(e), _) | (None, Err(e)) => Err(e),
        (None, Ok(())) => Ok(writing.hasher.finalize().into()),
    }
}

/// The digest of the text made of `pieces` one after the other.
pub fn digest_of_pieces(pieces: &[&[u8]]) -> Digest {
    use sha2::Digest as _;
    let mut hasher = Sha256::new();
    for piece in pieces {
        hasher.update(piece);
    }
    hasher.finalize().into()
}

/// The digest of every part of `report` (header first, then each
/// recommendation), each rendered to its canonical text on all cores.
pub fn part_digests(report: &Report) -> Result<Vec<Digest>, ron::Error> {
    let none = None::<std::io::Empty>;
    let header = digest_of_rendering(&header_of(report), none).map(|(d, _)| d);
    let recs: Vec<usize> = (0..report.recommendations.len()).collect();
    let parts = parallel_map(&recs, |&i| {
        digest_of_rendering(&report.recommendations[i], None::<std::io::Empty>).map(|(d, _)| d)
    });
    std::iter::once(header).chain(parts).collect()
}

/// The state made of the parts' digests, in order.
pub fn state_from(digests: &[Digest]) -> String {
    let mut hash = Sha256::new();
    for d in digests {
        hash.update(d);
    }
    format!("{STATE_PREFIX}{}", hex(&hash.finalize()))
}

/// The state of `report` (empty if it cannot be rendered, which a loaded
/// report always can: the checksum then says "unknown").
pub fn state_of(report: &Report) -> String {
    part_digests(report)
        .map(|d| state_from(&d))
        .unwrap_or_default()
}

/// The state as logs before the per-part scheme wrote it: SHA-256 of the
/// whole report as compact JSON, streamed into the hash.
pub fn state_of_json(report: &Report) -> String {
    struct Hashing(Sha256);
    impl std::io::Write for Hashing {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.update(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut hashing = Hashing(Sha256::new());
    if serde_json::to_writer(std::io::BufWriter::new(&mut hashing), report).is_err() {
        return String::new();
    }
    hex(&hashing.0.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The digest written as hex (the digest cache's form).
pub fn digest_hex(d: &Digest) -> String {
    hex(d)
}

/// A digest read back from hex.
pub fn digest_from_hex(text: &str) -> Option<Digest> {
    if text.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::{load, to_ron};

    #[test]
    fn a_rendering_hashed_as_it_is_made_is_the_texts_digest_and_knows_its_file() {
        let records = load(std::path::Path::new("records")).expect("bundled records");
        let rec = &records.report.recommendations[0];
        let text = to_ron(rec).unwrap().into_bytes();
        let check = |disk: &[u8]| digest_of_rendering(rec, Some(disk)).unwrap();
        assert_eq!(check(&text), (digest_of_text(&text), true));
        let mut other = text.clone();
        other[text.len() / 2] ^= 1;
        assert!(!check(&other).1, "a byte differs");
        assert!(!check(&text[..text.len() - 1]).1, "shorter");
        assert!(!check(&[text.as_slice(), b"\n"].concat()).1, "longer");
        let none = digest_of_rendering(rec, None::<&[u8]>).unwrap();
        assert_eq!(none, (digest_of_text(&text), false));
    }

    #[test]
    fn formatting_alone_never_changes_the_state_and_a_field_does() {
        let records = load(std::path::Path::new("records")).expect("bundled records");
        let a = state_of(&records.report);
        assert!(a.starts_with(STATE_PREFIX) && a.len() == 66, "{a}");
        let mut changed = records.report.clone();
        let item = changed.items_mut().next().expect("an item");
        item.phase.0 = "Z".into();
        assert_ne!(state_of(&changed), a);
        // The parts of a folder that kensho wrote are the digests of its files.
        let files = crate::domain::records::render(&records).expect("render");
        let of_files: Vec<Digest> = files
            .iter()
            .map(|(_, t)| digest_of_text(t.as_bytes()))
            .collect();
        assert_eq!(state_from(&of_files), a);
    }

    #[test]
    fn digests_read_back_from_hex() {
        let d = digest_of_text(b"kensho");
        assert_eq!(digest_from_hex(&digest_hex(&d)), Some(d));
        assert_eq!(digest_from_hex("zz"), None);
        assert_eq!(digest_from_hex(&"g".repeat(64)), None);
    }
}
