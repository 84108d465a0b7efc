//! The board's inbox: everything that arrives for the board — the
//! terminal's events, the workers' answers, signals — on one channel that
//! the terminal loop blocks on; and the ids that tell the runtime which
//! work is still under way.

use super::action::Action;

/// A piece of work sent to a worker: its answer names it, so the runtime
/// knows what is still under way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WorkId(pub u64);

/// Everything that arrives in the board's inbox: the one channel the
/// terminal loop blocks on.
#[derive(Debug)]
pub enum Input {
    /// From the terminal: a key, a paste, a new size.
    Event(ratatui::crossterm::event::Event),
    /// A worker's answer to work `id` (None: news of the worker's own, such
    /// as a presenter's file taken over at a heartbeat); `action`: what it
    /// found (None: nothing to tell, such as a search overtaken by a newer one).
    Answer {
        id: Option<WorkId>,
        action: Option<Box<Action>>,
    },
    /// A signal asks the board to end (its number).
    Signal(i32),
    /// The terminal hung up (the SSH connection dropped).
    HungUp,
    /// Asked to stop (SIGTSTP from outside, `kill -TSTP`): as Ctrl-z, the
    /// terminal is given back first.
    Stop,
}

/// Where a worker sends its answers.
#[derive(Debug, Clone)]
pub struct Answers(std::sync::mpsc::Sender<Input>);

impl Answers {
    pub fn new(inbox: std::sync::mpsc::Sender<Input>) -> Answers {
        Answers(inbox)
    }

    /// Answer work `id`; false when the board is gone (the worker stops).
    pub fn send(&self, id: Option<WorkId>, action: Option<Action>) -> bool {
        let action = action.map(Box::new);
        self.0.send(Input::Answer { id, action }).is_ok()
    }
}
