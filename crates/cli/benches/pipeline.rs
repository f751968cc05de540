//! Whole-pipeline benchmark: ingest + normalise, then extraction, over a
//! generated corpus of a few hundred MB that recombines the paragraphs of
//! `examples/corpus`. Reports MB/s for each stage and the peak resident
//! memory. Not a timed test: run it with `cargo bench -p evident-cli`.
//!
//! `EVIDENT_BENCH_MB` sets the corpus size (default 200), `EVIDENT_BENCH_PASSES`
//! the number of timed extraction passes (default 3; the median is reported:
//! the machine is shared, and one pass can meet a noisy neighbour).
//! `EVIDENT_BENCH_STAGE=ingest` skips extraction.

use std::path::Path;
use std::time::{Duration, Instant};

#[path = "support/corpus_gen.rs"]
mod corpus_gen;

// The allocator of the `evident` binary (see src/main.rs), so that the figures are its own.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn mb_per_s(bytes: usize, t: Duration) -> f64 {
    bytes as f64 / 1e6 / t.as_secs_f64()
}

/// CPU seconds this thread has used (user + system), from /proc: the machine
/// is shared, so throughput per CPU second is steadier than per wall second.
fn thread_cpu_s() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0) // USER_HZ is 100 on Linux
}

#[derive(Default)]
struct Pass {
    bytes: usize,
    docs: usize,
    wall_ingest: Duration,
    wall_extract: Duration,
    cpu: f64,
    mentions: usize,
    facts: usize,
}

fn run(gen: &corpus_gen::Generator, bytes: usize, extract: bool) -> Pass {
    let opts = evident_ingest::Options::default();
    let mut p = Pass::default();
    let cpu0 = thread_cpu_s().unwrap_or(0.0);
    for (i, raw) in gen.documents(bytes).enumerate() {
        let name = format!("gen-{i:06}.txt");
        let t = Instant::now();
        let (doc, _) =
            evident_ingest::normalize_bytes(Path::new(&name), "txt", raw.as_bytes(), &opts)
                .expect("generated documents ingest");
        p.wall_ingest += t.elapsed();
        if extract {
            let t = Instant::now();
            let f = evident_extract::extract(&doc);
            p.wall_extract += t.elapsed();
            p.mentions += f.mentions.len();
            p.facts += f.quantities.len() + f.events.len() + f.relations.len() + f.routes.len();
        }
        p.bytes += raw.len();
        p.docs += 1;
    }
    p.cpu = thread_cpu_s().unwrap_or(0.0) - cpu0;
    p
}

/// The middle value (the lower middle for an even count).
fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[(v.len() - 1) / 2]
}

/// Lexicons compile on first use: one extraction before the timed passes,
/// so that they measure steady throughput. Its time is printed as start-up.
fn warm_up(gen: &corpus_gen::Generator) {
    let opts = evident_ingest::Options::default();
    let Some(raw) = gen.documents(1).next() else {
        return;
    };
    let (doc, _) =
        evident_ingest::normalize_bytes(Path::new("warm-up.txt"), "txt", raw.as_bytes(), &opts)
            .expect("generated documents ingest");
    let t = Instant::now();
    let _ = evident_extract::extract(&doc);
    println!(
        "start-up (first extraction, lexicons compiled): {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
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
    let ingest = run(&gen, target_mb * 1_000_000, false);
    // The bench checks its own output, so a broken stage cannot look fast.
    assert!(ingest.docs > 0 && ingest.bytes >= target_mb * 1_000_000);
    let mb = ingest.bytes as f64 / 1e6;
    println!(
        "corpus: {} documents, {mb:.1} MB generated from {}",
        ingest.docs,
        corpus.display()
    );
    println!(
        "ingest+normalise: {:.1} MB/s wall ({:.2} s), {:.1} MB per CPU second",
        mb_per_s(ingest.bytes, ingest.wall_ingest),
        ingest.wall_ingest.as_secs_f64(),
        mb / ingest.cpu.max(0.01)
    );
    if extract_too {
        warm_up(&gen);
        let passes: usize = std::env::var("EVIDENT_BENCH_PASSES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(3)
            .max(1);
        let mut wall = Vec::new();
        let mut per_cpu = Vec::new();
        for pass in 1..=passes {
            let all = run(&gen, target_mb * 1_000_000, true);
            assert!(
                all.mentions > 0 && all.facts > 0,
                "extraction found nothing"
            );
            let cpu_extract = (all.cpu - ingest.cpu).max(0.01);
            wall.push(mb_per_s(all.bytes, all.wall_extract));
            per_cpu.push(mb / cpu_extract);
            println!("extraction pass {pass}: {:.1} MB/s wall ({:.2} s), {:.1} MB per CPU second; {} mentions, {} other facts",
                wall[pass - 1], all.wall_extract.as_secs_f64(), per_cpu[pass - 1],
                all.mentions, all.facts);
        }
        println!(
            "extraction, median of {passes} passes: {:.1} MB/s wall, {:.1} MB per CPU second",
            median(&mut wall),
            median(&mut per_cpu)
        );
    }
    if let Some(mb) = peak_rss_mb() {
        println!("peak resident memory: {mb:.0} MB");
    }
}
