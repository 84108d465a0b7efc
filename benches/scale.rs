//! What must grow linearly with the records (issue 11): a board's reload of
//! someone else's save, turning many errors' offsets into line:column, and
//! `kensho verify`, at 10k, 50k, 100k and 200k items.
//!
//! cargo bench --bench scale
//!
//! Sizes can be narrowed: KENSHO_BENCH_SIZES=10000,50000 cargo bench --bench scale
// Tests and benchmarks may stop at the first surprise.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kensho::board::action::Action;
use kensho::board::app::App;
use kensho::board::state::Options;
use kensho::domain::field::Field;
use kensho::domain::generate::generate;
use kensho::domain::records::{Records, load};
use kensho::store::changelog::{Change, LogStatus};
use kensho::store::verify::verify;

fn sizes() -> Vec<usize> {
    std::env::var("KENSHO_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 50_000, 100_000, 200_000])
}

fn template() -> kensho::domain::model::Report {
    load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("records"))
        .expect("bundled records")
        .report
}

/// A folder with a generated report of `n` items, written as kensho writes it.
fn folder(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let report = generate(&template(), n, 1);
    kensho::store::write_records(&Records::in_new_folder(report, dir.path().to_path_buf()))
        .expect("written");
    dir
}

/// The board receives someone else's save: every item compared, the list
/// rebuilt, the search asked again (its answer is the worker's).
fn reload(c: &mut Criterion) {
    let mut group = c.benchmark_group("reload");
    group.sample_size(10);
    for n in sizes() {
        let dir = folder(n);
        let records = load(dir.path()).expect("loads");
        let mut other = records.clone();
        let first = other.report.items().next().expect("items").item.id.clone();
        if let Some(item) = other.report.item_mut(&first) {
            item.phase.0 = if item.phase.0 == "D" { "C" } else { "D" }.into();
        }
        let mut app = App::new(records.clone(), Options::default()).expect("board");
        let mut flip = false;
        // The copy handed over is made outside the measured time (the store
        // thread loads it).
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter_batched(
                || {
                    flip = !flip;
                    Box::new(if flip { &other } else { &records }.clone())
                },
                |fresh| {
                    black_box(app.update(Action::DiskChecked {
                        records: Some(fresh),
                        meeting: None,
                    }))
                },
                criterion::BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

/// Loading records in which every fourth item has a phase outside its scale:
/// n/4 errors, each reported at its file and line:column.
fn error_positions(c: &mut Criterion) {
    let mut group = c.benchmark_group("error_positions");
    group.sample_size(10);
    for n in sizes() {
        let dir = folder(n);
        for e in std::fs::read_dir(dir.path()).expect("folder") {
            let path = e.expect("entry").path();
            if !path.to_string_lossy().contains("recommendation-") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("text");
            let mut out = String::with_capacity(text.len());
            for (i, part) in text.split("phase: \"").enumerate() {
                if i > 0 {
                    out.push_str(if i % 4 == 0 {
                        "phase: \"Z"
                    } else {
                        "phase: \""
                    });
                }
                out.push_str(part);
            }
            std::fs::write(&path, out).expect("written");
        }
        let errors = load(dir.path()).expect_err("bad codes").0.len();
        assert!(errors >= n / 5, "{errors} errors at {n}");
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| black_box(load(dir.path()).expect_err("bad codes")))
        });
    }
    group.finish();
}

/// `verify` over a log in which 40% of the items have a logged change.
fn verify_log(c: &mut Criterion) {
    let mut group = c.benchmark_group("verify");
    group.sample_size(10);
    for n in sizes() {
        let report = generate(&template(), n, 1);
        let changes: Vec<Change> = report
            .items()
            .enumerate()
            .filter(|(i, _)| i % 5 < 2)
            .map(|(i, r)| Change {
                timestamp: "2026-11-24T10:00:00+09:00".into(),
                user: "bench".into(),
                display_name: None,
                ssh_client: None,
                item: r.item.id.clone(),
                field: Field::Phase,
                old: "A".into(),
                new: r.item.phase.0.clone(),
                reason: None,
                meeting: None,
                department: None,
                txn: format!("t{i}"),
                state: None,
                status: LogStatus::Applied,
                version: "bench".into(),
            })
            .collect();
        // The last save carries the records' checksum, as kensho writes it.
        let mut changes = changes;
        if let Some(last) = changes.last_mut() {
            last.state = Some(kensho::domain::records::state_of(&report));
        }
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                let v = verify(&changes, Vec::new(), &report);
                assert!(v.differences.is_empty() && !v.state.is_difference());
                black_box(v)
            })
        });
    }
    group.finish();
}

criterion_group!(scale, reload, error_positions, verify_log);
criterion_main!(scale);
