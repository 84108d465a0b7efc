//! The files kensho writes are its own: a symbolic link, FIFO, device or
//! folder where the log, the lock or a records file should be is a clear
//! error (never followed, never waited on), and nothing is created in a
//! folder that holds no records.
#![cfg(unix)]

use crate::common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Run kensho; fail the test if it has not ended within ten seconds (a FIFO
/// read or written would block forever).
fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kensho"))
        .arg("--lang")
        .arg("en")
        .args(args)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", common::NO_CONFIG)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("kensho {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

fn records_unchanged(dir: &Path, before: &[(String, Vec<u8>)]) {
    let ron = |s: &[(String, Vec<u8>)]| -> Vec<(String, Vec<u8>)> {
        s.iter()
            .filter(|(n, _)| n.ends_with(".ron"))
            .cloned()
            .collect()
    };
    assert_eq!(ron(&common::snapshot(dir)), ron(before));
}

#[test]
fn a_log_that_is_a_link_to_a_file_elsewhere_is_never_written_through() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let outside = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(outside.path(), "someone else's file\n").unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.join("changes.jsonl")).unwrap();
    let before = common::snapshot(dir);
    let (code, text) = run(dir, &["set", ".", "1-1-a", "phase=B"]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("symbolic link"), "{text}");
    assert!(text.contains("changes.jsonl"), "{text}");
    assert_eq!(
        std::fs::read_to_string(outside.path()).unwrap(),
        "someone else's file\n"
    );
    records_unchanged(dir, &before);
    // Reading it is refused too.
    let (code, text) = run(dir, &["log", "."]);
    assert_eq!(code, 2, "{text}");
}

#[test]
fn a_dangling_lock_link_creates_nothing_outside() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("created-by-kensho");
    std::os::unix::fs::symlink(&target, dir.join(".kensho.lock")).unwrap();
    let (code, text) = run(dir, &["set", ".", "1-1-a", "phase=B"]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("symbolic link"), "{text}");
    assert!(!target.exists());
}

#[test]
fn fifos_and_devices_are_refused_at_once_not_waited_on() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    // A FIFO as the log: the save says so and releases the lock.
    mkfifo(&dir.join("changes.jsonl"));
    let before = common::snapshot(dir);
    let (code, text) = run(dir, &["set", ".", "1-1-a", "phase=B"]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("named pipe (FIFO)"), "{text}");
    records_unchanged(dir, &before);
    for args in [["log", "."], ["verify", "."]] {
        let (code, text) = run(dir, &args);
        assert_eq!(code, 2, "{args:?}: {text}");
        assert!(text.contains("FIFO"), "{args:?}: {text}");
    }
    std::fs::remove_file(dir.join("changes.jsonl")).unwrap();
    // The log as a link to /dev/zero.
    std::os::unix::fs::symlink("/dev/zero", dir.join("changes.jsonl")).unwrap();
    let (code, text) = run(dir, &["set", ".", "1-1-a", "phase=B"]);
    assert_eq!(code, 2, "{text}");
    std::fs::remove_file(dir.join("changes.jsonl")).unwrap();
    // PATH itself a FIFO or a device.
    let fifo = dir.join("pipe");
    mkfifo(&fifo);
    for path in [fifo.to_str().unwrap(), "/dev/zero"] {
        for args in [vec!["check", path], vec!["search", path, "x"]] {
            let (code, text) = run(dir, &args);
            assert_eq!(code, 2, "{args:?}: {text}");
            assert!(text.contains("not a regular file"), "{args:?}: {text}");
        }
    }
    // A meeting file that is a FIFO.
    std::fs::create_dir(dir.join("meetings")).unwrap();
    mkfifo(&dir.join("meetings").join("m.ron"));
    let (code, text) = run(dir, &["minutes", "."]);
    assert_ne!(code, 0, "{text}");
}

#[test]
fn a_folder_without_records_gets_no_lock_and_no_log() {
    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("notes.txt"), "not records").unwrap();
    let (code, text) = run(empty.path(), &["set", ".", "1-1-a", "phase=B"]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("no records"), "{text}");
    assert_eq!(text.matches("error:").count(), 1, "one prefix: {text}");
    let names: Vec<String> = std::fs::read_dir(empty.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["notes.txt".to_string()]);
}

#[test]
fn entries_named_like_records_that_are_not_files_are_reported() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    std::fs::create_dir(dir.join("x.ron")).unwrap();
    mkfifo(&dir.join("y.ron"));
    let (code, text) = run(dir, &["check", "."]);
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains("x.ron") && text.contains("a folder"),
        "{text}"
    );
    assert!(text.contains("y.ron") && text.contains("FIFO"), "{text}");
}
