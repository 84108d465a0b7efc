//! The shell around kensho: the manual page and completion that knows the
//! records (ids, fields, codes, departments, meetings).

use std::path::Path;

use crate::common::{self, NO_CONFIG, TestBoard, kensho};
use kensho::i18n::Lang;

/// What the shell's completion script asks kensho for the words `line`
/// (the last one being typed), run in `dir`: the candidates, one a line.
fn complete(dir: &Path, line: &[&str]) -> Vec<String> {
    complete_word(dir, line, line.len() - 1)
}

/// As [`complete`], the word being typed at `index`.
fn complete_word(dir: &Path, line: &[&str], index: usize) -> Vec<String> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kensho"))
        .arg("--")
        .args(line)
        .current_dir(dir)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", index.to_string())
        .env("_CLAP_IFS", "\n")
        .env("XDG_CONFIG_HOME", NO_CONFIG)
        .output()
        .unwrap();
    assert!(out.status.success(), "{line:?}");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn completion_offers_ids_fields_and_codes_for_set() {
    let dir = common::records_dir();
    let root = dir.parent().unwrap();
    let ids = complete(root, &["kensho", "set", "records", "1-1"]);
    assert_eq!(ids, ["1-1-a", "1-1-b", "1-1-c", "1-1-d", "1-1-e"]);
    // Without PATH: the records of the folder the shell is in.
    let ids = complete(root, &["kensho", "set", "6-1-"]);
    assert!(ids.contains(&"6-1-a".to_string()), "{ids:?}");
    let fields = complete(root, &["kensho", "set", "records", "1-1-a", ""]);
    for f in [
        "phase=",
        "direction=",
        "progress=",
        "実施区分=",
        "評価区分=",
    ] {
        assert!(fields.contains(&f.to_string()), "{f}: {fields:?}");
    }
    let codes = complete(root, &["kensho", "set", "records", "1-1-a", "評価区分="]);
    assert_eq!(codes, ["評価区分=I", "評価区分=II", "評価区分=III"]);
}

#[test]
fn completion_offers_codes_departments_ids_and_meetings_from_the_records() {
    let tmp = common::copy_records();
    let app = kensho::board::app::App::new(
        kensho::domain::records::load(tmp.path()).unwrap(),
        common::options(Lang::Ja),
    )
    .unwrap();
    let mut b = TestBoard::with(app, None, 100, 30);
    b.keys("M Ctrl-u");
    b.type_text("2026-12 本部会議");
    b.keys("Enter");
    let dir = tmp.path();
    let path = dir.to_str().unwrap();
    let phases = complete(dir, &["kensho", "search", path, "--phase", ""]);
    assert_eq!(phases, ["A", "B", "C", "D"]);
    let depts = complete(dir, &["kensho", path, "--dept", "児童"]);
    assert!(depts.contains(&"児童相談所".to_string()), "{depts:?}");
    let items = complete(dir, &["kensho", "log", path, "--item", "7-"]);
    assert!(!items.is_empty() && items.iter().all(|i| i.starts_with("7-")));
    for line in [
        &["kensho", path, "--meeting", "2026"][..],
        &["kensho", "minutes", path, "--meeting", ""],
    ] {
        assert_eq!(complete(dir, line), ["2026-12 本部会議"], "{line:?}");
    }
    // A meeting's name comes before the records' PATH.
    let line = ["kensho", "meetings", "reopen", "2026", path];
    assert_eq!(complete_word(dir, &line, 3), ["2026-12 本部会議"]);
}

#[test]
fn completions_prints_a_script_that_asks_kensho() {
    for (shell, mark) in [
        ("bash", "complete -o"),
        ("zsh", "#compdef"),
        ("fish", "complete"),
    ] {
        let (code, out, err) = kensho(&["completions", shell]);
        assert_eq!(code, 0, "{err}");
        assert!(
            out.contains(mark) && out.contains("COMPLETE"),
            "{shell}: {out}"
        );
    }
}

#[test]
fn the_manual_has_keys_the_meeting_files_and_environment_in_both_languages() {
    for (lang, words) in [
        (
            "ja",
            &[
                "名前",
                "書式",
                "キー操作",
                "会議の進め方",
                "ファイル",
                "環境変数",
                "終了ステータス",
            ][..],
        ),
        (
            "en",
            &[
                "NAME",
                "SYNOPSIS",
                "KEYS",
                "RUNNING A MEETING",
                "FILES",
                "ENVIRONMENT",
                "EXIT STATUS",
            ],
        ),
    ] {
        let (code, page, err) = kensho(&["--lang", lang, "man"]);
        assert_eq!(code, 0, "{err}");
        for w in words {
            assert!(page.contains(&format!(".SH \"{w}\"")), "{lang} {w}");
        }
        for w in [
            "EDITOR",
            "NO_COLOR",
            "XDG_CONFIG_HOME",
            "LANG",
            "changes.jsonl",
            "\\-\\-present",
        ] {
            assert!(page.contains(w), "{lang} {w}");
        }
        // Every command has its part; no page is named that does not exist.
        for sub in [
            "set",
            "import",
            "survey",
            "minutes",
            "meetings set",
            "compare",
        ] {
            assert!(
                page.contains(&format!(".SS \"kensho {sub}\"")),
                "{lang} {sub}"
            );
        }
        assert!(!page.contains("kensho-set(1)") && !page.contains("kensho\\-set(1)"));
    }
    let (_, ja, _) = kensho(&["--lang", "ja", "man"]);
    // The board's keys as `?` lists them, and breaks allowed in Japanese.
    assert!(
        ja.replace("\\:", "").contains("検索（入力ごとに絞り込み）"),
        "{ja}"
    );
    assert!(ja.contains("審\\:議"), "{ja}");
    assert!(!ja.contains("、\\:") || !ja.contains("\\:、"));
}
