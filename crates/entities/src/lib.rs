//! Entity recognition and resolution: finds the people, armed groups,
//! organisations, countries, places and communities a document names, and
//! resolves every alias to one entity id that is stable across documents.
//!
//! Three passes, each linear in the text:
//! 1. the curated lexicons (data/lexicons/entities) matched by an
//!    Aho-Corasick automaton reading the text folded ([`matcher`]), longest
//!    match first;
//! 2. people and organisations that no lexicon lists, by their shape and
//!    cues ([`names`]);
//! 3. short forms resolved within the document: a later surname to the full
//!    name introduced earlier, an acronym to the name it was given for.
//!
//! Lexicon entities keep their lexicon ids ("country:china"); others get
//! `kind:slug-of-name` ("person:raffaello-pantucci"), the same in every
//! document.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::ops::Range;

use evident_model::{Entity, EntityKind};
use evident_text::{Context, EntityMention};

pub mod lexicon;
pub mod matcher;
pub mod names;
pub mod normalize;
use evident_text::scan;

use lexicon::{lexicon, Entry, Lexicon};
use names::{Cover, Found, Tok};
use normalize::{fold_alias, is_plain, slug_of_folded};

/// What the recogniser found in one document.
#[derive(Debug, Default)]
pub struct Recognized {
    /// Mentions sorted by start byte, non-overlapping.
    pub mentions: Vec<EntityMention>,
    /// The entities of those mentions (aliases: those seen in this document).
    pub entities: Vec<Entity>,
}

/// Where a selected mention comes from.
#[derive(Debug, Clone)]
enum Source {
    /// A lexicon pattern (index into `Lexicon::patterns`).
    Lex(usize),
    /// An entity found by shape, or a short form resolved to one: its
    /// index in [`Accs`].
    Acc(usize),
}

/// An entity id: borrowed from the lexicon, or made for an entity found by shape.
type Id = Cow<'static, str>;

#[derive(Debug, Clone)]
struct Picked {
    range: Range<usize>,
    source: Source,
}

/// The entities being assembled for a document. Each id has one place in
/// `list`; lexicon entities are found by entry index, others by id, so
/// mentions refer to entities by index and hash no strings.
struct Accs {
    list: Vec<(Id, Acc)>,
    /// Index in `list` of each lexicon entry (`u32::MAX`: none yet).
    by_entry: Vec<u32>,
    /// The entries set in `by_entry`, to reset them when done.
    entries: Vec<u32>,
    /// Index in `list` of the entities that no lexicon lists.
    by_id: HashMap<String, usize>,
}

thread_local! {
    /// The `by_entry` table of the last document on this thread, reset:
    /// filling a fresh one for every document costs a write per lexicon
    /// entry, more than a short document's mentions.
    static BY_ENTRY: std::cell::Cell<Vec<u32>> = const { std::cell::Cell::new(Vec::new()) };
}

impl Accs {
    fn new(lex: &Lexicon) -> Self {
        let mut by_entry = BY_ENTRY.take();
        by_entry.resize(lex.entries.len(), u32::MAX);
        Accs {
            list: Vec::with_capacity(64),
            by_entry,
            entries: Vec::new(),
            by_id: HashMap::default(),
        }
    }

    /// Hands the entry table back for the next document, reset.
    fn release(&mut self) {
        let mut by_entry = std::mem::take(&mut self.by_entry);
        for &e in &self.entries {
            by_entry[e as usize] = u32::MAX;
        }
        BY_ENTRY.set(by_entry);
    }

    /// The index of a lexicon entry's entity, made on first use.
    fn of_entry(&mut self, lex: &'static Lexicon, e: usize) -> usize {
        let k = self.by_entry[e];
        if k != u32::MAX {
            return k as usize;
        }
        let entry = &lex.entries[e];
        self.by_entry[e] = self.list.len() as u32;
        self.entries.push(e as u32);
        self.list
            .push((Cow::Borrowed(&entry.id), Acc::of_entry(entry)));
        self.list.len() - 1
    }

    /// The index of a picked mention's entity.
    fn of_source(&mut self, lex: &'static Lexicon, source: &Source) -> usize {
        match *source {
            Source::Lex(pi) => self.of_entry(lex, lex.patterns[pi].entry.unwrap_or_default()),
            Source::Acc(k) => k,
        }
    }
}

/// One entity being assembled for the document. Lexicon data is borrowed,
/// not copied: most entities are made and looked up many times per document.
struct Acc {
    kind: EntityKind,
    name: Cow<'static, str>,
    /// The lexicon's aliases (none for an entity found by shape).
    listed: &'static [String],
    /// Further aliases, in the order they were seen.
    aliases: Vec<String>,
    wikidata: Option<&'static str>,
}

impl Acc {
    fn of_entry(e: &'static Entry) -> Acc {
        Acc {
            kind: e.kind,
            name: Cow::Borrowed(&e.name),
            listed: &e.aliases,
            aliases: Vec::new(),
            wikidata: e.wikidata.as_deref(),
        }
    }

    /// The name or an alias (listed or seen) is `s`.
    fn knows(&self, s: &str) -> bool {
        self.name == s || self.listed.iter().any(|x| x == s) || self.aliases.iter().any(|x| x == s)
    }

    fn into_entity(self, id: Id) -> Entity {
        let mut aliases = Vec::with_capacity(self.listed.len() + self.aliases.len());
        aliases.extend(self.listed.iter().cloned());
        aliases.extend(self.aliases);
        Entity {
            id: id.into_owned(),
            kind: self.kind,
            name: self.name.into_owned(),
            aliases,
            wikidata: self.wikidata.map(str::to_string),
        }
    }
}

/// Recognises the entities of a document.
pub fn recognize(ctx: &Context) -> Recognized {
    let lex = lexicon();
    let text = ctx.text;
    let caps = matcher::CapsLines::new(text);
    let mut cands = matcher::find(lex, text, &caps);
    cands.retain(|m| !ctx.skipped(m.range.start));
    let mut picked = select(lex, text.len(), cands);

    let mut accs = Accs::new(lex);
    let (found, toks) = shapes(ctx, lex, &picked);
    // Shapes win over the lexicon mentions inside them ("Iraqi Defense Ministry").
    // Both are in text order without overlaps: one cursor walks `found`.
    let mut f = 0;
    picked.retain(|p| {
        while f < found.len() && found[f].range.end <= p.range.start {
            f += 1;
        }
        found.get(f).is_none_or(|x| x.range.start >= p.range.end)
    });
    // Within a document, "David Malet" and "David Samuel Malet" are one person.
    let mut by_ends: HashMap<(String, String), usize> = HashMap::default();
    picked.reserve(found.len());
    for f in found {
        let ends = (f.kind == EntityKind::Person)
            .then(|| name_ends(&f.name))
            .flatten();
        let k = match ends.as_ref().and_then(|e| by_ends.get(e)) {
            Some(&k) => {
                rename(&mut accs, k, &f.name);
                k
            }
            None => shape_id(lex, &f, &mut accs),
        };
        if let Some(e) = ends {
            by_ends.entry(e).or_insert(k);
        }
        picked.push(Picked {
            range: f.range,
            source: Source::Acc(k),
        });
    }
    picked.sort_by_key(|p| p.range.start);
    // Every lexicon entity gets its place here: a short form may come
    // before its full name.
    let short = short_forms(lex, text, &picked, &mut accs);
    add_short_mentions(text, &toks, &short, &mut picked);

    let mut mentions = Vec::with_capacity(picked.len());
    let mut used = vec![false; accs.list.len()];
    for p in &picked {
        let k = accs.of_source(lex, &p.source);
        let (id, a) = &mut accs.list[k];
        let raw = &text[p.range.clone()];
        // Everything an entity knows is plain (see `Lexicon::plain`): a
        // known surface is plain too, and adds nothing. Most mentions
        // repeat a name, so this spares the plainness test.
        let the = raw.starts_with("The ");
        let known = !the && lex.plain && a.knows(raw);
        if known {
            // Nothing to add.
        } else if !the && is_plain(raw) {
            if !a.knows(raw) {
                a.aliases.push(raw.to_string());
            }
        } else {
            let surface = names::clean_name(raw);
            if !a.knows(&surface) {
                a.aliases.push(surface);
            }
        }
        used[k] = true;
        mentions.push(EntityMention {
            range: p.range.clone(),
            entity: String::from(id.as_ref()),
            kind: a.kind,
        });
    }
    accs.release();
    let mut entities: Vec<Entity> = accs
        .list
        .into_iter()
        .zip(used)
        .filter(|(_, u)| *u)
        .map(|((id, a), _)| a.into_entity(id))
        .collect();
    // Ids are unique: an unstable sort gives the same order.
    entities.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    Recognized { mentions, entities }
}

/// Longest match first, then unambiguous before ambiguous, then leftmost;
/// stop phrases take their place and are dropped afterwards.
fn select(lex: &Lexicon, text_len: usize, mut cands: Vec<matcher::LexMatch>) -> Vec<Picked> {
    // The matcher gives non-overlapping matches in text order: then there
    // is nothing to choose, and the stop phrases only need dropping.
    if cands.windows(2).all(|w| w[0].range.end <= w[1].range.start) {
        let mut out = Vec::with_capacity(cands.len());
        out.extend(
            cands
                .into_iter()
                .filter(|m| lex.patterns[m.pattern].entry.is_some())
                .map(|m| Picked {
                    range: m.range,
                    source: Source::Lex(m.pattern),
                }),
        );
        return out;
    }
    cands.sort_by_key(|m| {
        (
            std::cmp::Reverse(m.range.len()),
            lex.patterns[m.pattern].ambiguous,
            m.range.start,
        )
    });
    // Taken bytes; checking a candidate costs its length, so the pass is linear.
    let mut taken = vec![false; text_len];
    let mut out = Vec::new();
    for m in cands {
        if taken[m.range.clone()].iter().any(|&t| t) {
            continue;
        }
        taken[m.range.clone()].fill(true);
        if lex.patterns[m.pattern].entry.is_some() {
            out.push(Picked {
                range: m.range,
                source: Source::Lex(m.pattern),
            });
        }
    }
    out.sort_by_key(|p| p.range.start);
    out
}

/// Runs the shape finder over every sentence; returns what it found and
/// all tokens of the text (for the short-form pass).
fn shapes(ctx: &Context, lex: &Lexicon, picked: &[Picked]) -> (Vec<Found>, Vec<Tok>) {
    let mut found = Vec::new();
    // About one token in six bytes of English.
    let mut all = Vec::with_capacity(ctx.text.len() / 6);
    let mut cover = Vec::new();
    // Where `cover_of` starts looking in `picked`: sentences come in order.
    let mut cover_from = 0;
    let mut tags = Vec::new();
    let mut cursor = 0;
    for s in &ctx.sentences {
        if ctx.skipped(s.range.start) {
            continue;
        }
        if !has_free_capital(lex, ctx.text, s.range.clone(), picked, &mut cursor) {
            continue;
        }
        // The sentence's tokens are the tail of `all`.
        let base = all.len();
        names::tokens_into(ctx.text, s.range.clone(), &mut all);
        let toks = &all[base..];
        cover_of(lex, toks, picked, &mut cover_from, &mut cover);
        tags.clear();
        tags.resize(toks.len(), std::cell::Cell::new(names::UNTAGGED));
        let sentence = names::Sentence {
            text: ctx.text,
            toks,
            tags: &tags,
            cover: &cover,
            range: s.range.clone(),
            quoted: std::cell::OnceCell::new(),
            cues: &lex.cues,
        };
        sentence.find_into(&mut found);
    }
    found.sort_by_key(|f| f.range.start);
    found.dedup_by(|b, a| a.range.end > b.range.start);
    (found, all)
}

/// True if a sentence has a capitalised word that no lexicon mention
/// covers, other than a first function word ("The", "In"): only then can
/// the shape finder or a short form find something in it.
fn has_free_capital(
    lex: &Lexicon,
    text: &str,
    range: Range<usize>,
    picked: &[Picked],
    cursor: &mut usize,
) -> bool {
    let b = text.as_bytes();
    // Sentences come in order: the cursor into `picked` only moves forward.
    while *cursor < picked.len() && picked[*cursor].range.end <= range.start {
        *cursor += 1;
    }
    let mut p = *cursor;
    // Bytes of words: ASCII letters and digits, and every byte of other chars.
    let wordy = |c: u8| c.is_ascii_alphanumeric() || c >= 0x80;
    // The first word starts at the first word byte.
    let Some(first) = b[range.clone()].iter().position(|&c| wordy(c)) else {
        return false;
    };
    let first = range.start + first;
    let mut i = first;
    while i < range.end {
        // Only a word starting with an upper-case ASCII letter or a
        // multi-byte char (whose first byte is >= 0xC0) can qualify.
        let Some(k) = scan::upper_or_lead_byte(b, i, range.end) else {
            return false;
        };
        i = k;
        let word_start = i == range.start || !wordy(b[i - 1]);
        let upper = word_start
            && (b[i].is_ascii_uppercase()
                || text[i..].chars().next().is_some_and(char::is_uppercase));
        if upper {
            while p < picked.len() && picked[p].range.end <= i {
                p += 1;
            }
            if let Some(x) = picked.get(p).filter(|x| x.range.start <= i) {
                // Every capital inside a mention is covered too.
                i = x.range.end;
                continue;
            }
            // Only the first word may be a function word ("The", "In").
            if i != first {
                return true;
            }
            let end = b[i..range.end]
                .iter()
                .position(|&c| !wordy(c))
                .map_or(range.end, |k| i + k);
            if !lex.cues.function.contains(&text[i..end]) {
                return true;
            }
        }
        i += 1;
    }
    false
}

/// What the lexicon pass claimed at each token.
fn cover_of(
    lex: &Lexicon,
    toks: &[Tok],
    picked: &[Picked],
    from: &mut usize,
    cover: &mut Vec<Cover>,
) {
    cover.clear();
    cover.resize(toks.len(), Cover::Free);
    let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
        return;
    };
    // Mentions are in order and do not overlap: walk those in the
    // sentence and mark their tokens, rather than test every token.
    while *from < picked.len() && picked[*from].range.end <= first.start {
        *from += 1;
    }
    let mut p = *from;
    let mut t = 0;
    while p < picked.len() && picked[p].range.start < last.end {
        let x = &picked[p];
        let c = match x.source {
            Source::Lex(pi) => {
                let pat = &lex.patterns[pi];
                let kind = pat.entry.map_or(EntityKind::Place, |e| lex.entries[e].kind);
                Cover::Lex(kind, pat.ambiguous)
            }
            Source::Acc(_) => Cover::Lex(EntityKind::Person, false),
        };
        while t < toks.len() && toks[t].end <= x.range.start {
            t += 1;
        }
        let mut k = t;
        while k < toks.len() && toks[k].start < x.range.end {
            // A token across two mentions belongs to the first.
            if cover[k] == Cover::Free {
                cover[k] = c;
            }
            k += 1;
        }
        p += 1;
    }
}

/// The entity of a shape: the lexicon's when its name is a lexicon
/// alias or its id a lexicon id, else one with the id `kind:slug`.
fn shape_id(lex: &'static Lexicon, f: &Found, accs: &mut Accs) -> usize {
    let folded = fold_alias(&f.name);
    if let Some(&e) = lex.by_alias.get(&folded) {
        return accs.of_entry(lex, e);
    }
    let (kind, slug) = (f.kind.as_str(), slug_of_folded(&folded));
    let mut id = String::with_capacity(kind.len() + 1 + slug.len());
    id.push_str(kind);
    id.push(':');
    id.push_str(&slug);
    if let Some(&e) = lex.by_id.get(&id) {
        return accs.of_entry(lex, e);
    }
    let k = match accs.by_id.get(&id) {
        Some(&k) => k,
        None => {
            accs.by_id.insert(id.clone(), accs.list.len());
            accs.list.push((
                Cow::Owned(id),
                Acc {
                    kind: f.kind,
                    name: Cow::Owned(f.name.clone()),
                    listed: &[],
                    aliases: Vec::new(),
                    wikidata: None,
                },
            ));
            accs.list.len() - 1
        }
    };
    if f.kind == EntityKind::Person {
        rename(accs, k, &f.name);
    }
    k
}

/// The fullest form seen names a person found by shape ("James A.
/// Millward" over "James Millward"); the id stays.
fn rename(accs: &mut Accs, k: usize, name: &str) {
    let acc = &mut accs.list[k].1;
    if acc.wikidata.is_none() && name.len() > acc.name.len() {
        let old = std::mem::replace(&mut acc.name, Cow::Owned(name.to_string())).into_owned();
        if !acc.listed.contains(&old) && !acc.aliases.contains(&old) {
            acc.aliases.push(old);
        }
    }
}

/// The folded first and last words of a name of three words or more, or
/// of two (for matching a longer form later).
fn name_ends(name: &str) -> Option<(String, String)> {
    let mut words = name.split_whitespace();
    let first = words.next()?;
    let last = words.next_back()?;
    Some((fold_alias(first), fold_alias(last)))
}

/// Short forms that stand for an entity later in the document: the surname
/// of a person found by shape, and an acronym given in brackets after a name.
fn short_forms(
    lex: &'static Lexicon,
    text: &str,
    picked: &[Picked],
    accs: &mut Accs,
) -> HashMap<String, Option<usize>> {
    let mut short: HashMap<String, Option<usize>> = HashMap::default();
    let mut add = |key: String, k: usize| {
        short
            .entry(key)
            .and_modify(|v| {
                if *v != Some(k) {
                    *v = None;
                }
            })
            .or_insert(Some(k));
    };
    for p in picked {
        let k = accs.of_source(lex, &p.source);
        let id = &accs.list[k].0;
        if id.starts_with("person:") {
            // Lexicon people list their own short forms, but not the family
            // name of a Chinese name ("Hua" for Hua Chunying).
            let from_lexicon = matches!(p.source, Source::Lex(_));
            for key in person_keys(lex, &text[p.range.clone()], from_lexicon) {
                add(key, k);
            }
        }
        // Most mentions are followed by no bracket: a byte test first.
        if text.as_bytes()[p.range.end..].starts_with(b" (") {
            if let Some(acr) = bracketed_acronym(&text[p.range.end..]) {
                add(acr.to_string(), k);
            }
        }
    }
    short
}

/// The short forms of a person's name: the surname (with and without
/// `al-`), or for a Chinese name the family name that comes first.
fn person_keys(lex: &Lexicon, name: &str, chinese_only: bool) -> Vec<String> {
    let mut words = name.split_whitespace();
    // Names of one word have no short form.
    let (Some(first), Some(last)) = (words.next(), words.next_back()) else {
        return Vec::new();
    };
    if lex.cues.title_words.contains(first) {
        return Vec::new();
    }
    let two = words.next().is_none();
    if two && lex.cues.surnames.contains(first) && !lex.cues.given.contains(first) {
        return vec![first.to_string()];
    }
    if chinese_only {
        return Vec::new();
    }
    let mut keys = vec![last.to_string()];
    if let Some(bare) = last.strip_prefix("al-") {
        keys.push(bare.to_string());
    }
    keys.retain(|k| k.chars().count() > 2 && !lex.cues.function.contains(k.as_str()));
    keys
}

/// `" (ABC)"` right after a name.
fn bracketed_acronym(after: &str) -> Option<&str> {
    let rest = after.strip_prefix(" (")?;
    let close = rest.find(')')?;
    let acr = &rest[..close];
    let letters = acr.chars().filter(|c| c.is_ascii_uppercase()).count();
    let ok = (2..=8).contains(&acr.len())
        && letters >= 2
        && acr
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '-' || c == '&');
    ok.then_some(acr)
}

/// Every free token equal to a short form becomes a mention of its entity.
fn add_short_mentions(
    text: &str,
    toks: &[Tok],
    short: &HashMap<String, Option<usize>>,
    picked: &mut Vec<Picked>,
) {
    if short.is_empty() {
        return;
    }
    // Keys by first byte and length (capped at 63), to hash few tokens.
    let mut shapes = [0u64; 256];
    for key in short.keys() {
        if let Some(&b) = key.as_bytes().first() {
            shapes[b as usize] |= 1 << key.len().min(63);
        }
    }
    let mut extra = Vec::new();
    let mut p = 0;
    for t in toks {
        let first = text.as_bytes()[t.start] as usize;
        if shapes[first] & (1 << (t.end - t.start).min(63)) == 0 {
            continue;
        }
        while p < picked.len() && picked[p].range.end <= t.start {
            p += 1;
        }
        if picked.get(p).is_some_and(|x| x.range.start < t.end) {
            continue;
        }
        if let Some(&Some(k)) = short.get(&text[t.start..t.end]) {
            extra.push(Picked {
                range: t.start..t.end,
                source: Source::Acc(k),
            });
        }
    }
    picked.extend(extra);
    picked.sort_by_key(|p| p.range.start);
}

#[cfg(test)]
mod tests {
    use super::is_plain;

    #[test]
    fn plain_surfaces_have_single_spaces_only() {
        assert!(is_plain("Islamic State"));
        assert!(is_plain("Türkiye’s"));
        assert!(!is_plain("Islamic  State"));
        assert!(!is_plain("Islamic\nState"));
        assert!(!is_plain("Islamic\u{0B}State"));
        assert!(!is_plain("Islamic\u{a0}Türkiye"));
    }
}
