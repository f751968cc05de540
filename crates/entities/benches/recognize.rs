//! Entity recognition throughput (MB/s) on a few MB of text: the example
//! corpus (examples/corpus/*.txt) when present, else an invented paragraph,
//! repeated. `cargo bench -p evident-entities`.

use criterion::{criterion_group, Criterion, Throughput};
use evident_model::{DocMeta, Document, Structure};
use evident_text::Context;

const FALLBACK: &str = "China’s Ministry of Public Security said on Monday that Uyghur \
fighters of the Turkestan Islamic Party (TIP) had travelled from Xinjiang through Thailand \
and Turkey to Idlib. Raffaello Pantucci, a senior fellow at RUSI, told Reuters that the \
Islamic State (IS) still recruits in Central Asia. Pantucci said the U.S. and the U.N. \
Security Council were watching. Lieutenant General Qin Tian met officials in Bishkek.\n\n";

fn sample() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/corpus");
    let mut text = String::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        let mut files: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        {
            text.push_str(&std::fs::read_to_string(f).unwrap_or_default());
            text.push_str("\n\n");
        }
    }
    if text.trim().is_empty() {
        text = FALLBACK.to_string();
    }
    let mut out = String::with_capacity(4 << 20);
    while out.len() < 4 << 20 {
        out.push_str(&text);
    }
    out
}

fn bench(c: &mut Criterion) {
    let doc = Document {
        id: "bench".into(),
        path: None,
        format: "txt".into(),
        meta: DocMeta::default(),
        text: sample(),
        structure: Structure::default(),
        supersedes: None,
    };
    let ctx = Context::new(&doc);
    let found = evident_entities::recognize(&ctx);
    assert!(
        !found.mentions.is_empty(),
        "no mentions in the benchmark text"
    );
    let mut g = c.benchmark_group("entities");
    g.throughput(Throughput::Bytes(doc.text.len() as u64));
    g.sample_size(10);
    g.bench_function("recognize", |b| {
        b.iter(|| evident_entities::recognize(&ctx).mentions.len())
    });
    g.finish();
}

/// CPU time of this thread in nanoseconds (Linux), to report throughput
/// per core when other processes share the machine.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Throughput per CPU second, which wall-clock figures hide on a busy machine.
fn cpu_throughput() {
    let doc = Document {
        id: "bench".into(),
        path: None,
        format: "txt".into(),
        meta: DocMeta::default(),
        text: sample(),
        structure: Structure::default(),
        supersedes: None,
    };
    // Segmentation (Context::new) is shared by every extractor: report it too.
    let (Some(s0), ctx) = (thread_cpu_ns(), Context::new(&doc)) else {
        return;
    };
    if let Some(s1) = thread_cpu_ns() {
        let mb = doc.text.len() as f64 / (1024.0 * 1024.0);
        println!(
            "segmentation (Context::new) CPU throughput: {:.1} MiB/s ({} sentences)",
            mb / ((s1 - s0) as f64 / 1e9),
            ctx.sentences.len()
        );
    }
    let runs = 10;
    let (Some(t0), mut n) = (thread_cpu_ns(), 0) else {
        return;
    };
    for _ in 0..runs {
        n += evident_entities::recognize(&ctx).mentions.len();
    }
    let Some(t1) = thread_cpu_ns() else {
        return;
    };
    let secs = (t1 - t0) as f64 / 1e9;
    let mb = (doc.text.len() * runs) as f64 / (1024.0 * 1024.0);
    println!(
        "entities/recognize CPU throughput: {:.1} MiB/s ({} mentions per run)",
        mb / secs,
        n / runs
    );
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    cpu_throughput();
}
