//! Text from the records is data, never terminal commands: every command and
//! every output format run on records full of escape sequences, C1 controls,
//! DEL, bidirectional overrides and zero-width joiners, and no byte of them
//! reaches the output raw.

use crate::common;

use std::path::Path;
use std::process::Command;

use kensho::domain::model::Note;
use kensho::domain::records::load;
use kensho::i18n::Lang;

/// OSC 52 (write the clipboard), BEL, clear screen, CSI as C1, DEL, a
/// right-to-left override, a zero-width joiner, a tab and a lone CR.
const H: &str = "\u{1b}]52;c;aGk=\u{7}\u{1b}[2J\u{9b}31m\u{7f}\u{202e}ab\u{200d}\u{85}\t\r!";

/// What must never be in an output: ESC, BEL, DEL, any C1 control, the bidi
/// override and the zero-width joiner as they are.
fn raw_controls(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut found = Vec::new();
    for (i, c) in text.char_indices() {
        let bad = matches!(c, '\u{1b}' | '\u{7}' | '\u{7f}' | '\u{80}'..='\u{9f}')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200d}')
            || (c == '\r' && !text[i + 1..].starts_with('\n'));
        if bad {
            let from = text.floor_char_boundary(i.saturating_sub(30));
            found.push(format!("U+{:04X} after {:?}", c as u32, &text[from..i]));
        }
    }
    found
}

fn run(dir: &Path, args: &[&str]) -> (Vec<u8>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kensho"))
        .args(args)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", common::NO_CONFIG)
        .env("USER", H)
        .env("LOGNAME", H)
        .env_remove("KENSHO_INJECT_FAULT")
        .output()
        .unwrap();
    let mut all = out.stdout.clone();
    all.extend_from_slice(&out.stderr);
    let shown = String::from_utf8_lossy(&all).into_owned();
    (all, shown)
}

fn assert_clean(what: &str, bytes: &[u8], shown: &str) {
    let found = raw_controls(bytes);
    assert!(found.is_empty(), "{what}: raw {found:?}\n{shown}");
}

/// A copy of the bundled records with `H` in every kind of text: the title,
/// the source, scale names, descriptions and meanings, recommendation, point,
/// policy and measure texts, item texts, departments and notes.
fn hostile_records() -> tempfile::TempDir {
    let tmp = common::copy_records();
    let mut records = load(tmp.path()).unwrap();
    let r = &mut records.report;
    r.title = format!("報告書{H}");
    r.source = H.into();
    for scale in [&mut r.phase_scale, &mut r.direction_scale] {
        scale.name = format!("区分{H}");
        scale.description = H.into();
        for c in &mut scale.codes {
            c.meaning = format!("{}{H}", c.meaning);
        }
    }
    for rec in &mut r.recommendations {
        rec.title = format!("{}{H}", rec.title);
        for p in &mut rec.points {
            p.title = format!("{H}{}", p.title);
            p.policy.text = format!("{}{H}", p.policy.text);
            p.policy.assessment = H.into();
            p.policy.note = Some(Note {
                ja: H.into(),
                en: H.into(),
            });
            for m in &mut p.measures {
                m.text = Some(format!("措置{H}"));
                for item in &mut m.items {
                    item.progress = format!("{}{H}", item.progress);
                    item.assessment = format!("{H}{}", item.assessment);
                    item.departments.push(format!("部{H}"));
                    item.note = Some(Note {
                        ja: H.into(),
                        en: H.into(),
                    });
                }
            }
        }
    }
    kensho::store::write_records(&records).unwrap();
    tmp
}

#[test]
fn no_command_prints_a_control_character_from_the_records() {
    let tmp = hostile_records();
    let dir = tmp.path();
    let d = dir.to_str().unwrap();
    let sets: &[&[&str]] = &[
        &["set", d, "1-1-a", &format!("progress={H}"), "--reason", H],
        // The old value printed is now hostile too.
        &["set", d, "1-1-a", "progress=ok", "--reason", H],
        &["set", d, "1-1-b", "phase=B"],
    ];
    for lang in ["ja", "en"] {
        for args in sets {
            let mut all = vec!["--lang", lang];
            all.extend_from_slice(args);
            let (bytes, shown) = run(dir, &all);
            assert_clean(&format!("{all:?}"), &bytes, &shown);
        }
    }
    let open = dir.join("open");
    let open = open.to_str().unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["check", d],
        vec!["search", d, "児童"],
        vec!["search", d, "--json", "児童"],
        vec!["search", d, "'aGk"],
        vec!["log", d],
        vec!["log", d, "--json"],
        vec!["verify", d],
        vec!["export", d, "--format", "json"],
        vec!["export", d, "--format", "csv"],
        vec!["export", d, "--format", "markdown"],
        vec!["export", d, "--format", "opendata", "--out", open],
        vec!["minutes", d],
    ];
    for lang in ["ja", "en"] {
        for args in &commands {
            let mut all = vec!["--lang", lang];
            all.extend_from_slice(args);
            let (bytes, shown) = run(dir, &all);
            assert_clean(&format!("{all:?}"), &bytes, &shown);
        }
    }
    // The open data's files are as clean as the output, and keep their rules.
    let files: Vec<std::path::PathBuf> = ["011002_progress.csv", "011002_progress_departments.csv"]
        .iter()
        .map(|f| dir.join("open").join(f))
        .collect();
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        assert_clean(
            &file.display().to_string(),
            &bytes,
            &String::from_utf8_lossy(&bytes),
        );
    }
    let found = kensho::domain::opendata::check::check_files(&files[0], &files[1]).unwrap();
    assert_eq!(found, vec![]);
    // A field changed by hand to a hostile value: verify prints both values.
    let file = dir.join("recommendation-1.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("phase: \"B\"", "phase: \"C\"", 1)).unwrap();
    let (bytes, shown) = run(dir, &["--lang", "en", "verify", d]);
    assert_clean("verify with differences", &bytes, &shown);
    assert!(shown.contains("differs"), "{shown}");
}

#[test]
fn json_outputs_carry_the_hostile_text_escaped_and_whole() {
    let tmp = hostile_records();
    let dir = tmp.path();
    let d = dir.to_str().unwrap();
    let (bytes, _) = run(dir, &["export", d, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(doc["title"], format!("報告書{H}"));
    run(dir, &["set", d, "1-1-a", "phase=B", "--reason", H]);
    let (bytes, _) = run(dir, &["log", d, "--json"]);
    let line: serde_json::Value =
        serde_json::from_slice(bytes.split(|&b| b == b'\n').next().unwrap()).unwrap();
    assert_eq!(line["reason"], H);
    // The log file itself is as safe to `cat` as the output.
    let log = std::fs::read(dir.join("changes.jsonl")).unwrap();
    assert_clean("changes.jsonl", &log, &String::from_utf8_lossy(&log));
}

#[test]
fn errors_about_hostile_ids_codes_and_file_names_are_printed_visibly() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let file = dir.join("recommendation-2.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text
        .replacen("id: \"2-1-a\"", "id: \"2-1-\\u{1b}[2J\"", 1)
        .replacen("phase: \"", "phase: \"\\u{9b}", 1);
    std::fs::write(&file, text).unwrap();
    std::fs::write(
        dir.join("x\u{1b}]0;title\u{7}.ron"),
        "Recommendation(\u{1b}[31m",
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    for lang in ["ja", "en"] {
        for args in [
            vec!["check", d],
            vec!["search", d, "x"],
            vec!["export", d, "--format", "csv"],
            vec!["verify", d],
            vec!["log", d],
            vec!["set", d, "1-1-a", "phase=B"],
            vec!["set", d, "1-1-\u{1b}[2J", "phase=\u{9b}B"],
        ] {
            let mut all = vec!["--lang", lang];
            all.extend_from_slice(&args);
            let (bytes, shown) = run(dir, &all);
            assert_clean(&format!("{all:?}"), &bytes, &shown);
            assert!(shown.contains("␛"), "{all:?} names the culprit: {shown}");
        }
    }
}

#[test]
fn a_hostile_value_in_an_option_is_not_echoed_raw() {
    let tmp = common::copy_records();
    let d = tmp.path().to_str().unwrap();
    for lang in ["ja", "en"] {
        for args in [
            vec!["export", d, "--format", H],
            vec!["generate", "--items", H, d],
            vec!["check", d, H, H],
        ] {
            let mut all = vec!["--lang", lang];
            all.extend_from_slice(&args);
            let (bytes, shown) = run(tmp.path(), &all);
            assert_clean(&format!("{all:?}"), &bytes, &shown);
        }
    }
}

#[test]
fn the_board_shows_hostile_text_visibly_on_every_screen() {
    let tmp = hostile_records();
    let dir = tmp.path();
    for (w, h) in [(80, 24), (160, 48)] {
        let mut board = common::TestBoard::on_dir(dir, Lang::Ja, w, h);
        // The list, the detail of items, the overview, help, the
        // walkthrough, a search.
        for (keys, typed) in [
            ("", ""),
            ("l j j Enter", ""),
            ("o", ""),
            ("F1", ""),
            ("p j", ""),
            ("/", "児童"),
        ] {
            board.keys(keys);
            board.type_text(typed);
            let buf = board.draw();
            for cell in buf.content() {
                let s = cell.symbol();
                assert!(
                    !s.chars().any(kensho::text::visible::needs_escape),
                    "{keys:?} at {w}x{h}: {s:?} in\n{}",
                    board.screen()
                );
            }
            assert!(
                board.screen().contains("␛") || keys == "F1",
                "{keys:?} at {w}x{h}: the hostile text is shown visibly\n{}",
                board.screen()
            );
            board.keys("Esc");
        }
    }
}

/// `kensho search` on a terminal: the match in reverse video (kensho's own
/// escapes, not shown as ␛[1;7m), and every record text visible.
#[test]
fn search_on_a_terminal_marks_matches_and_nothing_else_steers_it() {
    let tmp = hostile_records();
    let d = tmp.path().to_str().unwrap();
    let mut s = crate::e2e::Session::start(&["search", d, "児童"], "ja_JP.UTF-8");
    assert!(s.wait_exit(std::time::Duration::from_secs(10)).success());
    std::thread::sleep(std::time::Duration::from_millis(100));
    let raw = s.raw.lock().unwrap().clone();
    let text = String::from_utf8_lossy(&raw).into_owned();
    assert!(text.contains("\u{1b}[1;7m"), "marked: {text:?}");
    assert!(
        !text.contains("␛[1;7m"),
        "its own marks shown as text: {text:?}"
    );
    // Nothing but the marks: every ESC opens one of them.
    let without_marks = text.replace("\u{1b}[1;7m", "").replace("\u{1b}[0m", "");
    assert_clean(
        "search on a terminal",
        without_marks.as_bytes(),
        &without_marks,
    );
}
