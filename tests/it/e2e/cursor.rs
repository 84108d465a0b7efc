//! The cursor is the focus: after every frame the terminal's cursor (hidden)
//! stands at the start of what has focus, where a screen reader or a braille
//! display looks. Read through vt100; tests/machine/tmux.rs asks tmux too.

use std::time::Duration;

use super::Session;

/// The row (0-based) of the screen line that holds `mark`.
fn row_of(screen: &str, mark: &str) -> Option<u16> {
    screen
        .lines()
        .position(|l| l.contains(mark))
        .map(|r| r as u16)
}

/// Wait until the cursor stands on the row that holds `mark`, at `col`.
fn cursor_on(s: &Session, mark: &str, col: Option<u16>, what: &str) {
    s.wait_until(Duration::from_secs(10), what, |screen| {
        let (x, y) = s.cursor();
        row_of(screen, mark) == Some(y) && col.is_none_or(|c| c == x)
    });
}

#[test]
fn the_cursor_stands_on_the_focus_in_the_board_the_walkthrough_the_overview_and_a_picker() {
    let mut s = Session::start(&["--lang", "en", "records"], "C.UTF-8");
    s.wait_for("1-1-a");
    s.send("jjj");
    s.wait_for("4 / 88");
    // The selected row, in its first column inside the border.
    cursor_on(&s, "❯", Some(1), "the cursor on the outline's selected row");
    s.send("j");
    s.wait_for("5 / 88");
    cursor_on(&s, "❯", Some(1), "the cursor follows the selection");
    // The filters: the highlighted entry.
    s.send("f");
    s.wait_for("Filters");
    s.send("jj");
    let screen = s.screen();
    let (_, y) = s.cursor();
    let line = screen.lines().nth(y as usize).unwrap_or_default();
    assert!(line.contains(" C "), "cursor row {y}: {line:?}\n{screen}");
    s.send("\x1b");
    s.wait_gone("Filters");
    cursor_on(&s, "❯", Some(1), "back on the outline's row");
    // The walkthrough: the current item's title line (its id on it).
    s.send("p");
    s.wait_for("agenda 5 of 88");
    cursor_on(&s, "1-1-e", Some(1), "the walkthrough's item title");
    s.send(" ");
    s.wait_for("1-2-a");
    cursor_on(&s, "1-2-a", Some(1), "the next item's title");
    // The overview: the selected segment's row.
    s.send("o");
    s.wait_for("Overview");
    s.send("jj");
    let (_, y) = s.cursor();
    let screen = s.screen();
    let line = screen.lines().nth(y as usize).unwrap_or_default();
    assert!(line.contains("Recommendation 3"), "{line:?}\n{screen}");
    s.send("q");
    s.send("q");
    s.send("q");
    s.wait_exit(Duration::from_secs(10));
}
