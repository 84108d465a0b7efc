//! The comparison written for people: the 新旧対照表 workbook read back,
//! Markdown, hostile text on either side, and rounds.

use crate::common;
use crate::compare::change;
use common::books::{open, part, text};
use common::kensho;
use common::run::git;

use calamine::Reader;
use kensho::domain::records::load;
use kensho::store::write_records;

#[test]
fn the_contrast_workbook_sets_new_beside_old_and_underlines_what_changed() {
    let base = common::copy_records();
    let now = common::copy_records();
    let known = change(now.path());
    let out = now.path().join("新旧対照表.xlsx");
    let (code, _, err) = kensho(&[
        "--lang",
        "ja",
        "compare",
        base.path().to_str().unwrap(),
        now.path().to_str().unwrap(),
        "--format",
        "xlsx",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let mut book = open(&out);
    assert_eq!(book.sheet_names(), vec!["新旧対照表", "移り変わり"]);
    let sheet = book.worksheet_range("新旧対照表").unwrap();
    assert_eq!(
        (text(&sheet, 2, 0), text(&sheet, 2, 1), text(&sheet, 2, 2)),
        ("項目".into(), "新".into(), "旧".into())
    );
    let row_of = |id: &str| {
        (3..sheet.height() as u32)
            .find(|r| text(&sheet, *r, 0).starts_with(id))
            .unwrap()
    };
    // One row per item: 4 changed, 1 added, 1 removed.
    assert_eq!(sheet.height(), 3 + 6);
    let r = row_of(&known.progress);
    assert!(text(&sheet, r, 1).contains("令和8年度は対象を拡充した。"));
    assert!(!text(&sheet, r, 2).contains("令和8年度は対象を拡充した。"));
    let r = row_of(&known.phase.0);
    assert!(text(&sheet, r, 1).starts_with(&format!("【実施区分】\n{}（", known.phase.2)));
    assert!(text(&sheet, r, 2).starts_with(&format!("【実施区分】\n{}（", known.phase.1)));
    assert!(text(&sheet, row_of(&known.added), 2).contains("（新規）"));
    assert!(text(&sheet, row_of(&known.removed), 1).contains("（削除）"));
    // The characters put in are a run of their own, underlined.
    let strings = part(&out, "xl/sharedStrings.xml");
    assert!(
        strings.contains("<u/></rPr><t>令和8年度は対象を拡充した。</t>")
            || strings.contains("<u/><sz val=\"10\"/>"),
        "{}",
        &strings[..2000.min(strings.len())]
    );
    let run = strings
        .split("<r>")
        .find(|r| r.contains("令和8年度は対象を拡充した。"))
        .unwrap();
    assert!(run.contains("<u/>"), "{run}");
    // Printed on A4 landscape with the headings on every page.
    let setup = part(&out, "xl/worksheets/sheet1.xml");
    assert!(
        setup.contains("paperSize=\"9\"") && setup.contains("orientation=\"landscape\""),
        "{setup}"
    );
    let names = part(&out, "xl/workbook.xml");
    assert!(names.contains("_xlnm.Print_Titles"), "{names}");
    let m = book.worksheet_range("移り変わり").unwrap();
    assert_eq!(text(&m, 1, 0), "旧＼新");
}

#[test]
fn markdown_marks_what_was_put_in_and_taken_out() {
    let base = common::copy_records();
    let now = common::copy_records();
    let known = change(now.path());
    let (code, md, err) = kensho(&[
        "--lang",
        "ja",
        "compare",
        base.path().to_str().unwrap(),
        now.path().to_str().unwrap(),
        "--format",
        "markdown",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(md.contains(&format!("### {}", known.progress)), "{md}");
    assert!(
        md.contains("<ins>令和8年度は対象を拡充した。</ins>"),
        "{md}"
    );
    assert!(md.contains("| 欄 | 新 | 旧 |"));
}

#[test]
fn hostile_text_on_either_side_stays_visible() {
    let base = common::copy_records();
    let now = common::copy_records();
    for (dir, text) in [
        (base.path(), "旧\u{1b}]0;title\u{7}\u{1b}[2J"),
        (now.path(), "新\u{1b}[31m赤\u{9b}1m\u{202e}"),
    ] {
        let mut records = load(dir).unwrap();
        records.report.item_mut("1-1-a").unwrap().progress = text.to_string();
        write_records(&records).unwrap();
    }
    for format in ["text", "markdown", "json"] {
        let (code, out, err) = kensho(&[
            "compare",
            base.path().to_str().unwrap(),
            now.path().to_str().unwrap(),
            "--format",
            format,
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(
            !out.contains('\u{1b}')
                && !out.contains('\u{9b}')
                && !out.contains('\u{7}')
                && !out.contains('\u{202e}'),
            "{format}: {out:?}"
        );
    }
    let (_, out, _) = kensho(&[
        "compare",
        base.path().to_str().unwrap(),
        now.path().to_str().unwrap(),
    ]);
    assert!(out.contains("␛[31m"), "{out}");
    assert!(out.contains("␛]0;title␇"), "{out}");
    let book = now.path().join("c.xlsx");
    let (code, _, err) = kensho(&[
        "compare",
        base.path().to_str().unwrap(),
        now.path().to_str().unwrap(),
        "--format",
        "xlsx",
        "--out",
        book.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let strings = part(&book, "xl/sharedStrings.xml");
    assert!(
        strings.contains("␛[") && strings.contains("31m赤&lt;U+009B&gt;1m"),
        "{strings}"
    );
    assert!(
        !strings.contains("_x001B_") && !strings.contains('\u{1b}'),
        "{strings}"
    );
}

#[test]
fn a_round_in_git_is_tagged_and_says_what_changed_in_it() {
    let tmp = common::copy_records();
    git(tmp.path(), &["init", "-q"]);
    git(tmp.path(), &["add", "."]);
    git(tmp.path(), &["commit", "-qm", "令和7年度"]);
    let dir = tmp.path().to_str().unwrap();
    let (code, out, err) = kensho(&["--lang", "ja", "round", dir]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("回はまだ始まっていません"), "{out}");
    let (code, out, err) = kensho(&["--lang", "ja", "round", "start", "令和8年度", dir]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("git にタグ round/令和8年度 を付けました"),
        "{out}"
    );
    assert_eq!(git(tmp.path(), &["tag"]).trim(), "round/令和8年度");
    let header = std::fs::read_to_string(tmp.path().join("report.ron")).unwrap();
    assert!(
        header.contains("name: \"令和8年度\"") && header.contains("base: \"round/令和8年度\""),
        "{header}"
    );
    git(tmp.path(), &["commit", "-qam", "令和8年度を開始"]);
    let known = change(tmp.path());
    let (code, out, err) = kensho(&["--lang", "ja", "round", dir]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("今の回: 令和8年度（令和"), "{out}");
    assert!(out.contains(&format!("■ {}", known.phase.0)), "{out}");
    // A second start of the same name, and uncommitted changes, are refused.
    let (code, _, err) = kensho(&["--lang", "ja", "round", "start", "令和8年度", dir]);
    assert_eq!(code, 2);
    assert!(err.contains("回「令和8年度」はもうあります"), "{err}");
    let (code, _, err) = kensho(&["--lang", "ja", "round", "start", "令和9年度", dir]);
    assert_eq!(code, 2);
    assert!(err.contains("コミットしていない変更があります"), "{err}");
    let (code, _, err) = kensho(&["--lang", "en", "round", "start", "bad/name", dir]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used"), "{err}");
}

#[test]
fn a_round_outside_git_keeps_its_base_beside_the_records() {
    let tmp = common::copy_records();
    let dir = tmp.path().to_str().unwrap();
    let (code, _, err) = kensho(&["round", "start", "2026", dir]);
    assert_eq!(code, 0, "{err}");
    assert!(tmp.path().join("rounds/2026/report.ron").exists());
    assert_eq!(
        load(tmp.path()).unwrap().report.rounds[0].base,
        "rounds/2026"
    );
    let known = change(tmp.path());
    let (code, out, err) = kensho(&["--lang", "en", "round", dir]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("open round: 2026 (started "), "{out}");
    assert!(
        out.contains("4 changed, 1 added, 1 removed, 1 renumbered"),
        "{out}"
    );
    assert!(out.contains(&known.added));
}
