//! Loading the whole knowledge base from the store for export and queries.

use anyhow::Result;
use evident_export::KnowledgeBase;
use evident_store::Store;

/// Documents, entities and every document's facts.
pub fn knowledge_base(store: &Store) -> Result<KnowledgeBase> {
    let mut kb = KnowledgeBase {
        entities: store.entities()?,
        ..Default::default()
    };
    for id in store.document_ids()? {
        kb.facts.push((id.clone(), store.facts(&id)?));
        kb.documents.push(store.document(&id)?);
    }
    Ok(kb)
}
