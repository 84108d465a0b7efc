//! The board's state and its pure update: an [`Action`] in, [`Effect`]s out.
//! No IO here; the terminal loop ([`crate::tui`]) performs the effects.

use crate::i18n::{Lang, Msg};
use crate::input::LineInput;
use crate::model::{ItemRef, Report};
use crate::outline::{NodeKind, Outline};
use crate::records::Records;

/// How colours are used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorMode {
    /// `NO_COLOR`: no colour at all; meaning is carried by text.
    None,
    /// The 16 ANSI colours (the default: every terminal has them).
    Ansi16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub lang: Lang,
    /// ASCII borders and symbols, for terminals that draw East-Asian ambiguous
    /// characters double width.
    pub ascii: bool,
    pub color: ColorMode,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lang: Lang::En,
            ascii: false,
            color: ColorMode::Ansi16,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Outline,
    Detail,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Help,
    /// `:` typed: the id being entered.
    Jump(LineInput),
}

/// What a key (or the terminal) asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Left,
    Right,
    Enter,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    First,
    Last,
    NextRecommendation,
    PreviousRecommendation,
    NextPoint,
    PreviousPoint,
    SwitchFocus,
    Back,
    OpenJump,
    OpenHelp,
    FollowRelisted,
    Quit,
    Suspend,
    Resize(u16, u16),
    // Text input (jump prompt).
    Insert(String),
    Backspace,
    CursorLeft,
    CursorRight,
    DeleteWord,
    ClearInput,
}

/// What the loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    Suspend,
}

/// The smallest terminal the board draws into; below it, "please enlarge".
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width on, outline and detail stand side by side.
pub const WIDE: u16 = 100;

#[derive(Debug, Clone)]
pub struct App {
    pub records: Records,
    pub outline: Outline,
    pub focus: Focus,
    pub mode: Mode,
    /// On a narrow terminal, the detail takes the whole screen.
    pub detail_open: bool,
    pub detail_scroll: usize,
    pub help_scroll: usize,
    /// A short message in the footer (cleared by the next key).
    pub message: Option<String>,
    pub options: Options,
    pub size: (u16, u16),
}

impl App {
    pub fn new(records: Records, options: Options) -> App {
        let outline = Outline::new(&records.report);
        App {
            records,
            outline,
            focus: Focus::Outline,
            mode: Mode::Normal,
            detail_open: false,
            detail_scroll: 0,
            help_scroll: 0,
            message: None,
            options,
            size: (80, 24),
        }
    }

    pub fn report(&self) -> &Report {
        &self.records.report
    }

    pub fn t(&self, m: Msg) -> &'static str {
        m.text(self.options.lang)
    }

    pub fn is_wide(&self) -> bool {
        self.size.0 >= WIDE
    }

    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }

    /// The item at `index` of the outline's items, with its context.
    pub fn item_ref(&self, index: usize) -> Option<ItemRef<'_>> {
        let p = self.outline.items.get(index)?;
        let report = self.report();
        let recommendation = report.recommendations.get(p.recommendation)?;
        let point = recommendation.points.get(p.point)?;
        let measure = point.measures.get(p.measure)?;
        let item = measure.items.get(p.item)?;
        Some(ItemRef {
            recommendation,
            point,
            measure,
            item,
        })
    }

    pub fn selected_item(&self) -> Option<ItemRef<'_>> {
        self.outline.selected_item().and_then(|i| self.item_ref(i))
    }

    /// Rows available to the outline (screen less header, footer and borders).
    pub fn outline_height(&self) -> usize {
        self.size.1.saturating_sub(4) as usize
    }

    fn detail_showing(&self) -> bool {
        self.is_wide() || self.detail_open
    }

    fn select_id(&mut self, id: &str) -> bool {
        let wanted = id.trim().to_ascii_lowercase();
        let found = (0..self.outline.items.len()).find(|&i| {
            self.item_ref(i)
                .is_some_and(|r| r.item.id.to_ascii_lowercase() == wanted)
        });
        match found {
            Some(i) => {
                self.outline.select_item(i);
                self.detail_scroll = 0;
                true
            }
            None => false,
        }
    }

    /// Apply `action`; return what the loop must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if let Action::Resize(w, h) = action {
            self.size = (w, h);
            if self.is_wide() {
                self.detail_open = false;
            }
            self.outline.scroll_into_view(self.outline_height());
            return Vec::new();
        }
        self.message = None;
        match &mut self.mode {
            Mode::Help => {
                match action {
                    Action::Quit => return vec![Effect::Quit],
                    Action::Back | Action::OpenHelp => self.mode = Mode::Normal,
                    Action::Down => self.help_scroll += 1,
                    Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                    Action::Suspend => return vec![Effect::Suspend],
                    _ => {}
                }
                return Vec::new();
            }
            Mode::Jump(input) => {
                match action {
                    Action::Insert(s) => input.insert(&s),
                    Action::Backspace => input.backspace(),
                    Action::CursorLeft => input.left(),
                    Action::CursorRight => input.right(),
                    Action::DeleteWord => input.delete_word(),
                    Action::ClearInput => input.clear(),
                    Action::Back => self.mode = Mode::Normal,
                    Action::Enter => {
                        let id = input.text.clone();
                        self.mode = Mode::Normal;
                        if !self.select_id(&id) {
                            self.message =
                                Some(format!("{}: {}", self.t(Msg::JumpNotFound), id.trim()));
                        }
                        self.outline.scroll_into_view(self.outline_height());
                    }
                    Action::Quit => return vec![Effect::Quit],
                    Action::Suspend => return vec![Effect::Suspend],
                    _ => {}
                }
                return Vec::new();
            }
            Mode::Normal => {}
        }
        let page = self.outline_height().max(1) as isize;
        let detail = self.focus == Focus::Detail && self.detail_showing();
        match action {
            Action::Quit => return vec![Effect::Quit],
            Action::Suspend => return vec![Effect::Suspend],
            Action::OpenHelp => {
                self.mode = Mode::Help;
                self.help_scroll = 0;
            }
            Action::OpenJump => self.mode = Mode::Jump(LineInput::default()),
            Action::Up if detail => self.detail_scroll = self.detail_scroll.saturating_sub(1),
            Action::Down if detail => self.detail_scroll += 1,
            Action::PageUp | Action::HalfPageUp if detail => {
                self.detail_scroll = self.detail_scroll.saturating_sub(page as usize / 2)
            }
            Action::PageDown | Action::HalfPageDown if detail => {
                self.detail_scroll += page as usize / 2
            }
            Action::Back if self.detail_open => {
                self.detail_open = false;
                self.focus = Focus::Outline;
            }
            Action::Back if self.focus == Focus::Detail => self.focus = Focus::Outline,
            Action::SwitchFocus => {
                self.focus = match self.focus {
                    Focus::Outline => Focus::Detail,
                    Focus::Detail => Focus::Outline,
                };
                if !self.is_wide() {
                    self.detail_open = self.focus == Focus::Detail;
                }
            }
            Action::Up => self.select(|o| o.move_by(-1)),
            Action::Down => self.select(|o| o.move_by(1)),
            Action::PageUp => self.select(|o| o.move_by(-page)),
            Action::PageDown => self.select(|o| o.move_by(page)),
            Action::HalfPageUp => self.select(|o| o.move_by(-(page / 2).max(1))),
            Action::HalfPageDown => self.select(|o| o.move_by((page / 2).max(1))),
            Action::First => self.select(|o| o.first()),
            Action::Last => self.select(|o| o.last()),
            Action::Left => self.select(|o| o.collapse()),
            Action::Right => self.select(|o| o.expand()),
            Action::NextRecommendation => {
                self.select(|o| o.jump_kind(NodeKind::Recommendation, true))
            }
            Action::PreviousRecommendation => {
                self.select(|o| o.jump_kind(NodeKind::Recommendation, false))
            }
            Action::NextPoint => self.select(|o| o.jump_kind(NodeKind::Point, true)),
            Action::PreviousPoint => self.select(|o| o.jump_kind(NodeKind::Point, false)),
            Action::Enter => {
                if self.outline.selected_item().is_some() {
                    self.focus = Focus::Detail;
                    if !self.is_wide() {
                        self.detail_open = true;
                    }
                } else {
                    self.select(|o| o.toggle());
                }
            }
            Action::FollowRelisted => {
                let target = self.selected_item().and_then(|r| r.item.relists.clone());
                if let Some(target) = target {
                    self.select_id(&target);
                    self.outline.scroll_into_view(self.outline_height());
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn select(&mut self, f: impl FnOnce(&mut Outline)) {
        let before = self.outline.selected;
        f(&mut self.outline);
        if self.outline.selected != before {
            self.detail_scroll = 0;
        }
        self.outline.scroll_into_view(self.outline_height());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::load;

    fn app() -> App {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records");
        let mut app = App::new(load(&path).unwrap(), Options::default());
        app.update(Action::Resize(80, 24));
        app
    }

    #[test]
    fn quit_and_suspend_are_effects() {
        let mut a = app();
        assert_eq!(a.update(Action::Suspend), vec![Effect::Suspend]);
        assert_eq!(a.update(Action::Quit), vec![Effect::Quit]);
    }

    #[test]
    fn jump_by_id_selects_the_item_case_insensitively() {
        let mut a = app();
        a.update(Action::OpenJump);
        a.update(Action::Insert("4-2-A".into()));
        a.update(Action::Enter);
        assert_eq!(a.selected_item().unwrap().item.id, "4-2-a");
        assert_eq!(a.mode, Mode::Normal);
        a.update(Action::OpenJump);
        a.update(Action::Insert("9-9".into()));
        a.update(Action::Enter);
        assert!(a.message.as_deref().unwrap().contains("9-9"));
        assert_eq!(a.selected_item().unwrap().item.id, "4-2-a");
    }

    #[test]
    fn enter_on_an_item_opens_the_detail_on_a_narrow_screen_and_esc_closes_it() {
        let mut a = app();
        a.update(Action::Enter);
        assert!(a.detail_open);
        assert_eq!(a.focus, Focus::Detail);
        a.update(Action::Down);
        assert_eq!(a.detail_scroll, 1);
        assert_eq!(
            a.selected_item().unwrap().item.id,
            "1-1-a",
            "j scrolls the detail"
        );
        a.update(Action::Back);
        assert!(!a.detail_open);
        a.update(Action::Down);
        assert_eq!(a.selected_item().unwrap().item.id, "1-1-b");
    }

    #[test]
    fn a_relisted_item_leads_to_its_original() {
        let mut a = app();
        a.update(Action::OpenJump);
        a.update(Action::Insert("3-1-a".into()));
        a.update(Action::Enter);
        a.update(Action::FollowRelisted);
        assert_eq!(a.selected_item().unwrap().item.id, "1-2-c");
    }

    #[test]
    fn help_opens_and_closes() {
        let mut a = app();
        a.update(Action::OpenHelp);
        assert_eq!(a.mode, Mode::Help);
        a.update(Action::Down);
        assert_eq!(a.selected_item().unwrap().item.id, "1-1-a");
        a.update(Action::Back);
        assert_eq!(a.mode, Mode::Normal);
    }
}
