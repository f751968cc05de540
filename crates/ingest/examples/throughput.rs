//! Dev aid: ingest throughput on in-memory bytes (no disk reads timed).
//! `cargo run --release -p evident-ingest --example throughput -- FILE...`
//! Each file is repeated to about 8 MB and read with `normalize_bytes`.

use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let opts = evident_ingest::Options::default();
    for path in std::env::args().skip(1) {
        let p = Path::new(&path);
        let format = evident_ingest::format_of(p).ok_or("unsupported file")?;
        let bytes = std::fs::read(p)?;
        let big: Vec<u8> = if format == "pdf" {
            bytes
        } else {
            let times = (8_000_000 / bytes.len().max(1)).max(1);
            let sep: &[u8] = if format == "html" { b"" } else { b"\n\n" };
            let mut v = Vec::new();
            for _ in 0..times {
                v.extend_from_slice(&bytes);
                v.extend_from_slice(sep);
            }
            v
        };
        let t = Instant::now();
        let (doc, _) = evident_ingest::normalize_bytes(p, format, &big, &opts)?;
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{path}: {:.1} MB in {secs:.3}s = {:.1} MB/s ({} paragraphs, {} tables)",
            big.len() as f64 / 1e6,
            big.len() as f64 / 1e6 / secs,
            doc.structure.paragraphs.len(),
            doc.structure.tables.len()
        );
    }
    Ok(())
}
