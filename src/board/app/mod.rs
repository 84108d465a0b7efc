//! The board as a whole: the [`Board`], the stack of screens and the
//! keymap. [`App::update`] is pure: an [`Action`] in, [`Effect`]s out; the
//! runtime performs them. Inside it, every action goes to the part it is
//! for, and every note a part sends another is routed before the update
//! returns ([`App::settle`]).

mod follow;
mod opening;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Action, Command, Effect, Note};
use super::edits::EditMsg;
use super::follow::FollowMsg;
use super::keymap::{Keymap, KeymapError, default_keymap};
use super::keys::Key;
use super::screen::browse::Browse;
use super::screen::conflict::ConflictDialog;
use super::screen::help::Help;
use super::screen::walkthrough::Walkthrough;
use super::screen::{Nav, Outcome, Screen};
use super::search::SearchMsg;
use super::state::{Board, Options};
use super::work::PresenceAnswer;
use crate::domain::records::Records;
use crate::i18n::Msg;
use opening::Stage;

#[derive(Debug, Clone)]
pub struct App {
    board: Board,
    /// The screens, the base first; keys go to the last.
    screens: Vec<Screen>,
    keymap: Keymap,
    /// Counts the updates that changed something (the runtime redraws then).
    revision: u64,
    /// What the board still has to do to open as the command line asked.
    opening: Option<Stage>,
    /// The user's keys held back while the board opens (the meeting's
    /// agenda is what the opening's search shows, not what is typed
    /// meanwhile); taken in, in order, once it has opened.
    held_back: Vec<Action>,
}

impl App {
    /// The board on `records`, or an error when a scale code's key is a
    /// command's key.
    pub fn new(
        records: impl Into<std::sync::Arc<Records>>,
        options: Options,
    ) -> Result<App, KeymapError> {
        let records = records.into();
        let keymap = default_keymap(&records.report)?;
        Ok(App {
            board: Board::new(records, options),
            screens: vec![Screen::Browse(Browse::default())],
            keymap,
            revision: 0,
            opening: None,
            held_back: Vec::new(),
        })
    }

    /// The same board with these keys (a configuration file's).
    pub fn with_keymap(mut self, keymap: Keymap) -> App {
        self.keymap = keymap;
        self
    }

    /// The same board for a user with this display name (configuration).
    pub fn with_display_name(mut self, name: Option<String>) -> App {
        self.board = self.board.with_display_name(name);
        self
    }

    /// The same board marking what changed since an earlier table
    /// (`--compare BASE`).
    pub fn with_earlier(mut self, earlier: Option<crate::domain::compare::Earlier>) -> App {
        self.board = self.board.with_earlier(earlier);
        self
    }

    /// The same board starting meetings in `zone` (configuration; `None`:
    /// this machine's zone).
    pub fn with_zone(mut self, zone: Option<String>) -> App {
        self.board.room_mut().zone = zone;
        self
    }

    pub fn board(&self) -> &Board {
        &self.board
    }

    /// The screens, the base first.
    pub fn screens(&self) -> &[Screen] {
        &self.screens
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// The keys, to change (a configuration file's).
    pub fn keymap_mut(&mut self) -> &mut Keymap {
        &mut self.keymap
    }

    /// Counts the updates that changed something.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The screen that has the keys.
    pub fn top(&self) -> &Screen {
        // The base screen is never popped.
        &self.screens[self.screens.len() - 1]
    }

    /// Whether text is being typed on the top screen (a prompt, the
    /// departments' search): then the cursor shows where typing goes.
    pub fn typing(&self) -> bool {
        self.top().kind().takes_text() || self.top().prompt(&self.board).is_some()
    }

    /// Apply `action`; return what the runtime must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if self.opening.is_some() && matches!(action, Action::Command(_) | Action::Text(_)) {
            self.held_back.push(action);
            return Vec::new();
        }
        let mut effects = self.apply(action);
        // Opened now: the keys held back meanwhile, in order.
        if self.opening.is_none() && !self.held_back.is_empty() {
            for action in std::mem::take(&mut self.held_back) {
                effects.extend(self.update(action));
            }
        }
        effects
    }

    /// One action taken in: routed, its notes settled, follow mode told.
    fn apply(&mut self, action: Action) -> Vec<Effect> {
        let before = (self.board.message().map(str::to_string), self.screens.len());
        // Time passing, or the presence file written: nothing to redraw
        // unless something changed.
        let idle_tick = matches!(
            action,
            Action::Tick(_)
                | Action::Presence(PresenceAnswer::Published | PresenceAnswer::Withdrawn)
        );
        // The user moving on their own (`P` goes back to the presenter).
        let by_user = match &action {
            Action::Command(c) => *c != Command::Present,
            Action::Text(_) => true,
            _ => false,
        };
        let view_before = self.view();
        let outcome = self.route(action);
        self.navigate(outcome.nav);
        let mut effects = self.settle(outcome.effects);
        let next = self.go_on_opening();
        effects.extend(self.settle(next));
        self.show_held_conflict();
        let moved = FollowMsg::Moved {
            before: Box::new(view_before),
            now: Box::new(self.view()),
            by_user,
        };
        let published = self.board.follow_msg(moved);
        effects.extend(self.settle(published));
        // Looking at the files changes nothing on screen.
        let quiet = effects
            .iter()
            .all(|e| matches!(e, Effect::CheckDisk { .. } | Effect::Presence(_)));
        let now = (self.board.message().map(str::to_string), self.screens.len());
        if !(idle_tick && quiet && before == now) {
            self.board.prepare_marks();
            self.revision += 1;
        }
        effects
    }

    /// Each action to the part it is for.
    fn route(&mut self, action: Action) -> Outcome {
        let board = &mut self.board;
        match action {
            Action::Command(_) | Action::Text(_) => {
                board.clear_message();
                self.command(action)
            }
            Action::Unbound(key) => {
                board.clear_message();
                board.tell_with(Msg::KeyUnbound, &[("key", &key)]);
                Outcome::none()
            }
            Action::Resize(w, h) => {
                board.resize(w, h);
                Outcome::none()
            }
            Action::Tick(now) => board.tick(now).into(),
            Action::Open(opening) => self.open(opening).into(),
            Action::Close => {
                self.opening = None;
                self.held_back.clear();
                let board = &mut self.board;
                let mut effects = board.edit(EditMsg::Stop);
                effects.extend(board.follow_msg(FollowMsg::Close));
                effects.into()
            }
            Action::SearchDone { generation, hits } => board
                .search_msg(SearchMsg::Done { generation, hits })
                .into(),
            Action::StoreDone { job, outcome } => board.land(*job, outcome).into(),
            Action::DiskChecked { records, meeting } => board.disk_checked(records, meeting).into(),
            Action::Edited { item, field, text } => {
                board.edit(EditMsg::Edited { item, field, text }).into()
            }
            Action::DetailEdited { field, text } => match text {
                Ok(text) => {
                    crate::board::screen::meeting_info::record(&mut self.board, field, text)
                }
                Err(e) => {
                    let said = e.say(self.board.options().lang);
                    self.board.say(said);
                    Outcome::none()
                }
            },
            Action::Presence(answer) => {
                let on_main = self.top().is_main();
                let answer = FollowMsg::Answer { answer, on_main };
                self.board.follow_msg(answer).into()
            }
            Action::MeetingsListed(names) => {
                if let Some(Screen::MeetingPrompt(prompt)) = self.screens.last_mut() {
                    prompt.known = names;
                }
                Outcome::none()
            }
            Action::MeetingRead { file, meeting, log } => match meeting {
                // Only the meeting the presenter is in now.
                Some(m) if board.follow().presented_meeting() == Some(m.name.as_str()) => {
                    vec![Effect::Tell(Note::MeetingShown {
                        file,
                        meeting: m,
                        log,
                    })]
                    .into()
                }
                _ => Outcome::none(),
            },
        }
    }

    /// The commands every screen shares, then the top screen's own.
    fn command(&mut self, action: Action) -> Outcome {
        // Behind the "too small" screen nothing may change what nobody sees.
        if self.board.too_small()
            && !matches!(action, Action::Command(Command::Quit | Command::Suspend))
        {
            return Outcome::none();
        }
        match action {
            Action::Command(Command::Quit) => self.board.edit(EditMsg::Quit).into(),
            Action::Command(Command::Suspend) => vec![Effect::Suspend].into(),
            Action::Command(Command::Present) => self.present().into(),
            Action::Command(c) if self.board.follow().role().is_follower() && c.changes_data() => {
                self.board.tell(Msg::FollowerReadOnly);
                Outcome::none()
            }
            Action::Command(c) if self.board.options().read_only && c.changes_data() => {
                self.board.tell(Msg::ReadOnlyRefused);
                Outcome::none()
            }
            Action::Command(Command::Help) => {
                let of = self.top().kind();
                Outcome::nav(Nav::Push(Screen::Help(Help { of, scroll: 0 })))
            }
            action => {
                let top = self.screens.len() - 1;
                self.screens[top].update(&mut self.board, action)
            }
        }
    }

    /// Route every note until none is left; the effects for the runtime.
    fn settle(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        let mut out = Vec::with_capacity(effects.len());
        for effect in effects {
            match effect {
                Effect::Tell(note) => {
                    let more = self.note(note);
                    out.extend(self.settle(more));
                }
                effect => out.push(effect),
            }
        }
        out
    }

    /// A note about screens is the app's; the others go to the board.
    fn note(&mut self, note: Note) -> Vec<Effect> {
        match note {
            // A meeting was started or resumed: walk its agenda.
            Note::Walk => {
                if matches!(self.top(), Screen::Browse(_)) {
                    let walk = Walkthrough::opened(&mut self.board);
                    self.screens.push(Screen::Walkthrough(walk));
                }
                Vec::new()
            }
            Note::Show(view) => self.show_view(&view),
            note => self.board.note(note),
        }
    }

    /// A conflict held by the edits is put before the user once the board
    /// has the keys (so that no key meant for a prompt chooses).
    fn show_held_conflict(&mut self) {
        if matches!(self.top(), Screen::Browse(_)) && self.board.edits().held().is_some() {
            self.screens.push(Screen::Conflict(ConflictDialog));
        }
    }

    fn navigate(&mut self, nav: Nav) {
        match nav {
            Nav::Stay => {}
            Nav::Push(s) => self.screens.push(s),
            Nav::Pop if self.screens.len() > 1 => {
                self.screens.pop();
                if let Some(top) = self.screens.last_mut() {
                    top.resumed(&mut self.board);
                }
            }
            Nav::Pop => {}
            Nav::Replace(s) if self.screens.len() > 1 => {
                let top = self.screens.len() - 1;
                self.screens[top] = s;
            }
            Nav::Replace(s) => self.screens.push(s),
            Nav::Base => self.screens.truncate(1),
        }
    }

    /// The action for a key: the top screen's table and the global keys, or
    /// text for a screen that takes text.
    pub fn action_for_key(&self, event: &KeyEvent) -> Option<Action> {
        let kind = self.top().kind();
        if let Some(command) = self.keymap.command(kind, event) {
            return Some(Action::Command(command));
        }
        let plain = !event
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match event.code {
            _ if event.kind == KeyEventKind::Release => None,
            KeyCode::Char(c) if plain && kind.takes_text() => Some(Action::Text(c.to_string())),
            KeyCode::Modifier(_) | KeyCode::Null => None,
            code => {
                let key = Key {
                    code,
                    modifiers: event.modifiers & KeyModifiers::CONTROL,
                };
                Some(Action::Unbound(key.label(self.board.options().ascii)))
            }
        }
    }

    /// Pasted text goes to a screen that takes text, and nowhere else.
    pub fn action_for_paste(&self, text: String) -> Option<Action> {
        self.top().kind().takes_text().then_some(Action::Text(text))
    }

    /// When time must next pass for the board (see [`Board::next_tick`]).
    pub fn next_tick(&self, now: std::time::Instant) -> std::time::Instant {
        self.board.next_tick(now)
    }
}

#[cfg(test)]
mod tests;
