//! The number grammar: digits with separators, number words, fractions,
//! vague magnitudes, ranges, bounds, percentages, money and units.
//!
//! It works on tokens ([`crate::tokens`]) and knows nothing about what is
//! counted; [`crate::quantities`] decides which numbers are quantities.

use std::ops::Range;

use crate::lexicon::{self, Effect, Lexicons, Phrase, UnitPos, WordKind};
use crate::tokens::{tokenize, Kind, Tok};

/// One number expression found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMatch {
    /// Bytes of the whole expression, with modifiers and unit.
    pub range: Range<usize>,
    /// Token indices `[start, end)` of the whole expression.
    pub toks: Range<usize>,
    /// Token indices of the first number itself.
    pub core: Range<usize>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub approximate: bool,
    pub unit: Option<String>,
    /// A vague magnitude ("hundreds", "a few thousand").
    pub vague: bool,
    /// A bare four-digit number that could be a year (no separator, unit or scale).
    pub year_like: bool,
    /// Two numbers joined as a range.
    pub range_of_two: bool,
    /// Written as a single number word or digit string ("one", "3").
    pub plain_small: bool,
    /// A modifier (bound or hedge) was found before the number.
    pub modified: bool,
}

/// Tokens of one text with their lower-cased source.
pub struct Toks<'a> {
    pub lower: &'a str,
    pub toks: &'a [Tok],
    /// Lexicon flags of each token ([`lexicon::flag`]).
    pub flags: &'a [u32],
}

/// Byte equality written out: lexicon words are short, and a call to
/// `memcmp` per token costs more than comparing them here.
#[inline]
fn same_word(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// The lexicon flags of every token.
pub fn token_flags(lower: &str, toks: &[Tok]) -> Vec<u32> {
    let lex = lexicon::get();
    let bytes = lower.as_bytes();
    toks.iter()
        .map(|t| {
            if t.kind == Kind::Punct {
                0
            } else {
                lex.flags_in(bytes, t.start, t.end)
            }
        })
        .collect()
}

impl<'a> Toks<'a> {
    pub fn has(&self, i: usize, f: u32) -> bool {
        self.flags.get(i).is_some_and(|x| x & f != 0)
    }
    pub fn text(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.lower[t.start..t.end])
    }
    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }
    /// True when token `i` directly follows token `i - 1` with no space.
    pub fn glued(&self, i: usize) -> bool {
        i > 0 && i < self.toks.len() && self.toks[i - 1].end == self.toks[i].start
    }
    /// True if the phrase's tokens start at `i`.
    #[inline]
    pub fn phrase_at(&self, i: usize, p: &Phrase) -> bool {
        // One flag test rules out most longer phrases before any word is compared.
        if p.len() >= 2 && !self.may_be(i + 1, lexicon::flag::SECOND) {
            return false;
        }
        let Some(toks) = self.toks.get(i..i + p.len()) else {
            return false;
        };
        let lower = self.lower.as_bytes();
        !p.is_empty()
            && p.iter()
                .zip(toks)
                .all(|(w, t)| same_word(&lower[t.start..t.end], w.as_bytes()))
    }
    /// True if the phrase's tokens end right before `end`.
    pub fn phrase_before(&self, end: usize, p: &Phrase) -> bool {
        end >= p.len() && self.phrase_at(end - p.len(), p)
    }
    /// True when token `i` may be a key of a lexicon flagged `f`: words and
    /// numbers carry exact flags; punctuation is never flagged, so it is
    /// always looked up.
    pub fn may_be(&self, i: usize, f: u32) -> bool {
        self.has(i, f) || self.kind(i) == Some(Kind::Punct)
    }
    /// The number word at token `i` (its value and kind).
    pub fn number_word(&self, i: usize, lex: &'a Lexicons) -> Option<&'a (f64, WordKind)> {
        if !self.may_be(i, lexicon::flag::NUMBER) {
            return None;
        }
        lex.number_words.get(self.text(i))
    }
    /// The fraction word at token `i` ("third" → 33.33).
    pub fn fraction(&self, i: usize, lex: &'a Lexicons) -> Option<&'a f64> {
        if !self.may_be(i, lexicon::flag::NUMBER) {
            return None;
        }
        lex.fractions.get(self.text(i))
    }
    /// True if a negation phrase ("not", "no evidence") starts at token `i`.
    pub fn negation_at(&self, i: usize, lex: &Lexicons) -> bool {
        self.may_be(i, lexicon::flag::NEGATION)
            && lex.negation.iter().any(|ph| self.phrase_at(i, ph))
    }
    pub fn is_word(&self, i: usize, w: &str) -> bool {
        self.text(i) == w
    }
    fn is_dash(&self, i: usize) -> bool {
        matches!(self.text(i), "-" | "–" | "—" | "‒")
    }
}

/// A number without its modifiers.
#[derive(Debug, Clone, Copy)]
struct Core {
    end: usize,
    lo: f64,
    hi: f64,
    approx: bool,
    vague: bool,
    scaled: bool,
    year_like: bool,
    percent: bool,
    plain_small: bool,
}

/// Finds every number expression of a plain text (for tests and tools).
pub fn parse_text(text: &str) -> Vec<NumberMatch> {
    let lower = text.to_ascii_lowercase();
    let toks = tokenize(&lower);
    let flags = token_flags(&lower, &toks);
    scan(&Toks {
        lower: &lower,
        toks: &toks,
        flags: &flags,
    })
}

/// Every number expression of the tokens, left to right, not overlapping.
pub fn scan(t: &Toks) -> Vec<NumberMatch> {
    let lex = lexicon::get();
    // Every number token may open a match: reserve for them rather than regrow.
    let numbers = t.toks.iter().filter(|x| x.kind == Kind::Num).count();
    let mut out = Vec::with_capacity(numbers);
    let mut i = 0;
    while i < t.toks.len() {
        if !could_start(t, i, lex) {
            i += 1;
            continue;
        }
        match expression(t, i, lex) {
            Some(m) => {
                i = m.toks.end.max(i + 1);
                if let Some(prev) = out.last_mut() {
                    if merge_bounds(t, prev, &m) {
                        continue;
                    }
                }
                out.push(m);
            }
            None => i += 1,
        }
    }
    out
}

/// "more than 10 and less than 20", "at most 100 and at least 20": one range.
fn merge_bounds(t: &Toks, a: &mut NumberMatch, b: &NumberMatch) -> bool {
    let joined = matches!(t.text(a.toks.end), "and" | "but" | ",")
        && a.toks.end + 1 == b.toks.start
        || (t.text(a.toks.end) == ","
            && t.text(a.toks.end + 1) == "but"
            && a.toks.end + 2 == b.toks.start);
    if !joined || !a.modified || !b.modified || a.unit != b.unit {
        return false;
    }
    let (lo, hi) = match (a.min, a.max, b.min, b.max) {
        (Some(lo), None, None, Some(hi)) | (None, Some(hi), Some(lo), None) => (lo, hi),
        _ => return false,
    };
    if lo > hi {
        return false;
    }
    a.min = Some(lo);
    a.max = Some(hi);
    a.range_of_two = true;
    a.range = a.range.start..b.range.end;
    a.toks = a.toks.start..b.toks.end;
    true
}

fn could_start(t: &Toks, i: usize, _lex: &Lexicons) -> bool {
    match t.kind(i) {
        Some(Kind::Num) => true,
        Some(Kind::Word) => {
            if !t.has(i, lexicon::flag::NUMBER | lexicon::flag::VAGUE) {
                return false;
            }
            let w = t.text(i);
            !(w == "one"
                && i > 0
                && matches!(
                    t.text(i - 1),
                    "the" | "this" | "that" | "which" | "each" | "every" | "no" | "any" | "another"
                ))
        }
        _ => false,
    }
}

/// A full expression whose number starts at token `i`.
fn expression(t: &Toks, i: usize, lex: &Lexicons) -> Option<NumberMatch> {
    let c1 = core(t, i, lex)?;
    let (mut unit, mut end) = suffix_unit(t, c1.end, lex);
    if c1.percent {
        unit = Some("percent".to_string());
    }
    let (mut lo, mut hi, mut approx) = (c1.lo, c1.hi, c1.approx);
    let mut range_of_two = false;
    let mut year_range = false;
    let between = i > 0 && t.is_word(i - 1, "between");
    let tail = if c1.vague {
        None
    } else {
        range_tail(t, end, between, lex)
    };
    if let Some((c2, e2, u2)) = tail {
        let mut lo1 = c1.lo;
        if !c1.scaled && c2.scaled && c2.lo >= 1000.0 && lo1 < 1000.0 {
            lo1 *= scale_of(c2.lo); // "2 to 3 million"
        }
        if c2.hi >= lo1 {
            lo = lo1;
            hi = c2.hi;
            approx = true;
            range_of_two = true;
            year_range = c2.year_like;
            end = e2;
            if unit.is_none() {
                unit = u2;
            }
        }
    }
    let (mut min, mut max) = (Some(lo), Some(hi));
    // Tail modifiers: "5,000 or more", "5,000+", "but less than 200,000".
    let tail2 = (t.text(end), t.text(end + 1));
    if matches!(
        tail2,
        (
            "or" | "and",
            "more" | "greater" | "higher" | "above" | "over"
        )
    ) {
        max = None;
        end += 2;
    } else if matches!(
        tail2,
        ("or", "less" | "fewer" | "lower" | "below" | "under")
    ) {
        min = None;
        end += 2;
    } else if t.is_word(end, "+") && t.glued(end) {
        max = None;
        end += 1;
    } else if t.is_word(end, "or") && t.is_word(end + 1, "so") {
        approx = true;
        end += 2;
    }
    if let Some((cap, e)) = but_less_than(t, end, lex) {
        max = Some(cap);
        end = e;
    }
    // Prefix unit, then modifiers before it.
    let mut start = i;
    if let Some((u, s)) = prefix_unit(t, i, lex) {
        unit = Some(u);
        start = s;
    }
    let mut modified = false;
    let sign_glued = start > 0
        && t.text(start - 1) == "-"
        && t.glued(start)
        && (start == 1 || !t.glued(start - 1));
    if start > 0 && (matches!(t.text(start - 1), "minus" | "negative") || sign_glued) {
        start -= 1;
        min = min.map(|v| -v);
        max = max.map(|v| -v);
    }
    if let Some((effect, s)) = modifier_before(t, start, lex) {
        start = s;
        modified = true;
        match effect {
            Effect::Min => max = None,
            Effect::Max => min = None,
            Effect::Approx => approx = true,
            Effect::MinApprox => {
                max = None;
                approx = true;
            }
            Effect::MaxApprox => {
                min = None;
                approx = true;
            }
        }
        if effect == Effect::Max || effect == Effect::MaxApprox {
            max = Some(if range_of_two { hi } else { max.unwrap_or(hi) });
        }
    }
    if between && range_of_two {
        start = i - 1;
    }
    let (bs, be) = (t.toks[start].start, t.toks[end - 1].end);
    Some(NumberMatch {
        range: bs..be,
        toks: start..end,
        core: i..c1.end,
        min,
        max,
        approximate: approx,
        unit: unit.clone(),
        vague: c1.vague,
        year_like: c1.year_like && unit.is_none() && (!range_of_two || year_range),
        range_of_two,
        plain_small: c1.plain_small,
        modified,
    })
}

fn scale_of(v: f64) -> f64 {
    let mut s = 1.0;
    while s * 1000.0 <= v {
        s *= 1000.0;
    }
    s
}

/// The second half of a range: "to 2,500", "–1,400", "or 2,000", "and 30".
fn range_tail(
    t: &Toks,
    j: usize,
    between: bool,
    lex: &Lexicons,
) -> Option<(Core, usize, Option<String>)> {
    let w = t.text(j);
    let connector =
        w == "to" || w == "or" || w == "through" || (w == "and" && between) || t.is_dash(j);
    if !connector {
        return None;
    }
    let mut k = j + 1;
    if t.is_word(k, "about") || t.is_word(k, "around") || t.is_word(k, "some") {
        k += 1;
    }
    if t.is_dash(j) && t.kind(k) != Some(Kind::Num) {
        return None;
    }
    if w == "or" && !matches!(t.kind(k), Some(Kind::Num)) && t.number_word(k, lex).is_none() {
        return None;
    }
    let c2 = core(t, k, lex)?;
    if c2.vague {
        return None; // "a few hundreds to a few thousands": two estimates
    }
    let (u, e) = suffix_unit(t, c2.end, lex);
    let u = if c2.percent {
        Some("percent".to_string())
    } else {
        u
    };
    Some((c2, e, u))
}

fn but_less_than(t: &Toks, j: usize, lex: &Lexicons) -> Option<(f64, usize)> {
    let mut k = j;
    if t.is_word(k, ",") {
        k += 1;
    }
    if !t.is_word(k, "but") {
        return None;
    }
    k += 1;
    if !(matches!(t.text(k), "less" | "fewer") && t.is_word(k + 1, "than")) {
        return None;
    }
    let c = core(t, k + 2, lex)?;
    Some((c.hi, c.end))
}

fn suffix_unit(t: &Toks, j: usize, lex: &Lexicons) -> (Option<String>, usize) {
    // Unit phrases start with a flagged word (or a symbol).
    if !t.may_be(j, lexicon::flag::UNIT_FIRST) {
        return (None, j);
    }
    for &k in lexicon::ix(&lex.units_first, t.text(j)) {
        let (p, pos, u) = &lex.units[k];
        if *pos == UnitPos::Suffix && t.phrase_at(j, p) {
            return (Some(u.clone()), j + p.len());
        }
    }
    (None, j)
}

fn prefix_unit(t: &Toks, i: usize, lex: &Lexicons) -> Option<(String, usize)> {
    if i > 0 && !t.may_be(i - 1, lexicon::flag::UNIT_LAST) {
        return None;
    }
    let last = if i > 0 { t.text(i - 1) } else { "" };
    lexicon::ix(&lex.units_last, last)
        .iter()
        .map(|&k| &lex.units[k])
        .find(|(p, pos, _)| *pos == UnitPos::Prefix && t.phrase_before(i, p))
        .map(|(p, _, u)| (u.clone(), i - p.len()))
}

fn modifier_before(t: &Toks, i: usize, lex: &Lexicons) -> Option<(Effect, usize)> {
    if i > 0 && !t.may_be(i - 1, lexicon::flag::MODIFIER_LAST) {
        return None;
    }
    let last = if i > 0 { t.text(i - 1) } else { "" };
    let (p, e) = lexicon::ix(&lex.modifiers_last, last)
        .iter()
        .map(|&k| &lex.modifiers[k])
        .find(|(p, _)| t.phrase_before(i, p))?;
    let s = i - p.len();
    // A symbol (">", "<=") must sit on the number's line, not open it (a quote mark in markdown).
    if (s..i).all(|k| t.kind(k) == Some(Kind::Punct)) {
        let from = t.toks[s].start;
        let line_start = t.lower[..from].rfind('\n').map_or(0, |x| x + 1);
        let gap = &t.lower[t.toks[i - 1].end..t.toks[i].start];
        if gap.contains('\n') || t.lower[line_start..from].trim().is_empty() && line_start > 0 {
            return None;
        }
    }
    Some((*e, s))
}

/// The number itself at token `i`.
fn core(t: &Toks, i: usize, lex: &Lexicons) -> Option<Core> {
    if let Some(c) = vague(t, i, lex) {
        return Some(c);
    }
    // A word that is no number word ("in", "several") opens only a vague phrase.
    if t.kind(i) == Some(Kind::Word) && !t.has(i, lexicon::flag::NUMBER) {
        return None;
    }
    if let Some(c) = fraction(t, i, lex) {
        return Some(c);
    }
    match t.kind(i)? {
        Kind::Num => digits(t, i, lex),
        Kind::Word => words(t, i, lex),
        Kind::Punct => None,
    }
}

fn vague(t: &Toks, i: usize, lex: &Lexicons) -> Option<Core> {
    // Every vague phrase's first word is flagged.
    if !t.may_be(i, lexicon::flag::VAGUE) {
        return None;
    }
    let (p, lo, hi) = lexicon::ix(&lex.vague_first, t.text(i))
        .iter()
        .map(|&k| &lex.vague[k])
        .find(|(p, _, _)| t.phrase_at(i, p))?;
    Some(Core {
        end: i + p.len(),
        lo: *lo,
        hi: *hi,
        approx: true,
        vague: true,
        scaled: true,
        year_like: false,
        percent: false,
        plain_small: false,
    })
}

/// "half of", "a third of", "two-thirds of", "1/9 of": a share in percent.
fn fraction(t: &Toks, i: usize, lex: &Lexicons) -> Option<Core> {
    let mut k = i;
    let mut numerator = 1.0;
    if matches!(t.text(k), "a" | "one") {
        k += 1;
    } else if let Some((v, WordKind::Unit)) = t.number_word(k, lex) {
        if t.fraction(k + 1, lex).is_some()
            || (t.is_dash(k + 1) && t.fraction(k + 2, lex).is_some())
        {
            numerator = *v;
            k += 1;
        }
    } else if t.kind(k) == Some(Kind::Num)
        && t.is_word(k + 1, "/")
        && t.glued(k + 1)
        && t.kind(k + 2) == Some(Kind::Num)
    {
        let a: f64 = t.text(k).parse().ok()?;
        let b: f64 = t.text(k + 2).parse().ok()?;
        if b == 0.0 || !t.is_word(k + 3, "of") {
            return None;
        }
        let v = (a / b * 10000.0).round() / 100.0;
        return Some(share(k + 3, v));
    }
    if t.is_dash(k) && k > i {
        k += 1;
    }
    let pct = *t.fraction(k, lex)?;
    if !t.is_word(k + 1, "of") {
        return None;
    }
    Some(share(k + 1, (numerator * pct * 100.0).round() / 100.0))
}

fn share(end: usize, v: f64) -> Core {
    Core {
        end,
        lo: v,
        hi: v,
        approx: false,
        vague: false,
        scaled: false,
        year_like: false,
        percent: true,
        plain_small: false,
    }
}

fn digits(t: &Toks, i: usize, lex: &Lexicons) -> Option<Core> {
    let raw = t.text(i);
    // Only grouped numbers need their commas removed (and a new string).
    let mut v: f64 = if raw.contains(',') {
        raw.replace(',', "").parse().ok()?
    } else {
        raw.parse().ok()?
    };
    let mut end = i + 1;
    let plain = !raw.contains([',', '.']);
    // "2 000": a space-separated thousands group.
    if plain && raw.len() <= 3 {
        while t.kind(end) == Some(Kind::Num) && group_of_three(t.text(end)) && thin_gap(t, end) {
            let g = t.text(end);
            v = v * 1000.0 + g.parse::<f64>().ok()?;
            end += 1;
            if g.contains('.') {
                break;
            }
        }
    }
    let grouped = end > i + 1;
    let mut scaled = false;
    if let Some((s, kind)) = t.number_word(end, lex) {
        let ok = match kind {
            WordKind::Scale | WordKind::Hundred => true,
            WordKind::Suffix => {
                t.glued(end)
                    && !t
                        .kind(end + 1)
                        .is_some_and(|k| k == Kind::Word && t.glued(end + 1))
            }
            _ => false,
        };
        if ok {
            v *= s;
            end += 1;
            scaled = true;
        }
    }
    let year_like =
        plain && !grouped && !scaled && raw.len() == 4 && (1000.0..=2100.0).contains(&v);
    Some(Core {
        end,
        lo: v,
        hi: v,
        approx: false,
        vague: false,
        scaled,
        year_like,
        percent: false,
        plain_small: false,
    })
}

/// "234" or "567.89": a group of a space-separated number.
fn group_of_three(s: &str) -> bool {
    let int = s.split('.').next().unwrap_or("");
    int.len() == 3 && !s.contains(',') && s.matches('.').count() <= 1
}

/// True if tokens `k - 1` and `k` are separated by exactly one space-like char.
fn thin_gap(t: &Toks, k: usize) -> bool {
    let gap = &t.lower[t.toks[k - 1].end..t.toks[k].start];
    matches!(gap, " " | "\u{a0}" | "\u{202f}" | "\u{2009}")
}

/// Number words: "twenty-two", "a hundred", "three hundred and thirty one", "half a million".
fn words(t: &Toks, i: usize, lex: &Lexicons) -> Option<Core> {
    let mut j = i;
    let mut total = 0.0;
    let mut cur = 0.0;
    let mut last: Option<WordKind> = None;
    let mut count = 0;
    let mut half = false;
    if t.is_word(j, "half") {
        half = true;
        j += 1;
        if t.is_word(j, "a") {
            j += 1;
        }
        if !matches!(t.number_word(j, lex), Some((_, WordKind::Scale))) {
            return None;
        }
    }
    loop {
        let w = t.text(j);
        if matches!(w, "a" | "an") && last.is_none() && !half {
            let next = t.number_word(j + 1, lex).map(|x| x.1);
            if matches!(
                next,
                Some(WordKind::Hundred | WordKind::Scale | WordKind::Dozen)
            ) {
                cur = 1.0;
                j += 1;
                continue;
            }
            break;
        }
        if w == "and" && matches!(last, Some(WordKind::Hundred | WordKind::Scale)) {
            let next = t.number_word(j + 1, lex).map(|x| x.1);
            if matches!(next, Some(WordKind::Unit | WordKind::Ten)) {
                j += 1;
                continue;
            }
            break;
        }
        if t.is_dash(j) && last == Some(WordKind::Ten) && t.glued(j) {
            if let Some((_, WordKind::Unit)) = t.number_word(j + 1, lex) {
                j += 1;
                continue;
            }
            break;
        }
        let Some(&(v, kind)) = t.number_word(j, lex) else {
            break;
        };
        let ok = match kind {
            WordKind::Unit => match last {
                None | Some(WordKind::Hundred | WordKind::Scale) => true,
                Some(WordKind::Ten) => v < 10.0,
                _ => false,
            },
            WordKind::Ten => matches!(last, None | Some(WordKind::Hundred | WordKind::Scale)),
            WordKind::Hundred => {
                matches!(last, Some(WordKind::Unit | WordKind::Ten))
                    || (last.is_none() && cur == 1.0)
            }
            WordKind::Scale => last.is_some() || cur == 1.0 || half,
            WordKind::Dozen => matches!(last, Some(WordKind::Unit | WordKind::Ten)) || cur == 1.0,
            WordKind::Suffix => false,
        };
        if !ok {
            break;
        }
        match kind {
            WordKind::Unit | WordKind::Ten => cur += v,
            WordKind::Hundred => cur = cur.max(1.0) * 100.0,
            WordKind::Dozen => cur = cur.max(1.0) * 12.0,
            WordKind::Scale => {
                total += cur.max(if half { 0.5 } else { 1.0 }) * v;
                cur = 0.0;
            }
            WordKind::Suffix => {}
        }
        last = Some(kind);
        count += 1;
        j += 1;
    }
    if count == 0 {
        return None;
    }
    let v = total + cur;
    Some(Core {
        end: j,
        lo: v,
        hi: v,
        approx: false,
        vague: false,
        scaled: matches!(last, Some(WordKind::Scale)),
        year_like: false,
        percent: false,
        plain_small: count == 1 && v < 10.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> (Option<f64>, Option<f64>, bool, Option<String>) {
        let m = parse_text(s);
        let m = m.first().unwrap_or_else(|| panic!("no number in {s:?}"));
        (m.min, m.max, m.approximate, m.unit.clone())
    }

    #[test]
    fn digits_and_words() {
        assert_eq!(one("2,000 men").0, Some(2000.0));
        assert_eq!(one("2 000 men").0, Some(2000.0));
        assert_eq!(one("2.5 million").0, Some(2_500_000.0));
        assert_eq!(one("twenty-two").0, Some(22.0));
        assert_eq!(one("a hundred").0, Some(100.0));
        assert_eq!(one("three hundred and thirty one").0, Some(331.0));
        assert_eq!(one("half a million").0, Some(500_000.0));
    }

    #[test]
    fn ranges_bounds_and_vague() {
        assert_eq!(
            one("2000 to 2500 men"),
            (Some(2000.0), Some(2500.0), true, None)
        );
        assert_eq!(
            one("about 700-1,400 men"),
            (Some(700.0), Some(1400.0), true, None)
        );
        assert_eq!(one("more than 11,000"), (Some(11000.0), None, false, None));
        assert_eq!(one("up to 5,000"), (None, Some(5000.0), true, None));
        assert_eq!(
            one("a few hundreds"),
            (Some(200.0), Some(900.0), true, None)
        );
        assert_eq!(
            one("in the tens of thousands but less than 200,000").1,
            Some(200_000.0)
        );
        assert_eq!(one("more than a dozen").0, Some(12.0));
        assert_eq!(one("between 20 and 30").1, Some(30.0));
    }

    #[test]
    fn units() {
        assert_eq!(one("$35 million").3.as_deref(), Some("USD"));
        assert_eq!(one("$35 million").0, Some(35e6));
        assert_eq!(one("ninety percent of").0, Some(90.0));
        assert_eq!(one("at least 69% hold").3.as_deref(), Some("percent"));
        assert_eq!(one("about 1/9 of them").0, Some(11.11));
        assert_eq!(one("half of these").3.as_deref(), Some("percent"));
        assert_eq!(one("12 km").3.as_deref(), Some("km"));
    }
}
