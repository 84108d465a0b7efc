//! A records folder shared by a group: two users of one group save in turn
//! in a setgid folder under umask 022, and the log names each by the account
//! of their real user id. Needs root to make the users; says NOT RUN
//! otherwise.
#![cfg(unix)]

mod common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

const GROUP: &str = "kenshotest";
const USERS: [&str; 2] = ["kensho_a", "kensho_b"];

fn id(args: &[&str]) -> Option<u32> {
    let out = Command::new("id").args(args).output().ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

/// The group and the two users, made when missing. None without root.
fn accounts() -> Option<(u32, [u32; 2])> {
    if id(&["-u"]) != Some(0) {
        return None;
    }
    let _ = Command::new("groupadd").arg(GROUP).output();
    for u in USERS {
        let _ = Command::new("useradd")
            .args(["-M", "-N", "-g", GROUP, "-s", "/bin/sh", u])
            .output();
    }
    let gid = String::from_utf8_lossy(
        &Command::new("getent")
            .args(["group", GROUP])
            .output()
            .ok()?
            .stdout,
    )
    .split(':')
    .nth(2)?
    .trim()
    .parse()
    .ok()?;
    let a = id(&["-u", USERS[0]])?;
    let b = id(&["-u", USERS[1]])?;
    Some((gid, [a, b]))
}

/// `kensho set` as `uid` (primary group `gid`) under umask 022, with
/// LOGNAME claiming to be someone else.
fn set_as(uid: u32, gid: u32, dir: &Path, id: &str, value: &str) -> std::process::Output {
    Command::new("sh")
        .arg("-c")
        .arg("umask 022; exec \"$0\" --lang en set \"$1\" \"$2\" \"$3\"")
        .arg(env!("CARGO_BIN_EXE_kensho"))
        .arg(dir)
        .arg(id)
        .arg(value)
        .env("LOGNAME", "mayor")
        .env("USER", "mayor")
        .env("XDG_CONFIG_HOME", common::NO_CONFIG)
        .env("HOME", "/nonexistent")
        .uid(uid)
        .gid(gid)
        .output()
        .unwrap()
}

#[test]
fn two_members_of_a_group_save_in_turn_in_a_setgid_folder() {
    let Some((gid, [a, b])) = accounts() else {
        eprintln!("NOT RUN: making two users in one group needs root");
        return;
    };
    // A folder every user can reach, then the shared records folder.
    let base = tempfile::tempdir().unwrap();
    std::fs::set_permissions(base.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let dir = base.path().join("records");
    std::fs::create_dir(&dir).unwrap();
    for e in std::fs::read_dir(common::records_dir()).unwrap() {
        let e = e.unwrap();
        if e.file_name().to_string_lossy().ends_with(".ron") {
            let to = dir.join(e.file_name());
            std::fs::copy(e.path(), &to).unwrap();
            std::os::unix::fs::chown(&to, Some(a), Some(gid)).unwrap();
            std::fs::set_permissions(&to, std::fs::Permissions::from_mode(0o664)).unwrap();
        }
    }
    std::os::unix::fs::chown(&dir, Some(a), Some(gid)).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o2775)).unwrap();

    let first = set_as(a, gid, &dir, "1-1-a", "phase=B");
    assert!(first.status.success(), "{first:?}");
    // The lock and the log the first user created are the group's.
    for name in [".kensho.lock", "changes.jsonl"] {
        let meta = std::fs::metadata(dir.join(name)).unwrap();
        assert_eq!(meta.gid(), gid, "{name}");
        assert_eq!(meta.mode() & 0o070, 0o060, "{name} is group-writable");
    }
    let second = set_as(b, gid, &dir, "1-1-b", "phase=C");
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let again = set_as(a, gid, &dir, "1-1-c", "phase=D");
    assert!(again.status.success(), "{again:?}");
    // A records file rewritten by the other user keeps its group and mode.
    let file = std::fs::metadata(dir.join("recommendation-1.ron")).unwrap();
    assert_eq!(file.gid(), gid);
    assert_eq!(file.mode() & 0o777, 0o664);
    // Each change is logged as the account that made it; LOGNAME only adds a name.
    let (changes, _) = kensho::store::changelog::read(&dir.join("changes.jsonl")).unwrap();
    let users: Vec<(&str, Option<&str>)> = changes
        .iter()
        .map(|c| (c.user.as_str(), c.display_name.as_deref()))
        .collect();
    assert_eq!(
        users,
        vec![
            (USERS[0], Some("mayor")),
            (USERS[1], Some("mayor")),
            (USERS[0], Some("mayor"))
        ]
    );
}
