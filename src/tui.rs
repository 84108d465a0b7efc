//! The terminal loop: sets the terminal up, turns events into actions, performs
//! effects, and puts the terminal back however the board ends (quit, panic,
//! SIGTERM, SIGHUP, a dropped SSH connection).

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event};
use ratatui::crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{execute, queue};

use std::sync::mpsc::{Receiver, Sender, channel};

use crate::app::{Action, App, Effect, SaveOutcome, SearchRequest};
use crate::keys::dispatch;
use crate::model::Report;
use crate::search::{Hit, SearchIndex, Searcher};
use crate::store::EditError;
use crate::ui::render;

/// How long the loop waits for input before looking at the signal flags.
const TICK: Duration = Duration::from_millis(200);

/// Searches run on their own thread, so typing is never blocked; when several
/// requests are waiting, only the newest is run.
struct SearchWorker {
    requests: Sender<SearchRequest>,
    results: Receiver<(u64, Vec<Hit>)>,
}

fn spawn_search_worker(report: Report) -> SearchWorker {
    let (requests, inbox) = channel::<SearchRequest>();
    let (outbox, results) = channel();
    std::thread::spawn(move || {
        let index = SearchIndex::new(&report).with_char_index();
        let searcher = Searcher::default();
        while let Ok(mut request) = inbox.recv() {
            while let Ok(newer) = inbox.try_recv() {
                request = newer;
            }
            let hits = searcher.search(
                &index,
                &report,
                &request.query,
                &request.filters,
                request.order,
                request.within.as_deref(),
            );
            if outbox.send((request.generation, hits)).is_err() {
                break;
            }
        }
    });
    SearchWorker { requests, results }
}

/// Perform an effect that writes: the store does the work; the outcome comes
/// back as actions.
pub fn perform(app: &App, effect: Effect) -> Vec<Action> {
    let path = app.records.layout.path();
    match effect {
        Effect::Save(request) => {
            let seen = (!request.force).then(|| app.report());
            let outcome = match crate::store::apply_edits(
                &path,
                &request.edits,
                request.reason.as_deref(),
                seen,
            ) {
                Ok(saved) => SaveOutcome::Saved {
                    changes: saved.changes,
                    records: Box::new(saved.records),
                },
                Err(EditError::Conflict {
                    item,
                    field,
                    seen,
                    theirs,
                    ours,
                }) => SaveOutcome::Conflict {
                    item,
                    field,
                    seen,
                    theirs,
                    ours,
                },
                Err(e) => SaveOutcome::Failed(e.to_string()),
            };
            vec![Action::SaveDone(request, outcome)]
        }
        Effect::AddReason { change, reason } => {
            match crate::store::add_reason(&path, &change, &reason) {
                Ok(()) => Vec::new(),
                Err(e) => vec![Action::SaveDone(
                    crate::app::SaveRequest {
                        edits: Vec::new(),
                        reason: Some(reason),
                        force: false,
                        kind: crate::app::SaveKind::Edit,
                    },
                    SaveOutcome::Failed(e.to_string()),
                )],
            }
        }
        _ => Vec::new(),
    }
}

/// Let the user edit `text` in `$VISUAL`, `$EDITOR` or vi, in a temporary
/// file; the text as saved there (one final newline removed).
pub fn edit_in_editor(text: &str) -> Result<String, String> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    let mut file = tempfile::Builder::new()
        .prefix("kensho-")
        .suffix(".txt")
        .tempfile()
        .map_err(|e| e.to_string())?;
    file.write_all(text.as_bytes())
        .and_then(|_| file.write_all(b"\n"))
        .and_then(|_| file.flush())
        .map_err(|e| e.to_string())?;
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status()
        .map_err(|e| format!("{editor}: {e}"))?;
    if !status.success() {
        return Err(format!("{editor} exited with {status}"));
    }
    let edited = std::fs::read_to_string(file.path()).map_err(|e| e.to_string())?;
    Ok(edited.strip_suffix('\n').unwrap_or(&edited).to_string())
}

/// Notices when the records files change on disk (by size and time, then by
/// content), and loads them.
struct Watcher {
    seen: Vec<(std::path::PathBuf, Option<(u64, std::time::SystemTime)>)>,
}

fn stamp(path: &std::path::Path) -> Option<(u64, std::time::SystemTime)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?))
}

impl Watcher {
    fn new(records: &crate::records::Records) -> Watcher {
        let seen = crate::records::render(records)
            .unwrap_or_default()
            .into_iter()
            .map(|(p, _)| {
                let s = stamp(&p);
                (p, s)
            })
            .collect();
        Watcher { seen }
    }

    /// Fresh records when the files differ from `current` (None otherwise, or
    /// when they cannot be read whole: the board keeps what it has).
    fn changed(&mut self, current: &crate::records::Records) -> Option<crate::records::Records> {
        let moved = self.seen.iter().any(|(p, s)| stamp(p) != *s);
        if !moved {
            return None;
        }
        *self = Watcher::new(current);
        let fresh = crate::records::load(&current.layout.path()).ok()?;
        *self = Watcher::new(&fresh);
        (fresh != *current).then_some(fresh)
    }
}

fn to_action(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => dispatch(&app.mode, &key, app.report()),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Paste(text) => match app.mode {
            crate::app::Mode::Jump(_)
            | crate::app::Mode::Reason(_)
            | crate::app::Mode::Search
            | crate::app::Mode::Departments(..) => Some(Action::Insert(text)),
            _ => None,
        },
        _ => None,
    }
}

fn draw(terminal: &mut DefaultTerminal, app: &App) -> io::Result<()> {
    // One synchronized update per frame: slow links never show half a frame.
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| render(frame, app))?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    Ok(())
}

fn suspend(terminal: &mut DefaultTerminal) -> io::Result<()> {
    leave()?;
    #[cfg(unix)]
    {
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    }
    // Resumed (fg): take the terminal back and redraw everything.
    enter()?;
    terminal.clear()?;
    Ok(())
}

fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        ratatui::crossterm::event::EnableBracketedPaste
    )
}

fn leave() -> io::Result<()> {
    let a = execute!(
        io::stdout(),
        ratatui::crossterm::event::DisableBracketedPaste,
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
    let mut fds = libc::pollfd {
        fd: 0,
        events: 0,
        revents: 0,
    };
    // SAFETY: one valid pollfd, zero timeout; poll only writes `revents`.
    let ready = unsafe { libc::poll(&mut fds, 1, 0) };
    ready > 0 && (fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL)) != 0
}

/// crossterm keeps reading a hung-up terminal (reads of 0 bytes) inside `poll`
/// without returning, so the loop alone cannot notice a dropped connection. This
/// thread can: when the terminal hangs up, or a stop signal is not acted on
/// within a second, it restores what it can and ends the process.
#[cfg(unix)]
fn spawn_watchdog(stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        let mut stop_seen: Option<std::time::Instant> = None;
        loop {
            std::thread::sleep(Duration::from_millis(100));
            if stop.load(Ordering::Relaxed) {
                stop_seen.get_or_insert_with(std::time::Instant::now);
            }
            let stuck = stop_seen.is_some_and(|t| t.elapsed() > Duration::from_secs(1));
            if terminal_hung_up() || stuck {
                let _ = leave();
                std::process::exit(129);
            }
        }
    });
}

/// Run the board until the user quits or a signal ends it.
pub fn run(mut app: App, initial: Vec<Effect>) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    #[cfg(unix)]
    spawn_watchdog(Arc::clone(&stop));
    // ratatui::init: raw mode, alternate screen, and a panic hook that restores
    // the terminal before the panic message is printed.
    let mut terminal = ratatui::try_init()?;
    execute!(
        io::stdout(),
        ratatui::crossterm::event::EnableBracketedPaste
    )?;
    let worker = spawn_search_worker(app.report().clone());
    for effect in initial {
        if let Effect::Search(request) = effect {
            let _ = worker.requests.send(request);
        }
    }
    let result = event_loop(&mut terminal, &mut app, &stop, &worker);
    let restored = leave();
    result.and(restored)
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
    worker: &SearchWorker,
) -> io::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let mut watcher = Watcher::new(&app.records);
    let mut last_check = std::time::Instant::now();
    let mut dirty = true;
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if dirty {
            draw(terminal, app)?;
            dirty = false;
        }
        // Every 2 s: notice saves made by others; retry a pending save.
        if last_check.elapsed() >= Duration::from_secs(2) {
            last_check = std::time::Instant::now();
            let fresh = watcher.changed(&app.records);
            let mut actions: Vec<Action> = fresh
                .into_iter()
                .map(|r| Action::Reloaded(Box::new(r)))
                .collect();
            for _ in 0..10 {
                actions.push(Action::Tick);
            }
            for action in actions {
                for e in app.update(action) {
                    dirty = true;
                    match e {
                        Effect::Search(request) => {
                            let _ = worker.requests.send(request);
                        }
                        other => {
                            for a in perform(app, other) {
                                let _ = app.update(a);
                            }
                        }
                    }
                }
            }
            if app.message.is_some() {
                dirty = true;
            }
        }
        while let Ok((generation, hits)) = worker.results.try_recv() {
            app.update(Action::SearchDone { generation, hits });
            dirty = true;
        }
        if dirty {
            continue;
        }
        // While a search runs, look for its result often.
        let wait = if app.search.pending {
            Duration::from_millis(5)
        } else {
            TICK
        };
        // An error here means the terminal is gone (SSH dropped): end, don't spin.
        if !event::poll(wait)? {
            continue;
        }
        // Take every event already waiting before drawing again.
        let mut events = vec![event::read()?];
        while event::poll(Duration::ZERO)? {
            events.push(event::read()?);
        }
        for ev in events {
            let Some(action) = to_action(app, ev) else {
                continue;
            };
            dirty = true;
            for effect in app.update(action) {
                match effect {
                    Effect::Quit => return Ok(()),
                    Effect::Suspend => suspend(terminal)?,
                    Effect::Search(request) => {
                        let _ = worker.requests.send(request);
                    }
                    Effect::EditText { item, field, text } => {
                        // The board steps aside while the editor has the terminal.
                        leave()?;
                        let edited = edit_in_editor(&text);
                        enter()?;
                        terminal.clear()?;
                        let effects = app.update(Action::Edited {
                            item,
                            field,
                            text: edited,
                        });
                        for e in effects {
                            for action in perform(app, e) {
                                let _ = app.update(action);
                            }
                        }
                    }
                    other => {
                        for action in perform(app, other) {
                            for e in app.update(action) {
                                if let Effect::Search(request) = e {
                                    let _ = worker.requests.send(request);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
