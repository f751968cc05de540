//! One pass of the lexicon automaton over the text, folded as it is read,
//! with the checks that the folded match cannot make: word boundaries, the
//! case shape of the alias, acronyms outside all-caps lines, and context
//! for ambiguous aliases.

use std::ops::Range;

use aho_corasick::automaton::Automaton;
use aho_corasick::automaton::StateID;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::Anchored;

use crate::lexicon::{Lexicon, Pattern};
use crate::normalize::{fold_ascii, fold_one};
use crate::scan::{self, BYTE_CLASS as CLASS, GAP};

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
/// alias ("al-Qaeda", "the West"). There the automaton reads the folded
/// text (see [`crate::normalize::Folded`]) from that word on; when its
/// longest match fails the checks, the shorter aliases at the same start
/// get their chance ("Amaq news agency" is not the name "Amaq News Agency",
/// but "Amaq" is). Folding as the automaton reads, instead of folding the
/// whole text first, leaves the bytes between candidates untouched.
pub fn find(lex: &Lexicon, text: &str, caps: &CapsLines) -> Vec<LexMatch> {
    let tb = text.as_bytes();
    // About one lexicon mention in fifty bytes of news text.
    let mut out = Vec::with_capacity(text.len() / 50);
    let mut hits = Vec::new();
    let mut word = Vec::new();
    let mut i = 0;
    while i < tb.len() {
        // To the next word start: ASCII punctuation and spaces go fast.
        while i < tb.len() && CLASS[tb[i] as usize] == GAP {
            i += 1;
        }
        if i >= tb.len() {
            break;
        }
        let b = tb[i];
        let (w, len) = if b < 0x80 {
            (true, 1)
        } else {
            word_at(text, i)
        };
        if !w {
            i += len;
            continue;
        }
        let upper = match b {
            b if b < 0x80 => b.is_ascii_uppercase(),
            _ => text[i..].chars().next().is_some_and(char::is_uppercase),
        };
        // The end of the word, when `lower_start` had to find it.
        let mut end = None;
        if upper || lower_start(lex, text, i, &mut word, &mut end) {
            if let Some(hit) = probe(lex, text, caps, i, &mut hits) {
                // An accepted match is followed by a non-word char or ends
                // on one: the next word start is further on.
                i = hit.range.end;
                out.push(hit);
                continue;
            }
        }
        i = end.unwrap_or_else(|| word_end(text, i + len));
    }
    out
}

/// The end of the word that continues at byte `i`.
fn word_end(text: &str, mut i: usize) -> usize {
    let tb = text.as_bytes();
    while i < tb.len() {
        // ASCII letters and digits go fast.
        i = scan::alnum_end(tb, i);
        if i >= tb.len() {
            return tb.len();
        }
        if tb[i] < 0x80 {
            return i;
        }
        let (w, len) = word_at(text, i);
        if !w {
            return i;
        }
        i += len;
    }
    i
}

/// Whether the char at byte `i` belongs to a word once folded (ASCII
/// letters and digits, and any char that folds to a non-ASCII char), and
/// its length.
fn word_at(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (b.is_ascii_alphanumeric(), 1);
    }
    match text[i..].chars().next() {
        Some(c) => {
            let f = fold_one(c);
            (!f.is_ascii() || f.is_ascii_alphanumeric(), c.len_utf8())
        }
        None => (false, 1),
    }
}

/// True if the folded word at byte `i` begins an alias written in lower
/// case. Sets `end` to the end of the word when it had to read it all.
fn lower_start(
    lex: &Lexicon,
    text: &str,
    i: usize,
    word: &mut Vec<u8>,
    end: &mut Option<usize>,
) -> bool {
    let tb = text.as_bytes();
    // The ASCII letters and digits from `i`: when a non-word ASCII byte (or
    // the end) follows them, they are the whole word, and its end is known.
    let ascii_end = scan::alnum_end(tb, i);
    let whole = ascii_end > i && (ascii_end == tb.len() || tb[ascii_end] < 0x80);
    if whole {
        *end = Some(ascii_end);
    }
    // Most words are ruled out by their first two bytes.
    if !lex.lower_raw_pair(tb[i], tb.get(i + 1).copied().unwrap_or(b' ')) {
        return false;
    }
    // An ASCII word is ruled out by its length before it is folded and hashed.
    if whole && !lex.lower_len(fold_ascii(tb[i]), ascii_end - i) {
        return false;
    }
    word.clear();
    let mut j = i;
    while j < tb.len() {
        let b = tb[j];
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                break;
            }
            word.push(fold_ascii(b));
            j += 1;
            continue;
        }
        let Some(c) = text[j..].chars().next() else {
            break;
        };
        let f = fold_one(c);
        if f.is_ascii() && !f.is_ascii_alphanumeric() {
            break;
        }
        let mut buf = [0u8; 4];
        word.extend_from_slice(f.encode_utf8(&mut buf).as_bytes());
        j += c.len_utf8();
    }
    *end = Some(j);
    word.first().is_some_and(|&b| lex.lower_first[b as usize]) && lex.lower_starts.contains(word)
}

/// One match state of the automaton reading the folded text from a start.
#[derive(Debug, Clone, Copy)]
struct Hit {
    /// The automaton's pattern: a group of `Lexicon::groups`.
    group: usize,
    /// Folded bytes read.
    folded_len: usize,
    /// Original byte offset just past the char whose folded bytes ended the match.
    end: usize,
    /// The match ends inside the folded bytes of a char.
    split: bool,
    /// The last folded char is a word char.
    word_end: bool,
}

/// Reads the folded text from byte `s` through the anchored automaton until
/// it dies, collecting the matches that start at `s`, shortest first. Also
/// returns the folded offset of the first space read (`usize::MAX` if none).
fn walk(lex: &Lexicon, text: &str, s: usize, hits: &mut Vec<Hit>) -> usize {
    hits.clear();
    let ac = &lex.automaton;
    let tb = text.as_bytes();
    let mut first_space = usize::MAX;
    let Ok(mut sid) = ac.start_state(Anchored::Yes) else {
        return first_space;
    };
    let mut folded_len = 0;
    let mut last_space = false;
    let mut i = s;
    while i < tb.len() {
        // An ASCII byte folds to one byte: the common case, kept short.
        if let Some(f) = tb.get(i).filter(|b| b.is_ascii()).map(|&b| fold_ascii(b)) {
            let space = f == b' ';
            i += 1;
            if space && last_space {
                continue;
            }
            last_space = space;
            if space && first_space == usize::MAX {
                first_space = folded_len;
            }
            sid = ac.next_state(Anchored::Yes, sid, f);
            folded_len += 1;
            if ac.is_special(sid) {
                if ac.is_dead(sid) {
                    return first_space;
                }
                let word = f.is_ascii_alphanumeric();
                push_hit(ac, sid, hits, folded_len, i, false, word);
            }
            continue;
        }
        let mut buf = [0u8; 4];
        let (n, len) = match tb[i] {
            b if b < 0x80 => {
                buf[0] = fold_ascii(b);
                (1, 1)
            }
            _ => {
                let c = text[i..].chars().next().unwrap_or(' ');
                (fold_one(c).encode_utf8(&mut buf).len(), c.len_utf8())
            }
        };
        // Whitespace runs fold to one space, as in `Folded`.
        let space = buf[0] == b' ';
        if space && last_space {
            i += len;
            continue;
        }
        last_space = space;
        if space && first_space == usize::MAX {
            first_space = folded_len;
        }
        let word = buf[0] >= 0x80 || buf[0].is_ascii_alphanumeric();
        for (k, &byte) in buf[..n].iter().enumerate() {
            sid = ac.next_state(Anchored::Yes, sid, byte);
            folded_len += 1;
            if !ac.is_special(sid) {
                continue;
            }
            if ac.is_dead(sid) {
                return first_space;
            }
            push_hit(ac, sid, hits, folded_len, i + len, k + 1 < n, word);
        }
        i += len;
    }
    first_space
}

/// Records the match of a special, live state `sid` that starts where the
/// walk started.
fn push_hit(
    ac: &NFA,
    sid: StateID,
    hits: &mut Vec<Hit>,
    folded_len: usize,
    end: usize,
    split: bool,
    word_end: bool,
) {
    if !ac.is_match(sid) {
        return;
    }
    let pid = ac.match_pattern(sid, 0);
    // Match states also carry matches that start later.
    if ac.pattern_len(pid) == folded_len {
        hits.push(Hit {
            group: pid.as_usize(),
            folded_len,
            end,
            split,
            word_end,
        });
    }
}

/// The best acceptable match starting at byte `s`.
fn probe(
    lex: &Lexicon,
    text: &str,
    caps: &CapsLines,
    s: usize,
    hits: &mut Vec<Hit>,
) -> Option<LexMatch> {
    let first_space = walk(lex, text, s, hits);
    // The longest match first; shorter ones only while the longer one
    // spans a space (a shorter alias ends at a word boundary).
    for (k, hit) in hits.iter().enumerate().rev() {
        if let Some(m) = check(lex, text, caps, s, hit) {
            return Some(m);
        }
        if first_space >= hit.folded_len || k == 0 {
            return None;
        }
    }
    None
}

/// The checks of one match from `s` against the patterns of its group:
/// word boundaries, case shape, acronyms on caps lines, ambiguity.
fn check(lex: &Lexicon, text: &str, caps: &CapsLines, s: usize, hit: &Hit) -> Option<LexMatch> {
    if hit.split || (hit.word_end && hit.end < text.len() && word_at(text, hit.end).0) {
        return None;
    }
    let tb = text.as_bytes();
    let range = s..hit.end;
    // The first pattern sharing this folded alias whose checks pass.
    lex.groups[hit.group].iter().find_map(|&pi| {
        let pat = &lex.patterns[pi];
        // Fast rejection of "is", "us", "turkey" written in lower case.
        if pat.words.first().is_some_and(|w| w.initial_upper) && tb[s].is_ascii_lowercase() {
            return None;
        }
        let ok = case_fits(pat, &text[range.clone()])
            && !(pat.acronym && caps.contains(range.start))
            && (!pat.ambiguous || ambiguous_fits(text, &range));
        ok.then_some(LexMatch {
            range: range.clone(),
            pattern: pi,
        })
    })
}

/// The surface agrees with the case shape of the alias: capitalised words
/// stay capitalised, acronyms stay upper case.
pub fn case_fits(pat: &Pattern, surface: &str) -> bool {
    if surface.is_ascii() {
        return case_fits_ascii(pat, surface.as_bytes());
    }
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

/// [`case_fits`] for an ASCII surface, in one pass over its words.
fn case_fits_ascii(pat: &Pattern, surface: &[u8]) -> bool {
    let mut n = 0;
    let mut ok = true;
    let mut i = 0;
    while i < surface.len() {
        if !surface[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        i = scan::alnum_end(surface, i);
        if let Some(shape) = pat.words.get(n) {
            let w = &surface[start..i];
            if shape.acronym {
                ok &= !w.iter().any(u8::is_ascii_lowercase);
            } else if shape.initial_upper {
                ok &= w[0].is_ascii_uppercase();
            }
        }
        n += 1;
    }
    if n != pat.words.len() {
        let alias_upper = pat.words.iter().any(|w| w.initial_upper);
        return !alias_upper || surface.iter().any(u8::is_ascii_uppercase);
    }
    ok
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

/// The upper- and lower-case ASCII letters of a line, or `None` as soon as
/// the lower-case ones are too many for a line in capitals (more than a
/// third of what upper-case letters there can be): most lines are long
/// paragraphs in lower case.
fn letter_counts(line: &[u8]) -> Option<(usize, usize)> {
    let (mut up, mut low) = (0, 0);
    let mut rest = line.len();
    for chunk in line.chunks(64) {
        // Simple counting loops, which the compiler vectorises.
        up += chunk.iter().filter(|c| c.is_ascii_uppercase()).count();
        low += chunk.iter().filter(|c| c.is_ascii_lowercase()).count();
        rest -= chunk.len();
        if 3 * low >= up + rest {
            return None;
        }
    }
    Some((up, low))
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
        let s = memchr::memrchr(b'\n', &b[..byte]).map_or(0, |p| p + 1);
        let e = memchr::memchr(b'\n', &b[byte..]).map_or(b.len(), |p| byte + p);
        let line = &self.text[s..e];
        let Some((up, low)) = letter_counts(line.as_bytes()) else {
            self.last.set(Some((s, e, false)));
            return false;
        };
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
        find(lex, text, &CapsLines::new(text))
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
    fn text_is_folded_as_it_is_read() {
        assert!(aliases("In Türkiye’s capital").contains(&"Türkiye".to_string()));
        let found = aliases("the “Islamic\n  State” said");
        assert!(found.contains(&"Islamic\n  State".to_string()), "{found:?}");
        assert!(aliases("the Islamic-State").contains(&"Islamic-State".to_string()));
    }

    #[test]
    fn ambiguous_aliases_need_context() {
        assert!(aliases("He fled to Jordan in 2015.").contains(&"Jordan".to_string()));
        assert!(!aliases("He met Michael Jordan there.")
            .iter()
            .any(|a| a == "Jordan"));
    }
}
