//! Development aid: runs the recogniser over the .txt files of folders,
//! writes every mention and entity (to compare outputs before and after a
//! change) and reports the CPU throughput of `recognize` alone.
//!
//! `cargo run --release -p evident-entities --example profile -- OUT ROUNDS DIR...`

use std::fmt::Write as _;

use evident_model::{DocMeta, Document, Structure};
use evident_text::Context;

/// CPU time of this thread in nanoseconds (Linux).
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let out_path = args.get(1).ok_or("usage: profile OUT ROUNDS DIR...")?;
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(1);
    let mut docs = Vec::new();
    for dir in &args[3..] {
        let mut files: Vec<_> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            docs.push(Document {
                id: f.display().to_string(),
                path: None,
                format: "txt".into(),
                meta: DocMeta::default(),
                text: String::from_utf8_lossy(&std::fs::read(&f)?).into_owned(),
                structure: Structure::default(),
                supersedes: None,
            });
        }
    }
    let ctxs: Vec<Context> = docs.iter().map(Context::new).collect();
    let mut out = String::new();
    for (doc, ctx) in docs.iter().zip(&ctxs) {
        let r = evident_entities::recognize(ctx);
        writeln!(out, "## {}", doc.id)?;
        for m in &r.mentions {
            writeln!(
                out,
                "{:?} {:?} {} {:?}",
                m.range,
                &doc.text[m.range.clone()],
                m.entity,
                m.kind
            )?;
        }
        for e in &r.entities {
            writeln!(out, "{e:?}")?;
        }
    }
    std::fs::write(out_path, out)?;
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    // PART=find times the lexicon pass alone.
    if std::env::var("PART").is_ok_and(|p| p == "find") {
        let lex = evident_entities::lexicon::lexicon();
        let t0 = thread_cpu_ns();
        let mut n = 0;
        for _ in 0..rounds {
            for doc in &docs {
                let caps = evident_entities::matcher::CapsLines::new(&doc.text);
                n += evident_entities::matcher::find(lex, &doc.text, &caps).len();
            }
        }
        let secs = (thread_cpu_ns() - t0) as f64 / 1e9;
        println!(
            "find: {:.1} MB/s CPU ({} matches)",
            (bytes * rounds) as f64 / 1e6 / secs.max(1e-9),
            n / rounds.max(1)
        );
        return Ok(());
    }
    let t0 = thread_cpu_ns();
    let mut n = 0;
    for _ in 0..rounds {
        for ctx in &ctxs {
            n += evident_entities::recognize(ctx).mentions.len();
        }
    }
    let secs = (thread_cpu_ns() - t0) as f64 / 1e9;
    if rounds > 0 && secs > 0.0 {
        println!(
            "recognize: {:.1} MB/s CPU ({} mentions, {:.1} MB, {:.2} s)",
            (bytes * rounds) as f64 / 1e6 / secs,
            n / rounds,
            (bytes * rounds) as f64 / 1e6,
            secs
        );
    }
    Ok(())
}
