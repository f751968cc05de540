//! Dev aid: prints the structure ingest finds in files.
//! `cargo run -p evident-ingest --example structure -- FILE...`

use evident_model::{CharIndex, Span};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for path in std::env::args().skip(1) {
        let (doc, warnings) =
            evident_ingest::read_path(std::path::Path::new(&path), &Default::default())?;
        let ix = CharIndex::new(&doc.text);
        let show = |s: &Span| {
            let t = &doc.text[ix.bytes(*s)];
            let t: String = t.chars().take(90).collect();
            t.replace('\t', " ⇥ ").replace('\n', " ⏎ ")
        };
        println!(
            "== {path} ({}) title={:?} warnings={warnings:?}",
            doc.format, doc.meta
        );
        let st = &doc.structure;
        println!("paragraphs: {}", st.paragraphs.len());
        for h in &st.headings {
            println!("H  {}", show(h));
        }
        for n in &st.non_article {
            println!("NA {}", show(n));
        }
        for t in &st.tables {
            println!(
                "T  rows={} header={} caption={:?}",
                t.rows.len(),
                t.header_rows,
                t.caption.as_ref().map(show)
            );
            for r in t.rows.iter().take(3) {
                let cells: Vec<String> = r.cells.iter().map(show).collect();
                println!("   {cells:?}");
            }
        }
        if std::env::var("SHOW_TEXT").is_ok() {
            println!("{}", doc.text);
        }
    }
    Ok(())
}
