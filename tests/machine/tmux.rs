//! kensho in tmux, a terminal that says where its cursor is
//! (`#{cursor_x},#{cursor_y}`): the cursor stands on what has focus, as a
//! screen reader or a braille display (NVDA, Orca, BRLTTY) follows it.
//! Each test has a tmux server of its own (`-L`), killed at the end.

use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux server of its own with one 80x24 window running kensho.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str, args: &str) -> Tmux {
        let socket = format!("kensho-{name}-{}", std::process::id());
        let cmd = format!(
            "cd {} && TERM=xterm-256color LANG=C.UTF-8 XDG_CONFIG_HOME=/nonexistent {} {args}",
            env!("CARGO_MANIFEST_DIR"),
            env!("CARGO_BIN_EXE_kensho"),
        );
        let t = Tmux { socket };
        t.run(&["new-session", "-d", "-s", "k", "-x", "80", "-y", "24", &cmd]);
        t
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", "k", k]);
            std::thread::sleep(Duration::from_millis(80));
        }
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "k"])
    }

    /// (column, row) of the pane's cursor.
    fn cursor(&self) -> (usize, usize) {
        let at = self.run(&["display", "-p", "-t", "k", "#{cursor_x},#{cursor_y}"]);
        let (x, y) = at.trim().split_once(',').unwrap();
        (x.parse().unwrap(), y.parse().unwrap())
    }

    /// Wait until `ok` holds of the screen and the cursor.
    fn wait(&self, what: &str, ok: impl Fn(&str, (usize, usize)) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let (s, at) = (self.screen(), self.cursor());
            if ok(&s, at) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{what}; cursor {at:?}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

/// The cursor's row holds `text`, and the cursor is in column `col`.
fn on(s: &str, (x, y): (usize, usize), text: &str, col: usize) -> bool {
    x == col && s.lines().nth(y).is_some_and(|l| l.contains(text))
}

pub fn the_cursor_stands_on_the_focus() {
    let t = Tmux::start("cursor", "--lang en records");
    t.wait("the board", |s, _| s.contains("1-1-a"));
    t.keys(&["j", "j", "j"]);
    t.wait("the outline's selected row", |s, at| {
        on(s, at, "❯     1-1-d", 1)
    });
    t.keys(&["j"]);
    t.wait("the next row", |s, at| on(s, at, "❯     1-1-e", 1));
    // A picker: the codes of the item, the highlighted entry.
    t.keys(&["s", "k"]);
    t.wait("the picker's highlighted entry", |s, at| {
        s.contains("Set a code") && on(s, at, "実施区分 C", at.0) && at.0 > 2
    });
    t.keys(&["Escape"]);
    t.wait("back on the row", |s, at| on(s, at, "❯     1-1-e", 1));
    t.keys(&["p"]);
    t.wait("the walkthrough's title", |s, at| {
        s.contains("agenda 5 of 88") && on(s, at, "1-1-e", 1)
    });
    t.keys(&["Space"]);
    t.wait("the next item's title", |s, at| on(s, at, "1-2-a", 1));
    t.keys(&["o", "j", "j", "l"]);
    t.wait("the overview's segment", |s, at| {
        on(s, at, "Recommendation 3", at.0) && at.0 > 10
    });
    t.keys(&["q", "q", "q"]);
}

pub fn plain_mode_reads_as_lines() {
    let t = Tmux::start("plain", "--plain --lang en records");
    t.wait("the first line", |s, _| s.contains("1-1-a"));
    t.keys(&["j"]);
    t.wait("a line per move", |s, _| s.contains("1-1-b"));
    let s = t.screen();
    assert!(
        !s.chars().any(|c| ('\u{2500}'..='\u{257f}').contains(&c)),
        "{s}"
    );
    assert!(s.contains("Phase A") || s.contains("実施区分 A"), "{s}");
    t.keys(&["q"]);
}
