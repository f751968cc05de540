//! One pass of the lexicon automaton over the folded text, with the checks
//! that the folded match cannot make: word boundaries, the case shape of
//! the alias, acronyms outside all-caps lines, and context for ambiguous
//! aliases.

use std::ops::Range;

use aho_corasick::{Anchored, Input};

use crate::lexicon::{Lexicon, Pattern};
use crate::normalize::{is_word_byte, Folded};

/// A lexicon match in original byte offsets.
#[derive(Debug, Clone)]
pub struct LexMatch {
    pub range: Range<usize>,
    /// Index into `Lexicon::patterns`.
    pub pattern: usize,
}

/// Every acceptable lexicon match of `text`, non-overlapping.
///
/// Matches are only tried where one can start: at a word whose original
/// first letter is upper case, or at a lower-case word that begins some
/// alias ("al-Qaeda", "the West"). There an anchored leftmost-longest
/// search runs; when its match fails the checks, the shorter aliases at the
/// same start get their chance ("Amaq news agency" is not the name "Amaq
/// News Agency", but "Amaq" is).
pub fn find(lex: &Lexicon, text: &str, folded: &Folded, caps: &CapsLines) -> Vec<LexMatch> {
    let fb = folded.bytes.as_slice();
    let tb = text.as_bytes();
    let mut out = Vec::new();
    let mut cursor = 0;
    let mut i = 0;
    while i < fb.len() {
        if !is_word_byte(fb[i]) || (i > 0 && is_word_byte(fb[i - 1])) {
            i += 1;
            continue;
        }
        let word_end = fb[i..]
            .iter()
            .position(|&b| !is_word_byte(b))
            .map_or(fb.len(), |k| i + k);
        let orig = folded.start_of_from(&mut cursor, i);
        let upper = match tb[orig] {
            b if b < 0x80 => b.is_ascii_uppercase(),
            _ => text[orig..].chars().next().is_some_and(char::is_uppercase),
        };
        if upper || lower_start(lex, &fb[i..word_end]) {
            if let Some((hit, end)) = probe(lex, text, folded, caps, i) {
                out.push(hit);
                i = end;
                continue;
            }
        }
        // No match starts inside the word.
        i = word_end;
    }
    out
}

/// True if a folded word begins an alias written in lower case.
fn lower_start(lex: &Lexicon, word: &[u8]) -> bool {
    lex.lower_first[word[0] as usize] && lex.lower_starts.contains(word)
}

/// The best acceptable match starting at folded byte `s`, and its folded end.
fn probe(
    lex: &Lexicon,
    text: &str,
    folded: &Folded,
    caps: &CapsLines,
    s: usize,
) -> Option<(LexMatch, usize)> {
    let fb = folded.bytes.as_slice();
    let input = Input::new(fb).range(s..).anchored(Anchored::Yes);
    let m = lex.automaton.find(input)?;
    let e = m.end();
    if let Some(h) = check(lex, text, folded, caps, s, e, m.pattern().as_usize()) {
        return Some((h, e));
    }
    // Shorter aliases at the same start, longest first.
    let mut limit = e;
    while fb[s..limit].contains(&b' ') {
        let input = Input::new(fb).range(s..limit - 1).anchored(Anchored::Yes);
        let m = lex.automaton.find(input)?;
        if let Some(h) = check(lex, text, folded, caps, s, m.end(), m.pattern().as_usize()) {
            return Some((h, m.end()));
        }
        limit = m.end();
    }
    None
}

/// The checks of one folded match `[s, e)` against the patterns of group
/// `g`: word boundaries, case shape, acronyms on caps lines, ambiguity.
fn check(
    lex: &Lexicon,
    text: &str,
    folded: &Folded,
    caps: &CapsLines,
    s: usize,
    e: usize,
    g: usize,
) -> Option<LexMatch> {
    let fb = folded.bytes.as_slice();
    if (s > 0 && is_word_byte(fb[s - 1]) && is_word_byte(fb[s]))
        || (e < fb.len() && is_word_byte(fb[e]) && is_word_byte(fb[e - 1]))
    {
        return None;
    }
    let tb = text.as_bytes();
    // The first pattern sharing this folded alias whose checks pass.
    lex.groups[g].iter().find_map(|&pi| {
        let pat = &lex.patterns[pi];
        // Fast rejection of "is", "us", "turkey" written in lower case.
        if pat.words.first().is_some_and(|w| w.initial_upper)
            && tb[folded.start_of(s)].is_ascii_lowercase()
        {
            return None;
        }
        let range = folded.original(text, s, e);
        let ok = case_fits(pat, &text[range.clone()])
            && !(pat.acronym && caps.contains(range.start))
            && (!pat.ambiguous || ambiguous_fits(text, &range));
        ok.then_some(LexMatch { range, pattern: pi })
    })
}

/// The surface agrees with the case shape of the alias: capitalised words
/// stay capitalised, acronyms stay upper case.
pub fn case_fits(pat: &Pattern, surface: &str) -> bool {
    let words = || {
        surface
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    };
    if words().count() != pat.words.len() {
        let alias_upper = pat.words.iter().any(|w| w.initial_upper);
        return !alias_upper || surface.chars().any(char::is_uppercase);
    }
    words().zip(&pat.words).all(|(w, shape)| {
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

/// Function words that show a line in capitals is a heading.
const CAPS_FUNCTION_WORDS: [&str; 18] = [
    "THE", "OF", "AND", "IN", "FOR", "TO", "ON", "WITH", "WHAT", "WHY", "HOW", "FROM", "BY", "AT",
    "AN", "UNDER", "OVER", "AFTER",
];

/// Lines written in capitals (headings), where acronyms cannot be told
/// from words. Computed only for lines where an acronym matched, each once.
pub struct CapsLines<'a> {
    text: &'a str,
    /// The last line looked at: its range and whether it is in capitals.
    last: std::cell::Cell<Option<(usize, usize, bool)>>,
}

impl<'a> CapsLines<'a> {
    pub fn new(text: &'a str) -> Self {
        CapsLines {
            text,
            last: std::cell::Cell::new(None),
        }
    }

    /// True if the byte offset is on a line whose letters are mostly upper case.
    pub fn contains(&self, byte: usize) -> bool {
        if let Some((s, e, caps)) = self.last.get() {
            if s <= byte && byte < e {
                return caps;
            }
        }
        let b = self.text.as_bytes();
        let s = b[..byte]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1);
        let e = b[byte..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(b.len(), |p| byte + p);
        let line = &self.text[s..e];
        let (mut up, mut low) = (0usize, 0usize);
        for &c in line.as_bytes() {
            up += c.is_ascii_uppercase() as usize;
            low += c.is_ascii_lowercase() as usize;
        }
        // A heading in capitals has function words in capitals too; a list
        // of acronyms ("ISIS, ETIM, TIP and IMU") does not. Looked for only
        // when the letters say capitals: most lines are long paragraphs.
        let caps = up >= 8
            && up > 3 * low
            && line
                .split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| CAPS_FUNCTION_WORDS.contains(&w));
        self.last.set(Some((s, e, caps)));
        caps
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
    fn acronym_lists_are_no_headings() {
        let found = aliases("ISIS, ETIM, TIP and IMU\n");
        assert!(found.contains(&"ETIM".to_string()), "{found:?}");
        assert!(found.contains(&"TIP".to_string()), "{found:?}");
    }

    #[test]
    fn ambiguous_aliases_need_context() {
        assert!(aliases("He fled to Jordan in 2015.").contains(&"Jordan".to_string()));
        assert!(!aliases("He met Michael Jordan there.")
            .iter()
            .any(|a| a == "Jordan"));
    }
}
