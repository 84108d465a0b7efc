//! Every word the board and the command line show exists in Japanese: with
//! `--lang ja`, no English sentence shows on any screen or in any command's
//! output, help or errors (record data, key names, file names, field names and
//! command names aside). And every English screen has no Japanese word of the
//! interface's own (the records' Japanese aside), checked for the chrome.

mod failures;
mod open_data;

use crate::common;

use common::{TestBoard, kensho_in};
use kensho::board::action::Action;
use kensho::i18n::Lang;

/// Identifiers that stay as they are in Japanese text: the program, command
/// and field names people type, formats, file names.
const ALLOWED: &[&str] = &[
    "kensho",
    "check",
    "search",
    "generate",
    "set",
    "log",
    "verify",
    "export",
    "minutes",
    "meetings",
    "reopen",
    "remove",
    // The minutes' formats and a meeting's details, as typed.
    "docx",
    "markdown",
    "json",
    "pdf",
    "zone",
    "place",
    "attendees",
    "absent",
    "secretariat",
    "observers",
    "public",
    "reason",
    "documents",
    "yes",
    "config",
    // A search by reading typed in romaji, the example of --no-readings.
    "jidou",
    // --plain and the configuration's plain, as typed.
    "plain",
    // The configuration's fields, as typed.
    "lang",
    "theme",
    "display",
    "name",
    "keys",
    // A key table's name, as the configuration types it.
    "board",
    // The themes' names, as typed.
    "dark",
    "light",
    "high",
    "contrast",
    "phase",
    "direction",
    "progress",
    "assessment",
    "json",
    "csv",
    "markdown",
    "records",
    "report",
    "ron",
    "changes",
    "jsonl",
    "true",
    "fzf",
    "tester",
    "recommendation",
    "fg",
    // Command names, formats and shells, typed as they are.
    "xlsx",
    "survey",
    "import",
    "adopt",
    "completions",
    "man",
    "roff",
    "bash",
    "zsh",
    "fish",
    "elvish",
    "powershell",
    // The open data's format and the report header's fields, as typed.
    "opendata",
    // Comparisons and rounds: the commands, the program that keeps the
    // revisions, and the id map's type name.
    "compare",
    "round",
    "start",
    "git",
    "organisation",
    "code",
    // What the user typed, echoed back.
    "owner",
    "pdf",
    "frobnicate",
    "nonexistent",
    "root",
];

/// Lowercase English words in `text` that are not allowed identifiers.
fn english_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for token in text.split(|c: char| c.is_whitespace() || "()[]<>「」（）、。:：,".contains(c))
    {
        // Options, paths and file names are names, not words.
        if token.starts_with('-')
            || token.contains('/')
            || token.contains(".ron")
            || token.contains('=')
        {
            continue;
        }
        let mut word = String::new();
        for c in token.chars().chain(std::iter::once(' ')) {
            if c.is_ascii_alphabetic() {
                word.push(c);
                continue;
            }
            let starts_lower = word.chars().next().is_some_and(|f| f.is_ascii_lowercase());
            if word.len() >= 3 && starts_lower && !ALLOWED.contains(&word.as_str()) {
                out.push(word.clone());
            }
            word.clear();
        }
    }
    out
}

fn assert_japanese(what: &str, text: &str) {
    let found = english_words(text);
    assert!(
        found.is_empty(),
        "{what}: English words {found:?} in\n{text}"
    );
}

#[test]
fn the_word_check_catches_english() {
    assert_eq!(english_words("保存しました: saved"), vec!["saved"]);
    assert!(english_words("Enter 開閉  Ctrl-r  records/report.ron  --phase C,D").is_empty());
}

#[test]
fn every_screen_of_the_board_speaks_japanese() {
    let mut b = TestBoard::on_copy(Lang::Ja, 100, 40);
    let check = |b: &mut TestBoard, keys: &str, what: &str| {
        b.keys(keys);
        assert_japanese(what, &b.screen());
    };
    // An item with a note: the note is shown in Japanese.
    b.jump("3-4-c");
    let screen = b.screen();
    assert!(screen.contains("4番目の欄"), "{screen}");
    assert_japanese("board with a note", &screen);
    b.jump("4-2-a");
    assert_japanese("board", &b.screen());
    for (keys, what) in [
        ("?", "help"),
        ("Esc f", "filters"),
        ("?", "help of filters"),
        ("Esc j j j j j j j j Enter", "departments"),
        ("F1", "help of departments"),
        ("Esc Esc Esc s", "picker"),
        ("Esc e", "which text"),
        ("Esc m", "no change to give a reason"),
        ("D", "saved"),
        ("m", "reason prompt"),
        ("Esc :", "jump prompt"),
        ("Esc /", "search line"),
        ("F1", "help of the search line"),
        ("Esc", "search line again"),
        ("Esc o", "overview"),
        ("?", "help of the overview"),
        ("Esc Esc p", "walkthrough without a meeting"),
        ("r", "no meeting"),
        ("F1", "help of the walkthrough"),
        ("Esc Esc M", "meeting prompt"),
    ] {
        check(&mut b, keys, what);
    }
    b.type_text("本部会議");
    b.keys("Enter");
    assert_japanese("meeting walkthrough", &b.screen());
    b.keys("D m");
    b.type_text("決定");
    b.keys("Enter r Left");
    assert_japanese("walkthrough with a change", &b.screen());
    b.keys("o");
    assert_japanese("overview in a meeting", &b.screen());
    b.keys("Esc w");
    assert_japanese("minutes written", &b.screen());
    b.keys("Esc f");
    assert_japanese("filters in a meeting", &b.screen());
    b.keys("Esc /");
    b.type_text("存在しない語句");
    assert_japanese("no matches", &b.screen());
    b.keys("Esc u u Ctrl-r Ctrl-r n");
    assert_japanese("nothing to undo", &b.screen());
    // A conflict.
    kensho::store::apply_edits(
        b.path(),
        &[kensho::domain::field::Edit {
            item: "4-2-a".into(),
            field: kensho::domain::field::Field::Direction,
            value: "III".into(),
        }],
        kensho::store::Why::default(),
        None,
    )
    .unwrap();
    b.keys("2");
    assert_japanese("conflict", &b.screen());
    b.keys("1");
    b.act(Action::Resize(30, 8));
    assert_japanese("too small", &b.screen());
    b.act(Action::Resize(80, 24));
    b.keys("Enter");
    assert_japanese("detail at 80x24", &b.screen());
    b.keys("q");
}

fn ja(dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    let mut all = vec!["--lang", "ja"];
    all.extend_from_slice(args);
    let (code, out, err) = kensho_in(dir, &all);
    (code, format!("{out}{err}"))
}

#[test]
fn every_command_speaks_japanese() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let p = dir.to_str().unwrap();
    let report_file = format!("{p}/report.ron");
    let open = format!("{p}/open");
    let runs: Vec<(&str, Vec<&str>)> = vec![
        ("help", vec!["--help"]),
        ("check", vec!["check", p]),
        ("check help", vec!["check", "--help"]),
        ("search", vec!["search", p, "警察"]),
        ("search help", vec!["search", "--help"]),
        ("search bad code", vec!["search", p, "警察", "--phase", "E"]),
        (
            "search bad dept",
            vec!["search", p, "警察", "--dept", "消防局"],
        ),
        (
            "set",
            vec!["set", p, "1-1-a", "phase=B", "--reason", "会議で決定"],
        ),
        ("set unchanged", vec!["set", p, "1-1-a", "phase=B"]),
        ("set help", vec!["set", "--help"]),
        ("set bad code", vec!["set", p, "1-1-a", "phase=E"]),
        ("set bad id", vec!["set", p, "1-1-zz", "phase=A"]),
        ("set bad field", vec!["set", p, "1-1-a", "owner=x"]),
        ("set no value", vec!["set", p, "1-1-a", "phase"]),
        ("log", vec!["log", p]),
        ("log help", vec!["log", "--help"]),
        ("log bad since", vec!["log", p, "--since", "昨日"]),
        ("verify", vec!["verify", p]),
        ("export help", vec!["export", "--help"]),
        ("export bad format", vec!["export", p, "--format", "pdf"]),
        ("generate help", vec!["generate", "--help"]),
        ("generate into records", vec!["generate", "--items", "5", p]),
        ("unknown option", vec!["check", "--frobnicate"]),
        ("unknown folder", vec!["check", "/nonexistent/records"]),
        ("no terminal", vec![p]),
        ("minutes of no meeting", vec!["minutes", p]),
        ("minutes help", vec!["minutes", "--help"]),
        ("meetings, none yet", vec!["meetings", p]),
        ("meetings help", vec!["meetings", "--help"]),
        ("meetings reopen help", vec!["meetings", "reopen", "--help"]),
        ("meetings remove help", vec!["meetings", "remove", "--help"]),
        (
            "meetings remove, no such",
            vec!["meetings", "remove", "X会議", p],
        ),
        ("conflicting options", vec!["--follow", "--present", p]),
        ("config", vec!["config"]),
        ("config help", vec!["config", "--help"]),
        (
            "export xlsx onto a pipe",
            vec!["export", p, "--format", "csv", "--phase", "E"],
        ),
        (
            "export opendata without a folder",
            vec!["export", p, "--format", "opendata"],
        ),
        (
            "export opendata",
            vec!["export", p, "--format", "opendata", "--out", &open],
        ),
        ("survey help", vec!["survey", "--help"]),
        ("import help", vec!["import", "--help"]),
        ("import not a workbook", vec!["import", &report_file, p]),
        ("completions help", vec!["completions", "--help"]),
        ("man help", vec!["man", "--help"]),
    ];
    for (what, args) in runs {
        let (_, text) = ja(dir, &args);
        assert_japanese(what, &text);
    }
}

#[test]
fn a_survey_and_its_import_speak_japanese() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let p = dir.to_str().unwrap();
    let out = dir.join("out");
    let (code, text) = ja(
        dir,
        &[
            "survey",
            p,
            "--out",
            out.to_str().unwrap(),
            "--dept",
            "保健所",
        ],
    );
    assert_eq!(code, 0, "{text}");
    assert_japanese("survey", &text.replace(".xlsx", ""));
    let book = out.join("保_保健所.xlsx");
    let (_, text) = ja(dir, &["import", book.to_str().unwrap(), p]);
    assert_japanese("import unchanged", &text.replace(".xlsx", ""));
}

#[test]
fn the_default_configuration_and_every_error_in_one_speak_japanese() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    // Every comment of the default configuration (the names in it are
    // identifiers, typed as they are).
    let (_, text) = ja(dir, &["config", "--default"]);
    let comments: String = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("//"))
        .filter(|l| !l.contains(':') || l.contains("設定") || l.contains('、'))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(comments.contains("設定ファイル"), "{text}");
    assert_japanese("config --default", &comments);
    // Every configuration error.
    for (i, bad) in [
        "(lang: \"fr\")",
        "(theme: \"ネオン\")",
        "(zz: 1)",
        "(lang: 3)",
        "(keys: { \"画面\": {} })",
        "(keys: { \"board\": { \"探す\": [\"x\"] } })",
        "(keys: { \"board\": { \"search\": [\"Ctrl-\"] } })",
        "(keys: { \"board\": { \"search\": [\"q\"] } })",
        "(keys: { \"board\": {}, \"board\": {} })",
        "(display_name: \"\")",
    ]
    .into_iter()
    .enumerate()
    {
        let file = dir.join(format!("bad-config-{i}.ron"));
        std::fs::write(&file, bad).unwrap();
        let (code, text) = ja(dir, &["config", "--config", file.to_str().unwrap()]);
        assert_eq!(code, 2, "{bad}: {text}");
        // The names it lists as allowed are identifiers, typed as they are.
        // So are the names in quotes (what the file says).
        let sentence = text.split("使える").next().unwrap_or_default();
        assert!(sentence.contains("エラー"), "{text}");
        let unquoted: String = sentence.split('"').step_by(2).collect();
        assert_japanese(bad, &unquoted);
    }
}

#[test]
fn records_that_do_not_load_are_said_in_japanese() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    // A record that does not load: every kind of problem said in Japanese.
    let bad = common::copy_records();
    let file = bad.path().join("recommendation-4.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text.replacen("phase: \"A\"", "phase: \"E\"", 1).replacen(
        "relisted: false,",
        "relisted: false",
        1,
    );
    std::fs::write(&file, text).unwrap();
    let (code, text) = ja(dir, &["check", bad.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert_japanese("bad records", &text);
    assert!(text.contains("エラー:"), "{text}");
}

#[test]
fn the_english_interface_has_no_japanese_of_its_own() {
    let mut b = TestBoard::bundled(Lang::En, 100, 40);
    b.keys("?");
    let screen = b.screen();
    // Key help and headings: every line of the help popup is English.
    let help: Vec<&str> = screen.lines().skip(2).take(30).collect();
    for line in help {
        let inside = line.split('│').nth(2).unwrap_or_default();
        assert!(
            inside.chars().all(|c| c.is_ascii() || "↑↓←→…".contains(c)),
            "{line}"
        );
    }
}

#[test]
fn follow_mode_speaks_japanese() {
    let mut p = TestBoard::on_copy(Lang::Ja, 100, 40);
    p.jump("4-2-a");
    p.keys("P");
    assert_japanese("presenting", &p.screen());
    let mut f = TestBoard::on_dir(p.path(), Lang::Ja, 100, 40);
    f.rt.app_mut().follow();
    let tick = |f: &mut TestBoard, n: u64| {
        f.act(Action::Tick(
            std::time::Instant::now() + std::time::Duration::from_secs(n),
        ))
    };
    tick(&mut f, 1);
    assert_japanese("following", &f.screen());
    f.keys("D");
    assert_japanese("read-only", &f.screen());
    f.keys("j");
    assert_japanese("detached", &f.screen());
    f.keys("?");
    assert_japanese("help of a follower", &f.screen());
    f.keys("Esc");
    let mut q = TestBoard::on_dir(p.path(), Lang::Ja, 100, 40);
    q.keys("P");
    assert_japanese("someone presents", &q.screen());
    q.keys("P");
    p.keys("j");
    assert_japanese("taken over", &p.screen());
    q.keys("P");
    tick(&mut f, 2);
    assert_japanese("presenter left", &f.screen());
}

/// Every word of `--plain` in Japanese reads as Japanese, and in English
/// holds no Japanese of its own (the records' words are the records').
#[test]
fn the_plain_board_speaks_both_languages() {
    use kensho::i18n::PlainMsg;
    for m in PlainMsg::ALL {
        // The placeholders are names, not words.
        let ja = m.text(Lang::Ja);
        let names = [
            "number", "scale", "code", "meaning", "id", "field", "old", "new",
        ];
        let names = names
            .iter()
            .chain(&["reason", "label", "count", "keys", "what"]);
        let filled: Vec<(&str, &dyn std::fmt::Display)> = names
            .map(|n| (*n, &"X" as &dyn std::fmt::Display))
            .collect();
        assert_japanese(m.name(), &kensho::i18n::fill(ja, &filled));
        let en = m.text(Lang::En);
        assert!(en.is_ascii(), "{}: {en:?}", m.name());
    }
}
