//! Paragraph and sentence segmentation shared by all extractors.
//!
//! Paragraphs are the structure's paragraphs when ingest found them, else
//! blocks separated by blank lines. Table rows and headings are sentences
//! of their own. Inside a paragraph, a sentence ends at `.`, `!` or `?`
//! (with closing quotes/brackets and glued footnote markers) followed by
//! space and a plausible sentence start, unless the word before the stop is
//! a known abbreviation or an initial.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

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
    // Sentences run to about a hundred bytes: reserve rather than regrow.
    let mut out = Vec::with_capacity(ctx.text.len() / 100 + 16);
    let row_ranges = Sorted::new(
        ctx.tables
            .iter()
            .flat_map(|t| t.rows.iter().map(|(r, _)| r.clone()))
            .collect(),
    );
    let head_ranges = Sorted::new(ctx.headings.clone());
    // The rows and headings that touch the paragraph at hand: a line can
    // only be inside those.
    let (mut rows, mut heads, mut pieces) = (Vec::new(), Vec::new(), Vec::new());
    for (pi, para) in ctx.paragraphs.iter().enumerate() {
        rows.clear();
        rows.extend(row_ranges.touching(para).cloned());
        heads.clear();
        heads.extend(head_ranges.touching(para).cloned());
        // Most paragraphs hold no table row or heading: then they are
        // split as they are, without looking at their lines.
        if rows.is_empty() && heads.is_empty() {
            push_prose(ctx.text, para.clone(), pi, &mut pieces, &mut out);
            continue;
        }
        for line in lines_of(ctx.text, para.clone()) {
            let is_row = rows
                .iter()
                .any(|r| r.start <= line.start && line.end <= r.end);
            let is_heading = heads
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
        let mut cut = Vec::new();
        for r in rows.iter().chain(heads.iter()) {
            cut.clear();
            for x in rest.drain(..) {
                subtract_into(&mut cut, x, r.clone());
            }
            std::mem::swap(&mut rest, &mut cut);
        }
        for chunk in rest {
            push_prose(ctx.text, chunk, pi, &mut pieces, &mut out);
        }
    }
    out.sort_by_key(|s| s.range.start);
    out
}

/// The sentences of a stretch of prose of paragraph `pi`, appended to `out`
/// (`pieces` is a buffer reused from call to call).
fn push_prose(
    text: &str,
    range: Range<usize>,
    pi: usize,
    pieces: &mut Vec<Range<usize>>,
    out: &mut Vec<Sentence>,
) {
    split_sentences_into(text, range, pieces);
    out.extend(pieces.drain(..).map(|range| Sentence {
        range,
        paragraph: pi,
        table_row: false,
        heading: false,
    }));
}

/// Ranges sorted by start, with the running maximum of their ends, so that
/// those touching a range are found by binary search even if some overlap.
struct Sorted {
    ranges: Vec<Range<usize>>,
    max_end: Vec<usize>,
}

impl Sorted {
    fn new(mut ranges: Vec<Range<usize>>) -> Self {
        ranges.sort_by_key(|r| r.start);
        let max_end = ranges
            .iter()
            .scan(0, |m, r| {
                *m = r.end.max(*m);
                Some(*m)
            })
            .collect();
        Sorted { ranges, max_end }
    }

    /// The ranges that overlap `x`, in order of start.
    fn touching<'s>(&'s self, x: &'s Range<usize>) -> impl Iterator<Item = &'s Range<usize>> {
        let lo = self.max_end.partition_point(|&e| e <= x.start);
        let hi = self.ranges.partition_point(|r| r.start < x.end);
        self.ranges[lo..hi.max(lo)]
            .iter()
            .filter(move |r| r.start < x.end && x.start < r.end)
    }
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

/// Appends the non-empty parts of `a` outside `b` to `out`.
fn subtract_into(out: &mut Vec<Range<usize>>, a: Range<usize>, b: Range<usize>) {
    if b.start > a.start {
        let r = a.start..b.start.min(a.end);
        if r.end > r.start {
            out.push(r);
        }
    }
    if b.end < a.end {
        let r = b.end.max(a.start)..a.end;
        if r.end > r.start {
            out.push(r);
        }
    }
}

/// Titles and similar abbreviations that never end a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "mme", "dr", "prof", "st", "mt", "gen", "lt", "col", "maj",
    "capt", "sgt", "cpl", "adm", "cmdr", "rev", "sen", "rep", "gov", "hon", "pres", "jr", "sr",
    "fr", "supt", "insp", "brig",
];

/// Abbreviations usually followed by a number ("p. 55", "No. 7", "Vol. II").
const NUMBERED: &[&str] = &[
    "no", "nos", "p", "pp", "vol", "vols", "fig", "figs", "ch", "chap", "sec", "art", "para", "n°",
    "nº", "op", "ed", "eds", "ref", "refs", "tab", "app", "ft", "in", "lb", "lbs", "oz", "kg",
    "km", "mi", "yd", "pt", "qt", "sq", "approx", "ca", "est",
];

/// Other abbreviations: no stop before a lower-case word or a number.
const OTHER: &[&str] = &[
    "etc", "vs", "cf", "al", "inc", "ltd", "co", "corp", "bros", "dept", "univ", "govt", "assn",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "wed", "thu", "fri", "sat", "sun", "ibid", "cit", "viz", "see",
];

/// Dotted abbreviations of times and eras, which often end a sentence.
const TIME_ERA: &[&str] = &["a.m", "p.m", "b.c", "a.d", "b.c.e", "c.e", "bc", "ad"];

/// How an abbreviation bears on a following stop.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Abbr {
    Title,
    Numbered,
    Other,
    TimeEra,
}

/// Every listed abbreviation by class, looked up once per stop. A word in
/// two lists keeps the first class, in the order the splitter tests them.
static ABBREVIATIONS: LazyLock<HashMap<&'static str, Abbr>> = LazyLock::new(|| {
    let lists = [
        (TITLES, Abbr::Title),
        (NUMBERED, Abbr::Numbered),
        (OTHER, Abbr::Other),
        (&["e.g", "i.e"], Abbr::Other),
        (TIME_ERA, Abbr::TimeEra),
    ];
    let mut map = HashMap::new();
    for (words, class) in lists {
        for w in words {
            map.entry(*w).or_insert(class);
        }
    }
    map
});

/// The lower-case form of a word, copied only when it has upper-case letters.
fn lower(w: &str) -> Cow<'_, str> {
    if w.chars().any(char::is_uppercase) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

/// Words that start sentences; after "U.S." only these mark a new sentence.
const STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "But",
    "And",
    "In",
    "On",
    "At",
    "As",
    "If",
    "When",
    "While",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "Some",
    "Many",
    "Most",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "However",
    "Yet",
    "So",
    "After",
    "Before",
    "Since",
    "Although",
    "According",
    "For",
    "What",
    "Why",
    "How",
    "Then",
];

/// Prepositions that open a time phrase: "At 6 a.m. Mr. Smith arrived".
const TIME_PREPOSITIONS: &[&str] = &[
    "At", "In", "On", "By", "Around", "About", "Before", "After", "Until", "Since", "From", "at",
    "in", "on", "by", "around",
];

/// Splits one block into sentence byte ranges (trimmed).
///
/// Linear: every byte is looked at a bounded number of times.
pub fn split_sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    split_sentences_into(text, range, &mut out);
    out
}

/// [`split_sentences`] appending to `out`: one buffer serves every paragraph.
fn split_sentences_into(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[range.clone()];
    let b = s.as_bytes();
    // Where the last closing quotes are, looked up at the first stop inside
    // a quotation (most paragraphs have none).
    let last_dq = std::cell::OnceCell::new();
    let last_cq = std::cell::OnceCell::new();
    let mut start = 0;
    let mut i = 0;
    let mut depth = 0i32;
    let mut dq_open = false;
    let mut cq_open = false;
    let mut sq_open = false;
    while i < b.len() {
        // Most bytes mean nothing to the splitter: skip them in one go.
        match next_splitter_byte(b, i) {
            Some(k) => i = k,
            None => break,
        }
        let c = b[i];
        match c {
            b'\'' if i == 0 || b[i - 1] == b' ' => {
                let len = if b.get(i + 1) == Some(&b'\'') { 2 } else { 1 };
                if i + len == b.len() || b[i + len] == b' ' {
                    sq_open = !sq_open; // a quote standing alone: ' or ''
                }
                i += len;
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = (depth - 1).max(0),
            b'"' => dq_open = !dq_open,
            b'\n' if i + 1 < b.len() && line_breaks_sentence(s, start, i) => {
                push_trimmed(out, s, range.start, start, i);
                start = i + 1;
                depth = 0;
            }
            b'.' | b'!' | b'?' => {
                let state = State {
                    start,
                    bracketed: depth > 0,
                    dq_open: dq_open && last_dq.get_or_init(|| s.rfind('"')).is_some_and(|q| q > i),
                    cq_open: cq_open
                        && last_cq
                            .get_or_init(|| s.rfind('\u{201D}'))
                            .is_some_and(|q| q > i),
                    sq_open,
                };
                let run = stop_run_end(b, i);
                if let Some((end, next)) = boundary(s, i, &state) {
                    push_trimmed(out, s, range.start, start, end);
                    dq_open ^= s[i..end].matches('"').count() % 2 == 1;
                    cq_open &= !s[i..end].contains('\u{201D}');
                    // `windows` counts as `matches` would (" '" cannot overlap itself)
                    // without setting up a substring search per sentence.
                    let spaced_quotes = b[i..end].windows(2).filter(|w| w == b" '").count();
                    sq_open ^= spaced_quotes % 2 == 1;
                    start = end;
                    depth = 0;
                    i = next;
                    continue;
                }
                // The rest of a run of stops ("...", "?!") is no new stop.
                i = run;
                continue;
            }
            0xE2 if s[i..].starts_with('\u{201C}') => cq_open = true,
            0xE2 if s[i..].starts_with('\u{201D}') => cq_open = false,
            _ => {}
        }
        i += 1;
    }
    push_trimmed(out, s, range.start, start, b.len());
}

/// The bytes the loop of [`split_sentences`] acts on (0xE2 leads the
/// curly quotes).
const SPLITTER_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let bytes = b"'([{)]}\"\n.!?\xE2";
    let mut k = 0;
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
};

/// The first byte at or after `i` that [`split_sentences`] acts on. Eight
/// bytes are tested per round with one branch: most rounds hold none.
fn next_splitter_byte(b: &[u8], mut i: usize) -> Option<usize> {
    while let Some(chunk) = b.get(i..i + 8) {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        if eight.iter().any(|&c| SPLITTER_BYTES[usize::from(c)]) {
            break;
        }
        i += 8;
    }
    let k = b
        .get(i..)?
        .iter()
        .position(|&c| SPLITTER_BYTES[usize::from(c)])?;
    Some(i + k)
}

/// The end of a run of stops starting at `i`, spaced ellipses included.
fn stop_run_end(b: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < b.len() && matches!(b[j], b'.' | b'!' | b'?') {
        j += 1;
        if j + 1 < b.len() && b[j] == b' ' && b[j + 1] == b'.' && b[j - 1] == b'.' {
            j += 1;
        }
    }
    j
}

/// What the splitter knows at a stop.
struct State {
    /// Where the current sentence starts.
    start: usize,
    /// Inside an open bracket.
    bracketed: bool,
    /// Inside a straight or curly double quotation that closes later.
    dq_open: bool,
    cq_open: bool,
    /// Inside a quotation opened by a free-standing `'` or `''`.
    sq_open: bool,
}

/// At a stop at `i`: the end of the sentence (after closing quotes,
/// brackets and footnote markers) and where to go on, or None.
fn boundary(s: &str, i: usize, st: &State) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let j = stop_run_end(b, i);
    let dots = s[i..j].matches('.').count();
    let only_dots = dots == j - i - s[i..j].matches(' ').count();
    let ellipsis = dots >= 2 && (only_dots || dots == 3) && dots <= 3;
    // An ellipsis goes on inside a sentence unless a wider gap follows it.
    if ellipsis && !(s[j..].starts_with("  ") || s[j..].starts_with(" \n")) {
        return None;
    }
    let (mut end, mut closed_bracket) = closers(s, j);
    if end < b.len() && b[end].is_ascii_digit() {
        let d = end + b[end..].iter().take_while(|c| c.is_ascii_digit()).count();
        if d - end > 3 {
            return None;
        }
        // Glued footnote "Syria.16 The"; but "gap.11 12 Take" is a list of notes.
        let rest = s[d..].trim_start_matches(' ');
        if rest.starts_with(|c: char| c.is_ascii_digit()) || b[i] != b'.' {
            return None;
        }
        end = d;
    }
    let mut next = end + s[end..].len() - s[end..].trim_start().len();
    if next == end && next < b.len() {
        return glued_start(s, i, end).then_some((end, end));
    }
    // Footnote markers and closing quotes after a space: "gas. [1] It", "do ? '' Graham".
    let mut sq_open = st.sq_open;
    while let Some(len) = spaced_closer(&s[next..], sq_open) {
        sq_open &= bracket_note(&s[next..]).is_some();
        let (e, cb) = closers(s, next + len);
        closed_bracket |= cb;
        end = e;
        next = end + s[end..].len() - s[end..].trim_start().len();
    }
    let closes_dq = s[i..end].matches('"').count() % 2 == 1;
    let closes_cq = s[i..end].contains('\u{201D}');
    let quoted = (st.dq_open && !closes_dq) || (st.cq_open && !closes_cq);
    if (st.bracketed && !closed_bracket) || quoted {
        return None;
    }
    if next >= b.len() {
        return Some((end, next));
    }
    if !starts_sentence(&s[next..]) {
        return None;
    }
    if b[i] == b'.' && j == i + 1 && is_abbreviation(s, st.start, i, &s[next..]) {
        return None;
    }
    Some((end, next))
}

/// Closing quotes, brackets and `<sup>` footnotes right after a stop.
fn closers(s: &str, mut j: usize) -> (usize, bool) {
    let b = s.as_bytes();
    let mut closed_bracket = false;
    loop {
        if j >= b.len() {
            break;
        }
        let rest = &s[j..];
        if matches!(b[j], b'"' | b'\'' | b'`' | b'*' | b'_') {
            j += 1;
        } else if matches!(b[j], b')' | b']' | b'}') {
            closed_bracket = true;
            j += 1;
        } else if rest.starts_with('\u{201D}') || rest.starts_with('\u{2019}') {
            j += 3;
        } else if rest.starts_with("<sup>") {
            match rest.find("</sup>") {
                Some(e) if e < 20 => j += e + 6,
                _ => break,
            }
        } else if let Some(len) = bracket_note(rest) {
            j += len;
        } else {
            break;
        }
    }
    (j, closed_bracket)
}

/// "[1]", "[2–11]", "[7][8]": a bracketed note number; its length.
fn bracket_note(rest: &str) -> Option<usize> {
    let inner = rest.strip_prefix('[')?;
    let close = inner.find(']')?;
    let body = &inner[..close];
    let ok = close > 0
        && close <= 12
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '-' | '–' | ' '));
    ok.then_some(close + 2)
}

/// A note marker, or the closing quote of an open quotation, standing
/// alone after the stop's space.
fn spaced_closer(rest: &str, sq_open: bool) -> Option<usize> {
    if let Some(len) = bracket_note(rest) {
        return Some(len);
    }
    if !sq_open {
        return None;
    }
    for q in ["''", "'"] {
        if let Some(after) = rest.strip_prefix(q) {
            let single_space = after.starts_with(' ') && !after[1..].starts_with(' ');
            if after.is_empty() || single_space || after.starts_with([',', '.', ';']) {
                return Some(q.len());
            }
        }
    }
    None
}

/// "world.Today": a stop with no space, between a word and a capitalised
/// word, outside e-mail addresses, URLs and abbreviations.
fn glued_start(s: &str, i: usize, end: usize) -> bool {
    let b = s.as_bytes();
    if end != i + 1 || i == 0 || end + 1 >= b.len() {
        return false;
    }
    let before_ok = b[i - 1].is_ascii_lowercase() || b[i - 1].is_ascii_digit();
    let after_ok = b[end].is_ascii_uppercase() && b[end + 1].is_ascii_lowercase();
    if !(before_ok && after_ok) {
        return false;
    }
    let lo = s[..i]
        .rfind(|c: char| c.is_ascii_whitespace())
        .map_or(0, |p| p + 1);
    let hi = s[end..]
        .find(|c: char| c.is_ascii_whitespace())
        .map_or(s.len(), |p| end + p);
    let token = &s[lo..hi];
    let word_before = &s[lo..i];
    // Byte tests: a substring search sets up more than these short tokens need.
    let www = token.as_bytes().windows(3).any(|w| w == b"www");
    !(token.contains('@') || token.contains('/') || www)
        && word_before.chars().filter(|c| c.is_alphanumeric()).count() >= 2
        && !is_abbreviation(s, lo, i, &s[end..])
}

/// A line break that ends a sentence: before a list item, or after a short
/// title-like line with no stop (a heading) followed by a capitalised line.
fn line_breaks_sentence(s: &str, start: usize, i: usize) -> bool {
    if line_is_item(&s[i + 1..]) {
        return true;
    }
    let line_start = s[..i].rfind('\n').map_or(start, |p| (p + 1).max(start));
    let line = s[line_start..i].trim();
    if line.is_empty() || line.len() > 80 {
        return false;
    }
    if line.ends_with(['.', '!', '?', ',', ';', ':', '-', '(']) {
        return false;
    }
    let next = s[i + 1..].trim_start();
    if !next.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let last = line.split_whitespace().next_back().unwrap_or("");
    let joins = matches!(
        last,
        "the"
            | "of"
            | "and"
            | "or"
            | "to"
            | "in"
            | "a"
            | "an"
            | "with"
            | "for"
            | "by"
            | "on"
            | "at"
            | "from"
            | "that"
            | "as"
    );
    if joins || line.starts_with(char::is_lowercase) {
        return false;
    }
    let (mut words, mut caps) = (0, 0);
    for w in line.split_whitespace() {
        words += 1;
        caps += usize::from(w.chars().next().is_some_and(|c| !c.is_lowercase()));
    }
    words <= 4 || caps * 10 >= words * 7
}

fn line_is_item(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("• ") || t.starts_with('#') {
        return true;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits) && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
}

fn starts_sentence(rest: &str) -> bool {
    match rest.chars().next() {
        Some(c) => {
            c.is_uppercase()
                || c.is_ascii_digit()
                || "\"'“‘([`*#_¿¡«".contains(c)
                || (!c.is_alphabetic() && !c.is_ascii_punctuation() && !c.is_whitespace())
        }
        None => false,
    }
}

/// True when the `.` at `i` belongs to an abbreviation or initial that does
/// not end the sentence before `next`.
fn is_abbreviation(s: &str, start: usize, i: usize, next: &str) -> bool {
    let before = s[..i].trim_end_matches(' ');
    let word = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '[' | '/' | '“'))
        .next()
        .unwrap_or("");
    let w = word.trim_start_matches(['\'', '‘', '`']);
    let next_word = next.split_whitespace().next().unwrap_or("");
    let next_digit = next.starts_with(|c: char| c.is_ascii_digit());
    let next_upper = next.starts_with(char::is_uppercase);
    if w.is_empty() {
        return false;
    }
    if w.chars().count() == 1 && w.chars().all(char::is_uppercase) {
        // "you and I. Did": the pronoun; else an initial ("Jonas E. Smith").
        let prev = before[..before.len() - w.len()].trim_end();
        let pronoun = w == "I"
            && prev
                .rsplit(' ')
                .next()
                .is_some_and(|p| p.chars().next().is_some_and(char::is_lowercase));
        return !pronoun;
    }
    // "## II. The Reasons": a numbered heading or list item. The line is
    // read back only for a Roman numeral: paragraphs can be long.
    let roman = w.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'));
    if roman {
        let line_head = before[..before.len() - w.len()]
            .rsplit('\n')
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| c == '#' || c == '*' || c.is_whitespace());
        if line_head.is_empty() {
            return true;
        }
    }
    // Every listed abbreviation has at most six chars, and lower-casing
    // loses none: a longer word without a dot is none of them.
    if !w.contains('.') && w.chars().count() > 6 {
        return false;
    }
    let lw = lower(w);
    let class = |key: &str| ABBREVIATIONS.get(key).copied();
    let whole = class(&lw);
    // "Tuesday.Mr" (a glued stop before it): the title is the last part.
    let last_part = lw.rsplit_once('.').map(|(_, p)| p);
    if whole == Some(Abbr::Title) || last_part.is_some_and(|p| class(p) == Some(Abbr::Title)) {
        return true;
    }
    match whole {
        Some(Abbr::Numbered) => {
            let roman = next_word
                .trim_end_matches(['.', ',', ')'])
                .chars()
                .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'));
            return next_digit || (roman && !next_word.is_empty());
        }
        Some(Abbr::Other) => return !next_upper,
        _ => {}
    }
    if w.contains('.') && w.split('.').all(|p| p.chars().count() <= 3) {
        if whole == Some(Abbr::TimeEra) {
            return time_phrase_goes_on(&s[start..i], w, next_word);
        }
        if w.split('.').any(|p| p.chars().count() >= 2) {
            return !(next_upper || next_digit);
        }
        // "U.S. Army" goes on; "the U.S. The next day" does not.
        return !STARTERS.contains(&next_word);
    }
    false
}

/// After "a.m." or "B.C.": the sentence goes on when the time phrase opened
/// it ("At 6 a.m. Mr. Smith arrived"), or a time zone follows ("p.m. PDT").
fn time_phrase_goes_on(head: &str, abbr: &str, next_word: &str) -> bool {
    let head = head[..head.len().saturating_sub(abbr.len())].trim();
    let clause = head.rsplit(": ").next().unwrap_or(head).trim();
    let opens = |t: &str| {
        t.split_whitespace()
            .next()
            .is_some_and(|w| TIME_PREPOSITIONS.contains(&w))
    };
    let opened = opens(head) || opens(clause);
    let starter = STARTERS.contains(&next_word) && !next_word.ends_with('.');
    let zone = next_word.len() >= 2
        && next_word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '.');
    head.is_empty() || zone || (opened && !starter)
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
    fn keeps_abbreviations_numbers_and_initials() {
        assert_eq!(
            split("Lt. Gen. Qin Tian met the U.S. envoy. See p. 55 and No. 7 of Vol. II. Done."),
            vec![
                "Lt. Gen. Qin Tian met the U.S. envoy.",
                "See p. 55 and No. 7 of Vol. II.",
                "Done."
            ]
        );
        assert_eq!(
            split("They moved to the U.S. The talks failed."),
            vec!["They moved to the U.S.", "The talks failed."]
        );
    }

    #[test]
    fn keeps_sup_and_bracket_notes_with_their_sentence() {
        assert_eq!(
            split("They went to Syria.<sup>16</sup> Others stayed.[3] Many left."),
            vec![
                "They went to Syria.<sup>16</sup>",
                "Others stayed.[3]",
                "Many left."
            ]
        );
    }

    #[test]
    fn quotations_hold_their_stops() {
        assert_eq!(
            split("He said “We left. We came back.” Then he went home."),
            vec!["He said “We left. We came back.”", "Then he went home."]
        );
    }

    #[test]
    fn list_items_and_headings_break_lines() {
        assert_eq!(
            split("Key Findings\nThe group grew.\n- first point\n- second point"),
            vec![
                "Key Findings",
                "The group grew.",
                "- first point",
                "- second point"
            ]
        );
        assert_eq!(
            split("the fighters of the\nIslamic State moved."),
            vec!["the fighters of the\nIslamic State moved."]
        );
    }

    #[test]
    fn listed_abbreviations_have_at_most_six_chars() {
        // `is_abbreviation` rules longer undotted words out on that.
        for w in TITLES.iter().chain(NUMBERED).chain(OTHER) {
            assert!(w.chars().count() <= 6, "{w}");
        }
    }

    #[test]
    fn roman_numbered_headings_stay_whole() {
        assert_eq!(
            split("## II. The Reasons Foreigners Join"),
            vec!["## II. The Reasons Foreigners Join"]
        );
    }

    #[test]
    fn blocks_split_on_blank_lines() {
        let t = "a b\nc\n\n  d\n";
        let b: Vec<&str> = blocks(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(b, vec!["a b\nc", "d"]);
    }
}
