//! Events, relations and routes: what happened, to whom, where and when,
//! how entities relate, and how people moved.

use evident_model::{Event, Relation, Route};
use evident_text::Context;

/// What the event extractor found in one document.
#[derive(Debug, Default)]
pub struct Happenings {
    pub events: Vec<Event>,
    pub relations: Vec<Relation>,
    pub routes: Vec<Route>,
}

/// Extracts events, relations and routes; needs entity and date mentions in `ctx`.
pub fn extract(_ctx: &Context) -> Happenings {
    Happenings::default()
}
