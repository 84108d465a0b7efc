//! A terminal backend that sends over the wire only what changed, and each
//! frame whole: ratatui's crossterm backend, writing into a buffer that is
//! sent at the end of the frame inside one synchronized update, or not at
//! all when the frame changes nothing (a look at the files every half
//! second redraws an unchanged screen: it must cost no bytes over SSH).
//!
//! It also keeps the cursor where a wide character leaves it. ratatui's
//! diff skips the cell a wide character covers, and its backend then moves
//! the cursor explicitly before every next character (`ESC[row;colH`, about
//! seven bytes per Japanese character); an empty cell in the skipped place
//! (it prints nothing) tells the backend the cursor is already there.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::queue;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::layout::{Position, Size};
use unicode_width::UnicodeWidthStr;

/// The frame being written: shared by the inner backend and [`Lean`].
#[derive(Clone, Default)]
struct Frame(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Write for Frame {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub struct Lean<W: Write> {
    inner: CrosstermBackend<Frame>,
    frame: Frame,
    out: W,
    /// The cursor's state as last sent (None: unknown).
    hidden: Option<bool>,
    at: Option<Position>,
    /// Whether the cursor may show: only while text is typed. Placed or
    /// not, it stands where the focus is (see [`crate::board::view::focus`]).
    caret: bool,
}

impl<W: Write> Lean<W> {
    pub fn new(out: W) -> Lean<W> {
        let frame = Frame::default();
        Lean {
            inner: CrosstermBackend::new(frame.clone()),
            frame,
            out,
            hidden: None,
            at: None,
            caret: false,
        }
    }

    /// Whether the next frames show the cursor (text is being typed) or
    /// keep it hidden where the focus is.
    pub fn show_caret(&mut self, shown: bool) {
        self.caret = shown;
    }
}

/// The cells to draw, with an empty cell (same style, no text) after each
/// wide character in the place it covers.
fn with_covered_cells<'a>(
    content: impl Iterator<Item = (u16, u16, &'a Cell)>,
) -> Vec<(u16, u16, Cell)> {
    let mut out = Vec::new();
    for (x, y, cell) in content {
        let width = cell.symbol().width();
        out.push((x, y, cell.clone()));
        for dx in 1..width {
            let Some(cx) = x.checked_add(dx as u16) else {
                break;
            };
            let mut covered = cell.clone();
            covered.set_symbol("");
            out.push((cx, y, covered));
        }
    }
    out
}

impl<W: Write> Backend for Lean<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let cells = with_covered_cells(content);
        if cells.is_empty() {
            return Ok(());
        }
        // Drawing moves the terminal's cursor.
        self.at = None;
        self.inner.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.hidden == Some(true) {
            return Ok(());
        }
        self.hidden = Some(true);
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if !self.caret {
            return self.hide_cursor();
        }
        if self.hidden == Some(false) {
            return Ok(());
        }
        self.hidden = Some(false);
        self.inner.show_cursor()
    }

    /// Where this backend last put the cursor, never asked of the terminal:
    /// asking writes a query whose answer comes on the input, which the
    /// board's reader takes first (ratatui asks when it clears the screen,
    /// as after Ctrl-z and the editor; the question then timed out). The
    /// board draws every cell of a full screen: the position only restores
    /// the cursor after a clear.
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.at.unwrap_or_default())
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        if self.at == Some(position) {
            return Ok(());
        }
        self.at = Some(position);
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.at = None;
        self.hidden = None;
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.at = None;
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    /// Send the frame (if it holds anything) as one synchronized update.
    fn flush(&mut self) -> io::Result<()> {
        let frame = std::mem::take(&mut *self.frame.0.borrow_mut());
        if frame.is_empty() {
            return Ok(());
        }
        queue!(self.out, BeginSynchronizedUpdate)?;
        self.out.write_all(&frame)?;
        queue!(self.out, EndSynchronizedUpdate)?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::text::Line;

    fn frame(terminal: &mut Terminal<Lean<Vec<u8>>>, text: &str) -> Vec<u8> {
        terminal
            .draw(|f| f.render_widget(Line::from(text.to_string()), f.area()))
            .expect("drawn");
        std::mem::take(&mut terminal.backend_mut().out)
    }

    #[test]
    fn an_unchanged_frame_sends_nothing_and_wide_text_needs_no_moves() {
        let backend = Lean::new(Vec::new());
        let mut terminal = Terminal::with_options(
            backend,
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 20, 1)),
            },
        )
        .expect("terminal");
        let first = frame(&mut terminal, "児童相談所との連携");
        let text = String::from_utf8_lossy(&first);
        assert!(text.contains("児童相談所との連携"), "{text:?}");
        assert!(text.starts_with("\u{1b}[?2026h") && text.ends_with("\u{1b}[?2026l"));
        // One move to the start, none between the wide characters.
        assert_eq!(text.matches('H').count(), 1, "{text:?}");
        assert!(frame(&mut terminal, "児童相談所との連携").is_empty());
        let changed = frame(&mut terminal, "児童相談所との連絡");
        let changed = String::from_utf8_lossy(&changed);
        assert!(
            changed.contains('絡') && !changed.contains('児'),
            "{changed:?}"
        );
    }

    fn frame_at(terminal: &mut Terminal<Lean<Vec<u8>>>, text: &str, at: (u16, u16)) -> String {
        terminal
            .draw(|f| {
                f.render_widget(Line::from(text.to_string()), f.area());
                f.set_cursor_position(at);
            })
            .expect("drawn");
        String::from_utf8_lossy(&std::mem::take(&mut terminal.backend_mut().out)).into_owned()
    }

    /// The cursor follows the focus on every frame, hidden, even when no
    /// cell changed (nnn#2161: an optimisation that skipped it).
    #[test]
    fn the_cursor_is_placed_on_every_frame_and_stays_hidden() {
        let mut terminal = Terminal::with_options(
            Lean::new(Vec::new()),
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 20, 3)),
            },
        )
        .expect("terminal");
        let first = frame_at(&mut terminal, "提言", (0, 1));
        assert!(first.ends_with("\u{1b}[2;1H\u{1b}[?2026l"), "{first:?}");
        assert!(first.contains("\u{1b}[?25l") && !first.contains("\u{1b}[?25h"));
        // Only the focus moved: the move is sent, nothing else.
        let moved = frame_at(&mut terminal, "提言", (0, 2));
        assert_eq!(moved, "\u{1b}[?2026h\u{1b}[3;1H\u{1b}[?2026l");
        // Nothing moved: nothing sent.
        assert!(frame_at(&mut terminal, "提言", (0, 2)).is_empty());
        // A changed cell moves the terminal's cursor: it is put back.
        let changed = frame_at(&mut terminal, "提案", (0, 2));
        assert!(changed.ends_with("\u{1b}[3;1H\u{1b}[?2026l"), "{changed:?}");
        // While text is typed it shows.
        terminal.backend_mut().show_caret(true);
        assert!(frame_at(&mut terminal, "提案", (1, 2)).contains("\u{1b}[?25h"));
    }
}
