//! End-to-end: the real binary in a real pseudo-terminal, read through a vt100
//! parser as a terminal would show it.

#![cfg(unix)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

/// The release binary started in a fresh 80x24 pseudo-terminal.
fn spawn(args: &[&str], lang: &str) -> (Box<dyn MasterPty + Send>, Box<dyn Child + Send + Sync>) {
    spawn_in(args, lang, (80, 24), &[])
}

/// The release binary in a pseudo-terminal of `size` (columns, rows), with
/// extra environment variables.
fn spawn_in(
    args: &[&str],
    lang: &str,
    (cols, rows): (u16, u16),
    env: &[(&str, &str)],
) -> (Box<dyn MasterPty + Send>, Box<dyn Child + Send + Sync>) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kensho"));
    cmd.args(args);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", lang);
    cmd.env_remove("LC_ALL");
    cmd.env_remove("NO_COLOR");
    // No configuration of the machine's user reaches the tests.
    cmd.env("XDG_CONFIG_HOME", "/nonexistent/kensho-test-config");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    (pty.master, child)
}

impl Session {
    fn start(args: &[&str], lang: &str) -> Session {
        Session::start_in(args, lang, (80, 24), &[])
    }

    fn start_in(args: &[&str], lang: &str, size: (u16, u16), env: &[(&str, &str)]) -> Session {
        let (master, child) = spawn_in(args, lang, size, env);
        let mut reader = master.try_clone_reader().unwrap();
        let writer = master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(size.1).unwrap(),
            std::num::NonZeroU16::new(size.0).unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            parser,
            raw,
            writer,
            child,
            _master: master,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {text:?}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_gone(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let s = self.screen();
            if !s.contains(text) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "{text:?} did not go away; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Let a lone Esc be read as Esc, not as the start of a sequence.
        std::thread::sleep(Duration::from_millis(60));
    }

    fn wait_exit(&mut self, within: Duration) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "the process did not exit within {within:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn walk_the_board_and_quit_leaving_the_terminal_as_it_was() {
    let mut s = Session::start(&["records"], "ja_JP.UTF-8");
    let first = s.wait_for("1 / 88");
    assert!(first.contains("提言1 区及び生活圏を単位とした支援体制の強化の必要性"));
    assert!(s.parser.lock().unwrap().screen().alternate_screen());

    s.send("j");
    s.wait_for("2 / 88");

    // ← to the point, ← collapses it: its items disappear; → brings them back.
    s.send("h");
    s.send("h");
    let collapsed = s.wait_gone("1-1-e");
    assert!(collapsed.contains("▸ 1-1 区を単位とした"), "{collapsed}");
    s.send("l");
    s.wait_for("1-1-e");

    s.send("?");
    s.wait_for("キー操作");
    s.send("\x1b");
    s.wait_gone("キー操作");

    s.send(":4-2-a\r");
    let detail_hidden = s.wait_for("59 / 88");
    assert!(detail_hidden.contains("4-2-a"));
    s.send("\r");
    let detail = s.wait_for("警察からの同行要請に対する即応体制の整備");
    assert!(detail.contains("実施区分"));
    assert!(detail.contains("具体的な取組内容 (ア)"));
    s.send("\x1b");
    s.wait_gone("具体的な取組内容 (ア)");

    s.send("q");
    let status = s.wait_exit(Duration::from_secs(5));
    assert!(status.success());
    std::thread::sleep(Duration::from_millis(100));
    let screen = s.parser.lock().unwrap();
    assert!(!screen.screen().alternate_screen(), "alternate screen left");
    assert!(!screen.screen().hide_cursor(), "cursor shown again");
    let raw = s.raw.lock().unwrap();
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains("\x1b[?1049l"), "alternate screen restored");
    assert!(text.contains("\x1b[?2004l"), "bracketed paste turned off");
    assert!(
        !text.contains("\x1b[?1000h"),
        "mouse capture is off by default"
    );
}

#[test]
fn english_interface_and_sighup_ends_within_two_seconds() {
    let mut s = Session::start(&["records", "--lang", "en"], "ja_JP.UTF-8");
    let first = s.wait_for("1 / 88");
    assert!(
        first.contains("Outline") || first.contains("Recommendation 1"),
        "{first}"
    );
    let pid = s.child.process_id().unwrap();
    let sent = std::process::Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    s.wait_exit(Duration::from_secs(2));
}

#[test]
fn a_dumb_terminal_gets_a_sentence_and_plain_text_not_a_board() {
    let mut s = Session::start_in(&[], "ja_JP.UTF-8", (80, 24), &[("TERM", "dumb")]);
    let status = s.wait_exit(Duration::from_secs(5));
    assert!(status.success());
    std::thread::sleep(Duration::from_millis(100));
    let screen = s.screen();
    assert!(screen.contains("ボードを開きませんでした"), "{screen}");
    assert!(screen.contains("TERM=dumb"), "{screen}");
    assert!(
        screen
            .lines()
            .any(|l| l.trim_start().starts_with("項目") && l.trim_end().ends_with("88")),
        "{screen}"
    );
    let raw = s.raw.lock().unwrap();
    let raw = String::from_utf8_lossy(&raw);
    assert!(
        !raw.contains("\x1b["),
        "no escape sequence reaches a dumb terminal: {raw:?}"
    );
}

#[test]
fn bad_records_print_their_error_on_a_normal_screen() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("report.ron"), "Report(").unwrap();
    let mut s = Session::start(&[tmp.path().to_str().unwrap()], "en_US.UTF-8");
    let status = s.wait_exit(Duration::from_secs(5));
    assert!(!status.success());
    std::thread::sleep(Duration::from_millis(100));
    assert!(s.screen().contains("report.ron:1:"), "{}", s.screen());
    let raw = s.raw.lock().unwrap();
    assert!(
        !String::from_utf8_lossy(&raw).contains("\x1b[?1049h"),
        "the terminal was never touched"
    );
}

#[test]
fn a_dropped_connection_ends_the_process() {
    // No reader thread here: a cloned reader would keep the master side open.
    let (master, mut child) = spawn(&["records"], "ja_JP.UTF-8");
    let writer = master.take_writer().unwrap();
    std::thread::sleep(Duration::from_millis(500));
    assert!(child.try_wait().unwrap().is_none(), "the board is running");
    // Closing the terminal's master side is what sshd does when the link drops.
    drop(writer);
    drop(master);
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "still running 2 s after the terminal went away"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn search_for_a_japanese_word_selects_and_highlights_and_esc_restores() {
    let mut s = Session::start(&["records"], "ja_JP.UTF-8");
    s.wait_for("1 / 88");
    s.send("/");
    s.wait_for("検索:");
    // Typed as an IME commits it: UTF-8 text.
    s.send("警察");
    let screen = s.wait_for("4 / 88");
    assert!(screen.contains("[/警察"), "{screen}");
    // The best hit is selected (reverse video) and its match highlighted.
    let (row, col) = {
        let parser = s.parser.lock().unwrap();
        let sc = parser.screen();
        let row = (0..24)
            .find(|&r| sc.contents_between(r, 0, r, 80).contains("4-2-a"))
            .unwrap();
        let col = (0..80)
            .find(|&c| sc.cell(row, c).is_some_and(|cell| cell.contents() == "警"))
            .unwrap();
        assert!(
            sc.cell(row, 5).unwrap().inverse(),
            "the row of 4-2-a is selected"
        );
        (row, col)
    };
    {
        let parser = s.parser.lock().unwrap();
        let cell = parser.screen().cell(row, col).unwrap().clone();
        assert_eq!(
            cell.bgcolor(),
            vt100::Color::Idx(3),
            "警 is highlighted (yellow)"
        );
    }
    // The terminal cursor sits after the query, where an IME composes.
    let (cy, cx) = s.parser.lock().unwrap().screen().cursor_position();
    assert_eq!((cy, cx), (23, 6 + 4));
    s.send("\r");
    s.send("\x1b");
    // The full outline is back, the selection kept on the item found.
    let restored = s.wait_gone("[/警察");
    assert!(restored.contains("59 / 88"), "{restored}");
    assert!(
        restored.contains("3-4-a3"),
        "rows that did not match are shown again: {restored}"
    );
    s.send("q");
    assert!(s.wait_exit(Duration::from_secs(5)).success());
}

#[test]
fn the_board_opens_straight_onto_an_agenda() {
    let mut s = Session::start(&["records", "--phase", "C,D"], "ja_JP.UTF-8");
    let screen = s.wait_for("3 / 88");
    assert!(screen.contains("実施区分:C,D"), "{screen}");
    assert!(screen.contains("1-1-d") && screen.contains("3-4-d") && !screen.contains("1-1-a "));
    s.send("q");
    assert!(s.wait_exit(Duration::from_secs(5)).success());
}

#[test]
fn edit_with_keys_give_a_reason_undo_one_and_quit() {
    let tmp = tempfile::tempdir().unwrap();
    for e in
        std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records")).unwrap()
    {
        let e = e.unwrap();
        if e.file_name().to_string_lossy().ends_with(".ron") {
            std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
        }
    }
    let dir = tmp.path().to_str().unwrap().to_string();
    let mut s = Session::start(&[&dir], "ja_JP.UTF-8");
    s.wait_for("1 / 88");
    s.send(":2-1-b\r");
    s.wait_for("24 / 88");
    s.send("D");
    s.wait_for("2-1-b 実施区分: A → D");
    s.send("3");
    s.wait_for("2-1-b 評価区分: I → III");
    s.send("m");
    s.wait_for("理由:");
    s.send("本部会議で決定\r");
    s.wait_gone("理由:");
    s.send("u");
    s.wait_for("2-1-b 評価区分: III → I");
    s.send("q");
    assert!(s.wait_exit(Duration::from_secs(5)).success());
    let records = kensho::domain::records::load(tmp.path()).unwrap();
    let item = records.report.item("2-1-b").unwrap().item.clone();
    assert_eq!(
        (item.phase.0.as_str(), item.direction.0.as_str()),
        ("D", "I")
    );
    let (log, problems) =
        kensho::store::changelog::read(&tmp.path().join("changes.jsonl")).unwrap();
    assert!(problems.is_empty());
    let said: Vec<(String, String, String, String, Option<String>)> = log
        .iter()
        .map(|c| {
            (
                c.field.name().to_string(),
                c.old.clone(),
                c.new.clone(),
                format!("{:?}", c.status).to_lowercase(),
                c.reason.clone(),
            )
        })
        .collect();
    assert_eq!(
        said,
        vec![
            (
                "phase".into(),
                "A".into(),
                "D".into(),
                "applied".into(),
                None
            ),
            (
                "direction".into(),
                "I".into(),
                "III".into(),
                "applied".into(),
                None
            ),
            (
                "direction".into(),
                "III".into(),
                "III".into(),
                "reason".into(),
                Some("本部会議で決定".into())
            ),
            (
                "direction".into(),
                "III".into(),
                "I".into(),
                "applied".into(),
                Some("元に戻す".into())
            ),
        ]
    );
}

#[test]
fn a_running_board_notices_a_change_made_elsewhere() {
    let tmp = tempfile::tempdir().unwrap();
    for e in
        std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records")).unwrap()
    {
        let e = e.unwrap();
        if e.file_name().to_string_lossy().ends_with(".ron") {
            std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
        }
    }
    // A leftover from a save killed halfway is removed when the board starts.
    std::fs::write(tmp.path().join(".recommendation-1.ron.Ab12Cd"), "half").unwrap();
    let dir = tmp.path().to_str().unwrap().to_string();
    let mut s = Session::start(&[&dir], "ja_JP.UTF-8");
    s.wait_for("1 / 88");
    assert!(!tmp.path().join(".recommendation-1.ron.Ab12Cd").exists());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kensho"))
        .args(["set", &dir, "1-1-a", "phase=B"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let started = Instant::now();
    let screen = s.wait_for("他の人の変更を読み込みました");
    assert!(
        started.elapsed() < Duration::from_millis(2600),
        "{:?}",
        started.elapsed()
    );
    assert!(screen.contains("1-1-a 実施区分: A → B"), "{screen}");
    s.send("q");
    assert!(s.wait_exit(Duration::from_secs(5)).success());
}

#[test]
fn the_help_popup_keeps_its_border_over_wide_characters() {
    // At 88 columns the popup's left border falls on the second half of 提.
    let mut s = Session::start_in(&["records"], "ja_JP.UTF-8", (88, 24), &[]);
    s.wait_for("1 / 88");
    s.send("?");
    s.wait_for("キー操作");
    std::thread::sleep(Duration::from_millis(100));
    let parser = s.parser.lock().unwrap();
    let screen = parser.screen();
    let top = (0..24)
        .find(|&r| screen.contents_between(r, 0, r, 88).contains("キー操作"))
        .unwrap();
    let left = (0..88)
        .find(|&c| {
            screen
                .cell(top, c)
                .is_some_and(|x| x.contents() == "┌" && c > 0)
        })
        .unwrap();
    for row in top + 1..22 {
        let cell = screen.cell(row, left).unwrap();
        assert_eq!(
            cell.contents(),
            "│",
            "row {row}: {:?}",
            screen.contents_between(row, 0, row, 88)
        );
    }
    drop(parser);
    s.send("q");
}

#[test]
fn the_selected_row_is_marked_without_colour() {
    let mut s = Session::start_in(&["records"], "ja_JP.UTF-8", (80, 24), &[("NO_COLOR", "1")]);
    let screen = s.wait_for("1 / 88");
    let row = screen.lines().find(|l| l.contains("1-1-a")).unwrap();
    assert!(row.contains("❯"), "{row}");
    s.send("j");
    let screen = s.wait_for("2 / 88");
    let row = screen.lines().find(|l| l.contains("1-1-b")).unwrap();
    assert!(row.contains("❯"), "{row}");
    s.send("q");
    assert!(s.wait_exit(Duration::from_secs(5)).success());
}

#[test]
fn a_scale_code_on_a_command_key_stops_the_board_before_the_terminal_is_touched() {
    let tmp = tempfile::tempdir().unwrap();
    for e in
        std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records")).unwrap()
    {
        let e = e.unwrap();
        if e.file_name().to_string_lossy().ends_with(".ron") {
            std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
        }
    }
    // The phase scale gets a code N (Shift+N would also be "previous hit").
    let report = tmp.path().join("report.ron");
    let text = std::fs::read_to_string(&report)
        .unwrap()
        .replace("code: \"D\"", "code: \"N\"");
    std::fs::write(&report, text).unwrap();
    for rec in std::fs::read_dir(tmp.path()).unwrap() {
        let p = rec.unwrap().path();
        let t = std::fs::read_to_string(&p)
            .unwrap()
            .replace("phase: \"D\"", "phase: \"N\"");
        std::fs::write(&p, t).unwrap();
    }
    let mut s = Session::start(&[tmp.path().to_str().unwrap()], "ja_JP.UTF-8");
    let status = s.wait_exit(Duration::from_secs(5));
    assert!(!status.success());
    std::thread::sleep(Duration::from_millis(100));
    let screen = s.screen();
    assert!(
        screen.contains("実施区分 N") && screen.contains("次・前の検索結果"),
        "{screen}"
    );
    let raw = s.raw.lock().unwrap();
    assert!(
        !String::from_utf8_lossy(&raw).contains("\x1b[?1049h"),
        "the terminal was never touched"
    );
}

fn copy_of_records() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for e in
        std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records")).unwrap()
    {
        let e = e.unwrap();
        if e.file_name().to_string_lossy().ends_with(".ron") {
            std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
        }
    }
    tmp
}

#[test]
fn marks_survive_a_kill_in_the_middle_of_marking_and_a_restart() {
    let tmp = copy_of_records();
    let dir = tmp.path().to_str().unwrap().to_string();
    let name = "2026-11 本部会議";
    let file = kensho::domain::meeting::meeting_file(tmp.path(), name);
    let report = kensho::domain::records::load(tmp.path()).unwrap().report;
    for round in 0..6u64 {
        let mut s = Session::start(&[&dir, "--meeting", name], "ja_JP.UTF-8");
        s.wait_for("審議済");
        s.send("r");
        // Killed while (or just after) the next marks are written.
        s.writer.write_all(b"rrr").unwrap();
        s.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(round * 4));
        let pid = s.child.process_id().unwrap().to_string();
        let killed = std::process::Command::new("kill")
            .args(["-9", &pid])
            .status()
            .unwrap();
        assert!(killed.success());
        let _ = s.child.wait();
        // The file is always whole, and holds at least the first mark.
        let m = kensho::domain::meeting::load_meeting(&file, &report).unwrap();
        assert!(m.reviewed() >= 1, "round {round}");
    }
    let m = kensho::domain::meeting::load_meeting(&file, &report).unwrap();
    let mut s = Session::start(&[&dir, "--meeting", name], "ja_JP.UTF-8");
    let screen = s.wait_for("審議済");
    assert!(
        screen.contains(&format!("審議済み {} / 88", m.reviewed())),
        "{screen}"
    );
    s.send("q");
    assert!(s.wait_exit(Duration::from_secs(5)).success());
}

/// Times in the minutes change from run to run.
fn without_times(text: &str) -> String {
    // YYYY-MM-DD HH:MM
    let shape = b"dddd-dd-dd dd:dd";
    let bytes = text.as_bytes();
    let is_time = |at: usize| {
        bytes.len() >= at + shape.len()
            && shape.iter().zip(&bytes[at..]).all(|(s, b)| {
                if *s == b'd' {
                    b.is_ascii_digit()
                } else {
                    s == b
                }
            })
    };
    let mut out = String::new();
    let mut at = 0;
    while at < bytes.len() {
        if is_time(at) {
            out.push_str("<time>");
            at += shape.len();
        } else {
            let c = text[at..].chars().next().unwrap();
            out.push(c);
            at += c.len_utf8();
        }
    }
    out
}

#[test]
fn a_scripted_meeting_and_its_minutes() {
    let tmp = copy_of_records();
    let dir = tmp.path().to_str().unwrap().to_string();
    let name = "2026-11 本部会議";
    let env = [("USER", "sato"), ("LOGNAME", "sato")];
    let mut s = Session::start_in(&[&dir, "--meeting", name], "ja_JP.UTF-8", (100, 30), &env);
    s.wait_for("1-1-a  1 / 88");
    // 1-1-a: phase D, with a reason; reviewed (and on to the next).
    s.send("D");
    s.wait_for("会議前 A → D");
    s.send("m");
    s.send("中期的に検討すると決定\r");
    s.wait_for("理由を記録しました");
    s.send("r");
    s.wait_for("1-1-b  2 / 88");
    s.send(" ");
    s.wait_for("1-1-c  3 / 88");
    // 1-1-c: direction III, with a reason; reviewed.
    s.send("3");
    s.wait_for("会議前 II → III");
    s.send("m");
    s.send("取組を終結\r");
    s.wait_for("理由を記録しました");
    s.send("r");
    s.wait_for("1-1-d  4 / 88");
    s.send(" ");
    s.wait_for("1-1-e  5 / 88");
    s.send("q");
    assert!(s.wait_exit(Duration::from_secs(5)).success());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kensho"))
        .args(["minutes", &dir, "--meeting", name])
        .env_remove("LANG")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The log names the account of the real user; LOGNAME=sato shows beside it.
    let account = uzers::get_current_username()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let minutes = without_times(&String::from_utf8_lossy(&out.stdout))
        .replace(&format!("{account} (sato)"), "sato");
    let golden_path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/minutes_ja.md");
    if std::env::var_os("KENSHO_BLESS").is_some() {
        std::fs::write(&golden_path, &minutes).unwrap();
    }
    let golden = std::fs::read_to_string(&golden_path).unwrap();
    assert_eq!(
        minutes, golden,
        "the minutes differ from tests/golden/minutes_ja.md (KENSHO_BLESS=1 rewrites it)"
    );
}

impl Session {
    /// Wait up to `within` until `ok` holds for the screen; how long it took.
    fn wait_until(&self, within: Duration, what: &str, ok: impl Fn(&str) -> bool) -> Duration {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return start.elapsed();
            }
            assert!(
                start.elapsed() < within,
                "not within {within:?}: {what}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// The row of the outline marked selected.
fn selected_row(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains('❯'))
        .unwrap_or_default()
        .to_string()
}

/// Every file in `dir` but the presence file, with its bytes.
fn files_of(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && !p.ends_with(kensho::domain::presence::PRESENCE_FILE))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn followers_in_other_terminals_keep_step_with_the_presenter() {
    let tmp = copy_of_records();
    let dir = tmp.path().to_str().unwrap().to_string();
    let mut p = Session::start_in(&["--present", &dir], "ja_JP.UTF-8", (120, 40), &[]);
    p.wait_for("発表中");
    // Three attendees: other sizes, other languages.
    let mut followers = vec![
        Session::start_in(&["--follow", &dir], "en_US.UTF-8", (80, 24), &[]),
        Session::start_in(&["--follow", &dir], "ja_JP.UTF-8", (100, 30), &[]),
        Session::start_in(&["--follow", &dir], "ja_JP.UTF-8", (200, 50), &[]),
    ];
    followers[0].wait_for("following");
    followers[1].wait_for("追従中");
    followers[2].wait_for("追従中");

    // The presenter moves: every follower shows the item within a second.
    p.send(":3-4-d\r");
    p.wait_for("49 / 88");
    for f in &followers {
        let took = f.wait_until(Duration::from_secs(1), "3-4-d selected", |s| {
            selected_row(s).contains("3-4-d")
        });
        eprintln!("follower saw the move after {took:?}");
    }
    // The walkthrough, the same item.
    p.send("p");
    p.wait_for("協働の推進に向けた職員間の情報共有ツール");
    for f in &followers {
        f.wait_until(Duration::from_secs(1), "the walkthrough", |s| {
            s.contains("3-4-d  49 / 88")
        });
    }
    // A status set by the presenter shows within two seconds.
    p.send("B");
    p.wait_for("すぐに取り組むべき項目");
    for f in &followers {
        let took = f.wait_until(Duration::from_secs(2), "phase B", |s| {
            s.lines()
                .any(|l| l.contains(" B ") && (l.contains("実施区分")))
        });
        eprintln!("follower saw the status after {took:?}");
    }

    // A follower's edit keys change nothing on disk.
    let before = files_of(tmp.path());
    let f = &mut followers[0];
    for keys in ["A", "1", "u", "\x12", "r", "w", "s", "e", "m"] {
        f.send(keys);
        f.wait_for("read-only");
        f.send("\x1b");
        f.send("p");
    }
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(files_of(tmp.path()), before, "a follower wrote something");

    // The presenter is killed: the followers say so and go on working.
    let pid = p.child.process_id().unwrap().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-9", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    let _ = p.child.wait();
    followers[0].wait_for("presenter left");
    followers[1].wait_for("発表終了");
    let f = &mut followers[0];
    f.send("\x1b");
    let before = selected_row(&f.screen());
    f.send("j");
    f.wait_until(Duration::from_secs(2), "j moves", |s| {
        selected_row(s) != before
    });
    for f in &mut followers {
        f.send("q");
        assert!(f.wait_exit(Duration::from_secs(5)).success());
    }
}

#[test]
fn keys_and_language_from_the_config_file() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config.ron");
    std::fs::write(
        &config,
        "(lang: \"en\", theme: \"high-contrast\", keys: { \"board\": { \"search\": [\"z\"] } })",
    )
    .unwrap();
    let c = config.to_str().unwrap();
    // A Japanese locale: the file's language wins.
    let mut s = Session::start(&["--config", c, "records"], "ja_JP.UTF-8");
    s.wait_for("Outline");
    s.send("?");
    let help = s.wait_for("search (narrows as you type)");
    assert!(
        help.lines()
            .any(|l| l.contains("│z ") && l.contains("search (narrows")),
        "{help}"
    );
    s.send("\x1b");
    s.wait_gone("search (narrows as you type)");
    s.send("z");
    s.wait_for("Search:");
    s.send("\x1b");
    // The theme's colours reach the terminal: the whole screen on black
    // (the dark theme leaves the terminal's own background).
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    assert!(raw.contains(";48;5;0m"), "no black background");
    s.send("q");
    assert!(s.wait_exit(Duration::from_secs(5)).success());
}

#[test]
fn escape_sequences_and_joiners_in_the_records_keep_the_borders_and_never_reach_the_terminal() {
    let dir = copy_of_records();
    let file = dir.path().join("recommendation-1.ron");
    let hostile =
        r#"\u{1b}]52;c;aGk=\u{7}\u{1b}[2J\u{9b}31m\u{7f}\u{202e}ab\u{200d}👨\u{200d}👩\t\r!"#;
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("progress: \"", &format!("progress: \"{hostile}"))
        .replacen("title: \"", &format!("title: \"{hostile}"), 2);
    std::fs::write(&file, text).unwrap();
    let (cols, rows) = (150, 30);
    let mut s = Session::start_in(
        &[dir.path().to_str().unwrap()],
        "ja_JP.UTF-8",
        (cols, rows),
        &[],
    );
    s.wait_for("1 / 88");
    s.wait_for("␛]52");
    std::thread::sleep(Duration::from_millis(200));
    {
        let parser = s.parser.lock().unwrap();
        let screen = parser.screen();
        for row in 2..rows - 2 {
            let line = screen.contents_between(row, 0, row, cols);
            for col in [0, cols - 1] {
                assert_eq!(
                    screen.cell(row, col).unwrap().contents(),
                    "│",
                    "row {row} col {col}: {line:?}"
                );
            }
        }
    }
    let raw = s.raw.lock().unwrap().clone();
    for bad in [
        &b"\x1b]52"[..],
        b"\x07",
        b"\xc2\x9b",
        b"\x7f",
        b"\xe2\x80\xae",
    ] {
        assert!(
            !raw.windows(bad.len()).any(|w| w == bad),
            "{bad:?} reached the terminal"
        );
    }
    s.send("q");
    s.wait_exit(Duration::from_secs(5));
}

/// Whether the terminal is back in its cooked mode: echo and line editing on.
fn cooked(s: &Session) -> bool {
    use rustix::termios::LocalModes;
    let t = s._master.get_termios().unwrap();
    let want = (LocalModes::ECHO | LocalModes::ICANON).bits();
    u64::from(t.local_flags.bits()) & u64::from(want) == u64::from(want)
}

#[test]
fn every_ending_signal_restores_the_terminal_and_says_so_in_the_exit_status() {
    for (name, number) in [
        ("QUIT", 3),
        ("USR1", 10),
        ("ALRM", 14),
        ("TERM", 15),
        ("INT", 2),
    ] {
        let mut s = Session::start(&["records"], "ja_JP.UTF-8");
        s.wait_for("1 / 88");
        assert!(!cooked(&s), "{name}: raw mode while the board runs");
        let pid = s.child.process_id().unwrap();
        let sent = std::process::Command::new("kill")
            .args([&format!("-{name}"), &pid.to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let status = s.wait_exit(Duration::from_secs(3));
        assert_eq!(status.exit_code(), 128 + number, "{name}");
        std::thread::sleep(Duration::from_millis(100));
        let parser = s.parser.lock().unwrap();
        assert!(
            !parser.screen().alternate_screen(),
            "{name}: alternate screen left"
        );
        assert!(!parser.screen().hide_cursor(), "{name}: cursor shown");
        drop(parser);
        assert!(cooked(&s), "{name}: echo and line editing back on");
    }
}
