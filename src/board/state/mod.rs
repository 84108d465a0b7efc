//! The board: the records on screen and the outline every screen shares,
//! the options, the terminal's size and the footer, and the parts that do
//! the work — the search, the edits, the meeting room and follow mode —
//! each in its own home. The board routes messages to them and the notes
//! they send each other ([`routing`]); no part reaches into another, and
//! nothing outside this module changes the board but through its methods.

mod data;
mod routing;

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::action::Effect;
use super::edits::Edits;
use super::follow::{FOLLOWER_CHECK_EVERY, Follow, FollowMsg};
use super::footer::Footer;
use super::meeting::Room;
use super::outline::{Outline, ShownState};
use super::search::Search;
use super::theme::{Theme, ThemeName};
use crate::domain::model::{ItemRef, Report};
use crate::domain::records::Records;
use crate::i18n::{Lang, Msg};
pub(crate) use data::Data;

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
    /// Nothing can be changed: the edit keys say why they do nothing.
    pub read_only: bool,
    /// A one-key edit (a code's key) asks before it saves.
    pub confirm_edits: bool,
    /// A search term in romaji or kana also finds kanji by reading.
    pub readings: bool,
    /// The board is read aloud (`--plain`): a code is never said bare, but
    /// with its meaning (「C 速やかに検討すべき項目」).
    pub spoken: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lang: Lang::En,
            ascii: false,
            color: ColorMode::Ansi16,
            theme: ThemeName::Dark,
            read_only: false,
            confirm_edits: false,
            readings: true,
            spoken: false,
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

/// Looking at the files for others' saves.
#[derive(Debug, Clone, Default)]
struct Watch {
    /// When the files are next looked at.
    next: Option<Instant>,
    /// A look is under way (one at a time).
    checking: bool,
}

#[derive(Debug, Clone)]
pub struct Board {
    /// The records on screen; searches answer from exactly these.
    data: Data,
    outline: Outline,
    options: Options,
    size: (u16, u16),
    footer: Footer,
    /// The user's display name (configuration), logged beside the login.
    display_name: Option<String>,
    watch: Watch,
    search: Search,
    edits: Edits,
    room: Room,
    follow: Follow,
    /// What changed since an earlier table (`--compare BASE`).
    earlier: Option<Arc<crate::domain::compare::Earlier>>,
}

impl Board {
    pub fn new(records: impl Into<std::sync::Arc<Records>>, options: Options) -> Board {
        let records = records.into();
        Board {
            outline: Outline::new(&records.report),
            data: Data::new(records),
            options,
            size: (80, 24),
            footer: Footer::new(options.lang).spoken(options.spoken),
            display_name: None,
            watch: Watch::default(),
            search: Search::reading(options.readings),
            edits: Edits::default(),
            room: Room::default(),
            follow: Follow::default(),
            earlier: None,
        }
    }

    /// The same board marking what changed since an earlier table.
    pub fn with_earlier(mut self, earlier: Option<crate::domain::compare::Earlier>) -> Board {
        self.earlier = earlier.map(Arc::new);
        self
    }

    /// What changed since the earlier table, when the board compares.
    pub fn earlier(&self) -> Option<&crate::domain::compare::Earlier> {
        self.earlier.as_deref()
    }

    /// The same board for a user with this display name (configuration).
    pub fn with_display_name(mut self, name: Option<String>) -> Board {
        self.display_name = name;
        self
    }

    pub fn records(&self) -> &Arc<Records> {
        self.data.records()
    }

    pub fn report(&self) -> &Report {
        &self.data.records().report
    }

    /// Every department of the report, for the picker.
    pub fn departments(&self) -> &[String] {
        self.data.departments()
    }

    /// Counts the times the records on screen were replaced (saves, reloads).
    pub fn data_generation(&self) -> u64 {
        self.data.version().now
    }

    pub fn outline(&self) -> &Outline {
        &self.outline
    }

    pub fn options(&self) -> Options {
        self.options
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    pub fn search(&self) -> &Search {
        &self.search
    }

    pub fn edits(&self) -> &Edits {
        &self.edits
    }

    pub fn room(&self) -> &Room {
        &self.room
    }

    pub fn room_mut(&mut self) -> &mut Room {
        &mut self.room
    }

    pub fn follow(&self) -> &Follow {
        &self.follow
    }

    pub fn display_name(&self) -> Option<&str> {
        self.display_name.as_deref()
    }

    /// The footer's message, if any.
    pub fn message(&self) -> Option<&str> {
        self.footer.text()
    }

    /// The footer's words and message.
    pub fn footer(&self) -> &Footer {
        &self.footer
    }

    pub fn t(&self, m: Msg) -> &'static str {
        m.text(self.options.lang)
    }

    /// Tell the user `m` in the footer.
    pub fn tell(&mut self, m: Msg) {
        self.footer.tell(m);
    }

    /// Tell the user `m` with its `args` in the footer.
    pub fn tell_with(&mut self, m: Msg, args: &[(&str, &dyn std::fmt::Display)]) {
        self.footer.tell_with(m, args);
    }

    /// Tell the user `text` (a sentence made elsewhere) in the footer.
    pub fn say(&mut self, text: String) {
        self.footer.put(text);
    }

    /// A key was pressed: the footer's message goes.
    pub fn clear_message(&mut self) {
        self.footer.clear();
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
        super::search::marks::item_ref(&self.outline, self.report(), index)
    }

    /// The index of the item with `id`, in source order.
    pub fn item_index(&self, id: &str) -> Option<usize> {
        self.report().items().position(|r| r.item.id == id)
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
        if self.outline.shown_state(self.outline.selected()) != ShownState::Kept {
            self.outline.drop_kept();
        }
        self.outline.scroll_into_view(self.outline_height());
    }

    /// `n` / `N`: the next or previous hit, and where it stands among them.
    pub fn step_hit(&mut self, forward: bool) {
        self.select(|o| o.next_shown(forward));
        let at = self
            .outline
            .selected_shown_item()
            .and_then(|i| self.search.hit_position(i));
        if let Some((at, count)) = at {
            self.footer
                .tell_with(Msg::HitPosition, &[("at", &at), ("count", &count)]);
        }
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        self.outline.scroll_into_view(self.outline_height());
    }

    /// The items of the agenda a meeting started now would have: what the
    /// search and filters show, in source order, or the whole table.
    pub fn agenda_now(&self) -> Vec<String> {
        let mut shown: Vec<usize> = match self.search.hits() {
            Some(hits) => hits.iter().map(|h| h.item).collect(),
            None => (0..self.outline.items().len()).collect(),
        };
        shown.sort_unstable();
        shown
            .into_iter()
            .filter_map(|i| self.item_ref(i).map(|r| r.item.id.clone()))
            .collect()
    }

    /// What narrows the board, for the header and a meeting's agenda.
    pub fn narrowing_summary(&self) -> String {
        self.search.summary(self.report(), self.options.lang)
    }

    /// Time passes: a failed save is tried again when its time has come,
    /// every [`CHECK_EVERY`] the files are looked at for saves by others, a
    /// follower looks at the presence file.
    pub fn tick(&mut self, now: Instant) -> Vec<Effect> {
        let mut effects = self.edits.retry_due(now);
        if self.watch.next.is_none_or(|t| now >= t) {
            // A follower looks more often: the presenter's saves show soon.
            let every = if self.follow.role().is_follower() {
                FOLLOWER_CHECK_EVERY
            } else {
                CHECK_EVERY
            };
            self.watch.next = Some(now + every);
            effects.extend(self.check_now());
        }
        effects.extend(self.follow_msg(FollowMsg::Tick(now)));
        effects
    }

    /// When time must next pass for the board (a look at the files, a
    /// retry, a follower's read); `now` when it is due already.
    pub fn next_tick(&self, now: Instant) -> Instant {
        let check = self.watch.next.unwrap_or(now);
        [self.edits.next_tick(now), self.follow.next_tick(now)]
            .into_iter()
            .flatten()
            .fold(check, Instant::min)
    }

    /// Look at the files now (unless a save or a look is under way).
    pub fn check_now(&mut self) -> Vec<Effect> {
        if self.edits.is_writing() || self.watch.checking {
            return Vec::new();
        }
        self.watch.checking = true;
        vec![Effect::CheckDisk {
            records: Arc::clone(self.records()),
            meeting: self.room.state().map(|m| m.file.clone()),
        }]
    }
}
