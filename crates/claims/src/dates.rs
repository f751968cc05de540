//! Date and period expressions: absolute ("26 August 1993", "August 26,
//! 1993", "2015-08-17", "July 2018", "early 2017", "the 1990s", years in
//! context), and relative ones ("last year", "earlier this month", "this
//! past March", "since 2013") resolved against the publication date when
//! the document has one, else left unresolved (never guessed).

use evident_model::{DateRange, Precision};
use evident_text::DateMention;

use crate::lexicon::{self, Lexicons};
use crate::numbers::Toks;
use crate::tokens::Kind;

/// The publication date as (year, month?, day?).
#[derive(Debug, Clone, Copy, Default)]
pub struct Anchor {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl Anchor {
    pub fn from(d: Option<&DateRange>) -> Self {
        let Some(d) = d else { return Anchor::default() };
        let day = d.start.get(8..10).and_then(|s| s.parse().ok());
        Anchor {
            year: d.year(),
            month: d.month(),
            day,
        }
    }
}

/// A found date before it becomes a [`DateMention`]: token range and value.
struct Found {
    toks: std::ops::Range<usize>,
    date: Option<DateRange>,
    relative: bool,
}

/// Finds the dates of tokenized text (`orig` is the text before lower-casing).
pub fn find(t: &Toks, orig: &str, anchor: Anchor) -> Vec<DateMention> {
    let lex = lexicon::get();
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.toks.len() {
        match at(t, orig, i, anchor, lex) {
            Some(f) if f.toks.end > i => {
                let (s, e) = (t.toks[f.toks.start].start, t.toks[f.toks.end - 1].end);
                i = f.toks.end;
                out.push(DateMention {
                    range: s..e,
                    date: f.date,
                    relative: f.relative,
                });
            }
            _ => i += 1,
        }
    }
    out
}

fn range_dr(start: String, end: String, precision: Precision) -> DateRange {
    DateRange {
        start,
        end,
        precision,
    }
}

fn year_of(t: &Toks, i: usize) -> Option<i32> {
    let s = t.text(i);
    if t.kind(i) == Some(Kind::Num) && s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = s.parse().ok()?;
        return (1800..=2100).contains(&y).then_some(y);
    }
    None
}

fn day_of(t: &Toks, i: usize) -> Option<(u32, usize)> {
    let s = t.text(i);
    if t.kind(i) != Some(Kind::Num) || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: u32 = s.parse().ok()?;
    if !(1..=31).contains(&d) {
        return None;
    }
    let mut end = i + 1;
    if matches!(t.text(end), "st" | "nd" | "rd" | "th") && t.glued(end) {
        end += 1;
    }
    Some((d, end))
}

/// A month name at `i`, written with a capital in the original text.
fn month_of(t: &Toks, orig: &str, i: usize, lex: &Lexicons) -> Option<(u32, usize)> {
    // Month names are flagged: most tokens skip the lookup.
    if !t.may_be(i, lexicon::flag::MONTH) {
        return None;
    }
    let m = *lex.months.get(t.text(i))?;
    let tok = t.toks[i];
    if !orig[tok.start..].starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let full = t.text(i).len() > 3 || t.text(i) == "may";
    let mut end = i + 1;
    if !full {
        if t.is_word(end, ".") && t.glued(end) {
            end += 1;
        } else if t.kind(end) != Some(Kind::Num) {
            return None;
        }
    }
    Some((m, end))
}

fn at(t: &Toks, orig: &str, i: usize, a: Anchor, lex: &Lexicons) -> Option<Found> {
    // Every date form starts with a number or a flagged word (month, part, "last"...).
    let num_word = t.kind(i) == Some(Kind::Word) && t.has(i, crate::lexicon::flag::NUMBER);
    let date_word = t.has(i, crate::lexicon::flag::DATE);
    if t.kind(i) != Some(Kind::Num) && !date_word && !num_word {
        return None;
    }
    // A number word that is no date word opens only "three years ago".
    if !date_word && t.kind(i) == Some(Kind::Word) {
        return years_ago(t, i, a);
    }
    // Named dates start with a flagged word.
    for (p, iso) in lex
        .named_dates
        .iter()
        .filter(|_| t.may_be(i, lexicon::flag::NAMED_DATE))
    {
        if t.phrase_at(i, p) {
            return Some(Found {
                toks: i..i + p.len(),
                date: DateRange::parse_iso(iso),
                relative: false,
            });
        }
    }
    if let Some(f) = relative(t, orig, i, a, lex) {
        return Some(f);
    }
    if let Some(f) = part_of_period(t, orig, i, a, lex) {
        return Some(f);
    }
    if let Some(f) = day_month_year(t, orig, i, a, lex) {
        return Some(f);
    }
    if let Some(f) = month_first(t, orig, i, a, lex) {
        return Some(f);
    }
    if let Some(f) = iso(t, i) {
        return Some(f);
    }
    if let Some(f) = decade(t, i) {
        return Some(f);
    }
    year_in_context(t, orig, i, a, lex)
}

/// "2015-08-17".
fn iso(t: &Toks, i: usize) -> Option<Found> {
    let y = year_of(t, i)?;
    if !(t.is_word(i + 1, "-")
        && t.glued(i + 1)
        && t.glued(i + 2)
        && t.is_word(i + 3, "-")
        && t.glued(i + 4))
    {
        return None;
    }
    let m: u32 = t.text(i + 2).parse().ok()?;
    let d: u32 = t.text(i + 4).parse().ok()?;
    if t.text(i + 2).len() != 2
        || t.text(i + 4).len() != 2
        || !(1..=12).contains(&m)
        || !(1..=31).contains(&d)
    {
        return None;
    }
    Some(Found {
        toks: i..i + 5,
        date: Some(DateRange::point(y, Some(m), Some(d))),
        relative: false,
    })
}

/// "the 1990s", "1980s".
fn decade(t: &Toks, i: usize) -> Option<Found> {
    let y = year_of(t, i)?;
    if y % 10 != 0 || !(t.is_word(i + 1, "s") && t.glued(i + 1)) {
        return None;
    }
    let start = if i > 0 && t.is_word(i - 1, "the") {
        i - 1
    } else {
        i
    };
    let d = range_dr(
        format!("{y:04}"),
        format!("{:04}", y + 9),
        Precision::Decade,
    );
    Some(Found {
        toks: start..i + 2,
        date: Some(d),
        relative: false,
    })
}

/// "26 August 1993", "26th of August", "26 August" (year from the anchor).
fn day_month_year(t: &Toks, orig: &str, i: usize, a: Anchor, lex: &Lexicons) -> Option<Found> {
    let (d, mut k) = day_of(t, i)?;
    if t.is_word(k, "of") {
        k += 1;
    }
    let (m, mut k) = month_of(t, orig, k, lex)?;
    if t.is_word(k, ",") {
        k += 1;
    }
    if let Some(y) = year_of(t, k) {
        return Some(Found {
            toks: i..k + 1,
            date: Some(DateRange::point(y, Some(m), Some(d))),
            relative: false,
        });
    }
    let k = if t.is_word(k - 1, ",") { k - 1 } else { k };
    let date = a.year.map(|y| DateRange::point(y, Some(m), Some(d)));
    Some(Found {
        toks: i..k,
        date,
        relative: true,
    })
}

/// "August 26, 1993", "August 1993", "August 26" and a month in context.
fn month_first(t: &Toks, orig: &str, i: usize, a: Anchor, lex: &Lexicons) -> Option<Found> {
    let (m, k) = month_of(t, orig, i, lex)?;
    if let Some((d, k2)) = day_of(t, k) {
        let k3 = if t.is_word(k2, ",") { k2 + 1 } else { k2 };
        if let Some(y) = year_of(t, k3) {
            return Some(Found {
                toks: i..k3 + 1,
                date: Some(DateRange::point(y, Some(m), Some(d))),
                relative: false,
            });
        }
        if year_of(t, k).is_none() {
            let date = a.year.map(|y| DateRange::point(y, Some(m), Some(d)));
            return Some(Found {
                toks: i..k2,
                date,
                relative: true,
            });
        }
    }
    let k2 = if t.is_word(k, ",") || t.is_word(k, "of") {
        k + 1
    } else {
        k
    };
    if let Some(y) = year_of(t, k2) {
        return Some(Found {
            toks: i..k2 + 1,
            date: Some(DateRange::point(y, Some(m), None)),
            relative: false,
        });
    }
    // A month alone needs a cue before it ("in July", "since March").
    let cue = i > 0
        && matches!(
            t.text(i - 1),
            "in" | "since"
                | "until"
                | "by"
                | "during"
                | "from"
                | "of"
                | "last"
                | "past"
                | "early"
                | "late"
                | "mid"
                | "this"
        );
    if !cue
        || t.text(i) == "may"
            && !matches!(
                t.text(i.saturating_sub(1)),
                "in" | "since" | "last" | "past" | "early" | "late"
            )
    {
        return None;
    }
    let last = i >= 1 && matches!(t.text(i - 1), "last" | "past");
    let date = last_month_named(a, m, last);
    let start = if last {
        if i >= 2 && t.is_word(i - 2, "this") {
            i - 2
        } else {
            i - 1
        }
    } else {
        i
    };
    Some(Found {
        toks: start..k,
        date,
        relative: true,
    })
}

/// The most recent month `m` on or before the anchor (strictly before when `strict`).
fn last_month_named(a: Anchor, m: u32, strict: bool) -> Option<DateRange> {
    let y = a.year?;
    let am = a.month?;
    let year = if m < am || (!strict && m == am) {
        y
    } else {
        y - 1
    };
    Some(DateRange::point(year, Some(m), None))
}

/// "early 2017", "mid-2015", "late July", "the first half of 2012", "late last year".
fn part_of_period(t: &Toks, orig: &str, i: usize, a: Anchor, lex: &Lexicons) -> Option<Found> {
    // Every date part's first word is flagged.
    if !t.may_be(i, lexicon::flag::DATE_PART) {
        return None;
    }
    let (p, m1, m2) = lexicon::ix(&lex.date_parts_first, t.text(i))
        .iter()
        .map(|&k| &lex.date_parts[k])
        .find(|(p, _, _)| t.phrase_at(i, p))?;
    let mut k = i + p.len();
    if t.is_word(k, "-") && t.glued(k) {
        k += 1;
    }
    if t.is_word(k, "of") {
        k += 1;
    }
    if let Some(y) = year_of(t, k) {
        let d = range_dr(
            format!("{y:04}-{m1:02}"),
            format!("{y:04}-{m2:02}"),
            Precision::Month,
        );
        return Some(Found {
            toks: i..k + 1,
            date: Some(d),
            relative: false,
        });
    }
    if let Some((m, k2)) = month_of(t, orig, k, lex) {
        if let Some(y) = year_of(t, k2) {
            return Some(Found {
                toks: i..k2 + 1,
                date: Some(DateRange::point(y, Some(m), None)),
                relative: false,
            });
        }
        return Some(Found {
            toks: i..k2,
            date: last_month_named(a, m, false),
            relative: true,
        });
    }
    let rel = relative(t, orig, k, a, lex)?;
    let date = rel.date.and_then(|d| {
        let y = d.year()?;
        (d.precision == Precision::Year).then(|| {
            range_dr(
                format!("{y:04}-{m1:02}"),
                format!("{y:04}-{m2:02}"),
                Precision::Month,
            )
        })
    });
    Some(Found {
        toks: i..rel.toks.end,
        date,
        relative: true,
    })
}

/// "last year", "this month", "earlier this week", "yesterday", "three years ago".
fn relative(t: &Toks, orig: &str, i: usize, a: Anchor, lex: &Lexicons) -> Option<Found> {
    // Digits, and words not flagged as relative, open none of the words below.
    if t.kind(i) == Some(Kind::Num)
        || (t.kind(i) == Some(Kind::Word) && !t.has(i, lexicon::flag::RELATIVE))
    {
        return years_ago(t, i, a);
    }
    let mut k = i;
    if matches!(t.text(k), "earlier" | "later") && matches!(t.text(k + 1), "this" | "last") {
        k += 1;
    }
    let (shift, unit_tok) = match (t.text(k), t.text(k + 1)) {
        ("last" | "past", "year") if t.text(k) == "last" => (-1, k + 1),
        ("this", "year") => (0, k + 1),
        ("next", "year") => (1, k + 1),
        ("last", "month") => (-1, k + 1),
        ("this", "month") => (0, k + 1),
        ("next", "month") => (1, k + 1),
        ("this" | "last", "week") => (if t.text(k) == "last" { -7 } else { 0 }, k + 1),
        ("yesterday", _) => (-1, k),
        ("today", _) => (0, k),
        ("this", "past") => {
            let (m, e) = month_of(t, orig, k + 2, lex)?;
            return Some(Found {
                toks: i..e,
                date: last_month_named(a, m, true),
                relative: true,
            });
        }
        _ => return years_ago(t, i, a),
    };
    let unit = t.text(unit_tok);
    let date = match unit {
        "year" => a.year.map(|y| DateRange::point(y + shift, None, None)),
        "month" => match (a.year, a.month) {
            (Some(y), Some(m)) => {
                let idx = y * 12 + m as i32 - 1 + shift;
                Some(DateRange::point(
                    idx.div_euclid(12),
                    Some(idx.rem_euclid(12) as u32 + 1),
                    None,
                ))
            }
            _ => None,
        },
        // Weeks and days: the anchor's own precision is the best we know.
        _ => match (a.year, a.month, a.day) {
            (Some(y), Some(m), Some(d)) if shift == 0 => {
                Some(DateRange::point(y, Some(m), Some(d)))
            }
            (Some(y), Some(m), _) if shift == 0 || a.day.is_none() => {
                Some(DateRange::point(y, Some(m), None))
            }
            _ => None,
        },
    };
    Some(Found {
        toks: i..unit_tok + 1,
        date,
        relative: true,
    })
}

/// "three years ago", "2 months ago".
fn years_ago(t: &Toks, i: usize, a: Anchor) -> Option<Found> {
    // The cheap word test first: most numbers are not followed by "years ago".
    if !matches!(t.text(i + 1), "year" | "years") || !t.is_word(i + 2, "ago") {
        return None;
    }
    let lex = lexicon::get();
    let n = match t.kind(i)? {
        Kind::Num => t.text(i).parse::<i32>().ok()?,
        Kind::Word => t.number_word(i, lex).map(|x| x.0 as i32)?,
        Kind::Punct => return None,
    };
    if !matches!(t.text(i + 1), "year" | "years") || !t.is_word(i + 2, "ago") {
        return None;
    }
    let date = a.year.map(|y| DateRange::point(y - n, None, None));
    Some(Found {
        toks: i..i + 3,
        date,
        relative: true,
    })
}

/// Years with a cue: "in 2014", "since 2013", "between 2002 and 2010", "2013–2014", "the 2016 attack".
fn year_in_context(t: &Toks, orig: &str, i: usize, a: Anchor, _lex: &Lexicons) -> Option<Found> {
    let y = year_of(t, i)?;
    let before = if i > 0 { t.text(i - 1) } else { "" };
    let mut start = i;
    // A second year: "2013–2014", "2013-14", "2002 and 2010", "2013 to 2015".
    let mut end_year = None;
    let mut end = i + 1;
    let w = t.text(i + 1);
    let connector = matches!(
        w,
        "-" | "–" | "—" | "to" | "and" | "through" | "until" | "or"
    );
    if connector
        && t.kind(i + 2) == Some(Kind::Num)
        && year_of(t, i + 2).is_none()
        && t.text(i + 2).len() != 2
    {
        return None; // "2000 to 2500 fighters": a range of counts
    }
    if connector {
        if let Some(y2) = year_of(t, i + 2) {
            if y2 > y && (w != "and" || before == "between") {
                end_year = Some(y2);
                end = i + 3;
            }
        } else if matches!(w, "-" | "–") && t.glued(i + 2) && t.text(i + 2).len() == 2 {
            let y2 = y / 100 * 100 + t.text(i + 2).parse::<i32>().ok()?;
            if y2 > y {
                end_year = Some(y2);
                end = i + 3;
            }
        }
    }
    let cue = matches!(
        before,
        "in" | "since"
            | "by"
            | "from"
            | "until"
            | "till"
            | "to"
            | "during"
            | "of"
            | "before"
            | "after"
            | "between"
            | "around"
            | "circa"
            | "throughout"
            | "through"
            | "the"
            | "year"
            | "early"
            | "late"
            | "mid"
            | "("
            | "and"
            | "as"
    ) || end_year.is_some();
    let followed_by_count = t.kind(end) == Some(Kind::Word)
        && t.text(end).ends_with('s')
        && before != "the"
        && !orig[t.toks[end].start..].starts_with(char::is_uppercase);
    if !cue || (followed_by_count && end_year.is_none()) {
        return None;
    }
    if matches!(before, "between" | "from" | "since") {
        start = i - 1;
    }
    if before == "since" && end_year.is_none() {
        let date = a
            .year
            .filter(|&py| py >= y)
            .map(|py| range_dr(format!("{y:04}"), format!("{py:04}"), Precision::Year));
        return Some(Found {
            toks: start..end,
            date,
            relative: true,
        });
    }
    let date = match end_year {
        Some(y2) => range_dr(format!("{y:04}"), format!("{y2:04}"), Precision::Year),
        None => DateRange::point(y, None, None),
    };
    Some(Found {
        toks: start..end,
        date: Some(date),
        relative: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn dates(text: &str, published: Option<&str>) -> Vec<(String, Option<String>)> {
        let lower = text.to_ascii_lowercase();
        let toks = tokenize(&lower);
        let flags = crate::numbers::token_flags(&lower, &toks);
        let pubd = published.and_then(DateRange::parse_iso);
        find(
            &Toks {
                lower: &lower,
                toks: &toks,
                flags: &flags,
            },
            text,
            Anchor::from(pubd.as_ref()),
        )
        .into_iter()
        .map(|d| {
            let v = d.date.map(|r| {
                if r.start == r.end {
                    r.start
                } else {
                    format!("{}..{}", r.start, r.end)
                }
            });
            (text[d.range].to_string(), v)
        })
        .collect()
    }

    fn first(text: &str, published: Option<&str>) -> Option<String> {
        dates(text, published).into_iter().next().and_then(|d| d.1)
    }

    #[test]
    fn absolute_forms() {
        assert_eq!(
            first("signed on 26 August 1993 in Bangkok", None).as_deref(),
            Some("1993-08-26")
        );
        assert_eq!(
            first("on August 26, 1993, they", None).as_deref(),
            Some("1993-08-26")
        );
        assert_eq!(
            first("posted 2015-08-17", None).as_deref(),
            Some("2015-08-17")
        );
        assert_eq!(first("In July 2018 he", None).as_deref(), Some("2018-07"));
        assert_eq!(
            first("In early 2017 he", None).as_deref(),
            Some("2017-01..2017-04")
        );
        assert_eq!(
            first("during the 1990s", None).as_deref(),
            Some("1990..1999")
        );
        assert_eq!(first("it happened in 2014.", None).as_deref(), Some("2014"));
        assert_eq!(
            first("between 2002 and 2010", None).as_deref(),
            Some("2002..2010")
        );
        assert_eq!(
            first("the first half of 2012", None).as_deref(),
            Some("2012-01..2012-06")
        );
    }

    #[test]
    fn relative_forms_need_a_publication_date() {
        assert_eq!(
            first("Last year, the envoy said", Some("2019-01")).as_deref(),
            Some("2018")
        );
        assert_eq!(first("Last year, the envoy said", None), None);
        assert_eq!(
            first("announced this week that", Some("2014-09")).as_deref(),
            Some("2014-09")
        );
        assert_eq!(
            first("Earlier this month, the army", Some("2014-09")).as_deref(),
            Some("2014-09")
        );
        assert_eq!(
            first("In late July, the envoy", Some("2014-09")).as_deref(),
            Some("2014-07")
        );
        assert_eq!(
            first("this past March", Some("2014-09")).as_deref(),
            Some("2014-03")
        );
        assert_eq!(
            first("since 2013 they", Some("2019-01")).as_deref(),
            Some("2013..2019")
        );
        assert_eq!(
            first("late last year", Some("2014-09")).as_deref(),
            Some("2013-09..2013-12")
        );
    }

    #[test]
    fn counts_are_not_years() {
        assert!(dates("some 2000 fighters left", None).is_empty());
        assert!(dates("estimates 2000 to 2500 fighters", None).is_empty());
        assert!(dates("he may be right", None).is_empty());
    }
}
