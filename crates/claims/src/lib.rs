//! Claims: numbers and quantities (what is counted, for whom, where, when,
//! and who says so), dates, attribution, tables, and agreements.

use evident_model::{Agreement, Quantity};
use evident_text::{Context, DateMention};

/// Date and period expressions of a document, resolved against its publication date.
pub fn find_dates(_ctx: &Context) -> Vec<DateMention> {
    Vec::new()
}

/// What the claims extractor found in one document.
#[derive(Debug, Default)]
pub struct Claims {
    pub quantities: Vec<Quantity>,
    pub agreements: Vec<Agreement>,
}

/// Extracts quantities and agreements; needs entity and date mentions in `ctx`.
pub fn extract(_ctx: &Context) -> Claims {
    Claims::default()
}
