//! The real terminal: sets it up, turns its events into [`Runtime`] steps,
//! draws after a change, and puts it back however the board ends (quit,
//! panic, SIGTERM, SIGHUP, a dropped SSH connection).

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use super::action::Action;
use super::app::App;
use super::lean::Lean;
use super::runtime::{Host, Opening, Runtime};
use super::view::render;
use crate::domain::field::Edit;

/// How long the loop waits for input when nothing is under way.
const IDLE_WAIT: Duration = Duration::from_millis(200);
/// How long it waits while a worker is on something (its answer is taken
/// in at once after): a search's answer waits at most this long to be drawn
/// (a millisecond of a frame's sixteen).
const BUSY_WAIT: Duration = Duration::from_millis(1);
/// How long a quitting board waits for a save in flight to land.
const SAVE_GRACE: Duration = Duration::from_secs(5);

/// The terminal as the runtime's host.
struct TerminalHost {
    terminal: Terminal<Lean<io::Stdout>>,
}

impl Host for TerminalHost {
    fn suspend(&mut self) -> io::Result<()> {
        leave()?;
        #[cfg(unix)]
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
        // Resumed (fg): take the terminal back and redraw everything.
        enter()?;
        self.terminal.clear()
    }

    fn hand_over(&mut self, run: &mut dyn FnMut()) -> io::Result<()> {
        leave()?;
        run();
        enter()?;
        self.terminal.clear()
    }
}

/// One frame: only what changed, in one synchronized update (see [`Lean`]).
fn draw(terminal: &mut Terminal<Lean<io::Stdout>>, app: &App) -> io::Result<()> {
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

/// Whether the terminal on standard input has hung up (the SSH connection or
/// the terminal window went away).
#[cfg(unix)]
fn terminal_hung_up() -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = std::io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
    let ready = poll(&mut fds, Some(&Timespec::default())).unwrap_or(0);
    ready > 0
        && fds[0]
            .revents()
            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL)
}

/// crossterm keeps reading a hung-up terminal (reads of 0 bytes) inside `poll`
/// without returning, so the loop alone cannot notice a dropped connection. This
/// thread can: when the terminal hangs up, or a stop signal is not acted on
/// within a second, it restores what it can and ends the process.
#[cfg(unix)]
fn spawn_watchdog(stop: Arc<AtomicUsize>) {
    std::thread::spawn(move || {
        let mut stop_seen: Option<Instant> = None;
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let signal = stop.load(Ordering::Relaxed);
            if signal != 0 {
                stop_seen.get_or_insert_with(Instant::now);
            }
            let stuck = stop_seen.is_some_and(|t| t.elapsed() > Duration::from_secs(1));
            if terminal_hung_up() || stuck {
                let _ = leave();
                let signal = if stuck { signal } else { HANGUP };
                std::process::exit(128 + signal as i32);
            }
        }
    });
}

/// SIGHUP's number: the terminal went away.
#[cfg(unix)]
const HANGUP: usize = signal_hook::consts::SIGHUP as usize;

/// Every signal whose default action ends the process: each ends the board
/// the same way, terminal restored first (SIGKILL cannot be caught).
#[cfg(unix)]
const ENDING_SIGNALS: [i32; 11] = {
    use signal_hook::consts::*;
    [
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
        SIGXFSZ,
    ]
};

/// How the board ended: the edits that could not be saved (the user was
/// told and quit anyway, or a signal came), and the signal that ended it.
#[derive(Debug)]
pub struct Ended {
    pub unsaved: Vec<Edit>,
    pub signal: Option<i32>,
}

/// Run the board until the user quits or a signal ends it; the edits that
/// could not be saved (the user was told and quit anyway, or a signal came).
pub fn run(app: App, opening: Opening) -> io::Result<Ended> {
    // The number of the signal that asks the board to end (0: none yet).
    let stop = Arc::new(AtomicUsize::new(0));
    #[cfg(unix)]
    for signal in ENDING_SIGNALS {
        signal_hook::flag::register_usize(signal, Arc::clone(&stop), signal as usize)?;
    }
    #[cfg(unix)]
    spawn_watchdog(Arc::clone(&stop));
    // The records are loaded (on transparent huge pages, where the system
    // offers them: loading 100k items takes a third less time). From here
    // on, every keystroke's search allocates and drops megabytes on fresh
    // threads; on huge pages each first touch clears 2 MiB, and the first
    // keystrokes after opening took twice as long (BENCHMARKS.md, issue 12).
    // An error (an old kernel) leaves things as they were.
    #[cfg(target_os = "linux")]
    let _ = nix::sys::prctl::set_thp_disable(true);
    // ratatui::init: raw mode, alternate screen, and a panic hook that restores
    // the terminal before the panic message is printed.
    // Its terminal is dropped (that does nothing to the screen): the board
    // draws through its own backend.
    drop(ratatui::try_init()?);
    let terminal = Terminal::new(Lean::new(io::stdout()))?;
    execute!(io::stdout(), EnableBracketedPaste)?;
    let mut host = TerminalHost { terminal };
    let mut rt = Runtime::new(app);
    let result = rt
        .open(&mut host, opening)
        .and_then(|()| event_loop(&mut host, &mut rt, &stop));
    // A save under way lands before the board goes; nothing more starts.
    rt.app.board.edits.stop();
    let saved = rt.finish_saves(&mut host, SAVE_GRACE);
    rt.stop_presenting(Duration::from_secs(1));
    let restored = leave();
    let unsaved = rt.app.board.edits.unsaved().into_iter().cloned().collect();
    let signal = match stop.load(Ordering::Relaxed) {
        0 => None,
        n => i32::try_from(n).ok(),
    };
    result
        .and(saved)
        .and(restored)
        .map(|_| Ended { unsaved, signal })
}

fn event_loop(host: &mut TerminalHost, rt: &mut Runtime, stop: &AtomicUsize) -> io::Result<()> {
    let size = host.terminal.size()?;
    rt.step(host, Action::Resize(size.width, size.height))?;
    let mut drawn = None;
    loop {
        if stop.load(Ordering::Relaxed) != 0 || rt.quitting() {
            return Ok(());
        }
        if drawn != Some(rt.app.revision) {
            draw(&mut host.terminal, &rt.app)?;
            drawn = Some(rt.app.revision);
        }
        rt.pump(host)?;
        // An answer just taken is drawn at once, not after the wait.
        let wait = if drawn != Some(rt.app.revision) {
            Duration::ZERO
        } else if rt.busy() {
            BUSY_WAIT
        } else {
            IDLE_WAIT
        };
        // An error here means the terminal is gone (SSH dropped): end, don't spin.
        if event::poll(wait)? {
            // Take every event already waiting before drawing again.
            rt.event(host, event::read()?)?;
            while event::poll(Duration::ZERO)? {
                rt.event(host, event::read()?)?;
            }
        }
        rt.step(host, Action::Tick(Instant::now()))?;
    }
}
