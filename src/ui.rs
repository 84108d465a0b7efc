//! Drawing: a pure function of the [`App`] state. Nothing here changes state or
//! does IO; long texts are pre-wrapped by [`crate::textwidth`].

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::app::{App, ColorMode, Focus, MIN_HEIGHT, MIN_WIDTH, Mode};
use crate::export::circled;
use crate::i18n::Msg;
use crate::model::{ItemRef, Scale};
use crate::outline::NodeKind;
use crate::search::Order;
use crate::text::visible;
use crate::textwidth::{cursor_column, pad, truncate, width, wrap};

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

/// Symbols of the chrome, with ASCII stand-ins for `--ascii`.
struct Symbols {
    expanded: &'static str,
    collapsed: &'static str,
    ellipsis: &'static str,
    arrow: &'static str,
}

fn symbols(app: &App) -> Symbols {
    if app.options.ascii {
        Symbols {
            expanded: "v",
            collapsed: ">",
            ellipsis: "...",
            arrow: "->",
        }
    } else {
        Symbols {
            expanded: "▾",
            collapsed: "▸",
            ellipsis: "…",
            arrow: "→",
        }
    }
}

/// The palette a scale's codes are drawn with, by position in the scale.
const PHASE_COLORS: [Color; 4] = [Color::Green, Color::Cyan, Color::Yellow, Color::Red];
const DIRECTION_COLORS: [Color; 3] = [Color::Magenta, Color::Blue, Color::Green];

fn color(app: &App, style: Style) -> Style {
    match app.options.color {
        ColorMode::None => Style {
            fg: None,
            bg: None,
            ..style
        },
        ColorMode::Ansi16 => style,
    }
}

/// A coloured badge for `code` of `scale`, padded to the scale's widest code.
pub fn badge<'a>(app: &App, scale: &Scale, code: &str, palette: &[Color]) -> Span<'a> {
    let w = scale
        .codes
        .iter()
        .map(|c| width(&c.code))
        .max()
        .unwrap_or(1);
    let text = format!(" {} ", pad(code, w, ""));
    let style = match scale.index(code) {
        Some(i) => Style::new()
            .fg(Color::Black)
            .bg(palette[i % palette.len()])
            .add_modifier(Modifier::BOLD),
        None => Style::new().add_modifier(Modifier::REVERSED),
    };
    Span::styled(text, color(app, style))
}

fn phase_badge<'a>(app: &App, code: &str) -> Span<'a> {
    badge(app, &app.report().phase_scale, code, &PHASE_COLORS)
}

fn direction_badge<'a>(app: &App, code: &str) -> Span<'a> {
    badge(app, &app.report().direction_scale, code, &DIRECTION_COLORS)
}

fn block<'a>(app: &App, title: &str, focused: bool) -> Block<'a> {
    let b = Block::bordered().title(format!(" {title} "));
    let b = if app.options.ascii {
        b.border_set(ASCII_BORDER)
    } else {
        b
    };
    if focused {
        b.border_style(color(
            app,
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        ))
    } else {
        b.border_style(color(app, Style::new().fg(Color::DarkGray)))
    }
}

/// Draw the whole screen.
pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, app, area);
        return;
    }
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(frame, app, header);
    if app.is_wide() {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(body);
        render_outline(frame, app, left);
        render_detail(frame, app, right);
    } else if app.detail_open {
        render_detail(frame, app, body);
    } else {
        render_outline(frame, app, body);
    }
    render_footer(frame, app, footer);
    match &app.mode {
        Mode::Help => render_help(frame, app, body),
        Mode::Filter(cursor) => render_filters(frame, app, body, *cursor),
        Mode::Departments(input, cursor) => render_departments(frame, app, body, input, *cursor),
        Mode::Picker(cursor) => render_picker(frame, app, body, *cursor),
        Mode::EditWhich(cursor) => {
            let inner = popup(frame, app, body, 40, 4, app.t(Msg::EditWhichTitle));
            let rows = [app.t(Msg::Progress), app.t(Msg::Assessment)];
            let lines: Vec<Line> = rows
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let l = Line::from(pad(r, inner.width as usize, ""));
                    if i == *cursor {
                        l.patch_style(Style::new().add_modifier(Modifier::REVERSED))
                    } else {
                        l
                    }
                })
                .collect();
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Mode::Conflict {
            item,
            field,
            seen,
            theirs,
            ours,
            ..
        } => render_conflict(frame, app, body, item, field, [seen, theirs, ours]),
        _ => {}
    }
}

fn render_too_small(frame: &mut Frame, app: &App, area: Rect) {
    let text = format!(
        "{} ({}x{} < {}x{})",
        app.t(Msg::Enlarge),
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
}

/// What narrows the board, for the header: query, filters, order.
pub fn filter_summary(app: &App) -> String {
    let report = app.report();
    let mut parts = Vec::new();
    if !app.search.input.text.trim().is_empty() {
        parts.push(format!("/{}", app.search.input.text.trim()));
    }
    let f = &app.filters;
    if !f.phases.is_empty() {
        let codes: Vec<&str> = f.phases.iter().map(String::as_str).collect();
        parts.push(format!("{}:{}", report.phase_scale.name, codes.join(",")));
    }
    if !f.directions.is_empty() {
        let codes: Vec<&str> = f.directions.iter().map(String::as_str).collect();
        parts.push(format!(
            "{}:{}",
            report.direction_scale.name,
            codes.join(",")
        ));
    }
    if !f.departments.is_empty() {
        let names: Vec<&str> = f.departments.iter().map(String::as_str).collect();
        parts.push(format!("{}:{}", app.t(Msg::Departments), names.join(",")));
    }
    if f.hide_relisted {
        parts.push(app.t(Msg::FilterHideRelisted).to_string());
    }
    if app.search.hits.is_some() && !app.search.query.is_empty() {
        parts.push(
            match app.search.order {
                Order::Score => app.t(Msg::OrderScore),
                Order::Source => app.t(Msg::OrderSource),
            }
            .to_string(),
        );
    }
    parts.join(" | ")
}

fn render_header(frame: &mut Frame, app: &App, area: Rect) {
    let total = app.outline.items.len();
    let count = match &app.search.hits {
        Some(hits) => format!("{} / {total}", hits.len()),
        None => format!("{} / {total}", app.outline.position().0),
    };
    let pending = if app.search.pending {
        format!("{} ", app.t(Msg::Searching))
    } else {
        String::new()
    };
    let right = format!(" {pending}{count} ");
    let summary = filter_summary(app);
    let style =
        color(app, Style::new().fg(Color::White).bg(Color::Blue)).add_modifier(Modifier::BOLD);
    let w = area.width as usize;
    let ell = symbols(app).ellipsis;
    let mut spans = Vec::new();
    let right_w = width(&right);
    if summary.is_empty() {
        let title = format!(" kensho  {}", app.report().title);
        spans.push(Span::raw(pad(&title, w.saturating_sub(right_w), ell)));
    } else {
        // The filters matter more than the title: they get the room.
        let filters = format!(" [{summary}]");
        let fw = width(&filters).min(w.saturating_sub(right_w + 8));
        let title = format!(" kensho  {}", app.report().title);
        spans.push(Span::raw(pad(&title, w.saturating_sub(right_w + fw), ell)));
        spans.push(Span::styled(
            pad(&filters, fw, ell),
            color(app, Style::new().fg(Color::Yellow).bg(Color::Blue)),
        ));
    }
    spans.push(Span::raw(right));
    frame.render_widget(Paragraph::new(Line::from(spans).style(style)), area);
}

/// Spans of `text` cut to `cols` columns (padded), the characters at
/// `positions` highlighted.
fn fit_highlighted<'a>(
    app: &App,
    text: &str,
    cols: usize,
    positions: &[usize],
    ellipsis: &str,
) -> Vec<Span<'a>> {
    let full = pad(text, cols, ellipsis);
    if positions.is_empty() {
        return vec![Span::raw(full)];
    }
    let kept = crate::textwidth::take_width(&visible(text).replace('\n', " "), cols)
        .chars()
        .count();
    let marks: Vec<bool> = full
        .chars()
        .enumerate()
        .map(|(i, _)| i < kept && positions.binary_search(&i).is_ok())
        .collect();
    group_spans(app, full.chars().zip(marks))
}

fn highlight_style(app: &App) -> Style {
    color(
        app,
        Style::new()
            .fg(Color::Black)
            .bg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    )
}

/// Consecutive characters of the same kind as one span each.
fn group_spans<'a>(app: &App, chars: impl Iterator<Item = (char, bool)>) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut current = String::new();
    let mut marked = false;
    for (c, m) in chars {
        if m != marked && !current.is_empty() {
            let text = std::mem::take(&mut current);
            spans.push(if marked {
                Span::styled(text, highlight_style(app))
            } else {
                Span::raw(text)
            });
        }
        marked = m;
        current.push(c);
    }
    if !current.is_empty() {
        spans.push(if marked {
            Span::styled(current, highlight_style(app))
        } else {
            Span::raw(current)
        });
    }
    spans
}

/// Match positions of the current search in `text` (as displayed).
fn matches_in(app: &App, text: &str) -> Vec<usize> {
    if app.search.query.is_empty() {
        return Vec::new();
    }
    crate::search::Searcher::default().highlight(&app.search.query, &visible(text))
}

fn render_outline(frame: &mut Frame, app: &App, area: Rect) {
    // The focused pane is marked only when both are on screen.
    let b = block(
        app,
        app.t(Msg::Outline),
        app.focus == Focus::Outline && app.is_wide(),
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let visible = app.outline.visible();
    let height = inner.height as usize;
    let offset = app.outline.offset.min(visible.len().saturating_sub(height));
    let w = inner.width as usize;
    let sym = symbols(app);
    let mut lines = Vec::new();
    for &n in visible.iter().skip(offset).take(height) {
        let node = &app.outline.nodes[n];
        let selected = n == app.outline.selected;
        let marker = if app.outline.is_expandable(n) {
            if app.outline.is_collapsed(n) {
                sym.collapsed
            } else {
                sym.expanded
            }
        } else {
            " "
        };
        let report = app.report();
        let rec = &report.recommendations[node.recommendation];
        let line = match node.kind {
            NodeKind::Recommendation => {
                let text = format!(
                    "{marker} {} {}",
                    recommendation_label(app, rec.number),
                    rec.title
                );
                Line::from(Span::styled(
                    pad(&text, w, sym.ellipsis),
                    Style::new().add_modifier(Modifier::BOLD),
                ))
            }
            NodeKind::Point => {
                let point = &rec.points[node.point.unwrap_or(0)];
                let text = format!("  {marker} {}-{} {}", rec.number, point.number, point.title);
                Line::from(Span::styled(
                    pad(&text, w, sym.ellipsis),
                    Style::new().add_modifier(Modifier::BOLD),
                ))
            }
            NodeKind::Item => match node.item.and_then(|i| app.item_ref(i)) {
                Some(r) => item_row(app, &r, w, &sym),
                None => Line::from(""),
            },
        };
        let line = if app.outline.is_context(n) {
            line.patch_style(Style::new().add_modifier(Modifier::DIM))
        } else {
            line
        };
        let line = if selected {
            line.patch_style(Style::new().add_modifier(Modifier::REVERSED))
        } else {
            line
        };
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `    1-1-a  (ア) 令和2年4月から、…   A  I  `
fn item_row<'a>(app: &App, r: &ItemRef, w: usize, sym: &Symbols) -> Line<'a> {
    let report = app.report();
    let pw = report
        .phase_scale
        .codes
        .iter()
        .map(|c| width(&c.code))
        .max()
        .unwrap_or(1)
        + 2;
    let dw = report
        .direction_scale
        .codes
        .iter()
        .map(|c| width(&c.code))
        .max()
        .unwrap_or(1)
        + 2;
    let label = r.measure_label().unwrap_or_default();
    let excerpt = if r.item.progress.trim().is_empty() {
        r.measure.text.clone().unwrap_or_default()
    } else {
        r.item.progress.clone()
    };
    let relisted = if r.item.relisted { "*" } else { " " };
    let changed = if app.changed.contains(&r.item.id) {
        "+"
    } else {
        " "
    };
    let head = format!(
        "  {changed} {} {relisted}{} ",
        pad(&r.item.id, 7, ""),
        pad(&label, 4, "")
    );
    let text_w = w.saturating_sub(width(&head) + pw + dw + 1);
    let mut spans = vec![Span::raw(truncate(&head, w, ""))];
    if w > width(&head) + pw + dw + 1 {
        let (excerpt, positions) = found_excerpt(app, r, excerpt, sym.ellipsis);
        spans.extend(fit_highlighted(
            app,
            &excerpt,
            text_w,
            &positions,
            sym.ellipsis,
        ));
        spans.push(Span::raw(" "));
        spans.push(phase_badge(app, r.item.phase.as_str()));
        spans.push(direction_badge(app, r.item.direction.as_str()));
    }
    Line::from(spans)
}

/// While searching, the row's excerpt is the first text of the item with a
/// match, starting a little before the match; otherwise `default`.
fn found_excerpt(app: &App, r: &ItemRef, default: String, ellipsis: &str) -> (String, Vec<usize>) {
    if app.search.query.is_empty() {
        return (default, Vec::new());
    }
    let searcher = crate::search::Searcher::default();
    let Some((_, text, positions)) = crate::search::best_text(&searcher, &app.search.query, r)
    else {
        return (default, Vec::new());
    };
    let first = positions.first().copied().unwrap_or(0);
    let start = first.saturating_sub(6);
    if start == 0 {
        return (text, positions);
    }
    let lead = ellipsis.chars().count();
    let shown: String = ellipsis.chars().chain(text.chars().skip(start)).collect();
    let shifted = positions
        .iter()
        .filter(|&&p| p >= start)
        .map(|&p| p - start + lead)
        .collect();
    (shown, shifted)
}

/// 提言1 / Recommendation 1.
fn recommendation_label(app: &App, number: u32) -> String {
    match app.options.lang {
        crate::i18n::Lang::Ja => format!("{}{number}", app.t(Msg::Recommendation)),
        crate::i18n::Lang::En => format!("{} {number}", app.t(Msg::Recommendation)),
    }
}

fn heading<'a>(app: &App, text: String) -> Line<'a> {
    Line::from(Span::styled(
        text,
        color(
            app,
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        ),
    ))
}

fn push_wrapped<'a>(lines: &mut Vec<Line<'a>>, text: &str, w: usize, indent: usize) {
    let pad = " ".repeat(indent);
    for l in wrap(text, w.saturating_sub(indent).max(1)) {
        lines.push(Line::from(format!("{pad}{l}")));
    }
}

/// Wrapped like [`push_wrapped`], with the current search's matches highlighted.
fn push_found<'a>(lines: &mut Vec<Line<'a>>, app: &App, text: &str, w: usize, indent: usize) {
    let positions = matches_in(app, text);
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
        spans.extend(group_spans(app, marked.into_iter()));
        lines.push(Line::from(spans));
    }
}

/// A scale's name as a heading, then the code's badge and its meaning (wrapped).
fn scale_value<'a>(
    lines: &mut Vec<Line<'a>>,
    app: &App,
    scale: &Scale,
    code: &str,
    palette: &[Color],
    w: usize,
) {
    lines.push(heading(app, scale.name.clone()));
    let b = badge(app, scale, code, palette);
    let indent = 2 + width(&b.content) + 1;
    let meaning = wrap(
        scale.meaning(code).unwrap_or_default(),
        w.saturating_sub(indent).max(1),
    );
    for (i, m) in meaning.into_iter().enumerate() {
        if i == 0 {
            lines.push(Line::from(vec![
                Span::raw("  "),
                b.clone(),
                Span::raw(" "),
                Span::raw(m),
            ]));
        } else {
            lines.push(Line::from(format!("{}{m}", " ".repeat(indent))));
        }
    }
}

/// The detail pane's lines for the selected node, wrapped to `w` columns.
pub fn detail_lines<'a>(app: &App, w: usize) -> Vec<Line<'a>> {
    let mut lines: Vec<Line> = Vec::new();
    let Some(node) = app.outline.selected_node() else {
        return lines;
    };
    let report = app.report();
    let rec = &report.recommendations[node.recommendation];
    let sym = symbols(app);
    let bold = Style::new().add_modifier(Modifier::BOLD);
    for l in wrap(
        &format!("{} {}", recommendation_label(app, rec.number), rec.title),
        w,
    ) {
        lines.push(Line::from(Span::styled(l, bold)));
    }
    let Some(point) = node.point.and_then(|p| rec.points.get(p)) else {
        lines.push(Line::from(""));
        lines.push(heading(app, app.t(Msg::Points).to_string()));
        for p in &rec.points {
            push_wrapped(
                &mut lines,
                &format!("{} {}", circled(p.number), p.title),
                w,
                2,
            );
        }
        return lines;
    };
    for l in wrap(&format!("{} {}", circled(point.number), point.title), w) {
        lines.push(Line::from(Span::styled(l, bold)));
    }
    let item = node.item.and_then(|i| app.item_ref(i));
    if let Some(r) = &item {
        let mut spans = vec![Span::styled(r.item.id.clone(), bold), Span::raw("  ")];
        spans.push(phase_badge(app, r.item.phase.as_str()));
        spans.push(Span::raw(" "));
        spans.push(direction_badge(app, r.item.direction.as_str()));
        if r.item.relisted {
            spans.push(Span::raw(format!(" {}", app.t(Msg::Relisted))));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(""));
    let policy = &point.policy;
    lines.push(heading(
        app,
        format!("{} {}", app.t(Msg::Policy), policy.label),
    ));
    push_found(&mut lines, app, &policy.text, w, 2);
    let Some(r) = item else {
        lines.push(heading(app, app.t(Msg::PolicyAssessment).to_string()));
        push_found(&mut lines, app, &policy.assessment, w, 2);
        if let Some(note) = &policy.note {
            lines.push(heading(app, app.t(Msg::Note).to_string()));
            push_found(&mut lines, app, note, w, 2);
        }
        return lines;
    };
    let label = r
        .measure_label()
        .map(|l| format!(" {l}"))
        .unwrap_or_default();
    lines.push(heading(app, format!("{}{label}", app.t(Msg::Measure))));
    match &r.measure.text {
        Some(t) => push_found(&mut lines, app, t, w, 2),
        None => push_wrapped(&mut lines, app.t(Msg::NoMeasure), w, 2),
    }
    let empty = app.t(Msg::Empty);
    let or_empty = |s: &str| {
        if s.trim().is_empty() {
            empty.to_string()
        } else {
            s.to_string()
        }
    };
    lines.push(heading(app, app.t(Msg::Progress).to_string()));
    push_found(&mut lines, app, &or_empty(&r.item.progress), w, 2);
    scale_value(
        &mut lines,
        app,
        &report.phase_scale,
        r.item.phase.as_str(),
        &PHASE_COLORS,
        w,
    );
    lines.push(heading(app, app.t(Msg::Assessment).to_string()));
    push_found(&mut lines, app, &or_empty(&r.item.assessment), w, 2);
    scale_value(
        &mut lines,
        app,
        &report.direction_scale,
        r.item.direction.as_str(),
        &DIRECTION_COLORS,
        w,
    );
    lines.push(heading(app, app.t(Msg::Departments).to_string()));
    for d in &r.item.departments {
        push_found(&mut lines, app, d, w, 2);
    }
    if r.item.relisted {
        lines.push(heading(app, app.t(Msg::Relisted).to_string()));
        let text = match &r.item.relists {
            Some(t) => format!("{} {t}  ({})", sym.arrow, app.t(Msg::RelistedJump)),
            None => "-".to_string(),
        };
        push_wrapped(&mut lines, &text, w, 2);
    }
    if let Some(note) = &r.item.note {
        lines.push(heading(app, app.t(Msg::Note).to_string()));
        push_found(&mut lines, app, note, w, 2);
    }
    lines.push(heading(app, app.t(Msg::PolicyAssessment).to_string()));
    push_found(&mut lines, app, &policy.assessment, w, 2);
    lines
}

fn render_detail(frame: &mut Frame, app: &App, area: Rect) {
    let b = block(
        app,
        app.t(Msg::Detail),
        app.focus == Focus::Detail && app.is_wide(),
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let lines = detail_lines(app, inner.width as usize);
    let height = inner.height as usize;
    let scroll = app.detail_scroll.min(lines.len().saturating_sub(height));
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

fn hint(keys: &str, what: &str) -> [Span<'static>; 2] {
    [
        Span::styled(
            format!(" {keys}"),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Span::raw(format!(" {what} ")),
    ]
}

fn render_footer(frame: &mut Frame, app: &App, area: Rect) {
    let w = area.width as usize;
    let prompt_input = match &app.mode {
        Mode::Jump(input) => Some((app.t(Msg::JumpPrompt), input)),
        Mode::Search => Some((app.t(Msg::SearchPrompt), &app.search.input)),
        Mode::Reason(input) => Some((app.t(Msg::ReasonPrompt), input)),
        _ => None,
    };
    if let Some((prompt, input)) = prompt_input {
        let line = format!("{prompt}{}", input.text);
        frame.render_widget(Paragraph::new(truncate(&line, w, "")), area);
        let col = width(prompt) + cursor_column(&input.text, input.cursor);
        let x = area.x + (col.min(w.saturating_sub(1)) as u16);
        frame.set_cursor_position(Position::new(x, area.y));
        return;
    }
    if let Some(m) = &app.message {
        let style = color(
            app,
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        );
        frame.render_widget(
            Paragraph::new(Span::styled(truncate(m, w, ""), style)),
            area,
        );
        return;
    }
    let ascii = app.options.ascii;
    let t = |m| app.t(m);
    let searching = app.search.hits.is_some();
    let pairs: Vec<(String, &str)> = match (&app.mode, app.focus) {
        (Mode::Help, _) => vec![("Esc".into(), t(Msg::FootBack))],
        (Mode::Filter(_), _) | (Mode::Departments(..), _) => vec![
            ("Space".into(), t(Msg::FootToggle)),
            ("F".into(), t(Msg::FootClear)),
            ("Esc".into(), t(Msg::FootBack)),
        ],
        (_, Focus::Outline) if searching => vec![
            ("n/N".into(), t(Msg::FootNext)),
            ("/".into(), t(Msg::FootSearch)),
            ("o".into(), t(Msg::FootOrder)),
            ("f".into(), t(Msg::FootFilter)),
            ("Esc".into(), t(Msg::FootBack)),
            ("Enter".into(), t(Msg::FootOpen)),
            ("?".into(), t(Msg::FootHelp)),
            ("q".into(), t(Msg::FootQuit)),
        ],
        (_, Focus::Detail) => vec![
            (if ascii { "j/k" } else { "↑↓" }.into(), t(Msg::FootScroll)),
            ("Esc/Tab".into(), t(Msg::FootBack)),
            ("?".into(), t(Msg::FootHelp)),
            ("q".into(), t(Msg::FootQuit)),
        ],
        _ => vec![
            (if ascii { "j/k" } else { "↑↓" }.into(), t(Msg::FootMove)),
            ("Enter".into(), t(Msg::FootOpen)),
            ("Tab".into(), t(Msg::FootDetail)),
            ("/".into(), t(Msg::FootSearch)),
            ("f".into(), t(Msg::FootFilter)),
            (":".into(), t(Msg::FootJump)),
            ("?".into(), t(Msg::FootHelp)),
            ("q".into(), t(Msg::FootQuit)),
        ],
    };
    let mut spans = Vec::new();
    let mut used = 0;
    for (k, what) in pairs {
        let [a, b] = hint(&k, what);
        let sw = width(&a.content) + width(&b.content);
        if used + sw > w {
            break;
        }
        used += sw;
        spans.push(a);
        spans.push(b);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_help(frame: &mut Frame, app: &App, body: Rect) {
    let lines_src = crate::keys::help_lines(app.options.ascii, app.report());
    let key_w = lines_src.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let w = body.width.saturating_sub(4).min(76);
    let h = body.height;
    let area = Rect {
        x: body.x + (body.width - w) / 2,
        y: body.y,
        width: w,
        height: h,
    };
    frame.render_widget(Clear, area);
    let b = block(app, app.t(Msg::HelpTitle), true);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let iw = inner.width as usize;
    let mut lines = Vec::new();
    for (keys, msg) in lines_src {
        let key_col = key_w.min(iw / 2);
        let text_w = iw.saturating_sub(key_col + 2).max(1);
        for (i, l) in wrap(msg.text(app.options.lang), text_w)
            .into_iter()
            .enumerate()
        {
            let k = if i == 0 {
                pad(&keys, key_col, "")
            } else {
                " ".repeat(key_col)
            };
            lines.push(Line::from(vec![
                Span::styled(k, Style::new().add_modifier(Modifier::BOLD)),
                Span::raw("  "),
                Span::raw(l),
            ]));
        }
    }
    lines.push(Line::from(""));
    lines.push(heading(app, app.t(Msg::SyntaxTitle).to_string()));
    for m in [
        Msg::SyntaxAnd,
        Msg::SyntaxExact,
        Msg::SyntaxPrefix,
        Msg::SyntaxSuffix,
        Msg::SyntaxNot,
        Msg::SyntaxOr,
    ] {
        push_wrapped(&mut lines, m.text(app.options.lang), iw, 2);
    }
    lines.push(Line::from(""));
    lines.push(Line::from(app.t(Msg::HelpClose)));
    let height = inner.height as usize;
    let scroll = app.help_scroll.min(lines.len().saturating_sub(height));
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// A centred popup of at most `w` x `h` inside `body`, cleared and framed.
fn popup(frame: &mut Frame, app: &App, body: Rect, w: u16, h: u16, title: &str) -> Rect {
    let w = w.min(body.width);
    let h = h.min(body.height);
    let area = Rect {
        x: body.x + (body.width - w) / 2,
        y: body.y + (body.height - h) / 2,
        width: w,
        height: h,
    };
    frame.render_widget(Clear, area);
    let b = block(app, title, true);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    inner
}

fn check(on: bool) -> &'static str {
    if on { "[x] " } else { "[ ] " }
}

fn render_filters(frame: &mut Frame, app: &App, body: Rect, cursor: usize) {
    let report = app.report();
    let rows = app.filter_rows();
    let inner = popup(
        frame,
        app,
        body,
        64,
        rows.len() as u16 + 2,
        app.t(Msg::FilterTitle),
    );
    let iw = inner.width as usize;
    let ell = symbols(app).ellipsis;
    let mut lines = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let text = match row {
            crate::app::FilterRow::Phase(c) => format!(
                "{}{} {} {}",
                check(app.filters.phases.contains(c)),
                report.phase_scale.name,
                c,
                report.phase_scale.meaning(c).unwrap_or_default()
            ),
            crate::app::FilterRow::Direction(c) => format!(
                "{}{} {} {}",
                check(app.filters.directions.contains(c)),
                report.direction_scale.name,
                c,
                report.direction_scale.meaning(c).unwrap_or_default()
            ),
            crate::app::FilterRow::HideRelisted => format!(
                "{}{}",
                check(app.filters.hide_relisted),
                app.t(Msg::FilterHideRelisted)
            ),
            crate::app::FilterRow::Departments => {
                let chosen: Vec<&str> =
                    app.filters.departments.iter().map(String::as_str).collect();
                format!(
                    "    {} {}",
                    app.t(Msg::FilterDepartments),
                    chosen.join(", ")
                )
            }
        };
        let line = Line::from(pad(&text, iw, ell));
        lines.push(if i == cursor {
            line.patch_style(Style::new().add_modifier(Modifier::REVERSED))
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_departments(
    frame: &mut Frame,
    app: &App,
    body: Rect,
    input: &crate::input::LineInput,
    cursor: usize,
) {
    let choices = app.department_choices(&input.text);
    let inner = popup(
        frame,
        app,
        body,
        64,
        body.height,
        app.t(Msg::DepartmentsTitle),
    );
    if inner.height == 0 {
        return;
    }
    let iw = inner.width as usize;
    let ell = symbols(app).ellipsis;
    let prompt = "> ";
    let mut lines = vec![Line::from(truncate(
        &format!("{prompt}{}", input.text),
        iw,
        "",
    ))];
    let height = inner.height.saturating_sub(1) as usize;
    let offset = cursor.saturating_sub(height.saturating_sub(1));
    for (i, d) in choices.iter().enumerate().skip(offset).take(height) {
        let line = Line::from(pad(
            &format!("{}{d}", check(app.filters.departments.contains(d))),
            iw,
            ell,
        ));
        lines.push(if i == cursor {
            line.patch_style(Style::new().add_modifier(Modifier::REVERSED))
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let col = width(prompt) + cursor_column(&input.text, input.cursor);
    frame.set_cursor_position(Position::new(
        inner.x + col.min(iw.saturating_sub(1)) as u16,
        inner.y,
    ));
}

fn render_conflict(
    frame: &mut Frame,
    app: &App,
    body: Rect,
    item: &str,
    field: &str,
    [seen, theirs, ours]: [&String; 3],
) {
    let inner = popup(frame, app, body, 70, 12, app.t(Msg::ConflictTitle));
    let w = inner.width as usize;
    let label = app.field_label(field);
    let mut lines = Vec::new();
    push_wrapped(&mut lines, &format!("{item} {label}"), w, 0);
    let en = app.options.lang == crate::i18n::Lang::En;
    let (was, now, mine) = if en {
        ("when you loaded it", "now (someone else)", "yours")
    } else {
        ("読み込んだ時", "現在（他の人）", "あなた")
    };
    push_wrapped(&mut lines, &format!("{was}: {seen}"), w, 2);
    push_wrapped(&mut lines, &format!("{now}: {theirs}"), w, 2);
    push_wrapped(&mut lines, &format!("{mine}: {ours}"), w, 2);
    lines.push(Line::from(""));
    lines.push(Line::from(app.t(Msg::ConflictTheirs)));
    lines.push(Line::from(app.t(Msg::ConflictMine)));
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_picker(frame: &mut Frame, app: &App, body: Rect, cursor: usize) {
    let rows = app.picker_rows();
    let inner = popup(
        frame,
        app,
        body,
        64,
        rows.len() as u16 + 2,
        app.t(Msg::PickerTitle),
    );
    let report = app.report();
    let item = app.selected_item();
    let iw = inner.width as usize;
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .map(|(i, (field, code))| {
            let scale = match field {
                crate::store::Field::Phase => &report.phase_scale,
                _ => &report.direction_scale,
            };
            let current = item.as_ref().is_some_and(|r| &field.get(r.item) == code);
            let text = format!(
                "{}{} {} {}",
                check(current),
                scale.name,
                code,
                scale.meaning(code).unwrap_or_default()
            );
            let l = Line::from(pad(&text, iw, symbols(app).ellipsis));
            if i == cursor {
                l.patch_style(Style::new().add_modifier(Modifier::REVERSED))
            } else {
                l
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
