//! `--plain`: the board read line by line, for a screen reader or a braille
//! display. The same app, keys and update as the board; instead of a frame,
//! [`announce`] says what the state shows now as keyed lines (a pure
//! function of the state), and the plain loop ([`crate::board::terminal`])
//! prints each line whose key was not said last time: one line per move in
//! the outline, an item's paragraphs when it is opened, a popup's
//! highlighted entry, the footer's words. Nothing is redrawn, nothing is
//! said while nothing changes.

pub mod words;

use super::app::App;
use super::keymap::Keymap;
use super::screen::Screen;
use super::screen::browse::Focus;
use super::screen::overview::Overview;
use super::state::Board;
use crate::i18n::{Msg, PlainMsg};
use crate::text::visible;
use words::{flat, item_line, item_paragraphs, node_line};

/// One line to say, and what it is about: a line is said when its key was
/// not among the last ones said (an item's line is not said again because
/// its codes changed: the change is said in its own words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub key: String,
    pub line: String,
}

fn said(key: impl Into<String>, line: impl Into<String>) -> Said {
    Said {
        key: key.into(),
        line: line.into(),
    }
}

/// What the board says now. `asked`: the key of the place (an outline node,
/// a walkthrough's item) whose texts a follower asked for (`Enter`), which
/// does not take it from the presenter.
pub fn announce(app: &App, asked: Option<&str>) -> Vec<Said> {
    let board = app.board();
    let mut out = Vec::new();
    let badge = super::view::presence_badge(board);
    if !badge.trim().is_empty() {
        out.push(said(format!("badge:{badge}"), badge.trim()));
    }
    top(app, asked, &mut out);
    if let Some(m) = board.message() {
        // Others' saves are said change by change, with their reasons
        // (the plain loop reads them from the change log).
        let reloaded = format!("{}: ", board.t(Msg::ReloadedMsg));
        // A save, an undo, a redo: the word here, the change itself in
        // words (codes with their meanings) from the change log.
        let done = [Msg::SavedMsg, Msg::UndoneMsg, Msg::RedoneMsg]
            .into_iter()
            .map(|w| board.t(w))
            .find(|w| m.starts_with(&format!("{w}: ")));
        if let Some(word) = done {
            out.push(said(format!("msg:{m}"), word));
        } else if !m.starts_with(&reloaded) {
            out.push(said(format!("msg:{m}"), flat(m)));
        }
    }
    out
}

/// What the top screen says.
fn top(app: &App, asked: Option<&str>, out: &mut Vec<Said>) {
    let board = app.board();
    let lang = board.options().lang;
    let kind = app.top().kind().name();
    if let Some((label, _)) = app.top().prompt(board) {
        let line = PlainMsg::Prompt.fill(lang, &[("label", &flat(&label))]);
        out.push(said(format!("prompt:{kind}:{label}"), line));
        return;
    }
    match app.top() {
        Screen::Browse(b) => browse(board, b.focus == Focus::Detail, asked, out),
        Screen::Walkthrough(w) => {
            let Some(r) = w.item(board) else {
                out.push(said("walk:none", board.t(Msg::AgendaEmpty)));
                return;
            };
            let (at, of) = w.place().unwrap_or((0, 0));
            let place = Msg::AgendaPlace.fill(lang, &[("at", &at), ("of", &of)]);
            let sep = PlainMsg::Sep.text(lang);
            let id = &r.item.id;
            let key = format!("walk:{id}");
            let open = asked == Some(key.as_str());
            out.push(said(key, format!("{place}{sep}{}", item_line(board, &r))));
            // A follower hears where the presenter is; Enter reads the texts.
            if !board.follow().role().is_follower() || open {
                for (k, p) in item_paragraphs(board, &r).into_iter().enumerate() {
                    out.push(said(format!("walk:{id}:{k}"), p));
                }
            }
        }
        Screen::Overview(o) => out.push(said(
            format!("overview:{}:{}", o.row, o.col),
            overview_line(board, o),
        )),
        Screen::Help(h) => help(board, app.keymap(), h.of, out),
        screen => popup(board, screen, out),
    }
}

/// The outline: the selected node in one line, an item's paragraphs when
/// it is open (or asked for).
fn browse(board: &Board, detail: bool, asked: Option<&str>, out: &mut Vec<Said>) {
    if board.outline().rows().is_empty() {
        out.push(said("none", board.t(Msg::NoMatches)));
        return;
    }
    let n = board.outline().selected();
    // A heading opened or closed is said again, in its new state.
    let key = format!("node:{n}:{}", board.outline().is_collapsed(n));
    let open = detail || asked == Some(key.as_str());
    out.push(said(key, node_line(board, n)));
    if let Some(r) = board.selected_item().filter(|_| open) {
        for (k, p) in item_paragraphs(board, &r).into_iter().enumerate() {
            out.push(said(format!("text:{n}:{k}"), p));
        }
    }
}

/// The overview's selected segment: 「提言3 実施区分 C 速やかに…: 1 件」.
fn overview_line(board: &Board, o: &Overview) -> String {
    let lang = board.options().lang;
    let rows = Overview::rows(board);
    let Some(row) = rows.get(o.row) else {
        return String::new();
    };
    let scale = words::scale_of(board, row.field);
    let label = match row.recommendation {
        Some(r) => Msg::RecommendationNumber.fill(
            lang,
            &[("number", &board.report().recommendations[r].number)],
        ),
        None => board.t(Msg::Total).to_string(),
    };
    let code = scale
        .codes
        .get(o.col)
        .map(|c| c.code.as_str())
        .unwrap_or("");
    let count = board
        .report()
        .recommendations
        .iter()
        .enumerate()
        .filter(|(i, _)| row.recommendation.is_none_or(|r| r == *i))
        .flat_map(|(_, rec)| rec.items())
        .filter(|item| row.field.get(item) == code)
        .count();
    PlainMsg::Count.fill(
        lang,
        &[
            ("label", &label),
            ("code", &words::code(board, scale, code)),
            ("count", &count),
        ],
    )
}

/// `?`: the keys of the screen below and the keys everywhere, a line each.
fn help(board: &Board, keymap: &Keymap, of: super::screen::ScreenKind, out: &mut Vec<Said>) {
    let lang = board.options().lang;
    let ascii = board.options().ascii;
    out.push(said("help", board.t(Msg::HelpTitle)));
    let own = Keymap::help_lines(keymap.table(of), ascii);
    let global = Keymap::help_lines(keymap.global(), ascii);
    for (k, (keys, what)) in own.iter().chain(&global).enumerate() {
        let line = PlainMsg::HelpKey.fill(lang, &[("keys", keys), ("what", &board.t(*what))]);
        out.push(said(format!("help:{}:{k}", of.name()), line));
    }
}

/// A popup: its title once, then the entry under its cursor.
fn popup(board: &Board, screen: &Screen, out: &mut Vec<Said>) {
    use super::view::popups::{filter_rows, picker_rows};
    let entry = |rows: Vec<String>, cursor: usize| rows.get(cursor).cloned().unwrap_or_default();
    let (title, cursor, line) = match screen {
        Screen::Filters(f) => (
            Some(Msg::FilterTitle),
            f.cursor,
            entry(filter_rows(board, f), f.cursor),
        ),
        Screen::Picker(p) => (
            Some(Msg::PickerTitle),
            p.cursor,
            entry(picker_rows(board, p), p.cursor),
        ),
        Screen::EditWhich(e) => {
            let texts = super::screen::edit_which::TEXTS;
            let label = texts
                .get(e.cursor)
                .map(|f| f.label(board.report(), board.options().lang));
            (
                Some(Msg::EditWhichTitle),
                e.cursor,
                flat(&label.unwrap_or_default()),
            )
        }
        Screen::AgendaIndex(a) => {
            let line = a
                .agenda
                .get(a.cursor)
                .and_then(|id| board.report().item(id))
                .map(|r| item_line(board, &r))
                .unwrap_or_default();
            (Some(Msg::AgendaIndexTitle), a.cursor, line)
        }
        Screen::Departments(d) => {
            let chosen = |name: &str| board.search().filters().departments.contains(name);
            let line = d
                .choices
                .get(d.cursor)
                .map(|name| {
                    let state = if chosen(name) {
                        PlainMsg::Chosen
                    } else {
                        PlainMsg::NotChosen
                    };
                    format!("{} {}", flat(name), state.text(board.options().lang))
                })
                .unwrap_or_default();
            (Some(Msg::DepartmentsTitle), d.cursor, line)
        }
        Screen::MeetingInfo(m) => {
            use crate::domain::meeting::details::DetailField;
            let label = DetailField::ALL
                .get(m.cursor)
                .map(|&f| board.t(super::screen::meeting_info::label(f)));
            let line = label.unwrap_or_default().to_string();
            (Some(Msg::MeetingInfoTitle), m.cursor, line)
        }
        Screen::Conflict(_) => (Some(Msg::ConflictTitle), 0, conflict_line(board)),
        Screen::ConfirmEdit(c) => (None, 0, flat(&c.question(board))),
        _ => return,
    };
    let kind = screen.kind().name();
    if let Some(title) = title {
        out.push(said(format!("title:{kind}"), board.t(title)));
    }
    if !line.is_empty() {
        out.push(said(format!("row:{kind}:{cursor}:{line}"), visible(&line)));
    }
}

/// A refused save, in one line: the item, the field, what each side holds.
fn conflict_line(board: &Board) -> String {
    let Some(held) = board.edits().held() else {
        return String::new();
    };
    let c = &held.conflict;
    let label = c.field.label(board.report(), board.options().lang);
    let mut parts = vec![flat(&format!("{} {label}", c.item))];
    for (m, value) in [
        (Msg::ConflictSeen, &c.seen),
        (Msg::ConflictNow, &c.theirs),
        (Msg::ConflictYours, &c.ours),
    ] {
        parts.push(format!("{}: {}", board.t(m), flat(value)));
    }
    parts.push(board.t(Msg::ConflictTheirs).to_string());
    parts.push(board.t(Msg::ConflictMine).to_string());
    parts.join(PlainMsg::Sep.text(board.options().lang))
}
