//! Quantities in running text: which numbers are quantities, what they
//! count, and the slots (population, affiliation, location, time, source,
//! negation) read from the sentence and its neighbours.

use std::ops::Range;

use evident_model::{EntityKind, Quantity};
use evident_text::EntityMention;

use crate::lexicon::{self, flag, Lexicons, NounClass};
use crate::numbers::{NumberMatch, Toks};
use crate::prep::{adjectival, is_people, is_where, Prep};
use crate::tokens::Kind;

/// Quantities of the running text (table rows in `rows` are left to the table reader).
pub fn extract(
    p: &Prep,
    numbers: &[NumberMatch],
    sources: &[Option<String>],
    rows: &[Range<usize>],
) -> Vec<Quantity> {
    let lex = lexicon::get();
    // At most one quantity per number: reserve rather than regrow.
    let mut out: Vec<Quantity> = Vec::with_capacity(numbers.len());
    // The sentence and index in `out` of the last quantity built (not a copy).
    let mut prev: Option<(usize, usize)> = None;
    for m in numbers {
        if in_rows(rows, m.range.start) {
            continue;
        }
        if !is_quantity(p, m, lex) {
            continue;
        }
        let Some(si) = p.sentence_of(m.core.start) else {
            continue;
        };
        let near = prev.filter(|&(ps, _)| {
            let (a, b) = (&p.ctx.sentences[ps], &p.ctx.sentences[si]);
            a.paragraph == b.paragraph && si - ps <= 1
        });
        let near = near.and_then(|(ps, qi)| Some((ps, out.get(qi)?)));
        let Some(q) = build(p, m, si, sources, near, lex) else {
            continue;
        };
        prev = Some((si, out.len()));
        out.push(q);
        if let Some(q) = denial_copy(p, m, si, out.last()) {
            out.push(q);
        }
    }
    out
}

/// True when a byte falls in one of the (sorted) table rows.
fn in_rows(rows: &[Range<usize>], b: usize) -> bool {
    let i = rows.partition_point(|r| r.end <= b);
    rows.get(i).is_some_and(|r| r.start <= b)
}

/// False for numbers that are dates, labels, footnotes, ages, durations, ordinals.
fn is_quantity(p: &Prep, m: &NumberMatch, lex: &Lexicons) -> bool {
    let t = p.t();
    let ctx = p.ctx;
    if ctx.skipped(m.range.start) {
        return false;
    }
    let dates = ctx.dates_in(&(m.range.start.saturating_sub(40)..m.range.end));
    if dates
        .iter()
        .any(|d| d.range.start < m.range.end && m.range.start < d.range.end)
    {
        return false;
    }
    let (s, e) = (m.core.start, m.core.end);
    let next = t.text(e);
    let prev = if s > 0 { t.text(s - 1) } else { "" };
    if m.year_like && !counted_next(p, m.toks.end) {
        return false;
    }
    if m.plain_small && t.text(s) == "one" {
        return false; // "one of", "no one", "one day": rarely a count
    }
    if m.plain_small
        && m.unit.is_none()
        && !m.modified
        && t.kind(s) == Some(Kind::Word)
        && next == "of"
        && t.is_word(e + 1, "the")
    {
        return false; // "two of the ...": a part, counted elsewhere
    }
    // Labels: "Table 1", "Resolution 1373", "No. 5", "p. 12", "aged 37".
    let label_at = if prev == "." && s >= 2 {
        s - 2
    } else {
        s.saturating_sub(1)
    };
    if m.toks.start == s && s > 0 && lex.not_before.contains(t.text(label_at)) {
        return false;
    }
    if prev == "#" || quoted_term(p, m) || age_context(p, m) || enumerator(p, m) || clock(p, m) {
        return false;
    }
    // "the two governments": an anaphoric small count of things named before.
    if m.plain_small && prev == "the" && m.min.is_some_and(|v| v <= 3.0) {
        return false;
    }
    // "one half of a coin": a share of a single thing.
    if m.unit.as_deref() == Some("percent")
        && t.text(m.toks.end) == "of"
        && matches!(t.text(m.toks.end + 1), "a" | "an")
    {
        return false;
    }
    // Durations and ages: "three years", "37-year-old".
    let after = if next == "-" {
        t.text(m.toks.end + 1)
    } else {
        t.text(m.toks.end)
    };
    if lex.not_after.contains(after) || lex.not_after.contains(next) {
        return false;
    }
    // Ordinals "1st", clock times "10:30".
    if matches!(next, "st" | "nd" | "rd" | "th") && t.glued(e) {
        return false;
    }
    if (next == ":" && t.glued(e) && t.kind(e + 1) == Some(Kind::Num))
        || (prev == ":" && t.glued(s) && s >= 2 && t.kind(s - 2) == Some(Kind::Num))
    {
        return false;
    }
    if t.kind(s) == Some(Kind::Num) && (footnote_marker(p, s) || list_marker(p, s)) {
        return false;
    }
    true
}

/// "(1) the first reason": a small number alone in brackets, not after a name.
fn enumerator(p: &Prep, m: &NumberMatch) -> bool {
    let t = p.t();
    let s = m.toks.start;
    let bracketed = s > 0 && t.text(s - 1) == "(" && t.text(m.toks.end) == ")" && m.toks.len() == 1;
    let after_name = s >= 2 && p.mention_at(s - 2).is_some()
        || s >= 3 && t.is_word(s - 2, ",") && p.mention_at(s - 3).is_some();
    bracketed && !after_name && m.max.is_some_and(|v| v < 20.0)
}

/// "10 a.m.", "5 p.m.": a clock time.
fn clock(p: &Prep, m: &NumberMatch) -> bool {
    let t = p.t();
    let e = m.toks.end;
    matches!(t.text(e), "a" | "p") && t.is_word(e + 1, ".") && t.is_word(e + 2, "m")
}

/// A number opening a quoted term ("the “three evils”").
fn quoted_term(p: &Prep, m: &NumberMatch) -> bool {
    let t = p.t();
    let s = m.toks.start;
    s > 0
        && matches!(t.text(s - 1), "“" | "\"" | "‘")
        && (m.toks.end..m.toks.end + 4).any(|k| matches!(t.text(k), "”" | "\"" | "’"))
}

/// An age: "age"/"aged" shortly before the number in the clause ("the average age ... is 20-35").
fn age_context(p: &Prep, m: &NumberMatch) -> bool {
    let t = p.t();
    let s = m.toks.start;
    (s.saturating_sub(8)..s).any(|k| matches!(t.text(k), "age" | "aged" | "ages"))
}

/// True when a counted word follows a year-like number ("2000 Uyghurs").
fn counted_next(p: &Prep, e: usize) -> bool {
    let t = p.t();
    if let Some(m) = p.mention_at(e) {
        return is_people(m.kind);
    }
    let w = t.text(e);
    t.kind(e) == Some(Kind::Word) && w.len() > 3 && w.ends_with('s') && !p.capitalized(e)
}

/// Digits glued to a word or to closing punctuation, or inside `<sup>`/`[n]`.
fn footnote_marker(p: &Prep, s: usize) -> bool {
    let t = p.t();
    let start = p.toks[s].start;
    let before = &p.lower[..start];
    if before.ends_with("<sup>") || before.ends_with('^') || before.ends_with("[^") {
        return true;
    }
    if before.ends_with('[') && t.is_word(s + 1, "]") {
        return true;
    }
    if !t.glued(s) {
        return false;
    }
    let prev = t.text(s - 1);
    match t.kind(s - 1) {
        Some(Kind::Word) => true,
        Some(Kind::Punct) => {
            let closing = matches!(
                prev,
                "." | "," | ";" | ":" | "”" | "’" | ")" | "]" | "!" | "?" | "*"
            );
            let dash_after_word = matches!(prev, "-" | "–")
                && s >= 2
                && t.glued(s - 1)
                && t.kind(s - 2) == Some(Kind::Word);
            let straight_quote = matches!(prev, "\"" | "'") && s >= 2 && t.glued(s - 1);
            let dash_after_num = matches!(prev, "-" | "–" | "/")
                && s >= 2
                && t.glued(s - 1)
                && t.kind(s - 2) == Some(Kind::Num);
            closing || dash_after_word || straight_quote || dash_after_num
        }
        _ => false,
    }
}

/// A number opening a line as a list or footnote marker ("1.", "17 The Soufan Group, ...").
fn list_marker(p: &Prep, s: usize) -> bool {
    let t = p.t();
    let start = p.toks[s].start;
    let line_start = p.lower[..start].rfind('\n').map_or(0, |i| i + 1);
    if !p.lower[line_start..start]
        .chars()
        .all(|c| c.is_whitespace() || "#*->".contains(c))
    {
        return false;
    }
    let e = s + 1;
    if matches!(t.text(e), "." | ")") && t.glued(e) {
        return true;
    }
    let line_end = p.lower[start..]
        .find('\n')
        .map_or(p.lower.len(), |i| start + i);
    let line = &p.lower[start..line_end];
    let cites = line.contains("http")
        || line.contains("www.")
        || line.contains('“')
        || line.contains('"')
        || line.contains("pp.")
        || line.contains("ibid");
    let opens_note = p.capitalized(e) || matches!(t.text(e), "“" | "\"" | "*" | "[");
    let counted = p.mention_at(e).is_some_and(|x| is_people(x.kind));
    opens_note && !counted && (cites || t.kind(e) != Some(Kind::Num))
}

/// What a number counts, and the mentions inside its noun phrase.
struct Head<'c> {
    what: Option<String>,
    class: Option<NounClass>,
    mentions: Vec<&'c EntityMention>,
    /// True when a counted noun was found (not only a nationality).
    noun: bool,
    end: usize,
}

fn counted_at<'l>(t: &Toks, k: usize, lex: &'l Lexicons) -> Option<(usize, &'l str, NounClass)> {
    // Every counted noun's first word is flagged.
    if !t.may_be(k, crate::lexicon::flag::COUNTED) {
        return None;
    }
    lexicon::ix(&lex.counted_first, t.text(k))
        .iter()
        .map(|&i| &lex.counted[i])
        .find(|(ph, _, _)| t.phrase_at(k, ph))
        .map(|(ph, w, c)| (ph.len(), w.as_str(), *c))
}

fn head<'c>(p: &Prep<'c, '_>, m: &NumberMatch, lex: &Lexicons) -> Head<'c> {
    let t = p.t();
    let mut k = m.toks.end;
    let mut h = Head {
        what: None,
        class: None,
        mentions: Vec::new(),
        noun: false,
        end: k,
    };
    if t.is_word(k, "of") {
        k += 1;
        if matches!(
            t.text(k),
            "the" | "these" | "those" | "all" | "its" | "their"
        ) {
            k += 1;
        }
    }
    let mut skipped = 0;
    let mut adjective: Option<usize> = None;
    while k < p.toks.len() && skipped <= 3 {
        if let Some((men, after)) = p.mention_from(k) {
            h.mentions.push(men);
            h.end = after;
            // "the five Central Asian Republics": the mention ends in a counted noun.
            if let Some((1, w, c)) = counted_at(&t, after - 1, lex) {
                (h.what, h.class, h.noun) = (Some(w.to_string()), Some(c), true);
                return h;
            }
            if is_people(men.kind) && h.class.is_none() {
                h.class = Some(NounClass::Person);
            }
            k = after;
            adjective = None;
            continue;
        }
        if let Some((n, w, c)) = counted_at(&t, k, lex) {
            (h.what, h.class, h.noun, h.end) = (Some(w.to_string()), Some(c), true, k + n);
            return h;
        }
        let w = t.text(k);
        if t.kind(k) != Some(Kind::Word)
            || lex.function_words.contains(w)
            || p.capitalized(k) && !h.mentions.is_empty()
        {
            break;
        }
        if w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("is")
            && !p.capitalized(k)
        {
            let what = match adjective {
                Some(a) if a + 1 == k => format!("{} {w}", t.text(a)),
                _ => w.to_string(),
            };
            (h.what, h.class, h.noun, h.end) = (Some(what), Some(NounClass::Thing), true, k + 1);
            return h;
        }
        adjective = (!p.capitalized(k)).then_some(k);
        if t.is_word(k + 1, "-") {
            k += 1;
            adjective = None;
        }
        skipped += 1;
        k += 1;
    }
    h
}

/// True when the sentence (or the two before it in the paragraph) speaks of fighters.
fn fighter_topic(p: &Prep, si: usize, lex: &Lexicons) -> bool {
    let t = p.t();
    let para = p.ctx.sentences[si].paragraph;
    let lo = si.saturating_sub(2);
    (lo..=si)
        .filter(|&k| p.ctx.sentences[k].paragraph == para)
        .any(|k| {
            p.sentence_toks(k).any(|i| {
                t.has(i, flag::FIGHTER_CUE)
                    || t.has(i, flag::COUNTED)
                        && counted_at(&t, i, lex).is_some_and(|(_, _, c)| c == NounClass::Fighter)
            })
        })
}

/// What a "number of X" phrase says is counted, and who.
struct Topic {
    what: Option<String>,
    population: Vec<String>,
}

/// "the number of foreign fighters ... is 40,000", "the number of IS is ...",
/// "The exact number of Chinese nationals who have joined ... Estimates vary
/// from ...": the counted noun of a "number of" phrase before the number,
/// in its sentence or the two before it in the paragraph.
fn number_of(
    p: &Prep,
    m: &NumberMatch,
    si: usize,
    look_back: bool,
    lex: &Lexicons,
) -> Option<Topic> {
    let t = p.t();
    let s = m.toks.start;
    let para = p.ctx.sentences[si].paragraph;
    let mut spans = vec![(s.saturating_sub(12), s, si)];
    for k in (si.saturating_sub(2)..si).rev() {
        if look_back && p.ctx.sentences[k].paragraph == para {
            let r = p.sentence_toks(k);
            spans.push((r.start, r.end, k));
        }
    }
    let (k, end, ks) = spans.iter().find_map(|&(a, b, ks)| {
        (a..b)
            .rev()
            .find(|&k| {
                matches!(t.text(k), "number" | "numbers" | "total" | "tally")
                    && t.is_word(k + 1, "of")
            })
            .map(|k| (k, b, ks))
    })?;
    let mut topic = Topic {
        what: None,
        population: Vec::new(),
    };
    let mut j = k + 2;
    while j < end
        && (matches!(t.text(j), "the" | "its" | "their")
            || p.mention_at(j)
                .is_some_and(|x| x.kind != EntityKind::ArmedGroup))
    {
        if let Some((men, after)) = p.mention_from(j) {
            if is_people(men.kind) {
                push_unique(&mut topic.population, &men.entity);
            }
            j = after;
        } else {
            j += 1;
        }
    }
    topic.what =
        if let Some((_, w, c)) = counted_at(&t, j, lex).or_else(|| counted_at(&t, j + 1, lex)) {
            (c != NounClass::Discourse).then(|| w.to_string())
        } else if p
            .mention_at(j)
            .is_some_and(|x| x.kind == EntityKind::ArmedGroup)
        {
            Some("members".to_string())
        } else {
            None
        };
    // People who "joined" or "fought" are fighters.
    let generic = topic.what.is_none() || topic.what.as_deref() == Some("people");
    if generic
        && !topic.population.is_empty()
        && p.sentence_toks(ks).any(|i| t.has(i, flag::FIGHTER_CUE))
    {
        topic.what = Some("fighters".to_string());
    }
    (topic.what.is_some() || !topic.population.is_empty()).then_some(topic)
}

/// A verb next to the number that names the count ("returned 100", "22 ... were interned").
fn verb_what(p: &Prep, m: &NumberMatch, h: &Head, lex: &Lexicons) -> Option<(String, usize)> {
    let t = p.t();
    let mut b = m.toks.start;
    for _ in 0..2 {
        if b == 0 {
            break;
        }
        b -= 1;
        if let Some((_, what, _)) = lex
            .verbs
            .iter()
            .find(|(w, _, before)| *before && t.text(b) == w)
        {
            return Some((what.clone(), b));
        }
        if t.text(b) != "of" {
            break;
        }
    }
    let mut a = h.end;
    if t.is_word(a, "of") && matches!(t.text(a + 1), "them" | "whom" | "those" | "these") {
        a += 2; // "150 of them were killed"
    }
    while matches!(
        t.text(a),
        "were" | "was" | "are" | "have" | "had" | "been" | "being" | "be" | "reportedly" | "later"
    ) {
        a += 1;
    }
    lex.verbs
        .iter()
        .find(|(w, _, before)| !*before && t.text(a) == w)
        .map(|(_, what, _)| (what.clone(), a))
}

fn build(
    p: &Prep,
    m: &NumberMatch,
    si: usize,
    sources: &[Option<String>],
    prev: Option<(usize, &Quantity)>,
    lex: &Lexicons,
) -> Option<Quantity> {
    let ctx = p.ctx;
    let h = head(p, m, lex);
    let verb = verb_what(p, m, &h, lex);
    let casualty = m.unit.is_none()
        && verb
            .as_ref()
            .is_some_and(|v| matches!(v.0.as_str(), "killed" | "injured"));
    let same_sentence_prev = prev.filter(|(ps, _)| *ps == si).map(|x| x.1);
    // Money and measures count no people: no topic, no inherited population.
    let measure = m.unit.as_deref().is_some_and(|u| u != "percent");
    let bare = !h.noun && h.mentions.is_empty() && !measure;
    let topic = number_of(p, m, si, bare, lex);
    let what = match h.class {
        Some(NounClass::Discourse) => return None,
        _ if measure => h.what.clone(),
        _ if casualty => verb.as_ref().map(|v| v.0.clone()),
        Some(NounClass::Fighter | NounClass::Thing | NounClass::Human) => h.what.clone(),
        _ => verb
            .as_ref()
            .map(|v| v.0.clone())
            .or_else(|| topic.as_ref().and_then(|x| x.what.clone()))
            .or_else(|| {
                if h.noun {
                    None
                } else {
                    same_sentence_prev.and_then(|q| q.what.clone())
                }
            })
            .or_else(|| fighter_topic(p, si, lex).then(|| "fighters".to_string()))
            .or_else(|| h.what.clone())
            .or_else(|| (h.class == Some(NounClass::Person)).then(|| "people".to_string())),
    };
    let thing = h.class == Some(NounClass::Thing);
    let mut population = if thing {
        Vec::new()
    } else {
        population(p, m, &h)
    };
    if population.is_empty() && bare {
        population = match (&topic, prev) {
            (Some(x), _) if !x.population.is_empty() => x.population.clone(),
            (_, Some((_, q))) => q.population.clone(),
            _ => Vec::new(),
        };
    }
    let srange = ctx.sentences[si].range.clone();
    let mut location: Vec<String> = Vec::new();
    if thing {
        for men in h.mentions.iter().filter(|x| x.kind == EntityKind::Place) {
            push_unique(&mut location, &men.entity);
        }
    }
    if location.is_empty() {
        location = match verb.as_ref().filter(|v| v.0 == "deportees") {
            Some((_, vi)) => actor_country(p, *vi),
            None => Vec::new(),
        };
    }
    if location.is_empty() {
        location = self::location(p, m, &h, &srange);
    }
    let affiliation = affiliation(p, si, &srange);
    let time = time_of(p, m, si, &srange);
    Some(Quantity {
        span: ctx.span(m.range.clone()),
        quote: ctx.quote(&m.range),
        min: m.min,
        max: m.max,
        approximate: m.approximate,
        what,
        unit: m.unit.clone(),
        population,
        affiliation,
        location,
        time,
        source: sources.get(si).cloned().flatten(),
        negated: negated(p, m, lex),
        count_kind: None,
    })
}

/// The country that acts with the verb at `vi` ("Thailand returned 100"): where the count holds.
fn actor_country(p: &Prep, vi: usize) -> Vec<String> {
    (vi.saturating_sub(3)..vi)
        .rev()
        .find_map(|k| p.mention_at(k).filter(|x| x.kind == EntityKind::Country))
        .map(|x| vec![x.entity.clone()])
        .unwrap_or_default()
}

fn push_unique(v: &mut Vec<String>, id: &str) {
    if !v.iter().any(|x| x == id) {
        v.push(id.to_string());
    }
}

/// Who is counted: nationalities in the noun phrase, "from X (and Y)", "X (5,000)".
fn population(p: &Prep, m: &NumberMatch, h: &Head) -> Vec<String> {
    let t = p.t();
    let mut out = Vec::new();
    for men in &h.mentions {
        if is_people(men.kind) || men.kind == EntityKind::Place {
            push_unique(&mut out, &men.entity);
        }
    }
    let mut k = h.end;
    if matches!(t.text(k), "of") && matches!(t.text(k + 1), "which" | "whom") {
        k += 2;
        while matches!(t.text(k), "were" | "are" | "was" | "came" | "come") {
            k += 1;
        }
    }
    if matches!(t.text(k), "from" | "originating") {
        chain(p, k + 1, &mut out, |kind| {
            is_people(kind) || kind == EntityKind::Place
        });
    }
    // "Tunisia (5,000)": the mention right before the bracket.
    let s = m.toks.start;
    if out.is_empty() && s >= 2 && t.is_word(s - 1, "(") {
        let b = if t.is_word(s - 2, ",") {
            s.saturating_sub(3)
        } else {
            s - 2
        };
        if let Some(men) = p.mention_at(b) {
            if is_people(men.kind) {
                push_unique(&mut out, &men.entity);
            }
        }
    }
    // "90 percent of the fighters in Iraq are Iraqis": the predicate names who.
    if out.is_empty() && m.unit.as_deref() == Some("percent") {
        let mut k = h.end;
        let end = (k + 8).min(p.toks.len());
        while k < end && !matches!(t.text(k), "are" | "were" | "is" | "was" | "," | ";" | ".") {
            k += 1;
        }
        if matches!(t.text(k), "are" | "were" | "is" | "was") {
            if let Some((men, _)) = p.mention_from(k + 1) {
                if is_people(men.kind) {
                    push_unique(&mut out, &men.entity);
                }
            }
        }
    }
    out
}

/// Mentions from token `k` joined by commas and "and"/"or".
fn chain(
    p: &Prep,
    mut k: usize,
    out: &mut Vec<String>,
    keep: impl Fn(EntityKind) -> bool,
) -> usize {
    let t = p.t();
    loop {
        while matches!(t.text(k), "the" | "," | "and" | "or" | "both") {
            k += 1;
        }
        let Some((men, after)) = p.mention_from(k) else {
            break;
        };
        if !keep(men.kind) {
            break;
        }
        push_unique(out, &men.entity);
        k = after;
        if !matches!(t.text(k), "," | "and" | "or") {
            break;
        }
    }
    k
}

/// Where: the nearest "in/to/into X (and Y)" after the number in the sentence, else before it.
fn location(p: &Prep, m: &NumberMatch, h: &Head, srange: &Range<usize>) -> Vec<String> {
    let t = p.t();
    let r = p.tok_range(srange);
    let is_prep = |k: usize| {
        matches!(
            t.text(k),
            "in" | "into" | "inside" | "within" | "across" | "throughout" | "entered" | "to" | "at"
        )
    };
    let try_at = |k: usize| -> Vec<String> {
        let mut found = Vec::new();
        if p.mention_from(k + 1).is_some_and(|(x, _)| adjectival(p, x)) {
            return found; // "to the Turkish president"
        }
        if t.is_word(k + 1, "the") && p.mention_from(k + 2).is_some_and(|(x, _)| adjectival(p, x)) {
            return found;
        }
        chain(p, k + 1, &mut found, is_where);
        found
    };
    // Within the clause: a semicolon ends what the number is said about.
    let after = h.end.max(m.toks.end)..r.end;
    let mut comma = false;
    for k in after {
        // A semicolon, or another number after a comma, ends what this number is said about.
        comma |= t.text(k) == ",";
        if t.text(k) == ";" || (comma && t.kind(k) == Some(Kind::Num)) {
            break;
        }
        if is_prep(k) {
            let v = try_at(k);
            if !v.is_empty() {
                return v;
            }
        }
    }
    let mut clause_start = r.start;
    for k in (r.start..m.toks.start).rev() {
        if t.text(k) == ";" {
            clause_start = k + 1;
            break;
        }
        if is_prep(k) {
            let v = try_at(k);
            if !v.is_empty() {
                return v;
            }
        }
    }
    // "Chechnya had a rate of 90%": a place opening the clause.
    if let Some((x, _)) = p.mention_from(clause_start) {
        if x.kind == EntityKind::Place {
            return vec![x.entity.clone()];
        }
    }
    Vec::new()
}

/// With whom: armed groups of the sentence, else of the previous sentence in the paragraph.
fn affiliation(p: &Prep, si: usize, srange: &Range<usize>) -> Vec<String> {
    let mut out = Vec::new();
    for men in p.ctx.mentions_in(srange) {
        if men.kind == EntityKind::ArmedGroup {
            push_unique(&mut out, &men.entity);
        }
    }
    if out.is_empty() && si > 0 {
        let prev = &p.ctx.sentences[si - 1];
        if prev.paragraph == p.ctx.sentences[si].paragraph {
            for men in p.ctx.mentions_in(&prev.range) {
                if men.kind == EntityKind::ArmedGroup {
                    push_unique(&mut out, &men.entity);
                }
            }
        }
    }
    out
}

/// When: the resolved date of the sentence nearest before the number, else
/// after it, else that of the sentence this one continues ("Of those, ...").
fn time_of(
    p: &Prep,
    m: &NumberMatch,
    si: usize,
    srange: &Range<usize>,
) -> Option<evident_model::DateRange> {
    let ds = p.ctx.dates_in(&clause_of(p, m, srange));
    let before = ds
        .iter()
        .rev()
        .find(|d| d.range.end <= m.range.start && d.date.is_some());
    let after = ds
        .iter()
        .find(|d| d.range.start >= m.range.end && d.date.is_some());
    if let Some(d) = before.or(after) {
        return d.date.clone();
    }
    let mut k = si;
    while k > 0
        && crate::attribution::continues(p, k)
        && p.ctx.sentences[k - 1].paragraph == p.ctx.sentences[k].paragraph
    {
        k -= 1;
        if let Some(d) = p
            .ctx
            .dates_in(&p.ctx.sentences[k].range)
            .iter()
            .find_map(|d| d.date.clone())
        {
            return Some(d);
        }
    }
    None
}

/// The part of the sentence between semicolons that holds the number.
fn clause_of(p: &Prep, m: &NumberMatch, srange: &Range<usize>) -> Range<usize> {
    let text = &p.ctx.text[srange.clone()];
    let at = m.range.start.saturating_sub(srange.start).min(text.len());
    let end = m.range.end.saturating_sub(srange.start).min(text.len());
    let lo = text[..at]
        .rfind(';')
        .map_or(srange.start, |i| srange.start + i + 1);
    let hi = text[end..]
        .find(';')
        .map_or(srange.end, |i| srange.start + end + i);
    lo..hi
}

/// A negation cue in the clause before the number ("no evidence that", "not").
fn negated(p: &Prep, m: &NumberMatch, lex: &Lexicons) -> bool {
    let t = p.t();
    let mut k = m.toks.start;
    let lo = k.saturating_sub(8);
    while k > lo {
        k -= 1;
        if matches!(t.text(k), "." | ";" | ":" | "," | "but") {
            return false;
        }
        if t.negation_at(k, lex) {
            return true;
        }
    }
    false
}

/// "22 ... were held, none appear to have been linked to X": a denied copy.
fn denial_copy(p: &Prep, m: &NumberMatch, si: usize, last: Option<&Quantity>) -> Option<Quantity> {
    let t: Toks = p.t();
    let last = last?;
    let r = p.sentence_toks(si);
    let k = (m.toks.end..r.end)
        .find(|&k| t.text(k) == "none" || (t.text(k) == "no" && t.is_word(k + 1, "one")))?;
    // Only when no other number stands between.
    let in_date = |j: usize| {
        let b = p.toks[j].start;
        p.ctx
            .dates_in(&(b.saturating_sub(40)..b + 1))
            .iter()
            .any(|d| d.range.start <= b && b < d.range.end)
    };
    if (m.toks.end..k).any(|j| t.kind(j) == Some(Kind::Num) && !in_date(j)) {
        return None;
    }
    let after = p.toks[k].start..p.ctx.sentences[si].range.end;
    let mut q = last.clone();
    q.span = p.ctx.span(p.toks[k].start..p.toks[k].end);
    q.negated = true;
    let groups: Vec<String> = p
        .ctx
        .mentions_in(&after)
        .iter()
        .filter(|x| x.kind == EntityKind::ArmedGroup)
        .map(|x| x.entity.clone())
        .collect();
    if !groups.is_empty() {
        q.affiliation = groups;
    }
    Some(q)
}
