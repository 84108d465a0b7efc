//! Search time per keystroke while a query is typed, at 1k, 10k and 100k items.
//!
//! cargo bench --bench search
//!
//! Each keystroke is searched as the board does it: the first character over
//! every item, each further character over the previous keystroke's hits and
//! with what that search learnt of the contexts (its `Memo`, cloned for each
//! run).
// Tests and benchmarks may stop at the first surprise.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kensho::domain::generate::generate;
use kensho::domain::records::load;
use kensho::search::{Filters, Hit, Memo, Order, Previous, Query, SearchIndex, Searcher};

/// The query typed, one character per keystroke (9 characters).
pub const TYPED: &str = "児童相談所との連携";

fn sizes() -> Vec<usize> {
    std::env::var("KENSHO_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000])
}

/// The answer to a keystroke as the board and its search worker keep it:
/// the query, its hits, and what the search learnt.
type Answer = (Query, Vec<Hit>, Option<Memo>);

/// One keystroke's search, after the previous answer when there is one (as
/// the board's search worker does it).
fn typed_on(
    searcher: &Searcher,
    index: &SearchIndex,
    report: &kensho::domain::model::Report,
    q: &Query,
    filters: &Filters,
    previous: Option<&Answer>,
) -> Answer {
    let mut memo = previous.and_then(|(_, _, m)| m.clone());
    let hits = searcher.search_remembering(
        index,
        report,
        q,
        filters,
        Order::Score,
        previous.map(|(query, hits, _)| Previous { query, hits }),
        &mut memo,
    );
    (q.clone(), hits, memo)
}

fn keystrokes(c: &mut Criterion) {
    let template = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("records"))
        .expect("bundled records")
        .report;
    let searcher = Searcher::default();
    let filters = Filters::default();
    let mut group = c.benchmark_group("keystroke");
    group.sample_size(10);
    for n in sizes() {
        let report = generate(&template, n, 1);
        let index = SearchIndex::new(&report).with_char_index();
        let chars: Vec<char> = TYPED.chars().collect();
        // The answer before each keystroke, as the board holds it.
        let mut before: Vec<Option<Answer>> = vec![None];
        for k in 1..chars.len() {
            let q = Query::parse(&chars[..k].iter().collect::<String>());
            let answer = typed_on(
                &searcher,
                &index,
                &report,
                &q,
                &filters,
                before[k - 1].as_ref(),
            );
            before.push(Some(answer));
        }
        // Every keystroke after the previous one's answer (as the board does
        // it), and, for comparison, some searched afresh over every item.
        for k in 1..=chars.len() {
            let q = Query::parse(&chars[..k].iter().collect::<String>());
            if [2, 5, 9].contains(&k) {
                group.bench_with_input(BenchmarkId::new(format!("{n}/fresh"), k), &k, |b, _| {
                    b.iter(|| black_box(typed_on(&searcher, &index, &report, &q, &filters, None)))
                });
            }
            let prev = before[k - 1].as_ref();
            group.bench_with_input(BenchmarkId::new(format!("{n}"), k), &k, |b, _| {
                b.iter(|| black_box(typed_on(&searcher, &index, &report, &q, &filters, prev)))
            });
        }
    }
    group.finish();
}

/// The two matchers side by side on the same folded texts (10k items): one
/// fuzzy match of a 4-character Japanese pattern against every item.
fn matchers(c: &mut Criterion) {
    use fuzzy_matcher::FuzzyMatcher;
    use kensho::text::normalize::fold;
    let template = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("records"))
        .expect("bundled records")
        .report;
    let report = generate(&template, 10_000, 1);
    let texts: Vec<String> = report
        .items()
        .map(|r| {
            fold(&format!(
                "{}\n{}\n{}",
                r.item.progress,
                r.item.assessment,
                r.measure.text.clone().unwrap_or_default()
            ))
            .text
        })
        .collect();
    let pattern = "児童相談";
    let mut group = c.benchmark_group("matcher-10k");
    group.sample_size(10);
    let skim = fuzzy_matcher::skim::SkimMatcherV2::default().respect_case();
    group.bench_function("skim-v2", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter(|t| skim.fuzzy_match(t, pattern).is_some())
                .count()
        })
    });
    let utf32: Vec<nucleo_matcher::Utf32String> = texts.iter().map(|t| t.as_str().into()).collect();
    let needle: nucleo_matcher::Utf32String = pattern.into();
    let mut config = nucleo_matcher::Config::DEFAULT;
    config.normalize = false;
    config.ignore_case = false;
    let mut nucleo = nucleo_matcher::Matcher::new(config);
    group.bench_function("nucleo", |b| {
        b.iter(|| {
            texts
                .iter()
                .zip(&utf32)
                .filter(|(_, t)| nucleo.fuzzy_match(t.slice(..), needle.slice(..)).is_some())
                .count()
        })
    });
    group.finish();
}

criterion_group!(benches, keystrokes, matchers);
criterion_main!(benches);
