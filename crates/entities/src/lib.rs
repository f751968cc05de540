//! Entity recognition and resolution: finds the people, armed groups,
//! organisations, countries, places and communities a document names, and
//! resolves every alias to one entity id that is stable across documents.

use evident_model::Entity;
use evident_text::{Context, EntityMention};

/// What the recogniser found in one document.
#[derive(Debug, Default)]
pub struct Recognized {
    /// Mentions sorted by start byte, non-overlapping.
    pub mentions: Vec<EntityMention>,
    /// The entities of those mentions (aliases: those seen in this document).
    pub entities: Vec<Entity>,
}

/// Recognises the entities of a document.
pub fn recognize(_ctx: &Context) -> Recognized {
    Recognized::default()
}
