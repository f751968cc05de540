//! One document prepared for the claims extractors: the lower-cased text,
//! its tokens, and lookups from tokens to sentences and entity mentions.

use std::ops::Range;

use evident_model::EntityKind;
use evident_text::{Context, EntityMention};

use crate::numbers::{token_flags, Toks};
use crate::tokens::{tokenize, Tok};

/// A document's context with its tokens.
pub struct Prep<'c, 'a> {
    pub ctx: &'c Context<'a>,
    pub lower: String,
    pub toks: Vec<Tok>,
    pub flags: Vec<u32>,
    /// Token range of each sentence, by sentence index.
    pub sent_toks: Vec<Range<usize>>,
    /// The country the document mentions most, computed on first use.
    pub dominant: std::cell::OnceCell<Option<String>>,
}

impl<'c, 'a> Prep<'c, 'a> {
    pub fn new(ctx: &'c Context<'a>) -> Self {
        Self::with_tokens(ctx, Tokenized::new(ctx.text))
    }

    /// A prepared document from tokens already made of `ctx.text`.
    pub fn with_tokens(ctx: &'c Context<'a>, tokens: Tokenized) -> Self {
        let Tokenized { lower, toks, flags } = tokens;
        let sent_toks = sentence_tokens(&ctx.sentences, &toks);
        Prep {
            sent_toks,
            ctx,
            lower,
            toks,
            flags,
            dominant: std::cell::OnceCell::new(),
        }
    }

    pub fn t(&self) -> Toks<'_> {
        Toks {
            lower: &self.lower,
            toks: &self.toks,
            flags: &self.flags,
        }
    }

    /// Token indices of the tokens inside a byte range.
    pub fn tok_range(&self, bytes: &Range<usize>) -> Range<usize> {
        let lo = self.toks.partition_point(|t| t.start < bytes.start);
        let hi = self.toks.partition_point(|t| t.start < bytes.end);
        lo..hi.max(lo)
    }

    /// Index of the first token starting at or after a byte offset.
    pub fn tok_at(&self, byte: usize) -> usize {
        self.toks.partition_point(|t| t.start < byte)
    }

    /// The mention covering token `i`, if any.
    pub fn mention_at(&self, i: usize) -> Option<&'c EntityMention> {
        let b = self.toks.get(i)?.start;
        let ms = &self.ctx.mentions;
        let k = ms.partition_point(|m| m.range.start <= b);
        (k > 0).then(|| &ms[k - 1]).filter(|m| m.range.end > b)
    }

    /// The mention starting at token `i`, with the index of the token after it.
    pub fn mention_from(&self, i: usize) -> Option<(&'c EntityMention, usize)> {
        let m = self.mention_at(i)?;
        if m.range.start != self.toks[i].start {
            return None;
        }
        Some((m, self.tok_at(m.range.end)))
    }

    /// True when the original text of token `i` starts with a capital.
    pub fn capitalized(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| self.ctx.text[t.start..].starts_with(char::is_uppercase))
    }

    /// Sentence index of token `i`.
    pub fn sentence_of(&self, i: usize) -> Option<usize> {
        self.ctx.sentence_index(self.toks.get(i)?.start)
    }

    /// Token range of sentence `si`.
    pub fn sentence_toks(&self, si: usize) -> Range<usize> {
        self.sent_toks.get(si).cloned().unwrap_or(0..0)
    }
}

/// Token ranges of sorted sentences, in one pass over the tokens.
fn sentence_tokens(sentences: &[evident_text::Sentence], toks: &[Tok]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut k = 0;
    for s in sentences {
        // Sentences are sorted by start; tolerate overlaps by stepping back.
        while k > 0 && toks[k - 1].start >= s.range.start {
            k -= 1;
        }
        while k < toks.len() && toks[k].start < s.range.start {
            k += 1;
        }
        let mut e = k;
        while e < toks.len() && toks[e].start < s.range.end {
            e += 1;
        }
        out.push(k..e);
    }
    out
}

/// A text lower-cased and tokenized once, shared by [`crate::find_dates_in`]
/// and [`crate::extract_with`] so that the pipeline tokenizes each document once.
#[derive(Debug, Clone)]
pub struct Tokenized {
    pub lower: String,
    pub toks: Vec<Tok>,
    pub flags: Vec<u32>,
}

impl Tokenized {
    pub fn new(text: &str) -> Self {
        let lower = text.to_ascii_lowercase();
        let toks = tokenize(&lower);
        let flags = token_flags(&lower, &toks);
        Tokenized { lower, toks, flags }
    }

    pub fn t(&self) -> Toks<'_> {
        Toks {
            lower: &self.lower,
            toks: &self.toks,
            flags: &self.flags,
        }
    }
}

/// An adjective use of a country ("Syrian peace process", "the Turkish
/// president"): a demonym before a lower-case word. Such a mention names
/// neither a party, nor a place, nor a speaker.
pub fn adjectival(p: &Prep, m: &EntityMention) -> bool {
    let txt = p.ctx.text[m.range.clone()].to_lowercase();
    // The country's own name ("Afghanistan in the 1980s") is no demonym.
    let own_name = p
        .ctx
        .entities
        .get(&m.entity)
        .is_some_and(|e| e.name.to_lowercase() == txt);
    let demonym = !own_name
        && ["ian", "ese", "ish", "an", "i"]
            .iter()
            .any(|s| txt.ends_with(s));
    let next = p.tok_at(m.range.end);
    demonym && p.t().kind(next) == Some(crate::tokens::Kind::Word) && !p.capitalized(next)
}

/// True for kinds that can speak: people, organisations, states, armed groups.
pub fn can_speak(k: EntityKind) -> bool {
    matches!(
        k,
        EntityKind::Person
            | EntityKind::Organization
            | EntityKind::Country
            | EntityKind::ArmedGroup
    )
}

/// True for kinds that name who people are: nationalities and communities.
pub fn is_people(k: EntityKind) -> bool {
    matches!(k, EntityKind::Country | EntityKind::EthnicGroup)
}

/// True for kinds that name where.
pub fn is_where(k: EntityKind) -> bool {
    matches!(k, EntityKind::Country | EntityKind::Place)
}
