//! Development aid: time each extraction stage separately over the files
//! of a folder repeated to a given size, to see where time goes.
//!
//! `cargo run --release -p evident-extract --example stages -- examples/corpus 20`
//!
//! `scripts/stage-cost.sh` runs it under callgrind to count instructions per
//! byte of each stage, which unlike wall time does not depend on the load.

use std::time::{Duration, Instant};

use evident_text::Context;

// The allocator of the `evident` binary, so that the figures match it.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).ok_or("usage: stages DIR [MB]")?;
    let mb: usize = args.get(2).and_then(|m| m.parse().ok()).unwrap_or(10);
    let mut docs = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if evident_ingest::format_of(&p).is_some() {
            docs.push(evident_ingest::read_path(&p, &Default::default())?.0);
        }
    }
    let total: usize = docs.iter().map(|d| d.text.len()).sum();
    let rounds = (mb * 1_000_000).div_ceil(total.max(1));
    // Compile every lexicon before timing: one warm-up extraction.
    if let Some(doc) = docs.first() {
        let _ = evident_extract::extract(doc);
    }
    let mut t = [Duration::ZERO; 5];
    for _ in 0..rounds {
        for doc in &docs {
            let s = Instant::now();
            let mut ctx = Context::new(doc);
            t[0] += s.elapsed();
            let s = Instant::now();
            let found = evident_entities::recognize(&ctx);
            t[1] += s.elapsed();
            ctx.set_entities(found.mentions, found.entities);
            let s = Instant::now();
            let tokens = evident_claims::Tokenized::new(ctx.text);
            ctx.dates = evident_claims::find_dates_in(&ctx, &tokens);
            t[2] += s.elapsed();
            let s = Instant::now();
            let _ = evident_claims::extract_with(&ctx, tokens);
            t[3] += s.elapsed();
            let s = Instant::now();
            let _ = evident_events::extract(&ctx);
            t[4] += s.elapsed();
        }
    }
    let bytes = (total * rounds) as f64 / 1e6;
    for (name, d) in ["segment", "entities", "dates", "claims", "events"]
        .iter()
        .zip(t)
    {
        println!(
            "{name:<9} {:>8.1} MB/s  ({:.2} s)",
            bytes / d.as_secs_f64(),
            d.as_secs_f64()
        );
    }
    let all: Duration = t.iter().sum();
    println!(
        "{:<9} {:>8.1} MB/s  over {bytes:.1} MB",
        "total",
        bytes / all.as_secs_f64()
    );
    Ok(())
}
