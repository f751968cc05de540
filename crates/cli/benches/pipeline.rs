//! Whole-pipeline benchmark: ingest + normalise, then extraction, over a
//! generated corpus of a few hundred MB that recombines the paragraphs of
//! `examples/corpus`. Reports MB/s for each stage and the peak resident
//! memory. Not a timed test: run it with `cargo bench -p evident-cli`.
//!
//! `EVIDENT_BENCH_MB` sets the corpus size (default 200).
//! `EVIDENT_BENCH_STAGE=ingest` skips extraction.

use std::path::Path;
use std::time::{Duration, Instant};

#[path = "support/corpus_gen.rs"]
mod corpus_gen;

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn mb_per_s(bytes: usize, t: Duration) -> f64 {
    bytes as f64 / 1e6 / t.as_secs_f64()
}

fn main() {
    let target_mb: usize = std::env::var("EVIDENT_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let extract_too = std::env::var("EVIDENT_BENCH_STAGE").map_or(true, |s| s != "ingest");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    let gen = corpus_gen::Generator::from_dir(&corpus)
        .expect("examples/corpus has paragraphs to recombine");
    let opts = evident_ingest::Options::default();
    let (mut bytes, mut n_docs, mut n_mentions, mut n_facts) = (0usize, 0usize, 0usize, 0usize);
    let (mut t_ingest, mut t_extract) = (Duration::ZERO, Duration::ZERO);
    for (i, raw) in gen.documents(target_mb * 1_000_000).enumerate() {
        let name = format!("gen-{i:06}.txt");
        let t = Instant::now();
        let (doc, _) =
            evident_ingest::normalize_bytes(Path::new(&name), "txt", raw.as_bytes(), &opts)
                .expect("generated documents ingest");
        t_ingest += t.elapsed();
        if extract_too {
            let t = Instant::now();
            let facts = evident_extract::extract(&doc);
            t_extract += t.elapsed();
            n_mentions += facts.mentions.len();
            n_facts += facts.quantities.len()
                + facts.events.len()
                + facts.relations.len()
                + facts.routes.len();
        }
        bytes += raw.len();
        n_docs += 1;
    }
    // The bench checks its own output, so a broken stage cannot look fast.
    assert!(n_docs > 0 && bytes >= target_mb * 1_000_000);
    println!(
        "corpus: {n_docs} documents, {:.1} MB generated from {}",
        bytes as f64 / 1e6,
        corpus.display()
    );
    println!(
        "ingest+normalise: {:.1} MB/s ({:.2} s)",
        mb_per_s(bytes, t_ingest),
        t_ingest.as_secs_f64()
    );
    if extract_too {
        assert!(n_mentions > 0, "extraction found no mentions");
        println!(
            "extraction: {:.1} MB/s ({:.2} s), {n_mentions} mentions, {n_facts} other facts",
            mb_per_s(bytes, t_extract),
            t_extract.as_secs_f64()
        );
    }
    if let Some(mb) = peak_rss_mb() {
        println!("peak resident memory: {mb:.0} MB");
    }
}
