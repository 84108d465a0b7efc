//! What every screen of the board shares: the records on screen, the outline,
//! the search and filters, the edits in flight, the footer's message, the
//! options and the terminal's size. Screens keep their own state in
//! [`crate::board::screen::Screen`].

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::action::Effect;
use super::edits::Edits;
use super::marks::Marks;
use super::meeting_state::{MeetingFilters, MeetingState};
use super::outline::{Outline, ShownState};
use super::search_state::SearchState;
use super::theme::{Theme, ThemeName};
use crate::domain::model::{ItemRef, Report};
use crate::domain::records::Records;
use crate::i18n::{Lang, Msg};
use crate::search::Filters;

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
    pub theme: ThemeName,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lang: Lang::En,
            ascii: false,
            color: ColorMode::Ansi16,
            theme: ThemeName::Dark,
        }
    }
}

/// The smallest terminal the board draws into; below it, "please enlarge".
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width on, outline and detail stand side by side.
pub const WIDE: u16 = 100;
/// How often the files are looked at for saves made by others: a stat of
/// each records file (a handful, however many items), so that someone
/// else's save shows within a second or two even at 100 000 items.
pub const CHECK_EVERY: Duration = Duration::from_millis(500);

#[derive(Debug, Clone)]
pub struct Board {
    /// The records on screen; searches answer from exactly these.
    pub records: Arc<Records>,
    pub outline: Outline,
    pub search: SearchState,
    pub filters: Filters,
    /// Every department of the report, for the picker.
    pub departments: Vec<String>,
    pub edits: Edits,
    /// A short message in the footer (cleared by the next key).
    pub message: Option<String>,
    pub options: Options,
    pub size: (u16, u16),
    /// Highlights of the current search, prepared for the view.
    pub marks: Marks,
    /// The review meeting the board is in.
    pub meeting: Option<MeetingState>,
    /// Filters only a meeting can answer (changed in it, not reviewed).
    pub meeting_filters: MeetingFilters,
    /// The user's display name (configuration), logged beside the login.
    pub display_name: Option<String>,
    /// Presenter, follower, or neither.
    pub role: super::presence_state::Role,
    /// Someone else presents (said when this board asked to): `P` again
    /// takes over.
    pub busy_presenter: Option<crate::domain::presence::Owner>,
    /// Counts the times the records on screen were replaced (saves, reloads).
    pub data_generation: u64,
    /// The generation of the last replacement of the records as a whole,
    /// and the items changed in place since (see [`super::action::DataVersion`]).
    pub data_version: super::action::DataVersion,
    /// When the files are next looked at.
    next_check: Option<Instant>,
    /// A look at the files is under way (one at a time).
    checking: bool,
}

impl Board {
    pub fn new(records: Records, options: Options) -> Board {
        let outline = Outline::new(&records.report);
        let departments = crate::search::all_departments(&records.report);
        Board {
            records: Arc::new(records),
            outline,
            search: SearchState::default(),
            filters: Filters::default(),
            departments,
            edits: Edits::default(),
            message: None,
            options,
            size: (80, 24),
            marks: Marks::default(),
            meeting: None,
            meeting_filters: MeetingFilters::default(),
            display_name: None,
            role: Default::default(),
            busy_presenter: None,
            data_generation: 0,
            data_version: Default::default(),
            next_check: None,
            checking: false,
        }
    }

    pub fn report(&self) -> &Report {
        &self.records.report
    }

    pub fn t(&self, m: Msg) -> &'static str {
        m.text(self.options.lang)
    }

    /// Show `m` in the footer.
    pub fn say(&mut self, m: Msg) {
        self.message = Some(self.t(m).to_string());
    }

    /// The colours of the board.
    pub fn theme(&self) -> &'static Theme {
        self.options.theme.theme()
    }

    pub fn is_wide(&self) -> bool {
        self.size.0 >= WIDE
    }

    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }

    /// Rows available to the outline (screen less header, footer and borders).
    pub fn outline_height(&self) -> usize {
        self.size.1.saturating_sub(4) as usize
    }

    /// The item at `index` of the outline's items, with its context.
    pub fn item_ref(&self, index: usize) -> Option<ItemRef<'_>> {
        let p = self.outline.items.get(index)?;
        let recommendation = self.report().recommendations.get(p.recommendation)?;
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

    /// The selected item, when one is selected and on screen (a search with
    /// no hit selects nothing).
    pub fn selected_item(&self) -> Option<ItemRef<'_>> {
        self.outline
            .selected_shown_item()
            .and_then(|i| self.item_ref(i))
    }

    /// Move the selection with `f`, keep it in view, and drop a row kept only
    /// because it was selected when it stopped matching.
    pub fn select(&mut self, f: impl FnOnce(&mut Outline)) {
        f(&mut self.outline);
        if self.outline.shown_state(self.outline.selected) != ShownState::Kept {
            self.outline.drop_kept();
        }
        self.outline.scroll_into_view(self.outline_height());
    }

    /// Select the item with `id` (case does not matter); when it is not among
    /// the results, the search and filters are cleared first.
    pub fn select_id(&mut self, id: &str) -> Vec<Effect> {
        let wanted = id.trim().to_ascii_lowercase();
        let found = (0..self.outline.items.len()).find(|&i| {
            self.item_ref(i)
                .is_some_and(|r| r.item.id.to_ascii_lowercase() == wanted)
        });
        let Some(i) = found else {
            self.message = Some(format!(
                "{}: {}",
                self.t(Msg::JumpNotFound),
                crate::text::visible(id.trim())
            ));
            return Vec::new();
        };
        let mut effects = Vec::new();
        if !self.outline.is_shown_item(i) {
            self.search.input.clear();
            self.filters = Filters::default();
            effects = self.request_search();
            self.say(Msg::NotShown);
        }
        self.select(|o| {
            o.select_item(i);
        });
        effects
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        self.outline.scroll_into_view(self.outline_height());
    }

    /// The files were looked at.
    pub fn checked(&mut self) {
        self.checking = false;
    }

    /// Time passes: a failed save is tried again when its time has come, and
    /// every [`CHECK_EVERY`] the files are looked at for saves by others.
    pub fn tick(&mut self, now: Instant) -> Vec<Effect> {
        let mut effects = self.edits.retry_due(now);
        let due = self.next_check.is_none_or(|t| now >= t);
        if due {
            // A follower looks more often: the presenter's saves show soon.
            let every = if self.role.is_follower() {
                super::presence_state::FOLLOWER_CHECK_EVERY
            } else {
                CHECK_EVERY
            };
            self.next_check = Some(now + every);
            effects.extend(self.check_now());
        }
        effects.extend(self.role.tick(now));
        effects
    }

    /// Look at the files now (unless a save or a look is under way).
    pub fn check_now(&mut self) -> Vec<Effect> {
        if self.edits.is_writing() || self.checking {
            return Vec::new();
        }
        self.checking = true;
        vec![Effect::CheckDisk {
            records: Arc::clone(&self.records),
            meeting: self.meeting.as_ref().map(|m| m.file.clone()),
        }]
    }
}
