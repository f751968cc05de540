//! Exports a knowledge base in the formats our users' tools read:
//! JSON Lines exactly per `shared/spec/interchange.md` ([`write_jsonl`]),
//! and CSV, one file per record type ([`write_csv`]).
//!
//! The wire records are built here by hand from the model, so a change to
//! the model cannot silently change the contract.

use std::io::Write;
use std::path::Path;

use evident_model::{
    Agreement, DateRange, Document, Entity, Event, Facts, Mention, Quantity, Relation, Route,
};
use serde_json::{json, Value};

/// Everything an export writes: documents first, then entities, then facts.
#[derive(Debug, Default)]
pub struct KnowledgeBase {
    pub documents: Vec<Document>,
    pub entities: Vec<Entity>,
    /// The facts of each document, by document id.
    pub facts: Vec<(String, Facts)>,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write the export: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot write CSV file {path}: {source}")]
    Csv { path: String, source: csv::Error },
}

fn date(d: &Option<DateRange>) -> Value {
    match d {
        Some(d) => json!({"start": d.start, "end": d.end, "precision": d.precision.as_str()}),
        None => Value::Null,
    }
}

fn span(s: evident_model::Span) -> Value {
    json!([s.start, s.end])
}

/// The interchange record of a document.
pub fn document_record(d: &Document) -> Value {
    json!({"type": "document", "id": d.id, "title": d.meta.title, "path": d.path,
        "url": d.meta.url, "published": date(&d.meta.published), "publisher": d.meta.publisher,
        "author": d.meta.author, "language": d.meta.language, "chars": d.chars(),
        "supersedes": d.supersedes})
}

/// The interchange record of an entity.
pub fn entity_record(e: &Entity) -> Value {
    let mut v = json!({"type": "entity", "id": e.id, "kind": e.kind.as_str(), "name": e.name,
        "aliases": e.aliases});
    if let Some(q) = &e.wikidata {
        v["wikidata"] = json!(q);
    }
    v
}

/// The interchange records of one document's facts, in spec order.
pub fn fact_records(doc: &str, f: &Facts) -> Vec<Value> {
    let mut out = Vec::new();
    out.extend(f.mentions.iter().map(|m| mention_record(doc, m)));
    out.extend(f.quantities.iter().map(|q| quantity_record(doc, q)));
    out.extend(f.events.iter().map(|e| event_record(doc, e)));
    out.extend(f.agreements.iter().map(|a| agreement_record(doc, a)));
    out.extend(f.relations.iter().map(|r| relation_record(doc, r)));
    out.extend(f.routes.iter().map(|r| route_record(doc, r)));
    out
}

/// The interchange record of a mention.
pub fn mention_record(doc: &str, m: &Mention) -> Value {
    json!({"type": "mention", "doc": doc, "entity": m.entity, "span": span(m.span), "text": m.text})
}

/// The interchange record of a quantity.
pub fn quantity_record(doc: &str, q: &Quantity) -> Value {
    json!({"type": "quantity", "doc": doc, "span": span(q.span), "quote": q.quote,
        "min": q.min, "max": q.max, "approximate": q.approximate, "what": q.what, "unit": q.unit,
        "population": q.population, "affiliation": q.affiliation, "location": q.location,
        "time": date(&q.time), "source": q.source, "negated": q.negated, "count_kind": q.count_kind})
}

/// The interchange record of an event.
pub fn event_record(doc: &str, e: &Event) -> Value {
    json!({"type": "event", "doc": doc, "span": span(e.span), "quote": e.quote,
        "event_type": e.event_type, "date": date(&e.date), "place": e.place, "actors": e.actors,
        "targets": e.targets, "killed": e.killed, "injured": e.injured,
        "modality": e.modality.as_str()})
}

/// The interchange record of an agreement.
pub fn agreement_record(doc: &str, a: &Agreement) -> Value {
    json!({"type": "agreement", "doc": doc, "span": span(a.span), "quote": a.quote,
        "agreement_type": a.agreement_type, "parties": a.parties, "signed": date(&a.signed),
        "in_force": date(&a.in_force)})
}

/// The interchange record of a relation.
pub fn relation_record(doc: &str, r: &Relation) -> Value {
    json!({"type": "relation", "doc": doc, "span": span(r.span), "quote": r.quote,
        "relation": r.relation, "subject": r.subject, "object": r.object})
}

/// The interchange record of a route.
pub fn route_record(doc: &str, r: &Route) -> Value {
    json!({"type": "route", "doc": doc, "span": span(r.span), "quote": r.quote,
        "steps": r.steps, "period": date(&r.period)})
}

/// Every record of the knowledge base, documents first.
pub fn records(kb: &KnowledgeBase) -> impl Iterator<Item = Value> + '_ {
    kb.documents
        .iter()
        .map(document_record)
        .chain(kb.entities.iter().map(entity_record))
        .chain(kb.facts.iter().flat_map(|(d, f)| fact_records(d, f)))
}

/// Writes the knowledge base as JSON Lines.
pub fn write_jsonl(kb: &KnowledgeBase, mut w: impl Write) -> Result<u64, ExportError> {
    let mut n = 0;
    for r in records(kb) {
        serde_json::to_writer(&mut w, &r).map_err(std::io::Error::from)?;
        w.write_all(b"\n")?;
        n += 1;
    }
    w.flush()?;
    Ok(n)
}

/// Writes one CSV file per record type (`documents.csv`, `entities.csv`,
/// `mentions.csv`, ...) into `dir`. Lists are joined with `;`, dates and
/// spans written as their JSON.
pub fn write_csv(kb: &KnowledgeBase, dir: &Path) -> Result<Vec<String>, ExportError> {
    std::fs::create_dir_all(dir)?;
    let mut by_type: std::collections::BTreeMap<String, Vec<Value>> = Default::default();
    for r in records(kb) {
        let t = r["type"].as_str().unwrap_or("other").to_string();
        by_type.entry(t).or_default().push(r);
    }
    let mut written = Vec::new();
    for (t, rows) in by_type {
        let file = if t == "entity" {
            "entities".to_string()
        } else {
            format!("{t}s")
        };
        let path = dir.join(format!("{file}.csv"));
        let err = |source| ExportError::Csv {
            path: path.display().to_string(),
            source,
        };
        let mut w = csv::Writer::from_path(&path).map_err(err)?;
        let cols: Vec<String> = rows[0]
            .as_object()
            .map(|o| o.keys().filter(|k| *k != "type").cloned().collect())
            .unwrap_or_default();
        w.write_record(&cols).map_err(err)?;
        for r in &rows {
            let cells: Vec<String> = cols.iter().map(|c| csv_cell(&r[c])).collect();
            w.write_record(&cells).map_err(err)?;
        }
        w.flush()?;
        written.push(path.display().to_string());
    }
    Ok(written)
}

fn csv_cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(a) if a.iter().all(Value::is_string) => a
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(";"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use evident_model::{DocMeta, EntityKind, Mention, Span, Structure};

    fn kb() -> KnowledgeBase {
        let doc = Document {
            id: "abc".into(),
            path: Some("a.txt".into()),
            format: "txt".into(),
            meta: DocMeta {
                published: DateRange::parse_iso("2019-01"),
                ..Default::default()
            },
            text: "Türkiye".into(),
            structure: Structure::default(),
            supersedes: None,
        };
        let e = Entity {
            id: "country:turkey".into(),
            kind: EntityKind::Country,
            name: "Turkey".into(),
            aliases: vec!["Türkiye".into()],
            wikidata: Some("Q43".into()),
        };
        let facts = Facts {
            mentions: vec![Mention {
                entity: e.id.clone(),
                span: Span::new(0, 7),
                text: "Türkiye".into(),
            }],
            ..Default::default()
        };
        KnowledgeBase {
            documents: vec![doc],
            entities: vec![e],
            facts: vec![("abc".into(), facts)],
        }
    }

    #[test]
    fn jsonl_follows_the_spec_order_and_fields() {
        let mut out = Vec::new();
        assert_eq!(write_jsonl(&kb(), &mut out).unwrap(), 3);
        let lines: Vec<Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines[0]["type"], "document");
        assert_eq!(lines[0]["chars"], 7);
        assert_eq!(lines[0]["published"]["precision"], "month");
        assert_eq!(lines[1]["wikidata"], "Q43");
        assert_eq!(lines[2]["span"], json!([0, 7]));
    }

    #[test]
    fn csv_writes_one_file_per_type() {
        let dir = std::env::temp_dir().join(format!("evident-csv-{}", std::process::id()));
        let files = write_csv(&kb(), &dir).unwrap();
        assert_eq!(files.len(), 3);
        let ents = std::fs::read_to_string(dir.join("entities.csv")).unwrap();
        assert!(ents.contains("Türkiye"));
        std::fs::remove_dir_all(dir).ok();
    }
}
