//! Agreements: rows of treaty tables ("Thailand 26 August 1993 7 March
//! 1999" under a caption naming the kind of treaty) and agreements stated
//! in prose ("signed an extradition treaty with X in 2016"). The home party
//! of a table is the country its caption names, else the country the
//! document mentions most; it is never assumed.

use std::ops::Range;

use evident_model::{Agreement, DateRange, EntityKind};
use evident_text::EntityMention;

use crate::lexicon::{self, Lexicons};
use crate::prep::{adjectival, Prep};
use crate::tokens::Kind;

/// The country the document mentions most.
fn dominant_country(p: &Prep) -> Option<String> {
    p.dominant
        .get_or_init(|| {
            // Sorted ids counted by runs: cheaper than hashing every mention.
            let mut ids: Vec<&str> = (p.ctx.mentions.iter())
                .filter(|m| m.kind == EntityKind::Country)
                .map(|m| m.entity.as_str())
                .collect();
            ids.sort_unstable();
            ids.chunk_by(|a, b| a == b)
                .map(|run| (run[0], run.len()))
                .max_by_key(|(k, v)| (*v, std::cmp::Reverse(*k)))
                .map(|(k, _)| k.to_string())
        })
        .clone()
}

/// The agreement type named in a token range (longest phrase, not negated).
fn type_in(p: &Prep, r: Range<usize>, lex: &Lexicons) -> Option<(String, usize, usize)> {
    let t = p.t();
    for k in r
        .clone()
        .filter(|&k| t.has(k, crate::lexicon::flag::AGREEMENT))
    {
        if let Some((ph, ty)) = lexicon::ix(&lex.agreement_first, t.text(k))
            .iter()
            .map(|&i| &lex.agreement_types[i])
            .find(|(ph, _)| t.phrase_at(k, ph))
        {
            let lo = k.saturating_sub(6).max(r.start);
            let denied = (lo..k).any(|j| lex.irrealis.contains(t.text(j)) || t.negation_at(j, lex));
            if !denied {
                return Some((ty.clone(), k, k + ph.len()));
            }
        }
    }
    None
}

/// Lines of the text as byte ranges (trimmed).
fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        out.push(pos + lead..pos + lead + body.trim().len());
        pos += line.len();
    }
    out
}

/// A treaty row: a country, then only dates. Returns the country mention and the dates.
/// `next_mention` is the index of the first mention not before the line
/// (lines come in order, so it only moves forward).
fn treaty_row<'c>(
    p: &Prep<'c, '_>,
    line: &Range<usize>,
    next_mention: &mut usize,
) -> Option<(&'c EntityMention, Vec<DateRange>)> {
    if line.is_empty() {
        return None;
    }
    // A mention must start the line (checked on the mentions, not the tokens: cheaper).
    let ms = &p.ctx.mentions;
    while ms
        .get(*next_mention)
        .is_some_and(|m| m.range.start < line.start)
    {
        *next_mention += 1;
    }
    let m = ms.get(*next_mention)?;
    if m.range.start != line.start || m.kind != EntityKind::Country || m.range.end >= line.end {
        return None;
    }
    let rest = m.range.end..line.end;
    let ds = p.ctx.dates_in(&rest);
    if ds.is_empty() {
        return None;
    }
    // Everything after the country must be dates (tabs and spaces between).
    let mut pos = rest.start;
    let mut dates = Vec::new();
    for d in ds {
        if !p.ctx.text[pos..d.range.start]
            .chars()
            .all(|c| c.is_whitespace() || c == '|' || c == ',')
        {
            return None;
        }
        dates.push(d.date.clone()?);
        pos = d.range.end;
    }
    p.ctx.text[pos..line.end]
        .chars()
        .all(|c| c.is_whitespace() || c == '|')
        .then_some((m, dates))
}

/// Agreements from treaty rows under a caption naming a kind of agreement.
pub fn from_tables(p: &Prep) -> Vec<Agreement> {
    // A treaty row opens with a country: without one at a line's start, no row.
    let opens_line = |m: &EntityMention| {
        let before = p.ctx.text[..m.range.start].chars().rev();
        let mut gap = before.skip_while(|c| c.is_whitespace() && *c != '\n');
        matches!(gap.next(), None | Some('\n'))
    };
    if !(p.ctx.mentions.iter()).any(|m| m.kind == EntityKind::Country && opens_line(m)) {
        return Vec::new();
    }
    let lex = lexicon::get();
    let ls = lines(p.ctx.text);
    let mut out = Vec::new();
    let mut block: Option<(String, Option<String>, bool)> = None; // type, home, in_force first
    let mut last_was_row = false;
    let mut next_mention = 0;
    for (li, line) in ls.iter().enumerate() {
        let Some((m, dates)) = treaty_row(p, line, &mut next_mention) else {
            if !line.is_empty() {
                last_was_row = false;
            }
            continue;
        };
        if !last_was_row {
            block = caption_of(p, &ls, li, lex);
        }
        last_was_row = true;
        let Some((ty, home, force_first)) = &block else {
            continue;
        };
        let home = home.clone().or_else(|| dominant_country(p));
        let Some(home) = home.filter(|h| *h != m.entity) else {
            continue;
        };
        let (signed, in_force) = match (dates.first(), dates.get(1), force_first) {
            (a, b, false) => (a.cloned(), b.cloned()),
            (a, b, true) => (b.cloned(), a.cloned()),
        };
        out.push(Agreement {
            span: p.ctx.span(line.clone()),
            quote: p.ctx.text[line.clone()].to_string(),
            agreement_type: ty.clone(),
            parties: vec![home, m.entity.clone()],
            signed,
            in_force,
        });
    }
    out
}

/// The caption above a block of treaty rows: its type, home country, and column order.
fn caption_of(
    p: &Prep,
    ls: &[Range<usize>],
    li: usize,
    lex: &Lexicons,
) -> Option<(String, Option<String>, bool)> {
    let mut force_first = false;
    for line in ls[li.saturating_sub(8)..li].iter().rev() {
        if line.is_empty() {
            continue;
        }
        let low = p.lower[line.clone()].to_string();
        if let (Some(s), Some(f)) = (low.find("sign"), low.find("force")) {
            force_first = f < s;
        }
        if let Some((ty, _, _)) = type_in(p, p.tok_range(line), lex) {
            let home = p
                .ctx
                .mentions_in(line)
                .iter()
                .find(|m| m.kind == EntityKind::Country)
                .map(|m| m.entity.clone());
            return Some((ty, home, force_first));
        }
    }
    None
}

/// Agreements stated in sentences.
pub fn from_prose(p: &Prep) -> Vec<Agreement> {
    let lex = lexicon::get();
    let mut out: Vec<Agreement> = Vec::new();
    for (si, s) in p.ctx.sentences.iter().enumerate() {
        if s.table_row || p.ctx.skipped(s.range.start) {
            continue;
        }
        let r = p.sentence_toks(si);
        let Some((ty, ks, ke)) = type_in(p, r.clone(), lex) else {
            continue;
        };
        let Some(plural) = agreement_word(p, r.clone(), ks, ke, lex) else {
            continue;
        };
        let Some(parties) = parties(p, r.clone(), ks, ke) else {
            continue;
        };
        let signed = signed_date(p, r.clone());
        let mut push = |parties: Vec<String>| {
            let mut key = parties.clone();
            key.sort();
            let dup = out.iter().any(|a| {
                a.agreement_type == ty && {
                    let mut k = a.parties.clone();
                    k.sort();
                    k == key
                }
            });
            if !dup {
                out.push(Agreement {
                    span: p.ctx.span(s.range.clone()),
                    quote: p.ctx.text[s.range.clone()].to_string(),
                    agreement_type: ty.clone(),
                    parties,
                    signed: signed.clone(),
                    in_force: None,
                });
            }
        };
        let (home, partners) = parties;
        if plural {
            for x in partners {
                push(vec![home.clone(), x]);
            }
        } else {
            let mut all = vec![home];
            all.extend(partners);
            push(all);
        }
    }
    out
}

/// The agreement noun near the type phrase: Some(true) when plural.
fn agreement_word(p: &Prep, r: Range<usize>, ks: usize, ke: usize, lex: &Lexicons) -> Option<bool> {
    let t = p.t();
    let lo = ks.saturating_sub(6).max(r.start);
    let hi = (ke + 6).min(r.end);
    (ks..hi)
        .chain((lo..ks).rev())
        .find_map(|k| lex.agreement_words.get(t.text(k)).copied())
}

/// True for a mention that names a party: a state, or a group of states ("Central Asian Republics").
fn party_kind(p: &Prep, m: &EntityMention) -> bool {
    m.kind == EntityKind::Country
        || (m.kind == EntityKind::Place && p.ctx.text[m.range.clone()].ends_with('s'))
}

/// (home, partners): partners after "with", home the nearest country before;
/// without "with", the countries that are not objects of a preposition.
fn parties(p: &Prep, r: Range<usize>, ks: usize, ke: usize) -> Option<(String, Vec<String>)> {
    let t = p.t();
    let with = (ke..(ke + 25).min(r.end))
        .find(|&k| t.is_word(k, "with"))
        .or_else(|| {
            (ks.saturating_sub(15).max(r.start)..ks)
                .rev()
                .find(|&k| t.is_word(k, "with"))
        });
    if let Some(w) = with {
        let partners = partner_chain(p, w + 1, r.end);
        if partners.is_empty() {
            return None;
        }
        let home = (r.start..w)
            .rev()
            .filter_map(|k| p.mention_at(k))
            .find(|m| {
                m.kind == EntityKind::Country && !partners.contains(&m.entity) && !adjectival(p, m)
            })
            .map(|m| m.entity.clone())
            .or_else(|| dominant_country(p).filter(|d| !partners.contains(d)))?;
        return Some((home, partners));
    }
    let mut cands: Vec<String> = Vec::new();
    let mut mentioned: Vec<String> = Vec::new();
    let mut k = r.start;
    // True while the mentions read are objects of a preposition ("in Iraq and Syria").
    let mut governed = false;
    while k < r.end {
        let Some((m, after)) = p.mention_from(k) else {
            if !matches!(t.text(k), "and" | "," | "or" | "the") {
                governed = false;
            }
            k += 1;
            continue;
        };
        if m.kind == EntityKind::Country {
            mentioned.push(m.entity.clone());
            let prep = k > r.start
                && matches!(
                    t.text(k - 1),
                    "of" | "in" | "on" | "against" | "from" | "to" | "into" | "by"
                );
            governed = prep || (governed && matches!(t.text(k - 1), "and" | "," | "or"));
            if !governed && !adjectival(p, m) && !cands.contains(&m.entity) {
                cands.push(m.entity.clone());
            }
        }
        k = after.max(k + 1);
    }
    if cands.len() < 2 {
        let home = dominant_country(p).filter(|d| mentioned.contains(d) && !cands.contains(d))?;
        cands.insert(0, home);
    }
    (cands.len() >= 2).then(|| (cands[0].clone(), cands[1..].to_vec()))
}

/// Party mentions after "with", joined by commas, "and", articles and numbers.
fn partner_chain(p: &Prep, mut k: usize, end: usize) -> Vec<String> {
    let t = p.t();
    let lex = lexicon::get();
    let mut out: Vec<String> = Vec::new();
    while k < end {
        let w = t.text(k);
        if matches!(w, "the" | "," | "and" | "its" | "their")
            || t.kind(k) == Some(Kind::Num)
            || lex.number_words.contains_key(w)
        {
            k += 1;
            continue;
        }
        let Some((m, after)) = p.mention_from(k) else {
            break;
        };
        if !party_kind(p, m) {
            break;
        }
        if !out.contains(&m.entity) {
            out.push(m.entity.clone());
        }
        k = after;
    }
    out
}

/// The date of signing: a date after a signing verb, else the sentence's only date.
fn signed_date(p: &Prep, r: Range<usize>) -> Option<DateRange> {
    let t = p.t();
    let whole = p.toks.get(r.start)?.start..p.toks.get(r.end.checked_sub(1)?)?.end;
    let signing = |k: &usize| {
        matches!(
            t.text(*k),
            "signed" | "concluded" | "inked" | "ratified" | "sign"
        )
    };
    let Some(v) = r.clone().find(signing) else {
        let ds: Vec<_> = p
            .ctx
            .dates_in(&whole)
            .iter()
            .filter_map(|d| d.date.clone())
            .collect();
        return (ds.len() == 1).then(|| ds[0].clone());
    };
    let from = p.toks[v].start;
    let after = p
        .ctx
        .dates_in(&(from..whole.end))
        .iter()
        .find_map(|d| d.date.clone());
    after.or_else(|| {
        p.ctx
            .dates_in(&(whole.start..from))
            .iter()
            .rev()
            .find_map(|d| d.date.clone())
    })
}
