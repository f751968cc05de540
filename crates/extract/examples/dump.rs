//! Development aid: ingest a folder without a store, extract, and write
//! the JSON Lines export, for scoring with `shared/eval/score.py`.
//!
//! `cargo run --release -p evident-extract --example dump -- ../shared/corpus /tmp/kb.jsonl`

use std::collections::BTreeMap;

use evident_export::KnowledgeBase;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (dir, out) = match args.as_slice() {
        [_, d, o] => (d.clone(), o.clone()),
        _ => return Err("usage: dump DIR OUT.jsonl".into()),
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("txt" | "md" | "html" | "htm" | "pdf")
            )
        })
        .collect();
    files.sort();
    let manifest = evident_ingest::Manifest::find_beside(std::path::Path::new(&dir))
        .map(|p| evident_ingest::Manifest::load(&p))
        .transpose()?;
    let mut kb = KnowledgeBase::default();
    let mut entities = BTreeMap::new();
    for f in files {
        let (mut doc, _) = evident_ingest::read_path(&f, &Default::default())?;
        if let Some(m) = &manifest {
            m.apply(&mut doc);
        }
        let facts = evident_extract::extract(&doc);
        for e in &facts.entities {
            let slot = entities.entry(e.id.clone()).or_insert_with(|| e.clone());
            for a in &e.aliases {
                if !slot.aliases.contains(a) {
                    slot.aliases.push(a.clone());
                }
            }
        }
        kb.facts.push((doc.id.clone(), facts));
        kb.documents.push(doc);
    }
    kb.entities = entities.into_values().collect();
    let n =
        evident_export::write_jsonl(&kb, std::io::BufWriter::new(std::fs::File::create(&out)?))?;
    eprintln!("wrote {n} records to {out}");
    Ok(())
}
