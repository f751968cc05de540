//! The claims lexicons: data files under `data/lexicons/claims/`, compiled
//! in with `include_str!` and parsed once.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::tokens::tokenize;

macro_rules! lexicon_file {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/lexicons/claims/",
            $name
        ))
    };
}

/// A multi-word phrase as its token texts (lower case).
pub type Phrase = Vec<String>;

/// How a modifier before a number changes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Min,
    Max,
    Approx,
    MinApprox,
    MaxApprox,
}

/// The kind of a number word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    Unit,
    Ten,
    Hundred,
    Scale,
    Suffix,
    Dozen,
}

/// Where a unit is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitPos {
    Prefix,
    Suffix,
}

/// The class of a counted noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NounClass {
    Fighter,
    Person,
    Human,
    Thing,
    Discourse,
}

/// Every claims lexicon, parsed.
pub struct Lexicons {
    pub number_words: HashMap<String, (f64, WordKind)>,
    pub fractions: HashMap<String, f64>,
    pub vague: Vec<(Phrase, f64, f64)>,
    pub modifiers: Vec<(Phrase, Effect)>,
    pub units: Vec<(Phrase, UnitPos, String)>,
    pub not_before: HashSet<String>,
    pub not_after: HashSet<String>,
    pub reporting_verbs: HashSet<String>,
    pub report_nouns: HashSet<String>,
    pub negation: Vec<Phrase>,
    pub irrealis: HashSet<String>,
    pub months: HashMap<String, u32>,
    pub date_parts: Vec<(Phrase, u32, u32)>,
    pub named_dates: Vec<(Phrase, String)>,
    pub agreement_types: Vec<(Phrase, String)>,
    pub agreement_words: HashMap<String, bool>,
    pub counted: Vec<(Phrase, String, NounClass)>,
    pub function_words: HashSet<String>,
    /// Verbs that name a count of people: (word, what, true when before the number).
    pub verbs: Vec<(String, String, bool)>,
    /// Words that make people counted near them fighters ("joined", "fighting").
    pub fighter_cues: HashSet<String>,
    /// Sentence openings that continue the previous sentence's source and time.
    pub continue_markers: Vec<Phrase>,
    /// Sentence openings that name another source.
    pub break_markers: Vec<Phrase>,
}

/// The lexicons, parsed on first use.
pub fn get() -> &'static Lexicons {
    static LEX: OnceLock<Lexicons> = OnceLock::new();
    LEX.get_or_init(load)
}

/// Data rows of a TSV file: comment lines (`#`) and the header dropped.
fn rows(src: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    src.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split('\t').map(str::trim).collect::<Vec<_>>())
        .filter(|r| !r.is_empty() && !r[0].is_empty())
}

/// Token texts of a phrase, tokenized like the documents are.
pub fn phrase(s: &str) -> Phrase {
    let lower = s.to_ascii_lowercase();
    tokenize(&lower)
        .iter()
        .map(|t| lower[t.start..t.end].to_string())
        .collect()
}

fn col<'a>(r: &[&'a str], i: usize) -> &'a str {
    r.get(i).copied().unwrap_or("")
}

fn num(r: &[&str], i: usize) -> f64 {
    col(r, i).parse().unwrap_or(0.0)
}

fn load() -> Lexicons {
    let mut lex = Lexicons {
        number_words: HashMap::new(),
        fractions: HashMap::new(),
        vague: Vec::new(),
        modifiers: Vec::new(),
        units: Vec::new(),
        not_before: HashSet::new(),
        not_after: HashSet::new(),
        reporting_verbs: HashSet::new(),
        report_nouns: HashSet::new(),
        negation: Vec::new(),
        irrealis: HashSet::new(),
        months: HashMap::new(),
        date_parts: Vec::new(),
        named_dates: Vec::new(),
        agreement_types: Vec::new(),
        agreement_words: HashMap::new(),
        counted: Vec::new(),
        function_words: HashSet::new(),
        verbs: Vec::new(),
        fighter_cues: HashSet::new(),
        continue_markers: Vec::new(),
        break_markers: Vec::new(),
    };
    for r in rows(lexicon_file!("function_words.tsv")) {
        lex.function_words.insert(r[0].to_string());
    }
    for r in rows(lexicon_file!("verbs.tsv")) {
        lex.verbs.push((
            r[0].to_string(),
            col(&r, 1).to_string(),
            col(&r, 2) == "before",
        ));
    }
    for r in rows(lexicon_file!("number_words.tsv")) {
        let kind = match col(&r, 2) {
            "ten" => WordKind::Ten,
            "hundred" => WordKind::Hundred,
            "scale" => WordKind::Scale,
            "suffix" => WordKind::Suffix,
            "dozen" => WordKind::Dozen,
            _ => WordKind::Unit,
        };
        lex.number_words
            .insert(r[0].to_string(), (num(&r, 1), kind));
    }
    for r in rows(lexicon_file!("fractions.tsv")) {
        lex.fractions.insert(r[0].to_string(), num(&r, 1));
    }
    for r in rows(lexicon_file!("vague.tsv")) {
        lex.vague.push((phrase(r[0]), num(&r, 1), num(&r, 2)));
    }
    for r in rows(lexicon_file!("modifiers.tsv")) {
        let e = match col(&r, 1) {
            "min" => Effect::Min,
            "max" => Effect::Max,
            "min_approx" => Effect::MinApprox,
            "max_approx" => Effect::MaxApprox,
            _ => Effect::Approx,
        };
        lex.modifiers.push((phrase(r[0]), e));
    }
    for r in rows(lexicon_file!("units.tsv")) {
        let pos = if col(&r, 1) == "prefix" {
            UnitPos::Prefix
        } else {
            UnitPos::Suffix
        };
        lex.units.push((phrase(r[0]), pos, col(&r, 2).to_string()));
    }
    for r in rows(lexicon_file!("not_quantity.tsv")) {
        let set = if col(&r, 1) == "after" {
            &mut lex.not_after
        } else {
            &mut lex.not_before
        };
        set.insert(r[0].to_string());
    }
    for r in rows(lexicon_file!("reporting.tsv")) {
        match col(&r, 1) {
            "noun" => {
                lex.report_nouns.insert(r[0].to_string());
            }
            "continue" => lex.continue_markers.push(phrase(r[0])),
            "break" => lex.break_markers.push(phrase(r[0])),
            _ => {
                lex.reporting_verbs.insert(r[0].to_string());
            }
        }
    }
    for r in rows(lexicon_file!("cues.tsv")) {
        match col(&r, 1) {
            "negation" => lex.negation.push(phrase(r[0])),
            "irrealis" => {
                lex.irrealis.insert(r[0].to_string());
            }
            _ => {}
        }
    }
    for r in rows(lexicon_file!("months.tsv")) {
        lex.months.insert(r[0].to_string(), num(&r, 1) as u32);
    }
    for r in rows(lexicon_file!("date_parts.tsv")) {
        lex.date_parts
            .push((phrase(r[0]), num(&r, 1) as u32, num(&r, 2) as u32));
    }
    for r in rows(lexicon_file!("named_dates.tsv")) {
        lex.named_dates.push((phrase(r[0]), col(&r, 1).to_string()));
    }
    for r in rows(lexicon_file!("agreements.tsv")) {
        lex.agreement_types
            .push((phrase(r[0]), col(&r, 1).to_string()));
    }
    for r in rows(lexicon_file!("agreement_words.tsv")) {
        lex.agreement_words
            .insert(r[0].to_string(), col(&r, 1) == "plural");
    }
    for r in rows(lexicon_file!("counted.tsv")) {
        let class = match col(&r, 2) {
            "fighter" => NounClass::Fighter,
            "person" => NounClass::Person,
            "human" => NounClass::Human,
            "discourse" => NounClass::Discourse,
            _ => NounClass::Thing,
        };
        lex.counted
            .push((phrase(r[0]), col(&r, 1).to_string(), class));
    }
    // Longest phrases first so that a scan takes the longest match.
    lex.vague.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    lex.modifiers.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    lex.units.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    lex.date_parts.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    lex.agreement_types
        .sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    lex.counted.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    lex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_load() {
        let l = get();
        assert_eq!(l.number_words.get("twenty").map(|x| x.0), Some(20.0));
        assert!(l
            .vague
            .iter()
            .any(|(p, a, b)| p.join(" ") == "a few hundred" && *a == 200.0 && *b == 900.0));
        assert!(l.not_before.contains("resolution"));
        assert!(l.months.get("august") == Some(&8));
    }
}
