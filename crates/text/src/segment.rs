//! Paragraph and sentence segmentation shared by all extractors.
//!
//! Paragraphs are the structure's paragraphs when ingest found them, else
//! blocks separated by blank lines. Table rows and headings are sentences
//! of their own. Inside a paragraph, a sentence ends at `.`, `!` or `?`
//! (with closing quotes/brackets and glued footnote markers) followed by
//! space and a plausible sentence start, unless the word before the stop is
//! a known abbreviation or an initial.

use std::ops::Range;

use crate::{Context, Sentence};

/// Paragraph byte ranges: the structure's, or blank-line-separated blocks.
pub fn paragraphs(ctx: &Context) -> Vec<Range<usize>> {
    let from_structure: Vec<Range<usize>> = ctx
        .doc
        .structure
        .paragraphs
        .iter()
        .map(|s| ctx.index.bytes(*s))
        .collect();
    if !from_structure.is_empty() {
        return from_structure;
    }
    blocks(ctx.text)
}

/// Blocks of non-blank lines, trimmed.
pub fn blocks(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(s..end);
            }
        } else {
            if start.is_none() {
                start = Some(pos + (body.len() - body.trim_start().len()));
            }
            end = pos + body.trim_end().len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(s..end);
    }
    out
}

/// Sentences of the whole text, in order.
pub fn sentences(ctx: &Context) -> Vec<Sentence> {
    let mut out = Vec::new();
    let row_ranges: Vec<Range<usize>> = ctx
        .tables
        .iter()
        .flat_map(|t| t.rows.iter().map(|(r, _)| r.clone()))
        .collect();
    for (pi, para) in ctx.paragraphs.iter().enumerate() {
        for line in lines_of(ctx.text, para.clone()) {
            let is_row = row_ranges
                .iter()
                .any(|r| r.start <= line.start && line.end <= r.end);
            let is_heading = ctx
                .headings
                .iter()
                .any(|h| h.start <= line.start && line.end <= h.end);
            if is_row || is_heading {
                out.push(Sentence {
                    range: line,
                    paragraph: pi,
                    table_row: is_row,
                    heading: is_heading,
                });
            }
        }
        let mut rest: Vec<Range<usize>> = vec![para.clone()];
        for r in row_ranges
            .iter()
            .chain(ctx.headings.iter())
            .filter(|r| r.start < para.end && para.start < r.end)
        {
            rest = rest
                .into_iter()
                .flat_map(|x| subtract(x, r.clone()))
                .collect();
        }
        for chunk in rest {
            for range in split_sentences(ctx.text, chunk) {
                out.push(Sentence {
                    range,
                    paragraph: pi,
                    table_row: false,
                    heading: false,
                });
            }
        }
    }
    out.sort_by_key(|s| s.range.start);
    out
}

fn lines_of(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = range.start;
    for line in text[range.clone()].split('\n') {
        let t = line.trim();
        if !t.is_empty() {
            let lead = line.len() - line.trim_start().len();
            out.push(pos + lead..pos + lead + t.len());
        }
        pos += line.len() + 1;
    }
    out
}

fn subtract(a: Range<usize>, b: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if b.start > a.start {
        out.push(a.start..b.start.min(a.end));
    }
    if b.end < a.end {
        out.push(b.end.max(a.start)..a.end);
    }
    out.retain(|r| r.end > r.start);
    out
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "rev", "st", "jr",
    "sr", "vs", "etc", "e.g", "i.e", "no", "nos", "p", "pp", "vol", "fig", "al", "inc", "ltd",
    "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "u.s", "u.k", "u.n", "d.c", "ed", "eds", "approx", "est", "op", "cit", "ibid",
];

/// Splits one block into sentence byte ranges (trimmed).
pub fn split_sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[range.clone()];
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\n' && i + 1 < b.len() && line_is_item(&s[i + 1..]) {
            push_trimmed(&mut out, s, range.start, start, i);
            start = i + 1;
        } else if matches!(c, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            while j < b.len()
                && (matches!(b[j], b'"' | b'\'' | b')' | b']' | b'.' | b'!' | b'?')
                    || is_closing_quote(s, j))
            {
                j += s[j..].chars().next().map_or(1, char::len_utf8);
            }
            while j < b.len() && b[j].is_ascii_digit() && j - i <= 3 {
                j += 1; // footnote digits glued after the stop: "Syria.16 The"
            }
            if j < b.len()
                && b[j].is_ascii_whitespace()
                && starts_sentence(&s[j..])
                && !is_abbreviation(&s[..i], c)
            {
                push_trimmed(&mut out, s, range.start, start, j);
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(&mut out, s, range.start, start, b.len());
    out
}

fn is_closing_quote(s: &str, j: usize) -> bool {
    s[j..].starts_with('\u{201D}') || s[j..].starts_with('\u{2019}')
}

fn line_is_item(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("- ") || t.starts_with("* ") || t.starts_with("• ")
}

fn starts_sentence(rest: &str) -> bool {
    let t = rest.trim_start();
    match t.chars().next() {
        Some(c) => c.is_uppercase() || c.is_ascii_digit() || "\"'“‘([".contains(c),
        None => false,
    }
}

fn is_abbreviation(before: &str, stop: u8) -> bool {
    if stop != b'.' {
        return false;
    }
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let w = word.trim_start_matches(['(', '"', '\'']);
    if w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase()) {
        return true; // an initial: "James A. Millward"
    }
    let lw = w.to_lowercase();
    ABBREVIATIONS.contains(&lw.as_str())
        || (w.contains('.') && w.split('.').all(|p| p.chars().count() <= 2))
}

fn push_trimmed(out: &mut Vec<Range<usize>>, s: &str, base: usize, a: usize, b: usize) {
    let piece = &s[a..b];
    let lead = piece.len() - piece.trim_start().len();
    let t = piece.trim();
    if !t.is_empty() {
        out.push(base + a + lead..base + a + lead + t.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        split_sentences(t, 0..t.len())
            .into_iter()
            .map(|r| &t[r])
            .collect()
    }

    #[test]
    fn splits_on_stops_but_not_abbreviations() {
        assert_eq!(
            split("Dr. Smith went to the U.S. Army base. He left. Then J. R. Doe came."),
            vec![
                "Dr. Smith went to the U.S. Army base.",
                "He left.",
                "Then J. R. Doe came."
            ]
        );
    }

    #[test]
    fn keeps_glued_footnotes_with_their_sentence() {
        assert_eq!(
            split("They went to Syria.16 The next"),
            vec!["They went to Syria.16", "The next"]
        );
    }

    #[test]
    fn blocks_split_on_blank_lines() {
        let t = "a b\nc\n\n  d\n";
        let b: Vec<&str> = blocks(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(b, vec!["a b\nc", "d"]);
    }
}
