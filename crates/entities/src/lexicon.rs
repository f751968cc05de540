//! The curated lexicons (data/lexicons/entities/*.tsv), parsed once, and
//! the Aho-Corasick automaton over their folded aliases.

use std::collections::{HashMap, HashSet};

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::MatchKind;
use evident_model::EntityKind;

use crate::normalize::{fold_alias, fold_ascii, is_plain};

const FILES: [&str; 6] = [
    include_str!("../../../data/lexicons/entities/countries.tsv"),
    include_str!("../../../data/lexicons/entities/places.tsv"),
    include_str!("../../../data/lexicons/entities/ethnic_groups.tsv"),
    include_str!("../../../data/lexicons/entities/armed_groups.tsv"),
    include_str!("../../../data/lexicons/entities/organizations.tsv"),
    include_str!("../../../data/lexicons/entities/people.tsv"),
];
const CUES: &str = include_str!("../../../data/lexicons/entities/cues.tsv");

/// One lexicon entity.
#[derive(Debug)]
pub struct Entry {
    pub id: String,
    pub kind: EntityKind,
    pub name: String,
    /// Aliases as written (without the `~` marker), not including the name.
    pub aliases: Vec<String>,
    pub wikidata: Option<String>,
}

/// The case shape of one word of an alias.
#[derive(Debug, Clone, Copy)]
pub struct WordCase {
    /// The alias word starts with an upper-case letter.
    pub initial_upper: bool,
    /// The alias word is an acronym (two or more letters, all upper case).
    pub acronym: bool,
}

/// One alias to match.
#[derive(Debug)]
pub struct Pattern {
    /// Index into `Lexicon::entries`, or `None` for a stop phrase.
    pub entry: Option<usize>,
    /// The alias as written.
    pub alias: String,
    pub words: Vec<WordCase>,
    /// Only where context allows (common word or given name).
    pub ambiguous: bool,
    /// Every word is an acronym ("IS", "U.S."): never inside an all-caps line.
    pub acronym: bool,
}

/// The cue words of `cues.tsv`.
#[derive(Debug, Default)]
pub struct Cues {
    pub title_words: WordSet,
    pub lower_titles: WordSet,
    pub roles: WordSet,
    pub verbs: WordSet,
    pub heads: WordMap<EntityKind>,
    pub armed: WordSet,
    pub weak: WordSet,
    pub docwords: WordSet,
    pub possessives: WordSet,
    pub particles: WordSet,
    pub given: WordSet,
    pub surnames: WordSet,
    pub function: WordSet,
    pub nonname: WordSet,
    /// For every word on some list above, the lists it is on ([`tag`]
    /// bits): the name finder asks about one token many times, and one
    /// lookup answers them all.
    pub tags: WordMap<u16>,
}

/// The bits of [`Cues::tags`], one per cue list.
pub mod tag {
    pub const TITLE: u16 = 1;
    pub const LOWER_TITLE: u16 = 1 << 1;
    pub const ROLE: u16 = 1 << 2;
    pub const VERB: u16 = 1 << 3;
    pub const HEAD: u16 = 1 << 4;
    pub const ARMED: u16 = 1 << 5;
    pub const WEAK: u16 = 1 << 6;
    pub const DOCWORD: u16 = 1 << 7;
    pub const POSSESSIVE: u16 = 1 << 8;
    pub const PARTICLE: u16 = 1 << 9;
    pub const GIVEN: u16 = 1 << 10;
    pub const SURNAME: u16 = 1 << 11;
    pub const FUNCTION: u16 = 1 << 12;
    pub const NONNAME: u16 = 1 << 13;
}

/// A set of words with a filter by first byte and length in front of the
/// hash: the name finder asks about nearly every word of a sentence, and
/// most are in no set.
#[derive(Debug, Default)]
pub struct WordSet {
    set: FxHashSet<String>,
    /// Per first byte, a bit per length (capped at 63).
    shapes: Vec<u64>,
}

impl WordSet {
    pub fn insert(&mut self, w: String) -> bool {
        if self.shapes.is_empty() {
            self.shapes = vec![0; 256];
        }
        if let Some(&b) = w.as_bytes().first() {
            self.shapes[b as usize] |= 1 << w.len().min(63);
        }
        self.set.insert(w)
    }

    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.set.iter().map(String::as_str)
    }

    pub fn contains(&self, w: &str) -> bool {
        let Some(&b) = w.as_bytes().first() else {
            return self.set.contains(w);
        };
        self.shapes
            .get(b as usize)
            .is_some_and(|m| m & (1 << w.len().min(63)) != 0)
            && self.set.contains(w)
    }
}

/// A map from words with the same filter as [`WordSet`] in front of the hash.
#[derive(Debug)]
pub struct WordMap<V> {
    /// Keyed by bytes, so that a word can be looked up by its bytes in the
    /// text without slicing a `str`.
    map: FxHashMap<Vec<u8>, V>,
    /// Per first byte, a bit per length (capped at 63).
    shapes: [u64; 256],
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            map: FxHashMap::default(),
            shapes: [0; 256],
        }
    }
}

impl<V> WordMap<V> {
    pub fn insert(&mut self, w: String, v: V) -> Option<V> {
        if let Some(&b) = w.as_bytes().first() {
            self.shapes[b as usize] |= 1 << w.len().min(63);
        }
        self.map.insert(w.into_bytes(), v)
    }

    pub fn get(&self, w: &str) -> Option<&V> {
        self.get_bytes(w.as_bytes())
    }

    /// [`WordMap::get`] for the bytes of a word.
    pub fn get_bytes(&self, w: &[u8]) -> Option<&V> {
        let Some(&b) = w.first() else {
            return self.map.get(w);
        };
        if self.shapes[b as usize] & (1 << w.len().min(63)) == 0 {
            return None;
        }
        self.map.get(w)
    }

    pub fn contains_key(&self, w: &str) -> bool {
        self.get(w).is_some()
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        // Keys are inserted as strings.
        self.map.keys().filter_map(|k| std::str::from_utf8(k).ok())
    }
}

impl Extend<String> for WordSet {
    fn extend<I: IntoIterator<Item = String>>(&mut self, iter: I) {
        for w in iter {
            self.insert(w);
        }
    }
}

/// Every lexicon entity, the patterns and the automaton.
pub struct Lexicon {
    pub entries: Vec<Entry>,
    pub patterns: Vec<Pattern>,
    /// The automaton matches each distinct folded alias once; this maps its
    /// pattern ids to the patterns (entities, case shapes) sharing that alias.
    pub groups: Vec<Vec<usize>>,
    /// Anchored searches only: the matcher walks it byte by byte. A
    /// contiguous NFA rather than a DFA: a DFA takes fewer instructions a
    /// step but is about 5 MB more, and in paired runs it was no faster
    /// (the walk is bound by cache misses, not instructions).
    pub automaton: NFA,
    /// Folded first words of aliases that start in lower case ("al",
    /// "the", "ethnic"): the only lower-case words where a match can start.
    pub lower_starts: FxHashSet<Vec<u8>>,
    /// The first bytes of `lower_starts`, to rule most words out at once.
    pub lower_first: [bool; 256],
    /// The first two bytes of `lower_starts` as they can be written in the
    /// text (the second is a space at the end of a one-byte word), a bit per
    /// pair of raw bytes: rules most words out at once. Pairs with a byte
    /// beyond ASCII are never ruled out.
    raw_pairs: Vec<u64>,
    /// Per first ASCII byte of `lower_starts`, a bit per word length
    /// (capped at 63): "the" rules out "that" and "there" unhashed.
    lower_lens: [u64; 128],
    pub cues: Cues,
    /// Entry index by id.
    pub by_id: HashMap<String, usize>,
    /// Every name and alias has single spaces only and no other whitespace
    /// (as [`is_plain`] has it), like the names found by shape.
    pub plain: bool,
    /// Entry index by folded name or alias (the first entry listing it wins).
    pub by_alias: FxHashMap<String, usize>,
}

/// The lexicon, parsed on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(build)
}

/// The data rows of a TSV file: comments and the header dropped.
fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| l.split('\t').collect())
}

fn build() -> Lexicon {
    let mut entries = Vec::new();
    let mut by_id = HashMap::new();
    for file in FILES {
        for f in rows(file) {
            let Some(kind) = f.get(1).and_then(|k| EntityKind::parse(k)) else {
                continue;
            };
            let name = f.get(2).copied().unwrap_or_default().to_string();
            let aliases: Vec<String> = f
                .get(3)
                .copied()
                .unwrap_or_default()
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect();
            let wikidata = f.get(4).filter(|w| !w.is_empty()).map(|w| w.to_string());
            by_id.insert(f[0].to_string(), entries.len());
            entries.push(Entry {
                id: f[0].to_string(),
                kind,
                name,
                aliases,
                wikidata,
            });
        }
    }
    let cues = parse_cues();
    let mut patterns = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let marked: HashSet<&str> = e
            .aliases
            .iter()
            .filter_map(|a| a.strip_prefix('~'))
            .collect();
        if !marked.contains(e.name.as_str()) {
            patterns.push(pattern(Some(i), &e.name, false));
        }
        for a in &e.aliases {
            match a.strip_prefix('~') {
                Some(bare) => patterns.push(pattern(Some(i), bare, true)),
                None => patterns.push(pattern(Some(i), a, false)),
            }
        }
    }
    for f in rows(CUES).filter(|f| f[0] == "stop") {
        if let Some(w) = f.get(1) {
            patterns.push(pattern(None, w, false));
        }
    }
    for e in &mut entries {
        e.aliases = e
            .aliases
            .iter()
            .map(|a| a.trim_start_matches('~').to_string())
            .filter(|a| *a != e.name)
            .collect();
    }
    let folded: Vec<String> = patterns.iter().map(|p| fold_alias(&p.alias)).collect();
    let mut by_alias = FxHashMap::default();
    for (p, f) in patterns.iter().zip(&folded) {
        if let Some(e) = p.entry {
            by_alias.entry(f.clone()).or_insert(e);
        }
    }
    let mut group_of: FxHashMap<&str, usize> = FxHashMap::default();
    let mut keys: Vec<&str> = Vec::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, f) in folded.iter().enumerate() {
        let g = *group_of.entry(f.as_str()).or_insert_with(|| {
            keys.push(f.as_str());
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    let automaton = NFA::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .prefilter(false)
        .build(&keys)
        .expect("lexicon automaton builds");
    let mut lower_starts: FxHashSet<Vec<u8>> = FxHashSet::default();
    let mut lower_first = [false; 256];
    let mut lower_pairs = vec![0u64; 128 * 128 / 64];
    let mut lower_lens = [0u64; 128];
    for (p, f) in patterns.iter().zip(&folded) {
        if !p.alias.starts_with(char::is_uppercase) {
            let first = f.split(' ').next().unwrap_or_default().as_bytes().to_vec();
            // An empty first word never equals a word of the text.
            if let Some(&b) = first.first() {
                lower_first[b as usize] = true;
                let second = first.get(1).copied().unwrap_or(0);
                // Non-ASCII pairs are never ruled out by the bitset.
                if b < 0x80 && second < 0x80 {
                    let k = pair_index(b, second);
                    lower_pairs[k / 64] |= 1 << (k % 64);
                }
                if b < 0x80 {
                    lower_lens[b as usize] |= 1 << first.len().min(63);
                }
                lower_starts.insert(first);
            }
        }
    }
    for g in &mut groups {
        g.sort_by_key(|&i| patterns[i].ambiguous);
    }
    let plain = entries
        .iter()
        .all(|e| is_plain(&e.name) && e.aliases.iter().all(|a| is_plain(a)));
    Lexicon {
        plain,
        entries,
        patterns,
        groups,
        automaton,
        lower_starts,
        lower_first,
        raw_pairs: raw_pairs(&lower_pairs),
        lower_lens,
        cues,
        by_id,
        by_alias,
    }
}

impl Lexicon {
    /// True unless no lower-case alias can start with a word whose first
    /// two bytes in the text are `a`, `b` (a space when the text ends).
    pub fn lower_raw_pair(&self, a: u8, b: u8) -> bool {
        let k = (a as usize) << 8 | b as usize;
        self.raw_pairs[k / 64] & (1 << (k % 64)) != 0
    }
}

impl Lexicon {
    /// False if no lower-case alias starts with a word of `len` folded
    /// bytes beginning with the ASCII byte `a`.
    pub fn lower_len(&self, a: u8, len: usize) -> bool {
        self.lower_lens[(a & 0x7f) as usize] & (1 << len.min(63)) != 0
    }
}

/// [`Lexicon::raw_pairs`] of the folded first two bytes of lower-case
/// starts (0 for the end of a one-byte word), a bit per ASCII pair.
fn raw_pairs(lower_pairs: &[u64]) -> Vec<u64> {
    let mut raw = vec![0u64; 256 * 256 / 64];
    for b0 in 0..=255u8 {
        for b1 in 0..=255u8 {
            let open = if b0 < 0x80 && b1 < 0x80 {
                let second = if b1.is_ascii_alphanumeric() {
                    fold_ascii(b1)
                } else {
                    0
                };
                let k = pair_index(fold_ascii(b0), second);
                lower_pairs[k / 64] & (1 << (k % 64)) != 0
            } else {
                true
            };
            if open {
                let k = (b0 as usize) << 8 | b1 as usize;
                raw[k / 64] |= 1 << (k % 64);
            }
        }
    }
    raw
}

fn pair_index(a: u8, b: u8) -> usize {
    (a as usize & 0x7f) << 7 | (b as usize & 0x7f)
}

fn pattern(entry: Option<usize>, alias: &str, ambiguous: bool) -> Pattern {
    let words: Vec<WordCase> = alias
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            WordCase {
                initial_upper: w.chars().next().is_some_and(char::is_uppercase),
                acronym: letters >= 2 && !w.chars().any(char::is_lowercase),
            }
        })
        .collect();
    // "U.S." is an acronym made of single-letter words.
    let dotted = alias.contains('.')
        && words.iter().all(|w| w.initial_upper)
        && alias.chars().filter(|c| c.is_alphabetic()).count() <= 4;
    let acronym = !words.is_empty() && (words.iter().all(|w| w.acronym) || dotted);
    Pattern {
        entry,
        alias: alias.to_string(),
        words,
        ambiguous,
        acronym,
    }
}

/// The [`Cues::tags`] map of the cue lists.
fn tags_of(c: &Cues) -> WordMap<u16> {
    let lists: [(&WordSet, u16); 13] = [
        (&c.title_words, tag::TITLE),
        (&c.lower_titles, tag::LOWER_TITLE),
        (&c.roles, tag::ROLE),
        (&c.verbs, tag::VERB),
        (&c.armed, tag::ARMED),
        (&c.weak, tag::WEAK),
        (&c.docwords, tag::DOCWORD),
        (&c.possessives, tag::POSSESSIVE),
        (&c.particles, tag::PARTICLE),
        (&c.given, tag::GIVEN),
        (&c.surnames, tag::SURNAME),
        (&c.function, tag::FUNCTION),
        (&c.nonname, tag::NONNAME),
    ];
    let mut bits: FxHashMap<&str, u16> = FxHashMap::default();
    for (list, bit) in lists {
        for w in list.words() {
            *bits.entry(w).or_default() |= bit;
        }
    }
    for w in c.heads.keys() {
        *bits.entry(w).or_default() |= tag::HEAD;
    }
    let mut tags = WordMap::default();
    for (w, b) in bits {
        tags.insert(w.to_string(), b);
    }
    tags
}

fn parse_cues() -> Cues {
    let mut c = Cues::default();
    for f in rows(CUES) {
        let (Some(ty), Some(word)) = (f.first(), f.get(1)) else {
            continue;
        };
        let word = word.trim().to_string();
        match *ty {
            "title" if word.chars().next().is_some_and(char::is_lowercase) => {
                c.lower_titles.insert(word);
            }
            "title" => c.title_words.extend(word.split(' ').map(str::to_string)),
            "role" => {
                c.roles.insert(word);
            }
            "verb" => {
                c.verbs.insert(word);
            }
            "head" => {
                let kind = f
                    .get(2)
                    .and_then(|k| EntityKind::parse(k.trim()))
                    .unwrap_or(EntityKind::Organization);
                c.heads.insert(word, kind);
            }
            "armed" => {
                c.armed.insert(word);
            }
            "weak" => {
                c.weak.insert(word);
            }
            "docword" => {
                c.docwords.insert(word);
            }
            "possessive" => {
                c.possessives.insert(word);
            }
            "particle" => {
                c.particles.insert(word);
            }
            "given" => {
                c.given.insert(word);
            }
            "surname" => {
                c.surnames.insert(word);
            }
            "function" => {
                c.function.insert(word);
            }
            "nonname" => {
                c.nonname.insert(word);
            }
            _ => {}
        }
    }
    c.tags = tags_of(&c);
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_loads_every_kind_and_unique_ids() {
        let lex = lexicon();
        for k in EntityKind::ALL {
            assert!(lex.entries.iter().any(|e| e.kind == k), "{k:?}");
        }
        assert_eq!(lex.by_id.len(), lex.entries.len(), "duplicate ids");
        for e in &lex.entries {
            assert!(
                e.id.starts_with(&format!("{}:", e.kind.as_str())),
                "{}",
                e.id
            );
        }
        assert!(
            lex.entries
                .iter()
                .filter(|e| e.kind == EntityKind::Country)
                .count()
                >= 190
        );
        assert!(
            lex.entries
                .iter()
                .filter(|e| e.kind == EntityKind::ArmedGroup)
                .count()
                >= 80
        );
    }

    #[test]
    fn acronyms_and_ambiguous_aliases_are_marked() {
        let lex = lexicon();
        let find = |a: &str| lex.patterns.iter().find(|p| p.alias == a).unwrap();
        assert!(find("IS").acronym);
        assert!(find("U.S.").acronym);
        assert!(!find("Islamic State").acronym);
        assert!(find("Jordan").ambiguous);
        assert!(!find("Jordanian").ambiguous);
    }

    #[test]
    fn names_and_aliases_are_plain() {
        // The recogniser skips the plainness test for known surfaces only
        // while this holds.
        assert!(lexicon().plain);
    }

    #[test]
    fn cues_load() {
        let c = &lexicon().cues;
        assert!(c.given.contains("James"));
        assert!(c.heads.contains_key("University"));
        assert!(c.verbs.contains("said"));
        assert!(c.function.contains("March"));
    }
}
