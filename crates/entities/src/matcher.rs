//! One pass of the lexicon automaton over the folded text, with the checks
//! that the folded match cannot make: word boundaries, the case shape of
//! the alias, acronyms outside all-caps lines, and context for ambiguous
//! aliases.

use std::ops::Range;

use crate::lexicon::{Lexicon, Pattern};
use crate::normalize::{is_word_byte, Folded};

/// A lexicon match in original byte offsets.
#[derive(Debug, Clone)]
pub struct LexMatch {
    pub range: Range<usize>,
    /// Index into `Lexicon::patterns`.
    pub pattern: usize,
}

/// Every acceptable lexicon match of `text` (overlapping; selection comes later).
pub fn find(lex: &Lexicon, text: &str, folded: &Folded, caps: &CapsLines) -> Vec<LexMatch> {
    let fb = folded.text.as_bytes();
    let mut out = Vec::new();
    for m in lex.automaton.find_overlapping_iter(&folded.text) {
        let (s, e) = (m.start(), m.end());
        if (s > 0 && is_word_byte(fb[s - 1]) && is_word_byte(fb[s]))
            || (e < fb.len() && is_word_byte(fb[e]) && is_word_byte(fb[e - 1]))
        {
            continue;
        }
        let pat = &lex.patterns[m.pattern().as_usize()];
        let range = folded.original(text, s, e);
        if !case_fits(pat, &text[range.clone()]) {
            continue;
        }
        if pat.acronym && caps.contains(range.start) {
            continue;
        }
        if pat.ambiguous && !ambiguous_fits(text, &range) {
            continue;
        }
        out.push(LexMatch {
            range,
            pattern: m.pattern().as_usize(),
        });
    }
    out
}

/// The surface agrees with the case shape of the alias: capitalised words
/// stay capitalised, acronyms stay upper case.
pub fn case_fits(pat: &Pattern, surface: &str) -> bool {
    let words: Vec<&str> = surface
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() != pat.words.len() {
        let alias_upper = pat.words.iter().any(|w| w.initial_upper);
        return !alias_upper || surface.chars().any(char::is_uppercase);
    }
    words.iter().zip(&pat.words).all(|(w, shape)| {
        if shape.acronym {
            !w.chars().any(char::is_lowercase)
        } else if shape.initial_upper {
            w.chars().next().is_some_and(char::is_uppercase)
        } else {
            true
        }
    })
}

/// An ambiguous alias ("Jordan", "Georgia", "Han") counts only when it does
/// not lean on a neighbouring capitalised word, which would make it part of
/// a person's or another entity's name ("Jordan Peterson", "Georgia Tech").
fn ambiguous_fits(text: &str, range: &Range<usize>) -> bool {
    let after = &text[range.end..];
    let next_cap = after
        .strip_prefix(' ')
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_uppercase);
    let before = &text[..range.start];
    let prev_word = before.strip_suffix(' ').map(|b| {
        b.rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
    });
    let prev_cap = prev_word.is_some_and(|w| {
        w.chars().next().is_some_and(char::is_uppercase) && !is_sentence_start(before, w)
    });
    !next_cap && !prev_cap
}

/// True when the word just before a position starts its sentence.
fn is_sentence_start(before: &str, word: &str) -> bool {
    let head = before.trim_end_matches(' ');
    let head = &head[..head.len().saturating_sub(word.len())];
    head.trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n' | '"' | '“'))
}

/// Lines written in capitals (headings), where acronyms cannot be told from words.
pub struct CapsLines {
    ranges: Vec<Range<usize>>,
}

impl CapsLines {
    /// Finds the lines of `text` whose letters are mostly upper case. Linear.
    pub fn new(text: &str) -> Self {
        let mut ranges = Vec::new();
        let mut pos = 0;
        for line in text.split_inclusive('\n') {
            let (mut up, mut low) = (0usize, 0usize);
            for b in line.bytes() {
                up += b.is_ascii_uppercase() as usize;
                low += b.is_ascii_lowercase() as usize;
            }
            if up >= 8 && up > 3 * low {
                ranges.push(pos..pos + line.len());
            }
            pos += line.len();
        }
        CapsLines { ranges }
    }

    /// True if the byte offset is on an all-caps line.
    pub fn contains(&self, byte: usize) -> bool {
        let i = self.ranges.partition_point(|r| r.end <= byte);
        self.ranges.get(i).is_some_and(|r| r.start <= byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;

    fn aliases(text: &str) -> Vec<String> {
        let lex = lexicon();
        let f = Folded::new(text);
        find(lex, text, &f, &CapsLines::new(text))
            .into_iter()
            .map(|m| text[m.range].to_string())
            .collect()
    }

    #[test]
    fn case_shape_is_checked() {
        assert!(aliases("It is what IS wants.").contains(&"IS".to_string()));
        assert!(!aliases("It is what it is.").contains(&"is".to_string()));
        assert!(!aliases("a roast turkey").iter().any(|a| a == "turkey"));
        assert!(aliases("China’s plan").contains(&"China".to_string()));
    }

    #[test]
    fn no_matches_inside_words() {
        assert!(!aliases("Isis Chadwick went").iter().any(|a| a == "Chad"));
        assert!(!aliases("Arabic script").iter().any(|a| a == "Arab"));
    }

    #[test]
    fn acronyms_are_ignored_on_caps_lines() {
        assert!(!aliases("WHAT IS THE PROBLEM WITH THIS\n")
            .iter()
            .any(|a| a == "IS"));
    }

    #[test]
    fn ambiguous_aliases_need_context() {
        assert!(aliases("He fled to Jordan in 2015.").contains(&"Jordan".to_string()));
        assert!(!aliases("He met Michael Jordan there.")
            .iter()
            .any(|a| a == "Jordan"));
    }
}
