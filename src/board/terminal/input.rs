//! What the terminal sends the board, put in its inbox: keys, pastes and
//! sizes read on a thread of their own (which blocks until the terminal has
//! something, and pauses while another program has the terminal), a hang-up,
//! and the signals that end the board.

use std::io;
use std::os::fd::{AsFd, OwnedFd};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use ratatui::crossterm::event;
use rustix::event::{PollFd, PollFlags, poll};

use crate::board::inbox::Input;

/// Every signal whose default action ends the process: each ends the board
/// the same way, terminal restored first (SIGKILL cannot be caught).
const ENDING_SIGNALS: [i32; 11] = {
    use signal_hook::consts::*;
    [
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
        SIGXFSZ,
    ]
};

/// How long the board has to end by itself once asked: after that the
/// terminal is restored here and the process ends.
const GRACE: Duration = Duration::from_secs(1);

/// The byte that wakes the reader to look at the gate (a signal's byte is
/// anything else).
const PAUSE: u8 = b'p';

/// Whether the reader may read (the gate is open) or is parked.
#[derive(Debug, Default)]
struct GateState {
    closed: bool,
    parked: bool,
}

/// The reader of the terminal: its thread, and how to pause it.
pub struct Reader {
    gate: Arc<(Mutex<GateState>, Condvar)>,
    /// A byte written here wakes the reader (the signal to look at the gate).
    wake: OwnedFd,
}

impl Reader {
    /// Start reading the terminal into `inbox`; a resize (SIGWINCH) wakes it.
    pub fn spawn(inbox: Sender<Input>) -> io::Result<Reader> {
        use rustix::pipe::{PipeFlags, pipe_with};
        // Neither end ever blocks: the signal handler must not, and the
        // reader empties the pipe only of what is there.
        let (woken, wake) = pipe_with(PipeFlags::CLOEXEC | PipeFlags::NONBLOCK)?;
        let registered = wake.try_clone()?;
        // crossterm's own handler of SIGWINCH first (its event source is made
        // by the first poll): signal handlers run in the order registered, so
        // by the time ours wakes the reader, crossterm knows of the new size.
        let _ = event::poll(Duration::ZERO);
        // The signal writes a byte into the pipe; the reader then asks the
        // terminal, which reports its new size (and says it itself, too).
        signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, registered)?;
        let gate = Arc::new((Mutex::new(GateState::default()), Condvar::new()));
        let shared = Arc::clone(&gate);
        std::thread::spawn(move || read(&inbox, &shared, &woken));
        Ok(Reader { gate, wake })
    }

    /// Stop reading until [`Reader::resume`]: another program takes the
    /// terminal. Returns once the reader is parked (or after a second).
    pub fn pause(&self) {
        let (lock, changed) = &*self.gate;
        let mut state = lock.lock().unwrap_or_else(PoisonError::into_inner);
        state.closed = true;
        let _ = rustix::io::write(&self.wake, &[PAUSE]);
        while !state.parked {
            let (next, waited) = changed
                .wait_timeout(state, Duration::from_secs(1))
                .unwrap_or_else(PoisonError::into_inner);
            state = next;
            if waited.timed_out() {
                break;
            }
        }
    }

    /// Read the terminal again.
    pub fn resume(&self) {
        let (lock, changed) = &*self.gate;
        let mut state = lock.lock().unwrap_or_else(PoisonError::into_inner);
        state.closed = false;
        changed.notify_all();
    }
}

/// The reader's thread: wait at the gate, hand over every event the
/// terminal has, then block until it has more (or is woken).
fn read(inbox: &Sender<Input>, gate: &(Mutex<GateState>, Condvar), woken: &OwnedFd) {
    loop {
        wait_at_gate(gate);
        // Every event the terminal has now (crossterm may hold parsed ones).
        loop {
            match event::poll(Duration::ZERO) {
                Ok(false) => break,
                Ok(true) => match event::read() {
                    Ok(e) => {
                        if inbox.send(Input::Event(e)).is_err() {
                            return;
                        }
                    }
                    Err(_) => return hung_up(inbox),
                },
                Err(_) => return hung_up(inbox),
            }
        }
        let stdin = io::stdin();
        let mut fds = [
            PollFd::new(&stdin, PollFlags::IN),
            PollFd::new(woken, PollFlags::IN),
        ];
        if poll(&mut fds, None).is_err() {
            continue;
        }
        if fds[0]
            .revents()
            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL)
        {
            return hung_up(inbox);
        }
        if fds[1].revents().contains(PollFlags::IN) {
            let mut bytes = [0u8; 64];
            let read = rustix::io::read(woken.as_fd(), &mut bytes).unwrap_or(0);
            // Anything but the pause's byte is the window's new size: said
            // here too, whatever crossterm reports of it.
            let resized = bytes[..read].iter().any(|&b| b != PAUSE);
            if resized
                && let Ok((w, h)) = ratatui::crossterm::terminal::size()
                && inbox
                    .send(Input::Event(event::Event::Resize(w, h)))
                    .is_err()
            {
                return;
            }
        }
    }
}

/// Park while the gate is closed.
fn wait_at_gate(gate: &(Mutex<GateState>, Condvar)) {
    let (lock, changed) = gate;
    let mut state = lock.lock().unwrap_or_else(PoisonError::into_inner);
    while state.closed {
        state.parked = true;
        changed.notify_all();
        state = changed.wait(state).unwrap_or_else(PoisonError::into_inner);
    }
    state.parked = false;
}

/// The terminal went away (the SSH connection dropped): the board is told,
/// and if it does not end by itself, the process ends here.
fn hung_up(inbox: &Sender<Input>) {
    let _ = inbox.send(Input::HungUp);
    std::thread::sleep(super::SAVE_GRACE + GRACE);
    std::process::exit(128 + signal_hook::consts::SIGHUP);
}

/// Watch for the signals that end the board: each is put in the inbox, and
/// a board that has not ended a second later is ended here, its terminal
/// restored first.
pub fn watch_signals(inbox: Sender<Input>) -> io::Result<()> {
    // A stop from outside (kill -TSTP) goes the way of Ctrl-z: the terminal
    // restored, then stopped; taken back when continued.
    let mut stops = signal_hook::iterator::Signals::new([signal_hook::consts::SIGTSTP])?;
    let stopping = inbox.clone();
    std::thread::spawn(move || {
        for _ in stops.forever() {
            if stopping.send(Input::Stop).is_err() {
                break;
            }
        }
    });
    let mut signals = signal_hook::iterator::Signals::new(ENDING_SIGNALS)?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = inbox.send(Input::Signal(signal));
            std::thread::sleep(GRACE);
            let _ = super::leave();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}
