//! The one place where the board's effects are performed. [`Runtime::step`]
//! runs the update, performs what it asks for and feeds the results back;
//! the terminal loop, the editor hand-off, the watcher's ticks and every test
//! go through it. Searches and saves run on the workers ([`super::workers`]),
//! so typing and moving never wait for them: their answers come back as
//! actions, taken in by [`Runtime::pump`] (or waited for by [`Runtime::settle`]).

use std::io;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::Event;

use super::action::PresenceWork;
use super::action::{Action, Effect, SearchRequest};
use super::app::App;
use super::presence_worker::spawn_presence_worker;
use super::workers::{StoreWork, spawn_search_worker, spawn_store_worker};
use crate::search::Filters;
use crate::store::watch::Watcher;

/// What the board needs from the terminal it runs in.
pub trait Host {
    /// Stop the process (Ctrl-z) and take the terminal back when resumed.
    fn suspend(&mut self) -> io::Result<()>;
    /// Give the terminal to another program (the editor) while `run` runs.
    fn hand_over(&mut self, run: &mut dyn FnMut()) -> io::Result<()>;
}

/// No terminal (tests, scripts): nothing to suspend or hand over.
#[derive(Debug, Default)]
pub struct Headless;

impl Host for Headless {
    fn suspend(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn hand_over(&mut self, run: &mut dyn FnMut()) -> io::Result<()> {
        run();
        Ok(())
    }
}

/// What the board opens on: a search, filters, a meeting to start or resume.
#[derive(Debug, Clone, Default)]
pub struct Opening {
    pub query: String,
    pub filters: Filters,
    pub meeting: Option<String>,
    /// Present from the start (`--present`).
    pub present: bool,
}

pub struct Runtime {
    pub app: App,
    searches: Sender<SearchRequest>,
    store: Sender<StoreWork>,
    results: Receiver<Action>,
    /// Store work sent and not answered yet.
    store_busy: usize,
    /// The presence worker (follow mode), and its thread.
    presence: Option<Sender<PresenceWork>>,
    presence_thread: Option<std::thread::JoinHandle<()>>,
    /// Presence reads and claims sent and not answered yet.
    presence_busy: usize,
    quit: bool,
    /// The shell command that edits a text (`$VISUAL`, `$EDITOR` or vi).
    editor: String,
}

impl Runtime {
    /// Start the workers for `app`'s records.
    pub fn new(app: App) -> Runtime {
        let (sender, results) = channel();
        let records = &app.board.records;
        let path: PathBuf = records.layout.path();
        // A follower writes nothing, not even kept copies of what it reads.
        let watcher = Watcher::new(records).keeping(!app.board.role.is_follower());
        let store = spawn_store_worker(
            path.clone(),
            app.board.options.lang,
            app.board.display_name.clone(),
            watcher,
            sender.clone(),
        );
        let dir = records.layout.dir();
        let like = if path.is_dir() {
            dir.join(crate::domain::records::REPORT_FILE)
        } else {
            path.clone()
        };
        let (presence, presence_thread) = spawn_presence_worker(dir, like, sender.clone());
        let searches = spawn_search_worker(sender);
        Runtime {
            app,
            searches,
            store,
            results,
            store_busy: 0,
            presence: Some(presence),
            presence_thread: Some(presence_thread),
            presence_busy: 0,
            quit: false,
            editor: super::editor::users_editor(),
        }
    }

    /// Apply `action` and perform what it asks for, feeding back the results
    /// of what is done at once (the editor) until nothing is left; work for
    /// the workers is sent and answered later.
    pub fn step(&mut self, host: &mut dyn Host, action: impl Into<Action>) -> io::Result<()> {
        let mut pending = vec![action.into()];
        while let Some(action) = pending.pop() {
            for effect in self.app.update(action) {
                if let Some(back) = self.perform(host, effect)? {
                    pending.push(back);
                }
            }
        }
        Ok(())
    }

    /// Perform one effect; an action when its result is known at once.
    fn perform(&mut self, host: &mut dyn Host, effect: Effect) -> io::Result<Option<Action>> {
        match effect {
            Effect::Quit => self.quit = true,
            Effect::Suspend => host.suspend()?,
            Effect::Search(request) => {
                // The worker only stops with the runtime.
                let _ = self.searches.send(request);
            }
            Effect::Store(job) => self.send_store(StoreWork::Job(Box::new(job))),
            Effect::CheckDisk { records, meeting } => {
                self.send_store(StoreWork::Check(records, meeting))
            }
            Effect::Presence(work) => {
                // Everything but a withdrawal gets exactly one answer.
                if !matches!(work, PresenceWork::Withdraw { .. }) {
                    self.presence_busy += 1;
                }
                if let Some(p) = &self.presence {
                    let _ = p.send(work);
                }
            }
            Effect::ReadMeeting { name, records } => {
                self.send_store(StoreWork::ReadMeeting(name, records))
            }
            Effect::EditText { item, field, text } => {
                let mut edited = Err(String::new());
                let editor = &self.editor;
                host.hand_over(&mut || edited = super::editor::edit_in_editor(editor, &text))?;
                return Ok(Some(Action::Edited {
                    item,
                    field,
                    text: edited,
                }));
            }
        }
        Ok(None)
    }

    fn send_store(&mut self, work: StoreWork) {
        if self.store.send(work).is_ok() {
            self.store_busy += 1;
        }
    }

    /// Open on a query and filters (from the command line).
    pub fn start_with(
        &mut self,
        host: &mut dyn Host,
        query: &str,
        filters: crate::search::Filters,
    ) -> io::Result<()> {
        for effect in self.app.start_with(query, filters) {
            if let Some(back) = self.perform(host, effect)? {
                self.step(host, back)?;
            }
        }
        Ok(())
    }

    /// Open on what the command line asked for: the search and filters, then
    /// the meeting (its agenda is what they show, once the search answered).
    pub fn open(&mut self, host: &mut dyn Host, opening: Opening) -> io::Result<()> {
        // The search index is built while the first frames show the outline,
        // so that the first key typed finds it ready (a request with no
        // query builds the index and is not answered).
        let board = &self.app.board;
        let _ = self.searches.send(SearchRequest {
            generation: 0,
            records: std::sync::Arc::clone(&board.records),
            data: board.data_version.clone(),
            query: crate::search::Query::default(),
            filters: crate::search::Filters::default(),
            order: crate::search::Order::default(),
            after: None,
        });
        self.start_with(host, &opening.query, opening.filters)?;
        if let Some(name) = opening.meeting {
            self.settle(host, Duration::from_secs(30))?;
            let board = &mut self.app.board;
            let chosen_by = Some(board.narrowing_summary()).filter(|s| !s.is_empty());
            let items = board.agenda_now();
            for effect in board.start_meeting(&name, chosen_by, items) {
                if let Some(back) = self.perform(host, effect)? {
                    self.step(host, back)?;
                }
            }
        }
        if opening.present {
            self.settle(host, Duration::from_secs(30))?;
            self.step(host, super::action::Command::Present)?;
        }
        Ok(())
    }

    /// A terminal event: its key through the top screen's table, a paste,
    /// a new size.
    pub fn event(&mut self, host: &mut dyn Host, event: Event) -> io::Result<()> {
        let action = match event {
            Event::Key(key) => self.app.action_for_key(&key),
            Event::Paste(text) => self.app.action_for_paste(text),
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            _ => None,
        };
        match action {
            Some(a) => self.step(host, a),
            None => Ok(()),
        }
    }

    fn take(&mut self, host: &mut dyn Host, answer: Action) -> io::Result<()> {
        if matches!(
            answer,
            Action::StoreDone { .. } | Action::DiskChecked { .. } | Action::MeetingRead { .. }
        ) {
            self.store_busy = self.store_busy.saturating_sub(1);
        }
        if matches!(answer, Action::Presence { asked: true, .. }) {
            self.presence_busy = self.presence_busy.saturating_sub(1);
        }
        self.step(host, answer)
    }

    /// Take in every answer the workers have given so far.
    pub fn pump(&mut self, host: &mut dyn Host) -> io::Result<()> {
        while let Ok(answer) = self.results.try_recv() {
            self.take(host, answer)?;
        }
        Ok(())
    }

    /// Whether a worker is still on something this board waits for.
    pub fn busy(&self) -> bool {
        self.store_busy > 0 || self.presence_busy > 0 || self.app.board.search.pending
    }

    /// A presenter that goes away removes its file (if it is still its own),
    /// waiting up to `within` for the worker to finish.
    pub fn stop_presenting(&mut self, within: Duration) {
        if let super::presence_state::Role::Presenter(p) = &self.app.board.role
            && let Some(sender) = &self.presence
        {
            let _ = sender.send(PresenceWork::Withdraw {
                owner: p.owner.clone(),
            });
        }
        self.presence = None;
        let deadline = Instant::now() + within;
        if let Some(thread) = self.presence_thread.take() {
            while !thread.is_finished() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(5));
            }
            if thread.is_finished() {
                let _ = thread.join();
            }
        }
    }

    /// Whether store work is still under way (a save must land before the
    /// board quits).
    pub fn saving(&self) -> bool {
        self.store_busy > 0
    }

    /// Wait until the workers are done (or `within` has passed), taking their
    /// answers in; whether they are done.
    pub fn settle(&mut self, host: &mut dyn Host, within: Duration) -> io::Result<bool> {
        self.wait_while(host, within, Runtime::busy)
    }

    /// Wait for the store alone (searches do not matter to a board that quits).
    pub fn finish_saves(&mut self, host: &mut dyn Host, within: Duration) -> io::Result<bool> {
        self.wait_while(host, within, Runtime::saving)
    }

    fn wait_while(
        &mut self,
        host: &mut dyn Host,
        within: Duration,
        busy: fn(&Runtime) -> bool,
    ) -> io::Result<bool> {
        let deadline = Instant::now() + within;
        while busy(self) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.results.recv_timeout(left) {
                Ok(answer) => self.take(host, answer)?,
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    }

    /// Edit texts with the shell command `editor` instead of the user's.
    pub fn use_editor(&mut self, editor: impl Into<String>) {
        self.editor = editor.into();
    }

    /// Whether the board asked to quit.
    pub fn quitting(&self) -> bool {
        self.quit
    }
}
