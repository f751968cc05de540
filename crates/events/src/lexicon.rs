//! The lexicons of `data/lexicons/events/`, parsed and compiled once.

use std::sync::OnceLock;

use evident_model::Modality;

use crate::prefilter::Prefilter;
use crate::scan::Scanner;
use crate::template::TemplateSet;
use crate::LexiconError;

const TRIGGERS: &str = include_str!("../../../data/lexicons/events/triggers.tsv");
const MODALITY: &str = include_str!("../../../data/lexicons/events/modality.tsv");
const RELATIONS: &str = include_str!("../../../data/lexicons/events/relations.tsv");
const ROUTES: &str = include_str!("../../../data/lexicons/events/routes.tsv");

/// Part of speech of a trigger form: verbs take subjects and objects, nouns
/// take modifiers and `against`/`on`/`of` complements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    Verb,
    Noun,
}

/// Conditions a trigger needs before it makes an event.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    pub dated: bool,
    pub kill: bool,
    pub obj: bool,
    pub place: bool,
    pub actor: bool,
    pub anchored: bool,
}

/// One trigger form.
#[derive(Debug, Clone)]
pub struct Trigger {
    pub event_type: &'static str,
    pub pos: Pos,
    pub flags: Flags,
}

/// Where a modality cue must sit relative to its trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere in the clause before the trigger.
    Before,
    /// Within a few words before the trigger.
    Near,
    /// Anywhere in the sentence.
    Sentence,
}

#[derive(Debug, Clone)]
pub struct Cue {
    pub modality: Modality,
    pub scope: Scope,
    /// A speculative cue: the event is only possible (modality hypothetical).
    pub speculative: bool,
}

/// A relation pattern row.
#[derive(Debug)]
pub struct RelationRule {
    pub relation: &'static str,
}

/// A route pattern row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteKind {
    /// A route whose wording states its origin.
    Route,
    /// A route without a stated origin ("traveled to Y through X").
    Transit,
    /// A place people are said to leave.
    Origin,
}

/// Everything compiled from the data files.
#[derive(Debug)]
pub struct Lexicon {
    /// Trigger forms, modality cues and prefilter words, found in one walk.
    pub scanner: Scanner,
    pub trigger_info: Vec<Trigger>,
    pub cue_info: Vec<Cue>,
    pub relations: TemplateSet,
    pub relation_rules: Vec<RelationRule>,
    pub routes: TemplateSet,
    pub route_kinds: Vec<RouteKind>,
    /// What the relation and route templates need of a sentence.
    pub prefilter: Prefilter,
}

/// The lexicon, compiled on first use.
pub fn lexicon() -> Result<&'static Lexicon, &'static LexiconError> {
    static LEX: OnceLock<Result<Lexicon, LexiconError>> = OnceLock::new();
    LEX.get_or_init(build).as_ref()
}

/// Data rows of a TSV: no comments, no header, split on tabs.
fn rows(text: &'static str) -> impl Iterator<Item = (usize, Vec<&'static str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|(n, l)| (n + 1, l.split('\t').collect()))
}

fn build() -> Result<Lexicon, LexiconError> {
    let (forms, trigger_info) = parse_triggers()?;
    let (cue_forms, cue_info) = parse_cues()?;
    let (rel_patterns, relation_rules) = parse_relations()?;
    let relations = TemplateSet::compile(&rel_patterns, "relations.tsv")?;
    let (route_patterns, route_kinds) = parse_routes()?;
    let routes = TemplateSet::compile(&route_patterns, "routes.tsv")?;
    let prefilter = Prefilter::new(&relations.analysed, &routes.analysed);
    let casualty_cues: Vec<String> = crate::events::CASUALTY_CUES
        .iter()
        .map(|c| c.to_string())
        .collect();
    let scanner = Scanner::new(&forms, &cue_forms, &casualty_cues, prefilter.words())?;
    Ok(Lexicon {
        scanner,
        trigger_info,
        cue_info,
        relations,
        relation_rules,
        routes,
        route_kinds,
        prefilter,
    })
}

fn bad(file: &str, line: usize, reason: &str) -> LexiconError {
    LexiconError::Row {
        file: file.to_string(),
        line,
        reason: reason.to_string(),
    }
}

/// The spec's event types; a trigger row naming another type is an error.
pub const EVENT_TYPES: [&str; 16] = [
    "attack",
    "killing",
    "arrest",
    "detention",
    "sentencing",
    "deportation",
    "extradition",
    "escape",
    "threat",
    "meeting",
    "statement",
    "protest",
    "law",
    "founding",
    "travel",
    "other",
];

/// Interns an event type name as the spec's static string.
pub fn event_type(name: &str) -> Option<&'static str> {
    EVENT_TYPES.iter().copied().find(|t| *t == name)
}

fn parse_triggers() -> Result<(Vec<String>, Vec<Trigger>), LexiconError> {
    let mut forms = Vec::new();
    let mut info = Vec::new();
    for (line, cols) in rows(TRIGGERS) {
        let [form_col, ty, pos, flags, ..] = cols.as_slice() else {
            return Err(bad("triggers.tsv", line, "expected 5 columns"));
        };
        let event_type = event_type(ty).ok_or_else(|| bad("triggers.tsv", line, "unknown type"))?;
        let pos = match *pos {
            "v" => Pos::Verb,
            "n" => Pos::Noun,
            _ => return Err(bad("triggers.tsv", line, "pos must be v or n")),
        };
        let mut f = Flags::default();
        for flag in flags.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            match flag {
                "dated" => f.dated = true,
                "kill" => f.kill = true,
                "obj" => f.obj = true,
                "place" => f.place = true,
                "actor" => f.actor = true,
                "anchored" => f.anchored = true,
                _ => return Err(bad("triggers.tsv", line, "unknown flag")),
            }
        }
        for form in form_col.split('|').map(str::trim).filter(|s| !s.is_empty()) {
            forms.push(form.to_string());
            info.push(Trigger {
                event_type,
                pos,
                flags: f,
            });
        }
    }
    Ok((forms, info))
}

fn parse_cues() -> Result<(Vec<String>, Vec<Cue>), LexiconError> {
    let mut forms = Vec::new();
    let mut info = Vec::new();
    for (line, cols) in rows(MODALITY) {
        let [cue, modality, scope, ..] = cols.as_slice() else {
            return Err(bad("modality.tsv", line, "expected 4 columns"));
        };
        let speculative = *modality == "speculative";
        let modality = match speculative {
            true => Modality::Hypothetical,
            false => Modality::parse(modality)
                .ok_or_else(|| bad("modality.tsv", line, "bad modality"))?,
        };
        let scope = match *scope {
            "before" => Scope::Before,
            "near" => Scope::Near,
            "sentence" => Scope::Sentence,
            _ => return Err(bad("modality.tsv", line, "bad scope")),
        };
        forms.push(cue.to_string());
        info.push(Cue {
            modality,
            scope,
            speculative,
        });
    }
    Ok((forms, info))
}

/// Relation names of the spec.
const RELATIONS_OF_SPEC: [&str; 8] = [
    "member_of",
    "leader_of",
    "predecessor_of",
    "allied_with",
    "located_in",
    "part_of",
    "spokesperson_of",
    "works_for",
];

fn parse_relations() -> Result<(Vec<String>, Vec<RelationRule>), LexiconError> {
    let mut patterns = Vec::new();
    let mut rules = Vec::new();
    for (line, cols) in rows(RELATIONS) {
        let [rel, pattern, ..] = cols.as_slice() else {
            return Err(bad("relations.tsv", line, "expected 3 columns"));
        };
        let relation = RELATIONS_OF_SPEC
            .iter()
            .copied()
            .find(|r| r == rel)
            .ok_or_else(|| bad("relations.tsv", line, "unknown relation"))?;
        patterns.push(pattern.to_string());
        rules.push(RelationRule { relation });
    }
    Ok((patterns, rules))
}

fn parse_routes() -> Result<(Vec<String>, Vec<RouteKind>), LexiconError> {
    let mut patterns = Vec::new();
    let mut kinds = Vec::new();
    for (line, cols) in rows(ROUTES) {
        let [kind, pattern, ..] = cols.as_slice() else {
            return Err(bad("routes.tsv", line, "expected 3 columns"));
        };
        kinds.push(match *kind {
            "route" => RouteKind::Route,
            "transit" => RouteKind::Transit,
            "origin" => RouteKind::Origin,
            _ => {
                return Err(bad(
                    "routes.tsv",
                    line,
                    "kind must be route, transit or origin",
                ))
            }
        });
        patterns.push(pattern.to_string());
    }
    Ok((patterns, kinds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_compile() {
        let lex = lexicon().expect("lexicons compile");
        assert!(lex.trigger_info.len() > 100);
        assert!(!lex.relation_rules.is_empty());
        assert!(lex.route_kinds.contains(&RouteKind::Origin));
        // Every event type of the spec has at least one trigger.
        for t in EVENT_TYPES {
            assert!(
                lex.trigger_info.iter().any(|i| i.event_type == t),
                "no trigger for {t}"
            );
        }
    }
}
