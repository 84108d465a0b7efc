//! A meeting's costs at scale (issue 22):
//!
//! - `meeting/mark`: one mark in a meeting whose agenda is every item, as the
//!   board's store worker makes it (it keeps the meeting it last wrote, so
//!   neither the file nor its journal is read again: the mark is one line
//!   appended to the journal, fsync included).
//! - `meeting/copy_for_screen`: the copy of the meeting the board's store
//!   worker hands the screen after a mark.
//! - `meeting/first_mark`: the same with nothing kept (the file and its
//!   journal read and checked against the records first), as when a
//!   command line marks, or the board after a restart.
//! - `meeting/mark_and_follow`: a mark, then a follower's look at the
//!   files (only the journal's new line is read).
//! - `meeting/unknown_items`: reading a meeting file whose agenda names
//!   items the records do not have (every one an error at its line).
//!
//! cargo bench --bench meeting
//! KENSHO_BENCH_SIZES=100000,1000000 cargo bench --bench meeting -- mark
// Tests and benchmarks may stop at the first surprise.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kensho::domain::generate::generate;
use kensho::domain::meeting::{Meeting, load_meeting, meeting_file};
use kensho::domain::model::Report;
use kensho::domain::records::load;
use kensho::store::meeting::{MeetingChange, MeetingDone, change_meeting, read_now, read_seen};

// The allocator of the kensho binary (src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const NAME: &str = "本部会議";

fn sizes() -> Vec<usize> {
    std::env::var("KENSHO_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100_000, 1_000_000])
}

fn report(n: usize) -> Report {
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("records");
    generate(&load(&bundled).expect("bundled records").report, n, 1)
}

/// A records folder (only its header: the meeting needs the folder and
/// its lock) with a meeting over every item of `report`.
fn meeting_folder(report: &Report) -> (tempfile::TempDir, MeetingDone) {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join("report.ron"), "").expect("written");
    let items = report.items().map(|r| r.item.id.clone()).collect();
    let start = MeetingChange::Start {
        chosen_by: None,
        items,
        zone: None,
    };
    let by = ("2026-12-04T10:00:00+09:00", "事務局");
    let done = change_meeting(dir.path(), report, NAME, &start, by, None).expect("started");
    (dir, done)
}

fn mark(
    dir: &Path,
    report: &Report,
    id: &str,
    on: bool,
    known: Option<MeetingDone>,
) -> MeetingDone {
    let change = MeetingChange::Review {
        item: id.to_string(),
        reviewed: on,
    };
    let by = ("2026-12-04T10:05:00+09:00", "佐藤");
    let known = known.map(|d| (d.meeting, d.seen));
    change_meeting(dir, report, NAME, &change, by, known).expect("marked")
}

fn marks(c: &mut Criterion) {
    let mut group = c.benchmark_group("meeting");
    group.sample_size(10);
    for n in sizes() {
        let report = report(n);
        let (dir, done) = meeting_folder(&report);
        let mut done = Some(done);
        let bytes = std::fs::metadata(meeting_file(dir.path(), NAME))
            .unwrap()
            .len();
        eprintln!("meeting over {n} items: {bytes} bytes");
        let id = report.items().nth(n / 2).unwrap().item.id.clone();
        let mut on = false;
        group.bench_function(BenchmarkId::new("mark", n), |b| {
            b.iter(|| {
                on = !on;
                done = Some(mark(dir.path(), &report, &id, on, done.take()));
            })
        });
        let file = meeting_file(dir.path(), NAME);
        let mut follower = Some(read_seen(&file, &report).unwrap());
        group.bench_function(BenchmarkId::new("mark_and_follow", n), |b| {
            b.iter(|| {
                on = !on;
                done = Some(mark(dir.path(), &report, &id, on, done.take()));
                follower = Some(read_now(&file, &report, follower.take()).unwrap());
            })
        });
        let (seen, mine) = (follower.unwrap().0, &done.as_ref().unwrap().meeting);
        assert_eq!(&seen, mine, "the follower sees the marks");
        // The board's store worker hands the screen a copy of the meeting
        // after each mark (in memory; no file is read).
        let kept = &done.as_ref().unwrap().meeting;
        group.bench_function(BenchmarkId::new("copy_for_screen", n), |b| {
            b.iter(|| Box::new(kept.clone()))
        });
        group.bench_function(BenchmarkId::new("first_mark", n), |b| {
            b.iter(|| {
                on = !on;
                mark(dir.path(), &report, &id, on, None)
            })
        });
    }
    group.finish();
}

fn unknown_items(c: &mut Criterion) {
    let mut group = c.benchmark_group("meeting");
    group.sample_size(10);
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("records");
    let report = load(&bundled).expect("bundled records").report;
    for n in [5_000, 20_000, 40_000] {
        let dir = tempfile::tempdir().expect("temporary folder");
        let items = (0..n).map(|i| format!("9-9-{i}")).collect();
        let m = Meeting::new(NAME, "2026-12-04T10:00:00+09:00".into(), None, items);
        let file = meeting_file(dir.path(), NAME);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, m.render().unwrap()).unwrap();
        group.bench_function(BenchmarkId::new("unknown_items", n), |b| {
            b.iter(|| assert_eq!(load_meeting(&file, &report).unwrap_err().0.len(), n))
        });
    }
    group.finish();
}

criterion_group!(benches, marks, unknown_items);
criterion_main!(benches);
