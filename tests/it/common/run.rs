//! kensho run as a process on a records folder, as the command-line tests
//! run it: in the folder, in English, with no configuration of the
//! machine's user and no fault injected unless asked for.

use std::path::Path;
use std::process::{Command, Output};

use kensho::domain::records::load;
use kensho::store::changelog::{self, Change};

/// `kensho ARGS` in `dir`, with `fault` injected (`KENSHO_INJECT_FAULT`).
pub fn kensho_faulty(dir: &Path, args: &[&str], fault: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kensho"));
    cmd.args(args)
        .current_dir(dir)
        .env("USER", "tester")
        .env("XDG_CONFIG_HOME", super::NO_CONFIG)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("KENSHO_INJECT_FAULT");
    if let Some(f) = fault {
        cmd.env("KENSHO_INJECT_FAULT", f);
    }
    cmd.output().unwrap()
}

/// `kensho ARGS` in `dir`.
pub fn kensho_at(dir: &Path, args: &[&str]) -> Output {
    kensho_faulty(dir, args, None)
}

/// `kensho --lang en set DIR ARGS`.
pub fn set(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--lang", "en", "set", dir.to_str().unwrap()];
    all.extend_from_slice(args);
    kensho_at(dir, &all)
}

/// `kensho --lang en verify DIR`.
pub fn verify(dir: &Path) -> Output {
    kensho_at(dir, &["--lang", "en", "verify", dir.to_str().unwrap()])
}

/// `verify` passes.
pub fn verify_ok(dir: &Path) {
    let out = verify(dir);
    assert!(out.status.success(), "verify: {}", text(&out));
}

/// Standard output and error, as text.
pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Every line of the change log (none of them damaged).
pub fn log_of(dir: &Path) -> Vec<Change> {
    let (changes, problems) = changelog::read(&dir.join(changelog::LOG_FILE)).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    changes
}

/// The phase of item `id` as the records on disk hold it.
pub fn phase_of(dir: &Path, id: &str) -> String {
    let records = load(dir).unwrap();
    records.report.item(id).unwrap().item.phase.0.clone()
}

/// `git ARGS` in `dir`, as a user named t (a new repository's branch is
/// main); its output. It must succeed.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(["-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
