//! How a board ends, or never starts: quit, signals, a dropped connection,
//! a dumb terminal, bad records, a key taken twice.

use std::io::Write;
use std::time::{Duration, Instant};

use super::*;

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
fn a_dumb_terminal_gets_the_plain_board_not_a_drawn_one() {
    let mut s = Session::start_in(&[], "ja_JP.UTF-8", (80, 24), &[("TERM", "dumb")]);
    s.wait_for("簡易表示");
    s.wait_for("1-1-a");
    s.send("q");
    let status = s.wait_exit(Duration::from_secs(5));
    assert!(status.success());
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
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "still running 2 s after the terminal went away"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    // Ended as by SIGHUP, as a shell would report it.
    assert_eq!(status.exit_code(), 129, "{status:?}");
}

#[test]
fn a_dropped_connection_with_a_change_not_saved_ends_as_sighup_too() {
    // The disk fails: the change stays unsaved, and the board's last words
    // (the changes not saved) go to a terminal that is gone.
    let tmp = copy_of_records();
    let (master, mut child) = spawn_in(
        &[tmp.path().to_str().unwrap()],
        "en_US.UTF-8",
        (80, 24),
        &[("KENSHO_INJECT_FAULT", "records")],
    );
    let mut writer = master.take_writer().unwrap();
    std::thread::sleep(Duration::from_millis(500));
    writer.write_all(b"B").unwrap();
    writer.flush().unwrap();
    std::thread::sleep(Duration::from_millis(500));
    assert!(child.try_wait().unwrap().is_none(), "the board is running");
    drop(writer);
    drop(master);
    let deadline = Instant::now() + Duration::from_secs(3);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "still running");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.exit_code(), 129, "{status:?}");
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

/// The state letter of process `pid` (`T`: stopped).
fn state_of(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit(')')
        .next()
        .and_then(|rest| rest.trim_start().chars().next())
        .unwrap_or('?')
}

fn wait_until_true(what: &str, ok: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while !ok() {
        assert!(Instant::now() < deadline, "{what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_stop_from_outside_gives_the_terminal_back_and_a_continue_takes_it_again() {
    let mut s = Session::start(&["records"], "ja_JP.UTF-8");
    s.wait_for("1 / 88");
    assert!(!cooked(&s));
    let pid = s.child.process_id().unwrap();
    let kill = |signal: &str| {
        let sent = std::process::Command::new("kill")
            .args([signal, &pid.to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
    };
    kill("-TSTP");
    wait_until_true("stopped", || state_of(pid) == 'T');
    assert!(cooked(&s), "the terminal is given back before the stop");
    // The reader thread may not have taken the last bytes yet.
    wait_until_true("left the alternate screen", || {
        String::from_utf8_lossy(&s.raw.lock().unwrap()).contains("\x1b[?1049l")
    });
    // fg: the board takes the terminal again and answers keys.
    kill("-CONT");
    wait_until_true("raw again", || !cooked(&s));
    s.send("j");
    s.wait_for("2 / 88");
    // Ctrl-z goes the same way (it timed out asking the cursor's place).
    s.send("\x1a");
    wait_until_true("stopped by Ctrl-z", || state_of(pid) == 'T');
    assert!(cooked(&s));
    kill("-CONT");
    wait_until_true("raw again after Ctrl-z", || !cooked(&s));
    s.send("j");
    s.wait_for("3 / 88");
    s.send("q");
    assert!(s.wait_exit(Duration::from_secs(5)).success());
}
