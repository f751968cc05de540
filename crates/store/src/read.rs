//! Reading the store back: documents, entities and facts as model values.

use std::collections::BTreeMap;

use evident_model::{
    Agreement, Document, Entity, Event, Facts, Mention, Quantity, Relation, Route,
};
use rusqlite::{params, OptionalExtension};

use crate::{
    doc_meta, entity_kind, modality, parse_date, parse_json, span, Result, Store, StoreError,
};

/// One line of `evident docs`.
#[derive(Debug, Clone, PartialEq)]
pub struct DocSummary {
    pub id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub path: Option<String>,
    pub chars: i64,
    pub supersedes: Option<String>,
    /// Counts of mentions, quantities, events, agreements, relations, routes.
    pub counts: [i64; 6],
}

pub(crate) const FACT_TABLES: [&str; 6] = [
    "mentions",
    "quantities",
    "events",
    "agreements",
    "relations",
    "routes",
];

impl Store {
    /// Summaries of every document, in ingest order.
    pub fn document_summaries(&self) -> Result<Vec<DocSummary>> {
        let counts = FACT_TABLES
            .iter()
            .map(|t| format!("(SELECT count(*) FROM {t} x WHERE x.doc_id = d.id)"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT id, title, published_start, path, chars, supersedes, {counts} FROM documents d ORDER BY rowid"
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map([], |r| {
            let mut c = [0i64; 6];
            for (i, slot) in c.iter_mut().enumerate() {
                *slot = r.get(6 + i)?;
            }
            Ok(DocSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                published: r.get(2)?,
                path: r.get(3)?,
                chars: r.get(4)?,
                supersedes: r.get(5)?,
                counts: c,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Ids of every document, in ingest order.
    pub fn document_ids(&self) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare("SELECT id FROM documents ORDER BY rowid")?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The full id of the one document whose id starts with `prefix`.
    pub fn resolve_document(&self, prefix: &str) -> Result<String> {
        let mut st = self
            .conn
            .prepare("SELECT id FROM documents WHERE id LIKE ?1 || '%' LIMIT 2")?;
        let ids: Vec<String> = st
            .query_map([prefix], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        match ids.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(StoreError::NoDocument(prefix.to_string())),
            _ => Err(StoreError::Ambiguous(prefix.to_string())),
        }
    }

    /// A whole document by id.
    pub fn document(&self, id: &str) -> Result<Document> {
        self.conn
            .query_row(
                "SELECT id, path, format, title, published_start, published_end, published_precision,
                   url, publisher, author, language, text, structure, supersedes FROM documents WHERE id = ?1",
                [id],
                |r| {
                    let meta = doc_meta(r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?);
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, meta, r.get(11)?, r.get::<_, String>(12)?, r.get(13)?))
                },
            )
            .optional()?
            .ok_or_else(|| StoreError::NoDocument(id.to_string()))
            .and_then(|(id, path, format, meta, text, structure, supersedes)| {
                Ok(Document { id, path, format, meta, text, structure: parse_json(&structure, "structure")?, supersedes })
            })
    }

    /// Every entity, with all aliases, by id.
    pub fn entities(&self) -> Result<Vec<Entity>> {
        let mut aliases: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut st = self
            .conn
            .prepare("SELECT entity_id, alias FROM entity_aliases ORDER BY rowid")?;
        for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (id, a) = row?;
            aliases.entry(id).or_default().push(a);
        }
        let mut st = self
            .conn
            .prepare("SELECT id, kind, name, wikidata FROM entities ORDER BY id")?;
        let rows = st.query_map([], |r| {
            let id: String = r.get(0)?;
            Ok(Entity {
                aliases: aliases.remove(&id).unwrap_or_default(),
                id,
                kind: entity_kind(&r.get::<_, String>(1)?),
                name: r.get(2)?,
                wikidata: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every fact of one document (entities left empty: see [`Store::entities`]).
    pub fn facts(&self, doc: &str) -> Result<Facts> {
        Ok(Facts {
            entities: Vec::new(),
            mentions: self.mentions(doc)?,
            quantities: self.quantities(doc)?,
            events: self.events(doc)?,
            agreements: self.agreements(doc)?,
            relations: self.relations(doc)?,
            routes: self.routes(doc)?,
        })
    }

    fn mentions(&self, doc: &str) -> Result<Vec<Mention>> {
        let mut st = self.conn.prepare_cached(
            "SELECT entity_id, span_start, span_end, text FROM mentions WHERE doc_id = ?1 ORDER BY id",
        )?;
        let rows = st.query_map([doc], |r| {
            Ok(Mention {
                entity: r.get(0)?,
                span: span(r, 1)?,
                text: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn quantities(&self, doc: &str) -> Result<Vec<Quantity>> {
        let mut st = self.conn.prepare_cached(
            "SELECT span_start, span_end, quote, min, max, approximate, what, unit, population, affiliation,
               location, time, source, negated, count_kind FROM quantities WHERE doc_id = ?1 ORDER BY id",
        )?;
        let mut out = Vec::new();
        let mut rows = st.query(params![doc])?;
        while let Some(r) = rows.next()? {
            out.push(Quantity {
                span: span(r, 0)?,
                quote: r.get(2)?,
                min: r.get(3)?,
                max: r.get(4)?,
                approximate: r.get(5)?,
                what: r.get(6)?,
                unit: r.get(7)?,
                population: parse_json(&r.get::<_, String>(8)?, "population")?,
                affiliation: parse_json(&r.get::<_, String>(9)?, "affiliation")?,
                location: parse_json(&r.get::<_, String>(10)?, "location")?,
                time: parse_date(r.get(11)?, "time")?,
                source: r.get(12)?,
                negated: r.get(13)?,
                count_kind: r.get(14)?,
            });
        }
        Ok(out)
    }

    fn events(&self, doc: &str) -> Result<Vec<Event>> {
        let mut st = self.conn.prepare_cached(
            "SELECT span_start, span_end, quote, event_type, date_start, date_end, date_precision, place, actors,
               targets, killed, injured, modality FROM events WHERE doc_id = ?1 ORDER BY id",
        )?;
        let mut out = Vec::new();
        let mut rows = st.query(params![doc])?;
        while let Some(r) = rows.next()? {
            let date = doc_meta(
                None,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                None,
                None,
                None,
                None,
            )
            .published;
            out.push(Event {
                span: span(r, 0)?,
                quote: r.get(2)?,
                event_type: r.get(3)?,
                date,
                place: parse_json(&r.get::<_, String>(7)?, "place")?,
                actors: parse_json(&r.get::<_, String>(8)?, "actors")?,
                targets: parse_json(&r.get::<_, String>(9)?, "targets")?,
                killed: r.get(10)?,
                injured: r.get(11)?,
                modality: modality(&r.get::<_, String>(12)?),
            });
        }
        Ok(out)
    }

    fn agreements(&self, doc: &str) -> Result<Vec<Agreement>> {
        let mut st = self.conn.prepare_cached(
            "SELECT span_start, span_end, quote, agreement_type, parties, signed, in_force
             FROM agreements WHERE doc_id = ?1 ORDER BY id",
        )?;
        let mut out = Vec::new();
        let mut rows = st.query(params![doc])?;
        while let Some(r) = rows.next()? {
            out.push(Agreement {
                span: span(r, 0)?,
                quote: r.get(2)?,
                agreement_type: r.get(3)?,
                parties: parse_json(&r.get::<_, String>(4)?, "parties")?,
                signed: parse_date(r.get(5)?, "signed")?,
                in_force: parse_date(r.get(6)?, "in_force")?,
            });
        }
        Ok(out)
    }

    fn relations(&self, doc: &str) -> Result<Vec<Relation>> {
        let mut st = self.conn.prepare_cached(
            "SELECT span_start, span_end, quote, relation, subject, object FROM relations WHERE doc_id = ?1 ORDER BY id",
        )?;
        let rows = st.query_map([doc], |r| {
            Ok(Relation {
                span: span(r, 0)?,
                quote: r.get(2)?,
                relation: r.get(3)?,
                subject: r.get(4)?,
                object: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn routes(&self, doc: &str) -> Result<Vec<Route>> {
        let mut st = self.conn.prepare_cached(
            "SELECT span_start, span_end, quote, steps, period FROM routes WHERE doc_id = ?1 ORDER BY id",
        )?;
        let mut out = Vec::new();
        let mut rows = st.query(params![doc])?;
        while let Some(r) = rows.next()? {
            out.push(Route {
                span: span(r, 0)?,
                quote: r.get(2)?,
                steps: parse_json(&r.get::<_, String>(3)?, "steps")?,
                period: parse_date(r.get(4)?, "period")?,
            });
        }
        Ok(out)
    }

    /// Mention counts per entity and document: (entity id, doc id, count).
    pub fn mention_counts(&self) -> Result<Vec<(String, String, i64)>> {
        let mut st = self
            .conn
            .prepare("SELECT entity_id, doc_id, count(*) FROM mentions GROUP BY entity_id, doc_id ORDER BY entity_id")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
