//! Throughput of the claims extractor (find_dates + extract) on repeated
//! text: the shared corpus when present, else invented sentences.
//! `cargo bench -p evident-claims` reports bytes per second.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use evident_model::{DateRange, DocMeta, Document, Structure};
use evident_text::Context;

const INVENTED: &str = "According to the Example Monitor, about 1,200 fighters from Tunisia joined the Islamic State in 2015.\n\
Officials said more than 11,000 people had entered Syria by the end of 2013, and hundreds from Albania followed.\n\
Last year, the envoy suggested that up to 5,000 recruits were fighting in Syria and Iraq.\n\
Freedonia signed an extradition treaty with Ruritania on 26 August 1993.\n\n";

fn corpus_text() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut text = String::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut files: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            text.push_str(
                &std::fs::read_to_string(f)
                    .unwrap_or_default()
                    .replace("\r\n", "\n"),
            );
            text.push_str("\n\n");
        }
    }
    if text.trim().is_empty() {
        eprintln!("shared corpus missing: benchmarking invented text");
        text = INVENTED.to_string();
    }
    text
}

fn bench(c: &mut Criterion) {
    let unit = corpus_text();
    let mut text = String::new();
    while text.len() < 1 << 20 {
        text.push_str(&unit);
    }
    let doc = Document {
        id: "bench".into(),
        path: None,
        format: "txt".into(),
        meta: DocMeta {
            published: DateRange::parse_iso("2019-01"),
            ..Default::default()
        },
        text,
        structure: Structure::default(),
        supersedes: None,
    };
    let mut ctx = Context::new(&doc);
    let found = evident_entities::recognize(&ctx);
    ctx.set_entities(found.mentions, found.entities);
    ctx.dates = evident_claims::find_dates(&ctx);
    let n = evident_claims::extract(&ctx).quantities.len();
    assert!(n > 0, "no quantity found in the bench text");
    let mut g = c.benchmark_group("claims");
    g.throughput(Throughput::Bytes(doc.text.len() as u64));
    g.sample_size(10);
    g.bench_function("find_dates+extract", |b| {
        b.iter(|| {
            let dates = evident_claims::find_dates(&ctx);
            let claims = evident_claims::extract(&ctx);
            assert!(claims.quantities.len() + dates.len() > 0);
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
