//! The board with `--compare BASE`: the items changed since the earlier
//! table marked `~` in the outline, the filter 「前回から変更した項目」, and
//! 旧 under each changed field in the detail and the walkthrough.

use std::time::Duration;

use super::*;
use kensho::domain::model::Phase;
use kensho::domain::records::load;
use kensho::store::write_records;

#[test]
fn the_board_marks_filters_and_shows_what_each_changed_field_held() {
    let base = copy_of_records();
    let now = copy_of_records();
    let mut records = load(now.path()).unwrap();
    let item = records.report.item_mut("1-1-b").unwrap();
    assert_eq!(item.phase.0, "A");
    item.phase = Phase("D".into());
    item.progress = format!("今年度も継続。{}", item.progress);
    write_records(&records).unwrap();
    let (now_dir, base_dir) = (now.path().to_str().unwrap(), base.path().to_str().unwrap());
    let mut s = Session::start(&[now_dir, "--compare", base_dir], "ja_JP.UTF-8");
    let first = s.wait_for("1 / 88");
    assert!(first.contains("~ 1-1-b"), "{first}");
    assert!(!first.contains("~ 1-1-a"), "{first}");
    // f, down to the filter (4 phases, 3 directions, relisted rows), Space.
    s.send("f");
    let panel = s.wait_for("前回から変更した項目");
    assert!(panel.contains("前回から変更した項目"), "{panel}");
    s.send("jjjjjjjj ");
    s.send("\x1b");
    let narrowed = s.wait_for("1 / 1");
    assert!(
        narrowed.contains("1-1-b") && !narrowed.contains("1-1-c"),
        "{narrowed}"
    );
    // The detail: 旧 under the phase and under the progress.
    s.send("\r");
    let detail = s.wait_for("旧: A 既に取り組んでいる項目");
    assert!(detail.contains("旧: 令和2年4月から"), "{detail}");
    s.send("\x1b");
    s.wait_gone("旧: A");
    // The walkthrough: the same 旧 lines.
    s.send("p");
    let walk = s.wait_for("旧: A");
    assert!(
        walk.contains("旧: 令和2年4月から") || walk.contains("旧: A"),
        "{walk}"
    );
    s.send("\x1b");
    s.send("q");
    assert!(s.wait_exit(Duration::from_secs(5)).success());
}

/// A git repository of the records with a commit, then a commit that
/// changes 1-1-b's phase and progress: what `--compare HEAD~1` is for.
fn repository_with_a_change() -> tempfile::TempDir {
    let dir = copy_of_records();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-qm", "base"]);
    let mut records = load(dir.path()).unwrap();
    let item = records.report.item_mut("1-1-b").unwrap();
    item.phase = Phase("C".into());
    item.progress = format!("令和7年度も{}", item.progress);
    write_records(&records).unwrap();
    git(&["commit", "-qam", "change"]);
    dir
}

#[test]
fn equals_narrows_to_the_changes_and_the_projector_shows_old_codes() {
    let dir = repository_with_a_change();
    let path = dir.path().to_str().unwrap();
    let mut s = Session::start_in(
        &["--compare", "HEAD~1", path],
        "ja_JP.UTF-8",
        (160, 40),
        &[],
    );
    s.wait_for("1 / 88");
    s.send("=");
    let narrowed = s.wait_for("1 / 1");
    assert!(narrowed.contains("前回から変更した項目"), "{narrowed}");
    assert!(
        narrowed.contains("~ 1-1-b") && !narrowed.contains("1-1-a"),
        "{narrowed}"
    );
    // The walkthrough on a projector: 旧 under the large phase (right
    // column) and under the progress (left column).
    s.send("p");
    let walk = s.wait_for("旧: A 既に取り組んでいる項目");
    let line = walk
        .lines()
        .find(|l| l.contains("旧: A 既に"))
        .unwrap()
        .to_string();
    let column = unicode_width::UnicodeWidthStr::width(&line[..line.find("旧: A").unwrap()]);
    assert!(column > 90, "{line}");
    assert!(walk.contains("旧: 令和2年4月から"), "{walk}");
    // Esc alone (an Esc with a key right after it reads as Alt and the key).
    s.send("\x1b");
    s.wait_gone("議題 1 / 1");
    s.send("=");
    let all = s.wait_for("2 / 88 件目");
    assert!(all.contains("1-1-a") && all.contains("= 比較"), "{all}");
    s.send("q");
    assert!(s.wait_exit(Duration::from_secs(5)).success());
}

#[test]
fn equals_without_a_comparison_says_how_to_get_one() {
    let dir = copy_of_records();
    let mut s = Session::start(&[dir.path().to_str().unwrap()], "ja_JP.UTF-8");
    s.wait_for("1 / 88");
    s.send("=");
    let said = s.wait_for("--compare BASE");
    assert!(said.contains("比較するには"), "{said}");
    assert!(said.contains("1 / 88"), "the list is as it was: {said}");
    s.send("q");
    assert!(s.wait_exit(Duration::from_secs(5)).success());
}
