//! The plain loop (`--plain`, or `TERM=dumb` on a terminal): the terminal in
//! raw mode for the keys, the normal screen (no alternate screen, no
//! drawing), and after every step only the lines not said before
//! ([`crate::board::plain::announce`]), each ended by `\r\n`. The same
//! runtime, keymap and update as the board: only the output differs.
//! Every change, this board's and others', is said from the change log, one
//! line each, codes with their meanings and the reason.

use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Instant;

use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind};
use ratatui::crossterm::terminal::{disable_raw_mode, enable_raw_mode};

use super::input::{self, Reader};
use super::{Ended, SAVE_GRACE, ended};
use crate::board::action::{Action, Opening};
use crate::board::app::App;
use crate::board::inbox::Input;
use crate::board::plain::words::change_line;
use crate::board::plain::{Said, announce};
use crate::board::runtime::{Host, Runtime};
use crate::board::screen::Screen;
use crate::board::state::Board;
use crate::domain::change::LogStatus;
use crate::i18n::PlainMsg;
use crate::store::changelog;
use crate::text::visible;

/// The size the plain board keeps (a narrow board: `Enter` opens an item).
const SIZE: (u16, u16) = (80, 24);

struct PlainHost {
    reader: Reader,
}

impl Host for PlainHost {
    fn suspend(&mut self) -> io::Result<()> {
        disable_raw_mode()?;
        signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
        enable_raw_mode()
    }

    fn hand_over(&mut self, run: &mut dyn FnMut()) -> io::Result<()> {
        self.reader.pause();
        let left = disable_raw_mode();
        if left.is_ok() {
            run();
        }
        let entered = enable_raw_mode();
        self.reader.resume();
        left.and(entered)
    }
}

/// The change log as far as it was said.
struct LogWatch {
    path: PathBuf,
    len: u64,
    seen: usize,
}

impl LogWatch {
    fn new(board: &Board) -> LogWatch {
        let path = board.records().layout.dir().join(changelog::LOG_FILE);
        let len = std::fs::metadata(&path).map_or(0, |m| m.len());
        let seen = changelog::read(&path).map_or(0, |(log, _)| log.len());
        LogWatch { path, len, seen }
    }

    /// Changes logged since the last look, a line each (a reason given
    /// later restates its change with the reason).
    fn news(&mut self, board: &Board) -> Vec<String> {
        // Our own save lands before its line is looked at.
        if !board.edits().is_idle() {
            return Vec::new();
        }
        let len = std::fs::metadata(&self.path).map_or(0, |m| m.len());
        if len == self.len {
            return Vec::new();
        }
        self.len = len;
        let Ok((log, _)) = changelog::read(&self.path) else {
            return Vec::new();
        };
        let start = self.seen.min(log.len());
        self.seen = log.len();
        let mut out = Vec::new();
        for (i, c) in log.iter().enumerate().skip(start) {
            if c.item.is_empty() {
                continue;
            }
            let old = match c.status {
                LogStatus::Applied => c.old.as_str(),
                // The change the reason is for: its old value.
                LogStatus::Reason => log[..i]
                    .iter()
                    .rev()
                    .find(|d| d.txn == c.txn && d.item == c.item && d.field == c.field)
                    .map_or(c.old.as_str(), |d| d.old.as_str()),
                _ => continue,
            };
            let values = (old, c.new.as_str());
            out.push(change_line(
                board,
                &c.item,
                c.field,
                values,
                c.reason.as_deref(),
            ));
        }
        out
    }
}

/// What was said, and what a follower asked to hear.
struct Speaker {
    last: Vec<Said>,
    /// The key of the place whose texts a follower asked for (`Enter`).
    asked: Option<String>,
    log: LogWatch,
    said_at: Option<(u64, Option<String>)>,
}

impl Speaker {
    /// Say what is new, a line each.
    fn speak(&mut self, app: &App, out: &mut impl Write) -> io::Result<()> {
        let mut lines = Vec::new();
        let now_at = (app.revision(), self.asked.clone());
        if self.said_at.as_ref() != Some(&now_at) {
            self.said_at = Some(now_at);
            let now = announce(app, self.asked.as_deref());
            lines.extend(
                now.iter()
                    .filter(|s| !self.last.iter().any(|l| l.key == s.key))
                    .map(|s| s.line.clone()),
            );
            self.last = now;
        }
        lines.extend(self.log.news(app.board()));
        if lines.is_empty() {
            return Ok(());
        }
        for line in lines {
            write!(out, "{}\r\n", visible(&line))?;
        }
        out.flush()
    }

    /// The place said last (an outline node or a walkthrough's item).
    fn place(&self) -> Option<String> {
        self.last
            .iter()
            .find(|s| s.key.starts_with("node:") || s.key.starts_with("walk:"))
            .map(|s| s.key.clone())
    }
}

/// Run the plain board until the user quits or a signal ends it.
pub fn run(app: App, opening: Opening) -> io::Result<Ended> {
    let mut rt = Runtime::new(app);
    input::watch_signals(rt.sender())?;
    enable_raw_mode()?;
    let reader = match Reader::spawn(rt.sender()) {
        Ok(r) => r,
        Err(e) => {
            let _ = disable_raw_mode();
            return Err(e);
        }
    };
    let mut host = PlainHost { reader };
    let mut out = io::stdout();
    let lang = rt.app().board().options().lang;
    let mut first = vec![PlainMsg::Started.text(lang)];
    if rt.app().board().follow().role().is_follower() {
        first.push(PlainMsg::Texts.text(lang));
    }
    let greeted = first
        .iter()
        .try_for_each(|l| write!(out, "{l}\r\n"))
        .and_then(|()| out.flush());
    let mut speaker = Speaker {
        last: Vec::new(),
        asked: None,
        log: LogWatch::new(rt.app().board()),
        said_at: None,
    };
    let result = greeted
        .and_then(|()| rt.step(&mut host, Action::Open(opening)))
        .and_then(|()| rt.step(&mut host, Action::Resize(SIZE.0, SIZE.1)))
        .and_then(|()| event_loop(&mut host, &mut rt, &mut speaker, &mut out));
    let saved = rt.close(&mut host, SAVE_GRACE);
    let restored = disable_raw_mode();
    ended(&rt, result, saved, restored)
}

fn event_loop(
    host: &mut PlainHost,
    rt: &mut Runtime,
    speaker: &mut Speaker,
    out: &mut impl Write,
) -> io::Result<()> {
    loop {
        if rt.quitting() {
            return Ok(());
        }
        speaker.speak(rt.app(), out)?;
        let deadline = rt.app().next_tick(Instant::now());
        if let Some(input) = rt.wait(deadline) {
            take(host, rt, speaker, input)?;
            while let Some(more) = rt.waiting() {
                take(host, rt, speaker, more)?;
            }
        }
        let now = Instant::now();
        if now >= deadline {
            rt.step(host, Action::Tick(now))?;
        }
    }
}

/// An input, as the board takes it, but: the plain board keeps its size,
/// and a follower's `Enter` reads the texts where the presenter is
/// (without leaving the presenter).
fn take(
    host: &mut PlainHost,
    rt: &mut Runtime,
    speaker: &mut Speaker,
    input: Input,
) -> io::Result<()> {
    match input {
        Input::Event(Event::Resize(..)) => Ok(()),
        Input::Event(Event::Key(k))
            if k.code == KeyCode::Enter
                && k.kind != KeyEventKind::Release
                && rt.app().board().follow().role().is_follower()
                && matches!(rt.app().top(), Screen::Browse(_) | Screen::Walkthrough(_)) =>
        {
            speaker.asked = speaker.place();
            Ok(())
        }
        input => rt.take(host, input),
    }
}
