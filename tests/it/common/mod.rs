#![allow(dead_code)]
//! Helpers shared by the integration tests.

pub mod books;
pub mod run;

use std::path::{Path, PathBuf};

/// The bundled records folder.
pub fn records_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("records")
}

/// A fresh copy of the bundled records' `.ron` files in a temporary folder.
pub fn copy_records() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(records_dir()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name.to_string_lossy().ends_with(".ron") {
            std::fs::copy(entry.path(), tmp.path().join(&name)).unwrap();
        }
    }
    tmp
}

/// Every file of a folder with its bytes, to show that nothing was modified.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            // Only regular files are read (a FIFO would block).
            let regular = e.file_type().is_ok_and(|t| t.is_file());
            let bytes = if regular {
                std::fs::read(e.path()).unwrap_or_default()
            } else {
                Vec::new()
            };
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    out.sort();
    out
}

/// Run the kensho binary with `args`; returns (exit code, stdout, stderr).
pub fn kensho(args: &[&str]) -> (i32, String, String) {
    kensho_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// A configuration folder that does not exist.
pub const NO_CONFIG: &str = "/nonexistent/kensho-test-config";

pub fn kensho_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kensho"))
        .args(args)
        .current_dir(dir)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        // No configuration of the machine's user reaches the tests.
        .env("XDG_CONFIG_HOME", NO_CONFIG)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

use kensho::board::action::Action;
use kensho::board::app::App;
use kensho::board::runtime::{Headless, Runtime};
use kensho::board::state::{ColorMode, Options};
use kensho::i18n::Lang;
use ratatui::crossterm::event::{Event, KeyEvent, KeyModifiers};

/// The board as the terminal loop runs it (the same `Runtime`, its workers
/// and its performer), with no terminal: keys go in as events, and every
/// step waits until the workers have answered.
pub struct TestBoard {
    pub rt: Runtime,
    pub host: Headless,
    /// The records folder when the board works on a copy.
    pub dir: Option<tempfile::TempDir>,
    /// The records folder.
    pub root: PathBuf,
}

pub fn options(lang: Lang) -> Options {
    Options {
        lang,
        ascii: false,
        color: ColorMode::Ansi16,
        ..Options::default()
    }
}

impl TestBoard {
    /// The records folder's lock, held as another writer would hold it (the
    /// board's saves wait for it) until the file is dropped.
    pub fn hold_lock(&self) -> std::fs::File {
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.path().join(".kensho.lock"))
            .unwrap();
        lock.lock().unwrap();
        lock
    }

    /// The board on the bundled records (never written: no edit here).
    pub fn bundled(lang: Lang, w: u16, h: u16) -> TestBoard {
        let records = kensho::domain::records::load(&records_dir()).unwrap();
        TestBoard::with(App::new(records, options(lang)).unwrap(), None, w, h)
    }

    /// The board on a fresh copy of the records.
    pub fn on_copy(lang: Lang, w: u16, h: u16) -> TestBoard {
        let dir = copy_records();
        let records = kensho::domain::records::load(dir.path()).unwrap();
        TestBoard::with(App::new(records, options(lang)).unwrap(), Some(dir), w, h)
    }

    pub fn with(app: App, dir: Option<tempfile::TempDir>, w: u16, h: u16) -> TestBoard {
        let root = app.board().records().layout.dir();
        let mut b = TestBoard {
            rt: Runtime::new(app),
            host: Headless,
            dir,
            root,
        };
        b.act(Action::Resize(w, h));
        b
    }

    pub fn app(&self) -> &App {
        self.rt.app()
    }

    pub fn path(&self) -> &Path {
        &self.root
    }

    /// The board on the records in `dir` (another board's, or a restart).
    pub fn on_dir(dir: &Path, lang: Lang, w: u16, h: u16) -> TestBoard {
        let records = kensho::domain::records::load(dir).unwrap();
        TestBoard::with(App::new(records, options(lang)).unwrap(), None, w, h)
    }

    /// One step, then wait for the workers' answers.
    pub fn act(&mut self, action: impl Into<Action>) {
        self.rt.step(&mut self.host, action).unwrap();
        self.settle();
    }

    pub fn settle(&mut self) {
        assert!(
            self.rt
                .settle(&mut self.host, std::time::Duration::from_secs(20))
                .unwrap(),
            "the workers did not answer"
        );
    }

    /// Keys as written in help, separated by spaces: `j`, `D`, `Enter`, `Ctrl-r`.
    pub fn keys(&mut self, keys: &str) {
        for k in keys.split(' ').filter(|k| !k.is_empty()) {
            self.press(k);
            self.settle();
        }
    }

    /// One key, as help writes it, without waiting for the workers: the
    /// next key may come while a search or a save is under way.
    pub fn press(&mut self, k: &str) {
        let key = kensho::board::keys::Key::parse(k).unwrap_or_else(|| panic!("key {k}"));
        let mut modifiers = key.modifiers;
        if let ratatui::crossterm::event::KeyCode::Char(c) = key.code
            && c.is_ascii_uppercase()
        {
            modifiers |= KeyModifiers::SHIFT;
        }
        self.rt
            .event(
                &mut self.host,
                Event::Key(KeyEvent::new(key.code, modifiers)),
            )
            .unwrap();
    }

    /// Text typed character by character (an IME commits text like this).
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let key = KeyEvent::new(
                ratatui::crossterm::event::KeyCode::Char(c),
                KeyModifiers::NONE,
            );
            self.rt.event(&mut self.host, Event::Key(key)).unwrap();
            self.settle();
        }
    }

    pub fn jump(&mut self, id: &str) {
        self.keys(":");
        self.type_text(id);
        self.keys("Enter");
    }

    pub fn selected(&self) -> String {
        self.app()
            .board()
            .selected_item()
            .map(|r| r.item.id.clone())
            .unwrap_or_default()
    }

    /// The ids of the items on screen, in order.
    pub fn shown_ids(&self) -> Vec<String> {
        let b = self.app().board();
        b.outline()
            .rows()
            .iter()
            .filter_map(|&n| b.outline().nodes()[n].item)
            .map(|i| b.item_ref(i).unwrap().item.id.clone())
            .collect()
    }

    pub fn message(&self) -> String {
        self.app().board().message().unwrap_or_default().to_string()
    }

    pub fn draw(&self) -> ratatui::buffer::Buffer {
        let (w, h) = self.app().board().size();
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
        t.draw(|f| kensho::board::view::render(f, self.app()))
            .unwrap();
        t.backend().buffer().clone()
    }

    pub fn screen(&self) -> String {
        screen_text(&self.draw())
    }
}

/// The screen as text, one line per row (wide characters once).
pub fn screen_text(buf: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        out.push_str(row_text(buf, y).trim_end());
        out.push('\n');
    }
    out
}

pub fn row_text(buf: &ratatui::buffer::Buffer, y: u16) -> String {
    let mut line = String::new();
    let mut skip = 0;
    for x in 0..buf.area.width {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let sym = buf[(x, y)].symbol();
        skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        line.push_str(sym);
    }
    line
}

/// The screen with its colours: each row's text, then the runs of cells
/// drawn in one style (`x0-x1 fg/bg +mods`), the terminal's own colours left out.
pub fn styled_text(buf: &ratatui::buffer::Buffer) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for y in 0..buf.area.height {
        out.push_str(row_text(buf, y).trim_end());
        out.push('\n');
        let mut runs: Vec<(u16, u16, String)> = Vec::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            // The second cell of a wide character shows the first one's style.
            if skip > 0 {
                skip -= 1;
                if let Some(last) = runs.last_mut() {
                    last.1 = x;
                }
                continue;
            }
            skip = unicode_width::UnicodeWidthStr::width(c.symbol()).saturating_sub(1);
            let style = format!("{:?}/{:?}{}", c.fg, c.bg, mods(c.modifier));
            match runs.last_mut() {
                Some((_, end, s)) if *s == style => *end = x,
                _ => runs.push((x, x, style)),
            }
        }
        let plain = format!(
            "{:?}/{:?}",
            ratatui::style::Color::Reset,
            ratatui::style::Color::Reset
        );
        let shown: Vec<String> = runs
            .into_iter()
            .filter(|(_, _, s)| *s != plain)
            .map(|(a, b, s)| format!("{a}-{b} {s}"))
            .collect();
        if !shown.is_empty() {
            let _ = writeln!(out, "    » {}", shown.join(" | "));
        }
    }
    out
}

fn mods(m: ratatui::style::Modifier) -> String {
    use ratatui::style::Modifier;
    [
        (Modifier::BOLD, " +bold"),
        (Modifier::UNDERLINED, " +underline"),
        (Modifier::REVERSED, " +reverse"),
        (Modifier::DIM, " +dim"),
        (Modifier::ITALIC, " +italic"),
    ]
    .iter()
    .filter(|(k, _)| m.contains(*k))
    .map(|(_, s)| *s)
    .collect()
}
