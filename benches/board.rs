//! The board at scale (issue 12): the time to its first frame, the way the
//! binary opens (records from their kept copies, the board built, the
//! runtime opened, the first frame drawn into an 80x24 buffer), and the
//! time to show someone else's save of one field (the records read again,
//! only the changed file parsed, and handed to the board).
//!
//! cargo bench --bench board
//! KENSHO_BENCH_SIZES=10000 cargo bench --bench board
// Tests and benchmarks may stop at the first surprise.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use kensho::board::action::{Action, Opening};
use kensho::board::app::App;
use kensho::board::runtime::{Headless, Runtime};
use kensho::board::state::Options;
use kensho::domain::generate::generate;
use kensho::domain::records::{Records, load};
use kensho::store::parsed::{load_and_keep, load_known};

fn sizes() -> Vec<usize> {
    std::env::var("KENSHO_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000])
}

fn folder(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let template = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("records"))
        .expect("bundled records")
        .report;
    let report = generate(&template, n, 1);
    kensho::store::write_records(&Records::in_new_folder(report, dir.path().to_path_buf()))
        .expect("written");
    dir
}

/// From nothing to the first frame drawn.
fn open(path: &Path) -> ratatui::buffer::Buffer {
    let (records, keeping) = load_known(path).expect("loads");
    let records = std::sync::Arc::new(records);
    let keeping = keeping.write_behind(&records);
    let app = App::new(records, Options::default()).expect("board");
    let mut rt = Runtime::new(app);
    let mut host = Headless;
    rt.step(&mut host, Action::Resize(80, 24)).expect("resized");
    rt.step(&mut host, Action::Open(Opening::default()))
        .expect("opened");
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| kensho::board::view::render(f, rt.app()))
        .expect("drawn");
    if let Some(k) = keeping {
        let _ = k.join();
    }
    terminal.backend().buffer().clone()
}

fn first_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("first_frame");
    group.sample_size(10);
    for n in sizes() {
        let dir = folder(n);
        // The kept copies exist (any earlier opening wrote them) and are
        // old enough to be trusted by their stamps.
        load_and_keep(dir.path()).expect("loads");
        std::thread::sleep(std::time::Duration::from_millis(1100));
        group.bench_with_input(BenchmarkId::new("kept", n), &n, |b, _| {
            b.iter(|| open(dir.path()))
        });
        group.bench_with_input(BenchmarkId::new("parsed", n), &n, |b, _| {
            b.iter_batched(
                || {
                    let _ = std::fs::remove_dir_all(
                        dir.path().join(kensho::store::digests::CACHE_FOLDER),
                    );
                },
                |()| open(dir.path()),
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

/// Someone else saved one field: the store thread reads the records again
/// (one file parsed, the rest from their copies) and the board takes them.
fn others_save(c: &mut Criterion) {
    let mut group = c.benchmark_group("others_save");
    group.sample_size(10);
    for n in sizes() {
        let dir = folder(n);
        load_and_keep(dir.path()).expect("loads");
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let records = load(dir.path()).expect("loads");
        let id = records
            .report
            .items()
            .next()
            .expect("items")
            .item
            .id
            .clone();
        let mut app = App::new(records, Options::default()).expect("board");
        let mut flip = false;
        group.bench_with_input(BenchmarkId::new("shown", n), &n, |b, _| {
            b.iter_batched(
                || {
                    flip = !flip;
                    let edit = kensho::domain::field::Edit {
                        item: id.clone(),
                        field: kensho::domain::field::Field::Phase,
                        value: if flip { "B" } else { "C" }.to_string(),
                    };
                    kensho::store::apply_edits(
                        dir.path(),
                        &[edit],
                        kensho::store::Why::default(),
                        None,
                    )
                    .expect("saved");
                },
                |()| {
                    let fresh = load_and_keep(dir.path()).expect("loads");
                    app.update(Action::DiskChecked {
                        records: Some(Box::new(fresh)),
                        meeting: None,
                    })
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(board, first_frame, others_save);
criterion_main!(board);
