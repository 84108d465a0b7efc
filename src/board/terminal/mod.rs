//! The real terminal: sets it up, puts its events in the runtime's inbox
//! ([`input`]), blocks on that inbox, draws after a change, and puts the
//! terminal back however the board ends (quit, panic, a signal, a dropped
//! SSH connection).

mod input;
mod plain;

pub use plain::run as run_plain;

use std::io::{self, Write};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use super::action::{Action, Opening};
use super::app::App;
use super::lean::Lean;
use super::runtime::{Ending, Host, Runtime};
use super::view::render;
use crate::domain::field::Edit;
use input::Reader;

/// How long a quitting board waits for a save in flight to land.
pub(super) const SAVE_GRACE: Duration = Duration::from_secs(5);

/// The terminal as the runtime's host.
struct TerminalHost {
    terminal: Terminal<Lean<io::Stdout>>,
    reader: Reader,
}

impl Host for TerminalHost {
    fn suspend(&mut self) -> io::Result<()> {
        leave()?;
        // SIGSTOP, not SIGTSTP: the board catches SIGTSTP to come here.
        signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
        // Resumed (fg): take the terminal back and redraw everything.
        enter()?;
        self.terminal.clear()
    }

    /// The editor gets the terminal; the reader does not read meanwhile.
    fn hand_over(&mut self, run: &mut dyn FnMut()) -> io::Result<()> {
        self.reader.pause();
        let left = leave();
        if left.is_ok() {
            run();
        }
        let entered = enter();
        self.reader.resume();
        left.and(entered)?;
        self.terminal.clear()
    }
}

/// One frame: only what changed, in one synchronized update (see [`Lean`]).
fn draw(terminal: &mut Terminal<Lean<io::Stdout>>, app: &App) -> io::Result<()> {
    terminal.backend_mut().show_caret(app.typing());
    terminal.draw(|frame| render(frame, app))?;
    Ok(())
}

fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)
}

fn leave() -> io::Result<()> {
    let a = execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let b = disable_raw_mode();
    let _ = io::stdout().flush();
    a.and(b)
}

/// How the board ended: the edits that could not be saved (the user was
/// told and quit anyway, or a signal came), and the signal that ended it.
#[derive(Debug)]
pub struct Ended {
    pub unsaved: Vec<Edit>,
    pub signal: Option<i32>,
}

/// Run the board until the user quits or a signal ends it.
pub fn run(app: App, opening: Opening) -> io::Result<Ended> {
    // The records are loaded (on transparent huge pages, where the system
    // offers them: loading 100k items takes a third less time). From here
    // on, every keystroke's search allocates and drops megabytes on fresh
    // threads; on huge pages each first touch clears 2 MiB, and the first
    // keystrokes after opening took twice as long (BENCHMARKS.md, issue 12).
    // An error (an old kernel) leaves things as they were.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    // The workers and the inbox first, and the signals that end the board
    // watched before the terminal is touched: a signal from here on always
    // finds the terminal restored.
    let mut rt = Runtime::new(app);
    input::watch_signals(rt.sender())?;
    // ratatui::init: raw mode, alternate screen, and a panic hook that restores
    // the terminal before the panic message is printed.
    // Its terminal is dropped (that does nothing to the screen): the board
    // draws through its own backend.
    drop(ratatui::try_init()?);
    let started = Terminal::new(Lean::new(io::stdout())).and_then(|terminal| {
        execute!(io::stdout(), EnableBracketedPaste)?;
        let reader = Reader::spawn(rt.sender())?;
        Ok(TerminalHost { terminal, reader })
    });
    let mut host = match started {
        Ok(host) => host,
        Err(e) => {
            let _ = leave();
            return Err(e);
        }
    };
    let result = rt
        .step(&mut host, Action::Open(opening))
        .and_then(|()| event_loop(&mut host, &mut rt));
    // A save under way lands before the board goes; nothing more starts.
    let saved = rt.close(&mut host, SAVE_GRACE);
    let restored = leave();
    ended(&rt, result, saved, restored)
}

/// How the board ended, from the loop's result, the closing and the
/// terminal's restoring.
pub(super) fn ended(
    rt: &Runtime,
    result: io::Result<()>,
    saved: io::Result<bool>,
    restored: io::Result<()>,
) -> io::Result<Ended> {
    // A draw or the restoring that found the terminal gone, before the
    // reader said so, is a hang-up too: there was nothing to restore.
    let gone = matches!(rt.ending(), Some(Ending::HungUp))
        || result.as_ref().is_err_and(terminal_gone)
        || restored.as_ref().is_err_and(terminal_gone);
    let (result, restored) = match gone {
        true => (Ok(()), Ok(())),
        false => (result, restored),
    };
    let unsaved = rt
        .app()
        .board()
        .edits()
        .unsaved()
        .into_iter()
        .cloned()
        .collect();
    let signal = match rt.ending() {
        Some(Ending::Signal(n)) => Some(n),
        _ if gone => Some(signal_hook::consts::SIGHUP),
        _ => None,
    };
    result
        .and(saved)
        .and(restored)
        .map(|_| Ended { unsaved, signal })
}

/// An error of a terminal that went away (its SSH connection dropped).
fn terminal_gone(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
        || [rustix::io::Errno::IO, rustix::io::Errno::NXIO]
            .iter()
            .any(|n| e.raw_os_error() == Some(n.raw_os_error()))
}

/// Block on the inbox until something arrives or the board needs time to
/// pass; take in everything waiting, then draw once if anything changed.
fn event_loop(host: &mut TerminalHost, rt: &mut Runtime) -> io::Result<()> {
    let size = host.terminal.size()?;
    rt.step(host, Action::Resize(size.width, size.height))?;
    let mut drawn = None;
    loop {
        if rt.quitting() {
            return Ok(());
        }
        if drawn != Some(rt.app().revision()) {
            draw(&mut host.terminal, rt.app())?;
            drawn = Some(rt.app().revision());
        }
        let deadline = rt.app().next_tick(Instant::now());
        if let Some(input) = rt.wait(deadline) {
            rt.take(host, input)?;
            // Everything already waiting is taken before the next frame.
            while let Some(more) = rt.waiting() {
                rt.take(host, more)?;
            }
        }
        let now = Instant::now();
        if now >= deadline {
            rt.step(host, Action::Tick(now))?;
        }
    }
}
