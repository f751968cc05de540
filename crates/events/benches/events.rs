//! Throughput of event, relation and route extraction (MB/s), on the shared
//! corpus when it is there (else on the test case texts), with mentions from
//! the tests' capitalised-span finder standing in for the entity recogniser.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use evident_text::Context;

/// The bench text: the shared corpus, or our own case texts repeated.
fn bench_text() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../../../shared/corpus");
    let mut text = String::new();
    if let Ok(dir) = std::fs::read_dir(&corpus) {
        let mut files: Vec<_> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        {
            text += &std::fs::read_to_string(f).unwrap_or_default();
            text += "\n\n";
        }
    }
    if text.is_empty() {
        let cases = root.join("tests/cases");
        for f in std::fs::read_dir(cases).into_iter().flatten().flatten() {
            let src = std::fs::read_to_string(f.path()).unwrap_or_default();
            for l in src.lines().filter_map(|l| l.strip_prefix("text:")) {
                text += l.trim();
                text += "\n\n";
            }
        }
        text = text.repeat(50);
    }
    text
}

fn bench(c: &mut Criterion) {
    let text = bench_text();
    let doc = common::document(&text);
    let mut ctx = Context::new(&doc);
    common::find_actors(&mut ctx);
    let h = evident_events::extract(&ctx);
    assert!(
        !h.events.is_empty() && !h.relations.is_empty(),
        "the bench text gives no events or relations"
    );
    let mut g = c.benchmark_group("events");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("extract", |b| b.iter(|| evident_events::extract(&ctx)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
