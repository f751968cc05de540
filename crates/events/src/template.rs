//! Patterns over "masked" sentences: the sentence folded to lower case, white
//! space collapsed, and every entity mention replaced by a slot token
//! `@<index><kind letter>@`. A pattern is a regular expression in which
//! `{NAME:kinds}` stands for one mention of those kinds and `{NAME+:kinds}` for
//! a coordinated list of them ("A, B and C"). Keeping the patterns as data lets
//! the relation and route wording grow without code changes.

use std::collections::HashMap;
use std::sync::OnceLock;

use evident_model::EntityKind;
use regex_automata::meta;
use regex_automata::util::captures::Captures;
use regex_automata::util::syntax;
use regex_automata::Input;

use crate::prefilter::{CLOSE, OPEN};
use crate::LexiconError;

/// The letter that stands for a kind in slot tokens and patterns.
pub fn kind_letter(kind: EntityKind) -> char {
    match kind {
        EntityKind::Person => 'p',
        EntityKind::ArmedGroup => 'a',
        EntityKind::Organization => 'o',
        EntityKind::Country => 'c',
        EntityKind::Place => 'l',
        EntityKind::EthnicGroup => 'e',
    }
}

/// One pattern: its regex source and slot names (capture group names).
/// The regex is compiled on first use: most templates meet few sentences.
#[derive(Debug)]
pub struct Template {
    source: String,
    /// Capture group names of the slots, in pattern order.
    pub slots: Vec<String>,
    regex: OnceLock<Option<meta::Regex>>,
}

/// The slot groups of one match.
pub struct Groups<'h> {
    caps: Captures,
    hay: &'h [u8],
}

impl<'h> Groups<'h> {
    /// The text of a named group, if it took part in the match.
    pub fn name(&self, group: &str) -> Option<&'h [u8]> {
        let span = self.caps.get_group_by_name(group)?;
        self.hay.get(span.range())
    }
}

impl Template {
    /// True if the template matches anywhere in `hay`.
    pub fn is_match(&self, hay: &[u8]) -> bool {
        self.regex().is_some_and(|r| r.is_match(Input::new(hay)))
    }

    /// The successive matches in `hay`, with their slot groups.
    pub fn captures_iter<'h>(&'h self, hay: &'h [u8]) -> impl Iterator<Item = Groups<'h>> + 'h {
        self.regex()
            .into_iter()
            .flat_map(move |r| r.captures_iter(Input::new(hay)))
            .map(move |caps| Groups { caps, hay })
    }

    /// The compiled regex: regex's own engine, configured as `regex::bytes`
    /// is but without literal prefilters, which cost more than they save on
    /// short masked sentences (matches are the same, prefilters only skip).
    fn regex(&self) -> Option<&meta::Regex> {
        self.regex
            .get_or_init(|| {
                meta::Regex::builder()
                    .syntax(syntax::Config::new().utf8(false))
                    .configure(meta::Config::new().auto_prefilter(false).utf8_empty(false))
                    .build(&self.source)
                    .ok()
            })
            .as_ref()
    }
}

/// The templates of one file, in file order.
#[derive(Debug)]
pub struct TemplateSet {
    pub templates: Vec<Template>,
    /// The sources with slot tokens as markers, for the prefilter's analysis.
    pub analysed: Vec<String>,
}

impl TemplateSet {
    /// Compiles pattern sources; `names` maps a slot name to its group name
    /// (`None` for a slot that must match but is not captured).
    pub fn compile(patterns: &[String], file: &str) -> Result<Self, LexiconError> {
        let mut templates = Vec::with_capacity(patterns.len());
        let mut analysed = Vec::with_capacity(patterns.len());
        for p in patterns {
            let error = |reason| LexiconError::Pattern {
                file: file.to_string(),
                pattern: p.clone(),
                reason,
            };
            let (src, slots) = expand(p, false).map_err(error)?;
            analysed.push(format!("(?-u){}", expand(p, true).map_err(error)?.0));
            // ASCII-only matching (the masked text is ASCII) keeps the automata small.
            let source = format!("(?-u){src}");
            // Checked now, compiled on first use.
            regex_syntax::ParserBuilder::new()
                .utf8(false)
                .build()
                .parse(&source)
                .map_err(|e| error(e.to_string()))?;
            templates.push(Template {
                source,
                slots,
                regex: OnceLock::new(),
            });
        }
        Ok(TemplateSet {
            templates,
            analysed,
        })
    }
}

/// Expands slot markers into regex groups; returns the regex source and slot group names.
/// With `marked`, slot tokens are written as the prefilter's markers instead.
fn expand(pattern: &str, marked: bool) -> Result<(String, Vec<String>), String> {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut slots = Vec::new();
    let mut seen: HashMap<String, ()> = HashMap::new();
    // A gap inside a phrase: no clause break, no mention but the adjective-like
    // ones (communities, countries, places: "a Uyghur jihadist organization").
    let pattern = pattern.replace("{GAP}", r"(?:[^@;]|@\d+[ecl]@)*?");
    // The end of a name slot: punctuation or a function word, not a noun that
    // would make the mention a modifier ("director of the Asia program").
    let pattern = pattern.replace(
        "{END}",
        r"(?:[^a-z~@ ]|$| [^a-z~]| (?:and|or|in|at|as|on|of|by|with|near|from|since|during|who|whom|which|that|said|says|told|was|is|were|are|has|have|had|will|would|could|for|to|until|between|when|while|before|after)\b)",
    );
    let mut rest = pattern.as_str();
    while let Some(open) = rest.find('{') {
        // `{0,60}`-style repetition counts are regex syntax, not slots.
        let after = &rest[open + 1..];
        if after.starts_with(|c: char| c.is_ascii_digit()) && !is_slot(after) {
            let close = after.find('}').ok_or("unclosed {")?;
            out.push_str(&rest[..open + 2 + close]);
            rest = &after[close + 1..];
            continue;
        }
        out.push_str(&rest[..open]);
        let close = after.find('}').ok_or("unclosed slot")?;
        let body = &after[..close];
        let (name, kinds) = body.split_once(':').unwrap_or((body, "paocle"));
        let (name, list) = match name.strip_suffix('+') {
            Some(n) => (n, true),
            None => (name, false),
        };
        let letters: String = kinds.chars().filter(|c| c.is_ascii_lowercase()).collect();
        if letters.is_empty() {
            return Err(format!("slot {body} has no kinds"));
        }
        // An article before a mention is never part of it ("the @3a@").
        let token = if marked {
            format!(r"(?:the )?\x{:02x}{letters}\x{:02x}", OPEN, CLOSE)
        } else {
            format!(r"(?:the )?@\d+[{letters}]@")
        };
        let inner = if list {
            format!(r"{token}(?:(?:,| and|, and|,? or) (?:the )?{token})*")
        } else {
            token
        };
        if name == "X" {
            out.push_str(&format!("(?:{inner})"));
        } else {
            let group = slot_group(name)?;
            if seen.insert(group.clone(), ()).is_some() {
                return Err(format!("slot {name} used twice"));
            }
            out.push_str(&format!("(?P<{group}>{inner})"));
            slots.push(group);
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok((out, slots))
}

/// True when the text after `{` is a slot like `1:c|l}` or `2+:c}` rather than a count.
fn is_slot(after: &str) -> bool {
    let body = after.split('}').next().unwrap_or("");
    body.contains(':') || body.ends_with('+')
}

/// Group name of a slot: S → s, O → o, a step number n → r<n>.
fn slot_group(name: &str) -> Result<String, String> {
    match name {
        "S" => Ok("s".into()),
        "O" => Ok("o".into()),
        n if n.len() == 1 && n.as_bytes()[0].is_ascii_digit() => Ok(format!("r{n}")),
        _ => Err(format!("unknown slot {name}")),
    }
}

/// The mention indexes of the slot tokens inside a captured piece of masked text.
pub fn slot_indexes(captured: &[u8]) -> impl Iterator<Item = usize> + '_ {
    captured
        .split(|b| *b == b'@')
        .skip(1)
        .step_by(2)
        .filter_map(|tok| {
            let digits = tok.iter().take_while(|b| b.is_ascii_digit());
            digits.fold(None, |acc: Option<usize>, b| {
                Some(acc.unwrap_or(0) * 10 + usize::from(b - b'0'))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::bytes::Regex;

    #[test]
    fn expands_slots_and_keeps_counts() {
        let (src, slots) = expand("{S:p}, [^@]{0,20} of {O+:a|o}", false).unwrap();
        assert_eq!(slots, vec!["s", "o"]);
        assert!(src.contains("{0,20}"));
        let re = Regex::new(&format!("(?-u){src}")).unwrap();
        let caps = re.captures(b"@0p@, the head of @1o@ and @2a@").unwrap();
        let objs: Vec<usize> = slot_indexes(caps.name("o").unwrap().as_bytes()).collect();
        assert_eq!(objs, vec![1, 2]);
    }

    #[test]
    fn step_slots_are_numbered_groups() {
        let (_, slots) = expand("from {1:c} to {3:c} via {2+:c|l}", false).unwrap();
        assert_eq!(slots, vec!["r1", "r3", "r2"]);
    }
}
