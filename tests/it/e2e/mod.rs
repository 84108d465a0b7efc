//! End-to-end: the real binary in a real pseudo-terminal, read through a vt100
//! parser as a terminal would show it. This module holds the terminal
//! session; the tests are in its modules.

mod board;
mod compare;
mod cursor;
mod ending;
mod meeting;
mod minutes;
mod plain;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    pub raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

/// The release binary started in a fresh 80x24 pseudo-terminal.
pub fn spawn(
    args: &[&str],
    lang: &str,
) -> (Box<dyn MasterPty + Send>, Box<dyn Child + Send + Sync>) {
    spawn_in(args, lang, (80, 24), &[])
}

/// The release binary in a pseudo-terminal of `size` (columns, rows), with
/// extra environment variables.
pub fn spawn_in(
    args: &[&str],
    lang: &str,
    (cols, rows): (u16, u16),
    env: &[(&str, &str)],
) -> (Box<dyn MasterPty + Send>, Box<dyn Child + Send + Sync>) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kensho"));
    cmd.args(args);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", lang);
    cmd.env_remove("LC_ALL");
    cmd.env_remove("NO_COLOR");
    // No configuration of the machine's user reaches the tests.
    cmd.env("XDG_CONFIG_HOME", "/nonexistent/kensho-test-config");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    (pty.master, child)
}

impl Session {
    pub fn start(args: &[&str], lang: &str) -> Session {
        Session::start_in(args, lang, (80, 24), &[])
    }

    pub fn start_in(args: &[&str], lang: &str, size: (u16, u16), env: &[(&str, &str)]) -> Session {
        let (master, child) = spawn_in(args, lang, size, env);
        let mut reader = master.try_clone_reader().unwrap();
        let writer = master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(size.1).unwrap(),
            std::num::NonZeroU16::new(size.0).unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            parser,
            raw,
            writer,
            child,
            _master: master,
        }
    }

    /// Where the terminal's cursor stands: (column, row).
    pub fn cursor(&self) -> (u16, u16) {
        let (row, col) = self.parser.lock().unwrap().screen().cursor_position();
        (col, row)
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {text:?}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_gone(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let s = self.screen();
            if !s.contains(text) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "{text:?} did not go away; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Let a lone Esc be read as Esc, not as the start of a sequence.
        std::thread::sleep(Duration::from_millis(60));
    }

    /// The terminal's window resized, as a terminal emulator does it (the
    /// program gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser.lock().unwrap().set_size(
            std::num::NonZeroU16::new(rows).unwrap(),
            std::num::NonZeroU16::new(cols).unwrap(),
        );
        self._master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    pub fn wait_exit(&mut self, within: Duration) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "the process did not exit within {within:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

pub fn copy_of_records() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for e in
        std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records")).unwrap()
    {
        let e = e.unwrap();
        if e.file_name().to_string_lossy().ends_with(".ron") {
            std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
        }
    }
    tmp
}

/// Times in the minutes change from run to run.
pub fn without_times(text: &str) -> String {
    // YYYY-MM-DD HH:MM
    let shape = b"dddd-dd-dd dd:dd";
    let bytes = text.as_bytes();
    let is_time = |at: usize| {
        bytes.len() >= at + shape.len()
            && shape.iter().zip(&bytes[at..]).all(|(s, b)| {
                if *s == b'd' {
                    b.is_ascii_digit()
                } else {
                    s == b
                }
            })
    };
    let mut out = String::new();
    let mut at = 0;
    while at < bytes.len() {
        if is_time(at) {
            out.push_str("<time>");
            at += shape.len();
        } else {
            let c = text[at..].chars().next().unwrap();
            out.push(c);
            at += c.len_utf8();
        }
    }
    out
}

impl Session {
    /// Wait up to `within` until `ok` holds for the screen; how long it took.
    pub fn wait_until(&self, within: Duration, what: &str, ok: impl Fn(&str) -> bool) -> Duration {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return start.elapsed();
            }
            assert!(
                start.elapsed() < within,
                "not within {within:?}: {what}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// The row of the outline marked selected.
pub fn selected_row(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains('❯'))
        .unwrap_or_default()
        .to_string()
}

/// Every file in `dir` but the presence file, with its bytes.
pub fn files_of(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        // The presenter's small file and the temporary file it is written
        // through come and go while a meeting runs: they are not the data.
        .filter(|p| {
            let presence = kensho::domain::presence::PRESENCE_FILE;
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            p.is_file() && name != presence && !name.starts_with(&format!(".{presence}"))
        })
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            Some((p, bytes))
        })
        .collect();
    out.sort();
    out
}

/// Whether the terminal is back in its cooked mode: echo and line editing on.
pub fn cooked(s: &Session) -> bool {
    use rustix::termios::LocalModes;
    let t = s._master.get_termios().unwrap();
    let want = (LocalModes::ECHO | LocalModes::ICANON).bits();
    u64::from(t.local_flags.bits()) & u64::from(want) == u64::from(want)
}
