//! No change the log does not tell is ever taken in by a save: a hand edit
//! stops every save until it is adopted (`kensho adopt`, logged under the
//! user's name); a parsed copy changed on disk is never shown nor saved; a
//! cut-off last line whose change reached the data is not passed over;
//! before the first save, git's last commit is the baseline.

use crate::common;
use common::run::{kensho_at, log_of, set, text, verify, verify_ok};

use std::path::Path;

use kensho::store::changelog::LogStatus;

/// The records files' bytes, nothing else.
fn records_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    common::snapshot(dir)
        .into_iter()
        .filter(|(n, _)| n.ends_with(".ron") && !n.contains('/'))
        .collect()
}

/// Change the text of `field` of item `id` in `file` by hand: `change`
/// gets the quoted value's text and returns the new one.
fn hand_edit(dir: &Path, file: &str, id: &str, field: &str, change: impl Fn(&str) -> String) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find(&format!("id: \"{id}\"")).unwrap();
    let key = format!("{field}: \"");
    let start = at + text[at..].find(&key).unwrap() + key.len();
    let end = start + text[start..].find('"').unwrap();
    let edited = format!(
        "{}{}{}",
        &text[..start],
        change(&text[start..end]),
        &text[end..]
    );
    std::fs::write(&path, edited).unwrap();
}

#[test]
fn a_hand_edit_stops_every_save_until_it_is_adopted_under_a_name() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    assert!(set(dir, &["1-1-a", "phase=B"]).status.success());
    // A never-logged text and a logged field, changed by hand.
    hand_edit(dir, "recommendation-2.ron", "2-1-a", "progress", |t| {
        format!("{t}（手で修正）")
    });
    hand_edit(dir, "recommendation-1.ron", "1-1-a", "phase", |_| {
        "D".into()
    });
    let v = verify(dir);
    assert_eq!(v.status.code(), Some(1), "{}", text(&v));
    assert!(text(&v).contains("kensho adopt"), "{}", text(&v));
    // Any save is refused, says why and how to adopt, and writes nothing.
    let before = records_files(dir);
    let log_before = log_of(dir);
    let out = set(dir, &["7-1-a", "phase=C"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let said = text(&out);
    assert!(said.contains("changed outside kensho"), "{said}");
    assert!(said.contains("1-1-a phase"), "{said}");
    assert!(said.contains("kensho adopt"), "{said}");
    assert!(said.contains("nothing was saved"), "{said}");
    assert_eq!(records_files(dir), before);
    assert_eq!(log_of(dir), log_before);
    assert_eq!(verify(dir).status.code(), Some(1), "verify still fails");
    // Adopted under the user's name: the named field, and the records whole.
    let path = dir.to_str().unwrap();
    let out = kensho_at(dir, &["--lang", "en", "adopt", path, "--reason", "typo"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("1-1-a phase: B -> D"), "{}", text(&out));
    let log = log_of(dir);
    let adopted: Vec<_> = log[log_before.len()..].to_vec();
    assert_eq!(adopted.len(), 2, "{adopted:?}");
    assert_eq!(adopted[0].item, "1-1-a");
    assert_eq!(
        (adopted[0].old.as_str(), adopted[0].new.as_str()),
        ("B", "D")
    );
    assert_eq!(adopted[1].status, LogStatus::Adopted);
    assert_eq!(adopted[1].reason.as_deref(), Some("typo"));
    assert!(adopted.iter().all(|c| c.user == adopted[0].user));
    assert_eq!(records_files(dir), before, "adopting writes no records");
    verify_ok(dir);
    let shown = kensho_at(dir, &["--lang", "en", "log", path]);
    assert!(text(&shown).contains("the records adopted as they are"));
    // Saves go on, the hand edits kept.
    assert!(set(dir, &["7-1-a", "phase=C"]).status.success());
    let now = std::fs::read_to_string(dir.join("recommendation-2.ron")).unwrap();
    assert!(now.contains("（手で修正）"));
    verify_ok(dir);
    // Nothing more to adopt.
    let out = kensho_at(dir, &["--lang", "en", "adopt", path]);
    assert!(text(&out).contains("nothing to adopt"), "{}", text(&out));
}

#[test]
fn a_parsed_copy_changed_on_disk_is_never_shown_nor_saved() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let path = dir.to_str().unwrap();
    // A command keeps a parsed copy of each file.
    assert!(kensho_at(dir, &["search", path, "1-1-a"]).status.success());
    let copy = dir.join(".kensho-cache/parsed/recommendation-1.ron.bin");
    let mut bytes = std::fs::read(&copy).unwrap();
    let (was, now) = ("令和2年4月から".as_bytes(), "令和9年4月から".as_bytes());
    let at = bytes.windows(was.len()).position(|w| w == was).unwrap();
    bytes[at..at + was.len()].copy_from_slice(now);
    std::fs::write(&copy, &bytes).unwrap();
    // Not shown,
    let out = kensho_at(dir, &["export", path, "--format", "json"]);
    assert!(out.status.success());
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("令和2年4月から"), "the file's text");
    assert!(
        !shown.contains("令和9年4月から"),
        "never the altered copy's"
    );
    // nor saved.
    assert!(set(dir, &["1-1-b", "phase=C"]).status.success());
    let file = std::fs::read_to_string(dir.join("recommendation-1.ron")).unwrap();
    assert!(!file.contains("令和9年4月から"));
    verify_ok(dir);
}

#[test]
fn a_cut_off_last_line_whose_change_reached_the_data_is_not_passed_over() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    assert!(set(dir, &["1-1-a", "phase=B"]).status.success());
    assert!(set(dir, &["1-2-a", "phase=C"]).status.success());
    // The last line loses its end after its save reached the data.
    let log = dir.join("changes.jsonl");
    let bytes = std::fs::read(&log).unwrap();
    std::fs::write(&log, &bytes[..bytes.len() - 40]).unwrap();
    let out = set(dir, &["7-1-a", "phase=C"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("kensho adopt"), "{}", text(&out));
    assert_eq!(verify(dir).status.code(), Some(1));
}

fn git(dir: &Path, args: &[&str]) {
    common::run::git(dir, args);
}

#[test]
fn before_the_first_save_git_is_the_baseline_or_verify_says_it_has_none() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    hand_edit(dir, "recommendation-1.ron", "1-1-b", "phase", |_| {
        "D".into()
    });
    // No log, no git: said plainly.
    let v = verify(dir);
    assert!(v.status.success(), "{}", text(&v));
    assert!(
        text(&v).contains("nothing can be verified before the first save"),
        "{}",
        text(&v)
    );
    assert!(!text(&v).contains("older kensho"), "{}", text(&v));
    // In git: the hand edit since the last commit is found and stops a save.
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-qm", "records"]);
    verify_ok(dir);
    assert!(text(&verify(dir)).contains("as git's last commit"));
    hand_edit(dir, "recommendation-1.ron", "1-1-b", "phase", |_| {
        "C".into()
    });
    let v = verify(dir);
    assert_eq!(v.status.code(), Some(1), "{}", text(&v));
    assert!(
        text(&v).contains("1-1-b phase: \"D\" at the last commit"),
        "{}",
        text(&v)
    );
    let out = set(dir, &["7-1-a", "phase=C"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("kensho adopt"), "{}", text(&out));
    let path = dir.to_str().unwrap();
    let out = kensho_at(dir, &["--lang", "en", "adopt", path]);
    assert!(text(&out).contains("1-1-b phase: D -> C"), "{}", text(&out));
    verify_ok(dir);
    assert!(set(dir, &["7-1-a", "phase=C"]).status.success());
}

#[test]
fn with_its_cache_lost_a_save_trusts_the_files_only_when_they_are_the_last_saves() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    assert!(set(dir, &["1-1-a", "phase=B"]).status.success());
    // The cache gone (a fresh clone of a repository whose log is
    // committed): the files are the last save's, so the save goes on.
    std::fs::remove_dir_all(dir.join(".kensho-cache")).unwrap();
    assert!(set(dir, &["1-1-b", "phase=B"]).status.success());
    verify_ok(dir);
    // Then a hand edit, and the cache gone again: refused all the same.
    hand_edit(dir, "recommendation-2.ron", "2-1-a", "progress", |t| {
        format!("{t}（手で修正）")
    });
    std::fs::remove_dir_all(dir.join(".kensho-cache")).unwrap();
    let before = records_files(dir);
    let out = set(dir, &["7-1-a", "phase=C"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("kensho adopt"), "{}", text(&out));
    assert_eq!(before, records_files(dir), "a refused save writes nothing");
}

#[test]
fn files_read_whole_that_are_the_last_saves_are_vouched_for_and_no_others() {
    use kensho::domain::field::{Edit, Field};
    use kensho::store::{Why, apply_edits, parsed::load_and_keep};
    let tmp = common::copy_records();
    let dir = tmp.path();
    assert!(set(dir, &["1-1-a", "phase=B"]).status.success());
    let edit = |value: &str| Edit {
        item: "7-1-a".into(),
        field: Field::Phase,
        value: value.into(),
    };
    // A fresh clone of a repository whose log is committed: no cache. A
    // command reads every file; the next save reads only the one it changes.
    std::fs::remove_dir_all(dir.join(".kensho-cache")).unwrap();
    std::fs::remove_file(dir.join(".kensho.lock")).unwrap();
    load_and_keep(dir).unwrap();
    let saved = apply_edits(dir, &[edit("C")], Why::default(), None).unwrap();
    assert!(!saved.read_all, "read whole again");
    verify_ok(dir);
    // While someone holds the lock (a save), a reader does not wait to
    // vouch: it leaves the cache alone.
    std::fs::remove_dir_all(dir.join(".kensho-cache")).unwrap();
    let held = std::fs::File::open(dir.join(".kensho.lock")).unwrap();
    held.lock().unwrap();
    load_and_keep(dir).unwrap();
    assert!(!dir.join(".kensho-cache/digests.json").exists());
    held.unlock().unwrap();
    // A hand edit: the files are not the last save's, nothing is vouched
    // for, and the save reads them whole and refuses.
    hand_edit(dir, "recommendation-2.ron", "2-1-a", "progress", |t| {
        format!("{t}（手で修正）")
    });
    std::fs::remove_dir_all(dir.join(".kensho-cache")).unwrap();
    load_and_keep(dir).unwrap();
    assert!(!dir.join(".kensho-cache/digests.json").exists());
    match apply_edits(dir, &[edit("D")], Why::default(), None) {
        Err(kensho::store::EditError::Unlogged(_)) => {}
        other => panic!("not refused: {other:?}"),
    }
}

#[test]
fn a_refused_save_says_all_of_it_on_an_80x24_board() {
    let mut b = common::TestBoard::on_copy(kensho::i18n::Lang::Ja, 80, 24);
    let dir = b.path().to_path_buf();
    assert!(set(&dir, &["1-1-a", "phase=B"]).status.success());
    hand_edit(&dir, "recommendation-2.ron", "2-1-a", "progress", |t| {
        format!("{t}（手で修正）")
    });
    b.keys("C");
    let screen = b.screen();
    // Wrapped over the bottom rows, not cut at the width: the way out is
    // on the screen.
    let joined: String = screen.split_whitespace().collect();
    assert!(joined.contains("kenshoadopt"), "{screen}");
    assert!(joined.contains("gitcheckout"), "{screen}");
    // The next key gives the footer back.
    b.keys("j");
    assert!(!b.screen().contains("adopt"), "{}", b.screen());
}
