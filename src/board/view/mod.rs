//! Drawing: a pure function of the [`App`] state. Nothing here changes state,
//! searches or does IO; long texts are pre-wrapped by [`crate::text::width`],
//! search highlights come prepared ([`crate::board::marks`]). The screens are
//! drawn from the bottom of the stack up, so a popup stands over its screen;
//! the footer belongs to the top screen.

mod agenda;
mod browse;
mod detail;
mod help;
mod meeting_info;
mod overview;
pub mod popups;
mod prompts;
pub mod style;
mod walkthrough;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::App;
use super::keymap::Keymap;
use super::keys::When;
use super::screen::Screen;
use super::screen::browse::Focus;
use super::state::{Board, MIN_HEIGHT, MIN_WIDTH};
use crate::i18n::Msg;
use crate::text::visible;
use crate::text::width::{cursor_column, pad, truncate, width, wrap};
use style::{color, symbols};

pub use browse::detail_lines;

/// What the views draw from: the board and the keys (help is made of them).
pub struct Canvas<'a> {
    pub board: &'a Board,
    pub keymap: &'a Keymap,
}

/// Draw the whole screen.
pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let board = app.board();
    if let Some(screen) = board.theme().screen {
        frame.render_widget(
            ratatui::widgets::Block::new().style(style::color(board, screen)),
            area,
        );
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, board, area);
        return;
    }
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(frame, board, header);
    // What has no focus of its own leaves the cursor at the body's start.
    focus(frame, body, 0);
    let canvas = Canvas {
        board,
        keymap: app.keymap(),
    };
    for screen in app.screens() {
        screen.draw(frame, &canvas, body);
    }
    render_footer(frame, app, footer);
}

/// The cursor on row `row` of `area` (its first column): where what has
/// focus starts. A screen reader or a braille display follows the
/// terminal's cursor even while it is hidden; the runtime shows it only
/// while text is typed. Screens are drawn from the bottom up, so the top
/// one's focus is the one that stays.
pub fn focus(frame: &mut Frame, area: Rect, row: usize) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let y = area.y + (row as u16).min(area.height - 1);
    frame.set_cursor_position(Position::new(area.x, y));
}

fn render_too_small(frame: &mut Frame, board: &Board, area: Rect) {
    let text = format!(
        "{} ({}x{} < {}x{})",
        board.t(Msg::Enlarge),
        area.width,
        area.height,
        MIN_WIDTH,
        MIN_HEIGHT
    );
    let lines: Vec<Line> = wrap(&text, area.width as usize)
        .into_iter()
        .filter(|l| width(l) <= area.width as usize)
        .take(area.height as usize)
        .map(Line::from)
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
    focus(frame, area, 0);
}

/// The header's one counter, with its meaning in words: the selected
/// item's place in the list shown (「3 / 4 件目」), and when the list is
/// narrowed on a wide screen, how many items there are in all.
fn place_in_list(board: &Board) -> String {
    let total = board.outline().items().len();
    let lang = board.options().lang;
    match board.search().hits() {
        Some(hits) => {
            let selected = board.outline().selected_shown_item();
            let at = hits
                .iter()
                .position(|h| Some(h.item) == selected)
                .map_or(0, |p| p + 1);
            let of = hits.len();
            // All there are only where the header has room for it (the
            // meeting's progress beside it must not be cut).
            let m = if board.is_wide() {
                Msg::PlaceNarrowed
            } else {
                Msg::Place
            };
            m.fill(lang, &[("at", &at), ("of", &of), ("total", &total)])
        }
        None => {
            let at = board.outline().position().0;
            Msg::Place.fill(lang, &[("at", &at), ("of", &total)])
        }
    }
}

fn render_header(frame: &mut Frame, board: &Board, area: Rect) {
    let count = place_in_list(board);
    let mut pending = String::new();
    let unsaved = board.edits().unsaved().len();
    if board.edits().has_failed() {
        pending.push_str(&Msg::NotSavedCount.fill(board.options().lang, &[("count", &unsaved)]));
        pending.push(' ');
    } else if unsaved > 0 {
        pending.push_str(board.t(Msg::Saving));
        pending.push(' ');
    }
    if board.search().is_pending() {
        pending.push_str(board.t(Msg::Searching));
        pending.push(' ');
    }
    let right = format!(" {pending}{count} ");
    let summary = board.narrowing_summary();
    let style = color(board, board.theme().header);
    let w = area.width as usize;
    let ell = symbols(board).ellipsis;
    let title = match board.room().state() {
        Some(m) => {
            let reviewed = format!("{} / {}", m.meeting.reviewed(), m.meeting.agenda.len());
            let name = visible(&m.meeting.name);
            let header = if m.is_open() {
                Msg::MeetingHeader
            } else {
                Msg::MeetingHeaderClosed
            };
            header.fill(
                board.options().lang,
                &[("name", &name), ("reviewed", &reviewed)],
            )
        }
        None => format!(" kensho  {}", visible(&board.report().title)),
    };
    let mut spans = Vec::new();
    // Follow mode first: whoever looks must know whose screen this is.
    let badge = presence_badge(board);
    let badge_w = width(&badge).min(w / 2);
    if !badge.is_empty() {
        spans.push(Span::styled(
            pad(&badge, badge_w, ell),
            color(board, board.theme().header_filters),
        ));
    }
    let w = w.saturating_sub(badge_w);
    let right_w = width(&right);
    if summary.is_empty() {
        spans.push(Span::raw(pad(&title, w.saturating_sub(right_w), ell)));
    } else {
        // The filters matter more than the title: they get the room.
        let filters = format!(" [{summary}]");
        let fw = width(&filters).min(w.saturating_sub(right_w + 8));
        spans.push(Span::raw(pad(&title, w.saturating_sub(right_w + fw), ell)));
        spans.push(Span::styled(
            pad(&filters, fw, ell),
            color(board, board.theme().header_filters),
        ));
    }
    spans.push(Span::raw(right));
    frame.render_widget(Paragraph::new(Line::from(spans).style(style)), area);
}

/// The header's word on follow mode: presenting, following whom, on one's
/// own, or without a presenter; empty for a board on its own.
pub fn presence_badge(board: &Board) -> String {
    use crate::board::follow::{FollowStatus, Role};
    let ascii = board.options().ascii;
    let mark = |fancy: &'static str, plain: &'static str| if ascii { plain } else { fancy };
    match &board.follow().role() {
        Role::Alone if board.options().read_only => format!(" {} ", board.t(Msg::BadgeReadOnly)),
        Role::Alone => String::new(),
        Role::Presenter(p) if p.claimed => {
            format!(" {} {} ", mark("●", "*"), board.t(Msg::BadgePresenting))
        }
        Role::Presenter(_) => String::new(),
        Role::Follower(f) => match (&f.status, f.attached) {
            (FollowStatus::Live(owner), true) => {
                let name = owner.display_name.as_deref().unwrap_or(&owner.user);
                format!(
                    " {} {} {} ",
                    mark("▶", ">"),
                    board.t(Msg::BadgeFollowing),
                    visible(name)
                )
            }
            (FollowStatus::Live(_), false) => {
                format!(" {} {} ", mark("‖", "="), board.t(Msg::BadgeDetached))
            }
            (FollowStatus::Waiting, _) => {
                format!(" {} {} ", mark("○", "o"), board.t(Msg::BadgeWaiting))
            }
            (FollowStatus::Left(_), _) => {
                format!(" {} {} ", mark("○", "o"), board.t(Msg::BadgeLeft))
            }
        },
    }
}

/// Whether a footer hint applies now.
fn applies(app: &App, when: When) -> bool {
    let focus = app.screens().iter().find_map(|s| match s {
        Screen::Browse(b) => Some(b.focus),
        _ => None,
    });
    match when {
        When::Always => true,
        When::Outline => focus != Some(Focus::Detail),
        When::Detail => focus == Some(Focus::Detail),
        When::Searching => app.board().search().is_narrowed(),
        When::Comparing => {
            let board = app.board();
            board.earlier().is_some() && board.search().meeting_filters().since_base.is_none()
        }
    }
}

fn render_footer(frame: &mut Frame, app: &App, area: Rect) {
    let board = app.board();
    let w = area.width as usize;
    if let Some((label, input)) = app.top().prompt(board) {
        // A message while a prompt has the line: on the row above it.
        if let Some(m) = &board.message()
            && area.y > 0
        {
            let above = Rect {
                y: area.y - 1,
                ..area
            };
            let style = color(board, board.theme().message);
            // Cleared first: a wide character drawn over the screen's
            // last row would otherwise keep the cell it covers, and the
            // next frame would leave half of it blank on the terminal.
            frame.render_widget(ratatui::widgets::Clear, above);
            frame.render_widget(
                Paragraph::new(Span::styled(pad(&visible(m), w, ""), style)),
                above,
            );
        }
        let line = format!("{label}{}", input.text);
        frame.render_widget(Paragraph::new(truncate(&line, w, "")), area);
        let col = width(&label) + cursor_column(&input.text, input.cursor);
        let x = area.x + (col.min(w.saturating_sub(1)) as u16);
        frame.set_cursor_position(Position::new(x, area.y));
        return;
    }
    if let Some(m) = &board.message() {
        render_message(frame, board, m, area);
        return;
    }
    let follower = board.follow().role().is_follower();
    let hints = app
        .keymap()
        .footer(app.top().kind(), board.options().ascii, |command, when| {
            // A follower (or a read-only board) is shown only the keys
            // that work for it.
            let refused = (follower || board.options().read_only) && command.changes_data();
            applies(app, when) && !refused
        });
    let hints: Vec<Hint> = hints
        .into_iter()
        .map(|(keys, label)| Hint {
            keys: format!(" {keys}"),
            text: format!(" {} ", board.t(label)),
            kept: matches!(label, Msg::FootHelp | Msg::FootQuit),
        })
        .collect();
    let spans: Vec<Span> = fit_hints(&hints, w)
        .into_iter()
        .flat_map(|h| {
            [
                Span::styled(h.keys.as_str(), style::bold()),
                Span::raw(h.text.as_str()),
            ]
        })
        .collect();
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// One key's hint in the footer.
struct Hint {
    keys: String,
    text: String,
    /// Help and quit: what a lost user needs, kept when the row is short.
    kept: bool,
}

impl Hint {
    fn cost(&self) -> usize {
        width(&self.keys) + width(&self.text)
    }
}

/// The hints that fit in `w` columns, in their order: when the row is
/// short, the others give way (from the end) before help and quit do.
fn fit_hints(hints: &[Hint], w: usize) -> Vec<&Hint> {
    let mut room = w.saturating_sub(hints.iter().filter(|h| h.kept).map(Hint::cost).sum());
    let mut fits = true;
    hints
        .iter()
        .filter(|h| {
            if h.kept {
                return h.cost() <= w;
            }
            fits = fits && h.cost() <= room;
            if fits {
                room -= h.cost();
            }
            fits
        })
        .collect()
}

/// The most rows a message takes: a long one (a refused save says what
/// differs and what to do) is wrapped upwards over the bottom of the
/// screen, never cut at the window's width.
const MESSAGE_ROWS: usize = 6;

/// Message `m` ending on the footer row `area`, wrapped.
fn render_message(frame: &mut Frame, board: &Board, m: &str, area: Rect) {
    let style = color(board, board.theme().message);
    let w = area.width as usize;
    let mut lines = wrap(m, w);
    let rows = lines
        .len()
        .min(MESSAGE_ROWS)
        .min(area.y as usize + 1)
        .max(1);
    if lines.len() > rows {
        let rest = lines[rows - 1..].join(" ");
        lines.truncate(rows - 1);
        lines.push(truncate(&rest, w, "…"));
    }
    let rect = Rect {
        y: area.y + 1 - rows as u16,
        height: rows as u16,
        ..area
    };
    let lines: Vec<Line> = lines
        .iter()
        .map(|l| Line::from(Span::styled(pad(l, w, ""), style)))
        .collect();
    frame.render_widget(ratatui::widgets::Clear, rect);
    frame.render_widget(Paragraph::new(lines), rect);
}
