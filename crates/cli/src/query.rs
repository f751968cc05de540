//! Fact listings: `claims`, `timeline`, `routes`, `relations`, as tables
//! or (with `--json`) as interchange records.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use evident_export::KnowledgeBase;
use evident_model::{DateRange, Entity};
use evident_store::Store;

use crate::ingest::short;
use crate::load;
use crate::show::find_entities;

struct Names<'a>(BTreeMap<&'a str, &'a str>);

impl<'a> Names<'a> {
    fn new(kb: &'a KnowledgeBase) -> Self {
        Names(
            kb.entities
                .iter()
                .map(|e| (e.id.as_str(), e.name.as_str()))
                .collect(),
        )
    }
    fn of(&self, ids: &[String]) -> String {
        ids.iter()
            .map(|i| self.0.get(i.as_str()).copied().unwrap_or(i))
            .collect::<Vec<_>>()
            .join(", ")
    }
    fn one(&self, id: &Option<String>) -> String {
        id.as_ref()
            .map(|i| self.of(std::slice::from_ref(i)))
            .unwrap_or_default()
    }
}

fn date(d: &Option<DateRange>) -> String {
    match d {
        Some(d) if d.start == d.end => d.start.clone(),
        Some(d) => format!("{}..{}", d.start, d.end),
        None => "-".into(),
    }
}

fn range(min: Option<f64>, max: Option<f64>) -> String {
    let n = |v: f64| {
        if v.fract() == 0.0 {
            format!("{v:.0}")
        } else {
            format!("{v}")
        }
    };
    match (min, max) {
        (Some(a), Some(b)) if a == b => n(a),
        (Some(a), Some(b)) => format!("{}–{}", n(a), n(b)),
        (Some(a), None) => format!("≥{}", n(a)),
        (None, Some(b)) => format!("≤{}", n(b)),
        (None, None) => "?".into(),
    }
}

/// Entity ids matching an optional name filter; None means no filter.
fn wanted(kb: &KnowledgeBase, name: Option<&str>) -> Option<Vec<String>> {
    name.map(|n| {
        find_entities(&kb.entities, n)
            .into_iter()
            .map(|e: &Entity| e.id.clone())
            .collect()
    })
}

fn involves(ids: &Option<Vec<String>>, refs: &[&String]) -> bool {
    ids.as_ref()
        .is_none_or(|w| refs.iter().any(|r| w.contains(r)))
}

/// The filters of `evident claims`.
pub struct ClaimFilter {
    pub query: Option<String>,
    pub entity: Option<String>,
    pub what: Option<String>,
}

fn refs_of(qt: &evident_model::Quantity) -> Vec<&String> {
    qt.population
        .iter()
        .chain(&qt.affiliation)
        .chain(&qt.location)
        .chain(&qt.source)
        .collect()
}

pub fn claims(store: &Store, filter: &ClaimFilter, json: bool) -> Result<ExitCode> {
    let kb = load::facts(store)?;
    let names = Names::new(&kb);
    let query_ents = wanted(&kb, filter.query.as_deref());
    let entity = wanted(&kb, filter.entity.as_deref());
    if entity.as_ref().is_some_and(Vec::is_empty) {
        eprintln!(
            "no entity is called {:?}; `evident entities` lists them",
            filter.entity.as_deref().unwrap_or("")
        );
        return Ok(ExitCode::from(1));
    }
    let q = filter.query.as_deref().map(str::to_lowercase);
    let mut out = std::io::stdout().lock();
    if !json {
        writeln!(
            out,
            "value\twhat\tfor whom\twith\twhere\twhen\tsource\tdoc\tquote"
        )?;
    }
    for (doc, facts) in &kb.facts {
        for qt in &facts.quantities {
            let refs = refs_of(qt);
            let text_hit = q.as_ref().is_some_and(|q| {
                qt.quote.to_lowercase().contains(q)
                    || qt.what.as_deref().is_some_and(|w| w.contains(q.as_str()))
            });
            let entity_hit =
                query_ents.as_ref().is_some_and(|e| !e.is_empty()) && involves(&query_ents, &refs);
            let what_ok = filter
                .what
                .as_ref()
                .is_none_or(|w| qt.what.as_deref() == Some(w.as_str()));
            if (q.is_some() && !text_hit && !entity_hit) || !involves(&entity, &refs) || !what_ok {
                continue;
            }
            if json {
                writeln!(out, "{}", evident_export::quantity_record(doc, qt))?;
                continue;
            }
            let neg = if qt.negated { "not " } else { "" };
            let approx = if qt.approximate { "~" } else { "" };
            writeln!(
                out,
                "{neg}{approx}{}{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                range(qt.min, qt.max),
                qt.unit
                    .as_deref()
                    .map(|u| format!(" {u}"))
                    .unwrap_or_default(),
                qt.what.as_deref().unwrap_or("-"),
                names.of(&qt.population),
                names.of(&qt.affiliation),
                names.of(&qt.location),
                date(&qt.time),
                names.one(&qt.source),
                short(doc),
                qt.quote.replace('\n', " ")
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn timeline(store: &Store, entity: Option<&str>, json: bool) -> Result<ExitCode> {
    let kb = load::facts(store)?;
    let names = Names::new(&kb);
    let ents = wanted(&kb, entity);
    let mut dated = Vec::new();
    for (doc, facts) in &kb.facts {
        for ev in &facts.events {
            let refs: Vec<&String> = ev
                .actors
                .iter()
                .chain(&ev.targets)
                .chain(&ev.place)
                .collect();
            if ev.date.is_some() && involves(&ents, &refs) {
                dated.push((doc.as_str(), ev));
            }
        }
    }
    let mut out = std::io::stdout().lock();
    // One row per happening: reports of the same event in several documents are linked.
    for (n, group) in evident_query::link_events(&dated).iter().enumerate() {
        for (i, (doc, ev)) in group.iter().enumerate() {
            if json {
                let mut rec = evident_export::event_record(doc, ev);
                rec["happening"] = serde_json::json!(n);
                writeln!(out, "{rec}")?;
                continue;
            }
            let lead = if i == 0 {
                date(&ev.date)
            } else {
                "  same".into()
            };
            writeln!(
                out,
                "{lead}\t{}\t{}\t{}\tactors: {}\ttargets: {}\t{}\t{}",
                ev.event_type,
                ev.modality.as_str(),
                names.of(&ev.place),
                names.of(&ev.actors),
                names.of(&ev.targets),
                short(doc),
                ev.quote.replace('\n', " ")
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn routes(store: &Store, json: bool) -> Result<ExitCode> {
    let kb = load::facts(store)?;
    let names = Names::new(&kb);
    let mut out = std::io::stdout().lock();
    for (doc, facts) in &kb.facts {
        for r in &facts.routes {
            if json {
                writeln!(out, "{}", evident_export::route_record(doc, r))?;
            } else {
                let steps: Vec<String> = r
                    .steps
                    .iter()
                    .map(|s| names.of(std::slice::from_ref(s)))
                    .collect();
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    steps.join(" → "),
                    date(&r.period),
                    short(doc),
                    r.quote.replace('\n', " ")
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn relations(store: &Store, entity: Option<&str>, json: bool) -> Result<ExitCode> {
    let kb = load::facts(store)?;
    let names = Names::new(&kb);
    let ents = wanted(&kb, entity);
    let mut out = std::io::stdout().lock();
    for (doc, facts) in &kb.facts {
        for r in &facts.relations {
            if !involves(&ents, &[&r.subject, &r.object]) {
                continue;
            }
            if json {
                writeln!(out, "{}", evident_export::relation_record(doc, r))?;
            } else {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    names.one(&Some(r.subject.clone())),
                    r.relation,
                    names.one(&Some(r.object.clone())),
                    short(doc),
                    r.quote.replace('\n', " ")
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
