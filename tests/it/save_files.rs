//! A save costs what it changes: once kensho knows the files (its digest
//! cache), a save reads and writes only the file that holds the item, and
//! whatever it cannot vouch for sends it back to reading everything.

use crate::common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use kensho::store::seam::{self, Seams};

use kensho::domain::field::{Edit, Field};
use kensho::domain::records::{load, render};
use kensho::store::changelog::{self, LOG_FILE};
use kensho::store::digests::{CACHE_FOLDER, DIGESTS_FILE, Digests, Stamp};
use kensho::store::verify::{StateCheck, verify};
use kensho::store::{EditError, Saved, Why, apply_edits};
use proptest::prelude::*;

/// The store's clock on this thread, to move on where a test would wait for
/// the file system's clock (the cache trusts a file's stamp only once the
/// file is a second old).
fn clock() -> (Seams, seam::Installed) {
    let seams = Seams::default();
    let installed = seam::install(&seams);
    (seams, installed)
}

/// Let the files age past the cache's margin.
fn age(seams: &Seams) {
    seams.advance(Duration::from_millis(1100));
}

fn edit(item: &str, field: Field, value: &str) -> Edit {
    Edit {
        item: item.to_string(),
        field,
        value: value.to_string(),
    }
}

fn save(dir: &Path, edits: &[Edit]) -> Saved {
    apply_edits(dir, edits, Why::default(), None).unwrap()
}

fn ron_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

/// A save of `edits` is refused for a change the log does not tell, until
/// `adopt` logs it.
fn refused_until_adopted(dir: &Path, edits: &[Edit]) {
    let before: Vec<_> = ron_files(dir)
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    match apply_edits(dir, edits, Why::default(), None) {
        Err(EditError::Unlogged(_)) => {}
        other => panic!("not refused: {other:?}"),
    }
    let after: Vec<_> = ron_files(dir)
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    assert_eq!(before, after, "a refused save writes nothing");
    let adopted = kensho::store::adopt(dir, Some("hand edit"), None).unwrap();
    assert!(!adopted.changes.is_empty());
}

/// The data is what the last save left, and every file is canonical.
fn sound(dir: &Path) {
    let records = load(dir).unwrap();
    logged_right(dir);
    for (path, text) in render(&records).unwrap() {
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            text,
            "{} is not in the canonical form",
            path.display()
        );
    }
}

/// The data is what the last save left.
fn logged_right(dir: &Path) {
    let records = load(dir).unwrap();
    let (changes, problems) = changelog::read(&dir.join(LOG_FILE)).unwrap();
    let v = verify(&changes, problems, &records.report);
    let no_save = changes.is_empty() && v.state == StateCheck::Unknown;
    assert!(
        (no_save || matches!(v.state, StateCheck::Matches(_))) && v.differences.is_empty(),
        "{v:?}"
    );
}

#[test]
fn a_save_writes_only_the_file_that_holds_the_item() {
    let (seams, _clock) = clock();
    let tmp = common::copy_records();
    let dir = tmp.path();
    // The copy is younger than the cache's margin: let it age.
    age(&seams);
    // The first save reads everything and leaves the cache.
    let first = save(dir, &[edit("1-1-a", Field::Phase, "D")]);
    assert!(first.read_all);
    let before: Vec<(PathBuf, Option<Stamp>)> = ron_files(dir)
        .into_iter()
        .map(|p| {
            let s = Stamp::at(&p);
            (p, s)
        })
        .collect();
    let second = save(dir, &[edit("3-4-d", Field::Direction, "II")]);
    assert!(!second.read_all, "read whole: {second:?}");
    let holder = dir.join("recommendation-3.ron");
    assert_eq!(
        second.written.iter().map(|w| &w.path).collect::<Vec<_>>(),
        vec![&holder]
    );
    for (path, stamp) in before {
        let now = Stamp::at(&path);
        if path == holder {
            assert_ne!(now, stamp);
        } else {
            assert_eq!(now, stamp, "{} was touched", path.display());
        }
    }
    assert_eq!(
        load(dir)
            .unwrap()
            .report
            .item("3-4-d")
            .unwrap()
            .item
            .direction
            .0,
        "II"
    );
    sound(dir);
    // The cache is never committed: its folder ignores itself.
    let ignore = std::fs::read_to_string(dir.join(CACHE_FOLDER).join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*"));
}

#[test]
fn a_file_changed_outside_kensho_is_read_whole_and_logged_right() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    save(dir, &[edit("1-1-a", Field::Phase, "D")]);
    // Someone edits another file by hand.
    let other = dir.join("recommendation-2.ron");
    let text = std::fs::read_to_string(&other).unwrap();
    std::fs::write(&other, text.replacen("phase: \"A\"", "phase: \"B\"", 1)).unwrap();
    // No save takes it in unlogged; adopted, it is read whole and logged.
    refused_until_adopted(dir, &[edit("1-1-a", Field::Phase, "C")]);
    let saved = save(dir, &[edit("1-1-a", Field::Phase, "C")]);
    assert!(saved.read_all, "a changed file must be read");
    sound(dir);
}

#[test]
fn the_items_file_is_vouched_for_by_its_content_not_its_stamp() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    save(dir, &[edit("1-1-a", Field::Phase, "D")]);
    save(dir, &[edit("1-1-a", Field::Phase, "C")]);
    // A hand edit that the file's stamp would not show (made within the same
    // clock tick as the last save, say): the cache is made to trust the new
    // stamp, as if nothing had happened.
    let file = dir.join("recommendation-1.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replacen("direction: \"II\"", "direction: \"I\"", 1);
    assert_ne!(edited, text);
    std::fs::write(&file, &edited).unwrap();
    let cache_file = dir.join(CACHE_FOLDER).join(DIGESTS_FILE);
    let mut cache: Digests = serde_json::from_slice(&std::fs::read(&cache_file).unwrap()).unwrap();
    for (name, entry) in cache.files.iter_mut() {
        entry.stamp = Stamp::at(&dir.join(name)).unwrap();
        entry.read_ns = i128::MAX / 2;
    }
    std::fs::write(&cache_file, serde_json::to_vec(&cache).unwrap()).unwrap();
    // The changed bytes are noticed: refused until adopted, then read whole.
    refused_until_adopted(dir, &[edit("1-1-a", Field::Phase, "B")]);
    let saved = save(dir, &[edit("1-1-a", Field::Phase, "B")]);
    assert!(saved.read_all, "the changed bytes must be noticed");
    sound(dir);
}

#[test]
fn a_broken_or_linked_cache_only_costs_a_whole_reading() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    save(dir, &[edit("1-1-a", Field::Phase, "D")]);
    let cache_file = dir.join(CACHE_FOLDER).join(DIGESTS_FILE);
    std::fs::write(&cache_file, b"{\"version\":1,\"files\":").unwrap();
    assert!(save(dir, &[edit("1-1-a", Field::Phase, "C")]).read_all);
    sound(dir);
    // A cache folder that is a link elsewhere is neither read nor written.
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::remove_dir_all(dir.join(CACHE_FOLDER)).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), dir.join(CACHE_FOLDER)).unwrap();
    save(dir, &[edit("1-1-a", Field::Phase, "B")]);
    assert!(save(dir, &[edit("1-1-a", Field::Phase, "A")]).read_all);
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    sound(dir);
}

#[test]
fn an_unknown_item_or_code_is_the_same_error_either_way() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    save(dir, &[edit("1-1-a", Field::Phase, "D")]);
    let unknown = apply_edits(
        dir,
        &[edit("1-1-zz", Field::Phase, "A")],
        Why::default(),
        None,
    )
    .unwrap_err();
    assert!(unknown.to_string().contains("1-1-zz"), "{unknown}");
    let bad = apply_edits(
        dir,
        &[edit("1-1-a", Field::Phase, "Z")],
        Why::default(),
        None,
    )
    .unwrap_err();
    assert!(bad.to_string().contains("\"Z\""), "{bad}");
    sound(dir);
}

/// Texts a person (or a hostile file) may put in a field: quotes,
/// backslashes, control characters, line breaks, wide and combining
/// characters, and what looks like the format's own lines.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z ]{0,12}",
        "[あ-ん漢字、。「」]{0,20}",
        Just("\"quoted\" \\ back\\slash".to_string()),
        Just("line\nbreak\r\nand\ttab\u{1b}[2J\u{7f}".to_string()),
        Just("\n                            id: \"1-1-b\",\n".to_string()),
        Just("),\n                        Item(".to_string()),
        Just("r#\"raw\"# and 😀 e\u{301}".to_string()),
        Just(String::new()),
    ]
}

fn an_edit(ids: Vec<String>) -> impl Strategy<Value = Edit> {
    let id = proptest::sample::select(ids);
    let code = prop_oneof![
        proptest::sample::select(vec!["A", "B", "C", "D"])
            .prop_map(|c| (Field::Phase, c.to_string())),
        proptest::sample::select(vec!["I", "II", "III"])
            .prop_map(|c| (Field::Direction, c.to_string())),
        text().prop_map(|t| (Field::Progress, t)),
        text().prop_map(|t| (Field::Assessment, t)),
    ];
    (id, code).prop_map(|(item, (field, value))| Edit { item, field, value })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn saves_that_read_one_file_leave_what_a_whole_save_would(
        edits in proptest::collection::vec(
            an_edit(vec![
                "1-1-a".into(), "1-1-b".into(), "2-1-a".into(), "3-4-d".into(),
                "7-1-a".into(),
            ]),
            1..5,
        ),
    ) {
        let tmp = common::copy_records();
        let dir = tmp.path();
        let mut expected = load(dir).unwrap();
        // Once a save has written the cache, none reads the records whole.
        let mut cached = false;
        for (n, e) in edits.iter().enumerate() {
            let saved = save(dir, std::slice::from_ref(e));
            if cached {
                prop_assert!(!saved.read_all, "save {} read everything", n);
            }
            cached |= !saved.changes.is_empty();
            let item = expected.report.item_mut(&e.item).unwrap();
            e.field.set(item, e.value.clone());
            prop_assert_eq!(&load(dir).unwrap().report, &expected.report);
            sound(dir);
        }
    }
}

#[test]
fn logs_written_before_the_per_part_checksum_still_verify() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    save(dir, &[edit("1-1-a", Field::Phase, "D")]);
    let report = load(dir).unwrap().report;
    let (mut changes, _) = changelog::read(&dir.join(LOG_FILE)).unwrap();
    // The same save as an older kensho logged it.
    let old = kensho::domain::records::state_of_json(&report);
    assert!(!old.starts_with(kensho::domain::records::STATE_PREFIX));
    changes[0].state = Some(old);
    let v = verify(&changes, Vec::new(), &report);
    assert!(matches!(v.state, StateCheck::Matches(_)), "{v:?}");
    let mut other = report.clone();
    other.item_mut("2-1-a").unwrap().progress.push('!');
    assert!(verify(&changes, Vec::new(), &other).state.is_difference());
}

#[test]
fn files_formatted_by_hand_elsewhere_do_not_make_every_save_slow() {
    let (seams, _clock) = clock();
    let tmp = common::copy_records();
    let dir = tmp.path();
    for name in ["report.ron", "recommendation-5.ron"] {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("// formatted by hand\n{text}")).unwrap();
    }
    age(&seams);
    assert!(save(dir, &[edit("1-1-a", Field::Phase, "D")]).read_all);
    let quick = save(dir, &[edit("1-1-a", Field::Phase, "C")]);
    assert!(!quick.read_all, "{quick:?}");
    // An item in the file formatted by hand: read whole, and that file is
    // written in the canonical form from then on.
    let id = load(dir).unwrap().report.recommendations[4].points[0].measures[0].items[0]
        .id
        .clone();
    assert!(save(dir, &[edit(&id, Field::Phase, "D")]).read_all);
    let text = std::fs::read_to_string(dir.join("recommendation-5.ron")).unwrap();
    assert!(!text.contains("by hand"));
    logged_right(dir);
    assert!(text.contains("phase: \"D\""));
}

mod kept_copies {
    use super::*;
    use kensho::store::parsed::{load_and_keep, load_known};

    fn bins(dir: &Path) -> Vec<PathBuf> {
        let folder = dir.join(CACHE_FOLDER).join("parsed");
        let mut out: Vec<PathBuf> = std::fs::read_dir(folder)
            .map(|d| d.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        out.sort();
        out
    }

    #[test]
    fn opening_from_kept_copies_gives_exactly_what_parsing_gives() {
        let (seams, _clock) = clock();
        let tmp = common::copy_records();
        let dir = tmp.path();
        assert_eq!(load_and_keep(dir).unwrap(), load(dir).unwrap());
        assert_eq!(bins(dir).len(), 7);
        // Old enough to be trusted by their stamps.
        age(&seams);
        let written = |dir: &Path| -> Vec<_> {
            let stamp = |p: &PathBuf| std::fs::metadata(p).unwrap().modified().unwrap();
            bins(dir).iter().map(stamp).collect()
        };
        let (records, keeping) = load_known(dir).unwrap();
        assert_eq!(records, load(dir).unwrap());
        // Copies made from files read too soon after they were written are
        // checked by their bytes, and made again with the later reading.
        keeping.write(&records);
        let before = written(dir);
        let (again, keeping) = load_known(dir).unwrap();
        assert_eq!(again, records);
        keeping.write(&again);
        // Then every copy is taken by its stamp (items with merged
        // departments and without): none is made again.
        assert_eq!(written(dir), before);
        // A save changes one file: that one is parsed again, the rest kept.
        save(dir, &[edit("3-4-d", Field::Direction, "II")]);
        let after = load_and_keep(dir).unwrap();
        assert_eq!(after, load(dir).unwrap());
        assert_eq!(after.report.item("3-4-d").unwrap().item.direction.0, "II");
    }

    #[test]
    fn a_copy_that_is_not_the_files_is_never_used() {
        let (seams, _clock) = clock();
        let tmp = common::copy_records();
        let dir = tmp.path();
        load_and_keep(dir).unwrap();
        age(&seams);
        let folder = dir.join(CACHE_FOLDER).join("parsed");
        // Another file's copy in its place, and a damaged one.
        std::fs::copy(
            folder.join("recommendation-1.ron.bin"),
            folder.join("recommendation-2.ron.bin"),
        )
        .unwrap();
        let bytes = std::fs::read(folder.join("recommendation-3.ron.bin")).unwrap();
        std::fs::write(
            folder.join("recommendation-3.ron.bin"),
            &bytes[..bytes.len() / 2],
        )
        .unwrap();
        // A hand edit of a file whose copy is otherwise sound.
        let file = dir.join("recommendation-4.ron");
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text.replacen("phase: \"A\"", "phase: \"D\"", 1)).unwrap();
        assert_eq!(load_and_keep(dir).unwrap(), load(dir).unwrap());
        // And the copies are right again afterwards.
        age(&seams);
        assert_eq!(load_known(dir).unwrap().0, load(dir).unwrap());
    }

    #[test]
    fn records_made_unsound_by_hand_give_the_same_errors_as_parsing() {
        let tmp = common::copy_records();
        let dir = tmp.path();
        load_and_keep(dir).unwrap();
        // A duplicate id in one file: the other files come from their copies,
        // the whole is still validated, and the error has its line:column.
        let file = dir.join("recommendation-2.ron");
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text.replacen("id: \"2-1-a\"", "id: \"1-1-a\"", 1)).unwrap();
        let Err(known) = load_known(dir) else {
            panic!("an error")
        };
        let parsed = load(dir).expect_err("an error");
        assert_eq!(known.to_string(), parsed.to_string());
        assert!(
            known.to_string().contains("recommendation-2.ron:"),
            "{known}"
        );
    }
}

#[test]
fn a_watcher_that_does_not_keep_writes_nothing() {
    use kensho::store::watch::Watcher;
    let tmp = common::copy_records();
    let dir = tmp.path();
    let records = load(dir).unwrap();
    let mut follower = Watcher::new(&records).keeping(false);
    // Someone else's save (written by hand here, so nothing else writes).
    let file = dir.join("recommendation-2.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("phase: \"A\"", "phase: \"B\"", 1)).unwrap();
    let fresh = follower.changed(&records).expect("noticed");
    assert_ne!(fresh, records);
    assert!(
        !dir.join(CACHE_FOLDER).exists(),
        "a follower wrote its cache"
    );
    // A board that keeps writes the copies of what it parsed.
    let mut board = Watcher::new(&fresh);
    std::fs::write(&file, text).unwrap();
    board.changed(&fresh).expect("noticed");
    assert!(dir.join(CACHE_FOLDER).join("parsed").is_dir());
}
