//! Events, relations and routes: what happened, to whom, where and when,
//! how entities relate, and how people moved.
//!
//! Everything is driven by the data files of `data/lexicons/events/`:
//! `triggers.tsv` (trigger words → event types), `modality.tsv` (cues for
//! alleged, denied, hypothetical), `relations.tsv` and `routes.tsv`
//! (patterns over sentences whose entity mentions are replaced by typed
//! slots). One walk over the text finds the triggers, the cues and the
//! words the patterns need (module `scan`). Entity mentions and dates come from
//! the context, filled by the entity recogniser and the date finder.

use std::ops::Range;

use evident_model::{Event, Relation, Route};
use evident_text::Context;

mod args;
mod events;
pub mod lexicon;
mod patterns;
mod prefilter;
mod scan;
mod sent;
mod template;

pub use lexicon::EVENT_TYPES;

/// What the event extractor found in one document.
#[derive(Debug, Default)]
pub struct Happenings {
    pub events: Vec<Event>,
    pub relations: Vec<Relation>,
    pub routes: Vec<Route>,
}

/// A lexicon file that does not parse or compile.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{file}:{line}: {reason}")]
    Row {
        file: String,
        line: usize,
        reason: String,
    },
    #[error("{file}: pattern {pattern:?}: {reason}")]
    Pattern {
        file: String,
        pattern: String,
        reason: String,
    },
    #[error("trigger automaton: {0}")]
    Automaton(String),
}

/// Checks that the lexicons compile (they are compiled on first use).
pub fn check_lexicons() -> Result<(), &'static LexiconError> {
    lexicon::lexicon().map(|_| ())
}

/// Extracts events, relations and routes; needs entity and date mentions in `ctx`.
pub fn extract(ctx: &Context) -> Happenings {
    let Ok(lex) = lexicon::lexicon() else {
        return Happenings::default();
    };
    let mut found = scan::Found::default();
    lex.scanner.scan(ctx.text, &mut found);
    let hits = trigger_hits(ctx, &found);
    let mut next_hit = 0;
    let mut ante = sent::Antecedent::default();
    let mut masked = Vec::with_capacity(512);
    let mut spare = Vec::new();
    let mut cursor = 0;
    let mut here: Vec<(Range<usize>, usize)> = Vec::new();
    let mut present = prefilter::Present::default();
    let mut drafts = Vec::new();
    let mut rels = Vec::new();
    let mut routes = Vec::new();
    for (i, s) in ctx.sentences.iter().enumerate() {
        let first = next_hit;
        while hits
            .get(next_hit)
            .is_some_and(|(r, _)| r.start < s.range.end)
        {
            next_hit += 1;
        }
        if s.heading || ctx.skipped(s.range.start) || is_citation(&ctx.text[s.range.clone()]) {
            continue;
        }
        here.clear();
        here.extend(
            hits[first..next_hit]
                .iter()
                .filter(|(r, _)| r.start >= s.range.start && r.end <= s.range.end)
                .filter(|(r, _)| !title_case(ctx.text, s.range.start, r))
                .cloned(),
        );
        let refs = std::mem::take(&mut spare);
        let sent = sent::Sent::build(ctx, i, &mut ante, refs, &mut cursor);
        if !here.is_empty() {
            drafts.extend(events::sentence_events(ctx, lex, &sent, i, &here, &found));
        }
        // Patterns need two references, or one place for an origin.
        let worth = sent.refs.len() >= 2
            || sent.refs.iter().any(|r| {
                matches!(
                    r.kind,
                    evident_model::EntityKind::Country | evident_model::EntityKind::Place
                )
            });
        if worth && may_match(lex, ctx.text, &sent, &found.words, &mut present) {
            sent.masked(ctx.text, &mut masked);
            patterns::relations(lex, &sent, &masked, &present, &mut rels);
            patterns::routes(lex, &sent, &masked, &present, &mut routes);
        }
        spare = sent.into_refs();
    }
    let drafts = events::merge_across_sentences(ctx.text, drafts);
    routes.extend(patterns::itineraries(ctx, &drafts));
    let events = drafts.into_iter().map(|d| events::finish(ctx, d)).collect();
    Happenings {
        events,
        relations: patterns::finish_relations(ctx, rels),
        routes: patterns::finish_routes(ctx, routes),
    }
}

/// True if some relation or route template may match the sentence (see [`prefilter`]).
fn may_match(
    lex: &lexicon::Lexicon,
    text: &str,
    sent: &sent::Sent,
    words: &[scan::Hit],
    present: &mut prefilter::Present,
) -> bool {
    lex.prefilter
        .read(text, sent.range.clone(), &sent.refs, words, present)
}

/// Trigger matches of the whole text, whole words only, outside skipped regions.
fn trigger_hits(ctx: &Context, found: &scan::Found) -> Vec<(Range<usize>, usize)> {
    found
        .triggers
        .iter()
        .filter(|&&(s, e, _)| events::bounded(ctx.text, s, e))
        .filter(|&&(s, _, _)| !ctx.skipped(s))
        .map(|&(s, e, id)| (s..e, id))
        .collect()
}

/// A bibliography or footnote entry ("12 A. Author, “Title,” Journal, 2015"):
/// a leading note number and a quoted title or a link. Its words are titles, not news.
fn is_citation(sentence: &str) -> bool {
    let t = sentence.trim_start();
    let numbered = t.starts_with(|c: char| c.is_ascii_digit())
        && t.trim_start_matches(|c: char| c.is_ascii_digit())
            .starts_with([' ', '.']);
    numbered && (t.contains('“') || t.contains('"') || t.contains("http"))
}

/// A capitalised one-word trigger inside a sentence is part of a name or a
/// title ("the Paris Attacks Tell Us"), not a happening. Several-word triggers
/// are names of happenings themselves ("Arab Spring", "Security Council Resolution").
fn title_case(text: &str, sentence_start: usize, at: &Range<usize>) -> bool {
    let at_start = at.start;
    !text[at.clone()].contains(' ') && title_start(text, sentence_start, at_start)
}

fn title_start(text: &str, sentence_start: usize, at: usize) -> bool {
    at > sentence_start
        && text[at..].starts_with(char::is_uppercase)
        && !text[sentence_start..at].trim().is_empty()
        && !text[sentence_start..at]
            .trim_end()
            .ends_with(['"', '“', ':'])
}
