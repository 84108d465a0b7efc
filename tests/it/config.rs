//! The configuration file: every error names the file, line and column and
//! says what is allowed; a good file sets the language, theme, records,
//! display name and keys of every command, and `config --default` prints a
//! complete file that changes nothing.

use crate::common;

use std::path::{Path, PathBuf};

use common::{TestBoard, kensho_in, records_dir};
use kensho::board::action::Command;
use kensho::board::keymap::ScreenKind;
use kensho::board::keymap::default_keymap;
use kensho::board::keys::Key;
use kensho::board::screen::Screen;
use kensho::board::theme::ThemeName;
use kensho::cli::config::{self, Config, ConfigError};
use kensho::domain::records::load;
use kensho::i18n::Lang;

fn parse(text: &str) -> Result<Config, ConfigError> {
    config::parse(text, Path::new("/etc/kensho/config.ron"))
}

/// The error `text` gives, in English, and in Japanese.
fn error(text: &str) -> (String, String) {
    let e = parse(text).expect_err(text);
    (e.say(Lang::En), e.say(Lang::Ja))
}

#[test]
fn a_good_file_sets_everything_it_names() {
    let c = parse(
        r#"(
    lang: "en",
    theme: "high-contrast",
    records: "shared/records",
    display_name: "  佐藤 花子（こども家庭課） ",
    keys: {
        "board": { "search": ["s", "/"], "picker": ["S"] },
        "walkthrough": { "next-item": ["n", "Space"] },
        "search": { "line-clear": ["Ctrl-k"] },
    },
)"#,
    )
    .unwrap();
    assert_eq!(c.lang, Some(Lang::En));
    assert_eq!(c.theme, Some(ThemeName::HighContrast));
    assert_eq!(c.records, Some(PathBuf::from("/etc/kensho/shared/records")));
    assert_eq!(c.display_name.as_deref(), Some("佐藤 花子（こども家庭課）"));
    assert_eq!(c.keys.len(), 4);
    assert_eq!(c.keys[0].screen, ScreenKind::Browse);
    assert_eq!(c.keys[0].command, Command::Search);
    assert_eq!(
        c.keys[0].keys,
        vec![Key::parse("s").unwrap(), Key::parse("/").unwrap()]
    );
    assert_eq!(c.keys[2].command, Command::NextItem);
    // Applied: swapping the picker off `s` makes room for the search.
    let report = load(&records_dir()).unwrap().report;
    let mut keymap = default_keymap(&report).unwrap();
    c.apply_keys(&mut keymap, &report, Lang::En).unwrap();
    let search = keymap
        .table(ScreenKind::Browse)
        .iter()
        .find(|b| b.command == Command::Search)
        .unwrap();
    assert_eq!(search.keys.len(), 2);
}

#[test]
fn an_empty_file_is_the_defaults() {
    let c = parse("()").unwrap();
    assert_eq!(
        c,
        Config {
            file: Some("/etc/kensho/config.ron".into()),
            ..Config::default()
        }
    );
}

/// Files with a mistake each: (file, where, what the English message must say).
fn mistakes() -> &'static [(&'static str, &'static str, &'static [&'static str])] {
    &[
        // (file, where, what the English message must say)
        ("(lang: \"fr\")", ":1:8:", &["\"fr\"", "ja, en"]),
        (
            "(zone: \"Mars/Olympus\")",
            ":1:8:",
            &["\"Mars/Olympus\"", "Asia/Tokyo"],
        ),
        (
            "(\n  theme: \"blue\",\n)",
            ":2:10:",
            &["\"blue\"", "dark, light, high-contrast"],
        ),
        (
            "(colour: \"red\")",
            ":1:2:",
            &[
                "colour",
                "lang, theme, records, display_name, zone, read_only, plain, confirm_edits, readings, keys",
            ],
        ),
        ("(lang: \"en\"", ":1:", &[]),
        ("(lang: 3)", ":1:8:", &["string"]),
        (
            "(keys: { \"bord\": {} })",
            ":1:10:",
            &["\"bord\"", "board, help, search"],
        ),
        (
            "(keys: { \"board\": { \"serch\": [\"x\"] } })",
            ":1:21:",
            &["\"serch\"", "board", "search", "next-hit"],
        ),
        (
            "(keys: { \"help\": { \"undo\": [\"x\"] } })",
            ":1:20:",
            &["\"undo\"", "help", "page-down"],
        ),
        (
            "(keys: {\n  \"board\": {\n    \"search\": [\"Ctrl-\"],\n  },\n})",
            ":3:16:",
            &["\"Ctrl-\"", "Ctrl-x", "PgDn"],
        ),
        (
            "(keys: { \"board\": { \"search\": \"x\" } })",
            ":1:31:",
            &["list"],
        ),
        (
            "(keys: { \"board\": {}, \"board\": {} })",
            ":1:23:",
            &["\"board\"", "twice"],
        ),
        (
            "(keys: { \"board\": { \"search\": [\"z\"], \"search\": [\"y\"] } })",
            ":1:38:",
            &["\"search\"", "twice"],
        ),
        ("(display_name: \"\")", ":1:16:", &["60"]),
        ("(display_name: \"a\\u{1b}[31mb\")", ":1:16:", &["control"]),
        ("(lang: \"en\", lang: \"ja\")", ":1:", &["lang"]),
        // A comment before a value: the place is the value's.
        ("(lang: /* c */ \"xx\")", ":1:16:", &["\"xx\""]),
        (
            "(keys: { \"board\": { \"search\": [\"F13\"] } })",
            ":1:32:",
            &["F1 to F12"],
        ),
        // A character on a screen that takes typed text could not be typed.
        (
            "(keys: { \"search\": { \"confirm\": [\"x\"] } })",
            ":1:34:",
            &["\"search\"", "typed text", "\"x\""],
        ),
    ]
}

#[test]
fn every_kind_of_mistake_names_the_place_and_what_is_allowed() {
    let cases = mistakes();
    for (text, place, words) in cases {
        let (en, ja) = error(text);
        assert!(en.starts_with("/etc/kensho/config.ron:"), "{text}: {en}");
        assert!(en.contains(place), "{text}: {en} (expected {place})");
        for w in *words {
            assert!(en.contains(w), "{text}: {en} (expected {w})");
        }
        assert!(ja.contains(place), "{text}: {ja}");
        assert!(!ja.contains("allowed"), "{text}: {ja}");
    }
}

#[test]
fn two_actions_on_one_key_name_the_key_as_written() {
    let report = load(&records_dir()).unwrap().report;
    let cases = [
        // The quit key, a scale's code key, and two of the file's own.
        (
            "(keys: { \"board\": { \"search\": [\"q\"] } })",
            ":1:32:",
            "quit",
        ),
        (
            "(keys: { \"board\": { \"search\": [\"x\", \"A\"] } })",
            ":1:37:",
            "実施区分 A",
        ),
        (
            "(keys: {\n \"walkthrough\": {\n  \"next-item\": [\"n\"],\n  \"previous-item\": [\"n\"],\n },\n})",
            ":4:",
            "walkthrough",
        ),
        (
            "(keys: { \"board\": { \"search\": [\"F1\"] } })",
            ":1:32:",
            "help",
        ),
    ];
    for (text, place, word) in cases {
        let c = parse(text).unwrap();
        let mut keymap = default_keymap(&report).unwrap();
        let before = keymap.clone();
        let e = c.apply_keys(&mut keymap, &report, Lang::En).unwrap_err();
        let said = e.say(Lang::En);
        assert!(said.contains(place), "{text}: {said}");
        assert!(said.contains(word), "{text}: {said}");
        assert!(said.contains("search") || said.contains("item"), "{said}");
        // Nothing half-applied.
        for &s in ScreenKind::ALL {
            assert_eq!(keymap.table(s), before.table(s));
        }
    }
    // Swapping two keys at once is fine.
    let c = parse("(keys: { \"board\": { \"search\": [\"j\"], \"down\": [\"/\"] } })").unwrap();
    let mut keymap = default_keymap(&report).unwrap();
    c.apply_keys(&mut keymap, &report, Lang::En).unwrap();
}

#[test]
fn a_missing_or_unreadable_file_is_an_error_only_when_asked_for() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("none.ron");
    let e = config::load(Some(&missing)).unwrap_err();
    assert!(e.say(Lang::En).contains("none.ron"), "{}", e.say(Lang::En));
    let binary = tmp.path().join("bin.ron");
    std::fs::write(&binary, b"(lang: \"\xff\")").unwrap();
    assert!(config::load(Some(&binary)).is_err());
}

#[test]
fn the_default_file_is_complete_parses_and_changes_nothing() {
    for lang in [Lang::Ja, Lang::En] {
        let text = kensho::cli::config_cmd::default_text(lang);
        let c = parse(&text).unwrap_or_else(|e| panic!("{}\n{text}", e.say(Lang::En)));
        assert_eq!(c.theme, Some(ThemeName::Dark));
        let report = load(&records_dir()).unwrap().report;
        let mut keymap = default_keymap(&report).unwrap();
        let before = keymap.clone();
        c.apply_keys(&mut keymap, &report, lang).unwrap();
        for &s in ScreenKind::ALL {
            // Every screen is in it, with every action that has a name.
            assert!(
                text.contains(&format!("\"{}\": {{", s.name())),
                "{}",
                s.name()
            );
            let keys = |k: &kensho::board::keymap::Keymap| -> Vec<(Command, Vec<Key>)> {
                let mut all: Vec<(Command, Vec<Key>)> = Vec::new();
                for b in k.table(s) {
                    match all.iter_mut().find(|(c, _)| *c == b.command) {
                        Some((_, keys)) => keys.extend(&b.keys),
                        None => all.push((b.command.clone(), b.keys.clone())),
                    }
                }
                all
            };
            assert_eq!(keys(&keymap), keys(&before), "{}", s.name());
        }
    }
    // The command prints the same text.
    let (code, out, _) = kensho_in(&records_dir(), &["config", "--default", "--lang", "en"]);
    assert_eq!(code, 0);
    assert_eq!(out, kensho::cli::config_cmd::default_text(Lang::En));
}

/// A configuration file in a new folder.
fn config_file(text: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("config.ron");
    std::fs::write(&file, text).unwrap();
    (tmp, file)
}

#[test]
fn the_language_comes_from_lang_then_the_config_then_the_locale() {
    let (_tmp, file) = config_file("(lang: \"en\")");
    let f = file.to_str().unwrap();
    let records = records_dir();
    let r = records.to_str().unwrap();
    let (_, out, _) = kensho_in(&records, &["check", r, "--config", f]);
    assert!(out.contains("items"), "{out}");
    let (_, out, _) = kensho_in(&records, &["check", r, "--config", f, "--lang", "ja"]);
    assert!(out.contains("項目"), "{out}");
    let (_, out, _) = kensho_in(&records, &["check", r]);
    assert!(out.contains("items"), "no locale: English; {out}");
    // Errors of the command line itself are said in the config's language.
    let (_tmp2, ja_file) = config_file("(lang: \"ja\")");
    let (code, _, err) = kensho_in(
        &records,
        &[
            "--config",
            ja_file.to_str().unwrap(),
            "check",
            "--frobnicate",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("エラー"), "{err}");
}

#[test]
fn a_broken_config_stops_every_command_but_the_default() {
    let (_tmp, file) = config_file("(theme: \"neon\")");
    let f = file.to_str().unwrap();
    let records = records_dir();
    for args in [
        vec!["check", "--config", f],
        vec!["--config", f],
        vec!["config", "--config", f],
        vec!["log", "--config", f],
    ] {
        let (code, out, err) = kensho_in(&records, &args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains("config.ron:1:9"), "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
    }
    let (code, out, _) = kensho_in(&records, &["config", "--default", "--config", f]);
    assert_eq!(code, 0);
    assert!(out.contains("keys: {"));
}

#[test]
fn the_records_come_from_the_config_when_no_path_is_given() {
    let copy = common::copy_records();
    let (_tmp, file) = config_file(&format!(
        "(records: {:?}, display_name: \"佐藤 花子\")",
        copy.path().to_str().unwrap()
    ));
    let f = file.to_str().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let (code, out, err) = kensho_in(elsewhere.path(), &["check", "--config", f, "--lang", "en"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(copy.path().to_str().unwrap()), "{out}");
    let (code, out, _) = kensho_in(elsewhere.path(), &["search", "--config", f, "警察"]);
    assert_eq!(code, 0);
    assert!(out.contains("4-2-a"), "{out}");
    // The display name goes into the log beside the login name.
    let (code, out, err) = kensho_in(
        elsewhere.path(),
        &[
            "set",
            "--config",
            f,
            "1-1-a",
            "phase=B",
            "--reason",
            "会議で決定",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let log = std::fs::read_to_string(copy.path().join("changes.jsonl")).unwrap();
    let line: serde_json::Value = serde_json::from_str(log.lines().last().unwrap()).unwrap();
    assert_eq!(line["display_name"], "佐藤 花子");
    assert!(!line["user"].as_str().unwrap().is_empty());
    assert_ne!(line["user"], "佐藤 花子");
    let (_, out, _) = kensho_in(elsewhere.path(), &["log", "--config", f, "--lang", "en"]);
    assert!(out.contains("(佐藤 花子)"), "{out}");
    let (_, out, _) = kensho_in(
        elsewhere.path(),
        &["log", "--config", f, "--user", "佐藤 花子"],
    );
    assert!(out.contains("1-1-a"), "{out}");
}

#[test]
fn config_says_which_file_is_in_force() {
    let records = records_dir();
    let (code, out, _) = kensho_in(&records, &["config", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(out.contains("no configuration file"), "{out}");
    assert!(out.contains(common::NO_CONFIG), "{out}");
    let (_tmp, file) = config_file("(keys: { \"board\": { \"search\": [\"q\"] } })");
    let (code, _, err) = kensho_in(
        &records,
        &["config", "--config", file.to_str().unwrap(), "--lang", "en"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("quit"), "{err}");
}

#[test]
fn a_rebound_key_from_the_config_works_on_the_board_and_shows_in_help() {
    let (_tmp, file) = config_file(
        "(keys: { \"board\": { \"search\": [\"z\"] }, \"walkthrough\": { \"next-item\": [\"n\"] } })",
    );
    let c = config::load(Some(&file)).unwrap();
    let mut b = TestBoard::bundled(Lang::En, 100, 40);
    let report = b.app().board().report().clone();
    c.apply_keys(b.rt.app_mut().keymap_mut(), &report, Lang::En)
        .unwrap();
    b.keys("/");
    assert!(matches!(b.app().top(), Screen::Browse(_)));
    b.keys("z");
    assert!(matches!(b.app().top(), Screen::SearchLine(_)));
    b.keys("Esc ?");
    assert!(b.screen().contains("│z "), "{}", b.screen());
    b.keys("Esc p");
    let pos = |b: &TestBoard| match b.app().top() {
        Screen::Walkthrough(w) => w.pos,
        other => panic!("not the walkthrough: {other:?}"),
    };
    let first = pos(&b);
    b.keys("Space");
    assert_eq!(pos(&b), first, "Space no longer moves");
    b.keys("n");
    assert_eq!(pos(&b), first + 1);
}

#[test]
fn the_readme_holds_the_complete_default_configuration() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("<!-- config-default:start -->").unwrap();
    let end = readme.find("<!-- config-default:end -->").unwrap();
    let block = &readme[start..end];
    let body = block
        .split_once("```ron\n")
        .and_then(|(_, rest)| rest.rsplit_once("```"))
        .map(|(body, _)| body)
        .unwrap();
    assert_eq!(
        body,
        kensho::cli::config_cmd::default_text(Lang::En),
        "README out of date"
    );
}

#[test]
fn a_config_saved_with_a_byte_order_mark_is_read_as_the_records_are() {
    let (_tmp, file) = config_file("\u{feff}(lang: \"ja\", display_name: \"佐藤\")");
    let records = records_dir();
    let r = records.to_str().unwrap();
    let (code, out, err) = kensho_in(&records, &["check", r, "--config", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("項目"), "{out}");
    // An error after it is still placed where an editor shows it.
    let (_tmp2, bad) = config_file("\u{feff}(lang: \"xx\")");
    let (code, _, err) = kensho_in(&records, &["check", r, "--config", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains(":1:8"), "{err}");
}
