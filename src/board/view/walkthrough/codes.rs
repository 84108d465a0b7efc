//! The walkthrough's codes: the phase and direction of the item with their
//! meanings, how each changed in the meeting, and what each was in the
//! earlier table (旧, `--compare BASE`) — as badges on a narrow screen, large
//! on a wide one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use tui_big_text::{BigText, PixelSize};

use super::super::detail::old_lines;
use super::super::style::{badge, bold, color, heading, push_wrapped, put};
use super::{Pointing, department_lines, pointed_line};
use crate::board::state::Board;
use crate::board::theme::Badge;
use crate::domain::compare::Which;
use crate::domain::field::Field;
use crate::domain::model::{ItemRef, Scale};
use crate::domain::presence::Pointed;
use crate::i18n::Msg;
use crate::text::visible;
use crate::text::width::{truncate, width};

/// The scales of the item: (scale, code, palette, field).
fn scales<'a>(
    board: &'a Board,
    r: &'a ItemRef,
) -> [(&'a Scale, &'a str, &'static [Badge], Field); 2] {
    let report = board.report();
    [
        (
            &report.phase_scale,
            r.item.phase.as_str(),
            &board.theme().phase,
            Field::Phase,
        ),
        (
            &report.direction_scale,
            r.item.direction.as_str(),
            &board.theme().direction,
            Field::Direction,
        ),
    ]
}

/// How a code changed in the meeting: 「会議前 C → A（理由: …）」.
fn change_line(board: &Board, r: &ItemRef, field: Field) -> Option<String> {
    let c = board
        .room()
        .state()
        .as_ref()?
        .change_of(&r.item.id, field)?;
    let reason = c
        .reason
        .map(|why| Msg::BecauseOf.fill(board.options().lang, &[("reason", &why)]));
    let said = Msg::ChangedFrom.fill(
        board.options().lang,
        &[("before", &c.before), ("after", &c.after)],
    );
    Some(visible(&format!("{said}{}", reason.unwrap_or_default())).into_owned())
}

/// Codes as badges with their meanings (a narrow screen).
pub(super) fn code_lines(out: &mut Pointing, board: &Board, r: &ItemRef, w: usize) {
    for (scale, code, palette, field) in scales(board, r) {
        let b = badge(board, scale, code, palette);
        let meaning = scale.meaning(code).unwrap_or_default();
        let head = format!("{} ", visible(&scale.name));
        let marker = if out.pointer == Some(pointed_of(field)) {
            2
        } else {
            0
        };
        let rest = w.saturating_sub(width(&head) + width(&b.content) + 1 + marker);
        let spans = vec![
            Span::styled(head, bold()),
            b,
            Span::raw(" "),
            Span::raw(truncate(meaning, rest, "…")),
        ];
        out.title(board, pointed_of(field), spans);
        if let Some(change) = change_line(board, r, field) {
            push_wrapped(&mut out.lines, &change, w, 2);
        }
        old_lines(&mut out.lines, board, &r.item.id, which_of(field), w);
    }
}

/// The pointer's name of a scale's field.
fn pointed_of(field: Field) -> Pointed {
    match field {
        Field::Direction => Pointed::Direction,
        _ => Pointed::Phase,
    }
}

/// A comparison's name of a scale's field.
fn which_of(field: Field) -> Which {
    match field {
        Field::Direction => Which::Direction,
        _ => Which::Phase,
    }
}

/// Whether `code` can be drawn large (the font has ASCII letters and digits).
fn big(board: &Board, code: &str) -> bool {
    !board.options().ascii && code.chars().all(|c| c.is_ascii_alphanumeric())
}

/// The codes large, each with its meaning and how it changed; departments below.
pub(super) fn draw_codes(
    frame: &mut Frame,
    board: &Board,
    r: &ItemRef,
    pointer: Option<Pointed>,
    area: Rect,
) {
    let size = match area.height {
        h if h >= 36 => Some((PixelSize::Full, 8)),
        h if h >= 22 => Some((PixelSize::HalfHeight, 4)),
        _ => None,
    };
    let mut y = area.y;
    let bottom = area.y + area.height;
    let w = area.width as usize;
    for (scale, code, palette, field) in scales(board, r) {
        let title = heading(board, visible(&scale.name).into_owned());
        let pointed = pointer == Some(pointed_of(field));
        if pointed && y < bottom {
            super::super::focus(frame, Rect { y, ..area }, 0);
        }
        let mut lines = vec![if pointed {
            pointed_line(board, title.spans)
        } else {
            title
        }];
        let glyphs = size.filter(|_| big(board, code));
        if glyphs.is_none() {
            lines.push(Line::from(vec![
                Span::raw("  "),
                badge(board, scale, code, palette),
            ]));
        }
        put(frame, &mut lines, &mut y, bottom, area);
        if let Some((pixels, rows)) = glyphs {
            // A large badge: the letter's pixels on the code's colour, so it
            // reads on any terminal's background.
            let badge = scale
                .index(code)
                .map(|i| palette[i % palette.len()].style())
                .unwrap_or_default();
            let style = color(board, badge.add_modifier(Modifier::BOLD));
            let text = BigText::builder()
                .pixel_size(pixels)
                .style(style)
                .lines(vec![code.to_string().into()])
                .build();
            let h = rows.min(bottom.saturating_sub(y));
            frame.render_widget(
                text,
                Rect {
                    x: area.x + 2,
                    y,
                    width: area.width.saturating_sub(2),
                    height: h,
                },
            );
            y += h;
        }
        let mut lines = Vec::new();
        push_wrapped(&mut lines, scale.meaning(code).unwrap_or_default(), w, 2);
        if let Some(change) = change_line(board, r, field) {
            let style = color(board, board.theme().change);
            for l in crate::text::width::wrap(&change, w.saturating_sub(2).max(1)) {
                lines.push(Line::from(Span::styled(format!("  {l}"), style)));
            }
        }
        old_lines(&mut lines, board, &r.item.id, which_of(field), w);
        lines.push(Line::from(""));
        put(frame, &mut lines, &mut y, bottom, area);
    }
    let mut lines = Pointing::new(pointer);
    department_lines(&mut lines, board, r, w);
    if let Some(a) = lines.anchor
        && y + (a as u16) < bottom
    {
        super::super::focus(frame, Rect { y, ..area }, a);
    }
    put(frame, &mut lines.lines, &mut y, bottom, area);
}
