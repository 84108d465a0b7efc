//! Records in git: one edit is one changed line, and two clones changing
//! different items merge cleanly.

use crate::common;
use common::run::{kensho_at, log_of, set, verify_ok};

use std::path::Path;

use kensho::domain::records::load;

#[test]
fn one_edit_is_one_changed_line_in_git() {
    let tmp = common::copy_records();
    let git = |args: &[&str]| common::run::git(tmp.path(), args);
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-qm", "records"]);
    assert!(set(tmp.path(), &["5-4-c", "direction=II"]).status.success());
    let stat = git(&["diff", "--numstat", "--", "*.ron"]);
    assert_eq!(stat.trim(), "1\t1\trecommendation-5.ron", "{stat}");
    let diff = git(&["diff", "-U0", "--", "*.ron"]);
    let changed: Vec<&str> = diff
        .lines()
        .filter(|l| {
            (l.starts_with('+') || l.starts_with('-'))
                && !l.starts_with("+++")
                && !l.starts_with("---")
        })
        .collect();
    assert_eq!(changed.len(), 2);
    assert_eq!(
        changed[0].trim_start_matches('-').trim(),
        "direction: \"I\","
    );
    assert_eq!(
        changed[1].trim_start_matches('+').trim(),
        "direction: \"II\","
    );
}

/// `git ARGS` in `dir`, as a user of its own; it must succeed.
fn git(dir: &Path, args: &[&str]) {
    common::run::git(dir, args);
}

/// `kensho set DIR ARGS` succeeds.
fn set_ok(dir: &Path, args: &[&str]) {
    let out = set(dir, args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A repository `origin` in `base` holding the records (with the project's
/// `.gitattributes`) and one logged change, committed.
fn origin_with_records(base: &Path) -> std::path::PathBuf {
    let origin = base.join("origin");
    std::fs::create_dir_all(origin.join("records")).unwrap();
    for e in std::fs::read_dir(common::records_dir()).unwrap() {
        let e = e.unwrap();
        if e.file_name().to_string_lossy().ends_with(".ron") {
            std::fs::copy(e.path(), origin.join("records").join(e.file_name())).unwrap();
        }
    }
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".gitattributes"),
        origin.join(".gitattributes"),
    )
    .unwrap();
    git(&origin, &["init", "-q"]);
    set_ok(
        &origin.join("records"),
        &["1-1-a", "direction=II", "--reason", "seed"],
    );
    git(&origin, &["add", "."]);
    git(&origin, &["commit", "-qm", "records"]);
    origin
}

#[test]
fn two_clones_changing_different_items_merge_cleanly() {
    let base = tempfile::tempdir().unwrap();
    let origin = origin_with_records(base.path());
    let shared = base.path().join("shared.git");
    let path = |p: &Path| p.to_str().unwrap().to_string();
    git(
        base.path(),
        &["clone", "-q", "--bare", &path(&origin), &path(&shared)],
    );
    let (a, b) = (base.path().join("a"), base.path().join("b"));
    for clone in [&a, &b] {
        git(base.path(), &["clone", "-q", &path(&shared), &path(clone)]);
    }
    set_ok(
        &a.join("records"),
        &["2-1-a", "phase=B", "--reason", "ward A"],
    );
    set_ok(
        &b.join("records"),
        &["6-3-d", "direction=III", "--reason", "ward B"],
    );
    git(&a, &["commit", "-qam", "a"]);
    git(&b, &["commit", "-qam", "b"]);
    git(&a, &["push", "-q", "origin", "HEAD:main"]);
    git(&b, &["pull", "-q", "--no-rebase", "origin", "main"]);
    let records = b.join("records");
    let report = load(&records).unwrap().report;
    assert_eq!(report.item("2-1-a").unwrap().item.phase.0, "B");
    assert_eq!(report.item("6-3-d").unwrap().item.direction.0, "III");
    assert_eq!(log_of(&records).len(), 3);
    verify_ok(&records);
    // The merged data is no one save's, and verify says what it is.
    let out = kensho_at(&records, &["--lang", "en", "verify", "."]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("more than one copy, merged"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A hand edit on top of the merge is still found.
    let file = records.join("recommendation-7.ron");
    let t = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, t.replacen("検証機会", "検証の機会", 1)).unwrap();
    let out = kensho_at(&records, &["--lang", "en", "verify", "."]);
    assert_eq!(out.status.code(), Some(1));
}
