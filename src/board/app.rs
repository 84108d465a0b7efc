//! The board as a whole: the shared [`Board`], the stack of screens and the
//! keymap. [`App::update`] is pure: an [`Action`] in, [`Effect`]s out; the
//! runtime performs them.

use ratatui::crossterm::event::KeyCode;
use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

use super::action::{Action, Command, Effect, PresenceAnswer};
use super::edits::{HeldConflict, Show};
use super::keymap::{KeyError, Keymap};
use super::screen::browse::Browse;
use super::screen::help::Help;
use super::screen::walkthrough::Walkthrough;
use super::screen::{Nav, Outcome, Screen};
use super::state::{Board, Options};
use crate::domain::records::Records;

#[derive(Debug, Clone)]
pub struct App {
    pub board: Board,
    /// The screens, the base first; keys go to the last.
    pub screens: Vec<Screen>,
    pub keymap: Keymap,
    /// Counts the updates that changed something (the runtime redraws then).
    pub revision: u64,
    /// A conflict that came while a prompt or popup had the keys: shown when
    /// the board is back (so that no key meant for the prompt chooses).
    waiting_conflict: Option<HeldConflict>,
}

impl App {
    /// The board on `records`, or an error when a scale code's key is a
    /// command's key.
    pub fn new(records: Records, options: Options) -> Result<App, KeyError> {
        let keymap = super::screen::default_keymap(&records.report)?;
        Ok(App {
            board: Board::new(records, options),
            screens: vec![Screen::Browse(Browse::default())],
            keymap,
            revision: 0,
            waiting_conflict: None,
        })
    }

    /// The screen that has the keys.
    pub fn top(&self) -> &Screen {
        // The base screen is never popped.
        &self.screens[self.screens.len() - 1]
    }

    /// Apply `action`; return what the runtime must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let before = (self.board.message.clone(), self.screens.len());
        // Time passing, or the presence file written: nothing to redraw
        // unless something changed.
        let idle_tick = matches!(
            action,
            Action::Tick(_)
                | Action::Presence {
                    answer: PresenceAnswer::Published,
                    ..
                }
        );
        // The user moving on their own (`P` goes back to the presenter).
        let by_user = matches!(action, Action::Command(_) | Action::Text(_))
            && action != Action::Command(Command::Present);
        let view_before = self.view();
        let outcome = match action {
            Action::Command(_) | Action::Text(_) => {
                self.board.message = None;
                self.command(action)
            }
            Action::Resize(w, h) => {
                self.board.resize(w, h);
                Outcome::none()
            }
            Action::Tick(now) => self.board.tick(now).into(),
            Action::SearchDone { generation, hits } => {
                self.board.search_done(generation, hits);
                Outcome::none()
            }
            Action::StoreDone { job, outcome } => {
                let (effects, show) = self.board.store_done(*job, outcome);
                match show {
                    Some(Show::Conflict(held)) => self.waiting_conflict = Some(*held),
                    Some(Show::Walkthrough) if matches!(self.top(), Screen::Browse(_)) => {
                        let walk = Walkthrough::new(&self.board);
                        self.screens.push(Screen::Walkthrough(walk));
                    }
                    _ => {}
                }
                effects.into()
            }
            Action::DiskChecked { records, meeting } => {
                self.board.checked();
                let mut effects = Vec::new();
                if let Some((file, meeting)) = meeting {
                    self.board.meeting_done(file, *meeting, None, false);
                    if !self.board.meeting_filters.is_empty() {
                        effects.extend(self.board.request_search());
                    }
                }
                effects.extend(self.board.disk_checked(records));
                effects.into()
            }
            Action::Edited { item, field, text } => self.board.edited(item, field, text).into(),
            Action::Presence { answer, .. } => self.presence_answer(answer),
            Action::MeetingRead { file, meeting, log } => {
                // Only the meeting the presenter is in now.
                if let Some(m) = meeting
                    && self.presented_meeting() == Some(m.name.as_str())
                {
                    self.board.meeting_read(file, *m, log);
                }
                Outcome::none()
            }
        };
        self.navigate(outcome.nav);
        self.show_waiting_conflict();
        let mut effects = outcome.effects;
        effects.extend(self.after_update(&view_before, by_user));
        // Looking at the files changes nothing on screen.
        let quiet = effects
            .iter()
            .all(|e| matches!(e, Effect::CheckDisk { .. } | Effect::Presence(_)));
        let unchanged =
            idle_tick && quiet && before == (self.board.message.clone(), self.screens.len());
        if !unchanged {
            self.board.prepare_marks();
            self.revision += 1;
        }
        effects
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
            Action::Command(Command::Quit) => self.board.quit().into(),
            Action::Command(Command::Suspend) => vec![Effect::Suspend].into(),
            Action::Command(Command::Present) => self.present(),
            Action::Command(c) if self.board.role.is_follower() && c.changes_data() => {
                self.board.say(crate::i18n::Msg::FollowerReadOnly);
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

    /// Put a waiting conflict before the user once the board has the keys.
    fn show_waiting_conflict(&mut self) {
        if matches!(self.top(), Screen::Browse(_))
            && let Some(held) = self.waiting_conflict.take()
        {
            self.screens.push(Screen::Conflict(held));
        }
    }

    fn navigate(&mut self, nav: Nav) {
        match nav {
            Nav::Stay => {}
            Nav::Push(s) => self.screens.push(s),
            Nav::Pop if self.screens.len() > 1 => {
                self.screens.pop();
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
            KeyCode::Char(c)
                if plain
                    && kind.takes_text()
                    && event.kind != ratatui::crossterm::event::KeyEventKind::Release =>
            {
                Some(Action::Text(c.to_string()))
            }
            _ => None,
        }
    }

    /// Pasted text goes to a screen that takes text, and nowhere else.
    pub fn action_for_paste(&self, text: String) -> Option<Action> {
        self.top().kind().takes_text().then_some(Action::Text(text))
    }

    /// Start with a query and filters (from the command line).
    pub fn start_with(&mut self, query: &str, filters: crate::search::Filters) -> Vec<Effect> {
        let effects = self.board.start_with(query, filters);
        self.board.prepare_marks();
        effects
    }
}
