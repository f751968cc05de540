//! Dev aid: prints the tables, dates and quantities the claims extractor
//! sees in one file. `cargo run -p evident-claims --example claims_debug -- FILE [published]`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).ok_or("usage: claims_debug FILE [YYYY-MM]")?;
    let (mut doc, _) = evident_ingest::read_path(std::path::Path::new(path), &Default::default())?;
    if let Some(p) = args.get(2) {
        doc.meta.published = evident_model::DateRange::parse_iso(p);
    }
    let mut ctx = evident_text::Context::new(&doc);
    let found = evident_entities::recognize(&ctx);
    ctx.set_entities(found.mentions, found.entities);
    ctx.dates = evident_claims::find_dates(&ctx);
    let what = args.get(3).map(String::as_str).unwrap_or("all");
    if what == "all" || what == "tables" {
        for t in &ctx.tables {
            let cap = t.caption.clone().map(|c| ctx.text[c].to_string());
            println!(
                "TABLE caption={cap:?} header_rows={} rows={}",
                t.header_rows,
                t.rows.len()
            );
            for (r, cells) in t.rows.iter().take(3) {
                let cs: Vec<&str> = cells.iter().map(|c| &ctx.text[c.clone()]).collect();
                println!("  {:?} {cs:?}", &ctx.text[r.clone()]);
            }
        }
    }
    if what == "all" || what == "dates" {
        for d in &ctx.dates {
            println!(
                "DATE {:?} {:?}",
                &ctx.text[d.range.clone()],
                d.date.as_ref().map(|x| (&x.start, &x.end))
            );
        }
    }
    if what == "src" {
        let p = evident_claims::prep::Prep::new(&ctx);
        let srcs = evident_claims::attribution::sources(&p);
        for (s, src) in ctx.sentences.iter().zip(&srcs) {
            let txt: String = ctx.text[s.range.clone()].chars().take(90).collect();
            println!("{:?} <= {txt}", src);
        }
    }
    if what == "all" || what == "q" {
        let c = evident_claims::extract(&ctx);
        for q in &c.quantities {
            let name = |id: &String| ctx.entities.get(id).map_or(id.clone(), |e| e.name.clone());
            let chars: Vec<char> = doc.text.chars().collect();
            let s: String = chars[q.span.start..q.span.end].iter().collect();
            println!(
                "Q {:?} => {} | pop={:?} aff={:?} loc={:?} time={:?} src={:?} kind={:?}",
                s,
                evident_claims::quantity_summary(q),
                q.population.iter().map(name).collect::<Vec<_>>(),
                q.affiliation.iter().map(name).collect::<Vec<_>>(),
                q.location.iter().map(name).collect::<Vec<_>>(),
                q.time.as_ref().map(|t| format!("{}..{}", t.start, t.end)),
                q.source.as_ref().map(name),
                q.count_kind
            );
        }
        for a in &c.agreements {
            println!(
                "A {} {:?} {:?} {:?}",
                a.agreement_type,
                a.parties,
                a.signed.as_ref().map(|d| &d.start),
                a.in_force.as_ref().map(|d| &d.start)
            );
        }
    }
    Ok(())
}
