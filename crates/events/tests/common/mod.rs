//! Test fixtures: a document and a context whose entity and date mentions
//! are filled by hand, so that events can be tested without the entity
//! recogniser and the date finder.
#![allow(dead_code)]

use evident_model::{DateRange, DocMeta, Document, Entity, EntityKind, Structure};
use evident_text::{Context, DateMention, EntityMention};

/// A plain-text document.
pub fn document(text: &str) -> Document {
    Document {
        id: "test".into(),
        path: None,
        format: "txt".into(),
        meta: DocMeta::default(),
        text: text.to_string(),
        structure: Structure::default(),
        supersedes: None,
    }
}

/// A hand-made mention: the `nth` occurrence of `surface`, as entity `id`.
pub struct Fixture {
    pub mentions: Vec<(String, usize, EntityKind, String)>,
    pub dates: Vec<(String, usize, DateRange)>,
}

/// Byte start of the `nth` whole-word occurrence of `needle`.
pub fn find_nth(text: &str, needle: &str, nth: usize) -> Option<usize> {
    let mut from = 0;
    let mut seen = 0;
    while let Some(i) = text[from..].find(needle) {
        let s = from + i;
        let e = s + needle.len();
        let before = text[..s]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let after = text[e..].chars().next().is_some_and(char::is_alphanumeric);
        if !before && !after {
            if seen == nth {
                return Some(s);
            }
            seen += 1;
        }
        from = s + needle.len().max(1);
    }
    None
}

/// Fills a context's mentions, entities and dates from a fixture.
pub fn fill(ctx: &mut Context, fx: &Fixture) -> Result<(), String> {
    for (surface, nth, kind, id) in &fx.mentions {
        let s = find_nth(ctx.text, surface, *nth)
            .ok_or_else(|| format!("mention {surface:?} #{nth} not in text"))?;
        ctx.mentions.push(EntityMention {
            range: s..s + surface.len(),
            entity: id.clone(),
            kind: *kind,
        });
        ctx.entities.entry(id.clone()).or_insert_with(|| Entity {
            id: id.clone(),
            kind: *kind,
            name: id.clone(),
            aliases: vec![surface.clone()],
            wikidata: None,
        });
    }
    for (surface, nth, date) in &fx.dates {
        let s = find_nth(ctx.text, surface, *nth)
            .ok_or_else(|| format!("date {surface:?} #{nth} not in text"))?;
        ctx.dates.push(DateMention {
            range: s..s + surface.len(),
            date: Some(date.clone()),
            relative: false,
        });
    }
    ctx.mentions.sort_by_key(|m| m.range.start);
    ctx.dates.sort_by_key(|d| d.range.start);
    Ok(())
}

/// Runs the extractor over a text with a fixture.
pub fn run(text: &str, fx: &Fixture) -> Result<evident_events::Happenings, String> {
    let doc = document(text);
    let mut ctx = Context::new(&doc);
    fill(&mut ctx, fx)?;
    Ok(evident_events::extract(&ctx))
}

/// Words that start sentences or titles but are no names.
const NOT_NAMES: [&str; 16] = [
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "Up",
    "Some",
    "About",
    "After",
    "Before",
    "Thousands",
    "Hundreds",
    "Tens",
    "Angry",
    "Radical",
];

/// A few country names and demonyms, so that states can be told from other actors.
const COUNTRIES: [&str; 24] = [
    "Iran",
    "Iraq",
    "Israel",
    "Russia",
    "China",
    "Pakistan",
    "India",
    "Nigeria",
    "Chad",
    "Greece",
    "Serbia",
    "Egypt",
    "Turkey",
    "Syria",
    "Afghanistan",
    "Peru",
    "Ecuador",
    "Algeria",
    "Sweden",
    "Bulgaria",
    "Indonesia",
    "Lebanon",
    "Jordan",
    "France",
];

/// Capitalised word runs as mentions: the test's own minimal actor finder.
pub fn find_actors(ctx: &mut Context) {
    let text = ctx.text;
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut cur: Option<(usize, usize)> = None;
    let mut pos = 0;
    let seps = [' ', '\n', '\t', ',', '.', ';', ':', '(', ')', '"'];
    for word in text.split_inclusive(seps) {
        let w = word.trim_end_matches(seps);
        let start = pos;
        pos += word.len();
        let capital = w.starts_with(char::is_uppercase) && !NOT_NAMES.contains(&w);
        let glue = matches!(w, "of" | "al" | "bin") && cur.is_some();
        if capital || glue {
            let end = start + w.len();
            cur = Some(cur.map_or((start, end), |(s, _)| (s, end)));
            if word.len() > w.len() && !word[w.len()..].starts_with(' ') {
                spans.extend(cur.take());
            }
        } else {
            spans.extend(cur.take());
        }
    }
    spans.extend(cur);
    for (s, e) in spans {
        let name = text[s..e].trim_end_matches(" of").trim_end_matches("'s");
        let e = s + name.len();
        if name.is_empty() {
            continue;
        }
        let kind = if COUNTRIES.iter().any(|c| name.starts_with(c)) {
            EntityKind::Country
        } else {
            EntityKind::Organization
        };
        ctx.mentions.push(EntityMention {
            range: s..e,
            entity: name.to_string(),
            kind,
        });
        ctx.entities.insert(
            name.to_string(),
            Entity {
                id: name.to_string(),
                kind,
                name: name.to_string(),
                aliases: vec![],
                wikidata: None,
            },
        );
    }
}
