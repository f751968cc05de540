//! External check against the PLOVER gold-standard records
//! (`../shared/external/plover/PLOVER_GSR_CAMEO.txt`, 322 coded sentences).
//! Classes are mapped to our event types by `data/lexicons/events/plover_map.tsv`;
//! sentences of classes without a type of ours are not scored. A tiny built-in
//! actor finder fills the mentions (capitalised spans), so the test measures
//! the trigger lexicon and the actor rules, not the entity recogniser.

mod common;

use std::path::Path;

use evident_text::Context;
use serde_json::Value;

const MAP: &str = include_str!("../../../data/lexicons/events/plover_map.tsv");

/// Floors at the level reached (see the report printed by the test).
const TYPE_FLOOR: f64 = 0.74;
const ACTOR_FLOOR: f64 = 0.79;

/// Our event type for a PLOVER class and mode, or None when there is none.
fn map_type(class: &str, mode: &str) -> Option<&'static str> {
    let rows: Vec<Vec<&'static str>> = MAP
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    let hit = rows
        .iter()
        .find(|r| r.len() >= 3 && r[0] == class && r[1] == mode)
        .or_else(|| {
            rows.iter()
                .find(|r| r.len() >= 3 && r[0] == class && r[1] == "-")
        })?;
    (hit[2] != "none").then_some(hit[2])
}

/// True if an actor id and a PLOVER actor text name the same thing.
fn same_actor(id: &str, actor_text: &str) -> bool {
    let (a, b) = (id.to_lowercase(), actor_text.to_lowercase());
    !a.is_empty() && (b.contains(&a) || a.contains(b.trim()))
}

#[test]
fn plover_types_and_actors() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/external/plover/PLOVER_GSR_CAMEO.txt");
    let Ok(raw) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {} is missing", path.display());
        return;
    };
    let records: Vec<Value> = serde_json::from_str(&raw).expect("PLOVER file is JSON");
    let (mut scored, mut typed, mut with_actor, mut actor_ok) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for r in &records {
        let class = r["event"].as_str().unwrap_or("");
        let mode = r["mode"].as_str().unwrap_or("");
        let Some(want) = map_type(class, mode) else {
            continue;
        };
        let text = r["text"].as_str().unwrap_or("");
        scored += 1;
        let doc = common::document(text);
        let mut ctx = Context::new(&doc);
        common::find_actors(&mut ctx);
        let h = evident_events::extract(&ctx);
        let Some(ev) = h.events.iter().find(|e| e.event_type == want) else {
            misses.push(format!("{class}/{mode} → {want}: {text}"));
            continue;
        };
        typed += 1;
        let sources: Vec<&str> = r["source"]
            .as_array()
            .map(|a| a.iter().filter_map(|s| s["actorText"].as_str()).collect())
            .unwrap_or_default();
        if !sources.is_empty() {
            with_actor += 1;
            if ev
                .actors
                .iter()
                .any(|a| sources.iter().any(|s| same_actor(a, s)))
            {
                actor_ok += 1;
            }
        }
    }
    let type_acc = typed as f64 / scored.max(1) as f64;
    let actor_acc = actor_ok as f64 / with_actor.max(1) as f64;
    eprintln!(
        "PLOVER: {scored} sentences with a type of ours; type found {typed} ({type_acc:.3}); \
         actor right {actor_ok}/{with_actor} ({actor_acc:.3})"
    );
    for m in misses.iter().take(10) {
        eprintln!("  missed {m}");
    }
    assert!(scored > 80, "too few PLOVER sentences mapped: {scored}");
    assert!(
        type_acc >= TYPE_FLOOR,
        "type accuracy {type_acc:.3} < {TYPE_FLOOR}"
    );
    assert!(
        actor_acc >= ACTOR_FLOOR,
        "actor accuracy {actor_acc:.3} < {ACTOR_FLOOR}"
    );
}
