//! Table detection. Each row is one line; each cell an exact byte range of
//! the text (empty cells are empty ranges, so columns stay aligned).
//!
//! Four layouts, tried in this order on lines not yet in a table:
//! tab-separated, markdown pipes, columns separated by runs of 2+ spaces,
//! and "token rows" where single spaces separate a name from numbers and
//! dates (`Thailand 26 August 1993 7 March 1999`).

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use super::{Line, TableB};

/// The line-per-row layouts found by [`runs`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Tab,
    Space,
    Token,
}

impl Layout {
    /// Cells of one line, or None when the line is not a row of this layout.
    fn row(self, text: &str, line: &Line) -> Option<Vec<Range<usize>>> {
        match self {
            Layout::Tab => tab_row(text, line),
            Layout::Space => space_row(text, line),
            Layout::Token => token_row(text, line),
        }
    }
    fn min_rows(self) -> usize {
        match self {
            Layout::Token => 3,
            _ => 2,
        }
    }
}

/// Tables of the text, in line order.
pub(crate) fn find(text: &str, lines: &[Line]) -> Vec<TableB> {
    let mut taken = vec![false; lines.len()];
    let mut out = Vec::new();
    for layout in [Layout::Tab, Layout::Space, Layout::Token] {
        for t in runs(text, lines, &taken, layout) {
            mark(&mut taken, &t);
            out.push(t);
        }
        if layout == Layout::Tab {
            for t in pipe_tables(text, lines, &taken) {
                mark(&mut taken, &t);
                out.push(t);
            }
        }
    }
    out.sort_by_key(|t| t.lines.start);
    out
}

fn mark(taken: &mut [bool], t: &TableB) {
    taken[t.lines.clone()].iter_mut().for_each(|f| *f = true);
}

/// Maximal runs of consecutive lines that are rows of one layout.
fn runs(text: &str, lines: &[Line], taken: &[bool], layout: Layout) -> Vec<TableB> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let mut rows = Vec::new();
        let mut j = i;
        while j < lines.len() && !taken[j] {
            match layout.row(text, &lines[j]) {
                Some(cells) => rows.push((lines[j].trim.clone(), cells)),
                None => break,
            }
            j += 1;
        }
        if rows.len() >= layout.min_rows() && consistent(&rows) {
            let mut t = TableB {
                lines: i..j,
                header_rows: 0,
                rows,
            };
            if layout == Layout::Token {
                add_token_header(text, lines, taken, &mut t);
            } else {
                t.header_rows = header_rows(text, &t.rows);
            }
            out.push(t);
            i = j;
        } else {
            i = j.max(i + 1);
        }
    }
    out
}

/// Rows of a table share a shape: most rows have the modal cell count.
fn consistent(rows: &[(Range<usize>, Vec<Range<usize>>)]) -> bool {
    let mut counts = std::collections::HashMap::new();
    for (_, c) in rows {
        *counts.entry(c.len()).or_insert(0usize) += 1;
    }
    let modal = counts.values().copied().max().unwrap_or(0);
    modal * 2 >= rows.len()
}

/// Leading rows without values, followed by rows with values, are headers.
/// A value is a number that is not year-like, so "Origin 2014 2015" is a
/// header; when that finds nothing, leading rows without any digit are.
fn header_rows(text: &str, rows: &[(Range<usize>, Vec<Range<usize>>)]) -> usize {
    let valued = |(_, cells): &(Range<usize>, Vec<Range<usize>>)| {
        cells.iter().any(|c| is_value(&text[c.clone()]))
    };
    let n = rows.iter().take_while(|r| !valued(r)).count();
    if n > 0 && n < rows.len() && n <= 3 {
        return n;
    }
    let has_digit = |r: &Range<usize>| text[r.clone()].bytes().any(|b| b.is_ascii_digit());
    let n = rows.iter().take_while(|(r, _)| !has_digit(r)).count();
    if n < rows.len() && n <= 3 {
        n
    } else {
        0
    }
}

/// A numeric cell other than a year (`1,200`, `7.5%`, `12`).
fn is_value(cell: &str) -> bool {
    let c = cell.trim();
    let numeric = c.starts_with(|ch: char| ch.is_ascii_digit())
        && c.chars()
            .all(|ch| ch.is_ascii_digit() || matches!(ch, ',' | '.' | '%'));
    let year = c.len() == 4
        && c.bytes().all(|b| b.is_ascii_digit())
        && ["18", "19", "20"].iter().any(|p| c.starts_with(p));
    numeric && !year
}

/// Splits `line` at every `sep` match; each piece trimmed of spaces.
fn split_cells(text: &str, range: Range<usize>, seps: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    for s in seps.iter().chain(std::iter::once(&(range.end..range.end))) {
        out.push(trim_range(text, start..s.start));
        start = s.end;
    }
    out
}

/// The range without surrounding spaces (an empty range stays where it was).
pub(crate) fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start_matches([' ', '\u{a0}']).len();
    let body = s.trim_matches([' ', '\u{a0}']);
    if body.is_empty() {
        return r.start..r.start;
    }
    r.start + lead..r.start + lead + body.len()
}

/// Tab-separated: at least two non-empty cells.
fn tab_row(text: &str, line: &Line) -> Option<Vec<Range<usize>>> {
    let body = &text[line.full.clone()];
    if !body.contains('\t') || line.trim.is_empty() {
        return None;
    }
    let seps: Vec<Range<usize>> = body
        .match_indices('\t')
        .map(|(i, _)| line.full.start + i..line.full.start + i + 1)
        .collect();
    // Leading indentation tabs are not empty cells; trailing tabs are.
    let range = line.trim.start..line.full.end;
    let seps: Vec<Range<usize>> = seps
        .into_iter()
        .filter(|s| s.start >= range.start)
        .collect();
    let cells: Vec<Range<usize>> = split_cells(text, range, &seps)
        .into_iter()
        .map(|c| c.start.min(line.trim.end)..c.end.min(line.trim.end))
        .collect();
    (cells.iter().filter(|c| !c.is_empty()).count() >= 2).then_some(cells)
}

static SPACE_GAP: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r" {2,}|\u{a0}{2,}").expect("gap regex is valid"));

/// Columns separated by runs of two or more spaces (not double-spaced prose).
fn space_row(text: &str, line: &Line) -> Option<Vec<Range<usize>>> {
    let body = &text[line.trim.clone()];
    if body.len() > 200 || body.contains('\t') {
        return None;
    }
    let seps: Vec<Range<usize>> = SPACE_GAP
        .find_iter(body)
        .map(|m| line.trim.start + m.start()..line.trim.start + m.end())
        .collect();
    if seps.is_empty() {
        return None;
    }
    // "End of sentence.  Next one" is typing style, not a column gap.
    let prose = seps.iter().all(|s| {
        text[..s.start]
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, '.' | '!' | '?' | ':' | ';' | ','))
    });
    if prose {
        return None;
    }
    let cells = split_cells(text, line.trim.clone(), &seps);
    (cells.len() >= 2).then_some(cells)
}

/// Markdown pipe tables: `| a | b |` lines, with an optional `|---|---|` rule.
fn pipe_tables(text: &str, lines: &[Line], taken: &[bool]) -> Vec<TableB> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        while j < lines.len() && !taken[j] && is_pipe_line(&text[lines[j].trim.clone()]) {
            j += 1;
        }
        if j - i >= 2 {
            let t = pipe_table(text, lines, i..j);
            // Only rule lines (`|---|---|`) make no table.
            if t.rows.len() >= 2 {
                out.push(t);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

fn is_pipe_line(t: &str) -> bool {
    t.starts_with('|') && t.len() > 1 && t[1..].contains('|')
}

fn is_rule_line(t: &str) -> bool {
    t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '+')) && t.contains('-')
}

fn pipe_table(text: &str, lines: &[Line], range: Range<usize>) -> TableB {
    let mut rows = Vec::new();
    let mut header_rows = 0;
    for (k, l) in lines[range.clone()].iter().enumerate() {
        let t = &text[l.trim.clone()];
        if is_rule_line(t) {
            if k == 1 {
                header_rows = 1;
            }
            continue;
        }
        let inner_end = if t.len() > 1 && t.ends_with('|') {
            l.trim.end - 1
        } else {
            l.trim.end
        };
        let inner = l.trim.start + 1..inner_end;
        let seps: Vec<Range<usize>> = text[inner.clone()]
            .match_indices('|')
            .map(|(p, _)| inner.start + p..inner.start + p + 1)
            .collect();
        rows.push((l.trim.clone(), split_cells(text, inner, &seps)));
    }
    TableB {
        lines: range,
        header_rows,
        rows,
    }
}

/// The kind of a token of a token row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Word,
    Number,
    Month,
    Dash,
}

pub(crate) static MONTHS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    include_str!("../../../../data/lexicons/ingest/months.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
});

fn classify(tok: &str) -> Tok {
    let bare = tok.trim_end_matches([',', '.']);
    if bare.is_empty() || matches!(bare, "-" | "–" | "—" | "n/a" | "N/A") {
        return Tok::Dash;
    }
    if bare.starts_with(|c: char| c.is_ascii_digit())
        && bare
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '%' | '-' | '–'))
    {
        return Tok::Number;
    }
    if MONTHS.contains(&bare.to_lowercase()) {
        return Tok::Month;
    }
    Tok::Word
}

/// A line of a name followed by numbers and dates, separated by single
/// spaces: cells are runs of words, single numbers, and dates
/// (`26 August 1993`, `March 5, 2019`, `May 2016`).
fn token_row(text: &str, line: &Line) -> Option<Vec<Range<usize>>> {
    let body = &text[line.trim.clone()];
    if body.len() > 100 || body.contains("  ") || ends_with_stop(body) {
        return None;
    }
    // Commas followed by words mean prose or a citation, not a row.
    if body.match_indices(", ").any(|(p, _)| {
        body[p + 2..]
            .chars()
            .next()
            .is_some_and(|c| !c.is_ascii_digit())
    }) {
        return None;
    }
    let toks: Vec<(Range<usize>, Tok)> = body
        .split(' ')
        .scan(line.trim.start, |pos, w| {
            let r = *pos..*pos + w.len();
            *pos += w.len() + 1;
            Some(r)
        })
        .filter(|r| !r.is_empty())
        .map(|r| {
            let k = classify(&text[r.clone()]);
            (r, k)
        })
        .collect();
    let cells = group_tokens(&toks);
    let has_value = toks.iter().any(|(_, k)| *k == Tok::Number);
    // A capitalised name (at most six words) then only values: numbers, dates, dashes.
    let name_words = toks.iter().take_while(|(_, k)| *k == Tok::Word).count();
    let values_only = toks[name_words..].iter().all(|(_, k)| *k != Tok::Word);
    let capitalised = body.starts_with(|c: char| c.is_uppercase());
    let row = cells.len() >= 2 && has_value && (1..=6).contains(&name_words) && values_only;
    (row && capitalised).then_some(cells)
}

fn ends_with_stop(t: &str) -> bool {
    t.ends_with(['.', ';', ':', '!', '?', ',', '-'])
}

/// Groups tokens into cells: a date, a single number or dash, or a run of words.
fn group_tokens(toks: &[(Range<usize>, Tok)]) -> Vec<Range<usize>> {
    let mut cells = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let n = date_len(toks, i)
            .or_else(|| matches!(toks[i].1, Tok::Number | Tok::Dash).then_some(1))
            .unwrap_or_else(|| {
                toks[i..]
                    .iter()
                    .take_while(|(_, k)| *k == Tok::Word)
                    .count()
                    .max(1)
            });
        cells.push(toks[i].0.start..toks[i + n - 1].0.end);
        i += n;
    }
    cells
}

/// Length in tokens of a date starting at `i`: `D Month [YYYY]`,
/// `Month [D[,]] YYYY`, or `Month YYYY`.
fn date_len(toks: &[(Range<usize>, Tok)], i: usize) -> Option<usize> {
    let kind = |k: usize| toks.get(k).map(|t| t.1);
    let num = Some(Tok::Number);
    match (kind(i), kind(i + 1), kind(i + 2)) {
        (Some(Tok::Number), Some(Tok::Month), third) => Some(if third == num { 3 } else { 2 }),
        (Some(Tok::Month), n1, n2) if n1 == num => Some(if n2 == num { 3 } else { 2 }),
        _ => None,
    }
}

/// A header line just above a token table: no digits, no final stop, and
/// (when it splits into as many capitalised phrases as the rows have
/// cells) one cell per column; else a single cell.
fn add_token_header(text: &str, lines: &[Line], taken: &[bool], t: &mut TableB) {
    let Some(h) = t.lines.start.checked_sub(1) else {
        return;
    };
    let line = &lines[h];
    let body = &text[line.trim.clone()];
    if taken[h]
        || line.is_blank()
        || body.len() > 100
        || ends_with_stop(body)
        || body.bytes().any(|b| b.is_ascii_digit())
    {
        return;
    }
    let columns = t.rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    let phrases = capitalised_phrases(body, line.trim.start);
    let cells = if phrases.len() == columns {
        phrases
    } else {
        vec![line.trim.clone()]
    };
    t.rows.insert(0, (line.trim.clone(), cells));
    t.lines.start = h;
    t.header_rows = 1;
}

/// Splits a sentence-case header ("Name Date of birth Place") at each
/// capitalised word.
fn capitalised_phrases(body: &str, offset: usize) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut pos = offset;
    for w in body.split(' ') {
        let r = pos..pos + w.len();
        pos += w.len() + 1;
        if w.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last) if !w.starts_with(char::is_uppercase) => last.end = r.end,
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::split_lines;
    use super::*;

    fn cells_of(text: &str) -> Vec<Vec<String>> {
        let lines = split_lines(text);
        find(text, &lines)
            .into_iter()
            .flat_map(|t| t.rows)
            .map(|(_, c)| c.into_iter().map(|r| text[r].to_string()).collect())
            .collect()
    }

    #[test]
    fn tab_rows_keep_empty_cells() {
        let t =
            "No.\tName\tCount\tNo.\tName\tCount\n1\tAlpha\t10\t3\tGamma\t\n2\tBeta\t-\t4\tDelta\t7";
        let rows = cells_of(t);
        assert_eq!(rows[0].len(), 6);
        assert_eq!(rows[1], vec!["1", "Alpha", "10", "3", "Gamma", ""]);
        assert_eq!(rows[2][2], "-");
    }

    #[test]
    fn space_aligned_columns() {
        let t =
            "Prose line.\n\nCity      Year   Arrests\nKashgar   2014   12\nHotan     2015   7\n";
        let rows = cells_of(t);
        assert_eq!(
            rows,
            vec![
                vec!["City", "Year", "Arrests"],
                vec!["Kashgar", "2014", "12"],
                vec!["Hotan", "2015", "7"],
            ]
        );
    }

    #[test]
    fn double_spaced_prose_is_not_a_table() {
        let t = "One sentence.  Another one here.\nThird line.  Fourth.";
        assert!(cells_of(t).is_empty());
    }

    #[test]
    fn token_rows_with_dates_and_header() {
        let t = "Partner Date signed Entry into force\nFreedonia 3 May 1990 1 June 1992\nRepublic of Sylvania 12 March 2001\nUpper Volta March 5, 2004 2006\n";
        let lines = split_lines(t);
        let tables = find(t, &lines);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].header_rows, 1);
        let rows = cells_of(t);
        assert_eq!(rows[0], vec!["Partner", "Date signed", "Entry into force"]);
        assert_eq!(rows[1], vec!["Freedonia", "3 May 1990", "1 June 1992"]);
        assert_eq!(rows[2], vec!["Republic of Sylvania", "12 March 2001"]);
        assert_eq!(rows[3], vec!["Upper Volta", "March 5, 2004", "2006"]);
    }

    #[test]
    fn pipe_table_with_rule() {
        let t = "| Group | Fighters |\n|---|---:|\n| Alpha | 300 |\n| Beta | 20 |";
        let lines = split_lines(t);
        let tables = find(t, &lines);
        assert_eq!(tables[0].header_rows, 1);
        assert_eq!(cells_of(t)[1], vec!["Alpha", "300"]);
    }

    #[test]
    fn rule_lines_alone_are_no_table() {
        let t = "|---|---|\n|---|---|\n";
        assert!(find(t, &split_lines(t)).is_empty());
    }

    #[test]
    fn short_prose_lines_are_not_token_rows() {
        let t = "He left in 2014\nand came back in 2016\nafter two years away";
        assert!(cells_of(t).is_empty());
    }
}
