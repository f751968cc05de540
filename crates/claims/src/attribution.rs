//! Who states a claim: "according to X", "X said/estimates/reported",
//! "a report by X", "X's report", pronoun speakers ("he said") resolved to
//! the last person or organisation, and sentences that continue the
//! previous sentence's attribution inside one paragraph.

use evident_model::EntityKind;

use crate::lexicon;
use crate::prep::{can_speak, Prep};
use crate::tokens::Kind;

/// The source entity id of each sentence (own or carried over), by sentence index.
pub fn sources(p: &Prep) -> Vec<Option<String>> {
    let n = p.ctx.sentences.len();
    let mut out: Vec<Option<String>> = Vec::with_capacity(n);
    for si in 0..n {
        let own = own_source(p, si, &out);
        let s = &p.ctx.sentences[si];
        let carried = || {
            let prev = si.checked_sub(1)?;
            let ps = &p.ctx.sentences[prev];
            (ps.paragraph == s.paragraph && !s.heading && !s.table_row && continues(p, si))
                .then(|| out[prev].clone())
                .flatten()
        };
        let v = own.or_else(carried);
        out.push(v);
    }
    share_within_quotes(p, &mut out);
    out
}

/// A quotation that runs over several sentences has one speaker: the source
/// found in any of its sentences ("“... . ...,” he said.") goes to the others.
fn share_within_quotes(p: &Prep, out: &mut [Option<String>]) {
    let mut group: Vec<usize> = Vec::new();
    let mut depth = 0i32;
    let mut para = usize::MAX;
    // Quote marks found once in the whole text, then counted per sentence:
    // one search per sentence costs more in set-up than in reading.
    let (open_at, close_at) = curly_quotes(p.ctx.text);
    let count = |v: &[usize], r: &std::ops::Range<usize>| {
        (v.partition_point(|&x| x < r.end) - v.partition_point(|&x| x < r.start)) as i32
    };
    for (si, s) in p.ctx.sentences.iter().enumerate() {
        if s.paragraph != para {
            flush_quote(&group, out);
            group.clear();
            depth = 0;
            para = s.paragraph;
        }
        let opens = count(&open_at, &s.range);
        let closes = count(&close_at, &s.range);
        if depth > 0 || opens > closes {
            group.push(si);
        }
        depth = (depth + opens - closes).max(0);
        if depth == 0 {
            if group.len() > 1 {
                flush_quote(&group, out);
            }
            group.clear();
        }
    }
    flush_quote(&group, out);
}

/// Where the curly double quotes (“ and ”) are, in one vectorised pass
/// over their last bytes (0x9C, 0x9D), which are rare in other chars.
fn curly_quotes(text: &str) -> (Vec<usize>, Vec<usize>) {
    let b = text.as_bytes();
    let (mut open, mut close) = (Vec::new(), Vec::new());
    for end in memchr::memchr2_iter(0x9C, 0x9D, b) {
        let Some(start) = end.checked_sub(2) else {
            continue;
        };
        match &b[start..=end] {
            [0xE2, 0x80, 0x9C] => open.push(start),
            [0xE2, 0x80, 0x9D] => close.push(start),
            _ => {}
        }
    }
    (open, close)
}

fn flush_quote(group: &[usize], out: &mut [Option<String>]) {
    if group.len() < 2 {
        return;
    }
    let Some(speaker) = group.iter().find_map(|&i| out[i].clone()) else {
        return;
    };
    for &i in group {
        if out[i].is_none() {
            out[i] = Some(speaker.clone());
        }
    }
}

/// True when a sentence opens as a continuation of the one before
/// ("Of those fighters, ...", "The report also ..."): it keeps its source and time.
pub fn continues(p: &Prep, si: usize) -> bool {
    let lex = lexicon::get();
    let t = p.t();
    let r = p.sentence_toks(si);
    let mut k = r.start;
    while k < r.end && t.kind(k) == Some(Kind::Punct) {
        k += 1;
    }
    let w = t.text(k);
    let starts = |ix: &crate::lexicon::Ix, ps: &[crate::lexicon::Phrase]| {
        crate::lexicon::ix(ix, w)
            .iter()
            .any(|&i| t.phrase_at(k, &ps[i]))
    };
    starts(&lex.continue_first, &lex.continue_markers)
        && !starts(&lex.break_first, &lex.break_markers)
}

/// The source a sentence names itself.
fn own_source(p: &Prep, si: usize, before: &[Option<String>]) -> Option<String> {
    let t = p.t();
    let r = p.sentence_toks(si);
    for i in r
        .clone()
        .filter(|&i| t.has(i, crate::lexicon::flag::REPORT))
    {
        let w = t.text(i);
        if w == "according" && t.is_word(i + 1, "to") {
            let best = speaker_after(p, i + 2, r.end, 12, false);
            if let Some(id) = best.or_else(|| speaker_after(p, i + 2, r.end, 8, true)) {
                return Some(id);
            }
        }
        // The word lists as flags of the tokens: no hashing per test.
        use crate::lexicon::flag::{PUBLISH_VERB, REPORTING_VERB, REPORT_NOUN};
        if t.has(i, REPORT_NOUN) && t.kind(i) == Some(Kind::Word) {
            if let Some(id) = report_by(p, i, r.start, r.end) {
                return Some(id);
            }
        }
        let publish =
            t.has(i, PUBLISH_VERB) && (i + 1..(i + 5).min(r.end)).any(|k| t.has(k, REPORT_NOUN));
        if (t.has(i, REPORTING_VERB) || publish)
            && p.mention_at(i).is_none()
            && !after_determiner(p, i, r.start)
            && verb_use(p, i, r.end)
        {
            if let Some(id) = verb_speaker(p, si, i, r.start, r.end, before) {
                return Some(id);
            }
        }
    }
    None
}

/// False for a passive ("are said to") and for an "-s" form read as a plural
/// noun ("EU member states"): such a verb needs "that", a colon, a quote or a
/// number after it, or its speaker right before it.
fn verb_use(p: &Prep, i: usize, end: usize) -> bool {
    let t = p.t();
    if i > 0
        && matches!(
            t.text(i - 1),
            "is" | "are" | "was" | "were" | "be" | "been" | "being"
        )
    {
        return false;
    }
    let w = t.text(i);
    if !w.ends_with('s') || w == "says" || w.ends_with("ss") {
        return true;
    }
    let next_ok = i + 1 < end
        && (matches!(t.text(i + 1), "that" | ":" | "“" | "\"")
            || t.kind(i + 1) == Some(Kind::Num)
            || t.has(i + 1, crate::lexicon::flag::NUMBER));
    next_ok || (i > 0 && p.mention_at(i - 1).is_some())
}

fn after_determiner(p: &Prep, i: usize, start: usize) -> bool {
    i > start
        && matches!(
            p.t().text(i - 1),
            "the"
                | "a"
                | "an"
                | "these"
                | "those"
                | "two"
                | "its"
                | "their"
                | "his"
                | "her"
                | "of"
                | "official"
                | "recent"
        )
}

/// The first speaking mention in `[from, end)`, within `max` tokens
/// (countries only when `states`: "according to the US group X" is X).
fn speaker_after(p: &Prep, from: usize, end: usize, max: usize, states: bool) -> Option<String> {
    let t = p.t();
    for i in from..end.min(from + max) {
        if matches!(t.text(i), "." | ";" | ":" | ",") {
            break;
        }
        if let Some(m) = p.mention_at(i) {
            if can_speak(m.kind) && (states || m.kind != EntityKind::Country) {
                return Some(m.entity.clone());
            }
        }
    }
    None
}

/// "a report (issued/published) by X", "X's report", "X report".
fn report_by(p: &Prep, i: usize, start: usize, end: usize) -> Option<String> {
    let t = p.t();
    let mut k = i + 1;
    if matches!(
        t.text(k),
        "issued" | "published" | "released" | "compiled" | "produced" | "prepared"
    ) {
        k += 1;
    }
    if t.is_word(k, "by") || t.is_word(k, "from") {
        if let Some(id) = speaker_after(p, k + 1, end, 5, true) {
            return Some(id);
        }
    }
    // "X's report" / "the X report": the mention ends right before.
    let mut j = i;
    while j > start
        && (matches!(
            t.text(j - 1),
            "'" | "’" | "s" | "latest" | "new" | "recent" | "annual"
        ))
    {
        j -= 1;
    }
    let m = p.mention_at(j.checked_sub(1)?)?;
    (can_speak(m.kind) && j > start).then(|| m.entity.clone())
}

/// The speaker of a reporting verb at `v`: the nearest speaking mention
/// before it in the clause, a pronoun resolved backwards, or one right after.
fn verb_speaker(
    p: &Prep,
    si: usize,
    v: usize,
    start: usize,
    end: usize,
    before: &[Option<String>],
) -> Option<String> {
    let t = p.t();
    let mut i = v;
    let lo = start.max(v.saturating_sub(14));
    while i > lo {
        i -= 1;
        let w = t.text(i);
        if matches!(w, ";" | "“" | "”" | "\"") && i + 1 < v {
            break;
        }
        if let Some(m) = p.mention_at(i) {
            if let Some(person) = apposition_head(p, m, lo, v) {
                return Some(person);
            }
            if can_speak(m.kind) && state_may_speak(p, m, i, v) {
                return Some(m.entity.clone());
            }
            continue;
        }
        if matches!(w, "he" | "she" | "it" | "they") && i + 3 >= v {
            return pronoun(p, si, i, w, before);
        }
        if w == "that" && i + 1 < v {
            break; // a relative clause: "...that X said" is handled at X
        }
    }
    // Inverted attribution only after a quote or comma: "..., said X".
    let inverted = v == start || matches!(t.text(v - 1), "," | "”" | "\"" | "’");
    if v + 1 < end && inverted {
        if let Some(id) = speaker_after(p, v + 1, end, 3, true) {
            return Some(id);
        }
    }
    None
}

/// The person an apposition describes, when `m` sits inside one right before
/// the verb: in "Erlan Karin, a scholar at the X Institute, told" the speaker
/// is the person, not the institute.
fn apposition_head(
    p: &Prep,
    m: &evident_text::EntityMention,
    lo: usize,
    v: usize,
) -> Option<String> {
    let t = p.t();
    if m.kind == EntityKind::Person || v == 0 || t.text(v - 1) != "," {
        return None;
    }
    let mut c = p.tok_at(m.range.start);
    while c > lo {
        c -= 1;
        match t.text(c) {
            "," => break,
            ";" | "." | "\"" | "“" | "”" => return None,
            _ => {}
        }
    }
    let opens = matches!(
        t.text(c + 1),
        "a" | "an" | "the" | "who" | "one" | "its" | "his" | "her"
    );
    let head = p.mention_at(c.checked_sub(1)?)?;
    (t.text(c) == "," && opens && head.kind == EntityKind::Person).then(|| head.entity.clone())
}

/// A state speaks as the subject right before the verb ("China said") or as
/// the owner of the speaker ("China's envoy ... said"), not as an adjective
/// ("Chinese experts have revealed") nor from further away.
fn state_may_speak(p: &Prep, m: &evident_text::EntityMention, i: usize, v: usize) -> bool {
    if !matches!(m.kind, EntityKind::Country | EntityKind::ArmedGroup) {
        return true;
    }
    let t = p.t();
    // "The war in Afghanistan revealed": the object of a preposition is not the speaker.
    if i > 0
        && matches!(
            t.text(p.tok_at(m.range.start).saturating_sub(1)),
            "in" | "at" | "from" | "to" | "into" | "on" | "against" | "with"
        )
    {
        return false;
    }
    let after = p.tok_at(m.range.end);
    let possessive = matches!(t.text(after), "'" | "’") && t.is_word(after + 1, "s");
    let adjective =
        t.kind(after) == Some(Kind::Word) && after < v && !p.capitalized(after) && !possessive;
    possessive || (i + 4 >= v && !adjective)
}

/// Resolves "he/she" to the last person, "it/they" to the last organisation or state.
fn pronoun(p: &Prep, si: usize, i: usize, w: &str, before: &[Option<String>]) -> Option<String> {
    let want_person = matches!(w, "he" | "she");
    let first = si.saturating_sub(3);
    let from = p.ctx.sentences.get(first)?.range.start;
    let to = p.toks.get(i)?.start;
    let found = p
        .ctx
        .mentions_in(&(from..to))
        .iter()
        .rev()
        .find(|m| {
            if want_person {
                m.kind == EntityKind::Person
            } else {
                matches!(m.kind, EntityKind::Organization | EntityKind::Country)
            }
        })
        .map(|m| m.entity.clone());
    found.or_else(|| {
        si.checked_sub(1)
            .and_then(|k| before.get(k).cloned().flatten())
    })
}

#[cfg(test)]
mod tests {
    use super::curly_quotes;

    #[test]
    fn curly_quotes_are_found_by_their_bytes_only() {
        // 'Ŝ' ends in 0x9C and '✝' in 0x9D like the quotes; neither is one.
        let text = "“He said Ŝ ✝,” she wrote. “Yes.”";
        let (open, close) = curly_quotes(text);
        let at = |q: char| text.match_indices(q).map(|(i, _)| i).collect::<Vec<_>>();
        assert_eq!((open, close), (at('“'), at('”')));
    }
}
