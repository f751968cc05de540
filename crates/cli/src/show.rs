//! Listings: `docs`, `text`, `entities`, `entity`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Result};
use evident_model::{Entity, EntityKind};
use evident_store::Store;

use crate::ingest::short;

pub fn docs(store: &Store) -> Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<12}  {:<10}  {:>7}  {:>5} {:>5} {:>5} {:>5} {:>5} {:>5}  title / source",
        "id", "published", "chars", "ment", "qty", "event", "agr", "rel", "route"
    )?;
    for d in store.document_summaries()? {
        let c = d.counts;
        writeln!(
            out,
            "{:<12}  {:<10}  {:>7}  {:>5} {:>5} {:>5} {:>5} {:>5} {:>5}  {} [{}]{}",
            short(&d.id),
            d.published.as_deref().unwrap_or("-"),
            d.chars,
            c[0],
            c[1],
            c[2],
            c[3],
            c[4],
            c[5],
            d.title.as_deref().unwrap_or("(untitled)"),
            d.path.as_deref().unwrap_or("-"),
            d.supersedes
                .as_deref()
                .map(|s| format!(" supersedes {}", short(s)))
                .unwrap_or_default()
        )?;
    }
    Ok(())
}

pub fn text(store: &Store, doc: &str) -> Result<()> {
    let id = store.resolve_document(doc)?;
    let d = store.document(&id)?;
    let mut out = std::io::stdout().lock();
    out.write_all(d.text.as_bytes())?;
    if !d.text.ends_with('\n') {
        writeln!(out)?;
    }
    Ok(())
}

/// Per entity: documents it is mentioned in, with counts.
fn mentions_by_entity(store: &Store) -> Result<BTreeMap<String, Vec<(String, i64)>>> {
    let mut map: BTreeMap<String, Vec<(String, i64)>> = BTreeMap::new();
    for (e, d, n) in store.mention_counts()? {
        map.entry(e).or_default().push((d, n));
    }
    Ok(map)
}

pub fn entities(store: &Store, kind: Option<&str>, doc: Option<&str>) -> Result<ExitCode> {
    let kind = match kind {
        Some(k) => match EntityKind::parse(k) {
            Some(k) => Some(k),
            None => bail!("unknown kind {k:?}; one of person, armed_group, organization, country, place, ethnic_group"),
        },
        None => None,
    };
    let doc = doc.map(|d| store.resolve_document(d)).transpose()?;
    let counts = mentions_by_entity(store)?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<13} {:>5} {:>8}  name  (id; wikidata)",
        "kind", "docs", "mentions"
    )?;
    for e in store.entities()? {
        let per_doc = counts.get(&e.id).map(Vec::as_slice).unwrap_or(&[]);
        if kind.is_some_and(|k| k != e.kind)
            || doc
                .as_ref()
                .is_some_and(|d| !per_doc.iter().any(|(x, _)| x == d))
        {
            continue;
        }
        let total: i64 = per_doc.iter().map(|(_, n)| n).sum();
        writeln!(
            out,
            "{:<13} {:>5} {:>8}  {}  ({}; {})",
            e.kind.as_str(),
            per_doc.len(),
            total,
            e.name,
            e.id,
            e.wikidata.as_deref().unwrap_or("-")
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Entities whose name, id or an alias equals `name` (folded), best first.
pub fn find_entities<'a>(all: &'a [Entity], name: &str) -> Vec<&'a Entity> {
    let key = fold(name);
    all.iter()
        .filter(|e| {
            fold(&e.name) == key || fold(&e.id) == key || e.aliases.iter().any(|a| fold(a) == key)
        })
        .collect()
}

fn fold(s: &str) -> String {
    s.trim()
        .trim_start_matches("the ")
        .to_lowercase()
        .replace('’', "'")
}

pub fn entity(store: &Store, name: &str) -> Result<ExitCode> {
    let all = store.entities()?;
    let found = find_entities(&all, name);
    if found.is_empty() {
        eprintln!("no entity is called {name:?}; `evident entities` lists them");
        return Ok(ExitCode::from(1));
    }
    let counts = mentions_by_entity(store)?;
    let docs: BTreeMap<String, (Option<String>, Option<String>)> = store
        .document_summaries()?
        .into_iter()
        .map(|d| (d.id, (d.title, d.published)))
        .collect();
    let mut out = std::io::stdout().lock();
    for e in found {
        writeln!(
            out,
            "{}  [{}]  id {}  wikidata {}",
            e.name,
            e.kind.as_str(),
            e.id,
            e.wikidata.as_deref().unwrap_or("-")
        )?;
        let aliases: BTreeSet<&String> = e.aliases.iter().collect();
        writeln!(
            out,
            "  aliases: {}",
            aliases.into_iter().cloned().collect::<Vec<_>>().join(", ")
        )?;
        let per_doc = counts.get(&e.id).map(Vec::as_slice).unwrap_or(&[]);
        let dates: BTreeSet<&str> = per_doc
            .iter()
            .filter_map(|(d, _)| docs.get(d)?.1.as_deref())
            .collect();
        if let (Some(first), Some(last)) = (dates.first(), dates.last()) {
            writeln!(out, "  seen from {first} to {last} (publication dates)")?;
        }
        for (d, n) in per_doc {
            let title = docs
                .get(d)
                .and_then(|t| t.0.as_deref())
                .unwrap_or("(untitled)");
            writeln!(out, "  {:>4} mentions in {}  {}", n, short(d), title)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
