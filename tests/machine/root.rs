//! What needs root: a real full disk and a read-only folder on a small
//! tmpfs, and two users of one group sharing a setgid records folder (the
//! log names each by the account of their real user id).

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

use crate::common;
use crate::common::run::{phase_of, set, text, verify, verify_ok};
use kensho::store::changelog;

/// A tmpfs of `size` mounted on a temporary folder, unmounted when dropped.
pub struct Tmpfs(tempfile::TempDir);

impl Tmpfs {
    /// None when it cannot be mounted here (no root).
    pub fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().ok()?;
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output()
            .is_ok_and(|o| o.status.success());
        mounted.then_some(Tmpfs(dir))
    }

    pub fn path(&self) -> &Path {
        self.0.path()
    }

    fn remount(&self, options: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(self.path())
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.path()).status();
    }
}

/// The bundled records copied into `dir`.
fn copy_records_to(dir: &Path) {
    for e in std::fs::read_dir(common::records_dir()).unwrap() {
        let e = e.unwrap();
        if e.file_name().to_string_lossy().ends_with(".ron") {
            std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
        }
    }
}

/// A full disk refuses a save and leaves the records as they were; with room
/// again the save goes through; a read-only folder is said so.
pub fn a_full_disk_and_a_read_only_folder() {
    let disk = Tmpfs::mount("300k").unwrap();
    let dir = disk.path().join("records");
    std::fs::create_dir(&dir).unwrap();
    copy_records_to(&dir);
    // Fill the disk, leaving too little room for a new recommendation file.
    let free = fs_free(disk.path());
    std::fs::write(
        disk.path().join("filler"),
        vec![0u8; free.saturating_sub(8 * 1024) as usize],
    )
    .ok();
    let before: Vec<_> = common::snapshot(&dir)
        .into_iter()
        .filter(|(n, _)| n.ends_with(".ron"))
        .collect();
    let out = set(&dir, &["3-4-d", "phase=D"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.to_lowercase().contains("space"), "{err}");
    let after: Vec<_> = common::snapshot(&dir)
        .into_iter()
        .filter(|(n, _)| n.ends_with(".ron"))
        .collect();
    assert_eq!(before, after, "records untouched on a full disk");
    std::fs::remove_file(disk.path().join("filler")).unwrap();
    let out = set(&dir, &["3-4-d", "phase=D"]);
    assert!(
        out.status.success(),
        "{} {:?}",
        String::from_utf8_lossy(&out.stderr),
        std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect::<Vec<_>>()
    );
    verify_ok(&dir);
    // Read-only.
    disk.remount("ro");
    let out = set(&dir, &["3-4-d", "phase=A"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Read-only") || err.contains("read-only"),
        "{err}"
    );
    assert_eq!(phase_of(&dir, "3-4-d"), "D");
}

/// The sequence on a real full disk: a 400 KB tmpfs, saves with a
/// 100 KB reason until one fails, then more room and another save.
pub fn a_full_disk_never_costs_a_logged_change() {
    let disk = Tmpfs::mount("400k").unwrap();
    copy_records_to(disk.path());
    let reason = "理".repeat(100 * 1024 / 3);
    let mut failed = false;
    for (i, id) in ["1-1-a", "1-1-b", "1-2-a", "1-2-b", "1-3-1"]
        .iter()
        .enumerate()
    {
        let value = format!("progress=満杯の試験 {i}");
        let out = set(disk.path(), &[id, &value, "--reason", &reason]);
        if !out.status.success() {
            assert!(
                text(&out).to_lowercase().contains("no space left"),
                "{}",
                text(&out)
            );
            failed = true;
            break;
        }
    }
    assert!(failed, "the disk filled up");
    // More room, and another save.
    disk.remount("size=4m");
    let out = set(disk.path(), &["2-1-a", "phase=C"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        logged(disk.path())
            .iter()
            .any(|(item, new)| item == "2-1-a" && new == "C"),
        "the log holds the save after the full disk"
    );
    let v = verify(disk.path());
    assert!(v.status.success(), "{}", text(&v));
}

fn fs_free(path: &Path) -> u64 {
    let out = Command::new("df")
        .args(["--output=avail", "-B1"])
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .nth(1)
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

fn logged(dir: &Path) -> Vec<(String, String)> {
    let (changes, problems) = changelog::read(&dir.join(changelog::LOG_FILE)).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    changes.into_iter().map(|c| (c.item, c.new)).collect()
}

const GROUP: &str = "kenshotest";
const USERS: [&str; 2] = ["kensho_a", "kensho_b"];

fn id(args: &[&str]) -> Option<u32> {
    let out = Command::new("id").args(args).output().ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

/// The group and the two users, made when missing. None without root.
pub fn accounts() -> Option<(u32, [u32; 2])> {
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

/// Two users of one group save in turn in a setgid folder under umask 022.
pub fn two_members_of_a_group_save_in_turn_in_a_setgid_folder() {
    let (gid, [a, b]) = accounts().unwrap();
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
