//! Shared text machinery for every extractor: the per-document [`Context`]
//! (text, byte↔char offsets, sentences, paragraphs, tables, regions to skip,
//! and the entity and date mentions found so far), sentence segmentation,
//! and text folding for matching.
//!
//! Extractors work in **byte** offsets of `Context::text` (what Rust string
//! APIs give) and turn them into model [`Span`]s (chars) with
//! [`Context::span`] when they build a fact. Quotes come from
//! [`Context::quote`] so that every fact quotes its sentence verbatim.
//!
//! The pipeline fills a context in order: [`Context::new`] segments the
//! text, then the entity recogniser adds [`EntityMention`]s, then the date
//! finder adds [`DateMention`]s; the later extractors only read it.

use std::collections::BTreeMap;
use std::ops::Range;

use evident_model::{CharIndex, DateRange, Document, Entity, EntityKind, Span};

pub mod fold;
pub mod scan;
pub mod segment;

/// A sentence (or a table row, or a heading), as a byte range of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub range: Range<usize>,
    /// Index of the paragraph (block) this sentence belongs to.
    pub paragraph: usize,
    /// True for a table row; its cells are in `Context::tables`.
    pub table_row: bool,
    /// True for a heading line.
    pub heading: bool,
}

/// One occurrence of an entity, in bytes of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMention {
    pub range: Range<usize>,
    pub entity: String,
    pub kind: EntityKind,
}

/// One date or period expression, in bytes of the text, resolved when possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub range: Range<usize>,
    /// None when the expression is relative and the document has no date.
    pub date: Option<DateRange>,
    /// True for relative expressions ("last year") resolved against the publication date.
    pub relative: bool,
}

/// A table with byte ranges, derived from the model's char spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableBytes {
    pub range: Range<usize>,
    pub caption: Option<Range<usize>>,
    pub header_rows: usize,
    /// Each row: its range and its cells' ranges.
    pub rows: Vec<(Range<usize>, Vec<Range<usize>>)>,
}

/// Everything an extractor may read about one document.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub text: &'a str,
    pub index: CharIndex,
    pub sentences: Vec<Sentence>,
    pub paragraphs: Vec<Range<usize>>,
    pub headings: Vec<Range<usize>>,
    pub tables: Vec<TableBytes>,
    /// Regions extractors skip (site furniture), sorted.
    pub skip: Vec<Range<usize>>,
    /// Entity mentions, sorted by start; filled by the entity recogniser.
    pub mentions: Vec<EntityMention>,
    /// The entities of `mentions`, by id.
    pub entities: BTreeMap<String, Entity>,
    /// Date mentions, sorted by start; filled by the date finder.
    pub dates: Vec<DateMention>,
}

impl<'a> Context<'a> {
    /// Builds the context of a document and segments it into sentences.
    pub fn new(doc: &'a Document) -> Self {
        let text = doc.text.as_str();
        let index = CharIndex::new(text);
        let to_bytes = |s: &Span| index.bytes(*s);
        let st = &doc.structure;
        let tables = st
            .tables
            .iter()
            .map(|t| TableBytes {
                range: to_bytes(&t.span),
                caption: t.caption.as_ref().map(to_bytes),
                header_rows: t.header_rows,
                rows: t
                    .rows
                    .iter()
                    .map(|r| (to_bytes(&r.span), r.cells.iter().map(to_bytes).collect()))
                    .collect(),
            })
            .collect();
        let mut skip: Vec<Range<usize>> = st.non_article.iter().map(to_bytes).collect();
        skip.sort_by_key(|r| r.start);
        let headings = st.headings.iter().map(to_bytes).collect();
        let mut ctx = Context {
            doc,
            text,
            index,
            sentences: Vec::new(),
            paragraphs: Vec::new(),
            headings,
            tables,
            skip,
            mentions: Vec::new(),
            entities: BTreeMap::new(),
            dates: Vec::new(),
        };
        ctx.paragraphs = segment::paragraphs(&ctx);
        ctx.sentences = segment::sentences(&ctx);
        ctx
    }

    /// Stores what the entity recogniser found: its mentions (sorted by start)
    /// and their entities, keyed by id.
    pub fn set_entities(&mut self, mentions: Vec<EntityMention>, entities: Vec<Entity>) {
        self.mentions = mentions;
        self.entities = entities.into_iter().map(|e| (e.id.clone(), e)).collect();
    }

    /// The char span of a byte range.
    pub fn span(&self, bytes: Range<usize>) -> Span {
        self.index.span(bytes)
    }

    /// The sentence containing a byte offset, if any.
    pub fn sentence_at(&self, byte: usize) -> Option<&Sentence> {
        let i = self.sentences.partition_point(|s| s.range.end <= byte);
        self.sentences.get(i).filter(|s| s.range.start <= byte)
    }

    /// Index of the sentence containing a byte offset, if any.
    pub fn sentence_index(&self, byte: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.range.end <= byte);
        self.sentences
            .get(i)
            .filter(|s| s.range.start <= byte)
            .map(|_| i)
    }

    /// The verbatim quote (the containing sentence) of a byte range.
    pub fn quote(&self, bytes: &Range<usize>) -> String {
        match self.sentence_at(bytes.start) {
            Some(s) if s.range.end >= bytes.end => self.text[s.range.clone()].to_string(),
            _ => self.text[bytes.clone()].to_string(),
        }
    }

    /// True if a byte offset falls in a region extractors must skip.
    pub fn skipped(&self, byte: usize) -> bool {
        let i = self.skip.partition_point(|r| r.end <= byte);
        self.skip.get(i).is_some_and(|r| r.start <= byte)
    }

    /// Entity mentions inside a byte range, in text order.
    pub fn mentions_in(&self, bytes: &Range<usize>) -> &[EntityMention] {
        let lo = self
            .mentions
            .partition_point(|m| m.range.start < bytes.start);
        let hi = self.mentions.partition_point(|m| m.range.start < bytes.end);
        &self.mentions[lo..hi.max(lo)]
    }

    /// Date mentions inside a byte range, in text order.
    pub fn dates_in(&self, bytes: &Range<usize>) -> &[DateMention] {
        let lo = self.dates.partition_point(|d| d.range.start < bytes.start);
        let hi = self.dates.partition_point(|d| d.range.start < bytes.end);
        &self.dates[lo..hi.max(lo)]
    }

    /// The kind of an entity id, if known.
    pub fn kind_of(&self, entity: &str) -> Option<EntityKind> {
        self.entities.get(entity).map(|e| e.kind)
    }

    /// The document's publication date, if known.
    pub fn published(&self) -> Option<&DateRange> {
        self.doc.meta.published.as_ref()
    }
}
