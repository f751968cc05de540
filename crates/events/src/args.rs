//! Small readers of the words around a trigger: the word before a position,
//! prepositions, passive auxiliaries, coordination of mentions.

use std::ops::Range;

use crate::sent::{words, Ref};

/// A few words, kept without allocating (this runs several times per mention).
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    buf: [&'a str; MAX_WORDS],
    len: usize,
}

/// The most words [`words_before`] reads.
const MAX_WORDS: usize = 8;

impl<'a> std::ops::Deref for Words<'a> {
    type Target = [&'a str];
    fn deref(&self) -> &[&'a str] {
        &self.buf[..self.len]
    }
}

/// The last `n` words before `pos` (not before `floor`), nearest last.
/// Scans backwards byte by byte (decoding only non-ASCII chars), so only the
/// words asked for are read.
pub fn words_before(text: &str, floor: usize, pos: usize, n: usize) -> Words<'_> {
    let n = n.min(MAX_WORDS);
    let mut out = Words {
        buf: [""; MAX_WORDS],
        len: 0,
    };
    let base = floor.min(pos);
    let mut end = pos;
    let mut at = pos;
    let mut in_word = false;
    while out.len < n {
        if at <= base {
            if in_word {
                out.buf[out.len] = text.get(base..end).unwrap_or("");
                out.len += 1;
            }
            break;
        }
        let (start, word) = char_before(text, base, at);
        if word {
            if !in_word {
                end = at;
                in_word = true;
            }
        } else if in_word {
            out.buf[out.len] = text.get(at..end).unwrap_or("");
            out.len += 1;
            in_word = false;
        }
        at = start;
    }
    out.buf[..out.len].reverse();
    out
}

/// Word bytes of ASCII: letters, digits, hyphen, apostrophe.
static WORD_BYTE: [bool; 128] = word_bytes();

const fn word_bytes() -> [bool; 128] {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'-' || c == b'\'';
        b += 1;
    }
    t
}

/// The start of the char ending at `at` (not before `base`), and whether it
/// is a word char: a letter or digit, a hyphen or an apostrophe.
fn char_before(text: &str, base: usize, at: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let b = bytes[at - 1];
    if let Some(&word) = WORD_BYTE.get(usize::from(b)) {
        return (at - 1, word);
    }
    let mut start = at - 1;
    while start > base && !text.is_char_boundary(start) {
        start -= 1;
    }
    let c = text.get(start..at).and_then(|s| s.chars().next());
    (start, c.is_some_and(char::is_alphanumeric))
}

/// The word right before `pos` inside the sentence, if any.
pub fn prev_word(text: &str, floor: usize, pos: usize) -> Option<&str> {
    words_before(text, floor, pos, 1).last().copied()
}

/// Determiners skipped when looking for the word that governs a mention.
const DETERMINERS: WordSet =
    WordSet::new(&["the", "a", "an", "its", "their", "his", "her", "this"]);

/// Heads whose `of` complement is the real subject: its owner ("the
/// government of X said") or what is counted ("thousands of X were held").
const OWNER_HEADS: WordSet = WordSet::new(&[
    "government",
    "ministry",
    "president",
    "authorities",
    "army",
    "police",
    "people",
    "leadership",
    "leader",
    "forces",
    "thousands",
    "hundreds",
    "dozens",
    "millions",
    "scores",
    "some",
    "many",
    "most",
    "members",
    "group",
]);

/// The word that governs a mention: the word before it, skipping determiners,
/// and `None` for "government of X" so that X can be a subject.
pub fn governing_word(text: &str, floor: usize, pos: usize) -> Option<&str> {
    // Mostly the word right before decides: read more only after a
    // determiner or "of".
    let near = prev_word(text, floor, pos)?;
    if !is_one_of(near, &DETERMINERS) && !near.eq_ignore_ascii_case("of") {
        return Some(near);
    }
    let before = words_before(text, floor, pos, 4);
    let mut it = before
        .iter()
        .rev()
        .skip_while(|w| is_one_of(w, &DETERMINERS));
    let w = *it.next()?;
    if w.eq_ignore_ascii_case("of") && it.next().is_some_and(|h| is_one_of(h, &OWNER_HEADS)) {
        return None;
    }
    Some(w)
}

/// The first word at or after `pos` (before `ceil`).
pub fn next_word(text: &str, pos: usize, ceil: usize) -> Option<(usize, &str)> {
    let hi = ceil.min(pos + 48);
    let hi = (pos..=hi)
        .rev()
        .find(|&b| text.is_char_boundary(b))
        .unwrap_or(pos);
    words(text, pos..hi).next()
}

/// True if `s` holds one of the ASCII `bytes` (a byte search: an ASCII
/// byte in UTF-8 is always that char).
pub fn has_any(s: &str, bytes: &[u8]) -> bool {
    s.bytes().any(|b| bytes.contains(&b))
}

/// True for the word forms of `word` in a list, ignoring ASCII case.
pub fn is_any(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// True for the word forms of `word` in a set, ignoring ASCII case.
pub fn is_one_of(word: &str, set: &WordSet) -> bool {
    set.contains(word)
}

/// A list of lower-case words with a filter by length and first letter,
/// built at compile time: most words asked about are in no list, and the
/// filter turns them away with one lookup instead of a compare per entry.
#[derive(Debug)]
pub struct WordSet {
    words: &'static [&'static str],
    /// Per word length (below 32): a bit per first letter some entry has.
    filter: [u32; 32],
}

impl WordSet {
    /// Panics (at compile time, in a const) on an entry that does not start
    /// with a lower-case ASCII letter or is 32 bytes or longer.
    pub const fn new(words: &'static [&'static str]) -> Self {
        let mut filter = [0u32; 32];
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_bytes();
            assert!(!w.is_empty() && w.len() < 32 && w[0].is_ascii_lowercase());
            filter[w.len()] |= 1 << (w[0] - b'a');
            i += 1;
        }
        WordSet { words, filter }
    }

    pub fn contains(&self, word: &str) -> bool {
        let b = word.as_bytes();
        let (Some(&first), Some(&bits)) = (b.first(), self.filter.get(b.len())) else {
            return false;
        };
        let letter = (first | 0x20).wrapping_sub(b'a');
        letter < 26
            && bits & (1 << letter) != 0
            && self.words.iter().any(|w| w.eq_ignore_ascii_case(word))
    }
}

/// Prepositions that make a mention a complement rather than a subject or object.
pub const PREPOSITIONS: WordSet = WordSet::new(&[
    "in", "at", "near", "of", "from", "to", "into", "with", "on", "against", "by", "for", "across",
    "through", "since", "after", "before", "under", "over", "between", "than", "like", "as", "via",
    "during", "within", "toward", "towards",
]);

/// Prepositions that introduce the place of an event.
pub const PLACE_PREPOSITIONS: WordSet = WordSet::new(&[
    "on",
    "in",
    "at",
    "near",
    "inside",
    "outside",
    "across",
    "throughout",
    "around",
]);

/// Auxiliaries before a past participle that make the clause passive.
pub const PASSIVE_AUX: WordSet = WordSet::new(&[
    "was", "were", "been", "being", "is", "are", "be", "get", "got", "gets", "getting",
]);

/// True if the text between two byte positions only joins coordinated items.
pub fn coordinated(text: &str, a_end: usize, b_start: usize) -> bool {
    if b_start < a_end {
        return false;
    }
    let between = text[a_end..b_start].trim();
    matches!(
        between,
        "," | "and" | ", and" | "or" | ", or" | "and the" | ", the" | ", and the" | "/" | "-"
    )
}

/// Extends a chosen reference to the list it is coordinated in ("A, B and C").
pub fn coordination<'a>(text: &str, refs: &'a [Ref<'a>], at: usize) -> Range<usize> {
    let mut lo = at;
    while lo > 0 && coordinated(text, refs[lo - 1].range.end, refs[lo].range.start) {
        lo -= 1;
    }
    let mut hi = at + 1;
    while hi < refs.len() && coordinated(text, refs[hi - 1].range.end, refs[hi].range.start) {
        hi += 1;
    }
    // A bare comma is an apposition ("the leader of X, Y") unless the list ends in and/or.
    let has_conjunction = (lo + 1..hi).any(|i| {
        let gap = &text[refs[i - 1].range.end..refs[i].range.start];
        gap.contains("and") || gap.contains("or") || gap.contains('/')
    });
    if has_conjunction {
        lo..hi
    } else {
        at..at + 1
    }
}

/// True if only modifier words (no punctuation but hyphens and apostrophes)
/// stand between two positions, at most `max_words` of them.
pub fn only_modifiers(text: &str, from: usize, to: usize, max_words: usize) -> bool {
    if to < from || to - from > 40 {
        return false;
    }
    let gap = &text[from..to];
    if has_any(gap, b",;:.()\"") {
        return false;
    }
    let n = gap
        .split_whitespace()
        .filter(|w| *w != "'s" && *w != "’s")
        .count();
    n <= max_words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_backwards() {
        let t = "the leader of al-Qaeda's wing, Omar";
        assert_eq!(*words_before(t, 0, 30, 3), ["of", "al-Qaeda's", "wing"]);
        assert_eq!(*words_before(t, 4, 10, 5), ["leader"]);
        assert_eq!(prev_word(t, 0, 3), None.or(Some("the")));
    }

    /// The char-by-char reading the byte scan must agree with.
    fn words_before_slowly(text: &str, floor: usize, pos: usize, n: usize) -> Vec<&str> {
        let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '\'';
        let mut words: Vec<&str> = text[floor..pos]
            .split(|c: char| !is_word(c))
            .filter(|w| !w.is_empty())
            .collect();
        words.drain(..words.len().saturating_sub(n));
        words
    }

    #[test]
    fn byte_scan_reads_non_ascii_words() {
        let t = "Çin’s Ürümqi—based «groups» in Kaşgar, 2014 naïve – ok";
        for pos in (0..=t.len()).filter(|&p| t.is_char_boundary(p)) {
            for n in 1..5 {
                assert_eq!(
                    *words_before(t, 0, pos, n),
                    words_before_slowly(t, 0, pos, n),
                    "{pos} {n}"
                );
            }
        }
    }

    #[test]
    fn word_sets_ignore_ascii_case() {
        assert!(PREPOSITIONS.contains("Into"));
        assert!(PREPOSITIONS.contains("towards"));
        assert!(!PREPOSITIONS.contains("intox"));
        assert!(!PREPOSITIONS.contains(""));
        assert!(!PREPOSITIONS.contains("’in"));
        assert!(PASSIVE_AUX.contains("BEEN"));
    }
}
