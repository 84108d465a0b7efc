//! A returned workbook is a ZIP of XML parts, and what the ZIP says of its
//! own sizes is not to be believed: a 1 MB file can unpack to gigabytes (a
//! zip bomb). Before anything reads it, every part is unpacked into a
//! counter (never into memory) with a limit, and the text of every string
//! is measured, so that a workbook that would take more than kensho ever
//! needs is refused with a clear error instead of taking the machine's
//! memory.

use std::io::{Cursor, Read};

/// The most a whole workbook may unpack to. A department's 15,000 rows of
/// a 100,000-item report unpack to about 25 MiB.
pub const MAX_TOTAL: u64 = 256 << 20;
/// The most one part may unpack to.
pub const MAX_PART: u64 = 128 << 20;
/// The most characters one string may hold (what an Excel cell holds).
pub const MAX_STRING: usize = 32_767;
/// The most parts a workbook may have.
pub const MAX_PARTS: usize = 10_000;

/// What makes a workbook too large to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TooLarge {
    /// It unpacks to more than [`MAX_TOTAL`] bytes.
    Total,
    /// Its part `part` unpacks to more than [`MAX_PART`] bytes.
    Part { part: String },
    /// A string in `part` holds more than [`MAX_STRING`] characters.
    String { part: String },
    /// More than [`MAX_PARTS`] parts.
    Parts,
}

/// Check the workbook `bytes` against the limits. A file that is not a ZIP
/// passes: reading it says what it is.
pub fn check(bytes: &[u8]) -> Result<(), TooLarge> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    if zip.len() > MAX_PARTS {
        return Err(TooLarge::Parts);
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else {
            continue;
        };
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let is_xml = name.ends_with(".xml");
        let mut limited = part.take(MAX_PART + 1);
        let size = if is_xml {
            measure_strings(&mut limited, &name)?
        } else {
            std::io::copy(&mut limited, &mut std::io::sink()).unwrap_or(0)
        };
        if size > MAX_PART {
            return Err(TooLarge::Part { part: name });
        }
        total += size;
        if total > MAX_TOTAL {
            return Err(TooLarge::Total);
        }
    }
    Ok(())
}

/// How a part's XML is being read: in text (inside a string element `<t>`
/// or not), in a tag (its first bytes kept, to tell `<t>` and `</t>`), or
/// in an entity of a string (`&amp;`: one character).
enum At {
    Text,
    Tag { name: [u8; 8], len: usize, last: u8 },
    Entity,
}

/// Measures the strings of an XML part as it streams by, in fixed memory:
/// the XML readers at hand hold a whole text node in memory, and a text
/// node is what a bomb makes huge.
struct Strings {
    at: At,
    /// Characters of the string being read, when inside a `<t>`.
    inside: Option<usize>,
}

impl Strings {
    /// Take in the next bytes of the part; `Err` at a string too long.
    fn feed(&mut self, mut bytes: &[u8]) -> Result<(), ()> {
        while !bytes.is_empty() {
            bytes = match self.at {
                At::Text => self.text(bytes)?,
                At::Entity => match memchr::memchr(b';', bytes) {
                    Some(i) => {
                        self.at = At::Text;
                        &bytes[i + 1..]
                    }
                    None => &[],
                },
                At::Tag { .. } => self.tag(bytes)?,
            };
        }
        Ok(())
    }

    /// Text up to the next tag, counted inside a string.
    fn text<'a>(&mut self, bytes: &'a [u8]) -> Result<&'a [u8], ()> {
        let end = memchr::memchr2(b'<', b'&', bytes).unwrap_or(bytes.len());
        if let Some(chars) = self.inside.as_mut() {
            // A character is a byte that does not continue another.
            *chars += bytes[..end].iter().filter(|&&b| b & 0xC0 != 0x80).count();
            if *chars > MAX_STRING {
                return Err(());
            }
        }
        match bytes.get(end) {
            Some(b'<') => {
                self.at = At::Tag {
                    name: [0; 8],
                    len: 0,
                    last: 0,
                }
            }
            Some(_) => {
                if let Some(chars) = self.inside.as_mut() {
                    *chars += 1;
                }
                self.at = At::Entity;
            }
            None => return Ok(&[]),
        }
        Ok(&bytes[end + 1..])
    }

    /// A tag up to its `>`: a string element opens or closes. Inside a
    /// string, a "tag" longer than a string may be (a CDATA section) is a
    /// string too long.
    fn tag<'a>(&mut self, bytes: &'a [u8]) -> Result<&'a [u8], ()> {
        let At::Tag { name, len, last } = &mut self.at else {
            return Ok(bytes);
        };
        let end = memchr::memchr(b'>', bytes);
        let upto = end.unwrap_or(bytes.len());
        for (k, &b) in bytes[..upto]
            .iter()
            .enumerate()
            .take(name.len().saturating_sub(*len))
        {
            name[*len + k] = b;
        }
        *len += upto;
        if let Some(&b) = bytes[..upto].last() {
            *last = b;
        }
        if self.inside.is_some() && *len > 4 * MAX_STRING {
            return Err(());
        }
        let Some(end) = end else {
            return Ok(&[]);
        };
        let kept = &name[..(*len).min(name.len())];
        let closing = kept.first() == Some(&b'/');
        let body = if closing { &kept[1..] } else { kept };
        let word_end = body
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(body.len());
        // A name longer than what is kept is not `t`.
        let whole = word_end < body.len() || *len <= name.len();
        // `t`, or `x:t` with a prefix.
        let local = body[..word_end].rsplit(|b| *b == b':').next();
        if whole && local == Some(b"t".as_slice()) {
            self.inside = (!closing && *last != b'/').then_some(0);
        }
        self.at = At::Text;
        Ok(&bytes[end + 1..])
    }
}

/// Read the XML part `name` to its end, measuring the text of every
/// string element (`<t>`): its size unpacked.
fn measure_strings(part: &mut impl Read, name: &str) -> Result<u64, TooLarge> {
    let mut strings = Strings {
        at: At::Text,
        inside: None,
    };
    let mut block = vec![0u8; 64 << 10];
    let mut size = 0u64;
    loop {
        let n = match part.read(&mut block) {
            Ok(0) | Err(_) => return Ok(size),
            Ok(n) => n,
        };
        size += n as u64;
        strings.feed(&block[..n]).map_err(|()| TooLarge::String {
            part: name.to_string(),
        })?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The strings of `xml` measured, fed `step` bytes at a time.
    fn fits(xml: &str, step: usize) -> bool {
        let mut s = Strings {
            at: At::Text,
            inside: None,
        };
        xml.as_bytes().chunks(step).all(|c| s.feed(c).is_ok())
    }

    #[test]
    fn strings_are_measured_in_characters_however_the_bytes_arrive() {
        let at_most = "長".repeat(MAX_STRING);
        let over = "長".repeat(MAX_STRING + 1);
        for step in [1, 3, 7, 64 << 10] {
            assert!(fits(&format!("<si><t>{at_most}</t></si>"), step));
            assert!(!fits(&format!("<si><t>{over}</t></si>"), step));
            // A prefix, attributes, an entity as one character.
            let amp = "&amp;".repeat(MAX_STRING);
            assert!(fits(
                &format!(r#"<x:t xml:space="preserve">{amp}</x:t>"#),
                step
            ));
            assert!(!fits(&format!("<x:t>{amp}a</x:t>"), step));
            // Text outside strings, and elements that are not `t`, are free.
            assert!(fits(&format!("<v>{over}</v><tab>{over}</tab>"), step));
            assert!(fits(&format!("<t/>{over}<t></t>"), step));
            // A CDATA section inside a string is measured too.
            let cdata = "a".repeat(4 * MAX_STRING + 1);
            assert!(!fits(&format!("<t><![CDATA[{cdata}]]></t>"), step));
        }
    }
}
