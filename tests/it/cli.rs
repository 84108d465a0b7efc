//! `kensho check` and `kensho export` run as a process.

use crate::common;

use common::{kensho, kensho_in};

#[test]
fn check_prints_the_exact_counts_of_the_source_table() {
    let (code, out, err) = kensho(&["check"]);
    assert_eq!(code, 0, "{err}");
    for line in [
        "records: ok",
        "recommendations    7",
        "points            25",
        "policies          25",
        "measures          70",
        "items             88",
        "relisted items    13",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
    let phase: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("  ") && l.contains("項目"))
        .collect();
    assert_eq!(phase.len(), 7, "{out}");
    let count = |code: &str| -> usize {
        let line = phase
            .iter()
            .find(|l| l.split_whitespace().next() == Some(code))
            .unwrap();
        line.split_whitespace().last().unwrap().parse().unwrap()
    };
    assert_eq!(
        (count("A"), count("B"), count("C"), count("D")),
        (83, 2, 1, 2)
    );
    assert_eq!((count("I"), count("II"), count("III")), (44, 42, 2));
}

#[test]
fn bad_records_exit_non_zero_with_the_error_on_stderr() {
    let tmp = common::copy_records();
    let p = tmp.path().join("recommendation-1.ron");
    let t = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, t.replacen("phase: \"A\"", "phase: \"X\"", 1)).unwrap();
    let (code, out, err) = kensho(&["check", tmp.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("allowed: A, B, C, D"), "{err}");
}

#[test]
fn check_defaults_to_records_in_the_current_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, err) = kensho_in(tmp.path(), &["check"]);
    assert_eq!(code, 2);
    assert!(err.contains("records: no such file or folder"), "{err}");
}

#[test]
fn export_json_holds_every_item_with_its_fields() {
    let (code, out, err) = kensho(&["export", "--format", "json", "records"]);
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items = doc["items"].as_array().unwrap();
    assert_eq!(items.len(), 88);
    let first = &items[0];
    assert_eq!(first["id"], "1-1-a");
    assert_eq!(first["recommendation"], 1);
    assert_eq!(first["point"], 1);
    assert_eq!(first["policy"], "ア");
    assert_eq!(first["measure"], "ア");
    assert_eq!(first["phase"], "A");
    assert_eq!(first["direction"], "I");
    assert_eq!(first["departments"][0], "子) 児童相談所");
    assert_eq!(first["relisted"], false);
    assert!(first["note"].is_null());
    for key in ["measure_text", "progress", "assessment"] {
        assert!(first[key].as_str().unwrap().chars().count() > 10, "{key}");
    }
    let no_measure = items.iter().find(|i| i["id"] == "1-3-1").unwrap();
    assert!(no_measure["measure"].is_null());
    assert!(no_measure["measure_text"].is_null());
    let relisted = items.iter().find(|i| i["id"] == "3-1-a").unwrap();
    assert_eq!(relisted["relisted"], true);
    assert_eq!(relisted["relists"], "1-2-c");
    let policies = doc["policies"].as_array().unwrap();
    assert_eq!(policies.len(), 25);
    for key in ["recommendation", "point", "label", "text", "assessment"] {
        assert!(!policies[0][key].is_null(), "{key}");
    }
    // Source order: recommendation and point never go backwards.
    let order: Vec<(u64, u64)> = items
        .iter()
        .map(|i| {
            (
                i["recommendation"].as_u64().unwrap(),
                i["point"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn export_csv_opens_in_excel() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kensho"))
        .args(["export", "records", "--format", "csv", "--headers", "en"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"\xEF\xBB\xBFid,recommendation,recommendation_title,point,point_title,policy,policy_text,policy_assessment,policy_note,measure,measure_text,progress,phase,assessment,direction,departments,relisted,relists,note\r\n"));
    let mut reader = csv::Reader::from_reader(&out.stdout[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 88);
    assert_eq!(&rows[0][0], "1-1-a");
    // Departments are on one line in their cell: no cell holds a line break.
    assert_eq!(&rows[0][15], "子) 児童相談所; 保) 保健所; 区) 保健福祉部");
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches('\n').count(), 89);
    assert_eq!(text.matches("\r\n").count(), 89);
}

#[test]
fn export_markdown_is_a_readable_document() {
    let (code, out, _) = kensho(&["export", "records", "--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("# 検証報告書の提言に対する具体的な取組の内容及び実施状況\n"));
    assert_eq!(out.matches("\n## 提言").count(), 7);
    assert_eq!(out.matches("\n### ").count(), 25);
    assert_eq!(out.matches("\n#### ").count(), 88);
    let rec1 = out.find("## 提言1 ").unwrap();
    let point1 = out.find("### ① 区を単位とした").unwrap();
    let item = out.find("#### 1-1-a (ア)").unwrap();
    assert!(rec1 < point1 && point1 < item);
    assert!(out.contains("- 実施区分: A（既に取り組んでいる項目）"));
    assert!(out.contains("- 【再掲】 1-2-c"));
}

#[test]
fn export_never_sends_escape_sequences_to_the_terminal() {
    let tmp = common::copy_records();
    let p = tmp.path().join("recommendation-1.ron");
    let t = std::fs::read_to_string(&p).unwrap();
    std::fs::write(
        &p,
        t.replacen(
            "progress: \"令和2年4月から、全区",
            "progress: \"\\u{1b}]0;pwned\\u{7}令和2年4月から、全区",
            1,
        ),
    )
    .unwrap();
    for format in ["json", "csv", "markdown"] {
        let (code, out, err) =
            kensho(&["export", tmp.path().to_str().unwrap(), "--format", format]);
        assert_eq!(code, 0, "{err}");
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "{format}"
        );
        assert!(
            out.contains("pwned"),
            "{format}: the text is still there, made visible"
        );
    }
}

#[test]
fn no_subcommand_without_a_terminal_prints_the_summary() {
    let (code, out, _) = kensho(&[]);
    assert_eq!(code, 0);
    assert!(out.contains("items             88"));
}

#[test]
fn search_prints_ranked_hits_with_the_match_marked() {
    let (code, out, err) = kensho(&["search", "警察"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.iter().any(|l| l.starts_with("4-2-a\t")), "{out}");
    for l in &lines {
        let cols: Vec<&str> = l.split('\t').collect();
        assert_eq!(cols.len(), 3, "{l}");
        assert!(cols[1].parse::<i64>().is_ok());
        assert!(cols[2].contains("[警察]"), "{l}");
    }
    // The same input always gives the same order.
    assert_eq!(kensho(&["search", "警察"]).1, out);
}

#[test]
fn search_folds_kana_and_width_and_takes_a_path_and_a_limit() {
    let (code, out, _) = kensho(&["search", "records", "'ｽｸｰﾙ", "--limit", "2"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 2);
    assert!(out.contains("[スクール]"), "{out}");
}

#[test]
fn search_exits_1_when_nothing_matches_and_2_on_bad_filters() {
    let (code, out, _) = kensho(&["search", "zzzqqq"]);
    assert_eq!((code, out.as_str()), (1, ""));
    let (code, _, err) = kensho(&["search", "支援", "--phase", "E"]);
    assert_eq!(code, 2);
    assert!(err.contains("allowed: A, B, C, D"), "{err}");
    let (code, _, err) = kensho(&["search", "支援", "--dept", "消防局"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("子) 児童相談所"),
        "the departments are listed: {err}"
    );
}

#[test]
fn search_json_and_filters() {
    // An empty query (as in fzf) lists every item that passes the filters.
    let (code, out, _) = kensho(&[
        "search",
        "'",
        "--json",
        "--limit",
        "1000",
        "--hide-relisted",
    ]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 75);
    let (code, out, _) = kensho(&[
        "search", "支援", "--phase", "C,D", "--json", "--limit", "100",
    ]);
    assert_eq!(code, 0);
    let hits: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(sorted, vec!["1-1-d", "1-1-e", "3-4-d"]);
    for h in &hits {
        let text: Vec<char> = h["text"].as_str().unwrap().chars().collect();
        let positions = h["positions"].as_array().unwrap();
        assert!(!positions.is_empty());
        let picked: String = positions
            .iter()
            .map(|p| text[p.as_u64().unwrap() as usize])
            .collect();
        assert!(picked.contains('支') && picked.contains('援'), "{picked}");
    }
}

#[test]
fn generate_writes_a_loadable_deterministic_report() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    for out in [&a, &b] {
        let (code, _, err) = kensho(&[
            "generate",
            "--items",
            "500",
            "--seed",
            "7",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
    }
    assert_eq!(common::snapshot(&a), common::snapshot(&b));
    let (code, out, _) = kensho(&["check", a.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("items            500"), "{out}");
    let (code, _, err) = kensho(&["generate", "--items", "5", a.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
}
