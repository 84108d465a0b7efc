//! The detail of the selected node: a recommendation's points; a point's
//! policy and assessment; an item's every text, its codes with their
//! meanings, its departments and notes.

use crate::domain::compare::Which;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::style::{
    badge, block, bold, direction_badge, heading, phase_badge, push_found, push_wrapped,
    recommendation_label, symbols,
};
use crate::board::outline::ShownState;
use crate::board::screen::browse::{Browse, Focus};
use crate::board::search::marks::Spot;
use crate::board::state::Board;
use crate::board::theme::Badge;
use crate::domain::export::circled;
use crate::domain::model::{ItemRef, Point, Scale};
use crate::i18n::Msg;
use crate::text::visible;
use crate::text::width::{width, wrap};

pub fn draw(frame: &mut Frame, board: &Board, state: &Browse, area: Rect) {
    let b = block(
        board,
        board.t(Msg::Detail),
        state.focus == Focus::Detail && board.is_wide(),
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let lines = detail_lines(board, inner.width as usize);
    let height = inner.height as usize;
    let scroll = state
        .detail_scroll(board)
        .min(lines.len().saturating_sub(height));
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(shown), inner);
    if state.focus == Focus::Detail {
        super::focus(frame, inner, 0);
    }
}

/// The detail pane's lines for the selected node, wrapped to `w` columns.
pub fn detail_lines<'a>(board: &Board, w: usize) -> Vec<Line<'a>> {
    let mut lines: Vec<Line> = Vec::new();
    let n = board.outline().selected();
    let state = board.outline().shown_state(n);
    let Some(node) = board
        .outline()
        .nodes()
        .get(n)
        .filter(|_| state != ShownState::Hidden)
    else {
        push_wrapped(&mut lines, board.t(Msg::NoMatches), w, 0);
        return lines;
    };
    if state == ShownState::Kept {
        lines.push(heading(board, board.t(Msg::NoLongerMatches).to_string()));
    }
    let rec = &board.report().recommendations[node.recommendation];
    let title = format!(
        "{} {}",
        recommendation_label(board, rec.number),
        visible(&rec.title)
    );
    lines.extend(
        wrap(&title, w)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, bold()))),
    );
    let Some(point) = node.point.and_then(|p| rec.points.get(p)) else {
        lines.push(Line::from(""));
        lines.push(heading(board, board.t(Msg::Points).to_string()));
        for p in &rec.points {
            push_wrapped(
                &mut lines,
                &format!("{} {}", circled(p.number), visible(&p.title)),
                w,
                2,
            );
        }
        return lines;
    };
    let title = format!("{} {}", circled(point.number), visible(&point.title));
    lines.extend(
        wrap(&title, w)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, bold()))),
    );
    match node.item.and_then(|i| board.item_ref(i)) {
        Some(r) => item_lines(&mut lines, board, n, &r, w),
        None => policy_lines(&mut lines, board, n, point, w),
    }
    lines
}

/// The notes on how the source was read are for the people keeping the
/// records: not on the projector while a meeting is open, nor on a
/// follower's screen (the walkthrough leaves them out too).
fn shows_notes(board: &Board) -> bool {
    board.room().open_meeting().is_none() && !board.follow().role().is_follower()
}

/// A point's policy, its assessment and its note.
fn policy_lines<'a>(lines: &mut Vec<Line<'a>>, board: &Board, n: usize, point: &Point, w: usize) {
    let policy = &point.policy;
    let m = |spot| board.search().marks().spot(n, spot);
    lines.push(Line::from(""));
    lines.push(heading(
        board,
        format!("{} {}", board.t(Msg::Policy), visible(&policy.label)),
    ));
    push_found(lines, board, &policy.text, m(Spot::PolicyText), w, 2);
    lines.push(heading(board, board.t(Msg::PolicyAssessment).to_string()));
    push_found(
        lines,
        board,
        &policy.assessment,
        m(Spot::PolicyAssessment),
        w,
        2,
    );
    if let Some(note) = policy.note.as_ref().filter(|_| shows_notes(board)) {
        lines.push(heading(board, board.t(Msg::Note).to_string()));
        push_found(
            lines,
            board,
            note.text(board.options().lang),
            m(Spot::PolicyNote),
            w,
            2,
        );
    }
}

/// An item: id and codes, policy, measure, progress and phase, assessment and
/// direction, departments, the row it repeats, its note, the policy's assessment.
fn item_lines<'a>(lines: &mut Vec<Line<'a>>, board: &Board, n: usize, r: &ItemRef, w: usize) {
    let report = board.report();
    let m = |spot| board.search().marks().spot(n, spot);
    let mut spans = vec![
        Span::styled(visible(&r.item.id).into_owned(), bold()),
        Span::raw("  "),
    ];
    spans.extend([phase_badge(board, r.item.phase.as_str()), Span::raw(" ")]);
    spans.push(direction_badge(board, r.item.direction.as_str()));
    if r.item.relisted {
        spans.push(Span::raw(format!(" {}", board.t(Msg::Relisted))));
    }
    lines.push(Line::from(spans));
    lines.push(Line::from(""));
    let policy = &r.point.policy;
    lines.push(heading(
        board,
        format!("{} {}", board.t(Msg::Policy), visible(&policy.label)),
    ));
    push_found(lines, board, &policy.text, m(Spot::PolicyText), w, 2);
    let label = r
        .measure_label()
        .map(|l| format!(" {}", visible(&l)))
        .unwrap_or_default();
    lines.push(heading(board, format!("{}{label}", board.t(Msg::Measure))));
    match &r.measure.text {
        Some(t) => push_found(lines, board, t, m(Spot::MeasureText), w, 2),
        None => push_wrapped(lines, board.t(Msg::NoMeasure), w, 2),
    }
    let or_empty = |s: &str| {
        if s.trim().is_empty() {
            board.t(Msg::Empty).to_string()
        } else {
            s.to_string()
        }
    };
    // Each narrative with the code that follows from it.
    let pairs = [
        (
            Msg::Progress,
            &r.item.progress,
            Spot::Progress,
            &report.phase_scale,
            r.item.phase.as_str(),
            &board.theme().phase[..],
        ),
        (
            Msg::Assessment,
            &r.item.assessment,
            Spot::Assessment,
            &report.direction_scale,
            r.item.direction.as_str(),
            &board.theme().direction[..],
        ),
    ];
    let id = &r.item.id;
    for (k, (title, text, spot, scale, code, palette)) in pairs.into_iter().enumerate() {
        let (said, coded) = if k == 0 {
            (Which::Progress, Which::Phase)
        } else {
            (Which::Assessment, Which::Direction)
        };
        lines.push(heading(board, board.t(title).to_string()));
        push_found(lines, board, &or_empty(text), m(spot), w, 2);
        old_lines(lines, board, id, said, w);
        scale_value(lines, board, scale, code, palette, w);
        old_lines(lines, board, id, coded, w);
    }
    item_context(lines, board, n, r, w);
}

/// What `which` of item `id` held in the earlier table, when the board
/// compares and it changed: 「旧: …」, dimmed, under the field.
pub(super) fn old_lines<'a>(
    lines: &mut Vec<Line<'a>>,
    board: &Board,
    id: &str,
    which: Which,
    w: usize,
) {
    let Some(old) = board.earlier().and_then(|e| e.old(id, which)) else {
        return;
    };
    let report = board.report();
    let scale = match which {
        Which::Phase => Some(&report.phase_scale),
        Which::Direction => Some(&report.direction_scale),
        _ => None,
    };
    let value = match scale.and_then(|s| s.meaning(old)) {
        Some(meaning) => format!("{old} {meaning}"),
        None if old.trim().is_empty() => board.t(Msg::Empty).to_string(),
        None => old.to_string(),
    };
    let text = Msg::OldValue.fill(board.options().lang, &[("value", &visible(&value))]);
    for line in wrap(&text, w.saturating_sub(2).max(1)) {
        lines.push(Line::from(format!("  {line}")).patch_style(super::style::muted(board)));
    }
}

/// An item's departments, the row it repeats, its note, the policy's assessment.
fn item_context<'a>(lines: &mut Vec<Line<'a>>, board: &Board, n: usize, r: &ItemRef, w: usize) {
    let m = |spot| board.search().marks().spot(n, spot);
    lines.push(heading(board, board.t(Msg::Departments).to_string()));
    for (k, d) in r.item.departments.iter().enumerate() {
        push_found(lines, board, d, m(Spot::Department(k)), w, 2);
    }
    if r.item.relisted {
        lines.push(heading(board, board.t(Msg::Relisted).to_string()));
        let text = match &r.item.relists {
            Some(t) => format!(
                "{} {}  ({})",
                symbols(board).arrow,
                visible(t),
                board.t(Msg::RelistedJump)
            ),
            None => "-".to_string(),
        };
        push_wrapped(lines, &text, w, 2);
    }
    if let Some(note) = r.item.note.as_ref().filter(|_| shows_notes(board)) {
        lines.push(heading(board, board.t(Msg::Note).to_string()));
        push_found(
            lines,
            board,
            note.text(board.options().lang),
            m(Spot::Note),
            w,
            2,
        );
    }
    lines.push(heading(board, board.t(Msg::PolicyAssessment).to_string()));
    push_found(
        lines,
        board,
        &r.point.policy.assessment,
        m(Spot::PolicyAssessment),
        w,
        2,
    );
}

/// A scale's name as a heading, then the code's badge and its meaning (wrapped).
fn scale_value<'a>(
    lines: &mut Vec<Line<'a>>,
    board: &Board,
    scale: &Scale,
    code: &str,
    palette: &[Badge],
    w: usize,
) {
    lines.push(heading(board, visible(&scale.name).into_owned()));
    let b = badge(board, scale, code, palette);
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
