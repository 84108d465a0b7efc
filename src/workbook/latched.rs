//! A writer for the zip of a workbook, quiet after a failure.

/// A writer that takes nothing more once a write has failed: the zip,
/// dropped after the failure, tries to finish the archive again and would
/// print its own message on standard error; the failure itself is said by
/// whoever asked for the workbook.
pub struct Latched<W> {
    out: W,
    failed: bool,
}

impl<W> Latched<W> {
    pub fn new(out: W) -> Latched<W> {
        Latched { out, failed: false }
    }
}

impl<W: std::io::Write> std::io::Write for Latched<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.failed {
            return Ok(buf.len());
        }
        let written = self.out.write(buf);
        self.failed = written
            .as_ref()
            .is_err_and(|e| e.kind() != std::io::ErrorKind::Interrupted);
        written
    }
    fn flush(&mut self) -> std::io::Result<()> {
        if self.failed {
            return Ok(());
        }
        let flushed = self.out.flush();
        self.failed = flushed
            .as_ref()
            .is_err_and(|e| e.kind() != std::io::ErrorKind::Interrupted);
        flushed
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Error, ErrorKind, Write};

    use super::Latched;

    /// Fails with each of `errors` in turn, then takes everything.
    struct Failing(Vec<ErrorKind>, Vec<u8>);

    impl Write for Failing {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            match self.0.pop() {
                Some(kind) => Err(Error::from(kind)),
                None => {
                    self.1.extend_from_slice(buf);
                    Ok(buf.len())
                }
            }
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failure_is_said_once_and_nothing_is_written_after_it() {
        let mut out = Latched::new(Failing(vec![ErrorKind::BrokenPipe], Vec::new()));
        assert!(out.write_all(b"PK").is_err());
        assert!(out.write_all(b"more").is_ok());
        assert!(out.out.1.is_empty(), "nothing after the failure");
    }

    #[test]
    fn an_interrupted_write_is_tried_again() {
        let mut out = Latched::new(Failing(vec![ErrorKind::Interrupted], Vec::new()));
        out.write_all(b"PK").unwrap();
        assert_eq!(out.out.1, b"PK");
    }
}
