//! The board in a terminal: walking, searching, editing, help, colours off,
//! the configuration file, hostile text.

use std::time::{Duration, Instant};

use super::*;

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
fn search_for_a_japanese_word_selects_and_highlights_and_esc_restores() {
    let mut s = Session::start(&["records"], "ja_JP.UTF-8");
    s.wait_for("1 / 88");
    s.send("/");
    s.wait_for("検索:");
    // Typed as an IME commits it: UTF-8 text.
    s.send("警察");
    let screen = s.wait_for("1 / 4 件目");
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
    // The prompt names the change the reason goes with.
    s.wait_for("理由（2-1-b 評価区分: I → III）:");
    s.send("本部会議で決定\r");
    s.wait_gone("理由（");
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

#[test]
fn every_resize_of_the_window_is_drawn_without_a_key() {
    let tmp = copy_of_records();
    let mut s = Session::start(&[tmp.path().to_str().unwrap()], "en_US.UTF-8");
    s.wait_for("1 / 88");
    // Wide: outline and detail side by side; narrow: the outline alone.
    for round in 0..12 {
        s.resize(130, 30);
        s.wait_until(
            Duration::from_secs(3),
            &format!("wide, round {round}"),
            |screen| screen.contains("Detail"),
        );
        s.resize(80, 24);
        s.wait_until(
            Duration::from_secs(3),
            &format!("narrow, round {round}"),
            |screen| !screen.contains("Detail") && screen.contains("1 / 88"),
        );
    }
    s.send("q");
    s.wait_exit(Duration::from_secs(5));
}
