//! The claims lexicons: data files under `data/lexicons/claims/`, compiled
//! in with `include_str!` and parsed once.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
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

/// A small fast hasher for short word keys (FxHash's multiply-rotate):
/// word lookups run once per token, so SipHash's cost shows.
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Eight bytes at a time: most words take one or two rounds.
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // Byte by byte: a copy of a few bytes would be a `memcpy` call.
            let w = rest
                .iter()
                .rev()
                .fold(0u64, |w, &b| (w << 8) | u64::from(b));
            self.add(w);
        }
    }
    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Bit flags of a token's word: which lexicons a phrase may start with it.
pub mod flag {
    pub const NUMBER: u32 = 1;
    pub const VAGUE: u32 = 1 << 1;
    pub const DATE: u32 = 1 << 2;
    pub const AGREEMENT: u32 = 1 << 3;
    pub const COUNTED: u32 = 1 << 4;
    pub const REPORT: u32 = 1 << 5;
    pub const FIGHTER_CUE: u32 = 1 << 6;
    pub const NEGATION: u32 = 1 << 7;
    pub const UNIT_FIRST: u32 = 1 << 8;
    pub const UNIT_LAST: u32 = 1 << 9;
    pub const MODIFIER_LAST: u32 = 1 << 10;
    /// The second word of a phrase of some lexicon: a phrase of two words or
    /// more can only start before such a word.
    pub const SECOND: u32 = 1 << 11;
    /// Which of the [`REPORT`] lists a word is in.
    pub const REPORT_NOUN: u32 = 1 << 12;
    pub const REPORTING_VERB: u32 = 1 << 13;
    pub const PUBLISH_VERB: u32 = 1 << 14;
    /// Which kind of date a [`DATE`] word may open.
    pub const MONTH: u32 = 1 << 15;
    pub const DATE_PART: u32 = 1 << 16;
    pub const NAMED_DATE: u32 = 1 << 17;
    pub const RELATIVE: u32 = 1 << 18;
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
    pub number_words: WMap<(f64, WordKind)>,
    pub fractions: WMap<f64>,
    pub vague: Vec<(Phrase, f64, f64)>,
    pub modifiers: Vec<(Phrase, Effect)>,
    pub units: Vec<(Phrase, UnitPos, String)>,
    pub not_before: WSet,
    pub not_after: WSet,
    pub reporting_verbs: WSet,
    pub report_nouns: WSet,
    /// Verbs that attribute only with a report noun after them ("X published a report").
    pub publish_verbs: WSet,
    pub negation: Vec<Phrase>,
    pub irrealis: WSet,
    pub months: WMap<u32>,
    pub date_parts: Vec<(Phrase, u32, u32)>,
    pub named_dates: Vec<(Phrase, String)>,
    pub agreement_types: Vec<(Phrase, String)>,
    pub agreement_words: WMap<bool>,
    pub counted: Vec<(Phrase, String, NounClass)>,
    pub function_words: WSet,
    /// Verbs that name a count of people: (word, what, true when before the number).
    pub verbs: Vec<(String, String, bool)>,
    /// Words that make people counted near them fighters ("joined", "fighting").
    pub fighter_cues: WSet,
    /// Sentence openings that continue the previous sentence's source and time.
    pub continue_markers: Vec<Phrase>,
    /// Sentence openings that name another source.
    pub break_markers: Vec<Phrase>,
    /// Indexes of phrases by their first (or last) word: positions in the lists above.
    pub vague_first: Ix,
    pub modifiers_last: Ix,
    pub units_first: Ix,
    pub units_last: Ix,
    pub counted_first: Ix,
    pub agreement_first: Ix,
    pub date_parts_first: Ix,
    pub continue_first: Ix,
    pub break_first: Ix,
    /// Bits of the (first byte, last byte, length) keys of flagged words
    /// ([`filter_key`]): most words skip the hash lookup.
    pub flag_filter: Vec<u64>,
    /// Flags of the words that may start a phrase of some lexicon.
    pub flags: HashMap<String, u32, BuildHasherDefault<WordHasher>>,
    /// The same for words of at most eight bytes, looked up faster.
    pub short_flags: ShortTable,
}

/// A word-keyed map with the fast [`WordHasher`].
pub type WMap<V> = HashMap<String, V, BuildHasherDefault<WordHasher>>;
/// A word set with the fast [`WordHasher`].
pub type WSet = HashSet<String, BuildHasherDefault<WordHasher>>;

/// Word → positions of the phrases it starts (or ends), longest phrase first.
#[derive(Default)]
pub struct Ix {
    lists: Vec<Vec<usize>>,
    /// Words of up to eight bytes → 1 + the index of their list.
    short: ShortTable,
    /// Longer words → the index of their list.
    long: WMap<usize>,
}

impl Ix {
    fn get(&self, w: &str) -> &[usize] {
        let list = match short_key(w.as_bytes()) {
            Some(key) => (self.short.get(key) as usize).checked_sub(1),
            None => self.long.get(w).copied(),
        };
        list.and_then(|i| self.lists.get(i))
            .map_or(&[], Vec::as_slice)
    }
}

fn index<'a>(phrases: impl Iterator<Item = &'a Phrase>, last: bool) -> Ix {
    let mut by_word: WMap<Vec<usize>> = WMap::default();
    for (i, p) in phrases.enumerate() {
        let w = if last { p.last() } else { p.first() };
        if let Some(w) = w {
            by_word.entry(w.clone()).or_default().push(i);
        }
    }
    let mut ix = Ix::default();
    let mut short = Vec::new();
    for (w, list) in by_word {
        match short_key(w.as_bytes()) {
            Some(key) => short.push((key, ix.lists.len() as u32 + 1)),
            None => {
                ix.long.insert(w, ix.lists.len());
            }
        }
        ix.lists.push(list);
    }
    ix.short = ShortTable::new(short);
    ix
}

/// The positions listed for a word.
pub fn ix<'a>(ix: &'a Ix, w: &str) -> &'a [usize] {
    ix.get(w)
}

impl Lexicons {
    /// The flags of the token `text[start..end]`: short words are read as
    /// one eight-byte load where the text goes on long enough.
    pub fn flags_in(&self, text: &[u8], start: usize, end: usize) -> u32 {
        let len = end - start;
        if let (1..=8, Some(eight)) = (len, text.get(start..start + 8)) {
            let mut b = [0u8; 8];
            b.copy_from_slice(eight);
            let key = u64::from_le_bytes(b) & (u64::MAX >> (64 - 8 * len));
            return self.short_flags.get(key);
        }
        std::str::from_utf8(&text[start..end]).map_or(0, |w| self.flags_of(w))
    }

    /// The flags of a token text (0 when it starts nothing).
    pub fn flags_of(&self, w: &str) -> u32 {
        if let Some(key) = short_key(w.as_bytes()) {
            return self.short_flags.get(key);
        }
        let Some(&first) = w.as_bytes().first() else {
            return 0;
        };
        let k = filter_key(w.as_bytes(), first);
        if self.flag_filter[k / 64] & (1 << (k % 64)) == 0 {
            return 0;
        }
        self.flags.get(w).copied().unwrap_or(0)
    }
}

const FILTER_BITS: usize = 1 << 16;

/// A word of one to eight bytes as a number (its bytes, zero-padded): words
/// hold no zero byte, so the number is the word.
fn short_key(w: &[u8]) -> Option<u64> {
    if w.is_empty() || w.len() > 8 {
        return None;
    }
    Some(w.iter().rev().fold(0u64, |k, &b| (k << 8) | u64::from(b)))
}

/// Values of short words (keys from [`short_key`]) in an open-addressing
/// table a quarter full: a lookup is a multiply and one or two compares,
/// where a map of strings hashes the text and compares strings. Most
/// tokens are short words.
#[derive(Default)]
pub struct ShortTable {
    slots: Vec<(u64, u32)>,
    shift: u32,
}

impl ShortTable {
    fn new(entries: Vec<(u64, u32)>) -> Self {
        let size = (entries.len().max(1) * 4).next_power_of_two();
        let mut t = ShortTable {
            slots: vec![(0, 0); size],
            shift: 64 - size.trailing_zeros(),
        };
        for (key, v) in entries {
            let mut i = t.slot(key);
            while t.slots[i].0 != 0 && t.slots[i].0 != key {
                i = (i + 1) & (size - 1);
            }
            t.slots[i] = (key, v);
        }
        t
    }

    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    fn get(&self, key: u64) -> u32 {
        let Some(mask) = self.slots.len().checked_sub(1) else {
            return 0;
        };
        let mut i = self.slot(key);
        loop {
            match self.slots.get(i) {
                Some(&(k, f)) if k == key => return f,
                Some(&(0, _)) | None => return 0,
                Some(_) => i = (i + 1) & mask,
            }
        }
    }
}

/// A word's bit in the flag filter: its first and last bytes and length.
fn filter_key(w: &[u8], first: u8) -> usize {
    let last = usize::from(*w.last().unwrap_or(&first));
    ((usize::from(first) << 8 | last) * 31 + w.len().min(31)) % FILTER_BITS
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
        number_words: WMap::default(),
        fractions: WMap::default(),
        vague: Vec::new(),
        modifiers: Vec::new(),
        units: Vec::new(),
        not_before: WSet::default(),
        not_after: WSet::default(),
        reporting_verbs: WSet::default(),
        report_nouns: WSet::default(),
        publish_verbs: WSet::default(),
        negation: Vec::new(),
        irrealis: WSet::default(),
        months: WMap::default(),
        date_parts: Vec::new(),
        named_dates: Vec::new(),
        agreement_types: Vec::new(),
        agreement_words: WMap::default(),
        counted: Vec::new(),
        function_words: WSet::default(),
        verbs: Vec::new(),
        fighter_cues: WSet::default(),
        continue_markers: Vec::new(),
        break_markers: Vec::new(),
        flags: HashMap::default(),
        flag_filter: vec![0; FILTER_BITS / 64],
        short_flags: ShortTable::default(),
        vague_first: Ix::default(),
        modifiers_last: Ix::default(),
        units_first: Ix::default(),
        units_last: Ix::default(),
        counted_first: Ix::default(),
        agreement_first: Ix::default(),
        date_parts_first: Ix::default(),
        continue_first: Ix::default(),
        break_first: Ix::default(),
    };
    for r in rows(lexicon_file!("function_words.tsv")) {
        lex.function_words.insert(r[0].to_string());
    }
    for r in rows(lexicon_file!("verbs.tsv")) {
        if col(&r, 2) == "topic" {
            lex.fighter_cues.insert(r[0].to_string());
        } else {
            lex.verbs.push((
                r[0].to_string(),
                col(&r, 1).to_string(),
                col(&r, 2) == "before",
            ));
        }
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
            "publish" => {
                lex.publish_verbs.insert(r[0].to_string());
            }
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
    index_flags(&mut lex);
    // Longest phrases first so that a scan takes the longest match.
    lex.vague.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    lex.modifiers.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    lex.units.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    lex.date_parts.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    lex.agreement_types
        .sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    lex.counted.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    lex.vague_first = index(lex.vague.iter().map(|x| &x.0), false);
    lex.modifiers_last = index(lex.modifiers.iter().map(|x| &x.0), true);
    lex.units_first = index(lex.units.iter().map(|x| &x.0), false);
    lex.units_last = index(lex.units.iter().map(|x| &x.0), true);
    lex.counted_first = index(lex.counted.iter().map(|x| &x.0), false);
    lex.agreement_first = index(lex.agreement_types.iter().map(|x| &x.0), false);
    lex.date_parts_first = index(lex.date_parts.iter().map(|x| &x.0), false);
    lex.continue_markers
        .sort_by_key(|p| std::cmp::Reverse(p.len()));
    lex.break_markers
        .sort_by_key(|p| std::cmp::Reverse(p.len()));
    lex.continue_first = index(lex.continue_markers.iter(), false);
    lex.break_first = index(lex.break_markers.iter(), false);
    lex
}

fn index_flags(lex: &mut Lexicons) {
    let mut f: HashMap<String, u32, BuildHasherDefault<WordHasher>> = HashMap::default();
    let mut add = |w: &str, bit: u32| *f.entry(w.to_string()).or_default() |= bit;
    for w in lex.number_words.keys().chain(lex.fractions.keys()) {
        add(w, flag::NUMBER);
    }
    for w in ["a", "an", "half", "one", "minus", "negative"] {
        add(w, flag::NUMBER);
    }
    for (p, _, _) in &lex.vague {
        add(&p[0], flag::VAGUE);
    }
    for w in lex.months.keys() {
        add(w, flag::DATE | flag::MONTH);
    }
    for (p, _, _) in &lex.date_parts {
        add(&p[0], flag::DATE | flag::DATE_PART);
    }
    for (p, _) in &lex.named_dates {
        add(&p[0], flag::DATE | flag::NAMED_DATE);
    }
    for w in [
        "last",
        "this",
        "next",
        "earlier",
        "later",
        "yesterday",
        "today",
        "past",
    ] {
        add(w, flag::DATE | flag::RELATIVE);
    }
    for (p, _) in &lex.agreement_types {
        add(&p[0], flag::AGREEMENT);
    }
    for (p, _, _) in &lex.counted {
        add(&p[0], flag::COUNTED);
    }
    for w in lex
        .reporting_verbs
        .iter()
        .chain(lex.report_nouns.iter())
        .chain(lex.publish_verbs.iter())
    {
        add(w, flag::REPORT);
    }
    for (set, bit) in [
        (&lex.report_nouns, flag::REPORT_NOUN),
        (&lex.reporting_verbs, flag::REPORTING_VERB),
        (&lex.publish_verbs, flag::PUBLISH_VERB),
    ] {
        for w in set {
            add(w, bit);
        }
    }
    for w in &lex.fighter_cues {
        add(w, flag::FIGHTER_CUE);
    }
    for (p, _, _) in &lex.units {
        if let (Some(a), Some(b)) = (p.first(), p.last()) {
            add(a, flag::UNIT_FIRST);
            add(b, flag::UNIT_LAST);
        }
    }
    for (p, _) in &lex.modifiers {
        if let Some(w) = p.last() {
            add(w, flag::MODIFIER_LAST);
        }
    }
    for p in &lex.negation {
        if let Some(w) = p.first() {
            add(w, flag::NEGATION);
        }
    }
    let phrases = lex
        .vague
        .iter()
        .map(|x| &x.0)
        .chain(lex.modifiers.iter().map(|x| &x.0))
        .chain(lex.units.iter().map(|x| &x.0))
        .chain(lex.negation.iter())
        .chain(lex.date_parts.iter().map(|x| &x.0))
        .chain(lex.named_dates.iter().map(|x| &x.0))
        .chain(lex.agreement_types.iter().map(|x| &x.0))
        .chain(lex.counted.iter().map(|x| &x.0))
        .chain(lex.continue_markers.iter())
        .chain(lex.break_markers.iter());
    for p in phrases {
        if let Some(w) = p.get(1) {
            add(w, flag::SECOND);
        }
    }
    for w in f.keys() {
        if let Some(&first) = w.as_bytes().first() {
            let k = filter_key(w.as_bytes(), first);
            lex.flag_filter[k / 64] |= 1 << (k % 64);
        }
    }
    let short = f
        .iter()
        .filter_map(|(w, &flags)| Some((short_key(w.as_bytes())?, flags)))
        .collect();
    lex.short_flags = ShortTable::new(short);
    lex.flags = f;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_words_have_the_flags_of_the_map() {
        let l = get();
        for (w, &f) in &l.flags {
            assert_eq!(l.flags_of(w), f, "{w}");
        }
        for w in ["zzz", "qwertyui", "x", "unflagged"] {
            assert_eq!(l.flags_of(w), l.flags.get(w).copied().unwrap_or(0), "{w}");
        }
        let text = b"of the unflagged year ago";
        for (s, e) in [(0, 2), (3, 6), (7, 16), (17, 21), (22, 25)] {
            let w = std::str::from_utf8(&text[s..e]).unwrap();
            assert_eq!(l.flags_in(text, s, e), l.flags_of(w), "{w}");
        }
    }

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
