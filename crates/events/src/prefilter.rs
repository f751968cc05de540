//! Which pattern templates can match a sentence, decided without masking it.
//!
//! Most sentences state no relation and no route, yet masking one and running
//! the pattern set over it costs more than everything else the extractor does
//! with it. So each template is analysed once for what any match must contain:
//! words of its literal text (a match of "leader of" holds the word "leader")
//! and slot tokens of given kinds (a `{S:p}` slot needs a person mentioned).
//! A sentence is masked and matched only when some template's needs are met.
//!
//! Why this never loses a match: a run of two or more letters in the masked
//! text comes from consecutive chars of the sentence outside any mention
//! (slot tokens hold a single letter between a digit and `@`), and ASCII
//! letters fold to themselves in lower case. So a needed word is found by a
//! case-insensitive search of the original sentence, unless a non-ASCII char
//! folds to an ASCII letter there — then every word counts as present.

use std::ops::Range;

use evident_model::EntityKind;
use evident_text::fold::fold_char;
use regex_syntax::hir::{Hir, HirKind};

use crate::scan::{within, Hit};
use crate::sent::Ref;

/// Stands for the start of a slot token in the analysed form of a pattern.
pub const OPEN: u8 = 0x01;
/// Stands for the end of a slot token in the analysed form of a pattern.
pub const CLOSE: u8 = 0x02;

/// The shortest needed word worth searching for.
const MIN_WORD: usize = 3;

/// Something a match must contain.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Atom {
    /// A run of letters of the pattern's literal text.
    Word(String),
    /// A slot token of one of these kinds (bit mask of [`kind_bit`]).
    Kind(u8),
    /// A slot token of one of these kinds right followed by this text.
    Follow(u8, String),
}

/// What a match needs: all clauses, each met by any of its atoms.
type Cnf = Vec<Vec<Atom>>;

/// One clause compiled: met when the sentence mentions one of `kinds`,
/// holds one of the words of `bits` or has one of the follows.
#[derive(Debug, PartialEq, Eq)]
struct Clause {
    kinds: u8,
    bits: Vec<u64>,
    words: bool,
    follows: Vec<usize>,
}

/// The needs of every template of the relation and route sets.
#[derive(Debug)]
pub struct Prefilter {
    /// The needed words, searched by the document walk (see [`crate::scan`]).
    words: Vec<String>,
    follows: Vec<(u8, String)>,
    /// The clauses beyond kinds alone of all templates, each once.
    clauses: Vec<Clause>,
    /// Per template (relations, then routes): its clauses, a bit per clause.
    needs: Vec<Vec<u64>>,
    /// Per set of kinds mentioned (a 6-bit mask): the clauses it meets.
    kind_meets: Vec<Vec<u64>>,
    /// Per word: the clauses it meets.
    word_meets: Vec<Vec<u64>>,
    /// The clauses that have words; those that have follows.
    with_words: Vec<u64>,
    with_follows: Vec<u64>,
    relation_count: usize,
    /// Per set of kinds mentioned (a 6-bit mask): the templates whose kind
    /// needs it meets.
    by_kinds: Vec<Vec<usize>>,
    /// The same templates' clause needs, one after the other, `stride` words each.
    listed_needs: Vec<Vec<u64>>,
    /// Words of a clause bit set.
    stride: usize,
}

/// What one sentence offers, and which templates may match it.
#[derive(Debug, Default)]
pub struct Present {
    kinds: u8,
    /// The clauses met by the kinds and words of the sentence, and those
    /// found met by what follows references.
    met: Vec<u64>,
    /// The clauses known not met.
    unmet: Vec<u64>,
    /// Per follow: 0 not read yet, 1 absent, 2 present.
    follows: Vec<u8>,
    /// Ends and kind bits of the sentence's references.
    refs: Vec<(usize, u8)>,
    /// Per template, relations then routes: may it match?
    ok: Vec<bool>,
    relation_count: usize,
}

impl Present {
    /// True if relation template `i` may match.
    pub fn relation(&self, i: usize) -> bool {
        self.ok.get(i).copied().unwrap_or(true)
    }

    /// True if route template `i` may match.
    pub fn route(&self, i: usize) -> bool {
        self.ok
            .get(self.relation_count + i)
            .copied()
            .unwrap_or(true)
    }
}

/// The bit of a kind in kind masks.
pub fn kind_bit(kind: EntityKind) -> u8 {
    letter_bit(crate::template::kind_letter(kind) as u8)
}

fn letter_bit(letter: u8) -> u8 {
    match letter {
        b'p' => 1,
        b'a' => 2,
        b'o' => 4,
        b'c' => 8,
        b'l' => 16,
        b'e' => 32,
        // A letter no kind has: no mention can fill it.
        _ => 0,
    }
}

/// Interns the words and follows of the templates' needs.
#[derive(Default)]
struct Tables {
    words: Vec<String>,
    follows: Vec<(u8, String)>,
}

impl Tables {
    /// The clauses of a template worth checking, as atom lists.
    fn clauses(&mut self, src: &str) -> Vec<Vec<Atom>> {
        let clauses: Vec<Vec<Atom>> = cnf_of(src)
            .into_iter()
            // Short words ("in", "of") are in nearly every sentence: not worth a search.
            .filter(|clause| strength(clause) >= MIN_WORD)
            .collect();
        for a in clauses.iter().flatten() {
            match a {
                Atom::Word(w) => intern(&mut self.words, w.clone()),
                Atom::Follow(k, t) => intern(&mut self.follows, (*k, t.clone())),
                Atom::Kind(_) => {}
            }
        }
        clauses
    }

    fn compile(&self, clause: &[Atom]) -> Clause {
        let stride = self.words.len().div_ceil(64);
        let mut c = Clause {
            kinds: 0,
            bits: vec![0; stride],
            words: false,
            follows: Vec::new(),
        };
        for a in clause {
            let i = match a {
                Atom::Kind(k) => {
                    c.kinds |= k;
                    continue;
                }
                Atom::Word(w) => {
                    c.words = true;
                    position(&self.words, w)
                }
                Atom::Follow(k, t) => {
                    c.follows.push(position(&self.follows, &(*k, t.clone())));
                    continue;
                }
            };
            c.bits[i / 64] |= 1 << (i % 64);
        }
        c
    }
}

/// `to |= from`, bit by bit.
fn or_into(to: &mut [u64], from: &[u64]) {
    for (t, f) in to.iter_mut().zip(from) {
        *t |= f;
    }
}

/// The index of `x` in `list`, added if missing.
fn intern_at<T: PartialEq>(list: &mut Vec<T>, x: T) -> usize {
    match list.iter().position(|y| *y == x) {
        Some(i) => i,
        None => {
            list.push(x);
            list.len() - 1
        }
    }
}

fn intern<T: PartialEq>(list: &mut Vec<T>, x: T) {
    if !list.contains(&x) {
        list.push(x);
    }
}

fn position<T: PartialEq>(list: &[T], x: &T) -> usize {
    list.iter().position(|y| y == x).unwrap_or(0)
}

impl Prefilter {
    /// Builds the prefilter from the analysed sources of both template sets.
    pub fn new(relations: &[String], routes: &[String]) -> Self {
        let mut t = Tables::default();
        let all: Vec<Vec<Vec<Atom>>> = relations
            .iter()
            .chain(routes)
            .map(|s| t.clauses(s))
            .collect();
        let only_kinds = |c: &Vec<Atom>| c.iter().all(|a| matches!(a, Atom::Kind(_)));
        let by_kinds: Vec<Vec<usize>> = (0..64u8)
            .map(|kinds| {
                let fits = |cs: &Vec<Vec<Atom>>| {
                    cs.iter().filter(|c| only_kinds(c)).all(|c| {
                        c.iter()
                            .any(|a| matches!(a, Atom::Kind(k) if k & kinds != 0))
                    })
                };
                (0..all.len()).filter(|&i| fits(&all[i])).collect()
            })
            .collect();
        let mut clauses: Vec<Clause> = Vec::new();
        let lists: Vec<Vec<usize>> = all
            .iter()
            .map(|cs| {
                let compiled = cs.iter().filter(|c| !only_kinds(c)).map(|c| t.compile(c));
                compiled.map(|c| intern_at(&mut clauses, c)).collect()
            })
            .collect();
        // At least one word, so each template's needs can be cut from a flat list.
        let stride = clauses.len().div_ceil(64).max(1);
        let mask = |met: &dyn Fn(&Clause) -> bool| {
            let mut bits = vec![0u64; stride];
            for (i, c) in clauses.iter().enumerate() {
                if met(c) {
                    bits[i / 64] |= 1 << (i % 64);
                }
            }
            bits
        };
        let needs: Vec<Vec<u64>> = lists
            .iter()
            .map(|list| {
                let mut bits = vec![0u64; stride];
                for &i in list {
                    bits[i / 64] |= 1 << (i % 64);
                }
                bits
            })
            .collect();
        let kind_meets = (0..64u8).map(|k| mask(&|c| c.kinds & k != 0)).collect();
        let word_meets = (0..t.words.len())
            .map(|w| mask(&|c| c.bits.get(w / 64).is_some_and(|b| b & (1 << (w % 64)) != 0)))
            .collect();
        let listed_needs = by_kinds
            .iter()
            .map(|ts| {
                ts.iter()
                    .flat_map(|&t: &usize| needs[t].iter().copied())
                    .collect()
            })
            .collect();
        let with_words = mask(&|c| c.words);
        let with_follows = mask(&|c| !c.follows.is_empty());
        Prefilter {
            words: t.words,
            follows: t.follows,
            clauses,
            needs,
            kind_meets,
            word_meets,
            with_words,
            with_follows,
            relation_count: relations.len(),
            by_kinds,
            listed_needs,
            stride,
        }
    }

    /// The words the templates need, for the document walk.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// Decides which templates may match sentence `range` of `text` with
    /// references `refs`, given the needed words found in the document
    /// (`words`, by end); false if none may. The clauses met by the kinds
    /// and words are marked at once; what follows references is read only
    /// for templates that lack nothing else.
    pub fn read(
        &self,
        text: &str,
        range: Range<usize>,
        refs: &[Ref],
        words: &[Hit],
        p: &mut Present,
    ) -> bool {
        p.kinds = refs.iter().fold(0, |k, r| k | kind_bit(r.kind));
        p.relation_count = self.relation_count;
        p.ok.clear();
        p.ok.resize(self.needs.len(), false);
        let kinds = usize::from(p.kinds & 0x3f);
        let (Some(listed), Some(kind_meets)) =
            (self.by_kinds.get(kinds), self.kind_meets.get(kinds))
        else {
            return false;
        };
        if listed.is_empty() {
            return false;
        }
        p.follows.clear();
        p.follows.resize(self.follows.len(), 0);
        p.refs.clear();
        p.refs
            .extend(refs.iter().map(|r| (r.range.end, kind_bit(r.kind))));
        p.met.clear();
        p.met.extend_from_slice(kind_meets);
        self.mark_words(text, &range, words, p);
        // Not met, and nothing left to read that could meet them.
        p.unmet.clear();
        p.unmet
            .extend(p.met.iter().zip(&self.with_follows).map(|(m, f)| !m & !f));
        let mut any = false;
        // Most listed templates need a clause known unmet: that test reads
        // their needs in one flat run before anything else.
        let flat = self.listed_needs.get(kinds).map_or(&[][..], Vec::as_slice);
        for (&t, need) in listed.iter().zip(flat.chunks_exact(self.stride)) {
            if need.iter().zip(&p.unmet).any(|(n, u)| n & u != 0) {
                continue;
            }
            if self.needs_met(t, text, p) {
                p.ok[t] = true;
                any = true;
            }
        }
        any
    }

    /// True if every clause of template `t` is met, reading follows last.
    fn needs_met(&self, t: usize, text: &str, p: &mut Present) -> bool {
        let Some(needs) = self.needs.get(t) else {
            return true;
        };
        if needs.iter().zip(&p.unmet).any(|(n, u)| n & u != 0) {
            return false;
        }
        for (j, &need) in needs.iter().enumerate() {
            let mut missing = need & !p.met[j];
            while missing != 0 {
                let bit = missing & missing.wrapping_neg();
                missing &= missing - 1;
                let c = &self.clauses[j * 64 + bit.trailing_zeros() as usize];
                // Each clause read once per sentence, whichever templates share it.
                if c.follows.iter().any(|&f| self.follows_at(f, text, p)) {
                    p.met[j] |= bit;
                } else {
                    p.unmet[j] |= bit;
                    return false;
                }
            }
        }
        true
    }

    /// Marks the clauses met by the needed words found inside the sentence.
    fn mark_words(&self, text: &str, range: &Range<usize>, words: &[Hit], p: &mut Present) {
        if folds_to_letter(&text[range.clone()]) {
            // Any word may be there, spelt with letters the search does not fold.
            or_into(&mut p.met, &self.with_words);
            return;
        }
        for &(_, _, w) in within(words, range) {
            if let Some(meets) = self.word_meets.get(w) {
                or_into(&mut p.met, meets);
            }
        }
    }

    /// True if follow `f` is right after one of the sentence's references (read once).
    fn follows_at(&self, f: usize, text: &str, p: &mut Present) -> bool {
        match p.follows.get(f) {
            Some(1) => return false,
            Some(2) => return true,
            _ => {}
        }
        let Some((k, after)) = self.follows.get(f) else {
            return true;
        };
        let holds = p
            .refs
            .iter()
            .any(|&(end, bit)| bit & k != 0 && folds_to(&text[end..], after));
        if let Some(state) = p.follows.get_mut(f) {
            *state = if holds { 2 } else { 1 };
        }
        holds
    }
}

/// True if a non-ASCII char of `sentence` folds to an ASCII letter or digit.
/// Jumps between non-ASCII bytes: only those chars are decoded.
fn folds_to_letter(sentence: &str) -> bool {
    if sentence.is_ascii() {
        return false;
    }
    let bytes = sentence.as_bytes();
    let mut i = 0;
    while let Some(at) = next_wide(bytes, i) {
        // Everything before is ASCII or whole chars: `at` starts a char.
        let Some(c) = sentence.get(at..).and_then(|r| r.chars().next()) else {
            return false;
        };
        if fold_char(c).is_ascii_alphanumeric() {
            return true;
        }
        i = at + c.len_utf8();
    }
    false
}

/// The first non-ASCII byte at or after `i`, skipping eight ASCII bytes a step.
fn next_wide(bytes: &[u8], mut i: usize) -> Option<usize> {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().ok()?);
        if word & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        i += 8;
    }
    let off = bytes.get(i..)?.iter().position(|b| !b.is_ascii())?;
    Some(i + off)
}

/// True if `text`, folded as the masked form folds it right after a slot
/// token, starts with `want` (see `Sent::masked`).
fn folds_to(text: &str, want: &str) -> bool {
    folds_to_ascii(text.as_bytes(), want.as_bytes()).unwrap_or_else(|| folds_to_chars(text, want))
}

/// [`folds_to`] by bytes while the text is ASCII; `None` when a non-ASCII
/// byte comes before the answer is known.
fn folds_to_ascii(text: &[u8], want: &[u8]) -> Option<bool> {
    let mut k = 0;
    let mut space = false;
    for &b in text {
        let Some(&w) = want.get(k) else {
            return Some(true);
        };
        let out = match b {
            b'\t'..=b'\r' | b' ' if space => continue,
            b'\t'..=b'\r' | b' ' | b'@' => b' ',
            _ if b.is_ascii() => b.to_ascii_lowercase(),
            _ => return None,
        };
        if out != w {
            return Some(false);
        }
        space = out == b' ';
        k += 1;
    }
    Some(k == want.len())
}

/// [`folds_to`] char by char, folding non-ASCII chars.
fn folds_to_chars(text: &str, want: &str) -> bool {
    let mut want = want.bytes();
    let mut next = want.next();
    let mut space = false;
    for c in text.chars() {
        let Some(w) = next else { break };
        let f = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            fold_char(c)
        };
        let out = if f.is_whitespace() {
            if space {
                continue;
            }
            b' '
        } else if f == '@' {
            b' '
        } else if f.is_ascii() {
            f as u8
        } else {
            b'~'
        };
        if out != w {
            return false;
        }
        space = out == b' ';
        next = want.next();
    }
    next.is_none()
}

/// The needs of an analysed pattern source; none (always a candidate) if it does not parse.
fn cnf_of(src: &str) -> Cnf {
    let parsed = regex_syntax::ParserBuilder::new()
        .utf8(false)
        .build()
        .parse(src);
    parsed.map_or_else(|_| Vec::new(), |hir| needs(&hir))
}

/// What every match of `hir` contains.
fn needs(hir: &Hir) -> Cnf {
    match hir.kind() {
        HirKind::Literal(lit) => literal_atoms(&lit.0).into_iter().map(|a| vec![a]).collect(),
        HirKind::Capture(c) => needs(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => needs(&r.sub),
        HirKind::Concat(parts) => {
            let mut cnf: Cnf = parts.iter().flat_map(needs).collect();
            // A slot at the end of a group, one of some texts right after the group.
            for (i, part) in parts.iter().enumerate() {
                let Some(k) = ends_in_slot(part) else {
                    continue;
                };
                if let Some(texts) = follow_texts(&parts[i + 1..]) {
                    cnf.push(texts.into_iter().map(|t| Atom::Follow(k, t)).collect());
                }
            }
            cnf
        }
        HirKind::Alternation(branches) => {
            // Each branch needs its best clause; the alternation needs one of them.
            let mut clause = Vec::new();
            for b in branches {
                match needs(b).into_iter().max_by_key(|c| strength(c)) {
                    Some(best) => clause.extend(best),
                    None => return Vec::new(),
                }
            }
            vec![clause]
        }
        _ => Vec::new(),
    }
}

/// The kinds of the slot token every match of `hir` ends with, if any.
fn ends_in_slot(hir: &Hir) -> Option<u8> {
    match hir.kind() {
        HirKind::Literal(lit) => {
            let b = &lit.0;
            let body = b.strip_suffix(&[CLOSE])?;
            let open = body.iter().rposition(|&c| c == OPEN)?;
            let kinds = &body[open + 1..];
            (!kinds.contains(&CLOSE)).then(|| kinds.iter().fold(0, |m, &c| m | letter_bit(c)))
        }
        HirKind::Capture(c) => ends_in_slot(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => ends_in_slot(&r.sub),
        HirKind::Concat(parts) => ends_in_slot(parts.last()?),
        HirKind::Alternation(branches) => branches
            .iter()
            .map(ends_in_slot)
            .try_fold(0, |m, k| Some(m | k?)),
        _ => None,
    }
}

/// The texts (two bytes or more each, up to a slot token) one of which
/// every match of the sequence `parts` starts with, if known.
fn follow_texts(parts: &[Hir]) -> Option<Vec<String>> {
    let (texts, _) = seq_prefixes(parts);
    let useful = !texts.is_empty() && texts.iter().all(|t| t.len() >= 2);
    useful.then(|| {
        texts
            .iter()
            .map(|t| String::from_utf8_lossy(t).into_owned())
            .collect()
    })
}

/// At most this many alternative prefixes are followed.
const MAX_PREFIXES: usize = 16;

/// Prefixes one of which every match of the sequence `parts` starts with,
/// and whether they are whole matches (nothing else follows them).
fn seq_prefixes(parts: &[Hir]) -> (Vec<Vec<u8>>, bool) {
    let mut acc: Vec<Vec<u8>> = vec![Vec::new()];
    for part in parts {
        let Some((next, whole)) = prefixes(part) else {
            return (acc, false);
        };
        if acc.len() * next.len() > MAX_PREFIXES {
            return (acc, false);
        }
        acc = acc
            .iter()
            .flat_map(|a| next.iter().map(move |n| [a.as_slice(), n].concat()))
            .collect();
        if !whole {
            return (acc, false);
        }
    }
    (acc, true)
}

/// Prefixes one of which every match of `hir` starts with (up to a slot
/// token), and whether they are whole matches; None if unknown.
fn prefixes(hir: &Hir) -> Option<(Vec<Vec<u8>>, bool)> {
    match hir.kind() {
        HirKind::Literal(lit) => {
            let b = &lit.0;
            let end = b.iter().position(|&c| matches!(c, OPEN | CLOSE | b'@'));
            let whole = end.is_none();
            Some((vec![b[..end.unwrap_or(b.len())].to_vec()], whole))
        }
        HirKind::Capture(c) => prefixes(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => prefixes(&r.sub).map(|(p, _)| (p, false)),
        HirKind::Concat(parts) => Some(seq_prefixes(parts)),
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            let mut whole = true;
            for b in branches {
                let (p, w) = prefixes(b)?;
                all.extend(p);
                whole &= w;
            }
            Some((all, whole))
        }
        _ => None,
    }
}

/// How rarely a clause is met, roughly: the length of its shortest word
/// (kinds count as long words: they cost nothing to check).
fn strength(clause: &[Atom]) -> usize {
    clause
        .iter()
        .map(|a| match a {
            Atom::Word(w) => w.len(),
            Atom::Kind(_) => MIN_WORD,
            Atom::Follow(_, t) => MIN_WORD + t.len(),
        })
        .min()
        .unwrap_or(0)
}

/// The words (runs of two or more letters) and slot kinds a literal holds.
/// Letters touching a slot token (`@`, the markers) may be its kind letter: skipped.
fn literal_atoms(bytes: &[u8]) -> Vec<Atom> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut run_start = 0;
    while i <= bytes.len() {
        let b = bytes.get(i).copied();
        if b.is_some_and(|b| b.is_ascii_lowercase()) {
            i += 1;
            continue;
        }
        let run = &bytes[run_start..i];
        let touches_slot = matches!(b, Some(b'@') | Some(CLOSE));
        if run.len() >= 2 && !touches_slot {
            out.push(Atom::Word(String::from_utf8_lossy(run).into_owned()));
        }
        if b == Some(OPEN) {
            // A whole marker is a slot of its kinds; a cut one tells nothing.
            let Some(len) = bytes[i + 1..].iter().position(|&c| c == CLOSE) else {
                break;
            };
            let mask = bytes[i + 1..i + 1 + len]
                .iter()
                .fold(0, |m, &c| m | letter_bit(c));
            out.push(Atom::Kind(mask));
            i += len + 1;
            // The text glued to the token, up to the next token.
            let after = &bytes[i + 1..];
            let stop = after
                .iter()
                .position(|&c| matches!(c, OPEN | CLOSE | b'@'))
                .unwrap_or(after.len());
            if stop >= 2 {
                let text = String::from_utf8_lossy(&after[..stop]).into_owned();
                out.push(Atom::Follow(mask, text));
            }
        }
        i += 1;
        run_start = i;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(src: &str) -> Vec<Vec<String>> {
        cnf_of(src)
            .into_iter()
            .map(|c| {
                c.into_iter()
                    .map(|a| match a {
                        Atom::Word(w) => w,
                        Atom::Kind(k) => format!("<{k}>"),
                        Atom::Follow(k, t) => format!("<{k}>{t}"),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn finds_needed_words_and_kinds() {
        let src = "(?-u)(?P<s>(?:the )?\x01p\x02),? (?:the )?(?:leader|head) of (?:the )?(?:@\\d+c@ )?(?P<o>(?:the )?\x01ao\x02)";
        assert_eq!(
            words(src),
            vec![
                vec!["<1>".to_string()],
                vec!["leader".into(), "head".into()],
                vec!["of".into()],
                vec!["<6>".into()]
            ]
        );
    }

    #[test]
    fn optional_parts_need_nothing() {
        assert!(words("(?-u)(?:leader )?x").is_empty());
        assert_eq!(words("(?-u)a|bc"), Vec::<Vec<String>>::new());
    }

    #[test]
    fn text_glued_to_a_slot_follows_it() {
        assert_eq!(
            literal_atoms(b"\x01cl\x02's \x01l\x02"),
            vec![
                Atom::Kind(24),
                Atom::Follow(24, "'s ".into()),
                Atom::Kind(16)
            ]
        );
    }

    #[test]
    fn folds_like_the_masked_form() {
        assert!(folds_to("\u{2019}s  \n Xinjiang", "'s xin"));
        assert!(folds_to(" IN the", " in "));
        assert!(!folds_to(" in", " in "));
        assert!(folds_to("  in ", " in "));
        assert!(!folds_to(" @in ", " in "));
        assert!(folds_to(" Çin", " cin"));
        // First bytes read without decoding: case, white space and `@`.
        assert!(folds_to("Xin", "x"));
        assert!(folds_to("\tin", " in"));
        assert!(folds_to("@ in", " in"));
        assert!(!folds_to("of", " of"));
        assert!(!folds_to("", "x"));
        assert!(folds_to("", ""));
        // The byte reading agrees with the char reading on ASCII text.
        for (t, w) in [
            (" IN the", " in "),
            ("  in ", " in "),
            (" @in ", " in "),
            ("'s\t\tx", "'s x"),
        ] {
            assert_eq!(
                folds_to_ascii(t.as_bytes(), w.as_bytes()),
                Some(folds_to_chars(t, w))
            );
        }
        assert_eq!(folds_to_ascii(" Çin".as_bytes(), b" cin"), None);
    }

    #[test]
    fn finds_non_ascii_chars_folding_to_letters() {
        for t in [
            "plain text",
            "“quoted” — dash",
            "Ürümqi",
            "a ﬁle",
            "x\u{a0}y",
            "naïve",
            "",
        ] {
            let slow = t
                .chars()
                .any(|c| !c.is_ascii() && fold_char(c).is_ascii_alphanumeric());
            assert_eq!(folds_to_letter(t), slow, "{t}");
        }
    }

    #[test]
    fn kind_letters_are_no_words() {
        assert_eq!(
            literal_atoms(b"ao\x02 x@'s pa@ in"),
            vec![Atom::Word("in".into())]
        );
        assert_eq!(literal_atoms(b"in \x01pa"), vec![Atom::Word("in".into())]);
    }
}
