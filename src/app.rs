//! The board's state and its pure update: an [`Action`] in, [`Effect`]s out.
//! No IO here; the terminal loop ([`crate::tui`]) performs the effects.

use crate::changelog::Change;
use crate::i18n::{Lang, Msg};
use crate::input::LineInput;
use crate::model::{ItemRef, Report};
use crate::outline::{NodeKind, Outline};
use crate::records::Records;
use crate::search::{Filters, Hit, Order, Query};
use crate::store::{Edit, Field};

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
    /// `/` typed: the search line has focus.
    Search,
    /// `f`: the filter panel, with the row under the cursor.
    Filter(usize),
    /// The department picker, with its narrowing text and the row under the cursor.
    Departments(LineInput, usize),
    /// `m`: the reason for the last change being typed.
    Reason(LineInput),
    /// `s`: both scales with their meanings; the row under the cursor.
    Picker(usize),
    /// `e`: which text to edit (0 progress, 1 assessment).
    EditWhich(usize),
    /// A save found that someone else changed the same field first.
    Conflict {
        request: SaveRequest,
        item: String,
        field: &'static str,
        seen: String,
        theirs: String,
        ours: String,
    },
}

/// Why a save is made (for the undo and redo stacks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveKind {
    Edit,
    Undo,
    Redo,
}

/// A save for the loop to perform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveRequest {
    pub edits: Vec<Edit>,
    pub reason: Option<String>,
    /// Overwrite even if someone else changed the field since it was loaded.
    pub force: bool,
    pub kind: SaveKind,
}

/// What came of a save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveOutcome {
    Saved {
        changes: Vec<Change>,
        records: Box<Records>,
    },
    Conflict {
        item: String,
        field: &'static str,
        seen: String,
        theirs: String,
        ours: String,
    },
    Failed(String),
}

/// The search and what it found.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// What is typed on the search line.
    pub input: LineInput,
    pub query: Query,
    pub order: Order,
    /// Incremented for every search asked for; a result for an older one is dropped.
    pub generation: u64,
    /// The hits of the newest finished search (None: no search or filter).
    pub hits: Option<Vec<Hit>>,
    /// The query and filters those hits answer, for narrowing the next search.
    answered: Option<(Query, Filters)>,
    /// A search is running.
    pub pending: bool,
}

/// A search for the loop to run (off the input path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: Query,
    pub filters: Filters,
    pub order: Order,
    /// Search only these items (typing on narrows the previous result).
    pub within: Option<Vec<usize>>,
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
    OpenSearch,
    NextHit,
    PreviousHit,
    ToggleOrder,
    OpenFilters,
    ClearFilters,
    /// A finished search.
    SearchDone {
        generation: u64,
        hits: Vec<Hit>,
    },
    /// Space in a list: toggle the row under the cursor.
    ToggleRow,
    SetPhase(String),
    SetDirection(String),
    OpenReason,
    OpenPicker,
    OpenEditor,
    /// The editor closed: the text as saved there (None when it failed).
    Edited {
        item: String,
        field: Field,
        text: Result<String, String>,
    },
    Undo,
    Redo,
    KeepTheirs,
    KeepMine,
    /// A save finished.
    SaveDone(SaveRequest, SaveOutcome),
    /// The records changed on disk (someone else saved): here they are.
    Reloaded(Box<Records>),
    /// Time passes (retries of pending saves).
    Tick,
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
    Search(SearchRequest),
    Save(SaveRequest),
    /// Record a reason for an earlier change (a line of its own in the log).
    AddReason {
        change: Change,
        reason: String,
    },
    /// Edit a text in `$VISUAL` / `$EDITOR` (the loop suspends the board).
    EditText {
        item: String,
        field: Field,
        text: String,
    },
}

/// Apply a text-editing action to `input`: Some(whether the text changed)
/// when the action was one, None otherwise.
fn edit_line(input: &mut LineInput, action: &Action) -> Option<bool> {
    match action {
        Action::Insert(t) => input.insert(t),
        Action::Backspace => input.backspace(),
        Action::DeleteWord => input.delete_word(),
        Action::ClearInput => input.clear(),
        Action::CursorLeft => {
            input.left();
            return Some(false);
        }
        Action::CursorRight => {
            input.right();
            return Some(false);
        }
        _ => return None,
    }
    Some(true)
}

/// A row of the filter panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterRow {
    Phase(String),
    Direction(String),
    HideRelisted,
    Departments,
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
    pub search: SearchState,
    pub filters: Filters,
    /// Every department of the report, for the picker.
    pub departments: Vec<String>,
    /// Items changed since the board was opened (marked in the outline).
    pub changed: std::collections::BTreeSet<String>,
    /// Saved changes that `u` can undo, newest last; each a save's changes.
    pub undo: Vec<Vec<Change>>,
    pub redo: Vec<Vec<Change>>,
    /// A save that failed and is retried on every tick.
    pub pending: Option<SaveRequest>,
    /// Ticks until the next retry.
    retry_in: u32,
}

impl App {
    pub fn new(records: Records, options: Options) -> App {
        let outline = Outline::new(&records.report);
        let departments = crate::search::all_departments(&records.report);
        App {
            search: SearchState::default(),
            filters: Filters::default(),
            departments,
            changed: Default::default(),
            undo: Vec::new(),
            redo: Vec::new(),
            pending: None,
            retry_in: 0,
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
                if !self.outline.is_shown(i) {
                    // The item is not among the results: show everything again.
                    self.search.input.clear();
                    self.search.query = Query::default();
                    self.filters = Filters::default();
                    self.search.hits = None;
                    self.search.answered = None;
                    self.outline.show(None, false);
                }
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
        match action {
            Action::SearchDone { generation, hits } => {
                self.apply_hits(generation, hits);
                return Vec::new();
            }
            Action::SaveDone(request, outcome) => return self.save_done(request, outcome),
            Action::Reloaded(records) => return self.reloaded(*records),
            Action::Tick => return self.tick(),
            _ => {}
        }
        self.message = None;
        let picker_rows = if matches!(self.mode, Mode::Picker(_)) {
            self.picker_rows()
        } else {
            Vec::new()
        };
        match &mut self.mode {
            Mode::Reason(input) => {
                if edit_line(input, &action).is_some() {
                    return Vec::new();
                }
                match action {
                    Action::Back => self.mode = Mode::Normal,
                    Action::Enter => {
                        let reason = input.text.trim().to_string();
                        self.mode = Mode::Normal;
                        let last = self.undo.last().and_then(|b| b.last()).cloned();
                        if let (Some(change), false) = (last, reason.is_empty()) {
                            return vec![Effect::AddReason { change, reason }];
                        }
                    }
                    Action::Quit => return vec![Effect::Quit],
                    _ => {}
                }
                return Vec::new();
            }
            Mode::Conflict { request, .. } => {
                let mut request = request.clone();
                match action {
                    Action::KeepTheirs => {
                        self.mode = Mode::Normal;
                        self.message = Some(self.t(Msg::SaveFailed).to_string());
                    }
                    Action::KeepMine => {
                        self.mode = Mode::Normal;
                        request.force = true;
                        return vec![Effect::Save(request)];
                    }
                    _ => {}
                }
                return Vec::new();
            }
            Mode::Picker(cursor) => {
                let rows = picker_rows;
                match action {
                    Action::Up => *cursor = cursor.saturating_sub(1),
                    Action::Down => *cursor = (*cursor + 1).min(rows.len().saturating_sub(1)),
                    Action::Enter | Action::ToggleRow => {
                        let (field, code) =
                            rows[(*cursor).min(rows.len().saturating_sub(1))].clone();
                        self.mode = Mode::Normal;
                        return self.edit_selected(field, code);
                    }
                    Action::SetPhase(code) => {
                        self.mode = Mode::Normal;
                        return self.edit_selected(Field::Phase, code);
                    }
                    Action::SetDirection(code) => {
                        self.mode = Mode::Normal;
                        return self.edit_selected(Field::Direction, code);
                    }
                    Action::Back | Action::OpenPicker => self.mode = Mode::Normal,
                    Action::Quit => return vec![Effect::Quit],
                    _ => {}
                }
                return Vec::new();
            }
            Mode::EditWhich(cursor) => {
                match action {
                    Action::Up => *cursor = 0,
                    Action::Down => *cursor = 1,
                    Action::SetDirection(_) | Action::Enter | Action::ToggleRow => {
                        let which = *cursor;
                        self.mode = Mode::Normal;
                        let field = if which == 0 {
                            Field::Progress
                        } else {
                            Field::Assessment
                        };
                        if let Some(r) = self.selected_item() {
                            return vec![Effect::EditText {
                                item: r.item.id.clone(),
                                field,
                                text: field.get(r.item),
                            }];
                        }
                    }
                    Action::Back => self.mode = Mode::Normal,
                    Action::Quit => return vec![Effect::Quit],
                    _ => {}
                }
                return Vec::new();
            }
            Mode::Search => return self.update_search_line(action),
            Mode::Filter(_) => return self.update_filter_panel(action),
            Mode::Departments(..) => return self.update_departments(action),
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
                if edit_line(input, &action).is_some() {
                    return Vec::new();
                }
                match action {
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
            Action::OpenSearch => self.mode = Mode::Search,
            Action::OpenFilters => self.mode = Mode::Filter(0),
            Action::ClearFilters => {
                self.filters = Filters::default();
                return self.request_search();
            }
            Action::ToggleOrder => {
                self.search.order = self.search.order.toggled();
                return self.request_search();
            }
            Action::SetPhase(code) => return self.edit_selected(Field::Phase, code),
            Action::SetDirection(code) => return self.edit_selected(Field::Direction, code),
            Action::OpenReason => {
                if self.undo.is_empty() {
                    self.message = Some(self.t(Msg::NothingToUndo).to_string());
                } else {
                    self.mode = Mode::Reason(LineInput::default());
                }
            }
            Action::OpenPicker if self.outline.selected_item().is_some() => {
                self.mode = Mode::Picker(0)
            }
            Action::OpenEditor if self.outline.selected_item().is_some() => {
                self.mode = Mode::EditWhich(0)
            }
            Action::OpenPicker | Action::OpenEditor => {
                self.message = Some(self.t(Msg::NoItemSelected).to_string())
            }
            Action::Edited { item, field, text } => match text {
                Ok(text) => {
                    let current = self.report().item(&item).map(|r| field.get(r.item));
                    if current.as_deref() != Some(text.as_str()) {
                        return vec![Effect::Save(SaveRequest {
                            edits: vec![Edit {
                                item,
                                field,
                                value: text,
                            }],
                            reason: None,
                            force: false,
                            kind: SaveKind::Edit,
                        })];
                    }
                }
                Err(why) => self.message = Some(format!("{}: {why}", self.t(Msg::SaveFailed))),
            },
            Action::Undo => return self.undo_redo(SaveKind::Undo),
            Action::Redo => return self.undo_redo(SaveKind::Redo),
            Action::NextHit => self.select(|o| o.next_shown(true)),
            Action::PreviousHit => self.select(|o| o.next_shown(false)),
            Action::Back if self.search.hits.is_some() && !self.search.input.text.is_empty() => {
                self.search.input.clear();
                return self.request_search();
            }
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

    /// The rows of the filter panel: each phase code, each direction code,
    /// relisted rows, departments.
    pub fn filter_rows(&self) -> Vec<FilterRow> {
        let report = self.report();
        let mut rows: Vec<FilterRow> = report
            .phase_scale
            .codes
            .iter()
            .map(|c| FilterRow::Phase(c.code.clone()))
            .collect();
        rows.extend(
            report
                .direction_scale
                .codes
                .iter()
                .map(|c| FilterRow::Direction(c.code.clone())),
        );
        rows.push(FilterRow::HideRelisted);
        rows.push(FilterRow::Departments);
        rows
    }

    /// Departments matching the picker's narrowing text, best first.
    pub fn department_choices(&self, text: &str) -> Vec<String> {
        if text.trim().is_empty() {
            return self.departments.clone();
        }
        let searcher = crate::search::Searcher::default();
        let query = Query::parse(text);
        let mut scored: Vec<(i64, usize, &String)> = self
            .departments
            .iter()
            .enumerate()
            .filter_map(|(i, d)| searcher.text_score(&query, d).map(|s| (s, i, d)))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, _, d)| d.clone()).collect()
    }

    /// Ask for a search of the current query and filters (or show everything).
    fn request_search(&mut self) -> Vec<Effect> {
        self.search.query = Query::parse(&self.search.input.text);
        self.search.generation += 1;
        if self.search.query.is_empty() && self.filters.is_empty() {
            self.search.hits = None;
            self.search.answered = None;
            self.search.pending = false;
            self.outline.show(None, false);
            self.outline.scroll_into_view(self.outline_height());
            return Vec::new();
        }
        let within = match (&self.search.answered, &self.search.hits) {
            (Some((q, f)), Some(hits))
                if *f == self.filters && q.narrows_to(&self.search.query) =>
            {
                Some(hits.iter().map(|h| h.item).collect())
            }
            _ => None,
        };
        self.search.pending = true;
        vec![Effect::Search(SearchRequest {
            generation: self.search.generation,
            query: self.search.query.clone(),
            filters: self.filters.clone(),
            order: self.search.order,
            within,
        })]
    }

    fn apply_hits(&mut self, generation: u64, hits: Vec<Hit>) {
        if generation != self.search.generation {
            return; // an older keystroke's result: the newest wins
        }
        self.search.pending = false;
        let flat = self.search.order == Order::Score && !self.search.query.is_empty();
        self.outline
            .show(Some(hits.iter().map(|h| h.item).collect()), flat);
        // Ranked, the best hit is selected (as in fzf); in source order the
        // selection stays where it was when it is still shown.
        if flat && let Some(best) = hits.first() {
            self.outline.select_item(best.item);
        }
        self.search.answered = Some((self.search.query.clone(), self.filters.clone()));
        self.search.hits = Some(hits);
        self.detail_scroll = 0;
        self.outline.scroll_into_view(self.outline_height());
    }

    fn update_search_line(&mut self, action: Action) -> Vec<Effect> {
        if let Some(changed) = edit_line(&mut self.search.input, &action) {
            return if changed {
                self.request_search()
            } else {
                Vec::new()
            };
        }
        let input = &mut self.search.input;
        let changed = match action {
            Action::Enter => {
                self.mode = Mode::Normal;
                false
            }
            Action::Back => {
                self.mode = Mode::Normal;
                input.clear();
                true
            }
            Action::ToggleOrder => {
                self.search.order = self.search.order.toggled();
                true
            }
            Action::Quit => return vec![Effect::Quit],
            Action::Suspend => return vec![Effect::Suspend],
            _ => false,
        };
        if changed {
            self.request_search()
        } else {
            Vec::new()
        }
    }

    fn update_filter_panel(&mut self, action: Action) -> Vec<Effect> {
        let rows = self.filter_rows();
        let Mode::Filter(cursor) = &mut self.mode else {
            return Vec::new();
        };
        match action {
            Action::Up => *cursor = cursor.saturating_sub(1),
            Action::Down => *cursor = (*cursor + 1).min(rows.len().saturating_sub(1)),
            Action::Back | Action::OpenFilters => self.mode = Mode::Normal,
            Action::ClearFilters => {
                self.filters = Filters::default();
                return self.request_search();
            }
            Action::ToggleRow | Action::Enter => {
                let set_toggle = |set: &mut std::collections::BTreeSet<String>, code: &String| {
                    if !set.remove(code) {
                        set.insert(code.clone());
                    }
                };
                match rows.get(*cursor) {
                    Some(FilterRow::Phase(c)) => set_toggle(&mut self.filters.phases, c),
                    Some(FilterRow::Direction(c)) => set_toggle(&mut self.filters.directions, c),
                    Some(FilterRow::HideRelisted) => {
                        self.filters.hide_relisted = !self.filters.hide_relisted
                    }
                    Some(FilterRow::Departments) => {
                        self.mode = Mode::Departments(LineInput::default(), 0);
                        return Vec::new();
                    }
                    None => return Vec::new(),
                }
                return self.request_search();
            }
            Action::Quit => return vec![Effect::Quit],
            Action::Suspend => return vec![Effect::Suspend],
            _ => {}
        }
        Vec::new()
    }

    fn update_departments(&mut self, action: Action) -> Vec<Effect> {
        let Mode::Departments(input, cursor) = &self.mode else {
            return Vec::new();
        };
        let (mut input, mut cursor) = (input.clone(), *cursor);
        let count = self.department_choices(&input.text).len();
        match action {
            // Space toggles (department names hold spaces, the narrowing text does not).
            Action::Enter => return self.toggle_department(&input.text, cursor),
            Action::Insert(s) if s == " " => return self.toggle_department(&input.text, cursor),
            Action::Insert(s) => {
                input.insert(&s);
                cursor = 0;
            }
            Action::Backspace => {
                input.backspace();
                cursor = 0;
            }
            Action::DeleteWord => input.delete_word(),
            Action::ClearInput => input.clear(),
            Action::Up => cursor = cursor.saturating_sub(1),
            Action::Down => cursor = (cursor + 1).min(count.saturating_sub(1)),
            Action::Back => {
                self.mode = Mode::Filter(self.filter_rows().len().saturating_sub(1));
                return Vec::new();
            }
            Action::Quit => return vec![Effect::Quit],
            Action::Suspend => return vec![Effect::Suspend],
            _ => {}
        }
        self.mode = Mode::Departments(input, cursor);
        Vec::new()
    }

    fn toggle_department(&mut self, text: &str, cursor: usize) -> Vec<Effect> {
        let Some(d) = self.department_choices(text).get(cursor).cloned() else {
            return Vec::new();
        };
        if !self.filters.departments.remove(&d) {
            self.filters.departments.insert(d);
        }
        self.request_search()
    }

    /// The rows of the `s` picker: every phase code, then every direction code.
    pub fn picker_rows(&self) -> Vec<(Field, String)> {
        let report = self.report();
        report
            .phase_scale
            .codes
            .iter()
            .map(|c| (Field::Phase, c.code.clone()))
            .chain(
                report
                    .direction_scale
                    .codes
                    .iter()
                    .map(|c| (Field::Direction, c.code.clone())),
            )
            .collect()
    }

    fn edit_selected(&mut self, field: Field, code: String) -> Vec<Effect> {
        let Some(r) = self.selected_item() else {
            self.message = Some(self.t(Msg::NoItemSelected).to_string());
            return Vec::new();
        };
        if field.get(r.item) == code {
            return Vec::new();
        }
        let edit = Edit {
            item: r.item.id.clone(),
            field,
            value: code,
        };
        vec![Effect::Save(SaveRequest {
            edits: vec![edit],
            reason: None,
            force: false,
            kind: SaveKind::Edit,
        })]
    }

    fn undo_redo(&mut self, kind: SaveKind) -> Vec<Effect> {
        let stack = if kind == SaveKind::Undo {
            &self.undo
        } else {
            &self.redo
        };
        let Some(batch) = stack.last() else {
            self.message = Some(self.t(Msg::NothingToUndo).to_string());
            return Vec::new();
        };
        let edits = batch
            .iter()
            .rev()
            .filter_map(|c| {
                Field::parse(&c.field).map(|field| Edit {
                    item: c.item.clone(),
                    field,
                    value: if kind == SaveKind::Undo {
                        c.old.clone()
                    } else {
                        c.new.clone()
                    },
                })
            })
            .collect();
        let reason = if kind == SaveKind::Undo {
            "undo"
        } else {
            "redo"
        };
        vec![Effect::Save(SaveRequest {
            edits,
            reason: Some(reason.to_string()),
            force: false,
            kind,
        })]
    }

    fn save_done(&mut self, request: SaveRequest, outcome: SaveOutcome) -> Vec<Effect> {
        match outcome {
            SaveOutcome::Saved { changes, records } => {
                self.pending = None;
                if !changes.is_empty() {
                    match request.kind {
                        SaveKind::Edit => {
                            self.undo.push(changes.clone());
                            self.redo.clear();
                        }
                        SaveKind::Undo => {
                            if let Some(b) = self.undo.pop() {
                                self.redo.push(b);
                            }
                        }
                        SaveKind::Redo => {
                            if let Some(b) = self.redo.pop() {
                                self.undo.push(b);
                            }
                        }
                    }
                }
                for c in &changes {
                    self.changed.insert(c.item.clone());
                }
                let said: Vec<String> = changes
                    .iter()
                    .map(|c| match c.field.as_str() {
                        "phase" | "direction" => format!(
                            "{} {}: {} → {}",
                            c.item,
                            self.field_label(&c.field),
                            c.old,
                            c.new
                        ),
                        _ => format!("{} {}", c.item, self.field_label(&c.field)),
                    })
                    .collect();
                self.message = Some(format!("{}: {}", self.t(Msg::SavedMsg), said.join(", ")));
                self.replace_records(*records)
            }
            SaveOutcome::Conflict {
                item,
                field,
                seen,
                theirs,
                ours,
            } => {
                self.mode = Mode::Conflict {
                    request,
                    item,
                    field,
                    seen,
                    theirs,
                    ours,
                };
                Vec::new()
            }
            SaveOutcome::Failed(why) => {
                self.message = Some(format!(
                    "{}: {why} — {}",
                    self.t(Msg::SaveFailed),
                    self.t(Msg::Retrying)
                ));
                self.pending = Some(request);
                self.retry_in = 10;
                Vec::new()
            }
        }
    }

    fn tick(&mut self) -> Vec<Effect> {
        if self.pending.is_none() {
            return Vec::new();
        }
        if self.retry_in > 0 {
            self.retry_in -= 1;
            return Vec::new();
        }
        self.retry_in = 10;
        self.pending.clone().map(Effect::Save).into_iter().collect()
    }

    /// 実施区分 / 評価区分 for the scale fields, the catalogue's words for the rest.
    pub fn field_label(&self, field: &str) -> String {
        match field {
            "phase" => self.report().phase_scale.name.clone(),
            "direction" => self.report().direction_scale.name.clone(),
            "progress" => self.t(Msg::Progress).to_string(),
            "assessment" => self.t(Msg::Assessment).to_string(),
            other => other.to_string(),
        }
    }

    fn reloaded(&mut self, records: Records) -> Vec<Effect> {
        let mut said = Vec::new();
        for r in records.report.items() {
            let Some(old) = self.report().item(&r.item.id) else {
                continue;
            };
            for f in Field::ALL {
                let (a, b) = (f.get(old.item), f.get(r.item));
                if a != b {
                    said.push(match f {
                        Field::Phase | Field::Direction => {
                            format!("{} {}: {a} → {b}", r.item.id, self.field_label(f.name()))
                        }
                        _ => format!("{} {}", r.item.id, self.field_label(f.name())),
                    });
                }
            }
        }
        if said.is_empty() && records.report == *self.report() {
            return Vec::new();
        }
        self.message = Some(format!("{}: {}", self.t(Msg::ReloadedMsg), said.join(", ")));
        self.replace_records(records)
    }

    /// New records from disk: keep the selection, the expanded nodes and the
    /// search; the search is run again on the new data.
    fn replace_records(&mut self, records: Records) -> Vec<Effect> {
        let selected = self.selected_item().map(|r| r.item.id.clone());
        let collapsed = self.outline.collapsed.clone();
        let same_shape = records.report.items().count() == self.outline.items.len();
        self.records = records;
        self.outline = Outline::new(&self.records.report);
        if same_shape {
            self.outline.collapsed = collapsed;
        }
        self.departments = crate::search::all_departments(&self.records.report);
        if let Some(id) = selected {
            let index = self.report().items().position(|r| r.item.id == id);
            if let Some(i) = index {
                self.outline.select_item(i);
            }
        }
        self.search.answered = None;
        let effects = self.request_search();
        self.outline.scroll_into_view(self.outline_height());
        effects
    }

    /// Start with a query and filters (from the command line).
    pub fn start_with(&mut self, query: &str, filters: Filters) -> Vec<Effect> {
        self.search.input.clear();
        self.search.input.insert(query);
        self.filters = filters;
        self.request_search()
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
