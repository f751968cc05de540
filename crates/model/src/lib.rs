//! The data model every other Evident crate speaks: documents with their
//! verbatim text and structure, entities, and the facts extracted from them.
//!
//! Invariants that hold for every value of these types:
//! - A [`Span`] is `[start, end)` in **chars** (Unicode scalar values) of the
//!   document's stored text, as in `shared/spec/interchange.md`.
//! - Every fact carries its provenance: the document id, a span and the
//!   verbatim `quote` (the sentence or table row) that contains the span.
//! - Entity references are entity ids (strings); an entity id is stable
//!   across documents (lexicon ids, or a kind-prefixed normalised name).
//!
//! This crate does no IO and depends on no other crate of ours.

use serde::{Deserialize, Serialize};

mod offsets;
pub use offsets::CharIndex;

/// `[start, end)` in chars of a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Day,
    Month,
    Year,
    Decade,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Decade => "decade",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "day" => Precision::Day,
            "month" => Precision::Month,
            "year" => Precision::Year,
            "decade" => Precision::Decade,
            _ => return None,
        })
    }
}

/// A date or period: `start`/`end` as `YYYY[-MM[-DD]]`, `end` may equal `start`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateRange {
    pub start: String,
    pub end: String,
    pub precision: Precision,
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a day only with a month). Written
/// digit by digit: dates are made for every date mention, and `format!`
/// with padding costs ten times as much.
fn iso_date(year: i32, month: Option<u32>, day: Option<u32>) -> String {
    let parts = (u32::try_from(year), month.unwrap_or(0), day.unwrap_or(0));
    let (Ok(y @ 0..=9999), m @ 0..=99, d @ 0..=99) = parts else {
        return match (month, day) {
            (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{year:04}-{m:02}"),
            _ => format!("{year:04}"),
        };
    };
    let digit = |v: u32| char::from(b'0' + (v % 10) as u8);
    let mut s = String::with_capacity(10);
    s.extend([digit(y / 1000), digit(y / 100), digit(y / 10), digit(y)]);
    if month.is_some() {
        s.extend(['-', digit(m / 10), digit(m)]);
        if day.is_some() {
            s.extend(['-', digit(d / 10), digit(d)]);
        }
    }
    s
}

impl DateRange {
    /// A single day, month or year, from its parts.
    pub fn point(year: i32, month: Option<u32>, day: Option<u32>) -> Self {
        let precision = match (month, day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        };
        let s = iso_date(year, month, day);
        DateRange {
            start: s.clone(),
            end: s,
            precision,
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (as in a manifest).
    pub fn parse_iso(s: &str) -> Option<Self> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, len: usize| {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse::<u32>().ok())
                .flatten()
        };
        let year = num(parts.first()?, 4)? as i32;
        let month = parts.get(1).map(|p| num(p, 2)).unwrap_or(Some(0))?;
        let day = parts.get(2).map(|p| num(p, 2)).unwrap_or(Some(0))?;
        if parts.len() > 3 || month > 12 || day > 31 {
            return None;
        }
        Some(DateRange::point(
            year,
            (month > 0).then_some(month),
            (day > 0).then_some(day),
        ))
    }

    /// The year of `start`, if it parses.
    pub fn year(&self) -> Option<i32> {
        self.start.get(..4)?.parse().ok()
    }
    /// The month of `start`, if the date has one.
    pub fn month(&self) -> Option<u32> {
        self.start.get(5..7)?.parse().ok()
    }
}

/// What kind of thing an entity is (the spec's `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    ArmedGroup,
    Organization,
    Country,
    Place,
    EthnicGroup,
}

impl EntityKind {
    pub const ALL: [EntityKind; 6] = [
        EntityKind::Person,
        EntityKind::ArmedGroup,
        EntityKind::Organization,
        EntityKind::Country,
        EntityKind::Place,
        EntityKind::EthnicGroup,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::ArmedGroup => "armed_group",
            EntityKind::Organization => "organization",
            EntityKind::Country => "country",
            EntityKind::Place => "place",
            EntityKind::EthnicGroup => "ethnic_group",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        EntityKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Document metadata from the file itself or a manifest.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocMeta {
    pub title: Option<String>,
    pub published: Option<DateRange>,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub language: Option<String>,
}

/// One row of a table: its span and the span of each cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableRow {
    pub span: Span,
    pub cells: Vec<Span>,
}

/// A table found in the text (tab-separated, space-aligned, HTML or PDF).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub span: Span,
    /// The title or caption line(s) just before the table, when there is one.
    pub caption: Option<Span>,
    /// How many of the first rows are header rows.
    pub header_rows: usize,
    pub rows: Vec<TableRow>,
}

/// The layout the extractors rely on. All spans are char spans of the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Structure {
    pub paragraphs: Vec<Span>,
    pub headings: Vec<Span>,
    pub tables: Vec<Table>,
    /// Site furniture kept in the text but skipped by extractors
    /// ("ALSO READ | ...", teasers of other stories, "Popular posts").
    pub non_article: Vec<Span>,
}

/// A stored document: verbatim normalised text plus metadata and structure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Lower-case hex SHA-256 of the raw bytes.
    pub id: String,
    /// The path as it was ingested.
    pub path: Option<String>,
    /// `txt`, `md`, `html` or `pdf`.
    pub format: String,
    pub meta: DocMeta,
    pub text: String,
    pub structure: Structure,
    /// The id of the document at the same path that this one replaces.
    pub supersedes: Option<String>,
}

impl Document {
    /// Number of chars of the text (the spec's `chars`).
    pub fn chars(&self) -> usize {
        self.text.chars().count()
    }
}

/// An entity: one per store, with every alias seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub wikidata: Option<String>,
}

/// One occurrence of an entity in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub entity: String,
    pub span: Span,
    pub text: String,
}

/// A number a document states about the world, with what it counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub span: Span,
    pub quote: String,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub approximate: bool,
    pub what: Option<String>,
    pub unit: Option<String>,
    pub population: Vec<String>,
    pub affiliation: Vec<String>,
    pub location: Vec<String>,
    pub time: Option<DateRange>,
    pub source: Option<String>,
    pub negated: bool,
    pub count_kind: Option<String>,
}

/// Whether an event is asserted, only alleged, denied or hypothetical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    Asserted,
    Alleged,
    Denied,
    Hypothetical,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Alleged => "alleged",
            Modality::Denied => "denied",
            Modality::Hypothetical => "hypothetical",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "asserted" => Modality::Asserted,
            "alleged" => Modality::Alleged,
            "denied" => Modality::Denied,
            "hypothetical" => Modality::Hypothetical,
            _ => return None,
        })
    }
}

/// Something that happened (or is said, alleged, denied to have happened).
/// `event_type` is one of the spec's types (`attack`, `arrest`, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub span: Span,
    pub quote: String,
    pub event_type: String,
    pub date: Option<DateRange>,
    pub place: Vec<String>,
    pub actors: Vec<String>,
    pub targets: Vec<String>,
    pub killed: Option<f64>,
    pub injured: Option<f64>,
    pub modality: Modality,
}

/// A treaty or cooperation agreement between parties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    pub span: Span,
    pub quote: String,
    pub agreement_type: String,
    pub parties: Vec<String>,
    pub signed: Option<DateRange>,
    pub in_force: Option<DateRange>,
}

/// A typed link between two entities (`leader_of`, `predecessor_of`, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    pub span: Span,
    pub quote: String,
    pub relation: String,
    pub subject: String,
    pub object: String,
}

/// A travel route: places in travel order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Route {
    pub span: Span,
    pub quote: String,
    pub steps: Vec<String>,
    pub period: Option<DateRange>,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    /// The entities this document refers to, with the aliases seen in it.
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
    pub quantities: Vec<Quantity>,
    pub events: Vec<Event>,
    pub agreements: Vec<Agreement>,
    pub relations: Vec<Relation>,
    pub routes: Vec<Route>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_written_as_format_would() {
        for (y, m, d) in [
            (2015, Some(8), Some(17)),
            (987, Some(12), None),
            (2001, None, Some(3)),
            (-44, Some(3), Some(15)),
            (12345, Some(1), None),
            (1999, Some(100), Some(1)),
        ] {
            let expected = match (m, d) {
                (Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
                (Some(m), None) => format!("{y:04}-{m:02}"),
                _ => format!("{y:04}"),
            };
            let p = DateRange::point(y, m, d);
            assert_eq!(
                (p.start.as_str(), p.end.as_str()),
                (expected.as_str(), expected.as_str())
            );
        }
    }

    #[test]
    fn parses_iso_dates_of_each_precision() {
        assert_eq!(
            DateRange::parse_iso("2019").unwrap().precision,
            Precision::Year
        );
        let m = DateRange::parse_iso("2019-01").unwrap();
        assert_eq!(
            (m.start.as_str(), m.precision),
            ("2019-01", Precision::Month)
        );
        assert_eq!(
            DateRange::parse_iso("2019-01-05").unwrap().end,
            "2019-01-05"
        );
        assert!(DateRange::parse_iso("19-01").is_none());
        assert!(DateRange::parse_iso("2019-13").is_none());
    }

    #[test]
    fn kinds_round_trip() {
        for k in EntityKind::ALL {
            assert_eq!(EntityKind::parse(k.as_str()), Some(k));
        }
    }
}
