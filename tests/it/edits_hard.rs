//! Saves from the command line under pressure: writers side by side, a
//! writer killed at random moments, a failing disk. Nothing is lost or
//! half written.

use crate::common;
use common::run::{kensho_at, log_of, phase_of, set, verify_ok};

use std::process::Command;
use std::time::Duration;

use kensho::domain::records::{load, render};
use kensho::store::changelog::Change;

const CODES: [&str; 4] = ["A", "B", "C", "D"];

#[test]
fn four_writers_on_distinct_items_lose_nothing() {
    let tmp = common::copy_records();
    let ids: Vec<String> = load(tmp.path())
        .unwrap()
        .report
        .items()
        .map(|r| r.item.id.clone())
        .collect();
    let dir = tmp.path().to_path_buf();
    let workers: Vec<_> = (0..4)
        .map(|w| {
            let mine: Vec<String> = ids.iter().skip(w).step_by(4).cloned().collect();
            let dir = dir.clone();
            std::thread::spawn(move || {
                let mut last = std::collections::BTreeMap::new();
                for n in 0..100 {
                    let id = &mine[n % mine.len()];
                    // Each item's phase moves on every time: every set is a change.
                    let round = n / mine.len();
                    let code = CODES[(round + 1) % 4];
                    let current = last.get(id).cloned().unwrap_or_else(|| phase_of(&dir, id));
                    let code = if code == current {
                        CODES[(round + 2) % 4]
                    } else {
                        code
                    };
                    let out = set(&dir, &[id, &format!("phase={code}")]);
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                    last.insert(id.clone(), code.to_string());
                }
                last
            })
        })
        .collect();
    let mut expected = std::collections::BTreeMap::new();
    for w in workers {
        expected.extend(w.join().unwrap());
    }
    let log = log_of(&dir);
    assert_eq!(log.len(), 400, "every change is in the log");
    let report = load(&dir).unwrap().report;
    for (id, code) in &expected {
        assert_eq!(&report.item(id).unwrap().item.phase.0, code, "{id}");
    }
    verify_ok(&dir);
}

#[test]
fn two_writers_on_the_same_item_are_serialized_never_lost() {
    let tmp = common::copy_records();
    let dir = tmp.path().to_path_buf();
    let workers: Vec<_> = ["B", "C"]
        .into_iter()
        .enumerate()
        .map(|(w, mine)| {
            let dir = dir.clone();
            std::thread::spawn(move || {
                for n in 0..40 {
                    // Alternate between our code and A, so each set is a change
                    // unless the other writer got there first.
                    let code = if n % 2 == 0 { mine } else { "A" };
                    let reason = format!("writer {w}");
                    let out = set(
                        &dir,
                        &["2-1-c", &format!("phase={code}"), "--reason", &reason],
                    );
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let log: Vec<Change> = log_of(&dir)
        .into_iter()
        .filter(|c| c.item == "2-1-c")
        .collect();
    assert!(log.len() >= 40, "{}", log.len());
    // Every change starts from the value the previous one left: none was
    // overwritten unseen.
    assert_eq!(log[0].old, "A");
    for pair in log.windows(2) {
        assert_eq!(pair[1].old, pair[0].new, "{pair:?}");
    }
    assert!(log.iter().any(|c| c.reason.as_deref() == Some("writer 0")));
    assert!(log.iter().any(|c| c.reason.as_deref() == Some("writer 1")));
    assert_eq!(phase_of(&dir, "2-1-c"), log.last().unwrap().new);
    verify_ok(&dir);
}

#[test]
fn a_writer_killed_at_random_moments_never_leaves_a_half_file() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let ids: Vec<String> = load(dir)
        .unwrap()
        .report
        .items()
        .map(|r| r.item.id.clone())
        .collect();
    // The kills spread over the time a whole save takes on this machine now
    // (a loaded machine is slower): before it starts, while it writes, after.
    let whole = (0..3)
        .map(|i| {
            let started = std::time::Instant::now();
            let code = ["B", "C", "A"][i];
            assert!(
                set(dir, &["7-1-a", &format!("phase={code}")])
                    .status
                    .success()
            );
            started.elapsed()
        })
        .max()
        .unwrap();
    let window = (whole.as_micros() as u64 * 3 / 2).max(1_000);
    let mut seed: u64 = 0x5eed;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut completed = 0;
    for round in 0..500 {
        let before_records = load(dir).unwrap();
        let before: Vec<(std::path::PathBuf, String)> = render(&before_records).unwrap();
        let id = &ids[(next() % ids.len() as u64) as usize];
        let current = before_records.report.item(id).unwrap().item.phase.0.clone();
        let code = CODES[(CODES.iter().position(|c| *c == current).unwrap() + 1) % 4];
        let mut after_records = before_records.clone();
        after_records.report.item_mut(id).unwrap().phase.0 = code.to_string();
        let after = render(&after_records).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_kensho"))
            .args(["set", dir.to_str().unwrap(), id, &format!("phase={code}")])
            .env("USER", "tester")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(next() % window));
        let _ = child.kill();
        if child.wait().unwrap().success() {
            completed += 1;
        }
        for ((path, old), (_, new)) in before.iter().zip(&after) {
            let now = std::fs::read_to_string(path).unwrap();
            assert!(
                &now == old || &now == new,
                "round {round}: {} is neither before nor after",
                path.display()
            );
        }
        assert!(load(dir).is_ok(), "round {round}: the records load");
    }
    assert!(
        completed > 10 && completed < 490,
        "the kills landed at varied moments: {completed} of 500 finished"
    );
    // The next start cleans up and settles an interrupted save; the log agrees.
    assert!(set(dir, &["1-1-a", "progress=確認済み"]).status.success());
    let leftovers: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n.contains(".ron."))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let out = kensho_at(dir, &["verify", dir.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_failing_disk_leaves_the_records_untouched_and_says_so() {
    for fault in ["log", "records"] {
        let tmp = common::copy_records();
        let dir = tmp.path();
        let before: Vec<_> = common::snapshot(dir)
            .into_iter()
            .filter(|(n, _)| n.ends_with(".ron"))
            .collect();
        let out = Command::new(env!("CARGO_BIN_EXE_kensho"))
            .args(["set", dir.to_str().unwrap(), "1-1-a", "phase=B"])
            .env("KENSHO_INJECT_FAULT", fault)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{fault}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("no space left on device"), "{fault}: {err}");
        assert!(
            err.contains("nothing was saved") || err.contains("not saved"),
            "{fault}: {err}"
        );
        let after: Vec<_> = common::snapshot(dir)
            .into_iter()
            .filter(|(n, _)| n.ends_with(".ron"))
            .collect();
        assert_eq!(before, after, "{fault}: records untouched");
        verify_ok(dir);
        // The same change goes through once the disk is fine again.
        assert!(set(dir, &["1-1-a", "phase=B"]).status.success());
        assert_eq!(phase_of(dir, "1-1-a"), "B");
        verify_ok(dir);
    }
}
