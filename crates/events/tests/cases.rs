//! Runs every case file of `tests/cases/`: a text, hand-made entity and date
//! mentions, and the events, relations and routes expected from it.
//!
//! Format, one item a line (`#` starts a comment):
//! - `text: ...` — the text (several `text:` lines are joined by a blank line: paragraphs);
//! - `mention: surface | kind [| id] [| nth]` — an entity mention (id defaults to the surface);
//! - `date: surface | YYYY[-MM[-DD]] [| nth]` — a resolved date mention;
//! - `event: type [field=value]...` with fields `actors`, `targets`, `place` (comma lists of ids),
//!   `date`, `killed`, `injured`, `modality`; only the fields given are checked;
//! - `no-event: type` — no event of that type;
//! - `relation: relation | subject | object`; `no-relation: ...` likewise;
//! - `route: A > B > C` (and `period=YYYY` after ` ; `).
//! - `events: N` — exactly N events.

mod common;

use std::path::Path;

use common::Fixture;
use evident_events::Happenings;
use evident_model::{DateRange, EntityKind, Event};

#[derive(Default)]
struct Case {
    text: Vec<String>,
    fixture: Option<Fixture>,
    expect: Vec<String>,
}

fn parse(src: &str) -> Result<Case, String> {
    let mut case = Case::default();
    let mut fx = Fixture {
        mentions: Vec::new(),
        dates: Vec::new(),
    };
    for line in src
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (key, rest) = line.split_once(':').ok_or(format!("no key: {line}"))?;
        let rest = rest.trim();
        let parts: Vec<&str> = rest.split('|').map(str::trim).collect();
        match key {
            "text" => case.text.push(rest.to_string()),
            "mention" => {
                let kind = EntityKind::parse(parts.get(1).copied().unwrap_or(""))
                    .ok_or(format!("bad kind: {line}"))?;
                let id = parts.get(2).filter(|s| !s.is_empty()).unwrap_or(&parts[0]);
                let nth = parts.get(3).and_then(|n| n.parse().ok()).unwrap_or(0);
                fx.mentions
                    .push((parts[0].to_string(), nth, kind, id.to_string()));
            }
            "date" => {
                let date = DateRange::parse_iso(parts.get(1).copied().unwrap_or(""))
                    .ok_or(format!("bad date: {line}"))?;
                let nth = parts.get(2).and_then(|n| n.parse().ok()).unwrap_or(0);
                fx.dates.push((parts[0].to_string(), nth, date));
            }
            _ => case.expect.push(line.to_string()),
        }
    }
    case.fixture = Some(fx);
    Ok(case)
}

fn list(v: &str) -> Vec<String> {
    v.split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn same_set(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

/// True if an event has the type and every field given in `spec`.
fn event_matches(e: &Event, spec: &str) -> bool {
    let mut it = spec.split_whitespace();
    if it.next() != Some(e.event_type.as_str()) {
        return false;
    }
    let rest: Vec<&str> = it.collect();
    let joined = rest.join(" ");
    joined.split(' ').filter(|f| f.contains('=')).all(|f| {
        let (k, v) = f.split_once('=').unwrap_or((f, ""));
        let v = v.replace('_', " ");
        match k {
            "actors" => same_set(&e.actors, &list(&v)),
            "targets" => same_set(&e.targets, &list(&v)),
            "place" => same_set(&e.place, &list(&v)),
            "date" => {
                e.date.as_ref().map(|d| d.start.as_str()) == Some(v.as_str())
                    || v == "none" && e.date.is_none()
            }
            "killed" => e.killed == v.parse().ok(),
            "injured" => e.injured == v.parse().ok(),
            "modality" => e.modality.as_str() == v,
            _ => false,
        }
    })
}

fn check(h: &Happenings, expect: &str) -> Result<(), String> {
    let (key, rest) = expect.split_once(':').ok_or("no key")?;
    let rest = rest.trim();
    let parts: Vec<&str> = rest.split('|').map(str::trim).collect();
    let ok = match key {
        "event" => h.events.iter().any(|e| event_matches(e, rest)),
        "no-event" => !h.events.iter().any(|e| event_matches(e, rest)),
        "events" => rest.parse::<usize>().ok() == Some(h.events.len()),
        "relation" | "no-relation" => {
            let found = h.relations.iter().any(|r| {
                parts.len() == 3
                    && r.relation == parts[0]
                    && r.subject == parts[1]
                    && r.object == parts[2]
            });
            found == (key == "relation")
        }
        "route" => {
            let (steps, period) = rest.split_once(';').unwrap_or((rest, ""));
            let steps: Vec<String> = steps.split('>').map(|s| s.trim().to_string()).collect();
            let period = period.trim().strip_prefix("period=");
            h.routes.iter().any(|r| {
                r.steps == steps
                    && period.is_none_or(|p| r.period.as_ref().is_some_and(|d| d.start == p))
            })
        }
        _ => return Err(format!("unknown expectation {key}")),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("expected {expect}"))
    }
}

fn describe(h: &Happenings) -> String {
    let mut s = String::new();
    for e in &h.events {
        s += &format!(
            "  event {} actors={:?} targets={:?} place={:?} date={:?} killed={:?} modality={}\n",
            e.event_type,
            e.actors,
            e.targets,
            e.place,
            e.date.as_ref().map(|d| &d.start),
            e.killed,
            e.modality.as_str()
        );
    }
    for r in &h.relations {
        s += &format!("  relation {} {} {}\n", r.relation, r.subject, r.object);
    }
    for r in &h.routes {
        s += &format!(
            "  route {:?} {:?}\n",
            r.steps,
            r.period.as_ref().map(|d| &d.start)
        );
    }
    s
}

#[test]
fn case_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "case"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no case files");
    let mut failures = Vec::new();
    let (mut passed, mut total) = (0, 0);
    for f in &files {
        let src = std::fs::read_to_string(f).expect("readable case");
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let case = match parse(&src) {
            Ok(c) => c,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let text = case.text.join("\n\n");
        let fx = case.fixture.as_ref().expect("fixture");
        let h = match common::run(&text, fx) {
            Ok(h) => h,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        for exp in &case.expect {
            total += 1;
            match check(&h, exp) {
                Ok(()) => passed += 1,
                Err(e) => failures.push(format!("{name}: {e}\n got:\n{}", describe(&h))),
            }
        }
    }
    eprintln!(
        "case expectations: {passed}/{total} passed in {} files",
        files.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
