//! One walk over a document's bytes finds every word the extractor looks
//! for: trigger forms, modality cues and the words the template prefilter
//! needs. Searching each list separately (triggers over the text, words and
//! cues over sentences) read most bytes three times.
//!
//! The walk uses one automaton with standard (overlapping) semantics, so it
//! reports every occurrence of every form. Triggers and cues are then chosen
//! as a leftmost-longest search would choose them: the match starting first,
//! the longest of those, the next one only after it ends.

use std::cmp::Reverse;
use std::collections::hash_map::{Entry, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};

use crate::LexiconError;

/// An occurrence of a form: start and end bytes, and its index in its own list.
pub type Hit = (usize, usize, usize);

/// The lists of forms, searched together.
#[derive(Debug)]
pub struct Scanner {
    /// The automaton's transitions, copied into a flat table: entry
    /// `state + class of byte` is the next state (a multiple of `stride`).
    /// One load per byte.
    /// Its length is a power of two (the tail unused), see [`Scanner::scan`].
    trans: Vec<u32>,
    classes: [u8; 256],
    stride: usize,
    start: u32,
    /// The states from this one on end a form.
    first_match: u32,
    /// Per state (by state / stride): the forms it ends.
    ends: Vec<Vec<usize>>,
    /// Per form of the automaton: its list and index in that list, and its length in bytes.
    forms: Vec<(List, usize, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    Trigger,
    Cue,
    Casualty,
    Word,
}

/// What the walk found in one document.
#[derive(Debug, Default)]
pub struct Found {
    /// Trigger matches, leftmost-longest, in text order.
    pub triggers: Vec<Hit>,
    /// Every occurrence of a cue, by end.
    pub cues: Vec<Hit>,
    /// Every occurrence of a casualty verb cue, by end.
    pub casualties: Vec<Hit>,
    /// Every occurrence of a prefilter word, by end.
    pub words: Vec<Hit>,
}

impl Scanner {
    /// Builds the automaton of the trigger forms, the modality cues, the
    /// casualty verb cues and the words (all matched ignoring ASCII case).
    pub fn new(
        triggers: &[String],
        cues: &[String],
        casualties: &[String],
        words: &[String],
    ) -> Result<Self, LexiconError> {
        let lists = [
            (List::Trigger, triggers),
            (List::Cue, cues),
            (List::Casualty, casualties),
            (List::Word, words),
        ];
        let forms = lists
            .iter()
            .flat_map(|(list, forms)| forms.iter().enumerate().map(|(i, f)| (*list, i, f.len())))
            .collect();
        let all = lists.iter().flat_map(|(_, forms)| forms.iter());
        let dfa = DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Unanchored)
            .build(all)
            .map_err(|e| LexiconError::Automaton(e.to_string()))?;
        flatten(&dfa, forms)
    }

    /// Walks `text` once and sorts what it found into `out`.
    pub fn scan(&self, text: &str, out: &mut Found) {
        out.triggers.clear();
        out.cues.clear();
        out.casualties.clear();
        out.words.clear();
        let bytes = text.as_bytes();
        // Every entry is a state plus a class, inside the table: masking by
        // the table's length less one changes no index, but shows the
        // compiler that none is out of bounds (no test per byte).
        let mask = self.trans.len().saturating_sub(1);
        let Some(trans) = self.trans.get(..=mask) else {
            return;
        };
        let step =
            |t: u32, b: u8| trans[(t as usize + usize::from(self.classes[usize::from(b)])) & mask];
        // A state, as its first entry in the table.
        let mut t = self.start;
        // Four bytes a round, with one test for a match among them: matches are rare.
        let mut quads = bytes.chunks_exact(4);
        let mut at = 0;
        for q in &mut quads {
            let t0 = step(t, q[0]);
            let t1 = step(t0, q[1]);
            let t2 = step(t1, q[2]);
            let t3 = step(t2, q[3]);
            if t0.max(t1).max(t2).max(t3) >= self.first_match {
                for (k, t) in [t0, t1, t2, t3].into_iter().enumerate() {
                    if t >= self.first_match {
                        self.record(t as usize, at + k + 1, out);
                    }
                }
            }
            t = t3;
            at += 4;
        }
        for (k, &b) in quads.remainder().iter().enumerate() {
            t = step(t, b);
            if t >= self.first_match {
                self.record(t as usize, at + k + 1, out);
            }
        }
        leftmost_longest(&mut out.triggers);
    }

    /// Notes the forms that end at `end` in the state reached there.
    fn record(&self, state: usize, end: usize, out: &mut Found) {
        let Some(ends) = self.ends.get(state / self.stride) else {
            return;
        };
        for &form in ends {
            let Some(&(list, index, len)) = self.forms.get(form) else {
                continue;
            };
            let hit = (end - len, end, index);
            match list {
                List::Trigger => out.triggers.push(hit),
                List::Cue => out.cues.push(hit),
                List::Casualty => out.casualties.push(hit),
                List::Word => out.words.push(hit),
            }
        }
    }
}

/// Copies the states reachable from the automaton's start into a flat table,
/// with bytes that no state tells apart sharing a class.
/// Hashes an automaton state id (a small integer) by one multiplication.
#[derive(Default)]
struct StateHasher(u64);

impl Hasher for StateHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0 ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn finish(&self) -> u64 {
        // High bits folded down: the table indexes by the low ones.
        self.0 ^ (self.0 >> 29)
    }
}

fn flatten(dfa: &DFA, forms: Vec<(List, usize, usize)>) -> Result<Scanner, LexiconError> {
    let start = dfa
        .start_state(Anchored::No)
        .map_err(|e| LexiconError::Automaton(e.to_string()))?;
    // Number the reachable states in breadth-first order. (States are
    // looked up 512 times each: a multiplicative hash, not SipHash.)
    let mut ids: HashMap<_, usize, BuildHasherDefault<StateHasher>> = HashMap::default();
    let mut order = vec![start];
    ids.insert(start, 0usize);
    let mut k = 0;
    while let Some(&sid) = order.get(k) {
        for b in 0..=255u8 {
            let next = dfa.next_state(Anchored::No, sid, b);
            if let Entry::Vacant(e) = ids.entry(next) {
                e.insert(order.len());
                order.push(next);
            }
        }
        k += 1;
    }
    let column = |b: u8| -> Vec<usize> {
        order
            .iter()
            .map(|&sid| ids[&dfa.next_state(Anchored::No, sid, b)])
            .collect()
    };
    let mut classes = [0u8; 256];
    let mut seen: Vec<(Vec<usize>, u8)> = Vec::new();
    for b in 0..=255u8 {
        let col = column(b);
        let class = match seen.iter().find(|(c, _)| *c == col) {
            Some((_, class)) => *class,
            None => {
                let class = u8::try_from(seen.len())
                    .map_err(|_| LexiconError::Automaton("too many byte classes".into()))?;
                seen.push((col, class));
                class
            }
        };
        classes[usize::from(b)] = class;
    }
    let stride = seen.len();
    let ends: Vec<Vec<usize>> = order
        .iter()
        .map(|&sid| match dfa.is_match(sid) {
            true => (0..dfa.match_len(sid))
                .map(|m| dfa.match_pattern(sid, m).as_usize())
                .collect(),
            false => Vec::new(),
        })
        .collect();
    // States that end no form come first: a state ends a form if its number
    // is at least `first_match`, one comparison (the start state ends none).
    let mut rank = vec![0usize; order.len()];
    let (plain, ending): (Vec<usize>, Vec<usize>) =
        (0..order.len()).partition(|&i| ends[i].is_empty());
    for (new, &old) in plain.iter().chain(&ending).enumerate() {
        rank[old] = new;
    }
    let too_large = || LexiconError::Automaton("automaton too large".into());
    // A power-of-two length: indexes masked by `len - 1` need no bounds test.
    let mut trans = vec![0u32; (order.len() * stride).next_power_of_two()];
    for from in 0..order.len() {
        for (col, class) in &seen {
            let next = u32::try_from(rank[col[from]] * stride).map_err(|_| too_large())?;
            trans[rank[from] * stride + usize::from(*class)] = next;
        }
    }
    let mut ranked = vec![Vec::new(); order.len()];
    for (old, e) in ends.into_iter().enumerate() {
        ranked[rank[old]] = e;
    }
    Ok(Scanner {
        trans,
        classes,
        stride,
        start: u32::try_from(rank[0] * stride).map_err(|_| too_large())?,
        first_match: u32::try_from(plain.len() * stride).map_err(|_| too_large())?,
        ends: ranked,
        forms,
    })
}

/// Keeps of `hits` what a leftmost-longest search finds: the hit that starts
/// first, the longest of those (the first form of equal ones), then the next
/// hit starting at or after its end. The result is in text order.
pub fn leftmost_longest(hits: &mut Vec<Hit>) {
    hits.sort_unstable_by_key(|&(s, e, i)| (s, Reverse(e), i));
    let mut end = 0;
    hits.retain(|&(s, e, _)| {
        let keep = s >= end;
        if keep {
            end = e;
        }
        keep
    });
}

/// The hits (sorted by end) lying inside `range`.
pub fn within<'h>(
    hits: &'h [Hit],
    range: &Range<usize>,
) -> impl Iterator<Item = &'h Hit> + use<'h> {
    let start = range.start;
    let lo = hits.partition_point(|h| h.1 <= start);
    let hi = hits.partition_point(|h| h.1 <= range.end);
    hits[lo..hi.max(lo)].iter().filter(move |h| h.0 >= start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn chooses_like_a_leftmost_longest_search() {
        let triggers = strings(&[
            "attack",
            "attacks",
            "Attack",
            "suicide attack",
            "ck on",
            "on",
        ]);
        let text = "A suicide attack on Monday; attacks followed. ATTACK on on";
        let s = Scanner::new(&triggers, &[], &[], &[]).unwrap();
        let mut found = Found::default();
        s.scan(text, &mut found);
        let reference = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&triggers)
            .unwrap();
        let want: Vec<Hit> = reference
            .find_iter(text)
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        assert_eq!(found.triggers, want);
    }

    #[test]
    fn words_and_cues_overlap() {
        let s = Scanner::new(
            &[],
            &strings(&["may"]),
            &strings(&["dead"]),
            &strings(&["lead", "leader", "ade"]),
        )
        .unwrap();
        let mut found = Found::default();
        s.scan("Leaders may", &mut found);
        assert_eq!(found.words, vec![(0, 4, 0), (2, 5, 2), (0, 6, 1)]);
        assert_eq!(found.cues, vec![(8, 11, 0)]);
        assert!(found.casualties.is_empty());
        let inside: Vec<&Hit> = within(&found.words, &(1..6)).collect();
        assert_eq!(inside, vec![&(2, 5, 2)]);
    }
}
