//! Quantities from tables: each numeric cell is a count of the row's
//! population (the entity of the row's label cell), of the kind its column
//! header names ("official", "non-official"); rows holding two records side
//! by side (a repeated header group) are split; "-" and blanks are missing.
//! The caption, the paragraph that cites the table ("Table 1 ...") and the
//! caption's footnote give what is counted, with whom, where, when and who
//! says so.

use std::ops::Range;

use evident_model::{DateRange, EntityKind, Quantity};
use evident_text::TableBytes;

use crate::lexicon::{self, NounClass};
use crate::numbers::parse_text;
use crate::prep::{can_speak, is_people, is_where, Prep};

/// The document's tables: ingest's, else tab-separated blocks found here.
pub fn tables_of(p: &Prep) -> Vec<TableBytes> {
    if !p.ctx.tables.is_empty() {
        return p.ctx.tables.clone();
    }
    tab_blocks(p.ctx.text)
}

/// Blocks of two or more consecutive lines with tabs, as tables.
pub fn tab_blocks(text: &str) -> Vec<TableBytes> {
    let mut out = Vec::new();
    let mut rows: Vec<(Range<usize>, Vec<Range<usize>>)> = Vec::new();
    let mut pos = 0;
    let mut last_text_line: Option<Range<usize>> = None;
    let mut caption: Option<Range<usize>> = None;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let r = pos..pos + body.len();
        pos += line.len();
        if body.contains('\t') && body.trim().len() > 1 {
            if rows.is_empty() {
                caption = last_text_line.clone();
            }
            rows.push((r.clone(), cells(body, r.start)));
            continue;
        }
        flush(text, &mut out, &mut rows, caption.take());
        if !body.trim().is_empty() {
            last_text_line = Some(r);
        }
    }
    flush(text, &mut out, &mut rows, caption);
    out
}

fn flush(
    text: &str,
    out: &mut Vec<TableBytes>,
    rows: &mut Vec<(Range<usize>, Vec<Range<usize>>)>,
    caption: Option<Range<usize>>,
) {
    if rows.len() >= 2 {
        let header = usize::from(is_header_row(text, &rows[0].1));
        let range = rows[0].0.start..rows[rows.len() - 1].0.end;
        out.push(TableBytes {
            range,
            caption,
            header_rows: header,
            rows: std::mem::take(rows),
        });
    }
    rows.clear();
}

/// A header row: words (and years), no counts.
fn is_header_row(text: &str, cells: &[Range<usize>]) -> bool {
    let year = |c: &str| c.len() == 4 && c.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y));
    let mut words = false;
    for c in cells {
        let c = text[c.clone()].trim();
        if c.chars().any(char::is_alphabetic) {
            words = true;
        } else if c.chars().any(|ch| ch.is_ascii_digit()) && !year(c) {
            return false;
        }
    }
    words
}

fn cells(line: &str, base: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if c == '\t' {
            out.push(trimmed(line, base, start, i));
            start = i + 1;
        }
    }
    out.push(trimmed(line, base, start, line.len()));
    out
}

fn trimmed(line: &str, base: usize, a: usize, b: usize) -> Range<usize> {
    let s = &line[a..b];
    let lead = s.len() - s.trim_start().len();
    base + a + lead..base + a + lead + s.trim().len()
}

/// The table-level context: what, affiliation, location, time, source.
struct TableContext {
    what: Option<String>,
    affiliation: Vec<String>,
    location: Vec<String>,
    time: Option<evident_model::DateRange>,
    source: Option<String>,
    kind_hint: Option<String>,
    cited: Option<Range<usize>>,
}

/// Quantities of every numeric cell of the tables.
pub fn quantities(p: &Prep, tabs: &[TableBytes], sources: &[Option<String>]) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut seen: Vec<(Range<usize>, Option<String>)> = Vec::new();
    for tab in tabs {
        let mut tc = context(p, tab, sources);
        // Tables presented by the same paragraph come from the same source.
        if let Some(cited) = &tc.cited {
            if tc.source.is_none() {
                tc.source = seen
                    .iter()
                    .find(|(c, _)| c == cited)
                    .and_then(|x| x.1.clone());
            }
            seen.push((cited.clone(), tc.source.clone()));
        }
        table_quantities(p, tab, &tc, &mut out);
    }
    out
}

fn cell_text<'t>(p: &Prep<'_, 't>, r: &Range<usize>) -> &'t str {
    p.ctx.text.get(r.clone()).unwrap_or("")
}

fn norm_header(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect::<String>()
        .trim()
        .to_string()
}

/// The smallest repeating group of header cells (2 records side by side).
fn group_width(header: &[String]) -> usize {
    let n = header.len();
    (1..n)
        .find(|&g| n.is_multiple_of(g) && g >= 2 && (0..n - g).all(|i| header[i] == header[i + g]))
        .unwrap_or(n.max(1))
}

fn count_kind(header: &str) -> Option<String> {
    let h = header.to_lowercase();
    if h.contains("non-official") || h.contains("unofficial") || h.contains("non official") {
        Some("non-official".to_string())
    } else if h.contains("official") {
        Some("official".to_string())
    } else if h.contains("estimate") {
        Some("estimate".to_string())
    } else {
        None
    }
}

/// A column of casualties ("Killed", "Deaths", "Wounded") counts those, whatever the caption says.
fn casualty_column(h: &str) -> Option<String> {
    let words: Vec<&str> = h.split_whitespace().collect();
    if words
        .iter()
        .any(|w| matches!(*w, "killed" | "dead" | "deaths" | "fatalities" | "died"))
    {
        Some("killed".to_string())
    } else if words
        .iter()
        .any(|w| matches!(*w, "injured" | "wounded" | "injuries"))
    {
        Some("injured".to_string())
    } else {
        None
    }
}

fn is_rownum_header(h: &str) -> bool {
    matches!(
        h,
        "no" | "nr" | "n" | "" | "rank" | "number" | "sn" | "sr" | "sno" | "item"
    )
}

fn table_quantities(p: &Prep, tab: &TableBytes, tc: &TableContext, out: &mut Vec<Quantity>) {
    let hr = tab.header_rows.min(tab.rows.len());
    let header: Vec<String> = tab
        .rows
        .get(..hr)
        .and_then(|r| r.last())
        .map_or_else(Vec::new, |(_, cs)| {
            cs.iter().map(|c| norm_header(cell_text(p, c))).collect()
        });
    let raw_header: Vec<&str> = tab
        .rows
        .get(..hr)
        .and_then(|r| r.last())
        .map_or_else(Vec::new, |(_, cs)| {
            cs.iter().map(|c| cell_text(p, c)).collect()
        });
    let g = group_width(&header);
    for (row, cells) in tab.rows.iter().skip(hr) {
        for (gi, group) in cells.chunks(g).enumerate() {
            let mut population: Vec<String> = Vec::new();
            let mut label_seen = false;
            for (c, cell) in group.iter().enumerate() {
                let col = gi * g + c;
                let h = header.get(col).map_or("", String::as_str);
                let text = cell_text(p, cell);
                let value = cell_value(p, cell);
                if value.is_none() && !label_seen && has_letters(text) {
                    label_seen = true;
                    for m in p.ctx.mentions_in(cell) {
                        if is_people(m.kind) && !population.contains(&m.entity) {
                            population.push(m.entity.clone());
                        }
                    }
                    continue;
                }
                if !label_seen || is_rownum_header(h) {
                    continue;
                }
                let Some((min, max, approx, unit)) = value else {
                    continue;
                };
                let kind = count_kind(raw_header.get(col).copied().unwrap_or(""))
                    .or_else(|| tc.kind_hint.clone());
                out.push(Quantity {
                    span: p.ctx.span(cell.clone()),
                    quote: p.ctx.text[row.clone()].to_string(),
                    min,
                    max,
                    approximate: approx,
                    what: casualty_column(h).or_else(|| tc.what.clone()),
                    unit,
                    population: population.clone(),
                    affiliation: tc.affiliation.clone(),
                    location: tc.location.clone(),
                    // A column headed by a year or date counts at that time.
                    time: raw_header
                        .get(col)
                        .and_then(|h| DateRange::parse_iso(h.trim()))
                        .or_else(|| tc.time.clone()),
                    source: tc.source.clone(),
                    negated: false,
                    count_kind: kind,
                });
            }
        }
    }
}

fn has_letters(s: &str) -> bool {
    // Stop at the second letter.
    s.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
}

type CellValue = (Option<f64>, Option<f64>, bool, Option<String>);

/// The number of a cell, footnote markers stripped; None for "-", blanks, dates, words.
fn cell_value(p: &Prep, cell: &Range<usize>) -> Option<CellValue> {
    let raw = cell_text(p, cell);
    // Most cells have no footnote markup: no copy for them.
    let mut owned = String::new();
    let s: &str = if raw.contains("<sup>") {
        owned.push_str(raw);
        while let Some(a) = owned.find("<sup>") {
            let b = owned[a..].find("</sup>").map_or(owned.len(), |b| a + b + 6);
            owned.replace_range(a..b, "");
        }
        &owned
    } else {
        raw
    };
    let s = s.trim().trim_end_matches(['*', '†', '‡']).trim();
    if s.is_empty() || matches!(s, "-" | "–" | "—" | "n/a" | "na" | "..." | "…") {
        return None;
    }
    if !p.ctx.dates_in(cell).is_empty() || has_letters(s) && !s.contains('%') {
        return None;
    }
    let ms = parse_text(s);
    let m = ms.first()?;
    (ms.len() == 1).then(|| (m.min, m.max, m.approximate, m.unit.clone()))
}

/// The text around a table that tells what it counts.
fn context(p: &Prep, tab: &TableBytes, sources: &[Option<String>]) -> TableContext {
    let lex = lexicon::get();
    let caption = tab
        .caption
        .clone()
        .unwrap_or(tab.range.start..tab.range.start);
    let cited = citing_paragraph(p, &caption);
    let before = previous_paragraph(p, tab.range.start.min(caption.start));
    let regions: Vec<Range<usize>> = [Some(caption.clone()), cited.clone(), before]
        .into_iter()
        .flatten()
        .collect();
    let header_text = tab
        .rows
        .first()
        .map_or(String::new(), |(r, _)| p.ctx.text[r.clone()].to_lowercase());
    let cap_text = p.ctx.text[caption.clone()].to_lowercase();
    let what = [header_text.as_str(), cap_text.as_str()]
        .iter()
        .find_map(|s| {
            let ph = lexicon::phrase(s);
            (0..ph.len()).find_map(|i| {
                lex.counted
                    .iter()
                    .find(|(w, _, c)| *c != NounClass::Discourse && ph[i..].starts_with(w))
                    .map(|x| x.1.clone())
            })
        });
    let mentions = |r: &Range<usize>, f: &dyn Fn(EntityKind) -> bool| -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for m in p.ctx.mentions_in(r) {
            if f(m.kind) && !v.contains(&m.entity) {
                v.push(m.entity.clone());
            }
        }
        v
    };
    let affiliation = regions
        .iter()
        .map(|r| mentions(r, &|k| k == EntityKind::ArmedGroup))
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    let location = regions
        .iter()
        .map(|r| located(p, r))
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    let time = regions
        .iter()
        .find_map(|r| p.ctx.dates_in(r).iter().find_map(|d| d.date.clone()));
    let source = footnote_source(p, &caption).or_else(|| {
        regions.iter().find_map(|r| {
            p.ctx
                .sentence_index(r.start)
                .and_then(|i| sources.get(i).cloned().flatten())
        })
    });
    let kind_hint = count_kind(&cap_text);
    TableContext {
        what,
        affiliation,
        location,
        time,
        source,
        kind_hint,
        cited,
    }
}

/// Places after "in/to" in a region.
fn located(p: &Prep, r: &Range<usize>) -> Vec<String> {
    let t = p.t();
    let mut out: Vec<String> = Vec::new();
    let tr = p.tok_range(r);
    for k in tr.clone() {
        if matches!(t.text(k), "in" | "to" | "into") {
            let mut j = k + 1;
            loop {
                while matches!(t.text(j), "the" | "," | "and") {
                    j += 1;
                }
                let Some((m, after)) = p.mention_from(j) else {
                    break;
                };
                if !is_where(m.kind) || after > tr.end {
                    break;
                }
                if !out.contains(&m.entity) {
                    out.push(m.entity.clone());
                }
                j = after;
            }
        }
    }
    out
}

/// The paragraph that cites the caption's label ("Table 1"), if any.
fn citing_paragraph(p: &Prep, caption: &Range<usize>) -> Option<Range<usize>> {
    let cap = p.ctx.text.get(caption.clone())?;
    let cap = cap.trim_start_matches(['*', '#', ' ', '_']);
    let mut words = cap.split(|c: char| c.is_whitespace() || c == ':' || c == '*' || c == '.');
    let (kind, num) = (words.next()?, words.next()?);
    if !matches!(kind.to_lowercase().as_str(), "table" | "figure" | "chart")
        || !num.bytes().all(|b| b.is_ascii_digit())
        || num.is_empty()
    {
        return None;
    }
    let label = format!("{kind} {num}");
    // The citing text is near the table: search a window around it, not the whole document.
    let text = p.ctx.text;
    let lo = char_floor(text, caption.start.saturating_sub(30_000));
    let hi = char_floor(text, (caption.end + 30_000).min(text.len()));
    let mut from = lo;
    while let Some(i) = text[from..hi].find(&label) {
        let at = from + i;
        from = at + label.len();
        let next = text[from..].chars().next();
        if next.is_some_and(|c| c.is_ascii_digit()) || (caption.start <= at && at < caption.end) {
            continue;
        }
        if let Some(para) = p
            .ctx
            .paragraphs
            .iter()
            .find(|r| r.start <= at && at < r.end)
        {
            return Some(para.clone());
        }
    }
    None
}

fn char_floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest paragraph before `at` that is not a footnote.
fn previous_paragraph(p: &Prep, at: usize) -> Option<Range<usize>> {
    p.ctx
        .paragraphs
        .iter()
        .rev()
        .filter(|r| r.end <= at)
        .take(4)
        .find(|r| {
            !p.ctx.text[(*r).clone()].starts_with(|c: char| c.is_ascii_digit()) && r.len() > 80
        })
        .cloned()
}

/// The source named by the footnote the caption points to (`<sup>17</sup>` → "17 The Soufan Group, ...").
fn footnote_source(p: &Prep, caption: &Range<usize>) -> Option<String> {
    let cap = p.ctx.text.get(caption.clone())?.trim_end();
    let digits: String = match cap.rfind("<sup>") {
        Some(a) => cap[a + 5..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect(),
        None => {
            let rev: String = cap.chars().rev().take_while(char::is_ascii_digit).collect();
            rev.chars().rev().collect()
        }
    };
    if digits.is_empty() {
        return None;
    }
    let text = p.ctx.text;
    let needle = format!("\n{digits} ");
    let hi = char_floor(text, (caption.end + 30_000).min(text.len()));
    let lo = char_floor(text, caption.start.saturating_sub(30_000));
    let at = text[caption.end..hi]
        .find(&needle)
        .map(|i| caption.end + i + 1)
        .or_else(|| text[lo..caption.start].rfind(&needle).map(|i| lo + i + 1))?;
    let line_end = text[at..].find('\n').map_or(text.len(), |e| at + e);
    p.ctx
        .mentions_in(&(at..line_end))
        .iter()
        .find(|m| can_speak(m.kind) && m.kind != EntityKind::Country)
        .map(|m| m.entity.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_header_groups() {
        let h: Vec<String> = ["no", "country", "official", "no", "country", "official"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(group_width(&h), 3);
        let single: Vec<String> = ["country", "count"].iter().map(|s| s.to_string()).collect();
        assert_eq!(group_width(&single), 2);
    }

    #[test]
    fn kinds_of_counts() {
        assert_eq!(
            count_kind("Non-official Count").as_deref(),
            Some("non-official")
        );
        assert_eq!(count_kind("Official Count").as_deref(), Some("official"));
        assert_eq!(count_kind("Country"), None);
    }

    #[test]
    fn tab_blocks_find_header_and_caption() {
        let text = "Title line\nCountry\t2016\t2017\nA\t1\t2\nB\t3\t4\n\nAfter.";
        let t = tab_blocks(text);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].header_rows, 1);
        assert_eq!(t[0].rows.len(), 3);
        assert_eq!(t[0].caption.clone().map(|c| &text[c]), Some("Title line"));
    }
}
