//! Relations and routes from the templates of `relations.tsv` and
//! `routes.tsv`, matched against masked sentences.

use std::collections::HashSet;
use std::ops::Range;

use evident_model::{DateRange, EntityKind, Relation, Route};
use evident_text::Context;

use crate::events::Draft;
use crate::lexicon::{Lexicon, RouteKind};
use crate::prefilter::Present;
use crate::sent::Sent;
use crate::template::slot_indexes;

/// A relation found in a sentence, in bytes.
#[derive(Debug)]
pub struct RelDraft<'a> {
    pub relation: &'static str,
    pub subject: &'a str,
    pub object: &'a str,
    pub span: Range<usize>,
}

/// A route or an origin statement found in a sentence, in bytes.
#[derive(Debug)]
pub struct RouteDraft<'a> {
    pub kind: RouteKind,
    pub steps: Vec<&'a str>,
    pub span: Range<usize>,
    pub paragraph: usize,
}

/// Relations stated by one sentence: the templates the prefilter lets through, in file order.
pub fn relations<'a>(
    lex: &Lexicon,
    sent: &Sent<'a>,
    masked: &[u8],
    present: &Present,
    out: &mut Vec<RelDraft<'a>>,
) {
    let masked = around_slots(masked);
    if sent.refs.len() < 2 {
        return;
    }
    let templates = lex.relations.templates.iter().zip(&lex.relation_rules);
    for (idx, (t, rule)) in templates.enumerate() {
        if !present.relation(idx) || !t.is_match(masked) {
            continue;
        }
        for caps in t.captures_iter(masked) {
            let subjects: Vec<usize> = caps
                .name("s")
                .map_or(Vec::new(), |m| slot_indexes(m).collect());
            let objects: Vec<usize> = caps
                .name("o")
                .map_or(Vec::new(), |m| slot_indexes(m).collect());
            for &s in &subjects {
                for &o in &objects {
                    let (Some(rs), Some(ro)) = (sent.refs.get(s), sent.refs.get(o)) else {
                        continue;
                    };
                    if rs.entity == ro.entity {
                        continue;
                    }
                    out.push(RelDraft {
                        relation: rule.relation,
                        subject: rs.entity,
                        object: ro.entity,
                        span: rs.range.start.min(ro.range.start)..rs.range.end.max(ro.range.end),
                    });
                }
            }
        }
    }
}

/// Routes (and origins) stated by one sentence.
pub fn routes<'a>(
    lex: &Lexicon,
    sent: &Sent<'a>,
    masked: &[u8],
    present: &Present,
    out: &mut Vec<RouteDraft<'a>>,
) {
    let masked = around_slots(masked);
    let places = sent
        .refs
        .iter()
        .filter(|r| matches!(r.kind, EntityKind::Country | EntityKind::Place))
        .count();
    if places == 0 {
        return;
    }
    let templates = lex.routes.templates.iter().zip(&lex.route_kinds);
    for (idx, (t, kind)) in templates.enumerate() {
        if !present.route(idx) || !t.is_match(masked) {
            continue;
        }
        for caps in t.captures_iter(masked) {
            let mut groups: Vec<&String> = t.slots.iter().collect();
            groups.sort();
            let mut steps: Vec<&'a str> = Vec::new();
            let mut span: Option<Range<usize>> = None;
            for g in groups {
                let Some(m) = caps.name(g) else { continue };
                for i in slot_indexes(m) {
                    let Some(r) = sent.refs.get(i) else { continue };
                    if steps.last() != Some(&r.entity) {
                        steps.push(r.entity);
                    }
                    span = Some(match span {
                        Some(s) => s.start.min(r.range.start)..s.end.max(r.range.end),
                        None => r.range.clone(),
                    });
                }
            }
            let Some(span) = span else { continue };
            let enough = match kind {
                RouteKind::Route | RouteKind::Transit => steps.len() >= 2,
                RouteKind::Origin => !steps.is_empty(),
            };
            if enough {
                out.push(RouteDraft {
                    kind: *kind,
                    steps,
                    span,
                    paragraph: sent.paragraph,
                });
            }
        }
    }
}

/// Itineraries: a person's successive travel events in one paragraph ("he
/// returned to X, ... and moved to Y") are a route through their destinations,
/// starting where the paragraph last placed that person before the first move
/// ("a decade in jail in Z").
pub fn itineraries<'a>(ctx: &Context, drafts: &[Draft<'a>]) -> Vec<RouteDraft<'a>> {
    let is_person = |e: &str| ctx.kind_of(e) == Some(EntityKind::Person);
    let mut out: Vec<RouteDraft<'a>> = Vec::new();
    let mut i = 0;
    while i < drafts.len() {
        let d = &drafts[i];
        let person = d.actors.iter().copied().find(|a| is_person(a));
        let (Some(p), Some(first_dest)) = (person, d.place.first()) else {
            i += 1;
            continue;
        };
        if d.event_type != "travel" {
            i += 1;
            continue;
        }
        let moves: Vec<&Draft<'a>> = drafts[i..]
            .iter()
            .take_while(|m| m.paragraph == d.paragraph)
            .filter(|m| m.event_type == "travel" && m.actors.contains(&p) && !m.place.is_empty())
            .collect();
        if moves.len() >= 2 {
            // Where the paragraph last placed the traveller: an event naming
            // them, or an event of the sentence before that names no other person.
            let names_other = |o: &Draft| {
                o.actors
                    .iter()
                    .chain(&o.targets)
                    .any(|x| *x != p && is_person(x))
            };
            let origin = drafts[..i]
                .iter()
                .rev()
                .take_while(|o| o.paragraph == d.paragraph && o.sentence + 1 >= d.sentence)
                .find(|o| o.actors.contains(&p) || o.targets.contains(&p) || !names_other(o))
                .and_then(|o| o.place.last().copied())
                .filter(|o| o != first_dest);
            let mut steps: Vec<&'a str> = origin.into_iter().collect();
            for m in &moves {
                if steps.last() != m.place.first() {
                    steps.extend(m.place.first().copied());
                }
            }
            out.push(RouteDraft {
                kind: RouteKind::Route,
                steps,
                span: d.span.clone(),
                paragraph: d.paragraph,
            });
        }
        i += moves.len().max(1);
    }
    out
}

/// The part of a masked sentence a pattern can match: from a little before
/// the first slot (leading words such as "the leader of") to a little after
/// the last one (trailing words such as "figure"). The masked text is ASCII.
fn around_slots(masked: &[u8]) -> &[u8] {
    let at = |b: &u8| *b == b'@';
    let (Some(first), Some(last)) = (masked.iter().position(at), masked.iter().rposition(at))
    else {
        return masked;
    };
    let lo = first.saturating_sub(80);
    let hi = (last + 31).min(masked.len());
    masked.get(lo..hi).unwrap_or(masked)
}

/// Final relations: one per (relation, subject, object) in a document.
pub fn finish_relations(ctx: &Context, drafts: Vec<RelDraft>) -> Vec<Relation> {
    let mut out: Vec<Relation> = Vec::new();
    let mut seen: HashSet<(&str, &str, &str)> = HashSet::new();
    // A leader also works for and belongs to what they lead: say it once, as leader_of.
    let leads: HashSet<(&str, &str)> = drafts
        .iter()
        .filter(|d| d.relation == "leader_of")
        .map(|d| (d.subject, d.object))
        .collect();
    for d in drafts {
        let implied = matches!(d.relation, "works_for" | "member_of")
            && leads.contains(&(d.subject, d.object));
        if implied || !seen.insert((d.relation, d.subject, d.object)) {
            continue;
        }
        out.push(Relation {
            span: ctx.span(d.span.clone()),
            quote: ctx.quote(&d.span),
            relation: d.relation.to_string(),
            subject: d.subject.to_string(),
            object: d.object.to_string(),
        });
    }
    out
}

/// Final routes: implicit origins stated in the paragraph put first, one route per step list.
pub fn finish_routes(ctx: &Context, drafts: Vec<RouteDraft>) -> Vec<Route> {
    let origins: Vec<(usize, &str)> = drafts
        .iter()
        .filter(|d| d.kind == RouteKind::Origin)
        .filter_map(|d| d.steps.first().map(|s| (d.paragraph, *s)))
        .collect();
    let mut out: Vec<Route> = Vec::new();
    let mut seen: HashSet<Vec<String>> = HashSet::new();
    let routes: Vec<&RouteDraft> = drafts
        .iter()
        .filter(|d| d.kind != RouteKind::Origin)
        .collect();
    for d in routes.iter().filter(|d| !covered(d, &routes)) {
        let mut steps: Vec<String> = Vec::with_capacity(d.steps.len() + 1);
        let origin = origins
            .iter()
            .find(|(p, o)| {
                d.kind == RouteKind::Transit && *p == d.paragraph && !d.steps.contains(o)
            })
            .map(|(_, o)| *o);
        steps.extend(origin.map(str::to_string));
        steps.extend(d.steps.iter().map(|s| s.to_string()));
        if !seen.insert(steps.clone()) {
            continue;
        }
        out.push(Route {
            span: ctx.span(d.span.clone()),
            quote: ctx.quote(&d.span),
            steps,
            period: period(ctx, &d.span),
        });
    }
    out
}

/// True if a longer route of the same sentence contains all of this one's steps in order.
fn covered(d: &RouteDraft, all: &[&RouteDraft]) -> bool {
    all.iter().any(|o| {
        o.steps.len() > d.steps.len()
            && o.span.start <= d.span.end
            && d.span.start <= o.span.end
            && is_subsequence(&d.steps, &o.steps)
    })
}

fn is_subsequence(short: &[&str], long: &[&str]) -> bool {
    let mut it = long.iter();
    short.iter().all(|s| it.any(|l| l == s))
}

/// The period of a route: a date stated right around its steps.
fn period(ctx: &Context, span: &Range<usize>) -> Option<DateRange> {
    let window = span.start.saturating_sub(40)..(span.end + 40).min(ctx.text.len());
    let sentence = ctx.sentence_at(span.start)?.range.clone();
    ctx.dates_in(&window)
        .iter()
        .find(|d| sentence.start <= d.range.start && d.range.end <= sentence.end)
        .and_then(|d| d.date.clone())
}
