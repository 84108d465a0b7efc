//! JSON that no terminal or consumer can mistake for commands: serde_json
//! escapes C0 controls, and this also writes C1 controls, DEL and the
//! invisible format characters of [`super::visible`] as `\uXXXX`. Lossless:
//! a JSON reader gets the very same string back.

use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

/// `value` as one line of JSON.
pub fn to_line<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    write(value, Safe(CompactFormatter))
}

/// `value` as indented JSON.
pub fn to_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    write(value, Safe(PrettyFormatter::new()))
}

/// `value` as indented JSON ending in a line break, written into `out`
/// (give it room for the whole text: a large document is then never copied
/// to grow).
pub fn to_pretty_in<T: Serialize + ?Sized>(
    value: &T,
    mut out: Vec<u8>,
) -> serde_json::Result<String> {
    value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out,
        Safe(PrettyFormatter::new()),
    ))?;
    out.push(b'\n');
    String::from_utf8(out).map_err(|e| serde::ser::Error::custom(e.to_string()))
}

fn write<T: Serialize + ?Sized, F: Formatter>(value: &T, f: Safe<F>) -> serde_json::Result<String> {
    let mut out = Vec::new();
    value.serialize(&mut serde_json::Serializer::with_formatter(&mut out, f))?;
    // Only whole characters and ASCII escapes were written.
    String::from_utf8(out).map_err(|e| serde::ser::Error::custom(e.to_string()))
}

/// A formatter that escapes what `visible` would show as a picture.
struct Safe<F>(F);

impl<F: Formatter> Formatter for Safe<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if super::visible::needs_escape(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{u:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    // The layout is the inner formatter's.
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_del_and_direction_controls_are_escaped_and_read_back_the_same() {
        let text = "a\u{1b}[2J\u{9b}31m\u{7f}\u{202e}😀\u{200d}児童";
        let line = to_line(&serde_json::json!({ "t": text })).unwrap();
        assert!(line.is_ascii() || !line.chars().any(|c| c.is_control()));
        assert!(line.contains("\\u009b") && line.contains("\\u007f") && line.contains("\\u202e"));
        assert!(line.contains("児童") && line.contains("😀"));
        let back: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(back["t"], text);
        let pretty = to_pretty(&serde_json::json!({ "t": [text] })).unwrap();
        assert!(pretty.contains("\n  \"t\": [\n"), "{pretty}");
    }
}
