//! A save of one field (issue 12): through `apply_edits`, the path of
//! `kensho set` and of the board's store thread, on the bundled records and
//! on generated ones.
//!
//! - `save/one_field`: the usual save, the digest cache warm: the item's
//!   file is read, one line replaced, the file and the log written (fsync
//!   included).
//! - `save/after_outside_change`: the first save after the files changed
//!   outside kensho (cache gone): every file read and checked.
//!
//! cargo bench --bench save
//! KENSHO_BENCH_SIZES=10000 cargo bench --bench save
// Tests and benchmarks may stop at the first surprise.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use kensho::domain::field::{Edit, Field};
use kensho::domain::generate::generate;
use kensho::domain::records::{Records, load};
use kensho::store::digests::CACHE_FOLDER;
use kensho::store::{Why, apply_edits};

fn sizes() -> Vec<usize> {
    std::env::var("KENSHO_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000])
}

fn bundled() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("records")
}

/// The records to save into: a copy of the bundled ones (0) or a generated
/// report of `n` items, written as kensho writes it.
fn folder(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let template = load(&bundled()).expect("bundled records");
    let report = if n == 0 {
        template.report
    } else {
        generate(&template.report, n, 1)
    };
    kensho::store::write_records(&Records::in_new_folder(report, dir.path().to_path_buf()))
        .expect("written");
    dir
}

fn flip(dir: &Path, id: &str, n: &mut u64) {
    *n += 1;
    let edit = Edit {
        item: id.to_string(),
        field: Field::Phase,
        value: if n.is_multiple_of(2) { "B" } else { "C" }.to_string(),
    };
    let saved = apply_edits(dir, &[edit], Why::default(), None).expect("saved");
    assert_eq!(saved.changes.len(), 1);
}

fn one_field(c: &mut Criterion) {
    let mut group = c.benchmark_group("save");
    group.sample_size(20);
    for n in std::iter::once(0).chain(sizes()) {
        let dir = folder(n);
        let records = load(dir.path()).expect("loads");
        // An item in the middle of the report.
        let items: Vec<String> = records.report.items().map(|r| r.item.id.clone()).collect();
        let id = items[items.len() / 2].clone();
        drop(records);
        let mut count = 0;
        // The first save leaves the cache; files age past its margin.
        flip(dir.path(), &id, &mut count);
        std::thread::sleep(std::time::Duration::from_millis(1100));
        flip(dir.path(), &id, &mut count);
        let label = if n == 0 {
            "bundled".to_string()
        } else {
            n.to_string()
        };
        group.bench_with_input(BenchmarkId::new("one_field", &label), &id, |b, id| {
            b.iter(|| flip(dir.path(), id, &mut count));
        });
        if n > 0 {
            group.bench_with_input(
                BenchmarkId::new("after_outside_change", &label),
                &id,
                |b, id| {
                    b.iter_batched(
                        || {
                            let _ = std::fs::remove_dir_all(dir.path().join(CACHE_FOLDER));
                        },
                        |()| flip(dir.path(), id, &mut count),
                        BatchSize::PerIteration,
                    );
                },
            );
        }
    }
    group.finish();
}

criterion_group!(save, one_field);
criterion_main!(save);
