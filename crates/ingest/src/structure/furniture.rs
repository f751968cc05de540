//! Site furniture inside text: lines a web page wraps around an article
//! ("ALSO READ | …", "… Read more here.", "Related", "Share on Facebook").
//! They are marked as non-article regions, never removed from the text.
//! The trigger phrases are data: `data/lexicons/ingest/furniture.tsv`.

use std::ops::Range;
use std::sync::LazyLock;

use super::Line;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Where {
    Line,
    Start,
    End,
}

#[derive(Debug, Clone)]
pub(crate) struct Rule {
    phrase: String,
    at: Where,
    /// Also mark the short teaser lines that follow (a "Related" list).
    pub list: bool,
    /// Also mark everything after it (a comments section).
    pub rest: bool,
    max_len: usize,
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    parse_rules(include_str!(
        "../../../../data/lexicons/ingest/furniture.tsv"
    ))
});

fn parse_rules(tsv: &str) -> Vec<Rule> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let at = match *f.get(1)? {
                "line" => Where::Line,
                "start" => Where::Start,
                "end" => Where::End,
                _ => return None,
            };
            Some(Rule {
                phrase: f.first()?.trim().to_lowercase(),
                at,
                list: *f.get(2)? == "list",
                rest: *f.get(2)? == "rest",
                max_len: f.get(3)?.trim().parse().ok()?,
            })
        })
        .collect()
}

/// Lead-in markup and bullets before a furniture phrase.
const LEAD: &[char] = &[
    '*', '_', '#', '>', '-', '|', '•', '·', '+', '[', ' ', '\t', '▶', '►',
];
/// Trailing punctuation, arrows and markup after one.
const TAIL: &[char] = &[
    '.', '!', ':', ';', ',', '*', '_', ']', ')', ' ', '\t', '›', '»', '→', '…', '>', '|',
];

/// Teaser lines after a list heading are at most this long.
pub(crate) const TEASER_LEN: usize = 160;
/// A teaser list stops after this many lines.
pub(crate) const TEASER_LINES: usize = 12;

/// Byte ranges of furniture lines, merged and sorted.
pub(crate) fn find(text: &str, lines: &[Line]) -> Vec<Range<usize>> {
    let mut marked: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let rule = matching_rule(&text[lines[i].trim.clone()]);
        if let Some(rule) = rule {
            // A comments heading early in a text is more likely a section of its own.
            if rule.rest && lines[i].trim.start * 5 >= text.len() * 3 {
                let last = lines
                    .iter()
                    .rev()
                    .find(|l| !l.is_blank())
                    .map_or(0, |l| l.trim.end);
                marked.push(lines[i].trim.start..last.max(lines[i].trim.end));
                break;
            }
            marked.push(lines[i].trim.clone());
            if rule.list {
                let n = teaser_lines(text, &lines[i + 1..]);
                marked.extend(
                    lines[i + 1..i + 1 + n]
                        .iter()
                        .filter(|l| !l.is_blank())
                        .map(|l| l.trim.clone()),
                );
                i += n;
            }
        }
        i += 1;
    }
    merge(text, marked)
}

/// The first rule a (trimmed) line matches.
pub(crate) fn matching_rule(line: &str) -> Option<&'static Rule> {
    if line.is_empty() || line.len() > 4 * 400 {
        return None;
    }
    let chars = line.chars().count();
    let core = line.trim_start_matches(LEAD).trim_end_matches(TAIL);
    let lower = core.to_lowercase();
    // "12 Comments": a count before a whole-line phrase.
    let counted = lower
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start();
    let counted = (counted.len() < lower.len()).then_some(counted);
    RULES.iter().filter(|r| chars <= r.max_len).find(|r| {
        matches_rule(&lower, r)
            || (r.at == Where::Line && counted.is_some_and(|c| matches_rule(c, r)))
    })
}

fn matches_rule(lower: &str, r: &Rule) -> bool {
    let p = r.phrase.as_str();
    let boundary = |s: &str| !s.chars().next().is_some_and(char::is_alphanumeric);
    match r.at {
        Where::Line => {
            // "Related", "Related:", "Comments (12)".
            lower == p
                || lower.strip_prefix(p).is_some_and(|rest| {
                    rest.trim_start_matches([' ', '('])
                        .trim_end_matches(')')
                        .chars()
                        .all(|c| c.is_ascii_digit())
                        && !rest.is_empty()
                })
        }
        Where::Start => lower
            .strip_prefix(p)
            .is_some_and(|rest| p.ends_with(|c: char| !c.is_alphanumeric()) || boundary(rest)),
        Where::End => lower.strip_suffix(p).is_some_and(|before| {
            !before
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        }),
    }
}

/// How many lines after a list heading are teasers: short lines without a
/// final stop (blank lines between them allowed, at most two in a row).
fn teaser_lines(text: &str, after: &[Line]) -> usize {
    let mut n = 0;
    let mut seen = 0;
    let mut blanks = 0;
    for (k, l) in after.iter().enumerate() {
        if l.is_blank() {
            blanks += 1;
            if blanks > 2 {
                break;
            }
            continue;
        }
        blanks = 0;
        let t = &text[l.trim.clone()];
        let teaser = t.chars().count() <= TEASER_LEN
            && !t.ends_with(['.', '!', '?', ':', ';'])
            && !super::is_markdown_heading(t);
        if !(teaser || matching_rule(t).is_some()) || seen >= TEASER_LINES {
            break;
        }
        seen += 1;
        n = k + 1;
    }
    n
}

/// Sorted ranges, with neighbours separated only by whitespace merged.
fn merge(text: &str, mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if text[last.end.min(r.start)..r.start].trim().is_empty() => {
                last.end = last.end.max(r.end);
            }
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::split_lines;
    use super::*;

    fn marked(text: &str) -> Vec<&str> {
        find(text, &split_lines(text))
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn lexicon_parses() {
        assert!(RULES.len() > 40);
        assert!(RULES.iter().any(|r| r.phrase == "also read"));
    }

    #[test]
    fn teaser_line_and_also_read() {
        let t = "Real article sentence one.\n\nScholars argue about the case. Read more here.\n\nALSO READ | Something else happened\n\nMore article.";
        assert_eq!(
            marked(t),
            vec!["Scholars argue about the case. Read more here.\n\nALSO READ | Something else happened"]
        );
    }

    #[test]
    fn related_list_until_prose() {
        let t = "Body text.\n\nRelated\n\nFirst headline here\nSecond headline\n\nThe article goes on with a real sentence.";
        assert_eq!(
            marked(t),
            vec!["Related\n\nFirst headline here\nSecond headline"]
        );
    }

    #[test]
    fn comments_section_at_the_end() {
        let body =
            "An article paragraph that is long enough to be most of the text here.\n\n".repeat(4);
        let t = format!(
            "{body}12 Comments\n\nReader one: I think the figure is wrong.\n\nReader two: agreed."
        );
        assert_eq!(
            marked(&t),
            vec!["12 Comments\n\nReader one: I think the figure is wrong.\n\nReader two: agreed."]
        );
        let early = format!("Comments\n\n{body}");
        assert_eq!(marked(&early), vec!["Comments"]);
    }

    #[test]
    fn words_inside_prose_are_not_furniture() {
        let t = "He said the related matters would be shared.\nShared values matter.\nSubscribers rose.";
        assert!(marked(t).is_empty());
    }
}
