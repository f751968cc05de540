//! Layout of plain text: paragraphs (blank-line blocks), headings, tables
//! (tab-separated, markdown pipes, columns aligned by runs of spaces, or
//! rows of words, numbers and dates separated by single spaces) with their
//! header rows and caption, and site furniture ("Read more", "Related",
//! share buttons) marked as non-article.
//!
//! Everything works on byte ranges of lines and is converted to char spans
//! once at the end, so every span lies on a char boundary of the text.

use std::ops::Range;
use std::sync::LazyLock;

use evident_model::{Span, Structure, Table, TableRow};

pub(crate) mod furniture;
pub(crate) mod tables;

/// One line of the text: its range without the newline, and its trimmed range.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub full: Range<usize>,
    pub trim: Range<usize>,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.trim.is_empty()
    }
}

/// A table in byte ranges, before conversion to chars.
#[derive(Debug, Clone)]
pub(crate) struct TableB {
    /// Index of the first and one past the last line of the table.
    pub lines: Range<usize>,
    pub header_rows: usize,
    pub rows: Vec<(Range<usize>, Vec<Range<usize>>)>,
}

/// Detects the structure of a plain text (see the module doc).
pub fn detect_structure(text: &str) -> Structure {
    let lines = split_lines(text);
    let blocks = blocks(&lines);
    let tables = tables::find(text, &lines);
    let mut in_table = vec![false; lines.len()];
    for t in &tables {
        in_table[t.lines.clone()].iter_mut().for_each(|f| *f = true);
    }
    let cursor = CharCursor::new(text);
    let paragraphs = cursor.spans(&paragraphs(text, &lines, &blocks));
    let headings = cursor.spans(&headings(text, &lines, &blocks, &in_table));
    let mut c = cursor.clone();
    let tables = tables
        .iter()
        .map(|t| {
            let caption = caption(text, &lines, &blocks, t.lines.start, &in_table);
            to_table(&mut c, caption, t)
        })
        .collect();
    let non_article = cursor.spans(&furniture::find(text, &lines));
    Structure {
        paragraphs,
        headings,
        tables,
        non_article,
    }
}

/// A table in char spans; `c` walks forward through the text.
pub(crate) fn to_table(c: &mut CharCursor, caption: Option<Range<usize>>, t: &TableB) -> Table {
    let caption = caption.map(|r| c.span(&r));
    let span = c.span(&(t.rows[0].0.start..t.rows[t.rows.len() - 1].0.end));
    let rows = t
        .rows
        .iter()
        .map(|(r, cells)| TableRow {
            span: c.span(r),
            cells: cells.iter().map(|x| c.span(x)).collect(),
        })
        .collect();
    Table {
        span,
        caption,
        header_rows: t.header_rows,
        rows,
    }
}

/// Converts byte offsets to char offsets walking forward (or back) from the
/// last offset converted, so sorted ranges convert in one pass over the text
/// (a binary search per offset is slow on large texts).
#[derive(Debug, Clone)]
pub(crate) struct CharCursor<'a> {
    text: &'a str,
    ascii: bool,
    byte: usize,
    ch: usize,
}

impl<'a> CharCursor<'a> {
    pub fn new(text: &'a str) -> Self {
        CharCursor {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            ch: 0,
        }
    }

    fn chars_in(&self, r: Range<usize>) -> usize {
        // Every byte that is not a UTF-8 continuation byte starts a char.
        self.text.as_bytes()[r]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count()
    }

    /// The char offset of a byte offset (on a char boundary).
    pub fn char_of(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.ascii {
            return byte;
        }
        if byte >= self.byte {
            self.ch += self.chars_in(self.byte..byte);
        } else {
            self.ch -= self.chars_in(byte..self.byte);
        }
        self.byte = byte;
        self.ch
    }

    pub fn span(&mut self, r: &Range<usize>) -> Span {
        let start = self.char_of(r.start);
        Span::new(start, self.char_of(r.end))
    }

    /// Spans of byte ranges (best sorted).
    pub fn spans(&self, ranges: &[Range<usize>]) -> Vec<Span> {
        let mut c = self.clone();
        ranges.iter().map(|r| c.span(r)).collect()
    }
}

/// Lines with their byte ranges; a `\r` before the newline is not part of the line.
pub(crate) fn split_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in text.split('\n') {
        let body = raw.strip_suffix('\r').unwrap_or(raw);
        let lead = body.len() - body.trim_start().len();
        let trimmed = body.trim();
        let start = pos + lead;
        out.push(Line {
            full: pos..pos + body.len(),
            trim: start..start + trimmed.len(),
        });
        pos += raw.len() + 1;
    }
    out
}

/// Runs of non-blank lines, as line index ranges.
fn blocks(lines: &[Line]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, l) in lines.iter().enumerate() {
        match (l.is_blank(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..lines.len());
    }
    out
}

/// Lines longer than this are not hard-wrapped: each is a paragraph of its own.
const UNWRAPPED_LINE: usize = 200;

/// Paragraphs: blocks, except that a block of long unwrapped lines (one
/// paragraph per line, no blank lines between) gives one paragraph per line.
fn paragraphs(text: &str, lines: &[Line], blocks: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for b in blocks {
        let block = &lines[b.clone()];
        if unwrapped(text, block) {
            out.extend(block.iter().map(|l| l.trim.clone()));
        } else {
            out.push(block[0].trim.start..block[block.len() - 1].trim.end);
        }
    }
    out
}

/// A block of paragraphs one per line, without blank lines between: some
/// line is too long to be hard-wrapped, or most lines end a sentence
/// (hard-wrapped prose ends few lines at a stop).
fn unwrapped(text: &str, block: &[Line]) -> bool {
    if block.len() < 2 {
        return false;
    }
    if block.iter().any(|l| l.trim.len() > UNWRAPPED_LINE) {
        return true;
    }
    let body = &block[..block.len() - 1];
    let stops = body
        .iter()
        .filter(|l| {
            text[l.trim.clone()]
                .trim_end_matches(['"', '”', '’', ')', '\''])
                .ends_with(['.', '!', '?'])
        })
        .count();
    block.len() >= 3 && stops * 5 >= body.len() * 3
}

/// Heading lines: markdown `#` lines, and short title-like lines that stand
/// alone (a one-line block, or a short line among unwrapped paragraph lines).
fn headings(
    text: &str,
    lines: &[Line],
    blocks: &[Range<usize>],
    in_table: &[bool],
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for b in blocks {
        let block = &lines[b.clone()];
        let unwrapped = unwrapped(text, block);
        let mut skip_next = false;
        for (i, l) in block.iter().enumerate() {
            let t = &text[l.trim.clone()];
            if in_table[b.start + i] || std::mem::take(&mut skip_next) {
                continue;
            }
            // Setext: "Title" underlined by "=====" or "-----" (one heading span).
            if let Some(under) = block
                .get(i + 1)
                .filter(|u| is_underline(&text[u.trim.clone()]))
            {
                if t.chars().any(char::is_alphanumeric) {
                    out.push(l.trim.start..under.trim.end);
                    skip_next = true;
                    continue;
                }
            }
            let alone = block.len() == 1 || unwrapped;
            if is_markdown_heading(t) || (alone && is_title_like(t)) {
                out.push(l.trim.clone());
            }
        }
    }
    out
}

/// A setext underline: three or more `=` or `-` and nothing else.
fn is_underline(t: &str) -> bool {
    t.len() >= 3 && (t.bytes().all(|b| b == b'=') || t.bytes().all(|b| b == b'-'))
}

/// `# Title` … `###### Title`.
pub(crate) fn is_markdown_heading(t: &str) -> bool {
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') && !t[hashes..].trim().is_empty()
}

/// Markup that may wrap a heading or caption (`**Title**`, `*(a) Title*`).
pub(crate) const MARKUP: &[char] = &['*', '_', '#', '>', ' ', '\t', '`'];

/// A short line that reads as a title: starts with a capital or a digit,
/// has no final stop, and is not a sentence in disguise.
fn is_title_like(t: &str) -> bool {
    let core = strip_markup(t);
    let words = core.split_whitespace().count();
    if core.is_empty() || core.chars().count() > 120 || words > 16 {
        return false;
    }
    let first = skip_enumerator(core)
        .trim_start_matches(['(', '[', '"', '“', '\''])
        .chars()
        .next();
    if !first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
        return false;
    }
    if !core.chars().any(char::is_alphabetic) {
        return false;
    }
    match core.chars().last() {
        Some('.' | ',' | ';' | ':' | '-' | '–' | '—') => false,
        Some('?' | '!') => mostly_capitalised(core),
        _ => true,
    }
}

/// The text after a leading "(a)", "(iv)" or "[2]" enumerator.
fn skip_enumerator(t: &str) -> &str {
    let Some(rest) = t.strip_prefix(['(', '[']) else {
        return t;
    };
    match rest.find([')', ']']) {
        Some(end) if end <= 4 && rest[..end].chars().all(char::is_alphanumeric) => {
            rest[end + 1..].trim_start_matches(MARKUP)
        }
        _ => t,
    }
}

/// The text without surrounding markdown emphasis, `#`s, HTML-ish footnote
/// tags (`<sup>3</sup>`) and spaces.
pub(crate) fn strip_markup(t: &str) -> &str {
    let mut s = t.trim();
    while s.ends_with("</sup>") {
        match s.rfind("<sup>") {
            Some(open) => s = s[..open].trim_end(),
            None => break,
        }
    }
    s.trim_matches(MARKUP)
}

/// True when at least half of the longer words start with a capital (Title Case).
fn mostly_capitalised(t: &str) -> bool {
    let long: Vec<&str> = t.split_whitespace().filter(|w| w.len() > 3).collect();
    let caps = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    !long.is_empty() && caps * 2 >= long.len()
}

static CAPTION_START: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?i)^(table|figure|fig\.|chart|exhibit|annex|appendix|graph)\s*[0-9IVXivx]")
        .expect("caption regex is valid")
});

/// The caption of a table starting at line `first`: the line just before it
/// (at most two blank lines up) when it names a table or reads as a title.
fn caption(
    text: &str,
    lines: &[Line],
    blocks: &[Range<usize>],
    first: usize,
    in_table: &[bool],
) -> Option<Range<usize>> {
    let mut i = first;
    let mut blanks = 0;
    while i > 0 {
        i -= 1;
        let l = &lines[i];
        if l.is_blank() {
            blanks += 1;
            if blanks > 2 {
                return None;
            }
            continue;
        }
        if in_table[i] {
            return None;
        }
        let t = &text[l.trim.clone()];
        let core = strip_markup(t);
        if CAPTION_START.is_match(core) {
            return Some(l.trim.clone());
        }
        let alone = blocks.iter().any(|b| b.start == i && b.end == i + 1) || blanks == 0;
        let titled = core.chars().count() <= 250
            && core.split_whitespace().count() <= 30
            && !core.ends_with('.')
            && core.chars().any(char::is_alphabetic);
        return (alone && titled).then(|| l.trim.clone());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use evident_model::CharIndex;

    fn texts<'a>(text: &'a str, spans: &[Span]) -> Vec<&'a str> {
        let ix = CharIndex::new(text);
        spans.iter().map(|s| &text[ix.bytes(*s)]).collect()
    }

    #[test]
    fn cursor_matches_char_index() {
        let t = "aé’b\n中c d";
        let ix = CharIndex::new(t);
        let mut c = CharCursor::new(t);
        let offsets: Vec<usize> = t.char_indices().map(|(b, _)| b).chain([t.len()]).collect();
        for &b in offsets.iter().chain(offsets.iter().rev()) {
            assert_eq!(c.char_of(b), ix.char_of(b));
        }
    }

    #[test]
    fn paragraphs_are_blank_line_blocks() {
        let t = "First para line one\nline two.\n\n  Second para.  \n\n\nThird.";
        let s = detect_structure(t);
        assert_eq!(
            texts(t, &s.paragraphs),
            vec!["First para line one\nline two.", "Second para.", "Third."]
        );
    }

    #[test]
    fn unwrapped_lines_are_paragraphs_each() {
        let long = "word ".repeat(50);
        let t = format!("{long}end.\n{long}again.\nA Short Heading\n{long}x.");
        let s = detect_structure(&t);
        assert_eq!(s.paragraphs.len(), 4);
        assert_eq!(texts(&t, &s.headings), vec!["A Short Heading"]);
    }

    #[test]
    fn lines_ending_sentences_are_paragraphs_each() {
        let t = "A Title Line\nFirst paragraph ends here.\nSecond one too.\nThird one, as well.\nLast line";
        let s = detect_structure(t);
        assert_eq!(s.paragraphs.len(), 5);
        assert_eq!(texts(t, &s.headings), vec!["A Title Line", "Last line"]);
        let wrapped = "A hard wrapped paragraph runs\nacross lines. It ends some\nlines mid-sentence and\nfinally stops.";
        assert_eq!(detect_structure(wrapped).paragraphs.len(), 1);
    }

    #[test]
    fn headings_markdown_and_title_lines() {
        let t = "# The Big Title\n\nSome prose that ends with a stop.\n\nWho Are the Fighters?\n\nA sentence question, is it not?\n\n## Part II\ntext after.\n\nthe lower case line\n\n*(b) The Second Part*\n\nUnderlined Title, lower case\n=====\n\n---";
        let s = detect_structure(t);
        assert_eq!(
            texts(t, &s.headings),
            vec![
                "# The Big Title",
                "Who Are the Fighters?",
                "## Part II",
                "*(b) The Second Part*",
                "Underlined Title, lower case\n====="
            ]
        );
    }

    #[test]
    fn strips_markup_and_footnote_tags() {
        assert_eq!(
            strip_markup("**Table 1:** Things<sup>17</sup>"),
            "Table 1:** Things"
        );
        assert_eq!(strip_markup("### *(a) Title*"), "(a) Title");
    }

    #[test]
    fn caption_before_table() {
        let t = "Intro.\n\n**Table 3:** Arrivals by year<sup>4</sup>\n\nYear\tCount\n2014\t12\n2015\t30\n\nAfter.";
        let s = detect_structure(t);
        let table = &s.tables[0];
        assert_eq!(
            texts(t, &[table.caption.unwrap()]),
            vec!["**Table 3:** Arrivals by year<sup>4</sup>"]
        );
        assert_eq!(table.header_rows, 1);
        assert_eq!(
            texts(t, &[table.span]),
            vec!["Year\tCount\n2014\t12\n2015\t30"]
        );
    }
}
