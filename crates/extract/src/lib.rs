//! The extraction pipeline: runs every extractor over one document, in
//! order (segmentation → entities → dates → claims → events), and returns
//! its [`Facts`]. Pure: no IO; lexicons are compiled into the extractors.

use evident_model::{Document, Facts, Mention};
use evident_text::Context;

/// The version of the extractors; stored with every machine-made fact so
/// that `evident extract` can replace the facts of older versions.
pub const EXTRACTOR_VERSION: &str = concat!("evident-extract/", env!("CARGO_PKG_VERSION"), "+1");

/// Extracts every fact of a document.
pub fn extract(doc: &Document) -> Facts {
    let mut ctx = Context::new(doc);
    let found = evident_entities::recognize(&ctx);
    ctx.set_entities(found.mentions, found.entities);
    let tokens = evident_claims::Tokenized::new(ctx.text);
    ctx.dates = evident_claims::find_dates_in(&ctx, &tokens);
    let claims = evident_claims::extract_with(&ctx, tokens);
    let happenings = evident_events::extract(&ctx);
    let mentions = ctx
        .mentions
        .iter()
        .map(|m| Mention {
            entity: m.entity.clone(),
            span: ctx.span(m.range.clone()),
            text: ctx.text[m.range.clone()].to_string(),
        })
        .collect();
    Facts {
        entities: std::mem::take(&mut ctx.entities).into_values().collect(),
        mentions,
        quantities: claims.quantities,
        events: happenings.events,
        agreements: claims.agreements,
        relations: happenings.relations,
        routes: happenings.routes,
    }
}
