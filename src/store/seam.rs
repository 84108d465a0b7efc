//! The store's seams: the clock it reads, a presenter's heartbeat, and the
//! disk faults that tests inject. Each thread has its own seams: a thread takes the process's
//! (from `KENSHO_INJECT_FAULT`, for tests that run kensho as a process)
//! until it installs others, and a board's worker threads take the seams of
//! the thread that made the board ([`spawn`]). So tests running side by side
//! in one process never see each other's faults or clocks, and nothing here
//! is set in normal use.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use crate::domain::presence::HEARTBEAT;

/// A failing disk, at one point of a save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Writing the log line fails.
    Log,
    /// The log line is half written, then the disk is full.
    LogPartial,
    /// Replacing the records files fails.
    Records,
    /// The process is killed between two files of a save (see [`die_at`]).
    KillBetweenFiles,
}

impl Fault {
    const ALL: [Fault; 4] = [
        Fault::Log,
        Fault::LogPartial,
        Fault::Records,
        Fault::KillBetweenFiles,
    ];

    fn named(name: &str) -> Option<Fault> {
        match name {
            "log" => Some(Fault::Log),
            "log-partial" => Some(Fault::LogPartial),
            "records" => Some(Fault::Records),
            "kill-between-files" => Some(Fault::KillBetweenFiles),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Fault::Log => "log",
            Fault::LogPartial => "log-partial",
            Fault::Records => "records",
            Fault::KillBetweenFiles => "kill-between-files",
        }
    }
}

/// What the store reads of the world besides the files: shared by the
/// threads that use it, so a test can change them while a board runs (the
/// disk recovers, time passes).
#[derive(Debug, Clone, Default)]
pub struct Seams(Arc<Settings>);

#[derive(Debug, Default)]
struct Settings {
    /// Added to the clock, in milliseconds: a test that would wait for the
    /// file system's clock to move on moves this one instead.
    ahead_ms: AtomicU64,
    /// The fault to inject (0: none), for tests of a failing disk.
    fault: AtomicU8,
    /// A presenter's heartbeat in milliseconds (0: the real one), shortened
    /// by tests that would otherwise wait for it.
    beat_ms: AtomicU64,
}

impl Seams {
    /// The disk fails at `fault` from now on (None: it works again).
    pub fn fail(&self, fault: Option<Fault>) {
        let code = fault.map_or(0, |f| f as u8 + 1);
        self.0.fault.store(code, Ordering::SeqCst);
    }

    /// Move the clock on by `by`.
    pub fn advance(&self, by: Duration) {
        let ms = u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
        self.0.ahead_ms.fetch_add(ms, Ordering::SeqCst);
    }

    /// A presenter's heartbeat of `beat` from now on.
    pub fn beat(&self, beat: Duration) {
        let ms = u64::try_from(beat.as_millis()).unwrap_or(u64::MAX).max(1);
        self.0.beat_ms.store(ms, Ordering::SeqCst);
    }

    fn fault(&self) -> Option<Fault> {
        match self.0.fault.load(Ordering::SeqCst) {
            0 => None,
            n => Fault::ALL.get(usize::from(n) - 1).copied(),
        }
    }

    fn ahead(&self) -> Duration {
        Duration::from_millis(self.0.ahead_ms.load(Ordering::SeqCst))
    }
}

thread_local! {
    static SEAMS: RefCell<Option<Seams>> = const { RefCell::new(None) };
}

/// The fault the process was started with (`KENSHO_INJECT_FAULT`: `log`,
/// `log-partial`, `records`), read once.
fn process_fault() -> Option<Fault> {
    static FAULT: OnceLock<Option<Fault>> = OnceLock::new();
    *FAULT.get_or_init(|| {
        std::env::var("KENSHO_INJECT_FAULT")
            .ok()
            .and_then(|v| Fault::named(&v))
    })
}

/// The seams installed on this thread, if any.
pub fn current() -> Option<Seams> {
    SEAMS.with(|s| s.borrow().clone())
}

/// Use `seams` on this thread (and the workers it starts) until the guard
/// is dropped.
#[must_use = "the seams hold only while the guard lives"]
pub fn install(seams: &Seams) -> Installed {
    let before = SEAMS.with(|s| s.replace(Some(seams.clone())));
    Installed { before }
}

/// Seams installed on a thread; dropping it puts back the ones before.
#[derive(Debug)]
pub struct Installed {
    before: Option<Seams>,
}

impl Drop for Installed {
    fn drop(&mut self) {
        let before = self.before.take();
        SEAMS.with(|s| *s.borrow_mut() = before);
    }
}

/// Start a thread that uses this thread's seams.
pub fn spawn<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> std::thread::JoinHandle<T> {
    let seams = current();
    std::thread::spawn(move || {
        let _installed = seams.as_ref().map(install);
        f()
    })
}

/// Now, by the store's clock.
pub fn now() -> jiff::Timestamp {
    let now = jiff::Timestamp::now();
    let ahead = current().map_or(Duration::ZERO, |s| s.ahead());
    jiff::SignedDuration::try_from(ahead)
        .ok()
        .and_then(|d| now.checked_add(d).ok())
        .unwrap_or(now)
}

/// Now, in nanoseconds since the epoch, by the store's clock.
pub fn now_ns() -> i128 {
    now().as_nanosecond()
}

/// How often a presenter rewrites its file: [`HEARTBEAT`], unless a test
/// made it shorter.
pub fn heartbeat() -> Duration {
    match current().map(|s| s.0.beat_ms.load(Ordering::SeqCst)) {
        Some(ms) if ms > 0 => Duration::from_millis(ms),
        _ => HEARTBEAT,
    }
}

/// The process dies here, as if killed (no clean-up of any kind), when the
/// fault `at` is injected: for tests that run kensho as a process.
pub fn die_at(at: Fault) {
    let fault = current().map_or_else(process_fault, |s| s.fault());
    if fault == Some(at) {
        std::process::abort();
    }
}

/// An error when the fault `at` is injected on this thread.
pub fn fault(at: Fault) -> std::io::Result<()> {
    let fault = current().map_or_else(process_fault, |s| s.fault());
    if fault == Some(at) {
        return Err(std::io::Error::other(format!(
            "injected fault: no space left on device ({})",
            at.name()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seams_hold_on_their_thread_and_its_workers_only() {
        let seams = Seams::default();
        let guard = install(&seams);
        seams.fail(Some(Fault::Records));
        seams.advance(Duration::from_secs(5));
        assert!(fault(Fault::Records).is_err());
        assert!(fault(Fault::Log).is_ok());
        let ahead = now_ns() - jiff::Timestamp::now().as_nanosecond();
        assert!(ahead >= 4_000_000_000, "{ahead}");
        // A worker started here shares them, changes included.
        let (told, heard) = std::sync::mpsc::channel();
        let (mended, wait) = std::sync::mpsc::channel::<()>();
        let worker = spawn(move || {
            let _ = told.send(fault(Fault::Records).is_err());
            let _ = wait.recv();
            fault(Fault::Records).is_err()
        });
        assert_eq!(heard.recv().ok(), Some(true));
        seams.fail(None);
        let _ = mended.send(());
        assert_eq!(worker.join().ok(), Some(false));
        // Any other thread does not see them.
        let other = std::thread::spawn(|| current().is_none()).join().ok();
        assert_eq!(other, Some(true));
        drop(guard);
        assert!(current().is_none());
    }
}
