//! The one place where the board's effects are performed, and its one
//! inbox. [`Runtime::step`] runs the update, performs what it asks for and
//! feeds the results back; the terminal loop, the editor hand-off and every
//! test go through it. Searches, saves and the presence file are work for
//! the workers, sent with an id: their answers, the terminal's events and
//! the signals all arrive on one channel ([`Input`]), which the terminal
//! loop blocks on ([`Runtime::wait`]). "Busy" is work sent and not answered.

use std::collections::BTreeMap;
use std::io;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::Event;

use super::action::{Action, Effect};
use super::app::App;
use super::edits::worker::{self as store_worker, StoreWork};
use super::edits::{edit_in_editor, users_editor};
use super::follow::worker as presence_worker;
use super::inbox::{Answers, Input, WorkId};
use super::search::worker as search_worker;
use super::work::{PresenceWork, SearchRequest};
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

/// Which worker has a piece of work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Worker {
    Search,
    Store,
    Presence,
}

/// Why the board ends other than by its own quitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// A signal asked it to (its number).
    Signal(i32),
    /// The terminal hung up.
    HungUp,
}

pub struct Runtime {
    app: App,
    inbox: Receiver<Input>,
    /// For those who put things in the inbox: the workers, the terminal.
    sender: Sender<Input>,
    searches: Sender<(WorkId, SearchRequest)>,
    store: Sender<(WorkId, StoreWork)>,
    /// The presence worker (follow mode), and its thread.
    presence: Option<Sender<(WorkId, PresenceWork)>>,
    presence_thread: Option<std::thread::JoinHandle<()>>,
    /// Work sent and not answered yet, and which worker has it.
    open: BTreeMap<WorkId, Worker>,
    next_id: u64,
    quit: bool,
    ending: Option<Ending>,
    /// The board closes: keys typed now do nothing.
    closing: bool,
    /// The shell command that edits a text (`$VISUAL`, `$EDITOR` or vi).
    editor: String,
}

impl Runtime {
    /// Start the workers for `app`'s records.
    pub fn new(app: App) -> Runtime {
        let (sender, inbox) = channel();
        let answers = Answers::new(sender.clone());
        let board = app.board();
        let records = board.records();
        let path = records.layout.path();
        // A follower writes nothing, not even kept copies of what it reads.
        let watcher = Watcher::new(records).keeping(!board.follow().role().is_follower());
        let name = board.display_name().map(str::to_string);
        let store = store_worker::spawn(path.clone(), name, watcher, answers.clone());
        let like = store_worker::like_file(&path);
        let dir = records.layout.dir();
        let (presence, presence_thread) = presence_worker::spawn(dir, like, answers.clone());
        let searches = search_worker::spawn(answers);
        Runtime {
            app,
            inbox,
            sender,
            searches,
            store,
            presence: Some(presence),
            presence_thread: Some(presence_thread),
            open: BTreeMap::new(),
            next_id: 0,
            quit: false,
            ending: None,
            closing: false,
            editor: users_editor(),
        }
    }

    pub fn app(&self) -> &App {
        &self.app
    }

    /// The app, to set up before it runs (follow mode, keys).
    pub fn app_mut(&mut self) -> &mut App {
        &mut self.app
    }

    /// A sender into the inbox (the terminal's events and signals).
    pub fn sender(&self) -> Sender<Input> {
        self.sender.clone()
    }

    /// Edit texts with the shell command `editor` instead of the user's.
    pub fn use_editor(&mut self, editor: impl Into<String>) {
        self.editor = editor.into();
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
                let id = self.open_work(Worker::Search);
                self.sent(id, self.searches.send((id, request)).is_ok());
            }
            Effect::Store(job) => self.send_store(StoreWork::Job(Box::new(job))),
            Effect::CheckDisk { records, meeting } => {
                self.send_store(StoreWork::Check(records, meeting))
            }
            Effect::ListMeetings => {
                let dir = self.app.board().records().layout.dir();
                self.send_store(StoreWork::ListMeetings(dir))
            }
            Effect::ReadMeeting { name, records } => {
                self.send_store(StoreWork::ReadMeeting(name, records))
            }
            Effect::Presence(work) => {
                let id = self.open_work(Worker::Presence);
                let sent = self
                    .presence
                    .as_ref()
                    .is_some_and(|p| p.send((id, work)).is_ok());
                self.sent(id, sent);
            }
            Effect::EditText { item, field, text } => {
                let mut edited = Ok(String::new());
                let editor = &self.editor;
                host.hand_over(&mut || edited = edit_in_editor(editor, &text))?;
                return Ok(Some(Action::Edited {
                    item,
                    field,
                    text: edited,
                }));
            }
            Effect::EditDetail { field, text } => {
                let mut edited = Ok(String::new());
                let editor = &self.editor;
                host.hand_over(&mut || edited = edit_in_editor(editor, &text))?;
                return Ok(Some(Action::DetailEdited {
                    field,
                    text: edited,
                }));
            }
            // Routed by the app before its update returns.
            Effect::Tell(_) => {}
        }
        Ok(None)
    }

    fn open_work(&mut self, worker: Worker) -> WorkId {
        self.next_id += 1;
        let id = WorkId(self.next_id);
        self.open.insert(id, worker);
        id
    }

    /// Work that could not be sent (its worker is gone) is not waited for.
    fn sent(&mut self, id: WorkId, sent: bool) {
        if !sent {
            self.open.remove(&id);
        }
    }

    fn send_store(&mut self, work: StoreWork) {
        let id = self.open_work(Worker::Store);
        self.sent(id, self.store.send((id, work)).is_ok());
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

    /// Take in what arrived in the inbox.
    pub fn take(&mut self, host: &mut dyn Host, input: Input) -> io::Result<()> {
        match input {
            // A board that closes takes no more keys.
            Input::Event(_) if self.closing => Ok(()),
            Input::Event(event) => self.event(host, event),
            Input::Answer { id, action } => {
                if let Some(id) = id {
                    self.open.remove(&id);
                }
                match action {
                    Some(action) => self.step(host, *action),
                    None => Ok(()),
                }
            }
            Input::Signal(n) => {
                self.ending.get_or_insert(Ending::Signal(n));
                Ok(())
            }
            Input::HungUp => {
                self.ending.get_or_insert(Ending::HungUp);
                Ok(())
            }
            Input::Stop => self.step(host, Action::Command(super::action::Command::Suspend)),
        }
    }

    /// Wait for the next input until `deadline` (None: it came first).
    pub fn wait(&self, deadline: Instant) -> Option<Input> {
        let left = deadline.saturating_duration_since(Instant::now());
        self.inbox.recv_timeout(left).ok()
    }

    /// An input already waiting, if any.
    pub fn waiting(&self) -> Option<Input> {
        self.inbox.try_recv().ok()
    }

    /// Whether a worker is still on something this board sent.
    pub fn busy(&self) -> bool {
        !self.open.is_empty()
    }

    /// Whether store work is still under way (a save must land before the
    /// board quits).
    pub fn saving(&self) -> bool {
        self.open.values().any(|w| *w == Worker::Store)
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
            match self.inbox.recv_timeout(left) {
                Ok(input) => self.take(host, input)?,
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    }

    /// The board closes: nothing more is started, a save under way lands
    /// (within `within`), a presenter removes its file, and the presence
    /// worker ends (within a second).
    pub fn close(&mut self, host: &mut dyn Host, within: Duration) -> io::Result<bool> {
        self.closing = true;
        self.step(host, Action::Close)?;
        let saved = self.finish_saves(host, within)?;
        let presence = |rt: &Runtime| rt.open.values().any(|w| *w == Worker::Presence);
        self.wait_while(host, Duration::from_secs(1), presence)?;
        self.presence = None;
        if let Some(thread) = self.presence_thread.take()
            && thread.is_finished()
        {
            let _ = thread.join();
        }
        Ok(saved)
    }

    /// Whether the board asked to quit, or something ended it.
    pub fn quitting(&self) -> bool {
        self.quit || self.ending.is_some()
    }

    /// What ended the board, when not its own quitting.
    pub fn ending(&self) -> Option<Ending> {
        self.ending
    }
}
