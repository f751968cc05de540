//! The embedded store: one SQLite file (WAL, foreign keys, versioned
//! migrations) that holds every document's verbatim text and every fact.
//!
//! **Invariant:** a document and all its facts are written in one
//! transaction ([`Store::insert_document`]), and re-extraction replaces a
//! document's machine-made facts in one transaction
//! ([`Store::replace_facts`]). An ingest killed at any point leaves a store
//! that opens, passes `PRAGMA integrity_check`, and holds every document
//! committed before the kill whole and none half.
//!
//! The schema (`schema.sql`) is meant to be read by people in `sqlite3` or
//! Datasette: `v_*` views join each fact with its document and entity names.

use std::path::Path;

use evident_model::{DateRange, DocMeta, Document, Entity, EntityKind, Facts, Modality, Span};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

mod read;
pub use read::DocSummary;

/// Migrations in order; `PRAGMA user_version` is the number applied.
const MIGRATIONS: &[&str] = &[include_str!("schema.sql")];

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store {path}: {source} (is it an Evident database, and is the disk writable?)")]
    Open {
        path: String,
        source: rusqlite::Error,
    },
    #[error("store {path} has schema version {found}, newer than this evident ({known}); upgrade evident")]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("corrupt JSON in column {column}: {source}")]
    Json {
        column: &'static str,
        source: serde_json::Error,
    },
    #[error("no document matches {0:?}; `evident docs` lists them")]
    NoDocument(String),
    #[error("{0:?} matches several documents; give more of the id")]
    Ambiguous(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// An open store.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the store at `path` and applies migrations.
    pub fn open(path: &Path) -> Result<Store> {
        let err = |source| StoreError::Open {
            path: path.display().to_string(),
            source,
        };
        let conn = Connection::open(path).map_err(err)?;
        Self::setup(conn, &path.display().to_string())
    }

    /// An in-memory store, for tests.
    pub fn open_in_memory() -> Result<Store> {
        Self::setup(Connection::open_in_memory()?, ":memory:")
    }

    fn setup(mut conn: Connection, path: &str) -> Result<Store> {
        let err = |source| StoreError::Open {
            path: path.to_string(),
            source,
        };
        // Wait for other processes (a second ingest, a reader) before any statement.
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(err)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(err)?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(err)?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError::TooNew {
                path: path.to_string(),
                found: version,
                known,
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            // Take the write lock first and look again: another process opening the
            // same new store may have applied this migration in the meantime.
            let tx = conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(err)?;
            let now: i64 = tx
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .map_err(err)?;
            if now > i as i64 {
                continue;
            }
            tx.execute_batch(sql).map_err(err)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)
                .map_err(err)?;
            tx.commit().map_err(err)?;
        }
        Ok(Store { conn })
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Runs `PRAGMA integrity_check`; `Ok(true)` when it says "ok".
    pub fn integrity_ok(&self) -> Result<bool> {
        let s: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(s == "ok")
    }

    /// True if a document with this id is stored.
    pub fn has_document(&self, id: &str) -> Result<bool> {
        let n: i64 =
            self.conn
                .query_row("SELECT count(*) FROM documents WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
        Ok(n > 0)
    }

    /// Ids of the documents whose facts were not made by `extractor`.
    pub fn documents_not_extracted_by(&self, extractor: &str) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare("SELECT id FROM documents WHERE extractor IS NOT ?1 ORDER BY rowid")?;
        let rows = st.query_map([extractor], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The newest document ingested from `path`, if any.
    pub fn latest_at_path(&self, path: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM documents WHERE path = ?1 ORDER BY ingested_at DESC, rowid DESC LIMIT 1",
                [path],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Stores a document and its facts in one transaction.
    pub fn insert_document(
        &mut self,
        doc: &Document,
        facts: &Facts,
        extractor: &str,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        insert_doc_row(&tx, doc, extractor)?;
        insert_facts(&tx, &doc.id, facts, extractor)?;
        tx.commit()?;
        Ok(())
    }

    /// Replaces a document's machine-made facts with new ones, in one transaction.
    pub fn replace_facts(&mut self, doc_id: &str, facts: &Facts, extractor: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        for t in read::FACT_TABLES {
            tx.execute(&format!("DELETE FROM {t} WHERE doc_id = ?1"), [doc_id])?;
        }
        insert_facts(&tx, doc_id, facts, extractor)?;
        tx.execute(
            "UPDATE documents SET extractor = ?2 WHERE id = ?1",
            params![doc_id, extractor],
        )?;
        tx.execute(
            "DELETE FROM entities WHERE id NOT IN (SELECT entity_id FROM mentions)
             AND id NOT IN (SELECT source FROM quantities WHERE source IS NOT NULL)
             AND id NOT IN (SELECT subject FROM relations) AND id NOT IN (SELECT object FROM relations)",
            [],
        )?;
        tx.commit()?;
        Ok(())
    }
}

fn insert_doc_row(tx: &Transaction, d: &Document, extractor: &str) -> Result<()> {
    let p = d.meta.published.as_ref();
    let structure = serde_json::to_string(&d.structure).map_err(|source| StoreError::Json {
        column: "structure",
        source,
    })?;
    tx.execute(
        "INSERT INTO documents (id, path, format, title, published_start, published_end,
           published_precision, url, publisher, author, language, chars, text, structure, supersedes, extractor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        params![
            d.id, d.path, d.format, d.meta.title, p.map(|x| &x.start), p.map(|x| &x.end),
            p.map(|x| x.precision.as_str()), d.meta.url, d.meta.publisher, d.meta.author,
            d.meta.language, d.chars() as i64, d.text, structure, d.supersedes, extractor
        ],
    )?;
    Ok(())
}

fn to_json<T: serde::Serialize>(v: &T, column: &'static str) -> Result<String> {
    serde_json::to_string(v).map_err(|source| StoreError::Json { column, source })
}

fn date_json(d: &Option<DateRange>, column: &'static str) -> Result<Option<String>> {
    d.as_ref().map(|d| to_json(d, column)).transpose()
}

fn upsert_entity(tx: &Transaction, e: &Entity) -> Result<()> {
    tx.execute(
        "INSERT INTO entities (id, kind, name, wikidata) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(id) DO UPDATE SET wikidata = coalesce(entities.wikidata, excluded.wikidata)",
        params![e.id, e.kind.as_str(), e.name, e.wikidata],
    )?;
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?1, ?2)",
    )?;
    for a in &e.aliases {
        stmt.execute(params![e.id, a])?;
    }
    Ok(())
}

fn insert_facts(tx: &Transaction, doc: &str, f: &Facts, x: &str) -> Result<()> {
    for e in &f.entities {
        upsert_entity(tx, e)?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO mentions (doc_id, entity_id, span_start, span_end, text, extractor) VALUES (?1,?2,?3,?4,?5,?6)",
    )?;
    for m in &f.mentions {
        st.execute(params![
            doc,
            m.entity,
            m.span.start as i64,
            m.span.end as i64,
            m.text,
            x
        ])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO quantities (doc_id, span_start, span_end, quote, min, max, approximate, what, unit,
           population, affiliation, location, time, source, negated, count_kind, extractor)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)",
    )?;
    for q in &f.quantities {
        st.execute(params![
            doc,
            q.span.start as i64,
            q.span.end as i64,
            q.quote,
            q.min,
            q.max,
            q.approximate,
            q.what,
            q.unit,
            to_json(&q.population, "population")?,
            to_json(&q.affiliation, "affiliation")?,
            to_json(&q.location, "location")?,
            date_json(&q.time, "time")?,
            q.source,
            q.negated,
            q.count_kind,
            x
        ])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO events (doc_id, span_start, span_end, quote, event_type, date_start, date_end,
           date_precision, place, actors, targets, killed, injured, modality, extractor)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)",
    )?;
    for e in &f.events {
        let d = e.date.as_ref();
        st.execute(params![
            doc,
            e.span.start as i64,
            e.span.end as i64,
            e.quote,
            e.event_type,
            d.map(|d| &d.start),
            d.map(|d| &d.end),
            d.map(|d| d.precision.as_str()),
            to_json(&e.place, "place")?,
            to_json(&e.actors, "actors")?,
            to_json(&e.targets, "targets")?,
            e.killed,
            e.injured,
            e.modality.as_str(),
            x
        ])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO agreements (doc_id, span_start, span_end, quote, agreement_type, parties, signed, in_force, extractor)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)",
    )?;
    for a in &f.agreements {
        st.execute(params![
            doc,
            a.span.start as i64,
            a.span.end as i64,
            a.quote,
            a.agreement_type,
            to_json(&a.parties, "parties")?,
            date_json(&a.signed, "signed")?,
            date_json(&a.in_force, "in_force")?,
            x
        ])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO relations (doc_id, span_start, span_end, quote, relation, subject, object, extractor)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
    )?;
    for r in &f.relations {
        st.execute(params![
            doc,
            r.span.start as i64,
            r.span.end as i64,
            r.quote,
            r.relation,
            r.subject,
            r.object,
            x
        ])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO routes (doc_id, span_start, span_end, quote, steps, period, extractor) VALUES (?1,?2,?3,?4,?5,?6,?7)",
    )?;
    for r in &f.routes {
        st.execute(params![
            doc,
            r.span.start as i64,
            r.span.end as i64,
            r.quote,
            to_json(&r.steps, "steps")?,
            date_json(&r.period, "period")?,
            x
        ])?;
    }
    Ok(())
}

pub(crate) fn span(r: &Row, i: usize) -> rusqlite::Result<Span> {
    Ok(Span::new(
        r.get::<_, i64>(i)? as usize,
        r.get::<_, i64>(i + 1)? as usize,
    ))
}

pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(
    s: &str,
    column: &'static str,
) -> Result<T> {
    serde_json::from_str(s).map_err(|source| StoreError::Json { column, source })
}

pub(crate) fn parse_date(s: Option<String>, column: &'static str) -> Result<Option<DateRange>> {
    s.map(|s| parse_json(&s, column)).transpose()
}

/// Row decoders shared by the read module.
pub(crate) fn entity_kind(s: &str) -> EntityKind {
    EntityKind::parse(s).unwrap_or(EntityKind::Organization)
}

pub(crate) fn modality(s: &str) -> Modality {
    Modality::parse(s).unwrap_or(Modality::Asserted)
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn doc_meta(
    title: Option<String>,
    ps: Option<String>,
    pe: Option<String>,
    pp: Option<String>,
    url: Option<String>,
    publisher: Option<String>,
    author: Option<String>,
    language: Option<String>,
) -> DocMeta {
    let published = match (ps, pp.as_deref().and_then(evident_model::Precision::parse)) {
        (Some(start), Some(precision)) => Some(DateRange {
            end: pe.unwrap_or_else(|| start.clone()),
            start,
            precision,
        }),
        _ => None,
    };
    DocMeta {
        title,
        published,
        url,
        publisher,
        author,
        language,
    }
}

#[cfg(test)]
mod tests;
