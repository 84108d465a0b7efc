//! What kensho writes where the user says: never over one of its own files
//! (not even through a link), text through the terminal's filter, CSV cells
//! that a spreadsheet would run made text; and its own sub-folders are
//! never written through a link.

use crate::common;
use common::run::{kensho_at, set, text};

use std::os::unix::fs::symlink;
use std::path::Path;

/// A meeting of 1-1-a whose times hold terminal escapes.
fn meeting_with_escapes(dir: &Path) {
    std::fs::create_dir_all(dir.join("meetings")).unwrap();
    let evil = r"\u{1b}]0;pwned\u{7}\u{1b}[2J2026-11-24T10:00:00+09:00";
    std::fs::write(
        dir.join("meetings").join("m.ron"),
        format!(
            "Meeting(\n    name: \"m\",\n    started: \"{evil}\",\n    closed: Some(\"{evil}\"),\n    agenda: [\n        Entry(item: \"1-1-a\", reviewed: Some(Review(by: \"x\", at: \"{evil}\"))),\n    ],\n)\n"
        ),
    )
    .unwrap();
}

#[test]
fn out_never_replaces_one_of_kenshos_own_files_even_through_a_link() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    assert!(set(dir, &["1-1-a", "phase=B"]).status.success());
    meeting_with_escapes(dir);
    let elsewhere = tempfile::tempdir().unwrap();
    symlink(dir.join("changes.jsonl"), elsewhere.path().join("log.csv")).unwrap();
    let before = common::snapshot(dir);
    let targets = [
        dir.join("changes.jsonl"),
        dir.join("recommendation-2.ron"),
        dir.join("new.ron"),
        dir.join(".kensho.lock"),
        dir.join("meetings").join("m.ron"),
        dir.join("meetings").join("other.md"),
        dir.join(".kensho-cache").join("x.csv"),
        elsewhere.path().join("log.csv"),
    ];
    let path = dir.to_str().unwrap();
    for target in &targets {
        let out = target.to_str().unwrap();
        for args in [
            vec![
                "--lang", "en", "export", path, "--format", "csv", "--out", out,
            ],
            vec![
                "--lang", "en", "export", path, "--format", "xlsx", "--out", out,
            ],
            vec![
                "--lang",
                "en",
                "minutes",
                path,
                "--meeting",
                "m",
                "--out",
                out,
            ],
        ] {
            let run = kensho_at(dir, &args);
            assert_eq!(run.status.code(), Some(2), "{args:?}: {}", text(&run));
            assert!(
                text(&run).contains("one of kensho's own files"),
                "{args:?}: {}",
                text(&run)
            );
        }
    }
    assert_eq!(
        common::snapshot(dir),
        before,
        "nothing of kensho's replaced"
    );
}

#[test]
fn a_refused_out_is_said_in_japanese_and_a_file_beside_the_records_is_fine() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    assert!(set(dir, &["1-1-a", "phase=B"]).status.success());
    let path = dir.to_str().unwrap();
    let log = dir.join("changes.jsonl");
    let run = kensho_at(
        dir,
        &[
            "--lang",
            "ja",
            "export",
            path,
            "--format",
            "csv",
            "--out",
            log.to_str().unwrap(),
        ],
    );
    assert!(
        text(&run).contains("kensho 自身のファイル（変更履歴）"),
        "{}",
        text(&run)
    );
    let fine = dir.join("table.csv");
    let run = kensho_at(
        dir,
        &[
            "export",
            path,
            "--format",
            "csv",
            "--out",
            fine.to_str().unwrap(),
        ],
    );
    assert!(run.status.success(), "{}", text(&run));
}

#[test]
fn minutes_files_carry_no_terminal_escapes() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    meeting_with_escapes(dir);
    // A log line whose time holds escapes too.
    assert!(set(dir, &["1-1-a", "phase=B"]).status.success());
    let log = dir.join("changes.jsonl");
    let line = std::fs::read_to_string(&log).unwrap();
    let line = line.replacen(
        "\"timestamp\":\"",
        "\"timestamp\":\"\\u001b]52;c;cHduZWQ=\\u0007",
        1,
    );
    std::fs::write(&log, line).unwrap();
    let path = dir.to_str().unwrap();
    for format in ["markdown", "json"] {
        let out = dir.join(format!("minutes.{format}"));
        let run = kensho_at(
            dir,
            &[
                "minutes",
                path,
                "--meeting",
                "m",
                "--format",
                format,
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert!(run.status.success(), "{}", text(&run));
        let written = std::fs::read_to_string(&out).unwrap();
        assert!(
            !written.contains('\u{1b}') && !written.contains('\u{7}'),
            "{format}: {written:?}"
        );
        if format == "markdown" {
            assert!(written.contains('␛'), "shown, not dropped: {written}");
        }
    }
}

#[test]
fn csv_cells_a_spreadsheet_would_run_are_made_text_unless_raw() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let formulas = ["=HYPERLINK(\"http://x\",\"a\")", "+1+1", "-2+3", "@SUM(A1)"];
    for (k, f) in formulas.iter().enumerate() {
        let id = ["1-1-a", "1-1-b", "1-1-c", "1-1-d"][k];
        assert!(set(dir, &[id, &format!("progress={f}")]).status.success());
    }
    let path = dir.to_str().unwrap();
    let run = kensho_at(dir, &["export", path, "--format", "csv"]);
    let csv = String::from_utf8_lossy(&run.stdout).into_owned();
    let raw = kensho_at(dir, &["export", path, "--format", "csv", "--raw"]);
    let raw = String::from_utf8_lossy(&raw.stdout).into_owned();
    let cells = |csv: &str| -> Vec<String> {
        let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
        reader
            .records()
            .map(|r| r.unwrap().get(11).unwrap().to_string())
            .collect()
    };
    let (safe, raw) = (cells(&csv), cells(&raw));
    for f in formulas {
        assert!(safe.contains(&format!("'{f}")), "{f}: {safe:?}");
        assert!(raw.contains(&f.to_string()), "{f}");
    }
    // Ordinary text is untouched.
    assert_eq!(safe.len(), raw.len());
    let same = safe.iter().zip(&raw).filter(|(a, b)| a == b).count();
    assert_eq!(same, safe.len() - formulas.len());
}

#[test]
fn the_cache_and_meetings_folders_are_never_written_through_a_link() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let elsewhere = tempfile::tempdir().unwrap();
    let cache = dir.join(".kensho-cache");
    std::fs::create_dir(&cache).unwrap();
    symlink(elsewhere.path(), cache.join("parsed")).unwrap();
    symlink(elsewhere.path(), dir.join("meetings")).unwrap();
    let path = dir.to_str().unwrap();
    // A command that keeps parsed copies, and a save.
    assert!(kensho_at(dir, &["search", path, "1-1-a"]).status.success());
    assert!(set(dir, &["1-1-a", "phase=B"]).status.success());
    // A meeting started on the board writes into meetings/: refused.
    let mut board = common::TestBoard::on_dir(dir, kensho::i18n::Lang::En, 100, 30);
    board.keys("M Ctrl-u");
    board.type_text("m");
    board.keys("Enter");
    assert!(
        board.message().contains("File exists") || board.message().contains("exists"),
        "{}",
        board.message()
    );
    let through: Vec<_> = std::fs::read_dir(elsewhere.path()).unwrap().collect();
    assert!(through.is_empty(), "written through a link: {through:?}");
}

/// `--out` onto a named pipe (or a device: `/dev/stdout`, `/dev/null`)
/// writes into it; it is never replaced by a file.
#[test]
fn out_writes_into_a_pipe_or_a_device_and_never_replaces_it() {
    use std::io::Read;
    use std::os::unix::fs::FileTypeExt;
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return;
    }
    let reading = fifo.clone();
    let reader = std::thread::spawn(move || {
        let mut got = Vec::new();
        std::fs::File::open(&reading)
            .unwrap()
            .read_to_end(&mut got)
            .unwrap();
        got
    });
    let records = common::records_dir();
    let out = kensho_at(
        &records,
        &[
            "export",
            ".",
            "--format",
            "json",
            "--out",
            fifo.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        std::fs::metadata(&fifo).unwrap().file_type().is_fifo(),
        "the pipe is still a pipe"
    );
    let got = String::from_utf8(reader.join().unwrap()).unwrap();
    assert!(got.contains("\"1-1-a\""), "the export came down the pipe");
    for format in ["xlsx", "csv"] {
        let out = kensho_at(
            &records,
            &["export", ".", "--format", format, "--out", "/dev/null"],
        );
        assert!(out.status.success(), "{format}: {}", text(&out));
        let null = std::fs::metadata("/dev/null").unwrap().file_type();
        assert!(
            null.is_char_device(),
            "{format}: /dev/null is still a device"
        );
    }
}
