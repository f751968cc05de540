//! Loading the knowledge base from the store for export and queries.

use anyhow::Result;
use evident_export::KnowledgeBase;
use evident_store::Store;

/// Documents (with their text), entities and every document's facts: what an export writes.
pub fn knowledge_base(store: &Store) -> Result<KnowledgeBase> {
    let mut kb = facts(store)?;
    for (id, _) in &kb.facts {
        kb.documents.push(store.document(id)?);
    }
    Ok(kb)
}

/// Entities and every document's facts, without the documents' texts: what listings read.
pub fn facts(store: &Store) -> Result<KnowledgeBase> {
    let mut kb = KnowledgeBase {
        entities: store.entities()?,
        ..Default::default()
    };
    for id in store.document_ids()? {
        kb.facts.push((id.clone(), store.facts(&id)?));
    }
    Ok(kb)
}
