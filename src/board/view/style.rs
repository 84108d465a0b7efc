//! The look of the board in one place: colours, symbols (with ASCII
//! stand-ins), badges, frames, headings, highlighted and wrapped text.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};

use crate::board::state::{Board, ColorMode};
use crate::board::theme::Badge;
use crate::domain::model::Scale;
use crate::i18n::Msg;
use crate::text::visible;
use crate::text::width::{pad, width, wrap};

const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// Symbols of the chrome, with ASCII stand-ins for `--ascii`. None of them is
/// East-Asian ambiguous (drawn two columns wide by some terminals).
pub struct Symbols {
    pub expanded: &'static str,
    pub collapsed: &'static str,
    pub ellipsis: &'static str,
    pub arrow: &'static str,
    /// Marks the selected row (besides reverse video, for monochrome screens).
    pub selected: &'static str,
    /// Marks a row kept on screen although it no longer matches.
    pub stale: &'static str,
}

pub fn symbols(board: &Board) -> Symbols {
    if board.options().ascii {
        Symbols {
            expanded: "v",
            collapsed: ">",
            ellipsis: "...",
            arrow: "->",
            selected: ">",
            stale: "x",
        }
    } else {
        Symbols {
            expanded: "▾",
            collapsed: "▸",
            ellipsis: "…",
            arrow: "→",
            selected: "❯",
            stale: "✕",
        }
    }
}

/// `style` as the colour mode allows (`NO_COLOR`: no colours).
pub fn color(board: &Board, style: Style) -> Style {
    match board.options().color {
        ColorMode::None => Style {
            fg: None,
            bg: None,
            ..style
        },
        ColorMode::Ansi16 => style,
    }
}

pub fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// What stays in the background, in the theme's way.
pub fn muted(board: &Board) -> Style {
    color(board, board.theme().muted)
}

pub fn reversed() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

/// A coloured badge for `code` of `scale`, padded to the scale's widest code.
pub fn badge<'a>(board: &Board, scale: &Scale, code: &str, palette: &[Badge]) -> Span<'a> {
    let w = scale
        .codes
        .iter()
        .map(|c| width(&c.code))
        .max()
        .unwrap_or(1);
    let text = format!(" {} ", pad(&visible(code), w, ""));
    let style = match scale.index(code) {
        Some(i) => palette[i % palette.len()]
            .style()
            .add_modifier(Modifier::BOLD),
        None => reversed(),
    };
    Span::styled(text, color(board, style))
}

pub fn phase_badge<'a>(board: &Board, code: &str) -> Span<'a> {
    badge(
        board,
        &board.report().phase_scale,
        code,
        &board.theme().phase,
    )
}

pub fn direction_badge<'a>(board: &Board, code: &str) -> Span<'a> {
    badge(
        board,
        &board.report().direction_scale,
        code,
        &board.theme().direction,
    )
}

/// A framed block; the focused one stands out.
pub fn block<'a>(board: &Board, title: &str, focused: bool) -> Block<'a> {
    let b = Block::bordered().title(format!(" {title} "));
    let b = if board.options().ascii {
        b.border_set(ASCII_BORDER)
    } else {
        b
    };
    let style = if focused {
        board.theme().focus_border
    } else {
        board.theme().border
    };
    b.border_style(color(board, style))
}

/// A centred popup of at most `w` x `h` inside `body`, cleared and framed;
/// its inner area.
pub fn popup(frame: &mut Frame, board: &Board, body: Rect, w: u16, h: u16, title: &str) -> Rect {
    let w = w.min(body.width);
    let h = h.min(body.height);
    let area = Rect {
        x: body.x + (body.width - w) / 2,
        y: body.y + (body.height - h) / 2,
        width: w,
        height: h,
    };
    clear_with_edges(frame, board, area);
    let b = block(board, title, true);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    inner
}

/// Clear `area` to the theme's screen colours.
pub fn clear(frame: &mut Frame, board: &Board, area: Rect) {
    frame.render_widget(Clear, area);
    if let Some(screen) = board.theme().screen {
        frame.render_widget(Block::new().style(color(board, screen)), area);
    }
}

/// Clear `area`, and blank a wide character that stands half outside its
/// left edge: the terminal would draw it over the popup's border.
pub fn clear_with_edges(frame: &mut Frame, board: &Board, area: Rect) {
    clear(frame, board, area);
    if area.x == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    for y in area.y..area.y + area.height {
        let cell = &mut buf[(area.x - 1, y)];
        if width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

pub fn heading<'a>(board: &Board, text: String) -> Line<'a> {
    Line::from(Span::styled(text, color(board, board.theme().heading)))
}

pub fn highlight_style(board: &Board) -> Style {
    color(board, board.theme().highlight)
}

/// Consecutive characters of the same kind (matched or not) as one span each.
pub fn group_spans<'a>(board: &Board, chars: impl Iterator<Item = (char, bool)>) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut current = String::new();
    let mut marked = false;
    let span = |text: String, marked: bool| {
        if marked {
            Span::styled(text, highlight_style(board))
        } else {
            Span::raw(text)
        }
    };
    for (c, m) in chars {
        if m != marked && !current.is_empty() {
            spans.push(span(std::mem::take(&mut current), marked));
        }
        marked = m;
        current.push(c);
    }
    if !current.is_empty() {
        spans.push(span(current, marked));
    }
    spans
}

/// `text` wrapped to `w` columns, indented.
pub fn push_wrapped<'a>(lines: &mut Vec<Line<'a>>, text: &str, w: usize, indent: usize) {
    let pad = " ".repeat(indent);
    for l in wrap(text, w.saturating_sub(indent).max(1)) {
        lines.push(Line::from(format!("{pad}{l}")));
    }
}

/// Wrapped like [`push_wrapped`], the characters at `positions` (of the text
/// as shown) highlighted.
pub fn push_found<'a>(
    lines: &mut Vec<Line<'a>>,
    board: &Board,
    text: &str,
    positions: &[usize],
    w: usize,
    indent: usize,
) {
    if positions.is_empty() {
        return push_wrapped(lines, text, w, indent);
    }
    // Follow the wrapped characters back to the text: wrapping only drops
    // spaces at line breaks.
    let original: Vec<char> = visible(text).chars().collect();
    let mut at = 0;
    for l in wrap(text, w.saturating_sub(indent).max(1)) {
        let mut marked = Vec::new();
        for c in l.chars() {
            while at < original.len() && original[at] != c {
                at += 1;
            }
            marked.push((c, positions.binary_search(&at).is_ok()));
            at += 1;
        }
        let mut spans = vec![Span::raw(" ".repeat(indent))];
        spans.extend(group_spans(board, marked.into_iter()));
        lines.push(Line::from(spans));
    }
}

/// `[x] ` or `[ ] `.
pub fn check(on: bool) -> &'static str {
    if on { "[x] " } else { "[ ] " }
}

/// 提言1 / Recommendation 1.
pub fn recommendation_label(board: &Board, number: u32) -> String {
    Msg::RecommendationNumber.fill(board.options().lang, &[("number", &number)])
}

/// Draw `lines` at row `y` of `area` (as many as fit), and move `y` below them.
pub fn put(frame: &mut Frame, lines: &mut Vec<Line>, y: &mut u16, bottom: u16, area: Rect) {
    let h = (lines.len() as u16).min(bottom.saturating_sub(*y));
    if h == 0 {
        return;
    }
    let shown: Vec<Line> = lines.drain(..h as usize).collect();
    frame.render_widget(
        ratatui::widgets::Paragraph::new(shown),
        Rect {
            x: area.x,
            y: *y,
            width: area.width,
            height: h,
        },
    );
    *y += h;
}
