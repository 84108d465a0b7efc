//! The board's screens, each declared once, on one line of `screens!`
//! below: its variant, the state it owns and the name of its key table.
//! Its module here implements [`Page`] (its key table, its update, and what
//! it is in follow mode); its view implements [`Draw`] in
//! [`crate::board::view`]. Everything else — the `Screen` and `ScreenKind`
//! enums, the list of screens, their names and every dispatch — is made
//! from that one line. Screens stack: a popup is pushed over the screen it
//! belongs to and `Esc` pops it.
//!
//! To add a screen: a module here, a view, and one line in `screens!`.

pub mod agenda;
pub mod browse;
pub mod confirm_edit;
pub mod conflict;
pub mod departments;
pub mod edit_which;
pub mod editing;
pub mod filters;
pub mod help;
pub mod jump;
pub mod meeting_info;
pub mod meeting_prompt;
pub mod overview;
pub mod picker;
pub mod reason;
pub mod remark;
pub mod search_line;
pub mod walkthrough;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::{Action, Command, Effect};
use super::keys::{Binding, When, bind};
use super::state::Board;
use crate::domain::presence::{Shown, View};
use crate::i18n::Msg;
use crate::text::input::{LineEdit, LineInput};

/// What a screen is: its keys, what it does with a command or text, and
/// what it is in follow mode.
pub trait Page: Sized {
    /// Whether typed text goes to it (keys not in its table are text).
    const TAKES_TEXT: bool = false;
    /// For a main screen (the board, the walkthrough, the overview): what
    /// follow mode calls it. A follower shows the presenter's main screen.
    const SHOWN: Option<Shown> = None;

    /// Its default key table; `codes` are the keys of the report's scale codes.
    fn keys(codes: &[Binding]) -> Vec<Binding>;

    /// A command or text for it.
    fn update(&mut self, board: &mut Board, action: Action) -> Outcome;

    /// The one-line prompt it shows in the footer, if it is one.
    fn prompt<'a>(
        &'a self,
        _board: &'a Board,
    ) -> Option<(std::borrow::Cow<'a, str>, &'a LineInput)> {
        None
    }

    /// What a presenter publishes of it (a main screen).
    fn publish(&self, _board: &Board, _view: &mut View) {}

    /// The screen a follower opens to show the presenter's `view`, when it
    /// is this one (the base screen is never opened: it follows).
    fn open_for(_view: &View, _board: &Board) -> Option<Self> {
        None
    }

    /// The base screen takes what the presenter's `view` says of it.
    fn follow(&mut self, _view: &View) {}

    /// It is on top again, the screen above it closed (a prompt may have
    /// chosen an item on the board meanwhile).
    fn resumed(&mut self, _board: &mut Board) {}
}

/// Drawing a screen from `C` (what the views draw from): a pure function
/// of the state, implemented beside the other views in
/// [`crate::board::view`].
pub trait Draw<C> {
    fn draw(&self, frame: &mut Frame, canvas: &C, area: Rect);
}

/// Declares the screens: for each, `Variant(State) = "name"`.
macro_rules! screens {
    ($($(#[$doc:meta])* $variant:ident($state:ty) = $name:literal;)*) => {
        /// A screen and the state it owns.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Screen {
            $($(#[$doc])* $variant($state),)*
        }

        /// Which screen: names its key table.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ScreenKind {
            $($variant,)*
        }

        impl ScreenKind {
            pub const ALL: &[ScreenKind] = &[$(ScreenKind::$variant,)*];

            /// The name of the screen's key table (in messages and configuration).
            pub fn name(self) -> &'static str {
                match self {
                    $(ScreenKind::$variant => $name,)*
                }
            }

            /// Whether typed text goes to the screen.
            pub fn takes_text(self) -> bool {
                match self {
                    $(ScreenKind::$variant => <$state as Page>::TAKES_TEXT,)*
                }
            }

            /// The screen's default key table.
            pub fn default_keys(self, codes: &[Binding]) -> Vec<Binding> {
                match self {
                    $(ScreenKind::$variant => <$state as Page>::keys(codes),)*
                }
            }
        }

        impl Screen {
            pub fn kind(&self) -> ScreenKind {
                match self {
                    $(Screen::$variant(_) => ScreenKind::$variant,)*
                }
            }

            /// A command or text for this screen.
            pub fn update(&mut self, board: &mut Board, action: Action) -> Outcome {
                match self {
                    $(Screen::$variant(s) => s.update(board, action),)*
                }
            }

            pub fn prompt<'a>(&'a self, board: &'a Board) -> Option<(std::borrow::Cow<'a, str>, &'a LineInput)> {
                match self {
                    $(Screen::$variant(s) => s.prompt(board),)*
                }
            }

            /// A main screen (the board, the walkthrough, the overview).
            pub fn is_main(&self) -> bool {
                match self {
                    $(Screen::$variant(_) => <$state as Page>::SHOWN.is_some(),)*
                }
            }

            pub fn publish(&self, board: &Board, view: &mut View) {
                match self {
                    $(Screen::$variant(s) => s.publish(board, view),)*
                }
            }

            pub fn follow(&mut self, view: &View) {
                match self {
                    $(Screen::$variant(s) => s.follow(view),)*
                }
            }

            pub fn resumed(&mut self, board: &mut Board) {
                match self {
                    $(Screen::$variant(s) => s.resumed(board),)*
                }
            }

            /// The screen a follower opens to show `view`, if any.
            pub fn open_for(view: &View, board: &Board) -> Option<Screen> {
                $(
                    if <$state as Page>::SHOWN == Some(view.screen)
                        && let Some(s) = <$state as Page>::open_for(view, board)
                    {
                        return Some(Screen::$variant(s));
                    }
                )*
                None
            }

            pub fn draw<C>(&self, frame: &mut Frame, canvas: &C, area: Rect)
            where
                $($state: Draw<C>,)*
            {
                match self {
                    $(Screen::$variant(s) => s.draw(frame, canvas, area),)*
                }
            }
        }
    };
}

screens! {
    /// The outline and the detail (the base screen).
    Browse(browse::Browse) = "board";
    Help(help::Help) = "help";
    SearchLine(search_line::SearchLine) = "search";
    Filters(filters::FilterPanel) = "filters";
    Departments(departments::DepartmentPicker) = "departments";
    Picker(picker::CodePicker) = "picker";
    EditWhich(edit_which::EditWhich) = "edit";
    Conflict(conflict::ConflictDialog) = "conflict";
    ConfirmEdit(confirm_edit::ConfirmEdit) = "confirm-edit";
    Reason(reason::ReasonPrompt) = "reason";
    Remark(remark::RemarkPrompt) = "remark";
    Jump(jump::JumpPrompt) = "jump";
    Walkthrough(walkthrough::Walkthrough) = "walkthrough";
    Overview(overview::Overview) = "overview";
    MeetingPrompt(meeting_prompt::MeetingPrompt) = "meeting";
    MeetingInfo(meeting_info::MeetingInfo) = "meeting-info";
    Detail(meeting_info::DetailPrompt) = "detail";
    AgendaIndex(agenda::AgendaIndex) = "agenda";
}

/// Where to go after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Nav {
    Stay,
    Push(Screen),
    Pop,
    Replace(Screen),
    /// Back to the base screen (the board).
    Base,
}

/// What an update asks for: where to go, and effects for the runtime.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub nav: Nav,
    pub effects: Vec<Effect>,
    /// The screen does nothing with the command (it is not its command).
    pub ignored: bool,
}

impl Outcome {
    /// Done, and nothing more to do.
    pub fn none() -> Outcome {
        Outcome {
            nav: Nav::Stay,
            effects: Vec::new(),
            ignored: false,
        }
    }

    /// Not this screen's command.
    pub fn ignored() -> Outcome {
        Outcome {
            ignored: true,
            ..Outcome::none()
        }
    }

    pub fn nav(nav: Nav) -> Outcome {
        Outcome {
            nav,
            ..Outcome::none()
        }
    }

    pub fn then(mut self, nav: Nav) -> Outcome {
        self.nav = nav;
        self
    }
}

impl From<Vec<Effect>> for Outcome {
    fn from(effects: Vec<Effect>) -> Outcome {
        Outcome {
            effects,
            ..Outcome::none()
        }
    }
}

/// Keys of a list: move, take the row, back.
fn list_keys(take: Msg) -> Vec<Binding> {
    vec![
        bind("Up k", Command::Up, Msg::KeyMove).foot(Msg::FootMove, When::Always),
        bind("Down j", Command::Down, Msg::KeyMove).foot(Msg::FootMove, When::Always),
        bind("Enter Space", Command::Confirm, take).foot(Msg::FootConfirm, When::Always),
        bind("Esc q", Command::Back, Msg::KeyClose).foot(Msg::FootBack, When::Always),
    ]
}

/// Keys of a one-line prompt: take the text, back, and the line-editing keys
/// (every other key is text).
fn prompt_keys(take: Msg) -> Vec<Binding> {
    let mut keys = vec![
        bind("Enter", Command::Confirm, take).foot(Msg::FootConfirm, When::Always),
        bind("Esc", Command::Back, Msg::KeyCancel).foot(Msg::FootCancel, When::Always),
    ];
    keys.extend(line_keys());
    keys
}

/// The line-editing keys every prompt shares.
fn line_keys() -> Vec<Binding> {
    use LineEdit::*;
    vec![
        bind("Backspace", Command::Line(DeleteBack), Msg::KeyDeleteBack),
        bind("Left", Command::Line(CursorLeft), Msg::KeyCursor),
        bind("Right", Command::Line(CursorRight), Msg::KeyCursor),
        bind("Home Ctrl-a", Command::Line(CursorHome), Msg::KeyLineEnds),
        bind("End Ctrl-e", Command::Line(CursorEnd), Msg::KeyLineEnds),
        bind("Ctrl-w", Command::Line(DeleteWord), Msg::KeyDeleteWord),
        bind("Ctrl-u", Command::Line(Clear), Msg::KeyClearLine),
    ]
}

/// Apply typed text or a line-editing key to `input`: Some(whether the text
/// changed) when the action was one.
fn edit_line(input: &mut LineInput, action: &Action) -> Option<bool> {
    match action {
        Action::Text(t) => {
            input.insert(t);
            Some(!t.is_empty())
        }
        Action::Command(Command::Line(edit)) => Some(input.apply(*edit)),
        _ => None,
    }
}
