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

use super::{header_of, load::parallel_map, to_ron};
use crate::domain::model::Report;

/// The SHA-256 of a part's canonical text.
pub type Digest = [u8; 32];

/// What every state of this scheme starts with.
pub const STATE_PREFIX: &str = "2:";

/// The digest of a canonical text.
pub fn digest_of_text(text: &[u8]) -> Digest {
    Sha256::digest(text).into()
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
    let header = to_ron(&header_of(report)).map(|t| digest_of_text(t.as_bytes()));
    let recs: Vec<usize> = (0..report.recommendations.len()).collect();
    let parts = parallel_map(&recs, |&i| {
        to_ron(&report.recommendations[i]).map(|t| digest_of_text(t.as_bytes()))
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
    use crate::domain::records::load;

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
