//! Opening the board on what the command line asked for: the index built,
//! the search and filters, then the meeting (its agenda is what they show,
//! once the search answered), then presenting. Each step waits for the one
//! before it to be answered, without waiting in the runtime: the app goes
//! on after every update.

use super::App;
use crate::board::action::{Effect, Opening};
use crate::board::follow::Role;
use crate::board::meeting::RoomMsg;
use crate::board::search::SearchMsg;

/// What the opening still has to do.
#[derive(Debug, Clone)]
pub(super) enum Stage {
    /// Waiting for the search; then the meeting (if any) and presenting.
    Searching {
        meeting: Option<String>,
        present: bool,
    },
    /// Waiting for the meeting's file; then presenting.
    Meeting { present: bool },
}

impl App {
    /// The board opens: the index is built while the first frames show the
    /// outline (so that the first key typed finds it ready), and the
    /// search and filters asked for are searched.
    pub(super) fn open(&mut self, opening: Opening) -> Vec<Effect> {
        let mut effects = self.board.search_msg(SearchMsg::Index);
        effects.extend(self.board.search_msg(SearchMsg::Show {
            query: opening.query,
            filters: opening.filters,
            meeting_filters: opening.meeting_filters,
        }));
        self.opening = Some(Stage::Searching {
            meeting: opening.meeting,
            present: opening.present,
        });
        effects
    }

    /// The next step of the opening, when the one before it is answered.
    pub(super) fn go_on_opening(&mut self) -> Vec<Effect> {
        match self.opening.take() {
            Some(Stage::Searching { meeting, present }) if !self.board.search().is_pending() => {
                let Some(name) = meeting else {
                    return self.start_presenting(present);
                };
                let start = RoomMsg::Start {
                    name,
                    chosen_by: Some(self.board.narrowing_summary()).filter(|s| !s.is_empty()),
                    items: self.board.agenda_now(),
                };
                self.opening = Some(Stage::Meeting { present });
                self.board.meeting(start)
            }
            Some(Stage::Meeting { present }) if self.board.edits().is_idle() => {
                self.start_presenting(present)
            }
            waiting => {
                self.opening = waiting;
                Vec::new()
            }
        }
    }

    /// `--present`: start presenting (a board that presents already, or
    /// follows, is left as it is).
    fn start_presenting(&mut self, present: bool) -> Vec<Effect> {
        if present && matches!(self.board.follow().role(), Role::Alone) {
            self.present()
        } else {
            Vec::new()
        }
    }
}
