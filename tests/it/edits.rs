//! Status edits from the command line: saved and logged (who, when, old, new,
//! why), bad edits refused, the log shown and verified. (Under pressure:
//! edits_hard.rs; in git: edits_git.rs.)

use crate::common;
use common::run::{kensho_at, log_of, set, verify_ok};

use kensho::domain::records::load;

#[test]
fn set_changes_the_records_and_logs_who_when_old_new_and_why() {
    let tmp = common::copy_records();
    let out = set(
        tmp.path(),
        &[
            "3-4-d",
            "phase=D",
            "direction=III",
            "--reason",
            "本部会議で終結と決定",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "3-4-d phase: C -> D\n3-4-d direction: I -> III\n"
    );
    let r = load(tmp.path()).unwrap();
    let item = r.report.item("3-4-d").unwrap().item;
    assert_eq!(
        (item.phase.0.as_str(), item.direction.0.as_str()),
        ("D", "III")
    );
    let log = log_of(tmp.path());
    assert_eq!(log.len(), 2);
    assert_eq!(
        (
            log[0].field.name(),
            log[0].old.as_str(),
            log[0].new.as_str()
        ),
        ("phase", "C", "D")
    );
    // The account of the real user id; USER=tester only adds a display name.
    let account = uzers::get_current_username()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert_eq!(log[0].user, account);
    if account != "tester" {
        assert_eq!(log[0].display_name.as_deref(), Some("tester"));
    }
    assert_eq!(log[0].reason.as_deref(), Some("本部会議で終結と決定"));
    assert_eq!(log[0].version, env!("CARGO_PKG_VERSION"));
    assert!(log[0].timestamp.parse::<jiff::Timestamp>().is_ok());
    assert_eq!(log[0].txn, log[1].txn, "one save, one transaction");
    verify_ok(tmp.path());
    // Setting the same value again changes nothing and logs nothing.
    let out = set(tmp.path(), &["3-4-d", "phase=D"]);
    assert!(out.status.success());
    assert_eq!(log_of(tmp.path()).len(), 2);
}

#[test]
fn bad_edits_are_clear_errors_and_change_nothing() {
    let tmp = common::copy_records();
    let before = common::snapshot(tmp.path());
    for (args, wanted) in [
        (vec!["1-1-a", "phase=E"], "allowed: A, B, C, D"),
        (vec!["1-1-a", "direction=IV"], "allowed: I, II, III"),
        (vec!["1-1-zz", "phase=A"], "did you mean 1-1-a"),
        (
            vec!["1-1-a", "owner=x"],
            "allowed: phase, direction, progress, assessment",
        ),
        (vec!["1-1-a", "phase"], "is not FIELD=VALUE"),
    ] {
        let out = set(tmp.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(wanted), "{args:?}: {err}");
    }
    let after: Vec<_> = common::snapshot(tmp.path())
        .into_iter()
        .filter(|(n, _)| !n.starts_with('.'))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn the_log_command_filters_and_shows_escapes_visibly() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    assert!(
        set(dir, &["1-1-a", "phase=B", "--reason", "first"])
            .status
            .success()
    );
    assert!(
        set(dir, &["1-1-b", "progress=進捗\u{1b}[31m赤"])
            .status
            .success()
    );
    let out = kensho_at(dir, &["log", dir.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    // A heading naming the zone, then one line per change (a reason on
    // its own indented line under its change).
    let changes = text.lines().filter(|l| l.starts_with("20")).count();
    assert_eq!(changes, 2, "{text}");
    assert!(text.starts_with("(times in "), "{text}");
    assert!(text.contains("\n    reason: first\n"), "{text}");
    assert!(
        !text.contains('\u{1b}') && text.contains("␛[31m赤"),
        "{text}"
    );
    let out = kensho_at(
        dir,
        &["log", dir.to_str().unwrap(), "--item", "1-1-a", "--json"],
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["reason"], "first");
    let out = kensho_at(dir, &["log", dir.to_str().unwrap(), "--user", "nobody"]);
    assert!(out.stdout.is_empty());
    let out = kensho_at(
        dir,
        &["log", dir.to_str().unwrap(), "--since", "2999-01-01"],
    );
    assert!(out.stdout.is_empty());
    // The stored text keeps the escape as typed.
    assert!(
        load(dir)
            .unwrap()
            .report
            .item("1-1-b")
            .unwrap()
            .item
            .progress
            .contains('\u{1b}')
    );
    // A damaged line is reported with its number; verify then fails.
    let log = dir.join("changes.jsonl");
    let text = std::fs::read_to_string(&log).unwrap();
    std::fs::write(
        &log,
        format!(
            "{}not json\n{}",
            text.lines().next().unwrap().to_owned() + "\n",
            text.lines().nth(1).unwrap().to_owned() + "\n"
        ),
    )
    .unwrap();
    let out = kensho_at(dir, &["verify", dir.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("changes.jsonl:2"));
}

#[test]
fn verify_finds_a_hand_edit_that_was_not_logged() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    assert!(set(dir, &["4-1-a", "phase=B"]).status.success());
    let f = dir.join("recommendation-4.ron");
    let t = std::fs::read_to_string(&f).unwrap();
    std::fs::write(&f, t.replacen("phase: \"B\"", "phase: \"C\"", 1)).unwrap();
    let out = kensho_at(dir, &["verify", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("4-1-a phase") && err.contains("\"B\"") && err.contains("\"C\""),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn files_keep_their_mode_and_the_log_is_not_world_writable() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = common::copy_records();
    let dir = tmp.path();
    let f = dir.join("recommendation-1.ron");
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o664)).unwrap();
    assert!(set(dir, &["1-1-a", "phase=C"]).status.success());
    assert_eq!(
        std::fs::metadata(&f).unwrap().permissions().mode() & 0o777,
        0o664
    );
    let log_mode = std::fs::metadata(dir.join("changes.jsonl"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(log_mode & 0o002, 0, "{log_mode:o}");
}
